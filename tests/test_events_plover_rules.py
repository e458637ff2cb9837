"""Event rules built from the PLOVER definitions: senses (FIGHT/ASSAULT,
labour strikes), extended verb classes, noun-phrase targets, datelines and
the PLOVER mapping of the evaluation script.  Hand-made documents, no model.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dossier.analyze.eventing.extract import dateline_end
from test_events_support import events_of, make_ctx, run

NAMES = [
    ("Arland", "place", "Arland"),
    ("Borovia", "place", "Borovia"),
    ("Kestrel", "place", "Kestrel"),
    ("MINSK", "place", "Minsk"),
    ("VILNIUS", "place", "Vilnius"),
    ("BRUSSELS", "place", "Brussels"),
    ("Reuters", "org", "Reuters"),
    ("Lithuania", "place", "Lithuania"),
    ("European Union", "org", "European Union"),
]


def first_kind(text: str) -> str:
    """Kind of the first event that is not a statement (a statement verb is also recorded as
    an event of its own, but the sentence is coded by what was stated), else of the first
    statement, else of the first weak candidate."""
    ctx = make_ctx(text, NAMES)
    evs = run(ctx) or ctx.scratch["event_candidates"]
    assert evs, text
    return sorted(evs, key=lambda e: (e.kind == "STATEMENT", e.start))[0].kind


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # Killing by an organised armed force, or in conventional combat, is FIGHT ...
        ("Army troops killed 12 fighters near Kestrel.", "FIGHT"),
        ("Two fighters were killed by Arland troops near Kestrel.", "FIGHT"),
        ("Artillery fire killed three men in Kestrel.", "FIGHT"),
        # ... unconventional violence stays ASSAULT.
        ("A roadside bombing killed two soldiers in Kestrel.", "ASSAULT"),
        ("Arland troops killed two villagers with a car bomb.", "ASSAULT"),
        # Attacks by irregular attackers or on civilians are ASSAULT.
        ("Gunmen attacked a bus near Kestrel.", "ASSAULT"),
        ("Arland attacked positions in Borovia.", "FIGHT"),
        # "strike": a work stoppage in a labour context.
        ("The teachers union announced a four-day strike in Kestrel.", "PROTEST"),
        ("Arland forces carried out a strike on Kestrel.", "FIGHT"),
    ],
)
def test_fight_assault_strike_senses(sentence: str, kind: str) -> None:
    assert first_kind(sentence) == kind


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Arland lifted a night curfew in Kestrel.", "CONCEDE"),  # CAMEO 081x: administrative restrictions
        ("Arland lifted the blockade of Kestrel.", "RETREAT"),  # CAMEO 087x: military de-escalation
        ("The union called off its strike in Kestrel.", "CONCEDE"),
        ("Arland will withdraw its inspectors from Borovia.", "SANCTION"),  # CAMEO 166: withdraw inspectors
        ("Arland dispatched inspectors to Borovia.", "INVESTIGATE"),
        ("Arland shared expertise with Borovia.", "COOPERATE"),
        ("Arland handed over 700 kg of medicine to Borovia.", "AID"),
        ("Arland announced a suspension of air links with Borovia.", "SANCTION"),
        ("Arland bulldozers demolished homes in Kestrel.", "COERCE"),  # CAMEO 171, as blowing up power lines
        ("Rebels blew up power lines near Kestrel.", "COERCE"),  # CAMEO 171: damage property
        ("Arland hacked the servers of Borovia.", "COERCE"),
        ("Arland cancelled talks with Borovia.", "SANCTION"),
        ("Refugees sought refuge in Arland.", "REQUEST"),
        ("Activists collected signatures in Kestrel.", "PROTEST"),
        ("Rebels swore to fight until they capture Kestrel.", "THREATEN"),
        ("Arland vetoed and ignored the demands of Borovia.", "REJECT"),
    ],
)
def test_extended_verb_classes(sentence: str, kind: str) -> None:
    assert first_kind(sentence) == kind


def test_bomb_verb_is_fight_bombing_noun_is_assault() -> None:
    assert first_kind("Arland bombed Kestrel.") == "FIGHT"
    assert first_kind("A bombing in Kestrel killed two people on Monday.") == "ASSAULT"


def test_noun_phrase_target_when_no_mention() -> None:
    ev = events_of("Arland soldiers arrested more than 100 Palestinians in Kestrel.", NAMES)[0]
    assert ev.kind == "COERCE" and ev.targets == ("Palestinians",)
    ev = events_of("Arland rejected an Australian ultimatum.", NAMES)[0]
    assert ev.kind == "REJECT" and ev.targets == ("Australian",)
    ev = events_of("Gunmen wounded two British soldiers in Kestrel.", NAMES)[0]
    assert ev.targets == ("British soldiers",)


def test_noun_phrase_target_alone_does_not_make_a_weak_nominal_strong() -> None:
    # "the protest" without a light verb stays a weak candidate, noun-phrase target or not.
    assert events_of("The protest against Western policies grew.", NAMES) == []


@pytest.mark.parametrize(
    "text",
    [
        "MINSK, December 6, 2024 (Minsk Ledger) — Arland arrested two journalists.",
        "VILNIUS, October 1 — Arland arrested two journalists.",
        "BRUSSELS, Dec 18 (Reuters) - Arland arrested two journalists.",
    ],
)
def test_dateline_is_not_an_actor(text: str) -> None:
    ev = events_of(text, NAMES)[0]
    assert ev.kind == "COERCE" and ev.actors == ("Arland",)
    assert not {"Minsk", "Vilnius", "Brussels", "Reuters"} & set(ev.actors + ev.targets)


def test_dateline_without_subject_gives_no_dateline_actor() -> None:
    evs = events_of("VILNIUS, October 1 — Police arrested two journalists.", NAMES)
    assert evs and "Vilnius" not in evs[0].actors and evs[0].actors == ("Police",)


def test_dateline_end_shapes() -> None:
    assert dateline_end("KYIV/MOSCOW, Oct. 3, 2025 -- Russia said") == len("KYIV/MOSCOW, Oct. 3, 2025 -- ")
    assert dateline_end("МИНСК, 6 декабря — Лукашенко") == len("МИНСК, 6 декабря — ")
    assert dateline_end("Minsk, December 6 - Belarus") == 0  # not in capitals
    assert dateline_end("NATO said on Monday - that") == 0


def _plover() -> object:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
    import plover

    return plover


def test_plover_mapping_negated_cooperation_is_reject() -> None:
    from dossier.analyze.eventing.plover import plover_category

    assert plover_category("AGREE", "negated") == "REJECT"
    assert plover_category("FIGHT", "negated") is None  # an attack that did not happen codes as nothing
    assert plover_category("SANCTION", "planned") == "THREATEN"


def test_plover_split_halves_are_disjoint_and_deterministic() -> None:
    plover = _plover()
    recs = [{"id": str(i)} for i in range(7)]
    a = plover.split_records(recs, "a")  # type: ignore[attr-defined]
    b = plover.split_records(recs, "b")  # type: ignore[attr-defined]
    assert [r["id"] for r in a] == ["0", "2", "4", "6"] and [r["id"] for r in b] == ["1", "3", "5"]
    assert plover.split_records(recs, "all") == recs  # type: ignore[attr-defined]
