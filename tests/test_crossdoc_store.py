"""The cross-article indexes over SQL (issue #7): same behaviour as the memory stores, on SQLite and PostgreSQL.

Each scenario runs on the in-memory store and on the SQL store and the
results are compared; analyses are written by hand (the NLP is not the
point here).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from dossier.ingest.job import ingest
from dossier.model import Article, DocAnalysis, Event
from dossier.resolve.copies import CopyIndex
from dossier.resolve.corroboration import corroborate
from dossier.resolve.stories import StoryConfig, StoryIndex
from dossier.store import Store, crossdoc
from dossier.store import schema as t
from dossier.store.write import save_article
from test_copies import ORIGINAL, REWRITE, UNRELATED
from test_corroboration import OWN_REPORT, POST
from test_stories import POLITICS, QUAKE_A1, QUAKE_A2, QUAKE_B, QUAKE_B2

T0, T1, T2 = datetime(2025, 5, 6, 9), datetime(2025, 5, 6, 11), datetime(2025, 5, 6, 15)


def _stub_articles(conn, names: list[str]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """One stored article per name (the SQL stores reference articles.id); name -> id as a string."""
    return {
        name: str(save_article(conn, Article(text=f"stub article {name}", origin=f"stub#{name}"), None).article_id)
        for name in names
    }


def _copy_scenario(index: CopyIndex, ids: dict[str, str]) -> None:
    index.add(ids["a"], ORIGINAL, T1, "Ministry site")
    index.add(ids["b"], REWRITE, T2, "Farm one")
    index.add(ids["c"], UNRELATED, T1, "City news")
    index.add(ids["d"], "  " + ORIGINAL.upper(), T0, "Mirror")  # exact copy published earlier
    index.add(ids["e"], POST, T1, "@channel", {"forwarded_from": "modmilby"})
    index.add(ids["f"], POST + " Subscribe!", T2, "@other")


def _describe(index: CopyIndex, ids: dict[str, str]) -> dict[str, object]:
    name = {v: k for k, v in ids.items()}
    chains = sorted(
        (
            name[c.original],
            tuple(sorted(name[x] for x in c.copies)),
            tuple(sorted((name[lk.copy], name.get(lk.original or ""), lk.kind, lk.source) for lk in c.links)),
            c.source.replace(f"item:{c.original}", f"item:{name[c.original]}"),
        )
        for c in index.chains()
    )
    return {
        "chains": chains,
        "originals": {n: name[index.original_of(i)] for n, i in ids.items()},
        "sources": {n: index.independent_source(i).split(":")[0] for n, i in ids.items()},
    }


def test_copy_index_on_sql_matches_memory(store: Store) -> None:
    with store.begin() as conn:
        ids = _stub_articles(conn, list("abcdef"))
        sql = CopyIndex(crossdoc.SqlCopyStore(conn))
        _copy_scenario(sql, ids)
        got = _describe(sql, ids)
        # Adding again changes nothing and returns the stored links.
        assert sql.add(ids["b"], REWRITE, T2, "Farm one") == sql.store.links_of(ids["b"])
    mem = CopyIndex()
    _copy_scenario(mem, ids)
    assert got == _describe(mem, ids)
    assert got["originals"]["b"] == "d" and got["originals"]["c"] == "c"  # type: ignore[index]


def test_copy_remove_keeps_the_rest_of_the_group(store: Store) -> None:
    with store.begin() as conn:
        ids = _stub_articles(conn, list("abc"))
        copies = crossdoc.SqlCopyStore(conn)
        index = CopyIndex(copies)
        index.add(ids["a"], ORIGINAL, T0)
        index.add(ids["b"], ORIGINAL, T1)
        index.add(ids["c"], REWRITE, T2)
        copies.remove(ids["a"])
        assert copies.get_item(ids["a"]) is None
        assert index.original_of(ids["c"]) == ids["b"]
        index.add(ids["a"], UNRELATED, T0)  # re-indexed with its revised text
        assert index.original_of(ids["a"]) == ids["a"]


def _story_scenario(index: StoryIndex, ids: dict[str, str]) -> list[str]:
    return [
        index.add(ids["a1"], QUAKE_A1, datetime(2013, 7, 2, 10)),
        index.add(ids["b1"], QUAKE_B, datetime(2013, 7, 5, 10)),
        index.add(
            ids["a2"], QUAKE_A2, datetime(2013, 7, 2, 18), entities=["Aceh", "Bener Meriah"], dates=["2013-07-02"]
        ),
        index.add(ids["b2"], QUAKE_B2, datetime(2013, 7, 6, 8)),
        index.add(ids["p"], POLITICS, datetime(2013, 7, 3, 8)),
        index.add(ids["x"], QUAKE_A1, datetime(2014, 7, 2)),  # same words a year later: decayed
    ]


def _partition(assigned: list[str]) -> list[int]:
    first: dict[str, int] = {}
    return [first.setdefault(s, len(first)) for s in assigned]


def test_story_index_on_sql_matches_memory(store: Store) -> None:
    names = ["a1", "b1", "a2", "b2", "p", "x"]
    cfg = StoryConfig(postings_cap=2)  # small cap: pruning is exercised
    with store.begin() as conn:
        ids = _stub_articles(conn, names)
        sql_store = crossdoc.SqlStoryStore(conn)
        sql = StoryIndex(sql_store, cfg)
        got = _story_scenario(sql, ids)
        assert sql.add(ids["a1"], QUAKE_A1) == got[0]  # idempotent
        sql_postings = {term: sql_store.postings(term, 10) for term in ("w:earthquak", "w:kill", "w:aceh")}
        sql_doc_count = sql_store.doc_count()
        sql_story = sql_store.get_story(got[0])
        most = max(
            conn.execute(select(func.count()).select_from(t.story_postings).group_by(t.story_postings.c.term)).scalars()
        )
    mem = StoryIndex(config=cfg)
    want = _story_scenario(mem, ids)
    assert _partition(got) == _partition(want) == [0, 1, 0, 1, 2, 3]
    rename = dict(zip(want, got, strict=True))
    mem_postings = {term: [rename[s] for s in mem.store.postings(term, 10)] for term in sql_postings}
    assert sql_postings == mem_postings
    assert most <= 2
    assert sql_doc_count == mem.store.doc_count() == 6
    mem_story = mem.store.get_story(want[0])
    assert sql_story is not None and mem_story is not None
    assert sql_story.n_articles == mem_story.n_articles == 2
    assert sql_story.sqnorm == pytest.approx(mem_story.sqnorm)
    assert sql_story.centroid.keys() == mem_story.centroid.keys()


def _deliver(date: str | None = "2025-05-05", modality: str = "asserted") -> Event:
    return Event(
        kind="deliver",
        start=0,
        end=9,
        trigger="delivered",
        date=date,
        equipment=("Polonez",),
        targets=("336th rocket artillery brigade",),
        modality=modality,
    )


def _save_analysed(conn, article: Article, events: list[Event]):  # type: ignore[no-untyped-def]
    analysis = DocAnalysis(text=article.text, language="en", sentences=[(0, len(article.text))], events=events)
    result = save_article(conn, article, analysis)
    crossdoc.CrossArticle(conn).add(result.article_id, article, analysis)
    return result.article_id


def test_events_merge_and_forwards_count_once(store: Store) -> None:
    with store.begin() as conn:
        mod = _save_analysed(conn, Article(text=POST, origin="t#1", outlet="modmilby", published=T0), [_deliver()])
        fwd = _save_analysed(
            conn,
            Article(
                text=POST + " Forwarded.",
                origin="t#2",
                outlet="@one",
                published=T1,
                extra={"forwarded_from": "modmilby"},
            ),
            [_deliver(date=None)],
        )
        own = _save_analysed(
            conn,
            Article(text=OWN_REPORT + " " + POST[:80], origin="t#3", outlet="Local paper", published=T2),
            [_deliver(modality="negated")],
        )
        clusters = crossdoc.SqlEventStore(conn).all()
        members = {c.cluster_id: sorted(int(a) for a in c.article_ids) for c in clusters}
        stories = {crossdoc.SqlStoryStore(conn).story_of(str(a)) for a in (mod, fwd, own)}
        assert len(stories) == 1  # one story: one event, two independent sources
        (cluster,) = clusters
        assert members[cluster.cluster_id] == sorted([mod, fwd, own])
        resolver = crossdoc.SourceResolver(conn, [mod, fwd, own])
        backing = corroborate(cluster, resolver)
        assert backing.n_articles == 3 and backing.n_independent == 2
        flags = crossdoc.list_contradictions(conn)
        assert any(f["field"] == "status" for f in flags)
        side = flags[0]["sides"][0]
        assert {"article_id", "outlet", "sentence", "source"} <= set(side)
        assert crossdoc.SqlCopyStore(conn).get_item(str(fwd)) is not None
        assert crossdoc.SourceResolver(conn, [fwd]).independent_source(str(fwd)) == "outlet:modmilby"


def test_lookups_use_indexes(sqlite_url: str) -> None:
    """A band or postings look-up reads its index, never the whole table (SQLite plan)."""
    store = Store(sqlite_url)
    with store.begin() as conn:
        ids = _stub_articles(conn, ["a"])
        index = CopyIndex(crossdoc.SqlCopyStore(conn))
        index.add(ids["a"], ORIGINAL, T0)
        plans = []
        for sql, params in [
            ("SELECT article_id FROM copy_bands WHERE (band = 0 AND bucket = 1) OR (band = 1 AND bucket = 2)", {}),
            ("SELECT story_id FROM story_postings WHERE term = 'w:x' ORDER BY last_seen DESC LIMIT 64", {}),
            ("SELECT id, words, dates FROM event_clusters WHERE story_id = 1 AND kind = 'x'", {}),
            ("SELECT article_id FROM copy_items WHERE text_hash = 'x'", {}),
        ]:
            plans.append(" ".join(r[-1] for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql), params)))
    for plan in plans:
        assert "USING" in plan and "SCAN" not in plan.replace("USING COVERING INDEX", ""), plan
    store.dispose()


def _files(folder: Path) -> list[Path]:
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text("Battalion arrives\n\n" + ORIGINAL, "utf-8")
    (folder / "b.txt").write_text("Battalion at the frontier\n\n" + REWRITE, "utf-8")
    (folder / "c.txt").write_text("Library budget\n\n" + UNRELATED, "utf-8")
    return sorted(folder.iterdir())


def _counts(store: Store) -> dict[str, int]:
    tables = [t.copy_items, t.copy_bands, t.copy_links, t.copy_groups, t.stories, t.story_members, t.story_df]
    with store.connect() as conn:
        return {tb.name: int(conn.execute(select(func.count()).select_from(tb)).scalar_one()) for tb in tables}


def test_ingest_resolves_once_and_rerun_adds_nothing(store: Store, tmp_path: Path) -> None:
    paths = _files(tmp_path / "in")
    ingest(paths, store, analyze=False, batch_size=2)
    before = _counts(store)
    assert before["copy_items"] == 3 and before["story_members"] == 3
    with store.connect() as conn:
        (chain,) = crossdoc.list_copies(conn)
        assert chain["articles"] == 2 and chain["copies"][0]["kind"] == "near"
        assert len(crossdoc.list_stories(conn)) == 2
    ingest(paths, store, analyze=False)
    assert _counts(store) == before


def test_a_revision_is_reindexed_as_a_copy(store: Store) -> None:
    a = Article(text=ORIGINAL, origin="x#1", url="https://x.example/1", published=T0)
    b = Article(text=UNRELATED, origin="y#1", url="https://y.example/1", published=T1)
    with store.begin() as conn:
        for art in (a, b):
            crossdoc.CrossArticle(conn).add(save_article(conn, art, None).article_id, art, None)
    revised = Article(text=ORIGINAL, origin="y#2", url="https://y.example/1", published=T1)
    with store.begin() as conn:
        result = save_article(conn, revised, None)
        assert result.status == "duplicate"  # same text as article 1: stored once, nothing to resolve
        rewritten = Article(text=REWRITE, origin="y#3", url="https://y.example/1", published=T1)
        result = save_article(conn, rewritten, None)
        assert result.status == "revised"
        crossdoc.CrossArticle(conn).add(result.article_id, rewritten, None, revised=True)
        (chain,) = crossdoc.list_copies(conn)
        assert [c["article_id"] for c in chain["copies"]] == [result.article_id]


def test_a_crash_in_the_resolve_pass_stores_nothing(store: Store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    paths = _files(tmp_path / "in")
    calls = {"n": 0}
    real = crossdoc.CrossArticle.add

    def failing(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("killed")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(crossdoc.CrossArticle, "add", failing)
    with pytest.raises(RuntimeError):
        ingest(paths, store, analyze=False)
    with store.connect() as conn:
        assert conn.execute(select(func.count()).select_from(t.articles)).scalar_one() == 0
    assert _counts(store)["copy_items"] == 0


def test_story_candidates_are_read_at_once_as_one_by_one(store: Store) -> None:
    """``load_stories`` reads every candidate in two statements and keeps what ``get_story`` would read:
    same rows, the centroid's terms in the same order (code-point order of the term on every dialect:
    the order decides which equal weights pruning keeps), and ``get_story`` then issues no statement;
    an add reads its candidates that way."""
    from sqlalchemy import event

    names = ["a1", "b1", "a2", "b2", "p", "x"]
    with store.begin() as conn:
        ids = _stub_articles(conn, names)
        got = _story_scenario(StoryIndex(crossdoc.SqlStoryStore(conn)), ids)
    stories = sorted(set(got), key=int)
    assert len(stories) >= 3
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    with store.begin() as conn:
        one = crossdoc.SqlStoryStore(conn)
        singly = {sid: one.get_story(sid) for sid in stories}
        event.listen(conn, "before_cursor_execute", count)
        at_once = crossdoc.SqlStoryStore(conn)
        at_once.load_stories([*stories, stories[0], "999999"])  # a repeat and a story that is not there
        assert len(statements) == 2
        for sid in stories:
            read = at_once.get_story(sid)
            want = singly[sid]
            assert read is not None and want is not None
            assert list(read.centroid.items()) == list(want.centroid.items())
            assert list(read.centroid) == sorted(read.centroid)  # SQLite's primary-key order, on PostgreSQL too
            assert (read.sqnorm, read.n_articles, read.first_published, read.last_published) == (
                want.sqnorm,
                want.n_articles,
                want.first_published,
                want.last_published,
            )
            assert read.centroid is not want.centroid
        assert len(statements) == 2  # every story came from what load_stories read
        assert at_once.get_story("999999") is None
        event.remove(conn, "before_cursor_execute", count)
        # An add scores its candidates after reading them at once: no per-story reads.
        statements.clear()
        event.listen(conn, "before_cursor_execute", count)
        fresh = crossdoc.SqlStoryStore(conn)
        StoryIndex(fresh).add(_stub_articles(conn, ["y"])["y"], QUAKE_A2, datetime(2013, 7, 2, 20))
        event.remove(conn, "before_cursor_execute", count)
    single = [s for s in statements if "story_terms.story_id = " in s and " IN " not in s.upper()]
    assert single == []
