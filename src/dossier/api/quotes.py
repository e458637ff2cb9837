"""``/api/quotes``: statements with their speaker, cue and provenance."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from dossier.api.deps import Conn, FilterParams, Page, PageParams, paged
from dossier.api.errors import ERRORS
from dossier.store import knowledge

router = APIRouter(prefix="/api/quotes", tags=["quotes"], responses=ERRORS)


@router.get("", response_model=Page, summary="Quotes in publication order")
def list_quotes(
    conn: Conn,
    filters: FilterParams,
    page: PageParams,
    speaker: Annotated[str | None, Query(max_length=300, description="Speaker name or alias")] = None,
) -> Page:
    return paged(
        lambda n, o: knowledge.list_quotes(conn, speaker=speaker, limit=n, offset=o, filters=filters), page, filters
    )
