"""Events (placeholder until the event stage lands)."""

from __future__ import annotations


class EventStage:
    name = "events"

    def __call__(self, batch: list) -> None:  # type: ignore[type-arg]
        return None
