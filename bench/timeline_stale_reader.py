"""CPU of a long-lived reader's rebuilds of stale kept timelines, with and without its window records
(issue #13, ninth round).

Usage (from the repository root), on a store whose much-named subjects are kept whole
(``bench/query_latency.py --settle`` leaves it so)::

    python bench/timeline_stale_reader.py --db /tmp/big.db [--subjects 10] [--rounds 4]

In one process, as a web server would: each round moves the stamps of the ``--subjects`` most named
subjects (``timeline_cache.invalidate_subjects``, what an ingest batch that names them does, without
new rows) and empties the kept pages, so that every kept whole timeline is stale; then reads each
subject's first page through ``knowledge.timeline`` (a stale subject: a page build).  Rounds
alternate ``timeline_entries.READER_RECORDS`` on and off, the first on (the records are made then);
prints the CPU per read of each round and whether every round's records were the same (a hash).
The records hold at most ``timeline_entries.RECORDS_KEPT`` events: keep ``--subjects`` x 5,000 under it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--subjects", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    from sqlalchemy import delete, select

    from dossier.store import Store, knowledge, timeline_cache, timeline_entries
    from dossier.store import schema as t

    store = Store(args.db)
    with store.connect() as conn:
        e = t.entities.c
        top = list(conn.execute(select(e.id).order_by(e.mention_count.desc()).limit(args.subjects)).scalars())
    digests: set[str] = set()
    with store.connect() as conn:
        for n in range(args.rounds):
            with store.begin(timelines=False) as w:  # an ingest batch naming them, without its rows
                timeline_cache.invalidate_subjects(w, top)
                w.execute(delete(t.timeline_cache))
            conn.rollback()  # a new snapshot: the stale stamps
            timeline_entries.READER_RECORDS = n % 2 == 0
            load, cpu = os.getloadavg()[0], []
            for entity_id in top:
                started = time.process_time()
                record = knowledge.timeline_by_id(conn, entity_id)
                cpu.append(1000 * (time.process_time() - started))
                digests.add(hashlib.sha1(json.dumps(record, sort_keys=True, default=str).encode()).hexdigest())
            cache = timeline_entries.record_cache(store.engine)
            print(
                f"round {n + 1} records {'on ' if n % 2 == 0 else 'off'}  cpu p50 {statistics.median(cpu):7.1f} ms"
                f"  max {max(cpu):7.1f} ms  sum {sum(cpu):7.0f} ms  (load {load:.2f})"
                f"  records served {cache.hits if cache else 0}, read {cache.misses if cache else 0} in all"
            )
    print(f"distinct records over the rounds: {len(digests)} for {len(top)} subjects")
    store.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
