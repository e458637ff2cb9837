"""Recall of *rewrites* (same facts, reworded) and false pairs, on the BBC bench corpus.

Usage (from the repository root)::

    .venv/bin/python eval/rewrites.py [--data ../shared/bench/bbc-news.jsonl] [--seed 29] [--count 600]
        [--sample 6] [--json]

``eval/copies.py`` checks *light* rewrites (a few dropped sentences and
synonyms), which keep most 4-word runs.  Here every copy is rewritten harder,
the way a content farm or a second outlet rewords a report while keeping its
facts: the sentences of each paragraph are put in another order, sentences
with a comma have their two halves swapped ("..., police said." becomes
"police said, ..."), every word of the synonym list of ``eval/copies.py`` and of
a second list here is replaced, some sentences are dropped and a lead-in phrase
is added.  Names and numbers are kept: those are the facts.

``--count`` originals (seeded) get such a rewrite; all 2,225 originals and the
rewrites are streamed in a shuffled order through
:class:`dossier.resolve.copies.CopyIndex` (rewrites published 1-48 h after
their original).  Reported: recall (the rewrite lands in its original's copy
group) by link kind, and the same **false pairs among originals** as
``eval/copies.py`` (flagged links between two originals whose bodies share
less than ``REUSE_SHARE`` of word-aligned passages: an independent judge).
``--sample`` prints flagged original pairs that only the rewrite detector
linked, for a hand check.

Exit status 2 when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from copies import REUSE_SHARE, SYNONYMS, reuse_share

from dossier.resolve.copies import CopyConfig, CopyIndex

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "bbc-news.jsonl"
MORE_SYNONYMS = {
    "announced": "unveiled",
    "increase": "rise",
    "decline": "fall",
    "government": "authorities",
    "minister": "cabinet member",
    "company": "group",
    "chief executive": "boss",
    "executive": "manager",
    "problems": "difficulties",
    "decision": "move",
    "currently": "at present",
    "however": "nonetheless",
    "expects": "forecasts",
    "warned": "cautioned",
    "likely": "probable",
    "despite": "in spite of",
    "added": "continued",
    "believes": "thinks",
    "months": "months'",
    "because": "since",
    "recent": "latest",
    "previous": "earlier",
    "including": "among them",
}
HEDGES = ["also", "now", "reportedly", "still", "officially", "meanwhile", "indeed", "then"]
COMMENTS = [
    "Analysts said the move had been widely expected.",
    "The news was welcomed by observers in the region.",
    "Further details are expected to be published later.",
    "Critics were quick to question the timing.",
]
LEADS = ["According to reports, ", "It has emerged that ", "Reports say that ", "In a new development, ", ""]
_SENT_RE = re.compile(r"(?<=[.!?])\s+")
_WORD_RE = re.compile(r"\b[a-z]+(?: [a-z]+)?\b")


def hard_rewrite(rng: random.Random, text: str) -> str:
    """Reword ``text`` keeping its names and numbers (see the module docstring)."""
    table = {**SYNONYMS, **MORE_SYNONYMS}
    out: list[str] = []
    for para in (p for p in text.split("\n") if p.strip()):
        sents = [s for s in _SENT_RE.split(para.strip()) if s]
        sents = [s for s in sents if len(sents) < 2 or rng.random() > 0.15]
        rng.shuffle(sents)
        moved = []
        for s in sents:
            head, sep, tail = s.rstrip(".!?").partition(", ")
            if sep and head and tail and rng.random() < 0.7:
                s = f"{tail[0].upper()}{tail[1:]}, {head[0].lower()}{head[1:]}."
            words = s.split()
            for _ in range(len(words) // 6):  # a hedge or linking word every few words
                words.insert(rng.randrange(1, len(words) + 1), rng.choice(HEDGES))
            moved.append(" ".join(words))
        if rng.random() < 0.3:
            moved.append(rng.choice(COMMENTS))
        out.append(" ".join(moved))
    body = "\n\n".join(out)

    def sub(m: re.Match[str]) -> str:
        phrase = m.group(0)
        if phrase in table:
            return table[phrase]
        first, _, second = phrase.partition(" ")
        return table.get(first, first) + ((" " + table.get(second, second)) if second else "")

    body = _WORD_RE.sub(sub, body)
    lead = rng.choice(LEADS)
    return (lead + body[:1].lower() + body[1:]) if lead else body


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--seed", type=int, default=29)
    ap.add_argument("--count", type=int, default=600)
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--no-rewrite-bands", action="store_true", help="shingles only (the detector before rewrites)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(f"bench corpus not found at {args.data}; pass --data", file=sys.stderr)
        return 2
    arts = [json.loads(line) for line in args.data.open()]
    rng = random.Random(args.seed)
    base = datetime(2005, 1, 1, tzinfo=UTC)
    published = {a["id"]: base + timedelta(hours=n) for n, a in enumerate(arts)}
    texts = {a["id"]: a["text"] for a in arts}
    chosen = rng.sample(arts, min(args.count, len(arts)))
    stream = [(a["id"], a["text"]) for a in arts]
    for a in chosen:
        cid = f"rewrite/{a['id']}"
        published[cid] = published[a["id"]] + timedelta(hours=rng.uniform(1, 48))
        stream.append((cid, hard_rewrite(rng, a["text"])))
    rng.shuffle(stream)
    config = CopyConfig()
    if args.no_rewrite_bands:
        config = replace(config, rewrite_perm=0)
    index = CopyIndex(config=config)
    links = []
    for item_id, text in stream:
        links.extend(index.add(item_id, text, published[item_id]))
    found = [a["id"] for a in chosen if index.original_of(f"rewrite/{a['id']}") == index.original_of(a["id"])]
    by_kind: dict[str, int] = {}
    for link in links:
        pair = {link.copy, link.original or ""}
        source = next((x.removeprefix("rewrite/") for x in pair if x.startswith("rewrite/")), None)
        if source is not None and source in pair:
            by_kind[link.kind] = by_kind.get(link.kind, 0) + 1
    originals = set(texts)
    flagged = {
        (tuple(sorted((link.copy, link.original))), link.kind)
        for link in links
        if link.original and link.copy in originals and link.original in originals
    }
    pairs = {p for p, _ in flagged if texts[p[0]] != texts[p[1]]}
    reuse = {p: reuse_share(texts[p[0]], texts[p[1]]) for p in pairs}
    false_pairs = sorted(p for p in pairs if reuse[p] < REUSE_SHARE)
    rewrite_only = sorted({p for p, k in flagged if k == "rewrite"} - {p for p, k in flagged if k != "rewrite"})
    report = {
        "originals": len(arts),
        "rewrites": len(chosen),
        "recall": round(len(found) / len(chosen), 4),
        "direct_links_by_kind": by_kind,
        "flagged_original_pairs_not_identical": len(pairs),
        "false_original_pairs": len(false_pairs),
        "original_pairs_linked_only_as_rewrite": len(rewrite_only),
        "false_pairs": [{"pair": list(p), "reuse": reuse[p]} for p in false_pairs],
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(
        f"{report['originals']} originals, {report['rewrites']} hard rewrites (seed {args.seed}): recall "
        f"{report['recall']:.4f}; direct links by kind {by_kind}"
    )
    print(
        f"flagged pairs of different originals {len(pairs)}: false (word-aligned reuse < {REUSE_SHARE}) "
        f"{len(false_pairs)}; linked only as rewrite {len(rewrite_only)}"
    )
    for p in false_pairs[:20]:
        print(f"  false pair {p[0]} ~ {p[1]}: reuse={reuse[p]}")
    for p in random.Random(args.seed).sample(rewrite_only, min(args.sample, len(rewrite_only))):
        print(f"\n=== {p[0]} ~ {p[1]}  reuse={reuse.get(p)}")
        print("  A:", texts[p[0]][:500].replace("\n", " "))
        print("  B:", texts[p[1]][:500].replace("\n", " "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
