"""Rebuilding a kept whole timeline through the window records of earlier builds gives what a build
from the rows gives (issue #13, seventh round).

Random ingests (seeded) of reports about two subjects, dated or not, asserted or denied, copies of
one post or reports of their own, some attributed to a speaker the store later learns as an entity:
after every batch the kept timelines the batch rebuilt (through ``RecordCache``) are compared with
the timelines built from the rows, with every page shape; the cache must have served records.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from dossier.corrections.entities import edit_entity
from dossier.model import DocAnalysis, Entity, Mention
from dossier.store import Store, knowledge, timeline_entries
from dossier.store.filters import NO_FILTERS
from test_timeline_cache import POST, _analysis, _batch, _krab
from test_timeline_entries import PAGES

DATES = [None, "2025-05-05", "2025-06-10", "2025-06", "2025-07-15", "2025"]
MODALITIES = ["asserted", "asserted", "reported", "denied", "planned"]
SPEAKERS = [None, "viktor khrenin", "viktor khrenin", "the ministry"]  # lower case: named canonically once known


@pytest.fixture(autouse=True)
def _small(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline_entries, "MIN_EVENTS", 2)
    monkeypatch.setattr(timeline_entries, "BLOCK", 2)
    monkeypatch.setattr(timeline_entries, "REFRESH_MS_PER_ARTICLE", 10_000.0)  # every kept subject


def _speaker(name: str) -> DocAnalysis:
    """A report that makes the speaker an entity of the store (a name kept sources look up)."""
    text = f"{name} visited the brigade."
    return DocAnalysis(
        text=text,
        language="en",
        sentences=[(0, len(text))],
        mentions=[Mention(name, 0, len(name), "person", name)],
        entities=[Entity(name=name, kind="person")],
        events=[],
    )


def _whole(store: Store, name: str, *, cached: bool) -> dict[str, Any]:
    with store.connect() as conn:
        ids = knowledge.find_entity_ids(conn, name)
        if not cached:
            return knowledge._build_timeline(
                conn, ids, NO_FILTERS, limit=None, offset=0, newest=False, sources_limit=timeline_entries.KEPT_SOURCES
            )
        with timeline_entries.records_kept(conn):
            return timeline_entries.build(conn, ids)[0]


def _check(store: Store, name: str) -> None:
    with store.connect() as conn:
        ids = knowledge.find_entity_ids(conn, name)
    if not ids:
        return
    built = _whole(store, name, cached=False)
    assert _whole(store, name, cached=True) == built
    for kw in PAGES:
        args = {"limit": knowledge.TIMELINE_PAGE, "offset": 0, "newest": False, "sources_limit": 10, **kw}
        with store.connect() as conn:
            served = timeline_entries.read_page(conn, ids, **args)
            fresh = knowledge._build_timeline(conn, ids, NO_FILTERS, **args)
        if served is not None:  # kept and current (rebuilt by the batch through the cache)
            assert served == fresh, kw


@pytest.mark.parametrize("seed", [1, 2])
def test_rebuilds_through_kept_records_equal_builds_from_the_rows(store: Store, seed: int) -> None:
    rng = random.Random(seed)
    for n in range(1, 10):
        roll = rng.random()
        if n == 5 or roll < 0.1:  # the speaker becomes an entity after reports quoting them were kept
            name = "Viktor Khrenin" if n == 5 else "The Ministry"
            _batch(store, n, date="2025-05-05", body=f"{name} visited the brigade.", analysis=_speaker(name))
        elif roll < 0.35:
            text = f"Krab howitzers fired near the border, report {n}."
            _batch(store, n, date="2025-05-05", body=text, analysis=_krab(rng.choice(DATES[1:]), text))
        else:
            body = f"{POST} Report number {n}." if rng.random() < 0.7 else f"Our reporter saw it. {POST[:100]} {n}."
            analysis = _analysis(body, rng.choice(DATES), rng.choice(MODALITIES), rng.choice(SPEAKERS))
            _batch(store, n, date="2025-05-05", body=body, analysis=analysis)
        for subject in ("Polonez", "Krab"):
            _check(store, subject)
    cache = timeline_entries.record_cache(store.engine)
    assert cache is not None and cache.hits > 0


def test_a_write_that_moves_the_store_wide_stamp_empties_the_kept_records(store: Store) -> None:
    for n, date in enumerate(["2025-05-05", "2025-06-10", "2025-07-15"], start=1):
        _batch(store, n, date=date)
    cache = timeline_entries.record_cache(store.engine)
    assert cache is not None and len(cache) >= 2  # the earlier batches' events, kept by later rebuilds
    with store.connect() as conn:
        polonez = knowledge.find_entity_ids(conn, "Polonez")[0]
    with store.begin() as conn:
        edit_entity(conn, polonez, name="Polonez MLRS", user="analyst")
    whole = _whole(store, "Polonez MLRS", cached=True)
    assert whole == _whole(store, "Polonez MLRS", cached=False)
    assert all("Polonez MLRS" in e["equipment"] for e in whole["entries"])


def test_the_batch_keeps_no_record_of_its_own_articles(store: Store) -> None:
    _batch(store, 1, date="2025-05-05")
    _batch(store, 2, date="2025-06-10")  # enrols Polonez and builds it: both events read from the rows
    cache = timeline_entries.record_cache(store.engine)
    assert cache is not None
    kept_ids = set(cache._records)
    with store.connect() as conn:
        from sqlalchemy import select

        from dossier.store import schema as t

        own = set(conn.execute(select(t.events.c.id).where(t.events.c.article_id == 2)).scalars())
        earlier = set(conn.execute(select(t.events.c.id).where(t.events.c.article_id == 1)).scalars())
    assert own and not own & kept_ids and earlier <= kept_ids
