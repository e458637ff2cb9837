"""The cross-article layer in the store: copies, stories, cross-article events (issue #7).

Three parts:

* SQL implementations of the resolve modules' storage protocols
  (:class:`SqlCopyStore` for ``resolve.copies.CopyStore``,
  :class:`SqlStoryStore` for ``resolve.stories.StoryStore``,
  :class:`SqlEventStore` for ``resolve.eventcoref.EventStore``), over one
  SQLAlchemy connection, with the memory stores' semantics.  Every call of
  an ``add`` touches indexed rows only: bands by their ``(band, bucket)``
  primary key, postings by term with ``LIMIT``, story terms by story, event
  clusters by ``(story, kind)``.
* :class:`CrossArticle`, the resolve pass the ingest job runs for each new
  or revised article inside the transaction that stores it.
* Read-side queries for ``dossier stories/story/copies/contradictions`` and
  the ``sources``/``independent_sources`` of events and timelines.

Article ids are ``articles.id`` integers here and strings in the resolve
modules; they are converted at this boundary (``str()``/``int()``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, func, insert, or_, select, update

from dossier.errors import NotFound
from dossier.model import Article, DocAnalysis, Event
from dossier.resolve.copies import CopyIndex, CopyItem, CopyLink, normalise_outlet
from dossier.resolve.corroboration import corroborate_articles
from dossier.resolve.eventcoref import EventCluster, EventCorefIndex, EventMentionRef
from dossier.resolve.stories import StoryIndex, StoryState
from dossier.resolve.timeline import polarity
from dossier.store import schema as t

__all__ = [
    "CrossArticle",
    "SourceResolver",
    "SqlCopyStore",
    "SqlEventStore",
    "SqlStoryStore",
    "event_sources",
    "get_story",
    "list_contradictions",
    "list_copies",
    "list_stories",
]

_CHUNK = 500


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _utc_iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _upsert(conn: Connection, table: Any, rows: list[dict[str, Any]], keys: list[str], values: dict[str, str]) -> None:
    """INSERT ... ON CONFLICT DO UPDATE on both dialects; ``values``: column -> ``set`` or ``add``."""
    if rows:
        stmt = _upsert_stmt(conn.dialect.name, table.name, tuple(keys), tuple(sorted(values.items())))
        conn.execute(stmt, rows)


@lru_cache(maxsize=32)
def _upsert_stmt(dialect: str, table_name: str, keys: tuple[str, ...], values: tuple[tuple[str, str], ...]) -> Any:
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    table = t.metadata.tables[table_name]
    stmt = dialect_insert(table)
    set_ = {col: (stmt.excluded[col] if how == "set" else table.c[col] + stmt.excluded[col]) for col, how in values}
    return stmt.on_conflict_do_update(index_elements=list(keys), set_=set_)


# Hot statements are built once, with bound parameters: building a Core statement per call
# cost more than running it on SQLite.
_ITEM = select(t.copy_items).where(t.copy_items.c.article_id == bindparam("aid"))
_DOC_COUNT = select(t.story_df.c.df).where(t.story_df.c.term == "")
_DFS = select(t.story_df.c.term, t.story_df.c.df).where(t.story_df.c.term.in_(bindparam("terms", expanding=True)))
_POSTINGS = (
    select(t.story_postings.c.story_id)
    .where(t.story_postings.c.term == bindparam("term"))
    .order_by(t.story_postings.c.last_seen.desc(), t.story_postings.c.story_id.desc())
    .limit(bindparam("limit"))
)
_STORY = select(t.stories).where(t.stories.c.id == bindparam("sid"))
_STORY_TERMS = select(t.story_terms.c.term, t.story_terms.c.weight).where(t.story_terms.c.story_id == bindparam("sid"))
_STORY_OF = select(t.story_members.c.story_id).where(t.story_members.c.article_id == bindparam("aid"))


@lru_cache(maxsize=4)
def _band_lookup(n: int) -> Any:
    c = t.copy_bands.c
    return select(c.article_id).where(
        or_(*(and_(c.band == band, c.bucket == bindparam(f"k{band}")) for band in range(n)))
    )


# -- copies ----------------------------------------------------------------------------


class SqlCopyStore:
    """``CopyStore`` over ``copy_items``, ``copy_bands``, ``copy_links`` and ``copy_groups``."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def next_seq(self) -> int:
        return int(self.conn.execute(select(func.max(t.copy_items.c.seq))).scalar() or 0) + 1

    def put_item(self, item: CopyItem) -> None:
        values = {
            "seq": item.seq,
            "text_hash": item.hash,
            "published": _utc_iso(item.published),
            "outlet": item.outlet,
            "n_shingles": item.size,
            "signature": item.signature,
            "credited": item.credited,
            "group_id": int(item.group or item.article_id),
        }
        aid = int(item.article_id)
        done = self.conn.execute(update(t.copy_items).where(t.copy_items.c.article_id == aid).values(**values))
        if not done.rowcount:
            self.conn.execute(insert(t.copy_items).values(article_id=aid, **values))

    @staticmethod
    def _item(row: Any) -> CopyItem:
        return CopyItem(
            article_id=str(row.article_id),
            seq=row.seq,
            hash=row.text_hash,
            published=_parse(row.published),
            outlet=row.outlet,
            size=row.n_shingles,
            signature=bytes(row.signature),
            credited=row.credited,
            group=str(row.group_id),
        )

    def get_item(self, article_id: str) -> CopyItem | None:
        row = self.conn.execute(_ITEM, {"aid": int(article_id)}).first()
        return self._item(row) if row is not None else None

    def get_items(self, article_ids: Iterable[str]) -> dict[str, CopyItem]:
        """Several items in one query (not in the protocol; used by reads)."""
        ids = sorted({int(a) for a in article_ids})
        out: dict[str, CopyItem] = {}
        for chunk in _chunks(ids):
            for row in self.conn.execute(select(t.copy_items).where(t.copy_items.c.article_id.in_(chunk))):
                out[str(row.article_id)] = self._item(row)
        return out

    def ids_with_hash(self, text_hash: str) -> list[str]:
        rows = self.conn.execute(
            select(t.copy_items.c.article_id).where(t.copy_items.c.text_hash == text_hash).order_by(t.copy_items.c.seq)
        )
        return [str(r.article_id) for r in rows]

    def add_bands(self, article_id: str, keys: Sequence[int]) -> None:
        aid = int(article_id)
        rows = [{"band": band, "bucket": int(key), "article_id": aid} for band, key in enumerate(keys)]
        self.conn.execute(insert(t.copy_bands), rows)

    def band_members(self, keys: Sequence[int]) -> set[str]:
        # One statement, one primary-key point look-up per band.
        params = {f"k{band}": int(key) for band, key in enumerate(keys)}
        return {str(r.article_id) for r in self.conn.execute(_band_lookup(len(keys)), params)}

    def add_link(self, link: CopyLink) -> None:
        self.conn.execute(
            insert(t.copy_links).values(
                copy_id=int(link.copy),
                original_id=int(link.original) if link.original is not None else None,
                kind=link.kind,
                jaccard=link.jaccard,
                containment=link.containment,
                source=link.source,
            )
        )

    @staticmethod
    def _link(row: Any) -> CopyLink:
        return CopyLink(
            str(row.copy_id),
            str(row.original_id) if row.original_id is not None else None,
            row.kind,
            row.jaccard,
            row.containment,
            row.source,
        )

    def links_of(self, article_id: str) -> list[CopyLink]:
        rows = self.conn.execute(
            select(t.copy_links).where(t.copy_links.c.copy_id == int(article_id)).order_by(t.copy_links.c.id)
        )
        return [self._link(r) for r in rows]

    def group_members(self, group: str) -> list[str]:
        rows = self.conn.execute(
            select(t.copy_items.c.article_id).where(t.copy_items.c.group_id == int(group)).order_by(t.copy_items.c.seq)
        )
        return [str(r.article_id) for r in rows]

    def group_original(self, group: str) -> str:
        value = self.conn.execute(
            select(t.copy_groups.c.original_id).where(t.copy_groups.c.group_id == int(group))
        ).scalar()
        if value is None:
            raise KeyError(group)
        return str(value)

    def set_group(self, article_ids: Iterable[str], group: str, original: str) -> None:
        ids = sorted({int(a) for a in article_ids})
        gid = int(group)
        old: set[int] = set()
        for chunk in _chunks(ids):
            old.update(
                r.group_id
                for r in self.conn.execute(
                    select(t.copy_items.c.group_id)
                    .where(t.copy_items.c.article_id.in_(chunk), t.copy_items.c.group_id != gid)
                    .distinct()
                )
            )
            self.conn.execute(update(t.copy_items).where(t.copy_items.c.article_id.in_(chunk)).values(group_id=gid))
        if old:
            self.conn.execute(delete(t.copy_groups).where(t.copy_groups.c.group_id.in_(sorted(old))))
        size = int(
            self.conn.execute(
                select(func.count()).select_from(t.copy_items).where(t.copy_items.c.group_id == gid)
            ).scalar_one()
        )
        _upsert(
            self.conn,
            t.copy_groups,
            [{"group_id": gid, "original_id": int(original), "size": size}],
            ["group_id"],
            {"original_id": "set", "size": "set"},
        )

    def groups(self) -> list[str]:
        rows = self.conn.execute(select(t.copy_groups.c.group_id).order_by(t.copy_groups.c.group_id))
        return [str(r.group_id) for r in rows]

    def remove(self, article_id: str) -> None:
        """Forget an article (its text was revised): its item, bands and links.

        The rest of its group stays together (links are not re-checked) and
        gets the earliest remaining item as its original.
        """
        aid = int(article_id)
        item = self.get_item(article_id)
        if item is None:
            return
        c = t.copy_links.c
        self.conn.execute(delete(t.copy_links).where(or_(c.copy_id == aid, c.original_id == aid)))
        self.conn.execute(delete(t.copy_bands).where(t.copy_bands.c.article_id == aid))
        self.conn.execute(delete(t.copy_items).where(t.copy_items.c.article_id == aid))
        gid = int(item.group)
        rest = [self.get_item(a) for a in self.group_members(item.group)]
        members = [m for m in rest if m is not None]
        self.conn.execute(delete(t.copy_groups).where(t.copy_groups.c.group_id == gid))
        if members:
            first = min(members, key=lambda m: (m.published or datetime.max.replace(tzinfo=UTC), m.seq))
            self.conn.execute(
                insert(t.copy_groups).values(group_id=gid, original_id=int(first.article_id), size=len(members))
            )


# -- stories ---------------------------------------------------------------------------


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

    def doc_count(self) -> int:
        return int(self.conn.execute(_DOC_COUNT).scalar() or 0)

    def dfs(self, terms: Sequence[str]) -> dict[str, int]:
        wanted = sorted(set(terms) - {""})
        found: dict[str, int] = {}
        for chunk in _chunks(wanted):
            found.update(self.conn.execute(_DFS, {"terms": list(chunk)}).all())
        return {term: found.get(term, 0) for term in terms}

    def add_df(self, terms: Iterable[str]) -> None:
        rows = [{"term": "", "df": 1}] + [{"term": term, "df": 1} for term in dict.fromkeys(terms) if term]
        _upsert(self.conn, t.story_df, rows, ["term"], {"df": "add"})

    def postings(self, term: str, limit: int) -> list[str]:
        rows = self.conn.execute(_POSTINGS, {"term": term, "limit": limit}).scalars().all()
        return [str(r) for r in reversed(rows)]  # oldest first, as the memory store

    def add_postings(self, story_id: str, terms: Iterable[str], cap: int) -> None:
        terms = list(dict.fromkeys(terms))
        if not terms:
            return
        stamp = self.doc_count() + 1
        sid = int(story_id)
        rows = [{"term": term, "story_id": sid, "last_seen": stamp} for term in terms]
        _upsert(self.conn, t.story_postings, rows, ["term", "story_id"], {"last_seen": "set"})
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
            first_published=_parse(row.first_published),
            last_published=_parse(row.last_published),
        )
        return self._states[story_id]

    def put_story(self, story: StoryState) -> None:
        sid = int(story.story_id)
        values = {
            "n_articles": story.n_articles,
            "sqnorm": story.sqnorm,
            "first_published": _utc_iso(story.first_published),
            "last_published": _utc_iso(story.last_published),
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
        _upsert(self.conn, t.story_terms, changed, ["story_id", "term"], {"weight": "set"})
        for chunk in _chunks(gone):
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
        _upsert(
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


# -- cross-article events ----------------------------------------------------------------


def _event_from_row(row: Any) -> Event:
    return Event(
        kind=row.kind,
        start=row.start,
        end=row.end,
        sentence=row.sentence,
        trigger=row.trigger or "",
        date=row.date,
        date_text=row.date_text,
        reported=row.reported,
        actors=tuple(row.actors or ()),
        targets=tuple(row.targets or ()),
        equipment=tuple(row.equipment or ()),
        place=row.place,
        modality=row.modality,
        attributed_to=row.attributed_to,
        # The stored quote's id: contradictions only ask whether the event is a quote.
        quote_index=row.quote_id,
        id=str(row.id),
    )


def _sentence(text: str, sentences: list[list[int]] | None, index: int) -> str | None:
    if sentences and 0 <= index < len(sentences):
        s, e = sentences[index]
        return text[s:e]
    return None


class SqlEventStore:
    """``EventStore`` over ``event_clusters`` and ``event_mentions``.

    A mention is the stored ``events`` row itself (``Event.id`` carries its
    id), so ``event_mentions`` is only (event, cluster, article).
    ``clusters_in`` returns clusters with their participant words and dates
    but without mentions: that is all the coreference index compares, and it
    keeps an add from reading every mention of a long story.  ``get`` and
    ``all`` load the mentions with their provenance.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def clusters_in(self, story: str, kind: str) -> list[EventCluster]:
        c = t.event_clusters.c
        rows = self.conn.execute(
            select(c.id, c.words, c.dates).where(c.story_id == int(story), c.kind == kind).order_by(c.id)
        )
        return [EventCluster(str(r.id), story, kind, [], set(r.words or ()), set(r.dates or ())) for r in rows]

    def new_cluster(self, story: str, kind: str) -> EventCluster:
        cid = self.conn.execute(
            insert(t.event_clusters).values(story_id=int(story), kind=kind, words=[], dates=[])
        ).inserted_primary_key[0]
        return EventCluster(str(cid), story, kind)

    def save(self, cluster: EventCluster, mention: EventMentionRef) -> None:
        if mention.event.id is None:
            raise ValueError("an event mention needs the stored event's id (Event.id)")
        cid = int(cluster.cluster_id)
        self.conn.execute(
            update(t.event_clusters)
            .where(t.event_clusters.c.id == cid)
            .values(words=sorted(cluster.words), dates=sorted(cluster.dates))
        )
        self.conn.execute(
            insert(t.event_mentions).values(
                event_id=int(mention.event.id), cluster_id=cid, article_id=int(mention.article_id)
            )
        )

    def get(self, cluster_id: str) -> EventCluster | None:
        found = self.load([int(cluster_id)])
        return found[0] if found else None

    def all(self) -> list[EventCluster]:
        return self.load(None)

    def load(self, cluster_ids: list[int] | None = None, *, story: int | None = None) -> list[EventCluster]:
        """Clusters with their mentions: the given ids, one story's, or all."""
        c = t.event_clusters.c
        q = select(t.event_clusters).order_by(c.id)
        if cluster_ids is not None:
            q = q.where(c.id.in_(cluster_ids))
        if story is not None:
            q = q.where(c.story_id == story)
        clusters = {
            r.id: EventCluster(str(r.id), str(r.story_id), r.kind, [], set(r.words or ()), set(r.dates or ()))
            for r in self.conn.execute(q)
        }
        if not clusters:
            return []
        m = t.event_mentions.c
        mq = (
            select(
                t.events,
                m.cluster_id,
                t.articles.c.published.label("article_published"),
                t.articles.c.text.label("article_text"),
                t.articles.c.sentences,
            )
            .join(t.event_mentions, m.event_id == t.events.c.id)
            .join(t.articles, t.articles.c.id == t.events.c.article_id)
            .order_by(m.cluster_id, t.articles.c.published.is_(None), t.articles.c.published, t.events.c.id)
        )
        if story is not None:
            mq = mq.join(t.event_clusters, t.event_clusters.c.id == m.cluster_id).where(
                t.event_clusters.c.story_id == story
            )
        if cluster_ids is not None:
            mq = mq.where(m.cluster_id.in_(cluster_ids))
        for r in self.conn.execute(mq):
            cluster = clusters.get(r.cluster_id)
            if cluster is None:
                continue
            cluster.mentions.append(
                EventMentionRef(
                    str(r.article_id),
                    _event_from_row(r),
                    _parse(r.article_published),
                    _sentence(r.article_text, r.sentences, r.sentence),
                )
            )
        return list(clusters.values())


# -- the resolve pass of an ingest ---------------------------------------------------------


class CrossArticle:
    """The resolve pass for one ingest transaction: copies, then story, then events.

    Built per transaction (its stores hold the connection).  ``add`` is
    idempotent: an article already indexed keeps its copy item, story and
    event clusters.  A *revised* article is re-indexed as a copy (its old
    item, bands and links are dropped first), keeps its story (story
    centroids are never re-weighted), and its new events join clusters (its
    old events' memberships went with the old ``events`` rows).
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.copy_store = SqlCopyStore(conn)
        self.copies = CopyIndex(self.copy_store)
        self.stories = StoryIndex(SqlStoryStore(conn))
        self.events = EventCorefIndex(SqlEventStore(conn))

    def add(self, article_id: int, article: Article, analysis: DocAnalysis | None, *, revised: bool = False) -> str:
        """Index one stored article; returns its story id."""
        aid = str(article_id)
        if revised:
            self.copy_store.remove(aid)
        self.copies.add(aid, article.text, article.published, article.outlet, article.extra)
        if analysis is not None:
            entities: list[str] | None = self._entity_names(article_id)
            dates = [x.value for x in analysis.times]
        else:
            entities, dates = None, []  # no NER: capitalised sequences stand in (rough_entities)
        text = f"{article.title}\n{article.text}" if article.title else article.text
        events = self._new_events(article_id) if analysis is not None else []
        story = self.stories.add(aid, text, article.published, entities, dates)
        if analysis is not None and events:
            sentences = [article.text[s:e] for s, e in analysis.sentences]
            self.events.add(aid, events, story, article.published, sentences)
        return story

    def _entity_names(self, article_id: int) -> list[str]:
        rows = self.conn.execute(
            select(t.entities.c.name, func.count())
            .join(t.mentions, t.mentions.c.entity_id == t.entities.c.id)
            .where(t.mentions.c.article_id == article_id)
            .group_by(t.entities.c.id, t.entities.c.name)
        )
        # One term per mention, so an entity named often weighs more (as TF does for words).
        return [name for name, n in rows for _ in range(n)]

    def _new_events(self, article_id: int) -> list[Event]:
        """The article's stored events not yet in a cluster, with canonical participant names."""
        from dossier.store.knowledge import canonicalise

        done = select(t.event_mentions.c.event_id).where(t.event_mentions.c.article_id == article_id)
        rows = self.conn.execute(
            select(t.events)
            .where(t.events.c.article_id == article_id, t.events.c.id.not_in(done))
            .order_by(t.events.c.id)
        ).all()
        if not rows:
            return []
        records = canonicalise(
            [
                {
                    "id": r.id,
                    "actors": r.actors or [],
                    "targets": r.targets or [],
                    "equipment": r.equipment or [],
                    "place": r.place,
                }
                for r in rows
            ],
            self.conn,
        )
        out = []
        for r, rec in zip(rows, records, strict=True):
            ev = _event_from_row(r)
            out.append(
                Event(
                    **{
                        **{f: getattr(ev, f) for f in Event.__dataclass_fields__},
                        "actors": tuple(rec["actors"]),
                        "targets": tuple(rec["targets"]),
                        "equipment": tuple(rec["equipment"]),
                        "place": rec["place"],
                    }
                )
            )
        return out


# -- reads: independent sources ------------------------------------------------------------


class SourceResolver:
    """``independent_source``/``original_of`` for a set of articles, read in one query.

    Same rule as ``CopyIndex.independent_source``: the outlet the copy group's
    original forwards or credits, else the original's outlet, else the
    original item.  An article the copy index has not seen (stored before
    this layer existed) stands for its own outlet, else itself.
    """

    def __init__(self, conn: Connection, article_ids: Iterable[int | str]) -> None:
        self._key: dict[str, str] = {}
        self._original: dict[str, str] = {}
        ids = sorted({int(a) for a in article_ids})
        item = t.copy_items.alias("item")
        orig = t.copy_items.alias("orig")
        for chunk in _chunks(ids):
            rows = self.conn_rows(conn, item, orig, chunk)
            for r in rows:
                aid = str(r.id)
                if r.item_id is None:
                    outlet = normalise_outlet(r.outlet)
                    self._key[aid] = f"outlet:{outlet}" if outlet else f"item:{aid}"
                    self._original[aid] = aid
                    continue
                original = str(r.original_id if r.original_id is not None else r.id)
                self._original[aid] = original
                if r.orig_credited:
                    self._key[aid] = f"outlet:{r.orig_credited}"
                elif r.orig_outlet:
                    self._key[aid] = f"outlet:{r.orig_outlet}"
                else:
                    self._key[aid] = f"item:{original}"

    @staticmethod
    def conn_rows(conn: Connection, item: Any, orig: Any, chunk: Sequence[int]) -> list[Any]:
        return conn.execute(
            select(
                t.articles.c.id,
                t.articles.c.outlet,
                item.c.article_id.label("item_id"),
                t.copy_groups.c.original_id,
                orig.c.credited.label("orig_credited"),
                orig.c.outlet.label("orig_outlet"),
            )
            .select_from(t.articles)
            .outerjoin(item, item.c.article_id == t.articles.c.id)
            .outerjoin(t.copy_groups, t.copy_groups.c.group_id == item.c.group_id)
            .outerjoin(orig, orig.c.article_id == t.copy_groups.c.original_id)
            .where(t.articles.c.id.in_(chunk))
        ).all()

    def independent_source(self, article_id: str) -> str:
        return self._key[str(article_id)]

    def original_of(self, article_id: str) -> str:
        return self._original[str(article_id)]


def _count_independent(article_ids: Iterable[int], resolver: SourceResolver) -> int:
    return corroborate_articles("", [str(a) for a in article_ids], resolver).n_independent


def _mention_sources(conn: Connection, cluster_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """Every mention of the given clusters as a source record, earliest report first."""
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    m = t.event_mentions.c
    for chunk in _chunks(sorted(set(cluster_ids))):
        rows = conn.execute(
            select(
                m.cluster_id,
                t.events.c.article_id,
                t.events.c.sentence,
                t.events.c.start,
                t.events.c.end,
                t.events.c.modality,
                t.articles.c.outlet,
                t.articles.c.url,
                t.articles.c.published,
                t.articles.c.text.label("article_text"),
                t.articles.c.sentences,
            )
            .join(t.events, t.events.c.id == m.event_id)
            .join(t.articles, t.articles.c.id == t.events.c.article_id)
            .where(m.cluster_id.in_(chunk))
            .order_by(t.articles.c.published.is_(None), t.articles.c.published, t.events.c.id)
        )
        for r in rows:
            out[r.cluster_id].append(
                {
                    "article_id": r.article_id,
                    "outlet": r.outlet,
                    "url": r.url,
                    "sentence": _sentence(r.article_text, r.sentences, r.sentence) or "",
                    "start": r.start,
                    "end": r.end,
                    "modality": r.modality,
                }
            )
    return out


def event_sources(conn: Connection, records: list[dict[str, Any]], *, merged: bool = False) -> None:
    """Add ``sources`` and ``independent_sources`` to event or timeline records, in place.

    An event's sources are every mention of its cross-article event cluster
    (every article reporting it); a timeline entry (``merged``) already lists
    the events it merged in ``sources`` and gains the mentions of their
    clusters.  Sources are one per article and sentence; each names the
    independent source it stands for (``independent``), and
    ``independent_sources`` counts those once each.
    """
    if not records:
        return
    m = t.event_mentions.c
    cluster_of: dict[tuple[int, int, int], int] = {}  # (article, start, end) -> cluster
    event_cluster: dict[int, int] = {}
    if merged:
        wanted = {(s["article_id"], s.get("start"), s.get("end")) for r in records for s in r.get("sources", [])}
        article_ids = sorted({a for a, _s, _e in wanted if a is not None})
        for chunk in _chunks(article_ids):
            for row in conn.execute(
                select(t.events.c.article_id, t.events.c.start, t.events.c.end, m.cluster_id)
                .join(t.event_mentions, m.event_id == t.events.c.id)
                .where(t.events.c.article_id.in_(chunk))
            ):
                cluster_of[(row.article_id, row.start, row.end)] = row.cluster_id
    else:
        ids = [r["id"] for r in records]
        for chunk in _chunks(ids):
            event_cluster.update(
                (row.event_id, row.cluster_id)
                for row in conn.execute(select(m.event_id, m.cluster_id).where(m.event_id.in_(chunk)))
            )
    clusters = set(cluster_of.values()) | set(event_cluster.values())
    by_cluster = _mention_sources(conn, sorted(clusters))
    for r in records:
        if merged:
            own = list(r.get("sources", []))
            ids = {cluster_of.get((s["article_id"], s.get("start"), s.get("end"))) for s in own}
        else:
            own = [
                {
                    "article_id": r["article_id"],
                    "outlet": r.get("outlet"),
                    "url": r.get("url"),
                    "sentence": r.get("sentence"),
                    "start": r.get("start"),
                    "end": r.get("end"),
                }
            ]
            ids = {event_cluster.get(r["id"])}
        sources: dict[tuple[Any, Any], dict[str, Any]] = {}
        # A cluster holds "en route" and "not en route" alike (so contradictions see both); a
        # record's sources are only the reports that make the same claim.
        mates = [
            s
            for cid in sorted(i for i in ids if i is not None)
            for s in by_cluster.get(cid, [])
            if polarity(s.get("modality")) == polarity(r.get("modality"))
        ]
        for s in own + mates:
            s = {k: v for k, v in s.items() if k != "modality"}
            sources.setdefault((s["article_id"], (s.get("sentence") or "").strip()), s)
        r["sources"] = list(sources.values())
    resolver = SourceResolver(conn, {s["article_id"] for r in records for s in r["sources"]})
    for r in records:
        for s in r["sources"]:
            s["independent"] = resolver.independent_source(str(s["article_id"]))
        r["independent_sources"] = len({s["independent"] for s in r["sources"]})


# -- reads: stories ---------------------------------------------------------------------


def _order_key(published: str | None, article_id: int) -> tuple[int, datetime, int]:
    moment = _parse(published)
    return (moment is None, moment or datetime.max.replace(tzinfo=UTC), article_id)


def _story_records(conn: Connection, story_ids: list[int] | None) -> list[dict[str, Any]]:
    q = select(
        t.story_members.c.story_id,
        t.articles.c.id,
        t.articles.c.title,
        t.articles.c.outlet,
        t.articles.c.published,
        t.articles.c.url,
    ).join(t.articles, t.articles.c.id == t.story_members.c.article_id)
    sq = select(t.stories)
    if story_ids is not None:
        q = q.where(t.story_members.c.story_id.in_(story_ids))
        sq = sq.where(t.stories.c.id.in_(story_ids))
    members: dict[int, list[Any]] = defaultdict(list)
    for r in conn.execute(q):
        members[r.story_id].append(r)
    out = []
    for s in conn.execute(sq):
        rows = sorted(members.get(s.id, []), key=lambda r: _order_key(r.published, r.id))
        if not rows:
            continue
        out.append(
            {
                "id": s.id,
                "title": rows[0].title,
                "articles": len(rows),
                "article_ids": [r.id for r in rows],
                "first_reported": s.first_published,
                "last_reported": s.last_published,
                "_rows": rows,
            }
        )
    return out


def list_stories(conn: Connection, *, limit: int | None = 100) -> list[dict[str, Any]]:
    """Stories, most articles first: ``id``, ``title`` (its earliest article's), ``articles``,
    ``article_ids``, ``first_reported``, ``last_reported``."""
    records = _story_records(conn, None)
    records.sort(key=lambda r: (-r["articles"], r["first_reported"] or "9999", r["id"]))
    if limit is not None:
        records = records[:limit]
    for r in records:
        del r["_rows"]
    return records


def get_story(conn: Connection, story_id: int) -> dict[str, Any]:
    """One story: its articles (with copy links), its cross-article events in time order, its conflicts."""
    from dossier.resolve.timeline import sort_date

    found = _story_records(conn, [story_id])
    if not found:
        raise NotFound(f"no story with id {story_id}", hint="list stories with `dossier stories`")
    record = found[0]
    rows = record.pop("_rows")
    resolver = SourceResolver(conn, record["article_ids"])
    record["article_list"] = [
        {
            "id": r.id,
            "title": r.title,
            "outlet": r.outlet,
            "published": r.published,
            "url": r.url,
            "copy_of": int(resolver.original_of(str(r.id))) if resolver.original_of(str(r.id)) != str(r.id) else None,
            "independent": resolver.independent_source(str(r.id)),
        }
        for r in rows
    ]
    record["independent_sources"] = len({a["independent"] for a in record["article_list"]})
    clusters = SqlEventStore(conn).load(story=story_id)
    sources = _mention_sources(conn, [int(c.cluster_id) for c in clusters])
    events = []
    for c in clusters:
        if not c.mentions:
            continue
        first = c.mentions[0].event
        reported = min((m.event.reported for m in c.mentions if m.event.reported), default=None)
        date = c.date
        events.append(
            {
                "id": int(c.cluster_id),
                "kind": c.kind,
                "date": date,
                "reported": reported,
                "actors": list(dict.fromkeys(a for m in c.mentions for a in m.event.actors)),
                "equipment": list(dict.fromkeys(a for m in c.mentions for a in m.event.equipment)),
                "modalities": sorted({m.event.modality for m in c.mentions}),
                "trigger": first.trigger,
                "sources": sources.get(int(c.cluster_id), []),
                "sort_date": sort_date(date, reported)[0] or (reported or "9999-12-31")[:10],
            }
        )
    resolver = SourceResolver(conn, {s["article_id"] for e in events for s in e["sources"]})
    for e in events:
        for s in e["sources"]:
            s["independent"] = resolver.independent_source(str(s["article_id"]))
        e["independent_sources"] = len({s["independent"] for s in e["sources"]})
    events.sort(key=lambda e: (e["sort_date"], e["id"]))
    record["events"] = events
    record["contradictions"] = _contradiction_records(conn, clusters)
    return record


# -- reads: copies ----------------------------------------------------------------------

_KIND_ORDER = {"exact": 0, "forward": 1, "wire": 2, "credit": 3, "near": 4}


def _origin_sets(conn: Connection) -> dict[int, list[dict[str, Any]]]:
    """Articles that arrived more than once with the same text (exact duplicates): their origins."""
    o = t.origins.c
    many = select(o.article_id).group_by(o.article_id).having(func.count() > 1)
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in conn.execute(
        select(o.article_id, o.origin, o.url, o.outlet, o.published).where(o.article_id.in_(many)).order_by(o.id)
    ):
        out[r.article_id].append({"origin": r.origin, "url": r.url, "outlet": r.outlet, "published": r.published})
    return out


def _exact_duplicate_chains(conn: Connection, origins: dict[int, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """One chain per exact duplicate not in a copy group: one stored article, several origins."""
    if not origins:
        return []
    rows = conn.execute(
        select(t.articles.c.id, t.articles.c.title, t.articles.c.outlet, t.articles.c.published, t.articles.c.url)
        .where(t.articles.c.id.in_(sorted(origins)))
    ).all()
    resolver = SourceResolver(conn, [r.id for r in rows])
    return [
        {
            "id": f"exact:{r.id}",
            "original": {
                "article_id": r.id,
                "title": r.title,
                "outlet": r.outlet,
                "published": r.published,
                "url": r.url,
                "repeats": None,
                "origins": origins[r.id],
            },
            "source": resolver.independent_source(str(r.id)),
            "articles": 1,
            "exact_duplicate": True,
            "origins": origins[r.id],
            "copies": [],
        }
        for r in rows
    ]


def list_copies(conn: Connection, *, limit: int | None = 100) -> list[dict[str, Any]]:
    """Copy chains: each group of two or more items with its original and how each copy repeats it.

    Exact duplicates are stored once (one article, several origins): an article
    with several origins is listed too, marked ``exact_duplicate``, with its
    ``origins``; inside a chain each article lists its ``origins`` when it has
    more than one.
    """
    origins = _origin_sets(conn)
    q = select(t.copy_groups).where(t.copy_groups.c.size > 1).order_by(t.copy_groups.c.size.desc())
    groups = conn.execute(q).all()
    if not groups:
        out = _exact_duplicate_chains(conn, origins)
        return out[:limit] if limit is not None else out
    gids = [g.group_id for g in groups]
    members: dict[int, list[Any]] = defaultdict(list)
    for chunk in _chunks(gids):
        for r in conn.execute(
            select(
                t.copy_items.c.group_id,
                t.copy_items.c.seq,
                t.copy_items.c.credited,
                t.articles.c.id,
                t.articles.c.title,
                t.articles.c.outlet,
                t.articles.c.published,
                t.articles.c.url,
            )
            .join(t.articles, t.articles.c.id == t.copy_items.c.article_id)
            .where(t.copy_items.c.group_id.in_(chunk))
            .order_by(t.copy_items.c.seq)
        ):
            members[r.group_id].append(r)
    ids = [r.id for rows in members.values() for r in rows]
    links: dict[int, list[Any]] = defaultdict(list)
    for chunk in _chunks(ids):
        for r in conn.execute(
            select(t.copy_links).where(or_(t.copy_links.c.copy_id.in_(chunk), t.copy_links.c.original_id.in_(chunk)))
        ):
            links[r.copy_id].append(r)
            if r.original_id is not None and r.original_id != r.copy_id:
                links[r.original_id].append(r)
    resolver = SourceResolver(conn, ids)
    out = []
    for g in groups:
        rows = members.get(g.group_id, [])
        original = next((r for r in rows if r.id == g.original_id), None)
        if original is None:
            continue
        copies = []
        for r in sorted(rows, key=lambda r: (_order_key(r.published, r.id), r.seq)):
            if r.id == g.original_id:
                continue
            mine = [x for x in links.get(r.id, []) if x.copy_id == r.id]
            own = [x for x in mine if x.original_id is not None]
            rev = [x for x in links.get(r.id, []) if x.original_id == r.id]
            chosen = own or rev
            kinds = sorted({x.kind for x in mine or rev}, key=lambda k: _KIND_ORDER.get(k, 9))
            best = min(chosen, key=lambda x: _KIND_ORDER.get(x.kind, 9)) if chosen else None
            other = None
            if best is not None:
                other = best.original_id if best.copy_id == r.id else best.copy_id
            jac = [x.jaccard for x in chosen if x.jaccard is not None]
            con = [x.containment for x in chosen if x.containment is not None]
            copies.append(
                {
                    "article_id": r.id,
                    "title": r.title,
                    "outlet": r.outlet,
                    "published": r.published,
                    "url": r.url,
                    "kind": "+".join(kinds) or "near",
                    "copy_of": other,
                    "similarity": max(jac) if jac else None,
                    "containment": max(con) if con else None,
                    "source": next((x.source for x in links.get(r.id, []) if x.copy_id == r.id and x.source), None),
                    "origins": origins.get(r.id, []),
                }
            )
        out.append(
            {
                "id": g.group_id,
                "original": {
                    "article_id": original.id,
                    "title": original.title,
                    "outlet": original.outlet,
                    "published": original.published,
                    "url": original.url,
                    "repeats": original.credited,
                    "origins": origins.get(original.id, []),
                },
                "source": resolver.independent_source(str(original.id)),
                "articles": len(rows),
                "copies": copies,
            }
        )
    grouped = {int(r.id) for rows in members.values() for r in rows}
    out.extend(_exact_duplicate_chains(conn, {a: o for a, o in origins.items() if a not in grouped}))
    out.sort(key=lambda r: (-r["articles"], _order_key(r["original"]["published"], r["original"]["article_id"])))
    return out[:limit] if limit is not None else out


# -- reads: contradictions -----------------------------------------------------------------


def _contradiction_records(conn: Connection, clusters: list[EventCluster]) -> list[dict[str, Any]]:
    from dossier.resolve.contradictions import find_contradictions

    ids = {int(m.article_id) for c in clusters for m in c.mentions}
    if not ids:
        return []
    resolver = SourceResolver(conn, ids)
    flags = find_contradictions(clusters, source=resolver.independent_source)
    if not flags:
        return []
    meta = {
        r.id: r
        for chunk in _chunks(sorted(ids))
        for r in conn.execute(
            select(
                t.articles.c.id, t.articles.c.outlet, t.articles.c.url, t.articles.c.published, t.articles.c.title
            ).where(t.articles.c.id.in_(chunk))
        )
    }
    story_of = {c.cluster_id: c.story for c in clusters}
    out = []
    for flag in flags:
        record = flag.to_record()
        first = flag.subject.split("|")[0]
        record["story"] = int(story_of[first]) if first in story_of else None
        record["events"] = [int(x) for x in flag.subject.split("|")]
        sides = []
        for side in record["sides"]:
            aid = int(side["article_id"])
            a = meta.get(aid)
            sides.append(
                {
                    "value": side["value"],
                    "article_id": aid,
                    "outlet": a.outlet if a else None,
                    "title": a.title if a else None,
                    "published": a.published if a else None,
                    "url": a.url if a else None,
                    "sentence": side["sentence"],
                    "start": side["start"],
                    "end": side["end"],
                    "source": side["source"],
                }
            )
        record["sides"] = sides
        record["independent_sides"] = len({s["source"] for s in sides})
        out.append(record)
    return out


def list_contradictions(conn: Connection, *, story: int | None = None) -> list[dict[str, Any]]:
    """Conflicting accounts among cross-article events, each side with its provenance."""
    clusters = SqlEventStore(conn).load(story=story)
    return _contradiction_records(conn, clusters)
