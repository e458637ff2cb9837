"""Canonical entities across articles and languages in the store (issue #3).

Analyses are written by hand here: what is tested is the store's merging,
not the NLP that would produce them.
"""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from dossier.model import Article, DocAnalysis, Entity, Event, Mention
from dossier.store import Store, knowledge
from dossier.store import schema as t
from dossier.store.write import save_article


def _person(name: str, *, surname_only: bool = False, aliases: tuple[str, ...] = ()) -> Entity:
    words = name.split()
    attrs = {"surname": words[-1], "surname_only": True} if surname_only else {}
    return Entity(name=name, kind="person", aliases=aliases or (name,), attrs=attrs)


def _save(store: Store, text: str, entities: list[Entity], events: list[Event] | None = None) -> int:
    mentions = [Mention(text=e.name, start=0, end=len(e.name), kind=e.kind, entity=e.name) for e in entities]
    analysis = DocAnalysis(
        text=text, language="en", sentences=[(0, len(text))], mentions=mentions, entities=entities, events=events or []
    )
    with store.begin() as conn:
        return save_article(conn, Article(text=text, origin=f"t#{hash(text)}"), analysis).article_id


def _entities(store: Store) -> list[tuple[str, str]]:
    with store.connect() as conn:
        return sorted((r.name, r.kind) for r in conn.execute(select(t.entities.c.name, t.entities.c.kind)))


def test_russian_and_english_names_merge(store: Store) -> None:
    _save(store, "Alexander Lukashenko spoke.", [_person("Alexander Lukashenko")])
    _save(store, "Александр Лукашенко заявил.", [_person("Александр Лукашенко")])
    _save(store, "Лукашенко заявил.", [_person("Лукашенко", surname_only=True)])
    assert _entities(store) == [("Alexander Lukashenko", "person")]
    with store.connect() as conn:
        (rec,) = knowledge.list_entities(conn)
        assert rec["articles"] == 3 and rec["mentions"] == 3
        assert {"Александр Лукашенко", "Лукашенко"} <= set(rec["aliases"])
        # Any alias, in any script, finds it.
        assert knowledge.find_entity_ids(conn, "лукашенко") == [rec["id"]]
        assert knowledge.get_entity(conn, "Lukashenko")["name"] == "Alexander Lukashenko"


def test_namesakes_are_not_merged_on_a_surname(store: Store) -> None:
    _save(store, "John Smith said.", [_person("John Smith")])
    _save(store, "Adam Smith said.", [_person("Adam Smith")])
    _save(store, "Smith said.", [_person("Smith", surname_only=True)])
    assert _entities(store) == [("Adam Smith", "person"), ("John Smith", "person"), ("Smith", "person")]


def test_a_surname_joins_the_only_person_known_by_it(store: Store) -> None:
    _save(store, "Maxim Ryzhenkov said.", [_person("Maxim Ryzhenkov")])
    _save(store, "Ryzhenkov said.", [_person("Ryzhenkov", surname_only=True)])
    assert _entities(store) == [("Maxim Ryzhenkov", "person")]


def test_events_are_linked_to_canonical_entities_for_timelines(store: Store) -> None:
    oreshnik = Entity(name="Oreshnik", kind="equipment", attrs={"gazetteer": "oreshnik"})
    ev1 = Event(
        kind="REQUEST",
        start=0,
        end=10,
        actors=("Alexander Lukashenko",),
        equipment=("Oreshnik",),
        date="2024-12-06",
        reported="2024-12-07",
    )
    _save(store, "Alexander Lukashenko asked for Oreshnik.", [_person("Alexander Lukashenko"), oreshnik], [ev1])
    ev2 = Event(
        kind="EQUIPMENT_COMBAT_DUTY",
        start=0,
        end=10,
        actors=("Виктор Хренин",),
        equipment=("Oreshnik",),
        reported="2025-12-17",
        modality="reported",
    )
    _save(store, "Виктор Хренин доложил: Орешник на дежурстве.", [_person("Виктор Хренин"), oreshnik], [ev2])
    with store.connect() as conn:
        line = knowledge.timeline(conn, "Орешник")
    assert line["subject"] == "Oreshnik" and line["kind"] == "equipment"
    assert [e["kind"] for e in line["entries"]] == ["REQUEST", "EQUIPMENT_COMBAT_DUTY"]
    assert line["entries"][1]["undated"] is True
    assert line["status"] == "combat_duty" and line["status_date"] == "2025-12-17"
    assert line["status_by_report"] is True  # the report's day, not a date any source gives
    assert all(e["sources"] for e in line["entries"])


def test_undated_event_takes_the_date_of_a_coreferent_report_by_the_same_actor(store: Store) -> None:
    """Issue #6/#7: "Ryzhenkov stated on September 26" dates "Ryzhenkov emphasized" in the same cluster,
    but never another speaker's statement that the cluster also holds."""
    from sqlalchemy import insert

    oreshnik = Entity(name="Oreshnik", kind="equipment", attrs={"gazetteer": "oreshnik"})
    said = Event(kind="STATEMENT", start=0, end=5, actors=("Maxim Ryzhenkov",), equipment=("Oreshnik",))
    _save(
        store,
        "Maxim Ryzhenkov stated on September 26 that Oreshnik...",
        [_person("Maxim Ryzhenkov"), oreshnik],
        [dataclasses.replace(said, date="2025-09-26", date_text="September 26")],
    )
    _save(store, "Maxim Ryzhenkov emphasized that Oreshnik...", [_person("Maxim Ryzhenkov"), oreshnik], [said])
    _save(
        store,
        "Alexander Lukashenko stated that Oreshnik...",
        [_person("Alexander Lukashenko"), oreshnik],
        [dataclasses.replace(said, actors=("Alexander Lukashenko",))],
    )
    with store.begin() as conn:
        story = conn.execute(insert(t.stories).values(n_articles=3, sqnorm=1.0)).inserted_primary_key[0]
        cluster = conn.execute(
            insert(t.event_clusters).values(story_id=story, kind="STATEMENT", words=[], dates=[])
        ).inserted_primary_key[0]
        for event_id, article_id in conn.execute(select(t.events.c.id, t.events.c.article_id)):
            conn.execute(insert(t.event_mentions).values(event_id=event_id, cluster_id=cluster, article_id=article_id))
    with store.connect() as conn:
        entries = knowledge.timeline(conn, "Oreshnik")["entries"]
    dates = {(e["actors"][0], e["date"]) for e in entries}
    assert ("Maxim Ryzhenkov", "2025-09-26") in dates
    assert ("Alexander Lukashenko", None) in dates
