"""The exporter interface, where output goes, and reading the store page by page.

An exporter is any object with ``name``, ``description``, ``layout``
(``"file"`` or ``"directory"``), ``suffix`` and an ``export(conn, selection,
target)`` method returning an :class:`ExportResult`; built-ins and plugins
alike are found through the ``dossier.exporters`` entry points.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from sqlalchemy import Connection

from dossier.errors import DossierError, ExportError, UsageError
from dossier.export.selection import Resolved, Selection

#: Rows fetched per query when streaming a table: small enough to keep memory flat,
#: large enough that the per-query cost vanishes.
PAGE = 1000


@dataclass(slots=True)
class ExportResult:
    """What an export wrote: the files, how many records of each kind, and anything the user should know."""

    format: str
    paths: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        return {
            "type": "export",
            "format": self.format,
            "paths": self.paths,
            "counts": self.counts,
            "notes": self.notes,
        }


@dataclass(frozen=True, slots=True)
class Target:
    """Where an export goes: a file (``-`` is standard output) or a directory."""

    path: Path | None  # None: standard output

    @contextlib.contextmanager
    def open_text(self) -> Iterator[IO[str]]:
        if self.path is None:
            yield sys.stdout
            sys.stdout.flush()
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("w", encoding="utf-8", newline="") as fh:
            yield fh

    @contextlib.contextmanager
    def open_binary(self) -> Iterator[IO[bytes]]:
        if self.path is None:
            yield sys.stdout.buffer
            sys.stdout.buffer.flush()
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("wb") as fh:
            yield fh

    def directory(self) -> Path:
        if self.path is None:
            raise UsageError("this format writes several files: give a directory with -o")
        if self.path.exists() and not self.path.is_dir():
            raise UsageError(f"{self.path} exists and is not a directory", hint="give a directory with -o")
        self.path.mkdir(parents=True, exist_ok=True)
        return self.path

    @property
    def name(self) -> str:
        return str(self.path) if self.path is not None else "-"


class Exporter(Protocol):
    name: str
    description: str
    layout: str  # "file" | "directory"
    suffix: str  # the default file suffix (".jsonl"), "" for directories

    def export(self, conn: Connection, selection: Resolved, target: Target) -> ExportResult: ...


def default_target(exporter: Exporter, output: str | None) -> Target:
    """``-o`` as given, ``-`` for standard output, else ``dossier-FORMAT`` (a directory) or ``dossier.SUFFIX``."""
    if output == "-":
        if exporter.layout == "directory":
            raise UsageError(
                f"{exporter.name} writes several files and cannot go to standard output", hint="use -o DIR"
            )
        return Target(None)
    if output:
        return Target(Path(output))
    if getattr(exporter, "default_name", None):
        return Target(Path(exporter.default_name))  # e.g. Datasette's metadata.yml
    if exporter.layout == "directory":
        return Target(Path(f"dossier-{exporter.name}"))
    return Target(Path(f"dossier{exporter.suffix}"))


def run_export(conn: Connection, fmt: str, selection: Selection, output: str | None = None) -> ExportResult:
    """Export the selected part of the store in format ``fmt`` (the function behind ``dossier export``)."""
    from dossier.plugins import load_exporter

    exporter = load_exporter(fmt)
    target = default_target(exporter, output)
    resolved = selection.resolve(conn)
    try:
        return exporter.export(conn, resolved, target)
    except DossierError:
        raise
    except Exception as exc:  # a format library refusing a value, or a plugin's bug: named, not a traceback
        raise ExportError(
            f"the {fmt} export failed: {type(exc).__name__}: {exc}",
            hint="please report it with the command that failed" if not isinstance(exc, OSError) else None,
        ) from exc


def pages(conn: Connection, query: Any, key: Any, *, size: int = PAGE) -> Iterator[list[Any]]:
    """Pages of the rows of ``query`` in ``key`` order, ``size`` rows each (keyset paging).

    Why keyset paging rather than one cursor: it keeps memory flat on SQLite and
    PostgreSQL alike (psycopg buffers a whole client-side result), and lets the
    caller run other queries between pages on the same connection.
    """
    last = None
    while True:
        q = query.order_by(key).limit(size)
        if last is not None:
            q = q.where(key > last)
        rows = conn.execute(q).all()
        if not rows:
            return
        yield rows
        if len(rows) < size:
            return
        last = rows[-1]._mapping[key]


def paged(conn: Connection, query: Any, key: Any, *, size: int = PAGE) -> Iterator[Any]:
    """The rows of :func:`pages`, one by one."""
    for page in pages(conn, query, key, size=size):
        yield from page


class ArticleTexts:
    """The sentence texts of articles, fetched one article at a time and kept for the last few.

    Rows of mentions, quotes and events come in article order; each needs its
    sentence, which lives in the article's text.  Joining the text onto every
    row would copy it once per row; this fetches it once per article.
    """

    def __init__(self, conn: Connection, keep: int = 64) -> None:
        self._conn = conn
        self._keep = keep
        self._cache: dict[int, tuple[str, list[list[int]] | None]] = {}

    def _get(self, article_id: int) -> tuple[str, list[list[int]] | None]:
        if article_id not in self._cache:
            from sqlalchemy import select

            from dossier.store import schema as t

            row = self._conn.execute(
                select(t.articles.c.text, t.articles.c.sentences).where(t.articles.c.id == article_id)
            ).first()
            if len(self._cache) >= self._keep:
                self._cache.pop(next(iter(self._cache)))
            self._cache[article_id] = (row.text, row.sentences) if row is not None else ("", None)
        return self._cache[article_id]

    def sentence(self, article_id: int, index: int) -> str:
        text, sentences = self._get(article_id)
        if sentences and 0 <= index < len(sentences):
            s, e = sentences[index]
            return text[s:e]
        return ""
