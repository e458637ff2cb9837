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
names and aliases), so a page carries two versions and is served only while
both are current:

* the store-wide stamp ``timelines`` in ``store_versions``, which
  :func:`invalidate` moves in every write transaction that does not say
  better (``Store.begin`` calls it after taking the write lock): a revised,
  re-analysed or deleted article, any entry in the corrections log, a merge
  or split, an edited entity... make every kept page stale at once;
* the sum of its subjects' own stamps (``timelines/<entity id>``), which an
  **ingest batch of new articles** moves instead of the store-wide one
  (:func:`track` ... :func:`finish`): the subjects of the batch's events, the
  subjects of every event in a cluster the batch's events joined (their
  sources, counts and borrowed dates), the same for stored articles that now
  stand for another independent source, and the subjects whose pages looked up
  a source name or key the batch gave an entity (``timeline_names``).  What a
  batch can change beyond those (a stored entity renamed, given an alias or a
  new kind) is reported by the writer through :func:`touched_all` and moves
  the store-wide stamp as before; stored articles whose copy group or
  group original changed (:func:`touched_articles`) count as touched
  articles, their subjects' stamps move.

The reader reads both versions *before* building; a page is never newer in
version than in content.  Writes that change nothing a timeline reads (the
monitor's bookkeeping, a batch of items already stored) move neither.

Rows of older stamps are deleted when a page is kept; ``bench/clone_store.py``
empties the table (its copies are not written through ``Store.begin``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
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
#: Bumped when the record a timeline returns changes shape or the rules that merge its entries
#: change, so older kept pages are not served (the package version is part of the key as well).
FORMAT = 4  # 4: a coarse date joins its day; one speaker's same-day statements join (issue #10)
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


def subject_stamps(entity_ids: Iterable[int]) -> list[str]:
    """The ``store_versions`` names of the subjects' own stamps."""
    return [f"{STAMP}/{i}" for i in sorted(set(entity_ids))]


def invalidate_subjects(conn: Connection, entity_ids: Iterable[int]) -> None:
    """Move the stamps of these subjects only: their kept pages go stale, every other page stays."""
    rows = [{"name": n, "version": 1} for n in subject_stamps(entity_ids)]
    for i in range(0, len(rows), 1000):
        upsert(conn, t.store_versions, rows[i : i + 1000], ["name"], {"version": "add"})


def stamp(conn: Connection) -> int | None:
    """The current ``timelines`` stamp (None: the store cannot keep timelines)."""
    if not available(conn):
        return None
    v = t.store_versions.c
    return conn.execute(select(v.version).where(v.name == STAMP)).scalar()


def stamps(conn: Connection, ids: list[int]) -> tuple[int, int] | None:
    """The store-wide stamp and the sum of the subjects' own stamps, read together (None: no cache)."""
    if not available(conn):
        return None
    row = conn.execute(_stamps_statement(), {"subjects": subject_stamps(ids)}).first()
    return None if row is None or row.version is None else (int(row.version), int(row.subjects))


def subjects_stamp() -> Any:
    """The sum of the subjects' own stamps (bound as ``subjects``), as a scalar subquery: every kept
    read (a page here, a whole timeline in ``timeline_entries``) is served only while it matches."""
    own = t.store_versions.alias("own")
    return (
        select(func.coalesce(func.sum(own.c.version), 0))
        .where(own.c.name.in_(bindparam("subjects", expanding=True)))
        .scalar_subquery()
    )


@cache
def _stamps_statement() -> Any:
    v = t.store_versions.c
    subjects = subjects_stamp()
    return select(v.version, subjects.label("subjects")).where(v.name == STAMP)


def read(conn: Connection, ids: list[int], key: str) -> dict[str, Any] | None:
    """The kept page of subjects ``ids`` (kept under ``ids[0]``), if both of its versions are current
    (one indexed look-up, joined to the stamps)."""
    if not available(conn):
        return None
    return conn.execute(_read_statement(), {"entity_id": ids[0], "page": key, "subjects": subject_stamps(ids)}).scalar()


@cache
def _read_statement() -> Any:
    """:func:`read`'s statement, built once (building it cost as much as running it)."""
    c, v = t.timeline_cache.c, t.store_versions.c
    subjects = subjects_stamp()
    return (
        select(c.record)
        .join(t.store_versions, (v.name == STAMP) & (v.version == c.version))
        .where(c.entity_id == bindparam("entity_id"), c.page == bindparam("page"), c.subject_version == subjects)
    )


def keep(
    conn: Connection,
    ids: list[int],
    key: str,
    versions: tuple[int, int],
    record: dict[str, Any],
    *,
    names: Iterable[str] = (),
) -> bool:
    """Keep a page of subjects ``ids`` built at ``versions`` (:func:`stamps`; best effort,
    :func:`dossier.store.kept.keep`).

    Nothing is kept when either version has moved since (the page may miss a write); rows of
    older store-wide stamps go, and the subject's oldest kept page makes room for a new one past
    :data:`PAGES_PER_SUBJECT`.  ``names``: the source names and keys the build looked up
    (:class:`LookUps`), listed under the subject in ``timeline_names``.  False when nothing was kept.
    """
    kept_it = False
    entity_id = ids[0]

    def write(c: Connection) -> None:
        nonlocal kept_it
        if stamps(c, ids) != versions:
            return
        c.execute(_prune_statement(), {"version": versions[0], "entity_id": entity_id, "page": key})
        row = {
            "entity_id": entity_id,
            "page": key,
            "version": versions[0],
            "subject_version": versions[1],
            "kept_at": datetime.now(UTC).isoformat(),
            "record": record,
        }
        upsert(
            c,
            t.timeline_cache,
            [row],
            ["entity_id", "page"],
            {"version": "set", "subject_version": "set", "kept_at": "set", "record": "set"},
        )
        list_names(c, entity_id, names)
        kept_it = True

    return kept.keep(conn, write, what="timeline") and kept_it


def list_names(conn: Connection, entity_id: int, names: Iterable[str]) -> None:
    """List the source names and keys a kept build of the subject looked up (``timeline_names``)."""
    listed = [{"name": n, "entity_id": entity_id} for n in sorted(set(names))]
    for i in range(0, len(listed), 1000):
        upsert(conn, t.timeline_names, listed[i : i + 1000], ["name", "entity_id"], {"name": "set"})


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


@dataclass
class LookUps:
    """The source names a timeline build looked up (folded), and the keys it fell back to."""

    names: set[str] = field(default_factory=set)

    def add(self, name: str, keys: Iterable[str] = ()) -> None:
        from dossier.store.entity_names import fold

        self.names.add(fold(name))
        self.names.update(f"key:{k}" for k in keys)


# -- what an ingest batch touched --------------------------------------------------------------

_SCOPE = "dossier_timeline_scope"


@dataclass
class Scope:
    """What a tracked write transaction changed that kept timelines read (see the module doc)."""

    everything: bool = False
    names: set[str] = field(default_factory=set)  # folded names and ``key:`` keys given to entities
    articles: set[int] = field(default_factory=set)  # stored articles whose independent source moved


def track(conn: Connection) -> None:
    """Start recording what this transaction touches; :func:`finish` moves the stamps it calls for."""
    conn.info[_SCOPE] = Scope()


def tracking(conn: Connection) -> bool:
    """Whether the transaction records its scope (a writer may skip work it would report for nothing)."""
    return _SCOPE in conn.info


def touched_all(conn: Connection) -> None:
    """Say that the transaction changed something no subject's stamp stands for: the store-wide
    stamp moves at :func:`finish`.  Nothing to do outside a tracked transaction (it moved already)."""
    scope = conn.info.get(_SCOPE)
    if scope is not None:
        scope.everything = True


def touched_articles(conn: Connection, article_ids: Iterable[int]) -> None:
    """Record stored articles whose place in the copy chains changed (their independent source)."""
    scope = conn.info.get(_SCOPE)
    if scope is not None:
        scope.articles.update(article_ids)


def gave_names(conn: Connection, names: Iterable[str] = (), keys: Iterable[str] = ()) -> None:
    """Record names (any case) and keys the transaction gave entities, new or stored."""
    scope = conn.info.get(_SCOPE)
    if scope is None:
        return
    from dossier.store.entity_names import fold

    scope.names.update(fold(n) for n in names)
    scope.names.update(f"key:{k}" for k in keys)


def untrack(conn: Connection) -> None:
    """Stop recording (a transaction that failed: its scope is not carried to the next)."""
    conn.info.pop(_SCOPE, None)


def finish(conn: Connection, article_ids: Iterable[int], *, everything: bool = False) -> None:
    """Move the stamps a tracked transaction calls for, given the new articles it stored.

    ``everything``: the caller changed stored articles (a revision, new metadata): the store-wide stamp.
    """
    scope = conn.info.pop(_SCOPE, None)
    article_ids = set(article_ids)
    if not available(conn):
        return
    from dossier.store import timeline_entries

    if scope is None or scope.everything or everything:
        invalidate(conn)
        timeline_entries.refresh(conn, None, articles=len(set(article_ids)))
        return
    ids = sorted(set(article_ids) | scope.articles)
    if not ids and not scope.names:
        return
    subjects = touched_subjects(conn, ids, scope.names)
    invalidate_subjects(conn, subjects)
    # The kept whole timelines of the subjects just made stale are rebuilt here, within a budget, so
    # that their first reads stay an index range (store/timeline_entries.py).
    timeline_entries.refresh(conn, subjects, articles=len(set(article_ids)), new_articles=article_ids)


def touched_subjects(conn: Connection, article_ids: list[int], names: Iterable[str]) -> set[int]:
    """The subjects whose timelines these articles' changes reach: those of their events, those of
    every event in a cluster their events are in (the entries they are a source of), and those
    whose pages looked up one of ``names``."""
    from dossier.store.sqlutil import chunks

    e, ee, m, tn = t.events.c, t.event_entities.c, t.event_mentions.c, t.timeline_names.c
    found: set[int] = set()
    clusters: set[int] = set()
    for chunk in chunks(article_ids):
        found.update(
            conn.execute(
                select(ee.entity_id).join(t.events, e.id == ee.event_id).where(e.article_id.in_(chunk)).distinct()
            ).scalars()
        )
        clusters.update(conn.execute(select(m.cluster_id).where(m.article_id.in_(chunk)).distinct()).scalars())
    for chunk in chunks(sorted(clusters)):
        found.update(
            conn.execute(
                select(ee.entity_id)
                .join(t.event_mentions, m.event_id == ee.event_id)
                .where(m.cluster_id.in_(chunk))
                .distinct()
            ).scalars()
        )
    for chunk in chunks(sorted(set(names))):
        found.update(conn.execute(select(tn.entity_id).where(tn.name.in_(chunk)).distinct()).scalars())
    return found


def clear(conn: Connection) -> int:
    """Empty the cache (inside the caller's transaction); how many pages were dropped."""
    if not available(conn):
        return 0
    n = conn.execute(select(func.count()).select_from(t.timeline_cache)).scalar_one()
    conn.execute(delete(t.timeline_cache))
    if kept.has_table(conn, "timeline_entries"):  # they rely on the names listed below
        conn.execute(delete(t.timeline_entries))
    if kept.has_table(conn, "timeline_names"):
        conn.execute(delete(t.timeline_names))
    return int(n)
