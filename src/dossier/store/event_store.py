"""``EventStore`` in SQL: cross-article event clusters of :mod:`dossier.resolve.eventcoref` in the store.

Tables ``event_clusters`` and ``event_mentions``; a mention is the stored
``events`` row itself.  Also the two reads the cross-article pass needs about
one stored article: its entity names and its events not yet clustered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, update

from dossier.model import Event
from dossier.resolve.eventcoref import EventCluster, EventMentionRef
from dossier.store import schema as t
from dossier.store.sqlutil import insert_rows, parse_utc

_CLUSTERS_OF_STORY = (
    select(t.event_clusters.c.id, t.event_clusters.c.kind, t.event_clusters.c.words, t.event_clusters.c.dates)
    .where(t.event_clusters.c.story_id == bindparam("story"))
    .order_by(t.event_clusters.c.id)
)
_NEW_CLUSTER = insert(t.event_clusters)
_MAX_CLUSTER = select(func.max(t.event_clusters.c.id))
_UPDATE_CLUSTER = (
    update(t.event_clusters)
    .where(t.event_clusters.c.id == bindparam("cid"))
    .values(
        words=bindparam("cluster_words", type_=t.event_clusters.c.words.type),
        dates=bindparam("cluster_dates", type_=t.event_clusters.c.dates.type),
    )
)


def event_from_row(row: Any) -> Event:
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


def sentence_text(text: str, sentences: list[list[int]] | None, index: int) -> str | None:
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

    Within one transaction the store reads each story's clusters once and
    keeps its clusters' words and dates current in memory; new clusters (on
    SQLite), cluster updates, new mentions and the invalidation of the
    stories' kept contradictions are written by :meth:`flush` as multi-row
    statements (the ingest's cross-article pass flushes once per batch;
    :meth:`get` and :meth:`all` flush first, and a story's clusters read from
    the store are completed with those still waiting).  That makes an article's
    cost a read or two however many events it has.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._clusters: dict[tuple[str, str], dict[str, tuple[set[str], set[str]]]] = {}
        self._dirty: dict[int, dict[str, Any]] = {}
        self._mentions: list[dict[str, Any]] = []
        self._touched: set[str] = set()  # stories whose kept contradictions the current article makes stale
        # Stories made stale, and by how many articles (each article bumps a story's version once).
        self._stale: dict[int, int] = {}
        # SQLite: new clusters wait for flush() too, with the ids SQLite would give them one by one
        # (max + 1: the write transaction keeps other writers out); None = read max(id) again.
        self._new: list[dict[str, Any]] = []
        self._next_id: int | None = None
        self._stories: set[str] = set()  # stories whose clusters (all kinds) are in _clusters

    def clusters_in(self, story: str, kind: str) -> list[EventCluster]:
        known = self._clusters.get((story, kind))
        if known is None:
            if story not in self._stories:  # one query reads the story's clusters of every kind
                rows = [
                    (r.id, r.kind, r.words, r.dates)
                    for r in self.conn.execute(_CLUSTERS_OF_STORY, {"story": int(story)})
                ]
                # Clusters still waiting for flush() have the highest ids: they come last, as read.
                rows += [(r["id"], r["kind"], r["words"], r["dates"]) for r in self._new if r["story_id"] == int(story)]
                for cid, kind_, words_, dates_ in rows:
                    dirty = self._dirty.get(cid)  # words and dates saved since, not yet written
                    if dirty is not None:
                        words_, dates_ = dirty["cluster_words"], dirty["cluster_dates"]
                    self._clusters.setdefault((story, kind_), {})[str(cid)] = (set(words_ or ()), set(dates_ or ()))
                self._stories.add(story)
            known = self._clusters.setdefault((story, kind), {})
        # Fresh objects each time, as from the database: the index mutates what it gets.
        return [EventCluster(cid, story, kind, [], set(w), set(d)) for cid, (w, d) in known.items()]

    def new_cluster(self, story: str, kind: str) -> EventCluster:
        row = {"story_id": int(story), "kind": kind, "words": [], "dates": []}
        if self.conn.dialect.name == "sqlite":
            if self._next_id is None:
                self._next_id = int(self.conn.execute(_MAX_CLUSTER).scalar() or 0) + 1
            cid = self._next_id
            self._next_id += 1
            self._new.append({"id": cid, **row})
        else:
            cid = self.conn.execute(_NEW_CLUSTER, row).inserted_primary_key[0]
        if (story, kind) in self._clusters:
            self._clusters[(story, kind)][str(cid)] = (set(), set())
        return EventCluster(str(cid), story, kind)

    def save(self, cluster: EventCluster, mention: EventMentionRef) -> None:
        if mention.event.id is None:
            raise ValueError("an event mention needs the stored event's id (Event.id)")
        cid = int(cluster.cluster_id)
        known = self._clusters.get((cluster.story, cluster.kind))
        if known is not None:
            known[cluster.cluster_id] = (set(cluster.words), set(cluster.dates))
        self._dirty[cid] = {"cid": cid, "cluster_words": sorted(cluster.words), "cluster_dates": sorted(cluster.dates)}
        self._mentions.append(
            {"event_id": int(mention.event.id), "cluster_id": cid, "article_id": int(mention.article_id)}
        )
        self._touched.add(cluster.story)

    def end_article(self) -> None:
        """Count the stories the article just added touched: each is invalidated once for it."""
        for story in self._touched:
            self._stale[int(story)] = self._stale.get(int(story), 0) + 1
        self._touched.clear()

    def flush(self) -> None:
        """Write the new clusters, cluster updates and mentions saved since the last flush."""
        if self._new:
            for row in self._new:  # a new cluster is written with its words and dates
                dirty = self._dirty.pop(row["id"], None)
                if dirty is not None:
                    row.update(words=dirty["cluster_words"], dates=dirty["cluster_dates"])
            self.conn.execute(_NEW_CLUSTER, self._new)
            self._new = []
        self._next_id = None  # another writer in this transaction may add clusters after a flush
        if self._dirty:
            self.conn.execute(_UPDATE_CLUSTER, list(self._dirty.values()))
            self._dirty.clear()
        if self._mentions:
            insert_rows(self.conn, t.event_mentions, self._mentions)
            self._mentions.clear()
        self.end_article()
        if self._stale:
            from dossier.store.contradiction_cache import invalidate_counted

            invalidate_counted(self.conn, self._stale)
            self._stale.clear()

    def get(self, cluster_id: str) -> EventCluster | None:
        self.flush()
        found = self.load([int(cluster_id)])
        return found[0] if found else None

    def all(self) -> list[EventCluster]:
        self.flush()
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
                    event_from_row(r),
                    parse_utc(r.article_published),
                    sentence_text(r.article_text, r.sentences, r.sentence),
                )
            )
        return list(clusters.values())


# -- what the cross-article pass reads about one stored article ---------------------------


# Built once: the cross-article pass runs them for every stored article.
_ENTITY_TERMS = (
    select(t.entities.c.name, func.count())
    .join(t.mentions, t.mentions.c.entity_id == t.entities.c.id)
    .where(t.mentions.c.article_id == bindparam("aid"))
    .group_by(t.entities.c.id, t.entities.c.name)
)


def entity_terms(conn: Connection, article_id: int) -> list[str]:
    """The canonical names of the article's entities, one per mention (an entity named often weighs more)."""
    rows = conn.execute(_ENTITY_TERMS, {"aid": article_id})
    return [name for name, n in rows for _ in range(n)]


@lru_cache(maxsize=1)
def _unclustered() -> Any:
    """The statement of :func:`unclustered_events` (built on first use: ``knowledge`` is imported late here)."""
    from dossier.store.knowledge import not_rejected

    done = select(t.event_mentions.c.event_id).where(t.event_mentions.c.article_id == bindparam("aid"))
    return (
        select(t.events)
        .where(t.events.c.article_id == bindparam("aid"), t.events.c.id.not_in(done), not_rejected(t.events))
        .order_by(t.events.c.id)
    )


def unclustered_events(
    conn: Connection, article_id: int, written: Sequence[Mapping[str, Any]] | None = None
) -> list[Event]:
    """The article's stored events not yet in a cluster, with canonical participant names.

    ``written``: the article's ``events`` rows, ids included and in id order, as the writer has
    just inserted them for an article new to a store that holds no correction: then none of them
    can be in a cluster or rejected yet, and they are taken as they are instead of read back
    (one statement and the decoding of three JSON columns per event, for every stored article).
    """
    from dossier.store.knowledge import canonicalise

    if written is not None:
        rows: Sequence[Any] = [SimpleNamespace(**row) for row in written]
    else:
        rows = conn.execute(_unclustered(), {"aid": article_id}).all()
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
        conn,
    )
    out = []
    for r, rec in zip(rows, records, strict=True):
        ev = event_from_row(r)
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
