"""``/api/events``: events with their sources; one event; the valid kinds."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from dossier.api.deps import MAX_ID, Conn, FilterParams, Page, PageParams, SourcesParam, paged, sources_limit
from dossier.api.errors import ERRORS
from dossier.store import knowledge
from dossier.store.filters import MODALITIES, event_kinds

router = APIRouter(prefix="/api/events", tags=["events"], responses=ERRORS)


@router.get("", response_model=Page, summary="Events in date order, each with its sources")
def list_events(
    conn: Conn, filters: FilterParams, page: PageParams, sources: SourcesParam = str(knowledge.SOURCES_SHOWN)
) -> Page:
    """Each event lists its first ``sources`` sources (``all``: every one); ``source_count`` and
    ``independent_sources`` count them all."""
    cap = sources_limit(sources)
    return paged(
        lambda n, o: knowledge.list_events(conn, limit=n, offset=o, filters=filters, sources_limit=cap), page, filters
    )


@router.get("/kinds", summary="Valid event kinds and modalities")
def kinds(conn: Conn) -> dict[str, list[str]]:
    return {"kinds": event_kinds(conn), "modalities": list(MODALITIES)}


@router.get("/{event_id}", summary="One event with every article reporting it")
def get_event(
    conn: Conn, event_id: Annotated[int, Path(ge=1, le=MAX_ID)], sources: SourcesParam = "all"
) -> dict[str, Any]:
    """Every source by default; ``sources=N`` lists the first N (``source_count`` counts them all)."""
    return knowledge.get_event(conn, event_id, sources_limit=sources_limit(sources))
