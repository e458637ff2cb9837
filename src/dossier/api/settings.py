"""What a server instance is allowed to do, fixed when it starts (``dossier serve`` options)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """Server settings.

    ``token`` turns writes on: with it, ``POST /api/ingest`` accepts uploads
    that carry it as a bearer token; without it every write answers 403.
    Sizes bound what one request may make the server read or hold.
    """

    token: str | None = None
    max_request_bytes: int = 1024 * 1024  # every request body but an upload
    max_upload_bytes: int = 20 * 1024 * 1024  # all files of one upload together
    max_limit: int = 500  # the largest page a listing serves
    max_offset: int = 100_000  # how deep a cursor may page

    @property
    def writable(self) -> bool:
        return bool(self.token)
