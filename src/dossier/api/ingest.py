"""``POST /api/ingest``: upload files to store (a write: off unless the server has a token).

The server reads only the bytes sent in the request: file names are reduced
to a safe base name inside a private temporary folder, so no request can
name a path of the server's disk.  The upload's total size is bounded
(``Settings.max_upload_bytes``, enforced while the body is received).
"""

from __future__ import annotations

import hmac
import re
import tempfile
from pathlib import Path as FsPath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile

from dossier.api.errors import ERRORS, ApiError, ErrorBody

router = APIRouter(
    prefix="/api/ingest",
    tags=["writes"],
    responses={
        **ERRORS,
        401: {"model": ErrorBody, "description": "Missing or wrong bearer token"},
        403: {"model": ErrorBody, "description": "Writes are off (no --token)"},
        413: {"model": ErrorBody, "description": "Upload too large"},
    },
)

_SAFE = re.compile(r"[^\w.-]+")


def require_token(request: Request) -> None:
    """Writes need the server's token as ``Authorization: Bearer TOKEN``; without a token they are off."""
    settings = request.app.state.settings
    if not settings.writable:
        raise ApiError(403, "writes are off on this server", hint="start it with --token or DOSSIER_TOKEN")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), settings.token.encode()):
        raise ApiError(401, "a valid bearer token is required", hint="send Authorization: Bearer TOKEN")


def safe_name(name: str | None, index: int) -> str:
    """A base name that cannot leave the upload folder (``../../etc/passwd`` becomes ``passwd``)."""
    base = _SAFE.sub("_", FsPath((name or "").replace("\\", "/")).name).strip("._")[:120]
    return f"{index:03d}-{base or 'upload'}"


@router.post("", summary="Store uploaded files (needs the bearer token)", dependencies=[Depends(require_token)])
def ingest(
    request: Request,
    files: Annotated[list[UploadFile], File(description="Files in any format `dossier ingest` reads")],
    analyze: Annotated[bool, Query(description="Run the analysis (entities, events...)")] = True,
) -> dict[str, Any]:
    from dossier.ingest.job import ingest as run_ingest

    settings = request.app.state.settings
    if not files:
        raise ApiError(422, "no files uploaded", code="invalid")
    with tempfile.TemporaryDirectory(prefix="dossier-upload-") as tmp:
        total = 0
        for i, upload in enumerate(files):
            target = FsPath(tmp) / safe_name(upload.filename, i)
            data = upload.file.read(settings.max_upload_bytes + 1)
            total += len(data)
            if total > settings.max_upload_bytes:
                raise ApiError(413, f"upload larger than {settings.max_upload_bytes} bytes")
            target.write_bytes(data)
        saved: list[dict[str, Any]] = []
        rejected: list[dict[str, str]] = []
        report = run_ingest(
            [tmp],
            request.app.state.store,
            max_bytes=settings.max_upload_bytes,
            analyze=analyze,
            on_saved=lambda a, r: saved.append(
                {"id": r.article_id, "status": r.status, "title": a.title, "outlet": a.outlet, "language": a.language}
            ),
            on_rejected=lambda e: rejected.append({"source": FsPath(e.source).name, "reason": e.reason}),
        )
    return {"articles": saved, "errors": rejected, "summary": report.summary(), "warnings": report.warnings}
