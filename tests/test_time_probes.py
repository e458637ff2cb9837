"""TIME stage: a table of probe sentences across news domains (issue 10, generality round).

Each row is a sentence of our own, written from the TIMEX3 guidelines and from how
business, sport, health and security news phrase dates, with the extent, type and
value expected for a fixed publication date.  2024-03-14 is a Thursday in the
first quarter, so weekday direction, year choice and quarter arithmetic are all
exercised.  The table is the spec: a rule tuned on one corpus must not break it.
"""

from __future__ import annotations

from datetime import date

import pytest

from dossier.analyze.time import tag_times

DOC = date(2024, 3, 14)  # a Thursday

EN = [
    # written forms of a day
    ("The merger closed on Dec. 3.", "Dec. 3", "DATE", "2023-12-03"),
    ("Shares rose on the 3rd of December.", "the 3rd of December", "DATE", "2023-12-03"),
    ("The report, dated December 3rd, was leaked.", "December 3rd", "DATE", "2023-12-03"),
    ("The deal was signed on 3 December 2023.", "3 December 2023", "DATE", "2023-12-03"),
    ("The results were announced on Monday, March 4.", "Monday, March 4", "DATE", "2024-03-04"),
    ("Sentencing is set for April 2.", "April 2", "DATE", "2024-04-02"),
    ("The new rules apply from 1 July.", "1 July", "DATE", "2024-07-01"),
    # months, seasons, years, decades, centuries
    ("The vaccine trial ended in January.", "January", "DATE", "2024-01"),
    ("The trial will end in January.", "January", "DATE", "2025-01"),
    ("The clinic opened in November.", "November", "DATE", "2023-11"),
    ("The bank cut rates in mid-December.", "mid-December", "DATE", "2023-12"),
    ("The drug should reach pharmacies by mid-2025.", "mid-2025", "DATE", "2025"),
    ("Unemployment peaked in late 2020.", "late 2020", "DATE", "2020"),
    ("The lender collapsed in the fall of 2008.", "the fall of 2008", "DATE", "2008-FA"),
    ("The virus spread during the winter of 2022.", "the winter of 2022", "DATE", "2022-WI"),
    ("Prices peaked in the 1990s.", "the 1990s", "DATE", "199"),
    ("The firm was founded in the early 1990s.", "the early 1990s", "DATE", "199"),
    ("The company was profitable in the 2010s.", "the 2010s", "DATE", "201"),
    ("The mill was built in the 1800s.", "the 1800s", "DATE", "180"),
    ("The tax was introduced in the nineties.", "the nineties", "DATE", "199"),
    ("Engineers expect growth in the 21st century.", "the 21st century", "DATE", "20"),
    ("Emissions must fall by the end of the decade.", "the end of the decade", "DATE", "202"),
    # quarters, halves, fiscal years
    ("Revenue grew in the fourth quarter of 2023.", "the fourth quarter of 2023", "DATE", "2023-Q4"),
    ("Sales rose in Q4 2023.", "Q4 2023", "DATE", "2023-Q4"),
    ("Revenue grew in the second half of last year.", "the second half of last year", "DATE", "2023-H2"),
    ("The firm posted a loss in fiscal 2023.", "fiscal 2023", "DATE", "2023"),
    ("Analysts expect a rebound next quarter.", "next quarter", "DATE", "2024-Q2"),
    ("The fund gained 4% in H1 2024.", "H1 2024", "DATE", "2024-H1"),
    ("Profit fell in 1H24.", "1H24", "DATE", "2024-H1"),
    ("Profit rose in 2Q24.", "2Q24", "DATE", "2024-Q2"),
    ("The bank beat forecasts in Q3 FY2024.", "Q3 FY2024", "DATE", "2024-Q3"),
    ("Revenue rose in FY24.", "FY24", "DATE", "2024"),
    ("Sales rose in the September quarter.", "the September quarter", "DATE", "2023-Q3"),
    ("Sales will rise in the December quarter.", "the December quarter", "DATE", "2024-Q4"),
    ("Debt should fall by end-2025.", "end-2025", "DATE", "2025"),
    ("The rally lasted until end-March.", "end-March", "DATE", "2024-03"),
    # weeks, including an ordinal week of a month
    ("The protests grew over the weekend.", "the weekend", "DATE", "2024-W10-WE"),
    ("The festival takes place this weekend.", "this weekend", "DATE", "2024-W11-WE"),
    ("The summit is in the week of March 25.", "the week of March 25", "DATE", "2024-W13"),
    ("The data cover the first week of March.", "the first week of March", "DATE", "2024-W10"),
    ("The outbreak peaked in the third week of January.", "the third week of January", "DATE", "2024-W03"),
    ("Talks are set for the last week of June 2025.", "the last week of June 2025", "DATE", "2025-W26"),
    # weekdays: direction from the clause's tense
    ("The company said on Wed. it would cut jobs.", "Wed.", "DATE", "2024-03-13"),
    ("The payment is due on the 15th.", "the 15th", "DATE", "2024-03-15"),
    ("The payment was made on the 2nd.", "the 2nd", "DATE", "2024-03-02"),
    ("The company reported results on Tuesday.", "Tuesday", "DATE", "2024-03-12"),
    ("The summit will open on Tuesday.", "Tuesday", "DATE", "2024-03-19"),
    ("The vote is scheduled for Monday.", "Monday", "DATE", "2024-03-18"),
    ("The patient was discharged last Tuesday.", "last Tuesday", "DATE", "2024-03-12"),
    ("The board meets this Friday.", "this Friday", "DATE", "2024-03-15"),
    ("The striker scored late Tuesday.", "late Tuesday", "DATE", "2024-03-12"),
    ("The team lost Sunday's final, the coach said.", "Sunday", "DATE", "2024-03-10"),
    ("The winger was injured on Saturday and will miss Wednesday's match.", "Wednesday", "DATE", "2024-03-20"),
    # relative to the publication date, and to the date under discussion
    ("Police raided the house earlier this month.", "earlier this month", "DATE", "2024-03"),
    ("The ministry will publish the data later this year.", "later this year", "DATE", "2024"),
    ("Exports fell last month.", "last month", "DATE", "2024-02"),
    ("Unemployment rose late last year.", "late last year", "DATE", "2023"),
    ("The drug will be tested early next month.", "early next month", "DATE", "2024-04"),
    ("The plant closed three days ago.", "three days ago", "DATE", "2024-03-11"),
    ("The scandal broke a decade ago.", "a decade ago", "DATE", "201"),
    ("The vote is due in three days' time.", "three days' time", "DATE", "2024-03-17"),
    ("The rebels seized the town in 2019. Two years later they lost it.", "Two years later", "DATE", "2021"),
    ("The hospital opened on June 2, 2020. The next day it was full.", "The next day", "DATE", "2020-06-03"),
    # times of day
    ("Talks resume tomorrow morning.", "tomorrow morning", "TIME", "2024-03-15TMO"),
    ("The blast happened yesterday afternoon.", "yesterday afternoon", "TIME", "2024-03-13TAF"),
    ("The minister spoke Tuesday evening.", "Tuesday evening", "TIME", "2024-03-12TEV"),
    ("The market closed at 4 p.m. Tuesday.", "4 p.m. Tuesday", "TIME", "2024-03-12T16:00"),
    ("The market closed at 3:30 p.m. ET.", "3:30 p.m. ET", "TIME", "2024-03-14T15:30"),
    ("The ceasefire expires at midnight Friday.", "midnight Friday", "TIME", "2024-03-15T24:00"),
    ("Police said the attack occurred at 11:15 Friday night.", "11:15 Friday night", "TIME", "2024-03-08T23:15"),
    ("The blast came at 8:30 Tuesday evening.", "8:30 Tuesday evening", "TIME", "2024-03-12T20:30"),
    ("The suspect was arrested in the early hours of Saturday.", "the early hours of Saturday", "TIME",
     "2024-03-09TNI"),
    ("The talks broke down in the small hours of Wednesday.", "the small hours of Wednesday", "TIME",
     "2024-03-13TNI"),
    ("The election will be held on the first Sunday of June.", "the first Sunday of June", "DATE", "2024-06-02"),
    ("The festival ends on the last Friday in March 2025.", "the last Friday in March 2025", "DATE", "2025-03-28"),
    # durations, with spelled numbers and vague counts
    ("The hospital has been under strain for the past fortnight.", "the past fortnight", "DURATION", "P2W"),
    ("Cases doubled over the past three years.", "the past three years", "DURATION", "P3Y"),
    ("The feud lasted for years.", "years", "DURATION", "PXY"),
    ("Talks could take several weeks.", "several weeks", "DURATION", "PXW"),
    ("He coached the side for a decade.", "a decade", "DURATION", "P10Y"),
    ("The dispute has run for two decades.", "two decades", "DURATION", "P20Y"),
    ("He signed a five-year contract.", "five-year", "DURATION", "P5Y"),
    ("Regulators began a 90-day review.", "90-day", "DURATION", "P90D"),
    ("The project took eighteen months.", "eighteen months", "DURATION", "P18M"),
    ("The siege lasted twenty-one days.", "twenty-one days", "DURATION", "P21D"),
    ("The talks lasted fifteen minutes.", "fifteen minutes", "DURATION", "PT15M"),
    ("The surgery lasted nearly two hours.", "nearly two hours", "DURATION", "PT2H"),
    ("The church stood for a hundred years.", "a hundred years", "DURATION", "P100Y"),
    ("Inflation has been falling for 18 straight months.", "18 straight months", "DURATION", "P18M"),
    ("Rates will stay high for the next two years.", "the next two years", "DURATION", "P2Y"),
    ("Prices have risen in recent months.", "recent months", "DURATION", "PXM"),
    # sets
    ("The clinic is open every Sunday.", "every Sunday", "SET", "XXXX-WXX-7"),
    ("The board meets every Tuesday morning.", "every Tuesday morning", "SET", "XXXX-WXX-2TMO"),
    ("The newsletter is published weekly.", "weekly", "SET", "P1W"),
    ("The council meets twice a month.", "twice a month", "SET", "P1M"),
    ("Auditors visit each year.", "each year", "SET", "P1Y"),
    ("Patients are tested every two weeks.", "every two weeks", "SET", "P2W"),
    ("The festival is held every other year.", "every other year", "SET", "P2Y"),
    # fuzzy references
    ("The company will report earnings in the coming weeks.", "the coming weeks", "DATE", "FUTURE_REF"),
]

RU = [
    ("В прошлый вторник министр провёл встречу.", "прошлый вторник", "DATE", "2024-03-12"),
    ("Переговоры продолжатся на следующей неделе.", "следующей неделе", "DATE", "2024-W12"),
    ("На прошлой неделе ЦБ повысил ставку.", "прошлой неделе", "DATE", "2024-W10"),
    ("Завод откроют в конце 2024 года.", "конце 2024 года", "DATE", "2024"),
    ("Выставка прошла с 1 по 5 марта.", "1", "DATE", "2024-03-01"),
    ("Выставка прошла с 1 по 5 марта.", "5 марта", "DATE", "2024-03-05"),
    ("Выставка пройдёт с 1 по 5 марта.", "5 марта", "DATE", "2025-03-05"),
    ("В 90-х годах компания обанкротилась.", "90-х годах", "DATE", "199"),
    ("В начале 1990-х годов завод закрыли.", "начале 1990-х годов", "DATE", "199"),
    ("В конце 80-х страна изменилась.", "конце 80-х", "DATE", "198"),
    ("Через две недели состоится матч.", "Через две недели", "DATE", "2024-03-28"),
    ("Спустя неделю после выборов начались протесты.", "неделю", "DURATION", "P1W"),
    ("Во второй половине 2025 года ожидается рост.", "второй половине 2025 года", "DATE", "2025-H2"),
    ("Во второй половине прошлого года продажи упали.", "второй половине прошлого года", "DATE", "2023-H2"),
    ("В первом полугодии прибыль выросла.", "первом полугодии", "DATE", "2024-H1"),
    ("Суд вынес приговор в понедельник.", "понедельник", "DATE", "2024-03-11"),
    ("Матч состоится в субботу.", "субботу", "DATE", "2024-03-16"),
    ("Сделка была закрыта 3 декабря.", "3 декабря", "DATE", "2023-12-03"),
    ("Три дня назад в городе прошли обыски.", "Три дня назад", "DATE", "2024-03-11"),
    ("За последние три года число больных выросло.", "последние три года", "DURATION", "P3Y"),
    ("Осенью 2008 года банк рухнул.", "Осенью 2008 года", "DATE", "2008-FA"),
    ("В XX веке город вырос вдвое.", "XX веке", "DATE", "19"),
    ("Прошлой ночью беспилотники атаковали город.", "Прошлой ночью", "TIME", "2024-03-13TNI"),
    ("Министр встречается с послами раз в неделю.", "раз в неделю", "SET", "P1W"),
    ("В ближайшие дни решение будет принято.", "ближайшие дни", "DATE", "FUTURE_REF"),
    ("Взрыв прогремел около 10 часов утра.", "10 часов утра", "TIME", "2024-03-14T10:00"),
    ("Переговоры длились 10 часов.", "10 часов", "DURATION", "PT10H"),
    ("В ночь с пятницы на субботу прошли обыски.", "ночь с пятницы на субботу", "TIME", "2024-03-08TNI"),
    ("В ночь на субботу беспилотники атаковали город.", "ночь на субботу", "TIME", "2024-03-08TNI"),
    ("В ночь на 5 марта был сбит самолёт.", "ночь на 5 марта", "TIME", "2024-03-04TNI"),
    ("Полвека назад здесь был лес.", "Полвека назад", "DATE", "1974"),
    ("Через полгода завод заработает.", "Через полгода", "DATE", "2024-09"),
    ("Через полгода после выборов он ушёл.", "полгода", "DURATION", "P6M"),
    ("За сутки выпало 40 мм осадков.", "сутки", "DURATION", "P1D"),
    ("В выходные в Москве будет жарко.", "выходные", "DATE", "2024-W11-WE"),
    ("В выходные прошли митинги.", "выходные", "DATE", "2024-W10-WE"),
]


def _find(text: str, language: str, extent: str) -> tuple[str, str] | None:
    hits = [t for t in tag_times(text, language=language, anchor=DOC) if t.text == extent]
    return (hits[0].timex_type, hits[0].value) if hits else None


@pytest.mark.parametrize(("text", "extent", "typ", "value"), EN)
def test_english_probe(text: str, extent: str, typ: str, value: str) -> None:
    assert _find(text, "en", extent) == (typ, value)


@pytest.mark.parametrize("text", ["The F-16 and the Q400 flew.", "He finished on the 15th hole.",
                                  "In the Q1 20 people died.", "Mr. Monday resigned."])
def test_lookalikes_are_not_times(text: str) -> None:
    """A model name, an ordinal before a noun, a count after a quarter are not (new) times."""
    assert all(t.text in ("Q1",) for t in tag_times(text, language="en", anchor=DOC))


@pytest.mark.parametrize(("text", "extent", "typ", "value"), RU)
def test_russian_probe(text: str, extent: str, typ: str, value: str) -> None:
    assert _find(text, "ru", extent) == (typ, value)
