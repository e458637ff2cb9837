"""The ``dossier`` command line: thin Typer commands over importable functions.

Every command works on the store named by ``--db`` (or ``$DOSSIER_DB``, else
``./dossier.db``).  Listing commands take ``--json`` and then print JSON
Lines, one record per line (``docs/records.md``).  Errors are translated here,
once: a message on stderr (a JSON envelope with ``--json``) and a graded exit
code (0 success, 1 failure, 2 usage error, 3 partial success).
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.text import Text

from dossier import __version__
from dossier.errors import DossierError, IngestError, UsageError
from dossier.output import console, dumps, emit, err_console, print_fields, print_jsonl, print_table

app = typer.Typer(
    name="dossier",
    help=(
        "Dossier turns news reports and Telegram posts into a source-attributed, time-resolved "
        "knowledge base: who did what, when, where, with which equipment, and who says so.\n\n"
        "Start with `dossier ingest samples/corpus`, then `dossier articles`, `dossier search WORDS`, "
        "`dossier stats`. Every listing command takes --json for JSON Lines."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="DOSSIER_DB", help="Database URL or SQLite file path [default: ./dossier.db]."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON Lines, one record per line.")]


def handle_errors(func: F) -> F:
    """Translate Dossier's errors into a message and an exit code (the CLI's one boundary)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DossierError as exc:
            if kwargs.get("as_json"):
                sys.stderr.write(dumps(exc.to_record()) + "\n")
            else:
                err_console.print(Text(f"error: {exc.message}", style="bold red"))
                if exc.hint:
                    err_console.print(Text(f"hint: {exc.hint}", style="yellow"))
            raise typer.Exit(exc.exit_code) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        console.print(f"dossier {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Dossier command line."""


# -- option parsing --------------------------------------------------------------

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)


def parse_size(value: str) -> int:
    """``"50MB"``, ``"512k"``, ``"1g"`` or a byte count, to bytes."""
    match = _SIZE.match(value)
    if not match:
        raise UsageError(f"invalid size {value!r}", hint="use a number of bytes or e.g. 512k, 50MB, 1G")
    number, unit = float(match.group(1)), match.group(2).lower()
    return int(number * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit])


def parse_published(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"invalid --published date {value!r}",
            hint="use ISO 8601, e.g. 2025-09-27 or 2025-09-27T10:00+03:00",
        ) from None


def _defaults(published: str | None, outlet: str | None, url: str | None, language: str | None):  # type: ignore[no-untyped-def]
    from dossier.ingest import Defaults

    return Defaults(origin="", published=parse_published(published), outlet=outlet, url=url, language=language)


def _check_format(fmt: str | None) -> None:
    from dossier.ingest import READERS

    if fmt is not None and fmt not in READERS:
        raise UsageError(f"unknown --format {fmt!r}", hint=f"known formats: {', '.join(sorted(READERS))}")


PathsArg = Annotated[list[str], typer.Argument(help="Files, directories (read recursively) or - for stdin.")]
PublishedOpt = Annotated[
    str | None, typer.Option("--published", help="Publication date for inputs that carry none (ISO 8601).")
]
OutletOpt = Annotated[str | None, typer.Option("--outlet", help="Outlet for inputs that name none.")]
UrlOpt = Annotated[str | None, typer.Option("--url", help="URL for inputs that carry none.")]
LanguageOpt = Annotated[
    str | None, typer.Option("--language", help="Language code (en, ru...) instead of detecting it.")
]
FormatOpt = Annotated[
    str | None,
    typer.Option("--format", help="Force a reader: text, html, json, jsonl, feed, warc (default: by name/content)."),
]
MaxSizeOpt = Annotated[str, typer.Option("--max-size", help="Reject files larger than this (e.g. 50MB).")]


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
    no_analyze: Annotated[bool, typer.Option("--no-analyze", help="Store articles without NLP analysis.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Read articles from files, directories or stdin and store them.

    Formats: plain text (first line = title), HTML, JSON, JSON Lines, RSS/Atom feeds, WARC and Telegram
    Desktop exports (result.json). Content already stored is not stored twice (its new origin is recorded);
    new text at a known URL becomes a new revision. Bad inputs are named with the reason and the rest
    is stored.

    Exit codes: 0 all stored, 3 some inputs rejected, 1 nothing could be stored, 2 usage error.

    Example: dossier ingest samples/corpus --published 2025-09-27
    """
    from dossier.ingest import iter_sources
    from dossier.ingest.job import ingest as run_ingest
    from dossier.store import Store

    _check_format(fmt)
    max_bytes = parse_size(max_size)
    defaults = _defaults(published, outlet, url, language)
    store = Store(db)
    sources = [s for s in iter_sources(paths)]
    show_progress = not as_json and err_console.is_terminal

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
            defaults=defaults,
            max_bytes=max_bytes,
            fmt=fmt,
            analyze=not no_analyze,
            on_source=lambda name: progress.update(task, advance=1, description=Path(name).name),
            on_saved=on_saved,
            on_rejected=on_rejected,
        )
    for warning in report.warnings:
        err_console.print(Text(f"warning: {warning}", style="yellow"))
    summary = report.summary()
    if as_json and not no_analyze:
        from dossier.store import knowledge

        touched = sorted({r.article_id for _a, r in report.saved if r.status != "duplicate"})
        for record in _with_conn(db, lambda c: knowledge.entities_of_articles(c, touched)):
            record.pop("attrs", None)
            sys.stdout.write(dumps({"type": "entity", **record}) + "\n")
    if as_json:
        sys.stdout.write(dumps({"type": "summary", **summary, "exit_code": report.exit_code}) + "\n")
    else:
        line = (
            f"stored {summary['new']} new, {summary['revised']} revised; {summary['duplicates']} already "
            f"known ({summary['origins_added']} new origins); {summary['rejected']} rejected"
        )
        err_console.print(Text(line, style="bold green" if not summary["rejected"] else "bold yellow"))
        err_console.print(Text(f"database: {store.safe_url}", style="dim"))
    raise typer.Exit(report.exit_code)


# -- reading the store ------------------------------------------------------------------


def _with_conn(db: str | None, fn: Callable[[Any], Any]) -> Any:
    from dossier.store import Store

    store = Store(db)
    with store.connect() as conn:
        return fn(conn)


LimitOpt = Annotated[int, typer.Option("--limit", "-n", help="How many records to show.")]


@app.command()
@handle_errors
def articles(
    db: DbOption = None,
    limit: LimitOpt = 50,
    offset: Annotated[int, typer.Option("--offset", help="Skip this many first.")] = 0,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Only this outlet.")] = None,
    language: Annotated[str | None, typer.Option("--language", help="Only this language (en, ru...).")] = None,
    as_json: JsonOption = False,
) -> None:
    """List stored articles, newest publication first."""
    from dossier.store import queries

    rows = _with_conn(
        db, lambda c: queries.list_articles(c, limit=limit, offset=offset, outlet=outlet, language=language)
    )
    emit(
        rows,
        as_json=as_json,
        columns=["id", ("title", 60), "outlet", "published", "language", "format", "origins"],
        empty="no articles stored yet: try `dossier ingest PATH`",
    )


@app.command()
@handle_errors
def show(
    article_id: Annotated[int, typer.Argument(help="Article id (see `dossier articles`).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one article: metadata, every origin and revision, and its text."""
    from dossier.store import queries

    record = _with_conn(db, lambda c: queries.get_article(c, article_id))
    if as_json:
        record.pop("sentences", None)
        print_jsonl([record])
        return
    print_fields(
        record,
        ["id", "title", "url", "outlet", "published", "language", "format", "author", "chars", "revision"],
    )
    console.print(Text("origins:", style="bold"))
    for o in record["origins"]:
        console.print(Text(f"  {o['origin']}  ({o['format']}, {o['outlet'] or 'no outlet'}, seen {o['seen_at']})"))
    console.print()
    console.print(Text(record["text"]))


@app.command()
@handle_errors
def search(
    query: Annotated[str, typer.Argument(help="Words to find (all must occur).")],
    db: DbOption = None,
    limit: LimitOpt = 20,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over titles and texts (SQLite FTS5 or PostgreSQL tsvector)."""
    from dossier.store import queries

    rows = _with_conn(db, lambda c: queries.search(c, query, limit=limit))
    emit(
        rows,
        as_json=as_json,
        columns=["id", ("title", 50), "outlet", "published", ("snippet", 80)],
        empty=f"no article matches {query!r}",
    )


@app.command()
@handle_errors
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Counts: articles, origins, languages, formats, extraction records, rejections."""
    from dossier.store import queries

    record = _with_conn(db, queries.stats)
    if as_json:
        print_jsonl([record])
    else:
        print_fields(record, list(record))


# -- entities, quotes, events ---------------------------------------------------------------


KindOpt = Annotated[str | None, typer.Option("--kind", help="person, org, place, equipment, law, event or other.")]


@app.command()
@handle_errors
def entities(
    db: DbOption = None,
    kind: KindOpt = None,
    limit: LimitOpt = 100,
    as_json: JsonOption = False,
) -> None:
    """List canonical entities (people, organisations, places, equipment...), most reported first.

    Mentions in any language and spelling are merged (Лукашенко = Lukashenko); `mentions` and
    `articles` count where they occur. Example: dossier entities --kind equipment
    """
    from dossier.store import knowledge

    rows = _with_conn(db, lambda c: knowledge.list_entities(c, kind=kind, limit=limit))
    if as_json:
        print_jsonl({k: v for k, v in r.items() if k != "attrs"} for r in rows)
    else:
        print_table(
            rows,
            ["id", ("name", 36), "kind", ("aliases", 50), "wikidata", "mentions", "articles"],
            empty="no entities stored yet: ingest articles first",
        )


@app.command()
@handle_errors
def entity(
    name: Annotated[str, typer.Argument(help="Name or alias, in any language (e.g. Lukashenko, Орешник).")],
    db: DbOption = None,
    kind: KindOpt = None,
    as_json: JsonOption = False,
) -> None:
    """Show one entity: its aliases, the articles it appears in, and each mention in its sentence."""
    from dossier.store import knowledge

    record = _with_conn(db, lambda c: knowledge.get_entity(c, name, kind=kind))
    if as_json:
        print_jsonl([record])
        return
    print_fields(record, ["id", "name", "kind", "aliases", "wikidata", "mentions", "articles"])
    for other in record.get("also", []):
        console.print(Text(f"also matches: {other['name']} ({other['kind']}, id {other['id']})", style="dim"))
    print_table(record["article_list"], ["id", ("title", 60), "outlet", "published"], title="articles")
    for m in record["mention_list"]:
        line = Text(f"[{m['article_id']}] ", style="dim")
        sentence, start = m["sentence"] or m["text"], (m["sentence"] or "").find(m["text"])
        if start >= 0:
            line.append(sentence[:start])
            line.append(m["text"], style="bold")
            line.append(sentence[start + len(m["text"]) :])
        else:
            line.append(sentence)
        console.print(line)


@app.command()
@handle_errors
def quotes(
    db: DbOption = None,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Only this speaker (name or alias).")] = None,
    limit: LimitOpt = 200,
    as_json: JsonOption = False,
) -> None:
    """List stored statements with their speaker, cue, date and source, in publication order.

    Example: dossier quotes --speaker Ryzhenkov
    """
    from dossier.store import knowledge

    rows = _with_conn(db, lambda c: knowledge.list_quotes(c, speaker=speaker, limit=limit))
    emit(
        rows,
        as_json=as_json,
        columns=["speaker", ("text", 70), "direct", "cue", "date", "via", "outlet", "published"],
        empty="no quotes found",
    )


@app.command()
@handle_errors
def events(
    db: DbOption = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Event kind, e.g. REQUEST or STATEMENT.")] = None,
    limit: LimitOpt = 500,
    as_json: JsonOption = False,
) -> None:
    """List stored events (who did what, when, with which equipment, according to whom)."""
    from dossier.store import knowledge

    rows = _with_conn(db, lambda c: knowledge.list_events(c, kind=kind, limit=limit))
    emit(
        rows,
        as_json=as_json,
        columns=[
            "id",
            "kind",
            "date",
            "reported",
            "actors",
            "equipment",
            "modality",
            "attributed_to",
            ("sentence", 60),
        ],
        empty="no events found",
    )


@app.command()
@handle_errors
def timeline(
    subject: Annotated[str, typer.Argument(help="An entity by name or alias, any language (e.g. Oreshnik).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The dated sequence of events about a subject across all articles, each with its sources.

    Events are ordered by their own date; an event without one is placed at its report's date and
    marked undated; `XXXX-09-26` takes its year from the report, marked as assumed. For equipment,
    the lifecycle stage it reached (requested ... combat duty, entered service) and when.

    Example: dossier timeline Oreshnik
    """
    from dossier.store import knowledge

    record = _with_conn(db, lambda c: knowledge.timeline(c, subject))
    if as_json:
        print_jsonl({"type": "timeline", **e} for e in record["entries"])
        return
    title = f"{record['subject']} ({record['kind']})"
    if record.get("status"):
        title += f": reached {record['status'].replace('_', ' ')} on {record['status_date'] or 'an unknown date'}"
    console.rule(Text(title))
    for e in record["entries"]:
        when = e.get("date") or f"{(e.get('reported') or '?')[:10]} (undated, reported)"
        line = Text(f"{when:28} ", style="bold")
        line.append(f"{e['kind']:24} ")
        who = ", ".join(e.get("actors") or []) or "-"
        what = ", ".join(e.get("equipment") or [])
        line.append(f"{who}" + (f" / {what}" if what else ""))
        if e.get("modality") not in (None, "asserted"):
            line.append(f"  [{e['modality']}]", style="yellow")
        if e.get("attributed_to"):
            line.append(f"  per {e['attributed_to']}", style="cyan")
        console.print(line)
        if e.get("sources"):
            console.print(
                Text(
                    f"    {len(e['sources'])} source(s), {e.get('independent_sources', len(e['sources']))} independent",
                    style="dim",
                )
            )
        for src in e.get("sources", [])[:3]:
            sentence = (src.get("sentence") or "").strip().replace("\n", " ")
            console.print(
                Text(f"    [{src.get('article_id')}] {src.get('outlet') or ''}: {sentence[:140]}", style="dim")
            )
        if len(e.get("sources", [])) > 3:
            console.print(Text(f"    ... and {len(e['sources']) - 3} more sources", style="dim"))


# -- across articles: stories, copies, contradictions ------------------------------------


def _short(value: Any, width: int) -> str:
    s = str(value or "").replace("\n", " ").strip()
    return s if len(s) <= width else s[: width - 1] + "…"


@app.command()
@handle_errors
def stories(db: DbOption = None, limit: LimitOpt = 100, as_json: JsonOption = False) -> None:
    """List stories (one real-world development each), most articles first.

    A story groups the articles about one development across outlets and languages; its title is its
    earliest article's. See one with `dossier story ID`.
    """
    from dossier.store import crossdoc

    rows = _with_conn(db, lambda c: crossdoc.list_stories(c, limit=limit))
    emit(
        rows,
        as_json=as_json,
        columns=["id", ("title", 70), "articles", "first_reported", "last_reported"],
        empty="no stories yet: ingest articles first",
    )


@app.command()
@handle_errors
def story(
    story_id: Annotated[int, typer.Argument(help="Story id (see `dossier stories`).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one story: its articles with outlet and date, and its events in time order with their sources."""
    from dossier.store import crossdoc

    record = _with_conn(db, lambda c: crossdoc.get_story(c, story_id))
    if as_json:
        print_jsonl([record])
        return
    print_fields(record, ["id", "title", "articles", "independent_sources", "first_reported", "last_reported"])
    print_table(
        record["article_list"],
        ["id", ("title", 60), "outlet", "published", "copy_of"],
        title="articles",
    )
    if record["events"]:
        console.rule(Text("events"))
    for e in record["events"]:
        line = Text(f"{e['date'] or (e['reported'] or '?')[:10] + ' (undated)':28} ", style="bold")
        line.append(f"{e['kind']:24} ")
        who = ", ".join(e["actors"]) or "-"
        what = ", ".join(e["equipment"])
        line.append(who + (f" / {what}" if what else ""))
        if e["modalities"] != ["asserted"]:
            line.append(f"  [{', '.join(e['modalities'])}]", style="yellow")
        line.append(f"  {len(e['sources'])} source(s), {e['independent_sources']} independent", style="cyan")
        console.print(line)
        for src in e["sources"][:3]:
            console.print(
                Text(f"    [{src['article_id']}] {src['outlet'] or '-'}: {_short(src['sentence'], 140)}", style="dim")
            )
    for flag in record["contradictions"]:
        _print_contradiction(flag)


@app.command()
@handle_errors
def copies(db: DbOption = None, limit: LimitOpt = 100, as_json: JsonOption = False) -> None:
    """List copy chains: an original article and the items that repeat it.

    Exact duplicates, near-copies and light rewrites, Telegram forwards and credited items ("according
    to BelTA") are tied to the item they repeat; such copies count as one source in `independent_sources`.
    """
    from dossier.store import crossdoc

    rows = _with_conn(db, lambda c: crossdoc.list_copies(c, limit=limit))
    if as_json:
        print_jsonl(rows)
        return
    if not rows:
        err_console.print(Text("no copies found", style="yellow"))
        return
    for chain in rows:
        o = chain["original"]
        head = Text(f"[{o['article_id']}] ", style="bold")
        head.append(_short(o["title"], 70), style="bold")
        head.append(f"  {o['outlet'] or '-'}  {o['published'] or '-'}", style="dim")
        console.print(head)
        for c in chain["copies"]:
            line = Text(f"  └ [{c['article_id']}] {c['kind']}")
            if c["similarity"] is not None:
                line.append(f" {c['similarity']:.2f}")
            if c["copy_of"] not in (None, o["article_id"]):
                line.append(f" of [{c['copy_of']}]")
            line.append(f"  {c['outlet'] or '-'}  {c['published'] or '-'}", style="dim")
            line.append(f"  {_short(c['title'], 50)}")
            console.print(line)


def _print_contradiction(flag: dict[str, Any]) -> None:
    head = Text(f"{flag['field']} ", style="bold red")
    head.append(f"{flag['kind']}  (story {flag['story']}, events {', '.join(str(e) for e in flag['events'])})")
    console.print(head)
    for side in flag["sides"]:
        line = Text(f"  {_short(side['value'], 30):30} ", style="bold")
        line.append(f"[{side['article_id']}] {side['outlet'] or '-'}: ", style="cyan")
        line.append(_short(side["sentence"], 120))
        console.print(line)


@app.command()
@handle_errors
def contradictions(
    db: DbOption = None,
    story_id: Annotated[int | None, typer.Option("--story", help="Only this story.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List conflicting accounts: one event told with different dates, status, numbers or speakers.

    Each side comes with the article, outlet and sentence it is written in, and its independent source.
    """
    from dossier.store import crossdoc

    rows = _with_conn(db, lambda c: crossdoc.list_contradictions(c, story=story_id))
    if as_json:
        print_jsonl(rows)
        return
    if not rows:
        err_console.print(Text("no contradictions found", style="yellow"))
    for flag in rows:
        _print_contradiction(flag)


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

    _check_format(fmt)
    errors = 0

    def failed(article: Any, exc: Exception) -> None:
        nonlocal errors
        errors += 1
        err_console.print(Text(f"analysis failed for {article.doc_key}: {type(exc).__name__}: {exc}", style="red"))

    analyzer = Analyzer(on_error=failed)
    items = read_all(
        paths, defaults=_defaults(published, outlet, url, language), max_bytes=parse_size(max_size), fmt=fmt
    )

    def good_items() -> Iterator[Article]:
        nonlocal errors
        for item in items:
            if isinstance(item, IngestError):
                errors += 1
                err_console.print(Text(f"rejected {item.source}: {item.reason}", style="red"))
            else:
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


def run() -> None:  # pragma: no cover - console entry point alias
    app()
