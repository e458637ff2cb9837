"""The digest: what is new over a period, per subject, as text, Markdown or JSON.

"New" means stored or revised in the period (``article_revisions``), the
same notion alerts use, so a digest and the notifications of the same day
agree.  Subjects are the ones asked for; else those of the alerts defined;
else the entities most widely reported in the period.  Each subject lists
its new articles, events, quotes and contradictions, each with provenance.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, distinct, func, select

from dossier.errors import UsageError
from dossier.monitor.alerts import (
    has_words,
    match_contradictions,
    match_events,
    match_quotes,
    touched_articles,
    words_of,
)
from dossier.monitor.schedule import parse_interval
from dossier.store import schema as t

FORMATS = ("text", "markdown", "json")
TOP_SUBJECTS = 8
MAX_PER_SECTION = 20


def parse_since(value: str, *, now: datetime | None = None) -> str:
    """``24h``, ``7d``, ``90m`` back from now, or an ISO 8601 date or time; the start as UTC ISO 8601."""
    now = now or datetime.now(UTC)
    try:
        start = now - timedelta(seconds=parse_interval(value, option="--since"))
    except UsageError:
        try:
            start = datetime.fromisoformat(value)
        except ValueError:
            raise UsageError(f"invalid --since {value!r}", hint="use e.g. 24h, 7d, or 2025-09-27") from None
        if start.tzinfo is None:
            start = start.replace(tzinfo=UTC)
    return start.astimezone(UTC).replace(microsecond=0).isoformat()


def _default_subjects(conn: Connection, article_ids: list[int]) -> list[str]:
    named = [s for s in conn.execute(select(t.alerts.c.subject).where(t.alerts.c.subject.is_not(None))).scalars()]
    if named:
        return list(dict.fromkeys(named))
    if not article_ids:
        return []
    m, e = t.mentions.c, t.entities.c
    rows = conn.execute(
        select(e.name, func.count(distinct(m.article_id)).label("n"))
        .join(t.entities, e.id == m.entity_id)
        .where(m.article_id.in_(article_ids[-5000:]), e.kind.in_(("equipment", "person", "org", "place")))
        .group_by(e.id, e.name)
        .order_by(func.count(distinct(m.article_id)).desc(), e.name)
        .limit(TOP_SUBJECTS)
    )
    return [r.name for r in rows]


def _articles_about(
    conn: Connection, article_ids: list[int], entity_ids: list[int], subject: str
) -> list[dict[str, Any]]:
    a = t.articles.c
    cols = (a.id, a.title, a.outlet, a.published, a.url)
    found: dict[int, Any] = {}
    for i in range(0, len(article_ids), 500):
        chunk = article_ids[i : i + 500]
        if entity_ids:
            mentioned = select(t.mentions.c.article_id).where(t.mentions.c.entity_id.in_(entity_ids))
            for r in conn.execute(select(*cols).where(a.id.in_(chunk), a.id.in_(mentioned))):
                found[r.id] = r
        for r in conn.execute(select(*cols, a.text).where(a.id.in_(chunk))):
            if r.id not in found and has_words(f"{r.title} {r.text}", words_of(subject)):
                found[r.id] = r
    rows = sorted(found.values(), key=lambda r: (r.published or "", r.id))
    return [{"id": r.id, "title": r.title, "outlet": r.outlet, "published": r.published, "url": r.url} for r in rows]


def build_digest(conn: Connection, *, since: str, subjects: list[str] | None = None) -> dict[str, Any]:
    from dossier.store.knowledge import find_entity_ids

    article_ids = touched_articles(conn, since)
    outlets = sorted(
        {
            o
            for i in range(0, len(article_ids), 500)
            for o in conn.execute(
                select(t.articles.c.outlet).where(t.articles.c.id.in_(article_ids[i : i + 500])).distinct()
            ).scalars()
            if o
        }
    )
    sections = []
    for subject in subjects or _default_subjects(conn, article_ids):
        entity_ids = find_entity_ids(conn, subject) if subject.strip() else []
        ask = SimpleNamespace(subject=subject, kind=None, query=None, min_sources=1, contradictions=True)
        events = match_events(conn, ask, article_ids, entity_ids) if article_ids else []
        quotes = match_quotes(conn, ask, article_ids, entity_ids) if article_ids else []
        conflicts = match_contradictions(conn, ask, article_ids, entity_ids)
        for fact in (*events, *quotes, *conflicts):
            fact.pop("key", None)
        events.sort(key=lambda f: (f.get("published") or "", f["article_id"]))  # in the order they were reported
        quotes.sort(key=lambda f: (f.get("published") or "", f["article_id"]))
        sections.append(
            {
                "subject": subject,
                "articles": _articles_about(conn, article_ids, entity_ids, subject),
                "events": events,
                "quotes": quotes,
                "contradictions": conflicts,
            }
        )
    return {
        "since": since,
        "until": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "articles": len(article_ids),
        "outlets": outlets,
        "subjects": sections,
    }


# -- rendering ------------------------------------------------------------------------------


def _where(fact: dict[str, Any]) -> str:
    return f"{fact.get('outlet') or 'unknown outlet'}, {fact.get('published') or 'undated'}"


def _event_line(e: dict[str, Any]) -> str:
    who = ", ".join(e.get("actors") or [])
    gear = ", ".join(e.get("equipment") or [])
    parts = [e["kind"], f"({e.get('modality')})", e.get("date") or "undated", who, gear]
    return " ".join(p for p in parts if p)


def render(digest: dict[str, Any], fmt: str) -> str:
    """The digest as ``text`` or ``markdown`` (``json`` is printed by the caller as it is)."""
    if fmt not in ("text", "markdown"):
        raise UsageError(f"unknown --format {fmt!r}", hint=f"formats: {', '.join(FORMATS)}")
    md = fmt == "markdown"
    out: list[str] = []
    head = f"Dossier digest {digest['since']} to {digest['until']}"
    out += [f"# {head}" if md else head, ""]
    out.append(f"{digest['articles']} article(s) new or revised from {len(digest['outlets'])} outlet(s).")
    out.append("")
    if not digest["subjects"]:
        out.append("No subjects to report (name some with --subject, or define alerts).")
    for section in digest["subjects"]:
        out += [f"## {section['subject']}" if md else f"== {section['subject']} ==", ""]
        blocks = (
            (
                "Articles",
                section["articles"],
                lambda a: f"{a['title'] or '(untitled)'} ({_where(a)}) {a.get('url') or ''}".rstrip(),
            ),
            ("Events", section["events"], _event_line),
            ("Quotes", section["quotes"], lambda q: f"{q.get('speaker') or 'unattributed'}: “{q['text']}”"),
            (
                "Contradictions",
                section["contradictions"],
                lambda c: (
                    f"{c['kind']} {c['field']}: " + " vs ".join(f"{s['value']} ({_where(s)})" for s in c["sides"])
                ),
            ),
        )
        for title, items, line in blocks:
            if not items:
                continue
            out.append(f"### {title} ({len(items)})" if md else f"{title} ({len(items)}):")
            for item in items[:MAX_PER_SECTION]:
                out.append(f"- {line(item)}")
                if title in ("Events", "Quotes") and item.get("sentence"):
                    sentence = " ".join(str(item["sentence"]).split())
                    out.append(f"  > {sentence} ({_where(item)})" if md else f'    "{sentence}" ({_where(item)})')
            if len(items) > MAX_PER_SECTION:
                out.append(f"- … and {len(items) - MAX_PER_SECTION} more")
            out.append("")
        if not any(section[k] for k in ("articles", "events", "quotes", "contradictions")):
            out += ["Nothing new.", ""]
    return "\n".join(out).rstrip() + "\n"
