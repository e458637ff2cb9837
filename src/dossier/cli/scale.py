"""`dossier reanalyze`: analyse stored articles again after an upgrade of the rules or models."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from dossier.cli.common import DbOption, JsonOption, SchedulerOpt, WorkersOpt, app, handle_errors
from dossier.errors import UsageError
from dossier.output import dumps, err_console


@app.command()
@handle_errors
def reanalyze(
    db: DbOption = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only articles ingested at or after this date (ISO 8601).")
    ] = None,
    workers: WorkersOpt = None,
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

    def progress(done: int, total: int) -> None:
        if not as_json and err_console.is_terminal:
            err_console.print(Text(f"reanalysed {done}/{total}", style="dim"), end="\r")

    report = run_reanalyze(store, since=since, workers=workers, scheduler=scheduler, restart=restart, on_batch=progress)
    for warning in report.warnings:
        err_console.print(Text(f"warning: {warning}", style="yellow"))
    summary = {
        "run": report.run_id,
        "resumed": report.resumed,
        "articles": report.articles,
        "total": report.total,
        "failed": len(report.warnings),
    }
    if as_json:
        print(dumps({"type": "summary", **summary}))
    else:
        resumed = " (continued an unfinished run)" if report.resumed else ""
        err_console.print(Text(f"reanalysed {report.articles} of {report.total} articles{resumed}", style="bold green"))
