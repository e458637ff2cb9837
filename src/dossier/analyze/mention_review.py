"""Checks on an article's mention candidates before they become entities.

Why a pass of its own: the statistical taggers decide span by span, so the
same name gets different kinds in one article ("Manchester United" a place
here and a person there), a dateline (``BRUSSELS —``, ``ГРОДНО, 14 марта.``)
or a capitalised sentence opener (``Despite``, ``Oil``, ``Впервые``, ``Все``)
becomes a name, headline capitals look like names, and an acronym the text
defines ("the European Union (EU)", "General Motors … GM") stays a second
entity.  Each check looks at the whole article, which a span-level tagger
cannot.  All of them run on :class:`~dossier.analyze.coref.Candidate` lists
and cost microseconds; the only model data used is pymorphy's dictionary (Russian
sentence openers), loaded with natasha.

Order: datelines, sentence openers, headline capitals, outlets, groups,
companies, surnames, acronyms, then one kind per name.  Gazetteer hits (equipment, outlets, well-known
organisations, countries and capitals) are trusted and never dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING

from dossier.analyze.lexicon import Lexicon, lexicon, territory_names, territory_regex
from dossier.resolve.entities import fold_name, initials

if TYPE_CHECKING:  # pragma: no cover
    from dossier.analyze.coref import Candidate

__all__ = ["common_opener", "company_words", "review"]

#: Labels of hits that come from our own lists, not from a statistical tagger.
_TRUSTED = frozenset(
    {"gazetteer", "equipment", "media", "telegram", "institution", "organisation", "law", "descriptor", "designation"}
)
_MODEL_KINDS = frozenset({"person", "org", "place", "other", "event"})

# -- datelines ------------------------------------------------------------------------------------

_CAPS = r"[A-ZА-ЯЁ][A-ZА-ЯЁ’'\-]+(?:[ .][A-ZА-ЯЁ][A-ZА-ЯЁ’'\-]+){0,3}"
#: A dateline opens a paragraph: a place in capitals, then an optional date after a comma,
#: an optional (outlet), and a dash; or, Russian style, the place, a comma, a date and a period.
_DATELINE = re.compile(
    rf"(?m)^[ \t]*(?P<place>{_CAPS})\.?"
    r"(?:(?P<dated>,[ \t]*[^\n—–()]{1,40}?)?(?:[ \t]*\((?P<outlet>[^()\n]{1,60})\))?[ \t]*(?:—|–|--|-)[ \t]"
    r"|,[ \t]*\d{1,2}[ \t]+[а-яё]+(?:[ \t]+\d{4}(?:[ \t]+года?)?)?[ \t]*[.—–-])"
)

# -- sentence openers -----------------------------------------------------------------------------

#: Function words and adverbs that open sentences and that no name list holds.
_OPENERS = frozenset(
    """despite although though however meanwhile moreover nevertheless nonetheless furthermore
    update updated breaking exclusive analysis opinion comment watch live read more also still yet
    after before during while since until unless because amid amidst among following according
    instead otherwise overall indeed perhaps today yesterday tomorrow tonight earlier later now then
    contrary unlike separately elsewhere regardless asked speaking citing nonetheless likewise
    turnout attendance inflation unemployment output revenue revenues sales profit profits growth demand
    production exports imports rainfall traffic ridership enrolment enrollment
    впервые все всё еще ещё также однако между тем кроме помимо после перед тогда сейчас сегодня
    вчера завтра теперь позже ранее затем итак напомним кстати словом главное обновлено
    """.split()  # noqa: SIM905 - a word list reads better as text
)
_RU_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr", "Init"})


def _common_english(word: str, text: str) -> bool:
    """A closed list of openers, or a word this article also writes in lower case ("Oil … oil")."""
    low = word.lower()
    if low in _OPENERS:
        return True
    return re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", text) is not None


def common_opener(word: str, language: str, text: str = "") -> bool:
    """Whether a capitalised word that opens a sentence is just a common word ("Despite", "Oil",
    "Впервые", "Все", "Операция"), not a name: for other stages that pick names out of raw text."""
    if language == "ru":
        return _common_russian(word) and not _russian_pronoun(word)
    return _common_english(word, text) if text else word.lower() in _OPENERS


def _russian_pronoun(word: str) -> bool:
    """ "Он", "Она": a pronoun stands for someone (later stages resolve it), unlike "Все" or "Впервые"."""
    from dossier.analyze.nlp import russian

    return any("NPRO" in p.tag.grammemes for p in russian().morph_vocab.parse(word))


def _common_russian(word: str) -> bool:
    low = word.lower()
    if low in _OPENERS:
        return True
    from dossier.analyze.nlp import russian

    morph = russian().morph_vocab
    if not morph.word_is_known(low):
        return False
    return not any(_RU_NAME_TAGS & set(p.tag.grammemes) for p in morph.parse(word))


# -- acronyms -------------------------------------------------------------------------------------

_ACRONYM = re.compile(r"^(?:[A-ZА-ЯЁ]\.?){2,6}$")
_ORG_CUES = frozenset(
    """united utd fc club inc inc. corp corp. corporation ltd ltd. plc llc ag gmbh sa co co. company group
    holdings bank party ministry council agency airlines airways motors university committee commission union
    association institute foundation federation court league board authority service services
    organisation organization fund trust exchange systems technologies industries partners
    """.split()  # noqa: SIM905 - a word list reads better as text
)


#: Trades that end company names ("Pellham Pharmaceuticals", "Harbor Freight Lines").
_COMPANY_TRADES = frozenset(
    "pharmaceuticals pharma foods lines energy resources media labs entertainment airline motors".split()  # noqa: SIM905
)


#: Cues of an organisation that are no company's legal form or trade: a foundation, party, club or
#: university named after a person or a company is another body ("the Ford Foundation" is not Ford,
#: "the Trump Organization" not Trump), so a one-word name never joins such a name.
_INSTITUTIONS = frozenset(
    """united utd fc club party ministry council agency university committee commission union association
    institute foundation federation court league board authority organisation organization fund trust exchange
    """.split()  # noqa: SIM905 - a word list reads better as text
)


@lru_cache(maxsize=1)
def company_words() -> frozenset[str]:
    """Folded words of a company's legal form or trade (``inc``, ``corp``, ``group``,
    ``pharmaceuticals``): after a name they say it is a company's full name.  Not the words of an
    institution (:data:`_INSTITUTIONS`), which is often named after someone else."""
    return frozenset(fold_name(w) for w in (_ORG_CUES - _INSTITUTIONS) | _COMPANY_TRADES) - {""}


# -- the review -----------------------------------------------------------------------------------


def review(cands: list[Candidate], text: str, sentences: Sequence[tuple[int, int]], language: str) -> None:
    """Fix the candidates of one article in place (see the module doc)."""
    if not cands:
        return
    lex = lexicon()
    _datelines(cands, text, lex)
    _sentence_openers(cands, text, sentences, language, lex)
    if language == "ru":
        _ru_adjective_fragments(cands, text, lex)
        _ru_regional_branches(cands, text)
    _place_after_place_noun(cands, text, language)
    if language == "en":
        _headline_caps(cands, text, lex)
    _outlets(cands, text, lex)
    _name_particles(cands, text)
    _honorifics_and_territories(cands, text)
    if language == "en":
        _missed_territories(cands, text, lex)
        _title_words(cands, text, lex)
    companies: set[str] = set()
    if language == "en":
        _dates_and_demonyms(cands, text, lex)
        _whole_hyphenated_words(cands, text)
        _reported_companies(cands, text, sentences, lex)
        _bodies_named_for_places(cands, text, lex)
        _sports_clubs(cands, text, lex)
        _places_by_their_words(cands, text, lex)
        _not_names(cands, text)
        _group_contexts(cands, text)
        companies = _company_contexts(cands, text, lex)
        _company_first_words(cands, text)
    _surnames(cands, companies)
    if language in {"en", "ru"}:
        _products(cands, text, language, lex)
    _acronyms(cands, text)
    _one_kind_per_name(cands, lex, companies)


def _known(c: Candidate, text: str, lex: Lexicon) -> bool:
    surface = text[c.start : c.end]
    key = surface.casefold()
    return (
        c.label in _TRUSTED
        or c.entry is not None
        or bool(c.attrs.get("type") in {"media", "government"})
        or key in lex.country_alias
        or key in lex.capital_of
        or key in lex.region
        or key in lex.media
        or surface in lex.organisation
    )


def _datelines(cands: list[Candidate], text: str, lex: Lexicon) -> None:
    """A dateline place is where the report was filed: a place marked ``dateline``, never an actor."""
    from dossier.analyze.coref import Candidate

    for m in _DATELINE.finditer(text):
        s, e = m.span("place")
        surface = text[s:e]
        known = lex.place_canonical(surface)
        name, attrs = known if known else (surface.title(), {})
        over = [c for c in cands if c.start < e and s < c.end]
        if any(c.start < s or c.end > e for c in over):
            continue  # a longer name runs through it: not a bare dateline
        if not (known or over or m.group("dated") or "(" in m.group(0) or m.group(0).rstrip()[-1] in ".—–"):
            continue  # "SOCCER - JAPAN WIN": a topic label before a hyphen, not a place
        for c in over:
            cands.remove(c)
        cands.append(Candidate(s, e, "place", name, "dateline", attrs={**attrs, "canonical": name, "dateline": True}))
        if m.group("outlet"):
            _dateline_outlet(cands, text, m.start("outlet"), m.end("outlet"))


def _dateline_outlet(cands: list[Candidate], text: str, start: int, end: int) -> None:
    """ "MINSK, December 6 (Minsk Ledger) —": the name in the dateline's parentheses is the outlet
    that filed the report; it is marked as part of the dateline (never an actor) and every
    mention of it in the article is that outlet (so it is a ``via``, never a speaker)."""
    inside = [c for c in cands if start <= c.start and c.end <= end]
    names = {text[c.start : c.end] for c in inside}
    for c in inside:
        c.attrs["dateline"] = True
    for c in cands:
        if text[c.start : c.end] in names and c.kind in _MODEL_KINDS | {"org"}:
            c.kind, c.given, c.surname, c.role = "org", None, None, None
            c.attrs["type"] = "media"


def _sentence_starts(text: str, sentences: Sequence[tuple[int, int]]) -> set[int]:
    """Offsets where a sentence's first word begins (after opening quotes, dashes, bullets)."""
    starts = set()
    for s, e in sentences:
        k = s
        while k < e and not text[k].isalnum():
            k += 1
        starts.add(k)
    return starts


def _sentence_openers(
    cands: list[Candidate], text: str, sentences: Sequence[tuple[int, int]], language: str, lex: Lexicon
) -> None:
    """Drop a one-word name that only opens a sentence and is a common word ("Despite", "Впервые").

    A word is kept when it is written with a capital somewhere else in the
    article (mid-sentence), because then it is a name there too.
    """
    if language not in {"en", "ru"}:
        return
    starts = _sentence_starts(text, sentences)
    for c in list(cands):
        surface = text[c.start : c.end]
        if c.start not in starts or " " in surface or c.kind not in _MODEL_KINDS or c.descriptor:
            continue
        if _known(c, text, lex) or _ACRONYM.match(surface) or not surface[:1].isupper():
            continue
        # a capital inside a longer name proves nothing ("Party" of "Unity Party"): only a capital
        # the word has on its own counts
        elsewhere = [
            m.start()
            for m in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", text)
            if m.start() not in starts
            and m.start() != c.start
            and not any(o.start <= m.start() and m.end() <= o.end and o.end - o.start > len(surface) for o in cands)
        ]
        if elsewhere:
            continue
        common = _common_english(surface, text) if language == "en" else _common_russian(surface)
        if common:
            cands.remove(c)


_NEXT_LOWER = re.compile(r"[ \t]+[а-яё]")


def _ru_adjective_fragments(cands: list[Candidate], text: str, lex: Lexicon) -> None:
    """Drop a one-word Russian organisation or person that can only be an adjective and stands
    before a lower-case word ("*Российской* премьер-лиги", "*Московская* городская дума" cut
    short): the tagger kept the capitalised adjective and lost the noun it qualifies, so the
    mention names nothing.  A quoted name («Единая») or a word that can be a noun stays."""
    from dossier.analyze.nlp import morph_vocab

    morph = morph_vocab()
    for c in list(cands):
        surface = text[c.start : c.end]
        if c.kind not in {"org", "person"} or " " in surface or _known(c, text, lex):
            continue
        if text[c.start - 1 : c.start] in "«\"“„" and c.start > 0:
            continue
        if _NEXT_LOWER.match(text, c.end) is None:
            continue
        parses = morph.parse(surface.lower())
        if parses and all(p.tag.POS in {"ADJF", "PRTF"} for p in parses):
            cands.remove(c)


#: Nouns for places after which "of" introduces the place's name ("the city of Arequipa"), or
#: which the name follows in apposition ("the capital Lilongwe", "the commercial hub Blantyre").
_PLACE_NOUN_OF = re.compile(
    r"(?i:\b(?:city|town|village|port|province|region|district|county|state|island|capital|republic|"
    r"municipality|suburb|neighbou?rhood)\s+of\s+$)"
    r"|\b(?:the|its)\s+(?:[a-z][a-z-]*\s+){0,2}(?:capital|city|town|village|port|hub|province|region|"
    r"island|suburb|enclave|oblast)\s+$",
)
#: Not the genitive ("мэр города Лужков": the mayor of the city, then his name), nor "г." (after a
#: year it abbreviates "год": "в 2014 г. Путин").
_RU_PLACE_NOUN = re.compile(
    r"(?:^|\s)(?:город|городе|городом|село|селе|деревня|деревне|посёлок|поселок|посёлке|поселке)\s+$", re.IGNORECASE
)


def _place_after_place_noun(cands: list[Candidate], text: str, language: str) -> None:
    """A name right after "the city of", "the province of" (Russian "в городе", "село") is a
    place whatever the tagger said ("the city of Arequipa" tagged an organisation)."""
    rx = _RU_PLACE_NOUN if language == "ru" else _PLACE_NOUN_OF
    for c in cands:
        if c.kind not in {"person", "org", "other"} or c.label in _TRUSTED or c.attrs.get("type") or c.descriptor:
            continue
        if rx.search(text, max(0, c.start - 30), c.start) is None:
            continue
        c.kind, c.given, c.surname, c.role = "place", None, None, None


_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"[A-Za-z][\w'’\-]*")


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """Headlines: the first line, or a line standing alone between blank lines, in headline style
    (four or more words, nearly every word of four letters or more capitalised, no sentence end).

    Lines inside a paragraph are never headlines: score tables, lists of names and Telegram
    lines are capitalised because they are names."""
    out = []
    lead = len(text) - len(text.lstrip())  # blanks before the first line (a prefix slice per line was quadratic)
    for m in _LINE.finditer(text):
        first = m.start() <= lead
        alone = text[max(0, m.start() - 2) : m.start()] == "\n\n" and text[m.end() : m.end() + 2] in ("\n\n", "\n", "")
        if not (first or alone):
            continue
        line = m.group().strip()
        if line[-1:] in ".!?;" or re.search(r"[.!?]\s+[A-ZА-ЯЁ]", line):
            continue  # sentences, not a headline
        words = [w for w in _WORD.findall(m.group()) if len(w) >= 4]
        if len(words) < 4:
            continue
        caps = sum(w[0].isupper() for w in words)
        if caps / len(words) >= 0.8:
            out.append(m.span())
    return out


def _headline_caps(cands: list[Candidate], text: str, lex: Lexicon) -> None:
    """In a headline-style line every word is capitalised, so a capital proves nothing: keep a
    model's name there only when the body writes it too (or a word list knows it)."""
    lines = _headline_lines(text)
    if not lines:
        return

    lines = sorted(lines)
    line_starts = [s for s, _e in lines]

    def in_headline(pos: int) -> bool:  # the lines do not overlap: the one starting last at or before pos
        k = bisect_right(line_starts, pos) - 1
        return k >= 0 and pos < lines[k][1]

    seen_in_body: dict[str, bool] = {}  # by probe: a headline repeating one name scans the text once
    dropped: set[int] = set()
    for c in cands:
        if not in_headline(c.start) or _known(c, text, lex) or c.kind not in _MODEL_KINDS:
            continue
        surface = text[c.start : c.end]
        probe = surface.split()[-1] if c.kind == "person" else surface
        # "JAPAN" in an all-capitals headline is "Japan" in the body; "Oil" there is "oil" in the body
        if probe not in seen_in_body:
            seen_in_body[probe] = any(
                not in_headline(m.start()) and m.group()[:1].isupper()
                for m in re.finditer(rf"(?<![\w-]){re.escape(probe)}(?![\w-])", text, re.IGNORECASE)
            )
        if not seen_in_body[probe]:
            dropped.add(id(c))
    if dropped:
        cands[:] = [c for c in cands if id(c) not in dropped]


def _outlets(cands: list[Candidate], text: str, lex: Lexicon) -> None:
    """A name on the outlet list is that outlet whatever the tagger called it ("Bloomberg" a place,
    "Telegraph" a person)."""
    for c in cands:
        if c.kind not in _MODEL_KINDS or c.label in _TRUSTED or c.descriptor:
            continue
        canonical = lex.media.get(text[c.start : c.end].casefold())
        if canonical is not None:
            c.kind, c.name, c.given, c.surname, c.role = "org", canonical, None, None, None
            c.attrs = {"type": "media"}
        elif c.kind in {"org", "other"} and _MEDIA_NOUN_BEFORE.search(text, max(0, c.start - 30), c.start):
            # "сообщает агентство «Урал-Пресс»", "the news agency Harbour Wire": an outlet the list
            # does not know, so it reports the statement (via) rather than making it
            c.kind = "org"
            c.attrs["type"] = "media"


#: A medium's own noun right before a name makes the name an outlet.
_MEDIA_NOUN_BEFORE = re.compile(
    r"(?:\b(?:агентств[оауе]|информагентств[оауе]|издани[ея]|газет[аыеу]|телеканал[аеу]?|радиостанци[яиюей]|"
    r"портал[аеу]?)|\bnews\s+(?:agency|website|site|outlet)|\bnewspaper|\bbroadcaster)\s*[«\"“]?\s*$",
    re.IGNORECASE,
)


_HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame", "lord", "lady"})
_HONORIFIC_BEFORE = re.compile(r"\b(?:mr|mrs|ms|dr|sir|dame|lord|lady)\.?\s+$", re.IGNORECASE)


def _title_before(text: str, start: int) -> bool:
    """Whether a title ("Mr ", "Dr. ", "Lady ") stands right before the name at ``start``.

    A title in capitals counts only before a name in capitals ("MR BLAIR" in a headline): "DR
    Congo" and "MS Dhoni" are an abbreviation and initials, not "Dr" and "Ms".
    """
    m = _HONORIFIC_BEFORE.search(text, max(0, start - 8), start)
    if m is None:
        return False
    title = m.group().strip().rstrip(".")
    if not title.isupper():
        return True
    name = re.match(r"[^\W\d_]+", text[start:])
    return name is not None and name.group().isupper()


#: Lower-case particles inside a person's name ("Andre Correa *do* Lago", "Ursula *von der* Leyen",
#: "Carlos *dos* Santos").
_PARTICLES = "da|de|do|dos|das|del|della|di|du|van|von|der|den|ten|ter|bin|ibn|al|el|la|le"
_PARTICLE_GAP = re.compile(rf"(?:[ \t]+(?:{_PARTICLES})){{1,3}}[ \t]+")
_PARTICLES_BEFORE = re.compile(rf"(?i:(?<![\w-])(?:{_PARTICLES}))(?:[ \t]+(?:{_PARTICLES}))*[ \t]+$")
_PARTICLE_END = re.compile(rf"[ \t](?:{_PARTICLES})$")


def _name_particles(cands: list[Candidate], text: str) -> None:
    """A person's name cut at a lower-case particle is one name: "Andre Correa" + "do" + "Lago"
    (the tagger's two persons, or a person and a place) is "Andre Correa do Lago"; so is
    "Ursula von der" + "Leyen".  Only a capitalised word of one or two words follows, with
    nothing but the particles between."""
    ordered = sorted((c for c in cands if c.kind in _MODEL_KINDS and not c.descriptor), key=lambda c: c.start)
    gone: set[int] = set()
    for i, c in enumerate(ordered):
        if id(c) in gone or c.kind != "person" or i + 1 >= len(ordered):
            continue
        nxt = ordered[i + 1]
        gap = text[c.end : nxt.start]
        if not (_PARTICLE_GAP.fullmatch(gap) or (gap in {" ", "\t"} and _PARTICLE_END.search(text[c.start : c.end]))):
            continue
        words = text[nxt.start : nxt.end].split()
        if not 1 <= len(words) <= 2 or not all(w[:1].isupper() for w in words) or nxt.label in _TRUSTED:
            continue
        c.end = nxt.end
        c.name = " ".join(text[c.start : c.end].split())
        # the surname runs from the word before the first particle ("Correa do Lago", "Lula da
        # Silva"), or from the particle when only the given name stands before it ("dos Santos")
        parts = c.name.split()
        first = next(k for k, w in enumerate(parts) if re.fullmatch(_PARTICLES, w))
        c.surname = " ".join(parts[max(first - 1, 1) if first > 1 else first :])
        c.given = c.given or parts[0]
        c.attrs.pop("canonical", None)
        gone.add(id(nxt))
    if gone:  # by identity, once: ``list.remove`` compares every field of every candidate before it
        cands[:] = [c for c in cands if id(c) not in gone]
    # "Von der" + "Leyen" opening a sentence after "Ursula von der Leyen": the tagger left the
    # capitalised particles out; the name they make is the full name's surname
    people = [c for c in cands if c.kind == "person" and not c.descriptor]
    tails = {fold_name(" ".join(p.name.split()[k:])) for p in people for k in range(1, len(p.name.split()) - 1)}
    for c in cands:
        if c.kind not in _MODEL_KINDS or c.descriptor or c.label in _TRUSTED:
            continue
        lead = _PARTICLES_BEFORE.search(text, max(0, c.start - 20), c.start)
        if lead is None or fold_name(text[lead.start() : c.end]) not in tails:
            continue
        c.start = lead.start()
        c.kind, c.role = "person", None
        c.name = " ".join(text[c.start : c.end].split())
        c.given, c.surname = None, c.name
        c.attrs.pop("canonical", None)
        people.append(c)
    # "Correa do Lago" after "Andre Correa do Lago": the shorter name is the longer one's surname
    # (the names' word-final parts indexed once: a long list of such names is not searched per name)
    ending_in: dict[str, list[Candidate]] = {}
    for p in people:
        folded = fold_name(p.name).split(" ")
        for k in range(1, len(folded)):
            ending_in.setdefault(" ".join(folded[k:]), []).append(p)
    for c in people:
        if not any(re.fullmatch(_PARTICLES, w.lower()) for w in c.name.split()[:-1]):
            continue
        longer = next((p for p in ending_in.get(fold_name(c.name), ()) if p is not c), None)
        if longer is not None:
            c.given, c.surname = None, c.name
            longer.surname = c.name
            longer.given = longer.name[: len(longer.name) - len(c.name)].strip() or longer.given


def _honorifics_and_territories(cands: list[Candidate], text: str) -> None:
    """ "Mr Ebbers" is a person whatever the tagger said (the title inside its span or right before
    it); "Sri Lanka" (a country or world region in
    any CLDR list) is a place unless it is a one-word person ("Jordan" may be a first name)."""
    places = territory_names()
    spans = [text[c.start : c.end] for c in cands if c.kind == "person"]
    named: Counter[str] = Counter(w for span in spans if " " in span for w in set(span.split()))
    for c in cands:
        if c.kind not in _MODEL_KINDS or c.label in _TRUSTED or c.descriptor or c.attrs.get("type"):
            continue
        surface = text[c.start : c.end]
        words = surface.split()
        if c.kind != "person" and len(words) >= 2 and words[0].lower() in _HONORIFICS:
            rest = words[1:]
            if len(rest) <= 3 and all(w[:1].isupper() for w in rest):
                c.start = c.start + surface.index(rest[0])
                c.kind, c.name, c.surname, c.given = "person", " ".join(rest), rest[-1], None
                c.attrs.pop("canonical", None)
            continue
        if (
            c.kind != "person"
            and len(words) <= 3
            and all(w[:1].isupper() for w in words)
            and _title_before(text, c.start)
        ):
            # "Mr [Wang]" with the title outside the tagger's span: a person just the same
            c.kind, c.name, c.surname, c.role = "person", surface, words[-1], None
            c.given = words[0] if len(words) > 1 else None
            c.attrs.pop("canonical", None)
            continue
        if c.kind != "place" and surface.casefold() in places and (c.kind != "person" or len(words) > 1):
            c.kind, c.given, c.surname, c.role = "place", None, None, None
        elif c.kind == "person" and len(words) == 1 and surface.casefold() in places and not named[surface]:
            # "a cholera outbreak in Malawi" tagged a person: a one-word territory is a first name or
            # surname only when a longer person's name in the article holds it ("Jordan" of "Michael Jordan")
            c.kind, c.given, c.surname, c.role = "place", None, None, None


#: A capitalised title head right after a word ("Ports *Minister*", "Mining *Secretary*").
_TITLE_HEAD_AFTER = re.compile(r"[ \t]+(?:Minister|Secretary|Commissioner|Undersecretary)\b")
_TITLE_OPENING = re.compile(r"(?:^|[.!?\n]\s*|['’]s[ \t]+|\b(?:the|The|a|A)[ \t]+)$")


def _title_words(cands: list[Candidate], text: str, lex: Lexicon) -> None:
    """A single capitalised word that opens a title ("Brazil's *Ports* Minister", "the *Mining*
    Secretary") names the portfolio, not an organisation: dropped unless it is a known name."""
    for c in list(cands):
        if c.kind not in {"org", "other"} or " " in text[c.start : c.end] or _known(c, text, lex):
            continue
        if _TITLE_HEAD_AFTER.match(text, c.end) and _TITLE_OPENING.search(text, max(0, c.start - 8), c.start):
            cands.remove(c)


_CAP_WORD_AFTER = re.compile(r"[ \t]+[A-Z]")
_PLACE_PREP_BEFORE = re.compile(
    r"\b(?:in|from|to|into|across|near|of|at|via|through|throughout|between|and|or|including)[ \t]+(?:the[ \t]+)?$"
)
_JOINED_AFTER = re.compile(r"(?:,|[ \t]+(?:and|or))[ \t]+")
_CAP_WORD_BEFORE = re.compile(r"[A-Z][\w.'’-]*[ \t]+$")


def _missed_territories(cands: list[Candidate], text: str, lex: Lexicon) -> None:
    """A country or territory the tagger missed ("Neighbouring *Mozambique* and Zambia"): a place.
    Not inside a longer capitalised name ("Chad Morris", "New Mexico", "Jersey City"), nor a
    common given name, nor where a mention already stands."""
    from dossier.analyze.rules import place_candidate

    # A match overlaps a mention when one of the mentions starting before its end ends after its
    # start: the mentions sorted by start, with the furthest end so far, answer that by bisection
    # (a scan of every mention for every match was quadratic on a long list of countries).  The
    # places added below need no entry: the matches come in order and never overlap each other.
    spans = sorted((c.start, c.end) for c in cands)
    starts = [cs for cs, _ce in spans]
    furthest = list(accumulate((ce for _cs, ce in spans), max))
    place_starts = {c.start for c in cands if c.kind == "place"}
    for m in territory_regex().finditer(text):
        s, e = m.span()
        n = bisect_left(starts, e)
        if n and furthest[n - 1] > s:
            continue
        before = _CAP_WORD_BEFORE.search(text, max(0, s - 30), s)
        if _CAP_WORD_AFTER.match(text, e) or (before and not before.group().strip().endswith(("ing", "ern"))):
            continue  # "Neighbouring Mozambique" and "Southern Sudan" still stand
        if " " not in m.group() and _first_name(m.group()):
            continue
        # where a place stands: after a preposition of place, or joined to a place the tagger found
        # ("Mozambique and Zambia"); a bare one-word subject may still be a person ("Jordan said")
        prep = _PLACE_PREP_BEFORE.search(text, max(0, s - 12), s)
        joined = _JOINED_AFTER.match(text, e)
        partner = joined is not None and joined.end() in place_starts
        if prep is None and not partner:
            continue
        cands.append(place_candidate(s, e, m.group(), "territory", lex))


#: Time-zone abbreviations: a clock, never an entity ("1815 GMT").
_TIME_ZONES = frozenset({"gmt", "bst", "utc", "cet", "cest", "eet", "eest", "est", "edt", "cst", "cdt", "mst",
                         "mdt", "pst", "pdt", "msk", "jst", "ist", "aest", "aedt"})  # fmt: skip
#: Nouns that, right after a name, make it a team, club, party or company ("Villa boss David
#: O'Leary", "Chelsea fans", "Labour supporters"): a person is not followed by them.
_GROUP_HEADS = frozenset(
    """boss manager coach chairman chief striker midfielder defender goalkeeper keeper captain fans
    supporters squad players shareholders members spokesman spokeswoman executive executives""".split()  # noqa: SIM905
)


_PLURAL_VERBS = frozenset(
    """are were have say said will would could can may might should must do did want need argue
    claim believe insist plan hope also accused warned""".split()  # noqa: SIM905
)


_PART_OF = re.compile(r"(?P<lead>[A-Z][a-z]+s)\s+(?:of|in)\s+(?P<name>\S.*)")


def _company_first_words(cands: list[Candidate], text: str) -> None:
    """A one-word "person" that is the first word of a company named in full in the article
    ("Corvane Pharmaceuticals Inc" … "Corvane said") is that company, unless a person named in
    full has it as a surname; coreference then joins it to the full name."""
    words = company_words()
    firsts = set()
    for c in cands:
        parts = text[c.start : c.end].split()
        if c.kind == "org" and len(parts) >= 2 and all(fold_name(w) in words for w in parts[1:]):
            firsts.add(parts[0])
    surnames = {c.surname for c in cands if c.kind == "person" and c.given}
    for c in cands:
        surface = text[c.start : c.end]
        if c.kind == "person" and not c.given and surface in firsts and surface not in surnames:
            c.kind, c.surname, c.role = "org", None, None


#: "Oct 2", "March 11", "Sept. 30": a day of a month, which a tagger calls a person in a
#: dateline ("VIENNA, Oct 2 —") because it stands where a byline name could.
_MONTH_DAY = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?"
)


def _dates_and_demonyms(cands: list[Candidate], text: str, lex: Lexicon) -> None:
    """Drop a name that is a calendar day ("Oct 2") or only a nationality word ("Moldovan" in "the
    Moldovan federation", "Moldovan riders"): neither is an actor, and as a "person" each became the
    speaker of the sentence it opened. A longer name holding one ("Georgian Dream") is kept."""
    for c in list(cands):
        if c.label in _TRUSTED or c.descriptor:
            continue
        surface = text[c.start : c.end]
        if _MONTH_DAY.fullmatch(surface) or (c.kind in {"person", "org"} and surface.casefold() in lex.demonym):
            cands.remove(c)
        elif c.kind == "person" and " " in surface and surface.split()[0].casefold() in lex.demonym:
            # "Georgian Dream": a nationality never opens a person's name; a party or a company it is
            c.kind, c.given, c.surname, c.role = "org", None, None, None


#: The rest of a hyphenated surname after a cut: one or two capitalised parts, bounded, so a run of
#: "S-S-S-…" costs nothing per candidate.
_HYPHEN_REST = re.compile(r"(?:-[A-ZА-ЯЁ][a-zа-яё'’]{1,30}){1,2}(?![\w-])")


def _whole_hyphenated_words(cands: list[Candidate], text: str) -> None:
    """A name cut at a hyphen ("Meinl" of "Meinl-Reisinger added ...") is the whole word: the
    tagger split the token, and the fragment became a second entity and a wrong speaker. The
    whole word is then matched as the surname of a person named in full, if the article has one."""
    starts = sorted(c.start for c in cands)
    for c in cands:
        if c.label in _TRUSTED or c.kind not in _MODEL_KINDS:
            continue
        m = _HYPHEN_REST.match(text, c.end)
        end = m.end() if m else c.end
        if end == c.end or bisect_left(starts, end) > bisect_left(starts, c.end):
            continue  # another name starts inside the rest of the word
        c.end = end
        c.name = text[c.start : end]
        c.attrs.pop("canonical", None)
        if c.kind != "person" and any(
            o.kind == "person" and o.given and o.surname == c.name for o in cands if o is not c
        ):
            c.kind, c.surname, c.given, c.role = "person", c.name, None, None


#: A statement closed by a body named only by its trade ("…, the company said on Wednesday",
#: "…, the carmaker said"): the sentence's subject is that body.
_BUSINESS_SOURCE = re.compile(
    r",\s+the\s+(?:company|firm|miner|mining\s+group|carmaker|automaker|group|airline|bank|lender|retailer|"
    r"producer|insurer|operator|manufacturer|governing\s+body|body|federation|agency|regulator)\s+"
    r"(?:said|says|added|announced|reported|confirmed|stated)\b"
)
#: The capitalised name that opens such a sentence (after an optional "The"), one to four words.
_OPENING_NAME = re.compile(r"(?:The\s+)?(?P<name>[A-Z][\w&'’-]*[a-z][\w&'’-]*(?:\s+[A-Z][\w&'’-]+){0,3})\s+[a-z]")


def _reported_companies(
    cands: list[Candidate], text: str, sentences: Sequence[tuple[int, int]], lex: Lexicon
) -> None:
    """A body the text reports as "the company said" is an organisation, found or not.

    Why: a one-word company the small tagger does not know ("Glencore will cut cobalt output …,
    the company said") was no entity at all, so the lead of a mining story had neither an actor
    nor a speaker. The name that opens a sentence whose statement is credited to "the company",
    "the miner", "the governing body" is that body: it becomes an organisation here and at every
    other whole-word occurrence in the article (the headline too). A common word ("Prices",
    "Output") or a name the tagger made a person with a given name is left alone.
    """
    from dossier.analyze.coref import Candidate

    taken = {text[c.start : c.end] for c in cands if c.kind == "person" and c.given}
    names: list[str] = []
    lower: set[str] | None = None
    for s, e in sentences:
        if _BUSINESS_SOURCE.search(text, s, e) is None:
            continue
        head = s
        dateline = _DATELINE.match(text, s, e)
        if dateline is not None:
            head = dateline.end()
        m = _OPENING_NAME.match(text, head, e)
        if m is None:
            continue
        name = m.group("name")
        if name in taken or name in names or name.casefold() in lex.demonym:
            continue
        first = name.split()[0].lower()
        if lower is None:  # the text's words, once: a regex over the text per name would be quadratic
            lower = set(re.findall(r"[\w-]+", text))
        if first not in _OPENERS and first not in lower:
            names.append(name)
    if not names:
        return
    cands.sort(key=lambda c: c.start)
    starts = [c.start for c in cands]
    longest = max((c.end - c.start for c in cands), default=0)
    occurrences = _Occurrences(text, names)  # one pass over the text for all the names
    drop: set[int] = set()
    added: list[Candidate] = []
    for name in names:
        for at in occurrences(name):
            end = at + len(name)
            near = cands[bisect_left(starts, at - longest) : bisect_left(starts, end)]
            over = [c for c in near if c.start < end and at < c.end]
            if any(c.label in _TRUSTED or c.start < at or c.end > end or id(c) in drop for c in over):
                continue  # a longer name or a gazetteer hit holds it
            drop.update(id(c) for c in over)
            added.append(Candidate(at, end, "org", name, "reported_company", attrs={"company": True}))
    cands[:] = sorted([c for c in cands if id(c) not in drop] + added, key=lambda c: c.start)


#: Words that make a place name a longer place, never a body ("Northern Canada", "New Zealand").
_GEO_MODIFIERS = frozenset(
    """north south east west northern southern eastern western central north-east north-west south-east
    south-west northeast northwest southeast southwest upper lower greater new old great little saint st
    mount lake cape port fort gulf bay island islands republic kingdom state states federal democratic
    united rural coastal outer inner mainland downtown metropolitan atlantic pacific arctic
    """.split()  # noqa: SIM905 - a word list reads better as text
)
#: Titles before a name: "President Macron" is a person, never a body named for a country.
_TITLE_WORDS = frozenset(
    "president minister premier king queen prince princess chancellor general mr mrs ms dr".split()  # noqa: SIM905
)


@lru_cache(maxsize=1)
def _english_nouns() -> frozenset[str]:
    """English words that can only be nouns, by the parser's lemmatizer tables (WordNet's indexes
    in ``en_core_web_sm``): in the noun index and in neither the adjective nor the adverb index
    ("Environment", "Statistics"; not "Former", "One")."""
    from dossier.analyze.nlp import english_parser

    table = english_parser().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(table["noun"]) - frozenset(table["adj"]) - frozenset(table["adv"])


_WORD_BEFORE = re.compile(r"(?<![\w.'’-])([A-Z][a-z]{2,}) $")


def _bodies_named_for_places(cands: list[Candidate], text: str, lex: Lexicon) -> None:
    """A common noun written with a capital right before a country or region names a body of it,
    not the place: "*Environment* Canada said", "*Statistics* Canada", "*Sport* England".

    Why: the tagger often finds only the country in such a name, so an agency's statement was
    credited to the country.  The word must be an English noun that is no compass or geographic
    word ("Northern Canada", "New Zealand"), no title, no demonym, no time word, no sentence
    opener ("Meanwhile Canada"), and not already part of a name; the two words become one
    organisation at every place where the article writes them."""
    from dossier.analyze.coref import Candidate
    from dossier.analyze.eventing.lexicon import calendar_word

    found: set[str] = set()
    for c in cands:
        if c.kind != "place":
            continue
        surface = text[c.start : c.end]
        known = lex.place_canonical(surface)
        if known is None or known[1].get("type") not in {"country", "region"}:
            continue
        m = _WORD_BEFORE.search(text, max(0, c.start - 40), c.start)
        if m is None:
            continue
        word = m.group(1)
        low = word.lower()
        if (
            low in _GEO_MODIFIERS
            or low in _TITLE_WORDS
            or low in _OPENERS
            or calendar_word(word)
            or lex.country_of_adjective(word) is not None
            or any(o.start <= m.start(1) < o.end for o in cands)
            or low not in _english_nouns()
        ):
            continue
        found.add(f"{word} {surface}")
    if not found:
        return
    drop: set[int] = set()
    added: list[Candidate] = []
    for name in sorted(found):
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            over = [o for o in cands if o.start < m.end() and m.start() < o.end]
            if any(o.start < m.start() or o.end > m.end() for o in over):
                continue  # a longer name holds it
            drop.update(id(o) for o in over)
            added.append(Candidate(m.start(), m.end(), "org", name, "body_of_place"))
    cands[:] = sorted([c for c in cands if id(c) not in drop] + added, key=lambda c: c.start)


#: Nouns of goods a maker names by model ("the Corolla *sedan*", "*автомобилей* Lada Vesta").
_GOODS = re.compile(
    r"(?i)\b(?:cars?|models?|sedans?|suvs?|crossovers?|hatchbacks?|pickups?|trucks?|vehicles?|evs?|phones?|"
    r"smartphones?|handsets?|tablets?|laptops?|consoles?|jets?|jetliners?|airliners?|aircraft|planes?|"
    r"helicopters?|drones?|автомобил\w*|машин\w*|модел\w*|седан\w*|кроссовер\w*|внедорожник\w*|"
    r"смартфон\w*|телефон\w*|самол[её]т\w*|лайнер\w*|вертол[её]т\w*|грузовик\w*|электромобил\w*)\b"
)
#: Words around a product name that show goods are meant: the goods nouns and what is done with
#: goods (sold, delivered, recalled, unveiled, a fleet, orders).
_GOODS_CONTEXT = re.compile(
    _GOODS.pattern[:-3] + r"|deliver\w*|fleets?|orders?|grounded|recall\w*|unveil\w*|launch\w*|sales?|sold|"
    r"sell\w*|production|assembl\w*|best-selling|продаж\w*|выпуск\w*|производств\w*|отзыв\w*|поставк\w*|"
    r"конвейер\w*)\b"
)
#: A code that mixes letters and digits ("Q4", "A320neo", "S25", "X5", "F-150"): a model, whatever
#: the context, unlike a bare number ("Ajax 3" in a results table).
_MIXED_CODE = re.compile(r"^(?=[\w-]*[A-Za-z])(?=[\w-]*\d)[A-Za-z\d-]+$")
#: One word of a model designation: a capitalised word, a code with a digit ("Q4", "737", "A320neo",
#: "S25"), or a hyphenated lower-case suffix ("e-tron").
_MODEL_WORD = r"(?:[A-Z][A-Za-z]+|[A-Z]*\d+[A-Za-z\d]*|[A-Z]{2,}|[a-z]+-[a-z]+)"
_DESIGNATION = re.compile(rf" ({_MODEL_WORD}(?: {_MODEL_WORD}){{0,2}})(?![\w-])")
#: An aircraft or model type number right before a name ("the *737* MAX"); no year.
_TYPE_NUMBER = re.compile(r"(?<!\d )(?<![\w.,/-])(?!(?:19|20)\d\d )(\d{3,4}[A-Za-z]*) $")
#: A run of two or three Latin words in Cyrillic text ("Lada Granta", "Niva Travel"), or one with a code.
_LATIN_RUN = re.compile(r"(?<=[а-яё,] )([A-Z][a-z]+ (?:[A-Z][A-Za-z]+|[A-Z]*\d+\w*)(?: [A-Z][A-Za-z\d]+)?)(?![\w-])")
#: A model code after a determiner or an adjective ("the electric *Q4 e-tron*"), with its suffix.
_LONE_CODE = re.compile(r"\b(?:the|its|their|new|electric|a|an) ([A-Z]{1,2}\d{1,3}[a-z]*(?: [a-z]+-[a-z]+)?)(?![\w-])")
#: A quarter or half of a year ("Q3", "H1"), alone: a period, not a model.
_QUARTER = re.compile(r"^(?:Q[1-4]|H[12])$")
#: A camel-case product name with an optional number ("iPhone 17", "iPad Pro").
_CAMEL_PRODUCT = re.compile(r"(?<![\w-])(i[A-Z][a-z]+(?: (?:\d+\w*|Pro|Max|Air|Mini))*)(?![\w-])")
#: A run of Latin names in Cyrillic text right after a goods noun ("автомобилей *Lada Vesta*").
_LATIN_AFTER_GOODS = re.compile(rf"(?i:{_GOODS.pattern[4:]}) ([A-Z][A-Za-z]+(?: {_MODEL_WORD}){{0,2}})(?![\w-])")


def _goods_near(text: str, start: int, end: int, reach: int = 60) -> bool:
    """Whether goods or what is done with goods are named within ``reach`` characters of a span."""
    return _GOODS_CONTEXT.search(text, max(0, start - reach), min(len(text), end + reach)) is not None


def _products(cands: list[Candidate], text: str, language: str, lex: Lexicon) -> None:
    """Products named by their maker and model are entities of their own (kind ``other``,
    ``product: true``): "Toyota *Corolla*", "Audi Q4 e-tron", "Boeing 737 MAX", "iPhone 17",
    "автомобилей Lada Vesta".

    Why: the small taggers miss most of them, or cut them (the maker an org, the model a stray
    org "MAX"), so a story about a car or a plane named no product.  A maker is an organisation
    the article names; the designation after it counts when it holds a code with a digit or the
    sentence names the kind of goods (car, model, phone, jet...), never when it is a place, an
    organisation word ("Toyota Motor", "BMW Group") or a name the tagger already holds."""
    from dossier.analyze.coref import Candidate

    spans: list[tuple[int, int]] = []
    makers = [
        c
        for c in cands
        if c.kind == "org"
        and c.label != "media"
        and " " not in text[c.start : c.end]
        and not (text[c.start : c.end].isupper() and c.end - c.start > 4)  # "CLEVELAND 80 53" (a table)
    ]
    designations: dict[tuple[int, int], str] = {}  # span of a model after its maker -> full name
    for c in makers:
        m = _DESIGNATION.match(text, c.end)
        if m is None:
            continue
        words = m.group(1).split()
        while words and (words[-1].lower() in _ORG_CUES or words[-1].lower() in _COMPANY_TRADES):
            words.pop()
        if not words or words[0].lower() in _ORG_CUES or lex.place_canonical(words[0]) is not None:
            continue
        end = c.end + 1 + len(" ".join(words))
        if re.match(r"\s+\d", text[end : end + 3]):
            continue  # "Hanwha 58 1 49": a row of figures, not a model
        mixed = any(_MIXED_CODE.match(w) for w in words)
        if not mixed and not _goods_near(text, c.start, end):
            continue
        if any(o.start < end and c.end < o.end and o.kind == "person" for o in cands):
            continue
        # the maker keeps its mention (it is named there too); the model's mention is the
        # designation, named with its maker ("Audi Q4 e-tron")
        designations[(c.end + 1, end)] = text[c.start : end]
        spans.append((c.end + 1, end))
    for m in _CAMEL_PRODUCT.finditer(text):
        spans.append(m.span(1))
    if language == "ru":
        for m in _LATIN_AFTER_GOODS.finditer(text):
            spans.append(m.span(1))
        for m in _LATIN_RUN.finditer(text):  # «конвейер Lada Vesta», «выпуск Niva Travel»
            if _goods_near(text, m.start(1), m.end(1), reach=30):
                spans.append(m.span(1))
    for m in _LONE_CODE.finditer(text):  # "the electric Q4 e-tron", "its X5"
        if not _QUARTER.match(m.group(1)) and _goods_near(text, m.start(1), m.end(1)):
            spans.append(m.span(1))
    for c in cands:  # "the 737 MAX": a type number before a one-word name the tagger took alone
        m = _TYPE_NUMBER.search(text, max(0, c.start - 8), c.start)
        if m is None or c.kind not in {"org", "other"} or " " in text[c.start : c.end]:
            continue
        if re.match(r"\s+\d", text[c.end : c.end + 3]) or not _goods_near(text, m.start(1), c.end):
            continue
        spans.append((m.start(1), c.end))
    # a maker of one product found names its others too ("Lada Vesta и *Lada Granta*")
    names = [designations.get((s, e), text[s:e]) for s, e in spans]
    makers_of = {n.split()[0] for n in names if " " in n and n.split()[0][:1].isupper()}
    held = {text[c.start : c.end]: c for c in cands if c.kind == "org"}
    for maker in makers_of - {w for w in makers_of if not w.isalpha()}:
        for m in re.finditer(rf"(?<![\w-]){re.escape(maker)}(?={_DESIGNATION.pattern})", text):
            d = _DESIGNATION.match(text, m.end())
            if d is None or d.group(1).split()[0].lower() in _ORG_CUES:
                continue
            end = m.end() + 1 + len(d.group(1).split()[0])
            if maker in held:  # the maker is a mention of its own: the model's mention is the rest
                designations[(m.end() + 1, end)] = text[m.start() : end]
                spans.append((m.end() + 1, end))
            else:
                spans.append((m.start(), end))
    if not spans:
        return
    drop: set[int] = set()
    added: list[Candidate] = []
    for s, e in sorted(set(spans), key=lambda span: (span[0], -span[1])):  # the longest of one start
        over = [o for o in cands if o.start < e and s < o.end]
        held = any(o.start < s or o.end > e or o.label in _TRUSTED for o in over)
        if held or any(a.start < e and s < a.end for a in added):
            continue  # a longer name or a known system holds it
        drop.update(id(o) for o in over)
        added.append(Candidate(s, e, "other", designations.get((s, e), text[s:e]), "product", attrs={"product": True}))
    cands[:] = sorted([c for c in cands if id(c) not in drop] + added, key=lambda c: c.start)


#: Lower-case words after a name that make it a place: a site ("Mutanda mine", "Gyor plant"), or a
#: local office or population ("Kamloops mayor", "Kamloops residents").
_PLACE_AFTER = re.compile(
    r"\s+(?:mine|mines|smelter|refinery|plant|factory|mill|oilfield|gasfield|field|deposit|dam|reservoir|"
    r"mayor|governor|residents|county|district|province|region|valley|river|lake)\b"
)
#: A locative before a name ("on the Danube", "in Aigle", "near the Danube").
_PLACE_BEFORE = re.compile(r"\b(?:in|near|outside|along|across|on|over)\s+(?:the\s+)?$")
#: What may follow a name that ends its noun phrase: punctuation, the end, or a function word.
_CLOSES_PHRASE = re.compile(r"\s*(?:[^\w\s]|$)|\s+(?:and|or|in|on|at|to|from|with|for|by|is|was|were|has|had|will)\b")
_INSTITUTION_WORDS = frozenset("parliament congress senate government cabinet kremlin council court".split())  # noqa: SIM905


def _places_by_their_words(cands: list[Candidate], text: str, lex: Lexicon) -> None:
    """A one-word "person", "org" or "event" that the words around it write as a place is a place:
    "the Mutanda mine", "Kamloops mayor Reid Hamer", "a meeting in Aigle", "a corridor on the
    Danube" (no one is named with "the"). A body the text writes as a company keeps its kind
    ("Audi plant"), and so do gazetteer hits, acronyms and institutions ("in Parliament").
    An organisation whose name ends in an organisation word ("World Anti-Doping Agency") is
    never an event."""
    for c in cands:
        if c.label in _TRUSTED or c.descriptor or c.attrs.get("company") or c.attrs.get("type"):
            continue
        surface = text[c.start : c.end]
        if c.kind == "event" and surface.split()[-1].lower() in _ORG_CUES:
            c.kind = "org"
            continue
        if c.kind not in {"person", "org", "event"} or " " in surface or _ACRONYM.match(surface):
            continue
        if surface.lower() in _ORG_CUES | _INSTITUTION_WORDS or surface.casefold() in lex.demonym:
            continue
        if c.kind == "person" and (c.given or c.role):
            continue
        before = text[max(0, c.start - 20) : c.start]
        # "the Danube." is a place; "the Dickens character" keeps its person (a name that modifies a noun)
        the_person = (
            c.kind == "person" and re.search(r"\bthe\s+$", before) is not None
            and _CLOSES_PHRASE.match(text, c.end) is not None
        )
        if _PLACE_AFTER.match(text, c.end) or _PLACE_BEFORE.search(before) or the_person:
            c.kind, c.given, c.surname, c.role = "place", None, None, None
            c.attrs.pop("canonical", None)


def _not_names(cands: list[Candidate], text: str) -> None:
    """Drop what a tagger takes for a name but is a clock's time zone ("GMT"), and trim a plural
    noun for a part of an organisation off its name ("Shares of Pellham", "Employees of Acme"):
    when the rest is an organisation the article names on its own, the mention is that one."""
    for c in list(cands):
        if c.label not in _TRUSTED and text[c.start : c.end].casefold() in _TIME_ZONES:
            cands.remove(c)
    orgs = {text[c.start : c.end] for c in cands if c.kind == "org"}
    for c in cands:
        m = _PART_OF.fullmatch(text, c.start, c.end) if c.kind in {"org", "other"} else None
        if m is None or m.group("name") not in orgs or c.label in _TRUSTED:
            continue
        c.start, c.kind, c.name = m.start("name"), "org", m.group("name")


def _group_contexts(cands: list[Candidate], text: str) -> None:
    """A "person" the text writes as a group is an organisation: "the Lib Dems" (the article
    and a plural: no person is named so), "Villa boss", "Chelsea fans" (a name compounded
    with a member or a leader of a group).  All mentions of that name change with it."""
    grouped: set[str] = set()
    for c in cands:
        if c.kind != "person" or c.label in _TRUSTED or c.descriptor or c.attrs.get("type"):
            continue
        words = text[c.start : c.end].split()
        before = text[max(0, c.start - 4) : c.start]
        after = _WORD.match(text, c.end + 1) if text[c.end : c.end + 1] == " " else None
        plural_group = before.casefold() == "the " and len(words[-1]) > 3 and words[-1].endswith("s")
        plural_group = plural_group and not words[-1].endswith(("ss", "'s", "’s"))
        # ... as the subject of a plural verb ("the Lib Dems say"), not a modifier ("the Dickens novel")
        plural_group = plural_group and after is not None and after.group().lower() in _PLURAL_VERBS
        if plural_group or (after is not None and after.group().lower() in _GROUP_HEADS):
            grouped.add(fold_name(c.name))
    if not grouped:
        return
    for c in cands:
        if c.kind in {"person", "other"} and c.label not in _TRUSTED and fold_name(c.name) in grouped:
            c.kind, c.given, c.surname, c.role = "org", None, None, None
            c.attrs.pop("canonical", None)


#: Common nouns that, written in lower case right before a name, say what kind of business it is
#: ("oil firm Yukos", "retail bank Absa", "equipment supplier Ericsson", "Japanese subsidiary Fuso").
_COMPANY_NOUNS = frozenset(
    """firm company bank lender insurer retailer carrier airline carmaker automaker manufacturer
    supplier subsidiary unit conglomerate brewer distiller chain broadcaster utility outfit group""".split()  # noqa: SIM905
)
# Not "producer", "publisher", "developer", "maker", "miner", "operator": people's trades too
# ("film producer Jon Thoday", "publisher Rupert Murdoch").
#: "giant" is a company only after an industry ("oil giant Yukos"), not in "literary giant Dickens".
_INDUSTRIES = frozenset(
    """oil gas energy media software technology tech internet telecoms telecom retail banking drinks food
    mining steel chemicals chemical drugs drug pharmaceutical pharmaceuticals car auto computer chip
    electronics insurance airline aerospace defence defense tobacco engineering brewing""".split()  # noqa: SIM905
)
#: Words after a name (its possessive optional) that only a company has ("Electrolux chief executive",
#: "Absa's shareholders", "Acme Ltd"): strong enough to re-type even a "place".
_COMPANY_AFTER_STRONG = re.compile(
    r"(?:['’]s?)?\s+(?:(?:deputy\s+)?chief\s+executive|ceo|chairman|shareholders|share\s+price|subsidiary"
    r"|subsidiaries|parent\s+company|owners?)\b"
    r"|\s+(?:Ltd|Inc|plc|PLC|Corp|Corporation|LLC|GmbH|AG|NV|Plc)\b",
    re.IGNORECASE,
)
#: "Circuit City's shares": a place has no shares (a market town's "London shares" has no possessive).
_COMPANY_POSSESSIVE_SHARES = re.compile(r"['’]s?\s+shares\b")
#: Weaker: "Altria shares rose" (the noun: a price word, a preposition or punctuation follows, never
#: an object as in "Blair shares concerns"), "shares in Gazprom", "a stake in Fuso", "the Maserati
#: brand".  A market
#: is named the same way ("shares in Tokyo", "London shares"), so these re-type a "person" or "other"
#: only.  Not "X company" or "X firm": a place names a firm so ("a Yorkshire company").
_COMPANY_AFTER_WEAK = re.compile(
    r"\s+shares(?=\s*(?:[,.;:)]|$)|\s+(?:rose|fell|slipped|jumped|climbed|gained|lost|dropped|dipped|soared"
    r"|slumped|surged|tumbled|closed|ended|opened|traded|were|are|have|had|will|up|down|in|on|at|by)\b)"
    r"|\s+brands?\b"
)
_COMPANY_BEFORE_WEAK = re.compile(r"\b(?:shares|stake|stakes|holding|investment)\s+in\s+$", re.IGNORECASE)
#: The name ends a longer one ("Royal Bank of Scotland chief executive", "Marks & Spencer shares"):
#: what follows is said of the longer name ("shares of Altria", "4% and Altria shares" are no such).
_TAIL_OF_NAME = re.compile(r"(?<![\w-])[A-Z][\w.'’-]*\s+(?:of|and|for|&)\s+$")
_COMPANY_BEFORE_NOUN = re.compile(r"(?P<lead>[\w-]+)\s+(?P<noun>[a-z][a-z-]*)\s+$")
_DETERMINERS = frozenset({"the", "a", "an", "this", "that"})


def _company_cue(text: str, start: int, end: int, *, a_surname: bool = False) -> int:
    """How strongly one occurrence of a name is written as a company: 2 strong, 1 weak, 0 none.

    ``a_surname``: a person named in full in the article has this surname, and a person may own
    shares ("Roman Abramovich ... Abramovich's shares"): the possessive then proves nothing.
    """
    after = text[end : end + 40]
    if _COMPANY_AFTER_STRONG.match(after) or (not a_surname and _COMPANY_POSSESSIVE_SHARES.match(after)):
        return 2
    before = text[max(0, start - 40) : start]
    m = _COMPANY_BEFORE_NOUN.search(before)
    # "oil firm Yukos" is an apposition; "the company Jobs founded" a relative clause: after a bare
    # article the name must end its phrase (punctuation or a possessive follows)
    noun = m.group("noun") if m else ""
    if (
        m
        and (noun in _COMPANY_NOUNS or (noun in {"giant", "giants"} and m.group("lead").lower() in _INDUSTRIES))
        and (m.group("lead").lower() not in _DETERMINERS or re.match(r"['’,.;:)]", after))
    ):
        return 2
    if _COMPANY_AFTER_WEAK.match(after) or _COMPANY_BEFORE_WEAK.search(before):
        return 1
    return 0


class _Occurrences:
    """Where names occur in a text as whole words, found in one pass over the text's words.

    Why not a regex per name: an article of many names would be read once per name; this reads it
    once, then checks only the positions where a name's first word stands.
    """

    def __init__(self, text: str, surfaces: Sequence[str]) -> None:
        self.text = text
        firsts = {m.group() for s in surfaces if (m := re.match(r"\w+", s))}
        self.at: dict[str, list[int]] = defaultdict(list)
        for m in re.finditer(r"\w+", text):
            if m.group() in firsts:
                self.at[m.group()].append(m.start())

    def __call__(self, surface: str) -> list[int]:
        """Start offsets of ``surface`` not inside a longer word or hyphenated compound."""
        text = self.text
        first = re.match(r"\w+", surface)
        if first is None:
            return [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", text)]
        out = []
        for at in self.at.get(first.group(), ()):
            end = at + len(surface)
            if not text.startswith(surface, at) or (at > 0 and text[at - 1] == "-"):
                continue
            if end < len(text) and (text[end].isalnum() or text[end] in "_-"):
                continue
            out.append(at)
        return out


def _company_contexts(cands: list[Candidate], text: str, lex: Lexicon) -> set[str]:
    """A name the text writes as a company is an organisation in every mention of the article.

    Why: a one-word company name ("Yukos", "Altria", "Pernod") looks like a
    surname or a town to a tagger, which then types it span by span, often a
    person throughout; the words around it settle it: a business noun before
    it ("oil firm Yukos"), a company's officers, owners or legal form after it
    ("Electrolux chief executive", "Absa's shareholders", "Acme Ltd"), or its
    shares ("Altria shares rose", "shares in Gazprom").  Every occurrence of
    the name in the text counts, tagged or not.  Strong cues re-type persons,
    places and "other"; share cues, which also name markets ("shares in
    Tokyo"), only persons and "other".  Never re-typed: a name our word lists
    know (countries, capitals, outlets), a person written with an honorific
    ("Mr Glazer"), or a name a common given name opens.  An occurrence that ends
    a longer name ("Royal Bank of Scotland chief executive", "BBC Scotland")
    is no cue for the shorter one.  The org mentions are marked
    ``company`` (the entity carries it, and the store's kind vote lets it
    outweigh other articles' tagger votes).  Returns the folded names that
    are organisations here, which the later checks must not turn back into people.
    """
    strength: dict[str, int] = {}
    surnames = {fold_name(c.surname) for c in cands if c.kind == "person" and c.given and c.surname}
    ends = {o.end for o in cands}
    occurrences = _Occurrences(text, [text[c.start : c.end] for c in cands])
    for c in cands:
        if c.kind not in {"person", "place", "other", "org"} or c.descriptor or _known(c, text, lex):
            continue
        if text[c.start : c.end].casefold() in lex.demonym:
            continue  # "a Russian oil firm": a nationality, never the firm
        words = c.name.split()
        if len(words) > 1 and _first_name(words[0]):
            continue  # "Jon Thoday" (tagged an org or a person): a common given name opens it
        key = fold_name(c.name)
        if key in strength:
            continue
        surface = text[c.start : c.end]
        best = 0
        for at in occurrences(surface):
            if _title_before(text, at):
                best = -1  # "Mr Glazer": a person, whatever else the text says of the name
                break
            if _TAIL_OF_NAME.search(text, max(0, at - 30), at) or (at - 1 in ends and text[at - 1] == " "):
                continue  # the end of a longer name ("Royal Bank of Scotland", "BBC Scotland")
            best = max(best, _company_cue(text, at, at + len(surface), a_surname=key in surnames))
        strength[key] = best
    companies = {k for k, v in strength.items() if v > 0}
    if not companies:
        return companies
    for c in cands:
        if c.label in _TRUSTED or c.descriptor or c.attrs.get("type") or fold_name(c.name) not in companies:
            continue
        if c.kind in {"person", "other"} or (c.kind == "place" and strength[fold_name(c.name)] >= 2):
            c.kind, c.given, c.surname, c.role = "org", None, None, None
            c.attrs.pop("canonical", None)
        if c.kind == "org":
            c.attrs["company"] = True  # the store's kind vote across articles trusts this over taggers
    return {k for k in companies if any(c.kind == "org" and fold_name(c.name) == k for c in cands)}


def _surnames(cands: list[Candidate], companies: AbstractSet[str] = frozenset()) -> None:
    """A one-word name that is the surname of a person named in full in the article is that person
    (whatever kind the tagger gave it): "Glazer" after "Malcolm Glazer"."""
    for c in cands:  # a "person" whose name carries an organisation word ("Man Utd", "Acme Inc")
        if c.kind == "person" and not c.descriptor and {w.lower() for w in c.name.split()} & _ORG_CUES:
            c.kind, c.given, c.surname, c.role = "org", None, None, None
    full = {fold_name(c.surname) for c in cands if c.kind == "person" and c.given and c.surname}
    single = {fold_name(c.surname or c.name) for c in cands if c.kind == "person" and not c.descriptor and not c.given}
    for c in cands:
        if c.kind not in {"org", "place", "other"} or c.label in _TRUSTED or c.attrs.get("type"):
            continue
        if fold_name(c.name) in companies:
            continue  # written as a company ("Ford's chief executive Bill Ford"): not his surname
        words = c.name.split()
        if len(words) <= 3 and fold_name(c.name) in full:  # "Correa do Lago" after "Andre Correa do Lago"
            c.kind, c.surname, c.given = "person", c.name, None
            c.attrs.pop("canonical", None)
        elif (
            c.kind in {"org", "other"}
            and 1 < len(words) <= 3
            and _first_name(words[0])
            and not {w.lower() for w in words} & _ORG_CUES
        ):
            # "Marta Wielgosz" tagged ORG: a known given name opens it
            if all(w[:1].isupper() for w in words) and c.label not in {"media", "organisation"}:
                c.kind, c.surname, c.given = "person", words[-1], words[0]
                c.attrs.pop("canonical", None)
        elif (
            1 < len(words) <= 3
            and fold_name(words[-1]) in single
            and not {w.lower() for w in words} & _ORG_CUES
            and all(w[:1].isupper() for w in words)
        ):
            # "JP McManus" tagged ORG in an article that calls him "Mr McManus"
            c.kind, c.surname, c.given = "person", words[-1], words[0]
            c.attrs.pop("canonical", None)


def _first_name(word: str) -> bool:
    """Whether ``word`` is a common given name (the first-name lists of ``data/cues/speakers.tsv``)."""
    from dossier.analyze.attribution.lexicon import load_lexicon

    low = word.lower()
    for lang in ("en", "ru"):
        classes = load_lexicon(lang).classes
        if low in classes.get("male", frozenset()) or low in classes.get("female", frozenset()):
            return True
    return False


def _acronyms(cands: list[Candidate], text: str) -> None:
    """An acronym the article defines or can expand names the same thing as its long form.

    Defined: "the European Union (EU)", "Collective Security Treaty
    Organization (CSTO)".  Expandable: "GM" in an article that names
    "General Motors"; "ЦИК" and "ЦИК Молдавии" in one that names "Центральная
    избирательная комиссия Молдавии" (the place a body belongs to is no letter of its
    acronym, see :func:`_initials_forms`).  The acronym takes the long form's kind and name.
    """
    longs = [c for c in cands if c.kind in {"org", "place", "other", "event", "law"} and " " in c.name.strip()]
    if not longs:
        return
    by_initials: dict[str, list[tuple[Candidate, str]]] = defaultdict(list)
    for c in longs:
        for letters, tail in _initials_forms(c.name, text):
            by_initials[letters].append((c, tail))
    for c in cands:
        surface = text[c.start : c.end]
        head, _, rest = surface.partition(" ")
        if c.kind == "equipment" or c.label in {"media", "telegram"}:
            continue
        if not _ACRONYM.match(surface) and not (rest and _ACRONYM.match(head) and rest[:1].isupper()):
            continue
        acr = (head if rest else surface).replace(".", "")
        target = None
        for lc in longs:  # defined in parentheses right after the long form
            if re.match(r"\s*\(\s*$", text[lc.end : c.start]) and text[c.end : c.end + 1] == ")":
                target = lc
                break
        if target is None:
            # "ЦИК Молдавии" takes the long form with that place; a bare "ЦИК" any one long form
            fits = [(x, t) for x, t in by_initials.get(acr.upper(), []) if not rest or fold_name(t) == fold_name(rest)]
            options = {fold_name(x.name): x for x, _ in fits}
            if len(options) == 1:
                target = next(iter(options.values()))
        if target is not None and target is not c:
            c.kind, c.name = target.kind, target.name
            c.attrs = {**target.attrs, **{k: v for k, v in c.attrs.items() if k == "stands_for"}}
            c.given = c.surname = None


def _initials_forms(name: str, text: str) -> list[tuple[str, str]]:
    """``(initials, tail)`` under which a long form can be written as an acronym: its own initials
    with no tail, and, when its last word is a place it belongs to, the initials of the words
    before it with that word as the tail ("Central Election Commission of Georgia" → CEC +
    Georgia; "Центральная избирательная комиссия Молдавии" → ЦИК + Молдавии).  The last word is
    such a place when it is a known place, when the name is Russian (a Russian body's name
    capitalises only its first word, so a capitalised last word is a proper name), or when the
    article writes the acronym with it ("ЦИК Молдавии")."""
    forms = [(initials(name), "")] if initials(name) else []
    words = name.split()
    if len(words) < 3 or not words[-1][:1].isupper():
        return forms
    stem = " ".join(words[:-1])
    letters = initials(stem)
    if not letters or len(letters) < 2:
        return forms
    russian = bool(re.search("[а-яё]", name, re.I)) and not all(w[:1].isupper() for w in words)
    placed = lexicon().place_canonical(words[-1]) is not None or russian or f"{letters} {words[-1]}" in text
    if placed:
        forms.append((letters, words[-1]))
    return forms


_RU_BRANCH_GAP = re.compile(r"[ \t]+по[ \t]+")
_RU_ADMIN_AFTER = re.compile(r"[ \t]+(?:области|краю|району|округу|республике|городу)\b")


def _ru_regional_branches(cands: list[Candidate], text: str) -> None:
    """A Russian body "по <region>" is the body's branch there: "Управление Роспотребнадзора по
    Новосибирской области", "ГУ МВД по Москве".  The organisation takes the branch's full name;
    the region keeps its own mention (it is a place the text names), marked ``branch_place``.

    Why: natasha ends the organisation before "по", so the branch was a bare "Управление
    Роспотребнадзора", one entity with every other region's branch.  The spans stay as the
    tagger drew them: annotated corpora (factRuEval) mark both the region and the body inside the
    branch's name, and a merged span lost them."""
    ordered = sorted(cands, key=lambda c: c.start)
    for org, nxt in pairwise(ordered):
        if org.kind != "org" or nxt.kind != "place" or org.label in {"media", "telegram"}:
            continue
        if _RU_BRANCH_GAP.fullmatch(text, org.end, nxt.start) is None:
            continue
        end = nxt.end
        admin = _RU_ADMIN_AFTER.match(text, end)
        if admin is not None:
            end = admin.end()
        org.name = f"{org.name} по {' '.join(text[nxt.start : end].split())}"
        nxt.attrs["branch_place"] = True


#: Words after a name that make it a club in a sports report ("Benfica *president*", "Girona *fans*").
_CLUB_ROLE_AFTER = re.compile(
    r"\s+(?:president|coach|manager|striker|forward|midfielder|defender|goalkeeper|winger|captain|chairman|"
    r"fans|supporters|squad|players|academy|boss|owners?)\b"
)
#: Words before a name that make it the other side of a game in a sports report ("*against* Girona").
_CLUB_OPPONENT_BEFORE = re.compile(r"\b(?:against|beat|beats|beating|versus|vs\.?|v\.?|joined|joins|join)\s+$")
#: Last words of club names ("Manchester *United*", "Leicester *City*").
_CLUB_LAST = frozenset(
    "united fc rovers wanderers athletic albion hotspur villa forest county rangers celtic".split()  # noqa: SIM905
)


#: Nations that field their own sides though no country list has them.
_HOME_NATIONS = frozenset({"england", "scotland", "wales", "northern ireland", "ireland"})


def _national(name: str, lex: Lexicon) -> bool:
    """Whether a name is a country, a nation or a known place (a national side, not a club)."""
    key = name.casefold()
    return (
        key in _HOME_NATIONS
        or lex.place_canonical(name) is not None
        or key in territory_names()
        or lex.country_of_adjective(name) is not None
    )


def _sports_clubs(cands: list[Candidate], text: str, lex: Lexicon) -> None:
    """In a sports report, a town or a "person" that plays or has staff is a club (an org):
    "*Benfica* president Rui Costa", "a friendly *against Girona*", "*Manchester United*".

    Why: clubs carry their town's name or a word the tagger reads as a surname, so a transfer
    story had its two clubs as a place and a person.  Only in a document that
    :func:`~dossier.analyze.eventing.senses.sports_report` calls a sports report, and never for a
    country, a nation or a known place (a national side keeps its country: "Brazil coach"), and
    "City" is no club word ("Kansas City", "Atlantic City")."""
    from dossier.analyze.eventing.senses import sports_report

    movable = [c for c in cands if c.kind in {"place", "person"} and not c.given and c.label not in _TRUSTED]
    if not movable or not sports_report(text, "en"):
        return
    clubs: set[str] = set()
    for c in movable:
        surface = text[c.start : c.end]
        if _national(surface, lex) or (c.kind == "person" and " " in surface):
            continue  # a national side keeps its country ("against England", "the Brazil squad")
        last = surface.split()[-1].lower()
        before = text[max(0, c.start - 12) : c.start]
        if (
            _CLUB_ROLE_AFTER.match(text, c.end)
            or (c.kind == "place" and _CLUB_OPPONENT_BEFORE.search(before))
            or (" " in surface and last in _CLUB_LAST)
        ):
            clubs.add(surface)
    for c in movable:  # every mention of a club's name, not only the one its words were next to
        if text[c.start : c.end] in clubs:
            c.kind, c.given, c.surname, c.role = "org", None, None, None
            c.attrs.pop("canonical", None)
    _players(cands, text)


#: A player's or a coach's position right before a name ("striker Vitor Almeida").
_PLAYER_ROLE_BEFORE = re.compile(
    r"\b(?:striker|forward|midfielder|defender|goalkeeper|keeper|winger|full-back|centre-back|playmaker|"
    r"coach|manager|captain)\s+$",
    re.IGNORECASE,
)


def _players(cands: list[Candidate], text: str) -> None:
    """In a sports report, a name of two or three capitalised words after a position ("Brazilian
    striker *Vitor Almeida*") is a person, and so is its surname alone elsewhere ("Almeida will
    not play"): the tagger made an unfamiliar foreign name an organisation."""
    people: set[str] = set()
    for c in cands:
        surface = text[c.start : c.end]
        words = surface.split()
        if c.kind not in {"org", "other"} or not 2 <= len(words) <= 3 or c.label in _TRUSTED:
            continue
        if {w.lower() for w in words} & _ORG_CUES or not all(w[:1].isupper() for w in words):
            continue
        if _PLAYER_ROLE_BEFORE.search(text, max(0, c.start - 20), c.start):
            people.add(surface)
    surnames = {p.split()[-1]: p for p in people}
    for c in cands:
        surface = text[c.start : c.end]
        if c.kind not in {"org", "other"} or c.label in _TRUSTED:
            continue
        if surface in people:
            words = surface.split()
            c.kind, c.name, c.surname, c.given = "person", surface, words[-1], words[0]
        elif surface in surnames:
            c.kind, c.name, c.surname, c.given = "person", surnames[surface], surface, None


def _one_kind_per_name(cands: list[Candidate], lex: Lexicon, companies: AbstractSet[str] = frozenset()) -> None:
    """Every mention of one name gets one kind: word-list knowledge first, then name cues
    ("United", "Inc", "Bank") and company contexts (``companies``, see :func:`_company_contexts`),
    then the majority of the tagger's votes."""
    groups: dict[str, list[Candidate]] = defaultdict(list)
    for c in cands:
        if c.kind in _MODEL_KINDS and not c.descriptor:
            groups[fold_name(c.name)].append(c)
    for members in groups.values():
        kinds = Counter(c.kind for c in members)
        if len(kinds) < 2:
            continue
        name = members[0].name
        low_words = {w.lower() for w in name.split()}
        if any(c.label in _TRUSTED or c.attrs.get("type") in {"media", "government"} for c in members):
            kind = next(c.kind for c in members if c.label in _TRUSTED or c.attrs.get("type"))
        elif lex.place_canonical(name) is not None or name.casefold() in territory_names():
            kind = "place"
        elif low_words & _ORG_CUES or fold_name(name) in companies:
            kind = "org"
        else:
            first = {c.kind: i for i, c in reversed(list(enumerate(members)))}
            kind = max(kinds, key=lambda k: (kinds[k], k == "org", -first[k]))
        for c in members:
            if c.kind == kind:
                continue
            c.kind = kind
            if kind == "person":
                words = c.name.split()
                c.surname, c.given = words[-1], (words[0] if len(words) > 1 else None)
            else:
                c.given = c.surname = None
                c.role = None
