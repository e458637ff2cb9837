"""Shared pieces of the command line: the Typer app, options, error translation and parsing.

Every command works on the store named by ``--db`` (or ``$DOSSIER_DB``, else
``./dossier.db``).  Listing commands take ``--json`` and then print JSON
Lines, one record per line (``docs/records.md``).  Errors are translated here,
once (:func:`handle_errors`): a message on stderr (a JSON envelope with
``--json``) and a graded exit code (0 success, 1 failure, 2 usage error, 3
partial success).  Command modules import from here; nothing here imports
NLP, so commands that only read the store start fast.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, TypeVar

import typer

from dossier import __version__, output
from dossier.errors import DossierError, StoreError, UsageError
from dossier.output import clean, dumps, one_line


class _App(typer.Typer):
    """The Typer app, with usage errors kept machine-readable and command modules imported on demand.

    Typer draws a usage error ("Missing argument", "Invalid value") in a Rich
    panel wrapped at 80 columns; a log or a calling program gets box-drawing
    lines instead of one ``Error: ...`` line.  Off a terminal, the plain
    Click rendering is used.

    Start-up: importing every command module and turning all their
    signatures into Click parameters costs more than a read command itself
    (issue #13).  ``load_commands`` (set by :mod:`dossier.cli`) imports the
    modules an argument list needs; ``app(args)`` calls it with its
    arguments, so ``dossier stats`` builds the read commands only.  Anything
    else that asks for the commands (Typer's ``CliRunner``, documentation
    tools) gets all of them: reading ``registered_commands`` or
    ``registered_groups`` outside a call imports every module first.
    """

    #: Imports the command modules that ``args`` needs (``None``: all of them); set by ``dossier.cli``.
    load_commands: Callable[[list[str] | None], None] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._in_call = False
        self._all_loaded = False
        self._loading = False
        self._only: str | None = None  # during a call: the one command Typer needs to build
        super().__init__(*args, **kwargs)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if not sys.stderr.isatty():
            self.rich_markup_mode = None
        argv = kwargs.get("args", args[0] if args else None)
        argv = sys.argv[1:] if argv is None else list(argv)
        self._load(argv)
        self._in_call = True
        # Typer turns every registered signature into Click parameters before parsing; a command
        # named first is all it needs (help, errors and completion get the whole app).
        self._only = argv[0] if argv and not argv[0].startswith("-") else None
        try:
            return super().__call__(*args, **kwargs)
        finally:
            self._in_call = False
            self._only = None

    def import_commands(self, argv: list[str] | None) -> None:
        """Import the command modules ``argv`` needs (``None``: all of them), as a call does.

        What the console entry point calls before the call itself.  Why not
        ``load_commands`` directly: registering a command reads
        ``registered_commands``, which outside a call or a load imports
        every module (issue #13: ``dossier stats`` imported all nine).
        """
        self._load(argv)

    def _load(self, argv: list[str] | None) -> None:
        if self.load_commands is None or self._all_loaded or self._loading:
            return
        self._loading = True
        try:
            self.load_commands(argv)
        finally:
            self._loading = False
        if argv is None:
            self._all_loaded = True

    def _complete(self) -> None:
        if not self._in_call:
            self._load(None)

    @property  # type: ignore[override]
    def registered_commands(self) -> list[Any]:
        self._complete()
        if self._only is not None:
            from typer.main import get_command_name

            named = [c for c in self._commands if (c.name or get_command_name(c.callback.__name__)) == self._only]
            if named:
                return named
        return self._commands

    @registered_commands.setter
    def registered_commands(self, value: list[Any]) -> None:
        self._commands = value

    @property  # type: ignore[override]
    def registered_groups(self) -> list[Any]:
        self._complete()
        if self._only is not None and any(c.name == self._only for c in self._groups):
            return [c for c in self._groups if c.name == self._only]
        if self._only is not None and self.registered_commands is not self._commands:
            return []  # the command is a plain one: no group is needed
        return self._groups

    @registered_groups.setter
    def registered_groups(self, value: list[Any]) -> None:
        self._groups = value


def _plain_int(value: Any) -> int | None:
    """``value`` as an ``int`` when it plainly is one: an ``int`` (not a ``bool``) or ASCII digits, else ``None``.

    At most 18 digits and an optional leading minus: for these Pydantic's
    lax ``int`` gives exactly ``int(value)``; anything else is left to it.
    """
    if type(value) is int:
        return value
    digits = value.removeprefix("-") if isinstance(value, str) else ""
    if 0 < len(digits) <= 18 and digits.isascii() and digits.isdigit():
        return int(value)
    return None


def _lazy_typer_coercion() -> None:
    """Let Typer import Pydantic only for a value that needs it (issue #13, start-up).

    Typer 0.29 checks every option of a command through a Pydantic
    ``TypeAdapter`` it builds before looking at the value, flags and absent
    options included; importing Pydantic for that is about a third of the
    start-up of ``dossier stats --db FILE``.  Here the adapter is built on
    the first value that needs it: an absent option (``None``), a flag that
    is already a ``bool`` and a ``str`` option (Typer's adapter only turns
    the command-line value into a ``str``, decoding bytes) are taken as they
    are; so is an ``int`` option whose value is an ``int`` (its default:
    ``--limit`` of every listing) or plain ASCII digits (``--limit 5``,
    ``show 12``) within the option's bounds, which Pydantic would turn into
    the same number.  Everything else (signs, spaces, ``1_000``, ``5.0``,
    values out of bounds, floats, enums, paths, dates, lists) still goes
    through Typer, errors included.  Should a Typer release move these
    internals, nothing is patched and Typer's own coercion applies.
    """
    import dataclasses

    try:
        from typer import core as typer_core
        from typer._coercion import RuntimeParam
    except ImportError:  # pragma: no cover - another Typer layout
        return
    original = getattr(typer_core, "build_runtime_param", None)
    if original is None or getattr(original, "dossier_lazy", False):
        return

    @dataclasses.dataclass(frozen=True)
    class _LazyParam(RuntimeParam):
        descriptor: Any = None
        built: list[Any] = dataclasses.field(default_factory=list)

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            info = self.parameter_info
            if self.annotation is bool and isinstance(value, bool):
                return value
            if self.annotation is str and self.descriptor.file_annotation is None and info.parser is None:
                return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
            if self.annotation is int and self.descriptor.file_annotation is None and info.parser is None:
                number = _plain_int(value)
                low, high = info.min, info.max
                if number is not None and (low is None or number >= low) and (high is None or number <= high):
                    return number
            if not self.built:
                self.built.append(original(self.descriptor))
            return self.built[0]._coerce_value(value, param=param, ctx=ctx)

    def build_runtime_param(descriptor: Any) -> Any:
        info, annotation = descriptor.parameter_info, descriptor.annotation
        return _LazyParam(parameter_info=info, annotation=annotation, descriptor=descriptor)

    build_runtime_param.dossier_lazy = True  # type: ignore[attr-defined]
    typer_core.build_runtime_param = build_runtime_param


_lazy_typer_coercion()

app = _App(
    name="dossier",
    help=(
        "Dossier turns news reports and Telegram posts into a source-attributed, time-resolved "
        "knowledge base: who did what, when, where, with which equipment, and who says so.\n\n"
        "Start with `dossier ingest samples/corpus`, then `dossier articles`, `dossier search WORDS`, "
        "`dossier stats`. Every listing command takes --json for JSON Lines."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="DOSSIER_DB", help="Database URL or SQLite file path [default: ./dossier.db]."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON Lines, one record per line.")]


def handle_errors(func: F) -> F:
    """Translate errors into a message and an exit code (the CLI's one boundary).

    Dossier's own errors keep their code.  A database error that escaped the
    store becomes a :class:`StoreError`, and any other exception an internal
    error with a one-line message: a traceback is shown only with
    ``DOSSIER_DEBUG=1``.  Messages are cleaned of control characters and, on a
    stderr that is not a terminal, kept to one line each.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DossierError as exc:
            report_error(exc, as_json=bool(kwargs.get("as_json")))
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:  # the CLI boundary: never a traceback for a user
            if os.environ.get("DOSSIER_DEBUG") == "1":
                raise
            err = _unexpected(exc)
            report_error(err, as_json=bool(kwargs.get("as_json")))
            raise typer.Exit(err.exit_code) from None

    return wrapper  # type: ignore[return-value]


def _unexpected(exc: Exception) -> DossierError:
    from sqlalchemy.exc import SQLAlchemyError

    detail = str(getattr(exc, "orig", None) or exc).splitlines()[0][:300] if str(exc) else ""
    if isinstance(exc, SQLAlchemyError):
        return StoreError(f"database error: {type(exc).__name__}: {detail}", hint="re-run the command; it is safe")
    return DossierError(
        f"internal error: {type(exc).__name__}: {detail}",
        hint="please report it; DOSSIER_DEBUG=1 shows the traceback",
    )


def report_error(exc: DossierError, *, as_json: bool) -> None:
    """Print one error: a JSON record with ``--json``, else ``error:`` and ``hint:`` lines."""
    if as_json:
        sys.stderr.write(dumps(exc.to_record()) + "\n")
        sys.stderr.flush()
        return
    from rich.text import Text

    output.err_console.print(Text(one_line(clean(f"error: {exc.message}")), style="bold red"))
    if exc.hint:
        output.err_console.print(Text(one_line(clean(f"hint: {exc.hint}")), style="yellow"))


def _version(value: bool) -> None:
    if value:
        output.console.print(f"dossier {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Dossier command line."""


# -- option parsing --------------------------------------------------------------

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)


def parse_size(value: str) -> int:
    """``"50MB"``, ``"512k"``, ``"1g"`` or a byte count, to bytes."""
    match = _SIZE.match(value)
    if not match:
        raise UsageError(f"invalid size {value!r}", hint="use a number of bytes or e.g. 512k, 50MB, 1G")
    number, unit = float(match.group(1)), match.group(2).lower()
    return int(number * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit])


def parse_published(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"invalid --published date {value!r}",
            hint="use ISO 8601, e.g. 2025-09-27 or 2025-09-27T10:00+03:00",
        ) from None


def defaults(published: str | None, outlet: str | None, url: str | None, language: str | None):  # type: ignore[no-untyped-def]
    from dossier.ingest import Defaults

    return Defaults(origin="", published=parse_published(published), outlet=outlet, url=url, language=language)


def check_format(fmt: str | None) -> None:
    from dossier.ingest import READERS
    from dossier.plugins import load_readers

    load_readers()
    if fmt is not None and fmt not in READERS:
        raise UsageError(f"unknown --format {fmt!r}", hint=f"known formats: {', '.join(sorted(READERS))}")


PathsArg = Annotated[list[str], typer.Argument(help="Files, directories (read recursively) or - for stdin.")]
PublishedOpt = Annotated[
    str | None, typer.Option("--published", help="Publication date for inputs that carry none (ISO 8601).")
]
OutletOpt = Annotated[str | None, typer.Option("--outlet", help="Outlet for inputs that name none.")]
UrlOpt = Annotated[str | None, typer.Option("--url", help="URL for inputs that carry none.")]
LanguageOpt = Annotated[
    str | None, typer.Option("--language", help="Language code (en, ru...) instead of detecting it.")
]
FormatOpt = Annotated[
    str | None,
    typer.Option("--format", help="Force a reader: text, html, json, jsonl, feed, warc (default: by name/content)."),
]
WorkersOpt = Annotated[
    int | None,
    typer.Option("--workers", "-w", min=1, help="Analysis processes [default: the number of cores]."),
]
IngestWorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers",
        "-w",
        min=0,
        help="Analysis processes [default: the number of cores]. With 1 the analysis runs in this process and "
        "one more process stores (two cores); 0 does both in this process, one after the other (one core).",
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Run the analysis on a Dask cluster: tcp://HOST:PORT of its scheduler, or `local` to start one here "
        "(with --workers workers, default 2). Storing stays in this process.",
    ),
]
MaxSizeOpt = Annotated[str, typer.Option("--max-size", help="Reject files larger than this (e.g. 50MB).")]
MaxDecompressedOpt = Annotated[
    str,
    typer.Option("--max-decompressed", help="Stop inflating a compressed input (.warc.gz) past this size."),
]
MaxItemsOpt = Annotated[int, typer.Option("--max-items", min=1, help="Read at most this many items per file.")]
MaxDepthOpt = Annotated[
    int,
    typer.Option("--max-depth", min=1, help="Reject a JSON item nested deeper than this (neighbours kept)."),
]
FollowLinksOpt = Annotated[
    bool,
    typer.Option("--follow-links", help="Follow symbolic links met while walking folders (loops are detected)."),
]


def read_limits(max_size: str, max_decompressed: str, max_items: int, max_depth: int):  # type: ignore[no-untyped-def]
    """The :class:`~dossier.ingest.limits.ReadLimits` the reading options ask for."""
    import dataclasses

    from dossier.ingest.limits import DEFAULT_LIMITS

    return dataclasses.replace(
        DEFAULT_LIMITS,
        max_bytes=parse_size(max_size),
        max_decompressed=parse_size(max_decompressed),
        max_items=max_items,
        max_depth=max_depth,
    )


def with_conn(db: str | None, fn: Callable[[Any], Any]) -> Any:
    from dossier.store import Store

    store = Store(db)
    with store.connect() as conn:
        return fn(conn)


LimitOpt = Annotated[int, typer.Option("--limit", "-n", help="How many records to show.")]


KindOpt = Annotated[str | None, typer.Option("--kind", help="person, org, place, equipment, law, event or other.")]


def short(value: Any, width: int) -> str:
    s = str(value or "").replace("\n", " ").strip()
    return s if len(s) <= width else s[: width - 1] + "…"
