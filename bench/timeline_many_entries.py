"""Whole build against page build for one subject with many entries (issue #13, eighth round).

Usage (from the repository root; the store is made here, through the ingest's batch writer)::

    python bench/timeline_many_entries.py /tmp/many.db 1000

Stores N reports of the test corpus's Polonez post (``tests/test_timeline_cache.py``), each its own
article with its own date, so the subject has N entries, with the ingest's rebuilds off; then
builds the whole timeline (``timeline_entries.build``) and the default page three times each,
checks that the page is the whole build's first page, and prints the CPU of each.
"""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta
from pathlib import Path


def main(db: str, n: int) -> int:
    # The test corpus's post and analysis maker: the same reports the tests build stores from.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from dossier.ingest.job import IngestReport, store_batch
    from dossier.model import Article
    from dossier.store import Store, knowledge, timeline_entries
    from dossier.store.filters import NO_FILTERS
    from test_timeline_cache import POST, T0, _analysis

    timeline_entries.REFRESH_MS_PER_ARTICLE = 0.0  # nothing kept by the ingest: the builds below are timed alone
    store = Store(f"sqlite:///{db}")
    articles, analyses = [], {}
    for i in range(n):
        body = f"Report {i} from our own reporter. {POST} Number {i}."
        article = Article(
            text=body,
            origin=f"m#{i}",
            url=f"https://ex.org/{i}",
            outlet=f"outlet-{i % 40}",
            published=T0 + timedelta(hours=i),
        )
        articles.append(article)
        analyses[id(article)] = _analysis(body, (date(2020, 1, 1) + timedelta(days=i)).isoformat())
    for k in range(0, n, 50):
        chunk = articles[k : k + 50]
        batch = {id(a): analyses[id(a)] for a in chunk}
        store_batch(store, chunk, batch, IngestReport(), lambda _a, _r: None, update_metadata=False)
    page_args = {"limit": 100, "offset": 0, "newest": False, "sources_limit": 10}
    with store.connect() as conn:
        ids = knowledge.find_entity_ids(conn, "Polonez")
        for _run in range(3):
            started = time.process_time()
            whole, _names, _s = timeline_entries.build(conn, ids)
            whole_s = time.process_time() - started
            started = time.process_time()
            page = knowledge._build_timeline(conn, ids, NO_FILTERS, **page_args)
            page_s = time.process_time() - started
            assert timeline_entries.page_of(whole, **page_args) == page
            print(f"entries {len(whole['entries'])} whole cpu {1000 * whole_s:.0f} ms  page cpu {1000 * page_s:.0f} ms")
    store.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
