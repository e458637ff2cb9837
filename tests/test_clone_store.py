"""bench/clone_store.py: a grown store stays a store the writer and the readers accept (issue #13).

The benchmark of a million articles rests on cloning; these tests make sure a clone keeps every
key distinct, every foreign key pointing at a row, and the real writer working on top of it, and
that a table added to the schema later is either cloned or refused loudly.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Column, ForeignKey, Integer, MetaData, Table, func, select, text

from dossier.ingest.job import IngestReport, store_batch
from dossier.model import Article
from dossier.store import Store
from dossier.store import schema as t

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import clone_store

TEXTS = [
    "The harbour authority of Valmora closed the northern pier after a storm damaged two cranes on Monday.",
    "Farmers in the Tessel valley said the late frost destroyed most of this year's apricot harvest.",
]


def _base(path: Path) -> Store:
    store = Store(str(path))
    store.ensure_schema()
    t0 = datetime(2024, 1, 1, tzinfo=UTC)
    articles = [
        Article(
            text=body,
            title=f"Report {i}",
            url=f"https://example.org/{i}",
            origin=f"test#{i}",
            outlet="example.org",
            published=t0 + timedelta(minutes=30 * i),
            language="en",
        )
        for i, body in enumerate(TEXTS)
    ]
    store_batch(store, articles, {}, IngestReport(), None)
    return store


def _count(store: Store, table: Table) -> int:
    with store.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_every_table_that_reaches_an_article_is_cloned() -> None:
    plans = clone_store.plans()
    for table in t.metadata.sorted_tables:
        parents = {fk.column.table.name for fk in table.foreign_keys}
        if parents & {"articles", "stories", "events", "quotes", "event_clusters"}:
            assert table.name in plans, table.name
    assert "entities" not in plans  # shared: a subject's mentions grow with the store


def test_a_unique_key_nothing_keeps_distinct_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    meta = MetaData()
    for table in t.metadata.sorted_tables:
        table.to_metadata(meta)
    Table(
        "article_scores",
        meta,
        Column("article_id", Integer, ForeignKey("articles.id"), nullable=False),
        Column("rank", Integer, unique=True),
    )
    monkeypatch.setattr(t, "metadata", meta)
    with pytest.raises(SystemExit, match="article_scores"):
        clone_store.plans()


def test_clone_triples_the_store_and_the_writer_goes_on(tmp_path: Path) -> None:
    db = tmp_path / "base.db"
    store = _base(db)
    before = {name: _count(store, store_table) for name, store_table in t.metadata.tables.items()}
    store.dispose()

    assert clone_store.main(["--db", str(db), "--count", "6", "--check"]) == 0

    store = Store(str(db))
    for name in ("articles", "article_hashes", "origins", "copy_items", "copy_bands", "story_members"):
        assert _count(store, t.metadata.tables[name]) == 3 * before[name], name
    with store.connect() as conn:
        urls = conn.execute(select(t.articles.c.url)).scalars().all()
        assert len(set(urls)) == 6
        published = sorted(conn.execute(select(t.articles.c.published)).scalars().all())
        assert published[0] < published[2] < published[4]  # each block later than the one before
        assert not conn.exec_driver_sql("PRAGMA foreign_key_check").all()
        assert conn.execute(text("SELECT df FROM story_df WHERE term = ''")).scalar() == 6
        found = conn.exec_driver_sql("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'apricot'").scalar()
        assert found == 3
    # The real writer adds to the grown store: new ids after the clones, its text found by search.
    store_batch(
        store,
        [Article(text="A new dam on the Orlis river opened to traffic.", origin="test#new", language="en")],
        {},
        IngestReport(),
        None,
    )
    with store.connect() as conn:
        assert conn.execute(select(func.max(t.articles.c.id))).scalar() == 7
        assert conn.exec_driver_sql("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'Orlis'").scalar() == 7
    store.dispose()


def test_count_must_be_whole_blocks(tmp_path: Path) -> None:
    db = tmp_path / "base.db"
    _base(db).dispose()
    with pytest.raises(SystemExit, match="multiple"):
        clone_store.main(["--db", str(db), "--count", "5"])


def test_clone_recounts_the_shared_entities_and_check_catches_a_wrong_count(tmp_path: Path) -> None:
    from dossier.model import DocAnalysis, Entity, Mention

    db = tmp_path / "base.db"
    store = Store(str(db))
    store.ensure_schema()
    body = "Valmora closed the pier. Valmora will rebuild it."
    article = Article(text=body, title="Pier", url="https://example.org/p", origin="test#p", language="en")
    analysis = DocAnalysis(
        text=body,
        language="en",
        sentences=[(0, 24), (25, len(body))],
        mentions=[Mention("Valmora", 0, 7, "place", "Valmora"), Mention("Valmora", 25, 32, "place", "Valmora", 1)],
        entities=[Entity(name="Valmora", kind="place")],
    )
    store_batch(store, [article], {id(article): analysis}, IngestReport(), None)
    store.dispose()

    assert clone_store.main(["--db", str(db), "--count", "3", "--check"]) == 0
    store = Store(str(db))
    with store.begin() as conn:
        row = conn.execute(select(t.entities.c.mention_count, t.entities.c.article_count)).one()
        assert tuple(row) == (6, 3)  # entities are shared: three blocks name it twice each
        conn.execute(t.entities.update().values(article_count=1))
    store.dispose()
    assert clone_store.main(["--db", str(db), "--check"]) == 1


def test_clone_empties_kept_timelines_and_moves_their_stamp(tmp_path: Path) -> None:
    from dossier.store import timeline_cache

    db = tmp_path / "base.db"
    store = _base(db)
    with store.begin() as conn:
        conn.execute(t.entities.insert().values(id=1, name="Valmora", kind="place", aliases=[]))
    with store.connect() as conn:
        versions = timeline_cache.stamps(conn, [1])
        assert versions is not None
        assert timeline_cache.keep(conn, [1], "page", versions, {"subject": "Valmora", "entries": []})
        assert timeline_cache.read(conn, [1], "page") is not None
    store.dispose()

    assert clone_store.main(["--db", str(db), "--count", "4"]) == 0

    store = Store(str(db))
    with store.connect() as conn:
        assert _count(store, t.timeline_cache) == 0
        assert timeline_cache.stamp(conn) == versions[0] + 1
    store.dispose()
