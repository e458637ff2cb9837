"""Events: who did (or claimed, planned, denied) what, when, per sentence.

The stage runs last (after entities, time and quotes) because an event is
built from their records: mentions give the roles, time expressions the
date, quotes the attribution.  It is deliberately cheap — lexicon matching
over regex tokens — so that the whole analysis keeps its throughput budget;
the one costly part, a dependency parse for the roles
(:mod:`dossier.analyze.eventing.syntax`), runs as a cascade: only on English
sentences that hold a trigger with roles to settle and names the positional
rules could confuse, for the whole batch at once, with a pipeline that leaves
NER out (it already ran).  See ``docs/events.md``.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from dossier.analyze.eventing.extract import DocumentExtractor
from dossier.analyze.eventing.plover import plover_category
from dossier.analyze.eventing.syntax import parse_sentences
from dossier.analyze.eventing.syntax_ru import parse_russian
from dossier.analyze.pipeline import DocContext


class EventStage:
    """Adds :class:`dossier.model.Event` records to ``ctx.analysis.events``.

    Each event carries its PLOVER category (``plover``) and whether it is
    its sentence's main event (``main``), so that what is scored is what is
    emitted.  Weak candidates (event nouns with no light verb and no date,
    e.g. "the deployment") are not recorded as events; they are left in
    ``ctx.scratch["event_candidates"]`` for debugging only.
    ``ctx.scratch["main_events"]`` maps a sentence index to the id of its
    main event (see :mod:`dossier.analyze.eventing.mainevent`).
    """

    name = "events"

    def __init__(self, *, syntax: bool = True) -> None:
        #: whether English roles consult the dependency parse (off: positional rules only)
        self.syntax = syntax

    def __call__(self, batch: list[DocContext]) -> None:
        extractors: list[DocumentExtractor] = []
        wanted: list[tuple[int, int, int, int]] = []  # (document, sentence, start, end)
        for n, ctx in enumerate(batch):
            reported = ctx.article.published.date() if ctx.article.published else ctx.anchor
            extractor = DocumentExtractor(ctx.analysis, reported, ctx.article.outlet)
            extractors.append(extractor)
            if self.syntax:
                wanted.extend((n, i, s, e) for i, s, e in extractor.prepare())
        parses: list[dict[int, Any]] = [{} for _ in batch]
        english = [w for w in wanted if extractors[w[0]].language == "en"]
        russian = [w for w in wanted if extractors[w[0]].language == "ru"]
        if english:
            docs = parse_sentences([batch[n].analysis.text[s:e] for n, _i, s, e in english])
            for (n, i, _s, _e), doc in zip(english, docs, strict=True):
                parses[n][i] = doc
        if russian:
            texts = [batch[n].analysis.text[s:e] for n, _i, s, e in russian]
            parsed = parse_russian(texts, [s for _n, _i, s, _e in russian])
            for (n, i, _s, _e), words in zip(russian, parsed, strict=True):
                parses[n][i] = words
        for ctx, extractor, parsed in zip(batch, extractors, parses, strict=True):
            events, weak = extractor.run(parsed)
            main = set(extractor.main.values())
            ctx.analysis.events = [
                dataclasses.replace(ev, plover=plover_category(ev.kind, ev.modality), main=ev.id in main)
                for ev in events
            ]
            ctx.scratch["event_candidates"] = weak
            ctx.scratch["main_events"] = extractor.main
