"""Event typing, round 8 of issue #10 (h-evwords): word families a review found missing on news
from other desks (labour stoppages, court awards, meetings arranged by a third party, sea
rescues, reserves moved to a front) and the look-alikes that must stay silent.  The sentences
are written for these tests and appear in no evaluation set.
"""

from __future__ import annotations

import pytest

from dossier.analyze.eventing.lexicon import tokenize
from dossier.analyze.eventing.subjects import plain_subject
from dossier.analyze.pipeline import Analyzer
from test_events_support import category


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


# --- the perfect progressive gives its verb a plain subject ---------------------------------------


def test_perfect_progressive_verb_takes_the_noun_phrase_before_the_auxiliaries() -> None:
    toks = tokenize("The tram conductors have been striking for a week.", 0, "en")
    assert plain_subject(toks, 5, "en") == "tram conductors"


def test_a_bare_ing_form_still_has_no_plain_subject() -> None:
    toks = tokenize("The tram conductors striking for a week.", 0, "en")
    assert plain_subject(toks, 3, "en") is None  # no "have been": a modifier, not a finite verb


# --- the families ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        # labour stoppages (PROTEST), in words the lists lacked
        ("The tram conductors have been striking for a week.", "en", "PROTEST"),
        ("Assembly line workers downed tools on Thursday morning.", "en", "PROTEST"),
        ("Водители трамваев бастуют с понедельника.", "ru", "PROTEST"),
        # a court's award orders the losing side to pay (DEMAND, as "the court ordered X to pay")
        ("A district court awarded the farmers two million euros in compensation.", "en", "DEMAND"),
        ("The judge awarded costs to the residents' association.", "en", "DEMAND"),
        ("Районный суд удовлетворил иск жильцов к управляющей компании.", "ru", "DEMAND"),
        ("Суд удовлетворил требования истца в полном объёме.", "ru", "DEMAND"),
        # a party that satisfies demands yields (CONCEDE); only the claimant after them makes it a ruling
        ("Руководство фабрики удовлетворило требования швей.", "ru", "CONCEDE"),
        # a third party bringing others to talks (CONSULT)
        ("The envoy brought the two rival factions together for negotiations.", "en", "CONSULT"),
        # taking people out of the sea (AID)
        ("A fishing trawler picked up 40 survivors after the ferry sank.", "en", "AID"),
        # reserves moved to a front (MOBILIZE)
        ("Генштаб перебросил резервы под Харьков.", "ru", "MOBILIZE"),
    ],
)
def test_missing_families_are_typed(analyzer: Analyzer, text: str, language: str, kind: str) -> None:
    assert category(analyzer, text, language) == kind


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The couple walked out onto the balcony to watch the fireworks.", "en"),  # leaving a room
        ("The taxi picked up the passengers at the station.", "en"),  # no rescue
        ("Команда подписала нападающего из Аргентины.", "ru"),  # a forward, not an attack
        ("The court heard from three witnesses on Tuesday.", "en"),
    ],
)
def test_look_alikes_stay_silent(analyzer: Analyzer, text: str, language: str) -> None:
    assert category(analyzer, text, language) == "NONE"


def test_a_military_strike_is_not_taken_for_a_labour_strike(analyzer: Analyzer) -> None:
    assert category(analyzer, "Artillery units struck enemy positions near the river.") == "FIGHT"


def test_russian_attack_verb_forms_still_fire(analyzer: Analyzer) -> None:
    assert category(analyzer, "Боевики нападают на патрули по ночам.", "ru") in {"ASSAULT", "FIGHT"}
