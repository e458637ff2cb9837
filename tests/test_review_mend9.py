"""Mends from the lead's review of the ninth round (issue #10 and #13): each test fails on the code
before the mend.  The sentences are written for these tests and appear in no evaluation set."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from dossier.analyze.eventing.lexicon import ru_manner_word, tokenize
from dossier.analyze.eventing.subjects import possessor_phrase
from dossier.analyze.pipeline import Analyzer
from dossier.model import Article
from dossier.resolve.stories import _names_contrast

PUBLISHED = datetime(2026, 6, 2, 9, 0)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def events(analyzer: Analyzer, text: str, language: str) -> list[tuple[str, str]]:
    article = Article(text=text, published=PUBLISHED, language=language, origin="t.txt")
    return [(e.kind, e.modality) for e in analyzer.analyze(article).events]


@pytest.mark.parametrize(
    "text",
    [
        "Забастовка докеров не прошла незамеченной.",
        "Акция протеста не прошла бесследно для властей.",
    ],
)
def test_a_russian_negation_of_how_an_event_went_leaves_the_event_asserted(analyzer: Analyzer, text: str) -> None:
    found = events(analyzer, text, "ru")
    assert found and all(modality == "asserted" for _, modality in found), found


def test_a_russian_event_that_did_not_take_place_stays_negated(analyzer: Analyzer) -> None:
    found = events(analyzer, "Митинг оппозиции так и не состоялся вчера.", "ru")
    assert found and all(modality == "negated" for _, modality in found), found


def test_manner_words_are_told_from_time_adverbs() -> None:
    assert ru_manner_word("незамеченным") and ru_manner_word("бесследно") and ru_manner_word("без")
    assert not ru_manner_word("вчера") and not ru_manner_word("вовремя") and not ru_manner_word("в")


@pytest.mark.parametrize(
    ("text", "first"),
    [("Friday's walkout closed the port.", 1), ("Last week's resignation surprised many.", 2)],
)
def test_a_time_is_no_possessor(text: str, first: int) -> None:
    assert possessor_phrase(tokenize(text, 0, "en"), first) is None


def test_a_person_is_still_a_possessor() -> None:
    assert possessor_phrase(tokenize("The governor's resignation surprised many.", 0, "en"), 2) == "governor"


def test_shutting_someone_else_s_websites_is_still_coercion(analyzer: Analyzer) -> None:
    kinds = [k for k, _ in events(analyzer, "Authorities shut down opposition websites before the vote.", "en")]
    assert "COERCE" in kinds


def test_a_company_shutting_its_own_servers_is_no_coercion(analyzer: Analyzer) -> None:
    kinds = [k for k, _ in events(analyzer, "The bank shut down its servers as a precaution.", "en")]
    assert "COERCE" not in kinds


def test_a_short_surname_absent_from_the_story_terms_does_not_contrast() -> None:
    story = {"e:li qiang": 1.0, "w:talks": 0.5}
    assert not _names_contrast({"li"}, {"zhou"}, story)
    assert _names_contrast({"petrov"}, {"zhou"}, story)


RACE_PROBE = """
import sys, threading
from dossier import deferred
deferred.defer({"asyncio": {"iscoroutine": "asyncio.coroutines"}})
import asyncio
errors, go = [], threading.Event()
def reader():
    go.wait()
    try:
        asyncio.Lock, asyncio.Queue, asyncio.gather
    except AttributeError as e:
        errors.append(repr(e))
threads = [threading.Thread(target=reader) for _ in range(6)]
for t in threads:
    t.start()
go.set()
for t in threads:
    t.join()
print("ok" if not errors else errors)
"""


def test_threads_never_see_a_deferred_module_half_run() -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    for _ in range(3):
        done = subprocess.run([sys.executable, "-c", RACE_PROBE], capture_output=True, text=True, env=env, timeout=120)
        assert done.stdout.strip() == "ok", (done.stdout, done.stderr)
