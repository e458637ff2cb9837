"""The stretch of time a TIMEX3 value denotes: sort keys, calendar checks, compatibility.

One home for every question about the interval behind a value, so that a
listing, the store's ``events.date_order`` column, event coreference and
contradiction checks all read values the same way.

Why not compare the strings: ``"2025-W39" > "2025-12-01"`` and ``"2025-Q3" >
"2025-09-30"`` as strings, so a listing sorted on the value puts weeks,
quarters and seasons after every dated day of their year; and ``2025-W39``
differs from ``2025-09-25`` as a string although the week holds the day.
Each value is turned into the half-open interval ``[start, end)`` it denotes
(:func:`interval`).  Values sort by start, then by end (the shorter first, so
a day sorts before the month that begins on it).  Values that denote no
interval (durations, sets, ``PAST_REF``, shapes with ``X`` digits) sort after
every dated one, among themselves by their text.  Two values are
*compatible* (:func:`compatible`) when the days they can denote overlap; only
incompatible values can disagree about when something happened.

Pure functions of the values (and, for a year-less value, of its report's
date): no wall clock, no imports from the tagger, so store queries and
renderers can call them without loading rules.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache

__all__ = ["compatible", "day_span", "interval", "is_calendar_date", "order_text", "timex_sort_key"]

_PART_OF_DAY = {"MO": (6, 12), "MI": (12, 13), "AF": (12, 18), "EV": (18, 22), "NI": (22, 30), "DT": (8, 18)}
#: Seasons as the months they cover (northern meteorological seasons; winter runs into the next year).
_SEASON = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "AU": (9, 3), "WI": (12, 3)}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(?:(\d{2}):(\d{2})(?::(\d{2}))?|(MO|MI|AF|EV|NI|DT)))?")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})(?:-(\d)|-(WE))?(?:T(MO|MI|AF|EV|NI|DT))?$")
_PERIOD = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|AU|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")


def _month_start(year: int, month: int) -> datetime:
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return datetime(year, month, 1)


def _day_interval(m: re.Match[str]) -> tuple[datetime, datetime] | None:
    y, mo, d, hh, mm, ss, part = m.groups()
    try:
        day = datetime(int(y), int(mo), int(d))
    except ValueError:
        return None
    if hh is not None:
        hour = int(hh)
        if hour == 24:  # TIMEX3 midnight at the end of the day
            start = day + timedelta(days=1)
        else:
            start = day.replace(hour=min(hour, 23), minute=min(int(mm), 59), second=min(int(ss or 0), 59))
        return start, start + timedelta(minutes=1)
    if part:
        a, b = _PART_OF_DAY[part]
        return day + timedelta(hours=a), day + timedelta(hours=b)
    return day, day + timedelta(days=1)


def _week_interval(m: re.Match[str]) -> tuple[datetime, datetime] | None:
    y, w, wd, we, part = m.groups()
    try:
        d = date.fromisocalendar(int(y), int(w), 1)
        monday = datetime(d.year, d.month, d.day)
    except ValueError:  # a week number the year does not have
        return None
    if we:
        return monday + timedelta(days=5), monday + timedelta(days=7)
    if wd:
        if not 1 <= int(wd) <= 7:
            return None
        day = monday + timedelta(days=int(wd) - 1)
        if part:
            a, b = _PART_OF_DAY[part]
            return day + timedelta(hours=a), day + timedelta(hours=b)
        return day, day + timedelta(days=1)
    return monday, monday + timedelta(days=7)


def interval(value: str | None) -> tuple[datetime, datetime] | None:
    """The half-open ``[start, end)`` that a TIMEX3 date or time value denotes, else ``None``.

    ``2025-09-26`` → that day; ``2025-W39`` → its Monday to the next Monday;
    ``2025-W39-WE`` → Saturday and Sunday; ``2025-Q3`` → 1 July to 1 October;
    ``2025-WI`` → December 2025 to March 2026; ``199`` → the 1990s; ``20`` →
    2000-2099 (TIMEX3 centuries are the first two digits of their years).
    Durations, sets, ``*_REF`` values and anything with an ``X`` give ``None``.
    """
    if not value or "X" in value:
        return None
    value = value.strip()
    try:
        if m := _DAY.match(value):
            return _day_interval(m)
        if m := _WEEK.match(value):
            return _week_interval(m)
        if m := _MONTH.match(value):
            year, month = int(m.group(1)), int(m.group(2))
            if not 1 <= month <= 12:
                return None
            start = datetime(year, month, 1)
            return start, start + timedelta(days=calendar.monthrange(year, month)[1])
        if m := _PERIOD.match(value):
            year, p = int(m.group(1)), m.group(2)
            if p[0] == "Q":
                first, months = 3 * int(p[1]) - 2, 3
            elif p[0] == "H":
                first, months = 1 if p[1] == "1" else 7, 6
            else:
                first, months = _SEASON[p]
            return _month_start(year, first), _month_start(year, first + months)
        if m := _YEAR.match(value):
            year = int(m.group(1))
            return datetime(year, 1, 1), datetime(year + 1, 1, 1) if year < 9999 else datetime.max
        if m := _DECADE.match(value):
            year = int(m.group(1)) * 10
            return datetime(max(year, 1), 1, 1), datetime(min(year + 10, 9999), 1, 1)
        if m := _CENTURY.match(value):
            year = int(m.group(1)) * 100
            return datetime(max(year, 1), 1, 1), datetime(min(year + 100, 9999), 1, 1)
    except (ValueError, OverflowError):
        return None
    return None


def timex_sort_key(value: str | None) -> tuple[int, datetime, datetime, str]:
    """Sort key for TIMEX3 values: by the interval they denote, undated values last.

    Use it wherever a listing orders dates or times (``sorted(rows,
    key=lambda r: timex_sort_key(r["date"]))``): ``2025-09``, ``2025-09-26``,
    ``2025-W39`` and ``2025-Q4`` come out in calendar order, and
    ``None``/``PXY``/``PAST_REF`` at the end.
    """
    span = interval(value)
    if span is None:
        return (1, datetime.max, datetime.max, value or "")
    return (0, span[0], span[1], value or "")


def is_calendar_date(value: str | None) -> bool:
    """Whether ``value`` names a day, week, month or other period of the calendar.

    Durations (``P3D``), sets, ``*_REF`` values and shapes with unknown digits
    other than the year are not.  A date whose year alone is unknown
    (``XXXX-09-26``, an article without a publication date) still names a
    calendar date, so it counts.
    """
    if not value:
        return False
    if value.startswith("XXXX-"):
        value = "2000" + value[4:]  # a leap year, so that XXXX-02-29 passes
    return interval(value) is not None


def order_text(value: str | None) -> str | None:
    """The interval of a value as ``"start/end"`` in fixed-width ISO, which sorts as the interval does.

    Stored with each event (``events.date_order``) so that the store orders and pages
    events by time in SQL; ``None`` for values that denote no interval.
    """
    span = interval(value)
    if span is None:
        return None
    return f"{span[0]:%Y-%m-%dT%H:%M:%S}/{span[1]:%Y-%m-%dT%H:%M:%S}"


#: A value that starts like a calendar date: a year, or an unknown year, then nothing word-like.
_DATED = re.compile(r"^(?:\d{4}|XXXX)(?!\w)")


def _known_prefix(value: str) -> str:
    """The leading parts of a date value up to its first unknown one (``2025-09-XX`` → ``2025-09``).

    Why: ``2025-09-XX`` says "some day in September 2025", so for overlap it
    is the month; clock times and parts of day are dropped the same way, as a
    day is the finest unit two reports are compared at.
    """
    parts = value.split("T", 1)[0].split("-")
    known: list[str] = []
    for part in parts:
        if "X" in part or not part:
            break
        known.append(part)
    return "-".join(known)


#: Spans kept by :func:`_closed_days`: a timeline window holds a few thousand distinct values.
_SPANS_KEPT = 8192


@lru_cache(maxsize=_SPANS_KEPT)
def _closed_days(value: str) -> tuple[date, date] | None:
    """The first and last day of a calendar value, kept per value: a pure function of one string,
    called for both sides of every :func:`compatible` test, and an equipment status compares every
    pair of a stage's dates (1,000 dates: two million calls, 28 of a timeline build's 38 profiled
    seconds; issue #13, eighth round)."""
    span = interval(_known_prefix(value))
    if span is None:
        return None
    return span[0].date(), (span[1] - timedelta(microseconds=1)).date()


def day_span(value: str | None, reported: str | None = None) -> tuple[date, date] | None:
    """First and last day ``value`` can denote, or ``None`` (no value, a ``*_REF``, a duration, unknown year).

    Unknown trailing parts widen the span (``2025-09-XX`` is all of
    September); a clock time or part of day counts as its whole day.  A
    year-less value (``XXXX-09-26``) takes the year of ``reported`` (the
    report's date), or the year before when that would put it after the
    report.
    """
    if not value:
        return None
    value = value.strip()
    if not value.startswith("XXXX"):
        return _closed_days(value)
    if not reported or not reported[:4].isdigit():
        return None
    year = int(reported[:4])
    span = _closed_days(f"{year:04d}{value[4:]}")
    if span and span[0].isoformat() > reported[:10] and year > 1:
        span = _closed_days(f"{year - 1:04d}{value[4:]}")
    return span


def _parts_compatible(a: str, b: str) -> bool:
    for x, y in zip(re.split(r"[-T]", a), re.split(r"[-T]", b), strict=False):
        if "X" in x or "X" in y:
            continue
        if x != y:
            return False
    return True


def compatible(a: str | None, b: str | None, reported_a: str | None = None, reported_b: str | None = None) -> bool:
    """Whether two date values can denote the same time: unknown, or overlapping day spans.

    A week and a day inside it, a month and a day of it, ``XXXX-09-26`` and
    ``2025-09-26`` are compatible; two different days, or a week and a day
    outside it, are not.  Values that are not calendar dates (durations,
    ``*_REF``) never conflict.  ``reported_a``/``reported_b`` date the
    reports the values come from (for year-less values); without them the
    other value's year stands in.
    """
    if not a or not b or not a[:1].isalnum() or not b[:1].isalnum():
        return True
    ia = day_span(a, reported_a or (b if b[:4].isdigit() else None))
    ib = day_span(b, reported_b or (a if a[:4].isdigit() else None))
    if ia is None or ib is None:
        dated = _DATED.match(a) is not None and _DATED.match(b) is not None
        return _parts_compatible(a, b) if dated else True
    return ia[0] <= ib[1] and ib[0] <= ia[1]
