"""``dossier export timelinejs``: one TimelineJS 3 JSON file per subject, for newsroom timelines.

Each dated entry of ``dossier timeline SUBJECT`` becomes a TimelineJS slide:
``start_date`` at the precision the text gives (year, month or day; a week
``2025-W39`` at its first day with the week as ``display_date``; an
``XXXX-09-26`` in its report's year, said so), a ``headline`` naming the kind,
the actors and the equipment, and a ``text`` with the modality, whose claim it
is, the source sentence and a link to every source.  The event kind is the
slide's ``group``.  No ``media``: TimelineJS would fetch a preview of a link
from a third-party service, so links stay in the text.  Entries without a date cannot be placed: they are listed
apart under ``undated`` (a key TimelineJS ignores) and counted on the title slide.

TimelineJS shows ``text`` as HTML, so every piece of article text is escaped
and only ``http``/``https`` URLs become links.

Subjects: each ``--subject``; without one, every equipment entity with events
in the selection.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from sqlalchemy import Connection, func, select

from dossier.export.base import ExportResult, Target
from dossier.export.selection import Resolved
from dossier.export.tables import chosen_articles
from dossier.store import schema as t

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def _date_parts(value: str) -> dict[str, str]:
    m = _DATE.match(value)
    if not m:
        return {}
    parts = {"year": m.group(1)}
    if m.group(2):
        parts["month"] = str(int(m.group(2)))
    if m.group(3):
        parts["day"] = str(int(m.group(3)))
    return parts


def start_date(entry: dict[str, Any]) -> dict[str, str] | None:
    """TimelineJS ``start_date`` of a timeline entry, or None when it cannot be placed."""
    if entry.get("undated"):
        return None
    date = entry.get("date") or ""
    parts = _date_parts(date)
    if parts:
        return parts
    sort = entry.get("sort_date") or ""
    parts = _date_parts(sort)
    if not parts:
        return None
    if entry.get("year_assumed"):
        parts["display_date"] = f"{sort} (year assumed from the report)"
    else:
        parts["display_date"] = date or sort
    return parts


def _link(url: str | None, label: str) -> str:
    text = html.escape(label or url or "source")
    if url and url.lower().startswith(("http://", "https://")):
        return f'<a href="{html.escape(url, quote=True)}">{text}</a>'
    return text


def headline(entry: dict[str, Any]) -> str:
    kind = str(entry.get("kind") or "event").replace("_", " ").capitalize()
    who = ", ".join(entry.get("actors") or [])
    what = ", ".join(entry.get("equipment") or [])
    tail = " / ".join(x for x in (who, what) if x)
    return f"{kind}: {tail}" if tail else kind


def slide_text(entry: dict[str, Any]) -> str:
    """The slide's HTML: modality, attribution, the source sentence and every source, all escaped."""
    parts = []
    meta = [f"modality: {entry.get('modality') or 'asserted'}"]
    if entry.get("attributed_to"):
        meta.append(f"according to {entry['attributed_to']}")
    if entry.get("date_text"):
        meta.append(f"dated by “{entry['date_text']}”")
    if entry.get("date_from"):
        meta.append(f"date from a {entry['date_from']}")
    parts.append(f"<p><em>{html.escape('; '.join(meta))}</em></p>")
    if entry.get("sentence"):
        parts.append(f"<blockquote>{html.escape(entry['sentence'])}</blockquote>")
    sources = entry.get("sources") or []
    if sources:
        items = "".join(
            "<li>"
            + _link(s.get("url"), s.get("outlet") or "article " + str(s.get("article_id")))
            + ": "
            + html.escape((s.get("sentence") or "").strip())
            + "</li>"
            for s in sources
        )
        n = entry.get("independent_sources", len(sources))
        parts.append(f"<p>{len(sources)} source(s), {n} independent:</p><ul>{items}</ul>")
    return "".join(parts)


def timeline_document(record: dict[str, Any], sel: Resolved, chosen: set[int] | None) -> dict[str, Any]:
    """A TimelineJS 3 document from a ``knowledge.timeline`` record, filtered by the selection."""
    events, undated = [], []
    for entry in record["entries"]:
        sources = entry.get("sources") or []
        if chosen is not None and not any(s.get("article_id") in chosen for s in sources):
            continue
        if not sel.keeps_event(entry):
            continue
        when = start_date(entry)
        if when is None:
            undated.append(
                {
                    "headline": headline(entry),
                    "text": slide_text(entry),
                    "kind": entry.get("kind"),
                    "reported": entry.get("reported"),
                    "sources": [s.get("url") or s.get("outlet") for s in sources],
                }
            )
            continue
        slide: dict[str, Any] = {
            "start_date": when,
            "text": {"headline": html.escape(headline(entry)), "text": slide_text(entry)},
            "group": str(entry.get("kind") or ""),
            "unique_id": f"event-{entry.get('id')}-{len(events)}",
        }
        events.append(slide)
    title = f"{record['subject']} ({record['kind']})"
    intro = f"Dossier timeline: {len(events)} dated events"
    if record.get("status"):
        when = "by" if record.get("status_by_report") else "on"  # by: only the first report bounds it
        intro += f"; reached {str(record['status']).replace('_', ' ')} {when} {record.get('status_date') or '?'}"
    if undated:
        intro += f"; {len(undated)} undated events are listed apart"
    intro += f" ({sel.selection.describe()})."
    return {
        "title": {"text": {"headline": html.escape(title), "text": f"<p>{html.escape(intro)}</p>"}},
        "events": events,
        "undated": undated,
    }


def _subjects(conn: Connection, sel: Resolved) -> list[str]:
    if sel.selection.subjects:
        return list(sel.selection.subjects)
    q = (
        select(t.entities.c.name)
        .join(t.event_entities, t.event_entities.c.entity_id == t.entities.c.id)
        .join(t.events, t.events.c.id == t.event_entities.c.event_id)
        .where(t.entities.c.kind == "equipment", sel.where_article(t.events.c.article_id))
        .group_by(t.entities.c.id, t.entities.c.name)
        .order_by(func.count().desc(), t.entities.c.name)
    )
    return list(conn.execute(q).scalars())


def _slug(name: str) -> str:
    return re.sub(r"[^\w]+", "-", name.casefold()).strip("-") or "subject"


class TimelineJsExporter:
    name = "timelinejs"
    description = "one TimelineJS 3 JSON file per subject (dated events with sources; undated listed apart)"
    layout = "directory"
    suffix = ""

    def export(self, conn: Connection, selection: Resolved, target: Target) -> ExportResult:
        from dossier.store.knowledge import timeline

        directory = target.directory()
        result = ExportResult(self.name)
        chosen = chosen_articles(conn, selection)
        used: set[str] = set()
        subjects = _subjects(conn, selection)
        if not subjects:
            result.notes.append("no subject with events in the selection: give one with --subject")
        for subject in subjects:
            record = timeline(conn, subject, limit=None, sources_limit=None)  # an export holds everything
            doc = timeline_document(record, selection, chosen)
            slug = _slug(record["subject"])
            if slug in used:
                slug = f"{slug}-{record['subject_ids'][0]}"
            used.add(slug)
            path = directory / f"{slug}.json"
            path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
            result.paths.append(str(path))
            result.counts[record["subject"]] = len(doc["events"])
            if doc["undated"]:
                result.notes.append(f"{record['subject']}: {len(doc['undated'])} undated events listed apart")
        return result
