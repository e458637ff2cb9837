"""How many kept timeline pages an ingest leaves valid, and what the next read of each costs (issue #13).

Usage (from the repository root), on a store built by ``bench/build_store.py`` (and grown by
``bench/clone_store.py``), with the base analyses cached beside it (``DB.analyses.pkl``)::

    python bench/kept_after_ingest.py --db /tmp/big.db --corpus ../shared/bench/bbc-news.jsonl \\
        [--subjects 60] [--probe 64] [--json]

Reads the first timeline page of ``--subjects`` names (a third among the 50 most mentioned
entities, the rest at random, as ``bench/query_latency.py`` picks them) so that each is kept,
then stores ``--probe`` new items through the real writer (``bench/build_store.py``, one batch
of the ingest per 64 items, in a child process), then reads each page again.  Prints how many
pages were still served from ``timeline_cache`` after the ingest, the p50/p95 of those reads,
and the writer's figures.  Before pages were invalidated per subject every write moved one
store-wide stamp, so none survived an ingest.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--corpus", required=True, help="the corpus build_store.py made the store from")
    parser.add_argument("--base", type=int, default=100, help="build_store.py --base of the store (default 100)")
    parser.add_argument("--subjects", type=int, default=60)
    parser.add_argument("--probe", type=int, default=64, help="new items stored between the two reads")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from sqlalchemy import func, select

    from dossier.errors import NotFound
    from dossier.store import Store, knowledge, timeline_cache
    from dossier.store import schema as t

    rng = random.Random(args.seed)
    store = Store(args.db)

    def served(conn: Any, name: str) -> bool:
        ids = knowledge.find_entity_ids(conn, name)
        key = timeline_cache.page_key(
            ids,
            limit=knowledge.TIMELINE_PAGE,
            offset=0,
            newest=False,
            sources_limit=knowledge.SOURCES_SHOWN,
            events=knowledge.TIMELINE_EVENTS,
        )
        if not ids or key is None:
            return False
        # The code before per-subject stamps kept pages under one entity id.
        by_ids = "ids" in inspect.signature(timeline_cache.read).parameters
        return timeline_cache.read(conn, ids if by_ids else ids[0], key) is not None

    with store.connect() as conn:
        n_articles = int(conn.execute(select(func.count()).select_from(t.articles)).scalar_one())
        top = list(
            conn.execute(select(t.entities.c.name).order_by(t.entities.c.mention_count.desc()).limit(50)).scalars()
        )
        n_entities = conn.execute(select(func.max(t.entities.c.id))).scalar_one() or 0
        some = list(
            conn.execute(
                select(t.entities.c.name).where(
                    t.entities.c.id.in_([rng.randint(1, n_entities) for _ in range(args.subjects)])
                )
            ).scalars()
        )
        names = [rng.choice(top) if i % 3 == 0 or not some else rng.choice(some) for i in range(args.subjects)]
        names = list(dict.fromkeys(names))
        first: list[float] = []
        for name in names:
            started = time.perf_counter()
            try:
                knowledge.timeline(conn, name)
            except NotFound:
                continue
            first.append(1000 * (time.perf_counter() - started))
        kept = [n for n in names if served(conn, n)]
    store.dispose()

    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
    started = time.perf_counter()
    build = [
        sys.executable,
        str(HERE / "build_store.py"),
        "--db",
        args.db,
        "--count",
        str(n_articles + args.probe),
        "--base",
        str(args.base),
        "--corpus",
        args.corpus,
        "--window",
        str(args.probe),
        "--json",
    ]
    done = subprocess.run(build, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"build_store.py failed:\n{done.stderr[-2000:]}")
    ingest_s = time.perf_counter() - started
    lines = [json.loads(x) for x in done.stdout.splitlines() if x.startswith("{")]
    writer = lines[-1] if lines else {}

    store = Store(args.db)
    again: list[float] = []
    with store.connect() as conn:
        still = [n for n in kept if served(conn, n)]
        for name in kept:
            started = time.perf_counter()
            knowledge.timeline(conn, name)
            again.append(1000 * (time.perf_counter() - started))
    store.dispose()
    out = {
        "db": store.safe_url,
        "articles": n_articles,
        "probe": args.probe,
        "kept_before_ingest": len(kept),
        "still_served_after_ingest": len(still),
        "first_read_p50_ms": round(statistics.median(first), 1) if first else None,
        "read_after_ingest_p50_ms": round(statistics.median(again), 1) if again else None,
        "read_after_ingest_p95_ms": round(percentile(again, 0.95), 1) if again else None,
        "ingest_s": round(ingest_s, 1),
        "writer_cpu_ms_per_article": writer.get("cpu_ms_per_article"),
        "writer_ms_per_article": writer.get("ms_per_article"),
    }
    if args.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k:28} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
