"""Issue 10: the actor is the one who acted, read from the dependency parse.

Each end-to-end case below is one the positional rules alone get wrong (the leftmost
name before the trigger, or a name in the trigger's comma-delimited stretch), so it
fails without :mod:`dossier.analyze.eventing.syntax`.  The unit cases call the syntax
module directly on one parsed sentence.  Invented names ("Arland", "Falcon-9M") keep
each test about one mechanism, not about one corpus sentence.
"""

from __future__ import annotations

import pytest

from dossier.analyze.eventing.lexicon import en_key
from dossier.analyze.eventing.syntax import SentenceSyntax, parse_sentences
from dossier.model import Event, Mention
from test_events_support import events_of, make_ctx, run

NAMES = [
    ("Arland", "place", "Arland"),
    ("Borovia", "place", "Borovia"),
    ("Kestrel", "place", "Kestrel"),
    ("KESTREL", "place", "Kestrel"),
    ("Petrov", "person", "Ivan Petrov"),
    ("Sidorova", "person", "Anna Sidorova"),
    ("Falcon-9M", "equipment", "Falcon-9M"),
    ("Harrow", "equipment", "Harrow"),
]


def event(text: str, kind: str) -> Event:
    found = [e for e in events_of(text, NAMES) if e.kind == kind]
    assert found, (kind, events_of(text, NAMES))
    return found[0]


def syntax_of(text: str, names: list[tuple[str, str]]) -> SentenceSyntax:
    """One parsed sentence with hand-placed mentions (surface, kind)."""
    mentions = []
    for surface, kind in names:
        i = text.index(surface)
        mentions.append(Mention(surface, i, i + len(surface), kind, surface))
    mentions.sort(key=lambda m: m.start)
    return SentenceSyntax(parse_sentences([text])[0], 0, mentions, light_keys=frozenset({en_key("make")}))


def roles_at(syntax: SentenceSyntax, text: str, trigger: str, *, nominal: bool) -> tuple[set[str], set[str]]:
    i = text.index(trigger)
    sx = syntax.roles(i, i + len(trigger), nominal=nominal)
    assert not sx.doubtful, sx
    return (
        {syntax.mentions[k].text for k in sx.actors or ()},
        {syntax.mentions[k].text for k in sx.targets or ()},
    )


# -- the syntax module on its own --------------------------------------------------------


def test_subject_of_the_trigger_verb_is_the_actor_and_its_object_the_target() -> None:
    text = "Meeting Sidorova on Monday, Petrov attacked Borovia."
    sx = syntax_of(text, [("Sidorova", "person"), ("Petrov", "person"), ("Borovia", "place")])
    assert roles_at(sx, text, "attacked", nominal=False) == ({"Petrov"}, {"Borovia"})


def test_passive_agent_is_the_actor_and_the_subject_the_target() -> None:
    text = "Borovia was attacked on Monday by the army of Arland."
    sx = syntax_of(text, [("Borovia", "place"), ("Arland", "place")])
    assert roles_at(sx, text, "attacked", nominal=False) == ({"Arland"}, {"Borovia"})


def test_possessor_of_an_event_noun_is_its_actor() -> None:
    text = "Arland's deployment of troops worried Borovia."
    sx = syntax_of(text, [("Arland", "place"), ("Borovia", "place")])
    actors, _targets = roles_at(sx, text, "deployment", nominal=True)
    assert actors == {"Arland"}


def test_light_verb_passes_its_subject_to_the_event_noun() -> None:
    text = "After Sidorova left, Petrov made a request to Borovia."
    sx = syntax_of(text, [("Sidorova", "person"), ("Petrov", "person"), ("Borovia", "place")])
    assert roles_at(sx, text, "request", nominal=True) == ({"Petrov"}, {"Borovia"})


def test_pronoun_subject_of_a_reported_clause_is_the_speaker() -> None:
    text = "Petrov said he would attack Borovia."
    sx = syntax_of(text, [("Petrov", "person"), ("Borovia", "place")])
    assert roles_at(sx, text, "attack", nominal=False)[0] == {"Petrov"}


def test_trigger_read_otherwise_by_the_tagger_is_doubtful() -> None:
    text = "The attack on Borovia began at dawn."
    sx = syntax_of(text, [("Borovia", "place")])
    i = text.index("attack")
    assert sx.roles(i, i + len("attack"), nominal=False).doubtful  # the rules say verb, the parse noun


# -- the whole event stage ----------------------------------------------------------------


def test_actor_is_the_subject_not_the_first_name() -> None:
    ev = event("Meeting Sidorova on Monday, Petrov attacked Borovia.", "FIGHT")
    assert ev.actors == ("Ivan Petrov",) and ev.targets == ("Borovia",)


def test_name_in_a_prepositional_phrase_is_never_the_actor() -> None:
    ev = event("Like Sidorova, Petrov condemned Borovia.", "DISAPPROVE")
    assert ev.actors == ("Ivan Petrov",)


def test_passive_agent_deep_in_its_phrase_is_the_actor() -> None:
    ev = event("Borovia was attacked on Monday by the army of Arland.", "FIGHT")
    assert ev.actors == ("Arland",) and "Borovia" in ev.targets


def test_light_verb_subject_is_the_requester() -> None:
    ev = event("After Sidorova left, Petrov made a request to Borovia for the Harrow.", "REQUEST")
    assert ev.actors == ("Ivan Petrov",)


def test_pronoun_of_a_reported_clause_is_the_speaker() -> None:
    ev = event("After meeting Sidorova, Petrov said he would attack Borovia.", "FIGHT")
    assert ev.actors == ("Ivan Petrov",)


@pytest.mark.parametrize(
    "text",
    [
        "KESTREL (Arland Monitor) — Police arrested two journalists.",
        "KESTREL, October 1, 2025 (Arland Monitor) — Police arrested two journalists.",
    ],
)
def test_dateline_is_never_the_actor(text: str) -> None:
    ev = event(text, "COERCE")
    assert ev.actors == ("Police",)
    assert "Kestrel" not in ev.actors + ev.targets


def test_request_equipment_comes_from_its_own_clause() -> None:
    text = "Arland asked for the Falcon-9M while Borovia showed the Harrow at a parade."
    assert event(text, "REQUEST").equipment == ("Falcon-9M",)
    assert event(text, "EQUIPMENT_SHOWN").equipment == ("Harrow",)


def test_without_the_parse_the_rules_still_decide() -> None:
    from dossier.analyze.events import EventStage

    ctx = make_ctx("Petrov attacked Borovia.", NAMES)
    EventStage(syntax=False)([ctx])
    plain = ctx.analysis.events
    assert [(e.kind, e.actors, e.targets) for e in plain] == [("FIGHT", ("Ivan Petrov",), ("Borovia",))]
    assert [(e.kind, e.actors) for e in run(make_ctx("Petrov attacked Borovia.", NAMES))] == [
        ("FIGHT", ("Ivan Petrov",))
    ]
