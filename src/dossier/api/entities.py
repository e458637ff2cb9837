"""``/api/entities``: canonical entities, one entity, its attention over time and its company."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from dossier.api.deps import MAX_ID, Conn, FilterParams, Page, PageParams, paged
from dossier.api.errors import ERRORS
from dossier.store import knowledge

router = APIRouter(prefix="/api/entities", tags=["entities"], responses=ERRORS)

EntityId = Annotated[int, Path(ge=1, le=MAX_ID, description="Entity id")]


@router.get("", response_model=Page, summary="Entities, most widely reported first")
def list_entities(conn: Conn, filters: FilterParams, page: PageParams) -> Page:
    return paged(lambda n, o: knowledge.list_entities(conn, limit=n, offset=o, filters=filters), page, filters)


@router.get("/lookup", summary="The entity a name or alias (any language) refers to")
def lookup(
    conn: Conn,
    name: Annotated[str, Query(min_length=1, max_length=300)],
    mentions: Annotated[int, Query(ge=0, le=500)] = 50,
) -> dict[str, Any]:
    return knowledge.get_entity(conn, name, limit=mentions)


@router.get("/{entity_id}", summary="One entity: names, articles, mentions in their sentences")
def get_entity(
    conn: Conn,
    entity_id: EntityId,
    mentions: Annotated[int, Query(ge=0, le=500, description="How many mentions")] = 50,
    cursor: Annotated[int, Query(ge=0, le=1_000_000, description="Skip this many mentions")] = 0,
) -> dict[str, Any]:
    return knowledge.get_entity_by_id(conn, entity_id, limit=mentions, offset=cursor)


@router.get("/{entity_id}/attention", summary="Mentions per publication day")
def attention(conn: Conn, entity_id: EntityId) -> list[dict[str, Any]]:
    knowledge.get_entity_by_id(conn, entity_id, limit=0)
    return knowledge.mentions_per_day(conn, entity_id)


@router.get("/{entity_id}/cooccurring", summary="Entities named in the same sentences")
def cooccurring(
    conn: Conn, entity_id: EntityId, limit: Annotated[int, Query(ge=1, le=200)] = 20
) -> list[dict[str, Any]]:
    knowledge.get_entity_by_id(conn, entity_id, limit=0)
    return knowledge.cooccurring(conn, entity_id, limit=limit)
