"""Print the stories that Dossier's story index forms on the BBC bench corpus, for a hand check.

Usage (from the repository root)::

    .venv/bin/python eval/stories_bbc.py [--data ../shared/bench/bbc-news.jsonl] [--category business]
        [--limit 510] [--min-size 2] [--json]

Why: ECB+ scores stories only on pairs of developments of the same kind inside a
topic; a news stream also holds many *unrelated* developments that share a
topic's vocabulary (car makers, interest rates, football clubs).  The BBC
corpus (2,225 articles of 2004-2005, five categories, no publication times) is
streamed in file order through :class:`dossier.resolve.stories.StoryIndex` with
:func:`~dossier.resolve.stories.rough_entities`, as ``dossier`` does without
NER, and every story of ``--min-size`` or more articles is printed with its
titles.  A story that mixes developments (``Rover deal`` with ``BMW recall``)
shows up as titles that plainly report different events; the verdicts of the
last hand check are in ``docs/cross-article.md``.

Also printed: how many stories mix categories (an automatic lower bound on
topic merges, since two developments in different BBC categories are never one
story) and the share of articles in multi-article stories.

Exit status 2 when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from dossier.resolve.stories import StoryConfig, StoryIndex

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "bbc-news.jsonl"
DEFAULT_GOLD = Path(__file__).resolve().parent / "data" / "bbc_stories_gold.tsv"


def load_gold(path: Path) -> dict[str, str]:
    """``article id -> development label`` from the hand-labelled TSV (``#`` lines are comments)."""
    out: dict[str, str] = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            article_id, label = line.split("\t")
            out[article_id.strip()] = label.strip()
    return out


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``pred`` over the items of ``gold``."""
    pc: dict[str, set[str]] = defaultdict(set)
    gc: dict[str, set[str]] = defaultdict(set)
    for k in gold:
        pc[pred[k]].add(k)
        gc[gold[k]].add(k)
    p = sum(len(pc[pred[k]] & gc[gold[k]]) / len(pc[pred[k]]) for k in gold) / len(gold)
    r = sum(len(pc[pred[k]] & gc[gold[k]]) / len(gc[gold[k]]) for k in gold) / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--category", default="", help="only this category (business, entertainment, politics, ...)")
    ap.add_argument("--limit", type=int, default=0, help="first N articles (after the category filter)")
    ap.add_argument("--min-size", type=int, default=2)
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="hand labels scored with B-cubed")
    ap.add_argument("--sample", type=int, default=0, help="print only N multi-article stories, drawn with --seed")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--set", action="append", default=[], help="StoryConfig override, e.g. --set threshold=0.2")
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(f"bench corpus not found at {args.data}; pass --data", file=sys.stderr)
        return 2
    arts = [json.loads(line) for line in args.data.open()]
    if args.category:
        arts = [a for a in arts if a["id"].split("/")[0] == args.category]
    if args.limit:
        arts = arts[: args.limit]
    base = StoryConfig()
    # each override keeps its field's type (lead_words is a count of words, threshold a float)
    overrides = {k: type(getattr(base, k))(float(v)) for k, v in (item.split("=", 1) for item in args.set)}
    index = StoryIndex(config=replace(base, **overrides))
    members: dict[str, list[dict[str, str]]] = defaultdict(list)
    story_of: dict[str, str] = {}
    for a in arts:
        story_of[a["id"]] = index.add(a["id"], f"{a['title']}\n{a['text']}")
        members[story_of[a["id"]]].append(a)
    # The corpus repeats some bodies under other ids: such a pair must share a story (a recall check).
    by_body: dict[str, list[str]] = defaultdict(list)
    for a in arts:
        by_body[a["text"]].append(a["id"])
    dup_pairs = [(ids[0], other) for ids in by_body.values() for other in ids[1:]]
    dup_kept = sum(1 for a, b in dup_pairs if story_of[a] == story_of[b])
    shown = sorted((m for m in members.values() if len(m) >= args.min_size), key=lambda m: (-len(m), m[0]["id"]))
    if args.sample:
        shown = sorted(random.Random(args.seed).sample(shown, min(args.sample, len(shown))), key=lambda m: m[0]["id"])
    mixed = sum(1 for m in members.values() if len({a["id"].split("/")[0] for a in m}) > 1)
    in_multi = sum(len(m) for m in members.values() if len(m) > 1)
    summary = {
        "articles": len(arts),
        "stories": len(members),
        "multi_article_stories": sum(1 for m in members.values() if len(m) > 1),
        "articles_in_multi_article_stories": in_multi,
        "stories_mixing_categories": mixed,
        "largest_story": max((len(m) for m in members.values()), default=0),
        "duplicate_pairs_together": f"{dup_kept}/{len(dup_pairs)}",
    }
    gold = {k: v for k, v in load_gold(args.gold).items() if k in story_of} if args.gold.is_file() else {}
    if gold:
        p, r, f = bcubed(story_of, gold)
        summary["hand_labelled"] = len(gold)
        summary["hand_labelled_b3"] = f"P {p:.3f} R {r:.3f} F1 {f:.3f}"
        # a labelled article sharing its story with a labelled article of another development
        summary["labelled_articles_merged_wrongly"] = sum(
            1 for k in gold if any(story_of[o] == story_of[k] and gold[o] != gold[k] for o in gold)
        )
    if args.json:
        summary["stories_shown"] = [[{"id": a["id"], "title": a["title"]} for a in m] for m in shown]
        print(json.dumps(summary, indent=2))
        return 0
    print(" ".join(f"{k}={v}" for k, v in summary.items()))
    for n, m in enumerate(shown, 1):
        print(f"\nstory {n} ({len(m)} articles)")
        for a in m:
            print(f"  {a['id']:18s} {a['title']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
