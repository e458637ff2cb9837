"""Modality of an event: asserted, planned, conditional, negated, denied...

Why this matters: a knowledge base of claims must not turn "Minsk will
receive the system next year" or "the ministry denied that the system had
arrived" into a delivery.  The cues are data (``cues_<lang>.tsv``); this
module only decides *where* a cue counts:

* ``negated`` / ``planned`` / ``hypothetical`` / ``capability``: within a
  short window before the trigger, not across a comma or another trigger;
* ``denied``: anywhere before the trigger in the sentence (the denial
  governs its complement: "X denied that troops had crossed"), also from the
  verb that introduces the indirect quote holding the trigger;
* ``conditional``: before the trigger, or after it in the same clause
  ("will strike if attacked", also past the comma that opens the conditional
  clause: "отменит забастовку, если ..."), but never from inside a quote into the
  sentence around it.

``questioned``: a trigger inside an indirect question ("did not say *when*
the system would arrive", "«Когда комплекс прибудет, не уточняют»") is
asked about, not reported; the extractor drops it.  The question word must
follow a verb of saying or knowing (cue classes ``asks`` and ``wh``) within
two tokens, or open the sentence with such a verb later in it, negated or
negative ("не уточняют", "unclear"); a bare
temporal "when" ("when troops attacked, ...") is not a question.

``required`` ("Y must withdraw") marks an obligation someone states: a
demand, not a fact.  When several apply, the strongest wins: denied >
negated > conditional > required > planned > hypothetical.  ``capability`` ("capable of striking", "designed
to deliver") means the sentence describes what a weapon can do, which is
not an event and which Dossier does not record at all.
"""

from __future__ import annotations

from functools import cache

from dossier.analyze.eventing.lexicon import Token, cue_at, cue_table, ru_future, ru_manner_word

#: Nouns naming a claim that a denial rejects ("denied *reports* that", "опроверг *сообщения* о
#: том, что"): the clause after them is the claim's content (prefixes).
_REPORT_NOUNS = ("report", "claim", "allegation", "rumour", "rumor", "suggestion", "сообщени", "информаци",
                 "утверждени", "слух", "данны")  # fmt: skip
#: Russian verbs of being or occurring that, negated after an event noun, say it did not happen.
_RU_NEGATION_WORDS = frozenset({"не", "так", "и", "никогда"})  # the words of a negates_noun cue before its verb
_RU_OCCURRED = ("было", "будет", "произош", "случил", "зафиксир", "отмечен", "поступал", "происход", "состоял")
#: Order of precedence when several cues apply.
PRECEDENCE = ("denied", "negated", "conditional", "required", "planned", "hypothetical")

_WINDOW = {"en": 5, "ru": 3}
_BREAKS = {",", ";", ":", "—", "(", ")", ".", "!", "?"}
_MONTHS_AMBIGUOUS = {"May"}
_HARD_STOPS = {";", ":", ".", "!", "?", "—", "(", ")"}
#: Words that start another clause or verb phrase between "failed" and its "to".
_CLAUSE_STARTS = frozenset({"and", "but", "or", "that", "which", "who", "after", "because", "while", "when",
                            "said", "says", "wanted", "wants", "tried", "agreed", "hoped", "decided"})  # fmt: skip
_BE_AUX = frozenset({"was", "were", "is", "are", "been", "be"})
#: Words after which "no" negates them, not the event that follows ("no doubt that …").
_NO_OTHER = frozenset({"doubt", "matter", "longer", "sooner", "one", "less", "more", "comment", "that"})


@cache
def _cue_index(
    language: str,
) -> tuple[dict[str, list[tuple[str, tuple[str, ...]]]], list[tuple[str, str, tuple[str, ...]]]]:
    """Cues indexed by their first word (exact keys) plus the prefix cues."""
    exact: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    prefix: list[tuple[str, str, tuple[str, ...]]] = []
    for cls, seqs in cue_table(language).items():
        for seq in seqs:
            for alt in seq[0].split("|"):
                if alt.endswith("*"):
                    prefix.append((alt[:-1], cls, seq))
                else:
                    exact.setdefault(alt, []).append((cls, seq))
    return exact, prefix


def _cue_positions(tokens: list[Token], language: str) -> dict[str, list[int]]:
    """Token index of each cue occurrence, per cue class."""
    exact, prefix = _cue_index(language)
    out: dict[str, list[int]] = {}
    for i, tok in enumerate(tokens):
        if tok.text in _MONTHS_AMBIGUOUS:
            continue  # "May 9" is a date, not a modal
        if tok.lower.endswith(("n't", "n’t")):
            out.setdefault("negated", []).append(i)  # "didn't" is one token
        hits = [*exact.get(tok.key, ()), *((c, s) for p, c, s in prefix if tok.lower.startswith(p))]
        for cls, seq in hits:
            if cue_at(seq, tokens, i) and not (cls == "planned" and len(seq) == 1 and _plan_subject(tokens, i)):
                out.setdefault(cls, []).append(i)
    return out


def _plan_subject(tokens: list[Token], i: int) -> bool:
    """Whether the cue "plan" at ``i`` is a noun heading the clause's subject ("The ceasefire
    *plan* drew praise"): after a determiner (with at most one lower-case modifier between) and
    not followed by what it plans ("the plan *to*/*for* talks")."""
    if tokens[i].lower not in ("plan", "plans"):
        return False
    nxt = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    if nxt in ("to", "for", "of", "on", "calls", "envisages", "foresees", "includes", "provides"):
        return False
    for j in (i - 1, i - 2):
        if j >= 0 and tokens[j].lower in ("the", "a", "an", "this", "that", "its", "their", "his", "her"):
            return all(t.text.isalpha() and t.text.islower() for t in tokens[j + 1 : i])
    return False


class ModalityFinder:
    """Modality decisions for the triggers of one sentence."""

    def __init__(self, tokens: list[Token], language: str, quote_of: list[int | None]) -> None:
        self.tokens = tokens
        self.language = "ru" if language == "ru" else "en"
        self.cues = _cue_positions(tokens, self.language)
        self.quote_of = quote_of  # per token: index of the quote holding it

    def _in_window(self, cls: str, first: int, barriers: set[int]) -> bool:
        window = _WINDOW[self.language]
        for i in self.cues.get(cls, ()):
            if first - window <= i < first and not self._blocked(i, first, barriers):
                return True
        return False

    def _blocked(self, i: int, first: int, barriers: set[int]) -> bool:
        return any(self.tokens[j].text in _BREAKS or j in barriers for j in range(i + 1, first))

    def capability(self, first: int, barriers: set[int]) -> bool:
        """Whether the trigger describes an ability, not an event."""
        window = _WINDOW[self.language] + 2
        return any(
            first - window <= i < first and not self._blocked(i, first, barriers)
            for i in self.cues.get("capability", ())
        )

    def questioned(self, first: int) -> bool:
        """Whether the trigger at ``first`` is the content of an indirect question."""
        asks = self.cues.get("asks", [])
        if not asks:
            return False
        hard = {";", ":", ".", "!", "?", "—"}
        for w in self.cues.get("wh", ()):
            if w >= first or any(self.tokens[j].text in hard for j in range(w + 1, first)):
                continue
            if first - w > 12:
                continue
            if any(0 < w - a <= 2 and all(self.tokens[j].text == "," for j in range(a + 1, w)) for a in asks):
                return True  # "did not say when ...", "не уточняют, когда ..."
            opens = all(not t.text[:1].isalnum() for t in self.tokens[:w])
            if opens and any(a > first and self._denied_knowledge(a) for a in asks):
                return True  # "Когда комплекс прибудет, в Минске не уточняют."
        # Russian "прибудет ли": the particle right after the verb.
        wh = self.cues.get("wh", ())
        return self.language == "ru" and any(w == first + 1 and self.tokens[w].lower == "ли" for w in wh)

    def _denied_knowledge(self, a: int) -> bool:
        """A verb of knowing that is negated ("не уточняют") or negative ("unclear", "неизвестно")."""
        if self.tokens[a].lower.startswith(("un", "не")):
            return True
        return any(a - 2 <= n < a for n in self.cues.get("negated", ()))

    def modality(self, first: int, last: int, kind: str, barriers: set[int]) -> str | None:
        """The modality the cues give, or None when the event is asserted."""
        found: set[str] = set()
        for cls in ("negated", "required", "planned", "hypothetical"):
            if self._in_window(cls, first, barriers):
                found.add(cls)
        if self.language == "en" and (self._no_before(first) or self._failed_before(first)):
            found.add("negated")
        if self.language == "ru" and self._negated_after(last, barriers):
            found.add("negated")  # «в выборах не участвовала»: the verb after the event noun is negated
        if self.language == "ru" and self._none_took_place(last):
            found.add("negated")  # "Атак на суда не было": the clause says there were none
        if self.language == "ru" and self._future_verb(first, last):
            found.add("planned")  # "Россия направит помощь", "уйдёт в отставку": not done yet
        if any(i < first and self._denial_governs(i, first) for i in self.cues.get("denied", ())):
            found.add("denied")
        for i in self.cues.get("conditional", ()):
            if self.quote_of[i] != self.quote_of[first]:
                continue
            # the comma that opens the conditional clause does not end the trigger's own ("отменит
            # забастовку*,* если компании восстановят надбавки"; Russian always writes it)
            end = i - 1 if i > last + 1 and self.tokens[i - 1].text == "," else i
            if i < first or (kind != "STATEMENT" and not self._blocked(last, end, set())):
                found.add("conditional")
        if "required" in found and self._foreseen(first):
            # "the company will have to close its offices": a necessity foreseen for the subject,
            # not an obligation someone puts on it (a demand)
            found.discard("required")
            found.add("planned")
        # "would" is future-in-the-past in reported speech: a plan.
        if "hypothetical" in found and self._would_before(first):
            found.discard("hypothetical")
            found.add("planned")
        for cls in PRECEDENCE:
            if cls in found:
                return cls
        return None

    def _negated_after(self, last: int, barriers: set[int]) -> bool:
        """Whether a negated verb of taking part or taking place follows the Russian trigger's last
        word in its clause (cue class ``negates_noun``: «в *выборах* не участвовала», «переговоры
        так и не состоялись»).  Russian puts the event noun before the verb it depends on, so the
        window before the trigger misses the «не»; up to nine words (its participants: «встреча
        министров Армении и Азербайджана в Женеве так и не состоялась») may stand between, not a
        comma or another trigger."""
        return any(
            last < i <= last + 10 and not self._blocked(last, i, barriers) and not self._manner_after(i)
            for i in self.cues.get("negates_noun", ())
        )

    def _manner_after(self, i: int) -> bool:
        """Whether the negated verb of the cue starting at ``i`` is followed by how it went, which
        is what the «не» denies: «протест не прошёл *незамеченным*», «забастовка не прошла
        *бесследно*», «выборы не прошли *без нарушений*» say that the event took place.  A manner
        is an adverb in -о/-е, an adjective or participle in the instrumental, or «без»/«мимо»;
        time adverbs («вчера», «вовремя») do not end so and keep the negation."""
        v = i
        while v < len(self.tokens) and self.tokens[v].lower in _RU_NEGATION_WORDS:
            v += 1
        if v + 1 >= len(self.tokens):
            return False
        return ru_manner_word(self.tokens[v + 1].lower)

    def _none_took_place(self, last: int) -> bool:
        """Whether a Russian clause says that the event noun ending at ``last`` did not take place:
        a negated verb of being or occurring after it in the clause ("Атак ... *не было*",
        "Жертв *не зафиксировано*", "Столкновений *не произошло*") — the genitive of negation,
        which English says with "no" before the noun."""
        for j in range(last + 1, min(len(self.tokens) - 1, last + 10)):
            t = self.tokens[j]
            if t.text in {",", ";", ":", "—", "(", "."}:
                return False
            if t.lower in {"не", "нет"} and (t.lower == "нет" or self.tokens[j + 1].lower.startswith(_RU_OCCURRED)):
                return True
        return False

    def _future_verb(self, first: int, last: int) -> bool:
        """Whether the Russian trigger's verb (its first word, or the last of a subject + verb
        line: "отставка ... принята") is a perfective non-past, which is a future."""
        return any(ru_future(self.tokens[i].lower) for i in {first, last})

    def _denial_governs(self, i: int, first: int) -> bool:
        """Whether the denial cue at ``i`` governs the trigger at ``first``: both in the same quote
        (or both outside any), or the cue is the verb that introduces the indirect quote holding
        the trigger ("The minister *denied* that police had beaten the detainees", the quote
        starting at most three tokens after the cue)."""
        q = self.quote_of[first]
        if self.quote_of[i] == q:
            return True
        if q is None or self.quote_of[i] is not None:
            return False
        start = next(j for j in range(len(self.tokens)) if self.quote_of[j] == q)
        if any(t.lower in {"but", "while", "но", "однако"} or t.text == ";" for t in self.tokens[start:first]):
            return False  # "denied that they are about to merge, *but* said they are examining ...": another clause
        if 0 < start - i <= 3:
            return True
        # "denied media reports that ...", "опроверг сообщения о том, что ...": the denied
        # claim named by a report noun before the clause that states it
        gap = self.tokens[i + 1 : start]
        return start - i <= 8 and any(t.lower.startswith(_REPORT_NOUNS) for t in gap)

    def _foreseen(self, first: int) -> bool:
        """Whether "have to" before the trigger follows a future or possibility auxiliary
        ("will have to", "may have to", "would have to"), in English."""
        if self.language != "en":
            return False
        window = [t.lower for t in self.tokens[max(0, first - 5) : first]]
        return any(
            window[i] in {"will", "would", "may", "might", "could", "'ll"} and window[i + 1 : i + 3] == ["have", "to"]
            for i in range(len(window) - 2)
        )

    def _failed_before(self, first: int) -> bool:
        """Whether the trigger at ``first`` is the infinitive of "fail" with words between ("failed
        *on Saturday* to agree", "failed, once again, to reach a deal"): the "fail to" cue only
        counts when adjacent, but time phrases and adverbs may split the verb from its "to"."""
        to = next((j for j in range(first - 1, max(-1, first - 3), -1) if self.tokens[j].lower == "to"), None)
        if to is None:
            return False
        for j in range(to - 1, max(-1, to - 8), -1):
            word = self.tokens[j].lower
            if word in ("fail", "fails", "failed", "failing"):
                return True
            if word in _HARD_STOPS or (word.isalpha() and word in _CLAUSE_STARTS):
                return False
        return False

    def _no_before(self, first: int) -> bool:
        """Whether the determiner "no" opens the trigger's noun phrase ("*No* tsunami warning was
        issued", "*no* shots were fired"): the event did not happen.  Only within the phrase (up
        to two words between, all plain words), and not "no doubt that …", "no matter …",
        where "no" negates something else."""
        passive = first > 0 and self.tokens[first - 1].lower in _BE_AUX  # "No warning *was* issued"
        for i in range(max(0, first - (5 if passive else 3)), first):
            if self.tokens[i].lower != "no":
                continue
            between = [t.lower for t in self.tokens[i + 1 : first + 1]]
            if all(w.isalpha() for w in between[:-1]) and not set(between) & _NO_OTHER:
                return True
        return False

    def _would_before(self, first: int) -> bool:
        return any(t.lower == "would" for t in self.tokens[max(0, first - 3) : first])
