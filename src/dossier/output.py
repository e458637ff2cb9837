"""Printing records for people (Rich tables) and for programs (JSON Lines).

Untrusted text (article titles, quotes, snippets) reaches the terminal only
as ``rich.text.Text`` objects, never as markup strings, so a title such as
``[link=...]`` or ``[bold]`` is shown as the characters it is.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

console = Console(highlight=False, soft_wrap=False)
err_console = Console(stderr=True, highlight=False)


def dumps(record: Any) -> str:
    """One JSON line; non-ASCII kept readable, dates and other objects as strings."""
    return json.dumps(record, ensure_ascii=False, default=str, separators=(",", ":"))


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
    if value is None:
        return Text("-", style="dim")
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    s = str(value).replace("\n", " ")
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
    if not records:
        err_console.print(Text(empty, style="yellow"))
        return
    table = Table(title=title, show_lines=False, header_style="bold")
    specs = [(c, None) if isinstance(c, str) else c for c in columns]
    for name, _w in specs:
        table.add_column(name, overflow="fold")
    for r in records:
        table.add_row(*(_cell(r.get(name), width) for name, width in specs))
    console.print(table)


def print_fields(record: dict[str, Any], fields: Sequence[str]) -> None:
    """Show selected fields of one record as ``name: value`` lines."""
    for name in fields:
        line = Text(f"{name}: ", style="bold")
        line.append_text(_cell(record.get(name)))
        console.print(line)


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
