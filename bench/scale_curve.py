"""One point of the scale curve: a store's size, the real writer's cost on it, and query latency (issue #13).

Usage (from the repository root), on a store grown by ``bench/clone_store.py``::

    python bench/scale_curve.py --db /tmp/big/m.db [--probe 640] [--scratch] [--queries 100] [--json]
    python bench/scale_curve.py --db postgresql://postgres@127.0.0.1/big_m --scratch

Measures, in this order:

1. the database size per article *before* the probe (SQLite: the files, and the pages in use
   without the free list; PostgreSQL: ``pg_database_size``);
2. the per-article cost of the **real writer** at that size: ``bench/build_store.py`` run as a
   child process adds ``--probe`` new synthetic items (the next items of its sequence, so
   they continue the store's time line) through ``dossier.ingest.job.store_batch`` with the
   cross-article pass; the figure is the second half of the probe (the first half warms
   caches), wall and CPU milliseconds per article, and the child's peak RSS;
3. query latency through the Python API (``bench/query_latency.py`` as a child process).

The 1-minute load average before the probe and after the queries is printed with the figures
(``load``): on a shared machine it says how far the wall times are inflated.

``python bench/scale_curve.py --table POINTS.jsonl ...`` prints points saved with ``--json``
as one Markdown table.

``--scratch`` runs the probe and the queries on a copy (SQLite: a file copy; PostgreSQL:
``CREATE DATABASE … TEMPLATE``) that is removed afterwards, so the store can be grown further
by ``clone_store.py`` (which needs a store made of whole blocks).  The probe needs the base
analyses cached beside the store by ``build_store.py`` (``DB.analyses.pkl``; copy it beside a
copied store, or the probe analyses the base articles again).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def db_key(db: str) -> str:
    """Where build_store.py caches the base analyses for this store."""
    return db if "://" not in db else str(Path("/tmp") / re.sub(r"\W+", "_", db))


def size_figures(db: str) -> dict[str, Any]:
    from sqlalchemy import func, select, text

    from dossier.store import Store
    from dossier.store import schema as t

    store = Store(db)
    with store.connect() as conn:
        n = int(conn.execute(select(func.count()).select_from(t.articles)).scalar_one())
        if store.dialect == "sqlite":
            path = Path(store.engine.url.database)
            files = sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if not p.name.endswith(".pkl"))
            page = conn.exec_driver_sql("PRAGMA page_size").scalar()
            used = (
                conn.exec_driver_sql("PRAGMA page_count").scalar()
                - conn.exec_driver_sql("PRAGMA freelist_count").scalar()
            ) * page
        else:
            files = used = int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar())
    store.dispose()
    return {
        "articles": n,
        "db_bytes": files,
        "db_bytes_per_article": files // max(n, 1),
        "used_bytes_per_article": used // max(n, 1),
    }


def make_scratch(db: str) -> str:
    if "://" not in db:
        target = f"{db}.scratch.db"
        for suffix in ("", "-wal", "-shm"):
            Path(target + suffix).unlink(missing_ok=True)
        import sqlite3

        # A consistent copy even if the WAL holds pages: SQLite's backup API.
        with sqlite3.connect(db) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        pkl = Path(f"{db}.analyses.pkl")
        if pkl.exists():
            shutil.copyfile(pkl, f"{target}.analyses.pkl")
        return target
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from dossier.store.engine import resolve_url

    url = make_url(resolve_url(db))
    name = f"{url.database}_scratch"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{url.database}"')
    admin.dispose()
    scratch = db.rsplit("/", 1)[0] + "/" + name
    pkl = Path(f"{db_key(db)}.analyses.pkl")
    if pkl.exists():
        shutil.copyfile(pkl, f"{db_key(scratch)}.analyses.pkl")
    return scratch


def drop_scratch(scratch: str) -> None:
    if "://" not in scratch:
        for suffix in ("", "-wal", "-shm", ".analyses.pkl"):
            Path(scratch + suffix).unlink(missing_ok=True)
        return
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from dossier.store.engine import resolve_url

    url = make_url(resolve_url(scratch))
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{url.database}"')
    admin.dispose()


def child(args: list[str]) -> str:
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
    done = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def table(lines: list[str]) -> str:
    """The points printed with ``--json`` (one per line) as a Markdown table."""
    out = [
        "| store | articles | DB / article | write CPU ms | write wall ms | peak RSS "
        "| search p95 | entity p95 | timeline p95 | load |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for line in lines:
        if not line.strip():
            continue
        d = json.loads(line)
        p, qs = d["probe"], d["queries"]
        kind = "PostgreSQL" if "://" in d["db"] else "SQLite"
        cells = [
            kind,
            f"{d['articles']:,}",
            f"{d['db_bytes_per_article'] / 1024:.1f} KB",
            f"{p['cpu_ms_per_article']}",
            f"{p['ms_per_article']}",
            f"{p['peak_rss_mb']} MB",
            *(f"{qs[k]['p95_ms']} ms (n={qs[k]['n']})" for k in ("search", "entity", "timeline")),
            "–".join(f"{x:g}" for x in d.get("load", [])) or "–",
        ]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] == ["--table"]:
        files = argv[1:] or ["-"]
        lines = [
            ln for f in files for ln in (sys.stdin.read() if f == "-" else Path(f).read_text("utf-8")).splitlines()
        ]
        print(table(lines))
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--probe", type=int, default=640, help="items the real writer adds (default 640)")
    parser.add_argument("--base", type=int, default=100, help="build_store.py --base of the store (default 100)")
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--budget-s", type=float, help="query_latency.py --budget-s (seconds per query kind)")
    parser.add_argument("--scratch", action="store_true", help="probe and query a copy, removed afterwards")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    figures: dict[str, Any] = {"db": re.sub(r"//[^@/]*@", "//", args.db), "load": [round(os.getloadavg()[0], 2)]}
    figures.update(size_figures(args.db))
    target = make_scratch(args.db) if args.scratch else args.db
    try:
        started = time.perf_counter()
        out = child(
            [
                str(HERE / "build_store.py"),
                "--db",
                target,
                "--count",
                str(figures["articles"] + args.probe),
                "--base",
                str(args.base),
                "--window",
                str(args.probe // 2),
                "--json",
            ]
        )
        probe = json.loads(out.strip().splitlines()[-1])
        figures["probe"] = {k: probe[k] for k in ("ms_per_article", "cpu_ms_per_article", "peak_rss_mb")}
        figures["probe"]["items"] = args.probe
        figures["probe"]["seconds"] = round(time.perf_counter() - started, 1)
        budget = ["--budget-s", str(args.budget_s)] if args.budget_s else []
        out = child([str(HERE / "query_latency.py"), "--db", target, "--queries", str(args.queries), "--json", *budget])
        figures["queries"] = json.loads(out.strip().splitlines()[-1])["queries"]
        figures["load"].append(round(os.getloadavg()[0], 2))
    finally:
        if args.scratch:
            drop_scratch(target)
    if args.json:
        print(json.dumps(figures))
    else:
        p, qs = figures["probe"], figures["queries"]
        print(
            f"{figures['articles']:>9,} articles  {figures['db_bytes_per_article'] / 1024:6.1f} KB/article "
            f"(in use {figures['used_bytes_per_article'] / 1024:.1f})  write {p['cpu_ms_per_article']} ms CPU "
            f"{p['ms_per_article']} ms wall  RSS {p['peak_rss_mb']} MB  p95 "
            + "  ".join(f"{k} {v['p95_ms']} ms" for k, v in qs.items())
            + f"  (load average {figures['load'][0]} before, {figures['load'][-1]} after)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
