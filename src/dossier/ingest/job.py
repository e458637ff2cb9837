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
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from dossier.analyze.executors import AnalysisExecutor, open_executor
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
    ``keep_items=False`` keeps counts, not articles, in the report.  Storing
    stays here, one batch per transaction, in input order, so the stored
    result does not depend on where the analysis ran.  ``resolve=False``
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
    if own:
        executor = open_executor(workers, scheduler)
    try:
        pipeline = BatchPipeline(
            store,
            executor if analyze else None,
            report,
            on_saved,
            resolve=resolve,
            update_metadata=update_metadata,
            user=user,
        )
        for chunk in _chunks(articles(), batch_size):
            pipeline.push(chunk)
            log_rejections()
        pipeline.drain()
    finally:
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


class _Gathered:
    """The result of a batch analysed in parts: the parts' results joined, in order."""

    def __init__(self, futures: list[Any]) -> None:
        self.futures = futures

    def result(self) -> list[Any]:
        return [entry for future in self.futures for entry in future.result()]


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
        update_metadata: bool = False,
        user: str | None = None,
    ) -> None:
        self.update_metadata = update_metadata
        self.user = user
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
                future = self._submit(fresh)
        self.pending.append(_Pending(chunk, fresh, future))
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
        size = max(MIN_PART, -(-len(fresh) // workers))
        return _Gathered([self.executor.submit(fresh[i : i + size]) for i in range(0, len(fresh), size)])

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
        store_batch(
            self.store,
            item.chunk,
            analyses,
            self.report,
            self.on_saved,
            resolve=self.resolve,
            update_metadata=self.update_metadata,
            user=self.user,
        )
        for article in item.fresh:
            left = self.in_flight.get(article.hash, 0) - 1
            if left > 0:
                self.in_flight[article.hash] = left
            else:
                self.in_flight.pop(article.hash, None)


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
    """Store one batch and resolve its new articles across the store, in one transaction.

    ``analyses`` maps ``id(article)`` to its analysis (absent: stored without
    extraction records).  The transaction runs again whole if another process
    got in the way (:meth:`Store.transaction`): the second run finds what that
    process stored and records it as a duplicate.
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
    report.warnings.extend(notes)
    for article, result in results:
        report.add(article, result)
        if on_saved:
            on_saved(article, result)


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
