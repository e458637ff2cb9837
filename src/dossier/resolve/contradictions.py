"""Contradictions: one event or subject, conflicting accounts, each side traceable.

Why: a knowledge base that merges reports must not silently average them.  When
articles disagree on *when* something happened, *whether* it happened
(delivered vs. denied/negated), *how many*, or *who said it*, Dossier keeps both
sides with their provenance (article, sentence, offsets) and flags the pair.

Scope, per story (``resolve.stories``):

* within one cross-article event cluster (``resolve.eventcoref``): status
  (modality), numbers, speakers;
* across clusters of one *subject* (same story, overlapping participants):
  dates — event coreference keeps conflicting dates apart, so the conflict is
  found between the clusters — and status when one side is a denial
  event (``deny``...) about the same participants.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from dossier.analyze.timex.intervals import compatible
from dossier.model import Event, normalise_text
from dossier.resolve.eventcoref import EventCluster, EventMentionRef

__all__ = [
    "Contradiction",
    "Side",
    "denied_equipment",
    "equipment_status_conflicts",
    "find_contradictions",
    "sentence_numbers",
    "story_conflicts",
]

# Modalities as the event stage writes them (docs/events.md): asserted, reported, planned,
# conditional, required, hypothetical, negated, denied.  Only asserted/reported count as a claim
# that the event happened; planned/conditional/hypothetical neither confirm nor contradict.
NEGATIVE_MODALITIES = frozenset({"negated", "denied", "negative", "refuted", "cancelled"})
POSITIVE_MODALITIES = frozenset({"asserted", "reported", "claimed", "confirmed", "actual"})
DENIAL_KINDS = frozenset({"deny", "denial", "refute", "dismiss_claim", "reject_claim"})
STATEMENT_KINDS = frozenset({"statement", "say", "said", "announce", "claim", "quote", "declare"})

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "dozen": 12,
}
_NUM_RE = re.compile(
    r"\b(\d{1,3}(?:[ ,]\d{3})+|\d+(?:\.\d+)?|"
    + "|".join(_NUMBER_WORDS)
    + r")\s+([a-zа-яё\-]{3,})(?:\s+([a-zа-яё]{3,}))?\b"
)
_UNIT_STOP = frozenset({"of", "and", "the", "per", "percent", "year", "years", "am", "pm", "to", "or"})
#: What a weapon can do is not modelled: numbers with a unit of distance, speed, mass or
#: explosive yield, or next to a word for range, speed, yield or payload, are never read,
#: compared or recorded ("a range of 5,000 km", "Mach 10", "a 1.5-tonne payload").
_PERFORMANCE_UNIT = re.compile(
    r"^(?:km|kms|kilomet|kilometr|mile|metre|meter|mach|knot|mph|kph|kt|kiloton|megaton|ton|tonne|kg|"
    r"kilogram|feet|foot|nautical|км|километр|миль|метр|мах|узл|тонн|килотонн|мегатонн|кг|килограмм)"
)
_PERFORMANCE_WORD = re.compile(
    r"\b(?:range|ranges|speed|speeds|velocity|yield|yields|payload|payloads|warhead|warheads|accuracy|altitude|"
    r"дальност\w*|скорост\w*|мощност\w*|нагрузк\w*|боеголовк\w*|точност\w*|высот\w*)\b"
)
_PERFORMANCE_WINDOW = 40  # characters either side of a number


@dataclass(frozen=True, slots=True)
class Side:
    """One account: the value it gives and where it is written."""

    value: str
    article_id: str
    sentence: str | None
    sentence_index: int
    start: int
    end: int
    source: str | None = None  # independent-source key, when a resolver is given


@dataclass(frozen=True, slots=True)
class Contradiction:
    subject: str  # event cluster id(s) or "story/kind" subject
    kind: str  # event kind
    field: str  # date | status | number:<unit> | speaker
    sides: tuple[Side, ...]

    def to_record(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "kind": self.kind,
            "field": self.field,
            "sides": [
                {
                    "value": s.value,
                    "article_id": s.article_id,
                    "sentence": s.sentence,
                    "sentence_index": s.sentence_index,
                    "start": s.start,
                    "end": s.end,
                    "source": s.source,
                }
                for s in self.sides
            ],
        }


def sentence_numbers(sentence: str) -> dict[str, set[float]]:
    """``{unit: {values}}`` for "12 tanks", "three people", "1,200 troops" in a sentence.

    Numbers that describe what a weapon can do (range, speed, yield,
    payload) are skipped: Dossier does not model weapons.  The unit is the
    next word and also the one after it ("12 Polonez
    launchers" counts launchers and Polonez): a cheap stand-in for finding the
    head noun; conflicts need the same unit on both sides, so the extra key
    rarely fires alone.
    """
    out: dict[str, set[float]] = defaultdict(set)
    text = normalise_text(sentence)
    for m in _NUM_RE.finditer(text):
        raw = m.group(1)
        if any(u and _PERFORMANCE_UNIT.match(u) for u in (m.group(2), m.group(3))):
            continue  # a distance, speed, mass or yield: weapon performance, never compared
        near = text[max(0, m.start() - _PERFORMANCE_WINDOW) : m.end() + _PERFORMANCE_WINDOW]
        if _PERFORMANCE_WORD.search(near):
            continue
        value = float(_NUMBER_WORDS[raw]) if raw in _NUMBER_WORDS else float(raw.replace(",", "").replace(" ", ""))
        if 1900 <= value <= 2100 and "." not in raw:
            continue  # a year, not a count
        for unit in (m.group(2), m.group(3)):
            if not unit or unit in _UNIT_STOP:
                continue
            unit = unit[:-1] if unit.endswith("s") and len(unit) > 4 else unit
            out[unit].add(value)
    return out


def _side(m: EventMentionRef, value: str, source: Callable[[str], str] | None) -> Side:
    ev = m.event
    return Side(
        value, m.article_id, m.sentence_text, ev.sentence, ev.start, ev.end, source(m.article_id) if source else None
    )


def _sides_by_value(pairs: Iterable[tuple[str, EventMentionRef]], source: Callable[[str], str] | None) -> list[Side]:
    return [_side(m, v, source) for v, m in pairs]


def _denial(kind: str) -> bool:
    return kind.casefold() in DENIAL_KINDS


def _is_negative(m: EventMentionRef) -> bool:
    return m.event.modality in NEGATIVE_MODALITIES or m.event.kind.casefold() in DENIAL_KINDS


def _is_positive(m: EventMentionRef) -> bool:
    return m.event.modality in POSITIVE_MODALITIES and m.event.kind.casefold() not in DENIAL_KINDS


def _distinct_articles(groups: dict[str, list[EventMentionRef]]) -> bool:
    """At least two values come from different articles (one article may hedge itself)."""
    arts = [{m.article_id for m in ms} for ms in groups.values()]
    return len(arts) >= 2 and len(set().union(*arts)) >= 2


def _cluster_conflicts(c: EventCluster, source: Callable[[str], str] | None) -> list[Contradiction]:
    out: list[Contradiction] = []
    # A statement is an act of saying: not saying something ("did not say when it would arrive")
    # denies nothing another report says, and statements on two dates are two statements, so a
    # statement's status and date are never contested (who made it still is, below).
    saying = c.kind.casefold() in STATEMENT_KINDS
    # status
    neg = [m for m in c.mentions if _is_negative(m)]
    pos = [m for m in c.mentions if _is_positive(m)]
    if not saying and neg and pos and len({m.article_id for m in neg + pos}) >= 2:
        sides = _sides_by_value([(m.event.modality, m) for m in pos + neg], source)
        out.append(Contradiction(c.cluster_id, c.kind, "status", tuple(sides)))
    # dates inside one cluster (possible when a mention had no date at merge time)
    dated = [] if saying else [m for m in c.mentions if m.event.date and m.event.date[:1].isalnum()]
    conflict = [
        (a, b)
        for i, a in enumerate(dated)
        for b in dated[i + 1 :]
        if a.article_id != b.article_id and not _compatible(a, b)  # one article may hedge itself
    ]
    if conflict:
        involved = {id(x): x for pair in conflict for x in pair}
        out.append(
            Contradiction(
                c.cluster_id,
                c.kind,
                "date",
                tuple(_sides_by_value([(m.event.date or "", m) for m in involved.values()], source)),
            )
        )
    # numbers
    by_unit: dict[str, dict[str, list[EventMentionRef]]] = defaultdict(lambda: defaultdict(list))
    for m in c.mentions:
        if not m.sentence_text:
            continue
        for unit, values in sentence_numbers(m.sentence_text).items():
            for v in values:
                by_unit[unit][f"{v:g}"].append(m)
    for unit, groups in sorted(by_unit.items()):
        if len(groups) >= 2 and _distinct_articles(groups):
            pairs = [(v, m) for v, ms in groups.items() for m in ms]
            out.append(Contradiction(c.cluster_id, c.kind, f"number:{unit}", tuple(_sides_by_value(pairs, source))))
    # speakers
    # Who said it is contested only for statements, and only between speakers taken from quotes:
    # other reports of one event name their own sources, which is corroboration, not conflict.
    if c.kind.casefold() in STATEMENT_KINDS:
        speakers: dict[str, list[EventMentionRef]] = defaultdict(list)
        named: dict[str, str] = {}
        for m in c.mentions:
            who = _speaker(m.event)
            if who:
                # one person in two scripts and cases ("Виктор Хренин", "Victor Khrenin") is one speaker
                key = _speaker_key(who)
                speakers[key].append(m)
                named.setdefault(key, who)
        for key in [k for k in speakers if " " not in k]:  # a surname alone is the full name that ends so
            full = [k for k in speakers if k.endswith(" " + key)]
            if len(full) == 1:
                speakers[full[0]].extend(speakers.pop(key))
        if len(speakers) >= 2 and _distinct_articles(speakers):
            pairs = [(named[k], m) for k, ms in speakers.items() for m in ms]
            out.append(Contradiction(c.cluster_id, c.kind, "speaker", tuple(_sides_by_value(pairs, source))))
    return out


def _compatible(a: EventMentionRef, b: EventMentionRef) -> bool:
    """Dates that can be the same time (a week and a day in it are), each read against its report."""
    return compatible(a.event.date, b.event.date, a.event.reported, b.event.reported)


def _speaker_key(name: str) -> str:
    """A language-neutral key of a speaker's name, so that reports in two languages compare.

    The name loses its case endings, is transliterated and spelling-folded
    (:func:`dossier.resolve.stories.light_name_key`: no dictionary, since readers of the store
    must not load natasha); a name of several words keeps its first initial and its last word,
    since transliterations of first names differ ("Aleksandr", "Alexander") where surnames
    fold alike."""
    from dossier.resolve.stories import light_name_key

    key = light_name_key(name) or normalise_text(name)
    words = key.split()
    return f"{words[0][0]} {words[-1]}" if len(words) > 1 else key


def _speaker(event: Event) -> str | None:
    """Who made a statement: the subject of its verb of saying (its first actor), else the
    speaker of the quote it stands under.

    The actor comes first because reports nest: in "Khrenin told the president that the complex
    was on duty, the press service said" or "..., according to BelTA" the quote's speaker or
    source is who relays the statement, not who made it."""
    if event.actors:
        return event.actors[0]
    return event.attributed_to if event.quote_index is not None else None


def _share_subject(a: EventCluster, b: EventCluster, min_overlap: float) -> bool:
    if not a.words or not b.words:
        return not a.words and not b.words
    return len(a.words & b.words) / min(len(a.words), len(b.words)) >= min_overlap


def find_contradictions(
    clusters: Iterable[EventCluster],
    source: Callable[[str], str] | None = None,
    min_overlap: float = 0.5,
) -> list[Contradiction]:
    """Flag conflicting accounts among cross-article events.

    ``source`` (e.g. ``CopyIndex.independent_source``) adds the independent
    source of each side, so a reader can see whether the disagreement is
    between independent outlets or between copies.
    """
    clusters = list(clusters)
    out: list[Contradiction] = []
    for c in clusters:
        out.extend(_cluster_conflicts(c, source))
    by_story: dict[str, list[EventCluster]] = defaultdict(list)
    for c in clusters:
        by_story[c.story].append(c)
    for group in by_story.values():
        out.extend(_subject_conflicts(group, source, min_overlap))
    out.extend(_equipment_status_conflicts(clusters, source))
    out.extend(equipment_date_conflicts(clusters, source))
    return out


def story_conflicts(
    clusters: Sequence[EventCluster], source: Callable[[str], str] | None = None, min_overlap: float = 0.5
) -> tuple[list[Contradiction], list[Contradiction]]:
    """The conflicts :func:`find_contradictions` finds within one story's clusters, apart from the
    equipment status compared across stories: ``(per cluster, between its clusters)``.

    A store keeps these per story (they change only when the story's events do) and compares
    equipment status across the stories it reads with :func:`equipment_status_conflicts`.
    """
    per_cluster = [x for c in clusters for x in _cluster_conflicts(c, source)]
    return per_cluster, _subject_conflicts(list(clusters), source, min_overlap)


def denied_equipment(clusters: Iterable[EventCluster]) -> set[tuple[str, str]]:
    """``(cluster kind, normalised equipment)`` of the negative or denying reports: the only keys
    :func:`equipment_status_conflicts` can flag."""
    return {
        (c.kind, normalise_text(name))
        for c in clusters
        for m in c.mentions
        if _is_negative(m)
        for name in m.event.equipment
    }


def equipment_status_conflicts(
    clusters: list[EventCluster], source: Callable[[str], str] | None = None
) -> list[Contradiction]:
    """Equipment status told one way and denied in other clusters (see :func:`_equipment_status_conflicts`)."""
    return _equipment_status_conflicts(clusters, source)


def _equipment_status_conflicts(
    clusters: list[EventCluster], source: Callable[[str], str] | None
) -> list[Contradiction]:
    """ "It is en route" against "it is not en route" told in different stories.

    A denial often makes a story of its own ("No sign of the system, officials
    say"), so status is also compared across stories for events that happen to
    a system once: the same kind, the same equipment, compatible dates, one
    side asserting and the other negating or denying, from different articles.
    Within one cluster the check above already ran.
    """
    by_key: dict[tuple[str, str], list[tuple[EventCluster, EventMentionRef]]] = defaultdict(list)
    for c in clusters:
        for m in c.mentions:
            for name in m.event.equipment:
                by_key[(c.kind, normalise_text(name))].append((c, m))
    out: list[Contradiction] = []
    for (kind, _name), items in sorted(by_key.items()):
        pos = [(c, m) for c, m in items if _is_positive(m)]
        negative: dict[str, list[EventMentionRef]] = defaultdict(list)
        for c, m in items:
            if _is_negative(m):
                negative[c.cluster_id].append(m)
        for cid, negs in negative.items():
            against = {
                id(p): (cp, p)
                for cp, p in pos
                for n in negs
                if cp.cluster_id != cid and p.article_id != n.article_id and _compatible(p, n)
            }
            if not against:
                continue
            ids = sorted({cp.cluster_id for cp, _p in against.values()})
            pairs = [(p.event.modality, p) for _c, p in against.values()] + [(n.event.modality, n) for n in negs]
            subject = "|".join([*ids, cid])
            out.append(Contradiction(subject, kind, "status", tuple(_sides_by_value(pairs, source))))
    return out


def _subject_conflicts(
    group: Sequence[EventCluster], source: Callable[[str], str] | None, min_overlap: float
) -> list[Contradiction]:
    out: list[Contradiction] = []
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            if not _share_subject(a, b, min_overlap):
                continue
            dated_a = [m for m in a.mentions if m.event.date]
            dated_b = [m for m in b.mentions if m.event.date]
            if (
                a.kind == b.kind
                and a.kind.casefold() not in STATEMENT_KINDS
                and any(x.article_id != y.article_id and not _compatible(x, y) for x in dated_a for y in dated_b)
            ):
                pairs = [(m.event.date or "", m) for m in dated_a + dated_b]
                out.append(
                    Contradiction(
                        f"{a.cluster_id}|{b.cluster_id}", a.kind, "date", tuple(_sides_by_value(pairs, source))
                    )
                )
            if a.kind != b.kind and _denial(a.kind) != _denial(b.kind):
                deny, claim = (a, b) if _denial(a.kind) else (b, a)
                pos = [m for m in claim.mentions if _is_positive(m)]
                if pos:
                    pairs = [(m.event.kind, m) for m in pos] + [("denied", m) for m in deny.mentions]
                    out.append(
                        Contradiction(
                            f"{claim.cluster_id}|{deny.cluster_id}",
                            claim.kind,
                            "status",
                            tuple(_sides_by_value(pairs, source)),
                        )
                    )
    return out


def _milestone(kind: str) -> bool:
    """An equipment kind whose event dates one step in a system's life (delivered, on combat duty)."""
    return kind.upper().startswith("EQUIPMENT_")


def dated_equipment(clusters: Iterable[EventCluster]) -> set[tuple[str, str]]:
    """``(cluster kind, normalised equipment)`` of the dated positive equipment reports: the only
    keys :func:`equipment_date_conflicts` can flag (a store keeps them per story)."""
    return {
        (c.kind, normalise_text(name))
        for c in clusters
        if _milestone(c.kind)
        for m in c.mentions
        if m.event.date and m.event.date[:1].isdigit() and _is_positive(m)
        for name in m.event.equipment
    }


def equipment_date_conflicts(
    clusters: Iterable[EventCluster], source: Callable[[str], str] | None = None
) -> list[Contradiction]:
    """The date of one step in a system's life told differently in different stories.

    "Put on combat duty on 17 December" and "on 12 December, not the 17th" may
    land in two stories: a report that disputes the date shares fewer terms
    with the others (a report in another language shares only names and
    dates), and story clustering keeps it apart.  The disagreement is still the
    analyst's business, so equipment events of the same kind and the same
    system are compared across stories as status is: positive reports from
    different articles whose dates cannot be the same time.  Pairs within one
    story are left to the per-story check, which already flags them.
    """
    by_key: dict[tuple[str, str], list[tuple[EventCluster, EventMentionRef]]] = defaultdict(list)
    for c in clusters:
        if not _milestone(c.kind):
            continue
        for m in c.mentions:
            if m.event.date and m.event.date[:1].isdigit() and _is_positive(m):
                for name in m.event.equipment:
                    by_key[(c.kind, normalise_text(name))].append((c, m))
    out: list[Contradiction] = []
    for (kind, _name), items in sorted(by_key.items()):
        involved: dict[int, tuple[EventCluster, EventMentionRef]] = {}
        for i, (ca, a) in enumerate(items):
            for cb, b in items[i + 1 :]:
                if ca.story != cb.story and a.article_id != b.article_id and not _compatible(a, b):
                    involved[id(a)] = (ca, a)
                    involved[id(b)] = (cb, b)
        if not involved:
            continue
        ids = sorted({c.cluster_id for c, _m in involved.values()}, key=lambda x: (len(x), x))
        pairs = [(m.event.date or "", m) for _c, m in involved.values()]
        out.append(Contradiction("|".join(ids), kind, "date", tuple(_sides_by_value(pairs, source))))
    return out
