"""Issue 10, stories: one development is one story, across days and languages; two of one topic are two.

The texts are written for these tests: the arrest of a harbour official in the (made-up) port of
Korvala for taking bribes, reported on the day and followed up three days later, then reported in
Russian; and a second arrest by the same police, a month later, of another official for another
bribe.  The last tests pin down that a place or an institution NER took for a person (a rehab
clinic, a mountain) never makes the lead-people contrast split reports of one development.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from dossier.model import Event, Mention
from dossier.resolve.stories import StoryConfig, StoryIndex, lead_end, lead_people
from test_stories import FILLER

DAY = datetime(2031, 5, 6, 9, tzinfo=UTC)

ARREST = (
    "Korvala harbour police arrested deputy harbour master Ilmar Tepp on Tuesday on suspicion of taking "
    "bribes from the Nordvik Shipping line to speed up berth permits, the Korvala prosecutor's office said. "
    "Tepp was detained at his office; investigators searched the harbour authority and seized permit files."
)
ARREST_SAME_DAY = (
    "Deputy harbour master Ilmar Tepp was detained in Korvala over bribes allegedly paid by Nordvik Shipping "
    "for berth permits, prosecutors said. Investigators seized permit files at the harbour authority, and "
    "Nordvik Shipping said it was cooperating with the Korvala harbour police."
)
CHARGED_DAYS_LATER = (
    "Prosecutors in Korvala charged deputy harbour master Ilmar Tepp with accepting bribes from Nordvik "
    "Shipping for berth permits; a court ordered Tepp held for two months while investigators examine the "
    "permit files seized at the harbour authority."
)
OTHER_ARREST = (
    "Korvala harbour police arrested customs inspector Greta Salu on suspicion of taking bribes from a fuel "
    "trader, Baltra Oil, to wave tankers through inspection, the Korvala prosecutor's office said. Salu was "
    "detained at the oil terminal; investigators searched her home and seized cash."
)
RUSSIAN_REPORT = (
    "В порту Корвала задержан заместитель капитана порта Ильмар Тепп: по данным прокуратуры города Корвала, "
    "он получал взятки от компании Nordvik Shipping за ускоренную выдачу разрешений на стоянку. Теппа "
    "задержали в его кабинете, следователи изъяли документы в администрации порта 6 мая."
)


# What the pipeline passes besides the text: the day its TIMEX stage reads, and the people of the
# lead's events (the arrested official, see ``lead_people``).
TEPP = {"dates": ["2031-05-06"], "lead_people": frozenset({"COERCE=tep"})}
SALU = {"lead_people": frozenset({"COERCE=salu"})}


def _index() -> StoryIndex:
    """A story index that has seen some unrelated news, so that document frequencies mean something."""
    index = StoryIndex()
    for n, text in enumerate(FILLER):
        index.add(f"f{n}", text, DAY - timedelta(days=40 + n))
    return index


def test_two_arrests_by_one_police_a_month_apart_are_two_stories() -> None:
    index = _index()
    first = index.add("tepp-1", ARREST, DAY, **TEPP)
    index.add("tepp-2", ARREST_SAME_DAY, DAY + timedelta(hours=5), **TEPP)
    other = index.add("salu", OTHER_ARREST, DAY + timedelta(days=31), dates=["2031-06-06"], **SALU)
    assert other != first


def test_the_same_arrest_reported_three_days_later_joins_its_story() -> None:
    index = _index()
    first = index.add("tepp-1", ARREST, DAY, **TEPP)
    assert index.add("tepp-2", ARREST_SAME_DAY, DAY + timedelta(hours=5), **TEPP) == first
    charged = {"dates": ["2031-05-09"], "lead_people": frozenset({"LEGAL=tep"})}
    assert index.add("tepp-3", CHARGED_DAYS_LATER, DAY + timedelta(days=3), **charged) == first


def test_the_other_arrest_published_the_same_day_still_stays_apart() -> None:
    # same police, same charge, same day: only the names and the places tell them apart
    index = _index()
    first = index.add("tepp-1", ARREST, DAY, **TEPP)
    index.add("tepp-2", ARREST_SAME_DAY, DAY + timedelta(hours=5), **TEPP)
    assert index.add("salu", OTHER_ARREST, DAY + timedelta(hours=8), dates=["2031-05-06"], **SALU) != first


def test_a_russian_report_of_the_arrest_joins_the_english_story() -> None:
    index = _index()
    first = index.add("tepp-1", ARREST, DAY, **TEPP)
    index.add("tepp-2", ARREST_SAME_DAY, DAY + timedelta(hours=5), **TEPP)
    other = index.add("salu", OTHER_ARREST, DAY + timedelta(hours=8), dates=["2031-05-06"], **SALU)
    assert other != first
    assert index.add("ru", RUSSIAN_REPORT, DAY + timedelta(hours=12), **TEPP) == first


RUSSIAN_OBLIQUE = (
    "В Корвале задержан заместитель капитана порта Ильмар Тепп. По данным прокуратуры, он получал взятки "
    "от судоходной компании за разрешения на стоянку; следователи изъяли документы в администрации порта 6 мая."
)


def test_a_russian_report_naming_an_unknown_town_in_another_case_joins_too() -> None:
    # the dictionary does not know Korvala: "в Корвале" keeps its case ending in its key, and the
    # report names only the town and the official, so without the town it shares one name
    index = _index()
    first = index.add("tepp-1", ARREST, DAY, **TEPP)
    index.add("tepp-2", ARREST_SAME_DAY, DAY + timedelta(hours=5), **TEPP)
    assert index.add("ru", RUSSIAN_OBLIQUE, DAY + timedelta(hours=12), **TEPP) == first
    # the same report of another town's arrest, on the same day, does not join
    elsewhere = RUSSIAN_OBLIQUE.replace("Корвале", "Тальнеге").replace("Ильмар Тепп", "Юхан Сильд")
    index2 = _index()
    first2 = index2.add("tepp-1", ARREST, DAY, **TEPP)
    assert index2.add("ru", elsewhere, DAY + timedelta(hours=12), dates=["2031-05-06"]) != first2


# --- a place or an institution NER typed as a person -------------------------------------------

CHECK_IN = (
    "Actress Mara Quell checked into the Willow Creek Centre on Friday for a 90-day stay ordered by a Los "
    "Angeles judge, her lawyer said. Quell arrived at the Willow Creek Centre in the morning."
)
CHECK_IN_CLINIC = (
    "The Willow Creek Centre admitted a new patient on Friday, Mara Quell, ordered by a judge to spend 90 "
    "days in rehab; the Willow Creek Centre would not comment on Quell."
)


def _mentions(text: str, *names: tuple[str, str]) -> list[Mention]:
    """A mention of kind ``kind`` for each occurrence of each name's last word (NER's view)."""
    out: list[Mention] = []
    for name, kind in names:
        word = name.split()[-1]
        start = text.find(word)
        while start >= 0:
            out.append(Mention(word, start, start + len(word), kind, name))
            start = text.find(word, start + 1)
    return out


def _check_in(text: str, target: str) -> list[Event]:
    return [Event("HEALTH", 0, 5, trigger="checked", targets=(target,))]


def test_a_clinic_or_a_mountain_taken_for_a_person_is_not_a_lead_person() -> None:
    # NER typed the clinic as a person and it is named twice: still no person of the lead
    mentions = _mentions(CHECK_IN_CLINIC, ("Willow Creek Centre", "person"), ("Mara Quell", "person"))
    end = lead_end(CHECK_IN_CLINIC, 20)
    assert lead_people(_check_in(CHECK_IN_CLINIC, "Willow Creek Centre"), mentions, end) == frozenset()
    # a peak named after a man, typed a person, is one when the article also names it as a place
    text = "Climber fell on Aoraki Mount Cook. Rescuers reached Mount Cook and the Cook ridge."
    peak = _mentions(text, ("Aoraki Mount Cook", "person"))
    assert lead_people([Event("DIE", 0, 7, targets=("Aoraki Mount Cook",))], peak, 40) == frozenset()
    named_as_place = [Mention("Cook", 0, 4, "person", "Cook"), Mention("Cook", 10, 14, "person", "Cook")]
    named_as_place.append(Mention("Cook", 20, 24, "place", "Cook"))
    assert lead_people([Event("DIE", 0, 7, targets=("Cook",))], named_as_place, 40) == frozenset()
    # a real person still counts
    mentions = _mentions(CHECK_IN, ("Mara Quell", "person"))
    assert lead_people(_check_in(CHECK_IN, "Mara Quell"), mentions, lead_end(CHECK_IN, 20)) == frozenset(
        {"HEALTH=quel"}
    )


def test_reports_naming_the_star_and_the_clinic_stay_one_story() -> None:
    # strong factor: before the fix the clinic "person" contrasted with the star and split the two
    index = StoryIndex(config=StoryConfig(people_contrast_factor=0.05))
    for n, text in enumerate(FILLER):
        index.add(f"f{n}", text)
    star = lead_people(
        _check_in(CHECK_IN, "Mara Quell"), _mentions(CHECK_IN, ("Mara Quell", "person")), lead_end(CHECK_IN, 20)
    )
    clinic_mentions = _mentions(CHECK_IN_CLINIC, ("Willow Creek Centre", "person"), ("Mara Quell", "person"))
    clinic = lead_people(
        _check_in(CHECK_IN_CLINIC, "Willow Creek Centre"), clinic_mentions, lead_end(CHECK_IN_CLINIC, 20)
    )
    first = index.add("a", CHECK_IN, lead_people=star)
    assert index.add("b", CHECK_IN_CLINIC, lead_people=clinic) == first
