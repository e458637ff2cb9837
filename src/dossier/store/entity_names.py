"""Folded names and aliases of entities, indexed: a by-name look-up reads only the rows it finds.

Why: ``dossier entity NAME``, ``dossier timeline NAME`` and every filter by subject resolve a
name to entity ids. Matching the name against ``entities.name`` and the JSON ``aliases`` read
the whole entities table on every such read (nothing indexes a case-insensitive match inside a
JSON list), so the look-up cost what the store holds. ``entity_names`` holds one row per
distinct case-folded name or alias of each entity, keyed by the folded text, and every write
that changes an entity's name or aliases (the linker, merge, split, edit and their undos)
calls :func:`refresh` for the entities it touched.

The folded text is cut to :data:`LENGTH` characters (a btree key has a size limit on
PostgreSQL); readers compare the full name against the entity row, so the cut only widens
the candidates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, bindparam, delete, select

from dossier.store import schema as t
from dossier.store.sqlutil import chunks, insert_rows

#: Characters of a folded name kept in the index.
LENGTH = 200


def fold(name: str) -> str:
    """The indexed form of a name: case-folded (``"STRASSE"`` and ``"straße"`` meet), cut short."""
    return name.casefold()[:LENGTH]


def rows_for(entity_id: int, name: str, aliases: Iterable[Any] | None) -> list[dict[str, Any]]:
    """The ``entity_names`` rows of one entity: its folded name and aliases, once each."""
    folded = {fold(name), *(fold(str(a)) for a in (aliases or []))}
    return [{"name": f, "entity_id": entity_id} for f in sorted(folded)]


_DELETE = delete(t.entity_names).where(t.entity_names.c.entity_id.in_(bindparam("ids", expanding=True)))
_NAMES = select(t.entities.c.id, t.entities.c.name, t.entities.c.aliases).where(
    t.entities.c.id.in_(bindparam("ids", expanding=True))
)


def refresh(
    conn: Connection, entity_ids: Iterable[int], known: Mapping[int, tuple[str, Iterable[Any] | None]] | None = None
) -> None:
    """Rewrite the rows of ``entity_ids`` from their entity rows (a deleted entity loses them).

    ``known``: the name and aliases of some of these entities as the caller has just written
    them (the linker, for the entities it created or renamed), so that their rows are not read
    back; the others are read.
    """
    known = known or {}
    for chunk in chunks(sorted(set(entity_ids))):
        conn.execute(_DELETE, {"ids": list(chunk)})
        rows: list[dict[str, Any]] = []
        for eid in chunk:
            if eid in known:
                rows.extend(rows_for(eid, *known[eid]))
        unknown = [eid for eid in chunk if eid not in known]
        if unknown:
            for r in conn.execute(_NAMES, {"ids": unknown}):
                rows.extend(rows_for(r.id, r.name, r.aliases))
        if rows:
            insert_rows(conn, t.entity_names, rows)


def rebuild(conn: Connection, batch: int = 5000) -> int:
    """Fill ``entity_names`` from every entity (the migration's back-fill); returns rows written."""
    conn.execute(delete(t.entity_names))
    written = 0
    result = conn.execute(select(t.entities.c.id, t.entities.c.name, t.entities.c.aliases).order_by(t.entities.c.id))
    while chunk := result.fetchmany(batch):
        rows = [row for r in chunk for row in rows_for(r.id, r.name, r.aliases)]
        if rows:
            insert_rows(conn, t.entity_names, rows)
            written += len(rows)
    return written
