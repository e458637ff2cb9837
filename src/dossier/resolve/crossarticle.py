"""The cross-article pass: each stored article joins the copy, story and event indexes.

The ingest job (and ``dossier reanalyze``) runs it for each new or revised
article inside the transaction that stores the article, so a crash never
leaves an article stored but unresolved.  The logic lives in the index
modules (:mod:`dossier.resolve.copies`, :mod:`~dossier.resolve.stories`,
:mod:`~dossier.resolve.eventcoref`); this module only wires them to their
SQL adapters (``dossier.store.copy_store``, ``story_store``, ``event_store``)
over one connection, and feeds them what the store knows of the article
(canonical entity names, unclustered events).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection

from dossier.model import Article, DocAnalysis
from dossier.resolve.copies import CopyIndex
from dossier.resolve.eventcoref import EventCorefIndex
from dossier.resolve.stories import StoryIndex, lead_end, lead_names, lead_people
from dossier.store.copy_store import SqlCopyStore
from dossier.store.event_store import SqlEventStore, entity_terms, unclustered_events
from dossier.store.story_store import SqlStoryStore

__all__ = ["CrossArticle"]


INCIDENT_KINDS = frozenset({"DISASTER"})  # accidents, fires, explosions, outbursts, hazards


def incident_sentences(analysis: DocAnalysis, text: str, end: int) -> list[str]:
    """The sentences of the incident events (``INCIDENT_KINDS``) before ``end``, each less its trigger.

    The story index keys a short post's incident story by these words (what it happened to,
    see ``stories.incident_words``); the trigger is blanked so that two fires of one channel
    do not share their story on the word *fire*.
    """
    out: list[str] = []
    for event in analysis.events:
        if event.kind not in INCIDENT_KINDS or event.start >= end or event.modality != "asserted":
            continue
        if not 0 <= event.sentence < len(analysis.sentences):
            continue
        s, e = analysis.sentences[event.sentence]
        sentence = text[s:e]
        a, b = max(event.start - s, 0), max(event.end - s, 0)
        out.append(sentence[:a] + " " + sentence[b:])
    return out


class CrossArticle:
    """The resolve pass for one ingest transaction: copies, then story, then events.

    Built per transaction (its stores hold the connection).  ``add`` is
    idempotent: an article already indexed keeps its copy item, story and
    event clusters.  A *revised* article is re-indexed as a copy (its old
    item, bands and links are dropped first), keeps its story (story
    centroids are never re-weighted), and its new events join clusters (its
    old events' memberships went with the old ``events`` rows).

    ``batch=True`` (the ingest): the stores keep what the articles add in memory and
    :meth:`flush` writes it, a few statements for the whole batch; the caller must flush
    before its transaction ends, and before anything outside this pass reads the index tables.
    Otherwise each ``add`` flushes.
    """

    def __init__(self, conn: Connection, *, batch: bool = False) -> None:
        self.conn = conn
        self.batch = batch
        self.copy_store = SqlCopyStore(conn)
        self.copies = CopyIndex(self.copy_store)
        self.story_store = SqlStoryStore(conn, deferred=True)
        self.stories = StoryIndex(self.story_store)
        self.event_store = SqlEventStore(conn)
        self.events = EventCorefIndex(self.event_store)

    def add(
        self,
        article_id: int,
        article: Article,
        analysis: DocAnalysis | None,
        *,
        revised: bool = False,
        events: Sequence[Mapping[str, Any]] | None = None,
        new: bool = False,
    ) -> str:
        """Index one stored article; returns its story id.

        ``events``: its ``events`` rows as the writer has just inserted them (see
        :func:`dossier.store.event_store.unclustered_events`), else they are read from the store.
        ``new``: the article row was inserted by this transaction, so the copy index holds no item
        of it yet and need not look one up (one statement per stored article).
        """
        aid = str(article_id)
        if revised:
            self.copy_store.remove(aid)
        elif new:
            self.copy_store.new_article(aid)
        self.copies.add(aid, article.text, article.published, article.outlet, article.extra)
        lead: list[str] | None = None  # no analysis: the story index tags the lead itself
        people: frozenset[str] = frozenset()  # no analysis: no events, people never contrast
        names: frozenset[str] = frozenset()  # no analysis: no NER, lead names never contrast
        incidents: list[str] = []  # no analysis: no events, a short post never joins on an incident
        if analysis is not None:
            entities: list[str] | None = entity_terms(self.conn, article_id)
            dates = [x.value for x in analysis.times]
            cfg = self.stories.config
            # the lead's TIMEX values, already resolved against the publication date
            end = lead_end(article.text, cfg.time_lead_words)
            lead = [x.value for x in analysis.times if x.start < end]
            if cfg.people_lead_words > 0:
                people_end = lead_end(article.text, cfg.people_lead_words)
                people = lead_people(analysis.events, analysis.mentions, people_end, cfg.people_min_mentions)
            if cfg.names_lead_words > 0:
                names_end = lead_end(article.text, cfg.names_lead_words)
                names = lead_names(analysis.mentions, names_end, cfg.names_min_mentions)
            if cfg.short_post_words > 0:
                incidents = incident_sentences(analysis, article.text, lead_end(article.text, cfg.short_post_words))
        else:
            entities, dates = None, []  # no NER: capitalised sequences stand in (rough_entities)
        text = f"{article.title}\n{article.text}" if article.title else article.text
        story = self.stories.add(
            aid, text, article.published, entities, dates, lead, people, names, article.outlet, incidents
        )
        if analysis is not None:
            unclustered = unclustered_events(self.conn, article_id, events)
            if unclustered:
                sentences = [article.text[s:e] for s, e in analysis.sentences]
                self.events.add(aid, unclustered, story, article.published, sentences)
                self.event_store.end_article()
        if not self.batch:
            self.flush()
        return story

    def flush(self) -> None:
        """Write what the stores keep in memory (story index, event clusters)."""
        self.story_store.flush()
        self.event_store.flush()
