"""Stories: the same kind of development happening to someone else is another development.

Two players of one club arrested for drunk driving a month apart share the club, the city, the
police and every word of the charge; what differs is who was arrested.  These tests pin down how
the people of a lead's events are read (persons only, named more than once, statements left out,
surnames as keys) and that they split two such arrests while reports of one arrest stay together.
"""

from __future__ import annotations

from datetime import datetime

from dossier.model import Article, DocAnalysis, Entity, Event, Mention
from dossier.resolve.stories import StoryConfig, StoryIndex, StoryState, lead_end, lead_people
from dossier.store import Store, crossdoc
from dossier.store.write import save_article
from test_crossdoc_store import _stub_articles
from test_stories import FILLER

# On a stream of a few articles every name is rare and the second arrest scores far above the
# threshold; a strong factor shows the contrast splitting it, the default one only lowers it.
STRONG = StoryConfig(people_contrast_factor=0.2)

VELKOV_A = (
    "Harbor City Gulls winger Dario Velkov was arrested on suspicion of drunk driving early Sunday, "
    "state police said. Velkov was stopped on Route 9 after midnight and released on bail; the Gulls "
    "said they were aware of the arrest of Velkov and would not comment further."
)
VELKOV_B = (
    "Police arrested Gulls winger Dario Velkov on suspicion of drunk driving on Route 9, the club "
    "confirmed. Velkov failed a sobriety test and was released on bail; coach Anna Serrat said Velkov "
    "would play in the Harbor City derby."
)
TARNOV = (
    "Harbor City Gulls defender Miro Tarnov was arrested on suspicion of drunk driving early Sunday, "
    "state police said. Tarnov was stopped on Route 9 after midnight and released on bail; the Gulls "
    "said they were aware of the arrest of Tarnov and would not comment further."
)


def _person(text: str, name: str) -> list[Mention]:
    """One person mention per occurrence of ``name`` (or its last word alone) in ``text``."""
    out: list[Mention] = []
    surname = name.split()[-1]
    start = text.find(surname)
    while start >= 0:
        out.append(Mention(surname, start, start + len(surname), "person", name))
        start = text.find(surname, start + 1)
    return out


def _arrest(text: str, name: str) -> list[Event]:
    at = text.index("arrested")
    return [Event("COERCE", at, at + 8, trigger="arrested", targets=(name,))]


def _people(text: str, name: str) -> frozenset[str]:
    return lead_people(_arrest(text, name), _person(text, name), lead_end(text, 20))


def _index(config: StoryConfig) -> StoryIndex:
    index = StoryIndex(config=config)
    for n, text in enumerate(FILLER):
        index.add(f"f{n}", text)
    return index


def test_lead_people_are_persons_named_twice_in_events_of_the_lead() -> None:
    assert _people(VELKOV_A, "Dario Velkov") == frozenset({"COERCE=velkov"})
    # the surname key: the full name in the event, the surname alone elsewhere
    assert _people(TARNOV, "Miro Tarnov") == frozenset({"COERCE=tarnov"})
    velkov = _person(VELKOV_A, "Dario Velkov")
    arrest = _arrest(VELKOV_A, "Dario Velkov")
    # an event after the lead, a statement, an organisation, a person named once: none counts
    assert lead_people(arrest, velkov, arrest[0].start) == frozenset()
    said = [Event("STATEMENT", 0, 4, actors=("Dario Velkov",))]
    assert lead_people(said, velkov, 200) == frozenset()
    club = [Mention("Gulls", 0, 5, "org", "Harbor City Gulls"), Mention("Gulls", 90, 95, "org", "Gulls")]
    assert lead_people([Event("COERCE", 0, 8, targets=("Harbor City Gulls",))], velkov + club, 200) == frozenset()
    assert lead_people(arrest, velkov[:1], 200) == frozenset()
    assert lead_people(arrest, velkov[:1], 200, min_mentions=1) == frozenset({"COERCE=velkov"})


def test_two_arrests_of_two_players_split_and_reports_of_one_arrest_stay_together() -> None:
    index = _index(STRONG)
    a = index.add("a", VELKOV_A, lead_people=_people(VELKOV_A, "Dario Velkov"))
    t = index.add("t", TARNOV, lead_people=_people(TARNOV, "Miro Tarnov"))
    b = index.add("b", VELKOV_B, lead_people=_people(VELKOV_B, "Dario Velkov"))
    assert t != a
    assert b == a
    # without the people (no event analysis) the club, the road and the charge merge the two arrests
    plain = _index(STRONG)
    assert plain.add("a", VELKOV_A) == plain.add("t", TARNOV)
    # and with the contrast off, people given or not
    off = _index(StoryConfig(people_lead_words=0))
    a = off.add("a", VELKOV_A, lead_people=_people(VELKOV_A, "Dario Velkov"))
    assert off.add("t", TARNOV, lead_people=_people(TARNOV, "Miro Tarnov")) == a


def test_people_contrast_only_within_one_event_kind_and_when_both_sides_name_people() -> None:
    index = StoryIndex(config=StoryConfig())
    vec = {"w:arrest": 0.6, "w:gulls": 0.8}
    story = StoryState("s", dict(vec) | {"p:COERCE=velkov": 0.0}, 1.0, 1)
    plain = index.score(vec, story, None)
    assert index.score(vec, story, None, people=frozenset({"COERCE=tarnov"})) == plain * 0.4
    assert index.score(vec, story, None, people=frozenset({"COERCE=tarnov", "COERCE=velkov"})) == plain
    assert index.score(vec, story, None, people=frozenset({"HEALTH=tarnov"})) == plain  # another kind
    assert index.score(vec, story, None) == plain
    # two kinds against the story's people still lower the score once
    two = StoryState("s2", dict(vec) | {"p:COERCE=velkov": 0.0, "p:HEALTH=velkov": 0.0}, 1.0, 1)
    both = frozenset({"COERCE=tarnov", "HEALTH=tarnov"})
    assert index.score(vec, two, None, people=both) == index.score(vec, two, None) * 0.4
    # a story stored before the people existed has none: no contrast
    old = StoryState("o", dict(vec), 1.0, 1)
    assert index.score(vec, old, None, people=frozenset({"COERCE=tarnov"})) == index.score(vec, old, None)


def test_lead_people_change_no_norm_survive_pruning_and_are_capped() -> None:
    index = StoryIndex(config=StoryConfig(centroid_cap=2, skip_top_shared=0, people_cap=2))
    story = StoryState("s")
    index._absorb(story, {"w:a": 0.6, "w:b": 0.8}, None, people=frozenset({"COERCE=velkov"}))
    assert story.centroid["p:COERCE=velkov"] == 0.0
    assert abs(story.sqnorm - 1.0) < 1e-9
    index._absorb(story, {"w:c": 0.6, "w:d": 0.8}, None, people=frozenset({"COERCE=tarnov", "HEALTH=arlo"}))
    index._absorb(story, {"w:a": 1.0}, None)  # more than 2 * cap terms: the centroid is pruned
    assert sorted(t for t in story.centroid if t.startswith("p:")) == ["p:COERCE=tarnov", "p:COERCE=velkov"]


def test_lead_people_are_kept_by_the_sql_store(store: Store) -> None:
    with store.begin() as conn:
        ids = _stub_articles(conn, ["a", "t", "b"] + [f"f{n}" for n in range(len(FILLER))])
        index = StoryIndex(crossdoc.SqlStoryStore(conn), STRONG)
        for n, text in enumerate(FILLER):
            index.add(ids[f"f{n}"], text)
        a = index.add(ids["a"], VELKOV_A, lead_people=_people(VELKOV_A, "Dario Velkov"))
    with store.begin() as conn:
        reread = StoryIndex(crossdoc.SqlStoryStore(conn), STRONG)  # a new transaction reads the rows
        story = reread.store.get_story(a)
        assert story is not None and "p:COERCE=velkov" in story.centroid
        assert reread.add(ids["t"], TARNOV, lead_people=_people(TARNOV, "Miro Tarnov")) != a
        assert reread.add(ids["b"], VELKOV_B, lead_people=_people(VELKOV_B, "Dario Velkov")) == a


def test_the_resolve_pass_gives_the_story_index_the_people_of_the_lead(store: Store) -> None:
    text = VELKOV_A
    analysis = DocAnalysis(
        text=text,
        language="en",
        sentences=[(0, len(text))],
        mentions=_person(text, "Dario Velkov"),
        entities=[Entity("Dario Velkov", "person")],
        events=_arrest(text, "Dario Velkov"),
    )
    article = Article(text=text, origin="gulls#1", outlet="Harbor Daily", published=datetime(2031, 3, 2, 9))
    with store.begin() as conn:
        result = save_article(conn, article, analysis)
        story_id = crossdoc.CrossArticle(conn).add(result.article_id, article, analysis)
        story = crossdoc.SqlStoryStore(conn).get_story(story_id)
        assert story is not None and "p:COERCE=velkov" in story.centroid
