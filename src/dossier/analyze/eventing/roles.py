"""Roles of an event: actor, target, place, equipment.

Why positional rules: without a parser (too slow for the budget), English and
Russian news sentences still put the actor first ("Belarus has deployed...",
"Минобороны сообщило...") and the target after the trigger.  The rules:

* actor: the leftmost person/org/place mention between the previous trigger
  (or the sentence start) and this trigger that does not sit inside a
  prepositional phrase, plus mentions coordinated with it ("X and Y").  A
  genitive ``of X`` ("the office of X") is used when nothing else is there.
  In a passive ("was attacked by X") the ``by`` phrase is the actor and the
  subject becomes the target;
* target: the first mention after the trigger (directly, or after "to",
  "with", "against"... but not after a locative preposition);
* place: the first place mention after a locative preposition, after the
  trigger first, else before it;
* equipment: equipment mentions of the trigger's clause, else of the
  sentence.

When NER gives no mention in the actor slot, a common-noun actor ("police",
"rebels", "protesters") from ``generic_actors_<lang>.txt`` is used, and then
a capitalised word run: event coders treat those as actors too.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import islice

from dossier.analyze.eventing.lexicon import Token, calendar_word, in_words, irregular_forms, word_list
from dossier.analyze.eventing.syntax import RoleParse, SyntaxRoles
from dossier.analyze.mention_review import common_opener
from dossier.model import Mention

ACTOR_KINDS = {"person", "org", "place"}

_PREP_EN = {
    "in", "at", "on", "from", "to", "into", "with", "of", "for", "near", "against", "over", "under", "by",
    "during", "between", "among", "across", "through", "toward", "towards",
    "within", "without", "about", "onto", "inside", "outside", "beyond", "despite", "amid",
    "behind", "around", "via", "upon", "alongside", "unlike", "including",
}  # fmt: skip
_PREP_RU = {
    "в", "во", "на", "из", "с", "со", "к", "ко", "по", "о", "об", "от", "до", "для", "при", "у", "за",
    "под", "над", "между", "через", "без", "около", "против", "после", "перед", "вокруг", "среди",
}  # fmt: skip
#: Prepositions by language (other modules test "is this word a preposition").
PREPOSITIONS: dict[str, frozenset[str]] = {"en": frozenset(_PREP_EN), "ru": frozenset(_PREP_RU)}
_TARGET_PREP = {"to", "with", "against", "on", "upon", "at", "toward", "towards", "from", "for", "of",
                "к", "ко", "с", "со", "против", "на", "у", "от"}  # fmt: skip
_LOCATIVE = {"in", "at", "near", "inside", "outside", "into", "across", "throughout", "within", "around",
             "в", "во", "под", "около", "близ", "вблизи", "возле"}  # fmt: skip
_DESTINATION = {"to", "into", "towards", "toward", "в", "во", "на"}
_COORD = {"and", ",", "&", "и", "as well as", "а", "также"}
#: Words that open a clause of its own with its own subject: after ", and" / ", but" (a
#: coordinated clause) or a subordinator ("days after Russia fired ..."), the subject of a
#: trigger in that clause is the mention right after the word, not the sentence's first one.
_CLAUSE_OPENERS = {"and", "but", "while", "whereas", "и", "а", "но"}
_SUBORDINATORS = {"after", "before", "while", "since", "until", "because", "when", "as", "once",
                  "после", "перед", "пока", "когда", "поскольку"}  # fmt: skip
_BE = {"is", "are", "was", "were", "be", "been", "being", "get", "got", "gets", "has", "have", "had"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their",
                "our", "my", "your", "no", "any", "each", "every", "some", "such"}  # fmt: skip
_STOP_CAPS = {"The", "A", "An", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I",
              "His", "Her", "Its", "Their", "Our", "My", "Your", "Such", "Some", "Many", "Several",
              "On", "In", "At", "After", "Before", "But", "And", "However", "Meanwhile", "While", "As",
              "When", "Senior", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
              "Sunday", "Today", "Yesterday", "Earlier", "Later", "Last", "Next", "If", "Если", "В", "Во",
              "На", "По", "Об", "О", "Это", "Как", "Когда", "После", "Также", "Кроме", "При", "С", "Со",
              "Но", "И", "А", "Однако", "Тем", "Так", "Ранее", "Сегодня", "Вчера"}  # fmt: skip


#: Capitalised words a search for a capitalised actor looks at before giving up: an actor is near
#: its clause's start, and a hostile sentence of thousands of capitalised words must not make each
#: of its triggers walk all of them.
_ACTOR_SCAN = 64
#: Mentions coordinated into one actor at most ("X, Y and Z"): a longer list is a list, not an actor.
_COORDINATED = 32
#: Words of a capitalised run taken as one actor at most ("Rebel Forces", "Free Syrian Army").
_RUN_WORDS = 12


@dataclass(frozen=True, slots=True)
class Roles:
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    place: str | None
    equipment: tuple[str, ...]
    actor_spans: tuple[tuple[int, int], ...] = ()
    target_spans: tuple[tuple[int, int], ...] = ()


class RoleFinder:
    """Role decisions for the triggers of one sentence."""

    def __init__(
        self,
        tokens: list[Token],
        mentions: list[Mention],
        language: str,
        floor: int = 0,
        syntax: RoleParse | None = None,
        times: tuple[tuple[int, int], ...] = (),
    ) -> None:
        self.tokens = tokens
        self.floor = floor  # tokens before it (a leading dateline) hold no actor
        self.language = "ru" if language == "ru" else "en"
        self.preps = _PREP_RU if self.language == "ru" else _PREP_EN
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._ends = [t.end for t in tokens]  # increasing: a token's index by offset is a bisection
        self._starts = [t.start for t in tokens]
        self._agent_cache: dict[frozenset[str], tuple[list[int], list[int]]] = {}
        self.tok_of = [self._token_index(m.start) for m in self.mentions]
        self.generic = word_list(f"generic_actors_{self.language}.txt")
        #: the sentence's dependency parse, when it has one (mention indices agree with ours)
        self.syntax = syntax
        self._parsed: dict[tuple[int, int, bool], SyntaxRoles] = {}
        #: tokens inside a time expression ("late *September*"), or a calendar word the time stage
        #: left untagged ("*Spring* floodwater"): never part of a name run
        self.timed = frozenset(
            i for i, t in enumerate(tokens) if any(a <= t.start < b for a, b in times) or calendar_word(t.text)
        )

    def parsed(self, start: int, end: int, nominal: bool) -> SyntaxRoles | None:
        """What the parse says about the trigger at ``[start, end)``; ``None`` without a parse."""
        if self.syntax is None:
            return None
        key = (start, end, nominal)
        if key not in self._parsed:
            self._parsed[key] = self.syntax.roles(start, end, nominal=nominal)
        return self._parsed[key]

    def doubtful(self, start: int, end: int, nominal: bool) -> bool:
        """Whether the parse cannot settle this trigger's actor (no parse, no subject, or the
        parse reads the trigger otherwise than the rules do): then the positional rules decide."""
        sx = self.parsed(start, end, nominal)
        return sx is None or sx.doubtful

    def clause_equipment(self, start: int, end: int, nominal: bool) -> list[str] | None:
        """Equipment named in the trigger's own clause by the parse (``None``: no parse,
        or none named there)."""
        sx = self.parsed(start, end, nominal)
        if sx is None or not sx.clause:
            return None
        inside = [
            m.entity for m in self.mentions if m.kind == "equipment" and any(a <= m.start < b for a, b in sx.clause)
        ]
        return list(dict.fromkeys(inside)) or None

    def in_clause(self, k: int, start: int, end: int, nominal: bool) -> bool:
        """Whether mention ``k`` lies in the trigger's own clause (true without a parse)."""
        sx = self.parsed(start, end, nominal)
        if sx is None or not sx.clause:
            return True
        m = self.mentions[k]
        return any(a <= m.start < b for a, b in sx.clause)

    def _token_index(self, offset: int) -> int:
        """The first token ending after ``offset`` (``len(tokens)`` when none does)."""
        return bisect_right(self._ends, offset)

    def _prev_word(self, ti: int) -> str:
        j = ti - 1
        while j >= 0 and self.tokens[j].text in {"‘", "'", '"', "“", "«", "’"}:
            j -= 1
        return self.tokens[j].lower if j >= 0 else ""

    def _governor(self, ti: int) -> str:
        """The preposition heading the noun phrase that holds token ``ti``, else the word before it.

        A name deep in a phrase is as much inside it as one right after the preposition:
        "Officials in a neighbouring *NATO* country", "officials from the *European Union*".
        The walk back crosses only what modifies a noun (determiners, numbers, adjectives),
        at most four words, so "On Friday *Lukashenko*" and "said that *Russia*" stay free.
        """
        j = ti - 1
        while j >= 0 and self.tokens[j].text in _QUOTES:
            j -= 1
        for _ in range(4):
            if j < 0:
                return ""
            word = self.tokens[j].lower
            if word in self.preps:
                return word
            if not self._modifier(self.tokens[j].text):
                break
            j -= 1
        return self._prev_word(ti)

    def _modifier(self, word: str) -> bool:
        w = word.lower()
        if w in DETERMINERS or w.isdigit():
            return True
        if self.language == "ru":
            return w.endswith(_RU_ADJ_ENDINGS) and len(w) > 4 and not _ru_noun(w)
        return _adjective_like(word)

    def _in_modifier_phrase(self, j: int) -> bool:
        """Whether token ``j`` sits in a prepositional phrase other than a quantity's "of"
        ("One third *of* ethnic Albanian guerrillas" are the guerrillas)."""
        return self._governor(j) in self.preps - _OF

    def in_phrase(self, k: int) -> bool:
        """Whether mention ``k`` sits inside a prepositional phrase (never the actor then)."""
        return self._governor(self.tok_of[k]) in self.preps

    def premodifies(self, k: int, first: int) -> bool:
        """Whether mention ``k`` stands inside the noun phrase of the event noun at ``first``:
        only a possessive mark and modifiers between them ("*Russia*'s planned deployment",
        "the *NATO* deployment")."""
        m = self.mentions[k]
        last = self._token_index(m.end - 1)
        if last >= first:
            return False
        gap = self.tokens[last + 1 : first]
        return len(gap) <= 3 and all(
            t.text in _QUOTES or t.lower in {"'s", "’s"} or self._modifier(t.text) or t.lower.endswith("ed")
            for t in gap
        )

    def _agents(self, lo: int, hi: int, kinds: set[str]) -> list[int]:
        """Indexes of the mentions of ``kinds`` whose first token lies in ``[lo, hi)``, in order.

        Why by bisection over a list made once per kind set: the actor of every trigger is looked
        for from its clause's start, and a pass over every mention for each trigger made a
        sentence of thousands of names quadratic."""
        ks, at = self._agent_slots(frozenset(kinds))
        return ks[bisect_left(at, lo) : bisect_left(at, hi)]

    def _agent_slots(self, kinds: frozenset[str]) -> tuple[list[int], list[int]]:
        """(mentions of ``kinds`` that may act, their first tokens): a dateline ("BRUSSELS —",
        "ГРОДНО, 14 марта.") says where the report was filed, not who acted."""
        slots = self._agent_cache.get(kinds)
        if slots is None:
            ks = [k for k, m in enumerate(self.mentions) if m.kind in kinds and not (m.attrs or {}).get("dateline")]
            slots = self._agent_cache[kinds] = (ks, [self.tok_of[k] for k in ks])
        return slots

    def _coordinated(self, first: int, pool: list[int], *, commas: bool = True) -> list[int]:
        """``first`` plus the mentions joined to it by "and" or (with ``commas``) commas; a
        speaker's commas are apposition ("said Helmut Panke, BMW's chief executive")."""
        joins = _COORD if commas else _COORD - {","}
        chosen = [first]
        starts = self._starts
        for k in pool:
            if k <= chosen[-1]:
                continue
            if len(chosen) > _COORDINATED:
                break  # a list of names this long is no actor of one event (and each step costs)
            a = bisect_left(starts, self.mentions[chosen[-1]].end)
            b = bisect_left(starts, self.mentions[k].start)
            gap = self.tokens[a:b]
            if gap and len(gap) <= 3 and all(t.lower in joins or t.text in {"‘", "’", "'"} for t in gap):
                chosen.append(k)
            else:
                break
        return chosen

    def is_passive(self, first: int) -> bool:
        tok = self.tokens[first]
        if self.language == "ru" or not (tok.lower.endswith(("ed", "en")) or tok.key != tok.lower):
            return False
        return any(t.lower in _BE for t in self.tokens[max(0, first - 3) : first])

    def actor(
        self, lo: int, first: int, quote: int | None = None, quote_of: list[int | None] | None = None
    ) -> tuple[list[int], str | None]:
        """Mention indices of the actor in tokens ``[lo, first)``, or a
        common-noun actor string when there is no mention.  Mentions inside
        a different quote than the trigger's are not candidates."""
        pool = self._agents(lo, first, ACTOR_KINDS)
        if quote_of is not None and not (quote is None and quote_of.count(None) == len(quote_of)):
            pool = [k for k in pool if quote_of[k] == quote]
        own = self._clause_subject(lo, first, pool)
        if own:
            return self._coordinated(own[0], own), None
        # "Глава *Минфина* Антон Силуанов заявил", "президент *Белоруссии* встречался": a body
        # or place after a noun is its genitive owner; the noun's phrase is the actor
        ru = self.language == "ru"
        # Only the first free mention and those coordinated with it are read: the rest of the
        # stretch is never looked at (a sentence of thousands of names asked each, per trigger).
        free = list(
            islice(
                (k for k in pool if not self.in_phrase(k) and not (ru and self._ru_owner_of_noun(k, lo))),
                _COORDINATED + 2,
            )
        )
        if free:
            return self._coordinated(self._apposed(free[0], free), free), None
        genitive = [k for k in pool if self._governor(self.tok_of[k]) in {"of"} and not self._indefinite(k)]
        if genitive:
            return self._coordinated(genitive[0], genitive), None
        # "X resigned after *students* protested": the subordinate clause's own subject
        c = self._last_before(self._clause_marks[1], lo, first)
        if (
            c is not None
            and self.tokens[c].lower in _SUBORDINATORS
            and first - c <= 7
            and (own_common := self._common_actor(c + 1, first))
        ):
            return [], own_common
        return [], self._common_actor(lo, first)

    @staticmethod
    def _last_before(marks: list[int], lo: int, first: int) -> int | None:
        """The last of the sorted token indexes ``marks`` in ``[lo, first)``, or None."""
        i = bisect_left(marks, first) - 1
        return marks[i] if i >= 0 and marks[i] >= lo else None

    @cached_property
    def _clause_marks(self) -> tuple[list[int], list[int]]:
        """Where a walk back from a trigger stops, found once per sentence instead of walked once
        per trigger: (for :meth:`_clause_subject`: a clause opener after a comma, a subordinator,
        ";" or "—"; for :meth:`actor`: a subordinator, ";" or "—")."""
        clause, subordinate = [], []
        for c, t in enumerate(self.tokens):
            stop = t.text in {";", "—"} or t.lower in _SUBORDINATORS
            if stop or (t.lower in _CLAUSE_OPENERS and c > 0 and self.tokens[c - 1].text in {",", ";"}):
                clause.append(c)
            if stop:
                subordinate.append(c)
        return clause, subordinate

    def _indefinite(self, k: int) -> bool:
        """Whether mention ``k`` only qualifies an indefinite noun phrase ("the principal of *an*
        Oxford college", "a member of a Hamburg club"): some body the name describes, not the
        body named, so not the owner that may stand in for the actor."""
        j = self.tok_of[k] - 1
        for _ in range(4):
            if j < 0 or self.tokens[j].lower in self.preps:
                return False
            if self.tokens[j].lower in {"a", "an"}:
                return True
            if not self._modifier(self.tokens[j].text):
                return False
            j -= 1
        return False

    def stretch_speaker(self, lo: int, hi: int) -> tuple[list[int], str | None]:
        """The speaker named in tokens ``[lo, hi)`` of a closing attribution ("..., said *John
        Smith*, a spokesman for X"): its first mention outside a prepositional phrase with the
        ones coordinated with it, else a common-noun actor ("..., said *the ministry*")."""
        a = lo
        while a < hi and (self.tokens[a].lower in DETERMINERS or self.tokens[a].text in _QUOTES):
            a += 1
        if a < hi and not self._covered(a) and in_words(self.tokens[a].lower, self.generic):
            # "a spokeswoman for the SEC's Boston office": the group heads the phrase, the names
            # after it only say whose it is (an apposition after a comma names it: "a spokesman
            # for the UN, Stephane Dujarric")
            named = [
                k
                for k in self._agents(a, hi, {"person"})
                if self.tok_of[k] > 0 and self.tokens[self.tok_of[k] - 1].text == ","
            ]
            if named:
                return named[:1], None
            return [], " ".join(x.text for x in self.tokens[a : self._group_end(a, hi) + 1])
        pool = [k for k in self._agents(lo, hi, ACTOR_KINDS) if not self.in_phrase(k)]
        if pool:
            first = pool[0]
            nxt = pool[1] if len(pool) > 1 else None
            if (
                nxt is not None
                and self.mentions[first].kind != "person"
                and self.mentions[nxt].kind == "person"
                and self.tok_of[nxt] == self._token_index(self.mentions[first].end - 1) + 1
            ):
                first = nxt  # a title names its person: "глава *ДНР* Денис Пушилин" is Pushilin
            return self._coordinated(first, pool, commas=False), None
        return [], self._common_actor(lo, hi) if lo < hi else None

    def mentions_from(self, j: int, reach: int = 3) -> list[int]:
        """Mentions starting within ``reach`` tokens from token ``j`` (in text order)."""
        return [k for k, ti in enumerate(self.tok_of) if j <= ti < j + reach]

    def _apposed(self, k: int, pool: list[int]) -> int:
        """The name a group noun after mention ``k`` is written out as, right after it ("the *UN*
        agencies *FAO* and WFP"): the mention only modified the group noun, the names after it
        are the group.  ``k`` itself when no such name follows."""
        last = self._token_index(self.mentions[k].end - 1)
        j = last + 1
        words = 0
        while j < len(self.tokens) and words < 3 and in_words(self.tokens[j].lower, self.generic | _GROUP_HEADS):
            j += 1
            words += 1
        if words == 0:
            return k
        nxt = next((x for x in pool if self.tok_of[x] == j), None)
        return k if nxt is None else nxt

    def _clause_subject(self, lo: int, first: int, pool: list[int]) -> list[int]:
        """The subject of a trigger in a clause of its own (see ``_CLAUSE_OPENERS``)."""
        c = self._last_before(self._clause_marks[0], lo, first)
        if c is None:
            return []
        word = self.tokens[c].lower
        if word in _CLAUSE_OPENERS and c > 0 and self.tokens[c - 1].text in {",", ";"}:
            return [k for k in pool if self.tok_of[k] > c and not self.in_phrase(k)]
        if word in _SUBORDINATORS:
            head = c + 1 + (c + 1 < first and self.tokens[c + 1].lower in DETERMINERS)
            return [k for k in pool if self.tok_of[k] == head and first - head <= 6]
        return []

    def _covered(self, j: int) -> bool:
        return j in self._covered_tokens

    @cached_property
    def _covered_tokens(self) -> frozenset[int]:
        """Indexes of the tokens that start inside a mention, found once per sentence (asking each
        mention for each token made the role rules quadratic on a sentence full of names)."""
        starts = self._starts
        covered: set[int] = set()
        for m in self.mentions:
            covered.update(range(bisect_left(starts, m.start), bisect_left(starts, m.end)))
        return frozenset(covered)

    def _name_modifier(self, j: int) -> bool:
        """A capitalised word before a common-noun actor that belongs to it ("*NATO* officials").

        Not a word of a time expression, and in Russian only an adjective: a noun before the
        actor is the head it modifies ("*Доклад* министра" is the minister's report).
        """
        text = self.tokens[j].text
        if not text[:1].isupper() or text in _STOP_CAPS or j in self.timed:
            return False
        return self.language != "ru" or text.isupper() or text.lower().endswith(_RU_ADJ_ENDINGS)

    def _phrase_start(self, j: int, lo: int) -> int:
        """Where the noun phrase of the common-noun actor at ``j`` starts: its capitalised
        modifiers ("*NATO* officials"); in Russian its adjectives in any case, coordinated ones
        too ("*Белорусские и российские* военные", "в понедельник *российские* дипломаты"),
        since an adjective agrees with its noun and belongs to the group it names."""
        k = j
        while k - 1 >= lo:
            if self._name_modifier(k - 1) or self._ru_adjective(k - 1):
                k -= 1
            elif self.tokens[k - 1].lower == "и" and k < j and k - 2 >= lo and self._ru_adjective(k - 2):
                k -= 2  # "белорусские *и* российские"
            else:
                break
        return k

    def _genitive_head(self, j: int, lo: int) -> str | None:
        """The noun a Russian common noun at ``j`` may modify in the genitive: ``"person"`` for a
        noun naming people ("*Сотрудники* полиции", "*Представитель* министерства": they are the
        actor, with the word after them), ``"thing"`` for any other ("*Доклад* министра": a
        fragment of the report's phrase), ``None`` when the word before is no such noun (a
        preposition, conjunction, adjective, time word or a quantity: "Десятки *жителей*")."""
        if self.language != "ru" or j - 1 < lo:
            return None
        prev = self.tokens[j - 1]
        if (
            not prev.text.isalpha()
            or prev.lower in self.preps
            or prev.lower in _RU_CONJ
            or self._ru_adjective(j - 1)
            or self._covered(j - 1)
            or (j - 1) in self.timed
            or in_words(prev.lower, self.generic)
        ):
            return None
        if prev.lower in _QUANTITY or prev.lower.startswith(_RU_COLLECTIVE):
            return None  # "Десятки *жителей*", "группа *активистов*": the group counted is the actor
        return _ru_noun_kind(prev.lower)

    def _ru_owner_of_noun(self, k: int, lo: int) -> bool:
        """Whether mention ``k``, a body or a place, is the genitive owner of the Russian noun
        right before it ("глава *Минфина*", "президент *Белоруссии*", "Министерство обороны
        *России*"): Russian puts the owner after the noun it qualifies, and the noun, not the
        owner, is who acts.  A person after a title ("президент Лукашенко") is the title's
        bearer, so persons never count."""
        m = self.mentions[k]
        j = self.tok_of[k]
        if m.kind == "person" or j - 1 < lo:
            return False
        prev = self.tokens[j - 1]
        if (
            not prev.text.isalpha()
            or not (prev.text.islower() or (j - 1 == lo and prev.text[1:].islower()))
            or prev.lower in self.preps
            or prev.lower in _RU_CONJ
            or self._covered(j - 1)
            or (j - 1) in self.timed
        ):
            return False
        if j - 2 >= lo and self.tokens[j - 2].lower in self.preps:
            # "В странах *НАТО* выразили обеспокоенность": a subjectless verb whose actor the
            # locative names, the owner standing for the group it owns
            return False
        from dossier.analyze.attribution.russian import maybe_genitive

        return _ru_noun_kind(prev.lower) is not None and maybe_genitive(self.tokens[j].text)

    def _ru_adjective(self, j: int) -> bool:
        """A Russian adjective that may modify the noun after it (not a time word, a name, a
        determiner or itself a common-noun actor: "военные и российские дипломаты" are two groups)."""
        if self.language != "ru" or j in self.timed or self._covered(j):
            return False
        w = self.tokens[j].lower
        return (
            len(w) > 4
            and w.isalpha()
            and w.endswith(_RU_ADJ_ENDINGS)
            and not w.startswith(_RU_DETERMINER_STEMS)
            and not in_words(w, self.generic)
        )

    def _group_end(self, j: int, first: int) -> int:
        """The last word of a common-noun actor starting at ``j``: a group noun used as a
        modifier leaves the head to the noun after it ("*Government* officials", "*Opposition*
        figures", "*police* officers")."""
        k = j
        while k + 1 < first and not self._covered(k + 1) and k + 1 not in self.timed:
            nxt = self.tokens[k + 1].lower
            if not (in_words(nxt, self.generic) or nxt in _GROUP_HEADS):
                break
            k += 1
        return k

    def _counted(self, j: int, first: int) -> str | None:
        """The group a quantity word at ``j`` counts ("Half of the *delegates*", "Dozens of
        *Kurds*", "Большинство из *депутатов*"), written as the words after its "of" phrase's
        determiners: a capitalised run, or adjectives and the noun they modify.  ``None`` when
        the quantity counts a pronoun ("Most of them") or nothing the rules can read."""
        k = j + 1
        if k < first and self.tokens[k].lower in _OF:
            k += 1
        while k < first and (self.tokens[k].lower in DETERMINERS or self.tokens[k].text.isdigit()):
            k += 1
        if k >= first or self._covered(k) or k in self.timed:
            return None
        t = self.tokens[k]
        if not t.text.isalpha() or t.lower in _PRONOUN_WORDS:
            return None
        end = k
        if t.text[:1].isupper():
            while end + 1 < first and _capitalised(self.tokens[end + 1].text) and not self._covered(end + 1):
                end += 1
            if end + 1 < first and in_words(self.tokens[end + 1].lower, self.generic):
                end += 1  # "Dozens of Iraqi *police*"
        else:
            while end + 1 < first and end - k < 2 and self._modifier(self.tokens[end].text):
                end += 1  # "Half of the angry *delegates*"
            word = self.tokens[end].lower
            if not self.tokens[end].text.isalpha() or (self.language == "en" and word.endswith(("ed", "ing"))):
                return None
        return " ".join(x.text for x in self.tokens[k : end + 1])

    def _common_actor(self, lo: int, first: int) -> str | None:
        """A common-noun actor ("police", "NATO officials") or a capitalised run ("Hamas") in
        tokens ``[lo, first)``, when no mention fills the actor slot.

        Why the indexes: this is asked once per trigger, each time from the clause's start, and a
        sentence of thousands of names and triggers made a scan of every word for every trigger
        quadratic.  The words that can start either kind of actor are found once per sentence
        (:attr:`_generic_slots`, :attr:`_capital_slots`); a call jumps between them by bisection
        and looks at :data:`_ACTOR_SCAN` of them at most.
        """
        lo = max(lo, self.floor)
        j = self._first_generic(lo, first)
        if j is not None:
            head = self._genitive_head(j, lo)
            if head == "person":  # "*Сотрудники* полиции", "*Представитель* министерства"
                k = self._phrase_start(j - 1, lo)
                return " ".join(x.text for x in self.tokens[k : j + 1])
            k = self._phrase_start(j, lo)  # "NATO officials", "Israeli police", "российские дипломаты"
            return " ".join(x.text for x in self.tokens[k : self._group_end(j, first) + 1])
        return self._capitalised_actor(lo, first)

    def _first_generic(self, lo: int, first: int) -> int | None:
        """The first common-noun actor word in ``[lo, first)`` that may head the actor: not inside a
        name or a prepositional phrase, and not a Russian genitive of a thing ("Доклад *министра*":
        the minister's report).  Whether a word is such a genitive depends on the word before it,
        which does not count when it lies before ``lo``; so ``lo`` itself is looked at apart."""
        slots, heads = self._generic_slots
        if lo < first and lo in slots:
            return lo
        i = bisect_right(heads, lo)
        return heads[i] if i < len(heads) and heads[i] < first else None

    @cached_property
    def _generic_slots(self) -> tuple[frozenset[int], list[int]]:
        """(every common-noun actor word outside names and prepositional phrases, those of them
        that are no genitive of a thing when the word before them counts), once per sentence."""
        slots = [
            j
            for j, t in enumerate(self.tokens)
            if in_words(t.lower, self.generic) and not self._covered(j) and not self._in_modifier_phrase(j)
        ]
        heads = [
            j for j in slots if not (self._genitive_head(j, 0) == "thing" and _ru_genitive_only(self.tokens[j].lower))
        ]
        return frozenset(slots), heads

    @cached_property
    def _capital_slots(self) -> list[int]:
        """The words :meth:`_capitalised_actor` stops at: a capitalised quantity word, or a
        capitalised word outside names, time expressions and prepositional phrases.  Every other
        word it passes over whatever the range asked for."""
        out = []
        for j, t in enumerate(self.tokens):
            if not t.text[:1].isupper() or j in self.timed or self._covered(j):
                continue
            if t.lower in _QUANTITY or (
                t.text not in _STOP_CAPS and self._prev_word(j) not in self.preps and not self._in_modifier_phrase(j)
            ):
                out.append(j)
        return out

    @cached_property
    def _alnum_slots(self) -> list[int]:
        return [i for i, t in enumerate(self.tokens) if t.text[:1].isalnum()]

    def _capitalised_actor(self, lo: int, first: int) -> str | None:
        """A capitalised run not at a preposition ("Hamas", "Rebel Forces") in ``[lo, first)``.

        One capitalised word opening the sentence ("Contrary to ...", "Despite ...", "Update:") is
        only capitalised because it opens it: not a name unless written in capitals ("NATO")."""
        alnum = self._alnum_slots
        at = bisect_left(alnum, lo)
        opening = alnum[at] if at < len(alnum) and alnum[at] < first else first
        slots = self._capital_slots
        j = lo
        for _ in range(_ACTOR_SCAN):
            at = bisect_left(slots, j)
            if at >= len(slots) or slots[at] >= first:
                return None
            j = slots[at]
            t = self.tokens[j]
            if t.lower in _QUANTITY and t.text[:1].isupper() and j not in self.timed and not self._covered(j):
                # a quantity counts a group, it is not one: "Half of the delegates", "Most Palestinians"
                if j + 1 < first and self.tokens[j + 1].lower in _OF:
                    return self._counted(j, first)
                j += 1  # the word after it is capitalised for a reason of its own
                continue
            single = j + 1 >= first or not self.tokens[j + 1].text[:1].isupper()
            head_of = j + 1 < first and self.tokens[j + 1].lower in {"of", "из"}  # "Thousands of students"
            armed = demonym(t.text) and j + 1 < first and self._forces(self.tokens[j + 1].lower)
            if j == opening and single and not t.text.isupper() and not head_of and not armed:
                j += 1
                continue
            if (
                t.text[:1].isupper()
                and t.text not in _STOP_CAPS
                and j not in self.timed
                and self._prev_word(j) not in self.preps
                and not self._in_modifier_phrase(j)
                and not self._covered(j)
            ):
                k = j
                while (
                    k + 1 < first
                    and k - j < _RUN_WORDS
                    and self.tokens[k + 1].text[:1].isupper()
                    and not self._covered(k + 1)
                    and k + 1 not in self.timed
                ):
                    k += 1
                if k + 1 < first and self._covered(k + 1):
                    j = k + 1  # a modifier of a named mention ("Russian Oreshnik"), not a name of its own
                    continue
                opens = j == 0 or self.tokens[j - 1].text in {"—", "–", "-", ":", ";", "(", '"', "“", "«", "‘"}
                if not (j == k and (opens or j == self.floor) and common_opener(t.text, self.language)):
                    return " ".join(x.text for x in self.tokens[j : k + 1])  # not "Все", "Despite"
            j += 1
        return None

    def target(
        self,
        last: int,
        hi: int,
        exclude: set[int],
        recipient_only: bool = False,
        quote: int | None = None,
        quote_of: list[int | None] | None = None,
    ) -> list[int]:
        """The target after the trigger, in tokens ``(last, hi)``.  With
        ``recipient_only`` (equipment events) only a "to X"/"for X"
        recipient counts: "a model of Russia's Oreshnik" has no target."""
        pool = [k for k in self._agents(last + 1, hi, ACTOR_KINDS) if k not in exclude]
        if quote_of is not None:
            pool = [k for k in pool if quote_of[k] == quote]
        for k in pool:
            prev = self._prev_word(self.tok_of[k])
            if recipient_only and prev not in {"to", "for", "к", "для"}:
                continue
            if prev in _LOCATIVE:
                continue
            if prev in self.preps and prev not in _TARGET_PREP:
                continue
            return self._coordinated(k, pool)
        return []

    def target_phrase(self, last: int, hi: int, avoid: tuple[str, ...] = ()) -> str | None:
        """A target written as a plain noun phrase when no mention fills the
        slot: the first capitalised run ("British soldiers", "Australian
        ultimatum" → "Australian") or common-noun actor ("civilians") among the
        next few words after the trigger, inside its clause.  Quantities and
        determiners are skipped ("more than 100 Palestinians"); a locative
        phrase ("in Hebron") is a place, not a target."""
        j, end = last + 1, min(hi, last + 1 + _PHRASE_WINDOW)
        while j < end:
            t = self.tokens[j]
            if t.text in _PHRASE_STOPS or t.lower in _PHRASE_STOP_WORDS:
                return None
            if t.lower in _LOCATIVE or (t.lower in self.preps and t.lower not in _TARGET_PREP):
                j += 2  # skip the preposition and the first word of its object
                continue
            generic = self._is_generic(t.lower)
            if self.syntax is not None and self._covered(j):
                return None  # a name the parse did not make the object is no target written as a phrase
            if j in self.timed:
                j += 1  # "from *January* 2027": a time word is when, never whom
                continue
            if (t.text[:1].isupper() and t.text not in _STOP_CAPS) or generic:
                k = j
                while k + 1 < end and _capitalised(self.tokens[k + 1].text):
                    k += 1
                if not generic and k + 1 < end and self._is_generic(self.tokens[k + 1].lower):
                    k += 1  # "British soldiers"
                phrase = " ".join(x.text for x in self.tokens[j : k + 1])
                if phrase.endswith(("'s", "’s")):
                    phrase = phrase[:-2]
                return None if phrase in avoid else phrase
            j += 1
        return None

    def _is_generic(self, word: str) -> bool:
        return in_words(word, self.generic)

    def _forces(self, word: str) -> bool:
        """A group or the weapons of one ("troops", "tanks", "warplanes"): after a nationality
        adjective ("Israeli tanks"), the nation is the actor."""
        return in_words(word, self.generic) or in_words(word, word_list(f"generic_equipment_{self.language}.txt"))

    def is_group(self, word: str) -> bool:
        """Whether a lower-cased common noun names a group that acts ("troops", "rebels")."""
        return in_words(word, self.generic)

    def by_agent(self, last: int, hi: int) -> list[int]:
        """Passive agent: the mention right after "by"."""
        for k in self._agents(last + 1, hi, ACTOR_KINDS):
            ti = self.tok_of[k]
            if any(t.lower == "by" for t in self.tokens[max(last + 1, ti - 3) : ti]):
                return [k]
        return []

    def by_group(self, last: int, hi: int) -> str | None:
        """Passive agent written as a group noun, when no mention follows "by" ("was rejected *by
        the union*", "are being investigated *by police*", "by Belarusian border guards"): the
        common-noun actor of the "by" phrase right after the trigger, with its modifiers."""
        for b in range(last + 1, hi):
            if self.tokens[b].text in {",", ";", ":"}:
                return None
            if self.tokens[b].lower != "by":
                continue
            for j in range(b + 1, min(hi, b + 6)):
                t = self.tokens[j]
                if t.text in {",", ";"} or (t.lower in self.preps and j > b + 1):
                    return None
                if in_words(t.lower, self.generic) and not self._covered(j):
                    k = self._phrase_start(j, b + 1)
                    return " ".join(x.text for x in self.tokens[k : self._group_end(j, hi) + 1])
            return None
        return None

    def place(self, first: int, last: int, destination: bool) -> str | None:
        preps = _LOCATIVE | (_DESTINATION if destination else set())
        places = [k for k, m in enumerate(self.mentions) if m.kind == "place"]
        after = [k for k in places if self.tok_of[k] > last]
        before = [k for k in places if self.tok_of[k] < first]
        for k in after + before[::-1]:
            if self._prev_word(self.tok_of[k]) in preps:
                return self.mentions[k].entity
        return None

    def equipment(self, clause: tuple[int, int], fallback: bool = True) -> list[str]:
        lo, hi = clause
        inside = [m.entity for k, m in enumerate(self.mentions) if m.kind == "equipment" and lo <= self.tok_of[k] < hi]
        if not inside and fallback:
            # Outside its clause only when the sentence names one system: with two, a request
            # for one must not become a request for the other.
            named = {m.entity for m in self.mentions if m.kind == "equipment"}
            inside = list(named) if len(named) == 1 else []
        return list(dict.fromkeys(inside))

    def names(self, ks: list[int]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.mentions[k].entity for k in ks))

    def spans(self, ks: list[int]) -> tuple[tuple[int, int], ...]:
        return tuple((self.mentions[k].start, self.mentions[k].end) for k in ks)


#: Verbs of being after a word make it their subject, a noun ("adaptation finance *remains*").
_COPULA_AFTER = frozenset({"is", "was", "remains", "remained", "stays", "stayed", "seems", "seemed"})
#: Prepositions that take a noun phrase only (not "to", "as", "after"... that can open a clause).
_PREP_COMPOUND = frozenset({"on", "of", "for", "in", "at", "with", "from", "over", "about", "into", "under",
                            "against", "during", "without", "amid", "despite"})  # fmt: skip
_SUBJECT_PRONOUNS = frozenset({"they", "we", "i", "you", "who", "which", "that", "what", "to"})


def nominal_use(tokens: list[Token], i: int, language: str) -> bool:
    """Whether the word at ``i`` is used as a noun (or a gerund after a
    preposition: "by hosting", "after signing") rather than as a finite verb."""
    if language == "ru":
        return False
    prev = tokens[i - 1].lower if i > 0 else ""
    plural_possessive = prev in ("'", "’") and i > 1 and tokens[i - 2].lower.endswith("s")
    if prev in DETERMINERS or prev.endswith(("'s", "’s", "s'", "s’")) or plural_possessive:
        return True  # "the strike", "the union's strike", "dockworkers' strike"
    nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
    counted = prev in _NUMERALS or prev.replace(",", "").isdigit()
    if counted and nxt.isalpha() and nxt.islower() and nxt.endswith("s") and nxt not in _FUNCTION_WORDS:
        return True  # a number counts the noun after it: "two *aid* workers", "three *strike* leaders"
    if tokens[i].lower.endswith("ing") and (prev in _PREP_EN or prev in _GERUND_INTRO):
        return True
    if nxt.lower() in _COPULA_AFTER and prev not in _SUBJECT_PRONOUNS:
        return True  # the subject of a copula is a noun: "adaptation *finance* remains far below"
    prev2 = tokens[i - 2].lower if i > 1 else ""
    word = tokens[i].lower
    if prev in _PREP_COMPOUND and not word.endswith(("ed", "ing")) and (i + 1 == len(tokens) or not nxt[:1].isalnum()):
        return True  # the object of a preposition, ending its phrase: "talks stall over *finance*,"
    if (
        prev2 in _PREP_COMPOUND
        and tokens[i - 1].text.isalpha()
        and tokens[i - 1].text.islower()
        and not prev.endswith(("s", "ly"))
        and prev not in _FUNCTION_WORDS
        and not word.endswith(("ed", "s"))
        and (not nxt[:1].isalnum() or nxt in ("and", "or"))
    ):
        # a noun compound ending a prepositional phrase: "a text on adaptation *finance*," (a verb
        # would go on to its object or complement: "thousands of people *took* to the streets")
        return True
    # "to Western sanctions", "the new attack": determiner/preposition + adjective.
    prev2 = tokens[i - 2].lower if i > 1 else ""
    if tokens[i].lower.endswith("ed") and in_words(prev, word_list("generic_actors_en.txt")):
        return False  # a group noun spelt like an adjective, then its verb: "the hospital *fined*"
    if tokens[i].lower.endswith("ed") and nxt in (DETERMINERS | _OBJECT_PRONOUNS) - {"no", "that"}:
        # an "-ed" word followed by its object phrase is the verb, whatever the word before it
        # looks like: "the capital *accused the* neighbouring state", "the general *ordered his*"
        return False
    return (
        (prev2 in DETERMINERS or (prev2 in _PREP_EN and prev2 != "to")) and _adjective_like(tokens[i - 1].text)
    ) or (prev2 == "to" and _adjective_like(tokens[i - 1].text) and tokens[i - 1].text[:1].isupper())


#: Object pronouns: after an "-ed" word they make it a verb with its object ("accused *them*").
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me", "it"})
#: Closed-class English words: after an event noun they start its complement or the clause's
#: verb ("the attack on", "the strike was"), never a head noun the event word would modify.
_FUNCTION_WORDS = _PREP_EN | DETERMINERS | {
    "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "will", "would", "can",
    "could", "may", "might", "shall", "should", "must", "do", "does", "did", "and", "or", "but", "nor",
    "as", "than", "that", "which", "who", "whom", "whose", "when", "where", "while", "if", "because",
    "so", "yet", "not", "also", "only", "just", "still", "now", "then", "again", "too", "itself",
    "himself", "herself", "themselves", "alone", "last", "next", "ago", "after", "before", "since",
    "until", "here", "there", "it", "he", "she", "they", "we", "i", "you", "him", "them", "us",
    "today", "yesterday", "tonight", "tomorrow", "overnight", "late", "early", "earlier", "later",
    "what", "how", "why", "whether",
}  # fmt: skip
#: Nouns that carry the event of the word before them ("a mediation effort", "a rescue operation",
#: "strike action"): the pair still names the event.
_CARRIER_NOUNS = {"effort", "attempt", "operation", "mission", "campaign", "process", "drive", "push",
                  "bid", "plan", "programme", "program", "initiative", "action", "talks", "deal"}  # fmt: skip


def noun_modifier(tokens: list[Token], i: int, language: str) -> bool:
    """Whether the event word at ``i`` is used as a noun modifying the next noun ("the murder
    weapon", "the finance minister", "a free market", "his strike partner"): the phrase names
    a thing, not the event.  The next word must be a lower-case content word that cannot be
    the clause's verb (no -ed or -s form: "the attack killed", "the offer values the firm")."""
    if language == "ru" or i + 1 >= len(tokens) or not nominal_use(tokens, i, language):
        return False
    prev = tokens[i - 1].lower if i else ""
    if tokens[i].lower.endswith("ing") and prev not in DETERMINERS and not prev.endswith(("'s", "’s")):
        return False  # "by winning public support": a gerund and its object
    nxt = tokens[i + 1].text
    if not nxt.isalpha() or not nxt.islower() or nxt in _FUNCTION_WORDS or nxt in _CARRIER_NOUNS:
        return False
    return not nxt.endswith(("ed", "s", "ing")) and nxt not in irregular_forms()


@lru_cache(maxsize=8192)
def _ru_genitive_only(word: str) -> bool:
    """Whether a Russian word reads as a genitive noun and never as a nominative one (so it
    cannot be a subject): "министра", "властей"."""
    from dossier.analyze.nlp import russian

    tags = [p.tag for p in russian().morph_vocab.parse(word)]
    return any("NOUN" in t and "gent" in t for t in tags) and not any("nomn" in t for t in tags)


@lru_cache(maxsize=8192)
def _ru_noun(word: str) -> bool:
    """Whether a Russian word with an adjective's ending most likely is a noun ("просьбой",
    "армией"): it heads its own phrase, it does not modify the next word."""
    from dossier.analyze.nlp import russian

    parses = russian().morph_vocab.parse(word)
    return bool(parses) and "NOUN" in parses[0].tag


@lru_cache(maxsize=8192)
def _ru_noun_kind(word: str) -> str | None:
    """``"person"`` for a Russian nominative noun naming people ("сотрудники"), ``"thing"`` for
    another noun ("доклад"), ``None`` for a word that reads as no noun at all."""
    from dossier.analyze.nlp import russian

    tags = [p.tag for p in russian().morph_vocab.parse(word)]
    if not tags or "NOUN" not in tags[0]:
        return None
    return "person" if "anim" in tags[0] and "nomn" in tags[0] else "thing"


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word not in _STOP_CAPS and word.lower() not in _QUANTITY


#: Words that count or portion out a group: the group is the actor, never the count ("*Half* of
#: the delegates walked out", "*Most* Palestinians rejected the plan", "*Dozens* of Kurds").
_QUANTITY = frozenset({
    "half", "most", "many", "some", "both", "all", "several", "few", "none", "each", "either", "neither",
    "majority", "minority", "rest", "dozens", "hundreds", "thousands", "millions", "scores", "tens", "numerous",
    "половина", "большинство", "многие", "некоторые", "несколько", "часть", "десятки", "сотни", "тысячи",
    "оба", "обе",
})  # fmt: skip
#: Nouns that head a group named by the common-noun actor before them ("opposition *figures*").
_GROUP_HEADS = frozenset({"figures", "members", "personnel", "staff", "units", "chiefs", "heads", "circles"})
_PRONOUN_WORDS = frozenset({"them", "us", "you", "those", "these", "whom", "which", "it", "himself", "themselves",
                            "них", "нас", "вас", "которых"})  # fmt: skip


_OF = frozenset({"of", "из"})
_RU_COLLECTIVE = ("групп", "отряд", "колонн", "толп", "ряд", "сотн", "тысяч", "десят", "множеств", "больш")
_RU_CONJ = frozenset({"и", "а", "но", "или", "что", "как", "когда"})
_QUOTES = frozenset({"‘", "'", '"', "“", "«", "’"})
#: Russian adjective endings: what may stand between a preposition and the noun it governs.
_RU_ADJ_ENDINGS = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым", "им",
                   "ую", "юю", "ых", "их", "ыми", "ими")  # fmt: skip
#: Russian pronominal words with adjective endings: determiners, not descriptions of a group.
_RU_DETERMINER_STEMS = ("котор", "так", "как", "сво", "эт", "тот", "той", "тех", "наш", "ваш", "друг", "сам", "весь",
                        "всех", "кажд", "люб", "ин", "некотор", "нам", "данн")  # fmt: skip
_PHRASE_WINDOW = 8
_PHRASE_STOPS = {",", ";", ":", "—", "(", ")", ".", "!", "?", "``", "''", '"', "“", "”"}
_PHRASE_STOP_WORDS = {"that", "which", "who", "because", "after", "before", "while", "when", "if", "unless",
                      "but", "despite", "since", "until", "and", "or", "as", "so", "where", "said", "says"}  # fmt: skip
#: Number words: the word after one is a noun (or modifies one), never a finite verb.
_NUMERALS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "several"})
_GERUND_INTRO = {"while", "when", "after", "before", "since", "by", "without", "of"}
_ADJ_SUFFIXES = ("al", "ic", "ive", "ous", "ern", "ian", "ish", "ese", "ary", "ful", "ble", "est", "ing")
_ADJ_WORDS = {"new", "fresh", "further", "more", "tough", "harsh", "major", "large", "heavy", "renewed",
              "full", "joint", "direct", "own", "first", "second", "latest", "recent", "possible", "strong",
              "formal", "official", "similar", "massive", "deadly", "fierce", "brutal"}  # fmt: skip


_DEMONYM_SUFFIXES = ("an", "ese", "ish", "i")
#: Common words of a demonym's shape.
_NOT_DEMONYMS = frozenset({"human", "urban", "woman", "publish", "finish", "punish", "cherish", "relish"})


def demonym(word: str) -> bool:
    """Whether a capitalised word is a nationality adjective ("Israeli", "Kurdish", "Chinese"):
    opening a sentence before a group or its weapons ("*Israeli* tanks fired ..."), it names the
    actor the way a country name would, where a plain opener ("Despite", "Contrary") does not
    ("Japanese industrial output fell" names no actor).

    The country table knows some demonyms; the rest are told by their English shape, which
    covers the many nations, peoples and groups the table does not list (Pakistani, Kurdish,
    Sudanese, Palestinian).  Why a shape and not a list: wire text names far more peoples than
    any list the product ships.
    """
    from dossier.analyze.lexicon import lexicon

    if not word[:1].isupper() or not word.isalpha():
        return False
    if lexicon().country_of_adjective(word):
        return True
    w = word.lower()
    return len(w) >= 5 and w.endswith(_DEMONYM_SUFFIXES) and w not in _NOT_DEMONYMS and not common_opener(word, "en")


def _adjective_like(word: str) -> bool:
    w = word.lower()
    # a hyphenated compound before a noun modifies it: "a four-day strike", "NATO-led forces"
    compound = "-" in w.strip("-") and w[-1:].isalpha()
    return w in _ADJ_WORDS or compound or (len(w) > 4 and w.endswith(_ADJ_SUFFIXES))
