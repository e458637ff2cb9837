"""Russian temporal expressions.

Russian inflects numbers, nouns and adjectives, so the lexicon lists the case
forms ("три года", "трёх лет", "тремя годами") instead of stems with ``\\w*``:
open stems would swallow unrelated words ("среды" is also "environment").
Prepositions ("в", "на") stay outside the extent, as in the English rules,
except for "через"/"спустя", which carry the meaning of "ago"/"later".
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta
from functools import lru_cache

from dossier.analyze.timex.calendar import duration_value, nth_weekday, orthodox_easter, safe_date
from dossier.analyze.timex.common import common_rules, title_inside_sentence
from dossier.analyze.timex.core import DocState, Hit, Language, Rule, season_value, trie_regex

_I = re.IGNORECASE

# --- lexicon -------------------------------------------------------------------------

#: value -> the case forms of the cardinal number
NUMBER_FORMS: dict[int, tuple[str, ...]] = {
    1: ("один", "одна", "одно", "одного", "одной", "одну", "одним", "одном", "одною", "одному"),
    2: ("два", "две", "двух", "двум", "двумя"),
    3: ("три", "трех", "трёх", "трем", "трём", "тремя"),
    4: ("четыре", "четырех", "четырёх", "четырем", "четырём", "четырьмя"),
    5: ("пять", "пяти", "пятью"),
    6: ("шесть", "шести", "шестью"),
    7: ("семь", "семи", "семью"),
    8: ("восемь", "восьми", "восемью", "восьмью"),
    9: ("девять", "девяти", "девятью"),
    10: ("десять", "десяти", "десятью"),
    11: ("одиннадцать", "одиннадцати"),
    12: ("двенадцать", "двенадцати"),
    13: ("тринадцать", "тринадцати"),
    14: ("четырнадцать", "четырнадцати"),
    15: ("пятнадцать", "пятнадцати"),
    16: ("шестнадцать", "шестнадцати"),
    17: ("семнадцать", "семнадцати"),
    18: ("восемнадцать", "восемнадцати"),
    19: ("девятнадцать", "девятнадцати"),
    20: ("двадцать", "двадцати", "двадцатью"),
    30: ("тридцать", "тридцати", "тридцатью"),
    40: ("сорок", "сорока"),
    50: ("пятьдесят", "пятидесяти"),
    60: ("шестьдесят", "шестидесяти"),
    70: ("семьдесят", "семидесяти"),
    80: ("восемьдесят", "восьмидесяти"),
    90: ("девяносто", "девяноста"),
    100: ("сто", "ста"),
}
_FORM_VALUE = {f: v for v, forms in NUMBER_FORMS.items() for f in forms}
HALF_MORE = ("полтора", "полторы", "полутора")
VAGUE = ("несколько", "нескольких", "нескольким", "несколькими", "много", "многих", "многие", "многим",
         "многими", "считанные", "считанных", "пару", "пара", "пары")

UNIT_FORMS: dict[str, tuple[str, ...]] = {
    "year": ("год", "года", "году", "годом", "годе", "годы", "годов", "годам", "годами", "годах", "лет"),
    "month": ("месяц", "месяца", "месяцу", "месяцем", "месяце", "месяцы", "месяцев", "месяцам", "месяцами",
              "месяцах"),
    "week": ("неделя", "недели", "неделе", "неделю", "неделей", "недель", "неделям", "неделями", "неделях"),
    "day": ("день", "дня", "дню", "днем", "днём", "дне", "дни", "дней", "дням", "днями", "днях", "сутки",
            "суток", "суткам", "сутками", "сутках"),
    "hour": ("час", "часа", "часу", "часом", "часе", "часы", "часов", "часам", "часами", "часах"),
    "minute": ("минута", "минуты", "минуте", "минуту", "минутой", "минут", "минутам", "минутами", "минутах"),
    "second": ("секунда", "секунды", "секунде", "секунду", "секундой", "секунд", "секундам", "секундами"),
    "decade": ("десятилетие", "десятилетия", "десятилетию", "десятилетием", "десятилетии", "десятилетий",
               "десятилетиями", "десятилетиях"),
    "century": ("век", "века", "веку", "веком", "веке", "веков", "веками", "веках", "столетие", "столетия",
                "столетий"),
    "quarter": ("квартал", "квартала", "кварталу", "кварталом", "квартале", "кварталы", "кварталов"),
}
_UNIT_OF = {f: u for u, forms in UNIT_FORMS.items() for f in forms}
#: plural forms that need an explicit number ("лет назад" alone is not "a year ago")
_PLURAL_ONLY = {"лет", "годов", "годы", "месяцев", "месяцы", "недель", "недели", "дней", "дни", "суток",
                "часов", "минут", "секунд", "веков", "десятилетий", "кварталов"}

_MONTH_STEMS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр",
                "ноябр", "декабр")
MON = (
    r"(?P<mon>январ[ьяею]|феврал[ьяею]|марта|марте|март|апрел[ьяею]|ма[йяею]|июн[ьяею]|июл[ьяею]|"
    r"августа|августе|август|сентябр[ьяею]|октябр[ьяею]|ноябр[ьяею]|декабр[ьяею])\b"
)
_ADJ = r"(?:ыми|ими|ого|его|ому|ему|ый|ий|ой|ая|яя|ое|ее|ым|им|ом|ем|ую|юю|ые|ие|ых|их|ей)"
REL = (
    rf"(?:позапрошл{_ADJ}|прошл{_ADJ}|минувш{_ADJ}|предыдущ{_ADJ}|прошедш{_ADJ}|текущ{_ADJ}|нынешн{_ADJ}|"
    rf"следующ{_ADJ}|будущ{_ADJ}|грядущ{_ADJ}|наступающ{_ADJ}|предстоящ{_ADJ}|"
    r"эт(?:ого|ому|ой|им|ом|от|у|а|о|и|их))\b"
)
WD = (
    r"(?P<wd>понедельник(?:а|у|ом|е)?|вторник(?:а|у|ом|е)?|среду|четверг(?:а|у|ом|е)?|"
    r"пятниц(?:а|у|ы|е|ей)|суббот(?:а|у|ы|е|ой)|воскресень(?:е|я|ю|ем))\b"
)
_WD_STEMS = ("понед", "вторн", "сред", "четв", "пятн", "субб", "воскр")
POD = r"(?P<pod>утром|дн[её]м|вечером|ночью)"
_POD_CODE = {"утр": "MO", "дне": "AF", "днё": "AF", "веч": "EV", "ноч": "NI"}
YEAR = r"(?:1[5-9]|20)\d\d"
GOD = r"(?:\s*(?:год(?:а|у|ом)?|г\.?)(?!\w))?"


def _alt(words: list[str] | tuple[str, ...]) -> str:
    """Alternation of ``words`` as a prefix trie (fast in ``re``; longest word wins)."""
    return trie_regex(list(words))


_TENS = [f for v in (20, 30, 40, 50, 60, 70, 80, 90) for f in NUMBER_FORMS[v]]
_ONES = [f for v in range(1, 10) for f in NUMBER_FORMS[v]]
_OTHER = [f for v in (*range(10, 20), 100) for f in NUMBER_FORMS[v]]
NUMWORD = rf"(?:(?:{_alt(_TENS)})(?:\s+(?:{_alt(_ONES)}))?|{_alt(_OTHER)}|{_alt(_ONES)}|{_alt(HALF_MORE)})"
NUM = rf"(?:\d{{1,3}}(?:[.,]\d+)?|{NUMWORD})(?!\w)"
QNUM = rf"(?:{_alt(VAGUE)}|{NUM})"
UNIT = rf"(?:{_alt(list(_UNIT_OF))})(?!\w)"


def parse_num(s: str | None) -> float | None:
    """Cardinal in digits or words, any case; ``None`` when vague ("несколько")."""
    if s is None:
        return 1.0
    t = re.sub(r"\s+", " ", s.strip().lower())
    if t in VAGUE:
        return 2.0 if t.startswith("пар") else None
    if t in HALF_MORE:
        return 1.5
    if t[0].isdigit():
        try:
            return float(t.replace(",", "."))
        except ValueError:
            return None
    total = sum(_FORM_VALUE.get(p, 0) for p in t.split())
    return float(total) if total else None


def month_num(s: str) -> int:
    t = s.lower()
    for i, stem in enumerate(_MONTH_STEMS):
        if t.startswith(stem) and not (stem == "ма" and t.startswith("мар")):
            return i + 1
    raise ValueError(s)


def weekday_num(s: str) -> int:
    t = s.lower()
    return next(i for i, stem in enumerate(_WD_STEMS) if t.startswith(stem))


def rel_offset(s: str) -> int:
    """-2 .. 1 for "позапрошлый", "прошлый", "этот", "следующий"."""
    t = s.lower()
    if t.startswith("позапрошл"):
        return -2
    if t.startswith(("прошл", "минувш", "предыдущ", "прошедш")):
        return -1
    if t.startswith(("следующ", "будущ", "грядущ", "наступающ", "предстоящ")):
        return 1
    return 0


def unit_of(s: str) -> str:
    return _UNIT_OF.get(s.lower(), "day")


def _pod(s: str) -> str:
    return _POD_CODE[s.lower()[:3]]


# --- handlers ------------------------------------------------------------------------


def _year(m: re.Match[str], st: DocState) -> tuple[int | None, bool]:
    gd = m.groupdict()
    if gd.get("y"):
        return int(gd["y"]), False
    if gd.get("yrel") and st.anchor:
        return st.anchor.year + rel_offset(gd["yrel"]), True
    return None, False


#: ordinal day stems ("шестого декабря", "двадцать пятое сентября"); case endings are added in the regex
_DAY_ORD = {
    "перв": 1, "втор": 2, "трет": 3, "четвёрт": 4, "четверт": 4, "пят": 5, "шест": 6, "седьм": 7, "восьм": 8,
    "девят": 9, "десят": 10, "одиннадцат": 11, "двенадцат": 12, "тринадцат": 13, "четырнадцат": 14,
    "пятнадцат": 15, "шестнадцат": 16, "семнадцат": 17, "восемнадцат": 18, "девятнадцат": 19, "двадцат": 20,
    "тридцат": 30,
}
_ORD_END = r"(?:ьего|ьему|ье|ого|ому|ое)"


def _ordinal_day(text: str) -> int | None:
    """"шестого" -> 6, "двадцать пятого" -> 25, "третьего" -> 3."""
    words = text.lower().split()
    tens = {"двадцать": 20, "тридцать": 30}.get(words[0], 0) if len(words) > 1 else 0
    m = re.fullmatch(r"(\w+?)" + _ORD_END, words[-1])
    if m is None or m.group(1) not in _DAY_ORD:
        return None
    unit = _DAY_ORD[m.group(1)]
    if tens and unit > 9:
        return None  # "двадцать десятого" is not a number
    return tens + unit


def h_day_month(m: re.Match[str], st: DocState) -> list[Hit] | None:
    """"6 декабря 2024 года", "26 сентября", "1-5 сентября", "6 декабря прошлого года", "шестого декабря"."""
    month = month_num(m["mon"])
    if m.groupdict().get("ow"):
        d1 = _ordinal_day(m["ow"]) or 0
        d2 = None
    else:
        d1 = int(m["d1"])
        d2 = int(m["d2"]) if m["d2"] else None
    if not 1 <= d1 <= 31 or (d2 is not None and not d1 < d2 <= 31):
        return None
    year, relative = _year(m, st)

    def one(day: int, s: int, e: int) -> Hit | None:
        if year is not None:
            d = safe_date(year, month, day)
            return st.point(s, e, d, "day", anchor=st.anchor_iso if relative else None) if d else None
        d = st.resolve_month_day(month, day, s, e)
        if d is None:
            return Hit(s, e, "DATE", f"XXXX-{month:02d}-{day:02d}", "day", None)
        return st.point(s, e, d, "day", anchor=st.anchor_iso)

    if d2 is None:
        h = one(d1, m.start(), m.end())
        return [h] if h else None
    first = one(d1, m.start(), m.end("d1"))
    if year is None and first is not None and first.ref is not None:
        # "с 1 по 5 марта": one month, one year; the start (next to the verb) decides it for both ends
        end_day = safe_date(first.ref.year, month, d2)
        last = st.point(m.start("d2"), m.end(), end_day, "day", anchor=st.anchor_iso) if end_day else None
        return [h for h in (first, last) if h] or None
    return [h for h in (first, one(d2, m.start("d2"), m.end())) if h] or None


def h_month(m: re.Match[str], st: DocState) -> Hit | None:
    """"в сентябре", "сентябрь 2024 года", "в начале сентября", "в декабре прошлого года"."""
    month = month_num(m["mon"])
    if m["mon"][0].isupper() and m["mon"].lower() == "марта" and not (m["y"] or m["yrel"] or m["rel"]):
        return None  # "Марта" is also a name
    year, relative = _year(m, st)
    if year is not None:
        return st.point(m.start(), m.end(), date(year, month, 1), "month",
                        anchor=st.anchor_iso if relative else None)
    return st.month_hit(month, rel_offset(m["rel"]) if m["rel"] else None, m.start(), m.end())


_YEAR_PREP = re.compile(r"(?:^|\s)(?:в|во|с|со|до|по|к|от|из|на|за|около|после|между|и)\s*$", _I)


def h_year(m: re.Match[str], st: DocState) -> list[Hit] | None:
    """"в 2024 году", "2024 г.", "с 2014-го", "в 2014-2022 годах" (two expressions)."""
    s, e = m.start(), m.end()
    y = int(m["y"])
    if not (m["g"] or m["suf"] or m["pre"]):
        if not _YEAR_PREP.search(st.text, max(0, s - 12), s):
            return None
        if not re.match(r"\s*(?:[,.;:)!?»]|$|\s+(?:и|по|до|году|года))", st.text[e:e + 8]):
            return None
    if m["y2"]:
        t = m["y2"]
        y2 = int(t) if len(t) == 4 else (y // 100) * 100 + int(t)
        if not y < y2 <= y + 100:
            return None
        return [st.point(s, m.end("y"), date(y, 1, 1), "year", anchor=None),
                st.point(m.start("y2"), e, date(y2, 1, 1), "year", anchor=None)]
    return [st.point(s, e, date(y, 1, 1), "year", anchor=None)]


def h_decade(m: re.Match[str], st: DocState) -> Hit | None:
    """"1990-е", "в 90-х годах" -> 199."""
    d = m["d"]
    if len(d) == 4:
        return Hit(m.start(), m.end(), "DATE", d[:3], "decade", None)
    digit = int(d[0])
    century = 20 if st.anchor is not None and 2000 + digit * 10 <= st.anchor.year else 19
    return Hit(m.start(), m.end(), "DATE", f"{century}{digit}", "decade", st.anchor_iso if st.anchor else None)


_ROMAN = {"I": 1, "V": 5, "X": 10}


def _roman(s: str) -> int:
    total = 0
    for i, ch in enumerate(s):
        v = _ROMAN[ch]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total


def h_century(m: re.Match[str], st: DocState) -> Hit | None:
    """"XXI век" -> 20, "в 20 веке" -> 19."""
    n = int(m["n"]) if m["n"].isdigit() else _roman(m["n"])
    if not 1 <= n <= 21:
        return None
    return Hit(m.start(), m.end(), "DATE", f"{n - 1:02d}", "century", None)


_ORD = {"перв": 1, "i": 1, "1": 1, "втор": 2, "ii": 2, "2": 2, "трет": 3, "iii": 3, "3": 3,
        "четв": 4, "iv": 4, "4": 4}


def h_quarter(m: re.Match[str], st: DocState) -> Hit | None:
    """"в третьем квартале 2025 года" -> 2025-Q3, "в первом полугодии" -> H1."""
    s, e = m.start(), m.end()
    word = m["ord"].lower()
    q = next((v for k, v in _ORD.items() if word.startswith(k) and (k.isalpha() or word == k)), 0)
    if word in ("i", "ii", "iii", "iv"):
        q = _ORD[word]
    kind = "half" if m["kind"].lower().startswith(("полугод", "половин")) else "quarter"
    if not q or (kind == "half" and q > 2):
        return None
    code = ("Q" if kind == "quarter" else "H") + str(q)
    year, relative = _year(m, st)
    if year is None:
        if st.anchor is None:
            return Hit(s, e, "DATE", f"XXXX-{code}", kind, None)
        length = 3 if kind == "quarter" else 6
        year = st.resolve_period((q - 1) * length + 1, length, s, e)
        relative = True
    return Hit(s, e, "DATE", f"{year:04d}-{code}", kind, st.anchor_iso if relative else None)


_SEASON = {"весн": "SP", "лет": "SU", "осен": "FA", "зим": "WI"}


def h_season(m: re.Match[str], st: DocState) -> Hit | None:
    """"летом 2025 года" -> 2025-SU, "прошлой зимой", "этой осенью"."""
    s, e = m.start(), m.end()
    word = m["sn"].lower()
    code = next(v for k, v in _SEASON.items() if word.startswith(k))
    year, relative = _year(m, st)
    if (
        year is None
        and not m["rel"]
        and word not in ("весной", "летом", "осенью", "зимой")
        and not re.search(r"(?:^|\s)(?:до|к|с|со|в|на|от|после)\s*$", st.text[max(0, s - 8):s], _I)
    ):
        return None
    if year is not None:
        return season_value(s, e, year, code, st.anchor_iso if relative else None, ref=not relative)
    return st.season_hit(code, rel_offset(m["rel"]) if m["rel"] else None, s, e)


_DEICTIC = {"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2}


def h_deictic(m: re.Match[str], st: DocState) -> Hit | None:
    """"вчера", "сегодня утром", "прошлой ночью", "этим вечером"."""
    s, e = m.start(), m.end()
    if m["w"]:
        if title_inside_sentence(st.text, s):
            return None  # "в программе «Сегодня»", "ведущий Завтра": a title, not the day
        n = _DEICTIC[m["w"].lower()]
        pod = m["pod"]
    else:
        pod = m["pod2"]
        rel = m["rel2"].lower()
        n = -1 if rel.startswith(("прошл", "минувш", "вчераш")) else 0
    h = st.deictic(s, e, "day", n)
    if pod:
        h = Hit(s, e, "TIME", f"{h.value}T{_pod(pod)}", "time", h.anchor, ref=h.ref, ref_gran=h.ref_gran)
    return h


_ANAPH_DAY = {"следующий": 1, "другой": 1, "тот": 0, "этот": 0, "позже": 1, "позднее": 1, "ранее": -1,
              "раньше": -1, "накануне": -1}


def h_weekday(m: re.Match[str], st: DocState) -> Hit | None:
    """"в среду", "в прошлый четверг", "в следующий понедельник", "в пятницу вечером"."""
    wd = weekday_num(m["wd"])
    rel = None
    if m["rel"]:
        off = rel_offset(m["rel"])
        rel = "last" if off < 0 else "next" if off > 0 else "this"
    s, e = m.start(), m.end()
    d = st.resolve_weekday(wd, s, e, rel)
    h = Hit(s, e, "DATE", f"XXXX-WXX-{wd + 1}", "day", None) if d is None else st.point(
        s, e, d, "day", anchor=st.anchor_iso)
    if m["pod"] and _pod(m["pod"]) != "NI":  # "в субботу ночью" is the day: a night runs into the next date
        h = Hit(s, e, "TIME", f"{h.value}T{_pod(m['pod'])}", "time", h.anchor, ref=h.ref, ref_gran=h.ref_gran)
    return h


#: "первую субботу мая": which such weekday of the month (-1: the last)
_RU_WEEK_ORDINALS = {"перв": 1, "втор": 2, "трет": 3, "четв": 4, "посл": -1}
RU_NTH = (
    r"(?P<ord>перв(?:ый|ую|ое|ого|ой|ая)|втор(?:ой|ую|ого|ое|ая)|треть(?:ю|его|ей|е)|трет(?:ий|ья)"
    r"|четв[её]рт(?:ый|ую|ого|ой|ая)|последн(?:ий|юю|его|ей|яя))"
)


def h_nth_weekday(m: re.Match[str], st: DocState) -> Hit:
    """"в первую субботу мая", "в последнее воскресенье сентября 2024 года": that day of the month.

    Without a year, the month's year is chosen as a bare month's would be (tense, then nearness).
    """
    s, e = m.start(), m.end()
    month, wd = month_num(m["mon"]), weekday_num(m["wd"])
    n = next(v for k, v in _RU_WEEK_ORDINALS.items() if m["ord"].lower().startswith(k))
    if m["y"]:
        year: int | None = int(m["y"])
    else:
        first = st.resolve_month_day(month, None, s, e)
        year = first.year if first else None
    if year is None:
        return Hit(s, e, "DATE", f"XXXX-{month:02d}", "month", None)
    if n < 0:
        last = date(year, month + 1, 1) if month < 12 else date(year + 1, 1, 1)
        last -= timedelta(days=1)
        d = last - timedelta(days=(last.weekday() - wd) % 7)
    else:
        d = nth_weekday(year, month, wd, n)
    return st.point(s, e, d, "day", anchor=None if m["y"] else st.anchor_iso)


_REL_UNIT = {"недел": "week", "месяц": "month", "год": "year", "век": "century", "десятилет": "decade",
             "квартал": "quarter", "выходн": "weekend"}


def h_rel_unit(m: re.Match[str], st: DocState) -> Hit | None:
    """"на прошлой неделе", "в этом месяце", "в следующем году", "в конце года", "на этих выходных"."""
    if not (m["rel"] or m["pre"]):
        return None
    word = m["unit"].lower()
    unit = next(v for k, v in _REL_UNIT.items() if word.startswith(k))
    if m["same"]:  # "в том же году": the year under discussion
        return st.anaphoric(m.start(), m.end(), unit if unit != "weekend" else "week", 0,
                            "weekend" if unit == "weekend" else None)
    n = rel_offset(m["rel"]) if m["rel"] else 0
    rel = (m["rel"] or "").lower()
    if unit != "weekend" and _counted_from_text(rel, st, m.start(), m.end()):
        return st.anaphoric(m.start(), m.end(), unit, n)
    if unit == "weekend":
        return st.deictic(m.start(), m.end(), "week", n, "weekend")
    return st.deictic(m.start(), m.end(), unit, n)


def _counted_from_text(rel: str, st: DocState, start: int, end: int) -> bool:
    """Whether "предыдущий"/"следующий" count from the date under discussion, not from the publication date.

    "В 2010 году завод открыли. В предыдущем году ..." is 2009: "предыдущий"
    (the one before) always looks back from a date the text named, as "the
    previous year" does.  "Следующий" does so in a past-tense clause after a
    date ("в следующем году его продали" is 2011); in a future clause it is
    next year from now.  With no date before, both count from the
    publication date.  Nor does "следующий" count from a date still ahead of
    publication ("дефицит в 2026 году не превысит … Набиуллина не исключила
    снижения в начале следующего года" is next year from now): the past-tense
    narrative it follows is about a time gone by.
    """
    if st.last_ref is None:
        return False
    if rel.startswith("предыдущ"):
        return True
    if st.anchor is not None and st.last_ref > st.anchor:
        return False
    return rel.startswith("следующ") and st.tense(start, end) == "past"


#: what follows "после" when it names a date to count from: "этого"/"того", a day number, a deictic day
_DATED_AFTER = re.compile(r"\s+(?:этого|того|чего|\d|вчерашн|сегодняшн|(?:его|её|ее|их)\s+\d)", _I)


def h_night_of(m: re.Match[str], st: DocState) -> Hit | None:
    """"в ночь на субботу" -> Friday's night (``...TNI``); "в ночь с пятницы на субботу" -> Friday's.

    Russian names a night by the day it runs into ("на субботу") or by both
    days; TIMEX3 writes a night as the part ``TNI`` of the day it begins on.
    """
    s, e = m.start(), m.end()
    if m["wd1"]:
        d = st.resolve_weekday(weekday_num(m["wd1"]), s, e, None)
    elif m["wd2"]:
        d2 = st.resolve_weekday(weekday_num(m["wd2"]), s, e, None)
        d = d2 - timedelta(days=1) if d2 else None
    else:
        d2 = st.resolve_month_day(month_num(m["mon"]), int(m["d"]), s, e)
        d = d2 - timedelta(days=1) if d2 else None
    if d is None:
        return Hit(s, e, "TIME", "XXXX-XX-XXTNI", "time", None)
    return Hit(s, e, "TIME", f"{d.isoformat()}TNI", "time", st.anchor_iso, ref=d, ref_gran="day")


_HALF_UNITS = {"полгода": ("month", 6, "month"), "полвека": ("year", 50, "year"), "полмесяца": ("day", 15, "day")}


def h_half_ago(m: re.Match[str], st: DocState) -> Hit:
    """"полгода назад" -> six months back, "через полгода" -> six months ahead, "полвека назад" -> 50 years."""
    word = (m["h1"] or m["h2"]).lower()
    unit, n, gran = _HALF_UNITS[word]
    return st.deictic(m.start(), m.end(), unit, -n if m["h1"] else n, gran)


def h_weekend(m: re.Match[str], st: DocState) -> Hit:
    """"в выходные": the last weekend in a past clause, the coming one in a future clause, else the nearer."""
    s, e = m.start(), m.end()
    a = st.anchor
    if a is None:
        return Hit(s, e, "DATE", "XXXX-WXX-WE", "week", None)
    tense = st.tense(s, e)
    nxt = a + timedelta(days=(5 - a.weekday()) % 7)  # the coming Saturday (today on a Saturday)
    if a.weekday() == 6:
        nxt = a - timedelta(days=1)  # on a Sunday the weekend is under way
    prev = nxt - timedelta(days=7)
    if tense == "past":
        d = prev if nxt > a else nxt
    elif tense == "future":
        d = nxt
    else:
        d = nxt if (nxt - a).days <= (a - prev).days - 1 else prev
    return st.point(s, e, d, "weekend", anchor=st.anchor_iso)


def h_ago(m: re.Match[str], st: DocState) -> Hit | None:
    """"три года назад", "неделю назад", "через два дня", "два дня спустя", "спустя неделю"."""
    s, e = m.start(), m.end()
    if m["dir"]:
        q, unit_txt, direction = m["q"], m["unit"], m["dir"].lower()
    else:
        q, unit_txt, direction = m["q2"], m["unit2"], m["dir2"].lower()
        if m["after"] and st.last_ref is None and not _DATED_AFTER.match(st.text, m.end("after")):
            # "спустя неделю после выборов" with no date named before: counted from an event we cannot
            # date, so only the stretch is tagged, as English "two months after his team was blocked"
            # is (a DURATION without "спустя"/"через").  After a date ("Взрыв произошёл 3 марта.
            # Спустя три дня после взрыва") the event is the one just dated, and that date anchors it.
            if q is None and unit_txt.lower() in _PLURAL_ONLY:
                return None
            ds = m.start("q2") if q else m.start("unit2")
            return Hit(ds, m.end("unit2"), "DURATION", duration_value(parse_num(q), unit_of(unit_txt)),
                       "duration", None)
        if m["after"]:
            direction = "спустя"
            e = m.start("after")
    if q is None and unit_txt.lower() in _PLURAL_ONLY:
        return None
    unit = unit_of(unit_txt)
    amount = parse_num(q)
    sign = -1 if direction.endswith("назад") or direction in ("раньше", "ранее") else 1
    deictic = direction.endswith("назад") or (direction == "через" and not _narrated_later(st, s, e))
    gran = "day" if unit == "week" else unit  # "две недели назад": the day, as "десять дней назад"
    if unit in ("hour", "minute", "second"):
        amount = None if amount is None else round(amount / {"hour": 24, "minute": 1440, "second": 86400}[unit])
        unit = gran = "day"
    if amount is None:
        if deictic:
            return Hit(s, e, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "fuzzy", st.anchor_iso)
        return Hit(s, e, "DATE", "XXXX-XX-XX", gran, None)
    if deictic:
        return st.deictic(s, e, unit, sign * amount, gran)
    hit = st.anaphoric(s, e, unit, sign * amount, gran)
    if m["after"]:
        # "спустя два дня после 15 марта": counted from the date that follows "после" once it is resolved
        # (``core.run_rules``), not from the last date named before
        hit.count = (unit, sign * amount, gran)
    return hit


def _narrated_later(st: DocState, s: int, e: int) -> bool:
    """Whether "через N" in a past-tense clause counts on from a date the text named before.

    "В 2014 году город был захвачен. Через два года его освободили": "через" with a past verb tells
    what happened N units after the time under discussion (as English "two years later"), not N units
    after the publication date, which a past event cannot follow.
    """
    ref = st.last_ref
    return ref is not None and st.anchor is not None and ref < st.anchor and st.tense(s, e) == "past"


def h_before_that(m: re.Match[str], st: DocState) -> Hit | None:
    """"за год до этого", "за три дня до того": counted back from the date under discussion.

    "Этого"/"того" point at the last date the text named (else the
    publication date), as "a year before" does in English; "за" carries the
    meaning, so it stays in the extent like "через" and "спустя".  Before an
    event ("за год до войны") the anchor cannot be dated and only the
    duration is tagged, by the duration rule.
    """
    if m["q"] is None and m["unit"].lower() in _PLURAL_ONLY:
        return None
    unit = unit_of(m["unit"])
    amount = parse_num(m["q"])
    if amount is None:
        return Hit(m.start(), m.end(), "DATE", "XXXX-XX-XX", "day", None)
    gran = "day" if unit == "week" else unit
    if unit in ("hour", "minute", "second"):
        amount = round(amount / {"hour": 24, "minute": 1440, "second": 86400}[unit])
        unit = gran = "day"
    return st.anaphoric(m.start(), m.end(), unit, -amount, gran)


#: a part of day in the genitive after "N часов": the hour of a clock, not a count of hours
_CLOCK_POD_AFTER = re.compile(r"\s+(?:утра|дня|вечера|ночи)(?!\w)", _I)


#: a month, a year or a period after makes it "the last X of ...": "в последнюю неделю марта", "последний
#: месяц года", "последнего века до нашей эры" are no span up to now
_OF_AFTER_RU = re.compile(
    rf"\s+(?:{MON}|\d|(?:этого|того|прошлого|текущего|года|месяца|квартала|века|войны|жизни|правления)(?!\w))", _I)


def h_last_unit(m: re.Match[str], st: DocState) -> Hit | None:
    """"за последнее десятилетие" -> P10Y, "за последний год" -> P1Y: one unit up to now (English
    "the past decade"); "в последнюю неделю марта" (the last week of a month) is no such span."""
    if _OF_AFTER_RU.match(st.text, m.end()):
        return None
    unit = m["unit"] or m["u2"] or m["u3"] or m["u4"] or m["u5"]
    return Hit(m.start("x"), m.end("x"), "DURATION", duration_value(1, unit_of(unit)), "duration", None)


#: an age: "в возрасте 45 лет", "до достижения 18 лет"; "45 лет от роду"
_AGE_BEFORE = re.compile(r"(?:\bвозраст(?:е|а|у|ом)?|\bдостижения|\bдостигш\w*|\bисполнилось|\bисполнится)\s+$", _I)
_AGE_AFTER = re.compile(r"\s+от\s+роду\b", _I)
#: ... but "исполнилось 85 лет со дня рождения", "с момента основания": an anniversary, a stretch of time
_SINCE_AFTER = re.compile(r"\s+со?\s+(?:дня|момента|тех\s+пор|времени|начала|основания)\b", _I)


def h_duration(m: re.Match[str], st: DocState) -> Hit | None:
    """"три года" -> P3Y, "48 часов" -> PT48H, "последние пять лет", "полтора года" -> P18M,
    "два с половиной года" -> P30M."""
    unit = unit_of(m["unit"])
    if unit == "hour" and _CLOCK_POD_AFTER.match(st.text, m.end()):
        return None  # "около 10 часов утра": a time of day, left to the clock rule
    if unit == "year" and ((_AGE_BEFORE.search(st.text, max(0, m.start() - 30), m.start())
                            and not _SINCE_AFTER.match(st.text, m.end()))
                           or _AGE_AFTER.match(st.text, m.end())):
        return None  # "в возрасте 45 лет", "45 лет от роду": an age, not a time (as English "45-year-old")
    amount = parse_num(m["q"])
    if m["half"] and amount is not None:  # "два с половиной года": two and a half
        amount += 0.5
    if amount is not None and not float(amount).is_integer():
        smaller = {"year": (12, "month"), "hour": (60, "minute"), "day": (24, "hour"), "century": (100, "year"),
                   "decade": (10, "year")}
        if unit in smaller:
            amount, unit = amount * smaller[unit][0], smaller[unit][1]
    return Hit(m.start(), m.end(), "DURATION", duration_value(amount, unit), "duration", None)


_HALF = {"года": ("month", 6), "часа": ("minute", 30), "века": ("year", 50), "месяца": ("day", 15),
         "дня": ("hour", 12), "суток": ("hour", 12)}


def h_half(m: re.Match[str], st: DocState) -> Hit:
    """"полгода" -> P6M, "полчаса" -> PT30M, "полвека" -> P50Y."""
    unit, n = _HALF[m["hu"].lower()]
    return Hit(m.start(), m.end(), "DURATION", duration_value(n, unit), "duration", None)


_SET_ADV = {"ежедневно": "P1D", "еженедельно": "P1W", "ежемесячно": "P1M", "ежегодно": "P1Y",
            "ежечасно": "PT1H", "ежеквартально": "P1Q", "ежесуточно": "P1D"}


#: the dative plural after "по" that makes a day or a part of day recurring
_PLURAL_DAY = {
    **{f"{w}ам": f"XXXX-WXX-{i}" for i, w in enumerate(("понедельник", "вторник"), 1)},
    "средам": "XXXX-WXX-3", "четвергам": "XXXX-WXX-4", "пятницам": "XXXX-WXX-5", "субботам": "XXXX-WXX-6",
    "воскресеньям": "XXXX-WXX-7", "выходным": "XXXX-WXX-WE", "утрам": "TMO", "вечерам": "TEV", "ночам": "TNI",
}


def h_set(m: re.Match[str], st: DocState) -> Hit | None:
    """"каждый день" -> P1D, "каждую неделю" -> P1W, "раз в год" -> P1Y, "ежедневно", "каждую пятницу",
    "каждый июль" -> XXXX-07, "каждое лето" -> XXXX-SU."""
    s, e = m.start(), m.end()
    if m["adv"]:
        return Hit(s, e, "SET", _SET_ADV[m["adv"].lower()], "set", None)
    if m["pwd"]:  # "по понедельникам", "по выходным", "по утрам": recurring, "по" left out (as "on Mondays")
        return Hit(m.start("pwd"), e, "SET", _PLURAL_DAY[m["pwd"].lower()], "set", None)
    if m["wd"]:
        return Hit(s, e, "SET", f"XXXX-WXX-{weekday_num(m['wd']) + 1}", "set", None)
    if m["spod"]:
        code = {"утр": "MO", "веч": "EV", "ноч": "NI"}[m["spod"].lower()[:3]]
        return Hit(s, e, "SET", f"T{code}", "set", None)
    if m["smon"]:  # "каждый июль": that month of every year
        return Hit(s, e, "SET", f"XXXX-{month_num(m['smon']):02d}", "set", None)
    if m["ssn"]:
        season = next(v for k, v in _SEASON.items() if m["ssn"].lower().startswith(k))
        return Hit(s, e, "SET", f"XXXX-{season}", "set", None)
    unit_txt = m["unit"] or m["unit2"]
    amount = parse_num(m["q"]) if m["q"] else 1.0
    return Hit(s, e, "SET", duration_value(amount or 1, unit_of(unit_txt)), "set", None)


_FUZZY = {
    "PRESENT_REF": ("сейчас", "в настоящее время", "в данный момент", "на данный момент", "теперь", "ныне",
                    "на сегодняшний день", "в наши дни", "на текущий момент", "в настоящий момент",
                    "на сегодня", "в эти дни"),
    "PAST_REF": ("недавно", "в последнее время", "на днях", "ранее", "прежде", "в прошлом", "давно",
                 "в последние дни", "в последние недели", "в последние месяцы", "в последние годы",
                 "в последние десятилетия", "последние годы", "за последние годы", "в недавнем прошлом",
                 "за последние дни", "за последние недели", "за последние месяцы", "за последние десятилетия",
                 "когда-то", "некогда"),
    "FUTURE_REF": ("скоро", "вскоре", "в будущем", "в ближайшее время", "в ближайшие дни",
                   "в ближайшие недели", "в ближайшие месяцы", "в ближайшие годы", "в ближайшие десятилетия",
                   "в обозримом будущем", "в скором времени", "в перспективе", "в недалеком будущем",
                   "в недалёком будущем", "в ближайшем будущем", "в дальнейшем", "в предстоящие недели",
                   "в предстоящие месяцы", "в грядущие годы"),
}
_FUZZY_VALUE = {w: v for v, ws in _FUZZY.items() for w in ws}
#: leading prepositions kept out of the extent ("в ближайшие недели" -> "ближайшие недели")
_FUZZY_PREP = re.compile(r"^(?:в|на|за)\s+(?=\w)", _I)


def h_fuzzy(m: re.Match[str], st: DocState) -> Hit | None:
    """"сейчас" -> PRESENT_REF, "недавно" -> PAST_REF, "в ближайшие недели" -> FUTURE_REF."""
    text = re.sub(r"\s+", " ", m.group(0).lower())
    value = _FUZZY_VALUE.get(text)
    if value is None:
        return None
    if text in ("в прошлом", "в будущем"):
        nxt = re.match(r"\s+(\w+)", st.text[m.end():m.end() + 20])
        if nxt and (nxt.group(1).lower() in _UNIT_OF or nxt.group(1).lower().startswith(_MONTH_STEMS[:4])):
            return None  # "в прошлом году" is a date, not "in the past"
    s = m.start()
    p = _FUZZY_PREP.match(m.group(0))
    if p:
        s += p.end()
    return Hit(s, m.end(), "DATE", value, "fuzzy", st.anchor_iso)


def h_part_of_day(m: re.Match[str], st: DocState) -> Hit:
    """"утром", "поздно вечером": a part of the day under discussion.

    Like a clock time it waits for its day: a day next to it ("утром в
    пятницу"), else the nearest day in its sentence, else the last day
    mentioned, else the publication date.  "Днём" (also "a day" in "днём
    позже") and "ночью" (which night?) are left out.
    """
    return Hit(m.start(), m.end(), "TIME", "", "time", None, clock=_pod(m["pod"]))


_CLOCK_PREP = re.compile(r"(?:^|\s)(?:в|во|с|со|до|около|к|после|по|между|и|начиная\s+с)\s*$", _I)


def h_clock(m: re.Match[str], st: DocState) -> Hit | None:
    """"в 15:00", "в 15.30 по московскому времени", "в 3 часа ночи", "в 10 утра", "в полдень"."""
    s, e = m.start(), m.end()
    if m["noon"]:
        clock = "24:00" if m["noon"].lower().startswith("полн") else "12:00"
        return Hit(s, e, "TIME", "", "time", None, clock=clock)
    if m["h"] is not None:
        h, mi = int(m["h"]), int(m["mi"])
        if not m["tz"] and not _CLOCK_PREP.search(st.text, max(0, s - 14), s):
            return None
    else:
        h, mi = int(m["h2"] or m["h3"]), 0
        if m["h3"] and not _CLOCK_PREP.search(st.text, max(0, s - 14), s):
            return None
        pod = (m["cpod"] or "").lower()
        if pod in ("дня", "вечера") and h < 12:
            h += 12
        elif pod == "ночи" and h == 12:
            h = 0
    if h > 24 or mi > 59:
        return None
    return Hit(s, e, "TIME", "", "time", None, clock=f"{h:02d}:{mi:02d}")


#: "День ..." holidays with a fixed date, by the words after "День" (lower case)
_NAMED_DAYS = {"победы": (5, 9), "россии": (6, 12), "народного единства": (11, 4),
               "защитника отечества": (2, 23)}


def h_holiday(m: re.Match[str], st: DocState) -> Hit | None:
    """"Новый год" (01-01), "Рождество" (07-01, Orthodox), "Пасха", "День Победы" (05-09), "День России"
    (06-12), "День народного единства" (11-04), "День защитника Отечества" (02-23)."""
    s, e = m.start(), m.end()
    name = m["hn"].lower()

    def at(y: int) -> date:
        if name.startswith("пасх"):
            return orthodox_easter(y)
        if name.startswith("нов"):
            return date(y, 1, 1)
        if name.startswith("рожд"):
            return date(y, 1, 7)
        for tail, (mo, da) in _NAMED_DAYS.items():
            if name.endswith(tail):
                return date(y, mo, da)
        return date(y, 5, 9)

    if m["y"]:
        return st.point(s, e, at(int(m["y"])), "day", anchor=None)
    if st.anchor is None:
        ref = at(2001)
        return Hit(s, e, "DATE", "XXXX-XX-XX" if name.startswith("пасх") else f"XXXX-{ref:%m-%d}", "day", None)
    ref = at(st.anchor.year)
    y = st.resolve_year_of(ref.month, ref.day, s, e) or st.anchor.year
    return st.point(s, e, at(y), "day", anchor=st.anchor_iso)


# --- rules ---------------------------------------------------------------------------


def _c(p: str) -> re.Pattern[str]:
    return re.compile(p, _I)


_YEAR_TAIL = rf"(?:\s+(?:(?P<y>{YEAR})(?:-?го)?{GOD}|(?P<yrel>{REL})\s+года\b))?"
_PRE = r"(?:начал[еоау]|конц[еау]|середин[еыу]|перв(?:ой|ую)\s+половин[еыу]|втор(?:ой|ую)\s+половин[еыу])"

RULES: list[Rule] = [
    *common_rules(month_first=False),
    Rule("day_month", _c(
        r"(?<![\d.,])\b(?P<d1>\d{1,2})(?:-?(?:го|е))?(?:\s*(?:-|–|—|по|и)\s*(?P<d2>\d{1,2})(?:-?(?:го|е))?)?"
        rf"\s+{MON}{_YEAR_TAIL}"
    ), h_day_month, priority=8),
    Rule("ordinal_day_month", _c(
        rf"\b(?P<ow>(?:(?:двадцать|тридцать)\s+)?{trie_regex(sorted(_DAY_ORD))}{_ORD_END})\s+{MON}{_YEAR_TAIL}"
    ), h_day_month, priority=8),
    Rule("month", _c(
        rf"\b(?:(?P<pre>{_PRE})\s+)?(?:(?P<rel>{REL})\s+)?{MON}{_YEAR_TAIL}"
    ), h_month, priority=6),
    Rule("year", _c(
        rf"\b(?:(?P<pre>{_PRE})\s+)?(?<![\d.,])(?P<y>{YEAR})(?:\s*(?:-|–|—)\s*(?P<y2>{YEAR}|\d\d))?"
        r"(?P<suf>-?(?:го|м|й)(?!\w))?"
        r"(?:\s*(?P<g>год(?:а|у|ом|ы|ах|ов|ами)?|гг?\.?)(?!\w))?(?![\d%]|[.,]\d)"
    ), h_year, priority=5),
    Rule("decade", _c(
        # "в начале 1990-х годов": the edge belongs to the decade (mod START), not to a year "1990"
        r"\b(?:(?:начал[еоау]|конц[еау]|середин[еыу])\s+)?"
        r"(?P<d>(?:1[5-9]|20)\d0|[1-9]0)-?(?:ые|ых|ми|е|х)(?!\w)(?:\s*(?:год(?:ы|ов|ах|ам|ами)|гг\.?)(?!\w))?"
    ), h_decade, priority=7),
    Rule("century", re.compile(
        r"\b(?P<n>[XVI]{1,6}|\d{1,2})(?:-?(?:го|м|й))?\s+(?:(?i:век(?:а|е|у|ом)?)|в\.)(?!\w)"
    ), h_century, priority=6),
    Rule("quarter", _c(
        r"\b(?P<ord>перв|втор|трет|четв[её]рт|IV|I{1,3}|[1-4])(?:-?(?:ом|ый|ий|ого|его|ем|ей|ой|ую|ая|ье|ьем|м|й|го))?"
        # "во второй половине 2025 года", "в первой половине года": a half of a year, as "полугодие" is
        rf"\s+(?P<kind>квартал\w*|полугоди\w*|половин[еыуа](?=\s+(?:{YEAR}|(?:{REL}\s+)?года\b)))"
        rf"(?:\s+(?:(?P<y>{YEAR}){GOD}|(?P<yrel>{REL})\s+года\b|года\b))?"
    ), h_quarter, priority=7),
    Rule("season", _c(
        rf"\b(?:(?P<rel>{REL})\s+)?(?P<sn>весн(?:ой|а|у|ы|е)|лет(?:ом|о|а|е)|осен(?:ью|ь|и)|зим(?:ой|а|у|ы|е))\b"
        rf"(?:\s+(?P<y>{YEAR}){GOD}|\s+(?P<yrel>{REL})\s+года\b)?"
    ), h_season, priority=6),
    Rule("deictic", _c(
        rf"\b(?:(?P<w>позавчера|послезавтра|вчера|сегодня|завтра)(?:\s+{POD})?"
        r"|(?P<rel2>прошлой|минувшей|этой|сегодняшней|вчерашней|этим|сегодня)\s+(?P<pod2>ночью|утром|вечером))\b"
    ), h_deictic, priority=6),
    Rule("anaphoric_day", _c(
        r"\b(?:на\s+(?P<x>следующий\s+день|другой\s+день)|в\s+(?P<x2>тот\s+же\s+день|тот\s+день|этот\s+же\s+день)"
        r"|(?P<x3>дн[её]м\s+(?:позже|позднее|ранее|раньше)|накануне))\b"
    ), lambda m, st: _anaph_fix(m, st), priority=6),
    Rule("weekday", _c(
        rf"\b(?:(?P<rel>{REL})\s+)?{WD}(?:\s+{POD})?"
    ), h_weekday, priority=5),
    Rule("nth_weekday", _c(
        rf"\b{RU_NTH}\s+{WD}\s+{MON}(?:\s+(?P<y>{YEAR}){GOD})?"
    ), h_nth_weekday, priority=6),
    Rule("rel_unit", _c(
        rf"\b(?:(?P<pre>начал[еоау]|конц[еау]|середин[еыу])\s+)?(?:(?P<rel>{REL}|(?P<same>т(?:от|ом|ой|у|ого|ех|е)\s+же))\s+)?"
        r"(?P<unit>недел(?:е|я|и|ю|ей)|месяц(?:е|а|у|ем)?|год(?:а|у|ом)?|век(?:е|а|у)?|десятилети(?:е|я|и)"
        r"|квартал(?:е|а|у)?|выходн(?:ых|ые))\b"
    ), h_rel_unit, priority=4),
    Rule("night_of", _c(
        # "в ночь на субботу" (the night before Saturday), "в ночь с пятницы на субботу", "в ночь на 5 марта"
        r"\bночь\s+(?:(?:с|со)\s+" + WD.replace("(?P<wd>", "(?P<wd1>") + r"\s+)?на\s+(?:"
        + WD.replace("(?P<wd>", "(?P<wd2>") + r"|(?P<d>\d{1,2})\s+" + MON + r")"
    ), lambda m, st: h_night_of(m, st), priority=8),
    Rule("half_ago", _c(
        # "полгода назад", "полвека назад", "через полгода": half a unit from the publication date
        r"\b(?P<h1>пол(?:года|века|месяца))\s+(?:тому\s+)?назад(?!\w)"
        r"|\bчерез\s+(?P<h2>пол(?:года|века|месяца))(?!\w)(?!\s+после)"
    ), lambda m, st: h_half_ago(m, st), priority=7),
    Rule("day_span", _c(
        # "за сутки", "в течение суток": one day as a stretch ("сутки" has no singular to count)
        r"(?:(?<=\bза\s)|(?<=\bна\s)|(?<=\bтечение\s))(?P<x>сутки|суток)(?!\w)"
    ), lambda m, st: Hit(m.start(), m.end(), "DURATION", "P1D", "duration", None), priority=3),
    Rule("weekend", _c(
        # "в выходные", "на выходных" with no "этих/прошлых": the weekend nearest in the clause's tense
        r"(?:(?<=\bв\s)|(?<=\bна\s))(?P<x>выходные|выходных)(?!\w)(?!\s+дн)"
    ), lambda m, st: h_weekend(m, st), priority=3),
    Rule("ago", _c(
        # an approximate count ("около двух недель назад", "почти год назад") is still counted back: the
        # modifier belongs to the expression, as in English "about two weeks ago"
        r"\b(?:(?:около|почти|более|менее|свыше|больше|меньше|порядка|примерно|приблизительно)\s+)?"
        rf"(?:(?P<q>{QNUM})\s+)?(?P<unit>{UNIT})\s+(?P<dir>тому\s+назад|назад|спустя|позже|позднее|раньше|ранее)\b"
        rf"|\b(?P<dir2>через|спустя)\s+(?:(?P<q2>{QNUM})\s+)?(?P<unit2>{UNIT})(?P<after>\s+после)?"
    ), h_ago, priority=7),
    Rule("before_that", _c(
        rf"\bза\s+(?:(?P<q>{QNUM})\s+)?(?P<unit>{UNIT})\s+до\s+(?:этого|того)(?!\w)"
    ), h_before_that, priority=7),
    Rule("last_unit", _c(
        r"(?:\b(?:за|в\s+течение|на\s+протяжении)\s+|\bв\s+(?=последн(?:ее|ий)\s+(?:десятилетие|век|столетие)))"
        # accusative after "за"/"в", genitive after "в течение"/"на протяжении"; one unit, never a plural
        r"(?P<x>(?:последний\s+(?P<unit>год|месяц|век)|последнюю\s+(?P<u2>неделю)|последнее\s+(?P<u3>десятилетие"
        r"|столетие)|последнего\s+(?P<u4>года|месяца|века|десятилетия|столетия)|последней\s+(?P<u5>недели)))(?!\w)"
    ), h_last_unit, priority=4),
    Rule("duration", _c(
        r"\b(?:(?:последни[ех]|ближайши[ех]|следующи[ех]|прошедши[ех]|минувши[ех]|первы[ех])\s+)?"
        r"(?:(?:около|почти|более|менее|свыше|больше|меньше|порядка|примерно|целых|всего|лишь)\s+)?"
        rf"(?P<q>{QNUM})(?P<half>\s+с\s+половиной)?\s+(?P<unit>{UNIT})"
    ), h_duration, priority=3),
    Rule("half", _c(r"\bпол(?P<hu>года|часа|века|месяца|дня|суток)\b"), h_half, priority=3),
    Rule("set", _c(
        rf"\b(?:кажд(?:ый|ую|ое|ые|ого|ой|ым|ых)\s+(?:(?P<q>{NUM})\s+)?(?:(?P<unit>{UNIT})|{WD}"
        r"|(?P<spod>утро|вечер|ночь)"
        r"|(?P<smon>январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь)"
        r"|(?P<ssn>весну|лето|осень|зиму))(?!\w)"
        r"|(?P<adv>ежедневно|еженедельно|ежемесячно|ежегодно|ежечасно|ежеквартально|ежесуточно)\b"
        rf"|\bпо\s+(?P<pwd>{_alt(list(_PLURAL_DAY))})(?!\w)"
        rf"|(?:раз|дважды|трижды|(?:{NUM})\s+раза?)\s+в\s+(?P<unit2>{UNIT}))"
    ), h_set, priority=6),
    Rule("fuzzy", _c(r"(?<!\w)(?:" + _alt(list(_FUZZY_VALUE)) + r")(?!\w)"), h_fuzzy, priority=2),
    Rule("part_of_day", _c(r"\b(?:(?:рано|поздно)\s+)?(?P<pod>утром|вечером)\b"), lambda m, st: h_part_of_day(m, st),
         priority=5),
    Rule("clock", _c(
        r"(?<![\d.:])(?:(?P<h>[0-2]?\d)[:.](?P<mi>[0-5]\d)(?![\d:]|\.\d)"
        r"(?P<tz>\s+(?:по\s+(?:московскому|местному|киевскому|минскому)\s+времени|мск|GMT|UTC)(?!\w))?"
        r"|(?P<h2>\d{1,2})(?:\s+час(?:а|ов)?)?\s+(?P<cpod>утра|дня|вечера|ночи)(?!\w)"
        r"|(?P<h3>\d{1,2})\s+час(?:а|ов)(?!\w)|(?P<noon>полдень|полночь)(?!\w))"
    ), h_clock, priority=6),
    Rule("holiday", re.compile(
        r"\b(?P<hn>Нов(?:ый|ого|ому|ым|ом)\s+год(?:а|у|ом)?|Рождеств(?:о|а|у|ом|е)|Пасх(?:а|у|и|е|ой)"
        r"|Д(?:ень|ня|нём|нем|ню)\s+(?:Победы|России|народного\s+единства|защитника\s+Отечества))"
        rf"(?:\s+(?P<y>{YEAR}){GOD})?"
    ), h_holiday, priority=6),
]


def _anaph_fix(m: re.Match[str], st: DocState) -> Hit:
    """Adapter: the three spellings put the extent in different groups."""
    g = "x" if m["x"] else "x2" if m["x2"] else "x3"
    key = next(k for k in _ANAPH_DAY if k in m[g].lower())
    return st.anaphoric(m.start(g), m.end(g), "day", _ANAPH_DAY[key])


TENSE_RE = re.compile(
    r"\b(?:(?P<fut>будет|будут|будем|будете|будешь|буду|состоится|состоятся|пройд[её]т|пройдут|планиру\w*|"
    r"намерен\w*|собира\w*|предстоит|предстоящ\w*|ожида\w*|начн[её]тся|начнутся|намечен\w*|"
    r"запланирован\w*|следующ\w*|грядущ\w*)"
    r"|(?P<past>(?!(?:если|или|тоже|стол|пол|ли)\b)\w{2,}(?:лся|лась|лось|лись|ла|ло|ли|л)))\b",
    _I,
)

#: a finite verb in the non-past (3rd person, or 1st person plural): a candidate perfective future
_NONPAST_VERB = re.compile(r"(?<![\w-])[а-яё]{2,}(?:ут|ют|ат|ят|ет|ёт|ит|ем|ём|им)(?:ся|сь)?(?![\w-])", _I)


def _parses(word: str) -> list:
    try:
        from dossier.analyze.nlp import morph_vocab

        return list(morph_vocab().parse(word))
    except Exception:  # noqa: BLE001 -- no dictionary: the regex cues stand as they are
        return []


@lru_cache(maxsize=20000)
def _perfective_future(word: str) -> bool:
    """Whether the dictionary's likeliest reading of ``word`` is a future verb ("придут", "откроют",
    "рассмотрит"): a perfective verb has no present, so its non-past form is the future.  The ending
    alone cannot tell it from the present ("приходят", "работает"): only the dictionary knows the aspect."""
    parses = _parses(word)
    return bool(parses) and "VERB" in parses[0].tag and "futr" in parses[0].tag


@lru_cache(maxsize=20000)
def _no_past_verb(word: str) -> bool:
    """Whether the dictionary gives ``word`` no likely past-tense verb reading: "дело", "число", "сила" end
    like "стало", "была" but are nouns ("село", "пила" are verbs often enough and stay cues)."""
    parses = _parses(word)
    # "дело" has a past reading of "деть" too, one in a hundred: below 5% it is no cue
    return bool(parses) and sum(p.score for p in parses if "VERB" in p.tag and "past" in p.tag) < 0.05


def refine_cues(text: str, start: int, end: int, cues: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The sentence's regex cues checked against the dictionary: past cues that are no verb dropped,
    perfective verbs in the non-past ("Избиратели придут ...", "Суд рассмотрит ...") added as futures."""
    kept = [c for c in cues if c[2] != "past" or not _no_past_verb(text[c[0]:c[1]].lower())]
    taken = [(a, b) for a, b, _ in cues]
    kept.extend((m.start(), m.end(), "future") for m in _NONPAST_VERB.finditer(text, start, end)
                if not any(a < m.end() and m.start() < b for a, b in taken)
                and _perfective_future(m.group(0).lower()))
    return sorted(kept)


_MONTH_FORMS = [
    stem + end
    for stem in ("январ", "феврал", "апрел", "июн", "июл", "сентябр", "октябр", "ноябр", "декабр")
    for end in ("ь", "я", "е", "ю", "ем")
] + ["март", "марта", "марте", "марту", "май", "мая", "мае", "маю", "август", "августа", "августе", "августу"]
_TRIGGER_WORDS: dict[str, tuple[str, ...]] = {
    "month": tuple(_MONTH_FORMS),
    "wd": ("понедельник", "понедельника", "понедельнику", "понедельником", "понедельнике", "вторник",
           "вторника", "вторнику", "вторником", "вторнике", "среду", "четверг", "четверга", "четвергу",
           "четвергом", "четверге", "пятница", "пятницу", "пятницы", "пятнице", "пятницей", "суббота",
           "субботу", "субботы", "субботе", "субботой", "воскресенье", "воскресенья", "воскресенью",
           "воскресеньем"),
    "unit": (*_UNIT_OF, "полгода", "полчаса", "полвека", "полмесяца", "полдня", "полсуток", "полугодие",
             "полугодия", "полугодии", "полугодию", "полугодием", "выходных", "выходные"),
    "deictic": ("позавчера", "послезавтра", "вчера", "сегодня", "завтра", "накануне", "ночью", "утром",
                "вечером", "днем", "днём"),
    "season": ("весна", "весной", "весну", "весны", "весне", "лето", "летом", "лета", "лете", "осень",
               "осенью", "осени", "зима", "зимой", "зиму", "зимы", "зиме"),
    "set": ("каждый", "каждую", "каждое", "каждые", "каждого", "каждой", "каждым", "каждых", "ежедневно",
            "еженедельно", "ежемесячно", "ежегодно", "ежечасно", "ежеквартально", "ежесуточно", "раз",
            "дважды", "трижды", *_PLURAL_DAY),
    # "сегодня" is a deictic trigger only (the fuzzy rule is keyed on both): one word has one class, and as a
    # fuzzy trigger the deictic rule never saw a bare "сегодня"
    "fuzzy": ("сейчас", "настоящее", "данный", "теперь", "ныне", "сегодняшний", "наши", "текущий", "настоящий",
              "эти", "недавно", "последнее", "днях", "ранее", "прежде", "прошлом", "давно",
              "последние", "ближайшие", "недавнем", "когда", "некогда", "скоро", "вскоре", "будущем",
              "ближайшее", "обозримом", "скором", "перспективе", "недалеком", "недалёком", "ближайшем",
              "дальнейшем", "предстоящие", "грядущие"),
    "holiday": ("новый", "нового", "новому", "новым", "новом", "рождество", "рождества", "рождеству",
                "рождеством", "рождестве", "пасха", "пасху", "пасхи", "пасхе", "пасхой", "победы", "полдень",
                "полночь"),
    "roman": ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
              "xvi", "xvii", "xviii", "xix", "xx", "xxi"),
}
_KEYS: dict[str, tuple[tuple[str, ...], tuple[int, int]]] = {
    "iso": (("year",), (1, 30)),
    "numeric": (("num", "year"), (6, 12)),
    "day_month": (("month",), (30, 35)),
    "ordinal_day_month": (("month",), (40, 35)),
    "month": (("month",), (50, 35)),
    "year": (("year",), (30, 25)),
    "decade": (("year", "num"), (14, 25)),
    "century": (("roman", "num"), (3, 20)),
    "quarter": (("unit",), (25, 35)),
    "season": (("season",), (30, 35)),
    "deictic": (("deictic",), (25, 25)),
    "anaphoric_day": (("unit", "deictic"), (30, 20)),
    "weekday": (("wd",), (30, 25)),
    "nth_weekday": (("wd",), (25, 40)),
    "rel_unit": (("unit",), (45, 5)),
    "ago": (("unit",), (50, 45)),
    "night_of": (("wd", "month"), (30, 30)),
    "half_ago": (("unit",), (10, 15)),
    "day_span": (("unit",), (12, 5)),
    "weekend": (("unit",), (5, 5)),
    "before_that": (("unit",), (40, 20)),
    "duration": (("unit",), (50, 5)),
    "last_unit": (("unit",), (45, 30)),
    "half": (("unit",), (5, 5)),
    "set": (("set",), (5, 45)),
    "fuzzy": (("fuzzy", "unit", "deictic"), (25, 30)),
    "clock": (("num", "year", "holiday"), (3, 45)),
    "part_of_day": (("deictic",), (8, 2)),
    "holiday": (("holiday", "unit"), (30, 30)),
}
RULES = [dataclasses.replace(r, keys=_KEYS[r.name][0], reach=_KEYS[r.name][1]) for r in RULES]

RUSSIAN = Language(
    code="ru",
    rules=RULES,
    trigger_words={w: cls for cls, ws in _TRIGGER_WORDS.items() for w in ws},
    tense_re=TENSE_RE,
    verb_cues_close=True,
    refine_cues=refine_cues,
    clock_joiner=re.compile(r"\s*,?\s*(?:(?:в|во|на|около|к)\s+)?", _I),
)
