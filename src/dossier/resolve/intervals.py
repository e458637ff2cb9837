"""The stretch of days a TIMEX3 date value denotes, and whether two values can be the same time.

Why: reports give one moment at different granularities ("last week", "in
September", "on 25 September").  Comparing the strings says ``2025-W39`` and
``2025-09-25`` differ; comparing the intervals says the week contains the day.
Event coreference, contradictions and timelines all need the second answer:
values are *compatible* when their intervals overlap, and only incompatible
values can disagree.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

__all__ = ["compatible", "interval"]

_PERIOD = re.compile(r"^(\d{4}|XXXX)-(?:W(\d{2})(-WE)?|Q([1-4])|H([12])|(SP|SU|FA|AU|WI))(?![\w])")
_DATE = re.compile(r"^(\d{4}|XXXX)(?:-(\d{2}|XX))?(?:-(\d{2}|XX))?(?![\w])")
_SEASON = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}


def _month_end(year: int, month: int) -> date:
    while month > 12:
        year, month = year + 1, month - 12
    return date(year, month, calendar.monthrange(year, month)[1])


def _year_of(raw: str, reported: str | None) -> int | None:
    if raw != "XXXX":
        return int(raw)
    return int(reported[:4]) if reported and reported[:4].isdigit() else None


def interval(value: str | None, reported: str | None = None) -> tuple[date, date] | None:
    """First and last day that ``value`` can denote, or None (no value, a ``*_REF``, unknown year).

    ``XXXX`` takes the reporting year, or the year before when that would
    put the start after the report (the convention of ``timeline.sort_date``).
    """
    if not value:
        return None
    try:
        span = _interval(value, reported)
        if span and value.startswith("XXXX") and reported and span[0].isoformat() > reported[:10]:
            span = _interval(value, f"{int(reported[:4]) - 1:04d}")
        return span
    except ValueError:  # a week or day the calendar does not have
        return None


def _interval(value: str, reported: str | None) -> tuple[date, date] | None:
    pm = _PERIOD.match(value)
    if pm:
        year = _year_of(pm.group(1), reported)
        if year is None:
            return None
        week, weekend, quarter, half, season = pm.group(2), pm.group(3), pm.group(4), pm.group(5), pm.group(6)
        if week:
            monday = date.fromisocalendar(year, int(week), 1)
            return (
                (monday + timedelta(days=5), monday + timedelta(days=6)) if weekend else (monday, monday + timedelta(6))
            )
        if quarter:
            first = 3 * int(quarter) - 2
            return date(year, first, 1), _month_end(year, first + 2)
        if half:
            return (date(year, 1, 1), date(year, 6, 30)) if half == "1" else (date(year, 7, 1), date(year, 12, 31))
        lo, hi = _SEASON[season]
        return date(year, lo, 1), _month_end(year, hi)
    m = _DATE.match(value)
    if not m:
        return None
    year = _year_of(m.group(1), reported)
    if year is None:
        return None
    month, day = m.group(2), m.group(3)
    if not month or month == "XX":
        return date(year, 1, 1), date(year, 12, 31)
    if not day or day == "XX":
        return date(year, int(month), 1), _month_end(year, int(month))
    d = date(year, int(month), int(day))
    return d, d


def _parts_compatible(a: str, b: str) -> bool:
    for x, y in zip(re.split(r"[-T]", a), re.split(r"[-T]", b), strict=False):
        if "X" in x or "X" in y:
            continue
        if x != y:
            return False
    return True


def compatible(a: str | None, b: str | None, reported_a: str | None = None, reported_b: str | None = None) -> bool:
    """Whether two date values can denote the same time: unknown, or overlapping intervals.

    A week and a day inside it, a month and a day of it, ``XXXX-09-26`` and
    ``2025-09-26`` are compatible; two different days, or a week and a day
    outside it, are not.  Values that are not calendar dates never conflict.
    """
    if not a or not b or not a[:1].isalnum() or not b[:1].isalnum():
        return True
    ia = interval(a, reported_a or (b if b[:4].isdigit() else None))
    ib = interval(b, reported_b or (a if a[:4].isdigit() else None))
    if ia is None or ib is None:
        dated = all((_DATE.match(v) or _PERIOD.match(v)) for v in (a, b))
        return _parts_compatible(a, b) if dated else True
    return ia[0] <= ib[1] and ib[0] <= ia[1]
