"""The ``dossier`` command line: thin Typer commands over importable functions, one module per area.

``common`` holds the app, shared options and the one error boundary; each area module registers its
commands on that app when imported below.  To add an area, write ``cli/<area>.py`` and import it here.
"""

from __future__ import annotations

from dossier.cli import (  # noqa: F401  (importing registers the commands)
    corrections,
    export,
    ingest,
    kb,
    monitor,
    plugins,
    read,
    scale,
    serve,
)
from dossier.cli.common import app

__all__ = ["app", "run"]


def run() -> None:  # pragma: no cover - console entry point alias
    app()
