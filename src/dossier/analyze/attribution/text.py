"""Light text helpers: tokens with offsets, fallback sentences, closed word classes.

Why our own tokens: Russian text reaches this stage without a spaCy ``Doc``
and the English ``Doc`` has no parser, so the attribution rules work on plain
regex tokens that cost next to nothing and behave the same in both languages.
The word classes below are closed-class grammar (pronouns, auxiliaries,
prepositions), not a lexicon to grow; reporting verbs live in ``data/cues``.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

QUOTE_CHARS = "\"'“”„‟‘’‚‛«»‹›"
DASHES = "—–―"  # em dash, en dash, horizontal bar (HuffPost's dash)

_TOKEN_RE = re.compile(r"\w+(?:[’'\-‐.]\w+)*|\S")
_NEWLINE_RE = re.compile("\n")


def words(spaced: str) -> frozenset[str]:
    """A closed word class written as one space-separated string (easier to read and edit)."""
    return frozenset(spaced.split())


class Tok(NamedTuple):
    """A token: its text and character offsets in the article (a tuple: cheap to make)."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_cap(self) -> bool:
        return self.text[0].isupper()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    """Word and punctuation tokens of ``text[start:end]`` with article offsets."""
    end = len(text) if end is None else end
    return [Tok(m.group(), *m.span()) for m in _TOKEN_RE.finditer(text, start, end)]


def count_words(text: str) -> int:
    return sum(1 for m in _TOKEN_RE.finditer(text) if m.group()[0].isalnum())


_ABBREV = words(
    """mr mrs ms dr gen lt col sgt sen rep gov st jr sr prof no vs etc inc corp co ltd jan feb mar apr
    jun jul aug sep sept oct nov dec u.s u.k u.n d.c e.g i.e г гг т.е т.д им ул"""
)
# Starts at the first mark of a run: retried from each mark of a long run ("....") it cost quadratic time.
_SENT_BREAK_RE = re.compile(r"(?<![.!?…])[.!?…]+[\"”’»)]*\s+(?=[\"“‘«(\[—–-]?\s*[A-ZА-ЯЁ0-9])|\n+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Fallback sentence spans, used only when the entity stage gave none.

    Splits at terminal punctuation followed by a capital and at newlines,
    keeping abbreviations such as "Mr." and initials inside the sentence.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_BREAK_RE.finditer(text):
        if m.group()[0] != "\n":
            word = re.search(r"([\w.]+)$", text[start : m.start()])
            w = word.group(1).lower() if word else ""
            if w in _ABBREV or (len(w) == 1 and w.isalpha()):
                continue
        cut = m.start() + len(m.group().rstrip())
        if m.group()[0] == "\n":
            cut = m.start()
        if text[start:cut].strip():
            spans.append(_trim(text, start, cut))
        start = m.end()
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@lru_cache(maxsize=8)
def _line_breaks(text: str) -> list[int]:
    return [m.start() for m in _NEWLINE_RE.finditer(text)]


def paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end of the paragraph (newline-delimited line) holding ``offset``.

    By bisection over the text's line breaks (computed once per text): a
    search from ``offset`` would cost the paragraph's length on every call, so
    quadratic time on one long line full of quotes.
    """
    breaks = _line_breaks(text)
    i = bisect.bisect_left(breaks, offset)
    return (breaks[i - 1] + 1 if i else 0), (breaks[i] if i < len(breaks) else len(text))


# --- closed word classes --------------------------------------------------------------

PERSON_PRONOUNS = words("he she him his her hers он она его её ее ему ей им")
PLURAL_PRONOUNS = words("they them their они их")
OTHER_PRONOUNS = words("it we i you оно мы я вы")
RELATIVES = words("who which that который которая которое которые")
PRONOUNS = PERSON_PRONOUNS | PLURAL_PRONOUNS | OTHER_PRONOUNS

# Words that may stand between a subject and its verb ("Lukashenko himself has
# repeatedly said"); skipped when looking for the subject to the left of a cue.
SKIP_LEFT = words("""also has have had was were is are be been will would could should may might must did does do
    not never just already again once then now later earlier previously repeatedly reportedly
    publicly recently himself herself themselves itself myself ourselves yesterday today
    still further very even first often always usually later soon ever finally
    тоже также уже ранее вновь снова еще ещё неоднократно не же лично сам сама сами вчера сегодня""")

DETERMINERS = words(
    """the a an this these those his her its their our my some many several most few all both each
    another other one two three four five"""
)

# Tokens that end a noun phrase when scanning away from a cue.
NP_STOP = words("""in on at for with from to by about into over after before since during under against between
    through without within among as than like per via upon toward towards across and or but nor so yet
    because while when whereas although though if unless whether that which who whom whose where
    what how why then there here said says say told
    в во на за с со от до по о об при к ко из у для про через под над перед между и или но а
    что как когда где если хотя чтобы который которая которые это этот эта""")

# Verbs and auxiliaries that make a quoted span a clause rather than a name.
CLAUSE_WORDS = words("""is are was were be been being am will would can could should shall may might must do does did
    has have had i we you he she they it's i'm we're they're you're there's that's let's not no yes
    я мы вы ты он она они это не нет есть был была было были будет будут можно нужно надо""")
_CONTRACTING = words("i you he she it we they that there who what")
_RU_VERB_END_RE = re.compile(r"\w{2,}(?:ть|ться|ет|ют|ит|ят|ем|им|ете|ите|ут|ат|ал|ял|ил|ел|ла|ли|ло|лся|лась|лись)$")
_EN_VERB_END_RE = re.compile(r"\w{3,}(?:ed|n't)$")


def is_clause_word(word: str, language: str) -> bool:
    """Whether ``word`` marks a finite clause (auxiliary, pronoun subject, verb ending)."""
    w = word.lower().replace("’", "'")  # "doesn’t" as "doesn't"
    if w in CLAUSE_WORDS or w.endswith("n't"):
        return True
    head, sep, _ = w.partition("'")
    if sep and head in _CONTRACTING:  # she'll, they're, it's, we'd
        return True
    if word[:1].isupper():  # "United", "Единая": names, not verbs
        return False
    if language == "ru":
        from dossier.analyze.attribution.russian import verb_like

        verb = verb_like(w)  # the dictionary, where there is one: "решимость", "канал" are nouns
        return bool(_RU_VERB_END_RE.fullmatch(w)) if verb is None else verb
    return bool(_EN_VERB_END_RE.fullmatch(w))
