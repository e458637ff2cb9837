"""The ingest job: read -> skip known content -> analyse -> store, in committed batches.

Why batches: one transaction per batch keeps SQLite fast (one fsync per
batch, not per row) and keeps the crash guarantee simple: a batch is stored
whole or not at all, and a re-run skips what earlier batches stored because
its content hash is already known.  Analysis runs only on content that is
new, so re-running an ingest costs reading and hashing, not NLP.

The cross-article pass (copies, story, cross-article events:
``dossier.store.crossdoc.CrossArticle``) runs for each new or revised article
right after it is saved, in the same transaction, so a crash never leaves an
article stored but unresolved (or resolved but not stored).  Duplicates are
not resolved again, so a re-run adds nothing.  Without analysis only the
parts that need no NLP run: copies, and stories with capitalised word
sequences standing in for entities.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dossier.analyze.language import detect_language
from dossier.errors import IngestError
from dossier.ingest import DEFAULT_MAX_BYTES, Defaults, ReadItem, iter_sources, read_source
from dossier.model import Article, DocAnalysis
from dossier.store import Store
from dossier.store.crossdoc import CrossArticle
from dossier.store.write import SaveResult, known_hashes, record_rejection, save_article

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3


@dataclass(slots=True)
class IngestReport:
    """What an ingest did, item by item, and the exit code that sums it up."""

    saved: list[tuple[Article, SaveResult]] = field(default_factory=list)
    rejected: list[IngestError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for _a, r in self.saved if r.status == status)

    @property
    def exit_code(self) -> int:
        """0 all stored; 3 partial (some inputs rejected); 1 nothing could be stored."""
        if not self.rejected:
            return EXIT_OK
        return EXIT_PARTIAL if self.saved else EXIT_FAILED

    def summary(self) -> dict[str, int]:
        return {
            "new": self.count("new"),
            "revised": self.count("revised"),
            "duplicates": self.count("duplicate"),
            "origins_added": sum(1 for _a, r in self.saved if r.status == "duplicate" and r.origin_added),
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
    on_source: Progress | None = None,
    on_saved: Callable[[Article, SaveResult], None] | None = None,
    on_rejected: Callable[[IngestError], None] | None = None,
    post_ingest: bool = True,
) -> IngestReport:
    """Ingest every article under ``paths`` into ``store`` and report what happened.

    ``resolve=False`` skips the cross-article pass (benchmarks only: articles
    stored that way are never resolved later).
    """

    def items() -> Iterator[ReadItem]:
        for source in iter_sources(paths):
            if isinstance(source, IngestError):
                yield source
                continue
            yield from read_source(source, defaults=defaults, max_bytes=max_bytes, fmt=fmt)
            if on_source:
                on_source(source.name)

    return ingest_items(
        items(),
        store,
        analyze=analyze,
        batch_size=batch_size,
        resolve=resolve,
        on_saved=on_saved,
        on_rejected=on_rejected,
        post_ingest=post_ingest,
    )


def ingest_items(
    items: Iterable[ReadItem],
    store: Store,
    *,
    analyze: bool = True,
    batch_size: int = 64,
    resolve: bool = True,
    on_saved: Callable[[Article, SaveResult], None] | None = None,
    on_rejected: Callable[[IngestError], None] | None = None,
    post_ingest: bool = True,
) -> IngestReport:
    """Store articles already read (from files, or fetched from the web by ``dossier.monitor``).

    The one path every ingest takes: ``IngestError`` items are recorded as
    rejections, articles are analysed when new and stored in committed
    batches, and the post-ingest hooks (alerts) run once at the end unless
    ``post_ingest`` is false (a watch round runs them once for all its sources).
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    report = IngestReport()
    store.ensure_schema()
    analyzer = None
    if analyze:
        from dossier.analyze import Analyzer

        def analysis_failed(article: Article, exc: Exception) -> None:
            report.warnings.append(
                f"{article.origin}: analysis failed ({type(exc).__name__}: {exc}); stored without extraction records"
            )

        analyzer = Analyzer(on_error=analysis_failed)

    def reject(err: IngestError) -> None:
        report.rejected.append(err)
        if on_rejected:
            on_rejected(err)

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, IngestError):
                reject(item)
            elif item.language is None:
                yield item.replace(language=detect_language(item.text))
            else:
                yield item

    logged = 0

    def log_rejections() -> None:
        # Rejections are kept in the store too, so `dossier stats` remembers them.
        nonlocal logged
        if len(report.rejected) > logged:
            with store.begin() as conn:
                for err in report.rejected[logged:]:
                    record_rejection(conn, err.source, err.reason)
            logged = len(report.rejected)

    for chunk in _chunks(articles(), batch_size):
        _store_chunk(store, chunk, analyzer, report, on_saved, resolve=resolve)
        log_rejections()
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


def _store_chunk(
    store: Store,
    chunk: list[Article],
    analyzer: object | None,
    report: IngestReport,
    on_saved: Callable[[Article, SaveResult], None] | None,
    *,
    resolve: bool = True,
) -> None:
    with store.connect() as conn:
        known = known_hashes(conn, (a.hash for a in chunk))
    analyses: dict[int, DocAnalysis] = {}
    if analyzer is not None:
        fresh: list[Article] = []
        seen: set[str] = set(known)
        for article in chunk:
            if article.hash not in seen:
                seen.add(article.hash)
                fresh.append(article)
        for article, analysis in analyzer.pipe(fresh):  # type: ignore[attr-defined]
            analyses[id(article)] = analysis
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
        report.saved.append((article, result))
        if on_saved:
            on_saved(article, result)


# Dossier's own hook (alerts) is registered the way a user's would be.
from dossier.monitor import hook as _alerts_hook  # noqa: E402, F401
