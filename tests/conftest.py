"""Shared fixtures: a fresh store per test, on SQLite and (when reachable) PostgreSQL.

PostgreSQL tests create a throw-away database next to the one named by
``DOSSIER_TEST_PG`` and drop it afterwards, so they never touch data that is
already there.  Without a server they are skipped with a reason that pytest
prints (``-ra``); with ``DOSSIER_REQUIRE_PG=1`` (as in CI) they fail instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_URL = os.environ.get("DOSSIER_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"


def _pg_available() -> str | None:
    """None if the server answers, else why not."""
    from sqlalchemy import create_engine, text

    try:
        engine = create_engine(PG_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        return f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


@pytest.fixture(scope="session")
def pg_server() -> str:
    problem = _pg_available()
    if problem:
        message = f"PostgreSQL not reachable at {PG_URL} ({problem})"
        if os.environ.get("DOSSIER_REQUIRE_PG") == "1":
            pytest.fail(message + "; DOSSIER_REQUIRE_PG=1 demands it")
        pytest.skip(message + "; set DOSSIER_TEST_PG to run the PostgreSQL tests")
    return PG_URL


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"dossier_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(pg_server).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        from dossier.store.engine import make_engine  # noqa: F401 - engines of the test are gone by now

        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL for an empty database of each supported kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(db_url: str) -> Iterator[object]:
    from dossier.store import Store

    s = Store(db_url)
    yield s
    s.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def writer_starts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The store URL of every writer process started while the test runs (one per ingest or
    re-analysis is the design: the writer stays one, whatever analyses)."""
    import dossier.ingest.job as job

    started: list[str] = []
    plain = job.WriterProcess.__init__

    def spy(self: object, store: object) -> None:
        started.append(store.url)  # type: ignore[attr-defined]
        plain(self, store)  # type: ignore[arg-type]

    monkeypatch.setattr(job.WriterProcess, "__init__", spy)
    return started
