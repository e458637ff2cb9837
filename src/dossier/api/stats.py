"""``/api/stats``: the counts of the store."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from dossier.api.deps import Conn
from dossier.store import queries

router = APIRouter(prefix="/api/stats", tags=["stats"])


@router.get("", summary="Counts: articles, outlets, languages, extraction records")
def stats(conn: Conn) -> dict[str, Any]:
    return queries.stats(conn)
