"""A time inside a relative aside or a quote dates only what stands inside it, and working that
out costs one scan of a sentence, not one per trigger (a long sentence of triggers, asides and
dates was cubic).  The sentences are invented for these tests."""

from __future__ import annotations

from datetime import datetime

import pytest

from dossier.analyze.eventing import extract
from dossier.analyze.pipeline import Analyzer
from dossier.model import Article

PUBLISHED = datetime(2026, 3, 11, 8, 0)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def _events(analyzer: Analyzer, text: str):
    return analyzer.analyze(Article(text=text, published=PUBLISHED, language="en", origin="t.txt")).events


def test_aside_date_stays_in_the_aside_for_every_trigger_outside_it(analyzer: Analyzer) -> None:
    text = (
        "The harbour master, who had run the port since 2017, resigned on Monday, "
        "and the mayor, who took office in 2022, criticised the board."
    )
    events = _events(analyzer, text)
    outside = [e for e in events if e.trigger.startswith(("resigned", "criticised"))]
    assert outside, events
    assert all(e.date not in ("2017", "2022") for e in outside)


def test_relative_asides_are_scanned_once_per_sentence(analyzer: Analyzer, monkeypatch) -> None:
    calls: list[int] = []
    real = extract._RELATIVE_ASIDE

    class Counting:
        def finditer(self, text: str):
            calls.append(len(text))
            return real.finditer(text)

    monkeypatch.setattr(extract, "_RELATIVE_ASIDE", Counting())
    text = (
        "On Monday the minister, who resigned in 2019, attacked the plan, the unions, which struck in "
        "2021, blocked the road, the mayor, who took office in 2022, criticised the board and police "
        "arrested two drivers, officials said."
    )
    events = _events(analyzer, text)
    assert len(events) >= 4, events
    assert len(calls) == 1  # one sentence: once, not once for each of its triggers
