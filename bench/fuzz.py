"""Long fuzzing run: mutated files through every reader, mutated text through the analysis.

    python bench/fuzz.py [--minutes 20] [--seed 1] [--targets readers,analysis] [--out DIR]

(with Dossier importable: installed, or ``PYTHONPATH=src``).

Why a second fuzzer next to the hypothesis properties of ``tests/test_fuzz.py``:
those run a bounded number of examples in the test suite; this one runs for
as long as it is given, starting from real inputs (``samples/``) and
templates of every format, and mutating them the way hostile or broken files
differ from good ones: flipped and inserted bytes, truncation, splices of two
files, and tokens that broke readers before (``1e20``, deep nesting, a
DOCTYPE, invalid UTF-8, escape sequences, long runs of one character).

Properties (a violation is a *crash*, recorded once per signature with its input):

* readers: ``read_source`` on the input as a file, sniffed and forced to each
  format, raises nothing and yields Articles and IngestErrors only; an
  Article has a non-empty ``text`` and ``str``/``None`` metadata, a
  ``datetime``/``None`` publication date; nothing takes over 10 s;
* analysis: any text, in English (a blank spaCy pipeline with Dossier's rule
  components; the real model every 25th input), Russian and a language
  without a model, raises nothing and keeps every offset pointing at the
  text it names; nothing takes over 20 s.

It prints one JSON summary: inputs tried per target, crashes by signature,
and where each reproducer was saved.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

TOKENS = [
    b"1e20",
    b"-1e308",
    b"99999999999999999999",
    b"null",
    b"[]",
    b"{}",
    b'{"a":',
    b"[" * 3000,
    b'"published": 1e20',
    b'"author": ["a", "b"]',
    b'"outlet": {"x": 1}',
    b'"url": [1]',
    b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
    b"<!ENTITY lol 'lol'>",
    b"&lol;",
    b"<!--",
    b"]]>",
    b"<![CDATA[",
    b"\x00",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"\xc3\x28",
    b"\xed\xa0\x80",
    b"\x1b[2J",
    b"\x1b]0;t\x07",
    b"\xc2\x85",
    b"\xe2\x80\xa8",
    b'"' * 500,
    b"9" * 400,
    b"A" * 800,
    b"\r\n",
    b"\n\n",
    b"WARC/1.0\r\n",
    b"Content-Length: 99999999999\r\n",
    b"HTTP/1.1 302 Found\r\nLocation: x\r\n\r\n",
    b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
]

TEMPLATES: dict[str, bytes] = {
    "item.json": json.dumps(
        {"title": "T", "text": "Minsk said on Monday.", "url": "https://x.example/1", "published": "2025-09-27"}
    ).encode(),
    "items.jsonl": b'{"text": "One report."}\n{"text": "Two", "published": 1758960000}\n',
    "result.json": json.dumps(
        {
            "name": "chan",
            "type": "public_channel",
            "messages": [
                {
                    "id": 1,
                    "type": "message",
                    "date": "2025-09-27T10:00:00",
                    "text": ["a ", {"type": "bold", "text": "b"}],
                }
            ],
        }
    ).encode(),
    "feed.xml": b'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>A</title>'
    b"<description>Body text</description><pubDate>Sat, 27 Sep 2025 10:00:00 +0300</pubDate></item></channel></rss>",
    "atom.xml": b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title><content>Body</content>'
    b"<updated>2025-09-27T10:00:00Z</updated></entry></feed>",
    "page.html": b"<html><head><title>Page</title></head><body><article><p>Lukashenko said the system "
    b"arrived.</p></article></body></html>",
    "note.txt": b"Title line\n\nThe body of a report about Minsk.\n",
    "rec.warc": b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.example/a\r\n"
    b"WARC-Date: 2025-09-27T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
    b"Content-Length: 97\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    b"<html><body><p>Archived page text here.</p></body></html>\r\n\r\n",
}


def seeds() -> dict[str, bytes]:
    out = dict(TEMPLATES)
    for folder in (REPO / "samples" / "corpus", REPO / "samples" / "broken"):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.stat().st_size < 200_000:
                out[str(path.relative_to(REPO))] = path.read_bytes()
    return out


def mutate(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    b = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 3, 6))):
        op = rng.randrange(8)
        pos = rng.randrange(len(b) + 1)
        if op == 0 and b:
            b[min(pos, len(b) - 1)] ^= 1 << rng.randrange(8)
        elif op == 1:
            b[pos:pos] = bytes([rng.randrange(256)])
        elif op == 2 and b:
            del b[pos : pos + rng.randrange(1, 16)]
        elif op == 3:
            b[pos:pos] = rng.choice(TOKENS)
        elif op == 4:
            b = b[: rng.randrange(len(b) + 1)]
        elif op == 5 and b:
            s = rng.randrange(len(b))
            b[pos:pos] = b[s : s + rng.randrange(1, 64)] * rng.choice((1, 2, 50))
        elif op == 6:
            other = rng.choice(pool)
            cut = rng.randrange(len(other) + 1)
            b = b[:pos] + bytearray(other[cut:])
        else:
            b[pos:pos] = rng.choice(TOKENS) * rng.choice((1, 1, 10, 10, 200))
    return bytes(b[: rng.choice((4_000, 4_000, 4_000, 40_000, 300_000))])


def _signature(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/dossier/" in f.filename] or traceback.extract_tb(
        exc.__traceback__
    )
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{type(exc).__name__} at {where}"


class Fuzz:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.tried: Counter[str] = Counter()
        self.crashes: dict[str, dict[str, Any]] = {}

    def crash(self, target: str, signature: str, data: bytes, detail: str) -> None:
        key = f"{target}: {signature}"
        entry = self.crashes.get(key)
        if entry is None:
            path = self.out / f"crash-{len(self.crashes):03d}.bin"
            path.write_bytes(data)
            entry = self.crashes[key] = {"count": 0, "input": str(path), "detail": detail[:300]}
            print(f"NEW {key}: {detail[:200]}", flush=True)
        entry["count"] += 1


def check_article(item: Any) -> str | None:
    from dossier.model import Article

    if not isinstance(item, Article):
        return None
    if not isinstance(item.text, str) or not item.text.strip():
        return "article without text"
    for name in ("title",):
        if not isinstance(getattr(item, name), str):
            return f"{name} is {type(getattr(item, name)).__name__}"
    for name in ("url", "outlet", "author", "language"):
        value = getattr(item, name)
        if value is not None and not isinstance(value, str):
            return f"{name} is {type(value).__name__}"
    if item.published is not None and not isinstance(item.published, datetime):
        return f"published is {type(item.published).__name__}"
    return None


def fuzz_reader(fz: Fuzz, data: bytes, name: str, fmt: str | None, workdir: Path) -> None:
    from dossier.errors import IngestError
    from dossier.ingest import Source, read_source
    from dossier.model import Article

    path = workdir / Path(name).name
    path.write_bytes(data)
    fz.tried["readers"] += 1
    target = f"reader {fmt or 'sniffed'}"
    started = time.perf_counter()
    try:
        with contextlib.redirect_stderr(io.StringIO()):  # warcio warns about every broken record
            items = list(read_source(Source(str(path), path), fmt=fmt))
        for item in items:
            if not isinstance(item, Article | IngestError):
                fz.crash(target, f"yielded {type(item).__name__}", data, repr(item)[:200])
            problem = check_article(item)
            if problem:
                fz.crash(target, problem, data, repr(item)[:200])
    except Exception as exc:  # noqa: BLE001 - recording every escape is the point
        fz.crash(target, _signature(exc), data, f"{type(exc).__name__}: {exc}")
    took = time.perf_counter() - started
    if took > 10:
        fz.crash(target, "slow (>10 s)", data, f"{took:.1f}s for {len(data)} bytes")


def blank_english(gazetteer_paths: tuple[str, ...] = ()) -> Any:
    import spacy

    from dossier.analyze import nlp as nlpmod

    nlpmod._register_components()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("dossier_lines")
    nlp.add_pipe("dossier_equipment", config={"gazetteer_paths": list(gazetteer_paths)})
    return nlp


def fuzz_analysis(fz: Fuzz, text: str, language: str, analyzers: dict[str, Any]) -> None:
    from dossier.model import Article

    if not text.strip():
        return
    fz.tried["analysis"] += 1
    target = f"analysis {language}"
    started = time.perf_counter()
    data = text.encode("utf-8", "surrogatepass")
    try:
        a = analyzers[language].analyze(Article(text=text, language=language.split("-")[0], origin="fuzz"))
        n = len(text)
        bad = (
            [f"mention {m.start}:{m.end}" for m in a.mentions if text[m.start : m.end] != m.text]
            + [f"time {t.start}:{t.end}" for t in a.times if text[t.start : t.end] != t.text]
            + [f"quote {q.start}:{q.end}" for q in a.quotes if not 0 <= q.start <= q.end <= n]
            + [f"sentence {s}:{e}" for s, e in a.sentences if not 0 <= s < e <= n]
            + [f"event quote {e.quote_index}" for e in a.events if e.quote_index not in (None, *range(len(a.quotes)))]
        )
        if bad:
            fz.crash(target, "offset out of place", data, ", ".join(bad[:5]))
    except Exception as exc:  # noqa: BLE001
        fz.crash(target, _signature(exc), data, f"{type(exc).__name__}: {exc}")
    took = time.perf_counter() - started
    if took > 20:
        fz.crash(target, "slow (>20 s)", data, f"{took:.1f}s for {len(text)} characters")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=20.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--targets", default="readers,analysis")
    ap.add_argument("--out", type=Path, default=None, help="where crash inputs go (default: a temp folder)")
    args = ap.parse_args()
    targets = set(args.targets.split(","))
    rng = random.Random(args.seed)
    out = args.out or Path(tempfile.mkdtemp(prefix="dossier-fuzz-"))
    out.mkdir(parents=True, exist_ok=True)
    fz = Fuzz(out)
    pool = seeds()
    names = list(pool)
    blobs = list(pool.values())

    from dossier.ingest import READERS

    formats: list[str | None] = [None, *sorted(READERS)]
    analyzers: dict[str, Any] = {}
    if "analysis" in targets:
        from dossier.analyze import Analyzer
        from dossier.analyze import nlp as nlpmod

        real_english = nlpmod.english
        analyzers = {"en-model": Analyzer(), "ru": Analyzer(), "de": Analyzer()}
        blank = Analyzer()
        analyzers["en"] = blank

    deadline = time.monotonic() + args.minutes * 60
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="dossier-fuzz-files-") as tmp:
        workdir = Path(tmp)
        i = 0
        while time.monotonic() < deadline:
            i += 1
            k = rng.randrange(len(names))
            data = mutate(rng, blobs[k], blobs)
            if "readers" in targets:
                fuzz_reader(fz, data, names[k], rng.choice(formats), workdir)
            if "analysis" in targets and i % 3 == 0:
                text = data.decode("utf-8", "replace")[: rng.choice((200, 200, 2000, 2000, 20000))]
                language = rng.choice(("en", "en", "ru", "de")) if i % 25 else "en-model"
                if language == "en":
                    nlpmod.english = blank_english  # the rule components without the statistical model
                else:
                    nlpmod.english = real_english
                fuzz_analysis(fz, text, language, analyzers)
            if i % 500 == 0:
                print(
                    f"{time.monotonic() - started:7.0f}s tried {dict(fz.tried)} crashes {len(fz.crashes)}", flush=True
                )
    summary = {
        "seconds": round(time.monotonic() - started),
        "tried": dict(fz.tried),
        "crash_signatures": len(fz.crashes),
        "crashes": fz.crashes,
        "inputs_saved_in": str(out),
    }
    print(json.dumps(summary, ensure_ascii=False, indent=1), flush=True)
    return 1 if fz.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
