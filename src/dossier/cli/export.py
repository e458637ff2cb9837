"""`dossier export FORMAT`: the knowledge base for other tools (``docs/export.md``).

Reads the store only: no NLP is imported.  Formats are exporter plugins
(``dossier plugins`` lists them); the filters choose the articles, and the
events by their dates (``dossier.export.selection``).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.text import Text

from dossier.cli.common import DbOption, JsonOption, app, handle_errors, with_conn
from dossier.cli.filtering import ModalityOpt
from dossier.output import dumps, err_console

SubjectOpt = Annotated[
    list[str] | None,
    typer.Option("--subject", help="Only articles about this entity (name or alias, any language); repeatable."),
]
StoryOpt = Annotated[int | None, typer.Option("--story", help="Only the articles of this story.")]
SinceOpt = Annotated[
    str | None, typer.Option("--since", help="Only articles published, and events dated, on or after (2025-09).")
]
UntilOpt = Annotated[
    str | None, typer.Option("--until", help="Only articles published, and events dated, on or before.")
]
OutletFilterOpt = Annotated[str | None, typer.Option("--outlet", help="Only this outlet.")]
LanguageFilterOpt = Annotated[str | None, typer.Option("--language", help="Only this language (en, ru...).")]


@app.command("export")
@handle_errors
def export_command(
    fmt: Annotated[
        str,
        typer.Argument(
            metavar="FORMAT",
            help="csv, parquet, jsonl, timelinejs, graphml, gexf, stix, ftm, datasette, or a plugin's format.",
        ),
    ],
    db: DbOption = None,
    subject: SubjectOpt = None,
    story: StoryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    outlet: OutletFilterOpt = None,
    language: LanguageFilterOpt = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Only events of this kind (e.g. REQUEST).")] = None,
    modality: ModalityOpt = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="File or directory to write; - for standard output [default: dossier.SUFFIX or dossier-FORMAT/].",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Export the knowledge base for other tools: spreadsheets, Gephi, TimelineJS, STIX, Aleph, Datasette.

    csv and parquet write one file per table (articles, origins, entities, mentions, times, quotes,
    events, stories, copies, contradictions); jsonl every record as --json prints it; timelinejs one
    TimelineJS 3 file per subject; graphml and gexf the network of entities that act together in
    events and quotes; stix a STIX 2.1 bundle; ftm FollowTheMoney entities for Aleph; datasette a
    metadata.yml for `datasette dossier.db -m metadata.yml`. See docs/export.md.

    Example: dossier export csv -o out/ --subject Oreshnik --since 2025
    """
    from dossier.export import Selection, run_export

    selection = Selection(
        subjects=tuple(subject or ()),
        story=story,
        since=since,
        until=until,
        outlet=outlet,
        language=language,
        kind=kind,
        modality=modality,
    )
    result = with_conn(db, lambda c: run_export(c, fmt, selection, output))
    if as_json:
        # With -o - the export itself is on stdout: the summary goes to stderr.
        stream = sys.stderr if output == "-" else sys.stdout
        stream.write(dumps(result.to_record()) + "\n")
        return
    for path in result.paths:
        err_console.print(Text(f"wrote {path}"))
    counts = ", ".join(f"{n} {name}" for name, n in result.counts.items())
    if counts:
        err_console.print(Text(f"{fmt}: {counts}", style="bold"))
    for note in result.notes:
        err_console.print(Text(f"note: {note}", style="yellow"))
