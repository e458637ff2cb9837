"""Source (speaker) finding: the constructions that left statements without their source.

Own sentences, English and Russian; mentions are made by hand so that no trained model runs.
Each test names the construction it guards.
"""

from __future__ import annotations

from dossier.analyze.attribution import extract, load_lexicon
from dossier.model import Quote
from test_quotes_speakers import mention, phrase, quotes


def having(found: list[Quote], fragment: str) -> Quote:
    hits = [q for q in found if fragment in q.text]
    assert len(hits) == 1, [q.text for q in found]
    return hits[0]


# --- English ----------------------------------------------------------------------------------


def test_a_clause_final_that_is_a_pronoun_not_the_start_of_the_content() -> None:
    text = "Engineers at the plant said the new turbine could change that."
    (q,) = quotes(text)
    assert q.text == "the new turbine could change that"
    assert phrase(text, q) == "Engineers at the plant"


def test_a_second_coordinated_attribution_keeps_its_own_speaker() -> None:
    text = "Hartley agreed that the bylaws were outdated, but he said that any vote should wait until spring."
    ms = [mention(text, "Hartley", entity="Ruth Hartley")]
    found = quotes(text, mentions=ms)
    first, second = having(found, "bylaws"), having(found, "any vote")
    assert first.text == "the bylaws were outdated"
    assert phrase(text, second) == "he" and second.text.startswith("any vote should wait")


def test_content_stops_before_another_statements_quote_and_its_cue() -> None:
    text = 'Okafor said the budget was tight because "we lost two donors this year," she said.'
    ms = [mention(text, "Okafor", entity="Ada Okafor")]
    found = quotes(text, mentions=ms)
    reported = having(found, "budget")
    assert not reported.direct and reported.speaker == "Ada Okafor" and '"' not in reported.text
    assert having(found, "two donors").direct


def test_bracketed_party_tag_does_not_make_an_inverted_attribution() -> None:
    text = "The levee will hold through the winter, Rep. Dana Pruett (R-La.) told the Courier on Friday."
    (q,) = quotes(text, mentions=[mention(text, "Dana Pruett")])
    assert q.speaker == "Dana Pruett" and q.text == "The levee will hold through the winter"


def test_abbreviation_point_belongs_to_the_organisation_name() -> None:
    text = "The agency announced new rules on Monday. The F.A.A. said it would inspect every airframe."
    q = having(quotes(text, mentions=[mention(text, "F.A.A", kind="org", entity="FAA")]), "inspect")
    assert q.speaker == "FAA" and phrase(text, q) == "The F.A.A."


def test_possessive_between_quote_and_cue_is_no_quote_mark() -> None:
    text = "“The audit was overdue,” Grant's campaign strategist said in an interview."
    (q,) = quotes(text, mentions=[mention(text, "Grant", entity="Lena Grant")])
    assert q.direct and phrase(text, q) == "Grant's campaign strategist"


def test_appositive_subject_with_object_content() -> None:
    text = "Nadia Ferris, the union's chief negotiator, said members still want a shorter week."
    (q,) = quotes(text, mentions=[mention(text, "Nadia Ferris")])
    assert q.speaker == "Nadia Ferris" and q.text == "members still want a shorter week"
    assert phrase(text, q) == "Nadia Ferris, the union's chief negotiator"  # the source phrase with its appositive


def test_appositive_with_relative_clause_before_a_cue_and_a_quote() -> None:
    text = 'Omar Lind, a surveyor who mapped the valley, recalled, "Nobody believed the river would move."'
    (q,) = quotes(text, mentions=[mention(text, "Omar Lind")])
    assert q.direct and q.speaker == "Omar Lind"


def test_dash_appositive_subject() -> None:
    text = "Brandt -- author of a history of the port authority -- said the board tended to avoid votes."
    (q,) = quotes(text, mentions=[mention(text, "Brandt", entity="Karl Brandt")])
    assert q.speaker == "Karl Brandt" and q.text.startswith("the board tended")


def test_long_appositive_between_quote_and_cue() -> None:
    text = (
        "“We were never consulted,” Joan Mercer, the mayor of Eastbrook, one of the towns suing the county, "
        "said at a hearing."
    )
    (q,) = quotes(text, mentions=[mention(text, "Joan Mercer"), mention(text, "Eastbrook", kind="place")])
    assert q.direct and q.speaker == "Joan Mercer"
    assert phrase(text, q) == "Joan Mercer, the mayor of Eastbrook"  # the first appositive only


def test_horizontal_bar_credit_after_a_quote() -> None:
    text = "“The new park changed our street.”― Dolores Vance\n“We finally have shade.”― Ike Moreno\n"
    ms = [mention(text, "Dolores Vance"), mention(text, "Ike Moreno")]
    found = quotes(text, mentions=ms)
    assert having(found, "park").speaker == "Dolores Vance"
    assert having(found, "shade").speaker == "Ike Moreno"


def test_transcript_quote_left_open_is_split_by_speaker_labels() -> None:
    text = (
        'Partial transcript:\n\n"HOLT: Will you release the records this week?\n\n'
        '"BRIGGS: We will release them when the audit is done.\n\n'
        '"HOLT: So not this week, then?\n\n"BRIGGS: Not this week, no.'
    )
    found = quotes(text)
    labels = [(phrase(text, q), q.text[:12]) for q in found]
    assert labels == [
        ("HOLT", "Will you rel"),
        ("BRIGGS", "We will rele"),
        ("HOLT", "So not this "),
        ("BRIGGS", "Not this wee"),
    ]


def test_cue_with_colon_ending_the_previous_paragraph() -> None:
    text = 'Kowalski answered the question at length.\n\nShe said:\n\n"We have two years of water left."'
    ms = [mention(text, "Kowalski", entity="Eva Kowalski")]
    q = having(quotes(text, mentions=ms), "water")
    assert q.direct and phrase(text, q) == "She" and q.speaker == "Eva Kowalski"


def test_a_bare_title_before_a_colon_paragraph_is_no_speaker() -> None:
    text = 'Partial transcript:\n\n"We will know more by Friday, and we will say so."'
    for q in quotes(text):
        assert phrase(text, q) is None


def test_block_quote_after_a_colon_paragraph_is_the_content() -> None:
    text = "The senator added:\n\nIt is typical of this agency. It knows nothing, and it never listens.\n\nEnd."
    q = having(quotes(text), "typical")
    assert phrase(text, q) == "The senator" and q.text.endswith("never listens")


def test_contracted_negation_with_curly_apostrophe_is_a_clause() -> None:
    text = "Pereira said the county doesn’t keep records of the spills."
    (q,) = quotes(text, mentions=[mention(text, "Pereira", entity="Rui Pereira")])
    assert q.text.startswith("the county doesn’t")


def test_subject_modified_before_its_verb_far_from_the_cue() -> None:
    text = "Supporters in the council say the program, run by the regional water board, has saved millions."
    (q,) = quotes(text)
    assert phrase(text, q) == "Supporters in the council" and q.text.endswith("has saved millions")


def test_conjoined_subject_names_the_first_conjunct() -> None:
    text = "Experts on drought and water policy said the reservoir could run dry by August."
    (q,) = quotes(text)
    assert phrase(text, q) == "Experts on drought and water policy"


def test_continued_quote_passes_over_a_person_named_as_an_object() -> None:
    text = '"We will not settle," Ms. Abara said in an interview with Tom Lyle of the Ledger. "The contract is clear."'
    ms = [mention(text, "Abara", entity="Nkem Abara"), mention(text, "Tom Lyle")]
    q = having(quotes(text, mentions=ms), "contract")
    assert q.speaker == "Nkem Abara"


def test_coordinated_cue_after_an_adverb_takes_the_sentence_subject() -> None:
    text = 'She waves at the officers and repeatedly shouts, "Put the gun down."'
    ms = [mention(text, "She", kind="person", entity="Rosa Diaz")]
    (q,) = quotes(text, mentions=ms)
    assert phrase(text, q) == "She"


# --- Russian ----------------------------------------------------------------------------------


def test_ru_reporting_verbs_in_both_genders_and_tenses() -> None:
    cases = [
        ("Министр финансов Павел Дорин заявил, что налоги не вырастут.", "Павел Дорин", "заявил"),
        ("Вера Лаптева заявила журналистам, что завод откроется весной.", "Вера Лаптева", "заявила"),
        ("Глава района Олег Сташук сообщил, что дорогу отремонтируют к осени.", "Олег Сташук", "сообщил"),
        ("Инна Горбач подчеркнула, что очередей в больнице больше нет.", "Инна Горбач", "подчеркнула"),
        ("Губернатор Олег Сташук отмечает, что урожай будет выше прошлогоднего.", "Олег Сташук", "отмечает"),
    ]
    for text, name, cue in cases:
        (q,) = quotes(text, "ru", [mention(text, name)])
        assert q.speaker == name and q.cue == cue and q.via is None, text
        assert not q.text.startswith("что")


def test_ru_according_to_a_person_in_the_genitive() -> None:
    text = "По словам Павла Дорина, дефицит бюджета сократится вдвое."
    (q,) = quotes(text, "ru", [mention(text, "Павла Дорина", entity="Павел Дорин")])
    assert q.speaker == "Павел Дорин" and q.text == "дефицит бюджета сократится вдвое"


def test_ru_as_reported_by_an_outlet_makes_it_via() -> None:
    text = "Как сообщает агентство Интерфакс, рейсы в Минск возобновятся в мае."
    (q,) = quotes(text, "ru", [mention(text, "Интерфакс", kind="org"), mention(text, "Минск", kind="place")])
    assert q.speaker is None and q.via == "Интерфакс"


def test_ru_he_said_resolves_to_the_nearest_man_and_she_to_the_woman() -> None:
    text = (
        "Вера Лаптева и Павел Дорин обсудили бюджет. Он сказал, что расходы урежут. "
        "Она добавила, что школы это не затронет."
    )
    ms = [mention(text, "Вера Лаптева"), mention(text, "Павел Дорин")]
    found = quotes(text, "ru", ms)
    assert having(found, "расходы").speaker == "Павел Дорин"
    assert having(found, "школы").speaker == "Вера Лаптева"


def test_ru_time_phrase_between_cue_and_inverted_speaker() -> None:
    text = "Ремонт моста завершится к зиме, заявил в четверг Олег Сташук."
    (q,) = quotes(text, "ru", [mention(text, "Олег Сташук")])
    assert q.speaker == "Олег Сташук" and phrase(text, q) == "Олег Сташук"


def test_ru_leading_adverb_is_not_part_of_the_speaker() -> None:
    text = "Сегодня Инна Горбач сообщила, что приём пациентов возобновлён."
    (q,) = quotes(text, "ru", [mention(text, "Инна Горбач")])
    assert phrase(text, q) == "Инна Горбач"


def test_ru_coordinated_attributions_each_keep_their_speaker() -> None:
    text = "Дорин заявил, что налоги не вырастут, а Лаптева добавила, что пошлины снизят."
    ms = [mention(text, "Дорин", entity="Павел Дорин"), mention(text, "Лаптева", entity="Вера Лаптева")]
    found = quotes(text, "ru", ms)
    assert having(found, "налоги").speaker == "Павел Дорин"
    assert having(found, "пошлины").speaker == "Вера Лаптева"


def test_verb_of_characterisation_attributes_the_quoted_words_after_it() -> None:
    text = 'Mayor Quinlan called the council vote "a betrayal of every tenant" and left the room.'
    (q,) = quotes(text, mentions=[mention(text, "Quinlan", entity="Rita Quinlan")])
    assert q.direct and q.text == "a betrayal of every tenant" and q.speaker == "Rita Quinlan"


def test_what_she_called_a_fragment() -> None:
    text = "The fine followed what she called a “clerical slip” by the registry office."
    (q,) = quotes(text)
    assert q.text == "clerical slip" and phrase(text, q) == "she"


def test_characterisation_of_a_name_in_quotes_is_no_quote() -> None:
    text = "Officials called the operation “Northern Gate” and gave no details."
    assert quotes(text) == []


def test_characterisation_verb_makes_no_reported_content() -> None:
    text = "In a long statement on Friday, Governor Hale condemned the decision by the utility board."
    assert quotes(text, mentions=[mention(text, "Hale", entity="Ann Hale")]) == []


def test_ru_characterisation_with_a_fragment_and_with_a_name() -> None:
    text = "Павел Дорин назвал новые пошлины «ударом по малому бизнесу»."
    (q,) = quotes(text, "ru", [mention(text, "Павел Дорин")])
    assert q.speaker == "Павел Дорин" and q.text == "ударом по малому бизнесу"
    named = "Штаб назвал операцию «Буря» и не раскрыл деталей."
    assert quotes(named, "ru") == []


def test_pronoun_goes_to_the_nearest_speaker_even_where_the_name_was_not_tagged() -> None:
    text = (
        "Mike Brandt met Paul Ortiz in March. Paul Ortiz spoke first. "
        "Brandt replied that the deal was dead. He said: “We start again in June.”"
    )
    # the entity stage tagged both full names (with entity ids) but missed the bare surname of the reply
    ms = [mention(text, "Mike Brandt"), mention(text, "Paul Ortiz"), mention(text, "Paul Ortiz", nth=1)]
    ids = {"Mike Brandt": "person:mike-brandt", "Paul Ortiz": "person:paul-ortiz"}
    found = extract(text, "en", load_lexicon("en"), mentions=ms, entity_ids=ids)
    assert having(found, "deal was dead").speaker == "Mike Brandt"
    assert having(found, "start again").speaker == "Mike Brandt"


def test_ru_feminine_pronoun_after_a_named_speaker_of_the_previous_statement() -> None:
    text = (
        "Вера Лаптева встретилась с Инной Горбач. Лаптева сообщила, что школа откроется. "
        "«Ремонт закончен», — добавила она."
    )
    ms = [mention(text, "Вера Лаптева"), mention(text, "Инной Горбач", entity="Инна Горбач")]
    ids = {"Вера Лаптева": "person:vera", "Инна Горбач": "person:inna"}
    found = extract(text, "ru", load_lexicon("ru"), mentions=ms, entity_ids=ids)
    assert having(found, "Ремонт").speaker == "Вера Лаптева"


def test_participle_after_a_determiner_is_an_adjective_not_a_cue() -> None:
    text = "The alleged arsonist and the reported victims were in court on Monday."
    assert quotes(text) == []


def test_cut_content_must_still_be_a_clause() -> None:
    text = "The neighbours and the landlord had a history of arguing that the wall was unsafe, according to police."
    for q in quotes(text):
        assert q.text.split()[-1] not in ("of", "and"), q.text


def test_nested_report_without_a_source_stays_inside_the_outer_one() -> None:
    text = 'Over the past decade, Ms. Ruiz said, most farmers have come to believe "that the drought is here to stay."'
    found = quotes(text, mentions=[mention(text, "Ruiz", entity="Ana Ruiz")])
    outer = having(found, "most farmers")
    assert outer.speaker == "Ana Ruiz" and outer.text.endswith('here to stay."')


def test_possessive_subject_of_a_coordinated_cue_is_the_whole_phrase() -> None:
    text = 'However, Dana Olsen\'s filing said that was not the plan and dismissed the claims as "pure fiction."'
    found = quotes(text, mentions=[mention(text, "Dana Olsen")])
    q = having(found, "pure fiction")
    assert phrase(text, q) == "Dana Olsen's filing"


def test_inverted_speaker_keeps_its_appositive_but_not_a_participle() -> None:
    text = '"The bridge is safe," said Lena Voss, an engineer at the county roads office.'
    (q,) = quotes(text, mentions=[mention(text, "Lena Voss")])
    assert phrase(text, q) == "Lena Voss, an engineer at the county roads office"
    text = '"The bridge is safe," said Lena Voss, adding that repairs would start soon.'
    q = having(quotes(text, mentions=[mention(text, "Lena Voss")]), "bridge")
    assert phrase(text, q) == "Lena Voss"
    ru = "«Мост выдержит», — сказала Инна Горбач, отвечая на вопрос журналистов."
    (q,) = quotes(ru, "ru", [mention(ru, "Инна Горбач")])
    assert phrase(ru, q) == "Инна Горбач"


def test_noun_in_ly_and_cue_word_inside_a_name_stay_in_the_source_phrase() -> None:
    text = "They were moved on Tuesday, lawyers for the family said."
    (q,) = quotes(text)
    assert phrase(text, q) == "lawyers for the family"
    text = "The State Water Board said that the rationing would end in May."
    (q,) = quotes(text, mentions=[mention(text, "State Water Board", kind="org")])
    assert phrase(text, q) == "The State Water Board"


def test_one_subject_for_two_statements_joined_by_but() -> None:
    text = 'Mayor Jo Park said on Friday that she backs the plan but said "the money is not there yet."'
    found = quotes(text, mentions=[mention(text, "Jo Park")])
    assert having(found, "backs the plan").text == "she backs the plan"
    assert having(found, "money").speaker == "Jo Park"


def test_but_after_a_quote_opens_a_new_statement() -> None:
    text = (
        'Chief Ada Mole said the footage did not give "a definitive answer," '
        'but she said that the witnesses "support what we have heard."'
    )
    found = quotes(text, mentions=[mention(text, "Ada Mole")])
    first, second = having(found, "footage"), having(found, "witnesses")
    assert first.speaker == "Ada Mole" and first.text.endswith('definitive answer,"')
    assert phrase(text, second) == "she" and second.speaker == "Ada Mole"


def test_named_person_said_takes_a_long_subject_clause() -> None:
    text = (
        "Gov. Rosa Lind said her deputy's decision to close the old bridge on the eve of the long holiday "
        "weekend in July was premature."
    )
    (q,) = quotes(text, mentions=[mention(text, "Rosa Lind")])
    assert q.speaker == "Rosa Lind" and q.text.startswith("her deputy's decision") and q.text.endswith("premature")
    # no named person: an object is still no reported clause
    assert quotes("The new rule added layers of complexity to an already slow approval process for small farms.") == []


def test_headline_label_that_is_a_surname_of_a_person_named_in_full() -> None:
    text = "Okafor: Budget Talks Will Resume in March.\n\nAda Okafor told reporters on Monday that talks would resume."
    found = quotes(text, mentions=[mention(text, "Ada Okafor")])
    head = having(found, "Budget Talks")
    assert head.speaker == "Ada Okafor" and phrase(text, head) == "Okafor"
    text = "Okafor: Council must ‘stop stalling on the budget’ now.\n\nAda Okafor spoke on Monday."
    q = having(quotes(text, mentions=[mention(text, "Ada Okafor")]), "stalling")
    assert q.speaker == "Ada Okafor"
