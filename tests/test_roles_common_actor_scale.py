"""Finding a common-noun or capitalised actor costs the sentence once, not once per trigger.

``RoleFinder._common_actor`` is asked for each trigger whose actor slot holds no usable name, each
time from the clause's start.  It used to walk every word of that stretch and ask each whether a
name covers it (a look at every mention) and whether a preposition governs it: on one long
sentence of names and triggers with no full stop ("Ana da Silva met Jose dos Santos, " over and
over; docs/security.md) that was quadratic, 20 s at 20 kB.  The sentences are invented.
"""

from __future__ import annotations

import time

import pytest

from dossier.analyze.eventing import roles as roles_module
from dossier.analyze.eventing.lexicon import tokenize
from dossier.analyze.eventing.roles import RoleFinder
from dossier.model import Mention

UNIT = "Ana da Silva met Jose dos Santos, "


def hostile(n: int) -> tuple[list, list[Mention], list[int]]:
    """``n`` repetitions: tokens, a person mention for each name, and the index of each "met"."""
    text = UNIT * n
    tokens = tokenize(text, 0, "en")
    mentions = []
    for name in ("Ana da Silva", "Jose dos Santos"):
        at = text.find(name)
        while at >= 0:
            mentions.append(Mention(name, at, at + len(name), "person", name))
            at = text.find(name, at + 1)
    triggers = [i for i, t in enumerate(tokens) if t.text == "met"]
    return tokens, mentions, triggers


def scan(n: int, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int, list[str | None]]:
    """(tokens, calls of the per-word preposition test, the actors found) over every trigger."""
    calls = 0
    real = RoleFinder._in_modifier_phrase

    def counting(self: RoleFinder, j: int) -> bool:
        nonlocal calls
        calls += 1
        return real(self, j)

    monkeypatch.setattr(RoleFinder, "_in_modifier_phrase", counting)
    tokens, mentions, triggers = hostile(n)
    finder = RoleFinder(tokens, mentions, "en")
    found = [finder._common_actor(0, first) for first in triggers]
    return len(tokens), calls, found


def test_work_grows_with_the_sentence_not_with_sentence_times_triggers(monkeypatch: pytest.MonkeyPatch) -> None:
    n_tokens, calls, found = scan(2000, monkeypatch)
    # Old walk: every word before every trigger, about 14,000 * 2,000 / 2 = 14 million questions.
    assert calls <= 3 * n_tokens
    # Every word is a name's or a lowercase word: no common-noun or capitalised actor anywhere.
    assert found == [None] * 2000


def test_a_hostile_sentence_of_thousands_of_names_finishes_fast() -> None:
    tokens, mentions, triggers = hostile(3000)
    start = time.process_time()
    finder = RoleFinder(tokens, mentions, "en")
    for first in triggers:
        finder.actor(0, first)
    # Generous: about 0.3 s on a loaded shared machine; the old walk took minutes here.
    assert time.process_time() - start < 10.0


def test_the_capitalised_search_looks_at_a_bounded_number_of_words() -> None:
    # A clause of capitalised modifiers each before a name ("Russian Oreshnik"): every one is
    # passed over, so without a bound each trigger would walk them all.
    text = "Big Oreshnik " * 500 + "arrived"
    tokens = tokenize(text, 0, "en")
    mentions = [Mention("Oreshnik", i + 4, i + 12, "equipment", "Oreshnik") for i in range(0, 13 * 500, 13)]
    finder = RoleFinder(tokens, mentions, "en")
    assert finder._common_actor(0, len(tokens) - 1) is None
    assert roles_module._ACTOR_SCAN < 500


def test_common_actors_are_still_found() -> None:
    text = "After the vote, NATO officials met Ana da Silva and Israeli police arrived."
    tokens = tokenize(text, 0, "en")
    ana = text.find("Ana")
    finder = RoleFinder(tokens, [Mention("Ana da Silva", ana, ana + 12, "person", "Ana da Silva")], "en")
    met = next(i for i, t in enumerate(tokens) if t.text == "met")
    arrived = next(i for i, t in enumerate(tokens) if t.text == "arrived")
    assert finder._common_actor(0, met) == "NATO officials"
    and_ = next(i for i, t in enumerate(tokens) if t.text == "and")
    assert finder._common_actor(and_ + 1, arrived) == "Israeli police"


def test_the_whole_analysis_of_such_a_sentence_stays_fast() -> None:
    """Through every stage: the role rules and the relative-date phrases ("ten months after") are
    read once per sentence (27 kB: about 2 s of CPU here, over 20 s before)."""
    from datetime import datetime

    from dossier.analyze.pipeline import Analyzer
    from dossier.model import Article

    analyzer = Analyzer()
    text = UNIT * 800
    start = time.process_time()
    result = analyzer.analyze(Article(text=text, language="en", published=datetime(2031, 5, 4), origin="t"))
    assert time.process_time() - start < 12.0
    assert result.events  # the sentence is still read
