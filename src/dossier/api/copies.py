"""``/api/copies``: copy chains (an original and the items repeating it)."""

from __future__ import annotations

from fastapi import APIRouter

from dossier.api.deps import Conn, FilterParams, Page, PageParams, paged
from dossier.api.errors import ERRORS
from dossier.store import cross_queries

router = APIRouter(prefix="/api/copies", tags=["copies"], responses=ERRORS)


@router.get("", response_model=Page, summary="Copy chains, largest first")
def list_copies(conn: Conn, filters: FilterParams, page: PageParams) -> Page:
    return paged(lambda n, o: cross_queries.list_copies(conn, limit=n, offset=o, filters=filters), page, filters)
