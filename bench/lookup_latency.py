"""Cost of resolving a name to entity ids as the entities table grows (issue #13).

Usage (from the repository root)::

    python bench/lookup_latency.py --db /tmp/lookup.db --entities 10000,100000,300000 [--queries 200]

Fills a throw-away SQLite store (or an empty PostgreSQL database) with synthetic entities, each
with a name and two aliases, in steps up to each ``--entities`` count, and at each step times
``knowledge.find_entity_ids`` (an index read of ``entity_names``) against the scan it replaced
(``lower(name) = ...`` or ``aliases ILIKE '%name%'`` over every entity, kept here as
``scan``) on the same names: stored names in other cases, aliases, and names no entity has.
Prints p50 and p95 CPU time of this process per look-up (the steadier figure on a shared
machine; on PostgreSQL the server's work is not in it, so wall time is printed too). On PostgreSQL
both tables are analysed after each fill, as autovacuum would after a bulk write: without
statistics the planner scans ``entities`` for the join.
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import sys
import time
from typing import Any


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def scan(conn: Any, name: str) -> list[int]:
    """The look-up before ``entity_names``: every entity's name and aliases matched, then checked."""
    from sqlalchemy import String, cast, func, or_, select

    from dossier.store import schema as t

    name = name.strip()
    lowered = name.casefold()
    q = select(t.entities.c.id, t.entities.c.name, t.entities.c.aliases).where(
        or_(func.lower(t.entities.c.name) == name.lower(), cast(t.entities.c.aliases, String).ilike(f"%{name}%"))
    )
    return [
        r.id
        for r in conn.execute(q)
        if r.name.casefold() == lowered or any(str(a).casefold() == lowered for a in (r.aliases or []))
    ]


def _word(rng: random.Random) -> str:
    return rng.choice(string.ascii_uppercase) + "".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 9)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="a new SQLite file or an empty PostgreSQL database")
    parser.add_argument("--entities", default="10000,100000", help="comma-separated entity counts, ascending")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    from sqlalchemy import func, insert, select

    from dossier.store import Store, entity_names, knowledge
    from dossier.store import schema as t

    rng = random.Random(args.seed)
    store = Store(args.db)
    store.ensure_schema()
    stored: list[tuple[str, list[str]]] = []
    for target in [int(x) for x in args.entities.split(",")]:
        with store.engine.begin() as conn:
            have = conn.execute(select(func.count()).select_from(t.entities)).scalar_one()
            batch: list[dict[str, Any]] = []
            for _ in range(have, target):
                name = f"{_word(rng)} {_word(rng)}"
                aliases = sorted({name, name.split()[1], f"{name.split()[0][0]}. {name.split()[1]}"})
                stored.append((name, aliases))
                batch.append({"name": name, "kind": rng.choice(("person", "org", "place")), "aliases": aliases})
            for i in range(0, len(batch), 5000):
                conn.execute(insert(t.entities), batch[i : i + 5000])
            entity_names.rebuild(conn)
            if store.dialect == "postgresql":  # what autovacuum does to a real store after such a fill
                conn.exec_driver_sql("ANALYZE entities")
                conn.exec_driver_sql("ANALYZE entity_names")
        names = []
        for i in range(args.queries):
            name, aliases = rng.choice(stored)
            names.append([name.upper(), rng.choice(aliases).lower(), f"{_word(rng)} {_word(rng)}"][i % 3])
        with store.connect() as conn:
            for label, fn in (("scan", scan), ("index", knowledge.find_entity_ids)):
                fn(conn, names[0])
                cpu, wall = [], []
                for name in names:
                    w, c = time.perf_counter(), time.process_time()
                    fn(conn, name)
                    cpu.append(1000 * (time.process_time() - c))
                    wall.append(1000 * (time.perf_counter() - w))
                print(
                    f"{target:>9,} entities  {label:5}  cpu p50 {statistics.median(cpu):7.2f} ms  "
                    f"p95 {percentile(cpu, 0.95):7.2f} ms   wall p50 {statistics.median(wall):7.2f} ms  "
                    f"p95 {percentile(wall, 0.95):7.2f} ms"
                )
            # Same answers (the unknown names fall through to keys in find_entity_ids; scan stops short).
            for name in names[:60:3] + names[1:60:3]:
                assert sorted(knowledge.find_entity_ids(conn, name)) == sorted(scan(conn, name)), name
    store.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
