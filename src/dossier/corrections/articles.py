"""Article corrections: edit metadata, delete with everything derived, and ``ingest --update``.

Metadata matters downstream: the publication date anchors relative dates ("yesterday") and orders
timelines and copy chains; the outlet decides which reports are independent.  So an edit updates
what was derived from the old value (events' report dates, the copy index's dates and outlets, the
story's time span) and, for the date and the language, offers to re-analyse the article so that its
relative dates are anchored anew.

Deleting an article removes its extraction records and its place in copy groups, stories and event
clusters (corroboration counts and contradictions are computed from those when read).  Its content
hashes are remembered, so ingesting the same file again says it was deleted instead of storing it
back; ``dossier undo`` forgets them, after which an ingest stores it again.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from dossier.corrections import log
from dossier.errors import NotFound, UsageError
from dossier.store import entity_counts
from dossier.store import schema as t
from dossier.store.sqlutil import parse_utc, utc_iso

FIELDS = ("published", "outlet", "title", "language", "url")
_LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")


def shown_published(row: Any) -> str | None:
    """The publication time as the source gave it: the stored UTC time at the source's own offset."""
    from dossier.store.queries import local_published

    return local_published(row.published, getattr(row, "published_offset", None))


def _same_time(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a == b
    try:
        x, y = datetime.fromisoformat(a), datetime.fromisoformat(b)
    except ValueError:
        return a == b
    if (x.tzinfo is None) != (y.tzinfo is None):
        return x.replace(tzinfo=None) == y.replace(tzinfo=None)
    return x == y


def current(row: Any, field: str) -> Any:
    """A metadata field as the log records it (the publication time at its own offset)."""
    return shown_published(row) if field == "published" else getattr(row, field)


def get_article(conn: Connection, article_id: int) -> Any:
    row = conn.execute(select(t.articles).where(t.articles.c.id == article_id)).first()
    if row is None:
        raise NotFound(f"no article with id {article_id}", hint="list articles with `dossier articles`")
    return row


def normalise(field: str, value: Any) -> Any:
    """Check one metadata value and give it the form the store keeps; errors say what is expected."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    text = str(value).strip()
    if field == "published":
        try:
            return datetime.fromisoformat(text).isoformat()
        except ValueError:
            raise UsageError(
                f"invalid --published date {text!r}", hint="use ISO 8601, e.g. 2025-09-27 or 2025-09-27T10:00+03:00"
            ) from None
    if field == "language":
        if not _LANG.match(text):
            raise UsageError(f"invalid language code {text!r}", hint="an ISO 639 code such as en or ru")
        return text
    if field == "url" and text and not re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        raise UsageError(f"invalid URL {text!r}", hint="give an absolute URL such as https://example.org/a")
    if field == "title" and not text:
        raise UsageError("a title cannot be empty")
    return text or None


def edit_article(
    conn: Connection, article_id: int, *, user: str, action: str = "edit", **values: Any
) -> list[dict[str, Any]]:
    """Set metadata fields of an article; returns one log entry per changed field."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise UsageError(f"cannot edit {', '.join(sorted(unknown))}", hint=f"fields: {', '.join(FIELDS)}")
    row = get_article(conn, article_id)
    changes = {f: normalise(f, v) for f, v in values.items() if v is not None}
    changes = {
        f: v
        for f, v in changes.items()
        if not (_same_time(v, shown_published(row)) if f == "published" else v == getattr(row, f))
    }
    if not changes:
        return []
    if "url" in changes:
        other = conn.execute(
            select(t.articles.c.id).where(t.articles.c.url == changes["url"], t.articles.c.id != article_id)
        ).scalar()
        if other is not None:
            raise UsageError(f"article {other} already has the URL {changes['url']}", hint="URLs name one article")
    entries = []
    corrected = row.corrected
    for field, value in changes.items():
        entry = log.record(
            conn,
            user=user,
            action=action,
            target_type="article",
            target_id=article_id,
            article_id=article_id,
            field=field,
            old=current(row, field),
            new=value,
        )
        entries.append(entry)
        corrected = log.mark(corrected, field, machine=current(row, field), user=user, entry=entry["entry"])
    set_metadata(conn, article_id, changes, corrected=corrected)
    return entries


def set_metadata(conn: Connection, article_id: int, changes: dict[str, Any], *, corrected: Any) -> None:
    """Write metadata and what was derived from it (report dates, copy index, story spans)."""
    values = dict(changes)
    if "published" in changes:
        # Stored as the ingest stores it: UTC, with the source's offset beside it.
        moment = datetime.fromisoformat(changes["published"]) if changes["published"] else None
        values["published"] = _utc(changes["published"]) if moment and moment.tzinfo else changes["published"]
        values["published_offset"] = (
            None
            if moment is None or moment.utcoffset() is None
            else int(
                moment.utcoffset().total_seconds() // 60  # type: ignore[union-attr]
            )
        )
        values["published_source"] = "analyst" if (corrected or {}).get("published") else None
    conn.execute(update(t.articles).where(t.articles.c.id == article_id).values(**values, corrected=corrected or None))
    if "published" in changes:
        conn.execute(update(t.events).where(t.events.c.article_id == article_id).values(reported=changes["published"]))
        # The entity pages order mentions by the copy of this time they carry (schema: mentions.published).
        conn.execute(
            update(t.mentions).where(t.mentions.c.article_id == article_id).values(published=values["published"])
        )
        conn.execute(
            update(t.copy_items)
            .where(t.copy_items.c.article_id == article_id)
            .values(published=_utc(changes["published"]))
        )
        _refresh_group_original(conn, article_id)
        _refresh_story_span(conn, article_id)
    if "outlet" in changes:
        from dossier.resolve.outlets import normalise_outlet

        conn.execute(
            update(t.copy_items)
            .where(t.copy_items.c.article_id == article_id)
            .values(outlet=normalise_outlet(changes["outlet"]) if changes["outlet"] else None)
        )


def _utc(value: str | None) -> str | None:
    """A stored ISO time as UTC text (a time without a zone is taken as UTC), as the copy index keeps it."""
    return utc_iso(parse_utc(value))


def _refresh_group_original(conn: Connection, article_id: int) -> None:
    """The earliest published member of the article's copy group is its original."""
    ci = t.copy_items.c
    group = conn.execute(select(ci.group_id).where(ci.article_id == article_id)).scalar()
    if group is None:
        return
    members = conn.execute(select(ci.article_id, ci.published, ci.seq).where(ci.group_id == group)).all()
    if not members:
        return
    first = min(members, key=lambda m: (m.published is None, m.published or "", m.seq))
    conn.execute(update(t.copy_groups).where(t.copy_groups.c.group_id == group).values(original_id=first.article_id))


def _refresh_story_span(conn: Connection, article_id: int) -> None:
    sm = t.story_members.c
    story = conn.execute(select(sm.story_id).where(sm.article_id == article_id)).scalar()
    if story is not None:
        _story_counts(conn, story)


def _story_counts(conn: Connection, story_id: int) -> None:
    sm = t.story_members.c
    span = conn.execute(
        select(func.count(), func.min(t.articles.c.published), func.max(t.articles.c.published))
        .select_from(t.story_members)
        .join(t.articles, t.articles.c.id == sm.article_id)
        .where(sm.story_id == story_id)
    ).one()
    if span[0] == 0:
        conn.execute(delete(t.stories).where(t.stories.c.id == story_id))
        return
    conn.execute(
        update(t.stories)
        .where(t.stories.c.id == story_id)
        .values(n_articles=span[0], first_published=_utc(span[1]), last_published=_utc(span[2]))
    )


def update_article_metadata(conn: Connection, article_id: int, incoming: Any, *, user: str) -> list[dict[str, Any]]:
    """``ingest --update``: the metadata an incoming copy carries replaces the stored one where it differs."""
    values = {
        "published": incoming.published.isoformat() if incoming.published else None,
        "outlet": incoming.outlet,
        "title": incoming.title or None,
        "language": incoming.language,
        "url": incoming.url,
    }
    return edit_article(conn, article_id, user=user, action="update", **values)


def metadata_differences(conn: Connection, article_id: int, incoming: Any) -> list[str]:
    """Which given fields of an incoming copy differ from the stored article (for a helpful warning)."""
    row = get_article(conn, article_id)
    out = []
    if incoming.published and not _same_time(normalise("published", incoming.published), shown_published(row)):
        out.append(f"published {shown_published(row)} -> {incoming.published.isoformat()}")
    if incoming.outlet and incoming.outlet != row.outlet:
        out.append(f"outlet {row.outlet} -> {incoming.outlet}")
    return out


# -- delete ---------------------------------------------------------------------------------------


def delete_article(conn: Connection, article_id: int, *, user: str, note: str | None = None) -> dict[str, Any]:
    """Delete an article with everything derived from it, remembering its content so it is not stored back."""
    from dossier.corrections.extractions import uncluster
    from dossier.store.copy_store import SqlCopyStore

    row = get_article(conn, article_id)
    hashes = [
        r.hash for r in conn.execute(select(t.article_hashes.c.hash).where(t.article_hashes.c.article_id == article_id))
    ]
    origins = [r.origin for r in conn.execute(select(t.origins.c.origin).where(t.origins.c.article_id == article_id))]
    story = conn.execute(select(t.story_members.c.story_id).where(t.story_members.c.article_id == article_id)).scalar()
    old = {
        "title": row.title,
        "url": row.url,
        "outlet": row.outlet,
        "published": row.published,
        "language": row.language,
        "hashes": hashes,
        "origins": origins,
        "story": story,
    }
    entry = log.record(
        conn,
        user=user,
        action="delete",
        target_type="article",
        target_id=article_id,
        article_id=article_id,
        old=old,
        new=None,
        note=note,
    )
    SqlCopyStore(conn).remove(str(article_id))
    event_ids = [r.id for r in conn.execute(select(t.events.c.id).where(t.events.c.article_id == article_id))]
    uncluster(conn, event_ids)
    dc = t.deleted_content.c
    known = {r.hash for r in conn.execute(select(dc.hash).where(dc.hash.in_(hashes)))} if hashes else set()
    fresh = [{"hash": h, "correction_id": entry["entry"]} for h in hashes if h not in known]
    if fresh:
        conn.execute(insert(t.deleted_content), fresh)
    entity_counts.remove_articles(conn, [article_id])  # its mentions go with it (ON DELETE CASCADE)
    conn.execute(delete(t.articles).where(t.articles.c.id == article_id))
    if story is not None:
        _story_counts(conn, story)
    return entry


def undelete(conn: Connection, entry: dict[str, Any]) -> None:
    """Undo a delete: forget the deleted content, so that ingesting it again stores it again."""
    conn.execute(delete(t.deleted_content).where(t.deleted_content.c.correction_id == entry["entry"]))


def deleted_by(conn: Connection, content_hash: str) -> int | None:
    """The log entry that deleted this content, or None (one indexed look-up)."""
    return conn.execute(
        select(t.deleted_content.c.correction_id).where(t.deleted_content.c.hash == content_hash)
    ).scalar()
