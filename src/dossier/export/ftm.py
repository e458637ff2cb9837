"""``dossier export ftm``: FollowTheMoney entities (JSON Lines) for Aleph and the ``ftm`` tools.

Made with the ``followthemoney`` library, so every value is cleaned and
checked by the model's own types.  What maps to what:

* an **article** is an ``Article`` (title, text, publication date, outlet as
  ``publisher``, URL, language);
* a **person** is a ``Person``, an **organisation** an ``Organization``, a
  **place** an ``Address`` (with its country code when it is a country or
  names one), all with aliases and Wikidata ids;
* a **mention** of a person or organisation is a ``Mention`` tying the name
  as written to the article (``document``) and to the entity (``resolved``);
* an **event** is an ``Event``: the claim in ``description`` (kind, who, what,
  modality, whose claim), the sentence in ``summary``, participants in
  ``involved`` (actors also in ``organizer``), the place, and the article as
  ``proof``; equipment is named in ``namesMentioned``;
* a **quote** is a ``Note`` on its speaker, with the statement, the sentence
  and the article as ``proof``.

Ids are derived from Dossier's own (``dossier-article-3``...), so a re-export
updates an Aleph collection instead of duplicating it.  Load the file with
``ftm store write -d COLLECTION -i dossier.ftm.json`` or Aleph's ``alephclient``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import IO, Any

from sqlalchemy import Connection, select

from dossier.export.base import ArticleTexts, ExportResult, Target, pages
from dossier.export.countries import country_code
from dossier.export.selection import Resolved
from dossier.store import schema as t

_SCHEMA = {"person": "Person", "org": "Organization", "place": "Address"}


def _id(*parts: Any) -> str:
    return "dossier-" + "-".join(str(p) for p in parts)


class _Out:
    def __init__(self, fh: IO[str]) -> None:
        self.fh = fh
        self.counts: dict[str, int] = defaultdict(int)

    def write(self, proxy: Any) -> None:
        self.counts[proxy.schema.name] += 1
        self.fh.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")


def write_entities(conn: Connection, sel: Resolved, fh: IO[str]) -> dict[str, int]:
    from followthemoney import model

    out = _Out(fh)
    texts = ArticleTexts(conn)
    made: dict[int, tuple[str, str] | None] = {}  # entity id -> (ftm id, schema) when it has a schema

    def entities_for(ids: set[int]) -> None:
        missing = sorted(i for i in ids if i not in made)
        if not missing:
            return
        for r in conn.execute(select(t.entities).where(t.entities.c.id.in_(missing))):
            schema = _SCHEMA.get(r.kind)
            if schema is None:
                made[r.id] = None
                continue
            proxy = model.make_entity(schema)
            proxy.id = _id("entity", r.id)
            proxy.add("name", r.name)
            proxy.add("alias", [str(a) for a in (r.aliases or []) if a != r.name])
            if r.wikidata:
                proxy.add("wikidataId", r.wikidata)
            attrs = r.attrs or {}
            code = country_code(r.name) if attrs.get("type") == "country" else country_code(attrs.get("country"))
            if code:
                proxy.add("country", code.lower())
            if schema == "Address":
                proxy.add("full", r.name)
            out.write(proxy)
            made[r.id] = (proxy.id, schema)

    a = t.articles.c
    q = select(a.id, a.title, a.url, a.outlet, a.published, a.language, a.author, a.text).where(sel.where_article(a.id))
    for page in pages(conn, q, a.id, size=200):
        ids = [r.id for r in page]
        mentions = conn.execute(
            select(
                t.mentions.c.id,
                t.mentions.c.article_id,
                t.mentions.c.entity_id,
                t.mentions.c.text,
                t.mentions.c.kind,
            )
            .where(t.mentions.c.article_id.in_(ids))
            .order_by(t.mentions.c.id)
        ).all()
        quotes = conn.execute(select(t.quotes).where(t.quotes.c.article_id.in_(ids)).order_by(t.quotes.c.id)).all()
        events = [
            e
            for e in conn.execute(select(t.events).where(t.events.c.article_id.in_(ids)).order_by(t.events.c.id))
            if sel.keeps_event(e)
        ]
        roles: dict[int, list[tuple[int, str]]] = defaultdict(list)
        if events:
            for event_id, entity_id, role in conn.execute(
                select(t.event_entities.c.event_id, t.event_entities.c.entity_id, t.event_entities.c.role).where(
                    t.event_entities.c.event_id.in_([e.id for e in events])
                )
            ):
                roles[event_id].append((entity_id, role))
        entities_for(
            {m.entity_id for m in mentions}
            | {q.speaker_entity_id for q in quotes if q.speaker_entity_id}
            | {e for rs in roles.values() for e, _ in rs}
        )
        by_article = {r.id: r for r in page}
        for r in page:
            article = model.make_entity("Article")
            article.id = _id("article", r.id)
            article.add("title", r.title or f"article {r.id}")
            article.add("bodyText", r.text)
            article.add("publishedAt", (r.published or "")[:19] or None)
            article.add("publisher", r.outlet)
            article.add("sourceUrl", r.url)
            article.add("author", r.author)
            if r.language and r.language != "und":
                article.add("language", r.language)
            out.write(article)
        for m in mentions:
            target = made.get(m.entity_id)
            mention = model.make_entity("Mention")
            mention.id = _id("mention", m.id)
            mention.add("document", _id("article", m.article_id))
            mention.add("name", m.text)
            if target is not None and target[1] != "Address":
                mention.add("resolved", target[0])
                mention.add("detectedSchema", target[1])
            elif target is not None:
                mention.add("detectedSchema", target[1])
            else:
                continue  # equipment, laws...: named in the events that involve them
            out.write(mention)
        for e in events:
            art = by_article[e.article_id]
            sentence = texts.sentence(e.article_id, e.sentence)
            event = model.make_entity("Event")
            event.id = _id("event", e.id)
            who = ", ".join(str(x) for x in (e.actors or [])) or "someone"
            event.add("name", f"{e.kind}: {who}")
            if e.date and e.date[:4].isdigit():
                event.add("date", e.date[:10])
            event.add("summary", sentence)
            claim = f"{e.kind} ({e.modality})"
            if e.attributed_to:
                claim += f", according to {e.attributed_to}"
            if e.targets:
                claim += "; targets: " + ", ".join(str(x) for x in e.targets)
            if e.equipment:
                claim += "; equipment: " + ", ".join(str(x) for x in e.equipment)
            event.add("description", claim)
            event.add("keywords", [e.kind, e.modality])
            event.add("namesMentioned", [str(x) for x in (e.equipment or [])])
            event.add("proof", _id("article", e.article_id))
            event.add("publisher", art.outlet)
            event.add("sourceUrl", art.url)
            if e.place:
                event.add("location", e.place)
            for entity_id, role in roles.get(e.id, []):
                target = made.get(entity_id)
                if target is None:
                    continue
                if target[1] == "Address":
                    event.add("addressEntity", target[0])
                    continue
                event.add("involved", target[0])
                if role == "actor":
                    event.add("organizer", target[0])
            out.write(event)
        for q in quotes:
            art = by_article[q.article_id]
            target = made.get(q.speaker_entity_id) if q.speaker_entity_id else None
            note = model.make_entity("Note")
            note.id = _id("quote", q.id)
            note.add("name", f"Statement by {q.speaker or 'an unnamed speaker'}")
            note.add("description", q.text)
            note.add("summary", texts.sentence(q.article_id, q.sentence))
            note.add("keywords", ["direct quote" if q.direct else "reported speech", q.cue])
            if target is not None:
                note.add("entity", target[0])
            note.add("proof", _id("article", q.article_id))
            note.add("publisher", art.outlet)
            note.add("sourceUrl", art.url)
            out.write(note)
    return dict(out.counts)


class FtmExporter:
    name = "ftm"
    description = "FollowTheMoney entities (Person, Organization, Article, Event, Mention, Note) for Aleph"
    layout = "file"
    suffix = ".ftm.json"

    def export(self, conn: Connection, selection: Resolved, target: Target) -> ExportResult:
        from dossier.export.requires import need

        need("followthemoney")
        with target.open_text() as fh:
            counts = write_entities(conn, selection, fh)
        return ExportResult(self.name, paths=[target.name], counts=counts)
