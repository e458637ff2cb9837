"""Whole timelines of much-named subjects, kept in blocks of entries (issue #13, fifth round).

Why: a first read of a subject named in thousands of articles merged its window of up to
``knowledge.TIMELINE_EVENTS`` events into entries and counted every report of its page's clusters
through the copy chains: hundreds of milliseconds at 100,000 articles, whatever the page asked for.
Kept pages (:mod:`dossier.store.timeline_cache`) only spared a second read of the *same* page.

Here the whole unfiltered timeline of a subject whose window holds at least :data:`MIN_EVENTS`
events is built once (every entry, each with its first :data:`KEPT_SOURCES` sources and its
counts of every source) and kept as rows of :data:`BLOCK` entries, plus a header row (block -1)
with the rest of the record.  Any unfiltered page showing at most :data:`KEPT_SOURCES` sources per
entry, in either order and at any offset, is then two indexed reads: the header and the blocks the
page spans.  A page equals what building it would give, because every part of an entry is
computed from that entry alone (its merged reports, their clusters' reports of the same polarity,
their articles' copy chains, the corrections among them), and a shorter source list is the prefix
of a longer one.

Freshness is the kept pages' (same stamps, same writers): a kept timeline is served only while the
store-wide ``timelines`` stamp and the sum of its subjects' own stamps are those read before it was
built.  What keeps first reads cheap is that the **ingest rebuilds** the kept timelines of the
subjects its batch touched, inside the batch's transaction (:func:`refresh`, called by
``timeline_cache.finish``), the longest unrebuilt first, within :data:`REFRESH_MS_PER_ARTICLE`
per new article so that the writer's cost stays bounded; a kept timeline left stale (past the
budget, or after a correction, merge or other write that moves the store-wide stamp) is rebuilt by
the catch-up that runs once after every ingest (:func:`catch_up`, a post-ingest hook, outside the
write lock).  A reader that finds nothing current kept builds only its page (issue #13, eighth
round: the whole build adds every other entry's sources and the blocks' write) and queues the subject for the catch-up
(:func:`queue`).
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import Connection, bindparam, delete, func, select
from sqlalchemy.exc import DBAPIError

from dossier import __version__
from dossier.store import kept, timeline_cache
from dossier.store import schema as t

log = logging.getLogger(__name__)

#: Bumped when the kept record or the rules that build it change (the package version is in the key too).
FORMAT = 3  # 3: a coarse date joins its day; one speaker's same-day statements join (issue #10)
#: Entries per stored row: a page of 100 spans 4-5 rows; a row stays small enough to decode quickly.
BLOCK = 25
#: Sources listed per kept entry: the default page's; a page asking for more (or all) is built.
KEPT_SOURCES = 10
#: A subject is kept whole when its event window holds at least this many events: below it a first
#: read builds its page.  100 since the ninth round (was 250): a build has a floor of about 10 ms of
#: CPU and grows with the window, 13 / 23 ms (p50 / p95) under 100 events against 26 / 43 ms under
#: 250 (20,000 cloned articles, load 10); keeping the subjects of 100-249 events as well cost the
#: catch-up that settles such a store 38 % more CPU (13.9 s against 10.1 s, 314 subjects against 176).
MIN_EVENTS = 100
#: Milliseconds of rebuilding the ingest may spend per new article of a batch (0.64 s for a batch of
#: 64): the writer's added cost per article stays bounded whatever the subjects' history.  It always
#: finishes the build it started, and starts at least one.
REFRESH_MS_PER_ARTICLE = 10.0
#: Seconds the post-ingest catch-up (:func:`catch_up`) spends rebuilding stale kept timelines at most.
CATCH_UP_S = 30.0
#: The catch-up after an ingest gets this share of the ingest's own time (at least
#: :data:`CATCH_UP_MIN_S`, at most :data:`CATCH_UP_S`): an ingest of one article into a big store,
#: or an API upload, is not made half a minute longer by kept timelines; what is left is rebuilt by
#: a later catch-up (its readers build the pages they ask for meanwhile).
CATCH_UP_SHARE = 0.5
CATCH_UP_MIN_S = 1.0
_HEADER = -1
#: The stamps of a placeholder header (:func:`enrol`): no store's stamps, which start at 0 and grow.
_PLACEHOLDER = -1


def _prefix() -> str:
    from dossier.store.knowledge import TIMELINE_EVENTS

    return f"e{FORMAT}/{__version__}/w{TIMELINE_EVENTS}/s{KEPT_SOURCES}|"


def subject_key(ids: list[int]) -> str | None:
    """The key of the subjects' kept timeline, or None when it is too long to keep."""
    key = _prefix() + ",".join(str(i) for i in ids)
    return key if len(key) <= 200 else None


def _ids_of(key: str) -> list[int]:
    return [int(i) for i in key.rsplit("|", 1)[1].split(",")]


def available(conn: Connection) -> bool:
    """Whether the store has the tables (a store opened without migrating may not)."""
    return timeline_cache.available(conn) and kept.has_table(conn, "timeline_entries")


def servable(ids: list[int], sources_limit: int | None) -> bool:
    """Whether a kept timeline can answer a page that shows ``sources_limit`` sources per entry."""
    return sources_limit is not None and sources_limit <= KEPT_SOURCES and subject_key(ids) is not None


# -- reading ---------------------------------------------------------------------------------


@cache
def _header_statement() -> Any:
    """The header row, served only while both of its stamps are current (as ``timeline_cache.read``)."""
    c, v = t.timeline_entries.c, t.store_versions.c
    subjects = timeline_cache.subjects_stamp()
    return (
        select(c.version, c.subject_version, c.record)
        .join(t.store_versions, (v.name == timeline_cache.STAMP) & (v.version == c.version))
        .where(
            c.entity_id == bindparam("entity_id"),
            c.subject == bindparam("subject"),
            c.block == _HEADER,
            c.subject_version == subjects,
        )
    )


@cache
def _blocks_statement() -> Any:
    """The blocks of one kept build (the header's stamps: a row of another build never mixes in)."""
    c = t.timeline_entries.c
    return (
        select(c.block, c.record)
        .where(
            c.entity_id == bindparam("entity_id"),
            c.subject == bindparam("subject"),
            c.block.between(bindparam("first"), bindparam("last")),
            c.version == bindparam("version"),
            c.subject_version == bindparam("subject_version"),
        )
        .order_by(c.block)
    )


def read_page(
    conn: Connection, ids: list[int], *, limit: int | None, offset: int, newest: bool, sources_limit: int | None
) -> dict[str, Any] | None:
    """The page from the subjects' kept timeline, or None when none is kept and current.

    Two indexed reads whatever the subject's history: the header, then the blocks the page spans.
    """
    key = subject_key(ids)
    if key is None or not servable(ids, sources_limit) or not available(conn):
        return None
    params = {"entity_id": ids[0], "subject": key}
    head = conn.execute(_header_statement(), {**params, "subjects": timeline_cache.subject_stamps(ids)}).first()
    if head is None:
        return None
    header = head.record
    total = int(header["total"])
    positions = _positions(total, limit=limit, offset=offset, newest=newest)
    entries: dict[int, dict[str, Any]] = {}
    if positions:
        first, last = min(positions) // BLOCK, max(positions) // BLOCK
        rows = conn.execute(
            _blocks_statement(),
            {**params, "first": first, "last": last, "version": head.version, "subject_version": head.subject_version},
        ).all()
        if len(rows) != last - first + 1:  # rewritten between the two reads: build instead
            return None
        for block, record in rows:
            for n, entry in enumerate(record):
                entries[block * BLOCK + n] = entry
    return _page(header, [entries[i] for i in positions], total, limit, offset, newest, sources_limit)


def _positions(total: int, *, limit: int | None, offset: int, newest: bool) -> list[int]:
    """The entry positions of a page, in the order the page lists them (``_built_timeline``'s rule)."""
    order = range(total - 1, -1, -1) if newest else range(total)
    chosen = order[offset:] if limit is None else order[offset : offset + limit]
    return list(chosen)


def _page(
    header: dict[str, Any],
    entries: list[dict[str, Any]],
    total: int,
    limit: int | None,
    offset: int,
    newest: bool,
    sources_limit: int | None,
) -> dict[str, Any]:
    """The record a built page would be: the header's fields in their order, the page's fields set."""
    n = KEPT_SOURCES if sources_limit is None else sources_limit
    shown = [e if len(e["sources"]) <= n else {**e, "sources": e["sources"][:n]} for e in entries]
    end = offset + len(shown)
    fields = {
        "entries": shown,
        "total": total,
        "offset": offset,
        "limit": limit,
        "order": "newest" if newest else "oldest",
        "next_offset": end if limit is not None and end < total else None,
    }
    return {k: fields[k] if k in fields else header["record"][k] for k in header["keys"]}


# -- building and keeping --------------------------------------------------------------------


def wanted(conn: Connection, ids: list[int], sources_limit: int | None) -> bool:
    """Whether the subjects' whole timeline is worth keeping (a first read then queues it,
    :func:`queue`): the page fits a kept one and the subjects' window holds at least
    :data:`MIN_EVENTS` events (a bounded index count)."""
    if not servable(ids, sources_limit) or not available(conn):
        return False
    from dossier.store.filters import NO_FILTERS
    from dossier.store.knowledge import _newest_events

    newest = _newest_events(conn, ids, NO_FILTERS, MIN_EVENTS).subquery()
    return conn.execute(select(func.count()).select_from(newest)).scalar_one() >= MIN_EVENTS


def build(conn: Connection, ids: list[int]) -> tuple[dict[str, Any], set[str], float]:
    """The subjects' whole unfiltered timeline (every entry, :data:`KEPT_SOURCES` sources each), the
    source names its build looked up, and the seconds it took."""
    from dossier.store.filters import NO_FILTERS
    from dossier.store.knowledge import _LOOK_UPS, _build_timeline

    looked = timeline_cache.LookUps()
    token = _LOOK_UPS.set(looked)
    started = time.perf_counter()
    try:
        whole = _build_timeline(conn, ids, NO_FILTERS, limit=None, offset=0, newest=False, sources_limit=KEPT_SOURCES)
    finally:
        _LOOK_UPS.reset(token)
    return whole, looked.names, time.perf_counter() - started


def page_of(
    whole: dict[str, Any], *, limit: int | None, offset: int, newest: bool, sources_limit: int | None
) -> dict[str, Any]:
    """A page cut from a whole timeline of :func:`build` (what :func:`read_page` serves once it is kept)."""
    header = _header(whole, 0.0)
    entries = whole["entries"]
    positions = _positions(len(entries), limit=limit, offset=offset, newest=newest)
    return _page(header, [entries[i] for i in positions], len(entries), limit, offset, newest, sources_limit)


def _header(whole: dict[str, Any], built_s: float) -> dict[str, Any]:
    record = {k: v for k, v in whole.items() if k != "entries"}
    return {
        "keys": list(whole),
        "record": record,
        "total": len(whole["entries"]),
        "built_s": round(built_s, 4),
        "built_at": datetime.now(UTC).isoformat(),
    }


def _rows(ids: list[int], key: str, versions: tuple[int, int], whole: dict[str, Any], built_s: float) -> list[dict]:
    base = {"entity_id": ids[0], "subject": key, "version": versions[0], "subject_version": versions[1]}
    entries = whole["entries"]
    rows = [{**base, "block": _HEADER, "record": _header(whole, built_s)}]
    rows += [{**base, "block": b // BLOCK, "record": entries[b : b + BLOCK]} for b in range(0, len(entries), BLOCK)]
    return rows


def _write(
    conn: Connection,
    ids: list[int],
    key: str,
    versions: tuple[int, int],
    whole: dict[str, Any],
    built_s: float,
    names: Iterable[str],
) -> None:
    """Replace the subjects' kept timeline (and drop those of older formats or code) in ``conn``."""
    c = t.timeline_entries.c
    conn.execute(
        delete(t.timeline_entries).where(
            c.entity_id == ids[0], (c.subject == key) | ~c.subject.startswith(_prefix(), autoescape=True)
        )
    )
    conn.execute(t.timeline_entries.insert(), _rows(ids, key, versions, whole, built_s))
    timeline_cache.list_names(conn, ids[0], names)


def build_and_keep(conn: Connection, ids: list[int], *, reuse_records: bool = False) -> dict[str, Any]:
    """Build the subjects' whole timeline and keep it (best effort, as kept pages); the whole record.

    The stamps are read before building: the kept rows are never newer in version than in content.
    ``reuse_records``: through the process's kept window records (:func:`records_kept`: the catch-up,
    which rebuilds many; a reader's process, a web server, does not hold them).
    """
    key = subject_key(ids)
    versions = timeline_cache.stamps(conn, ids)
    with records_kept(conn) if reuse_records else nullcontext():
        whole, names, built_s = build(conn, ids)
    if key is None or versions is None:
        return whole

    def write(c: Connection) -> None:
        if timeline_cache.stamps(c, ids) == versions:
            _write(c, ids, key, versions, whole, built_s, names)

    kept.keep(conn, write, what="timeline entries")
    return whole


# -- records kept between rebuilds ----------------------------------------------------------------

#: Window records kept in the process between whole builds (:class:`RecordCache`), at most.  A big
#: subject's window is 5,000 of them (about 1.5 kB each): room for the windows of some dozen
#: much-named subjects, those a steady ingest rebuilds in turn.
RECORDS_KEPT = 60_000


class RecordCache:
    """Light window records (roles canonical, sources' names not yet) of one database, kept while its
    store-wide ``timelines`` stamp stays where it was, so that rebuilding a kept timeline reads from
    the rows only the events the earlier builds did not (issue #13, seventh round).

    Why it is safe: such a record is made from its event's row, its article's title, outlet, date and
    address, its quote's speaker, its links to entities and their names.  An ingest batch writes none
    of those for a stored event (it adds events; a stored entity renamed, given an alias or another
    kind moves the store-wide stamp, ``timeline_cache.touched_all``), and every other write moves the
    store-wide stamp, which empties this cache.  What a batch does change (the events' clusters and
    borrowed dates, the copy chains, the sources' canonical names) is read anew by every build.
    Records of the batch's own articles are not kept (the batch may yet be rolled back), nor any
    read in a transaction that moved the store-wide stamp (it may be rolled back too), nor any read
    while another writer moved it (the stamp is read again before keeping).
    """

    def __init__(self) -> None:
        self._stamp: int | None = None
        self._records: OrderedDict[int, dict[str, Any]] = OrderedDict()
        self.hits = 0  # records served from the cache, and read from the rows, since it was made
        self.misses = 0
        # Readers share it (a web server's request threads, ninth round): one at a time.
        self._lock = threading.Lock()

    def at(self, stamp: int) -> None:
        """Use the cache at ``stamp``: everything kept at an older stamp goes.

        A build at an older stamp than the cache's (a reader whose snapshot predates a write another
        thread already saw) leaves the cache alone and is neither served nor kept (``stamp`` of
        :meth:`get` and :meth:`put`): records of one stamp never mix with another's.
        """
        with self._lock:
            if self._stamp is None or stamp > self._stamp:
                self._records.clear()
                self._stamp = stamp

    def get(self, ids: Iterable[int], stamp: int | None = None) -> dict[int, dict[str, Any]]:
        """Copies of the kept records of ``ids`` (each its own: a build changes its records); none
        when ``stamp`` is not the cache's."""
        out: dict[int, dict[str, Any]] = {}
        with self._lock:
            if stamp is not None and stamp != self._stamp:
                return out
            records = self._records
            for i in ids:
                r = records.get(i)
                if r is not None:
                    records.move_to_end(i)
                    out[i] = _copy(r)
            self.hits += len(out)
        return out

    def put(self, records: Iterable[dict[str, Any]], stamp: int | None = None) -> None:
        """Keep copies of ``records``, unless ``stamp`` is not the cache's."""
        records = list(records)
        with self._lock:
            if stamp is not None and stamp != self._stamp:
                return
            self.misses += len(records)
            for r in records:
                self._records[r["id"]] = _copy(r)
            while len(self._records) > RECORDS_KEPT:
                self._records.popitem(last=False)

    def __len__(self) -> int:
        return len(self._records)


def _copy(record: dict[str, Any]) -> dict[str, Any]:
    """A record of its own: the lists a build may change copied, the rest (never changed) shared."""
    return {
        **record,
        "actors": list(record["actors"]),
        "targets": list(record["targets"]),
        "equipment": list(record["equipment"]),
        "entity_ids": list(record.get("entity_ids") or []),
    }


_CACHES: weakref.WeakKeyDictionary[Any, RecordCache] = weakref.WeakKeyDictionary()
_CACHES_LOCK = threading.Lock()


def record_cache(engine: Any) -> RecordCache | None:
    """The records kept for ``engine``'s database in this process, if any (tests, benchmarks)."""
    return _CACHES.get(engine)


class _KeptRecords:
    """What ``knowledge.events_about`` sees of a :class:`RecordCache` during one build."""

    def __init__(self, cache: RecordCache, stamp: int, own_articles: frozenset[int]) -> None:
        self.cache, self.stamp, self.own_articles = cache, stamp, own_articles

    def get(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        return self.cache.get(ids, self.stamp)

    def put(self, conn: Connection, records: list[dict[str, Any]]) -> None:
        if timeline_cache.stamp(conn) != self.stamp:  # moved while they were read: keep nothing
            return
        self.cache.put((r for r in records if r["article_id"] not in self.own_articles), self.stamp)


@contextmanager
def records_kept(conn: Connection, *, own_articles: Iterable[int] = ()) -> Iterator[None]:
    """Builds in this block reuse and add to the records kept for ``conn``'s database
    (:class:`RecordCache`); ``own_articles``: the articles the caller's transaction stored."""
    stamp = timeline_cache.stamp(conn) if RECORDS_KEPT > 0 else None
    if stamp is None:
        yield
        return
    from dossier.store.knowledge import _RECORDS

    with _CACHES_LOCK:
        cache = _CACHES.get(conn.engine)
        if cache is None:
            cache = _CACHES[conn.engine] = RecordCache()
    cache.at(stamp)
    token = _RECORDS.set(_KeptRecords(cache, stamp, frozenset(own_articles)))
    try:
        yield
    finally:
        _RECORDS.reset(token)


#: Whether a reader's process keeps window records too (:func:`reader_records`).
READER_RECORDS = True


def reader_records(conn: Connection, kept_subject: bool) -> Any:
    """The block a reader builds a page in: through the process's window records (:func:`records_kept`)
    when the subject is one kept whole (``kept_subject``: its whole timeline is stale or queued, so
    its readers build pages until the catch-up), else a plain build.

    Why (issue #13, ninth round): under a steady ingest a much-named subject goes stale with every
    batch that names it, and each reader who comes before the catch-up rebuilds the page from its
    whole window; a long-lived reader (a web server) that built it before reads from the rows only
    the events stored since.  The records are the catch-up's, under the same rule (a record is made
    from rows an ingest batch never changes for a stored event; any other write moves the
    store-wide stamp, which empties them).  Never on a connection that has written: its records may
    be rolled back (and their ids reused).  A subject under the threshold is read by a plain build:
    the cache's bookkeeping would cost its one-off first read more than it saves.
    """
    if not (READER_RECORDS and kept_subject) or kept.writing(conn):
        return nullcontext()
    return records_kept(conn)


# -- the ingest's part -----------------------------------------------------------------------


def refresh(
    conn: Connection, subjects: Iterable[int] | None, *, articles: int = 1, new_articles: Iterable[int] = ()
) -> list[str]:
    """Rebuild the kept timelines of ``subjects`` (None: every kept one) inside the writer's
    transaction, after it moved their stamps; the keys rebuilt.

    The longest unrebuilt first (so that under a continuous ingest every kept subject has its turn),
    until :data:`REFRESH_MS_PER_ARTICLE` per new article of the batch (``articles``) is spent: a kept
    timeline left stale is rebuilt by a later batch or the catch-up (its readers build their pages).
    Kept timelines of another format or code version are dropped, not rebuilt.

    ``new_articles``: the articles the batch stored.  A batch that moved only subjects' stamps
    rebuilds through the window records earlier builds kept (:func:`records_kept`), not those of
    its own articles; one that moved the store-wide stamp (``subjects`` None) reads every row.
    """
    if not available(conn) or REFRESH_MS_PER_ARTICLE <= 0:
        return []
    budget = REFRESH_MS_PER_ARTICLE * max(1, articles) / 1000
    c = t.timeline_entries.c
    q = select(c.entity_id, c.subject, c.record).where(c.block == _HEADER)
    heads: list[Any] = []
    if subjects is None:
        heads = list(conn.execute(q))
    else:
        from dossier.store.sqlutil import chunks

        for chunk in chunks(sorted(set(subjects))):
            heads += conn.execute(q.where(c.entity_id.in_(chunk))).all()
        # Subjects this batch brought to the threshold are kept from now on, read or not (seventh round):
        # a placeholder header, never served, that the budget below or the catch-up fills.
        if enrol(conn, set(subjects) - {h.entity_id for h in heads if h.subject == subject_key([h.entity_id])}):
            heads = []
            for chunk in chunks(sorted(set(subjects))):
                heads += conn.execute(q.where(c.entity_id.in_(chunk))).all()
    prefix = _prefix()
    old = [(h.entity_id, h.subject) for h in heads if not h.subject.startswith(prefix)]
    for entity_id, subject in old:
        conn.execute(delete(t.timeline_entries).where(c.entity_id == entity_id, c.subject == subject))
    current = sorted(
        (h for h in heads if h.subject.startswith(prefix)),
        key=lambda h: (str(h.record.get("built_at") or ""), -float(h.record.get("built_s") or 0), h.entity_id),
    )
    done: list[str] = []
    started = time.perf_counter()
    kept_records = nullcontext() if subjects is None else records_kept(conn, own_articles=new_articles)
    with kept_records:
        for head in current:
            if done and time.perf_counter() - started >= budget:
                break
            ids = _ids_of(head.subject)
            versions = timeline_cache.stamps(conn, ids)
            if versions is None:
                break
            if _rebuild_in_savepoint(conn, ids, head.subject, versions):
                done.append(head.subject)
    return done


def enrol(conn: Connection, candidates: Iterable[int]) -> list[int]:
    """Keep the whole timelines of the ``candidates`` whose window holds at least :data:`MIN_EVENTS`
    events and that have none kept (the caller's check): a placeholder header each (stamps no store has, so it is never
    served), which :func:`refresh` and :func:`catch_up` treat as a stale kept
    timeline and build.  The subjects enrolled.

    Why: a subject's first read paid a whole build (hundreds of milliseconds at 100,000 articles)
    until somebody had read it once; enrolled when an ingest batch brings it to the threshold, it is
    built by the writer or the catch-up instead, before anybody asks.  One grouped count per chunk
    of candidates; a candidate already over the threshold is kept from then on, so the counts read
    only subjects still under it (or dropped from the kept ones).
    """
    from dossier.store.sqlutil import chunks

    ee = t.event_entities.c
    found: list[int] = []
    for chunk in chunks(sorted(set(candidates))):
        found += conn.execute(
            select(ee.entity_id)
            .where(ee.entity_id.in_(chunk))
            .group_by(ee.entity_id)
            .having(func.count() >= MIN_EVENTS)  # rows, as ``wanted`` counts the window's rows
        ).scalars()
    rows: list[dict[str, Any]] = []
    now = datetime.now(UTC).isoformat()
    for entity_id in sorted(found):
        key = subject_key([entity_id])
        if key is not None:
            rows.append(_placeholder(entity_id, key, now))
    _write_placeholders(conn, rows)
    return [r["entity_id"] for r in rows]


def enrol_unkept(conn: Connection) -> list[int]:
    """:func:`enrol` for the whole store: every subject whose window holds at least
    :data:`MIN_EVENTS` events and that has no kept timeline of this code gets a placeholder header
    (inside the caller's transaction); the subjects enrolled.

    Why: the ingest enrols only the subjects its batches touch, so a subject that reached the
    threshold without the writer (a store grown by ``bench/clone_store.py``, kept timelines
    dropped by :func:`clear`, kept timelines of older code after an upgrade) stays unkept until a
    batch touches it or a reader queues it, and each of its first reads builds a page meanwhile.
    Run once, then :func:`catch_up`, it leaves the store as an ingest that enrolled every subject
    leaves it.  One grouped count over every event link (a scan of ``event_entities``' entity
    index, seconds at a million articles): a maintenance step, never per batch.
    """
    if not available(conn):
        return []
    c = t.timeline_entries.c
    heads = conn.execute(select(c.entity_id, c.subject).where(c.block == _HEADER)).all()
    kept_now = {entity_id for entity_id, subject in heads if subject == subject_key([entity_id])}
    ee = t.event_entities.c
    over = conn.execute(select(ee.entity_id).group_by(ee.entity_id).having(func.count() >= MIN_EVENTS)).scalars()
    now = datetime.now(UTC).isoformat()
    rows = [
        _placeholder(entity_id, key, now)
        for entity_id in sorted(set(over) - kept_now)
        if (key := subject_key([entity_id])) is not None
    ]
    _write_placeholders(conn, rows)
    return [r["entity_id"] for r in rows]


def _placeholder(entity_id: int, key: str, now: str) -> dict[str, Any]:
    """The header row of a subject kept whole but not built yet (stamps no store has: never served)."""
    return {
        "entity_id": entity_id,
        "subject": key,
        "block": _HEADER,
        "version": _PLACEHOLDER,
        "subject_version": _PLACEHOLDER,
        # Queued as if built now: kept timelines that went stale earlier come first.
        "record": {"total": 0, "built_s": 0.0, "built_at": now, "placeholder": True},
    }


def _write_placeholders(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    c = t.timeline_entries.c
    for row in rows:  # a kept timeline of older code goes, as _write drops it
        conn.execute(
            delete(t.timeline_entries).where(
                c.entity_id == row["entity_id"], ~c.subject.startswith(_prefix(), autoescape=True)
            )
        )
    conn.execute(t.timeline_entries.insert(), rows)


def queue(conn: Connection, ids: list[int]) -> bool:
    """Queue the subjects' whole timeline for :func:`catch_up` (and the ingest's budget): a
    placeholder header, as :func:`enrol` writes, unless a header is there already (kept, current or
    stale, or queued).  Best effort (:func:`dossier.store.kept.keep`); whether one was written.

    Why: a first read builds only its page (``knowledge._timeline``, eighth round); the whole
    timeline, which serves every later page in two indexed reads, is built outside any reader's
    time.  Called by the reader of a subject that :func:`wanted` says is worth keeping.
    """
    key = subject_key(ids)
    if key is None or not available(conn):
        return False
    c = t.timeline_entries.c
    header = select(c.block).where(c.entity_id == ids[0], c.subject == key, c.block == _HEADER)
    if conn.execute(header).first() is not None:
        return False
    queued = False

    def write(w: Connection) -> None:
        nonlocal queued
        if w.execute(header).first() is None:
            _write_placeholders(w, [_placeholder(ids[0], key, datetime.now(UTC).isoformat())])
            queued = True

    return kept.keep(conn, write, what="timeline queued") and queued


def _rebuild_in_savepoint(conn: Connection, ids: list[int], key: str, versions: tuple[int, int]) -> bool:
    """Rebuild and write one kept timeline inside a savepoint of the batch's transaction; whether it
    was kept.

    Why a savepoint: a statement that fails aborts a PostgreSQL transaction whole, and re-running the
    batch would fail the same way, losing the batch's articles for a kept timeline.  Rolled back to
    the savepoint, the batch goes on and the stale timeline is left to the catch-up.
    Only a transient conflict (locked, serialization) re-runs the batch, as before.
    """
    from dossier.store.engine import is_transient

    savepoint = conn.begin_nested()
    try:
        whole, names, built_s = build(conn, ids)
        _write(conn, ids, key, versions, whole, built_s, names)
    except DBAPIError as exc:
        savepoint.rollback()
        if is_transient(exc):
            raise
        log.exception("kept timeline %s not rebuilt", key)
        return False
    except Exception:  # a kept timeline is never worth the batch: its readers build their pages instead
        savepoint.rollback()
        log.exception("kept timeline %s not rebuilt", key)
        return False
    savepoint.commit()
    return True


class _Queued(NamedTuple):
    """A header :func:`_requeue_older` wrote, as :func:`catch_up` reads one."""

    subject: str
    version: int
    subject_version: int
    record: dict[str, Any]


def _requeue_older(conn: Connection, subjects: list[str]) -> list[_Queued]:
    """Queue again (a placeholder each, in one short transaction) the subjects whose kept timeline
    is of another format or code version and that have none of this code; their new headers.

    Why: a kept timeline of older code is never served (the key names the format and version), and
    before this only a batch that touched its subject replaced it (:func:`refresh` drops it, then
    :func:`enrol`); after an upgrade every other kept subject's first read built its page, and only a
    reader queued it again.  Those subjects were worth keeping under the old code, so they are now.
    """
    prefix = _prefix()
    current = {s for s in subjects if s.startswith(prefix)}
    now = datetime.now(UTC).isoformat()
    rows: dict[str, dict[str, Any]] = {}
    for subject in subjects:
        if subject.startswith(prefix):
            continue
        try:
            ids = _ids_of(subject)
        except ValueError:  # a key of a layout this code does not read: dropped with its subject's next write
            continue
        key = subject_key(ids)
        if key is not None and key not in current:
            rows[key] = _placeholder(ids[0], key, now)
    if not rows or not kept.keep(conn, lambda w: _write_placeholders(w, list(rows.values())), what="requeued"):
        return []
    return [_Queued(key, _PLACEHOLDER, _PLACEHOLDER, row["record"]) for key, row in rows.items()]


def catch_up_budget(ingest_s: float) -> float:
    """Seconds the catch-up after an ingest that took ``ingest_s`` may spend (see :data:`CATCH_UP_SHARE`)."""
    return min(CATCH_UP_S, max(CATCH_UP_MIN_S, CATCH_UP_SHARE * ingest_s))


def catch_up(conn: Connection, *, budget_s: float | None = None) -> list[str]:
    """Rebuild the kept timelines that are stale, on a reader's connection; the keys rebuilt.

    Run after an ingest (a post-ingest hook): under a steady ingest the batches' budget may not
    reach every kept subject a batch touched.  Each is built outside any write lock and kept in a
    short transaction of its own (:func:`build_and_keep`, dropped if a writer moved its stamps
    meanwhile); the longest unrebuilt first, until ``budget_s`` (default :data:`CATCH_UP_S`).
    Subjects kept by older code (an upgrade) are queued again first (:func:`_requeue_older`).
    """
    if not available(conn):
        return []
    budget = CATCH_UP_S if budget_s is None else budget_s
    c = t.timeline_entries.c
    heads: list[Any] = list(
        conn.execute(select(c.subject, c.version, c.subject_version, c.record).where(c.block == _HEADER)).all()
    )
    prefix = _prefix()
    heads += _requeue_older(conn, [h.subject for h in heads])
    heads = sorted(
        (h for h in heads if h.subject.startswith(prefix)), key=lambda h: str(h.record.get("built_at") or "")
    )
    done: list[str] = []
    started = time.perf_counter()
    for head in heads:
        if time.perf_counter() - started >= budget:
            break
        ids = _ids_of(head.subject)
        if timeline_cache.stamps(conn, ids) == (head.version, head.subject_version):
            continue
        build_and_keep(conn, ids, reuse_records=True)
        done.append(head.subject)
    conn.rollback()  # a reader's connection: end its snapshot
    return done


def clear(conn: Connection) -> int:
    """Drop every kept timeline (inside the caller's transaction); how many subjects were kept."""
    if not available(conn):
        return 0
    c = t.timeline_entries.c
    n = conn.execute(select(func.count()).select_from(t.timeline_entries).where(c.block == _HEADER)).scalar_one()
    conn.execute(delete(t.timeline_entries))
    return int(n)
