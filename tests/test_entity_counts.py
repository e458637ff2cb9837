"""Stored entity counts (``entities.mention_count`` / ``article_count``) equal a recount after every write.

Issue #13: listings and entity pages read the stored counts instead of counting mentions, so every
write that adds, removes or moves mentions must keep them: ingest, a revision of an article, a
re-analysis, merge / split / undo, and deleting an article.  Hand-made analyses (no NLP), on SQLite
and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text

from dossier import corrections as corr
from dossier.ingest.job import IngestReport, store_batch
from dossier.ingest.reanalysis import replace_derived_records
from dossier.model import Article, DocAnalysis, Entity, Mention
from dossier.store import Store, entity_counts, knowledge, queries
from dossier.store import schema as t

PORT = "Valmora"
BANK = "Tessel Bank"
GROUP = "Karlsen Group"
PERSON = "Anna Karlsen"

NAMES = {PORT: "place", BANK: "org", GROUP: "org", PERSON: "person"}


def _analysis(body: str, spans: list[tuple[str, str]]) -> DocAnalysis:
    """Mentions of ``(surface, entity)`` at every occurrence of the surface in ``body``."""
    mentions = []
    for surface, entity in spans:
        start = body.find(surface)
        while start >= 0:
            mentions.append(Mention(surface, start, start + len(surface), NAMES[entity], entity))
            start = body.find(surface, start + len(surface))
    mentions.sort(key=lambda m: m.start)
    entities = [
        Entity(name=e, kind=NAMES[e], aliases=tuple(sorted({s for s, e2 in spans if e2 == e})))
        for e in dict.fromkeys(e for _s, e in spans)
    ]
    return DocAnalysis(text=body, language="en", sentences=[(0, len(body))], mentions=mentions, entities=entities)


def _store(store: Store, url: str, body: str, spans: list[tuple[str, str]], day: int = 1) -> None:
    article = Article(
        text=body,
        title=body[:30],
        url=url,
        origin=url,
        outlet="example.org",
        published=datetime(2024, 1, day, tzinfo=UTC),
        language="en",
    )
    store_batch(store, [article], {id(article): _analysis(body, spans)}, IngestReport(), None, resolve=False)


def _counts(store: Store, name: str) -> tuple[int, int]:
    with store.connect() as conn:
        row = conn.execute(
            select(t.entities.c.mention_count, t.entities.c.article_count).where(t.entities.c.name == name)
        ).one()
    return int(row.mention_count), int(row.article_count)


def _assert_exact(store: Store) -> None:
    with store.connect() as conn:
        assert entity_counts.check(conn) == {}


def _id(store: Store, name: str) -> int:
    with store.connect() as conn:
        return int(conn.execute(select(t.entities.c.id).where(t.entities.c.name == name)).scalar_one())


def _article(store: Store, url: str) -> int:
    with store.connect() as conn:
        return int(conn.execute(select(t.articles.c.id).where(t.articles.c.url == url)).scalar_one())


A_TEXT = "Valmora closed its pier. Anna Karlsen said Valmora would reopen it. Karlsen blamed Tessel Bank."
A_SPANS = [(PORT, PORT), (PERSON, PERSON), ("Karlsen", PERSON), (BANK, BANK)]
B_TEXT = "Tessel Bank lent Valmora money. Karlsen Group and Tessel Bank signed the deal."
B_SPANS = [(BANK, BANK), (PORT, PORT), (GROUP, GROUP)]


@pytest.fixture
def seeded(store: Store) -> Store:
    _store(store, "https://example.org/a", A_TEXT, A_SPANS, day=1)
    _store(store, "https://example.org/b", B_TEXT, B_SPANS, day=2)
    return store


def test_ingest_counts_every_mention_and_article(seeded: Store) -> None:
    assert _counts(seeded, PORT) == (3, 2)
    assert _counts(seeded, BANK) == (3, 2)
    assert _counts(seeded, PERSON) == (3, 1)  # "Anna Karlsen" + "Karlsen" twice (the second inside the first)
    _assert_exact(seeded)
    with seeded.connect() as conn:
        listed = {e["name"]: (e["mentions"], e["articles"]) for e in knowledge.list_entities(conn)}
        assert listed[PORT] == (3, 2)
        page = knowledge.get_entity(conn, PORT)
        assert (page["mentions"], page["articles"]) == (3, 2)
        assert [m["article_id"] for m in page["mention_list"]] == [_article(seeded, "https://example.org/a")] * 2 + [
            _article(seeded, "https://example.org/b")
        ]
        assert queries.stats(conn)["mentions"] == int(conn.execute(text("SELECT count(*) FROM mentions")).scalar())


def test_a_revised_article_replaces_its_counts(seeded: Store) -> None:
    _store(seeded, "https://example.org/a", "Tessel Bank and Tessel Bank again, said Anna Karlsen.", A_SPANS, day=1)
    assert _counts(seeded, PORT) == (1, 1)  # only article b names it now
    assert _counts(seeded, BANK) == (4, 2)  # twice in each
    _assert_exact(seeded)


def test_reanalysis_replaces_its_counts(seeded: Store) -> None:
    aid = _article(seeded, "https://example.org/b")
    with seeded.begin() as conn:
        replace_derived_records(conn, aid, _analysis(B_TEXT, [(PORT, PORT)]))
    assert _counts(seeded, PORT) == (3, 2)
    assert _counts(seeded, BANK) == (1, 1)
    assert _counts(seeded, GROUP) == (0, 0)
    _assert_exact(seeded)
    with seeded.connect() as conn:  # an entity no longer named is not listed
        assert GROUP not in {e["name"] for e in knowledge.list_entities(conn)}


def test_merge_split_and_their_undo_keep_counts_exact(seeded: Store) -> None:
    with seeded.begin() as conn:
        (merge,) = corr.merge_entities(conn, [_id(seeded, BANK), _id(seeded, GROUP)], user="ana")
    assert _counts(seeded, BANK) == (4, 2)  # article b names both: it counts once
    _assert_exact(seeded)
    with seeded.begin() as conn:
        corr.undo(conn, merge["entry"], user="ana")
    assert _counts(seeded, BANK) == (3, 2) and _counts(seeded, GROUP) == (1, 1)
    _assert_exact(seeded)

    with seeded.begin() as conn:
        split = corr.split_entity(conn, _id(seeded, PERSON), "Karlsen", user="ana")
    assert _counts(seeded, PERSON) == (1, 1) and _counts(seeded, "Karlsen") == (2, 1)
    _assert_exact(seeded)
    # The split sticks through a re-analysis (replayed by mention text), and the counts follow.
    aid = _article(seeded, "https://example.org/a")
    with seeded.begin() as conn:
        replace_derived_records(conn, aid, _analysis(A_TEXT, A_SPANS))
    assert _counts(seeded, PERSON) == (1, 1) and _counts(seeded, "Karlsen") == (2, 1)
    _assert_exact(seeded)
    with seeded.begin() as conn:
        corr.undo(conn, split["entry"], user="ana")
    assert _counts(seeded, PERSON) == (3, 1)
    _assert_exact(seeded)


def test_deleting_an_article_uncounts_its_mentions(seeded: Store) -> None:
    with seeded.begin() as conn:
        corr.delete_article(conn, _article(seeded, "https://example.org/a"), user="ana")
    assert _counts(seeded, PORT) == (1, 1)
    assert _counts(seeded, PERSON) == (0, 0)
    _assert_exact(seeded)
    with seeded.connect() as conn:
        assert PERSON not in {e["name"] for e in knowledge.list_entities(conn)}


def test_recount_and_check_find_a_wrong_count(seeded: Store) -> None:
    port = _id(seeded, PORT)
    with seeded.begin() as conn:
        conn.execute(t.entities.update().where(t.entities.c.id == port).values(mention_count=99))
        assert entity_counts.check(conn) == {port: (99, 2)}
        entity_counts.recount(conn, [port])
        assert entity_counts.check(conn) == {}
        conn.execute(t.entities.update().values(mention_count=0, article_count=0))
        entity_counts.recount(conn)
    assert _counts(seeded, PORT) == (3, 2)
    _assert_exact(seeded)


def test_migration_0015_fills_the_counts(db_url: str) -> None:
    store = Store(db_url)
    store.migrate("0014")
    with store.engine.begin() as conn:
        for aid in (1, 2):
            conn.execute(
                text(
                    "INSERT INTO articles (id, hash, text, format, chars, revision, ingested_at) "
                    "VALUES (:id, :h, 'x', 'text', 1, 1, '2024-01-01T00:00:00+00:00')"
                ),
                {"id": aid, "h": f"h{aid}"},
            )
        for eid, name in ((1, "Valmora"), (2, "Tessel"), (3, "Nobody")):
            conn.execute(
                text("INSERT INTO entities (id, name, kind) VALUES (:id, :name, 'place')"), {"id": eid, "name": name}
            )
        for mid, (aid, eid) in enumerate([(1, 1), (1, 1), (2, 1), (2, 2)], start=1):
            conn.execute(
                text(
                    'INSERT INTO mentions (id, article_id, entity_id, text, kind, start, "end", sentence) '
                    "VALUES (:id, :a, :e, 'x', 'place', 0, 1, 0)"
                ),
                {"id": mid, "a": aid, "e": eid},
            )
    store.migrate()
    with store.connect() as conn:
        rows = conn.execute(
            select(t.entities.c.id, t.entities.c.mention_count, t.entities.c.article_count).order_by(t.entities.c.id)
        ).all()
    assert [tuple(r) for r in rows] == [(1, 3, 2), (2, 1, 1), (3, 0, 0)]
    store.dispose()
