"""Crash safety at scale: SIGKILL an ingest at random moments, re-run, check the store every time.

    python bench/kill_ingest.py [--kills 100] [--articles 300] [--backend sqlite|postgresql]
                                [--no-analyze] [--corpus FILE.jsonl] [--seed N]

Why: an ingest may die at any instant (OOM killer, power, a user's Ctrl-\\).
The promise is that a batch is stored whole or not at all and a re-run
completes the work, so after any number of kills the store is the one a
clean run builds.  The script:

1. ingests the corpus once into a fresh store (the clean run) and records
   its counts and how long it took;
2. on another fresh store, starts the same ingest, kills it (SIGKILL) after
   a random delay within the clean run's duration, and checks the store:
   no article without its hash, revision and origin rows (half-stored), no
   article stored twice (by hash or URL), no analysed article without its
   sentences, ``PRAGMA integrity_check`` = ok on SQLite;
3. re-runs, again killed at a random moment, until every article is in
   (then one last re-run is left to finish) or a run ends by itself; then
   the counts of every table must equal the clean run's; then starts over
   on a fresh store, until ``--kills`` kills are done.

The corpus is ``/work/shared/bench/bbc-news.jsonl`` (or ``../shared/...``)
when present, else generated text.  Figures: kills done, kills that hit a
run with work left (stored count strictly between 0 and the total),
checks passed, cycles whose final counts equal the clean run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CORPORA = (
    Path("/work/shared/bench/bbc-news.jsonl"),
    REPO.parent / "shared" / "bench" / "bbc-news.jsonl",
    REPO.parent.parent / "shared" / "bench" / "bbc-news.jsonl",
)
PG_ADMIN = os.environ.get("DOSSIER_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
TABLES = (
    "articles",
    "article_hashes",
    "article_revisions",
    "origins",
    "mentions",
    "times",
    "quotes",
    "events",
    "entities",
    "entity_keys",
    "copy_items",
    "stories",
)


def write_corpus(path: Path, n: int, source: Path | None) -> int:
    """Write ``n`` articles as JSON Lines (from ``source`` when given, else generated)."""
    rows: list[dict[str, Any]] = []
    if source is not None:
        with source.open(encoding="utf-8") as fh:
            for line in fh:
                item = json.loads(line)
                rows.append({"title": item.get("title"), "text": item["text"]})
                if len(rows) >= n:
                    break
    rng = random.Random(7)
    words = [
        "minister",
        "said",
        "army",
        "launcher",
        "missile",
        "talks",
        "border",
        "city",
        "report",
        "agency",
        "week",
        "Monday",
    ]
    while len(rows) < n:
        i = len(rows)
        body = " ".join(rng.choice(words) for _ in range(120))
        rows.append({"title": f"Generated report {i}", "text": f"Report {i}. {body.capitalize()}."})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    return len(rows)


class Backend:
    """A fresh database per cycle, and the checks that read it."""

    def __init__(self, kind: str, workdir: Path) -> None:
        self.kind = kind
        self.workdir = workdir
        self.created: list[str] = []

    def fresh(self) -> str:
        if self.kind == "sqlite":
            return f"sqlite:///{self.workdir / f'kill-{uuid.uuid4().hex[:8]}.db'}"
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        name = f"dossier_kill_{uuid.uuid4().hex[:10]}"
        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        self.created.append(name)
        return make_url(PG_ADMIN).set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        if not self.created:
            return
        from sqlalchemy import create_engine, text

        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for name in self.created:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _has_schema(conn: Any) -> bool:
    from sqlalchemy import inspect

    return inspect(conn).has_table("articles")


def counts(url: str) -> dict[str, int]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if not _has_schema(conn):
                return dict.fromkeys(TABLES, 0)
            return {name: int(conn.execute(text(f"SELECT count(*) FROM {name}")).scalar() or 0) for name in TABLES}
    finally:
        engine.dispose()


def check(url: str, *, analysed: bool) -> list[str]:
    """What is wrong with the store right now (empty when nothing is)."""
    from sqlalchemy import create_engine, text

    problems: list[str] = []
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if url.startswith("sqlite"):
                result = conn.execute(text("PRAGMA integrity_check")).scalar()
                if result != "ok":
                    problems.append(f"integrity_check: {result}")
            if not _has_schema(conn):
                return problems
            queries = {
                "half-stored article": "SELECT count(*) FROM articles a"
                " WHERE NOT EXISTS (SELECT 1 FROM origins o WHERE o.article_id = a.id)"
                " OR NOT EXISTS (SELECT 1 FROM article_hashes h WHERE h.article_id = a.id)"
                " OR NOT EXISTS (SELECT 1 FROM article_revisions r WHERE r.article_id = a.id)",
                "duplicate hash": "SELECT count(*) - count(DISTINCT hash) FROM articles",
                "duplicate url": "SELECT count(url) - count(DISTINCT url) FROM articles",
                "orphan origin": "SELECT count(*) FROM origins o"
                " WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = o.article_id)",
                "article outside the copy index": "SELECT count(*) FROM articles a"
                " WHERE NOT EXISTS (SELECT 1 FROM copy_items c WHERE c.article_id = a.id)",
            }
            if analysed:
                queries["analysed article without sentences"] = "SELECT count(*) FROM articles WHERE sentences IS NULL"
            for what, sql in queries.items():
                n = int(conn.execute(text(sql)).scalar() or 0)
                if n:
                    problems.append(f"{what}: {n}")
    finally:
        engine.dispose()
    return problems


def ingest_cmd(corpus: Path, url: str, no_analyze: bool) -> list[str]:
    cmd = [sys.executable, "-m", "dossier", "ingest", str(corpus), "--db", url, "--json"]
    return [*cmd, "--no-analyze"] if no_analyze else cmd


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), e.get("PYTHONPATH")]))
    return e


def run_killed(cmd: list[str], delay: float) -> bool:
    """Run ``cmd``; SIGKILL it after ``delay`` seconds.  True if it was killed, False if it ended first."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env())
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        if proc.stderr:
            proc.stderr.close()
        return True
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"an ingest that was not killed failed (exit {proc.returncode}): {err[-2000:]}")
    return False


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kills", type=int, default=100)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    ap.add_argument("--no-analyze", action="store_true", help="store without NLP (faster runs, more kills)")
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    source = args.corpus or next((p for p in CORPORA if p.exists()), None)
    analysed = not args.no_analyze

    with tempfile.TemporaryDirectory(prefix="dossier-kill-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus.jsonl"
        n = write_corpus(corpus, args.articles, source)
        backend = Backend(args.backend, work)
        try:
            clean_url = backend.fresh()
            started = time.monotonic()
            run_killed(ingest_cmd(corpus, clean_url, args.no_analyze), delay=3600)
            clean_s = time.monotonic() - started
            clean = counts(clean_url)
            problems = check(clean_url, analysed=analysed)
            if problems:
                raise SystemExit(f"the clean run itself fails the checks: {problems}")
            print(
                f"corpus: {n} articles from {source or 'generated text'}; backend {args.backend}; "
                f"analysis {'on' if analysed else 'off (--no-analyze)'}",
                flush=True,
            )
            print(f"clean run: {clean_s:.1f}s, counts {clean}", flush=True)

            kills = effective = checks = cycles = equal_cycles = 0
            failures: list[str] = []
            interrupted = False
            try:
                while kills < args.kills:
                    url = backend.fresh()
                    cycles += 1
                    complete = False
                    stalls = 0  # kills in a row that stored nothing new: the machine is slower than the clean run was
                    before = 0
                    fresh = True
                    while True:
                        # Once every article is in, the re-run is left to finish (it has no work to kill).
                        delay = 3600.0 if complete else rng.uniform(0.0, clean_s * (1 + stalls))
                        began = time.monotonic()
                        killed = run_killed(ingest_cmd(corpus, url, args.no_analyze), delay)
                        if fresh and not killed:
                            # a whole run on a fresh store, uncut: the machine's current pace sets the kill window
                            clean_s = time.monotonic() - began
                        fresh = False
                        now = counts(url)
                        problems = check(url, analysed=analysed)
                        checks += 1
                        if problems:
                            failures.append(f"cycle {cycles}, kill {kills + 1}: {problems}")
                        if not killed:
                            break
                        kills += 1
                        complete = now["articles"] >= clean["articles"]
                        stalls = stalls + 1 if now["articles"] == before else 0
                        before = now["articles"]
                        if 0 < now["articles"] < clean["articles"]:
                            effective += 1
                        print(
                            f"kill {kills:3d} at {delay:5.1f}s: {now['articles']:3d}/{clean['articles']}"
                            f" articles stored, {problems or 'ok'}",
                            flush=True,
                        )
                    final = counts(url)
                    if final == clean:
                        equal_cycles += 1
                    else:
                        diff = {k: (final[k], clean[k]) for k in TABLES if final[k] != clean[k]}
                        failures.append(f"cycle {cycles}: final counts differ from the clean run: {diff}")
                    print(
                        f"cycle {cycles} complete: final counts {'equal' if final == clean else 'DIFFER'}", flush=True
                    )
            except KeyboardInterrupt:  # Ctrl-C / SIGINT: stop and report what was done so far
                interrupted = True
            summary = {
                "backend": args.backend,
                "analysis": analysed,
                "articles": n,
                "clean_run_s": round(clean_s, 1),
                "kills": kills,
                "kills_with_work_left": effective,
                "checks": checks,
                "cycles": cycles,
                "cycles_equal_to_clean": equal_cycles,
                "failures": failures,
                "interrupted": interrupted,
            }
            print(json.dumps(summary), flush=True)
            return 1 if failures else 0
        finally:
            backend.drop_all()


if __name__ == "__main__":
    sys.exit(main())
