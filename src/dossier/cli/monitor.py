"""`dossier sources|fetch|watch|alerts|digest`: watched sources, polite fetching, alerts and digests.

Thin wrappers over :mod:`dossier.monitor`; nothing here imports NLP unless a
command ingests (``fetch``, ``watch``), so ``sources list`` and ``alerts
list`` start fast.
"""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from dossier.cli.common import DbOption, JsonOption, LanguageOpt, OutletOpt, app, handle_errors, parse_size, with_conn
from dossier.errors import UsageError
from dossier.output import console, dumps, err_console, print_jsonl, print_table

sources_app = typer.Typer(
    help="Watched sources: feeds, pages, sitemaps and folders that `dossier watch` polls.", no_args_is_help=True
)
alerts_app = typer.Typer(help="Alerts: notifications when new reports match a subject.", no_args_is_help=True)
app.add_typer(sources_app, name="sources")
app.add_typer(alerts_app, name="alerts")

EveryOpt = Annotated[str, typer.Option("--every", help="Poll interval, e.g. 15m, 2h, 1d.")]
NoAnalyzeOpt = Annotated[bool, typer.Option("--no-analyze", help="Store articles without NLP analysis.")]
DelayOpt = Annotated[float, typer.Option("--delay", help="Seconds between requests to one host.")]
PerHostOpt = Annotated[int, typer.Option("--per-host", help="Concurrent requests to one host.")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", help="Seconds before a request is given up.")]
RetriesOpt = Annotated[int, typer.Option("--retries", help="Retries after a timeout, connection error, 429 or 5xx.")]
MaxSizeOpt = Annotated[str, typer.Option("--max-size", help="Largest response accepted (e.g. 10MB).")]
RobotsOpt = Annotated[
    bool, typer.Option("--robots/--ignore-robots", help="Respect robots.txt (only ignore it for your own sites).")
]


def _policy(delay: float, per_host: int, timeout: float, retries: int, max_size: str, robots: bool) -> Any:
    from dossier.monitor.fetching import FetchPolicy

    if delay < 0 or per_host < 1 or timeout <= 0 or retries < 0:
        raise UsageError("--delay must be >= 0, --per-host >= 1, --timeout > 0 and --retries >= 0")
    return FetchPolicy(
        delay=delay, per_host=per_host, timeout=timeout, retries=retries, max_bytes=parse_size(max_size), robots=robots
    )


def _store(db: str | None) -> Any:
    from dossier.store import Store

    return Store(db)


def _begin(db: str | None, fn: Any) -> Any:
    store = _store(db)
    with store.begin() as conn:
        return fn(conn)


# -- sources ----------------------------------------------------------------------------------


@sources_app.command("add")
@handle_errors
def sources_add(
    location: Annotated[str, typer.Argument(help="An http(s) URL (feed, page, sitemap) or a local file or folder.")],
    name: Annotated[str | None, typer.Option("--name", help="A short name to refer to the source by.")] = None,
    outlet: OutletOpt = None,
    every: EveryOpt = "15m",
    language: LanguageOpt = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="feed, page, sitemap or path (default: found on the first fetch).")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Watch a feed, page, sitemap or folder. Example: dossier sources add https://example.org/rss --every 30m"""
    from dossier.monitor.schedule import parse_interval
    from dossier.monitor.sources import add_source

    seconds = parse_interval(every)
    record = _begin(
        db,
        lambda c: add_source(c, location, kind=kind, name=name, outlet=outlet, language=language, every_s=seconds),
    )
    if as_json:
        print_jsonl([record])
    else:
        err_console.print(Text(f"watching #{record['id']} {record['url']} ({record['kind']}, every {record['every']})"))


@sources_app.command("list")
@handle_errors
def sources_list(
    failing: Annotated[bool, typer.Option("--failing", help="Only sources failing repeatedly.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Watched sources with their health: last attempt, last success, last error, items seen and new."""
    from dossier.monitor.sources import list_sources

    rows = with_conn(db, lambda c: list_sources(c, failing=failing))
    if as_json:
        print_jsonl(rows)
        return
    print_table(
        rows,
        [
            "id",
            ("name", 24),
            ("url", 48),
            "kind",
            "every",
            "health",
            "last_success",
            ("last_error", 40),
            "items_seen",
            "items_new",
            "last_new",
        ],
        title="sources",
        empty="no sources (add one with `dossier sources add URL`)",
    )
    _report_failing([r for r in rows if r["health"] == "failing"])


def _report_failing(rows: list[dict[str, Any]]) -> None:
    for r in rows:
        err_console.print(
            Text(
                f"failing: #{r['id']} {r['name'] or r['url']}: {r['failures']} failed polls in a row; "
                f"last error: {r['last_error']}",
                style="bold red",
            )
        )


@sources_app.command("remove")
@handle_errors
def sources_remove(
    ref: Annotated[str, typer.Argument(help="Id, URL or name.")], db: DbOption = None, as_json: JsonOption = False
) -> None:
    """Stop watching a source (what it brought stays stored)."""
    from dossier.monitor.sources import remove_source

    record = _begin(db, lambda c: remove_source(c, ref))
    if as_json:
        print_jsonl([record])
    else:
        err_console.print(Text(f"removed #{record['id']} {record['url']}"))


@sources_app.command("import")
@handle_errors
def sources_import(
    path: Annotated[Path, typer.Argument(help="An OPML file (as feed readers export).")],
    every: EveryOpt = "15m",
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add every feed of an OPML file; those already watched are skipped."""
    from dossier.errors import DossierError
    from dossier.monitor.opml import parse_opml
    from dossier.monitor.schedule import parse_interval
    from dossier.monitor.sources import add_source

    default_every = parse_interval(every)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    outlines = parse_opml(data, origin=str(path))
    added, skipped = [], []
    store = _store(db)
    for o in outlines:
        try:
            seconds = parse_interval(o.every) if o.every else default_every
            with store.begin() as conn:
                added.append(
                    add_source(
                        conn,
                        o.url,
                        kind=None if o.kind == "auto" else o.kind,
                        name=o.name,
                        language=o.language,
                        every_s=seconds,
                    )
                )
        except DossierError as exc:
            skipped.append({"url": o.url, "reason": exc.message})
    if as_json:
        print_jsonl([*added, *({"type": "skipped", **s} for s in skipped)])
    else:
        for s in skipped:
            err_console.print(Text(f"skipped {s['url']}: {s['reason']}", style="yellow"))
        err_console.print(Text(f"added {len(added)} source(s) from {path}; {len(skipped)} skipped", style="bold green"))


@sources_app.command("export")
@handle_errors
def sources_export(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    db: DbOption = None,
) -> None:
    """Write the watched URL sources as OPML 2.0 (local folders are left out: paths do not travel)."""
    from dossier.monitor.opml import write_opml
    from dossier.monitor.sources import list_sources

    data = write_opml(with_conn(db, list_sources))
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)
        err_console.print(Text(f"wrote {output}"))


# -- fetch and watch ---------------------------------------------------------------------------


@app.command()
@handle_errors
def fetch(
    urls: Annotated[list[str], typer.Argument(help="http(s) URLs of pages (or feeds, or documents) to ingest now.")],
    outlet: OutletOpt = None,
    language: LanguageOpt = None,
    no_analyze: NoAnalyzeOpt = False,
    delay: DelayOpt = 1.0,
    per_host: PerHostOpt = 2,
    timeout: TimeoutOpt = 20.0,
    retries: RetriesOpt = 2,
    max_size: MaxSizeOpt = "10MB",
    robots: RobotsOpt = True,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Fetch pages by URL once and ingest them (main text by trafilatura), then run the alerts.

    Exit codes: 0 all stored, 3 some URLs failed, 1 nothing could be stored, 2 usage error.
    """
    from dossier.monitor.fetching import is_url
    from dossier.monitor.fetchurls import fetch_urls

    bad = [u for u in urls if not is_url(u)]
    if bad:
        raise UsageError(f"not an http(s) URL: {bad[0]}", hint="`dossier ingest` reads files and folders")
    policy = _policy(delay, per_host, timeout, retries, max_size, robots)

    def on_rejected(err: Any) -> None:
        if as_json:
            sys.stdout.write(dumps({"type": "error", "source": err.source, "reason": err.reason}) + "\n")
        else:
            err_console.print(Text(f"rejected {err.source}: {err.reason}", style="red"))

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
                        "outlet": article.outlet,
                    }
                )
                + "\n"
            )
        else:
            line = Text(f"{result.status} #{result.article_id} ")
            line.append_text(Text(article.title or article.url or ""))
            err_console.print(line)

    report = fetch_urls(
        urls,
        _store(db),
        policy=policy,
        outlet=outlet,
        language=language,
        analyze=not no_analyze,
        on_saved=on_saved,
        on_rejected=on_rejected,
    )
    for warning in report.warnings:
        err_console.print(Text(f"warning: {warning}", style="yellow"))
    summary = report.summary()
    if as_json:
        sys.stdout.write(dumps({"type": "summary", **summary, "exit_code": report.exit_code}) + "\n")
    else:
        err_console.print(
            Text(
                f"stored {summary['new']} new, {summary['revised']} revised; "
                f"{summary['duplicates']} already known; {summary['rejected']} rejected"
            )
        )
    raise typer.Exit(report.exit_code)


def _outcome_line(o: Any) -> Text:
    style = {"error": "red", "stored": "green"}.get(o.status, "dim")
    line = Text(f"{o.status:>12} ", style=style)
    line.append_text(Text(o.source))
    if o.status != "error":
        line.append(
            f"  seen {o.seen}, new {o.new}, revised {o.revised}" + (f", rejected {o.rejected}" if o.rejected else "")
        )
    if o.error:
        line.append_text(Text(f"  {o.error}", style="red"))
    return line


@app.command()
@handle_errors
def watch(
    once: Annotated[bool, typer.Option("--once", help="One round over the due sources, then exit (for cron).")] = False,
    all_due: Annotated[bool, typer.Option("--all", help="Treat every source as due (in the first round).")] = False,
    no_analyze: NoAnalyzeOpt = False,
    max_items: Annotated[int, typer.Option("--max-items", help="Pages fetched per source per round.")] = 50,
    delay: DelayOpt = 1.0,
    per_host: PerHostOpt = 2,
    timeout: TimeoutOpt = 20.0,
    retries: RetriesOpt = 2,
    max_size: MaxSizeOpt = "10MB",
    robots: RobotsOpt = True,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Poll the due sources, ingest what is new, run the alerts; repeat until SIGINT/SIGTERM (or once).

    A stop request finishes the source being stored and exits; sources not yet stored are polled again
    next time, so nothing is lost. Exit codes: 0, or 3 when a source failed in the last round.
    """
    from dossier.monitor.watch import WatchOptions
    from dossier.monitor.watch import watch as run_watch

    if max_items < 1:
        raise UsageError(f"--max-items must be >= 1, got {max_items}")
    options = WatchOptions(
        policy=_policy(delay, per_host, timeout, retries, max_size, robots), analyze=not no_analyze, max_items=max_items
    )
    stop = threading.Event()

    def request_stop(signum: int, _frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        err_console.print(Text(f"{signal.Signals(signum).name}: stopping after the current source", style="yellow"))

    previous = {s: signal.signal(s, request_stop) for s in (signal.SIGINT, signal.SIGTERM)}

    def on_outcome(o: Any) -> None:
        if as_json:
            sys.stdout.write(dumps(o.to_record()) + "\n")
            sys.stdout.flush()
        else:
            err_console.print(_outcome_line(o))

    last = None
    try:
        for report in run_watch(
            _store(db), once=once, all_due=all_due, options=options, stop=stop, on_outcome=on_outcome
        ):
            last = report
            for warning in report.warnings:
                err_console.print(Text(f"warning: {warning}", style="yellow"))
            if as_json:
                print_jsonl([report.summary(), *({"type": "failing", **f} for f in report.failing)])
            else:
                s = report.summary()
                err_console.print(
                    Text(
                        f"round: {s['sources']} source(s) polled, {s['new']} new, {s['revised']} revised, "
                        f"{s['errors']} error(s), {s['requests']} request(s) in {s['seconds']}s",
                        style="bold",
                    )
                )
                _report_failing(report.failing)
    except KeyboardInterrupt:
        err_console.print(
            Text("interrupted twice: stopped at once; unfinished sources will be polled again", style="yellow")
        )
        raise typer.Exit(130) from None
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    if stop.is_set() and not as_json:
        err_console.print(Text("stopped cleanly", style="green"))
    raise typer.Exit(3 if last is not None and any(o.status == "error" for o in last.outcomes) else 0)


# -- alerts -------------------------------------------------------------------------------------


@alerts_app.command("add")
@handle_errors
def alerts_add(
    name: Annotated[str, typer.Argument(help="A name for the alert.")],
    to: Annotated[
        list[str], typer.Option("--to", help="Channel (repeatable): jsonl:PATH, stdout, webhook:URL, mailto:ADDRESS.")
    ],
    subject: Annotated[str | None, typer.Option("--subject", help="Entity name or alias, any language.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Event kind, e.g. EQUIPMENT_COMBAT_DUTY.")] = None,
    query: Annotated[str | None, typer.Option("--query", help="Words that must all be in the fact's sentence.")] = None,
    min_sources: Annotated[int, typer.Option("--min-sources", help="Independent sources an event needs.")] = 1,
    contradictions: Annotated[bool, typer.Option("--contradictions", help="Also notify new contradictions.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Notify new events, quotes (and contradictions) about a subject after every ingest, fetch and watch.

    Example: dossier alerts add oreshnik --subject Oreshnik --to jsonl:alerts.jsonl --to webhook:http://host/hook
    """
    from dossier.monitor.alerts import add_alert

    record = _begin(
        db,
        lambda c: add_alert(
            c,
            name,
            subject=subject,
            kind=kind,
            query=query,
            min_sources=min_sources,
            contradictions=contradictions,
            channels=to,
        ),
    )
    if as_json:
        print_jsonl([record])
    else:
        err_console.print(Text(f"alert {record['name']!r} added; notifies {', '.join(record['channels'])}"))


@alerts_app.command("list")
@handle_errors
def alerts_list(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Alerts with their criteria, channels and delivery counts."""
    from dossier.monitor.alerts import list_alerts

    rows = with_conn(db, list_alerts)
    if as_json:
        print_jsonl(rows)
        return
    shown = [
        {
            "name": r["name"],
            "subject": r["subject"],
            "kind": r["kind"],
            "query": r["query"],
            "min src": r["min_sources"],
            "contra.": "yes" if r["contradictions"] else "",
            "channels": "\n".join(r["channels"]),
            "notified": r["notifications"],
            "pending": r["pending_deliveries"],
            "failed": r["failed_deliveries"],
        }
        for r in rows
    ]
    print_table(
        shown,
        ["name", "subject", "kind", "query", "min src", "contra.", "channels", "notified", "pending", "failed"],
        title="alerts",
        empty="no alerts (add one with `dossier alerts add NAME --subject X --to stdout`)",
    )


@alerts_app.command("remove")
@handle_errors
def alerts_remove(
    name: Annotated[str, typer.Argument(help="Name or id.")], db: DbOption = None, as_json: JsonOption = False
) -> None:
    """Remove an alert with its notification history."""
    from dossier.monitor.alerts import remove_alert

    record = _begin(db, lambda c: remove_alert(c, name))
    if as_json:
        print_jsonl([record])
    else:
        err_console.print(Text(f"removed alert {record['name']!r}"))


@alerts_app.command("deliver")
@handle_errors
def alerts_deliver(db: DbOption = None) -> None:
    """Retry every pending delivery now (they are otherwise retried after each ingest or watch round)."""
    from dossier.monitor.channels import deliver_pending

    warnings = deliver_pending(_store(db), force=True)
    for warning in warnings:
        err_console.print(Text(f"warning: {warning}", style="yellow"))
    raise typer.Exit(3 if warnings else 0)


@alerts_app.command("notifications")
@handle_errors
def alerts_notifications(
    alert: Annotated[str | None, typer.Option("--alert", help="Only this alert's.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many, newest first.")] = 20,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Notifications sent (or pending), with each channel's delivery status."""
    from dossier.monitor.channels import list_notifications

    rows = list_notifications(_store(db), alert=alert, limit=limit)
    if as_json:
        print_jsonl(rows)
        return
    table = [
        {
            **r,
            "deliveries": [
                f"{d['channel']}: {d['status']}" + (f" ({d['last_error']})" if d["last_error"] else "")
                for d in r["deliveries"]
            ],
        }
        for r in rows
    ]
    print_table(
        table,
        ["id", "alert", "created_at", "count", ("deliveries", 80)],
        title="notifications",
        empty="no notifications yet",
    )


# -- digest -------------------------------------------------------------------------------------


@app.command()
@handle_errors
def digest(
    since: Annotated[str, typer.Option("--since", help="Period: 24h, 7d, or an ISO 8601 date.")] = "24h",
    subject: Annotated[list[str] | None, typer.Option("--subject", help="Subject to report (repeatable).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text, markdown or json.")] = "text",
    db: DbOption = None,
) -> None:
    """What is new per subject since a time: articles, events, quotes and contradictions, with sources.

    Without --subject: the subjects of the alerts, else the entities most reported in the period.
    """
    from dossier.monitor.digest import FORMATS, build_digest, parse_since, render

    if fmt not in FORMATS:
        raise UsageError(f"unknown --format {fmt!r}", hint=f"formats: {', '.join(FORMATS)}")
    start = parse_since(since)
    record = with_conn(db, lambda c: build_digest(c, since=start, subjects=subject))
    if fmt == "json":
        sys.stdout.write(dumps(record) + "\n")
    else:
        console.print(Text(render(record, fmt)), end="", soft_wrap=True)
