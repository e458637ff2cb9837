"""What an export covers: ``--subject``, ``--story``, ``--since``, ``--until``, ``--outlet``, ``--language``,
``--kind`` and ``--modality``.

The filters choose *articles* (every record of an export hangs off an
article, so the files stay consistent: an event row's article is always in
the articles file), and ``--since``/``--until`` also choose *events* by their
own date:

* an article is kept when its outlet and language match, it belongs to the
  story, it mentions one of the subjects, and its publication date lies in
  the range (an undated article is left out as soon as a date bound is given);
* an event of a kept article is kept when its own date overlaps the range (an
  event without a date, or with an unknown year (``XXXX-09-26``), is kept
  with its article, since the range cannot be decided for it), when it is of
  the ``--kind`` and ``--modality`` asked for, and unless an analyst rejected it.

Dates compare as ISO 8601 prefixes, so ``--since 2025`` and ``--until
2025-09`` mean whole periods, and a month-precision event date ``2025-09``
overlaps ``--since 2025-09-15``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, or_, select, true, union

from dossier.errors import NotFound, UsageError
from dossier.store import schema as t

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _check_date(option: str, value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    ok = bool(_DATE.match(value))
    if not ok:
        try:
            datetime.fromisoformat(value)
            ok = True
        except ValueError:
            ok = False
    if not ok:
        raise UsageError(f"invalid {option} date {value!r}", hint="use ISO 8601: 2025, 2025-09, 2025-09-26")
    return value


def overlaps(value: str | None, since: str | None, until: str | None) -> bool:
    """Whether a (possibly partial) ISO date lies in ``[since, until]``; undecidable dates count as inside."""
    if not value or not value[:4].isdigit():
        return True
    if since:
        n = min(len(value), len(since))
        if value[:n] < since[:n]:
            return False
    if until:
        n = min(len(value), len(until))
        if value[:n] > until[:n]:
            return False
    return True


@dataclass(frozen=True, slots=True)
class Selection:
    """The filters of one export; empty means the whole store."""

    subjects: tuple[str, ...] = ()
    story: int | None = None
    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    language: str | None = None
    kind: str | None = None
    modality: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "since", _check_date("--since", self.since))
        object.__setattr__(self, "until", _check_date("--until", self.until))
        if self.since and self.until and self.since[: len(self.until)] > self.until:
            raise UsageError(f"--since {self.since} is after --until {self.until}")

    @property
    def is_empty(self) -> bool:
        return not (self.subjects or self.story is not None or self.since or self.until or self.outlet or self.language)

    def describe(self) -> str:
        """The filters in words, for titles and notes."""
        parts = []
        if self.subjects:
            parts.append("about " + ", ".join(self.subjects))
        if self.story is not None:
            parts.append(f"story {self.story}")
        if self.outlet:
            parts.append(f"outlet {self.outlet}")
        if self.language:
            parts.append(f"language {self.language}")
        if self.since:
            parts.append(f"since {self.since}")
        if self.until:
            parts.append(f"until {self.until}")
        if self.kind:
            parts.append(f"events of kind {self.kind}")
        if self.modality:
            parts.append(f"{self.modality} events")
        return "; ".join(parts) or "whole store"

    def resolve(self, conn: Connection) -> Resolved:
        """Look the subjects and the story up in the store (errors name what is missing)."""
        from dossier.store.knowledge import find_entity_ids

        subject_ids: list[int] = []
        for name in self.subjects:
            ids = find_entity_ids(conn, name)
            if not ids:
                raise NotFound(f"no entity called {name!r}", hint="list entities with `dossier entities`")
            subject_ids.extend(i for i in ids if i not in subject_ids)
        from dossier.store.filters import MODALITIES, check_event_kind

        if self.kind:
            check_event_kind(conn, self.kind)
        if self.modality and self.modality not in MODALITIES:
            raise UsageError(f"unknown --modality {self.modality!r}", hint=f"modalities: {', '.join(MODALITIES)}")
        if self.story is not None:
            found = conn.execute(select(t.stories.c.id).where(t.stories.c.id == self.story)).first()
            if found is None:
                raise NotFound(f"no story with id {self.story}", hint="list stories with `dossier stories`")
        return Resolved(self, subject_ids)


@dataclass(frozen=True, slots=True)
class Resolved:
    """A selection checked against the store: SQL conditions and event filters ready to apply."""

    selection: Selection
    subject_ids: list[int]

    def article_ids(self) -> Any:
        """A ``SELECT articles.id`` of the chosen articles, to use in ``IN (...)`` conditions."""
        a = t.articles.c
        q = select(a.id)
        sel = self.selection
        if sel.outlet:
            q = q.where(a.outlet == sel.outlet)
        if sel.language:
            q = q.where(a.language == sel.language)
        if sel.since:
            q = q.where(func.substr(a.published, 1, len(sel.since)) >= sel.since)
        if sel.until:
            q = q.where(func.substr(a.published, 1, len(sel.until)) <= sel.until)
        if sel.story is not None:
            q = q.where(a.id.in_(select(t.story_members.c.article_id).where(t.story_members.c.story_id == sel.story)))
        if self.subject_ids:
            about = union(
                select(t.mentions.c.article_id).where(t.mentions.c.entity_id.in_(self.subject_ids)),
                select(t.events.c.article_id)
                .join(t.event_entities, t.event_entities.c.event_id == t.events.c.id)
                .where(t.event_entities.c.entity_id.in_(self.subject_ids)),
            )
            q = q.where(a.id.in_(about))
        return q

    def where_article(self, column: Any) -> Any:
        """A condition keeping rows whose article ``column`` is chosen (always true for the whole store)."""
        if self.selection.is_empty:
            return true()
        return column.in_(self.article_ids())

    def keeps_event(self, event: Any) -> bool:
        """Whether an event (a row or a record) is exported: in the date range, of the chosen kind and
        modality, and not rejected by an analyst (``dossier reject event``)."""
        get = event.get if isinstance(event, dict) else (lambda name: getattr(event, name, None))
        sel = self.selection
        if get("review") == "rejected":
            return False
        if sel.kind and str(get("kind") or "").upper() != sel.kind.upper():
            return False
        if sel.modality and get("modality") != sel.modality:
            return False
        return overlaps(get("date"), sel.since, sel.until)

    def where_entity(self) -> Any:
        """Entities mentioned in the chosen articles, or taking part in their events."""
        if self.selection.is_empty:
            return true()
        ids = self.article_ids()
        return or_(
            t.entities.c.id.in_(select(t.mentions.c.entity_id).where(t.mentions.c.article_id.in_(ids))),
            t.entities.c.id.in_(
                select(t.event_entities.c.entity_id)
                .join(t.events, t.events.c.id == t.event_entities.c.event_id)
                .where(t.events.c.article_id.in_(ids))
            ),
        )
