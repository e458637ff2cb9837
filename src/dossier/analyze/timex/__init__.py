"""Rule-based temporal tagger (English, Russian) producing TIMEX3 values.

See ``docs/time.md`` for what is recognised and the value conventions.
"""

from dossier.analyze.timex.order import interval, is_calendar_date, timex_sort_key
from dossier.analyze.timex.tagger import LANGUAGES, language_rules, tag_times

__all__ = ["LANGUAGES", "interval", "is_calendar_date", "language_rules", "tag_times", "timex_sort_key"]
