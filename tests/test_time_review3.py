"""TIME stage: edge dates and look-alikes of the round-3 English and Russian rules (review).

Sentences of our own.  "On the 30th" in a past clause is the last 30th
before the publication date, which in March is January's (February has
none); a month's last week or last weekday at the end of year 9999 has a
value even though the next month's first day does not exist.
"""

from __future__ import annotations

from datetime import date

import pytest

from dossier.analyze.timex import tag_times


def values(text: str, anchor: date, language: str = "en") -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tag_times(text, language=language, anchor=anchor)]


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # February has no 30th and March's is still ahead: the last 30th was January's
        ("The invoice was due on the 30th.", date(2024, 3, 14), "2024-01-30"),
        # April has no 31st: the last one was in March
        ("The rent was paid on the 31st.", date(2024, 5, 10), "2024-03-31"),
        # April has no 31st: the next one is in May
        ("The rent is due on the 31st.", date(2024, 4, 10), "2024-05-31"),
        ("The court met on the 29th.", date(2023, 3, 10), "2023-01-29"),
        # the month before the first representable one does not exist; this month's 15th still does
        ("He paid on the 15th.", date(1, 1, 20), "0001-01-15"),
        ("He will pay on the 15th.", date(9999, 12, 3), "9999-12-15"),
    ],
)
def test_day_of_month_skips_months_without_that_day(text: str, anchor: date, expected: str) -> None:
    assert [v for _, v in values(text, anchor)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The last week of December was quiet.", ("The last week of December", "9999-W52")),
        ("The last Friday in December was quiet.", ("The last Friday in December", "9999-12-31")),
    ],
)
def test_last_of_december_in_the_last_representable_year(text: str, expected: tuple[str, str]) -> None:
    assert values(text, date(9999, 12, 31)) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a part of day written with "this", "last" or as "tonight" sets the clock's half, as "yesterday evening" does
        ("The vote is at 10:00 tonight.", "2024-03-14T22:00"),
        ("He will speak at 7:30 this evening.", "2024-03-14T19:30"),
        ("The match starts at 4:00 this afternoon.", "2024-03-14T16:00"),
        ("The vote was held at 10:30 last night.", "2024-03-13T22:30"),
        ("They met at 9:15 yesterday evening.", "2024-03-13T21:15"),
        # before six, a night hour is after midnight; a morning hour stays as written
        ("The sirens sounded at 2:10 tonight.", "2024-03-14T02:10"),
        ("The alarm went off at 5:30 this morning.", "2024-03-14T05:30"),
    ],
)
def test_a_clock_hour_takes_its_half_from_a_deictic_part_of_day(text: str, expected: str) -> None:
    assert [v for _, v in values(text, date(2024, 3, 14))] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Sgt. Friday closed the case.",
        "Sergeant Friday closed the case.",
        "Detective Monday said the file was open.",
        "Judge Tuesday ruled against the firm.",
        "Sen. Wednesday voted no.",
    ],
)
def test_a_rank_or_title_before_a_weekday_makes_it_a_surname(text: str) -> None:
    assert values(text, date(2024, 3, 14)) == []


def test_a_weekday_after_a_title_still_counts_with_last_or_next() -> None:
    assert values("The judge ruled last Tuesday.", date(2024, 3, 14)) == [("last Tuesday", "2024-03-12")]
