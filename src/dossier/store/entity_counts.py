"""How often each entity is named: ``entities.mention_count`` and ``entities.article_count``.

Why stored: every listing of entities ranks them by these two numbers, and an entity's page, the
ingest summary and the exports show them.  Counting them from ``mentions`` on each read costs all
of an entity's mentions (over a million for a country in a million-article store), and ranking
all entities costs every mention in the store.  Stored, a read costs one row per entity.

Why they cannot go stale: every write that adds, removes or moves mentions goes through this
module, inside the same transaction as the write itself:

* the writer adds an article's mentions (:func:`add_rows`): a new article, a revision or a
  re-analysis, whose old mentions were removed first (:func:`remove_articles`);
* deleting an article removes its mentions (:func:`remove_articles`, before the cascade);
* corrections that move mentions between entities of a few articles (a split replayed on
  re-analysed articles) diff the articles' counts before and after (:func:`tracking`);
* corrections that move all of an entity's mentions (merge, split, and undoing them) recount
  the entities involved (:func:`recount`): an analyst's action, rare, and exact.

The cost of a write follows the mentions it writes, never the entity's history.  :func:`check`
compares the stored figures with a recount (``bench/clone_store.py --check``, the tests).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, bindparam, distinct, func, select, update

from dossier.store import schema as t
from dossier.store.sqlutil import chunks

#: (mentions, articles) by entity id.
Counts = dict[int, tuple[int, int]]


def _per_article(conn: Connection, article_ids: Sequence[int]) -> Counter[tuple[int, int]]:
    """Mentions per (article, entity) of the given articles: one indexed query per 500 articles."""
    m = t.mentions.c
    out: Counter[tuple[int, int]] = Counter()
    for chunk in chunks(sorted(set(article_ids)), 500):
        for article_id, entity_id, n in conn.execute(
            select(m.article_id, m.entity_id, func.count())
            .where(m.article_id.in_(chunk))
            .group_by(m.article_id, m.entity_id)
        ):
            out[(int(article_id), int(entity_id))] = int(n)
    return out


def _apply(conn: Connection, delta: Mapping[int, tuple[int, int]]) -> None:
    """Add (mentions, articles) to each entity's stored counts: one statement for all of them."""
    rows = [{"eid": eid, "dm": dm, "da": da} for eid, (dm, da) in sorted(delta.items()) if dm or da]
    if not rows:
        return
    e = t.entities.c
    conn.execute(
        update(t.entities)
        .where(e.id == bindparam("eid"))
        .values(mention_count=e.mention_count + bindparam("dm"), article_count=e.article_count + bindparam("da")),
        rows,
    )


def apply(conn: Connection, delta: Mapping[int, tuple[int, int]]) -> None:
    """Add (mentions, articles) to each entity's stored counts (what :func:`row_counts` gave)."""
    _apply(conn, delta)


def row_counts(rows: Iterable[Mapping[str, Any]]) -> Counts:
    """(mentions, articles) by entity of mention rows about to be counted (see :func:`add_rows`).

    Why apart from :func:`add_rows`: the ingest sums a whole batch's counts and writes them once.
    """
    mentions: Counter[int] = Counter()
    pairs: set[tuple[int, int]] = set()
    for r in rows:
        mentions[int(r["entity_id"])] += 1
        pairs.add((int(r["article_id"]), int(r["entity_id"])))
    articles = Counter(eid for _aid, eid in pairs)
    return {eid: (n, articles[eid]) for eid, n in mentions.items()}


def add_rows(conn: Connection, rows: Iterable[Mapping[str, Any]]) -> None:
    """Count mention rows just inserted (dicts with ``article_id`` and ``entity_id``).

    The rows must be the first mentions of their articles (a new article, or one whose mentions
    were removed with :func:`remove_articles`): each (article, entity) pair counts one article.
    """
    _apply(conn, row_counts(rows))


def remove_articles(conn: Connection, article_ids: Sequence[int]) -> None:
    """Uncount every mention of these articles: call it before their mentions are deleted."""
    delta: dict[int, tuple[int, int]] = {}
    for (_aid, eid), n in _per_article(conn, article_ids).items():
        dm, da = delta.get(eid, (0, 0))
        delta[eid] = (dm - n, da - 1)
    _apply(conn, delta)


@contextmanager
def tracking(conn: Connection, article_ids: Sequence[int]) -> Iterator[None]:
    """Keep the counts right while the body moves, adds or removes mentions of these articles only.

    Reads the articles' mentions per entity before and after and applies the difference: the
    cost follows the articles, not the entities' histories.
    """
    before = _per_article(conn, article_ids)
    yield
    after = _per_article(conn, article_ids)
    delta: dict[int, tuple[int, int]] = {}
    for key in before.keys() | after.keys():
        n0, n1 = before.get(key, 0), after.get(key, 0)
        if n0 == n1:
            continue
        eid = key[1]
        dm, da = delta.get(eid, (0, 0))
        delta[eid] = (dm + n1 - n0, da + (n1 > 0) - (n0 > 0))
    _apply(conn, delta)


def _recount_query(entity_ids: Sequence[int] | None) -> Any:
    m = t.mentions.c
    q = select(m.entity_id, func.count().label("n"), func.count(distinct(m.article_id)).label("a"))
    if entity_ids is not None:
        q = q.where(m.entity_id.in_(list(entity_ids)))
    return q.group_by(m.entity_id)


def recount(conn: Connection, entity_ids: Iterable[int] | None = None) -> None:
    """Set the counts of ``entity_ids`` (every entity when None) from their mentions, set-based.

    Costs all the mentions of those entities: for an analyst's merge or split, a migration or a
    cloned benchmark store, not for the writer.
    """
    e = t.entities.c
    if entity_ids is None:
        conn.execute(update(t.entities).values(mention_count=0, article_count=0))
        counted = _recount_query(None).subquery()
        conn.execute(
            update(t.entities)
            .where(e.id == counted.c.entity_id)
            .values(mention_count=counted.c.n, article_count=counted.c.a)
        )
        return
    for chunk in chunks(sorted(set(entity_ids)), 500):
        found = {int(eid): (int(n), int(a)) for eid, n, a in conn.execute(_recount_query(chunk))}
        rows = [{"eid": eid, "n": found.get(eid, (0, 0))[0], "a": found.get(eid, (0, 0))[1]} for eid in chunk]
        conn.execute(
            update(t.entities)
            .where(e.id == bindparam("eid"))
            .values(mention_count=bindparam("n"), article_count=bindparam("a")),
            rows,
        )


def check(conn: Connection, entity_ids: Iterable[int] | None = None) -> Counts:
    """Entities whose stored counts differ from a recount: id -> the stored (mentions, articles).

    Empty when every count is right.
    """
    e = t.entities.c
    ids = None if entity_ids is None else sorted(set(entity_ids))
    counted = {int(eid): (int(n), int(a)) for eid, n, a in conn.execute(_recount_query(ids))}
    q = select(e.id, e.mention_count, e.article_count)
    if ids is not None:
        q = q.where(e.id.in_(ids))
    return {
        int(r.id): (int(r.mention_count), int(r.article_count))
        for r in conn.execute(q)
        if (int(r.mention_count), int(r.article_count)) != counted.get(int(r.id), (0, 0))
    }
