"""Event roles from the dependency parse, for the sentences that carry a trigger.

Why a parser here, after all: positional rules ("the leftmost mention before the
trigger") give the actor slot to whatever name comes first: a dateline city, a name
inside a fronted prepositional phrase ("In talks with Putin, Lukashenko asked..."),
a capitalised opening word ("Contrary to ..."), the subject of another clause.  The
parse says who the subject of the trigger verb is.  The rules read here:

* the **subject** of the trigger verb is the actor; a **passive** "by" agent is the
  actor and the passive subject a target;
* the **possessor** of a nominal trigger is its actor ("Russia's deployment");
* a **light verb** ("made a request", "launched an attack", "engaged in talks")
  passes its subject and objects to its event noun;
* a verb with no subject of its own takes the subject of the verb it is coordinated
  with ("X met Y and signed ..."), of the verb it completes ("agreed to send"), or the
  noun a relative clause hangs on ("Sharon, who vowed ...");
* a **pronoun** subject of a reported clause is the speaker ("Lukashenko said he
  would ask ..." -> Lukashenko);
* names inside a prepositional phrase are never the actor (an "of" phrase only when
  nothing else is there: "the office of X"), and nothing before the dateline floor is;
* the **object** (direct, dative, or after "against/to/with/on/at") is the target;
* an event's **clause** is the trigger verb's subtree without the adverbial,
  coordinated, relative and parenthetical clauses hanging on it; equipment comes from
  there.

The parse is a second opinion, not the only one.  Where it disagrees with the rule
based reading of the trigger (the rules take "attack" for a verb, the tagger for a
noun) or finds no subject at all, :attr:`SyntaxRoles.doubtful` is set and the
positional rules of :mod:`~dossier.analyze.eventing.roles` decide, as before.

Cost: the parser runs only on sentences that hold an event trigger with roles to settle
and names the rules could confuse (``DocumentExtractor.prepare``), all sentences of a batch
in one ``nlp.pipe`` call of the parser handle without NER (:func:`dossier.analyze.nlp.english_parser`),
since the entity stage already ran NER.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from dossier.analyze.eventing.lexicon import calendar_word, en_key, in_words

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from dossier.model import Mention

ACTOR_KINDS = frozenset({"person", "org", "place"})
_SUBJECT = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECT = frozenset({"nsubjpass", "csubjpass"})
_OBJECT = frozenset({"dobj", "dative", "iobj"})
_TARGET_PREPS = frozenset({"against", "to", "with", "on", "upon", "at", "toward", "towards"})
#: Children whose subtrees are clauses or asides of their own: not part of the event's clause.
_OTHER_CLAUSE = frozenset({"advcl", "relcl", "parataxis"})
#: Children of a subject or object that hold no name of the role: phrases and asides.
_NOT_ROLE = frozenset({"prep", "relcl", "acl", "advcl", "parataxis", "punct", "cc"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
#: Heads that only count the people named in their "of" phrase ("thousands of Nigerians").
_COLLECTIVE = frozenset({
    "group", "groups", "hundreds", "thousands", "dozens", "millions", "tens", "scores", "number", "crowd",
    "crowds", "band", "some", "many", "most", "all", "both", "several", "few", "majority", "handful",
    "half", "none", "each", "either", "neither", "rest", "minority",
})  # fmt: skip
#: Quantities among them: never (part of) a group's written name.
_QUANTITY = _COLLECTIVE - {"group", "groups", "crowd", "crowds", "band", "number", "handful"}
#: Components of the parser handle the roles do without (they read tags and dependencies only).
_NOT_NEEDED = ("attribute_ruler", "lemmatizer")
#: How far a non-verbal trigger ("en route", "on combat duty") climbs to the verb it hangs on.
_CLIMB = frozenset({"prep", "pobj", "advmod", "acomp", "attr", "oprd", "npadvmod", "amod", "compound", "pcomp"})


@dataclass(frozen=True, slots=True)
class SyntaxRoles:
    """What the parse says about one trigger.

    ``actors`` / ``targets`` are indices into the sentence's mention list (``None``:
    the parse has no opinion, ``()``: it has one and there is no name there);
    ``subject_phrases`` is the subject written as plain noun phrases when it names no
    mention ("police", "Iraqi Kurds", "Palestinians and Israelis") and ``subject_span``
    the article offsets of the whole subject; ``object_phrases`` the object written as a
    noun phrase when it names no mention ("more than 100 *Palestinians*"); ``clause`` the character ranges of the
    event's own clause; ``doubtful`` says the parse and the rules read the trigger
    differently, so the rules decide.  ``subject_head`` is the article offsets of the
    subject's head word: "Russia's missile *complex* was heading west" names Russia, yet
    what moves is the complex.
    """

    actors: tuple[int, ...] | None
    targets: tuple[int, ...] | None
    clause: tuple[tuple[int, int], ...]
    subject_phrases: tuple[str, ...] = ()
    subject_span: tuple[int, int] | None = None
    object_phrases: tuple[str, ...] = ()
    pronoun_subject: bool = False
    doubtful: bool = False
    subject_head: tuple[int, int] | None = None


DOUBTFUL = SyntaxRoles(None, None, (), doubtful=True)


class RoleParse(Protocol):
    """A parsed sentence that answers role questions (English here, Russian in ``syntax_ru``)."""

    def roles(self, start: int, end: int, *, nominal: bool) -> SyntaxRoles: ...


class SentenceSyntax:
    """One parsed sentence and the mentions in it; answers role questions per trigger."""

    def __init__(
        self,
        doc: Doc,
        offset: int,
        mentions: Sequence[Mention],
        *,
        floor: int = 0,
        light_keys: frozenset[str] = frozenset(),
        generic: frozenset[str] = frozenset(),
        times: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.doc = doc
        self.offset = offset  # article offset of doc character 0
        #: article offsets of the sentence's time expressions: their words name no group
        self.times = tuple(times)
        self.mentions = list(mentions)
        self.floor = floor  # article offset before which nothing holds a role (a dateline)
        self.light_keys = light_keys
        self.generic = generic  # common-noun actors ("police", "soldiers"): word list with stem* entries
        # one sweep over tokens and mentions (both in text order), not tokens times mentions
        self.mention_of: list[int | None] = [None] * len(doc)
        k = 0
        for t in doc:
            a = offset + t.idx
            while k < len(self.mentions) and self.mentions[k].end <= a:
                k += 1
            if k < len(self.mentions) and self.mentions[k].start <= a:
                self.mention_of[t.i] = k

    # -- helpers -----------------------------------------------------------
    def _token_at(self, start: int, end: int) -> Token | None:
        span = self.doc.char_span(start - self.offset, end - self.offset, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        return span.root

    def _agent_mention(self, t: Token) -> int | None:
        k = self.mention_of[t.i]
        if k is None:
            return None
        m = self.mentions[k]
        if m.kind not in ACTOR_KINDS or m.start < self.floor or (m.attrs or {}).get("dateline"):
            return None
        return k

    @staticmethod
    def _counted(t: Token) -> Token:
        """The noun a collective or quantity head counts: "thousands of *people*", "a group of
        *diplomats*" (the people are the actor, not the number)."""
        for _ in range(3):
            if t.lower_ not in _COLLECTIVE:
                break
            of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
            if obj is None:
                break
            t = obj
        return t

    def _heads(self, t: Token) -> list[Token]:
        """``t`` and the words coordinated with it ("Russia and Belarus")."""
        t = self._counted(t)
        out = [t]
        for c in t.children:
            if c.dep_ == "conj" and (_noun(c) or _pronoun(c)):
                out.extend(self._heads(c))
        return out

    def _names(self, head: Token, *, genitive: bool = False) -> list[int]:
        """The mentions a noun phrase names: its head's, else the nearest one below it
        that is not inside a prepositional phrase or an aside ("NATO officials",
        "Belarus's army"); with ``genitive`` an "of" phrase counts too ("the office of X")."""
        out: list[int] = []
        for h in self._heads(head):
            k = self._agent_mention(h)
            if k is not None:
                out.append(k)
                continue
            # an apposition names the head itself ("the UN food agencies, *FAO and WFP*, appealed";
            # not a partial one: "G7 nations, in particular the US"),
            # a compound only modifies it ("the *UN* agencies")
            named = [
                m
                for a in h.children
                if a.dep_ == "appos" and not any(c.dep_ in {"prep", "advmod"} for c in a.children)
                for x in self._heads(a)
                if (m := self._agent_mention(x)) is not None
            ]
            if named:
                out.extend(named)
                continue
            frontier = [c for c in h.children if c.dep_ not in _NOT_ROLE]
            if genitive:
                ofs = [c for c in h.children if c.dep_ == "prep" and c.lower_ == "of"]
                # "the principal of *an* Oxford college": an indefinite phrase is some body the name
                # only qualifies, not the body named ("the office of President X" still is X)
                frontier += [
                    g
                    for c in ofs
                    for g in c.children
                    if g.dep_ == "pobj"
                    and (self.mention_of[g.i] is not None or not any(d.lower_ in {"a", "an"} for d in g.children))
                ]
            found = None
            while frontier and found is None:
                nxt: list[Token] = []
                for c in frontier:
                    k = self._agent_mention(c)
                    if k is not None:
                        found = k
                        break
                    nxt.extend(x for x in c.children if x.dep_ not in _NOT_ROLE)
                frontier = nxt
            if found is not None:
                out.append(found)
        return list(dict.fromkeys(out))

    def _timed(self, t: Token) -> bool:
        a = self.offset + t.idx
        return any(s <= a < e for s, e in self.times)

    def _group_word(self, t: Token) -> bool:
        """Whether a word may be part of a group's written name: not a time word ("*September*
        talks", "*Monday* saw protests") nor a quantity ("*Most* voted against")."""
        return not self._timed(t) and t.lower_ not in _QUANTITY and not calendar_word(t.text)

    def _phrases(self, head: Token) -> tuple[str, ...]:
        """A subject with no name, written as each coordinated head with the capitalised
        modifiers before it ("Iraqi Kurds"); the caller decides whether it is an actor."""
        out = []
        for h in self._heads(head):
            if _pronoun(h) or h.lower_ in {"who", "which", "that"} or self.mention_of[h.i] is not None:
                continue  # a pronoun, or a name that is no actor (a weapon): no phrase to offer
            if not self._group_word(h):
                continue
            left = [
                c for c in h.lefts if c.dep_ in {"compound", "amod"} and c.text[:1].isupper() and self._group_word(c)
            ]
            out.append(" ".join([*(c.text for c in left), h.text]))
        return tuple(out)

    def _object_phrases(self, *preds: Token) -> tuple[str, ...]:
        """Objects with no name, written the way coders write them: a group with its
        capitalised modifiers ("two *British soldiers*", "100 *Palestinians*"), else the
        capitalised modifiers alone ("an *Australian* ultimatum"); nothing for a thing."""
        out: list[str] = []
        for p in preds:
            for c in p.children:
                if c.dep_ not in _OBJECT or self._names(c):
                    continue
                for h in self._heads(c):
                    if _pronoun(h) or self.mention_of[h.i] is not None:
                        continue
                    mods = [
                        m.text
                        for m in h.lefts
                        if m.dep_ in {"compound", "amod"} and m.text[:1].isupper() and self._group_word(m)
                    ]
                    if h.text[:1].isupper() or in_words(h.lower_, self.generic):
                        out.append(" ".join([*mods, h.text]))
                    elif mods:
                        out.append(" ".join(mods))
        return tuple(dict.fromkeys(out))

    def _proper_head(self, t: Token) -> bool:
        """A capitalised plural or name heading the phrase, not opening the sentence
        ("*Palestinians* of the West Bank"): the group itself, not the place of its "of"."""
        h = self._counted(t)
        return h.i > 0 and h.text[:1].isupper() and h.tag_ in {"NNPS", "NNP", "NNS"} and self.mention_of[h.i] is None

    def _role_names(self, head: Token) -> list[int]:
        return self._names(head) or self._names(head, genitive=True)

    def _subject(self, pred: Token) -> tuple[Token | None, bool]:
        """(subject token, passive?) of a verb, looking through coordination, control and
        relative clauses when it has none of its own."""
        seen = 0
        t: Token | None = pred
        while t is not None and seen < 6:
            seen += 1
            subjects = [c for c in t.children if c.dep_ in _SUBJECT or c.dep_ in _PASSIVE_SUBJECT]
            if subjects:
                # two subjects ("The UN agencies FAO and WFP appealed": the parser split a head and
                # its apposition): a name heading one is who acted, else the first ("Members of X,
                # a body linked to Y, investigated")
                c = next((x for x in subjects if self.mention_of[x.i] is not None), subjects[0])
                return c, c.dep_ in _PASSIVE_SUBJECT
            if t.dep_ == "relcl" and any(c.tag_ in {"WP", "WDT"} for c in t.children):
                return t.head, False  # "Sharon, who has vowed ...": the noun the clause hangs on
            if t.dep_ in {"conj", "xcomp"} and t.head is not t:
                t = t.head
                continue
            purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
            if t.dep_ == "advcl" and (t.tag_ == "VBG" or purpose) and t.head is not t:
                t = t.head  # "..., killing five", "blocked roads to demand": the main clause's subject
                continue
            return None, False
        return None, False

    def _agent(self, pred: Token) -> Token | None:
        for c in pred.children:
            if c.dep_ == "agent":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
        return None

    def _reported_speaker(self, pred: Token) -> list[int]:
        """The speaker of the clause a pronoun subject sits in ("X said he would ...")."""
        t = pred
        for _ in range(6):
            if t.dep_ == "ccomp" and t.head is not t:
                for c in t.head.children:
                    if c.dep_ in _SUBJECT:
                        return self._role_names(c)
                return []
            if t.dep_ in {"conj", "xcomp"} and t.head is not t:
                t = t.head
                continue
            return []
        return []

    def _objects(self, *preds: Token) -> list[int]:
        out: list[int] = []
        for p in preds:
            for c in p.children:
                if c.dep_ in _OBJECT:
                    out.extend(self._role_names(c))
                elif c.dep_ == "prep" and c.lower_ in _TARGET_PREPS:
                    for g in c.children:
                        if g.dep_ == "pobj":
                            out.extend(self._names(g))
        return list(dict.fromkeys(out))

    def _clause(self, pred: Token) -> tuple[tuple[int, int], ...]:
        """Character ranges of ``pred``'s subtree without the clauses hanging on it."""
        keep: list[Token] = []
        stack = [pred]
        while stack:
            t = stack.pop()
            keep.append(t)
            stack.extend(c for c in t.children if not self._other_clause(c))
        idx = sorted(t.i for t in keep)
        ranges: list[tuple[int, int]] = []
        for i in idx:
            tok = self.doc[i]
            a, b = self.offset + tok.idx, self.offset + tok.idx + len(tok.text)
            if ranges and i - 1 in idx and ranges[-1][1] <= a:
                ranges[-1] = (ranges[-1][0], b)
            else:
                ranges.append((a, b))
        return tuple(ranges)

    @staticmethod
    def _other_clause(t: Token) -> bool:
        """An adverbial, relative or parenthetical clause, or a coordinated verb with its own."""
        return t.dep_ in _OTHER_CLAUSE or (t.dep_ == "conj" and _verb(t))

    @staticmethod
    def _governor(noun: Token) -> Token:
        """The verb whose clause an event noun sits in ("shown at a *parade*" -> shown), else
        the noun itself: the noun's equipment is that clause's."""
        t = noun
        for _ in range(3):
            if t.dep_ == "pobj" and t.head.dep_ == "prep":
                t = t.head.head
            elif t.dep_ in {"dobj", "nsubj", "nsubjpass", "attr"}:
                t = t.head
            else:
                break
            if _verb(t):
                return t
        return noun

    def _light_verb(self, noun: Token) -> Token | None:
        """The light verb an event noun is the object of ("made a request", "engaged in talks")."""
        h = noun.head
        if noun.dep_ == "pobj" and h.dep_ == "prep":
            h = h.head
        elif noun.dep_ not in {"dobj", "attr"}:
            return None
        if _verb(h) and en_key(h.text) in self.light_keys:
            return h
        return None

    # -- the question -------------------------------------------------------
    def roles(self, start: int, end: int, *, nominal: bool) -> SyntaxRoles:
        """Roles of the trigger at article offsets ``[start, end)`` (see the module head)."""
        root = self._token_at(start, end)
        if root is None:
            return DOUBTFUL
        is_noun = _noun(root)
        is_verb = _verb(root)
        if (nominal and is_verb) or (not nominal and is_noun):
            return DOUBTFUL  # the rules and the tagger read the word differently
        if is_noun:
            return self._nominal(root)
        pred = root
        if not is_verb:  # "en route", "on combat duty": the verb the phrase hangs on
            for _ in range(4):
                if _verb(pred) or pred.dep_ not in _CLIMB or pred.head is pred:
                    break
                pred = pred.head
            if not _verb(pred):
                return DOUBTFUL
        return self._verbal(pred)

    def _verbal(self, pred: Token, noun: Token | None = None) -> SyntaxRoles:
        clause = self._clause(pred)
        subject, passive = self._subject(pred)
        agent = self._agent(pred)
        extra = (noun,) if noun is not None else ()
        targets = self._objects(pred, *extra)
        if passive:
            passive_subject = self._role_names(subject) if subject is not None else []
            if agent is not None:
                return SyntaxRoles(tuple(self._role_names(agent)), tuple(passive_subject + targets), clause)
            # no agent named: the subject is what the event happened to, the actor is unknown
            return SyntaxRoles(None, tuple(passive_subject + targets), clause, doubtful=True)
        if subject is None and agent is not None:  # "a lunch hosted by X": X hosted it
            return SyntaxRoles(tuple(self._role_names(agent)), tuple(targets), clause)
        if subject is None:
            return SyntaxRoles(None, tuple(targets) or None, clause, doubtful=True)
        if self.offset + subject.idx < self.floor:
            return SyntaxRoles(None, tuple(targets), clause, doubtful=True)  # a dateline parsed as the subject
        if subject.lower_ in _PRONOUNS:
            speaker = self._reported_speaker(pred)
            if speaker:
                return SyntaxRoles(tuple(speaker), tuple(targets), clause, pronoun_subject=True)
            return SyntaxRoles(None, tuple(targets), clause, pronoun_subject=True, doubtful=True)
        objects = self._object_phrases(pred, *extra)
        names = self._names(subject)
        if not names and not self._proper_head(subject):
            names = self._names(subject, genitive=True)  # "the office of X"
        if names:
            targets = [t for t in targets if t not in names]
            head = (self.offset + subject.idx, self.offset + subject.idx + len(subject.text))
            return SyntaxRoles(tuple(names), tuple(targets), clause, object_phrases=objects, subject_head=head)
        sub = list(subject.subtree)
        span = (self.offset + sub[0].idx, self.offset + sub[-1].idx + len(sub[-1].text))
        phrases = self._phrases(subject)
        return SyntaxRoles(
            (), tuple(targets), clause, subject_phrases=phrases, subject_span=span, object_phrases=objects
        )

    def _nominal(self, noun: Token) -> SyntaxRoles:
        while noun.dep_ == "compound" and _noun(noun.head):
            noun = noun.head  # "a mediation effort", "peace talks": the phrase's head holds the roles
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        light = self._light_verb(noun)
        if light is not None:
            roles = self._verbal(light, noun)
            if owner is not None and not roles.actors:
                return SyntaxRoles(tuple(self._names(owner)), roles.targets, roles.clause)
            return roles
        clause = self._clause(self._governor(noun))
        targets = tuple(self._objects(noun))
        if owner is not None and owner.lower_ not in {"its", "their", "his", "her", "our"}:
            names = self._names(owner)
            if names:
                return SyntaxRoles(tuple(names), targets, clause)
        return SyntaxRoles(None, targets or None, clause, doubtful=True)


# Word classes from the fine-grained tags: the syntax pipeline leaves out the attribute ruler
# that would map them to coarse ones (a cost with nothing to add here).
def _verb(t: Token) -> bool:
    return t.tag_.startswith("VB") or t.tag_ == "MD"


def _noun(t: Token) -> bool:
    return t.tag_.startswith("NN")


def _pronoun(t: Token) -> bool:
    return t.tag_ in {"PRP", "WP", "EX"}


def parse_sentences(texts: Sequence[str]) -> list[Doc]:
    """Dependency-parse sentence texts in one batch with the NER-less English pipeline.

    The parser handle of :mod:`dossier.analyze.nlp` (one model load for every stage that
    parses), run without the attribute ruler and lemmatizer: the roles read fine-grained tags
    and dependencies only.
    """
    from dossier.analyze.nlp import english_parser

    if not texts:
        return []
    return list(english_parser().pipe(texts, batch_size=64, disable=_NOT_NEEDED))
