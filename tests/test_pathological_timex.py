"""TIME stage: long runs of the forms the TIMEX3 rules look for stay fast (review of the round-3 rules).

A live blog or a timetable holds thousands of clock times, and a hostile feed
can repeat one token for 100 kB.  Each bare clock time looks for the day it
belongs to; scanning every other expression for each one was quadratic ("noon"
written 8,000 times took 20 s).  The bound below is generous for a slow shared
machine: linear code takes well under a second on these inputs.
"""

from __future__ import annotations

import time
from datetime import date

import pytest

from dossier.analyze.timex import tag_times

BOUND_S = 5.0
N = 60_000


@pytest.mark.parametrize(
    ("language", "unit"),
    [
        ("en", "noon "),
        ("en", "3 p.m. "),
        ("en", "12:00 ET "),
        ("en", "at 9:45 "),
        ("en", "Friday at 3 p.m. "),
        ("ru", "в 10:00 "),
        ("ru", "в полдень "),
    ],
)
def test_many_clock_times_are_linear(language: str, unit: str) -> None:
    text = unit * (N // len(unit))
    started = time.perf_counter()
    found = tag_times(text, language=language, anchor=date(2024, 3, 14))
    took = time.perf_counter() - started
    assert found, "the clock times are still found"
    assert took < BOUND_S, f"{took:.1f}s on {len(text):,} characters of {unit!r}"


def test_a_clock_time_still_takes_the_nearest_day_of_its_sentence() -> None:
    text = "Talks began on Monday. On Friday at noon and at 3 p.m. the sides met; at 9 p.m. they left."
    values = [t.value for t in tag_times(text, language="en", anchor=date(2024, 3, 14))]
    assert values == ["2024-03-11", "2024-03-08T12:00", "2024-03-08T15:00", "2024-03-08T21:00"]
