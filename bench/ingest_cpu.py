"""Where an ingest's time goes: analysis, storing, the rest, the garbage collector (issue #13).

Usage (from the repository root)::

    python bench/ingest_cpu.py --corpus FILE --limit 200                # --workers 0
    python bench/ingest_cpu.py --corpus FILE --limit 200 --writer       # --workers 1
    python bench/ingest_cpu.py --corpus FILE --limit 100 --split        # --workers 1, per process and step
    python bench/ingest_cpu.py --corpus FILE --limit 200 --workers 2    # a pool of two

By default it runs the real ingest (:func:`dossier.ingest.job.ingest`) with
the analysis and the writer in this process (``--workers 0``), models loaded
and warmed first, and splits this
process's CPU per article into the analysis (the executor's ``submit``), the
store with the cross-article pass (``write_batch``), the rest (reading,
language identification, de-duplication) and, across all of them, the cyclic
garbage collector's passes.  CPU, not wall time: on a shared machine wall time
measures the neighbours.

``--writer`` runs it as ``--workers 1`` does (the analysis here, a writer
process storing each batch meanwhile) and prints the CPU per article of this
process and of the writer process, the wall time, and bare spaCy's CPU per
article on the same texts: with a free second core the ingest's pace is this
process's CPU, so ``spaCy CPU / this process's CPU`` is what ``bench/run.py``'s
``--workers 1`` ratio reaches on a quiet machine.

It also prints the tail: the wall time from the end of the last analysis to
the end of the ingest, what the writer process still had to store then (a
whole run's figure, not per article).

``--split`` runs it as ``--workers 1`` too and splits each process's CPU per
article: the analysing process's main thread by step (reading, language
identification, the known-content query, the analysis, the hand-off), its
other threads (pickling), the wall time it waited for the writer process, and
the writer process's start-up and storing (:func:`writer_split`); first, as the
reference, the same articles analysed in the same parts with no writer process
beside (:func:`_analysis_alone`).

``--workers 2`` runs it with a process pool (started and warmed first) and
prints, batch by batch, how long this process waited for the analyses and how
long it stored (wall and CPU), and the pickled size of the analyses that came
back: whether the writer keeps up with the workers and what crosses the process
boundary.  Each run stores into a new SQLite file under ``--tmp``.
"""

from __future__ import annotations

import argparse
import gc
import pickle
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from writer_statements import trimmed_corpus


def _warm_articles(n: int) -> list[Any]:
    from dossier.model import Article

    text = "Warm-up. Boris Johnson visited Paris on Monday, officials said."
    return [Article(text=text, origin=f"warm#{i}", format="txt", language="en") for i in range(n)]


def _new_store(tmp: Path, name: str) -> Any:
    from dossier.store import Store

    for p in tmp.glob(name + "*"):
        p.unlink()
    store = Store(str(tmp / name))
    store.ensure_schema()
    return store


def one_worker(path: Path, n: int, tmp: Path) -> dict[str, float]:
    import dossier.ingest.job as job
    from dossier.analyze.executors import InProcess

    spent: Counter[str] = Counter()
    started = [0.0]

    def collector(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            started[0] = time.process_time()
        else:
            spent["gc"] += time.process_time() - started[0]

    class Timed(InProcess):
        def submit(self, articles: list[Any]) -> Any:
            t = time.process_time()
            try:
                return super().submit(articles)
            finally:
                spent["analysis"] += time.process_time() - t

    plain = job.write_batch

    def write_batch(*args: Any, **kwargs: Any) -> Any:
        t = time.process_time()
        try:
            return plain(*args, **kwargs)
        finally:
            spent["store"] += time.process_time() - t

    executor = Timed()
    executor.submit(_warm_articles(1)).result()
    spent.clear()
    store = _new_store(tmp, "one.db")
    job.write_batch = write_batch
    gc.callbacks.append(collector)
    try:
        cpu = time.process_time()
        job.ingest([path], store, executor=executor, post_ingest=False)
        cpu = time.process_time() - cpu
    finally:
        gc.callbacks.remove(collector)
        job.write_batch = plain
        store.dispose()
    ms = {k: round(1000 * v / n, 1) for k, v in spent.items()}
    return {
        "total": round(1000 * cpu / n, 1),
        **ms,
        "rest": round(1000 * (cpu - spent["analysis"] - spent["store"]) / n, 1),
    }


def writer_process(path: Path, n: int, tmp: Path) -> dict[str, float]:
    """CPU per article of this process and of the writer process in a ``--workers 1`` ingest, and bare spaCy's."""
    import json
    import resource

    import spacy

    import dossier.ingest.job as job
    from dossier.analyze.executors import InProcess
    from dossier.analyze.nlp import EN_MODEL

    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = spacy.load(EN_MODEL)  # the full pipeline, as bench/run.py's baseline
    list(nlp.pipe(texts[:5]))
    cpu = time.process_time()
    list(nlp.pipe(texts, batch_size=64))
    spacy_cpu = time.process_time() - cpu
    warm = _new_store(tmp, "warm.db")
    job.ingest_items(_warm_articles(2), warm, workers=0, post_ingest=False)  # models loaded before timing
    store = _new_store(tmp, "writer.db")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    analysed = [0.0]
    plain = InProcess.submit

    def submit(self: Any, articles: list[Any]) -> Any:
        try:
            return plain(self, articles)
        finally:
            analysed[0] = time.perf_counter()

    InProcess.submit = submit  # type: ignore[method-assign]
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        job.ingest([path], store, workers=1, post_ingest=False)
        ended = time.perf_counter()
        wall, cpu = ended - wall, time.process_time() - cpu
    finally:
        InProcess.submit = plain  # type: ignore[method-assign]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the writer process has been joined
    writer = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    store.dispose()
    return {
        "bare spaCy": round(1000 * spacy_cpu / n, 1),
        "this process": round(1000 * cpu / n, 1),
        "writer process": round(1000 * writer / n, 1),
        "wall": round(1000 * wall / n, 1),
        "predicted ratio": round(spacy_cpu / cpu, 2),
        "tail ms (whole run)": round(1000 * (ended - analysed[0])),
    }


class _Split:
    """Per-process CPU accounting of a ``--workers 1`` ingest (``--split``): wrappers that add the
    main thread's CPU (``time.thread_time``) of each step of the analysing process, and the wall
    time it spent blocked on the writer process."""

    def __init__(self) -> None:
        self.cpu: Counter[str] = Counter()
        self.writer_started: Any = None
        self.writer_ended: Any = None
        #: ``time.perf_counter()`` at the start and end of each analysis, and of each wait for the writer
        self.analysed: list[tuple[float, float]] = []
        self.waits: list[float] = []

    def timed(self, name: str, function: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t, wall = time.thread_time(), time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.cpu[name] += time.thread_time() - t
                if name == "analysis":
                    self.analysed.append((wall, time.perf_counter()))

        return wrapper

    def waited(self, function: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t, c = time.perf_counter(), time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.waits.append((time.perf_counter() - t) - (time.thread_time() - c))

        return wrapper


def _collector_time() -> Any:
    """A function that says the CPU seconds the cyclic garbage collector has taken so far (from now)."""
    spent = [0.0, 0.0]

    def callback(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            spent[1] = time.process_time()
        else:
            spent[0] += time.process_time() - spent[1]

    gc.callbacks.append(callback)
    return lambda: spent[0]


def _analysis_alone(path: Path, part: int) -> float:
    """CPU seconds (this thread) of analysing the corpus here in parts of ``part``, nothing beside it.

    The reference for the ingest's analysis row: the same articles, the same parts
    (``job.STREAM_PART``), no writer process running.  More CPU per article in the ingest means
    the analysis itself ran slower with the writer busy on the other core (shared caches, or two
    virtual cores on one physical one), which no change to the hand-off can remove."""
    from analysis_cpu import read_articles

    from dossier.analyze.executors import InProcess

    articles, _read = read_articles(path)
    executor = InProcess()
    t = time.thread_time()
    for start in range(0, len(articles), part):
        executor.submit(articles[start : start + part]).result()
    return time.thread_time() - t


def writer_split(path: Path, n: int, tmp: Path) -> dict[str, float]:
    """Where each process of a ``--workers 1`` ingest spends its CPU, and how long the analysing
    process waits, per article.

    The analysing process (this one): its main thread split into reading (the JSON-lines reader
    and the rest of the loop), language identification, the known-content query (``_select``),
    the analysis, the hand-off to the writer (``WriterProcess.submit``: queueing; the pickling
    runs in the pool's feeder thread, counted under "other threads"), reporting the stored batch
    (``_stored``); and the wall time it waited for the writer process without using CPU (its
    previous batch, between batches; the last batch, at the end), before its first analysis and
    after its last one.  The writer process: its start-up (spawned interpreter, imports,
    opening the store: CPU up to its first task) and what it does after that: the storing
    (unpickling, ``write_batch``, the cross-article pass).  The
    analysing process's models, the language model included, are loaded before timing, as
    ``bench/run.py``'s earlier rows leave them (the command line loads the language model in
    the run: 0.3 s more); the writer process is started inside the timed run, as there.
    """
    import resource

    import dossier.ingest.job as job
    from dossier.analyze.executors import InProcess
    from dossier.analyze.language import _identifier

    warm = _new_store(tmp, "warm.db")
    job.ingest_items(_warm_articles(2), warm, workers=0, post_ingest=False)  # models loaded before timing
    _identifier()  # the language model too, as bench/run.py's earlier rows leave it
    collecting = _collector_time()
    gc_before = collecting()
    alone = _analysis_alone(path, job.STREAM_PART)
    gc_alone = collecting() - gc_before
    store = _new_store(tmp, "split.db")
    split = _Split()
    plain_init, plain_close = job.WriterProcess.__init__, job.WriterProcess.close

    def init(self: Any, store: Any) -> None:
        plain_init(self, store)
        split.writer_started = self.pool.submit(time.process_time)  # runs once the store is open

    def close(self: Any) -> None:
        split.writer_ended = self.pool.submit(time.process_time).result()
        split.writer_started = split.writer_started.result()
        plain_close(self)

    patched = [
        (job, "detect_language", split.timed("language identification", job.detect_language)),
        (InProcess, "submit", split.timed("analysis", InProcess.submit)),
        (job.IngestPipeline, "_select", split.timed("known content (_select)", job.IngestPipeline._select)),
        (job.WriterProcess, "submit", split.timed("hand-off (submit)", job.WriterProcess.submit)),
        (job.IngestPipeline, "_stored", split.timed("report (_stored)", job.IngestPipeline._stored)),
        (job.BatchPipeline, "_finish_writing", split.waited(job.BatchPipeline._finish_writing)),
        (job.WriterProcess, "__init__", init),
        (job.WriterProcess, "close", close),
    ]
    saved = [(owner, name, getattr(owner, name)) for owner, name, _ in patched]
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    for owner, name, value in patched:
        setattr(owner, name, value)
    try:
        wall, cpu, main = time.perf_counter(), time.process_time(), time.thread_time()
        began = wall
        job.ingest([path], store, workers=1, post_ingest=False)
        wall, cpu, main = time.perf_counter() - wall, time.process_time() - cpu, time.thread_time() - main
    finally:
        for owner, name, value in saved:
            setattr(owner, name, value)
        store.dispose()
    gc_ingest = collecting() - gc_before - gc_alone
    alone_after = _analysis_alone(path, job.STREAM_PART)  # again: the load may have changed meanwhile
    gc_ingest = collecting() - gc_before - gc_alone
    alone_after = _analysis_alone(path, job.STREAM_PART)  # again: the load may have changed meanwhile
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the writer process has been joined
    writer = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    ms = lambda seconds: round(1000 * seconds / n, 2)  # noqa: E731
    parts = {f"  {name}": ms(seconds) for name, seconds in split.cpu.items()}
    reading = main - sum(split.cpu.values())
    analysing = sum(end - start for start, end in split.analysed)
    return {
        "analysis alone, same parts, no writer process (reference)": ms(alone),
        "  the same, after the ingest": ms(alone_after),
        "  of which the garbage collector (the first)": ms(gc_alone),
        "analysing process, CPU": ms(cpu),
        "  main thread": ms(main),
        **parts,
        "  reading and the rest of the main thread": ms(reading),
        "  other threads (pickling, the pool's queue)": ms(cpu - main),
        "  the garbage collector, all steps": ms(gc_ingest),
        "  blocked on the writer between batches (wall, no CPU)": ms(sum(split.waits[:-1])),
        "  blocked on the writer at the end (wall, no CPU)": ms(split.waits[-1] if split.waits else 0.0),
        "  idle or descheduled (wall - main thread CPU)": ms(wall - main),
        "wall before the first analysis (start-up, reading)": ms(split.analysed[0][0] - began),
        "wall in the analysis": ms(analysing),
        "wall after the last analysis (tail)": ms(began + wall - split.analysed[-1][1]),
        "writer process, CPU": ms(writer),
        "  start-up (to the store opened)": ms(split.writer_started or 0.0),
        "  storing (unpickling, write_batch)": ms(
            (split.writer_ended or 0.0) - (split.writer_started or 0.0)
        ),
        "  exit (after the last batch)": ms(writer - (split.writer_ended or 0.0)),
        "wall": ms(wall),
    }


def two_workers(path: Path, n: int, tmp: Path, workers: int) -> None:
    import dossier.ingest.job as job
    from dossier.analyze.executors import ProcessPool

    executor = ProcessPool(workers)
    warm = _warm_articles(2 * workers)
    for f in [executor.submit(warm[i : i + 2]) for i in range(0, len(warm), 2)]:
        f.result()
    log: list[tuple[str, int, float, float, int]] = []
    plain_store, plain_result = job.write_batch, job._Gathered.result

    def write_batch(store: Any, chunk: list[Any], analyses: dict[int, Any], *args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return plain_store(store, chunk, analyses, *args, **kwargs)
        finally:
            # a batch stored as its parts come back holds its analyses in ``received`` (job._Arriving)
            size = sum(len(pickle.dumps(a)) for a in getattr(analyses, "received", analyses).values())
            log.append(("store", len(chunk), time.perf_counter() - wall, time.process_time() - cpu, size))

    def result(self: Any) -> Any:
        wall = time.perf_counter()
        try:
            return plain_result(self)
        finally:
            log.append(("wait", 0, time.perf_counter() - wall, 0.0, 0))

    store = _new_store(tmp, "pool.db")
    job.write_batch, job._Gathered.result = write_batch, result  # type: ignore[method-assign]
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        job.ingest([path], store, executor=executor, post_ingest=False)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    finally:
        job.write_batch, job._Gathered.result = plain_store, plain_result  # type: ignore[method-assign]
        executor.close()
        store.dispose()
    for kind, k, seconds, cpu_s, size in log:
        what = f"stored {k:3} articles" if kind == "store" else "waited for analyses"
        extra = f" (CPU {cpu_s:5.2f} s, analyses pickled {size / k / 1024:4.1f} KiB each)" if kind == "store" else ""
        print(f"{what:22} {seconds:6.2f} s{extra}")
    waited = sum(s for kind, _k, s, _c, _z in log if kind == "wait")
    print(f"total {wall:.1f} s wall, this process {1000 * cpu / n:.1f} ms CPU per article, waited {waited:.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True, help="JSON-lines corpus (bbc-news.jsonl)")
    parser.add_argument("--limit", type=int, default=200, help="first N items of the corpus (default 200)")
    parser.add_argument("--workers", type=int, default=1, help="1: split this process's CPU; more: a pool")
    parser.add_argument("--writer", action="store_true", help="--workers 1: the analysis here, a writer process")
    parser.add_argument("--split", action="store_true", help="--workers 1: CPU per process and per step, and the waits")
    parser.add_argument("--tmp", type=Path, default=Path("/tmp/ingest_cpu"), help="folder for the stores")
    args = parser.parse_args(argv)
    args.tmp.mkdir(parents=True, exist_ok=True)
    path = trimmed_corpus(args.corpus, args.limit, args.tmp)
    if args.split:
        for name, value in writer_split(path, args.limit, args.tmp).items():
            print(f"{name:50} {value:8.2f} ms per article")
    elif args.writer:
        figures = writer_process(path, args.limit, args.tmp)
        print("CPU ms per article: " + ", ".join(f"{k} {v}" for k, v in figures.items()))
    elif args.workers == 1:
        figures = one_worker(path, args.limit, args.tmp)
        print("CPU ms per article: " + ", ".join(f"{k} {v}" for k, v in figures.items()))
    else:
        two_workers(path, args.limit, args.tmp, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
