"""Dossier's HTTP server: the REST API under ``/api/`` and the analyst's pages, over one store.

:func:`create_app` builds the FastAPI application for a :class:`~dossier.store.Store`
and :class:`~dossier.api.settings.Settings`; ``dossier serve`` runs it with
Uvicorn.  Each resource has its own router module (``api/articles.py``,
``api/events.py``...); the records are the CLI's ``--json`` records
(``docs/records.md``), every listing is paginated (``limit`` + ``cursor``)
and takes the shared filters (``dossier.store.filters``).  Errors have one
shape (``api/errors.py``).  Writes (``api/ingest.py``) are off unless the
settings carry a token; so are analysts' corrections (``api/corrections.py``,
behind the same :func:`dossier.api.ingest.require_token`).

Everything the browser loads comes from this server: the project's own
``web/static`` files, Plotly's bundle from the installed ``plotly`` package and
Swagger UI from the installed ``fastapi-offline`` package.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from dossier import __version__
from dossier.api import (
    articles,
    contradictions,
    copies,
    corrections,
    entities,
    events,
    ingest,
    quotes,
    search,
    stats,
    stories,
    timeline,
)
from dossier.api.errors import install as install_errors
from dossier.api.security import Guard
from dossier.api.settings import Settings

__all__ = ["ROUTERS", "Settings", "create_app"]

ROUTERS = [
    articles.router,
    search.router,
    entities.router,
    quotes.router,
    events.router,
    timeline.router,
    stories.router,
    copies.router,
    contradictions.router,
    stats.router,
    ingest.router,
    corrections.router,
]


def create_app(store: Any, settings: Settings | None = None) -> FastAPI:
    """The application over ``store`` (a :class:`dossier.store.Store`), read-only unless ``settings.token``."""
    settings = settings or Settings()
    app = FastAPI(
        title="Dossier",
        version=__version__,
        description=(
            "A source-attributed, time-resolved knowledge base of news reports and Telegram posts. "
            "Records are the CLI's `--json` records; listings take `limit` and `cursor` and the shared filters."
        ),
        docs_url=None,  # served offline by dossier.web (Swagger UI from the installed package)
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.store = store
    app.state.settings = settings
    install_errors(app)
    for router in ROUTERS:
        app.include_router(router)
    from dossier.web import install as install_web

    install_web(app)
    app.add_middleware(
        Guard,
        request_bytes=settings.max_request_bytes,
        upload_bytes=settings.max_upload_bytes,
        upload_prefix="/api/ingest",
    )
    return app
