"""English path of the entity stage: spaCy entities → candidates with roles.

The spaCy pass itself (senter, ner, our rule components) is set up in
:mod:`dossier.analyze.nlp`; this module turns its ``doc.ents`` into
:class:`~dossier.analyze.coref.Candidate` (titles and nationality kept on
persons, countries and capitals tagged ORG made places), adds the shared
rule layers of :mod:`dossier.analyze.rules` and resolves them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from dossier.analyze import coref
from dossier.analyze import nlp as nlpmod
from dossier.analyze.coref import Candidate
from dossier.analyze.lexicon import ROLE_DROP, ROLE_HEADS, ROLE_MODIFIERS, Lexicon, lexicon
from dossier.analyze.rules import (
    add_rule_mentions,
    mark_capitals,
    media_candidate,
    place_candidate,
    strip_span,
)
from dossier.analyze.sentences import sentences_from_doc
from dossier.model import DocAnalysis

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

_SPACY_KIND = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "LAW": "law",
    "EVENT": "event",
    "PRODUCT": "other",
    "WORK_OF_ART": "other",
    nlpmod.EQUIPMENT_LABEL: "equipment",
}
_ROLE_WORDS = ROLE_HEADS | ROLE_MODIFIERS


def _role_before(doc: Doc, ent: Span, lex: Lexicon) -> tuple[str | None, str | None, int]:
    """Title words right before a person: ("Foreign Minister", "Belarus", token index of the title)."""
    i = ent.start - 1
    toks: list[Any] = []
    country = None
    while i >= 0 and len(toks) < 8:
        t = doc[i]
        low = t.lower_
        if t.is_space or (t.is_punct and low not in {"'s", "’s"}):
            break
        if low in {"'s", "’s"} and i > 0:
            c = lex.country_of_adjective(doc[i - 1].text)
            if c is None:
                break
            country = country or c
            toks.insert(0, None)
            i -= 2
            continue
        c = lex.country_of_adjective(t.text) if t.text[:1].isupper() else None
        if c is not None:
            country = country or c
            toks.insert(0, None)
            i -= 1
            continue
        if low in ROLE_HEADS or low in ROLE_MODIFIERS or low in ROLE_DROP:
            toks.insert(0, t)
            i -= 1
            continue
        break
    words = [t for t in toks if t is not None]
    while words and (words[0].lower_ in ROLE_DROP or words[0].lower_ in {"of", "the"}):
        words.pop(0)
    if not words or not any(w.lower_ in ROLE_HEADS for w in words):
        return None, country if toks and toks[-1] is None else None, ent.start
    if words[-1].lower_ in {"of", "the"}:
        return None, None, ent.start
    role = doc[words[0].i : words[-1].i + 1].text
    return role, country, words[0].i


_APPOSITIVE = re.compile(
    r"^,\s+(?:the\s+|a\s+|former\s+)*(?P<nat>[A-Z][\w.]*(?:['’]s)?\s+)?(?P<role>(?:[a-zA-Z\-]+\s+){0,3}?"
    r"(?:president|prime minister|minister|leader|spokesman|spokeswoman|spokesperson|chancellor|"
    r"ambassador|commander|chief|secretary|governor|mayor|head|envoy|general|adviser|advisor))\b"
)


def _role_after(text: str, end: int, lex: Lexicon) -> tuple[str | None, str | None]:
    m = _APPOSITIVE.match(text[end : end + 80])
    if not m:
        return None, None
    words = m.group("role").split()
    if any(w.lower() not in ROLE_HEADS | ROLE_MODIFIERS for w in words):
        return None, None
    country = (
        lex.country_of_adjective(m.group("nat").strip().removesuffix("'s").removesuffix("’s"))
        if m.group("nat")
        else None
    )
    if m.group("nat") and country is None:
        return None, None
    return m.group("role"), country


def _stray_state_abbreviation(text: str, start: int, surface: str, lex: Lexicon) -> bool:
    """Whether a span is a US state's abbreviation ("Ill.", "Del.", "Mo.") where news never writes
    one: the AP style abbreviates a state only after a city or a party ("GARY, Ind.", "R-Wash."), so
    anywhere else the same letters are a word or a title ("Ill. health", "Del. Rios") and no place."""
    if not surface.endswith(".") or len(surface) > 6 or surface.casefold() not in lex.region:
        return False
    return not text[:start].rstrip().endswith((",", "-"))


def analyse_english_doc(doc: Doc, analysis: DocAnalysis) -> None:
    """Fill ``analysis`` from a spaCy Doc produced by :func:`dossier.analyze.nlp.english`."""
    lex = lexicon()
    text = nlpmod.doc_text(doc)  # doc.text is built from the tokens on every access
    analysis.sentences = sentences_from_doc(doc, text)
    cands: list[Candidate] = []
    equipment = {(h.start, h.end): h for h in (doc._.dossier_equipment or [])}
    for ent in doc.ents:
        kind = _SPACY_KIND.get(ent.label_)
        if kind is None:
            continue
        start, end = strip_span(text, ent.start_char, ent.end_char)
        if end <= start:
            continue
        surface = text[start:end]
        if _stray_state_abbreviation(text, start, surface, lex):
            continue
        if kind == "equipment":
            hit = equipment.get((ent.start_char, ent.end_char))
            entry = hit.entry if hit else None
            name = entry.name if entry else (hit.name if hit else surface)
            cand = Candidate(start, end, "equipment", name, hit.source if hit else "equipment", entry=entry)
            if entry is None:
                cand.attrs["category"] = "unknown"
            cands.append(cand)
            continue
        media = media_candidate(start, end, surface, ent.label_, lex)
        if media is not None and kind in {"org", "person", "other"}:
            cands.append(media)
            continue
        if kind != "person" and all(w.lower() in _ROLE_WORDS for w in surface.split()):
            continue  # "Defense" of "Defense Minister X": a title, not an organisation
        if kind == "org" and (surface.casefold() in lex.country_alias or surface.casefold() in lex.capital_of):
            kind = "place"  # "Belarus", "Minsk" tagged ORG: countries and capitals are places (see docs)
        if kind in {"person", "other"} and surface.casefold() in lex.region:
            kind = "place"  # "Donbass" tagged PERSON
        if kind == "person":
            cands.append(_english_person(doc, text, ent, start, end, lex))
        elif kind == "place":
            cands.append(place_candidate(start, end, surface, ent.label_, lex))
        else:
            cands.append(Candidate(start, end, kind, surface, ent.label_))
    add_rule_mentions(cands, text, lex, english=True)
    _relabel_surnames(cands, text)
    mark_capitals(cands, text, lex)
    analysis.mentions, analysis.entities = coref.resolve(cands, analysis)


def _english_person(doc: Doc, text: str, ent: Span, start: int, end: int, lex: Lexicon) -> Candidate:
    role, country, _ = _role_before(doc, ent, lex)
    # A title the model put inside the name ("President Lukashenko").
    words = text[start:end].split()
    lead = 0
    while lead < len(words) - 1 and words[lead].lower() in ROLE_HEADS | ROLE_MODIFIERS | ROLE_DROP:
        lead += 1
    if lead:
        inner_role = " ".join(w for w in words[:lead] if w.lower() not in ROLE_DROP)
        role = role or (inner_role if any(w.lower() in ROLE_HEADS for w in words[:lead]) else None)
        start = start + text[start:end].index(words[lead])
        words = words[lead:]
    if role is None:
        role, c2 = _role_after(text, end, lex)
        country = country or c2
    words = [w for w in words if w not in {"Jr.", "Sr.", "Jr", "Sr", "II", "III"}] or words
    given = words[0] if len(words) > 1 else None
    surname = words[-1]
    return Candidate(
        start, end, "person", " ".join(words), "PERSON", role=role, country=country, given=given, surname=surname
    )


def _relabel_surnames(cands: list[Candidate], text: str) -> None:
    """A one-word ORG/PRODUCT/other that is a person's surname in this article is that person."""
    surnames = {c.surname for c in cands if c.kind == "person" and c.given and c.surname}
    if not surnames:
        return
    for i, c in enumerate(cands):
        if (
            c.kind in {"org", "other"}
            and c.label in {"ORG", "PRODUCT", "WORK_OF_ART", "NORP"}
            and c.name in surnames
            and " " not in c.name
            and not c.attrs.get("type")
        ):
            cands[i] = Candidate(c.start, c.end, "person", c.name, c.label, surname=c.name)
