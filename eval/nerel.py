"""Score Dossier's Russian person/org/place mentions on NEREL v1.1 (Russian news, nested NER).

Usage (from the repository root)::

    .venv/bin/python eval/nerel.py --split a            # NEREL train, development half
    .venv/bin/python eval/nerel.py --split a --limit 50 # its first 50 documents
    .venv/bin/python eval/nerel.py --split a --json     # machine-readable result
    .venv/bin/python eval/nerel.py --split a --mistakes 10   # errors by class, 10 examples each
    .venv/bin/python eval/nerel.py --folder dev         # NEREL dev folder (held out: see below)

Why: factRuEval-2016 is the only Russian corpus the rules were written against.  NEREL
(Loukachevitch et al. 2021, 2023) is other Russian news, other annotators and other
guidelines: a check of how far the rules generalise.

What is scored: exactly what ``dossier analyze --json`` emits, through the same function
``eval/ner.py`` calls (``ner.dossier``: the entity stage's mentions, person→PER, org→ORG,
place→LOC, descriptors left out).  The product's output is never remapped.  The bare natasha
tagger is scored beside it in the same run (its PER/ORG/LOC labels).

Gold side, decided once from ``annotation.conf`` (29 nested types):

* PER ← ``PERSON``;
* ORG ← ``ORGANIZATION``;
* LOC ← ``COUNTRY``, ``CITY``, ``STATE_OR_PROVINCE``, ``DISTRICT``, ``LOCATION``: the five
  geographical types (the ones ``PLACE_OF_BIRTH``/``PLACE_RESIDES_IN`` take besides FACILITY).
* Not scored: ``FACILITY`` (buildings, airports, streets: Dossier has no facility kind and
  natasha's LOC covers them only now and then), ``NATIONALITY``, ``PROFESSION``, ``EVENT``,
  ``FAMILY`` and the other 19 types.  A prediction inside or over one of them that matches
  no scored span counts as a false positive like any other (the mistake listing names the
  NEREL type it hit).
* Only the outermost scored spans count: a PER/ORG/LOC span lying inside another PER/ORG/LOC
  span is dropped (``Киргизии`` inside the organisation ``Правоохранительные органы
  Киргизии``; ``США`` inside ``посольство США``).  Spans inside an unscored type stay
  (``США`` in the PROFESSION ``президент США`` is a place).  A span given two scored types
  keeps both.
* A discontinuous annotation (``0 5;12 20``) counts as its extent, first to last character
  (as ``eval/ner.py`` does for factRuEval).

Scores per type and for all three: exact match (type, start, end) P/R/F1, and overlap P/R/F1
(a prediction is right when it overlaps a gold span of its type; a gold span is found when a
prediction of its type overlaps it).

Halves (``--split a|b``): the ``train`` folder's documents in file-name order, half ``a`` the
1st, 3rd, 5th… document, half ``b`` the 2nd, 4th….  Study and tune on ``--folder train
--split a`` only; half ``b`` and the whole ``dev`` folder are held out.

``--mistakes N`` sorts every exact-match error into classes (boundary, kind, both, spurious by
the NEREL type it overlaps, missed by gold type) and prints the counts and N examples of each.

Exit status 2 when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

# The sibling script's halves and scores, so both NER tables are computed one way.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from ner import half, prf

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "../shared/data"
TYPES = ("PER", "ORG", "LOC")
GOLD_TYPES = {
    "PERSON": "PER",
    "ORGANIZATION": "ORG",
    "COUNTRY": "LOC",
    "CITY": "LOC",
    "STATE_OR_PROVINCE": "LOC",
    "DISTRICT": "LOC",
    "LOCATION": "LOC",
}

Span = tuple[str, int, int]  # (type, start, end)


@dataclass
class NerelDoc:
    name: str
    text: str
    spans: set[Span]  # scored gold: outermost PER/ORG/LOC
    every: list[Span] = field(default_factory=list)  # every annotation, NEREL type names


def read_ann(text: str, ann: str) -> tuple[set[Span], list[Span]]:
    """Scored gold spans and all annotations of one brat ``.ann`` file."""
    every: list[Span] = []
    for line in ann.splitlines():
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        label, _, offsets = parts[1].partition(" ")
        pos = [tuple(int(x) for x in piece.split()) for piece in offsets.split(";") if piece.strip()]
        if not pos:
            continue
        start, end = min(p[0] for p in pos), max(p[1] for p in pos)
        if 0 <= start < end <= len(text):
            every.append((label, start, end))
    scored = {(GOLD_TYPES[t], s, e) for t, s, e in every if t in GOLD_TYPES}
    outer = {
        sp
        for sp in scored
        if not any(o[1] <= sp[1] and sp[2] <= o[2] and (o[1], o[2]) != (sp[1], sp[2]) for o in scored)
    }
    return outer, every


def read_nerel(folder: Path) -> list[NerelDoc]:
    def order(p: Path) -> tuple[int, str]:
        digits = re.sub(r"\D", "", p.stem)
        return (int(digits) if digits else -1, p.stem)

    docs = []
    for txt in sorted(folder.glob("*.txt"), key=order):
        ann = txt.with_suffix(".ann")
        if not ann.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        spans, every = read_ann(text, ann.read_text(encoding="utf-8"))
        docs.append(NerelDoc(txt.stem, text, spans, every))
    return docs


def _overlaps(a: Span, b: Span) -> bool:
    return a[1] < b[2] and b[1] < a[2]


@dataclass
class Score:
    exact: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    overlap: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, gold: set[Span], pred: set[Span]) -> None:
        for t, *_ in gold & pred:
            self.exact[t]["tp"] += 1
        for t, *_ in pred - gold:
            self.exact[t]["fp"] += 1
        for t, *_ in gold - pred:
            self.exact[t]["fn"] += 1
        for p in pred:  # precision side: a prediction overlapping a gold span of its type
            ok = any(g[0] == p[0] and _overlaps(g, p) for g in gold)
            self.overlap[p[0]]["ptp" if ok else "fp"] += 1
        for g in gold:  # recall side: a gold span overlapped by a prediction of its type
            ok = any(g[0] == p[0] and _overlaps(g, p) for p in pred)
            self.overlap[g[0]]["rtp" if ok else "fn"] += 1

    def table(self) -> dict[str, dict[str, dict[str, float]]]:
        out: dict[str, dict[str, dict[str, float]]] = {}
        for t in ("all", *TYPES):
            ts = list(TYPES) if t == "all" else [t]
            e = {k: sum(self.exact[x][k] for x in ts) for k in ("tp", "fp", "fn")}
            o = {k: sum(self.overlap[x][k] for x in ts) for k in ("ptp", "rtp", "fp", "fn")}
            ex = prf(e["tp"], e["fp"], e["fn"])
            p = o["ptp"] / (o["ptp"] + o["fp"]) if o["ptp"] + o["fp"] else 0.0
            r = o["rtp"] / (o["rtp"] + o["fn"]) if o["rtp"] + o["fn"] else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            ov = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "support": o["rtp"] + o["fn"]}
            out[t] = {"exact": ex, "overlap": ov}
        return out


# --------------------------------------------------------------------------- mistakes


def classify(doc: NerelDoc, pred: set[Span]) -> list[tuple[str, str]]:
    """(class, example line) for every exact-match error of one document."""
    gold = doc.spans
    out: list[tuple[str, str]] = []
    text = doc.text

    def show(sp: Span) -> str:
        return f"{sp[0]} «{flat(text[sp[1] : sp[2]])}»"

    def flat(t: str) -> str:
        return t.replace("\n", "⏎")

    def ctx(s: int, e: int) -> str:
        return f"…{flat(text[max(0, s - 40) : s])}[{flat(text[s:e])}]{flat(text[e : e + 40])}…"

    for p in sorted(pred - gold, key=lambda x: x[1]):
        same_span = [g for g in gold if (g[1], g[2]) == (p[1], p[2])]
        near = [g for g in gold if _overlaps(g, p)]
        if same_span:
            cls = f"kind: {same_span[0][0]} given as {p[0]}"
            line = f"{show(p)} gold {show(same_span[0])}"
        elif any(g[0] == p[0] for g in near):
            g = next(g for g in near if g[0] == p[0])
            if g[1] <= p[1] and p[2] <= g[2]:
                cls = f"boundary {p[0]}: prediction inside gold"
            elif p[1] <= g[1] and g[2] <= p[2]:
                cls = f"boundary {p[0]}: prediction over gold"
            else:
                cls = f"boundary {p[0]}: crossing"
            line = f"{show(p)} gold {show(g)}"
        elif near:
            g = near[0]
            cls = f"kind+boundary: {g[0]} given as {p[0]}"
            line = f"{show(p)} gold {show(g)}"
        else:
            hit = [a for a in doc.every if _overlaps(a, p)]
            exact_hit = [a for a in hit if (a[1], a[2]) == (p[1], p[2])]
            if exact_hit:
                what = "= " + exact_hit[0][0]
            elif hit:
                what = "~ " + max(hit, key=lambda a: a[2] - a[1])[0]
            else:
                what = "no annotation"
            cls = f"spurious {p[0]} ({what})"
            line = show(p)
        out.append((cls, f"{line}   {ctx(p[1], p[2])}"))
    for g in sorted(gold - pred, key=lambda x: x[1]):
        if any(_overlaps(g, p) for p in pred):
            continue  # counted above as boundary or kind
        types = [a[0] for a in doc.every if (a[1], a[2]) == (g[1], g[2]) and a[0] in GOLD_TYPES]
        out.append((f"missed {g[0]} ({'/'.join(sorted(set(types))) or '?'})", f"{show(g)}   {ctx(g[1], g[2])}"))
    return out


# --------------------------------------------------------------------------- main


def run(docs: list[NerelDoc], peers: bool) -> tuple[dict[str, object], list[set[Span]]]:
    sys.path.insert(0, str(ROOT / "src"))
    from ner import bare_natasha, dossier

    systems = {"dossier": lambda texts: dossier(texts, "ru")}
    if peers:
        systems = {"natasha_bare": bare_natasha, **systems}
    texts = [d.text for d in docs]
    result: dict[str, object] = {}
    preds_dossier: list[set[Span]] = []
    for name, fn in systems.items():
        t0 = time.perf_counter()
        preds = fn(texts)
        secs = time.perf_counter() - t0
        score = Score()
        for d, p in zip(docs, preds, strict=True):
            score.add(d.spans, p)
        result[name] = {**score.table(), "seconds": round(secs, 2)}
        if name == "dossier":
            preds_dossier = preds
    return result, preds_dossier


def _table(title: str, res: dict[str, object]) -> str:
    head = f"{'system':<14}{'type':<5}" + "".join(f"{h:>8}" for h in ("P", "R", "F1", "oP", "oR", "oF1", "support"))
    lines = [title, "(exact match; o = overlap)", head]
    for name, r in res.items():
        assert isinstance(r, dict)
        for t in ("all", *TYPES):
            ex, ov = r[t]["exact"], r[t]["overlap"]
            nums = [ex["p"], ex["r"], ex["f1"], ov["p"], ov["r"], ov["f1"]]
            lines.append(f"{name:<14}{t:<5}" + "".join(f"{x:>8.4f}" for x in nums) + f"{ex['support']:>8}")
        lines.append(f"{'':<14}({r['seconds']} s)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N documents of the half")
    ap.add_argument("--json", action="store_true", help="print JSON instead of tables")
    ap.add_argument("--split", choices=("a", "b", "all"), default="all", help="one fixed half (see above)")
    ap.add_argument("--folder", choices=("train", "dev"), default="train", help="NEREL folder (dev: held out)")
    ap.add_argument("--data", type=Path, default=None, help="folder holding nerel/NEREL-v1.1/")
    ap.add_argument("--mistakes", type=int, default=0, metavar="N", help="errors by class, N examples each")
    ap.add_argument("--no-peer", action="store_true", help="skip the bare natasha run")
    args = ap.parse_args(argv)
    folder = (args.data if args.data is not None else DATA) / "nerel/NEREL-v1.1" / args.folder
    if not folder.is_dir():
        print(f"evaluation data not found: {folder.resolve()}", file=sys.stderr)
        print("expected ../shared/data/nerel/NEREL-v1.1/{train,dev}/ (brat .txt + .ann)", file=sys.stderr)
        return 2
    docs = half(read_nerel(folder), args.split)[: args.limit]
    res, preds = run(docs, peers=not args.no_peer)
    out: dict[str, object] = {"nerel": res, "docs": len(docs), "folder": args.folder, "split": args.split}
    classes: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for d, p in zip(docs, preds, strict=True):
        for cls, line in classify(d, p):
            classes[cls] += 1
            if len(examples[cls]) < args.mistakes:
                examples[cls].append(f"{d.name}: {line}")
    out["mistake_classes"] = dict(classes.most_common())
    if args.json:
        if args.mistakes:
            out["mistake_examples"] = examples
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    print(_table(f"\nNEREL {args.folder} ({len(docs)} docs, split {args.split})", res))
    print("\nmistake classes (exact match errors of dossier):")
    for cls, n in classes.most_common():
        print(f"{n:>6}  {cls}")
        for line in examples.get(cls, []):
            print(f"          {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
