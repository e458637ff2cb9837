"""Rule-based temporal tagger (English, Russian) producing TIMEX3 values.

See ``docs/time.md`` for what is recognised and the value conventions.

The tagger (``tag_times``, ``language_rules``, ``LANGUAGES``) is imported on
first use: compiling the rule sets takes a few hundred milliseconds, and
code that only orders or compares values (the store, event coreference,
renderers) imports :mod:`dossier.analyze.timex.intervals` through this
package without needing them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dossier.analyze.timex.intervals import interval, is_calendar_date, timex_sort_key

if TYPE_CHECKING:
    from dossier.analyze.timex.tagger import LANGUAGES, language_rules, tag_times

__all__ = ["LANGUAGES", "interval", "is_calendar_date", "language_rules", "tag_times", "timex_sort_key"]

_LAZY = frozenset({"LANGUAGES", "language_rules", "tag_times"})


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from dossier.analyze.timex import tagger

        return getattr(tagger, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
