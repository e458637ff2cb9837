"""``/api/timeline``: the events of a subject in time order, with sources and lifecycle stage."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from dossier.api.deps import MAX_ID, Conn, FilterParams
from dossier.api.errors import ERRORS
from dossier.store import cross_queries, knowledge

router = APIRouter(prefix="/api/timeline", tags=["timeline"], responses=ERRORS)


def _mark_contested(conn: Any, record: dict[str, Any]) -> dict[str, Any]:
    flags = cross_queries.contested_events(conn, [e["id"] for e in record["entries"]])
    for e in record["entries"]:
        e["contested"] = sorted({f["field"] for f in flags.get(e["id"], [])})
    return record


@router.get("", summary="Timeline of a subject named in any language")
def by_name(
    conn: Conn, filters: FilterParams, subject: Annotated[str, Query(min_length=1, max_length=300)]
) -> dict[str, Any]:
    return _mark_contested(conn, knowledge.timeline(conn, subject, filters=filters))


@router.get("/{entity_id}", summary="Timeline of one entity")
def by_id(conn: Conn, filters: FilterParams, entity_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
    return _mark_contested(conn, knowledge.timeline_by_id(conn, entity_id, filters=filters))
