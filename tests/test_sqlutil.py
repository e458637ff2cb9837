"""The store's bulk insert helper: one statement, many parameter sets, the rows SQLAlchemy would store (issue #13)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, event, insert, select

from dossier.store import Store
from dossier.store import schema as t
from dossier.store.sqlutil import insert_ids, insert_rows


def _time_rows(article_id: int, n: int, **extra: Any) -> list[dict[str, Any]]:
    return [
        {
            "article_id": article_id,
            "text": f"day {i}",
            "start": i,
            "end": i + 5,
            "timex_type": "DATE",
            "value": f"2025-05-{i + 1:02d}",
            "anchor": None,
            "granularity": "day",
            "sentence": i // 3,
            **extra,
        }
        for i in range(n)
    ]


def _stored(conn: Any) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in conn.execute(select(t.times).order_by(t.times.c.id))]


def test_insert_rows_stores_the_rows_sqlalchemy_stores(db_url: str) -> None:
    store = Store(db_url)
    store.ensure_schema()
    statements: list[tuple[str, bool]] = []

    @event.listens_for(store.engine, "before_cursor_execute")
    def _count(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO TIMES"):
            statements.append((statement, executemany))

    with store.begin() as conn:
        aid = conn.execute(
            insert(t.articles).values(hash="h", text="x", format="text", chars=1, ingested_at="2025-01-01T00:00:00")
        ).inserted_primary_key[0]
        insert_rows(conn, t.times, _time_rows(aid, 7))  # plain columns
        insert_rows(conn, t.times, _time_rows(aid, 3, corrected={"value": {"machine": "x"}}))  # a JSON column
        insert_rows(conn, t.times, _time_rows(aid, 2, review="confirmed"))
        insert_rows(conn, t.times, [])
        mine = _stored(conn)
        mine_json = _json_text(conn)
    with store.begin() as conn:
        conn.execute(t.times.delete())
        conn.execute(insert(t.times), _time_rows(aid, 7))
        conn.execute(insert(t.times), _time_rows(aid, 3, corrected={"value": {"machine": "x"}}))
        conn.execute(insert(t.times), _time_rows(aid, 2, review="confirmed"))
        theirs = _stored(conn)
        theirs_json = _json_text(conn)
    store.dispose()
    strip = [row[1:] for row in mine]  # ids differ (the second run follows the first)
    assert strip == [row[1:] for row in theirs]
    assert len(mine) == 12 and mine[-1][-2] == "confirmed" and mine[7][-1] == {"value": {"machine": "x"}}
    assert mine_json == theirs_json  # the JSON text itself, not only what it decodes to
    if db_url.startswith("sqlite"):
        # each call is one statement with many parameter sets; plain rows went to the driver
        # with SQL compiled once per table and columns, not through SQLAlchemy's parameters
        assert [many for _sql, many in statements[:3]] == [True, True, True]
        assert statements[0][0] == statements[2][0].replace(", review", "").replace(", ?)", ")")
        assert _driver_sql(store, ("article_id", "text")) == "INSERT INTO times (article_id, text) VALUES (?, ?)"
        # JSON too, converted by SQLAlchemy's own serialiser before the driver gets it (issue #13)
        assert (
            _driver_sql(store, ("article_id", "corrected")) == "INSERT INTO times (article_id, corrected) VALUES (?, ?)"
        )


def _json_text(conn: Any) -> list[Any]:
    """The stored JSON as the database holds it (text), in row order."""
    return [r[0] for r in conn.execute(select(t.times.c.corrected.cast(String)).order_by(t.times.c.id))]


def test_json_and_boolean_columns_reach_the_driver_as_sqlalchemy_converts_them(sqlite_url: str) -> None:
    store = Store(sqlite_url)
    store.ensure_schema()
    seen: list[Any] = []

    @event.listens_for(store.engine, "before_cursor_execute")
    def _params(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.startswith("INSERT INTO quotes"):
            seen.append(parameters)

    rows = [
        {
            "text": "We will win",
            "direct": True,
            "speaker": "Ann",
            "corrected": None,
            "sentence": 0,
            "start": 0,
            "end": 9,
        },
        {
            "text": "They lost",
            "direct": False,
            "speaker": None,
            "corrected": {"speaker": "Bo"},
            "sentence": 1,
            "start": 12,
            "end": 20,
        },
    ]
    with store.begin() as conn:
        aid = conn.execute(
            insert(t.articles).values(hash="h", text="x", format="text", chars=1, ingested_at="2025-01-01T00:00:00")
        ).inserted_primary_key[0]
        insert_rows(conn, t.quotes, [{**r, "article_id": aid} for r in rows])
        conn.execute(insert(t.quotes), [{**r, "article_id": aid} for r in rows])
        q = t.quotes.c
        stored = [tuple(r) for r in conn.execute(select(q.direct, q.corrected.cast(String)).order_by(q.id))]
    store.dispose()
    assert stored[:2] == stored[2:]  # the same text in the database as SQLAlchemy's own insert
    assert stored[1] == (False, '{"speaker": "Bo"}')
    assert len(seen) == 2 and seen[0] == seen[1]  # the driver got the very parameters SQLAlchemy gives it


def _driver_sql(store: Store, columns: tuple[str, ...]) -> str | None:
    from dossier.store.sqlutil import _raw_insert

    raw = _raw_insert(store.engine.dialect, "times", columns)
    return raw[0] if raw else None


def test_insert_ids_with_allocated_ids_gives_the_ids_it_stored(sqlite_url: str) -> None:
    store = Store(sqlite_url)
    store.ensure_schema()
    with store.begin() as conn:
        aid = conn.execute(
            insert(t.articles).values(hash="h", text="x", format="text", chars=1, ingested_at="2025-01-01T00:00:00")
        ).inserted_primary_key[0]
        next_ids: dict[str, int] = {}
        first = insert_ids(conn, t.times, _time_rows(aid, 4), next_ids=next_ids)
        second = insert_ids(conn, t.times, _time_rows(aid, 2), next_ids=next_ids)
        stored = [(r.id, r.text) for r in conn.execute(select(t.times.c.id, t.times.c.text).order_by(t.times.c.id))]
    store.dispose()
    assert first == [1, 2, 3, 4] and second == [5, 6]
    assert stored == [(1, "day 0"), (2, "day 1"), (3, "day 2"), (4, "day 3"), (5, "day 0"), (6, "day 1")]


def test_id_in_selects_what_in_selects(db_url: str) -> None:
    """Issue #13: ``id_in`` (one array parameter on PostgreSQL) finds the rows ``IN`` finds, none for no ids."""
    from dossier.store.sqlutil import id_in

    store = Store(db_url)
    store.ensure_schema()
    try:
        with store.begin() as conn:
            ids = insert_ids(conn, t.entities, [{"name": f"E{i}", "kind": "org"} for i in range(1200)])
            wanted = [*ids[::3], 10**9]  # more than one chunk, and an id that is not there
            c = t.entities.c.id
            found = sorted(conn.execute(select(c).where(id_in(conn, c, wanted))).scalars())
            assert found == sorted(conn.execute(select(c).where(c.in_(wanted))).scalars()) == ids[::3]
            assert conn.execute(select(c).where(id_in(conn, c, []))).all() == []
            # ids no integer column can hold (a mistyped id) match nothing, as on SQLite, with no error
            huge = [ids[0], 10**10, -(10**12)]
            for many in (False, True):
                assert conn.execute(select(c).where(id_in(conn, c, huge, many=many))).scalars().all() == [ids[0]]
                assert conn.execute(select(c).where(id_in(conn, c, huge[1:], many=many))).all() == []
    finally:
        store.dispose()


def test_id_in_many_and_one_statement_pieces(db_url: str) -> None:
    """Issue #13: ``id_in(many=True)`` (``= ANY`` on PostgreSQL) and the plain semi-join find the same rows
    of a column where each id matches several rows, from repeated ids, a set or a generator alike;
    ``id_chunks`` gives PostgreSQL one piece and SQLite pieces of ``CHUNK``, covering every id once."""
    from dossier.store.sqlutil import CHUNK, id_chunks, id_in

    store = Store(db_url)
    store.ensure_schema()
    try:
        with store.begin() as conn:
            aid = conn.execute(
                insert(t.articles).values(hash="h", text="x", format="text", chars=1, ingested_at="2025-01-01T00:00:00")
            ).inserted_primary_key[0]
            insert_rows(conn, t.times, _time_rows(aid, 40))  # 40 rows share one article_id
            c = t.times.c
            every = sorted(conn.execute(select(c.id)).scalars())
            for many in (False, True):
                for ids in ([aid, aid, 10**9], {aid}, (i for i in [aid])):
                    found = sorted(
                        conn.execute(select(c.id).where(id_in(conn, c.article_id, ids, many=many))).scalars()
                    )
                    assert found == every, (many, ids)
                assert conn.execute(select(c.id).where(id_in(conn, c.article_id, [], many=many))).all() == []
            ids = list(range(1, 2 * CHUNK + 7))
            pieces = [list(p) for p in id_chunks(conn, ids)]
            assert [i for p in pieces for i in p] == ids
            assert len(pieces) == (1 if conn.dialect.name == "postgresql" else 3)
            assert list(id_chunks(conn, [])) == []
    finally:
        store.dispose()
