"""The writer hands on what it has just written instead of reading it back (issue #13, fourth round).

Each shortcut must give exactly what the read it replaces gave: the events of a new article
(their canonical participants included), the ``entity_names`` rows of entities the linker
created or renamed, the memoised content words of the story and copy indexes.  And the
analysis process moves its loaded models out of the garbage collector's reach once.
"""

from __future__ import annotations

import gc
from functools import lru_cache
from typing import Any

import pytest
from sqlalchemy import select

from dossier.analyze import nlp
from dossier.model import Article, DocAnalysis, Entity, Event, Mention
from dossier.resolve import stories
from dossier.store import Store, entity_names
from dossier.store import schema as t
from dossier.store.event_store import unclustered_events
from dossier.store.write import BatchLookups, link_entities, save_article

TEXT = (
    "Acme Corp delivered two trucks to Northville on Monday, Jane Harlow said. "
    "Later Harlow said Acme would deliver more."
)


def _analysis() -> DocAnalysis:
    names = [("Acme Corp", "org"), ("Jane Harlow", "person"), ("Northville", "place")]
    mentions = [
        Mention(text=name, start=TEXT.index(name), end=TEXT.index(name) + len(name), kind=kind, entity=name)
        for name, kind in names
    ]
    mentions.append(Mention(text="Harlow", start=80, end=86, kind="person", entity="Jane Harlow"))
    return DocAnalysis(
        text=TEXT,
        language="en",
        sentences=[(0, 73), (74, len(TEXT))],
        mentions=mentions,
        entities=[Entity(name=n, kind=k, aliases=(n,)) for n, k in names]
        + [Entity(name="Acme", kind="org", aliases=("Acme",))],
        events=[
            Event(
                kind="deliver",
                start=5,
                end=14,
                trigger="delivered",
                date="2025-05-05",
                actors=("Acme Corp",),
                place="Northville",
                attributed_to="Jane Harlow",
            ),
            Event(
                kind="deliver",
                start=90,
                end=97,
                sentence=1,
                trigger="deliver",
                actors=("Acme",),
                targets=("Northville",),
                equipment=("trucks",),
                modality="planned",
            ),
        ],
    )


def _stored(store: Store) -> tuple[int, list[dict[str, Any]] | None]:
    with store.begin() as conn:
        lookups = BatchLookups.read(conn, [])
        article = Article(text=TEXT, origin="t#1", outlet="wire")
        result = save_article(conn, article, _analysis(), lookups=lookups)
        assert result.status == "new"
        written = lookups.take_events(result.article_id, new=True)
        lookups.flush(conn)
    return result.article_id, written


def test_events_handed_on_equal_the_events_read_back(store: Store) -> None:
    article_id, written = _stored(store)
    assert written is not None and len(written) == 2
    with store.connect() as conn:
        read = unclustered_events(conn, article_id)
        handed = unclustered_events(conn, article_id, written)
    assert [e.id for e in read] == [str(row["id"]) for row in written]
    assert handed == read
    # What was handed on went through the same canonical naming as what was read.
    assert handed[0].actors == ("Acme Corp",) and handed[0].place == "Northville"


def test_a_revised_article_reads_its_events_back(store: Store) -> None:
    lookups = BatchLookups({}, {}, False)
    lookups.events[7] = [{"id": 1}]
    assert lookups.take_events(7, new=False) is None
    assert 7 not in lookups.events  # taken either way: a later article never sees them


def test_names_of_linked_entities_equal_the_rows_rebuilt_from_the_store(store: Store) -> None:
    with store.begin() as conn:
        ids = link_entities(conn, [Entity(name="Alexander Lukashenko", kind="person", aliases=("A. LUKASHENKO",))])
        # The surname joins the one person known by it and adds an alias: a stored entity renamed.
        ids += link_entities(conn, [Entity(name="Lukashenko", kind="person", aliases=("Lukashenko Sr",))])
    with store.begin() as conn:
        kept = sorted(tuple(r) for r in conn.execute(select(t.entity_names.c.name, t.entity_names.c.entity_id)))
        entity_names.refresh(conn, set(ids))  # read back from the entity rows
        rebuilt = sorted(tuple(r) for r in conn.execute(select(t.entity_names.c.name, t.entity_names.c.entity_id)))
    assert kept == rebuilt
    assert ids[0] == ids[1]
    assert {("alexander lukashenko", ids[0]), ("a. lukashenko", ids[0]), ("lukashenko sr", ids[0])} <= set(kept)


def _judged(word: str) -> str | None:
    """content_words' verdict on one word, without its memo."""
    return stories._stem(word) if word not in stories._STOP and (len(word) >= 3 or word[0].isdigit()) else None


@pytest.mark.parametrize(
    "text", ["The quakes killed 12 people in 2024.", "Землетрясение убило людей", "a an of 7 x the killing"]
)
def test_content_words_remembered_equal_content_words_judged(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stories, "_CONTENT_WORD", {})
    expected = [w for w in (_judged(x) for x in stories._WORD_RE.findall(stories.normalise_text(text))) if w]
    assert stories.content_words(text) == expected
    assert stories.content_words(text) == expected  # the second time from the memo


def test_content_word_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    memo: dict[str, str | None] = {}
    monkeypatch.setattr(stories, "_CONTENT_WORD", memo)
    monkeypatch.setattr(stories, "_CONTENT_WORD_MAX", 3)
    assert stories.content_words("alpha bravo charlie delta echo") == ["alpha", "bravo", "charlie", "delta", "echo"]
    assert len(memo) <= 3


def test_models_are_frozen_once_when_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    @lru_cache(maxsize=1)
    def model() -> list[object]:
        return [object()]

    monkeypatch.setattr(nlp, "_LOADERS", (model,))
    monkeypatch.setattr(nlp, "_frozen_at", ())
    try:
        assert nlp.freeze_new_models() is False  # nothing loaded: nothing to freeze
        model()
        assert nlp.freeze_new_models() is True
        assert gc.get_freeze_count() > 0
        assert nlp.freeze_new_models() is False  # the same models: no second freeze
    finally:
        gc.unfreeze()


def test_a_new_article_is_copy_indexed_without_looking_up_its_item(store: Store) -> None:
    """``CrossArticle.add(new=True)`` skips the read of the article's own copy item (fifth round);
    the item, bands and links stored must be those of the plain path, which reads it."""
    from sqlalchemy import event

    from dossier.resolve.crossarticle import CrossArticle

    original = Article(text=TEXT + " The trucks arrived in the morning.", origin="t#0", outlet="wire")
    copy = Article(text=TEXT + " The trucks arrived in the morning.", origin="t#9", outlet="other", url="u:9")

    ids = {"article_id", "group_id", "copy_id", "original_id"}

    def store_pair(conn: Any, hinted: bool) -> list[Any]:
        cross = CrossArticle(conn, batch=True)
        order: dict[int, int] = {}
        for article in (original, copy.replace(text=copy.text + " Officials agreed.")):
            result = save_article(conn, article, _analysis_of(article.text))
            order[result.article_id] = len(order)
            cross.add(result.article_id, article, _analysis_of(article.text), new=hinted)
        cross.flush()
        # article ids as the order of storing, no row ids (PostgreSQL does not take back a rolled-back id)
        return [
            sorted(
                tuple(order.get(v, v) if k in ids else v for k, v in r._mapping.items() if k != "id")
                for r in conn.execute(select(table))
            )
            for table in (t.copy_items, t.copy_bands, t.copy_links, t.copy_groups)
        ]

    own_item_reads: list[str] = []

    def watch(_c: Any, _cur: Any, sql: str, params: Any, _ctx: Any, _many: bool) -> None:
        if "FROM copy_items WHERE copy_items.article_id = " in " ".join(sql.split()):
            own_item_reads.append(sql)

    event.listen(store.engine, "before_cursor_execute", watch)
    try:
        with store.begin() as conn:
            plain = store_pair(conn, hinted=False)
            conn.rollback()
        plain_reads = len(own_item_reads)
        own_item_reads.clear()
        with store.begin() as conn:
            hinted = store_pair(conn, hinted=True)
    finally:
        event.remove(store.engine, "before_cursor_execute", watch)
    assert plain[2], "the second article must be found a copy of the first"
    assert hinted == plain
    # the candidate original's item is still read; the two new articles' own items are not
    assert len(own_item_reads) == plain_reads - 2 >= 1


def _analysis_of(text: str) -> DocAnalysis:
    return DocAnalysis(text=text, language="en", sentences=[(0, len(text))])
