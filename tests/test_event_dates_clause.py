"""Which time expression dates an event: a past time in another phrase of the sentence does
not date a state the sentence reports in the present tense.  Sentences written for this test."""

from __future__ import annotations

from datetime import datetime

from test_events_support import make_ctx, run, time_expr

PUBLISHED = datetime(2025, 10, 1, 9, 0)


def _events(text: str, phrase: str, value: str) -> dict[str, str | None]:
    times = [time_expr(text, phrase, value)]
    ctx = make_ctx(text, [("Tarnow", "equipment", "Tarnow")], published=PUBLISHED, times=times)
    run(ctx)
    return {e.kind: e.date for e in ctx.analysis.events}


def test_a_present_state_is_not_dated_by_a_past_phrase_elsewhere() -> None:
    text = "Contrary to claims made last week, the Tarnow system is not en route to the border."
    dates = _events(text, "last week", "2025-W39")
    assert "EQUIPMENT_IN_TRANSIT" in dates
    assert dates["EQUIPMENT_IN_TRANSIT"] is None


def test_a_past_event_in_the_same_phrase_keeps_its_date() -> None:
    text = "The Tarnow system was delivered to the border last week, officials said."
    dates = _events(text, "last week", "2025-W39")
    assert dates.get("EQUIPMENT_DELIVERED") == "2025-W39"
