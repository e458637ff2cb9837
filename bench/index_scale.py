"""Cost of one add to the copy and story indexes as the indexes grow (1k ... 1M items).

Usage (from the repository root)::

    .venv/bin/python bench/index_scale.py [--max 1000000] [--sample 200] [--json]

Items are made from the real articles of the bench corpus
(``../shared/bench/bbc-news.jsonl``) by cheap perturbation: a random window of
40-160 words (a Telegram post to a news brief) of an article with 10 % of the words dropped and 40 % replaced by
random corpus words, so that items share vocabulary and style with news but are
not copies of one another (light perturbations would make every item a
near-duplicate of hundreds of others and measure the data, not the index).

The indexes are filled in increasing volumes (1k, 10k, 100k, 1M) through the
*bulk* paths (``CopyIndex.signatures``/``bulk_insert``: vectorised MinHash and
bands, no copy search; ``StoryIndex.bulk_insert``: items with perturbed
article vectors appended to stories that roll over every few days), because
a Python ``add`` per filler item would take too long at 1M.  At each size a
fixed number of fresh items (``--sample``) is then added through the normal
``CopyIndex.add`` and ``StoryIndex.add`` (tokenising, shingling, MinHash,
bucket look-ups, verification; term weighting, candidate look-up, scoring) and
each add is timed.  Only the indexes are measured: no NLP.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import random
import resource
import statistics
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from dossier.model import normalise_text
from dossier.resolve.copies import CopyIndex, token_hashes, window_hashes
from dossier.resolve.stories import StoryIndex, article_terms, rough_entities

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "bbc-news.jsonl"
T0 = datetime(2024, 1, 1, tzinfo=UTC)
SECONDS_PER_ITEM = 30  # 1M items span about a year
STORY_EPOCH = 5  # a base article starts a new filler story after this many reappearances
VEC_TERMS = 30
DROP, SUBSTITUTE = 0.1, 0.4


class Corpus:
    """Token hashes, words and story vectors of the bench articles."""

    def __init__(self, path: Path) -> None:
        arts = [json.loads(line) for line in path.open()]
        self.texts = [a["text"] for a in arts]
        self.tokens = [token_hashes(t) for t in self.texts]
        self.words = [normalise_text(t).split() for t in self.texts]
        self.vocab_hashes = np.unique(np.concatenate(self.tokens))
        self.vocab_words = sorted({w for ws in self.words for w in ws})
        terms = [article_terms(t, rough_entities(t)) for t in self.texts]
        df: Counter[str] = Counter(t for ts in terms for t in ts)
        n = len(terms)
        self.vectors: list[list[tuple[str, float]]] = []
        for ts in terms:
            w = {t: (1 + math.log(c)) * (math.log((n + 1) / (df[t] + 1)) + 1) ** 2 for t, c in ts.items()}
            top = sorted(w.items(), key=lambda kv: -kv[1])[:VEC_TERMS]
            norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
            self.vectors.append([(t, v / norm) for t, v in top])
        self.term_pool = sorted(df)

    def __len__(self) -> int:
        return len(self.texts)


def fill(
    copies: CopyIndex,
    stories: StoryIndex,
    corpus: Corpus,
    start: int,
    stop: int,
    rng: np.random.Generator,
    batch: int = 2000,
) -> None:
    """Bulk-load items ``start..stop-1`` into both indexes."""
    k = copies.config.shingle
    n_base = len(corpus)
    for lo in range(start, stop, batch):
        hi = min(stop, lo + batch)
        bases = rng.integers(0, n_base, hi - lo)
        parts = []
        for b in bases:
            tok = corpus.tokens[b]
            length = int(rng.integers(40, 161))
            s = int(rng.integers(0, max(1, len(tok) - length)))
            part = tok[s : s + length]
            parts.append(part[rng.random(len(part)) >= DROP])
        lengths = np.array([len(p) for p in parts])
        cat = np.concatenate(parts)
        sub = rng.random(len(cat)) < SUBSTITUTE
        cat[sub] = rng.choice(corpus.vocab_hashes, int(sub.sum()))
        win = window_hashes(cat, k)
        owner = np.repeat(np.arange(len(parts)), lengths)
        valid = owner[: len(win)] == owner[k - 1 :]
        win, win_owner = win[valid], owner[: len(valid)][valid]
        offsets = np.searchsorted(win_owner, np.arange(len(parts)))
        sizes = np.diff(np.append(offsets, len(win)))
        sigs = copies.signatures(win, offsets)
        ids = [f"f{i}" for i in range(lo, hi)]
        times = [T0 + timedelta(seconds=SECONDS_PER_ITEM * i) for i in range(lo, hi)]
        copies.bulk_insert(ids, sigs, sizes, ids, times)
        swap = rng.random((hi - lo, VEC_TERMS)) < SUBSTITUTE
        repl = rng.integers(0, len(corpus.term_pool), (hi - lo, VEC_TERMS))
        pool = corpus.term_pool
        for n, b in enumerate(bases):
            vec = {
                pool[r] if sw else term: w
                for (term, w), sw, r in zip(corpus.vectors[b], swap[n].tolist(), repl[n].tolist(), strict=True)
            }
            story = f"b{b}e{(lo + n) // (n_base * STORY_EPOCH)}"
            stories.bulk_insert(ids[n], vec, story, times[n])


def sample_items(corpus: Corpus, count: int, seed: int) -> list[str]:
    """Fresh perturbed articles as text, for the timed adds."""
    rnd = random.Random(seed)
    out: list[str] = []
    for n in range(count):
        if n % 4 == 3:  # every fourth is a light copy of the one before: exercises verification and merging
            out.append(" ".join(w for w in out[-1].split() if rnd.random() >= 0.05))
            continue
        words = corpus.words[rnd.randrange(len(corpus))]
        kept = [w for w in words if rnd.random() >= DROP]
        out.append(" ".join(rnd.choice(corpus.vocab_words) if rnd.random() < SUBSTITUTE else w for w in kept))
    return out


class Counting:
    """Counts the work an add does (machine-independent, unlike the timings)."""

    def __init__(self, copies: CopyIndex, stories: StoryIndex) -> None:
        self.candidates = self.postings = self.scored = 0
        band_members, postings, score = copies.store.band_members, stories.store.postings, stories.score

        def count_members(keys):  # type: ignore[no-untyped-def]
            out = band_members(keys)
            self.candidates += len(out)
            return out

        def count_postings(term, limit):  # type: ignore[no-untyped-def]
            out = postings(term, limit)
            self.postings += len(out)
            return out

        def count_score(vec, story, published):  # type: ignore[no-untyped-def]
            self.scored += 1
            return score(vec, story, published)

        copies.store.band_members = count_members  # type: ignore[method-assign]
        stories.store.postings = count_postings  # type: ignore[method-assign]
        stories.score = count_score  # type: ignore[method-assign]


def time_adds(copies: CopyIndex, stories: StoryIndex, texts: list[str], size: int) -> dict[str, object]:
    when = T0 + timedelta(seconds=SECONDS_PER_ITEM * size)
    c_times, s_times = [], []
    counter = Counting(copies, stories)
    for n, text in enumerate(texts):
        aid = f"t{size}-{n}"
        t = time.perf_counter()
        copies.add(aid, text, when)
        c_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        stories.add(aid, text, when, entities=[])
        s_times.append(time.perf_counter() - t)
    for obj, name in ((copies.store, "band_members"), (stories.store, "postings"), (stories, "score")):
        del obj.__dict__[name]  # back to the plain methods for the next fill

    def summary(xs: list[float]) -> dict[str, float]:
        xs = sorted(xs)
        return {
            "median_us": round(statistics.median(xs) * 1e6, 1),
            "mean_us": round(statistics.fmean(xs) * 1e6, 1),
            "p90_us": round(xs[int(0.9 * (len(xs) - 1))] * 1e6, 1),
        }

    n = len(texts)
    return {
        "copy": summary(c_times) | {"candidates_per_add": round(counter.candidates / n, 2)},
        "story": summary(s_times)
        | {"postings_per_add": round(counter.postings / n, 1), "stories_scored_per_add": round(counter.scored / n, 1)},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--max", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=200)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(f"bench corpus not found at {args.data}; pass --data", file=sys.stderr)
        return 2
    t_start = time.perf_counter()
    corpus = Corpus(args.data)
    copies, stories = CopyIndex(), StoryIndex()
    rng = np.random.default_rng(args.seed)
    sizes = [s for s in (1_000, 10_000, 100_000, 1_000_000) if s <= args.max] or [args.max]
    if args.max not in sizes:
        sizes.append(args.max)
    rows = []
    filled = 0
    for size in sizes:
        t = time.perf_counter()
        gc.disable()  # the fill makes millions of long-lived objects; cyclic GC would rescan them
        fill(copies, stories, corpus, filled, size, rng)
        gc.enable()
        fill_s = time.perf_counter() - t
        filled = size
        gc.collect()
        gc.freeze()  # a long-lived index is old-generation data; keep GC pauses out of the sample
        timing = time_adds(copies, stories, sample_items(corpus, args.sample, args.seed + size), size)
        row = {
            "size": size,
            "fill_seconds": round(fill_s, 1),
            "copy_add": timing["copy"],
            "story_add": timing["story"],
            "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        }
        rows.append(row)
        if not args.json:
            c, s = row["copy_add"], row["story_add"]
            print(
                f"{size:>9,} items: copy add median {c['median_us']:6.0f} us (p90 {c['p90_us']:6.0f}, "
                f"{c['candidates_per_add']} candidates), story add median {s['median_us']:6.0f} us "
                f"(p90 {s['p90_us']:6.0f}, {s['postings_per_add']} postings, "
                f"{s['stories_scored_per_add']} scored); "
                f"fill {row['fill_seconds']} s, max RSS {row['max_rss_mib']} MiB",
                flush=True,
            )
    total = round(time.perf_counter() - t_start, 1)
    if args.json:
        print(json.dumps({"rows": rows, "total_seconds": total, "sample": args.sample}, indent=2))
    else:
        print(f"total {total} s ({args.sample} timed adds per size; bulk fill between sizes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
