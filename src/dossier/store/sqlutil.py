"""Small SQL helpers shared by the store's adapters: chunked IN lists, UTC timestamps, upserts on both dialects."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import ARRAY, Connection, Integer, Text, any_, cast, func, insert, literal, select

from dossier.store import schema as t

CHUNK = 500


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def id_chunks(conn: Connection, ids: Sequence[int]) -> Iterable[Sequence[int]]:
    """``ids`` in the pieces one :func:`id_in` look-up should take: all at once on PostgreSQL.

    Why: there an id list is one array parameter whatever its length, and each statement of a
    chunked look-up cost a round trip and a plan (a big subject's timeline made some 30 of them,
    2-3 ms each); SQLite keeps :data:`CHUNK`-sized pieces.
    """
    if conn.dialect.name == "postgresql":
        return [ids] if len(ids) else []
    return chunks(ids)


def id_in(conn: Connection, column: Any, ids: Iterable[int], *, many: bool = False) -> Any:
    """``column IN (ids)``; on PostgreSQL ``column IN (SELECT unnest(array))``, one parameter however many ids.

    Why: PostgreSQL parses and plans a statement of thousands of parameters anew for each list
    (a timeline's 4,000 event ids cost over 100 ms before any row was read); an array is one
    parameter of one cached statement.  The array is unnested into a semi-join rather than tested
    with ``= ANY(array)``: with the stock ``random_page_cost`` the planner prices thousands of
    ``= ANY`` index probes above a scan of the whole table and chose a (parallel) sequential scan of
    ``event_mentions`` or ``event_entities`` (875,000 rows at 100,000 articles, 45-50 ms) for a few
    thousand ids, where the semi-join probes the primary key once per id (4-10 ms).
    ``many``: each id matches many rows (the mentions of a cluster): there ``= ANY(array)`` stays,
    which the planner answers with one bitmap scan of the column's index, where the semi-join was
    planned as a hash join over the whole table (``event_mentions`` by cluster: 4 → 90 ms).
    SQLite keeps ``IN``, over a JSON array when the list is long.
    """
    if conn.dialect.name == "postgresql":
        # Sent as the array's text ("{1,2,3}") and cast by the server: the driver dumps a Python list
        # element by element in Python, a tenth of a big subject's first read.
        ordered = sorted(set(map(int, ids)))
        if ordered and (ordered[0] < _INT_MIN or ordered[-1] > _INT_MAX):
            # No stored id lies outside ``integer``, and the server refuses to cast one that does
            # (an error where SQLite finds no row): such ids match nothing, so they are left out.
            ordered = [i for i in ordered if _INT_MIN <= i <= _INT_MAX]
        array = cast(literal("{" + ",".join(map(str, ordered)) + "}", Text), ARRAY(Integer))
        return column == any_(array) if many else column.in_(select(func.unnest(array)))
    ids = list(ids)
    if len(ids) > _FEW:
        # SQLite: a long list is one JSON text read by ``json_each``, not one bound parameter per id:
        # SQLAlchemy renders and coerces each parameter of an IN list in Python (a few microseconds
        # per id), which cost a timeline's thousands of ids more than SQLite's look-ups.
        return column.in_(select(func.json_each(json.dumps([int(i) for i in ids])).table_valued("value").c.value))
    return column.in_(ids)


#: Up to this many ids an IN list stays a list of parameters (:func:`id_in`).
_FEW = 32
#: The range of PostgreSQL's ``integer``, the type of every id column.
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1


def utc_iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()


def parse_utc(value: str | None) -> datetime | None:
    """A stored ISO 8601 time as an aware datetime (UTC when it carries no zone); None when unreadable."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def upsert(conn: Connection, table: Any, rows: list[dict[str, Any]], keys: list[str], values: dict[str, str]) -> None:
    """INSERT ... ON CONFLICT DO UPDATE on both dialects; ``values``: column -> ``set`` or ``add``.

    The story index writes a few hundred rows per article this way; SQLAlchemy builds each
    row's parameters in Python, which cost more than SQLite's work.  When no column needs a
    type conversion (text and numbers: every upsert of the indexes), the statement compiled
    once is handed to the driver's ``executemany`` with plain tuples or dicts.
    """
    if not rows:
        return
    value_items = tuple(sorted(values.items()))
    columns = tuple(rows[0])
    raw = _raw_upsert(conn.dialect, table.name, tuple(keys), value_items, columns)
    first = rows[0].keys()
    if raw is None or any(row.keys() != first for row in rows):
        conn.execute(upsert_stmt(conn.dialect.name, table.name, tuple(keys), value_items), rows)
        return
    sql, order = raw
    conn.exec_driver_sql(sql, [tuple(row[c] for c in order) for row in rows] if order else rows)


@lru_cache(maxsize=64)
def _raw_upsert(
    dialect: Any, table_name: str, keys: tuple[str, ...], values: tuple[tuple[str, str], ...], columns: tuple[str, ...]
) -> tuple[str, tuple[str, ...] | None] | None:
    """The upsert's SQL for the driver and its positional parameter order (None: named), or
    None when a column needs SQLAlchemy's conversion (JSON, dates) and must go through it."""
    compiled = upsert_stmt(dialect.name, table_name, keys, values).compile(dialect=dialect, column_keys=list(columns))
    if compiled._bind_processors or set(compiled.binds) - set(columns):
        return None
    return compiled.string, tuple(compiled.positiontup) if compiled.positional else None


@lru_cache(maxsize=32)
def upsert_stmt(dialect: str, table_name: str, keys: tuple[str, ...], values: tuple[tuple[str, str], ...]) -> Any:
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    table = t.metadata.tables[table_name]
    stmt = dialect_insert(table)
    set_ = {col: (stmt.excluded[col] if how == "set" else table.c[col] + stmt.excluded[col]) for col, how in values}
    return stmt.on_conflict_do_update(index_elements=list(keys), set_=set_)


def insert_ids(
    conn: Connection, table: Any, rows: list[dict[str, Any]], *, next_ids: dict[str, int] | None = None
) -> list[int]:
    """Insert ``rows`` in one round trip and return their new ids, in the order of ``rows``.

    Why not ``INSERT ... RETURNING`` everywhere: SQLAlchemy cannot promise the
    order of rows SQLite returns, so with ``sort_by_parameter_order`` it sends
    one statement per row there (an article's ten events cost ten round
    trips).  On SQLite the rows go in one ``executemany`` instead, inside the
    caller's write transaction (no other writer can insert meanwhile), so
    they get consecutive row ids ending at ``last_insert_rowid()``: the ids
    SQLite would have given them one by one.  PostgreSQL batches ``RETURNING``
    with its order kept.

    ``next_ids`` (SQLite; a batch's writer that alone inserts into ``table`` in
    its transaction): the next free id of each table, read once (``max(id) + 1``,
    what SQLite gives a table without AUTOINCREMENT) and kept here, so the rows
    are inserted with their ids and no id is asked for afterwards.
    """
    if not rows:
        return []
    if conn.dialect.name == "sqlite" and next_ids is not None:
        first = next_ids.get(table.name)
        if first is None:
            first = int(conn.execute(select(func.max(table.c.id))).scalar() or 0) + 1
        ids = list(range(first, first + len(rows)))
        next_ids[table.name] = first + len(rows)
        insert_rows(conn, table, [{**row, "id": i} for row, i in zip(rows, ids, strict=True)])
        return ids
    if conn.dialect.name == "sqlite":
        insert_rows(conn, table, rows)
        last = int(conn.exec_driver_sql("SELECT last_insert_rowid()").scalar_one())
        return list(range(last - len(rows) + 1, last + 1))
    if len(rows) == 1:
        return [conn.execute(insert(table), rows[0]).inserted_primary_key[0]]
    stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return [row[0] for row in conn.execute(stmt, rows)]


def insert_rows(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` into ``table`` with one statement and many parameter sets.

    Why not just ``conn.execute(insert(table), rows)``: on SQLite that does
    reach the driver's ``executemany``, but SQLAlchemy first compiles the
    statement and builds every row's parameters in Python, which for the
    writer's small rows (mentions, band buckets, event mentions) costs more
    than SQLite's own work.  When the rows share one set of columns and none
    of them needs a type conversion (text and numbers), the statement compiled
    once per table and columns goes to the driver with plain tuples.  Anything
    else (JSON or date columns, rows with different columns, Python-side
    defaults) and PostgreSQL, where SQLAlchemy already folds the rows into
    multi-row ``VALUES`` statements, keep SQLAlchemy's path.
    """
    if not rows:
        return
    if conn.dialect.name == "sqlite":
        columns = tuple(rows[0])
        raw = _raw_insert(conn.dialect, table.name, columns)
        if raw is not None and all(len(row) == len(columns) for row in rows):
            sql, order, convert = raw
            try:
                if convert is None:
                    params = [tuple(row[c] for c in order) for row in rows]
                else:
                    pairs = tuple(zip(order, convert, strict=True))
                    params = [tuple(row[c] if f is None else f(row[c]) for c, f in pairs) for row in rows]
            except KeyError:  # a row with other columns than the first
                params = None
            if params is not None:
                conn.exec_driver_sql(sql, params)
                return
    conn.execute(insert(table), rows)


Converter = Callable[[Any], Any]


@lru_cache(maxsize=128)
def _raw_insert(
    dialect: Any, table_name: str, columns: tuple[str, ...]
) -> tuple[str, tuple[str, ...], tuple[Converter | None, ...] | None] | None:
    """The SQL of an INSERT of ``columns``, its positional parameter order and the conversion of
    each parameter (None: none converts), or None when a column takes a default (then SQLAlchemy
    must build the rows).

    The conversions are the very functions SQLAlchemy's types give the dialect (a JSON column's
    serialiser, a boolean's ``int``), applied to every value as SQLAlchemy applies them, so the
    driver receives what it would have received; only the per-row bookkeeping around them is
    skipped (events, entities, quotes and origins have JSON columns).
    """
    table = t.metadata.tables[table_name]
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    if not compiled.positional or set(compiled.binds) != set(columns):
        return None
    order = tuple(compiled.positiontup)
    processors = compiled._bind_processors
    convert = tuple(processors.get(name) for name in order) if processors else None
    return compiled.string, order, convert
