"""Timelines and equipment status from event records (pure functions).

Why pure functions over dicts: the store feeds events from many articles;
keeping this module free of I/O makes the ordering rules testable and lets
the API, the CLI and the reports share them.  Input events are
``Event`` records or their ``to_record`` dicts, optionally with
``article_id``, ``outlet``, ``url``, ``sentence_text`` and ``entity_ids``
added by the store.

Ordering: a full date sorts as itself; a partial date (``2025-09``,
``2025``) sorts at the start of its period and before the finer dates of
that period; ``XXXX-09-26`` takes the year of its reporting date (the year
before if that would lie after the report) — for ordering only, marked
``year_assumed``; an undated event sorts at its reporting date and is
marked ``undated``.  The same claim reported by several articles (same
kind, date, equipment, actors, modality) becomes one entry with several
sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple

from dossier.model import Event, to_record

TimelineEntry = dict[str, Any]

#: Lifecycle stages in the order equipment normally passes through them.
LIFECYCLE_ORDER: tuple[str, ...] = (
    "requested",
    "agreed",
    "announced",
    "in_transit",
    "delivered",
    "deployed",
    "tested",
    "exercise",
    "entered_service",
    "combat_duty",
)
_RANK = {name: i for i, name in enumerate(LIFECYCLE_ORDER)}
_RANK["shown"] = -1  # a display says nothing about where the system is
_KIND_LIFECYCLE = {
    "EQUIPMENT_IN_TRANSIT": "in_transit",
    "EQUIPMENT_DELIVERED": "delivered",
    "EQUIPMENT_DEPLOYED": "deployed",
    "EQUIPMENT_COMBAT_DUTY": "combat_duty",
    "EQUIPMENT_ENTERED_SERVICE": "entered_service",
    "EQUIPMENT_TESTED": "tested",
    "EQUIPMENT_EXERCISE": "exercise",
    "EQUIPMENT_WITHDRAWN": "withdrawn",
    "EQUIPMENT_SHOWN": "shown",
}
#: Modalities that establish a fact about the equipment.
_FACTUAL = {"asserted", "reported"}
_DATE_RE = re.compile(r"^(\d{4}|XXXX)(?:-(\d{2}))?(?:-(\d{2}))?")


def lifecycle_of(event: Mapping[str, Any] | Event) -> str | None:
    """The equipment lifecycle stage an event speaks of, or None.

    ``EQUIPMENT_*`` kinds map to their stage; a request for equipment is
    ``requested``, an agreement or promise of it ``agreed``; a planned
    delivery/deployment (modality ``planned``) is ``announced``.
    """
    ev = _as_dict(event)
    kind, equipment, modality = ev.get("kind"), ev.get("equipment") or (), ev.get("modality")
    if not equipment:
        return None
    if kind in ("REQUEST", "DEMAND"):
        return "requested"
    if kind == "AGREE":
        return "agreed"
    stage = _KIND_LIFECYCLE.get(str(kind))
    if stage in ("in_transit", "delivered", "deployed", "entered_service", "combat_duty") and modality == "planned":
        return "announced"
    return stage


def _as_dict(event: Mapping[str, Any] | Event) -> dict[str, Any]:
    return to_record(event) if isinstance(event, Event) else dict(event)


_PERIOD_RE = re.compile(r"^(\d{4}|XXXX)-(?:W(\d{2})(-WE)?|Q([1-4])|H([12])|(SP|SU|FA|AU|WI))(?![\w])")
#: First month of each season (meteorological: winter of a year starts in its December), quarter, half.
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "AU": 9, "WI": 12}


def _period_start(m: re.Match[str], year: int) -> tuple[date, int] | None:
    """Start of a week/weekend/quarter/half/season value and its precision."""
    week, weekend, quarter, half, season = m.group(2), m.group(3), m.group(4), m.group(5), m.group(6)
    if week:
        try:
            return date.fromisocalendar(year, int(week), 6 if weekend else 1), 2
        except ValueError:
            return None
    if quarter:
        return date(year, 3 * int(quarter) - 2, 1), 1
    if half:
        return date(year, 1 if half == "1" else 7, 1), 1
    return date(year, _SEASON_MONTH[season], 1), 1


def sort_date(value: str | None, reported: str | None) -> tuple[str | None, bool, int]:
    """``(yyyy-mm-dd for ordering, year assumed?, precision)`` of a date value.

    Precision 1 = year (and quarters, halves, seasons), 2 = month (and ISO
    weeks), 3 = day, so that within one period the coarse date comes first.
    A period sorts at its start: ``2025-W39`` at the Monday of ISO week 39
    (its weekend ``-WE`` at the Saturday), ``2025-Q3`` at 1 July, ``2025-H2``
    at 1 July, a season at the first day of its first month (``SP`` March,
    ``SU`` June, ``FA`` September, ``WI`` December of that year).
    """
    if not value:
        return None, False, 0
    pm = _PERIOD_RE.match(value)
    if pm:
        assumed = pm.group(1) == "XXXX"
        if assumed and not reported:
            return None, True, 0
        year = int(reported[:4]) if assumed and reported else int(pm.group(1))
        start = _period_start(pm, year)
        if start and assumed and reported and start[0].isoformat() > reported[:10]:
            start = _period_start(pm, year - 1)
        if start is None:  # a week number the year does not have: the year
            return f"{year:04d}-01-01", assumed, 1
        return start[0].isoformat(), assumed, start[1]
    m = _DATE_RE.match(value)
    if not m:
        return None, False, 0
    year, month, day = m.groups()
    assumed = year == "XXXX"
    if assumed:
        if not reported:
            return None, True, 0
        year = reported[:4]
        if f"{year}-{month or '01'}-{day or '01'}" > reported[:10]:
            year = f"{int(year) - 1:04d}"
    precision = 1 + bool(month) + bool(day)
    return f"{year}-{month or '01'}-{day or '01'}", assumed, precision


def _involves(ev: Mapping[str, Any], subjects: set[str]) -> bool:
    if not subjects:
        return True
    names = {*ev.get("actors", ()), *ev.get("targets", ()), *ev.get("equipment", ()), *ev.get("entity_ids", ())}
    names.update(x for x in (ev.get("place"), ev.get("attributed_to")) if x)
    return bool(names & subjects)


def _source(ev: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "article_id": ev.get("article_id"),
        "outlet": ev.get("outlet") or ev.get("attributed_to"),
        "url": ev.get("url"),
        "sentence": ev.get("sentence_text", ev.get("sentence")),
        "start": ev.get("start"),
        "end": ev.get("end"),
    }


def _claim_key(ev: Mapping[str, Any]) -> tuple[Any, ...]:
    return (
        ev.get("kind"),
        ev.get("date"),
        tuple(sorted(ev.get("equipment", ()))),
        tuple(sorted(ev.get("actors", ()))),
        ev.get("modality"),
        ev.get("reported") if not ev.get("date") else None,
    )


def build_timeline(
    events: Iterable[Mapping[str, Any] | Event], subject_ids: Sequence[str] | None = None
) -> list[TimelineEntry]:
    """The events about ``subject_ids`` (names or entity ids; all when empty),
    merged across articles and ordered in time (see the module docstring)."""
    subjects = set(subject_ids or ())
    merged: dict[tuple[Any, ...], TimelineEntry] = {}
    for raw in events:
        ev = _as_dict(raw)
        if not _involves(ev, subjects):
            continue
        key = _claim_key(ev)
        if key in merged:
            entry = merged[key]
            entry["sources"].append(_source(ev))
            if ev.get("reported") and (not entry.get("reported") or ev["reported"] < entry["reported"]):
                entry["reported"] = ev["reported"]  # first report of the claim
            continue
        entry = {k: v for k, v in ev.items() if k not in ("article_id", "outlet", "url", "sentence_text")}
        entry["lifecycle"] = lifecycle_of(ev)
        entry["sources"] = [_source(ev)]
        merged[key] = entry
    out = list(merged.values())
    for entry in out:
        when, assumed, precision = sort_date(entry.get("date"), entry.get("reported"))
        entry["undated"] = when is None
        entry["year_assumed"] = assumed
        if when is None:
            when, precision = (entry.get("reported") or "9999-12-31")[:10], 3
        entry["sort_date"] = when
        entry["_precision"] = precision
    out.sort(
        key=lambda e: (e["sort_date"], e["_precision"], e["undated"], e.get("reported") or "", e.get("start") or 0)
    )
    for entry in out:
        del entry["_precision"]
    return out


class EquipmentStatus(NamedTuple):
    """The lifecycle stage reached and the date it was reached (the event's
    date, or its reporting date when undated; None when unknown)."""

    status: str | None
    date: str | None


def equipment_status(events: Iterable[Mapping[str, Any] | Event], equipment: str | None = None) -> EquipmentStatus:
    """The furthest lifecycle stage that asserted or reported events establish.

    Planned, conditional, negated, denied and hypothetical events never
    advance the status (a plan is ``announced`` at most).  A later report of
    an earlier stage does not move the status back; ``withdrawn`` does, when
    it is dated after the stage it ends.
    """
    best: tuple[int, str, str] | None = None  # rank, stage, date
    withdrawn: str | None = None
    for raw in events:
        ev = _as_dict(raw)
        if equipment and equipment not in (ev.get("equipment") or ()):
            continue
        stage = lifecycle_of(ev)
        if stage is None or stage == "shown":
            continue
        if ev.get("modality") not in _FACTUAL and stage != "announced":
            continue
        when = sort_date(ev.get("date"), ev.get("reported"))[0] or (ev.get("reported") or "")[:10]
        if stage == "announced":
            when = (ev.get("reported") or "")[:10]  # announced when reported, not when planned for
        if stage == "withdrawn":
            withdrawn = max(withdrawn or "", when)
            continue
        rank = _RANK[stage]
        if best is None or rank > best[0] or (rank == best[0] and when and when < best[2]):
            best = (rank, stage, when)
    if withdrawn and (best is None or withdrawn >= best[2]):
        return EquipmentStatus("withdrawn", withdrawn or None)
    if best is None:
        return EquipmentStatus(None, None)
    return EquipmentStatus(best[1], best[2] or None)
