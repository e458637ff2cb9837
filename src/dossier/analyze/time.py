"""The TIME stage: temporal expressions of each article, normalised to TIMEX3.

The tagger itself lives in :mod:`dossier.analyze.timex`; this module is the
pipeline-facing wrapper (see ``docs/time.md``).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from dossier.analyze.timex import tag_times, timex_sort_key

if TYPE_CHECKING:
    from dossier.analyze.pipeline import DocContext

__all__ = ["TimeStage", "tag_times", "timex_sort_key"]


class TimeStage:
    """Fills ``ctx.analysis.times`` for every document of a batch.

    Anchors on ``ctx.anchor`` (the publication date) and uses the sentence
    spans of the entity stage, which runs before this one; when there are
    none every expression gets sentence 0.
    """

    name = "time"

    def __call__(self, batch: list[DocContext]) -> None:
        for ctx in batch:
            analysis = ctx.analysis
            sentences = analysis.sentences or None
            times = tag_times(analysis.text, language=ctx.language, anchor=ctx.anchor, sentences=sentences)
            if sentences:
                times = [dataclasses.replace(t, sentence=analysis.sentence_of(t.start)) for t in times]
            analysis.times = times
