"""Plotly figure specifications (plain data) for the pages; ``static/dossier.js`` draws them.

Built here so the page's script only hands data to Plotly: no text from an
article is ever evaluated, and titles travel as JSON strings that Plotly
renders as text.
"""

from __future__ import annotations

import calendar
import html
import re
from typing import Any

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")

#: Equipment lifecycle stages in order (``resolve.timeline``), for the bands.
STAGE_COLOURS = {
    "requested": "#e8eef7",
    "agreed": "#dce8f5",
    "announced": "#eef3e2",
    "in_transit": "#fdf0d8",
    "delivered": "#fbe3c4",
    "deployed": "#f6d7d7",
    "shown": "#efe1f3",
    "combat_duty": "#f3cccc",
    "entered_service": "#e0d3ec",
}


def interval(date: str | None) -> tuple[str, str] | None:
    """The first and last day a (possibly partial) date value covers, or None when it fixes no year."""
    if not date:
        return None
    if m := _DAY.match(date):
        return m.group(1), m.group(1)
    if m := _MONTH.match(date):
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            return None
        last = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    if m := _YEAR.match(date):
        return f"{m.group(1)}-01-01", f"{m.group(1)}-12-31"
    return None


def _label(e: dict[str, Any]) -> str:
    # Plotly reads a few HTML tags in hover text: untrusted names are escaped so they stay text.
    who = ", ".join(e.get("actors") or []) or "-"
    what = ", ".join(e.get("equipment") or [])
    return html.escape(f"{e['kind']}: {who}" + (f" / {what}" if what else ""))


def timeline(record: dict[str, Any]) -> dict[str, Any]:
    """Events on a time axis: one lane per kind, an extra lane for undated events at their report
    date; an interval for a partial date; marker size by independent sources; contested dates
    drawn as crosses.  ``customdata`` is the event's provenance page."""
    dated: dict[str, list[Any]] = {"x": [], "y": [], "text": [], "customdata": [], "size": [], "symbol": []}
    undated: dict[str, list[Any]] = {"x": [], "y": [], "text": [], "customdata": [], "size": [], "symbol": []}
    spans: dict[str, list[Any]] = {"x": [], "y": []}
    for e in record["entries"]:
        n = int(e.get("independent_sources") or 1)
        span = None if e.get("undated") else interval(e.get("date"))
        target = undated if span is None else dated
        x = (e.get("sort_date") or "")[:10] if span is None else span[0]
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", x) or not 1900 <= int(x[:4]) <= 2100:
            continue  # nothing to place it at (an undated event in an undated report sorts as 9999-12-31)
        lane = "undated (report date)" if span is None else e["kind"]
        target["x"].append(x)
        target["y"].append(lane)
        target["text"].append(
            f"{_label(e)}<br>{html.escape(e.get('date') or 'undated')} · {n} independent source(s)"
            + (" · contested" if e.get("contested") else "")
        )
        target["customdata"].append(f"/events/{int(e['id'])}")
        target["size"].append(8 + 4 * min(n, 6))
        target["symbol"].append("x" if e.get("contested") else "circle")
        if span and span[0] != span[1]:
            spans["x"] += [span[0], span[1], None]
            spans["y"] += [lane, lane, None]
    data: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": spans["x"],
            "y": spans["y"],
            "line": {"width": 6, "color": "rgba(60,90,160,0.35)"},
            "hoverinfo": "skip",
            "name": "date interval",
        }
    ]
    for name, pts, colour in (("dated", dated, "#2f5aa8"), ("undated", undated, "#999999")):
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": name,
                "x": pts["x"],
                "y": pts["y"],
                "text": pts["text"],
                "customdata": pts["customdata"],
                "hovertemplate": "%{text}<extra></extra>",
                "marker": {"size": pts["size"], "symbol": pts["symbol"], "color": colour, "line": {"width": 1}},
            }
        )
    shapes, annotations = [], []
    for band in lifecycle_bands(record["entries"]):
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": band["start"],
                "x1": band["end"],
                "y0": 0,
                "y1": 1,
                "fillcolor": STAGE_COLOURS.get(band["stage"], "#eeeeee"),
                "opacity": 0.6,
                "layer": "below",
                "line": {"width": 0},
            }
        )
        annotations.append(
            {
                "x": band["start"],
                "y": 1.02,
                "xref": "x",
                "yref": "paper",
                "text": band["stage"].replace("_", " "),
                "showarrow": False,
                "xanchor": "left",
                "font": {"size": 10},
            }
        )
    lanes = len({y for d in data[1:] for y in d["y"]}) or 1
    layout = {
        "height": 140 + 34 * lanes,
        "margin": {"l": 190, "r": 20, "t": 40, "b": 40},
        "xaxis": {"type": "date", "title": {"text": "date"}},
        "yaxis": {"type": "category", "automargin": True},
        "shapes": shapes,
        "annotations": annotations,
        "showlegend": False,
        "hovermode": "closest",
    }
    return {"data": data, "layout": layout}


def lifecycle_bands(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Equipment lifecycle stages as date bands: each stage from the first dated event that stands
    for it to the first of the next stage reached (the last band is one day long)."""
    firsts: dict[str, str] = {}
    for e in entries:
        stage, span = e.get("lifecycle"), interval(e.get("date"))
        if stage and span and not e.get("undated") and (stage not in firsts or span[0] < firsts[stage]):
            firsts[stage] = span[0]
    ordered = sorted(firsts.items(), key=lambda kv: kv[1])
    bands = []
    for i, (stage, start) in enumerate(ordered):
        end = ordered[i + 1][1] if i + 1 < len(ordered) else start
        bands.append({"stage": stage, "start": start, "end": end if end > start else start + " 23:59"})
    return bands


def attention(per_day: list[dict[str, Any]]) -> dict[str, Any]:
    """Mentions per publication day as bars (attention over time)."""
    return {
        "data": [
            {
                "type": "bar",
                "x": [d["day"] for d in per_day],
                "y": [d["mentions"] for d in per_day],
                "name": "mentions",
                "marker": {"color": "#2f5aa8"},
                "hovertemplate": "%{x}: %{y} mentions<extra></extra>",
            }
        ],
        "layout": {
            "height": 220,
            "margin": {"l": 40, "r": 10, "t": 10, "b": 40},
            "xaxis": {"type": "date"},
            "yaxis": {"title": {"text": "mentions"}},
            "bargap": 0.2,
        },
    }
