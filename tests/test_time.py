"""TIME stage, English: each category of expression with asserted TIMEX3 values.

The anchor 2025-09-27 is a Saturday (ISO week 39); see docs/time.md for the
conventions the expected values follow.
"""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from dossier.analyze.time import TimeStage, tag_times
from dossier.model import TimeExpr

A = date(2025, 9, 27)


def values(text: str, anchor: date | None = A, language: str = "en") -> dict[str, str]:
    return {t.text: t.value for t in tag_times(text, language=language, anchor=anchor)}


def one(text: str, anchor: date | None = A, language: str = "en") -> TimeExpr:
    found = tag_times(text, language=language, anchor=anchor)
    assert len(found) == 1, found
    return found[0]


# --- the seed cases ------------------------------------------------------------------


def test_seed_partial_date_and_day_after() -> None:
    text = "Ryzhenkov stated on September 26 that the talks had failed. Just a day after, the strikes resumed."
    found = tag_times(text, language="en", anchor=A)
    assert [(t.text, t.value) for t in found] == [("September 26", "2025-09-26"), ("a day after", "2025-09-27")]
    assert found[0].anchor == "2025-09-27"
    # anchored on the explicit date before it, not on the publication date
    assert found[1].anchor == "2025-09-26"
    assert found[1].timex_type == "DATE" and found[1].granularity == "day"


def test_seed_absolute_and_coming_weeks() -> None:
    t = one("On December 6, 2024 the agreement was signed.")
    assert (t.text, t.value, t.timex_type, t.anchor, t.granularity) == (
        "December 6, 2024", "2024-12-06", "DATE", None, "day")
    t = one("The coming weeks will be decisive.")
    assert (t.text, t.value, t.granularity) == ("The coming weeks", "FUTURE_REF", "fuzzy")


# --- absolute and partial dates ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It happened on 2024-12-06.", "2024-12-06"),
        ("It happened on 12/06/2024.", "2024-12-06"),
        ("It happened on 06.12.2024.", "2024-12-06"),
        ("It happened on 6 December 2024.", "2024-12-06"),
        ("It happened on Friday, Dec. 6, 2024.", "2024-12-06"),
        ("It happened on the 6th of December 2024.", "2024-12-06"),
    ],
)
def test_absolute_dates(text: str, expected: str) -> None:
    t = one(text)
    assert t.value == expected and t.anchor is None


def test_partial_date_year_from_anchor_and_tense() -> None:
    assert one("The vote took place on September 26.").value == "2025-09-26"
    assert one("The vote will take place on October 3.").value == "2025-10-03"
    # late-December news about early January: the nearest plausible year
    assert one("The summit is due on January 5.", anchor=date(2025, 12, 28)).value == "2026-01-05"
    assert one("Prices rose in March.").value == "2025-03"
    assert one("He was elected last December.").value == "2024-12"


def test_partial_date_without_anchor_keeps_x() -> None:
    t = one("Ryzhenkov stated on September 26 that talks failed.", anchor=None)
    assert (t.value, t.anchor) == ("XXXX-09-26", None)
    assert one("It opened in March.", anchor=None).value == "XXXX-03"


# --- relative and anchored ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He left yesterday.", "2025-09-26"),
        ("He leaves today.", "2025-09-27"),
        ("He leaves tomorrow.", "2025-09-28"),
        ("They met last Thursday.", "2025-09-25"),
        ("They met on Thursday.", "2025-09-25"),
        ("They will meet on Monday.", "2025-09-29"),
        ("Talks resume next Monday.", "2025-09-29"),
        ("It was announced earlier this month.", "2025-09"),
        ("It was announced this week.", "2025-W39"),
        ("It was announced last week.", "2025-W38"),
        ("It opens next month.", "2025-10"),
        ("It was founded last year.", "2024"),
        ("It opens later this year.", "2025"),
        ("It closed three years ago.", "2022"),
        ("It closed two weeks ago.", "2025-09-13"),
        ("The report covers week 39.", "2025-W39"),
        ("It peaked in the third quarter.", "2025-Q3"),
    ],
)
def test_relative(text: str, expected: str) -> None:
    t = one(text)
    assert t.value == expected
    assert t.anchor == "2025-09-27"


def test_anchored_on_previous_explicit_date() -> None:
    found = tag_times("The deal was signed on March 1, 2024. Two weeks later it collapsed.", language="en", anchor=A)
    assert [(t.text, t.value, t.anchor) for t in found] == [
        ("March 1, 2024", "2024-03-01", None),
        ("Two weeks later", "2024-03-15", "2024-03-01"),
    ]
    found = tag_times("The plant closed in 2010. Two years later it reopened.", language="en", anchor=A)
    assert found[1].value == "2012"
    # no explicit date before it: the publication date is the reference
    t = one("Two days later the army withdrew.")
    assert (t.value, t.anchor) == ("2025-09-29", "2025-09-27")
    found = tag_times("Talks began on Monday, June 2, 2025. The next day they broke down.", language="en", anchor=A)
    assert found[-1].value == "2025-06-03"


# --- fuzzy, durations, sets --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He recently resigned.", "PAST_REF"),
        ("He is now in Kyiv.", "PRESENT_REF"),
        ("He currently lives in Kyiv.", "PRESENT_REF"),
        ("The situation may change in the near future.", "FUTURE_REF"),
    ],
)
def test_fuzzy(text: str, expected: str) -> None:
    t = one(text)
    assert (t.value, t.timex_type, t.granularity) == (expected, "DATE", "fuzzy")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The war lasted three years.", "P3Y"),
        ("He was held for 48 hours.", "PT48H"),
        ("It took half an hour.", "PT30M"),
        ("It took several months.", "PXM"),
        ("It took twenty-five years.", "P25Y"),
        ("A two-day visit.", "P2D"),
        ("Prices rose over the past five years.", "P5Y"),
        ("It took a decade.", "P10Y"),
        ("It took a year and a half.", "P18M"),
    ],
)
def test_durations(text: str, expected: str) -> None:
    t = one(text)
    assert (t.value, t.timex_type, t.granularity) == (expected, "DURATION", "duration")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They meet every week.", "P1W"),
        ("They meet twice a year.", "P1Y"),
        ("The report is published annually.", "P1Y"),
        ("They meet every Monday.", "XXXX-WXX-1"),
        ("They meet every two weeks.", "P2W"),
    ],
)
def test_sets(text: str, expected: str) -> None:
    t = one(text)
    assert (t.value, t.timex_type, t.granularity) == (expected, "SET", "set")


def test_ages_are_not_durations() -> None:
    assert tag_times("A 6-year-old boy was hurt.", language="en", anchor=A) == []


# --- coarse granularities and ranges ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "gran"),
    [
        ("Sales in the third quarter of 2025 rose.", "2025-Q3", "quarter"),
        ("Sales in Q3 2025 rose.", "2025-Q3", "quarter"),
        ("Third-quarter profit rose.", "2025-Q3", "quarter"),
        ("Sales in the first half of 2024 rose.", "2024-H1", "half"),
        ("It happened in summer 2025.", "2025-SU", "season"),
        ("It happened last winter.", "2024-WI", "season"),
        ("It happened in the 1990s.", "199", "decade"),
        ("It happened in the '80s.", "198", "decade"),
        ("It happened in the 20th century.", "19", "century"),
        ("It happened in 2024.", "2024", "year"),
        ("It happened in September 2025.", "2025-09", "month"),
        ("It happened in mid-September 2025.", "2025-09", "month"),
        ("It happened on Christmas Day 2024.", "2024-12-25", "day"),
    ],
)
def test_coarse(text: str, expected: str, gran: str) -> None:
    t = one(text)
    assert (t.value, t.granularity) == (expected, gran)


def test_ranges_give_one_expression_per_end() -> None:
    assert values("It ran from 2010 to 2015.") == {"2010": "2010", "2015": "2015"}
    assert values("It ran in 1990-95.") == {"1990": "1990", "95": "1995"}
    found = tag_times("The fair runs Sept. 1-5, 2025.", language="en", anchor=A)
    assert [t.value for t in found] == ["2025-09-01", "2025-09-05"]


def test_numbers_are_not_years() -> None:
    assert tag_times("Some 2000 people and 1500 soldiers were there.", language="en", anchor=A) == []


# --- times of day ---------------------------------------------------------------------


def test_times_combined_with_dates() -> None:
    t = one("The vote closes at 3 p.m.")
    assert (t.text, t.value, t.timex_type, t.granularity) == ("3 p.m.", "2025-09-27T15:00", "TIME", "time")
    t = one("They met on Friday at 3 p.m.")
    assert (t.text, t.value) == ("Friday at 3 p.m.", "2025-09-26T15:00")
    assert one("Shelling resumed this morning.").value == "2025-09-27TMO"
    assert one("Shelling resumed last night.").value == "2025-09-26TNI"
    assert one("The blast came at 10:30 GMT on December 6, 2024.").value == "2024-12-06T10:30"
    assert one("The blast came at midnight.", anchor=None).value == "XXXX-XX-XXT24:00"


# --- no anchor, no wall clock ------------------------------------------------------------


def test_no_anchor_leaves_deictic_expressions_unresolved() -> None:
    got = {t.text: (t.value, t.anchor) for t in tag_times(
        "Yesterday the minister said last week was hard. Next month, on Thursday, in 2024.",
        language="en", anchor=None)}
    assert got == {
        "Yesterday": ("XXXX-XX-XX", None),
        "last week": ("XXXX-WXX", None),
        "Next month": ("XXXX-XX", None),
        "Thursday": ("XXXX-WXX-4", None),
        "2024": ("2024", None),
    }


def test_never_reads_the_wall_clock() -> None:
    # Resolution follows the anchor however far it is from today ...
    old = date(1998, 8, 7)
    assert values("Yesterday and this year and now.", anchor=old) == {
        "Yesterday": "1998-08-06", "this year": "1998", "now": "PRESENT_REF"}
    # ... and nothing in the tagger's source asks the system for the current date or time.
    root = Path(__import__("dossier.analyze.timex", fromlist=["x"]).__file__).parent
    sources = [*root.glob("*.py"), root.parent / "time.py"]
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute):
                assert node.attr not in {"today", "now", "utcnow", "time", "localtime", "gmtime"}, (
                    f"{path.name}:{node.lineno} reads the clock ({node.attr})")


def test_output_is_deterministic_and_typed() -> None:
    text = "On December 6, 2024, two days after the vote, the council met at 3 p.m."
    a = tag_times(text, language="en", anchor=A)
    assert a == tag_times(text, language="en", anchor=A)
    for t in a:
        assert text[t.start:t.end] == t.text
        assert t.timex_type in {"DATE", "TIME", "DURATION", "SET"}


def test_unknown_language_gets_language_neutral_rules() -> None:
    assert values("Il 2024-12-06 alle 15:00.", language="it") == {"2024-12-06": "2024-12-06"}


# --- the stage ---------------------------------------------------------------------------


def test_stage_fills_times_with_sentence_indices() -> None:
    from datetime import datetime

    from dossier.analyze.pipeline import make_context
    from dossier.model import Article

    text = "Ryzhenkov spoke on September 26. Just a day after, talks resumed."
    art = Article(text=text, language="en", published=datetime(2025, 9, 27, 10, 0))
    ctx = make_context(art)
    ctx.analysis.sentences = [(0, 32), (33, len(text))]
    stage = TimeStage()
    assert stage.name == "time"
    stage([ctx])
    assert [(t.value, t.sentence) for t in ctx.analysis.times] == [("2025-09-26", 0), ("2025-09-27", 1)]

    ctx2 = make_context(Article(text="Talks resumed yesterday.", language="en"))
    stage([ctx2])
    assert [(t.value, t.sentence, t.anchor) for t in ctx2.analysis.times] == [("XXXX-XX-XX", 0, None)]


# --- rules added with the TempEval-3 half-split work ----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sanctions were imposed after the 1990 invasion of Kuwait.", {"1990": "1990"}),
        ("A 1996 law strengthened the embargo.", {"1996": "1996"}),
        ("The company's 1989 results were weak.", {"1989": "1989"}),
        ("Doctors were shot at in 1994, 1995 and 1997.", {"1994": "1994", "1995": "1995", "1997": "1997"}),
        ("The 2000 troops arrived.", {}),  # a count, not a year
        ("The 1990 elections were close.", {"1990": "1990"}),
    ],
)
def test_year_as_modifier_and_in_lists(text: str, expected: dict[str, str]) -> None:
    assert values(text) == expected


def test_year_ago_in_quarterly_results_is_the_year_earlier_quarter() -> None:
    a = date(1989, 11, 2)
    text = ("Citadel posted a third-quarter net loss of $2.3 million, versus net income of "
            "$5.3 million, or $1.61 a share, a year earlier.")
    assert values(text, anchor=a) == {"third-quarter": "1989-Q3", "a year earlier": "1988-Q3"}
    text = "New loans were $6.6 million in the quarter compared with $361.8 million a year ago."
    assert values(text, anchor=a)["a year ago"] == "1988-Q3"
    # no quarter in sight: the year
    assert values("Prices are 3% higher than a year ago.", anchor=a) == {"a year ago": "1988"}
    # "for the nine months" since the quarter: the year
    text = ("Third-quarter net rose to $5 million. For the nine months, net was $9 million, "
            "up from $7 million a year ago.")
    assert values(text, anchor=a)["a year ago"] == "1988"


def test_quarter_without_year_in_past_tense_is_the_latest_begun() -> None:
    a = date(1989, 10, 26)
    assert one("Earnings soared in the fiscal first quarter.", anchor=a).value == "1989-Q1"
    assert one("The company will report third-quarter results.", anchor=a).value == "1989-Q3"


def test_units_before_an_event_are_a_duration() -> None:
    t = one("The notes mature 90 days after their issue date.")
    assert (t.text, t.timex_type, t.value) == ("90 days", "DURATION", "P90D")
    t = one("He resumed work nearly two months after his team was blocked.")
    assert (t.text, t.timex_type, t.value) == ("nearly two months", "DURATION", "P2M")
    # before a date, or with nothing after it, the anchored date stays
    assert values("Ryzhenkov spoke on September 20. Two days after, talks resumed.")["Two days after"] == "2025-09-22"
    t = tag_times("It opened two days before September 26.", language="en", anchor=A)[0]
    assert (t.text, t.timex_type) == ("two days before", "DATE")


def test_spelled_out_years() -> None:
    assert values("It happened in nineteen ninety-four.") == {"nineteen ninety-four": "1994"}
    assert values("Born in nineteen oh five.") == {"nineteen oh five": "1905"}
    assert values("Get ready for the year two thousand.") == {"the year two thousand": "2000"}
    assert values("It was founded in two thousand and one.") == {"two thousand and one": "2001"}
    assert values("Some two thousand people marched.") == {}


def test_week_of_a_date() -> None:
    t = one("Talks resume the week of October 6.")
    assert (t.text, t.value, t.granularity) == ("the week of October 6", "2025-W41", "week")


def test_weekday_date_before_a_colon() -> None:
    t = one("The Times said in an editorial on Saturday, April 25: the court erred.", anchor=date(1998, 4, 24))
    assert (t.text, t.value) == ("Saturday, April 25", "1998-04-25")


def test_bare_weekday_without_tense_prefers_the_past_when_close() -> None:
    # Saturday anchor: Thursday is 2 days back and 5 ahead; Tuesday 4 back and 3 ahead
    assert one("Thursday: the talks.").value == "2025-09-25"
    assert one("Tuesday: the talks.").value == "2025-09-23"
    assert one("Monday: the talks.").value == "2025-09-29"


# --- tense cues, TimeBank conventions -----------------------------------------------------
# The anchor A (2025-09-27) is a Saturday; M (2025-09-29) is a Monday.
M = date(2025, 9, 29)


def test_irregular_past_verbs_are_past_tense_cues() -> None:
    # "Monday" with no cue is the coming one (2 days ahead vs 5 back); "met" makes it the past one
    assert one("The ministers met Monday in Geneva.").value == "2025-09-22"
    assert one("The ministers meet Monday in Geneva.").value == "2025-09-29"


def test_as_soon_as_and_present_plans_are_future_cues() -> None:
    assert one("They might leave as soon as Thursday.", anchor=M).value == "2025-10-02"
    assert one("He is planning to visit Thursday.", anchor=M).value == "2025-10-02"


def test_present_tense_of_a_scheduled_verb_points_forward() -> None:
    # news write a scheduled event in the present tense: "meet Monday", "meet separately Monday";
    # a Thursday anchor puts Monday 3 days back and 4 ahead, so only the cue picks the coming one
    thursday = date(2025, 10, 2)
    assert one("The two leaders meet separately Monday with the envoy.", anchor=thursday).value == "2025-10-06"
    assert one("The delegation visits Monday.", anchor=thursday).value == "2025-10-06"
    # an infinitive after a past cue is no such verb
    assert one("It had been due to expire Monday evening.", anchor=thursday).value.startswith("2025-09-29")


def test_had_been_due_to_is_past() -> None:
    # without the cue, "due to" would point forward
    assert one("The offer had been due to expire Friday.", anchor=M).value == "2025-09-26"


def test_weekday_with_part_of_day_is_a_time_narrowed_to_the_part() -> None:
    t = one("Protesters marched Friday morning.")
    assert (t.value, t.timex_type) == ("2025-09-26TMO", "TIME")  # TIMEX3: finer than a day is a TIME
    assert one("Shelling resumed last night.").timex_type == "TIME"


def test_near_and_short_term_are_future_ref() -> None:
    assert one("Prices may fall in the near term.").value == "FUTURE_REF"
    assert one("Prices may fall in the short term.").value == "FUTURE_REF"
    assert tag_times("It pays off in the long term.", language="en", anchor=A) == []


def test_recent_units_are_vague_durations() -> None:
    t = one("It grew in recent years.")
    assert (t.value, t.timex_type) == ("PXY", "DURATION")
    assert one("Prices rose in recent months.").value == "PXM"


def test_a_couple_is_two() -> None:
    assert one("It took a couple of years.").value == "P2Y"


def test_the_year_ended_a_date_is_a_twelve_month_duration() -> None:
    found = tag_times("Net income for the year ended March 31 rose 5%.", language="en", anchor=A)
    assert (found[0].text, found[0].timex_type, found[0].value) == ("the year", "DURATION", "P1Y")


def test_year_end() -> None:
    t = one("It expects to complete the deal by year-end.")
    assert (t.text, t.value) == ("year-end", "2025-12-31")
    assert one("The index is down 4% since year-end.").value == "2024-12-31"
    assert one("Year-end net was below the 1987 level.").text == "1987"


def test_bare_year_earlier_adjective_follows_the_reported_quarter() -> None:
    text = "It reported a third-quarter loss of $35 million, compared with year-earlier profit of $3.8 million."
    v = values(text)
    assert v["third-quarter"] == "2025-Q3" and v["year-earlier"] == "2024-Q3"


def test_quarterly_dividend_is_not_a_set() -> None:
    assert tag_times("It raised its quarterly dividend.", language="en", anchor=A) == []
    assert one("Results are published quarterly.").value == "P1Q"


def test_last_week_is_the_iso_week_before_the_anchors_even_on_a_sunday() -> None:
    # Sunday 28 September 2025 still lies in ISO week 39, so the week before it is 38
    assert one("Talks stalled last week.", anchor=date(2025, 9, 28)).value == "2025-W38"
    assert one("Talks stalled last week.", anchor=M).value == "2025-W39"


@pytest.mark.parametrize(
    ("anchor", "last", "this", "nxt"),
    [
        (date(2021, 1, 3), "2020-W52", "2020-W53", "2021-W01"),  # a Sunday in a 53-week year's last week
        (date(2021, 1, 4), "2020-W53", "2021-W01", "2021-W02"),  # the Monday after it
        (date(2024, 12, 30), "2024-W52", "2025-W01", "2025-W02"),  # a December day in next year's week 1
        (date(2024, 12, 29), "2024-W51", "2024-W52", "2025-W01"),  # the Sunday before it
    ],
)
def test_week_arithmetic_across_year_boundaries(anchor: date, last: str, this: str, nxt: str) -> None:
    assert one("Talks stalled last week.", anchor=anchor).value == last
    assert one("Talks are held this week.", anchor=anchor).value == this
    assert one("Talks resume next week.", anchor=anchor).value == nxt
    assert one("Переговоры прошли на прошлой неделе.", anchor=anchor, language="ru").value == last


def test_the_weekend_without_a_week_is_the_nearest_one() -> None:
    # Monday: the weekend just over; Friday: the coming one; tense overrides
    assert one("Rallies were held over the weekend.", anchor=M).value == "2025-W39-WE"
    assert one("Rallies over the weekend.", anchor=date(2025, 10, 3)).value == "2025-W40-WE"
    assert one("Rallies will be held over the weekend.", anchor=M).value == "2025-W40-WE"
