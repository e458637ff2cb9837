"""Cross-article events, independent-source counting and contradiction flags."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from dossier.model import Event
from dossier.resolve.contradictions import find_contradictions, sentence_numbers
from dossier.resolve.copies import CopyIndex
from dossier.resolve.corroboration import corroborate, corroborate_articles
from dossier.resolve.eventcoref import EventCorefIndex, dates_compatible

T = datetime(2025, 5, 6, 9)
POST = (
    "Twelve Polonez launchers were delivered to the 336th rocket artillery brigade near Osipovichi on "
    "5 May, the defence ministry said. Crews will begin exercises next week at the Obuz-Lesnovsky range."
)
OWN_REPORT = (
    "Residents of Osipovichi filmed a train carrying rocket launchers arriving at the station; the "
    "brigade received the Polonez systems on Monday, according to a local official we spoke to."
)


def deliver(date: str | None = "2025-05-05", modality: str = "asserted", kind: str = "deliver", **kw: object) -> Event:
    return Event(
        kind=kind,
        start=0,
        end=9,
        trigger="delivered",
        date=date,
        equipment=("Polonez",),
        targets=("336th rocket artillery brigade",),
        modality=modality,
        **kw,
    )  # type: ignore[arg-type]


def test_events_merge_across_articles_and_keep_provenance() -> None:
    index = EventCorefIndex()
    (c1,) = index.add("a", [deliver()], story="s1", sentences=["Polonez delivered to the brigade."])
    (c2,) = index.add("b", [deliver(date=None)], story="s1")
    (c3,) = index.add("c", [deliver()], story="s2")  # another story: another event
    other = Event(kind="deliver", start=0, end=5, equipment=("T-72 tanks",), targets=("Egypt",))
    (c4,) = index.add("d", [other], story="s1")
    assert c1 == c2 and c3 != c1 and c4 != c1
    cluster = index.get(c1)
    assert cluster is not None
    assert cluster.article_ids == ["a", "b"]
    assert cluster.mentions[0].sentence_text == "Polonez delivered to the brigade."


def test_forward_does_not_add_an_independent_source() -> None:
    copies = CopyIndex()
    copies.add("mod", POST, T, "@modmilby")
    copies.add("fwd1", POST, T.replace(hour=10), "@channel_one", {"forwarded_from": "modmilby"})
    copies.add("fwd2", POST + " Subscribe!", T.replace(hour=11), "@channel_two")
    copies.add("own", OWN_REPORT, T.replace(hour=12), "Local paper")
    copies.add("own2", "The brigade got Polonez launchers. " + OWN_REPORT[:60], T.replace(hour=13), "Local paper")
    events = EventCorefIndex()
    for art in ("mod", "fwd1", "fwd2", "own", "own2"):
        events.add(art, [deliver()], story="s1")
    (cluster,) = events.clusters()
    result = corroborate(cluster, copies)
    assert result.n_articles == 5
    assert result.n_independent == 2  # the ministry channel and the local paper
    assert set(result.independent) == {"outlet:modmilby", "outlet:local paper"}
    by_article = {s.article_id: s for s in result.sources}
    assert by_article["fwd2"].original == "mod"


def test_credit_counts_as_the_credited_outlet() -> None:
    copies = CopyIndex()
    copies.add("x", "Exercises began in the west, reports say, сообщает ТАСС.", T, "Site X")
    copies.add("y", "Учения начались на западе, передает ТАСС.", T, "Site Y")
    copies.add("z", "Exercises began in the west, our correspondent saw the columns.", T, "Site Z")
    result = corroborate_articles("exercises", ["x", "y", "z", "unknown"], copies)
    assert result.n_independent == 3  # tass, site z, and the article the copy index never saw
    assert "outlet:tass" in result.independent


def test_date_status_number_and_speaker_contradictions() -> None:
    events = EventCorefIndex()
    events.add("a", [deliver()], story="s", sentences=["Twelve Polonez launchers were delivered on 5 May."])
    events.add(
        "b",
        [deliver(modality="negated")],
        story="s",
        sentences=["The ministry said no Polonez launchers had been delivered."],
    )
    events.add("c", [deliver()], story="s", sentences=["Eight Polonez launchers were delivered on 5 May."])
    events.add("d", [deliver("2025-04-20")], story="s", sentences=["Polonez arrived on 20 April."])
    events.add(
        "e",
        [
            Event(
                kind="statement",
                start=0,
                end=4,
                attributed_to="Viktor Khrenin",
                quote_index=0,
                actors=("Viktor Khrenin",),
                targets=("Polonez",),
            )
        ],
        story="s",
    )
    events.add(
        "f",
        [
            Event(
                kind="statement",
                start=0,
                end=4,
                attributed_to="Alexander Volfovich",
                quote_index=0,
                actors=("Alexander Volfovich",),
                targets=("Polonez",),
            )
        ],
        story="s",
    )
    flags = find_contradictions(events.clusters())
    fields = {f.field for f in flags}
    assert {"status", "date", "number:launcher", "speaker"} <= fields
    status = next(f for f in flags if f.field == "status")
    assert {(s.value, s.article_id) for s in status.sides} >= {("asserted", "a"), ("negated", "b")}
    number = next(f for f in flags if f.field == "number:launcher")
    assert {(s.value, s.article_id) for s in number.sides} == {("12", "a"), ("8", "c")}
    date = next(f for f in flags if f.field == "date")
    assert {s.value for s in date.sides} == {"2025-05-05", "2025-04-20"}
    record = status.to_record()
    assert record["sides"][0]["sentence"]


def test_denial_event_contradicts_the_claim() -> None:
    events = EventCorefIndex()
    events.add("a", [deliver()], story="s")
    events.add(
        "b",
        [Event(kind="deny", start=0, end=6, equipment=("Polonez",), targets=("336th rocket artillery brigade",))],
        story="s",
    )
    flags = find_contradictions(events.clusters())
    assert [f.field for f in flags] == ["status"]


def test_no_flags_when_accounts_agree() -> None:
    events = EventCorefIndex()
    events.add("a", [deliver()], story="s", sentences=["12 launchers were delivered."])
    events.add("b", [deliver("2025-05")], story="s", sentences=["Twelve launchers were delivered in May."])
    assert find_contradictions(events.clusters()) == []


def test_helpers() -> None:
    assert dates_compatible("2025-05", "2025-05-05")
    assert dates_compatible("XXXX-05-05", "2025-05-05")
    assert not dates_compatible("2025-05-04", "2025-05-05")
    numbers = sentence_numbers("Twelve launchers and 1,200 troops arrived in 2025.")
    assert numbers["launcher"] == {12.0} and numbers["troop"] == {1200.0}
    assert all(2025.0 not in v for v in numbers.values())


def test_event_stage_vocabulary_denied_delivery_and_statement_speakers() -> None:
    """Kinds and modalities as ``analyze/events.py`` writes them (EQUIPMENT_DELIVERED, STATEMENT)."""
    events = EventCorefIndex()
    delivered = Event(kind="EQUIPMENT_DELIVERED", start=0, end=9, equipment=("Iskander",), date="2025-09")
    events.add("a", [delivered], story="s")
    events.add("b", [dataclasses.replace(delivered, modality="denied", attributed_to="Ministry")], story="s")
    events.add("c", [dataclasses.replace(delivered, modality="planned")], story="s")
    # Without a subject of the verb of saying, the speaker of a statement is that of the quote it
    # stands under (quote_index set).
    said = Event(kind="STATEMENT", start=0, end=4, targets=("Iskander",), attributed_to="Lukashenko", quote_index=0)
    events.add("d", [said], story="s")
    events.add("e", [dataclasses.replace(said, attributed_to="Khrenin")], story="s")
    flags = {(f.kind, f.field) for f in find_contradictions(events.clusters())}
    assert ("EQUIPMENT_DELIVERED", "status") in flags
    assert ("STATEMENT", "speaker") in flags
    status = next(f for f in find_contradictions(events.clusters()) if f.field == "status")
    assert {s.value for s in status.sides} == {"asserted", "denied"}  # "planned" is neither side


def test_a_relayed_statement_is_not_a_speaker_conflict() -> None:
    """"Khrenin told the president ..., according to BelTA" and "..., the press service said":
    the quote's speaker or source relays the statement; its maker is the subject of the verb."""
    events = EventCorefIndex()
    said = Event(kind="STATEMENT", start=0, end=4, actors=("Viktor Khrenin",), targets=("Iskander",), quote_index=0)
    events.add("a", [dataclasses.replace(said, attributed_to="BelTA", modality="reported")], story="s")
    events.add("b", [dataclasses.replace(said, attributed_to="presidential press service")], story="s")
    assert len(events.clusters()) == 1
    assert not [f for f in find_contradictions(events.clusters()) if f.field == "speaker"]


def test_not_saying_and_saying_on_two_dates_are_no_contradiction() -> None:
    """A statement's status and date are never contested: "did not say when it would arrive" denies
    nothing, and statements on two dates are two statements."""
    events = EventCorefIndex()
    said = Event(kind="STATEMENT", start=0, end=4, actors=("Viktor Khrenin",), targets=("Iskander",), date="2025-09-26")
    events.add("a", [said], story="s")
    events.add("b", [dataclasses.replace(said, modality="negated")], story="s")
    events.add("c", [dataclasses.replace(said, date="2025-12-17")], story="s")
    assert not [f for f in find_contradictions(events.clusters()) if f.field in ("status", "date")]


def test_one_speaker_in_two_scripts_is_not_a_speaker_conflict() -> None:
    from dossier.resolve.eventcoref import EventCluster, EventMentionRef

    said = Event(kind="STATEMENT", start=0, end=4, actors=("Victor Khrenin",), targets=("Iskander",), quote_index=0)
    names = ["Victor Khrenin", "Виктор Хренин", "Хренин"]
    refs = [EventMentionRef(str(n), dataclasses.replace(said, actors=(who,))) for n, who in enumerate(names)]
    one = EventCluster("c1", "s", "STATEMENT", refs)
    assert not [f for f in find_contradictions([one]) if f.field == "speaker"]
    volk = EventMentionRef("9", dataclasses.replace(said, actors=("Anna Volk",)))
    other = EventCluster("c2", "s", "STATEMENT", [*refs, volk])
    assert [f for f in find_contradictions([other]) if f.field == "speaker"]
