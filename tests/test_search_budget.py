"""Issue #13: a SQLite search's IDF counts are bounded (``queries.IDF_BUDGET``), and migration 0021.

``bm25()`` counts every match of each of its words over the whole store.  Words whose matches do
not fit the budget only select; the rarer words rank.  These tests use a tiny budget on a tiny
store so that each path runs, and check the answers against what ``bm25()`` gives when every word
fits.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from dossier import corrections as corr
from dossier.model import Article
from dossier.store import Store, queries
from dossier.store.write import save_article

# id order is storing order; "grain" is in four articles, "wheat" in two, "prices" in all five
_ARTICLES = [
    ("Grain report", "grain grain grain prices rose sharply on the exchange"),
    ("Prices fell", "grain prices fell and wheat traders waited for the harvest numbers"),
    ("Barley steady", "barley prices steady"),
    ("Wheat market", "wheat wheat wheat grain prices"),
    ("Grain prices", "grain prices eased"),
]


def _article(i: int, title: str, body: str) -> Article:
    return Article(text=body, title=title, url=f"https://example.test/{i}", origin=f"a{i}")


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Store:
    store = Store(f"sqlite:///{tmp_path / 'search.db'}")
    for i, (title, body) in enumerate(_ARTICLES):
        with store.begin() as conn:  # one at a time: ids follow this order
            save_article(conn, _article(i, title, body), None)
    return store


def _titles(hits: list[dict]) -> list[str]:
    return [h["title"] for h in hits]


def _bm25_order(store: Store, expr: str) -> list[str]:
    """Titles in the order FTS5's own bm25() gives, read without Dossier's query code."""
    con = sqlite3.connect(store.engine.url.database)
    try:
        rows = con.execute(
            "SELECT a.title FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts)",
            (expr,),
        ).fetchall()
    finally:
        con.close()
    return [r[0] for r in rows]


def test_every_word_within_the_budget_ranks_as_bm25(sqlite_store: Store) -> None:
    with sqlite_store.connect() as conn:
        assert queries._ranked_phrases(conn, queries._fts5_phrases("grain wheat")) == ['"grain"', '"wheat"']
        hits = queries.search(conn, "grain wheat")
    assert _titles(hits) == _bm25_order(sqlite_store, '"grain" "wheat"') == ["Wheat market", "Prices fell"]
    assert hits[0]["score"] > hits[1]["score"] > 0


def test_document_counts_are_exact_on_a_small_store_and_sampled_on_a_big_one(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    with sqlite_store.connect() as conn:
        assert queries._phrase_docs(conn, '"prices"', 5) == 5
        assert queries._phrase_docs(conn, '"grain"', 5) == 4
        assert queries._phrase_docs(conn, '"nowhere"', 5) == 0
        # two slices of one id each (ids 1 and 5, both "grain"), scaled to five ids
        monkeypatch.setattr(queries, "SAMPLE_SLICES", 2)
        monkeypatch.setattr(queries, "SAMPLE_SLICE", 1)
        assert queries._phrase_docs(conn, '"grain"', 5) == 5
        assert queries._phrase_docs(conn, '"wheat"', 5) == 0  # ids 2 and 4 fall between the slices


def test_a_word_over_the_budget_selects_but_does_not_rank(sqlite_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a budget of 3, "grain" (4 matches) does not fit: "wheat" (2) ranks, "grain" still selects."""
    monkeypatch.setattr(queries, "IDF_BUDGET", 3)
    with sqlite_store.connect() as conn:
        assert queries._ranked_phrases(conn, queries._fts5_phrases("grain wheat")) == ['"wheat"']
        hits = queries.search(conn, "grain wheat")
        only_wheat = queries.search(conn, "wheat")
    assert _titles(hits) == ["Wheat market", "Prices fell"]  # both hold "grain"; three "wheat" rank first
    assert [h["score"] for h in hits] == [h["score"] for h in only_wheat]  # scored by "wheat" alone
    assert all("[" in h["snippet"] for h in hits)


def test_no_word_within_the_budget_puts_titles_first_then_newest(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queries, "IDF_BUDGET", 1)
    with sqlite_store.connect() as conn:
        hits = queries.search(conn, "grain prices")
        second_page = queries.search(conn, "grain prices", limit=2, offset=2)
        monkeypatch.setattr(queries, "RANK_WINDOW", 2)  # the window: the two newest matches
        windowed = queries.search(conn, "grain prices")
    # titles holding both words first (newest first among them), then the others, newest first
    assert _titles(hits) == ["Grain prices", "Wheat market", "Prices fell", "Grain report"]
    assert {h["score"] for h in hits} == {0.0}
    assert _titles(second_page) == ["Prices fell", "Grain report"]
    assert _titles(windowed) == ["Grain prices", "Wheat market"]


def test_the_budget_follows_revisions_and_deletions(sqlite_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The counts are the FTS5 index's own: a revised or deleted article counts as it now is."""
    monkeypatch.setattr(queries, "IDF_BUDGET", 2)
    with sqlite_store.connect() as conn:
        assert queries._ranked_phrases(conn, ['"grain"']) == []
    # a new revision of "Grain prices" (same file, new text) no longer says "grain"
    with sqlite_store.begin() as conn:
        assert save_article(conn, _article(4, "Grain prices", "barley eased"), None).status == "revised"
    with sqlite_store.connect() as conn:
        assert queries._phrase_docs(conn, '"grain"', 5) == 4  # its title still does
    with sqlite_store.begin() as conn:
        corr.delete_article(conn, 2, user="tester")  # "Prices fell"
        corr.delete_article(conn, 5, user="tester")  # "Grain prices"
    with sqlite_store.connect() as conn:
        assert queries._phrase_docs(conn, '"grain"', 5) == 2
        assert queries._ranked_phrases(conn, ['"grain"']) == ['"grain"']
        hits = queries.search(conn, "grain")
    assert _titles(hits) == ["Grain report", "Wheat market"]  # ranked by bm25 again: three "grain" first


def test_the_filters_still_apply_when_a_word_only_selects(sqlite_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from dossier.store.filters import Filters

    monkeypatch.setattr(queries, "IDF_BUDGET", 3)
    with sqlite_store.engine.begin() as conn:  # the fourth article, "Wheat market", is the Herald's
        conn.execute(text("UPDATE articles SET outlet = 'Herald' WHERE title = 'Wheat market'"))
    with sqlite_store.connect() as conn:
        hits = queries.search(conn, "grain wheat", filters=Filters(outlet="Herald"))
    assert _titles(hits) == ["Wheat market"]


def test_migration_0021_keeps_story_terms(db_url: str) -> None:
    """An old store's centroids survive the rebuild; on SQLite the table is then clustered by its key."""
    store = Store(db_url)
    store.migrate("0020")
    with store.engine.begin() as conn:
        conn.execute(text("INSERT INTO stories (id, n_articles, sqnorm) VALUES (1, 2, 0.5), (2, 1, 0.25)"))
        conn.execute(
            text(
                "INSERT INTO story_terms (story_id, term, weight) VALUES "
                "(2, 'wheat', 0.5), (1, 'grain', 0.25), (1, 'barley', 0.125)"
            )
        )
    store.migrate()
    with store.engine.begin() as conn:
        rows = conn.execute(text("SELECT story_id, term, weight FROM story_terms ORDER BY story_id, term")).all()
        conn.execute(text("DELETE FROM stories WHERE id = 2"))  # the foreign key still cascades
        left = conn.execute(text("SELECT count(*) FROM story_terms")).scalar_one()
        if store.dialect == "sqlite":
            ddl = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'story_terms'")).scalar_one()
            assert "WITHOUT ROWID" in ddl
    assert [tuple(r) for r in rows] == [(1, "barley", 0.125), (1, "grain", 0.25), (2, "wheat", 0.5)]
    assert left == 2
    store.dispose()


def _bm25_order_from(store: Store, expr: str, floor: int) -> list[str]:
    """Titles of the matches with ids from ``floor`` up, in the order FTS5's own bm25() gives."""
    con = sqlite3.connect(store.engine.url.database)
    try:
        rows = con.execute(
            "SELECT a.title FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
            "WHERE articles_fts MATCH ? AND articles_fts.rowid >= ? ORDER BY bm25(articles_fts)",
            (expr, floor),
        ).fetchall()
    finally:
        con.close()
    return [r[0] for r in rows]


def _add_fillers(store: Store, n: int) -> None:
    """Articles without "grain", stored after the five: "grain" then has an IDF above bm25()'s floor."""
    for i in range(n):
        with store.begin() as conn:
            save_article(conn, _article(10 + i, f"Weather note {i}", f"rain fell on the hills, day {i}"), None)


def test_only_the_newest_matches_are_scored_the_rest_follow_newest_first(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue #13, ninth round: bm25() scores the SCORED_ROWS newest matches; older ones follow unscored.

    "grain" is in articles 1, 2, 4 and 5; with two scored, 5 and 4 are ranked by bm25() and 2 then 1
    follow, newest first, whatever their own score (the oldest says "grain" three times).
    """
    _add_fillers(sqlite_store, 5)
    monkeypatch.setattr(queries, "SCORED_ROWS", 2)
    with sqlite_store.connect() as conn:
        hits = queries.search(conn, "grain")
        across = queries.search(conn, "grain", limit=2, offset=1)  # the page spans both parts
        last = queries.search(conn, "grain", limit=5, offset=3)
        facets = queries.search_facets(conn, "grain")
    scored = _bm25_order_from(sqlite_store, '"grain"', 4)
    assert sorted(scored) == ["Grain prices", "Wheat market"]
    assert _titles(hits) == [*scored, "Prices fell", "Grain report"]
    assert hits[0]["score"] >= hits[1]["score"] > 0
    assert [h["score"] for h in hits[2:]] == [0.0, 0.0]
    assert _titles(across) == [scored[1], "Prices fell"]
    assert _titles(last) == ["Grain report"]
    assert facets["hits"] == 4  # the facets count the scored and the unscored matches alike
    assert all("[" in h["snippet"] for h in hits)


def test_the_scored_matches_stay_inside_the_window_and_the_filters(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scored rows are the newest of the filtered matches; nothing older than the window is returned."""
    from dossier.store.filters import Filters

    _add_fillers(sqlite_store, 5)
    with sqlite_store.engine.begin() as conn:  # "Grain prices" (the newest grain) goes to another outlet
        conn.execute(text("UPDATE articles SET outlet = 'Herald' WHERE title != 'Grain prices'"))
    monkeypatch.setattr(queries, "SCORED_ROWS", 1)
    monkeypatch.setattr(queries, "RANK_WINDOW", 2)
    with sqlite_store.connect() as conn:
        herald = queries.search(conn, "grain", filters=Filters(outlet="Herald"))
        everyone = queries.search(conn, "grain")
    # Herald's grain articles: 4, 2, 1; scored: 4; the window: 4 and 2
    assert _titles(herald) == ["Wheat market", "Prices fell"]
    assert herald[0]["score"] > 0 and herald[1]["score"] == 0.0
    assert _titles(everyone) == ["Grain prices", "Wheat market"]


def test_a_word_left_out_still_selects_among_the_scored_matches(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both bounds at once: "prices" (in all five) only selects, and only the newest match is scored."""
    monkeypatch.setattr(queries, "IDF_BUDGET", 4)
    monkeypatch.setattr(queries, "SCORED_ROWS", 1)
    with sqlite_store.connect() as conn:
        assert queries._ranked_phrases(conn, queries._fts5_phrases("wheat prices")) == ['"wheat"']
        hits = queries.search(conn, "wheat prices")
        only_wheat = queries.search(conn, "wheat", limit=1)
    assert _titles(hits) == ["Wheat market", "Prices fell"]
    assert hits[0]["score"] == only_wheat[0]["score"] > 0  # scored by "wheat" alone
    assert hits[1]["score"] == 0.0
