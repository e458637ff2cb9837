"""TIME stage: values for news reports (issue #10), English and Russian side by side.

Each test names one general mechanism and shows it on sentences from
different domains; every case failed before the change it guards.  The
anchor is a publication date chosen for the arithmetic it exercises.
"""

from __future__ import annotations

from datetime import date

import pytest

from dossier.analyze.time import tag_times

SAT = date(2025, 9, 27)  # a Saturday in ISO week 39


def pairs(text: str, language: str = "en", anchor: date | None = SAT) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tag_times(text, language=language, anchor=anchor)]


# -- counts of weeks back or forward name a day ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("The ferry sank two weeks ago.", "en", [("two weeks ago", "2025-09-13")]),
        ("A week or so ago the mine reopened.", "en", [("A week or so ago", "2025-09-20")]),
        ("The strike ends three weeks from now.", "en", [("three weeks from now", "2025-10-18")]),
        ("Паром затонул две недели назад.", "ru", [("две недели назад", "2025-09-13")]),
        ("Шахту открыли неделю назад.", "ru", [("неделю назад", "2025-09-20")]),
    ],
)
def test_a_count_of_weeks_from_the_publication_date_is_a_day(
    text: str, language: str, expected: list[tuple[str, str]]
) -> None:
    """Counted like "ten days ago": seven days a week, not the ISO week the day falls in."""
    assert pairs(text, language) == expected


def test_a_count_of_weeks_after_a_day_is_a_day() -> None:
    found = pairs("The levee failed on March 3, 2024. Two weeks later the river fell.")
    assert found == [("March 3, 2024", "2024-03-03"), ("Two weeks later", "2024-03-17")]


# -- named holidays ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # the Tuesday after the first Monday of November, in the coming November
        ("Voters will decide on Election Day.", date(1998, 10, 26), [("Election Day", "1998-11-03")]),
        # 2026: November 1 is a Sunday, so the first Monday is the 2nd and the vote the 3rd
        ("The measure goes to voters on Election Day.", date(2026, 10, 1), [("Election Day", "2026-11-03")]),
        ("Traffic was light over Labor Day.", SAT, [("Labor Day", "2025-09-01")]),
        ("Parades marked Memorial Day 2024.", SAT, [("Memorial Day 2024", "2024-05-27")]),
        ("Shops closed on Good Friday.", date(2025, 5, 2), [("Good Friday", "2025-04-18")]),
        ("Ceremonies were held on Veterans Day.", date(2025, 11, 20), [("Veterans Day", "2025-11-11")]),
    ],
)
def test_named_holidays_resolve_to_their_date(text: str, anchor: date, expected: list[tuple[str, str]]) -> None:
    assert pairs(text, anchor=anchor) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ко Дню России в Москве готовились заранее.", [("Дню России", "2025-06-12")]),
        ("В День народного единства пройдут концерты.", [("День народного единства", "2025-11-04")]),
        ("День защитника Отечества 2024 года отметили парадом.",
         [("День защитника Отечества 2024 года", "2024-02-23")]),
    ],
)
def test_russian_state_holidays_resolve_to_their_date(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text, "ru") == expected


# -- "today's" as an era ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Privacy is hard to keep in today's world.",
        "The campaign speaks to today's youth.",
        "Many of today's personal computers use the chip.",
    ],
)
def test_todays_before_a_noun_of_an_era_is_not_the_publication_day(text: str) -> None:
    assert pairs(text) == []


def test_todays_before_a_days_event_is_still_the_day() -> None:
    assert pairs("Turnout in today's vote was high.") == [("today", "2025-09-27")]


# -- results news: the reported period ----------------------------------------------------------

NOV = date(1989, 11, 1)


def test_the_period_is_the_reported_quarter_even_after_a_look_back() -> None:
    text = (
        "The brewer posted a 20% gain in third-quarter net income. "
        "After a weak second quarter, sales recovered. "
        "The comparison was helped by charges taken in the year-earlier period."
    )
    found = pairs(text, anchor=NOV)
    assert ("the year-earlier period", "1988-Q3") in found


def test_a_year_named_before_period_is_that_years_reported_quarter() -> None:
    text = (
        "The insurer said third-quarter profit rose 12%. "
        "In the 1989 period, claims were lower than a year ago."
    )
    found = pairs(text, anchor=NOV)
    assert found[-2:] == [("the 1989 period", "1989-Q3"), ("a year ago", "1988-Q3")]


def test_a_year_before_period_with_no_quarter_in_sight_is_the_year() -> None:
    assert pairs("Rates were set in the 1989 period of reform.", anchor=NOV) == [("1989", "1989")]


def test_a_year_earlier_after_a_longer_period_is_the_year_not_the_quarter() -> None:
    text = (
        "Net rose in the third quarter to $5 million from $4 million a year earlier. "
        "For the nine months, net was $14 million, against $11 million a year earlier."
    )
    found = pairs(text, anchor=NOV)
    assert found[1] == ("a year earlier", "1988-Q3")
    assert found[-1] == ("a year earlier", "1988")


# -- clock times, fiscal years, titles ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ceasefire began at 1700 GMT.", [("1700 GMT", "2025-09-27T17:00")]),
        ("The convoy left at 0930 hours.", [("0930 hours", "2025-09-27T09:30")]),
    ],
)
def test_four_digit_clock_times_with_a_zone_are_times_not_years(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text) == expected


def test_a_four_digit_number_without_a_zone_stays_a_year() -> None:
    assert pairs("The bridge was built in 1700.") == [("1700", "1700")]


def test_the_year_to_a_month_is_twelve_months() -> None:
    found = pairs("Pre-tax profit rose 8% in the year to March 2005.")
    assert found == [("the year", "P1Y"), ("March 2005", "2005-03")]


@pytest.mark.parametrize(
    "text",
    [
        "The New York Daily News first reported the deal.",
        "He wrote for the Weekly Standard until 2003.",
    ],
)
def test_daily_or_weekly_in_a_title_is_not_a_frequency(text: str) -> None:
    assert all(value != "P1D" and value != "P1W" for _, value in pairs(text))


def test_daily_in_a_headline_is_still_a_frequency() -> None:
    assert pairs("Prices Rise Daily\nThe cost of bread rose again.") == [("Daily", "P1D")]


# -- "the month before": one unit from the date under discussion --------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bank failed in March 2024; the month before, its shares slid.",
         [("March 2024", "2024-03"), ("the month before", "2024-02")]),
        ("Sales rose in 2003. The year before, they fell.", [("2003", "2003"), ("The year before", "2002")]),
        ("The dam broke on May 4, 2021; the day after, the town emptied.",
         [("May 4, 2021", "2021-05-04"), ("the day after", "2021-05-05")]),
    ],
)
def test_the_unit_before_or_after_counts_from_the_last_date(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text) == expected


def test_the_unit_before_an_event_is_not_guessed() -> None:
    assert pairs("The week after the vote, he resigned.") == []


# -- a weekday's night is the day itself --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Rioters burned cars Friday night.", "en", [("Friday night", "2025-09-26")]),
        ("The polls closed on Sunday night.", "en", [("Sunday night", "2025-09-21")]),
        ("The polls closed the previous Sunday night.", "en", [("the previous Sunday night", "2025-09-21")]),
        ("Пожар начался в субботу ночью.", "ru", [("субботу ночью", "2025-09-27")]),
    ],
)
def test_a_weekday_night_has_the_value_of_the_day(text: str, language: str, expected: list[tuple[str, str]]) -> None:
    """A night runs past midnight, so a part-of-day suffix would tie it to one of two dates; the day named
    is what the text says."""
    assert pairs(text, language) == expected


def test_a_weekday_morning_or_evening_keeps_its_part() -> None:
    assert pairs("The vote was counted Thursday evening.") == [("Thursday evening", "2025-09-25TEV")]


# -- an amount per period is a rate, not a time --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The preferred stock pays a dividend of $1.76 a year.",
        "The merger should save $500 million a year in costs.",
        "Employers added 358,000 jobs a month.",
        "Sales are expected to rise 8.5% annually.",
        "The plant would produce 10,000 units annually.",
        "The chip runs 15 million instructions per second.",
    ],
)
def test_an_amount_per_period_is_not_a_time(text: str) -> None:
    assert pairs(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The board meets three times a year.", [("three times a year", "P1Y")]),
        ("Ferries sail twice a week.", [("twice a week", "P1W")]),
        ("The index is revised annually.", [("annually", "P1Y")]),
    ],
)
def test_a_count_of_occurrences_per_period_stays_a_set(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text) == expected


# -- an edge of a deictic day belongs to its extent -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The spokesman said late yesterday that the raid had ended.", [("late yesterday", "2025-09-26")]),
        ("Earlier today, the convoy crossed the border.", [("Earlier today", "2025-09-27")]),
        ("Results are due early tomorrow.", [("early tomorrow", "2025-09-28")]),
        # after a count, "later" belongs to the count
        ("Two days later today will look small.", [("Two days later", "2025-09-29"), ("today", "2025-09-27")]),
    ],
)
def test_early_or_late_before_a_deictic_day_is_part_of_it(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text) == expected


# -- the distance to a tense cue is counted from the cue's end -----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the plan ("were scheduled to") ends two words before the day; "said" is further after it
        ("They were scheduled to meet Friday, officials said.", [("Friday", "2025-10-03")]),
        ("Ministers were expected to sign Monday, the agency reported.", [("Monday", "2025-09-29")]),
    ],
)
def test_a_long_tense_cue_is_as_near_as_its_last_word(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text) == expected


# -- a capitalised "Today" inside a sentence is a title ------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister told the Today programme that talks would resume.", []),
        ("He was a guest on Today on Monday, his office said.", [("Monday", "2025-09-22")]),
        # a capital at the start of a sentence or quotation, or in a title-case headline, marks nothing
        ('"Today we march," the organisers said.', [("Today", "2025-09-27")]),
        ("Rally Planned For Today In Capital", [("Today", "2025-09-27")]),
    ],
)
def test_a_capitalised_today_inside_a_sentence_is_a_title(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text) == expected


# -- years in the middle, halves, Orthodox Easter, years in names -------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Output should recover by mid-2023.", [("mid-2023", "2023")]),
        ("Mid-1998 brought the first layoffs.", [("Mid-1998", "1998")]),
        ("The siege lasted two and a half years.", [("two and a half years", "P30M")]),
        ("The flight took 3 and a half hours.", [("3 and a half hours", "PT210M")]),
    ],
)
def test_mid_year_and_n_and_a_half(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text) == expected


def test_orthodox_easter_follows_the_julian_computus() -> None:
    # in 2024 the churches were five weeks apart: March 31 and May 5
    anchor = date(2024, 6, 1)
    assert pairs("Pilgrims arrived for Orthodox Easter.", anchor=anchor) == [("Orthodox Easter", "2024-05-05")]
    assert pairs("Pilgrims arrived for Easter.", anchor=anchor) == [("Easter", "2024-03-31")]


def test_a_year_in_the_name_of_a_prize_or_games_is_the_year() -> None:
    """TimeBank tags the year of a named event or law ("the 2000 Olympics", "the 1994 Freedom of Access Act");
    a prize named for its year is the same construction."""
    assert pairs("She won the 2019 Nobel Prize in chemistry.") == [("2019", "2019")]


# -- the TIMEX3 modifier --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Output should recover by mid-2023.", "en", ("mid-2023", "2023", "MID")),
        ("The spokesman said late yesterday that the raid had ended.", "en", ("late yesterday", "2025-09-26", "END")),
        ("The plant reopens early next year.", "en", ("early next year", "2026", "START")),
        ("Prices fell at the end of 1990.", "en", ("the end of 1990", "1990", "END")),
        ("The standoff lasted more than four hours.", "en", ("more than four hours", "PT4H", "MORE_THAN")),
        ("Talks stalled about ten years ago.", "en", ("about ten years ago", "2015", "APPROX")),
        ("A week or so ago the mine reopened.", "en", ("A week or so ago", "2025-09-20", "APPROX")),
        ("The mine reopened last week.", "en", ("last week", "2025-W38", None)),
        ("Шахту откроют в начале октября.", "ru", ("начале октября", "2025-10", "START")),
        ("Осада длилась около двух лет.", "ru", ("около двух лет", "P2Y", "APPROX")),
    ],
)
def test_a_leading_modifier_is_the_timex3_mod(text: str, language: str, expected: tuple[str, str, str | None]) -> None:
    (t,) = tag_times(text, language=language, anchor=SAT)
    assert (t.text, t.value, t.mod) == expected


# -- a present-tense schedule verb points forward ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The treaty, which takes effect Monday, was signed by both sides.", [("Monday", "2025-09-29")]),
        ("The trial begins Monday, officials said.", [("Monday", "2025-09-29")]),
        ("Arafat meets Albright Monday, his office said.", [("Monday", "2025-09-29")]),
        # the past form stays past
        ("The trial began Monday, officials said.", [("Monday", "2025-09-22")]),
    ],
)
def test_a_scheduled_event_in_the_present_tense_is_ahead(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text) == expected
