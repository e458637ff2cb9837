"""What a kept whole timeline's rebuild costs from the rows and through the window records earlier
builds kept (issue #13, seventh round; ``store/timeline_entries.RecordCache``).

Usage (from the repository root), on a store built by ``bench/build_store.py`` (and grown by
``bench/clone_store.py``)::

    python bench/timeline_rebuild.py --db /tmp/big.db [--subjects 12] [--rounds 3] [--check]

For the ``--subjects`` subjects with the most events: each whole timeline is built once to fill the
records (``cold``), then ``--rounds`` times alternately from the rows (``rows``, what a rebuild cost
before) and through the kept records (``kept``, what the ingest's and the catch-up's rebuilds cost
now).  Wall and CPU milliseconds, p50 / p95 / max over all rebuilds.  ``--check``: every rebuild
through the records must equal the build from the rows (JSON, byte for byte).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--subjects", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)

    from sqlalchemy import func, select

    from dossier.store import Store, timeline_entries
    from dossier.store import schema as t

    store = Store(args.db)
    times: dict[str, list[tuple[float, float]]] = {"cold": [], "rows": [], "kept": []}
    same = 0
    with store.connect() as conn:
        ee = t.event_entities.c
        top = list(
            conn.execute(
                select(ee.entity_id)
                .group_by(ee.entity_id)
                .order_by(func.count().desc(), ee.entity_id)
                .limit(args.subjects)
            ).scalars()
        )

        def timed(kind: str, entity_id: int, cached: bool) -> dict:
            started, cpu = time.perf_counter(), time.process_time()
            if cached:
                with timeline_entries.records_kept(conn):
                    whole = timeline_entries.build(conn, [entity_id])[0]
            else:
                whole = timeline_entries.build(conn, [entity_id])[0]
            times[kind].append((1000 * (time.perf_counter() - started), 1000 * (time.process_time() - cpu)))
            return whole

        for entity_id in top:
            timed("cold", entity_id, True)
        for _ in range(args.rounds):
            for entity_id in top:
                rows = timed("rows", entity_id, False)
                kept = timed("kept", entity_id, True)
                if args.check:
                    assert json.dumps(rows, sort_keys=True, default=str) == json.dumps(
                        kept, sort_keys=True, default=str
                    )
                    same += 1
        conn.rollback()
    cache = timeline_entries.record_cache(store.engine)
    out = {"db": store.safe_url, "subjects": len(top), "records_kept": len(cache) if cache else 0, "identical": same}
    for kind, values in times.items():
        wall = sorted(v[0] for v in values)
        cpu = sorted(v[1] for v in values)
        p95 = wall[min(len(wall) - 1, int(0.95 * len(wall)))]
        out[kind] = {
            "wall_p50_ms": round(statistics.median(wall), 1),
            "wall_p95_ms": round(p95, 1),
            "wall_max_ms": round(wall[-1], 1),
            "cpu_p50_ms": round(statistics.median(cpu), 1),
            "cpu_p95_ms": round(cpu[min(len(cpu) - 1, int(0.95 * len(cpu)))], 1),
            "n": len(values),
        }
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
