"""Who said it and who passed it on (issue #10): outlets are the via, never the speaker; pronouns
go to the subject rather than a name in an oblique case; names in quotation marks inside a
clause are not quotes; a quote's date is a calendar date or nothing."""

from __future__ import annotations

from dossier.analyze.attribution import extract, load_lexicon
from dossier.model import Mention, Quote, TimeExpr


def _m(text: str, surface: str, entity: str, kind: str = "person", **attrs: object) -> Mention:
    at = text.index(surface)
    return Mention(surface, at, at + len(surface), kind, entity, attrs=dict(attrs))


def _quotes(text: str, lang: str, mentions: list[Mention], times: list[TimeExpr] | None = None) -> list[Quote]:
    return extract(text, lang, load_lexicon(lang), mentions=mentions, times=times or [])


def test_outlet_reporting_an_event_is_the_via_not_the_speaker() -> None:
    text = "Глава региона Олег Сташевич открыл новый мост. Об этом сообщает ПолесьеИнфо."
    ms = [_m(text, "Олег Сташевич", "Олег Сташевич"), _m(text, "ПолесьеИнфо", "PolesieInfo", "org", type="media")]
    (q,) = _quotes(text, "ru", ms)
    assert q.speaker is None and q.via == "PolesieInfo"
    assert q.text.startswith("Глава региона")


def test_trailing_relay_of_a_persons_statement_keeps_the_person() -> None:
    text = "Олег Сташевич заявил, что мост откроют летом, сообщает ПолесьеИнфо."
    ms = [_m(text, "Олег Сташевич", "Олег Сташевич"), _m(text, "ПолесьеИнфо", "PolesieInfo", "org", type="media")]
    (q,) = _quotes(text, "ru", ms)
    assert q.speaker == "Олег Сташевич" and q.via == "PolesieInfo"


def test_english_outlet_is_the_via() -> None:
    text = "The bridge will open in July, the Riverside Gazette reported."
    ms = [_m(text, "Riverside Gazette", "Riverside Gazette", "org", type="media")]
    (q,) = _quotes(text, "en", ms)
    assert q.speaker is None and q.via == "Riverside Gazette"
    # the attribution's source phrase is still located, for the reader and for scoring
    assert text[q.speaker_start : q.speaker_end].endswith("Riverside Gazette")


def test_po_ego_slovam_goes_to_the_subject_not_the_dative_object() -> None:
    text = "Министр Павел Зорин доложил президенту Игорю Валову о готовности. По его словам, техника исправна."
    ms = [_m(text, "Павел Зорин", "Павел Зорин"), _m(text, "Игорю Валову", "Игорь Валов")]
    (q,) = _quotes(text, "ru", ms)
    assert q.speaker == "Павел Зорин" and q.text == "техника исправна"


def test_po_ee_slovam_follows_gender() -> None:
    text = "Анна Литвина ответила на вопрос Павла Зорина. По ее словам, работа продолжится."
    ms = [_m(text, "Анна Литвина", "Анна Литвина"), _m(text, "Павла Зорина", "Павел Зорин")]
    (q,) = _quotes(text, "ru", ms)
    assert q.speaker == "Анна Литвина"


def test_names_of_exercises_and_operations_are_not_quotes() -> None:
    ru = "Войска провели учения «Северный щит», заявил Павел Зорин."
    (q,) = _quotes(ru, "ru", [_m(ru, "Павел Зорин", "Павел Зорин")])
    assert not q.direct and "«Северный щит»" in q.text
    en = 'The raid, dubbed "Night Owl", ended on Friday, officials said.'
    found = _quotes(en, "en", [])
    assert all(q.text != "Night Owl" for q in found)
    # a short quoted remark that opens its sentence is still someone's words
    remark = "“Disgraceful,” Zorin said."
    (r,) = _quotes(remark, "en", [_m(remark, "Zorin", "Pavel Zorin")])
    assert r.direct and r.text.startswith("Disgraceful")


def _t(text: str, surface: str, typ: str, value: str) -> TimeExpr:
    at = text.index(surface)
    return TimeExpr(surface, at, at + len(surface), typ, value)


def test_a_quote_date_is_a_calendar_date_never_a_duration_set_or_reference() -> None:
    text = "Zorin, speaking on Tuesday for two hours, said the plan was final."
    ms = [_m(text, "Zorin", "Pavel Zorin")]
    times = [_t(text, "two hours", "DURATION", "PT2H"), _t(text, "Tuesday", "DATE", "2025-09-23")]
    (q,) = _quotes(text, "en", ms, times)
    assert q.date == "2025-09-23"
    text2 = "Zorin, speaking every week recently, said the plan was final."
    times2 = [_t(text2, "every week", "SET", "P1W"), _t(text2, "recently", "DATE", "PAST_REF")]
    (q2,) = _quotes(text2, "en", [_m(text2, "Zorin", "Pavel Zorin")], times2)
    assert q2.date is None


def test_an_agency_quoting_a_minister_passes_on_the_ministers_words() -> None:
    text = (
        "Министр обороны Павел Зорин выступил в штабе.\n\n«Бригада готова», — цитирует министра агентство ПолесьеИнфо."
    )
    ms = [
        _m(text, "Павел Зорин", "Павел Зорин"),
        _m(text, "ПолесьеИнфо", "PolesieInfo", "org", type="media"),
    ]
    ms[0] = Mention(ms[0].text, ms[0].start, ms[0].end, "person", "Павел Зорин", role="министр обороны")
    (q,) = _quotes(text, "ru", ms)
    assert q.direct and q.text == "Бригада готова"
    assert q.speaker == "Павел Зорин" and q.via == "PolesieInfo"


def test_a_pronoun_after_an_unnamed_source_is_that_source() -> None:
    text = (
        "Доклад министра Павла Зорина состоялся в пятницу. Об этом рассказал собеседник в штабе. "
        "По его словам, объявили об этом позже."
    )
    ms = [_m(text, "Павла Зорина", "Павел Зорин")]
    found = _quotes(text, "ru", ms)
    later = next(q for q in found if "позже" in q.text)
    assert later.speaker == "собеседник"


def test_a_quote_credited_after_a_dash_at_the_end_of_its_line() -> None:
    text = "“He has divided our town and I will not forget it.” ― Rosa Mendel\n“Next line here without credit.”"
    ms = [_m(text, "Rosa Mendel", "Rosa Mendel")]
    found = _quotes(text, "en", ms)
    q = next(q for q in found if "divided" in q.text)
    assert q.direct and q.speaker == "Rosa Mendel"


def test_transcript_labels_and_headline_labels_name_the_speaker() -> None:
    text = (
        "Zorin: Talks With Minsk Will Resume Soon\n\n"
        "HOST: Let us start with the talks today.\n\n"
        "GUEST: We expect them to resume next week.\n\n"
        "HOST: Thank you for joining us today.\n\n"
        "GUEST: It was a pleasure to be here."
    )
    found = _quotes(text, "en", [_m(text, "Zorin", "Pavel Zorin")])
    by_text = {q.text: q.speaker for q in found}
    assert by_text["Talks With Minsk Will Resume Soon"] == "Pavel Zorin"
    assert by_text["We expect them to resume next week"] == "Guest"
    # a label that opens one line only, and is no name, introduces nobody
    single = "UPDATE: The meeting was moved to Friday afternoon."
    assert _quotes(single, "en", []) == []


def test_abbreviation_points_in_the_name_after_a_quote_do_not_cut_the_attribution() -> None:
    text = '"There was nothing more we could have done," Mr. Halvorsen said. "We tried."'
    (q, *_) = _quotes(text, "en", [_m(text, "Halvorsen", "Erik Halvorsen")])
    assert q.text.startswith("There was nothing") and q.speaker == "Erik Halvorsen" and q.cue == "said"
    text2 = '"We will vote no," Sen. Ada Quill (D-Mo.) said.'
    (q2,) = _quotes(text2, "en", [_m(text2, "Ada Quill", "Ada Quill")])
    assert q2.speaker == "Ada Quill"
