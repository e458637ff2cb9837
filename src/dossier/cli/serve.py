"""``dossier serve``: the web pages and the REST API over a store (FastAPI + Uvicorn)."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.text import Text

from dossier.cli.common import DbOption, app, handle_errors, parse_size
from dossier.errors import UsageError
from dossier.output import err_console


@app.command()
@handle_errors
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (only this machine by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="DOSSIER_TOKEN",
            help="Turn writes (uploads to ingest) on; they then need 'Authorization: Bearer TOKEN'.",
            show_default=False,
        ),
    ] = None,
    max_upload: Annotated[str, typer.Option("--max-upload", help="Largest upload accepted (e.g. 20MB).")] = "20MB",
) -> None:
    """Serve the analyst's pages and the REST API (/api/..., docs at /docs) over the store.

    Read-only unless --token (or DOSSIER_TOKEN) is set; needs no internet: every asset comes from the
    installed packages. Example: dossier serve --db demo.db, then open http://127.0.0.1:8000/
    """
    import uvicorn

    from dossier.api import Settings, create_app
    from dossier.store import Store

    if not 0 < port < 65536:
        raise UsageError(f"invalid --port {port}", hint="use 1-65535")
    if token is not None and len(token) < 8:
        raise UsageError("--token is too short", hint="use at least 8 characters, e.g. from `openssl rand -hex 16`")
    store = Store(db)
    store.ensure_schema()
    settings = Settings(token=token, max_upload_bytes=parse_size(max_upload))
    mode = "read-write (bearer token)" if settings.writable else "read-only"
    err_console.print(Text(f"serving {store.safe_url} on http://{host}:{port}/ ({mode})", style="bold green"))
    uvicorn.run(create_app(store, settings), host=host, port=port, log_level=os.environ.get("DOSSIER_LOG", "warning"))
