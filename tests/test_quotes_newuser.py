"""Speakers an analyst checks first, in news from other domains than the samples (issue #10):
sport, economy, courts, business, elections.  The sentences are written for these tests; the
mentions stand in for what the entity stage finds.

Why each case: the source of a statement is the thing a reader trusts or distrusts, so a club
in the genitive, a company before its chief's name or a word of an agency's name must never
take the speaker's place.
"""

from __future__ import annotations

from dossier.analyze.attribution import extract, load_lexicon
from dossier.model import Mention, Quote


def _m(text: str, surface: str, kind: str = "person", nth: int = 0) -> Mention:
    at = -1
    for _ in range(nth + 1):
        at = text.index(surface, at + 1)
    return Mention(surface, at, at + len(surface), kind, surface)


def _quotes(text: str, language: str, mentions: list[Mention]) -> list[Quote]:
    return extract(text, language, load_lexicon(language), mentions=mentions)


# --- Russian: the subject stands before asides set off by commas ---------------------------------


def test_ru_club_in_the_genitive_is_not_the_speaker() -> None:
    text = "Тренер «Динамо» Олег Карпов после матча, отвечая на вопросы, признал, что команда устала."
    mentions = [_m(text, "Динамо", "org"), _m(text, "Олег Карпов")]
    (q,) = _quotes(text, "ru", mentions)
    assert q.speaker == "Олег Карпов"
    assert q.text == "команда устала"


def test_ru_region_in_the_genitive_is_not_the_speaker() -> None:
    text = "Губернатор Ивановской области Павел Серов, выступая на сессии, заявил, что бюджет выполнен."
    mentions = [_m(text, "Ивановской области", "place"), _m(text, "Павел Серов")]
    (q,) = _quotes(text, "ru", mentions)
    assert q.speaker == "Павел Серов"


def test_ru_speaker_before_a_gerund_aside_of_a_characterising_verb() -> None:
    text = "Представитель МИД Анна Белова, выступая перед журналистами, назвала решение «ошибкой»."
    mentions = [_m(text, "МИД", "org"), _m(text, "Анна Белова")]
    (q,) = _quotes(text, "ru", mentions)
    assert (q.speaker, q.text) == ("Анна Белова", "ошибкой")


def test_ru_speaker_before_a_relative_clause_aside() -> None:
    text = (
        "Глава банка Ирина Лосева на встрече, которая прошла в среду, объяснила, что кредиты подорожают."
    )
    (q,) = _quotes(text, "ru", [_m(text, "Ирина Лосева")])
    assert q.speaker == "Ирина Лосева"
    assert q.text == "кредиты подорожают"


def test_ru_a_list_before_the_cue_is_not_read_as_asides() -> None:
    # the comma after "Москва" starts no aside (no gerund, participle or relative word)
    text = "Москва, Минск и Астана, по данным агентства, договорились о тарифах."
    found = _quotes(text, "ru", [_m(text, "Москва", "place")])
    assert all(q.speaker != "Москва" for q in found)


def test_ru_regulator_names_a_source() -> None:
    text = "Ставка осталась прежней, сообщил регулятор в пятницу."
    (q,) = _quotes(text, "ru", [])
    assert q.speaker == "регулятор"


def test_ru_aside_between_subject_and_verb_keeps_the_whole_claim() -> None:
    text = "Жители посёлка, как сообщила районная газета, давно требуют ремонта дороги."
    (q,) = _quotes(text, "ru", [])
    assert q.text == "Жители посёлка, как сообщила районная газета, давно требуют ремонта дороги"


# --- English ---------------------------------------------------------------------------------------


def test_en_name_in_apposition_after_a_possessive_title_speaks() -> None:
    text = "Lakeside Bank's finance chief, Nora Quinn, said profits would fall this year."
    mentions = [_m(text, "Lakeside Bank", "org"), _m(text, "Nora Quinn")]
    (q,) = _quotes(text, "en", mentions)
    assert q.speaker == "Nora Quinn"


def test_en_capitalised_cue_word_inside_a_name_is_no_cue() -> None:
    text = "Roads were closed, the Flood Warning Service said."
    (q,) = _quotes(text, "en", [_m(text, "Flood Warning Service", "org")])
    assert q.cue == "said"
    assert q.speaker == "Flood Warning Service"


def test_en_second_verb_of_the_same_subject_opens_its_own_statement() -> None:
    text = "The mayor admitted mistakes on Monday but said the budget would hold."
    found = _quotes(text, "en", [])
    said = [q for q in found if q.cue == "said"]
    assert [q.text for q in said] == ["the budget would hold"]
    assert all("said" not in q.text for q in found)


def test_en_party_before_its_leaders_name_is_not_the_speaker() -> None:
    text = "Green League leader Mia Falk admitted defeat on Sunday but said her party would regroup."
    mentions = [_m(text, "Green League", "org"), _m(text, "Mia Falk")]
    said = [q for q in _quotes(text, "en", mentions) if q.cue == "said"]
    assert [q.speaker for q in said] == ["Mia Falk"]


def test_en_place_qualifying_an_untagged_body_is_not_the_speaker() -> None:
    text = "The Oregon Water Board's office said it would review the permits next month."
    (q,) = _quotes(text, "en", [_m(text, "Oregon", "place")])
    assert q.speaker == "Oregon Water Board's office"


def test_en_titled_name_in_apposition_after_a_direct_quote_speaks() -> None:
    text = '"Safety comes first for all of us," Lakeside Bank\'s risk chief, Dr. Nora Quinn, said on Monday.'
    mentions = [_m(text, "Lakeside Bank", "org"), _m(text, "Nora Quinn")]
    (q,) = _quotes(text, "en", mentions)
    assert q.speaker == "Nora Quinn"


def test_en_where_clause_between_subject_and_cue_is_an_aside() -> None:
    text = "Minister Tom Reyes of Fiji, where the ship sank, told reporters that divers would search again."
    mentions = [_m(text, "Tom Reyes"), _m(text, "Fiji", "place")]
    (q,) = _quotes(text, "en", mentions)
    assert q.speaker == "Tom Reyes"
    assert q.text == "divers would search again"


def test_ru_press_service_after_the_cue_relays_the_statement() -> None:
    text = "Завод приостановил выпуск автобусов, сообщили во вторник в пресс-службе предприятия."
    (q,) = _quotes(text, "ru", [])
    assert q.speaker is None
    assert q.via == "пресс-служба предприятия"


def test_ru_body_after_the_cue_speaks() -> None:
    text = "Ремонт моста завершится к осени, заявили в понедельник в мэрии."
    (q,) = _quotes(text, "ru", [])
    assert q.speaker == "мэрия"
