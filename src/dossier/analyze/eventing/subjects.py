"""Plain noun-phrase subjects: the participant of a verb that names no one the lexicons know.

An event verb is recorded only with a participant (``extract._sentence``): a mention, a
common-noun actor from ``generic_actors_<lang>.txt`` ("police", "rebels"), a target or a
system.  Wire text outside the political desk names its actors by nouns no list holds ("*The
coast guard* detained a tanker", "*The shipping line* gave in", "*Министерство* выслало
дипломата"), and those verbs were dropped.  The shape of the clause says what the list
cannot: a noun phrase that opens its clause with a determiner (or, in Russian, a nominative
noun) and stands right before a finite event verb is that verb's subject, whatever its words.

Only the verb's subject is read, never an object or a phrase after a preposition, so the
rule gives an actor to a verb that already is an event, it never makes an event of a noun.
"""

from __future__ import annotations

from functools import lru_cache

from collections.abc import Sequence

from dossier.analyze.eventing.lexicon import Token
from dossier.model import Mention

#: Words that open an English subject noun phrase.
_EN_OPENERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "those"})
#: Words after which a clause (and so its subject) begins.
_CLAUSE_START = frozenset({",", ";", ":", "—", "(", "and", "but", "after", "when", "while", "as", "since",
                           "because", "before", "until", "once", "then", "that", "и", "а", "но", "что",
                           "когда", "после", "как"})  # fmt: skip
#: Words between a subject and its verb that belong to neither ("The union *later* called off").
_EN_BETWEEN = frozenset({"has", "have", "had", "also", "then", "later", "again", "now", "finally", "reportedly",
                         "already", "quickly", "formally", "officially", "swiftly", "itself", "themselves"})  # fmt: skip
#: Heads that are no participant: time, quantity and pronoun-like nouns.
_EN_NOT_HEADS = frozenset({"day", "week", "month", "year", "time", "morning", "night", "evening", "weekend",
                           "number", "total", "majority", "rest", "one", "other", "others", "same", "following",
                           "next", "last", "first", "move", "decision", "report", "statement", "incident",
                           "event", "case", "news", "result", "situation"})  # fmt: skip
_RU_BETWEEN = frozenset({"также", "уже", "вчера", "сегодня", "ранее", "затем", "официально", "вновь", "снова"})
_MAX_WORDS = 5


def plain_subject(tokens: list[Token], first: int, language: str) -> str | None:
    """The noun phrase right before the finite event verb at ``first`` that opens its clause,
    as the actor's text ("coast guard", "Министерство"), or None when the words before the
    verb are no such phrase."""
    if first <= 0 or tokens[first].lower.endswith("ing") or tokens[first - 1].lower == "to":
        return None
    if language == "ru":
        return _ru_subject(tokens, first)
    return _en_subject(tokens, first)


def _en_subject(tokens: list[Token], first: int) -> str | None:
    end = first - 1
    while end >= 0 and tokens[end].lower in _EN_BETWEEN:
        end -= 1
    j = end
    while j >= 0 and end - j < _MAX_WORDS and tokens[j].lower not in _EN_OPENERS:
        t = tokens[j]
        if not (t.text == "'" or t.text.replace("-", "").replace("'", "").isalpha()):
            return None
        j -= 1
    if j < 0 or j == end or tokens[j].lower not in _EN_OPENERS:
        return None
    if j > 0 and tokens[j - 1].lower not in _CLAUSE_START:
        return None  # "attacked by *the* army", "the head of *the* union": inside another phrase
    words = [t for t in tokens[j + 1 : end + 1] if t.text != "'"]
    head = words[-1].lower
    if head in _EN_NOT_HEADS or not head.isalpha() or _en_verb_form(head):
        return None
    return " ".join(t.text for t in words)


def _en_verb_form(word: str) -> bool:
    """A word that is likelier a verb or participle than a noun head ("The men *were*",
    "the talks *ended*"): the phrase is then no subject of the trigger."""
    return word in {"was", "were", "is", "are", "be", "been", "will", "would", "could", "should", "may", "might",
                    "must", "can", "did", "do", "does"} or word.endswith("ed")  # fmt: skip


def _ru_subject(tokens: list[Token], first: int) -> str | None:
    end = first - 1
    while end >= 0 and tokens[end].lower in _RU_BETWEEN:
        end -= 1
    j = end
    while j >= 0 and end - j < _MAX_WORDS and tokens[j].text.replace("-", "").isalpha():
        if j == 0 or tokens[j - 1].lower in _CLAUSE_START:
            break
        j -= 1
    if j < 0 or j > end or not tokens[j].text.replace("-", "").isalpha():
        return None
    if j > 0 and tokens[j - 1].lower not in _CLAUSE_START:
        return None
    phrase = tokens[j : end + 1]
    if not any(_ru_nominative_noun(t.lower) for t in phrase):
        return None
    return " ".join(t.text for t in phrase)


@lru_cache(maxsize=8192)
def _ru_nominative_noun(word: str) -> bool:
    """Whether a Russian word's likeliest reading is a nominative noun (a subject):
    "министерство", "минздрав", "страны-доноры"; not "вчера", not a genitive "завода"."""
    from dossier.analyze.nlp import russian

    parses = russian().morph_vocab.parse(word)
    if not parses:
        return False
    tag = str(parses[0].tag)
    return "NOUN" in tag and "nomn" in tag and "Name" not in tag


def verb_ending_name(mentions: Sequence[Mention], tok: Token) -> bool:
    """Whether ``tok`` is a lower-case finite verb that closes a multi-word name the recogniser
    read too long ("[Министерство выслало] дипломата", "[Coast Guard detained]"): the verb
    belongs to the clause, and the rest of the name is its subject."""
    if not tok.text.isalpha() or not tok.text.islower():
        return False
    if not any(m.start < tok.start and tok.end == m.end for m in mentions):
        return False
    if tok.text.isascii():
        return tok.lower.endswith("ed")
    return _ru_finite_verb(tok.lower)


@lru_cache(maxsize=8192)
def _ru_finite_verb(word: str) -> bool:
    """Whether a Russian word's likeliest reading is a finite verb ("выслало", "направил")."""
    from dossier.analyze.nlp import russian

    parses = russian().morph_vocab.parse(word)
    return bool(parses) and parses[0].tag.POS == "VERB"
