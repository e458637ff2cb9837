"""`dossier events` lists events by the interval their date denotes, not by the date string."""

from __future__ import annotations

from dossier.model import Article, DocAnalysis, Event
from dossier.store import Store, knowledge
from dossier.store.write import save_article


def test_events_are_listed_in_calendar_order(store: Store) -> None:
    dates = ["2025-Q4", "2025-W39", "2025-09-30", None, "2025-09", "2025-09-22"]
    events = [Event(kind="STATEMENT", start=i, end=i + 1, date=d, reported="2025-10-02") for i, d in enumerate(dates)]
    text = "x" * 10
    analysis = DocAnalysis(text=text, language="en", sentences=[(0, len(text))], events=events)
    with store.begin() as conn:
        save_article(conn, Article(text=text, origin="t#order"), analysis)
    with store.connect() as conn:
        listed = [e["date"] for e in knowledge.list_events(conn)]
        first_two = [e["date"] for e in knowledge.list_events(conn, limit=2)]
    # September as a month starts on the 1st; week 39 starts on Monday the 22nd, after that day
    assert listed == ["2025-09", "2025-09-22", "2025-W39", "2025-09-30", "2025-Q4", None]
    assert first_two == ["2025-09", "2025-09-22"]
