"""Subjects kept whole from the batch that brings them to the threshold (issue #13, seventh round).

A subject's first read used to pay a whole build until somebody had read it once.  Now the ingest
batch that brings a subject's window to ``MIN_EVENTS`` enrols it (a placeholder header, never
served) and the batch's budget, the catch-up or the first reader builds it.  The corpus and batch
writer are ``test_timeline_cache``'s; the threshold is lowered to a few events.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from dossier.store import Store, knowledge, timeline_entries
from dossier.store import schema as t
from test_timeline_cache import _batch, _built, _krab
from test_timeline_entries import _kept, _read, _same_everywhere, _subjects_kept


@pytest.fixture(autouse=True)
def _small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline_entries, "MIN_EVENTS", 3)
    monkeypatch.setattr(timeline_entries, "BLOCK", 2)


def _heads(store: Store) -> dict[int, tuple[int, dict[str, Any]]]:
    with store.connect() as conn:
        c = t.timeline_entries.c
        rows = conn.execute(select(c.entity_id, c.version, c.record).where(c.block == -1)).all()
        return {r.entity_id: (r.version, r.record) for r in rows}


def test_the_batch_that_brings_a_subject_to_the_threshold_keeps_it_unread(store: Store) -> None:
    assert _batch(store, 1, date="2025-05-05") == "new"
    assert _batch(store, 2, date="2025-06-10") == "new"
    assert _subjects_kept(store) == 0  # two events: under the threshold, nothing kept
    assert _batch(store, 3, date="2025-07-15") == "new"
    assert _subjects_kept(store) == 1
    served = _kept(store)  # nobody read it: the batch built it
    assert served is not None and served == _built(store)
    assert [e["date"] for e in served["entries"]] == ["2025-05-05", "2025-06-10", "2025-07-15"]
    _same_everywhere(store)
    assert _batch(store, 4, date="2025-08-20") == "new"  # kept from then on: rebuilt by the next batch
    served = _kept(store)
    assert served is not None and served == _built(store) and len(served["entries"]) == 4


def test_other_subjects_of_the_batch_stay_unkept_under_the_threshold(store: Store) -> None:
    for n, date in enumerate(["2025-05-05", "2025-06-10", "2025-07-15"], start=1):
        _batch(store, n, date=date)
    _batch(
        store, 10, date="2025-09-01", body="Krab howitzers fired near the border, the garrison said.", analysis=_krab()
    )
    with store.connect() as conn:
        krab = knowledge.find_entity_ids(conn, "Krab")
        polonez = knowledge.find_entity_ids(conn, "Polonez")
    assert set(_heads(store)) == set(polonez) and not set(krab) & set(_heads(store))


def test_an_enrolled_subject_left_unbuilt_is_never_served_and_the_catch_up_builds_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: Any) -> Any:
        raise RuntimeError("no time for it in this batch")

    for n, date in enumerate(["2025-05-05", "2025-06-10"], start=1):
        _batch(store, n, date=date)
    with monkeypatch.context() as patched:
        patched.setattr(timeline_entries, "build", broken)
        assert _batch(store, 3, date="2025-07-15") == "new"
    heads = _heads(store)
    assert len(heads) == 1
    version, record = next(iter(heads.values()))
    assert version == -1 and record["placeholder"] is True  # enrolled, not built
    assert _kept(store) is None  # a placeholder is never served
    with store.connect() as conn:  # the catch-up builds it (a stale kept timeline)
        assert len(timeline_entries.catch_up(conn)) == 1
    served = _kept(store)
    assert served is not None and served == _built(store) == _read(store)
    # Stale again: its reader builds the page (never the whole), the catch-up keeps the whole.
    with monkeypatch.context() as patched:
        patched.setattr(timeline_entries, "build", broken)
        _batch(store, 4, date="2025-08-20")
    assert _kept(store) is None
    assert _read(store) == _built(store)
    assert _kept(store) is None
    with store.connect() as conn:
        assert len(timeline_entries.catch_up(conn)) == 1
    assert _kept(store) == _built(store)


def test_enrolment_counts_the_rows_the_reader_counts(store: Store) -> None:
    """The grouped count of ``enrol`` and the reader's bounded count (``wanted``) agree."""
    for n, date in enumerate(["2025-05-05", "2025-06-10", "2025-07-15"], start=1):
        _batch(store, n, date=date)
    with store.connect() as conn:
        ids = knowledge.find_entity_ids(conn, "Polonez")
        assert timeline_entries.wanted(conn, ids, knowledge.SOURCES_SHOWN)
    with store.begin() as conn:
        timeline_entries.clear(conn)
        assert timeline_entries.enrol(conn, ids) == ids
    with store.begin() as conn:
        timeline_entries.clear(conn)
    timeline_entries.MIN_EVENTS = 4  # restored by the autouse fixture's monkeypatch
    with store.connect() as conn:
        assert not timeline_entries.wanted(conn, ids, knowledge.SOURCES_SHOWN)
    with store.begin() as conn:
        assert timeline_entries.enrol(conn, ids) == []


def test_enrol_unkept_keeps_every_subject_over_the_threshold_that_no_batch_touched(store: Store) -> None:
    """A store whose kept timelines went (a clone, ``clear``, an upgrade) is enrolled whole at once:
    the subjects over the threshold get a placeholder, those under it none, a kept one is left alone;
    the catch-up then builds them and the reader is served what a build gives."""
    for n, date in enumerate(["2025-05-05", "2025-06-10", "2025-07-15"], start=1):
        _batch(store, n, date=date)
    _batch(store, 10, date="2025-09-01", body="Krab howitzers fired near the border, the unit said.", analysis=_krab())
    with store.connect() as conn:
        polonez = knowledge.find_entity_ids(conn, "Polonez")
        krab = knowledge.find_entity_ids(conn, "Krab")
    with store.begin() as conn:
        timeline_entries.clear(conn)
    assert _heads(store) == {}
    with store.begin(timelines=False) as conn:
        enrolled = timeline_entries.enrol_unkept(conn)
    assert set(polonez) <= set(enrolled) and not set(krab) & set(enrolled)
    assert all(version == -1 for version, _record in _heads(store).values())
    with store.begin(timelines=False) as conn:  # enrolled (or kept) already: nothing twice
        assert timeline_entries.enrol_unkept(conn) == []
    with store.connect() as conn:
        assert len(timeline_entries.catch_up(conn)) == len(enrolled)
    served = _kept(store)
    assert served is not None and served == _built(store)
    with store.begin(timelines=False) as conn:  # kept and current: left alone
        assert timeline_entries.enrol_unkept(conn) == []


def test_the_catch_up_keeps_again_what_older_code_kept(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """After an upgrade the kept timelines of the old code are never served; the catch-up queues
    their subjects again and builds them, without waiting for a batch to touch each one."""
    with monkeypatch.context() as old_code:
        old_code.setattr(timeline_entries, "__version__", "0.0.1-old")
        for n, date in enumerate(["2025-05-05", "2025-06-10", "2025-07-15"], start=1):
            _batch(store, n, date=date)
        assert _kept(store) is not None  # kept by the old code
    assert _kept(store) is None  # this code's key: nothing kept under it
    with store.connect() as conn:
        assert len(timeline_entries.catch_up(conn)) == 1
    served = _kept(store)
    assert served is not None and served == _built(store)
    with store.connect() as conn:
        c = t.timeline_entries.c
        subjects = set(conn.execute(select(c.subject).where(c.block == -1)).scalars())
    assert len(subjects) == 1 and "0.0.1-old" not in next(iter(subjects))  # the old rows went
    with store.connect() as conn:  # current now: nothing to do
        assert timeline_entries.catch_up(conn) == []
