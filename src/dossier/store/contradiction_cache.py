"""Contradictions kept per story, so that reading them costs the flags read, not the story's mentions.

Finding the contradictions of a story means loading every mention of every
cross-article event in it (with its sentence); a listing, a timeline's
"contested" marks and a story page did that on every read (32 s for the
contradictions of a 30,000-article store).  ``story_contradictions`` keeps
what :func:`dossier.resolve.contradictions.find_contradictions` finds inside
one story, computed by the first reader and kept until the story changes.

Staleness: every write that changes a story's events (a mention joins or
leaves a cluster, a revised or re-analysed article, any analyst's correction
of an article) calls :func:`invalidate_stories` in its own transaction, which
bumps the story's ``version`` and clears ``flags``.  A reader stores what it
computed only where the version is still the one it read first, so a result
computed from older rows is never kept (the rule, and the best-effort write,
are :mod:`dossier.store.kept`'s, shared with the kept timeline pages).

Not stored: the flags that compare equipment status across stories (they
involve other stories: computed at read over the chunk of stories read,
from the kinds and equipment each story's row lists as denied), the
independent-source label of each side (copy chains change as articles
arrive) and article metadata (outlet, title, date: corrections change them).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, select, update

from dossier.store import kept
from dossier.store import schema as t
from dossier.store.sqlutil import chunks, upsert

_TABLE = "story_contradictions"


def available(conn: Connection) -> bool:
    """Whether the store has the table (a store opened without migrating may not)."""
    return kept.has_table(conn, _TABLE)


def invalidate_stories(conn: Connection, story_ids: Iterable[int | str | None]) -> None:
    """Mark the stories' contradictions as changed (inside the caller's write transaction)."""
    invalidate_counted(conn, {int(s): 1 for s in story_ids if s is not None})


def invalidate_counted(conn: Connection, times: Mapping[int, int]) -> None:
    """:func:`invalidate_stories` for changes counted per story: ``times[story]`` bumps of its version at once.

    Why: the ingest invalidates once per batch what each article invalidated as it was added;
    the versions then read what they would have read had each article invalidated its own.
    """
    ids = sorted(s for s, n in times.items() if n)
    if not ids or not available(conn):
        return
    # Only stories that still exist (a deleted story's row went with it).
    live = [
        r.id for chunk in chunks(ids) for r in conn.execute(select(t.stories.c.id).where(t.stories.c.id.in_(chunk)))
    ]
    upsert(
        conn,
        t.story_contradictions,
        [{"story_id": s, "version": times[s], "flags": None} for s in live],
        ["story_id"],
        {"version": "add", "flags": "set"},
    )


def invalidate_clusters(conn: Connection, cluster_ids: Iterable[int]) -> None:
    """:func:`invalidate_stories` for the stories of the given cross-article event clusters."""
    ids = sorted(set(cluster_ids))
    c = t.event_clusters.c
    stories = {r.story_id for chunk in chunks(ids) for r in conn.execute(select(c.story_id).where(c.id.in_(chunk)))}
    invalidate_stories(conn, stories)


def invalidate_article(conn: Connection, article_id: int | None) -> None:
    """:func:`invalidate_stories` for the story the article belongs to (if any)."""
    if article_id is None:
        return
    sm = t.story_members.c
    invalidate_stories(conn, [conn.execute(select(sm.story_id).where(sm.article_id == article_id)).scalar()])


def story_flags(
    conn: Connection, story_ids: Sequence[int], compute: Any, *, valid: Any = None
) -> dict[int, dict[str, Any]]:
    """The kept flags of each story, computing (``compute(story_ids) -> {story: flags}``) and keeping
    the missing ones (and those ``valid(flags)`` rejects: kept in an older shape).

    ``flags``: ``{"v", "articles", "first", "cluster", "subject", "denied"}``
    as :func:`dossier.store.cross_queries` builds them.
    """
    if not story_ids:
        return {}
    if not available(conn):
        return compute(list(story_ids))
    s = t.story_contradictions.c
    found: dict[int, dict[str, Any]] = {}
    versions: dict[int, int] = {}
    for chunk in chunks(sorted(set(story_ids))):
        for r in conn.execute(select(s.story_id, s.version, s.flags).where(s.story_id.in_(chunk))):
            versions[r.story_id] = r.version
            if r.flags is not None and (valid is None or valid(r.flags)):
                found[r.story_id] = r.flags
    missing = [x for x in story_ids if x not in found]
    if missing:
        computed = compute(missing)
        found.update(computed)
        _keep(conn, {x: computed[x] for x in missing if x in computed}, versions)
    return found


def _keep(conn: Connection, computed: dict[int, dict[str, Any]], versions: dict[int, int]) -> None:
    """Store computed flags where the story's version is still the one read (best effort:
    :func:`dossier.store.kept.keep`; if the store is busy they are computed again next time)."""
    if not computed:
        return
    rows = [(story, versions.get(story, 0), flags) for story, flags in computed.items()]
    kept.keep(conn, lambda c: _write(c, rows), what="contradictions")


def _write(conn: Connection, rows: list[tuple[int, int, dict[str, Any]]]) -> None:
    s = t.story_contradictions.c
    from sqlalchemy.dialects import postgresql, sqlite

    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    for story, version, flags in rows:
        if version == 0:  # no row yet: create it unless a writer did meanwhile
            stmt = dialect_insert(t.story_contradictions).values(story_id=story, version=0, flags=flags)
            done = conn.execute(stmt.on_conflict_do_nothing(index_elements=["story_id"])).rowcount
            if done:
                continue
        conn.execute(
            update(t.story_contradictions).where(s.story_id == story, s.version == version).values(flags=flags)
        )
