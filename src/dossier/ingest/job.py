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

import logging
import os
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import make_url

from dossier.analyze.executors import AnalysisExecutor, default_workers, open_executor
from dossier.analyze.language import detect_language
from dossier.errors import IngestError, IngestSkip
from dossier.ingest import Defaults, ReadItem, ReadLimits, iter_sources, read_source
from dossier.model import Article, DocAnalysis
from dossier.resolve.crossarticle import CrossArticle
from dossier.store import Store, timeline_cache
from dossier.store.write import BatchLookups, SaveResult, known_hashes, record_rejection, save_article

_log = logging.getLogger(__name__)

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
    skipped: list[IngestSkip] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    keep_items: bool = True
    counts: Counter[str] = field(default_factory=Counter)
    changed_ids: list[int] = field(default_factory=list)
    #: ``time.monotonic()`` when the ingest began: the post-ingest catch-up is bounded by its length.
    started: float = field(default_factory=time.monotonic, compare=False, repr=False)

    def add(self, article: Article, result: SaveResult) -> None:
        self.counts[result.status] += 1
        if result.status == "duplicate" and result.origin_added:
            self.counts["origins_added"] += 1
        if result.status in ("new", "revised", "updated"):
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
            "updated": self.count("updated"),
            "deleted": self.count("deleted"),
            "rejected": len(self.rejected),
            "skipped": len(self.skipped),
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
    max_bytes: int | None = None,
    fmt: str | None = None,
    limits: ReadLimits | None = None,
    follow_links: bool = False,
    on_source: Progress | None = None,
    **options: Any,
) -> IngestReport:
    """Ingest every article under ``paths`` into ``store`` and report what happened.

    Reads the files, folders and streams under ``paths`` and hands what it
    reads to :func:`ingest_items`, whose keyword options it takes too.
    Rejections (inputs that could not be read) make the exit code partial
    and are kept in the store; skips (inputs left out on purpose: a licence
    file, a link, a WARC redirect) are named through ``on_skipped`` and
    counted, but are not failures.
    """

    def items() -> Iterator[ReadItem]:
        for source in iter_sources(paths, follow_links=follow_links):
            if isinstance(source, IngestError):
                yield source
                continue
            yield from read_source(source, defaults=defaults, max_bytes=max_bytes, fmt=fmt, limits=limits)
            if on_source:
                on_source(source.name)

    return ingest_items(items(), store, **options)


def ingest_items(
    items: Iterable[ReadItem],
    store: Store,
    *,
    analyze: bool = True,
    batch_size: int = 64,
    resolve: bool = True,
    workers: int | None = 1,
    scheduler: str | None = None,
    executor: AnalysisExecutor | None = None,
    update_metadata: bool = False,
    user: str | None = None,
    keep_items: bool = True,
    on_saved: Callable[[Article, SaveResult], None] | None = None,
    on_rejected: Callable[[IngestError], None] | None = None,
    on_skipped: Callable[[IngestSkip], None] | None = None,
    post_ingest: bool = True,
) -> IngestReport:
    """Store articles already read (from files, or fetched from the web by ``dossier.monitor``).

    The one path every ingest takes: ``IngestError`` items are recorded as
    rejections (``IngestSkip`` ones as skips), new articles are analysed and
    stored in committed batches, and the post-ingest hooks (alerts) run once
    at the end unless ``post_ingest`` is false (a watch round runs them once
    for all its sources).

    ``workers``/``scheduler`` choose where the analysis runs
    (:func:`dossier.analyze.executors.open_executor`; ``workers=None`` means
    every core); ``executor`` passes one already open (kept open).
    ``workers=1`` analyses here and, when the input has more than one batch
    and the machine more than one core, stores in one separate writer process
    (:class:`WriterProcess`) while the next batch is analysed; ``workers=0``
    does both in this process, one after the other (one core).
    ``keep_items=False`` keeps counts, not articles, in the report.  Storing
    stays with one writer, one batch per transaction, in input order, so the
    stored result does not depend on where the analysis ran.  ``resolve=False``
    skips the cross-article pass (benchmarks only: articles stored that way
    are never resolved later).  ``update_metadata`` (``ingest --update``)
    applies the metadata of inputs whose content is already stored, as
    corrections by ``user`` (see ``dossier.corrections``).
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    report = IngestReport(keep_items=keep_items)
    store.ensure_schema()

    def reject(err: IngestError) -> None:
        if isinstance(err, IngestSkip):
            report.skipped.append(err)
            if on_skipped:
                on_skipped(err)
            return
        report.rejected.append(err)
        if on_rejected:
            on_rejected(err)

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, IngestError):
                reject(item)
                continue
            replaced = item.extra.get("decode_replaced")
            if replaced:
                report.warnings.append(
                    f"{item.origin}: {replaced} undecodable byte(s) replaced with U+FFFD "
                    f"(decoded as {item.extra.get('encoding', 'utf-8')})"
                )
            if item.language is None:
                item = item.replace(language=detect_language(item.text, prior=item.extra.get("channel_language")))
            yield item

    logged = 0

    def log_rejections() -> None:
        # Rejections are kept in the store too, so `dossier stats` remembers them.
        nonlocal logged
        if len(report.rejected) > logged:
            pending = report.rejected[logged:]
            store.transaction(
                lambda conn: [record_rejection(conn, e.source, e.reason) for e in pending], timelines=False
            )
            logged = len(report.rejected)

    own = executor is None and analyze
    separate_writer = False
    if own:
        executor, separate_writer = open_analysis(store, workers, scheduler)
    pipeline = IngestPipeline(
        store,
        executor if analyze else None,
        report,
        on_saved,
        resolve=resolve,
        update_metadata=update_metadata,
        user=user,
        separate_writer=separate_writer,
    )
    try:
        for chunk in _chunks(articles(), batch_size):
            pipeline.push(chunk)
            log_rejections()
        pipeline.drain()
    finally:
        pipeline.close()
        if own and executor is not None:
            executor.close()
    log_rejections()
    if post_ingest:
        run_post_ingest(store, report)
    return report


# -- post-ingest hooks -------------------------------------------------------------

PostIngest = Callable[[Store, IngestReport], None]
POST_INGEST: list[PostIngest] = []


def register_post_ingest(hook: PostIngest) -> PostIngest:
    """Run ``hook(store, report)`` after every ingest (files, ``fetch``, ``watch``).

    Hooks must be cheap when they have nothing to do: they run after every
    ingest.  A failing hook never undoes the ingest; its error becomes a
    warning in the report.
    """
    if hook not in POST_INGEST:
        POST_INGEST.append(hook)
    return hook


def run_post_ingest(store: Store, report: IngestReport) -> None:
    for hook in POST_INGEST:
        try:
            hook(store, report)
        except Exception as exc:  # noqa: BLE001 - the articles are stored; a hook's failure is reported, not fatal
            report.warnings.append(f"after-ingest step {getattr(hook, '__name__', hook)} failed: {exc}")


#: The fewest articles a part of a batch sent to one worker may have (see ``BatchPipeline._submit``).
MIN_PART = 8
#: Articles per part when a batch is handed to the writer process as it is analysed
#: (``BatchPipeline._store_streamed``): the storing left after the analysis ends is one part's.
STREAM_PART = 16


def open_analysis(store: Store, workers: int | None, scheduler: str | None) -> tuple[AnalysisExecutor, bool]:
    """The executor for ``--workers``/``--scheduler``, and whether one writer process stores beside it.

    ``--workers 1``: the one analysis process is this one, and the batches are stored by a
    :class:`WriterProcess`, where a second core can run it (not for a store in memory, which
    another process cannot open, nor on a one-core machine).  ``--workers 0``: the analysis and
    the storing both here, one after the other.  More workers, or a Dask cluster: the analysis
    there, the storing here.  ``dossier ingest`` and ``dossier reanalyze`` both choose here.
    """
    separate_writer = workers == 1 and not scheduler and can_share(store) and default_workers() > 1
    return open_executor(1 if workers == 0 else workers, scheduler), separate_writer


class _Gathered:
    """The result of a batch analysed in parts: the parts' results joined, in order."""

    def __init__(self, futures: list[Any], sizes: list[int] | None = None) -> None:
        self.futures = futures
        #: articles per part, in order (what :meth:`BatchPipeline._store_as_analysed` reads)
        self.sizes = sizes or []

    def result(self) -> list[Any]:
        return [entry for future in self.futures for entry in future.result()]


class _Parted:
    """The future of a batch handed to the writer process in parts: the last part's result, once
    every part was taken (an error in any of them is raised)."""

    def __init__(self, futures: list[Any]) -> None:
        self.futures = futures

    def result(self) -> Any:
        return [future.result() for future in self.futures][-1]


#: How to store a batch: a function defined at module level and its arguments (``BatchPipeline._write``).
WriteCall = tuple[Callable[..., Any], tuple[Any, ...]]


@dataclass(slots=True)
class PendingBatch:
    chunk: list[Any]
    fresh: list[Article]
    future: Any


class BatchPipeline:
    """Keeps a few batches in analysis while the oldest is stored, one transaction per batch, in order.

    The one mechanism behind ``dossier ingest`` (:class:`IngestPipeline`) and ``dossier reanalyze``
    (:class:`dossier.ingest.reanalysis.ReanalysisPipeline`); what a batch is, which of its articles
    are analysed and how it is stored are theirs (:meth:`_select`, :meth:`_write`, :meth:`_stored`,
    :meth:`_failed`).  With an executor of N workers up to 2N batches are in flight, which bounds
    memory.

    ``separate_writer`` (``--workers 1``): the analysis runs here and the batches are stored by one
    :class:`WriterProcess`, each batch while the next one is analysed.  Why: storing and the
    cross-article pass cost about a fifth of the analysis per article, and in one process they only
    add to it; threads cannot overlap them (the GIL).  The writer still stores one batch at a time,
    in order, and the next batch is sent only once the previous one is stored, so a failure (or a
    kill) stops the run where one process would stop.  A single batch is stored here (no process to
    start).  The same function stores a batch in either process (:meth:`_write` names it), so where
    it runs does not change what is stored.
    """

    def __init__(self, store: Store, executor: AnalysisExecutor | None, *, separate_writer: bool = False) -> None:
        self.store = store
        self.executor = executor
        self.separate_writer = separate_writer and executor is not None
        if executor is not None and executor.workers > 1:
            self.depth = 2 * executor.workers
        else:
            # With a writer process, one batch waits unanalysed so that we know whether another follows.
            self.depth = 2 if self.separate_writer else 1
        self.pending: deque[PendingBatch] = deque()
        self.writer: WriterProcess | None = None
        self.writing: tuple[PendingBatch, Any] | None = None

    # -- what a kind of run decides ---------------------------------------------------

    def _select(self, chunk: list[Any]) -> list[Article]:
        """The articles of ``chunk`` to analyse (called only with an executor)."""
        raise NotImplementedError

    def _write(self, item: PendingBatch, analyses: list[DocAnalysis | None]) -> WriteCall:
        """How to store a batch: a module-level function and its (picklable) arguments.

        Called as ``function(store, *arguments)`` here or in the :class:`WriterProcess`; one
        transaction (or its re-runs); what it returns goes to :meth:`_stored`.  ``analyses`` are
        ``item.fresh``'s, in order, ``None`` where the analysis failed.
        """
        raise NotImplementedError

    def _stored(self, item: PendingBatch, outcome: Any) -> None:
        """A batch is stored (in order): report it."""
        raise NotImplementedError

    def _failed(self, failures: list[str]) -> None:
        """Warnings for the articles of a batch whose analysis failed (told before it is stored)."""
        raise NotImplementedError

    def _failure(self, article: Article, error: str | None) -> str:
        return f"{article.origin}: analysis failed ({error})"

    # -- the mechanism -------------------------------------------------------------------

    def push(self, chunk: list[Any]) -> None:
        fresh = self._select(chunk) if self.executor is not None else []
        future = self._submit(fresh) if fresh and not self.separate_writer else None
        self.pending.append(PendingBatch(chunk, fresh, future))
        while len(self.pending) >= self.depth:
            self._store(self.pending.popleft())

    def _submit(self, fresh: list[Article]) -> Any:
        """Send a batch for analysis, cut in one part per worker when there are several.

        Why: a batch is the unit of storing (one transaction), not of analysis.  Sent whole, one
        batch keeps one worker busy while the others wait for theirs: 150 articles in batches of
        64 are three tasks for two workers, the last one run alone.  Cut in parts, every worker
        has a share of each batch, and the batch is ready sooner for the writer.
        """
        assert self.executor is not None
        workers = self.executor.workers
        if workers <= 1 or len(fresh) < 2 * MIN_PART:
            return self.executor.submit(fresh)
        # Two parts per worker: the batch is stored here part by part as they come back
        # (``_store_as_analysed``), so the first half is stored while the second is analysed.
        size = max(MIN_PART, -(-len(fresh) // (2 * workers)))
        parts = [fresh[i : i + size] for i in range(0, len(fresh), size)]
        return _Gathered([self.executor.submit(part) for part in parts], [len(part) for part in parts])

    def drain(self) -> None:
        while self.pending:
            self._store(self.pending.popleft())
        self._finish_writing()

    def close(self) -> None:
        """Stop the writer process (after the batch it is storing, if any)."""
        if self.writer is not None:
            self.writer.close()
            self.writer = None

    def _store(self, item: PendingBatch) -> None:
        if self.separate_writer and self.writer is None and self.pending:
            # More than one batch: start the writer now, it starts up while this batch is analysed.
            self.writer = WriterProcess(self.store)
        if self.writer is not None and item.future is None and len(item.fresh) > STREAM_PART:
            streamed = self._stream(item)
            if streamed is not None:
                self._store_streamed(item, *streamed)
                return
        if self.writer is None and isinstance(item.future, _Gathered) and len(item.future.futures) > 1:
            streamed = self._stream(item)
            if streamed is not None:
                self._store_as_analysed(item, item.future, *streamed)
                return
        if self.separate_writer and item.fresh and item.future is None:
            item.future = self.executor.submit(item.fresh)  # type: ignore[union-attr]
        analyses, failures = self._analyses(item)
        self._finish_writing()  # the previous batch's results and notes come first, as in one process
        self._failed(failures)
        function, arguments = self._write(item, analyses)
        if self.writer is not None:
            self.writing = (item, self.writer.submit(function, *arguments))
            return
        self._stored(item, function(self.store, *arguments))

    def _stream(self, item: PendingBatch) -> tuple[list[int], tuple[Any, ...]] | None:
        """How to hand a batch to the writer process in parts as they are analysed (see
        :meth:`_store_streamed`): the position in ``item.chunk`` of each of ``item.fresh``, and the
        (picklable) arguments of :func:`_stream_open` after the chunk and those positions; ``None``
        to hand it over whole (:meth:`_write`)."""
        return None

    def _store_streamed(self, item: PendingBatch, positions: list[int], options: tuple[Any, ...]) -> None:
        """Analyse a batch in parts of :data:`STREAM_PART` and send each part to the writer process
        as soon as it is analysed, into the one transaction that stores the batch.

        Why: handed over whole, a batch is stored only after its last article is analysed, so the
        storing of the input's last batch (a fifth of its analysis time) is added to the run after
        the analysis ends; in parts, the writer stores while the rest of the batch is analysed and
        only the last part is left to store.  The batch, its transaction, its order and the analyses
        are the same, so is what is stored.  The previous batch is waited for (and reported) once the
        first part is analysed, and only then is this one opened: a failed batch still stops the run
        before the next one reaches the writer.
        """
        assert self.executor is not None and self.writer is not None
        sent: list[Any] = []
        for start in range(0, len(item.fresh), STREAM_PART):
            part = item.fresh[start : start + STREAM_PART]
            failures: list[str] = []
            analyses: list[DocAnalysis | None] = []
            for article, (analysis, error) in zip(part, self.executor.submit(part).result(), strict=True):
                analyses.append(analysis)
                if analysis is None:
                    failures.append(self._failure(article, error))
            arrived = dict(zip(positions[start : start + STREAM_PART], analyses, strict=True))
            if start == 0:
                self._finish_writing()  # the previous batch's results and notes come first, as in one process
                self._failed(failures)
                sent.append(self.writer.submit(_stream_open, item.chunk, positions, arrived, *options))
                continue
            self._failed(failures)
            last = start + STREAM_PART >= len(item.fresh)
            sent.append(self.writer.submit(_stream_close if last else _stream_feed, arrived))
        self.writing = (item, _Parted(sent))

    def _store_as_analysed(
        self, item: PendingBatch, gathered: _Gathered, positions: list[int], options: tuple[Any, ...]
    ) -> None:
        """Store here a batch analysed in parts by worker processes, each part as it comes back.

        Why: waiting for every part before storing leaves the workers idle at the end of the input
        while the last batches are stored one after the other; taking each part when the storing
        reaches it, the transaction stores the first parts while the last ones are analysed.  Same
        batch, transaction, order and analyses, so the same stored rows; the warnings for failed
        analyses still come before the batch's own notes.
        """
        failures: list[str] = []
        arriving = _Arriving(item.chunk, positions)
        start = 0
        for future, size in zip(gathered.futures, gathered.sizes, strict=True):
            arriving.pending.append((item.fresh[start : start + size], positions[start : start + size], future))
            start += size
        arriving.failed = lambda article, error: failures.append(self._failure(article, error))
        function, arguments = _write_arriving, (item.chunk, arriving, *options)
        outcome = function(self.store, *arguments)
        arriving.take_all()  # parts of articles the storing never asked for (none today): errors still raised
        self._failed(failures)
        self._stored(item, outcome)

    def _analyses(self, item: PendingBatch) -> tuple[list[DocAnalysis | None], list[str]]:
        """The analyses of ``item.fresh`` in order (``None`` where it failed), and a warning for each failure."""
        if item.future is None:
            return [None] * len(item.fresh), []
        analyses: list[DocAnalysis | None] = []
        failures: list[str] = []
        for article, (analysis, error) in zip(item.fresh, item.future.result(), strict=True):
            analyses.append(analysis)
            if analysis is None:
                failures.append(self._failure(article, error))
        return analyses, failures

    def _finish_writing(self) -> None:
        """Wait for the batch the writer process holds (its error is raised here) and report it."""
        if self.writing is None:
            return
        item, future = self.writing
        self.writing = None
        self._stored(item, future.result())


class IngestPipeline(BatchPipeline):
    """The ingest's batches: new content is analysed, then stored with :func:`write_batch`.

    A batch is checked against the store before it is sent, so known content
    is never analysed; content that repeats a batch still in flight is not
    analysed twice either (it will be stored as a duplicate of it).
    """

    def __init__(
        self,
        store: Store,
        executor: AnalysisExecutor | None,
        report: IngestReport,
        on_saved: Callable[[Article, SaveResult], None] | None,
        *,
        resolve: bool = True,
        update_metadata: bool = False,
        user: str | None = None,
        separate_writer: bool = False,
    ) -> None:
        super().__init__(store, executor, separate_writer=separate_writer)
        self.report = report
        self.on_saved = on_saved
        self.options = {"resolve": resolve, "update_metadata": update_metadata, "user": user}
        self.in_flight: dict[str, int] = {}

    def _select(self, chunk: list[Article]) -> list[Article]:
        with self.store.connect() as conn:
            known = known_hashes(conn, (a.hash for a in chunk))
        seen: set[str] = set(known) | set(self.in_flight)
        fresh: list[Article] = []
        for article in chunk:
            if article.hash not in seen:
                seen.add(article.hash)
                fresh.append(article)
        for article in fresh:
            self.in_flight[article.hash] = self.in_flight.get(article.hash, 0) + 1
        return fresh

    def _failure(self, article: Article, error: str | None) -> str:
        return f"{article.origin}: analysis failed ({error}); stored without extraction records"

    def _failed(self, failures: list[str]) -> None:
        self.report.warnings.extend(failures)

    def _write(self, item: PendingBatch, analyses: list[DocAnalysis | None]) -> WriteCall:
        by_id = {id(a): analysis for a, analysis in zip(item.fresh, analyses, strict=True)}
        ordered = [by_id.get(id(article)) for article in item.chunk]
        return _write_ingest_batch, (item.chunk, ordered, self.options)

    def _stream(self, item: PendingBatch) -> tuple[list[int], tuple[Any, ...]] | None:
        where = {id(article): i for i, article in enumerate(item.chunk)}
        return [where[id(article)] for article in item.fresh], (self.options,)

    def _stored(self, item: PendingBatch, outcome: tuple[list[SaveResult], list[str]]) -> None:
        saved, notes = outcome
        report_batch(self.report, list(zip(item.chunk, saved, strict=True)), notes, self.on_saved)
        for article in item.fresh:
            left = self.in_flight.get(article.hash, 0) - 1
            if left > 0:
                self.in_flight[article.hash] = left
            else:
                self.in_flight.pop(article.hash, None)


def can_share(store: Store) -> bool:
    """Whether another process can open ``store`` (not an SQLite database in memory)."""
    url = make_url(store.url)
    if url.get_backend_name() != "sqlite":
        return True
    return url.database not in (None, "", ":memory:") and url.query.get("mode") != "memory"


class WriterProcess:
    """One spawned process that stores the batches of a ``--workers 1`` run (:class:`BatchPipeline`).

    The writer stays one: a single process, one batch per transaction, in
    the order sent.  It opens the store by its URL and imports no NLP; what
    crosses the process boundary is the batch's articles and their analyses
    (pickled, a few KiB per article) and what storing it returned.  Spawned,
    not forked, for the reason :class:`dossier.analyze.executors.ProcessPool`
    gives.
    """

    def __init__(self, store: Store) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.url = store.url
        self.migrate = store._migrate
        self.pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_watch_parent,
            initargs=(os.getpid(),),
        )
        self.pool.submit(_writer_open, self.url, self.migrate)  # start it now: imports while we analyse

    def submit(self, function: Callable[..., Any], *arguments: Any) -> Any:
        """Run ``function(store, *arguments)`` in the writer process (``function`` defined at module level)."""
        return self.pool.submit(_writer_call, self.url, self.migrate, function, arguments)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


_writer_store: Store | None = None


def _watch_parent(parent: int, every_s: float = 0.5) -> None:
    """End the writer process when the command's process is gone (killed): nothing more will come.

    Why: the writer holds both ends of its task queue, so a killed parent leaves it waiting
    forever.  A batch it was storing is rolled back by the database if this cuts it short, or
    was committed whole: either way a re-run finds the store as a killed one-process run
    leaves it.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every_s)
        os._exit(1)

    threading.Thread(target=watch, name="dossier-writer-watch", daemon=True).start()


def _writer_open(url: str, migrate: bool) -> Store:
    """The writer process's store, opened once; the imports done so far leave the collector's reach."""
    global _writer_store
    if _writer_store is None or _writer_store.url != url:
        import gc

        _writer_store = Store(url, migrate=migrate)
        _writer_store.ensure_schema()
        gc.freeze()  # modules live as long as the process: full collections need not walk them
    return _writer_store


def _writer_call(url: str, migrate: bool, function: Callable[..., Any], arguments: tuple[Any, ...]) -> Any:
    """Store one batch in the writer process."""
    return function(_writer_open(url, migrate), *arguments)


def _write_ingest_batch(
    store: Store, chunk: list[Article], analyses: list[DocAnalysis | None], options: dict[str, Any]
) -> tuple[list[SaveResult], list[str]]:
    """Store one ingest batch (here or in the writer process); its results in the batch's order, and the notes."""
    by_id = {id(article): analysis for article, analysis in zip(chunk, analyses, strict=True) if analysis is not None}
    results, notes = write_batch(store, chunk, by_id, **options)
    return [result for _article, result in results], notes


class _Arriving:
    """The analyses of a batch being stored in the writer process while the rest of it is analysed.

    :func:`write_batch` asks ``analyses.get(id(article))`` in the batch's order; an article that
    is analysed is waited for until its part arrives (:func:`_stream_feed`), one that is not
    (content already stored, repeated in the batch) answers ``None`` at once, as a dict would.
    What arrived stays, so a transaction run again reads the same analyses.
    """

    def __init__(self, chunk: list[Article], positions: list[int]) -> None:
        self.position = {id(article): i for i, article in enumerate(chunk)}
        self.expected = frozenset(positions)
        self.received: dict[int, DocAnalysis | None] = {}
        self.changed = threading.Condition()
        #: Parts not taken yet, in order, when this process stores them (``_store_as_analysed``):
        #: their articles, positions and analysis future; ``failed`` hears of each failed analysis.
        self.pending: deque[tuple[list[Article], list[int], Any]] = deque()
        self.failed: Callable[[Article, str | None], None] = lambda _article, _error: None

    def take(self) -> None:
        """Wait for the next pending part's analyses and add them."""
        articles, positions, future = self.pending.popleft()
        arrived: dict[int, DocAnalysis | None] = {}
        for article, position, (analysis, error) in zip(articles, positions, future.result(), strict=True):
            arrived[position] = analysis
            if analysis is None:
                self.failed(article, error)
        self.add(arrived)

    def take_all(self) -> None:
        while self.pending:
            self.take()

    def add(self, arrived: dict[int, DocAnalysis | None]) -> None:
        with self.changed:
            self.received.update(arrived)
            self.changed.notify_all()

    def get(self, key: int, default: DocAnalysis | None = None) -> DocAnalysis | None:
        i = self.position.get(key)
        if i is None or i not in self.expected:
            return default
        while i not in self.received and self.pending:
            self.take()
        with self.changed:
            self.changed.wait_for(lambda: i in self.received)
            found = self.received[i]
        return default if found is None else found


def _write_arriving(
    store: Store, chunk: list[Article], arriving: _Arriving, options: dict[str, Any]
) -> tuple[list[SaveResult], list[str]]:
    """Store one ingest batch whose analyses arrive while it is stored; as :func:`_write_ingest_batch`."""
    # write_batch reads ``analyses.get(id(article))`` only, which _Arriving answers
    results, notes = write_batch(store, chunk, arriving, **options)  # type: ignore[arg-type]
    return [result for _article, result in results], notes


@dataclass(slots=True)
class _StreamedBatch:
    """The batch the writer process is storing in parts: its analyses so far, and the thread storing it."""

    arriving: _Arriving
    thread: threading.Thread
    outcome: Any = None
    error: BaseException | None = None


_streamed: _StreamedBatch | None = None


def _stream_open(
    store: Store,
    chunk: list[Article],
    positions: list[int],
    arrived: dict[int, DocAnalysis | None],
    options: dict[str, Any],
) -> None:
    """Start storing an ingest batch in the writer process with the analyses of its first part.

    The storing (:func:`write_batch`, one transaction) runs in a thread of the writer process, so
    that the process goes on taking the next parts (:func:`_stream_feed`) while it waits for them;
    the thread is the only one that touches the store meanwhile.  Daemonic: when the command ends
    without closing the batch (killed, or failed while analysing it), the process ends and the
    database rolls the unfinished transaction back, as a killed one-process run leaves it.
    """
    global _streamed
    arriving = _Arriving(chunk, positions)
    arriving.add(arrived)

    def run() -> None:
        try:
            batch.outcome = _write_arriving(store, chunk, arriving, options)
        except BaseException as exc:  # noqa: BLE001 - raised again in the command's process by _stream_close
            batch.error = exc

    batch = _StreamedBatch(arriving, threading.Thread(target=run, name="dossier-writer-batch", daemon=True))
    _streamed = batch
    batch.thread.start()


def _stream_feed(store: Store, arrived: dict[int, DocAnalysis | None]) -> None:
    """The analyses of a further part of the batch being stored (by position in the batch)."""
    assert _streamed is not None, "no batch is being stored in parts"
    _streamed.arriving.add(arrived)


def _stream_close(store: Store, arrived: dict[int, DocAnalysis | None]) -> tuple[list[SaveResult], list[str]]:
    """The last part's analyses; wait until the batch is stored and return what storing it returned."""
    global _streamed
    batch = _streamed
    assert batch is not None, "no batch is being stored in parts"
    batch.arriving.add(arrived)
    batch.thread.join()
    _streamed = None
    if batch.error is not None:
        raise batch.error
    return batch.outcome  # type: ignore[no-any-return]


#: Results of ``save_article`` that change what a timeline reads: every status but ``duplicate`` (an
#: origin added to a stored article) and ``deleted`` (content an analyst deleted, not stored back).
CHANGES_TIMELINES = frozenset({"new", "revised", "updated"})


def store_batch(
    store: Store,
    chunk: list[Article],
    analyses: dict[int, DocAnalysis],
    report: IngestReport,
    on_saved: Callable[[Article, SaveResult], None] | None,
    *,
    resolve: bool = True,
    update_metadata: bool = False,
    user: str | None = None,
) -> None:
    """Store one batch (:func:`write_batch`) and add what happened to ``report``."""
    results, notes = write_batch(store, chunk, analyses, resolve=resolve, update_metadata=update_metadata, user=user)
    report_batch(report, results, notes, on_saved)


def report_batch(
    report: IngestReport,
    results: list[tuple[Article, SaveResult]],
    notes: list[str],
    on_saved: Callable[[Article, SaveResult], None] | None,
) -> None:
    """Add a stored batch to the report and tell ``on_saved``, in the batch's order."""
    report.warnings.extend(notes)
    for article, result in results:
        report.add(article, result)
        if on_saved:
            on_saved(article, result)


def write_batch(
    store: Store,
    chunk: list[Article],
    analyses: dict[int, DocAnalysis],
    *,
    resolve: bool = True,
    update_metadata: bool = False,
    user: str | None = None,
) -> tuple[list[tuple[Article, SaveResult]], list[str]]:
    """Store one batch and resolve its new articles across the store, in one transaction.

    ``analyses`` maps ``id(article)`` to its analysis (absent: stored without
    extraction records).  Returns each article's result, in order, and the
    notes to show the user.  The transaction runs again whole if another
    process got in the way (:meth:`Store.transaction`): the second run finds
    what that process stored and records it as a duplicate.  Runs in the
    command's process or in its :class:`WriterProcess`.
    """

    notes: list[str] = []

    def write(conn: Connection) -> list[tuple[Article, SaveResult]]:
        try:
            results = store_items(conn)
        except BaseException:
            timeline_cache.untrack(conn)
            raise
        # Kept timelines: a batch of new articles moves the stamps of the subjects it touched, one
        # that revised or updated stored articles the store-wide stamp, one of items already stored
        # (a watch round re-reading its feeds adds origins only) none (store/timeline_cache.py).
        stored = [r.article_id for _a, r in results if r.status == "new"]
        changed = any(r.status in CHANGES_TIMELINES - {"new"} for _a, r in results)
        if stored or changed:
            timeline_cache.finish(conn, stored, everything=changed)
        else:
            timeline_cache.untrack(conn)
        return results

    def store_items(conn: Connection) -> list[tuple[Article, SaveResult]]:
        notes.clear()  # a re-run transaction says it again
        timeline_cache.track(conn)
        cross = CrossArticle(conn, batch=True) if resolve else None
        lookups = BatchLookups.read(conn, (a.hash for a in chunk))
        results = []
        urls: set[str] = set()
        for article in chunk:
            analysis = analyses.get(id(article))
            if cross is not None and article.url and article.url in urls:
                cross.flush()  # a revision of an article of this batch reads its story and clusters
            if article.url:
                urls.add(article.url)
            result = save_article(conn, article, analysis, update_metadata=update_metadata, user=user, lookups=lookups)
            if result.status == "duplicate" and not update_metadata:
                _note_ignored_metadata(conn, article, result, notes)
            if cross is not None and result.status in ("new", "revised"):
                events = lookups.take_events(result.article_id, new=result.status == "new")
                cross.add(
                    result.article_id,
                    article,
                    analysis,
                    revised=result.status == "revised",
                    events=events,
                    new=result.status == "new",
                )
            results.append((article, result))
        if cross is not None:
            cross.flush()  # what the cross-article pass kept in memory, a few statements per batch
        lookups.flush(conn)  # the rows the batch held back (see BatchLookups), one statement per table
        return results

    results = store.transaction(write, timelines=False)  # ``write`` moves the stamps it must
    return results, notes


def _note_ignored_metadata(conn: object, article: Article, result: SaveResult, notes: list[str]) -> None:
    """Say so when an input already stored brings a different date or outlet that was not applied."""
    from dossier.corrections.articles import metadata_differences

    diffs = metadata_differences(conn, result.article_id, article)  # type: ignore[arg-type]
    if diffs:
        notes.append(
            f"{article.origin}: already stored as article {result.article_id}; not applied: {'; '.join(diffs)} "
            "(ingest again with --update to apply, or use `dossier edit article`)"
        )


# Dossier's own hook (alerts) is registered the way a user's would be.
from dossier.monitor import hook as _alerts_hook  # noqa: E402, F401


def keep_timelines_current(store: Store, report: IngestReport) -> None:
    """Rebuild the kept whole timelines the ingest left stale (``store/timeline_entries.py``): its
    batches rebuild what their budget allows, this once per ingest the rest, so that first reads
    after an ingest stay an index range.  Nothing to do when nothing was stored or changed.

    Bounded by the ingest's own length (``timeline_entries.catch_up_budget``: half of it, 1 s to
    30 s), so a small ingest into a big store stays small; what is left waits for its reader."""
    if not report.changed_ids and not report.count("new"):
        return
    from dossier.store import timeline_entries

    budget = timeline_entries.catch_up_budget(time.monotonic() - report.started)
    with store.connect() as conn:
        done = timeline_entries.catch_up(conn, budget_s=budget)
    if done:
        _log.info("kept timelines rebuilt after the ingest: %d (budget %.1f s)", len(done), budget)


register_post_ingest(keep_timelines_current)
