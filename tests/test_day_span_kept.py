"""An equipment status compares every pair of a stage's dates; each date is parsed once (issue #13).

A subject of 1,000 dated deliveries spent most of its timeline build parsing the same dates again
for each of a million comparisons; ``_closed_days`` now keeps each value's span.
"""

from __future__ import annotations

from dossier.analyze.timex import intervals
from dossier.resolve.timeline import equipment_status


def test_each_date_of_an_equipment_status_is_parsed_once() -> None:
    dates = [f"2020-{m:02d}-{d:02d}" for m in range(1, 13) for d in range(1, 29)]
    events = [
        {"kind": "EQUIPMENT_DELIVERED", "modality": "asserted", "date": d, "reported": d, "equipment": ["Polonez"],
         "article_id": i}
        for i, d in enumerate(dates)
    ]  # fmt: skip
    events.append({**events[5], "article_id": 999})  # a second source for one day: it wins
    intervals._closed_days.cache_clear()
    status = equipment_status(events)
    info = intervals._closed_days.cache_info()
    assert status.status == "delivered" and status.date == dates[5]
    assert len(status.contested) == len(dates) - 1
    assert info.misses <= len(dates) and info.hits >= len(dates) ** 2  # parsed once, compared pairwise


def test_kept_spans_answer_as_parsing_does() -> None:
    for a, b in [
        ("2025-09", "2025-09-26"),
        ("2025-09-25", "2025-09-26"),
        ("2025-W39", "2025-09-24"),
        ("XXXX-09-26", "2025-09-26"),
    ]:
        first = intervals.compatible(a, b)
        intervals._closed_days.cache_clear()
        assert intervals.compatible(a, b) == first == intervals.compatible(a, b)
    assert intervals.compatible("2025-09", "2025-09-26") and not intervals.compatible("2025-09-25", "2025-09-26")
