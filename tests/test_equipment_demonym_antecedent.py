"""A generic head with a demonym ("the Russian system") refers back to a system of that country.

Why (issue #10): an article on two systems, one Russian and one Belarusian, said "Lukashenko first
asked Putin to station the Russian system in Belarus in December 2024" after naming the Belarusian
one last; the request was read as a request for the Belarusian system, so the timeline showed it
as an event of its own beside the dated request for the Russian one.  The systems here are the
packaged gazetteer's (Oreshnik: Russia; Polonez-M: Belarus); the text is invented.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from dossier.analyze.pipeline import Analyzer
from dossier.model import Article

TEXT = (
    "The Oreshnik missile complex was put on combat duty in Belarus on Wednesday, officials said.\n\n"
    "At the same time the improved Polonez-M rocket launcher entered service with the Belarusian army.\n\n"
    "Anton Varrow first asked Ivo Sten to station the {adjective} system in Belarus in March 2031."
)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def request_equipment(analyzer: Analyzer, adjective: str) -> list[tuple[str, ...]]:
    text = TEXT.format(adjective=adjective)
    article = Article(text=text, language="en", published=datetime(2031, 6, 1), origin="t")
    return [e.equipment for e in analyzer.analyze(article).events if e.kind == "REQUEST"]


def test_the_russian_system_is_the_russian_one_though_the_other_was_named_last(analyzer: Analyzer) -> None:
    assert request_equipment(analyzer, "Russian") == [("Oreshnik",)]


def test_the_belarusian_system_is_the_belarusian_one(analyzer: Analyzer) -> None:
    assert request_equipment(analyzer, "Belarusian") == [("Polonez-M",)]
