"""Per-URL fetch state: the validators for the next conditional GET, and what was already stored.

Why it is written only after the ingest: the validators of a feed say "you
have everything up to here".  Saving them before the feed's new items are
stored would let a crash (or a SIGTERM) between the two lose those items for
good, because the next poll would get a 304.  So a harvest carries its state
updates, and the watch round writes them in the transaction after the
items' ingest committed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, insert, select, update

from dossier.store import schema as t

#: A page that failed this many times in a row is not fetched again by the feed that links it.
MAX_ITEM_FAILURES = 3


@dataclass(frozen=True, slots=True)
class UrlState:
    url: str
    etag: str | None
    last_modified: str | None
    status: int | None
    failures: int
    ok_at: str | None

    @property
    def done(self) -> bool:
        """Stored once (fetched fine), or given up on after repeated failures."""
        return self.ok_at is not None or self.failures >= MAX_ITEM_FAILURES


@dataclass(frozen=True, slots=True)
class StateUpdate:
    """What to remember about one URL after its content was stored."""

    url: str
    fetched_at: str
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None


class StateView:
    """Read access to stored fetch state for one round, one short query at a time.

    Reads go through the engine directly (not a long-lived connection) so a
    round that runs for minutes holds no transaction open on SQLite.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get(self, url: str) -> UrlState | None:
        return self.many([url]).get(url)

    def many(self, urls: Iterable[str]) -> dict[str, UrlState]:
        wanted = sorted(set(urls))
        out: dict[str, UrlState] = {}
        c = t.fetch_state.c
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                rows = conn.execute(select(t.fetch_state).where(c.url.in_(wanted[i : i + 500])))
                for r in rows:
                    out[r.url] = UrlState(r.url, r.etag, r.last_modified, r.status, r.failures, r.ok_at)
        return out


def save_states(conn: Connection, source_id: int | None, updates: Iterable[StateUpdate]) -> None:
    """Upsert the state of each URL: validators and success time on success, a failure count otherwise."""
    c = t.fetch_state.c
    for u in updates:
        exists = conn.execute(select(c.url).where(c.url == u.url)).first() is not None
        values: dict[str, object] = {"source_id": source_id, "fetched_at": u.fetched_at, "status": u.status}
        if u.error is None:
            values.update(error=None, failures=0, ok_at=u.fetched_at)
            if u.status != 304:  # a 304 carries no new validators worth replacing the stored ones with
                values.update(etag=u.etag, last_modified=u.last_modified)
        else:
            values["error"] = u.error[:2000]
        if exists:
            if u.error is not None:
                values["failures"] = c.failures + 1
            conn.execute(update(t.fetch_state).where(c.url == u.url).values(**values))
        else:
            if u.error is not None:
                values["failures"] = 1
            conn.execute(insert(t.fetch_state).values(url=u.url, **values))
