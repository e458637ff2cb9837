"""`dossier reanalyze`: analyse stored articles again after an upgrade of the rules or models."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.text import Text

from dossier.cli.common import DbOption, IngestWorkersOpt, JsonOption, SchedulerOpt, app, handle_errors
from dossier.errors import UsageError
from dossier.output import clean, dumps, err_console, one_line

if TYPE_CHECKING:
    from dossier.ingest.reanalysis import ReanalysisReport

#: Seconds between two progress lines when stderr is not a terminal (a log file, a job's output).
PROGRESS_EVERY_S = 30.0


@app.command()
@handle_errors
def reanalyze(
    db: DbOption = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only articles ingested at or after this date (ISO 8601).")
    ] = None,
    workers: IngestWorkersOpt = None,
    scheduler: SchedulerOpt = None,
    restart: Annotated[
        bool, typer.Option("--restart", help="Start over instead of continuing an unfinished run.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Analyse stored articles again and replace their extraction records and cross-article events.

    Run it after upgrading Dossier's rules or models. Articles are rewritten in batches, each in one
    transaction that also records how far the run got: if it is stopped, running the same command
    again continues after the last finished batch (--restart starts over). Copies and stories are kept.
    The analysis runs where an ingest's would (--workers, --scheduler); one writer stores, in the order
    of the articles' ids, so the result is the same either way.

    Example: dossier reanalyze --since 2025-09-01 --workers 2
    """
    from datetime import datetime

    from dossier.ingest.reanalysis import reanalyze as run_reanalyze
    from dossier.store import Store

    if since is not None:
        try:
            datetime.fromisoformat(since)
        except ValueError:
            raise UsageError(f"invalid --since date {since!r}", hint="use ISO 8601, e.g. 2025-09-27") from None
    store = Store(db)
    progress = _Progress(enabled=not as_json)
    try:
        report = run_reanalyze(
            store,
            since=since,
            workers=workers,
            scheduler=scheduler,
            restart=restart,
            on_start=progress.start,
            on_batch=progress.batch,
        )
    finally:
        progress.stop()
    for warning in report.warnings:
        # an analysis error may quote the article: no control sequence of its reaches the terminal
        err_console.print(Text(one_line(clean(f"warning: {warning}")), style="yellow"))
    summary = {
        "run": report.run_id,
        "resumed": report.resumed,
        "articles": report.articles,
        "total": report.total,
        "failed": len(report.warnings),
    }
    if as_json:
        print(dumps({"type": "summary", **summary}))
    elif report.total == 0:
        scope = f" ingested since {since}" if since else ""
        err_console.print(Text(f"no stored articles{scope}: nothing to reanalyse", style="bold yellow"))
    else:
        resumed = " (continued an unfinished run)" if report.resumed else ""
        err_console.print(Text(f"reanalysed {report.articles} of {report.total} articles{resumed}", style="bold green"))


class _Progress:
    """Progress of a long re-analysis: a bar on a terminal, else a line every :data:`PROGRESS_EVERY_S`.

    The rate and the time left count this attempt only (a continued run starts from what it finds done).
    """

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.terminal = err_console.is_terminal
        self.bar: Any = None
        self.task: Any = None
        self.started = time.monotonic()
        self.first = 0
        self.last_line = self.started

    def start(self, report: ReanalysisReport) -> None:
        self.started = self.last_line = time.monotonic()
        self.first = report.articles
        if not self.enabled or report.total == 0:
            return
        if report.resumed:
            err_console.print(
                Text(f"continuing run {report.run_id}: {report.articles} of {report.total} articles done", style="dim")
            )
        if self.terminal:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            bar = Progress(
                TextColumn("[bold]reanalyse"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=err_console,
                transient=True,
            )
            bar.start()
            self.task = bar.add_task("", total=report.total, completed=report.articles)
            self.bar = bar
        else:
            err_console.print(Text(f"reanalysing {report.total - report.articles} articles", style="dim"))

    def batch(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.update(self.task, completed=done)
            return
        now = time.monotonic()
        if now - self.last_line < PROGRESS_EVERY_S or done >= total:
            return
        self.last_line = now
        rate = (done - self.first) / max(now - self.started, 1e-9)
        left = f", about {_duration((total - done) / rate)} left" if rate > 0 else ""
        err_console.print(Text(f"reanalysed {done}/{total} ({done / total:.0%}), {rate:.1f} articles/s{left}"))

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
