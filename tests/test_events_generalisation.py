"""Issue 10, "Trustworthy output": event mechanisms meant to carry to unseen wire text rather
than to the sentences of one evaluation set.  Hand-made documents with invented names; no model.

Each test pins one mechanism and, where it can misfire, the use it must leave alone.
"""

from __future__ import annotations

import pytest

from dossier.analyze.eventing.lexicon import load_lexicon, tokenize
from dossier.analyze.eventing.mainevent import participle
from dossier.analyze.eventing.plover import plover_category
from dossier.analyze.eventing.roles import demonym
from dossier.model import Event
from test_events_support import events_of

NAMES = [
    ("Arland", "place", "Arland"),
    ("Borovia", "place", "Borovia"),
    ("Kestrel", "place", "Kestrel"),
    ("Aung San Suu Kyi", "person", "Aung San Suu Kyi"),
]


def main_event(text: str) -> Event | None:
    """The event the stage marks as its sentence's main one (what PLOVER scoring reads)."""
    evs = events_of(text, NAMES)
    mains = [e for e in evs if e.main and e.plover]
    return mains[0] if mains else None


def main_category(text: str) -> str | None:
    ev = main_event(text)
    return ev.plover if ev else None


# --- light verbs reach their event noun through a partitive ------------------------------------


def test_partitive_noun_between_light_verb_and_event_noun() -> None:
    assert main_category("Arland and Borovia began a new round of talks in Kestrel.") == "CONSULT"
    assert main_category("Rebels carried out a series of attacks on Kestrel.") in {"ASSAULT", "FIGHT"}


def test_partitive_without_light_verb_stays_a_bare_noun() -> None:
    assert main_event("A new round of talks in Kestrel looks unlikely.") is None


# --- nationality adjectives as actors ---------------------------------------------------------


@pytest.mark.parametrize("word", ["Kurdish", "Pakistani", "Sudanese", "Palestinian", "Belarusian"])
def test_demonym_shapes(word: str) -> None:
    assert demonym(word)


@pytest.mark.parametrize("word", ["Despite", "Human", "Urban", "Meanwhile", "kurdish", "Iraq2"])
def test_not_demonyms(word: str) -> None:
    assert not demonym(word)


def test_demonym_before_forces_is_the_actor() -> None:
    ev = main_event("Borovian tanks shelled Kestrel overnight.")
    assert ev is not None and ev.plover == "FIGHT" and "Borovian" in ev.actors


def test_demonym_before_a_thing_is_no_actor() -> None:
    evs = events_of("Borovian industrial output fell, casting further doubt on the recovery.", NAMES)
    assert all("Borovian" not in e.actors for e in evs)


# --- tokens and gaps --------------------------------------------------------------------------


def test_digit_groups_are_one_token() -> None:
    assert [t.text for t in tokenize("called up 10,000 reservists", 0, "en")] == [
        "called",
        "up",
        "10,000",
        "reservists",
    ]
    assert main_category("Arland called up 10,000 reservists on Monday.") == "MOBILIZE"


def test_a_long_name_in_a_gap_counts_as_one_word() -> None:
    text = "The Arland junta placed opposition leader Aung San Suu Kyi under house arrest."
    assert main_category(text) == "COERCE"


def test_month_name_ends_no_gap_pattern() -> None:
    # "held ... since March" is no march being held; the freeing is the news
    assert main_category("Hostages held by the rebels since March were freed in Kestrel on Sunday.") == "RETREAT"


def test_equipment_only_pattern_does_not_hide_a_troop_movement() -> None:
    text = "The Arland army moved tanks and artillery closer to the Borovia border on Wednesday."
    assert main_category(text) == "MOBILIZE"


# --- passives ---------------------------------------------------------------------------------


def _triggers(text: str) -> list[tuple[str, str]]:
    toks = tokenize(text, 0, "en")
    return [
        (m.pattern.kind, " ".join(t.text for t in toks[m.first : m.last + 1])) for m in load_lexicon("en").find(toks)
    ]


def test_passive_of_verb_and_object() -> None:
    assert ("MOBILIZE", "massed") in _triggers("Thousands of troops were massed along the border.")
    assert ("CONSULT", "held") in _triggers("Talks will be held in Kestrel next week.")


def test_passive_claims_its_object() -> None:
    # "sanctions" is no second trigger of its own inside "sanctions had been imposed"
    kinds = [k for k, _ in _triggers("Sanctions had been imposed on Borovia in 1990.")]
    assert kinds == ["SANCTION"]


def test_passive_that_raises_another_verb_is_no_event() -> None:
    assert _triggers("Economic conditions are set to continue improving.") == []


def test_agentless_passive_is_reported_without_participants() -> None:
    ev = main_event("A curfew was imposed on the town after two days of rioting.")
    assert ev is not None and ev.plover == "COERCE"


# --- both sides of "between A and B" ----------------------------------------------------------


def test_between_names_both_sides() -> None:
    ev = main_event("Heavy fighting raged on Tuesday between Borovian forces and Arland troops.")
    assert ev is not None and ev.plover == "FIGHT"
    assert set(ev.actors) == {"Borovian forces", "Arland troops"}


@pytest.mark.parametrize(
    "text",
    [
        "Fighting between 1990 and 1995 killed thousands.",
        "Clashes broke out between July and September.",
    ],
)
def test_between_a_span_of_time_names_no_sides(text: str) -> None:
    for ev in events_of(text, NAMES):
        assert not {"1990", "1995", "July", "September"} & set(ev.actors)


# --- main event: finite verbs before -ing adjuncts --------------------------------------------


def test_participle_adjunct_ranks_after_the_finite_verb() -> None:
    text = "Meeting for the first time since the war, Arland and Borovia promised to work for peace."
    assert main_category(text) == "AGREE"


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        ("Meeting in Kestrel , they agreed", 0, True),
        ("Troops were marching on Kestrel", 3, False),
        ("Activists began collecting signatures", 2, False),
    ],
)
def test_participle(text: str, index: int, expected: bool) -> None:
    assert participle(tokenize(text, 0, "en"), index) is expected


# --- codebook frames --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("Kurdish prisoners went on a hunger strike in Kestrel.", "PROTEST"),  # 142
        ("Arland recalled its high commissioner from Borovia.", "SANCTION"),  # 161
        ("Arland ordered five Borovian diplomats to leave the country.", "SANCTION"),  # 166
        ("Arland sent 20,000 tonnes of wheat to Borovia.", "AID"),  # 073
        ("Arland will give Borovia $300 million in emergency loans.", "AGREE"),  # 033: intent to aid
        ("Indian and Borovian troops exchanged artillery fire near Kestrel.", "FIGHT"),
        ("Thousands of demonstrators gathered outside the Arland embassy in Kestrel.", "PROTEST"),  # 141
    ],
)
def test_codebook_frames(sentence: str, category: str) -> None:
    assert main_category(sentence) == category


def test_planned_aid_is_an_intent_to_cooperate() -> None:
    assert plover_category("AID", "planned") == "AGREE"


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("Arland's president blasted Borovia for backing the rebels.", "DISAPPROVE"),  # 111
        ("Arland dismissed the Borovian proposal as unacceptable.", "REJECT"),  # 120
        ("Militants slit the throats of 17 villagers near Kestrel.", "ASSAULT"),  # 1823
        ("The two armies battled for control of Kestrel.", "FIGHT"),  # a plural group is an actor
    ],
)
def test_wire_synonyms(sentence: str, category: str) -> None:
    assert main_category(sentence) == category


def test_should_puts_an_obligation_on_its_subject() -> None:
    # a recommendation is no report that the withdrawal happened; PLOVER codes it as a demand
    ev = main_event("The Borovian foreign minister said Arland should withdraw its troops from Kestrel.")
    assert ev is not None and ev.modality == "required" and ev.plover == "DEMAND"


def test_stated_obligation_without_event_word_is_a_demand() -> None:
    assert main_category("The Borovian leader insisted that Arland must stop building settlements.") == "DEMAND"
    assert main_category("The Borovian leader said the world must not forget the victims.") == "DEMAND"


@pytest.mark.parametrize(
    "text",
    [
        "The Borovian minister said he must leave for Kestrel.",  # the speaker's own duty
        "The Borovian minister said the company will have to close its offices.",  # foreseen, not demanded
    ],
)
def test_obligation_that_is_no_demand(text: str) -> None:
    assert main_category(text) != "DEMAND"
