"""Undo: revert one log entry by appending an entry that says so.

Entries are undone newest first where they touch the same thing: undoing an edit while a later edit of
the same field is still in force would silently throw the later one away, so that is refused with the
entry to undo first.  An undo cannot itself be undone (make the correction again instead).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, or_, select, update

from dossier.corrections import log
from dossier.corrections.keys import TABLES, record_key
from dossier.errors import NotFound, UsageError
from dossier.store import schema as t


def undo(conn: Connection, entry_id: int, *, user: str) -> dict[str, Any]:
    """Revert entry ``entry_id``; returns the undo entry."""
    entry = log.get_entry(conn, entry_id)
    if entry is None:
        raise NotFound(f"no log entry {entry_id}", hint="list entries with `dossier log`")
    if entry["action"] == "undo":
        raise UsageError(f"entry {entry_id} is itself an undo", hint="make the correction again instead")
    if entry["undone_by"] is not None:
        raise UsageError(f"entry {entry_id} was already undone by entry {entry['undone_by']}")
    later = _later_conflict(conn, entry)
    if later is not None:
        raise UsageError(
            f"entry {later} changed the same {entry['target_type']} after entry {entry_id}: undo entry {later} first",
            hint="entries that touch the same thing are undone newest first (see `dossier log`)",
        )
    _revert(conn, entry, user=user)
    return log.record(
        conn,
        user=user,
        action="undo",
        target_type=entry["target_type"],
        target_id=entry["target_id"],
        target_key=entry["target_key"],
        article_id=entry["article_id"],
        field=entry["field"],
        old=entry["new"],
        new=entry["old"],
        undoes=entry_id,
    )


def _later_conflict(conn: Connection, entry: dict[str, Any]) -> int | None:
    c = t.corrections.c
    undone = select(c.undoes).where(c.undoes.is_not(None))
    q = select(c.id).where(
        c.id > entry["entry"], c.action != "undo", c.id.not_in(undone), c.target_type == entry["target_type"]
    )
    if entry["target_key"]:
        q = q.where(c.target_key == entry["target_key"])
    else:
        q = q.where(c.target_id == entry["target_id"])
    if entry["action"] in ("note", "tag"):
        return None  # annotations are independent of each other
    if entry["action"] not in ("merge", "split", "delete"):
        q = q.where(or_(c.field == entry["field"], c.action.in_(("merge", "split", "delete"))))
    return conn.execute(q.order_by(c.id.desc()).limit(1)).scalar()


def _revert(conn: Connection, entry: dict[str, Any], *, user: str) -> None:
    from dossier.corrections import articles, entities

    action, target_type = entry["action"], entry["target_type"]
    if action in ("note", "tag"):
        conn.execute(delete(t.annotations).where(t.annotations.c.correction_id == entry["entry"]))
    elif action == "delete":
        articles.undelete(conn, entry)
    elif action == "merge":
        entities.unmerge(conn, entry)
    elif action == "split":
        entities.unsplit(conn, entry)
    elif target_type == "entity":
        entities.unedit(conn, entry)
    elif target_type == "article":
        row = articles.get_article(conn, entry["target_id"])
        corrected = {k: v for k, v in (row.corrected or {}).items() if k != entry["field"]}
        earlier = entities._earlier_mark(conn, entry)
        if earlier is not None:
            corrected[entry["field"]] = earlier
        articles.set_metadata(conn, row.id, {entry["field"]: entry["old"]}, corrected=corrected or None)
    elif target_type in TABLES:
        _revert_extraction(conn, entry, user=user)
    else:  # pragma: no cover - every action written by this package is handled above
        raise UsageError(f"entry {entry['entry']} ({action} {target_type}) cannot be undone")


def _revert_extraction(conn: Connection, entry: dict[str, Any], *, user: str) -> None:
    from dossier.corrections import entities, extractions

    target_type = entry["target_type"]
    table = TABLES[target_type]
    row = _current(conn, target_type, entry)
    if entry["field"] == "review":
        extractions.set_review(conn, target_type, row, entry["old"], user=user, entry=entry["entry"])
        return
    field = entry["field"]
    corrected = {k: v for k, v in (row.corrected or {}).items() if k != field}
    earlier = entities._earlier_mark(conn, entry)
    if earlier is not None:
        corrected[field] = earlier
    values: dict[str, Any] = {field: entry["old"], "corrected": corrected or None}
    if target_type == "quote" and field == "speaker":
        values["speaker_entity_id"] = extractions.speaker_entity(conn, entry["old"])
        conn.execute(update(t.events).where(t.events.c.quote_id == row.id).values(attributed_to=entry["old"]))
    if target_type == "event":
        values = extractions.with_order(values)
    conn.execute(update(table).where(table.c.id == row.id).values(**values))
    if target_type == "event":
        extractions.uncluster(conn, [row.id])
        extractions.recluster(conn, row.article_id)


def _current(conn: Connection, target_type: str, entry: dict[str, Any]) -> Any:
    """The record an entry is about now: by id if it still has its key, else by key (after re-analysis)."""
    table = TABLES[target_type]
    row = conn.execute(select(table).where(table.c.id == entry["target_id"])).first()
    if row is not None and record_key(target_type, row) == entry["target_key"]:
        return row
    for candidate in conn.execute(select(table).where(table.c.article_id == entry["article_id"])):
        if record_key(target_type, candidate) == entry["target_key"]:
            return candidate
    raise NotFound(
        f"the {target_type} of entry {entry['entry']} is no longer in the store",
        hint="its article was revised or deleted since; nothing to undo",
    )
