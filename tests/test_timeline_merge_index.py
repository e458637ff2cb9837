"""The indexed ``merge_reports`` gives exactly what the plain all-pairs scan gave.

The reference below is the former implementation, kept verbatim in logic: every entry compared
with every group and every member.  Random entry lists mix kinds, polarities, dates at several
granularities, undated reports with and without publication dates, lifecycle kinds, statements,
and shared or different actors and equipment.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.model import STATEMENT
from dossier.resolve import timeline as tl


def _reference_fold(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    claims = [g for g in groups if g.get("kind") != STATEMENT and tl._polarity(g) == "fact"]
    out = []
    for g in groups:
        home = None
        if (
            g.get("kind") == STATEMENT
            and tl._polarity(g) == "fact"
            and tl._DAY_RE.match(str(g.get("date") or ""))
            and g.get("equipment")
        ):
            speakers = {tl.fold_name(str(a)) for a in g.get("actors") or ()}
            home = next(
                (
                    c
                    for c in claims
                    if c.get("date") == g["date"]
                    and set(c.get("equipment") or ()) & set(g["equipment"])
                    and tl._speakers(c) & speakers
                ),
                None,
            )
        if home is None:
            out.append(g)
        else:
            tl._absorb(home, g)
    return out


def _reference_merge(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    dated = sorted((e for e in entries if e.get("date")), key=lambda e: (-tl._precision(e), -tl._weight(e)))
    undated = [e for e in entries if not e.get("date")]
    groups: list[dict[str, Any]] = []
    for e in dated:
        fits = [
            n
            for n, g in enumerate(groups)
            if tl._same_event(g, e) and all(tl._same_event(m, e) for m in g.get("_members", ()))
        ]
        n = tl._coarse_home(e, fits, groups)  # which fitting group a coarse date joins (not the index's work)
        if n is None:
            groups.append(e)
        else:
            tl._absorb(groups[n], e)
    for e in undated:
        reported = (e.get("reported") or "")[:10]
        fits = [g for g in groups if tl._same_event(g, e)]
        if reported:
            before = [g for g in fits if (tl.sort_date(g.get("date"), g.get("reported"))[0] or "") <= reported]
            if not tl.lifecycle_of(e):
                before = [g for g in before if tl._days_between(g, reported) <= tl._UNDATED_WINDOW_DAYS]
        else:
            before = tl._fits_without_any_date(e, fits)
        home = max(before, key=lambda g: tl.sort_date(g.get("date"), g.get("reported"))[0] or "") if before else None
        if home is None:
            groups.append(e)
        else:
            tl._absorb(home, e)
    groups = tl._join_same_day_statements(_reference_fold(groups))
    for g in groups:
        tl._settle(g)
    return groups


_KINDS = ["EQUIPMENT_DELIVERED", "EQUIPMENT_DEPLOYED", "EQUIPMENT_SHOWN", "REQUEST", "DEMAND", "AGREE",
          "MEETING", STATEMENT, "ATTACK"]
_MODALITIES = ["asserted", "reported", "negated", "denied", "planned", None]
_DATES = ["2025-09-26", "2025-09-27", "2025-09-30", "2025-10-01", "2025-09", "2025-10", "2025", "2024",
          "2025-W39", "2025-W40", "XXXX-09-26", "2025-09-XX", "2025-Q3", "2025-09-26T10:00", "PAST_REF",
          "9999-12-31", "9999", "2025-02-30", "2025-13", "2025-13-01", "2025-02", "0000", None, None, None]
_REPORTED = ["2025-09-26", "2025-09-28", "2025-10-03", "2025-12-01", "2024-10-01", None]
_ACTORS = ["Belarus", "belarus", "Minsk", "Lukashenko", "Russia", "Ryzhenkov"]
_EQUIPMENT = ["Oreshnik", "Iskander", "S-400"]


@st.composite
def _entry(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(_KINDS))
    entry: dict[str, Any] = {
        "kind": kind,
        "modality": draw(st.sampled_from(_MODALITIES)),
        "date": draw(st.sampled_from(_DATES)),
        "date_text": draw(st.sampled_from(["then", "on Friday", None])),
        "reported": draw(st.sampled_from(_REPORTED)),
        "actors": draw(st.lists(st.sampled_from(_ACTORS), max_size=2, unique=True)),
        "targets": draw(st.lists(st.sampled_from(_ACTORS), max_size=1)),
        "equipment": draw(st.lists(st.sampled_from(_EQUIPMENT), max_size=2, unique=True)),
        "attributed_to": draw(st.sampled_from([None, "Ryzhenkov", "Lukashenko"])),
        "entity_ids": draw(st.lists(st.sampled_from(["e1", "e2", "e3"]), max_size=2)),
    }
    entry["lifecycle"] = tl.lifecycle_of(entry)
    n = draw(st.integers(1, 3))
    entry["sources"] = [{"article_id": draw(st.integers(0, 50)), "sentence": i} for i in range(n)]
    return entry


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_entry(), max_size=60))
def test_indexed_merge_matches_reference(entries: list[dict[str, Any]]) -> None:
    expected = _reference_merge(copy.deepcopy(entries))
    assert tl.merge_reports(copy.deepcopy(entries)) == expected


def test_a_month_fitting_two_day_groups_stands_alone() -> None:
    """A month fits two day groups: a repeated meeting, and the month cannot say which (issue #10)."""
    entries = [
        {"kind": "MEETING", "modality": "asserted", "date": d, "reported": "2025-10-02", "actors": ["Minsk"],
         "equipment": [], "sources": [{"article_id": i}] * w}
        for i, (d, w) in enumerate([("2025-09-27", 3), ("2025-09-26", 2), ("2025-09", 1)])
    ]
    merged = tl.merge_reports(copy.deepcopy(entries))
    assert merged == _reference_merge(copy.deepcopy(entries))
    assert [g["date"] for g in merged] == ["2025-09-27", "2025-09-26", "2025-09"]
    assert all("merged_reports" not in g for g in merged)


def test_same_day_crowd_matches_reference() -> None:
    """Many reports of one day by the same actor: the case that used to be quadratic in members."""
    entries = [
        {"kind": "MEETING", "modality": "asserted", "date": d, "reported": "2025-09-28", "actors": ["Minsk"],
         "equipment": [], "sources": [{"article_id": i}]}
        for i, d in enumerate(["2025-09-26", "2025-09", "2025-W39", "2025-09-26", "2025"] * 20)
    ]
    assert tl.merge_reports(copy.deepcopy(entries)) == _reference_merge(copy.deepcopy(entries))


def test_impossible_stored_day_never_stops_the_merge() -> None:
    """A stored '2025-02-30' (an import or an old rule) measures as 28 February, not a crash.

    An undated report published on 3 March lies within the week after it, so it joins that entry;
    one published in September is too late for a statement and stays apart.
    """
    dated = {"kind": "MEETING", "modality": "asserted", "date": "2025-02-30", "reported": "2025-03-01",
             "actors": ["Minsk"], "equipment": [], "sources": [{"article_id": 1}]}
    soon = {**dated, "date": None, "reported": "2025-03-03", "sources": [{"article_id": 2}]}
    late = {**dated, "date": None, "reported": "2025-09-26", "sources": [{"article_id": 3}]}
    merged = tl.merge_reports(copy.deepcopy([dated, soon, late]))
    assert [g["merged_reports"] for g in merged if g["date"] == "2025-02-30"] == [2]
    assert len(merged) == 2
    assert tl._days_between({"date": "2025-13-01"}, "2025-03-03") == 0
