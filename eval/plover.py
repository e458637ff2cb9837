"""Score event typing and actor roles on the PLOVER gold standard records.

    .venv/bin/python eval/plover.py [--data ../shared/data/plover/plover_gsr_dev.json] [--split a|b|all]
                                    [--fold 0|1] [--limit N] [--json] [--mistakes]

Each gold record is one English sentence coded with one PLOVER event.  The
sentence runs through the real ``dossier.analyze.Analyzer()`` (all default
stages) and is scored on exactly the records ``dossier analyze --json``
prints for it (``dossier.analyze.records.analysis_records``): nothing is
re-read, re-mapped or added by this script.

* The predicted event is the ``event`` record marked ``main`` (the stage's
  choice of the event a coder would type the sentence by) that has a
  ``plover`` category; else the first event, by position, that has one; else
  no prediction (counted as wrong).  Weak candidates the stage keeps for
  debugging are not output by the product and are not scored.
* The predicted category is the record's ``plover`` field, which the product
  computes (``dossier.analyze.eventing.plover``: REQUEST is DEMAND, stated
  intentions are AGREE or THREATEN, obligations DEMAND, refusals REJECT...).

Actor matching: gold ``source``/``target`` ``actorText`` strings against the
event's ``actors``/``targets``.  Both sides are lower-cased and cut into
content tokens (stop words and punctuation removed); a predicted actor
matches a gold one when they share at least half of the tokens of the
shorter of the two (so "NATO officials" matches gold "NATO", and
"Hungarian" matches "Senior Hungarian officials").  Matching is one-to-one;
precision, recall and F1 are micro-averaged over all records.

``--split``: a deterministic half of the records, so that rules can be
developed on one half and checked on the other.  Records are taken in file
order (the file groups them by category) and alternate: half ``a`` holds
records 0, 2, 4..., half ``b`` records 1, 3, 5...; every category is split
evenly.  Look at mistakes on half ``a`` only; half ``b`` is the check.

``--fold``: alternate records of the chosen half, so that a rule studied on
one fold of the development half can be checked on the other before the
held-out half is ever run: fold ``0`` holds the half's records 0, 2, 4...
("A0"), fold ``1`` its records 1, 3, 5... ("A1").  The convention since
issue 10: study the mistakes of A1, check on A0.

Probe files (``eval/data/plover_probes_*.json``) hold hand-written
sentences with a ``set`` number (``--sets 19,20`` keeps those sets) and an
optional ``language`` (default English; the article is analysed in that
language).  Gold ``NONE`` marks a sentence with no event to code (a negated
attack, a look-alike): it is right when no event with a category is output.

Type accuracy counts every record; macro-F1 averages per-category F1 over the
gold categories.  Exit code 2 when the data file is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "plover" / "plover_gsr_dev.json"

_STOP = {"the", "a", "an", "of", "and", "'s", "s", "its", "their", "his", "her", "in", "on", "for", "to"}
_WORD = re.compile(r"\w+", re.UNICODE)


def _tokens(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def actors_match(pred: str, gold: str) -> bool:
    """Token-overlap match (see the module docstring)."""
    p, g = _tokens(pred), _tokens(gold)
    if not p or not g:
        return False
    return len(p & g) * 2 >= min(len(p), len(g))


def match_count(pred: list[str], gold: list[str]) -> int:
    used: set[int] = set()
    hits = 0
    for p in pred:
        for i, g in enumerate(gold):
            if i not in used and actors_match(p, g):
                used.add(i)
                hits += 1
                break
    return hits


def gold_actors(value: Any) -> list[str]:
    if not value or isinstance(value, str):
        return [value] if isinstance(value, str) and value.strip() else []
    return [a.get("actorText", "") for a in value if a.get("actorText")]


def main_event(records: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The event record scored for a sentence (see the module docstring)."""
    events = sorted((r for r in records if r["type"] == "event" and r.get("plover")), key=lambda r: r["start"])
    mains = [r for r in events if r.get("main")]
    return (mains or events or [None])[0]


def split_records(records: list[dict[str, Any]], split: str) -> list[dict[str, Any]]:
    """Half ``a`` (even positions), half ``b`` (odd positions) or ``all``."""
    if split == "a":
        return records[0::2]
    if split == "b":
        return records[1::2]
    return records


def fold_records(records: list[dict[str, Any]], fold: int | None) -> list[dict[str, Any]]:
    """Fold ``0`` (even positions) or ``1`` (odd positions) of ``records``; all when None."""
    return records if fold is None else records[fold::2]


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def evaluate(records: list[dict[str, Any]]) -> dict[str, Any]:
    from dossier.analyze import Analyzer
    from dossier.analyze.records import analysis_records
    from dossier.model import Article

    analyzer = Analyzer()
    confusion: Counter[tuple[str, str]] = Counter()
    roles = {"source": [0, 0, 0], "target": [0, 0, 0]}
    mistakes = []
    started = time.perf_counter()
    articles = (Article(text=rec["text"], language=rec.get("language", "en")) for rec in records)
    for rec, (article, analysis) in zip(records, analyzer.pipe(articles), strict=True):
        ev = main_event(list(analysis_records(article, analysis)))
        pred = ev["plover"] if ev else "NONE"
        confusion[(rec["event"], pred)] += 1
        if pred != rec["event"]:
            mistakes.append({"id": rec["id"], "gold": rec["event"], "pred": pred, "text": rec["text"]})
        for role, pred_list in (("source", ev["actors"] if ev else ()), ("target", ev["targets"] if ev else ())):
            gold = gold_actors(rec.get(role))
            s = roles[role]
            s[0] += match_count(list(pred_list), gold)
            s[1] += len(pred_list)
            s[2] += len(gold)
    elapsed = time.perf_counter() - started
    n = len(records)
    correct = sum(v for (g, p), v in confusion.items() if g == p)
    per_type = {}
    for t in sorted({g for g, _ in confusion}):
        tp = confusion[(t, t)]
        n_pred = sum(v for (_, p), v in confusion.items() if p == t)
        n_gold = sum(v for (g, _), v in confusion.items() if g == t)
        per_type[t] = _prf(tp, n_pred, n_gold) | {"support": n_gold}
    return {
        "records": n,
        "type_accuracy": correct / n if n else 0.0,
        "macro_f1": sum(v["f1"] for v in per_type.values()) / len(per_type) if per_type else 0.0,
        "source": _prf(*roles["source"]),
        "target": _prf(*roles["target"]),
        "per_type": per_type,
        "seconds": elapsed,
        "mistakes": mistakes,
    }


def _table(result: dict[str, Any]) -> str:
    lines = [f"PLOVER GSR: {result['records']} records, {result['seconds']:.1f}s", ""]
    lines.append(f"{'type':<12} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}")
    for t, v in result["per_type"].items():
        lines.append(f"{t:<12} {v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f} {v['support']:4d}")
    lines.append("")
    lines.append(f"type accuracy   {result['type_accuracy']:.3f}")
    lines.append(f"macro-F1        {result['macro_f1']:.3f}")
    for role in ("source", "target"):
        v = result[role]
        lines.append(f"{role:<6} actor   P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--split", choices=("a", "b", "all"), default="all", help="deterministic half (see above)")
    ap.add_argument("--fold", type=int, choices=(0, 1), default=None, help="alternate records of the half")
    ap.add_argument("--sets", default="", help="probe files: comma-separated 'set' numbers to keep (e.g. 19,20)")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    ap.add_argument("--mistakes", action="store_true", help="list the wrongly typed records")
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(f"PLOVER data not found at {args.data}; pass --data PATH to plover_gsr_dev.json", file=sys.stderr)
        return 2
    records = split_records(json.loads(args.data.read_text(encoding="utf-8")), args.split)
    records = fold_records(records, args.fold)
    if args.sets:
        keep = {int(x) for x in args.sets.split(",") if x.strip()}
        records = [r for r in records if r.get("set") in keep]
    if args.limit:
        records = records[: args.limit]
    result = evaluate(records)
    if args.json:
        print(json.dumps(result if args.mistakes else {k: v for k, v in result.items() if k != "mistakes"}, indent=2))
    else:
        print(_table(result))
        if args.mistakes:
            for m in result["mistakes"]:
                print(f"{m['gold']:<12} -> {m['pred']:<12} {m['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
