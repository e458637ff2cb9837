"""One entity, one kind, across the store; acronyms and their expansions merge once an article
writes both; a one-word company tagged a person joins the org of that name (issue #10).

Analyses are written by hand: what is tested is the store's linking and its kind decision.
"""

from __future__ import annotations

from sqlalchemy import select

from dossier.model import Article, DocAnalysis, Entity, Mention
from dossier.resolve.entities import acronym_key, entity_keys
from dossier.store import Store, knowledge
from dossier.store import schema as t
from dossier.store.write import save_article


def _save(store: Store, text: str, *named: tuple[str, ...], n: int = 1) -> None:
    """Store ``text`` with entities given as (name, kind, *other forms the article wrote)."""
    entities = [Entity(name=name, kind=kind, aliases=(name, *forms)) for name, kind, *forms in named]
    mentions = [
        Mention(text=name, start=0, end=len(name), kind=kind, entity=name)
        for name, kind, *_forms in named
        for _ in range(n)
    ]
    analysis = DocAnalysis(text=text, language="en", sentences=[(0, len(text))], mentions=mentions, entities=entities)
    with store.begin() as conn:
        save_article(conn, Article(text=text, origin=f"t#{hash(text)}"), analysis)


def _entities(store: Store) -> list[tuple[str, str]]:
    with store.connect() as conn:
        return sorted((r.name, r.kind) for r in conn.execute(select(t.entities.c.name, t.entities.c.kind)))


def _mention_kinds(store: Store) -> set[str]:
    with store.connect() as conn:
        return {r.kind for r in conn.execute(select(t.mentions.c.kind))}


def test_a_club_typed_differently_in_different_articles_is_one_org(store: Store) -> None:
    _save(store, "Rovers won at home.", ("Dunmore Rovers", "org"), n=3)
    _save(store, "Rovers lost.", ("Dunmore Rovers", "person"))
    _save(store, "Rovers drew.", ("Dunmore Rovers", "place"))
    assert _entities(store) == [("Dunmore Rovers", "org")]
    assert _mention_kinds(store) == {"org"}  # the outlying mentions are re-typed


def test_the_majority_of_mentions_retypes_an_entity_first_stored_wrongly(store: Store) -> None:
    _save(store, "One.", ("Kestrel Dynamics", "place"))
    _save(store, "Two.", ("Kestrel Dynamics", "org"), n=2)
    _save(store, "Three.", ("Kestrel Dynamics", "org"))
    assert _entities(store) == [("Kestrel Dynamics", "org")]


def test_a_kind_flips_only_when_the_new_mentions_outnumber_the_stored_ones(store: Store) -> None:
    """The vote counts the stored kind only as far as it needs to: the outcome is still the majority."""
    _save(store, "Five.", ("Harrow Athletic", "org"), n=5)
    _save(store, "Four people.", ("Harrow Athletic", "person"), n=4)
    assert _entities(store) == [("Harrow Athletic", "org")]  # 5 org against 4 person
    assert _mention_kinds(store) == {"org"}
    _save(store, "Ten places.", ("Harrow Athletic", "place"), n=10)
    assert _entities(store) == [("Harrow Athletic", "place")]  # 10 place against 9 org
    assert _mention_kinds(store) == {"place"}


def test_an_acronym_joins_its_expansion_once_an_article_writes_both_in_either_order(store: Store) -> None:
    _save(store, "The European Union (EU) said.", ("European Union", "org", "EU"))
    _save(store, "The EU said.", ("EU", "org"))
    _save(store, "GM cut jobs.", ("GM", "org"))
    _save(store, "General Motors (GM) cut jobs.", ("General Motors", "org", "GM"))
    assert _entities(store) == [("European Union", "org"), ("General Motors", "org")]
    with store.connect() as conn:
        assert knowledge.find_entity_ids(conn, "GM") == knowledge.find_entity_ids(conn, "General Motors")


def test_initials_alone_never_join_names_across_articles(store: Store) -> None:
    """No article writes 'BT' for Bharti Televentures: sharing letters is no evidence, in either order."""
    _save(store, "BT said.", ("BT", "org"))
    _save(store, "Bharti Televentures said.", ("Bharti Televentures", "org"))
    _save(store, "Gramercy Electric said.", ("Gramercy Electric", "org"))
    _save(store, "GE said.", ("GE", "org"))
    assert _entities(store) == [
        ("BT", "org"),
        ("Bharti Televentures", "org"),
        ("GE", "org"),
        ("Gramercy Electric", "org"),
    ]


def test_an_acronym_shared_by_two_stored_names_merges_with_neither(store: Store) -> None:
    _save(store, "General Motors (GM) said.", ("General Motors", "org", "GM"))
    _save(store, "General Mills (GM) said.", ("General Mills", "org", "GM"))
    _save(store, "GM said.", ("GM", "org"))
    assert _entities(store) == [("GM", "org"), ("General Mills", "org"), ("General Motors", "org")]


def test_acronym_keys() -> None:
    assert acronym_key("European Union") == "initials:EU"
    assert acronym_key("Bank of England") == "initials:BE"
    assert acronym_key("N.A.T.O.") == "acronym:NATO"
    assert acronym_key("Moscow") is None
    keys = entity_keys(Entity(name="European Union", kind="org", aliases=("European Union", "E.U.")))
    assert keys[0] == "org:european union" and "initials:EU" in keys and "name:european union" in keys
    # initials only where the article wrote the acronym too
    assert not any(k.startswith("initials:") for k in entity_keys(Entity(name="European Union", kind="org")))
    # a surname-only person has no kind-free name key: it must never merge into a place or a club
    assert not any(
        k.startswith("name:")
        for k in entity_keys(Entity(name="Glazer", kind="person", attrs={"surname": "Glazer", "surname_only": True}))
    )


def test_a_long_form_never_follows_an_acronym_already_expanded(store: Store) -> None:
    _save(store, "CBI said.", ("CBI", "org"))
    _save(
        store, "The Confederation of British Industry (CBI) said.", ("Confederation of British Industry", "org", "CBI")
    )
    _save(store, "The Credit Bank of Iraq (CBI) said.", ("Credit Bank of Iraq", "org", "CBI"))
    assert _entities(store) == [("Confederation of British Industry", "org"), ("Credit Bank of Iraq", "org")]


def test_a_company_tagged_a_person_joins_the_org_of_that_name_in_either_order(store: Store) -> None:
    _save(store, "Velkor said.", ("Velkor", "person"), n=2)
    _save(store, "The firm Velkor said.", ("Velkor", "org"), n=3)
    _save(store, "Quorvo fell.", ("Quorvo", "org"), n=3)
    _save(store, "Quorvo said.", ("Quorvo", "person"))
    assert _entities(store) == [("Quorvo", "org"), ("Velkor", "org")]  # the majority of all mentions
    assert _mention_kinds(store) == {"org"}


def test_a_one_word_org_stays_apart_from_a_namesake_and_from_places(store: Store) -> None:
    """'Brannock' the firm beside a stored 'Ivy Brannock': the word is her surname, so no merge; a
    surname-only person never joins a place of the same name."""
    _save(store, "Ivy Brannock spoke.", ("Ivy Brannock", "person"))
    _save(store, "Brannock shares rose.", ("Brannock", "org"))
    _save(store, "Dunmore voted.", ("Dunmore", "place"))
    _save(store, "Dunmore said.", ("Dunmore", "person"))
    assert _entities(store) == [
        ("Brannock", "org"),
        ("Dunmore", "person"),
        ("Dunmore", "place"),
        ("Ivy Brannock", "person"),
    ]


def _save_person(store: Store, text: str, name: str) -> None:
    words = name.split()
    attrs = {"surname": words[-1], **({"given": words[0]} if len(words) > 1 else {"surname_only": True})}
    entity = Entity(name=name, kind="person", aliases=(name,), attrs=attrs)
    mention = Mention(text=name, start=0, end=len(name), kind="person", entity=name)
    analysis = DocAnalysis(text=text, language="en", sentences=[(0, len(text))], mentions=[mention], entities=[entity])
    with store.begin() as conn:
        save_article(conn, Article(text=text, origin=f"t#{hash(text)}"), analysis)


def test_a_full_name_joins_the_one_person_stored_by_that_surname_alone(store: Store) -> None:
    """'Ardley' first, 'Nora Ardley' later: one person, as in the other order; a second full name does not."""
    _save_person(store, "Ardley said no.", "Ardley")
    _save_person(store, "Nora Ardley bid again.", "Nora Ardley")
    _save_person(store, "Tom Ardley, her son, spoke.", "Tom Ardley")
    assert _entities(store) == [("Nora Ardley", "person"), ("Tom Ardley", "person")]
    with store.connect() as conn:
        attrs = conn.execute(select(t.entities.c.attrs).where(t.entities.c.name == "Nora Ardley")).scalar_one()
    assert attrs["given"] == "Nora" and not attrs.get("surname_only")


def test_a_full_name_never_takes_a_namesakes_full_entity(store: Store) -> None:
    _save_person(store, "Nora Ardley said.", "Nora Ardley")
    _save_person(store, "Tom Ardley said.", "Tom Ardley")
    assert _entities(store) == [("Nora Ardley", "person"), ("Tom Ardley", "person")]
