"""Linking Dossier's entities to Wikidata items: by name, language and kind, never between namesakes.

A pure function of (the store's entities, the dump's items); ``kb/load.py``
feeds it from the store and the dump and writes the decisions back.

**Matching.**  An item is a candidate for an entity when one of its labels or
aliases equals one of the entity's names after normalisation (Unicode NFKC,
case folding, ``ё`` = ``е``, punctuation as spaces).  Its score is the best
of its matching names:

* which of the entity's names matched: the canonical name (1.0), another
  alias (0.85), or a one-word alias of a longer name, such as a bare surname
  (0.45: "Lukashenko" alone is weak evidence, below the default threshold);
* what it matched on the item: a label (1.0) or an alias (0.8);
* the language: a label in a language of the articles that mention the
  entity, or a multilingual (``mul``) one (1.0), else one written in the
  same script as the name (0.95), else another (0.85);

plus 0.03 for each further name of the entity that also matched (an item
whose English *and* Russian labels both match is a better fit).

**Kinds.**  The item's P31 (instance of) classes are looked up in
``data/wikidata_kinds.tsv``: a class of the entity's kind confirms it (x 1.0);
a class of another kind, or one marked ``none`` (disambiguation pages,
fictional people), rules the item out; classes the table does not know leave
the kind unknown (x 0.75).

**Decisions.**  The best candidate at or above the threshold is linked with
its score as the confidence; when two candidates share the best score the
entity is not linked and the namesakes are reported (``ambiguous``).  An id
the curated gazetteer gave is never replaced: the dump can confirm it or is
reported as disagreeing (``conflict``).  Only people, organisations and
places are linked: the equipment gazetteer keeps its ids (null where none is
known for sure), and a dump is no better judge of a weapon system's name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from dossier.kb.dump import classes_of, names_of

LINKABLE = ("person", "org", "place")
DEFAULT_MIN_CONFIDENCE = 0.5

_PUNCT = re.compile(r"[^\w]+", re.UNICODE)
_CYRILLIC_LANGS = {"ru", "be", "uk", "bg", "sr", "mk", "kk", "ky", "tg", "mn", "ba", "tt", "cv", "os", "sah"}


def normalise(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold().replace("ё", "е")
    return _PUNCT.sub(" ", text).strip()


def _script(text: str) -> str:
    return "Cyrl" if any("\u0400" <= ch <= "\u04ff" for ch in text) else "Latn"


def _lang_script(lang: str) -> str:
    return "Cyrl" if lang.split("-")[0] in _CYRILLIC_LANGS else "Latn"


@lru_cache(maxsize=1)
def class_kinds() -> dict[str, str]:
    """P31 class id -> kind (``person``, ``org``, ``place`` or ``none``), from ``data/wikidata_kinds.tsv``."""
    out = {}
    text = (resources.files("dossier.data") / "wikidata_kinds.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        qid, kind = line.split("\t")[:2]
        out[qid.strip()] = kind.strip()
    return out


@dataclass(frozen=True, slots=True)
class StoreEntity:
    """A store entity to link."""

    id: int
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    languages: frozenset[str] = frozenset()
    wikidata: str | None = None
    source: str | None = None  # "gazetteer" | "kb" | None


@dataclass(frozen=True, slots=True)
class Candidate:
    qid: str
    confidence: float
    matched: str  # the item's name that matched best
    language: str
    kind_confirmed: bool
    label: str  # the item's label in the best language, for reports


@dataclass(slots=True)
class Decision:
    target: StoreEntity
    status: str  # linked | ambiguous | confirmed | conflict
    candidate: Candidate | None = None
    others: list[Candidate] = field(default_factory=list)

    def to_record(self) -> dict[str, Any]:
        c = self.candidate
        return {
            "type": self.status,
            "entity_id": self.target.id,
            "name": self.target.name,
            "kind": self.target.kind,
            "wikidata": c.qid if c else self.target.wikidata,
            "confidence": c.confidence if c else None,
            "matched": c.matched if c else None,
            "language": c.language if c else None,
            "label": c.label if c else None,
            "candidates": [{"wikidata": o.qid, "confidence": o.confidence, "label": o.label} for o in self.others],
            "previous": self.target.wikidata,
        }


_NAME_WEIGHT = {"canonical": 1.0, "alias": 0.85, "short": 0.45}


class Linker:
    """Collects candidates while the dump streams past, then decides (:meth:`decide`)."""

    def __init__(self, targets: Iterable[StoreEntity], *, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> None:
        self.targets = {t.id: t for t in targets if t.kind in LINKABLE}
        self.min_confidence = min_confidence
        self.kinds = class_kinds()
        # normalised name -> [(target id, which name)]
        self.index: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for target in self.targets.values():
            words = len(normalise(target.name).split())
            seen: set[str] = set()
            for n, name in enumerate([target.name, *target.aliases]):
                key = normalise(name)
                if not key or key in seen:
                    continue
                seen.add(key)
                which = "canonical" if n == 0 else "alias"
                if len(key.split()) == 1 and (words > 1 or target.kind == "person"):
                    which = "short"
                self.index[key].append((target.id, which))
        self.candidates: dict[int, dict[str, Candidate]] = defaultdict(dict)
        self.items_read = 0

    def _kind_fit(self, target_kind: str, item_classes: list[str]) -> bool | None:
        """True when a class confirms the kind, None when unknown, False when ruled out."""
        kinds = {self.kinds[c] for c in item_classes if c in self.kinds}
        if "none" in kinds:
            return False
        if target_kind in kinds:
            return True
        if kinds:
            return False
        return None

    def feed(self, item: dict[str, Any]) -> None:
        """Consider one dump entity."""
        self.items_read += 1
        qid = str(item.get("id"))
        if not qid.startswith("Q"):
            return  # properties and lexemes name no entity
        hits: dict[int, list[tuple[float, str, str, str]]] = defaultdict(list)  # target -> (score, text, lang, key)
        names = list(names_of(item))
        for text, lang, is_label in names:
            for target_id, which in self.index.get(normalise(text), ()):
                target = self.targets[target_id]
                lang_fit = (
                    1.0
                    if lang in target.languages or lang == "mul"
                    else 0.95
                    if _lang_script(lang) == _script(text)
                    else 0.85
                )
                score = _NAME_WEIGHT[which] * (1.0 if is_label else 0.8) * lang_fit
                hits[target_id].append((score, text, lang, normalise(text)))
        if not hits:
            return
        classes = classes_of(item)
        labels = {lang: text for text, lang, is_label in names if is_label}
        for target_id, found in hits.items():
            target = self.targets[target_id]
            fit = self._kind_fit(target.kind, classes)
            if fit is False:
                continue
            best = max(found)
            coverage = len({key for _s, _t, _l, key in found})
            confidence = min(1.0, best[0] * (1.0 if fit else 0.75) + 0.03 * (coverage - 1))
            label = labels.get("en") or labels.get("mul") or next(iter(labels.values()), best[1])
            self.candidates[target_id][qid] = Candidate(
                qid=qid,
                confidence=round(confidence, 2),
                matched=best[1],
                language=best[2],
                kind_confirmed=bool(fit),
                label=label,
            )

    def decide(self) -> list[Decision]:
        out = []
        for target_id, target in sorted(self.targets.items()):
            found = sorted(
                (c for c in self.candidates.get(target_id, {}).values() if c.confidence >= self.min_confidence),
                key=lambda c: (-c.confidence, c.qid),
            )
            if not found:
                continue  # a load only adds or revises links: a subset without this entity says nothing
            best = found[0]
            ties = [c for c in found if c.confidence == best.confidence]
            if target.source == "gazetteer" or (target.wikidata and target.source is None):
                status = "confirmed" if any(c.qid == target.wikidata for c in ties) else "conflict"
                chosen = next((c for c in ties if c.qid == target.wikidata), best)
                out.append(Decision(target, status, chosen, [c for c in found if c is not chosen]))
            elif len(ties) > 1:
                out.append(Decision(target, "ambiguous", None, ties))
            else:
                out.append(Decision(target, "linked", best, found[1:]))
        return out
