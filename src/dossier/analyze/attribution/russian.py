"""Russian-specific attribution rules that need the word class of a word.

Why a dictionary: Russian verb endings are shared by many nouns ("решимость", "совет",
"канал", "комбинат" end like "знать", "ответ", "сказал", "стоят"), so a regex on endings
took «Союзная решимость» or «Первый канал» for a clause and the title for a quote.  The
pymorphy dictionary that natasha already loads for the entity stage gives the most likely
part of speech of a word in microseconds (cached), with no model to run.  Every function
here degrades to ``None`` (the caller keeps its old rule) when the dictionary is missing.

What lives here:

* :func:`verb_like`: whether a lower-case word is a verb (finite, past or infinitive);
* :func:`mark_titles`: quoted names used as titles (``учения «Союзная решимость»``,
  ``фильмы «Мимино», «Афоня» и «Я шагаю по Москве»``, ``закон «О внесении изменений…»``):
  the name of a thing, never a quote;
* :func:`nominative`: the dictionary form of a common noun heading a source phrase
  (``в прокуратуре заявили`` → ``прокуратура``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from dossier.analyze.attribution.marks import QuotedSpan

#: Parts of speech (pymorphy / OpenCorpora) that make a quoted span a clause.
_VERB_POS = frozenset({"VERB", "INFN"})
#: Parts of speech of a word after which a quoted span is in apposition to it, i.e. the name
#: of a thing: a noun ("учения «…»", "закону «…»"), a preposition ("в «Уральской стали»"), an
#: adjective or participle ("названной «…»"), a numeral.
_NAMING_POS = frozenset({"NOUN", "PREP", "ADJF", "PRTF", "NUMR"})
#: Subject pronouns: a span holding one is someone's words, even after a noun.
_SUBJECT_PRONOUNS = frozenset({"я", "мы", "ты", "вы", "он", "она", "оно", "они"})
#: Spans of this many words at most may be titles even when they hold a verb ("Жди меня").
_TITLE_MAX_WORDS = 6
_WORD_RE = re.compile(r"\w+(?:[’'\-‐.]\w+)*")
_WORD_BEFORE_RE = re.compile(r"([\w-]+)[ \t\u00a0]*$")
#: What may stand between the items of a list of names: a comma, "и", "или", "а также".
_LIST_GAP_RE = re.compile(r"\s*(?:,\s*(?:а\s+также\s+|и\s+)?|\s(?:и|или|а\s+также)\s+)\s*$", re.IGNORECASE)


def _morph() -> Any:
    """The shared pymorphy dictionary (:func:`dossier.analyze.nlp.morph_vocab`), or ``None`` when
    natasha is not installed."""
    try:
        from dossier.analyze.nlp import morph_vocab

        return morph_vocab()
    except ImportError:  # pragma: no cover - natasha is a core dependency
        return None


def _reading(word: str) -> Any:
    """The most likely pymorphy reading of ``word`` (``None`` without a dictionary)."""
    morph = _morph()
    return None if morph is None else morph.parse(word.lower())[0]


@lru_cache(maxsize=65536)
def parse(word: str) -> tuple[str | None, str] | None:
    """(part of speech, dictionary form) of the most likely reading of ``word``; ``None`` without
    a dictionary."""
    p = _reading(word)
    return None if p is None else (p.tag.POS, str(p.normal_form))


@lru_cache(maxsize=65536)
def maybe_genitive(word: str) -> bool:
    """Whether some reading of ``word`` is in the genitive (``True`` without a dictionary)."""
    morph = _morph()
    return morph is None or any("gent" in p.tag for p in morph.parse(word.lower()))


@lru_cache(maxsize=65536)
def can_be_nominative(word: str) -> bool:
    """Whether some reading of ``word`` is in the nominative or is indeclinable ("МИД", "ТАСС"),
    so it may name a subject; ``True`` without a dictionary or for a word that is not Cyrillic."""
    morph = _morph()
    if morph is None or not re.search("[а-яё]", word, re.IGNORECASE):
        return True
    return any("nomn" in p.tag or "Fixd" in p.tag for p in morph.parse(word.lower()))


def pos(word: str) -> str | None:
    """The part of speech of ``word``'s most likely reading (``None`` without a dictionary)."""
    got = parse(word)
    return None if got is None else got[0]


def verb_like(word: str) -> bool | None:
    """Whether ``word``'s most likely reading is a verb or an infinitive ("знали", "работает",
    "стали"), not a noun with a verb-like ending ("решимость", "канал"); ``None`` without a
    dictionary or for a word that is not Cyrillic (the caller decides then)."""
    if not re.search("[а-яё]", word, re.IGNORECASE):
        return None
    got = parse(word)
    return None if got is None else got[0] in _VERB_POS


@lru_cache(maxsize=65536)
def nominative(word: str) -> str | None:
    """``word`` in the nominative, its number kept ("прокуратуре" → "прокуратура", "представителя"
    → "представитель", "собеседники" stays), with its capital; ``None`` when the word is not read
    as a noun or there is no dictionary."""
    p = _reading(word)
    if p is None or p.tag.POS != "NOUN":
        return None
    if "nomn" in p.tag:
        return word
    form = p.inflect({"Nom"})  # natasha's parse takes Universal Dependencies features
    if form is None:
        return None
    out = str(form.word)
    return out[:1].upper() + out[1:] if word[:1].isupper() else out


@lru_cache(maxsize=65536)
def nominative_noun(word: str) -> bool:
    """Whether ``word``'s most likely reading is a noun in the nominative ("Адвокат", "Мать")."""
    p = _reading(word)
    return p is not None and p.tag.POS == "NOUN" and "nomn" in p.tag


@lru_cache(maxsize=65536)
def animate_noun(word: str) -> bool:
    """Whether ``word`` reads as an animate noun: a person ("собеседники", "представителя", "шеф"),
    not a body ("полиция", "пресс-служба", "компания")."""
    p = _reading(word)
    return p is not None and p.tag.POS == "NOUN" and "anim" in p.tag


@lru_cache(maxsize=65536)
def accusative_thing(word: str) -> bool:
    """Whether ``word``'s most likely reading is an inanimate noun in the accusative ("музыку",
    "привет"), the object of a verb of doing."""
    p = _reading(word)
    return p is not None and p.tag.POS == "NOUN" and "accs" in p.tag and "inan" in p.tag


#: Possessive pronouns, which belong to the noun after them ("*Его* адвокат заявил").
_POSSESSIVES = frozenset({"его", "ее", "её", "их", "свой", "своя", "свои", "наш", "наши", "мой", "ваш"})
#: Parts of speech that never open a source phrase: "При *этом* Захарова", "*Также* Лавров",
#: "*Однако* Песков", "*Между тем*".
_LEADING_POS = frozenset({"NPRO", "PRCL", "CONJ", "ADVB", "PREP", "INTJ", "PRED"})


def leading_function_word(word: str, following: str | None = None) -> bool:
    """Whether ``word`` (any case) is a pronoun, particle, conjunction, adverb or preposition, which
    cannot open a noun phrase naming a speaker ("Также", "этом", "Однако"); an adverb before an
    adjective or participle (``following``) qualifies it and stays ("Временно исполняющий
    обязанности")."""
    if not re.search("[а-яё]", word, re.IGNORECASE):
        return False
    got = parse(word)
    if got is None or got[0] not in _LEADING_POS or word.lower() in _POSSESSIVES:
        return False
    if got[0] == "ADVB" and following is not None and adjective_like(following):
        return False
    morph = _morph()
    # "Несколько источников": a word that can be read as a numeral counts the people, it stays
    return not any(p.tag.POS == "NUMR" for p in morph.parse(word.lower()))


def adjective_like(word: str) -> bool:
    """An adjective or participle ("близких", "близкие", "знакомый"): it may govern a prepositional
    phrase inside a noun phrase ("близкие к Кремлю источники")."""
    got = parse(word)
    return got is not None and got[0] in ("ADJF", "PRTF")


def _words(content: str) -> list[str]:
    return _WORD_RE.findall(content)


@lru_cache(maxsize=65536)
def _noun_reading(word: str) -> bool:
    """Whether some reading of ``word`` is a noun ("стали": of steel, besides "became")."""
    morph = _morph()
    return morph is not None and any(p.tag.POS == "NOUN" for p in morph.parse(word.lower()))


def _has_verb(words: list[str]) -> bool:
    """A lower-case verb or a subject pronoun among ``words`` (capitalised words are names).
    A word after an adjective that can also be read as a noun is the noun the adjective
    qualifies ("Уральской стали": of the Ural steel, not "became")."""
    for n, w in enumerate(words):
        low = w.lower()
        if low in _SUBJECT_PRONOUNS:
            return True
        if w[:1].islower() and verb_like(w):
            before = parse(words[n - 1]) if n else None
            if before is not None and before[0] == "ADJF" and _noun_reading(w):
                continue
            return True
    return False


def _apposition(text: str, span: QuotedSpan) -> bool:
    """Whether the word right before the opening mark (on the same line, nothing but spaces in
    between) is one a name stands in apposition to: a noun, preposition, adjective or numeral."""
    m = _WORD_BEFORE_RE.search(text, max(0, span.open_at - 60), span.open_at)
    if m is None:
        return False
    if _cue_ends_at(text, m.end()):
        return False  # "по его словам «…»": the quote of a cue, however it is punctuated
    if m.group(1)[0].isdigit():
        return True  # "законопроект 589658-7 «…»", "колонии № 5 «…»": a numbered thing's name
    if m.group(1).lower() == "как":
        # "хитов группы, как «…»", "такими фильмами, как «…»": examples of the noun before "как"
        end = m.start()
        while end > 0 and text[end - 1] in ", \t":
            end -= 1
        noun = _WORD_BEFORE_RE.search(text, max(0, end - 60), end)
        return noun is not None and pos(noun.group(1)) == "NOUN"
    got = parse(m.group(1))
    return got is not None and got[0] in _NAMING_POS


def _cue_ends_at(text: str, end: int) -> bool:
    """Whether a Russian reporting cue ends at ``end`` ("по словам", "заявил")."""
    from dossier.analyze.attribution.lexicon import load_lexicon

    lo = max(0, end - 40)
    return any(lo + e == end for _, e, _ in load_lexicon("ru").finditer(text[lo:end]))


def _title_shaped(text: str, span: QuotedSpan, *, listed: bool) -> bool:
    """A capitalised span that reads as a name: not a sentence (no terminal mark after three
    words), and either verbless (any length: "О внесении изменений в отдельные законодательные
    акты …") or short with no subject pronoun; ``listed``: an item of a list of names, where a
    short span is a title whatever it holds ("Я шагаю по Москве", "It’s My Life")."""
    content = text[span.start : span.end].strip()
    words = _words(content)
    if not words or not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    if content.rstrip(" ,")[-1:] in ".?…" and len(words) >= 3:
        return False
    if listed:
        return len(words) <= _TITLE_MAX_WORDS
    return not _has_verb(words)


def mark_titles(text: str, spans: list[QuotedSpan]) -> None:
    """Mark quoted titles in a Russian text (``kind`` ``name``, ``title`` set): a capitalised
    span in apposition to the word before it ("учения «Союзная решимость»", "замгендиректора
    «Уральской стали»", "Федеральному закону «О внесении изменений …»"), and a span that
    continues a list of such names ("«Осенний марафон» и «Я шагаю по Москве»").

    Why apposition: Russian introduces someone's words with a colon, a comma and dash, or
    "что", never by writing the quote right after a noun; a quoted span glued to a noun or
    preposition is what the noun is called.  Lower-case spans (``назвал ситуацию
    «катастрофической»``) are left alone: those are partial quotes.
    """
    if _morph() is None:
        return
    quoted = [s for s in spans if s.kind != "dash"]
    for n, span in enumerate(quoted):
        prev = quoted[n - 1] if n else None
        listed = prev is not None and prev.kind == "name" and _list_gap(text, prev.close_end, span.open_at)
        title = _title_shaped(text, span, listed=True) if listed else False
        if title or (_apposition(text, span) and _title_shaped(text, span, listed=False)):
            span.kind, span.title = "name", True
    # the first item of a list ("в фильмах: «Люблю тебя, люблю» Алена Рене, «Сияние» Стэнли Кубрика")
    for n in range(len(quoted) - 2, -1, -1):
        span, nxt = quoted[n], quoted[n + 1]
        if span.title or nxt.kind != "name" or not _list_gap(text, span.close_end, nxt.open_at):
            continue
        if _title_shaped(text, span, listed=True):
            span.kind, span.title = "name", True


def _list_gap(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` separates two items of a list of names: a comma, "и", "или",
    optionally after the item's author or owner ("«Сияние» Стэнли Кубрика, «…»": at most three
    capitalised words, a comma, no dash)."""
    if end < start or end - start > 48:
        return False
    if _LIST_GAP_RE.fullmatch(text, start, end) is not None:
        return True
    gap = text[start:end]
    if "," not in gap or any(d in gap for d in "—–-"):
        return False
    owner, _, rest = gap.rpartition(",")
    words = owner.split()
    return 0 < len(words) <= 3 and all(w[:1].isupper() for w in words) and not rest.strip(" и")


__all__ = [
    "accusative_thing",
    "adjective_like",
    "animate_noun",
    "can_be_nominative",
    "leading_function_word",
    "mark_titles",
    "nominative",
    "nominative_noun",
    "parse",
    "pos",
    "verb_like",
]
