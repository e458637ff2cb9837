"""Timeline ordering (full, partial, XXXX, undated dates) and equipment status."""

from __future__ import annotations

from typing import Any

from dossier.model import Event
from dossier.resolve.timeline import build_timeline, equipment_status, lifecycle_of, sort_date


def ev(kind: str, date: str | None, reported: str = "2025-09-27", **kw: Any) -> dict[str, Any]:
    base = {
        "kind": kind,
        "start": kw.pop("start", 0),
        "end": 10,
        "sentence": 0,
        "date": date,
        "reported": reported,
        "actors": kw.pop("actors", ["Belarus"]),
        "targets": [],
        "equipment": kw.pop("equipment", ["Oreshnik"]),
        "place": None,
        "modality": kw.pop("modality", "asserted"),
        "attributed_to": "example.org",
        "article_id": kw.pop("article_id", "a1"),
        "outlet": kw.pop("outlet", "example.org"),
        "url": "https://example.org/1",
        "sentence_text": "Some sentence.",
    }
    base.update(kw)
    return base


def test_a_statement_that_reports_another_event_is_its_attribution_not_an_entry() -> None:
    said = "Lukashenko said the complex was already on its way."
    events = [
        ev("STATEMENT", "2025-09-25", actors=["Alexander Lukashenko"], sentence_text=said),
        ev("EQUIPMENT_IN_TRANSIT", "2025-09-25", actors=["Alexander Lukashenko"], sentence_text=said),
        # the same statement in another article, whose sentence reports nothing else, stays
        ev("STATEMENT", "2025-10-02", article_id="a2", sentence_text="Lukashenko spoke about Oreshnik again."),
    ]
    tl = build_timeline(events, ["Oreshnik"])
    assert [(e["kind"], e["date"]) for e in tl] == [("EQUIPMENT_IN_TRANSIT", "2025-09-25"), ("STATEMENT", "2025-10-02")]


def test_an_entry_with_neither_actor_nor_date_is_background_not_a_timeline_step() -> None:
    events = [
        ev("SANCTION", None, actors=[], sentence_text="The deployment is seen as a response to sanctions."),
        ev("SANCTION", "2025-10-02", actors=[], sentence_text="Sanctions were imposed on 2 October.", start=3),
        ev("DEMAND", None, sentence_text="Belarus demanded talks.", start=5),
        ev("EQUIPMENT_COMBAT_DUTY", None, actors=[], sentence_text="The complex is on combat duty.", start=7),
    ]
    tl = build_timeline(events, ["Oreshnik"])
    assert {(e["kind"], e["date"]) for e in tl} == {
        ("SANCTION", "2025-10-02"),  # dated: kept
        ("DEMAND", None),  # someone acted: kept, undated
        ("EQUIPMENT_COMBAT_DUTY", None),  # a lifecycle step the status line counts: kept
    }


def test_sort_date_partial_and_assumed_year() -> None:
    assert sort_date("2025-09", None) == ("2025-09-01", False, 2)
    assert sort_date("XXXX-09-26", "2025-09-27") == ("2025-09-26", True, 3)
    assert sort_date("XXXX-12-26", "2025-09-27") == ("2024-12-26", True, 3)  # not after the report
    assert sort_date(None, "2025-09-27") == (None, False, 0)


def test_timeline_orders_full_partial_xxxx_and_undated() -> None:
    events = [
        ev("EQUIPMENT_COMBAT_DUTY", None, reported="2025-12-17", start=5),
        ev("STATEMENT", "XXXX-09-26", actors=["Maxim Ryzhenkov"], sentence_text="A sentence of its own."),
        ev("REQUEST", "2024-12-06", actors=["Alexander Lukashenko"]),
        ev("EQUIPMENT_IN_TRANSIT", "2025-09-25"),
        ev("AGREE", "2025-09", actors=["Russia"]),
        ev("EQUIPMENT_SHOWN", None, reported="2025-09-27", start=1),
    ]
    tl = build_timeline(events, ["Oreshnik"])
    assert [e["kind"] for e in tl] == [
        "REQUEST",
        "AGREE",
        "EQUIPMENT_IN_TRANSIT",
        "STATEMENT",
        "EQUIPMENT_SHOWN",
        "EQUIPMENT_COMBAT_DUTY",
    ]
    statement = tl[3]
    assert statement["year_assumed"] and statement["date"] == "XXXX-09-26" and statement["sort_date"] == "2025-09-26"
    assert tl[-1]["undated"] and tl[-1]["sort_date"] == "2025-12-17"
    assert not tl[0]["undated"]
    assert tl[0]["lifecycle"] == "requested"
    assert tl[0]["sources"] == [
        {
            "article_id": "a1",
            "outlet": "example.org",
            "url": "https://example.org/1",
            "sentence": "Some sentence.",
            "start": 0,
            "end": 10,
        }
    ]


def test_timeline_filters_subjects_and_merges_sources() -> None:
    events = [
        ev("EQUIPMENT_DELIVERED", "2025-10-01", article_id="a1", outlet="one.example"),
        ev("EQUIPMENT_DELIVERED", "2025-10-01", article_id="a2", outlet="two.example", reported="2025-10-02"),
        ev("FIGHT", "2025-10-03", equipment=[], actors=["Arland"]),
    ]
    tl = build_timeline(events, ["Oreshnik"])
    assert len(tl) == 1
    assert [s["article_id"] for s in tl[0]["sources"]] == ["a1", "a2"]
    assert len(build_timeline(events, [])) == 2


def test_timeline_accepts_event_records() -> None:
    record = Event(kind="EQUIPMENT_DEPLOYED", start=3, end=9, equipment=("Oreshnik",), reported="2025-01-02")
    tl = build_timeline([record], ["Oreshnik"])
    assert tl[0]["undated"] and tl[0]["lifecycle"] == "deployed"


def test_lifecycle_of_kinds() -> None:
    assert lifecycle_of(ev("REQUEST", None)) == "requested"
    assert lifecycle_of(ev("AGREE", None)) == "agreed"
    assert lifecycle_of(ev("EQUIPMENT_DELIVERED", None, modality="planned")) == "announced"
    assert lifecycle_of(ev("EQUIPMENT_ENTERED_SERVICE", None)) == "entered_service"
    assert lifecycle_of(ev("REQUEST", None, equipment=[])) is None


def test_equipment_status_furthest_factual_stage() -> None:
    events = [
        ev("REQUEST", "2024-12-06"),
        ev("EQUIPMENT_IN_TRANSIT", "2025-09-25", modality="reported"),
        ev("EQUIPMENT_COMBAT_DUTY", None, reported="2025-12-17"),
        ev("EQUIPMENT_DELIVERED", "2025-10-01", reported="2025-12-20"),  # later report, earlier stage
        ev("EQUIPMENT_ENTERED_SERVICE", "2026-01-01", modality="planned"),
        ev("EQUIPMENT_DEPLOYED", "2026-02-01", modality="denied"),
    ]
    reached = equipment_status(events)
    # Only an undated report says combat duty: its report's day bounds the stage ("by"), and says so.
    assert reached[:2] == ("combat_duty", "2025-12-17") and reached.by_report
    status, date, _, by_report = equipment_status(events[:2])
    assert (status, date, by_report) == ("in_transit", "2025-09-25", False)


def test_equipment_status_planned_withdrawn_and_filter() -> None:
    assert equipment_status([ev("EQUIPMENT_DELIVERED", "2026-01", modality="planned")])[:2] == (
        "announced",
        "2025-09-27",
    )
    events = [ev("EQUIPMENT_DEPLOYED", "2025-01-01"), ev("EQUIPMENT_WITHDRAWN", "2025-06-01")]
    assert equipment_status(events).status == "withdrawn"
    assert equipment_status(events, equipment="Polonez-M")[:2] == (None, None)
    assert equipment_status([ev("EQUIPMENT_SHOWN", None)])[:2] == (None, None)


def test_sort_date_weeks_at_their_monday() -> None:
    assert sort_date("2025-W39", None) == ("2025-09-22", False, 2)  # ISO week 39 of 2025 starts Mon 22 Sep
    assert sort_date("2025-W01", None) == ("2024-12-30", False, 2)  # ISO week 1 can start in the year before
    assert sort_date("2025-W39-WE", None) == ("2025-09-27", False, 2)  # the weekend: its Saturday
    assert sort_date("XXXX-W39", "2025-12-01") == ("2025-09-22", True, 2)
    assert sort_date("XXXX-W50", "2025-10-01") == ("2024-12-09", True, 2)  # not after the report
    assert sort_date("2025-W53", None) == ("2025-01-01", False, 1)  # no such week: the year


def test_sort_date_quarters_halves_seasons_at_their_start() -> None:
    assert sort_date("2025-Q3", None) == ("2025-07-01", False, 1)
    assert sort_date("2025-Q1", None) == ("2025-01-01", False, 1)
    assert sort_date("2025-H2", None) == ("2025-07-01", False, 1)
    assert sort_date("2025-SP", None) == ("2025-03-01", False, 1)
    assert sort_date("2025-SU", None) == ("2025-06-01", False, 1)
    assert sort_date("2025-FA", None) == ("2025-09-01", False, 1)
    assert sort_date("2025-WI", None) == ("2025-12-01", False, 1)
    assert sort_date("XXXX-Q4", "2025-09-27") == ("2024-10-01", True, 1)


def test_timeline_orders_periods_by_their_start() -> None:
    events = [
        {"kind": "EQUIPMENT_DELIVERED", "date": "2025-10-02", "reported": "2025-12-01", "actors": ["Belarus"]},
        {"kind": "EQUIPMENT_DEPLOYED", "date": "2025-Q3", "reported": "2025-12-01", "actors": ["Belarus"]},
        {"kind": "EQUIPMENT_TESTED", "date": "2025-W39", "reported": "2025-12-01", "actors": ["Belarus"]},
        {"kind": "EQUIPMENT_SHOWN", "date": "2025-SU", "reported": "2025-12-01", "actors": ["Belarus"]},
    ]
    tl = build_timeline(events, {"Belarus"})
    assert [e["sort_date"] for e in tl] == ["2025-06-01", "2025-07-01", "2025-09-22", "2025-10-02"]
