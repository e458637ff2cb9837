"""Ingest: turn files, directories and stdin into Article records.

:func:`iter_sources` expands the paths a user gives (directories
recursively, ``-`` for standard input) and :func:`read_source` runs the right
reader on each.  Both yield :class:`~dossier.errors.IngestError` values for
bad inputs instead of raising, so a batch of ten thousand files survives one
broken file and the caller can name it with its reason.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dossier.errors import IngestError
from dossier.ingest.readers import READERS, Defaults, Reader, ReadItem, reader_for, register_reader

# Reader plugins (entry point group ``dossier.readers``) join the built-ins here, the way the
# built-ins themselves are declared (``dossier.plugins``).
from dossier.plugins import load_readers

load_readers()

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

# Files a corpus folder carries about itself, not reports.
_NOT_ARTICLES = ("readme", "license", "licence", "copying", "changelog")

__all__ = [
    "DEFAULT_MAX_BYTES",
    "READERS",
    "Defaults",
    "ReadItem",
    "Reader",
    "Source",
    "iter_sources",
    "read_all",
    "read_source",
    "register_reader",
]


@dataclass(frozen=True, slots=True)
class Source:
    """One input: a file path, or ``-`` for standard input."""

    name: str
    path: Path | None  # None for stdin

    def size(self) -> int:
        return self.path.stat().st_size if self.path is not None else 0


def iter_sources(paths: Iterable[str | Path]) -> Iterator[Source | IngestError]:
    """Expand the given paths into sources, in a stable (sorted) order."""
    load_readers()  # once per run: a reader plugin installed since start-up is seen
    for raw in paths:
        name = str(raw)
        if name == "-":
            yield Source("-", None)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if any(part.startswith(".") for part in rel.parts) or not child.is_file():
                    continue
                if child.name.lower().startswith(_NOT_ARTICLES):
                    continue
                yield Source(str(child), child)
        elif path.is_file():
            yield Source(name, path)
        elif path.exists():
            yield IngestError(name, "not a regular file or directory")
        else:
            yield IngestError(name, "no such file or directory")


def read_source(
    source: Source,
    *,
    defaults: Defaults | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fmt: str | None = None,
) -> Iterator[ReadItem]:
    """Yield the articles of one source, or IngestErrors naming what was wrong.

    ``fmt`` forces a reader by name (needed for stdin, which has no file name
    to go by, when sniffing cannot tell).
    """
    defaults = defaults or Defaults(origin=source.name)
    if defaults.origin != source.name:
        defaults = Defaults(
            origin=source.name,
            published=defaults.published,
            outlet=defaults.outlet,
            url=defaults.url,
            language=defaults.language,
        )
    try:
        data = _read_bytes(source, max_bytes)
        if not data.strip():
            raise IngestError(source.name, "empty: no text to store")
        if fmt is not None:
            if fmt not in READERS:
                raise IngestError(source.name, f"unknown format {fmt!r}; known: {', '.join(sorted(READERS))}")
            reader = READERS[fmt]
        else:
            found = reader_for(source.name if source.path else "", data[:4096])
            if found is None and source.path is None:
                found = READERS["text"]  # stdin with no recognisable markup is plain text
            if found is None:
                raise IngestError(
                    source.name,
                    "unknown format",
                    hint="known extensions: " + ", ".join(e for r in READERS.values() for e in r.extensions),
                )
            reader = found
        yield from reader.read(data, defaults)
    except IngestError as exc:
        yield exc
    except RecursionError as exc:
        yield IngestError(source.name, f"input nested too deeply to read safely ({exc})")
    except (ValueError, LookupError, OSError) as exc:
        # A library choking on malformed input: report it against the file, keep the batch going.
        yield IngestError(source.name, f"could not be read: {type(exc).__name__}: {exc}")


def _read_bytes(source: Source, max_bytes: int) -> bytes:
    if source.path is None:
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        size = source.size()
        if size > max_bytes:
            raise IngestError(
                source.name,
                f"too large: {size:,} bytes, over the limit of {max_bytes:,}",
                hint="raise it with --max-size if the file is genuine",
            )
        data = source.path.read_bytes()
    if len(data) > max_bytes:
        raise IngestError(source.name, f"too large: over the limit of {max_bytes:,} bytes")
    return data


def read_all(
    paths: Iterable[str | Path],
    *,
    defaults: Defaults | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fmt: str | None = None,
) -> Iterator[ReadItem]:
    """Every article (or error) of every given path, in order."""
    for source in iter_sources(paths):
        if isinstance(source, IngestError):
            yield source
            continue
        yield from read_source(source, defaults=defaults, max_bytes=max_bytes, fmt=fmt)
