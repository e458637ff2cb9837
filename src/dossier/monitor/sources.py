"""Watched sources: adding, listing, removing, and recording each poll's outcome (the source's health).

A source is a URL (an RSS/Atom feed, a single page, a sitemap; ``auto``
decides on the first fetch by looking at what comes back) or a local file or
folder (``path``: for example where Telegram Desktop exports are dropped).
Health is kept on the row: last attempt, last success, last error, the
number of consecutive failed polls, items seen and items new.  A source with
:data:`FAILING_AFTER` consecutive failures is *failing*: ``sources list``
and every watch round say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from dossier.errors import NotFound, UsageError
from dossier.monitor.schedule import format_interval, next_due
from dossier.store import schema as t
from dossier.store.write import now_iso

KINDS = ("auto", "feed", "page", "sitemap", "path")
DEFAULT_EVERY_S = 15 * 60
FAILING_AFTER = 3


@dataclass(frozen=True, slots=True)
class WatchedSource:
    """One row of ``sources``, as the watch round reads it."""

    id: int
    url: str
    kind: str
    name: str | None
    outlet: str | None
    language: str | None
    every_s: int
    last_attempt: str | None
    failures: int

    @property
    def is_path(self) -> bool:
        return self.kind == "path"

    @property
    def label(self) -> str:
        return self.name or self.url


def normalise_location(location: str) -> tuple[str, str]:
    """``(url_or_absolute_path, kind)`` for what a user typed; http(s) URLs and existing paths only."""
    location = location.strip()
    parts = urlsplit(location)
    if parts.scheme in ("http", "https"):
        if not parts.netloc:
            raise UsageError(f"invalid URL {location!r}: no host")
        return location, "auto"
    if parts.scheme and len(parts.scheme) > 1:
        raise UsageError(f"unsupported URL scheme {parts.scheme!r} in {location!r}", hint="use http(s) or a path")
    path = Path(location).expanduser()
    if not path.exists():
        raise UsageError(f"no such file or folder: {location}", hint="give an http(s) URL or an existing path")
    return str(path.resolve()), "path"


def add_source(
    conn: Connection,
    location: str,
    *,
    kind: str | None = None,
    name: str | None = None,
    outlet: str | None = None,
    language: str | None = None,
    every_s: int = DEFAULT_EVERY_S,
) -> dict[str, Any]:
    """Add a source and return its record; a location already watched is a usage error."""
    url, detected = normalise_location(location)
    if kind is not None and kind not in KINDS:
        raise UsageError(f"unknown source kind {kind!r}", hint=f"kinds: {', '.join(KINDS)}")
    if kind is not None and (kind == "path") != (detected == "path"):
        raise UsageError(f"kind {kind!r} does not fit {location!r}", hint="paths are 'path'; URLs feed/page/sitemap")
    try:
        source_id = conn.execute(
            insert(t.sources).values(
                url=url,
                kind=kind or detected,
                name=name,
                outlet=outlet,
                language=language,
                every_s=every_s,
                added_at=now_iso(),
            )
        ).inserted_primary_key[0]
    except IntegrityError:
        raise UsageError(f"already watched: {url}", hint="see `dossier sources list`") from None
    return get_source(conn, str(source_id))


def _health(row: Any) -> str:
    if row.last_attempt is None:
        return "new"
    if row.failures >= FAILING_AFTER:
        return "failing"
    if row.failures:
        return "error"
    return "ok"


def source_record(row: Any) -> dict[str, Any]:
    """The documented record of a source (``sources list --json``)."""
    due = next_due(row.last_attempt, row.every_s, row.failures)
    return {
        "id": row.id,
        "url": row.url,
        "kind": row.kind,
        "name": row.name,
        "outlet": row.outlet,
        "language": row.language,
        "every": format_interval(row.every_s),
        "health": _health(row),
        "last_attempt": row.last_attempt,
        "last_success": row.last_success,
        "last_error": row.last_error,
        "failures": row.failures,
        "items_seen": row.items_seen,
        "items_new": row.items_new,
        "last_new": row.last_new,
        "next_due": due.replace(microsecond=0).isoformat() if due else None,
    }


def list_sources(conn: Connection, *, failing: bool = False) -> list[dict[str, Any]]:
    q = select(t.sources).order_by(t.sources.c.id)
    if failing:
        q = q.where(t.sources.c.failures >= FAILING_AFTER)
    return [source_record(r) for r in conn.execute(q)]


def _find(conn: Connection, ref: str) -> Any:
    c = t.sources.c
    row = None
    if ref.isdigit():
        row = conn.execute(select(t.sources).where(c.id == int(ref))).first()
    if row is None:
        row = conn.execute(select(t.sources).where((c.url == ref) | (c.name == ref))).first()
    if row is None and "://" not in ref and Path(ref).exists():
        row = conn.execute(select(t.sources).where(c.url == str(Path(ref).resolve()))).first()
    if row is None:
        raise NotFound(f"no source {ref!r}", hint="give an id, URL or name from `dossier sources list`")
    return row


def get_source(conn: Connection, ref: str) -> dict[str, Any]:
    return source_record(_find(conn, ref))


def remove_source(conn: Connection, ref: str) -> dict[str, Any]:
    row = _find(conn, ref)
    conn.execute(delete(t.sources).where(t.sources.c.id == row.id))
    return source_record(row)


def watched(row: Any) -> WatchedSource:
    return WatchedSource(
        id=row.id,
        url=row.url,
        kind=row.kind,
        name=row.name,
        outlet=row.outlet,
        language=row.language,
        every_s=row.every_s,
        last_attempt=row.last_attempt,
        failures=row.failures,
    )


def all_sources(conn: Connection) -> list[WatchedSource]:
    return [watched(r) for r in conn.execute(select(t.sources).order_by(t.sources.c.id))]


def record_poll(
    conn: Connection,
    source_id: int,
    *,
    attempted_at: str,
    error: str | None,
    seen: int = 0,
    new: int = 0,
    kind: str | None = None,
) -> None:
    """Write one poll's outcome into the source's health counters."""
    c = t.sources.c
    values: dict[str, Any] = {
        "last_attempt": attempted_at,
        "items_seen": c.items_seen + seen,
        "items_new": c.items_new + new,
        "last_new": new,
    }
    if error is None:
        values.update(last_success=attempted_at, last_error=None, failures=0)
    else:
        values.update(last_error=error[:2000], failures=c.failures + 1)
    if kind is not None:
        values["kind"] = kind
    conn.execute(update(t.sources).where(c.id == source_id).values(**values))
