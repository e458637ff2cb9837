"""Watch rounds: poll the due sources, ingest what is new, remember it, evaluate alerts; repeat until stopped.

A round works in batches of sources: the batch is fetched concurrently
(per-host limits apply across the whole batch), then each source's harvest
is ingested through :func:`dossier.ingest.job.ingest_items` and, in the
transaction after that ingest, its fetch state and health are saved.  So at
every moment the store says either "polled and stored" or "not polled"
about a source, never "polled, stored nothing": stopping (SIGINT, SIGTERM,
a crash) between the two only makes the next round fetch that source again,
which is idempotent.  A stop request is honoured between sources.

Alerts are evaluated once per round, after its last source, so a round that
brings ten reports about a subject makes one notification per alert.
"""

from __future__ import annotations

import asyncio
import dataclasses
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.robotparser import RobotFileParser

from sqlalchemy.exc import SQLAlchemyError

from dossier.errors import DossierError
from dossier.ingest.job import ingest_items
from dossier.monitor.fetching import Fetcher, FetchPolicy
from dossier.monitor.fetchstate import StateView, save_states
from dossier.monitor.harvest import DEFAULT_MAX_ITEMS, Harvest, harvest_path, harvest_url
from dossier.monitor.schedule import is_due, next_due
from dossier.monitor.sources import FAILING_AFTER, WatchedSource, all_sources, list_sources, record_poll
from dossier.store import Store
from dossier.store.write import now_iso

BATCH_SOURCES = 16
MAX_SLEEP_S = 60.0


@dataclass(slots=True)
class SourceOutcome:
    """What one poll of one source did."""

    source_id: int
    source: str
    status: str  # stored | not modified | unchanged | error
    seen: int = 0
    new: int = 0
    revised: int = 0
    rejected: int = 0
    error: str | None = None
    failures: int = 0

    def to_record(self) -> dict[str, object]:
        return {"type": "source", **dataclasses.asdict(self)}


@dataclass(slots=True)
class RoundReport:
    started: str
    outcomes: list[SourceOutcome] = field(default_factory=list)
    stopped: bool = False
    failing: list[dict[str, object]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0

    def summary(self) -> dict[str, object]:
        return {
            "type": "round",
            "started": self.started,
            "sources": len(self.outcomes),
            "new": sum(o.new for o in self.outcomes),
            "revised": sum(o.revised for o in self.outcomes),
            "errors": sum(1 for o in self.outcomes if o.status == "error"),
            "failing": len(self.failing),
            "requests": self.requests,
            "seconds": round(self.seconds, 2),
            "stopped": self.stopped,
        }


@dataclass(slots=True)
class WatchOptions:
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    analyze: bool = True
    max_items: int = DEFAULT_MAX_ITEMS
    batch: int = BATCH_SOURCES


def due_sources(store: Store, *, all_due: bool = False) -> list[WatchedSource]:
    with store.connect() as conn:
        sources = all_sources(conn)
    if all_due:
        return sources
    now = datetime.now(UTC)
    return [s for s in sources if is_due(s.last_attempt, s.every_s, s.failures, now=now)]


class _Memory:
    """What a long-running watch keeps between rounds: parsed robots.txt and per-host spacing."""

    def __init__(self) -> None:
        self.robots: dict[str, RobotFileParser | None] = {}
        self.next_start: dict[str, float] = {}
        self.robots_read_at = time.monotonic()

    def refresh(self) -> None:
        if time.monotonic() - self.robots_read_at > 3600:  # robots.txt is re-read hourly
            self.robots.clear()
            self.robots_read_at = time.monotonic()


async def _harvest_batch(
    sources: list[WatchedSource],
    states: StateView,
    options: WatchOptions,
    memory: _Memory,
    now: str,
    stop: threading.Event,
) -> tuple[list[Harvest], int]:
    async with Fetcher(options.policy, robots=memory.robots, next_start=memory.next_start, stop=stop) as fetcher:
        harvests = await asyncio.gather(
            *(harvest_url(fetcher, s, states, now=now, max_items=options.max_items) for s in sources)
        )
        return list(harvests), fetcher.requests


def _store_harvest(store: Store, harvest: Harvest, options: WatchOptions, attempted_at: str) -> SourceOutcome:
    source = harvest.source
    outcome = SourceOutcome(source.id, source.label, "stored", seen=harvest.seen, error=harvest.error)
    error = harvest.error
    stored = True
    try:
        if harvest.items:
            report = ingest_items(harvest.items, store, analyze=options.analyze, post_ingest=False)
            outcome.new, outcome.revised = report.count("new"), report.count("revised")
            outcome.rejected = len(report.rejected)
    except (DossierError, SQLAlchemyError) as exc:
        error, stored = f"could not store: {exc}", False
    with store.begin(timelines=False) as conn:  # poll bookkeeping: nothing a timeline reads
        if stored:  # validators only once what they vouch for is in the store
            save_states(conn, source.id, harvest.states)
        record_poll(
            conn,
            source.id,
            attempted_at=attempted_at,
            error=error,
            seen=harvest.seen,
            new=outcome.new + outcome.revised,
            kind=harvest.kind,
        )
    outcome.error = error
    outcome.failures = source.failures + 1 if error else 0
    if error:
        outcome.status = "error"
    elif harvest.not_modified:
        outcome.status = "not modified"
    elif not outcome.new and not outcome.revised:
        outcome.status = "unchanged"
    return outcome


def run_round(
    store: Store,
    *,
    options: WatchOptions | None = None,
    all_due: bool = False,
    stop: threading.Event | None = None,
    on_outcome: Callable[[SourceOutcome], None] | None = None,
    memory: _Memory | None = None,
) -> RoundReport:
    """Poll every due source once (every source with ``all_due``), then evaluate alerts."""
    from dossier.monitor.alerts import run_alerts

    options = options or WatchOptions()
    memory = memory or _Memory()
    stop = stop or threading.Event()
    clock = time.monotonic()
    report = RoundReport(started=now_iso())
    store.ensure_schema()
    states = StateView(store.engine)
    sources = due_sources(store, all_due=all_due)
    for i in range(0, len(sources), max(1, options.batch)):
        if stop.is_set():
            break
        batch = sources[i : i + options.batch]
        now = now_iso()
        urls = [s for s in batch if not s.is_path]
        harvests: list[Harvest] = [harvest_path(s, states, now=now) for s in batch if s.is_path]
        if urls:
            fetched, requests = asyncio.run(_harvest_batch(urls, states, options, memory, now, stop))
            harvests.extend(fetched)
            report.requests += requests
        for harvest in harvests:
            if stop.is_set():
                break  # not stored, state not saved: the next round polls this source again
            outcome = _store_harvest(store, harvest, options, now)
            report.outcomes.append(outcome)
            if on_outcome:
                on_outcome(outcome)
    report.stopped = stop.is_set()
    report.warnings.extend(run_alerts(store))
    with store.connect() as conn:
        report.failing = list_sources(conn, failing=True)
    report.seconds = time.monotonic() - clock
    memory.refresh()
    return report


def seconds_until_due(store: Store) -> float:
    """How long until the next source is due (capped, so new sources are noticed within a minute)."""
    with store.connect() as conn:
        sources = all_sources(conn)
    now = datetime.now(UTC)
    waits = []
    for s in sources:
        due = next_due(s.last_attempt, s.every_s, s.failures)
        waits.append(0.0 if due is None else (due - now).total_seconds())
    return max(1.0, min([MAX_SLEEP_S, *waits]))


def watch(
    store: Store,
    *,
    once: bool = False,
    all_due: bool = False,
    options: WatchOptions | None = None,
    stop: threading.Event | None = None,
    on_outcome: Callable[[SourceOutcome], None] | None = None,
) -> Iterator[RoundReport]:
    """Rounds until ``stop`` is set (or one round with ``once``); ``all_due`` applies to the first round."""
    stop = stop or threading.Event()
    memory = _Memory()
    first = True
    while not stop.is_set():
        yield run_round(
            store, options=options, all_due=all_due and first, stop=stop, on_outcome=on_outcome, memory=memory
        )
        first = False
        if once:
            return
        deadline = time.monotonic() + seconds_until_due(store)
        while not stop.is_set() and time.monotonic() < deadline:
            time.sleep(min(0.5, max(0.0, deadline - time.monotonic())))


__all__ = ["FAILING_AFTER", "RoundReport", "SourceOutcome", "WatchOptions", "run_round", "watch"]
