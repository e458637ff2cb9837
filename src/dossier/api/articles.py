"""``/api/articles``: stored articles, one article with its text, extractions and copies."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from dossier.api.deps import MAX_ID, Conn, FilterParams, Page, PageParams, paged
from dossier.api.errors import ERRORS
from dossier.store import cross_queries, knowledge, queries

router = APIRouter(prefix="/api/articles", tags=["articles"], responses=ERRORS)

ArticleId = Annotated[int, Path(ge=1, le=MAX_ID, description="Article id")]


@router.get("", response_model=Page, summary="Articles, newest first")
def list_articles(conn: Conn, filters: FilterParams, page: PageParams) -> Page:
    return paged(lambda n, o: queries.list_articles(conn, limit=n, offset=o, filters=filters), page, filters)


@router.get("/{article_id}", summary="One article: text, origins, revisions")
def get_article(conn: Conn, article_id: ArticleId) -> dict[str, Any]:
    return queries.get_article(conn, article_id)


@router.get("/{article_id}/extractions", summary="Mentions, times, quotes and events of one article")
def get_extractions(conn: Conn, article_id: ArticleId) -> dict[str, Any]:
    return knowledge.article_extractions(conn, article_id)


@router.get("/{article_id}/copies", summary="The copy chain an article belongs to (null when none)")
def get_copies(conn: Conn, article_id: ArticleId) -> dict[str, Any] | None:
    queries.get_article(conn, article_id)  # 404 for an unknown id
    return cross_queries.copies_of_article(conn, article_id)
