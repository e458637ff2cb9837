"""``dossier export jsonl``: every record as the CLI's ``--json`` prints it, one per line.

Each line is a record of ``docs/records.md`` with a ``type`` added (``article``,
``entity``, ``quote``, ``event``, ``story``, ``copy``, ``contradiction``, and
with ``--subject`` each subject's ``timeline`` entries), in that order, so a
program that reads ``dossier events --json`` reads these lines too.  Articles,
entities, quotes and events stream page by page; event pages get their
canonical names and sources the way ``dossier events`` does.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, select

from dossier.export.base import ArticleTexts, ExportResult, Target, pages
from dossier.export.selection import Resolved
from dossier.export.tables import chosen_articles
from dossier.output import dumps
from dossier.store import schema as t
from dossier.store.knowledge import entity_record, not_rejected, quote_record


def article_records(conn: Connection, sel: Resolved) -> Iterator[dict[str, Any]]:
    from dossier.store.queries import ARTICLE_COLUMNS, article_record

    q = select(*ARTICLE_COLUMNS).where(sel.where_article(t.articles.c.id))
    for page in pages(conn, q, t.articles.c.id):
        yield from (article_record(r) for r in page)


def entity_records(conn: Connection, sel: Resolved) -> Iterator[dict[str, Any]]:
    q = select(
        t.entities,
        t.entities.c.mention_count.label("mentions"),  # stored whole-store counts (store/entity_counts.py)
        t.entities.c.article_count.label("articles"),
    ).where(sel.where_entity())
    for page in pages(conn, q, t.entities.c.id):
        for r in page:
            record = entity_record(r)
            record.pop("attrs", None)  # as `dossier entities --json` prints it
            yield record


def quote_records(conn: Connection, sel: Resolved) -> Iterator[dict[str, Any]]:
    speaker = t.entities.alias("speaker_entity")
    q = (
        select(
            t.quotes,
            t.articles.c.outlet,
            t.articles.c.published,
            t.articles.c.url,
            speaker.c.name.label("canonical_speaker"),
        )
        .join(t.articles, t.articles.c.id == t.quotes.c.article_id)
        .outerjoin(speaker, speaker.c.id == t.quotes.c.speaker_entity_id)
        .where(sel.where_article(t.quotes.c.article_id), not_rejected(t.quotes))
    )
    texts = ArticleTexts(conn)
    for page in pages(conn, q, t.quotes.c.id):
        for r in page:
            yield quote_record(r, texts.sentence(r.article_id, r.sentence))


def event_records(conn: Connection, sel: Resolved, *, page_size: int = 500) -> Iterator[dict[str, Any]]:
    """Events as ``dossier events --json`` gives them (canonical names, sources), a page at a time."""
    from dossier.store.cross_queries import event_sources
    from dossier.store.knowledge import _events_query, canonicalise, event_record

    q = _events_query().where(sel.where_article(t.events.c.article_id))
    for page in pages(conn, q, t.events.c.id, size=page_size):
        records = [event_record(r) for r in page if sel.keeps_event(r)]
        if not records:
            continue
        canonicalise(records, conn)
        event_sources(conn, records, merged=False)
        yield from records


def story_records(conn: Connection, sel: Resolved) -> Iterator[dict[str, Any]]:
    from dossier.store.cross_queries import list_stories

    chosen = chosen_articles(conn, sel)
    for s in list_stories(conn, limit=None):
        if chosen is None or chosen.intersection(s["article_ids"]):
            yield s


def copy_records(conn: Connection, sel: Resolved) -> Iterator[dict[str, Any]]:
    from dossier.store.cross_queries import list_copies

    chosen = chosen_articles(conn, sel)
    for chain in list_copies(conn, limit=None):
        ids = {chain["original"]["article_id"], *(c["article_id"] for c in chain["copies"])}
        if chosen is None or chosen & ids:
            yield chain


def contradiction_records(conn: Connection, sel: Resolved) -> Iterator[dict[str, Any]]:
    from dossier.store.cross_queries import list_contradictions

    chosen = chosen_articles(conn, sel)
    for flag in list_contradictions(conn, story=sel.selection.story):
        if chosen is None or any(side["article_id"] in chosen for side in flag["sides"]):
            yield flag


def timeline_records(conn: Connection, sel: Resolved) -> Iterator[dict[str, Any]]:
    """With ``--subject``: each subject's timeline entries as ``dossier timeline SUBJECT --json`` prints them."""
    from dossier.store.knowledge import timeline

    chosen = chosen_articles(conn, sel)
    for subject in sel.selection.subjects:
        record = timeline(conn, subject, limit=None, sources_limit=None)  # an export holds everything
        for entry in record["entries"]:
            if chosen is not None and not any(s.get("article_id") in chosen for s in entry.get("sources", [])):
                continue
            if sel.keeps_event(entry):
                yield {"subject": record["subject"], **entry}


#: Record types in the order they are written, each with its source.
RECORDS = (
    ("article", article_records),
    ("entity", entity_records),
    ("quote", quote_records),
    ("event", event_records),
    ("story", story_records),
    ("copy", copy_records),
    ("contradiction", contradiction_records),
    ("timeline", timeline_records),
)


class JsonlExporter:
    name = "jsonl"
    description = "every record as --json prints it, with a type field, one per line"
    layout = "file"
    suffix = ".jsonl"

    def export(self, conn: Connection, selection: Resolved, target: Target) -> ExportResult:
        result = ExportResult(self.name, paths=[target.name])
        with target.open_text() as fh:
            for kind, source in RECORDS:
                n = 0
                for record in source(conn, selection):
                    fh.write(dumps({"type": kind, **record}) + "\n")
                    n += 1
                result.counts[kind] = n
        return result
