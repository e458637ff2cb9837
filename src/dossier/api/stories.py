"""``/api/stories``: stories and one story with its events and contradictions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from dossier.api.deps import MAX_ID, Conn, FilterParams, Page, PageParams, paged
from dossier.api.errors import ERRORS
from dossier.store import cross_queries

router = APIRouter(prefix="/api/stories", tags=["stories"], responses=ERRORS)


@router.get("", response_model=Page, summary="Stories, most articles first")
def list_stories(conn: Conn, filters: FilterParams, page: PageParams) -> Page:
    return paged(lambda n, o: cross_queries.list_stories(conn, limit=n, offset=o, filters=filters), page, filters)


@router.get("/{story_id}", summary="One story: articles, events, contradictions")
def get_story(conn: Conn, story_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
    return cross_queries.get_story(conn, story_id)
