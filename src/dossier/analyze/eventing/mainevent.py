"""The main event of a sentence: the one a coder would type the sentence by.

News sentences put the matrix clause's event first more often than not, but
not always: a relative clause ("Sharon, who has vowed not to return ...")
describes a participant, a ``to``-infinitive is a purpose or complement,
and a bare event noun is mostly background.  Candidates are ranked, best
first, by:

1. not inside a relative clause (in Russian also not an active participle, the
   participial phrase being its relative clause: "Боевики, *угрожавшие* ...");
2. finite: not a bare ``to``-infinitive (purpose or complement: "blocked roads
   to demand reforms") nor an -ing form without "be" ("*meeting* for the first
   time, the two leaders promised ...", "..., *killing* 20");
3. verbal, or a noun after a light verb ("launched an attack"), before a
   bare event noun ("talks", "the deployment");
4. position in the sentence.

A statement verb wrapping other events is never a candidate: the stage
already makes it their attribution (PLOVER codes the reported event), and
it ranks last when it is the only event.  The rules look only at regex
tokens (no parser), so they cost nothing.  Fronted adverbial clauses
("after ...", "following ...") were tried as background markers and dropped:
they did not help on held-out data.  An -ing form only ranks after the finite
verbs (rule 2): it is not dropped, and after "be" ("were marching") or a verb
of beginning or going on ("began collecting signatures") it is finite itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dossier.analyze.eventing.lexicon import Token, en_key

#: Relative pronouns: a trigger after one (in its clause) describes a
#: participant ("Sharon, who has vowed ...") rather than reporting the news.
RELATIVES = {
    "en": {"who", "whom", "whose", "which", "where"},
    "ru": {"который", "которая", "которое", "которые", "которого", "которой", "которых", "где"},
}
#: A Russian active participle (the participial phrase is Russian's relative clause):
#: "угрожавшие", "писавшего", "удерживающих".
_RU_PARTICIPLE = re.compile(r"(?:вш|ющ|ущ|ящ|ащ)(?:ий|ая|ее|ие|его|ей|их|им|ими|ему|ую|ая)$")
_BREAKS = {",", ";", ":", "—", "(", ")", ".", "!", "?", "–"}
_SCAN = 10


def subordinate(tokens: Sequence[Token], first: int, stops: set[int], language: str = "en") -> bool:
    """Whether the trigger at ``first`` sits in a relative clause.

    Scans back at most ten tokens, to the clause break or to another verbal
    trigger (an index in ``stops``: "rebels who attacked the town withdrew"
    keeps "withdrew" in the matrix), for a relative pronoun.
    """
    words = RELATIVES.get(language, set())
    if language == "ru" and _RU_PARTICIPLE.search(tokens[first].lower):
        return True  # "Боевики, *угрожавшие* сорвать выборы, похитили ...": a participle describes a participant
    for i in range(first - 1, max(-1, first - 1 - _SCAN), -1):
        t = tokens[i]
        if t.text in _BREAKS or i in stops:
            return False
        if t.lower in words:
            return True
    return False


def infinitive(tokens: Sequence[Token], first: int) -> bool:
    """A bare ``to``-infinitive ("to demand"), not a modal or auxiliary chain."""
    return first > 0 and tokens[first - 1].lower == "to"


#: Forms of "be" before an -ing form that make it a finite verb ("were *marching*").
_BE = frozenset({"is", "are", "was", "were", "be", "been", "am", "'s", "'re", "isn't", "aren't", "wasn't", "weren't"})


#: Verbs of beginning, going on and stopping, whose -ing complement is the event itself.
_ASPECTUAL = frozenset(
    en_key(w) for w in ("begin", "began", "begun", "start", "continue", "keep", "kept", "resume", "stop", "finish")
)


def participle(tokens: Sequence[Token], first: int, language: str = "en") -> bool:
    """An English -ing form with no "be" before it ("*meeting* for the first time, the two
    leaders promised ..."): a non-finite adjunct, which the clause's finite verb outranks."""
    if language != "en" or not tokens[first].lower.endswith("ing"):
        return False
    if first and tokens[first - 1].key in _ASPECTUAL:
        return False  # "began *collecting* signatures": the -ing form is the verb's content
    return not any(t.lower in _BE for t in tokens[max(0, first - 3) : first])


def rank(tokens: Sequence[Token], first: int, bare_noun: bool, stops: set[int], language: str = "en") -> tuple:
    """Sort key of a candidate (smaller is better); see the module docstring."""
    nonfinite = infinitive(tokens, first) or participle(tokens, first, language)
    return (subordinate(tokens, first, stops - {first}, language), nonfinite, bare_noun, first)
