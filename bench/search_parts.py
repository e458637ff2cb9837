"""Where a SQLite search spends its time: the IDF count of ``bm25()`` against the ranking window (issue #13).

Usage (from the repository root), on a store built by ``bench/build_store.py`` / ``clone_store.py``::

    python bench/search_parts.py --db /tmp/big/m.db ["economy growth" "the" ...] [--runs 2]

For each query (words quoted and ANDed, as ``queries._fts5_query`` writes them) prints the CPU
milliseconds of: counting every match; finding the floor of the ``RANK_WINDOW`` newest matches
(what ``queries._window_floor`` reads); ranking the whole window with ``bm25()`` (what ``search`` ran
until the ninth round); ranking only the ``SCORED_ROWS`` newest matches (what it runs now, floor included);
the same window read without ranking; and ``bm25()`` on the single newest match, which is the cost
of the per-word IDF that ``bm25()`` counts over every matching row of the whole index (FTS5's
``xQueryPhrase``), whatever rows the statement ranks.  Then what ``queries.search`` does with it: the
probe that counts each word's matches up to ``IDF_BUDGET`` (``queries._ranked_phrases``, which words
it keeps to rank with) and the whole ``search`` call through the Python API (page of 20, snippets).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time

from dossier.store import Store, queries
from dossier.store.queries import RANK_WINDOW, SCORED_ROWS, _fts5_query


def timed(con: sqlite3.Connection, sql: str, *args: object) -> tuple[float, list[tuple]]:
    started = time.process_time()
    rows = con.execute(sql, args).fetchall()
    return 1000 * (time.process_time() - started), rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="SQLite store (a path)")
    parser.add_argument("queries", nargs="*", default=["economy growth", "the", "said"])
    parser.add_argument("--runs", type=int, default=2, help="runs of each query (the first warms the cache)")
    parser.add_argument(
        "--idf-budget",
        type=int,
        help="queries.IDF_BUDGET for this run (default as in the code); a tenth of it on a tenth of the store "
        "shows which words a ten times bigger store would leave out",
    )
    parser.add_argument(
        "--no-migrate",
        action="store_true",
        help="read the store as it is, without bringing its schema up to date (one another checkout still opens)",
    )
    args = parser.parse_args(argv)
    con = sqlite3.connect(args.db)
    store = Store(args.db, migrate=not args.no_migrate)
    if args.idf_budget is not None:
        queries.IDF_BUDGET = args.idf_budget
    fts = "SELECT {} FROM articles_fts WHERE articles_fts MATCH ? {}"
    for query in args.queries:
        match = _fts5_query(query)
        for _ in range(args.runs):
            count_ms, rows = timed(con, fts.format("count(*)", ""), match)
            floor_ms, rows_floor = timed(
                con, fts.format("rowid", f"ORDER BY rowid DESC LIMIT 1 OFFSET {RANK_WINDOW - 1}"), match
            )
            floor = rows_floor[0][0] if rows_floor else 0
            rank_ms, _ = timed(
                con, fts.format("rowid, bm25(articles_fts) AS s", "AND rowid >= ? ORDER BY s LIMIT 20"), match, floor
            )
            scored_floor_ms, rows_scored = timed(
                con, fts.format("rowid", f"ORDER BY rowid DESC LIMIT 1 OFFSET {SCORED_ROWS - 1}"), match
            )
            scored_ms, _ = timed(
                con,
                fts.format("rowid, bm25(articles_fts) AS s", "AND rowid >= ? ORDER BY s LIMIT 20"),
                match,
                rows_scored[0][0] if rows_scored else 0,
            )
            plain_ms, _ = timed(con, fts.format("rowid", "AND rowid >= ? ORDER BY rowid LIMIT 20"), match, floor)
            newest = con.execute(fts.format("rowid", "ORDER BY rowid DESC LIMIT 1"), (match,)).fetchone()
            idf_ms, _ = timed(
                con, fts.format("rowid, bm25(articles_fts)", "AND rowid >= ?"), match, newest[0] if newest else 0
            )
            with store.connect() as conn:
                started = time.process_time()
                ranked = queries._ranked_phrases(conn, queries._fts5_phrases(query))
                probe_ms = 1000 * (time.process_time() - started)
                started = time.process_time()
                queries.search(conn, query, limit=20)
                search_ms = 1000 * (time.process_time() - started)
            print(
                f"{query!r:20} matches {rows[0][0]:>9,}  count {count_ms:6.1f}  floor {floor_ms:5.1f}  "
                f"bm25 window {rank_ms:6.1f}  bm25 {SCORED_ROWS} newest {scored_floor_ms + scored_ms:5.1f}  "
                f"window unranked {plain_ms:5.1f}  bm25 one row (IDF) {idf_ms:5.1f}  "
                f"probe {probe_ms:5.1f} (ranks {' '.join(ranked) or 'none'})  search {search_ms:6.1f} ms CPU"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
