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
marked ``undated``.

One real-world event, one entry (:func:`merge_reports`): reports of the
same event by several articles and in several languages become one entry
listing every source, even when each names the actor its own way ("Minsk",
"Lukashenko", "Belarus") or gives its date at another granularity.  Reports
are the same event when they are of the same kind (a request for equipment
and a demand for it are both the *requested* stage), the same polarity
(asserted/reported, negated/denied and intended claims stay apart: they
are different claims about it), name the same equipment, and have
compatible dates; events without equipment must also share an actor.  An
undated report joins the dated event it can be about (the latest one not
after its report); one without even a publication date joins a dated event
only when it is the single dated report of a lifecycle stage.  The entry's actor is the one most sources name.

Reports that event coreference joined (events carrying the same ``cluster_id``, set by the store
from its cross-article clusters) are one entry too, whatever their actors or wording: "the court
arrested Bubnov" and, later in the same article, "Bubnov was detained" (issue #10).  Only reports
of the same polarity join (a cluster holds "delivered" and "not delivered" alike, so that the
contradiction shows); events that coreference did not join are merged only by the rules above.
The joined entry's sources are the union of its reports' and its date the one most of them give.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple

from dossier.analyze.timex.intervals import compatible
from dossier.model import STATEMENT, Event, to_record
from dossier.resolve.entities import fold_name

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


def _sentence_key(ev: Mapping[str, Any]) -> tuple[Any, Any]:
    """The sentence an event was read from: its article and its sentence (index or text)."""
    return ev.get("article_id"), ev.get("sentence_text", ev.get("sentence"))


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


_POLARITY = {"asserted": "fact", "reported": "fact", "negated": "negative", "denied": "negative"}


def polarity(modality: str | None) -> str:
    """``fact`` (asserted, reported), ``negative`` (negated, denied) or ``intent`` (the rest):
    reports of different polarity are different claims about an event."""
    return _POLARITY.get(str(modality or "asserted"), "intent")


def _polarity(entry: Mapping[str, Any]) -> str:
    return polarity(entry.get("modality"))


def _event_type(entry: Mapping[str, Any]) -> str:
    stage = entry.get("lifecycle") if "lifecycle" in entry else lifecycle_of(entry)
    return f"stage:{stage}" if stage in ("requested", "agreed") else str(entry.get("kind"))


def _people(entry: Mapping[str, Any]) -> set[str]:
    return {str(a).casefold() for a in entry.get("actors") or ()}


#: Event types that happen to a system once: the equipment and the date identify the event,
#: whoever each report names as the actor.
_EQUIPMENT_TYPES = {"stage:requested", "stage:agreed", *(k for k in _KIND_LIFECYCLE if k != "EQUIPMENT_SHOWN")}


def _same_event(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two dated-or-not entries can be reports of one real-world event."""
    if _event_type(a) != _event_type(b) or _polarity(a) != _polarity(b):
        return False
    eq_a, eq_b = set(a.get("equipment") or ()), set(b.get("equipment") or ())
    if (eq_a or eq_b) and not eq_a & eq_b:
        return False
    # Who acted tells apart events other than a system's lifecycle stages.
    if not (eq_a and _event_type(a) in _EQUIPMENT_TYPES) and not _people(a) & _people(b):
        return False
    return compatible(a.get("date"), b.get("date"), a.get("reported"), b.get("reported"))


def _weight(entry: Mapping[str, Any]) -> int:
    return len(entry.get("sources") or ()) or 1


def _absorb(into: TimelineEntry, other: TimelineEntry) -> None:
    into.setdefault("_members", [dict(into)])
    into["_members"].append(other)
    if other.get("_clusters"):  # the coreference clusters of its reports (see :func:`_join_coreferent`)
        into["_clusters"] = into.get("_clusters", frozenset()) | other["_clusters"]
    into["sources"] = [*into["sources"], *other["sources"]]
    if other.get("reported") and (not into.get("reported") or other["reported"] < into["reported"]):
        into["reported"] = other["reported"]


def _settle(entry: TimelineEntry) -> None:
    """Fields of a merged entry from its members: the date and actors most sources give."""
    members = entry.pop("_members", None)
    if not members:
        return
    dates = _date_support([m for m in members if m.get("date")])
    if dates:
        # The most sources (a month's reports count for each day of it), then the most precise value.
        entry["date"] = max(dates, key=lambda d: dates[d])
        entry["date_text"] = next(m.get("date_text") for m in members if m.get("date") == entry["date"])
        # Borrowed from a coreferent report only when no member gives the date in its own words.
        giving = [m for m in members if m.get("date") == entry["date"]]
        if all(m.get("date_from") for m in giving):
            entry["date_from"] = giving[0]["date_from"]
        else:
            entry.pop("date_from", None)
    votes: dict[str, int] = {}
    for m in members:
        for name in m.get("actors") or ():
            votes[name] = votes.get(name, 0) + _weight(m)
    best = max(members, key=lambda m: (sum(votes.get(a, 0) for a in m.get("actors") or ()), _weight(m)))
    entry["actors"] = list(best.get("actors") or [])
    entry["targets"] = list(
        dict.fromkeys(t for m in members for t in m.get("targets") or () if t not in entry["actors"])
    )
    entry["equipment"] = list(dict.fromkeys(x for m in members for x in m.get("equipment") or ()))
    entry["entity_ids"] = sorted({i for m in members for i in m.get("entity_ids") or ()})
    top = max(members, key=_weight)
    entry["attributed_to"] = top.get("attributed_to")
    modalities = [m.get("modality") for m in members]
    entry["modality"] = "reported" if "reported" in modalities else modalities[0]
    entry["merged_reports"] = len(members)


def _date_support(dated: list[TimelineEntry]) -> dict[str, tuple[int, int, int]]:
    """Each date the reports give, with ``(supporting sources, precision, specificity)``.

    Why: a report that says "in December 2024" supports the report that says "on 6 December 2024"
    (it is a less precise account of the same day), so the entry takes the day even when more
    sources give only the month.  A date's sources are those of every report whose date is
    compatible with it (contains it or lies in it); then the more precise value wins.
    """
    weights: dict[str, int] = {}
    first: dict[str, TimelineEntry] = {}  # a report of each value: its reporting date reads a year-less value
    for m in dated:
        weights[m["date"]] = weights.get(m["date"], 0) + _weight(m)
        first.setdefault(m["date"], m)
    return {
        value: (
            sum(
                w
                for other, w in weights.items()
                if other == value
                or compatible(value, other, first[value].get("reported"), first[other].get("reported"))
            ),
            _precision(first[value]),
            len(value.replace("X", "")),
        )
        for value in weights
    }


#: How long after an event an undated report of a kind without a lifecycle can still be about it.
_UNDATED_WINDOW_DAYS = 7


def _calendar_day(text: str) -> date | None:
    """The day ``yyyy-mm-dd`` names, a day past its month's end as the month's last day.

    Stored values come from many hands (imports, corrections, older rules), so a value such as
    ``2025-02-30`` must order and measure like the end of February, never stop a timeline.
    """
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text[:10])
    if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    return date(year, month, min(int(m.group(3)) or 1, calendar.monthrange(year, month)[1]))


def _days_between(group: Mapping[str, Any], reported: str) -> int:
    """Days from the group's date to ``reported``; 0 where either is not a calendar day."""
    when = sort_date(group.get("date"), group.get("reported"))[0]
    start, end = (_calendar_day(when) if when else None), _calendar_day(reported)
    if start is None or end is None:
        return 0
    return (end - start).days


def _fits_without_any_date(entry: Mapping[str, Any], fits: list[TimelineEntry]) -> list[TimelineEntry]:
    """Where a report with neither a date nor a publication date may go.

    Nothing says which occasion it reports, so it must not be filed under the
    latest one by default (a quote from last year's talks would join this
    week's statement).  A system's lifecycle stage happens once, so such a
    report joins the only dated report of that stage; anything else, or a
    stage dated several times, joins only other undated reports of it.
    """
    dated = [g for g in fits if g.get("date")]
    if lifecycle_of(entry) and len(dated) == 1:
        return dated
    return [g for g in fits if not g.get("date")]


_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: A plain calendar value in ASCII digits, nothing around it: a day, a month or a year.
_EXACT_RE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")


def _date_shelves(value: Any) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """Where a group dated ``value`` is shelved, and which shelves an entry dated ``value`` reads.

    Why it is safe: two plain values (``2025``, ``2025-09``, ``2025-09-26``) are compatible only
    when the shorter is a prefix of the longer (overlapping calendar spans share the year and
    month; values that are no real date are compared part by part).  So a day reads its own
    day, its month, its year; a month reads the days in it, itself and its year; a year reads
    everything in it.  Any other value (a week, ``XXXX-09-26``, a season, a clock time, a
    reference) is shelved apart, read by every dated entry, and reads every group itself.
    """
    if not isinstance(value, str) or not _EXACT_RE.fullmatch(value):
        return (("other", ""),), (("all", ""),)
    if len(value) == 10:
        shelves = (("day", value), ("in-month", value[:7]), ("in-year", value[:4]))
        return shelves, (("day", value), ("month", value[:7]), ("year", value[:4]), ("other", ""))
    if len(value) == 7:
        shelves = (("month", value), ("in-month", value), ("in-year", value[:4]))
        return shelves, (("in-month", value), ("year", value[:4]), ("other", ""))
    return (("year", value), ("in-year", value)), (("in-year", value), ("other", ""))


def _match_tokens(entry: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """Values of which two entries must share one for :func:`_same_event` to hold.

    Entries with equipment must share a system (and an entry with equipment never matches one
    without); entries without must share an actor.  An entry with neither matches nothing.
    """
    equipment = entry.get("equipment") or ()
    if equipment:
        return tuple(("eq", x) for x in dict.fromkeys(equipment))
    return tuple(("who", a) for a in sorted(_people(entry)))


def _signature(entry: Mapping[str, Any]) -> tuple[Any, ...]:
    """Everything :func:`_same_event` reads of its first argument: equal signatures, equal verdicts."""
    return (
        _event_type(entry),
        _polarity(entry),
        frozenset(entry.get("equipment") or ()),
        frozenset(_people(entry)),
        entry.get("date"),
        entry.get("reported"),
    )


class _GroupIndex:
    """The merge's groups, indexed so an entry is compared only with groups it could join.

    Why: comparing every entry with every group (and every member of a group) made merging a
    busy subject's window of 5,000 events take seconds.  :func:`_same_event` needs the same event
    type and polarity and a shared system or actor, and compatible dates (see
    :func:`_date_shelves`); groups are listed under those keys.  Candidates come back in the
    order the groups were made, so the first (or latest-dated) fitting group is the one a full
    scan would pick.  Each group's members are kept once per :func:`_signature`, since members
    that look alike to :func:`_same_event` give the same verdict.
    """

    def __init__(self) -> None:
        self.groups: list[TimelineEntry] = []
        self._shelves: dict[tuple[Any, ...], list[int]] = {}
        self._kinds: list[dict[tuple[Any, ...], TimelineEntry]] = []
        self._seen: list[int] = []

    def add(self, entry: TimelineEntry) -> None:
        n = len(self.groups)
        self.groups.append(entry)
        self._kinds.append({})
        self._seen.append(0)
        head = (_event_type(entry), _polarity(entry))
        shelves, _reads = _date_shelves(entry.get("date"))
        for token in _match_tokens(entry):
            for shelf in (*shelves, ("all", "")):
                self._shelves.setdefault((*head, token, shelf), []).append(n)

    def candidates(self, entry: Mapping[str, Any]) -> list[int]:
        """Indexes, in order of creation, of the groups that might be the same event as ``entry``."""
        head = (_event_type(entry), _polarity(entry))
        # An undated entry is compatible with any date: it reads every shelf.
        reads = _date_shelves(entry.get("date"))[1] if entry.get("date") else (("all", ""),)
        found: set[int] = set()
        for token in _match_tokens(entry):
            for shelf in reads:
                found.update(self._shelves.get((*head, token, shelf), ()))
        return sorted(found)

    def absorb(self, n: int, entry: TimelineEntry) -> None:
        """Merge ``entry`` into group ``n`` and note the new members' signatures."""
        group = self.groups[n]
        _absorb(group, entry)
        members = group["_members"]
        kinds = self._kinds[n]
        for member in members[self._seen[n] :]:
            kinds.setdefault(_signature(member), member)
        self._seen[n] = len(members)

    def members_agree(self, n: int, entry: Mapping[str, Any]) -> bool:
        """Whether every member of group ``n`` can be the same event as ``entry``."""
        return all(_same_event(m, entry) for m in self._kinds[n].values())


def merge_reports(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """Merge entries that report one real-world event (see the module docstring).

    Dated entries merge first (most sources first, so the best-attested
    reading anchors the group); each undated one then joins the latest
    compatible dated event that is not after its report, else another
    undated report of the same event.  Groups are looked up through a
    :class:`_GroupIndex`, so the cost grows with the candidates, not with the window.
    """
    # The most precise dates first (a day before its month), then the most sources: a coarse report
    # then finds the precise groups it may belong to already made (see :func:`_coarse_home`).
    dated = sorted((e for e in entries if e.get("date")), key=lambda e: (-_precision(e), -_weight(e)))
    undated = [e for e in entries if not e.get("date")]
    index = _GroupIndex()
    groups = index.groups
    for e in dated:
        fits = [n for n in index.candidates(e) if _same_event(groups[n], e) and index.members_agree(n, e)]
        at = _coarse_home(e, fits, groups)
        if at is None:
            index.add(e)
        else:
            index.absorb(at, e)
    # An undated report of a coreference cluster goes to the group holding a report of that cluster
    # (and polarity) when there is one: filed by the rules below under the latest event its actor
    # took part in, it would make the coreference join fuse that event with its own.
    coreferent: dict[tuple[Any, str], TimelineEntry] = {}
    for g in groups:
        for cluster in g.get("_clusters") or ():
            coreferent.setdefault((cluster, _polarity(g)), g)
    for e in undated:
        side = _polarity(e)
        clusters = sorted(e.get("_clusters") or (), key=str)
        mine = _statement_speakers(e)
        home = next(
            (
                g
                for g in (coreferent[(c, side)] for c in clusters if (c, side) in coreferent)
                if not (mine and _statement_speakers(g) and mine.isdisjoint(_statement_speakers(g)))
            ),
            None,
        )
        if home is None:
            home = _undated_home(e, [groups[n] for n in index.candidates(e) if _same_event(groups[n], e)])
        if home is None:
            index.add(e)
        else:
            _absorb(home, e)
        for cluster in clusters:
            coreferent.setdefault((cluster, side), home or e)
    folded = _join_same_day_statements(_join_coreferent(_fold_statements(list(groups))))
    for g in folded:
        g.pop("_clusters", None)
        _settle(g)
    return folded


def _precision(entry: Mapping[str, Any]) -> int:
    """How finely an entry's date places it: 3 a day, 2 a month or week, 1 a year or longer period."""
    return sort_date(entry.get("date"), entry.get("reported"))[2]


def _coarse_home(e: TimelineEntry, fits: list[int], groups: list[TimelineEntry]) -> int | None:
    """The group a dated report joins among those it fits (indexes in order of creation).

    Why: a report that only knows the month ("in December 2024") or the week is a less precise
    report of an event another report dates to the day; it belongs to that day's entry, and the
    entry keeps the day (:func:`_settle`).  When it fits several groups, reports of the same kind
    about the same subject on different days within its period are evidence of a repeated action,
    and the coarse report cannot say which one it means: it joins a group holding a report of its
    own date (an earlier coarse report it repeats), else stands as an entry of its own.
    """
    if len(fits) <= 1:
        return fits[0] if fits else None
    date_value = e.get("date")
    same = [n for n in fits if any(m.get("date") == date_value for m in groups[n].get("_members", (groups[n],)))]
    if same:
        return same[0]
    if all(_precision(groups[n]) <= _precision(e) for n in fits):
        return fits[0]  # nothing more precise to tell apart: the first (best-attested) reading
    return None


def _undated_home(e: TimelineEntry, fits: list[TimelineEntry]) -> TimelineEntry | None:
    """The group an undated report joins by :func:`merge_reports`' rules: the latest compatible
    dated event not after its report, else another undated report of the same event."""
    reported = (e.get("reported") or "")[:10]
    if reported:
        before = [g for g in fits if (sort_date(g.get("date"), g.get("reported"))[0] or "") <= reported]
        if not lifecycle_of(e):  # a statement or act is news for a few days, not months
            before = [g for g in before if _days_between(g, reported) <= _UNDATED_WINDOW_DAYS]
    else:
        before = _fits_without_any_date(e, fits)
    return max(before, key=lambda g: sort_date(g.get("date"), g.get("reported"))[0] or "") if before else None


def _root(parent: list[int], i: int) -> int:
    """The representative of ``i`` in a union-find forest (paths halved on the way)."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _fold_joined(groups: list[TimelineEntry], parent: list[int]) -> list[TimelineEntry]:
    """``groups`` with each one joined (:func:`_join`) into its union-find representative, in order."""
    if all(parent[i] == i for i in range(len(groups))):
        return groups
    out: list[TimelineEntry] = []
    for i, g in enumerate(groups):
        r = _root(parent, i)
        if r == i:
            out.append(g)
        else:
            _join(groups[r], g)
    return out


def _join_coreferent(groups: list[TimelineEntry]) -> list[TimelineEntry]:
    """Join the groups that hold reports of one coreference cluster, of the same polarity.

    Why: event coreference (``resolve.eventcoref``) ties "the court arrested Bubnov" to "Bubnov was
    detained" in the same article, and the store lists each one's cluster mates as its sources; as
    two entries they showed one arrest twice, each citing both sentences.  Each group's clusters are
    its reports' (``_clusters``, from their ``cluster_id``); groups sharing a (cluster, polarity) are
    joined, transitively, into the first of them in ``groups`` (the best-attested reading anchors
    the entry, as in :func:`merge_reports`).  A group whose reports carry no cluster joins nothing.
    """
    home: dict[tuple[Any, str], int] = {}  # (cluster, polarity) -> index of the group holding it
    parent = list(range(len(groups)))
    speakers = [_statement_speakers(g) for g in groups]  # per root: who made the statements it holds

    def root(i: int) -> int:
        return _root(parent, i)

    for i, g in enumerate(groups):
        side = _polarity(g)
        for cluster in sorted(g.get("_clusters") or (), key=str):
            j = home.setdefault((cluster, side), i)
            a, b = root(i), root(j)
            if a != b and not (speakers[a] and speakers[b] and speakers[a].isdisjoint(speakers[b])):
                parent[max(a, b)] = min(a, b)
                speakers[min(a, b)] = speakers[a] | speakers[b]
    return _fold_joined(groups, parent)


def _statement_matter(group: Mapping[str, Any], speakers: frozenset[str]) -> set[tuple[str, Any]]:
    """What a statement group is about, as tokens two statements of one matter share: the systems
    it names, whom it was addressed to or about (its targets other than its speakers), and its
    coreference clusters."""
    tokens: set[tuple[str, Any]] = {("eq", x) for x in group.get("equipment") or ()}
    tokens.update(("to", fold_name(str(x))) for x in group.get("targets") or () if x)
    tokens.difference_update(("to", x) for x in speakers)
    tokens.update(("cl", c) for c in group.get("_clusters") or ())
    return tokens


def _join_same_day_statements(groups: list[TimelineEntry]) -> list[TimelineEntry]:
    """Join statement groups of one speaker on one day about one matter (issue #10).

    Why: "Khrenin told Lukashenko on 17 December that the Oreshnik was on combat duty" and "Khrenin
    had reported to Lukashenko on December 17 that the complex was on combat duty" are one report
    to the president; the second names no system (the rules find none in "the complex"), so the
    merge's shared-system rule kept them two entries.  Statement groups join when they have the
    same polarity, the same day (a date to the day), a named speaker in common and a matter in
    common (:func:`_statement_matter`: a system, an addressee or a coreference cluster); never when
    both name systems and no system is common to them (two matters), nor when no speaker is
    shared (each speaker's statement is a claim of its own, see :func:`_statement_speakers`).
    Work is linear: groups meet only through a (polarity, day, speaker, matter) key.
    """
    parent = list(range(len(groups)))
    systems = [set(g.get("equipment") or ()) for g in groups]  # per root: the systems its statements name
    seen: dict[tuple[Any, ...], int] = {}

    def root(i: int) -> int:
        return _root(parent, i)

    for i, g in enumerate(groups):
        speakers = frozenset(fold_name(str(a)) for a in _statement_speakers(g))
        if not speakers or not _DAY_RE.match(str(g.get("date") or "")):
            continue
        head = (_polarity(g), g["date"])
        for speaker in sorted(speakers):
            for token in sorted(_statement_matter(g, speakers), key=str):
                j = seen.setdefault((*head, speaker, token), i)
                a, b = root(i), root(j)
                if a == b or (systems[a] and systems[b] and systems[a].isdisjoint(systems[b])):
                    continue
                parent[max(a, b)] = min(a, b)
                systems[min(a, b)] = systems[a] | systems[b]
    return _fold_joined(groups, parent)


def _statement_speakers(group: Mapping[str, Any]) -> frozenset[str]:
    """The named actors of a statement group; empty for any other kind.

    A cluster of statements can hold what several people said about one matter (coreference keys
    statements on their story and subject); each speaker's statement is a claim of its own, so two
    statement groups with different named speakers stay two entries.  Acts keep joining whatever
    their actors: the cluster, not the wording of the actor, says they are one happening.
    """
    if group.get("kind") != STATEMENT:
        return frozenset()
    return frozenset(a for a in group.get("actors") or () if a)


def _join(into: TimelineEntry, other: TimelineEntry) -> None:
    """:func:`_absorb` a whole group: its reports become members one by one, so that the joined
    entry's date and actors are the ones most of the cluster's reports give."""
    members = other.pop("_members", None) or [other]
    _absorb(into, other)  # sources, first report, clusters: the group's are its reports' together
    into["_members"][-1:] = members


def _speakers(entry: Mapping[str, Any]) -> set[str]:
    """Folded names of whoever a claim is attributed to, in the entry and the reports merged into it."""
    names = [entry.get("attributed_to"), *(m.get("attributed_to") for m in entry.get("_members", ()))]
    return {fold_name(str(n)) for n in names if n}


def _fold_statements(groups: list[TimelineEntry]) -> list[TimelineEntry]:
    """Put a statement into the claim its speaker made that day about the same system.

    Why: "Ryzhenkov said Belarus is deploying the Oreshnik lawfully" is read in one report as a
    deployment attributed to Ryzhenkov, and in another language, where the deployment is a noun
    ("размещение «Орешника»"), as a statement by Ryzhenkov about the Oreshnik: one speech act,
    two entries.  A statement joins such a claim only when it is dated to the day, names
    equipment the claim names, and the claim is attributed to one of its speakers on that very
    day; an undated quote or one about another system stays its own entry.  So does a statement
    that is not itself asserted ("Volkova denied...", "Volkova will speak..."): folded into a
    claim of the opposite sense, it would hide that the reports disagree.
    """
    claims = [g for g in groups if g.get("kind") != STATEMENT and _polarity(g) == "fact"]
    # Listed by date (in order), since a statement joins only a claim of its very day.
    claims_on: dict[Any, list[TimelineEntry]] = {}
    for c in claims:
        claims_on.setdefault(c.get("date"), []).append(c)
    out: list[TimelineEntry] = []
    for g in groups:
        home = None
        if (
            g.get("kind") == STATEMENT
            and _polarity(g) == "fact"
            and _DAY_RE.match(str(g.get("date") or ""))
            and g.get("equipment")
        ):
            speakers = {fold_name(str(a)) for a in g.get("actors") or ()}
            home = next(
                (
                    c
                    for c in claims_on.get(g["date"], ())
                    if c.get("date") == g["date"]
                    and set(c.get("equipment") or ()) & set(g["equipment"])
                    and _speakers(c) & speakers
                ),
                None,
            )
        if home is None:
            out.append(g)
        else:
            _absorb(home, g)
    return out


#: Event fields that describe one report, not the entry (its sources say them).
_NOT_ENTRY_FIELDS = frozenset({"article_id", "outlet", "url", "sentence_text", "cluster_id"})


def build_timeline(
    events: Iterable[Mapping[str, Any] | Event], subject_ids: Sequence[str] | None = None
) -> list[TimelineEntry]:
    """The events about ``subject_ids`` (names or entity ids; all when empty),
    merged across articles (one entry per real-world event, see
    :func:`merge_reports`) and ordered in time (see the module docstring).

    An event's ``cluster_id`` (its event-coreference cluster, when the store gives one) joins it
    with the other reports of that cluster and the same polarity into one entry."""
    subjects = set(subject_ids or ())
    merged: dict[tuple[Any, ...], TimelineEntry] = {}
    # A plain dict is read as it is (nothing here changes an event): copying each of a window's
    # thousands of events cost more than merging them.
    about = [ev for ev in (e if type(e) is dict else _as_dict(e) for e in events) if _involves(ev, subjects)]
    # "X said the complex was on its way" is one claim: the movement, attributed to X.  The
    # statement event of that sentence is its attribution (kept as ``attributed_to``), not a
    # second entry; a statement stands on the timeline only where its sentence reports nothing else.
    reporting = {_sentence_key(ev) for ev in about if ev.get("kind") != STATEMENT}
    for ev in about:
        if ev.get("kind") == STATEMENT and _sentence_key(ev) in reporting:
            continue
        key = _claim_key(ev)
        cluster = ev.get("cluster_id")
        if key in merged:
            entry = merged[key]
            entry["sources"].append(_source(ev))
            if cluster is not None:
                entry["_clusters"] = entry["_clusters"] | {cluster}
            if ev.get("reported") and (not entry.get("reported") or ev["reported"] < entry["reported"]):
                entry["reported"] = ev["reported"]  # first report of the claim
            continue
        entry = {k: v for k, v in ev.items() if k not in _NOT_ENTRY_FIELDS}
        entry["lifecycle"] = lifecycle_of(ev)
        entry["sources"] = [_source(ev)]
        entry["_clusters"] = frozenset() if cluster is None else frozenset({cluster})
        merged[key] = entry
    # An entry that says neither who acted nor when ("the deployment ... is seen as a response to
    # sanctions") is background to the subject, not a step of its history: it stays in the event
    # listings, not on the timeline.  Equipment lifecycle steps stay, since the status line counts them.
    out = [e for e in merge_reports(list(merged.values())) if e.get("actors") or e.get("date") or e.get("lifecycle")]
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
    """The lifecycle stage reached, the date the independent sources give for it (None when
    unknown), and the other dates some sources give for that stage (``contested``).

    ``by_report`` says that no source dates the stage: ``date`` is then the day it was first
    reported, an upper bound ("by that day"), not the day it happened."""

    status: str | None
    date: str | None
    contested: tuple[str, ...] = ()
    by_report: bool = False


def _support(ev: Mapping[str, Any]) -> set[str]:
    """The independent sources behind an event or timeline entry (one per article when unknown)."""
    keys = {str(s.get("independent") or f"article:{s.get('article_id')}") for s in ev.get("sources") or ()}
    return keys or {f"article:{ev.get('article_id', ev.get('id'))}"}


def equipment_status(events: Iterable[Mapping[str, Any] | Event], equipment: str | None = None) -> EquipmentStatus:
    """The furthest lifecycle stage that asserted or reported events establish, and when.

    Planned, conditional, negated, denied and hypothetical events never
    advance the status (a plan is ``announced`` at most).  A later report of
    an earlier stage does not move the status back; ``withdrawn`` does, when
    it is dated after the stage it ends.  The date of the stage is the one
    the most independent sources give (timeline entries carry their
    ``sources`` with ``independent`` keys; a bare event counts as one
    source), the earliest on a tie; the other dates are ``contested``, so a
    single report cannot set the status date against the rest.
    """
    stages: dict[str, dict[str, set[str]]] = {}  # stage -> date -> independent sources
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
        day, _assumed, precision = sort_date(ev.get("date"), ev.get("reported"))
        when = day or (ev.get("reported") or "")[:10]
        value = (day if precision == 3 else ev.get("date")) if day else None
        if stage == "announced":
            value, when = None, (ev.get("reported") or "")[:10]  # announced when reported, not when planned for
        if stage == "withdrawn":
            withdrawn = max(withdrawn or "", when)
            continue
        by_date = stages.setdefault(stage, {})
        by_date.setdefault(value or f"~{when}", set()).update(_support(ev))
    if not stages:
        return EquipmentStatus("withdrawn", withdrawn or None) if withdrawn else EquipmentStatus(None, None)
    stage = max(stages, key=lambda x: _RANK[x])
    by_date = stages[stage]
    dated = [d for d in by_date if not d.startswith("~")]
    if dated:
        # A date is supported by the sources of every compatible value (the month supports its days).
        support = {d: set().union(*(by_date[o] for o in dated if compatible(d, o))) for d in dated}
        best = min(dated, key=lambda d: (-len(support[d]), -len(d), sort_date(d, None)[0] or d))
        contested = tuple(sorted({d for d in dated if not compatible(d, best)}))
    else:  # only undated reports: the stage was reached by the first report of it
        best, contested = min(by_date)[1:], ()
    if withdrawn and withdrawn >= (sort_date(best, None)[0] or best):
        return EquipmentStatus("withdrawn", withdrawn or None)
    return EquipmentStatus(stage, best or None, contested, by_report=not dated and bool(best))
