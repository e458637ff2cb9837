"""Issue 10, event mentions and their coreference: which words of a report are recorded as
events, so that the same real event can be followed across articles.

Hand-made documents (``test_events_support``), no model.  Each test names the mechanism
it pins down; the sentences were written for these tests.
"""

from __future__ import annotations

from dossier.analyze.eventing.extract import title_case
from dossier.analyze.eventing.lexicon import tokenize
from dossier.model import Event
from dossier.resolve.eventcoref import EventCorefIndex
from test_events_support import events_of

NAMES = [
    ("Petrov", "person", "Ivan Petrov"),
    ("Sidorova", "person", "Anna Sidorova"),
    ("Arland", "place", "Arland"),
    ("Borovia", "place", "Borovia"),
    ("Kestrel", "place", "Kestrel"),
    ("Петров", "person", "Иван Петров"),
    ("Арланд", "place", "Арланд"),
    ("Кестрел", "place", "Кестрел"),
]


def by_kind(events: list[Event]) -> dict[str, Event]:
    return {e.kind: e for e in events}


# --- statements are events of their own --------------------------------------------


def test_statement_verb_is_recorded_beside_the_event_it_reports() -> None:
    events = by_kind(events_of("Petrov said Arland shelled Kestrel on Monday.", NAMES))
    assert set(events) == {"STATEMENT", "FIGHT"}
    assert events["STATEMENT"].actors == ("Ivan Petrov",)
    assert events["STATEMENT"].plover is None
    # the reported event is still attributed to the speaker and is the sentence's main event
    assert events["FIGHT"].attributed_to == "Ivan Petrov" and events["FIGHT"].main
    assert not events["STATEMENT"].main


def test_russian_statement_is_recorded_beside_the_event_it_reports() -> None:
    events = by_kind(events_of("Петров заявил, что Арланд обстрелял Кестрел.", NAMES, language="ru"))
    assert set(events) == {"STATEMENT", "FIGHT"}
    assert events["STATEMENT"].actors == ("Иван Петров",)
    assert events["FIGHT"].attributed_to == "Иван Петров"


def test_statement_without_a_speaker_is_still_not_recorded() -> None:
    assert [e.kind for e in events_of("It was said that Arland shelled Kestrel.", NAMES)] == ["FIGHT"]


# --- headlines --------------------------------------------------------------------


def test_title_case_is_recognised_only_when_nearly_every_word_is_capitalised() -> None:
    assert title_case(tokenize("Police Arrest Dozens Of Activists In Kestrel", 0, "en"))
    assert not title_case(tokenize("Police arrested dozens of activists in Kestrel.", 0, "en"))
    assert not title_case(tokenize("Kestrel Fire", 0, "en"))  # too short to tell


def test_capitalised_trigger_of_a_title_case_headline_is_an_event() -> None:
    events = events_of("Police Arrest Dozens Of Activists In Kestrel", NAMES)
    assert [e.kind for e in events] == ["COERCE"]


def test_capitalised_trigger_inside_a_name_in_running_text_is_not() -> None:
    events = events_of("Members of the Arland Strike Force visited Kestrel for a parade.", NAMES)
    assert "FIGHT" not in [e.kind for e in events]


def test_headline_event_noun_is_reported_but_the_same_noun_in_prose_is_background() -> None:
    headline = events_of("Explosion at Kestrel refinery\n\nWorkers were sent home early.", NAMES)
    assert [e.kind for e in headline] == ["DISASTER"]
    prose = events_of("Workers were sent home early. The explosion at Kestrel refinery is a worry.", NAMES)
    assert "DISASTER" not in [e.kind for e in prose]


# --- nouns referring back to a reported event ----------------------------------------


def test_event_noun_referring_to_a_reported_event_is_a_mention_of_it() -> None:
    text = "Gunmen shot two guards in Kestrel on Friday. Police said the shooting was the third this year."
    crimes = [e for e in events_of(text, NAMES) if e.kind == "CRIME"]
    assert [e.trigger for e in crimes] == ["shot", "shooting"]


def test_event_noun_alone_stays_background() -> None:
    text = "Police said the shooting was the third this year."
    assert "CRIME" not in [e.kind for e in events_of(text, NAMES)]


def test_event_noun_the_text_comes_back_to_is_its_topic() -> None:
    text = "Smoke from the fire covered Kestrel. The cause of the fire is unknown."
    assert [e.kind for e in events_of(text, NAMES)] == ["DISASTER", "DISASTER"]
    assert events_of("Smoke from the fire covered Kestrel. The cause is unknown.", NAMES) == []


def test_one_event_per_kind_per_sentence_still_holds_for_referring_nouns() -> None:
    text = "Gunmen shot two guards in Kestrel, a shooting that shocked the town."
    assert [e.kind for e in events_of(text, NAMES)].count("CRIME") == 1


# --- word forms, noun-phrase targets, complements -------------------------------------


def test_noun_pattern_does_not_take_the_past_tense_of_a_verb_spelt_alike() -> None:
    assert "DISASTER" not in [e.kind for e in events_of("Arland fired its coach in Kestrel.", NAMES)]
    assert "DISASTER" in [e.kind for e in events_of("A fire broke out in Kestrel.", NAMES)]


def test_verb_with_only_a_plain_noun_phrase_target_is_reported() -> None:
    (ev,) = [e for e in events_of("A sniper killed two villagers near Kestrel.", NAMES) if e.plover]
    assert ev.trigger == "killed" and ev.targets == ("villagers",)


def test_event_noun_object_of_a_threat_is_its_content() -> None:
    events = events_of("Arland threatened new strikes on Borovia.", NAMES)
    assert [e.kind for e in events] == ["THREATEN"]


def test_occurrence_vocabulary_second_pass() -> None:
    reserve = events_of("Arland placed its striker on injured reserve.", NAMES)
    assert [e.kind for e in reserve] == ["HEALTH"]
    court = events_of("A Kestrel court overturned the conviction of Petrov.", NAMES)
    assert "LEGAL" in [e.kind for e in court]


def test_negated_report_keeps_its_modality() -> None:
    events = by_kind(events_of("Petrov said Arland did not shell Kestrel.", NAMES))
    assert events["FIGHT"].modality == "negated"


# --- coreference ------------------------------------------------------------------


def test_reports_naming_participants_differently_corefer() -> None:
    index = EventCorefIndex()
    a = Event("DIE", 0, 4, actors=("Lia Moreno",), place="Kestrel", date="2025-03-02")
    b = Event("DIE", 0, 4, actors=("the actress",), targets=("her family",), date="2025-03")
    assert index.add("1", [a], "s") == index.add("2", [b], "s")


def test_events_about_different_equipment_stay_apart() -> None:
    index = EventCorefIndex()
    one = Event("EQUIPMENT_DELIVERED", 0, 4, actors=("Arland",), equipment=("Falcon-9M",))
    other = Event("EQUIPMENT_DELIVERED", 0, 4, actors=("Arland",), equipment=("Harrow",))
    again = Event("EQUIPMENT_DELIVERED", 0, 4, actors=("Borovia",), equipment=("Falcon-9M",))
    first, second, third = (index.add(str(i), [e], "s")[0] for i, e in enumerate((one, other, again)))
    assert first != second and first == third


def test_conflicting_dates_still_keep_events_apart() -> None:
    index = EventCorefIndex()
    a = Event("DIE", 0, 4, date="2025-03-02")
    b = Event("DIE", 0, 4, date="2025-04-09")
    assert index.add("1", [a], "s") != index.add("2", [b], "s")


def test_a_killing_and_the_death_it_caused_corefer_but_keep_their_kinds() -> None:
    index = EventCorefIndex()
    (killing,) = index.add("1", [Event("ASSAULT", 0, 6, actors=("gunmen",), targets=("Lia Moreno",))], "s")
    (death,) = index.add("2", [Event("DIE", 0, 4, actors=("Lia Moreno",))], "s")
    (arrest,) = index.add("3", [Event("COERCE", 0, 4, targets=("Lia Moreno",))], "s")
    assert killing == death != arrest
    cluster = index.get(killing)
    assert cluster is not None and cluster.kind == "ASSAULT"
    assert [m.event.kind for m in cluster.mentions] == ["ASSAULT", "DIE"]


def test_let_alone_is_an_idiom_not_letting_anyone_in() -> None:
    assert events_of("We see no sign of the system, let alone in Borovia.", NAMES) == []
    assert [e.kind for e in events_of("Arland let the inspectors in on Monday.", NAMES)] == ["RETREAT"]


def test_russian_tried_is_not_tortured() -> None:
    assert [e.kind for e in events_of("Боевики Арланда пытали пленных в Кестреле.", NAMES, language="ru")] == [
        "ASSAULT"
    ]
    assert "ASSAULT" not in [
        e.kind for e in events_of("Арланд пытался договориться с Кестрелом.", NAMES, language="ru")
    ]


def test_a_verb_participle_after_a_determiner_is_an_adjective_not_the_event() -> None:
    """"the advanced complex" is no military advance, and "the reported strike" keeps its noun."""
    kinds = {e.kind for e in events_of("Belarus has brought the advanced missile complex into combat readiness.")}
    assert "FIGHT" not in kinds
    assert "FIGHT" in {e.kind for e in events_of("Troops advanced into the town on Monday.")}
