"""`dossier ingest` and `dossier analyze`: read inputs, analyse them, store them (or only print)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.text import Text

from dossier.cli.common import (
    DbOption,
    FollowLinksOpt,
    FormatOpt,
    IngestWorkersOpt,
    JsonOption,
    LanguageOpt,
    MaxDecompressedOpt,
    MaxDepthOpt,
    MaxItemsOpt,
    MaxSizeOpt,
    OutletOpt,
    PathsArg,
    PublishedOpt,
    SchedulerOpt,
    UrlOpt,
    app,
    check_format,
    defaults,
    handle_errors,
    read_limits,
    with_conn,
)
from dossier.errors import IngestError, IngestSkip
from dossier.output import clean, console, dumps, err_console, one_line, print_jsonl, print_table

# -- ingest ----------------------------------------------------------------------------


@app.command()
@handle_errors
def ingest(
    paths: PathsArg,
    db: DbOption = None,
    published: PublishedOpt = None,
    outlet: OutletOpt = None,
    url: UrlOpt = None,
    language: LanguageOpt = None,
    fmt: FormatOpt = None,
    max_size: MaxSizeOpt = "50MB",
    max_decompressed: MaxDecompressedOpt = "512MB",
    max_items: MaxItemsOpt = 100_000,
    max_depth: MaxDepthOpt = 64,
    follow_links: FollowLinksOpt = False,
    no_analyze: Annotated[bool, typer.Option("--no-analyze", help="Store articles without NLP analysis.")] = False,
    workers: IngestWorkersOpt = None,
    scheduler: SchedulerOpt = None,
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help="For content already stored, apply the metadata these inputs carry (date, outlet, title, "
            "language, URL) and record each change in the correction log.",
        ),
    ] = False,
    user: Annotated[
        str | None, typer.Option("--user", help="Who applies --update (default: $DOSSIER_USER, else the OS user).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Read articles from files, directories or stdin and store them.

    Formats: plain text (first line = title), HTML, JSON, JSON Lines, RSS/Atom feeds, WARC and Telegram
    Desktop exports (result.json). Content already stored is not stored twice (its new origin is recorded);
    new text at a known URL becomes a new revision. Bad inputs are named with the reason and the rest
    is stored. The analysis runs in --workers processes (default: one per core) or on a Dask cluster
    (--scheduler); one writer stores (with --workers 1, in a second process while this one analyses;
    --workers 0 keeps everything in one process). The results stored are the same either way.

    Exit codes: 0 all stored, 3 some inputs rejected, 1 nothing could be stored, 2 usage error.

    Example: dossier ingest samples/corpus --published 2025-09-27
    """
    from dossier.ingest import iter_sources
    from dossier.ingest.job import ingest as run_ingest
    from dossier.store import Store

    check_format(fmt)
    limits = read_limits(max_size, max_decompressed, max_items, max_depth)
    item_defaults = defaults(published, outlet, url, language)
    store = Store(db)
    sources = [s for s in iter_sources(paths, follow_links=follow_links)]
    show_progress = not as_json and err_console.is_terminal

    def on_rejected(err: Any) -> None:
        if as_json:
            sys.stdout.write(dumps({"type": "error", "source": err.source, "reason": err.reason}) + "\n")
        else:
            err_console.print(Text(one_line(clean(f"rejected {err.source}: {err.reason}")), style="red"))

    def on_skipped(skip: Any) -> None:
        if as_json:
            sys.stdout.write(dumps({"type": "skipped", "source": skip.source, "reason": skip.reason}) + "\n")
        else:
            err_console.print(Text(one_line(clean(f"skipped {skip.source}: {skip.reason}")), style="dim"))

    def on_saved(article: Any, result: Any) -> None:
        if as_json:
            sys.stdout.write(
                dumps(
                    {
                        "type": "article",
                        "status": result.status,
                        "id": result.article_id,
                        "title": article.title,
                        "url": article.url,
                        "origin": article.origin,
                        "outlet": article.outlet,
                        "published": article.published.isoformat() if article.published else None,
                        "language": article.language,
                        "format": article.format,
                        "chars": len(article.text),
                    }
                )
                + "\n"
            )

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=err_console,
        disable=not show_progress,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=len(sources))
        report = run_ingest(
            paths,
            store,
            defaults=item_defaults,
            limits=limits,
            follow_links=follow_links,
            fmt=fmt,
            analyze=not no_analyze,
            workers=workers,
            scheduler=scheduler,
            update_metadata=update,
            keep_items=False,
            user=user,
            # a file name is untrusted: escaped, or "[link=...]" in it would become markup
            on_source=lambda name: progress.update(task, advance=1, description=escape(Path(name).name)),
            on_saved=on_saved,
            on_rejected=on_rejected,
            on_skipped=on_skipped,
        )
    for warning in report.warnings:
        if as_json:
            sys.stdout.write(dumps({"type": "warning", "message": warning}) + "\n")
        else:
            err_console.print(Text(one_line(clean(f"warning: {warning}")), style="yellow"))
    summary = report.summary()
    if as_json and not no_analyze:
        from dossier.store import knowledge

        touched = sorted(set(report.changed_ids))
        for record in with_conn(db, lambda c: knowledge.entities_of_articles(c, touched)):
            record.pop("attrs", None)
            sys.stdout.write(dumps({"type": "entity", **record}) + "\n")
    if as_json:
        sys.stdout.write(dumps({"type": "summary", **summary, "exit_code": report.exit_code}) + "\n")
    else:
        line = (
            f"stored {summary['new']} new, {summary['revised']} revised; {summary['duplicates']} already "
            f"known ({summary['origins_added']} new origins); {summary['rejected']} rejected"
            + (f", {summary['skipped']} skipped" if summary["skipped"] else "")
        )
        if summary.get("updated"):
            line += f"; metadata updated on {summary['updated']} (see `dossier log`)"
        if summary.get("deleted"):
            line += f"; {summary['deleted']} not stored again because an analyst deleted them (see `dossier log`)"
        err_console.print(Text(line, style="bold green" if not summary["rejected"] else "bold yellow"))
        err_console.print(Text(f"database: {store.safe_url}", style="dim"))
    raise typer.Exit(report.exit_code)


# -- analyze without storing ------------------------------------------------------------


@app.command()
@handle_errors
def analyze(
    paths: PathsArg,
    published: PublishedOpt = None,
    outlet: OutletOpt = None,
    url: UrlOpt = None,
    language: LanguageOpt = None,
    fmt: FormatOpt = None,
    max_size: MaxSizeOpt = "50MB",
    max_decompressed: MaxDecompressedOpt = "512MB",
    max_items: MaxItemsOpt = 100_000,
    max_depth: MaxDepthOpt = 64,
    follow_links: FollowLinksOpt = False,
    as_json: JsonOption = False,
) -> None:
    """Print everything extracted from the inputs, storing nothing.

    Reads the same inputs as `ingest`. Each record has `type` (mention, entity, time, quote, event)
    and `doc` (the input path, or for multi-item files the item's url, else path#N). Offsets
    (`start`, `end`) index the article's text, title excluded.
    """
    from dossier.analyze import Analyzer
    from dossier.analyze.records import analysis_records
    from dossier.ingest import read_all
    from dossier.model import Article

    check_format(fmt)
    errors = 0

    def failed(article: Any, exc: Exception) -> None:
        nonlocal errors
        errors += 1
        reason = f"analysis failed: {type(exc).__name__}: {exc}"
        if as_json:
            sys.stdout.write(dumps({"type": "error", "source": article.doc_key, "reason": reason}) + "\n")
        else:
            err_console.print(Text(one_line(clean(f"{article.doc_key}: {reason}")), style="red"))

    analyzer = Analyzer(on_error=failed)
    items = read_all(
        paths,
        defaults=defaults(published, outlet, url, language),
        limits=read_limits(max_size, max_decompressed, max_items, max_depth),
        follow_links=follow_links,
        fmt=fmt,
    )

    def good_items() -> Iterator[Article]:
        nonlocal errors
        for item in items:
            if isinstance(item, IngestSkip):
                err_console.print(Text(one_line(clean(f"skipped {item.source}: {item.reason}")), style="dim"))
            elif isinstance(item, IngestError):
                errors += 1
                if as_json:
                    sys.stdout.write(dumps({"type": "error", "source": item.source, "reason": item.reason}) + "\n")
                else:
                    err_console.print(Text(one_line(clean(f"rejected {item.source}: {item.reason}")), style="red"))
            else:
                if item.extra.get("decode_replaced"):
                    err_console.print(
                        Text(
                            f"warning: {item.origin}: {item.extra['decode_replaced']} undecodable byte(s) replaced",
                            style="yellow",
                        )
                    )
                yield item

    count = 0
    for article, analysis in analyzer.pipe(good_items()):
        count += 1
        records = list(analysis_records(article, analysis))
        if as_json:
            print_jsonl(records)
        else:
            _print_analysis(article, records)
    if errors:
        raise typer.Exit(3 if count else 1)


def _print_analysis(article: Any, records: list[dict[str, Any]]) -> None:
    console.rule(Text(f"{article.doc_key}  {article.title[:70]}"))
    by_type: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        by_type.setdefault(r["type"], []).append(r)
    columns = {
        "entity": ["name", "kind", ("aliases", 50), "wikidata"],
        "time": ["text", "timex_type", "value", "anchor"],
        "quote": ["speaker", ("text", 70), "direct", "cue", "date"],
        "event": ["kind", "date", "actors", "equipment", "modality", "attributed_to"],
    }
    for kind, cols in columns.items():
        if by_type.get(kind):
            print_table(by_type[kind], cols, title=f"{kind}s")
