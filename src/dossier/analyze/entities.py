"""Entities (placeholder until the entity stage lands)."""

from __future__ import annotations


class EntityStage:
    name = "entities"

    def __call__(self, batch: list) -> None:  # type: ignore[type-arg]
        return None
