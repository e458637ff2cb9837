"""TIME stage: a second probe table (issue 10, fourth generality round).

Written before any change of this round, in our own words, for domains the first
table (`test_time_probes.py`) leaves out: courts, science, weather, culture,
markets, elections and transport, in English and Russian.  Each row carries its
own publication date, so that relative weeks, months and years are exercised
across a year boundary (2024-12-30 is a Monday in ISO week 2025-W01; 2025-01-02 a
Thursday in the same week).  Values follow the TIMEX3 guidelines and the
conventions written down in docs/time.md.  A few rows are look-alikes that must
not be read as times (ages, scores, model and version numbers).

The rows still failing when the table was written are marked
``xfail(strict=True)`` with the reason, so that every passing row is asserted and a
fixed row has to be moved out of the list.  On main before this round 132 of the 142
rows passed (English 84/89 and look-alikes 10/11, Russian 35/39 and look-alikes 3/3);
the mechanisms each miss led to are pinned by ``test_time_round5.py``.
"""

from __future__ import annotations

from datetime import date

import pytest

from dossier.analyze.time import tag_times

MON_0106 = date(2025, 1, 6)   # Monday, 2025-W02
MON_1230 = date(2024, 12, 30)  # Monday, 2025-W01 (ISO year ahead of the calendar year)
THU_0102 = date(2025, 1, 2)   # Thursday, 2025-W01
WED_0716 = date(2025, 7, 16)  # Wednesday, 2025-W29
TUE_0310 = date(2026, 3, 10)  # Tuesday, 2026-W11
MON_1102 = date(2026, 11, 2)  # Monday, the day before the US Election Day 2026-11-03
MON_1201 = date(2025, 12, 1)  # Monday, 2025-W49
TUE_0120 = date(2026, 1, 20)  # Tuesday, 2026-W04

# (publication date, text, extent, type, value)
EN = [
    # courts
    (MON_0106, "The judge adjourned the hearing until next month.", "next month", "DATE", "2025-02"),
    (MON_0106, "The jury was sworn in last month.", "last month", "DATE", "2024-12"),
    (MON_0106, "The judge retired last year after three decades on the bench.", "last year", "DATE", "2024"),
    (MON_0106, "The judge retired last year after three decades on the bench.", "three decades", "DURATION",
     "P30Y"),
    (WED_0716, "He was sentenced to 12 years in prison.", "12 years", "DURATION", "P12Y"),
    (WED_0716, "The court handed down a six-month suspended sentence.", "six-month", "DURATION", "P6M"),
    (WED_0716, "The appeal will be heard in the autumn.", "the autumn", "DATE", "2025-FA"),
    (WED_0716, "The defendant has been in custody since last November.", "last November", "DATE", "2024-11"),
    (WED_0716, "The trial is due to begin on the 21st.", "the 21st", "DATE", "2025-07-21"),
    (WED_0716, "Prosecutors have until Friday to respond.", "Friday", "DATE", "2025-07-18"),
    (WED_0716, "The new sentencing law takes effect on January 1.", "January 1", "DATE", "2026-01-01"),
    (WED_0716, "The injunction expires at the end of next year.", "the end of next year", "DATE", "2026"),
    (TUE_0310, "The verdict is expected late next week.", "late next week", "DATE", "2026-W12"),
    (THU_0102, "The court sits again next week.", "next week", "DATE", "2025-W02"),
    # science
    (WED_0716, "The probe will reach Jupiter in 2031.", "2031", "DATE", "2031"),
    (WED_0716, "The comet last passed Earth 76 years ago.", "76 years ago", "DATE", "1949"),
    (WED_0716, "The telescope has observed the sky for three decades.", "three decades", "DURATION", "P30Y"),
    (WED_0716, "The rover spent two hundred days in the crater.", "two hundred days", "DURATION", "P200D"),
    (WED_0716, "The crew will stay on the station for forty-two days.", "forty-two days", "DURATION", "P42D"),
    (WED_0716, "The study followed patients over a five-year period.", "five-year", "DURATION", "P5Y"),
    (WED_0716, "The reactor has been offline for a quarter of a century.", "a quarter of a century", "DURATION",
     "P25Y"),
    (WED_0716, "Researchers have made rapid progress in recent years.", "recent years", "DURATION", "PXY"),
    (WED_0716, "Global temperatures rose sharply over the past decade.", "the past decade", "DURATION", "P10Y"),
    (WED_0716, "Glaciers have shrunk over the last decade.", "the last decade", "DURATION", "P10Y"),
    # weather
    (WED_0716, "Temperatures will drop sharply tonight.", "tonight", "TIME", "2025-07-16TNI"),
    (WED_0716, "Heavy rain is forecast for Thursday.", "Thursday", "DATE", "2025-07-17"),
    (WED_0716, "It was the hottest June on record.", "June", "DATE", "2025-06"),
    (WED_0716, "This summer is already the wettest since 1912.", "This summer", "DATE", "2025-SU"),
    (WED_0716, "This summer is already the wettest since 1912.", "1912", "DATE", "1912"),
    (WED_0716, "The heatwave lasted eleven days.", "eleven days", "DURATION", "P11D"),
    (WED_0716, "Snow fell in the Alps last winter.", "last winter", "DATE", "2024-WI"),
    (MON_0106, "Snowfall this winter is below average.", "this winter", "DATE", "2024-WI"),
    (MON_0106, "The storm hit the coast in late December.", "late December", "DATE", "2024-12"),
    (THU_0102, "Snow closed the roads last week.", "last week", "DATE", "2024-W52"),
    # culture
    (WED_0716, "The festival returns next summer.", "next summer", "DATE", "2026-SU"),
    (WED_0716, "The novel, first published in 1867, is being filmed.", "1867", "DATE", "1867"),
    (WED_0716, "The band is playing its first tour in two decades.", "two decades", "DURATION", "P20Y"),
    (WED_0716, "The exhibition closes on Sunday.", "Sunday", "DATE", "2025-07-20"),
    (WED_0716, "The film opens in cinemas on Friday.", "Friday", "DATE", "2025-07-18"),
    (WED_0716, "The gallery is closed on Mondays.", "Mondays", "SET", "XXXX-WXX-1"),
    (WED_0716, "The show runs until 30 August.", "30 August", "DATE", "2025-08-30"),
    (MON_0106, "The opera premiered in mid-November.", "mid-November", "DATE", "2024-11"),
    (MON_0106, "The theatre has been closed for two and a half years.", "two and a half years", "DURATION",
     "P30M"),
    (MON_0106, "The museum reopened on Christmas Eve.", "Christmas Eve", "DATE", "2024-12-24"),
    (MON_1201, "The choir will sing on New Year's Eve.", "New Year's Eve", "DATE", "2025-12-31"),
    (MON_1201, "The panto opens on Boxing Day.", "Boxing Day", "DATE", "2025-12-26"),
    (TUE_0120, "The theatre offers discounts on Valentine's Day.", "Valentine's Day", "DATE", "2026-02-14"),
    # markets
    (WED_0716, "Stocks hit a record on Tuesday.", "Tuesday", "DATE", "2025-07-15"),
    (WED_0716, "Oil prices rose in the first half.", "the first half", "DATE", "2025-H1"),
    (WED_0716, "Analysts expect a recovery in the second half of the year.", "the second half of the year",
     "DATE", "2025-H2"),
    (WED_0716, "The index has gained 9% over the past 12 months.", "the past 12 months", "DURATION", "P12M"),
    (THU_0102, "The index fell 3% last year.", "last year", "DATE", "2024"),
    (THU_0102, "Retail sales slumped last quarter.", "last quarter", "DATE", "2024-Q4"),
    (MON_1230, "Markets were volatile last week.", "last week", "DATE", "2024-W52"),
    (MON_1230, "The central bank meets next week.", "next week", "DATE", "2025-W02"),
    (MON_1230, "The fund returned 14% this year.", "this year", "DATE", "2024"),
    (MON_1230, "Analysts expect two rate cuts next year.", "next year", "DATE", "2025"),
    (MON_0106, "Inflation eased in December.", "December", "DATE", "2024-12"),
    (MON_0106, "Shares have risen since the start of the year.", "the start of the year", "DATE", "2025"),
    (MON_0106, "The lender will report results in the coming months.", "the coming months", "DATE",
     "FUTURE_REF"),
    (TUE_0310, "The bank's board meets again in May.", "May", "DATE", "2026-05"),
    # elections
    (TUE_0310, "Voters go to the polls in November.", "November", "DATE", "2026-11"),
    (TUE_0310, "The party lost the 2024 election.", "2024", "DATE", "2024"),
    (MON_1102, "Americans vote on Election Day.", "Election Day", "DATE", "2026-11-03"),
    (MON_1102, "Polls close at 8 p.m. tomorrow.", "8 p.m. tomorrow", "TIME", "2026-11-03T20:00"),
    (TUE_0310, "Early voting starts on Oct. 18.", "Oct. 18", "DATE", "2026-10-18"),
    (TUE_0310, "The next election is due in 2029.", "2029", "DATE", "2029"),
    (TUE_0310, "The minister has led the party since 2019.", "2019", "DATE", "2019"),
    (TUE_0310, "Turnout has fallen at every election since the mid-1990s.", "the mid-1990s", "DATE", "199"),
    # transport
    (WED_0716, "Trains will run every 10 minutes.", "every 10 minutes", "SET", "PT10M"),
    (WED_0716, "The bridge will close for six weeks from Monday.", "six weeks", "DURATION", "P6W"),
    (WED_0716, "The bridge will close for six weeks from Monday.", "Monday", "DATE", "2025-07-21"),
    (WED_0716, "Flights resume on 1 September.", "1 September", "DATE", "2025-09-01"),
    (WED_0716, "The airport handled 80 million passengers last year.", "last year", "DATE", "2024"),
    (WED_0716, "Drivers staged a 24-hour strike.", "24-hour", "DURATION", "PT24H"),
    (WED_0716, "Construction of the tunnel resumes in mid-2026.", "mid-2026", "DATE", "2026"),
    (WED_0716, "The line will open next spring.", "next spring", "DATE", "2026-SP"),
    (WED_0716, "The line opened in the spring.", "the spring", "DATE", "2025-SP"),
    (WED_0716, "The ferry service ran from May 3 to June 1.", "May 3", "DATE", "2025-05-03"),
    (WED_0716, "The ferry service ran from May 3 to June 1.", "June 1", "DATE", "2025-06-01"),
    (WED_0716, "The airline carried more passengers between 2015 and 2019.", "2015", "DATE", "2015"),
    (WED_0716, "The airline carried more passengers between 2015 and 2019.", "2019", "DATE", "2019"),
    (WED_0716, "The road was closed on Saturday night.", "Saturday night", "DATE", "2025-07-12"),
    (WED_0716, "The last train left at 11 p.m. Sunday.", "11 p.m. Sunday", "TIME", "2025-07-13T23:00"),
    (MON_0106, "The airline cut routes earlier this month.", "earlier this month", "DATE", "2025-01"),
    (MON_0106, "Stations reopened after New Year's Day.", "New Year's Day", "DATE", "2025-01-01"),
    (MON_0106, "The new timetable starts in late February.", "late February", "DATE", "2025-02"),
    (MON_1230, "Rail fares rise this week.", "this week", "DATE", "2025-W01"),
]

# (publication date, text, the exact list of extents the tagger must give)
EN_LOOKALIKES = [
    (WED_0716, "The 82-year-old judge dismissed the case.", []),
    (WED_0716, "She became a judge at the age of 40.", []),
    (WED_0716, "A man in his 50s was arrested.", []),
    (WED_0716, "The Supreme Court ruled 5-4 in the case.", []),
    (WED_0716, "Arsenal won 3-1 on Saturday.", ["Saturday"]),
    (WED_0716, "The Boeing 737 and the Airbus A320 were grounded.", []),
    (WED_0716, "Microsoft will end support for Windows 10 in October.", ["October"]),
    (WED_0716, "The iPhone 15 sold well in 2024.", ["2024"]),
    (WED_0716, "Covid-19 cases rose in March.", ["March"]),
    (WED_0716, "The candidate promised 1990s-style tariffs.", []),
    (WED_0716, "Flight 370 vanished over the ocean.", []),
]

RU = [
    # суды
    (THU_0102, "В прошлом месяце суд арестовал активы компании.", "прошлом месяце", "DATE", "2024-12"),
    (WED_0716, "Суд продлил арест на два месяца.", "два месяца", "DURATION", "P2M"),
    (WED_0716, "Приговор огласят через неделю.", "через неделю", "DATE", "2025-07-23"),
    (WED_0716, "Его приговорили к восьми годам колонии.", "восьми годам", "DURATION", "P8Y"),
    (WED_0716, "Апелляцию рассмотрят в сентябре.", "сентябре", "DATE", "2025-09"),
    (WED_0716, "Заседание отложили до следующего понедельника.", "следующего понедельника", "DATE",
     "2025-07-21"),
    # наука
    (WED_0716, "За последнее десятилетие число публикаций выросло вдвое.", "последнее десятилетие", "DURATION",
     "P10Y"),
    (WED_0716, "В последние годы учёные открыли сотни экзопланет.", "последние годы", "DURATION", "PXY"),
    (WED_0716, "Зонд долетит до Марса в 2031 году.", "2031 году", "DATE", "2031"),
    (WED_0716, "Эксперимент продолжался на протяжении двух десятилетий.", "двух десятилетий", "DURATION", "P20Y"),
    (WED_0716, "Станция проработала в течение трёх недель.", "трёх недель", "DURATION", "P3W"),
    # погода
    (THU_0102, "Этой зимой выпало мало снега.", "Этой зимой", "DATE", "2024-WI"),
    (THU_0102, "В конце декабря ударили морозы.", "конце декабря", "DATE", "2024-12"),
    (WED_0716, "Завтра в Москве ожидается гроза.", "Завтра", "DATE", "2025-07-17"),
    (WED_0716, "Прошлой осенью реки вышли из берегов.", "Прошлой осенью", "DATE", "2024-FA"),
    (WED_0716, "В минувшие выходные в городе был ливень.", "минувшие выходные", "DATE", "2025-W28-WE"),
    # культура
    (WED_0716, "Следующей весной откроют новый театр.", "Следующей весной", "DATE", "2026-SP"),
    (WED_0716, "Спектакль шёл три с половиной часа.", "три с половиной часа", "DURATION", "PT210M"),
    (WED_0716, "Ежегодно фестиваль посещают тысячи людей.", "Ежегодно", "SET", "P1Y"),
    (WED_0716, "Музей закрыт по понедельникам.", "понедельникам", "SET", "XXXX-WXX-1"),
    (WED_0716, "Роман написан в конце прошлого века.", "конце прошлого века", "DATE", "19"),
    (WED_0716, "Группа была популярна в середине 2000-х.", "середине 2000-х", "DATE", "200"),
    (MON_1230, "Москвичи встретят Новый год на Красной площади.", "Новый год", "DATE", "2025-01-01"),
    (THU_0102, "В Рождество в храмах пройдут службы.", "Рождество", "DATE", "2025-01-07"),
    # рынки
    (WED_0716, "В минувшем году выручка компании выросла.", "минувшем году", "DATE", "2024"),
    (WED_0716, "В текущем году инфляция замедлится.", "текущем году", "DATE", "2025"),
    (WED_0716, "Курс рубля упал до минимума с 2022 года.", "2022 года", "DATE", "2022"),
    (WED_0716, "В ближайшие годы спрос на нефть вырастет.", "ближайшие годы", "DATE", "FUTURE_REF"),
    (WED_0716, "В начале следующего года банк снизит ставку.", "начале следующего года", "DATE", "2026"),
    (WED_0716, "На позапрошлой неделе акции упали.", "позапрошлой неделе", "DATE", "2025-W27"),
    (MON_1230, "На следующей неделе биржа не работает.", "следующей неделе", "DATE", "2025-W02"),
    # выборы
    (TUE_0310, "Выборы пройдут в сентябре.", "сентябре", "DATE", "2026-09"),
    (TUE_0310, "Голосование прошло в сентябре.", "сентябре", "DATE", "2025-09"),
    (TUE_0310, "Избиратели придут на участки в ноябре.", "ноябре", "DATE", "2026-11"),
    (TUE_0310, "Явка была рекордной в 2020-х годах.", "2020-х годах", "DATE", "202"),
    # транспорт
    (WED_0716, "Поезда ходят каждые 15 минут.", "каждые 15 минут", "SET", "PT15M"),
    (WED_0716, "Ремонт моста займёт полтора года.", "полтора года", "DURATION", "P18M"),
    (WED_0716, "Весной следующего года откроют новую линию метро.", "Весной следующего года", "DATE",
     "2026-SP"),
    (WED_0716, "Аэропорт обслужил в прошлом году 30 миллионов пассажиров.", "прошлом году", "DATE", "2024"),
    (WED_0716, "Рейсы возобновятся 1 сентября.", "1 сентября", "DATE", "2025-09-01"),
]

RU_LOOKALIKES = [
    (WED_0716, "Матч завершился со счётом 3:1.", []),
    (WED_0716, "Задержан 35-летний водитель.", []),
    (WED_0716, "Самолёт Ту-154 и Boeing 747 стояли на полосе.", []),
]

# Rows that failed when the table was written, with the reason; strict, so a fix must remove its row.
XFAIL: dict[tuple[str, str, str], str] = {
    ("ru", "В последние годы учёные открыли сотни экзопланет.", "последние годы"):
        "a convention, left as it is: Russian keeps PAST_REF (read as 'the past few years'), the row expected "
        "PXY like English 'recent years'; TimeBank itself has both",
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
