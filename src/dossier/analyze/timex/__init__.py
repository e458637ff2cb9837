"""Rule-based temporal tagger (English, Russian) producing TIMEX3 values.

See ``docs/time.md`` for what is recognised and the value conventions.
"""

from dossier.analyze.timex.tagger import LANGUAGES, language_rules, tag_times

__all__ = ["LANGUAGES", "language_rules", "tag_times"]
