"""Speaker phrases, datelines, requests and relays (errors seen on the sample corpus).

Own sentences in the style of the corpus; hand-made mentions, no trained model.
"""

from __future__ import annotations

from dossier.analyze.attribution import extract, load_lexicon
from dossier.model import Mention, Quote


def mention(text: str, surface: str, kind: str = "person", entity: str | None = None, nth: int = 0) -> Mention:
    at = -1
    for _ in range(nth + 1):
        at = text.index(surface, at + 1)
    return Mention(surface, at, at + len(surface), kind, entity or surface)


def quotes(text: str, lang: str = "en", mentions: list[Mention] | None = None) -> list[Quote]:
    found = extract(text, lang, load_lexicon(lang), mentions=mentions or [])
    for q in found:
        assert q.text == text[q.start : q.end]
    return found


def phrase(text: str, q: Quote) -> str | None:
    return None if q.speaker_start is None else text[q.speaker_start : q.speaker_end]


def test_colon_introduction_takes_the_subject_not_the_object() -> None:
    text = 'Petrenko put the ministry\'s view bluntly: "Nothing will change before the spring."'
    (q,) = quotes(text, mentions=[mention(text, "Petrenko", entity="Ivan Petrenko")])
    assert q.direct and q.text.startswith("Nothing will change")
    assert q.speaker == "Ivan Petrenko" and phrase(text, q) == "Petrenko"


def test_abstract_noun_before_a_colon_is_no_speaker() -> None:
    text = 'Officials met on Monday.\n\nThe caption under the photo read: "Ready for anything."'
    (q,) = quotes(text, mentions=[mention(text, "Monday", kind="other")])
    assert q.text == "Ready for anything." and q.speaker is None


def test_time_words_are_trimmed_off_a_speaker_phrase() -> None:
    text = "In early March Ivanova said the talks with the union had stalled again."
    (q,) = quotes(text, mentions=[mention(text, "Ivanova", entity="Olga Ivanova")])
    assert phrase(text, q) == "Ivanova" and q.speaker == "Olga Ivanova"


def test_a_clause_is_never_a_speaker_phrase() -> None:
    text = "The agency quoted regional officials who said the dam had not yet failed."
    for q in quotes(text, mentions=[mention(text, "agency", kind="org")]):
        assert phrase(text, q) is None or "had" not in phrase(text, q)


def test_sentence_opening_word_that_is_no_name_is_no_speaker() -> None:
    text = "Ivan Petrenko spoke twice.\n\nKeeps saying the bridge is safe, when engineers disagree."
    for q in quotes(text, mentions=[mention(text, "Ivan Petrenko")]):
        assert phrase(text, q) != "Keeps"


def test_coordinated_verb_takes_the_first_subject() -> None:
    text = "Authorities announced on Friday the arrest of a man and said a curfew would continue."
    (q,) = quotes(text)
    assert q.text == "a curfew would continue" and phrase(text, q) == "Authorities"


def test_russian_oblique_surname_resolves_to_the_full_name() -> None:
    text = "Министр Пётр Сидоров приехал в Гомель. По словам Сидорова, переговоры продолжатся на следующей неделе."
    q = next(q for q in quotes(text, "ru", [mention(text, "Пётр Сидоров")]) if "переговоры" in q.text)
    assert q.speaker == "Пётр Сидоров" and phrase(text, q) == "Сидорова"


def test_pronoun_inside_po_ego_slovam_is_resolved() -> None:
    text = "Министр Пётр Сидоров приехал в Гомель. По его словам, переговоры продолжатся."
    q = next(q for q in quotes(text, "ru", [mention(text, "Пётр Сидоров")]) if "переговоры" in q.text)
    assert q.speaker == "Пётр Сидоров" and phrase(text, q) == "его"


def test_dateline_is_not_part_of_the_content() -> None:
    text = (
        "KYIV, March 3, 2025 (Dnipro Herald) — The bridge over the river will reopen next week, "
        "Mayor Ivan Petrenko said on Monday."
    )
    (q,) = quotes(text, mentions=[mention(text, "Ivan Petrenko")])
    assert q.text == "The bridge over the river will reopen next week" and q.speaker == "Ivan Petrenko"


def test_request_with_to_infinitive_is_no_statement() -> None:
    text = (
        "The visit comes three weeks after Petrenko, on 2 February, asked Olena Marchenko to review "
        "the budget of the city."
    )
    found = quotes(text, mentions=[mention(text, "Petrenko"), mention(text, "Olena Marchenko")])
    assert found == []


def test_ob_etom_soobshchaet_after_a_quote_is_the_via() -> None:
    text = "«Мост откроют через неделю», — сказал Петренко. Об этом сообщает агентство УНИАН."
    ms = [mention(text, "Петренко", entity="Иван Петренко"), mention(text, "УНИАН", kind="org")]
    (q,) = quotes(text, "ru", ms)
    assert q.direct and q.text == "Мост откроют через неделю"
    assert q.speaker == "Иван Петренко" and q.via == "УНИАН"


def test_she_skips_a_more_recent_man() -> None:
    text = "Anna Petrenko met Ivan Sidorov in Minsk on Monday.\n\n“The deal is close,” she said."
    (q,) = quotes(text, mentions=[mention(text, "Anna Petrenko"), mention(text, "Ivan Sidorov")])
    assert q.speaker == "Anna Petrenko"


def test_russian_feminine_surname_ending_gives_gender() -> None:
    text = "Ирина Сташкевич встретилась с Павлом Гриневичем. «Сделка близка», — сказала она."
    ms = [mention(text, "Ирина Сташкевич"), mention(text, "Павлом Гриневичем", entity="Павел Гриневич")]
    (q,) = quotes(text, "ru", ms)
    assert q.speaker == "Ирина Сташкевич"


def test_he_prefers_the_subject_over_the_object_of_asked() -> None:
    text = "Petrenko asked Ivan Sidorov to sign the deal.\n\nAt the time he said that the city would pay for it."
    q = next(q for q in quotes(text, mentions=[mention(text, "Petrenko"), mention(text, "Ivan Sidorov")]))
    assert q.text == "the city would pay for it" and q.speaker == "Petrenko"
