"""Score Dossier's temporal tagger on TempEval-3 (TimeML ``.tml`` files).

Usage::

    .venv/bin/python eval/tempeval.py [--data PATH] [--split a|b|all] [--fold K/N] [--json] [--errors N]

``--split`` picks a deterministic half of the files (sorted by file name,
then alternating: ``a`` takes the 1st, 3rd, 5th ... file, ``b`` the 2nd, 4th
...). Rules are studied on half ``a``; half ``b`` is the held-out check.
``--fold K/N`` deals the chosen split's files round-robin into N folds and
scores fold K, so a rule found on one fold of half ``a`` can be checked on
the other before half ``b`` is ever run.

Scored is what the product emits: each document runs through the real
``dossier.analyze.Analyzer()`` as ``dossier analyze --language en --published
DCT`` runs it (sentences from the entity stage, a Russian dateline's anchor and
all), and its ``time`` records are compared with the gold.  ``--tagger-only``
calls the time tagger alone on the bare text instead: quicker for studying a
rule, but not the product's output, so never the figure to report.

The default data path is ``../shared/data/tempeval3/Training/TBAQ-cleaned``
relative to the repository root.  For each ``.tml`` file the raw text is the
content of ``<TEXT>`` with all tags stripped; gold TIMEX3 offsets index that
text; the document creation time (``<DCT><TIMEX3 value=...>``) is the anchor
and is not itself scored.

Measures (TempEval-3, UzZaman et al. 2013):

* strict extent P/R/F1: a system timex counts when its span equals a gold span;
* relaxed extent P/R/F1: when it overlaps one (one-to-one, greedy by overlap);
* type / value accuracy: share of relaxed matches whose attribute is right;
* type / value F1: relaxed F1 x attribute accuracy, i.e. the F1 of counting
  only matches whose attribute is right (the official "attribute F1");
* mod accuracy: share of relaxed matches whose TIMEX3 ``mod`` agrees (both
  absent counts as agreement), reported apart, not part of any F1.

Exit status 2 when the data directory is missing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as dtime
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from dossier.analyze.time import tag_times  # noqa: E402

DEFAULT_DATA = REPO / ".." / "shared" / "data" / "tempeval3" / "Training" / "TBAQ-cleaned"


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    text: str
    timex_type: str
    value: str
    mod: str | None = None


@dataclass(slots=True)
class Doc:
    name: str
    text: str
    dct: date | None
    gold: list[Gold]


def _walk(el: Element, parts: list[str], pos: int, gold: list[Gold]) -> int:
    """Append the text under ``el`` to ``parts``; record TIMEX3 spans. Returns the new offset."""
    if el.text:
        parts.append(el.text)
        pos += len(el.text)
    for child in el:
        start = pos
        pos = _walk(child, parts, pos, gold)
        if child.tag == "TIMEX3" and child.get("functionInDocument") != "CREATION_TIME":
            text = "".join(parts)[start:pos]
            gold.append(Gold(start, pos, text, child.get("type", ""), child.get("value", ""), child.get("mod")))
        if child.tail:
            parts.append(child.tail)
            pos += len(child.tail)
    return pos


def parse_tml(path: Path) -> Doc:
    root = ElementTree.parse(path).getroot()
    dct: date | None = None
    dct_el = root.find("DCT/TIMEX3")
    if dct_el is not None:
        v = dct_el.get("value", "")
        try:
            dct = date.fromisoformat(v[:10])
        except ValueError:
            dct = None
    text_el = root.find("TEXT")
    parts: list[str] = []
    gold: list[Gold] = []
    if text_el is not None:
        _walk(text_el, parts, 0, gold)
    return Doc(path.name, "".join(parts), dct, sorted(gold, key=lambda g: g.start))


@dataclass(slots=True)
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    mod_ok: int = 0


def product_times(docs: list[Doc]) -> list[list[Any]]:
    """Each document's time expressions as ``dossier analyze --language en --published DCT`` emits them."""
    from dossier.analyze import Analyzer
    from dossier.model import Article

    articles = (
        Article(text=doc.text, language="en", published=datetime.combine(doc.dct, dtime()))
        if doc.dct
        else Article(text=doc.text, language="en")
        for doc in docs
    )
    return [analysis.times for _article, analysis in Analyzer().pipe(articles)]


def score_doc(doc: Doc, counts: Counts, errors: list[str] | None, sys_times: list[Any] | None = None) -> None:
    """Score one document's system times (``None``: the time tagger alone, ``--tagger-only``)."""
    if sys_times is None:
        sys_times = tag_times(doc.text, language="en", anchor=doc.dct)
    counts.gold += len(doc.gold)
    counts.system += len(sys_times)
    used: set[int] = set()
    for g in doc.gold:
        best, best_ov = -1, 0
        for i, t in enumerate(sys_times):
            if i in used:
                continue
            ov = min(g.end, t.end) - max(g.start, t.start)
            exact = t.start == g.start and t.end == g.end
            if ov > 0 and (exact or ov > best_ov):
                best, best_ov = i, (1 << 30 if exact else ov)
        if best < 0:
            if errors is not None:
                errors.append(f"MISS  {doc.name}: {g.text!r} {g.timex_type} {g.value}  dct={doc.dct}")
            continue
        used.add(best)
        t = sys_times[best]
        counts.relaxed += 1
        counts.strict += int(t.start == g.start and t.end == g.end)
        counts.type_ok += int(t.timex_type == g.timex_type)
        counts.value_ok += int(t.value == g.value)
        counts.mod_ok += int((t.mod or None) == (g.mod or None))
        if errors is not None and (t.value != g.value or t.timex_type != g.timex_type):
            errors.append(
                f"VALUE {doc.name}: gold {g.text!r} {g.timex_type} {g.value} | "
                f"sys {t.text!r} {t.timex_type} {t.value}  dct={doc.dct}"
            )
    if errors is not None:
        for i, t in enumerate(sys_times):
            if i not in used:
                errors.append(f"EXTRA {doc.name}: {t.text!r} {t.timex_type} {t.value}")


def _prf(hit: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = hit / n_sys if n_sys else 0.0
    r = hit / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def summarise(c: Counts) -> dict[str, float | int]:
    sp, sr, sf = _prf(c.strict, c.system, c.gold)
    rp, rr, rf = _prf(c.relaxed, c.system, c.gold)
    type_acc = c.type_ok / c.relaxed if c.relaxed else 0.0
    value_acc = c.value_ok / c.relaxed if c.relaxed else 0.0
    return {
        "gold": c.gold,
        "system": c.system,
        "strict_p": sp,
        "strict_r": sr,
        "strict_f1": sf,
        "relaxed_p": rp,
        "relaxed_r": rr,
        "relaxed_f1": rf,
        "type_accuracy": type_acc,
        "type_f1": rf * type_acc,
        "value_accuracy": value_acc,
        "value_f1": rf * value_acc,
        "mod_accuracy": c.mod_ok / c.relaxed if c.relaxed else 0.0,
    }


def _fold(spec: str) -> tuple[int, int]:
    """Parse ``K/N`` (1 <= K <= N); the error names the bad value and the valid shape."""
    k_text, _, n_text = spec.partition("/")
    if not (k_text.isdigit() and n_text.isdigit() and 1 <= int(k_text) <= int(n_text)):
        raise argparse.ArgumentTypeError(f"{spec!r} is not K/N with 1 <= K <= N (e.g. 1/2)")
    return int(k_text), int(n_text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="directory holding .tml files (searched recursively)"
    )
    ap.add_argument(
        "--split",
        choices=("a", "b", "all"),
        default="all",
        help="score half a (odd files in name order), half b (even files) or all",
    )
    ap.add_argument(
        "--fold",
        type=_fold,
        default=None,
        metavar="K/N",
        help="score only fold K of N of the chosen split (files dealt round-robin in name order), "
        "so a rule studied on one fold can be checked on another",
    )
    ap.add_argument(
        "--tagger-only",
        action="store_true",
        help="run the time tagger alone on the bare text (quicker; not the product's output: never report it)",
    )
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="print up to N mismatches (for debugging)")
    args = ap.parse_args(argv)
    data: Path = args.data
    files = sorted(data.rglob("*.tml"), key=lambda f: f.name) if data.is_dir() else []
    if args.split != "all":
        files = files[(0 if args.split == "a" else 1) :: 2]
    if args.fold is not None:
        k, n = args.fold
        files = files[k - 1 :: n]
    if not files:
        print(f"tempeval: no TempEval-3 .tml files under {data} (get TBAQ-cleaned and pass --data)", file=sys.stderr)
        return 2
    counts = Counts()
    errors: list[str] | None = [] if args.errors else None
    t0 = time.perf_counter()
    docs = [parse_tml(f) for f in files]
    t1 = time.perf_counter()
    emitted = [None] * len(docs) if args.tagger_only else product_times(docs)
    for doc, sys_times in zip(docs, emitted, strict=True):
        score_doc(doc, counts, errors, sys_times)
    t2 = time.perf_counter()
    res = summarise(counts)
    res["documents"] = len(docs)
    res["split"] = args.split
    res["fold"] = f"{args.fold[0]}/{args.fold[1]}" if args.fold else "all"
    res["scored"] = "time tagger alone (--tagger-only)" if args.tagger_only else "dossier analyze output"
    res["tag_seconds"] = round(t2 - t1, 3)
    res["parse_seconds"] = round(t1 - t0, 3)
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        print(
            f"TempEval-3 timex evaluation (split {args.split}, fold {res['fold']}): {len(docs)} documents, "
            f"{counts.gold} gold, {counts.system} system; scored: {res['scored']}"
        )
        print(f"{'':10}{'P':>8}{'R':>8}{'F1':>8}")
        for k in ("strict", "relaxed"):
            print(f"{k:10}{res[k + '_p']:8.4f}{res[k + '_r']:8.4f}{res[k + '_f1']:8.4f}")
        print(f"{'type':10}{'acc':>8}{res['type_accuracy']:8.4f}{'F1':>8}{res['type_f1']:8.4f}")
        print(f"{'value':10}{'acc':>8}{res['value_accuracy']:8.4f}{'F1':>8}{res['value_f1']:8.4f}")
        print(f"{'mod':10}{'acc':>8}{res['mod_accuracy']:8.4f}")
        print(f"tagging time {res['tag_seconds']}s")
    if errors:
        for line in errors[: args.errors]:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
