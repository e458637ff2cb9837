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


# -- issue 10, precision on real news: who acted, not who told or who is near ----------------


def kinds_with(text: str, *, syntax: bool = True, **kw: object) -> list[Event]:
    from dossier.analyze.events import EventStage

    ctx = make_ctx(text, NAMES, **kw)  # type: ignore[arg-type]
    EventStage(syntax=syntax)([ctx])
    return ctx.analysis.events


@pytest.mark.parametrize("syntax", [True, False])
def test_name_inside_the_attribution_phrase_is_not_the_reported_actor(syntax: bool) -> None:
    # Kestrel only modifies the speakers ("officials in ... Kestrel"): they told, nobody from
    # Kestrel delivered anything.  The parse (named speaker heads nothing) and the rules (a
    # name deep in a prepositional phrase) both keep it out of the actor slot.
    text = "Officials in a neighbouring Kestrel province had told reporters that the Falcon-9M had not yet arrived."
    delivered = next(e for e in kinds_with(text, syntax=syntax) if e.kind == "EQUIPMENT_DELIVERED")
    assert delivered.modality == "negated"
    assert "Kestrel" not in delivered.actors and "Kestrel" not in delivered.targets


def test_pronoun_of_a_reported_clause_still_gives_a_group_speaker() -> None:
    ev = next(e for e in kinds_with("Borovian rebels said they would release Petrov.") if e.kind == "RETREAT")
    assert ev.actors == ("Borovian rebels",)


def test_a_travelling_weapon_is_in_transit_a_travelling_person_visits() -> None:
    text = "Sidorova spoke a day after Petrov declared that the Falcon-9M was already travelling to Borovia."
    kinds = {e.kind: e for e in kinds_with(text)}
    assert "CONSULT" not in kinds
    assert kinds["EQUIPMENT_IN_TRANSIT"].equipment == ("Falcon-9M",)
    visit = "Petrov travelled to Borovia on Monday to see the Falcon-9M."
    assert "CONSULT" in {e.kind for e in kinds_with(visit)}
    assert "EQUIPMENT_IN_TRANSIT" not in {e.kind for e in kinds_with(visit)}


def test_a_weapon_owned_by_a_country_still_travels_itself() -> None:
    """The parse names the owner ("Arland's") as the subject's name; the head noun says what moves."""
    text = "Petrov said that Arland's Falcon-9M missile complex was already heading to Borovia."
    moving = [e for e in kinds_with(text) if e.kind == "EQUIPMENT_IN_TRANSIT"]
    assert moving and moving[0].equipment == ("Falcon-9M",)
    visit = "Arland's president Petrov was heading to Borovia to see the Falcon-9M."
    assert "EQUIPMENT_IN_TRANSIT" not in {e.kind for e in kinds_with(visit)}


def test_speaker_explaining_a_bare_event_noun_is_not_its_agent() -> None:
    text = "Arland deployed the Harrow. Petrov explained that the Harrow deployment was a defensive step."
    later = [e for e in kinds_with(text) if e.kind == "EQUIPMENT_DEPLOYED" and e.sentence == 1]
    assert later and all("Ivan Petrov" not in e.actors for e in later)


def test_bare_event_noun_takes_roles_from_its_own_noun_phrase() -> None:
    text = "Arland deployed the Harrow. Petrov voiced concern about the Harrow deployment."
    later = [e for e in kinds_with(text) if e.kind == "EQUIPMENT_DEPLOYED" and e.sentence == 1]
    assert later and all("Ivan Petrov" not in e.actors for e in later)  # the concern is his, not the deployment
    from test_events_support import time_expr

    owned = "Borovia's offensive on May 3 angered Arland."
    ev = next(e for e in kinds_with(owned, times=[time_expr(owned, "May 3", "2025-05-03")]) if e.kind == "FIGHT")
    assert ev.actors == ("Borovia",) and ev.targets == ()  # Arland is the object of "angered"


def test_time_words_are_no_part_of_a_capitalised_actor() -> None:
    from test_events_support import time_expr

    text = "In late September Kovalenko said the Falcon-9M was on its way."
    dated = [time_expr(text, "late September", "2025-09")]
    ev = next(e for e in kinds_with(text, times=dated) if e.kind == "STATEMENT")
    assert ev.actors == ("Kovalenko",)


# -- issue 10: an actor is who acted, never a time word, a quantity or a fragment -------------


def _only(text: str, kind: str, **kw: object) -> Event:
    found = [e for e in kinds_with(text, **kw) if e.kind == kind]
    assert found, (kind, kinds_with(text, **kw))
    return found[0]


def test_time_words_inside_a_tagged_name_are_cut_off() -> None:
    from test_events_support import time_expr

    # a tagger that ran "Easter Sunday" into the name: the time stage's span says where the date ends
    text = "On Easter Sunday Coptic Christians protested outside the cathedral."
    ctx = make_ctx(text, [], times=[time_expr(text, "Easter Sunday", "2025-04-20")])
    i = text.index("Easter")
    j = text.index(" protested")
    ctx.analysis.mentions = [Mention(text[i:j], i, j, "org", text[i:j])]
    ev = next(e for e in run(ctx) if e.kind == "PROTEST")
    assert ev.actors == ("Coptic Christians",)


def test_a_name_tagged_with_its_weekday_speaks_under_its_own_name() -> None:
    from test_events_support import time_expr

    text = "Tuesday Petrov said Arland would withdraw its troops."
    ctx = make_ctx(text, [("Arland", "place", "Arland")], times=[time_expr(text, "Tuesday", "2025-09-23")])
    i = text.index("Tuesday")
    ctx.analysis.mentions.insert(0, Mention("Tuesday Petrov", i, i + len("Tuesday Petrov"), "person", "Tuesday Petrov"))
    ev = next(e for e in run(ctx) if e.kind == "STATEMENT")
    assert ev.actors == ("Petrov",)


def test_a_time_word_is_no_part_of_a_capitalised_run() -> None:
    from test_events_support import time_expr

    text = "Christmas Eve Protesters attacked the offices of Petrov in Arland."
    ev = _only(text, "FIGHT", times=[time_expr(text, "Christmas Eve", "2025-12-24")])
    assert ev.actors == ("Protesters",)


@pytest.mark.parametrize(
    ("text", "kind", "actor"),
    [
        ("Half of the delegates walked out of the talks.", "SANCTION", "delegates"),
        ("Dozens of Kurds protested outside the embassy.", "PROTEST", "Kurds"),
        ("Most Palestinians rejected the plan.", "REJECT", "Palestinians"),
        (
            "Half of the Kurdish delegates walked out of the talks with Petrov and Sidorova.",
            "SANCTION",
            "Kurdish delegates",
        ),
    ],
)
def test_a_quantity_is_never_the_actor_the_group_it_counts_is(text: str, kind: str, actor: str) -> None:
    assert _only(text, kind).actors == (actor,)


def test_a_quantity_subject_names_no_group_in_the_parse() -> None:
    ev = _only("Most voted against the plan proposed by Petrov and Sidorova.", "REJECT")
    assert "Most" not in ev.actors


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Earlier this month Government officials condemned the strike.", "Government officials"),
        ("Opposition figures abroad criticised the idea.", "Opposition figures"),
    ],
)
def test_a_group_noun_used_as_a_modifier_keeps_its_head(text: str, actor: str) -> None:
    assert _only(text, "DISAPPROVE").actors == (actor,)


# -- issue 10: a closing attribution names the speaker, not the reported clause's actor ---------


def _kinds(text: str, **kw: object) -> dict[str, Event]:
    return {e.kind: e for e in kinds_with(text, **kw)}


def test_a_name_after_said_at_the_clause_end_is_the_speaker() -> None:
    found = _kinds("The army will withdraw from the border, said Petrov.")
    assert found["STATEMENT"].actors == ("Ivan Petrov",) and found["STATEMENT"].targets == ()
    assert found["RETREAT"].actors == ("army",) and found["RETREAT"].attributed_to == "Ivan Petrov"


def test_a_group_after_said_at_the_clause_end_is_the_speaker() -> None:
    assert _kinds("Troops will be sent to the region, said the defence ministry.")["STATEMENT"].actors == ("ministry",)
    found = _kinds("Rebels attacked the town, police said.")
    assert found["STATEMENT"].actors == ("police",) and found["FIGHT"].attributed_to == "police"


def test_a_closing_speaker_with_an_apposition_is_not_the_first_name() -> None:
    found = _kinds("Arland will withdraw from the border, Petrov, the foreign minister, said.")
    assert found["STATEMENT"].actors == ("Ivan Petrov",)
    assert found["RETREAT"].actors == ("Arland",) and found["RETREAT"].attributed_to == "Ivan Petrov"


def test_coordinated_closing_speakers_are_both_kept() -> None:
    found = _kinds("The army attacked the town, Petrov and Sidorova said.")
    assert found["STATEMENT"].actors == ("Ivan Petrov", "Anna Sidorova")
    assert found["FIGHT"].actors == ("army",) and found["FIGHT"].attributed_to == "Ivan Petrov"


def test_an_outlet_closing_the_sentence_passes_the_report_on() -> None:
    names = [*NAMES, ("Reuters", "org", "Reuters")]
    events = [e for e in events_of("Arland attacked Borovia on Monday, Reuters reported.", names)]
    assert [e.kind for e in events] == ["FIGHT"]  # no statement by the agency
    assert events[0].attributed_to == "Reuters" and events[0].modality == "reported"
    assert "Reuters" not in events[0].actors + events[0].targets


def test_the_addressee_of_a_report_is_no_actor_of_what_was_reported() -> None:
    text = "Petrov told Sidorova on Wednesday that the Falcon-9M had been put on combat duty."
    duty = _kinds(text)["EQUIPMENT_COMBAT_DUTY"]
    assert "Anna Sidorova" not in duty.actors


# -- issue 10: coordinated actors written out after a group noun ---------------------------------

ORGS = [*NAMES, ("UN", "org", "United Nations"), ("FAO", "org", "FAO"), ("WFP", "org", "WFP")]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The UN agencies FAO and WFP appealed for $50 million.", "REQUEST"),
        ("The UN food agencies, FAO and WFP, appealed for aid to Borovia.", "REQUEST"),
        ("UN agencies FAO and WFP said they needed money for Borovia.", "STATEMENT"),
    ],
)
def test_the_names_a_group_noun_is_written_out_as_are_the_actors(text: str, kind: str) -> None:
    ev = next(e for e in events_of(text, ORGS) if e.kind == kind)
    assert ev.actors == ("FAO", "WFP")


def test_a_calendar_word_the_time_stage_left_untagged_is_no_part_of_an_actor() -> None:
    # "Spring" is a season (a name in the time stage's own tables), capitalised because it opens
    # the sentence; the flood water is a thing, so nothing is left to be the actor
    found = kinds_with("Spring floodwater has cut road links between Arland and Borovia.")
    assert all("Spring" not in " ".join(e.actors) for e in found)


def test_a_closing_speaker_phrase_is_read_as_one_phrase() -> None:
    names = [*NAMES, ("BBC", "org", "BBC"), ("IMF", "org", "IMF")]
    # an apposition describes the name before it, not a speaker of its own
    text = "Arland will withdraw its troops, Petrov, a senior economist with the IMF, told the BBC."
    statement = next(e for e in events_of(text, names) if e.kind == "STATEMENT")
    assert statement.actors == ("Ivan Petrov",) and statement.targets == ("BBC",)
    text = "Arland will withdraw its troops, Sidorova, a Kestrel spokeswoman told reporters."
    assert next(e for e in events_of(text, NAMES) if e.kind == "STATEMENT").actors == ("Anna Sidorova",)
    # a speaker's commas are apposition, not coordination
    assert _kinds("Arland will withdraw its troops, said Petrov, Borovia's chief negotiator.")["STATEMENT"].actors == (
        "Ivan Petrov",
    )
    # a group heading the phrase is the speaker, the names after it say whose it is
    text = "Arland will withdraw its troops, a spokeswoman for Borovia's Kestrel office told reporters."
    assert _kinds(text)["STATEMENT"].actors == ("spokeswoman",)
    # a verb of saying with its own object closes nothing
    found = _kinds("On Monday, Arland, Borovia and Kestrel announced new investments in the region.")
    assert found["STATEMENT"].actors == ("Arland", "Borovia", "Kestrel")


def test_a_mention_with_no_time_word_keeps_its_canonical_name() -> None:
    from test_events_support import time_expr

    # only a time expression cuts a mention; its own closing bracket does not
    text = "On Monday the Arland Monitoring Agency (AMA) condemned Borovia."
    ctx = make_ctx(text, [("Borovia", "place", "Borovia")], times=[time_expr(text, "Monday", "2025-09-22")])
    i, j = text.index("Arland"), text.index(" condemned")
    ctx.analysis.mentions.insert(0, Mention(text[i:j], i, j, "org", "Arland Monitoring Agency"))
    ev = next(e for e in run(ctx) if e.kind == "DISAPPROVE")
    assert ev.actors == ("Arland Monitoring Agency",)
