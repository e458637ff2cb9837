"""Time ``merge_reports`` on seeded random windows of 500, 2,000 and 5,000 entries.

Why: merging used to compare every entry with every group; this shows how the cost grows.
"same-day" puts every report on one day around one actor and system (the busiest case);
"spread" spreads them over a year, several actors, systems, kinds and granularities.
Run: PYTHONPATH=src python bench/timeline_merge.py
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta
from typing import Any

from dossier.resolve.timeline import lifecycle_of, merge_reports

_KINDS = ["EQUIPMENT_DELIVERED", "EQUIPMENT_DEPLOYED", "REQUEST", "MEETING", "STATEMENT", "ATTACK"]
_MODALITIES = ["asserted", "asserted", "reported", "negated", "planned"]
_ACTORS = ["Belarus", "Minsk", "Lukashenko", "Russia", "Ryzhenkov", "Kyiv", "NATO", "Warsaw"]
_EQUIPMENT = ["Oreshnik", "Iskander", "S-400", "Patriot"]


def _date(rng: random.Random, day: date) -> str | None:
    roll = rng.random()
    if roll < 0.6:
        return day.isoformat()
    if roll < 0.75:
        return day.isoformat()[:7]
    if roll < 0.8:
        return f"{day.isocalendar()[0]}-W{day.isocalendar()[1]:02d}"
    if roll < 0.85:
        return f"XXXX-{day.month:02d}-{day.day:02d}"
    if roll < 0.9:
        return str(day.year)
    return None


def _entries(n: int, same_day: bool, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    start = date(2025, 1, 1)
    out = []
    for i in range(n):
        day = start if same_day else start + timedelta(days=rng.randrange(365))
        entry = {
            "kind": "MEETING" if same_day else rng.choice(_KINDS),
            "modality": "asserted" if same_day else rng.choice(_MODALITIES),
            "date": day.isoformat() if same_day else _date(rng, day),
            "reported": (day + timedelta(days=rng.randrange(4))).isoformat(),
            "actors": ["Minsk"] if same_day else rng.sample(_ACTORS, rng.randrange(1, 3)),
            "targets": [],
            "equipment": [] if same_day or rng.random() < 0.5 else [rng.choice(_EQUIPMENT)],
            "attributed_to": rng.choice([None, "Ryzhenkov"]),
            "sources": [{"article_id": i}] * rng.randrange(1, 4),
        }
        entry["lifecycle"] = lifecycle_of(entry)
        out.append(entry)
    return out


def main() -> None:
    for same_day in (True, False):
        for n in (500, 2000, 5000):
            entries = _entries(n, same_day)
            began = time.perf_counter()
            merged = merge_reports(entries)
            took = time.perf_counter() - began
            label = "same-day" if same_day else "spread"
            print(f"{label:9} {n:5d} entries -> {len(merged):5d} entries  {took:8.3f} s")


if __name__ == "__main__":
    main()
