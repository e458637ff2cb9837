"""Entity stage: contract, coref-lite, capitals, outlets and cross-article keys."""

from __future__ import annotations

import pytest

from dossier.analyze.coref import Candidate, resolve
from dossier.analyze.pipeline import Analyzer, DocContext, make_context
from dossier.model import Article, DocAnalysis, Entity
from dossier.resolve.entities import entity_keys, fold_name, given_skeleton

# --------------------------------------------------------------------------- keys (no model)


def test_transliteration_folds_variants() -> None:
    assert fold_name("Лукашенко") == fold_name("Lukashenko") == fold_name("Lukashenka")
    assert fold_name("Зеленский") == fold_name("Zelenskyy") == fold_name("Zelensky")
    assert given_skeleton("Alexander") == given_skeleton("Aleksandr") == given_skeleton("Александр")


def test_person_keys_equal_across_scripts() -> None:
    en = Entity("Alexander Lukashenko", "person", attrs={"given": "Alexander", "surname": "Lukashenko"})
    ru = Entity("Александр Лукашенко", "person", attrs={"given": "Александр", "surname": "Лукашенко"})
    assert entity_keys(en)[0] == entity_keys(ru)[0]
    assert entity_keys(en)[0].startswith("person:")


def test_different_smiths_do_not_share_a_strong_key() -> None:
    a = Entity("John Smith", "person", attrs={"given": "John", "surname": "Smith"})
    b = Entity("Mary Smith", "person", attrs={"given": "Mary", "surname": "Smith"})
    only = Entity("Smith", "person", attrs={"surname": "Smith", "surname_only": True})
    assert entity_keys(a)[0] != entity_keys(b)[0]
    assert entity_keys(only) == ["person-surname:smith", "bare:smith"]  # weak keys only


def test_equipment_and_wikidata_keys() -> None:
    e = Entity("Oreshnik", "equipment", wikidata=None, attrs={"gazetteer": "oreshnik"})
    assert entity_keys(e)[0] == "equipment:oreshnik"
    p = Entity("Belarus", "place", wikidata="Q184")
    assert entity_keys(p)[0] == "wd:Q184"


# --------------------------------------------------------------------------- coref-lite (no model)


def _analysis(text: str) -> DocAnalysis:
    return DocAnalysis(text=text, language="en", sentences=[(0, len(text))])


def test_surname_and_descriptor_resolve_to_full_name() -> None:
    text = "Belarusian President Alexander Lukashenko spoke. Lukashenko said the Belarusian leader agreed."
    a = _analysis(text)
    cands = [
        Candidate(
            21,
            41,
            "person",
            "Alexander Lukashenko",
            role="President",
            country="Belarus",
            given="Alexander",
            surname="Lukashenko",
        ),
        Candidate(49, 59, "person", "Lukashenko", surname="Lukashenko"),
        Candidate(69, 86, "person", "Belarusian leader", country="Belarus", descriptor="leader"),
    ]
    mentions, entities = resolve(cands, a)
    assert len(entities) == 1
    assert {m.entity for m in mentions} == {"Alexander Lukashenko"}
    assert entities[0].id == "person:alexander-lukashenko"
    assert entities[0].attrs["roles"] == ["President"]
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_two_smiths_in_one_article_stay_apart() -> None:
    text = "John Smith met Mary Smith. Later Smith left."
    cands = [
        Candidate(0, 10, "person", "John Smith", given="John", surname="Smith"),
        Candidate(15, 25, "person", "Mary Smith", given="Mary", surname="Smith"),
        Candidate(33, 38, "person", "Smith", surname="Smith"),
    ]
    mentions, entities = resolve(cands, _analysis(text))
    assert [e.name for e in entities] == ["John Smith", "Mary Smith"]
    assert mentions[-1].entity == "Mary Smith"  # nearest preceding full name


def test_unresolved_descriptor_is_dropped() -> None:
    text = "The French president spoke."
    cands = [Candidate(4, 20, "person", "French president", country="France", descriptor="president")]
    mentions, entities = resolve(cands, _analysis(text))
    assert mentions == [] and entities == []


# --------------------------------------------------------------------------- the stage with models

SEED_EN = (
    "Belarus Shows Missile Model\n\n"
    "The office of Belarusian President Alexander Lukashenko now features a model of Russia’s advanced "
    "‘Oreshnik’ missile complex, as shown by the Telegram channel ‘Pul Peremyshlera Pervogo,’ a media "
    "outlet close to the Belarusian leader. It underscores a partnership between Minsk and Moscow. "
    "Belarusian Foreign Minister Maxim Ryzhenkov said the deployment complies with the Treaty on the "
    "Non-Proliferation of Nuclear Weapons, BelTA reported. Lukashenko himself announced that the missile "
    "complex was en route. The Belarusian president also put the multiple rocket launcher system "
    "‘Polonez-M’ into service. Moscow has consistently maintained that it protects Russian citizens."
)


def _run(text: str, language: str = "en") -> DocContext:
    from dossier.analyze.entities import EntityStage

    ctx = make_context(Article(text=text, language=language))
    EntityStage()([ctx])
    return ctx


@pytest.mark.model
def test_english_contract_and_seed_cases() -> None:
    ctx = _run(SEED_EN)
    a = ctx.analysis
    assert ctx.doc is not None and ctx.doc.text == SEED_EN
    # sentences: sorted, trimmed, headline separate
    assert a.sentences[0] == (0, len("Belarus Shows Missile Model"))
    assert all(s < e for s, e in a.sentences)
    assert all(a.sentences[i][1] <= a.sentences[i + 1][0] for i in range(len(a.sentences) - 1))
    for m in a.mentions:
        assert SEED_EN[m.start : m.end] == m.text
        assert a.sentences[m.sentence][0] <= m.start < a.sentences[m.sentence][1]
    assert all(x.end <= y.start for x, y in zip(a.mentions, a.mentions[1:], strict=False))  # no overlaps
    by_text = {}
    for m in a.mentions:
        by_text.setdefault(m.text, []).append(m)
    assert {m.kind for m in by_text["Oreshnik"]} == {"equipment"}
    assert by_text["Polonez-M"][0].entity == "Polonez-M"
    luka = [m for m in a.mentions if m.entity == "Alexander Lukashenko"]
    assert {m.text for m in luka} >= {"Alexander Lukashenko", "Lukashenko", "Belarusian leader", "Belarusian president"}
    assert luka[0].role == "President"
    persons = [e for e in a.entities if e.kind == "person"]
    assert sorted(e.name for e in persons) == ["Alexander Lukashenko", "Maxim Ryzhenkov"]
    ryz = next(m for m in a.mentions if m.text == "Maxim Ryzhenkov")
    assert ryz.role == "Foreign Minister" and ryz.attrs["country"] == "Belarus"
    caps = [m for m in a.mentions if m.text in {"Minsk", "Moscow"}]
    assert caps and all(m.kind == "place" and m.attrs.get("stands_for") == "government" for m in caps)
    media = {m.entity: m.attrs.get("type") for m in a.mentions if m.kind == "org"}
    assert media.get("BelTA") == "media" and media.get("Pul Peremyshlera Pervogo") == "media"
    assert any(m.kind == "law" and m.text.startswith("Treaty on the Non-Proliferation") for m in a.mentions)
    ids = [e.id for e in a.entities]
    assert len(ids) == len(set(ids)) and "equipment:oreshnik" in ids


@pytest.mark.model
def test_ner_labels_survive_rule_layers() -> None:
    """The rules must not turn real organisations or people into equipment."""
    text = (
        "Lockheed Martin and Boeing won contracts. Apple said sales rose. "
        "Tim Cook visited the Lancet offices in London. The Patriots beat the Jets 21-14."
    )
    a = _run(text).analysis
    kinds = {m.text: m.kind for m in a.mentions}
    assert "equipment" not in kinds.values()
    assert kinds.get("Tim Cook") == "person"
    assert kinds.get("Boeing") == "org"


@pytest.mark.model
def test_russian_path() -> None:
    text = (
        "Президент Белоруссии Александр Лукашенко заявил, что ракетный комплекс «Орешник» заступил на "
        "дежурство. Министр обороны Виктор Хренин доложил Лукашенко о РСЗО «Полонез-М». "
        "Как сообщает ТАСС, белорусский лидер обсудил поставки Орешника. Минск и Москва договорились."
    )
    ctx = _run(text, "ru")
    a = ctx.analysis
    for m in a.mentions:
        assert text[m.start : m.end] == m.text
    ent = {m.text: m.entity for m in a.mentions}
    assert ent["Орешник"] == ent["Орешника"] == "Oreshnik"
    assert ent["Полонез-М"] == "Polonez-M"
    assert ent["Лукашенко"] == ent["белорусский лидер"] == "Александр Лукашенко"
    assert ent["ТАСС"] == "TASS"
    luka = next(e for e in a.entities if e.name == "Александр Лукашенко")
    en = Entity("Alexander Lukashenko", "person", attrs={"given": "Alexander", "surname": "Lukashenko"})
    assert entity_keys(luka)[0] == entity_keys(en)[0]
    assert all(m.attrs.get("stands_for") == "government" for m in a.mentions if m.text in {"Минск", "Москва"})


@pytest.mark.model
def test_analyzer_runs_entity_stage_in_batches() -> None:
    an = Analyzer(stages=["dossier.analyze.entities:EntityStage"], batch_size=2)
    arts = [
        Article(text="Vladimir Putin met Xi Jinping in Beijing.", language="en"),
        Article(text="Путин встретился с Си Цзиньпином.", language="ru"),
        Article(text="Die Bundeswehr erhielt Leopard 2 Panzer und IRIS-T.", language="de"),
    ]
    out = [a for _, a in an.pipe(arts)]
    assert [len(a.sentences) for a in out] == [1, 1, 1]
    assert any(m.entity == "IRIS-T" for m in out[2].mentions)


@pytest.mark.model
def test_parse_span_on_demand() -> None:
    from dossier.analyze.nlp import parse_span

    text = "Lukashenko met Putin. Belarusian Foreign Minister Maxim Ryzhenkov said the deal was legal."
    ctx = _run(text)
    assert not ctx.doc.has_annotation("DEP")  # the entity pass does not parse
    s, e = ctx.analysis.sentences[1]
    parsed = parse_span(ctx, s, e)
    assert parsed.doc.has_annotation("DEP")
    said = next(t for t in parsed.doc if t.text == "said")
    assert parsed.to_article(said.idx) == text.index("said")
    assert ctx.doc[parsed.token_offset + said.i].text == "said"
    assert parse_span(ctx, s, e) is parsed  # cached in ctx.scratch


@pytest.mark.model
@pytest.mark.parametrize(
    "text,capital,expected",
    [
        ("Minsk and Moscow have agreed on joint drills.", "Minsk", True),
        ("Moscow has consistently maintained that the drills are defensive.", "Moscow", True),
        ("Belarus wants closer ties with Moscow and the West.", "Moscow", True),
        ("Our correspondent in Moscow says most people agree.", "Moscow", False),
        ("The firm was founded by a London-based travel agent.", "London", False),
        ("It operates the Paris and Amsterdam exchanges.", "Paris", False),
        ("But Minsk and Moscow will not back down.", "Moscow", True),
        ("He said Paris and Berlin were cold in winter.", "Berlin", False),
        ("Moscow is a big city.", "Moscow", False),
    ],
)
def test_capitals_standing_for_governments(text: str, capital: str, expected: bool) -> None:
    a = _run(text).analysis
    m = next(m for m in a.mentions if m.text == capital)
    assert m.kind == "place"
    assert (m.attrs.get("stands_for") == "government") is expected


@pytest.mark.model
def test_no_equipment_in_ordinary_business_news() -> None:
    text = (
        "Kingfisher Airlines is to buy 10 Airbus A320 aircraft. The Golden Bear went to a British film. "
        "Apple sold more iPod Mini players, and the G-7 met in London."
    )
    a = _run(text).analysis
    assert [m.text for m in a.mentions if m.kind == "equipment"] == []


@pytest.mark.model
def test_appositive_role_and_possessive_descriptor() -> None:
    text = (
        "Russian President Vladimir Putin met Alexander Lukashenko, the Belarusian president, in Sochi. "
        "Belarus's leader later said Russia’s president agreed."
    )
    a = _run(text).analysis
    ent = {(m.text, m.start): m for m in a.mentions}
    luka = ent[("Alexander Lukashenko", text.index("Alexander"))]
    assert luka.role == "president" and luka.attrs["country"] == "Belarus"
    leader = ent[("leader", text.index("leader"))]
    assert leader.entity == "Alexander Lukashenko" and leader.attrs["descriptor"]
    assert ent[("president", text.index("president agreed"))].entity == "Vladimir Putin"
    assert any(m.text == "Belarus" and m.kind == "place" for m in a.mentions)


@pytest.mark.model
def test_user_gazetteer_reaches_the_english_pipeline(tmp_path) -> None:
    from dossier.analyze.entities import EntityStage

    path = tmp_path / "extra.jsonl"
    path.write_text(
        '{"id": "zarnitsa", "name": "Zarnitsa", "category": "cruise missile", "aliases": ["Zarnitsa"], '
        '"ru": ["Зарница"], "ambiguous": []}\n',
        encoding="utf-8",
    )
    ctx = make_context(Article(text="Russia tested Zarnitsa again on Monday.", language="en"))
    EntityStage(gazetteer=[path])([ctx])
    (m,) = [m for m in ctx.analysis.mentions if m.kind == "equipment"]
    assert m.entity == "Zarnitsa" and m.attrs["entity_id"] == "equipment:zarnitsa"
    ru = make_context(Article(text="Россия снова испытала Зарницу.", language="ru"))
    EntityStage(gazetteer=[path])([ru])
    assert [m.entity for m in ru.analysis.mentions if m.kind == "equipment"] == ["Zarnitsa"]


@pytest.mark.model
def test_rule_layers_keep_the_models_names() -> None:
    """Every PER/ORG/LOC name of bare en_core_web_sm survives with the same type (span trimming aside)."""
    from dossier.analyze.nlp import english_bare

    text = (
        "Shares in Patriot National Bancorp rose after Javelin Mortgage Investment reported earnings. "
        "Angela Merkel met Tony Blair in Berlin. The Lancet published a study by Oxford University. "
        "Leopard Capital and Tornado Group signed a deal in Geneva."
    )
    kind = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}
    bare = {(e.start_char, e.end_char, kind[e.label_]) for e in english_bare()(text).ents if e.label_ in kind}
    ours = {(m.start, m.end, m.kind) for m in _run(text).analysis.mentions}
    trimmed = {(s + 4, e, k) for s, e, k in bare if text[s : s + 4].lower() == "the "}
    missing = {b for b in bare if b not in ours and (b[0] + 4, b[1], b[2]) not in trimmed & ours}
    assert missing == set()


@pytest.mark.model
def test_seats_of_government() -> None:
    a = _run("The Kremlin said talks in The Hague were useless; a White House aide disagreed.").analysis
    by = {m.text: m for m in a.mentions}
    assert by["Kremlin"].kind == "org" and by["Kremlin"].attrs["country"] == "Russia"
    assert by["White House"].attrs["type"] == "government"
    assert by["The Hague"].kind == "place" and by["The Hague"].entity == "The Hague"
    ru = _run("В Кремле заявили, что Пентагон ошибается.", "ru").analysis
    assert {m.entity for m in ru.mentions} >= {"Kremlin", "Pentagon"}
