"""Quotes and attribution (issue #5): quote styles, names vs. speech, speakers, chains.

Built on hand-made mentions and times so that the rules are tested without the
entity and time stages or any trained model.
"""

from __future__ import annotations

import pytest

from dossier.analyze.attribution import QuoteStage, extract, load_lexicon
from dossier.analyze.attribution.lexicon import parse_cues
from dossier.analyze.attribution.marks import pair_marks, quoted_spans
from dossier.analyze.pipeline import DocContext
from dossier.model import Article, DocAnalysis, Entity, Mention, Quote, TimeExpr


def mention(
    text: str, surface: str, kind: str = "person", entity: str | None = None, role: str | None = None, nth: int = 0
) -> Mention:
    at = -1
    for _ in range(nth + 1):
        at = text.index(surface, at + 1)
    return Mention(surface, at, at + len(surface), kind, entity or surface, role=role)


def quotes(
    text: str, lang: str = "en", mentions: list[Mention] | None = None, times: list[TimeExpr] | None = None
) -> list[Quote]:
    found = extract(text, lang, load_lexicon(lang), mentions=mentions or [], times=times or [])
    for q in found:
        assert q.text == text[q.start : q.end]
    return found


def only(found: list[Quote], fragment: str) -> Quote:
    hits = [q for q in found if fragment in q.text]
    assert len(hits) == 1, [q.text for q in found]
    return hits[0]


# --- quote styles ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '"We will not back down," Smith said.',
        "“We will not back down,” Smith said.",
        "‘We will not back down,’ Smith said.",
        "«We will not back down», — Smith said.",
        "„We will not back down“, Smith said.",
    ],
)
def test_each_quote_style_is_direct_speech_with_speaker(text: str) -> None:
    q = only(quotes(text, mentions=[mention(text, "Smith")]), "back down")
    assert q.direct and q.text == "We will not back down"
    assert q.speaker == "Smith" and q.cue == "said"


def test_nested_same_family_quotes_stay_one_quote() -> None:
    text = (
        "The Belarusian leader stated that ‘if a decision is made by Russia, the goals of ‘Oreshnik’ "
        "should be determined by Minsk,’ highlighting its wish for autonomy."
    )
    found = quotes(text)
    assert len(found) == 1
    assert found[0].direct and found[0].text.startswith("if a decision") and found[0].text.endswith("Minsk")
    assert found[0].cue == "stated"


def test_inner_double_inside_single_and_vice_versa() -> None:
    text = "“He called it ‘a disaster’ and left,” she said."
    (q,) = quotes(text)
    assert q.text == "He called it ‘a disaster’ and left"


# --- names versus speech -------------------------------------------------------------------


def test_quoted_names_are_not_quotes() -> None:
    text = (
        "Belarus has brought the ‘Oreshnik’ missile complex into readiness. "
        "The ‘Polonez-M’ system was shown by the channel ‘Pul Peremyshlera Pervogo,’ a media outlet."
    )
    assert quotes(text) == []


def test_short_capitalised_quote_with_adjacent_cue_is_speech() -> None:
    text = "“Disgraceful,” Smith said."
    (q,) = quotes(text, mentions=[mention(text, "Smith")])
    assert q.text == "Disgraceful" and q.speaker == "Smith"


def test_scare_quote_fragment_without_cue_is_not_a_quote() -> None:
    assert quotes("The plan was widely seen as a ‘reckless move’ by the government.") == []
    # a verb of characterisation is a cue: the officials' own words (tests/test_quotes_sources.py)
    (q,) = quotes("Officials called the plan a ‘reckless move’ by the government.")
    assert q.text == "reckless move" and q.speaker == "Officials"


def test_apostrophes_do_not_open_or_close_quotes() -> None:
    text = "Russia’s missile and Belarus’s army and the ’90s don’t matter. ‘It is done,’ he said."
    spans = [text[s.start : s.end] for s in pair_marks(text)]
    assert spans == ["It is done,"]


# --- colon and dash introductions, Russian ---------------------------------------------------


def test_colon_introduction_english() -> None:
    text = "Smith said: “The vote is over and we won.”"
    (q,) = quotes(text, mentions=[mention(text, "Smith")])
    assert q.direct and q.speaker == "Smith" and q.text == "The vote is over and we won."


def test_russian_headline_colon() -> None:
    text = "Лукашенко: «Мы не позволим никому диктовать нам условия»."
    (q,) = quotes(text, "ru", [mention(text, "Лукашенко")])
    assert q.direct and q.speaker == "Лукашенко" and q.cue == ":"


def test_russian_dash_dialogue_and_continuation() -> None:
    text = "— Это делается в строгом соответствии с правом, — заявил Рыженков. — Никаких угроз нет."
    found = quotes(text, "ru", [mention(text, "Рыженков")])
    assert [q.text for q in found] == ["Это делается в строгом соответствии с правом", "Никаких угроз нет"]
    assert all(q.direct and q.speaker == "Рыженков" for q in found)


def test_russian_guillemets_after_quote() -> None:
    text = "«Мы готовы к диалогу», — отметил Лавров."
    (q,) = quotes(text, "ru", [mention(text, "Лавров")])
    assert q.speaker == "Лавров" and q.cue == "отметил"


def test_russian_indirect_cues() -> None:
    text = (
        "Президент Александр Лукашенко заявил, что комплекс уже в пути. "
        "По словам министра обороны Виктора Хренина, комплекс заступил на дежурство."
    )
    ms = [
        mention(text, "Александр Лукашенко", entity="Лукашенко", role="президент"),
        mention(text, "Виктора Хренина", entity="Хренин", role="министр обороны"),
    ]
    found = quotes(text, "ru", ms)
    a = only(found, "в пути")
    assert not a.direct and a.speaker == "Лукашенко" and a.cue == "заявил" and a.text == "комплекс уже в пути"
    b = only(found, "дежурство")
    assert b.speaker == "Хренин" and b.cue.lower() == "по словам"


def test_russian_pronoun_resolves_to_previous_person() -> None:
    text = "Захарова прокомментировала ситуацию. Она сообщила, что переговоры продолжатся."
    (q,) = quotes(text, "ru", [mention(text, "Захарова")])
    assert q.speaker == "Захарова" and text[q.speaker_start : q.speaker_end] == "Она"


# --- indirect speech -------------------------------------------------------------------------


def test_reporting_verb_with_that_clause() -> None:
    text = "Ryzhenkov stated that the deployment complies with international law."
    (q,) = quotes(text, mentions=[mention(text, "Ryzhenkov")])
    assert not q.direct and q.text == "the deployment complies with international law"


def test_participle_takes_sentence_subject() -> None:
    text = (
        "Belarusian Foreign Minister Maxim Ryzhenkov sought to clarify the deployment, "
        "emphasizing that it is not an act of militarization."
    )
    ms = [
        mention(text, "Belarusian Foreign Minister Maxim Ryzhenkov", entity="Maxim Ryzhenkov", role="Foreign Minister")
    ]
    (q,) = quotes(text, mentions=ms)
    assert q.speaker == "Maxim Ryzhenkov" and q.cue == "emphasizing"
    assert q.text == "it is not an act of militarization"


def test_according_to_and_sentence_final_attribution() -> None:
    text = "According to Reuters, the deal was signed late at night. The talks failed again, a source said."
    found = quotes(text, mentions=[mention(text, "Reuters", "org")])
    a = only(found, "deal")
    # an outlet reports what it was told: it is the via, never the speaker
    assert a.speaker is None and a.via == "Reuters" and a.text == "the deal was signed late at night"
    b = only(found, "talks")
    assert b.speaker == "a source" and b.speaker_id is None and b.text == "The talks failed again"


def test_passive_report_has_no_speaker() -> None:
    text = "It was announced that the border would close on Friday."
    (q,) = quotes(text)
    assert q.speaker is None and q.text.startswith("the border would close")


def test_possessive_office_speaks_for_its_owner() -> None:
    text = "Lukashenko's office said that the model was a gift."
    (q,) = quotes(text, mentions=[mention(text, "Lukashenko")])
    assert q.speaker == "Lukashenko" and text[q.speaker_start : q.speaker_end] == "Lukashenko's office"


def test_noun_homograph_is_not_a_cue() -> None:
    assert quotes("The state claims were rejected in a report to the president.") == []


# --- speaker resolution ----------------------------------------------------------------------


def test_pronoun_speaker_resolves_to_previous_person() -> None:
    text = "Smith arrived in Minsk on Monday. He said the talks would go on for weeks."
    (q,) = quotes(text, mentions=[mention(text, "Smith")])
    assert q.speaker == "Smith" and text[q.speaker_start : q.speaker_end] == "He"


def test_title_resolves_to_person_with_that_role() -> None:
    text = (
        "Russian President Vladimir Putin met Belarusian President Alexander Lukashenko. "
        "The Belarusian leader said that the missiles would arrive soon."
    )
    ms = [mention(text, "Vladimir Putin", role="President"), mention(text, "Alexander Lukashenko", role="President")]
    (q,) = quotes(text, mentions=ms)
    assert q.speaker == "Alexander Lukashenko"


def test_minister_title() -> None:
    text = (
        "Defense Minister Victor Khrenin reported to the president. "
        "The minister said that the complex was on combat duty."
    )
    ms = [mention(text, "Victor Khrenin", role="Defense Minister")]
    (q,) = quotes(text, mentions=ms)
    assert q.speaker == "Victor Khrenin"


def test_inversion_said_name_and_date() -> None:
    text = "“This is being carried out in strict compliance with the law,” said Ryzhenkov on September 26."
    t = text.index("September 26")
    times = [TimeExpr("September 26", t, t + 12, "DATE", "2025-09-26")]
    (q,) = quotes(text, mentions=[mention(text, "Ryzhenkov")], times=times)
    assert q.speaker == "Ryzhenkov" and q.date == "2025-09-26" and q.cue == "said"


def test_date_inside_content_is_not_the_statement_date() -> None:
    text = "Smith said that the attack happened on Sunday."
    t = text.index("Sunday")
    (q,) = quotes(text, mentions=[mention(text, "Smith")], times=[TimeExpr("Sunday", t, t + 6, "DATE", "X")])
    assert q.date is None


def test_unresolved_speaker_is_null() -> None:
    (q,) = quotes("“We have nothing to add to this,” he said.")
    assert q.speaker is None and q.speaker_start is not None


# --- source chains ---------------------------------------------------------------------------


def test_shared_by_channel_is_the_source() -> None:
    text = (
        "The office of President Lukashenko now features a model of the ‘Oreshnik’ missile complex, "
        "as revealed in a photograph shared by the Telegram channel ‘Pul Peremyshlera Pervogo,’ a media "
        "outlet close to the leader."
    )
    (q,) = quotes(text, mentions=[mention(text, "Lukashenko")])
    assert q.speaker == "Pul Peremyshlera Pervogo" and q.cue == "revealed"
    assert q.text.startswith("The office of President Lukashenko") and q.text.endswith("missile complex")


def test_according_to_outlet_becomes_via() -> None:
    text = "“The missiles are already on their way,” Lukashenko told reporters, according to BelTA."
    ms = [mention(text, "Lukashenko"), mention(text, "BelTA", "org")]
    (q,) = quotes(text, mentions=ms)
    assert q.speaker == "Lukashenko" and q.via == "BelTA" and q.cue == "told"


def test_citing_makes_the_cited_the_speaker() -> None:
    text = "Reuters reported, citing officials, that the vote was delayed."
    (q,) = quotes(text, mentions=[mention(text, "Reuters", "org")])
    assert q.speaker == "officials" and q.via == "Reuters"


def test_russian_relay_verb_becomes_via() -> None:
    text = "Лукашенко заявил журналистам, что ракеты уже в пути, передает БелТА."
    ms = [mention(text, "Лукашенко"), mention(text, "БелТА", "org")]
    (q,) = quotes(text, "ru", ms)
    assert q.speaker == "Лукашенко" and q.via == "БелТА" and q.text == "ракеты уже в пути"


# --- paragraphs and broken marks -----------------------------------------------------------------


def test_quote_running_over_paragraphs() -> None:
    text = (
        "Smith said: “The first part of the statement goes here.\n\n"
        "“The second part continues without a closing mark in between.”\n\nOther news follows."
    )
    (q,) = quotes(text, mentions=[mention(text, "Smith")])
    assert q.text.startswith("The first part") and q.text.endswith("in between.")
    assert "Other news" not in q.text


def test_paragraph_break_inside_a_quote_with_closer_in_next_paragraph() -> None:
    text = "The image, captioned ‘Oreshnik in Belarus.\n\nDiscussed in the cabinet of the First,’ drew notice."
    (span,) = [s for s in quoted_spans(text, "en") if s.kind == "speech"]
    assert text[span.start : span.end] == "Oreshnik in Belarus.\n\nDiscussed in the cabinet of the First,"


def test_unbalanced_marks_do_not_crash_or_swallow_the_article() -> None:
    text = (
        "The unbalanced “quote starts here and never ends.\n\n"
        "Another “thing. “Hello there, my friends,” she said.\n\nThe last paragraph is plain text."
    )
    found = quotes(text)
    assert [q.text for q in found] == ["Hello there, my friends"]
    for bad in ["“", "”", "«", "»", '"', "‘", "’", "„", "— ", "“a”“", "»«", "'"]:
        quotes(bad)
        quotes(bad * 50 + "He said “yes” and left.")


def test_unclosed_quote_at_paragraph_start_stops_at_paragraph_end() -> None:
    text = "“We will win this election, no matter what they say\n\nThe polls open at eight."
    (span,) = [s for s in quoted_spans(text, "en")]
    assert text[span.start : span.end] == "We will win this election, no matter what they say"


# --- stage and lexicon ----------------------------------------------------------------------------


def test_stage_fills_quotes_with_entity_ids() -> None:
    text = "“We will win,” Smith said."
    analysis = DocAnalysis(
        text=text,
        language="en",
        sentences=[(0, len(text))],
        mentions=[mention(text, "Smith")],
        entities=[Entity("Smith", "person", id="E1")],
    )
    ctx = DocContext(article=Article(text=text), analysis=analysis)
    stage = QuoteStage()
    assert stage.name == "quotes"
    stage([ctx])
    (q,) = analysis.quotes
    assert q.speaker_id == "E1" and q.sentence == 0 and q.text == "We will win"


def test_stage_runs_on_blank_spacy_contexts() -> None:
    spacy = pytest.importorskip("spacy")
    text = "Officials said that the bridge would reopen in May. “It is safe,” the mayor said."
    ctx = DocContext(
        article=Article(text=text), analysis=DocAnalysis(text=text, language="en"), doc=spacy.blank("en")(text)
    )
    QuoteStage()([ctx])
    assert [q.direct for q in ctx.analysis.quotes] == [False, True]


def test_cue_file_format_is_validated() -> None:
    forms = parse_cues("say\tsay\tsay said saying^ claims~ reports@\n")
    assert forms["saying"].participle and forms["claims"].homograph and forms["reports"].relay
    with pytest.raises(ValueError, match="kind"):
        parse_cues("say\tnope\tsaid\n")


@pytest.mark.model
def test_full_analyzer_on_seed_like_text() -> None:
    from dossier.analyze import Analyzer

    text = (
        "Belarusian Foreign Minister Maxim Ryzhenkov has sought to clarify the deployment, emphasizing that "
        "it is not an act of militarization. ‘This is being carried out in strict compliance with "
        "international law,’ Ryzhenkov stated on September 26."
    )
    analysis = Analyzer().analyze(Article(text=text, language="en"))
    assert [q.direct for q in analysis.quotes] == [False, True]
    assert analysis.quotes[1].cue == "stated"
