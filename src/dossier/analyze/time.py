"""The TIME stage: temporal expressions of each article, normalised to TIMEX3.

The tagger itself lives in :mod:`dossier.analyze.timex`; this module is the
pipeline-facing wrapper (see ``docs/time.md``).
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from typing import TYPE_CHECKING

from dossier.analyze.timex import tag_times, timex_sort_key

if TYPE_CHECKING:
    from dossier.analyze.pipeline import DocContext

__all__ = ["TimeStage", "dateline_anchor", "tag_times", "timex_sort_key"]

_RU_MONTHS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр")
#: A Russian wire dateline opening the text: a place in capitals, a comma, a day and a month
#: ("ВИТЕБСК, 2 декабря — …", "МОСКВА, 3 декабря. /ТАСС/.").
_RU_DATELINE = re.compile(
    r"\A\s*[А-ЯЁ][А-ЯЁ\-]+(?:[ ][А-ЯЁ][А-ЯЁ\-]+){0,3},\s*(?P<day>\d{1,2})\s+"
    r"(?P<month>январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?|сентябр[яь]"
    r"|октябр[яь]|ноябр[яь]|декабр[яь])(?![а-яё])"
)
#: How many days a dated dateline may precede the publication date and still be the day the
#: text counts from: a wire item written late and published the next day, or reposted within
#: the week.  Further back, the publication date may be a crawl date and the dateline's year
#: (it has none) a guess, so the publication date stays the anchor.
DATELINE_MAX_LAG_DAYS = 7


def dateline_anchor(text: str, language: str | None, published: date | None) -> date | None:
    """The day a Russian dateline names, when it should anchor the text instead of ``published``.

    "ВИТЕБСК, 2 декабря — … вчера …" counts "вчера" from 2 December, the day of writing,
    even when the item was published (or re-published) on 4 December.  The dateline has no
    year: it is the latest such day not after publication, used only when it falls 1 to
    ``DATELINE_MAX_LAG_DAYS`` days before it.  Without a publication date there is no year
    to give the day, so None (the expressions stay unresolved, as before).
    """
    if published is None or not (language or "").lower().startswith("ru"):
        return None
    m = _RU_DATELINE.match(text)
    if m is None:
        return None
    word = m.group("month").lower()
    month = next(i + 1 for i, stem in enumerate(_RU_MONTHS) if word.startswith(stem))
    for year in (published.year, published.year - 1):
        try:
            day = date(year, month, int(m.group("day")))
        except ValueError:
            continue
        if day <= published:
            lag = (published - day).days
            return day if 0 < lag <= DATELINE_MAX_LAG_DAYS else None
    return None


class TimeStage:
    """Fills ``ctx.analysis.times`` for every document of a batch.

    Anchors on ``ctx.anchor`` (the publication date), or on a Russian dateline's day a few
    days before it (see :func:`dateline_anchor`), and uses the sentence
    spans of the entity stage, which runs before this one; when there are
    none every expression gets sentence 0.
    """

    name = "time"

    def __call__(self, batch: list[DocContext]) -> None:
        for ctx in batch:
            analysis = ctx.analysis
            sentences = analysis.sentences or None
            anchor = dateline_anchor(analysis.text, ctx.language, ctx.anchor) or ctx.anchor
            times = tag_times(analysis.text, language=ctx.language, anchor=anchor, sentences=sentences)
            if sentences:
                times = [dataclasses.replace(t, sentence=analysis.sentence_of(t.start)) for t in times]
            analysis.times = times
