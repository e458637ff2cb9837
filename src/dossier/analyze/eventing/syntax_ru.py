"""Russian event roles from natasha's dependency parse (the slovnet syntax model in the wheel).

Why: the positional rules give the actor slot to the first name before the trigger, and a
Russian subject phrase often opens with a name that only modifies it: "Президент *Беларуси*
Александр Лукашенко обратился к президенту *России* Владимиру Путину" has Belarus first and
Russia right after the verb, while the request is Lukashenko's, to Putin.  The parse (Universal
Dependencies relations) says which noun is the subject and which the object.  The rules read
here mirror the English ones (:mod:`~dossier.analyze.eventing.syntax`):

* the ``nsubj`` of the trigger verb is the actor; in a passive (``nsubj:pass``) the subject is
  a target and an instrumental ``obl`` with no preposition is the agent ("поставлен
  *Минобороны*");
* a subject names the mention at its head, else one of its ``appos`` / ``flat:name`` words
  ("Президент Беларуси *Александр Лукашенко*"), never one of its genitive ``nmod`` modifiers
  unless nothing else is there ("пресс-служба *Минобороны*");
* the ``obj`` / ``iobj`` and an ``obl`` after к/против/на/с are the targets;
* a verb with no subject takes the one of the verb it is coordinated with or completes
  (``conj``, ``xcomp``), or that verb's object when it has one ("попросил *Арландию*
  разместить": Arland deploys); a pronoun subject of a reported clause is the speaker ("Лукашенко
  заявил, что *он* ...");
* an event noun under a light verb ("провели учения") takes that verb's roles; any other event
  noun, and a verb with no subject at all, are left to the rules (``doubtful``).

The word classes (verb or not, the instrumental case) come from the pymorphy analyser natasha
already loads for the entity stage; the parser itself needs only the word sequence.

Cost: the model loads once (with the embedding the entity stage loads too) and parses a
sentence in about 2 ms; it runs only on Russian sentences with a trigger whose roles the rules
could confuse (``DocumentExtractor.prepare``).  See ``docs/events.md`` for the figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from dossier.analyze.eventing.lexicon import in_words
from dossier.analyze.eventing.syntax import DOUBTFUL, SyntaxRoles

if TYPE_CHECKING:  # pragma: no cover
    from dossier.model import Mention

ACTOR_KINDS = frozenset({"person", "org", "place"})
_KIND_RANK = {"person": 0, "org": 1, "place": 2}
_PRONOUNS = frozenset({"он", "она", "они", "оно", "мы", "я"})
_TARGET_CASES = frozenset({"к", "ко", "против", "на", "с", "со"})
#: Children of a subject or object that hold no name of the role (asides and modifiers).
_NOT_ROLE = frozenset({"nmod", "case", "punct", "cc", "acl", "acl:relcl", "amod", "det", "nummod", "advmod"})
_OTHER_CLAUSE = frozenset({"advcl", "acl", "acl:relcl", "parataxis", "ccomp"})
_VERB_POS = frozenset({"VERB", "INFN", "PRTS", "GRND"})
_ADJECTIVE_POS = frozenset({"ADJF", "ADJS", "PRTF"})
#: Relations a non-verbal trigger ("в пути", "на боевое дежурство") climbs to reach its verb.
_CLIMB = frozenset({"case", "obl", "nmod", "amod", "obj", "advmod", "fixed"})


@dataclass(frozen=True, slots=True)
class RuToken:
    """One word of a parsed sentence: article offsets, its head's index (-1: root), relation."""

    start: int
    end: int
    text: str
    head: int
    rel: str


@lru_cache(maxsize=20000)
def _tag(word: str) -> tuple[str | None, bool]:
    """(part of speech, instrumental?) of a word's most likely reading."""
    from dossier.analyze.nlp import russian

    p = russian().morph_vocab.parse(word)[0]
    return p.tag.POS, "ablt" in p.tag


def _verb(word: str) -> bool:
    return _tag(word)[0] in _VERB_POS


def _without_cycles(tokens: list[RuToken]) -> list[RuToken]:
    """The tokens with every cycle of heads broken (its last link made a root).

    Why: the parser sometimes returns words that are each other's head; every walk over the
    tree (up to a head, down to the children) then looped forever on a real wire text, memory
    growing without bound.  Cutting the cycle once here keeps every walk finite.
    """
    out = list(tokens)
    done: set[int] = set()
    for i in range(len(out)):
        path: list[int] = []
        on_path: set[int] = set()
        t = i
        while 0 <= t < len(out) and t not in done and out[t].head != t:
            if t in on_path:
                out[path[-1]] = replace(out[path[-1]], head=-1)  # the link that closed the cycle
                break
            path.append(t)
            on_path.add(t)
            t = out[t].head
        done.update(path)
    return out


class RussianSentenceSyntax:
    """One parsed Russian sentence and its mentions; answers role questions per trigger."""

    def __init__(
        self,
        tokens: Sequence[RuToken],
        mentions: Sequence[Mention],
        *,
        floor: int = 0,
        light: frozenset[str] = frozenset(),
        generic: frozenset[str] = frozenset(),
    ) -> None:
        self.tokens = _without_cycles(list(tokens))
        self.mentions = list(mentions)
        self.floor = floor
        self.light = light
        self.generic = generic
        self.children: list[list[int]] = [[] for _ in self.tokens]
        for i, t in enumerate(self.tokens):
            if 0 <= t.head < len(self.tokens) and t.head != i:
                self.children[t.head].append(i)
        self.mention_of: list[int | None] = [None] * len(self.tokens)
        k = 0
        for i, t in enumerate(self.tokens):
            while k < len(self.mentions) and self.mentions[k].end <= t.start:
                k += 1
            if k < len(self.mentions) and self.mentions[k].start <= t.start:
                self.mention_of[i] = k

    # -- helpers -----------------------------------------------------------
    def _kids(self, i: int, *rels: str) -> list[int]:
        return [c for c in self.children[i] if self.tokens[c].rel in rels]

    def _agent_mention(self, i: int) -> int | None:
        k = self.mention_of[i]
        if k is None:
            return None
        m = self.mentions[k]
        if m.kind not in ACTOR_KINDS or m.start < self.floor or (m.attrs or {}).get("dateline"):
            return None
        return k

    def _heads(self, i: int) -> list[int]:
        """``i`` and the words coordinated with it ("Россия и Беларусь")."""
        out = [i]
        for c in self._kids(i, "conj"):
            if not _verb(self.tokens[c].text):
                out.extend(self._heads(c))
        return out

    def _names(self, head: int, *, genitive: bool = False) -> list[int]:
        """Mentions a noun phrase names: its head's, else the nearest below it outside its
        modifiers (``appos``, ``flat:name``); with ``genitive`` its ``nmod`` too."""
        out: list[int] = []
        for h in self._heads(head):
            k = self._agent_mention(h)
            if k is not None:
                out.append(k)
                continue
            blocked = _NOT_ROLE - {"nmod"} if genitive else _NOT_ROLE
            frontier = [c for c in self.children[h] if self.tokens[c].rel not in blocked | {"conj"}]
            found: list[int] = []
            while frontier and not found:
                nxt: list[int] = []
                for c in frontier:
                    k = self._agent_mention(c)
                    if k is not None:
                        found.append(k)
                    else:
                        nxt.extend(x for x in self.children[c] if self.tokens[x].rel not in blocked)
                frontier = nxt
            if found:
                # A title names a person ("президенту Арландии Анне Сидоровой"): of the names at
                # one depth, a person before an organisation before a place.
                out.append(min(found, key=lambda k: _KIND_RANK.get(self.mentions[k].kind, 3)))
        return list(dict.fromkeys(out))

    def _role_names(self, head: int) -> list[int]:
        return self._names(head) or self._names(head, genitive=True)

    def _subject(self, pred: int) -> tuple[int | None, bool]:
        """(subject index, passive?) of a verb, through coordination and control."""
        t = pred
        for _ in range(6):
            for c in self.children[t]:
                rel = self.tokens[c].rel
                if rel == "nsubj":
                    return c, False
                if rel == "nsubj:pass":
                    return c, True
            tok = self.tokens[t]
            if tok.rel == "xcomp" and tok.head >= 0:
                controller = self._kids(tok.head, "obj", "iobj")
                if controller:  # object control: "попросил *Арландию* разместить" (Arland deploys)
                    return controller[0], False
            if tok.rel in {"conj", "xcomp"} and tok.head >= 0:
                t = tok.head
                continue
            break
        passive = any(self.tokens[c].rel == "aux:pass" for c in self.children[pred])
        return None, passive or _tag(self.tokens[pred].text)[0] == "PRTS"

    def _agent(self, pred: int) -> int | None:
        """An instrumental ``obl`` with no preposition: the agent of a passive."""
        for c in self._kids(pred, "obl", "obl:agent"):
            if not self._kids(c, "case") and _tag(self.tokens[c].text)[1]:
                return c
        return None

    def _objects(self, pred: int, *, skip: frozenset[int] = frozenset()) -> list[int]:
        out: list[int] = []
        for c in self.children[pred]:
            if c in skip:
                continue
            rel = self.tokens[c].rel
            if rel in {"obj", "iobj"}:
                out.extend(self._role_names(c))
            elif rel == "obl" and any(self.tokens[x].text.lower() in _TARGET_CASES for x in self._kids(c, "case")):
                out.extend(self._names(c))
        return list(dict.fromkeys(out))

    def _reported_speaker(self, pred: int) -> list[int]:
        t = pred
        for _ in range(6):
            tok = self.tokens[t]
            if tok.rel == "ccomp" and tok.head >= 0:
                subj = self._kids(tok.head, "nsubj")
                return self._role_names(subj[0]) if subj else []
            if tok.rel in {"conj", "xcomp"} and tok.head >= 0:
                t = tok.head
                continue
            return []
        return []

    def _clause(self, pred: int) -> tuple[tuple[int, int], ...]:
        keep, stack = [], [pred]
        while stack:
            t = stack.pop()
            keep.append(t)
            stack.extend(
                c
                for c in self.children[t]
                if self.tokens[c].rel not in _OTHER_CLAUSE
                and not (self.tokens[c].rel == "conj" and _verb(self.tokens[c].text))
            )
        ranges: list[tuple[int, int]] = []
        for i in sorted(keep):
            a, b = self.tokens[i].start, self.tokens[i].end
            if ranges and i - 1 in keep:
                ranges[-1] = (ranges[-1][0], b)
            else:
                ranges.append((a, b))
        return tuple(ranges)

    def _phrase(self, head: int) -> tuple[str, ...]:
        """A subject with no name, written with its adjectives, coordinated ones too ("белорусский
        лидер", "российские и белорусские военные").  An adjective with no noun ("Белорусские
        провели учения": the parser's subject is the adjective) names no group: no phrase."""
        word = self.tokens[head].text
        if word.lower() in _PRONOUNS or self.mention_of[head] is not None:
            return ()
        if _tag(word)[0] in _ADJECTIVE_POS and not in_words(word.lower(), self.generic):
            return ()
        keep = {head}
        for c in self._kids(head, "amod"):
            if c < head:
                keep.add(c)
                keep.update(x for x in self._descendants(c) if self.tokens[x].rel in {"conj", "cc"} and x < head)
        left = min(keep) - 1
        while left >= 0 and self._adjective(left):
            keep.add(left)  # an adjective right before the phrase agrees with it, whatever the parser hung it on
            left -= 1
        return (" ".join(self.tokens[i].text for i in sorted(keep)),)

    def _adjective(self, i: int) -> bool:
        word = self.tokens[i].text
        return (
            self.mention_of[i] is None
            and _tag(word)[0] in _ADJECTIVE_POS
            and not in_words(word.lower(), self.generic)
            and self.tokens[i].start >= self.floor
        )

    # -- the question -------------------------------------------------------
    def roles(self, start: int, end: int, *, nominal: bool) -> SyntaxRoles:
        """Roles of the trigger at article offsets ``[start, end)`` (see the module head)."""
        root = next((i for i, t in enumerate(self.tokens) if t.start <= start < t.end or t.start >= start), None)
        if root is None or self.tokens[root].start >= end:
            return DOUBTFUL
        if nominal:
            return self._nominal(root)
        pred = root
        for _ in range(4):
            tok = self.tokens[pred]
            if _verb(tok.text) or tok.rel not in _CLIMB or tok.head < 0:
                break
            pred = tok.head
        if not _verb(self.tokens[pred].text):
            return DOUBTFUL
        return self._verbal(pred)

    def _verbal(self, pred: int, noun: int | None = None) -> SyntaxRoles:
        clause = self._clause(pred)
        subject, passive = self._subject(pred)
        agent = self._agent(pred) if passive else None
        targets = self._objects(pred, skip=frozenset({agent} if agent is not None else ()))
        if noun is not None:
            targets = list(dict.fromkeys(targets + self._objects(noun)))
        if passive:
            patient = self._role_names(subject) if subject is not None else []
            if agent is not None:
                return SyntaxRoles(tuple(self._role_names(agent)), tuple(patient + targets), clause)
            return SyntaxRoles(None, tuple(patient + targets), clause, doubtful=True)
        if subject is None:
            return SyntaxRoles(None, tuple(targets) or None, clause, doubtful=True)
        sub = self.tokens[subject]
        if sub.start < self.floor:
            return SyntaxRoles(None, tuple(targets), clause, doubtful=True)
        if sub.text.lower() in _PRONOUNS:
            speaker = self._reported_speaker(pred)
            if speaker:
                return SyntaxRoles(tuple(speaker), tuple(targets), clause, pronoun_subject=True)
            return SyntaxRoles(None, tuple(targets), clause, pronoun_subject=True, doubtful=True)
        names = self._role_names(subject)
        if names:
            return SyntaxRoles(tuple(names), tuple(t for t in targets if t not in names), clause)
        span_idx = [subject, *self._descendants(subject)]
        span = (min(self.tokens[i].start for i in span_idx), max(self.tokens[i].end for i in span_idx))
        phrases = tuple(p for h in self._heads(subject) for p in self._phrase(h))
        return SyntaxRoles((), tuple(targets), clause, subject_phrases=phrases, subject_span=span)

    def _descendants(self, i: int) -> list[int]:
        out, stack = [], list(self.children[i])
        while stack:
            c = stack.pop()
            out.append(c)
            stack.extend(self.children[c])
        return out

    def _nominal(self, noun: int) -> SyntaxRoles:
        """An event noun under a light verb ("провели учения", "обратился с просьбой") takes the
        verb's roles; any other is left to the rules."""
        tok = self.tokens[noun]
        if tok.rel in {"obj", "obl"} and tok.head >= 0:
            head = self.tokens[tok.head]
            if _verb(head.text) and in_words(head.text.lower(), self.light):
                return self._verbal(tok.head, noun)
        return DOUBTFUL


def parse_russian(texts: Sequence[str], offsets: Sequence[int]) -> list[list[RuToken]]:
    """Parse Russian sentence texts in one batch; token offsets are article offsets
    (``offsets[i]`` is where ``texts[i]`` starts)."""
    if not texts:
        return []
    from dossier.analyze.nlp import russian, russian_syntax

    segmenter = russian().segmenter
    words = [list(segmenter.tokenize(t)) for t in texts]
    markups: list[Any] = list(russian_syntax().map([[w.text for w in ws] for ws in words]))
    out: list[list[RuToken]] = []
    for ws, markup, base in zip(words, markups, offsets, strict=True):
        ids = {tok.id: i for i, tok in enumerate(markup.tokens)}
        out.append([
            RuToken(base + w.start, base + w.stop, w.text, ids.get(tok.head_id, -1), tok.rel)
            for w, tok in zip(ws, markup.tokens, strict=True)
        ])  # fmt: skip
    return out
