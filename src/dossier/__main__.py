"""``python -m dossier``: the same as the ``dossier`` command."""

from dossier.cli import app

app(prog_name="dossier")
