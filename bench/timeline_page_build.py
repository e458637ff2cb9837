"""CPU of building timeline pages past every kept record, and a hash of each record (issue #13).

Usage (from the repository root), on a store built by ``bench/build_store.py``::

    python bench/timeline_page_build.py --db /tmp/big.db [--subjects 12]
    PYTHONPATH=/tmp/main/src python bench/timeline_page_build.py --db /tmp/big.db   # another tree

Builds two pages (the default page, and 30 newest-first entries at offset 2 with 3 sources) of the
``--subjects`` most named subjects and of a few others at random with
``knowledge._build_timeline`` (what a read that finds nothing current kept builds), after one
warm-up build.  Prints one line per page (entity id, limit, entries in all, the record's hash) and,
on stderr, the CPU milliseconds of this process per build (p50, sum) with the load average.  Two
source trees run one after the other on the same store must print the same lines: the hashes say
that a change to the build left its records as they were; the CPU figures, on a shared machine the
steadier ones, say what it saved.  ``--low K`` builds, instead, the two pages of ``K`` subjects at
random whose window is under the enrol threshold (``timeline_entries.MIN_EVENTS``, or
``--under``) but not empty: the builds a store after an ingest still leaves to its first readers
(issue #13, ninth round).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--subjects", type=int, default=12, help="the most named subjects built (default 12)")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--low", type=int, default=0, help="build K subjects under the threshold instead")
    parser.add_argument("--under", type=int, default=None, help="the threshold for --low (default MIN_EVENTS)")
    args = parser.parse_args(argv)

    from sqlalchemy import func, select

    from dossier.store import Store, knowledge
    from dossier.store import schema as t
    from dossier.store.filters import NO_FILTERS

    pages = (
        {"limit": knowledge.TIMELINE_PAGE, "offset": 0, "newest": False, "sources_limit": knowledge.SOURCES_SHOWN},
        {"limit": 30, "offset": 2, "newest": True, "sources_limit": 3},
    )
    rng = random.Random(args.seed)
    store = Store(args.db)
    load = os.getloadavg()[0]
    with store.connect() as conn:
        e = t.entities.c
        top = list(conn.execute(select(e.id).order_by(e.mention_count.desc()).limit(args.subjects)).scalars())
        most = conn.execute(select(e.id).order_by(e.id.desc()).limit(1)).scalar() or 0
        picks = [rng.randint(1, most) for _ in range(args.subjects)]
        others = list(conn.execute(select(e.id).where(e.id.in_(picks), e.id.not_in(top))).scalars())
        if args.low:
            from dossier.store import timeline_entries

            under = timeline_entries.MIN_EVENTS if args.under is None else args.under
            ee = t.event_entities.c
            counts = conn.execute(select(ee.entity_id, func.count()).group_by(ee.entity_id)).all()
            low = sorted(i for i, n in counts if n < under)
            top, others = rng.sample(low, min(args.low, len(low))), []
        knowledge._build_timeline(conn, top[:1], NO_FILTERS, **pages[0])  # warm-up
        cpu: list[float] = []
        for entity_id in top + others:
            for page in pages:
                started = time.process_time()
                record = knowledge._build_timeline(conn, [entity_id], NO_FILTERS, **page)
                cpu.append(1000 * (time.process_time() - started))
                digest = hashlib.sha1(json.dumps(record, sort_keys=True, default=str).encode()).hexdigest()[:12]
                print(entity_id, page["limit"], record["total"], digest)
    store.dispose()
    cpu.sort()
    print(
        f"builds {len(cpu)}  cpu p50 {cpu[len(cpu) // 2]:.1f} ms  sum {sum(cpu):.0f} ms"
        f"  (load average {load:.2f} before, {os.getloadavg()[0]:.2f} after)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
