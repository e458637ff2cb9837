"""Trigger lexicons: loading the data files and matching them over tokens.

Why a lexicon and not a model: the event stage must stay a small fraction of
the NER cost (see ``docs/events.md``), must work the same way for English and
Russian, and its decisions must be explainable line by line to an analyst.
The word lists live in ``dossier/data/events/`` as data so that they can be
reviewed and extended without touching code.

Pattern syntax (one pattern per line in ``triggers_<lang>.tsv``)::

    KIND <TAB> POS <TAB> pattern [<TAB> fallback-kind]

* ``KIND`` is the event kind (``AGREE``, ``EQUIPMENT_DELIVERED``...); ``NONE``
  marks a blocking phrase ("is met with scepticism") that wins over the
  shorter triggers inside it and yields no event.
* ``POS`` is ``V`` (verbal: always an event), ``N`` (nominal: an event only
  in a light-verb frame or a dated sentence) or ``B`` (both: decided from
  the word before it).
  ``S`` marks a subject + verb pattern ("earthquake ~ strike"): always verbal.
* ``pattern`` is a space-separated token sequence.  A token is a word
  (English words match any inflection through :func:`en_key`), ``=form``
  (exactly that form, for words whose stem key collides: ``=noted``), ``stem*``
  (prefix match on the lower-cased surface form; the Russian lists use this
  for inflection), ``a|b`` (alternatives), ``~`` (a gap of up to
  :data:`GAP` tokens) or ``~+`` (a gap of one to :data:`GAP` tokens: "wants ~+ to
  resign" needs an object, so "I want to resign" is no demand).
* ``fallback-kind``: for equipment kinds, the kind to use when the sentence
  names no equipment (``deliver`` + no weapon = ``AID``); without it such a
  match is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

#: Largest number of tokens a ``~`` in a pattern may skip.
GAP = 5

#: A number written with digit groups ("10,000", "2.5") is one token: its comma is no clause
#: break ("called up 10,000 reservists" is one verb phrase).
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)


class Token(NamedTuple):
    """A word or punctuation mark of a sentence, with absolute offsets.

    A named tuple rather than a frozen dataclass: every sentence of every article is cut into
    these (some 400 per news article), and a frozen dataclass sets each field through
    ``object.__setattr__`` (1.5 µs a token against 0.4 µs).
    """

    text: str
    start: int
    end: int
    lower: str
    key: str  # matching key: English stem key, or the lower-cased form
    #: Russian perfective non-past verbs (a future: "направит", "согласится"): the masculine past
    #: form ("направил", "согласился"), so that the lexicon's past-tense stems ("направил*")
    #: find the future too; empty for every other word (see :func:`ru_perfective_past`)
    past: str = ""


@dataclass(frozen=True, slots=True)
class Pattern:
    """One lexicon line, compiled."""

    kind: str
    pos: str  # V | N | B
    parts: tuple[tuple[str, ...] | None, ...]  # None = gap, () = gap of at least one token
    fallback: str | None
    source: str  # the line as written, for debugging and docs
    #: the passive form of a verb + object line ("troops were massed" of "mass ~ troops"): its
    #: match reports the participle as the trigger (see :func:`passive_variant`)
    passive: bool = False

    @property
    def length(self) -> int:
        return sum(1 for p in self.parts if p)


@dataclass(frozen=True, slots=True)
class Match:
    """A pattern found in a sentence: token span ``[first, last]`` inclusive."""

    pattern: Pattern
    first: int
    last: int
    anchor: int  # index of the first matched token (before ``first`` in a passive match)


def _data_text(name: str) -> str:
    return resources.files("dossier").joinpath("data", "events", name).read_text(encoding="utf-8")


def _data_lines(name: str) -> list[list[str]]:
    rows = []
    for line in _data_text(name).splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        rows.append([c.strip() for c in line.split("\t") if c.strip() != ""])
    return rows


@cache
def _irregular() -> dict[str, str]:
    """Irregular English verb forms → base form (``fought`` → ``fight``)."""
    table: dict[str, str] = {}
    for row in _data_lines("irregular_en.tsv"):
        base = row[0]
        for form in row[1:]:
            for f in form.split(","):
                table[f.strip()] = base
    return table


@cache
def irregular_forms() -> frozenset[str]:
    """Every irregular English verb form ("said", "took", "won"): a word that is surely a verb."""
    return frozenset(_irregular())


_VOWELS = set("aeiouy")


def en_key(word: str) -> str:
    """A crude but *consistent* English stem key, so that ``agree``,
    ``agrees``, ``agreed`` and ``agreeing`` all give the same key.

    Why not a lemmatizer: the English pipeline runs without a tagger (cost),
    and a consistent key on both the lexicon and the text is all matching
    needs.  It over-merges a few unrelated words; the lexicons avoid those.
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = _irregular().get(w, w)
    if len(w) <= 2:
        return w
    stripped = ""
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 2:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                break
            if suffix == "es" and not w.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
                continue
            w = w[: len(w) - len(suffix)] + repl
            stripped = suffix
            break
    if stripped == "s" and w.endswith("ing") and len(w) - 3 >= 2:
        # the plural of an -ing noun has the key of its singular ("meetings", "bombings",
        # "killings" are "meeting", "bombing", "killing"), which the lexicon's verbs share
        w = w[:-3]
        stripped = "ing"
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in _VOWELS:
        w = w[:-1]  # stopped → stopp → stop; call → cal (both sides alike)
    if len(w) >= 3 and w.endswith("e") and stripped != "ed":
        w = w[:-1]  # agree/agreeing → agre, like agreed → agre
    return w


#: What :func:`tokenize` made of each English word it has seen: ``(lower, key)``.  News repeats
#: its vocabulary, and :func:`en_key` (suffix rules, the irregular table) cost a third of the
#: tokenizer; cleared when it reaches :data:`_WORD_FORMS_MAX` words, so memory stays bounded.
_WORD_FORMS: dict[str, tuple[str, str]] = {}
_WORD_FORMS_MAX = 200_000


def tokenize(text: str, offset: int, language: str) -> list[Token]:
    """Split ``text`` (which starts at absolute ``offset``) into tokens."""
    out = []
    english = language != "ru"
    memo = _WORD_FORMS
    for m in _TOKEN_RE.finditer(text):
        surface = m.group()
        if english:
            forms = memo.get(surface)
            if forms is None:
                forms = (surface.lower().replace("ё", "е"), en_key(surface))
                if len(memo) >= _WORD_FORMS_MAX:
                    memo.clear()
                memo[surface] = forms
            lower, key = forms
        else:
            lower = key = surface.lower().replace("ё", "е")
            past = ru_perfective_past(lower)
            if past:
                out.append(Token(surface, offset + m.start(), offset + m.end(), lower, key, past))
                continue
        out.append(Token(surface, offset + m.start(), offset + m.end(), lower, key))
    return out


#: Endings of a Russian finite non-past verb: a cheap filter before the dictionary is asked.
_RU_NONPAST = re.compile(r"(?:[еиуюая]т|[уюая]тся|[еи]тся|[еи]м|[еи]мся|[еи]шь|[еи]те)$")


@lru_cache(maxsize=65536)
def ru_perfective_past(word: str) -> str:
    """The masculine past form of ``word`` when it is a Russian perfective verb in the non-past
    ("направит" → "направил", "согласится" → "согласился"), else "".

    Why: a perfective non-past verb is a future ("Россия направит помощь": not sent yet), and
    wire reports of plans use it as often as English uses "will".  The lexicon is written in
    past forms, as reports of what happened are; the past form lets the same lines find the
    future, and the modality step marks such a trigger ``planned``.  Only a word whose every verb
    reading is perfective and future counts: biaspectual verbs ("расследует", "атакует") read
    as presents too and stay as they are.  Verbs whose infinitive does not end in "-ть" ("уйти",
    "ввести") have irregular pasts; their future forms are listed in the lexicon as such, and
    the modality step still sees them through :func:`ru_future`.  An infinitive in "-ть"
    gets its past form too (:func:`ru_infinitive`): "приказал *перебросить* войска" finds the
    line "перебросил* ~ войск*"; it is not marked planned (the modality step asks
    :func:`ru_future`, not this form).
    """
    base = ru_future(word) or ru_infinitive(word)
    if base.endswith("ться"):
        return base[:-4] + "лся"
    if base.endswith("ть"):
        return base[:-2] + "л"
    return ""


def ru_infinitive(word: str) -> str:
    """``word`` when it is a Russian infinitive in "-ть"/"-ться" whose likeliest reading is one
    ("перебросить", "выслать", "обменяться"), else "".

    Why: the lexicon is written in past stems, so the infinitive of a listed verb — the form a
    verb takes after "приказал", "решил", "начал" — matched only where a line listed it too.
    Its past form makes the whole verb family match, as for the future (the modality step
    still tells a plan from a report by the governing verb, not by this form)."""
    if len(word) < 5 or not word.endswith(("ть", "ться")):
        return ""
    try:
        from dossier.analyze.nlp import morph_vocab

        readings = morph_vocab().parse(word)
    except ImportError:  # pragma: no cover - natasha is a core dependency
        return ""
    return word if readings and readings[0].tag.POS == "INFN" else ""


@lru_cache(maxsize=8192)
def ru_manner_word(word: str) -> bool:
    """Whether a Russian word says how something went: «без», «мимо», an adverb in -о/-е
    («бесследно», «гладко», «спокойно»), or an adjective or participle in the instrumental
    («незамеченным»).  Time adverbs («вчера», «сегодня», «вовремя») do not end in -о/-е."""
    if word in ("без", "мимо"):
        return True
    if len(word) < 4:
        return False
    try:
        from dossier.analyze.nlp import morph_vocab

        readings = morph_vocab().parse(word)
    except ImportError:  # pragma: no cover - natasha is a core dependency
        return False
    if not readings:
        return False
    if readings[0].tag.POS == "ADVB":
        return word.endswith(("о", "е")) and len(word) >= 5
    # any reading: a feminine "-ой" is genitive, dative, locative or instrumental alike
    return any(r.tag.POS in ("ADJF", "PRTF") and r.tag.case == "ablt" for r in readings)


@lru_cache(maxsize=65536)
def ru_future(word: str) -> str:
    """The infinitive of ``word`` when every verb reading of it is a perfective non-past (a
    future) and its most likely reading is a verb; else "" (see :func:`ru_perfective_past`)."""
    if len(word) < 4 or not _RU_NONPAST.search(word):
        return ""
    try:
        from dossier.analyze.nlp import morph_vocab

        readings = morph_vocab().parse(word)
    except ImportError:  # pragma: no cover - natasha is a core dependency
        return ""
    verbs = [r for r in readings if r.tag.POS == "VERB"]
    if not verbs or readings[0].tag.POS != "VERB":
        return ""
    if any(r.tag.aspect != "perf" or r.tag.tense != "futr" for r in verbs):
        return ""
    return str(verbs[0].normal_form)


@lru_cache(maxsize=65536)
def _lemmas(word: str) -> frozenset[str]:
    """The base forms ``word`` could be an inflection of, by regular English morphology
    (and the irregular table): ``raped`` → {raped, rap, rape}; ``quite`` → {quite}.

    Why: :func:`en_key` is a stem key that over-merges ("quite" and "quit", "wine" and "win",
    "rap" and "rape", "aide" and "aid" share a key).  Two words are the same lexicon word only
    when one could be an inflection of a base form of the other.
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    out = {w}
    irregular = _irregular().get(w)
    if irregular:
        out.add(irregular)
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
                         ("es", ""), ("s", "")):  # fmt: skip
        if w.endswith(suffix) and len(w) - len(suffix) >= 2:
            if suffix == "es" and not w.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
                continue  # "-es" is a plural or third person only after a sibilant or "o": planes ≠ plan
            base = w[: len(w) - len(suffix)] + repl
            out.add(base)
            if suffix in ("ing", "ed") and not repl and len(base) > 2 and base[-1] == base[-2]:
                out.add(base[:-1])  # stopped → stop
    return frozenset(out)


def same_word(surface: str, lexicon_words: frozenset[str]) -> bool:
    """Whether ``surface`` is an inflection of one of ``lexicon_words`` (or the other way
    round: a lexicon entry written in the plural, "talks", matches "talk")."""
    forms = _lemmas(surface)
    return any(forms & _lemmas(w) for w in lexicon_words)


def _compile_token(tok: str, english: bool) -> tuple[str, ...] | None:
    if tok == "~":
        return None
    if tok == "~+":
        return ()
    alts = []
    for alt in tok.split("|"):
        alt = alt.lower().replace("ё", "е")
        if alt.startswith("@"):
            alts.append(alt)  # a word class: "@people", any word of generic_actors_<lang>.txt
        elif alt.startswith("="):
            alts.append("!" + alt[1:])  # exact surface form, no inflection
        elif alt.endswith("*"):
            alts.append(alt)  # prefix form, compared to Token.lower
        else:
            alts.append("=" + (en_key(alt) if english else alt))
    return tuple(alts)


def _in_word_class(name: str, token: Token) -> bool:
    """Whether ``token`` belongs to the word class ``name`` of a lexicon line ("@people": a
    common-noun actor of either language's ``generic_actors`` list, "soldiers", "заложников").

    Why a class: the object of "free ~ @people" is whoever is freed; a list of the nouns for
    captives ("hostages|prisoners") missed "freed three *soldiers*", "freed the *workers*"."""
    if name != "people":
        return False
    lang = "en" if token.text.isascii() else "ru"
    return in_words(token.lower, word_list(f"generic_actors_{lang}.txt"))


def _token_matches(part: tuple[str, ...], token: Token) -> bool:
    for alt in part:
        if alt[0] == "@":
            if _in_word_class(alt[1:], token):
                return True
        elif alt[0] == "=":
            if token.key == alt[1:]:
                return True
        elif alt[0] == "!":
            if token.lower == alt[1:]:
                return True
        elif token.lower.startswith(alt[:-1]) or (token.past and token.past.startswith(alt[:-1])):
            return True
    return False


class Lexicon:
    """The compiled trigger patterns of one language, indexed for speed."""

    def __init__(self, patterns: list[Pattern], english: bool = False) -> None:
        self.patterns = patterns
        # English words match by stem key; the words behind each key tell a real inflection
        # from a key collision ("quite" is not a form of "quit").
        self._words: dict[str, frozenset[str]] = {}
        if english:
            words: dict[str, set[str]] = {}
            for p in patterns:
                for raw in p.source.split():
                    for alt in raw.split("|"):
                        if alt != "~" and not alt.startswith(("=", "@")) and not alt.endswith("*"):
                            words.setdefault(en_key(alt), set()).add(alt.lower())
            self._words = {k: frozenset(v) for k, v in words.items()}
        self._collision: dict[str, bool] = {}
        #: The patterns whose first word a token matches, by the token's ``(key, lower)``: see
        #: :meth:`_starting`.
        self._starting: dict[tuple[str, str], tuple[Pattern, ...]] = {}
        #: For each pattern (by id), the words its later parts need: per part without prefix forms,
        #: the stem keys and exact forms any one of which it takes (see :meth:`find`).
        self._needs: dict[int, tuple[tuple[frozenset[str], frozenset[str]], ...]] = {
            id(p): tuple(
                (frozenset(a[1:] for a in part if a[0] == "="), frozenset(a[1:] for a in part if a[0] == "!"))
                for part in p.parts[1:]
                if part and all(a[0] in "=!" for a in part)
            )
            for p in patterns
        }
        # Index by the first three characters each first-token alternative
        # needs, so a sentence only tries the patterns that can start there.
        self._index: dict[str, list[Pattern]] = {}
        for p in patterns:
            first = p.parts[0]
            assert first is not None, "a pattern cannot start with a gap"
            for alt in first:
                body = alt[1:] if alt[0] in "=!" else alt[:-1]
                self._index.setdefault(body[:3], []).append(p)

    def _screen(self, tokens: list[Token]) -> list[Token]:
        """``tokens`` with the key of each stem-key collision blanked, so that it matches no
        stem-key word of the lexicon (exact and prefix forms still see its surface)."""
        if not self._words:
            return tokens
        out = tokens
        for i, tok in enumerate(tokens):
            words = self._words.get(tok.key)
            if words is None:
                continue
            bad = self._collision.get(tok.lower)
            if bad is None:
                bad = self._collision[tok.lower] = not same_word(tok.lower, words)
            if bad:
                if out is tokens:
                    out = list(tokens)
                out[i] = tok._replace(key="\x00" + tok.lower)
        return out

    def _starting_with(self, tok: Token) -> tuple[Pattern, ...]:
        """The patterns whose first word ``tok`` matches, in the order the index lists them.

        Why: a sentence's tokens were tried against every pattern filed under their first three
        letters (hundreds of thousands of tries per 200 news articles, most failing on the first
        word); whether the first word matches depends only on the token's key and lower-cased
        form, so it is decided once per distinct word and kept (bounded like
        :data:`_WORD_FORMS`).  The order is the index's, as before, so ties sort alike.
        """
        seen: set[int] = set()
        out: list[Pattern] = []
        for probe in {tok.key[:3], tok.lower[:3], tok.past[:3]} - {""}:
            for p in self._index.get(probe, ()):
                if id(p) in seen:
                    continue
                seen.add(id(p))
                if _token_matches(p.parts[0] or (), tok):
                    out.append(p)
        if len(self._starting) >= _WORD_FORMS_MAX:
            self._starting.clear()
        found = self._starting[(tok.key, tok.lower)] = tuple(out)
        return found

    def find(self, tokens: list[Token], *, skip_equipment: bool = False) -> list[Match]:
        """All non-overlapping matches, longest pattern first at each place.

        ``skip_equipment``: leave out the equipment patterns that have no fallback kind, for a
        sentence that names no equipment.  Such a match would be dropped later for want of
        equipment, and would have hidden the other kind its words have: "moved tanks and
        artillery closer to the border" is a troop movement, not a weapon system in transit.
        """
        tokens = self._screen(tokens)
        found: list[Match] = []
        starting = self._starting
        # Whether the sentence holds, for each later word of a pattern, a token it takes: a
        # pattern that fails this cannot match anywhere in the sentence, so it is not tried
        # (most tries started on a common first word, "is", "in", "was", "said").
        possible: dict[int, bool] = {}
        keys: set[str] = set()
        lowers: set[str] = set()
        for i, tok in enumerate(tokens):
            candidates = starting.get((tok.key, tok.lower))
            if candidates is None:
                candidates = self._starting_with(tok)
            for p in candidates:
                if skip_equipment and p.kind.startswith("EQUIPMENT_") and not p.fallback:
                    continue
                ok = possible.get(id(p))
                if ok is None:
                    if not keys:
                        keys = {t.key for t in tokens}
                        lowers = {t.lower for t in tokens}
                    ok = possible[id(p)] = all(
                        not (ks.isdisjoint(keys) and ls.isdisjoint(lowers)) for ks, ls in self._needs[id(p)]
                    )
                if not ok:
                    continue
                # the first word matches (``candidates``); the rest of the pattern from the next token
                end = _match_parts(p.parts, 1, tokens, i + 1)
                if end is None:
                    continue
                last = end - 1
                if p.passive:
                    # the participle is the trigger, with its particle ("the strike was *called off*")
                    verb = last - 1 if _phrasal_passive(p) else last
                    if _participle(tokens[verb]) and not _raising(tokens, last):
                        found.append(Match(p, verb, last, i))
                    continue
                found.append(Match(p, i, last, i))
        found = _particles_kept(found, tokens)
        # Longest (most specific) first, then the longer stem at the first word (the noun
        # "размещени*" over the participle "размещен*" for "размещение"), then leftmost.
        found.sort(
            key=lambda m: (-m.pattern.length, -(m.last - m.first), -_stem_length(m.pattern, tokens[m.first]), m.first)
        )
        taken: set[int] = set()
        kept: list[Match] = []
        for m in found:
            span = set(range(m.first, m.last + 1))
            if span & taken or (m.pattern.passive and m.anchor in taken):
                continue
            # Gaps do not claim their tokens: only the matched words do (a passive match claims
            # its object too: "sanctions were lifted" holds no second trigger "sanctions").
            taken.update(_matched_positions(m.pattern, tokens, m.anchor))
            kept.append(m)
        kept.sort(key=lambda m: m.first)
        return kept


#: Particles of English phrasal verbs ("back down", "give in", "pull out", "hand over").
_PHRASAL_PARTICLES = frozenset({"down", "up", "out", "off", "in", "back", "away", "over", "aside"})


def _particles_kept(found: list[Match], tokens: list[Token]) -> list[Match]:
    """Drop a gapped match whose gap swallowed the particle of a phrasal verb the lexicon has at
    the same word: "backed *down* on its plan" is the yielding "back down", not "back ~ plan"
    (support).  A particle right after a verb belongs to the verb, whatever the words after it;
    without this rule the longer gapped pattern always won."""
    phrasal = {
        m.first
        for m in found
        if not m.pattern.passive
        and len(m.pattern.parts) >= 2
        and m.pattern.parts[1]
        and m.first + 1 < len(tokens)
        and tokens[m.first + 1].lower in _PHRASAL_PARTICLES
    }
    if not phrasal:
        return found
    return [
        m
        for m in found
        if m.pattern.passive
        or m.first not in phrasal
        or (len(m.pattern.parts) >= 2 and m.pattern.parts[1])  # its own second word, not a gap
    ]


def _stem_length(p: Pattern, token: Token) -> int:
    """How much of ``token`` the first word of ``p`` pins down: an exact form or key counts
    as the whole word, a prefix stem as its own length."""
    first = p.parts[0] or ()
    best = 0
    for alt in first:
        if alt[0] in "=!" and _token_matches((alt,), token):
            best = max(best, len(token.lower) + 1)
        elif alt[0] not in "=!" and (token.lower.startswith(alt[:-1]) or token.past.startswith(alt[:-1])):
            best = max(best, len(alt) - 1)
    return best


def _match_parts(parts: tuple[tuple[str, ...] | None, ...], k: int, tokens: list[Token], i: int) -> int | None:
    if k == len(parts):
        return i
    part = parts[k]
    if not part:
        for j in _gap_ends(tokens, i, 0 if part is None else 1):
            end = _match_parts(parts, k + 1, tokens, j)
            if end is not None:
                return end
        return None
    if i < len(tokens) and _token_matches(part, tokens[i]):
        return _match_parts(parts, k + 1, tokens, i + 1)
    return None


#: Most words of a name a gap passes over for free (see :func:`_gap_ends`).
_NAME_FREE = 4
_GAP_STOPS = frozenset({";", ":", "—", ","})


def _gap_ends(tokens: list[Token], i: int, low: int) -> list[int]:
    """Where a gap starting at token ``i`` may end: after ``low`` to :data:`GAP` words.

    A gap never crosses sentence-internal punctuation ("in Belarus, the press service" is not
    "in service"), except the commas around one name in apposition after its head ("forced
    the UN refugee agency, UNHCR, out of the country").  The words of a capitalised name after
    its first count as none ("placed opposition leader *Aung San Suu Kyi* under house arrest"):
    a long name is one participant.
    """
    out = [i] if low == 0 else []
    cost = free = 0
    j = i
    appositions = 0
    while j < len(tokens):
        if tokens[j].text in _GAP_STOPS:
            # after a head word: inside the gap, or the pattern's own word just before it
            head = j > i or (i > 0 and tokens[i - 1].text[:1].isalnum())
            close = _apposition_end(tokens, j) if head and not appositions else None
            if close is None:
                break
            j = close + 1  # "forced the UN refugee agency*, UNHCR,* out": a name in apposition is free
            appositions += 1
            out.append(j)
            continue
        continued = j > i and tokens[j].text[:1].isupper() and tokens[j - 1].text[:1].isupper()
        if continued and free < _NAME_FREE:
            free += 1
        else:
            cost += 1
        if cost > GAP:
            break
        j += 1
        if j - i >= max(low, 1):
            out.append(j)
    return out


def _apposition_end(tokens: list[Token], j: int) -> int | None:
    """Index of the comma closing a name in apposition that opens at the comma ``j`` ("the
    UN refugee agency*, UNHCR,*"): one to :data:`_NAME_FREE` capitalised words between two
    commas, with more of the sentence after it."""
    if tokens[j].text != ",":
        return None
    k = j + 1
    while k < len(tokens) and k - j <= _NAME_FREE and tokens[k].text[:1].isupper():
        k += 1
    if k == j + 1 or k >= len(tokens) - 1 or tokens[k].text != ",":
        return None
    return k


def _matched_positions(p: Pattern, tokens: list[Token], i: int) -> list[int]:
    """Token indices matched by the words (not the gaps) of ``p`` at ``i``."""
    out: list[int] = []

    def walk(k: int, j: int, acc: list[int]) -> bool:
        if k == len(p.parts):
            out.extend(acc)
            return True
        part = p.parts[k]
        if not part:
            return any(walk(k + 1, e, acc) for e in _gap_ends(tokens, j, 0 if part is None else 1))
        if j < len(tokens) and _token_matches(part, tokens[j]):
            return walk(k + 1, j + 1, [*acc, j])
        return False

    walk(0, i, [])
    return out


@cache
def load_lexicon(language: str) -> Lexicon:
    """The trigger lexicon for ``language`` (``ru`` or anything else → English)."""
    lang = "ru" if language == "ru" else "en"
    english = lang == "en"
    patterns = []
    for row in _data_lines(f"triggers_{lang}.tsv"):
        kind, pos, text = row[0], row[1], row[2]
        fallback = row[3] if len(row) > 3 else None
        parts = tuple(_compile_token(t, english) for t in text.split())
        patterns.append(Pattern(kind, pos, parts, fallback, text))
    if english:
        patterns.extend(v for p in list(patterns) if (v := passive_variant(p)) is not None)
    return Lexicon(patterns, english=english)


#: Forms of "be" (and "get") that make a participle passive: "were massed", "got arrested".
_PASSIVE_BE = ("!is", "!are", "!was", "!were", "!be", "!been", "!being", "!get", "!gets", "!got", "!gotten")
#: Words of an object slot that are no object noun ("fire ~ at|on"): a passive has none of them.
_NOT_OBJECTS = frozenset({"to", "at", "on", "of", "with", "for", "in", "by", "from", "up", "down", "out", "off",
                          "over", "into", "against", "as", "that", "a", "an", "the", "back", "away"})  # fmt: skip


#: Verbs too general for their passive to say which event took place ("conditions are set for
#: growth", "a decision was made"): their object frames are read in the active only.
_GENERAL_VERBS = frozenset(
    en_key(w) for w in ("set", "make", "take", "get", "have", "do", "put", "keep", "see", "give")
)


def passive_variant(p: Pattern) -> Pattern | None:
    """The passive of a verb + object line: ``mass ~ troops`` also matches "troops were massed",
    ``lift ~ curfew`` "the curfew was lifted", ``impose ~ sanctions`` "sanctions had been imposed".

    Why: wire text reports what was done to someone in the passive as often as in the active,
    and the object of an event verb keeps its meaning either way.  Only lines of exactly a verb,
    a gap and object words qualify (prepositional frames such as "fire ~ on ~ positions" do not
    invert simply); the object may be up to :data:`GAP` words before the form of "be".
    """
    if p.pos != "V" or p.passive:
        return None
    if len(p.parts) in (4, 5):
        return _phrasal_passive_variant(p)
    if len(p.parts) != 3 or p.parts[1] is not None:
        return None
    verb, _gap, objects = p.parts
    if not verb or not objects or any(a[0] != "=" or a[1:] in _GENERAL_VERBS for a in verb):
        return None
    stop = {en_key(w) for w in _NOT_OBJECTS}
    nouns = tuple(a for a in objects if a[0] == "=" and a[1:] not in stop)
    if not nouns:
        return None
    return Pattern(p.kind, "V", (nouns, None, _PASSIVE_BE, verb), p.fallback, p.source + " (passive)", passive=True)


#: Particles a phrasal verb + object line may carry into its passive ("called off", "called up").
_PASSIVE_PARTICLES = frozenset({"off", "up", "out", "down", "over", "back", "away"})


def _phrasal_passive_variant(p: Pattern) -> Pattern | None:
    """The passive of a phrasal verb + object line: ``call off ~ strike`` (verb, particle, gap,
    objects) or ``call ~ up ~ reservists`` (verb, gap, particle, gap, objects) also matches "the
    strike was called off", "reservists were called up".  Why: the passive of a phrasal verb
    keeps its particle right after the participle, and wire text uses it as often as the
    active ("the talks were broken off")."""
    if len(p.parts) == 4:
        verb, particle, gap, objects = p.parts
        if gap is not None:
            return None
    else:
        verb, gap1, particle, gap2, objects = p.parts
        if gap1 is not None or gap2 is not None:
            return None
    if not verb or not particle or not objects or len(particle) != 1:
        return None
    if particle[0].lstrip("=!") not in _PASSIVE_PARTICLES or any(a[0] != "=" or a[1:] in _GENERAL_VERBS for a in verb):
        return None
    stop = {en_key(w) for w in _NOT_OBJECTS}
    nouns = tuple(a for a in objects if a[0] == "=" and a[1:] not in stop)
    if not nouns:
        return None
    parts = (nouns, None, _PASSIVE_BE, verb, particle)
    return Pattern(p.kind, "V", parts, p.fallback, p.source + " (passive)", passive=True)


def _phrasal_passive(p: Pattern) -> bool:
    """Whether ``p`` is the passive of a phrasal verb line (its last word is the particle)."""
    return p.passive and len(p.parts) == 5


def _raising(tokens: list[Token], last: int) -> bool:
    """Whether the participle at ``last`` only raises a verb that follows ("conditions are *set to*
    continue", "were *forced to* leave"): then the passive reports that verb's event, not its own."""
    if last + 2 >= len(tokens) or tokens[last + 1].lower != "to":
        return False
    nxt = tokens[last + 2]
    return nxt.text.isalpha() and nxt.text.islower() and nxt.lower not in _ARTICLES


_ARTICLES = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our"})


def _participle(tok: Token) -> bool:
    """Whether a verb form can be a past participle ("massed", "held", "taken"), not "holding"."""
    w = tok.lower
    return w.endswith(("ed", "en", "wn")) or (w in irregular_forms() and not w.endswith("ing"))


@cache
def word_list(name: str) -> frozenset[str]:
    """A one-word-per-line list from the data folder (lower-cased)."""
    return frozenset(r[0].lower() for r in _data_lines(name))


@cache
def prefixes(words: frozenset[str]) -> tuple[str, ...]:
    """The ``stem*`` entries of a word list, without the star (for ``str.startswith``)."""
    return tuple(w[:-1] for w in words if w.endswith("*"))


def in_words(word: str, words: frozenset[str]) -> bool:
    """Whether ``word`` is in a word list, exactly or by one of its ``stem*`` entries.

    The prefixes are computed once per list: scanning the list for stars on every token
    cost a tenth of the event stage.
    """
    return word in words or word.startswith(prefixes(words))


@cache
def cue_table(language: str) -> dict[str, list[tuple[str, ...]]]:
    """Modality and attribution cues: ``cue-class -> [token sequences]``.

    ``cues_<lang>.tsv`` lines are ``CLASS <TAB> phrase``; phrases use the
    same token syntax as triggers (English words inflect, ``stem*``).
    """
    lang = "ru" if language == "ru" else "en"
    english = lang == "en"
    table: dict[str, list[tuple[str, ...]]] = {}
    for row in _data_lines(f"cues_{lang}.tsv"):
        if english:
            for alt in row[1].lower().replace("|", " ").split():
                if not alt.endswith("*"):
                    _CUE_WORDS.setdefault(en_key(alt), set()).add(alt)
        seq = tuple(
            "|".join(alt if alt.endswith("*") else (en_key(alt) if english else alt) for alt in t.split("|"))
            for t in row[1].lower().replace("ё", "е").split()
        )
        table.setdefault(row[0], []).append(seq)
    return table


#: English cue words by their stem key: a token whose key is a cue's must also be an inflection
#: of the cue word itself, as for triggers (:func:`same_word`): "planes" has the key of "plan"
#: and is no plan ("transport planes flew tents" was read as a planned delivery).
_CUE_WORDS: dict[str, set[str]] = {}


def cue_at(seq: tuple[str, ...], tokens: list[Token], i: int) -> bool:
    """Whether the cue ``seq`` (from :func:`cue_table`) starts at token ``i``."""
    if i + len(seq) > len(tokens):
        return False
    for k, part in enumerate(seq):
        tok = tokens[i + k]
        if not any(
            (tok.lower.startswith(alt[:-1]) if alt.endswith("*") else tok.key == alt and _cue_word(tok, alt))
            for alt in part.split("|")
        ):
            return False
    return True


def _cue_word(tok: Token, key: str) -> bool:
    words = _CUE_WORDS.get(key)
    return not words or tok.lower in words or same_word(tok.lower, frozenset(words))


@lru_cache(maxsize=1)
def _calendar_words() -> frozenset[str]:
    from dossier.analyze.timex.english import MONTHS, SEASON_CODES, WEEKDAYS

    words = {w.lower() for w in [*MONTHS, *WEEKDAYS]} | set(SEASON_CODES)
    return frozenset(words - {"may", "march", "fall"})  # also a name, a verb: "May said", "March on"


def calendar_word(word: str) -> bool:
    """Whether a capitalised word is a weekday, month or season name of the time stage's own
    tables ("Spring floodwater", "September talks"): a time word even where no time expression
    was tagged.  "May", "March" and "Fall" are left out: they are names and verbs too."""
    return word[:1].isupper() and word.lower() in _calendar_words()
