"""``/api/timeline``: the events of a subject in time order, with sources and lifecycle stage.

Paged like the listings: ``limit`` entries (default 100) and the ``next`` cursor of the following
page; ``order=newest`` reads from the latest entry back.  Each entry lists its first ``sources``
sources (default 10, ``all`` for every one) and counts them all in ``source_count`` and
``independent_sources``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request

from dossier.api.deps import MAX_ID, Conn, FilterParams, SourcesParam, decode_cursor, encode_cursor, sources_limit
from dossier.api.errors import ERRORS
from dossier.errors import UsageError
from dossier.store import cross_queries, knowledge

router = APIRouter(prefix="/api/timeline", tags=["timeline"], responses=ERRORS)


class TimelinePage:
    """The paging parameters of a timeline (a dependency, so both routes share them)."""

    def __init__(
        self,
        request: Request,
        limit: Annotated[int, Query(ge=1, le=1000, description="Entries per page")] = knowledge.TIMELINE_PAGE,
        cursor: Annotated[str | None, Query(max_length=64, description="`next` of the previous page")] = None,
        order: Annotated[Literal["oldest", "newest"], Query(description="oldest or newest entry first")] = "oldest",
        sources: SourcesParam = str(knowledge.SOURCES_SHOWN),
    ) -> None:
        self.limit = limit
        self.offset = decode_cursor(cursor) if cursor else 0
        if self.offset > request.app.state.settings.max_offset:
            raise UsageError("cursor pages too deep", hint="narrow the filters")
        self.newest = order == "newest"
        self.sources = sources_limit(sources)

    def kwargs(self) -> dict[str, Any]:
        return {"limit": self.limit, "offset": self.offset, "newest": self.newest, "sources_limit": self.sources}


def _finish(conn: Any, record: dict[str, Any]) -> dict[str, Any]:
    """Mark contested entries (the page's only) and give the cursor of the next page."""
    fields = cross_queries.contested_fields(conn, [e["id"] for e in record["entries"]])
    for e in record["entries"]:
        e["contested"] = fields.get(e["id"], [])
    nxt = record.pop("next_offset", None)
    record["next"] = encode_cursor(nxt) if nxt is not None else None
    return record


@router.get("", summary="Timeline of a subject named in any language")
def by_name(
    conn: Conn,
    filters: FilterParams,
    subject: Annotated[str, Query(min_length=1, max_length=300)],
    page: Annotated[TimelinePage, Depends()],
) -> dict[str, Any]:
    return _finish(conn, knowledge.timeline(conn, subject, filters=filters, **page.kwargs()))


@router.get("/{entity_id}", summary="Timeline of one entity")
def by_id(
    conn: Conn,
    filters: FilterParams,
    entity_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    page: Annotated[TimelinePage, Depends()],
) -> dict[str, Any]:
    return _finish(conn, knowledge.timeline_by_id(conn, entity_id, filters=filters, **page.kwargs()))
