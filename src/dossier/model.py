"""The records that flow through Dossier, declared once.

Every stage reads the records of the stage before it and adds its own (see
``docs/architecture.md``).  They are frozen dataclasses so that a record, once
made, can be hashed, cached and compared without surprises.  ``to_record()``
gives the JSON-ready dict that ``--json`` prints and the API returns; the field
names there are part of the documented interface (``docs/records.md``).

Offsets (``start``/``end``) always index ``Article.text`` as stored, title
excluded, so that every fact can be traced back to its sentence.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

_SPACE_RE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Return the form of ``text`` used to decide whether two texts are the same.

    Why: the same report arrives with different whitespace, Unicode forms and
    letter case depending on the reader (HTML vs. feed vs. Telegram); those
    differences must not make a copy look new.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    return _SPACE_RE.sub(" ", text).strip()


@lru_cache(maxsize=1024)
def content_hash(text: str) -> str:
    """SHA-256 of the normalised text: the identity of an article's content.

    Cached: an ingest asks for an article's hash at every step (de-duplication, in-flight
    bookkeeping, storing, copy detection), and normalising a long text is not free."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Article:
    """One report as read from a source, before analysis.

    ``origin`` is where this copy came from (a file path, ``path#N`` for an
    item inside a multi-item file, or a URL); ``extra`` keeps every field of
    the source that Dossier has no column for, so nothing is lost.
    """

    text: str
    title: str = ""
    url: str | None = None
    origin: str = ""
    outlet: str | None = None
    published: datetime | None = None
    language: str | None = None
    format: str = "text"
    author: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # Where ``published`` came from: "declared" (the item's own metadata),
    # "guessed" (read off the page by heuristics), "filename" or "given"
    # (--published).  A guess is never passed off as a declaration.
    published_source: str | None = None

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    @property
    def doc_key(self) -> str:
        """The name ``dossier analyze`` prints as ``doc``: url for items of
        multi-item files, else the origin."""
        if self.url and "#" in self.origin:
            return self.url
        return self.origin

    def replace(self, **changes: Any) -> Article:
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text naming (or describing) an entity."""

    text: str
    start: int
    end: int
    kind: str  # person | org | place | equipment | law | event | other
    entity: str  # canonical name of the entity the mention resolves to
    sentence: int = 0  # sentence index within the article
    role: str | None = None  # title or role kept with a person ("Foreign Minister")
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical entity: what several mentions refer to."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    id: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A temporal expression normalised to TIMEX3.

    ``value`` follows TIMEX3 (``2025-09-26``, ``XXXX-09-26``, ``P3Y``,
    ``FUTURE_REF``...); ``anchor`` is the date it was resolved against (the
    publication date, an explicit date nearby, or ``None``), and
    ``granularity`` says how fine the value is (day, month, year...).
    ``mod`` is TIMEX3's modifier, which the value cannot carry: ``START``
    ("early 2024"), ``MID`` ("mid-2023"), ``END`` ("late yesterday"),
    ``APPROX``, ``MORE_THAN``, ``LESS_THAN``, ``EQUAL_OR_MORE``,
    ``EQUAL_OR_LESS``; ``None`` when the expression has none.  It is part of
    the analysis only; the store keeps the value.
    """

    text: str
    start: int
    end: int
    timex_type: str  # DATE | TIME | DURATION | SET
    value: str
    anchor: str | None = None
    granularity: str | None = None
    sentence: int = 0
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A statement attributed to a speaker, direct or reported."""

    text: str
    start: int
    end: int
    direct: bool
    speaker: str | None = None
    speaker_id: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    date: str | None = None
    sentence: int = 0
    via: str | None = None  # reporting outlet or channel in a source chain


#: The kind of an event that is someone's saying so: a reporting verb's own event (``analyze.eventing``),
#: which timelines and coreference treat as the attribution of what it reports.
STATEMENT = "STATEMENT"


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened (or is claimed, planned, denied) in one sentence."""

    kind: str
    start: int
    end: int
    sentence: int = 0
    trigger: str = ""
    date: str | None = None
    date_text: str | None = None
    reported: str | None = None
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    place: str | None = None
    modality: str = "asserted"
    attributed_to: str | None = None
    quote_index: int | None = None
    id: str | None = None
    #: PLOVER 0.8 category the event codes as (``analyze.eventing.plover``); None for STATEMENT.
    plover: str | None = None
    #: The sentence's main event: the one a coder would type the sentence by.
    main: bool = False


@dataclass(slots=True)
class DocAnalysis:
    """Everything the per-document stages found in one article.

    A pure function of the article's text and metadata, so it can be cached
    by content hash and computed on any machine.
    """

    text: str
    language: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding character ``offset`` (binary search)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s, e = self.sentences[mid]
            if offset < s:
                hi = mid - 1
            elif offset >= e:
                lo = mid + 1
            else:
                return mid
        return max(0, min(lo, len(self.sentences) - 1))

    def sentence_text(self, index: int) -> str:
        if not self.sentences:
            return self.text
        s, e = self.sentences[index]
        return self.text[s:e]


def to_record(obj: Any) -> dict[str, Any]:
    """JSON-ready dict of a record: datetimes as ISO 8601, tuples as lists."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, datetime):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out
