"""Timeline pages kept by their first reader, so that reading a timeline again costs one row (issue #13).

Building a subject's timeline reads its newest events (up to
``knowledge.TIMELINE_EVENTS``), borrows dates from coreferent reports, merges
the reports into entries and reads every source of the page: on a store where
a subject is named in thousands of articles that is tens to hundreds of
milliseconds, paid again on every read of the same page.  ``timeline_cache``
keeps the finished record of an **unfiltered** page (``page_key``: the
subject's ids, limit, offset, order and sources shown), up to
:data:`PAGES_PER_SUBJECT` pages per subject; a filtered timeline (dates,
outlet, kind, ``min_sources``...) is always built, since its combinations
are endless.

Staleness, the rule of :mod:`dossier.store.kept`: a timeline depends on much
more than its subject's rows (the clusters its events joined, the copy
groups that count independent sources, article metadata, corrections, entity
names and aliases), so its version is one store-wide stamp, ``timelines`` in
``store_versions``, that :func:`invalidate` moves in **every** write
transaction (``Store.begin`` calls it after taking the write lock).  A new,
revised or re-analysed article, a story or event cluster gaining members, a
copy-group change, an entity renamed, merged, split or given an alias, any
entry in the corrections log: each is written inside ``Store.begin``, so no
path can be forgotten.  A page is served only when its stamp is the current
one; the reader reads the stamp *before* building, so a page is never newer
in stamp than in content.  The price: after any write, the first read of
each timeline builds it again (as every read did before), and a busy
ingest keeps the cache cold.

Rows of older stamps are deleted when a page is kept; ``bench/clone_store.py``
empties the table (its copies are not written through ``Store.begin``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, select, update

from dossier import __version__
from dossier.store import kept
from dossier.store import schema as t
from dossier.store.sqlutil import upsert

#: The stamp in ``store_versions`` that every write transaction moves.
STAMP = "timelines"
#: Kept pages per subject: the first pages in both orders at the sizes the faces ask for.
PAGES_PER_SUBJECT = 8
#: Bumped when the record a timeline returns changes shape, so older kept pages are not served
#: (the package version is part of the key as well).
FORMAT = 1
_KEY_MAX = 200


def page_key(
    ids: list[int], *, limit: int | None, offset: int, newest: bool, sources_limit: int | None, events: int
) -> str | None:
    """The cache key of one page of a subject's unfiltered timeline, or None when it is too long to keep.

    ``events``: the event window the timeline is built from (a different window is a different page).
    """
    key = (
        f"f{FORMAT}/{__version__}/w{events}|{','.join(str(i) for i in ids)}"
        f"|{limit if limit is not None else '*'}|{offset}|{'new' if newest else 'old'}"
        f"|{sources_limit if sources_limit is not None else '*'}"
    )
    return key if len(key) <= _KEY_MAX else None


def available(conn: Connection) -> bool:
    """Whether the store has the tables (a store opened without migrating may not)."""
    return kept.has_table(conn, "timeline_cache") and kept.has_table(conn, "store_versions")


def invalidate(conn: Connection) -> None:
    """Move the ``timelines`` stamp inside the caller's write transaction: every kept page goes stale."""
    if not available(conn):
        return
    v = t.store_versions.c
    done = conn.execute(update(t.store_versions).where(v.name == STAMP).values(version=v.version + 1)).rowcount
    if not done:  # a store whose row was removed by hand: start it again
        upsert(conn, t.store_versions, [{"name": STAMP, "version": 1}], ["name"], {"version": "add"})


def stamp(conn: Connection) -> int | None:
    """The current ``timelines`` stamp (None: the store cannot keep timelines)."""
    if not available(conn):
        return None
    v = t.store_versions.c
    return conn.execute(select(v.version).where(v.name == STAMP)).scalar()


def read(conn: Connection, entity_id: int, key: str) -> dict[str, Any] | None:
    """The kept page, if there is one at the current stamp (one indexed look-up, joined to the stamp)."""
    if not available(conn):
        return None
    return conn.execute(_read_statement(), {"entity_id": entity_id, "page": key}).scalar()


@cache
def _read_statement() -> Any:
    """:func:`read`'s statement, built once (building it cost as much as running it)."""
    c, v = t.timeline_cache.c, t.store_versions.c
    return (
        select(c.record)
        .join(t.store_versions, (v.name == STAMP) & (v.version == c.version))
        .where(c.entity_id == bindparam("entity_id"), c.page == bindparam("page"))
    )


def keep(conn: Connection, entity_id: int, key: str, version: int, record: dict[str, Any]) -> bool:
    """Keep a page built at stamp ``version`` (best effort, :func:`dossier.store.kept.keep`).

    Nothing is kept when the stamp has moved since (the page may miss a write); rows of older
    stamps go, and the subject's oldest kept page makes room for a new one past
    :data:`PAGES_PER_SUBJECT`.  False when nothing was kept.
    """
    kept_it = False

    def write(c: Connection) -> None:
        nonlocal kept_it
        if stamp(c) != version:
            return
        c.execute(_prune_statement(), {"version": version, "entity_id": entity_id, "page": key})
        row = {
            "entity_id": entity_id,
            "page": key,
            "version": version,
            "kept_at": datetime.now(UTC).isoformat(),
            "record": record,
        }
        upsert(c, t.timeline_cache, [row], ["entity_id", "page"], {"version": "set", "kept_at": "set", "record": "set"})
        kept_it = True

    return kept.keep(conn, write, what="timeline") and kept_it


@cache
def _prune_statement() -> Any:
    """One statement (each round trip counts on a busy server) that drops the pages of older stamps
    and the subject's oldest pages beyond :data:`PAGES_PER_SUBJECT` - 1 other than ``page``."""
    tc = t.timeline_cache.c
    oldest = (
        select(tc.page)
        .where(tc.entity_id == bindparam("entity_id"), tc.page != bindparam("page"))
        .order_by(tc.kept_at.desc(), tc.page)
        .offset(PAGES_PER_SUBJECT - 1)
        .scalar_subquery()
    )
    return delete(t.timeline_cache).where(
        (tc.version < bindparam("version")) | ((tc.entity_id == bindparam("entity_id")) & tc.page.in_(oldest))
    )


def clear(conn: Connection) -> int:
    """Empty the cache (inside the caller's transaction); how many pages were dropped."""
    if not available(conn):
        return 0
    n = conn.execute(select(func.count()).select_from(t.timeline_cache)).scalar_one()
    conn.execute(delete(t.timeline_cache))
    return int(n)
