"""TIME stage: a third probe table (issue 10, h-tempeval5 generalisation round).

Written before any change of this round, in our own words, for phrasings that wire copy uses
and the first two tables (`test_time_probes.py`, `test_time_probes2.py`) leave out: fiscal
periods, "the past N years", "earlier this month", "a year ago", seasons, holidays, decades and
centuries, the coming weeks, ordinal weekdays, clock times with zones, "overnight", "late last
year", ranges, and the same phrase in a past-tense and a future-tense clause, in English and in
Russian.  Most rows share one publication date, Wednesday 2025-07-16 (ISO week 2025-W29), so that
past and future readings of a month or a weekday differ; a few rows use a date in November or
January where a holiday or a year boundary is the point.  Values follow the TIMEX3 guidelines
and the conventions of docs/time.md (a clock zone stays in the extent, not in the value; a night
is written with the day it begins).  A few rows are look-alikes that must not be read as times.

Rows still failing at the end of the round are marked ``xfail(strict=True)`` with the reason and
listed in docs/time.md, so that every passing row is asserted and a fixed row must leave the list.
"""

from __future__ import annotations

from datetime import date

import pytest

from dossier.analyze.time import tag_times

WED = date(2025, 7, 16)       # Wednesday, 2025-W29
MON_0106 = date(2025, 1, 6)   # Monday, 2025-W02
THU_1120 = date(2025, 11, 20)  # Thursday; Thanksgiving 2025 is Nov 27

# (publication date, text, extent, type, value)
EN = [
    # fiscal periods
    (WED, "Profit doubled in fiscal 2024.", "fiscal 2024", "DATE", "2024"),
    (WED, "The group expects revenue to grow in fiscal 2026.", "fiscal 2026", "DATE", "2026"),
    (WED, "Sales fell in the fourth quarter of fiscal 2024.", "the fourth quarter of fiscal 2024", "DATE",
     "2024-Q4"),
    (WED, "The company reported results for the second quarter.", "the second quarter", "DATE", "2025-Q2"),
    (WED, "The bank will report third-quarter earnings next week.", "third-quarter", "DATE", "2025-Q3"),
    (WED, "The bank will report third-quarter earnings next week.", "next week", "DATE", "2025-W30"),
    # the past N units, the coming ones
    (WED, "Prices have doubled over the past three years.", "the past three years", "DURATION", "P3Y"),
    (WED, "Unemployment has fallen in the last six months.", "the last six months", "DURATION", "P6M"),
    (WED, "Rebels have advanced for the past two weeks.", "the past two weeks", "DURATION", "P2W"),
    (WED, "Over the next two years, the army will shrink.", "the next two years", "DURATION", "P2Y"),
    (WED, "A decision is expected in the coming weeks.", "the coming weeks", "DATE", "FUTURE_REF"),
    (WED, "The ship will arrive in the coming days.", "the coming days", "DATE", "FUTURE_REF"),
    (WED, "Demand will keep rising in the years ahead.", "the years ahead", "DATE", "FUTURE_REF"),
    # earlier / later this unit
    (WED, "The minister resigned earlier this year.", "earlier this year", "DATE", "2025"),
    (WED, "The company announced layoffs earlier this week.", "earlier this week", "DATE", "2025-W29"),
    (WED, "Talks will resume later this month.", "later this month", "DATE", "2025-07"),
    (WED, "The ministry will publish the data by the end of the month.", "the end of the month", "DATE",
     "2025-07"),
    (WED, "Sales peaked at the end of last year.", "the end of last year", "DATE", "2024"),
    # ago
    (WED, "A year ago, the plant employed 2,000 people.", "A year ago", "DATE", "2024"),
    (WED, "Two weeks ago the bridge collapsed.", "Two weeks ago", "DATE", "2025-07-02"),
    (WED, "Six months ago, few had heard of him.", "Six months ago", "DATE", "2025-01"),
    (WED, "The agency was founded two decades ago.", "two decades ago", "DATE", "2005"),
    (WED, "Sales are higher than this time last year.", "this time last year", "DATE", "2024-07-16"),
    # seasons
    (MON_0106, "The plant will reopen in the spring.", "the spring", "DATE", "2025-SP"),
    (WED, "The offensive stalled over the winter.", "the winter", "DATE", "2024-WI"),
    (WED, "Elections are expected next autumn.", "next autumn", "DATE", "2026-FA"),
    (WED, "The floods of the summer of 2023 destroyed crops.", "the summer of 2023", "DATE", "2023-SU"),
    (WED, "The ban was lifted in the summer of last year.", "the summer of last year", "DATE", "2024-SU"),
    (MON_0106, "Sales slumped in the fall.", "the fall", "DATE", "2024-FA"),
    # holidays
    (THU_1120, "Stores will open early on Black Friday.", "Black Friday", "DATE", "2025-11-28"),
    (THU_1120, "Families will gather for Thanksgiving.", "Thanksgiving", "DATE", "2025-11-27"),
    (WED, "The ceasefire collapsed on Easter Sunday.", "Easter Sunday", "DATE", "2025-04-20"),
    (MON_0106, "Prices rose sharply over Christmas.", "Christmas", "DATE", "2024-12-25"),
    (WED, "The pool opened on Memorial Day.", "Memorial Day", "DATE", "2025-05-26"),
    (WED, "The store will close on Christmas Day.", "Christmas Day", "DATE", "2025-12-25"),
    # decades and centuries
    (WED, "The factory was built in the 1950s.", "the 1950s", "DATE", "195"),
    (WED, "Inflation last reached this level in the early 1980s.", "the early 1980s", "DATE", "198"),
    (WED, "The church dates from the 12th century.", "the 12th century", "DATE", "11"),
    (WED, "The law was passed in the last century.", "the last century", "DATE", "19"),
    (WED, "Tech shares crashed in the early 2000s.", "the early 2000s", "DATE", "200"),
    # ordinal weekdays of a month
    (MON_0106, "The summit will take place on the first Monday of May.", "the first Monday of May", "DATE",
     "2025-05-05"),
    (WED, "The vote is set for the second Sunday in October.", "the second Sunday in October", "DATE",
     "2025-10-12"),
    (WED, "The board meets on the third Thursday of September.", "the third Thursday of September", "DATE",
     "2025-09-18"),
    (WED, "Parliament returns on the last Monday of August.", "the last Monday of August", "DATE",
     "2025-08-25"),
    # clock times, zones, parts of the day
    (WED, "Trading halted at 2:15 p.m. EST.", "2:15 p.m. EST", "TIME", "2025-07-16T14:15"),
    (WED, "The blast happened at 0400 GMT.", "0400 GMT", "TIME", "2025-07-16T04:00"),
    (WED, "Polls open at 7 a.m.", "7 a.m.", "TIME", "2025-07-16T07:00"),
    (WED, "The minister spoke on Tuesday evening.", "Tuesday evening", "TIME", "2025-07-15TEV"),
    (WED, "Rebels shelled the city overnight.", "overnight", "TIME", "2025-07-15TNI"),
    # early / mid / late
    (WED, "The company was founded late last year.", "late last year", "DATE", "2024"),
    (WED, "Production will start early next year.", "early next year", "DATE", "2026"),
    (WED, "The deal collapsed in late 2023.", "late 2023", "DATE", "2023"),
    (WED, "Construction will resume in mid-2026.", "mid-2026", "DATE", "2026"),
    (WED, "The currency fell in early June.", "early June", "DATE", "2025-06"),
    # ranges
    (WED, "The exhibition ran from March to May.", "March", "DATE", "2025-03"),
    (WED, "The exhibition ran from March to May.", "May", "DATE", "2025-05"),
    (MON_0106, "The museum will close from June through August.", "June", "DATE", "2025-06"),
    (MON_0106, "The museum will close from June through August.", "August", "DATE", "2025-08"),
    (WED, "The road will be closed from Monday to Friday.", "Monday", "DATE", "2025-07-21"),
    (WED, "The road will be closed from Monday to Friday.", "Friday", "DATE", "2025-07-25"),
    # the same phrase in past and future clauses
    (WED, "The treaty was signed in May.", "May", "DATE", "2025-05"),
    (WED, "The treaty will be signed in May.", "May", "DATE", "2026-05"),
    (WED, "He arrived on Monday.", "Monday", "DATE", "2025-07-14"),
    (WED, "He will arrive on Monday.", "Monday", "DATE", "2025-07-21"),
    (WED, "The company said on Tuesday it would cut jobs.", "Tuesday", "DATE", "2025-07-15"),
    (WED, "The minister visited Paris in September.", "September", "DATE", "2024-09"),
    (WED, "The minister will visit Paris in September.", "September", "DATE", "2025-09"),
    (WED, "The rules were changed on March 3.", "March 3", "DATE", "2025-03-03"),
    (WED, "The rules will change on March 3.", "March 3", "DATE", "2026-03-03"),
    (WED, "The strike ended on Friday.", "Friday", "DATE", "2025-07-11"),
    (WED, "The law came into force on 1 January.", "1 January", "DATE", "2025-01-01"),
    # narrative anchors: counted from the last date named
    (WED, "The war began in 2014. Two years later, the city fell.", "Two years later", "DATE", "2016"),
    (WED, "The plant closed in March 2020. The following month, workers protested.", "The following month",
     "DATE", "2020-04"),
    (WED, "She was elected in 2019 and resigned the next year.", "the next year", "DATE", "2020"),
    # durations and sets
    (WED, "The talks lasted 18 hours.", "18 hours", "DURATION", "PT18H"),
    (WED, "Fighting continued for weeks.", "weeks", "DURATION", "PXW"),
    (WED, "The siege lasted nearly a decade.", "nearly a decade", "DURATION", "P10Y"),
    (WED, "The magazine is published monthly.", "monthly", "SET", "P1M"),
    (WED, "The committee meets twice a month.", "twice a month", "SET", "P1M"),
]

# (publication date, text, the exact list of extents the tagger must give)
EN_LOOKALIKES = [
    (WED, "Banks raised overnight rates.", []),
    (WED, "Summer Smith testified for the defence.", []),
    (WED, "He scored in the 90th minute.", []),
    (WED, "Sales of the Model 3 rose in 2024.", ["2024"]),
]

RU = [
    (WED, "В прошлом году компания потеряла миллиард.", "прошлом году", "DATE", "2024"),
    (WED, "На прошлой неделе министр посетил Минск.", "прошлой неделе", "DATE", "2025-W28"),
    (WED, "В начале марта начались переговоры.", "начале марта", "DATE", "2025-03"),
    (WED, "В середине 2026 года завод будет достроен.", "середине 2026 года", "DATE", "2026"),
    (WED, "За последние три года цены выросли вдвое.", "последние три года", "DURATION", "P3Y"),
    (WED, "К концу года строительство завершат.", "концу года", "DATE", "2025"),
    (WED, "Позавчера в городе прошёл митинг.", "Позавчера", "DATE", "2025-07-14"),
    (WED, "В ночь на вторник беспилотники атаковали порт.", "ночь на вторник", "TIME", "2025-07-14TNI"),
    (WED, "В конце прошлого года цены выросли.", "конце прошлого года", "DATE", "2024"),
    (WED, "В начале следующего месяца пройдут выборы.", "начале следующего месяца", "DATE", "2025-08"),
    (WED, "Год назад завод закрыли.", "Год назад", "DATE", "2024"),
    (WED, "Две недели назад мост обрушился.", "Две недели назад", "DATE", "2025-07-02"),
    (WED, "В ближайшие недели решение будет принято.", "ближайшие недели", "DATE", "FUTURE_REF"),
    (WED, "Храм построен в XIX веке.", "XIX веке", "DATE", "18"),
    (WED, "Взрыв произошёл в 15:30 по московскому времени.", "15:30", "TIME", "2025-07-16T15:30"),
    (WED, "Прошлым летом в регионе была засуха.", "Прошлым летом", "DATE", "2024-SU"),
    (WED, "Весной курс рубля укрепился.", "Весной", "DATE", "2025-SP"),
    (WED, "Переговоры шли с марта по май.", "марта", "DATE", "2025-03"),
    (WED, "Переговоры шли с марта по май.", "май", "DATE", "2025-05"),
    (WED, "Министр заявил об этом во вторник.", "вторник", "DATE", "2025-07-15"),
    (WED, "Министр посетит Пекин в четверг.", "четверг", "DATE", "2025-07-17"),
    (WED, "Решение примут в сентябре.", "сентябре", "DATE", "2025-09"),
    (WED, "Соглашение подписали в сентябре.", "сентябре", "DATE", "2024-09"),
    (WED, "В этом месяце цены выросли.", "этом месяце", "DATE", "2025-07"),
    (WED, "Ранее в этом году компания сократила штат.", "этом году", "DATE", "2025"),
    (WED, "В течение следующих двух лет армия сократится.", "следующих двух лет", "DURATION", "P2Y"),
    (WED, "Вчера вечером в центре города прогремел взрыв.", "Вчера вечером", "TIME", "2025-07-15TEV"),
    (WED, "Выборы прошли три года назад.", "три года назад", "DATE", "2022"),
    (WED, "В 2014 году город был захвачен. Через два года его освободили.", "Через два года", "DATE", "2016"),
    (WED, "15 марта начались протесты. На следующий день полиция задержала лидеров.", "следующий день", "DATE",
     "2025-03-16"),
    (WED, "В середине прошлого месяца прошли учения.", "середине прошлого месяца", "DATE", "2025-06"),
    (WED, "В первую субботу мая пройдёт парад.", "первую субботу мая", "DATE", "2026-05-02"),
]

RU_LOOKALIKES = [
    (WED, "Ему исполнилось 45 лет.", []),
    (WED, "Матч закончился на 90-й минуте.", []),
]

# Rows that fail at the end of the round, with the reason; strict, so a fix must remove its row.
XFAIL: dict[tuple[str, str, str], str] = {
    ("en", "Demand will keep rising in the years ahead.", "the years ahead"):
        "a convention, left as it is: 'the weeks/years ahead' is an unmeasured stretch from now (PXY, rule "
        "units_ahead), while 'the coming years' is FUTURE_REF; the row expected the latter",
    ("en", "The agency was founded two decades ago.", "two decades ago"):
        "a convention, left as it is: a count of decades back keeps decade granularity ('a decade ago' is "
        "'201' in test_time_probes.py); the row expected the year",
    ("en", "Elections are expected next autumn.", "next autumn"):
        "a convention, left as it is: 'next' before a season or month not yet begun is the coming one ('next "
        "September' in July is this September); the row read it as the one after",
    ("ru", "Взрыв произошёл в 15:30 по московскому времени.", "15:30"):
        "the row contradicts docs/time.md: a zone stays in the extent ('2:15 p.m. EST'), so the extent is "
        "'15:30 по московскому времени' (value as expected)",
}


def _marks(lang: str, text: str, extent: str) -> list:
    reason = XFAIL.get((lang, text, extent))
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


def _params(lang: str, rows: list) -> list:
    return [pytest.param(*row, marks=_marks(lang, row[1], row[2])) for row in rows]


def _look_params(lang: str, rows: list) -> list:
    return [pytest.param(*row, marks=_marks(lang, row[1], "")) for row in rows]


def _find(text: str, language: str, anchor: date, extent: str) -> tuple[str, str] | None:
    hits = [t for t in tag_times(text, language=language, anchor=anchor) if t.text == extent]
    return (hits[0].timex_type, hits[0].value) if hits else None


@pytest.mark.parametrize(("doc", "text", "extent", "typ", "value"), _params("en", EN))
def test_english_probe(doc: date, text: str, extent: str, typ: str, value: str) -> None:
    assert _find(text, "en", doc, extent) == (typ, value)


@pytest.mark.parametrize(("doc", "text", "extent", "typ", "value"), _params("ru", RU))
def test_russian_probe(doc: date, text: str, extent: str, typ: str, value: str) -> None:
    assert _find(text, "ru", doc, extent) == (typ, value)


@pytest.mark.parametrize(("doc", "text", "extents"), _look_params("en", EN_LOOKALIKES))
def test_english_lookalikes(doc: date, text: str, extents: list[str]) -> None:
    assert [t.text for t in tag_times(text, language="en", anchor=doc)] == extents


@pytest.mark.parametrize(("doc", "text", "extents"), _look_params("ru", RU_LOOKALIKES))
def test_russian_lookalikes(doc: date, text: str, extents: list[str]) -> None:
    assert [t.text for t in tag_times(text, language="ru", anchor=doc)] == extents
