"""Two ingests and a reader on one store at once: nothing lost, nothing twice, no error (issue #14).

These run real processes, since the failures they guard against (a stale
SQLite snapshot, two processes creating the same tables, a unique key taken
by the other writer) only happen between processes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

N_SHARED = 120
N_OWN = 40


def _corpus(root: Path) -> tuple[Path, Path, Path]:
    """A folder both processes ingest, and one of its own for each."""
    shared, own_a, own_b = root / "shared", root / "own_a", root / "own_b"
    for folder, prefix, n in ((shared, "s", N_SHARED), (own_a, "a", N_OWN), (own_b, "b", N_OWN)):
        folder.mkdir(parents=True)
        for i in range(n):
            (folder / f"{prefix}{i:04d}.txt").write_text(
                f"Report {prefix}{i}\n\nThe {prefix} desk filed report number {i} about Minsk and Kyiv.", "utf-8"
            )
    return shared, own_a, own_b


def _ingest(db: str, *paths: Path) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "dossier", "ingest", *map(str, paths), "--db", db, "--no-analyze", "--json"]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _run_two_ingests_and_a_reader(db: str, root: Path) -> None:
    shared, own_a, own_b = _corpus(root)
    # Both start on a database that does not exist yet (both want to create the schema), then
    # race batch by batch over the same reports.
    procs = [_ingest(db, shared, own_a), _ingest(db, shared, own_b)]
    reads = 0
    while any(p.poll() is None for p in procs):
        reader = subprocess.run(
            [sys.executable, "-m", "dossier", "articles", "--db", db, "--json", "-n", "5"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert reader.returncode == 0, reader.stderr
        assert "Traceback" not in reader.stderr
        reads += 1
        time.sleep(0.05)
    summaries = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "locked" not in err and "UNIQUE" not in err and "already exists" not in err, err
        summaries.append(json.loads(out.splitlines()[-1]))
    assert reads >= 1
    # Each shared report is new for exactly one of the two, a duplicate for the other.
    assert sum(s["new"] for s in summaries) == N_SHARED + 2 * N_OWN
    assert sum(s["duplicates"] for s in summaries) == N_SHARED
    assert all(s["rejected"] == 0 for s in summaries)
    engine = create_engine(db)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM articles")).scalar() == N_SHARED + 2 * N_OWN
        assert conn.execute(text("SELECT count(DISTINCT hash) FROM articles")).scalar() == N_SHARED + 2 * N_OWN
        # Both processes name a shared report by the same path: one origin each, not two.
        assert conn.execute(text("SELECT count(*) FROM origins")).scalar() == N_SHARED + 2 * N_OWN
        assert conn.execute(text("SELECT count(*) FROM rejections")).scalar() == 0
    engine.dispose()


@pytest.mark.slow
def test_two_ingests_and_a_reader_on_one_new_sqlite_file(tmp_path: Path) -> None:
    _run_two_ingests_and_a_reader(f"sqlite:///{tmp_path / 'shared.db'}", tmp_path)
    with __import__("sqlite3").connect(tmp_path / "shared.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.slow
@pytest.mark.postgres
def test_two_ingests_and_a_reader_on_one_new_postgresql_database(pg_url: str, tmp_path: Path) -> None:
    _run_two_ingests_and_a_reader(pg_url, tmp_path)


def test_transaction_reruns_after_a_transient_conflict(tmp_path: Path) -> None:
    """A unique key stored by "another process" makes the first run fail; the re-run sees it."""
    from sqlalchemy import insert, select

    from dossier.store import Store
    from dossier.store import schema as t

    store = Store(f"sqlite:///{tmp_path / 'retry.db'}")
    runs = []

    def work(conn):  # type: ignore[no-untyped-def]
        runs.append(1)
        if conn.execute(select(t.rejections.c.id)).first() is None and len(runs) == 1:
            # simulate losing a race: the unique key exists by the time we insert
            conn.execute(insert(t.story_df).values(term="t", df=1))
            conn.execute(insert(t.story_df).values(term="t", df=1))
        conn.execute(insert(t.rejections).values(source="x", reason="y", seen_at="now"))
        return len(runs)

    assert store.transaction(work) == 2
    with store.connect() as conn:
        assert conn.execute(select(t.story_df)).first() is None  # the first run was rolled back
        assert len(conn.execute(select(t.rejections)).all()) == 1
