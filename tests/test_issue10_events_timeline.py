"""Issue 10: precision where the analyst looks (events, timelines, contradictions).

Hand-made documents with invented places and systems ("Arland", "Falcon-9M"),
so each test pins one mechanism, not one sentence of the corpus.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dossier.analyze.eventing.dates import relative_date
from dossier.analyze.eventing.plover import plover_category
from dossier.analyze.timex.intervals import compatible, day_span
from dossier.model import Event
from dossier.resolve.contradictions import find_contradictions, sentence_numbers
from dossier.resolve.eventcoref import EventCluster, EventMentionRef, dates_compatible
from dossier.resolve.timeline import build_timeline, equipment_status
from test_events_support import events_of, time_expr

NAMES = [
    ("Arland", "place", "Arland"),
    ("Borovia", "place", "Borovia"),
    ("President Petrov", "person", "Ivan Petrov"),
    ("Petrov", "person", "Ivan Petrov"),
    ("Sidorova", "person", "Anna Sidorova"),
    ("Falcon-9M", "equipment", "Falcon-9M"),
    ("Harrow", "equipment", "Harrow"),
    ("Фалкон", "equipment", "Falcon-9M"),
    ("Петров", "person", "Ivan Petrov"),
]


# -- modality: questions, negations ------------------------------------------------------


def test_an_event_asked_about_is_not_recorded() -> None:
    for text in (
        "Sidorova did not say when the Falcon-9M would arrive in Arland.",
        "It remains unclear whether Borovia delivered the Falcon-9M.",
        "Officials would not disclose where the Falcon-9M will be deployed.",
    ):
        assert not [e for e in events_of(text, NAMES) if e.kind.startswith("EQUIPMENT_")], text


def test_russian_fronted_question_is_not_an_event() -> None:
    text = "Когда именно Фалкон прибудет в страну и где он будет размещен, в министерстве не уточняют."
    assert not [e for e in events_of(text, NAMES, language="ru") if e.kind.startswith("EQUIPMENT_")]


def test_temporal_when_still_reports_the_event() -> None:
    events = events_of("When Borovia delivered the Falcon-9M, officials in Arland said nothing.", NAMES)
    assert any(e.kind == "EQUIPMENT_DELIVERED" for e in events)


def test_negated_event_keeps_its_modality() -> None:
    events = events_of("Borovia has not delivered the Falcon-9M to Arland.", NAMES)
    delivered = [e for e in events if e.kind == "EQUIPMENT_DELIVERED"]
    assert delivered and all(e.modality == "negated" for e in delivered)


# -- roles: the actor of its own clause, never an opening word or a dateline ------------


def test_actor_of_a_coordinated_or_subordinate_clause() -> None:
    events = events_of("Petrov asked Sidorova for help, and Borovia later delivered the Harrow to Arland.", NAMES)
    delivered = next(e for e in events if e.kind == "EQUIPMENT_DELIVERED")
    assert delivered.actors == ("Borovia",)
    events = events_of("Arland protested on Monday, two days after Borovia shelled the border.", NAMES)
    assert next(e for e in events if e.kind == "FIGHT").actors == ("Borovia",)


def test_sentence_opening_word_is_not_an_actor() -> None:
    for text in (
        "Contrary to earlier claims, the Falcon-9M is not en route to Arland.",
        "Despite the weather, the Falcon-9M is en route to Arland.",
    ):
        ev = next(e for e in events_of(text, NAMES) if e.kind == "EQUIPMENT_IN_TRANSIT")
        assert "Contrary" not in ev.actors and "Despite" not in ev.actors, ev


def test_dateline_after_a_headline_holds_no_actor() -> None:
    text = (
        "Falcon-9M not on its way\n\nKESTREL, October 1, 2025 (Arland Monitor) — The Falcon-9M is not en route"
        " to Borovia, officials said."
    )
    ev = next(e for e in events_of(text, [*NAMES, ("KESTREL", "place", "Kestrel")]) if e.kind == "EQUIPMENT_IN_TRANSIT")
    assert "Kestrel" not in ev.actors


def test_equipment_comes_from_the_events_own_clause() -> None:
    text = "Arland asked Borovia to station the Falcon-9M, while the Harrow was shown at a parade."
    request = next(e for e in events_of(text, NAMES) if e.kind == "REQUEST")
    assert request.equipment == ("Falcon-9M",)


def test_gapped_trigger_does_not_cross_a_comma() -> None:
    text = "Petrov said the Falcon-9M was on combat duty in Arland, the press service reported."
    assert "EQUIPMENT_ENTERED_SERVICE" not in [e.kind for e in events_of(text, NAMES)]


def test_statement_attributes_only_its_complement() -> None:
    text = "Arland condemned the move on Thursday, a day after Petrov said that the Falcon-9M was on combat duty."
    events = events_of(text, NAMES, times=[time_expr(text, "Thursday", "2025-09-25")])
    condemn = next(e for e in events if e.kind == "DISAPPROVE")
    assert condemn.attributed_to != "Ivan Petrov"
    duty = next(e for e in events if e.kind == "EQUIPMENT_COMBAT_DUTY")
    assert duty.date == "2025-09-24"  # a day before the Thursday the clause is dated by


def test_russian_next_day_relative_date() -> None:
    text = "Фото появилось на следующий день после того, как Петров заявил, что Фалкон уже в пути."
    start = text.index("заявил")
    got = relative_date(text, 0, start, [], "2025-09-26", datetime(2025, 9, 27).date())
    assert got is not None and got[0] == "2025-09-25"


# -- PLOVER coding is the product's ---------------------------------------------------------


def test_plover_category_codes_intentions_and_refusals() -> None:
    assert plover_category("REQUEST", "asserted") == "DEMAND"
    assert plover_category("AID", "planned") == "AGREE"
    assert plover_category("FIGHT", "conditional") == "THREATEN"
    assert plover_category("RETREAT", "required") == "DEMAND"
    assert plover_category("AID", "negated") == "REJECT"
    assert plover_category("STATEMENT", "asserted") is None
    events = events_of("Arland shelled positions in Borovia.", NAMES)
    assert [(e.plover, e.main) for e in events] == [("FIGHT", True)]


# -- dates as intervals ------------------------------------------------------------------------


def test_granularities_that_contain_each_other_are_compatible() -> None:
    assert compatible("2025-W39", "2025-09-25")  # the week holds the day
    assert not compatible("2025-W39", "2025-10-01")
    assert compatible("2025-09", "2025-09-30") and compatible("2025-Q3", "2025-08-02")
    assert compatible("XXXX-09-26", "2025-09-26") and not compatible("2025-12-12", "2025-12-17")
    assert compatible("PRESENT_REF", "2025-01-01")
    assert day_span("2025-W39-WE") == (datetime(2025, 9, 27).date(), datetime(2025, 9, 28).date())
    assert dates_compatible("2025-W39", "2025-09-22")


# -- timeline: one real-world event, one entry ----------------------------------------------


def rec(kind: str, date: str | None, article: int, actors: list[str], **kw: Any) -> dict[str, Any]:
    base = {
        "id": article * 10,
        "kind": kind,
        "start": 0,
        "end": 5,
        "sentence": 0,
        "date": date,
        "reported": kw.pop("reported", "2025-12-18"),
        "actors": actors,
        "targets": [],
        "equipment": kw.pop("equipment", ["Falcon-9M"]),
        "place": None,
        "modality": kw.pop("modality", "reported"),
        "attributed_to": kw.pop("attributed_to", None),
        "article_id": article,
        "outlet": f"outlet{article}",
        "sentence_text": f"sentence {article}",
    }
    base.update(kw)
    return base


def test_reports_of_one_event_merge_whatever_actor_they_name() -> None:
    events = [
        rec("REQUEST", "2024-12-06", 1, ["Kestrel"]),
        rec("REQUEST", "2024-12-06", 2, ["Ivan Petrov"]),
        rec("REQUEST", "2024-12-06", 3, ["Ivan Petrov"]),
        rec("DEMAND", "2024-12", 4, ["Arland"]),
        rec("REQUEST", None, 5, ["Ivan Petrov"], reported="2024-12-07"),  # an undated report the day after
        rec("REQUEST", "2025-06-01", 6, ["Ivan Petrov"]),  # a second request, months later
    ]
    tl = build_timeline(events)
    assert len(tl) == 2
    first = tl[0]
    assert first["date"] == "2024-12-06" and first["actors"] == ["Ivan Petrov"]
    assert sorted(s["article_id"] for s in first["sources"]) == [1, 2, 3, 4, 5]
    assert tl[1]["date"] == "2025-06-01"


def test_opposite_claims_and_different_speakers_stay_apart() -> None:
    events = [
        rec("EQUIPMENT_IN_TRANSIT", "2025-09-25", 1, ["Ivan Petrov"]),
        rec("EQUIPMENT_IN_TRANSIT", "2025-W39", 2, [], modality="negated"),
        rec("STATEMENT", "2025-09-26", 3, ["Anna Sidorova"]),
        rec("STATEMENT", "2025-09-26", 4, ["Ivan Petrov"]),
    ]
    assert len(build_timeline(events)) == 4


def test_status_date_is_the_one_independent_sources_support() -> None:
    def entry(date: str, keys: list[str]) -> dict[str, Any]:
        sources = [{"article_id": i, "independent": k} for i, k in enumerate(keys)]
        return rec("EQUIPMENT_COMBAT_DUTY", date, 1, ["Arland"], sources=sources)

    status = equipment_status(
        [entry("2025-12-12", ["outlet:a"]), entry("2025-12-17", ["outlet:b", "outlet:c", "outlet:d"])]
    )
    assert status[:3] == ("combat_duty", "2025-12-17", ("2025-12-12",))
    # copies of one outlet count once: three copies do not outvote two independent outlets
    status = equipment_status(
        [entry("2025-12-12", ["outlet:a", "outlet:a", "outlet:a"]), entry("2025-12-17", ["outlet:b", "outlet:c"])]
    )
    assert status.date == "2025-12-17" and status.contested == ("2025-12-12",)
    # a month supports the day it contains and is not contested by it
    status = equipment_status([entry("2025-12", ["outlet:a"]), entry("2025-12-17", ["outlet:b"])])
    assert status.date == "2025-12-17" and status.contested == ()


# -- contradictions ------------------------------------------------------------------------------


def mention(article: str, kind: str, date: str | None, modality: str, text: str, story: str = "s1") -> EventMentionRef:
    ev = Event(kind, 0, 5, date=date, reported="2025-10-01", equipment=("Falcon-9M",), modality=modality)
    return EventMentionRef(article, ev, None, text)


def cluster(cid: str, story: str, *mentions: EventMentionRef) -> EventCluster:
    c = EventCluster(cid, story, mentions[0].event.kind, list(mentions))
    c.words = {"falcon"}
    c.dates = {m.event.date for m in mentions if m.event.date}
    return c


def test_week_containing_the_day_is_not_a_contradiction() -> None:
    c = cluster(
        "c1",
        "s1",
        mention("1", "EQUIPMENT_DELIVERED", "2025-W39", "reported", "delivered last week"),
        mention("2", "EQUIPMENT_DELIVERED", "2025-09-25", "reported", "delivered on 25 September"),
    )
    assert not [x for x in find_contradictions([c]) if x.field == "date"]
    c.mentions.append(mention("3", "EQUIPMENT_DELIVERED", "2025-10-03", "reported", "delivered on 3 October"))
    assert [x for x in find_contradictions([c]) if x.field == "date"]


def test_status_contradiction_across_stories() -> None:
    en_route = cluster("c1", "s1", mention("1", "EQUIPMENT_IN_TRANSIT", "2025-09-25", "reported", "is en route"))
    denial = cluster("c2", "s2", mention("2", "EQUIPMENT_IN_TRANSIT", "2025-W39", "negated", "is not en route"))
    flags = [x for x in find_contradictions([en_route, denial]) if x.field == "status"]
    assert len(flags) == 1
    assert {s.value for s in flags[0].sides} == {"reported", "negated"}


def test_milestone_dated_differently_in_two_stories_is_a_contradiction() -> None:
    # A report that disputes the date often ends in a story of its own; the dates still disagree.
    official = cluster("c1", "s1", mention("1", "EQUIPMENT_COMBAT_DUTY", "2025-12-17", "reported", "on 17 December"))
    source = cluster("c2", "s2", mention("2", "EQUIPMENT_COMBAT_DUTY", "2025-12-12", "reported", "on 12 December"))
    flags = [x for x in find_contradictions([official, source]) if x.field == "date"]
    assert len(flags) == 1 and {s.value for s in flags[0].sides} == {"2025-12-17", "2025-12-12"}
    # The week that holds the day agrees with it; a denial is a status conflict, not a date.
    week = cluster("c3", "s3", mention("3", "EQUIPMENT_COMBAT_DUTY", "2025-W51", "reported", "this week"))
    assert not [x for x in find_contradictions([official, week]) if x.field == "date"]
    denied = cluster("c4", "s4", mention("4", "EQUIPMENT_COMBAT_DUTY", "2025-12-01", "negated", "not on duty"))
    assert not [x for x in find_contradictions([official, denied]) if x.field == "date"]


def test_weapon_performance_numbers_are_never_read() -> None:
    assert sentence_numbers("The Falcon-9M has a range of 5,000 km and flies at Mach 10.") == {}
    assert sentence_numbers("Its payload of 1.5 tonnes and a yield of 300 kilotons.") == {}
    assert sentence_numbers("Дальность комплекса 5000 км.") == {}
    assert sentence_numbers("Arland sent 12 launchers and 300 troops.") == {"launcher": {12.0}, "troop": {300.0}}
    a = cluster("c1", "s1", mention("1", "EQUIPMENT_TESTED", None, "reported", "It flew 3,000 km in the test."))
    b = cluster("c1", "s1", mention("2", "EQUIPMENT_TESTED", None, "reported", "It flew 4,500 km in the test."))
    a.mentions.extend(b.mentions)
    assert not find_contradictions([a])


def test_coreference_keeps_statements_of_different_speakers_apart() -> None:
    from dossier.resolve.eventcoref import EventCorefIndex

    index = EventCorefIndex()
    said = Event("STATEMENT", 0, 5, actors=("Ivan Petrov",), equipment=("Falcon-9M",))
    other = Event("STATEMENT", 0, 5, actors=("Anna Sidorova",), equipment=("Falcon-9M",))
    again = Event("STATEMENT", 9, 15, actors=("Ivan Petrov",), equipment=("Falcon-9M",))
    first = index.add("1", [said], "s1")
    second = index.add("2", [other], "s1")
    third = index.add("3", [again], "s1")
    assert first != second and first == third
    # other events corefer whoever each report names as the actor
    duty = [
        Event("EQUIPMENT_COMBAT_DUTY", 0, 5, actors=(who,), equipment=("Falcon-9M",)) for who in ("Arland", "Petrov")
    ]
    assert index.add("4", duty[:1], "s1") == index.add("5", duty[1:], "s1")


def test_occurrences_outside_plover_are_recorded_without_a_category() -> None:
    died = events_of("He died in Kestrel on Tuesday, his family said.", NAMES)
    # no named participant needed (the family, a group the rules know, is the statement's speaker)
    assert [(e.kind, e.plover) for e in died if e.kind != "STATEMENT"] == [("DIE", None)]
    quake = events_of("A strong earthquake struck Borovia overnight.", NAMES)
    assert [e.kind for e in quake] == ["DISASTER"]
    assert not [e for e in events_of("A fire broke out at the church, officials said.", NAMES) if e.kind == "ESCAPE"]


def test_report_without_any_date_is_not_filed_under_the_latest_occasion() -> None:
    """A quote from an article with no date of its own may come from any earlier occasion: it joins
    the undated report of the same claim, not the newest dated statement of the same speaker."""
    events = [
        rec("STATEMENT", "2025-09-25", 1, ["Ivan Petrov"]),
        rec("STATEMENT", None, 2, ["Ivan Petrov"], reported="2024-12-06"),
        rec("STATEMENT", None, 3, ["Ivan Petrov"], reported=None),
    ]
    tl = build_timeline(events)
    assert len(tl) == 2
    dated = next(e for e in tl if e["date"])
    assert [s["article_id"] for s in dated["sources"]] == [1]
    undated = next(e for e in tl if not e["date"])
    assert sorted(s["article_id"] for s in undated["sources"]) == [2, 3]


def test_undated_lifecycle_report_joins_the_single_dated_stage() -> None:
    events = [
        rec("EQUIPMENT_DELIVERED", "2025-10-02", 1, ["Ivan Petrov"]),
        rec("EQUIPMENT_DELIVERED", None, 2, [], reported=None),
    ]
    tl = build_timeline(events)
    assert len(tl) == 1 and sorted(s["article_id"] for s in tl[0]["sources"]) == [1, 2]
