"""Event typing in news domains the lexicons were not written from (issue #10, h-plover4):
labour disputes, courts, elections, maritime incidents, aid, and Russian word order.

Each test names the mechanism it checks; the sentences are invented for these tests and
appear in no evaluation set.  A test fails when the mechanism is removed.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from dossier.analyze.eventing.plover import plover_category
from dossier.analyze.pipeline import Analyzer
from dossier.analyze.records import analysis_records
from dossier.model import Article

PUBLISHED = datetime(2026, 5, 12, 8, 0)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def coded(analyzer: Analyzer, text: str, language: str) -> str | None:
    """The PLOVER category of the sentence's main event, as ``eval/plover.py`` scores it."""
    article = Article(text=text, published=PUBLISHED, language=language, origin="t.txt")
    records = analysis_records(article, analyzer.analyze(article))
    events = sorted((r for r in records if r["type"] == "event" and r.get("plover")), key=lambda r: r["start"])
    mains = [r for r in events if r.get("main")]
    best = (mains or events or [None])[0]
    return best["plover"] if best else None


# --- Russian: the indefinite-personal sentence (the doer left unsaid) -------------------------


def test_ru_plural_verb_with_no_subject_reports_the_act(analyzer: Analyzer) -> None:
    assert coded(analyzer, "В Гродно задержали трёх волонтёров.", "ru") == "COERCE"
    assert coded(analyzer, "Накануне из Бамако выслали двух французских корреспондентов.", "ru") == "COERCE"


def test_ru_singular_verb_with_an_unknown_subject_still_needs_a_participant(analyzer: Analyzer) -> None:
    # a singular verb is no indefinite-personal form: its subject is a word the rules do not know
    assert coded(analyzer, "Ураган задержал отправку грузов.", "ru") is None


# --- Russian: a verb of occurring before or after the event noun -------------------------------


def test_ru_verb_of_occurring_before_the_noun(analyzer: Analyzer) -> None:
    assert coded(analyzer, "В Ташкенте состоялись переговоры по водным ресурсам.", "ru") == "CONSULT"
    assert coded(analyzer, "На окраине города вспыхнули ожесточённые бои.", "ru") == "FIGHT"


def test_ru_event_noun_without_such_a_verb_stays_background(analyzer: Analyzer) -> None:
    assert coded(analyzer, "Переговоры по водным ресурсам остаются сложной темой.", "ru") is None


def test_ru_verb_of_confirming_after_the_nouns_phrase(analyzer: Analyzer) -> None:
    text = "Похищение двух инженеров в провинции Кабу-Делгаду подтвердили в посольстве."
    assert coded(analyzer, text, "ru") == "ASSAULT"


# --- Russian: light verbs and participants after the English lists -----------------------------


def test_ru_light_verbs_enter_and_go_out_on(analyzer: Analyzer) -> None:
    assert coded(analyzer, "Пограничники вступили в бой с контрабандистами.", "ru") == "FIGHT"
    assert coded(analyzer, "Докеры порта Находка вышли на забастовку.", "ru") == "PROTEST"


def test_ru_everyday_participants(analyzer: Analyzer) -> None:
    assert coded(analyzer, "Компания отказалась выплатить компенсацию пассажирам.", "ru") == "REJECT"
    assert coded(analyzer, "Руководство комбината пообещало поднять зарплаты.", "ru") == "AGREE"


def test_ru_searches_code_as_coercion_as_in_english(analyzer: Analyzer) -> None:
    assert coded(analyzer, "Сотрудники полиции провели обыски в редакции газеты.", "ru") == "COERCE"


# --- English: event nouns a verb says took place -----------------------------------------------


def test_en_act_of_violence_as_subject_of_a_result_verb(analyzer: Analyzer) -> None:
    # no participant is named: the verb of result says the skirmish took place
    assert coded(analyzer, "A naval skirmish near the reef left one patrol boat damaged.", "en") == "FIGHT"


def test_en_between_sides_end_at_the_clauses_verb(analyzer: Analyzer) -> None:
    text = "A gun battle between smugglers and border guards left three people wounded."
    article = Article(text=text, published=PUBLISHED, language="en", origin="t.txt")
    (fight,) = [e for e in analyzer.analyze(article).events if e.kind == "FIGHT"]
    assert not any("left" in a for a in fight.actors)
    assert any("guards" in a for a in fight.actors) and any("smugglers" in a for a in fight.actors)


def test_en_result_verb_does_not_report_a_meeting(analyzer: Analyzer) -> None:
    # "left" reports acts of violence only: talks that left people frustrated are background
    assert coded(analyzer, "The talks left many delegates frustrated.", "en") is None


def test_en_event_noun_confirmed_in_the_passive(analyzer: Analyzer) -> None:
    text = "The kidnapping of a ship's engineer off Benin was confirmed by the owners on Monday."
    assert coded(analyzer, text, "en") == "ASSAULT"


# --- Modality: a negated act of force is no event to code ---------------------------------------


def test_negated_act_of_force_has_no_category() -> None:
    assert plover_category("COERCE", "negated") is None
    assert plover_category("FIGHT", "denied") is None
    assert plover_category("CONSULT", "negated") == "REJECT"  # a refusal to cooperate still codes
    assert plover_category("FIGHT", "asserted") == "FIGHT"


def test_en_negated_detention_is_not_coded(analyzer: Analyzer) -> None:
    assert coded(analyzer, "Police did not detain anyone at the rally in Lusaka.", "en") is None


# --- English lexicon families from the codebook ------------------------------------------------


def test_en_an_order_to_do_something_is_a_demand(analyzer: Analyzer) -> None:
    text = "The labour court ordered the mine to reinstate 40 dismissed workers."
    assert coded(analyzer, text, "en") == "DEMAND"


def test_en_suspending_a_body_or_a_member(analyzer: Analyzer) -> None:
    text = "The election commission suspended the registration of two opposition parties."
    assert coded(analyzer, text, "en") == "COERCE"
    text = "The African Union suspended Gabon from the organisation after the coup."
    assert coded(analyzer, text, "en") == "SANCTION"


# --- Second round (wire-style probes): modality, obligations, adjuncts of means ----------------


def test_ru_conditional_clause_after_its_comma(analyzer: Analyzer) -> None:
    text = "Профсоюз пилотов заявил, что отменит забастовку, если авиакомпания повысит зарплаты."
    assert coded(analyzer, text, "ru") == "AGREE"  # a conditional concession is an intent
    article = Article(text=text, published=PUBLISHED, language="ru", origin="t.txt")
    (concede,) = [e for e in analyzer.analyze(article).events if e.kind == "CONCEDE"]
    assert concede.modality == "conditional"


def test_obligation_about_an_occurrence_is_a_demand(analyzer: Analyzer) -> None:
    text = "The bishops said the government must hold local elections before the rainy season."
    assert coded(analyzer, text, "en") == "DEMAND"


def test_support_as_an_adjunct_of_means_is_no_event(analyzer: Analyzer) -> None:
    assert coded(analyzer, "Полиция при поддержке спецназа разогнала митинг.", "ru") == "COERCE"
    assert coded(analyzer, "Troops with the support of drones attacked rebel camps.", "en") == "FIGHT"


def test_ru_families_from_the_english_lines(analyzer: Analyzer) -> None:
    assert coded(analyzer, "Комитет сената начал слушания по делу о закупках.", "ru") == "INVESTIGATE"
    assert coded(analyzer, "Фермеры блокируют трассу у Кракова.", "ru") == "PROTEST"
    assert coded(analyzer, "Индия перебросила к острову патрульные корабли.", "ru") == "MOBILIZE"


def test_ru_reported_clause_without_its_subject_takes_the_speaker(analyzer: Analyzer) -> None:
    # "выводить" is the verb, not the noun "вывод"; its subject is dropped because it is the
    # speaker's; "начнёт" makes it an intention (a planned withdrawal codes as AGREE)
    text = "Армия заявила, что начнёт выводить войска из города."
    article = Article(text=text, published=PUBLISHED, language="ru", origin="t.txt")
    (retreat,) = [e for e in analyzer.analyze(article).events if e.kind == "RETREAT"]
    assert retreat.actors and retreat.modality == "planned"
    assert coded(analyzer, text, "ru") == "AGREE"


# --- Third round (several triggers per sentence): which event the sentence reports ------------


def test_denial_that_introduces_an_indirect_quote(analyzer: Analyzer) -> None:
    text = "The governor denied that soldiers had burned the village."
    article = Article(text=text, published=PUBLISHED, language="en", origin="t.txt")
    hostile = [e for e in analyzer.analyze(article).events if e.kind != "STATEMENT"]
    assert hostile and all(e.modality == "denied" for e in hostile)
    assert coded(analyzer, text, "en") is None


def test_relative_clause_closed_by_a_comma_does_not_swallow_the_main_verb(analyzer: Analyzer) -> None:
    text = "The governor, who has been criticised for the evictions, met tenant leaders on Friday."
    assert coded(analyzer, text, "en") == "CONSULT"


def test_threats_content_is_its_infinitive_not_the_next_clause(analyzer: Analyzer) -> None:
    text = "Gangs who had threatened to stop the vote abducted a candidate."
    assert coded(analyzer, text, "en") == "ASSAULT"


def test_ru_participial_phrase_describes_a_participant(analyzer: Analyzer) -> None:
    text = "Повстанцы, обещавшие сложить оружие, атаковали конвой."
    assert coded(analyzer, text, "ru") == "FIGHT"


def test_bare_quantity_subject_reports_the_act(analyzer: Analyzer) -> None:
    assert coded(analyzer, "Thousands marched through Lusaka on Saturday.", "en") == "PROTEST"


def test_ru_response_promised_on_a_condition_is_a_threat(analyzer: Analyzer) -> None:
    text = "Тегеран заявил, что ответит, если санкции будут расширены."
    assert coded(analyzer, text, "ru") == "THREATEN"


def test_en_verb_of_occurring_alone_does_not_stand_for_participants(analyzer: Analyzer) -> None:
    # "begin" says a battle would take place, but no one is named and it is a business contest
    text = "One broker suggested that a bidding battle may now begin for the brewer."
    assert coded(analyzer, text, "en") is None


def test_denial_does_not_reach_past_but_into_another_clause(analyzer: Analyzer) -> None:
    text = "The two lenders denied that they would merge, but said they were working together on payments."
    article = Article(text=text, published=PUBLISHED, language="en", origin="t.txt")
    later = [e for e in analyzer.analyze(article).events if e.kind == "COOPERATE"]
    assert all(e.modality != "denied" for e in later)
