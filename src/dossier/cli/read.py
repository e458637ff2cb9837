"""Commands that only read the store: they never import the analysis stages or NLP models."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from dossier import output
from dossier.cli.common import DbOption, JsonOption, KindOpt, LimitOpt, app, handle_errors, short, with_conn
from dossier.cli.filtering import (
    LanguageOpt,
    MinSourcesOpt,
    ModalityOpt,
    OutletOpt,
    SinceOpt,
    StoryOpt,
    SubjectOpt,
    UntilOpt,
    make_filters,
)
from dossier.output import clean, emit, print_fields, print_jsonl, print_table

# -- reading the store ------------------------------------------------------------------

AllSourcesOpt = Annotated[
    bool, typer.Option("--all-sources", help="List every source of each event, not only the first ones.")
]


@app.command()
@handle_errors
def articles(
    db: DbOption = None,
    limit: LimitOpt = 50,
    offset: Annotated[int, typer.Option("--offset", help="Skip this many first.")] = 0,
    since: SinceOpt = None,
    until: UntilOpt = None,
    subject: SubjectOpt = None,
    story: StoryOpt = None,
    outlet: OutletOpt = None,
    language: LanguageOpt = None,
    as_json: JsonOption = False,
) -> None:
    """List stored articles, newest publication first.

    Example: dossier articles --language ru --since 2025-09 --subject Oreshnik
    """
    from dossier.store import queries

    f = make_filters(since, until, subject, story, outlet, language)
    rows = with_conn(db, lambda c: queries.list_articles(c, limit=limit, offset=offset, filters=f))
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

    record = with_conn(db, lambda c: queries.get_article(c, article_id))
    if as_json:
        record.pop("sentences", None)
        print_jsonl([record])
        return
    from rich.text import Text

    print_fields(
        record,
        ["id", "title", "url", "outlet", "published", "language", "format", "author", "chars", "revision"],
    )
    output.console.print(Text("origins:", style="bold"))
    for o in record["origins"]:
        output.console.print(
            Text(clean(f"  {o['origin']}  ({o['format']}, {o['outlet'] or 'no outlet'}, seen {o['seen_at']})"))
        )
    output.console.print()
    output.console.print(Text(clean(record["text"])))


@app.command()
@handle_errors
def search(
    query: Annotated[str, typer.Argument(help="Words to find (all must occur).")],
    db: DbOption = None,
    limit: LimitOpt = 20,
    since: SinceOpt = None,
    until: UntilOpt = None,
    subject: SubjectOpt = None,
    story: StoryOpt = None,
    outlet: OutletOpt = None,
    language: LanguageOpt = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Only articles reporting an event of this kind.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Full-text search over titles and texts (SQLite FTS5 or PostgreSQL tsvector)."""
    from dossier.store import queries

    f = make_filters(since, until, subject, story, outlet, language, kind)
    rows = with_conn(db, lambda c: queries.search(c, query, limit=limit, filters=f))
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

    record = with_conn(db, queries.stats)
    if as_json:
        print_jsonl([record])
    else:
        print_fields(record, list(record))


# -- entities, quotes, events ---------------------------------------------------------------


@app.command()
@handle_errors
def entities(
    db: DbOption = None,
    kind: KindOpt = None,
    limit: LimitOpt = 100,
    since: SinceOpt = None,
    until: UntilOpt = None,
    subject: SubjectOpt = None,
    story: StoryOpt = None,
    outlet: OutletOpt = None,
    language: LanguageOpt = None,
    as_json: JsonOption = False,
) -> None:
    """List canonical entities (people, organisations, places, equipment...), most reported first.

    Mentions in any language and spelling are merged (Лукашенко = Lukashenko); `mentions` and
    `articles` count where they occur. Example: dossier entities --kind equipment
    """
    from dossier.store import knowledge

    f = make_filters(since, until, subject, story, outlet, language, kind)
    rows = with_conn(db, lambda c: knowledge.list_entities(c, limit=limit, filters=f))
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

    record = with_conn(db, lambda c: knowledge.get_entity(c, name, kind=kind))
    if as_json:
        print_jsonl([record])
        return
    from rich.text import Text

    print_fields(record, ["id", "name", "kind", "aliases", "wikidata", "mentions", "articles"])
    for other in record.get("also", []):
        output.console.print(Text(f"also matches: {other['name']} ({other['kind']}, id {other['id']})", style="dim"))
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
        output.console.print(line)


@app.command()
@handle_errors
def quotes(
    db: DbOption = None,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Only this speaker (name or alias).")] = None,
    limit: LimitOpt = 200,
    since: SinceOpt = None,
    until: UntilOpt = None,
    subject: SubjectOpt = None,
    story: StoryOpt = None,
    outlet: OutletOpt = None,
    language: LanguageOpt = None,
    as_json: JsonOption = False,
) -> None:
    """List stored statements with their speaker, cue, date and source, in publication order.

    Example: dossier quotes --speaker Ryzhenkov
    """
    from dossier.store import knowledge

    f = make_filters(since, until, subject, story, outlet, language)
    rows = with_conn(db, lambda c: knowledge.list_quotes(c, speaker=speaker, limit=limit, filters=f))
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
    kind: Annotated[
        str | None, typer.Option("--kind", help="Event kind, e.g. REQUEST (an unknown kind lists the valid ones).")
    ] = None,
    limit: LimitOpt = 500,
    since: SinceOpt = None,
    until: UntilOpt = None,
    subject: SubjectOpt = None,
    story: StoryOpt = None,
    outlet: OutletOpt = None,
    language: LanguageOpt = None,
    modality: ModalityOpt = None,
    min_sources: MinSourcesOpt = None,
    all_sources: AllSourcesOpt = False,
    as_json: JsonOption = False,
) -> None:
    """List stored events (who did what, when, with which equipment, according to whom).

    Each event lists its first 10 sources (--all-sources: every one); source_count and
    independent_sources count them all.

    --since/--until select by the event's own date (an undated event by its report's date).
    Example: dossier events --kind REQUEST --subject Oreshnik --min-sources 2
    """
    from dossier.store import knowledge

    f = make_filters(since, until, subject, story, outlet, language, kind, modality, min_sources)
    cap = None if all_sources else knowledge.SOURCES_SHOWN
    rows = with_conn(db, lambda c: knowledge.list_events(c, limit=limit, filters=f, sources_limit=cap))
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
    since: SinceOpt = None,
    until: UntilOpt = None,
    story: StoryOpt = None,
    outlet: OutletOpt = None,
    language: LanguageOpt = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Only events of this kind.")] = None,
    modality: ModalityOpt = None,
    min_sources: MinSourcesOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Entries to show (0: all).")] = 100,
    offset: Annotated[int, typer.Option("--offset", help="Skip this many entries first.")] = 0,
    newest: Annotated[bool, typer.Option("--newest", help="Newest entry first.")] = False,
    all_sources: AllSourcesOpt = False,
    as_json: JsonOption = False,
) -> None:
    """The dated sequence of events about a subject across all articles, each with its sources.

    Shows --limit entries (100) from --offset, oldest first (--newest: latest first), and says when
    more follow. Each entry lists its first sources (--json: 10; --all-sources: every one) with the
    count of all of them.

    Events are ordered by their own date; an event without one is placed at its report's date and
    marked undated; `XXXX-09-26` takes its year from the report, marked as assumed. For equipment,
    the lifecycle stage it reached (requested ... combat duty, entered service) and when.

    Example: dossier timeline Oreshnik
    """
    from dossier.store import knowledge

    f = make_filters(since, until, None, story, outlet, language, kind, modality, min_sources)
    cap = None if all_sources else (knowledge.SOURCES_SHOWN if as_json else 3)
    record = with_conn(
        db,
        lambda c: knowledge.timeline(
            c, subject, filters=f, limit=limit or None, offset=offset, newest=newest, sources_limit=cap
        ),
    )
    if record["next_offset"] is not None:
        shown = f"{record['offset'] + 1}-{record['offset'] + len(record['entries'])}"
        output.err_console.print(
            f"entries {shown} of {record['total']}: the next page is --offset {record['next_offset']}"
            + (" --newest" if newest else "")
        )
    if record.get("window"):
        from rich.text import Text

        output.err_console.print(  # the subject's name is the reports' text: never read as markup
            Text(
                f"built from the {record['window']['events']:,} most recently stored events about "
                f"{record['subject']}: use --since/--until to reach older ones"
            )
        )
    if as_json:
        print_jsonl({"type": "timeline", **e} for e in record["entries"])
        return
    from rich.text import Text

    title = f"{record['subject']} ({record['kind']})"
    if record.get("status"):
        stage = record["status"].replace("_", " ")
        if record.get("status_by_report"):  # no source dates it: the first report bounds it
            title += f": reached {stage} by {record['status_date']} (first report)"
        else:
            title += f": reached {stage} on {record['status_date'] or 'an unknown date'}"
        if record.get("status_contested"):
            title += f" (contested: {', '.join(record['status_contested'])})"
    output.console.rule(Text(title))
    for e in record["entries"]:
        # An undated entry sits at its report's date for ordering; say so rather than show it as its date.
        when = e.get("date") or f"undated (rep. {(e.get('reported') or '?')[:10]})"
        line = Text(f"{when:28} ", style="bold")
        line.append(f"{e['kind']:24} ")
        who = ", ".join(e.get("actors") or []) or "-"
        what = ", ".join(e.get("equipment") or [])
        line.append(f"{who}" + (f" / {what}" if what else ""))
        if e.get("modality") not in (None, "asserted"):
            line.append(f"  [{e['modality']}]", style="yellow")
        if e.get("attributed_to"):
            line.append(f"  per {e['attributed_to']}", style="cyan")
        output.console.print(line)
        _print_corrections(e)
        if e.get("sources"):
            count = e.get("source_count", len(e["sources"]))
            output.console.print(
                Text(
                    f"    {count} source(s), {e.get('independent_sources', count)} independent"
                    + (f", {e['merged_reports']} reports merged" if e.get("merged_reports", 1) > 1 else ""),
                    style="dim",
                )
            )
        for src in e.get("sources", [])[:3]:
            sentence = (src.get("sentence") or "").strip().replace("\n", " ")
            said_by = f"{src['outlet']}: " if src.get("outlet") else ""  # a plain file has no outlet
            output.console.print(Text(f"    [{src.get('article_id')}] {said_by}{sentence[:140]}", style="dim"))
        count = e.get("source_count", len(e.get("sources", [])))
        if count > 3:
            output.console.print(Text(f"    ... and {count - 3} more sources", style="dim"))


def _print_corrections(e: dict[str, Any]) -> None:
    """What a person changed or confirmed on a timeline entry, set apart from what the machine found."""
    from rich.text import Text

    for mark in e.get("corrections") or []:
        machine = mark.get("machine")
        line = Text(f"    ✎ {mark['field']} corrected by {mark.get('by')}", style="magenta")
        line.append(f" (machine said {machine if machine is not None else 'nothing'}; log entry {mark.get('entry')})")
        output.console.print(line)
    if e.get("confirmed"):
        output.console.print(Text(f"    ✔ confirmed by an analyst (event {', '.join(e['confirmed'])})", style="green"))


# -- across articles: stories, copies, contradictions ------------------------------------


@app.command()
@handle_errors
def stories(
    db: DbOption = None,
    limit: LimitOpt = 100,
    since: SinceOpt = None,
    until: UntilOpt = None,
    subject: SubjectOpt = None,
    outlet: OutletOpt = None,
    language: LanguageOpt = None,
    as_json: JsonOption = False,
) -> None:
    """List stories (one real-world development each), most articles first.

    A story groups the articles about one development across outlets and languages; its title is its
    earliest article's. See one with `dossier story ID`.
    """
    from dossier.store import cross_queries

    f = make_filters(since, until, subject, None, outlet, language)
    rows = with_conn(db, lambda c: cross_queries.list_stories(c, limit=limit, filters=f))
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
    from dossier.store import cross_queries

    record = with_conn(db, lambda c: cross_queries.get_story(c, story_id))
    if as_json:
        print_jsonl([record])
        return
    from rich.text import Text

    print_fields(record, ["id", "title", "articles", "independent_sources", "first_reported", "last_reported"])
    print_table(
        record["article_list"],
        ["id", ("title", 60), "outlet", "published", "copy_of"],
        title="articles",
    )
    if record["events"]:
        output.console.rule(Text("events"))
    for e in record["events"]:
        line = Text(f"{e['date'] or (e['reported'] or '?')[:10] + ' (undated)':28} ", style="bold")
        line.append(f"{e['kind']:24} ")
        who = ", ".join(e["actors"]) or "-"
        what = ", ".join(e["equipment"])
        line.append(who + (f" / {what}" if what else ""))
        if e["modalities"] != ["asserted"]:
            line.append(f"  [{', '.join(e['modalities'])}]", style="yellow")
        line.append(f"  {len(e['sources'])} source(s), {e['independent_sources']} independent", style="cyan")
        output.console.print(line)
        for src in e["sources"][:3]:
            output.console.print(
                Text(f"    [{src['article_id']}] {src['outlet'] or '-'}: {short(src['sentence'], 140)}", style="dim")
            )
    for flag in record["contradictions"]:
        _print_contradiction(flag)


@app.command()
@handle_errors
def copies(
    db: DbOption = None,
    limit: LimitOpt = 100,
    since: SinceOpt = None,
    until: UntilOpt = None,
    subject: SubjectOpt = None,
    story: StoryOpt = None,
    outlet: OutletOpt = None,
    language: LanguageOpt = None,
    as_json: JsonOption = False,
) -> None:
    """List copy chains: an original article and the items that repeat it.

    Exact duplicates, near-copies and light rewrites, Telegram forwards and credited items ("according
    to BelTA") are tied to the item they repeat; such copies count as one source in `independent_sources`.
    """
    from dossier.store import cross_queries

    f = make_filters(since, until, subject, story, outlet, language)
    rows = with_conn(db, lambda c: cross_queries.list_copies(c, limit=limit, filters=f))
    if as_json:
        print_jsonl(rows)
        return
    from rich.text import Text

    if not rows:
        output.err_console.print(Text("no copies found", style="yellow"))
        return
    for chain in rows:
        o = chain["original"]
        head = Text(f"[{o['article_id']}] ", style="bold")
        head.append(short(o["title"], 70), style="bold")
        head.append(f"  {o['outlet'] or '-'}  {o['published'] or '-'}", style="dim")
        output.console.print(head)
        if len(o.get("origins") or []) > 1:
            output.console.print(
                Text(f"  = exact duplicate: one article, {len(o['origins'])} origins", style="magenta")
            )
            for origin in o["origins"]:
                output.console.print(Text(f"    · {origin['origin']}  {origin['outlet'] or '-'}", style="dim"))
        for c in chain["copies"]:
            line = Text(f"  └ [{c['article_id']}] {c['kind']}")
            if c["similarity"] is not None:
                line.append(f" {c['similarity']:.2f}")
            if c["copy_of"] not in (None, o["article_id"]):
                line.append(f" of [{c['copy_of']}]")
            line.append(f"  {c['outlet'] or '-'}  {c['published'] or '-'}", style="dim")
            line.append(f"  {short(c['title'], 50)}")
            if len(c.get("origins") or []) > 1:
                line.append(f"  (exact duplicate: {len(c['origins'])} origins)", style="magenta")
            output.console.print(line)


def _print_contradiction(flag: dict[str, Any]) -> None:
    from rich.text import Text

    head = Text(f"{flag['field']} ", style="bold red")
    head.append(f"{flag['kind']}  (story {flag['story']}, events {', '.join(str(e) for e in flag['events'])})")
    output.console.print(head)
    for side in flag["sides"]:
        line = Text(f"  {short(side['value'], 30):30} ", style="bold")
        line.append(f"[{side['article_id']}] {side['outlet'] or '-'}: ", style="cyan")
        line.append(short(side["sentence"], 120))
        output.console.print(line)


@app.command()
@handle_errors
def contradictions(
    db: DbOption = None,
    story_id: Annotated[int | None, typer.Option("--story", help="Only this story.")] = None,
    subject: SubjectOpt = None,
    outlet: OutletOpt = None,
    language: LanguageOpt = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Only events of this kind.")] = None,
    min_sources: MinSourcesOpt = None,
    as_json: JsonOption = False,
) -> None:
    """List conflicting accounts: one event told with different dates, status, numbers or speakers.

    Each side comes with the article, outlet and sentence it is written in, and its independent source.
    """
    from dossier.store import cross_queries

    f = make_filters(None, None, subject, story_id, outlet, language, kind, None, min_sources)
    rows = with_conn(db, lambda c: cross_queries.list_contradictions(c, filters=f))
    if as_json:
        print_jsonl(rows)
        return
    from rich.text import Text

    if not rows:
        output.err_console.print(Text("no contradictions found", style="yellow"))
    for flag in rows:
        _print_contradiction(flag)


@app.command()
@handle_errors
def times(
    db: DbOption = None,
    article: Annotated[int | None, typer.Option("--article", help="Only this article's expressions.")] = None,
    limit: LimitOpt = 200,
    as_json: JsonOption = False,
) -> None:
    """List stored time expressions with their TIMEX3 value, anchor and sentence (ids for `dossier reject time`).

    Example: dossier times --article 3
    """
    from dossier.store import knowledge

    rows = with_conn(db, lambda c: knowledge.list_times(c, article_id=article, limit=limit))
    emit(
        rows,
        as_json=as_json,
        columns=["id", "article_id", ("text", 30), "timex_type", "value", "anchor", ("sentence", 60)],
        empty="no time expressions found",
    )
