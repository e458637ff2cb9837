"""Which date an event gets, from the time expressions of its sentence.

Why a separate module: the time stage normalises expressions, but which
expression dates *which* event is an event decision.  One construction needs
care because it inverts the obvious reading: in "his comments came a day
after Lukashenko announced that the complex was en route", the expression
dates the comments, and the announced event happened one day *before* them.
So when the trigger follows "N <unit> after", the event gets the reference
date minus N (plus N for "before"), whatever value the time stage computed
for the phrase.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, timedelta
from functools import lru_cache

from dossier.model import TimeExpr

#: TIMEX values that carry no calendar date.
_REF_VALUES = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
_FULL_DATE = re.compile(r"^(\d{4}|XXXX)-(\d{2})-(\d{2})")
_PARTIAL = re.compile(r"^(\d{4}|XXXX)(-\d{2}){0,2}$|^\d{4}-W\d{2}$|^\d{4}-(Q\d|H\d|SP|SU|FA|WI)$")

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": None, "few": None,
}  # fmt: skip
_RELATIVE = re.compile(
    r"\b(?:just\s+|only\s+|barely\s+)?(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
    r"(day|week|month|year)s?\s+(after|before)\b",
    re.IGNORECASE,
)
#: The Russian forms: "на следующий день после того, как ...", "через два дня после",
#: "спустя неделю после", "за три дня до".
_RU_NUMBERS = {"один": 1, "одну": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6,
               "семь": 7, "восемь": 8, "девять": 9, "десять": 10}  # fmt: skip
_RELATIVE_RU = re.compile(
    r"(?:на\s+следующий\s+(день)|(?:через|спустя|за)\s+(\d+|один|одну|два|две|три|четыре|пять|шесть|семь|"
    r"восемь|девять|десять)?\s*(дн[ея]й?|день|недел[юиь]|месяц[аев]*))\s+(после|до)\b",
    re.IGNORECASE,
)
_RU_UNITS = {"д": "day", "н": "week", "м": "month"}


def date_value(value: str | None) -> str | None:
    """The calendar part of a TIMEX value, or None when it has none."""
    if not value or value in _REF_VALUES:
        return None
    if "T" in value:
        value = value.split("T", 1)[0]
    return value if _PARTIAL.match(value) else None


def resolve_year(value: str, reported: date | None) -> date | None:
    """A full ``date`` for ``YYYY-MM-DD`` or ``XXXX-MM-DD`` (year taken from
    the reporting date, one year back if that would put it in the future)."""
    m = _FULL_DATE.match(value)
    if not m:
        return None
    year_s, month, day = m.groups()
    try:
        if year_s != "XXXX":
            return date(int(year_s), int(month), int(day))
        if reported is None:
            return None
        d = date(reported.year, int(month), int(day))
        return d if d <= reported else date(reported.year - 1, int(month), int(day))
    except ValueError:
        return None


def _shift(ref: date, n: int, unit: str, sign: int) -> str:
    if unit == "day":
        return (ref + timedelta(days=sign * n)).isoformat()
    if unit == "week":
        return (ref + timedelta(weeks=sign * n)).isoformat()
    months = ref.year * 12 + ref.month - 1 + sign * n * (12 if unit == "year" else 1)
    year, month = divmod(months, 12)
    # Month arithmetic keeps only the month: the day is not known that finely.
    return f"{year:04d}-{month + 1:02d}"


def relative_date(
    sentence: str,
    sent_start: int,
    trigger_start: int,
    times: list[TimeExpr],
    fallback_ref: str | None,
    reported: date | None,
) -> tuple[str, str] | None:
    """``(date, date_text)`` for a trigger placed after "N units after/before".

    The reference date is the anchor the time stage gave the phrase (when it
    is a full date), else ``fallback_ref`` (the latest dated event before it
    in the article).
    """
    english, russian = _relative_phrases(sentence)
    limit = trigger_start - sent_start
    best = _last_ending_by(english, limit)
    parsed = _parse_relative(best) if best else None
    ru = _last_ending_by(russian, limit)
    if ru is not None and (best is None or ru.start() > best.start()):
        best, parsed = ru, _parse_relative_ru(ru)
    if best is None or parsed is None:
        return None
    n, unit, direction = parsed
    # "ten months after Lukashenko, on 6 December 2024, asked ...": a calendar date standing between
    # the phrase and the trigger dates the trigger itself, so the inversion does not apply.
    phrase_end = sent_start + best.end()
    if any(phrase_end <= t.start and t.end <= trigger_start and date_value(t.value) for t in times):
        return None
    span = (sent_start + best.start(), sent_start + best.end())
    ref: date | None = None
    for t in times:
        if t.start < span[1] and t.end > span[0] and t.anchor:
            ref = resolve_year(t.anchor, reported)
    if ref is None:
        # "expressed concern on Thursday, a day after ...": the date of the clause the phrase hangs on.
        before = [t for t in times if t.end <= span[0] and date_value(t.value)]
        if before:
            ref = resolve_year(date_value(before[-1].value) or "", reported)
    if ref is None and fallback_ref:
        ref = resolve_year(fallback_ref, reported)
    if ref is None:
        return None
    sign = -1 if direction == "after" else 1
    return _shift(ref, n, unit, sign), best.group(0)


#: The phrases of one language in a sentence, in text order, and where each ends.
_Phrases = tuple[tuple[re.Match[str], ...], list[int]]


@lru_cache(maxsize=4)
def _relative_phrases(sentence: str) -> tuple[_Phrases, _Phrases]:
    """The English and the Russian "N units after/before" phrases of a sentence.

    Why cached: :func:`relative_date` is asked once per trigger, and a pass over the whole sentence
    for each made a long sentence of many triggers quadratic (22 s at 20 kB).  The triggers of one
    sentence come one after another, so a few entries suffice."""
    english, russian = tuple(_RELATIVE.finditer(sentence)), tuple(_RELATIVE_RU.finditer(sentence))
    return (english, [m.end() for m in english]), (russian, [m.end() for m in russian])


def _last_ending_by(phrases: _Phrases, limit: int) -> re.Match[str] | None:
    """The last phrase that ends by ``limit`` (phrases do not overlap, so they end in text order)."""
    matches, ends = phrases
    i = bisect_right(ends, limit)
    return matches[i - 1] if i else None


def _parse_relative(m: re.Match[str]) -> tuple[int, str, str] | None:
    n = _NUMBERS.get(m.group(1).lower()) if not m.group(1).isdigit() else int(m.group(1))
    return (n, m.group(2).lower(), m.group(3).lower()) if n is not None else None


def _parse_relative_ru(m: re.Match[str]) -> tuple[int, str, str] | None:
    direction = "after" if m.group(4).lower() == "после" else "before"
    if m.group(1):  # "на следующий день после"
        return 1, "day", direction
    count = (m.group(2) or "").lower()
    n = int(count) if count.isdigit() else _RU_NUMBERS.get(count, 1 if not count else 0)
    unit = _RU_UNITS.get(m.group(3).lower()[:1], "day")
    return (n, unit, direction) if n else None


def pick_time(times: list[TimeExpr], trigger_start: int, trigger_end: int) -> TimeExpr | None:
    """The time expression of the sentence that dates the trigger: the
    nearest one with a calendar value (or a *_REF value when no other)."""
    scored = []
    for t in times:
        if t.timex_type not in ("DATE", "TIME"):
            continue
        dist = trigger_start - t.end if t.end <= trigger_start else t.start - trigger_end
        has_date = date_value(t.value) is not None
        scored.append((not has_date, max(dist, 0), t.start, t))
    if not scored:
        return None
    scored.sort(key=lambda s: s[:3])
    return scored[0][3]
