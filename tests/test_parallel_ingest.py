"""Where the analysis runs does not change what is stored (issue #13).

The sample corpus is ingested once in this process, once with two worker
processes and once on a small Dask ``LocalCluster``; every stored table
(articles, extraction records, entities, copies, stories, event clusters)
must come out the same, ids included.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from dossier.ingest import Defaults
from dossier.ingest.job import ingest
from dossier.store import Store
from dossier.store import schema as t

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "corpus"
VOLATILE = {"ingested_at", "seen_at"}


def stored(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, without timestamps, sorted."""
    store = Store(url)
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.connect() as conn:
        for name, table in t.metadata.tables.items():
            if name == "store_versions":  # counts write transactions, which batching changes by design
                continue
            cols = [c for c in table.c if c.name not in VOLATILE]
            rows = conn.execute(select(*cols)).all()
            out[name] = sorted(tuple(repr(v) for v in r) for r in rows)
    store.dispose()
    return out


def run(tmp_path: Path, name: str, **options: Any) -> dict[str, list[tuple[Any, ...]]]:
    url = f"sqlite:///{tmp_path / name}.db"
    report = ingest([SAMPLES], Store(url), defaults=Defaults(origin="", published=None), batch_size=3, **options)
    assert not report.warnings
    assert report.count("new") >= 10
    return stored(url)


@pytest.fixture(scope="module")
def one_process(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[Any, ...]]]:
    return run(tmp_path_factory.mktemp("one"), "one", workers=1)


@pytest.mark.model
@pytest.mark.slow
def test_two_worker_processes_store_the_same(one_process: dict, tmp_path: Path) -> None:
    assert one_process["mentions"] and one_process["events"] and one_process["story_members"]
    assert run(tmp_path, "two", workers=2) == one_process


@pytest.mark.model
@pytest.mark.slow
def test_dask_local_cluster_stores_the_same(one_process: dict, tmp_path: Path) -> None:
    from dossier.analyze.executors import DaskCluster

    executor = DaskCluster("local", workers=1, processes=False)
    try:
        assert run(tmp_path, "dask", executor=executor) == one_process
    finally:
        executor.close()


def test_workers_must_be_positive() -> None:
    from dossier.analyze.executors import open_executor
    from dossier.errors import UsageError

    with pytest.raises(UsageError):
        open_executor(0)


@pytest.mark.model
def test_a_single_batch_starts_no_worker_processes() -> None:
    from dossier.analyze.executors import LazyPool
    from dossier.model import Article

    executor = LazyPool(2)
    try:
        (result,) = executor.submit([Article(text="Minsk said on Monday it had moved troops.", language="en")]).result()
    finally:
        executor.close()
    assert executor.pool is None
    assert result[0] is not None and result[1] is None


class _TwoWorkersHere:
    """An in-process executor that says it has two workers, and records the parts it is sent."""

    workers = 2

    def __init__(self) -> None:
        from dossier.analyze.executors import InProcess

        self.inner = InProcess()
        self.parts: list[int] = []

    def submit(self, articles: list) -> Any:
        self.parts.append(len(articles))
        return self.inner.submit(articles)

    def close(self) -> None:
        pass


@pytest.mark.model
def test_a_batch_is_analysed_in_one_part_per_worker_and_stored_the_same(one_process: dict, tmp_path: Path) -> None:
    executor = _TwoWorkersHere()
    url = f"sqlite:///{tmp_path / 'parts.db'}"
    defaults = Defaults(origin="", published=None)
    report = ingest([SAMPLES], Store(url), defaults=defaults, batch_size=40, executor=executor)
    assert not report.warnings
    assert len(executor.parts) >= 2 and max(executor.parts) < report.count("new")  # the batch was cut
    assert stored(url) == one_process
