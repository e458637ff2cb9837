"""`dossier reanalyze`: the same records as a fresh ingest, and a killed run resumes (issue #13).

Where the analysis runs (``--workers 0``: this process; ``1``: this process and one writer
process; ``2``: two worker processes) must not change what is stored, ids included, as for an
ingest (``tests/test_parallel_ingest.py``); a run whose process is killed (SIGKILL, the writer
process beside it) continues after its last stored batch and ends as an uninterrupted run.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
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
VOLATILE = {"ingested_at", "seen_at", "started_at", "finished_at"}
#: A copy of the corpus store as the ingest left it (the module's tests change ``corpus``).
PRISTINE: dict[str, Path] = {}


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
    PRISTINE["db"] = copy_db(Path(url.removeprefix("sqlite:///")), tmp_path_factory.mktemp("pristine"))
    return store, derived(store)


def copy_db(source: Path, folder: Path) -> Path:
    """A consistent copy of an SQLite store (its write-ahead log included)."""
    target = folder / "copy.db"
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target


def everything(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, ids included, without timestamps."""
    store = Store(url)
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.connect() as conn:
        for name, table in t.metadata.tables.items():
            if name == "store_versions":  # counts write transactions
                continue
            cols = [c for c in table.c if c.name not in VOLATILE]
            out[name] = sorted(tuple(repr(v) for v in r) for r in conn.execute(select(*cols)))
    store.dispose()
    return out


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


def _reanalysed_copy(folder: Path, **options: Any) -> str:
    url = f"sqlite:///{copy_db(PRISTINE['db'], folder)}"
    store = Store(url)
    with store.begin() as conn:  # as if an old version had found other events
        conn.execute(delete(t.events).where(t.events.c.article_id % 2 == 0))
    report = reanalyze(store, batch_size=3, **options)
    assert report.articles == report.total > 10 and not report.warnings
    store.dispose()
    return url


@pytest.fixture(scope="module")
def one_process(corpus: tuple[Store, dict], tmp_path_factory: pytest.TempPathFactory) -> dict:
    return everything(_reanalysed_copy(tmp_path_factory.mktemp("w0"), workers=0))


@pytest.mark.model
@pytest.mark.slow
def test_a_writer_process_stores_the_same_as_one_process(
    one_process: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer_starts: list[str]
) -> None:
    import dossier.ingest.job as job

    started = writer_starts
    monkeypatch.setattr(job, "default_workers", lambda: 2)  # a writer process even on a one-core machine
    assert one_process["mentions"] and one_process["events"] and one_process["event_mentions"]
    assert everything(_reanalysed_copy(tmp_path, workers=1)) == one_process
    assert len(started) == 1  # one writer for the whole run


@pytest.mark.model
@pytest.mark.slow
def test_two_worker_processes_store_the_same_as_one_process(
    one_process: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dossier.ingest.job as job

    monkeypatch.setattr(job, "WriterProcess", None)  # more than one worker: storing stays here
    assert everything(_reanalysed_copy(tmp_path, workers=2)) == one_process


_KILLED_AFTER_TWO_BATCHES = """
import os, signal, sys
from dossier.ingest import job
from dossier.ingest.reanalysis import reanalyze
from dossier.store import Store

job.default_workers = lambda: 2  # a writer process even on a one-core machine
def stop(done, total):
    if done >= 6:
        os.kill(os.getpid(), signal.SIGKILL)  # no clean-up: as `kill -9` of the command
reanalyze(Store(sys.argv[1]), workers=1, batch_size=3, on_batch=stop)
"""


@pytest.mark.model
@pytest.mark.slow
def test_a_run_killed_beside_its_writer_process_continues_and_ends_the_same(one_process: dict, tmp_path: Path) -> None:
    url = f"sqlite:///{copy_db(PRISTINE['db'], tmp_path)}"
    with Store(url).begin() as conn:  # the same start as the uninterrupted runs
        conn.execute(delete(t.events).where(t.events.c.article_id % 2 == 0))
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parent.parent / "src"), *sys.path]),
    }
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_AFTER_TWO_BATCHES, url], env=env, capture_output=True, timeout=300
    )
    assert killed.returncode == -9, killed.stderr.decode(errors="replace")[-2000:]
    store = Store(url)
    with store.connect() as conn:
        run = conn.execute(select(t.reanalysis_runs)).one()
    assert run.finished_at is None and run.articles == 6  # two batches stored, the third never sent
    report = reanalyze(store, batch_size=3, workers=0)
    assert report.resumed and report.run_id == run.id and report.articles == report.total
    store.dispose()
    assert everything(url) == one_process


class _AlwaysFails:
    """An executor whose every analysis fails (no models needed)."""

    workers = 1

    def submit(self, articles: list) -> Any:
        from concurrent.futures import Future

        future: Future = Future()
        future.set_result([(None, "boom") for _a in articles])
        return future

    def close(self) -> None:
        pass


def test_a_failed_analysis_is_named_and_the_run_goes_on(tmp_path: Path) -> None:
    for n in range(5):
        (tmp_path / f"report-{n}.txt").write_text(f"Report {n}\n\nTroops moved near town {n} on Monday.\n")
    store = Store(f"sqlite:///{tmp_path / 'fail.db'}")
    ingest([tmp_path], store, analyze=False, defaults=Defaults(origin="", published=None))

    seen: list[tuple[int, int]] = []
    report = reanalyze(store, executor=_AlwaysFails(), batch_size=2, on_batch=lambda d, n: seen.append((d, n)))
    assert seen == [(2, 5), (4, 5), (5, 5)]  # every batch told, in order
    assert report.articles == 5 and len(report.warnings) == 5
    assert report.warnings[0] == "article 1: analysis failed (boom); its records were kept"
    with store.connect() as conn:
        run = conn.execute(select(t.reanalysis_runs)).one()
    assert run.finished_at is not None and run.articles == 5


def test_the_command_prints_progress_lines_off_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import functools

    from typer.testing import CliRunner

    import dossier.cli.scale as cli_scale
    import dossier.ingest.reanalysis as reanalysis
    from dossier.cli import app

    for n in range(5):
        (tmp_path / f"report-{n}.txt").write_text(f"Report {n}\n\nTroops moved near town {n} on Monday.\n")
    url = f"sqlite:///{tmp_path / 'p.db'}"
    ingest([tmp_path], Store(url), analyze=False, defaults=Defaults(origin="", published=None))
    monkeypatch.setattr(reanalysis, "open_analysis", lambda store, workers, scheduler: (_AlwaysFails(), False))
    monkeypatch.setattr(reanalysis, "reanalyze", functools.partial(reanalysis.reanalyze, batch_size=2))
    monkeypatch.setattr(cli_scale, "PROGRESS_EVERY_S", 0.0)
    result = CliRunner().invoke(app, ["reanalyze", "--db", url, "--workers", "0"])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == "reanalysing 5 articles"
    assert any(line.startswith("reanalysed 2/5 (40%), ") and "articles/s" in line for line in lines)
    assert "warning: article 1: analysis failed (boom); its records were kept" in lines
    assert lines[-1] == "reanalysed 5 of 5 articles"
    again = CliRunner().invoke(app, ["reanalyze", "--db", url, "--since", "2999-01-01"])
    assert again.exit_code == 0 and "no stored articles ingested since 2999-01-01" in again.stderr
    bad = CliRunner().invoke(app, ["reanalyze", "--db", url, "--workers", "-1"])
    assert bad.exit_code == 2


def test_an_executor_that_cannot_start_leaves_no_run_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dossier.ingest.reanalysis as reanalysis
    from dossier.errors import UsageError

    (tmp_path / "report.txt").write_text("Report\n\nTroops moved near the town on Monday.\n")
    store = Store(f"sqlite:///{tmp_path / 'u.db'}")
    ingest([tmp_path], store, analyze=False, defaults=Defaults(origin="", published=None))

    def unreachable(store: Store, workers: Any, scheduler: Any) -> Any:
        raise UsageError("cannot reach the Dask scheduler at tcp://127.0.0.1:1")

    monkeypatch.setattr(reanalysis, "open_analysis", unreachable)
    with pytest.raises(UsageError):
        reanalyze(store, scheduler="tcp://127.0.0.1:1")
    with store.connect() as conn:
        assert conn.execute(select(func.count()).select_from(t.reanalysis_runs)).scalar_one() == 0
