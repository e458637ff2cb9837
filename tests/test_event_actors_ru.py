"""Issue 10: Russian event roles from natasha's dependency parse (``eventing/syntax_ru.py``).

The positional rules give the actor slot to the first name before the trigger; in a Russian
subject phrase that is often a genitive modifier ("Президент *Боровии* Иван Петров"), and
the first name after the verb is often one too ("к президенту *Арландии* Анне Сидоровой").
Each end-to-end case fails without the Russian parse; the unit cases call the module on one
parsed sentence.  Invented names keep each test about one mechanism.
"""

from __future__ import annotations

from dossier.analyze.eventing.syntax_ru import RussianSentenceSyntax, parse_russian
from dossier.analyze.events import EventStage
from dossier.model import Event, Mention
from test_events_support import make_ctx

NAMES = [
    ("Петров", "person", "Ivan Petrov"),
    ("Иван Петров", "person", "Ivan Petrov"),
    ("Анне Сидоровой", "person", "Anna Sidorova"),
    ("Боровии", "place", "Borovia"),
    ("Арландии", "place", "Arland"),
    ("Арландия", "place", "Arland"),
    ("Арландию", "place", "Arland"),
    ("Сокол", "equipment", "Sokol"),
    ("Сокола", "equipment", "Sokol"),
]


def events(text: str, *, syntax: bool = True) -> list[Event]:
    ctx = make_ctx(text, NAMES, language="ru")
    EventStage(syntax=syntax)([ctx])
    return ctx.analysis.events


def syntax_of(text: str, names: list[tuple[str, str]]) -> RussianSentenceSyntax:
    mentions = []
    for surface, kind in names:
        i = text.index(surface)
        mentions.append(Mention(surface, i, i + len(surface), kind, surface))
    mentions.sort(key=lambda m: m.start)
    return RussianSentenceSyntax(parse_russian([text], [0])[0], mentions)


def test_subject_is_the_named_apposition_not_the_genitive_modifier() -> None:
    text = (
        "Президент Боровии Иван Петров вчера обратился к президенту Арландии Анне Сидоровой"
        " с просьбой разместить комплекс «Сокол»."
    )
    parsed = next(e for e in events(text) if e.kind == "REQUEST")
    assert parsed.actors == ("Ivan Petrov",) and parsed.targets == ("Anna Sidorova",)
    rules = next(e for e in events(text, syntax=False) if e.kind == "REQUEST")
    assert rules.actors == ("Borovia",)  # what the positional rules alone say


def test_object_controls_the_infinitive() -> None:
    text = "Петров заявил, что он попросит Арландию разместить комплекс «Сокол»."
    sx = syntax_of(text, [("Петров", "person"), ("Арландию", "place"), ("Сокол", "equipment")])
    i = text.index("разместить")
    roles = sx.roles(i, i + len("разместить"), nominal=False)
    assert not roles.doubtful and [sx.mentions[k].text for k in roles.actors or ()] == ["Арландию"]


def test_passive_agent_is_the_actor() -> None:
    text = "Комплекс «Сокол» был передан Боровии армией Арландии."
    sx = syntax_of(text, [("Сокол", "equipment"), ("Боровии", "place"), ("армией Арландии", "org")])
    i = text.index("передан")
    roles = sx.roles(i, i + len("передан"), nominal=False)
    assert [sx.mentions[k].text for k in roles.actors or ()] == ["армией Арландии"]


def test_speaker_is_not_the_actor_of_a_reported_event_noun() -> None:
    # Petrov explains the deployment; Arland deployed.  The noun "размещение" was read as the
    # participle "размещен*" (so as a verb), and the speaker before "заявил" took its actor slot.
    text = "Арландия разместила «Сокол» в Боровии. Петров заявил, что размещение «Сокола» законно."
    later = [e for e in events(text) if e.kind == "EQUIPMENT_DEPLOYED" and e.sentence == 1]
    assert later and all("Ivan Petrov" not in e.actors for e in later)


def test_a_cycle_of_heads_in_the_parse_does_not_hang() -> None:
    """The parser may return two words that are each other's head; collecting the clause must
    still end (a real wire text hung the event stage, memory growing without bound)."""
    import signal

    from dossier.analyze.eventing.syntax_ru import RuToken

    def _stop(*_: object) -> None:
        raise TimeoutError

    text = "Министр заявил протест"
    tokens = [
        RuToken(0, 7, "Министр", 1, "nsubj"),
        RuToken(8, 14, "заявил", 2, "obj"),
        RuToken(15, 22, "протест", 1, "obj"),
    ]
    old = signal.signal(signal.SIGALRM, _stop)
    signal.alarm(10)
    try:
        roles = RussianSentenceSyntax(tokens, []).roles(8, 14, nominal=False)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert roles.clause and text[roles.clause[0][0] : roles.clause[-1][1]]
