"""Cross-article event coreference: one real event, many mentions.

Why: each article yields its own ``model.Event`` records; the knowledge base
must say "this delivery was reported by 7 articles" and keep every mention's
provenance (article, sentence, offsets, trigger, modality, speaker), so that
corroboration and contradictions can be computed over the merged event.

Method (incremental): a mention can only join a cluster of the *same story*
(``resolve.stories``) and the *same kind* (or a kind that reports the same
happening: a killing, the death, the murder; :data:`RELATED_KINDS`); that
bucket is small whatever the size of the base.  Inside it the mention joins the compatible cluster whose
participants (actors, targets, equipment, place) overlap most:

* dates must be compatible: unknown, equal, or one a refinement of the other
  (``2024-05`` and ``2024-05-03``; ``XXXX-05-03`` and ``2024-05-03``);
  a conflicting date keeps the mention apart — the contradiction detector
  still sees both through their shared subject;
* participants separate two events only where they must: statements whose
  sides both name a speaker must share one (a statement by one person about a
  system is not the statement of another about it), and events whose sides
  both name equipment must share some (the delivery of one system is not the
  delivery of another).  Other participants only rank the candidate clusters
  (most shared words first): reports name one event's actors, targets and
  places in many ways ("Lohan", "the actress", "her lawyer"; "the Saints",
  "New Orleans"), and requiring a share of them cost 0.04 CoNLL F1 on the ECB+
  development topics (``eval/ecbplus.py --split dev``).  ``min_overlap`` (0 by
  default) restores a minimum share for callers that want one.  Sides with no
  participants merge on story + kind alone (in one story there is usually one
  event of a kind).

Modality (asserted/negated/denied) never blocks a merge: "delivered" and
"not delivered" about the same event is exactly what must be flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Protocol

from dossier.analyze.timex.intervals import compatible
from dossier.model import STATEMENT, Event, normalise_text

__all__ = [
    "EQUIPMENT",
    "EventCluster",
    "EventCorefConfig",
    "EventCorefIndex",
    "EventMentionRef",
    "MemoryEventStore",
    "dates_compatible",
    "participant_words",
]

_WORD_RE = re.compile(r"[^\W_]+")
_ARG_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "from",
        "with",
        "his",
        "her",
        "their",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "who",
        "which",
        "mr",
        "mrs",
        "ms",
    ]
)


@dataclass(frozen=True, slots=True)
class EventMentionRef:
    """One mention of an event: the per-article ``Event`` plus where it came from."""

    article_id: str
    event: Event
    published: datetime | None = None
    sentence_text: str | None = None


@dataclass(slots=True)
class EventCluster:
    """A cross-article event (one row of ``event_clusters`` + its ``event_mentions``)."""

    cluster_id: str
    story: str
    kind: str
    mentions: list[EventMentionRef] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)

    @property
    def article_ids(self) -> list[str]:
        seen: dict[str, None] = {}
        for m in self.mentions:
            seen.setdefault(m.article_id, None)
        return list(seen)

    @property
    def date(self) -> str | None:
        """The most specific date the mentions agree on (``None`` if none)."""
        best: str | None = None
        for d in self.dates:
            if best is None or len(d.replace("X", "")) > len(best.replace("X", "")):
                best = d
        return best


@dataclass(frozen=True, slots=True)
class EventCorefConfig:
    #: Least share of the smaller side's participant words two events must have in common
    #: when both name participants (0: participants rank clusters but never block a merge).
    min_overlap: float = 0.0


class EventStore(Protocol):
    def clusters_in(self, story: str, kind: str) -> list[EventCluster]: ...
    def new_cluster(self, story: str, kind: str) -> EventCluster: ...
    def save(self, cluster: EventCluster, mention: EventMentionRef) -> None: ...
    def get(self, cluster_id: str) -> EventCluster | None: ...
    def all(self) -> list[EventCluster]: ...


class MemoryEventStore:
    """In-memory :class:`EventStore`: clusters bucketed by (story, kind)."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, str], list[str]] = {}
        self._clusters: dict[str, EventCluster] = {}

    def clusters_in(self, story: str, kind: str) -> list[EventCluster]:
        return [self._clusters[c] for c in self._by_key.get((story, kind), ())]

    def new_cluster(self, story: str, kind: str) -> EventCluster:
        cluster = EventCluster(f"ev{len(self._clusters) + 1}", story, kind)
        self._clusters[cluster.cluster_id] = cluster
        self._by_key.setdefault((story, kind), []).append(cluster.cluster_id)
        return cluster

    def save(self, cluster: EventCluster, mention: EventMentionRef) -> None:
        self._clusters[cluster.cluster_id] = cluster

    def get(self, cluster_id: str) -> EventCluster | None:
        return self._clusters.get(cluster_id)

    def all(self) -> list[EventCluster]:
        return list(self._clusters.values())


#: Prefix of the actor words kept beside the participant words (``a:lukashenko``).
ACTOR = "a:"
#: Prefix of the equipment words kept beside them (``e:iskander``): a system tells events apart.
EQUIPMENT = "e:"
#: Kinds defined by who acts: a statement is its speaker's.  (Requiring shared actors for every
#: kind cost 0.02 CoNLL F1 on ECB+, where reports name one participant in many ways.)
_ACTOR_KINDS = frozenset({STATEMENT})


#: Kinds whose mentions can report one real event: a killing (ASSAULT), the death it caused
#: (DIE) and the crime it is prosecuted as (CRIME: a shooting, a murder) are written up as
#: "X killed Y", "Y's death", "the murder".  A mention looks for its cluster among all of
#: them (its own kind first) and a new cluster keeps the mention's kind.  Measured on the ECB+
#: development topics: +0.005 CoNLL F1; arrests and charges (COERCE, LEGAL) were tried and
#: are separate events more often than not.
RELATED_KINDS: dict[str, tuple[str, ...]] = {
    "ASSAULT": ("ASSAULT", "DIE", "CRIME"),
    "DIE": ("DIE", "ASSAULT", "CRIME"),
    "CRIME": ("CRIME", "DIE", "ASSAULT"),
}


def _content_words(names: Iterable[str]) -> set[str]:
    words: set[str] = set()
    for name in names:
        for w in _WORD_RE.findall(normalise_text(name)):
            if w not in _ARG_STOP and len(w) > 1:
                words.add(w)
    return words


def participant_words(event: Event) -> set[str]:
    """Content words of the event's actors, targets, equipment and place, plus its actors'
    words again under :data:`ACTOR` (who acted separates two statements about one system)."""
    words = _content_words((*event.actors, *event.targets, *event.equipment, event.place or ""))
    return (
        words
        | {ACTOR + w for w in _content_words(event.actors)}
        | {EQUIPMENT + w for w in _content_words(event.equipment)}
    )


def _split(words: set[str]) -> tuple[set[str], set[str], set[str]]:
    """Plain participant words, actor words, equipment words."""
    actors = {w for w in words if w.startswith(ACTOR)}
    equipment = {w for w in words if w.startswith(EQUIPMENT)}
    return words - actors - equipment, actors, equipment


_RU_CASE_ENDINGS = ("и", "ы", "е", "ю", "у", "ей", "ой", "ии")


@lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    """Every one-word country name and its Russian case forms, folded ("russia", "россии", "рф"):
    words that say whose body acts, not which body."""
    from dossier.analyze.lexicon import lexicon

    out: set[str] = set()
    for alias in lexicon().country_alias:
        if " " in alias:
            continue
        word = normalise_text(alias)
        out.add(word)
        if re.fullmatch(r"[а-яё]{4,}", word) and word[-1] in "аяь":
            out.update(word[:-1] + e for e in _RU_CASE_ENDINGS)
    return frozenset(out)


def _different_actors(mine: set[str], theirs: set[str]) -> bool:
    """Whether two statements' actors share nothing but a country's name: "МИД России" and
    "Минобороны России" are two ministries speaking, so two statements.  With a side named by
    the country alone, the plain rule holds: no shared actor word, two statements."""
    if not mine or not theirs:
        return False
    countries = {ACTOR + w for w in _country_words()}
    own_mine, own_theirs = mine - countries, theirs - countries
    if own_mine and own_theirs:
        return not own_mine & own_theirs
    return not mine & theirs  # one side named by a country alone: the plain rule


def dates_compatible(a: str | None, b: str | None) -> bool:
    """True when two TIMEX3 dates can denote the same time: unknown, or overlapping
    intervals (a week and a day in it, a month and a day of it; see ``analyze.timex.intervals``)."""
    return compatible(a, b)


class EventCorefIndex:
    """Merges ``Event`` records of many articles into cross-article clusters."""

    def __init__(self, store: EventStore | None = None, config: EventCorefConfig | None = None) -> None:
        self.store: EventStore = store if store is not None else MemoryEventStore()
        self.config = config or EventCorefConfig()

    def _match(self, event: Event, words: set[str], story: str) -> EventCluster | None:
        best: EventCluster | None = None
        best_score = -1.0
        mine, my_actors, my_equipment = _split(words)
        candidates = [
            c for kind in RELATED_KINDS.get(event.kind, (event.kind,)) for c in self.store.clusters_in(story, kind)
        ]
        for cluster in candidates:
            if event.date and not all(dates_compatible(event.date, d) for d in cluster.dates):
                continue
            theirs, their_actors, their_equipment = _split(cluster.words)
            if event.kind in _ACTOR_KINDS and _different_actors(my_actors, their_actors):
                continue  # two people's statements about one system are two statements
            if my_equipment and their_equipment and not my_equipment & their_equipment:
                continue  # the delivery of one system is not the delivery of another
            if mine and theirs:
                shared = len(mine & theirs) / min(len(mine), len(theirs))
                if shared < self.config.min_overlap:
                    continue
            else:
                shared = 0.0
            if shared > best_score:
                best, best_score = cluster, shared
        return best

    def add(
        self,
        article_id: str,
        events: Sequence[Event],
        story: str,
        published: datetime | None = None,
        sentences: Sequence[str] | None = None,
    ) -> list[str]:
        """Attach each event of one article to a cluster; returns the cluster ids in order.

        ``sentences`` (the article's sentence texts, indexed like
        ``Event.sentence``) are kept with each mention as provenance.
        """
        out: list[str] = []
        for event in events:
            words = participant_words(event)
            cluster = self._match(event, words, story) or self.store.new_cluster(story, event.kind)
            text = sentences[event.sentence] if sentences and 0 <= event.sentence < len(sentences) else None
            mention = EventMentionRef(article_id, event, published, text)
            cluster.mentions.append(mention)
            cluster.words |= words
            if event.date and event.date[:1].isalnum():
                cluster.dates.add(event.date)
            self.store.save(cluster, mention)
            out.append(cluster.cluster_id)
        return out

    def clusters(self, story: str | None = None) -> list[EventCluster]:
        return [c for c in self.store.all() if story is None or c.story == story]

    def get(self, cluster_id: str) -> EventCluster | None:
        return self.store.get(cluster_id)

    def mentions(self, clusters: Iterable[EventCluster] | None = None) -> list[tuple[str, EventMentionRef]]:
        """(cluster id, mention) pairs: the flat provenance table."""
        return [(c.cluster_id, m) for c in (clusters or self.clusters()) for m in c.mentions]
