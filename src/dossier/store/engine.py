"""Opening a store: URL resolution, engine settings, migrations, write transactions.

SQLite is the embedded default (``./dossier.db``); PostgreSQL is used by
giving its URL.  Opening a store brings its schema up to date with Alembic,
so a user never runs migrations by hand and an old database file keeps
working after an upgrade.

Opening must stay cheap: every query command opens a store.  Importing and
running Alembic costs a few hundred milliseconds, so :meth:`Store.ensure_schema`
first compares the revision stored in ``alembic_version`` with the head of the
migration files (read from their text, once per process) and runs Alembic
only when they differ or the table is missing.

Several processes may share one store (two ``ingest`` runs, a ``watch``,
readers).  The rules that keep that safe, the same on both backends:

* one writer at a time: :meth:`Store.begin` takes the database's write lock
  when the transaction starts (SQLite ``BEGIN IMMEDIATE``, a PostgreSQL
  transaction-scoped advisory lock), so a writer never reads a state that
  another writer changes under it; readers are never blocked (WAL on SQLite);
* a writer that must wait, waits (SQLite busy timeout) and
  :meth:`Store.transaction` re-runs a whole transaction that still met a
  conflict (lock timeout, deadlock, a unique key another process stored
  first), so the second run sees the first one's rows and stores a duplicate
  as a duplicate;
* migrations run under the same lock and only when the schema is behind, so
  two processes opening a new database do not both create its tables.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache, cached_property
from importlib import resources
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, OperationalError, ProgrammingError

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


#: How long (ms) an SQLite connection waits for another process's lock before giving up.
BUSY_TIMEOUT_MS = 30_000
#: The PostgreSQL advisory lock key that serialises writers and migrations ("dossier" in ASCII).
PG_WRITE_LOCK = 0x646F7373696572
#: How many times :meth:`Store.transaction` runs a transaction that met a conflict.
WRITE_ATTEMPTS = 8

T = TypeVar("T")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # busy_timeout first, so that even switching a new file to WAL waits for a
    # concurrent opener; WAL lets readers work while an ingest writes; foreign
    # keys make the cascades real.
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def is_transient(exc: BaseException) -> bool:
    """True for a conflict with another process that re-running the transaction resolves.

    SQLite: "database is locked" / "busy" (a lock held past the busy timeout,
    or a stale WAL snapshot) and "UNIQUE constraint failed" (a key another
    writer stored first).  PostgreSQL: serialization failure, deadlock, lock
    timeout and unique violation, by SQLSTATE.
    """
    if not isinstance(exc, DBAPIError) or exc.connection_invalidated:
        return False
    orig = exc.orig
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if state:
        return state in {"40001", "40P01", "55P03", "23505"}
    message = str(orig).lower()
    if isinstance(exc, IntegrityError):
        return "unique constraint failed" in message
    return isinstance(exc, OperationalError) and ("locked" in message or "busy" in message)


def _json_dumps(value: Any) -> str:
    # Readable UTF-8 in JSON columns: Cyrillic aliases stay searchable with LIKE.
    return json.dumps(value, ensure_ascii=False)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, json_serializer=_json_dumps, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
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

    @contextmanager
    def begin(self, *, timelines: bool = True) -> Iterator[Connection]:
        """A connection inside a write transaction (committed on success, else rolled back).

        The write lock is taken first (see the module doc): writers queue,
        readers go on.  Keep NLP and other slow work outside.  A write
        transaction moves the stamp of kept timelines
        (:func:`dossier.store.timeline_cache.invalidate`): whatever it
        changes, no timeline page kept before it is served after it.

        ``timelines=False`` leaves the stamp alone: only for a caller that
        writes nothing a timeline reads (the monitor's poll states, alert
        checks and deliveries, rejected inputs), or that moves the stamp
        itself once it knows it changed something (the ingest, whose
        batches of items already stored change nothing).  Why: a watch
        round writes bookkeeping for every source polled, and each such
        write used to make every kept page stale.
        """
        from dossier.store.timeline_cache import invalidate

        self.ensure_schema()
        with self.engine.begin() as conn:
            self._lock_for_writing(conn)
            if timelines:
                invalidate(conn)
            yield conn

    def transaction(
        self, work: Callable[[Connection], T], *, attempts: int = WRITE_ATTEMPTS, timelines: bool = True
    ) -> T:
        """Run ``work(conn)`` in one write transaction; re-run it whole after a transient conflict.

        ``work`` must be safe to run again: everything it wrote the first time
        was rolled back, so it should compute what to write inside the
        transaction (as :func:`dossier.store.write.save_article` does).
        ``timelines``: as in :meth:`begin`.
        """
        for attempt in range(1, attempts + 1):
            try:
                with self.begin(timelines=timelines) as conn:
                    return work(conn)
            except DBAPIError as exc:
                if attempt >= attempts or not is_transient(exc):
                    raise
                time.sleep(min(2.0, 0.05 * 2**attempt) * (0.5 + random.random()))
        raise AssertionError("unreachable")  # pragma: no cover

    def _lock_for_writing(self, conn: Connection) -> None:
        if self.dialect == "sqlite":
            # pysqlite would open a deferred transaction at the first INSERT, whose
            # read snapshot may be stale by the time it needs the write lock (an
            # immediate "database is locked"); IMMEDIATE takes the lock up front.
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif self.dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_WRITE_LOCK})

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
        """Bring the schema to ``revision`` with Alembic, under the write lock.

        The current revision is read first without a lock, so opening an
        up-to-date store (every command, every reader) never waits for a
        writer; only a store that is behind takes the lock, and then checks
        again, since another process may have migrated it meanwhile.
        """
        from alembic import command
        from alembic.config import Config
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        cfg = Config()
        cfg.set_main_option("script_location", str(resources.files("dossier.store") / "migrations"))
        try:
            if revision == "head":
                heads = set(ScriptDirectory.from_config(cfg).get_heads())
                with self.engine.connect() as conn:
                    if set(MigrationContext.configure(conn).get_current_heads()) == heads:
                        return
            with self.engine.begin() as conn:
                self._lock_for_writing(conn)
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
