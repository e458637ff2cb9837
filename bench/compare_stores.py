"""Compare two stores table by table, row by row (the writer's results must not change, issue #13).

Usage (from the repository root)::

    python bench/compare_stores.py OLD.db NEW.db

Every table of the schema is read from both stores in primary-key order and
compared row by row, ids included; only the wall-clock stamps of the ingest
(``ingested_at``, ``seen_at``) are left out.  Prints the tables that differ
with their first differing rows, and exits 1 when any does (0 when the stores
are identical).  ``bench/writer_statements.py`` makes the two stores from
the same input and analyses with two versions of the code.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

#: Columns that record when the ingest ran, not what it stored.
CLOCK = {"ingested_at", "seen_at"}


def table_rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows (clock columns left out), ordered by primary key then every column."""
    from sqlalchemy import create_engine, inspect, select

    from dossier.store import schema as t

    engine = create_engine(url if "://" in url else f"sqlite:///{url}")
    out: dict[str, list[tuple[Any, ...]]] = {}
    try:
        present = set(inspect(engine).get_table_names())
        with engine.connect() as conn:
            for table in t.metadata.sorted_tables:
                if table.name not in present:
                    continue
                cols = [c for c in table.columns if c.name not in CLOCK]
                order = list(table.primary_key.columns) or cols
                rows = conn.execute(select(*cols).order_by(*order)).all()
                out[table.name] = [tuple(r) for r in rows]
    finally:
        engine.dispose()
    return out


def compare(old: str, new: str, *, show: int = 3) -> list[str]:
    """What differs between the two stores (empty: identical)."""
    a, b = table_rows(old), table_rows(new)
    problems: list[str] = []
    for name in sorted(set(a) | set(b)):
        if name not in a or name not in b:
            problems.append(f"{name}: only in {'new' if name in b else 'old'}")
            continue
        ra, rb = a[name], b[name]
        if ra == rb:
            continue
        problems.append(f"{name}: {len(ra)} rows in old, {len(rb)} in new")
        shown = 0
        for x, y in zip(ra, rb, strict=False):
            if x != y and shown < show:
                problems.append(f"  old {x!r:.300}\n  new {y!r:.300}")
                shown += 1
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old", help="SQLite path or database URL")
    parser.add_argument("new", help="SQLite path or database URL")
    args = parser.parse_args(argv)
    problems = compare(args.old, args.new)
    rows = sum(len(r) for r in table_rows(args.new).values())
    if problems:
        print("\n".join(problems))
        return 1
    print(f"identical: every table, {rows} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
