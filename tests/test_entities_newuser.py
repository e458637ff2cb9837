"""Entities an analyst meets in news from other domains (issue #10): one ministry under its
full name, its short name and an adjective is one organisation; a surname in another case is
the same person; a company named in full then by its first words is one company; a name after
"the city of" is a place; a capitalised adjective cut from its noun is no organisation.

The sentences are invented for these tests.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from dossier.analyze.pipeline import Analyzer
from dossier.model import Article, DocAnalysis

PUBLISHED = datetime(2026, 3, 2, 9, 0)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def run(analyzer: Analyzer, text: str, language: str) -> DocAnalysis:
    return analyzer.analyze(Article(text=text, published=PUBLISHED, language=language, origin="t.txt"))


def _by_kind(an: DocAnalysis, kind: str) -> dict[str, tuple[str, ...]]:
    return {e.name: e.aliases for e in an.entities if e.kind == kind}


def test_ru_foreign_ministry_in_every_spelling_is_one_org(analyzer: Analyzer) -> None:
    text = (
        "МИД России вручил ноту послу. Позже в МИД РФ уточнили детали. Источник в Министерстве "
        "иностранных дел России добавил, что ответ готов."
    )
    orgs = _by_kind(run(analyzer, text, "ru"), "org")
    assert list(orgs) == ["МИД России"]
    assert len(orgs["МИД России"]) == 3


def test_ru_full_defence_ministry_name_keeps_its_country(analyzer: Analyzer) -> None:
    text = "Министерство обороны России провело учения. Минобороны РФ назвало их плановыми."
    orgs = _by_kind(run(analyzer, text, "ru"), "org")
    assert "Минобороны России" in orgs
    assert "Министерство обороны" not in orgs


def test_ru_another_countrys_ministry_stays_apart(analyzer: Analyzer) -> None:
    text = "МИД России выразил протест. МИД Латвии ответил через день."
    orgs = _by_kind(run(analyzer, text, "ru"), "org")
    assert {"МИД России", "МИД Латвии"} <= set(orgs)


def test_ru_surname_in_the_genitive_joins_the_full_name(analyzer: Analyzer) -> None:
    text = "Мэр Олег Гриценя открыл мост. По словам Грицени, ремонт обошёлся недорого."
    persons = _by_kind(run(analyzer, text, "ru"), "person")
    assert list(persons) == ["Олег Гриценя"]


def test_ru_man_and_woman_sharing_a_surname_stem_stay_apart(analyzer: Analyzer) -> None:
    text = "Иван Соколов вернулся домой. Соколова встретила его на вокзале."
    persons = _by_kind(run(analyzer, text, "ru"), "person")
    assert "Иван Соколов" in persons
    assert all("Соколова" not in aliases for name, aliases in persons.items() if name == "Иван Соколов")


def test_ru_adjective_cut_from_its_noun_is_no_org(analyzer: Analyzer) -> None:
    text = "Клуб вышел в лидеры Российской премьер-лиги после победы в Казани."
    an = run(analyzer, text, "ru")
    assert not any(m.text == "Российской" for m in an.mentions)


def test_en_company_short_name_joins_its_full_name(analyzer: Analyzer) -> None:
    text = (
        "Meridian Paper Mills said on Monday it would close a plant. Meridian Paper will keep "
        "its head office in Toledo."
    )
    orgs = _by_kind(run(analyzer, text, "en"), "org")
    assert "Meridian Paper" not in orgs
    assert "Meridian Paper" in orgs.get("Meridian Paper Mills", ())


def test_en_name_after_city_of_is_a_place(analyzer: Analyzer) -> None:
    text = "Heavy rain flooded streets in the city of Tarvana on Sunday, officials said."
    an = run(analyzer, text, "en")
    assert [m.kind for m in an.mentions if m.text == "Tarvana"] == ["place"]


def test_en_sentence_opener_capitalised_only_inside_other_names_is_dropped(analyzer: Analyzer) -> None:
    text = "The Green Party lost seats. Party members met on Monday and the party chose a leader."
    an = run(analyzer, text, "en")
    assert not any(m.text == "Party" for m in an.mentions)


def test_en_state_abbreviation_of_a_dateline_is_the_state(analyzer: Analyzer) -> None:
    text = "FRESNO, Calif. — Growers in California asked for more water on Monday."
    places = _by_kind(run(analyzer, text, "en"), "place")
    assert "Calif." in places.get("California", ())


def test_ru_mans_surname_in_oblique_cases_joins_his_full_name(analyzer: Analyzer) -> None:
    text = (
        "Суд арестовал директора завода Павла Гусина. Следователи возбудили дело в отношении Гусина. "
        "Прокурор просил назначить Гусину пять лет."
    )
    persons = _by_kind(run(analyzer, text, "ru"), "person")
    assert "Гусина" not in persons and "Гусину" not in persons


def test_ru_quoted_org_name_loses_its_quote_marks(analyzer: Analyzer) -> None:
    text = "«Аэрофлот» отменил рейсы в Сочи. Глава «Аэрофлота» Иван Петров извинился перед пассажирами."
    orgs = _by_kind(run(analyzer, text, "ru"), "org")
    assert all("»" not in name and "«" not in name for name in orgs)


def test_ru_body_noun_before_a_region_is_that_regions_body(analyzer: Analyzer) -> None:
    text = "Прокуратура Тверской области обжаловала приговор. Жители области поддержали решение."
    an = run(analyzer, text, "ru")
    orgs = _by_kind(an, "org")
    assert "Прокуратура Тверской области" in orgs


def test_en_shares_of_a_company_are_that_company(analyzer: Analyzer) -> None:
    text = "Brightlake Foods said sales fell in May. Shares of Brightlake Foods dropped 4% on Friday."
    orgs = _by_kind(run(analyzer, text, "en"), "org")
    assert not any(name.startswith("Shares") for name in orgs)


def test_en_one_word_short_name_joins_its_name_with_a_legal_form(analyzer: Analyzer) -> None:
    text = "Corvane Pharmaceuticals Inc said on Monday it would cut jobs. Corvane said sales had slowed sharply."
    orgs = _by_kind(run(analyzer, text, "en"), "org")
    assert "Corvane" not in orgs


@pytest.mark.parametrize(
    ("text", "short"),
    [
        ("Trump said on Monday he would appeal the ruling. The Trump Organization denied any wrongdoing.", "Trump"),
        ("Ford said it would recall 5,000 trucks. Separately, the Ford Foundation announced new grants.", "Ford"),
    ],
)
def test_en_one_word_name_never_joins_a_foundation_or_organization_named_after_it(
    analyzer: Analyzer, text: str, short: str
) -> None:
    """A foundation or an organization named after a person or a company is another body."""
    joined = [e for e in run(analyzer, text, "en").entities if short in e.aliases and e.name != short]
    assert not joined


def test_en_state_abbreviations_are_places_only_after_a_city_or_party(analyzer: Analyzer) -> None:
    """"Ill." opening a sentence is an adjective and "Del." before a name a delegate's title; a state
    is abbreviated after a city ("GARY, Ind.") or a party ("R-Ind.")."""
    text = (
        "GARY, Ind. (AP) — A steel plant closed on Monday. Ill. health forced Mr. Dorn to retire. "
        "Del. Rios said the vote would be close."
    )
    places = _by_kind(run(analyzer, text, "en"), "place")
    assert "Indiana" in places
    assert "Illinois" not in places and "Delaware" not in places


def test_ru_surname_form_shared_by_a_man_and_a_woman_joins_neither(analyzer: Analyzer) -> None:
    """"Лапину" is the dative of Лапин and the accusative of Лапина: with both named, it is no
    evidence for either, and must not give the woman what was said of the man."""
    text = (
        "Виктор Лапин возглавил комиссию. Его жена Анна Лапина работает врачом. "
        "Губернатор поручил Лапину подготовить доклад."
    )
    persons = _by_kind(run(analyzer, text, "ru"), "person")
    assert "Лапину" not in persons.get("Анна Лапина", ())
    assert "Лапину" not in persons.get("Виктор Лапин", ())
