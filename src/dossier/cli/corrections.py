"""Analysts' corrections: `edit`, `delete`, `merge`, `split`, `reject`, `confirm`, `note`, `tag`, `log`, `undo`.

Thin faces over :mod:`dossier.corrections`: each command runs in one transaction, prints the log
entries it wrote (JSON Lines with --json) and says how to undo.  IDs are those the listings print.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.text import Text

from dossier.cli.common import DbOption, JsonOption, LimitOpt, app, handle_errors, short
from dossier.output import console, err_console, print_jsonl, print_table

UserOpt = Annotated[
    str | None,
    typer.Option("--user", help="Who makes the correction [default: $DOSSIER_USER, else the OS user]."),
]
NoteOpt = Annotated[str | None, typer.Option("--note", help="Why: kept with the log entry.")]

edit_app = typer.Typer(
    help="Correct an article's metadata, an entity, a quote's speaker or an event's kind and date.",
    no_args_is_help=True,
)
delete_app = typer.Typer(help="Delete an article with everything derived from it.", no_args_is_help=True)
app.add_typer(edit_app, name="edit")
app.add_typer(delete_app, name="delete")


class Reviewable(StrEnum):
    event = "event"
    quote = "quote"
    time = "time"


class Annotatable(StrEnum):
    article = "article"
    entity = "entity"
    event = "event"
    quote = "quote"
    story = "story"


def _write(db: str | None, fn: Any) -> Any:
    """Run ``fn(conn)`` in one transaction: a correction is written whole or not at all."""
    from dossier.store import Store

    store = Store(db)
    try:
        with store.begin() as conn:
            return fn(conn)
    finally:
        store.dispose()


def _user(user: str | None) -> str:
    from dossier.corrections import current_user

    return current_user(user)


def _report(entries: list[dict[str, Any]], as_json: bool) -> None:
    if as_json:
        print_jsonl({"type": "correction", **e} for e in entries)
        return
    for e in entries:
        line = Text(f"entry {e['entry']}: ", style="bold")
        line.append(f"{e['action']} {e['target_type']} {e['target_id'] if e['target_id'] is not None else ''}")
        if e["field"] and e["action"] not in ("note", "tag"):
            line.append(f" {e['field']}: ")
            line.append(short(_show(e["old"]), 40), style="red")
            line.append(" -> ")
            line.append(short(_show(e["new"]), 40), style="green")
        elif e["action"] in ("note", "tag"):
            line.append(": ")
            line.append(short(e["new"], 80))
        line.append(f"  (by {e['user']})", style="dim")
        console.print(line)
    if entries:
        err_console.print(Text(f"undo with: dossier undo {entries[-1]['entry']}", style="dim"))


def _show(value: Any) -> str:
    if isinstance(value, dict):
        if "value" in value:
            return _show(value["value"])
        if "merged" in value:
            return f"{value['merged'].get('name')} (id {value['merged'].get('id')})"
        if "alias" in value:
            return f"{value['alias']} -> entity {value.get('entity')}"
        if "title" in value:
            return f"article {value.get('title')!r}"
        if "into" in value:
            return f"merged into {value.get('name')} (id {value['into']})"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "-" if value is None else str(value)


# -- articles --------------------------------------------------------------------------------------


@edit_app.command("article")
@handle_errors
def edit_article(
    article_id: Annotated[int, typer.Argument(help="Article id (see `dossier articles`).")],
    published: Annotated[str | None, typer.Option("--published", help="Publication date, ISO 8601.")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Outlet name.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Title.")] = None,
    language: Annotated[str | None, typer.Option("--language", help="Language code (en, ru...).")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Canonical URL.")] = None,
    reanalyze: Annotated[
        bool,
        typer.Option(
            "--reanalyze/--no-reanalyze",
            help="After a new date or language, analyse the article again so relative dates are re-anchored.",
        ),
    ] = True,
    db: DbOption = None,
    user: UserOpt = None,
    as_json: JsonOption = False,
) -> None:
    """Correct an article's metadata; report dates, copy chains and story spans follow.

    Example: dossier edit article 12 --published 2025-09-27 --outlet BelTA
    """
    from dossier.corrections import edit_article as run
    from dossier.errors import UsageError

    values = {"published": published, "outlet": outlet, "title": title, "language": language, "url": url}
    if all(v is None for v in values.values()):
        raise UsageError("nothing to change", hint="give --published, --outlet, --title, --language or --url")

    def fn(conn: Any) -> list[dict[str, Any]]:
        entries = run(conn, article_id, user=_user(user), **values)
        if reanalyze and any(e["field"] in ("published", "language") for e in entries):
            from dossier.corrections.reanalysis import reanalyze_article

            reanalyze_article(conn, article_id)
        return entries

    entries = _write(db, fn)
    if not entries:
        err_console.print(Text(f"article {article_id} already has these values", style="yellow"))
    _report(entries, as_json)


@delete_app.command("article")
@handle_errors
def delete_article(
    article_id: Annotated[int, typer.Argument(help="Article id (see `dossier articles`).")],
    note: NoteOpt = None,
    db: DbOption = None,
    user: UserOpt = None,
    as_json: JsonOption = False,
) -> None:
    """Delete an article with its extraction records and its place in copies, stories and event clusters.

    Its content is remembered: ingesting the same file again says it was deleted instead of storing it.
    `dossier undo N` forgets that, and the next ingest stores it again.
    """
    from dossier.corrections import delete_article as run

    entry = _write(db, lambda conn: run(conn, article_id, user=_user(user), note=note))
    _report([entry], as_json)


# -- entities --------------------------------------------------------------------------------------

EntityArg = Annotated[str, typer.Argument(help="Entity id (see `dossier entities`) or an unambiguous name.")]


@edit_app.command("entity")
@handle_errors
def edit_entity(
    entity: EntityArg,
    name: Annotated[str | None, typer.Option("--name", help="Canonical name.")] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="person, org, place, equipment, law, event or other.")
    ] = None,
    add_alias: Annotated[list[str] | None, typer.Option("--add-alias", help="Another name (repeatable).")] = None,
    remove_alias: Annotated[
        list[str] | None, typer.Option("--remove-alias", help="A name that is not this entity (repeatable).")
    ] = None,
    wikidata: Annotated[str | None, typer.Option("--wikidata", help="Wikidata id, e.g. Q184.")] = None,
    db: DbOption = None,
    user: UserOpt = None,
    as_json: JsonOption = False,
) -> None:
    """Correct an entity's name, kind, aliases or Wikidata id; later ingests keep what a person set.

    Example: dossier edit entity 7 --kind org --add-alias "Belarusian Telegraph Agency"
    """
    from dossier.corrections import edit_entity as run

    entries = _write(
        db,
        lambda conn: run(
            conn,
            entity,
            user=_user(user),
            name=name,
            kind=kind,
            add_aliases=add_alias or (),
            remove_aliases=remove_alias or (),
            wikidata=wikidata,
        ),
    )
    _report(entries, as_json)


@app.command()
@handle_errors
def merge(
    entities: Annotated[
        list[str], typer.Argument(help="The entity to keep, then those to merge into it (ids or names).")
    ],
    db: DbOption = None,
    user: UserOpt = None,
    as_json: JsonOption = False,
) -> None:
    """Merge entities into the first: mentions, quotes, event roles, aliases and keys move to it.

    Later mentions under any merged name link to the kept entity. Example: dossier merge 4 19
    """
    from dossier.corrections import merge_entities

    _report(_write(db, lambda conn: merge_entities(conn, entities, user=_user(user))), as_json)


@app.command()
@handle_errors
def split(
    entity: EntityArg,
    alias: Annotated[str, typer.Argument(help="The alias that names a different entity.")],
    db: DbOption = None,
    user: UserOpt = None,
    as_json: JsonOption = False,
) -> None:
    """Make one alias of an entity its own entity, with the mentions written under that alias.

    Example: dossier split 4 "Lukashenko Jr"
    """
    from dossier.corrections import split_entity

    _report([_write(db, lambda conn: split_entity(conn, entity, alias, user=_user(user)))], as_json)


# -- extraction records ----------------------------------------------------------------------------


@edit_app.command("quote")
@handle_errors
def edit_quote(
    quote_id: Annotated[int, typer.Argument(help="Quote id (see `dossier quotes --json`).")],
    speaker: Annotated[str, typer.Option("--speaker", help="Who said it.")],
    note: NoteOpt = None,
    db: DbOption = None,
    user: UserOpt = None,
    as_json: JsonOption = False,
) -> None:
    """Correct who said a quote; events reported in it are attributed to the new speaker."""
    from dossier.corrections import edit_quote as run

    _report([_write(db, lambda conn: run(conn, quote_id, user=_user(user), speaker=speaker, note=note))], as_json)


@edit_app.command("event")
@handle_errors
def edit_event(
    event_id: Annotated[int, typer.Argument(help="Event id (see `dossier events`).")],
    kind: Annotated[str | None, typer.Option("--kind", help="Event kind, e.g. REQUEST.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="TIMEX3 date (2025-12-17, 2025-12, 2025-W51...) or 'none'.")
    ] = None,
    note: NoteOpt = None,
    db: DbOption = None,
    user: UserOpt = None,
    as_json: JsonOption = False,
) -> None:
    """Correct an event's kind or date; timelines use the corrected value and mark it as a person's.

    Example: dossier edit event 31 --date 2025-12-16
    """
    from dossier.corrections import edit_event as run

    clear = date is not None and date.strip().lower() in ("none", "null", "undated", "")
    entries = _write(
        db,
        lambda conn: run(
            conn, event_id, user=_user(user), kind=kind, date=None if clear else date, clear_date=clear, note=note
        ),
    )
    _report(entries, as_json)


def _review(
    verdict: str, target: Reviewable, record_id: int, note: str | None, db: str | None, user: str | None, as_json: bool
) -> None:
    from dossier.corrections import review

    entry = _write(db, lambda conn: review(conn, target.value, record_id, verdict, user=_user(user), note=note))
    _report([entry], as_json)


@app.command()
@handle_errors
def reject(
    target: Annotated[Reviewable, typer.Argument(help="What to reject: event, quote or time.")],
    record_id: Annotated[int, typer.Argument(help="Its id, as the listings print it.")],
    note: NoteOpt = None,
    db: DbOption = None,
    user: UserOpt = None,
    as_json: JsonOption = False,
) -> None:
    """Reject a false event, quote or time expression: it leaves listings, timelines and corroboration.

    It stays rejected when the article is ingested or analysed again. Example: dossier reject event 31
    """
    _review("rejected", target, record_id, note, db, user, as_json)


@app.command()
@handle_errors
def confirm(
    target: Annotated[Reviewable, typer.Argument(help="What to confirm: event, quote or time.")],
    record_id: Annotated[int, typer.Argument(help="Its id, as the listings print it.")],
    note: NoteOpt = None,
    db: DbOption = None,
    user: UserOpt = None,
    as_json: JsonOption = False,
) -> None:
    """Confirm an event, quote or time expression: listings and timelines show a person checked it."""
    _review("confirmed", target, record_id, note, db, user, as_json)


# -- notes and tags --------------------------------------------------------------------------------


@app.command()
@handle_errors
def note(
    target: Annotated[Annotatable, typer.Argument(help="article, entity, event, quote or story.")],
    target_id: Annotated[int, typer.Argument(help="Its id, as the listings print it.")],
    text: Annotated[str, typer.Argument(help="The note.")],
    db: DbOption = None,
    user: UserOpt = None,
    as_json: JsonOption = False,
) -> None:
    """Attach a note to an article, entity, event, quote or story (shown with it, kept in the log)."""
    from dossier.corrections import note as run

    _report([_write(db, lambda conn: run(conn, target.value, target_id, text, user=_user(user)))], as_json)


@app.command()
@handle_errors
def tag(
    target: Annotated[Annotatable, typer.Argument(help="article, entity, event, quote or story.")],
    target_id: Annotated[int, typer.Argument(help="Its id, as the listings print it.")],
    label: Annotated[str, typer.Argument(help="The tag: letters, digits, _ . : / - (no spaces).")],
    db: DbOption = None,
    user: UserOpt = None,
    as_json: JsonOption = False,
) -> None:
    """Tag an article, entity, event, quote or story. Example: dossier tag story 3 needs-verification"""
    from dossier.corrections import tag as run

    _report([_write(db, lambda conn: run(conn, target.value, target_id, label, user=_user(user)))], as_json)


# -- the log ---------------------------------------------------------------------------------------


@app.command("log")
@handle_errors
def log_(
    db: DbOption = None,
    limit: LimitOpt = 100,
    target: Annotated[
        str | None, typer.Option("--target", help="Only entries about one record, e.g. event:31 or entity:4.")
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Only entries by this user.")] = None,
    as_json: JsonOption = False,
) -> None:
    """The correction log, newest first: what was changed, old and new value, who, when, and undo state."""
    from dossier.cli.common import with_conn
    from dossier.corrections import list_log
    from dossier.errors import UsageError

    target_type = target_id = None
    if target:
        kind, _, ident = target.partition(":")
        if not ident.isdigit():
            raise UsageError(f"invalid --target {target!r}", hint="use TYPE:ID, e.g. event:31")
        target_type, target_id = kind, int(ident)
    rows = with_conn(db, lambda c: list_log(c, limit=limit, target_type=target_type, target_id=target_id, user=by))
    if as_json:
        print_jsonl({"type": "correction", **r} for r in rows)
        return
    for r in rows:
        r["what"] = f"{r['action']} {r['target_type']} {r['target_id'] if r['target_id'] is not None else ''}".strip()
        r["change"] = (
            r["new"]
            if r["action"] in ("note", "tag")
            else f"{_show(r['old'])} -> {_show(r['new'])}"
            if r["field"]
            else _show(r["old"])
        )
        r["state"] = (
            f"undone by {r['undone_by']}" if r["undone_by"] else (f"undoes {r['undoes']}" if r["undoes"] else "")
        )
    print_table(
        rows,
        ["entry", "at", "user", "what", "field", ("change", 60), "state"],
        empty="no corrections yet: see `dossier edit --help`, `dossier reject --help`",
    )


@app.command()
@handle_errors
def undo(
    entry: Annotated[int, typer.Argument(help="The log entry to revert (see `dossier log`).")],
    db: DbOption = None,
    user: UserOpt = None,
    as_json: JsonOption = False,
) -> None:
    """Revert one correction by appending an undo entry; the log itself never loses an entry.

    Entries that touch the same thing are undone newest first.
    """
    from dossier.corrections import undo as run

    result = _write(db, lambda conn: run(conn, entry, user=_user(user)))
    if as_json:
        print_jsonl([{"type": "correction", **result}])
    else:
        console.print(
            Text(f"entry {result['entry']}: undid entry {entry} ({result['target_type']} {result['target_id']})")
        )
        if result["target_type"] == "article" and result["field"] is None:
            err_console.print(Text("the article's content may be ingested again to store it back", style="dim"))
