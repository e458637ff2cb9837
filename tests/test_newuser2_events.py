"""Events a new analyst checks in news from domains the other tests do not cover (aviation,
mining, public health, universities, courts, climate talks; issue #10): who acted, what kind of
event it was and when.

The sentences are invented for these tests.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from dossier.analyze.pipeline import Analyzer
from dossier.model import Article, DocAnalysis, Event

PUBLISHED = datetime(2026, 10, 7, 9, 0)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def run(analyzer: Analyzer, text: str, language: str = "en") -> DocAnalysis:
    return analyzer.analyze(Article(text=text, published=PUBLISHED, language=language, origin="t.txt"))


def _of(an: DocAnalysis, kind: str) -> list[Event]:
    return [e for e in an.events if e.kind == kind]


def test_country_after_the_city_in_a_dateline_is_no_actor(analyzer: Analyzer) -> None:
    text = "TEMUCO, Chile, Oct 7 (Wire) - Rescue teams on Tuesday freed four workers from a flooded shaft."
    an = run(analyzer, text)
    assert an.events
    assert all("Chile" not in e.actors for e in an.events)


def test_name_inside_an_indefinite_of_phrase_is_no_actor(analyzer: Analyzer) -> None:
    text = "The rector of a Krakow university resigned on Monday after students protested against the fees."
    an = run(analyzer, text)
    assert all("Krakow" not in e.actors for e in an.events)
    protests = [e for e in an.events if e.trigger.startswith("protested")]
    assert protests and protests[0].actors == ("students",)


@pytest.mark.parametrize(
    "text",
    [
        "A cargo plane crashed near the border on Sunday, killing all six crew members.",
        "A dengue outbreak in the province has killed at least 40 people since June.",
        "A small airliner skidded off the runway while landing on Friday, injuring nine of the 40 people on board.",
    ],
)
def test_accident_or_disease_toll_is_no_assault(analyzer: Analyzer, text: str) -> None:
    kinds = {e.kind for e in run(analyzer, text).events}
    assert not kinds & {"ASSAULT", "FIGHT"}
    assert kinds & {"DIE", "DISASTER"}


def test_injuries_are_no_deaths(analyzer: Analyzer) -> None:
    text = "A small airliner skidded off the runway while landing on Friday, injuring nine of the 40 people on board."
    assert not _of(run(analyzer, text), "DIE")


def test_anonymous_source_is_neither_a_request_nor_a_quote(analyzer: Analyzer) -> None:
    text = "The deal is close, according to two negotiators who asked not to be named."
    an = run(analyzer, text)
    assert not _of(an, "REQUEST")
    assert [q.text for q in an.quotes] == ["The deal is close"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The head teacher will return to teaching in the spring.", "RETREAT"),
        ("It was a day of relief for the crew's families, the mayor said.", "AID"),
        ("Finance Minister Lina Sousa told reporters that revenue had grown.", "AID"),
    ],
)
def test_non_event_uses_of_trigger_words(analyzer: Analyzer, text: str, kind: str) -> None:
    assert not _of(run(analyzer, text), kind)


def test_ru_referee_penalty_is_no_appointment(analyzer: Analyzer) -> None:
    text = "Арбитр назначил пенальти в ворота хозяев на последней минуте."
    assert not _of(run(analyzer, text, "ru"), "APPOINT")


def test_ru_appointment_stays(analyzer: Analyzer) -> None:
    text = "Губернатор назначил Олега Панова министром здравоохранения области."
    assert _of(run(analyzer, text, "ru"), "APPOINT")


def test_date_in_a_relative_clause_does_not_date_the_main_event(analyzer: Analyzer) -> None:
    text = "Dr Amal Haddad, who had run the hospital since 2019, said she would step down."
    an = run(analyzer, text)
    assert an.events
    assert all(e.date != "2019" for e in an.events)


def test_date_inside_what_was_said_does_not_date_the_other_act(analyzer: Analyzer) -> None:
    text = "The dean praised the staff and said the faculty would review its rules by the end of the year."
    an = run(analyzer, text)
    praise = [e for e in an.events if e.trigger.startswith("praised")]
    assert praise and praise[0].date is None


def test_ru_subject_of_a_short_passive_is_the_target(analyzer: Analyzer) -> None:
    text = "Бывший глава района Олег Климов был задержан в аэропорту Пулково."
    (ev,) = _of(run(analyzer, text, "ru"), "COERCE")
    assert ev.actors == ()
    assert ev.targets == ("Олег Климов",)


def test_time_word_is_never_a_target(analyzer: Analyzer) -> None:
    text = "The council said it would extend the smoking ban to beaches from March 2027."
    an = run(analyzer, text)
    assert an.events
    assert all("March" not in t for e in an.events for t in e.targets)


def test_talks_that_collapse_are_no_disaster(analyzer: Analyzer) -> None:
    an = run(analyzer, "The strike began after talks with the port operators over overtime pay collapsed.")
    assert not _of(an, "DISASTER")
    an = run(analyzer, "Part of the tunnel roof collapsed on Sunday, trapping three miners.")
    assert _of(an, "DISASTER")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Глава минздрава заявил, что больницы готовы к наплыву пациентов.", "AGREE"),
        ("По версии следствия, чиновник получил от подрядчика пять миллионов рублей.", "INVESTIGATE"),
    ],
)
def test_ru_non_event_uses_of_trigger_words(analyzer: Analyzer, text: str, kind: str) -> None:
    assert not _of(run(analyzer, text, "ru"), kind)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The dealer sold her a used Audi Q3 last year.", None),
        ("In Q3 the port handled 2 million containers.", "2026-Q3"),
    ],
)
def test_model_name_after_a_brand_is_no_quarter(analyzer: Analyzer, text: str, value: str | None) -> None:
    values = [t.value for t in run(analyzer, text).times]
    assert ("2026-Q3" in values or "2025-Q3" in values) == (value is not None)
