"""Event typing, round 7 of issue #10 (h-plover7): mechanisms that read the shape of the clause
(who the subject is, what a verb carries, where a name ends) rather than listing more words.
Each test names the mechanism it checks and fails when it is removed; the sentences are written
for these tests and appear in no evaluation set.
"""

from __future__ import annotations

import pytest

from dossier.analyze.eventing.lexicon import ru_perfective_past, tokenize
from dossier.analyze.eventing.subjects import holder_phrase, plain_subject, possessor_phrase
from dossier.analyze.pipeline import Analyzer
from test_events_support import category, coded


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


# --- a plain noun phrase before the verb is its subject -----------------------------------------


def test_plain_subject_reads_the_noun_phrase_that_opens_the_clause() -> None:
    toks = tokenize("The harbour police quietly impounded a yacht.", 0, "en")
    assert plain_subject(toks, 4, "en") == "harbour police"  # an adverb between is skipped
    toks = tokenize("The harbour police impounded a yacht.", 0, "en")
    assert plain_subject(toks, 3, "en") == "harbour police"


def test_plain_subject_is_not_read_inside_a_prepositional_phrase() -> None:
    toks = tokenize("Boats seized by the river patrol sank.", 0, "en")
    assert plain_subject(toks, 6, "en") is None  # "by the river patrol": an agent phrase, not a subject


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The ferry company gave in to the crews' demands.", "CONCEDE"),
        ("The lighthouse authority detained a smuggling boat on Monday.", "COERCE"),
        ("The provincial garrison put its reservists on alert.", "MOBILIZE"),
    ],
)
def test_verb_with_an_unlisted_noun_subject_is_reported(analyzer: Analyzer, text: str, kind: str) -> None:
    ev = coded(analyzer, text)
    assert ev is not None and ev["plover"] == kind
    assert ev["actors"], "the noun phrase before the verb is the actor"


def test_an_event_noun_as_subject_is_no_actor(analyzer: Analyzer) -> None:
    # the subject is a hazard, not someone who acted: no arson, no assault
    assert category(analyzer, "A freak storm set the barn on fire.") == "NONE"


def test_russian_nominative_subject_is_read(analyzer: Analyzer) -> None:
    assert category(analyzer, "Ведомство выслало двух атташе.", "ru") == "SANCTION"


# --- a verb swept into a name ends it ------------------------------------------------------------


def test_verb_inside_a_recognised_name_is_still_a_trigger(analyzer: Analyzer) -> None:
    # the recogniser may read "Министерство выслало" as one organisation; the verb is the clause's
    assert category(analyzer, "Министерство выслало консула Боровии.", "ru") == "SANCTION"


# --- Russian infinitives match the past-stem lexicon ---------------------------------------------


def test_infinitive_gets_its_past_form() -> None:
    assert ru_perfective_past("перебросить") == "перебросил"
    assert ru_perfective_past("переброска") == ""  # a noun is no verb form


def test_troops_moved_after_an_order_are_mobilised(analyzer: Analyzer) -> None:
    assert category(analyzer, "Генштаб распорядился перебросить войска к перевалу.", "ru") == "MOBILIZE"


# --- what a carrying verb carries decides its kind -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The charity flew blankets and medicine to the mountain towns.", "en"),
        ("Army trucks ferried food to the cut-off valley.", "en"),
        ("Фонд направил в посёлок палатки и лекарства.", "ru"),
    ],
)
def test_relief_goods_make_a_carrying_verb_aid(analyzer: Analyzer, text: str, language: str) -> None:
    assert category(analyzer, text, language) == "AID"


def test_a_carrying_verb_with_no_cargo_is_no_event(analyzer: Analyzer) -> None:
    assert category(analyzer, "The pilot flew the plane to the coast.") == "NONE"


def test_troops_ordered_to_a_place_are_mobilised(analyzer: Analyzer) -> None:
    assert category(analyzer, "The general ordered two brigades to the river crossing.") == "MOBILIZE"
    # a verb after "to" keeps the older reading: the act ordered is the event
    assert category(analyzer, "The general ordered his troops to attack the bridge.") == "FIGHT"


def test_bare_noun_between_light_verb_and_event_noun_compounds(analyzer: Analyzer) -> None:
    assert category(analyzer, "The Red Cross resumed medicine deliveries to the prison.") == "AID"


def test_declared_state_of_emergency_is_coercion(analyzer: Analyzer) -> None:
    assert category(analyzer, "The governor declared a state of emergency in the delta.") == "COERCE"


# --- acceding to demands ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The mine owners agreed to meet the workers' demands.", "en"),
        ("Дирекция согласилась выполнить требования бастующих.", "ru"),
    ],
)
def test_agreeing_to_demands_is_a_concession(analyzer: Analyzer, text: str, language: str) -> None:
    assert category(analyzer, text, language) == "CONCEDE"


def test_agreeing_to_talks_stays_agreement(analyzer: Analyzer) -> None:
    assert category(analyzer, "The mine owners agreed to hold talks with the union next week.") == "AGREE"


# --- a resignation heading the subject ----------------------------------------------------------


def test_holder_phrases() -> None:
    toks = tokenize("The harbour master's resignation follows the spill.", 0, "en")
    assert possessor_phrase(toks, 3) == "harbour master"
    toks = tokenize("Resignation of the league treasurer follows audit", 0, "en")
    assert holder_phrase(toks, 0, "en") == "league treasurer"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The harbour master's resignation follows the oil spill.", "en"),
        ("Resignation of the league treasurer follows weeks of pressure", "en"),
        ("Отставка главного инженера последовала за аварией.", "ru"),
    ],
)
def test_resignation_heading_the_subject_is_reported(analyzer: Analyzer, text: str, language: str) -> None:
    assert category(analyzer, text, language) == "CONCEDE"


# --- negation and denial ------------------------------------------------------------------------


def test_russian_genitive_of_negation_negates_the_event(analyzer: Analyzer) -> None:
    assert category(analyzer, "Обстрелов в районе порта вчера не было.", "ru") == "NONE"
    assert category(analyzer, "Обстрелы района порта продолжались всю ночь.", "ru") == "FIGHT"


def test_denied_reports_govern_the_clause_they_name(analyzer: Analyzer) -> None:
    text = "The garrison denied local media reports that its soldiers had shelled the market."
    assert category(analyzer, text) == "NONE"


def test_a_trigger_word_modifying_the_subject_head_keeps_the_subject(analyzer: Analyzer) -> None:
    # "Relief" is an event word, but the head of the subject is "helicopters": they acted
    ev = coded(analyzer, "Relief helicopters airlifted rice to the island.")
    assert ev is not None and ev["plover"] == "AID"
    assert ev["actors"] == ["Relief helicopters"]


@pytest.mark.parametrize(
    "text",
    [
        "The outcome was better than forecast and helped to lift the bank's shares.",
        "Sales grew as the market built up its stocks before the holidays.",
    ],
)
def test_no_plain_subject_across_a_clause_or_for_a_market(text: str) -> None:
    toks = tokenize(text, 0, "en")
    verb = next(i for i, t in enumerate(toks) if t.lower in ("helped", "built"))
    assert plain_subject(toks, verb, "en") is None


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("The agency offers training to new staff.", "offers"),  # a present: what is usual
        ("Numbers released by the office showed a rise.", "released"),  # a participle
        ("Soldiers released earlier this month went home.", "released"),  # a participle
    ],
)
def test_plain_subject_only_for_a_past_verb(text: str, verb: str) -> None:
    toks = tokenize(text, 0, "en")
    assert plain_subject(toks, [t.text for t in toks].index(verb), "en") is None
