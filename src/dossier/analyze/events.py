"""Events: who did (or claimed, planned, denied) what, when, per sentence.

The stage runs last (after entities, time and quotes) because an event is
built from their records: mentions give the roles, time expressions the
date, quotes the attribution.  It is deliberately cheap — lexicon matching
over regex tokens, no parser — so that the whole analysis keeps its
throughput budget; see ``docs/events.md`` for the ontology and the rules.
"""

from __future__ import annotations

import dataclasses

from dossier.analyze.eventing.extract import DocumentExtractor
from dossier.analyze.eventing.plover import plover_category
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

    def __call__(self, batch: list[DocContext]) -> None:
        for ctx in batch:
            reported = ctx.article.published.date() if ctx.article.published else ctx.anchor
            extractor = DocumentExtractor(ctx.analysis, reported, ctx.article.outlet)
            events, weak = extractor.run()
            main = set(extractor.main.values())
            ctx.analysis.events = [
                dataclasses.replace(ev, plover=plover_category(ev.kind, ev.modality), main=ev.id in main)
                for ev in events
            ]
            ctx.scratch["event_candidates"] = weak
            ctx.scratch["main_events"] = extractor.main
