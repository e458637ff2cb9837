"""``dossier kb load FILE``: stream a Wikidata dump past the store's entities and write the links.

The store's people, organisations and places are read once (names, aliases,
the languages of the articles that mention them: a few hundred bytes each),
the dump streams past them (:mod:`dossier.kb.dump`), and the decisions of
:class:`dossier.kb.link.Linker` are written in one transaction: the id, its
confidence and ``wikidata_source = 'kb'``, plus a ``wd:`` matching key so the
entity keeps its id through later merges.  Curated gazetteer ids are never
overwritten.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from dossier.kb.dump import BadLine, iter_entities
from dossier.kb.link import DEFAULT_MIN_CONFIDENCE, LINKABLE, Decision, Linker, StoreEntity
from dossier.store import schema as t

#: Bad lines kept in the report by number; beyond this only counted.
MAX_BAD_LINES = 50


@dataclass(slots=True)
class KbReport:
    source: str
    items: int = 0
    entities: int = 0
    decisions: list[Decision] = field(default_factory=list)
    bad_lines: list[BadLine] = field(default_factory=list)
    bad_line_count: int = 0
    written: int = 0

    def count(self, status: str) -> int:
        return sum(1 for d in self.decisions if d.status == status)

    def summary(self) -> dict[str, Any]:
        return {
            "type": "summary",
            "source": self.source,
            "items_read": self.items,
            "entities_considered": self.entities,
            "linked": self.count("linked"),
            "ambiguous": self.count("ambiguous"),
            "confirmed": self.count("confirmed"),
            "conflicts": self.count("conflict"),
            "written": self.written,
            "bad_lines": self.bad_line_count,
        }


def _targets(conn: Connection) -> list[StoreEntity]:
    languages: dict[int, set[str]] = defaultdict(set)
    for entity_id, language in conn.execute(
        select(t.mentions.c.entity_id, t.articles.c.language)
        .join(t.articles, t.articles.c.id == t.mentions.c.article_id)
        .join(t.entities, t.entities.c.id == t.mentions.c.entity_id)
        .where(t.entities.c.kind.in_(LINKABLE))
        .distinct()
    ):
        if language:
            languages[entity_id].add(language)
    out = []
    for r in conn.execute(select(t.entities).where(t.entities.c.kind.in_(LINKABLE)).order_by(t.entities.c.id)):
        out.append(
            StoreEntity(
                id=r.id,
                name=r.name,
                kind=r.kind,
                aliases=tuple(str(a) for a in (r.aliases or []) if a != r.name),
                languages=frozenset(languages.get(r.id, ())),
                wikidata=r.wikidata,
                source=r.wikidata_source,
            )
        )
    return out


def load_kb(
    conn: Connection,
    path: str | Path,
    *,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    dry_run: bool = False,
    on_progress: Callable[[int], None] | None = None,
) -> KbReport:
    """Link the store's entities to the items of a Wikidata dump; return what was decided and written."""
    path = Path(path)
    report = KbReport(str(path))
    targets = _targets(conn)
    report.entities = len(targets)
    linker = Linker(targets, min_confidence=min_confidence)
    for item in iter_entities(path):
        if isinstance(item, BadLine):
            report.bad_line_count += 1
            if len(report.bad_lines) < MAX_BAD_LINES:
                report.bad_lines.append(item)
            continue
        linker.feed(item)
        if on_progress and linker.items_read % 100_000 == 0:
            on_progress(linker.items_read)
    report.items = linker.items_read
    report.decisions = linker.decide()
    if not dry_run:
        report.written = _write(conn, report.decisions)
    return report


def _write(conn: Connection, decisions: list[Decision]) -> int:
    written = 0
    for d in decisions:
        if d.status != "linked" or d.candidate is None:
            continue
        c = d.candidate
        conn.execute(
            update(t.entities)
            .where(t.entities.c.id == d.target.id)
            .values(wikidata=c.qid, wikidata_confidence=c.confidence, wikidata_source="kb")
        )
        old = d.target.wikidata
        if d.target.source == "kb" and old and old != c.qid:  # revised by this dump: the old key goes
            conn.execute(
                delete(t.entity_keys).where(
                    t.entity_keys.c.key == f"wd:{old}", t.entity_keys.c.entity_id == d.target.id
                )
            )
        key = f"wd:{c.qid}"
        exists = conn.execute(
            select(t.entity_keys.c.key).where(t.entity_keys.c.key == key, t.entity_keys.c.entity_id == d.target.id)
        ).first()
        if exists is None:
            conn.execute(insert(t.entity_keys).values(key=key, entity_id=d.target.id))
        written += 1
    return written
