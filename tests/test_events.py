"""Event stage: triggers per kind (EN, RU), modality, roles, dates, attribution.

All documents are hand-made (see ``test_events_support``): no model needed.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from dossier.model import Event
from test_events_support import events_of, make_ctx, quote, run, time_expr

PEOPLE = [
    ("President Petrov", "person", "Ivan Petrov"),
    ("Petrov", "person", "Ivan Petrov"),
    ("Minister Sidorova", "person", "Anna Sidorova"),
    ("Sidorova", "person", "Anna Sidorova"),
    ("Arland", "place", "Arland"),
    ("Borovia", "place", "Borovia"),
    ("Kestrel", "place", "Kestrel"),
    ("Northern Alliance", "org", "Northern Alliance"),
    ("Falcon-9M", "equipment", "Falcon-9M"),
    ("Harrow", "equipment", "Harrow"),
]


def kinds(events: list[Event]) -> list[str]:
    return [e.kind for e in events]


def only(events: list[Event], kind: str) -> Event:
    found = [e for e in events if e.kind == kind]
    assert len(found) == 1, (kind, events)
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Arland agreed to resume grain exports to Borovia.", "AGREE"),
        ("President Petrov met Minister Sidorova in Kestrel.", "CONSULT"),
        ("Arland praised Borovia for its restraint.", "SUPPORT"),
        ("Arland and Borovia will cooperate on border security.", "COOPERATE"),
        ("Arland donated medicine to Borovia.", "AID"),
        ("President Petrov resigned after weeks of pressure.", "CONCEDE"),
        ("Arland withdrew its troops from Borovia.", "RETREAT"),
        ("Arland investigated the shooting of Borovia citizens.", "INVESTIGATE"),
        ("Arland requested a meeting with Borovia.", "REQUEST"),
        ("Arland demanded that Borovia release the sailors.", "DEMAND"),
        ("Arland condemned Borovia over the incident.", "DISAPPROVE"),
        ("Arland rejected the proposal made by Borovia.", "REJECT"),
        ("Arland threatened Borovia with retaliation.", "THREATEN"),
        ("Thousands of students protested in Kestrel.", "PROTEST"),
        ("Arland mobilized reservists near Borovia.", "MOBILIZE"),
        ("Arland imposed sanctions on Borovia.", "SANCTION"),
        ("Arland shelled positions in Borovia.", "FIGHT"),
        ("Gunmen kidnapped two aid workers in Kestrel.", "ASSAULT"),
        ("Police arrested dozens of activists in Kestrel.", "COERCE"),
        ("President Petrov said the border was calm.", "STATEMENT"),
    ],
)
def test_english_trigger_per_kind(sentence: str, kind: str) -> None:
    assert kind in kinds(events_of(sentence, PEOPLE))


RU_PEOPLE = [
    ("Петров", "person", "Ivan Petrov"),
    ("Арландия", "place", "Arland"),
    ("Арландии", "place", "Arland"),
    ("Боровию", "place", "Borovia"),
    ("Боровии", "place", "Borovia"),
    ("Боровия", "place", "Borovia"),
    ("Сокол", "equipment", "Falcon-9M"),
]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Арландия согласилась возобновить экспорт зерна.", "AGREE"),
        ("Петров встретился с министром обороны Боровии.", "CONSULT"),
        ("Арландия поддержала резолюцию.", "SUPPORT"),
        ("Арландия выделила помощь Боровии.", "AID"),
        ("Арландия потребовала от Боровии освободить моряков.", "DEMAND"),
        ("Арландия осудила действия Боровии.", "DISAPPROVE"),
        ("Арландия отвергла предложение Боровии.", "REJECT"),
        ("Арландия пригрозила Боровии ответными мерами.", "THREATEN"),
        ("Арландия ввела санкции против Боровии.", "SANCTION"),
        ("Арландия обстреляла позиции в Боровии.", "FIGHT"),
        ("Полиция задержала двадцать активистов.", "COERCE"),
        ("Петров заявил, что граница спокойна.", "STATEMENT"),
        ("Комплекс «Сокол» заступил на боевое дежурство.", "EQUIPMENT_COMBAT_DUTY"),
        ("Комплекс «Сокол» принят на вооружение армии Арландии.", "EQUIPMENT_ENTERED_SERVICE"),
        ("Арландия получила комплекс «Сокол».", "EQUIPMENT_DELIVERED"),
        ("Комплекс «Сокол» уже в пути в Боровию.", "EQUIPMENT_IN_TRANSIT"),
    ],
)
def test_russian_trigger_per_kind(sentence: str, kind: str) -> None:
    assert kind in kinds(events_of(sentence, RU_PEOPLE, language="ru"))


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Borovia has put the Falcon-9M on combat duty.", "EQUIPMENT_COMBAT_DUTY"),
        ("The Falcon-9M entered service with the Borovia army.", "EQUIPMENT_ENTERED_SERVICE"),
        ("Arland delivered the Falcon-9M to Borovia.", "EQUIPMENT_DELIVERED"),
        ("Arland deployed the Falcon-9M near Kestrel.", "EQUIPMENT_DEPLOYED"),
        ("The Falcon-9M is en route to Borovia.", "EQUIPMENT_IN_TRANSIT"),
        ("Borovia test-fired the Falcon-9M.", "EQUIPMENT_TESTED"),
        ("Arland decommissioned the Harrow.", "EQUIPMENT_WITHDRAWN"),
        ("Arland unveiled the Falcon-9M at a parade.", "EQUIPMENT_SHOWN"),
    ],
)
def test_equipment_lifecycle_triggers(sentence: str, kind: str) -> None:
    assert kind in kinds(events_of(sentence, PEOPLE))


def test_equipment_kind_without_equipment_falls_back_or_drops() -> None:
    assert "AID" in kinds(events_of("Arland delivered food to Borovia.", PEOPLE))
    assert not any(k.startswith("EQUIPMENT_") for k in kinds(events_of("Arland delivered a speech.", PEOPLE)))


def test_generic_head_noun_refers_back_to_named_system() -> None:
    text = "Arland ordered the Falcon-9M last year. The complex arrived in Borovia on Friday."
    ev = only(events_of(text, PEOPLE), "EQUIPMENT_DELIVERED")
    assert ev.equipment == ("Falcon-9M",)


@pytest.mark.parametrize(
    ("sentence", "modality"),
    [
        ("Arland will deliver the Falcon-9M to Borovia.", "planned"),
        ("Arland plans to deploy the Falcon-9M near Kestrel.", "planned"),
        ("The Falcon-9M is set to enter service with Borovia.", "planned"),
        ("If a decision is made, Arland will deploy the Falcon-9M.", "conditional"),
        ("Arland did not deploy the Falcon-9M.", "negated"),
        ("Arland denied that it had deployed the Falcon-9M.", "denied"),
        ("Arland deployed the Falcon-9M near Kestrel.", "asserted"),
    ],
)
def test_modality_english(sentence: str, modality: str) -> None:
    ev = only(events_of(sentence, PEOPLE), "EQUIPMENT_DEPLOYED" if "deploy" in sentence else _lifecycle(sentence))
    assert ev.modality == modality


def _lifecycle(sentence: str) -> str:
    return "EQUIPMENT_DELIVERED" if "deliver" in sentence else "EQUIPMENT_ENTERED_SERVICE"


@pytest.mark.parametrize(
    ("sentence", "modality"),
    [
        ("Арландия намерена разместить «Сокол» в Боровии.", "planned"),
        ("Если будет принято решение, «Сокол» разместят в Боровии.", "conditional"),
        ("Арландия не разместила «Сокол» в Боровии.", "negated"),
        ("Петров опроверг, что «Сокол» размещен в Боровии.", "denied"),
    ],
)
def test_modality_russian(sentence: str, modality: str) -> None:
    ev = only(events_of(sentence, RU_PEOPLE, language="ru"), "EQUIPMENT_DEPLOYED")
    assert ev.modality == modality


def test_capability_descriptions_are_not_events() -> None:
    text = "The Falcon-9M is capable of striking targets far away. It is designed to deliver heavy fire."
    assert events_of(text, PEOPLE) == []


def test_roles_actor_target_place_time() -> None:
    text = "On March 3, 2025, President Petrov met Minister Sidorova in Kestrel."
    ev = only(
        events_of(text, PEOPLE, times=[time_expr(text, "March 3, 2025", "2025-03-03")]),
        "CONSULT",
    )
    assert ev.actors == ("Ivan Petrov",)
    assert ev.targets == ("Anna Sidorova",)
    assert ev.place == "Kestrel"
    assert (ev.date, ev.date_text, ev.reported) == ("2025-03-03", "March 3, 2025", "2025-09-27")


def test_compound_actor_and_passive() -> None:
    ev = only(events_of("Arland and Borovia signed a treaty.", PEOPLE), "SUPPORT")
    assert ev.actors == ("Arland", "Borovia")
    ev = only(events_of("Kestrel was shelled by the Northern Alliance.", PEOPLE), "FIGHT")
    assert ev.actors == ("Northern Alliance",)
    assert ev.targets == ("Kestrel",)


def test_undated_event_gets_publication_date_as_reported() -> None:
    ev = only(events_of("Arland deployed the Falcon-9M near Kestrel.", PEOPLE), "EQUIPMENT_DEPLOYED")
    assert ev.date is None and ev.date_text is None
    assert ev.reported == "2025-09-27"
    assert ev.attributed_to == "example.org"


def test_no_publication_date_leaves_reported_empty() -> None:
    ev = only(events_of("Arland deployed the Falcon-9M.", PEOPLE, published=None), "EQUIPMENT_DEPLOYED")
    assert ev.reported is None


def test_quote_content_is_reported_and_attributed_to_speaker() -> None:
    text = "‘We have deployed the Falcon-9M near Kestrel,’ Petrov said on Monday."
    q = quote(text, "We have deployed the Falcon-9M near Kestrel", "Ivan Petrov")
    events = run(make_ctx(text, PEOPLE, quotes=[q]))
    ev = only(events, "EQUIPMENT_DEPLOYED")
    assert (ev.modality, ev.attributed_to, ev.quote_index) == ("reported", "Ivan Petrov", 0)


def test_reported_speech_without_quote_stage() -> None:
    ev = only(events_of("Petrov announced that the Falcon-9M had arrived in Borovia.", PEOPLE), "EQUIPMENT_DELIVERED")
    assert ev.modality == "reported"
    assert ev.attributed_to == "Ivan Petrov"
    assert ev.actors == ("Ivan Petrov",)


def test_source_cue_attribution() -> None:
    text = "A model of the Falcon-9M is displayed in the office, according to the channel ‘Kestrel Daily’."
    ev = only(events_of(text, PEOPLE), "EQUIPMENT_SHOWN")
    assert ev.attributed_to == "Kestrel Daily"


def test_next_sentence_names_the_source() -> None:
    text = (
        "Borovia has brought the Falcon-9M into combat readiness. "
        "The announcement, made by Minister Sidorova during a report to President Petrov, was brief."
    )
    ev = only(events_of(text, PEOPLE), "EQUIPMENT_COMBAT_DUTY")
    assert ev.attributed_to == "Anna Sidorova"
    assert ev.actors == ("Borovia",)


def test_day_after_means_the_event_was_the_day_before() -> None:
    text = (
        "‘All is lawful,’ Sidorova stated on September 26. "
        "Her comments came just a day after Petrov announced that the missile complex was en route to Borovia."
    )
    ctx = make_ctx(
        text,
        [*PEOPLE, ("Falcon", "equipment", "Falcon-9M")],
        times=[
            time_expr(text, "September 26", "2025-09-26", "2025-09-27"),
            time_expr(text, "a day after", "2025-09-27", "2025-09-26"),
        ],
    )
    ctx.analysis.mentions.insert(0, make_ctx("Falcon", [("Falcon", "equipment", "Falcon-9M")]).analysis.mentions[0])
    events = run(ctx)
    ev = only(events, "EQUIPMENT_IN_TRANSIT")
    assert ev.date == "2025-09-25"
    assert ev.actors == ("Ivan Petrov",)
    stated, announced = [e for e in events if e.kind == "STATEMENT"]
    assert stated.date == "2025-09-26"
    # the announcement attributes the transit *and* is recorded as Petrov's statement
    assert (announced.trigger, announced.actors) == ("announced", ("Ivan Petrov",))


def test_request_with_equipment_keeps_equipment_and_target() -> None:
    text = (
        "On December 6, 2024, Petrov approached President Ruslanov with a request to station the Falcon-9M in Borovia."
    )
    names = [*PEOPLE, ("President Ruslanov", "person", "Oleg Ruslanov")]
    events = events_of(text, names, times=[time_expr(text, "December 6, 2024", "2024-12-06")])
    ev = only(events, "REQUEST")
    assert ev.actors == ("Ivan Petrov",)
    assert ev.targets == ("Oleg Ruslanov",)
    assert ev.equipment == ("Falcon-9M",)
    assert ev.date == "2024-12-06"
    assert "EQUIPMENT_DEPLOYED" not in kinds(events)  # the content of the request, not an event


def test_nominal_trigger_needs_light_verb() -> None:
    assert events_of("The implications of the deployment of the Falcon-9M are unclear.", PEOPLE) == []
    assert "FIGHT" in kinds(events_of("Arland launched an attack on Borovia.", PEOPLE))


def test_ids_are_deterministic_and_unique() -> None:
    text = "Arland shelled Kestrel. Borovia condemned Arland. Arland will deliver the Falcon-9M."
    a = events_of(text, PEOPLE)
    b = events_of(text, PEOPLE)
    assert [e.id for e in a] == [e.id for e in b]
    assert len({e.id for e in a}) == len(a) == 3


def test_russian_backreference_attribution() -> None:
    text = "Комплекс «Сокол» заступил на боевое дежурство. Об этом сообщил Петров."
    events = events_of(text, RU_PEOPLE, language="ru")
    assert kinds(events) == ["EQUIPMENT_COMBAT_DUTY"]
    assert events[0].attributed_to == "Ivan Petrov"
    assert events[0].modality == "reported"


def test_works_without_sentences_from_entity_stage() -> None:
    ctx = make_ctx("Arland shelled Kestrel. Borovia condemned Arland.", PEOPLE)
    ctx.analysis.sentences = []
    assert kinds(run(ctx)) == ["FIGHT", "DISAPPROVE"]


def test_stage_name_and_batch() -> None:
    from dossier.analyze.events import EventStage

    stage = EventStage()
    assert stage.name == "events"
    ctxs = [make_ctx("Arland shelled Kestrel.", PEOPLE), make_ctx("", [], published=datetime(2025, 1, 1))]
    stage(ctxs)
    assert kinds(ctxs[0].analysis.events) == ["FIGHT"]
    assert ctxs[1].analysis.events == []


def test_explicit_date_between_relative_phrase_and_trigger_wins() -> None:
    """Regression (issue #6): "ten months after X, on 6 December 2024, asked" is dated 2024-12-06."""
    from datetime import date

    from dossier.analyze.eventing.dates import relative_date
    from dossier.model import TimeExpr

    sentence = "The announcement comes nearly ten months after Lukashenko, on 6 December 2024, asked Putin."
    times = [TimeExpr(text="6 December 2024", start=62, end=77, timex_type="DATE", value="2024-12-06")]
    trigger = sentence.index("asked")
    assert relative_date(sentence, 0, trigger, times, "2025-09-25", date(2025, 9, 25)) is None
    plain = "His comments came a day after Lukashenko announced it."
    got = relative_date(plain, 0, plain.index("announced"), [], "2025-09-26", date(2025, 9, 27))
    assert got is not None and got[0] == "2025-09-25"
