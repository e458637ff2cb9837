"""Calendar arithmetic and TIMEX3 value formatting.

Why a module of its own: every rule, in every language, ends by turning "a
date at some granularity" into a TIMEX3 value string, and by shifting such a
date by a number of units ("two weeks ago").  Doing that in one place keeps
the conventions (ISO weeks, ``-WE`` weekends, ``Q``/``H`` quarters and
halves, three-digit decades) identical across the English and Russian rules.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

#: Granularities a resolved point can have, coarse to fine is not implied.
POINT_GRANULARITIES = ("day", "week", "weekend", "month", "quarter", "half", "year", "decade", "century")

#: The value written when a deictic expression cannot be resolved (no anchor):
#: the shape of the value is kept, every unknown digit is ``X``.
UNRESOLVED: dict[str, str] = {
    "day": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "weekend": "XXXX-WXX-WE",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "half": "XXXX-HX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
    "time": "XXXX-XX-XXTXX:XX",
}

#: Public granularity names (``TimeExpr.granularity``) for internal ones.
PUBLIC_GRANULARITY: dict[str, str] = {"weekend": "week"}

SEASONS = ("SP", "SU", "FA", "WI")


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` calendar months, the day clamped to the month's length."""
    idx = d.year * 12 + (d.month - 1) + n
    y, m = divmod(idx, 12)
    m += 1
    if y < 1 or y > 9999:
        return d
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def shift(d: date, unit: str, n: float) -> date:
    """``d`` moved by ``n`` units; fractional amounts are rounded to whole days/months."""
    try:
        if unit == "day":
            return d + timedelta(days=round(n))
        if unit in ("week", "weekend"):
            return d + timedelta(days=round(7 * n))
        if unit == "month":
            return add_months(d, round(n))
        if unit == "quarter":
            return add_months(d, round(3 * n))
        if unit == "half":
            return add_months(d, round(6 * n))
        if unit == "year":
            return add_months(d, round(12 * n))
        if unit == "decade":
            return add_months(d, round(120 * n))
        if unit == "century":
            return add_months(d, round(1200 * n))
    except OverflowError:
        return d
    return d


def fmt(d: date, gran: str) -> str:
    """TIMEX3 value of the ``gran``-sized period that contains ``d``."""
    if gran == "day":
        return d.isoformat()
    if gran in ("week", "weekend"):
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}" + ("-WE" if gran == "weekend" else "")
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran == "half":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if gran == "year":
        return f"{d.year:04d}"
    if gran == "decade":
        return f"{d.year // 10:03d}"
    if gran == "century":
        return f"{d.year // 100:02d}"
    raise ValueError(f"unknown granularity {gran!r}")


def safe_date(y: int, m: int, d: int) -> date | None:
    """``date(y, m, d)`` or ``None`` when it does not exist (31 June, 29 Feb 2023)."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def easter(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian computus)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` (0=Monday) of a month (Thanksgiving: 4th Thursday of November)."""
    first = date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))


def season_of(d: date) -> str:
    """Meteorological season code of ``d`` (Dec-Feb winter), northern hemisphere."""
    return SEASONS[((d.month % 12) // 3 + 3) % 4]


def duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: ``P3Y``, ``PT48H``, ``P1.5Y``; ``None`` amount gives ``PXY``."""
    time_units = {"hour": "H", "minute": "M", "second": "S"}
    date_units = {
        "day": "D",
        "week": "W",
        "weekend": "WE",
        "month": "M",
        "quarter": "Q",
        "half": "H",
        "year": "Y",
        "decade": "DE",
        "century": "CE",
    }
    if amount is None:
        num = "X"
    elif float(amount).is_integer():
        num = str(int(amount))
    else:
        num = f"{amount:g}"
    if unit in time_units:
        return f"PT{num}{time_units[unit]}"
    if unit in ("decade", "century"):
        # ISO 8601 has no decade/century designator; TimeBank writes them in years
        per = 10 if unit == "decade" else 100
        num = "X" if amount is None else f"{amount * per:g}"
        return f"P{num}Y"
    return f"P{num}{date_units.get(unit, 'D')}"


def orthodox_easter(year: int) -> date:
    """Orthodox Easter (Julian computus) as a Gregorian date, valid 1900-2099."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    return date(year, month, day + 1) + timedelta(days=13)
