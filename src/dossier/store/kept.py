"""Results kept in the store by their first reader, each valid for one version of what it was built from.

Two read paths keep what they compute (issue #13): the contradictions of a
story (``story_contradictions``, :mod:`dossier.store.contradiction_cache`) and
the pages of a subject's timeline (``timeline_cache``,
:mod:`dossier.store.timeline_cache`).  Both follow one rule, written once here:

* a kept result carries the **version** of its inputs that the reader read
  *before* computing it, and is served only while that version is current;
  a writer moves the version in the same transaction as the change, so a
  result computed from older rows is never served, whatever the timing;
* keeping is **best effort**: a reader's connection is not committed, so the
  result is written in a short transaction of its own that waits briefly for
  a busy store and gives up (the next reader computes it again) rather than
  queue behind a writer.  A connection that has itself written (a caller
  inside ``Store.begin``) writes in its own transaction instead: its rows may
  be visible to it alone, and they commit or roll back with the rest.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import DBAPIError

log = logging.getLogger(__name__)


def has_table(conn: Connection, name: str) -> bool:
    """Whether the store has the table (a store opened without migrating may not).

    Only a positive answer is remembered (on the engine): a migration may add the table later.
    """
    engine = conn.engine
    known: set[str] = engine.__dict__.setdefault("_dossier_kept_tables", set())
    if name in known:
        return True
    if inspect(conn).has_table(name):
        known.add(name)
        return True
    return False


def writing(conn: Connection) -> bool:
    """Whether the connection is inside a transaction that has written (it may see rows that no
    other connection sees yet, and it will be committed or rolled back as a whole)."""
    if conn.dialect.name == "sqlite":
        driver = getattr(conn.connection, "driver_connection", None)
        return bool(getattr(driver, "in_transaction", False))
    return conn.execute(text("SELECT txid_current_if_assigned()")).scalar() is not None


def keep(conn: Connection, write: Callable[[Connection], None], *, what: str) -> bool:
    """Run ``write`` to store a computed result (see the module doc); False when the store was busy.

    ``what`` names the result in the debug log line of a result that was not kept.
    """
    if writing(conn):
        write(conn)
        return True
    sqlite = conn.dialect.name == "sqlite"
    try:
        with conn.engine.begin() as own:
            # Wait briefly for a busy store, never as long as a writer would.  PostgreSQL: nor for the
            # disk (a kept result lost in a crash is computed again; the flush cost 10-90 ms a page).
            if sqlite:
                own.exec_driver_sql("PRAGMA busy_timeout=100")
            else:
                own.exec_driver_sql("SET LOCAL lock_timeout = '100ms'; SET LOCAL synchronous_commit = off")
            try:
                write(own)
            finally:
                if sqlite:
                    from dossier.store.engine import BUSY_TIMEOUT_MS

                    own.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    except DBAPIError as exc:  # busy or locked: not kept this time
        log.debug("%s not kept: %s", what, exc)
        return False
    return True
