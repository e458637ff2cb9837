"""Whole-article checks on entity candidates: datelines, sentence openers, headline capitals,
acronyms, surnames and one kind per name (dossier.analyze.mention_review), and the
well-known organisations list."""

from __future__ import annotations

from datetime import datetime

import pytest

from dossier.analyze.coref import Candidate, resolve
from dossier.analyze.pipeline import Analyzer
from dossier.model import Article, DocAnalysis


def _resolve(text: str, cands: list[Candidate], language: str = "en"):  # type: ignore[no-untyped-def]
    sentences = []
    pos = 0
    for part in text.split(". "):
        start = text.index(part, pos)
        sentences.append((start, start + len(part)))
        pos = start + len(part)
    analysis = DocAnalysis(text=text, language=language, sentences=sentences)
    return resolve(cands, analysis)


def _at(text: str, surface: str, kind: str, label: str = "ORG", nth: int = 0, **kw: object) -> Candidate:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Candidate(start, start + len(surface), kind, surface, label, **kw)  # type: ignore[arg-type]


def test_the_same_club_typed_three_ways_becomes_one_org() -> None:
    text = "Manchester United won. Fans of Manchester United cheered while Manchester United fans sang"
    cands = [
        _at(text, "Manchester United", "place", "GPE"),
        _at(text, "Manchester United", "person", "PERSON", nth=1, surname="United", given="Manchester"),
        _at(text, "Manchester United", "org", nth=2),
    ]
    mentions, entities = _resolve(text, cands)
    assert [(e.kind, e.name) for e in entities] == [("org", "Manchester United")]
    assert {m.kind for m in mentions} == {"org"}


def test_majority_decides_without_a_cue() -> None:
    text = "Acme Widgets grew. Acme Widgets said more. Acme Widgets expanded"
    cands = [
        _at(text, "Acme Widgets", "person", "PERSON", given="Acme", surname="Widgets"),
        _at(text, "Acme Widgets", "org", nth=1),
        _at(text, "Acme Widgets", "org", nth=2),
    ]
    _, entities = _resolve(text, cands)
    assert [(e.kind, e.name) for e in entities] == [("org", "Acme Widgets")]


def test_acronym_defined_in_parentheses_and_expandable_acronym_join_the_long_form() -> None:
    text = "The Baltic Energy Forum (BEF) met. General Motors cut jobs. Later GM and BEF spoke"
    cands = [
        _at(text, "Baltic Energy Forum", "org"),
        _at(text, "BEF", "org"),
        _at(text, "General Motors", "org"),
        _at(text, "GM", "person", "PERSON", surname="GM"),
        _at(text, "BEF", "org", nth=1),
    ]
    mentions, entities = _resolve(text, cands)
    assert sorted((e.kind, e.name) for e in entities) == [("org", "Baltic Energy Forum"), ("org", "General Motors")]
    assert {m.text: m.entity for m in mentions} == {
        "Baltic Energy Forum": "Baltic Energy Forum",
        "BEF": "Baltic Energy Forum",
        "General Motors": "General Motors",
        "GM": "General Motors",
    }


def test_an_acronym_matching_two_long_forms_stays_apart() -> None:
    text = "General Motors and General Mills reported. GM fell"
    cands = [_at(text, "General Motors", "org"), _at(text, "General Mills", "org"), _at(text, "GM", "org")]
    _, entities = _resolve(text, cands)
    assert {e.name for e in entities} == {"General Motors", "General Mills", "GM"}


def test_a_bare_surname_of_any_kind_joins_the_full_name() -> None:
    text = "Malcolm Glazer bid for the club. Glazer declined to comment"
    cands = [
        _at(text, "Malcolm Glazer", "person", "PERSON", given="Malcolm", surname="Glazer"),
        _at(text, "Glazer", "org", nth=1),
    ]
    mentions, entities = _resolve(text, cands)
    assert [(e.kind, e.name) for e in entities] == [("person", "Malcolm Glazer")]
    assert [m.entity for m in mentions] == ["Malcolm Glazer", "Malcolm Glazer"]


def test_common_word_opening_a_sentence_is_not_a_name() -> None:
    text = "Update. Despite the talks, oil rose. Oil traders bought. Ruritania protested"
    cands = [
        _at(text, "Update", "org"),
        _at(text, "Despite", "person", "PERSON", surname="Despite"),
        _at(text, "Oil", "org"),
        _at(text, "Ruritania", "place", "GPE"),
    ]
    _, entities = _resolve(text, cands)
    assert [e.name for e in entities] == ["Ruritania"]


def test_a_sentence_opener_written_with_a_capital_elsewhere_stays() -> None:
    text = "Cherry said no. The deal with Cherry failed"
    cands = [_at(text, "Cherry", "person", "PERSON", surname="Cherry"), _at(text, "Cherry", "person", "PERSON", nth=1)]
    _, entities = _resolve(text, cands)
    assert [e.name for e in entities] == ["Cherry"]


def test_datelines_are_places_marked_as_such() -> None:
    text = "OSTRAVIA — The ministry said it would act.\nKRASNOGORSK, 14 марта. Министр выступил"
    cands = [_at(text, "OSTRAVIA", "org"), _at(text, "KRASNOGORSK", "person", "PER", surname="KRASNOGORSK")]
    mentions, entities = _resolve(text, cands)
    assert [(e.kind, e.name) for e in entities] == [("place", "Ostravia"), ("place", "Krasnogorsk")]
    assert all(m.attrs.get("dateline") for m in mentions)


def test_a_topic_label_before_a_hyphen_is_not_a_dateline() -> None:
    text = "SOCCER - LEEDS WIN AT HOME"
    _, entities = _resolve(text, [])
    assert entities == []


def test_headline_capitals_need_the_body_to_confirm_a_name() -> None:
    text = "Quiet Harbour Accord Signals Shift As Ministers Meet In Vellmar\n\nThe ministers met in Vellmar on Monday."
    cands = [
        _at(text, "Quiet Harbour Accord", "org"),
        _at(text, "Vellmar", "place", "GPE"),
        _at(text, "Vellmar", "place", "GPE", nth=1),
    ]
    _, entities = _resolve(text, cands)
    assert [e.name for e in entities] == ["Vellmar"]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(stages=("dossier.analyze.entities:EntityStage",))


def test_well_known_organisations_are_found_in_both_languages(analyzer: Analyzer) -> None:
    en = analyzer.analyze(Article(text="NATO and the OSCE met in Vienna.", language="en"))
    ru = analyzer.analyze(Article(text="Представители НАТО и ОДКБ встретились в Вене.", language="ru"))
    assert {"NATO", "OSCE"} <= {e.name for e in en.entities if e.kind == "org"}
    assert {"NATO", "CSTO"} <= {e.name for e in ru.entities if e.kind == "org"}


def test_russian_dateline_and_opener_end_to_end(analyzer: Analyzer) -> None:
    text = "ГРОДНО, 14 марта. Впервые учения прошли у границы. Все подразделения вернулись в Гродно."
    res = analyzer.analyze(Article(text=text, language="ru", published=datetime(2025, 3, 14)))
    kinds = {m.text: (m.kind, bool(m.attrs.get("dateline"))) for m in res.mentions}
    assert kinds.get("ГРОДНО") == ("place", True)
    assert "Впервые" not in kinds and "Все" not in kinds


def test_an_org_that_opens_with_a_common_given_name_is_a_person() -> None:
    text = "Mary Kowalczyk said the plan was sound"
    _, entities = _resolve(text, [_at(text, "Mary Kowalczyk", "org")])
    assert [(e.kind, e.name) for e in entities] == [("person", "Mary Kowalczyk")]


def test_honorific_makes_a_person_and_a_country_name_makes_a_place() -> None:
    text = "Mr Ebbers denied it. Talks in Sri Lanka resumed"
    cands = [_at(text, "Mr Ebbers", "org"), _at(text, "Sri Lanka", "person", "PERSON", given="Sri", surname="Lanka")]
    mentions, entities = _resolve(text, cands)
    assert sorted((e.kind, e.name) for e in entities) == [("person", "Ebbers"), ("place", "Sri Lanka")]
    assert "Ebbers" in [m.text for m in mentions]  # the title is not part of the name


@pytest.mark.parametrize(
    ("text", "surface", "kind", "expected"),
    [
        ("Talks with Mr Wang ended", "Wang", "org", "person"),  # the title outside the tagger's span
        ("Talks with Dr. Wang ended", "Wang", "place", "person"),
        ("Fighting in eastern DR Borovia resumed", "Borovia", "place", "place"),  # an abbreviation
        ("MS Dhoni scored a century", "Dhoni", "org", "org"),  # initials, not "Ms"
    ],
)
def test_a_title_before_the_span_makes_a_person_in_its_own_case(
    text: str, surface: str, kind: str, expected: str
) -> None:
    _, entities = _resolve(text, [_at(text, surface, kind)])
    assert [e.kind for e in entities] == [expected]


def test_the_outlet_in_a_dateline_is_an_outlet_and_never_an_actor(analyzer: Analyzer) -> None:
    text = (
        "OSTRAVIA, March 3, 2025 (Harbour Courier) — Prime Minister Lena Brandt on Monday asked "
        "Chancellor Otto Kessel to send more trains.\n\nThe trains would come soon, according to the Harbour Courier."
    )
    res = analyzer.analyze(Article(text=text, language="en", published=datetime(2025, 3, 3)))
    courier = [m for m in res.mentions if m.text == "Harbour Courier"]
    assert courier and all(m.kind == "org" and m.attrs.get("type") == "media" for m in courier)
    assert courier[0].attrs.get("dateline") and not courier[1].attrs.get("dateline")


def test_a_clause_opening_common_word_after_a_dateline_is_never_an_actor() -> None:
    full = Analyzer()
    text = (
        "Notes\n\nOSTRAVIA, March 3, 2025 (Harbour Courier) — Contrary to earlier reports, "
        "the Oreshnik missile complex has not arrived in Belarus, officials said."
    )
    res = full.analyze(Article(text=text, language="en", published=datetime(2025, 3, 3)))
    assert res.events  # the non-arrival is an event, with no junk actor
    assert all("Contrary" not in ev.actors and "Harbour Courier" not in ev.actors for ev in res.events)


def test_a_name_written_as_a_group_is_an_organisation() -> None:
    text = "The Greens say the tax is unfair. Greens leader Ann Holt agreed"
    cands = [
        _at(text, "Greens", "person", "PERSON", surname="Greens"),
        _at(text, "Greens", "person", "PERSON", nth=1, surname="Greens"),
    ]
    mentions, _entities = _resolve(text, cands)
    assert {m.kind for m in mentions if m.text == "Greens"} == {"org"}


def test_a_name_compounded_with_a_club_role_is_an_organisation() -> None:
    text = "Rovers boss Tim Hale was sacked. Rovers lost again"
    cands = [
        _at(text, "Rovers", "person", "PERSON", surname="Rovers"),
        _at(text, "Rovers", "person", "PERSON", nth=1, surname="Rovers"),
        _at(text, "Tim Hale", "person", "PERSON", given="Tim", surname="Hale"),
    ]
    mentions, _entities = _resolve(text, cands)
    kinds = {m.text: m.kind for m in mentions}
    assert kinds["Rovers"] == "org"
    assert kinds["Tim Hale"] == "person"


def test_a_name_modifying_a_noun_after_the_article_stays_a_person() -> None:
    text = "He was compared to the Dickens character Fagin"
    cands = [_at(text, "Dickens", "person", "PERSON", surname="Dickens")]
    mentions, _entities = _resolve(text, cands)
    assert [m.kind for m in mentions] == ["person"]


def test_a_time_zone_is_not_an_entity() -> None:
    text = "The match starts at 1815 GMT in Cardiff"
    cands = [_at(text, "GMT", "org"), _at(text, "Cardiff", "place", "GPE")]
    mentions, _entities = _resolve(text, cands)
    assert [m.text for m in mentions] == ["Cardiff"]


def test_a_name_written_as_a_company_is_an_organisation_in_every_mention() -> None:
    """'Velkor' tagged a person three times: the business noun before one mention makes all of them an org."""
    text = (
        "Shares in the group fell. Velkor said sales rose. The Baltic timber firm Velkor, based in Riga, grew. "
        "Velkor hired"
    )
    cands = [
        _at(text, "Velkor", "person", "PERSON", surname="Velkor"),
        _at(text, "Velkor", "person", "PERSON", nth=1, surname="Velkor"),
        _at(text, "Velkor", "person", "PERSON", nth=2, surname="Velkor"),
        _at(text, "Riga", "place", "GPE"),
    ]
    mentions, entities = _resolve(text, cands)
    assert sorted((e.kind, e.name) for e in entities) == [("org", "Velkor"), ("place", "Riga")]
    assert {m.kind for m in mentions if m.text == "Velkor"} == {"org"}


def test_officers_and_legal_form_after_a_name_make_even_a_place_a_company() -> None:
    text = "Dunmere chief executive Ann Cole resigned. Talks in Dunmere went on. Holvik Ltd agreed"
    cands = [
        _at(text, "Dunmere", "place", "GPE"),
        _at(text, "Dunmere", "place", "GPE", nth=1),
        _at(text, "Holvik", "place", "GPE"),
        _at(text, "Ann Cole", "person", "PERSON", given="Ann", surname="Cole"),
    ]
    mentions, _entities = _resolve(text, cands)
    kinds = {m.text: m.kind for m in mentions}
    assert kinds == {"Dunmere": "org", "Holvik": "org", "Ann Cole": "person"}


def test_shares_cues_retype_a_person_but_never_a_market_place() -> None:
    """'shares in Tokyo' names a market: a place stays a place; 'Quorvo shares rose' makes a person an org."""
    text = "Quorvo shares rose 5%. Shares in Ostrava fell. Quorvo said profits were up"
    cands = [
        _at(text, "Quorvo", "person", "PERSON", surname="Quorvo"),
        _at(text, "Ostrava", "place", "GPE"),
        _at(text, "Quorvo", "person", "PERSON", nth=1, surname="Quorvo"),
    ]
    mentions, _entities = _resolve(text, cands)
    assert {m.text: m.kind for m in mentions} == {"Quorvo": "org", "Ostrava": "place"}


def test_company_cues_leave_people_alone() -> None:
    """An honorific elsewhere, a relative clause after 'the company', a person sharing: still people."""
    text = (
        "The company Tarrant founded grew. Tarrant shares his view. Mr Brell's shares were sold. "
        "Brell declined to comment. The literary giant Osgood died"
    )
    cands = [
        _at(text, "Tarrant", "person", "PERSON", surname="Tarrant"),
        _at(text, "Tarrant", "person", "PERSON", nth=1, surname="Tarrant"),
        _at(text, "Brell", "person", "PERSON", surname="Brell"),
        _at(text, "Brell", "person", "PERSON", nth=1, surname="Brell"),
        _at(text, "Osgood", "person", "PERSON", surname="Osgood"),
    ]
    mentions, _entities = _resolve(text, cands)
    assert {m.kind for m in mentions} == {"person"}


def test_a_persons_shares_and_views_do_not_make_a_company() -> None:
    """'Blair shares concerns' is a verb; 'Roman Abramovich ... Abramovich's shares' a person's holding."""
    text = "Roman Abramovich sold out. Abramovich's shares went to the state. Tolland shares concerns about it"
    cands = [
        _at(text, "Roman Abramovich", "person", "PERSON", given="Roman", surname="Abramovich"),
        _at(text, "Abramovich", "person", "PERSON", nth=1, surname="Abramovich"),
        _at(text, "Tolland", "person", "PERSON", surname="Tolland"),
    ]
    mentions, entities = _resolve(text, cands)
    assert {m.kind for m in mentions} == {"person"}
    assert sorted(e.name for e in entities) == ["Roman Abramovich", "Tolland"]


def test_a_company_cue_keeps_a_name_from_becoming_a_namesakes_surname() -> None:
    """'Fennick' the firm beside 'Joe Fennick' its chairman: the firm's mentions are not his surname."""
    text = "Fennick shareholders backed Joe Fennick. Fennick said profits rose"
    cands = [
        _at(text, "Fennick", "org"),
        _at(text, "Joe Fennick", "person", "PERSON", given="Joe", surname="Fennick"),
        _at(text, "Fennick", "org", nth=2),
    ]
    mentions, _entities = _resolve(text, cands)
    assert [(m.text, m.kind) for m in mentions] == [("Fennick", "org"), ("Joe Fennick", "person"), ("Fennick", "org")]


def test_a_cue_after_a_longer_name_is_not_said_of_its_last_word() -> None:
    """'Royal Bank of Dunmere chief executive': the bank has a chief executive, not the town."""
    text = "Royal Bank of Dunmere chief executive Fred Hale left. House prices in Dunmere rose"
    cands = [
        _at(text, "Dunmere", "place", "GPE"),
        _at(text, "Fred Hale", "person", "PERSON", given="Fred", surname="Hale"),
        _at(text, "Dunmere", "place", "GPE", nth=1),
    ]
    mentions, _entities = _resolve(text, cands)
    assert {m.text: m.kind for m in mentions} == {"Dunmere": "place", "Fred Hale": "person"}


def test_a_trade_shared_by_people_and_a_given_name_keep_a_person() -> None:
    text = "The film is being staged by producer Jon Tarvick. Mr Tarvick said it would open soon"
    cands = [_at(text, "Jon Tarvick", "org"), _at(text, "Tarvick", "person", "PERSON", nth=1, surname="Tarvick")]
    mentions, entities = _resolve(text, cands)
    assert [(e.kind, e.name) for e in entities] == [("person", "Jon Tarvick")]
    assert {m.kind for m in mentions} == {"person"}


def test_a_title_right_before_a_tagged_org_makes_it_a_person() -> None:
    text = "Mr Quellan said fees would fall. Mr Quellan's team will review them"
    cands = [_at(text, "Quellan", "org"), _at(text, "Quellan", "org", nth=1)]
    mentions, entities = _resolve(text, cands)
    assert [(e.kind, e.name) for e in entities] == [("person", "Quellan")]
    assert [m.text for m in mentions] == ["Quellan", "Quellan"]


def test_shares_in_at_a_sentence_start_is_a_cue() -> None:
    text = "Shares in Verrant fell 5%. Verrant said it would cut jobs"
    cands = [_at(text, "Verrant", "person", "PERSON", surname="Verrant"), _at(text, "Verrant", "person", nth=1)]
    mentions, _entities = _resolve(text, cands)
    assert {m.kind for m in mentions} == {"org"}


def test_a_company_after_and_in_a_list_still_has_its_cue() -> None:
    """'... up 4% and Quorvo shares up 5%': 'and' joins two clauses here, not the words of one name."""
    text = "Reynolds shares were up 4% and Quorvo shares up 5%. Quorvo said it was pleased"
    cands = [_at(text, "Quorvo", "person", "PERSON", surname="Quorvo"), _at(text, "Quorvo", "person", nth=1)]
    mentions, _entities = _resolve(text, cands)
    assert {m.kind for m in mentions} == {"org"}
