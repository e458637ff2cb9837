"""`dossier reanalyze`: the same records as a fresh ingest, and a killed run resumes (issue #13)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, select, update

from dossier.ingest import Defaults
from dossier.ingest.job import ingest
from dossier.ingest.reanalysis import reanalyze
from dossier.store import Store
from dossier.store import schema as t

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "corpus"
DERIVED = ("mentions", "times", "quotes", "events", "event_entities")


def derived(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """The analysis records, without their ids (a re-analysis gives them new ones)."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.connect() as conn:
        for name in DERIVED:
            table = t.metadata.tables[name]
            cols = [c for c in table.c if c.name not in {"id", "event_id", "quote_id"}]
            out[name] = sorted(tuple(repr(v) for v in r) for r in conn.execute(select(*cols)))
        out["clustered"] = [(conn.execute(select(func.count()).select_from(t.event_mentions)).scalar_one(),)]
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, dict]:
    url = f"sqlite:///{tmp_path_factory.mktemp('re') / 're.db'}"
    store = Store(url)
    ingest([SAMPLES], store, defaults=Defaults(origin="", published=None))
    return store, derived(store)


@pytest.mark.model
def test_reanalyze_rebuilds_the_same_records(corpus: tuple[Store, dict]) -> None:
    store, before = corpus
    assert before["events"] and before["clustered"][0][0] > 0
    with store.begin() as conn:  # as if an old version had analysed less
        conn.execute(delete(t.events))
        conn.execute(delete(t.mentions))
    report = reanalyze(store, batch_size=4)
    assert report.articles == report.total > 10 and not report.resumed
    assert derived(store) == before


@pytest.mark.model
def test_a_killed_run_continues_after_its_last_batch(corpus: tuple[Store, dict]) -> None:
    store, _before = corpus
    calls: list[int] = []

    def stop_after_two(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        reanalyze(store, batch_size=3, restart=True, on_batch=stop_after_two)
    with store.connect() as conn:
        run = conn.execute(select(t.reanalysis_runs).order_by(t.reanalysis_runs.c.id.desc())).first()
    assert run.finished_at is None and run.articles == 6 and run.last_article_id > 0
    with store.begin() as conn:  # mark the articles already done, to see they are not redone
        conn.execute(update(t.articles).where(t.articles.c.id <= run.last_article_id).values(language="xx"))
    report = reanalyze(store, batch_size=3)
    assert report.resumed and report.run_id == run.id and report.articles == report.total
    with store.connect() as conn:
        kept = conn.execute(select(func.count()).select_from(t.articles).where(t.articles.c.language == "xx"))
        assert kept.scalar_one() == len(range(1, run.last_article_id + 1))
    # A finished run is not resumed: the next call starts a new one.
    assert not reanalyze(store, since="2999-01-01").resumed


@pytest.mark.model
def test_reanalyze_command(corpus: tuple[Store, dict]) -> None:
    import json

    from typer.testing import CliRunner

    from dossier.cli import app

    store, _before = corpus
    result = CliRunner().invoke(app, ["reanalyze", "--db", store.url, "--workers", "1", "--restart", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["type"] == "summary" and summary["articles"] == summary["total"] > 10
    bad = CliRunner().invoke(app, ["reanalyze", "--db", store.url, "--since", "yesterday"])
    assert bad.exit_code == 2


@pytest.mark.model
@pytest.mark.postgres
def test_reanalysis_resumes_on_postgresql(pg_url: str) -> None:
    store = Store(pg_url)
    ingest([SAMPLES], store, defaults=Defaults(origin="", published=None), analyze=False)

    def stop_after_one(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        reanalyze(store, batch_size=4, on_batch=stop_after_one)
    with store.connect() as conn:
        run = conn.execute(select(t.reanalysis_runs)).one()
    assert run.articles == 4 and run.finished_at is None
    report = reanalyze(store, batch_size=4)
    assert report.resumed and report.articles == report.total > 10
    with store.connect() as conn:
        assert conn.execute(select(func.count()).select_from(t.mentions)).scalar_one() > 0
        assert conn.execute(select(func.count()).select_from(t.event_mentions)).scalar_one() > 0
    store.dispose()
