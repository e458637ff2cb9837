"""Issue 10: Russian event roles from natasha's dependency parse (``eventing/syntax_ru.py``).

The positional rules give the actor slot to the first name before the trigger; in a Russian
subject phrase that is often a genitive modifier ("Президент *Боровии* Иван Петров"), and
the first name after the verb is often one too ("к президенту *Арландии* Анне Сидоровой").
Each end-to-end case fails without the Russian parse; the unit cases call the module on one
parsed sentence.  Invented names keep each test about one mechanism.
"""

from __future__ import annotations

import pytest

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


# -- issue 10: a common-noun actor is its whole noun phrase, never an adjective alone ----------


def _actors(text: str, kind: str, **kw: object) -> tuple[str, ...]:
    found = [e for e in events(text, **kw) if e.kind == kind]  # type: ignore[arg-type]
    assert found, (kind, events(text, **kw))  # type: ignore[arg-type]
    return found[0].actors


def test_rules_keep_the_lower_case_adjectives_of_a_group() -> None:
    text = "В понедельник российские дипломаты провели переговоры с американскими коллегами."
    assert _actors(text, "CONSULT", syntax=False) == ("российские дипломаты",)


def test_rules_keep_coordinated_adjectives_of_a_group() -> None:
    text = "Белорусские и российские военные провели совместные учения."
    assert _actors(text, "COOPERATE", syntax=False) == ("Белорусские и российские военные",)


def test_parse_keeps_coordinated_adjectives_of_a_group() -> None:
    text = "Российские и белорусские военные провели учения в Боровии и Арландии."
    assert _actors(text, "MOBILIZE") == ("Российские и белорусские военные",)


def test_parse_gives_each_coordinated_group_its_adjective() -> None:
    text = "Российские военные и белорусские пограничники провели учения в Боровии и Арландии."
    assert _actors(text, "MOBILIZE") == ("Российские военные", "белорусские пограничники")


def test_an_adjective_without_its_noun_is_no_actor() -> None:
    text = "Белорусские провели учения в Боровии и Арландии."
    assert "Белорусские" not in _actors(text, "MOBILIZE")


# -- issue 10: an outlet closing the sentence passed the report on; it did nothing ------------


def _with_outlet(text: str) -> list[Event]:
    names = [*NAMES, ("БелТА", "org", "BelTA"), ("ТАСС", "org", "TASS")]
    ctx = make_ctx(text, names, language="ru")
    for m in ctx.analysis.mentions:
        if m.entity in {"BelTA", "TASS"}:
            m.attrs["type"] = "media"  # what the entity stage marks an outlet with
    EventStage()([ctx])
    return ctx.analysis.events


def test_relayed_by_an_agency_is_no_event_and_no_actor() -> None:
    found = _with_outlet("Белорусские военные провели учения, передает БелТА.")
    assert [e.kind for e in found] == ["MOBILIZE"]  # "передает" is no delivery
    assert found[0].actors == ("Белорусские военные",)
    assert found[0].attributed_to == "BelTA" and found[0].modality == "reported"


def test_an_agency_reporting_is_no_statement_and_no_actor() -> None:
    found = _with_outlet("Комплекс «Сокол» заступил на боевое дежурство, сообщает ТАСС.")
    assert "STATEMENT" not in {e.kind for e in found}
    duty = next(e for e in found if e.kind == "EQUIPMENT_COMBAT_DUTY")
    assert "TASS" not in duty.actors and duty.attributed_to == "TASS"


def test_a_person_closing_the_sentence_is_its_speaker() -> None:
    found = {e.kind: e for e in events("Военные Арландии обстреляли Боровию, заявил Иван Петров.")}
    assert found["STATEMENT"].actors == ("Ivan Petrov",)
    assert found["FIGHT"].attributed_to == "Ivan Petrov" and "Ivan Petrov" not in found["FIGHT"].actors


def test_the_addressee_of_a_report_is_no_actor_of_what_was_reported() -> None:
    text = "Иван Петров в среду доложил Анне Сидоровой о том, что комплекс «Сокол» поставлен на боевое дежурство."
    duty = next(e for e in events(text) if e.kind == "EQUIPMENT_COMBAT_DUTY")
    assert "Anna Sidorova" not in duty.actors


@pytest.mark.parametrize(
    ("text", "kind", "actor"),
    [
        ("Сотрудники полиции задержали двух человек.", "COERCE", "Сотрудники полиции"),
        ("Представитель министерства заявил, что переговоры продолжатся.", "STATEMENT", "Представитель министерства"),
        ("Десятки жителей вышли на акцию протеста.", "PROTEST", "жителей"),
    ],
)
def test_a_genitive_group_is_no_actor_without_the_people_it_belongs_to(text: str, kind: str, actor: str) -> None:
    # "полиции" alone is a fragment: the officers of the police acted
    assert _actors(text, kind, syntax=False) == (actor,)


@pytest.mark.parametrize("syntax", [True, False])
def test_a_light_verb_after_its_event_noun_gives_the_actor(syntax: bool) -> None:
    # free word order: the request is Petrov's, made to Sidorova, though his name follows the noun
    text = "С такой просьбой Петров обратился к Анне Сидоровой."
    request = next(e for e in events(text, syntax=syntax) if e.kind == "REQUEST")
    assert request.actors == ("Ivan Petrov",) and request.targets == ("Anna Sidorova",)


def test_a_closing_title_names_its_person() -> None:
    found = {e.kind: e for e in events("Военные Арландии обстреляли Кестрел, сообщил глава Боровии Иван Петров.")}
    assert found["STATEMENT"].actors == ("Ivan Petrov",)


def test_an_impersonal_closing_attribution_names_the_institution() -> None:
    ctx = make_ctx(
        "Переговоры Боровии и Арландии пройдут в мае, заявили в Кремле.",
        [*NAMES, ("Кремле", "org", "Kremlin")],
        language="ru",
    )
    EventStage()([ctx])
    statement = next(e for e in ctx.analysis.events if e.kind == "STATEMENT")
    assert statement.actors == ("Kremlin",)
