"""English temporal expressions.

Each rule is a regex over the raw text plus a handler that normalises the
match.  Month and weekday names are matched case-sensitively (``(?-i:...)``)
because their lower-case forms are ordinary words ("may", "march", "august");
everything else is case-insensitive.  Bare month names and bare years are
accepted only in a temporal context (after "in", "since", "by"...), the
usual trade-off between recall and false hits on numbers and names.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections.abc import Callable
from datetime import date, timedelta

from dossier.analyze.timex.calendar import (
    UNRESOLVED,
    duration_value,
    easter,
    nth_weekday,
    orthodox_easter,
    safe_date,
    shift,
)
from dossier.analyze.timex.common import common_rules, title_inside_sentence
from dossier.analyze.timex.core import DocState, Hit, Language, Rule, season_value, trie_regex

_I = re.IGNORECASE

# --- lexicon -------------------------------------------------------------------------

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
_MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WD_ABBR = ["Mon", "Tues", "Tue", "Wed", "Thurs", "Thur", "Thu", "Fri", "Sat", "Sun"]

ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
}
#: quantity words that leave the number unknown ("several years" -> PXY)
VAGUE = ("several", "a few", "few", "many", "some",
         "dozens of", "hundreds of", "thousands of", "a number of", "numerous", "multiple")
FIXED = {"a": 1, "an": 1, "a couple of": 2, "a couple": 2, "couple of": 2,
         "a dozen": 12, "dozen": 12, "a hundred": 100, "one hundred": 100,
         "hundred": 100, "a half": 0.5, "half a": 0.5, "half an": 0.5}

UNITS = {
    "second": "second", "minute": "minute", "hour": "hour", "day": "day", "night": "day",
    "week": "week", "weekend": "weekend", "fortnight": "fortnight", "month": "month",
    "year": "year", "decade": "decade", "century": "century", "centurie": "century",
    "quarter": "quarter",
}
SEASON_CODES = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}


def _alt(words: list[str] | tuple[str, ...]) -> str:
    """Alternation of ``words`` as a prefix trie (fast in ``re``; longest word wins)."""
    return trie_regex(list(words))


_WORDNUMS = [f"{t}{sep}{o}" for t in TENS for o in ONES for sep in (" ", "-")] + [*TENS, *TEENS, *ONES]
#: a spelled count of hundreds or thousands with its rest: "two hundred", "three hundred and sixty-five",
#: "two thousand" (before a unit a count, never the year: see ``h_spelled_year``)
_BIGNUM = (rf"(?:{_alt(list(ONES))}|a)\s+(?:hundred|thousand)"
           rf"(?:\s+(?:and\s+)?(?:{_alt(_WORDNUMS)}))?")
NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?|{_BIGNUM}|{_alt([*FIXED, *_WORDNUMS])})(?![\w])"
QNUM = rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?|{_BIGNUM}|{_alt([*VAGUE, *FIXED, *_WORDNUMS])})(?![\w])"
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|years?|decades?|century"
    r"|centuries|quarters?(?!\s+of\b)|quarters(?=\s+of\b))"
)
_MON_FULL = "|".join(MONTHS + [m.upper() for m in MONTHS])
_MON_ABBR = "|".join(_MONTH_ABBR + [m.upper() for m in _MONTH_ABBR])


def mon(name: str, *, abbr: bool = True, dot_required: bool = False) -> str:
    """Named group for a month name; abbreviations take an optional dot."""
    ab = rf"|(?:{_MON_ABBR})\b\.{'' if dot_required else '?'}" if abbr else ""
    return rf"(?P<{name}>(?-i:(?:{_MON_FULL})\b{ab}))"


WD_FULL = "|".join(WEEKDAYS + [w.upper() for w in WEEKDAYS])
WD_ANY = rf"(?-i:(?:{WD_FULL}|{'|'.join(_WD_ABBR)})\b\.?)"
PRE = (
    r"(?:(?:early|late)[\s-]+|mid-?\s*|(?:end|start)-(?=\w)|(?:the\s+)?(?:end|beginning|start|middle|close|turn)\s+of\s+(?:the\s+)?)"
)
YEAR = r"(?:1[5-9]|20)\d\d"


def month_num(s: str) -> int:
    return {m[:3].lower(): i + 1 for i, m in enumerate(MONTHS)}[s.strip(".")[:3].lower()]


def weekday_num(s: str) -> int:
    return {w[:3].lower(): i for i, w in enumerate(WEEKDAYS)}[s.strip(".")[:3].lower()]


def parse_num(s: str | None) -> float | None:
    """Number written in digits or words; ``None`` for vague quantities ("several")."""
    if s is None:
        return 1.0
    t = re.sub(r"\s+", " ", s.strip().lower())
    if t in FIXED:
        return float(FIXED[t])
    if t in VAGUE:
        return None
    if t[0].isdigit():
        try:
            return float(t.replace(",", ""))
        except ValueError:
            return None
    total = current = 0
    for part in re.split(r"[\s-]+", t):
        if part in ("hundred", "thousand"):  # "two hundred", "a thousand": a multiplier of what came before
            current = (current or 1) * 100
            if part == "thousand":
                total, current = total + current * 10, 0
            continue
        current += ONES.get(part, 0) + TEENS.get(part, 0) + TENS.get(part, 0)
    total += current
    return float(total) if total else None


def unit_of(s: str) -> str:
    t = s.lower()
    t = t[:-1] if t.endswith("s") else t
    return UNITS.get(t, "day")


def duration(amount: float | None, unit: str) -> str:
    """Duration value, with halves moved to a smaller unit ("half an hour" -> PT30M)."""
    if unit == "fortnight":
        return duration_value(None if amount is None else amount * 2, "week")
    if amount is not None and not float(amount).is_integer():
        smaller = {"hour": (60, "minute"), "day": (24, "hour"), "year": (12, "month"),
                   "decade": (10, "year"), "century": (100, "year"), "minute": (60, "second")}
        if unit in smaller and float(amount * smaller[unit][0]).is_integer():
            factor, unit = smaller[unit]
            amount = amount * factor
    return duration_value(amount, unit)


def _prev_word(text: str, pos: int, n: int = 30) -> str:
    m = re.search(r"([A-Za-z'-]+)\W*$", text[max(0, pos - n):pos])
    return m.group(1).lower() if m else ""


# --- handlers ------------------------------------------------------------------------


def _year_of(m: re.Match[str], st: DocState, key: str = "y", rel_key: str = "yrel") -> int | None:
    y = m.groupdict().get(key)
    if y:
        return int(y)
    rel = m.groupdict().get(rel_key)
    if rel and st.anchor:
        return st.anchor.year + {"last": -1, "this": 0, "next": 1}[rel.lower()]
    return None


def h_month_day(m: re.Match[str], st: DocState) -> list[Hit] | None:
    """"December 6, 2024", "6 December", "Dec. 6-7", "Friday, Sept. 26"."""
    month = month_num(m["mon"])
    d1 = int(m["d1"])
    d2 = int(m["d2"]) if m["d2"] else None
    if not 1 <= d1 <= 31 or (d2 is not None and not d1 < d2 <= 31):
        return None
    year = _year_of(m, st)
    rel = m.groupdict().get("yrel")
    anchor = st.anchor_iso if rel else None

    mrel = (m.groupdict().get("rel") or "").lower()

    def one(day: int, s: int, e: int) -> Hit | None:
        if year is not None:
            d = safe_date(year, month, day)
            return st.point(s, e, d, "day", anchor=anchor) if d else None
        a = st.anchor
        if a is not None and mrel:
            y = a.year
            this_year = safe_date(y, month, day)
            if this_year is not None and mrel in ("last", "past") and this_year >= a:
                y -= 1
            elif this_year is not None and mrel in ("next", "coming") and this_year <= a:
                y += 1
            d = safe_date(y, month, day)
            return st.point(s, e, d, "day", anchor=st.anchor_iso) if d else None
        d = st.resolve_month_day(month, day, s, e)
        if d is None:
            return Hit(s, e, "DATE", f"XXXX-{month:02d}-{day:02d}", "day", None)
        return st.point(s, e, d, "day", anchor=st.anchor_iso)

    if d2 is None:
        h = one(d1, m.start(), m.end())
        if h is not None and m.groupdict().get("wk"):  # "the week of March 6": that ISO week
            h = st.point(h.start, h.end, h.ref, "week", anchor=h.anchor) if h.ref else h
        return [h] if h else None
    if m.start("mon") < m.start("d1"):  # "Dec. 6-7, 2024": month first
        a, b = one(d1, m.start(), m.end("d1")), one(d2, m.start("d2"), m.end())
    else:  # "6-7 December 2024"
        a, b = one(d1, m.start(), m.end("d1")), one(d2, m.start("d2"), m.end())
    return [h for h in (a, b) if h] or None


_MONTH_CONTEXT = re.compile(
    r"(?:in|since|by|until|till|through|throughout|from|to|of|during|before|after|early|late|mid|"
    r"last|next|this|between|and|or|end|every|each|for|on|until|that|beginning|start|month|around|"
    r"as|than|like|since|whole|entire|past|coming|'til)$"
)


_FULL_MONTHS = frozenset(mn.lower() for mn in MONTHS)
#: two month names joined by a dash are a range of months, whatever stands around them ("sales in the
#: January-September period", "in January–March"): each end is a month
_MONTH_DASH_BEFORE = re.compile(rf"(?-i:{_MON_FULL}|{_MON_ABBR})\.?\s*[-–—]\s*$")
_HYPHEN_NAME_AFTER = re.compile(rf"-(?!(?-i:{_MON_FULL}|{_MON_ABBR})\b)(?-i:[A-Z][a-z]+)")
_MONTH_DASH_AFTER = re.compile(rf"\s*[-–—]\s*(?-i:{_MON_FULL}|{_MON_ABBR})\b")
#: a capitalised word right after: "Jan Kavan", "Mar Holdings"
_NAME_AFTER = re.compile(r"\s+(?-i:[A-Z][a-z])")
#: a determiner or possessive right before a month name: "the October slaying", "a June agreement"
_MONTH_DET = re.compile(r"(?:\b(?:the|a|an|its|his|her|their|our|your|whose)|['’]s)\s+$", _I)
#: ... and the noun it modifies: a lower-case word that is not a function word ("the March on Washington")
_MONTH_NOUN = re.compile(
    r"\s+(?!(?:on|of|in|to|for|and|or|at|by|from|with|is|was|were|has|had|will)\b)[a-z][a-z-]+\b"
)


#: a determiner and a superlative right before a month name: "the hottest June on record", "the
#: busiest December in years" (a name takes no superlative); words in -est that are no superlatives left out
_MONTH_SUPERLATIVE = re.compile(
    r"\b(?:the|its|their|our|his|her)\s+(?!(?:inter|cont|arr|for|harv|conqu|inqu|requ|qu|gu|ch|cr|unr|manif|"
    r"hon|mod|earn|sugg|dig|inv|prot|beh|att|det)est\s)(?-i:[a-z]{2,}est|best|worst|least)\s+$",
    _I,
)


def _month_as_modifier(text: str, s: int, e: int) -> bool:
    """A month name used as a modifier after a determiner: "the October slaying", "a June agreement".

    Why: a capitalised month between a determiner and a noun can only be the
    month (a name would not take "the"/"a" before a common noun), so it needs
    no temporal preposition.
    """
    return bool(_MONTH_DET.search(text, max(0, s - 8), s)) and bool(_MONTH_NOUN.match(text, e, min(len(text), e + 30)))


#: Relative words before a month or season name, as a direction in time.
_DIRECTION = {"last": -1, "past": -1, "the past": -1, "next": 1, "coming": 1, "the coming": 1, "this": 0}


def h_month(m: re.Match[str], st: DocState) -> Hit | None:
    """"March", "March 2024", "last December", "mid-September", "September of last year"."""
    month = month_num(m["mon"])
    year = _year_of(m, st)
    rel = (m["rel"] or "").lower()
    name = m["mon"]
    if year is None and not rel and not m["pre"]:
        if _HYPHEN_NAME_AFTER.match(st.text, m.end()):
            return None  # "May-Britt", "April-Lynn": a month joined by a hyphen to a capitalised word is a name
        dashed = bool(_MONTH_DASH_BEFORE.search(st.text, max(0, m.start() - 14), m.start())
                      or _MONTH_DASH_AFTER.match(st.text, m.end()))
        if (name.rstrip(".").lower() not in _FULL_MONTHS and (name.endswith(".") or _NAME_AFTER.match(st.text, m.end()))
                and not dashed):
            return None  # "Jan." or "Jan Kavan": an abbreviation alone is too often part of a name
        if not (_MONTH_CONTEXT.search(_prev_word(st.text, m.start()))
                or dashed
                or _month_as_modifier(st.text, m.start(), m.end())
                or _MONTH_SUPERLATIVE.search(st.text, max(0, m.start() - 30), m.start())):
            return None
    if year is not None:
        d = date(year, month, 1)
        return st.point(m.start(), m.end(), d, "month", anchor=st.anchor_iso if m["yrel"] else None)
    return st.month_hit(month, _DIRECTION.get(rel), m.start(), m.end())


_YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|until|till|through|throughout|from|of|during|before|after|between|for|"
    r"early|late|mid|around|circa|year|years|fiscal|spring|summer|autumn|fall|winter|end|start|"
    r"beginning|as\s+of|than|at|ca|c|back|since|(?-i:" + _MON_FULL + r"))|[(–—])\s*$",
    _I,
)
_YEAR_AFTER = re.compile(
    r"(?:'s\b|’s\b|\s*[,.;:)!?\"”]|\s*$|\s+(?:and|to|through|when|after|before|as|that|was|were|is|"
    r"will|had|has|have|election|elections|budget|season|census|levels?|figures|Olympics|World|report|"
    r"war|crisis|tournament|campaign|race|vote|agreement|accord|deal|summit|model|edition|film)\b)",
    _I,
)


#: "in 1994, 1995 and 1997": a year right after another year in a list
_YEAR_LIST = re.compile(rf"\b{YEAR}\s*(?:,|and|or|&)\s*(?:and\s+|or\s+)?$", _I)
#: "the 1990 invasion", "a 1996 law", "its 1989 results", "Navigation Mixte's 1989 profit"
_DET_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|his|her|their|our|your|this|that|whose)|['’]s)\s+$", _I)
_NOUN_AFTER = re.compile(r"\s+(?:-\s*)?(?P<w>[A-Za-z][\w-]*)")
#: plural nouns a year may modify ("the 1990 elections"); other plurals after "the 2000" are counts ("the 2000 troops")
_YEAR_PLURALS = frozenset((
    "elections", "olympics", "games", "talks", "riots", "results", "earnings", "figures", "levels", "accords",
    "negotiations", "protests", "hearings", "attacks", "bombings", "floods", "championships", "finals", "sales",
    "profits", "losses", "estimates", "forecasts", "rules", "laws", "standards", "models", "revenues", "taxes",
))


def _year_as_modifier(text: str, s: int, e: int) -> bool:
    """A year used as a modifier after a determiner: "the 1990 invasion", "a 1996 law".

    Counts look the same ("the 2000 troops"), so a plural noun after it must
    be one that years usually modify.
    """
    if not _DET_BEFORE.search(text, max(0, s - 8), s):
        return False
    nm = _NOUN_AFTER.match(text, e, min(len(text), e + 30))
    if nm is None:
        return False
    w = nm["w"]
    low = w.lower()
    if low in ("percent", "per", "to", "and", "or", "of", "a", "the") or low in UNITS or low.rstrip("s") in UNITS:
        return False
    if low.endswith("s") and not low.endswith(("ss", "us", "is")) and w[0].islower():
        return low in _YEAR_PLURALS
    return True


def h_year(m: re.Match[str], st: DocState) -> list[Hit] | None:
    """"2024", "in 1998", "fiscal 1999", "1990-95" (two expressions), "early 2024"."""
    y = int(m["y"])
    s, e = m.start(), m.end()
    if m["y2"]:
        t = m["y2"]
        y2 = int(t) if len(t) == 4 else (y // 100) * 100 + int(t)
        if not y < y2 <= y + 100:
            return None
        return [
            st.point(s, m.end("y"), date(y, 1, 1), "year", anchor=None),
            st.point(m.start("y2"), e, date(y2, 1, 1), "year", anchor=None),
        ]
    if not (m["pre"] or m["fy"]) and not (
        _YEAR_BEFORE.search(st.text, max(0, s - 25), s)
        or _YEAR_AFTER.match(st.text, e, min(len(st.text), e + 20))
        or _YEAR_LIST.search(st.text, max(0, s - 12), s)
        or (y >= 1800 and _year_as_modifier(st.text, s, e))
    ):
        return None
    return [st.point(s, e, date(y, 1, 1), "year", anchor=None)]


def h_short_year(m: re.Match[str], st: DocState) -> Hit:
    """"in '96" -> 1996: of the two centuries, the year nearer the publication date (1900s without one)."""
    yy = int(m["yy"])
    ref_year = st.anchor.year if st.anchor else 1950
    y = min((1900 + yy, 2000 + yy), key=lambda c: abs(c - ref_year))
    return st.point(m.start(), m.end(), date(y, 1, 1), "year", anchor=None)


#: "0's" then a lower-case word: "1990's first quarter" is the year's, "the 1990's" alone is the decade
_POSSESSIVE_YEAR = re.compile(r"0['’]s\s+(?-i:[a-z])", _I)

_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


#: "1990s-style tariffs", "a 1970s-like sound": a manner named after a time, no time itself
_STYLE_AFTER = re.compile(r"-(?:style|styled|like|inspired)\b", _I)


def h_decade(m: re.Match[str], st: DocState) -> Hit | None:
    """"the 1990s" -> 199, "the '80s" -> 198, "the nineties" -> 199."""
    if _STYLE_AFTER.match(st.text, m.end()):
        return None
    if m["d4"]:
        if not (m["the"] or m["pre"]) and _POSSESSIVE_YEAR.match(st.text, m.start("d4") + 3):
            return None  # "1990's first quarter", "1988's budget": the year's, left to the year rule
        return Hit(m.start(), m.end(), "DATE", m["d4"], "decade", None)
    if (m["d2b"] or m["dw"]) and not (m["the"] or m["pre"]):
        return None  # "in his 80s" is an age
    digit = int(m["d2"] or m["d2b"] or _DECADE_WORDS[(m["dw"] or "").lower()])
    a = st.anchor
    century = 19
    if a is not None and (2000 + digit * 10) <= a.year:
        century = 20
    return Hit(m.start(), m.end(), "DATE", f"{century}{digit}", "decade", st.anchor_iso if a else None)


def h_century(m: re.Match[str], st: DocState) -> Hit | None:
    """"the 20th century" -> 19, "this century" -> the anchor's."""
    if m["rel"]:
        rel = m["rel"].lower().split()[-1]
        n = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1}[rel]
        return st.deictic(m.start(), m.end(), "century", n)
    n = int(m["n"]) if m["n"] else ORDINALS[re.sub(r"\s+", " ", m["ow"].lower()).replace(" ", "-")]
    return Hit(m.start(), m.end(), "DATE", f"{n - 1:02d}", "century", None)


_QORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


#: What a company reports for a period, right after a bare "Q3" (one word may qualify it): "Tesla
#: Q3 deliveries", "Samsung Q3 operating profit" are the quarter's figures, whatever the capital before.
_PERIOD_FIGURE_AFTER = re.compile(
    r"[ \t]+(?:(?-i:[a-z]+)[ \t]+)?(?:results?|earnings|revenues?|sales|profits?|loss(?:es)?|income|turnover|margins?"
    r"|deliveries|shipments|output|production|growth|gdp|figures|numbers|guidance|forecasts?|reports?"
    r"|ebitda|performance|bookings|orders|volumes?)\b",
    _I,
)
#: A capitalised brand right before a bare "Q3": the letters and digit name a model.
_MODEL_NAME_BEFORE = re.compile(
    r"\b(?!(?:In|During|For|By|Since|Until|And|But|The|Its|Their|Our|His|Her|From|To|Of|On|At|After|Before|"
    r"Through|Last|This|Next|Each|Every|Early|Late|Strong|Weak|Record|Fiscal|Calendar|A|An)\b)[A-Z][a-z]+[ \t]+$"
)


def h_quarter(m: re.Match[str], st: DocState) -> Hit | None:
    """"the third quarter of 2025", "Q3 2025", "last quarter", "the first half of 2024"."""
    s, e = m.start(), m.end()
    gd = m.groupdict()
    if gd.get("rel"):
        rel = gd["rel"].lower().split()[-1]
        n = {"this": 0, "current": 0, "last": -1, "previous": -1, "latest": -1, "past": -1,
             "next": 1, "coming": 1}[rel]
        return st.deictic(s, e, "quarter", n)
    kind = "half" if gd.get("half") else "quarter"
    if (gd.get("qn") and not (gd.get("qy") or gd.get("qy0")) and _MODEL_NAME_BEFORE.search(st.text, max(0, s - 30), s)
            and not _PERIOD_FIGURE_AFTER.match(st.text, e)):
        return None  # "an Audi Q3", "the Samsung Q5": a model's name after a brand, no quarter
    if gd.get("qn"):
        q = int(gd["qn"])
        y_txt = gd.get("qy") or gd.get("qy0")
        year = None
        if y_txt:
            y_txt = y_txt.lstrip("'’")
            year = int(y_txt) if len(y_txt) == 4 else 2000 + int(y_txt)
    else:
        word = (gd.get("ord") or "").lower()
        if word == "last" and not _year_named(gd) and not _OF_AFTER.match(st.text, e):
            # "last quarter", "in the last quarter": the one before the current, like "last week";
            # "last" counts from the end of a year only when the year follows ("the last quarter of 1988")
            return st.deictic(s, e, kind, -1)
        if word in ("final", "last"):
            q = 4 if kind == "quarter" else 2
        else:
            q = _QORD.get(word, 0)
            if kind == "half" and q > 2:
                return None
        if not (gd.get("y") or gd.get("yrel") or gd.get("ythe")) and _OF_OTHER.match(st.text, e):
            return None  # "the last half of the '80s", "the first half of the match": not this year's
        if _A_BEFORE.search(st.text, max(0, s - 4), s) and not _MODIFIED_NOUN.match(st.text, e):
            # "a second half without drama": one more half of something, not a calendar half; as a
            # modifier ("a third-quarter loss") it still names the quarter
            return None
        year = _year_of(m, st)
        if year is None and gd.get("ypos") and st.anchor is not None:
            year = st.anchor.year + {"last": -1, "this": 0, "next": 1}[gd["ypos"].lower()]
        if year is None and gd.get("yb"):
            year = int(gd["yb"])
        if year is None and gd.get("ythe"):
            year = st.anchor.year if st.anchor else None
    if not q:
        return None
    code = f"{'Q' if kind == 'quarter' else 'H'}{q}"
    length = 3 if kind == "quarter" else 6
    anchor = None
    if year is None:
        if st.anchor is None:
            return Hit(s, e, "DATE", f"XXXX-{code}", kind, None)
        a = st.anchor
        first = (q - 1) * length + 1
        tense = st.tense(s, e)
        if tense == "past":
            # reported results: the latest such period that has begun
            year = a.year if date(a.year, first, 1) <= a else a.year - 1
        else:  # "will report third-quarter results": the nearest, a just-ended one included
            year = st.resolve_period(first, length, s, e)
            if (tense == "future" and year is not None and shift(date(year, first, 1), "month", length) <= a
                    and not _REPORTING.search(st.text, *st.sentence_span(s))):
                # "sales will rise in the second half": a future clause that reports nothing is about a
                # period still to come, so one that has ended is ruled out (the current or the next one)
                year = a.year if shift(date(a.year, first, 1), "month", length) > a else a.year + 1
        anchor = st.anchor_iso
    if year is None:
        return None
    if gd.get("ya"):  # "the year-earlier third quarter": the same quarter a year before
        return Hit(s, e, "DATE", f"{year - 1:04d}-{code}", kind, anchor or st.anchor_iso)
    # a reference for "the quarter", "a year earlier" that follow it
    return Hit(s, e, "DATE", f"{year:04d}-{code}", kind, anchor,
               ref=date(year, (q - 1) * length + 1, 1), ref_gran=kind)


#: words of a results report: with them a future clause may name a period that has just ended ("will report
#: third-quarter results", "expects to post a fourth-quarter loss", "second-quarter profit will be lower": early
#: in a quarter, companies announce and warn about the one that has just closed)
_REPORTING = re.compile(
    r"\b(?:report|reports|reported|reporting|post|posts|announce|announces|release|releases|publish|publishes|"
    r"results|earnings|figures|profits?|loss|losses|sales|revenues?|income|net)\b",
    _I,
)


def _year_named(gd: dict[str, str | None]) -> bool:
    """Whether a quarter match names its year in any spelling ("of 1988", "1988's", "last year's", "year-ago")."""
    return any(gd.get(k) for k in ("y", "yrel", "ythe", "yb", "ypos", "ya"))


_A_BEFORE = re.compile(r"\ban?\s+$", _I)
#: a noun after "a third-quarter": the period modifies it ("a third-quarter loss")
_MODIFIED_NOUN = re.compile(
    r"\s+(?!(?:without|with|in|on|at|for|to|from|and|or|of|but|as|when|that|which|was|is|were|will|the|a|an)\b)"
    r"[A-Za-z]"
)
#: "of" after "the first half"/"the third quarter" that does not name a year: the period is part of
#: something else (a decade, a match, a month), so it is not the calendar quarter or half of any year
_OF_OTHER = re.compile(
    r"\s+of\s+(?!(?:(?:its|the|their|this|our|that|his|her)\s+)?(?:(?:fiscal|financial|current|calendar)\s+)?"
    r"year\b)",
    _I,
)


#: what follows "the fall" when it is a drop or a collapse, not autumn
_FALL_OF = re.compile(r"\s+(?:of|in|from|to|by)\b", _I)


def h_season(m: re.Match[str], st: DocState) -> Hit | None:
    """"summer 2025" -> 2025-SU, "last winter", "in the spring"; bare "fall" is a verb."""
    s, e = m.start(), m.end()
    code = SEASON_CODES[(m["sn"] or m["sn2"]).lower()]
    year = int(m["y"] or m["y2"]) if (m["y"] or m["y2"]) else None
    if m["yw"] and (ym := _SPELLED_YEAR_RE.fullmatch(m["yw"])):  # "the winter of nineteen ninety-four"
        year = _spelled_year_value(ym)
    if m["yrel"]:  # "the autumn of next year": one expression, that year's season, counted from now
        if st.anchor is None:
            return Hit(s, e, "DATE", f"XXXX-{code}", "season", None)
        year = st.anchor.year + {"last": -1, "next": 1, "this": 0}[m["yrel"].lower()]
        return season_value(s, e, year, code, st.anchor_iso, ref=False)
    rel = (m["rel"] or "").lower()
    if year is None and not rel and not m["pre"]:
        if not re.search(r"\b(?:in|during|by|until|since|over|through|this|for|before|after)\s*$",
                         st.text[max(0, s - 15):s], _I):
            return None
        if (m["sn"] or "").lower() == "fall" and not (
            st.text[s:m.start("sn")].lower().startswith("the") and not _FALL_OF.match(st.text, e)
        ):
            return None  # "prices fall", "after the fall of the Wall"; "in the fall" is the season
    if rel == "that" and (
        re.match(r"that\s+the\b", m.group(0), _I) or ((m["sn"] or "").lower() == "fall" and _FALL_OF.match(st.text, e))
    ):
        return None  # "warned that the fall could ...": a conjunction; "that fall in prices": the drop
    if rel == "that" and st.last_ref is not None:
        # "In March 1995 ... That summer": the season of the year under discussion (anaphoric, like
        # "that year"); with no date before it, it is read like "this summer"
        ref = st.last_ref
        y = ref.year - (1 if code == "WI" and ref.month <= 2 else 0)
        return season_value(s, e, y, code, ref.isoformat())
    if year is not None:
        return season_value(s, e, year, code, None)
    return st.season_hit(code, _DIRECTION.get(rel if rel != "that" else "this"), s, e)


_DEICTIC_DAYS = {"the day before yesterday": -2, "the day after tomorrow": 2, "yesterday": -1,
                 "today": 0, "tomorrow": 1, "tonight": 0, "this": 0, "last": -1}


#: "the leaders of tomorrow", "the Russia of today": a noun's "of today/tomorrow" means the era, not a day
_GENERIC_OF = re.compile(r"\b[a-z]\w*\s+of\s+$", _I)
#: "today's world", "today's youth", "tomorrow's personal computers": a possessive before a noun that
#: names people, things or a state of the world, which belong to an era, not to one day ("today's vote",
#: "today's talks" stay the day)
_ERA_NOUN = re.compile(
    r"['’]s\s+(?:(?!(?:talks?|vote|votes|meeting|session|trading|game|match|results?)\b)[a-z]+\s+){0,2}?"
    r"(?:world|society|societies|youth|young|generations?|children|kids|teenagers|students|consumers|"
    r"standards|culture|technology|technologies|computers|machines|economy)\b",
    _I,
)


def h_deictic_day(m: re.Match[str], st: DocState) -> Hit | None:
    """"yesterday", "today", "tomorrow morning", "tonight", "last night", "this morning"."""
    word = re.sub(r"\s+", " ", (m["w"] or m["w2"]).lower())
    pod_word = (m["pod"] or m["pod2"] or "").lower()
    if (word in ("today", "tomorrow") and not pod_word and not st.text.startswith(("'s", "’s"), m.end())
            and _GENERIC_OF.search(st.text, max(0, m.start() - 30), m.start())):
        return None  # but "the results of today's vote" is a day
    if word in ("today", "tomorrow") and not pod_word and _ERA_NOUN.match(st.text, m.end()):
        return None  # "in today's world": the era
    if m["w"] and not m["edge"] and title_inside_sentence(st.text, m.start("w")):
        return None  # "the Today programme", "appeared on Today": a title, not the day
    if word == "tonight":
        pod_word = "night"
    if word == "last" and pod_word != "night":
        return st.deictic(m.start(), m.end(), "day", 0)  # "last evening" is today's
    n = _DEICTIC_DAYS[word]
    h = st.deictic(m.start(), m.end(), "day", n)
    if pod_word:
        pod = PARTS_OF_DAY[pod_word]
        base = h.value if st.anchor else "XXXX-XX-XX"
        h = Hit(h.start, h.end, "TIME", f"{base}T{pod}", "time", h.anchor, ref=h.ref, ref_gran=h.ref_gran)
    return h


def _two_digit_year(t: str) -> int:
    """"24" -> 2024, "98" -> 1998; four digits as written."""
    t = t.lstrip("'’")
    if len(t) == 4:
        return int(t)
    return 2000 + int(t) if int(t) < 50 else 1900 + int(t)


def h_fin_period(m: re.Match[str], st: DocState) -> Hit | None:
    """"H1 2024" -> 2024-H1, "2Q24" -> 2024-Q2, "Q3 FY2024" -> 2024-Q3, "FY24" -> 2024.

    A fiscal year is written as the year it is named after, as "fiscal 2024" is.
    """
    s, e = m.start(), m.end()
    if m["fy"]:
        return Hit(s, e, "DATE", f"{_two_digit_year(m['fy']):04d}", "year", None)
    kind, n = (m["k"], int(m["n"])) if m["k"] else (m["k2"], int(m["n2"]))
    if kind == "H" and n > 2:
        return None
    gran = "half" if kind == "H" else "quarter"
    return Hit(s, e, "DATE", f"{_two_digit_year(m['y']):04d}-{kind}{n}", gran, None)


def h_month_quarter(m: re.Match[str], st: DocState) -> Hit | None:
    """"the September quarter" -> the quarter ending in September, its year chosen as a month's is."""
    s, e = m.start(), m.end()
    month = month_num(m["mon"])
    q = (month - 1) // 3 + 1
    if m["y"]:
        return Hit(s, e, "DATE", f"{m['y']}-Q{q}", "quarter", None)
    d = st.resolve_month_day(month, None, s, e)
    if d is None:
        return Hit(s, e, "DATE", f"XXXX-Q{q}", "quarter", None)
    return st.point(s, e, d, "quarter", anchor=st.anchor_iso)


def h_day_of_month(m: re.Match[str], st: DocState) -> Hit | None:
    """"on the 15th": that day of the current month, or of the next or last one as the tense says.

    A future clause ("is due on the 15th") means the next such day, a past one
    the last; with no cue, the nearest.  Months two away are looked at too: a
    month may lack the day ("was due on the 30th" in March is January's 30th).
    """
    s, e = m.start(), m.end()
    day = int(m["d"])
    a = st.anchor
    if a is None:
        return Hit(s, e, "DATE", f"XXXX-XX-{day:02d}", "day", None)
    tense = st.tense(s, e)
    best: tuple[int, date] | None = None
    for k in (-2, -1, 0, 1, 2):
        first = shift(a.replace(day=1), "month", k)
        d = safe_date(first.year, first.month, day)
        if d is None:
            continue
        off = (d - a).days
        if (tense == "past" and off > 0) or (tense == "future" and off < 0):
            continue
        if best is None or abs(off) < best[0]:
            best = (abs(off), d)
    if best is None:
        return None
    return st.point(s, e, best[1], "day", anchor=st.anchor_iso)


def _year_of_month(m: re.Match[str], st: DocState, month: int) -> int | None:
    """The year written after a month (group ``y``), else the one a bare month there would take."""
    if m["y"]:
        return int(m["y"])
    d0 = st.resolve_month_day(month, None, m.start(), m.end())
    return d0.year if d0 else None


def h_nth_weekday(m: re.Match[str], st: DocState) -> Hit:
    """"the first Sunday of June" -> that day; the year as a month's would be chosen."""
    s, e = m.start(), m.end()
    month, wd = month_num(m["mon"]), weekday_num(m["wd"])
    year = _year_of_month(m, st, month)
    if year is None:
        return Hit(s, e, "DATE", f"XXXX-{month:02d}", "month", None)
    ordw = m["ord"].lower()
    if ordw in ("last", "final"):  # counted back from the month's last day (no next month in 9999)
        last = date(year, month, calendar.monthrange(year, month)[1])
        d = last - timedelta(days=(last.weekday() - wd) % 7)
    else:
        d = nth_weekday(year, month, wd, _WEEK_ORDINALS[ordw])
    return st.point(s, e, d, "day", anchor=None if m["y"] else st.anchor_iso)


#: what makes "overnight" mean "suddenly": "did not happen overnight", "became a star overnight", "is not
#: built overnight" (a negation: nobody denies that something took place in one night)
_SUDDEN_BEFORE = re.compile(
    r"(?:\b(?:happen(?:s|ed)?|change[sd]?|became|become|becomes|succeed(?:s|ed)?|star)\s+(?:\w+\s+){0,2}"
    r"|\b(?:not|never|n't)\s+(?:\w+\s+){0,3})$",
    _I,
)


def h_overnight(m: re.Match[str], st: DocState) -> Hit | None:
    """Adverbial "overnight": the night before the day under discussion, as a TIME (``2025-07-15TNI``).

    The night is written with the date it begins on, as Russian "в ночь на вторник" is.  The day is the
    last day named in the same sentence ("fell Friday after trading overnight"), else the publication
    date; a clause in the future ("will stay overnight") means the coming night, which begins that day.
    """
    s, e = m.start(), m.end()
    if _SUDDEN_BEFORE.search(st.text[max(0, s - 40):s]):
        return None  # "did not happen overnight", "became a star overnight": suddenly, not a night
    lo, _ = st.sentence_span(s)
    named = st.last_ref is not None and st.last_ref_gran == "day" and st.last_ref_pos >= lo
    day = st.last_ref if named else st.anchor
    if day is None:
        return Hit(s, e, "TIME", "XXXX-XX-XXTNI", "time", None)
    if st.tense(s, e) != "future":
        day -= timedelta(days=1)
    return Hit(s, e, "TIME", f"{day.isoformat()}TNI", "time", st.anchor_iso)


def h_small_hours(m: re.Match[str], st: DocState) -> Hit | None:
    """"the early hours of Saturday": a TIME, the night part of that day (``2024-03-09TNI``)."""
    s, e = m.start(), m.end()
    if m["dw"]:
        day = st.deictic(s, e, "day", -1 if m["dw"].lower() == "yesterday" else 0)
    else:
        wd = weekday_num(m["wd"])
        d = st.resolve_weekday(wd, s, e, None)
        if d is None:
            return Hit(s, e, "TIME", f"XXXX-WXX-{wd + 1}TNI", "time", None)
        day = st.point(s, e, d, "day", anchor=st.anchor_iso)
    if day.value.startswith("X"):
        return Hit(s, e, "TIME", "XXXX-XX-XXTNI", "time", None)
    return Hit(s, e, "TIME", f"{day.value}TNI", "time", day.anchor, ref=day.ref, ref_gran=day.ref_gran)


_WEEK_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def h_month_week(m: re.Match[str], st: DocState) -> Hit:
    """"the second week of March": the ISO week holding the middle day of the month's n-th seven days.

    Why the middle day (the 4th, 11th, 18th, 25th; for "last", three days
    before the month's end): a week that straddles two months is counted in
    the month that holds most of it, so "the first week of March" is never a
    week that is mostly February.
    """
    s, e = m.start(), m.end()
    month = month_num(m["mon"])
    year = _year_of_month(m, st, month)
    if year is None:
        return Hit(s, e, "DATE", f"XXXX-{month:02d}", "month", None)
    ordw = m["ord"].lower()
    if ordw in ("last", "final"):
        mid = date(year, month, calendar.monthrange(year, month)[1] - 3)
    else:
        mid = date(year, month, 4 + 7 * (_WEEK_ORDINALS[ordw] - 1))
    return st.point(s, e, mid, "week", anchor=None if m["y"] else st.anchor_iso)


#: a title right before a capitalised word makes it a surname
_HONORIFIC = re.compile(
    r"\b(?-i:Mr|Mrs|Ms|Dr|Miss|Prof|Sgt|Sergeant|Det|Detective|Officer|Capt|Captain|Gen|Col|Lt|Cpl|Sen|Rep|Gov"
    r"|Judge|Rev)\.?\s+$"
)


def h_weekday(m: re.Match[str], st: DocState) -> Hit | None:
    """"Thursday", "last Thursday", "next Monday", "Friday night"."""
    wd = weekday_num(m["wd"])
    if not (m["rel"] or m["arel"] or m["edge"]) and _HONORIFIC.search(st.text, max(0, m.start() - 12), m.start()):
        return None  # "Mr. Monday", "Dr. Friday": a surname
    if m["arel"]:
        return _weekday_from_reference(m, st, wd)
    rel = (m["rel"] or "").lower() or None
    if rel in ("past",):
        rel = "last"
    if rel in ("coming",):
        rel = "next"
    if rel is None and not m["pod"] and st.anchor is not None and st.text.startswith(("'s", "’s"), m.end()):
        d = _possessive_weekday(st, wd, m.start(), m.end())
    else:
        d = st.resolve_weekday(wd, m.start(), m.end(), rel)
    s, e = m.start(), m.end()
    if d is None:
        value = f"XXXX-WXX-{wd + 1}"
        h = Hit(s, e, "DATE", value, "day", None)
    else:
        h = st.point(s, e, d, "day", anchor=st.anchor_iso)
    return _narrow_to_part(h, m["pod"])


#: the preposition before a possessive weekday ("ahead of Sunday's vote", "after Wednesday's ruling")
_POSSESSIVE_LEAD = re.compile(
    r"\b(?:(?P<fut>ahead\s+of|in\s+the\s+run-up\s+to|in\s+the\s+lead-up\s+to)"
    r"|(?P<past>after|following|since|in\s+the\s+wake\s+of|despite))\s+$",
    _I,
)


def _possessive_weekday(st: DocState, wd: int, start: int, end: int) -> date | None:
    """A weekday that owns an event ("Wednesday's ruling", "Sunday's election"): a preposition of time
    before it fixes its side of the publication date, else the clause's tense decides as for any weekday.

    Why the preposition first: the event is a noun, and "ahead of Sunday's vote" or "after Wednesday's
    ruling" say where it lies whatever the verb ("the family would appeal after Wednesday's ruling"
    is about a ruling already made).  Without one the verb does govern the event ("will miss
    Wednesday's match").
    """
    a = st.anchor
    assert a is not None
    lead = _POSSESSIVE_LEAD.search(st.text, max(0, start - 25), start)
    if lead is None:
        return st.resolve_weekday(wd, start, end, None)
    if lead.group("fut"):
        return a + timedelta(days=(wd - a.weekday()) % 7)
    return a - timedelta(days=(a.weekday() - wd) % 7)


def _narrow_to_part(h: Hit, pod: str | None) -> Hit:
    """A weekday with a part of day ("Friday morning"): a TIME with the part as a suffix (``2025-09-26TMO``).

    TIMEX3 types anything finer than a day as TIME, as "this morning" is.  A
    night is the named day alone, a DATE: it runs past midnight into the next
    date, and TimeBank gives "Sunday night" the day's value (or tags the
    weekday alone) far more often than a ``TNI`` suffix.
    """
    if not pod or pod.lower() == "night":
        return h
    return Hit(h.start, h.end, "TIME", f"{h.value}T{PARTS_OF_DAY[pod.lower()]}", "time", h.anchor,
               ref=h.ref, ref_gran=h.ref_gran)


def _weekday_from_reference(m: re.Match[str], st: DocState, wd: int) -> Hit:
    """"the previous Friday", "the following Monday": counted from the day under discussion.

    Why not from the publication date: "the" marks the weekday as relative to
    a day the text has just mentioned ("closed lower Friday, ... the previous
    Friday"), as "the next day" is.  That is the last day-level date mentioned,
    else the publication date.
    """
    s, e = m.start(), m.end()
    ref = st.last_ref if st.last_ref is not None and st.last_ref_gran == "day" else st.anchor
    if ref is None:
        return Hit(s, e, "DATE", f"XXXX-WXX-{wd + 1}", "day", None)
    if m["arel"].lower().split()[-1] in ("previous", "preceding"):
        d = ref - timedelta(days=(ref.weekday() - wd) % 7 or 7)
    else:
        d = ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)
    return _narrow_to_part(st.point(s, e, d, "day", anchor=ref.isoformat()), m["pod"])


_AND_A_HALF = re.compile(r"\s+and\s+a\s+half\b", _I)

_REL_N = {"last": -1, "past": -1, "previous": -1, "prior": -1, "preceding": -1, "this": 0,
          "current": 0, "same": 0, "that": 0, "next": 1, "coming": 1, "following": 1}


def h_rel_unit(m: re.Match[str], st: DocState) -> Hit | None:
    """"last week", "this month", "next year", "earlier this month", "the following day"."""
    s, e = m.start(), m.end()
    unit = unit_of(m["unit"])
    rel_full = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    pre = m["pre"]
    if m["inthe"] and not pre:
        return None
    if _title_unit(st.text, m.start("unit"), m.end("unit")):
        return None  # "This Week With ...": the title of a programme
    the = rel_full.startswith("the ")
    rel = rel_full.split()[-1] if rel_full else "this"
    if unit == "fortnight":
        # "the past/last/next fortnight": a stretch of two weeks up to (or from) now, as "the past week" is one
        if the and not pre and rel in ("past", "last", "next", "coming"):
            return Hit(s, e, "DURATION", "P2W", "duration", None)
        return None
    if unit == "weekend" and rel in ("past", "last", "coming"):
        # "this past weekend", "over the past weekend": a weekend is a named stretch, so the most recent
        # (or the coming) one, not a duration up to now
        if st.anchor is None:
            return Hit(s, e, "DATE", UNRESOLVED["weekend"], "week", None)
        d = _nearest_weekend(st.anchor, "future" if rel == "coming" else "past")
        if rel_full == "last":
            # "last weekend" is the weekend of the ISO week before the anchor's, like "last week": said on a
            # Saturday or Sunday it is not the weekend under way (that one is "this weekend")
            d = st.anchor - timedelta(days=st.anchor.weekday() + 2)
        if rel == "coming" and st.anchor.weekday() == 6:
            d = st.anchor + timedelta(days=6)  # on a Sunday the weekend under way is no longer coming
        return st.point(s, e, d, "weekend", anchor=st.anchor_iso)
    if m["fisc"] and rel in ("past", "last"):
        # "the past fiscal year", "last financial year": the last one closed, a named period like "the latest
        # fiscal year" (written as the year it is named after), not a stretch of twelve months up to now
        return None if pre or m["inthe"] else st.deictic(s, e, unit, -1)
    if not pre and (rel == "past" or (rel == "last" and the)):
        # "the past year", "the last month": a stretch of time up to now; "the past year and a half" is
        # eighteen months (the half belongs to the extent)
        if (half := _AND_A_HALF.match(st.text, e)) is not None:
            return Hit(s, half.end(), "DURATION", duration(1.5, unit), "duration", None)
        return Hit(s, e, "DURATION", duration(1, unit), "duration", None)
    n = _REL_N[rel]
    anaphoric = rel in ("same", "that", "following", "preceding", "prior") or (
        the and rel in ("next", "previous")
    )
    if unit == "day" and m["inthe"] and pre.lower() in ("earlier", "later"):
        # "later in the day": the day under discussion, the last day named, else the publication date;
        # the extent is "the day" (TimeBank leaves "later in" out, as the edge is not part of the day)
        ref = st.last_ref if st.last_ref is not None and st.last_ref_gran == "day" else st.anchor
        s = m.start("inthe") + m["inthe"].lower().rindex("the")
        if ref is None:
            return Hit(s, e, "DATE", UNRESOLVED["day"], "day", None)
        h = st.point(s, e, ref, "day", anchor=ref.isoformat())
        h.ref = h.ref_gran = None
        return h
    if unit == "day" and (not anaphoric or rel == "this"):
        return None  # "next day"/"this day" without article: not a date expression
    if rel in ("same", "that") and unit in ("week", "month", "quarter", "half", "year") and unit in st.last_by_gran:
        # "that quarter", "the same year": the last period of that size named, even when a finer date came
        # after it ("the second quarter ended Oct. 31 ... results for that quarter" is the quarter, not October's)
        ref = st.last_by_gran[unit]
        h = st.point(s, e, ref, unit, anchor=ref.isoformat())
        h.ref = h.ref_gran = None
        return h
    if anaphoric:
        return st.anaphoric(s, e, unit, n)
    return st.deictic(s, e, unit, n)


#: what follows "N days after/before" when its anchor is an event, not a date: a word that does not
#: start a time expression ("after he was killed", "before the shooting", "prior to the vote")
_EVENT_AFTER = re.compile(
    # a number starts a date ("after the 15th", "after 1990") unless it is an ordinal before a noun: "a week
    # after the 25th anniversary", "two days after the 10th round" count from an event
    r"(?:\s+to)?\s+(?!(?:the\s+)?(?:(?-i:" + _MON_FULL + "|" + _MON_ABBR + "|" + WD_FULL + r")\b|"
    r"\d(?!\d*(?:st|nd|rd|th)\s+(?!of\b)(?-i:[a-z]))|"
    r"(?:yesterday|today|tomorrow|tonight|that|this|last|next|Christmas|Easter|Thanksgiving|Halloween|"
    r"New\s+Year['’]s|Election\s+Day|Labor\s+Day|Memorial\s+Day)\b))[\"'“‘A-Za-z]",
    _I,
)


def h_ago(m: re.Match[str], st: DocState) -> Hit | None:
    """"three years ago" (from the publication date); "two weeks later", "a day after" (from the last date)."""
    s, e = m.start(), m.end()
    if m["tdir"]:  # "in three days' time": a count ahead of now, like "three days from now"
        n = parse_num(m["q2"])
        if n is None:
            return Hit(s, e, "DATE", "FUTURE_REF", "fuzzy", st.anchor_iso)
        return _ahead(st, s, e, unit_of(m["unit2"]), n)
    unit = unit_of(m["unit"])
    direction = re.sub(r"\s+", " ", m["dir"].lower())
    if m["the"]:
        # "the month before", "the year after": one unit from the date under discussion; before an
        # event ("the day before the vote") the anchor is that event, which we cannot date
        if direction == "before last" and not m["unit"].lower().endswith("s"):
            # "the week before last": two units back from the publication date, as "last week" is one
            return st.deictic(s, e, unit, -2)
        if m["unit"].lower().endswith("s") or direction not in ("before", "after", "earlier", "later"):
            return None
        if direction in ("before", "after") and _EVENT_AFTER.match(st.text, e):
            return None
        return st.anaphoric(s, e, unit, -1 if direction in ("before", "earlier") else 1)
    amount = parse_num(m["q"])
    sign = -1 if direction in ("ago", "earlier", "before", "prior", "back", "previously") else 1
    if direction == "before last":
        return None  # "two weeks before last": no such count
    deictic = direction in ("ago", "from now", "from today", "hence", "back")
    if direction in ("after", "before", "prior") and _EVENT_AFTER.match(st.text, e):
        # "two months after his team was blocked": TimeML tags the span as a duration; the anchor
        # is the event, which we cannot date, so the last date mentioned would be a guess
        d_end = m.start("dir")
        while d_end > s and st.text[d_end - 1].isspace():
            d_end -= 1
        return Hit(s, d_end, "DURATION", duration(amount, unit), "duration", None)
    if unit in ("hour", "minute", "second"):
        unit_for_point, gran = "day", "day"
        amount_days = 0.0 if amount is None else amount / {"hour": 24, "minute": 1440, "second": 86400}[unit]
        amount = round(amount_days) if amount is not None else None
    else:
        unit_for_point, gran = ("week", "week") if unit == "fortnight" else (unit, unit)
        if unit == "fortnight" and amount is not None:
            amount *= 2
        if unit_for_point == "week":
            gran = "day"  # "two weeks ago" counts days back, like "ten days ago" (the day, not its ISO week)
        if unit == "weekend":
            unit_for_point, gran = "week", "weekend"
    if amount is None:
        if deictic:
            return Hit(s, e, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "fuzzy", st.anchor_iso)
        return Hit(s, e, "DATE", "XXXX-XX-XX", gran if gran != "weekend" else "week", None)
    if unit == "year" and amount == 1 and (closing := _closing_day(st, s)) is not None:
        # "for the quarter ended Sept. 30, net rose to $5m from $4m a year earlier": the period that
        # closed on that day a year before, written as its closing day (TimeBank's "1988-09-30")
        return st.point(s, e, shift(closing, "year", sign), "day", anchor=closing.isoformat(), ref=False)
    if unit == "year" and sign < 0 and amount == 1 and (rp := _results_period(m, st)) is not None:
        return st.point(s, e, shift(rp[0], "year", -1), rp[1], anchor=rp[0].isoformat(), ref=False)
    if (not deictic and unit == "year" and st.last_ref is not None and st.last_ref_gran in ("quarter", "half")
            and _LONGER_PERIOD.search(st.text, st.last_ref_pos, s)):
        # "For the nine months, net was $5m, against $4m a year earlier": the figures now cover more
        # than the quarter last named, so the comparison is with the year, not that quarter
        ref = st.last_ref
        return st.point(s, e, shift(ref, "year", sign * amount), "year", anchor=ref.isoformat(), ref=False)
    if deictic:
        return st.deictic(s, e, unit_for_point, sign * amount, gran)
    hit = st.anaphoric(s, e, unit_for_point, sign * amount, gran)
    if direction in ("after", "before", "prior"):
        # "three weeks after Jan. 2", "two days before Christmas": counted from the date that follows,
        # once it is resolved (see ``core.run_rules``); the last date named is only the fallback
        hit.count = (unit_for_point, sign * amount, gran)
    return hit


def _ahead(st: DocState, s: int, e: int, unit: str, n: float) -> Hit:
    """A point ``n`` units after the publication date, at the granularity "from now" gives it.

    Hours and minutes round to the day, and weeks count days ("in two weeks' time" is a day, as "two
    weeks ago" is), so the value is as fine as the count allows and no finer.
    """
    if unit in ("hour", "minute", "second"):
        return st.deictic(s, e, "day", round(n / {"hour": 24, "minute": 1440, "second": 86400}[unit]), "day")
    if unit in ("week", "fortnight"):
        return st.deictic(s, e, "day", n * (14 if unit == "fortnight" else 7), "day")
    if unit == "weekend":
        return st.deictic(s, e, "week", n, "weekend")
    return st.deictic(s, e, unit, n)


#: figures compared within the sentence: "rose to $5 million from $4 million a year ago"
_FIGURES = re.compile(r"[$£€%]|\b(?:cents?|million|billion|percent)\b", _I)


_LONGER_PERIOD = re.compile(
    r"\b(?:nine|six|twelve|12|first\s+\w+)\s+months\b|\b(?:full|fiscal|calendar|whole)\s+year\b"
    r"|\bfor\s+the\s+year\b",
    _I,
)
_THE_QUARTER = re.compile(r"\b(?:the|that|this)\s+quarter\b", _I)


#: "ended"/"ending" right before a day: the day closes a reported period ("the quarter ended Sept. 30")
_CLOSES = re.compile(r"\b(?:ended|ending|ends|closed)\s+(?:on\s+)?$", _I)


def _closing_day(st: DocState, pos: int) -> date | None:
    """The day that closes the period just reported on, when it is the last date named, in this or the
    previous sentence, before ``pos``."""
    if st.last_ref is None or st.last_ref_gran != "day" or st.last_ref_pos < 0:
        return None
    if st.sentence_index(pos) - st.sentence_index(st.last_ref_pos) > 1:
        return None
    if not _CLOSES.search(st.text, max(0, st.last_ref_pos - 12), st.last_ref_pos):
        return None
    return st.last_ref


def _results_period(m: re.Match[str], st: DocState, need_figures: bool = True) -> tuple[date, str] | None:
    """The quarter (date, granularity) that "a year ago" compares with, in a report on a quarter's (or half's) results.

    Earnings news compare a quarter's figures with those "a year ago": the
    same quarter of the previous year, not the year before publication.
    Needs figures in the sentence and either "the quarter" before it in the
    sentence or a quarter mentioned within the last few sentences with nothing
    longer mentioned since ("for the nine months", "for the full year").
    """
    ss, _se = st.sentence_span(m.start())
    # a quarter named earlier in the same sentence is the comparison itself ("In the 1989 period,
    # interest expense was lower than a year ago"), figures or not
    quarter_here = st.last_ref_gran in ("quarter", "half") and st.last_ref is not None and st.last_ref_pos >= ss
    if need_figures and not quarter_here and _FIGURES.search(st.text, ss, m.start()) is None:
        return None
    if _THE_QUARTER.search(st.text, ss, m.start()):  # "in the quarter compared with $3m a year ago"
        q = st.last_by_gran.get("quarter")
        if q is None and st.anchor is not None:
            q = shift(st.anchor, "quarter", -1)
        return (q, "quarter") if q else None
    if st.last_ref_gran not in ("quarter", "half") or st.last_ref_pos < m.start() - 600 or st.last_ref is None:
        return None
    between = st.text[st.last_ref_pos:m.start()]
    if _LONGER_PERIOD.search(between):
        return None
    return st.last_ref, st.last_ref_gran


def h_year_period(m: re.Match[str], st: DocState) -> Hit | None:
    """"the 1989 period", "the 1988 quarter": the quarter (or half) under discussion, in that year.

    Results news name the reported period once and then contrast "the 1989
    period" with "the year-earlier period"; the year picks which one, the
    latest quarter named so far (the reported one) gives the rest.  With no
    quarter named shortly before (nothing longer since), only the year is
    tagged, by the year rule.
    """
    gran = st.last_ref_gran
    if st.last_ref is None or gran not in ("quarter", "half") or st.last_ref_pos < m.start() - 1200:
        return None
    if _LONGER_PERIOD.search(st.text, st.last_ref_pos, m.start()):
        return None
    d = date(int(m["y"]), st.latest_by_gran[gran].month, 1)
    return st.point(m.start(), m.end(), d, gran, anchor=None)


#: a count of occurrences right before "a week", "per day": "three times a week" is a frequency (a SET)
_FREQUENCY_BEFORE = re.compile(r"\b(?:times|once|twice|thrice)\s*$", _I)
#: an amount right before "a year", "per second", "annually": "$500 million a year", "8.5% annually",
#: "358,000 a month", "10,000 units annually" is a rate, an amount per period, not a time
_AMOUNT_BEFORE = re.compile(
    r"(?:\d(?:m|bn|k)?|%|\b(?:percent|million|billion|trillion|thousand|hundred|dollars?|euros?|pounds?|cents?|"
    r"m|bn|k|tons?|tonnes?|barrels?|units?|cases|people|visitors|instructions|jobs|shares|copies|vehicles|cars))\s*$",
    _I,
)


def _rate(text: str, start: int) -> bool:
    """Whether the period word at ``start`` follows an amount and so names a rate ("$1.76 a year").

    Why: TimeBank never tags the period of a price, a wage or a growth rate
    ("a dividend rate of $1.76 a year", "save $500 million a year", "rise
    8.5% annually", "15 million instructions per second"); only counts of
    occurrences ("twice a week", "every quarter") are SETs.
    """
    lo = max(0, start - 14)
    return _AMOUNT_BEFORE.search(text, lo, start) is not None and _FREQUENCY_BEFORE.search(text, lo, start) is None


def _title_unit(text: str, start: int, end: int) -> bool:
    """A unit word spelled as in a title ("60 Minutes", "This Week With ...") inside running text.

    Units never start with a capital inside a sentence, and the rule that
    matches one never starts with the unit, so a capital marks a name.  In an
    all-caps line or a headline in title case ("Ellen DeGeneres to Host Next
    Year's Oscars") every word is capitalised, so there it marks nothing.
    """
    word = text[start:end]
    if not word[:1].isupper() or word.isupper():
        return False
    lo = text.rfind("\n", max(0, start - 80), start) + 1 or max(0, start - 80)
    hi = text.find("\n", end, end + 80)
    hi = hi if hi >= 0 else min(len(text), end + 80)
    lower = sum(1 for w in _LONG_WORD.findall(text, lo, hi) if w[0].islower())
    return lower >= 2


_LONG_WORD = re.compile(r"[A-Za-z]{4,}")


#: what follows "a second" when it is the ordinal: a noun or adjective, not a temporal continuation
_ORDINAL_NOUN = re.compile(
    r"\s+(?!(?:later|earlier|ago|before|after|or|and|to|of|in|at|for|longer|more|too|then|when|while|"
    r"until|til|till|passed|passes|went|goes|the|that|this)\b)[a-z]",
)


def h_duration(m: re.Match[str], st: DocState) -> Hit | None:
    """"three years" -> P3Y, "48 hours" -> PT48H, "a two-day visit", "the past five years", "several months",
    "two more weeks" -> P2W, "an additional year" -> P1Y."""
    s, e = m.start(), m.end()
    unit = unit_of(m["unit"])
    q = m["q"]
    amount = parse_num(q)
    if amount is not None and unit in ("year", "decade", "century") and amount > 500 and q[0].isdigit():
        return None  # "1990 years": a year before "years" is no count; "two thousand years" is one
    low = q.lower()
    if unit == "quarter" and amount is not None and _OF_AFTER.match(st.text, m.end("unit")):
        return None  # "three quarters of the vote": a fraction; "several quarters of losses" is time
    if _title_unit(st.text, m.start("unit"), m.end("unit")):
        return None  # "60 Minutes", "Seven Days": the title of a programme or a book
    if unit == "second" and low in ("a", "an") and _ORDINAL_NOUN.match(st.text, m.end("unit")):
        return None  # "a second group", "a second term": the ordinal, not one second
    if low in ("a", "an") and not (m["rel"] or m["mod"]):
        if _FREQUENCY_BEFORE.search(st.text, max(0, s - 8), s):
            return Hit(s, e, "SET", duration(1, unit), "set", None)  # "three times a year"
        if _rate(st.text, s):
            return None  # "$5m a year": a rate, not a time
    if m["old"] and m["old"].lower() == "old":
        return None  # ages ("a 6-year-old") are not temporal expressions in TimeML
    if m["old"] and low in ("a", "an") and not (m["rel"] or m["mod"]):
        # "a month-long siege": the article belongs to the noun, as in "the year-long strike"
        s = m.start("unit")
    over_as_more = _OVER_AS_MORE.search(st.text, max(0, s - 24), s) is not None
    if m["mod"] and m["mod"].lower() == "over" and not m["rel"] and not over_as_more:
        # "spread over two years", "used over three years", "Over three days, ...": the preposition (across,
        # during), not "more than", so it stays out of the extent and gives no modifier
        s = m.start("q")
    rel_words = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if amount is None and rel_words in ("the past", "the last", "past", "last") and not m["mod"]:
        # "the past several quarters", "the last few months": an unmeasured stretch up to now, which
        # TimeBank writes as the past itself, like "the past weeks" (a counted one stays a duration)
        return Hit(s, e, "DATE", "PAST_REF", "fuzzy", st.anchor_iso)
    if m["half"] or m["andhalf"]:  # "a year and a half", "two and a half years"
        amount = None if amount is None else amount + 0.5
    # "the nine months ended Sept. 30": the article belongs to the period (TimeML extent), unlike
    # "the two days of music" or "the eight-year war", where it belongs to the noun
    the = None if (m["rel"] or m["mod"]) else _THE_BEFORE.search(st.text, max(0, s - 40), s)
    if the is not None and m["unit"].lower().endswith("s") and not _OF_AFTER.match(st.text, e):
        s = the.start()
    return Hit(s, e, "DURATION", duration(amount, unit), "duration", None)


#: "the" before a counted period, with a word that says which one ("the year-earlier nine months", "the
#: comparable six months", "the same three months"): all of it names the period
_THE_BEFORE = re.compile(
    r"\bthe\s+(?:(?:year[- ](?:earlier|ago)|comparable|corresponding|same|latest|most\s+recent)\s+)?$", _I
)

#: what makes a leading "over" mean "more than" ("for over a year", "lasted over a week", "took over a
#: decade", "was over a year", "just over a month"): a preposition, a verb that takes a measure, a copula or
#: a degree adverb right before it.  Anywhere else "over" is the preposition of a span ("spread over two
#: years", "rose over six months", a sentence-initial "Over three days,").
_OVER_AS_MORE = re.compile(
    r"\b(?:for|in|of|after|within|since|than|at|by|to|from|under|last|lasts|lasted|lasting|take|takes|took|"
    r"taken|taking|spend|spends|spent|wait|waited|need|needs|needed|is|was|are|were|be|been|being|just|well|"
    r"slightly|little|a\s+bit|already|still|now)\s+$",
    _I,
)


def h_half_duration(m: re.Match[str], st: DocState) -> Hit:
    """"half an hour" -> PT30M, "half a century" -> P50Y; "a quarter of a century" -> P25Y, "three
    quarters of an hour" -> PT45M (a fraction of one unit, written in the next smaller unit)."""
    frac = 0.5
    if m["q"]:
        frac = 0.75 if m["q"].lower() == "three" else 0.25
    return Hit(m.start(), m.end(), "DURATION", duration(frac, unit_of(m["unit"])), "duration", None)


def h_bare_units(m: re.Match[str], st: DocState) -> Hit:
    """"for years", "for decades": a duration of unknown length."""
    return Hit(m.start("u"), m.end("u"), "DURATION", duration(None, unit_of(m["u"])), "duration", None)


_SET_ADV = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
            "hourly": "PT1H", "nightly": "P1D", "quarterly": "P1Q", "biweekly": "P2W",
            "fortnightly": "P2W", "biannually": "P6M", "semiannually": "P6M", "semi-annually": "P6M"}


#: a capitalised word right after a capitalised "Daily"/"Weekly": the name of a paper or a show
_NAME_AFTER = re.compile(r"\s+(?-i:[A-Z][a-z]+)")


def _title_unit_line(text: str, start: int) -> bool:
    """Whether ``start`` lies in a line written in title case or capitals (a headline), where every word
    is capitalised and a capital marks nothing."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", start)
    words = _LONG_WORD.findall(text, lo, hi if hi >= 0 else len(text))
    return bool(words) and all(w[0].isupper() for w in words)


#: a name right after a lower-case "daily"/"weekly": the noun for a newspaper ("the daily Kommersant");
#: not a weekday or a month ("runs daily Monday to Friday"), nor a capital after a full stop
_PAPER_NAME_AFTER = re.compile(
    rf"\s+(?!(?:{WD_FULL}|{_MON_FULL})\b)(?-i:[A-Z][a-zA-Z'’-]+)"
)


def h_set(m: re.Match[str], st: DocState) -> Hit | None:
    """"every week" -> P1W, "twice a year" -> P1Y, "each Monday" -> XXXX-WXX-1, "every July" -> XXXX-07, "annually"."""
    s, e = m.start(), m.end()
    if m["adv"]:
        word = m["adv"].lower()
        if _rate(st.text, s):
            return None  # "rise 8.5% annually", "10,000 units annually": an amount per period
        if m["adv"][0].isupper() and _NAME_AFTER.match(st.text, e) and not _title_unit_line(st.text, s):
            return None  # "the New York Daily News", "Weekly Standard": part of a title inside a sentence
        if word in ("daily", "weekly") and m["adv"][0].islower() and _PAPER_NAME_AFTER.match(st.text, e):
            return None  # "the Communist Party daily Granma", "the business weekly Ekonomika": a newspaper
        return Hit(s, e, "SET", _SET_ADV[word], "set", None)
    if m["wd"]:  # "every Tuesday", "every Tuesday morning" (that part of every such day)
        part = f"T{PARTS_OF_DAY[m['wpod'].lower()]}" if m["wpod"] else ""
        return Hit(s, e, "SET", f"XXXX-WXX-{weekday_num(m['wd']) + 1}{part}", "set", None)
    if m["pod"] or (m["unit"] and m["unit"].lower() == "night" and not m["q"] and not m["other"]):
        # "every evening", "every night": that part of every day ("night" is also a unit, "three nights")
        return Hit(s, e, "SET", f"T{PARTS_OF_DAY[(m['pod'] or m['unit']).lower()]}", "set", None)
    if m["smon"]:  # "every July": that month of every year
        return Hit(s, e, "SET", f"XXXX-{month_num(m['smon']):02d}", "set", None)
    if m["ssn"]:
        return Hit(s, e, "SET", f"XXXX-{SEASON_CODES[m['ssn'].lower()]}", "set", None)
    unit_txt = m["unit"] or m["unit2"]
    unit = unit_of(unit_txt)
    amount = parse_num(m["q"]) if m["q"] else 1.0
    if m["other"]:
        amount = 2.0
    return Hit(s, e, "SET", duration(amount, unit), "set", None)


def h_rel_part_of_day(m: re.Match[str], st: DocState) -> Hit:
    """"that night", "the next morning", "the previous evening": a part of the day under discussion.

    Anaphoric like "the next day": counted from the last day-level date named,
    else from the publication date, and typed TIME with the part as a suffix
    (``1998-08-07TNI``) as "last night" is.
    """
    rel = (m["rel"] or "").lower().split()[-1]
    n = {"that": 0, "same": 0, "next": 1, "following": 1, "previous": -1, "preceding": -1}[rel]
    ref = st.last_ref if st.last_ref is not None and st.last_ref_gran == "day" else st.anchor
    part = PARTS_OF_DAY[m["pod"].lower()]
    if ref is None:
        return Hit(m.start(), m.end(), "TIME", f"XXXX-XX-XXT{part}", "time", None)
    d = ref + timedelta(days=n)
    return Hit(m.start(), m.end(), "TIME", f"{d.isoformat()}T{part}", "time", ref.isoformat())


def h_plural_day(m: re.Match[str], st: DocState) -> Hit:
    """"on Mondays", "Sundays", "Sunday mornings", "on weekends": a day that recurs every week, a SET like
    "every Monday".

    Why plural names need no "every": a capitalised plural weekday is never
    one date; "weekends" is taken only after "on", where it is the habit
    ("closed on weekends") rather than a count ("two weekends").
    """
    if m["wds"]:
        return Hit(m.start(), m.end(), "SET", f"XXXX-WXX-{weekday_num(m['wds']) + 1}", "set", None)
    if m["wd1"]:  # "on Sunday mornings": that part of every such day
        part = PARTS_OF_DAY[m["pods"].lower()[:-1]]
        return Hit(m.start(), m.end(), "SET", f"XXXX-WXX-{weekday_num(m['wd1']) + 1}T{part}", "set", None)
    return Hit(m.start(), m.end(), "SET", "XXXX-WXX-WE", "set", None)


_FUZZY = {
    "PRESENT_REF": ("now", "currently", "presently", "at present", "nowadays", "these days",
                    "at the moment", "right now", "the present", "the present day", "present day"),
    "PAST_REF": ("recently", "lately", "the past", "recent days",
                 "recent weeks", "recent months", "recent years", "recent decades", "recent times",
                 "in years past", "once upon a time", "the past days", "the past weeks",
                 "the past months", "the past years", "the past decades", "the last decades"),
    "FUTURE_REF": ("the future", "the near future", "the coming days",
                   "the coming weeks", "the coming months", "the coming years", "the coming decades",
                   "the next few days", "the next few weeks", "the next few months", "the next few years",
                   "the years to come", "the months to come", "the weeks to come", "the days to come",
                   "the upcoming days", "the upcoming weeks", "the upcoming months", "the upcoming years",
                   "coming weeks", "coming months", "coming years", "coming days", "the foreseeable future",
                   "the long term", "the long run", "the short term", "the medium term", "the near term"),
}
_FUZZY_VALUE = {re.sub(r"\s+", " ", w): v for v, ws in _FUZZY.items() for w in ws}


RECENT_AS_DURATION = True

_OF_AFTER = re.compile(r"\s+of\b", _I)
#: a quantity right after "the past" / "the future"
_COUNT_AFTER = re.compile(rf"\s+(?:\d|{_alt([*VAGUE, *FIXED, *_WORDNUMS])}\b)", _I)


def _sentence_initial(text: str, pos: int) -> bool:
    """Whether ``pos`` starts a sentence (or a quotation that opens one)."""
    before = text[max(0, pos - 20):pos].rstrip(" \t\"'“‘`")
    return not before or before[-1] in ".!?:\n"


def h_fuzzy(m: re.Match[str], st: DocState) -> Hit | None:
    """"now" -> PRESENT_REF, "recently" -> PAST_REF, "the coming weeks" -> FUTURE_REF."""
    word = re.sub(r"\s+", " ", m.group(0).lower()).replace("’", "'")
    value = _FUZZY_VALUE.get(word)
    if value is None:
        return None
    if RECENT_AS_DURATION and word.startswith("recent ") and word != "recent times":
        # TimeBank: "in recent years" is an unspecified stretch up to now, PXY
        unit = unit_of(word.split()[1])
        return Hit(m.start(), m.end(), "DURATION", duration(None, unit), "duration", None)
    if word in ("the long term", "the long run", "the medium term"):
        return None  # idioms more often than times; kept out on purpose ("the near/short term" are kept)
    if word in ("the past", "the future") and _COUNT_AFTER.match(st.text, m.end()):
        return None  # "the past three summers", "the past two elections": a count follows, not "the past" itself
    if word == "the present" and _MONTH_NOUN.match(st.text, m.end()):
        return None  # "the present crisis", "the present value": an adjective before its noun, not a time
    if word == "the future" and _OF_AFTER.match(st.text, m.end()):
        return None  # "the future of the alliance": its prospects, not a time
    if word == "now" and st.text.startswith("Now,", m.start()) and _sentence_initial(st.text, m.start()):
        return None  # "Now, he says, ...": a discourse marker that turns to a new point, not a time

    return Hit(m.start(), m.end(), "DATE", value, "fuzzy", st.anchor_iso)


def h_part_of_day(m: re.Match[str], st: DocState) -> Hit:
    """"in the morning", "by mid afternoon", "late evening": a part of the day under discussion.

    It waits, like a clock time, for its day: a day written next to it, else
    the nearest day in its sentence, else the last day mentioned, else the
    publication date ("shares fell Friday. Dealers placed orders in the
    morning" is Friday morning).  Night is left out: "at night" is mostly
    habitual.
    """
    g = "x" if m["x"] else "x2"
    pod = (m["pod"] or m["pod2"]).lower()
    return Hit(m.start(g), m.end(g), "TIME", "", "time", None, clock=PARTS_OF_DAY[pod])


_CLOCK_CONTEXT = re.compile(r"\b(?:at|by|until|till|from|around|about|before|after|to|between|and|since|@)\s*$", _I)


#: a part of day right after a clock time, past an optional day ("11:15 on Friday night", "8 in the evening",
#: "7:30 this evening", "10:30 last night", "10:00 tonight")
_POD_AFTER = re.compile(
    r"(?:\s+(?:on\s+)?(?:(?-i:[A-Z][a-z]+day)|yesterday|today|tomorrow))?\s+(?:in\s+the\s+|this\s+|last\s+)?"
    r"(?P<pod>afternoon|evening|night|tonight)\b",
    _I,
)


def h_clock(m: re.Match[str], st: DocState) -> Hit | None:
    """"3 p.m.", "15:30 GMT", "at 9:45", "noon", "midnight": times waiting for their day."""
    s, e = m.start(), m.end()
    if m["noon"]:
        word = m["noon"].lower()
        clock = "24:00" if word == "midnight" else "12:00"
    else:
        h = int(m["h"] or m["h2"] or m["h4"] or m["h5"])
        mi = int(m["mi"] or m["mi2"] or m["mi5"] or 0)
        ap = (m["ap"] or "").lower().replace(".", "").replace(" ", "")
        if m["h2"] and not m["tz2"] and not _CLOCK_CONTEXT.search(st.text, max(0, s - 10), s):
            return None
        if ap:
            if not 1 <= h <= 12:
                return None
            h = h % 12 + (12 if ap == "pm" else 0)
        elif h < 12 and (pod := _POD_AFTER.match(st.text, e)) is not None:
            # "at 11:15 Friday night", "at 8:30 in the evening": the part of day says which half
            part = pod["pod"].lower()
            if part in ("afternoon", "evening") or (part in ("night", "tonight") and h >= 6):
                h += 12
        if h > 24 or mi > 59:
            return None
        clock = f"{h:02d}:{mi:02d}"
    return Hit(s, e, "TIME", "", "time", None, clock=clock)


_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
             "valentine's day": (2, 14), "boxing day": (12, 26), "new year's": (1, 1),
             "veterans day": (11, 11), "fourth of july": (7, 4)}

#: holidays whose date moves from year to year, as a function of the year
_MOVABLE: dict[str, Callable[[int], date]] = {
    "easter": easter, "easter sunday": easter,
    # Orthodox churches count Easter on the Julian calendar (Russia, Greece, Serbia, Ukraine)
    "orthodox easter": orthodox_easter, "orthodox easter sunday": orthodox_easter,
    "good friday": lambda y: easter(y) - timedelta(days=2),
    "thanksgiving": lambda y: nth_weekday(y, 11, 3, 4), "thanksgiving day": lambda y: nth_weekday(y, 11, 3, 4),
    # US federal elections: the Tuesday after the first Monday of November
    "election day": lambda y: nth_weekday(y, 11, 0, 1) + timedelta(days=1),
    "labor day": lambda y: nth_weekday(y, 9, 0, 1),  # first Monday of September
    "memorial day": lambda y: nth_weekday(y, 6, 0, 1) - timedelta(days=7),  # last Monday of May
    # the shopping days named after Thanksgiving: the Friday after it, and the Monday after that
    "black friday": lambda y: nth_weekday(y, 11, 3, 4) + timedelta(days=1),
    "cyber monday": lambda y: nth_weekday(y, 11, 3, 4) + timedelta(days=4),
}


def h_holiday(m: re.Match[str], st: DocState) -> Hit | None:
    """Fixed and movable holidays: Christmas, New Year's Day, Easter, Thanksgiving."""
    s, e = m.start(), m.end()
    name = re.sub(r"\s+", " ", m["hn"].lower()).replace("’", "'").replace("veterans' day", "veterans day")
    year = int(m["y"]) if m["y"] else None
    # "Easter week", "Thanksgiving weekend": the ISO week (or its weekend) that holds the day
    gran = ("weekend" if m["wk"].strip().lower() == "weekend" else "week") if m["wk"] else "day"

    def at(y: int) -> date:
        if name in _MOVABLE:
            return _MOVABLE[name](y)
        mo, da = _HOLIDAYS[name]
        return date(y, mo, da)

    if year is None:
        if st.anchor is None:
            if name in _MOVABLE:
                return Hit(s, e, "DATE", "XXXX-XX-XX", "day", None)
            mo, da = _HOLIDAYS[name]
            return Hit(s, e, "DATE", f"XXXX-{mo:02d}-{da:02d}", "day", None)
        ref = at(st.anchor.year)
        y = st.resolve_year_of(ref.month, ref.day, s, e) or st.anchor.year
        return st.point(s, e, at(y), gran, anchor=st.anchor_iso)
    return st.point(s, e, at(year), gran, anchor=None)


def h_year_end(m: re.Match[str], st: DocState) -> Hit | None:
    """"by year-end" -> Dec. 31 of the nearest year (tense-weighted); "since year-end" -> the last one."""
    s, e = m.start("x"), m.end()
    a = st.anchor
    if a is None:
        return Hit(s, e, "DATE", "XXXX-12-31", "day", None)
    if (m["pre"] or "").lower() == "since":
        d = date(a.year - 1, 12, 31) if a < date(a.year, 12, 31) else date(a.year, 12, 31)
    else:
        d = st.resolve_month_day(12, 31, s, e) or date(a.year, 12, 31)
    return st.point(s, e, d, "day", anchor=st.anchor_iso)


def h_year_earlier_adj(m: re.Match[str], st: DocState) -> Hit | None:
    """Bare "year-earlier profit", "year-ago results": the period a year before the one reported on.

    In a report on a quarter's results that is the same quarter a year
    before; otherwise the year before the last date mentioned.
    """
    s, e = m.start(), m.end()
    rp = _results_period(m, st, need_figures=False)
    if rp is not None:
        return st.point(s, e, shift(rp[0], "year", -1), rp[1], anchor=rp[0].isoformat(), ref=False)
    return st.anaphoric(s, e, "year", -1, "year")


def _nearest_weekend(a: date, tense: str | None) -> date:
    """A day of "the weekend" with no week mentioned before: the past one in a past-tense clause, the coming
    one in a future clause, else the nearer (on a Monday, the one just over)."""
    nxt = a + timedelta(days=(5 - a.weekday()) % 7)  # the coming Saturday (today when Saturday)
    if a.weekday() == 6:
        nxt = a - timedelta(days=1)  # Sunday: this weekend is under way
    prev = nxt - timedelta(days=7)
    if tense == "past":
        return prev if nxt > a else nxt
    if tense == "future":
        return nxt
    return nxt if (nxt - a).days <= (a - prev).days - 1 else prev


#: "the year ended March 31", "the year that ended in June", "the year to March 2005" (British): a fiscal
#: year, i.e. twelve months
_ENDED = re.compile(
    r"\s+(?:end(?:ed|ing)\b|(?:that|which)\s+(?:end(?:s|ed)|will\s+end)\b"
    rf"|(?:to|through)\s+(?:(?:the\s+)?end\s+of\s+)?(?-i:{_MON_FULL}|{_MON_ABBR})\b)",
    _I,
)
_BEFORE_EVENT = re.compile(r"\s+(?:before|after)\b", _I)
_COMPLETED = re.compile(r"\b(?:latest|just[- ]ended)\b", _I)
_PERIOD_GRAN = {"year": "year", "quarter": "quarter", "month": "month", "week": "week", "weekend": "weekend"}


def h_the_period(m: re.Match[str], st: DocState) -> Hit | None:
    """"the quarter", "the year", "the week", "the year-earlier quarter": the period under discussion.

    Anaphoric: the period of the last date mentioned when it is at least as
    fine as the unit (a "third-quarter" report followed by "the quarter"),
    else the period containing the publication date.  "year-earlier" /
    "year-ago" shift it back one year.
    """
    s, e = m.start(), m.end()
    unit = m["unit"].lower()
    back = bool(m["ya"])
    if unit == "period" and not back:
        return None
    if not (m["the"] or back):
        return None
    if _BEFORE_EVENT.match(st.text, e):
        return None  # "the week after the vote": counted from an event we cannot date
    gran = _PERIOD_GRAN.get(unit, "year")
    if unit != "period" and not back and _COMPLETED.search(m["mods"] or ""):
        # "the latest fiscal year", "the just-ended quarter": the last one completed before publication
        h = st.deictic(s, e, gran, -1)
        h.ref = h.ref_gran = None
        return h
    if unit == "year" and not back and _ENDED.match(st.text, e):
        # "for the year ended March 31": a fiscal year, i.e. twelve months, not a calendar year
        return Hit(s, e, "DURATION", "P1Y", "duration", None)
    if unit == "period" and (span := _months_span_since(st, s)) is not None:
        # "For the nine months, net was $81m. In the year-earlier period, ...": the span just reported on
        return Hit(s, e, "DURATION", span, "duration", None)
    from_anchor = False
    if unit == "period":
        ref, ref_gran, ref_iso = st.reference()
        gran = ref_gran or "day"
        if gran == "day" or st.last_ref is None:
            # a period is a span, not a day: after "the quarter ended Dec. 31" (or a bare "the quarter"
            # read from the publication date) it is the quarter (or half) reported on
            for g in ("quarter", "half"):
                if g in st.latest_by_gran:
                    gran = g
                    break
        if gran in st.latest_by_gran:  # the reported quarter, not one looked back at
            ref = st.latest_by_gran[gran]
            ref_iso = ref.isoformat()
        elif gran in ("day", "week", "weekend") and ref is not None:
            # no quarter named yet: a reporting period is still a quarter, never a day ("In the year-earlier
            # period, it lost $3m" opening a results story): the last quarter closed by the day under
            # discussion (the publication date when none was named), whose results come out after it closes
            gran = "quarter"
            ref = _reported_quarter(ref)
    else:
        ref = st.last_by_gran.get(gran)
        ref_iso = ref.isoformat() if ref else None
        if ref is None and st.anchor is not None:
            ref, ref_iso = st.anchor, st.anchor_iso
            from_anchor = True
            if gran == "quarter" and st.tense(s, e) == "past":
                ref = shift(ref, "quarter", -1)  # results "for the quarter" are the last quarter's
            elif (
                gran == "year" and not back and st.anchor.month <= 3
                and _PERIOD_LEAD.search(st.text, max(0, s - 12), s) and st.tense(s, e) == "past"
            ):
                # "for the (full) year, net rose" in the first quarter: the year just ended, whose results
                # come out in January to March (later in the year it is the current one, to date); only
                # after "for/in/over/during", the results idiom ("2005 must be the year", "a special
                # time of the year" are no report on a period)
                ref = shift(ref, "year", -1)
            elif gran == "weekend" and not back:
                ref = _nearest_weekend(st.anchor, st.tense(s, e))
    if ref is None:
        return Hit(s, e, "DATE", UNRESOLVED[gran], gran if gran != "weekend" else "week", None)
    d = shift(ref, "year", -1) if back else ref
    h = st.point(s, e, d, gran, anchor=ref_iso)
    h.ref = h.ref_gran = None
    if from_anchor and not back and gran in ("quarter", "half"):
        # "net for the quarter was ..." with no quarter named before: this is the reported quarter, which a
        # later "the year-ago period" or "that quarter" means (it is still no reference for "a day later")
        st.latest_by_gran.setdefault(gran, d)
        st.last_by_gran.setdefault(gran, d)
    return h


#: the verb before an event's ordinal day or week: a copula ("it's the second day of the offensive",
#: "Thursday was the third day of protests") or "enter" ("the strike entered its tenth day"), with an
#: optional "now/already/only" and "in" ("the siege is now in its fifth week")
_ORDINAL_PERIOD_VERB = re.compile(
    r"\b(?:(?P<pres>is|are|['’]s|enters|enter)|(?P<past>was|were|entered))\s+(?:(?:now|already|only|still)\s+)?"
    r"(?:in\s+)?$",
    _I,
)


def h_ordinal_period(m: re.Match[str], st: DocState) -> Hit | None:
    """"the second day of the offensive", "its tenth day", "its third week": the day (week) an ongoing
    event has reached, which the sentence dates by its verb.

    Only after a copula or "enter": "It's the second day of the strike" and "The siege is in its fifth
    week" are now (the publication date), "Thursday was the third day of protests" the day named before
    the verb in the sentence.  A past verb with no day named before it, or any other verb ("on the first
    day of the talks, nothing happened"), dates nothing we can know, so nothing is tagged.
    """
    s, e = m.start(), m.end()
    verb = _ORDINAL_PERIOD_VERB.search(st.text, max(0, s - 30), s)
    if verb is None:
        return None
    s_lo, _ = st.sentence_span(s)
    named = (
        st.last_ref if st.last_ref is not None and st.last_ref_gran == "day" and s_lo <= st.last_ref_pos < s
        else None
    )
    if named is None and verb["pres"] and st.anchor is not None:
        named = st.anchor
    if named is None:
        return None
    if m["its"]:
        s = m.start("ord")  # a possessive is no part of the expression ("its tenth day")
    h = st.point(s, e, named, "week" if m["unit"].lower() == "week" else "day", anchor=named.isoformat())
    h.ref = h.ref_gran = None
    return h


def _reported_quarter(day: date) -> date:
    """A day in the last quarter closed by ``day``: its own quarter when ``day`` is that quarter's closing
    date ("the quarter ended Sept. 30"), else the one before (results are reported after a quarter ends)."""
    if day.month % 3 == 0 and (day + timedelta(days=1)).month != day.month:
        return day
    return shift(day, "quarter", -1)


#: the preposition of a report on a period ("for the year", "in the quarter", "over the period")
_PERIOD_LEAD = re.compile(r"\b(?:for|in|over|during)\s+$", _I)

#: a reported span of months: "the nine months", "the first six months", "the 12 months"
_MONTHS_SPAN = re.compile(r"\bthe\s+(?:first\s+|last\s+|past\s+)?(?P<n>\w+)[\s-]+months?\b", _I)


#: a span of months closed by the date after it ("the six months ended Sept. 30", "the 12 months to June")
_SPAN_CLOSED = re.compile(r"\s+(?:that\s+|which\s+)?(?:ended|ending|ends|through|to)\s+(?:on\s+)?", _I)


def _months_span_since(st: DocState, pos: int) -> str | None:
    """The duration of the last "the N months" named since the last date, within 600 characters of ``pos``.

    Why: results news report a quarter and then a longer span ("for the nine
    months"); "the period" and "the year-earlier period" after it mean that
    span, a duration, not the quarter.
    """
    ref_pos = st.last_ref_pos if st.last_ref is not None else 0
    last = None
    for mm in _MONTHS_SPAN.finditer(st.text, max(pos - 600, 0), pos):
        last = mm
    # the span counts when no date came after it, or when the date after it is its closing day ("the six
    # months ended Sept. 30 ... the year-earlier period" is the six months, not Sept. 30)
    if last is None or (last.start() < ref_pos and not _SPAN_CLOSED.fullmatch(st.text, last.end(), ref_pos)):
        return None
    n = parse_num(last["n"])
    return None if n is None or not float(n).is_integer() else duration(n, "month")


_GRAN_RANK = {"day": 0, "week": 1, "weekend": 1, "month": 2, "quarter": 3, "half": 4, "season": 4, "year": 5,
              "decade": 6, "century": 7}


_TEN_ONES = rf"(?:{_alt(list(TENS))})(?:[\s-]+{_alt(list(ONES))})?\b|{_alt(list(TEENS))}\b"


def _words_value(t: str | None) -> int:
    if not t:
        return 0
    if t.lower().startswith(("oh", "o ", "o-")):
        t = t[2:]
    return int(parse_num(t) or 0)


_UNIT_AFTER = re.compile(rf"[\s-]+{UNIT}\b", _I)


#: a year in words: "nineteen ninety-four", "nineteen oh five", "two thousand and one"
_SPELLED_YEAR = (
    rf"(?:(?P<cent>nineteen|eighteen|twenty)[\s-]+(?P<rest>(?:oh|o)[\s-]+{_alt(list(ONES))}\b|{_TEN_ONES})"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?P<rest2>{_TEN_ONES}|{_alt(list(ONES))}\b))?\b)"
)
_SPELLED_YEAR_RE = re.compile(_SPELLED_YEAR, _I)
#: the same without its named groups, to embed in other rules
_SPELLED_YEAR_BARE = re.sub(r"\?P<\w+>", "?:", _SPELLED_YEAR)


def _spelled_year_value(m: re.Match[str]) -> int:
    if m["cent"]:
        return {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}[m["cent"].lower()] + _words_value(m["rest"])
    return 2000 + _words_value(m["rest2"])


def h_spelled_year(m: re.Match[str], st: DocState) -> Hit | None:
    """"nineteen ninety-four" -> 1994, "the year two thousand" -> 2000, "two thousand and one" -> 2001."""
    y = _spelled_year_value(m)
    if not m["cent"] and not (m["yr"] or _YEAR_BEFORE.search(st.text, max(0, m.start() - 25), m.start())):
        return None  # "two thousand people"
    if _UNIT_AFTER.match(st.text, m.end()):
        return None  # "two thousand years": a count of units, not the year 2000
    s = m.start("yr") if m["yr"] and not m["yrthe"] else m.start()
    return st.point(s, m.end(), date(y, 1, 1), "year", anchor=None)


def h_week_number(m: re.Match[str], st: DocState) -> Hit | None:
    """"week 39 (of 2025)" -> 2025-W39."""
    n = int(m["wn"])
    if not 1 <= n <= 53:
        return None
    if m["y"]:
        return Hit(m.start(), m.end(), "DATE", f"{m['y']}-W{n:02d}", "week", None)
    if st.anchor is None:
        return Hit(m.start(), m.end(), "DATE", f"XXXX-W{n:02d}", "week", None)
    return Hit(m.start(), m.end(), "DATE", f"{st.anchor.year:04d}-W{n:02d}", "week", st.anchor_iso)


# --- rules ---------------------------------------------------------------------------


def _c(p: str) -> re.Pattern[str]:
    return re.compile(p, _I)


#: "last" as an adjective only: after a modal, "to", "not" or "did" it is the verb ("expected to last
#: three days", "will last several weeks"), whose object is a plain duration, not "the last N days"
_LAST_ADJ = (
    r"(?<!\bto\s)(?<!\bwill\s)(?<!\bwould\s)(?<!\bcould\s)(?<!\bcan\s)(?<!\bmay\s)(?<!\bmight\s)"
    r"(?<!\bshould\s)(?<!\bmust\s)(?<!\bnot\s)(?<!n't\s)(?<!\bdid\s)(?<!\bdoes\s)(?<!\bdo\s)last"
)

_REL_WORDS = (
    r"the\s+following|the\s+previous|the\s+preceding|the\s+prior|the\s+same|the\s+next|the\s+past|"
    r"the\s+last|the\s+current|the\s+coming|this\s+past|this\s+coming|that\s+same|this\s+same|last|next|"
    r"this|past|coming|previous|"
    r"following|current|that"
)

RULES: list[Rule] = [
    *common_rules(month_first=True),
    Rule("month_day", _c(
        rf"\b(?:(?P<wk>(?:the\s+)?week\s+of\s+)|(?P<wd>{WD_ANY})\s*,?\s+)?"
        rf"(?:(?:the\s+)?(?P<pre>{PRE})|(?P<rel>last|next|this|coming|past)\s+)?"
        rf"{mon('mon')}\s*(?P<d1>\d{{1,2}})"
        r"(?:st|nd|rd|th)?(?!\d|:\d)"
        r"(?:\s*(?:-|–|—|to|through|and)\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?![\d,.:]\d|\d))?"
        rf"(?:(?:\s*,\s*|\s+)(?:(?P<y>{YEAR})(?![\d,]\d)|(?:of\s+)?(?P<yrel>this|last|next)\s+year))?"
    ), h_month_day, priority=8),
    Rule("day_month", _c(
        rf"\b(?:(?P<wd>{WD_ANY})\s*,?\s+)?(?:the\s+)?(?<![\d,.])(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?"
        r"(?:\s*(?:-|–|—|to|and)\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?"
        rf"\s+(?:of\s+)?{mon('mon')}(?:(?:\s*,\s*|\s+)(?:(?P<y>{YEAR})(?![\d,]\d)|(?P<yrel>this|last|next)\s+year))?"
    ), h_month_day, priority=8),
    Rule("nth_weekday", _c(
        # "the first Sunday of June", "the last Friday in March 2025"
        r"\bthe\s+(?P<ord>first|second|third|fourth|last|final)\s+(?P<wd>(?-i:" + WD_FULL + r"))\s+(?:of|in)\s+"
        rf"{mon('mon')}(?:\s*,?\s*(?P<y>{YEAR})\b)?"
    ), lambda m, st: h_nth_weekday(m, st), priority=7),
    Rule("same_time", _c(
        # "this time last year", "at this time next month", "same time last week": the same day one unit off
        r"\b(?:this|the\s+same|same)\s+time\s+(?P<rel>last|next)\s+(?P<unit>year|month|week)\b"
    ), lambda m, st: st.deictic(m.start(), m.end(), m["unit"].lower(), -1 if m["rel"].lower() == "last" else 1,
                                "day"), priority=6),
    Rule("overnight", _c(
        # "shelled the city overnight", "talks went on overnight and into Friday": the adverb only; before a
        # noun it names a product or a kind ("overnight rates", "an overnight stay"), and after "almost",
        # "virtually" or "literally" it means "suddenly"
        r"(?<!\balmost\s)(?<!\bvirtually\s)(?<!\bliterally\s)(?<!\bpractically\s)(?<!\bnearly\s)"
        r"(?<!\bseemingly\s)(?<!\ban\s)(?<!\bthe\s)(?<!\ba\s)\bovernight\b"
        r"(?=\s*(?:[.,;:!?)\"”’—–]|$|\s(?:and|but|in|on|at|to|into|as|after|before|from|with|while|when|amid|near|"
        r"across|around|outside|inside|along|until|till|without|because|for|,)\b))"
    ), lambda m, st: h_overnight(m, st), priority=5),
    Rule("small_hours", _c(
        # "in the early hours of Saturday", "the small hours of Wednesday": the night that ends that morning
        r"\bthe\s+(?:early|small|wee)\s+hours\s+of\s+(?:(?P<wd>(?-i:" + WD_FULL + r"))|(?P<dw>yesterday|today))"
        # with "morning" written after the day, the writer named the part: "Thursday morning" is tagged
        r"\b(?!\s+morning\b)"
    ), lambda m, st: h_small_hours(m, st), priority=7),
    Rule("month_week", _c(
        # "the second week of March", "the last week of January 2024": one ISO week of the month
        r"\b(?P<the>the\s+)(?P<ord>first|second|third|fourth|last|final)\s+week\s+of\s+"
        rf"{mon('mon')}(?:\s*,?\s*(?P<y>{YEAR})\b)?"
    ), lambda m, st: h_month_week(m, st), priority=7),
    Rule("month", _c(
        rf"\b(?:(?P<pre>{PRE})|(?P<rel>last|next|this|coming|past)\s+)?{mon('mon')}"
        rf"(?:(?:\s*,\s*|\s+)(?:of\s+)?(?:(?P<y>{YEAR})(?![\d,]\d)|(?P<yrel>this|last|next)\s+year))?"
    ), h_month, priority=6),
    Rule("year", _c(
        rf"(?:(?P<pre>\b{PRE})|\b(?P<fy>fiscal(?:\s+year)?|FY|the\s+year|calendar\s+year|the\s+summer\s+of|"
        r"the\s+spring\s+of|the\s+autumn\s+of|the\s+fall\s+of|the\s+winter\s+of)\s*)?"
        rf"(?:(?<=mid-)|(?<=end-)|(?<=start-)|(?<![\w$£€.,/\-]))(?P<y>{YEAR})(?:\s*(?:-|–|—|to|through)\s*(?P<y2>{YEAR}|\d\d)(?![\d%]|[.,]\d))?"
        r"(?![\d%]|[.,]\d|\s*(?:%|percent|per\b))"
    ), h_year, priority=5),
    Rule("short_year", _c(
        # "in '96", "the '94 race", "the class of '69": a year with its century left out, after a word that
        # only a time follows there (a quotation mark before a count, "said '96 people", is not one)
        r"(?:(?<=\bin\s)|(?<=\bsince\s)|(?<=\bof\s)|(?<=\bthe\s)|(?<=\bby\s)|(?<=\buntil\s)|(?<=\bfrom\s)"
        r"|(?<=\bto\s)|(?<=\band\s)|(?<=\bthrough\s))['’](?P<yy>\d\d)\b(?![\d%]|['’]?s\b|\.\d)"
        # nor a share opening a quotation ("and '99 percent of ..."), as the four-digit year rule excludes
        r"(?!\s*(?:percent|per\b))"
    ), h_short_year, priority=5),
    Rule("decade", _c(
        rf"(?:\b(?P<the>the\s+))?(?P<pre>{PRE})?(?:\b(?P<d4>(?:1[5-9]|20)\d)0['’]?s\b|['’](?P<d2>\d)0['’]?s\b|"
        r"\b(?P<d2b>[2-9])0['’]?s\b|\b(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)"
    ), h_decade, priority=6),
    Rule("century", _c(
        rf"\b(?:the\s+)?(?P<pre>{PRE})?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<ow>{_alt(list(ORDINALS))}))"
        r"[\s-]+century\b|\b(?P<rel>this|last|next|the\s+(?:current|past|last|previous|next))\s+century\b"
    ), h_century, priority=6),
    Rule("quarter", _c(
        # "the end of the first quarter": the edge is part of the extent (mod END), as for a month or a year
        # ("the end of the third-quarter rally" is the rally's end: a hyphenated quarter modifies a noun)
        r"\b(?:(?:the\s+)?(?:end|beginning|start|middle|close)\s+of\s+(?=(?:[\w'’]+\s+){0,3}?"
        r"(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+(?:(?:fiscal|financial|calendar)\s+)?"
        r"(?:quarter|half)\b))?(?:the\s+)?(?:(?:comparable|same)\s+)?"
        rf"(?:(?P<ya>year[- ](?:earlier|ago))\s+|(?P<ypos>this|last|next)\s+year['’]s\s+"
        rf"|(?:fiscal\s+)?(?P<yb>{YEAR})(?:['’]s)?\s+)?"
        r"(?:(?:fiscal|financial)\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+"
        r"(?:(?:fiscal|financial|calendar)\s+)?(?:(?P<q>quarter)|(?P<half>half))"
        rf"(?:\s+of\s+(?:(?:fiscal\s+)?(?P<y>{YEAR})|(?P<yrel>this|last|next)\s+year|(?P<ythe>the\s+year)))?\b"
        r"|\bQ(?P<qn>[1-4])(?:\s*(?P<qy>(?:1[5-9]|20)\d\d|['’]\d\d))?\b|\b(?P<qy0>(?:1[5-9]|20)\d\d)\s*-?\s*Q(?P<qn2>[1-4])\b"
        r"|\b(?P<rel>this|last|next|the\s+(?:current|previous|latest|past|coming|last))\s+(?:fiscal\s+)?quarter\b"
    ), lambda m, st: _quarter_fix(m, st), priority=7),
    Rule("fin_period", _c(
        # financial shorthand: "H1 2024", "1H24", "2Q24", "Q3 FY2024", "FY24" (case matters: "fy" is no
        # year); a two-digit year is this century's below 50
        # "Q4 '24", "H1 FY24", "H1 2024"; digits straight after "Q4" are a model name ("Q400")
        r"(?-i:\b(?:(?P<k>[QH])(?P<n>[1-4])(?:\s?FY\s?['’]?|\s?['’]|\s(?=(?:19|20)\d\d))"
        r"|(?P<n2>[1-4])(?P<k2>[QH])\s?(?:FY\s?)?['’]?)(?P<y>(?:19|20)\d\d|\d\d)"
        r"|\bFY\s?['’]?(?P<fy>\d\d))\b(?![\d%.,]\d|\s*(?:%|percent|per\b))"
    ), lambda m, st: h_fin_period(m, st), priority=7),
    Rule("month_quarter", _c(
        # "the September quarter": the quarter that ends with that month (Australian, Indian, Japanese
        # company reports)
        r"\bthe\s+(?P<mon>(?-i:March|June|September|December))(?:\s+(?P<y>" + YEAR + r"))?\s+quarter\b"
    ), lambda m, st: h_month_quarter(m, st), priority=7),
    Rule("day_of_month", _c(
        # "due on the 15th", "on the 3rd of the month": a day of the month under way (or the next or last)
        r"(?<=\bon\s)the\s+(?P<d>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b"
        r"(?:(?=\s*(?:[.,;:!?)]|$))|\s+of\s+(?:the|this)\s+month\b)"
    ), lambda m, st: h_day_of_month(m, st), priority=6),
    Rule("season", _c(
        rf"\b(?:(?P<pre>{PRE})|(?P<rel>this|last|next|the\s+past|the\s+coming|coming|past|that)\s+)?"
        r"(?:the\s+)?(?P<sn>spring|summer|autumn|fall|winter)(?:time)?\b(?:\s+(?:of\s+)?(?P<y>(?:1[5-9]|20)\d\d)\b"
        rf"|\s+of\s+(?P<yw>{_SPELLED_YEAR_BARE})|\s+of\s+(?P<yrel>last|next|this)\s+year\b(?!['’]))?"
        r"|\b(?P<y2>(?:1[5-9]|20)\d\d)\s+(?P<sn2>spring|summer|autumn|fall|winter)\b"
    ), h_season, priority=6),
    Rule("deictic_day", _c(
        # "late yesterday", "earlier today": the edge belongs to the day (TimeBank's extent, mod END/START);
        # not after a unit ("a week later today" is the count's "later")
        r"\b(?:(?:(?<!days\s)(?<!day\s)(?<!weeks\s)(?<!week\s)(?<!hours\s)(?<!hour\s)(?<!minutes\s)"
        r"(?<!months\s)(?<!years\s)(?P<edge>early|late|earlier|later)\s+(?=yesterday|today|tomorrow))?"
        r"(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow|tonight)"
        r"(?:\s+(?P<pod>morning|afternoon|evening|night))?|(?P<w2>this|last)\s+(?P<pod2>morning|afternoon|evening|night))\b"
    ), h_deictic_day, priority=6),
    Rule("weekday", _c(
        # "late Tuesday", "early Friday": the edge belongs to the day, as with "late yesterday" (mod END/START)
        r"\b(?:(?P<edge>early|late)\s+(?=(?-i:[A-Z])))?"
        rf"(?:(?P<arel>the\s+(?:previous|preceding|following|next))\s+"
        r"|(?:this\s+(?=past\s|coming\s))?(?P<rel>last|next|this|coming|past)\s+)?"
        # an abbreviation only with its dot and after "on" ("said on Wed. it would"): "Sun", "Sat", "Wed"
        # are also words
        rf"(?P<wd>(?-i:{WD_FULL})\b|(?<=\bon\s)(?-i:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.(?!\w))"
        r"(?:\s+(?P<pod>morning|afternoon|evening|night)\b)?"
    ), h_weekday, priority=5),
    Rule("rel_unit", _c(
        r"\b(?:(?P<pre>earlier|later|early|late|mid|(?:the\s+)?(?:end|beginning|start|middle|rest|remainder|close)\s+of)"
        rf"[\s-]+)?(?:(?P<rel>{_REL_WORDS})|(?P<inthe>in\s+the|the))\s+"
        r"(?:(?P<fisc>fiscal|financial)\s+(?=year\b))?"
        r"(?P<unit>week|weekend|month|year|decade|century|day|fortnight|quarter)\b(?!-)"
    ), h_rel_unit, priority=4),
    Rule("ago", _c(
        r"\b(?:(?:about|nearly|almost|some|more\s+than|less\s+than|roughly|approximately|around|over)\s+)?"
        rf"(?:(?P<q>{QNUM})|(?P<the>the))[\s-]+(?P<unit>{UNIT})(?:\s+or\s+so)?\s+"
        r"(?P<dir>ago|earlier|later|before\s+last|before|after|prior|from\s+(?:now|today)|hence|back)\b"
        # "in three days' time", "in a week's time": that far ahead of the publication date
        rf"|\b(?:(?P<q2>{QNUM})[\s-]+(?P<unit2>{UNIT}))['’]s?\s+(?P<tdir>time)\b"
    ), h_ago, priority=7),
    Rule("duration", _c(
        rf"\b(?:(?P<rel>the\s+(?:past|last|next|coming|first|final|previous|following|initial|remaining)"
        rf"|past|{_LAST_ADJ}|next|coming|first|final|previous|following|initial|remaining)\s+)?"
        r"(?:(?P<mod>about|around|nearly|almost|more\s+than|less\s+than|at\s+least|roughly|some|up\s+to|"
        r"approximately|over|under|fewer\s+than)\s+)?"
        rf"(?P<q>{QNUM})(?P<andhalf>\s+and\s+a\s+half)?[\s-]+(?:(?:more|additional|extra|further|straight|consecutive|successive|full|whole)\s+)?(?P<unit>{UNIT})"
        r"(?P<half>\s+and\s+a\s+half)?(?:[\s-]+(?P<old>old|long))?\b"
    ), h_duration, priority=3),
    Rule("unit_long", _c(
        # "the year-long strike", "a weeklong visit": one unit, the article (if any) is the noun's
        r"\b(?P<unit>hour|day|week|month|year|decade|century)-?long\b(?!-)"
    ), lambda m, st: Hit(m.start(), m.end(), "DURATION", duration(1, unit_of(m["unit"])), "duration", None),
        priority=2),
    Rule("half_duration", _c(
        r"\b(?:half\s+an?|a\s+half|(?P<q>a|one|three)\s+quarters?\s+of\s+an?)[\s-]+"
        r"(?P<unit>hour|day|year|century|decade|month|minute)\b"
    ), h_half_duration, priority=3),
    Rule("bare_units", _c(
        r"\b(?:for|over|in|within|took|lasted|spent)\s+(?P<u>years|months|weeks|days|decades|hours|centuries|minutes)\b"
    ), h_bare_units, priority=1),
    Rule("set", _c(
        rf"\b(?:every|each)\s+(?:(?P<other>other)\s+)?(?:(?:(?P<q>{NUM}|few|several)\s+)?(?P<unit>{UNIT})"
        r"|(?P<wd>(?-i:" + WD_FULL + r"))(?:\s+(?P<wpod>morning|afternoon|evening|night)\b)?"
        rf"|(?P<pod>morning|afternoon|evening|night)|(?P<smon>(?-i:{_MON_FULL}))|(?P<ssn>spring|summer|autumn|fall|winter))\b"
        rf"|\b(?:once|twice|thrice|(?:{QNUM})\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit2>{UNIT})\b"
        r"|\b(?P<adv>daily|weekly|monthly|(?:semi-?)?annually|yearly|hourly|nightly|quarterly|biweekly|fortnightly"
        r"|biannually)\b"
        r"(?!\s+(?:dividends?|payouts?|distributions?|installments?|instalments?)\b)"
        rf"|\bper\s+(?P<unit3>{UNIT})\b"
    ), lambda m, st: _set_fix(m, st), priority=6),
    Rule("units_ahead", _c(
        # "the weeks ahead": an unmeasured stretch from now, like "the next few weeks" ("the weeks to come"
        # stays FUTURE_REF with "the coming weeks")
        r"\bthe\s+(?P<unit>days|weeks|months|years|decades|quarters)\s+ahead\b"
    ), lambda m, st: Hit(m.start(), m.end(), "DURATION", duration(None, unit_of(m["unit"])), "duration", None),
        priority=3),
    Rule("rel_part_of_day", _c(
        r"\b(?P<rel>that|the\s+same|the\s+next|the\s+following|the\s+previous|the\s+preceding)\s+"
        r"(?P<pod>morning|afternoon|evening|night)\b"
    ), lambda m, st: h_rel_part_of_day(m, st), priority=6),
    Rule("plural_day", _c(
        r"\b(?P<wds>(?-i:Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays))\b"
        rf"|\b(?P<wd1>(?-i:{WD_FULL}))\s+(?P<pods>mornings|afternoons|evenings|nights)\b"
        r"|(?<=\bon\s)(?P<we>weekends)\b"
    ), lambda m, st: h_plural_day(m, st), priority=5),
    Rule("fuzzy", _c(
        r"\b(?:" + _alt(list(_FUZZY_VALUE)) + r")\b"
    ), h_fuzzy, priority=2),
    Rule("clock", _c(
        r"(?<![\d.:])(?:(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*(?P<ap>a\.\s?m\.|p\.\s?m\.|am\b|pm\b|a\.m\b|p\.m\b)"
        r"(?:\s+(?:(?-i:[A-Z]{2,4}T|[ECMP]T)|GMT|UTC|local\s+time)\b)?"
        r"|(?P<h2>[0-2]?\d):(?P<mi2>[0-5]\d)(?![\d:])(?P<tz2>\s+(?:(?-i:[A-Z]{2,4}T|[ECMP]T)|GMT|UTC|local\s+time|hours|hrs)\b)?"
        r"|\b(?P<h4>\d{1,2})\s+o['’]clock\b|\b(?P<noon>noon|midnight|midday)\b"
        # "1700 GMT", "0930 hours": four digits are a clock time only with a zone or "hours" after them
        r"|(?<![\d.,:$£€])\b(?P<h5>[01]\d|2[0-4])(?P<mi5>[0-5]\d)\s+(?:(?-i:[A-Z]{2,4}T|[ECMP]T)|GMT|UTC|Zulu|hours|hrs|local\s+time)\b)"
    ), h_clock, priority=6),
    Rule("part_of_day", _c(
        r"\b(?:in|during|by|until|till|throughout|through|since|before|after|from|at|on(?=\s+the\s+\w+\s+of\b))\s+"
        r"(?P<x>(?:the\s+)?(?:(?P<edge>early|late|mid)[\s-]*)?(?:the\s+)?(?P<pod>morning|afternoon|evening))\b"
        r"|\b(?P<x2>(?:early|late|mid)[\s-]*(?P<pod2>morning|afternoon|evening))\b"
    ), lambda m, st: h_part_of_day(m, st), priority=5),
    Rule("ordinal_period", _c(
        r"\b(?:the\s+|(?P<its>its|their)\s+)(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
        r"tenth|eleventh|twelfth|\d{1,3}(?:st|nd|rd|th))\s+(?P<unit>day|week)\b(?!-)"
        r"(?(its)|(?=\s+of\s))"
    ), h_ordinal_period, priority=3),
    Rule("the_period", _c(
        r"\b(?P<the>the\s+)?(?:(?P<ya>year[- ](?:earlier|ago))\s+)?(?P<mods>(?:(?:current|latest|full|fiscal|same|"
        r"comparable|just[- ]ended|entire|whole)\s+)*)(?P<unit>year|quarter|month|week|weekend|period)\b(?![-])"
    ), h_the_period, priority=2),
    Rule("year_end", _c(
        r"\b(?:(?P<pre>since|by|at|until|till|before|after|through)\s+)?(?P<x>(?:the\s+)?year[- ]end)\b(?!-)"
        r"(?=\s*(?:[.,;:)!?]|$)|\s+(?:and|or|of|to|in|at|for|when|but|as)\b)"
    ), h_year_end, priority=5),
    Rule("year_earlier_adj", _c(
        r"(?<!the\s)(?<!a\s)\b(?P<ya>year-(?:earlier|ago))\b(?=\s+(?!(?:quarter|period|year|month|week|half|"
        r"nine|six|three|twelve|first|second|third|fourth|fiscal|comparable|same)\b)[\w$])"
    ), h_year_earlier_adj, priority=3),
    Rule("spelled_year", _c(
        r"\b(?P<yr>(?P<yrthe>the\s+)?year\s+)?" + _SPELLED_YEAR
    ), h_spelled_year, priority=6),
    Rule("year_period", _c(rf"\bthe\s+(?P<y>{YEAR})\s+(?:period|quarter)\b"), h_year_period, priority=6),
    Rule("week_number", _c(rf"\bweek\s+(?P<wn>\d{{1,2}})(?:\s+of\s+(?P<y>{YEAR}))?\b"), h_week_number, priority=5),
    Rule("holiday", _c(
        r"\b(?P<hn>(?-i:Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s(?:\s+(?:Day|Eve))?|(?:Orthodox\s+)?Easter(?:\s+Sunday)?"
        r"|Thanksgiving(?:\s+Day)?|Halloween|Valentine['’]s\s+Day|Boxing\s+Day|Good\s+Friday|Election\s+Day"
        r"|Labor\s+Day|Memorial\s+Day|Veterans['’]?\s+Day|Fourth\s+of\s+July|Black\s+Friday|Cyber\s+Monday))(?!\w)"
        r"(?P<wk>\s+week(?:end)?\b)?"
        rf"(?:\s+(?P<y>{YEAR})\b)?"
    ), h_holiday, priority=6),
]


def _quarter_fix(m: re.Match[str], st: DocState) -> Hit | None:
    """Adapter: the quarter regex has two spellings of "year then quarter"."""
    gd = m.groupdict()
    if gd.get("qn2"):
        return Hit(m.start(), m.end(), "DATE", f"{gd['qy0']}-Q{gd['qn2']}", "quarter", None)
    return h_quarter(m, st)


def _set_fix(m: re.Match[str], st: DocState) -> Hit | None:
    """Adapter: "twice a week"/"per year" spell the unit in other groups."""
    gd = m.groupdict()
    if gd.get("unit2") or gd.get("unit3"):
        if gd.get("unit3") and _rate(st.text, m.start()):
            return None  # "15 million instructions per second", "$12 per hour": a rate
        u = gd.get("unit2") or gd.get("unit3") or "day"
        return Hit(m.start(), m.end(), "SET", duration(1, unit_of(u)), "set", None)
    return h_set(m, st)


#: common irregular past forms (lower case only: "Rose", "Left" may be names or headings)
IRREGULAR_PAST = ("met", "went", "came", "took", "gave", "made", "held", "left", "began", "fell", "rose", "saw",
                  "got", "found", "lost", "won", "paid", "sent", "spent", "brought", "bought", "sold", "struck",
                  "stood", "led", "fled", "shot", "ran", "wrote", "spoke", "broke", "chose", "drove", "flew",
                  "grew", "knew", "threw", "became", "heard", "kept", "felt", "sought", "swore", "arose", "fought",
                  "caught", "taught", "thought", "meant", "sank", "stole", "forgave", "withdrew", "overtook",
                  "drew", "swept", "built", "hung", "froze", "shook", "upheld", "underwent", "oversaw", "blew",
                  "dealt", "lent", "wore", "tore", "slid", "sprang", "undertook", "overthrew", "overrode",
                  "forbade", "forgot", "shrank", "rang", "sang", "swam", "drank", "clung", "stuck", "spun",
                  "strode", "rode", "woke", "awoke", "foresaw", "withheld", "befell", "dug", "wept", "slept")

#: Nearest cue wins.  "planned to"/"would" point forward even in a past-tense
#: clause; past participles are only taken from lower-case words ("United" is not a verb).
#: "was planning/scheduled/due to" is one future cue (its "was" is no past cue): the plan still lies
#: ahead in most reports.  "was about to" looks forward only from a past moment (it often did not
#: happen), so it says nothing about which side of the publication date a weekday or month lies on:
#: it is matched as neutral (``neu``) and the next cue decides. So is "as (previously) planned/scheduled": it
#: names how something went, not when ("let the offensive begin as previously planned Saturday night").
#: what follows a causal "due to" ("due to its loss", "due to the strike", "due to Hurricane Hugo"): a
#: determiner, an adjective of size, a number or a name; only "due to" before a verb looks ahead
_CAUSE_AFTER = (
    r"(?!\s+(?:(?:the|a|an|its|his|her|their|our|this|that|these|those|lower|higher|weak|weaker|strong|stronger|"
    r"poor|bad|heavy|rising|falling|increased|reduced)\b|\d|\$|(?-i:[A-Z])))"
)

TENSE_RE = re.compile(
    r"(?:\b|(?='))(?:(?P<neu>(?:was|were)\s+(?:not\s+)?about\s+to"
    r"|as\s+(?:(?-i:[a-z]+ly)\s+)?(?:planned|scheduled|expected|agreed|promised))|(?P<fut>"
    # a present copula with a word of expectation, no "to" after: "a decision is expected Monday", "the
    # meeting is set for Monday", "the ruling is due out Monday" (with "to", the forms below decide)
    r"(?:is|are|am)\s+(?:not\s+)?(?:now\s+)?(?:expected|due|set|slated|scheduled|planned)\b(?!\s+to\b)|"
    r"(?:was|were)\s+(?:not\s+)?(?:planning|preparing|scheduled|set|expected|supposed|going)\s+to|"
    rf"(?:(?:was|were|is|are|am)\s+(?:not\s+)?)?due\s+to{_CAUSE_AFTER}|"
    r"(?:will|would|shall|won't)\s+(?:not\s+)?(?:be|have\s+been)\s+\w+|'ll|will|won't|shall|would|upcoming|forthcoming|to\s+be\s+held|is\s+to|are\s+to|"
    r"planned|plans|planning|scheduled|slated|"
    r"(?:takes|take)\s+effect|(?<!to\s)(?:begin|start|open|expire|resume|convene|meet|arrive|depart|leave|visit|hold|"
    r"vote|travel|return|fly|host|face|testify|appear)s?(?=\s+(?:(?-i:[a-z]+ly)\s+)?(?-i:[A-Z]))|"
    r"(?:going|plans?|planned|planning|hopes?|hoped|wants?|wanted|decided|agreed|promised|intends?|intended|"
    r"vowed|pledged|threatened|prepared|ready|scheduled|expected|expects?|set|likely|supposed|aims?|aimed)"
    r"\s+to|as\s+soon\s+as|might|(?:is|are|am)\s+(?:planning|going|scheduled|expected|set|about|preparing)\s+to)"
    r"|(?P<past>had\s+been\s+(?:due|scheduled|expected|set|planned|slated)\s+to|was|were|had|did|said|told|ago|"
    rf"(?-i:[a-z]\w{{2,}}ed|{_alt(IRREGULAR_PAST)})))\b",
    _I,
)

#: "since" before a date puts it before the publication date, "by" (a deadline) after it, unless the
#: sentence narrates in the past perfect (see ``Language.lead_future_veto``)
_LEAD_TENSE = re.compile(r"(?:\b(?P<past>since)|\b(?P<fut>by))\s+(?:the\s+)?$", _I)

#: a present schedule verb (lower case, not after "to", a modal, "did"/"does" or "not") and at most three
#: words before the expression: "the suspects appear in court Monday", "the embassy reopens Monday".
#: Words that are also adjectives or nouns ("open", "close", "end", "hold") are left out ("remained
#: open Monday" looks back), and those that are nouns in the singular only count with their -s ("a
#: visit to Beijing on Monday", "at the start of the second half" are no verbs; "the show closes/ends/
#: opens Sunday" is the verb)
_CLOSE_SCHEDULE = re.compile(
    r"(?<![\w'’])(?<!\bto\s)(?<!\bnot\s)(?<!n't\s)(?<!\bdid\s)(?<!\bdoes\s)(?<!\bdo\s)(?<!\bwill\s)"
    r"(?<!\bwould\s)(?<!\bcould\s)(?<!\bcan\s)(?<!\bmay\s)(?<!\bmight\s)(?<!\bshould\s)(?<!\bmust\s)"
    r"(?:(?P<v>(?-i:(?:begin|resume|convene|arrive|depart|appear|expire|reopen)s?|testif(?:y|ies)"
    r"|starts|meets|leaves|visits|travels|returns|flies|opens|closes|ends))\s+(?:[A-Za-z'’-]+\s+){0,3}"
    # "voters go to the polls in November": the election idiom, a plan in the present
    r"|(?P<v2>(?-i:go|goes|head|heads))\s+to\s+the\s+polls\s+(?:(?:on|in)\s+)?"
    # a present copula right before the date: "the election is Sunday", "the deadline is Jan. 15"
    r"|(?P<cop>(?-i:is|are))\s+(?:(?:on|in)\s+)?)$"
)

_TRIGGER_WORDS: dict[str, tuple[str, ...]] = {
    "month": ("january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
              "sept", "oct", "nov", "dec"),
    "wd": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues",
           "wed", "thu", "thur", "thurs", "fri", "sat", "sun"),
    "unit": ("second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "night", "nights", "week",
             "weeks", "weekend", "weekends", "fortnight", "fortnights", "month", "months", "year", "years",
             "decade", "decades", "century", "centuries", "quarter", "quarters", "period", "half"),
    "dec": ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"),
    "season": ("spring", "summer", "autumn", "fall", "winter", "springtime", "summertime", "wintertime"),
    "deictic": ("yesterday", "today", "tomorrow", "tonight", "morning", "afternoon", "evening", "overnight"),
    "pday": ("mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays"),
    "set": ("every", "each", "once", "twice", "thrice", "times", "daily", "weekly", "monthly", "annually",
            "yearly", "hourly", "nightly", "quarterly", "biweekly", "fortnightly", "biannually", "semiannually", "per"),
    "fuzzy": ("term", "now", "currently", "presently", "present", "nowadays", "moment", "recently", "lately", "past",
              "recent", "future", "coming", "next", "upcoming", "foreseeable"),
    "holiday": ("christmas", "orthodox", "new year's", "new year’s", "easter", "thanksgiving", "halloween",
                "black", "cyber",
                "valentine's", "valentine’s", "boxing day", "good friday", "election day", "labor day", "memorial day",
                "veterans day", "veterans' day", "veterans’ day", "fourth of july",
                "noon", "midnight", "midday", "o'clock", "o’clock"),
    "qtr": ("q1", "q2", "q3", "q4"),
    "yword": ("eighteen", "nineteen", "twenty", "thousand"),
    "long": ("weeklong", "yearlong", "monthlong", "daylong", "hourlong", "decadelong"),
}

#: rule name -> (trigger classes, (reach before, reach after))
_KEYS: dict[str, tuple[tuple[str, ...], tuple[int, int]]] = {
    "iso": (("year",), (1, 30)),
    "numeric": (("num", "year"), (6, 12)),
    "month_day": (("month",), (45, 35)),
    "day_month": (("month",), (45, 12)),
    "month": (("month",), (40, 30)),
    "year": (("year",), (60, 25)),
    "decade": (("decnum", "dec"), (45, 5)),
    "short_year": (("num",), (3, 12)),  # after: room for the lookahead to see " percent"
    "century": (("unit",), (45, 5)),
    "quarter": (("unit", "qtr", "year"), (40, 30)),
    "season": (("season",), (45, 45)),
    "deictic_day": (("deictic", "unit"), (30, 20)),
    "weekday": (("wd",), (20, 25)),
    "rel_unit": (("unit",), (60, 5)),
    "ago": (("unit",), (50, 22)),
    "duration": (("unit",), (50, 20)),
    "half_duration": (("unit",), (15, 5)),
    "unit_long": (("unit", "long"), (12, 12)),
    "bare_units": (("unit",), (10, 5)),
    "set": (("set",), (12, 40)),
    "plural_day": (("pday", "unit", "wd"), (3, 12)),
    "rel_part_of_day": (("deictic", "unit"), (20, 2)),
    "units_ahead": (("unit",), (5, 12)),
    "fuzzy": (("fuzzy", "unit"), (25, 25)),
    "clock": (("num", "year", "holiday"), (3, 25)),
    "part_of_day": (("deictic",), (35, 5)),
    "the_period": (("unit",), (60, 5)),
    "ordinal_period": (("unit",), (25, 8)),
    "week_number": (("unit",), (0, 20)),
    "month_week": (("unit",), (20, 25)),
    "nth_weekday": (("wd",), (20, 25)),
    "small_hours": (("wd", "deictic"), (30, 10)),
    "overnight": (("deictic",), (30, 60)),
    "same_time": (("unit",), (25, 10)),
    "fin_period": (("num", "year", "qtr"), (8, 10)),
    "month_quarter": (("month",), (5, 16)),
    "day_of_month": (("num",), (8, 22)),
    "year_period": (("year",), (5, 16)),
    "spelled_year": (("yword",), (15, 30)),
    "year_end": (("unit",), (15, 12)),
    "year_earlier_adj": (("unit",), (5, 20)),
    "holiday": (("holiday",), (0, 30)),
}
RULES = [dataclasses.replace(r, keys=_KEYS[r.name][0], reach=_KEYS[r.name][1]) for r in RULES]

ENGLISH = Language(
    code="en",
    rules=RULES,
    trigger_words={w: cls for cls, ws in _TRIGGER_WORDS.items() for w in ws},
    tense_re=TENSE_RE,
    clock_joiner=re.compile(r"\s*,?\s*(?:(?:on|at|of|this|in\s+the)\s+)?(?:the\s+)?", _I),
    lead_tense_re=_LEAD_TENSE,
    lead_future_veto=re.compile(r"\bhad\b", _I),
    close_future_re=_CLOSE_SCHEDULE,
    close_aux_re=re.compile(r"(?:will|'ll|’ll|shall|won't|was|were|had|did)\b", _I),
    close_past_verb_re=re.compile(rf"(?-i:said|told|[a-z]\w{{2,}}ed|{_alt(IRREGULAR_PAST)})"),
)
