"""The read side costs what its answer costs (issue #13): paged timelines, capped source lists with
full counts, and contradictions kept per story that follow every change to the story's events.

Analyses are written by hand (no NLP): one piece of equipment, Polonez, delivered on several dates
and reported by several outlets, one of which denies it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, select

from dossier.api import Settings, create_app
from dossier.corrections.extractions import review
from dossier.model import Article, DocAnalysis, Entity, Event, Mention
from dossier.store import Store, cross_queries, crossdoc, knowledge
from dossier.store import schema as t
from dossier.store.filters import Filters
from dossier.store.write import save_article
from test_corroboration import OWN_REPORT, POST

T0 = datetime(2025, 5, 6, 9)
DATES = ["2025-05-05", "2025-06-10", "2025-07-15", "2025-08-20"]


def _save(  # type: ignore[no-untyped-def]
    conn, n: int, *, date: str | None, modality: str = "asserted", outlet: str | None = None, own: bool = False
) -> int:
    """Article ``n`` reporting the Polonez delivery on ``date`` (one sentence, one event): a copy of
    one ministry post, or (``own``) a report of its own."""
    # a report of its own shares the post's opening words, enough to join its story (not to be its copy)
    text = f"{OWN_REPORT} {POST[:120]}" if own else f"{POST} Report number {n}."
    at = text.index("Polonez")
    event = Event(
        kind="EQUIPMENT_DELIVERED",
        start=0,
        end=9,
        trigger="delivered",
        date=date,
        equipment=("Polonez",),
        targets=("336th rocket artillery brigade",),
        modality=modality,
    )
    analysis = DocAnalysis(
        text=text,
        language="en",
        sentences=[(0, len(text))],
        mentions=[Mention("Polonez", at, at + 7, "equipment", "Polonez")],
        entities=[Entity(name="Polonez", kind="equipment")],
        events=[event],
    )
    article = Article(
        text=text,
        origin=f"t#{n}",
        url=f"https://example.org/{n}",
        outlet=outlet or f"outlet-{n}",
        published=T0 + timedelta(hours=n),
    )
    result = save_article(conn, article, analysis)
    crossdoc.CrossArticle(conn).add(result.article_id, article, analysis)
    return result.article_id


def _corpus(store: Store, per_date: int = 4) -> None:
    """``per_date`` reports (distinct outlets) of each of the four deliveries."""
    with store.begin() as conn:
        n = 0
        for date in DATES:
            for _ in range(per_date):
                n += 1
                _save(conn, n, date=date)


def test_timeline_pages_cover_the_whole_timeline_in_either_order(store: Store) -> None:
    _corpus(store)
    with store.connect() as conn:
        whole = knowledge.timeline(conn, "Polonez", limit=None, sources_limit=None)
        assert whole["total"] == len(whole["entries"]) == 4 and whole["next_offset"] is None
        first = knowledge.timeline(conn, "Polonez", limit=3, sources_limit=None)
        assert first["total"] == 4 and first["next_offset"] == 3 and len(first["entries"]) == 3
        rest = knowledge.timeline(conn, "Polonez", limit=3, offset=3, sources_limit=None)
        assert rest["next_offset"] is None
        assert first["entries"] + rest["entries"] == whole["entries"]
        newest = knowledge.timeline(conn, "Polonez", limit=2, newest=True, sources_limit=None)
        assert [e["date"] for e in newest["entries"]] == ["2025-08-20", "2025-07-15"]
        assert newest["order"] == "newest"
        # the equipment status reads every entry, not the page
        assert newest["status"] == whole["status"] == "delivered"
        assert newest["status_date"] == whole["status_date"]


def test_capped_sources_keep_their_full_counts(store: Store) -> None:
    _corpus(store)
    with store.connect() as conn:
        full = knowledge.timeline(conn, "Polonez", limit=None, sources_limit=None)["entries"]
        capped = knowledge.timeline(conn, "Polonez", limit=None, sources_limit=2)["entries"]
        for a, b in zip(full, capped, strict=True):
            assert len(a["sources"]) == a["source_count"] == b["source_count"] == 4
            assert b["sources"] == a["sources"][:2]  # the earliest reports, with their sentences
            # every report copies one post: one independent source, however many are listed
            assert b["independent_sources"] == a["independent_sources"] == 1
            assert all(s["sentence"].startswith("Twelve Polonez") for s in b["sources"])
        events = knowledge.list_events(conn, limit=None, sources_limit=1)
        every = knowledge.list_events(conn, limit=None, sources_limit=None)
        assert [len(e["sources"]) for e in events] == [1] * len(every)
        assert [e["source_count"] for e in events] == [len(e["sources"]) for e in every] == [4] * 16
        assert [e["independent_sources"] for e in events] == [e["independent_sources"] for e in every]


def test_api_pages_a_timeline_and_lists_every_source_on_request(store: Store) -> None:
    _corpus(store)
    with store.connect() as conn:
        eid = knowledge.find_entity_ids(conn, "Polonez")[0]
    client = TestClient(create_app(store, Settings()))
    page = client.get(f"/api/timeline/{eid}", params={"limit": 3, "sources": 1}).json()
    assert len(page["entries"]) == 3 and page["total"] == 4 and page["next"]
    assert all(len(e["sources"]) == 1 and e["source_count"] == 4 for e in page["entries"])
    last = client.get(f"/api/timeline/{eid}", params={"limit": 3, "cursor": page["next"], "sources": "all"}).json()
    assert last["next"] is None and [len(e["sources"]) for e in last["entries"]] == [4]
    assert client.get(f"/api/timeline/{eid}", params={"sources": "many"}).status_code == 422
    events = client.get("/api/events", params={"limit": 2, "sources": 2}).json()["items"]
    assert [len(e["sources"]) for e in events] == [2, 2] and {e["source_count"] for e in events} == {4}


def _status_flags(conn) -> list[dict]:  # type: ignore[no-untyped-def, type-arg]
    return [f for f in crossdoc.list_contradictions(conn) if f["field"] == "status"]


def _kept(conn) -> dict[int, object]:  # type: ignore[no-untyped-def]
    c = t.story_contradictions.c
    return {r.story_id: r.flags for r in conn.execute(select(c.story_id, c.flags))}


def test_kept_contradictions_follow_new_reports_and_rejections(store: Store) -> None:
    with store.begin() as conn:
        for n in range(1, 4):
            _save(conn, n, date=DATES[0])
    with store.connect() as conn:
        assert _status_flags(conn) == []
        kept = _kept(conn)
        assert kept and all(v is not None for v in kept.values())  # computed once, kept
    # A denial joins the story: the kept flags are stale and must not be served.
    with store.begin() as conn:
        denial = _save(conn, 4, date=DATES[0], modality="negated", own=True)
        assert all(v is None for v in _kept(conn).values())
    with store.connect() as conn:
        (flag,) = _status_flags(conn)
        assert denial in {s["article_id"] for s in flag["sides"]}
        assert flag["independent_sides"] == 2  # the copied post against a report of its own
        contested = cross_queries.contested_events(conn, [e["id"] for e in knowledge.list_events(conn, limit=None)])
        assert contested and all(f["field"] == "status" for fs in contested.values() for f in fs)
        fields = cross_queries.contested_fields(conn, [e["id"] for e in knowledge.list_events(conn, limit=None)])
        assert fields == {eid: ["status"] for eid in contested}
        event_id = knowledge.list_events(conn, limit=None, filters=Filters(modality="negated"))[0]["id"]
    # An analyst rejects the denial: the conflict is gone, and counts follow at once.
    with store.begin() as conn:
        review(conn, "event", event_id, "rejected", user="analyst")
    with store.connect() as conn:
        assert _status_flags(conn) == []
        entries = knowledge.timeline(conn, "Polonez")["entries"]
        assert [e["source_count"] for e in entries] == [3]
    # And what is kept is what a fresh computation finds.
    with store.connect() as conn:
        served = crossdoc.list_contradictions(conn)
    with store.begin() as conn:
        conn.execute(delete(t.story_contradictions))
    with store.connect() as conn:
        assert crossdoc.list_contradictions(conn) == served


def test_new_report_updates_counts_of_its_cross_article_event(store: Store) -> None:
    with store.begin() as conn:
        first = _save(conn, 1, date=DATES[0])
        _save(conn, 2, date=DATES[0])  # a copy of the same post: not independent
    with store.connect() as conn:
        event = knowledge.list_events(conn, limit=1)[0]
        assert event["article_id"] == first
        assert (event["source_count"], event["independent_sources"]) == (2, 1)
    with store.begin() as conn:
        _save(conn, 3, date=DATES[0], own=True)
    with store.connect() as conn:
        event = knowledge.get_event(conn, event["id"])
        assert (event["source_count"], event["independent_sources"]) == (3, 2)


def test_a_timeline_is_built_from_the_newest_events_of_a_subject_when_there_are_too_many(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _corpus(store)  # 16 reports, stored in date order: four of each delivery
    monkeypatch.setattr(knowledge, "TIMELINE_EVENTS", 6)
    with store.connect() as conn:
        windowed = knowledge.timeline(conn, "Polonez", limit=None, sources_limit=None)
        older = knowledge.timeline(conn, "Polonez", limit=None, filters=Filters(until="2025-05-31"))
    # the newest six reports: two of the third delivery, four of the fourth
    assert [e["date"] for e in windowed["entries"]] == DATES[2:]
    # an entry still counts every report of its real-world event, inside the window or not
    assert [e["source_count"] for e in windowed["entries"]] == [4, 4]
    assert windowed["window"]["events"] == 6
    # a filter moves the window: the first delivery is reached again
    assert [e["date"] for e in older["entries"]] == DATES[:1] and older["window"] is None
    monkeypatch.setattr(knowledge, "TIMELINE_EVENTS", 100)
    with store.connect() as conn:
        assert knowledge.timeline(conn, "Polonez", limit=None)["window"] is None


def _polonez_articles(store: Store, stamps: list[datetime | None]) -> None:
    """One article per stamp (``None``: undated), each naming Polonez twice."""
    with store.begin() as conn:
        for n, when in enumerate(stamps, 1):
            text = f"Polonez launchers arrived. Polonez crews trained. Item {n}."
            mentions = [Mention("Polonez", i, i + 7, "equipment", "Polonez") for i in (0, 26)]
            analysis = DocAnalysis(
                text=text, language="en", sentences=[(0, 25), (26, len(text))], mentions=mentions,
                entities=[Entity(name="Polonez", kind="equipment")],
            )
            save_article(conn, Article(text=text, origin=f"m#{n}", url=f"https://example.org/m{n}", published=when),
                         analysis)


def _entity_pages(store: Store, size: int = 5, pages: int = 4) -> list[tuple[int, int]]:
    """The entity's mentions as (article, start), read page by page."""
    with store.connect() as conn:
        return [
            (x["article_id"], x["start"])
            for o in range(0, size * pages, size)
            for x in knowledge.get_entity(conn, "Polonez", limit=size, offset=o)["mention_list"]
        ]


def test_an_entity_page_lists_mentions_oldest_article_first_from_its_own_index(store: Store) -> None:
    """Pages along ix_mentions_entity_published: dated by publication, undated last, pages seamless."""
    stamps = [T0 + timedelta(days=d) for d in (5, 1, 3)] + [None, T0 + timedelta(days=2), None, T0]
    _polonez_articles(store, stamps)
    flat = _entity_pages(store)
    assert len(flat) == 14 and flat[:2] == [(7, 0), (7, 26)]  # the oldest article first
    assert [a for a, _ in flat[::2]] == [7, 2, 5, 3, 1, 4, 6]  # then by date; undated last, by article
    # a page that starts among the undated mentions finds its place past the dated ones
    with store.connect() as conn:
        tail = knowledge.get_entity(conn, "Polonez", limit=3, offset=11)["mention_list"]
    assert [(x["article_id"], x["start"]) for x in tail] == flat[11:14]
    with store.connect() as conn:  # every mention carries its article's time
        rows = conn.execute(
            select(t.mentions.c.published, t.articles.c.published).join(
                t.articles, t.articles.c.id == t.mentions.c.article_id
            )
        ).all()
    assert rows and all(m == a for m, a in rows)


def test_an_entity_page_follows_a_corrected_publication_time_and_its_undo(store: Store) -> None:
    """The mentions' copy of ``published`` moves with every edit of the article's date (and its undo)."""
    from dossier.corrections import undo
    from dossier.corrections.articles import edit_article

    _polonez_articles(store, [T0 + timedelta(days=d) for d in (1, 2, 3)])
    assert [a for a, _ in _entity_pages(store)[::2]] == [1, 2, 3]
    with store.begin() as conn:
        entry = edit_article(conn, 3, user="tester", published="2025-01-01T00:00:00+00:00")
    assert [a for a, _ in _entity_pages(store)[::2]] == [3, 1, 2]
    with store.begin() as conn:
        edit_article(conn, 1, user="tester", published="2026-01-01T00:00:00+00:00")
    assert [a for a, _ in _entity_pages(store)[::2]] == [3, 2, 1]
    with store.begin() as conn:
        undo(conn, entry[0]["entry"], user="tester")
    assert [a for a, _ in _entity_pages(store)[::2]] == [2, 3, 1]


def test_migration_0018_copies_publication_times_onto_mentions(db_url: str) -> None:
    from sqlalchemy import text

    store = Store(db_url)
    store.migrate("0017")
    with store.engine.begin() as conn:
        for aid, when in ((1, "2024-02-01T00:00:00+00:00"), (2, None), (3, "2023-05-01T00:00:00+00:00")):
            conn.execute(
                text(
                    "INSERT INTO articles (id, hash, text, format, chars, revision, ingested_at, published) "
                    "VALUES (:id, :h, 'x', 'text', 1, 1, '2024-01-01T00:00:00+00:00', :p)"
                ),
                {"id": aid, "h": f"h{aid}", "p": when},
            )
        conn.execute(text("INSERT INTO entities (id, name, kind) VALUES (1, 'Polonez', 'equipment')"))
        for mid, aid in enumerate((1, 2, 3, 3), start=1):
            conn.execute(
                text(
                    'INSERT INTO mentions (id, article_id, entity_id, text, kind, start, "end", sentence) '
                    "VALUES (:id, :a, 1, 'x', 'equipment', :s, 1, 0)"
                ),
                {"id": mid, "a": aid, "s": mid},
            )
    store.migrate()
    with store.connect() as conn:
        rows = conn.execute(select(t.mentions.c.id, t.mentions.c.published).order_by(t.mentions.c.id)).all()
        page = knowledge.get_entity_by_id(conn, 1)["mention_list"]
    assert [tuple(r) for r in rows] == [
        (1, "2024-02-01T00:00:00+00:00"),
        (2, None),
        (3, "2023-05-01T00:00:00+00:00"),
        (4, "2023-05-01T00:00:00+00:00"),
    ]
    assert [m["article_id"] for m in page] == [3, 3, 1, 2]
    store.dispose()
