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

from collections.abc import Sequence
from functools import lru_cache

from dossier.analyze.eventing.lexicon import Token, calendar_word, irregular_forms
from dossier.model import Mention

#: Words that open an English subject noun phrase.
_EN_OPENERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "those"})
#: Words after which a clause (and so its subject) begins.
_CLAUSE_START = frozenset({",", ";", ":", "—", "(", "and", "but", "after", "when", "while", "as", "since",
                           "because", "before", "until", "once", "then", "that", "и", "а", "но", "что",
                           "когда", "после", "как"})  # fmt: skip
#: Words between a subject and its verb that belong to neither ("The union *later* called off").
_EN_BETWEEN = frozenset({"has", "have", "had", "also", "then", "later", "again", "now", "finally", "reportedly",
                         "already", "formally", "officially", "itself", "themselves"})  # fmt: skip
#: Heads that are no participant: time, quantity and pronoun-like nouns.
_EN_NOT_HEADS = frozenset({"day", "week", "month", "year", "time", "morning", "night", "evening", "weekend",
                           "number", "total", "majority", "rest", "one", "other", "others", "same", "following",
                           "next", "last", "first", "move", "decision", "report", "statement", "incident",
                           "event", "case", "news", "result", "situation",
                           # economic quantities and markets rise, fall and build up; they do not act
                           "economy", "market", "markets", "price", "prices", "currency", "shares", "stocks",
                           "sales", "demand", "growth", "inflation", "output", "profit", "profits", "revenue",
                           "rate", "rates", "index", "debt",
                           # numbers and documents are published, they do not act
                           "figures", "data", "statistics", "numbers", "results", "reports", "documents"})  # fmt: skip
#: Words that cannot stand inside an English subject noun phrase: a clause's verb, conjunction
#: or preposition between the determiner and the verb means the words are no single phrase
#: ("This was more than expected and helped": no subject "was more than expected and").
_EN_NOT_INSIDE = frozenset({"was", "were", "is", "are", "be", "been", "has", "have", "had", "will", "would",
                            "than", "and", "or", "but", "that", "which", "who", "to", "of", "in", "on", "at",
                            "for", "with", "by", "from", "not", "as", "if"})  # fmt: skip
_EN_PRONOUNS = frozenset({"He", "She", "It", "They", "We", "I", "You", "This", "That", "These", "Those", "There",
                          "Here", "Who", "What", "Which", "Some", "Many", "Most", "Others", "Both", "All"})  # fmt: skip
_RU_BETWEEN = frozenset({"также", "уже", "вчера", "сегодня", "ранее", "затем", "официально", "вновь", "снова"})
_MAX_WORDS = 5


def plain_subject(tokens: list[Token], first: int, language: str, last: int | None = None) -> str | None:
    """The noun phrase right before the finite event verb at ``first`` (its trigger ending at
    ``last``) that opens its clause, as the actor's text ("coast guard", "Министерство"), or None
    when the words before the verb are no such phrase."""
    last = first if last is None else last
    if language != "ru" and _en_perfect_progressive(tokens, first):
        return _en_subject(tokens, first - 1)  # "Baggage handlers have *been* striking since Friday"
    if first <= 0 or tokens[first].lower.endswith("ing") or tokens[first - 1].lower == "to":
        return None
    if language == "ru":
        return _ru_subject(tokens, first)
    if not _en_past(tokens[first].lower):
        return None  # "A freak *storm* set ...": a bare form after a noun phrase is a noun
    if last + 1 < len(tokens) and tokens[last + 1].lower in _EN_PARTICIPLE_AFTER:
        return None  # "Figures *released by* the office", "released *earlier* this year": a participle
    return _en_subject(tokens, first)


def _en_perfect_progressive(tokens: list[Token], first: int) -> bool:
    """Whether the "-ing" verb at ``first`` follows "has/have/had been": a perfect progressive
    reports an act going on since a time ("have been striking since Friday"), not what is usual,
    so its subject is read as a past form's would be ("been" stands where the past form would)."""
    return (
        first >= 2
        and tokens[first].lower.endswith("ing")
        and tokens[first - 1].lower == "been"
        and tokens[first - 2].lower in {"has", "have", "had"}
    )


def _en_past(word: str) -> bool:
    """Whether an English word is a past form ("detained", "gave"): reports of events are in the
    past; a present ("Wipro *offers* services") describes what is usual, and a base form ("A freak
    *storm* set ...") after a noun phrase is more often a noun."""
    return word.endswith("ed") or word in irregular_forms()


#: Words after an "-ed" form that mark it as a participle modifying the noun before it.
_EN_PARTICIPLE_AFTER = frozenset({"by", "earlier", "last", "this", "yesterday", "today", "recently"})


def _en_subject(tokens: list[Token], first: int) -> str | None:
    end = first - 1
    while end >= 0 and (tokens[end].lower in _EN_BETWEEN or _en_adverb(tokens[end].text)):
        end -= 1
    j = end
    while j >= 0 and end - j < _MAX_WORDS and tokens[j].lower not in _EN_OPENERS:
        t = tokens[j]
        if not (t.text == "'" or t.text.replace("-", "").replace("'", "").isalpha()) or t.lower in _EN_NOT_INSIDE:
            return None
        j -= 1
    if j < 0 and end >= 0:
        return _bare_plural(tokens[: end + 1])
    if j < 0 or j == end or tokens[j].lower not in _EN_OPENERS:
        return None
    if j > 0 and tokens[j - 1].lower not in _CLAUSE_START:
        return None  # "attacked by *the* army", "the head of *the* union": inside another phrase
    words = [t for t in tokens[j + 1 : end + 1] if t.text != "'"]
    head = words[-1].lower
    if head in _EN_NOT_HEADS or not head.isalpha() or _en_verb_form(head):
        return None
    return " ".join(t.text for t in words)


def _bare_plural(words: list[Token]) -> str | None:
    """A subject with no determiner that opens the sentence, when its head is a plural noun
    for people or bodies ("*Fishermen* blocked", "*Angry dock workers* walked out"): the first
    word capitalised only because it opens the sentence, the rest in lower case."""
    if len(words) == 1 and words[0].text.isalpha() and words[0].text[:1].isupper():
        # one capitalised word before the verb, which the recogniser did not tag ("*Belarus*
        # put its units on alert"): a name, unless it is a common sentence opener
        from dossier.analyze.mention_review import common_opener

        if not common_opener(words[0].text, "en") and words[0].text not in _EN_PRONOUNS:
            return words[0].text
    if any(t.text == "'" for t in words) or not all(t.text.islower() for t in words[1:]):
        return None
    head = words[-1].lower
    plural = head.endswith(("men", "people")) or (head.endswith("s") and not head.endswith(("ss", "us", "is")))
    return " ".join(t.text for t in words) if plural and head not in _EN_NOT_HEADS else None


def _en_adverb(word: str) -> bool:
    """A lower-case "-ly" adverb between the subject and its verb ("The union *quietly* dropped")."""
    return word.islower() and len(word) > 4 and word.endswith("ly") and word not in {"ally", "supply", "assembly"}


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


_POSSESSIVE = ("'s", "’s", "s'", "s’")


def possessor_phrase(tokens: list[Token], first: int) -> str | None:
    """The possessor before the event noun at ``first`` that opens the sentence, without its
    determiner and its "'s" ("The transport minister's resignation" → "transport minister")."""
    lead = [t for t in tokens[:first] if t.lower not in _EN_OPENERS and t.text not in ("'", "’")]
    if not lead or not any(t.lower.endswith(_POSSESSIVE) or t.text in ("'", "’") for t in tokens[:first]):
        return None
    if any(_time_word(t.text) for t in lead):
        return None  # "Monday's strike", "last week's resignation": a time, not who acted
    words = [t.text for t in lead]
    for suffix in ("'s", "’s"):
        words[-1] = words[-1].removesuffix(suffix)
    return " ".join(words)


#: Words that make a possessor a time ("yesterday's vote", "last week's strike"), beside the
#: weekday, month and season names of the time stage's tables (:func:`calendar_word`).
_EN_TIME_WORDS = frozenset({"yesterday", "today", "tomorrow", "tonight", "week", "weekend", "month", "year",
                            "decade", "century", "day", "morning", "afternoon", "evening", "night",
                            "last", "next", "this", "past", "previous"})  # fmt: skip


def _time_word(text: str) -> bool:
    """Whether a possessor word (its "'s" or "'" dropped) names a time, not someone."""
    word = text
    for suffix in _POSSESSIVE:
        word = word.removesuffix(suffix)
    return word.lower() in _EN_TIME_WORDS or calendar_word(word)


def holder_phrase(tokens: list[Token], last: int, language: str) -> str | None:
    """The holder of the event noun ending at ``last`` when it names someone by a plain noun
    phrase: in English "of" + determiner + lower-case words up to a verb, preposition or break
    ("Resignation *of the health chief* follows ..."), in Russian an animate genitive noun
    right after it and the genitives that follow ("Отставка *министра транспорта*")."""
    if language == "ru":
        return _ru_holder(tokens, last)
    if last + 3 >= len(tokens) or tokens[last + 1].lower != "of" or tokens[last + 2].lower not in _EN_OPENERS:
        return None
    words: list[str] = []
    for t in tokens[last + 3 : last + 3 + _MAX_WORDS]:
        if not (t.text.isalpha() and t.text.islower()) or t.lower in _EN_STOPS or _en_verb_like(t.lower):
            break
        words.append(t.text)
    return " ".join(words) if words and words[-1] not in _EN_NOT_HEADS else None


#: Words that end an English holder phrase: prepositions, conjunctions, relative words.
_EN_STOPS = frozenset({"of", "in", "on", "for", "with", "by", "from", "to", "at", "after", "before", "over",
                       "and", "or", "but", "that", "which", "who", "as", "amid", "into"})  # fmt: skip


def _en_verb_like(word: str) -> bool:
    """A word that likely is the sentence's verb after a subject phrase ("follows", "comes",
    "was"): an -s/-ed form or an auxiliary.  A plural noun head ("of the workers follows")
    is given up with it: the phrase then ends one word early, which only shortens the actor."""
    return _en_verb_form(word) or (word.endswith("s") and not word.endswith("ss"))


def _ru_holder(tokens: list[Token], last: int) -> str | None:
    k = last + 1
    while k < len(tokens) and k - last <= 2 and _ru_genitive_adjective(tokens[k].lower):
        k += 1  # "Отставка *главного* инженера": the adjectives before the holder's noun
    if k >= len(tokens) or not _ru_animate_genitive(tokens[k].lower):
        return None
    while k + 1 < len(tokens) and k - last < 3 and _ru_genitive(tokens[k + 1].lower):
        k += 1
    return " ".join(t.text for t in tokens[last + 1 : k + 1])


@lru_cache(maxsize=8192)
def _ru_animate_genitive(word: str) -> bool:
    """Whether a Russian word's likeliest reading is an animate genitive noun ("министра",
    "губернатора"): a person holding the event noun before it."""
    from dossier.analyze.nlp import russian

    parses = russian().morph_vocab.parse(word)
    if not parses:
        return False
    tag = str(parses[0].tag)
    return "NOUN" in tag and "gent" in tag and "anim" in tag and "inan" not in tag


@lru_cache(maxsize=8192)
def _ru_genitive(word: str) -> bool:
    """Whether a Russian word's likeliest reading is a genitive noun ("транспорта")."""
    from dossier.analyze.nlp import russian

    parses = russian().morph_vocab.parse(word)
    return bool(parses) and "NOUN" in str(parses[0].tag) and "gent" in str(parses[0].tag)


@lru_cache(maxsize=8192)
def _ru_genitive_adjective(word: str) -> bool:
    """Whether a Russian word reads as a genitive adjective at all ("главного", also a noun
    by its likeliest reading): before an animate noun it modifies it."""
    from dossier.analyze.nlp import russian

    return any(p.tag.POS == "ADJF" and "gent" in str(p.tag) for p in russian().morph_vocab.parse(word))
