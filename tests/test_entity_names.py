"""By-name look-ups read the indexed ``entity_names`` table and find what the old scan found.

``knowledge.find_entity_ids`` used to match a name against every row of ``entities``
(``lower(name) = ...`` or ``aliases ILIKE '%name%'``); it now reads ``entity_names``. These tests
compare it with that scan (kept here as ``_scan``) on varied names, and check that every write
that changes names or aliases (ingest, merge, split, edit and each undo) keeps the table exact.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import String, cast, func, or_, select, text

from dossier import corrections as corr
from dossier.ingest.job import IngestReport, store_batch
from dossier.model import Article, DocAnalysis, Entity, Mention
from dossier.store import Store, entity_names, knowledge
from dossier.store import schema as t

KINDS = {
    "Alexander Lukashenko": "person",
    "Tessel Bank": "org",
    "Karlsen Group": "org",
    "Valmora": "place",
    "Straße AG": "org",
}
ALIASES = {"Alexander Lukashenko": ["Lukashenko"], "Tessel Bank": ["TESSEL", "Tessel"]}


def _scan(conn: Any, name: str, kind: str | None = None) -> list[int]:
    """The look-up as it was before ``entity_names``: a scan of the entities table, then keys."""
    name = name.strip()
    lowered = name.casefold()
    q = select(t.entities.c.id, t.entities.c.name, t.entities.c.aliases).where(
        or_(
            func.lower(t.entities.c.name) == name.lower(),
            cast(t.entities.c.aliases, String).ilike(f"%{name}%"),
        )
    )
    if kind:
        q = q.where(t.entities.c.kind == kind)
    ids = [
        r.id
        for r in conn.execute(q)
        if r.name.casefold() == lowered or any(str(a).casefold() == lowered for a in (r.aliases or []))
    ]
    if ids:
        return sorted(ids)
    from dossier.resolve.entities import entity_keys

    keys = [key for k in ([kind] if kind else knowledge.KINDS) for key in entity_keys(Entity(name=name, kind=k))]
    rows = conn.execute(select(t.entity_keys.c.entity_id).where(t.entity_keys.c.key.in_(keys)).distinct())
    return sorted(r.entity_id for r in rows)


def _ingest(store: Store, url: str, names: list[str]) -> None:
    body = ". ".join(names) + "."
    mentions, start = [], 0
    for n in names:
        mentions.append(Mention(n, start, start + len(n), KINDS[n], n))
        start += len(n) + 2
    entities = [Entity(name=n, kind=KINDS[n], aliases=tuple(ALIASES.get(n, []))) for n in dict.fromkeys(names)]
    analysis = DocAnalysis(text=body, language="en", sentences=[(0, len(body))], mentions=mentions, entities=entities)
    article = Article(
        text=body,
        title=body[:30],
        url=url,
        origin=url,
        outlet="example.org",
        published=datetime(2024, 1, 1, tzinfo=UTC),
        language="en",
    )
    store_batch(store, [article], {id(article): analysis}, IngestReport(), None, resolve=False)


def _id(store: Store, name: str) -> int:
    with store.connect() as conn:
        return int(conn.execute(select(t.entities.c.id).where(t.entities.c.name == name)).scalar_one())


def _assert_exact(store: Store) -> None:
    """``entity_names`` holds exactly the folded names and aliases of the stored entities."""
    with store.connect() as conn:
        have = {(r.name, r.entity_id) for r in conn.execute(select(t.entity_names))}
        want = {
            (row["name"], row["entity_id"])
            for r in conn.execute(select(t.entities.c.id, t.entities.c.name, t.entities.c.aliases))
            for row in entity_names.rows_for(r.id, r.name, r.aliases)
        }
    assert have == want


@pytest.fixture
def seeded(store: Store) -> Store:
    _ingest(store, "https://example.org/a", ["Alexander Lukashenko", "Tessel Bank", "Valmora"])
    _ingest(store, "https://example.org/b", ["Karlsen Group", "Tessel Bank", "Straße AG"])
    return store


QUERIES = [
    ("Valmora", None),
    ("VALMORA", None),
    ("  valmora ", None),
    ("Valmora", "place"),
    ("Valmora", "org"),
    ("Tessel Bank", None),
    ("tessel", None),
    ("TESSEL", "org"),
    ("Tessel", "person"),
    ("Lukashenko", None),
    ("alexander lukashenko", "person"),
    ("Лукашенко", None),
    ("Лукашенко", "person"),
    ("Karlsen", None),
    ("Karlsen Group", None),
    ("Bank", None),
    ("Tessel%", None),
    ("T_ssel", None),
    ("Straße AG", None),
    ("Nobody Here", None),
]


def test_lookup_finds_what_the_scan_found(seeded: Store) -> None:
    _assert_exact(seeded)
    with seeded.connect() as conn:
        for name, kind in QUERIES:
            assert sorted(knowledge.find_entity_ids(conn, name, kind=kind)) == _scan(conn, name, kind), (name, kind)
        # Not vacuous: names, aliases, cases and the cross-language key each find their entity.
        luka = _id(seeded, "Alexander Lukashenko")
        assert knowledge.find_entity_ids(conn, "Лукашенко") == [luka]
        assert knowledge.find_entity_ids(conn, "LUKASHENKO") == [luka]
        assert knowledge.find_entity_ids(conn, "tessel") == [_id(seeded, "Tessel Bank")]
        assert knowledge.find_entity_ids(conn, "Nobody Here") == []
        assert knowledge.find_entity_ids(conn, "Tessel%") == []


def test_lookup_folds_case_beyond_ascii(seeded: Store) -> None:
    """ "STRASSE AG" casefolds to the stored "Straße AG" (the old SQLite scan compared ASCII case only)."""
    with seeded.connect() as conn:
        assert knowledge.find_entity_ids(conn, "STRASSE AG") == [_id(seeded, "Straße AG")]


def test_every_name_write_keeps_the_table_exact(seeded: Store) -> None:
    bank, group = _id(seeded, "Tessel Bank"), _id(seeded, "Karlsen Group")
    with seeded.begin() as conn:
        (merge,) = corr.merge_entities(conn, [bank, group], user="ana")
    _assert_exact(seeded)
    with seeded.connect() as conn:
        assert knowledge.find_entity_ids(conn, "karlsen group") == [bank]
    with seeded.begin() as conn:
        corr.undo(conn, merge["entry"], user="ana")
    _assert_exact(seeded)
    with seeded.connect() as conn:
        assert knowledge.find_entity_ids(conn, "karlsen group") == [group]

    with seeded.begin() as conn:
        split = corr.split_entity(conn, bank, "TESSEL", user="ana")
    _assert_exact(seeded)
    with seeded.connect() as conn:
        found = knowledge.find_entity_ids(conn, "TESSEL")  # the bank keeps "Tessel", the same folded
        assert found == sorted([bank, split["new"]["entity"]]) == _scan(conn, "TESSEL")
    with seeded.begin() as conn:
        corr.undo(conn, split["entry"], user="ana")
    _assert_exact(seeded)

    with seeded.begin() as conn:
        entries = corr.edit_entity(conn, bank, user="ana", name="Tessel Holdings", add_aliases=["TH"])
    _assert_exact(seeded)
    with seeded.connect() as conn:
        assert knowledge.find_entity_ids(conn, "th", kind="org") == [bank]
        assert knowledge.find_entity_ids(conn, "tessel holdings") == [bank]
    with seeded.begin() as conn:
        for entry in reversed(entries):
            corr.undo(conn, entry["entry"], user="ana")
    _assert_exact(seeded)
    with seeded.connect() as conn:
        assert knowledge.find_entity_ids(conn, "th", kind="org") == []

    # A later article that adds an alias to a stored entity adds its row.
    ALIASES["Valmora"] = ["Port of Valmora"]
    try:
        _ingest(seeded, "https://example.org/c", ["Valmora"])
    finally:
        ALIASES.pop("Valmora")
    _assert_exact(seeded)
    with seeded.connect() as conn:
        assert knowledge.find_entity_ids(conn, "port of valmora") == [_id(seeded, "Valmora")]


def test_migration_0017_fills_the_table(db_url: str) -> None:
    store = Store(db_url)
    store.migrate("0016")
    with store.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO entities (id, name, kind, aliases) VALUES (1, 'Valmora', 'place', :a)"),
            {"a": '["Valmora", "VALMORA Port"]'},
        )
        conn.execute(text("INSERT INTO entities (id, name, kind) VALUES (2, 'Straße AG', 'org')"))
    store.migrate()
    with store.connect() as conn:
        rows = sorted((r.name, r.entity_id) for r in conn.execute(select(t.entity_names)))
        assert rows == [("strasse ag", 2), ("valmora", 1), ("valmora port", 1)]
        assert knowledge.find_entity_ids(conn, "valmora PORT") == [1]
    store.dispose()
