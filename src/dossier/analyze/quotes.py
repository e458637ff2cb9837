"""Quotes and attribution (placeholder until the quote stage lands)."""

from __future__ import annotations


class QuoteStage:
    name = "quotes"

    def __call__(self, batch: list) -> None:  # type: ignore[type-arg]
        return None
