"""Pausing Python's cyclic garbage collector around work that allocates much and frees by reference counting.

Why one helper: two places pay for collector passes that can free nothing --
start-up (imported modules live as long as the process) and a first timeline
read (tens of thousands of short-lived records, freed by reference counting).
Both pause the collector and restore it as they found it; start-up also
freezes what it imported, so later full passes skip it.  Kept free of other
imports, since the console entry point imports it before anything else.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused"]


@contextmanager
def paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic collector in a ``with`` block and resume it on leaving.

    The collector is resumed only if it was running on entry (a caller that
    turned it off keeps it off); with ``freeze``, everything alive on leaving
    is first moved to the permanent generation (``gc.freeze``).  A cycle made
    inside the block is collected by the next pass after it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if freeze:
                gc.freeze()
            gc.enable()
