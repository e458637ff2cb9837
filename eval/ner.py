"""Score Dossier's entity stage against the bare base models on annotated NER data.

Usage (from the repository root)::

    .venv/bin/python eval/ner.py                 # CoNLL-2003 testa + factRuEval-2016 devset
    .venv/bin/python eval/ner.py --limit 50      # first 50 documents of each corpus
    .venv/bin/python eval/ner.py --json          # machine-readable result
    .venv/bin/python eval/ner.py --bench 300     # also: docs/s of the stage vs bare spaCy on BBC texts
    .venv/bin/python eval/ner.py --split a       # development half (b: held-out half; default all)

Why side by side in one run: the entity stage adds rule layers (equipment,
outlets, titles, coreference) on top of en_core_web_sm and natasha; this
command shows that those layers do not cost PER/ORG/LOC accuracy, on the
same texts and the same machine.

Scoring: entity-level exact match (type, start, end), micro P/R/F1 per type.
CoNLL-2003: IOB1 converted to IOB2, MISC ignored, each document's tokens
joined by spaces and its sentences by newlines.  factRuEval-2016: an object's
extent is the span from its first to its last character; Person→PER,
Org→ORG, Location and LocOrg→LOC.  Dossier's mentions map person→PER (not
descriptors such as "the Belarusian leader"), org→ORG, place→LOC; the bare
spaCy labels map PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC.

Halves (``--split a|b``): the rule layers were written while looking at
these same files, so a score on all of them flatters the rules.  Each
corpus is read in a fixed order (CoNLL-2003 in file order, factRuEval by
document number) and split by position: half ``a`` takes the 1st, 3rd, 5th…
document, half ``b`` the 2nd, 4th….  Study errors on ``a`` only; ``b`` is
the held-out check.

Exit status 2 when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "../shared/data"
CONLL = DATA / "conll2003/eng.testa"
FACTRU = DATA / "factrueval2016/devset"
BBC = ROOT / "../shared/bench/bbc-news.jsonl"
TYPES = ("PER", "ORG", "LOC")

Span = tuple[str, int, int]  # (type, start, end)


#: Any document type: the halves are taken the same way for every corpus.
Doc = TypeVar("Doc")

@dataclass
class GoldDoc:
    text: str
    spans: set[Span]


@dataclass
class Score:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    def add(self, gold: set[Span], pred: set[Span]) -> None:
        for t, *_ in gold & pred:
            self.tp[t] += 1
        for t, *_ in pred - gold:
            self.fp[t] += 1
        for t, *_ in gold - pred:
            self.fn[t] += 1

    def prf(self, t: str | None = None) -> dict[str, float]:
        types = [t] if t else list(TYPES)
        tp = sum(self.tp[x] for x in types)
        fp = sum(self.fp[x] for x in types)
        fn = sum(self.fn[x] for x in types)
        return prf(tp, fp, fn)


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 of span counts, rounded as every NER table here prints them."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "support": tp + fn}


# --------------------------------------------------------------------------- readers


def read_conll(path: Path) -> Iterator[GoldDoc]:
    """Documents of a CoNLL-2003 file, IOB1 tags converted to IOB2 spans (MISC dropped)."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []

    def flush_doc() -> GoldDoc | None:
        if current:
            sentences.append(list(current))
            current.clear()
        if not sentences:
            return None
        doc = _conll_doc(sentences)
        sentences.clear()
        return doc

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            doc = flush_doc()
            if doc:
                yield doc
            continue
        if not line.strip():
            if current:
                sentences.append(list(current))
                current.clear()
            continue
        parts = line.split()
        current.append((parts[0], parts[-1]))
    doc = flush_doc()
    if doc:
        yield doc


def iob1_to_iob2(tags: list[str]) -> list[str]:
    out, prev = [], "O"
    for tag in tags:
        if tag.startswith("I-"):
            t = tag[2:]
            if prev == "O" or prev[2:] != t:
                tag = "B-" + t
        out.append(tag)
        prev = tag
    return out


def _conll_doc(sentences: list[list[tuple[str, str]]]) -> GoldDoc:
    pieces: list[str] = []
    spans: set[Span] = set()
    pos = 0
    for si, sent in enumerate(sentences):
        if si:
            pieces.append("\n")
            pos += 1
        tags = iob1_to_iob2([t for _, t in sent])
        ent: list[object] | None = None
        for ti, ((tok, _), tag) in enumerate(zip(sent, tags, strict=True)):
            if ti:
                pieces.append(" ")
                pos += 1
            start, end = pos, pos + len(tok)
            pieces.append(tok)
            pos = end
            if tag.startswith("B-"):
                if ent:
                    spans.add((str(ent[0]), int(ent[1]), int(ent[2])))  # type: ignore[call-overload]
                ent = [tag[2:], start, end]
            elif tag.startswith("I-") and ent:
                ent[2] = end
            else:
                if ent:
                    spans.add((str(ent[0]), int(ent[1]), int(ent[2])))  # type: ignore[call-overload]
                ent = None
        if ent:
            spans.add((str(ent[0]), int(ent[1]), int(ent[2])))  # type: ignore[call-overload]
    gold = {s for s in spans if s[0] in TYPES}
    return GoldDoc("".join(pieces), gold)


_FR_TYPES = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}


def read_factrueval(folder: Path) -> Iterator[GoldDoc]:
    """factRuEval-2016 documents: objects → (type, first char, last char) spans."""
    for txt in sorted(folder.glob("*.txt"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 0)):
        text = txt.read_text(encoding="utf-8-sig")
        spans_file, objects_file = txt.with_suffix(".spans"), txt.with_suffix(".objects")
        if not spans_file.exists() or not objects_file.exists():
            continue
        span_pos: dict[str, tuple[int, int]] = {}
        for line in spans_file.read_text(encoding="utf-8").splitlines():
            fields = line.split("#", 1)[0].split()
            if len(fields) >= 4:
                start, length = int(fields[2]), int(fields[3])
                span_pos[fields[0]] = (start, start + length)
        gold: set[Span] = set()
        for line in objects_file.read_text(encoding="utf-8").splitlines():
            fields = line.split("#", 1)[0].split()
            if len(fields) < 3 or fields[1] not in _FR_TYPES:
                continue
            pos = [span_pos[s] for s in fields[2:] if s in span_pos]
            if pos:
                gold.add((_FR_TYPES[fields[1]], min(p[0] for p in pos), max(p[1] for p in pos)))
        yield GoldDoc(text, gold)


def half(docs: list[Doc], split: str) -> list[Doc]:
    """Half ``a`` (1st, 3rd… document in reading order), half ``b`` (2nd, 4th…) or ``all``."""
    if split == "all":
        return docs
    return docs[0 if split == "a" else 1 :: 2]


# --------------------------------------------------------------------------- systems

_BARE_EN = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
_DOSSIER = {"person": "PER", "org": "ORG", "place": "LOC"}


def bare_spacy(texts: list[str]) -> list[set[Span]]:
    from dossier.analyze.nlp import english_bare

    nlp = english_bare()
    return [
        {(_BARE_EN[e.label_], e.start_char, e.end_char) for e in doc.ents if e.label_ in _BARE_EN}
        for doc in nlp.pipe(texts, batch_size=32)
    ]


def bare_natasha(texts: list[str]) -> list[set[Span]]:
    from dossier.analyze.nlp import russian

    tagger = russian().ner_tagger
    out = []
    for text in texts:
        markup = tagger(text)
        out.append({(s.type, s.start, s.stop) for s in markup.spans if s.type in TYPES})
    return out


def dossier(texts: list[str], language: str) -> list[set[Span]]:
    from dossier.analyze.entities import EntityStage
    from dossier.analyze.pipeline import make_context
    from dossier.model import Article

    stage = EntityStage()
    out: list[set[Span]] = []
    for i in range(0, len(texts), 32):
        ctxs = [make_context(Article(text=t, language=language)) for t in texts[i : i + 32]]
        stage(ctxs)
        for ctx in ctxs:
            out.append(
                {
                    (_DOSSIER[m.kind], m.start, m.end)
                    for m in ctx.analysis.mentions
                    if m.kind in _DOSSIER and not m.attrs.get("descriptor")
                }
            )
    return out


def evaluate(docs: list[GoldDoc], systems: dict[str, object]) -> dict[str, dict[str, object]]:
    texts = [d.text for d in docs]
    result: dict[str, dict[str, object]] = {}
    for name, fn in systems.items():
        t0 = time.perf_counter()
        preds = fn(texts)  # type: ignore[operator]
        secs = time.perf_counter() - t0
        score = Score()
        for d, p in zip(docs, preds, strict=True):
            score.add(d.spans, p)
        result[name] = {"all": score.prf(), **{t: score.prf(t) for t in TYPES}, "seconds": round(secs, 2)}
    return result


# --------------------------------------------------------------------------- benchmark


def bench(n: int, rounds: int = 2) -> dict[str, object]:
    """Docs/s of the entity stage vs bare spaCy on ``n`` BBC texts, same run.

    The machine is shared, so each system runs ``rounds`` times, interleaved,
    and the fastest round counts.
    """
    import spacy

    from dossier.analyze.entities import EntityStage
    from dossier.analyze.nlp import EN_MODEL, PARSE_PIPES, english, english_bare
    from dossier.analyze.pipeline import make_context
    from dossier.model import Article

    texts = [json.loads(line)["text"] for line in _head(BBC, n)]
    english()
    full = english_bare()
    lean = spacy.load(EN_MODEL, exclude=list(PARSE_PIPES))
    lean.enable_pipe("senter")
    stage = EntityStage()

    def run_full() -> None:
        for _ in full.pipe(texts, batch_size=64):
            pass

    def run_lean() -> None:
        for _ in lean.pipe(texts, batch_size=64):
            pass

    def run_stage() -> None:
        for i in range(0, len(texts), 64):
            stage([make_context(Article(text=t, language="en")) for t in texts[i : i + 64]])

    runs = {"full": run_full, "lean": run_lean, "stage": run_stage}
    for fn in runs.values():  # warm-up on a few texts
        saved = texts[:]
        texts[:] = saved[:5]
        fn()
        texts[:] = saved
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(rounds):
        for name, fn in runs.items():
            t0 = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    return {
        "docs": len(texts),
        "rounds": rounds,
        "bare_full_spacy_docs_per_s": round(len(texts) / best["full"], 2),
        "bare_senter_ner_docs_per_s": round(len(texts) / best["lean"], 2),
        "entity_stage_docs_per_s": round(len(texts) / best["stage"], 2),
        "stage_vs_full_spacy": round(best["full"] / best["stage"], 2),
    }


def _head(path: Path, n: int) -> Iterable[str]:
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= n:
                break
            yield line


# --------------------------------------------------------------------------- main


def _table(title: str, res: dict[str, dict[str, object]]) -> str:
    lines = [title, f"{'system':<18}{'type':<6}{'P':>8}{'R':>8}{'F1':>8}{'support':>9}"]
    for name, r in res.items():
        for t in ("all", *TYPES):
            s = r[t]
            assert isinstance(s, dict)
            lines.append(f"{name:<18}{t:<6}{s['p']:>8.4f}{s['r']:>8.4f}{s['f1']:>8.4f}{s['support']:>9}")
        lines.append(f"{'':<18}({r['seconds']} s)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N documents of each corpus")
    ap.add_argument("--json", action="store_true", help="print JSON instead of tables")
    ap.add_argument("--only", choices=["conll", "factrueval"], default=None)
    ap.add_argument("--bench", type=int, default=0, metavar="N", help="also time N BBC texts")
    ap.add_argument("--split", choices=("a", "b", "all"), default="all", help="score one fixed half (see above)")
    ap.add_argument("--data", type=Path, default=None, help="folder holding conll2003/ and factrueval2016/")
    args = ap.parse_args(argv)
    global CONLL, FACTRU
    if args.data is not None:
        CONLL, FACTRU = args.data / "conll2003/eng.testa", args.data / "factrueval2016/devset"

    missing = [p for p in (CONLL, FACTRU) if not p.exists()]
    if args.only == "conll":
        missing = [p for p in missing if p == CONLL]
    elif args.only == "factrueval":
        missing = [p for p in missing if p == FACTRU]
    if missing:
        print("evaluation data not found: " + ", ".join(str(p.resolve()) for p in missing), file=sys.stderr)
        print("expected ../shared/data/conll2003/eng.testa and ../shared/data/factrueval2016/devset/", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT / "src"))
    out: dict[str, object] = {}
    if args.only in (None, "conll"):
        docs = half(list(read_conll(CONLL)), args.split)[: args.limit]
        out["conll2003_testa"] = evaluate(
            docs,
            {
                "spacy_sm_bare": bare_spacy,
                "dossier": lambda texts: dossier(texts, "en"),
            },
        )
        out["conll2003_testa_docs"] = len(docs)
    if args.only in (None, "factrueval"):
        docs = half(list(read_factrueval(FACTRU)), args.split)[: args.limit]
        out["factrueval2016_dev"] = evaluate(
            docs,
            {
                "natasha_bare": bare_natasha,
                "dossier": lambda texts: dossier(texts, "ru"),
            },
        )
        out["factrueval2016_dev_docs"] = len(docs)
    if args.bench:
        if not BBC.exists():
            print(f"benchmark data not found: {BBC.resolve()}", file=sys.stderr)
            return 2
        out["bench_bbc"] = bench(args.bench)
    out["split"] = args.split
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    for key in ("conll2003_testa", "factrueval2016_dev"):
        if key in out:
            res = out[key]
            assert isinstance(res, dict)
            print(_table(f"\n{key} ({out[key + '_docs']} docs, split {args.split}), exact entity match", res))
    if "bench_bbc" in out:
        print("\nthroughput:", json.dumps(out["bench_bbc"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
