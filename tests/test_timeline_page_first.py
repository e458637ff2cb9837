"""A first read builds only its page, and that page is the whole build's (issue #13, eighth round).

Before, the first read of a much-named subject with nothing current kept built its whole timeline
(every entry's sources and sentences) and wrote it in blocks, whatever page it answered; a
kept-but-stale subject paid the same.  Now the reader builds the page it asks for,
keeps that page, and queues the subject (a placeholder header) for the catch-up, which keeps it
whole.  The store: seeded random ingests of many reports about two subjects (dated or not, four
modalities, copies of one post or reports of their own), so that entries merge across the window;
the ingest's own rebuilds are switched off so that nothing is kept unless a reader or the
catch-up keeps it.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from sqlalchemy import select

from dossier.store import Store, knowledge, timeline_entries
from dossier.store import schema as t
from dossier.store.filters import NO_FILTERS
from test_timeline_cache import POST, _analysis, _batch, _krab
from test_timeline_entries import PAGES
from test_timeline_incremental import DATES, MODALITIES, SPEAKERS

SUBJECTS = ("Polonez", "Krab")


@pytest.fixture(autouse=True)
def _small(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline_entries, "MIN_EVENTS", 2)
    monkeypatch.setattr(timeline_entries, "BLOCK", 2)
    monkeypatch.setattr(timeline_entries, "REFRESH_MS_PER_ARTICLE", 0.0)  # the ingest keeps nothing


def _ingest(store: Store, rng: random.Random, first: int, count: int) -> None:
    for n in range(first, first + count):
        if rng.random() < 0.3:
            text = f"Krab howitzers fired near the border, report {n}."
            _batch(store, n, date="2025-05-05", body=text, analysis=_krab(rng.choice(DATES[1:]), text))
        else:
            body = f"{POST} Report number {n}." if rng.random() < 0.7 else f"Our reporter saw it. {POST[:100]} {n}."
            analysis = _analysis(body, rng.choice(DATES), rng.choice(MODALITIES), rng.choice(SPEAKERS))
            _batch(store, n, date="2025-05-05", body=body, analysis=analysis)


def _args(kw: dict[str, Any]) -> dict[str, Any]:
    return {"limit": 3, "offset": 0, "newest": False, "sources_limit": knowledge.SOURCES_SHOWN, **kw}


def _whole_page(store: Store, name: str, kw: dict[str, Any]) -> dict[str, Any]:
    """The page cut from the whole build (what a kept whole timeline serves)."""
    with store.connect() as conn:
        whole, _names, _s = timeline_entries.build(conn, knowledge.find_entity_ids(conn, name))
    return timeline_entries.page_of(whole, **_args(kw))


def _headers(store: Store) -> dict[int, tuple[int, int, int]]:
    """entity id -> (version, subject version, rows kept) of each kept or queued whole timeline."""
    with store.connect() as conn:
        c = t.timeline_entries.c
        rows = conn.execute(select(c.entity_id, c.block, c.version, c.subject_version)).all()
    out: dict[int, tuple[int, int, int]] = {}
    for entity_id, block, version, subject_version in rows:
        v, s, n = out.get(entity_id, (0, 0, 0))
        out[entity_id] = (version, subject_version, n + 1) if block == -1 else (v, s, n + 1)
    return out


def _servable_pages(kw: dict[str, Any]) -> bool:
    return timeline_entries.servable([1], _args(kw)["sources_limit"])


@pytest.mark.parametrize("seed", [3, 4])
def test_a_first_read_builds_its_page_only_and_it_is_the_whole_builds_page(store: Store, seed: int) -> None:
    _ingest(store, random.Random(seed), 1, 14)
    assert _headers(store) == {}  # nothing kept by the ingest
    for name in SUBJECTS:
        for kw in PAGES:
            with store.connect() as conn:
                first = knowledge.timeline(conn, name, **_args(kw))
                ids = knowledge.find_entity_ids(conn, name)
                built = knowledge._build_timeline(conn, ids, NO_FILTERS, **_args(kw))
            assert first == built, (name, kw)
            if _servable_pages(kw):
                assert first == _whole_page(store, name, kw), (name, kw)
    headers = _headers(store)
    # Each subject queued for the catch-up, one placeholder row each (never served), no blocks written.
    assert sorted(headers) and all(v == (-1, -1, 1) for v in headers.values())
    with store.connect() as conn:
        assert len(timeline_entries.catch_up(conn)) == len(headers)
    assert all(n > 1 and v >= 0 for v, _s, n in _headers(store).values())
    for name in SUBJECTS:  # now served from the kept blocks, the same pages
        with store.connect() as conn:
            ids = knowledge.find_entity_ids(conn, name)
            for kw in filter(_servable_pages, PAGES):
                served = timeline_entries.read_page(conn, ids, **_args(kw))
                assert served is not None and served == knowledge._build_timeline(conn, ids, NO_FILTERS, **_args(kw))


def test_a_stale_kept_timeline_is_read_as_a_built_page_and_left_to_the_catch_up(store: Store) -> None:
    rng = random.Random(5)
    _ingest(store, rng, 1, 10)
    with store.connect() as conn:
        knowledge.timeline(conn, "Polonez")
        timeline_entries.catch_up(conn)
    kept = _headers(store)
    _ingest(store, rng, 11, 4)  # moves the subjects' stamps; the ingest rebuilds nothing
    for kw in PAGES:
        with store.connect() as conn:
            ids = knowledge.find_entity_ids(conn, "Polonez")
            assert timeline_entries.read_page(conn, ids, **_args(kw)) is None  # stale: never served
            first = knowledge.timeline(conn, "Polonez", **_args(kw))
            assert first == knowledge._build_timeline(conn, ids, NO_FILTERS, **_args(kw)), kw
    assert _headers(store) == kept  # the reader wrote no block: the stale rows wait for the catch-up
    with store.connect() as conn:
        assert timeline_entries.catch_up(conn)
        ids = knowledge.find_entity_ids(conn, "Polonez")
        served = timeline_entries.read_page(conn, ids, **_args({}))
        assert served is not None and served == knowledge._build_timeline(conn, ids, NO_FILTERS, **_args({}))


def test_queue_leaves_a_kept_header_alone(store: Store) -> None:
    _ingest(store, random.Random(6), 1, 6)
    with store.connect() as conn:
        ids = knowledge.find_entity_ids(conn, "Polonez")
        assert timeline_entries.queue(conn, ids)
        assert not timeline_entries.queue(conn, ids)  # queued already
        timeline_entries.catch_up(conn)
        before = _headers(store)
        assert not timeline_entries.queue(conn, ids)  # kept and current
    assert _headers(store) == before
