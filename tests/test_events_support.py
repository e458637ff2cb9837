"""Builders for hand-made analysed documents (no model needed).

Why: the event stage consumes the records of the entity, time and quote
stages; building them by hand keeps the event tests independent of those
stages and fast.  :func:`coded` and :func:`category` run the whole Analyzer instead, for the
tests that check what ``dossier analyze`` emits.  (This module holds no tests itself.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from dossier.analyze.eventing.extract import split_sentences
from dossier.analyze.events import EventStage
from dossier.analyze.pipeline import Analyzer, DocContext
from dossier.analyze.records import analysis_records
from dossier.model import Article, DocAnalysis, Event, Mention, Quote, TimeExpr

Name = tuple[str, str, str]  # surface, kind, canonical entity


def mentions_for(text: str, names: Iterable[Name]) -> list[Mention]:
    """Mentions of every whole-word occurrence of each surface form (longer
    forms first; overlaps dropped)."""
    found = []
    for surface, kind, entity in sorted(names, key=lambda n: -len(n[0])):
        for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text):
            found.append(Mention(surface, m.start(), m.end(), kind, entity))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    for m in found:
        if not out or m.start >= out[-1].end:
            out.append(m)
    return out


def time_expr(text: str, surface: str, value: str, anchor: str | None = None, kind: str = "DATE") -> TimeExpr:
    i = text.index(surface)
    return TimeExpr(surface, i, i + len(surface), kind, value, anchor, "day")


def quote(text: str, content: str, speaker: str, direct: bool = True) -> Quote:
    i = text.index(content)
    return Quote(content, i, i + len(content), direct, speaker=speaker)


def make_ctx(
    text: str,
    names: Iterable[Name] = (),
    *,
    published: datetime | None = datetime(2025, 9, 27, 10, 0),
    times: Iterable[TimeExpr] = (),
    quotes: Iterable[Quote] = (),
    outlet: str | None = "example.org",
    language: str = "en",
) -> DocContext:
    article = Article(text=text, published=published, outlet=outlet, language=language)
    analysis = DocAnalysis(
        text=text,
        language=language,
        sentences=split_sentences(text),
        mentions=mentions_for(text, names),
        times=list(times),
        quotes=list(quotes),
    )
    return DocContext(article=article, analysis=analysis, anchor=published.date() if published else None)


def run(ctx: DocContext) -> list[Event]:
    EventStage()([ctx])
    return ctx.analysis.events


def events_of(text: str, names: Iterable[Name] = (), **kw: object) -> list[Event]:
    return run(make_ctx(text, names, **kw))  # type: ignore[arg-type]


#: The publication date the rounds' sentences are analysed under.
PUBLISHED = datetime(2026, 6, 2, 9, 0)


def coded(analyzer: Analyzer, text: str, language: str = "en") -> dict[str, Any] | None:
    """The main event with a PLOVER category, as ``eval/plover.py`` picks it from the product's records."""
    article = Article(text=text, published=PUBLISHED, language=language, origin="t.txt")
    evs = sorted(
        (r for r in analysis_records(article, analyzer.analyze(article)) if r["type"] == "event" and r.get("plover")),
        key=lambda r: r["start"],
    )
    mains = [r for r in evs if r.get("main")]
    return (mains or evs or [None])[0]


def category(analyzer: Analyzer, text: str, language: str = "en") -> str:
    """The PLOVER category of :func:`coded`, or ``"NONE"`` when no event is coded."""
    ev = coded(analyzer, text, language)
    return ev["plover"] if ev else "NONE"
