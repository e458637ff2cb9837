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


def test_title_given_as_an_example_after_kak_is_no_quote() -> None:
    text = "Группа прославилась такими хитами, как «It’s My Life»."
    assert _quotes(text) == []


def test_a_numbered_bill_has_a_name_not_a_quote() -> None:
    text = "В Госдуму внесен законопроект 1234-8 «Об изменении статьи 12 Уголовного кодекса Российской Федерации»."
    assert _quotes(text) == []


# --- outlets report, they do not speak ----------------------------------------------------------


def test_people_an_outlet_spoke_to_speak_and_the_outlet_relays() -> None:
    text = "Собеседники РБК сообщили, что сделка сорвалась в последний момент."
    (q,) = _quotes(text, [_m(text, "РБК", "RBC", "org", type="media")])
    assert q.speaker == "Собеседники РБК" and q.via == "RBC"


def test_tv_channel_is_an_outlet_not_a_telegram_channel() -> None:
    text = "Режиссер госпитализирован. По информации телеканала, он страдает пневмотораксом."
    (q,) = _quotes(text)
    assert q.speaker is None and q.via == "телеканал"
    assert text[q.speaker_start : q.speaker_end] == "телеканала"


def test_a_name_that_writes_is_an_outlet_a_person_who_writes_speaks() -> None:
    # an outlet the list does not know: "пишет X" with X no person
    text = "Клуб готов продать полузащитника, пишет Corriere della Sera. Санкции не сработали, пишет Андрей Кузнецов."
    outlet, person = _quotes(text, [_m(text, "Corriere della Sera", kind="org"), _m(text, "Андрей Кузнецов")])
    assert outlet.speaker is None and outlet.via == "Corriere della Sera"
    assert person.speaker == "Андрей Кузнецов" and person.via is None


# --- speaker phrases ----------------------------------------------------------------------------


def test_leading_function_words_are_not_part_of_the_speaker() -> None:
    # an adverb that qualifies a participle ("Временно исполняющий") stays
    text = (
        "При этом Захарова подчеркнула, что ответ будет жестким. Временно исполняющий обязанности "
        "губернатора Олег Ранов сказал, что причина аварии не установлена."
    )
    first, second = _quotes(text, [_m(text, "Захарова", "Мария Захарова"), _m(text, "Олег Ранов")])
    assert first.speaker == "Мария Захарова"
    assert text[first.speaker_start : first.speaker_end] == "Захарова"
    assert text[second.speaker_start : second.speaker_end].startswith("Временно исполняющий")


def test_police_of_a_city_is_the_police_but_a_body_named_with_its_kind_is_the_body() -> None:
    # a genitive place qualifies the noun; a company or a person after a title noun is the source
    text = (
        "Полиция Нью-Йорка сообщила, что стрелок задержан на месте. Компания Nord Metal заявила, что "
        "отзовет продукцию. Глава МИД Сергей Лавров заявил, что ответ последует."
    )
    ms = [
        _m(text, "Нью-Йорка", "New York", "place"),
        _m(text, "Nord Metal", kind="org"),
        _m(text, "МИД", "MFA", "org"),
        _m(text, "Сергей Лавров"),
    ]
    police, company, minister = _quotes(text, ms)
    assert police.speaker == "Полиция Нью-Йорка"
    assert company.speaker == "Nord Metal"
    assert minister.speaker == "Сергей Лавров"


def test_chief_of_police_is_not_the_city() -> None:
    text = "Шеф полиции Сан-Диего рассказал, что стрелок сдался сам."
    (q,) = _quotes(text, [_m(text, "Сан-Диего", "San Diego", "place")])
    assert q.speaker == "Шеф полиции Сан-Диего"


def test_press_service_of_a_body_named_by_an_abbreviation() -> None:
    text = "Задержаны пять человек, сообщила пресс-служба полиции РА."
    (q,) = _quotes(text, [_m(text, "РА", "РА", "org")])
    # a press service relays (issue 10): it is the via, named as written, never the body РА
    assert q.speaker is None and q.via == "пресс-служба полиции РА"
    assert text[q.speaker_start : q.speaker_end] == "пресс-служба полиции РА"


def test_prosecutors_office_in_the_locative_is_named_in_the_nominative() -> None:
    text = "В прокуратуре заявили, что возбуждено уголовное дело."
    (q,) = _quotes(text)
    assert q.speaker == "прокуратура" and text[q.speaker_start : q.speaker_end] == "прокуратуре"


def test_sources_close_to_a_body_are_sources_not_the_body() -> None:
    text = "Несколько близких к Кремлю источников сообщили, что отставка уже подписана."
    (q,) = _quotes(text, [_m(text, "Кремлю", "Kremlin", "org")])
    assert q.speaker is not None and q.speaker.endswith("к Кремлю источников")
    assert q.speaker_id is None


def test_representative_of_a_ministry_in_an_oblique_case() -> None:
    text = "По словам представителя Пентагона, учения продлятся неделю."
    (q,) = _quotes(text, [_m(text, "Пентагона", "Pentagon", "org")])
    assert q.speaker == "представитель Пентагона"


def test_colon_introduction_names_the_person_after_the_body() -> None:
    text = (
        "Глава Минздрава Мэтт Хэнкок поздравил пару через Twitter: "
        "«Очень рад за Бориса и Кэрри, это прекрасный момент»."
    )
    ms = [_m(text, "Минздрава", "Минздрав", "org"), _m(text, "Мэтт Хэнкок"), _m(text, "Twitter", kind="org")]
    (q,) = _quotes(text, ms)
    assert q.speaker == "Мэтт Хэнкок"


def test_writing_music_is_no_report() -> None:
    text = (
        "Композитор Лонг Арм будет озвучивать фильм «Цирк», объединение художников «Арт» пишет музыку к ленте "
        "«Новые времена», дуэт «Дрожь» сопроводит показ «Огней большого города»."
    )
    assert _quotes(text, [_m(text, "Лонг Арм")]) == []


def test_first_title_of_a_list_after_a_colon_is_no_quote() -> None:
    # "люблю" is a verb and "дьявола" ends like one: the list makes both titles
    text = (
        "Его музыка звучала в фильмах: «Люблю тебя, люблю» Алена Рене, «Сияние» Стэнли Кубрика. "
        "Позже она вошла в картины: «Изгоняющий дьявола» Уильяма Фридкина, «Катынь» Анджея Вайды."
    )
    assert _quotes(text) == []


def test_a_preposition_inside_a_named_body_does_not_end_the_source() -> None:
    text = (
        "Полиция пришла в штаб политика, сообщает «Медиазона» со ссылкой на пресс-секретаря "
        "Фонда борьбы с коррупцией (ФБК) Киру Ярмыш."
    )
    ms = [
        _m(text, "Медиазона", "Mediazona", "org", type="media"),
        _m(text, "Фонда борьбы с коррупцией (ФБК)", "ФБК", "org"),
        _m(text, "Киру Ярмыш", "Кира Ярмыш"),
    ]
    (q,) = _quotes(text, ms)
    assert q.speaker == "Кира Ярмыш" and q.via == "Mediazona"


def test_a_person_in_the_genitive_qualifies_the_noun_that_speaks() -> None:
    # the lawyer and the mother speak; a name in the case of its title is the speaker itself
    text = (
        "Суд над Виталием Марковым продолжился. Адвокат Маркова заявил, что его подзащитный невиновен. "
        "Мать певца Ивана Лесного рассказала, что он выздоравливает. "
        "Глава ведомства Олег Ранов заявил, что проверка завершена."
    )
    ms = [
        _m(text, "Виталием Марковым", "Виталий Марков"),
        _m(text, "Маркова", "Маркова"),
        _m(text, "Ивана Лесного", "Иван Лесной"),
        _m(text, "Олег Ранов"),
    ]
    lawyer, mother, head = _quotes(text, ms)
    assert lawyer.speaker == "Адвокат Маркова"
    assert mother.speaker == "Мать певца Ивана Лесного"
    assert head.speaker == "Олег Ранов"


def test_an_outlet_that_quotes_others_before_the_cue_is_the_via() -> None:
    text = "Газета Global Times цитирует пользователей соцсетей, которые назвали приговор слишком мягким."
    (q,) = _quotes(text, [_m(text, "Global Times", kind="org", type="media")])
    assert q.speaker is None and q.via == "Global Times"
