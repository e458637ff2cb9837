"""The ``dossier`` command line: thin Typer commands over importable functions, one module per area.

``common`` holds the app, shared options and the one error boundary; each area module registers its
commands on that app when imported.  Area modules are imported on demand (issue #13: a read
command must start fast): :data:`COMMANDS` names the module of every top-level command and group,
and ``app(args)`` imports only the one its command needs; help, an unknown command, or anything
that lists the commands imports them all, in :data:`AREAS` order (the order of ``dossier --help``).
To add an area, write ``cli/<area>.py`` and add it to both.  A test checks that the table matches
what the modules register.
"""

from __future__ import annotations

import importlib

from dossier.cli.common import app

__all__ = ["AREAS", "COMMANDS", "app", "run"]

#: The command modules, in the order their commands are listed.
AREAS: tuple[str, ...] = ("corrections", "export", "ingest", "kb", "monitor", "plugins", "read", "scale", "serve")

#: Top-level command or group name -> the area module that registers it.
COMMANDS: dict[str, str] = {
    **dict.fromkeys(
        ("merge", "split", "reject", "confirm", "note", "tag", "log", "undo", "edit", "delete"), "corrections"
    ),
    "export": "export",
    "ingest": "ingest",
    "analyze": "ingest",
    "kb": "kb",
    **dict.fromkeys(("fetch", "watch", "digest", "sources", "alerts"), "monitor"),
    "plugins": "plugins",
    **dict.fromkeys(
        (
            "articles", "show", "search", "stats", "entities", "entity", "quotes", "events", "timeline",
            "stories", "story", "copies", "contradictions", "times",
        ),
        "read",
    ),
    "reanalyze": "scale",
    "serve": "serve",
}  # fmt: skip


def command_areas(argv: list[str] | None) -> tuple[str, ...]:
    """The area modules an argument list needs: the command's own, or all of them.

    Only a command name in first place is trusted; options before it (``--help``,
    completion) or no command at all need the whole app.  ``--version`` alone needs
    none: its eager callback prints and exits before any command is looked at.
    """
    if argv == ["--version"]:
        return ()
    if argv and not argv[0].startswith("-") and argv[0] in COMMANDS:
        return (COMMANDS[argv[0]],)
    return AREAS


def load_commands(argv: list[str] | None = None) -> None:
    """Import the area modules ``argv`` needs (``None``: all), which registers their commands."""
    for area in AREAS if argv is None else command_areas(argv):
        importlib.import_module(f"dossier.cli.{area}")


app.load_commands = load_commands


def run() -> None:  # pragma: no cover - console entry point alias
    app()
