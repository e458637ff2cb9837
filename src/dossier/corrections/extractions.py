"""Reviewing extraction records: reject, confirm, edit an event or a quote, and replay after re-analysis.

A rejected record stays in the store (so that the log can show it and undo can bring it back) but
leaves every listing, timeline and cross-article cluster: corroboration counts and contradictions are
computed from clusters when read, so they follow at once.  A rejected time expression also stops
dating the events of its sentence that took their date from it.  An edited event kind or date moves
the event to the cluster that fits its new values.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, and_, delete, exists, or_, select, update

from dossier.corrections import log
from dossier.corrections.keys import LISTINGS, TABLES, record_key
from dossier.errors import NotFound, UsageError
from dossier.store import entity_counts
from dossier.store import schema as t
from dossier.store.filters import lexicon_event_kinds

VERDICTS = ("rejected", "confirmed")
_ACTION = {"rejected": "reject", "confirmed": "confirm"}

_DATE = re.compile(
    r"^(?:(?:\d{4}|XXXX)(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?|\d{4}-W(?:0[1-9]|[1-4]\d|5[0-3])|\d{4}-Q[1-4])$"
)


def with_order(values: dict[str, Any]) -> dict[str, Any]:
    """Column values for an event update: a new ``date`` brings its ``date_order`` (the sort key)."""
    if "date" in values:
        from dossier.analyze.timex.intervals import order_text

        values = {**values, "date_order": order_text(values["date"])}
    return values


def check_type(target_type: str) -> None:
    if target_type not in TABLES:
        raise UsageError(f"cannot review a {target_type!r}", hint=f"choose one of: {', '.join(TABLES)}")


def get_row(conn: Connection, target_type: str, record_id: int) -> Any:
    check_type(target_type)
    table = TABLES[target_type]
    row = conn.execute(select(table).where(table.c.id == record_id)).first()
    if row is None:
        raise NotFound(f"no {target_type} with id {record_id}", hint=f"list them with `{LISTINGS[target_type]}`")
    return row


# -- cross-article clusters ----------------------------------------------------------------------


def uncluster(conn: Connection, event_ids: Sequence[int]) -> None:
    """Take events out of their cross-article clusters; drop clusters left empty."""
    if not event_ids:
        return
    m = t.event_mentions.c
    clusters = {r.cluster_id for r in conn.execute(select(m.cluster_id).where(m.event_id.in_(list(event_ids))))}
    from dossier.store.contradiction_cache import invalidate_clusters

    invalidate_clusters(conn, clusters)  # contradictions kept for their stories no longer hold
    conn.execute(delete(t.event_mentions).where(m.event_id.in_(list(event_ids))))
    if clusters:
        still = exists().where(m.cluster_id == t.event_clusters.c.id)
        conn.execute(delete(t.event_clusters).where(t.event_clusters.c.id.in_(clusters), ~still))


def recluster(conn: Connection, article_id: int) -> None:
    """Put the article's events that are in no cluster (and not rejected) into the clusters that fit."""
    from dossier.resolve.eventcoref import EventCorefIndex
    from dossier.store.event_store import SqlEventStore, unclustered_events
    from dossier.store.sqlutil import parse_utc
    from dossier.store.story_store import SqlStoryStore

    story = SqlStoryStore(conn).story_of(str(article_id))
    if story is None:  # the article was never resolved (stored with resolve=False): nothing to join
        return
    events = unclustered_events(conn, article_id)
    if not events:
        return
    art = conn.execute(
        select(t.articles.c.text, t.articles.c.sentences, t.articles.c.published).where(t.articles.c.id == article_id)
    ).one()
    sentences = [art.text[s:e] for s, e in (art.sentences or [])]
    clusters = SqlEventStore(conn)
    EventCorefIndex(clusters).add(str(article_id), events, story, parse_utc(art.published), sentences)
    clusters.flush()  # the store batches its writes


# -- review: reject / confirm --------------------------------------------------------------------


def review(
    conn: Connection, target_type: str, record_id: int, verdict: str, *, user: str, note: str | None = None
) -> dict[str, Any]:
    """Reject or confirm one event, quote or time expression; returns the log entry."""
    if verdict not in VERDICTS:
        raise UsageError(f"unknown verdict {verdict!r}", hint="rejected or confirmed")
    row = get_row(conn, target_type, record_id)
    if row.review == verdict:
        raise UsageError(f"{target_type} {record_id} is already {verdict}", hint="see `dossier log`")
    entry = log.record(
        conn,
        user=user,
        action=_ACTION[verdict],
        target_type=target_type,
        target_id=record_id,
        target_key=record_key(target_type, row),
        article_id=row.article_id,
        field="review",
        old=row.review,
        new=verdict,
        note=note,
    )
    set_review(conn, target_type, row, verdict, user=user, entry=entry["entry"])
    return entry


def set_review(conn: Connection, target_type: str, row: Any, verdict: str | None, *, user: str, entry: int) -> None:
    """Write a verdict (None: back to the machine's) with its side effects on clusters and dates."""
    table = TABLES[target_type]
    conn.execute(update(table).where(table.c.id == row.id).values(review=verdict))
    if target_type == "event":
        if verdict == "rejected":
            uncluster(conn, [row.id])
        elif row.review == "rejected":
            recluster(conn, row.article_id)
    elif target_type == "time":
        if verdict == "rejected":
            _undate_events(conn, row, user=user, entry=entry)
        elif row.review == "rejected":
            _redate_events(conn, row)
    elif target_type == "quote" and verdict == "rejected":
        # A rejected quote no longer attributes the events told under it.
        conn.execute(update(t.events).where(t.events.c.quote_id == row.id).values(quote_id=None))


def _undate_events(conn: Connection, time_row: Any, *, user: str, entry: int) -> None:
    e = t.events.c
    rows = conn.execute(
        select(e.id, e.date, e.corrected).where(
            e.article_id == time_row.article_id, e.sentence == time_row.sentence, e.date == time_row.value
        )
    ).all()
    for r in rows:
        if (r.corrected or {}).get("date", {}).get("by"):  # a person dated it: their word stands
            continue
        corrected = dict(r.corrected or {})
        corrected["date"] = {"machine": r.date, "by": user, "entry": entry, "time": record_key("time", time_row)}
        conn.execute(update(t.events).where(e.id == r.id).values(date=None, date_order=None, corrected=corrected))
    uncluster(conn, [r.id for r in rows])
    recluster(conn, time_row.article_id)


def _redate_events(conn: Connection, time_row: Any) -> None:
    e = t.events.c
    key = record_key("time", time_row)
    rows = conn.execute(
        select(e.id, e.corrected).where(e.article_id == time_row.article_id, e.sentence == time_row.sentence)
    ).all()
    moved = []
    for r in rows:
        mark = (r.corrected or {}).get("date")
        if mark and mark.get("time") == key:
            corrected = {k: v for k, v in (r.corrected or {}).items() if k != "date"}
            conn.execute(
                update(t.events)
                .where(e.id == r.id)
                .values(**with_order({"date": mark["machine"]}), corrected=corrected or None)
            )
            moved.append(r.id)
    uncluster(conn, moved)
    recluster(conn, time_row.article_id)


# -- edits ---------------------------------------------------------------------------------------


def _check_event_value(field: str, value: str | None) -> str | None:
    if field == "kind":
        kind = (value or "").strip().upper()
        kinds = lexicon_event_kinds()  # the kinds the extractor can emit, read from its lexicons
        if kind not in kinds:
            raise UsageError(f"unknown event kind {value!r}", hint=f"kinds: {', '.join(sorted(kinds))}")
        return kind
    if value is None or value.strip().lower() in ("", "none", "null", "undated"):
        return None
    value = value.strip()
    if not _DATE.match(value):
        raise UsageError(
            f"invalid event date {value!r}",
            hint="use a TIMEX3 date: 2025-12-17, 2025-12, 2025, 2025-W51, 2025-Q4, XXXX-12-17, or none",
        )
    return value


def edit_event(
    conn: Connection,
    event_id: int,
    *,
    user: str,
    kind: str | None = None,
    date: str | None = None,
    clear_date: bool = False,
    note: str | None = None,
) -> list[dict[str, Any]]:
    """Correct an event's kind and/or date; the timeline, clusters and contradictions follow."""
    row = get_row(conn, "event", event_id)
    changes: dict[str, Any] = {}
    if kind is not None:
        changes["kind"] = _check_event_value("kind", kind)
    if date is not None or clear_date:
        changes["date"] = None if clear_date else _check_event_value("date", date)
    if not changes:
        raise UsageError("nothing to change", hint="give --kind and/or --date")
    entries = []
    for field, value in changes.items():
        if getattr(row, field) == value:
            continue
        entries.append(_set_field(conn, "event", row, field, value, user=user, note=note, action="edit"))
        row = get_row(conn, "event", event_id)
    if not entries:
        raise UsageError(f"event {event_id} already has these values")
    uncluster(conn, [event_id])
    recluster(conn, row.article_id)
    return entries


def _set_field(
    conn: Connection, target_type: str, row: Any, field: str, value: Any, *, user: str, note: str | None, action: str
) -> dict[str, Any]:
    table = TABLES[target_type]
    entry = log.record(
        conn,
        user=user,
        action=action,
        target_type=target_type,
        target_id=row.id,
        target_key=record_key(target_type, row),
        article_id=row.article_id,
        field=field,
        old=getattr(row, field),
        new=value,
        note=note,
    )
    values: dict[str, Any] = {field: value}
    values["corrected"] = log.mark(row.corrected, field, machine=getattr(row, field), user=user, entry=entry["entry"])
    if target_type == "quote" and field == "speaker":
        values["speaker_entity_id"] = speaker_entity(conn, value)
    if target_type == "event":
        values = with_order(values)
    conn.execute(update(table).where(table.c.id == row.id).values(**values))
    return entry


def speaker_entity(conn: Connection, name: str | None) -> int | None:
    """The stored entity a speaker's name means (a person or organisation first), or None."""
    if not name:
        return None
    from dossier.store.knowledge import find_entity_ids

    ids = find_entity_ids(conn, name)
    if not ids:
        return None
    kinds = dict(conn.execute(select(t.entities.c.id, t.entities.c.kind).where(t.entities.c.id.in_(ids))).all())
    for wanted in ("person", "org"):
        for eid in ids:
            if kinds.get(eid) == wanted:
                return eid
    return ids[0]


def edit_quote(conn: Connection, quote_id: int, *, user: str, speaker: str, note: str | None = None) -> dict[str, Any]:
    """Correct who said a quote; the events told under it are attributed to the new speaker."""
    row = get_row(conn, "quote", quote_id)
    speaker = speaker.strip()
    if not speaker:
        raise UsageError("--speaker needs a name")
    if row.speaker == speaker:
        raise UsageError(f"quote {quote_id} already has speaker {speaker!r}")
    entry = _set_field(conn, "quote", row, "speaker", speaker, user=user, note=note, action="edit")
    conn.execute(update(t.events).where(t.events.c.quote_id == quote_id).values(attributed_to=speaker))
    return entry


# -- replay after re-analysis ----------------------------------------------------------------------


def reapply(conn: Connection, article_ids: Sequence[int]) -> int:
    """Replay the active corrections of freshly (re)written extraction records; returns how many applied.

    Called by the store right after an article's records are written (ingest of a revision,
    re-analysis).  One query when the articles have no corrections, which is the usual case.
    """
    ids = [int(a) for a in article_ids]
    if not ids:
        return 0
    c = t.corrections.c
    undone = select(c.undoes).where(c.undoes.is_not(None))
    # One query for both: the articles' own corrections, and every active split (replayed by mention text).
    found = conn.execute(
        select(t.corrections)
        .where(
            or_(and_(c.article_id.in_(ids), c.target_type.in_(list(TABLES))), c.action == "split"),
            c.action != "undo",
            c.id.not_in(undone),
        )
        .order_by(c.id)
    ).all()
    splits = [r for r in found if r.action == "split"]
    rows = [r for r in found if r.action != "split"]
    if splits:
        _replay_splits(conn, ids, splits)
    if not rows:
        return 0
    current: dict[tuple[str, str], Any] = {}
    for target_type, table in TABLES.items():
        for r in conn.execute(select(table).where(table.c.article_id.in_(ids))):
            current[(target_type, record_key(target_type, r))] = r
    applied = 0
    for corr in rows:
        row = current.get((corr.target_type, corr.target_key))
        if row is None:
            continue  # the text changed and the record is gone: the log keeps the correction
        table = TABLES[corr.target_type]
        if corr.field == "review":
            conn.execute(update(table).where(table.c.id == row.id).values(review=corr.new_value))
            if corr.target_type == "time" and corr.new_value == "rejected":
                _undate_events(conn, row, user=corr.user, entry=corr.id)
            if corr.target_type == "quote" and corr.new_value == "rejected":
                conn.execute(update(t.events).where(t.events.c.quote_id == row.id).values(quote_id=None))
        elif corr.action in ("edit",) and corr.field:
            values: dict[str, Any] = {
                corr.field: corr.new_value,
                "corrected": log.mark(
                    row.corrected, corr.field, machine=getattr(row, corr.field), user=corr.user, entry=corr.id
                ),
            }
            if corr.target_type == "quote" and corr.field == "speaker":
                values["speaker_entity_id"] = speaker_entity(conn, corr.new_value)
                conn.execute(update(t.events).where(t.events.c.quote_id == row.id).values(attributed_to=corr.new_value))
            if corr.target_type == "event":
                values = with_order(values)
            conn.execute(update(table).where(table.c.id == row.id).values(**values))
        current[(corr.target_type, corr.target_key)] = conn.execute(select(table).where(table.c.id == row.id)).one()
        applied += 1
    _follow_annotations(conn, ids, current)
    return applied


def _follow_annotations(conn: Connection, article_ids: list[int], current: dict[tuple[str, str], Any]) -> None:
    """Point notes and tags on extraction records at the records' new ids (read by the articles' key prefix)."""
    a = t.annotations.c
    prefixes = or_(*(a.target_key.like(f"{aid}/%") for aid in article_ids))
    rows = conn.execute(select(a.id, a.target_type, a.target_key).where(a.target_type.in_(list(TABLES)), prefixes))
    for r in rows:
        row = current.get((r.target_type, r.target_key))
        if row is not None:
            conn.execute(update(t.annotations).where(a.id == r.id).values(target_id=row.id))


def _replay_splits(conn: Connection, article_ids: list[int], splits: list[Any]) -> None:
    """Mentions written by re-analysis under a split alias go to the entity the alias became."""
    m = t.mentions.c
    by_entity: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for s in splits:
        new = s.new_value or {}
        if new.get("entity") and s.target_id is not None:
            by_entity[s.target_id].append((str(new.get("alias", "")).casefold(), int(new["entity"])))
    if not by_entity:
        return
    rows = conn.execute(
        select(m.id, m.entity_id, m.text).where(m.article_id.in_(article_ids), m.entity_id.in_(list(by_entity)))
    ).all()
    moves = [(r.id, target) for r in rows for alias, target in by_entity[r.entity_id] if r.text.casefold() == alias]
    if not moves:
        return
    with entity_counts.tracking(conn, article_ids):  # the moved mentions change both entities' counts
        for mention_id, target in moves:
            conn.execute(update(t.mentions).where(m.id == mention_id).values(entity_id=target))
