"""What is a quote frame and who relays it (issue 10, third quotes round): a passive reporting verb
whose subject is the thing reported is no frame; a cue that says someone did not speak gives no
quote; a press service passes its principal's statements on (the via) and is never resolved to the
person it serves, the speaker being whoever reports inside the content."""

from __future__ import annotations

from dossier.analyze.attribution import extract, load_lexicon
from dossier.model import Mention, Quote


def _m(text: str, surface: str, entity: str, kind: str = "person", **attrs: object) -> Mention:
    at = text.index(surface)
    return Mention(surface, at, at + len(surface), kind, entity, attrs=dict(attrs))


def _quotes(text: str, lang: str = "en", mentions: list[Mention] | None = None) -> list[Quote]:
    return extract(text, lang, load_lexicon(lang), mentions=mentions or [])


# --- class 1: passive reporting verbs and negated cues ------------------------------------------


def test_passive_with_a_topic_as_subject_is_no_frame() -> None:
    for text in (
        "The council did not discuss the budget, and no deadline was mentioned.",
        "The merger was announced last week in Oslo.",
        "The quarterly figures were reported on Tuesday.",
        "The scheme, which was revealed in March, will cost millions.",
    ):
        assert _quotes(text) == [], text


def test_expletive_it_stays_a_frame() -> None:
    (q,) = _quotes("It was reported that the ferry had left the harbour.")
    assert q.speaker is None and q.text == "the ferry had left the harbour"
    (q,) = _quotes("The ferry had left the harbour, it was announced.")
    assert q.speaker is None and q.text == "The ferry had left the harbour"
    (q,) = _quotes("It has long been rumoured and reported that Ms Kell will sell the mill.")
    assert q.text == "Ms Kell will sell the mill"


def test_passive_as_saying_keeps_its_subject_as_speaker() -> None:
    text = "The mill will close in May, Mayor Ilse Dorn has been reported as saying."
    (q,) = _quotes(text, mentions=[_m(text, "Ilse Dorn", "Ilse Dorn")])
    assert q.speaker == "Ilse Dorn" and q.text == "The mill will close in May"


def test_passive_of_an_addressee_still_reports() -> None:
    (q,) = _quotes("Tomas Ferro was told that his visa had expired.")
    assert q.text == "his visa had expired"


def test_someone_who_did_not_speak_gives_no_quote() -> None:
    for text in (
        "The ministry did not immediately comment on the request.",
        "The ministry has not commented on reports that the ferry was seized.",
        "The harbour authority declined to say when the ferry would leave.",
        "Arno Pitt didn't say whether the mill would reopen.",
        "She left without saying where the money had gone.",
    ):
        assert _quotes(text) == [], text


def test_russian_negated_cue_gives_no_quote() -> None:
    text = "Мэр Олег Дронов не уточнил, когда откроют мост."
    assert _quotes(text, "ru", [_m(text, "Олег Дронов", "Олег Дронов")]) == []


# --- class 2: press services relay -----------------------------------------------------------------


def test_russian_press_service_of_the_head_of_state_is_the_via() -> None:
    text = (
        "Министр связи Павел Зорин в четверг доложил президенту Игорю Валову о том, что новая линия "
        "запущена, сообщает пресс-служба главы государства."
    )
    ms = [_m(text, "Павел Зорин", "Павел Зорин"), _m(text, "Игорю Валову", "Игорь Валов")]
    (q,) = _quotes(text, "ru", ms)
    assert q.speaker == "Павел Зорин"
    assert q.via == "пресс-служба главы государства"
    assert q.text == "новая линия запущена"


def test_press_service_alone_is_the_via_never_its_principal() -> None:
    text = "Президент Игорь Валов посетил завод. Новая линия запущена, сообщила пресс-служба главы государства."
    (q,) = _quotes(text, "ru", [_m(text, "Игорь Валов", "Игорь Валов")])
    assert q.speaker is None and q.via == "пресс-служба главы государства"
    assert q.text == "Новая линия запущена"


def test_english_trailing_press_service_is_the_via_of_the_statement_before_it() -> None:
    text = (
        "Transport Minister Ada Wren told President Nils Hovde on Friday that the new bridge was safe, "
        "the president's press office said."
    )
    ms = [_m(text, "Ada Wren", "Ada Wren"), _m(text, "Nils Hovde", "Nils Hovde")]
    (q,) = _quotes(text, mentions=ms)
    assert q.speaker == "Ada Wren"
    assert q.via == "the president's press office"
    assert q.text == "the new bridge was safe"


def test_english_press_service_as_only_source() -> None:
    text = "President Nils Hovde met the strikers. The talks were useful, the presidential press service said."
    (q,) = _quotes(text, mentions=[_m(text, "Nils Hovde", "Nils Hovde")])
    assert q.speaker is None and q.via == "the presidential press service"
    assert text[q.speaker_start : q.speaker_end] == "the presidential press service"


def test_trailing_outlet_cuts_the_content_and_relays() -> None:
    text = "Officials said the port would reopen next week, the Harbour Courier reported."
    (q,) = _quotes(text, mentions=[_m(text, "Harbour Courier", "Harbour Courier", "org", type="media")])
    assert q.speaker == "Officials" and q.via == "Harbour Courier"
    assert q.text == "the port would reopen next week"


def test_press_secretary_is_a_person_and_speaks() -> None:
    text = "The talks were useful, the president's press secretary said."
    (q,) = _quotes(text)
    assert q.speaker is not None and q.via is None


def test_time_phrase_between_subject_and_cue_is_skipped() -> None:
    text = "Lena Moor in May said the mill would close."
    (q,) = _quotes(text, mentions=[_m(text, "Lena Moor", "Lena Moor")])
    assert q.speaker == "Lena Moor"


def test_report_inside_a_relayed_statement_names_the_speaker() -> None:
    text = "According to the presidential press service, Minister Ada Wren told Nils Hovde that the bridge was safe."
    ms = [_m(text, "Ada Wren", "Ada Wren"), _m(text, "Nils Hovde", "Nils Hovde")]
    (q,) = _quotes(text, mentions=ms)
    assert q.speaker == "Ada Wren" and q.via == "the presidential press service"
    assert q.text == "the bridge was safe"


def test_report_without_a_content_clause_stays_the_relays_alone() -> None:
    text = "The Daily Lamp wrote that Arno Pitt had claimed a loss of two million."
    ms = [_m(text, "Daily Lamp", "Daily Lamp", "org", type="media"), _m(text, "Arno Pitt", "Arno Pitt")]
    (q,) = _quotes(text, mentions=ms)
    assert q.speaker is None and q.via == "Daily Lamp"


def test_ob_etom_soobshchaet_press_service_after_a_reported_statement() -> None:
    text = "Министр Павел Зорин доложил президенту, что линия запущена. Об этом сообщает пресс-служба Кремля."
    (q,) = _quotes(text, "ru", [_m(text, "Павел Зорин", "Павел Зорин")])
    assert q.speaker == "Павел Зорин" and q.via == "пресс-служба Кремля"
    assert q.text == "линия запущена"


def test_ob_etom_rasskazal_a_person_leaves_a_relayed_statement_alone() -> None:
    text = "Встреча прошла в пятницу, как сообщили государственные СМИ. Об этом рассказал собеседник в министерстве."
    (q,) = _quotes(text, "ru")
    assert q.via != "собеседник"
