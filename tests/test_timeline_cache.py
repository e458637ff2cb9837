"""Kept timeline pages (issue #13): a kept page is what building it finds, and no write leaves one stale.

Analyses are written by hand (no NLP), as in ``test_read_scale``: the Polonez launchers delivered
on several dates, reported by copies of one ministry post and by a report of its own.  Each
invalidation test reads the timeline (so that it is kept), writes one kind of change, and reads
again: the second read must show the change.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update

from dossier.corrections.articles import edit_article
from dossier.corrections.entities import edit_entity
from dossier.corrections.extractions import edit_event, review
from dossier.ingest.reanalysis import replace_derived_records
from dossier.model import Article, DocAnalysis, Entity, Event, Mention
from dossier.store import Store, crossdoc, knowledge, timeline_cache
from dossier.store import schema as t
from dossier.store.filters import Filters
from dossier.store.write import save_article
from test_corroboration import OWN_REPORT, POST

T0 = datetime(2025, 5, 6, 9)
DATES = ["2025-05-05", "2025-06-10", "2025-07-15"]


def _analysis(text: str, date: str | None, modality: str = "asserted", attributed_to: str | None = None) -> DocAnalysis:
    at = text.index("Polonez")
    event = Event(
        kind="EQUIPMENT_DELIVERED",
        start=0,
        end=9,
        trigger="delivered",
        date=date,
        equipment=("Polonez",),
        targets=("336th rocket artillery brigade",),
        modality=modality,
        attributed_to=attributed_to,
    )
    return DocAnalysis(
        text=text,
        language="en",
        sentences=[(0, len(text))],
        mentions=[Mention("Polonez", at, at + 7, "equipment", "Polonez")],
        entities=[Entity(name="Polonez", kind="equipment")],
        events=[event],
    )


def _save(conn: Any, n: int, *, date: str | None, own: bool = False, text: str | None = None) -> int:
    """Article ``n`` reporting the delivery on ``date``: a copy of the ministry post, or (``own``) a
    report of its own; ``text`` replaces the text (a new revision of article ``n``)."""
    body = text or (f"{OWN_REPORT} {POST[:120]}" if own else f"{POST} Report number {n}.")
    analysis = _analysis(body, date)
    article = Article(
        text=body,
        origin=f"t#{n}",
        url=f"https://example.org/{n}",
        outlet=f"outlet-{n}",
        published=T0 + timedelta(hours=n),
    )
    result = save_article(conn, article, analysis)
    crossdoc.CrossArticle(conn).add(result.article_id, article, analysis)
    return result.article_id


def _corpus(store: Store) -> None:
    with store.begin() as conn:
        for n, date in enumerate([d for d in DATES for _ in range(3)], start=1):
            _save(conn, n, date=date)


def _pages(store: Store) -> int:
    with store.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(t.timeline_cache)).scalar_one())


def _timeline(store: Store, **kw: Any) -> dict[str, Any]:
    with store.connect() as conn:
        return knowledge.timeline(conn, "Polonez", **kw)


def _built(store: Store, **kw: Any) -> dict[str, Any]:
    """The record built from the rows, past the cache."""
    with store.connect() as conn:
        ids = knowledge.find_entity_ids(conn, "Polonez")
        args = {
            "limit": knowledge.TIMELINE_PAGE,
            "offset": 0,
            "newest": False,
            "sources_limit": knowledge.SOURCES_SHOWN,
        }
        return knowledge._build_timeline(conn, ids, Filters().checked(), **{**args, **kw})


def _kept_then(store: Store) -> dict[str, Any]:
    """Read the timeline twice (kept by the first read, served by the second) and return it."""
    _timeline(store)
    assert _pages(store) == 1
    return _timeline(store)


def test_a_kept_page_is_what_building_it_finds(store: Store) -> None:
    _corpus(store)
    pages = [{}, {"limit": 2}, {"limit": 2, "offset": 2}, {"newest": True, "limit": 1}, {"sources_limit": None}]
    for kw in pages:
        first = _timeline(store, **kw)
        again = _timeline(store, **kw)
        assert first == again == _built(store, **kw), kw
    assert _pages(store) == len(pages)
    # the second read is the kept row: changing the row (never done by Dossier) changes what is served
    with store.connect() as conn:
        c = t.timeline_cache.c
        row = conn.execute(select(c.entity_id, c.page, c.record).where(c.page.like("%|100|0|old|10"))).one()
    with store.engine.begin() as conn:  # not Store.begin: that would move the stamp
        record = {**row.record, "subject": "kept"}
        conn.execute(
            update(t.timeline_cache).where(c.entity_id == row.entity_id, c.page == row.page).values(record=record)
        )
    assert _timeline(store)["subject"] == "kept"


def test_filtered_timelines_are_built_every_time_and_never_kept(store: Store) -> None:
    _corpus(store)
    for f in (Filters(since="2025-06"), Filters(min_sources=1), Filters(outlet="outlet-1")):
        assert _timeline(store, filters=f) == _timeline(store, filters=f)
    assert _pages(store) == 0


def test_building_leaves_the_garbage_collector_as_it_found_it(store: Store) -> None:
    """Issue #13: a timeline is built with the collector paused, and the caller's setting comes back."""
    import gc

    _corpus(store)
    assert gc.isenabled()
    built = _built(store)
    assert gc.isenabled() and built["entries"]
    gc.disable()
    try:
        assert _built(store) == built
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()


def test_a_subject_keeps_at_most_eight_pages(store: Store) -> None:
    _corpus(store)
    for limit in range(1, 12):
        assert _timeline(store, limit=limit) == _built(store, limit=limit)
    assert _pages(store) == timeline_cache.PAGES_PER_SUBJECT == 8
    # the newest pages stay
    with store.connect() as conn:
        kept = {r.page.split("|")[2] for r in conn.execute(select(t.timeline_cache.c.page))}
    assert kept == {str(n) for n in range(4, 12)}


def test_a_new_article_about_the_subject_shows_at_once(store: Store) -> None:
    _corpus(store)
    assert [e["date"] for e in _kept_then(store)["entries"]] == DATES
    with store.begin() as conn:
        _save(conn, 10, date="2025-08-20")
    after = _timeline(store)
    assert [e["date"] for e in after["entries"]] == [*DATES, "2025-08-20"]
    assert after == _built(store)


def test_a_report_joining_an_event_cluster_counts_at_once(store: Store) -> None:
    _corpus(store)
    assert [e["source_count"] for e in _kept_then(store)["entries"]] == [3, 3, 3]
    with store.begin() as conn:  # one more copy of the post, on the first date: the cluster grows
        _save(conn, 10, date=DATES[0])
    after = _timeline(store)
    assert [e["source_count"] for e in after["entries"]] == [4, 3, 3]
    assert after == _built(store)


def test_a_copy_group_change_moves_independent_sources_at_once(store: Store) -> None:
    _corpus(store)
    assert _kept_then(store)["entries"][0]["independent_sources"] == 1
    with store.begin() as conn:  # a report of its own: a second copy group
        _save(conn, 10, date=DATES[0], own=True)
    after = _timeline(store)
    assert after["entries"][0]["independent_sources"] == 2
    assert after == _built(store)


def test_a_revised_article_shows_at_once(store: Store) -> None:
    _corpus(store)
    assert [e["source_count"] for e in _kept_then(store)["entries"]] == [3, 3, 3]
    with store.begin() as conn:  # article 1, new text at its URL, now about another date
        status_text = f"{POST} Corrected report number 1, revised."
        _save(conn, 1, date="2025-09-01", text=status_text)
    after = _timeline(store)
    assert [(e["date"], e["source_count"]) for e in after["entries"]][-1] == ("2025-09-01", 1)
    assert after["entries"][0]["source_count"] == 2
    assert after == _built(store)


def test_a_reanalysed_article_shows_at_once(store: Store) -> None:
    _corpus(store)
    _kept_then(store)
    with store.connect() as conn:
        row = conn.execute(select(t.articles.c.id, t.articles.c.text).order_by(t.articles.c.id)).first()
    with store.begin() as conn:
        replace_derived_records(conn, row.id, _analysis(row.text, "2025-09-01"))
    after = _timeline(store)
    assert "2025-09-01" in [e["date"] for e in after["entries"]]
    assert after == _built(store)


def test_entity_name_alias_and_kind_changes_show_at_once(store: Store) -> None:
    _corpus(store)
    before = _kept_then(store)
    assert before["subject"] == "Polonez" and before["status"] == "delivered"
    with store.begin() as conn:
        edit_entity(conn, "Polonez", user="analyst", add_aliases=["Полонез"])
    with store.connect() as conn:
        by_alias = knowledge.timeline(conn, "Полонез")
    assert by_alias == _timeline(store) == _built(store)
    with store.begin() as conn:
        edit_entity(conn, "Polonez", user="analyst", kind="other", name="Polonez MLRS")
    after = _timeline(store)
    assert after["subject"] == "Polonez MLRS" and after["kind"] == "other" and "status" not in after
    assert after == _built(store)


def test_corrections_log_entries_show_at_once(store: Store) -> None:
    _corpus(store)
    entries = _kept_then(store)["entries"]
    event_id, article_id = entries[0]["id"], entries[0]["sources"][0]["article_id"]  # its first report
    with store.begin() as conn:
        review(conn, "event", event_id, "rejected", user="analyst")
    assert [e["source_count"] for e in _timeline(store)["entries"]] == [2, 3, 3]
    with store.begin() as conn:
        edit_article(conn, article_id + 1, user="analyst", outlet="Corrected Outlet")
    after = _timeline(store)
    assert after["entries"][0]["sources"][0]["outlet"] == "Corrected Outlet"
    with store.begin() as conn:
        edit_event(conn, after["entries"][1]["id"], user="analyst", date="2025-06-11")
    after = _timeline(store)
    assert any(e["date"] == "2025-06-11" and e["corrections"] for e in after["entries"])
    assert after == _built(store)


def test_a_page_built_before_a_write_is_never_served(store: Store) -> None:
    """The reader reads the stamp before building: a write that commits meanwhile makes the page stale."""
    _corpus(store)
    with store.connect() as conn:
        ids = knowledge.find_entity_ids(conn, "Polonez")
        key = timeline_cache.page_key(ids, limit=100, offset=0, newest=False, sources_limit=10, events=5000)
        assert key is not None
        versions = timeline_cache.stamps(conn, ids)
        assert versions is not None
        version = versions[0]
        old = knowledge._build_timeline(conn, ids, Filters(), limit=100, offset=0, newest=False, sources_limit=10)
        with store.begin() as writer:  # another process writes while the page is being built
            _save(writer, 10, date="2025-08-20")
        assert timeline_cache.keep(conn, ids, key, versions, old) is False  # not kept
    with store.engine.begin() as conn:  # even a page forced in at the old stamp is not served
        conn.execute(
            t.timeline_cache.insert().values(
                entity_id=ids[0], page=key, version=version, kept_at="2000-01-01", record=old
            )
        )
    assert [e["date"] for e in _timeline(store)["entries"]][-1] == "2025-08-20"


def test_every_write_transaction_moves_the_stamp(store: Store) -> None:
    with store.connect() as conn:
        first = timeline_cache.stamp(conn)
    with store.begin():
        pass
    with store.connect() as conn:
        assert timeline_cache.stamp(conn) == (first or 0) + 1


@pytest.mark.parametrize("ids", [[1], [3, 1, 2]])
def test_a_page_key_names_everything_that_makes_the_page(ids: list[int]) -> None:
    base = {"limit": 100, "offset": 0, "newest": False, "sources_limit": 10, "events": 5000}
    keys = {
        timeline_cache.page_key(ids, **{**base, **change})
        for change in ({}, {"limit": 5}, {"limit": None}, {"offset": 3}, {"newest": True}, {"sources_limit": None})
    } | {timeline_cache.page_key(ids, **{**base, "events": 10})}
    assert len(keys) == 7 and None not in keys
    assert timeline_cache.page_key(list(range(1, 200)), **base) is None  # too long: built, not kept


def test_a_windowed_timeline_keeps_its_article_filters(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The newest-events window of a filtered timeline joins the events' articles: an outlet filter
    that names only articles must still pick that outlet's events, not the subject's newest ones."""
    _corpus(store)
    monkeypatch.setattr(knowledge, "TIMELINE_EVENTS", 2)
    record = _timeline(store, filters=Filters(outlet="outlet-1"))
    assert record["entries"]
    for entry in record["entries"]:  # an entry lists every report of its event; one is outlet-1's
        assert "outlet-1" in {src["outlet"] for src in entry["sources"]}, entry


def _served_from_cache(store: Store) -> bool:
    """Whether the first page of the Polonez timeline would be read from ``timeline_cache`` now."""
    with store.connect() as conn:
        ids = knowledge.find_entity_ids(conn, "Polonez")
        key = timeline_cache.page_key(
            ids,
            limit=knowledge.TIMELINE_PAGE,
            offset=0,
            newest=False,
            sources_limit=knowledge.SOURCES_SHOWN,
            events=knowledge.TIMELINE_EVENTS,
        )
        assert key is not None
        return timeline_cache.read(conn, ids, key) is not None


def _batch(
    store: Store,
    n: int,
    *,
    date: str,
    outlet: str | None = None,
    update: bool = False,
    body: str | None = None,
    analysis: DocAnalysis | None = None,
    published: datetime | None = None,
) -> str:
    """Ingest article ``n`` (the ministry post's copy, or ``body`` with ``analysis``) through the
    ingest's batch writer; its status."""
    from dossier.ingest.job import IngestReport, store_batch

    body = body or f"{POST} Report number {n}."
    article = Article(
        text=body,
        origin=f"batch#{n}-{outlet}",
        url=f"https://example.org/{n}",
        outlet=outlet or f"outlet-{n}",
        published=published or T0 + timedelta(hours=n),
    )
    report = IngestReport()
    statuses: list[str] = []
    store_batch(
        store,
        [article],
        {id(article): analysis or _analysis(body, date)},
        report,
        lambda _a, result: statuses.append(result.status),
        update_metadata=update,
    )
    return statuses[0]


KRAB = "Krab howitzers fired near the border, the garrison said."


def _krab(date: str = "2025-09-01", text: str = KRAB) -> DocAnalysis:
    """Another subject: a Krab howitzer firing (another kind of event, so no cluster with Polonez)."""
    event = Event(kind="ATTACK", start=0, end=19, trigger="fired", date=date, equipment=("Krab",))
    return DocAnalysis(
        text=text,
        language="en",
        sentences=[(0, len(text))],
        mentions=[Mention("Krab", 0, 4, "equipment", "Krab")],
        entities=[Entity(name="Krab", kind="equipment")],
        events=[event],
    )


def test_writes_that_change_no_timeline_input_keep_the_pages(store: Store) -> None:
    """Monitor bookkeeping, rejected inputs and a batch of items already stored leave kept pages valid."""
    from dossier.monitor.sources import add_source, record_poll
    from dossier.store.write import record_rejection

    _corpus(store)
    kept = _kept_then(store)
    assert _served_from_cache(store)
    with store.begin() as conn:
        source = add_source(conn, "https://example.org/feed.xml", kind="feed")
    assert not _served_from_cache(store)  # a plain write transaction still moves the stamp
    kept = _kept_then(store)
    with store.begin(timelines=False) as conn:  # what a watch round writes per source polled
        record_poll(conn, source["id"], attempted_at="2025-09-01T00:00:00+00:00", error=None, seen=3)
    with store.begin(timelines=False) as conn:
        record_rejection(conn, "bad.txt", "empty")
    assert _batch(store, 2, date=DATES[0], outlet="outlet-2") == "duplicate"  # a feed delivering it again
    assert _served_from_cache(store)
    assert _timeline(store) == kept == _built(store)


def test_ingest_batches_that_store_or_change_articles_move_the_stamp(store: Store) -> None:
    _corpus(store)
    _kept_then(store)
    assert _batch(store, 20, date="2025-08-20") == "new"
    assert not _served_from_cache(store)
    after = _kept_then(store)
    assert [e["date"] for e in after["entries"]][-1] == "2025-08-20" and after == _built(store)
    assert _batch(store, 20, date="2025-08-20", outlet="Moved Outlet", update=True) == "updated"
    assert not _served_from_cache(store)
    assert _timeline(store) == _built(store)


def test_a_batch_about_another_subject_leaves_the_page_kept(store: Store) -> None:
    """An ingest batch moves the stamps of the subjects it touched, not the store-wide one."""
    _corpus(store)
    assert _batch(store, 30, date="", body=KRAB, analysis=_krab("2025-09-01")) == "new"
    kept = _kept_then(store)
    with store.connect() as conn:
        assert [e["date"] for e in knowledge.timeline(conn, "Krab")["entries"]] == ["2025-09-01"]
    second = KRAB.replace("border", "river")
    assert _batch(store, 31, date="", body=second, analysis=_krab("2025-09-02", second)) == "new"
    assert _served_from_cache(store)  # Polonez: untouched
    assert _timeline(store) == kept == _built(store)
    with store.connect() as conn:  # Krab: its page shows the new report
        assert [e["date"] for e in knowledge.timeline(conn, "Krab")["entries"]] == ["2025-09-01", "2025-09-02"]
    assert _batch(store, 32, date=DATES[0]) == "new"  # a report about Polonez: its page goes stale
    assert not _served_from_cache(store)
    assert _timeline(store) == _built(store)


def test_a_new_entity_named_like_a_source_makes_the_pages_that_looked_it_up_stale(store: Store) -> None:
    """A page names its sources' speakers canonically: an entity a batch creates under that name changes it."""
    with store.begin() as conn:
        for n, date in enumerate(DATES, start=1):
            body = f"{POST} Report number {n}."
            article = Article(
                text=body,
                origin=f"t#{n}",
                url=f"https://example.org/{n}",
                outlet=f"outlet-{n}",
                published=T0 + timedelta(hours=n),
            )
            analysis = _analysis(body, date, attributed_to="defence ministry")
            result = save_article(conn, article, analysis)
            crossdoc.CrossArticle(conn).add(result.article_id, article, analysis)
    before = _kept_then(store)
    assert {e["attributed_to"] for e in before["entries"]} == {"defence ministry"}
    text = "The Belarusian Defence Ministry issued a statement."
    named = DocAnalysis(
        text=text,
        language="en",
        sentences=[(0, len(text))],
        mentions=[Mention("Belarusian Defence Ministry", 4, 31, "org", "Belarusian Defence Ministry")],
        entities=[Entity(name="Belarusian Defence Ministry", kind="org", aliases=("Defence Ministry",))],
    )
    assert _batch(store, 40, date="", body=text, analysis=named) == "new"
    assert not _served_from_cache(store)
    after = _timeline(store)
    assert {e["attributed_to"] for e in after["entries"]} == {"Belarusian Defence Ministry"}
    assert after == _built(store)


def test_a_batch_that_renames_a_stored_entity_makes_every_page_stale(store: Store) -> None:
    """A new alias of a stored entity changes how every event naming it reads: the store-wide stamp moves."""
    _corpus(store)
    assert _batch(store, 30, date="", body=KRAB, analysis=_krab()) == "new"
    _kept_then(store)
    text = "Polonez MLRS crews rested."
    alias = DocAnalysis(
        text=text,
        language="en",
        sentences=[(0, len(text))],
        mentions=[Mention("Polonez MLRS", 0, 12, "equipment", "Polonez")],
        entities=[Entity(name="Polonez", kind="equipment", aliases=("Polonez MLRS",))],
    )
    with store.connect() as conn:
        wide = timeline_cache.stamp(conn)
    assert _batch(store, 41, date="", body=text, analysis=alias) == "new"
    with store.connect() as conn:
        assert timeline_cache.stamp(conn) == (wide or 0) + 1
        assert "Polonez MLRS" in knowledge.get_entity(conn, "Polonez")["aliases"]
    assert not _served_from_cache(store)
    assert _timeline(store) == _built(store)


def test_a_batch_that_moves_stored_articles_to_another_original_makes_their_pages_stale(store: Store) -> None:
    """An earlier copy of the post, analysed to nothing, becomes its copy group's original: the reports
    the page lists now stand for that copy's outlet, though the batch names no subject."""
    _corpus(store)
    before = _kept_then(store)
    body = f"{POST} Report number 50."
    bare = DocAnalysis(text=body, language="en", sentences=[(0, len(body))])
    status = _batch(store, 50, date="", body=body, analysis=bare, outlet="wire-50", published=T0 - timedelta(days=1))
    assert status == "new"
    assert not _served_from_cache(store)
    after = _timeline(store)
    assert after == _built(store) and after != before
