"""`dossier kb load FILE`: link the store's entities to Wikidata ids from a dump, offline (``docs/kb.md``).

Reads the dump as a stream and the store once; imports no NLP.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.text import Text

from dossier.cli.common import DbOption, JsonOption, app, handle_errors
from dossier.output import console, dumps, err_console, print_table

kb_app = typer.Typer(
    help="Knowledge bases: link entities to Wikidata ids from a dump, offline.",
    no_args_is_help=True,
)
app.add_typer(kb_app, name="kb")


@kb_app.command("load")
@handle_errors
def kb_load(
    file: Annotated[str, typer.Argument(help="A Wikidata JSON dump or a subset of it (.json, .json.gz, .json.bz2).")],
    db: DbOption = None,
    min_confidence: Annotated[
        float, typer.Option("--min-confidence", help="Link only at or above this confidence (0-1).")
    ] = 0.5,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report what would be linked; change nothing.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Link people, organisations and places to Wikidata ids from a dump, by label, alias, language and kind.

    The official dump (a JSON array, one entity per line) or a subset of it, plain or gzip/bzip2
    compressed, is streamed. Each link gets a confidence; an entity with two equally good namesakes is
    not linked and is reported; ids from the curated gazetteer are never replaced. Equipment is left
    alone. See docs/kb.md.

    Example: dossier kb load latest-all.json.gz --dry-run
    """
    from dossier.errors import UsageError
    from dossier.kb import load_kb
    from dossier.store import Store

    if not 0.0 <= min_confidence <= 1.0:
        raise UsageError(f"--min-confidence must be between 0 and 1, got {min_confidence}")
    store = Store(db)
    with store.begin() as conn:
        report = load_kb(
            conn,
            file,
            min_confidence=min_confidence,
            dry_run=dry_run,
            on_progress=None
            if as_json or not err_console.is_terminal
            else lambda n: err_console.print(Text(f"{n:,} items read", style="dim")),
        )
    if as_json:
        for d in report.decisions:
            sys.stdout.write(dumps(d.to_record()) + "\n")
        for bad in report.bad_lines:
            sys.stdout.write(dumps({"type": "error", "source": f"{file}:{bad.line}", "reason": bad.reason}) + "\n")
        sys.stdout.write(dumps({**report.summary(), "dry_run": dry_run}) + "\n")
        return
    rows = [d.to_record() for d in report.decisions]
    print_table(
        [r for r in rows if r["type"] in ("linked", "confirmed")],
        ["entity_id", "name", "kind", "wikidata", "confidence", "matched", "language", "type"],
        title="linked" + (" (dry run: nothing written)" if dry_run else ""),
        empty="no entity linked",
    )
    for r in rows:
        if r["type"] == "ambiguous":
            others = ", ".join(f"{c['wikidata']} ({c['label']})" for c in r["candidates"])
            err_console.print(Text(f"ambiguous: {r['name']} ({r['kind']}) matches {others} equally: not linked"))
        elif r["type"] == "conflict":
            err_console.print(
                Text(f"conflict: {r['name']} has {r['previous']} from the gazetteer; the dump suggests {r['wikidata']}")
            )
    for bad in report.bad_lines:
        err_console.print(Text(f"skipped {file}:{bad.line}: {bad.reason}", style="yellow"))
    s = report.summary()
    console.print(
        Text(
            f"{s['items_read']:,} items read, {s['entities_considered']} entities considered: "
            f"{s['linked']} linked, {s['ambiguous']} ambiguous, {s['confirmed']} confirmed, "
            f"{s['conflicts']} conflicts, {s['bad_lines']} bad lines"
        )
    )
