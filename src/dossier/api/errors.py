"""One JSON error shape for every 4xx and 5xx answer, with a stable ``error`` code.

``{"error": CODE, "message": TEXT, "hint": TEXT or null}``: the CLI's
``--json`` error envelope (``docs/records.md``), so a client handles both
the same way.  Codes: ``not_found`` (404: unknown id or route), ``usage`` and
``invalid`` (422: a parameter Dossier or the schema rejected),
``unauthorized`` (401), ``forbidden`` (403: writes are off),
``method_not_allowed`` (405), ``too_large`` (413), ``internal`` (500, never
expected: the message names no internals).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from dossier.errors import DossierError, NotFound, UsageError

log = logging.getLogger("dossier.api")

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
}


class ErrorBody(BaseModel):
    """The body of every error answer."""

    error: str
    message: str
    hint: str | None = None


#: ``responses=`` for routes: the error answers they document.
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "Unknown id"},
    422: {"model": ErrorBody, "description": "Invalid parameter"},
}


class ApiError(Exception):
    """An error answer raised by the API layer itself (auth, sizes, disabled writes)."""

    def __init__(self, status: int, message: str, *, hint: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.hint = status, message, hint
        self.code = code or _CODES.get(status, "error")


def _wants_page(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api") or path.startswith("/openapi") or path.startswith("/vendor")) and hasattr(
        request.app.state, "html_error"
    )


def answer(request: Request, status: int, code: str, message: str, hint: str | None = None, **headers: str) -> Any:
    """The error in the one shape: JSON for the API, the same fields as an HTML page for pages."""
    if _wants_page(request):
        return request.app.state.html_error(request, status, code, message, hint)
    return error_response(status, code, message, hint, **headers)


def error_response(status: int, code: str, message: str, hint: str | None = None, **headers: str) -> JSONResponse:
    return JSONResponse(
        ErrorBody(error=code, message=message, hint=hint).model_dump(), status_code=status, headers=headers or None
    )


def _status_of(exc: DossierError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, UsageError):
        return 422
    return 500


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into :class:`ErrorBody`."""

    @app.exception_handler(DossierError)
    async def dossier_error(request: Request, exc: DossierError) -> Any:
        status = _status_of(exc)
        if status == 500:
            log.error("request failed: %s", exc.message)
        return answer(request, status, exc.code, exc.message, exc.hint)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Any:
        extra = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else {}
        return answer(request, exc.status, exc.code, exc.message, exc.hint, **extra)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Any:
        problems = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
            problems.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
        return answer(request, 422, "invalid", "; ".join(problems) or "invalid request", "see /docs for the parameters")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        code = _CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        return answer(request, exc.status_code, code, message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Any:
        log.exception("unexpected error", exc_info=exc)
        return answer(request, 500, "internal", "the server could not answer this request", "this is a bug")
