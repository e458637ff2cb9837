"""The analyst's pages: server-rendered HTML over the same query functions as the CLI and the API.

Templates (``web/templates``) are rendered by Jinja2 with autoescaping on, so
article text, titles, outlet and entity names are always text, never markup;
records a script needs travel as JSON in ``<script type="application/json">``
blocks (data, never run), read by the project's own ``web/static/dossier.js``.
No page has inline script: the Content-Security-Policy forbids it.

Third-party browser code comes from installed packages, never a CDN and never
copied into the repository: Plotly's ``plotly.min.js`` from the ``plotly``
wheel and Swagger UI from the ``fastapi-offline`` wheel.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

STATIC = Path(str(resources.files("dossier.web") / "static"))


@lru_cache(maxsize=1)
def plotly_bundle() -> Path:
    """``plotly.min.js`` as the installed ``plotly`` package ships it."""
    return Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))


@lru_cache(maxsize=1)
def swagger_folder() -> Path:
    """Swagger UI's files (``swagger-ui-bundle.js``, ``swagger-ui.css``; Swagger UI 5, which reads
    OpenAPI 3.1) as the installed ``fastapi_offline`` package ships them."""
    return Path(str(resources.files("fastapi_offline") / "static"))


def install(app: FastAPI) -> None:
    """Mount the pages, the project's static files and the vendored-by-package browser code."""
    from dossier.web import pages

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/vendor/swagger", StaticFiles(directory=swagger_folder()), name="swagger")

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        path = plotly_bundle()
        if not path.is_file():  # pragma: no cover - a broken plotly install
            raise HTTPException(404, "plotly.min.js is not installed")
        return FileResponse(path, media_type="text/javascript", headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    app.include_router(pages.router)
    app.state.html_error = pages.error_page
