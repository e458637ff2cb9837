"""Events an analyst checks in news from other domains (issue #10): who made a statement,
when it was made, a natural disaster's toll, an event negated by "no".

The sentences are invented for these tests.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from dossier.analyze.pipeline import Analyzer
from dossier.model import Article, DocAnalysis, Event

PUBLISHED = datetime(2026, 6, 4, 9, 0)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def run(analyzer: Analyzer, text: str, language: str) -> DocAnalysis:
    return analyzer.analyze(Article(text=text, published=PUBLISHED, language=language, origin="t.txt"))


def _statements(an: DocAnalysis) -> list[Event]:
    return [e for e in an.events if e.kind == "STATEMENT"]


def test_ru_name_inside_what_was_said_is_not_the_statements_actor(analyzer: Analyzer) -> None:
    an = run(analyzer, "В МИД Латвии подчеркнули, что Рига не намерена закрывать границу.", "ru")
    (st,) = _statements(an)
    assert "Рига" not in st.actors and "Riga" not in st.actors


def test_en_company_in_the_speakers_title_is_not_the_actor(analyzer: Analyzer) -> None:
    text = '"We will grow," Lakeside Bank chief executive Nora Quinn told reporters.'
    (st,) = _statements(run(analyzer, text, "en"))
    assert st.actors == ("Nora Quinn",)


def test_ru_date_inside_the_reported_clause_does_not_date_the_statement(analyzer: Analyzer) -> None:
    text = "Министр Павел Орлов заявил, что завод откроют в следующем году."
    (st,) = _statements(run(analyzer, text, "ru"))
    assert st.date is None or not st.date.startswith("2027")


def test_en_date_inside_the_reported_clause_does_not_date_the_statement(analyzer: Analyzer) -> None:
    text = "The mayor, Tom Reyes, said on Tuesday that the bridge would reopen in September."
    (st,) = _statements(run(analyzer, text, "en"))
    assert st.date == "2026-06-02"


def test_en_earthquake_toll_is_no_assault(analyzer: Analyzer) -> None:
    text = "A strong earthquake hit the coast on Monday, killing nine people and damaging a hospital."
    events = run(analyzer, text, "en").events
    kinds = {e.kind for e in events}
    assert "DISASTER" in kinds
    assert not kinds & {"ASSAULT", "FIGHT", "COERCE"}
    assert [e.actors for e in events if e.kind == "DIE"] == [()]  # the deaths, done by no one


def test_en_killing_by_gunmen_after_a_storm_mention_is_still_an_assault(analyzer: Analyzer) -> None:
    text = "Days after the storm, gunmen killed four aid workers near the port."
    kinds = {e.kind for e in run(analyzer, text, "en").events}
    assert kinds & {"ASSAULT", "FIGHT"}


def test_en_no_before_the_event_noun_negates_it(analyzer: Analyzer) -> None:
    text = "No warning was issued before the dam burst, officials said."
    warnings = [e for e in run(analyzer, text, "en").events if e.kind == "THREATEN"]
    assert warnings
    assert all(e.modality == "negated" for e in warnings)


def test_en_no_doubt_does_not_negate_the_event(analyzer: Analyzer) -> None:
    text = "There is no doubt that rebels attacked the convoy on Friday."
    an = run(analyzer, text, "en")
    assert any(e.kind in {"FIGHT", "ASSAULT"} and e.modality != "negated" for e in an.events)


def test_ru_club_in_the_speakers_title_is_not_the_statements_actor(analyzer: Analyzer) -> None:
    text = "Тренер «Ротора» Олег Карпов после матча, отвечая на вопросы, признал, что команда устала."
    (st,) = _statements(run(analyzer, text, "ru"))
    assert st.actors == ("Олег Карпов",)


def test_en_place_inside_an_untagged_body_is_not_the_statements_actor(analyzer: Analyzer) -> None:
    text = "The Oregon Water Board's office said it would review the permits."
    (st,) = _statements(run(analyzer, text, "en"))
    assert st.actors and "Oregon" not in st.actors  # the body (tagged or as written), never the state


def test_ru_name_inside_the_report_never_becomes_the_statements_actor(analyzer: Analyzer) -> None:
    text = "Компания перенесла запуск спутника «Луч-7» на весну, сообщили в понедельник в пресс-службе."
    an = run(analyzer, text, "ru")
    assert all("Луч-7" not in e.actors for e in _statements(an))
