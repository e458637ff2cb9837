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
from dossier.errors import IngestError, IngestSkip
from dossier.ingest import Defaults, ReadLimits, iter_sources, read_source
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
    skipped: list[IngestSkip] = field(default_factory=list)
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
    analyze: bool = True,
    batch_size: int = 64,
    resolve: bool = True,
    on_source: Progress | None = None,
    on_saved: Callable[[Article, SaveResult], None] | None = None,
    on_rejected: Callable[[IngestError], None] | None = None,
    on_skipped: Callable[[IngestSkip], None] | None = None,
) -> IngestReport:
    """Ingest every article under ``paths`` into ``store`` and report what happened.

    Rejections (inputs that could not be read) make the exit code partial
    and are kept in the store; skips (inputs left out on purpose: a licence
    file, a link, a WARC redirect) are named through ``on_skipped`` and
    counted, but are not failures.  ``resolve=False`` skips the cross-article pass (benchmarks only: articles
    stored that way are never resolved later).
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
        if isinstance(err, IngestSkip):
            report.skipped.append(err)
            if on_skipped:
                on_skipped(err)
            return
        report.rejected.append(err)
        if on_rejected:
            on_rejected(err)

    def articles() -> Iterator[Article]:
        for source in iter_sources(paths, follow_links=follow_links):
            if isinstance(source, IngestError):
                reject(source)
                continue
            for item in read_source(source, defaults=defaults, max_bytes=max_bytes, fmt=fmt, limits=limits):
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

    for chunk in _chunks(articles(), batch_size):
        _store_chunk(store, chunk, analyzer, report, on_saved, resolve=resolve)
        log_rejections()
    log_rejections()
    return report


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
