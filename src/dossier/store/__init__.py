"""Storage: schema, migrations, SQLite and PostgreSQL, full-text search."""

from dossier.store.engine import DEFAULT_URL, Store, resolve_url

__all__ = ["DEFAULT_URL", "Store", "resolve_url"]
