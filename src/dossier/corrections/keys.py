"""Keys that name an extraction record across re-analysis.

A row id changes every time an article is analysed again; what re-analysis reproduces is where the
record sits in the article's text and, for an event, the word that triggered it.  The article id is
part of the key so that a key is unique in the whole store and an index finds it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table

from dossier.store import schema as t

#: The extraction record types analysts can review, and their tables.
TABLES: dict[str, Table] = {"event": t.events, "quote": t.quotes, "time": t.times}

#: The listing that prints each type's ids, for messages.
LISTINGS = {"event": "dossier events", "quote": "dossier quotes", "time": "dossier times --article ID"}


def record_key(target_type: str, row: Any) -> str:
    """``<article>/<start>:<end>`` (quotes, times) or ``<article>/<start>:<end>:<trigger>`` (events)."""
    base = f"{row.article_id}/{row.start}:{row.end}"
    if target_type == "event":
        return f"{base}:{(row.trigger or '').casefold()}"
    return base
