"""Notes and tags on articles, entities, events, quotes and stories.

Each is also a log entry (so ``dossier log`` shows it and ``dossier undo`` removes it).  Notes and tags
on events and quotes carry the record's key, so they follow it through re-analysis.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, insert, select

from dossier.corrections import log
from dossier.corrections.keys import TABLES, record_key
from dossier.errors import NotFound, UsageError
from dossier.store import schema as t

TARGETS: dict[str, Any] = {
    "article": t.articles,
    "entity": t.entities,
    "event": t.events,
    "quote": t.quotes,
    "story": t.stories,
}
_TAG = re.compile(r"^[\w][\w.:/-]{0,63}$")


def _target(conn: Connection, target_type: str, target_id: int) -> Any:
    if target_type not in TARGETS:
        raise UsageError(f"cannot annotate a {target_type!r}", hint=f"choose one of: {', '.join(TARGETS)}")
    table = TARGETS[target_type]
    row = conn.execute(select(table).where(table.c.id == target_id)).first()
    if row is None:
        raise NotFound(f"no {target_type} with id {target_id}")
    return row


def _annotate(conn: Connection, kind: str, target_type: str, target_id: int, text: str, *, user: str) -> dict[str, Any]:
    row = _target(conn, target_type, target_id)
    key = record_key(target_type, row) if target_type in TABLES else None
    article_id = (
        getattr(row, "article_id", None) if target_type in TABLES else (target_id if target_type == "article" else None)
    )
    entry = log.record(
        conn,
        user=user,
        action=kind,
        target_type=target_type,
        target_id=target_id,
        target_key=key,
        article_id=article_id,
        field=kind,
        new=text,
    )
    conn.execute(
        insert(t.annotations).values(
            target_type=target_type,
            target_id=target_id,
            target_key=key,
            kind=kind,
            text=text,
            user=user,
            at=entry["at"],
            correction_id=entry["entry"],
        )
    )
    return entry


def note(conn: Connection, target_type: str, target_id: int, text: str, *, user: str) -> dict[str, Any]:
    """Attach a free-text note."""
    text = text.strip()
    if not text:
        raise UsageError("a note needs some text")
    if len(text) > 10_000:
        raise UsageError("a note is limited to 10,000 characters")
    return _annotate(conn, "note", target_type, target_id, text, user=user)


def tag(conn: Connection, target_type: str, target_id: int, label: str, *, user: str) -> dict[str, Any]:
    """Attach a tag (a short label: letters, digits, ``_ . : / -``)."""
    label = label.strip()
    if not _TAG.match(label):
        raise UsageError(f"invalid tag {label!r}", hint="up to 64 letters, digits or _ . : / - , no spaces")
    a = t.annotations.c
    dup = conn.execute(
        select(a.id).where(a.target_type == target_type, a.target_id == target_id, a.kind == "tag", a.text == label)
    ).first()
    if dup:
        raise UsageError(f"{target_type} {target_id} is already tagged {label!r}")
    return _annotate(conn, "tag", target_type, target_id, label, user=user)


def annotations_for(conn: Connection, target_type: str, ids: Sequence[int]) -> dict[int, dict[str, list[Any]]]:
    """``{id: {"notes": [{text, by, at, entry}], "tags": [label]}}`` for the given records."""
    out: dict[int, dict[str, list[Any]]] = defaultdict(lambda: {"notes": [], "tags": []})
    if not ids:
        return {}
    a = t.annotations.c
    rows = conn.execute(
        select(t.annotations).where(a.target_type == target_type, a.target_id.in_(list(ids))).order_by(a.id)
    )
    for r in rows:
        if r.kind == "tag":
            out[r.target_id]["tags"].append(r.text)
        else:
            out[r.target_id]["notes"].append({"text": r.text, "by": r.user, "at": r.at, "entry": r.correction_id})
    return dict(out)
