"""Ingest: turn files, directories and stdin into Article records.

:func:`iter_sources` expands the paths a user gives (directories
recursively, ``-`` for standard input) and :func:`read_source` runs the right
reader on each.  Both yield :class:`~dossier.errors.IngestError` values for
bad inputs instead of raising, so a batch of ten thousand files survives one
broken file and the caller can name it with its reason; inputs left out on
purpose (a licence file, a symbolic link, a WARC redirect) are yielded as
:class:`~dossier.errors.IngestSkip`, named too.  Every read is bounded by a
:class:`~dossier.ingest.limits.ReadLimits` (``docs/ingest.md``).
"""

from __future__ import annotations

import dataclasses
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dossier.errors import IngestError, IngestSkip
from dossier.ingest.limits import DEFAULT_LIMITS, ReadLimits, clamp
from dossier.ingest.readers import (
    READERS,
    Defaults,
    Reader,
    ReadItem,
    item_failed,
    reader_for,
    register_reader,
    safe_name,
)

# Reader plugins (entry point group ``dossier.readers``) join the built-ins here, the way the
# built-ins themselves are declared (``dossier.plugins``).
from dossier.plugins import load_readers

load_readers()

DEFAULT_MAX_BYTES = DEFAULT_LIMITS.max_bytes

# Files a corpus folder carries about itself, not reports: skipped (and said so)
# only when the whole name, less its extension, is one of these.  A prefix
# match would drop real articles ("license-plate-fraud.html").
NOT_ARTICLES = frozenset({"readme", "license", "licence", "copying", "changelog", "authors", "notice"})

__all__ = [
    "DEFAULT_LIMITS",
    "DEFAULT_MAX_BYTES",
    "NOT_ARTICLES",
    "READERS",
    "Defaults",
    "ReadItem",
    "ReadLimits",
    "Reader",
    "Source",
    "iter_sources",
    "read_all",
    "read_source",
    "register_reader",
]


@dataclass(frozen=True, slots=True)
class Source:
    """One input: a file path, or ``-`` for standard input.

    ``name`` is printable and storable even when the file name holds bytes
    that are not UTF-8 (they show as ``\\xNN``); ``path`` opens the real file.
    """

    name: str
    path: Path | None  # None for stdin

    def size(self) -> int:
        return self.path.stat().st_size if self.path is not None else 0


def _is_not_article(name: str) -> bool:
    return name.lower().split(".", 1)[0] in NOT_ARTICLES


def _walk(root: Path, follow_links: bool) -> Iterator[Source | IngestError]:
    """Every file under ``root`` in sorted order; links followed only when asked, never in a loop."""
    seen: set[tuple[int, int]] = set()

    def visit(directory: Path) -> Iterator[Source | IngestError]:
        try:
            info = directory.stat()
        except OSError as exc:
            yield IngestError(safe_name(str(directory)), f"vanished or unreadable directory ({exc.strerror})")
            return
        key = (info.st_dev, info.st_ino)
        if key in seen:
            yield IngestSkip(safe_name(str(directory)), "symbolic link loop: directory already read")
            return
        seen.add(key)
        try:
            with os.scandir(directory) as entries:
                children = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            yield IngestError(safe_name(str(directory)), f"directory could not be listed ({exc.strerror})")
            return
        hidden = [e for e in children if e.name.startswith(".")]
        if hidden:
            names = ", ".join(safe_name(e.name) for e in hidden[:5]) + (", …" if len(hidden) > 5 else "")
            yield IngestSkip(safe_name(str(directory)), f"hidden entries not read: {names}")
        for entry in children:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            name = safe_name(entry.path)
            try:
                is_link = entry.is_symlink()
                if is_link and not follow_links:
                    yield IngestSkip(name, "symbolic link not followed (use --follow-links to read links)")
                    continue
                mode = os.stat(entry.path).st_mode  # follows the link when following is allowed
            except FileNotFoundError:
                what = "broken symbolic link" if entry.is_symlink() else "vanished before it could be read"
                yield IngestError(name, what)
                continue
            except OSError as exc:
                yield IngestError(name, f"could not be examined ({exc.strerror})")
                continue
            if stat.S_ISDIR(mode):
                yield from visit(path)
            elif not stat.S_ISREG(mode):
                yield IngestSkip(name, "not a regular file (device, pipe or socket)")
            elif _is_not_article(entry.name):
                yield IngestSkip(name, "a corpus's own file (readme, licence, changelog), not a report")
            else:
                yield Source(name, path)

    yield from visit(root)


def iter_sources(paths: Iterable[str | Path], *, follow_links: bool = False) -> Iterator[Source | IngestError]:
    """Expand the given paths into sources, in a stable (sorted) order.

    A path named on the command line is read even when it is a link (the
    user chose it); links met while walking a folder are followed only with
    ``follow_links``, and a directory is never read twice (loops).
    """
    load_readers()  # once per run: a reader plugin installed since start-up is seen
    for raw in paths:
        name = safe_name(str(raw))
        if name == "-":
            yield Source("-", None)
            continue
        path = Path(raw)
        try:
            if path.is_dir():
                yield from _walk(path, follow_links)
            elif path.is_file():
                yield Source(name, path)
            elif path.exists():
                yield IngestError(name, "not a regular file or directory")
            elif path.is_symlink():
                yield IngestError(name, "broken symbolic link")
            else:
                yield IngestError(name, "no such file or directory")
        except OSError as exc:
            yield IngestError(name, f"could not be examined ({exc.strerror or exc})")


def _bounded(item: ReadItem, limits: ReadLimits) -> ReadItem:
    """Rejections are short, whatever the reader or library put in them."""
    if isinstance(item, IngestError) and (len(item.reason) > limits.max_reason or len(item.source) > 1000):
        kind = type(item)
        return kind(clamp(safe_name(item.source), 1000), clamp(item.reason, limits.max_reason), hint=item.hint)
    return item


def read_source(
    source: Source,
    *,
    defaults: Defaults | None = None,
    max_bytes: int | None = None,
    fmt: str | None = None,
    limits: ReadLimits | None = None,
) -> Iterator[ReadItem]:
    """Yield the articles of one source, or IngestErrors naming what was wrong.

    ``fmt`` forces a reader by name (needed for stdin, which has no file name
    to go by, when sniffing cannot tell).  ``max_bytes`` is kept for callers
    that predate ``limits`` and overrides ``limits.max_bytes``.
    """
    limits = limits or (defaults.limits if defaults else DEFAULT_LIMITS)
    if max_bytes is not None:
        limits = dataclasses.replace(limits, max_bytes=max_bytes)
    defaults = dataclasses.replace(defaults or Defaults(origin=source.name), origin=source.name, limits=limits)
    rejected = 0
    for item in _read_source(source, defaults, fmt):
        if isinstance(item, IngestError) and not isinstance(item, IngestSkip):
            rejected += 1
            if rejected > limits.max_rejections:
                yield IngestError(
                    source.name,
                    f"more than {limits.max_rejections:,} rejected items; the rest of the file was not read",
                )
                return
        yield _bounded(item, limits)


def _read_source(source: Source, defaults: Defaults, fmt: str | None) -> Iterator[ReadItem]:
    yielded = 0
    try:
        data = _read_bytes(source, defaults.limits.max_bytes)
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
        for item in reader.read(data, defaults):
            yielded += 1
            yield item
    except IngestError as exc:
        yield exc
    except RecursionError:
        yield IngestError(source.name, "input nested too deeply to read safely")
    except FileNotFoundError:
        yield IngestError(source.name, "vanished before it could be read")
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - a library choking on hostile input costs this file, not the batch
        err = item_failed(source.name, exc)
        if yielded:
            err = IngestError(source.name, f"reading stopped after {yielded} items: {err.reason}")
        yield err


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
        with source.path.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # the file may have grown since it was measured
    if len(data) > max_bytes:
        raise IngestError(source.name, f"too large: over the limit of {max_bytes:,} bytes")
    return data


def read_all(
    paths: Iterable[str | Path],
    *,
    defaults: Defaults | None = None,
    max_bytes: int | None = None,
    fmt: str | None = None,
    limits: ReadLimits | None = None,
    follow_links: bool = False,
) -> Iterator[ReadItem]:
    """Every article (or error, or skip) of every given path, in order."""
    for source in iter_sources(paths, follow_links=follow_links):
        if isinstance(source, IngestError):
            yield source
            continue
        yield from read_source(source, defaults=defaults, max_bytes=max_bytes, fmt=fmt, limits=limits)
