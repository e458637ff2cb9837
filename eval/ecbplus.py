"""Score story clustering and cross-document event coreference on ECB+.

Usage (from the repository root)::

    .venv/bin/python eval/ecbplus.py [--data ../shared/data/ecbplus/ECB+] [--split dev|held|all] [--json]

``--split dev`` reports only the odd topics (development), ``--split held``
only the even topics (held out: not for tuning), ``all`` (the default) both
and the whole stream; the story threshold is always tuned on the odd topics.

Stories: each topic has two sub-topics (``*ecb.xml`` and ``*ecbplus.xml``),
which are two different real-world developments of the same kind; they are the
gold stories.  Documents are streamed in a fixed shuffled order through
:class:`dossier.resolve.stories.StoryIndex`, and B-cubed P/R/F1 over documents is
reported on the odd topics (used to tune the threshold), the even topics
(held out) and all topics together (one stream).  Baseline: one cluster per
topic.

Events: cross-document event coreference with the gold event mentions
(``ACTION_*`` and ``NEG_ACTION_*`` markables in the sentences listed in
``ECBplus_coreference_sentences.csv``), clustered by
:class:`dossier.resolve.eventcoref.EventCorefIndex` inside Dossier's own
predicted stories; scored with MUC, B-cubed, CEAF-e and their mean (CoNLL F1).
Second setting: the events Dossier's own pipeline detects (entities, time,
quotes, events; the whole evaluation takes about a minute): each gold mention
takes the cluster of the Dossier event overlapping it, missed gold mentions
stay singletons.  The same run also clusters stories with Dossier's NER
entities, TIMEX dates, the people of the lead's events and the people its lead
names (what the product passes) instead of ``rough_entities``, and scores Dossier's events inside those
stories too (``events_dossier_stories``: the product end to end).  ``--gold-only`` skips
the pipeline.

The odd topics are also scored in two halves (topic % 4 == 1 and == 3, from
the same stream): a story change is kept only when it helps both.
``--errors`` prints each wrong join on the odd topics (an article joining a
story whose members so far are mostly the other sub-topic, with the shared
terms that made it join) and the merged sub-topics.  ``--set field=value``
overrides a :class:`~dossier.resolve.stories.StoryConfig` field (``--set
time_lead_words=60`` scores the contrasting lead dates, which are off by
default).

Exit status 2 when the data is absent.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
from defusedxml import ElementTree

from dossier.model import Event
from dossier.resolve.eventcoref import EventCorefIndex
from dossier.resolve.stories import (
    StoryConfig,
    StoryIndex,
    StoryState,
    lead_end,
    lead_names,
    lead_people,
    rough_entities,
)

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "ecbplus" / "ECB+"


@dataclass
class EventMention:
    doc: str
    sentence: int
    start: int  # char offsets into Doc.text
    end: int
    trigger: str
    tag: str
    gold: str
    args: list[tuple[str, str]] = field(default_factory=list)  # (tag, text) in the same sentence


@dataclass
class Doc:
    name: str
    topic: int
    sub: str  # "ecb" | "ecbplus"
    text: str
    sentences: list[tuple[int, int]]
    events: list[EventMention]
    sent_ids: list[int] = field(default_factory=list)  # ECB+ sentence number of each text sentence
    selected: set[int] = field(default_factory=set)  # sentences annotated for coreference

    @property
    def story(self) -> str:
        return f"{self.topic}{self.sub}"


def load_selected(data: Path) -> set[tuple[str, int]]:
    path = data.parent / "ECBplus_coreference_sentences.csv"
    out: set[tuple[str, int]] = set()
    if not path.exists():
        return out
    with path.open(newline="") as fh:
        for row in csv.DictReader(fh):
            out.add((f"{row['Topic']}_{row['File']}", int(row["Sentence Number"])))
    return out


def parse_doc(path: Path, selected: set[tuple[str, int]]) -> Doc:
    """Tokens joined into text (one line per sentence), and gold event mentions."""
    root = ElementTree.parse(path).getroot()
    name = path.name[: -len(".xml")]
    sub = "ecbplus" if name.endswith("ecbplus") else "ecb"
    topic = int(name.split("_")[0])
    spans: dict[str, tuple[int, int, int]] = {}
    parts: list[str] = []
    sentences: list[tuple[int, int]] = []
    offset = 0
    current = None
    sent_start = 0
    sent_of: dict[int, int] = {}
    for tok in root.iter("token"):
        sent = int(tok.get("sentence", "0"))
        if sub == "ecbplus" and sent == 0:
            continue  # the source URL, not text
        if sent != current:
            if current is not None:
                sentences.append((sent_start, offset))
                parts.append("\n")
                offset += 1
            current, sent_start = sent, offset
            sent_of[len(sentences)] = sent
        elif parts:
            parts.append(" ")
            offset += 1
        word = tok.text or ""
        spans[tok.get("t_id", "")] = (offset, offset + len(word), sent)
        parts.append(word)
        offset += len(word)
    if current is not None:
        sentences.append((sent_start, offset))
    text = "".join(parts)

    markables = root.find("Markables")
    mentions: dict[str, tuple[str, int, int, int]] = {}
    for m in markables if markables is not None else []:
        anchors = [spans[a.get("t_id", "")] for a in m.findall("token_anchor") if a.get("t_id", "") in spans]
        if not anchors:
            continue
        s = min(a[0] for a in anchors)
        e = max(a[1] for a in anchors)
        mentions[m.get("m_id", "")] = (m.tag, s, e, anchors[0][2])

    gold: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in relations if relations is not None else []:
        target = rel.find("target")
        tid = target.get("m_id", "") if target is not None else ""
        key = rel.get("note") if rel.tag == "CROSS_DOC_COREF" else f"{name}/intra/{tid}"
        for src in rel.findall("source"):
            gold[src.get("m_id", "")] = key or f"{name}/rel/{rel.get('r_id')}"

    events: list[EventMention] = []
    by_sentence: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for tag, s, e, sent in mentions.values():
        if not (tag.startswith("ACTION") or tag.startswith("NEG_ACTION")):
            by_sentence[sent].append((tag, text[s:e]))
    for mid, (tag, s, e, sent) in mentions.items():
        if not (tag.startswith("ACTION") or tag.startswith("NEG_ACTION")):
            continue
        if selected and (name, sent) not in selected:
            continue
        events.append(
            EventMention(name, sent, s, e, text[s:e], tag, gold.get(mid, f"{name}/single/{mid}"), by_sentence[sent])
        )
    sent_ids = [sent_of[i] for i in range(len(sentences))]
    chosen = {n for (doc, n) in selected if doc == name} if selected else set(sent_ids)
    return Doc(name, topic, sub, text, sentences, events, sent_ids, chosen)


def load_docs(data: Path) -> list[Doc]:
    selected = load_selected(data)
    docs = [parse_doc(p, selected) for p in sorted(data.glob("*/*.xml"))]
    random.Random(7).shuffle(docs)  # a stream that interleaves topics and sub-topics
    return docs


# ---------------------------------------------------------------------------
# metrics


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 of item->cluster maps over the same items."""
    pc: dict[str, set[str]] = defaultdict(set)
    gc: dict[str, set[str]] = defaultdict(set)
    for k in gold:
        pc[pred[k]].add(k)
        gc[gold[k]].add(k)
    p = r = 0.0
    for k in gold:
        a, b = pc[pred[k]], gc[gold[k]]
        inter = len(a & b)
        p += inter / len(a)
        r += inter / len(b)
    n = len(gold) or 1
    p, r = p / n, r / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _clusters(mapping: dict[str, str]) -> list[set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for k, c in mapping.items():
        out[c].add(k)
    return list(out.values())


def muc(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    def score(keys: list[set[str]], resp: dict[str, str]) -> float:
        num = den = 0
        for cl in keys:
            parts = {resp.get(m, f"__{m}") for m in cl}
            num += len(cl) - len(parts)
            den += len(cl) - 1
        return num / den if den else 0.0

    r = score(_clusters(gold), pred)
    p = score(_clusters(pred), gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ceafe(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """Entity-based CEAF with phi4 similarity and an optimal (Hungarian) alignment."""
    from scipy.optimize import linear_sum_assignment

    g, p = _clusters(gold), _clusters(pred)
    sim = np.zeros((len(g), len(p)))
    index: dict[str, int] = {}
    for j, cl in enumerate(p):
        for m in cl:
            index[m] = j
    for i, cl in enumerate(g):
        for m in cl:
            j = index[m]
            sim[i, j] += 1
    for i, cl in enumerate(g):
        for j in np.nonzero(sim[i])[0]:
            sim[i, j] = 2 * sim[i, j] / (len(cl) + len(p[j]))
    rows, cols = linear_sum_assignment(-sim)
    total = sim[rows, cols].sum()
    pr, rc = total / len(p), total / len(g)
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)


def conll(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    m, b, c = muc(pred, gold), bcubed(pred, gold), ceafe(pred, gold)
    return {
        "muc_f1": round(m[2], 4),
        "bcubed_f1": round(b[2], 4),
        "ceafe_f1": round(c[2], 4),
        "conll_f1": round((m[2] + b[2] + c[2]) / 3, 4),
    }


# ---------------------------------------------------------------------------
# stories


def cluster_stories(docs: Sequence[Doc], config: StoryConfig) -> dict[str, str]:
    index = StoryIndex(config=config)
    return {d.name: index.add(d.name, d.text, None, rough_entities(d.text)) for d in docs}


def story_scores(docs: Sequence[Doc], config: StoryConfig) -> dict[str, float]:
    pred = cluster_stories(docs, config)
    p, r, f = bcubed(pred, {d.name: d.story for d in docs})
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "stories": len(set(pred.values())),
        "gold_stories": len({d.story for d in docs}),
    }


def dev_halves(docs: Sequence[Doc], config: StoryConfig) -> dict[str, float]:
    """B³ F1 of the two halves of the odd topics (topic % 4 == 1 and == 3), from one stream.

    Why: whole sub-topics merge or split at once, so one topic moves dev F1 by
    0.01-0.03; a change is only worth keeping when it helps both halves.
    """
    pred = cluster_stories(docs, config)
    out: dict[str, float] = {}
    for name, rest in (("dev_a", 1), ("dev_b", 3)):
        sub = [d for d in docs if d.topic % 4 == rest]
        out[name] = round(bcubed({d.name: pred[d.name] for d in sub}, {d.name: d.story for d in sub})[2], 4)
    return out


class _JoinRecorder(StoryIndex):
    """A story index that remembers, for each article that joined a story, the largest shared terms."""

    def __init__(self, config: StoryConfig) -> None:
        super().__init__(config=config)
        self.joins: dict[str, tuple[str, float, list[tuple[str, float]]]] = {}
        self._seen: dict[str, tuple[float, list[tuple[str, float]]]] = {}

    def score(
        self,
        vec: dict[str, float],
        story: StoryState,
        published: datetime | None,
        figures: frozenset[str] = frozenset(),
        times: frozenset[str] = frozenset(),
        people: frozenset[str] = frozenset(),
        names: frozenset[str] = frozenset(),
    ) -> float:
        s = super().score(vec, story, published, figures, times, people, names)
        cen = story.centroid
        shared = sorted(((t, w * cen[t]) for t, w in vec.items() if t in cen), key=lambda x: -x[1])
        self._seen[story.story_id] = (s, shared[:8])
        return s

    def add(self, article_id: str, text: str, *args: object, **kwargs: object) -> str:
        self._seen = {}
        sid = super().add(article_id, text, *args, **kwargs)  # type: ignore[arg-type]
        if sid in self._seen:
            self.joins[article_id] = (sid, *self._seen[sid])
        return sid


def story_errors(docs: Sequence[Doc], config: StoryConfig) -> list[str]:
    """Lines naming each wrong join: an article joining a story whose members so far are mostly another sub-topic.

    Printed with the terms that made it join (largest products with the
    centroid, before the strongest are left out) and the merged sub-topics of
    each predicted story, for studying sub-topic merges.
    """
    index = _JoinRecorder(config)
    members: dict[str, list[str]] = defaultdict(list)
    lines: list[str] = []
    for d in docs:
        sid = index.add(d.name, d.text, None, rough_entities(d.text))
        if d.name in index.joins and members[sid]:
            counts: dict[str, int] = defaultdict(int)
            for m in members[sid]:
                counts[m] += 1
            major = max(counts, key=lambda k: counts[k])
            if major != d.story:
                _sid, score, shared = index.joins[d.name]
                terms = ", ".join(f"{t} {v:.3f}" for t, v in shared)
                size = len(members[sid])
                lines.append(f"wrong join {d.name} -> story of {major} ({size} articles, score {score:.3f}): {terms}")
        members[sid].append(d.story)
    for sid, stories in members.items():
        kinds = sorted(set(stories))
        if len(kinds) > 1:
            lines.append(f"merged {sid}: " + ", ".join(f"{k} x{stories.count(k)}" for k in kinds))
    return lines


def topic_baseline(docs: Sequence[Doc]) -> float:
    return round(bcubed({d.name: str(d.topic) for d in docs}, {d.name: d.story for d in docs})[2], 4)


# ---------------------------------------------------------------------------
# events

_STEM_RE = re.compile(r"(?:ing|ed|es|s|ion|ment)$")


def trigger_kind(trigger: str) -> str:
    """A crude event kind for gold mentions: the stemmed head word of the trigger."""
    words = re.findall(r"\w+", trigger.casefold())
    head = words[-1] if words else trigger.casefold()
    return _STEM_RE.sub("", head)[:6] or head


def gold_events(doc: Doc) -> list[Event]:
    out: list[Event] = []
    for i, m in enumerate(doc.events):
        actors = tuple(t for tag, t in m.args if tag.startswith("HUMAN"))
        things = tuple(t for tag, t in m.args if tag.startswith("NON_HUMAN"))
        places = [t for tag, t in m.args if tag.startswith("LOC")]
        out.append(
            Event(
                kind=trigger_kind(m.trigger),
                start=m.start,
                end=m.end,
                sentence=m.sentence,
                trigger=m.trigger,
                actors=actors,
                equipment=things,
                place=places[0] if places else None,
                modality="negated" if m.tag.startswith("NEG") else "asserted",
                id=f"{doc.name}#{i}",
            )
        )
    return out


def event_scores(
    docs: Sequence[Doc], stories: dict[str, str], make: Callable[[Doc], list[Event]] = gold_events
) -> dict[str, float]:
    index = EventCorefIndex()
    pred: dict[str, str] = {}
    gold: dict[str, str] = {}
    for d in docs:
        events = make(d)
        ids = index.add(d.name, events, story=stories[d.name])
        for i, (_ev, cid) in enumerate(zip(events, ids, strict=True)):
            pred[f"{d.name}#{i}"] = cid
        for i, m in enumerate(d.events):
            gold[f"{d.name}#{i}"] = m.gold
    return conll(pred, gold)


def _split(docs: Iterable[Doc], parity: int | None) -> list[Doc]:
    return [d for d in docs if parity is None or d.topic % 2 == parity]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--gold-only", action="store_true", help="skip running Dossier's own pipeline")
    ap.add_argument("--thresholds", default="0.10,0.11,0.12,0.13,0.15,0.2,0.25,0.3")
    ap.add_argument("--tune", action="store_true", help="score at the best dev threshold, not the product's")
    ap.add_argument(
        "--split", choices=("dev", "held", "all"), default="all", help="odd topics, even topics or both (see above)"
    )
    ap.add_argument(
        "--errors", action="store_true", help="print the dev topics' wrong story joins and merged sub-topics"
    )
    ap.add_argument(
        "--set", action="append", default=[], help="StoryConfig override, e.g. --set time_lead_words=60"
    )
    ap.add_argument(
        "--cache",
        type=Path,
        help="pickle of the pipeline's analyses, reused when present (delete it after changing the analysis)",
    )
    args = ap.parse_args(argv)
    data = args.data.resolve()
    if not data.is_dir() or not any(data.glob("*/*.xml")):
        print(f"ECB+ data not found under {data} (expected <topic>/<n>_<m>ecb[plus].xml); pass --data", file=sys.stderr)
        return 2
    docs = load_docs(data)
    dev, held = _split(docs, 1), _split(docs, 0)
    base = StoryConfig()
    # each override keeps its field's type (time_lead_words is a count of words, threshold a float)
    overrides = {k: type(getattr(base, k))(float(v)) for k, v in (item.split("=", 1) for item in args.set)}
    base = replace(base, **overrides)
    grid = []
    for t in (float(x) for x in args.thresholds.split(",")):
        grid.append((t, story_scores(dev, replace(base, threshold=t))["f1"]))
    # The figures are scored at the product's own threshold (what `dossier` itself uses); the grid
    # only shows on the development topics how sensitive that choice is.  ``--tune`` scores at the
    # best grid value instead, for studying, never for reporting.
    best_t = max(grid, key=lambda g: (g[1], -abs(g[0] - base.threshold)))[0] if args.tune else base.threshold
    cfg = replace(base, threshold=best_t)
    subsets = {
        name: sub
        for name, sub in (("dev_odd", dev), ("heldout_even", held), ("all", docs))
        if args.split == "all" or name == {"dev": "dev_odd", "held": "heldout_even"}[args.split]
    }
    report: dict[str, object] = {
        "documents": len(docs),
        "topics": len({d.topic for d in docs}),
        "split": args.split,
        "stories": {
            "tuned_on": "odd topics (grid shown; scored at the product threshold unless --tune)",
            "grid_dev_f1": {str(t): f for t, f in grid},
            "threshold": best_t,
            **{
                name: story_scores(sub, cfg) | {"baseline_topic_f1": topic_baseline(sub)}
                for name, sub in subsets.items()
            },
        },
    }
    if "dev_odd" in subsets:
        report["stories"]["dev_halves"] = dev_halves(dev, cfg)  # type: ignore[index]
    if args.errors:
        print("\n".join(story_errors(dev, cfg)))
    story_of = {name: cluster_stories(sub, cfg) for name, sub in subsets.items()}
    gold_story = {d.name: d.story for d in docs}
    events: dict[str, object] = {
        "mentions": {name: sum(len(d.events) for d in sub) for name, sub in subsets.items()},
        "gold_mentions_predicted_stories": {name: event_scores(sub, story_of[name]) for name, sub in subsets.items()},
        "gold_mentions_gold_stories": {name: event_scores(sub, gold_story) for name, sub in subsets.items()},
    }
    events["dossier_events"] = (
        "skipped (--gold-only)" if args.gold_only else _dossier_event_setting(subsets, story_of, cfg, args.cache)
    )
    report["events"] = events
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        _print(report)
    return 0


def _analyses(docs: Sequence[Doc], cache: Path | None) -> dict[str, object]:
    """Run the pipeline over ``docs``, or read its analyses from ``cache``.

    Why: the analysis is most of the evaluation's time and does not change while
    the cross-article layer (stories, event coreference) is being studied.  The
    cache is keyed by document name and text and by the analysis stages' own
    source and data files (:func:`_analysis_fingerprint`), so a changed document
    or a changed stage is analysed again instead of scored from a stale pickle.
    """
    import hashlib
    import pickle

    from dossier.analyze.pipeline import Analyzer
    from dossier.model import Article

    stage = _analysis_fingerprint()

    def key(d: Doc) -> str:
        return d.name + ":" + hashlib.sha1(d.text.encode()).hexdigest() + ":" + stage

    stored: dict[str, object] = {}
    if cache is not None and cache.exists():
        stored = pickle.loads(cache.read_bytes())
    todo = [d for d in docs if key(d) not in stored]
    if todo:
        articles = [Article(text=d.text, language="en", origin=key(d)) for d in todo]
        stored.update({a.origin: an for a, an in Analyzer().pipe(articles)})
        if cache is not None:
            cache.write_bytes(pickle.dumps(stored))
    return {d.name: stored[key(d)] for d in docs}


def _analysis_fingerprint() -> str:
    """A hash of every file of the ``dossier.analyze`` package and the data it reads.

    Why: a cache that outlives a change to an analysis stage would report the old
    stage's figures as the new one's; no one has to remember to delete it.
    """
    import hashlib

    import dossier

    root = Path(dossier.__file__).parent
    h = hashlib.sha1()
    for folder in (root / "analyze", root / "data"):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".json", ".txt", ".tsv", ".csv"):
                h.update(str(path.relative_to(root)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _dossier_event_setting(
    subsets: dict[str, Sequence[Doc]],
    story_of: dict[str, dict[str, str]],
    config: StoryConfig,
    cache: Path | None = None,
) -> object:
    """Events (and entities, dates) detected by Dossier's own pipeline.

    Each gold mention takes the cluster of the Dossier event whose trigger
    span overlaps it; gold mentions no event overlaps stay singletons, so
    missed mentions cost recall.  Dossier events outside gold mentions are
    not scored (ECB+ annotates only some event types and sentences); the
    share of Dossier events in annotated sentences that hit a gold mention
    is reported as mention precision.
    """
    try:
        import dossier.analyze.pipeline  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the install
        return f"pipeline not importable: {exc}"
    docs = list({d.name: d for sub in subsets.values() for d in sub}.values())
    analyses: dict[str, Any] = _analyses(docs, cache)
    if not any(an.events for an in analyses.values()):
        return "event stage produced no events (placeholder?): gold-mention setting only"

    def sys_stories(subset: Sequence[Doc]) -> dict[str, str]:
        index = StoryIndex(config=config)
        out = {}
        for d in subset:
            an = analyses[d.name]
            ents = [e.name for e in an.entities]
            dates = [t.value for t in an.times]  # every TIMEX value, as crossarticle passes them
            end = lead_end(d.text, config.time_lead_words)
            lead = [t.value for t in an.times if t.start < end]  # what the product passes (crossarticle)
            people = lead_people(
                an.events, an.mentions, lead_end(d.text, config.people_lead_words), config.people_min_mentions
            )
            names = lead_names(an.mentions, lead_end(d.text, config.names_lead_words), config.names_min_mentions)
            out[d.name] = index.add(d.name, d.text, None, ents, dates, lead, people, names)
        return out

    def story_b3(subset: Sequence[Doc]) -> float:
        pred = sys_stories(subset)
        return round(bcubed(pred, {d.name: d.story for d in subset})[2], 4)

    def dev_halves_b3(subset: Sequence[Doc]) -> dict[str, float]:
        pred = sys_stories(subset)
        halves = {}
        for name, rest in (("dev_a", 1), ("dev_b", 3)):
            sub = [d for d in subset if d.topic % 4 == rest]
            halves[name] = round(bcubed({d.name: pred[d.name] for d in sub}, {d.name: d.story for d in sub})[2], 4)
        return halves

    def dev_halves_detail(subset: Sequence[Doc]) -> dict[str, dict[str, float]]:
        """B³ P/R/F1 and event CoNLL of each dev half, from one stream of the whole dev split.

        Why: a change is kept only when it helps both halves, stories and events alike; the
        events of a half are clustered inside the stories the whole stream gave them.
        """
        pred = sys_stories(subset)
        out = {}
        for name, rest in (("dev_a", 1), ("dev_b", 3)):
            sub = [d for d in subset if d.topic % 4 == rest]
            p, r, f = bcubed({d.name: pred[d.name] for d in sub}, {d.name: d.story for d in sub})
            ev = events_for(sub, pred)
            out[name] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)} | {
                "events_conll_f1": ev["conll_f1"]
            }
        return out

    def events_for(subset: Sequence[Doc], story_of: dict[str, str]) -> dict[str, float]:
        index = EventCorefIndex()
        pred: dict[str, str] = {}
        gold: dict[str, str] = {}
        hit = sys_in_selected = sys_hit = 0
        for d in subset:
            an = analyses[d.name]
            events = list(an.events)
            sentences = [d.text[s:e] for s, e in d.sentences]
            ids = index.add(d.name, events, story=story_of[d.name], sentences=sentences)
            used: set[int] = set()
            for n, ev in enumerate(events):
                sent = d.sent_ids[ev.sentence] if 0 <= ev.sentence < len(d.sent_ids) else -1
                in_sel = sent in d.selected
                sys_in_selected += in_sel
                matched = False
                for i, m in enumerate(d.events):
                    if i in used or m.end <= ev.start or ev.end <= m.start:
                        continue
                    used.add(i)
                    pred[f"{d.name}#{i}"] = ids[n]
                    matched = True
                    hit += 1
                    break
                sys_hit += matched and in_sel
            for i, m in enumerate(d.events):
                key = f"{d.name}#{i}"
                gold[key] = m.gold
                pred.setdefault(key, f"single/{key}")
        scores = conll(pred, gold)
        scores["mention_recall"] = round(hit / max(1, len(gold)), 4)
        scores["mention_precision_in_annotated_sentences"] = round(sys_hit / max(1, sys_in_selected), 4)
        return scores

    return {
        "stories_with_dossier_entities_and_dates": {name: story_b3(sub) for name, sub in subsets.items()},
        "stories_with_dossier_entities_and_dates_dev_halves": (
            dev_halves_b3(subsets["dev_odd"]) if "dev_odd" in subsets else {}
        ),
        "dev_halves_detail": dev_halves_detail(subsets["dev_odd"]) if "dev_odd" in subsets else {},
        "events_predicted_stories": {name: events_for(sub, story_of[name]) for name, sub in subsets.items()},
        # the product's own setting: Dossier's events inside the stories of Dossier's NER, dates and events
        "events_dossier_stories": {name: events_for(sub, sys_stories(sub)) for name, sub in subsets.items()},
    }


def _print(report: dict[str, object]) -> None:
    print(f"ECB+: {report['documents']} documents, {report['topics']} topics")
    st = report["stories"]
    assert isinstance(st, dict)
    print(f"stories: threshold {st['threshold']} tuned on odd topics; grid {st['grid_dev_f1']}")
    for name in ("dev_odd", "heldout_even", "all"):
        if name not in st:
            continue
        s = st[name]
        print(
            f"  {name:13s} B3 P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} "
            f"({s['stories']} stories, gold {s['gold_stories']}; one-per-topic baseline "
            f"{s['baseline_topic_f1']:.3f})"
        )
    if "dev_halves" in st:
        print("  dev halves (topic % 4 == 1 / 3): " + ", ".join(f"{k} {v:.3f}" for k, v in st["dev_halves"].items()))
    ev = report["events"]
    assert isinstance(ev, dict)
    print(f"events: gold mentions {ev['mentions']}")
    for setting in ("gold_mentions_predicted_stories", "gold_mentions_gold_stories"):
        for split, s in ev[setting].items():
            print(
                f"  {setting} {split}: MUC {s['muc_f1']:.3f} B3 {s['bcubed_f1']:.3f} "
                f"CEAF-e {s['ceafe_f1']:.3f} CoNLL {s['conll_f1']:.3f}"
            )
    de = ev["dossier_events"]
    if not isinstance(de, dict):
        print(f"  dossier events: {de}")
        return
    st2 = de["stories_with_dossier_entities_and_dates"]
    scores = ", ".join(f"{k} {v:.3f}" for k, v in st2.items())
    print(f"  stories with Dossier NER entities + TIMEX dates: B3 F1 {scores}")
    if de.get("stories_with_dossier_entities_and_dates_dev_halves"):
        halves = ", ".join(f"{k} {v:.3f}" for k, v in de["stories_with_dossier_entities_and_dates_dev_halves"].items())
        print(f"    dev halves (topic % 4 == 1 / 3): {halves}")
    for half, h in de.get("dev_halves_detail", {}).items():
        print(
            f"    {half}: stories B3 P {h['precision']:.3f} R {h['recall']:.3f} F1 {h['f1']:.3f}; "
            f"Dossier's events in these stories CoNLL {h['events_conll_f1']:.3f}"
        )
    for setting in ("events_predicted_stories", "events_dossier_stories"):
        for split, s in de.get(setting, {}).items():
            print(
                f"  dossier_{setting} {split}: MUC {s['muc_f1']:.3f} B3 {s['bcubed_f1']:.3f} "
                f"CEAF-e {s['ceafe_f1']:.3f} CoNLL {s['conll_f1']:.3f} (mention recall {s['mention_recall']:.3f}, "
                f"precision in annotated sentences {s['mention_precision_in_annotated_sentences']:.3f})"
            )


if __name__ == "__main__":
    raise SystemExit(main())
