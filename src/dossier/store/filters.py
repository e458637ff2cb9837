"""One set of filters shared by every listing: the CLI's options, the API's parameters, the exports.

A :class:`Filters` value is checked once (:meth:`Filters.checked`) and then
turned into SQL conditions here, so that ``dossier events --since 2025-09``,
``GET /api/events?since=2025-09`` and an export mean exactly the same thing.

Dates are compared as ISO 8601 strings, as they are stored: ``since`` keeps
what starts on or after it, ``until`` what starts on or before it (a bare
``until`` date includes that whole day).  Articles are filtered by their
publication date; events by their own date, or by their report's date when
the text gives none (or only a partial ``XXXX-`` value).  Every condition is
an indexed look-up or a semi-join on an indexed column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from sqlalchemy import Connection, case, func, literal, or_, select

from dossier.errors import UsageError
from dossier.store import schema as t

#: Modalities the event stage writes (``docs/events.md``).
MODALITIES = ("asserted", "reported", "planned", "conditional", "required", "hypothetical", "negated", "denied")

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}(:\d{2}(:\d{2}(\.\d+)?)?)?([+-]\d{2}:?\d{2}|Z)?)?)?)?$")
# Sorts after every character a stored ISO date can continue with ("T", ":", digits, "+"): an
# ``until`` of 2025-09-30 then keeps 2025-09-30T23:00 too.
_END = "~"


@dataclass(frozen=True)
class Filters:
    """What a listing is restricted to; ``None`` means no restriction."""

    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    language: str | None = None
    kind: str | None = None
    subject: str | None = None
    story: int | None = None
    modality: str | None = None
    min_sources: int | None = None

    def checked(self) -> Filters:
        """The same filters with values normalised, or a :class:`UsageError` naming the bad one."""
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not _DATE.match(value.strip()):
                raise UsageError(
                    f"invalid {name} date {value!r}",
                    hint="use ISO 8601: 2025, 2025-09, 2025-09-27 or 2025-09-27T10:00",
                )
        if self.since and self.until and self.since.strip() > self.until.strip() + _END:
            raise UsageError(f"since {self.since!r} is after until {self.until!r}")
        if self.modality is not None and self.modality not in MODALITIES:
            raise UsageError(f"unknown modality {self.modality!r}", hint=f"modalities: {', '.join(MODALITIES)}")
        if self.min_sources is not None and self.min_sources < 1:
            raise UsageError(f"min_sources must be >= 1, got {self.min_sources}")
        if self.story is not None and self.story < 1:
            raise UsageError(f"story ids start at 1, got {self.story}")
        return replace(
            self,
            since=self.since.strip() if self.since else None,
            until=self.until.strip() if self.until else None,
            outlet=self.outlet or None,
            language=self.language or None,
            kind=self.kind or None,
            subject=(self.subject or "").strip() or None,
        )

    @property
    def active(self) -> dict[str, Any]:
        """The filters that are set, by name (echoed by the API and shown on pages)."""
        return {k: v for k, v in self.__dict__.items() if v is not None}


NO_FILTERS = Filters()


def subject_ids(conn: Connection, f: Filters) -> list[int] | None:
    """The entity ids ``f.subject`` names (``None`` when there is no subject filter).

    An unknown subject gives an empty list, so the listing is empty rather
    than unfiltered.
    """
    if not f.subject:
        return None
    from dossier.store.knowledge import find_entity_ids

    return find_entity_ids(conn, f.subject)


def _until(value: str) -> str:
    return value + _END


def article_conditions(conn: Connection, f: Filters, *, dates: bool = True) -> list[Any]:
    """Conditions on ``articles`` for the article-level filters (outlet, language, story, subject, dates)."""
    a = t.articles.c
    out: list[Any] = []
    if f.outlet:
        out.append(a.outlet == f.outlet)
    if f.language:
        out.append(a.language == f.language)
    if dates and f.since:
        out.append(a.published >= f.since)
    if dates and f.until:
        out.append(a.published <= _until(f.until))
    if f.story is not None:
        out.append(a.id.in_(select(t.story_members.c.article_id).where(t.story_members.c.story_id == f.story)))
    ids = subject_ids(conn, f)
    if ids is not None:
        out.append(a.id.in_(select(t.mentions.c.article_id).where(t.mentions.c.entity_id.in_(ids))))
    return out


def event_date_expr() -> Any:
    """An event's date for filtering: its own when it is a real (year-first) date, else its report's."""
    e = t.events.c
    own = func.substr(e.date, 1, 1)
    return case((own.between(literal("0"), literal("9")), e.date), else_=e.reported)


def event_conditions(conn: Connection, f: Filters) -> list[Any]:
    """Conditions on ``events`` (joined with ``articles``) for every filter but ``min_sources``."""
    e = t.events.c
    out = article_conditions(conn, replace(f, subject=None), dates=False)
    when = event_date_expr()
    if f.since:
        out.append(when >= f.since)
    if f.until:
        out.append(when <= _until(f.until))
    if f.kind:
        check_event_kind(conn, f.kind)
        out.append(func.upper(e.kind) == f.kind.upper())
    if f.modality:
        out.append(e.modality == f.modality)
    ids = subject_ids(conn, f)
    if ids is not None:
        out.append(e.id.in_(select(t.event_entities.c.event_id).where(t.event_entities.c.entity_id.in_(ids))))
    return out


def quote_conditions(conn: Connection, f: Filters) -> list[Any]:
    """Conditions on ``quotes`` (joined with ``articles``): a subject is the speaker or is named in the quote."""
    q = t.quotes.c
    out = article_conditions(conn, replace(f, subject=None))
    ids = subject_ids(conn, f)
    if ids is not None:
        m = t.mentions.c
        named = (
            select(m.id)
            .where(m.article_id == q.article_id, m.entity_id.in_(ids), m.start >= q.start, m.end <= q.end)
            .exists()
        )
        out.append(or_(q.speaker_entity_id.in_(ids), named))
    return out


@lru_cache(maxsize=1)
def lexicon_event_kinds() -> frozenset[str]:
    """Every event kind the event lexicons can produce (read from the data files, no NLP)."""
    kinds: set[str] = set()
    folder = resources.files("dossier.data") / "events"
    for name in ("triggers_en.tsv", "triggers_ru.tsv"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            kinds.update(c for c in (cols[0], cols[3] if len(cols) > 3 else "") if c and c != "NONE")
    return frozenset(kinds)


def event_kinds(conn: Connection) -> list[str]:
    """Valid event kinds: those the lexicons produce and those already stored."""
    stored = {k for (k,) in conn.execute(select(t.events.c.kind).distinct())}
    return sorted(lexicon_event_kinds() | {k.upper() for k in stored})


def check_event_kind(conn: Connection, kind: str) -> None:
    """A :class:`UsageError` listing the valid kinds when ``kind`` is none of them."""
    if kind.upper() in lexicon_event_kinds():
        return
    kinds = event_kinds(conn)
    if kind.upper() not in kinds:
        raise UsageError(f"unknown event kind {kind!r}", hint=f"kinds: {', '.join(kinds)}")


def keep_min_sources(records: list[dict[str, Any]], f: Filters) -> list[dict[str, Any]]:
    """Records with at least ``f.min_sources`` independent sources (all when unset)."""
    if not f.min_sources:
        return records
    return [r for r in records if int(r.get("independent_sources") or 0) >= f.min_sources]
