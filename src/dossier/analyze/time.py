"""Temporal expressions (placeholder until the time stage lands)."""

from __future__ import annotations


class TimeStage:
    name = "time"

    def __call__(self, batch: list) -> None:  # type: ignore[type-arg]
        return None
