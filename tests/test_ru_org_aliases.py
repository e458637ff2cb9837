"""Russian organisation names that must meet in one entity, and generic ones that must not.

Invented wire items.  One mechanism each: the Bank of Russia's many Russian names
(ЦБ, Центробанк, Банк России, ЦБ РФ) are aliases in ``organisations.json`` and join in
one article and across the store; another country's central bank called by the same
short name stays apart; a generic state body (Минобороны, МИД) is an organisation only
when a country's name says whose it is.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from dossier.analyze.pipeline import Analyzer
from dossier.model import Article, DocAnalysis
from dossier.store import Store
from dossier.store.write import link_entities

PUBLISHED = datetime(2025, 12, 7, 10, 0)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def run(analyzer: Analyzer, text: str) -> DocAnalysis:
    return analyzer.analyze(Article(text=text, published=PUBLISHED, language="ru", origin="t.txt"))


def _orgs(an: DocAnalysis) -> dict[str, tuple[str, ...]]:
    return {e.name: e.aliases for e in an.entities if e.kind == "org"}


def test_central_bank_names_are_one_entity(analyzer: Analyzer) -> None:
    an = run(
        analyzer,
        "Банк России в пятницу оставил ключевую ставку без изменений. По оценке ЦБ, инфляция "
        "замедляется. Центробанку придётся учесть рост цен на топливо, пишут аналитики. "
        "Следующее заседание ЦБ РФ пройдёт в феврале.",
    )
    orgs = _orgs(an)
    assert "Bank of Russia" in orgs
    assert {"Банк России", "ЦБ", "Центробанку", "ЦБ РФ"} <= set(orgs["Bank of Russia"])
    assert not {"ЦБ", "Центробанк", "Банк России"} & set(orgs)


def test_central_bank_joins_across_articles(analyzer: Analyzer, store: Store) -> None:
    first = run(analyzer, "Центробанк снизил ставку на два пункта, сообщили в пресс-службе регулятора.")
    second = run(analyzer, "Решение Банка России удивило рынок: эксперты ждали паузы.")
    (a,) = [e for e in first.entities if e.kind == "org"]
    (b,) = [e for e in second.entities if e.kind == "org"]
    with store.begin() as conn:
        ids = link_entities(conn, [a, b])
    assert ids[0] == ids[1]


@pytest.mark.parametrize(
    "text",
    ["ЦБ Турции неожиданно повысил ставку до 50%.", "Турецкий ЦБ неожиданно повысил ставку до 50%."],
)
def test_another_countrys_central_bank_is_not_bank_of_russia(analyzer: Analyzer, text: str) -> None:
    assert "Bank of Russia" not in _orgs(run(analyzer, text))


def test_defence_ministry_with_a_country_is_that_countrys(analyzer: Analyzer) -> None:
    an = run(
        analyzer,
        "Минобороны России сообщило о завершении учений. Минобороны Белоруссии в ответ провело "
        "внезапную проверку войск.",
    )
    orgs = {e.name: e for e in an.entities if e.kind == "org"}
    assert orgs["Минобороны России"].attrs.get("country") == "Russia"
    # named by the country's first Russian name in countries.json, however the text spells it
    assert orgs["Минобороны Беларуси"].attrs.get("country") == "Belarus"


def test_foreign_ministry_in_oblique_case_gets_nominative_head(analyzer: Analyzer) -> None:
    an = run(analyzer, "Представитель МИДа России заявила, что ответ будет зеркальным.")
    assert "МИД России" in _orgs(an)


def test_bare_defence_ministry_stays_unnamed(analyzer: Analyzer) -> None:
    an = run(analyzer, "В Минобороны заявили, что учения завершились по плану.")
    assert not any(m.kind == "org" for m in an.mentions)
