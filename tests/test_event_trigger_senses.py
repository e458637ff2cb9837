"""Trigger words in general news: a word of the lexicon only where it is that word,
used in the sense the lexicon means.

Business, sport and culture reports reuse the political vocabulary in other senses
("the pound", "a rally in the dollar", "a world champion") and contain words whose
crude stem key collides with a trigger ("quite" / "quit", "wine" / "win").  Each
sentence here was written for this test; the events stage runs without a model.
"""

from __future__ import annotations

import pytest

from dossier.analyze.eventing.lexicon import same_word
from test_events_support import make_ctx, run


def kinds_of(sentence: str) -> set[str]:
    """Every kind the stage proposes for the sentence, kept or weak."""
    ctx = make_ctx(sentence)
    run(ctx)
    return {e.kind for e in [*ctx.analysis.events, *ctx.scratch.get("event_candidates", [])]}


@pytest.mark.parametrize(
    ("surface", "word", "same"),
    [
        ("quitting", "quit", True),
        ("raped", "rape", True),
        ("carried", "carry", True),
        ("talk", "talks", True),
        ("quite", "quit", False),
        ("wine", "win", False),
        ("rap", "rape", False),
        ("aide", "aid", False),
        ("finale", "final", False),
    ],
)
def test_inflections_are_told_from_stem_collisions(surface: str, word: str, same: bool) -> None:
    assert same_word(surface, frozenset([word])) is same


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The result was quite a surprise to the board on Monday.", "CONCEDE"),
        ("The vineyard's wine sold out in 2004.", "CONTEST"),
        ("The rap star released a new album on Friday.", "ASSAULT"),
    ],
)
def test_a_stem_collision_is_not_a_trigger(sentence: str, kind: str) -> None:
    assert kind not in kinds_of(sentence)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The chairman quit on Monday after the vote.", "CONCEDE"),
        ("The striker won the cup with Arsenal in 2004.", "CONTEST"),
    ],
)
def test_real_inflections_still_trigger(sentence: str, kind: str) -> None:
    assert kind in kinds_of(sentence)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Divers found the murder weapon in the river on Monday.", "ASSAULT"),
        ("The finance minister flew to Brussels on Tuesday.", "AID"),
        ("Both parties backed a free market in 2004.", "RETREAT"),
        ("Fans stayed on until the final whistle on Saturday.", "CONTEST"),
    ],
)
def test_an_event_word_modifying_a_noun_names_a_thing(sentence: str, kind: str) -> None:
    assert kind not in kinds_of(sentence)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The murder of the journalist on Monday shocked the country.", "ASSAULT"),
        ("The envoy began a mediation effort on Saturday.", "CONSULT"),
        ("The agency reiterated its demand today that the border be opened.", "DEMAND"),
        ("The attack killed five soldiers on Sunday.", "FIGHT"),
    ],
)
def test_an_event_noun_before_its_verb_or_carrier_is_still_the_event(sentence: str, kind: str) -> None:
    assert kind in kinds_of(sentence)


MATCH_REPORT = (
    "Rovers beat City 3-1 in the league on Saturday. "
    "Smith's strike put Rovers ahead after the goalkeeper had saved a penalty. "
    "City fought back through a header, but Rovers stormed into the lead again."
)


def kinds_in(text: str) -> list[str]:
    ctx = make_ctx(text)
    run(ctx)
    return [e.kind for e in [*ctx.analysis.events, *ctx.scratch.get("event_candidates", [])]]


def test_combat_words_in_a_sports_report_are_the_games_language() -> None:
    kinds = kinds_in(MATCH_REPORT)
    assert not {"FIGHT", "ASSAULT", "CRIME"} & set(kinds)


def test_real_violence_in_a_sports_report_is_kept() -> None:
    text = MATCH_REPORT + " After the match, police said fans attacked a steward outside the stadium."
    assert {"FIGHT", "ASSAULT"} & set(kinds_in(text))


def test_the_same_combat_words_outside_sport_are_events() -> None:
    text = "Rebels stormed the town on Saturday. Government troops fought back with artillery."
    assert "FIGHT" in kinds_in(text)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The Olympic champion won the race on Sunday.", "SUPPORT"),
        ("The senator championed the reform in 2004.", None),
    ],
)
def test_a_champion_is_a_title_holder_the_verb_is_support(sentence: str, kind: str | None) -> None:
    kinds = kinds_of(sentence)
    if kind:
        assert kind not in kinds
    else:
        assert "SUPPORT" in kinds


@pytest.mark.parametrize(
    "sentence",
    [
        "Neither the ministry nor the embassy responded to requests for comment.",
        "The company did not immediately respond to a request for comment on Tuesday.",
        "Officials declined to comment on the report.",
        "A spokesman declined repeated requests for comment.",
    ],
)
def test_a_press_inquiry_is_not_a_request_or_a_refusal(sentence: str) -> None:
    assert not kinds_of(sentence) & {"REQUEST", "REJECT"}


def test_a_request_between_actors_is_still_one() -> None:
    assert "REQUEST" in kinds_of("The government requested military assistance from its neighbours on Monday.")
    assert "REJECT" in kinds_of("The opposition declined the offer of talks.")


def test_a_russian_press_inquiry_is_not_a_request() -> None:
    def kinds_ru(sentence: str) -> set[str]:
        ctx = make_ctx(sentence, language="ru")
        run(ctx)
        return {e.kind for e in [*ctx.analysis.events, *ctx.scratch.get("event_candidates", [])]}

    assert "REQUEST" not in kinds_ru("Пресс-служба министерства на запрос издания не ответила.")
    assert "REQUEST" not in kinds_ru("В посольстве не ответили на запрос о комментарии.")
    assert "REQUEST" in kinds_ru("Минск направил запрос в Москву о поставке техники.")


def test_a_system_put_on_duty_without_the_word_combat_is_on_combat_duty() -> None:
    from test_events_support import events_of

    names = [("Фалкон", "equipment", "Falcon-9M")]
    said = "Согласно официальной версии, министр доложил о заступлении комплекса «Фалкон» на дежурство 17 декабря."
    assert any(e.kind == "EQUIPMENT_COMBAT_DUTY" for e in events_of(said, names, language="ru"))
    shift = "Вечером полицейский заступил на дежурство у здания суда."
    assert not any(e.kind == "EQUIPMENT_COMBAT_DUTY" for e in events_of(shift, names, language="ru"))
