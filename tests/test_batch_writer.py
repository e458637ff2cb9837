"""A batch stored at once equals the same articles stored one at a time (issue #13).

The ingest writes a batch set-based: rows nothing reads again wait for the end of
the batch, the cross-article stores keep the index in memory and flush it once.
Stored results must not depend on that: the same articles (copies, a duplicate, a
revision of an article of the same batch, stories, events, quotes, times) stored
through :func:`store_batch` in one batch and article by article, each in its own
transaction with every write made at once, give the same tables row by row, ids
included.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import make_url

from dossier.ingest.job import IngestReport, store_batch
from dossier.model import Article, DocAnalysis, Entity, Event, Mention, Quote, TimeExpr
from dossier.resolve.crossarticle import CrossArticle
from dossier.store import Store
from dossier.store import schema as t
from dossier.store.write import save_article
from test_copies import ORIGINAL, REWRITE, UNRELATED
from test_corroboration import OWN_REPORT, POST
from test_stories import POLITICS, QUAKE_A1, QUAKE_A2, QUAKE_B, QUAKE_B2

T0 = datetime(2025, 5, 6, 9)
CLOCK = {"ingested_at", "seen_at"}
_NAME = re.compile(r"\b[A-Z][a-z]{3,}(?: [A-Z][a-z]{3,})?")


def _analysis(text: str, n: int) -> DocAnalysis:
    """A hand-made analysis: capitalised words as entities (kinds alternating), a date, events and a quote."""
    names = list(dict.fromkeys(m.group() for m in _NAME.finditer(text)))[:6]
    kinds = ["org", "person"] if n % 2 else ["person", "org"]
    mentions = []
    for m in _NAME.finditer(text):
        if m.group() in names:
            kind = kinds[names.index(m.group()) % 2]
            mentions.append(Mention(text=m.group(), start=m.start(), end=m.end(), kind=kind, entity=m.group()))
    entities = [Entity(name=name, kind=kinds[i % 2], aliases=(name,)) for i, name in enumerate(names)]
    times = [TimeExpr(text="6 May", start=0, end=5, timex_type="DATE", value=f"2025-05-0{1 + n % 3}")]
    quotes = [Quote(text=text[:40], start=0, end=40, direct=True, speaker=names[0] if names else None)]
    events = [
        Event(
            kind="deliver" if i % 2 == 0 else "attack",
            start=0,
            end=9,
            trigger="delivered",
            date=f"2025-05-0{1 + (n + i) % 2}",
            actors=tuple(names[i : i + 1]),
            equipment=tuple(names[i + 1 : i + 2]),
            quote_index=0 if i == 0 else None,
        )
        for i in range(min(3, len(names)))
    ]
    return DocAnalysis(
        text=text,
        language="en",
        sentences=[(0, len(text))],
        mentions=mentions,
        entities=entities,
        times=times,
        quotes=quotes,
        events=events,
    )


def _articles() -> list[tuple[Article, DocAnalysis | None]]:
    texts = [ORIGINAL, REWRITE, QUAKE_A1, UNRELATED, QUAKE_A2, POST, QUAKE_B, POLITICS, OWN_REPORT, QUAKE_B2]
    out: list[tuple[Article, DocAnalysis | None]] = []
    for n, body in enumerate(texts):
        article = Article(
            text=body,
            origin=f"t#{n}",
            url=f"https://outlet{n % 3}.example/{n}",
            outlet=f"outlet{n % 3}",
            published=T0 + timedelta(hours=n),
            extra={"forwarded_from": "outlet0"} if body is POST else {},
        )
        out.append((article, _analysis(body, n) if n != 3 else None))
    # A duplicate (same text, another origin) and a revision of an article of this batch (same URL).
    out.append((Article(text=QUAKE_A1, origin="dup#1", outlet="outlet9", published=T0), _analysis(QUAKE_A1, 2)))
    revised = QUAKE_A2 + " Officials later raised the toll."
    out.append(
        (
            Article(text=revised, origin="rev#1", url="https://outlet1.example/4", outlet="outlet1", published=T0),
            _analysis(revised, 4),
        )
    )
    return out


def _tables(url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = create_engine(url)
    present = set(inspect(engine).get_table_names())
    out = {}
    with engine.connect() as conn:
        for table in t.metadata.sorted_tables:
            # the timelines stamp counts write transactions, which batching is meant to change
            if table.name in present and table.name != "store_versions":
                cols = [c for c in table.columns if c.name not in CLOCK]
                order = list(table.primary_key.columns) or cols
                out[table.name] = [tuple(r) for r in conn.execute(select(*cols).order_by(*order))]
    engine.dispose()
    return out


def _one_at_a_time(store: Store, items: list[tuple[Article, DocAnalysis | None]]) -> None:
    """The reference: every write made at once, one transaction per article."""
    for article, analysis in items:
        with store.begin() as conn:
            result = save_article(conn, article, analysis)
            if result.status in ("new", "revised"):
                CrossArticle(conn).add(result.article_id, article, analysis, revised=result.status == "revised")


@pytest.fixture
def reference_url(db_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A second empty database of the same kind as ``db_url`` (ids and types compare alike)."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'one.db'}"
        return
    server = request.getfixturevalue("pg_server")
    name = f"dossier_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_a_batch_stores_what_articles_stored_one_by_one_store(db_url: str, reference_url: str) -> None:
    items = _articles()
    batch = Store(db_url)
    batch.ensure_schema()
    report = IngestReport()
    store_batch(batch, [a for a, _ in items], {id(a): an for a, an in items if an is not None}, report, None)
    assert report.count("new") == 10 and report.count("duplicate") == 1 and report.count("revised") == 1
    batch.dispose()
    one = Store(reference_url)
    one.ensure_schema()
    _one_at_a_time(one, items)
    one.dispose()
    got, want = _tables(db_url), _tables(reference_url)
    assert sum(len(rows) for rows in want.values()) > 300
    for name in ("copy_links", "story_members", "event_mentions", "story_contradictions", "times", "origins"):
        assert want[name], f"the scenario should fill {name}"
    for name, rows in want.items():
        assert got[name] == rows, name
