"""``StoryStore`` in SQL: the story index of :mod:`dossier.resolve.stories` kept in the store.

Tables ``story_df``, ``stories``, ``story_terms``, ``story_postings``,
``story_members``.  Postings are capped per term and read by term with
``LIMIT``, so candidate look-up costs the same whatever the store's size.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, tuple_, update

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
        t.story_postings.c.last_seen,
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
    select(_RANKED.c.term, _RANKED.c.story_id, _RANKED.c.last_seen)
    .where(_RANKED.c.rank <= bindparam("limit"))
    .order_by(_RANKED.c.term, _RANKED.c.rank.desc())
)
_UPDATE_STORY = (
    update(t.stories)
    .where(t.stories.c.id == bindparam("sid"))
    .values(
        n_articles=bindparam("n_articles"),
        sqnorm=bindparam("sqnorm"),
        first_published=bindparam("first_published"),
        last_published=bindparam("last_published"),
    )
)
_STORY = select(t.stories).where(t.stories.c.id == bindparam("sid"))
_STORY_TERMS = select(t.story_terms.c.term, t.story_terms.c.weight).where(t.story_terms.c.story_id == bindparam("sid"))
_STORY_OF = select(t.story_members.c.story_id).where(t.story_members.c.article_id == bindparam("aid"))
_STORIES = select(t.stories).where(t.stories.c.id.in_(bindparam("sids", expanding=True)))
_STORIES_TERMS = select(t.story_terms.c.story_id, t.story_terms.c.term, t.story_terms.c.weight).where(
    t.story_terms.c.story_id.in_(bindparam("sids", expanding=True))
)


def _centroid(rows: Iterable[tuple[str, float]]) -> dict[str, float]:
    """A story's ``(term, weight)`` rows as its centroid, in the terms' code-point order.

    Why an order: a centroid's order decides which of equal weights pruning keeps (and the order of
    float sums), so it decides what is stored.  SQLite reads a story's terms along its primary key
    ``(story_id, term)``, which is this order (UTF-8 bytes compare as code points); PostgreSQL
    returned them in whatever order its plan gave.  Sorting here gives the same centroid on both,
    however the rows were read.
    """
    return dict(sorted(rows, key=_term))


def _term(row: tuple[str, float]) -> str:
    return row[0]


class SqlStoryStore:
    """``StoryStore`` over ``story_df``, ``stories``, ``story_terms``, ``story_postings``, ``story_members``.

    Postings are stamped with the document count, which grows by one per add,
    so "most recent" is ``ORDER BY last_seen DESC``.

    With ``deferred=True`` writes wait in memory until :meth:`flush` (the ingest's
    cross-article pass flushes once per batch; otherwise each write is flushed at once):
    the stories' rows and changed centroid terms, memberships, document frequencies and
    postings, each then written with one statement for the whole batch.  Reads see what
    waits: the stories and frequencies read are kept current in memory, a posting list
    read from the store is merged with the postings waiting, and the postings beyond a
    term's cap are cut at the flush.  That gives every read what it would have read had
    each add been written at once (the cap only drops postings older than the ``cap`` a
    read returns).
    """

    def __init__(self, conn: Connection, *, deferred: bool = False) -> None:
        self.conn = conn
        self.deferred = deferred
        # The centroid of each story as the store holds it (read, or last flushed).
        self._loaded: dict[str, dict[str, float]] = {}
        # Stories read in this transaction: the same candidates recur for every article of a
        # batch, and reading a centroid is the costliest query of an add.  The store lives as
        # long as one ingest chunk's transaction, so the cache cannot go stale.
        self._states: dict[str, StoryState] = {}
        self._n: int | None = None  # the document count, read once per transaction
        # Document frequencies read (or counted up) in this transaction: an add asks for its terms
        # twice (weights, then candidates) and a batch's articles share most of their terms.
        self._df: dict[str, int] = {}
        # Waiting for flush(): stories put, memberships, df increments, postings (term -> story -> stamp).
        self._dirty: dict[str, StoryState] = {}
        self._members: dict[int, int] = {}
        self._df_add: dict[str, int] = {}
        self._n_add = 0
        self._postings: dict[str, dict[int, int]] = {}
        self._cap: int | None = None

    def doc_count(self) -> int:
        if self._n is None:
            self._n = int(self.conn.execute(_DOC_COUNT).scalar() or 0) + self._n_add
        return self._n

    def dfs(self, terms: Sequence[str]) -> dict[str, int]:
        cache = self._df
        wanted = sorted(set(terms) - {""} - cache.keys())
        waiting = self._df_add
        for chunk in chunks(wanted):
            found = dict(self.conn.execute(_DFS, {"terms": list(chunk)}).all())
            for term in chunk:
                cache[term] = found.get(term, 0) + waiting.get(term, 0)
        return {term: cache.get(term, 0) for term in terms}

    def add_df(self, terms: Iterable[str]) -> None:
        unique = [term for term in dict.fromkeys(terms) if term]
        self._n_add += 1
        if self._n is not None:
            self._n += 1
        waiting = self._df_add
        for term in unique:  # keep what was read current; a term never read is read when asked for
            waiting[term] = waiting.get(term, 0) + 1
            if term in self._df:
                self._df[term] += 1
        if not self.deferred:
            self.flush()

    def postings(self, term: str, limit: int) -> list[str]:
        return self.postings_many([term], limit)[term]

    def postings_many(self, terms: Sequence[str], limit: int) -> dict[str, list[str]]:
        """:meth:`postings` of several terms in one statement (a window function ranks each term's rows).

        A term's most recent ``limit`` stored postings, merged with those waiting for the flush
        (always more recent): enough to give its most recent ``limit`` in all.
        """
        if self._cap is not None:
            limit = min(limit, self._cap)  # what the store would hold once cut to the cap
        found: dict[str, dict[int, int]] = {term: {} for term in terms}
        wanted = sorted(set(terms))
        for chunk in chunks(wanted):
            for term, story_id, last_seen in self.conn.execute(_POSTINGS_MANY, {"terms": list(chunk), "limit": limit}):
                found[term][int(story_id)] = int(last_seen)
        out: dict[str, list[str]] = {}
        for term, stored in found.items():
            waiting = self._postings.get(term)
            if waiting:
                stored.update(waiting)
            recent = sorted(stored.items(), key=lambda kv: (kv[1], kv[0]))[-limit:]
            out[term] = [str(sid) for sid, _stamp in recent]  # oldest first, as the memory store
        return out

    def add_postings(self, story_id: str, terms: Iterable[str], cap: int) -> None:
        terms = list(dict.fromkeys(terms))
        if not terms:
            return
        if self._cap is not None and self._cap != cap:
            self._flush_postings()
        self._cap = cap
        stamp = self.doc_count() + 1
        sid = int(story_id)
        for term in terms:
            self._postings.setdefault(term, {})[sid] = stamp
        if not self.deferred:
            self.flush()

    def get_story(self, story_id: str) -> StoryState | None:
        if story_id in self._states:
            return self._states[story_id]
        sid = int(story_id)
        row = self.conn.execute(_STORY, {"sid": sid}).first()
        if row is None:
            return None
        return self._remember(story_id, row, _centroid(self.conn.execute(_STORY_TERMS, {"sid": sid}).all()))

    def load_stories(self, story_ids: Sequence[str]) -> None:
        """Read the stories of ``story_ids`` not read yet in this transaction, two statements per chunk.

        Why: an add scores up to ``max_candidates`` (30) stories, and at 1,000,000 articles about 21
        of them per article were not read yet by the batch: two statements each (the row, then the
        centroid's terms), 18 ms of the writer's 48 ms of CPU per article.  What :meth:`get_story`
        returns afterwards is what it would have read itself (same rows, the same centroid).
        """
        wanted: dict[int, list[str]] = {}
        for story_id in dict.fromkeys(story_ids):
            if story_id not in self._states:
                wanted.setdefault(int(story_id), []).append(story_id)
        for chunk in chunks(sorted(wanted)):
            rows = {int(r.id): r for r in self.conn.execute(_STORIES, {"sids": list(chunk)})}
            if not rows:
                continue
            terms: dict[int, list[tuple[str, float]]] = {sid: [] for sid in rows}
            for sid, term, weight in self.conn.execute(_STORIES_TERMS, {"sids": sorted(rows)}):
                terms[sid].append((term, weight))
            for sid, row in rows.items():
                for story_id in wanted[sid]:
                    self._remember(story_id, row, _centroid(terms[sid]))

    def _remember(self, story_id: str, row: Any, centroid: dict[str, float]) -> StoryState:
        """Keep a story read from the store (its row and its centroid as stored) for this transaction."""
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
        if story.story_id not in self._loaded:
            self._write_row(story)  # a story this store neither read nor created: its row now
        self._states[story.story_id] = story
        self._dirty[story.story_id] = story
        if not self.deferred:
            self.flush()

    def _write_row(self, story: StoryState) -> None:
        sid = int(story.story_id)
        values = {
            "n_articles": story.n_articles,
            "sqnorm": story.sqnorm,
            "first_published": utc_iso(story.first_published),
            "last_published": utc_iso(story.last_published),
        }
        if not self.conn.execute(update(t.stories).where(t.stories.c.id == sid).values(**values)).rowcount:
            self.conn.execute(insert(t.stories).values(id=sid, **values))
        before = {
            r.term: r.weight
            for r in self.conn.execute(
                select(t.story_terms.c.term, t.story_terms.c.weight).where(t.story_terms.c.story_id == sid)
            )
        }
        self._loaded[story.story_id] = before

    def new_story_id(self) -> str:
        sid = self.conn.execute(insert(t.stories).values(n_articles=0, sqnorm=0.0)).inserted_primary_key[0]
        self._loaded[str(sid)] = {}
        return str(sid)

    def set_story(self, article_id: str, story_id: str) -> None:
        self._members[int(article_id)] = int(story_id)
        if not self.deferred:
            self.flush()

    def story_of(self, article_id: str) -> str | None:
        waiting = self._members.get(int(article_id))
        if waiting is not None:
            return str(waiting)
        value = self.conn.execute(_STORY_OF, {"aid": int(article_id)}).scalar()
        return str(value) if value is not None else None

    def members(self, story_id: str) -> list[str]:
        self.flush()
        rows = self.conn.execute(
            select(t.story_members.c.article_id)
            .where(t.story_members.c.story_id == int(story_id))
            .order_by(t.story_members.c.article_id)
        )
        return [str(r.article_id) for r in rows]

    def flush(self) -> None:
        """Write what waits: stories and their changed terms, memberships, frequencies, postings."""
        conn = self.conn
        if self._dirty:
            conn.execute(
                _UPDATE_STORY,
                [
                    {
                        "sid": int(story.story_id),
                        "n_articles": story.n_articles,
                        "sqnorm": story.sqnorm,
                        "first_published": utc_iso(story.first_published),
                        "last_published": utc_iso(story.last_published),
                    }
                    for story in self._dirty.values()
                ],
            )
            changed: list[dict[str, object]] = []
            for story in self._dirty.values():
                sid = int(story.story_id)
                before = self._loaded.get(story.story_id, {})
                cen = story.centroid
                changed.extend({"story_id": sid, "term": k, "weight": w} for k, w in cen.items() if before.get(k) != w)
                gone = [k for k in before if k not in cen]
                for chunk in chunks(gone):
                    conn.execute(
                        delete(t.story_terms).where(t.story_terms.c.story_id == sid, t.story_terms.c.term.in_(chunk))
                    )
                self._loaded[story.story_id] = dict(cen)
            upsert(conn, t.story_terms, changed, ["story_id", "term"], {"weight": "set"})
            self._dirty.clear()
        if self._members:
            upsert(
                conn,
                t.story_members,
                [{"article_id": aid, "story_id": sid} for aid, sid in self._members.items()],
                ["article_id"],
                {"story_id": "set"},
            )
            self._members.clear()
        if self._n_add:
            rows = [{"term": "", "df": self._n_add}] + [{"term": k, "df": n} for k, n in self._df_add.items()]
            upsert(conn, t.story_df, rows, ["term"], {"df": "add"})
            self._n_add = 0
            self._df_add.clear()
        self._flush_postings()

    def _flush_postings(self) -> None:
        """Write the postings waiting, then keep at most ``cap`` stories (the most recent) per term."""
        if not self._postings:
            return
        rows = [
            {"term": term, "story_id": sid, "last_seen": stamp}
            for term, stories in self._postings.items()
            for sid, stamp in stories.items()
        ]
        upsert(self.conn, t.story_postings, rows, ["term", "story_id"], {"last_seen": "set"})
        terms = sorted(self._postings)
        self._postings.clear()
        cap = self._cap
        if cap is None:
            return
        c = t.story_postings.c
        for chunk in chunks(terms):
            full = [
                term
                for (term,) in self.conn.execute(
                    select(c.term).where(c.term.in_(chunk)).group_by(c.term).having(func.count() > cap)
                )
            ]
            if not full:
                continue
            ranked = (
                select(
                    c.term,
                    c.story_id,
                    func.row_number().over(partition_by=c.term, order_by=c.last_seen.desc()).label("rank"),
                )
                .where(c.term.in_(full))
                .subquery()
            )
            beyond = select(ranked.c.term, ranked.c.story_id).where(ranked.c.rank > cap)
            self.conn.execute(delete(t.story_postings).where(tuple_(c.term, c.story_id).in_(beyond)))
