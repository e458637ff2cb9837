"""Grow a store built by the real writer to a million articles by set-based SQL cloning (issue #13).

Usage (from the repository root)::

    python bench/build_store.py --db /tmp/big/m.db --count 2000 --base 100   # the base, real writer
    python bench/clone_store.py --db /tmp/big/m.db --count 10000 [--check]  # 5 blocks of 2,000
    python bench/clone_store.py --db /tmp/big/m.db --count 1000000          # 500 blocks
    python bench/clone_store.py --db postgresql://postgres@127.0.0.1/big_m --seed-from /tmp/big/m2k.db
    python bench/clone_store.py --db postgresql://postgres@127.0.0.1/big_m --count 100000

Why: the real writer costs about 22 ms of CPU per article, so a million articles through it is
six hours; the question the issue asks at a million items (does an ingest, a query, the memory
stay flat as the store grows?) needs the *store* at that size, not six hours of writing it.

How: the first run records the store as it is as the **base** (row counts and id maxima, in a
table ``bench_clone_state``), and every run appends copies ("blocks") of the base rows until
the store holds ``--count`` articles (a multiple of the base).  Block ``g`` is written with one
``INSERT … SELECT`` per table for all new blocks at once (a small temporary table of block
numbers is cross-joined with the base rows), inside one transaction, with:

* every integer primary key shifted past the current maximum, and every foreign key (and the
  article-id columns that are not declared as keys, ``IMPLICIT_REFS``) shifted with the row it
  points to; keys to **entities stay shared**: a subject's mentions, events and quotes grow
  with the store, as they do in real data;
* what must stay distinct perturbed: content hashes (``hash``, ``*_hash``: an 8-hex block prefix),
  URLs and origins (a ``#clone-g`` suffix), MinHash band buckets (XOR with a per-block 63-bit
  mask, so a clone collides with its own block's items as the base does, not with the base
  itself), sequence numbers and story-posting stamps (offset like ids), and publication times
  (``published``, ``*_published``) moved by ``g`` × the base's time span, so a million
  articles span a year, as ``build_store.py`` would spread them;
* the tables are found by reflection of :mod:`dossier.store.schema`: a table is cloned when it
  reaches ``articles`` or ``stories`` through foreign keys, so tables and columns added later
  are cloned too (a plain integer ``*_id`` column without a foreign key is copied as is, and
  reported).  A primary key or unique index that no shifted or perturbed column keeps distinct
  stops the run before anything is written.

Then what an index adds up to is re-established: ``story_df`` frequencies (and the document
count) are scaled by the number of blocks; ``story_postings`` keep the newest ``postings_cap``
stories per term, as the writer's trimming would leave them; SQLite's FTS5 index is filled for
the new rows (its triggers and the secondary indexes are dropped during the copy and created
again after it, which also re-checks every unique index); on PostgreSQL the generated
``tsvector`` column is computed by the inserts, foreign-key triggers are off during the copy
(``session_replication_role``), sequences are moved past the new ids and the tables analysed.
Entities are shared, so their stored mention and article counts (``entities.mention_count``,
``article_count``) are recounted from the mentions after the copy.  ``--check`` compares every
cloned table's row count with base × blocks, the stored entity counts with a recount, looks for
dangling foreign keys (every row up to 200,000 per table, a sample beyond) and, on SQLite up
to 200,000 articles, runs ``PRAGMA quick_check``.

Limits, honestly:

* a clone has the **same text** as its base item (only hash, URL and times differ), so the
  full-text index holds each text 500 times at a million articles: its vocabulary is the base's
  (a few tens of thousands of words) while its postings lists are as long as a real million's;
  a search for a rare word finds 500 articles, not one.  The copy index is kept realistic by the
  bucket masks, not by the text.
* the cross-article structure of a block is the base's: stories, copy groups and event clusters
  never span two blocks (a block is 2,000 articles, about 17 hours of a 30-s feed), so a
  million-article store has 500× the base's stories of the base's sizes, rather than a few
  long-running stories that grow over months.
* entities are not cloned: there are as many distinct entities at a million articles as in the
  base (700 at 1,000), so every entity is mentioned 500× more often than in the base.  That is
  the hard case for entity and timeline queries, harder than real news, where new names appear
  all the time.
* ids held inside JSON columns are copied as they are (e.g. a cached result that names event
  ids, like ``story_contradictions.flags``, would name the base's rows): clone a store whose
  caches are empty, or let their owners recompute them.  Kept timeline pages (``timeline_cache``)
  and kept whole timelines (``timeline_entries``) are emptied by every run and the ``timelines``
  stamp moved (the copy bypasses the writer that would move it); ``--seed-from`` copies neither.
* nothing here runs the writer; what a write costs at each size is measured by running the real
  writer on top of the clone (``bench/scale_curve.py``).  ``story_df`` is scaled by integer
  arithmetic, which is exact only while the store holds nothing but blocks (grow first, then
  write into it).  ``ingested_at`` keeps the base's values.  With SQLite the copy runs with
  ``journal_mode=OFF``: a crash in the middle leaves a store to rebuild, not to repair.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Integer, Table, insert, select, text

STATE = "bench_clone_state"
ROOTS = ("articles", "stories")
#: Columns that hold a row id of another table without a declared foreign key.
IMPLICIT_REFS = {("copy_items", "group_id"): "articles", ("copy_groups", "group_id"): "articles"}
#: Counters that are not primary keys: a column offset like the ids of the named counter.
COUNTERS = {("copy_items", "seq"): "copy_items.seq", ("story_postings", "last_seen"): "articles"}
#: Per-term capped tables: (partition columns, order columns newest first, cap).
CAPPED = {"story_postings": (("term",), ("last_seen", "story_id"))}
#: Tables that are not copied but scaled: column -> scaled by blocks.
SCALED = {"story_df": "df"}
MASK63 = (1 << 63) - 1


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass
class Plan:
    """How the rows of one cloned table are copied."""

    table: Table
    pk: str | None = None  # single integer primary key, offset by its own counter
    refs: dict[str, str] = field(default_factory=dict)  # column -> counter (a table name) it is shifted by
    counters: dict[str, str] = field(default_factory=dict)  # column -> counter name
    perturbed: dict[str, str] = field(default_factory=dict)  # column -> kind (hash, tag, time, bucket)
    verbatim_ids: list[str] = field(default_factory=list)  # integer *_id columns copied as they are


def _perturbation(table: str, column: Any) -> str | None:
    name = column.name
    if (table, name) == ("copy_bands", "bucket"):
        return "bucket"
    if name in ("hash",) or name.endswith("_hash"):
        return "hash"
    if name in ("url", "origin"):
        return "tag"
    if name == "published" or name.endswith("_published"):
        return "time"
    return None


def plans() -> dict[str, Plan]:
    """The cloned tables of :mod:`dossier.store.schema` and how each column is carried over."""
    from dossier.store import schema

    cloned: set[str] = set(ROOTS)
    changed = True
    while changed:
        changed = False
        for tbl in schema.metadata.sorted_tables:
            if tbl.name in cloned:
                continue
            if any(fk.column.table.name in cloned for fk in tbl.foreign_keys):
                cloned.add(tbl.name)
                changed = True
    out: dict[str, Plan] = {}
    for tbl in schema.metadata.sorted_tables:
        if tbl.name not in cloned:
            continue
        plan = Plan(tbl)
        pks = list(tbl.primary_key.columns)
        if len(pks) == 1 and isinstance(pks[0].type, Integer) and not pks[0].foreign_keys:
            plan.pk = pks[0].name
        for col in tbl.columns:
            fks = [fk for fk in col.foreign_keys if fk.column.table.name in cloned]
            if fks:
                plan.refs[col.name] = fks[0].column.table.name
            elif (tbl.name, col.name) in IMPLICIT_REFS:
                plan.refs[col.name] = IMPLICIT_REFS[(tbl.name, col.name)]
            elif (tbl.name, col.name) in COUNTERS:
                plan.counters[col.name] = COUNTERS[(tbl.name, col.name)]
            elif (kind := _perturbation(tbl.name, col)) is not None:
                plan.perturbed[col.name] = kind
            elif (
                col.name != plan.pk
                and isinstance(col.type, Integer)
                and col.name.endswith("_id")
                and not col.foreign_keys
            ):
                plan.verbatim_ids.append(col.name)
        _check_distinct(plan)
        out[tbl.name] = plan
    return out


def _check_distinct(plan: Plan) -> None:
    """Refuse a table whose primary key or a unique index would repeat in the copies."""
    moving = {plan.pk} | set(plan.refs) | set(plan.counters) | set(plan.perturbed)
    keys = [[c.name for c in plan.table.primary_key.columns]]
    keys += [[c.name for c in ix.columns] for ix in plan.table.indexes if ix.unique]
    keys += [
        [c.name for c in uc.columns] for uc in plan.table.constraints if uc.__class__.__name__ == "UniqueConstraint"
    ]
    for key in keys:
        if key and not moving & set(key):
            raise SystemExit(f"clone_store: {plan.table.name}{tuple(key)} is unique but nothing keeps it distinct")


# -- dialect-specific expressions --------------------------------------------------------


def _expr(dialect: str, kind: str, col: str) -> str:
    s = f"s.{q(col)}"
    if kind == "hash":
        return f"k.prefix || substr({s}, 9)"
    if kind == "tag":
        return f"{s} || k.tag"
    if kind == "bucket":
        return f"({s} # k.mask)" if dialect == "postgresql" else f"(({s} | k.mask) - ({s} & k.mask))"
    if kind == "time":
        if dialect == "postgresql":
            return (
                f"CASE WHEN {s} ~ '^\\d{{4}}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00$' THEN "
                f"to_char(({s}::timestamptz + k.secs * interval '1 second') AT TIME ZONE 'UTC', "
                f"'YYYY-MM-DD\"T\"HH24:MI:SS') || '+00:00' ELSE {s} END"
            )
        pattern = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]+00:00"
        return (
            f"CASE WHEN {s} GLOB '{pattern}' THEN strftime('%Y-%m-%dT%H:%M:%S', {s}, k.shift) || '+00:00' ELSE {s} END"
        )
    raise ValueError(kind)


# -- state -------------------------------------------------------------------------------


def _scalar(conn: Connection, sql: str) -> Any:
    return conn.exec_driver_sql(sql).scalar()


def _counter_max(conn: Connection, counter: str, ps: dict[str, Plan]) -> int:
    if "." in counter:
        tbl, col = counter.split(".")
    else:
        tbl, col = counter, ps[counter].pk or ""
    return int(_scalar(conn, f"SELECT max({q(col)}) FROM {q(tbl)}") or 0)


def _counters(ps: dict[str, Plan]) -> set[str]:
    names = {name for name, p in ps.items() if p.pk}
    for p in ps.values():
        names |= set(p.counters.values()) | set(p.refs.values())
    return names


def load_state(conn: Connection) -> dict[str, Any] | None:
    conn.exec_driver_sql(f"CREATE TABLE IF NOT EXISTS {STATE} (key VARCHAR(32) PRIMARY KEY, value TEXT NOT NULL)")
    value = conn.execute(text(f"SELECT value FROM {STATE} WHERE key = 'state'")).scalar()
    return json.loads(value) if value else None


def save_state(conn: Connection, state: dict[str, Any]) -> None:
    conn.execute(text(f"DELETE FROM {STATE} WHERE key = 'state'"))
    conn.execute(text(f"INSERT INTO {STATE} (key, value) VALUES ('state', :v)"), {"v": json.dumps(state)})


def init_state(conn: Connection, ps: dict[str, Plan]) -> dict[str, Any]:
    """Record the store as it is as the base: what every block will copy."""
    from dossier.store.sqlutil import parse_utc

    rows = {name: int(_scalar(conn, f"SELECT count(*) FROM {q(name)}")) for name in ps}
    if not rows["articles"]:
        raise SystemExit("clone_store: the store is empty; build a base with bench/build_store.py first")
    first, last = conn.exec_driver_sql("SELECT min(published), max(published) FROM articles").one()
    t0, t1 = parse_utc(first), parse_utc(last)
    n = rows["articles"]
    span = round((t1 - t0).total_seconds() * n / max(n - 1, 1)) if t0 and t1 else 86_400
    return {
        "blocks": 1,
        "rows": rows,
        "max": {c: _counter_max(conn, c, ps) for c in _counters(ps)},
        "span_s": max(span, 1),
    }


# -- the copy ----------------------------------------------------------------------------


def _block_rows(blocks: list[int], span_s: int) -> list[dict[str, Any]]:
    return [
        {
            "k": k,
            "g": g,
            "tag": f"#clone-{g}",
            "prefix": f"{g & 0xFFFFFFFF:08x}",
            "mask": ((g * 0x9E3779B97F4A7C15) & MASK63) | 1,
            "secs": g * span_s,
            "shift": f"+{g * span_s} seconds",
        }
        for k, g in enumerate(blocks)
    ]


def _insert_sql(dialect: str, plan: Plan, state: dict[str, Any], cur: dict[str, int], m: int) -> tuple[str, str]:
    """The base rows into a temporary table (reading the table being written would make SQLite buffer
    every new row first), and the insert of all new blocks from it."""
    base = state["max"]
    cols, exprs, where = [], [], []

    def shifted(col: str, counter: str) -> str:
        return f"s.{q(col)} + ({cur[counter]} + k.k * {base[counter]})"

    for col in plan.table.columns:
        name = col.name
        cols.append(q(name))
        if name == plan.pk:
            exprs.append(shifted(name, plan.table.name))
            where.append(f"s.{q(name)} <= {base[plan.table.name]}")
        elif name in plan.refs:
            exprs.append(shifted(name, plan.refs[name]))
            where.append(f"(s.{q(name)} IS NULL OR s.{q(name)} <= {base[plan.refs[name]]})")
        elif name in plan.counters:
            exprs.append(shifted(name, plan.counters[name]))
        elif name in plan.perturbed:
            exprs.append(_expr(dialect, plan.perturbed[name], name))
        else:
            exprs.append(f"s.{q(name)}")
    t = q(plan.table.name)
    cond = " AND ".join(where) or "1 = 1"
    temp = "TEMPORARY" if dialect == "postgresql" else "TEMP"
    prep = f"CREATE {temp} TABLE clone_src AS SELECT * FROM {t} AS s WHERE {cond}"
    if plan.table.name in CAPPED:
        # Only the rows that survive the cap: block k's row of rank r (of c in its partition) is
        # the ((m-1-k)*c + r)-th newest of the new rows.
        part, order = CAPPED[plan.table.name]
        from dossier.resolve.stories import StoryConfig

        cap = StoryConfig().postings_cap
        over = f"PARTITION BY {', '.join(q(p) for p in part)}"
        ranked = (
            f"SELECT *, row_number() OVER ({over} ORDER BY {', '.join(q(o) + ' DESC' for o in order)}) AS clone_r, "
            f"count(*) OVER ({over}) AS clone_c FROM clone_src AS s"
        )
        return prep, (
            f"INSERT INTO {t} ({', '.join(cols)}) SELECT {', '.join(exprs)} "
            f"FROM clone_k AS k CROSS JOIN ({ranked}) AS s WHERE ({m - 1} - k.k) * s.clone_c + s.clone_r <= {cap}"
        )
    # A table whose primary key is not the row id (e.g. copy_bands' (band, bucket, article_id)) gets
    # its new keys sorted: inserting them in key order walks the key index once instead of
    # touching a random page per row, which decides the speed once the index outgrows the cache.
    pk = [c.name for c in plan.table.primary_key.columns]
    rowid = len(pk) == 1 and isinstance(plan.table.c[pk[0]].type, Integer)
    order = (
        "" if rowid else " ORDER BY " + ", ".join(str(1 + [c.name for c in plan.table.columns].index(c)) for c in pk)
    )
    return (
        prep,
        f"INSERT INTO {t} ({', '.join(cols)}) SELECT {', '.join(exprs)} FROM clone_k AS k CROSS JOIN clone_src AS s"
        + order,
    )


def _trim_capped(conn: Connection, name: str) -> int:
    from dossier.resolve.stories import StoryConfig

    part, order = CAPPED[name]
    cap = StoryConfig().postings_cap
    keys = ", ".join(q(c) for c in (*part, *order))
    ranked = (
        f"SELECT {keys}, row_number() OVER (PARTITION BY {', '.join(q(p) for p in part)} "
        f"ORDER BY {', '.join(q(o) + ' DESC' for o in order)}) AS rn FROM {q(name)}"
    )
    sql = f"DELETE FROM {q(name)} WHERE ({keys}) IN (SELECT {keys} FROM ({ranked}) AS x WHERE rn > {cap})"
    return conn.exec_driver_sql(sql).rowcount


def _secondary_indexes(conn: Connection, tables: list[str]) -> list[tuple[str, str]]:
    names = ", ".join(f"'{t}'" for t in tables)
    if conn.dialect.name == "sqlite":
        sql = f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({names})"
    else:
        sql = (
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            f"AND tablename IN ({names}) AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u', 'x'))"
        )
    return [(r[0], r[1]) for r in conn.exec_driver_sql(sql)]


def _triggers(conn: Connection, tables: list[str]) -> list[tuple[str, str]]:
    if conn.dialect.name != "sqlite":
        return []
    names = ", ".join(f"'{t}'" for t in tables)
    return [
        (r[0], r[1])
        for r in conn.exec_driver_sql(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({names})"
        )
    ]


def _fts_tables(conn: Connection) -> list[tuple[str, str, str, list[str]]]:
    """SQLite FTS5 tables over a content table: (name, content table, rowid column, columns)."""
    if conn.dialect.name != "sqlite":
        return []
    out = []
    for name, sql in conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%fts5%'"
    ):
        content = re.search(r"content\s*=\s*'([^']+)'", sql)
        rowid = re.search(r"content_rowid\s*=\s*'([^']+)'", sql)
        if content and content.group(1):
            cols = [r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({q(name)})")]
            out.append((name, content.group(1), rowid.group(1) if rowid else "rowid", cols))
    return out


def grow(conn: Connection, target: int, log: Any) -> dict[str, Any]:
    """Append blocks until the store holds ``target`` articles; one transaction."""
    ps = plans()
    dialect = conn.dialect.name
    state = load_state(conn) or init_state(conn, ps)
    per_block = state["rows"]["articles"]
    if target % per_block:
        raise SystemExit(f"clone_store: --count must be a multiple of the base ({per_block} articles)")
    want = target // per_block
    have = state["blocks"]
    if want <= have:
        print(f"already {have} blocks ({have * per_block} articles)", file=log)
        return state
    m = want - have
    for p in ps.values():
        if p.verbatim_ids:
            print(f"note: {p.table.name}.{', '.join(p.verbatim_ids)} copied as is (no foreign key)", file=log)
    cur = {c: _counter_max(conn, c, ps) for c in _counters(ps)}
    tables = list(ps)
    timings: dict[str, float] = {}
    started = time.perf_counter()

    if dialect == "postgresql":
        conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
    indexes = _secondary_indexes(conn, tables)
    triggers = _triggers(conn, tables)
    for name, _sql in triggers:
        conn.exec_driver_sql(f"DROP TRIGGER {q(name)}")
    for name, _sql in indexes:
        conn.exec_driver_sql(f"DROP INDEX {q(name)}")
    temp = "TEMPORARY " if dialect == "postgresql" else "TEMP "
    conn.exec_driver_sql("DROP TABLE IF EXISTS clone_k")
    conn.exec_driver_sql(
        f"CREATE {temp}TABLE clone_k (k INTEGER PRIMARY KEY, g INTEGER, tag VARCHAR(32), prefix VARCHAR(8), "
        "mask BIGINT, secs BIGINT, shift VARCHAR(32))"
    )
    conn.execute(
        text("INSERT INTO clone_k VALUES (:k, :g, :tag, :prefix, :mask, :secs, :shift)"),
        _block_rows(list(range(have, want)), state["span_s"]),
    )
    inserted = {}
    for name, plan in ps.items():
        t0 = time.perf_counter()
        prep, sql = _insert_sql(dialect, plan, state, cur, m)
        conn.exec_driver_sql(prep)
        inserted[name] = conn.exec_driver_sql(sql).rowcount
        conn.exec_driver_sql("DROP TABLE clone_src")
        timings[name] = time.perf_counter() - t0
        print(f"  {name:18} +{inserted[name]:>11,} rows  {timings[name]:7.1f} s", file=log, flush=True)
    for name in CAPPED:
        if name in ps:
            t0 = time.perf_counter()
            gone = _trim_capped(conn, name)
            print(f"  {name:18} -{gone:>11,} rows beyond the cap  {time.perf_counter() - t0:5.1f} s", file=log)
    for name, col in SCALED.items():
        conn.exec_driver_sql(f"UPDATE {q(name)} SET {q(col)} = {q(col)} * {want} / {have}")
    for fts, content, rowid, cols in _fts_tables(conn):
        if content in ps:
            t0 = time.perf_counter()
            names = ", ".join(q(c) for c in cols)
            conn.exec_driver_sql(
                f"INSERT INTO {q(fts)} (rowid, {names}) SELECT {q(rowid)}, {names} FROM {q(content)} "
                f"WHERE {q(rowid)} > {cur[content]} ORDER BY {q(rowid)}"
            )
            timings[fts] = time.perf_counter() - t0
            print(f"  {fts:18} filled for the new rows  {timings[fts]:7.1f} s", file=log, flush=True)
    t0 = time.perf_counter()
    for _name, sql in indexes:
        conn.exec_driver_sql(sql)
    for _name, sql in triggers:
        conn.exec_driver_sql(sql)
    timings["indexes"] = time.perf_counter() - t0
    print(f"  {len(indexes)} secondary indexes created again  {timings['indexes']:7.1f} s", file=log, flush=True)
    t0 = time.perf_counter()
    recount_entities(conn)
    timings["entity_counts"] = time.perf_counter() - t0
    print(f"  entity counts recounted  {timings['entity_counts']:7.1f} s", file=log, flush=True)
    if dialect == "postgresql":
        for name, plan in ps.items():
            if plan.pk:
                seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": name, "c": plan.pk}).scalar()
                if seq:
                    conn.exec_driver_sql(f"SELECT setval('{seq}', (SELECT max({q(plan.pk)}) FROM {q(name)}))")
    elif _scalar(conn, "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence'"):
        for name, plan in ps.items():
            if plan.pk:
                conn.exec_driver_sql(
                    f"UPDATE sqlite_sequence SET seq = (SELECT max({q(plan.pk)}) FROM {q(name)}) WHERE name = '{name}'"
                )
    conn.exec_driver_sql("DROP TABLE clone_k")
    # Kept timeline pages describe the store before the copy (which bypasses Store.begin, the
    # writer's invalidation): empty them and move the stamp, as a write would.
    from dossier.store import timeline_cache

    dropped = timeline_cache.clear(conn)
    timeline_cache.invalidate(conn)
    if dropped:
        print(f"emptied timeline_cache ({dropped} kept pages)", file=log)
    state["blocks"] = want
    save_state(conn, state)
    print(
        f"grown from {have} to {want} blocks ({want * per_block:,} articles) in {time.perf_counter() - started:.1f} s",
        file=log,
    )
    return state


def recount_entities(conn: Connection) -> None:
    """Entities are shared, not cloned: their stored mention and article counts grow with the blocks.

    Recounted from the mentions, set-based (``dossier.store.entity_counts.recount``), rather than
    scaled, so that a store the writer added to before it was grown still comes out exact.
    """
    from dossier.store import entity_counts

    entity_counts.recount(conn)


# -- checks ------------------------------------------------------------------------------


def check(conn: Connection, state: dict[str, Any], log: Any) -> bool:
    """Row counts against base x blocks, dangling foreign keys, and SQLite's quick_check on small stores."""
    ok = True
    ps = plans()
    blocks = state["blocks"]
    for name in ps:
        n = int(_scalar(conn, f"SELECT count(*) FROM {q(name)}"))
        want = state["rows"].get(name, 0) * blocks
        fine = n <= want if name in CAPPED else n == want
        ok &= fine
        if not fine:
            print(f"  count {name}: {n:,}, expected {want:,}", file=log)
    for name, plan in ps.items():
        n = int(_scalar(conn, f"SELECT count(*) FROM {q(name)}"))
        step = max(1, n // 200_000)
        for fk in plan.table.foreign_keys:
            col, parent, pcol = fk.parent.name, fk.column.table.name, fk.column.name
            modulo = f"mod(s.{q(col)}, {step})" if conn.dialect.name == "postgresql" else f"s.{q(col)} % {step}"
            sample = f" AND {modulo} = 0" if step > 1 else ""
            bad = _scalar(
                conn,
                f"SELECT count(*) FROM {q(name)} AS s WHERE s.{q(col)} IS NOT NULL{sample} AND NOT EXISTS "
                f"(SELECT 1 FROM {q(parent)} AS p WHERE p.{q(pcol)} = s.{q(col)})",
            )
            if bad:
                ok = False
                print(f"  dangling {name}.{col} -> {parent}: {bad} (1 row in {step} checked)", file=log)
    from dossier.store import entity_counts

    wrong = entity_counts.check(conn)
    ok &= not wrong
    print(f"  entity counts: {len(wrong)} of the stored mention/article counts differ from a recount", file=log)
    if conn.dialect.name == "sqlite" and state["rows"]["articles"] * blocks <= 200_000:
        result = conn.exec_driver_sql("PRAGMA quick_check").scalar()
        ok &= result == "ok"
        print(f"  quick_check: {result}", file=log)
    print(f"check: {'ok' if ok else 'FAILED'}", file=log)
    return ok


# -- seeding a PostgreSQL store from an SQLite one ---------------------------------------------


#: Tables ``--seed-from`` leaves out: kept pages of another store, and stamps the target has its own of.
SEED_SKIPS = frozenset({"timeline_cache", "store_versions", "timeline_names", "timeline_entries"})


def seed(target: Any, source_path: str, log: Any) -> None:
    """Copy every row of a (base) SQLite store into an empty store, e.g. PostgreSQL."""
    from dossier.store import Store
    from dossier.store import schema as t

    source = Store(source_path)
    target.ensure_schema()
    with target.begin() as dst, source.connect() as src:
        if dst.exec_driver_sql("SELECT count(*) FROM articles").scalar():
            raise SystemExit("clone_store: --seed-from needs an empty target store")
        if target.dialect == "postgresql":
            dst.exec_driver_sql("SET LOCAL session_replication_role = replica")
        for tbl in t.metadata.sorted_tables:
            if tbl.name in SEED_SKIPS:
                continue
            n = 0
            result = src.execute(select(tbl)).mappings()
            while chunk := result.fetchmany(5000):
                dst.execute(insert(tbl), [dict(r) for r in chunk])
                n += len(chunk)
            if n:
                print(f"  seeded {tbl.name}: {n:,} rows", file=log)
            pk = list(tbl.primary_key.columns)
            if target.dialect == "postgresql" and len(pk) == 1 and n:
                seq = dst.execute(
                    text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": tbl.name, "c": pk[0].name}
                ).scalar()
                if seq:
                    dst.exec_driver_sql(f"SELECT setval('{seq}', (SELECT max({q(pk[0].name)}) FROM {q(tbl.name)}))")
    source.dispose()


def _need_state(conn: Connection) -> dict[str, Any]:
    state = load_state(conn)
    if state is None:
        raise SystemExit("clone_store: this store was never grown by clone_store.py (nothing to check against)")
    return state


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="SQLite path or database URL")
    parser.add_argument("--count", type=int, help="grow to this many articles (a multiple of the base)")
    parser.add_argument("--seed-from", help="first copy every row of this SQLite store into the (empty) --db")
    parser.add_argument(
        "--check", action="store_true", help="check row counts, entity counts, foreign keys (and quick_check)"
    )
    args = parser.parse_args(argv)

    from dossier.store import Store

    store = Store(args.db)
    store.ensure_schema()
    log = sys.stderr
    if args.seed_from:
        seed(store, args.seed_from, log)
    ok = True
    if store.dialect == "sqlite":
        # Bulk settings for this connection only; the store goes back to WAL afterwards.
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.exec_driver_sql("PRAGMA journal_mode=OFF")
            conn.exec_driver_sql("PRAGMA synchronous=OFF")
            conn.exec_driver_sql("PRAGMA cache_size=-1000000")
            conn.exec_driver_sql("PRAGMA temp_store=FILE")
            conn.commit()
            if args.count:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                grow(conn, args.count, log)
                conn.commit()
            if args.check:
                ok = check(conn, _need_state(conn), log)
                conn.commit()
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")
    else:
        if args.count:
            with store.begin() as conn:
                grow(conn, args.count, log)
            with store.engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
        if args.check:
            with store.connect() as conn:
                ok = check(conn, _need_state(conn), log)
                conn.commit()
    store.dispose()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
