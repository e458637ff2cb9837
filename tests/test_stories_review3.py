"""Story keys of regions (review): a Russian district adjective is keyed as a town only when it comes from one.

"Гомельская область" is the Gomel region and keys as ``gomel``, like "Gomel
region".  But many city districts are named after a word or a person
("Советский район", "Ленинский район", "Октябрьский район"); keyed as a town of
the same stem (Sovetsk, Leninsk) or a dictionary guess ("сово"), they would tie
shelling in a district of one city to news from a town a thousand kilometres
away.  Such a district keeps its full name as its key.
"""

from __future__ import annotations

import pytest

from dossier.resolve.stories import entity_term


@pytest.mark.parametrize(
    ("district", "not_town"),
    [
        ("Советский район", "Советск"),
        ("Ленинский район", "Ленинск"),
        ("Октябрьский район", "Октябрьск"),
    ],
)
def test_a_district_named_after_a_word_or_person_is_not_a_town(district: str, not_town: str) -> None:
    assert entity_term(district) != entity_term(not_town)
    assert " " in entity_term(district), "the full name, not a one-word town key"


@pytest.mark.parametrize(
    ("russian", "english"),
    [
        ("Гомельская область", "Gomel region"),
        ("Гомельской области", "Gomel region"),
        ("Минская область", "Minsk region"),
        ("Курской области", "Kursk region"),
        ("Гродненская область", "Grodno region"),
        ("Могилевская область", "Mogilev region"),  # written without "ё"
        ("Смоленская область", "Smolensk region"),
        ("Свердловская область", "Sverdlovsk region"),  # a region named after a town named after a person
        ("Петриковский район", "Petrikov district"),
        ("Пинский район", "Pinsk district"),
    ],
)
def test_a_region_named_after_its_town_still_keys_as_the_town(russian: str, english: str) -> None:
    assert entity_term(russian) == entity_term(english)


def test_a_name_with_a_lowercase_particle_still_lends_its_surname() -> None:
    # "Bashar al-Assad" is later "Assad", "Abu Bakr al-Baghdadi" "Baghdadi": the particle is part of the
    # name, not the lowercase word of a body's name ("Министерство обороны") that keeps its full key only
    from dossier.resolve.stories import article_terms

    terms = article_terms("", ["Bashar al-Assad", "Abu Bakr al-Baghdadi", "Mohammed bin Salman"])
    assert {"e:" + entity_term("Assad"), "e:" + entity_term("Baghdadi"), "e:" + entity_term("Salman")} <= set(terms)
    bodies = article_terms("", ["Министерство обороны Беларуси", "Treaty on the Non-Proliferation of Nuclear Weapons"])
    assert "e:" + entity_term("Беларуси") not in bodies and "e:" + entity_term("Weapons") not in bodies
