"""Latency of the read queries on a (big) store, through the Python API (issue #13).

Usage (from the repository root), on a store built by ``bench/build_store.py``::

    python bench/query_latency.py --db /tmp/big.db [--queries 100] [--json]

Runs ``search`` (two words taken from stored titles), ``entity`` and
``timeline`` (names of stored entities: a third from the most mentioned, the
rest at random) ``--queries`` times each on one open connection, after one
warm-up query of each kind, and prints p50, p95 and max in milliseconds.
Two reads that rank or describe many entities at once run at most 30 times each:
``listing`` (the first page of ``dossier entities``) and ``summary`` (the entities of
the 64 newest articles, as the ingest report lists them).  ``--kinds`` picks some of
them.  Timelines are read once per distinct name with the kept pages emptied first
(``timeline``: built from the rows, what the first read after a write costs) and then once
more (``timeline_again``: the page the first read kept); ``--timeline-built`` adds
``timeline_built``, the same page built past the cache (the code before pages were kept), timed
just before each first read so that the three share the same load.  ``--kept-entries`` empties
only the kept pages: the whole timelines of much-named subjects (``store/timeline_entries.py``)
stay as earlier reads kept them and the ingest rebuilt them, and ``timeline`` is then the first
read of a page, from them where they are current.  Besides wall time, the CPU time of
this process per query is given (``cpu_p50_ms``, ``cpu_p95_ms``): on a shared machine it is
the steadier figure, though on PostgreSQL it leaves out the server's work.  ``--budget-s``
stops a kind once its queries took that long (the figures then cover the ``n`` that ran).
The 1-minute load average before and after the run is printed (``load`` in the JSON).

``--settle`` first brings the store to the state an ingest leaves (issue #13, ninth round): every
subject whose window reaches ``timeline_entries.MIN_EVENTS`` is enrolled
(``timeline_entries.enrol_unkept``: what the ingest's batches do for the subjects they touch)
and the catch-up the ingest runs after itself builds them, here to the end
(``timeline_entries.catch_up``); that is the writer's cost, timed apart (``settle`` in the JSON:
subjects enrolled and built, wall and CPU seconds) and never in the read figures.  A store grown
by ``bench/clone_store.py`` never ran it, so without ``--settle`` a first read of a much-named
subject measures a build a real ingest does not leave to its readers.  Use it with
``--kept-entries``.  ``--mix`` draws the timeline names from three groups in turn and adds each
group's figures (``timeline[top]`` ...): ``top``, the 50 most named; ``mid``, other subjects at
or over the threshold; ``low``, subjects with at least one event but under it (what the ingest
does not keep whole); a group the store lacks is left out.  ``--min-events`` sets the threshold
for the run (to weigh another one: what the catch-up then costs, what the reads gain).
Absolute figures: the ratio-to-spaCy rule of ``bench/run.py`` concerns
throughput; a latency aim (50 ms p95) is absolute by nature.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def settle(store: Any) -> dict[str, Any]:
    """Enrol every subject over the threshold and run the catch-up to the end (the ingest's steps,
    ``timeline_entries.enrol_unkept`` and ``catch_up``); what it did and cost (the writer's share)."""
    from dossier.store import timeline_entries

    load, started, cpu_started = os.getloadavg()[0], time.perf_counter(), time.process_time()
    with store.begin(timelines=False) as conn:  # placeholders change no timeline's content
        enrolled = timeline_entries.enrol_unkept(conn)
    with store.connect() as conn:
        built = timeline_entries.catch_up(conn, budget_s=float("inf"))
    return {
        "enrolled": len(enrolled),
        "built": len(built),
        "wall_s": round(time.perf_counter() - started, 1),
        "cpu_s": round(time.process_time() - cpu_started, 1),
        "load": [round(load, 2), round(os.getloadavg()[0], 2)],
    }


def mixed_names(conn: Any, rng: random.Random, n: int) -> dict[str, str]:
    """``n`` distinct names (at most) -> their group, drawn in turn from ``top`` (the 50 most named),
    ``mid`` (other subjects whose window reaches the threshold) and ``low`` (at least one event, under it)."""
    from sqlalchemy import func, select

    from dossier.store import schema as t
    from dossier.store import timeline_entries

    e, ee = t.entities.c, t.event_entities.c
    top = list(conn.execute(select(e.id).order_by(e.mention_count.desc()).limit(50)).scalars())
    rows = conn.execute(select(ee.entity_id, func.count()).group_by(ee.entity_id)).all()
    over = {i for i, count in rows if count >= timeline_entries.MIN_EVENTS}
    groups = {
        "top": top,
        "mid": sorted(over - set(top)),
        "low": sorted({i for i, _count in rows} - over - set(top)),
    }
    picks = {g: rng.sample(ids, len(ids)) for g, ids in groups.items() if ids}
    name_of = dict(conn.execute(select(e.id, e.name).where(e.id.in_([i for ids in picks.values() for i in ids]))).all())
    out: dict[str, str] = {}
    while len(out) < n and any(picks.values()):
        for group, ids in picks.items():
            if ids and len(out) < n:
                out.setdefault(name_of[ids.pop()], group)
    return out


def per_group(
    results: dict[str, list[float]], cpu: dict[str, list[float]], names: list[str], group_of: dict[str, str]
) -> dict[str, dict[str, Any]]:
    """The timeline kinds' figures split by the group of each name read (``--mix``)."""
    out: dict[str, dict[str, Any]] = {}
    for kind in [k for k in results if k.startswith("timeline")]:
        for group in dict.fromkeys(group_of.values()):
            at = [i for i, name in enumerate(names[: len(results[kind])]) if group_of.get(name) == group]
            if at:
                wall, used = [results[kind][i] for i in at], [cpu[kind][i] for i in at]
                out[f"{kind}[{group}]"] = {
                    "p50_ms": round(statistics.median(wall), 1),
                    "p95_ms": round(percentile(wall, 0.95), 1),
                    "max_ms": round(max(wall), 1),
                    "cpu_p50_ms": round(statistics.median(used), 1),
                    "cpu_p95_ms": round(percentile(used, 0.95), 1),
                    "n": len(at),
                }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--no-migrate",
        action="store_true",
        help="read the store as it is, without bringing its schema up to date (one another checkout still opens)",
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--budget-s",
        type=float,
        default=None,
        help="stop a kind after this many seconds (at least 5 queries; n says how many ran): for huge stores",
    )
    parser.add_argument(
        "--kinds",
        default="search,entity,timeline,timeline_again,listing,summary",
        help="comma-separated kinds to run (default: all six)",
    )
    parser.add_argument(
        "--timeline-built",
        action="store_true",
        help="also time each timeline built past the kept pages (timeline_built), before its first read",
    )
    parser.add_argument(
        "--kept-entries",
        action="store_true",
        help="empty only the kept pages before timing: the whole timelines of much-named subjects stay "
        "as earlier reads kept them and the ingest rebuilt them",
    )
    parser.add_argument(
        "--settle",
        action="store_true",
        help="first enrol every subject over the threshold and run the catch-up to the end, as the ingest "
        "does (timed apart as the writer's cost)",
    )
    parser.add_argument(
        "--mix",
        action="store_true",
        help="timeline names in turn from the 50 most named, other kept-size subjects and subjects under "
        "the threshold, with figures per group",
    )
    parser.add_argument(
        "--min-events",
        type=int,
        default=None,
        help="the enrol threshold for this run (timeline_entries.MIN_EVENTS), to weigh another one",
    )
    args = parser.parse_args(argv)
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]

    from sqlalchemy import delete, func, select

    from dossier.errors import NotFound
    from dossier.store import Store, knowledge, queries, timeline_cache
    from dossier.store import schema as t
    from dossier.store.filters import NO_FILTERS

    if args.min_events is not None:
        from dossier.store import timeline_entries

        timeline_entries.MIN_EVENTS = args.min_events
    rng = random.Random(args.seed)
    load_before = os.getloadavg()[0]  # the shared machine's load: what the wall times were measured under
    store = Store(args.db, migrate=not args.no_migrate)
    settled = settle(store) if args.settle else None
    group_of: dict[str, str] = {}
    distinct: list[str] = []
    with store.connect() as conn:
        n_articles = conn.execute(select(func.count()).select_from(t.articles)).scalar_one()
        top = [
            r.name
            for r in conn.execute(select(t.entities.c.name).order_by(t.entities.c.mention_count.desc()).limit(50))
        ]
        n_entities = conn.execute(select(func.max(t.entities.c.id))).scalar_one() or 0
        some = [
            r.name
            for r in conn.execute(
                select(t.entities.c.name).where(
                    t.entities.c.id.in_([rng.randint(1, n_entities) for _ in range(args.queries)])
                )
            )
        ]
        titles = [
            r.title
            for r in conn.execute(
                select(t.articles.c.title).where(
                    t.articles.c.id.in_([rng.randint(1, n_articles) for _ in range(args.queries)])
                )
            )
        ]
        names = [rng.choice(top) if i % 3 == 0 or not some else rng.choice(some) for i in range(args.queries)]
        if args.mix:
            group_of = mixed_names(conn, rng, args.queries)
            names = list(group_of)
        words = []
        for title in titles or ["news"]:
            ws = [w for w in title.split() if len(w) > 3 and w.isalpha()] or ["news"]
            words.append(" ".join(rng.sample(ws, min(2, len(ws)))))

        cpu: dict[str, list[float]] = {}

        def run(kind: str, fn: Callable[[Any], Any], inputs: list[str]) -> list[float]:
            fn(inputs[0])  # warm-up
            out: list[float] = []
            cpu[kind] = []
            for value in inputs[: args.queries]:
                if args.budget_s is not None and len(out) >= 5 and sum(out) > 1000 * args.budget_s:
                    break
                started, cpu_started = time.perf_counter(), time.process_time()
                with contextlib.suppress(NotFound):
                    fn(value)
                out.append(1000 * (time.perf_counter() - started))
                cpu[kind].append(1000 * (time.process_time() - cpu_started))
            return out

        few = ["x"] * min(args.queries, 30)
        newest = list(conn.execute(select(t.articles.c.id).order_by(t.articles.c.id.desc()).limit(64)).scalars())
        runs: dict[str, tuple[Callable[[Any], Any], list[str]]] = {
            "search": (lambda q: queries.search(conn, q, limit=20), words),
            "entity": (lambda name: knowledge.get_entity(conn, name), names),
            "timeline": (lambda name: knowledge.timeline(conn, name), names),
            "listing": (lambda _x: knowledge.list_entities(conn, limit=100), few),
            "summary": (lambda _x: knowledge.entities_of_articles(conn, newest), few),
        }
        unknown = sorted(set(kinds) - set(runs) - {"timeline_again"})
        if unknown:
            parser.error(f"unknown kinds {', '.join(unknown)}; kinds: {', '.join(runs)}")
        results = {kind: run(kind, *runs[kind]) for kind in runs if kind in kinds and not kind.startswith("timeline")}
        # a kept page is only there after a first read: either kind runs both
        timed = ["timeline", "timeline_again"] if {"timeline", "timeline_again"} & set(kinds) else []
        if args.timeline_built and timed:
            timed.insert(0, "timeline_built")
        if timed:
            # Each distinct name read once with no kept page (built from the rows, the cost after any
            # write), then at once again (the page its first read kept), name by name under one load.
            distinct = list(dict.fromkeys(names))[: args.queries]
            knowledge.timeline(conn, distinct[0])  # warm-up, then its kept page goes with the rest
            with store.engine.begin() as own:  # not Store.begin: emptying the cache is not a write
                if args.kept_entries:  # the pages only: the whole timelines stay as the ingest keeps them
                    own.execute(delete(t.timeline_cache))
                else:
                    timeline_cache.clear(own)
            conn.commit()  # PostgreSQL: the reader's next statement sees the emptied table

            def built(name: str) -> None:
                ids = knowledge.find_entity_ids(conn, name) or [0]
                knowledge._build_timeline(  # private: the unkept path, for this comparison only
                    conn,
                    ids,
                    NO_FILTERS,
                    limit=knowledge.TIMELINE_PAGE,
                    offset=0,
                    newest=False,
                    sources_limit=knowledge.SOURCES_SHOWN,
                )

            read = {"timeline_built": built}
            for kind in timed:
                results[kind], cpu[kind] = [], []
            for name in distinct:
                spent = sum(results[timed[0]])
                if args.budget_s is not None and len(results[timed[0]]) >= 5 and spent > 1000 * args.budget_s:
                    break
                for kind in timed:
                    started, cpu_started = time.perf_counter(), time.process_time()
                    with contextlib.suppress(NotFound):
                        read.get(kind, lambda n: knowledge.timeline(conn, n))(name)
                    results[kind].append(1000 * (time.perf_counter() - started))
                    cpu[kind].append(1000 * (time.process_time() - cpu_started))
    figures = {
        kind: {
            "p50_ms": round(statistics.median(v), 1),
            "p95_ms": round(percentile(v, 0.95), 1),
            "max_ms": round(max(v), 1),
            "cpu_p50_ms": round(statistics.median(cpu[kind]), 1),
            "cpu_p95_ms": round(percentile(cpu[kind], 0.95), 1),
            "n": len(v),
        }
        for kind, v in results.items()
    }
    if group_of:
        figures.update(per_group(results, cpu, distinct, group_of))
    load = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    if args.json:
        out = {"db": store.safe_url, "articles": n_articles, "queries": figures, "load": load, "settle": settled}
        print(json.dumps(out))
    else:
        print(f"{store.safe_url}: {n_articles} articles  (load average {load[0]} before, {load[1]} after)")
        if settled is not None:
            print(
                f"  settle (writer): {settled['enrolled']} enrolled, {settled['built']} built"
                f" in {settled['wall_s']} s wall, {settled['cpu_s']} s CPU"
                f" (load average {settled['load'][0]} before, {settled['load'][1]} after)"
            )
        for kind, f in figures.items():
            print(
                f"  {kind:14} p50 {f['p50_ms']:8.1f} ms   p95 {f['p95_ms']:8.1f} ms   max {f['max_ms']:8.1f} ms"
                f"   cpu p50 {f['cpu_p50_ms']:7.1f} ms   p95 {f['cpu_p95_ms']:7.1f} ms"
            )
    store.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
