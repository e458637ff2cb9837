"""`dossier reanalyze` rewrites a batch as the ingest writes one, and stores what one article at a time stores.

The batched writer (:func:`dossier.ingest.reanalysis.clear_derived_records`, then each article's
records with the time expressions and mention counts held for one statement per table) must
leave the store exactly as :func:`replace_derived_records` called article by article leaves it:
every table, ids and kept story versions included.  A store holding an analyst's correction
takes the slower path, replaying it as each article is written; the correction must survive.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select

from dossier import corrections as corr
from dossier.ingest import Defaults
from dossier.ingest.job import ingest
from dossier.ingest.reanalysis import (
    INPUT_COLUMNS,
    _cross_article,
    article_from_row,
    reanalyze,
    replace_derived_records,
)
from dossier.store import Store, knowledge
from dossier.store import schema as t
from test_reanalyze import SAMPLES, VOLATILE, copy_db

pytestmark = pytest.mark.model


def _copy(source: Path, folder: Path) -> Path:
    folder.mkdir()
    return copy_db(source, folder)


def every_row(store: Store) -> dict[str, list[str]]:
    """Every row of every table, ids included, without wall-clock stamps."""
    out: dict[str, list[str]] = {}
    with store.connect() as conn:
        for name, table in t.metadata.tables.items():
            if name in ("store_versions", "reanalysis_runs"):
                continue
            cols = [c for c in table.c if c.name not in VOLATILE]
            out[name] = sorted(repr(tuple(r)) for r in conn.execute(select(*cols)))
    return out


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    store = Store(f"sqlite:///{folder / 'b.db'}")
    ingest([SAMPLES], store, defaults=Defaults(origin="", published=None))
    store.dispose()
    return folder / "b.db"


def _article_by_article(store: Store) -> None:
    """The reference: each article's records replaced on its own, then indexed across articles."""
    from dossier.analyze.executors import analyse_batch

    a = t.articles.c
    with store.connect() as conn:
        rows = conn.execute(select(*INPUT_COLUMNS).order_by(a.id)).all()
    articles = [article_from_row(r) for r in rows]
    analyses = [analysis for analysis, _error in analyse_batch(articles)]
    for start in range(0, len(rows), 4):  # the batches reanalyze(batch_size=4) takes
        with store.begin() as conn:
            cross = _cross_article(conn)
            batch = zip(rows[start : start + 4], articles[start:], analyses[start:], strict=False)
            for row, article, analysis in batch:
                assert analysis is not None
                replace_derived_records(conn, row.id, analysis)
                cross.add(row.id, article, analysis)


def test_a_batch_is_stored_as_one_article_at_a_time_stores_it(ingested: Path, tmp_path: Path) -> None:
    batched = Store(f"sqlite:///{_copy(ingested, tmp_path / 'one')}")
    reference = Store(f"sqlite:///{_copy(ingested, tmp_path / 'two')}")
    for store in (batched, reference):  # an older analysis found fewer events: the rewrite has work to do
        with store.begin() as conn:
            conn.execute(delete(t.events).where(t.events.c.kind == "STATEMENT"))
    report = reanalyze(batched, batch_size=4, workers=0)
    assert report.articles == report.total > 8 and not report.warnings
    _article_by_article(reference)
    got, expected = every_row(batched), every_row(reference)
    assert got["events"] and got["event_mentions"] and got["times"]
    assert {name for name in got if got[name] != expected[name]} == set()


def test_a_correction_survives_a_batched_reanalysis(ingested: Path, tmp_path: Path) -> None:
    store = Store(f"sqlite:///{_copy(ingested, tmp_path / 'c')}")
    with store.connect() as conn:
        event = next(e for e in knowledge.list_events(conn) if e["kind"] == "REQUEST")
    with store.begin() as conn:
        corr.review(conn, "event", event["id"], "rejected", user="ana", note="not a request")

    def still_there() -> list[dict[str, Any]]:
        with store.connect() as conn:
            return [
                e
                for e in knowledge.list_events(conn)
                if e["article_id"] == event["article_id"] and e["start"] == event["start"] and e["kind"] == "REQUEST"
            ]

    assert not still_there()
    report = reanalyze(store, batch_size=3, workers=0)
    assert report.articles == report.total and not report.warnings
    assert not still_there()  # replayed on the event's new row
    with store.connect() as conn:
        (logged,) = corr.list_log(conn)
    assert json.loads(json.dumps(logged))["note"] == "not a request"
