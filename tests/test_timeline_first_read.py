"""What a timeline's first read does faster must find what it found before (issue #13).

A first read (no kept page) makes its event records straight from the rows' tuples, passes them to
``build_timeline`` without copying each, looks up corrections only when some report is corrected or
confirmed, and sends long id lists to SQLite as one JSON parameter.  Each test here pins one of those
to the slower, obvious way of getting the same answer.  The store is the hand-written Polonez corpus of
``test_timeline_cache``.
"""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy import event, select

from dossier.corrections.extractions import edit_event, review
from dossier.resolve.timeline import build_timeline
from dossier.store import Store, knowledge
from dossier.store import schema as t
from dossier.store.cross_queries import SentenceRef, all_sources, fill_sentences
from dossier.store.filters import NO_FILTERS
from dossier.store.sqlutil import id_in
from test_timeline_cache import _built, _corpus


def _subject(conn: Any) -> list[int]:
    return knowledge.find_entity_ids(conn, "Polonez")


def test_a_long_id_list_is_one_parameter_and_finds_the_same_rows(store: Store) -> None:
    _corpus(store)
    parameters: list[int] = []

    @event.listens_for(store.engine, "before_cursor_execute")
    def _count(conn, cursor, statement, params, context, executemany) -> None:  # type: ignore[no-untyped-def]
        parameters.append(len(params or ()))

    wanted = list(range(-50, 200))  # mostly ids no article has
    with store.connect() as conn:
        stored = sorted(conn.execute(select(t.articles.c.id)).scalars())
        parameters.clear()
        found = sorted(conn.execute(select(t.articles.c.id).where(id_in(conn, t.articles.c.id, wanted))).scalars())
        assert parameters == [1]  # however many ids
        few = sorted(conn.execute(select(t.articles.c.id).where(id_in(conn, t.articles.c.id, stored[:3]))).scalars())
    assert found == stored and len(stored) == 9
    assert few == stored[:3]


def test_light_records_are_the_full_records_once_their_sentences_are_read(store: Store) -> None:
    _corpus(store)
    with store.connect() as conn:
        ids = _subject(conn)
        full = knowledge.events_about(conn, ids, NO_FILTERS)
        light = knowledge.events_about(conn, ids, NO_FILTERS, light=True, window=100)
        assert light and all(isinstance(r["sentence"], SentenceRef) for r in light)
        # two reports of one sentence share its reference, never its role lists
        assert light[0]["equipment"] == light[1]["equipment"] and light[0]["equipment"] is not light[1]["equipment"]
        fill_sentences(conn, light)
    assert light == full


def test_building_a_timeline_leaves_the_events_it_was_given_as_they_were() -> None:
    events = [
        {
            "id": n,
            "kind": "EQUIPMENT_DELIVERED",
            "date": date,
            "reported": "2025-05-06T09:00:00",
            "equipment": ["Polonez"],
            "actors": [],
            "targets": ["brigade"],
            "modality": "asserted",
            "article_id": n,
            "outlet": f"outlet-{n}",
            "sentence": "The launchers were delivered.",
            "start": 0,
            "end": 9,
        }
        for n, date in enumerate(["2025-05-05", "2025-05-05", "2025-05", None], start=1)
    ]
    before = copy.deepcopy(events)
    entries = build_timeline(events)
    assert events == before
    assert len(entries) == 1 and len(entries[0]["sources"]) == 4
    for entry in entries:  # entries own their fields: changing one leaves the events alone
        entry["equipment"].append("x")
        entry["sources"].clear()
    assert events == before


def test_corrected_and_confirmed_reports_are_marked_on_a_first_read(store: Store) -> None:
    _corpus(store)
    plain = _built(store)
    assert all(e["corrections"] == [] and e["confirmed"] == [] for e in plain["entries"])
    first, second = plain["entries"][0], plain["entries"][1]
    with store.begin() as conn:
        review(conn, "event", first["id"], "confirmed", user="analyst")
        edit_event(conn, second["id"], user="analyst", date="2025-06-11")
    marked = _built(store)
    confirmed = [e for e in marked["entries"] if e["confirmed"]]
    corrected = [e for e in marked["entries"] if e["corrections"]]
    assert [e["confirmed"] for e in confirmed] == [[str(first["id"])]]
    assert [[(c["event_id"], c["field"], c["value"]) for c in e["corrections"]] for e in corrected] == [
        [(second["id"], "date", "2025-06-11")]
    ]
    others = [e for e in marked["entries"] if e not in confirmed and e not in corrected]
    assert others and all(e["corrections"] == [] and e["confirmed"] == [] for e in others)


def test_sources_kept_for_a_page_are_the_first_of_every_source_and_counted_alike(store: Store) -> None:
    _corpus(store)
    with store.connect() as conn:
        ids = _subject(conn)
        events = knowledge.events_about(conn, ids, NO_FILTERS, light=True, window=100)
        entries = build_timeline(events)
        event_at = {(e["article_id"], e["start"], e["end"]): e["id"] for e in events}
        for entry in entries:
            for src in entry["sources"]:
                src["event_id"] = event_at[(src["article_id"], src["start"], src["end"])]
        lean = copy.deepcopy(entries)
        every = all_sources(conn, entries, merged=True)
        kept = all_sources(conn, lean, merged=True, keep=2)
    assert any(len(found) > 2 for found in every.values())  # the corpus has entries of three sources
    for i, entry in enumerate(entries):
        assert kept[i] == every[i][:2]
        assert (lean[i]["source_count"], lean[i]["independent_sources"]) == (
            entry["source_count"],
            entry["independent_sources"],
        )
        assert entry["source_count"] == len(every[i])
