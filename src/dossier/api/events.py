"""``/api/events``: events with their sources; one event; the valid kinds."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from dossier.api.deps import MAX_ID, Conn, FilterParams, Page, PageParams, paged
from dossier.api.errors import ERRORS
from dossier.store import knowledge
from dossier.store.filters import MODALITIES, event_kinds

router = APIRouter(prefix="/api/events", tags=["events"], responses=ERRORS)


@router.get("", response_model=Page, summary="Events in date order, each with its sources")
def list_events(conn: Conn, filters: FilterParams, page: PageParams) -> Page:
    return paged(lambda n, o: knowledge.list_events(conn, limit=n, offset=o, filters=filters), page, filters)


@router.get("/kinds", summary="Valid event kinds and modalities")
def kinds(conn: Conn) -> dict[str, list[str]]:
    return {"kinds": event_kinds(conn), "modalities": list(MODALITIES)}


@router.get("/{event_id}", summary="One event with every article reporting it")
def get_event(conn: Conn, event_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
    return knowledge.get_event(conn, event_id)
