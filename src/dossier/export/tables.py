"""The knowledge base as ten flat tables, the shape the ``csv`` and ``parquet`` exports write.

Each :class:`Table` declares its columns once (name, type, meaning): the CSV
header, the Parquet schema and ``docs/export.md`` all come from these
declarations, and a test checks the documentation lists every column.  Rows
stream page by page in id order (:func:`dossier.export.base.paged`).

Column types: ``int``, ``float``, ``bool``, ``str`` (nullable everywhere),
``list`` (a list of strings) and ``ids`` (a list of integers).  CSV writes
lists as JSON arrays; Parquet as list columns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from dossier.export.base import ArticleTexts
from dossier.export.base import pages as _pages
from dossier.export.selection import Resolved
from dossier.store import schema as t


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str
    doc: str


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]
    rows: Callable[[Connection, Resolved], Iterator[dict[str, Any]]]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def chosen_articles(conn: Connection, sel: Resolved) -> set[int] | None:
    """The chosen article ids as a set, or None for the whole store (for filters applied in Python)."""
    if sel.selection.is_empty:
        return None
    return set(conn.execute(sel.article_ids()).scalars())


# -- articles and origins ------------------------------------------------------------------

_story_of = select(t.story_members.c.story_id).where(t.story_members.c.article_id == t.articles.c.id).scalar_subquery()


def _articles(conn: Connection, sel: Resolved) -> Iterator[dict[str, Any]]:
    a = t.articles.c
    q = select(
        a.id,
        a.title,
        a.url,
        a.outlet,
        a.published,
        a.language,
        a.format,
        a.author,
        a.chars,
        a.revision,
        a.hash,
        a.ingested_at,
        _story_of.label("story_id"),
        a.text,
    ).where(sel.where_article(a.id))
    for page in _pages(conn, q, a.id):
        yield from (dict(r._mapping) for r in page)


def _origins(conn: Connection, sel: Resolved) -> Iterator[dict[str, Any]]:
    o = t.origins.c
    q = select(o.id, o.article_id, o.origin, o.url, o.outlet, o.format, o.published, o.seen_at).where(
        sel.where_article(o.article_id)
    )
    for page in _pages(conn, q, o.id):
        yield from (dict(r._mapping) for r in page)


# -- entities and mentions ------------------------------------------------------------------


def _entities(conn: Connection, sel: Resolved) -> Iterator[dict[str, Any]]:
    e = t.entities.c
    q = select(
        e.id,
        e.name,
        e.kind,
        e.wikidata,
        e.wikidata_confidence,
        e.wikidata_source,
        e.aliases,
        e.mention_count.label("mentions"),  # stored whole-store counts (store/entity_counts.py)
        e.article_count.label("articles"),
    ).where(sel.where_entity())
    for page in _pages(conn, q, e.id):
        for r in page:
            record = dict(r._mapping)
            record["aliases"] = sorted(str(x) for x in (r.aliases or []) if x != r.name)
            yield record


def _mentions(conn: Connection, sel: Resolved) -> Iterator[dict[str, Any]]:
    m = t.mentions.c
    q = (
        select(
            m.id,
            m.article_id,
            m.entity_id,
            t.entities.c.name.label("entity"),
            m.text,
            m.kind,
            m.start,
            m.end,
            m.sentence.label("sentence_index"),
            m.role,
        )
        .join(t.entities, t.entities.c.id == m.entity_id)
        .where(sel.where_article(m.article_id))
    )
    texts = ArticleTexts(conn)
    for page in _pages(conn, q, m.id):
        for r in page:
            record = dict(r._mapping)
            record["sentence"] = texts.sentence(r.article_id, r.sentence_index)
            yield record


def _times(conn: Connection, sel: Resolved) -> Iterator[dict[str, Any]]:
    x = t.times.c
    q = select(
        x.id,
        x.article_id,
        x.text,
        x.start,
        x.end,
        x.timex_type,
        x.value,
        x.anchor,
        x.granularity,
        x.sentence.label("sentence_index"),
        x.review,
    ).where(sel.where_article(x.article_id))
    for page in _pages(conn, q, x.id):
        yield from (dict(r._mapping) for r in page)


# -- quotes and events ---------------------------------------------------------------------


def _quotes(conn: Connection, sel: Resolved) -> Iterator[dict[str, Any]]:
    qc = t.quotes.c
    q = (
        select(
            qc.id,
            qc.article_id,
            qc.speaker,
            qc.speaker_entity_id.label("speaker_id"),
            t.entities.c.name.label("speaker_name"),
            qc.text,
            qc.direct,
            qc.cue,
            qc.date,
            qc.via,
            qc.review,
            qc.sentence.label("sentence_index"),
            qc.start,
            qc.end,
        )
        .outerjoin(t.entities, t.entities.c.id == qc.speaker_entity_id)
        .where(sel.where_article(qc.article_id))
    )
    texts = ArticleTexts(conn)
    for page in _pages(conn, q, qc.id):
        for r in page:
            record = dict(r._mapping)
            record["direct"] = bool(r.direct)
            record["sentence"] = texts.sentence(r.article_id, r.sentence_index)
            yield record


def _events(conn: Connection, sel: Resolved) -> Iterator[dict[str, Any]]:
    ev = t.events.c
    q = (
        select(
            ev.id,
            ev.article_id,
            ev.kind,
            ev.trigger,
            ev.date,
            ev.date_text,
            ev.reported,
            ev.actors,
            ev.targets,
            ev.equipment,
            ev.place,
            ev.modality,
            ev.attributed_to,
            ev.quote_id,
            ev.review,
            t.event_mentions.c.cluster_id,
            ev.sentence.label("sentence_index"),
            ev.start,
            ev.end,
        )
        .outerjoin(t.event_mentions, t.event_mentions.c.event_id == ev.id)
        .where(sel.where_article(ev.article_id))
    )
    texts = ArticleTexts(conn)
    for page in _pages(conn, q, ev.id):
        links: dict[int, list[int]] = {}
        for event_id, entity_id in conn.execute(
            select(t.event_entities.c.event_id, t.event_entities.c.entity_id).where(
                t.event_entities.c.event_id.in_([r.id for r in page])
            )
        ):
            links.setdefault(event_id, []).append(entity_id)
        for r in page:
            if not sel.keeps_event(r):
                continue
            record = dict(r._mapping)
            for name in ("actors", "targets", "equipment"):
                record[name] = [str(x) for x in (record[name] or [])]
            record["entity_ids"] = sorted(set(links.get(r.id, [])))
            record["sentence"] = texts.sentence(r.article_id, r.sentence_index)
            yield record


# -- across articles -------------------------------------------------------------------------


def _stories(conn: Connection, sel: Resolved) -> Iterator[dict[str, Any]]:
    from dossier.store.cross_queries import list_stories

    chosen = chosen_articles(conn, sel)
    for s in sorted(list_stories(conn, limit=None), key=lambda s: s["id"]):
        if chosen is not None and not chosen.intersection(s["article_ids"]):
            continue
        yield {k: s[k] for k in ("id", "title", "articles", "first_reported", "last_reported", "article_ids")}


def _copies(conn: Connection, sel: Resolved) -> Iterator[dict[str, Any]]:
    c = t.copy_links.c
    q = (
        select(
            c.id,
            c.copy_id,
            c.original_id,
            t.copy_items.c.group_id,
            c.kind,
            c.jaccard.label("similarity"),
            c.containment,
            c.source,
        )
        .outerjoin(t.copy_items, t.copy_items.c.article_id == c.copy_id)
        .where(sel.where_article(c.copy_id))
    )
    for page in _pages(conn, q, c.id):
        yield from (dict(r._mapping) for r in page)


def _contradictions(conn: Connection, sel: Resolved) -> Iterator[dict[str, Any]]:
    from dossier.store.cross_queries import list_contradictions

    chosen = chosen_articles(conn, sel)
    for n, flag in enumerate(list_contradictions(conn, story=sel.selection.story), start=1):
        if chosen is not None and not any(side["article_id"] in chosen for side in flag["sides"]):
            continue
        for side in flag["sides"]:
            yield {
                "contradiction": n,
                "field": flag["field"],
                "event_kind": flag["kind"],
                "story_id": flag["story"],
                "events": [int(e) for e in flag["events"]],
                "value": None if side["value"] is None else str(side["value"]),
                "article_id": side["article_id"],
                "outlet": side["outlet"],
                "published": side["published"],
                "url": side["url"],
                "sentence": side["sentence"],
                "start": side["start"],
                "end": side["end"],
                "source": side["source"],
                "independent_sides": flag["independent_sides"],
            }


def _c(spec: str) -> tuple[Column, ...]:
    """Columns from ``name type meaning`` lines: declared once, shown in docs/export.md."""
    out = []
    for line in spec.strip().splitlines():
        if not line.strip():
            continue
        name, kind, doc = line.strip().split(maxsplit=2)
        out.append(Column(name, kind, doc))
    return tuple(out)


_PROVENANCE = """
    sentence_index int index of the sentence in the article (0-based)
    start int character offset of the span in the article text (title excluded)
    end int end offset (exclusive)
    sentence str the sentence the record was extracted from
"""

TABLES: tuple[Table, ...] = (
    Table(
        "articles",
        "one row per stored article (one piece of content, however many places it came from)",
        _c("""
            id int article id in this store
            title str title ("" when the source had none)
            url str canonical URL
            outlet str publishing outlet or channel
            published str publication date-time, ISO 8601
            language str ISO 639-1 code, und when undeterminable
            format str reader that read it (text, html, json, jsonl, feed, warc, telegram)
            author str author when the source names one
            chars int length of the text
            revision int 1 for the first text, +1 per changed text at the same URL
            hash str SHA-256 of the normalised text
            ingested_at str when it was stored, UTC ISO 8601
            story_id int the story it belongs to (stories.id)
            text str the full text as stored (offsets in other tables index it)
        """),
        _articles,
    ),
    Table(
        "origins",
        "every place an article's content was seen (files, URLs, feed items, forwards)",
        _c("""
            id int origin id
            article_id int the article (articles.id)
            origin str file path or URL it was read from (path#N for an item of a multi-item file)
            url str URL given by that source
            outlet str outlet given by that source
            format str reader
            published str publication date given by that source
            seen_at str when this origin was read, UTC ISO 8601
        """),
        _origins,
    ),
    Table(
        "entities",
        "canonical entities (people, organisations, places, equipment...) mentioned in the chosen articles",
        _c("""
            id int entity id
            name str canonical name
            kind str person, org, place, equipment, law, event or other
            wikidata str Wikidata id, when the gazetteer or `dossier kb load` linked one
            wikidata_confidence float how sure the link is: 1.0 from the gazetteer, the linker's score from a dump
            wikidata_source str where the link came from: gazetteer or kb (`dossier kb load`)
            aliases list every other surface form seen
            mentions int mentions in the whole store
            articles int articles in the whole store that mention it
        """),
        _entities,
    ),
    Table(
        "mentions",
        "each span of text naming an entity",
        _c(
            """
            id int mention id
            article_id int the article
            entity_id int the canonical entity (entities.id)
            entity str the canonical entity's name
            text str the words as written
            kind str entity kind
            role str title or role kept with a person ("Foreign Minister")
            """
            + _PROVENANCE
        ),
        _mentions,
    ),
    Table(
        "times",
        "temporal expressions normalised to TIMEX3",
        _c("""
            id int time expression id
            article_id int the article
            text str the words as written
            start int character offset in the article text
            end int end offset (exclusive)
            timex_type str DATE, TIME, DURATION or SET
            value str TIMEX3 value (2025-09-26, XXXX-09-26, 2025-W39, P3Y...)
            anchor str the date it was resolved against
            granularity str day, month, year...
            sentence_index int index of the sentence in the article
            review str rejected or confirmed by an analyst (dossier reject|confirm), else empty
        """),
        _times,
    ),
    Table(
        "quotes",
        "statements attributed to a speaker, direct or reported",
        _c(
            """
            id int quote id
            article_id int the article
            speaker str the speaker as named in the article
            speaker_id int the speaker's canonical entity (entities.id)
            speaker_name str the canonical entity's name
            text str the statement, without quote marks
            direct bool true for quoted words
            cue str the reporting verb or phrase
            date str TIMEX3 date of the statement when the text gives one
            via str the reporting outlet in a chain ("according to BelTA")
            review str rejected or confirmed by an analyst (dossier reject|confirm), else empty
            """
            + _PROVENANCE
        ),
        _quotes,
    ),
    Table(
        "events",
        "typed events, one per sentence that reports them (see docs/events.md for kinds and modalities)",
        _c(
            """
            id int event id
            article_id int the article
            kind str event kind (REQUEST, EQUIPMENT_DEPLOYED...)
            trigger str the word that names the event
            date str TIMEX3 date of the event, partial allowed
            date_text str the words giving the date
            reported str publication date of the report
            actors list who acts, as named in the article
            targets list who or what is acted upon
            equipment list equipment involved
            place str where
            modality str asserted, reported, planned, conditional, required, hypothetical, negated or denied
            attributed_to str whose claim it is (speaker or outlet)
            quote_id int the quote it is reported in (quotes.id)
            review str rejected or confirmed by an analyst (dossier reject|confirm), else empty
            cluster_id int the cross-article event it belongs to (same id in contradictions.events)
            entity_ids ids canonical entities taking part (entities.id)
            """
            + _PROVENANCE
        ),
        _events,
    ),
    Table(
        "stories",
        "developments: articles about one real-world story across outlets and languages",
        _c("""
            id int story id
            title str title of its earliest article
            articles int how many articles it has in the whole store
            first_reported str earliest publication, UTC ISO 8601
            last_reported str latest publication, UTC ISO 8601
            article_ids ids its articles, earliest first
        """),
        _stories,
    ),
    Table(
        "copies",
        "copy links: an item repeating another (exact, near, forward, wire, credit)",
        _c("""
            id int link id
            copy_id int the repeating article
            original_id int the article it repeats (empty when that item is not stored)
            group_id int copy group (all items repeating one original)
            kind str exact, near, forward, wire or credit
            similarity float estimated resemblance (Jaccard), empty for forwards and credits
            containment float share of the copy found in the original
            source str the outlet a forward, wire or credit names
        """),
        _copies,
    ),
    Table(
        "contradictions",
        "conflicting accounts of one event, one row per side",
        _c("""
            contradiction int number of the contradiction in this export (rows of one contradiction share it)
            field str what differs: date, status, number:UNIT or speaker
            event_kind str event kind
            story_id int the story
            events ids the cross-article event ids (events.cluster_id)
            value str this side's value
            article_id int the article telling this side
            outlet str its outlet
            published str its publication date
            url str its URL
            sentence str the sentence telling this side
            start int character offset of the sentence's event
            end int end offset
            source str this side's independent-source key (outlet:NAME or item:ID)
            independent_sides int distinct independent sources among the sides
        """),
        _contradictions,
    ),
)

TABLE_NAMES = tuple(table.name for table in TABLES)
