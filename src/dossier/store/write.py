"""Writing articles and their extraction records.

Idempotency rules (what makes a re-run safe):

* content already stored (same normalised text, any revision) is not stored
  again; its new origin is added to the stored article;
* new text at a URL already stored becomes a new revision of that article,
  and the article's extraction records are replaced;
* everything about one article is written inside the caller's transaction,
  so a crash leaves either all of it or none of it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from dossier.model import Article, DocAnalysis, Entity
from dossier.store import entity_counts, entity_names, timeline_cache
from dossier.store import schema as t
from dossier.store.sqlutil import chunks, insert_ids, insert_rows


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What happened to one incoming article."""

    status: str  # "new" | "revised" | "duplicate" | "updated" | "deleted"
    article_id: int
    origin_added: bool = False
    #: For "deleted": the correction-log entry by which an analyst deleted this content.
    #: For "updated": the log entries of the metadata ``ingest --update`` applied.
    entries: tuple[int, ...] = ()


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _iso(value: datetime | None) -> str | None:
    """ISO 8601 for the store: UTC when the zone is known, so that text order is time order."""
    if value is None:
        return None
    if value.tzinfo is not None and value.utcoffset() is not None:
        value = value.astimezone(UTC)
    return value.isoformat()


def _offset_minutes(value: datetime | None) -> int | None:
    """The source's own UTC offset in minutes (``+01:00`` -> 60), kept beside the UTC time."""
    offset = value.utcoffset() if value is not None else None
    return None if offset is None else int(offset.total_seconds() // 60)


def known_hashes(conn: Connection, hashes: Iterable[str]) -> dict[str, int]:
    """Map each already stored content hash to its article id (one query)."""
    wanted = list(set(hashes))
    found: dict[str, int] = {}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        rows = conn.execute(
            select(t.article_hashes.c.hash, t.article_hashes.c.article_id).where(t.article_hashes.c.hash.in_(chunk))
        )
        found.update({h: aid for h, aid in rows})
    return found


@dataclass(slots=True)
class BatchLookups:
    """What one ingest batch needs to know of the store, read for the whole batch at once.

    ``save_article`` otherwise asks three questions per article (is this content stored? did
    an analyst delete it? is there any correction to replay?); a batch asks each once.  Kept
    current as the batch's articles are written (a content repeated within the batch is
    found), and valid only inside the transaction that read it.

    It also holds the rows nothing reads again while the batch is written (content hashes,
    revisions, origins, time expressions, and the entities' mention counts), so that a batch
    writes each of these tables with one statement, not one per article: :meth:`flush` writes
    them, and the caller must call it before its transaction ends.  Rows wait only while the
    store holds no correction (a replayed correction may read or recount them); a duplicate
    flushes them first (its origin is checked against the stored ones).
    """

    known: dict[str, int]
    deleted: dict[str, int]
    corrections: bool
    pending: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    counts: dict[int, list[int]] = field(default_factory=dict)
    #: The next free id of the tables whose rows the batch inserts with their ids (see ``insert_ids``).
    next_ids: dict[str, int] = field(default_factory=dict)
    #: The ``events`` rows (with ids) just written for each article, while deferring, for the
    #: cross-article pass to take instead of reading them back (:meth:`take_events`).
    events: dict[int, list[dict[str, Any]]] = field(default_factory=dict)

    @classmethod
    def read(cls, conn: Connection, hashes: Iterable[str]) -> BatchLookups:
        wanted = sorted(set(hashes))
        deleted: dict[str, int] = {}
        c = t.deleted_content.c
        for i in range(0, len(wanted), 500):
            rows = conn.execute(select(c.hash, c.correction_id).where(c.hash.in_(wanted[i : i + 500])))
            deleted.update({h: cid for h, cid in rows})
        any_correction = conn.execute(select(t.corrections.c.id).limit(1)).first() is not None
        return cls(known_hashes(conn, wanted), deleted, any_correction)

    def take_events(self, article_id: int, *, new: bool) -> list[dict[str, Any]] | None:
        """The events rows just written for an article, if it is ``new`` (None: read them from the store).

        A revised article's rows are not handed on: its old version's cluster memberships may
        still name the ids its new events were given.
        """
        rows = self.events.pop(article_id, None)
        return rows if new else None

    @property
    def deferring(self) -> bool:
        """Whether rows may wait for :meth:`flush` (not once the store holds a correction)."""
        return not self.corrections

    def defer(self, table: str, rows: list[dict[str, Any]]) -> None:
        self.pending.setdefault(table, []).extend(rows)

    def defer_counts(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Add mention rows' counts to what :meth:`flush` adds to ``entities`` (sums commute)."""
        for eid, (dm, da) in entity_counts.row_counts(rows).items():
            total = self.counts.setdefault(eid, [0, 0])
            total[0] += dm
            total[1] += da

    def flush(self, conn: Connection) -> None:
        """Write the rows held back, one statement per table, in the order they were made."""
        for name, rows in self.pending.items():
            if rows:
                insert_rows(conn, t.metadata.tables[name], rows)
        self.pending.clear()
        self.next_ids.clear()  # read again when next needed: the caller may delete rows after a flush
        if self.counts:
            entity_counts.apply(conn, {eid: (dm, da) for eid, (dm, da) in self.counts.items()})
            self.counts.clear()


def _add_origin(
    conn: Connection,
    article_id: int,
    article: Article,
    *,
    new_article: bool = False,
    lookups: BatchLookups | None = None,
) -> bool:
    """Record where ``article`` was read, unless already known (an article just inserted has no origins).

    With ``lookups`` deferring, a new article's origin waits for :meth:`BatchLookups.flush`.
    """
    row = {
        "article_id": article_id,
        "origin": article.origin,
        "url": article.url,
        "outlet": article.outlet,
        "format": article.format,
        "published": _iso(article.published),
        "extra": article.extra or None,
        "seen_at": now_iso(),
    }
    if new_article and lookups is not None and lookups.deferring:
        lookups.defer("origins", [row])
        return True
    if not new_article:
        exists = conn.execute(
            select(t.origins.c.id).where(t.origins.c.article_id == article_id, t.origins.c.origin == article.origin)
        ).first()
        if exists:
            return False
    conn.execute(insert(t.origins).values(**row))
    return True


def save_article(
    conn: Connection,
    article: Article,
    analysis: DocAnalysis | None,
    *,
    update_metadata: bool = False,
    user: str | None = None,
    lookups: BatchLookups | None = None,
) -> SaveResult:
    """Store one article (and its analysis) following the idempotency rules above.

    Content an analyst deleted is not stored back (status ``deleted``).  With ``update_metadata``
    (``ingest --update``) the metadata of content already stored is replaced by the incoming one where
    it differs, each change written to the correction log (status ``updated``).  ``lookups``: what
    the caller's batch already read of the store (:class:`BatchLookups`), else asked here.
    """
    from dossier.corrections.articles import deleted_by

    digest = article.hash
    if lookups is not None:
        stored_id = lookups.known.get(digest)
    else:
        stored_id = conn.execute(
            select(t.article_hashes.c.article_id).where(t.article_hashes.c.hash == digest)
        ).scalar()
    if stored_id is not None:
        if lookups is not None:
            lookups.flush(conn)  # the stored origins are read, and a correction may follow
        added = _add_origin(conn, stored_id, article)
        if update_metadata:
            from dossier.corrections import current_user, update_article_metadata

            entries = update_article_metadata(conn, stored_id, article, user=current_user(user))
            if entries:
                if lookups is not None:
                    lookups.corrections = True
                return SaveResult("updated", stored_id, added, tuple(e["entry"] for e in entries))
        return SaveResult("duplicate", stored_id, added)
    deleted = lookups.deleted.get(digest) if lookups is not None else deleted_by(conn, digest)
    if deleted is not None:
        return SaveResult("deleted", 0, False, (deleted,))

    stamp = now_iso()
    values: dict[str, Any] = {
        "hash": digest,
        "title": article.title,
        "text": article.text,
        "outlet": article.outlet,
        "published": _iso(article.published),
        "published_offset": _offset_minutes(article.published),
        "published_source": article.published_source,
        "language": analysis.language if analysis else article.language,
        "format": article.format,
        "author": article.author,
        "chars": len(article.text),
        "sentences": [list(s) for s in analysis.sentences] if analysis else None,
        "extra": article.extra or None,
    }
    existing = None
    if article.url:
        existing = conn.execute(
            select(t.articles.c.id, t.articles.c.revision).where(t.articles.c.url == article.url)
        ).first()
    if existing is not None:
        if lookups is not None:
            lookups.flush(conn)  # the old version's rows may still be waiting: they are deleted below
        revision = existing.revision + 1
        conn.execute(update(t.articles).where(t.articles.c.id == existing.id).values(revision=revision, **values))
        article_id = existing.id
        status = "revised"
        from dossier.store.contradiction_cache import invalidate_article

        invalidate_article(conn, article_id)  # its story's kept contradictions were about the old events
        entity_counts.remove_articles(conn, [article_id])  # the old mentions go, and their counts with them
        for table in (t.mentions, t.times, t.events, t.quotes):
            conn.execute(delete(table).where(table.c.article_id == article_id))
    else:
        revision = 1
        article_id = conn.execute(
            insert(t.articles).values(url=article.url, ingested_at=stamp, revision=1, **values)
        ).inserted_primary_key[0]
        status = "new"
    hash_row = {"hash": digest, "article_id": article_id}
    revision_row = {
        "article_id": article_id,
        "revision": revision,
        "hash": digest,
        "title": article.title,
        "text": article.text,
        "ingested_at": stamp,
    }
    if lookups is not None and lookups.deferring:
        lookups.defer("article_hashes", [hash_row])
        lookups.defer("article_revisions", [revision_row])
    else:
        conn.execute(insert(t.article_hashes).values(**hash_row))
        conn.execute(insert(t.article_revisions).values(**revision_row))
    _add_origin(conn, article_id, article, new_article=status == "new", lookups=lookups)
    if lookups is not None:
        lookups.known[digest] = article_id
    if analysis is not None:
        save_analysis(
            conn,
            article_id,
            analysis,
            replay=lookups is None or lookups.corrections,
            defer=lookups if lookups is not None and lookups.deferring else None,
            published=values["published"],
        )
    return SaveResult(status, article_id, True)


# -- extraction records ------------------------------------------------------------


def _entity_keys(entity: Entity) -> list[str]:
    from dossier.resolve.entities import entity_keys

    return entity_keys(entity)


def _is_weak(key: str) -> bool:
    from dossier.resolve.entities import WEAK_PREFIXES

    return key.startswith(WEAK_PREFIXES)


def link_entity(conn: Connection, entity: Entity) -> int:
    """The id of the stored canonical entity for ``entity`` (see :func:`link_entities`)."""
    return link_entities(conn, [entity])[0]


def link_entities(conn: Connection, entities: Sequence[Entity], *, next_ids: dict[str, int] | None = None) -> list[int]:
    """The ids of the stored canonical entities for ``entities``, creating or enriching them.

    Keys come strongest first from :func:`dossier.resolve.entities.entity_keys`.
    A strong key names one entity.  A weak key (a bare surname) links only
    when exactly one stored entity carries it, which is how "Lukashenko" joins
    the one person known by that name but never picks one of two namesakes.
    All keys of an article are looked up in one query and new keys written in
    one statement: linking costs a few queries per article, not per entity.
    ``next_ids``: see :func:`dossier.store.sqlutil.insert_ids`.
    """
    from dossier.resolve.entities import bare_rival, paired_key

    keyed = [(entity, _entity_keys(entity)) for entity in entities]
    owners: dict[str, set[int]] = defaultdict(set)
    wanted = sorted({x for _e, keys in keyed for k in keys for x in (k, paired_key(k), bare_rival(k)) if x})
    for i in range(0, len(wanted), 500):
        for key, entity_id in conn.execute(_KEY_OWNERS, {"keys": wanted[i : i + 500]}):
            owners[key].add(entity_id)
    # The stored entities these keys name, read once: enriching them needs their names and aliases.
    known: dict[int, dict[str, Any]] = {}
    owner_ids = sorted({i for found in owners.values() for i in found})
    for i in range(0, len(owner_ids), 500):
        for row in conn.execute(_ENTITY_ROWS, {"ids": owner_ids[i : i + 500]}):
            known[row.id] = dict(row._mapping)
    ids: list[int] = []
    new_keys: list[dict[str, Any]] = []
    # New entities are inserted together at the end; until then each has a stand-in id above every
    # stored one, in creation order, so ``min()`` over candidate ids picks what it would pick anyway.
    pending: list[dict[str, Any]] = []
    renamed: set[int] = set()  # stored entities whose name or aliases changed: their entity_names rows
    for entity, keys in keyed:
        strong = [k for k in keys if not _is_weak(k)]
        weak = [k for k in keys if _is_weak(k)]
        entity_id = next((min(owners[k]) for k in strong if owners.get(k)), None)
        if entity_id is None:
            full = _has_full_identity(entity, strong)
            for k in weak:  # in order: the same name of another kind, an acronym, a bare surname
                if full and k.startswith("person-surname:"):
                    # "Malcolm Glazer" after articles that only said "Glazer": the one person stored
                    # by that surname alone is him, as "Glazer" after him would have joined him
                    found = owners.get(k, set())
                    if len(found) == 1 and _surname_only(known, next(iter(found))):
                        entity_id = next(iter(found))
                        break
                if full and not k.startswith("name:"):
                    continue  # a full name is its own evidence: never merged by surname or initials
                found = owners.get(paired_key(k), set())
                rival = bare_rival(k)
                if rival is not None and owners.get(rival, set()) - found:
                    continue  # "Ford" the firm beside a stored "Bill Ford": the word is also his surname
                if k.startswith("initials:") and len(found) == 1 and not _still_acronym(conn, known, next(iter(found))):
                    continue  # "GE" already joined "General Electric": "GMC Envoys" must not follow
                if len(found) == 1:
                    entity_id = next(iter(found))
                    break
        if entity_id is None:
            values = {
                "name": entity.name,
                "kind": entity.kind,
                "wikidata": entity.wikidata,
                "wikidata_confidence": 1.0 if entity.wikidata else None,
                "wikidata_source": "gazetteer" if entity.wikidata else None,
                "aliases": sorted(set(entity.aliases) | {entity.name}),
                "attrs": entity.attrs or None,
            }
            entity_id = _PENDING + len(pending)
            known[entity_id] = {"id": entity_id, **values}
            pending.append(known[entity_id])
        elif _enrich(conn, known, entity_id, entity, strong_match=bool(strong)) and entity_id < _PENDING:
            renamed.add(entity_id)
            timeline_cache.touched_all(conn)  # a stored entity renamed: events that name it read otherwise
        for k in keys:
            if entity_id in owners[k] or (not _is_weak(k) and owners[k]):
                continue  # a strong key already names an entity; a weak one may name several
            owners[k].add(entity_id)
            new_keys.append({"key": k, "entity_id": entity_id})
        ids.append(entity_id)
    if pending:
        stored = insert_ids(
            conn, t.entities, [{k: v for k, v in row.items() if k != "id"} for row in pending], next_ids=next_ids
        )
        real = {row["id"]: eid for row, eid in zip(pending, stored, strict=True)}
        ids = [real.get(i, i) for i in ids]
        for row in new_keys:
            row["entity_id"] = real.get(row["entity_id"], row["entity_id"])
        renamed.update(stored)
    if new_keys:
        insert_rows(conn, t.entity_keys, new_keys)
    if renamed:
        # Their names and aliases as just written (``known`` is kept current), not read back.
        written = {eid: (known[eid]["name"], known[eid]["aliases"]) for eid in renamed if eid in known}
        if pending:
            written.update({real[row["id"]]: (row["name"], row["aliases"]) for row in pending})
        entity_names.refresh(conn, renamed, written)
    # Kept timelines that looked up one of these names or keys for a source would now find an entity.
    timeline_cache.gave_names(
        conn, (n for row in pending for n in (row["name"], *row["aliases"])), (k["key"] for k in new_keys)
    )
    return ids


# Built once: every stored article links its entities.
_KEY_OWNERS = select(t.entity_keys.c.key, t.entity_keys.c.entity_id).where(
    t.entity_keys.c.key.in_(bindparam("keys", expanding=True))
)
_ENTITY_ROWS = select(t.entities).where(t.entities.c.id.in_(bindparam("ids", expanding=True)))

#: Stand-in ids of entities :func:`link_entities` is about to insert (above any real id).
_PENDING = 1 << 62


def _still_acronym(conn: Connection, known: dict[int, dict[str, Any]], entity_id: int) -> bool:
    """Whether a stored entity is still known only by an acronym (not yet joined to a long form)."""
    row = known.get(entity_id)  # kept current by _enrich
    if row is not None:
        name = row["name"]
    else:
        name = conn.execute(select(t.entities.c.name).where(t.entities.c.id == entity_id)).scalar_one()
    return bool(re.fullmatch(r"(?:[A-ZА-ЯЁ]\.?){2,6}", name))


def _surname_only(known: dict[int, dict[str, Any]], entity_id: int) -> bool:
    """Whether a stored entity is a person known only by a one-word surname (no full name joined it yet)."""
    row = known.get(entity_id)
    return (
        row is not None
        and row["kind"] == "person"
        and " " not in row["name"].strip()
        and not (row.get("attrs") or {}).get("given")
    )


def _has_full_identity(entity: Entity, strong: list[str]) -> bool:
    """A person with a full name (a strong person key) is its own evidence: never merged by surname alone."""
    return entity.kind == "person" and any(k.startswith("person:") for k in strong)


def _enrich(
    conn: Connection, known: dict[int, dict[str, Any]], entity_id: int, entity: Entity, *, strong_match: bool
) -> bool:
    """Add what ``entity`` knows to the stored entity (``known[entity_id]``, kept current).

    Returns whether its name or aliases changed (their ``entity_names`` rows then need rewriting).
    """
    row = known.get(entity_id)
    if row is None:
        row = known[entity_id] = dict(
            conn.execute(select(t.entities).where(t.entities.c.id == entity_id)).one()._mapping
        )
    aliases = set(row["aliases"] or []) | set(entity.aliases) | {entity.name}
    changes: dict[str, Any] = {}
    if sorted(aliases) != sorted(row["aliases"] or []):
        changes["aliases"] = sorted(aliases)
    if (
        entity.wikidata
        and (not row["wikidata"] or row.get("wikidata_source") == "kb")
        and not (row.get("corrected") or {}).get("wikidata")  # an analyst's id is never replaced
    ):
        # A curated gazetteer id wins over one `dossier kb load` found.
        changes.update(wikidata=entity.wikidata, wikidata_confidence=1.0, wikidata_source="gazetteer")
    # A fuller name is a better canonical name ("Lukashenko" -> "Alexander Lukashenko"), but a
    # Latin-script name is kept over a Cyrillic one so that English listings stay readable.
    name = row["name"]
    latin_over_cyrillic = entity.name.isascii() and not name.isascii()
    fuller = strong_match and len(entity.name) > len(name) and entity.name.isascii() == name.isascii()
    # "GM" stored first, "General Motors" now: the expansion is the better name
    from dossier.resolve.entities import initials

    fuller = fuller or (name.replace(".", "").isupper() and initials(entity.name) == name.replace(".", ""))
    # A name an analyst set, or kept when merging, is never replaced by the machine.
    corrected = row.get("corrected") or {}
    if (latin_over_cyrillic or fuller) and not (corrected.get("name") or corrected.get("merged")):
        changes["name"] = entity.name
    attrs = dict(row.get("attrs") or {})
    if entity.attrs.get("company") and not attrs.get("company"):
        # written as a company in this article ("oil firm Yukos"): settle_kinds makes it an org
        attrs["company"] = True
    if row["kind"] == "person" and not attrs.get("given") and entity.kind == "person" and entity.attrs.get("given"):
        # a surname-only person joined by the full name: it is that person now
        attrs = {k: v for k, v in attrs.items() if k != "surname_only"} | dict(entity.attrs)
    if attrs != (row.get("attrs") or {}):
        changes["attrs"] = attrs
    if changes:
        if entity_id < _PENDING:  # an entity still pending is inserted with its row, changes included
            conn.execute(update(t.entities).where(t.entities.c.id == entity_id).values(**changes))
        row.update(changes)
    return "name" in changes or "aliases" in changes


def settle_kinds(conn: Connection, new_kinds: Mapping[int, Mapping[str, int]]) -> None:
    """One entity, one kind: the kind most of its mentions across the store have.

    Why: taggers type a name span by span, so one club is a person in one
    article and an org in another; once the keys have put those mentions on
    one entity, the majority decides its kind (an org wins a tie, being the
    usual confusion of names of companies and clubs with people and
    places), and the outlying mentions are re-typed to match.  An entity
    some article wrote as a company (``attrs.company``, see
    ``analyze.mention_review._company_contexts``) is an org whatever the vote.

    ``new_kinds`` maps each entity to the kinds of the mentions just written.
    Since every earlier write left all of an entity's mentions with its kind,
    only an entity whose new mentions disagree can change, and its vote needs
    the counts of the disagreeing kinds (few) and whether its own kind still
    outnumbers them, which a count that stops there answers: the cost follows
    the new mentions, not how often the entity was named before.
    """
    for chunk in chunks(sorted(new_kinds), 500):
        e = t.entities.c
        stored = {
            r.id: (r.kind, bool((r.corrected or {}).get("kind")), bool((r.attrs or {}).get("company")))
            for r in conn.execute(select(e.id, e.kind, e.corrected, e.attrs).where(e.id.in_(chunk)))
        }
        for eid in chunk:
            if eid not in stored:
                continue
            kind, set_by_person, company = stored[eid]
            others = {k for k in new_kinds[eid] if k != kind}
            if not others:
                continue  # the new mentions agree with the entity: the majority cannot move
            # A kind an analyst set (`dossier edit entity --kind`) outvotes every mention; an article
            # that wrote the name as a company ("oil firm Yukos") outvotes taggers' span-by-span guesses.
            if set_by_person:
                best = kind
            elif company:
                best = "org"
            else:
                best = _majority_kind(conn, eid, kind, others)
            if best != kind:
                conn.execute(update(t.entities).where(t.entities.c.id == eid).values(kind=best))
                timeline_cache.touched_all(conn)  # its timeline says its kind (and equipment has a status)
            conn.execute(
                update(t.mentions)
                .where(t.mentions.c.entity_id == eid, t.mentions.c.kind.in_(sorted(({kind} | others) - {best})))
                .values(kind=best)
            )


def _majority_kind(conn: Connection, entity_id: int, kind: str, others: set[str]) -> str:
    """The kind most mentions of ``entity_id`` have, among its stored ``kind`` and ``others``.

    The other kinds are counted exactly (they are the few outliers); the entity's own kind is
    counted only up to one more than the largest of them, enough to know it still wins.
    """
    m = t.mentions.c
    by_kind: dict[str, int] = {
        k: int(n)
        for k, n in conn.execute(
            select(m.kind, func.count()).where(m.entity_id == entity_id, m.kind.in_(sorted(others))).group_by(m.kind)
        )
    }
    enough = max(by_kind.values(), default=0) + 1
    capped = select(m.id).where(m.entity_id == entity_id, m.kind == kind).limit(enough).subquery()
    by_kind[kind] = int(conn.execute(select(func.count()).select_from(capped)).scalar_one())
    return max(by_kind, key=lambda k: (by_kind[k], k == "org", k == kind))


#: ``save_analysis``'s default: the article's publication time is read from its row.
_READ_PUBLISHED = object()


def save_analysis(
    conn: Connection,
    article_id: int,
    analysis: DocAnalysis,
    *,
    replay: bool = True,
    defer: BatchLookups | None = None,
    published: str | object | None = _READ_PUBLISHED,
) -> None:
    """Write every extraction record of one article, linking entities to canonical ones.

    ``replay=False``: the caller knows the store holds no correction at all, so there is none to replay.
    ``defer``: the batch's lookups, which hold the time expressions and the entities' mention counts
    (read by nothing else while the batch is written) until the batch flushes them.
    ``published``: the article's stored publication time, copied onto its mentions (read from the
    article row when the caller does not pass it).
    """
    from dossier.analyze.timex.intervals import order_text

    by_name: dict[tuple[str, str], int] = {}
    by_local_id: dict[str, int] = {}
    next_ids = defer.next_ids if defer is not None else None
    for entity, eid in zip(analysis.entities, link_entities(conn, analysis.entities, next_ids=next_ids), strict=True):
        by_name[(entity.kind, entity.name)] = eid
        if entity.id:
            by_local_id[entity.id] = eid
    mention_rows = []
    for m in analysis.mentions:
        eid = by_name.get((m.kind, m.entity))
        if eid is None:
            eid = link_entities(conn, [Entity(name=m.entity, kind=m.kind, aliases=(m.text,))], next_ids=next_ids)[0]
            by_name[(m.kind, m.entity)] = eid
        mention_rows.append(
            {
                "article_id": article_id,
                "entity_id": eid,
                "text": m.text,
                "kind": m.kind,
                "start": m.start,
                "end": m.end,
                "sentence": m.sentence,
                "role": m.role,
            }
        )
    if mention_rows:
        if published is _READ_PUBLISHED:
            published = conn.execute(select(t.articles.c.published).where(t.articles.c.id == article_id)).scalar()
        for row in mention_rows:
            row["published"] = published
        insert_rows(conn, t.mentions, mention_rows)
        if defer is not None:
            defer.defer_counts(mention_rows)
        else:
            entity_counts.add_rows(conn, mention_rows)
        new_kinds: dict[int, Counter[str]] = defaultdict(Counter)
        for r in mention_rows:
            new_kinds[r["entity_id"]][r["kind"]] += 1
        settle_kinds(conn, new_kinds)
    if analysis.times:
        time_rows = [
            {
                "article_id": article_id,
                "text": x.text,
                "start": x.start,
                "end": x.end,
                "timex_type": x.timex_type,
                "value": x.value,
                "anchor": x.anchor,
                "granularity": x.granularity,
                "sentence": x.sentence,
            }
            for x in analysis.times
        ]
        if defer is not None:
            defer.defer("times", time_rows)
        else:
            insert_rows(conn, t.times, time_rows)
    quote_ids = insert_ids(
        conn,
        t.quotes,
        [
            {
                "article_id": article_id,
                "speaker": q.speaker,
                "speaker_entity_id": by_local_id.get(q.speaker_id or "") if q.speaker_id else None,
                "text": q.text,
                "direct": q.direct,
                "cue": q.cue,
                "date": q.date,
                "via": q.via,
                "sentence": q.sentence,
                "start": q.start,
                "end": q.end,
            }
            for q in analysis.quotes
        ],
        next_ids=next_ids,
    )
    names_to_id = {name: eid for (_kind, name), eid in by_name.items()}
    event_rows = [
        {
            "article_id": article_id,
            "kind": ev.kind,
            "trigger": ev.trigger,
            "date": ev.date,
            "date_order": order_text(ev.date),
            "date_text": ev.date_text,
            "reported": ev.reported,
            "actors": list(ev.actors),
            "targets": list(ev.targets),
            "equipment": list(ev.equipment),
            "place": ev.place,
            "modality": ev.modality,
            "attributed_to": ev.attributed_to,
            "quote_id": quote_ids[ev.quote_index]
            if ev.quote_index is not None and ev.quote_index < len(quote_ids)
            else None,
            "sentence": ev.sentence,
            "start": ev.start,
            "end": ev.end,
        }
        for ev in analysis.events
    ]
    event_ids = insert_ids(conn, t.events, event_rows, next_ids=next_ids)
    if defer is not None:  # no correction to replay: the rows stay as written, for the cross-article pass
        defer.events[article_id] = [{**row, "id": eid} for row, eid in zip(event_rows, event_ids, strict=True)]
    link_rows: list[dict[str, Any]] = []
    for event_id, ev in zip(event_ids, analysis.events, strict=True):
        links = set()
        for role, names in (
            ("actor", ev.actors),
            ("target", ev.targets),
            ("equipment", ev.equipment),
            ("place", (ev.place,) if ev.place else ()),
        ):
            for name in names:
                eid = names_to_id.get(name)
                if eid is not None:
                    links.add((eid, role))
        link_rows.extend({"event_id": event_id, "entity_id": eid, "role": role} for eid, role in sorted(links))
    if link_rows:
        insert_rows(conn, t.event_entities, link_rows)
    # Analysts' corrections of this article's records outlive its re-analysis (issue #16).
    if replay:
        from dossier.corrections.extractions import reapply

        reapply(conn, [article_id])


def record_rejection(conn: Connection, source: str, reason: str) -> None:
    conn.execute(insert(t.rejections).values(source=source, reason=reason, seen_at=now_iso()))
