"""`dossier plugins`: the readers, analysis stages and exporters installed (``docs/plugins.md``)."""

from __future__ import annotations

from typing import Annotated

import typer

from dossier.cli.common import JsonOption, app, handle_errors
from dossier.output import emit


@app.command("plugins")
@handle_errors
def plugins_command(
    check: Annotated[
        bool, typer.Option("--check", help="Also load each plugin and report any that fails to load.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """List the installed readers, analysis stages and exporters, Dossier's own and other distributions'.

    Plugins are Python entry points in the groups dossier.readers, dossier.stages and dossier.exporters
    (see docs/plugins.md). Listing imports nothing; --check loads each one (stages load NLP models).
    """
    from dossier.errors import PluginError
    from dossier.plugins import installed

    rows = []
    for plugin in installed():
        record = plugin.to_record()
        if check:
            try:
                plugin.load()
                record["status"] = "ok"
            except PluginError as exc:
                record["status"] = exc.message
        rows.append(record)
    columns = ["group", "name", "value", "dist", "version", "builtin"] + (["status"] if check else [])
    emit(rows, as_json=as_json, columns=columns, empty="no plugins found")
