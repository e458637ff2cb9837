"""Where the analysis runs does not change what is stored (issue #13).

The sample corpus is ingested once in this process (``--workers 0``), once
with the analysis here and a writer process (``--workers 1``), once with two
worker processes and once on a small Dask ``LocalCluster``; every stored table
(articles, extraction records, entities, copies, stories, event clusters)
must come out the same, ids included, and the user is told the same.
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


#: What ``on_saved`` was told, in order, by each run of :func:`told` (compared across modes).
TOLD: dict[str, list[tuple[str, str, int]]] = {}


@pytest.fixture(scope="module")
def one_process(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[Any, ...]]]:
    told: list[tuple[str, str, int]] = []
    out = run(
        tmp_path_factory.mktemp("one"),
        "one",
        workers=0,
        on_saved=lambda a, r: told.append((a.origin, r.status, r.article_id)),
    )
    TOLD["one"] = told
    return out


@pytest.mark.model
@pytest.mark.slow
def test_a_writer_process_stores_the_same_and_tells_the_same(
    one_process: dict, tmp_path: Path, writer_starts: list[str]
) -> None:
    started = writer_starts
    told: list[tuple[str, str, int]] = []
    out = run(tmp_path, "writer", workers=1, on_saved=lambda a, r: told.append((a.origin, r.status, r.article_id)))
    assert len(started) == 1  # one writer for the whole ingest
    assert out == one_process
    assert told == TOLD["one"]


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


def test_an_in_memory_store_is_not_shared_with_a_writer_process() -> None:
    from dossier.ingest.job import can_share

    assert not can_share(Store("sqlite://"))
    assert not can_share(Store("sqlite:///:memory:"))
    assert not can_share(Store("sqlite:///file:x?mode=memory&uri=true"))
    assert can_share(Store("sqlite:////tmp/x.db"))
    assert can_share(Store("postgresql://u@h/db"))


class _FailingWriter:
    """A writer process stand-in whose first batch fails: nothing more may be sent to it."""

    def __init__(self, store: Store) -> None:
        self.sent: list[int] = []

    def submit(self, function: Any, chunk: list, *arguments: Any) -> Any:
        from concurrent.futures import Future

        self.sent.append(len(chunk))
        future: Future[Any] = Future()
        future.set_exception(RuntimeError("disk full"))
        return future

    def close(self) -> None:
        pass


def test_a_failed_batch_in_the_writer_stops_the_ingest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dossier.ingest.job as job
    from dossier.model import Article

    writers: list[_FailingWriter] = []

    def make(store: Store) -> _FailingWriter:
        writers.append(_FailingWriter(store))
        return writers[-1]

    class NoAnalysis:
        workers = 1

        def submit(self, articles: list) -> Any:
            from concurrent.futures import Future

            future: Future[Any] = Future()
            future.set_result([(None, "not analysed") for _ in articles])
            return future

    monkeypatch.setattr(job, "WriterProcess", make)
    store = Store(f"sqlite:///{tmp_path / 'fail.db'}")
    store.ensure_schema()
    pipeline = job.IngestPipeline(store, NoAnalysis(), job.IngestReport(), None, separate_writer=True)
    batches = [[Article(text=f"Report {b} from Minsk.", origin=f"b{b}", language="en")] for b in range(4)]
    with pytest.raises(RuntimeError, match="disk full"):
        for batch in batches:
            pipeline.push(batch)
        pipeline.drain()
    pipeline.close()
    assert writers and writers[0].sent == [1]  # the second batch never reached the writer


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


def test_the_writer_process_ends_when_the_command_is_gone(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    import dossier.ingest.job as job

    ended = threading.Event()
    parents = iter([41, 41, 1])  # the command's pid twice, then adopted by init: the command was killed
    monkeypatch.setattr(job.os, "getppid", lambda: next(parents, 1))
    monkeypatch.setattr(job.os, "_exit", lambda code: ended.set())
    job._watch_parent(41, every_s=0.001)
    assert ended.wait(5)


@pytest.mark.model
@pytest.mark.slow
def test_a_batch_handed_to_the_writer_in_parts_is_stored_the_same(
    one_process: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue #13: with a writer process, a batch goes to it part by part as it is analysed (so
    the storing left after the analysis is one part's); same batches, same transactions, same
    stored rows and the same report as one process."""
    import dossier.ingest.job as job

    monkeypatch.setattr(job, "STREAM_PART", 1)  # batches of 3: every batch of new articles goes in parts
    streamed: list[int] = []
    plain = job.BatchPipeline._store_streamed

    def spy(self: Any, item: Any, *args: Any) -> None:
        streamed.append(len(item.fresh))
        plain(self, item, *args)

    monkeypatch.setattr(job.BatchPipeline, "_store_streamed", spy)
    told: list[tuple[str, str, int]] = []
    out = run(tmp_path, "parts", workers=1, on_saved=lambda a, r: told.append((a.origin, r.status, r.article_id)))
    assert streamed and max(streamed) > 1
    assert out == one_process
    assert told == TOLD["one"]


def test_an_article_analysed_later_is_waited_for_and_others_answer_at_once() -> None:
    """The writer's side of a batch in parts: ``get`` blocks until the article's part arrives; an
    article that was not sent for analysis (already stored) answers ``None`` without waiting."""
    import threading

    from dossier.ingest.job import _Arriving
    from dossier.model import Article, DocAnalysis

    chunk = [Article(text=f"Report {i} from Minsk.", origin=f"a{i}") for i in range(3)]
    arriving = _Arriving(chunk, positions=[0, 2])
    first = DocAnalysis(text=chunk[0].text, language="en")
    arriving.add({0: first})
    assert arriving.get(id(chunk[0])) is first
    assert arriving.get(id(chunk[1])) is None  # not analysed: no wait
    got: list[object] = []
    reader = threading.Thread(target=lambda: got.append(arriving.get(id(chunk[2]), "x")))
    reader.start()
    reader.join(0.2)
    assert reader.is_alive() and not got  # still waiting for the third article's part
    arriving.add({2: None})  # its analysis failed: stored without records
    reader.join(5)
    assert got == ["x"]


class _LazyTwoWorkers(_TwoWorkersHere):
    """Two 'workers' whose parts are analysed only when their result is asked for, in order."""

    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def submit(self, articles: list) -> Any:
        self.parts.append(len(articles))
        part, inner, log = len(self.parts), self.inner, self.log

        class Later:
            def result(self) -> Any:
                log.append(f"part {part} analysed")
                return inner.submit(articles).result()

        return Later()


@pytest.mark.model
def test_parts_from_workers_are_stored_as_they_come_back(
    one_process: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue #13: storing a batch analysed by several workers starts with its first part; the
    last part is asked for only when the storing reaches it, and the rows are the same."""
    import dossier.ingest.job as job

    log: list[str] = []
    plain = job.save_article

    def save(conn: Any, article: Any, *args: Any, **kwargs: Any) -> Any:
        log.append("saved")
        return plain(conn, article, *args, **kwargs)

    monkeypatch.setattr(job, "save_article", save)
    executor = _LazyTwoWorkers(log)
    url = f"sqlite:///{tmp_path / 'lazy.db'}"
    report = ingest(
        [SAMPLES], Store(url), defaults=Defaults(origin="", published=None), batch_size=40, executor=executor
    )
    assert not report.warnings
    assert len(executor.parts) >= 3
    last = log.index(f"part {len(executor.parts)} analysed")
    assert "saved" in log[:last]  # articles of the first parts were stored before the last part was analysed
    assert stored(url) == one_process


def test_a_batch_cut_short_in_the_writer_leaves_nothing_of_it(tmp_path: Path) -> None:
    """Issue #13: when the analysis fails in the middle of a batch handed to the writer process in
    parts, the ingest stops, the writer process ends, and nothing of that batch is stored (its
    transaction is rolled back); the batch before it is stored whole."""
    import dossier.ingest.job as job
    from dossier.model import Article

    class FailsOnTheFifthPart:
        workers = 1

        def __init__(self) -> None:
            self.calls = 0

        def submit(self, articles: list) -> Any:
            from concurrent.futures import Future

            self.calls += 1
            if self.calls == 5:  # the second part of the second batch (parts of 16 in batches of 40)
                raise RuntimeError("analysis crashed")
            future: Future[Any] = Future()
            future.set_result([(None, "not analysed") for _ in articles])
            return future

    store = Store(f"sqlite:///{tmp_path / 'cut.db'}")
    store.ensure_schema()
    pipeline = job.IngestPipeline(store, FailsOnTheFifthPart(), job.IngestReport(), None, separate_writer=True)
    batches = [[Article(text=f"Report {b}-{i} from Minsk.", origin=f"b{b}-{i}") for i in range(40)] for b in range(3)]
    with pytest.raises(RuntimeError, match="analysis crashed"):
        for batch in batches:
            pipeline.push(batch)
        pipeline.drain()
    pipeline.close()
    with store.connect() as conn:
        origins = sorted(conn.execute(select(t.origins.c.origin)).scalars())
    assert origins == sorted(a.origin for a in batches[0])
