"""Build a big synthetic store on disk and measure what an ingest costs as it grows (issue #13).

Usage (from the repository root)::

    python bench/build_store.py --db /tmp/big.db --count 100000 [--base 400] [--corpus FILE]
    python bench/build_store.py --db postgresql://postgres@127.0.0.1/big --count 10000

Items are made from real articles of the bench corpus
(``../shared/bench/bbc-news.jsonl``): ``--base`` articles are analysed once
with Dossier's full analysis (cached next to the store, ``DB.analyses.pkl``),
and each synthetic item is one of them with 40 % of its words (outside
entity, time and event spans) replaced by random corpus words *of the same
length*.  Keeping every length keeps every offset of the base analysis valid,
so an item is stored with real extraction records without running NLP per
item; 3 % of items are light rewrites (5 % of words) of the item before them
under another outlet, so copy chains occur.  Items get distinct URLs,
outlets from a pool of 60 and publication times 30 s apart (a million span
about a year).

Every item goes through the real writer: :func:`dossier.ingest.job.store_batch`
(``save_article`` and the cross-article pass, one transaction per batch).
Re-running with a larger ``--count`` continues from the items already stored,
so a store is grown step by step.  Printed per step: milliseconds per article
over the last ``--window`` items (wall clock, and CPU time of this process:
on a shared machine the CPU figure is the steadier one), peak RSS, database size per article.  The
figures are stored-article costs without NLP; NLP throughput is
``bench/run.py``'s business.  `bench/web_latency.py` reuses the store for latency.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import re
import resource
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
# ../shared/bench beside the checkout (or beside a parent folder, for worktrees).
DEFAULT_CORPUS = next(
    (p / "shared" / "bench" / "bbc-news.jsonl" for p in REPO.parents if (p / "shared" / "bench").is_dir()),
    REPO.parent / "shared" / "bench" / "bbc-news.jsonl",
)
T0 = datetime(2024, 1, 1, tzinfo=UTC)
OUTLETS = [f"outlet-{i:02d}.example" for i in range(60)]
WORD = re.compile(r"[^\W\d_]{3,}")


def load_corpus(path: Path, limit: int) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
            if len(rows) >= limit:
                break
    return rows


def base_analyses(db_key: str, rows: list[dict[str, Any]], workers: int) -> list[Any]:
    """Analyse the base articles once; cached in a pickle beside the store."""
    cache = Path(f"{db_key}.analyses.pkl")
    if cache.exists():
        cached = pickle.loads(cache.read_bytes())
        if len(cached) >= len(rows):
            return cached[: len(rows)]
    from dossier.analyze.executors import open_executor
    from dossier.model import Article

    articles = [Article(text=r["text"], title=r.get("title", ""), language="en") for r in rows]
    executor = open_executor(workers)
    try:
        futures = [executor.submit(articles[i : i + 32]) for i in range(0, len(articles), 32)]
        out = [analysis for f in futures for analysis, _err in f.result()]
    finally:
        executor.close()
    cache.write_bytes(pickle.dumps(out))
    return out


class Items:
    """The i-th synthetic item, the same on every run."""

    def __init__(self, rows: list[dict[str, Any]], analyses: list[Any], seed: int = 13) -> None:
        self.rows = rows
        self.analyses = analyses
        self.seed = seed
        by_len: dict[int, list[str]] = {}
        for r in rows:
            for w in WORD.findall(r["text"]):
                by_len.setdefault(len(w), []).append(w.lower())
        self.by_len = {n: sorted(set(ws)) for n, ws in by_len.items()}
        self.protected = [self._protected(a) for a in analyses]

    @staticmethod
    def _protected(analysis: Any) -> list[tuple[int, int]]:
        if analysis is None:
            return []
        spans = [(m.start, m.end) for m in analysis.mentions]
        spans += [(x.start, x.end) for x in analysis.times]
        spans += [(e.start, e.end) for e in analysis.events]
        return sorted(spans)

    def _perturb(self, text: str, protected: list[tuple[int, int]], rate: float, rng: random.Random) -> str:
        chars = list(text)
        j = 0
        for m in WORD.finditer(text):
            s, e = m.span()
            while j < len(protected) and protected[j][1] <= s:
                j += 1
            if j < len(protected) and protected[j][0] < e:
                continue
            if rng.random() >= rate:
                continue
            pool = self.by_len.get(e - s)
            if not pool:
                continue
            word = rng.choice(pool)
            if text[s].isupper():
                word = word[:1].upper() + word[1:]
            chars[s:e] = word
        return "".join(chars)

    def item(self, i: int) -> tuple[Any, Any]:
        from dossier.model import Article

        rng = random.Random(self.seed * 1_000_003 + i)
        rewrite = i > 0 and rng.random() < 0.03
        source = i - 1 if rewrite else i
        k = random.Random(self.seed * 1_000_003 + source).randrange(len(self.rows))
        row, analysis = self.rows[k], self.analyses[k]
        base_text = self._perturb(row["text"], self.protected[k], 0.4, random.Random(source))
        text = self._perturb(base_text, self.protected[k], 0.05, rng) if rewrite else base_text
        article = Article(
            text=text,
            title=row.get("title", ""),
            url=f"https://{OUTLETS[i % len(OUTLETS)]}/news/{i}",
            origin=f"synthetic#{i}",
            outlet=OUTLETS[i % len(OUTLETS)],
            published=T0 + timedelta(seconds=30 * i),
            language="en",
            format="jsonl",
        )
        return article, (replace(analysis, text=text) if analysis is not None else None)


def db_size(store: Any) -> int:
    from sqlalchemy import text

    if store.dialect == "sqlite":
        path = Path(store.engine.url.database)
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    with store.connect() as conn:
        return int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar())


def stored_count(store: Any) -> int:
    from sqlalchemy import func, select

    from dossier.store import schema as t

    with store.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(t.articles)).scalar_one())


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="SQLite path or database URL (created if missing)")
    parser.add_argument("--count", type=int, required=True, help="grow the store to this many articles")
    parser.add_argument("--base", type=int, default=400, help="real articles analysed once (default 400)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--batch", type=int, default=64, help="articles per transaction (default 64)")
    parser.add_argument("--window", type=int, default=500, help="articles per reported cost figure")
    parser.add_argument("--workers", type=int, default=1, help="processes for the base analysis")
    parser.add_argument("--json", action="store_true", help="print one JSON object per step")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"benchmark corpus not found: {args.corpus}", file=sys.stderr)
        return 2

    from dossier.ingest.job import IngestReport, store_batch
    from dossier.store import Store

    store = Store(args.db)
    store.ensure_schema()
    key = args.db if "://" not in args.db else str(Path("/tmp") / re.sub(r"\W+", "_", args.db))
    rows = load_corpus(args.corpus, args.base)
    started = time.perf_counter()
    analyses = base_analyses(key, rows, args.workers)
    print(f"base analyses: {len(analyses)} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    items = Items(rows, analyses)
    have = stored_count(store)
    checkpoints = sorted({c for c in (1_000, 10_000, 100_000, 1_000_000) if have < c <= args.count} | {args.count})
    i = have
    window_start, window_cpu, window_n = time.perf_counter(), time.process_time(), 0
    for stop in checkpoints:
        while i < stop:
            n = min(args.batch, stop - i)
            batch = [items.item(j) for j in range(i, i + n)]
            analyses_by_id = {id(a): an for a, an in batch if an is not None}
            store_batch(store, [a for a, _an in batch], analyses_by_id, IngestReport(), None)
            i += n
            window_n += n
            if window_n >= args.window or i == stop:
                seconds = time.perf_counter() - window_start
                cpu = time.process_time() - window_cpu
                figures = {
                    "articles": i,
                    "ms_per_article": round(1000 * seconds / window_n, 2),
                    "cpu_ms_per_article": round(1000 * cpu / window_n, 2),
                    "peak_rss_mb": round(rss_mb(), 1),
                }
                if i == stop:
                    size = db_size(store)
                    figures["db_bytes_per_article"] = size // max(i, 1)
                    figures["db_mb"] = round(size / 2**20, 1)
                    print(json.dumps(figures) if args.json else "  ".join(f"{k}={v}" for k, v in figures.items()))
                    sys.stdout.flush()
                window_start, window_cpu, window_n = time.perf_counter(), time.process_time(), 0
    store.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
