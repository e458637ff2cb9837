"""Content and source spans: where a statement starts and ends, and who is named as its source.

Sentences written for these tests; mentions are made by hand so that no trained model runs.
Each test names the mechanism it guards (docs/quotes.md, "Spans and sources").
"""

from __future__ import annotations

from dossier.analyze.attribution import extract, load_lexicon
from dossier.model import Quote
from test_quotes_speakers import mention, phrase, quotes


def only(found: list[Quote], fragment: str) -> Quote:
    hits = [q for q in found if fragment in q.text]
    assert len(hits) == 1, [q.text for q in found]
    return hits[0]


# --- content spans -----------------------------------------------------------------------------


def test_a_pronoun_subject_before_a_long_quote_stays_in_the_reported_clause() -> None:
    text = 'The union attacked the mayor, saying she "has broken every promise she made to the night-shift workers".'
    (q,) = quotes(text)
    # the quoted words alone would lose whom they are about
    assert q.text.startswith('she "has broken') and not q.direct


def test_a_bare_that_before_a_quote_still_makes_the_quote_the_content() -> None:
    text = 'The minister stated that "the border will stay open through the whole of the winter".'
    (q,) = quotes(text)
    assert q.direct and q.text == "the border will stay open through the whole of the winter"


def test_parenthetical_attribution_before_a_conjunction_keeps_the_first_conjunct() -> None:
    text = (
        "Exports fell 4 percent, the ministry said in its March bulletin, and imports of machinery "
        "and fuel stayed flat for the third month running."
    )
    (q,) = quotes(text)
    assert q.text == "Exports fell 4 percent" and phrase(text, q) == "the ministry"


def test_parenthetical_attribution_with_a_day_still_splits_at_the_longer_side() -> None:
    text = "Too often, Ms. Varga said on Tuesday, the hearings turn into a contest of slogans and nothing more."
    (q,) = quotes(text, mentions=[mention(text, "Varga", entity="Anna Varga")])
    assert q.text.startswith("the hearings turn") and q.speaker == "Anna Varga"


def test_a_sentence_broken_at_an_editorial_bracket_is_read_whole() -> None:
    text = "Okoro told the panel that he [did not] expect the vote to pass before the recess."
    broken = [(0, text.index("[")), (text.index("["), len(text))]  # as a sentence splitter left it
    ms = [mention(text, "Okoro", entity="Chidi Okoro")]
    (q,) = extract(text, "en", load_lexicon("en"), sentences=broken, mentions=ms)
    assert q.text == "he [did not] expect the vote to pass before the recess"
    assert q.speaker == "Chidi Okoro"


def test_a_headline_line_is_not_joined_to_the_next_line() -> None:
    text = "markets slide as rates rise\nbankers said the slide would last into the summer."
    sents = [(0, text.index("\n")), (text.index("\n") + 1, len(text))]
    (q,) = extract(text, "en", load_lexicon("en"), sentences=sents)
    assert q.text == "the slide would last into the summer"


def test_a_that_clause_of_an_inner_verb_keeps_its_subject() -> None:
    text = "Ms. Adeyemi said she feared that the clinic would close before the spring."
    (q,) = quotes(text, mentions=[mention(text, "Adeyemi", entity="Ruth Adeyemi")])
    assert q.text == "she feared that the clinic would close before the spring"
    plain = "Ms. Adeyemi told the board that the clinic would close before the spring."
    (p,) = quotes(plain, mentions=[mention(plain, "Adeyemi", entity="Ruth Adeyemi")])
    assert p.text == "the clinic would close before the spring"  # "the board" is the addressee


def test_a_scene_setting_phrase_before_the_source_is_not_what_was_said() -> None:
    text = "In a radio interview on Friday, Dr. Osei conceded the long delays at the hospital."
    (q,) = quotes(text, mentions=[mention(text, "Osei", entity="Kwame Osei")])
    assert q.text == "the long delays at the hospital" and q.speaker == "Kwame Osei"
    reported = "In the long run, rents will fall, the housing minister said."
    (r,) = quotes(reported)
    assert r.text == "In the long run, rents will fall"  # a clause: the minister's words


def test_the_writers_closing_which_clause_is_not_reported() -> None:
    text = "Engineers said the dam had cracked in two places, which the ministry first denied."
    (q,) = quotes(text)
    assert q.text == "the dam had cracked in two places"
    inner = "Engineers said the dam, which was built in 1962, had cracked in two places."
    (r,) = quotes(inner)
    assert r.text.endswith("had cracked in two places")  # a relative clause inside stays
    asked = "Grant said the panel must decide whether to appoint a judge and if so, which judge it wants."
    (a,) = quotes(asked)
    assert a.text.endswith("which judge it wants")  # a question word, not the writer's aside


def test_a_noun_that_looks_like_a_cue_belongs_to_the_source_phrase() -> None:
    text = "Federal and state inspectors said the pipeline had leaked for weeks."
    (q,) = quotes(text)
    assert phrase(text, q) == "Federal and state inspectors"
    bare = "The states argued the new rule broke the law."
    for r in quotes(bare):
        assert phrase(bare, r) is None or "rule" not in phrase(bare, r)  # never the content as source


# --- cues ------------------------------------------------------------------------------------


def test_continued_introduces_the_words_next_to_it() -> None:
    text = 'Hall spoke for an hour.\n\nShe continued, "We will keep the library open on Sundays."'
    (q,) = quotes(text, mentions=[mention(text, "Hall", entity="Rosa Hall")])
    assert q.direct and phrase(text, q) == "She" and q.speaker == "Rosa Hall"


def test_a_possessive_heading_with_a_colon_is_the_writers_own() -> None:
    assert quotes("Editor’s note: the council has since withdrawn the plan for the depot.") == []
    text = "The mayor’s claim that the depot was safe drew a sharp reply."
    (q,) = quotes(text, mentions=[mention(text, "mayor", kind="person", entity="Lena Ruiz")])
    assert q.text.startswith("the depot was safe")  # a claim noun with its owner still reports


def test_continued_with_an_object_reports_nothing() -> None:
    assert quotes("The board continued its policy that staff must work every second weekend.") == []
    assert quotes("Prices continued to rise in every region of the country last year.") == []


# --- sources ---------------------------------------------------------------------------------


def test_agency_alone_is_a_government_body_that_speaks() -> None:
    text = "Claims rose sharply in May, the agency said."
    (q,) = quotes(text)
    assert q.speaker == "the agency" and q.via is None


def test_a_news_agency_passes_the_statement_on() -> None:
    text = "Claims rose sharply in May, the news agency reported."
    (q,) = quotes(text)
    assert q.speaker is None and q.via == "the news agency"


def test_a_title_phrase_before_a_name_is_part_of_the_source() -> None:
    text = 'One former aide, Marta Quell, likened the plan to "selling the furniture to pay the rent".'
    (q,) = quotes(text, mentions=[mention(text, "Marta Quell")])
    assert q.speaker == "Marta Quell" and phrase(text, q) == "One former aide, Marta Quell"


def test_a_subject_away_from_its_cue_keeps_its_appositive() -> None:
    text = "Ivo Marek, the club's treasurer, read the accounts aloud and said the debt was paid off."
    (q,) = quotes(text, mentions=[mention(text, "Ivo Marek")])
    assert q.speaker == "Ivo Marek" and phrase(text, q) == "Ivo Marek, the club's treasurer"


def test_a_possessive_opens_the_source_phrase() -> None:
    text = "Her lawyers said the contract had never been signed."
    (q,) = quotes(text)
    assert phrase(text, q) == "Her lawyers"


def test_two_people_who_speak_together_are_one_joint_source() -> None:
    text = "Ms. Lund and Mr. Ferris said the bridge would reopen in May."
    (q,) = quotes(text, mentions=[mention(text, "Lund"), mention(text, "Ferris")])
    # neither alone said it: the source is the phrase, with no single entity
    assert phrase(text, q) == "Ms. Lund and Mr. Ferris" and q.speaker_id is None and q.speaker != "Ferris"
    after_verb = "The firm posted a loss and analysts said the shares would fall further."
    (r,) = quotes(after_verb)
    assert phrase(after_verb, r) == "analysts"


def test_a_clause_before_and_is_no_joint_source() -> None:
    text = "Baltic Freight now owns the port and Estonia said it would sell its stake next year."
    (q,) = quotes(text, mentions=[mention(text, "Baltic Freight", kind="org"), mention(text, "Estonia", kind="place")])
    assert phrase(text, q) == "Estonia"


def test_a_possessive_after_a_noun_homograph_is_no_quote_mark() -> None:
    text = "In the third quarter, the city state's output grew at an annual rate of 3 percent."
    assert quotes(text) == []


def test_two_names_in_a_row_are_not_a_title_and_a_name() -> None:
    text = "Ortega, Blum, said the two firms would merge by June."
    for q in quotes(text, mentions=[mention(text, "Ortega"), mention(text, "Blum")]):
        assert phrase(text, q) != "Ortega, Blum" or q.speaker != "Blum"


def test_an_untagged_name_credited_after_a_dash_speaks() -> None:
    text = "“We waited four hours for a bus.” ― Dalia Ferrante\n“Nobody told us anything.” ― Associated Press\n"
    found = quotes(text)
    assert only(found, "bus").speaker == "Dalia Ferrante"
    assert only(found, "Nobody").speaker != "Associated Press"  # an outlet's word makes no person


# --- Russian (issue 10) ------------------------------------------------------------------------


def test_ru_outlet_pronoun_and_exercise_name_in_one_report() -> None:
    text = (
        "Командующий Павел Мирошин провёл смотр войск. По его словам, подготовка к учениям "
        "«Северный щит» идёт по плану. Об этом сообщает БелТА."
    )
    found = quotes(text, "ru", [mention(text, "Павел Мирошин"), mention(text, "БелТА", kind="org")])
    (q,) = found  # the exercise name in marks is no quote of its own
    assert q.speaker == "Павел Мирошин" and q.via == "БелТА"
    assert "Северный щит" in q.text


# --- short reported clauses and words after the subject's head ---------------------------------


def test_a_short_clause_opened_by_a_pronoun_is_the_content_of_a_participle_cue() -> None:
    # "it was unwise" is three words: a clause, not an object; the deed before the cue is no content
    (q,) = quotes("Farmers blocked the road, saying it was unwise.")
    assert q.text == "it was unwise"
    assert q.speaker == "Farmers"


def test_a_place_adverb_after_the_subject_noun_does_not_hide_the_speaker() -> None:
    (q,) = quotes("Critics abroad condemned the tariff, saying the levy would hurt small exporters.")
    assert q.speaker == "Critics abroad"
    assert q.text == "the levy would hurt small exporters"
