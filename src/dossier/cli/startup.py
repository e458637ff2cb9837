"""The ``dossier`` console entry point: imports the command line with the cyclic garbage collector paused.

Why (issue #13, start-up of read commands): starting ``dossier stats`` is almost
all importing (Typer, Rich, SQLAlchemy and the command's module).  Every import
allocates thousands of functions, classes and dicts that live as long as the
process, and each few hundred allocations trigger a collection that walks the
young objects, with ever larger full collections in between; none of them can
free anything, since module objects are never garbage.  Pausing the collector
while the command line and the command's module are imported, then moving
everything imported so far into the permanent generation (``gc.freeze``) and
turning the collector back on, removes those passes (about a fifth of the
start-up of a read command) and keeps later full collections of a long command
(an ingest) from walking the imported modules again.

Nothing here changes what the command does: the collector is back on before
the command's arguments are parsed, whatever happens while importing.  The
function is also what ``python -m dossier`` runs.
"""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager
from typing import Any

from dossier import collector

__all__ = ["main", "paused_collector"]


def paused_collector() -> AbstractContextManager[None]:
    """Pause the cyclic collector in a ``with`` block; on leaving, freeze what exists and resume.

    The collector is resumed only if it was running on entry (a caller that
    turned it off keeps it off).
    """
    return collector.paused(freeze=True)


def main(argv: list[str] | None = None) -> Any:
    """Run the ``dossier`` command line on ``argv`` (default: ``sys.argv[1:]``)."""
    args = sys.argv[1:] if argv is None else list(argv)
    with paused_collector():
        from dossier.cli import COMMANDS, app

        if args and COMMANDS.get(args[0]) == "read":
            from dossier import deferred

            deferred.defer()  # asyncio, importlib.metadata: SQLAlchemy imports them, a read never uses them
        app.import_commands(args)  # the command's own module (all of them for help or an unknown command)
    return app(args=args, prog_name="dossier")
