"""Alerts: standing questions about subjects, answered after every ingest with one notification per alert.

An alert names what to watch for (a subject, an event kind, words, a number
of independent sources, contradictions) and where to send what it finds
(channels, see :mod:`~dossier.monitor.channels`).  After each ingest the
alert looks at the articles stored or revised since it last looked
(``alerts.checked_at``, from ``article_revisions.ingested_at``), so an
ingest that crashed before its alerts ran is caught up by the next one.

Each matching fact (an event, a quote, a contradiction) carries its
provenance: article id, title, outlet, URL, publication date and the
sentence it came from.  A fact has a key (for an event its kind and
sentence, for a quote its speaker and words), recorded in ``alert_matches`` in the same transaction as
the notification and its pending deliveries: a fact fires once per alert,
whatever re-ingests or overlapping evaluations follow.  The key leaves the
article out on purpose: the same sentence republished verbatim by a copier
is not news, while another outlet's own wording of the event is.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from dossier.errors import DossierError, NotFound, UsageError
from dossier.model import normalise_text
from dossier.store import Store
from dossier.store import schema as t
from dossier.store.write import now_iso

CHANNEL_KINDS = ("jsonl:PATH", "stdout", "webhook:URL", "mailto:ADDRESS")
#: Re-read this much before ``checked_at``: an ingest running concurrently may commit revisions
#: stamped a little before the evaluation started.  Keys make the overlap harmless.
OVERLAP = timedelta(minutes=10)
MAX_FACTS = 200
_WORD = re.compile(r"\w+", re.UNICODE)


# -- definitions ----------------------------------------------------------------------------


def parse_channel(value: str) -> str:
    """Validate a ``--to`` value and return it in stored form (JSON Lines paths made absolute)."""
    value = value.strip()
    if value == "stdout":
        return value
    kind, _, rest = value.partition(":")
    if kind == "jsonl" and rest:
        return f"jsonl:{Path(rest).expanduser().resolve()}"
    if kind == "webhook" and urlsplit(rest).scheme in ("http", "https") and urlsplit(rest).netloc:
        return f"webhook:{rest}"
    if kind == "mailto" and re.fullmatch(r"[^@\s]+@[^@\s]+", rest):
        return f"mailto:{rest}"
    raise UsageError(f"invalid channel {value!r}", hint=f"use one of: {', '.join(CHANNEL_KINDS)}")


def add_alert(
    conn: Connection,
    name: str,
    *,
    subject: str | None = None,
    kind: str | None = None,
    query: str | None = None,
    min_sources: int = 1,
    contradictions: bool = False,
    channels: list[str],
) -> dict[str, Any]:
    name = name.strip()
    if not name:
        raise UsageError("an alert needs a name")
    if not (subject or kind or query):
        raise UsageError("an alert needs --subject, --kind or --query", hint="e.g. --subject Oreshnik")
    if min_sources < 1:
        raise UsageError(f"--min-sources must be >= 1, got {min_sources}")
    if not channels:
        raise UsageError("an alert needs at least one --to channel", hint=f"channels: {', '.join(CHANNEL_KINDS)}")
    stamp = now_iso()
    try:
        conn.execute(
            insert(t.alerts).values(
                name=name,
                subject=subject,
                kind=kind.upper() if kind else None,
                query=query,
                min_sources=min_sources,
                contradictions=contradictions,
                channels=[parse_channel(c) for c in channels],
                created_at=stamp,
                checked_at=stamp,
            )
        )
    except IntegrityError:
        raise UsageError(f"an alert called {name!r} exists", hint="remove it first or pick another name") from None
    return get_alert(conn, name)


def _alert_record(row: Any, counts: dict[int, tuple[int, int, int]] | None = None) -> dict[str, Any]:
    notified, pending, failed = (counts or {}).get(row.id, (0, 0, 0))
    return {
        "id": row.id,
        "name": row.name,
        "subject": row.subject,
        "kind": row.kind,
        "query": row.query,
        "min_sources": row.min_sources,
        "contradictions": bool(row.contradictions),
        "channels": list(row.channels or []),
        "created_at": row.created_at,
        "checked_at": row.checked_at,
        "notifications": notified,
        "pending_deliveries": pending,
        "failed_deliveries": failed,
    }


def _counts(conn: Connection) -> dict[int, tuple[int, int, int]]:
    n, d = t.notifications.c, t.deliveries.c
    notified = dict(conn.execute(select(n.alert_id, func.count()).group_by(n.alert_id)).all())
    by_status: dict[tuple[int, str], int] = {
        (a, s): c
        for a, s, c in conn.execute(
            select(n.alert_id, d.status, func.count())
            .join(t.notifications, n.id == d.notification_id)
            .group_by(n.alert_id, d.status)
        )
    }
    ids = set(notified) | {a for a, _s in by_status}
    return {a: (notified.get(a, 0), by_status.get((a, "pending"), 0), by_status.get((a, "failed"), 0)) for a in ids}


def list_alerts(conn: Connection) -> list[dict[str, Any]]:
    counts = _counts(conn)
    return [_alert_record(r, counts) for r in conn.execute(select(t.alerts).order_by(t.alerts.c.id))]


def _find(conn: Connection, ref: str) -> Any:
    c = t.alerts.c
    row = conn.execute(select(t.alerts).where(c.name == ref)).first()
    if row is None and ref.isdigit():
        row = conn.execute(select(t.alerts).where(c.id == int(ref))).first()
    if row is None:
        raise NotFound(f"no alert {ref!r}", hint="list alerts with `dossier alerts list`")
    return row


def get_alert(conn: Connection, ref: str) -> dict[str, Any]:
    return _alert_record(_find(conn, ref), _counts(conn))


def remove_alert(conn: Connection, ref: str) -> dict[str, Any]:
    row = _find(conn, ref)
    record = _alert_record(row, _counts(conn))
    conn.execute(delete(t.alerts).where(t.alerts.c.id == row.id))
    return record


# -- matching -------------------------------------------------------------------------------


def words_of(text: str | None) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text or "")]


def has_words(text: str | None, words: list[str]) -> bool:
    have = set(words_of(text))
    return all(w in have for w in words)


def _key(*parts: Any) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()


def _provenance(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "article_id": record.get("article_id"),
        "title": record.get("title"),
        "outlet": record.get("outlet"),
        "url": record.get("url"),
        "published": record.get("published"),
        "sentence": record.get("sentence"),
    }


def touched_articles(conn: Connection, since: str) -> list[int]:
    """Articles stored or revised at or after ``since`` (an ISO 8601 UTC time)."""
    r = t.article_revisions.c
    return sorted(conn.execute(select(r.article_id).where(r.ingested_at >= since).distinct()).scalars())


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def _subject_ids(conn: Connection, subject: str | None) -> list[int]:
    from dossier.store.knowledge import find_entity_ids

    return find_entity_ids(conn, subject) if subject else []


def match_events(conn: Connection, alert: Any, article_ids: list[int], entity_ids: list[int]) -> list[dict[str, Any]]:
    from dossier.store.knowledge import _events_query, canonicalise, event_record

    ev = t.events.c
    rows = []
    for chunk in _chunks(article_ids):
        q = _events_query().where(ev.article_id.in_(chunk))
        if alert.subject and entity_ids:
            q = q.where(
                ev.id.in_(select(t.event_entities.c.event_id).where(t.event_entities.c.entity_id.in_(entity_ids)))
            )
        if alert.kind:
            q = q.where(func.upper(ev.kind) == alert.kind.upper())
        rows.extend(conn.execute(q.order_by(ev.article_id, ev.start)))
    records = canonicalise([event_record(r) for r in rows], conn)
    if alert.subject and not entity_ids:  # not (yet) a known entity: match its words in the sentence
        records = [r for r in records if has_words(r["sentence"], words_of(alert.subject))]
    if alert.query:
        records = [r for r in records if has_words(r["sentence"], words_of(alert.query))]
    if records:
        from dossier.store.cross_queries import event_sources

        event_sources(conn, records)
    facts = []
    for r in records:
        if r.get("independent_sources", 1) < alert.min_sources:
            continue
        facts.append(
            {
                "type": "event",
                "key": _key("event", r["kind"], normalise_text(r["sentence"] or "")),
                "kind": r["kind"],
                "trigger": r["trigger"],
                "date": r["date"],
                "modality": r["modality"],
                "actors": r["actors"],
                "targets": r["targets"],
                "equipment": r["equipment"],
                "place": r["place"],
                "attributed_to": r["attributed_to"],
                "independent_sources": r.get("independent_sources"),
                **_provenance(r),
            }
        )
    return facts


def match_quotes(conn: Connection, alert: Any, article_ids: list[int], entity_ids: list[int]) -> list[dict[str, Any]]:
    """Quotes by the subject or mentioning it in their sentence (none when the alert is about an event kind)."""
    if alert.kind or alert.min_sources > 1:
        return []
    from dossier.store.knowledge import PROVENANCE, _sentence

    q_, m = t.quotes.c, t.mentions.c
    speaker = t.entities.alias("speaker")
    facts = []
    for chunk in _chunks(article_ids):
        q = (
            select(t.quotes, *PROVENANCE, speaker.c.name.label("canonical_speaker"))
            .join(t.articles, t.articles.c.id == q_.article_id)
            .outerjoin(speaker, speaker.c.id == q_.speaker_entity_id)
            .where(q_.article_id.in_(chunk))
        )
        if alert.subject and entity_ids:
            in_sentence = (
                select(m.id)
                .where(m.article_id == q_.article_id, m.sentence == q_.sentence, m.entity_id.in_(entity_ids))
                .exists()
            )
            q = q.where(q_.speaker_entity_id.in_(entity_ids) | in_sentence)
        for r in conn.execute(q.order_by(q_.article_id, q_.start)):
            sentence = _sentence(r.article_text, r.sentences, r.sentence)
            if alert.subject and not entity_ids and not has_words(f"{sentence} {r.text}", words_of(alert.subject)):
                continue
            if alert.query and not has_words(f"{sentence} {r.text}", words_of(alert.query)):
                continue
            facts.append(
                {
                    "type": "quote",
                    "key": _key("quote", r.canonical_speaker or r.speaker, normalise_text(r.text)),
                    "speaker": r.canonical_speaker or r.speaker,
                    "text": r.text,
                    "direct": bool(r.direct),
                    "cue": r.cue,
                    "date": r.date,
                    "article_id": r.article_id,
                    "title": r.title,
                    "outlet": r.outlet,
                    "url": r.url,
                    "published": r.published,
                    "sentence": sentence,
                }
            )
    return facts


def match_contradictions(
    conn: Connection, alert: Any, article_ids: list[int], entity_ids: list[int]
) -> list[dict[str, Any]]:
    """Contradictions with a side in the new articles, about the subject (or kind, or words) when given."""
    if not alert.contradictions or not article_ids:
        return []
    from dossier.store.cross_queries import list_contradictions

    sm = t.story_members.c
    stories = sorted(
        {
            s
            for chunk in _chunks(article_ids)
            for s in conn.execute(select(sm.story_id).where(sm.article_id.in_(chunk))).scalars()
        }
    )
    fresh = set(article_ids)
    facts = []
    for story in stories:
        for flag in list_contradictions(conn, story=story):
            if not any(side["article_id"] in fresh for side in flag["sides"]):
                continue
            if alert.kind and str(flag["kind"]).upper() != alert.kind.upper():
                continue
            text = " ".join(str(s.get("sentence") or "") for s in flag["sides"])
            if alert.subject:
                linked = set(
                    conn.execute(
                        select(t.event_entities.c.entity_id).where(t.event_entities.c.event_id.in_(flag["events"]))
                    ).scalars()
                )
                if not (linked & set(entity_ids)) and not has_words(text, words_of(alert.subject)):
                    continue
            if alert.query and not has_words(text, words_of(alert.query)):
                continue
            sides = sorted((s["article_id"], str(s["value"])) for s in flag["sides"])
            facts.append(
                {
                    "type": "contradiction",
                    "key": _key("contradiction", flag["kind"], flag["field"], sides),
                    "kind": flag["kind"],
                    "field": flag["field"],
                    "sides": [
                        {
                            "value": s["value"],
                            "article_id": s["article_id"],
                            "title": s["title"],
                            "outlet": s["outlet"],
                            "url": s["url"],
                            "published": s["published"],
                            "sentence": s["sentence"],
                        }
                        for s in flag["sides"]
                    ],
                }
            )
    return facts


def match_alert(conn: Connection, alert: Any, article_ids: list[int]) -> list[dict[str, Any]]:
    """Every fact in ``article_ids`` that the alert asks for, each with its ``key``."""
    if not article_ids:
        return []
    entity_ids = _subject_ids(conn, alert.subject)
    facts = [
        *match_events(conn, alert, article_ids, entity_ids),
        *match_quotes(conn, alert, article_ids, entity_ids),
        *match_contradictions(conn, alert, article_ids, entity_ids),
    ]
    unique: dict[str, dict[str, Any]] = {}
    for fact in facts:
        unique.setdefault(fact["key"], fact)
    return list(unique.values())


# -- evaluation -----------------------------------------------------------------------------


def _utc(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _since(alert: Any) -> str:
    """Where evaluation starts: a little before the last look, never before the alert existed."""
    moment = max(_utc(alert.checked_at) - OVERLAP, _utc(alert.created_at))
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def evaluate_alert(conn: Connection, alert: Any, *, started: str) -> int | None:
    """Create the alert's notification for facts it has not reported yet; return its id (None if nothing new)."""
    facts = match_alert(conn, alert, touched_articles(conn, _since(alert)))
    conn.execute(update(t.alerts).where(t.alerts.c.id == alert.id).values(checked_at=started))
    if not facts:
        return None
    am = t.alert_matches.c
    known: set[str] = set()
    keys = [f["key"] for f in facts]
    for i in range(0, len(keys), 500):
        known.update(
            conn.execute(select(am.key).where(am.alert_id == alert.id, am.key.in_(keys[i : i + 500]))).scalars()
        )
    new = [f for f in facts if f["key"] not in known]
    if not new:
        return None
    payload = {
        "alert": alert.name,
        "criteria": {
            "subject": alert.subject,
            "kind": alert.kind,
            "query": alert.query,
            "min_sources": alert.min_sources,
            "contradictions": bool(alert.contradictions),
        },
        "created_at": started,
        "count": len(new),
        "facts": [{k: v for k, v in f.items() if k != "key"} for f in new[:MAX_FACTS]],
    }
    notification_id = conn.execute(
        insert(t.notifications).values(alert_id=alert.id, created_at=started, payload=payload)
    ).inserted_primary_key[0]
    conn.execute(
        insert(t.alert_matches),
        [{"alert_id": alert.id, "key": f["key"], "notification_id": notification_id} for f in new],
    )
    conn.execute(
        insert(t.deliveries),
        [
            {"notification_id": notification_id, "channel": ch, "status": "pending", "attempts": 0}
            for ch in dict.fromkeys(alert.channels or [])
        ],
    )
    return notification_id


def run_alerts(store: Store) -> list[str]:
    """Evaluate every alert over what was stored since it last looked, then deliver what is pending.

    Returns warnings (failed deliveries) for the caller to show.  With no
    alert defined this is one query.
    """
    with store.connect() as conn:
        alerts = conn.execute(select(t.alerts).order_by(t.alerts.c.id)).all()
    if not alerts:
        return []
    warnings = []
    for alert in alerts:
        try:
            with store.begin(timelines=False) as conn:  # alert state and notifications only
                evaluate_alert(conn, alert, started=now_iso())
        except (DossierError, SQLAlchemyError) as exc:
            # Left unevaluated (checked_at unchanged), so the next ingest tries these articles again.
            warnings.append(f"alert {alert.name!r} could not be evaluated: {exc}")
    from dossier.monitor.channels import deliver_pending

    return warnings + deliver_pending(store)
