"""TIME stage: a fourth probe table (issue 10, h-tempeval6 precision round).

Written before any change of this round, in our own words, for the classes the round studies:
granularity ("the past year" as a stretch of time, not a date), unmeasured durations ("several
years", "in recent months", "for weeks"), approximate counts ("about three years", "nearly two
hours"), sets ("every month", "twice a year"), decades and centuries counted back, fiscal
periods and halves, seasons on both sides of the publication date, weekdays by tense, fuzzy
references (PRESENT_REF / PAST_REF / FUTURE_REF) and numbers that are no times (counts, names,
rates).  One publication date for all rows, Tuesday 2025-10-14 (ISO week 2025-W42, fourth
quarter), so that a past and a future reading of a month, season or weekday differ.

Rows still failing at the end of the round are marked ``xfail(strict=True)`` with the reason and
listed in docs/time.md, so that every passing row is asserted and a fixed row must leave the list.
"""

from __future__ import annotations

from datetime import date

import pytest

from dossier.analyze.time import tag_times

TUE = date(2025, 10, 14)  # Tuesday, 2025-W42, 2025-Q4

# (text, extent, type, value)
EN = [
    # granularity: "the past/last year" is a stretch of time
    ("Sales rose 5% over the past year.", "the past year", "DURATION", "P1Y"),
    ("Crime has fallen in the last month.", "the last month", "DURATION", "P1M"),
    ("The reforms of the past decade failed.", "the past decade", "DURATION", "P10Y"),
    # unmeasured durations
    ("The company has cut jobs for several years.", "several years", "DURATION", "PXY"),
    ("Prices have not moved in weeks.", "weeks", "DURATION", "PXW"),
    ("Home sales slowed in recent months.", "recent months", "DURATION", "PXM"),
    ("The siege lasted for months.", "months", "DURATION", "PXM"),
    # approximate and bounded counts
    ("The rate has been stable for about three years.", "about three years", "DURATION", "P3Y"),
    ("The talks lasted nearly two hours.", "nearly two hours", "DURATION", "PT2H"),
    ("He was sentenced to 15 years in prison.", "15 years", "DURATION", "P15Y"),
    ("The loan must be repaid within 90 days.", "90 days", "DURATION", "P90D"),
    # sets
    ("The board meets every month.", "every month", "SET", "P1M"),
    ("Inspections take place twice a year.", "twice a year", "SET", "P1Y"),
    ("The ferry sails every Sunday.", "every Sunday", "SET", "XXXX-WXX-7"),
    # decades, centuries, counted back
    ("The treaty was signed in the late 1980s.", "the late 1980s", "DATE", "198"),
    ("The firm was founded a century ago.", "a century ago", "DATE", "19"),
    ("In the 1990s, the region boomed.", "the 1990s", "DATE", "199"),
    # fiscal periods and halves
    ("Profit fell in the fiscal first quarter.", "the fiscal first quarter", "DATE", "2025-Q1"),
    ("Analysts expect growth this quarter.", "this quarter", "DATE", "2025-Q4"),
    ("A vote is now expected in the first half of next year.", "the first half of next year", "DATE",
     "2026-H1"),
    # seasons
    ("The bill will be debated next spring.", "next spring", "DATE", "2026-SP"),
    ("The factory has been shut since last spring.", "last spring", "DATE", "2025-SP"),
    # months and weekdays by tense
    ("The central bank will meet again in December.", "December", "DATE", "2025-12"),
    ("The strike ended on Friday.", "Friday", "DATE", "2025-10-10"),
    ("The minister will visit Cairo on Friday.", "Friday", "DATE", "2025-10-17"),
    ("The deal was announced Monday.", "Monday", "DATE", "2025-10-13"),
    ("Exports rose 4% in August from a year earlier.", "a year earlier", "DATE", "2024-08"),
    ("The court adjourned until Nov. 3.", "Nov. 3", "DATE", "2025-11-03"),
    # fuzzy references
    ("The party is currently in opposition.", "currently", "DATE", "PRESENT_REF"),
    ("Such deals were rare in the past.", "the past", "DATE", "PAST_REF"),
    ("Taxes will rise in the near future.", "the near future", "DATE", "FUTURE_REF"),
]

RU = [
    ("Переговоры продолжались несколько часов.", "несколько часов", "DURATION", "PTXH"),
    ("Цены растут уже несколько лет.", "несколько лет", "DURATION", "PXY"),
    ("Совет директоров собирается каждый месяц.", "каждый месяц", "SET", "P1M"),
    ("Приём ведётся ежедневно.", "ежедневно", "SET", "P1D"),
    ("Выборы пройдут в марте следующего года.", "марте следующего года", "DATE", "2026-03"),
    ("В прошлом квартале прибыль снизилась.", "прошлом квартале", "DATE", "2025-Q3"),
    ("Министр посетит Каир в пятницу.", "пятницу", "DATE", "2025-10-17"),
    ("Забастовка закончилась в пятницу.", "пятницу", "DATE", "2025-10-10"),
    ("Весной следующего года начнётся стройка.", "Весной следующего года", "DATE", "2026-SP"),
    ("Заседание назначено на 3 ноября.", "3 ноября", "DATE", "2025-11-03"),
    ("Завод построили в 1970-х годах.", "1970-х годах", "DATE", "197"),
    ("Сейчас компания в убытке.", "Сейчас", "DATE", "PRESENT_REF"),
]

# A second table, written in the same session before the round's changes, for phrasings of results news and
# narration: spans of months, fiscal years, sets with a part of day, "a year from now", ranges, turns of
# periods.  Scored before and after like the first (docs/time.md).
EN2 = [
    (TUE, "Revenue rose 8% in the first nine months of the year.", "the first nine months of the year",
     "DURATION", "P9M"),
    (TUE, "Net fell in the nine months ended Sept. 30.", "the nine months", "DURATION", "P9M"),
    (TUE, "Sales were flat in the previous quarter.", "the previous quarter", "DATE", "2025-Q3"),
    (TUE, "The plant will close a year from now.", "a year from now", "DATE", "2026"),
    (TUE, "Sales rose from the same period last year.", "last year", "DATE", "2024"),
    (TUE, "The rebels attacked late last month.", "late last month", "DATE", "2025-09"),
    (TUE, "Prices rose 3% in the past 12 months.", "the past 12 months", "DURATION", "P12M"),
    (TUE, "The budget for next fiscal year was cut.", "next fiscal year", "DATE", "2026"),
    (TUE, "Growth slowed in the current quarter.", "the current quarter", "DATE", "2025-Q4"),
    (TUE, "Two people died in a fire this past weekend.", "this past weekend", "DATE", "2025-W41-WE"),
    (TUE, "Rents have doubled since the mid-1980s.", "the mid-1980s", "DATE", "198"),
    (TUE, "Talks continued over the weekend.", "the weekend", "DATE", "2025-W41-WE"),
    (TUE, "More storms are likely in the days ahead.", "the days ahead", "DURATION", "PXD"),
    (TUE, "A decade earlier, the town had no school.", "A decade earlier", "DATE", "201"),
    (TUE, "The results are due within a few days.", "a few days", "DURATION", "PXD"),
    (TUE, "Unemployment hit its highest level in five years.", "five years", "DURATION", "P5Y"),
    (TUE, "The company went public the following year.", "the following year", "DATE", "2026"),
    (TUE, "The club meets once a month.", "once a month", "SET", "P1M"),
    (TUE, "The paper appears every other week.", "every other week", "SET", "P2W"),
    (TUE, "He runs each morning.", "each morning", "SET", "XXXX-XX-XXTMO"),
    (TUE, "The currency fell to a two-year low.", "two-year", "DURATION", "P2Y"),
    (TUE, "The dam will be finished by the end of the decade.", "the end of the decade", "DATE", "202"),
    (TUE, "The ship sank hours later.", "hours later", "DATE", "FUTURE_REF"),
    (TUE, "Shares have gained 12% since the start of the year.", "the start of the year", "DATE", "2025"),
    (TUE, "Trading will resume on Thursday.", "Thursday", "DATE", "2025-10-16"),
    (TUE, "The vote was held on Sunday.", "Sunday", "DATE", "2025-10-12"),
    (TUE, "In 1998, the plant was sold. Two years later it closed.", "Two years later", "DATE", "2000"),
    (TUE, "The spill happened in May 2019. A month later the firm paid a fine.", "A month later", "DATE", "2019-06"),
    (TUE, "Exports fell in the first half.", "the first half", "DATE", "2025-H1"),
    (TUE, "The troops will stay in the region for the foreseeable future.", "the foreseeable future",
     "DATE", "FUTURE_REF"),
    (TUE, "Production will start in spring 2026.", "spring 2026", "DATE", "2026-SP"),
    (TUE, "The mayor spoke at noon on Monday.", "noon on Monday", "TIME", "2025-10-13T12:00"),
    (TUE, "The fund has fallen 4% year to date.", "year to date", "DURATION", "P1Y"),
    (TUE, "The talks broke down early this morning.", "early this morning", "TIME", "2025-10-14TMO"),
    (TUE, "The summit in the 21st century is rare.", "the 21st century", "DATE", "20"),
    (TUE, "The strike lasted two and a half weeks.", "two and a half weeks", "DURATION", "P2.5W"),
    (TUE, "The rules change at the turn of the year.", "the turn of the year", "DATE", "2026"),
]

RU2 = [
    (TUE, "Прибыль выросла в первом квартале этого года.", "первом квартале этого года", "DATE", "2025-Q1"),
    (TUE, "Решение примут в ближайшие дни.", "ближайшие дни", "DATE", "FUTURE_REF"),
    (TUE, "За последние 24 часа выпало много снега.", "последние 24 часа", "DURATION", "PT24H"),
    (TUE, "Цены выросли в конце прошлого года.", "конце прошлого года", "DATE", "2024"),
    (TUE, "Завод был построен в середине 1990-х.", "середине 1990-х", "DATE", "199"),
    (TUE, "Переговоры продлятся в течение нескольких месяцев.", "нескольких месяцев", "DURATION", "PXM"),
    (TUE, "Отчёт публикуется ежегодно.", "ежегодно", "SET", "P1Y"),
    (TUE, "Встречи проходят раз в неделю.", "раз в неделю", "SET", "P1W"),
    (TUE, "Прошлой ночью в городе прошёл ураган.", "Прошлой ночью", "TIME", "2025-10-13TNI"),
    (TUE, "Мост откроют к концу десятилетия.", "концу десятилетия", "DATE", "202"),
    (TUE, "Через неделю начнутся выборы.", "Через неделю", "DATE", "2025-10-21"),
    (TUE, "В 2010 году завод открыли. Через два года его закрыли.", "Через два года", "DATE", "2012"),
]

# (language, text, extents): numbers and words that are no times
LOOKALIKES = [
    ("en", "The index closed at 2,000 points.", []),
    ("en", "The plant makes 1,500 cars a day.", []),
    ("en", "Flight 1995 landed safely.", []),
    ("en", "The company employs 1,998 people.", []),
    ("ru", "На заводе работают 1995 человек.", []),
]

XFAIL: dict[tuple[str, str, str], str] = {
    ("en", "Revenue rose 8% in the first nine months of the year.", "the first nine months of the year"):
        "still split in two ('the first nine months' P9M, 'the year' 2025), as docs/time.md lists",
    ("en", "He runs each morning.", "each morning"):
        "a convention kept: a recurring part of day is written 'TMO' (as 'по утрам'), not 'XXXX-XX-XXTMO'",
    ("en", "The ship sank hours later.", "hours later"):
        "not tagged; the row's value is doubtful (an unmeasured count after a past event has no agreed TIMEX3 "
        "value)",
    ("en", "The fund has fallen 4% year to date.", "year to date"): "not tagged: 'year to date' is not covered",
    ("en", "The talks broke down early this morning.", "early this morning"):
        "the edge 'early' stays out of 'this morning' (TimeBank leaves it out of 'early Friday morning' too)",
    ("en", "The rules change at the turn of the year.", "the turn of the year"):
        "'the turn of the year' is not covered; only 'the year' is tagged",
    ("en", "Exports rose 4% in August from a year earlier.", "a year earlier"):
        "kept on purpose: 'a year earlier' after a month is the year (2024), as TimeBank writes it; keeping the "
        "month lost a value on each fold of half A (docs/time.md, third round)",
}


def _marks(lang: str, text: str, extent: str) -> list:
    reason = XFAIL.get((lang, text, extent))
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


def _find(text: str, language: str, extent: str, anchor: date = TUE) -> tuple[str, str] | None:
    hits = [t for t in tag_times(text, language=language, anchor=anchor) if t.text == extent]
    return (hits[0].timex_type, hits[0].value) if hits else None


@pytest.mark.parametrize(("text", "extent", "typ", "value"),
                         [pytest.param(*r, marks=_marks("en", r[0], r[1])) for r in EN])
def test_english_probe(text: str, extent: str, typ: str, value: str) -> None:
    assert _find(text, "en", extent) == (typ, value)


@pytest.mark.parametrize(("text", "extent", "typ", "value"),
                         [pytest.param(*r, marks=_marks("ru", r[0], r[1])) for r in RU])
def test_russian_probe(text: str, extent: str, typ: str, value: str) -> None:
    assert _find(text, "ru", extent) == (typ, value)


@pytest.mark.parametrize(("doc", "text", "extent", "typ", "value"),
                         [pytest.param(*r, marks=_marks("en", r[1], r[2])) for r in EN2])
def test_english_probe_second_table(doc: date, text: str, extent: str, typ: str, value: str) -> None:
    assert _find(text, "en", extent, doc) == (typ, value)


@pytest.mark.parametrize(("doc", "text", "extent", "typ", "value"),
                         [pytest.param(*r, marks=_marks("ru", r[1], r[2])) for r in RU2])
def test_russian_probe_second_table(doc: date, text: str, extent: str, typ: str, value: str) -> None:
    assert _find(text, "ru", extent, doc) == (typ, value)


@pytest.mark.parametrize(("lang", "text", "extents"),
                         [pytest.param(*r, marks=_marks(r[0], r[1], "")) for r in LOOKALIKES])
def test_lookalikes(lang: str, text: str, extents: list[str]) -> None:
    assert [t.text for t in tag_times(text, language=lang, anchor=TUE)] == extents
