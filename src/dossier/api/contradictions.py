"""``/api/contradictions``: one event told with different dates, status, numbers or speakers."""

from __future__ import annotations

from fastapi import APIRouter

from dossier.api.deps import Conn, FilterParams, Page, PageParams, paged
from dossier.api.errors import ERRORS
from dossier.store import cross_queries

router = APIRouter(prefix="/api/contradictions", tags=["contradictions"], responses=ERRORS)


@router.get("", response_model=Page, summary="Conflicting accounts, each side with its sentence")
def list_contradictions(conn: Conn, filters: FilterParams, page: PageParams) -> Page:
    return paged(
        lambda n, o: cross_queries.list_contradictions(conn, limit=n, offset=o, filters=filters), page, filters
    )
