"""``python -m dossier``: the same as the ``dossier`` command."""

from dossier.cli.startup import main

main()
