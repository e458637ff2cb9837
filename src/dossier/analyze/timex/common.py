"""Rules that do not depend on the language: ISO dates, numeric dates, clock times.

Why shared: "2024-12-06" and "06.12.2024" look the same in every language we
read, and keeping one implementation avoids the two languages drifting apart.
"""

from __future__ import annotations

import re

from dossier.analyze.timex.calendar import safe_date
from dossier.analyze.timex.core import DocState, Handler, Hit, Rule

ISO_RE = re.compile(
    r"(?<![\d.\-/])(?P<y>(?:1[5-9]|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
    r"(?:[T ](?P<H>[0-2]\d):(?P<M>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?![\d\-/])"
)

#: 12/06/2024, 06.12.2024, 6/12/24 -- the separator must repeat.
NUMERIC_RE = re.compile(
    r"(?<![\d./\-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/]|\.\d)"
)


def iso_date(m: re.Match[str], st: DocState) -> Hit | None:
    """2024-12-06 (optionally with a clock time): absolute, needs no anchor."""
    d = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if d is None:
        return None
    if m["H"] is not None:
        h = Hit(m.start(), m.end(), "TIME", f"{d.isoformat()}T{m['H']}:{m['M']}", "time", None)
        h.ref, h.ref_gran = d, "day"
        return h
    return st.point(m.start(), m.end(), d, "day", anchor=None)


def make_numeric_date(month_first: bool) -> Handler:
    """Handler for numeric dates; ``month_first`` picks US order for ``/``.

    ``.`` is day-first everywhere (European and Russian use); with ``/`` the
    US order applies to English, unless the first number cannot be a month.
    """

    def handler(m: re.Match[str], st: DocState) -> Hit | None:
        a, b = int(m["a"]), int(m["b"])
        y = int(m["y"])
        if len(m["y"]) == 2:
            y += 1900 if y >= 50 else 2000
        if m["sep"] == "/" and month_first and a <= 12:
            mo, da = a, b
        else:
            da, mo = a, b
        if mo > 12 and da <= 12:
            mo, da = da, mo
        d = safe_date(y, mo, da)
        if d is None or not (1900 <= y <= 2100):
            return None
        return st.point(m.start(), m.end(), d, "day", anchor=None)

    return handler


_LETTERS = re.compile(r"[^\W\d_]{3,}")


def title_inside_sentence(text: str, start: int) -> bool:
    """Whether a capitalised word at ``start`` is a name because it sits inside a sentence.

    "He told the Today programme", "в программе «Сегодня»": a deictic word is
    written in lower case inside a sentence, so a capital there marks the
    title of a programme or a paper.  A capital at the start of a sentence or
    quotation, a word in capitals, and any word of a headline in title case
    (every long word capitalised) mark nothing.
    """
    word = _LETTERS.match(text, start)
    if word is None or not text[start].isupper() or word.group().isupper():
        return False
    before = text[max(0, start - 20):start].rstrip(" \t\"'“‘`«„(")
    if not before or before[-1] in ".!?:;\n—–-":
        return False
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", start)
    words = _LETTERS.findall(text, lo, hi if hi >= 0 else len(text))
    return sum(1 for w in words if w[0].islower()) >= 2


def common_rules(month_first: bool) -> list[Rule]:
    return [
        Rule("iso", ISO_RE, iso_date, priority=10),
        Rule("numeric", NUMERIC_RE, make_numeric_date(month_first), priority=10),
    ]
