"""Read-side queries: plain functions over a connection returning JSON-ready dicts.

The record shapes returned here are the documented ``--json`` interface
(``docs/records.md``); the CLI and the API print them as they are.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Connection, func, select, text

from dossier.errors import NotFound, UsageError
from dossier.store import schema as t

_first_origin = (
    select(t.origins.c.origin)
    .where(t.origins.c.article_id == t.articles.c.id)
    .order_by(t.origins.c.id)
    .limit(1)
    .scalar_subquery()
)
_origin_count = (
    select(func.count()).select_from(t.origins).where(t.origins.c.article_id == t.articles.c.id).scalar_subquery()
)

ARTICLE_COLUMNS = (
    t.articles.c.id,
    t.articles.c.title,
    t.articles.c.url,
    _first_origin.label("origin"),
    t.articles.c.outlet,
    t.articles.c.published,
    t.articles.c.published_offset,
    t.articles.c.published_source,
    t.articles.c.language,
    t.articles.c.format,
    t.articles.c.chars,
    t.articles.c.revision,
    _origin_count.label("origins"),
)


def local_published(published: str | None, offset: int | None) -> str | None:
    """The stored UTC publication time shown at the source's own UTC offset (the same instant)."""
    if not published or offset is None:
        return published
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return published
    if moment.tzinfo is None:
        return published
    return moment.astimezone(timezone(timedelta(minutes=offset))).isoformat()


def _record(row: Any) -> dict[str, Any]:
    record = dict(row._mapping)
    if "published_offset" in record:
        record["published"] = local_published(record.get("published"), record.pop("published_offset"))
    return record


def list_articles(
    conn: Connection,
    *,
    limit: int | None = 50,
    offset: int = 0,
    outlet: str | None = None,
    language: str | None = None,
) -> list[dict[str, Any]]:
    """Articles, newest publication first (undated last), with their first origin."""
    if limit is not None and limit < 0:
        raise UsageError(f"--limit must be >= 0, got {limit}")
    q = select(*ARTICLE_COLUMNS)
    if outlet:
        q = q.where(t.articles.c.outlet == outlet)
    if language:
        q = q.where(t.articles.c.language == language)
    q = q.order_by(t.articles.c.published.is_(None), t.articles.c.published.desc(), t.articles.c.id)
    if limit is not None:
        q = q.limit(limit).offset(offset)
    return [_record(r) for r in conn.execute(q)]


def get_article(conn: Connection, article_id: int) -> dict[str, Any]:
    """One article with its text, every origin and every revision."""
    row = conn.execute(
        select(
            *ARTICLE_COLUMNS,
            t.articles.c.text,
            t.articles.c.author,
            t.articles.c.extra,
            t.articles.c.ingested_at,
            t.articles.c.sentences,
        ).where(t.articles.c.id == article_id)
    ).first()
    if row is None:
        raise NotFound(f"no article with id {article_id}", hint="list ids with `dossier articles`")
    record = _record(row)
    record["origins"] = [
        _record(r)
        for r in conn.execute(
            select(
                t.origins.c.origin,
                t.origins.c.url,
                t.origins.c.outlet,
                t.origins.c.format,
                t.origins.c.published,
                t.origins.c.seen_at,
            )
            .where(t.origins.c.article_id == article_id)
            .order_by(t.origins.c.id)
        )
    ]
    record["revisions"] = [
        _record(r)
        for r in conn.execute(
            select(t.article_revisions.c.revision, t.article_revisions.c.hash, t.article_revisions.c.ingested_at)
            .where(t.article_revisions.c.article_id == article_id)
            .order_by(t.article_revisions.c.revision)
        )
    ]
    return record


_TOKEN = re.compile(r"\w+", re.UNICODE)


def _fts5_query(query: str) -> str:
    """A safe FTS5 expression: every word quoted (so user text is never FTS syntax), all required."""
    words = _TOKEN.findall(query)
    if not words:
        raise UsageError(f"search query {query!r} has no words to look for")
    return " ".join(f'"{w}"' for w in words)


def search(conn: Connection, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Full-text search over titles and texts, best match first, with a snippet."""
    if limit < 1:
        raise UsageError(f"--limit must be >= 1, got {limit}")
    dialect = conn.dialect.name
    if dialect == "sqlite":
        sql = text(
            "SELECT rowid AS id, bm25(articles_fts) AS score, "
            "snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet "
            "FROM articles_fts WHERE articles_fts MATCH :q ORDER BY score LIMIT :limit"
        )
        hits = conn.execute(sql, {"q": _fts5_query(query), "limit": limit}).all()
    elif dialect == "postgresql":
        _fts5_query(query)  # same validation of an empty query
        sql = text(
            "SELECT id, ts_rank(tsv, q) AS score, "
            "ts_headline('simple', text, q, 'StartSel=[,StopSel=],MaxWords=24,MinWords=8') AS snippet "
            "FROM articles, plainto_tsquery('simple', :q) AS q WHERE tsv @@ q "
            "ORDER BY score DESC LIMIT :limit"
        )
        hits = conn.execute(sql, {"q": query, "limit": limit}).all()
    else:  # pragma: no cover - only the two supported dialects reach here
        raise UsageError(f"full-text search is not available on {dialect}")
    if not hits:
        return []
    by_id = {
        r.id: _record(r)
        for r in conn.execute(select(*ARTICLE_COLUMNS).where(t.articles.c.id.in_([h.id for h in hits])))
    }
    out = []
    for h in hits:
        record = by_id[h.id]
        record["snippet"] = h.snippet
        record["score"] = round(abs(float(h.score)), 4)
        out.append(record)
    return out


def stats(conn: Connection) -> dict[str, Any]:
    """Counts an analyst checks after an ingest: articles, origins, languages, extraction records."""

    def count(table: Any) -> int:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

    by_language = {
        (lang or "und"): n
        for lang, n in conn.execute(
            select(t.articles.c.language, func.count()).group_by(t.articles.c.language).order_by(func.count().desc())
        )
    }
    by_format = {
        fmt: n for fmt, n in conn.execute(select(t.articles.c.format, func.count()).group_by(t.articles.c.format))
    }
    span = conn.execute(select(func.min(t.articles.c.published), func.max(t.articles.c.published))).one()
    return {
        "articles": count(t.articles),
        "origins": count(t.origins),
        "revisions": count(t.article_revisions),
        "outlets": int(conn.execute(select(func.count(func.distinct(t.articles.c.outlet)))).scalar_one()),
        "languages": by_language,
        "formats": by_format,
        "first_published": span[0],
        "last_published": span[1],
        "entities": count(t.entities),
        "mentions": count(t.mentions),
        "times": count(t.times),
        "quotes": count(t.quotes),
        "events": count(t.events),
        "rejections": count(t.rejections),
    }
