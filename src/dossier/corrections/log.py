"""The append-only correction log: writing entries, reading them, and who is writing.

An entry records one change of one field of one target: ``action`` (edit, reject, confirm, merge,
split, delete, note, tag, update, undo), ``target_type`` and ``target_id`` as the listings print them,
``target_key`` for extraction records (see :mod:`dossier.corrections.keys`), the old and new values as
JSON, the user and the time.  Entries are never changed; an undo is an entry whose ``undoes`` names
the entry it reverts, which is how "is this correction still in force?" is answered.
"""

from __future__ import annotations

import getpass
import os
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from dossier.store import schema as t

USER_ENV = "DOSSIER_USER"


def current_user(explicit: str | None = None) -> str:
    """Who makes the correction: ``--user``, else ``$DOSSIER_USER``, else the OS user."""
    for candidate in (explicit, os.environ.get(USER_ENV)):
        if candidate and candidate.strip():
            return candidate.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers): still say something true
        return "unknown"


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def record(
    conn: Connection,
    *,
    user: str,
    action: str,
    target_type: str,
    target_id: int | None = None,
    target_key: str | None = None,
    article_id: int | None = None,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
    note: str | None = None,
    undoes: int | None = None,
) -> dict[str, Any]:
    """Append one entry and return it as the log lists it."""
    values = {
        "at": now_iso(),
        "user": user,
        "action": action,
        "target_type": target_type,
        "target_id": target_id,
        "target_key": target_key,
        "article_id": article_id,
        "field": field,
        "old_value": old,
        "new_value": new,
        "note": note,
        "undoes": undoes,
    }
    entry_id = conn.execute(insert(t.corrections).values(**values)).inserted_primary_key[0]
    # Whatever a person changed about an article (its events, quotes, times, date), the
    # contradictions kept for its story are recomputed when next read.
    from dossier.store.contradiction_cache import invalidate_article

    invalidate_article(conn, article_id)
    return _entry({"id": entry_id, **values}, undone_by=None)


def undone_ids(conn: Connection) -> dict[int, int]:
    """``{entry: the undo entry that reverted it}`` for every reverted entry."""
    c = t.corrections.c
    return {r.undoes: r.id for r in conn.execute(select(c.id, c.undoes).where(c.undoes.is_not(None)))}


def get_entry(conn: Connection, entry_id: int) -> dict[str, Any] | None:
    row = conn.execute(select(t.corrections).where(t.corrections.c.id == entry_id)).first()
    if row is None:
        return None
    undone = conn.execute(select(t.corrections.c.id).where(t.corrections.c.undoes == entry_id)).scalar()
    return _entry(row._asdict(), undone_by=undone)


def _entry(row: dict[str, Any], *, undone_by: int | None) -> dict[str, Any]:
    return {
        "entry": row["id"],
        "at": row["at"],
        "user": row["user"],
        "action": row["action"],
        "target_type": row["target_type"],
        "target_id": row["target_id"],
        "target_key": row["target_key"],
        "article_id": row["article_id"],
        "field": row["field"],
        "old": row["old_value"],
        "new": row["new_value"],
        "note": row["note"],
        "undoes": row["undoes"],
        "undone_by": undone_by,
    }


def list_log(
    conn: Connection,
    *,
    limit: int | None = 100,
    target_type: str | None = None,
    target_id: int | None = None,
    user: str | None = None,
) -> list[dict[str, Any]]:
    """Log entries, newest first, each saying whether (and by which entry) it was undone."""
    c = t.corrections.c
    q = select(t.corrections).order_by(c.id.desc())
    if target_type:
        q = q.where(c.target_type == target_type)
    if target_id is not None:
        q = q.where(c.target_id == target_id)
    if user:
        q = q.where(c.user == user)
    if limit is not None:
        q = q.limit(limit)
    rows = [r._asdict() for r in conn.execute(q)]
    ids = [r["id"] for r in rows]
    undone: dict[int, int] = {}
    if ids:
        undone = {r.undoes: r.id for r in conn.execute(select(c.id, c.undoes).where(c.undoes.in_(ids)))}
    return [_entry(r, undone_by=undone.get(r["id"])) for r in rows]


def mark(corrected: dict[str, Any] | None, field: str, *, machine: Any, user: str, entry: int) -> dict[str, Any]:
    """The ``corrected`` column after a person set ``field``: the machine's value is kept once, first."""
    out = dict(corrected or {})
    earlier = out.get(field)
    out[field] = {"machine": earlier["machine"] if earlier else machine, "by": user, "entry": entry}
    return out
