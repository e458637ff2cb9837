"""What every route shares: a store connection, the filters, and limit-and-cursor paging."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request
from pydantic import BaseModel
from sqlalchemy import Connection

from dossier.errors import UsageError
from dossier.store.filters import MODALITIES, Filters

MAX_ID = 2**31 - 1  # ids are 32-bit integers in both databases


def get_conn(request: Request) -> Iterator[Connection]:
    """One connection per request, from the store the app was created with."""
    with request.app.state.store.connect() as conn:
        yield conn


Conn = Annotated[Connection, Depends(get_conn)]

Modality = Literal[MODALITIES]  # type: ignore[valid-type]


def filter_params(
    since: Annotated[
        str | None, Query(max_length=40, description="ISO 8601 date: publication (articles) or event date from")
    ] = None,
    until: Annotated[str | None, Query(max_length=40, description="ISO 8601 date, inclusive")] = None,
    outlet: Annotated[str | None, Query(max_length=300, description="Exact outlet name")] = None,
    language: Annotated[str | None, Query(max_length=16, description="Language code (en, ru...)")] = None,
    kind: Annotated[str | None, Query(max_length=40, description="Entity kind or event kind")] = None,
    subject: Annotated[str | None, Query(max_length=300, description="Entity name or alias, any language")] = None,
    story: Annotated[int | None, Query(ge=1, le=MAX_ID, description="Story id")] = None,
    modality: Annotated[Modality | None, Query(description="Event modality")] = None,
    min_sources: Annotated[
        int | None, Query(ge=1, le=100_000, description="At least this many independent sources")
    ] = None,
) -> Filters:
    return Filters(
        since=since,
        until=until,
        outlet=outlet,
        language=language,
        kind=kind,
        subject=subject,
        story=story,
        modality=modality,
        min_sources=min_sources,
    ).checked()


FilterParams = Annotated[Filters, Depends(filter_params)]


SourcesParam = Annotated[
    str,
    Query(pattern=r"^(all|\d{1,5})$", description="Sources listed per event or entry: a number, or `all`"),
]


def sources_limit(value: str) -> int | None:
    """The ``sources`` parameter as a limit: ``all`` -> None (every source), else the number."""
    return None if value == "all" else int(value)


@dataclass(frozen=True)
class PageRequest:
    limit: int
    offset: int


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        tag, value = raw.split(":", 1)
        offset = int(value)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise UsageError(f"invalid cursor {cursor!r}", hint="pass back the `next` value of the previous page") from None
    if tag != "o" or offset < 0:
        raise UsageError(f"invalid cursor {cursor!r}", hint="pass back the `next` value of the previous page")
    return offset


def page_params(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=500, description="Page size")] = 50,
    cursor: Annotated[str | None, Query(max_length=64, description="`next` of the previous page")] = None,
) -> PageRequest:
    settings = request.app.state.settings
    offset = decode_cursor(cursor) if cursor else 0
    if offset > settings.max_offset:
        raise UsageError(f"cursor pages deeper than {settings.max_offset} records", hint="narrow the filters")
    return PageRequest(limit=min(limit, settings.max_limit), offset=offset)


PageParams = Annotated[PageRequest, Depends(page_params)]


class Page(BaseModel):
    """A page of records: ``items`` (the CLI's ``--json`` records), and ``next``, the cursor of the
    following page (null on the last)."""

    items: list[dict[str, Any]]
    next: str | None
    limit: int
    filters: dict[str, Any]


def paged(fetch: Any, page: PageRequest, filters: Filters | None = None) -> Page:
    """Call ``fetch(limit, offset)`` for one record more than the page to know whether another follows."""
    rows = fetch(page.limit + 1, page.offset)
    more = len(rows) > page.limit
    return Page(
        items=rows[: page.limit],
        next=encode_cursor(page.offset + page.limit) if more else None,
        limit=page.limit,
        filters=filters.active if filters else {},
    )
