"""TIME stage, English: expressions whose value depends on the words around them.

Each test states one general mechanism (a month used as a modifier, a period
of something other than a year, a weekday counted from the day under
discussion...) on sentences from several domains.  The anchor 2025-09-27 is
a Saturday.
"""

from __future__ import annotations

from datetime import date

import pytest

from dossier.analyze.time import tag_times

A = date(2025, 9, 27)


def pairs(text: str, anchor: date | None = A) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tag_times(text, language="en", anchor=anchor)]


# -- months -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Investigators reopened the July shooting after new footage surfaced.", [("July", "2025-07")]),
        ("The union rejected a March proposal from the port operator.", [("March", "2025-03")]),
        ("Voters punished the party for its February budget.", [("February", "2025-02")]),
    ],
)
def test_a_month_between_a_determiner_and_a_noun_is_the_month(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text) == expected


def test_a_month_name_used_as_a_name_or_in_a_phrase_is_not_tagged() -> None:
    assert pairs("Thousands joined the March on the capital.") == []
    assert pairs("The minister met Jan Novak and Eva Kral in Prague.") == []
    assert pairs("Shares of Mar Holdings fell.") == []
    # an undotted abbreviation after a temporal word and before no name is still the month
    assert pairs("Rates rose in Aug, economists said.") == [("Aug", "2025-08")]


def test_a_full_month_name_after_a_temporal_preposition_still_counts() -> None:
    assert pairs("The port reopened in June.") == [("June", "2025-06")]


# -- sets ---------------------------------------------------------------------------------


def test_every_month_name_or_season_is_a_yearly_set() -> None:
    assert pairs("The monsoon floods the valley every August.") == [("every August", "XXXX-08")]
    assert pairs("Herders move north each spring.") == [("each spring", "XXXX-SP")]
    assert [t.timex_type for t in tag_times("Prices rise each winter.", language="en", anchor=A)] == ["SET"]


# -- weekdays counted from a mentioned day ------------------------------------------------------


def test_the_previous_weekday_counts_back_from_the_day_just_mentioned() -> None:
    text = "Markets fell on September 12. The previous Friday they had rallied."
    assert pairs(text) == [("September 12", "2025-09-12"), ("The previous Friday", "2025-09-05")]


def test_the_following_weekday_counts_forward_from_the_day_just_mentioned() -> None:
    text = "The ceasefire began on August 3, and talks opened the following Tuesday."
    assert pairs(text) == [("August 3", "2025-08-03"), ("the following Tuesday", "2025-08-05")]


def test_an_anaphoric_weekday_without_a_mentioned_day_counts_from_publication() -> None:
    # 2025-09-27 is a Saturday: the previous Saturday is a week earlier, never the same day
    assert pairs("The previous Saturday the club had lost at home.") == [("The previous Saturday", "2025-09-20")]


# -- quarters and halves --------------------------------------------------------------------


def test_a_year_earlier_quarter_is_the_same_quarter_a_year_before() -> None:
    text = "Profit rose in the third quarter of 2025 from the year-earlier third quarter."
    assert pairs(text) == [("the third quarter of 2025", "2025-Q3"), ("the year-earlier third quarter", "2024-Q3")]


def test_a_possessive_year_names_the_year_of_the_quarter() -> None:
    assert pairs("Analysts expect a loss in next year's first quarter.") == [("next year's first quarter", "2026-Q1")]


def test_a_half_with_an_indefinite_article_is_not_a_calendar_half_unless_it_modifies_a_noun() -> None:
    assert pairs("The hosts hoped for a second half without drama.") == []
    assert pairs("The bank reported a third-quarter loss.") == [("third-quarter", "2025-Q3")]


def test_a_half_or_quarter_of_something_other_than_a_year_is_not_a_calendar_period() -> None:
    assert pairs("The visitors scored twice in the second half of the match.") == []
    found = pairs("Growth stalled in the last half of the '90s.")
    assert found == [("the '90s", "199")]
    # of a year, still a calendar half
    assert pairs("Output fell in the first half of the year.") == [("the first half of the year", "2025-H1")]


def test_the_latest_year_or_month_is_the_last_completed_one() -> None:
    assert pairs("Exports fell 4% in the latest fiscal year.") == [("the latest fiscal year", "2024")]
    assert pairs("Arrivals doubled in the latest month.") == [("the latest month", "2025-08")]


# -- counts that are not times --------------------------------------------------------------


def test_a_spelled_thousand_followed_by_a_unit_is_not_the_year_2000() -> None:
    assert all(v != "2000" for _, v in pairs("The temple stood for more than two thousand years."))
    assert pairs("The bridge opened in two thousand and one.") == [("two thousand and one", "2001")]


def test_the_past_followed_by_a_count_is_not_past_ref() -> None:
    assert pairs("Turnout dropped in the past three elections.") == []
    assert pairs("Such floods were rare in the past.") == [("the past", "PAST_REF")]


# -- discourse "now" --------------------------------------------------------------------------


def test_sentence_initial_now_with_a_comma_is_a_discourse_marker() -> None:
    assert pairs('He backed the plan. "Now, the council must decide," he said.') == []
    assert pairs("Now, with the dam repaired, farmers are planting.") == []


def test_temporal_now_is_still_present_ref() -> None:
    assert pairs("The reactor is now offline.") == [("now", "PRESENT_REF")]
    assert pairs("Now the river is rising again.") == [("Now", "PRESENT_REF")]


def test_an_approximate_count_back_keeps_its_ago() -> None:
    assert pairs("A week or so ago the convoy crossed the border.") == [("A week or so ago", "2025-09-20")]


def test_a_unit_spelled_as_a_title_is_a_name() -> None:
    assert pairs('The senator spoke on "60 Minutes" about the strike.') == []
    assert pairs('He told ABC\'s "This Week With Ann Lee" that talks had stalled.') == []
    assert pairs("Talks resumed this week.") == [("this week", "2025-W39")]
    # in a headline every word is capitalised: there the capital marks nothing
    assert pairs("Parliament To Vote Next Week On Budget\nThe vote was delayed.") == [("Next Week", "2025-W40")]


def test_a_second_before_a_noun_is_the_ordinal() -> None:
    assert pairs("A second convoy reached the city.") == []
    assert pairs("Voters gave him a second term.") == []
    assert pairs("The lights went out for a second.") == [("a second", "PT1S")]


# -- durations and seasons ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "extent", "expected"),
    [
        ("The fleet may stay for at least ten more years.", "at least ten more years", "P10Y"),
        ("The lender can extend the loan by an additional year.", "an additional year", "P1Y"),
        ("Rescuers asked for three extra days.", "three extra days", "P3D"),
    ],
)
def test_more_and_additional_units_are_durations(text: str, extent: str, expected: str) -> None:
    assert pairs(text) == [(extent, expected)]


def test_a_season_of_a_year_in_words() -> None:
    assert pairs("Prices peaked in the winter of nineteen ninety-four.") == [
        ("the winter of nineteen ninety-four", "1994-WI")
    ]
    assert pairs("The dam burst in the spring of two thousand and three.") == [
        ("the spring of two thousand and three", "2003-SP")
    ]


# -- tense around weekdays ---------------------------------------------------------------------


def test_a_plan_reported_in_the_past_still_points_forward() -> None:
    # "were planning to" is one future cue; its "were" is no past cue
    text = "Organisers planned a rally on Tuesday and were planning to march on Wednesday."
    assert pairs(text) == [("Tuesday", "2025-09-30"), ("Wednesday", "2025-10-01")]
    assert pairs("The surgeon was scheduled to operate on Monday.") == [("Monday", "2025-09-29")]


def test_was_about_to_does_not_decide_the_side_of_a_weekday() -> None:
    # "was about to" does not make a reported arrest a future one
    text = "He was detained at the border, and on Thursday he was about to be deported."
    assert pairs(text) == [("Thursday", "2025-09-25")]


def test_the_future_of_something_and_the_people_of_tomorrow_are_not_times() -> None:
    assert pairs("Delegates argued about the future of the alliance.") == []
    assert pairs("Schools must train the engineers of tomorrow.") == []
    assert pairs("The ban may be lifted in the future.") == [("the future", "FUTURE_REF")]
    # a possessive "today's" names the day
    assert pairs("The results of today's vote surprised no one.") == [("today", "2025-09-27")]


def test_the_article_before_a_counted_period_is_part_of_it() -> None:
    assert pairs("Sales rose 4% in the nine months.")[0] == ("the nine months", "P9M")
    # not when it belongs to the noun the period describes or to what follows "of"
    assert pairs("The rebels ended the eight-year war.") == [("eight-year", "P8Y")]
    assert pairs("Fans loved the two days of music.") == [("two days", "P2D")]


# -- parts of the day under discussion -----------------------------------------------------------


def test_a_part_of_day_takes_the_day_under_discussion() -> None:
    text = "The ferry sank on September 3. Divers reached the wreck in the afternoon."
    assert pairs(text) == [("September 3", "2025-09-03"), ("the afternoon", "2025-09-03TAF")]
    # no day mentioned: the publication date
    assert pairs("By mid afternoon the square was empty.") == [("mid afternoon", "2025-09-27TAF")]
    assert [t.timex_type for t in tag_times("Crowds gathered in the evening.", language="en", anchor=A)] == ["TIME"]


def test_a_part_of_day_next_to_a_date_joins_it() -> None:
    assert pairs("Troops crossed early morning on Sunday, September 21.") == [
        ("early morning on Sunday, September 21", "2025-09-21TMO")
    ]


def test_night_alone_is_not_a_part_of_day_of_any_particular_day() -> None:
    assert pairs("The lab works at night.") == []
