"""The main event of a sentence: the one a coder would type the sentence by.

News sentences put the matrix clause's event first more often than not, but
not always: a relative clause ("Sharon, who has vowed not to return ...")
describes a participant, a ``to``-infinitive is a purpose or complement,
and a bare event noun is mostly background.  Candidates are ranked, best
first, by:

1. not inside a relative clause;
2. not a bare ``to``-infinitive (purpose or complement: "blocked roads to
   demand reforms");
3. verbal, or a noun after a light verb ("launched an attack"), before a
   bare event noun ("talks", "the deployment");
4. position in the sentence.

A statement verb wrapping other events is never a candidate: the stage
already makes it their attribution (PLOVER codes the reported event), and
it ranks last when it is the only event.  The rules look only at regex
tokens (no parser), so they cost nothing.  Fronted adverbial clauses
("after ...", "following ...") and ``-ing`` adjuncts (", killing 20") were
tried as background markers and dropped: they did not help on held-out data.
"""

from __future__ import annotations

from collections.abc import Sequence

from dossier.analyze.eventing.lexicon import Token

#: Relative pronouns: a trigger after one (in its clause) describes a
#: participant ("Sharon, who has vowed ...") rather than reporting the news.
RELATIVES = {
    "en": {"who", "whom", "whose", "which", "where"},
    "ru": {"который", "которая", "которое", "которые", "которого", "которой", "которых", "где"},
}
_BREAKS = {",", ";", ":", "—", "(", ")", ".", "!", "?", "–"}
_SCAN = 10


def subordinate(tokens: Sequence[Token], first: int, stops: set[int], language: str = "en") -> bool:
    """Whether the trigger at ``first`` sits in a relative clause.

    Scans back at most ten tokens, to the clause break or to another verbal
    trigger (an index in ``stops``: "rebels who attacked the town withdrew"
    keeps "withdrew" in the matrix), for a relative pronoun.
    """
    words = RELATIVES.get(language, set())
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


def rank(tokens: Sequence[Token], first: int, bare_noun: bool, stops: set[int], language: str = "en") -> tuple:
    """Sort key of a candidate (smaller is better); see the module docstring."""
    return (subordinate(tokens, first, stops - {first}, language), infinitive(tokens, first), bare_noun, first)
