"""`dossier kb load FILE`: link the store's entities to Wikidata ids, offline (``docs/kb.md``)."""

from __future__ import annotations

import typer

from dossier.cli.common import app

kb_app = typer.Typer(help="Knowledge bases: link entities to Wikidata ids from a dump, offline.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")
