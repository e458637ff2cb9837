"""Opening a store: URL resolution, engine settings, migrations.

SQLite is the embedded default (``./dossier.db``); PostgreSQL is used by
giving its URL.  Opening a store brings its schema up to date with Alembic,
so a user never runs migrations by hand and an old database file keeps
working after an upgrade.

Opening must stay cheap: every query command opens a store.  Importing and
running Alembic costs a few hundred milliseconds, so :meth:`Store.ensure_schema`
first compares the revision stored in ``alembic_version`` with the head of the
migration files (read from their text, once per process) and runs Alembic
only when they differ or the table is missing.
"""

from __future__ import annotations

import json
import os
import re
from functools import cache, cached_property
from importlib import resources
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, ProgrammingError

from dossier.errors import StoreError, UsageError

DEFAULT_URL = "sqlite:///dossier.db"
ENV_VAR = "DOSSIER_DB"


def resolve_url(url: str | None = None) -> str:
    """The database URL to use: the argument, else ``$DOSSIER_DB``, else ``./dossier.db``.

    A bare file path is accepted as an SQLite database, and a ``postgresql://``
    URL is given the psycopg 3 driver that Dossier installs.
    """
    url = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    if "://" not in url:
        url = f"sqlite:///{url}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    try:
        make_url(url)
    except ArgumentError as exc:
        raise UsageError(f"invalid database URL {url!r}: {exc}") from exc
    return url


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets readers work while an ingest writes; busy_timeout makes a second
    # writer wait instead of failing; foreign keys make the cascades real.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _json_dumps(value: Any) -> str:
    # Readable UTF-8 in JSON columns: Cyrillic aliases stay searchable with LIKE.
    return json.dumps(value, ensure_ascii=False)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, json_serializer=_json_dumps)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, json_serializer=_json_dumps)


_REVISION = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)


@cache
def migration_heads() -> frozenset[str]:
    """The head revision(s) of the migration scripts, read from their source without Alembic.

    A head is a revision no other script names as its ``down_revision``.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (resources.files("dossier.store") / "migrations" / "versions").iterdir():
        if not script.name.endswith(".py"):
            continue
        for key, value in _REVISION.findall(script.read_text(encoding="utf-8")):
            names = set(re.findall(r"[\"']([^\"']+)[\"']", value))
            (revisions if key == "revision" else parents).update(names)
    return frozenset(revisions - parents)


class Store:
    """A Dossier database.  Cheap to create; connects on first use.

    The read and write operations live in :mod:`dossier.store.write` and
    :mod:`dossier.store.queries` as functions over a connection; the methods
    here are thin conveniences that open one.
    """

    def __init__(self, url: str | None = None, *, migrate: bool = True) -> None:
        self.url = resolve_url(url)
        self._migrate = migrate
        self._ready = False

    @cached_property
    def engine(self) -> Engine:
        return make_engine(self.url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def connect(self):  # type: ignore[no-untyped-def]
        """A connection with the schema guaranteed current."""
        self.ensure_schema()
        return self.engine.connect()

    def begin(self):  # type: ignore[no-untyped-def]
        """A connection inside a transaction (committed on success)."""
        self.ensure_schema()
        return self.engine.begin()

    def ensure_schema(self) -> None:
        if self._ready:
            return
        if self._migrate and self.stored_revisions() != migration_heads():
            self.migrate()
        self._ready = True

    def stored_revisions(self) -> frozenset[str]:
        """The revision(s) recorded in ``alembic_version``; empty for a new database."""
        try:
            with self.engine.connect() as conn:
                rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        except (OperationalError, ProgrammingError):
            return frozenset()  # no such table yet (or no server: migrate() names the problem)
        return frozenset(rows)

    def migrate(self, revision: str = "head") -> None:
        """Bring the schema to ``revision`` with Alembic."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(resources.files("dossier.store") / "migrations"))
        try:
            with self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
        except OperationalError as exc:
            raise StoreError(
                f"cannot open the database {self.safe_url}: {exc.orig}",
                hint="check the URL given with --db or DOSSIER_DB, and that the server is running",
            ) from exc

    @property
    def safe_url(self) -> str:
        """The URL with any password hidden, fit for messages."""
        return make_url(self.url).render_as_string(hide_password=True)

    def dispose(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()
