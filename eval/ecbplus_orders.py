"""Story B³ on the ECB+ dev topics in several stream orders, with Dossier's NER, TIMEX and events.

Usage (from the repository root; dev topics only, the analyses cached as by ``eval/ecbplus.py``)::

    PYTHONPATH=src .venv/bin/python eval/ecbplus_orders.py --cache /tmp/ecb.pkl [--set names_lead_words=0]

Why: stories depend on the order articles arrive in, and whole sub-topics merge or split at one
join, so the evaluation's own order alone moves by 0.01-0.03 with one topic.  This scores the
product's setting (what ``crossarticle`` passes: entities, every TIMEX value, the lead's TIMEX
values, lead people and lead names) in the evaluation's own order and ``--orders - 1`` shuffles
of the dev documents (seeds 1, 2, ...), prints each order's B³ F1 of the two dev halves
(topic % 4 == 1 and == 3) and of all dev topics, their means, and each topic's mean B³ P/R/F1,
so that merges (precision) and splits (recall) can be told apart.  The held-out topics are never
read.
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

import ecbplus as E

from dossier.resolve.stories import StoryConfig, StoryIndex, lead_end, lead_names, lead_people


def stream(docs: list[E.Doc], analyses: dict[str, Any], config: StoryConfig) -> dict[str, str]:
    """The story of each document, streamed in the given order as the product would add them."""
    index = StoryIndex(config=config)
    out: dict[str, str] = {}
    for d in docs:
        an = analyses[d.name]
        lead = [t.value for t in an.times if t.start < lead_end(d.text, config.time_lead_words)]
        people = lead_people(
            an.events, an.mentions, lead_end(d.text, config.people_lead_words), config.people_min_mentions
        )
        names = lead_names(an.mentions, lead_end(d.text, config.names_lead_words), config.names_min_mentions)
        entities = [e.name for e in an.entities]
        out[d.name] = index.add(d.name, d.text, None, entities, [t.value for t in an.times], lead, people, names)
    return out


def _b3(pred: dict[str, str], docs: list[E.Doc]) -> tuple[float, float, float]:
    return E.bcubed({d.name: pred[d.name] for d in docs}, {d.name: d.story for d in docs})


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=E.DEFAULT_DATA)
    ap.add_argument("--cache", type=Path, help="pickle of the pipeline's analyses (see eval/ecbplus.py)")
    ap.add_argument("--orders", type=int, default=6)
    ap.add_argument("--set", action="append", default=[], help="StoryConfig override, e.g. --set names_lead_words=0")
    args = ap.parse_args(argv)
    dev = E._split(E.load_docs(args.data.resolve()), 1)
    base = StoryConfig()
    config = replace(base, **{k: type(getattr(base, k))(float(v)) for k, v in (s.split("=", 1) for s in args.set)})
    analyses = E._analyses(dev, args.cache)
    halves = {name: [d for d in dev if d.topic % 4 == rest] for name, rest in (("A", 1), ("B", 3))}
    rows: list[tuple[float, float, float]] = []
    topics: dict[int, list[tuple[float, float, float]]] = defaultdict(list)
    for seed in range(args.orders):
        order = list(dev)
        if seed:
            random.Random(seed).shuffle(order)
        pred = stream(order, analyses, config)
        row = (_b3(pred, halves["A"])[2], _b3(pred, halves["B"])[2], _b3(pred, dev)[2])
        rows.append(row)
        print(f"order {seed}: A {row[0]:.3f} B {row[1]:.3f} all {row[2]:.3f}")
        for t in sorted({d.topic for d in dev}):
            topics[t].append(_b3(pred, [d for d in dev if d.topic == t]))
    mean = [sum(r[i] for r in rows) / len(rows) for i in range(3)]
    print(f"mean: A {mean[0]:.3f} B {mean[1]:.3f} all {mean[2]:.3f}")
    for t, scores in topics.items():
        p, r, f = (sum(s[i] for s in scores) / len(scores) for i in range(3))
        print(f"  topic {t:2d}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
