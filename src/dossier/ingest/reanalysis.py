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

Where the analysis runs, and which process stores, is chosen as for an
ingest (:func:`dossier.ingest.job.open_analysis`) and carried by the same
:class:`dossier.ingest.job.BatchPipeline`: ``--workers 1`` analyses in the
command's process while one writer process stores the previous batch,
``--workers 0`` does both in one process, ``--workers N`` and ``--scheduler``
analyse elsewhere.  Storing stays with one writer, in id order, through one
function (:func:`_write_batch`), so the stored result is the same whichever
ran it (``tests/test_reanalyze.py`` compares them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from dossier.analyze.executors import AnalysisExecutor
from dossier.ingest.job import BatchPipeline, PendingBatch, WriteCall, open_analysis
from dossier.model import Article, DocAnalysis
from dossier.store import Store, entity_counts
from dossier.store import schema as t
from dossier.store.contradiction_cache import invalidate_counted
from dossier.store.sqlutil import chunks
from dossier.store.write import BatchLookups, now_iso, save_analysis


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


#: The ``articles`` columns :func:`article_from_row` reads: what a re-analysis selects of each stored article.
INPUT_COLUMNS = tuple(
    t.articles.c[name]
    for name in ("id", "title", "text", "url", "outlet", "published", "language", "format", "author", "extra")
)


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
    on_start: Callable[[ReanalysisReport], None] | None = None,
) -> ReanalysisReport:
    """Analyse stored articles again (those ingested at or after ``since``, an ISO date) and replace their records.

    Continues the unfinished run with the same ``since`` unless ``restart``.
    ``workers``/``scheduler`` as for an ingest (:func:`dossier.ingest.job.open_analysis`:
    0 one process, 1 the analysis here and one writer process, N a pool, ``None`` every
    core); ``executor`` passes one already open (kept open; storing then stays here).
    ``on_start(report)`` is called once the run is opened (its id, whether it continues an
    unfinished one, the articles done and the total known); ``on_batch(done, total)`` after
    each stored batch, in order.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    store.ensure_schema()
    report = ReanalysisReport()
    a = t.articles.c
    selected = [a.ingested_at >= since] if since else []

    def batches(after: int) -> Iterator[list[Any]]:
        while True:
            with store.connect() as conn:
                rows = conn.execute(
                    select(*INPUT_COLUMNS).where(a.id > after, *selected).order_by(a.id).limit(batch_size)
                ).all()
            if not rows:
                return
            yield rows
            after = rows[-1].id

    own = executor is None
    separate_writer = False
    if executor is None:  # first: a scheduler that cannot be reached leaves no run behind
        executor, separate_writer = open_analysis(store, workers, scheduler)
    try:
        with store.begin() as conn:
            run_id, cursor, done, resumed = _open_run(conn, since, restart)
            report.total = int(conn.execute(select(func.count()).select_from(t.articles).where(*selected)).scalar_one())
        report.run_id, report.resumed, report.articles = run_id, resumed, done
        if on_start:
            on_start(report)
        pipeline = ReanalysisPipeline(
            store, executor, report, run_id, resolve=resolve, on_batch=on_batch, separate_writer=separate_writer
        )
        try:
            for rows in batches(cursor):
                pipeline.push([(row.id, article_from_row(row)) for row in rows])
            pipeline.drain()
        finally:
            pipeline.close()
    finally:
        if own:
            executor.close()
    with store.begin() as conn:
        conn.execute(update(t.reanalysis_runs).where(t.reanalysis_runs.c.id == run_id).values(finished_at=now_iso()))
    return report


class ReanalysisPipeline(BatchPipeline):
    """The re-analysis's batches: ``(article id, article)`` pairs, all analysed again, stored by
    :func:`_write_batch`."""

    def __init__(
        self,
        store: Store,
        executor: AnalysisExecutor,
        report: ReanalysisReport,
        run_id: int,
        *,
        resolve: bool = True,
        on_batch: Callable[[int, int], None] | None = None,
        separate_writer: bool = False,
    ) -> None:
        super().__init__(store, executor, separate_writer=separate_writer)
        self.report = report
        self.run_id = run_id
        self.resolve = resolve
        self.on_batch = on_batch
        self.sent = report.articles  # the run's count once every batch sent to be stored is stored

    def _select(self, chunk: list[tuple[int, Article]]) -> list[Article]:
        return [article for _id, article in chunk]

    def _failure(self, article: Article, error: str | None) -> str:
        return f"article {article.origin.removeprefix('article:')}: analysis failed ({error}); its records were kept"

    def _failed(self, failures: list[str]) -> None:
        self.report.warnings.extend(failures)

    def _write(self, item: PendingBatch, analyses: list[DocAnalysis | None]) -> WriteCall:
        self.sent += len(item.chunk)
        ids = [article_id for article_id, _article in item.chunk]
        return _write_batch, (self.run_id, ids, item.fresh, analyses, self.sent, self.resolve)

    def _stored(self, item: PendingBatch, outcome: int) -> None:
        self.report.articles = outcome
        if self.on_batch:
            self.on_batch(outcome, self.report.total)


def _write_batch(
    store: Store,
    run_id: int,
    ids: list[int],
    articles: list[Article],
    analyses: list[DocAnalysis | None],
    done: int,
    resolve: bool,
) -> int:
    """Replace one batch's records and advance the run to its last article, in one transaction; the run's count.

    Runs in the command's process or in its writer process.  An article whose analysis failed
    keeps its records.  The transaction runs again whole after a transient conflict (another
    writer): everything it wrote the first time was rolled back.

    Written as the ingest writes a batch (:func:`dossier.ingest.job.write_batch`): the old
    records of the whole batch go first, a statement per table (:func:`clear_derived_records`);
    the time expressions and mention counts wait for one statement per table at the end
    (:class:`dossier.store.write.BatchLookups`), and the cross-article pass takes the events
    rows as written and keeps its writes for one flush.  Where the store holds corrections,
    each article's are replayed as it is written, and nothing waits.
    """

    def write(conn: Connection) -> int:
        cross = _cross_article(conn) if resolve else None
        rewritten = [(i, a, x) for i, a, x in zip(ids, articles, analyses, strict=True) if x is not None]
        lookups = BatchLookups(known={}, deleted={}, corrections=_any_correction(conn))
        published = clear_derived_records(conn, [(article_id, analysis) for article_id, _a, analysis in rewritten])
        for article_id, article, analysis in rewritten:
            save_analysis(
                conn,
                article_id,
                analysis,
                replay=lookups.corrections,
                defer=lookups if lookups.deferring else None,
                published=published.get(article_id),
            )
            if cross is not None:
                cross.add(article_id, article, analysis, events=lookups.take_events(article_id, new=True))
        if cross is not None:
            cross.flush()
        lookups.flush(conn)
        conn.execute(
            update(t.reanalysis_runs)
            .where(t.reanalysis_runs.c.id == run_id)
            .values(last_article_id=ids[-1], articles=done)
        )
        return done

    return store.transaction(write)


def clear_derived_records(conn: Connection, batch: list[tuple[int, DocAnalysis]]) -> dict[int, str | None]:
    """Delete a batch's analysis records before its new ones are written; each article's stored publication time.

    The batch counterpart of the first half of :func:`replace_derived_records` (one statement per
    table for the whole batch): the stories' kept contradictions are invalidated as often as one
    article at a time would have (their versions come out the same), the mentions are uncounted,
    and each article row takes its new language and sentence offsets.
    """
    if not batch:
        return {}
    ids = [article_id for article_id, _analysis in batch]
    sm = t.story_members.c
    stories: Counter[int] = Counter()
    for chunk in chunks(ids):
        stories.update(int(r.story_id) for r in conn.execute(select(sm.story_id).where(sm.article_id.in_(chunk))))
    invalidate_counted(conn, stories)
    entity_counts.remove_articles(conn, ids)
    for table in (t.mentions, t.times, t.events, t.quotes):
        for chunk in chunks(ids):
            conn.execute(delete(table).where(table.c.article_id.in_(chunk)))
    a = t.articles.c
    conn.execute(
        update(t.articles)
        .where(a.id == bindparam("article"))
        .values(language=bindparam("lang"), sentences=bindparam("spans")),
        [
            {"article": article_id, "lang": analysis.language, "spans": [list(s) for s in analysis.sentences]}
            for article_id, analysis in batch
        ],
    )
    published: dict[int, str | None] = {}
    for chunk in chunks(ids):
        published.update({r.id: r.published for r in conn.execute(select(a.id, a.published).where(a.id.in_(chunk)))})
    return published


def _any_correction(conn: Connection) -> bool:
    """Whether the store holds any analyst's correction (then each article's are replayed as it is written)."""
    return conn.execute(select(t.corrections.c.id).limit(1)).first() is not None


def _cross_article(conn: Connection) -> Any:
    from dossier.resolve.crossarticle import CrossArticle

    return CrossArticle(conn)
