"""Precision of English quotes on general news: scare quotes, fragments, statement dates, speakers.

Own sentences in the style of a general news site; hand-made mentions and times, no trained model.
"""

from __future__ import annotations

import pytest

from dossier.analyze.attribution import extract, load_lexicon
from dossier.analyze.timex.intervals import is_calendar_date
from dossier.model import Mention, Quote, TimeExpr


def mention(text: str, surface: str, kind: str = "person", entity: str | None = None) -> Mention:
    at = text.index(surface)
    return Mention(surface, at, at + len(surface), kind, entity or surface)


def time(text: str, surface: str, value: str, kind: str = "DATE") -> TimeExpr:
    at = text.index(surface)
    return TimeExpr(surface, at, at + len(surface), kind, value)


def quotes(text: str, mentions: list[Mention] | None = None, times: list[TimeExpr] | None = None) -> list[Quote]:
    found = extract(text, "en", load_lexicon("en"), mentions=mentions or [], times=times or [])
    for q in found:
        assert q.text == text[q.start : q.end]
        assert q.date is None or is_calendar_date(q.date)
    return found


# 1. scare quotes ---------------------------------------------------------------------------------


def test_scare_quoted_word_is_no_quote_of_its_own() -> None:
    text = 'The turbine "failed", the inquiry chairman has said.'
    found = quotes(text)
    assert all(q.text != "failed" for q in found)
    (q,) = found
    assert not q.direct and q.text == 'The turbine "failed"'


def test_scare_quoted_phrase_with_a_verb_inside_a_clause_is_no_quote() -> None:
    text = 'The "belief that small towns are dying" must be "challenged", the housing and planning minister has said.'
    (q,) = quotes(text)
    assert not q.direct and q.text.startswith('The "belief') and q.text.endswith('"challenged"')


def test_quoted_phrase_with_no_cue_is_nobodys_statement() -> None:
    text = 'Volunteers who pledged to "keep the old canal open" met at the lock on Sunday.'
    assert quotes(text) == []


def test_partial_quote_after_a_subject_goes_with_the_reported_clause() -> None:
    text = 'Mendez conceded that Kovacs "simply served better," and added: "I will be back next season."'
    found = quotes(text, mentions=[mention(text, "Mendez", entity="Ana Mendez"), mention(text, "Kovacs")])
    assert all(q.text != "simply served better" for q in found)
    direct = next(q for q in found if q.direct)
    assert direct.text.startswith("I will be back") and direct.cue == "added" and direct.speaker == "Ana Mendez"


def test_quote_opening_its_own_clause_is_still_a_quote() -> None:
    text = 'Mr Ivers said "we will win this one" before he left the hall.'
    (q,) = quotes(text, mentions=[mention(text, "Ivers", entity="Tom Ivers")])
    assert q.direct and q.text == "we will win this one" and q.speaker == "Tom Ivers"


# 3. dates ----------------------------------------------------------------------------------------


def test_date_in_a_relative_clause_about_the_speaker_is_not_the_statements() -> None:
    text = '"Sales will recover," said Dunne, who took over as chairman in May 2003.'
    (q,) = quotes(text, [mention(text, "Dunne", entity="Mark Dunne")], [time(text, "May 2003", "2003-05")])
    assert q.speaker == "Mark Dunne" and q.date is None


def test_date_in_the_speakers_appositive_or_a_noun_modifier_is_not_the_statements() -> None:
    text = "Okoro, the 2003 engineer of the year, argues that the bridge is safe."
    (q,) = quotes(text, [mention(text, "Okoro")], [time(text, "2003", "2003")])
    assert q.date is None
    text = "As in the 2004 county election, she says, turnout will decide it."
    (q,) = quotes(text, times=[time(text, "2004", "2004")])
    assert q.date is None


def test_date_of_another_clause_is_not_the_statements() -> None:
    text = "In 2001 the firm set up a fund for victims, but it later admitted the fund was running short."
    (q,) = quotes(text, [mention(text, "firm", kind="org")], [time(text, "2001", "2001")])
    assert q.text.startswith("the fund was") and q.date is None
    text = "Ms Ward insisted she did not know the date, but it is widely expected to be 5 May."
    for q in quotes(text, [mention(text, "Ward", entity="Jo Ward")], [time(text, "5 May", "XXXX-05-05")]):
        assert q.date is None


def test_date_inside_the_content_is_not_the_statements() -> None:
    text = "Meanwhile, the carmaker said it was cutting output for March by another 10,000 vehicles."
    (q,) = quotes(text, times=[time(text, "March", "XXXX-03")])
    assert q.date is None


def test_date_of_the_reporting_clause_is_kept() -> None:
    text = "In September, the company had said that clothing sales were below expectations."
    (q,) = quotes(text, times=[time(text, "September", "XXXX-09")])
    assert q.date == "XXXX-09"
    text = "The union said last summer that it would not strike."
    (q,) = quotes(text, times=[time(text, "last summer", "XXXX-SU")])
    assert q.date == "XXXX-SU"


def test_a_duration_or_fuzzy_reference_is_never_a_date() -> None:
    text = "The minister said for two hours on Friday that nothing had changed recently."
    ts = [time(text, "two hours", "PT2H", "DURATION"), time(text, "Friday", "PAST_REF")]
    (q,) = quotes(text, times=ts)
    assert q.date is None


# 2. fragments ------------------------------------------------------------------------------------


def test_content_opening_with_of_is_a_fragment() -> None:
    text = "The marchers have promised to set an agenda to rival that of the Davos summit."
    assert all(not q.text.startswith("of ") for q in quotes(text))


# 4. speaker spans --------------------------------------------------------------------------------


def test_organisation_of_a_place_is_the_speaker_not_the_place() -> None:
    text = "Consultancy Orbit Metrics of Boston estimates that tablet sales will double by 2008."
    (q,) = quotes(text, [mention(text, "Boston", kind="place")])
    assert q.speaker == "Consultancy Orbit Metrics" and q.text.startswith("tablet sales")
    text = "Orbit Metrics of Boston said that tablet sales will double."
    (q,) = quotes(text, [mention(text, "Orbit Metrics", kind="org"), mention(text, "Boston", kind="place")])
    assert q.speaker == "Orbit Metrics"


def test_a_name_with_its_appositive_is_no_content() -> None:
    text = "Halden Bank, the Norwegian lender, said profits rose."
    for q in quotes(text, [mention(text, "Halden Bank", kind="org")]):
        assert q.text != "Halden Bank, the Norwegian lender"


def test_partial_quote_closing_with_a_comma_inside_the_mark_keeps_its_speaker() -> None:
    text = 'Skipping the vote "makes us stronger," Ana Ruiz said on Tuesday.'
    (q,) = quotes(text, [mention(text, "Ana Ruiz")])
    assert q.speaker == "Ana Ruiz" and q.text.startswith("Skipping the vote")


def test_first_name_alone_resolves_to_the_person_named_in_full() -> None:
    text = "Bank governor Alan Brewster spoke in Leeds. Rates will stay low, Alan said."
    ms = [
        mention(text, "Alan Brewster"),
        Mention("Alan", text.rindex("Alan"), text.rindex("Alan") + 4, "person", "Alan"),
    ]
    q = next(q for q in quotes(text, ms) if q.text.startswith("Rates"))
    assert q.speaker == "Alan Brewster"


def test_first_name_shared_by_two_people_stays_as_written() -> None:
    text = "Alan Brewster met Alan Price in Leeds. Rates will stay low, Alan said."
    at = text.rindex("Alan")
    ms = [mention(text, "Alan Brewster"), mention(text, "Alan Price"), Mention("Alan", at, at + 4, "person", "Alan")]
    q = next(q for q in quotes(text, ms) if q.text.startswith("Rates"))
    assert q.speaker == "Alan"


def test_relative_clause_after_an_inverted_source_is_not_the_content() -> None:
    text = "The heaviest users will be teenagers, suggests the survey, who will spend four hours a day online."
    (q,) = quotes(text)
    assert q.text == "The heaviest users will be teenagers"


def test_source_phrase_cut_at_and_keeps_the_content_before_the_comma() -> None:
    text = 'The "idea that towns are dying" must be "challenged", the transport and housing secretary has said.'
    (q,) = quotes(text)
    assert q.text.endswith('"challenged"') and not q.direct
    assert phrase(text, q) == "the transport and housing secretary"
    text = "The fund was running short, a charge the company denies."
    assert all(not q.text.startswith("The fund") for q in quotes(text))


def test_told_skips_a_whole_addressee_and_no_more() -> None:
    cases = {
        "Rhodes told party members the budget would pass.": "the budget would pass",
        "Rhodes told a meeting of the County Water Board it would be unwise to wait.": "it would be unwise to wait",
        "Rhodes told the Courier website the council had no plan.": "the council had no plan",
        "The driver was later told he could keep his licence.": "he could keep his licence",
        "Rhodes told BBC Radio 4's Today programme it was not fair.": "it was not fair",
    }
    for text, content in cases.items():
        found = quotes(text, [mention(text, "Rhodes", entity="Ann Rhodes")] if "Rhodes" in text else [])
        assert [q.text for q in found] == [content], text


def test_told_of_or_a_story_is_no_report() -> None:
    for text in (
        "Pound has told of his shock and his joy on learning he had a daughter.",
        "The film tells the story of two boys who are sent to a harsh school.",
    ):
        assert quotes(text) == [], text


def test_inverted_source_closing_the_sentence_is_not_content() -> None:
    text = "Shoppers remain wary of buying big items like sofas, said trade body chief Rosa Lind."
    (q,) = quotes(text, [mention(text, "Rosa Lind")])
    assert q.speaker == "Rosa Lind" and q.text.startswith("Shoppers remain wary")


def test_subject_keeps_its_noun_after_a_capitalised_modifier() -> None:
    text = "Low-fare airlines have attacked the new rules, arguing that fares will rise."
    (q,) = quotes(text)
    assert phrase(text, q) == "Low-fare airlines" and q.text == "fares will rise"


def phrase(text: str, q: Quote) -> str | None:
    return None if q.speaker_start is None else text[q.speaker_start : q.speaker_end]


def test_place_in_a_hyphenated_modifier_is_not_the_speaker() -> None:
    text = "The Gibraltar-based holding company said the sale of its stake was illegal."
    (q,) = quotes(text, [mention(text, "Gibraltar", kind="place")])
    assert q.speaker == "The Gibraltar-based holding company"


@pytest.mark.model
def test_full_analyzer_dates_are_calendar_values_of_the_reporting_clause() -> None:
    from dossier.analyze import Analyzer
    from dossier.model import Article

    text = (
        'The chairman spoke for two hours on Friday. "Sales will recover next year," said Mark Dunne, who '
        "took over as chairman in May 2003. Every week, she says, the queue grows. In September, the company "
        "had said that sales were poor."
    )
    analysis = Analyzer().analyze(Article(text=text, language="en"))
    dates = {q.text[:10]: q.date for q in analysis.quotes}
    assert all(d is None or is_calendar_date(d) for d in dates.values())
    assert dates.get("Sales will") is None
    assert dates.get("sales were") == "XXXX-09"


def test_participle_after_a_parenthetical_source_is_not_its_content() -> None:
    text = 'The delays were not a "one-off", Ms Ward said, claiming the board had ignored warnings for years.'
    found = quotes(text, [mention(text, "Ward", entity="Jo Ward")])
    said = next(q for q in found if q.cue == "said")
    assert said.text == 'The delays were not a "one-off"' and said.speaker == "Jo Ward"


def test_date_in_a_dashed_relative_clause_is_not_the_statements() -> None:
    text = 'The band - whose album was the best seller of 2004 - thanked fans, adding: "We owe you everything."'
    (q,) = quotes(text, times=[time(text, "2004", "2004")])
    assert q.text == "We owe you everything." and q.date is None


def test_date_before_a_comma_and_or_after_an_infinitive_is_not_the_statements() -> None:
    text = "Growth slowed in the fourth quarter, and the bank said it expected a rise of 6% next year."
    (q,) = quotes(text, [mention(text, "bank", kind="org")], [time(text, "the fourth quarter", "XXXX-Q4")])
    assert q.date is None
    text = "The new carrier, owned by the brewer, expects to start flying by the end of April."
    for q in quotes(text, times=[time(text, "the end of April", "XXXX-04")]):
        assert q.date is None


def test_subject_with_a_reduced_relative_clause_speaks_and_is_no_content() -> None:
    text = "Her lawsuit, filed in the High Court in Leeds, said the coach had acted in good faith."
    (q,) = quotes(text, [mention(text, "Leeds", kind="place")])
    assert q.text == "the coach had acted in good faith" and phrase(text, q) == "Her lawsuit"
    text = "The book, by former aide Jo Marsh and serialised in a Sunday paper, said the minister knew of the plan."
    (q,) = quotes(text, [mention(text, "Jo Marsh")])
    assert q.text == "the minister knew of the plan" and phrase(text, q) == "The book"
