"""Stories: incremental clustering of articles into real-world developments.

A *story* is one development ("the 6.1 earthquake in Aceh on 2 July"), not a
topic ("earthquakes"): two earthquakes are two stories even though they share
most of their vocabulary.  What separates them are the *rare* terms — names,
places, numbers, dates — so articles are represented by TF-IDF over named
entities (weighted up), content words, numbers and dates, and a story by the
sum of its articles' normalised vectors (its centroid).

Incremental by construction: a new article

1. looks up only the stories listed under its rarest terms in an inverted index
   (``story_postings``), keeping at most ``postings_cap`` recent stories per
   term, so the work does not grow with the number of stored articles;
2. scores each candidate by cosine similarity to the centroid without its
   strongest shared terms (one recurring name makes a topic, not a
   development), times a time decay when both sides have dates (the gap to
   the story's span, and the story's age: far apart in time needs strong
   evidence), times a contrast factor when the article's lead gives a
   different figure of the same kind than the story's leads (a 58-3 record
   against a 52-3 one, 51 knockouts against 46), when its lead dates what
   happened far from every date the story's leads give, and when the events
   of its lead happen to other people than those of the story's leads (two
   players of one team arrested a month apart);
3. joins the best story at or above ``threshold`` or starts a new one.  Nothing
   else is recomputed: the centroid norm is updated in O(terms of the article).

Entity terms are language-neutral keys (:func:`entity_term`: Russian names in
the nominative, transliterated and spelling-folded), so a report in Russian
can join an English story on names and dates alone.

IDF comes from document frequencies counted as articles arrive; vectors are
weighted with the IDF of their arrival time, which is what makes the update
local (old vectors are never re-weighted).
"""

from __future__ import annotations

import math
import re
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any, Protocol

from dossier.analyze.timex.intervals import day_span
from dossier.model import STATEMENT, Event, Mention, normalise_text
from dossier.resolve.entities import fold_name

__all__ = [
    "MemoryStoryStore",
    "StoryConfig",
    "StoryIndex",
    "StoryState",
    "StoryStore",
    "article_terms",
    "content_words",
    "entity_term",
    "incident_words",
    "lead_dates",
    "lead_end",
    "lead_figures",
    "lead_people",
    "rough_entities",
    "time_key",
    "times_agree",
]

_WORD_RE = re.compile(r"[^\W_]+(?:[.,][0-9]+)?", re.UNICODE)
_CAP_RE = re.compile(r"\b([A-ZА-ЯЁ][\w'’\-]*(?:\s+(?:(?:of|de|del|la|the|и)\b|[A-ZА-ЯЁ][\w'’\-]*))*)")

_CONNECTORS = frozenset(["of", "de", "del", "la", "the", "и"])
_STOP = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "almost",
        "also",
        "although",
        "always",
        "am",
        "among",
        "an",
        "and",
        "another",
        "any",
        "are",
        "around",
        "as",
        "at",
        "away",
        "back",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "came",
        "can",
        "cannot",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "done",
        "down",
        "during",
        "each",
        "either",
        "else",
        "even",
        "ever",
        "every",
        "few",
        "for",
        "from",
        "further",
        "get",
        "gets",
        "got",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "however",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "last",
        "later",
        "least",
        "less",
        "like",
        "made",
        "make",
        "makes",
        "many",
        "may",
        "me",
        "might",
        "more",
        "most",
        "much",
        "must",
        "my",
        "myself",
        "near",
        "need",
        "never",
        "new",
        "next",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "often",
        "on",
        "once",
        "one",
        "only",
        "or",
        "other",
        "others",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "part",
        "people",
        "per",
        "put",
        "rather",
        "said",
        "same",
        "say",
        "says",
        "see",
        "seen",
        "several",
        "shall",
        "she",
        "should",
        "since",
        "so",
        "some",
        "still",
        "such",
        "take",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "though",
        "three",
        "through",
        "thus",
        "time",
        "to",
        "told",
        "too",
        "took",
        "two",
        "under",
        "until",
        "up",
        "upon",
        "us",
        "use",
        "used",
        "very",
        "via",
        "was",
        "we",
        "well",
        "were",
        "what",
        "when",
        "where",
        "whether",
        "which",
        "while",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "year",
        "years",
        "yet",
        "you",
        "your",
        "yours",
        "week",
        "weeks",
        "day",
        "days",
        "today",
        "yesterday",
        "tomorrow",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mr",
        "mrs",
        "ms",
        "according",
        "report",
        "reported",
        "reports",
        "news",
        "also",
        "и",
        "в",
        "во",
        "не",
        "что",
        "он",
        "на",
        "я",
        "с",
        "со",
        "как",
        "а",
        "то",
        "все",
        "она",
        "так",
        "его",
        "но",
        "да",
        "ты",
        "к",
        "у",
        "же",
        "вы",
        "за",
        "бы",
        "по",
        "только",
        "ее",
        "мне",
        "было",
        "вот",
        "от",
        "меня",
        "еще",
        "нет",
        "о",
        "из",
        "ему",
        "теперь",
        "когда",
        "даже",
        "ну",
        "вдруг",
        "ли",
        "если",
        "уже",
        "или",
        "ни",
        "быть",
        "был",
        "него",
        "до",
        "вас",
        "нибудь",
        "опять",
        "уж",
        "вам",
        "ведь",
        "там",
        "потом",
        "себя",
        "ничего",
        "ей",
        "может",
        "они",
        "тут",
        "где",
        "есть",
        "надо",
        "ней",
        "для",
        "мы",
        "тебя",
        "их",
        "чем",
        "была",
        "сам",
        "чтоб",
        "без",
        "будто",
        "чего",
        "раз",
        "тоже",
        "себе",
        "под",
        "будет",
        "ж",
        "тогда",
        "кто",
        "этот",
        "того",
        "потому",
        "этого",
        "какой",
        "совсем",
        "ним",
        "здесь",
        "этом",
        "один",
        "почти",
        "мой",
        "тем",
        "чтобы",
        "нее",
        "сейчас",
        "были",
        "куда",
        "зачем",
        "всех",
        "никогда",
        "можно",
        "при",
        "наконец",
        "два",
        "об",
        "другой",
        "хоть",
        "после",
        "над",
        "больше",
        "тот",
        "через",
        "эти",
        "нас",
        "про",
        "всего",
        "них",
        "какая",
        "много",
        "разве",
        "три",
        "эту",
        "моя",
        "впрочем",
        "хорошо",
        "свою",
        "этой",
        "перед",
        "иногда",
        "лучше",
        "чуть",
        "том",
        "нельзя",
        "такой",
        "им",
        "более",
        "всегда",
        "конечно",
        "всю",
        "между",
        "это",
        "также",
        "заявил",
        "сообщил",
        "сообщает",
        "году",
        "года",
    ]
)
_ENTITY_STOP = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "For",
        "By",
        "From",
        "To",
        "Of",
        "And",
        "But",
        "If",
        "As",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "This",
        "That",
        "These",
        "Those",
        "His",
        "Her",
        "Their",
        "Its",
        "Our",
        "When",
        "Where",
        "While",
        "After",
        "Before",
        "During",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "В",
        "На",
        "По",
        "С",
        "И",
        "Но",
        "Это",
    ]
)


def _stem(word: str) -> str:
    """Very light stemming: enough to merge ``quake``/``quakes``, ``killed``/``killing``."""
    if word[0].isdigit():
        return word
    if "а" <= word[0] <= "я" or word[0] == "ё":
        return _ru_short_stem(word)[:6]
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


#: Case and number endings a short Russian word loses (longest first), so that «шахте», «шахты» and
#: «шахтах» meet: a word longer than six letters is cut to six, which drops them anyway.
_RU_SHORT_ENDINGS = ("ами", "ями", "ах", "ях", "ам", "ям", "ой", "ей", "ом", "ем", "ов", "ев", "ая", "ое", "ые",
                     "ий", "ый", "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й")  # fmt: skip


def _ru_short_stem(word: str) -> str:
    """A Russian word of six letters or fewer without its case ending (at least three letters stay)."""
    if len(word) > 6:
        return word
    for ending in _RU_SHORT_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def rough_entities(text: str) -> list[str]:
    """Capitalised word sequences that do not start a sentence: a stand-in for NER.

    Used when the caller has no entity mentions (the ECB+ evaluation, tests);
    the pipeline passes the canonical entity names of its NER stage instead.
    """
    out: list[str] = []
    for m in _CAP_RE.finditer(text):
        start = m.start()
        before = text[max(0, start - 2) : start]
        name = m.group(1).strip()
        words = name.split()
        while words and words[0] in _ENTITY_STOP:
            words = words[1:]
        while words and words[-1] in _CONNECTORS:
            words = words[:-1]
        if not words:
            continue
        sentence_start = start == 0 or before.strip() in {".", "!", "?", '"', "''", "``"}
        if sentence_start and len(words) == 1 and m.group(1).split()[0] == words[0]:
            continue  # a lone capitalised word that starts a sentence is usually not a name
        out.append(" ".join(words))
    return out


_CYRILLIC_RE = re.compile(r"[а-яё]", re.IGNORECASE)
_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
_PERSON_TAGS = frozenset({"Name", "Surn", "Patr"})
# Case endings of Russian nouns and surnames, longest first: a name the dictionary does not know
# (most surnames) is cut back to its stem so that Хренина/Хренину/Хрениным all give Хренин.
_RU_ENDINGS = ("ыми", "ими", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем", "ой", "ей", "ую", "а", "у", "е", "ы")


def _morph() -> Any:
    """The shared pymorphy dictionary (:func:`dossier.analyze.nlp.morph_vocab`), loaded on the
    first Cyrillic name, or None."""
    try:
        from dossier.analyze.nlp import morph_vocab

        return morph_vocab()
    except ImportError:  # pragma: no cover - natasha is a core dependency
        return None


def _trim_case_ending(low: str) -> str:
    """A Russian word less its case ending (``хренина`` → ``хренин``), without a dictionary."""
    if len(low) >= 5:
        for ending in _RU_ENDINGS:
            if low.endswith(ending):
                return low[: -len(ending)]
    return low


def light_name_key(name: str) -> str:
    """:func:`entity_term` without the morphological dictionary: Cyrillic words lose a case
    ending instead of being put in the nominative.  For readers of the store (contradictions,
    exports), which must not load natasha to compare two names."""
    if _CYRILLIC_RE.search(name):
        name = " ".join(_trim_case_ending(w.lower()) if _CYRILLIC_RE.search(w) else w for w in name.split())
    return fold_name(name) or normalise_text(name)


@lru_cache(maxsize=65536)
def _russian_name_word(word: str) -> str:
    """Nominative form of one word of a Russian name.

    The dictionary's lemma is trusted when it parses the word as a name, place
    or organisation (Путиным → путин, Минске → минск); a word it does not know
    as a name loses a case ending instead, since its guesses for unknown
    surnames are common nouns (Хренина → хренина, "a feminine noun").
    """
    low = word.lower()
    morph = _morph()
    if morph is not None:
        names = [p for p in morph.parse(low) if _NAME_TAGS & set(p.tag.grammemes)]
        # One person's name is singular: a plural patronymic or surname reading of a town
        # (Барановичами: "the Baranoviches") loses to its place reading (Барановичи).
        one = [p for p in names if not ("plur" in p.tag.grammemes and _PERSON_TAGS & set(p.tag.grammemes))]
        if one or names:
            return str((one or names)[0].normal_form)
    return _trim_case_ending(low)


#: Nouns of administrative units, English and Russian (stems: область/области/районе...).  A
#: region named after its town is written "Gomel region" in English and "Гомельская область"
#: (an adjective) in Russian: both are keyed as the town (:func:`_admin_unit`).
_ADMIN_EN = frozenset({"region", "oblast", "district", "raion", "rayon", "province", "governorate", "krai"})
_ADMIN_RU = ("област", "район", "округ", "края", "крае", "краю", "край")
#: English words before a unit noun that are not a town ("Central District", "Northern Region").
_ADMIN_EN_NOT_TOWN = frozenset(
    {"central", "northern", "southern", "eastern", "western", "north", "south", "east", "west", "capital", "federal"}
)
#: Adjectival endings of a Russian place adjective after its ``-ск-`` (гомельская, петриковском).
_RU_ADJ_RE = re.compile(r"^([а-яё]{3,}ск)(?:ая|ий|ой|ое|ие|ого|ому|ом|ую|их|им|ими|ых|ым|ыми)$")


def _admin_unit(name: str) -> str | None:
    """The town a region is named after (``Gomel region``, ``Гомельской области`` → its town), or None.

    Why: an English report says *Gomel region* and a Russian one *Гомельская область*; keyed
    as written they share nothing, keyed as the town both give ``gomel``.  The Russian
    adjective loses its ending and, when the dictionary knows the shorter word as a place, its
    ``-ск`` too (гомельская → Гомель, but минская → Минск, витебская → Витебск); an unknown
    town (петриковский → Петриков) loses it when at least four letters remain.
    """
    words = name.split()
    if len(words) != 2:
        return None
    head, unit = words[0], words[1].lower()
    if _CYRILLIC_RE.search(unit):
        if not unit.startswith(_ADMIN_RU):
            return None
        m = _RU_ADJ_RE.match(head.lower())
        if m is None:
            return None
        with_sk = m.group(1)
        bare = with_sk[:-2]
        for town in (bare, bare[:-2] + "о"):  # гомельская → Гомель, гродненская → Гродно
            if _is_place(town):
                return town
        if unit.startswith("район") and _names_a_non_place(bare):
            return None  # советский, ленинский, октябрьский район: named after a word or a person, not a town
        if _is_place(with_sk) or len(bare) < 4:
            return with_sk
        return bare
    return head if unit in _ADMIN_EN and head.lower() not in _ADMIN_EN_NOT_TOWN else None


def _is_place(word: str) -> bool:
    """Whether the dictionary knows ``word`` as the nominative of a place name.

    Only a word the dictionary holds: pymorphy guesses a place for unknown words by their
    ending (``сово``, ``жуко``), which would key "Советский район" as a made-up town.
    """
    morph = _morph()
    if morph is None:
        return False
    word = word.replace("ё", "е")
    return any(
        "Geox" in p.tag.grammemes and p.is_known and p.normal_form.replace("ё", "е") == word for p in morph.parse(word)
    )


def _names_a_non_place(stem: str) -> bool:
    """Whether the dictionary knows ``stem`` (four letters or more) as a noun that is no place: a
    common noun (совет, октябрь) or a person's surname (Ленин), which a city district is named after.

    Why: "Ленинский район" is no district of a town Ленинск; keyed as one it would tie a district
    of one city to another city's news.  Short stems (пин-ский, лид-ский) are left alone: the
    dictionary knows too many three-letter nouns.
    """
    morph = _morph()
    if morph is None or len(stem) < 4:
        return False
    nouns = [p for p in morph.parse(stem) if p.is_known and p.tag.POS == "NOUN" and p.normal_form == stem]
    return bool(nouns) and not any("Geox" in p.tag.grammemes for p in nouns)


@lru_cache(maxsize=65536)
def entity_term(name: str) -> str:
    """Language-neutral key of an entity name, without its ``e:`` prefix.

    Why: a Russian report of an English story shares no words with it, only
    names, and writes them in Cyrillic and inflected (``Хренина`` for
    *Khrenin*).  Cyrillic words are put in the nominative, then every name is
    transliterated and spelling-folded (:func:`dossier.resolve.entities.fold_name`),
    so both give ``hrenin``.  Scripts the folding does not cover keep their
    normalised text.  A region named after its town is keyed as the town (:func:`_admin_unit`).
    """
    name = _admin_unit(name) or name
    if _CYRILLIC_RE.search(name):
        name = " ".join(_russian_name_word(w) if _CYRILLIC_RE.search(w) else w for w in name.split())
    return fold_name(name) or normalise_text(name)


def _neutral(terms: Sequence[str]) -> list[str]:
    """The language-neutral terms (canonical entities, dates) of a ranked term list."""
    return [t for t in terms if t[:2] in ("e:", "d:")]


def _country_twin(term: str) -> str:
    """``c:belarus`` for ``e:belarus`` and back: a country named and a country implied by an adjective."""
    return ("c:" if term.startswith("e:") else "e:") + term[2:]


def _key_without_final_vowels(term: str) -> str:
    """An entity term less the final vowels of each word (``e:korvala``, ``e:korvale`` → ``e:korval``).

    Why: a place or surname the Russian dictionary does not know keeps its case ending in its key
    (*в Корвале* gives ``korvale``, *Korvala* in English ``korvala``), so a Russian report of an
    English story missed the town it happened in.  Used only by the test of a report in another
    script (:meth:`StoryIndex.cross_language_match`), where a day and two names must also agree.
    """
    return " ".join(w.rstrip("aeiouy") or w for w in term.split(" "))


def _gap_days(published: datetime | None, story: StoryState) -> float | None:
    """Days between a publication time and a story's window (0 inside it; ``None`` when undated)."""
    if published is None or story.first_published is None or story.last_published is None:
        return None
    if story.first_published <= published <= story.last_published:
        return 0.0
    return min(
        abs((published - story.first_published).total_seconds()),
        abs((published - story.last_published).total_seconds()),
    ) / 86400.0


def _cyrillic_share(terms: Iterable[str]) -> float | None:
    """The share of ``w:`` word terms written in Cyrillic (``None`` without words)."""
    words = [t for t in terms if t.startswith("w:")]
    if not words:
        return None
    return sum(1 for t in words if _CYRILLIC_RE.search(t)) / len(words)


def _other_script(a: Iterable[str], b: Iterable[str]) -> bool:
    """Whether two term sets are mostly written in different scripts (Cyrillic against the rest)."""
    x, y = _cyrillic_share(a), _cyrillic_share(b)
    return x is not None and y is not None and (x > 0.5) != (y > 0.5)


#: What :func:`content_words` makes of each word it has seen: its stem, or None for a word it drops.
_CONTENT_WORD: dict[str, str | None] = {}
#: Words remembered at most (a news vocabulary is far smaller; a flood of junk tokens only refills it).
_CONTENT_WORD_MAX = 200_000
_UNSEEN: Any = object()


def content_words(text: str) -> list[str]:
    """The text's words less stop words and short words, lightly stemmed, in order (numbers kept).

    Each distinct word is judged and stemmed once per process, then looked up: the writer's
    cross-article pass asks for the content words of every article twice (the copy index's
    rewrite signature and the story terms), and news repeats its vocabulary.
    """
    memo = _CONTENT_WORD
    out: list[str] = []
    for word in _WORD_RE.findall(normalise_text(text)):
        kept = memo.get(word, _UNSEEN)
        if kept is _UNSEEN:
            kept = _stem(word) if word not in _STOP and (len(word) >= 3 or word[0].isdigit()) else None
            if len(memo) >= _CONTENT_WORD_MAX:
                memo.clear()
            memo[word] = kept
        if kept is not None:
            out.append(kept)
    return out


_SCORE_RE = re.compile(r"(?<![\d\-–])(?<!\d[.,])(\d{1,3})\s*[-–]\s*(\d{1,3})(?![\d\-–]|[.,]\d)")
_FIGURE_RE = re.compile(
    r"(?<![\d.,\-–])(\d+(?:[.,]\d+)*)\s*-?\s*(?:(million|billion|trillion|thousand|bn|mln)\s+)?([^\W\d_]{2,})"
)
_YEAR_RE = re.compile(r"(?:1[89]|20)\d\d")
FIGURE_PREFIX = "x:"  # figure keys kept in a story's centroid with weight 0 (see ``StoryIndex._absorb``)


def lead_figures(text: str, words: int = 80) -> frozenset[str]:
    """Figures of the article's lead: ``score=58-3`` and ``<unit>=<number>`` (``knockout=51``).

    Why: two developments of one kind (two title defences of one boxer, two
    games of one team) share their names and vocabulary, but their leads give
    different results: a 58-3 record against 52-3, a 20-13 win against 31-24.
    Only the lead (its first ``words`` words) is read: the body of a report
    lists history and statistics that differ between reports of one event.
    A unit is the word after the number (after a scale word such as
    *million*, which goes with the number: ``connection=3.3 million``),
    lightly stemmed, unless it is a stop word; a year (a four-digit number
    from 1800 to 2099) is not a figure.
    """
    if words <= 0:
        return frozenset()
    lead = normalise_text(" ".join(text.split()[:words]))
    out = {f"score={a}-{b}" for a, b in _SCORE_RE.findall(lead)}
    for number, scale, word in _FIGURE_RE.findall(lead):
        if _YEAR_RE.fullmatch(number) and not scale:
            continue
        unit = word if len(word) >= 3 and word not in _STOP else scale
        if unit:
            out.add(f"{_stem(unit)}={number}{' ' + scale if scale and unit != scale else ''}")
    return frozenset(out)


def _contrasts(figures: Iterable[str], story_figures: Iterable[str]) -> int:
    """How many kinds of figure (``score``, each unit) both sides give, with no value in common."""
    mine: dict[str, set[str]] = {}
    for f in figures:
        kind, _, value = f.partition("=")
        mine.setdefault(kind, set()).add(value)
    theirs: dict[str, set[str]] = {}
    for f in story_figures:
        kind, _, value = f.partition("=")
        if kind in mine:
            theirs.setdefault(kind, set()).add(value)
    return sum(1 for kind, values in theirs.items() if not values & mine[kind])


#: Countries of the article's demonyms and country adjectives (``c:belarus`` for *Belarusian*,
#: *белорусский*) that its names do not give.  The word score leaves them out: within one language
#: "German and Italian figures" tie a currency report to a summit (BBC check).  Only the test of a
#: report in another script counts them, as the country's name, since there the adjective of one
#: report is often the only trace of a name the other gives ("Belarusian Foreign Minister" /
#: "министр иностранных дел Беларуси").
COUNTRY_PREFIX = "c:"
TIME_PREFIX = "t:"  # lead dates kept in a story's centroid with weight 0, like the figures
PEOPLE_PREFIX = "p:"  # people of the lead's events (``KIND=surname``), weight 0 like the figures
NAMES_PREFIX = "n:"  # people the lead names (surname keys, see ``lead_names``), weight 0 like the figures
OUTLET_PREFIX = "o:"  # the outlets of a story's articles, weight 0 like the figures
INCIDENT_PREFIX = "i:"  # words of the incidents its leads report (``incident_words``), weight 0
# weight-0 centroid terms that pruning keeps
_MARK_PREFIXES = (FIGURE_PREFIX, TIME_PREFIX, PEOPLE_PREFIX, NAMES_PREFIX, OUTLET_PREFIX, INCIDENT_PREFIX)
# A calendar value of the lead, clock and part of day dropped: a year, a month, a day (the year may
# be unknown for a day: "Dec. 11" in an undated text), a week or a quarter, half-year or season.
_TIME_KEY_RE = re.compile(
    r"\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2}(?:-[1-7])?|-(?:Q[1-4]|H[12]|SP|SU|FA|AU|WI))?|XXXX-\d{2}-\d{2}"
)


def time_key(value: str) -> str | None:
    """The part of a TIMEX3 value that says *when* for :func:`lead_dates`, or ``None``.

    Clock times and parts of day are cut (``2012-07-07T16:00`` → ``2012-07-07``): reports of one
    development give its day, not the same minute.  Values that place nothing on the calendar are
    dropped: durations, ``PRESENT_REF``, and shapes still relative to an unknown publication date
    (``XXXX-XX-XX`` for "yesterday", ``XXXX`` for "this year").  A day whose year alone is unknown
    (``XXXX-12-11``) is kept, its month and day can still disagree; so is a weekday of an unknown
    week (``XXXX-WXX-3``, "on Wednesday" in an undated text), which an explicit date can
    contradict (see :func:`times_agree`).
    """
    key = value.split("T", 1)[0].strip()
    return key if _TIME_KEY_RE.fullmatch(key) or _WEEKDAY_RE.fullmatch(key) else None


_WEEKDAY_RE = re.compile(r"XXXX-WXX-[1-7]")
# A dated lead often gives the dateline, the day of writing, which can be the day after the event
# its text names by weekday ("Posted Sunday, July 8 ... stopped Thompson on Saturday").
_DATELINE_LAG_DAYS = 1


def _weekday_agrees(weekday: str, other: str) -> bool:
    """Whether a weekday of an unknown week (``XXXX-WXX-6``) can be the day ``other`` names.

    Only a day of a known year can say no: it must fall on that weekday or up to
    ``_DATELINE_LAG_DAYS`` after it.  Two weekdays always agree: reports of one development name
    different days (the arrest on Sunday, the charge on Tuesday) and their weeks are unknown.
    """
    if _WEEKDAY_RE.fullmatch(other) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", other):
        return True
    try:
        day = date.fromisoformat(other).isoweekday()
    except ValueError:
        return True
    wanted = int(weekday[-1])
    return any((day - lag - wanted) % 7 == 0 for lag in range(_DATELINE_LAG_DAYS + 1))


def lead_end(text: str, words: int) -> int:
    """Character offset where the first ``words`` words of ``text`` end (0 when ``words`` <= 0)."""
    if words <= 0:
        return 0
    end = 0
    for n, m in enumerate(re.finditer(r"\S+", text)):
        if n == words:
            break
        end = m.end()
    return end


def lead_dates(text: str, words: int = 60, published: datetime | None = None) -> frozenset[str]:
    """Calendar keys (:func:`time_key`) of the temporal expressions in the first ``words`` words.

    Why the lead: it says when the development happened ("stopped Thompson on Saturday",
    a dateline "April 28, 2009"); the body also recalls earlier events and their years.  The
    lead is tagged with Dossier's TIMEX tagger, anchored on ``published`` when the article has
    a date, so "on Tuesday" becomes a day; without one only explicit dates count.  Used when
    the caller has no TIMEX analysis (the pipeline passes its own values, see
    :meth:`StoryIndex.add`).
    """
    end = lead_end(text, words)
    if end <= 0:
        return frozenset()
    from dossier.analyze.timex import tag_times

    lead = text[:end]
    language = "ru" if len(_CYRILLIC_RE.findall(lead)) * 4 > len(lead) else "en"
    times = tag_times(lead, language=language, anchor=published.date() if published is not None else None)
    return frozenset(k for t in times if t.timex_type in ("DATE", "TIME") and (k := time_key(t.value)))


def _day_range(key: str, year: int) -> tuple[date, date] | None:
    """First and last day of a :func:`time_key`, a year-less one put in ``year``."""
    return day_span(f"{year:04d}{key[4:]}" if key.startswith("XXXX") else key)


@lru_cache(maxsize=65536)
def times_agree(a: str, b: str, slack_days: float = 0.0) -> bool:
    """Whether two :func:`time_key` values can be the time of one development.

    They agree when the days they denote overlap once each is widened by ``slack_days`` (a month
    holds its days, a year its months; reports of one development date it a day or two apart).
    A year-less day takes the other side's year, or the year before or after (a December day
    against a January date), and two year-less days compare month and day.  A weekday of an
    unknown week agrees with a dated day only when it is that day's weekday or the one before
    (:func:`_weekday_agrees`), whatever the slack: a weekday is as precise as a day.
    """
    if _WEEKDAY_RE.fullmatch(a):
        return _weekday_agrees(a, b)
    if _WEEKDAY_RE.fullmatch(b):
        return _weekday_agrees(b, a)
    ya = int(a[:4]) if a[:4].isdigit() else None
    yb = int(b[:4]) if b[:4].isdigit() else None
    if ya is not None and yb is not None:
        pairs = [(ya, yb)]
    elif ya is not None:
        pairs = [(ya, y) for y in (ya - 1, ya, ya + 1)]
    elif yb is not None:
        pairs = [(y, yb) for y in (yb - 1, yb, yb + 1)]
    else:  # two year-less days: month and day, across a new year too
        pairs = [(2000, y) for y in (1999, 2000, 2001)]
    slack = timedelta(days=slack_days)
    for y1, y2 in pairs:
        ra, rb = _day_range(a, y1), _day_range(b, y2)
        if ra is None or rb is None:
            return True  # a value this module cannot place contradicts nothing
        if ra[0] - slack <= rb[1] and rb[0] - slack <= ra[1]:
            return True
    return False


def _time_contrast(times: Iterable[str], story_times: Iterable[str], slack_days: float) -> bool:
    """Whether both sides give lead dates and none of the article's agrees with any of the story's."""
    theirs = list(story_times)
    mine = list(times)
    if not theirs or not mine:
        return False
    return not any(times_agree(a, b, slack_days) for a in mine for b in theirs)


_PROPER_RE = re.compile(r"[^\W_]+", re.UNICODE)


def incident_words(sentence: str) -> frozenset[str]:
    """The common nouns and other lower-case content words of a sentence reporting an incident.

    What an accident's updates share is the thing it happened to (*шахта*, *нефтебаза*, a
    reservoir, the miners), not the city: a city channel names its city in every post, so
    capitalised words after the first (names, towns) and adjectives of a known town (*омский*)
    are left out, and so are numbers (posts of one morning share figures by chance).  The
    caller leaves the event's trigger out of ``sentence``: two fires are not one fire.
    """
    kept: list[str] = []
    names: set[str] = set()
    for i, match in enumerate(_PROPER_RE.finditer(sentence)):
        word = match.group()
        if word[0].isdigit():
            continue
        if i > 0 and word[0].isupper():
            names.update(content_words(word.lower()))
            continue
        low = word.lower()
        adjective = _RU_ADJ_RE.match(low)
        if adjective and _is_place(adjective.group(1)):
            continue
        kept.extend(content_words(low))
    return frozenset(kept) - names  # "омском" beside "Омском": the town as an adjective


def _surname_key(name: str) -> str | None:
    """The last word of a name's language-neutral key (:func:`entity_term`): *Reggie Bush*, *Bush*
    and *Бушем* all give ``bush``, so a lead that names a person in full and a report that uses
    the surname meet."""
    key = entity_term(name)
    return key.rsplit(" ", 1)[-1] if key else None


#: Words that make a name a place or an institution whatever NER says, keyed by :func:`entity_term`
#: (so a Russian name folds alike).  A place word before the last word ("Aoraki Mount Cook", "Lake
#: Placid"; as the last word it is a surname: Ricki Lake), an institution word as the last word
#: ("Betty Ford Centre"), besides the generic heads of :data:`_GENERIC_HEADS` ("Defence Ministry").
_PLACE_WORDS = frozenset(entity_term(w) for w in ("mount", "mt", "lake", "fort", "port", "cape", "isle"))
_INSTITUTION_HEADS = frozenset(
    entity_term(w)
    for w in (
        "center", "centre", "institute", "foundation", "museum", "stadium", "arena", "club", "clinic",
        "hotel", "college", "academy", "island", "islands", "valley", "bay", "beach", "hall",
    )
)


def _personal_name(name: str) -> bool:
    """Whether an entity NER typed as a person can be one: no place word before its last word
    (:data:`_PLACE_WORDS`), and no institution word or generic head as its last word.

    Why: the lead-people contrast splits two reports whose lead events happen to different
    people; a "person" that is a rehab centre or a mountain splits reports of one development
    (one report has the star check into the clinic, the next names only the star).
    """
    words = [w for w in entity_term(name).split() if w]
    if not words:
        return False
    last = words[-1]
    return not (
        any(w in _PLACE_WORDS for w in words[:-1]) or (len(words) > 1 and last in _INSTITUTION_HEADS | _GENERIC_HEADS)
    )


def lead_people(
    events: Iterable[Event], mentions: Iterable[Mention], end: int, min_mentions: int = 2
) -> frozenset[str]:
    """``KIND=surname`` for each person taking part in an event of the article's lead (``start < end``).

    Why: two developments of one kind often share everything but the person they happened to:
    two players of one team arrested for drunk driving a month apart, two running backs of one
    team put on injured reserve, two climbers killed on one mountain.  Their words, team and
    place are the same; the lead's event names a different person.  A participant (actor or
    target, whatever role the parser gave it) counts when its surname key is that of a *person*
    the article's NER found and that key is named at least ``min_mentions`` times in the article
    (by mentions of any kind: a surname the tagger once typed otherwise still counts): a person
    named once is a source or a bystander, and the repetition also filters names NER took for a
    person by mistake.  Statements are left out: reports of one development quote different
    people.  Returns nothing without events or person mentions (the rough-entity path).
    """
    mentions = list(mentions)
    places = {_surname_key(m.entity) for m in mentions if m.kind == "place"}
    persons = {
        k
        for m in mentions
        if m.kind == "person" and _personal_name(m.entity) and (k := _surname_key(m.entity)) and k not in places
    }
    if not persons:
        return frozenset()
    counts = Counter(_surname_key(m.entity) for m in mentions)
    out: set[str] = set()
    for event in events:
        if event.start >= end or event.kind == STATEMENT:
            continue
        for name in (*event.actors, *event.targets):
            key = _surname_key(name)
            if key and key in persons and counts[key] >= min_mentions:
                out.add(f"{event.kind}={key}")
    return frozenset(out)


def lead_names(mentions: Iterable[Mention], end: int, min_mentions: int = 3) -> frozenset[str]:
    """Surname keys of the people the article's lead names (a mention starting before ``end``) and
    the article names at least ``min_mentions`` times.

    Why: two developments of one kind often share every name but one: the champion's two title
    defences against two challengers, two arrests of one team's players, two climbers lost on one
    mountain.  The event parser does not always make the other person a participant of the lead's
    event (``lead_people``), but the lead names him, and the article keeps naming him.  Three
    mentions, not two, because a name that is only the lead's subject and then the source of one
    quote (a coach, a spokesman) is not what the report is about.  The same filters as
    :func:`lead_people` keep out places and institutions NER typed as people.
    """
    mentions = list(mentions)
    places = {_surname_key(m.entity) for m in mentions if m.kind == "place"}
    counts = Counter(_surname_key(m.entity) for m in mentions)
    return frozenset(
        k
        for m in mentions
        if m.kind == "person"
        and m.start < end
        and _personal_name(m.entity)
        and (k := _surname_key(m.entity))
        and k not in places
        and counts[k] >= min_mentions
    )


def _names_contrast(names: Iterable[str], story_names: Iterable[str], story: dict[str, float]) -> bool:
    """Whether the lead names of article and story are two different sets of people.

    Both sides name people in their leads, none in common, and one of the article's is named
    nowhere in the story (no ``e:`` term of its centroid).  Why the last test: reports of one
    development lead with different people (the victim, then the police chief who names him),
    but a report's lead person is then named somewhere in the others.  The story's lead people
    may well appear in the article (a second arrest's report recalls the first, a title fight's
    report the challenger who withdrew), so that side is not asked: on the ECB+ dev topics
    asking it too kept half of the merges the contrast undoes (mean B³ 0.884 against 0.888).
    """
    mine = set(names)
    theirs = set(story_names)
    if not mine or not theirs or mine & theirs:
        return False
    # A surname of three letters or fewer (Li, Wu, Kim) gets no ``e:`` term of its own
    # (:func:`weighted_terms`), so its absence says nothing: only longer ones are looked up.
    return any(len(k) > 3 and "e:" + k not in story for k in mine)


#: Last words (keyed by :func:`entity_term`) that name a kind of body or place, not a bearer:
#: "Defence Ministry", "Labour Party", "Sovetskaya Street", "Министерство обороны".
_GENERIC_HEADS = frozenset(
    entity_term(w)
    for w in (
        "ministry", "department", "agency", "office", "service", "committee", "council", "commission",
        "party", "union", "company", "group", "bank", "court", "police", "army", "force", "forces", "navy",
        "guard", "university", "school", "hospital", "street", "road", "avenue", "square", "bridge", "river",
        "lake", "airport", "station", "region", "district", "province", "county", "city", "state", "states", "kingdom",
        "republic", "federation", "government", "administration",
    )
)


def _has_surname(name: str, last: str) -> bool:
    """Whether a multi-word name's last word stands for it alone, as a surname does.

    Why: *Victor Khrenin* is later *Khrenin*, but *Defence Ministry* is never *Ministry*
    and *Министерство обороны* never *обороны*; such a last word, shared by every ministry
    or street, would join unrelated reports and weigh down a report in another language that
    names the body differently.  A name with a lowercase word (a Russian body, "Treaty on
    the Non-Proliferation...") or ending in a generic head keeps its full key only.  A
    lowercase particle of a personal name is no such word: *Bashar al-Assad* is later *Assad*,
    *Mohammed bin Salman* *Salman* (:data:`_NAME_PARTICLES`).
    """
    if last.isdigit() or last in _GENERIC_HEADS:
        return False
    return all(w[:1].isupper() or not w[:1].isalpha() or _is_particle(w) for w in name.split())


#: Lowercase words inside personal names: Arabic articles and "son of", Dutch, German, French,
#: Italian, Spanish and Portuguese particles ("al-Assad", "bin Salman", "von der Leyen", "da Silva").
_NAME_PARTICLES = frozenset(
    {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "bin", "ibn", "bint", "ben", "abu", "von", "van", "der",
     "den", "ter", "zu", "de", "da", "di", "du", "del", "della", "dos", "das", "do", "la", "le", "y"}
)


def _is_particle(word: str) -> bool:
    """``al-Assad`` (a particle joined by a hyphen) or ``bin``/``von`` standing alone."""
    return word.split("-", 1)[0] in _NAME_PARTICLES


_ADJ_RE = re.compile(r"\b(?:[A-Z][a-z]+|[А-ЯЁа-яё][а-яё]{5,})\b")


def adjective_countries(text: str) -> list[str]:
    """The country of each demonym or country adjective in ``text`` (*Belarusian*, *белорусского*).

    Why: an English report says "the Belarusian foreign minister" where a Russian one says
    "министр иностранных дел Беларуси"; NER finds the country only in the second, so the two
    share nothing about where it happened.  Counting the adjective as its country gives both the
    same language-neutral key.  English demonyms are capitalised, Russian adjectives lowercase.
    """
    from dossier.analyze.lexicon import lexicon

    lex = lexicon()
    out = []
    for m in _ADJ_RE.finditer(text):
        word = m.group(0)
        if _CYRILLIC_RE.match(word):
            low = word.lower()
            country = next((c for stem, c in lex.ru_adj.items() if low.startswith(stem)), None)
        elif len(word) > 3:  # "Us" opening a sentence is no "US"
            country = lex.demonym.get(word.casefold())
        else:
            country = None
        if country:
            out.append(country)
    return out


def article_terms(
    text: str,
    entities: Iterable[str] = (),
    dates: Iterable[str] = (),
    entity_weight: float = 2.0,
    date_weight: float = 2.0,
    surname_weight: float = 1.0,
) -> Counter[str]:
    """Weighted term counts of an article: ``w:`` words, ``e:`` entities, ``d:`` dates.

    A multi-word name also counts its last word (times ``surname_weight``):
    reports name a person or firm in full once and then by surname
    (*Wladimir Klitschko*, then *Klitschko*), and a report in another language
    may only ever use the surname.
    """
    terms: Counter[str] = Counter("w:" + word for word in content_words(text))
    for name in entities:
        key = entity_term(name)
        if key:
            terms["e:" + key] += entity_weight
            words = key.rsplit(" ", 1)
            if surname_weight and len(words) == 2 and len(words[1]) > 3 and _has_surname(name, words[1]):
                terms["e:" + words[1]] += entity_weight * surname_weight
    for value in dates:
        if value and value[:1].isdigit():
            terms["d:" + value[:10]] += date_weight
    return terms


@dataclass(frozen=True, slots=True)
class StoryConfig:
    """Parameters of story clustering; ``threshold`` was tuned on odd ECB+ topics."""

    threshold: float = 0.12
    half_life_days: float = 4.0
    max_terms: int = 200  # terms kept per article vector
    index_terms: int = 25  # of which this many (highest weight) enter the inverted index
    query_terms: int = 20  # rarest terms used to find candidate stories
    postings_cap: int = 64  # most recent stories kept per term
    max_candidates: int = 30  # stories scored in full per add
    centroid_cap: int = 300  # terms kept per story centroid
    entity_weight: float = 2.0
    date_weight: float = 2.0
    idf_power: float = 2.0  # squared IDF: rare names and numbers separate same-kind stories
    # Reports of one development in two languages share no words, only canonical entities and
    # dates; an article also joins a story when those language-neutral terms alone agree this much.
    neutral_threshold: float = 0.5
    # A report in another script (Russian against English) also joins when it shares a day-precise
    # date and at least two names with the story and this much of its own entity and date weight
    # lies on terms the story has: cosine punishes the other side's many names, containment does not.
    cross_language_containment: float = 0.5
    cross_language_days: float = 3.0  # ... and is published at most this many days from the story's window
    # A demonym or country adjective counts as its country (see ``adjective_countries``).
    adjective_countries: int = 1
    neutral_terms: int = 10  # entity/date terms always indexed and queried, beside the top terms
    surname_weight: float = 1.0  # a multi-word name's last word also counts, this much of entity_weight
    # Evidence breadth: the article's this-many strongest shared terms (usually one name, as entity
    # and as word) are left out of the score, so that one recurring name (a topic) is not enough.
    skip_top_shared: int = 2
    # A story older than ``span_days`` (from its first article) asks for stronger evidence: the
    # score halves every ``span_half_life_days`` beyond that, on top of the gap decay.
    span_days: float = 7.0
    span_half_life_days: float = 7.0
    # Contrasting figures: the score is multiplied by ``contrast_factor`` for each kind of figure
    # (a result like 58-3, or a number with its unit) that the article's lead (``lead_words``) and
    # the story's leads both give without a value in common; a story keeps at most ``figures_cap``
    # figures.  Off by default (``lead_words=0``; 80 turns it on): it lifted the ECB+ dev topics
    # (B³ 0.854 -> 0.881) and the BBC business check (0.847 -> 0.873), but the held-out ECB+ topics,
    # scored once at the end, fell (0.872 -> 0.858 with Dossier's own entities): news that updates
    # a figure between reports of one development is split by it.  See docs/cross-article.md.
    lead_words: int = 0
    contrast_factor: float = 0.6
    figures_cap: int = 64
    # Contrasting times: the dates the article's lead gives (``time_lead_words`` words, see
    # ``lead_dates``) against those of the story's leads.  When both give some and none agree
    # (``times_agree``: overlapping days, each widened by ``time_slack_days``; a weekday of an
    # unknown week only against a dated day) the score is multiplied by ``time_contrast_factor``:
    # two developments of one kind differ in *when*.  A story keeps at most ``times_cap`` lead
    # dates; ``time_lead_words=0`` turns it off.  On the ECB+ dev topics (both halves, rough
    # entities and Dossier's NER + TIMEX) B³ 0.854 -> 0.873 and 0.847 -> 0.877; the lead lengths
    # 20-30 and factors 0.3-0.4 help every half, longer leads or milder factors leave half B as it
    # was.  See docs/cross-article.md.
    time_lead_words: int = 30
    time_contrast_factor: float = 0.4
    time_slack_days: float = 62.0
    times_cap: int = 32
    # Contrasting people: the people of the events in the article's lead (``people_lead_words``
    # words, see ``lead_people``; the caller passes them, as only the pipeline knows events and
    # persons) against those of the story's leads.  When both name people for one event kind and
    # none in common, the score is multiplied by ``people_contrast_factor`` (once, however many
    # kinds): the same kind of development happening to someone else is another development.
    # A story keeps at most ``people_cap`` of them.  ECB+ dev topics, Dossier's NER + TIMEX, six
    # stream orders: mean B³ 0.865 -> 0.874 (see docs/cross-article.md).
    people_lead_words: int = 20
    people_contrast_factor: float = 0.4
    people_min_mentions: int = 2
    people_cap: int = 32
    # Contrasting lead names: the people the article's lead names (``names_lead_words`` words,
    # named ``names_min_mentions`` times in the article, see ``lead_names``) against those of the
    # story's leads.  When the two sets have none in common and the story names nowhere one of the
    # article's (``_names_contrast``), the score is multiplied by ``names_contrast_factor``:
    # a title defence against another challenger, an accident to another climber.  A story keeps
    # at most ``names_cap`` of them.  ECB+ dev topics, Dossier's NER + TIMEX, six stream orders:
    # mean B³ 0.878 -> 0.888, half A 0.888 -> 0.888, half B 0.864 -> 0.886 (docs/cross-article.md).
    names_lead_words: int = 30
    names_contrast_factor: float = 0.4
    names_min_mentions: int = 3
    names_cap: int = 32
    # Short posts of one channel on one incident: a post of at most ``short_post_words`` words
    # that reaches no story joins a story of the same outlet whose leads reported an incident
    # (the analysis found a DISASTER-family event; the caller passes its sentence) when the
    # story's last article is at most ``short_post_hours`` old and the post shares a word of that
    # incident sentence (``incident_words``: the mine, the depot, the miners; never a town or a
    # number).  0 turns it off.  Word cosine cannot do it: the updates of one accident share one
    # or two words, as unrelated posts of one channel do (docs/cross-article.md).
    short_post_words: int = 60
    short_post_hours: float = 24.0
    incident_cap: int = 48


@dataclass(slots=True)
class StoryState:
    """One row of ``stories`` plus its ``story_terms``."""

    story_id: str
    centroid: dict[str, float] = field(default_factory=dict)
    sqnorm: float = 0.0
    n_articles: int = 0
    first_published: datetime | None = None
    last_published: datetime | None = None


class StoryStore(Protocol):
    """Persistence of the story index; each call touches a bounded set of rows."""

    def doc_count(self) -> int: ...
    def dfs(self, terms: Sequence[str]) -> dict[str, int]: ...
    def add_df(self, terms: Iterable[str]) -> None: ...
    def postings(self, term: str, limit: int) -> list[str]: ...
    def add_postings(self, story_id: str, terms: Iterable[str], cap: int) -> None: ...
    def get_story(self, story_id: str) -> StoryState | None: ...
    def put_story(self, story: StoryState) -> None: ...
    def new_story_id(self) -> str: ...
    def set_story(self, article_id: str, story_id: str) -> None: ...
    def story_of(self, article_id: str) -> str | None: ...
    def members(self, story_id: str) -> list[str]: ...


class MemoryStoryStore:
    """In-memory :class:`StoryStore` (tests, benchmarks, single runs)."""

    def __init__(self) -> None:
        self._n = 0
        self._df: dict[str, int] = {}
        self._postings: dict[str, OrderedDict[str, None]] = {}
        self._stories: dict[str, StoryState] = {}
        self._article_story: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}
        self._next = 0

    def doc_count(self) -> int:
        return self._n

    def dfs(self, terms: Sequence[str]) -> dict[str, int]:
        get = self._df.get
        return {t: get(t, 0) for t in terms}

    def add_df(self, terms: Iterable[str]) -> None:
        self._n += 1
        df = self._df
        for t in terms:
            df[t] = df.get(t, 0) + 1

    def postings(self, term: str, limit: int) -> list[str]:
        plist = self._postings.get(term)
        if not plist:
            return []
        keys = list(plist.keys()) if len(plist) <= limit else list(plist.keys())[-limit:]
        return keys

    def add_postings(self, story_id: str, terms: Iterable[str], cap: int) -> None:
        for t in terms:
            plist = self._postings.get(t)
            if plist is None:
                plist = self._postings[t] = OrderedDict()
            if story_id in plist:
                plist.move_to_end(story_id)
            else:
                plist[story_id] = None
                if len(plist) > cap:
                    plist.popitem(last=False)

    def get_story(self, story_id: str) -> StoryState | None:
        return self._stories.get(story_id)

    def put_story(self, story: StoryState) -> None:
        self._stories[story.story_id] = story

    def new_story_id(self) -> str:
        self._next += 1
        return f"s{self._next}"

    def set_story(self, article_id: str, story_id: str) -> None:
        self._article_story[article_id] = story_id
        self._members.setdefault(story_id, []).append(article_id)

    def story_of(self, article_id: str) -> str | None:
        return self._article_story.get(article_id)

    def members(self, story_id: str) -> list[str]:
        return list(self._members.get(story_id, ()))

    def stories(self) -> dict[str, list[str]]:
        return {k: list(v) for k, v in self._members.items()}


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


class StoryIndex:
    """Assigns each added article to a story; see the module docstring."""

    def __init__(self, store: StoryStore | None = None, config: StoryConfig | None = None) -> None:
        self.config = config or StoryConfig()
        self.store: StoryStore = store if store is not None else MemoryStoryStore()

    def vector(self, terms: Counter[str]) -> dict[str, float]:
        """L2-normalised TF-IDF vector of ``terms`` with the current document frequencies."""
        store = self.store
        n = store.doc_count()
        dfs = store.dfs(list(terms))
        power = self.config.idf_power
        weights = {t: (1.0 + math.log(c)) * (math.log((n + 1) / (dfs[t] + 1)) + 1.0) ** power for t, c in terms.items()}
        if len(weights) > self.config.max_terms:
            weights = dict(sorted(weights.items(), key=lambda kv: -kv[1])[: self.config.max_terms])
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}

    def _decay(self, published: datetime | None, story: StoryState) -> float:
        """Time evidence: 1.0 unless both sides have dates and they lie apart.

        Two factors.  The *gap* to the story's time window halves the score
        every ``half_life_days``.  The *span*: a story whose first article is
        more than ``span_days`` away keeps halving every
        ``span_half_life_days``, even when articles kept arriving in between,
        so that a run of related reports over weeks (a topic) does not chain
        into one story; only strong evidence joins across such a span.
        """
        cfg = self.config
        if published is None or story.last_published is None or story.first_published is None:
            return 1.0
        factor = 1.0
        if not story.first_published <= published <= story.last_published:
            gap = min(
                abs((published - story.last_published).total_seconds()),
                abs((published - story.first_published).total_seconds()),
            )
            factor = 0.5 ** (gap / 86400.0 / cfg.half_life_days)
        span = (
            max(
                abs((published - story.first_published).total_seconds()),
                abs((published - story.last_published).total_seconds()),
            )
            / 86400.0
        )
        if span > cfg.span_days:
            factor *= 0.5 ** ((span - cfg.span_days) / cfg.span_half_life_days)
        return factor

    def candidates(self, vec: dict[str, float]) -> list[str]:
        """Stories listed under the article's rarest (highest-IDF) known terms.

        At most ``max_candidates`` of them, those sharing the most of these
        terms, are scored in full: the cost of an add is bounded by
        ``query_terms * postings_cap`` postings plus ``max_candidates`` dot
        products, whatever the number of stored articles.
        """
        store = self.store
        dfs = store.dfs(list(vec))
        ranked = sorted((t for t in vec if dfs[t] > 0), key=lambda t: dfs[t])
        known = ranked[: self.config.query_terms] + _neutral(ranked)[: self.config.neutral_terms]
        hits: Counter[str] = Counter()
        many = getattr(store, "postings_many", None)  # a store may read all terms' postings at once
        lists = many(known, self.config.postings_cap) if many else {}
        for t in known:
            hits.update(lists[t] if many else store.postings(t, self.config.postings_cap))
        return [story for story, _ in hits.most_common(self.config.max_candidates)]

    def score(
        self,
        vec: dict[str, float],
        story: StoryState,
        published: datetime | None,
        figures: frozenset[str] = frozenset(),
        times: frozenset[str] = frozenset(),
        people: frozenset[str] = frozenset(),
        names: frozenset[str] = frozenset(),
    ) -> float:
        """Cosine to the story centroid, less the ``skip_top_shared`` largest shared terms, times time decay.

        ``figures`` are the article's :func:`lead_figures`; each kind of figure
        that the story's leads also give, with no value in common, multiplies
        the score by ``contrast_factor`` (two title fights of one boxer share
        every name but not the record).  ``times`` are the article's
        :func:`lead_dates`; when the story's leads also give dates and none
        agrees with them, the score is multiplied by ``time_contrast_factor``
        (two patches of one browser, five years apart).  ``people`` are the
        article's :func:`lead_people`; an event kind whose people the story's
        leads name too, with none in common, multiplies it by
        ``people_contrast_factor`` (two players of one team arrested).  ``names``
        are the article's :func:`lead_names`; see :meth:`contrast`.

        Why leave the strongest shared terms out: articles about one company or
        person share its name with every story about it (``BMW`` joins a recall
        to a sales record and a plant deal), while reports of one development
        also share what happened — other names, figures, event words.  Counting
        only the evidence beyond the strongest name (an entity term and its
        word term) lets the second kind through and stops the first.
        """
        if story.sqnorm <= 0:
            return 0.0
        cen = story.centroid
        parts = [w * cen[t] for t, w in vec.items() if t in cen and not t.startswith(COUNTRY_PREFIX)]
        dot = sum(parts)
        skip = self.config.skip_top_shared
        if skip:
            dot -= sum(sorted(parts, reverse=True)[:skip])
        score = dot / math.sqrt(story.sqnorm) * self._decay(published, story)
        return score * self.contrast(story, figures, times, people, names) if score > 0 else score

    def contrast(
        self,
        story: StoryState,
        figures: frozenset[str],
        times: frozenset[str],
        people: frozenset[str] = frozenset(),
        names: frozenset[str] = frozenset(),
    ) -> float:
        """The factor (1.0 when none) by which the lead's figures, dates and people lower any score for ``story``.

        ``names`` are the article's :func:`lead_names` (:func:`_names_contrast`).

        Applied to the word score and to the entity-and-date score alike (see :meth:`add`): two
        developments of one kind share their names, so the names alone must not carry an article
        over a contrast that the words could not.
        """
        factor = 1.0
        cen = story.centroid
        if figures:
            n = len(FIGURE_PREFIX)
            contrasts = _contrasts(figures, (t[n:] for t in cen if t.startswith(FIGURE_PREFIX)))
            factor *= self.config.contrast_factor**contrasts
        if times:
            n = len(TIME_PREFIX)
            story_times = (t[n:] for t in cen if t.startswith(TIME_PREFIX))
            if _time_contrast(times, story_times, self.config.time_slack_days):
                factor *= self.config.time_contrast_factor
        if people:
            n = len(PEOPLE_PREFIX)
            if _contrasts(people, (t[n:] for t in cen if t.startswith(PEOPLE_PREFIX))):
                factor *= self.config.people_contrast_factor
        if names:
            n = len(NAMES_PREFIX)
            if _names_contrast(names, (t[n:] for t in cen if t.startswith(NAMES_PREFIX)), cen):
                factor *= self.config.names_contrast_factor
        return factor

    def neutral_score(
        self,
        vec: dict[str, float],
        story: StoryState,
        published: datetime | None,
        neutral: dict[str, float] | None = None,
    ) -> float:
        """Cosine over entity and date terms only: what a report in another language can share.

        ``neutral``: the entity and date terms of ``vec``, when the caller scores one article
        against many stories and has taken them out once.
        """
        a = {t: vec[t] for t in _neutral(list(vec))} if neutral is None else neutral
        if len(a) < 2:
            return 0.0  # decided before the story's centroid is read through
        b = {t: story.centroid[t] for t in _neutral(list(story.centroid))}
        if not b:
            return 0.0
        dot = sum(w * b.get(t, 0.0) for t, w in a.items())
        norm = math.sqrt(sum(w * w for w in a.values()) * sum(w * w for w in b.values()))
        return dot / norm * self._decay(published, story) if norm else 0.0

    def cross_language_match(self, vec: dict[str, float], story: StoryState, published: datetime | None) -> bool:
        """Whether a report in another script is about the story's development: same days, same names.

        Reports of one development in two languages share only names and dates, and the
        story's centroid holds many names the report does not (each outlet adds its own
        sources, places and systems), so the cosine of :meth:`neutral_score` stays low for a
        plain report.  Here the report's own terms decide, with time as hard evidence: it is
        published within ``cross_language_days`` of the story's window, it names a day the
        story names (or comes out within a day of it: a breaking post gives no date), it
        shares at least two names, and at least ``cross_language_containment`` of its entity
        and date weight lies on terms the story has.  An undated report never joins this way,
        and within one language the words decide (:meth:`score`).
        """
        gap = _gap_days(published, story)
        if gap is None or gap > self.config.cross_language_days or not _other_script(vec, story.centroid):
            return False
        cen = story.centroid
        # names and days: a year, month or week ("this year", "next week") places the report
        # too loosely to count for or against it
        mine = {t: w for t, w in vec.items() if t[:2] in ("e:", "c:") or (t[:2] == "d:" and len(t) == 12)}
        loose = {_key_without_final_vowels(t) for t in cen if t.startswith("e:")}
        shared = [
            t
            for t in mine
            if t in cen
            or (t[:2] in ("e:", "c:") and _country_twin(t) in cen)
            or (t.startswith("e:") and _key_without_final_vowels(t) in loose)
        ]
        same_day = gap <= 1.0 or any(t.startswith("d:") and len(t) == 12 for t in shared)
        if not same_day or sum(1 for t in shared if t.startswith("e:")) < 2:
            return False
        total = sum(mine.values())
        return total > 0 and sum(mine[t] for t in shared) / total >= self.config.cross_language_containment

    def add(
        self,
        article_id: str,
        text: str,
        published: datetime | None = None,
        entities: Iterable[str] | None = None,
        dates: Iterable[str] = (),
        lead_times: Iterable[str] | None = None,
        lead_people: Iterable[str] = (),
        lead_names: Iterable[str] = (),
        outlet: str | None = None,
        incidents: Iterable[str] = (),
    ) -> str:
        """Put the article in a story and return the story id.

        ``entities`` are canonical entity names from NER; ``None`` falls back
        to :func:`rough_entities`.  ``dates`` are TIMEX3 values mentioned in
        the article (the event dates, not only the publication date).
        ``lead_times`` are the TIMEX3 values of the article's lead (the first
        ``time_lead_words`` words of ``text``, see :func:`lead_end`), resolved
        against its publication date; ``None`` tags the lead here
        (:func:`lead_dates`).  ``lead_people`` are the ``KIND=surname`` keys of
        the people in the events of its first ``people_lead_words`` words
        (:func:`lead_people`); without them (no event analysis) people never
        contrast.  ``lead_names`` are the surname keys of the people its first
        ``names_lead_words`` words name (:func:`lead_names`); without them
        (no NER) names never contrast.  ``outlet`` and ``incidents`` (the sentences of the
        lead's incident events, triggers left out) let a short post join an incident story of
        its outlet (``short_post_words``); without them it never does.
        """
        store = self.store
        known = store.story_of(article_id)
        if known is not None:
            return known
        cfg = self.config
        published = _utc(published)
        ents = rough_entities(text) if entities is None else list(entities)
        terms = article_terms(text, ents, dates, cfg.entity_weight, cfg.date_weight, cfg.surname_weight)
        if cfg.adjective_countries:
            # once each, and only a country the names leave out (see ``COUNTRY_PREFIX``)
            for country in dict.fromkeys(adjective_countries(text)):
                key = entity_term(country)
                if "e:" + key not in terms:
                    terms[COUNTRY_PREFIX + key] = cfg.entity_weight
        vec = self.vector(terms)
        figures = lead_figures(text, cfg.lead_words)
        if cfg.time_lead_words <= 0:
            times: frozenset[str] = frozenset()
        elif lead_times is None:
            times = lead_dates(text, cfg.time_lead_words, published)
        else:
            times = frozenset(k for v in lead_times if (k := time_key(v)))
        people = frozenset(lead_people) if cfg.people_lead_words > 0 else frozenset()
        names = frozenset(lead_names) if cfg.names_lead_words > 0 else frozenset()
        best, best_score = None, 0.0
        neutral = {t: vec[t] for t in _neutral(list(vec))}
        candidates = self.candidates(vec)
        load = getattr(store, "load_stories", None)  # a store may read all candidates at once
        if load is not None:
            load(candidates)
        for story_id in candidates:
            story = store.get_story(story_id)
            if story is None:
                continue
            s = self.score(vec, story, published, figures, times, people, names)
            if s < cfg.threshold and (
                self.neutral_score(vec, story, published, neutral)
                * self.contrast(story, figures, times, people, names)
                >= cfg.neutral_threshold
                or self.cross_language_match(vec, story, published)
            ):
                s = cfg.threshold  # joins, but a story that also shares words wins
            if s > best_score:
                best, best_score = story, s
        incident = frozenset().union(*(incident_words(x) for x in incidents)) if cfg.short_post_words else frozenset()
        # a short post of an outlet: the incident rule's subject, and the only article that marks
        # its outlet (a long-running story of many outlets would keep a term per outlet for ever)
        short = bool(outlet and cfg.short_post_words and len(_WORD_RE.findall(text)) <= cfg.short_post_words)
        if (best is None or best_score < cfg.threshold) and short and outlet:
            continued = self._incident_story(text, outlet, published, candidates)
            if continued is not None:
                best, best_score = continued, cfg.threshold
        if best is None or best_score < cfg.threshold:
            best = StoryState(story_id=store.new_story_id())
        self._absorb(best, vec, published, figures, times, people, names)
        self._mark(best, outlet if short else None, incident)
        store.put_story(best)
        store.set_story(article_id, best.story_id)
        ranked = sorted(vec, key=lambda t: -vec[t])
        # Entities and dates are indexed even when words outweigh them, so that a report in
        # another language (sharing only those) can find the story.
        top = list(dict.fromkeys(ranked[: cfg.index_terms] + _neutral(ranked)[: cfg.neutral_terms]))
        store.add_postings(best.story_id, top, cfg.postings_cap)
        store.add_df(terms)
        return best.story_id

    def _incident_story(
        self, text: str, outlet: str, published: datetime | None, candidates: Sequence[str]
    ) -> StoryState | None:
        """The candidate incident story of ``outlet`` that a short post (the caller checks its
        length, see ``short_post_words``) continues, if any.

        Of several, the one most recently reported: a channel's updates follow its latest news.
        """
        if published is None:
            return None
        shared = set(content_words(text))
        found: StoryState | None = None
        for story_id in candidates:
            story = self.store.get_story(story_id)
            if story is None or not self._incident_story_ok(story, outlet, published):
                continue
            if not any(INCIDENT_PREFIX + w in story.centroid for w in shared):
                continue
            if found is None or (story.last_published or published) > (found.last_published or published):
                found = story
        return found

    def _incident_story_ok(self, story: StoryState, outlet: str, published: datetime) -> bool:
        """Whether ``story`` is of ``outlet``, reported an incident and was last reported within the window."""
        cen = story.centroid
        if OUTLET_PREFIX + outlet not in cen or story.last_published is None:
            return False
        if not any(t.startswith(INCIDENT_PREFIX) for t in cen):
            return False
        hours = (published - story.last_published).total_seconds() / 3600.0
        return -1.0 <= hours <= self.config.short_post_hours

    def _mark(self, story: StoryState, outlet: str | None, incident: Iterable[str]) -> None:
        """Record the article's outlet and incident words as weight-0 centroid terms (see ``_absorb``)."""
        cen = story.centroid
        if outlet:
            cen.setdefault(OUTLET_PREFIX + outlet, 0.0)
        if not incident:
            return  # most articles: no scan of the centroid
        have = sum(1 for t in cen if t.startswith(INCIDENT_PREFIX))
        for word in sorted(incident):
            if have >= self.config.incident_cap:
                break
            if INCIDENT_PREFIX + word not in cen:
                cen[INCIDENT_PREFIX + word] = 0.0
                have += 1

    def bulk_insert(
        self, article_id: str, vec: dict[str, float], story_id: str, published: datetime | None = None
    ) -> None:
        """Put an article with a known story and a ready vector (backfills, benchmarks)."""
        store = self.store
        published = _utc(published)
        story = store.get_story(story_id) or StoryState(story_id=story_id)
        self._absorb(story, vec, published)
        store.put_story(story)
        store.set_story(article_id, story_id)
        top = sorted(vec, key=lambda t: -vec[t])[: self.config.index_terms]
        store.add_postings(story_id, top, self.config.postings_cap)
        store.add_df(vec)

    def _absorb(
        self,
        story: StoryState,
        vec: dict[str, float],
        published: datetime | None,
        figures: Iterable[str] = (),
        times: Iterable[str] = (),
        people: Iterable[str] = (),
        names: Iterable[str] = (),
    ) -> None:
        """Add the article's vector to the centroid, its lead figures, dates, people and names as weight-0 terms.

        The figures (``x:``), dates (``t:``), people (``p:``) and names (``n:``) ride in the centroid
        (``story_terms`` rows) so that no store needs a new table or column
        and a store written before them reads as stories without any; with
        weight 0 they change neither the norm nor any dot product, and
        pruning keeps them.
        """
        cen = story.centroid
        dot = sum(w * cen.get(t, 0.0) for t, w in vec.items())
        story.sqnorm += 2 * dot + 1.0
        for t, w in vec.items():
            cen[t] = cen.get(t, 0.0) + w
        for prefix, keys, cap in (
            (FIGURE_PREFIX, figures, self.config.figures_cap),
            (TIME_PREFIX, times, self.config.times_cap),
            (PEOPLE_PREFIX, people, self.config.people_cap),
            (NAMES_PREFIX, names, self.config.names_cap),
        ):
            ordered = sorted(keys)
            if not ordered:
                continue
            have = sum(1 for t in cen if t.startswith(prefix))
            for f in ordered:
                if have >= cap:
                    break
                if prefix + f not in cen:
                    cen[prefix + f] = 0.0
                    have += 1
        if len(cen) > 2 * self.config.centroid_cap:
            figs = {t: w for t, w in cen.items() if t.startswith(_MARK_PREFIXES)}
            terms = sorted(((t, w) for t, w in cen.items() if t not in figs), key=lambda kv: -kv[1])
            kept = dict(terms[: self.config.centroid_cap])
            story.sqnorm = sum(w * w for w in kept.values())
            story.centroid = kept | figs
        story.n_articles += 1
        if published is not None:
            if story.first_published is None or published < story.first_published:
                story.first_published = published
            if story.last_published is None or published > story.last_published:
                story.last_published = published
