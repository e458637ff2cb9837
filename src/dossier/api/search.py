"""``/api/search``: full-text search with filters and facets."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from dossier.api.deps import Conn, FilterParams, Page, PageParams, paged
from dossier.api.errors import ERRORS
from dossier.store import queries

router = APIRouter(prefix="/api/search", tags=["search"], responses=ERRORS)

Words = Annotated[str, Query(min_length=1, max_length=500, description="Words to find (all must occur)")]


@router.get("", response_model=Page, summary="Articles matching words, best first, with snippets")
def search(conn: Conn, q: Words, filters: FilterParams, page: PageParams) -> Page:
    return paged(lambda n, o: queries.search(conn, q, limit=n, offset=o, filters=filters), page, filters)


@router.get("/facets", summary="Counts by outlet, language, month, entity and event kind over the best hits")
def facets(conn: Conn, q: Words, filters: FilterParams) -> dict[str, Any]:
    return queries.search_facets(conn, q, filters=filters)
