"""Where per-document analysis runs: this process, a pool of local processes, or a Dask cluster.

The analysis of an article is a pure function of the article (see
:mod:`dossier.analyze.pipeline`), so batches of articles can be analysed
anywhere and in any order; the caller keeps the order by collecting results
in submission order.  Storing stays with the caller, in one process: that is
what keeps the ingest's crash and idempotency guarantees (one writer, one
transaction per batch) whatever runs the analysis.

Every executor has the same two methods: ``submit(articles)`` returns a
future whose ``result()`` is a :data:`BatchResult`, and ``close()``.  Worker
processes (pool or Dask) load the models once, on their first batch, and keep
them for every later batch (:func:`analyse_batch` caches its ``Analyzer`` per
process).
"""

from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import Future
from typing import Any, Protocol

from dossier.errors import UsageError
from dossier.model import Article, DocAnalysis

#: One entry per article of a batch, in order: its analysis, or ``None`` and why it failed.
BatchResult = list[tuple[DocAnalysis | None, str | None]]

_analyzer: Any = None
_lock = threading.Lock()


def analyse_batch(articles: list[Article]) -> BatchResult:
    """Analyse a batch with this process's analyser (created on first use, then kept).

    Runs in worker processes: it is a module-level function so that both
    ``concurrent.futures`` and Dask can ship it by reference.  The lock makes
    it safe under a threaded Dask worker too (one batch at a time per process).
    """
    global _analyzer
    with _lock:
        if _analyzer is None:
            from dossier.analyze import Analyzer

            _analyzer = Analyzer()
        failures: dict[int, str] = {}

        def failed(article: Article, exc: Exception) -> None:
            failures[id(article)] = f"{type(exc).__name__}: {exc}"

        _analyzer.on_error = failed
        done = {id(article): analysis for article, analysis in _analyzer.pipe(articles)}
        return [(done.get(id(a)), failures.get(id(a))) for a in articles]


class AnalysisExecutor(Protocol):
    """Runs :func:`analyse_batch` somewhere and hands back a future of its result."""

    workers: int

    def submit(self, articles: list[Article]) -> Any: ...

    def close(self) -> None: ...


class InProcess:
    """Analysis in the calling process (``--workers 1``): no pickling, no start-up cost."""

    workers = 1

    def __init__(self, analyzer: Any = None) -> None:
        if analyzer is None:
            from dossier.analyze import Analyzer

            analyzer = Analyzer()
        self.analyzer = analyzer

    def submit(self, articles: list[Article]) -> Future[BatchResult]:
        failures: dict[int, str] = {}

        def failed(article: Article, exc: Exception) -> None:
            failures[id(article)] = f"{type(exc).__name__}: {exc}"

        self.analyzer.on_error = failed
        done = {id(article): analysis for article, analysis in self.analyzer.pipe(articles)}
        future: Future[BatchResult] = Future()
        future.set_result([(done.get(id(a)), failures.get(id(a))) for a in articles])
        return future

    def close(self) -> None:
        pass


class ProcessPool:
    """Analysis in ``workers`` local processes (``--workers N``).

    Processes are *spawned*, not forked: the parent holds database
    connections and may run threads (the progress bar), neither of which
    survives a fork safely.
    """

    def __init__(self, workers: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.workers = workers
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))

    def submit(self, articles: list[Article]) -> Future[BatchResult]:
        return self.pool.submit(analyse_batch, articles)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _Deferred:
    """The future of a first batch: analysed by the pool if more batches follow, else here."""

    def __init__(self, owner: LazyPool, articles: list[Article]) -> None:
        self.owner = owner
        self.articles = articles
        self.inner: Any = None

    def result(self) -> BatchResult:
        if self.inner is None:
            self.inner = InProcess().submit(self.articles)
        return self.inner.result()


class LazyPool:
    """A :class:`ProcessPool` started only when a second batch arrives.

    Starting worker processes costs each of them the model loading (seconds);
    an input of one batch (a few files, a test) is analysed here instead.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool: ProcessPool | None = None
        self.first: _Deferred | None = None

    def submit(self, articles: list[Article]) -> Any:
        if self.pool is None:
            if self.first is None:
                self.first = _Deferred(self, articles)
                return self.first
            self.pool = ProcessPool(self.workers)
            if self.first.inner is None:
                self.first.inner = self.pool.submit(self.first.articles)
        return self.pool.submit(articles)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()


class DaskCluster:
    """Analysis on a Dask distributed cluster (``--scheduler tcp://HOST:PORT`` or ``local``).

    ``local`` starts a ``LocalCluster`` of ``workers`` single-threaded worker
    processes (``processes=False`` keeps them as threads in this process:
    tests use it).  A remote scheduler's workers must have Dossier and its
    models installed; they never touch the store.
    """

    def __init__(self, scheduler: str, workers: int = 2, *, processes: bool = True) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - dask is a dependency
            raise UsageError("--scheduler needs dask[distributed]", hint="pip install 'dask[distributed]'") from exc
        self.cluster = None
        if scheduler == "local":
            self.cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=processes,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self.client = Client(self.cluster)
        else:
            try:
                self.client = Client(scheduler, timeout="20s")
            except OSError as exc:
                raise UsageError(
                    f"cannot reach the Dask scheduler at {scheduler}: {exc}",
                    hint="start `dask scheduler` and `dask worker ADDRESS` (docs/scale.md) or use --scheduler local",
                ) from exc
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or workers)

    def submit(self, articles: list[Article]) -> Any:
        # pure=False: two equal batches are still two tasks (Dask would otherwise share one result).
        return self.client.submit(analyse_batch, articles, pure=False)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def open_executor(
    workers: int | None = None, scheduler: str | None = None, *, analyzer: Any = None
) -> AnalysisExecutor:
    """The executor for ``--workers``/``--scheduler``: Dask if a scheduler is named, else a pool, else this process."""
    if workers is not None and workers < 1:
        raise UsageError(f"--workers must be at least 1, got {workers}")
    if scheduler:
        return DaskCluster(scheduler, workers or 2)
    n = workers if workers is not None else default_workers()
    if n == 1:
        return InProcess(analyzer)
    return LazyPool(n)
