"""``StoryStore`` in SQL: the story index of :mod:`dossier.resolve.stories` kept in the store.

Tables ``story_df``, ``stories``, ``story_terms``, ``story_postings``,
``story_members``.  Postings are capped per term and read by term with
``LIMIT``, so candidate look-up costs the same whatever the store's size.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from dossier.resolve.stories import StoryState
from dossier.store import schema as t
from dossier.store.sqlutil import chunks, parse_utc, upsert, utc_iso

_DOC_COUNT = select(t.story_df.c.df).where(t.story_df.c.term == "")
_DFS = select(t.story_df.c.term, t.story_df.c.df).where(t.story_df.c.term.in_(bindparam("terms", expanding=True)))
_POSTINGS = (
    select(t.story_postings.c.story_id)
    .where(t.story_postings.c.term == bindparam("term"))
    .order_by(t.story_postings.c.last_seen.desc(), t.story_postings.c.story_id.desc())
    .limit(bindparam("limit"))
)
_RANKED = (
    select(
        t.story_postings.c.term,
        t.story_postings.c.story_id,
        func.row_number()
        .over(
            partition_by=t.story_postings.c.term,
            order_by=(t.story_postings.c.last_seen.desc(), t.story_postings.c.story_id.desc()),
        )
        .label("rank"),
    )
    .where(t.story_postings.c.term.in_(bindparam("terms", expanding=True)))
    .subquery()
)
_POSTINGS_MANY = (
    select(_RANKED.c.term, _RANKED.c.story_id)
    .where(_RANKED.c.rank <= bindparam("limit"))
    .order_by(_RANKED.c.term, _RANKED.c.rank.desc())
)
_STORY = select(t.stories).where(t.stories.c.id == bindparam("sid"))
_STORY_TERMS = select(t.story_terms.c.term, t.story_terms.c.weight).where(t.story_terms.c.story_id == bindparam("sid"))
_STORY_OF = select(t.story_members.c.story_id).where(t.story_members.c.article_id == bindparam("aid"))


class SqlStoryStore:
    """``StoryStore`` over ``story_df``, ``stories``, ``story_terms``, ``story_postings``, ``story_members``.

    ``put_story`` writes only the centroid terms that changed since the story
    was read (at most the article's 200 terms, unless the centroid was pruned).
    Postings are stamped with the document count, which grows by one per add,
    so "most recent" is ``ORDER BY last_seen DESC``.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._loaded: dict[str, dict[str, float]] = {}
        # Stories read in this transaction: the same candidates recur for every article of a
        # batch, and reading a centroid is the costliest query of an add.  The store lives as
        # long as one ingest chunk's transaction, so the cache cannot go stale.
        self._states: dict[str, StoryState] = {}
        self._n: int | None = None  # the document count, read once per transaction
        # Document frequencies read (or counted up) in this transaction: an add asks for its terms
        # twice (weights, then candidates) and a batch's articles share most of their terms.
        self._df: dict[str, int] = {}

    def doc_count(self) -> int:
        if self._n is None:
            self._n = int(self.conn.execute(_DOC_COUNT).scalar() or 0)
        return self._n

    def dfs(self, terms: Sequence[str]) -> dict[str, int]:
        cache = self._df
        wanted = sorted(set(terms) - {""} - cache.keys())
        for chunk in chunks(wanted):
            found = dict(self.conn.execute(_DFS, {"terms": list(chunk)}).all())
            for term in chunk:
                cache[term] = found.get(term, 0)
        return {term: cache.get(term, 0) for term in terms}

    def add_df(self, terms: Iterable[str]) -> None:
        unique = [term for term in dict.fromkeys(terms) if term]
        rows = [{"term": "", "df": 1}] + [{"term": term, "df": 1} for term in unique]
        upsert(self.conn, t.story_df, rows, ["term"], {"df": "add"})
        if self._n is not None:
            self._n += 1
        for term in unique:  # keep what was read current; a term never read is read when asked for
            if term in self._df:
                self._df[term] += 1

    def postings(self, term: str, limit: int) -> list[str]:
        rows = self.conn.execute(_POSTINGS, {"term": term, "limit": limit}).scalars().all()
        return [str(r) for r in reversed(rows)]  # oldest first, as the memory store

    def postings_many(self, terms: Sequence[str], limit: int) -> dict[str, list[str]]:
        """:meth:`postings` of several terms in one statement (a window function ranks each term's rows)."""
        out: dict[str, list[str]] = {term: [] for term in terms}
        wanted = sorted(set(terms))
        for chunk in chunks(wanted):
            for term, story_id in self.conn.execute(_POSTINGS_MANY, {"terms": list(chunk), "limit": limit}):
                out[term].append(str(story_id))
        return out

    def add_postings(self, story_id: str, terms: Iterable[str], cap: int) -> None:
        terms = list(dict.fromkeys(terms))
        if not terms:
            return
        stamp = self.doc_count() + 1
        sid = int(story_id)
        rows = [{"term": term, "story_id": sid, "last_seen": stamp} for term in terms]
        upsert(self.conn, t.story_postings, rows, ["term", "story_id"], {"last_seen": "set"})
        # Keep at most ``cap`` stories per term: every term holds <= cap + 1 rows here.
        c = t.story_postings.c
        full = self.conn.execute(
            select(c.term).where(c.term.in_(terms)).group_by(c.term).having(func.count() > cap)
        ).all()
        for (term,) in full:
            cut = self.conn.execute(
                select(c.last_seen).where(c.term == term).order_by(c.last_seen.desc()).offset(cap).limit(1)
            ).scalar()
            if cut is not None:
                self.conn.execute(delete(t.story_postings).where(c.term == term, c.last_seen <= cut))

    def get_story(self, story_id: str) -> StoryState | None:
        if story_id in self._states:
            return self._states[story_id]
        sid = int(story_id)
        row = self.conn.execute(_STORY, {"sid": sid}).first()
        if row is None:
            return None
        centroid: dict[str, float] = dict(self.conn.execute(_STORY_TERMS, {"sid": sid}).all())
        self._loaded[story_id] = dict(centroid)
        self._states[story_id] = StoryState(
            story_id=story_id,
            centroid=centroid,
            sqnorm=row.sqnorm,
            n_articles=row.n_articles,
            first_published=parse_utc(row.first_published),
            last_published=parse_utc(row.last_published),
        )
        return self._states[story_id]

    def put_story(self, story: StoryState) -> None:
        sid = int(story.story_id)
        values = {
            "n_articles": story.n_articles,
            "sqnorm": story.sqnorm,
            "first_published": utc_iso(story.first_published),
            "last_published": utc_iso(story.last_published),
        }
        if not self.conn.execute(update(t.stories).where(t.stories.c.id == sid).values(**values)).rowcount:
            self.conn.execute(insert(t.stories).values(id=sid, **values))
        before = self._loaded.get(story.story_id)
        if before is None:
            before = {
                r.term: r.weight
                for r in self.conn.execute(
                    select(t.story_terms.c.term, t.story_terms.c.weight).where(t.story_terms.c.story_id == sid)
                )
            }
        cen = story.centroid
        changed = [{"story_id": sid, "term": k, "weight": w} for k, w in cen.items() if before.get(k) != w]
        gone = [k for k in before if k not in cen]
        upsert(self.conn, t.story_terms, changed, ["story_id", "term"], {"weight": "set"})
        for chunk in chunks(gone):
            self.conn.execute(
                delete(t.story_terms).where(t.story_terms.c.story_id == sid, t.story_terms.c.term.in_(chunk))
            )
        self._loaded[story.story_id] = dict(cen)
        self._states[story.story_id] = story

    def new_story_id(self) -> str:
        sid = self.conn.execute(insert(t.stories).values(n_articles=0, sqnorm=0.0)).inserted_primary_key[0]
        self._loaded[str(sid)] = {}
        return str(sid)

    def set_story(self, article_id: str, story_id: str) -> None:
        upsert(
            self.conn,
            t.story_members,
            [{"article_id": int(article_id), "story_id": int(story_id)}],
            ["article_id"],
            {"story_id": "set"},
        )

    def story_of(self, article_id: str) -> str | None:
        value = self.conn.execute(_STORY_OF, {"aid": int(article_id)}).scalar()
        return str(value) if value is not None else None

    def members(self, story_id: str) -> list[str]:
        rows = self.conn.execute(
            select(t.story_members.c.article_id)
            .where(t.story_members.c.story_id == int(story_id))
            .order_by(t.story_members.c.article_id)
        )
        return [str(r.article_id) for r in rows]
