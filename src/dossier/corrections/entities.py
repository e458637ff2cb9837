"""Entity corrections: merge, split, and edit (name, kind, aliases, Wikidata id).

The store links a new mention to an entity through *keys* (``dossier.resolve.entities.entity_keys``).
That is what makes these corrections stick without replay: merging moves the merged entity's keys to
the survivor, so later mentions under any of its names link to the survivor; a new kind or alias adds
the keys that kind or alias produces.  A split is the exception (the alias's keys may be shared with
the name it is split from), so it is also replayed by mention text after re-analysis.

Each entry's ``old`` value holds what undo needs to put things back (the merged entity's row, keys and
the mentions it owned).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from dossier.corrections import log
from dossier.errors import NotFound, UsageError
from dossier.model import Entity
from dossier.store import entity_counts, entity_names
from dossier.store import schema as t
from dossier.store.knowledge import KINDS

_QID = re.compile(r"^Q[1-9]\d*$")


def resolve_entity(conn: Connection, ref: str | int) -> Any:
    """The entity row an id or a name/alias refers to; an ambiguous name is an error that lists the ids."""
    text = str(ref).strip()
    if text.isdigit():
        row = conn.execute(select(t.entities).where(t.entities.c.id == int(text))).first()
        if row is None:
            raise NotFound(f"no entity with id {text}", hint="list entities with `dossier entities`")
        return row
    from dossier.store.knowledge import find_entity_ids

    ids = find_entity_ids(conn, text)
    if not ids:
        raise NotFound(f"no entity called {text!r}", hint="list entities with `dossier entities`")
    rows = conn.execute(select(t.entities).where(t.entities.c.id.in_(ids)).order_by(t.entities.c.id)).all()
    if len(rows) > 1:
        listed = "; ".join(f"{r.id} {r.name} ({r.kind})" for r in rows[:8])
        raise UsageError(f"{text!r} names several entities: {listed}", hint="give the entity's id instead")
    return rows[0]


def _keys_of(name: str, kind: str) -> list[str]:
    from dossier.resolve.entities import entity_keys

    return entity_keys(Entity(name=name, kind=kind))


def _weak(key: str) -> bool:
    from dossier.resolve.entities import WEAK_PREFIXES

    return key.startswith(WEAK_PREFIXES)


def _keys_owned(conn: Connection, entity_id: int) -> list[str]:
    k = t.entity_keys.c
    return sorted(r.key for r in conn.execute(select(k.key).where(k.entity_id == entity_id)))


def _add_keys(conn: Connection, entity_id: int, keys: Sequence[str]) -> list[str]:
    """Give ``entity_id`` the keys it lacks; a strong key another entity owns is left to it. Returns those added."""
    k = t.entity_keys.c
    added = []
    for key in dict.fromkeys(keys):
        owners = {r.entity_id for r in conn.execute(select(k.entity_id).where(k.key == key))}
        if entity_id in owners or (owners and not _weak(key)):
            continue
        conn.execute(insert(t.entity_keys).values(key=key, entity_id=entity_id))
        added.append(key)
    return added


def _snapshot(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "kind": row.kind,
        "wikidata": row.wikidata,
        "aliases": list(row.aliases or []),
        "attrs": row.attrs,
        "corrected": row.corrected,
    }


# -- merge -----------------------------------------------------------------------------------------


def merge_entities(conn: Connection, refs: Sequence[str | int], *, user: str) -> list[dict[str, Any]]:
    """Merge the second and later entities into the first; returns one log entry per merged entity."""
    if len(refs) < 2:
        raise UsageError("merge needs at least two entities", hint="dossier merge KEEP OTHER [OTHER...]")
    keep = resolve_entity(conn, refs[0])
    entries = []
    for ref in refs[1:]:
        other = resolve_entity(conn, ref)
        if other.id == keep.id:
            raise UsageError(f"{ref!r} is entity {keep.id} itself")
        entries.append(_merge_one(conn, keep.id, other, user=user))
    return entries


def _merge_one(conn: Connection, keep_id: int, other: Any, *, user: str) -> dict[str, Any]:
    keep = conn.execute(select(t.entities).where(t.entities.c.id == keep_id)).one()
    m, ee, q, k = t.mentions.c, t.event_entities.c, t.quotes.c, t.entity_keys.c
    mention_ids = [r.id for r in conn.execute(select(m.id).where(m.entity_id == other.id))]
    links = [(r.event_id, r.role) for r in conn.execute(select(ee.event_id, ee.role).where(ee.entity_id == other.id))]
    quote_ids = [r.id for r in conn.execute(select(q.id).where(q.speaker_entity_id == other.id))]
    other_keys = _keys_owned(conn, other.id)
    old = {
        "merged": _snapshot(other),
        "keys": other_keys,
        "mentions": mention_ids,
        "event_links": [list(x) for x in links],
        "quotes": quote_ids,
        "kept": _snapshot(keep),
        "kept_keys": _keys_owned(conn, keep_id),
    }
    entry = log.record(
        conn,
        user=user,
        action="merge",
        target_type="entity",
        target_id=keep_id,
        field="entity",
        old=old,
        new={"into": keep_id, "name": keep.name},
    )
    conn.execute(update(t.mentions).where(m.entity_id == other.id).values(entity_id=keep_id))
    conn.execute(update(t.quotes).where(q.speaker_entity_id == other.id).values(speaker_entity_id=keep_id))
    have = {(r.event_id, r.role) for r in conn.execute(select(ee.event_id, ee.role).where(ee.entity_id == keep_id))}
    new_links = [{"event_id": e, "entity_id": keep_id, "role": r} for e, r in links if (e, r) not in have]
    conn.execute(delete(t.event_entities).where(ee.entity_id == other.id))
    if new_links:
        conn.execute(insert(t.event_entities), new_links)
    conn.execute(delete(t.entity_keys).where(k.entity_id == other.id))
    _add_keys(conn, keep_id, other_keys)
    aliases = sorted(set(keep.aliases or []) | set(other.aliases or []) | {other.name, keep.name})
    corrected = dict(keep.corrected or {})
    corrected["merged"] = [
        *corrected.get("merged", []),
        {"id": other.id, "name": other.name, "by": user, "entry": entry["entry"]},
    ]
    conn.execute(
        update(t.entities)
        .where(t.entities.c.id == keep_id)
        .values(aliases=aliases, wikidata=keep.wikidata or other.wikidata, corrected=corrected)
    )
    conn.execute(delete(t.entities).where(t.entities.c.id == other.id))
    entity_counts.recount(conn, [keep_id])  # articles naming both count once
    entity_names.refresh(conn, [keep_id, other.id])
    return entry


def unmerge(conn: Connection, entry: dict[str, Any]) -> None:
    """Undo a merge: the merged entity comes back with its id, keys, mentions, event roles and quotes."""
    old = entry["old"]
    other, keep_id = old["merged"], entry["target_id"]
    taken = conn.execute(select(t.entities.c.id).where(t.entities.c.id == other["id"])).first()
    values = {k: other[k] for k in ("name", "kind", "wikidata", "aliases", "attrs", "corrected")}
    if taken is None:
        conn.execute(insert(t.entities).values(id=other["id"], **values))
        other_id = other["id"]
        _bump_sequence(conn)
    else:
        other_id = conn.execute(insert(t.entities).values(**values)).inserted_primary_key[0]
    m, q, k = t.mentions.c, t.quotes.c, t.entity_keys.c
    if old["mentions"]:
        conn.execute(
            update(t.mentions).where(m.id.in_(old["mentions"]), m.entity_id == keep_id).values(entity_id=other_id)
        )
    if old["quotes"]:
        conn.execute(update(t.quotes).where(q.id.in_(old["quotes"])).values(speaker_entity_id=other_id))
    for event_id, role in old["event_links"]:
        exists = conn.execute(select(t.events.c.id).where(t.events.c.id == event_id)).first()
        if exists:
            _link(conn, event_id, other_id, role)
    _move_by_name(conn, keep_id, other_id, other, old["kept"])
    kept_keys = set(old["kept_keys"])
    moved = [key for key in old["keys"] if key not in kept_keys]
    if moved:
        conn.execute(delete(t.entity_keys).where(k.key.in_(moved), k.entity_id == keep_id))
    _add_keys(conn, other_id, old["keys"])
    kept = old["kept"]
    row = conn.execute(select(t.entities).where(t.entities.c.id == keep_id)).first()
    if row is not None:
        corrected = dict(row.corrected or {})
        corrected["merged"] = [x for x in corrected.get("merged", []) if x.get("entry") != entry["entry"]]
        if not corrected["merged"]:
            corrected.pop("merged")
        conn.execute(
            update(t.entities)
            .where(t.entities.c.id == keep_id)
            .values(name=kept["name"], aliases=kept["aliases"], wikidata=kept["wikidata"], corrected=corrected or None)
        )
    entity_counts.recount(conn, [keep_id, other_id])
    entity_names.refresh(conn, [keep_id, other_id])


_ROLE_FIELDS = {"actor": "actors", "target": "targets", "equipment": "equipment"}


def _move_by_name(conn: Connection, keep_id: int, other_id: int, other: dict[str, Any], kept: dict[str, Any]) -> None:
    """Records written after the merge (re-analysis) under the merged entity's own names go back to it."""
    kept_names = {n.casefold() for n in [kept["name"], *kept["aliases"]]}
    names = {n.casefold() for n in [other["name"], *other["aliases"]]} - kept_names
    if not names:
        return
    m, ee = t.mentions.c, t.event_entities.c
    ids = [r.id for r in conn.execute(select(m.id, m.text).where(m.entity_id == keep_id)) if r.text.casefold() in names]
    if ids:
        conn.execute(update(t.mentions).where(m.id.in_(ids)).values(entity_id=other_id))
    rows = conn.execute(
        select(ee.event_id, ee.role, t.events.c.actors, t.events.c.targets, t.events.c.equipment, t.events.c.place)
        .join(t.events, t.events.c.id == ee.event_id)
        .where(ee.entity_id == keep_id)
    ).all()
    for r in rows:
        field = _ROLE_FIELDS.get(r.role)
        said = {str(x).casefold() for x in (getattr(r, field) or [])} if field else {str(r.place or "").casefold()}
        if said & names and not said & kept_names:
            conn.execute(
                delete(t.event_entities).where(ee.event_id == r.event_id, ee.role == r.role, ee.entity_id == keep_id)
            )
            _link(conn, r.event_id, other_id, r.role)


def _link(conn: Connection, event_id: int, entity_id: int, role: str) -> None:
    """Link an event to an entity in a role unless it already is (the pair is the primary key)."""
    ee = t.event_entities.c
    found = conn.execute(
        select(ee.event_id).where(ee.event_id == event_id, ee.entity_id == entity_id, ee.role == role)
    ).first()
    if found is None:
        conn.execute(insert(t.event_entities).values(event_id=event_id, entity_id=entity_id, role=role))


def _bump_sequence(conn: Connection) -> None:
    """After inserting an explicit id on PostgreSQL, move the id sequence past it."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy import text

        conn.execute(text("SELECT setval(pg_get_serial_sequence('entities', 'id'), (SELECT MAX(id) FROM entities))"))


# -- split -----------------------------------------------------------------------------------------


def split_entity(conn: Connection, ref: str | int, alias: str, *, user: str) -> dict[str, Any]:
    """Make one alias of an entity its own entity, with the mentions written under that alias."""
    row = resolve_entity(conn, ref)
    wanted = alias.strip().casefold()
    match = next((a for a in (row.aliases or []) if a.casefold() == wanted), None)
    if match is None or match.casefold() == row.name.casefold():
        if wanted == row.name.casefold():
            raise UsageError(
                f"{alias!r} is the name of entity {row.id}, not one of its aliases",
                hint="rename it first with `dossier edit entity ID --name NEW`, then split the old name",
            )
        listed = ", ".join(a for a in (row.aliases or []) if a != row.name) or "none"
        raise UsageError(f"entity {row.id} ({row.name}) has no alias {alias!r}", hint=f"its aliases: {listed}")
    m, k = t.mentions.c, t.entity_keys.c
    new_id = conn.execute(
        insert(t.entities).values(name=match, kind=row.kind, aliases=[match], corrected={"split_from": row.id})
    ).inserted_primary_key[0]
    mention_ids = [
        r.id for r in conn.execute(select(m.id, m.text).where(m.entity_id == row.id)) if r.text.casefold() == wanted
    ]
    if mention_ids:
        conn.execute(update(t.mentions).where(m.id.in_(mention_ids)).values(entity_id=new_id))
    alias_keys = _keys_of(match, row.kind)
    remaining = {
        key for n in [row.name, *(a for a in (row.aliases or []) if a != match)] for key in _keys_of(n, row.kind)
    }
    moved = [key for key in alias_keys if key not in remaining or _weak(key)]
    if moved:
        conn.execute(delete(t.entity_keys).where(k.key.in_(moved), k.entity_id == row.id))
    _add_keys(conn, new_id, alias_keys)
    entity_counts.recount(conn, [row.id, new_id])
    aliases = [a for a in (row.aliases or []) if a != match]
    entry = log.record(
        conn,
        user=user,
        action="split",
        target_type="entity",
        target_id=row.id,
        field="alias",
        old={"aliases": list(row.aliases or []), "keys_moved": moved, "mentions": mention_ids},
        new={"alias": match, "entity": new_id},
    )
    conn.execute(
        update(t.entities)
        .where(t.entities.c.id == row.id)
        .values(
            aliases=aliases,
            corrected=log.mark(
                row.corrected, "aliases", machine=list(row.aliases or []), user=user, entry=entry["entry"]
            ),
        )
    )
    entity_names.refresh(conn, [row.id, new_id])
    return entry


def unsplit(conn: Connection, entry: dict[str, Any]) -> None:
    """Undo a split: the alias's entity folds back into the one it was split from."""
    old, new = entry["old"], entry["new"]
    source_id, split_id = entry["target_id"], new["entity"]
    m, k, q, ee = t.mentions.c, t.entity_keys.c, t.quotes.c, t.event_entities.c
    conn.execute(update(t.mentions).where(m.entity_id == split_id).values(entity_id=source_id))
    conn.execute(update(t.quotes).where(q.speaker_entity_id == split_id).values(speaker_entity_id=source_id))
    have = {(r.event_id, r.role) for r in conn.execute(select(ee.event_id, ee.role).where(ee.entity_id == source_id))}
    links = [(r.event_id, r.role) for r in conn.execute(select(ee.event_id, ee.role).where(ee.entity_id == split_id))]
    conn.execute(delete(t.event_entities).where(ee.entity_id == split_id))
    extra = [{"event_id": e, "entity_id": source_id, "role": r} for e, r in links if (e, r) not in have]
    if extra:
        conn.execute(insert(t.event_entities), extra)
    keys = _keys_owned(conn, split_id)
    conn.execute(delete(t.entity_keys).where(k.entity_id == split_id))
    _add_keys(conn, source_id, [*old.get("keys_moved", []), *keys])
    conn.execute(delete(t.entities).where(t.entities.c.id == split_id))
    entity_counts.recount(conn, [source_id])
    row = conn.execute(select(t.entities).where(t.entities.c.id == source_id)).first()
    if row is not None:
        corrected = {k2: v for k2, v in (row.corrected or {}).items() if k2 != "aliases"}
        conn.execute(
            update(t.entities)
            .where(t.entities.c.id == source_id)
            .values(aliases=old["aliases"], corrected=corrected or None)
        )
    entity_names.refresh(conn, [source_id, split_id])


# -- edit ------------------------------------------------------------------------------------------


def edit_entity(
    conn: Connection,
    ref: str | int,
    *,
    user: str,
    name: str | None = None,
    kind: str | None = None,
    add_aliases: Sequence[str] = (),
    remove_aliases: Sequence[str] = (),
    wikidata: str | None = None,
) -> list[dict[str, Any]]:
    """Set an entity's name, kind, aliases or Wikidata id; the machine never overwrites them afterwards."""
    row = resolve_entity(conn, ref)
    entries: list[dict[str, Any]] = []
    if not (name or kind or add_aliases or remove_aliases or wikidata):
        raise UsageError("nothing to change", hint="give --name, --kind, --add-alias, --remove-alias or --wikidata")
    if kind is not None:
        kind = kind.strip().lower()
        if kind not in KINDS:
            raise UsageError(f"unknown entity kind {kind!r}", hint=f"kinds: {', '.join(KINDS)}")
    if wikidata is not None:
        wikidata = wikidata.strip().upper()
        if not _QID.match(wikidata):
            raise UsageError(f"invalid Wikidata id {wikidata!r}", hint="a Q-number such as Q184")
        k = t.entity_keys.c
        owner = conn.execute(select(k.entity_id).where(k.key == f"wd:{wikidata}", k.entity_id != row.id)).scalar()
        if owner is not None:
            raise UsageError(
                f"entity {owner} already has the Wikidata id {wikidata}",
                hint=f"if they are one entity, merge them: dossier merge {row.id} {owner}",
            )
    aliases = list(row.aliases or [])
    for alias in remove_aliases:
        if alias not in aliases:
            raise UsageError(f"entity {row.id} has no alias {alias!r}", hint=f"its aliases: {', '.join(aliases)}")
        if alias == (name or row.name):
            raise UsageError(f"{alias!r} is the entity's name; give it a new --name first")
    changes: list[tuple[str, Any, Any]] = []
    if name and name.strip() != row.name:
        changes.append(("name", row.name, name.strip()))
    if kind and kind != row.kind:
        changes.append(("kind", row.kind, kind))
    if wikidata and wikidata != row.wikidata:
        changes.append(("wikidata", row.wikidata, wikidata))
    new_aliases = [a for a in aliases if a not in set(remove_aliases)]
    for alias in add_aliases:
        if alias.strip() and alias.strip() not in new_aliases:
            new_aliases.append(alias.strip())
    if name and name.strip() not in new_aliases:
        new_aliases.append(name.strip())
    if sorted(new_aliases) != sorted(aliases):
        changes.append(("aliases", aliases, sorted(new_aliases)))
    if not changes:
        raise UsageError(f"entity {row.id} already has these values")
    corrected = row.corrected
    for field, old, new in changes:
        old_keys = _keys_owned(conn, row.id)
        entry = log.record(
            conn,
            user=user,
            action="edit",
            target_type="entity",
            target_id=row.id,
            field=field,
            old={"value": old, "keys": old_keys},
            new=new,
        )
        entries.append(entry)
        corrected = log.mark(corrected, field, machine=old, user=user, entry=entry["entry"])
        conn.execute(update(t.entities).where(t.entities.c.id == row.id).values(**{field: new}, corrected=corrected))
    _sync_keys(conn, row.id, removed=remove_aliases)
    entity_names.refresh(conn, [row.id])
    return entries


def _sync_keys(conn: Connection, entity_id: int, *, removed: Sequence[str] = ()) -> None:
    """Keys for every name and alias under the entity's kind (old-kind keys stay, so old mentions still link)."""
    row = conn.execute(select(t.entities).where(t.entities.c.id == entity_id)).one()
    names = [row.name, *(row.aliases or [])]
    wanted = [key for n in names for key in _keys_of(n, row.kind)]
    if row.wikidata:
        wanted.append(f"wd:{row.wikidata}")
    if removed:
        keep = set(wanted)
        gone = [key for alias in removed for kind in KINDS for key in _keys_of(alias, kind) if key not in keep]
        if gone:
            k = t.entity_keys.c
            conn.execute(delete(t.entity_keys).where(k.entity_id == entity_id, k.key.in_(gone)))
    _add_keys(conn, entity_id, wanted)


def unedit(conn: Connection, entry: dict[str, Any]) -> None:
    """Undo an entity edit: the old value and the old keys come back."""
    entity_id, field = entry["target_id"], entry["field"]
    row = conn.execute(select(t.entities).where(t.entities.c.id == entity_id)).first()
    if row is None:
        raise NotFound(f"entity {entity_id} no longer exists", hint="it was merged or deleted later; see `dossier log`")
    old = entry["old"]
    corrected = {k2: v for k2, v in (row.corrected or {}).items() if k2 != field}
    earlier = _earlier_mark(conn, entry)
    if earlier is not None:
        corrected[field] = earlier
    conn.execute(
        update(t.entities)
        .where(t.entities.c.id == entity_id)
        .values(**{field: old["value"]}, corrected=corrected or None)
    )
    k = t.entity_keys.c
    before = set(old.get("keys") or [])
    now = set(_keys_owned(conn, entity_id))
    extra = sorted(now - before)
    if extra:
        conn.execute(delete(t.entity_keys).where(k.entity_id == entity_id, k.key.in_(extra)))
    _add_keys(conn, entity_id, sorted(before - now))
    entity_names.refresh(conn, [entity_id])


def _earlier_mark(conn: Connection, entry: dict[str, Any]) -> dict[str, Any] | None:
    """The mark an earlier, still active correction of the same field left (None: the machine's value)."""
    c = t.corrections.c
    undone = select(c.undoes).where(c.undoes.is_not(None))
    q = select(t.corrections).where(
        c.id < entry["entry"],
        c.target_type == entry["target_type"],
        c.field == entry["field"],
        c.action != "undo",
        c.id.not_in(undone),
    )
    q = (
        q.where(c.target_key == entry["target_key"])
        if entry["target_key"]
        else q.where(c.target_id == entry["target_id"])
    )
    prev = conn.execute(q.order_by(c.id.desc()).limit(1)).first()
    if prev is None:
        return None
    first = conn.execute(
        select(t.corrections)
        .where(c.id <= prev.id, c.target_type == entry["target_type"], c.field == entry["field"])
        .where(c.target_key == entry["target_key"] if entry["target_key"] else c.target_id == entry["target_id"])
        .order_by(c.id)
        .limit(1)
    ).one()
    machine = (
        first.old_value["value"]
        if isinstance(first.old_value, dict) and "value" in first.old_value
        else first.old_value
    )
    return {"machine": machine, "by": prev.user, "entry": prev.id}
