"""``dossier export datasette``: a ``metadata.yml`` that makes Datasette a useful browser of the store.

``datasette dossier.db -m metadata.yml`` then shows the tables with titles and
column descriptions, rows labelled by their title or name (so ``entity_id 3``
reads "Alexander Lukashenko"), the facets an analyst starts from (outlet,
language, kind, modality, speaker), full-text search over articles (the
store's own FTS5 index), the working tables of the cross-article layer
hidden, and canned queries: a subject's timeline with its source sentences,
quotes by speaker, a story's articles, and contradictions side by side.

Datasette reads SQLite only; the metadata describes the whole store, so the
filters do not apply.  Dossier writes the metadata itself (PyYAML); Datasette
is not needed to make it, only to browse.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from dossier.errors import UsageError
from dossier.export.base import ExportResult, Target
from dossier.export.selection import Resolved
from dossier.export.tables import TABLES
from dossier.store import schema as t

#: Tables that hold indexes and working state, not findings.
HIDDEN = (
    "article_hashes",
    "article_revisions",
    "copy_bands",
    "copy_items",
    "story_df",
    "story_terms",
    "story_postings",
    "alembic_version",
    "timeline_cache",  # pages kept for the readers (store/timeline_cache.py), not records
    "timeline_names",  # what kept timelines looked up (store/timeline_cache.py)
    "timeline_entries",  # whole timelines kept for the readers (store/timeline_entries.py), not records
    "entity_names",  # folded names and aliases for look-ups (store/entity_names.py), copies of entities
    "store_versions",
)

#: How each browsable table is shown: title, label column, facets, default sort.
LAYOUT: dict[str, dict[str, Any]] = {
    "articles": {
        "title": "Articles",
        "label_column": "title",
        "facets": ["outlet", "language", "format"],
        "sort_desc": "published",
    },
    "origins": {"title": "Origins (every place an article was seen)", "facets": ["format", "outlet"]},
    "entities": {"title": "Entities", "label_column": "name", "facets": ["kind"], "sort": "name"},
    "mentions": {"title": "Mentions", "label_column": "text", "facets": ["kind", "entity_id"]},
    "times": {"title": "Time expressions", "label_column": "text", "facets": ["timex_type", "granularity"]},
    "quotes": {"title": "Quotes", "label_column": "text", "facets": ["speaker_entity_id", "direct", "cue"]},
    "events": {"title": "Events", "label_column": "trigger", "facets": ["kind", "modality"], "sort": "date"},
    "event_entities": {"title": "Event participants", "facets": ["role"]},
    "stories": {"title": "Stories", "sort_desc": "n_articles"},
    "story_members": {"title": "Story members", "facets": ["story_id"]},
    "copy_groups": {"title": "Copy groups", "sort_desc": "size"},
    "copy_links": {"title": "Copy links", "facets": ["kind", "source"]},
    "event_clusters": {"title": "Cross-article events", "facets": ["kind", "story_id"]},
    "event_mentions": {"title": "Cross-article event members", "facets": ["cluster_id"]},
    "rejections": {"title": "Rejected inputs", "label_column": "source"},
}

#: Store columns whose meaning differs from the export tables' columns of the same name.
COLUMN_DOCS: dict[str, dict[str, str]] = {
    "*": {
        "sentence": "index of the sentence in the article (0-based; see articles.sentences)",
        "article_id": "the article (articles.id)",
    },
    "articles": {
        "sentences": "character offsets [start, end] of each sentence in text",
        "extra": "source fields without a column (e.g. Telegram forwarded_from, views)",
    },
    "quotes": {"speaker_entity_id": "the speaker's canonical entity (entities.id)"},
    "copy_links": {"jaccard": "estimated resemblance (Jaccard) of the copy and the original"},
    "stories": {
        "n_articles": "how many articles it has",
        "sqnorm": "squared norm of its term centroid (internal)",
        "first_published": "earliest publication, UTC ISO 8601",
        "last_published": "latest publication, UTC ISO 8601",
    },
    "event_entities": {"event_id": "the event (events.id)", "entity_id": "the entity", "role": "its role"},
}


def _sentence_sql(alias: str, article: str) -> str:
    """SQLite expression giving the sentence of a record from its article's sentence offsets."""
    first = f"json_extract({article}.sentences, '$[' || {alias}.sentence || '][0]')"
    last = f"json_extract({article}.sentences, '$[' || {alias}.sentence || '][1]')"
    return f"substr({article}.text, {first} + 1, {last} - {first})"


QUERIES: dict[str, dict[str, Any]] = {
    "timeline": {
        "title": "Timeline of a subject",
        "description": (
            "Every event involving an entity (name or alias, any language), in date order, with its "
            "modality, whose claim it is and the sentence it comes from. Undated events sort at their report's date."
        ),
        "sql": f"""select coalesce(e.date, substr(e.reported, 1, 10)) as "when",
  e.date is null as undated, e.kind, e.modality, e.actors, e.targets, e.equipment, e.place,
  e.attributed_to, {_sentence_sql("e", "a")} as source_sentence,
  a.outlet, a.published, a.url, e.article_id, e.id as event_id
from events e
join articles a on a.id = e.article_id
where e.id in (
  select ee.event_id from event_entities ee join entities s on s.id = ee.entity_id
  where s.name like '%' || :subject || '%' or s.aliases like '%' || :subject || '%'
)
order by "when" is null, "when", e.id""",
    },
    "quotes_by_speaker": {
        "title": "Quotes by speaker",
        "description": "What a speaker (name or alias, any language) said, in publication order, with the outlet.",
        "sql": f"""select coalesce(s.name, q.speaker) as speaker, q.text, q.direct, q.cue, q.date, q.via,
  {_sentence_sql("q", "a")} as source_sentence, a.outlet, a.published, a.url, q.article_id, q.id as quote_id
from quotes q
join articles a on a.id = q.article_id
left join entities s on s.id = q.speaker_entity_id
where coalesce(s.name, q.speaker) like '%' || :speaker || '%' or s.aliases like '%' || :speaker || '%'
order by a.published is null, a.published, q.article_id, q.start""",
    },
    "story_articles": {
        "title": "A story's articles",
        "description": "The articles of one story (see the stories table), earliest first.",
        "sql": """select a.id, a.title, a.outlet, a.published, a.language, a.url
from story_members m join articles a on a.id = m.article_id
where m.story_id = :story
order by a.published is null, a.published, a.id""",
    },
    "copies_of": {
        "title": "Copies of an article",
        "description": "Items that repeat an article: exact copies, rewrites, forwards, credits.",
        "sql": """select l.kind, l.jaccard as similarity, l.source, c.id as copy_id, c.title, c.outlet, c.published
from copy_links l join articles c on c.id = l.copy_id
where l.original_id = :article_id
order by c.published""",
    },
}


def build_metadata(database: str, conn: Connection) -> dict[str, Any]:
    """The Datasette metadata document for a store opened as ``database``."""
    docs = {table.name: {c.name: c.doc for c in table.columns} for table in TABLES}
    tables: dict[str, Any] = {}
    present = {name for name in t.metadata.tables}
    for name in sorted(present):
        name = str(name)
        if name in HIDDEN:
            tables[name] = {"hidden": True}
            continue
        layout = dict(LAYOUT.get(name, {}))
        columns = {}
        for column in t.metadata.tables[name].columns:
            cname = str(column.name)
            doc = COLUMN_DOCS.get(name, {}).get(cname) or COLUMN_DOCS["*"].get(cname) or docs.get(name, {}).get(cname)
            if doc:
                columns[cname] = doc
        table_doc = next((tab.doc for tab in TABLES if tab.name == name), None)
        entry: dict[str, Any] = {"title": layout.pop("title", name.replace("_", " ").capitalize())}
        if table_doc:
            entry["description"] = table_doc
        entry.update(layout)
        if columns:
            entry["columns"] = columns
        tables[name] = entry
    if conn.dialect.name == "sqlite":
        tables["articles"].update({"fts_table": "articles_fts", "fts_pk": "id"})
        for shadow in ("articles_fts", *(f"articles_fts_{s}" for s in ("data", "idx", "docsize", "config", "content"))):
            tables[shadow] = {"hidden": True}
    return {
        "title": "Dossier knowledge base",
        "description": (
            "News reports and Telegram posts turned into a source-attributed, time-resolved knowledge base: "
            "who did what, when, where, with which equipment, and who says so. Every record points to the "
            "article and sentence it came from."
        ),
        "about": "Dossier",
        "databases": {
            database: {
                "title": "Dossier store",
                "description": "Articles, entities, quotes, events, stories, copies; see docs/records.md.",
                "tables": tables,
                "queries": QUERIES,
            }
        },
    }


class DatasetteExporter:
    name = "datasette"
    description = "metadata.yml for `datasette STORE.db -m metadata.yml` (titles, facets, search, canned queries)"
    layout = "file"
    suffix = ".yml"
    default_name = "metadata.yml"

    def export(self, conn: Connection, selection: Resolved, target: Target) -> ExportResult:
        from dossier.export.requires import need

        if conn.dialect.name != "sqlite":
            raise UsageError(
                "Datasette browses SQLite stores only",
                hint="export the tables with `dossier export csv` or `parquet` instead",
            )
        if not selection.selection.is_empty:
            raise UsageError(
                "the datasette metadata describes the whole store: --subject, --story, --since, --until, "
                "--outlet and --language do not apply to it"
            )
        yaml = need("yaml")
        database = Path(conn.engine.url.database or "dossier").stem
        metadata = build_metadata(database, conn)
        with target.open_text() as fh:
            yaml.safe_dump(metadata, fh, allow_unicode=True, sort_keys=False, width=100)
        result = ExportResult(
            self.name,
            paths=[target.name],
            counts={"tables": len(metadata["databases"][database]["tables"]), "queries": len(QUERIES)},
        )
        result.notes.append(f"browse with: datasette {conn.engine.url.database} -m {target.name}")
        return result
