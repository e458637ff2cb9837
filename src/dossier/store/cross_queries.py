"""Read-side reports across articles: stories, copy chains, contradictions, independent sources.

What ``dossier stories/story/copies/contradictions`` print, and the
``sources``/``independent_sources`` added to events and timeline entries.
Reads only: nothing here imports NLP or writes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Connection, func, or_, select

from dossier.errors import NotFound
from dossier.resolve.corroboration import corroborate_articles
from dossier.resolve.eventcoref import EventCluster
from dossier.resolve.outlets import normalise_outlet
from dossier.resolve.timeline import polarity
from dossier.store import schema as t
from dossier.store.event_store import SqlEventStore, sentence_text
from dossier.store.filters import NO_FILTERS, Filters, article_conditions, check_event_kind
from dossier.store.sqlutil import CHUNK, chunks, id_chunks, id_in, parse_utc

if TYPE_CHECKING:
    from dossier.resolve.contradictions import Contradiction

__all__ = [
    "SentenceRef",
    "SourceResolver",
    "all_sources",
    "cap_sources",
    "event_sources",
    "fill_sentences",
    "get_story",
    "list_contradictions",
    "list_copies",
    "list_stories",
]


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
        item, orig = _COPY_ALIASES
        for chunk in id_chunks(conn, ids):
            rows = self.conn_rows(conn, item, orig, chunk)
            for article_id, article_outlet, item_id, original_id, orig_credited, orig_outlet in rows:
                aid = str(article_id)
                if item_id is None:
                    outlet = normalise_outlet(article_outlet)
                    self._key[aid] = f"outlet:{outlet}" if outlet else f"item:{aid}"
                    self._original[aid] = aid
                    continue
                original = str(original_id if original_id is not None else article_id)
                self._original[aid] = original
                if orig_credited:
                    self._key[aid] = f"outlet:{orig_credited}"
                elif orig_outlet:
                    self._key[aid] = f"outlet:{orig_outlet}"
                else:
                    self._key[aid] = f"item:{original}"

    @staticmethod
    def conn_rows(conn: Connection, item: Any, orig: Any, chunk: Sequence[int]) -> list[Any]:
        return conn.execute(_copy_chain_statement().where(id_in(conn, t.articles.c.id, chunk))).all()

    def independent_source(self, article_id: str) -> str:
        return self._key[str(article_id)]

    def original_of(self, article_id: str) -> str:
        return self._original[str(article_id)]


#: The copy items of an article and of its group's original (:func:`_copy_chain_statement`).
_COPY_ALIASES = (t.copy_items.alias("item"), t.copy_items.alias("orig"))


@cache
def _copy_chain_statement() -> Any:
    """Each article's outlet, copy group original and the original's credited outlet, not yet narrowed
    to the articles asked for: built once (issue #13, ninth round; its aliases and joins cost a
    build of a small timeline as much as running it)."""
    item, orig = _COPY_ALIASES
    return (
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
    )


def _count_independent(article_ids: Iterable[int], resolver: SourceResolver) -> int:
    return corroborate_articles("", [str(a) for a in article_ids], resolver).n_independent


class SentenceRef(NamedTuple):
    """A sentence named by its article and index, read as text only when shown.

    Listings decide which sources they show before reading any article text:
    reading every source's article to quote its sentence cost what the store
    holds (thousands of articles for a big subject), not what the page shows.
    """

    article_id: int
    index: int


def _source_key(s: dict[str, Any]) -> tuple[Any, Any]:
    """One source per article and sentence (by index when known, else by the sentence's text)."""
    sentence = s.get("sentence")
    if isinstance(sentence, SentenceRef):
        return (s["article_id"], sentence.index)
    if s.get("_sentence_index") is not None:
        return (s["article_id"], s["_sentence_index"])
    return (s["article_id"], (sentence or "").strip())


def _mention_rows(conn: Connection, cluster_ids: Sequence[int]) -> dict[int, list[tuple[Any, ...]]]:
    """Every mention of the given clusters as a tuple ``(article_id, SentenceRef, start, end, modality,
    outlet, url)``, earliest report first (:func:`_mention_source` makes it a source record).

    Tuples, not records: a timeline's clusters hold tens of thousands of mentions, of which it shows a
    few; the rest are only counted.  No article text is read here (see :func:`fill_sentences`).
    """
    out: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    m = t.event_mentions.c
    pg = conn.dialect.name == "postgresql"
    rows: list[Any] = _pg_mention_rows(conn, sorted(set(cluster_ids))) if pg else []
    for chunk in () if pg else chunks(sorted(set(cluster_ids))):
        rows.extend(
            conn.execute(
                _mention_statement()
                .where(id_in(conn, m.cluster_id, chunk))
                # earliest report first, undated last (the same order on both databases)
                .order_by(t.articles.c.published.asc().nulls_last(), t.events.c.id)
            ).all()  # at once: a cluster of a much-reported event has thousands of rows
        )
    if pg or len(set(cluster_ids)) > CHUNK:  # unordered, or several chunks: the statement's order
        rows.sort(key=lambda r: (r[8] is None, r[8] or "", r[9]))  # published, id: undated reports last
    refs = {}  # one SentenceRef per (article, sentence): shared by the mentions of one sentence
    # Unpacked, not read by attribute: a page's clusters can hold tens of thousands of mentions.
    for cluster_id, article_id, sentence, start, end, modality, outlet, url, _published, _id in rows:
        ref = refs.get((article_id, sentence))
        if ref is None:
            ref = refs[(article_id, sentence)] = SentenceRef(article_id, sentence)
        out[cluster_id].append((article_id, ref, start, end, modality, outlet, url))
    return out


@cache
def _mention_statement() -> Any:
    """:func:`_mention_rows`' columns and joins on SQLite, built once (callers narrow and order it)."""
    m = t.event_mentions.c
    return (
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
            t.events.c.id,
        )
        .join(t.events, t.events.c.id == m.event_id)
        .join(t.articles, t.articles.c.id == t.events.c.article_id)
    )


def _pg_mention_rows(conn: Connection, cluster_ids: list[int]) -> list[Any]:
    """:func:`_mention_rows`' rows on PostgreSQL, in two reads: the clusters' event ids, then those events.

    Why: joined in one statement, the planner (stock ``random_page_cost``) hashed the whole
    ``events`` table (875,000 rows at 100,000 articles) to meet a few thousand mentions, 150 ms
    for the most named subject's page; reading the ids first and then the events by primary key
    (:func:`~dossier.store.sqlutil.id_in`) costs what the clusters hold (about 100 ms → 60 ms
    there).  Unordered: the caller sorts (published, event id), as SQLite's statement does.
    """
    if not cluster_ids:
        return []
    m = t.event_mentions.c
    cluster_of = dict(
        conn.execute(select(m.event_id, m.cluster_id).where(id_in(conn, m.cluster_id, cluster_ids, many=True))).all()
    )
    if not cluster_of:
        return []
    e = t.events.c
    return [
        (cluster_of[row[-1]], *row)
        for row in conn.execute(
            select(
                e.article_id,
                e.sentence,
                e.start,
                e.end,
                e.modality,
                t.articles.c.outlet,
                t.articles.c.url,
                t.articles.c.published,
                e.id,
            )
            .join(t.articles, t.articles.c.id == e.article_id)
            .where(id_in(conn, e.id, cluster_of))
        ).all()
    ]


def _mention_source(row: tuple[Any, ...]) -> dict[str, Any]:
    """The source record of a :func:`_mention_rows` tuple."""
    article_id, ref, start, end, modality, outlet, url = row
    return {
        "article_id": article_id,
        "outlet": outlet,
        "url": url,
        "sentence": ref,
        "start": start,
        "end": end,
        "modality": modality,
    }


def _mention_sources(conn: Connection, cluster_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """Every mention of the given clusters as a source record, earliest report first.

    The sentence is a :class:`SentenceRef` (see :func:`fill_sentences`): no article text is read here.
    """
    return {cid: [_mention_source(row) for row in found] for cid, found in _mention_rows(conn, cluster_ids).items()}


#: Keys of a source that only serve to find it, never shown.
_INTERNAL = ("modality", "_sentence_index", "event_id")


def fill_sentences(conn: Connection, records: Iterable[dict[str, Any]]) -> None:
    """Replace every :class:`SentenceRef` in the records' ``sentence`` and their sources' by its text.

    Reads only the articles those references name, once each.
    """
    records = list(records)
    holders = [r for r in records if isinstance(r.get("sentence"), SentenceRef)]
    holders += [s for r in records for s in r.get("sources") or () if isinstance(s.get("sentence"), SentenceRef)]
    if not holders:
        return
    texts: dict[int, tuple[str, Any]] = {}
    for chunk in chunks(sorted({h["sentence"].article_id for h in holders})):
        for a in conn.execute(
            select(t.articles.c.id, t.articles.c.text, t.articles.c.sentences).where(
                id_in(conn, t.articles.c.id, chunk)
            )
        ):
            texts[a.id] = (a.text, a.sentences)
    for h in holders:
        ref = h["sentence"]
        text, sentences = texts.get(ref.article_id, ("", None))
        h["sentence"] = sentence_text(text, sentences, ref.index) or ""


def event_sources(
    conn: Connection, records: list[dict[str, Any]], *, merged: bool = False, limit: int | None = None
) -> None:
    """Add ``sources``, ``source_count`` and ``independent_sources`` to event or timeline records, in place.

    An event's sources are every mention of its cross-article event cluster
    (every article reporting it); a timeline entry (``merged``) already lists
    the events it merged in ``sources`` and gains the mentions of their
    clusters.  Sources are one per article and sentence; each names the
    independent source it stands for (``independent``), and
    ``independent_sources`` counts those once each.

    ``limit``: list only the first sources (earliest reports first), while
    ``source_count`` and ``independent_sources`` still count them all; only
    the listed sources' sentences are read.  ``None`` lists every one.
    """
    full = all_sources(conn, records, merged=merged)
    cap_sources(conn, records, full, limit)


def all_sources(
    conn: Connection,
    records: list[dict[str, Any]],
    *,
    merged: bool,
    keep: int | None = None,
    clusters: Mapping[int, int] | None = None,
) -> dict[int, list[dict[str, Any]]]:
    """Every source of each record (by position), with ``independent`` set; sentences left as references.

    Also sets ``source_count`` and ``independent_sources`` on each record, which always count every
    source.  ``keep``: list only the first ``keep`` sources of each record (what a page shows), so that
    the thousands of others are counted without a record made for each.  ``clusters``: event id ->
    cluster of events the caller read already (a timeline's window, which holds every event its
    entries' own sources name); only the others are looked up.
    """
    out: dict[int, list[dict[str, Any]]] = {}
    if not records:
        return out
    m = t.event_mentions.c
    cluster_of: dict[int, int] = {}  # event id -> cluster
    sentence_of: dict[int, int] = {}  # event id -> sentence index (own sources of plain events)
    if merged:
        event_ids = sorted({s["event_id"] for r in records for s in r.get("sources", []) if s.get("event_id")})
        if clusters is not None:
            cluster_of.update((i, clusters[i]) for i in event_ids if i in clusters)
            event_ids = [i for i in event_ids if i not in clusters]
        for chunk in id_chunks(conn, event_ids):
            cluster_of.update(
                conn.execute(select(m.event_id, m.cluster_id).where(id_in(conn, m.event_id, chunk))).all()
            )
    else:
        for chunk in chunks(sorted({r["id"] for r in records})):
            for row in conn.execute(
                select(t.events.c.id, t.events.c.sentence, m.cluster_id)
                .outerjoin(t.event_mentions, m.event_id == t.events.c.id)
                .where(t.events.c.id.in_(chunk))
            ):
                sentence_of[row.id] = row.sentence
                if row.cluster_id is not None:
                    cluster_of[row.id] = row.cluster_id
    by_cluster = _mention_rows(conn, sorted(set(cluster_of.values())))
    # Each mention's polarity and key, once: a cluster's mentions are read by every record it backs.
    # Its source record is made when a record lists it (``made``), once: records share it.
    polarity_of: dict[Any, str] = {}
    keyed: dict[int, list[tuple[str, tuple[Any, Any], tuple[Any, ...]]]] = {}
    for cid, found in by_cluster.items():
        items = keyed[cid] = []
        for row in found:
            pol = polarity_of.get(row[4])
            if pol is None:
                pol = polarity_of[row[4]] = polarity(row[4])
            items.append((pol, (row[0], row[1].index), row))
    made: dict[int, dict[str, Any]] = {}
    counted: dict[int, tuple[int, set[int]]] = {}  # record -> (number of sources, their articles)
    for i, r in enumerate(records):
        if merged:
            own = list(r.get("sources", []))
            ids = {cluster_of.get(s.get("event_id")) for s in own}
        else:
            own = [
                {
                    "article_id": r["article_id"],
                    "outlet": r.get("outlet"),
                    "url": r.get("url"),
                    "sentence": r.get("sentence"),
                    "start": r.get("start"),
                    "end": r.get("end"),
                    "_sentence_index": sentence_of.get(r["id"]),
                }
            ]
            ids = {cluster_of.get(r["id"])}
        seen: set[tuple[Any, Any]] = set()
        articles: set[int] = set()
        listed: list[dict[str, Any]] = []
        room = len(own) + sum(len(keyed.get(c, ())) for c in ids if c is not None) if keep is None else keep
        # A cluster holds "en route" and "not en route" alike (so contradictions see both); a
        # record's sources are only the reports that make the same claim.
        claim = polarity(r.get("modality"))
        for s in own:
            sentence = s.get("sentence")  # a window's report names its sentence by reference: keyed inline
            key = (s["article_id"], sentence.index) if type(sentence) is SentenceRef else _source_key(s)
            if key not in seen:
                seen.add(key)
                articles.add(s["article_id"])
                if len(listed) < room:
                    listed.append({k: v for k, v in s.items() if k not in _INTERNAL})
        # Mates are shared between records (never changed but for ``independent``, the same for all);
        # the sources a record shows are copied by :func:`cap_sources`.
        for cid in sorted(i for i in ids if i is not None):
            for pol, key, row in keyed.get(cid, ()):
                if pol == claim and key not in seen:
                    seen.add(key)
                    articles.add(row[0])
                    if len(listed) < room:
                        mate = made.get(id(row))
                        if mate is None:
                            mate = made[id(row)] = _mention_source(row)
                        listed.append(mate)
        out[i] = listed
        counted[i] = (len(seen), articles)
    resolver = SourceResolver(conn, {a for _, articles in counted.values() for a in articles})
    key_of: dict[int, str] = {}
    for i, r in enumerate(records):
        n, articles = counted[i]
        for aid in articles:
            if aid not in key_of:
                key_of[aid] = resolver.independent_source(str(aid))
        for s in out[i]:
            s["independent"] = key_of[s["article_id"]]
        r["source_count"] = n
        r["independent_sources"] = len({key_of[aid] for aid in articles})
    return out


def cap_sources(
    conn: Connection, records: list[dict[str, Any]], full: dict[int, list[dict[str, Any]]], limit: int | None
) -> None:
    """Set each record's ``sources`` to the first ``limit`` of its full list (all when ``None``), with text."""
    for i, r in enumerate(records):
        found = full.get(i, [])
        shown = found if limit is None else found[:limit]
        r["sources"] = [{k: v for k, v in s.items() if k not in _INTERNAL} for s in shown]
    fill_sentences(conn, records)


# -- reads: stories ---------------------------------------------------------------------


def _order_key(published: str | None, article_id: int) -> tuple[int, datetime, int]:
    moment = parse_utc(published)
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


def list_stories(
    conn: Connection, *, limit: int | None = 100, offset: int = 0, filters: Filters = NO_FILTERS
) -> list[dict[str, Any]]:
    """Stories, most articles first: ``id``, ``title`` (its earliest article's), ``articles``,
    ``article_ids``, ``first_reported``, ``last_reported``.

    ``filters``: a story is kept when its reporting overlaps ``since``/``until`` and when one of
    its articles matches the outlet, language and subject; ``story`` picks one.  Only the page's
    stories are read.
    """
    f = filters.checked()
    s = t.stories.c
    q = select(s.id)
    if f.since:
        q = q.where(s.last_published >= f.since)
    if f.until:
        q = q.where(s.first_published <= f.until + "~")
    if f.story is not None:
        q = q.where(s.id == f.story)
    scope = article_conditions(conn, Filters(outlet=f.outlet, language=f.language, subject=f.subject))
    if scope:
        q = q.where(
            s.id.in_(
                select(t.story_members.c.story_id)
                .join(t.articles, t.articles.c.id == t.story_members.c.article_id)
                .where(*scope)
            )
        )
    q = q.order_by(s.n_articles.desc(), s.first_published.is_(None), s.first_published, s.id)
    if limit is not None:
        q = q.limit(limit).offset(offset)
    ids = [r.id for r in conn.execute(q)]
    records = {r["id"]: r for r in _story_records(conn, ids)} if ids else {}
    out = [records[i] for i in ids if i in records]
    for r in out:
        del r["_rows"]
    return out


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
    fill_sentences(conn, events)
    events.sort(key=lambda e: (e["sort_date"], e["id"]))
    record["events"] = events
    record["contradictions"] = _contradiction_records(conn, [story_id])
    return record


# -- reads: copies ----------------------------------------------------------------------

_KIND_ORDER = {"exact": 0, "forward": 1, "wire": 2, "credit": 3, "near": 4}


def _origin_sets(
    conn: Connection, scope: list[Any] | None = None, *, grouped: bool = False, ids: Sequence[int] | None = None
) -> dict[int, list[dict[str, Any]]]:
    """Articles stored once but seen at several origins (exact duplicates), with those origins.

    ``scope``: article conditions (filters); ``grouped``: leave out articles of a copy group
    (their chain lists them); ``ids``: only these articles.
    """
    o = t.origins.c
    many = select(o.article_id).group_by(o.article_id).having(func.count() > 1)
    if scope:
        many = many.where(o.article_id.in_(select(t.articles.c.id).where(*scope)))
    if grouped:
        in_group = (
            select(t.copy_items.c.article_id)
            .join(t.copy_groups, t.copy_groups.c.group_id == t.copy_items.c.group_id)
            .where(t.copy_groups.c.size > 1)
        )
        many = many.where(o.article_id.not_in(in_group))
    if ids is not None:
        many = many.where(o.article_id.in_(list(ids)))
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
        select(
            t.articles.c.id, t.articles.c.title, t.articles.c.outlet, t.articles.c.published, t.articles.c.url
        ).where(t.articles.c.id.in_(sorted(origins)))
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


def list_copies(
    conn: Connection,
    *,
    limit: int | None = 100,
    offset: int = 0,
    filters: Filters = NO_FILTERS,
    group: int | None = None,
) -> list[dict[str, Any]]:
    """Copy chains: each group of two or more items with its original and how each copy repeats it.

    Largest groups first; ``filters`` on the original (publication dates, outlet, language,
    story, subject).  Only the page's groups are read.

    Exact duplicates are stored once (one article, several origins): an article with several
    origins that is in no copy group is listed after the groups as a chain of one, marked
    ``exact_duplicate``, with its ``origins``; inside a chain each article lists its ``origins``
    when it has more than one.
    """
    f = filters.checked()
    g = t.copy_groups.c
    q = select(t.copy_groups).where(g.size > 1)
    if group is not None:
        q = q.where(g.group_id == group)
    scope = article_conditions(conn, f)
    if scope:
        q = q.where(g.original_id.in_(select(t.articles.c.id).where(*scope)))
    q = q.order_by(g.size.desc(), g.group_id)
    if limit is not None:
        q = q.limit(limit).offset(offset)
    groups = conn.execute(q).all()
    out: list[dict[str, Any]] = []
    if groups:
        out = _group_chains(conn, groups)
    if group is None and (limit is None or len(out) < limit):
        # The page reaches past the groups: exact duplicates that are in no group follow them.
        counted = q.order_by(None).limit(None).offset(None).subquery()
        n_groups = conn.execute(select(func.count()).select_from(counted)).scalar_one()
        exact = _exact_duplicate_chains(conn, _origin_sets(conn, scope, grouped=True))
        start = max(0, offset - n_groups)
        room = None if limit is None else limit - len(out)
        out.extend(exact[start:] if room is None else exact[start : start + room])
    return out


def _group_chains(conn: Connection, groups: list[Any]) -> list[dict[str, Any]]:
    """The chain records of the given copy groups, in their order."""
    gids = [g.group_id for g in groups]
    members: dict[int, list[Any]] = defaultdict(list)
    for chunk in chunks(gids):
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
    origins = _origin_sets(conn, ids=[r.id for rows in members.values() for r in rows])
    ids = [r.id for rows in members.values() for r in rows]
    links: dict[int, list[Any]] = defaultdict(list)
    for chunk in chunks(ids):
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
    return out


def copies_of_article(conn: Connection, article_id: int) -> dict[str, Any] | None:
    """The copy chain an article belongs to (its original and every copy), or None when it has none."""
    group = conn.execute(select(t.copy_items.c.group_id).where(t.copy_items.c.article_id == article_id)).scalar()
    if group is None:
        return None
    found = list_copies(conn, group=group, limit=1)
    return found[0] if found else None


def story_of_article(conn: Connection, article_id: int) -> int | None:
    """The id of the story the article belongs to, if any."""
    return conn.execute(select(t.story_members.c.story_id).where(t.story_members.c.article_id == article_id)).scalar()


# -- reads: contradictions -----------------------------------------------------------------


#: The shape of a kept ``story_contradictions.flags`` value; a row of another shape is computed again.
FLAGS_FORMAT = 3


def _current(flags: dict[str, Any]) -> bool:
    return flags.get("v") == FLAGS_FORMAT


def _compute_story_flags(conn: Connection, story_ids: list[int]) -> dict[int, dict[str, Any]]:
    """What ``story_contradictions`` keeps for each story: its conflicts without source labels."""
    from dossier.resolve.contradictions import dated_equipment, denied_equipment, story_conflicts

    c = t.event_clusters.c
    cluster_ids = [r.id for chunk in chunks(story_ids) for r in conn.execute(select(c.id).where(c.story_id.in_(chunk)))]
    by_story: dict[int, list[EventCluster]] = defaultdict(list)
    for cluster in SqlEventStore(conn).load(cluster_ids) if cluster_ids else []:
        by_story[int(cluster.story)].append(cluster)
    out: dict[int, dict[str, Any]] = {}
    for story in story_ids:
        group = by_story.get(story, [])
        per_cluster, between = story_conflicts(group)
        out[story] = {
            "v": FLAGS_FORMAT,
            "articles": len({m.article_id for x in group for m in x.mentions}),
            "first": min((int(x.cluster_id) for x in group), default=None),
            "cluster": [f.to_record() for f in per_cluster],
            "subject": [f.to_record() for f in between],
            "denied": sorted([list(k) for k in denied_equipment(group)]),
            "dated": sorted([list(k) for k in dated_equipment(group)]),
        }
    return out


def _chunk_flags(conn: Connection, story_ids: Sequence[int]) -> list[tuple[int | None, dict[str, Any]]]:
    """``(story, flag record)`` of the contradictions among the given stories' events.

    The same flags, in the same order, as ``find_contradictions`` over all their clusters at once:
    per cluster (by cluster id), between clusters of each story, then equipment status compared
    across these stories.  Each story's own flags are read from ``story_contradictions``
    (computed once); the cross-story comparison loads only the clusters of the kinds some report
    denies, which is none for most stories.
    """
    from dossier.resolve.contradictions import equipment_date_conflicts, equipment_status_conflicts
    from dossier.store.contradiction_cache import story_flags

    stories = sorted(set(story_ids))
    flags = story_flags(conn, stories, lambda missing: _compute_story_flags(conn, missing), valid=_current)
    present = [x for x in stories if flags.get(x, {}).get("first") is not None]
    out: list[tuple[int | None, dict[str, Any]]] = []
    per_cluster = [(x, r) for x in present for r in flags[x]["cluster"]]
    per_cluster.sort(key=lambda item: int(item[1]["subject"]))  # stable: a cluster's flags keep their order
    out += per_cluster
    for x in sorted(present, key=lambda x: flags[x]["first"]):
        out += [(x, r) for r in flags[x]["subject"]]
    denied = {tuple(k) for x in present for k in flags[x]["denied"]}
    if denied:
        kinds = sorted({kind for kind, _name in denied})
        out += _across_stories(conn, present, kinds, equipment_status_conflicts)
    # A step in a system's life (combat duty) dated differently in two stories: only keys that
    # more than one story dates can disagree across stories, so only their clusters are loaded.
    dated_in: dict[tuple[str, str], set[int]] = defaultdict(set)
    for x in present:
        for kind, name in flags[x].get("dated", []):
            dated_in[(kind, name)].add(x)
    shared = {key: where for key, where in dated_in.items() if len(where) >= 2}
    if shared:
        kinds = sorted({kind for kind, _name in shared})
        out += _across_stories(conn, sorted(set().union(*shared.values())), kinds, equipment_date_conflicts)
    return out


def _across_stories(
    conn: Connection,
    stories: Sequence[int],
    kinds: Sequence[str],
    compare: Callable[[list[EventCluster]], list[Contradiction]],
) -> list[tuple[int | None, dict[str, Any]]]:
    """``(story, flag record)`` of a cross-story comparison over the stories' clusters of ``kinds``."""
    c = t.event_clusters.c
    ids = [
        r.id
        for chunk in chunks(list(stories))
        for r in conn.execute(select(c.id).where(c.story_id.in_(chunk), c.kind.in_(list(kinds))))
    ]
    clusters = SqlEventStore(conn).load(ids)
    story_of = {x.cluster_id: int(x.story) for x in clusters}
    return [(story_of.get(flag.subject.split("|")[0]), flag.to_record()) for flag in compare(clusters)]


def _contradiction_records(conn: Connection, story_ids: Sequence[int]) -> list[dict[str, Any]]:
    """The contradictions among the given stories' events, each side with its provenance and
    independent source (read now: copy chains and corrections change them)."""
    found = _chunk_flags(conn, story_ids)
    if not found:
        return []
    ids = {int(side["article_id"]) for _story, flag in found for side in flag["sides"]}
    resolver = SourceResolver(conn, ids)
    meta = {
        r.id: r
        for chunk in chunks(sorted(ids))
        for r in conn.execute(
            select(
                t.articles.c.id, t.articles.c.outlet, t.articles.c.url, t.articles.c.published, t.articles.c.title
            ).where(t.articles.c.id.in_(chunk))
        )
    }
    out = []
    for story, flag in found:
        record = dict(flag)
        record["story"] = story
        record["events"] = [int(x) for x in flag["subject"].split("|")]
        sides = []
        for side in flag["sides"]:
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
                    "source": resolver.independent_source(str(aid)),
                }
            )
        record["sides"] = sides
        record["independent_sides"] = len({s["source"] for s in sides})
        out.append(record)
    return out


def _candidate_chunks(conn: Connection, size: int = 50, batch: int = 200) -> Iterator[list[int]]:
    """Stories with events reported by two articles or more (only they can disagree), ``size`` at
    a time in id order, found from the kept per-story rows (computed for the stories that lack one)."""
    from dossier.store.contradiction_cache import story_flags

    last, chunk = 0, []
    while True:
        ids = [
            r.id
            for r in conn.execute(
                select(t.stories.c.id).where(t.stories.c.id > last).order_by(t.stories.c.id).limit(batch)
            )
        ]
        if not ids:
            break
        last = ids[-1]
        flags = story_flags(conn, ids, lambda missing: _compute_story_flags(conn, missing), valid=_current)
        for story in ids:
            if flags[story]["articles"] > 1:
                chunk.append(story)
                if len(chunk) == size:
                    yield chunk
                    chunk = []
    if chunk:
        yield chunk


def list_contradictions(
    conn: Connection,
    *,
    story: int | None = None,
    limit: int | None = None,
    offset: int = 0,
    filters: Filters = NO_FILTERS,
) -> list[dict[str, Any]]:
    """Conflicting accounts among cross-article events, each side with its provenance.

    Read story by story (only stories with an event reported by two articles can disagree), so
    a page costs the stories it reads.  ``filters``: ``story``, event ``kind``, ``min_sources``
    (independent sides), and stories with an article of the outlet, language or subject.
    """
    f = filters.checked()
    story = story if story is not None else f.story
    if f.kind:
        check_event_kind(conn, f.kind)
    m, c = t.event_mentions.c, t.event_clusters.c
    candidates = select(c.story_id).join(t.event_mentions, m.cluster_id == c.id)
    if story is not None:
        candidates = candidates.where(c.story_id == story)
    if f.kind:
        candidates = candidates.where(func.upper(c.kind) == f.kind.upper())
    scope = article_conditions(conn, Filters(outlet=f.outlet, language=f.language, subject=f.subject))
    if scope:
        candidates = candidates.where(m.article_id.in_(select(t.articles.c.id).where(*scope)))
    candidates = (
        candidates.group_by(c.story_id).having(func.count(func.distinct(m.article_id)) > 1).order_by(c.story_id)
    )
    if story is None and not f.kind and not scope:
        # Unfiltered: the candidates from the kept per-story rows, read story by story along the
        # primary key until the page is full, instead of grouping every mention of the store.
        groups: Iterable[list[int]] = _candidate_chunks(conn)
    else:
        groups = chunks([r.story_id for r in conn.execute(candidates)], 50)
    out: list[dict[str, Any]] = []
    skipped = 0
    for chunk in groups:
        for record in _contradiction_records(conn, chunk):
            if f.kind and record["kind"].upper() != f.kind.upper():
                continue
            if f.min_sources and record["independent_sides"] < f.min_sources:
                continue
            if skipped < offset:
                skipped += 1
                continue
            out.append(record)
        if limit is not None and len(out) >= limit:
            return out[:limit]
    return out


def contested_fields(conn: Connection, event_ids: Sequence[int]) -> dict[int, list[str]]:
    """The fields (``date``, ``status``...) other reports contest, per event: what a timeline marks.

    The flags of :func:`contested_events` without reading their sides' articles and sources.
    """
    m, c = t.event_mentions.c, t.event_clusters.c
    cluster_of: dict[int, int] = {}
    for chunk in chunks(sorted(set(event_ids))):
        cluster_of.update(conn.execute(select(m.event_id, m.cluster_id).where(id_in(conn, m.event_id, chunk))).all())
    if not cluster_of:
        return {}
    stories = {
        r.story_id
        for chunk in chunks(sorted(set(cluster_of.values())))
        for r in conn.execute(select(c.story_id).where(c.id.in_(chunk)))
    }
    by_cluster: dict[int, set[str]] = defaultdict(set)
    for _story, flag in _chunk_flags(conn, sorted(stories)):
        for cid in flag["subject"].split("|"):
            by_cluster[int(cid)].add(flag["field"])
    return {eid: sorted(by_cluster[cid]) for eid, cid in cluster_of.items() if cid in by_cluster}


def contested_events(conn: Connection, event_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """The contradictions each of the given events takes part in (through its cross-article event).

    Only the stories of those events are read; a timeline marks an event
    whose date is told differently elsewhere as contested.
    """
    m, c = t.event_mentions.c, t.event_clusters.c
    cluster_of: dict[int, int] = {}
    for chunk in chunks(sorted(set(event_ids))):
        cluster_of.update(conn.execute(select(m.event_id, m.cluster_id).where(id_in(conn, m.event_id, chunk))).all())
    if not cluster_of:
        return {}
    stories = {
        r.story_id
        for chunk in chunks(sorted(set(cluster_of.values())))
        for r in conn.execute(select(c.story_id).where(c.id.in_(chunk)))
    }
    by_cluster: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for flag in _contradiction_records(conn, sorted(stories)):
        for cid in flag["events"]:
            by_cluster[cid].append(flag)
    return {eid: by_cluster[cid] for eid, cid in cluster_of.items() if cid in by_cluster}
