"""Issue 10, stories: two developments of one kind that share every name but the person they happened to.

The texts are written for these tests: a climber, Piret Lomb, dies in a fall on the (made-up)
Kestrel Peak, and weeks later another climber, Andres Kuusk, dies in a fall from the same ridge.
The reports share the mountain, the rescue service, the ridge and every word of "fell to her death";
only the climber differs.  The reports are undated (pasted copy, an undated feed), so time cannot
tell the two deaths apart, and no event analysis is passed (no lead people): what separates them is
the person the lead names (:func:`lead_names`).  A report of the first death that leads with the
rescue chief, whom the first report also names, and a Russian report of it still join it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dossier.model import Mention
from dossier.resolve.stories import StoryConfig, StoryIndex, entity_term, lead_end, lead_names
from test_stories import FILLER

FIRST_FALL = (
    "Climber Piret Lomb fell to her death from the north ridge of Kestrel Peak, the Alpine Rescue Service "
    "said. Lomb, 34, was roped to a partner when a cornice gave way; rescue chief Mart Tammik said the "
    "helicopter reached Lomb's body at dawn. The partner was unhurt and Lomb's family has been told."
)
FIRST_FALL_RESCUE_LEAD = (
    "Rescue chief Mart Tammik said the body of the climber who fell from the north ridge of Kestrel Peak was "
    "recovered at dawn by helicopter. Tammik said a cornice gave way under Piret Lomb, 34; Tammik asked "
    "climbers to keep off the ridge. The Alpine Rescue Service said Lomb's partner was unhurt."
)
SECOND_FALL = (
    "A second climber has died on the north ridge of Kestrel Peak: Andres Kuusk, 41, fell when a cornice "
    "gave way, the Alpine Rescue Service said. Kuusk was climbing alone; a helicopter crew found Kuusk's body "
    "below the ridge in the afternoon. Kuusk had climbed in the range for twenty years."
)
RUSSIAN_FIRST_FALL = (
    "Альпинистка Пирет Ломб погибла, сорвавшись с северного гребня пика Кестрел, сообщила Альпийская "
    "спасательная служба. Под Ломб обрушился карниз; тело Ломб вертолет доставил на рассвете, "
    "рассказал руководитель спасателей Март Таммик."
)


TAMM = entity_term("Tammik")  # keys are spelling-folded: "tamik"
KUUSK = entity_term("Kuusk")


def _mentions(text: str, *people: str, places: tuple[str, ...] = ()) -> list[Mention]:
    """NER's view: a mention for each occurrence of each name's last word (its stem, for Russian)."""
    out: list[Mention] = []
    for name, kind in [(p, "person") for p in people] + [(p, "place") for p in places]:
        word = name.split()[-1][:4]
        start = text.find(word)
        while start >= 0:
            out.append(Mention(word, start, start + len(word), kind, name))
            start = text.find(word, start + 1)
    return out


def _names(text: str, *people: str) -> frozenset[str]:
    return lead_names(_mentions(text, *people), lead_end(text, 30))


def _index(config: StoryConfig | None = None) -> StoryIndex:
    """A story index that has seen unrelated news, so that document frequencies mean something."""
    index = StoryIndex(config=config)
    for n, text in enumerate(FILLER):
        index.add(f"f{n}", text)
    return index


def test_lead_names_are_people_the_lead_names_and_the_article_keeps_naming() -> None:
    assert _names(FIRST_FALL, "Piret Lomb", "Mart Tammik") == frozenset({"lomb"})  # Tammik: once only
    assert _names(FIRST_FALL_RESCUE_LEAD, "Piret Lomb", "Mart Tammik") == frozenset({TAMM})  # Lomb: after word 30
    # a person the lead does not name does not count, however often the body names him
    late = "The rescue service met in the valley on Monday. " * 6 + "Arvo Kask spoke; Kask voted; Kask left."
    assert _names(late, "Arvo Kask") == frozenset()
    # a person NER also found as a place is no person (a peak named after a man)
    mixed = _mentions(FIRST_FALL, "Piret Lomb", places=("Lomb",))
    assert lead_names(mixed, lead_end(FIRST_FALL, 30)) == frozenset()


def test_two_climbers_killed_on_one_ridge_are_two_stories() -> None:
    index = _index()
    first = index.add("a", FIRST_FALL, lead_names=_names(FIRST_FALL, "Piret Lomb"))
    second = index.add("b", SECOND_FALL, lead_names=_names(SECOND_FALL, "Andres Kuusk"))
    assert second != first


def test_without_the_lead_names_the_two_deaths_merge() -> None:
    # what the contrast is for: the mountain, the service and the words alone join the two deaths
    index = _index(StoryConfig(names_lead_words=0))
    first = index.add("a", FIRST_FALL, lead_names=_names(FIRST_FALL, "Piret Lomb"))
    assert index.add("b", SECOND_FALL, lead_names=_names(SECOND_FALL, "Andres Kuusk")) == first


def test_a_report_leading_with_someone_the_story_names_joins() -> None:
    # the rescue chief leads this report; the first report named him too, so it is the same death
    index = _index(StoryConfig(names_contrast_factor=0.01))
    first = index.add("a", FIRST_FALL, lead_names=_names(FIRST_FALL, "Piret Lomb"))
    names = _names(FIRST_FALL_RESCUE_LEAD, "Mart Tammik")
    assert names == frozenset({TAMM})
    assert index.add("c", FIRST_FALL_RESCUE_LEAD, lead_names=names) == first


def test_a_lead_naming_a_person_the_story_never_names_contrasts() -> None:
    index = _index()
    first = index.add("a", FIRST_FALL, lead_names=_names(FIRST_FALL, "Piret Lomb"))
    story = index.store.get_story(first)
    assert story is not None
    factor = index.config.names_contrast_factor
    assert index.contrast(story, frozenset(), frozenset(), names=frozenset({KUUSK})) == factor
    assert index.contrast(story, frozenset(), frozenset(), names=frozenset({TAMM})) == 1.0  # named there
    assert index.contrast(story, frozenset(), frozenset(), names=frozenset({KUUSK, "lomb"})) == 1.0  # shared


def test_a_russian_report_of_the_first_death_joins_its_story() -> None:
    day = datetime(2032, 2, 11, 9, tzinfo=UTC)
    index = _index()
    entities = ["Piret Lomb", "Kestrel Peak", "Alpine Rescue Service", "Mart Tammik"]
    names = _names(FIRST_FALL, "Piret Lomb")
    first = index.add("a", FIRST_FALL, day, entities, ["2032-02-11"], lead_names=names)
    index.add(
        "b",
        SECOND_FALL,
        day + timedelta(days=20),
        dates=["2032-03-02"],
        lead_names=_names(SECOND_FALL, "Andres Kuusk"),
    )
    ru = lead_names(_mentions(RUSSIAN_FIRST_FALL, "Пирет Ломб", "Март Таммик"), lead_end(RUSSIAN_FIRST_FALL, 30))
    assert ru == frozenset({"lomb"})  # the Cyrillic name gives the English key
    entities = ["Пирет Ломб", "Ломб", "Март Таммик", "Кестрел", "Альпийская спасательная служба"]
    joined = index.add("ru", RUSSIAN_FIRST_FALL, day + timedelta(hours=6), entities, ["2032-02-11"], lead_names=ru)
    assert joined == first
