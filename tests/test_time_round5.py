"""TIME stage, issue 10 fifth round: the mechanisms behind the misses of the second probe table.

Sentences of our own, different from the probe rows, one group per mechanism, with the
neighbouring readings that must not change.
"""

from __future__ import annotations

from datetime import date

import pytest

from dossier.analyze.time import tag_times

DOC = date(2025, 7, 16)  # a Wednesday


def _tags(text: str, language: str = "en", anchor: date = DOC) -> list[tuple[str, str, str]]:
    return [(t.text, t.timex_type, t.value) for t in tag_times(text, language=language, anchor=anchor)]


@pytest.mark.parametrize(("text", "extent", "value"), [
    ("The colony survived three hundred years of war.", "three hundred years", "P300Y"),
    ("The audit covered three hundred and sixty-five days.", "three hundred and sixty-five days", "P365D"),
    ("Monks copied the text for a thousand years.", "a thousand years", "P1000Y"),
    ("The sagas were told for more than two thousand years.", "more than two thousand years", "P2000Y"),
    ("She waited a hundred days for the visa.", "a hundred days", "P100D"),
])
def test_spelled_hundreds_and_thousands_count_units(text: str, extent: str, value: str) -> None:
    assert (extent, "DURATION", value) in _tags(text)


@pytest.mark.parametrize("text", ["Two hundred people marched.", "About two thousand fans sang."])
def test_spelled_hundreds_without_a_unit_are_no_time(text: str) -> None:
    assert _tags(text) == []


def test_a_spelled_year_is_still_a_year() -> None:
    assert ("the year two thousand", "DATE", "2000") in _tags("Fears about the year two thousand proved wrong.")


@pytest.mark.parametrize(("text", "extent", "value"), [
    ("The ward has been shut for a quarter of a century.", "a quarter of a century", "P25Y"),
    ("The queue moved after three quarters of an hour.", "three quarters of an hour", "PT45M"),
    ("The ferry crossing takes a quarter of an hour.", "a quarter of an hour", "PT15M"),
    ("The project slipped by a quarter of a year.", "a quarter of a year", "P3M"),
])
def test_fractions_of_a_unit_are_durations(text: str, extent: str, value: str) -> None:
    assert (extent, "DURATION", value) in _tags(text)


def test_a_fiscal_quarter_is_still_a_quarter() -> None:
    assert _tags("Profit rose in the second quarter of 2024.") == [
        ("the second quarter of 2024", "DATE", "2024-Q2")]


@pytest.mark.parametrize(("text", "value"), [
    ("Last year saw the wettest April since records began.", "2025-04"),
    ("Retailers reported their busiest December in a decade.", "2024-12"),
    ("It was the worst May for tourism.", "2025-05"),
])
def test_a_month_after_a_superlative_is_the_month(text: str, value: str) -> None:
    months = [v for _, typ, v in _tags(text) if typ == "DATE" and len(v) == 7]
    assert months == [value]


@pytest.mark.parametrize("text", ["The protest March drew thousands.", "The arrest June spoke of was his.",
                                  "Officials rejected the latest March plan."])
def test_a_word_in_est_that_is_no_superlative_does_not_make_a_month(text: str) -> None:
    # "protest" is no superlative, so the March of a name stays untagged; "latest" is one
    tags = _tags(text)
    assert tags == ([] if "latest" not in text else [("March", "DATE", "2025-03")])


@pytest.mark.parametrize("text", ["The band revived a 1960s-style sound.", "Critics saw 1930s-like queues."])
def test_a_decade_naming_a_manner_is_no_time(text: str) -> None:
    assert _tags(text) == []


def test_a_decade_before_a_noun_is_still_the_decade() -> None:
    assert _tags("The 1960s music scene was loud.") == [("The 1960s", "DATE", "196")]


@pytest.mark.parametrize(("text", "value"), [
    ("The museum closes Sunday for repairs.", "2025-07-20"),
    ("The consultation ends on Friday.", "2025-07-18"),
    ("The new bridge opens Saturday.", "2025-07-19"),
    ("Greeks go to the polls on Sunday.", "2025-07-20"),
])
def test_a_present_schedule_verb_looks_ahead(text: str, value: str) -> None:
    assert [v for _, _, v in _tags(text)] == [value]


@pytest.mark.parametrize(("text", "value"), [
    ("The museum closed Sunday for repairs.", "2025-07-13"),
    ("The consultation ended on Friday.", "2025-07-11"),
    ("Greeks went to the polls on Sunday.", "2025-07-13"),
])
def test_the_past_form_still_looks_back(text: str, value: str) -> None:
    assert [v for _, _, v in _tags(text)] == [value]


def test_voters_go_to_the_polls_in_a_month_to_come() -> None:
    assert _tags("Voters in the state head to the polls in May.", anchor=date(2026, 9, 10)) == [
        ("May", "DATE", "2027-05")]


# --- Russian ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "extent", "value"), [
    ("За последний год цены на жильё выросли.", "последний год", "P1Y"),
    ("В течение последнего десятилетия река мелела.", "последнего десятилетия", "P10Y"),
    ("За последнюю неделю выпала месячная норма осадков.", "последнюю неделю", "P1W"),
    ("В последнее столетие климат заметно изменился.", "последнее столетие", "P100Y"),
])
def test_ru_the_last_unit_up_to_now_is_a_duration(text: str, extent: str, value: str) -> None:
    assert (extent, "DURATION", value) in _tags(text, "ru")


def test_ru_the_last_week_of_a_month_is_no_span_up_to_now() -> None:
    assert all(typ != "DURATION" for _, typ, _ in _tags("В последнюю неделю мая прошли дожди.", "ru"))


@pytest.mark.parametrize(("text", "extent", "value"), [
    ("Библиотека не работает по воскресеньям.", "воскресеньям", "XXXX-WXX-7"),
    ("Рынок открыт по субботам.", "субботам", "XXXX-WXX-6"),
    ("По выходным электрички ходят реже.", "выходным", "XXXX-WXX-WE"),
    ("Он пишет по вечерам.", "вечерам", "TEV"),
])
def test_ru_plural_days_after_po_recur(text: str, extent: str, value: str) -> None:
    assert (extent, "SET", value) in _tags(text, "ru")


@pytest.mark.parametrize(("text", "anchor", "value"), [
    # a perfective verb in the non-past is a future: the coming month, though the past one is nearer
    ("Суд огласит приговор в марте.", date(2025, 10, 20), "2026-03"),
    ("Мэрия откроет каток в декабре.", date(2025, 4, 2), "2025-12"),
    ("Парламент изберут в сентябре.", date(2026, 2, 10), "2026-09"),
    # the same verbs in the past, and an imperfective present, stay as they were
    ("Суд огласил приговор в марте.", date(2025, 10, 20), "2025-03"),
    ("Мэрия открыла каток в декабре.", date(2025, 4, 2), "2024-12"),
])
def test_ru_perfective_future_verbs_look_ahead(text: str, anchor: date, value: str) -> None:
    assert [v for _, _, v in _tags(text, "ru", anchor)] == [value]


@pytest.mark.parametrize(("text", "value"), [
    # "дело", "число" end like past verbs ("стало") but are nouns: no past cue next to the date
    ("Суд рассмотрит дело в марте.", "2026-03"),
    ("Комиссия назовёт число мест в марте.", "2026-03"),
])
def test_ru_nouns_in_lo_are_no_past_cue(text: str, value: str) -> None:
    assert [v for _, _, v in _tags(text, "ru", date(2025, 10, 20))] == [value]


# --- counts before a date or an event -------------------------------------------------------------


@pytest.mark.parametrize(("text", "extent", "value"), [
    # counted from the date written after it, not from the last date named before
    ("The ferry sank on May 2. Divers found it ten days after June 1.", "ten days after", "2025-06-11"),
    ("The strike ended two weeks before Easter.", "two weeks before", "2025-04-06"),
    ("Exams start three days after New Year's Day.", "three days after", "2026-01-04"),
])
def test_a_count_before_a_date_is_counted_from_that_date(text: str, extent: str, value: str) -> None:
    assert (extent, "DATE", value) in _tags(text)


def test_a_count_with_nothing_after_still_counts_from_the_last_date() -> None:
    assert ("A week after", "DATE", "2025-05-09") in _tags("The ferry sank on May 2. A week after, divers came.")


@pytest.mark.parametrize(("text", "extent"), [
    ("Two days after the 10th round of talks, the envoys left.", "Two days"),
    ("A month after the 50th anniversary of the treaty, it lapsed.", "A month"),
])
def test_an_ordinal_before_a_noun_is_an_event_not_a_date(text: str, extent: str) -> None:
    assert (extent, "DURATION", "P2D" if extent == "Two days" else "P1M") in _tags(text)


def test_an_ordinal_day_of_month_after_a_count_is_still_a_date() -> None:
    tags = _tags("Payments resumed on May 2. Two days after the 15th, they stopped.")
    assert tags[1][1] == "DATE"


@pytest.mark.parametrize(("text", "extent", "value"), [
    ("The referendum may come in the spring of next year.", "the spring of next year", "2026-SP"),
    ("The dam burst in the summer of last year.", "the summer of last year", "2024-SU"),
])
def test_a_season_of_a_relative_year_is_one_expression(text: str, extent: str, value: str) -> None:
    assert _tags(text) == [(extent, "DATE", value)]


def test_the_fall_of_a_possessive_year_is_no_season() -> None:
    assert _tags("Analysts fear the fall of next year's output.") == [("next year", "DATE", "2026")]


@pytest.mark.parametrize(("text", "extent", "value"), [
    ("Через три дня после 8 марта магазины закрылись.", "Через три дня", "2025-03-11"),
    ("Спустя неделю после 20 мая начался ремонт.", "Спустя неделю", "2025-05-27"),
])
def test_ru_a_count_before_posle_a_date_counts_from_that_date(text: str, extent: str, value: str) -> None:
    assert (extent, "DATE", value) in _tags(text, "ru")


@pytest.mark.parametrize("text", ["Водитель в возрасте 52 лет скончался.", "Ей исполнилось 90 лет.",
                                  "Ему было 18 лет от роду."])
def test_ru_an_age_in_years_is_no_time(text: str) -> None:
    assert _tags(text, "ru") == []


def test_ru_a_stretch_in_years_is_still_a_duration() -> None:
    assert _tags("Спор длится 30 лет.", "ru") == [("30 лет", "DURATION", "P30Y")]


def test_ru_za_poslednie_plural_is_the_past() -> None:
    assert _tags("За последние месяцы цены выросли.", "ru") == [("последние месяцы", "DATE", "PAST_REF")]


def test_ru_an_anniversary_since_an_event_is_still_a_duration() -> None:
    assert ("120 лет", "DURATION", "P120Y") in _tags("В мае исполнилось 120 лет со дня основания завода.", "ru")


@pytest.mark.parametrize("text", ["The state daily Izvestia printed the decree.",
                                  "An editorial in the business weekly Profil attacked the plan."])
def test_a_newspaper_called_daily_or_weekly_is_no_set(text: str) -> None:
    assert _tags(text) == []


@pytest.mark.parametrize("text", ["The ferry sails daily from May to October.", "The bulletin is issued weekly."])
def test_daily_and_weekly_as_adverbs_are_still_sets(text: str) -> None:
    assert _tags(text)[0][1] == "SET"


# --- the two ends of a range are in order -----------------------------------------------------------


@pytest.mark.parametrize(("text", "lang", "values"), [
    # Wednesday 2025-07-16: a future range that ends on "Wednesday" ends next week, not today
    ("Bus drivers will strike from Monday until Wednesday.", "en", ["2025-07-21", "2025-07-23"]),
    # a past range over the turn of the year starts the year before
    ("The ice fair ran from November to February.", "en", ["2024-11", "2025-02"]),
    # a present range over the turn of the year ends the year after
    ("The ski season lasts from November to April.", "en", ["2025-11", "2026-04"]),
    ("Движение закроют с понедельника по среду.", "ru", ["2025-07-21", "2025-07-23"]),
])
def test_the_ends_of_a_range_are_in_order(text: str, lang: str, values: list[str]) -> None:
    assert [v for _, _, v in _tags(text, lang)] == values


@pytest.mark.parametrize(("text", "values"), [
    ("The museum was shut from Monday until Wednesday.", ["2025-07-14", "2025-07-16"]),
    ("Talks ran from December 2024 to March.", ["2024-12", "2025-03"]),
])
def test_a_range_already_in_order_is_left_alone(text: str, values: list[str]) -> None:
    assert [v for _, _, v in _tags(text)] == values


@pytest.mark.parametrize(("text", "extent", "mod"), [
    ("Repairs should finish by the end of the fourth quarter.", "the end of the fourth quarter", "END"),
    ("Hiring slowed at the start of the second half.", "the start of the second half", "START"),
])
def test_an_edge_of_a_quarter_or_half_is_in_the_extent(text: str, extent: str, mod: str) -> None:
    hits = [(t.text, t.mod) for t in tag_times(text, language="en", anchor=DOC)]
    assert hits == [(extent, mod)]


def test_the_end_of_a_rally_named_after_a_quarter_is_not_the_quarters_end() -> None:
    assert [t for t, _, _ in _tags("The end of the fourth-quarter rally surprised traders.")] == ["the fourth-quarter"]
