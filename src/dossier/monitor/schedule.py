"""Intervals and due times: "15m", "2h", "1d" to seconds, and when a source should be polled next.

A source that keeps failing is polled less often (its interval doubles per
consecutive failure, up to eight times), so a dead site is not hammered; it
is still polled, and still reported, so it is never silently dropped.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from dossier.errors import UsageError

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d|w)?\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400, "w": 604800}
MAX_BACKOFF_FACTOR = 8


def parse_interval(value: str, *, option: str = "--every") -> int:
    """``"15m"`` -> 900.  A bare number is minutes, the unit analysts think in for feeds."""
    match = _INTERVAL.match(value or "")
    if not match:
        raise UsageError(f"invalid {option} {value!r}", hint="use a number with s, m, h, d or w, e.g. 15m, 2h, 1d")
    unit = (match.group(2) or "m").lower()
    seconds = int(float(match.group(1)) * _UNIT_SECONDS[unit])
    if seconds < 1:
        raise UsageError(f"invalid {option} {value!r}: must be at least one second")
    return seconds


def format_interval(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def next_due(last_attempt: str | None, every_s: int, failures: int = 0) -> datetime | None:
    """When a source is next due; None means now (never polled)."""
    last = parse_time(last_attempt)
    if last is None:
        return None
    factor = min(2 ** max(failures, 0), MAX_BACKOFF_FACTOR) if failures else 1
    return last + timedelta(seconds=every_s * factor)


def is_due(last_attempt: str | None, every_s: int, failures: int = 0, *, now: datetime | None = None) -> bool:
    due = next_due(last_attempt, every_s, failures)
    return due is None or due <= (now or datetime.now(UTC))
