"""A reader who rebuilds the page of a stale kept subject reads through the process's window records,
and gets what a build from the rows gives (issue #13, ninth round).

Under a steady ingest a kept subject goes stale with each batch that names it; its readers build
pages until the catch-up.  A long-lived reader now reuses the records of the events its earlier
builds read (``timeline_entries.reader_records``), as the catch-up does.  Stores: the seeded random
ingests of ``test_timeline_page_first`` (the ingest rebuilds nothing, so every batch leaves the kept
subjects stale).
"""

from __future__ import annotations

import random

import pytest

from dossier.store import Store, knowledge, timeline_entries
from dossier.store.filters import NO_FILTERS
from test_timeline_entries import PAGES
from test_timeline_page_first import SUBJECTS, _args, _ingest


@pytest.fixture(autouse=True)
def _small(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline_entries, "MIN_EVENTS", 2)
    monkeypatch.setattr(timeline_entries, "BLOCK", 2)
    monkeypatch.setattr(timeline_entries, "REFRESH_MS_PER_ARTICLE", 0.0)  # the ingest keeps nothing


def _hits(store: Store) -> int:
    cache = timeline_entries.record_cache(store.engine)
    return 0 if cache is None else cache.hits


@pytest.mark.parametrize("seed", [7, 8])
def test_stale_pages_read_through_the_readers_records_equal_builds_from_the_rows(store: Store, seed: int) -> None:
    rng = random.Random(seed)
    _ingest(store, rng, 1, 8)
    with store.connect() as conn:
        for name in SUBJECTS:
            knowledge.timeline(conn, name)  # queued
        assert timeline_entries.catch_up(conn)  # kept whole
    first = 9
    for _round in range(3):
        _ingest(store, rng, first, 3)  # every kept subject stale
        first += 3
        hits = _hits(store)
        for name in SUBJECTS:
            for kw in PAGES:
                with store.connect() as conn:
                    ids = knowledge.find_entity_ids(conn, name)
                    read = knowledge.timeline(conn, name, **_args(kw))
                    assert read == knowledge._build_timeline(conn, ids, NO_FILTERS, **_args(kw)), (name, kw)
        assert _hits(store) > hits  # the reads were served records their earlier builds made


def test_no_records_without_a_kept_subject_or_on_a_connection_that_wrote(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ingest(store, random.Random(9), 1, 6)
    monkeypatch.setattr(timeline_entries, "MIN_EVENTS", 10_000)  # nobody worth keeping: plain builds
    with store.connect() as conn:
        knowledge.timeline(conn, "Polonez")
    assert timeline_entries.record_cache(store.engine) is None
    monkeypatch.setattr(timeline_entries, "MIN_EVENTS", 2)
    with store.begin() as conn:  # it wrote (the stamp): its reads may be rolled back
        knowledge.timeline(conn, "Polonez", limit=5)
    assert timeline_entries.record_cache(store.engine) is None
    with store.connect() as conn:
        knowledge.timeline(conn, "Polonez", limit=6)
    cache = timeline_entries.record_cache(store.engine)
    assert cache is not None and len(cache) > 0


def _record(event_id: int) -> dict[str, object]:
    return {"id": event_id, "article_id": 1, "actors": ["a"], "targets": [], "equipment": [], "entity_ids": [3]}


def test_records_of_one_stamp_never_mix_with_another_s() -> None:
    """Request threads share a process's records: a build at an older stamp than the cache's (its
    snapshot predates a write another thread saw) is neither served nor kept, and never empties it."""
    cache = timeline_entries.RecordCache()
    cache.at(5)
    cache.put([_record(1), _record(2)], 5)
    cache.at(4)  # an older snapshot: the stamp-5 records stay
    assert set(cache.get([1, 2], 5)) == {1, 2}
    assert cache.get([1, 2], 4) == {}  # not served at another stamp
    cache.put([_record(3)], 4)  # nor kept
    assert len(cache) == 2
    cache.at(6)  # a newer stamp: everything older goes
    assert len(cache) == 0 and cache.get([1, 2], 6) == {}
    cache.put([_record(1)], 5)  # a late build at stamp 5 keeps nothing under 6
    assert len(cache) == 0
