"""Read-side queries over extraction records: entities, mentions, quotes, events, timelines.

An entity's counts over the whole store (mentions, articles) are read from
``entities.mention_count`` / ``article_count``, which every write keeps
(``store/entity_counts.py``); counts over a selection of articles (a filtered
listing) are computed here from the mentions.  Every record carries its
provenance: the article id and the sentence it came from.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Text, cast, distinct, func, or_, select, type_coerce

from dossier import collector
from dossier.errors import NotFound, UsageError
from dossier.model import Entity
from dossier.store import entity_names as names_index
from dossier.store import schema as t
from dossier.store.filters import (
    NO_FILTERS,
    Filters,
    article_conditions,
    event_conditions,
    keep_min_sources,
    quote_conditions,
)
from dossier.store.sqlutil import chunks, id_chunks, id_in

#: The article columns every extraction record is shown with: where it came from, and the text
#: and sentence offsets needed to quote its sentence.
PROVENANCE = (
    t.articles.c.title,
    t.articles.c.outlet,
    t.articles.c.published,
    t.articles.c.url,
    t.articles.c.text.label("article_text"),
    t.articles.c.sentences,
)

KINDS = ("person", "org", "place", "equipment", "law", "event", "other")

#: Sources listed per event or timeline entry unless asked for all: the first reports, with
#: ``source_count`` and ``independent_sources`` counting every one (a widely copied event has thousands).
SOURCES_SHOWN = 10
#: Timeline entries per page unless asked for more (``limit=None``: all of them).
TIMELINE_PAGE = 100
#: Events a timeline is built from: the most recently stored this many about the subject (after
#: filters).  Why: merging a subject's reports into entries reads every one of them, and a subject
#: named in a tenth of a million-article store has hundreds of thousands; ``--since``/``--until``
#: (or another filter) reach older events.  ``window`` in the record says when it applied.
TIMELINE_EVENTS = 5_000


def not_rejected(table: Any) -> Any:
    """The condition that hides records an analyst rejected (``dossier reject``) from every listing."""
    return or_(table.c.review.is_(None), table.c.review != "rejected")


def _check_kind(kind: str | None) -> None:
    if kind is not None and kind not in KINDS:
        raise UsageError(f"unknown entity kind {kind!r}", hint=f"kinds: {', '.join(KINDS)}")


def _mention_counts(article_ids: Any):  # type: ignore[no-untyped-def]
    """Mentions and articles per entity within ``article_ids`` (a selection; whole-store counts are stored)."""
    q = select(
        t.mentions.c.entity_id,
        func.count().label("mentions"),
        func.count(distinct(t.mentions.c.article_id)).label("articles"),
    ).where(t.mentions.c.article_id.in_(article_ids))
    return q.group_by(t.mentions.c.entity_id).subquery()


#: An entity row with its stored whole-store counts under the names :func:`entity_record` reads.
_WITH_COUNTS = (
    t.entities,
    t.entities.c.mention_count.label("mentions"),
    t.entities.c.article_count.label("articles"),
)


def entity_record(row: Any) -> dict[str, Any]:
    """The entity record every face prints (``row``: an ``entities`` row with ``mentions`` and ``articles``)."""
    return {
        "id": row.id,
        "name": row.name,
        "kind": row.kind,
        "aliases": sorted(a for a in (row.aliases or []) if a != row.name),
        "wikidata": row.wikidata,
        "mentions": int(row.mentions or 0),
        "articles": int(row.articles or 0),
        "attrs": row.attrs or {},
        "corrected": row.corrected or None,
    }


def list_entities(
    conn: Connection,
    *,
    kind: str | None = None,
    limit: int | None = 100,
    offset: int = 0,
    min_articles: int = 1,
    filters: Filters = NO_FILTERS,
) -> list[dict[str, Any]]:
    """Canonical entities, most widely reported first.

    With article-level filters (dates, outlet, language, story, subject) the
    counts are over the matching articles only: "who is named in this story".
    """
    f = filters.checked()
    kind = kind or f.kind
    _check_kind(kind)
    scope = article_conditions(conn, f)
    e = t.entities.c
    if scope:
        counts = _mention_counts(select(t.articles.c.id).where(*scope))
        q = select(t.entities, counts.c.mentions, counts.c.articles).join(counts, counts.c.entity_id == e.id)
        q = q.where(counts.c.articles >= min_articles)
        q = q.order_by(counts.c.articles.desc(), counts.c.mentions.desc(), e.name, e.id)
    else:
        # Over the whole store: the stored counts, read along ``ix_entities_counts``.  An entity
        # with no mention left (its articles deleted) is not listed, as with counted mentions.
        q = select(*_WITH_COUNTS).where(e.article_count >= max(min_articles, 1))
        q = q.order_by(e.article_count.desc(), e.mention_count.desc(), e.name, e.id)
    if kind:
        q = q.where(e.kind == kind)
    if limit is not None:
        q = q.limit(limit).offset(offset)
    return [entity_record(r) for r in conn.execute(q)]


def entities_of_articles(conn: Connection, article_ids: list[int]) -> list[dict[str, Any]]:
    """The canonical entities mentioned in the given articles (what an ingest touched)."""
    if not article_ids:
        return []
    ids: set[int] = set()
    for chunk in chunks(article_ids):
        ids.update(
            conn.execute(select(t.mentions.c.entity_id).where(t.mentions.c.article_id.in_(chunk)).distinct()).scalars()
        )
    rows = [
        r
        for chunk in chunks(sorted(ids))
        for r in conn.execute(select(*_WITH_COUNTS).where(t.entities.c.id.in_(chunk)))
    ]
    rows.sort(key=lambda r: (r.kind, r.name, r.id))
    return [entity_record(r) for r in rows]


@lru_cache(maxsize=1)
def _keys_fn():  # type: ignore[no-untyped-def]
    from dossier.resolve.entities import entity_keys

    return entity_keys


def find_entity_ids(
    conn: Connection, name: str, *, kind: str | None = None, keys_out: set[str] | None = None
) -> list[int]:
    """Ids of the entities ``name`` refers to: by name or alias (any case), then by matching key.

    Keys make a lookup cross-language: "Лукашенко" finds the entity stored
    as "Alexander Lukashenko" because both give the same transliterated key.
    Both steps are index reads (``entity_names``, ``entity_keys``): a look-up
    costs the entities it finds, not the size of the entities table.
    ``keys_out`` receives the keys looked up when no name matched (what a new key could change).
    """
    _check_kind(kind)
    name = name.strip()
    if not name:
        raise UsageError("an entity name is required")
    lowered = name.casefold()
    e, n = t.entities.c, t.entity_names.c
    q = (
        select(e.id, e.name, e.aliases)
        .where(e.id.in_(select(n.entity_id).where(n.name == names_index.fold(name)).scalar_subquery()))
        .order_by(e.id)
    )
    if kind:
        q = q.where(e.kind == kind)
    ids = [
        r.id
        for r in conn.execute(q)
        if r.name.casefold() == lowered or any(str(a).casefold() == lowered for a in (r.aliases or []))
    ]
    if ids:
        return ids
    keys: list[str] = []
    for k in [kind] if kind else KINDS:
        keys.extend(_keys_fn()(Entity(name=name, kind=k)))
    if keys_out is not None:
        keys_out.update(keys)
    if not keys:
        return []
    rows = conn.execute(select(t.entity_keys.c.entity_id).where(t.entity_keys.c.key.in_(keys)).distinct())
    return [r.entity_id for r in rows]


def _sentence(text: str, sentences: list[list[int]] | None, index: int) -> str:
    if sentences and 0 <= index < len(sentences):
        s, e = sentences[index]
        return text[s:e]
    return ""


def get_entity_by_id(conn: Connection, entity_id: int, *, limit: int = 200, offset: int = 0) -> dict[str, Any]:
    """One entity by its id (the API's and the pages' address for it), as :func:`get_entity`."""
    if not conn.execute(select(t.entities.c.id).where(t.entities.c.id == entity_id)).first():
        raise NotFound(f"no entity with id {entity_id}", hint="list entities with `dossier entities`")
    return _entity_detail(conn, [entity_id], limit=limit, offset=offset)


def get_entity(
    conn: Connection, name: str, *, kind: str | None = None, limit: int = 200, offset: int = 0
) -> dict[str, Any]:
    """One entity: aliases, the articles it appears in, and each mention in its sentence."""
    ids = find_entity_ids(conn, name, kind=kind)
    if not ids:
        raise NotFound(f"no entity called {name!r}", hint="list entities with `dossier entities`")
    return _entity_detail(conn, ids, limit=limit, offset=offset)


def _mentions_in_publication_order(conn: Connection, entity_id: int, *, limit: int, offset: int) -> list[int]:
    """The ids of the entity's mentions ``offset`` to ``offset + limit``, oldest article first (undated
    last; then by article, position in it, id).

    Read along ``ix_mentions_entity_published`` (migration 0018: each mention carries its article's
    publication time), dated mentions first, then undated ones: each part is a range of that index
    in its order, so a page costs its own rows whatever the entity's history (a country is named
    over a million times in a million-article store).  The page's rows, with their article text,
    are read afterwards by id (:func:`_entity_detail`).
    """
    m = t.mentions.c
    mine = select(m.id).where(m.entity_id == entity_id)
    dated = mine.where(m.published.is_not(None)).order_by(m.published, m.article_id, m.start, m.id)
    out = list(conn.execute(dated.limit(limit).offset(offset)).scalars())
    if len(out) >= limit:
        return out
    if out:
        before = offset + len(out)  # every dated mention is on this page or an earlier one
    else:  # the page starts past the dated mentions: how many there are (an index count, rare)
        before = conn.execute(
            select(func.count()).select_from(t.mentions).where(m.entity_id == entity_id, m.published.is_not(None))
        ).scalar_one()
    undated = mine.where(m.published.is_(None)).order_by(m.article_id, m.start, m.id)
    out.extend(conn.execute(undated.limit(limit - len(out)).offset(max(0, offset - before))).scalars())
    return out


def _entity_detail(conn: Connection, ids: list[int], *, limit: int, offset: int) -> dict[str, Any]:
    if limit < 0 or offset < 0:
        raise UsageError(f"limit and offset must be >= 0, got {limit} and {offset}")
    rows = conn.execute(
        select(*_WITH_COUNTS)
        .where(t.entities.c.id.in_(ids))
        .order_by(t.entities.c.mention_count.desc(), t.entities.c.id)
    ).all()
    record = entity_record(rows[0])
    if len(rows) > 1:
        record["also"] = [entity_record(r) for r in rows[1:]]
    page = _mentions_in_publication_order(conn, record["id"], limit=limit, offset=offset)
    mc, ac = t.mentions.c, t.articles.c
    mentions = _in_order(
        conn, select(mc.id, mc.article_id, mc.text, mc.start, mc.end, mc.sentence, mc.role), mc.id, page
    )
    # Each article's text and sentence offsets once, however many of its mentions the page holds.
    wanted = sorted({m.article_id for m in mentions})
    sources = {
        r.id: r
        for chunk in chunks(wanted, 500)
        for r in conn.execute(
            select(ac.id, ac.title, ac.outlet, ac.published, ac.text, ac.sentences).where(ac.id.in_(chunk))
        )
    }
    articles: dict[int, dict[str, Any]] = {}
    record["mention_list"] = []
    for m in mentions:
        a = sources[m.article_id]
        articles.setdefault(a.id, {"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published})
        record["mention_list"].append(
            {
                "article_id": m.article_id,
                "text": m.text,
                "start": m.start,
                "end": m.end,
                "role": m.role,
                "sentence": _sentence(a.text, a.sentences, m.sentence),
                "sentence_index": m.sentence,
            }
        )
    record["article_list"] = list(articles.values())
    return record


def cooccurring(conn: Connection, entity_id: int, *, limit: int = 20) -> list[dict[str, Any]]:
    """Entities named in the same sentences as ``entity_id``, most shared sentences first."""
    me, other = t.mentions.alias("me"), t.mentions.alias("other")
    shared = func.count(distinct(func.concat(other.c.article_id, ":", other.c.sentence)))
    if conn.dialect.name == "sqlite":
        shared = func.count(distinct(other.c.article_id * 100000 + other.c.sentence))
    rows = conn.execute(
        select(t.entities.c.id, t.entities.c.name, t.entities.c.kind, shared.label("sentences"))
        .select_from(me)
        .join(other, (other.c.article_id == me.c.article_id) & (other.c.sentence == me.c.sentence))
        .join(t.entities, t.entities.c.id == other.c.entity_id)
        .where(me.c.entity_id == entity_id, other.c.entity_id != entity_id)
        .group_by(t.entities.c.id, t.entities.c.name, t.entities.c.kind)
        .order_by(shared.desc(), t.entities.c.name)
        .limit(limit)
    )
    return [{"id": r.id, "name": r.name, "kind": r.kind, "sentences": int(r.sentences)} for r in rows]


def mentions_per_day(conn: Connection, entity_id: int) -> list[dict[str, Any]]:
    """Attention over time: per publication day, the mentions of ``entity_id`` and the articles with one."""
    day = func.substr(t.articles.c.published, 1, 10)
    rows = conn.execute(
        select(day.label("day"), func.count().label("mentions"), func.count(distinct(t.articles.c.id)))
        .select_from(t.mentions)
        .join(t.articles, t.articles.c.id == t.mentions.c.article_id)
        .where(t.mentions.c.entity_id == entity_id, t.articles.c.published.is_not(None))
        .group_by(day)
        .order_by(day)
    )
    return [{"day": d, "mentions": int(n), "articles": int(a)} for d, n, a in rows]


def list_quotes(
    conn: Connection,
    *,
    speaker: str | None = None,
    limit: int | None = 200,
    offset: int = 0,
    filters: Filters = NO_FILTERS,
    article_id: int | None = None,
    speaker_id: int | None = None,
) -> list[dict[str, Any]]:
    """Stored quotes with their speaker and provenance, in publication order.

    ``filters``: publication dates, outlet, language, story, and a subject that is the speaker
    or is named inside the quote.
    """
    if offset < 0:
        raise UsageError(f"--offset must be >= 0, got {offset}")
    f = filters.checked()
    speaker_entity = t.entities.alias("speaker_entity")
    full = (
        select(
            t.quotes,
            *PROVENANCE,
            speaker_entity.c.name.label("canonical_speaker"),
        )
        .join(t.articles, t.articles.c.id == t.quotes.c.article_id)
        .outerjoin(speaker_entity, speaker_entity.c.id == t.quotes.c.speaker_entity_id)
    )
    # The page's ids first, ordered over narrow rows; then its records with their article text.
    q = select(t.quotes.c.id).join(t.articles, t.articles.c.id == t.quotes.c.article_id).where(not_rejected(t.quotes))
    if speaker:
        ids = find_entity_ids(conn, speaker)
        cond = t.quotes.c.speaker.ilike(f"%{speaker}%")
        q = q.where(or_(t.quotes.c.speaker_entity_id.in_(ids), cond) if ids else cond)
    q = q.where(*quote_conditions(conn, f))
    if article_id is not None:
        q = q.where(t.quotes.c.article_id == article_id)
    if speaker_id is not None:  # the quotes of one entity (its page), by the indexed speaker column
        q = q.where(t.quotes.c.speaker_entity_id == speaker_id)
    q = q.order_by(
        t.articles.c.published.is_(None), t.articles.c.published, t.quotes.c.article_id, t.quotes.c.start, t.quotes.c.id
    )
    if limit is not None and not (speaker or speaker_id is not None or article_id is not None or f.subject):
        # No filter on the quotes themselves: walk the articles in publication order along their
        # index and take their quotes, so that a page costs the articles it reads, not every quote.
        wanted = _quote_page_by_article(conn, f, limit, offset)
    else:
        if limit is not None:
            q = q.limit(limit).offset(offset)
        wanted = [row.id for row in conn.execute(q)]
    rows = _in_order(conn, full, t.quotes.c.id, wanted)
    return [quote_record(r, _sentence(r.article_text, r.sentences, r.sentence)) for r in rows]


def _quote_page_by_article(conn: Connection, f: Filters, limit: int, offset: int, batch: int = 200) -> list[int]:
    """Ids of the quotes ``offset`` .. ``offset + limit`` in publication order (undated articles last),
    found by reading articles in the order of ``ix_articles_published`` a batch at a time."""
    a, qc = t.articles.c, t.quotes.c
    scope = article_conditions(conn, f)
    # Dated articles along the index, then the undated ones: the order of the listing's ORDER BY.
    dated = select(a.id).where(*scope, a.published.is_not(None)).order_by(a.published, a.id)
    undated = select(a.id).where(*scope, a.published.is_(None)).order_by(a.id)
    out: list[int] = []
    skip = offset
    for part in (dated, undated):
        start = 0
        while len(out) < limit:
            ids = [r.id for r in conn.execute(part.limit(batch).offset(start))]
            if not ids:
                break
            start += batch
            position = {aid: i for i, aid in enumerate(ids)}
            found = conn.execute(
                select(qc.id, qc.article_id, qc.start).where(qc.article_id.in_(ids), not_rejected(t.quotes))
            ).all()
            found.sort(key=lambda r: (position[r.article_id], r.start, r.id))
            if skip >= len(found):
                skip -= len(found)
                continue
            out.extend(r.id for r in found[skip:])
            skip = 0
            if len(ids) < batch:
                break
        if len(out) >= limit:
            break
    return out[:limit]


def quote_record(r: Any, sentence: str | None) -> dict[str, Any]:
    """The quote record every face prints (CLI ``--json``, API, exports): one shape, built here once.

    ``r`` is a ``quotes`` row joined with its article's outlet, date and URL and the speaker's
    canonical name (``canonical_speaker``).
    """
    return {
        "id": r.id,
        "speaker": r.canonical_speaker or r.speaker,
        "speaker_id": r.speaker_entity_id,
        "text": r.text,
        "direct": bool(r.direct),
        "cue": r.cue,
        "date": r.date,
        "via": r.via,
        "sentence": sentence,
        "start": r.start,
        "end": r.end,
        "article_id": r.article_id,
        "outlet": r.outlet,
        "published": r.published,
        "url": r.url,
        "review": r.review,
        "corrected": r.corrected or None,
    }


def _in_order(conn: Connection, query: Any, id_column: Any, ids: list[int]) -> list[Any]:
    """The rows of ``query`` with the given ids, in the order of ``ids`` (read in chunks by primary key)."""
    by_id: dict[int, Any] = {}
    for i in range(0, len(ids), 500):
        by_id.update((r.id, r) for r in conn.execute(query.where(id_column.in_(ids[i : i + 500]))))
    return [by_id[i] for i in ids if i in by_id]


def event_record(r: Any, sentence: Any = None) -> dict[str, Any]:
    """The event record every face prints; ``sentence`` given (a :class:`SentenceRef`) when the row has no
    article text."""
    return _event_record(dict(zip(r._fields, r, strict=True)), sentence)


def _event_record(r: dict[str, Any], sentence: Any = None) -> dict[str, Any]:
    """:func:`event_record` from a plain dict of the row's columns.

    Why a dict: reading a SQLAlchemy row's columns by attribute costs a few microseconds each, and a
    timeline reads some 20 columns of each of thousands of events; a dict made once per row (keys
    zipped with the values) reads them for a fraction of that (:func:`_event_records`).
    """
    return {
        "id": r["id"],
        "kind": r["kind"],
        "trigger": r["trigger"],
        "date": r["date"],
        "date_text": r["date_text"],
        "reported": r["reported"],
        "actors": r["actors"] or [],
        "targets": r["targets"] or [],
        "equipment": r["equipment"] or [],
        "place": r["place"],
        "modality": r["modality"],
        "attributed_to": r["canonical_speaker"] or r["attributed_to"],
        "quote_id": r["quote_id"],
        "article_id": r["article_id"],
        "sentence": sentence if sentence is not None else _sentence(r["article_text"], r["sentences"], r["sentence"]),
        "start": r["start"],
        "end": r["end"],
        "outlet": r["outlet"],
        "url": r["url"],
        "published": r["published"],
        "title": r["title"],
        "review": r["review"],
        "corrected": r["corrected"] or None,
    }


def _event_records(result: Any, *, light: bool) -> list[dict[str, Any]]:
    """The event records of an executed :func:`_events_query`, rows fetched at once (``.all()``: iterating
    a result fetches row by row, a Python call per row).  ``light``: each ``sentence`` is a
    :class:`~dossier.store.cross_queries.SentenceRef` instead of text the query did not read."""
    from dossier.store.cross_queries import SentenceRef

    keys = tuple(result.keys())
    if not light:
        return [_event_record(dict(zip(keys, row, strict=True))) for row in result.all()]
    # Light (a timeline's window of thousands of events): each record is made straight from the row's
    # tuple, without a dict of the row's columns in between.
    at = {name: i for i, name in enumerate(keys)}
    (
        i_id, i_kind, i_trigger, i_date, i_date_text, i_reported, i_actors, i_targets, i_equipment, i_place,
        i_modality, i_speaker, i_attributed, i_quote, i_article, i_sentence, i_start, i_end, i_outlet, i_url,
        i_published, i_title, i_review, i_corrected,
    ) = (at[name] for name in _LIGHT_KEYS)  # fmt: skip
    decoded: dict[str, list[Any]] = {}
    refs: dict[tuple[int, int], SentenceRef] = {}
    out = []
    for r in result.all():
        ref_key = (r[i_article], r[i_sentence])
        ref = refs.get(ref_key)
        if ref is None:
            ref = refs[ref_key] = SentenceRef(*ref_key)
        out.append(
            {
                "id": r[i_id],
                "kind": r[i_kind],
                "trigger": r[i_trigger],
                "date": r[i_date],
                "date_text": r[i_date_text],
                "reported": r[i_reported],
                "actors": _role_list(r[i_actors], decoded) or [],
                "targets": _role_list(r[i_targets], decoded) or [],
                "equipment": _role_list(r[i_equipment], decoded) or [],
                "place": r[i_place],
                "modality": r[i_modality],
                "attributed_to": r[i_speaker] or r[i_attributed],
                "quote_id": r[i_quote],
                "article_id": r[i_article],
                "sentence": ref,
                "start": r[i_start],
                "end": r[i_end],
                "outlet": r[i_outlet],
                "url": r[i_url],
                "published": r[i_published],
                "title": r[i_title],
                "review": r[i_review],
                "corrected": r[i_corrected] or None,
            }
        )
    return out


#: The columns a light record is made of, in the order :func:`_event_records` unpacks them.
_LIGHT_KEYS = (
    "id", "kind", "trigger", "date", "date_text", "reported", "actors", "targets", "equipment", "place",
    "modality", "canonical_speaker", "attributed_to", "quote_id", "article_id", "sentence", "start", "end",
    "outlet", "url", "published", "title", "review", "corrected",
)  # fmt: skip


#: The JSON columns of an event that hold lists of names: the light query reads them as text.
_ROLE_LISTS = ("actors", "targets", "equipment")


def _role_list(value: Any, decoded: dict[str, list[Any]]) -> Any:
    """A role list from its stored JSON text, each distinct text decoded once (every record gets its own list).

    Why: the thousands of events of a timeline's window repeat a few role lists ("[]", the
    subject alone), and decoding each one again was a tenth of a first read.  A value the driver
    already decoded (PostgreSQL's ``json`` type) is kept as it came.
    """
    if not isinstance(value, str):
        return value
    found = decoded.get(value)
    if found is None:
        found = json.loads(value)
        if not (isinstance(found, list) and all(isinstance(x, str) for x in found)):
            return found  # not a list of names: not shared, never copied
        decoded[value] = found
    return list(found)


#: Where an event came from, without the article text: for listings that quote sentences later.
_LIGHT_PROVENANCE = (t.articles.c.title, t.articles.c.outlet, t.articles.c.published, t.articles.c.url)


@lru_cache(maxsize=4)
def _events_query(*, light: bool = False):  # type: ignore[no-untyped-def]
    """The events with their provenance, not yet narrowed (callers add ``where``/``order_by``,
    which make new statements and leave this one as it is).

    Built once per process (issue #13, ninth round): its thirty-odd columns, casts and joins cost
    about 1.4 ms to construct, a tenth of a small subject's timeline build, for the same statement
    each time.
    """
    # A reported event is attributed to its quote's speaker: name it as the store knows them.
    speaker = t.entities.alias("speaker")
    # Light: the role lists come as their JSON text, decoded once per distinct text (_event_records).
    # Cast in SQL, not only coerced here: PostgreSQL's driver decodes a ``json`` column by its type
    # on the wire, once per row (some 14,000 decodes for a big subject's window), whatever
    # SQLAlchemy's type says; as text it reaches ``_role_list`` undecoded, as on SQLite.
    events = [type_coerce(cast(c, Text), Text).label(c.name) if c.name in _ROLE_LISTS else c for c in t.events.c]
    return (
        select(
            *(events if light else [t.events]),
            *(_LIGHT_PROVENANCE if light else PROVENANCE),
            speaker.c.name.label("canonical_speaker"),
        )
        .join(t.articles, t.articles.c.id == t.events.c.article_id)
        .outerjoin(t.quotes, t.quotes.c.id == t.events.c.quote_id)
        .outerjoin(speaker, speaker.c.id == t.quotes.c.speaker_entity_id)
        .where(not_rejected(t.events))
    )


def list_events(
    conn: Connection,
    *,
    kind: str | None = None,
    limit: int | None = 500,
    offset: int = 0,
    filters: Filters = NO_FILTERS,
    sources_limit: int | None = SOURCES_SHOWN,
) -> list[dict[str, Any]]:
    """Stored events in date order (undated last), each with its sources.

    ``sources_limit``: each event lists its first (earliest) sources only, with ``source_count`` and
    ``independent_sources`` counting them all (``None``: every source).

    ``filters``: event dates (an undated event by its report's date), kind, modality, outlet,
    language, story, subject (an entity in any role) and ``min_sources`` (independent sources).
    An unknown kind is a :class:`UsageError` that lists the valid ones.
    """
    if offset < 0:
        raise UsageError(f"--offset must be >= 0, got {offset}")
    f = filters.checked()
    if kind:
        f = Filters(**{**f.__dict__, "kind": kind})
    # The page's ids first, ordered over narrow rows; then its records with their article text.
    ids = (
        select(t.events.c.id)
        .join(t.articles, t.articles.c.id == t.events.c.article_id)
        .where(not_rejected(t.events), *event_conditions(conn, f))
        # By the interval each date denotes (``date_order``, written with the event), not as strings:
        # "2025-W39" and "2025-Q3" would sort after every day of 2025.  NULLS LAST rather than
        # "date_order IS NULL" first: the same order, read along ix_events_date_order instead of
        # sorting every event for one page.
        .order_by(t.events.c.date_order.asc().nulls_last(), t.events.c.reported, t.events.c.id)
    )

    def page(start: int, size: int | None) -> list[dict[str, Any]]:
        wanted = [r.id for r in conn.execute(ids.limit(size).offset(start) if size is not None else ids)]
        rows = _in_order(conn, _events_query(), t.events.c.id, wanted)
        records = canonicalise([event_record(r) for r in rows], conn)
        _add_sources(conn, records, merged=False, limit=sources_limit)
        return records

    if not f.min_sources:
        return page(offset, limit)
    return _post_filtered(page, lambda rs: keep_min_sources(rs, f), limit=limit, offset=offset)


def _post_filtered(page: Any, keep: Any, *, limit: int | None, offset: int, batch: int = 500) -> list[dict[str, Any]]:
    """``limit`` records after ``offset`` among those ``keep`` passes, read ``batch`` rows at a time.

    For a filter SQL cannot apply (a count of independent sources computed
    from the copy chains): the work grows with the offset, not the store.
    """
    out: list[dict[str, Any]] = []
    skipped, start = 0, 0
    while limit is None or len(out) < limit:
        rows = page(start, batch)
        for r in keep(rows):
            if skipped < offset:
                skipped += 1
            else:
                out.append(r)
        if len(rows) < batch:
            break
        start += batch
    return out if limit is None else out[:limit]


def _add_sources(conn: Connection, records: list[dict[str, Any]], *, merged: bool, limit: int | None = None) -> None:
    """``sources`` (every article reporting the event, the first ``limit``), ``source_count`` and
    ``independent_sources`` (issue #7)."""
    from dossier.store.cross_queries import event_sources

    event_sources(conn, records, merged=merged, limit=limit)


def _about(entity_ids: list[int]) -> Any:
    """The ids of the events that have one of the entities in any role."""
    return select(t.event_entities.c.event_id).where(t.event_entities.c.entity_id.in_(entity_ids))


def _newest_events(conn: Connection, entity_ids: list[int], filters: Filters, n: int) -> Any:
    """The ids of the ``n`` most recently stored events about the entities (that pass ``filters``).

    Read along ix_event_entities_entity_event when nothing is filtered: the rest of the subject's
    history is never touched.
    """
    ids = _about(entity_ids)
    if filters == NO_FILTERS:
        return ids.order_by(t.event_entities.c.event_id.desc()).limit(n)
    return (  # the conditions name articles too (outlet, language, story): join them, never a product
        select(t.events.c.id)
        .select_from(t.events.join(t.articles, t.articles.c.id == t.events.c.article_id))
        .where(t.events.c.id.in_(ids), *event_conditions(conn, filters))
        .order_by(t.events.c.id.desc())
        .limit(n)
    )


def events_about(
    conn: Connection,
    entity_ids: list[int],
    filters: Filters = NO_FILTERS,
    *,
    light: bool = False,
    window: int | None = None,
) -> list[dict[str, Any]]:
    """Every stored event that has one of the entities in any role (and passes ``filters``);
    with ``window``, only the most recently stored ``window`` of them.

    ``light``: without reading article texts; each ``sentence`` is a
    :class:`~dossier.store.cross_queries.SentenceRef` (``fill_sentences`` reads the ones shown).
    """
    if not entity_ids:
        return []
    kept = _RECORDS.get()
    if kept is not None and light and filters == NO_FILTERS:
        return _events_about_kept(conn, entity_ids, window, kept)
    if window is None:
        q = _events_query(light=light).where(t.events.c.id.in_(_about(entity_ids)), *event_conditions(conn, filters))
    else:  # the window's ids already passed the filters
        q = _events_query(light=light).where(t.events.c.id.in_(_newest_events(conn, entity_ids, filters, window)))
    # In storing order on every database: which report stands for a merged timeline entry follows
    # this order, and PostgreSQL, unlike SQLite, returns an IN look-up in no fixed order.
    records = _event_records(conn.execute(q.order_by(t.events.c.id)), light=light)
    return canonicalise(records, conn)


#: The window records kept between whole builds (``timeline_entries.RecordCache``), while one is built.
_RECORDS: ContextVar[Any] = ContextVar("timeline_records", default=None)


def _events_about_kept(conn: Connection, entity_ids: list[int], window: int | None, kept: Any) -> list[dict[str, Any]]:
    """:func:`events_about` (light, unfiltered) through ``kept``: the window's ids from the index, the
    records of the events an earlier build made (their roles already canonical) from ``kept``, only
    the others from the rows; then the sources' canonical names for all, as :func:`canonicalise` does.

    The same records in the same order as the statement of :func:`events_about`: the same ids
    (distinct, in storing order; a rejected event is not found by the records' statement and never
    kept), each record made by the same code from the same rows.
    """
    ids_q = _about(entity_ids) if window is None else _newest_events(conn, entity_ids, NO_FILTERS, window)
    ids = sorted(set(conn.execute(ids_q).scalars()))
    found = kept.get(ids)
    missing = [i for i in ids if i not in found]
    fresh: list[dict[str, Any]] = []
    if not found and missing:
        # Nothing kept (a reader's first build, or after the store-wide stamp moved): the window in one
        # statement, as events_about reads it, rather than the ids in chunks (issue #13, ninth round).
        q = _events_query(light=True).where(t.events.c.id.in_(ids_q)).order_by(t.events.c.id)
        fresh = _event_records(conn.execute(q), light=True)
        missing = []
    for chunk in id_chunks(conn, missing):
        q = _events_query(light=True).where(id_in(conn, t.events.c.id, chunk)).order_by(t.events.c.id)
        fresh += _event_records(conn.execute(q), light=True)
    if fresh:
        _canonical_roles(fresh, conn)
        kept.put(conn, fresh)
    found.update((r["id"], r) for r in fresh)
    records = [found[i] for i in ids if i in found]
    _canonical_sources(conn, records)
    return records


#: The source-name look-ups of the timeline being built, if it is to be kept (``timeline_cache.LookUps``).
_LOOK_UPS: ContextVar[Any] = ContextVar("timeline_look_ups", default=None)


def _canonical_sources(conn: Connection, records: list[dict[str, Any]]) -> None:
    """Name each event's source (a speaker or an outlet) as the store's canonical entity, when one matches."""
    names = {r["attributed_to"] for r in records if r.get("attributed_to")}
    canonical: dict[str, str] = {}
    looked = _LOOK_UPS.get()
    for name in names:
        keys: set[str] = set()
        ids = find_entity_ids(conn, name, keys_out=keys)
        if looked is not None:  # a kept timeline goes stale when an entity takes this name or key
            looked.add(name, keys)
        if ids:
            canonical[name] = conn.execute(select(t.entities.c.name).where(t.entities.c.id == ids[0])).scalar_one()
    for r in records:
        if r.get("attributed_to") in canonical:
            r["attributed_to"] = canonical[r["attributed_to"]]


_ROLE_FIELDS = {"actor": "actors", "target": "targets", "equipment": "equipment"}


def canonicalise(records: list[dict[str, Any]], conn: Connection) -> list[dict[str, Any]]:
    """Replace the article-level names in events' roles by the store's canonical names.

    Why: each article names its participants in its own language and form
    ("Александр Лукашенко", "Lukashenko"); across articles they must read as
    one entity, and ``entity_ids`` lets later stages compare them exactly.
    """
    if not records:
        return records
    _canonical_roles(records, conn)
    _canonical_sources(conn, records)
    return records


def _canonical_roles(records: list[dict[str, Any]], conn: Connection) -> None:
    """:func:`canonicalise` without the sources' names: ``entity_ids`` and the roles' canonical names.

    Apart because it reads only what an ingest batch never changes for a stored event (its links and
    its entities' names, whose changes move the store-wide stamp), so a whole timeline's rebuild may
    reuse what an earlier build made (``timeline_entries.RecordCache``); the sources' names
    (:func:`_canonical_sources`) may change with any new entity and are looked up on every build.
    """
    ee = t.event_entities.c
    # Plain tuples (event id, role, entity id), unpacked: attribute reads of thousands of rows cost
    # more than the query.
    rows: list[tuple[int, str, int]] = [
        (event_id, role, entity_id)
        for chunk in id_chunks(conn, sorted({r["id"] for r in records}))
        for event_id, role, entity_id in conn.execute(
            select(ee.event_id, ee.role, ee.entity_id).where(id_in(conn, ee.event_id, chunk))
        ).all()
    ]
    # Each entity's names read once, however many events name it (aliases are JSON to decode).
    entity: dict[int, str] = {}
    known: dict[int, set[str]] = {}
    for chunk in id_chunks(conn, sorted({row[2] for row in rows})):
        for entity_id, name, aliases in conn.execute(
            select(t.entities.c.id, t.entities.c.name, t.entities.c.aliases).where(id_in(conn, t.entities.c.id, chunk))
        ).all():
            entity[entity_id] = name
            known[entity_id] = {name, *(aliases or [])}
    links: dict[int, list[tuple[int, str, int]]] = {}
    for row in rows:
        if row[2] in entity:
            links.setdefault(row[0], []).append(row)
    done: dict[tuple[int, tuple[str, ...]], list[str]] = {}
    for record in records:
        linked = links.get(record["id"], ())
        record["entity_ids"] = sorted({entity_id for _, _, entity_id in linked})
        for _, role, entity_id in linked:
            names, name = known[entity_id], entity[entity_id]
            if role == "place":
                if record.get("place") in names:
                    record["place"] = name
                continue
            field = _ROLE_FIELDS.get(role)
            if field:
                # Reports of one event name their participants alike: rename each list once.
                key = (entity_id, tuple(record[field]))
                renamed = done.get(key)
                if renamed is None:
                    renamed = done[key] = list(dict.fromkeys(name if n in names else n for n in record[field]))
                record[field] = list(renamed)


_NO_ACTORS: frozenset[int] = frozenset()


def _dated_reports(conn: Connection, cluster_ids: set[int]) -> list[tuple[int, int, str, str | None, str | None]]:
    """(cluster, event id, date, date_text, modality) of every dated report of the clusters.

    On PostgreSQL in two reads, the clusters' event ids and then those events by primary key, in
    event-id order: joined in one statement, the planner (stock ``random_page_cost``) hashed the
    whole ``events`` table to meet a few thousand mentions (73 ms for the most named subject at
    100,000 articles, 10 ms so), and returned the reports in no set order, which decided which
    report's words (``date_text``) a borrowed date carries.
    """
    m = t.event_mentions.c
    e = t.events.c
    if conn.dialect.name != "postgresql":
        return [
            tuple(row)
            for row in conn.execute(
                select(m.cluster_id, m.event_id, e.date, e.date_text, e.modality)
                .join(t.events, e.id == m.event_id)
                .where(id_in(conn, m.cluster_id, cluster_ids), e.date.is_not(None))
                # the order PostgreSQL's reads are given, stated rather than left to the plan (which
                # report's words a borrowed date carries); SQLite's index on cluster_id reads so anyway
                .order_by(m.event_id)
            ).all()
        ]
    cluster_of = dict(
        conn.execute(select(m.event_id, m.cluster_id).where(id_in(conn, m.cluster_id, cluster_ids, many=True))).all()
    )
    if not cluster_of:
        return []
    return [
        (cluster_of[event_id], event_id, date, date_text, modality)
        for event_id, date, date_text, modality in conn.execute(
            select(e.id, e.date, e.date_text, e.modality)
            .where(id_in(conn, e.id, cluster_of), e.date.is_not(None))
            .order_by(e.id)
        ).all()
    ]


def _dates_from_coreference(
    conn: Connection, events: list[dict[str, Any]], clusters: Mapping[int, int] | None = None
) -> None:
    """Date an undated event from the other reports of the same event (its cross-article cluster).

    ``clusters``: the events' clusters (:func:`_clusters_of`), when the caller read them already.

    One report says "Ryzhenkov stated on September 26", another only "Ryzhenkov
    emphasized"; event coreference has tied them together, so the undated one
    takes the date its coreferent reports give most often (the earliest on a
    tie), marked ``date_from`` so the analyst sees where it came from.
    """
    # An event whose date a person cleared stays undated: it borrows nothing.
    undated = [e["id"] for e in events if not e.get("date") and "date" not in (e.get("corrected") or {})]
    if not undated:
        return
    m = t.event_mentions.c
    if clusters is None:
        cluster_of = dict(conn.execute(select(m.event_id, m.cluster_id).where(id_in(conn, m.event_id, undated))).all())
    else:
        cluster_of = {i: clusters[i] for i in undated if i in clusters}
    if not cluster_of:
        return
    from dossier.resolve.timeline import polarity

    dated = _dated_reports(conn, set(cluster_of.values()))
    # Clusters can be broad (one story, one kind); a date is only borrowed from a report that names
    # the same actor, so one person's statement never takes the date of another's.
    actors: dict[int, set[int]] = defaultdict(set)
    ee = t.event_entities.c
    for event_id, entity_id in conn.execute(
        select(ee.event_id, ee.entity_id).where(
            ee.role == "actor", id_in(conn, ee.event_id, [*undated, *(row[1] for row in dated)])
        )
    ).all():
        actors[event_id].add(entity_id)
    # Rows unpacked once into (event, date, polarity): a cluster's reports are read by every vote.
    dated_in: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    text_of: dict[tuple[int, str], str | None] = {}  # (cluster, date) -> the first report's words for it
    for cluster_id, event_id, date, date_text, modality in dated:
        dated_in[cluster_id].append((event_id, date, polarity(modality)))
        text_of.setdefault((cluster_id, date), date_text)
    # Undated reports of one cluster by the same actors vote alike: count once per (cluster, actors,
    # polarity), not once per report (a much-copied report would make this quadratic).  A denial
    # ("the complex is not en route") is another claim than the reports it denies: it borrows a
    # date only from reports of its own polarity, never the date of the claim it contradicts.
    chosen: dict[tuple[int, frozenset[int], str], str | None] = {}
    for event in events:
        if event["id"] not in cluster_of:
            continue
        cluster = cluster_of[event["id"]]
        own = frozenset(actors.get(event["id"], ()))
        side = polarity(event.get("modality"))
        if (cluster, own, side) not in chosen:
            votes = Counter(
                date
                for event_id, date, pol in dated_in.get(cluster, ())
                if pol == side and (not own or actors.get(event_id, _NO_ACTORS) & own)
            )
            chosen[(cluster, own, side)] = min(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0] if votes else None
        value = chosen[(cluster, own, side)]
        if value is None:
            continue
        event["date"] = value
        event["date_text"] = text_of[(cluster, value)]
        event["date_from"] = "coreferent report"


def _clusters_of(conn: Connection, event_ids: Iterable[int]) -> dict[int, int]:
    """Each event's event-coreference cluster (an event in none is left out); ``event_id`` is the
    primary key of ``event_mentions``, so one read of a window's events serves every step of its
    build (the borrowed dates, the entries' joins, their sources) instead of one read each."""
    m = t.event_mentions.c
    cluster_of: dict[int, int] = {}
    for chunk in id_chunks(conn, sorted(set(event_ids))):
        cluster_of.update(conn.execute(select(m.event_id, m.cluster_id).where(id_in(conn, m.event_id, chunk))).all())
    return cluster_of


def _mark_clusters(conn: Connection, events: list[dict[str, Any]], clusters: Mapping[int, int] | None = None) -> None:
    """Set each event's ``cluster_id``: its event-coreference cluster (none when it has none).

    Why: the reports coreference joined are one timeline entry (issue #10: "the court arrested
    Bubnov" ... "Bubnov was detained" were two entries, each citing both sentences);
    :func:`dossier.resolve.timeline.build_timeline` joins the events that share one.
    ``clusters``: :func:`_clusters_of` of the events, when the caller read it already.
    """
    cluster_of = _clusters_of(conn, (e["id"] for e in events)) if clusters is None else clusters
    for event in events:
        cluster = cluster_of.get(event["id"])
        if cluster is None:
            event.pop("cluster_id", None)  # never one a reused record carried from another build
        else:
            event["cluster_id"] = cluster


def timeline(
    conn: Connection,
    subject: str,
    *,
    filters: Filters = NO_FILTERS,
    limit: int | None = TIMELINE_PAGE,
    offset: int = 0,
    newest: bool = False,
    sources_limit: int | None = SOURCES_SHOWN,
) -> dict[str, Any]:
    """The dated sequence of events about ``subject`` across all articles, with sources.

    ``subject`` is a name or alias in any language; the ordering and merging
    rules are :func:`dossier.resolve.timeline.build_timeline`'s.  For
    equipment the record also says which lifecycle stage it reached and when.
    ``filters`` restrict the events (dates, kind, modality, outlet, story, a second subject,
    ``min_sources``).

    Paged: ``limit`` entries (``None``: all) after ``offset``, oldest first
    or ``newest`` first; ``total`` counts every entry and ``next_offset`` is
    the offset of the following page (``None`` on the last).  Each entry lists
    its first ``sources_limit`` sources (``None``: all) with ``source_count``
    and ``independent_sources`` counting every one.  Only the page's entries
    read their sources' sentences.
    """
    f = filters.checked()
    ids = find_entity_ids(conn, subject)
    if not ids:
        raise NotFound(f"no entity called {subject!r}", hint="list entities with `dossier entities`")
    return _timeline(conn, ids, f, limit=limit, offset=offset, newest=newest, sources_limit=sources_limit)


def timeline_by_id(
    conn: Connection,
    entity_id: int,
    *,
    filters: Filters = NO_FILTERS,
    limit: int | None = TIMELINE_PAGE,
    offset: int = 0,
    newest: bool = False,
    sources_limit: int | None = SOURCES_SHOWN,
) -> dict[str, Any]:
    """:func:`timeline` for one entity id (the API's and the pages' address for a subject)."""
    f = filters.checked()
    if not conn.execute(select(t.entities.c.id).where(t.entities.c.id == entity_id)).first():
        raise NotFound(f"no entity with id {entity_id}", hint="list entities with `dossier entities`")
    return _timeline(conn, [entity_id], f, limit=limit, offset=offset, newest=newest, sources_limit=sources_limit)


def _timeline(
    conn: Connection,
    ids: list[int],
    f: Filters,
    *,
    limit: int | None,
    offset: int,
    newest: bool,
    sources_limit: int | None,
) -> dict[str, Any]:
    from dossier.store import timeline_cache, timeline_entries

    if (limit is not None and limit < 0) or offset < 0 or (sources_limit is not None and sources_limit < 0):
        raise UsageError(f"limit, offset and sources limit must be >= 0, got {limit}, {offset}, {sources_limit}")
    # An unfiltered page is kept by its first reader until the next write (store/timeline_cache.py).
    key = None
    if f == NO_FILTERS:
        key = timeline_cache.page_key(
            ids, limit=limit, offset=offset, newest=newest, sources_limit=sources_limit, events=TIMELINE_EVENTS
        )
    if key is None:
        return _build_timeline(conn, ids, f, limit=limit, offset=offset, newest=newest, sources_limit=sources_limit)
    found = timeline_cache.read(conn, ids, key)
    if found is not None:
        return found
    # A much-named subject's whole timeline is kept in blocks (store/timeline_entries.py): a page of
    # it is an index range, and the ingest rebuilds it for the subjects each batch touches.
    page = {"limit": limit, "offset": offset, "newest": newest, "sources_limit": sources_limit}
    found = timeline_entries.read_page(conn, ids, **page)
    if found is not None:
        return found
    # Nothing current is kept: build the page asked for, not the whole timeline (every entry's
    # sources and sentences, then its blocks written, on top of the page: issue #13, eighth round).
    # A much-named subject is queued for the catch-up, which keeps it whole.
    worth_keeping = timeline_entries.wanted(conn, ids, sources_limit)
    versions = timeline_cache.stamps(conn, ids)  # read before building: the page is at least this fresh
    looked = timeline_cache.LookUps()
    token = _LOOK_UPS.set(looked)
    try:
        with timeline_entries.reader_records(conn, worth_keeping):
            out = _build_timeline(conn, ids, f, limit=limit, offset=offset, newest=newest, sources_limit=sources_limit)
    finally:
        _LOOK_UPS.reset(token)
    if versions is not None:
        timeline_cache.keep(conn, ids, key, versions, out, names=looked.names)
    if worth_keeping:
        timeline_entries.queue(conn, ids)
    return out


def _build_timeline(
    conn: Connection,
    ids: list[int],
    f: Filters,
    *,
    limit: int | None,
    offset: int,
    newest: bool,
    sources_limit: int | None,
) -> dict[str, Any]:
    """:func:`_timeline` without the kept pages: the record built from the stored rows.

    Built with the cyclic garbage collector paused (:func:`_collector_paused`).
    """
    # A first read makes tens of thousands of dicts and lists that reference counting frees; the
    # collector's passes over them were a fifth to a quarter of the read's CPU.
    with collector.paused():
        return _built_timeline(conn, ids, f, limit=limit, offset=offset, newest=newest, sources_limit=sources_limit)


def _built_timeline(
    conn: Connection,
    ids: list[int],
    f: Filters,
    *,
    limit: int | None,
    offset: int,
    newest: bool,
    sources_limit: int | None,
) -> dict[str, Any]:
    from dossier.resolve.timeline import build_timeline, equipment_status
    from dossier.store.cross_queries import all_sources, cap_sources

    rows = conn.execute(select(t.entities).where(t.entities.c.id.in_(ids))).all()
    names = {n for r in rows for n in [r.name, *(r.aliases or [])]}
    equipment = any(r.kind == "equipment" for r in rows)
    # One more id than the window is counted (bounded, from the index) to know whether there are more.
    beyond = _newest_events(conn, ids, f, TIMELINE_EVENTS + 1).subquery()
    windowed = conn.execute(select(func.count()).select_from(beyond)).scalar_one() > TIMELINE_EVENTS
    events = events_about(conn, ids, f, light=True, window=TIMELINE_EVENTS if windowed else None)
    clusters = _clusters_of(conn, (e["id"] for e in events))  # once, for the three steps that need them
    _dates_from_coreference(conn, events, clusters)
    _mark_clusters(conn, events, clusters)
    entries = build_timeline(events)
    # Each source names the event it reports, so that its cross-article cluster is found by id.
    event_at = {(e["article_id"], e["start"], e["end"]): e["id"] for e in events}
    for entry in entries:
        for src in entry["sources"]:
            src["event_id"] = event_at.get((src.get("article_id"), src.get("start"), src.get("end")))
    # Every entry's sources are needed when a filter or the equipment status counts them; else the page's.
    everything = bool(f.min_sources) or equipment
    full = all_sources(conn, entries, merged=True, clusters=clusters) if everything else {}
    if everything:
        keep = [i for i, e in enumerate(entries) if not f.min_sources or e["independent_sources"] >= f.min_sources]
        entries, full = [entries[i] for i in keep], {n: full[i] for n, i in enumerate(keep)}
    total = len(entries)
    order = list(range(total))[::-1] if newest else list(range(total))
    chosen = order[offset:] if limit is None else order[offset : offset + limit]
    page = [entries[i] for i in chosen]
    if everything:
        page_full = {n: full[i] for n, i in enumerate(chosen)}
    else:
        # A page shows its entries' first sources; every source is listed only when a corrected or
        # confirmed report may be among them (the marks look through all of them).
        marked = any(e.get("corrected") or e.get("review") == "confirmed" for e in events)
        page_full = all_sources(conn, page, merged=True, keep=None if marked else sources_limit, clusters=clusters)
    _mark_corrections(page, events, page_full)
    out: dict[str, Any] = {"subject": rows[0].name, "subject_ids": ids, "kind": rows[0].kind}
    if equipment:
        # From the merged entries: each carries its independent sources, so the status date is
        # the one most independent sources give, not the first report's.
        own = [{**e, "sources": full[i]} for i, e in enumerate(entries) if names & set(e.get("equipment") or [])]
        status = equipment_status(own)
        out["status"], out["status_date"] = status.status, status.date
        out["status_contested"] = list(status.contested)
        out["status_by_report"] = status.by_report
    cap_sources(conn, page, page_full, sources_limit)
    out["entries"] = page
    out["total"] = total
    out["offset"] = offset
    out["limit"] = limit
    out["order"] = "newest" if newest else "oldest"
    end = offset + len(page)
    out["next_offset"] = end if limit is not None and end < total else None
    # Built from the newest events only: says how many and from which stored event on.
    first = min((e["id"] for e in events), default=None)
    out["window"] = {"events": TIMELINE_EVENTS, "from_event_id": first} if windowed else None
    return out


def article_extractions(conn: Connection, article_id: int) -> dict[str, list[dict[str, Any]]]:
    """Everything extracted from one article, by type, with offsets into its stored text.

    ``mentions`` (with their canonical entity), ``times`` (with the normalised
    value), ``quotes`` (with the speaker) and ``events``: what the article page
    highlights.  Each list is read by the article's indexed id.
    """
    if not conn.execute(select(t.articles.c.id).where(t.articles.c.id == article_id)).first():
        raise NotFound(f"no article with id {article_id}", hint="list ids with `dossier articles`")
    m = t.mentions.c
    mentions = [
        {
            "id": r.id,
            "text": r.text,
            "start": r.start,
            "end": r.end,
            "sentence_index": r.sentence,
            "role": r.role,
            "entity_id": r.entity_id,
            "entity": r.name,
            "kind": r.kind,
        }
        for r in conn.execute(
            select(m.id, m.text, m.start, m.end, m.sentence, m.role, m.entity_id, t.entities.c.name, t.entities.c.kind)
            .join(t.entities, t.entities.c.id == m.entity_id)
            .where(m.article_id == article_id)
            .order_by(m.start, m.id)
        )
    ]
    tc = t.times.c
    times = [
        {
            "id": r.id,
            "text": r.text,
            "start": r.start,
            "end": r.end,
            "sentence_index": r.sentence,
            "timex_type": r.timex_type,
            "value": r.value,
            "anchor": r.anchor,
            "granularity": r.granularity,
        }
        for r in conn.execute(select(t.times).where(tc.article_id == article_id).order_by(tc.start, tc.id))
    ]
    quotes = list_quotes(conn, limit=None, article_id=article_id)
    q = _events_query().where(t.events.c.article_id == article_id).order_by(t.events.c.start, t.events.c.id)
    events = canonicalise([event_record(r) for r in conn.execute(q)], conn)
    return {"mentions": mentions, "times": times, "quotes": quotes, "events": events}


def get_event(conn: Connection, event_id: int, *, sources_limit: int | None = None) -> dict[str, Any]:
    """One event with its sources: every article reporting it (the first ``sources_limit``), each with
    its sentence; ``source_count`` counts them all."""
    rows = conn.execute(_events_query().where(t.events.c.id == event_id)).all()
    if not rows:
        raise NotFound(f"no event with id {event_id}", hint="list events with `dossier events`")
    records = canonicalise([event_record(r) for r in rows], conn)
    _add_sources(conn, records, merged=False, limit=sources_limit)
    record = records[0]
    record["sentence_index"] = rows[0].sentence
    return record


def recent_events(conn: Connection, *, limit: int = 10) -> list[dict[str, Any]]:
    """The most recently reported events (the home page's list), read by the events' id index."""
    q = _events_query().order_by(t.events.c.id.desc()).limit(limit)
    return canonicalise([event_record(r) for r in conn.execute(q)], conn)


def _mark_corrections(
    entries: list[dict[str, Any]], events: list[dict[str, Any]], sources: dict[int, list[dict[str, Any]]]
) -> None:
    """Say on each timeline entry what a person corrected or confirmed, apart from what the machine found.

    ``corrections`` lists ``{event_id, field, value, machine, by, entry}`` for the entry's reports;
    ``confirmed_by`` names who confirmed one of them.  ``sources``: every source of each entry (by
    position), so that a correction is shown however few sources the entry lists.
    """
    by_place = {(e["article_id"], e["start"], e["end"]): e for e in events}
    # Only the reports a person corrected or confirmed mark anything: an entry's thousands of sources
    # are looked up only when some report is marked at all.
    marked = {k: e for k, e in by_place.items() if e.get("corrected") or e.get("review") == "confirmed"}
    for i, entry in enumerate(entries):
        marks: list[dict[str, Any]] = []
        confirmed: list[str] = []
        for src in sources.get(i, entry.get("sources", [])) if marked else ():
            ev = marked.get((src.get("article_id"), src.get("start"), src.get("end")))
            if ev is None:
                continue
            for field, mark in (ev.get("corrected") or {}).items():
                marks.append({"event_id": ev["id"], "field": field, "value": ev.get(field), **mark})
            if ev.get("review") == "confirmed":
                confirmed.append(str(ev["id"]))
        entry["corrections"] = marks
        entry["confirmed"] = confirmed


def list_times(
    conn: Connection, *, article_id: int | None = None, limit: int | None = 200, include_rejected: bool = False
) -> list[dict[str, Any]]:
    """Stored time expressions with their normalised value and provenance (ids for ``dossier reject time``)."""
    q = select(t.times, *PROVENANCE).join(t.articles, t.articles.c.id == t.times.c.article_id)
    if article_id is not None:
        q = q.where(t.times.c.article_id == article_id)
    if not include_rejected:
        q = q.where(not_rejected(t.times))
    q = q.order_by(t.times.c.article_id, t.times.c.start)
    if limit is not None:
        q = q.limit(limit)
    return [
        {
            "id": r.id,
            "text": r.text,
            "timex_type": r.timex_type,
            "value": r.value,
            "anchor": r.anchor,
            "granularity": r.granularity,
            "article_id": r.article_id,
            "sentence": _sentence(r.article_text, r.sentences, r.sentence),
            "start": r.start,
            "end": r.end,
            "outlet": r.outlet,
            "published": r.published,
            "review": r.review,
            "corrected": r.corrected or None,
        }
        for r in conn.execute(q)
    ]


def entity_names(conn: Connection, entity_ids: list[int]) -> list[dict[str, Any]]:
    """``{id, name, kind}`` of the given entities, by name (links on an event's page)."""
    if not entity_ids:
        return []
    rows = conn.execute(
        select(t.entities.c.id, t.entities.c.name, t.entities.c.kind)
        .where(t.entities.c.id.in_(entity_ids))
        .order_by(t.entities.c.name)
    )
    return [{"id": r.id, "name": r.name, "kind": r.kind} for r in rows]
