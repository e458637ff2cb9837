"""Re-running the analysis over stored articles (``dossier reanalyze``), resumably.

After an upgrade of the rules or models, every stored article (or those
ingested since a date) is analysed again and its derived records replaced:
mentions, times, quotes, events, and its events' places in cross-article
event clusters.  The article itself, its origins and revisions, its copy
links and its story membership do not depend on the analysis rules and stay.

Resuming: articles are taken in id order, in batches; each batch is
rewritten in one transaction that also advances the run's
``last_article_id`` in ``reanalysis_runs``.  A killed run therefore stops
between two batches, and the next ``dossier reanalyze`` with the same
``--since`` picks the unfinished run up after its last stored batch.

Where the analysis runs is the executor's business
(:mod:`dossier.analyze.executors`); storing stays here, one writer.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from dossier.analyze.executors import AnalysisExecutor, open_executor
from dossier.model import Article, DocAnalysis
from dossier.store import Store, entity_counts
from dossier.store import schema as t
from dossier.store.write import now_iso, save_analysis


@dataclass(slots=True)
class ReanalysisReport:
    """What a run did: its id, the articles rewritten now and in earlier (killed) attempts."""

    run_id: int = 0
    resumed: bool = False
    articles: int = 0
    total: int = 0
    warnings: list[str] = field(default_factory=list)


def replace_derived_records(conn: Connection, article_id: int, analysis: DocAnalysis) -> None:
    """Replace one article's analysis records with ``analysis`` (inside the caller's transaction).

    Deleting the events drops their cross-article cluster memberships
    (``event_mentions`` cascades); the caller re-clusters the new events.
    This is the one place that decides what a re-analysis may overwrite.
    """
    from dossier.store.contradiction_cache import invalidate_article

    invalidate_article(conn, article_id)  # its story's kept contradictions were about the old events
    entity_counts.remove_articles(conn, [article_id])  # the old mentions go, and their counts with them
    for table in (t.mentions, t.times, t.events, t.quotes):
        conn.execute(delete(table).where(table.c.article_id == article_id))
    conn.execute(
        update(t.articles)
        .where(t.articles.c.id == article_id)
        .values(language=analysis.language, sentences=[list(s) for s in analysis.sentences])
    )
    save_analysis(conn, article_id, analysis)


def article_from_row(row: Any) -> Article:
    """A stored ``articles`` row as the analysis stage takes it (the input of a re-analysis)."""
    published = None
    if row.published:
        try:
            published = datetime.fromisoformat(row.published)
        except ValueError:
            published = None
    return Article(
        text=row.text,
        title=row.title or "",
        url=row.url,
        origin=f"article:{row.id}",
        outlet=row.outlet,
        published=published,
        language=row.language,
        format=row.format,
        author=row.author,
        extra=row.extra or {},
    )


def _open_run(conn: Connection, since: str | None, restart: bool) -> tuple[int, int, int, bool]:
    """(run id, last article id, articles done) of the unfinished run for ``since``, or of a new one."""
    r = t.reanalysis_runs.c
    since_match = r.since.is_(None) if since is None else r.since == since
    row = None
    if not restart:
        row = conn.execute(
            select(r.id, r.last_article_id, r.articles)
            .where(since_match, r.finished_at.is_(None))
            .order_by(r.id.desc())
            .limit(1)
        ).first()
    if row is not None:
        return row.id, row.last_article_id, row.articles, True
    run_id = conn.execute(
        insert(t.reanalysis_runs).values(since=since, started_at=now_iso(), last_article_id=0, articles=0)
    ).inserted_primary_key[0]
    return int(run_id), 0, 0, False


def reanalyze(
    store: Store,
    *,
    since: str | None = None,
    workers: int | None = 1,
    scheduler: str | None = None,
    executor: AnalysisExecutor | None = None,
    batch_size: int = 64,
    restart: bool = False,
    resolve: bool = True,
    on_batch: Callable[[int, int], None] | None = None,
) -> ReanalysisReport:
    """Analyse stored articles again (those ingested at or after ``since``, an ISO date) and replace their records.

    Continues the unfinished run with the same ``since`` unless ``restart``.
    ``on_batch(done, total)`` is called after each stored batch.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    store.ensure_schema()
    report = ReanalysisReport()
    a = t.articles.c
    selected = [a.ingested_at >= since] if since else []
    with store.begin() as conn:
        run_id, cursor, done, resumed = _open_run(conn, since, restart)
        report.total = int(conn.execute(select(func.count()).select_from(t.articles).where(*selected)).scalar_one())
    report.run_id, report.resumed, report.articles = run_id, resumed, done

    def batches(after: int) -> Iterator[list[Any]]:
        while True:
            with store.connect() as conn:
                rows = conn.execute(
                    select(a.id, a.title, a.text, a.url, a.outlet, a.published, a.language, a.format, a.author, a.extra)
                    .where(a.id > after, *selected)
                    .order_by(a.id)
                    .limit(batch_size)
                ).all()
            if not rows:
                return
            yield rows
            after = rows[-1].id

    own = executor is None
    if executor is None:
        executor = open_executor(workers, scheduler)
    depth = 2 * executor.workers if executor.workers > 1 else 1
    pending: deque[tuple[list[Any], list[Article], Any]] = deque()

    def store_oldest() -> None:
        rows, articles, future = pending.popleft()
        results = future.result()
        with store.begin() as conn:
            cross = _cross_article(conn) if resolve else None
            for row, article, (analysis, error) in zip(rows, articles, results, strict=True):
                if analysis is None:
                    report.warnings.append(f"article {row.id}: analysis failed ({error}); its records were kept")
                    continue
                replace_derived_records(conn, row.id, analysis)
                if cross is not None:
                    cross.add(row.id, article, analysis)
            report.articles += len(rows)
            conn.execute(
                update(t.reanalysis_runs)
                .where(t.reanalysis_runs.c.id == run_id)
                .values(last_article_id=rows[-1].id, articles=report.articles)
            )
        if on_batch:
            on_batch(report.articles, report.total)

    try:
        for rows in batches(cursor):
            articles = [article_from_row(r) for r in rows]
            pending.append((rows, articles, executor.submit(articles)))
            while len(pending) >= depth:
                store_oldest()
        while pending:
            store_oldest()
    finally:
        if own:
            executor.close()
    with store.begin() as conn:
        conn.execute(update(t.reanalysis_runs).where(t.reanalysis_runs.c.id == run_id).values(finished_at=now_iso()))
    return report


def _cross_article(conn: Connection) -> Any:
    from dossier.resolve.crossarticle import CrossArticle

    return CrossArticle(conn)
