"""What a fourth new analyst found wrong, checked on ``Analyzer.analyze`` output (issue #10).

Each test states a general rule with sentences written for it (not copied from the review texts
in ``tests/data/newuser4`` or ``tests/data/newuser3``): goods a business delivers are no aid,
Russian negation after an event noun or a short participle, acronyms of a body without its
place, the institution a place modifies, agencies named for their country, products, Russian
regional branches, clubs and players in a sports report, and words that only look like
coercion (a delayed flight, a company switching off its own servers).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from dossier.analyze.pipeline import Analyzer
from dossier.model import Article, DocAnalysis, Entity
from dossier.resolve.entities import entity_keys

PUBLISHED = datetime(2026, 4, 15, 9, 0)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def run(analyzer: Analyzer, text: str, language: str = "en") -> DocAnalysis:
    return analyzer.analyze(Article(text=text, published=PUBLISHED, language=language, origin="t.txt"))


def _kinds(an: DocAnalysis) -> dict[str, str]:
    return {e.name: e.kind for e in an.entities}


# -- 1. trade is not aid ----------------------------------------------------------------------------


def test_a_company_delivering_goods_to_customers_gives_no_aid(analyzer: Analyzer) -> None:
    an = run(analyzer, "Volvo delivered 58,000 trucks to customers in the first quarter, up 6 percent.")
    assert not [e for e in an.events if e.kind == "AID"]


def test_a_russian_supplier_shipping_cars_to_dealers_gives_no_aid(analyzer: Analyzer) -> None:
    an = run(analyzer, "Завод поставил дилерам 12 тысяч автомобилей во втором квартале.", "ru")
    assert not [e for e in an.events if e.kind == "AID"]


def test_delivered_relief_goods_stay_aid(analyzer: Analyzer) -> None:
    an = run(analyzer, "Norway delivered 40 tonnes of humanitarian aid to Sudan on Monday.")
    assert [e for e in an.events if e.kind == "AID"]


# -- 7. Russian negation -----------------------------------------------------------------------------


def test_russian_negated_verb_after_an_event_noun_negates_it(analyzer: Analyzer) -> None:
    an = run(analyzer, "Встреча министров Армении и Азербайджана в Женеве так и не состоялась.", "ru")
    consult = [e for e in an.events if e.kind == "CONSULT"]
    assert consult and all(e.modality == "negated" for e in consult)


def test_russian_negated_short_participle_negates_the_event(analyzer: Analyzer) -> None:
    an = run(analyzer, "Жители деревни Озёрки эвакуированы не были, сообщили спасатели.", "ru")
    evacuated = [e for e in an.events if e.kind not in ("STATEMENT",)]
    assert evacuated and all(e.modality == "negated" for e in evacuated)


def test_russian_never_and_still_not_before_the_verb_negate(analyzer: Analyzer) -> None:
    an = run(analyzer, "Профсоюз так и не подписал соглашение с дирекцией завода.", "ru")
    signed = [e for e in an.events if e.kind != "STATEMENT"]
    assert signed and all(e.modality == "negated" for e in signed)


# -- 4. acronyms of a body without its place -----------------------------------------------------------


def test_russian_acronym_and_its_long_form_with_a_place_are_one_body(analyzer: Analyzer) -> None:
    text = (
        "Центральная избирательная комиссия Киргизии утвердила список кандидатов. "
        "Председатель ЦИК Нурлан Шакиев сказал, что жалоб не поступало. "
        "ЦИК Киргизии опубликует итоги в пятницу."
    )
    an = run(analyzer, text, "ru")
    bodies = [e for e in an.entities if e.kind == "org"]
    assert len(bodies) == 1
    assert bodies[0].name == "Центральная избирательная комиссия Киргизии"
    assert "ЦИК" in bodies[0].aliases


def test_the_long_form_that_wrote_its_acronym_carries_the_initials_key() -> None:
    body = Entity("Центральная избирательная комиссия Киргизии", "org", aliases=("ЦИК",))
    plain = Entity("Центральная избирательная комиссия Киргизии", "org")
    assert "initials:TSIK" in entity_keys(body)  # ЦИК, transliterated
    assert "initials:TSIK" not in entity_keys(plain)  # no evidence in its article: no acronym key


# -- 6. a place modifying an institution -----------------------------------------------------------------


def test_a_place_before_a_court_or_jury_is_not_the_actor(analyzer: Analyzer) -> None:
    an = run(analyzer, "A Hamburg court sentenced the smuggler to six years in prison on Tuesday.")
    acts = [e for e in an.events if e.kind != "STATEMENT"]
    assert acts and acts[0].actors == ("Hamburg court",)


def test_a_place_that_acts_itself_stays_the_actor(analyzer: Analyzer) -> None:
    an = run(analyzer, "Berlin expelled two diplomats on Tuesday.")
    acts = [e for e in an.events if e.kind != "STATEMENT"]
    assert acts and acts[0].actors == ("Berlin",)


# -- 3. agencies named for their country -------------------------------------------------------------------


def test_an_agency_named_for_its_country_is_an_org_and_the_speaker(analyzer: Analyzer) -> None:
    an = run(analyzer, "Health Canada said the recalled baby formula had been sold in four provinces.")
    kinds = _kinds(an)
    assert kinds.get("Health Canada") == "org"
    assert "Canada" not in kinds
    assert an.quotes and an.quotes[0].speaker == "Health Canada"


def test_a_compass_word_before_a_country_keeps_the_place(analyzer: Analyzer) -> None:
    an = run(analyzer, "Heavy snow fell across Northern Canada and Eastern Europe on Sunday.")
    assert all(e.kind == "place" for e in an.entities)


# -- 5. products --------------------------------------------------------------------------------------------


def test_a_maker_and_its_model_name_a_product(analyzer: Analyzer) -> None:
    an = run(analyzer, "Honda recalled 300,000 Honda Civic cars. Wizz Air ordered 40 Airbus A321neo jets.")
    kinds = _kinds(an)
    assert kinds.get("Honda Civic") == "other"
    assert kinds.get("Airbus A321neo") == "other"


def test_latin_models_in_russian_text_are_products(analyzer: Analyzer) -> None:
    an = run(analyzer, "Завод выпустил 5 тысяч автомобилей Haval Jolion и Haval Dargo за месяц.", "ru")
    kinds = _kinds(an)
    assert kinds.get("Haval Jolion") == "other" and kinds.get("Haval Dargo") == "other"


def test_a_results_table_gives_no_products(analyzer: Analyzer) -> None:
    an = run(analyzer, "Results: Feyenoord 2 Utrecht 1, Ajax 3 Twente 0. Standings: Ajax 30 21 Feyenoord 28 20.")
    assert not [e for e in an.entities if e.attrs.get("product")]


# -- fresh review: Russian branches, clubs, false coercion ------------------------------------------------


def test_a_russian_body_for_a_region_is_one_org(analyzer: Analyzer) -> None:
    an = run(analyzer, "Управление Роспотребнадзора по Томской области сообщило о вспышке кори.", "ru")
    kinds = _kinds(an)
    assert kinds.get("Управление Роспотребнадзора по Томской области") == "org"
    assert "Управление Роспотребнадзора" not in kinds  # not one entity with every region's branch


def test_clubs_and_players_in_a_sports_report(analyzer: Analyzer) -> None:
    text = (
        "Porto sign Colombian winger Mateo Quintero from Sevilla. The winger scored 12 goals and "
        "made 9 assists in the league last season. Sevilla coach Joan Ramos said the club needed the fee. "
        "Quintero will face Braga in the cup final."
    )
    kinds = _kinds(run(analyzer, text))
    assert kinds.get("Sevilla") == "org"
    assert kinds.get("Mateo Quintero") == "person"


def test_a_delayed_flight_is_no_detention(analyzer: Analyzer) -> None:
    an = run(analyzer, "Из-за тумана рейсы в аэропорту Казани задерживаются.", "ru")
    assert not [e for e in an.events if e.kind == "COERCE"]


def test_a_company_switching_off_its_own_servers_coerces_no_one(analyzer: Analyzer) -> None:
    an = run(analyzer, "The insurer shut down its email servers after the breach, a spokesman said.")
    assert not [e for e in an.events if e.kind == "COERCE"]


def test_latin_model_names_beside_production_words_in_russian(analyzer: Analyzer) -> None:
    an = run(analyzer, "Завод в Ижевске возобновит выпуск Lada Iskra и Lada Largus с понедельника.", "ru")
    kinds = _kinds(an)
    assert kinds.get("Lada Iskra") == "other" and kinds.get("Lada Largus") == "other"


def test_a_model_code_after_a_determiner_with_goods_words(analyzer: Analyzer) -> None:
    an = run(analyzer, "Dealers said the new X5 sold out within weeks, while sales rose in Q2.")
    kinds = _kinds(an)
    assert kinds.get("X5") == "other"
    assert "Q2" not in kinds  # a quarter, not a model


def test_an_undeclined_place_after_a_genitive_noun_is_no_actor(analyzer: Analyzer) -> None:
    an = run(analyzer, "Рабочие порта Ванино объявили забастовку.", "ru")
    strike = [e for e in an.events if e.kind == "PROTEST"]
    assert strike and strike[0].actors and strike[0].actors[0].startswith("Рабочие")


def test_two_contents_of_one_verb_of_saying_make_one_quote(analyzer: Analyzer) -> None:
    text = "Mayor Lena Hart said traffic had fallen by a third in June but that buses were still late."
    an = run(analyzer, text)
    (q,) = an.quotes
    assert q.text.startswith("traffic had fallen")
    said = [e for e in an.events if e.kind == "STATEMENT"]
    assert said and said[0].date is None  # June dates the traffic, not the saying
