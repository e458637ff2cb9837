"""The ingest job: read -> skip known content -> analyse -> store, in committed batches.

Why batches: one transaction per batch keeps SQLite fast (one fsync per
batch, not per row) and keeps the crash guarantee simple: a batch is stored
whole or not at all, and a re-run skips what earlier batches stored because
its content hash is already known.  Analysis runs only on content that is
new, so re-running an ingest costs reading and hashing, not NLP.

The cross-article pass (copies, story, cross-article events:
``dossier.resolve.crossarticle.CrossArticle``) runs for each new or revised article
right after it is saved, in the same transaction, so a crash never leaves an
article stored but unresolved (or resolved but not stored).  Duplicates are
not resolved again, so a re-run adds nothing.  Where the analysis runs (this process, ``--workers N`` processes, a Dask
cluster) does not change what is stored: batches are stored by this process,
in input order (:class:`BatchPipeline`).  Without analysis only the
parts that need no NLP run: copies, and stories with capitalised word
sequences standing in for entities.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossier.analyze.executors import AnalysisExecutor, open_executor
from dossier.analyze.language import detect_language
from dossier.errors import IngestError
from dossier.ingest import DEFAULT_MAX_BYTES, Defaults, iter_sources, read_source
from dossier.model import Article, DocAnalysis
from dossier.resolve.crossarticle import CrossArticle
from dossier.store import Store
from dossier.store.write import SaveResult, known_hashes, record_rejection, save_article

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3


@dataclass(slots=True)
class IngestReport:
    """What an ingest did, item by item, and the exit code that sums it up.

    ``saved`` lists every stored item with its article; with
    ``keep_items=False`` (the command line) only the counts and the ids of
    new or revised articles are kept, so a run of millions of articles does
    not hold their texts in memory.
    """

    saved: list[tuple[Article, SaveResult]] = field(default_factory=list)
    rejected: list[IngestError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    keep_items: bool = True
    counts: Counter[str] = field(default_factory=Counter)
    changed_ids: list[int] = field(default_factory=list)

    def add(self, article: Article, result: SaveResult) -> None:
        self.counts[result.status] += 1
        if result.status == "duplicate" and result.origin_added:
            self.counts["origins_added"] += 1
        if result.status != "duplicate":
            self.changed_ids.append(result.article_id)
        if self.keep_items:
            self.saved.append((article, result))

    def count(self, status: str) -> int:
        return self.counts[status]

    @property
    def exit_code(self) -> int:
        """0 all stored; 3 partial (some inputs rejected); 1 nothing could be stored."""
        if not self.rejected:
            return EXIT_OK
        return EXIT_PARTIAL if sum(self.counts[s] for s in ("new", "revised", "duplicate")) else EXIT_FAILED

    def summary(self) -> dict[str, int]:
        return {
            "new": self.count("new"),
            "revised": self.count("revised"),
            "duplicates": self.count("duplicate"),
            "origins_added": self.count("origins_added"),
            "rejected": len(self.rejected),
        }


Progress = Callable[[str], None]


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    defaults: Defaults | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fmt: str | None = None,
    analyze: bool = True,
    batch_size: int = 64,
    resolve: bool = True,
    workers: int | None = 1,
    scheduler: str | None = None,
    executor: AnalysisExecutor | None = None,
    keep_items: bool = True,
    on_source: Progress | None = None,
    on_saved: Callable[[Article, SaveResult], None] | None = None,
    on_rejected: Callable[[IngestError], None] | None = None,
) -> IngestReport:
    """Ingest every article under ``paths`` into ``store`` and report what happened.

    ``workers``/``scheduler`` choose where the analysis runs
    (:func:`dossier.analyze.executors.open_executor`; ``workers=None`` means
    every core); ``executor`` passes one already open (kept open).
    ``keep_items=False`` keeps counts, not articles, in the report.  Storing
    stays here, one batch per transaction, in input order, so the stored
    result does not depend on where the analysis ran.  ``resolve=False``
    skips the cross-article pass (benchmarks only: articles stored that way
    are never resolved later).
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    report = IngestReport(keep_items=keep_items)
    store.ensure_schema()

    def reject(err: IngestError) -> None:
        report.rejected.append(err)
        if on_rejected:
            on_rejected(err)

    def articles() -> Iterator[Article]:
        for source in iter_sources(paths):
            if isinstance(source, IngestError):
                reject(source)
                continue
            for item in read_source(source, defaults=defaults, max_bytes=max_bytes, fmt=fmt):
                if isinstance(item, IngestError):
                    reject(item)
                elif item.language is None:
                    yield item.replace(language=detect_language(item.text))
                else:
                    yield item
            if on_source:
                on_source(source.name)

    logged = 0

    def log_rejections() -> None:
        # Rejections are kept in the store too, so `dossier stats` remembers them.
        nonlocal logged
        if len(report.rejected) > logged:
            with store.begin() as conn:
                for err in report.rejected[logged:]:
                    record_rejection(conn, err.source, err.reason)
            logged = len(report.rejected)

    own = executor is None and analyze
    if own:
        executor = open_executor(workers, scheduler)
    try:
        pipeline = BatchPipeline(store, executor if analyze else None, report, on_saved, resolve=resolve)
        for chunk in _chunks(articles(), batch_size):
            pipeline.push(chunk)
            log_rejections()
        pipeline.drain()
    finally:
        if own and executor is not None:
            executor.close()
    log_rejections()
    return report


@dataclass(slots=True)
class _Pending:
    chunk: list[Article]
    fresh: list[Article]
    future: Any


class BatchPipeline:
    """Keeps a few batches in analysis while the oldest is stored, one transaction per batch, in order.

    A batch is checked against the store before it is sent, so known content
    is never analysed; content that repeats a batch still in flight is not
    analysed twice either (it will be stored as a duplicate of it).  With an
    executor of N workers up to 2N batches are in flight, which bounds memory.
    """

    def __init__(
        self,
        store: Store,
        executor: AnalysisExecutor | None,
        report: IngestReport,
        on_saved: Callable[[Article, SaveResult], None] | None,
        *,
        resolve: bool = True,
    ) -> None:
        self.store = store
        self.executor = executor
        self.report = report
        self.on_saved = on_saved
        self.resolve = resolve
        self.depth = 2 * executor.workers if executor is not None and executor.workers > 1 else 1
        self.pending: deque[_Pending] = deque()
        self.in_flight: dict[str, int] = {}

    def push(self, chunk: list[Article]) -> None:
        with self.store.connect() as conn:
            known = known_hashes(conn, (a.hash for a in chunk))
        fresh: list[Article] = []
        future = None
        if self.executor is not None:
            seen: set[str] = set(known) | set(self.in_flight)
            for article in chunk:
                if article.hash not in seen:
                    seen.add(article.hash)
                    fresh.append(article)
            for article in fresh:
                self.in_flight[article.hash] = self.in_flight.get(article.hash, 0) + 1
            if fresh:
                future = self.executor.submit(fresh)
        self.pending.append(_Pending(chunk, fresh, future))
        while len(self.pending) >= self.depth:
            self._store(self.pending.popleft())

    def drain(self) -> None:
        while self.pending:
            self._store(self.pending.popleft())

    def _store(self, item: _Pending) -> None:
        analyses: dict[int, DocAnalysis] = {}
        if item.future is not None:
            for article, (analysis, error) in zip(item.fresh, item.future.result(), strict=True):
                if analysis is not None:
                    analyses[id(article)] = analysis
                else:
                    self.report.warnings.append(
                        f"{article.origin}: analysis failed ({error}); stored without extraction records"
                    )
        store_batch(self.store, item.chunk, analyses, self.report, self.on_saved, resolve=self.resolve)
        for article in item.fresh:
            left = self.in_flight.get(article.hash, 0) - 1
            if left > 0:
                self.in_flight[article.hash] = left
            else:
                self.in_flight.pop(article.hash, None)


def store_batch(
    store: Store,
    chunk: list[Article],
    analyses: dict[int, DocAnalysis],
    report: IngestReport,
    on_saved: Callable[[Article, SaveResult], None] | None,
    *,
    resolve: bool = True,
) -> None:
    """Store one batch and resolve its new articles across the store, in one transaction.

    ``analyses`` maps ``id(article)`` to its analysis (absent: stored without
    extraction records).
    """
    with store.begin() as conn:
        cross = CrossArticle(conn) if resolve else None
        results = []
        for article in chunk:
            analysis = analyses.get(id(article))
            result = save_article(conn, article, analysis)
            if cross is not None and result.status != "duplicate":
                cross.add(result.article_id, article, analysis, revised=result.status == "revised")
            results.append((article, result))
    for article, result in results:
        report.add(article, result)
        if on_saved:
            on_saved(article, result)
