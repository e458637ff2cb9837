"""Count the SQL statements the writer issues per article, by kind, and its CPU time (issue #13).

Usage (from the repository root)::

    python bench/writer_statements.py --db /tmp/w/new.db --corpus FILE --limit 200 --analyses /tmp/w/an.pkl
    python bench/writer_statements.py --db postgresql+psycopg://postgres@127.0.0.1/w ...

The first ``--limit`` lines of a JSON-lines corpus go through the real ingest
(:func:`dossier.ingest.job.ingest`, batches of ``--batch``, the cross-article
pass included), exactly as ``dossier ingest FILE`` stores them, except that
the analyses come from a cache (``--analyses``, made on the first run with
Dossier's full analysis) so that a run measures the writer, not NLP, and two
code versions can be compared on the same analyses.  The database must be new
(or ``--fresh`` deletes a SQLite file first).

Printed: statements per article in total and by kind (the verb and the table:
``INSERT story_postings``, ``SELECT copy_bands``...), executemany calls counted
once (one round trip), and CPU milliseconds per article of this process
while storing.  ``bench/compare_stores.py`` then compares two stores row by row.
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
import time
from collections import Counter
from concurrent.futures import Future
from pathlib import Path
from typing import Any

_KIND = re.compile(
    r"^\s*(?:WITH\b.*?\)\s*)?(SELECT|INSERT|UPDATE|DELETE|BEGIN|COMMIT|ROLLBACK|PRAGMA|SAVEPOINT|RELEASE)\b"
    r"(?:.*?\b(?:FROM|INTO|UPDATE)\s+\"?(\w+))?",
    re.IGNORECASE | re.DOTALL,
)


def statement_kind(sql: str) -> str:
    """``VERB table`` of a statement (``UPDATE x`` names x; a SELECT its first FROM table)."""
    m = _KIND.match(sql)
    if not m:
        return sql.split(None, 1)[0].upper() if sql.strip() else "?"
    verb = m.group(1).upper()
    if verb == "UPDATE":
        table = re.match(r"\s*UPDATE\s+\"?(\w+)", sql, re.IGNORECASE)
        return f"UPDATE {table.group(1) if table else '?'}"
    return f"{verb} {m.group(2) or ''}".strip()


class CachedAnalyses:
    """An analysis executor that hands back stored analyses by content hash (no NLP)."""

    workers = 1

    def __init__(self, by_hash: dict[str, Any]) -> None:
        self.by_hash = by_hash

    def submit(self, articles: list[Any]) -> Future[list[tuple[Any, str | None]]]:
        future: Future[list[tuple[Any, str | None]]] = Future()
        future.set_result(
            [(self.by_hash.get(a.hash), None if a.hash in self.by_hash else "not cached") for a in articles]
        )
        return future

    def close(self) -> None:
        pass


def trimmed_corpus(corpus: Path, limit: int, folder: Path) -> Path:
    """A copy of the first ``limit`` lines of the corpus (what ``dossier ingest`` is then given).

    Written beside the analysis cache under a fixed name: the stored origins name the file,
    and two runs must store the same origins to compare.
    """
    lines = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                lines.append(line)
            if len(lines) >= limit:
                break
    path = folder / f"{corpus.stem}-first{limit}.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def analyses_for(path: Path, cache: Path) -> dict[str, Any]:
    """Analyses of every item of ``path`` by content hash, cached in ``cache``."""
    from dossier.analyze.executors import InProcess
    from dossier.ingest import iter_sources, read_source
    from dossier.ingest.job import _chunks

    have: dict[str, Any] = pickle.loads(cache.read_bytes()) if cache.exists() else {}
    items = []
    for source in iter_sources([path]):
        items.extend(i for i in read_source(source) if hasattr(i, "hash"))
    from dossier.analyze.language import detect_language

    items = [
        i if i.language else i.replace(language=detect_language(i.text, prior=i.extra.get("channel_language")))
        for i in items
    ]
    missing = [i for i in items if i.hash not in have]
    if missing:
        executor = InProcess()
        for chunk in _chunks(missing, 32):
            for article, (analysis, _err) in zip(chunk, executor.submit(chunk).result(), strict=True):
                if analysis is not None:
                    have[article.hash] = analysis
        cache.write_bytes(pickle.dumps(have))
    return have


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="SQLite path or database URL of a new store")
    parser.add_argument("--corpus", type=Path, required=True, help="JSON-lines corpus (bbc-news.jsonl)")
    parser.add_argument("--limit", type=int, default=200, help="first N items of the corpus (default 200)")
    parser.add_argument("--analyses", type=Path, required=True, help="analysis cache (pickle; made if missing)")
    parser.add_argument("--batch", type=int, default=64, help="articles per transaction (default 64)")
    parser.add_argument("--fresh", action="store_true", help="delete the SQLite file first")
    parser.add_argument("--top", type=int, default=25, help="kinds listed (default 25)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--examples", action="store_true", help="print the distinct statements of each kind")
    args = parser.parse_args(argv)

    from sqlalchemy import event

    from dossier.ingest.job import ingest
    from dossier.store import Store

    path = trimmed_corpus(args.corpus, args.limit, args.analyses.resolve().parent)
    by_hash = analyses_for(path, args.analyses)
    if args.fresh and "://" not in args.db:
        for p in Path(args.db).parent.glob(Path(args.db).name + "*"):
            p.unlink()
    store = Store(args.db)
    store.ensure_schema()
    kinds: Counter[str] = Counter()
    examples: dict[str, Counter[str]] = {}
    counting = False

    def count(_conn: Any, _cursor: Any, statement: str, _params: Any, _context: Any, _many: bool) -> None:
        if counting:
            kind = statement_kind(statement)
            kinds[kind] += 1
            if args.examples:
                examples.setdefault(kind, Counter())[" ".join(statement.split())[:300]] += 1

    event.listen(store.engine, "before_cursor_execute", count)
    counting = True
    cpu, wall = time.process_time(), time.perf_counter()
    report = ingest([path], store, executor=CachedAnalyses(by_hash), batch_size=args.batch, post_ingest=False)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    counting = False
    stored = sum(report.counts[s] for s in ("new", "revised"))
    total = sum(kinds.values())
    figures = {
        "articles": stored,
        "statements": total,
        "statements_per_article": round(total / max(stored, 1), 2),
        "cpu_ms_per_article": round(1000 * cpu / max(stored, 1), 2),
        "wall_ms_per_article": round(1000 * wall / max(stored, 1), 2),
        "by_kind": {k: round(n / max(stored, 1), 2) for k, n in kinds.most_common(args.top)},
    }
    store.dispose()
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            if key != "by_kind":
                print(f"{key}: {value}")
        for kind, n in kinds.most_common(args.top):
            print(f"  {n / max(stored, 1):7.2f}  {kind}")
            for sql, m in examples.get(kind, Counter()).most_common(6):
                print(f"           {m / max(stored, 1):7.2f}  {sql}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
