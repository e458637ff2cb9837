"""Ordering TIMEX3 values by the interval they denote, and which values are calendar dates."""

from __future__ import annotations

import random
from datetime import date, datetime

import pytest

from dossier.analyze.time import timex_sort_key
from dossier.analyze.timex import interval, is_calendar_date
from dossier.analyze.timex.intervals import compatible, day_span


def test_mixed_granularities_sort_in_calendar_order_not_as_strings() -> None:
    expected = [
        "2024",
        "2025-SP",
        "2025-07",
        "2025-Q3",
        "2025-09",
        "2025-09-22",
        "2025-W39",
        "2025-09-26T15:00",
        "2025-09-27",
        "2025-W39-WE",
        "2025-10-01",
        "2025-Q4",
        "2025-WI",
        "2026-W01",
    ]
    shuffled = expected[:]
    random.Random(7).shuffle(shuffled)
    assert sorted(shuffled, key=timex_sort_key) == expected
    # the plain string order is wrong for exactly these values
    assert sorted(expected) != expected


def test_a_day_sorts_before_the_longer_period_that_starts_on_it() -> None:
    assert sorted(["2025-09", "2025-09-01", "2025"], key=timex_sort_key) == ["2025", "2025-09-01", "2025-09"]


def test_values_without_an_interval_come_last() -> None:
    values = ["P3D", None, "PAST_REF", "XXXX-09-26", "2025-09-26", "1999"]
    ordered = sorted(values, key=timex_sort_key)
    assert ordered[:2] == ["1999", "2025-09-26"]
    assert set(ordered[2:]) == {"P3D", None, "PAST_REF", "XXXX-09-26"}


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2020-W53", datetime(2020, 12, 28), datetime(2021, 1, 4)),
        ("2025-W01", datetime(2024, 12, 30), datetime(2025, 1, 6)),
        ("2025-W39-WE", datetime(2025, 9, 27), datetime(2025, 9, 29)),
        ("2025-Q4", datetime(2025, 10, 1), datetime(2026, 1, 1)),
        ("2025-H1", datetime(2025, 1, 1), datetime(2025, 7, 1)),
        ("2025-WI", datetime(2025, 12, 1), datetime(2026, 3, 1)),
        ("2024-02", datetime(2024, 2, 1), datetime(2024, 3, 1)),
        ("199", datetime(1990, 1, 1), datetime(2000, 1, 1)),
        ("2025-09-26TNI", datetime(2025, 9, 26, 22), datetime(2025, 9, 27, 6)),
    ],
)
def test_intervals(value: str, start: datetime, end: datetime) -> None:
    assert interval(value) == (start, end)


def test_impossible_values_have_no_interval() -> None:
    assert interval("2021-W53") is None  # 2021 has 52 ISO weeks
    assert interval("2025-13") is None
    assert interval("2025-02-30") is None


def test_calendar_dates_exclude_durations_sets_and_references() -> None:
    assert is_calendar_date("2025-09-26") and is_calendar_date("2025-W39") and is_calendar_date("XXXX-09-26")
    for v in ("P1W", "PT2H", "PRESENT_REF", "PAST_REF", "XXXX-WXX", "", None):
        assert not is_calendar_date(v)


def test_a_holiday_week_is_the_iso_week_that_holds_the_holiday() -> None:
    from datetime import date

    from dossier.analyze.time import tag_times

    def value(text: str) -> str:
        (t,) = tag_times(text, language="en", anchor=date(2000, 4, 17))
        return t.value

    assert value("Traffic peaks in Easter week.") == "2000-W16"  # Easter Sunday 2000-04-23 ends ISO week 16
    assert value("Shops were busy over Thanksgiving weekend.") == "1999-W47-WE"
    assert value("Christmas week 2024 was quiet.") == "2024-W52"


# -- the days a value can denote, as event coreference and contradictions compare them ----------


def test_day_span_is_closed_and_widens_unknown_trailing_parts() -> None:
    assert day_span("2025-W39") == (date(2025, 9, 22), date(2025, 9, 28))
    assert day_span("2025-09-XX") == (date(2025, 9, 1), date(2025, 9, 30))
    assert day_span("2025-XX-XX") == (date(2025, 1, 1), date(2025, 12, 31))
    assert day_span("2025-WI") == (date(2025, 12, 1), date(2026, 2, 28))
    assert day_span("P2W") is None and day_span("FUTURE_REF") is None


def test_a_clock_time_or_part_of_day_counts_as_its_own_day_only() -> None:
    # a time on the 26th used to be read as all of September and so agreed with the 25th
    assert day_span("2025-09-26T10:00") == (date(2025, 9, 26), date(2025, 9, 26))
    assert not compatible("2025-09-26T10:00", "2025-09-25")
    assert compatible("2025-09-26TNI", "2025-09-26")


def test_a_yearless_value_takes_the_year_of_its_report_or_the_one_before() -> None:
    assert day_span("XXXX-03-02", "2025-06-01") == (date(2025, 3, 2), date(2025, 3, 2))
    assert day_span("XXXX-12-30", "2025-01-05") == (date(2024, 12, 30), date(2024, 12, 30))
    assert day_span("XXXX-12-30") is None
    assert compatible("XXXX-12-30", "2024-12-30", reported_a="2025-01-05")
    assert not compatible("XXXX-12-30", "2025-12-30", reported_a="2025-01-05")


def test_decades_and_weekdays_of_a_week_conflict_with_days_outside_them() -> None:
    assert compatible("199", "1994-05-01") and not compatible("199", "2025-05-01")
    assert compatible("2025-W39-3", "2025-09-24") and not compatible("2025-W39-3", "2025-09-25")


def test_values_that_are_not_dates_never_conflict() -> None:
    assert compatible("P3D", "2025-09-25") and compatible("PAST_REF", "1990") and compatible(None, "2025")
    # both dated but beyond the calendar: compared part by part
    assert compatible("2025-13", "2025-XX") and not compatible("2025-13", "2024-13")
