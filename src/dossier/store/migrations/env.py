"""Alembic environment: runs on the connection Dossier hands it (never a URL from an ini file)."""

from alembic import context

from dossier.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - Dossier always passes one
    raise RuntimeError("run migrations through dossier.store.Store.migrate()")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
