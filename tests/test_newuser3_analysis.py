"""What a third new analyst found wrong in news from courts, sport bodies, mining, car plants,
wildfires, elections and multi-party talks (issue #10), checked on ``Analyzer.analyze`` output.

Each test states a general rule in a sentence written for it (not copied from the review texts
in ``tests/data/newuser3``): sentence ends after a day number, calendar days and nationality
words that are no names, names cut at a hyphen, companies credited as "the company said",
place words around a name, a woman's surname, "сообщили в X", a medium's noun before a name,
and dates of events told inside a statement.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from dossier.analyze.pipeline import Analyzer
from dossier.model import Article, DocAnalysis

PUBLISHED = datetime(2026, 5, 6, 10, 0)  # a Wednesday


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def run(analyzer: Analyzer, text: str, language: str = "en") -> DocAnalysis:
    return analyzer.analyze(Article(text=text, published=PUBLISHED, language=language, origin="t.txt"))


def _kinds(an: DocAnalysis) -> dict[str, str]:
    return {e.name: e.kind for e in an.entities}


# -- sentences and dates ----------------------------------------------------------------------------


def test_a_day_number_with_a_full_stop_ends_the_sentence(analyzer: Analyzer) -> None:
    text = "The court set sentencing for April 2. Prosecutor Anna Berg said the verdict was fair."
    an = run(analyzer, text)
    assert len(an.sentences) == 2
    (q,) = an.quotes
    assert q.speaker == "Anna Berg"
    assert q.date is None  # April 2 dates the sentencing, not what she said
    said = [e for e in an.events if e.kind == "STATEMENT"]
    assert said and all(e.date is None and e.modality == "asserted" for e in said)


def test_decimal_numbers_do_not_end_sentences(analyzer: Analyzer) -> None:
    an = run(analyzer, "Zinc rose 2.5 percent on the exchange and Tin fell.")
    assert len(an.sentences) == 1


def test_event_in_what_was_said_takes_the_statement_time(analyzer: Analyzer) -> None:
    text = "Farmers' unions said on Monday they would hold a march in Lyon on Friday against the new tax."
    an = run(analyzer, text)
    protest = [e for e in an.events if e.kind == "PROTEST"]
    assert protest and protest[0].date == "2026-05-08"  # the Friday, not the Monday of the saying
    said = [e for e in an.events if e.kind == "STATEMENT"]
    assert said and said[0].date == "2026-05-04"


# -- names that are not names -----------------------------------------------------------------------


def test_a_calendar_day_the_tagger_calls_a_person_is_dropped() -> None:
    from dossier.analyze.coref import Candidate
    from dossier.analyze.mention_review import review

    text = "OSLO, Nov 14 — Energy ministers of four countries met in Oslo to discuss grid links."
    at = text.index("Nov 14")
    cands = [Candidate(at, at + 6, "person", "Nov 14", "PERSON")]
    review(cands, text, [(0, len(text))], "en")
    assert all(text[c.start : c.end] != "Nov 14" for c in cands)


def test_a_nationality_word_alone_is_no_speaker(analyzer: Analyzer) -> None:
    an = run(analyzer, "The Slovak cycling federation said Slovak riders would compete under a neutral flag.")
    assert "Slovak" not in _kinds(an)
    assert all(q.speaker != "Slovak" for q in an.quotes)
    assert all("Slovak" not in e.actors for e in an.events)


def test_a_nationality_opening_a_name_makes_it_a_body(analyzer: Analyzer) -> None:
    an = run(analyzer, "Protesters marched against the decrees passed by Georgian Dream in the capital.")
    assert _kinds(an).get("Georgian Dream") == "org"


def test_a_name_cut_at_its_hyphen_is_the_whole_surname(analyzer: Analyzer) -> None:
    text = (
        "Trade Minister Anna Kowalska-Brandt opened the forum. "
        "Kowalska-Brandt added that the customs deal would be signed in June."
    )
    an = run(analyzer, text)
    people = [e for e in an.entities if e.kind == "person"]
    assert [e.name for e in people] == ["Anna Kowalska-Brandt"]
    assert "Kowalska" not in _kinds(an)
    assert {q.speaker for q in an.quotes} == {"Anna Kowalska-Brandt"}


# -- companies and places ---------------------------------------------------------------------------


def test_a_company_credited_as_the_company_is_found_and_speaks(analyzer: Analyzer) -> None:
    text = (
        "Norvanta to close smelter\n\n"
        "Norvanta will close its zinc smelter near Odda next year after power prices doubled, "
        "the company said on Tuesday."
    )
    an = run(analyzer, text)
    assert _kinds(an).get("Norvanta") == "org"
    assert sum(1 for m in an.mentions if m.text == "Norvanta") == 2  # the headline too
    (q,) = an.quotes
    assert q.speaker == "Norvanta"
    said = [e for e in an.events if e.kind == "STATEMENT"]
    assert said and said[0].actors == ("Norvanta",)


def test_the_carmaker_said_resolves_to_the_carmaker_named_first(analyzer: Analyzer) -> None:
    text = "Volvo will build the EX30 at its plant in Ghent from next spring, the carmaker said."
    an = run(analyzer, text)
    (q,) = an.quotes
    assert q.speaker == "Volvo"


def test_common_words_opening_a_company_statement_stay_common(analyzer: Analyzer) -> None:
    text = "Prices of copper fell again this week, the company said in a note to clients."
    assert "Prices" not in _kinds(run(analyzer, text))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Work stopped at the Kalumbo mine after the landslide.", "Kalumbo"),
        ("Tarnby mayor Jens Holm said the school would reopen.", "Tarnby"),
        ("Barges were stuck on the Oder for two weeks.", "Oder"),
    ],
)  # fmt: skip
def test_place_words_around_a_name_make_it_a_place(analyzer: Analyzer, text: str, name: str) -> None:
    kinds = _kinds(run(analyzer, text))
    assert kinds.get(name) in (None, "place")
    assert kinds.get(name) != "person" and kinds.get(name) != "org"


def test_an_agency_is_never_an_event(analyzer: Analyzer) -> None:
    an = run(analyzer, "The International Testing Agency opened a case against the rider.")
    assert _kinds(an).get("International Testing Agency") in ("org", None)


# -- Russian ----------------------------------------------------------------------------------------


def test_a_womans_surname_keeps_its_feminine_ending(analyzer: Analyzer) -> None:
    text = "Представитель истца Марина Соболева заявила, что решение будет обжаловано."
    an = run(analyzer, text, "ru")
    assert "Марина Соболева" in _kinds(an)
    (q,) = an.quotes
    assert q.speaker == "Марина Соболева"


def test_impersonal_plural_with_a_body_names_the_body(analyzer: Analyzer) -> None:
    text = "Движение на трассе восстановлено, сообщили в МЧС."
    (q,) = run(analyzer, text, "ru").quotes
    assert q.speaker == "МЧС"


def test_a_named_agency_reports_and_does_not_act(analyzer: Analyzer) -> None:
    text = "Районный суд арестовал директора комбината, сообщает агентство «Северный вестник»."
    an = run(analyzer, text, "ru")
    outlet = [m for m in an.mentions if m.text == "Северный вестник"]
    assert outlet and (outlet[0].attrs or {}).get("type") == "media"
    assert not any(e.kind == "STATEMENT" and "Северный вестник" in e.actors for e in an.events)


def test_one_written_form_of_a_place_is_one_place(analyzer: Analyzer) -> None:
    text = "Голосование в Гагаузии завершилось к вечеру. Башкан Гагаузии Ирина Влах поблагодарила избирателей."
    places = [e.name for e in run(analyzer, text, "ru").entities if e.kind == "place"]
    assert places == ["Гагаузия"]
