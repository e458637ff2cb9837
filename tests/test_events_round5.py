"""Event typing, round 5 of issue #10 (h-events5): classes of error a new-user review found in
real news.  Each test names the mechanism it checks and fails when it is removed; the sentences
are invented for these tests and appear in no evaluation set.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from dossier.analyze.pipeline import Analyzer
from dossier.analyze.records import analysis_records
from dossier.model import Article

PUBLISHED = datetime(2026, 6, 2, 9, 0)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def events(analyzer: Analyzer, text: str, language: str = "en") -> list[dict[str, Any]]:
    article = Article(text=text, published=PUBLISHED, language=language, origin="t.txt")
    return [r for r in analysis_records(article, analyzer.analyze(article)) if r["type"] == "event"]


def coded(analyzer: Analyzer, text: str, language: str = "en") -> dict[str, Any] | None:
    """The main event with a PLOVER category, as ``eval/plover.py`` picks it."""
    evs = sorted((r for r in events(analyzer, text, language) if r.get("plover")), key=lambda r: r["start"])
    mains = [r for r in evs if r.get("main")]
    return (mains or evs or [None])[0]


# --- modality: "fail" split from its "to" ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Coalition partners failed late on Thursday to agree on a new speaker.",
        "The envoys failed, yet again, to reach a deal on grazing rights.",
    ],
)
def test_fail_with_words_before_its_to_negates_the_agreement(analyzer: Analyzer, text: str) -> None:
    ev = coded(analyzer, text)
    assert ev is not None and ev["plover"] == "REJECT" and ev["modality"] == "negated"


def test_fail_in_another_clause_does_not_negate(analyzer: Analyzer) -> None:
    ev = coded(analyzer, "Talks had failed in May, but the unions agreed on Monday to a new offer.")
    assert ev is not None and ev["plover"] == "AGREE"


# --- a work stoppage or an incident reported by what it did -------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The strike halted all flights out of the regional airport.", "en"),
        ("A walkout by cleaners shut three stations on Friday.", "en"),
        ("Забастовка водителей парализовала движение автобусов.", "ru"),
    ],
)
def test_strike_as_subject_of_a_verb_of_effect_is_a_protest(analyzer: Analyzer, text: str, language: str) -> None:
    ev = coded(analyzer, text, language)
    assert ev is not None and ev["plover"] == "PROTEST"


def test_strike_noun_without_a_verb_of_effect_stays_background(analyzer: Analyzer) -> None:
    kinds = {e["kind"] for e in events(analyzer, "The strike fund is nearly empty.")}
    assert "PROTEST" not in kinds


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("A landslide buried two houses above the village.", "en"),
        ("The freighter skidded off the runway at Tromso.", "en"),
        ("Вертолёт совершил вынужденную посадку в тундре.", "ru"),
        ("Заморозки уничтожили часть урожая винограда.", "ru"),
    ],
)
def test_incident_nouns_and_verbs_are_disasters_with_no_category(analyzer: Analyzer, text: str, language: str) -> None:
    evs = events(analyzer, text, language)
    assert any(e["kind"] == "DISASTER" for e in evs)
    assert all(e.get("plover") is None for e in evs)


# --- non-event senses ---------------------------------------------------------------------------


def test_subject_of_a_copula_is_a_noun_not_a_verb(analyzer: Analyzer) -> None:
    evs = events(analyzer, "Climate finance is far short of what coastal states need, the study found.")
    assert not any(e["kind"] == "AID" for e in evs)


def test_packaging_is_no_aid_package(analyzer: Analyzer) -> None:
    evs = events(analyzer, "The council extended the levy to cardboard packaging.")
    assert not any(e["kind"] == "AID" for e in evs)


# --- roles: the one who reacted -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "actor"),
    [
        ("The execution drew condemnation from the European Union.", "en", "European Union"),
        ("Запрет вызвал осуждение со стороны ООН.", "ru", "United Nations"),
    ],
)
def test_reaction_drawn_from_someone_names_them_as_actor(
    analyzer: Analyzer, text: str, language: str, actor: str
) -> None:
    ev = coded(analyzer, text, language)
    assert ev is not None and ev["plover"] == "DISAPPROVE"
    assert actor in ev["actors"]


# --- Russian statement with no subject ------------------------------------------------------------


def test_ru_institution_in_place_phrase_speaks_for_its_clause(analyzer: Analyzer) -> None:
    ev = coded(analyzer, "В МВД заявили, что арестованы трое организаторов.", "ru")
    assert ev is not None and ev["plover"] == "COERCE" and ev["actors"] == ["МВД"]


def test_ru_refusal_to_accept_terms_is_a_rejection(analyzer: Analyzer) -> None:
    ev = coded(analyzer, "Профсоюз заявил, что не примет условия компании.", "ru")
    assert ev is not None and ev["plover"] == "REJECT"


# --- round 5, second batch ----------------------------------------------------------------------


def test_call_x_a_y_for_is_naming_not_a_demand(analyzer: Analyzer) -> None:
    ev = coded(analyzer, 'The farmers\' union called the verdict "a win for rural families."')
    assert ev is None or ev["plover"] != "DEMAND"


def test_call_on_someone_for_something_is_still_a_demand(analyzer: Analyzer) -> None:
    ev = coded(analyzer, "Amnesty called on the police for restraint.")
    assert ev is not None and ev["plover"] == "DEMAND"


@pytest.mark.parametrize(
    ("text", "language"),
    [("The governor called the verdict a travesty.", "en"), ("Губернатор назвал приговор фарсом.", "ru")],
)
def test_naming_by_a_pejorative_noun_is_disapproval(analyzer: Analyzer, text: str, language: str) -> None:
    ev = coded(analyzer, text, language)
    assert ev is not None and ev["plover"] == "DISAPPROVE"


def test_plural_possessive_makes_the_trigger_a_noun(analyzer: Analyzer) -> None:
    ev = coded(analyzer, "Stevedores' strike enters its second week")
    assert ev is not None and ev["plover"] == "PROTEST"


def test_indefinite_noun_is_no_mention_of_a_failed_agreement(analyzer: Analyzer) -> None:
    text = (
        "Fishing nations failed on Friday to agree on catch limits.\n\n"
        '"There is still hope for an agreement next month," a delegate said.'
    )
    evs = events(analyzer, text)
    assert not any(e["kind"] == "AGREE" and e["modality"] != "negated" for e in evs)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Two towns were placed under quarantine after a cholera outbreak.", "en"),
        ("Власти закрыли на карантин три детских сада.", "ru"),
    ],
)
def test_quarantine_imposed_on_a_place_is_coercion(analyzer: Analyzer, text: str, language: str) -> None:
    ev = coded(analyzer, text, language)
    assert ev is not None and ev["plover"] == "COERCE"


def test_ru_reaction_drawn_with_an_adjective_between(analyzer: Analyzer) -> None:
    ev = coded(analyzer, "Закон вызвал жёсткую критику со стороны журналистов.", "ru")
    assert ev is not None and ev["plover"] == "DISAPPROVE" and ev["actors"] == ["журналистов"]


def test_noun_plan_as_subject_is_no_cue_of_intent(analyzer: Analyzer) -> None:
    ev = coded(analyzer, "The peace plan drew support from the Arab League.")
    assert ev is not None and ev["plover"] == "SUPPORT" and ev["modality"] == "asserted"
    assert ev["actors"] == ["Arab League"]


def test_plan_with_its_content_still_marks_intent(analyzer: Analyzer) -> None:
    ev = coded(analyzer, "Chile plans talks with Bolivia next month.")
    assert ev is not None and ev["plover"] == "AGREE" and ev["modality"] == "planned"


def test_ru_forces_withdrawn_in_the_short_passive(analyzer: Analyzer) -> None:
    ev = coded(analyzer, "Артиллерийские подразделения отведены от линии фронта.", "ru")
    assert ev is not None and ev["plover"] == "RETREAT"
