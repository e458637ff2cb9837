"""List the quotes Dossier finds on a sample of BBC articles, for a hand check of precision.

Usage (from the repository root)::

    PYTHONPATH=src .venv/bin/python eval/quotes_bbc.py [--data ../shared/bench/bbc-news.jsonl]
        [--step 14] [--first 1] [--limit 150] [--json OUT.jsonl] [--diff OLD.jsonl]

Why: PolNeAR scores recall and boundaries on US political news, but says little about what a
reader of general news sees: scare quotes listed as statements, fragments of phrases, a speaker
span cut at "of Boston", a date taken from the speaker's biography.  This prints every quote of
the sample with its speaker phrase, cue and date so that such errors can be counted by eye.

The sample is the development half only: lines 1, 1 + step, 1 + 2*step, … of the file (odd line
numbers when ``step`` is even), at most ``limit`` articles, in file order over all five categories.
``--json`` writes one record per quote; ``--diff`` prints the quotes that appear or disappear
against such a file from an earlier run.  Exit status 2 when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "bbc-news.jsonl"


def sample(path: Path, step: int, limit: int, first: int = 1) -> list[dict[str, str]]:
    """Articles on lines first, first + step, … (1-based, odd only) of the JSON Lines file, at most ``limit``."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if n >= first and (n - first) % step == 0 and n % 2 == 1:
                out.append(json.loads(line))
                if len(out) >= limit:
                    break
    return out


def _key(r: dict[str, object]) -> tuple[object, ...]:
    return (r["id"], r["text"], r["speaker"], r["date"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--step", type=int, default=14, help="take every step-th line (even: odd lines only)")
    ap.add_argument("--limit", type=int, default=150)
    ap.add_argument("--first", type=int, default=1, help="first (odd) line of the sample")
    ap.add_argument("--json", type=Path, help="write one JSON record per quote here")
    ap.add_argument("--diff", type=Path, help="compare with the records of an earlier --json run")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2

    from dossier.analyze import Analyzer
    from dossier.model import Article

    docs = sample(args.data, args.step, args.limit, args.first)
    analyzer = Analyzer()
    records: list[dict[str, object]] = []
    for doc, (_a, an) in zip(docs, analyzer.pipe(Article(text=d["text"], title=d["title"]) for d in docs), strict=True):
        for q in an.quotes:
            phrase = an.text[q.speaker_start : q.speaker_end] if q.speaker_start is not None else None
            records.append(
                {
                    "id": doc["id"],
                    "text": q.text,
                    "direct": q.direct,
                    "speaker": q.speaker,
                    "phrase": phrase,
                    "cue": q.cue,
                    "date": q.date,
                    "via": q.via,
                }
            )
    for r in records:
        d = "D" if r["direct"] else "R"
        print(f"{r['id']}\t{d}\t{r['speaker']!s} [{r['phrase']!s}]\t{r['cue']!s}\t{r['date']!s}\t{r['text']}")
    print(f"{len(docs)} articles, {len(records)} quotes", file=sys.stderr)
    if args.json:
        args.json.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    if args.diff:
        old = [json.loads(line) for line in args.diff.read_text("utf-8").splitlines() if line.strip()]
        before, after = {_key(r) for r in old}, {_key(r) for r in records}
        for r in old:
            if _key(r) not in after:
                print(f"- {r['id']}\t{r['speaker']!s}\t{r['date']!s}\t{r['text']}", file=sys.stderr)
        for r in records:
            if _key(r) not in before:
                print(f"+ {r['id']}\t{r['speaker']!s}\t{r['date']!s}\t{r['text']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
