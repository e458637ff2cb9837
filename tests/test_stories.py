"""Story clustering: same development joins, a different development of the same kind does not."""

from __future__ import annotations

from datetime import datetime

from dossier.resolve.stories import StoryIndex, rough_entities

QUAKE_A1 = (
    "A magnitude 6.1 earthquake struck the Aceh province of Indonesia on Tuesday, killing at least 22 "
    "people in the Bener Meriah district and destroying hundreds of homes, the disaster agency said."
)
QUAKE_A2 = (
    "Rescuers in Bener Meriah searched collapsed homes after the 6.1 magnitude quake in Aceh that killed "
    "22 people, Indonesia's disaster agency spokesman Sutopo Purwo Nugroho said."
)
QUAKE_B = (
    "A magnitude 7.2 earthquake hit southern Peru near Arequipa on Friday, killing two people in the "
    "Acari district; the Peruvian geophysical institute said aftershocks continued."
)
QUAKE_B2 = (
    "Aftershocks shook Arequipa after the 7.2 earthquake in southern Peru killed two people in Acari, "
    "the geophysical institute of Peru said on Saturday."
)
POLITICS = (
    "Parliament in Lisbon approved the state budget after a long debate, with the Socialist party "
    "securing support from two smaller parties, the speaker announced."
)


def test_two_different_earthquakes_are_two_stories() -> None:
    index = StoryIndex()
    s1 = index.add("a1", QUAKE_A1, datetime(2013, 7, 2, 10))
    s2 = index.add("b1", QUAKE_B, datetime(2013, 7, 5, 10))
    s3 = index.add("a2", QUAKE_A2, datetime(2013, 7, 2, 18))
    s4 = index.add("b2", QUAKE_B2, datetime(2013, 7, 6, 8))
    s5 = index.add("p", POLITICS, datetime(2013, 7, 3, 8))
    assert s1 == s3
    assert s2 == s4
    assert len({s1, s2, s5}) == 3


def test_time_decay_splits_same_wording_far_apart() -> None:
    index = StoryIndex()
    s1 = index.add("x1", QUAKE_A1, datetime(2013, 7, 2))
    s2 = index.add("x2", QUAKE_A2, datetime(2014, 7, 2))
    assert s1 != s2


def test_add_is_idempotent_and_entities_can_be_given() -> None:
    index = StoryIndex()
    s = index.add("a", QUAKE_A1, entities=["Aceh", "Indonesia"], dates=["2013-07-02"])
    assert index.add("a", QUAKE_A1) == s
    assert "Bener Meriah" in rough_entities(QUAKE_A1)
