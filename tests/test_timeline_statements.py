"""A statement and the claim it makes are one timeline entry (one speech act, reported two ways)."""

from __future__ import annotations

from typing import Any

from dossier.resolve.timeline import build_timeline


def ev(kind: str, article: int, **kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": article,
        "kind": kind,
        "start": 0,
        "end": 4,
        "sentence": 0,
        "date": "2026-02-10",
        "reported": "2026-02-10",
        "actors": [],
        "targets": [],
        "equipment": ["Buk-M3"],
        "place": None,
        "modality": "reported",
        "attributed_to": None,
        "article_id": article,
        "outlet": f"outlet{article}",
        "sentence_text": f"sentence of article {article}",
    }
    base.update(kw)
    return base


def test_statement_joins_the_claim_its_speaker_made_that_day() -> None:
    # English: "Belarus has deployed the Buk-M3 near Lida, Defence Minister Irina Volkova said."
    # Russian: "Волкова заявила, что размещение «Бук-М3» завершено" (the deployment is a noun there)
    events = [
        ev("EQUIPMENT_DEPLOYED", 1, actors=["Belarus"], attributed_to="Irina Volkova"),
        ev("EQUIPMENT_DEPLOYED", 2, actors=["Belarus"], attributed_to="Irina Volkova"),
        ev("STATEMENT", 3, actors=["Irina Volkova"], attributed_to="Irina Volkova"),
    ]
    (entry,) = build_timeline(events)
    assert entry["kind"] == "EQUIPMENT_DEPLOYED"
    assert sorted(s["article_id"] for s in entry["sources"]) == [1, 2, 3]


def test_statements_of_another_day_speaker_or_system_stay_apart() -> None:
    events = [
        ev("EQUIPMENT_DEPLOYED", 1, actors=["Belarus"], attributed_to="Irina Volkova"),
        ev("STATEMENT", 2, actors=["Irina Volkova"], date="2026-02-12"),  # two days later
        ev("STATEMENT", 3, actors=["Pavel Orlov"]),  # another speaker that day
        ev("STATEMENT", 4, actors=["Irina Volkova"], equipment=["Tor-M2"]),  # another system
        ev("STATEMENT", 5, actors=["Irina Volkova"], date=None),  # undated: which occasion?
        ev("EQUIPMENT_DEPLOYED", 6, actors=["Belarus"], modality="negated", attributed_to="Oleg Ivanov"),
        ev("STATEMENT", 7, actors=["Oleg Ivanov"]),  # a denial is not the statement's claim
    ]
    entries = build_timeline(events)
    deployed = next(e for e in entries if e["kind"] == "EQUIPMENT_DEPLOYED" and e["modality"] == "reported")
    assert [s["article_id"] for s in deployed["sources"]] == [1]
    assert sum(e["kind"] == "STATEMENT" for e in entries) == 5


def test_a_denying_or_planned_statement_stays_apart_from_the_claim() -> None:
    # one outlet: "Volkova said the Buk-M3 is in place near Lida"; another, that day:
    # "Volkova denied that any Buk-M3 had been moved" -- the reports disagree, and a reader must see both
    events = [
        ev("EQUIPMENT_DEPLOYED", 1, actors=["Belarus"], attributed_to="Irina Volkova"),
        ev("STATEMENT", 2, actors=["Irina Volkova"], modality="denied"),
        ev("STATEMENT", 3, actors=["Irina Volkova"], modality="negated"),
        ev("STATEMENT", 4, actors=["Irina Volkova"], modality="planned"),  # "Volkova will speak about the Buk-M3"
    ]
    entries = build_timeline(events)
    deployed = next(e for e in entries if e["kind"] == "EQUIPMENT_DEPLOYED")
    assert [s["article_id"] for s in deployed["sources"]] == [1]
    assert sorted(s["article_id"] for e in entries if e["kind"] == "STATEMENT" for s in e["sources"]) == [2, 3, 4]
