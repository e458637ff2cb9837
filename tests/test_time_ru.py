"""TIME stage, Russian: every category, with the case forms Russian inflection produces.

Anchor 2025-09-27 is a Saturday (ISO week 39).
"""

from __future__ import annotations

from datetime import date

import pytest

from dossier.analyze.time import tag_times
from dossier.model import TimeExpr

A = date(2025, 9, 27)


def one(text: str, anchor: date | None = A) -> TimeExpr:
    found = tag_times(text, language="ru", anchor=anchor)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected", "extent"),
    [
        ("6 декабря 2024 года подписано соглашение.", "2024-12-06", "6 декабря 2024 года"),
        ("Соглашение подписано 06.12.2024.", "2024-12-06", "06.12.2024"),
        ("Соглашение подписано 2024-12-06.", "2024-12-06", "2024-12-06"),
        ("Соглашение подписано 6 декабря 2024 г.", "2024-12-06", "6 декабря 2024 г."),
        ("Рыженков заявил 26 сентября, что переговоры сорваны.", "2025-09-26", "26 сентября"),
        ("Это случилось 6 декабря прошлого года.", "2024-12-06", "6 декабря прошлого года"),
    ],
)
def test_dates(text: str, expected: str, extent: str) -> None:
    t = one(text)
    assert (t.value, t.text, t.timex_type, t.granularity) == (expected, extent, "DATE", "day")


def test_partial_date_without_anchor() -> None:
    t = one("Рыженков заявил 26 сентября, что переговоры сорваны.", anchor=None)
    assert (t.value, t.anchor) == ("XXXX-09-26", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Вчера начались переговоры.", "2025-09-26"),
        ("Позавчера начались переговоры.", "2025-09-25"),
        ("Завтра начнутся переговоры.", "2025-09-28"),
        ("Встреча прошла в прошлый четверг.", "2025-09-25"),
        ("Встреча прошла в прошлую пятницу.", "2025-09-26"),
        ("Встреча прошла в среду.", "2025-09-24"),
        ("Встреча состоится в среду.", "2025-10-01"),
        ("Встреча состоится в следующий понедельник.", "2025-09-29"),
        ("Это произошло на прошлой неделе.", "2025-W38"),
        ("Это произойдёт на следующей неделе.", "2025-W40"),
        ("Это произошло в прошлом месяце.", "2025-08"),
        ("Это происходит в этом году.", "2025"),
        ("Это произошло в прошлом году.", "2024"),
        ("Это произошло в сентябре прошлого года.", "2024-09"),
        ("Это произошло в начале сентября.", "2025-09"),
        ("Это произошло три года назад.", "2022"),
        ("Это произошло неделю назад.", "2025-09-20"),
        ("Это произойдет через два дня.", "2025-09-29"),
        ("Это произошло в третьем квартале 2025 года.", "2025-Q3"),
        ("Это произошло летом 2025 года.", "2025-SU"),
        ("Это произошло прошлой зимой.", "2024-WI"),
        ("Это произошло в 1990-е годы.", "199"),
        ("Это произошло в 90-х годах.", "199"),
        ("Это произошло в XX веке.", "19"),
        ("Это произошло в 2024 году.", "2024"),
        ("Это произошло в мае.", "2025-05"),
    ],
)
def test_resolved(text: str, expected: str) -> None:
    assert one(text).value == expected


def test_anchored_on_previous_date() -> None:
    found = tag_times("Соглашение подписали 1 марта 2024 года. Через два дня после этого оно сорвалось. "
                      "На следующий день начались бои.", language="ru", anchor=A)
    assert [(t.text, t.value) for t in found] == [
        ("1 марта 2024 года", "2024-03-01"),
        ("Через два дня", "2024-03-03"),
        ("следующий день", "2024-03-02"),
    ]
    assert found[1].anchor == "2024-03-01"
    found = tag_times("Завод закрыли в 2010 году. Два года спустя его открыли.", language="ru", anchor=A)
    assert found[1].value == "2012"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Война длилась три года.", "P3Y"),
        ("Это заняло более трёх лет.", "P3Y"),
        ("Его держали 48 часов.", "PT48H"),
        ("За последние двадцать пять лет.", "P25Y"),
        ("В течение двух месяцев.", "P2M"),
        ("Это заняло месяц.", None),
        ("В течение пяти месяцев.", "P5M"),
        ("Спустя несколько недель переговоров.", None),
        ("Переговоры шли две недели.", "P2W"),
        ("Это заняло полтора года.", "P18M"),
        ("Это заняло полгода.", "P6M"),
        ("Это заняло несколько лет.", "PXY"),
    ],
)
def test_durations_with_inflection(text: str, expected: str | None) -> None:
    found = tag_times(text, language="ru", anchor=A)
    durations = [t for t in found if t.timex_type == "DURATION"]
    if expected is None:
        return
    assert [t.value for t in durations] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Совет собирается каждую неделю.", "P1W"),
        ("Совет собирается ежедневно.", "P1D"),
        ("Совет собирается раз в месяц.", "P1M"),
        ("Совет собирается дважды в год.", "P1Y"),
        ("Совет собирается каждую пятницу.", "XXXX-WXX-5"),
    ],
)
def test_sets(text: str, expected: str) -> None:
    t = one(text)
    assert (t.value, t.timex_type) == (expected, "SET")


@pytest.mark.parametrize(
    ("text", "expected", "extent"),
    [
        ("В ближайшие недели ситуация изменится.", "FUTURE_REF", "ближайшие недели"),
        ("Недавно он ушёл в отставку.", "PAST_REF", "Недавно"),
        ("Сейчас он находится в Киеве.", "PRESENT_REF", "Сейчас"),
        ("В настоящее время он находится в Киеве.", "PRESENT_REF", "настоящее время"),
    ],
)
def test_fuzzy(text: str, expected: str, extent: str) -> None:
    t = one(text)
    assert (t.value, t.text, t.granularity) == (expected, extent, "fuzzy")


def test_times_of_day() -> None:
    assert one("Взрыв произошёл в 15:00.").value == "2025-09-27T15:00"
    assert one("Взрыв произошёл в 3 часа ночи.").value == "2025-09-27T03:00"
    assert one("Взрыв произошёл в 7 вечера.").value == "2025-09-27T19:00"
    assert one("Взрыв произошёл сегодня утром.").value == "2025-09-27TMO"
    assert one("Взрыв произошёл вчера вечером.").value == "2025-09-26TEV"
    t = one("Встреча прошла в среду в 15:00.")
    assert (t.value, t.timex_type) == ("2025-09-24T15:00", "TIME")


def test_ranges() -> None:
    found = tag_times("Выборы проходили с 2014 по 2022 год и с 1 по 5 сентября.", language="ru", anchor=A)
    assert [t.value for t in found] == ["2014", "2022", "2025-09-01", "2025-09-05"]
    found = tag_times("В 2014-2022 годах.", language="ru", anchor=A)
    assert [t.value for t in found] == ["2014", "2022"]


def test_no_anchor() -> None:
    got = [(t.value, t.anchor) for t in tag_times("Вчера, на прошлой неделе, в среду.", language="ru", anchor=None)]
    assert got == [("XXXX-XX-XX", None), ("XXXX-WXX", None), ("XXXX-WXX-3", None)]


def test_environment_is_not_wednesday() -> None:
    assert tag_times("Защита окружающей среды и среда обитания.", language="ru", anchor=A) == []


@pytest.mark.parametrize(
    ("text", "expected", "extent"),
    [
        ("Это произошло шестого декабря 2024 года.", "2024-12-06", "шестого декабря 2024 года"),
        ("Встреча пройдёт двадцать пятого сентября 2025 года.", "2025-09-25", "двадцать пятого сентября 2025 года"),
        ("Он приехал третьего октября прошлого года.", "2024-10-03", "третьего октября прошлого года"),
        ("Тридцать первое декабря 2024 года", "2024-12-31", "Тридцать первое декабря 2024 года"),
    ],
)
def test_ordinal_day_words(text: str, expected: str, extent: str) -> None:
    found = tag_times(text, language="ru", anchor=A)
    assert [(t.text, t.value) for t in found] == [(extent, expected)]


def test_ordinal_day_word_out_of_range() -> None:
    assert [t.text for t in tag_times("двадцать десятого мая", language="ru", anchor=A)] == ["мая"]


@pytest.mark.parametrize(
    ("text", "extent", "expected"),
    [
        ("Каждое лето пастухи перегоняют стада в горы.", "Каждое лето", "XXXX-SU"),
        ("Перевал закрывают каждую зиму.", "каждую зиму", "XXXX-WI"),
        ("Декларации подают каждый апрель.", "каждый апрель", "XXXX-04"),
        ("Ярмарка открывается каждый август.", "каждый август", "XXXX-08"),
    ],
)
def test_every_month_or_season_is_a_yearly_set(text: str, extent: str, expected: str) -> None:
    t = one(text)
    assert (t.text, t.value, t.timex_type) == (extent, expected, "SET")


def test_a_season_or_month_without_each_stays_a_date() -> None:
    assert one("Этим летом засуха повторилась.").value == "2025-SU"
    assert [t.value for t in tag_times("Лето выдалось жарким.", language="ru", anchor=A)] == []


def test_part_of_day_takes_the_day_under_discussion() -> None:
    found = tag_times("Пожар начался 5 мая. Утром на место прибыли спасатели.", language="ru", anchor=A)
    assert [(t.text, t.value, t.timex_type) for t in found] == [
        ("5 мая", "2025-05-05", "DATE"), ("Утром", "2025-05-05TMO", "TIME")
    ]
    t = one("Поздно вечером в пятницу прогремел взрыв.")
    assert (t.text, t.value) == ("Поздно вечером в пятницу", "2025-09-26TEV")
    # "днём позже" stays the anaphoric day, not a part of day
    assert one("Он вернулся днём позже.").value == "2025-09-28"


@pytest.mark.parametrize(
    "text",
    ["Сегодня в Москве прошёл митинг.", "Митинг прошёл сегодня.", "«Сегодня мы уходим», — сказал он."],
)
def test_bare_segodnya_is_the_publication_date(text: str) -> None:
    t = one(text)
    assert (t.text.lower(), t.value, t.timex_type) == ("сегодня", "2025-09-27", "DATE")


@pytest.mark.parametrize(
    "text",
    [
        "Он выступил в программе «Сегодня» на НТВ.",
        "Об этом рассказал ведущий передачи Завтра на радио.",
    ],
)
def test_a_capitalised_deictic_word_inside_a_sentence_is_a_title(text: str) -> None:
    assert tag_times(text, language="ru", anchor=A) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "предыдущий" looks back from the year the text is about, not from the publication date
        ("Завод открыли в 2010 году. В предыдущем году цены росли.", ("предыдущем году", "2009")),
        ("Завод открыли 5 мая 2015 года. На предыдущей неделе его купили.", ("предыдущей неделе", "2015-W18")),
        # "следующий" in a past-tense clause after a date is the one after that date ...
        ("Завод открыли в 2010 году. В следующем году его продали.", ("следующем году", "2011")),
        # ... and in a future clause next year from now
        ("Завод открыли в 2010 году. В следующем году его продадут.", ("следующем году", "2026")),
        ("Завод открыли в 2015 году. В том же году его продали.", ("том же году", "2015")),
        ("Завод открыли в марте 2015 года. В том же месяце его продали.", ("том же месяце", "2015-03")),
        ("Завод открыли в 2015 году. За два года до этого его купили.", ("За два года до этого", "2013")),
        ("Взрыв произошёл 3 марта. За три дня до того прошли учения.", ("За три дня до того", "2025-02-28")),
        ("Взрыв произошёл 3 марта. Спустя три дня после взрыва начались аресты.", ("Спустя три дня", "2025-03-06")),
    ],
)
def test_anaphoric_years_and_days_count_from_the_date_under_discussion(text: str, expected: tuple[str, str]) -> None:
    found = [(t.text, t.value) for t in tag_times(text, language="ru", anchor=A)]
    assert found[-1] == expected


def test_previous_year_without_an_earlier_date_counts_from_the_publication_date() -> None:
    assert one("В предыдущем году цены росли.").value == "2024"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Война длилась два с половиной года.", "P30M"), ("Он провёл там пять с половиной лет.", "P66M")],
)
def test_n_and_a_half_units(text: str, expected: str) -> None:
    t = one(text)
    assert (t.value, t.timex_type) == (expected, "DURATION")
