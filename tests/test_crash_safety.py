"""Killing an ingest midway leaves no half-stored article; re-running completes it (issue #2)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

N_FILES = 1500


def _articles(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


@pytest.mark.slow
def test_kill_midway_then_rerun_leaves_exactly_the_right_articles(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for i in range(N_FILES):
        (inputs / f"r{i:05d}.txt").write_text(
            f"Report {i}\n\nBody of report number {i} with unique text.", "utf-8"
        )
    db = tmp_path / "crash.db"
    cmd = [sys.executable, "-m", "dossier", "ingest", str(inputs), "--db", str(db), "--no-analyze"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and _articles(db) < 100:
        time.sleep(0.02)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored_before = _articles(db)
    print(f"killed={killed} stored_before={stored_before}")
    if killed:
        assert stored_before < N_FILES, "the kill came too late to test anything"
    # Every stored article is whole: its hash, revision and origin rows exist.
    with sqlite3.connect(db) as conn:
        orphans = conn.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM origins o WHERE o.article_id = a.id)"
            " OR NOT EXISTS (SELECT 1 FROM article_hashes h WHERE h.article_id = a.id)"
            " OR NOT EXISTS (SELECT 1 FROM article_revisions r WHERE r.article_id = a.id)"
        ).fetchone()[0]
    assert orphans == 0
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert _articles(db) == N_FILES
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM origins").fetchone()[0] == N_FILES
        assert conn.execute("SELECT count(DISTINCT hash) FROM articles").fetchone()[0] == N_FILES
