"""The store on SQLite and PostgreSQL: idempotent ingest, origins, revisions, search (issue #2)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dossier.ingest import Defaults
from dossier.ingest.job import EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, ingest
from dossier.model import Article
from dossier.store import Store, queries
from dossier.store import schema as t
from dossier.store.write import save_article


def _count(store: Store, table: object) -> int:
    with store.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def _write(folder: Path, name: str, title: str, body: str) -> Path:
    p = folder / name
    p.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return p


def test_migrations_match_schema(store: Store) -> None:
    """The Alembic migrations create exactly the tables the code declares."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.connect() as conn:
        ctx = MigrationContext.configure(
            conn,
            opts={
                "include_object": lambda obj, name, type_, reflected, compare_to: (
                    not (name and (name.startswith("articles_fts") or name in {"tsv", "ix_articles_tsv"}))
                ),
            },
        )
        diff = compare_metadata(ctx, t.metadata)
    assert diff == []


def test_ingest_twice_stores_once_and_adds_new_origin(store: Store, tmp_path: Path) -> None:
    a = _write(tmp_path, "a.txt", "Title A", "Body of report A about the complex.")
    b = _write(tmp_path, "b.txt", "Title B", "Body of report B about something else.")
    r1 = ingest([a, b], store, analyze=False)
    assert r1.summary()["new"] == 2 and r1.exit_code == EXIT_OK
    r2 = ingest([a, b], store, analyze=False)
    assert r2.summary() == {
        "new": 0,
        "revised": 0,
        "duplicates": 2,
        "origins_added": 0,
        "updated": 0,
        "deleted": 0,
        "rejected": 0,
        "skipped": 0,
    }
    # The same content under another name (and other whitespace/case) is a copy: one article, two origins.
    copy = tmp_path / "copy.txt"
    copy.write_text("Title A\n\nBODY of   report A about the complex.\n", encoding="utf-8")
    r3 = ingest([copy], store, analyze=False)
    assert r3.summary()["origins_added"] == 1
    assert _count(store, t.articles) == 2
    with store.connect() as conn:
        (rec,) = [x for x in queries.list_articles(conn) if x["title"] == "Title A"]
        assert rec["origins"] == 2
        detail = queries.get_article(conn, rec["id"])
    assert [o["origin"] for o in detail["origins"]] == [str(a), str(copy)]


def test_changed_text_at_same_url_is_a_revision(store: Store) -> None:
    url = "https://outlet.example/story"
    v1 = Article(text="First version of the story.", title="T", url=url, origin="feed#1", format="feed")
    v2 = v1.replace(text="Second, corrected version of the story.", origin="feed#1")
    with store.begin() as conn:
        first = save_article(conn, v1, None)
        second = save_article(conn, v2, None)
        again = save_article(conn, v1, None)  # old text seen again: known, not a third revision
    assert (first.status, second.status, again.status) == ("new", "revised", "duplicate")
    assert first.article_id == second.article_id == again.article_id
    with store.connect() as conn:
        detail = queries.get_article(conn, first.article_id)
    assert detail["revision"] == 2 and [r["revision"] for r in detail["revisions"]] == [1, 2]
    assert detail["text"] == v2.text


def test_batch_with_broken_files_stores_the_good_ones(store: Store, tmp_path: Path) -> None:
    tmp_path = tmp_path / "inputs"
    tmp_path.mkdir()
    good = [_write(tmp_path, f"good{i}.txt", f"Title {i}", f"Body number {i}.") for i in range(3)]
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "blob.xyz").write_bytes(b"\x00\x01" * 100)
    report = ingest([tmp_path], store, analyze=False)
    assert report.summary()["new"] == 3
    assert sorted(Path(e.source).name for e in report.rejected) == ["bad.json", "blob.xyz", "empty.txt"]
    assert report.exit_code == EXIT_PARTIAL
    assert _count(store, t.rejections) == 3
    assert ingest([tmp_path / "empty.txt"], store, analyze=False).exit_code == EXIT_FAILED
    assert len(good) == _count(store, t.articles)


def test_metadata_defaults_and_search(store: Store, tmp_path: Path) -> None:
    f = _write(tmp_path, "r.txt", "Launcher enters service", "The Polonez-M launcher entered service, Minsk said.")
    g = tmp_path / "ru.txt"
    g.write_bytes("Заголовок\n\nКомплекс «Орешник» заступил на боевое дежурство.".encode("cp1251"))
    ingest(
        [f, g],
        store,
        analyze=False,
        defaults=Defaults(origin="", published=datetime(2025, 12, 17), outlet="Herald"),
    )
    with store.connect() as conn:
        hits = queries.search(conn, "polonez service")
        ru_hits = queries.search(conn, "орешник")
        assert queries.search(conn, "nonexistentword") == []
        stats = queries.stats(conn)
    assert [h["title"] for h in hits] == ["Launcher enters service"]
    assert hits[0]["outlet"] == "Herald" and hits[0]["published"].startswith("2025-12-17")
    assert "[" in hits[0]["snippet"]
    assert len(ru_hits) == 1 and ru_hits[0]["language"] == "ru"
    assert stats["articles"] == 2 and stats["languages"] == {"en": 1, "ru": 1}


def test_search_query_syntax_is_never_interpreted(store: Store, tmp_path: Path) -> None:
    ingest([_write(tmp_path, "a.txt", "T", "alpha beta gamma")], store, analyze=False)
    with store.connect() as conn:
        assert len(queries.search(conn, 'alpha" OR "zzz')) == 0  # quotes are text, not FTS syntax
        assert len(queries.search(conn, "alpha AND NEAR(beta)")) == 0
        assert len(queries.search(conn, "(alpha) beta*")) == 1


def test_search_ranks_only_the_newest_matches_of_a_common_word(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ranking is bounded: beyond the window, older matches give way to newer ones, whatever their score."""
    files = [
        # the oldest article is the best match (the word three times), stored first
        _write(tmp_path, "a0.txt", "Grain report", "grain grain grain prices rose"),
        *(_write(tmp_path, f"a{i}.txt", f"Report {i}", f"grain prices item {i} fell") for i in range(1, 5)),
    ]
    for f in files:  # one at a time, so ids follow the order of storing
        ingest([f], store, analyze=False)
    with store.connect() as conn:
        everything = queries.search(conn, "grain")
        monkeypatch.setattr(queries, "RANK_WINDOW", 3)
        windowed = queries.search(conn, "grain")
        beyond = queries.search(conn, "grain", offset=3)
    assert len(everything) == 5 and everything[0]["title"] == "Grain report"
    assert len(windowed) == 3 and "Grain report" not in {h["title"] for h in windowed}
    assert {h["title"] for h in windowed} == {"Report 2", "Report 3", "Report 4"}
    assert beyond == []


def test_ranking_window_found_among_sparse_matches(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue #13: the window's oldest id is found by probing ranges of the newest ids on PostgreSQL.

    Matches are sparse (4 of 14 articles), so the first range (4 x window ids) holds too few and the
    next ones must grow from the share that matched; the window is the same as a walk of every match.
    """
    matching = {0: "grain grain grain prices rose", 1: "grain fell", 2: "grain rose", 8: "grain steady"}
    for i in range(14):  # one at a time, so ids follow the order of storing
        ingest([_write(tmp_path, f"s{i}.txt", f"Item {i}", matching.get(i, f"barley item {i}"))], store, analyze=False)
    with store.connect() as conn:
        monkeypatch.setattr(queries, "RANK_WINDOW", 2)
        windowed = queries.search(conn, "grain")
        monkeypatch.setattr(queries, "RANK_WINDOW", 10)  # more than the matches: every one is ranked
        everything = queries.search(conn, "grain")
    assert {h["title"] for h in windowed} == {"Item 2", "Item 8"}
    assert len(everything) == 4 and everything[0]["title"] == "Item 0"


def test_each_hit_gets_the_snippet_of_its_own_article(store: Store, tmp_path: Path) -> None:
    """Snippets are made after ranking, for the page only: each must still belong to its own hit."""
    files = [_write(tmp_path, f"h{i}.txt", f"Harvest {i}", f"harvest word{i} " * (i + 1)) for i in range(4)]
    ingest(files, store, analyze=False)
    with store.connect() as conn:
        first = queries.search(conn, "harvest", limit=2)
        second = queries.search(conn, "harvest", limit=2, offset=2)
    hits = first + second
    assert len(hits) == 4 and len({h["id"] for h in hits}) == 4
    for h in hits:
        n = h["title"].split()[-1]
        assert "[harvest]" in h["snippet"].lower() and f"word{n}" in h["snippet"]


def test_jsonl_items_in_one_file_are_separate_articles(store: Store, tmp_path: Path) -> None:
    f = tmp_path / "items.jsonl"
    f.write_text(
        "\n".join(json.dumps({"text": f"Item {i} text.", "url": f"https://x.example/{i}"}) for i in range(5)),
        encoding="utf-8",
    )
    ingest([f], store, analyze=False)
    ingest([f], store, analyze=False)
    assert _count(store, t.articles) == 5 and _count(store, t.origins) == 5


def test_unreachable_database_is_a_clear_error() -> None:
    from dossier.errors import StoreError

    with pytest.raises(StoreError, match="cannot open the database"):
        Store("postgresql+psycopg://nobody@127.0.0.1:1/none").ensure_schema()
