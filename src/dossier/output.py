"""Printing records for people (Rich tables) and for programs (JSON Lines).

Untrusted text (article titles, quotes, snippets, file names) reaches the
terminal only as ``rich.text.Text`` objects, never as markup strings, so a
title such as ``[link=...]`` or ``[bold]`` is shown as the characters it is.

Text written by strangers may also hold terminal control sequences: ``ESC[2J``
clears the screen, an OSC sequence retitles the window or plants a link, a
carriage return overwrites what was printed.  The consoles here are
:class:`SafeConsole`, which removes C0 and C1 control characters (except
newline and tab) from every piece of text at the last moment, after layout
and before Rich adds its own styling, so no command can forget to; the bidirectional
override and isolate controls go too (they reorder what is shown after them).  JSON
output is written unchanged: a program gets the exact stored value, with
control characters escaped by JSON itself.

Rich is imported on first use, not with this module (issue #13, start-up):
``console``, ``err_console`` and ``SafeConsole`` are made when first asked
for (``output.console`` or ``from dossier.output import console``), so a
command that prints only JSON Lines (``--json``) never imports Rich.  A
console reads its settings (``COLUMNS``, ``NO_COLOR``...) from the
environment when it is made; the command line's environment is fixed for
the whole run, so that is the same as at import.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


#: Whole ESC sequences first (so "ESC[31m" leaves nothing behind, not "[31m"): CSI
#: (ESC [ ... final byte), OSC/DCS/APC/PM/SOS strings up to BEL, ST or any other control
#: (Rich drops BEL before we see it, so the string must also end without it), then two-character
#: escapes.  A lone C1 character is only removed (it is far more often a decoding slip than
#: an 8-bit escape).  Each alternative scans forward only: linear time.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x00-\x1f\x7f-\x9f]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?"
)
#: Any other C0 control but tab and newline, DEL, the C1 block, and the bidirectional
#: embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069): a stranger's
#: right-to-left override reverses what the terminal shows after it, so a quote or a name could
#: read as something else ("Trojan Source" text).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(value: str) -> str:
    """``value`` without terminal control sequences or characters (newline and tab kept)."""
    if value.isprintable():
        return value
    return _CONTROLS.sub("", _ESCAPES.sub("", value))


def one_line(value: str) -> str:
    """A message on one line: line breaks become spaces (for logs and programs reading stderr)."""
    return " ".join(value.splitlines()) if ("\n" in value or "\r" in value) else value


def _safe_console_class() -> type[Console]:
    """:class:`SafeConsole`, defined (and Rich imported) on first call."""
    from rich.console import Console
    from rich.segment import Segment

    class SafeConsole(Console):
        """A Rich console that never lets a control character of the printed text through.

        Rich's own control segments (cursor moves of a progress bar) and the
        styles it renders are kept; only the text of each segment is cleaned.
        With ``unwrapped_when_piped`` (the stderr console), lines are not wrapped
        at the console width when the output is not a terminal, so each message
        stays one line for the program or log reading it.
        """

        def __init__(self, *args: Any, unwrapped_when_piped: bool = False, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.unwrapped_when_piped = unwrapped_when_piped

        def print(self, *objects: Any, soft_wrap: bool | None = None, **kwargs: Any) -> None:  # type: ignore[override]
            if soft_wrap is None and self.unwrapped_when_piped and not self.is_terminal:
                soft_wrap = True
            super().print(*objects, soft_wrap=soft_wrap, **kwargs)

        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            return super()._render_buffer(
                seg if seg.control or seg.text.isprintable() else Segment(clean(seg.text), seg.style, seg.control)
                for seg in buffer
            )

    SafeConsole.__module__ = __name__
    SafeConsole.__qualname__ = "SafeConsole"
    return SafeConsole


#: The consoles' settings: stdout for records, stderr for messages (one line each when piped).
_CONSOLES: dict[str, dict[str, Any]] = {
    "console": {"highlight": False, "soft_wrap": False},
    "err_console": {"stderr": True, "highlight": False, "unwrapped_when_piped": True},
}


def __getattr__(name: str) -> Any:
    """``SafeConsole``, ``console`` and ``err_console``, made (and kept) on first use (PEP 562)."""
    if name == "SafeConsole":
        value: Any = _safe_console_class()
    elif name in _CONSOLES:
        value = _this_module().SafeConsole(**_CONSOLES[name])
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def _this_module() -> Any:
    """This module, whose attributes make the consoles on first use (and may be replaced by tests)."""
    return sys.modules[__name__]


#: Characters JSON may carry raw but that break a line-based reader (``str.splitlines`` ends a
#: line at NEL and at the Unicode line/paragraph separators) or reach a terminal as C1 controls.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def dumps(record: Any) -> str:
    """One JSON line; non-ASCII kept readable, dates and other objects as strings.

    The value stays exact: DEL, C1 controls, U+2028/U+2029 and the bidirectional
    controls are written as
    ``\\uXXXX`` escapes (JSON itself escapes C0), so one record is always
    one line whatever splits it, and ``cat`` of the output is terminal-safe.
    """
    out = json.dumps(record, ensure_ascii=False, default=str, separators=(",", ":"))
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", out)


def print_jsonl(records: Iterable[dict[str, Any]]) -> int:
    """Write records as JSON Lines to stdout; return how many."""
    n = 0
    write = sys.stdout.write
    for record in records:
        write(dumps(record) + "\n")
        n += 1
    sys.stdout.flush()
    return n


def _cell(value: Any, width: int | None = None) -> Text:
    from rich.text import Text

    if value is None:
        return Text("-", style="dim")
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    s = clean(str(value).replace("\n", " "))
    if width and len(s) > width:
        s = s[: width - 1] + "…"
    return Text(s)


def print_table(
    records: Sequence[dict[str, Any]],
    columns: Sequence[str | tuple[str, int]],
    *,
    title: str | None = None,
    empty: str = "nothing to show",
) -> None:
    """Show records as a table; ``columns`` names fields, optionally with a max width."""
    from rich.text import Text

    if not records:
        _this_module().err_console.print(Text(empty, style="yellow"))
        return
    from rich.table import Table  # here, not at import: read commands that print no table start faster

    table = Table(title=title, show_lines=False, header_style="bold")
    specs = [(c, None) if isinstance(c, str) else c for c in columns]
    # A column no row fills only takes width from the text (at 80 columns it squeezed quotes
    # to a word a line); it is left out and named under the table.
    blank = [name for name, _w in specs if all(_is_blank(r.get(name)) for r in records)]
    specs = [(name, w) for name, w in specs if name not in blank]
    for name, width in specs:
        if width:  # the long text column takes what the short ones leave
            table.add_column(name, overflow="fold", ratio=1)
        else:
            table.add_column(name, overflow="fold")
    for r in records:
        table.add_row(*(_cell(r.get(name), width) for name, width in specs))
    _this_module().console.print(table)
    if blank:
        _this_module().err_console.print(Text(f"(empty in every row, not shown: {', '.join(blank)})", style="dim"))


def _is_blank(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple) and not value)


def print_fields(record: dict[str, Any], fields: Sequence[str]) -> None:
    """Show selected fields of one record as ``name: value`` lines.

    Where Rich would print them unstyled and unwrapped (see :func:`_plain_width`),
    they are written as they are, without importing Rich (issue #13: a third of
    what ``dossier stats | ...`` costs beyond SQLAlchemy and Typer).
    """
    plain = [f"{name}: {_plain(record.get(name))}" for name in fields]
    width = _plain_width()
    if width is not None and all(_fits(line, width) for line in plain):
        sys.stdout.write("".join(line + "\n" for line in plain))
        sys.stdout.flush()
        return
    from rich.text import Text

    console = _this_module().console
    for name in fields:
        line = Text(f"{name}: ", style="bold")
        line.append_text(_cell(record.get(name)))
        console.print(line)


def _plain(value: Any) -> str:
    """What :func:`_cell` shows for ``value`` (no width), as a string."""
    if value is None:
        return "-"
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    return clean(str(value).replace("\n", " "))


def _fits(line: str, width: int) -> bool:
    """A line Rich prints unchanged: printable ASCII, no run of spaces or space at its end, shorter than the width."""
    return len(line) < width and line.isascii() and line.isprintable() and "  " not in line and not line.endswith(" ")


def _plain_width() -> int | None:
    """The width Rich's stdout console would wrap at when it would print without styles; else ``None``.

    The checks are Rich's own (``Console.is_terminal`` and ``Console.size``,
    Rich 13-14), answered conservatively: ``None`` (print through Rich) once a
    console was made or set (a test's, or one of an earlier command), on
    Windows, under IDLE or IPython, with ``FORCE_COLOR`` or ``TTY_COMPATIBLE``
    set, or when stdout is a terminal or cannot say.  Otherwise Rich prints no
    escape codes and wraps at ``$COLUMNS``, else the size of the first of
    stdin, stdout, stderr that is a terminal, else 80 columns.
    """
    import os

    if "console" in globals() or sys.platform == "win32" or "IPython" in sys.modules:
        return None
    if getattr(sys.stdin, "__module__", "").startswith("idlelib"):
        return None
    if "FORCE_COLOR" in os.environ or "TTY_COMPATIBLE" in os.environ:
        return None
    try:
        if sys.stdout.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    columns = os.environ.get("COLUMNS")
    if columns is not None:
        return int(columns) if columns.isdigit() and int(columns) > 0 else None
    for descriptor in (0, 1, 2):
        try:
            return os.get_terminal_size(descriptor).columns or 80
        except (AttributeError, ValueError, OSError):
            continue
    return 80


def emit(
    records: Sequence[dict[str, Any]],
    *,
    as_json: bool,
    columns: Sequence[str | tuple[str, int]],
    empty: str = "nothing to show",
    title: str | None = None,
) -> None:
    """What every listing command does: JSON Lines for programs, a table for people."""
    if as_json:
        print_jsonl(records)
    else:
        print_table(records, columns, title=title, empty=empty)
