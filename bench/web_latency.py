"""Server-side latency of the API and the pages, next to the same query through the Python function.

Usage (from the repository root)::

    python bench/web_latency.py --db /tmp/big.db [--repeat 20] [--json]

The store is any Dossier store, typically a big synthetic one from
``bench/build_store.py``.  It is opened without migrating (a store built by
another branch may carry a newer schema revision); the API's filters need
no index beyond the schema's.

Each case is run ``--repeat`` times over several subjects, words and ids
picked from the store (the same for every case of a kind), in process
through FastAPI's test client: the figure is what the server spends per
request (routing, query, JSON or HTML rendering), without network.  Next to
it, the same query through the store function the CLI calls, on one
connection, in the same run: ``ratio`` is server / function, the cost of the
web layer.  Printed per case: p50 and p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _timed(fn: Callable[[int], Any], repeat: int) -> list[float]:
    out = []
    for i in range(repeat):
        t0 = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def pick(conn: Any, rng: random.Random, n: int, top: bool | None = None) -> dict[str, list[Any]]:
    """Subjects (entities with events, from the median to the most reported), search words,
    article ids: cheap, indexed picks."""
    from sqlalchemy import func, select

    from dossier.store import schema as t

    last = conn.execute(select(func.max(t.articles.c.id))).scalar() or 0
    if not last:
        raise SystemExit("the store is empty")
    articles = []
    while len(articles) < n:
        aid = rng.randint(1, last)
        if conn.execute(select(t.articles.c.id).where(t.articles.c.id == aid)).first():
            articles.append(aid)
    sample = [rng.randint(1, last) for _ in range(300)]
    ee = t.event_entities.c
    # Subjects across the distribution of events per entity (median to the most reported), counted
    # over a sample of articles so picking costs little.
    ranked = [
        r.entity_id
        for r in conn.execute(
            select(ee.entity_id, func.count().label("n"))
            .join(t.events, t.events.c.id == ee.event_id)
            .where(t.events.c.article_id.in_(sample))
            .group_by(ee.entity_id)
            .order_by(func.count(), ee.entity_id)
        )
    ]
    quantiles = [0.5, 0.75, 0.9, 0.97, 1.0][:n] if n <= 5 else [i / (n - 1) for i in range(n)]
    if top is not None:  # only the most reported: the worst case, alone
        quantiles = [1.0]
    subjects = list(dict.fromkeys(ranked[min(len(ranked) - 1, int(q * (len(ranked) - 1)))] for q in quantiles))
    subjects = subjects or [r.id for r in conn.execute(select(t.entities.c.id).limit(n))]
    words: list[str] = []
    for (title,) in conn.execute(select(t.articles.c.title).where(t.articles.c.id.in_(articles))):
        words += [w for w in (title or "").split() if w.isalpha() and len(w) > 4][:1]
    return {"articles": articles, "subjects": subjects, "words": words or ["government"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="store URL or SQLite path")
    parser.add_argument("--repeat", type=int, default=20, help="requests per case (default 20)")
    parser.add_argument("--picks", type=int, default=5, help="subjects, words and ids per case (default 5)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print one JSON object per case")
    parser.add_argument("--only", help="run only the cases whose name contains this (e.g. timeline)")
    parser.add_argument("--worst", action="store_true", help="subjects: only the most reported entity")
    args = parser.parse_args(argv)

    from fastapi.testclient import TestClient
    from sqlalchemy import func, select

    from dossier.api import Settings, create_app
    from dossier.store import Store, crossdoc, knowledge, queries
    from dossier.store import schema as t
    from dossier.store.filters import Filters

    store = Store(args.db, migrate=False)
    client = TestClient(create_app(store, Settings()))
    rng = random.Random(args.seed)
    with store.engine.connect() as conn:
        picked = pick(conn, rng, args.picks, True if args.worst else None)
        articles_n = conn.execute(select(func.count()).select_from(t.articles)).scalar()
        S, W, A = picked["subjects"], picked["words"], picked["articles"]
        sub = knowledge.get_entity_by_id(conn, S[0], limit=0)["name"]
        ee = t.event_entities.c
        sizes = [conn.execute(select(func.count()).where(ee.entity_id == x)).scalar() for x in S]

        def s(i: int) -> int:
            return S[i % len(S)]

        def w(i: int) -> str:
            return W[i % len(W)]

        def a(i: int) -> int:
            return A[i % len(A)]

        def entity(i: int, mentions: int) -> Any:
            return knowledge.get_entity_by_id(conn, s(i), limit=mentions)

        recent = Filters(since="2024-06", outlet="outlet-07.example")
        cases: list[tuple[str, Callable[[int], str], Callable[[int], Any]]] = [
            ("api timeline", lambda i: f"/api/timeline/{s(i)}", lambda i: knowledge.timeline_by_id(conn, s(i))),
            ("page timeline", lambda i: f"/timeline/{s(i)}", lambda i: knowledge.timeline_by_id(conn, s(i))),
            ("api search", lambda i: f"/api/search?q={w(i)}&limit=20", lambda i: queries.search(conn, w(i), limit=21)),
            ("page search", lambda i: f"/search?q={w(i)}", lambda i: queries.search(conn, w(i), limit=21)),
            ("api facets", lambda i: f"/api/search/facets?q={w(i)}", lambda i: queries.search_facets(conn, w(i))),
            ("api entity", lambda i: f"/api/entities/{s(i)}", lambda i: entity(i, 50)),
            ("page entity", lambda i: f"/entities/{s(i)}", lambda i: entity(i, 100)),
            ("api article", lambda i: f"/api/articles/{a(i)}", lambda i: queries.get_article(conn, a(i))),
            ("page article", lambda i: f"/articles/{a(i)}", lambda i: queries.get_article(conn, a(i))),
            ("api articles", lambda i: "/api/articles?limit=50", lambda i: queries.list_articles(conn, limit=51)),
            (
                "api articles filtered",
                lambda i: "/api/articles?limit=50&since=2024-06&outlet=outlet-07.example",
                lambda i: queries.list_articles(conn, limit=51, filters=recent),
            ),
            ("api events", lambda i: "/api/events?limit=50", lambda i: knowledge.list_events(conn, limit=51)),
            (
                "api events by subject",
                lambda i: f"/api/events?limit=50&subject={sub}",
                lambda i: knowledge.list_events(conn, limit=51, filters=Filters(subject=sub)),
            ),
            ("api entities", lambda i: "/api/entities?limit=50", lambda i: knowledge.list_entities(conn, limit=51)),
            ("api quotes", lambda i: "/api/quotes?limit=50", lambda i: knowledge.list_quotes(conn, limit=51)),
            ("api stories", lambda i: "/api/stories?limit=50", lambda i: crossdoc.list_stories(conn, limit=51)),
            (
                "api contradictions",
                lambda i: "/api/contradictions?limit=20",
                lambda i: crossdoc.list_contradictions(conn, limit=21),
            ),
            ("api stats", lambda i: "/api/stats", lambda i: queries.stats(conn)),
        ]
        rows = []
        for name, url, fn in cases:
            if args.only and args.only not in name:
                continue
            client.get(url(0))  # warm caches once
            server = _timed(lambda i, url=url: _ok(client.get(url(i))), args.repeat)
            direct = _timed(fn, args.repeat)
            row = {
                "case": name,
                "server_p50_ms": round(_pct(server, 0.5), 1),
                "server_p95_ms": round(_pct(server, 0.95), 1),
                "function_p50_ms": round(_pct(direct, 0.5), 1),
                "function_p95_ms": round(_pct(direct, 0.95), 1),
                "ratio_p50": round(statistics.median(server) / max(statistics.median(direct), 1e-6), 2),
            }
            rows.append(row)
            if args.json:
                print(json.dumps({"articles": articles_n, **row}), flush=True)
    if not args.json:
        print(f"store: {store.safe_url}, {articles_n} articles; {args.repeat} requests per case")
        print(f"subjects: ids {S}, events each {sizes}; search words {W}")
        print(f"{'case':24} {'server p50':>10} {'p95':>8} {'function p50':>13} {'p95':>8} {'ratio':>6}")
        for r in rows:
            print(
                f"{r['case']:24} {r['server_p50_ms']:>10} {r['server_p95_ms']:>8} "
                f"{r['function_p50_ms']:>13} {r['function_p95_ms']:>8} {r['ratio_p50']:>6}"
            )
    store.dispose()
    return 0


def _ok(response: Any) -> None:
    if response.status_code >= 400:
        raise SystemExit(f"{response.request.url}: {response.status_code} {response.text[:200]}")


if __name__ == "__main__":
    sys.exit(main())
