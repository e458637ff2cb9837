"""Russian quotes in the style of wire news (issue #10): titles in quotation marks are no quotes,
outlets report rather than speak, and a source phrase names the right speaker.

The sentences are written for these tests in the manner of Russian agency copy; the mentions
stand in for what the entity stage finds.
"""

from __future__ import annotations

from dossier.analyze.attribution import extract, load_lexicon
from dossier.analyze.attribution.marks import quoted_spans
from dossier.model import Mention, Quote


def _m(text: str, surface: str, entity: str | None = None, kind: str = "person", **attrs: object) -> Mention:
    at = text.index(surface)
    return Mention(surface, at, at + len(surface), kind, entity or surface, attrs=dict(attrs))


def _quotes(text: str, mentions: list[Mention] | None = None) -> list[Quote]:
    return extract(text, "ru", load_lexicon("ru"), mentions=mentions or [])


# --- titles -------------------------------------------------------------------------------------


def test_exercise_name_with_a_verb_like_ending_is_no_quote() -> None:
    # "решимость" ends like an infinitive; the dictionary knows it is a noun. A quote after a
    # colon and a lower-case partial quote after a noun stay quotes.
    text = (
        "В Белоруссии завершились учения «Союзная решимость». Министр Павел Зорин назвал их итоги "
        "«отличными». Он заявил: «Учения прошли успешно»."
    )
    found = _quotes(text, [_m(text, "Павел Зорин")])
    assert [q.text for q in found] == ["отличными", "Учения прошли успешно"]
    assert all(q.speaker == "Павел Зорин" for q in found)


def test_title_opening_a_sentence_is_a_name_not_speech() -> None:
    text = "«Первый канал» покажет парад в прямом эфире."
    (span,) = quoted_spans(text, "ru")
    assert span.kind == "name"
    assert _quotes(text) == []


def test_company_name_after_a_noun_is_no_quote() -> None:
    # "стали" reads as "became", but after an adjective it is the noun "steel"
    text = "До этого он занимал пост заместителя гендиректора «Уральской стали»."
    assert _quotes(text) == []


def test_law_title_is_no_quote_whatever_its_length() -> None:
    text = (
        "Президент подписал федеральный закон «О внесении изменений в отдельные законодательные акты "
        "Российской Федерации по вопросам пенсионного обеспечения»."
    )
    assert _quotes(text) == []


def test_titles_in_a_list_are_names_even_with_a_verb() -> None:
    text = "Режиссер снял такие картины, как «Афоня», «Осенний марафон» и «Мы едем домой»."
    assert _quotes(text) == []
    spans = quoted_spans(text, "ru")
    assert [s.kind for s in spans] == ["name", "name", "name"]


def test_a_numbered_bill_has_a_name_not_a_quote() -> None:
    text = "В Госдуму внесен законопроект 1234-8 «Об изменении статьи 12 Уголовного кодекса Российской Федерации»."
    assert _quotes(text) == []
