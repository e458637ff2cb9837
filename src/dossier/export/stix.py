"""``dossier export stix``: a STIX 2.1 bundle for threat-intelligence platforms (OpenCTI, MISP...).

Made with the ``stix2`` library, object by object, and written as it is made
(the bundle is never held whole).  What maps to what:

* each **article** is a ``report`` (``report_types: ["news-report"]``), created
  by its outlet, published at its publication date (its ingest time when it
  has none, said in ``x_dossier_published_known``), with its URL as an
  external reference;
* each **outlet** is an ``identity`` (organization), each **person** an
  ``identity`` (individual), each **organisation** an ``identity``
  (organization), each **place** with a known country a ``location``;
  Wikidata ids and aliases ride along as ``x_dossier_*`` properties;
* each **quote** and each **event** is a ``note``: the attributed claim
  (``authors``: whose claim it is), with its provenance in
  ``external_references`` (outlet, URL, sentence and character offsets) and
  ``x_dossier_*`` properties (article id, sentence, offsets, modality, date);
* a **denied** event also gets an ``opinion`` (``strongly-disagree``) by the
  one who denies it, about the note of the claim.

Ids are UUIDv5 of the content (article hash, entity kind and name, record
offsets), so exporting twice gives the same ids and platforms merge rather
than duplicate.  Equipment has no STIX object of its own: it is named in the
notes (``x_dossier_equipment``).
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from datetime import UTC, datetime
from typing import IO, Any

from sqlalchemy import Connection, select

from dossier.export.base import ArticleTexts, ExportResult, Target, pages
from dossier.export.countries import country_code
from dossier.export.selection import Resolved
from dossier.store import schema as t
from dossier.store.sqlutil import parse_utc

NAMESPACE = uuid.UUID("6f1d8a8e-5d0b-4c8e-9f55-0d055e7d0a11")
_IDENTITY_CLASS = {"person": "individual", "org": "organization"}


def stix_id(kind: str, *key: Any) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, '|'.join(str(k) for k in key))}"


class _Writer:
    """Writes STIX objects into a bundle as they come, each object once."""

    def __init__(self, fh: IO[str]) -> None:
        self.fh = fh
        self.seen: set[str] = set()
        self.counts: dict[str, int] = defaultdict(int)
        head = json.dumps({"type": "bundle", "id": f"bundle--{uuid.uuid4()}"})
        fh.write(head[:-1] + ', "objects": [\n')

    def add(self, obj: Any) -> None:
        if obj.id in self.seen:
            return
        if self.seen:
            self.fh.write(",\n")
        self.seen.add(obj.id)
        self.counts[obj.type] += 1
        self.fh.write(obj.serialize())

    def close(self) -> None:
        self.fh.write("\n]}\n")


class _Entities:
    """STIX objects for the store's entities, made on first use."""

    def __init__(self, conn: Connection, writer: _Writer) -> None:
        self.conn = conn
        self.writer = writer
        self.ref: dict[int, str | None] = {}
        self.name: dict[int, str] = {}
        self.kind: dict[int, str] = {}

    def load(self, ids: set[int]) -> None:
        import stix2

        missing = sorted(i for i in ids if i not in self.ref)
        for r in self.conn.execute(select(t.entities).where(t.entities.c.id.in_(missing))) if missing else []:
            self.name[r.id], self.kind[r.id] = r.name, r.kind
            custom = {"x_dossier_entity_id": r.id, "x_dossier_kind": r.kind}
            if r.wikidata:
                custom["x_dossier_wikidata"] = r.wikidata
            aliases = sorted(str(a) for a in (r.aliases or []) if a != r.name)
            obj: Any = None
            if r.kind in _IDENTITY_CLASS:
                obj = stix2.v21.Identity(
                    id=stix_id("identity", r.kind, r.name),
                    name=r.name,
                    identity_class=_IDENTITY_CLASS[r.kind],
                    allow_custom=True,
                    **({"x_dossier_aliases": aliases} if aliases else {}),
                    **custom,
                )
            elif r.kind == "place":
                attrs = r.attrs or {}
                code = country_code(r.name) if attrs.get("type") == "country" else country_code(attrs.get("country"))
                if code:
                    obj = stix2.v21.Location(
                        id=stix_id("location", r.kind, r.name),
                        name=r.name,
                        country=code,
                        allow_custom=True,
                        **custom,
                    )
            if obj is not None:
                self.writer.add(obj)
            self.ref[r.id] = obj.id if obj is not None else None

    def refs(self, ids: set[int] | list[int]) -> list[str]:
        return sorted({ref for i in ids if (ref := self.ref.get(i))})


def _outlet(writer: _Writer, name: str | None) -> str:
    import stix2

    label = name or "unknown outlet"
    obj = stix2.v21.Identity(
        id=stix_id("identity", "outlet", label),
        name=label,
        identity_class="organization" if name else "unknown",
        sectors=["communications"],
        allow_custom=True,
        x_dossier_role="outlet",
    )
    writer.add(obj)
    return str(obj.id)


def _provenance(article: Any, sentence: str, start: int, end: int, index: int) -> dict[str, Any]:
    ref: dict[str, Any] = {
        "source_name": article.outlet or "unknown outlet",
        "description": f"article {article.id}, sentence {index}, characters {start}-{end}: {sentence}"[:2000],
    }
    if article.url:
        ref["url"] = article.url
    return ref


def write_bundle(conn: Connection, sel: Resolved, fh: IO[str]) -> dict[str, int]:
    import stix2

    writer = _Writer(fh)
    entities = _Entities(conn, writer)
    texts = ArticleTexts(conn)
    a = t.articles.c
    q = select(a.id, a.title, a.url, a.outlet, a.published, a.ingested_at, a.hash, a.language).where(
        sel.where_article(a.id)
    )
    for page in pages(conn, q, a.id, size=200):
        ids = [r.id for r in page]
        mentions: dict[int, list[Any]] = defaultdict(list)
        for m in conn.execute(
            select(t.mentions.c.article_id, t.mentions.c.entity_id, t.mentions.c.start, t.mentions.c.end).where(
                t.mentions.c.article_id.in_(ids)
            )
        ):
            mentions[m.article_id].append(m)
        quotes: dict[int, list[Any]] = defaultdict(list)
        for r in conn.execute(select(t.quotes).where(t.quotes.c.article_id.in_(ids)).order_by(t.quotes.c.id)):
            quotes[r.article_id].append(r)
        events: dict[int, list[Any]] = defaultdict(list)
        for r in conn.execute(select(t.events).where(t.events.c.article_id.in_(ids)).order_by(t.events.c.id)):
            if sel.keeps_event(r):
                events[r.article_id].append(r)
        taking_part: dict[int, set[int]] = defaultdict(set)
        event_ids = [e.id for rows in events.values() for e in rows]
        if event_ids:
            for event_id, entity_id in conn.execute(
                select(t.event_entities.c.event_id, t.event_entities.c.entity_id).where(
                    t.event_entities.c.event_id.in_(event_ids)
                )
            ):
                taking_part[event_id].add(entity_id)
        entities.load(
            {m.entity_id for ms in mentions.values() for m in ms}
            | {q.speaker_entity_id for qs in quotes.values() for q in qs if q.speaker_entity_id}
            | {e for s in taking_part.values() for e in s}
        )
        for article in page:
            creator = _outlet(writer, article.outlet)
            report_id = stix_id("report", article.hash)
            refs: list[str] = []
            for quote in quotes.get(article.id, []):
                sentence = texts.sentence(article.id, quote.sentence)
                inside = {m.entity_id for m in mentions[article.id] if m.start >= quote.start and m.end <= quote.end}
                speaker = entities.name.get(quote.speaker_entity_id) if quote.speaker_entity_id else None
                speaker = speaker or quote.speaker
                note = stix2.v21.Note(
                    id=stix_id("note", article.hash, "quote", quote.start, quote.end),
                    abstract=f"{speaker or 'unnamed speaker'} ({quote.cue or 'said'})",
                    content=quote.text,
                    authors=[speaker or article.outlet or "unknown"],
                    object_refs=[report_id, *entities.refs({*inside, quote.speaker_entity_id} - {None})],
                    external_references=[_provenance(article, sentence, quote.start, quote.end, quote.sentence)],
                    created_by_ref=creator,
                    allow_custom=True,
                    x_dossier_record="quote",
                    x_dossier_article_id=article.id,
                    x_dossier_sentence=sentence,
                    x_dossier_start=quote.start,
                    x_dossier_end=quote.end,
                    x_dossier_direct=bool(quote.direct),
                    **({"x_dossier_date": quote.date} if quote.date else {}),
                    **({"x_dossier_via": quote.via} if quote.via else {}),
                )
                writer.add(note)
                refs.append(note.id)
            for event in events.get(article.id, []):
                sentence = texts.sentence(article.id, event.sentence)
                claim_by = event.attributed_to or article.outlet or "unknown"
                summary = _event_summary(event)
                custom = {
                    "x_dossier_record": "event",
                    "x_dossier_article_id": article.id,
                    "x_dossier_kind": event.kind,
                    "x_dossier_modality": event.modality,
                    "x_dossier_sentence": sentence,
                    "x_dossier_start": event.start,
                    "x_dossier_end": event.end,
                }
                for name in ("date", "place"):
                    if getattr(event, name):
                        custom[f"x_dossier_{name}"] = getattr(event, name)
                for name in ("actors", "targets", "equipment"):
                    if getattr(event, name):
                        custom[f"x_dossier_{name}"] = [str(x) for x in getattr(event, name)]
                note = stix2.v21.Note(
                    id=stix_id("note", article.hash, "event", event.kind, event.start, event.end),
                    abstract=f"{event.kind} ({event.modality})",
                    content=f"{summary}\n\n{sentence}".strip(),
                    authors=[claim_by],
                    object_refs=[report_id, *entities.refs(taking_part.get(event.id, set()))],
                    external_references=[_provenance(article, sentence, event.start, event.end, event.sentence)],
                    created_by_ref=creator,
                    allow_custom=True,
                    **custom,
                )
                writer.add(note)
                refs.append(note.id)
                if event.modality == "denied":
                    opinion = stix2.v21.Opinion(
                        id=stix_id("opinion", article.hash, "denial", event.start, event.end),
                        opinion="strongly-disagree",
                        explanation=sentence or summary,
                        authors=[claim_by],
                        object_refs=[note.id],
                        created_by_ref=creator,
                    )
                    writer.add(opinion)
                    refs.append(opinion.id)
            refs.extend(entities.refs({m.entity_id for m in mentions.get(article.id, [])}))
            published = parse_utc(article.published)
            report = stix2.v21.Report(
                id=report_id,
                name=article.title or f"article {article.id}",
                published=published or parse_utc(article.ingested_at) or datetime.now(UTC),
                report_types=["news-report"],
                object_refs=refs or [creator],
                created_by_ref=creator,
                lang=article.language if article.language and article.language != "und" else None,
                external_references=[
                    {
                        "source_name": article.outlet or "unknown outlet",
                        "description": f"Dossier article {article.id}",
                        **({"url": article.url} if article.url else {}),
                    }
                ],
                allow_custom=True,
                x_dossier_article_id=article.id,
                x_dossier_published_known=published is not None,
            )
            writer.add(report)
    writer.close()
    return dict(writer.counts)


def _event_summary(event: Any) -> str:
    who = ", ".join(str(x) for x in (event.actors or [])) or "someone"
    text = f"{who}: {event.kind.replace('_', ' ').lower()}"
    if event.targets:
        text += " — " + ", ".join(str(x) for x in event.targets)
    if event.equipment:
        text += " (equipment: " + ", ".join(str(x) for x in event.equipment) + ")"
    if event.place:
        text += f" in {event.place}"
    if event.date:
        text += f" on {event.date}"
    return text + f" [{event.modality}]"


class StixExporter:
    name = "stix"
    description = "a STIX 2.1 bundle: a report per article, identities, locations, notes and opinions for claims"
    layout = "file"
    suffix = ".stix.json"

    def export(self, conn: Connection, selection: Resolved, target: Target) -> ExportResult:
        from dossier.export.requires import need

        need("stix2")
        with target.open_text() as fh:
            counts = write_bundle(conn, selection, fh)
        return ExportResult(self.name, paths=[target.name], counts=counts)


def parse_bundle(text: str) -> Any:
    """Parse an exported bundle back with stix2 (what the tests and a cautious user do)."""
    import stix2

    return stix2.parse(json.loads(text), allow_custom=True)
