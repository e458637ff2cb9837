"""Event typing, round 6 of issue #10 (h-plover6): mechanisms that make the event kinds carry
to reports unlike the ones the rules were studied on.  Each test names the mechanism it checks
and fails when it is removed; the sentences are written for these tests and appear in no
evaluation set.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from dossier.analyze.eventing.lexicon import ru_future, ru_perfective_past, tokenize
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


# --- Russian perfective non-past verbs are futures ----------------------------------------------


@pytest.mark.parametrize(
    ("word", "past"),
    [("направит", "направил"), ("согласится", "согласился"), ("выплатят", "выплатил")],
)
def test_perfective_non_past_gets_its_past_form(word: str, past: str) -> None:
    assert ru_perfective_past(word) == past


@pytest.mark.parametrize("word", ["направил", "расследует", "может", "хочет", "будет", "задержание"])
def test_past_imperfective_biaspectual_and_nouns_are_no_future(word: str) -> None:
    # "расследует" is also an imperfective present: it stays an ongoing act, not a plan
    assert ru_future(word) == ""


def test_tokens_carry_the_past_form_only_for_futures() -> None:
    toks = tokenize("Фонд перечислит деньги", 0, "ru")
    assert [t.past for t in toks] == ["", "перечислил", ""]


@pytest.mark.parametrize(
    "text",
    [
        "Фонд направит в районы наводнения продовольствие и палатки.",
        "Губернатор области согласится на переговоры с забастовщиками.",
    ],
)
def test_russian_future_of_a_cooperative_act_is_an_intention(analyzer: Analyzer, text: str) -> None:
    ev = coded(analyzer, text, "ru")
    assert ev is not None and ev["modality"] == "planned" and ev["plover"] == "AGREE"


def test_russian_past_of_the_same_verb_stays_asserted(analyzer: Analyzer) -> None:
    ev = coded(analyzer, "Фонд направил в районы наводнения продовольствие и палатки.", "ru")
    assert ev is not None and ev["modality"] == "asserted" and ev["plover"] == "AID"


def test_russian_future_resignation_is_no_past_concession(analyzer: Analyzer) -> None:
    ev = coded(analyzer, "Ректор университета уйдёт в отставку летом.", "ru")
    assert ev is not None and ev["kind"] == "CONCEDE" and ev["modality"] == "planned"
    assert ev["plover"] == "AGREE"


# --- resigning: the verb, the noun and their frames ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The water board's chairwoman announced her resignation on Thursday.",
        "The deputy governor tendered his resignation after the audit.",
        "Resignation of transport chief accepted by cabinet",
        "The party leader stepped aside after the defeat.",
    ],
)
def test_english_resignation_frames_are_concessions(analyzer: Analyzer, text: str) -> None:
    ev = coded(analyzer, text)
    assert ev is not None and ev["plover"] == "CONCEDE"


@pytest.mark.parametrize(
    "text",
    [
        "Ректор объявил об отставке после проверки.",
        "Глава агентства подал прошение об отставке.",
        "Директор музея покинул свой пост после скандала.",
    ],
)
def test_russian_resignation_frames_are_concessions(analyzer: Analyzer, text: str) -> None:
    ev = coded(analyzer, text, "ru")
    assert ev is not None and ev["plover"] == "CONCEDE"


def test_demanding_a_resignation_stays_a_demand(analyzer: Analyzer) -> None:
    ev = coded(analyzer, "Students demanded the resignation of the rector.")
    assert ev is not None and ev["plover"] == "DEMAND"


def test_refusing_to_resign_in_russian_is_a_refusal(analyzer: Analyzer) -> None:
    ev = coded(analyzer, "Премьер-министр отказался покинуть свой пост.", "ru")
    assert ev is not None and ev["plover"] == "REJECT"


# --- directives: "ordered X to <verb>" ----------------------------------------------------------


def test_order_to_act_is_a_demand(analyzer: Analyzer) -> None:
    ev = coded(analyzer, "The appeals court ordered the city to repay the fees within a year.")
    assert ev is not None and ev["plover"] == "DEMAND" and ev["actors"]


@pytest.mark.parametrize(
    "text",
    [
        "The governor ordered the relocation of families to higher ground.",  # a preposition in X
        "The commander ordered troops to the river crossing.",  # no verb after "to"
    ],
)
def test_order_without_a_demand_frame_is_no_demand(analyzer: Analyzer, text: str) -> None:
    ev = coded(analyzer, text)
    assert ev is None or ev["plover"] != "DEMAND"


def test_order_to_armed_forces_codes_their_act(analyzer: Analyzer) -> None:
    ev = coded(analyzer, "The general ordered soldiers to shell the bridge.")
    assert ev is not None and ev["plover"] == "FIGHT"


# --- families met in elections, sport, protest and aid reports ----------------------------------


@pytest.mark.parametrize(
    ("text", "language", "plover"),
    [
        ("The election board disqualified the mayor from the race.", "en", "COERCE"),
        ("Избирательная комиссия сняла кандидата с выборов.", "ru", "COERCE"),
        ("Антидопинговое агентство дисквалифицировало штангиста.", "ru", "COERCE"),
        ("The cycling union suspended the national federation over unpaid dues.", "en", "SANCTION"),
        ("Villagers blocked the railway to protest against the landfill.", "en", "PROTEST"),
        ("Медики покинули больницу в знак протеста.", "ru", "PROTEST"),
        ("Medical convoy reaches quake-hit valley", "en", "AID"),
    ],
)
def test_new_domain_families(analyzer: Analyzer, text: str, language: str, plover: str) -> None:
    ev = coded(analyzer, text, language)
    assert ev is not None and ev["plover"] == plover


def test_russian_company_noun_is_an_actor(analyzer: Analyzer) -> None:
    # a compound company noun ("автоконцерн") and a head of office ("премьер") are participants
    ev = coded(analyzer, "Автоконцерн согласился отозвать машины.", "ru")
    assert ev is not None and ev["plover"] == "AGREE" and ev["actors"]


# --- unknown time and negation stay unasserted --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The agency would not say when the vaccines would be delivered.", "en"),
        ("В ведомстве не сообщили, когда направят помощь.", "ru"),
        ("No resignation has been offered, the spokesman said.", "en"),
    ],
)
def test_questions_and_negations_are_not_asserted_events(analyzer: Analyzer, text: str, language: str) -> None:
    asserted = [e for e in events(analyzer, text, language) if e["modality"] == "asserted" and e["plover"]]
    assert asserted == []


# --- an event noun heading the subject, with its own participant --------------------------------


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("The kidnapping of the mayor by gunmen has alarmed the region.", "ASSAULT"),
        ("The rejection of the budget by the senate has deepened the crisis.", "REJECT"),
    ],
)
def test_subject_event_noun_with_participant_is_reported(analyzer: Analyzer, text: str, plover: str) -> None:
    ev = coded(analyzer, text)
    assert ev is not None and ev["plover"] == plover


@pytest.mark.parametrize(
    "text",
    [
        "Since the kidnapping of the mayor by gunmen, prices have risen.",  # inside a clause
        "The talks with the envoys were a waste of time.",  # no participant after of/by/from
    ],
)
def test_background_event_noun_stays_unreported(analyzer: Analyzer, text: str) -> None:
    assert coded(analyzer, text) is None


# --- an object word that modifies a noun for people -----------------------------------------


def test_object_word_modifying_people_leaves_the_verb_alone(analyzer: Analyzer) -> None:
    ev = coded(analyzer, "The militia released six aid workers on Sunday.")
    assert ev is not None and ev["plover"] == "RETREAT"


def test_object_word_modifier_keeps_the_line_without_a_one_word_reading(analyzer: Analyzer) -> None:
    ev = coded(analyzer, "The charity sent aid workers to the valley.")
    assert ev is not None and ev["plover"] == "AID"


@pytest.mark.parametrize(
    "text",
    ["Сенат отверг поправки к бюджету.", "Хоккеисты пригрозили бойкотом турнира."],
)
def test_russian_legislature_and_sportspeople_are_actors(analyzer: Analyzer, text: str) -> None:
    ev = coded(analyzer, text, "ru")
    assert ev is not None and ev["actors"] and ev["plover"] in ("REJECT", "THREATEN")
