"""A figurative collapse (talks, a deal, share prices) is no disaster even when a word that merely
begins like a structure ("miners", "minerals") or a structure word inside a name ("Wall Street")
stands beside it; a real structure still makes the collapse a disaster.  The sentences are
invented for these tests."""

from __future__ import annotations

from datetime import datetime

import pytest

from dossier.analyze.pipeline import Analyzer
from dossier.model import Article


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def _kinds(analyzer: Analyzer, text: str) -> list[str]:
    article = Article(text=text, language="en", published=datetime(2026, 4, 2), origin="t.txt")
    return [e.kind for e in analyzer.analyze(article).events]


@pytest.mark.parametrize("text", [
    "Bank shares collapsed on Wall Street after the report.",
    "Wage talks with the coal miners collapsed on Tuesday.",
    "The minerals deal with the province collapsed in March.",
])
def test_figurative_collapse_beside_a_name_or_a_longer_word_is_no_disaster(analyzer: Analyzer, text: str) -> None:
    assert "DISASTER" not in _kinds(analyzer, text)


@pytest.mark.parametrize("text", [
    "Talks stalled after part of the mine collapsed on Tuesday.",
    "The deal was signed hours before the bridge collapsed.",
])
def test_a_named_structure_still_makes_it_a_disaster(analyzer: Analyzer, text: str) -> None:
    assert "DISASTER" in _kinds(analyzer, text)
