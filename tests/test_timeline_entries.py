"""Whole timelines kept in blocks (issue #13): every page cut from them is the page a build gives,
the ingest rebuilds them in the batch that makes them stale, and no other write leaves one served stale.

The corpus and the batch writer are ``test_timeline_cache``'s (the Polonez deliveries reported by
copies of one ministry post); the threshold of kept subjects is lowered to one event and the
blocks to two entries, so that a small store spans several blocks.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from dossier.corrections.entities import merge_entities
from dossier.corrections.extractions import edit_event
from dossier.store import Store, knowledge, timeline_entries
from dossier.store import schema as t
from test_timeline_cache import DATES, KRAB, POST, T0, _batch, _built, _corpus, _krab, _save

PAGES: list[dict[str, Any]] = [
    {},
    {"limit": 2},
    {"limit": 2, "offset": 1},
    {"limit": 3, "offset": 2, "newest": True},
    {"newest": True, "limit": 1},
    {"limit": None},
    {"limit": 5, "offset": 9},
    {"sources_limit": 1},
    {"sources_limit": 0, "newest": True},
]


@pytest.fixture(autouse=True)
def _small_subjects_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline_entries, "MIN_EVENTS", 1)
    monkeypatch.setattr(timeline_entries, "BLOCK", 2)


def _read(store: Store, name: str = "Polonez", **kw: Any) -> dict[str, Any]:
    with store.connect() as conn:
        return knowledge.timeline(conn, name, **kw)


def _kept(store: Store, name: str = "Polonez", **kw: Any) -> dict[str, Any] | None:
    """The page as served from the kept rows now (None: not kept, or stale)."""
    args = {"limit": knowledge.TIMELINE_PAGE, "offset": 0, "newest": False, "sources_limit": knowledge.SOURCES_SHOWN}
    with store.connect() as conn:
        ids = knowledge.find_entity_ids(conn, name)
        return timeline_entries.read_page(conn, ids, **{**args, **kw})


def _subjects_kept(store: Store) -> int:
    with store.connect() as conn:
        c = t.timeline_entries.c
        return int(conn.execute(select(func.count()).select_from(t.timeline_entries).where(c.block == -1)).scalar_one())


def _catch_up(store: Store) -> list[str]:
    """What the catch-up after an ingest does: build the kept or queued timelines that are not current
    (a reader builds only its page and queues the subject, eighth round)."""
    with store.connect() as conn:
        return timeline_entries.catch_up(conn)


def _same_everywhere(store: Store, name: str = "Polonez") -> None:
    """Every page shape, read and built from the stored rows, is the same record, and so is the page
    served from the kept rows once the catch-up has kept the subject whole."""
    _catch_up(store)
    for kw in PAGES:
        built = _built(store, **kw) if name == "Polonez" else None
        read = _read(store, name, **kw)
        if built is not None:
            assert read == built, kw
        served = _kept(store, name, **kw)
        assert served is not None and served == read, kw


def test_every_page_cut_from_a_kept_timeline_is_the_built_page(store: Store) -> None:
    _corpus(store)
    for n, date in enumerate(["2025-08-01", "2025-08-02", "2025-08-03"], start=20):
        with store.begin() as conn:
            _save(conn, n, date=date, own=n == 21)
    assert _kept(store) is None
    first = _read(store)  # builds its page and queues the subject for the catch-up
    assert first == _built(store) and _subjects_kept(store) == 1
    assert _kept(store) is None  # queued, not built: a placeholder is never served
    assert len(first["entries"]) == 6 and first["entries"][0]["source_count"] == 3
    _same_everywhere(store)
    with store.connect() as conn:  # kept in blocks of two entries plus the header
        c = t.timeline_entries.c
        assert sorted(conn.execute(select(c.block)).scalars()) == [-1, 0, 1, 2]


def test_pages_that_list_every_source_are_built(store: Store) -> None:
    _corpus(store)
    _read(store)
    assert _kept(store, sources_limit=None) is None and _kept(store, sources_limit=11) is None
    assert _read(store, sources_limit=None) == _built(store, sources_limit=None)


def test_an_ingest_batch_rebuilds_the_kept_timeline_it_makes_stale(store: Store) -> None:
    _corpus(store)
    _read(store)
    assert _batch(store, 20, date="2025-08-20") == "new"  # a new entry
    after = _kept(store)  # rebuilt by the batch: served without building
    assert after is not None and [e["date"] for e in after["entries"]][-1] == "2025-08-20"
    _same_everywhere(store)
    assert _batch(store, 21, date=DATES[0]) == "new"  # a report joining the first entry's cluster
    after = _kept(store)
    assert after is not None and after["entries"][0]["source_count"] == 4
    _same_everywhere(store)


def test_a_copy_chain_change_in_a_batch_is_rebuilt(store: Store) -> None:
    """A report of its own adds an independent source; an earlier copy of the post, analysed to
    nothing, becomes the copy group's original though the batch names no subject."""
    from datetime import timedelta

    from dossier.model import DocAnalysis

    _corpus(store)
    before = _read(store)
    assert _batch(store, 30, date=DATES[0], body=f"different words {POST[:40]} own report") == "new"
    _same_everywhere(store)
    body = f"{POST} Report number 50."
    bare = DocAnalysis(text=body, language="en", sentences=[(0, len(body))])
    status = _batch(store, 50, date="", body=body, analysis=bare, outlet="wire-50", published=T0 - timedelta(days=1))
    assert status == "new"
    after = _kept(store)
    assert after is not None and after != before
    _same_everywhere(store)


def test_a_batch_about_another_subject_leaves_the_kept_timeline_alone(store: Store) -> None:
    _corpus(store)
    kept = _read(store)
    _catch_up(store)
    with store.connect() as conn:
        header = conn.execute(select(t.timeline_entries.c.version, t.timeline_entries.c.subject_version)).first()
    assert _batch(store, 30, date="", body=KRAB, analysis=_krab("2025-09-01")) == "new"
    with store.connect() as conn:
        again = conn.execute(select(t.timeline_entries.c.version, t.timeline_entries.c.subject_version)).first()
    assert again == header and _kept(store) == kept
    _same_everywhere(store, "Krab")


def test_a_correction_makes_the_kept_timeline_stale_and_the_catch_up_rebuilds_it(store: Store) -> None:
    _corpus(store)
    first = _read(store)
    _catch_up(store)
    event_id = first["entries"][0]["id"]
    with store.begin() as conn:
        edit_event(conn, event_id, user="tester", date="2025-04-01")
    assert _kept(store) is None  # every write outside the ingest moves the store-wide stamp
    after = _read(store)  # the page, built
    assert after != first and after["entries"][0]["corrections"]
    assert _kept(store) is None  # the reader left the whole to the catch-up
    _same_everywhere(store)


def test_a_merge_of_entities_shows_at_once(store: Store) -> None:
    _corpus(store)
    assert _batch(store, 30, date="", body=KRAB, analysis=_krab("2025-09-01")) == "new"
    before = _read(store)
    _read(store, "Krab")
    with store.begin() as conn:
        merge_entities(conn, ["Polonez", "Krab"], user="tester")
    assert _kept(store) is None
    after = _read(store)
    assert len(after["entries"]) == len(before["entries"]) + 1
    _same_everywhere(store)


def test_past_its_budget_the_ingest_leaves_the_timeline_stale_for_the_catch_up(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _corpus(store)
    _read(store)
    monkeypatch.setattr(timeline_entries, "REFRESH_MS_PER_ARTICLE", 0.0)
    assert _batch(store, 20, date="2025-08-20") == "new"
    assert _kept(store) is None
    _same_everywhere(store)


def test_subjects_under_the_threshold_are_built_and_kept_as_pages(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(timeline_entries, "MIN_EVENTS", 100)
    _corpus(store)
    assert _read(store) == _built(store)
    assert _subjects_kept(store) == 0


def test_the_catch_up_after_an_ingest_rebuilds_what_the_batches_left_stale(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier.ingest import job

    _corpus(store)
    _read(store)
    monkeypatch.setattr(timeline_entries, "REFRESH_MS_PER_ARTICLE", 0.0)
    assert _batch(store, 20, date="2025-08-20") == "new"
    assert _kept(store) is None
    assert job.keep_timelines_current in job.POST_INGEST
    report = job.IngestReport()
    job.keep_timelines_current(store, report)  # nothing stored by this report: nothing to do
    assert _kept(store) is None
    report.changed_ids.append(1)
    job.keep_timelines_current(store, report)
    served = _kept(store)
    assert served is not None and [e["date"] for e in served["entries"]][-1] == "2025-08-20"
    _same_everywhere(store)
    with store.connect() as conn:  # current ones are left as they are
        assert timeline_entries.catch_up(conn) == []


def test_a_rebuild_that_fails_never_costs_the_batch(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _corpus(store)
    _read(store)

    def broken(*_args: Any) -> Any:
        raise RuntimeError("a rule that failed on one subject")

    with monkeypatch.context() as patched:
        patched.setattr(timeline_entries, "build", broken)
        assert _batch(store, 20, date="2025-08-20") == "new"
    assert _kept(store) is None  # left stale: its reader builds its page, the catch-up the whole
    assert [e["date"] for e in _read(store)["entries"]][-1] == "2025-08-20"
    _same_everywhere(store)


def test_a_rebuild_whose_statement_fails_never_costs_the_batch(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real database error inside a rebuild (PostgreSQL aborts the whole transaction on one) is
    confined to that rebuild: the batch's articles are stored and the timeline is left to the catch-up."""
    _corpus(store)
    _read(store)

    def failing_statement(conn: Any, _ids: Any) -> Any:
        conn.exec_driver_sql("SELECT missing_column FROM timeline_entries")
        raise AssertionError("unreachable")

    with monkeypatch.context() as patched:
        patched.setattr(timeline_entries, "build", failing_statement)
        assert _batch(store, 20, date="2025-08-20") == "new"
    assert _kept(store) is None
    assert [e["date"] for e in _read(store)["entries"]][-1] == "2025-08-20"
    _same_everywhere(store)


def test_the_catch_up_is_bounded_by_the_ingest_it_follows(monkeypatch: pytest.MonkeyPatch) -> None:
    """A one-article ingest into a big store must not wait half a minute for kept timelines: the
    catch-up gets a share of the ingest's own time (at least a floor, at most ``CATCH_UP_S``)."""
    from dossier.ingest import job

    budgets: list[float] = []
    monkeypatch.setattr(timeline_entries, "catch_up", lambda _conn, *, budget_s: budgets.append(budget_s) or [])

    class _Store:
        def connect(self) -> Any:
            from contextlib import nullcontext

            return nullcontext(None)

    quick = job.IngestReport()
    quick.changed_ids.append(1)
    job.keep_timelines_current(_Store(), quick)  # type: ignore[arg-type]
    long = job.IngestReport()
    long.changed_ids.append(1)
    long.started -= 3600
    job.keep_timelines_current(_Store(), long)  # type: ignore[arg-type]
    assert budgets[0] <= timeline_entries.CATCH_UP_MIN_S + 0.5
    assert budgets[1] == timeline_entries.CATCH_UP_S
