"""The entity stage: sentences, mentions and entities of every article.

Contract (what later stages may rely on), for every ``ctx`` of the batch:

* ``ctx.analysis.sentences``: ``(start, end)`` character offsets, sorted,
  non-overlapping, trimmed of surrounding whitespace; every non-space
  character of the text lies in exactly one sentence;
* ``ctx.analysis.mentions``: :class:`~dossier.model.Mention` with
  ``text[start:end] == mention.text``; ``attrs["entity_id"]`` names the entity;
* ``ctx.analysis.entities``: :class:`~dossier.model.Entity` with a
  deterministic ``id`` within the article;
* English: ``ctx.doc`` is the spaCy ``Doc`` (tokens, ``doc.sents``, ``doc.ents``
  with ``EQUIPMENT`` spans; no tags or parse: use
  :func:`dossier.analyze.nlp.parse_span` for chosen sentences).
  Russian: ``ctx.scratch["natasha"]`` holds the natasha ``Doc`` (tokens with morphology).

Languages: ``en`` → spaCy ``en_core_web_sm`` (senter + ner) and our rules;
``ru`` → natasha and our rules; anything else → sentences by punctuation and
the language-neutral rules only (gazetteer, designations, quoted names,
outlets), since no NER model of ours fits.

Kinds: person, org, place, equipment, law, event, other.  spaCy labels map
PERSON→person, ORG→org, GPE/LOC/FAC→place, LAW→law, EVENT→event,
PRODUCT/WORK_OF_ART→other (PRODUCT becomes equipment only through the
gazetteer or the patterns); NORP (nationalities) is not emitted as a
mention but sets a person's country ("Belarusian President ..."); numeric
labels (DATE, CARDINAL, MONEY...) are left to the time stage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dossier.analyze import coref
from dossier.analyze import equipment as eq
from dossier.analyze import nlp as nlpmod
from dossier.analyze.coref import Candidate
from dossier.analyze.lexicon import ROLE_DROP, ROLE_HEADS, ROLE_MODIFIERS, Lexicon, lexicon, media_regex
from dossier.model import DocAnalysis

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

    from dossier.analyze.pipeline import DocContext

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
_NATASHA_KIND = {"PER": "person", "ORG": "org", "LOC": "place"}

_ROLE_WORDS = ROLE_HEADS | ROLE_MODIFIERS
#: Names whose "The" is part of the name.
_KEEP_THE = frozenset({"Hague", "Gambia", "Bahamas", "Netherlands", "Philippines"})
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_Q = eq.QUOTE_CHARS


class EntityStage:
    """Finds sentences, mentions and entities; see the module doc for the contract.

    ``gazetteer``: extra equipment files (JSON/JSON lines, format in
    ``docs/entities.md``) loaded after the packaged list and
    ``$DOSSIER_GAZETTEER``.  Models load on first use and are shared by all
    stages of the process.
    """

    name = "entities"

    def __init__(self, gazetteer: Sequence[str | Path] | None = None, batch_size: int = 64) -> None:
        self.gazetteer_paths = eq.user_gazetteer_paths(gazetteer)
        self.batch_size = batch_size

    def __call__(self, batch: list[DocContext]) -> None:
        english = [c for c in batch if c.language == "en"]
        russian = [c for c in batch if c.language == "ru"]
        others = [c for c in batch if c.language not in {"en", "ru"}]
        if english:
            self._english(english)
        for ctx in russian:
            analyse_russian(ctx, self.gazetteer_paths)
        for ctx in others:
            analyse_other(ctx, self.gazetteer_paths)

    def _english(self, ctxs: list[DocContext]) -> None:
        nlp = nlpmod.english(self.gazetteer_paths)
        texts = [c.article.text for c in ctxs]
        for ctx, doc in zip(ctxs, nlp.pipe(texts, batch_size=self.batch_size), strict=True):
            ctx.doc = doc
            analyse_english_doc(doc, ctx.analysis)


# --------------------------------------------------------------------------- sentences


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def sentences_from_doc(doc: Doc, text: str | None = None) -> list[tuple[int, int]]:
    text = doc.text if text is None else text
    out = []
    for sent in doc.sents:
        span = _trim(text, sent.start_char, sent.end_char)
        if span:
            out.append(span)
    return out


_LINE_SPLIT = re.compile(r"\n\s*\n|\n(?=\s*[A-ZА-ЯЁ0-9\-•—–*>])|(?<=[.!?…:;\"”’»)])\n")
_SIMPLE_SENT = re.compile(r"(?<=[.!?…])[\"”’»)]*\s+(?=[\"“«(]*[A-ZА-ЯЁ0-9])")


def split_lines(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split sentence spans at blank lines and at line breaks that end a line (headlines, posts)."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        pos = start
        for m in _LINE_SPLIT.finditer(text, start, end):
            piece = _trim(text, pos, m.start())
            if piece:
                out.append(piece)
            pos = m.end()
        piece = _trim(text, pos, end)
        if piece:
            out.append(piece)
    return out


def simple_sentences(text: str) -> list[tuple[int, int]]:
    """Punctuation-based sentences for languages without a model."""
    spans, pos = [], 0
    for m in _SIMPLE_SENT.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return split_lines(text, spans)


# --------------------------------------------------------------------------- English


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop possessive ’s, surrounding quotes/punctuation and a leading 'the' from a span."""
    s = text[start:end]
    m = _POSSESSIVE.search(s)
    if m and m.start() > 0:
        end -= len(m.group(0))
    while start < end and (text[start] in _Q or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _Q + ",;:" or text[end - 1].isspace()):
        end -= 1
    if text[start:end].lower().startswith("the ") and end - start > 4 and text[start + 4 : end] not in _KEEP_THE:
        start += 4
    return start, end


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


_EN_DESCRIPTOR = re.compile(
    r"(?:\b[Tt]he\s+(?P<nat>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+|\b(?P<poss>[A-Z][a-z]+)['’]s\s+)"
    r"(?P<role>leader|president|head of state|"
    r"prime minister|premier|foreign minister|defen[cs]e minister|chancellor|strongman|autocrat|dictator|"
    r"king|ruler)\b(?!\s+[A-Z])"
)
#: Seats of government used for the government itself ("the Kremlin said").
_INSTITUTIONS: dict[str, tuple[str, str]] = {
    "kremlin": ("Kremlin", "Russia"),
    "white_house": ("White House", "United States"),
    "pentagon": ("Pentagon", "United States"),
    "downing": ("Downing Street", "United Kingdom"),
    "elysee": ("Élysée Palace", "France"),
    "bankova": ("Office of the President of Ukraine", "Ukraine"),
}
_INSTITUTION_RE = re.compile(
    r"(?<![\w-])(?:(?P<kremlin>Kremlin|Кремл(?:ь|я|ю|ём|ем|е))|(?P<white_house>White House)|"
    r"(?P<pentagon>Pentagon|Пентагон(?:а|у|ом|е)?)|(?P<downing>Downing Street)|"
    r"(?P<elysee>(?:Élysée|Elysee)(?: Palace)?|Елисейск\w+ двор\w*)|(?P<bankova>Bankova|Банков(?:ая|ой|ую)))(?![\w-])"
)
_CAPWORD = r"(?:[A-Z][\w\-]*|New|START|INF)"
_LAW = re.compile(
    rf"(?P<law>(?:{_CAPWORD}\s+){{0,4}}(?:Treaty|Convention|Accords?|Agreements?|Protocol|Memorandum|Charter)"
    rf"(?:\s+(?:on|of|for|between|against)(?:\s+the)?\s+{_CAPWORD}(?:(?:\s+(?:of|on|and|in|the))*\s+{_CAPWORD})*)?)"
)
_TELEGRAM = re.compile(
    r"(?:Telegram[- ]channel|Telegram account|Telegram-канал|телеграм-канал|канал)\s+(?:called\s+|named\s+)?"
    r"[" + eq._OPEN_Q + r"](?P<q>[^" + eq._CLOSE_Q + r"\n]{2,60}?)[,.]?[" + eq._CLOSE_Q + r"]"
    r"|(?:Telegram[- ]channel|Telegram-канал|телеграм-канал)\s+(?P<u>[A-ZА-ЯЁ][\w\-]+(?:\s+[A-ZА-ЯЁ][\w\-]+){0,3})"
)

_SPEECH_AFTER = re.compile(
    r"^(?:['’]s\s+)?\s*(?:(?:has|have|had|is|was|were|will|would|could|may|might|must|should|did|does|do|also|"
    r"still|long|not|already|again|now|then|reportedly|officially|publicly|\w+ly)\s+)*"
    r"(?:said|says|say|stated|states|maintain\w*|insist\w*|den(?:y|ies|ied)|announc\w*|warn\w*|demand\w*|"
    r"accus\w*|reject\w*|decid\w*|agree\w*|claim\w*|respond\w*|condemn\w*|threaten\w*|refus\w*|declar\w*|"
    r"argu\w*|view\w*|see\w*|sees|consider\w*|want\w*|plan\w*|intend\w*|expect\w*|hope\w*|believ\w*|"
    r"seek\w*|sought|urg\w*|call\w*|promis\w*|vow\w*|pledg\w*|order\w*|approv\w*|sign\w*|impos\w*|"
    r"respond\w*|retaliat\w*|dismiss\w*|welcom\w*|protest\w*|blam\w*|ask\w*|offer\w*|propos\w*|"
    r"заявил\w*|сообщил\w*|счита\w*|настаива\w*|отверг\w*|отказал\w*|потребовал\w*|реши\w*|обвини\w*|"
    r"ответи\w*|предупреди\w*|пригрози\w*|призвал\w*|выразил\w*|подчеркнул\w*|намерен\w*|планиру\w*|"
    r"согласил\w*|признал\w*|осуди\w*|объявил\w*|заверил\w*|отметил\w*|указал\w*|настоял\w*|договор\w*|"
    r"подписал\w*|намерены|хотят|хочет|требу\w*|угрожа\w*)\b",
    re.IGNORECASE,
)
_POSS_GOV = re.compile(
    r"^['’]s\s+(?:\w+\s+)?(?:position|decision|response|demands?|polic(?:y|ies)|stance|claims?|plans?|offer|"
    r"refusal|approach|actions?|statements?|officials?|envoy|government|leadership|request|warning|"
    r"reaction|intentions?|strategy|goals?|objectives?|move|proposals?|narrative)\b",
    re.IGNORECASE,
)
_COORD = re.compile(r"^\s*(?:and|or|,|и|или|&)\s*$", re.IGNORECASE)
_BY = re.compile(r"\b\w+(?:ed|en)\s+by\s+$", re.IGNORECASE)
_MODIFIER_AFTER = re.compile(
    r"^\s+(?!(?:and|or|on|over|in|to|for|about|as|at|after|before|since|while|but|with|by|of|that|which|who|"
    r"has|have|had|is|are|was|were|will|would|could|can|may|might|must|should|did|does|do|not|also|itself|"
    r"и|или|в|на|о|об|по|с|не|уже|также|тоже)\b)[a-zа-яё]+"
)
_AUX_AFTER = re.compile(
    r"^\s+(?:has|have|had|is|are|was|were|will|would|can|could|did|does|do|must|should|may|might|"
    r"в?начале|уже|не|будут|будет|могут|должны)\b",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(r"(?:^|[.!?;:—–\"“«(]\s*|\b(?:but|while|and|as|yet|so|а|но|и)\s+)$", re.IGNORECASE)
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|inside|across|around|from|to|into|via|в|во|из|под)\s+(?:central\s+)?$", re.IGNORECASE
)
_RELATION_BEFORE = re.compile(
    r"\b(?:ties|relations?|relationship|talks|deal|agreements?|dialogue|cooperation|partnership|negotiations|"
    r"alliance|rift|tensions?|dispute|alignment|rapprochement|friction|standoff|confrontation|contacts|"
    r"отношени\w*|переговор\w*|сотрудничеств\w*|союз\w*|партн[её]рств\w*|диалог\w*)"
    r"\s+(?:\w+\s+){0,2}?(?:with|between|among|с|со|между)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_WEST_AFTER = re.compile(r"^\s*(?:and|or|и|или)\s+(?:the\s+West|Запад\w*)\b")
_WEST_BEFORE = re.compile(r"\b(?:the\s+West|Запад\w*)\s+(?:and|or|и|или)\s*$")


def _mark_capitals(cands: list[Candidate], text: str, lex: Lexicon) -> None:
    """Capitals used for governments get ``stands_for: government``.

    Heuristic, no parse needed.  A capital, or a coordinated group of capitals
    ("Minsk and Moscow"), stands for its government when the group

    * is followed by a speech or decision verb ("Moscow has consistently maintained"),
    * owns a position ("Moscow's decision"),
    * follows a relation noun with "with/between" ("partnership between Minsk and Moscow"),
    * is a coordinated group starting a clause before an auxiliary ("But Minsk and Moscow will..."),
    * is the agent of a passive ("determined by Minsk"), or
    * is coordinated with "the West".

    Never when it is a location ("in Moscow", "London-based") or a modifier
    ("the Paris and Amsterdam exchanges" has no verb, relation or possessive).
    """
    caps = sorted(
        (c for c in cands if c.kind in {"place", "org"} and text[c.start : c.end].casefold() in lex.capital_of),
        key=lambda c: c.start,
    )
    if not caps:
        return
    groups: list[list[Candidate]] = []
    for c in caps:
        if groups and _COORD.match(text[groups[-1][-1].end : c.start]):
            groups[-1].append(c)
        else:
            groups.append([c])
    for group in groups:
        first, last = group[0], group[-1]
        before = text[max(0, first.start - 60) : first.start]
        after = text[last.end : last.end + 80]
        possessive = len(group) == 1 and _POSS_GOV.match(after)
        if after.startswith(("-", "‑")) or (_LOCATIVE.search(before) and not possessive):
            continue
        if _MODIFIER_AFTER.match(after) and not _SPEECH_AFTER.match(after):
            continue  # "the London market", "the Paris and Amsterdam exchanges"
        agent = (
            _SPEECH_AFTER.match(after)
            or (len(group) > 1 and _AUX_AFTER.match(after) and _CLAUSE_START.search(before))
            or possessive
            or _RELATION_BEFORE.search(before)
            or _BY.search(before)
            or _WEST_AFTER.match(after)
            or _WEST_BEFORE.search(before)
        )
        if not agent:
            continue
        for c in group:
            key = text[c.start : c.end].casefold()
            c.kind = "place"
            c.name = lex.capital_name[key]
            c.attrs.update({"stands_for": "government", "country": lex.capital_of[key], "canonical": c.name})


def _place_candidate(start: int, end: int, surface: str, label: str, lex: Lexicon) -> Candidate:
    known = lex.place_canonical(surface)
    if known:
        name, attrs = known
        return Candidate(start, end, "place", name, label, attrs={"canonical": name, **attrs})
    return Candidate(start, end, "place", surface, label)


def _media_candidate(start: int, end: int, surface: str, label: str, lex: Lexicon) -> Candidate | None:
    canonical = lex.media.get(surface.casefold())
    if canonical is None:
        return None
    return Candidate(start, end, "org", canonical, label, attrs={"type": "media"})


def analyse_english_doc(doc: Doc, analysis: DocAnalysis) -> None:
    """Fill ``analysis`` from a spaCy Doc produced by :func:`dossier.analyze.nlp.english`."""
    lex = lexicon()
    text = doc.text  # built from the tokens on every access: read it once
    analysis.sentences = sentences_from_doc(doc, text)
    cands: list[Candidate] = []
    equipment = {(h.start, h.end): h for h in (doc._.dossier_equipment or [])}
    for ent in doc.ents:
        kind = _SPACY_KIND.get(ent.label_)
        if kind is None:
            continue
        start, end = _strip_span(text, ent.start_char, ent.end_char)
        if end <= start:
            continue
        surface = text[start:end]
        if kind == "equipment":
            hit = equipment.get((ent.start_char, ent.end_char))
            entry = hit.entry if hit else None
            name = entry.name if entry else (hit.name if hit else surface)
            cand = Candidate(start, end, "equipment", name, hit.source if hit else "equipment", entry=entry)
            if entry is None:
                cand.attrs["category"] = "unknown"
            cands.append(cand)
            continue
        media = _media_candidate(start, end, surface, ent.label_, lex)
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
            cands.append(_place_candidate(start, end, surface, ent.label_, lex))
        else:
            cands.append(Candidate(start, end, kind, surface, ent.label_))
    _add_rule_mentions(cands, text, lex, english=True)
    _relabel_surnames(cands, text)
    _mark_capitals(cands, text, lex)
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


def _overlaps(cands: list[Candidate], start: int, end: int) -> list[Candidate]:
    return [c for c in cands if c.start < end and start < c.end]


def _add_rule_mentions(cands: list[Candidate], text: str, lex: Lexicon, *, english: bool) -> None:
    """Outlets the model missed, Telegram channels, and descriptors of people."""
    for m in _TELEGRAM.finditer(text):
        g = "q" if m.group("q") else "u"
        s, e = m.span(g)
        s, e = _strip_span(text, s, e)
        name = text[s:e]
        for c in _overlaps(cands, m.start(), e):
            cands.remove(c)
        cands.append(
            Candidate(
                s,
                e,
                "org",
                lex.media.get(name.casefold(), name),
                "telegram",
                attrs={"type": "media", "channel": "telegram"},
            )
        )
    for m in _INSTITUTION_RE.finditer(text):
        name, country = _INSTITUTIONS[m.lastgroup or ""]
        attrs = {"type": "government", "country": country}
        over = _overlaps(cands, m.start(), m.end())
        if over:
            for c in over:
                if c.kind in {"org", "place", "other"} and (
                    c.start == m.start() or text[c.start : c.end] == m.group(0)
                ):
                    c.kind, c.name = "org", name
                    c.attrs.update(attrs)
            continue
        cands.append(Candidate(m.start(), m.end(), "org", name, "institution", attrs=attrs))
    for m in media_regex().finditer(text):
        if _overlaps(cands, m.start(), m.end()):
            continue
        media = _media_candidate(m.start(), m.end(), m.group(0), "media", lex)
        if media is not None:
            cands.append(media)
    for m in _LAW.finditer(text):
        s, e = m.span("law")
        s, e = _strip_span(text, s, e)
        if len(text[s:e].split()) < 2:
            continue
        over = _overlaps(cands, s, e)
        if any(c.kind not in {"org", "law", "other"} for c in over):
            continue
        for c in over:
            cands.remove(c)
        cands.append(Candidate(s, e, "law", text[s:e], "law"))
    if english:
        for m in _EN_DESCRIPTOR.finditer(text):
            country = lex.country_of_adjective(m.group("nat") or m.group("poss"))
            if country is None:
                continue
            e = m.end()
            # "the Belarusian leader" → "Belarusian leader"; "Belarus's leader" → "leader" (Belarus stays a place)
            s = m.start("nat") if m.group("nat") else m.start("role")
            if any(c.kind != "place" or c.start < s for c in _overlaps(cands, s, e)):
                continue
            for c in _overlaps(cands, s, e):
                cands.remove(c)
            cands.append(
                Candidate(s, e, "person", text[s:e], "descriptor", country=country, descriptor=m.group("role").lower())
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


# --------------------------------------------------------------------------- Russian

_RU_ROLE_HEADS = (
    "президент",
    "премьер",
    "министр",
    "глав",
    "пресс-секретар",
    "спикер",
    "канцлер",
    "генсек",
    "секретар",
    "посол",
    "посл",
    "командующ",
    "начальник",
    "генерал",
    "губернатор",
    "мэр",
    "директор",
    "председател",
    "лидер",
    "депутат",
    "сенатор",
    "советник",
    "помощник",
    "представител",
    "корол",
    "заместител",
    "замглав",
)
_RU_ROLE_MODS = frozenset(
    {
        "иностранных",
        "дел",
        "обороны",
        "внутренних",
        "финансов",
        "юстиции",
        "экономики",
        "энергетики",
        "мид",
        "минобороны",
        "мвд",
        "государства",
        "правительства",
        "генштаба",
        "генерального",
        "штаба",
        "первый",
        "первого",
        "первому",
        "вице-премьер",
        "верховный",
        "верховного",
        "главнокомандующий",
        "вс",
        "вооруженных",
        "вооружённых",
        "сил",
        "совета",
        "безопасности",
        "федерации",
        "думы",
        "госдумы",
        "кремля",
        "пресс-службы",
    }
)
_RU_WORD = re.compile(r"[\w\-]+")


def _ru_role_before(
    text: str, start: int, sent_start: int, ru: nlpmod.RussianNLP, lex: Lexicon
) -> tuple[str | None, str | None]:
    """Russian title before a name: "президент Белоруссии", "министр обороны"."""
    words = list(_RU_WORD.finditer(text, max(sent_start, start - 80), start))
    if not words:
        return None, None
    gap = text[words[-1].end() : start]
    if gap.strip(" ,—–-"):
        return None, None
    kept: list[re.Match[str]] = []
    country = None
    for w in reversed(words[-6:]):
        low = w.group(0).lower()
        if low.startswith(_RU_ROLE_HEADS) or low in _RU_ROLE_MODS:
            kept.insert(0, w)
            continue
        lemma = ru.morph_vocab.parse(w.group(0))[0].normal_form if w.group(0)[:1].isupper() else low
        c = lex.country_alias.get(lemma) or lex.country_of_adjective(low)
        if c is not None and (kept or country is None):
            country = country or c
            kept.insert(0, w)
            continue
        break
    heads = [w for w in kept if w.group(0).lower().startswith(_RU_ROLE_HEADS)]
    if not heads:
        return None, country
    first, last = heads[0], kept[-1]
    while (
        last is not heads[-1]
        and lex.country_of_adjective(last.group(0).lower()) is None
        and last.group(0).lower() not in _RU_ROLE_MODS
    ):
        kept.pop()
        last = kept[-1]
    head_lemma = ru.morph_vocab.parse(first.group(0))[0].normal_form
    rest = text[first.end() : last.end()]
    role_words = [w for w in kept if w.start() >= first.start()]
    # drop trailing country words from the role text
    while role_words and (
        lex.country_alias.get(ru.morph_vocab.parse(role_words[-1].group(0))[0].normal_form)
        and role_words[-1] is not first
    ):
        role_words.pop()
    rest = text[first.end() : role_words[-1].end()] if role_words else rest
    return (head_lemma + rest).strip(), country


_RU_DESCRIPTOR = re.compile(
    r"\b(?P<nat>[а-яё]+(?:ск|цк)(?:ий|ого|ому|им|ом|ая|ой|ую))\s+(?P<role>лидер\w*|президент\w*|"
    r"глав\w+\s+государства|премьер\w*)\b(?!\s+[А-ЯЁ])"
)


def analyse_russian(ctx: DocContext, gazetteer_paths: tuple[str, ...] = ()) -> None:
    """Russian path: natasha NER + morphology, then the shared rule layers."""
    from natasha import Doc as NatashaDoc

    ru = nlpmod.russian()
    lex = lexicon()
    analysis = ctx.analysis
    text = analysis.text
    ndoc = NatashaDoc(text)
    ndoc.segment(ru.segmenter)
    ndoc.tag_ner(ru.ner_tagger)
    _tag_morph_where_needed(ndoc, ru)
    ctx.scratch["natasha"] = ndoc
    analysis.sentences = split_lines(text, [(s.start, s.stop) for s in ndoc.sents])
    sent_starts = [s for s, _ in analysis.sentences]
    equipment = _equipment_hits(text, gazetteer_paths, analysis.sentences)
    cands: list[Candidate] = [_equipment_candidate(h) for h in equipment]
    for span in ndoc.spans:
        kind = _NATASHA_KIND.get(span.type)
        if kind is None:
            continue
        start, end = _strip_span(text, span.start, span.stop)
        if end <= start or _overlaps(cands, start, end):
            continue
        surface = text[start:end]
        span.normalize(ru.morph_vocab)
        normal = span.normal or surface
        media = _media_candidate(start, end, surface, span.type, lex) or _media_candidate(
            start, end, normal, span.type, lex
        )
        if media is not None and kind in {"org", "person"}:
            cands.append(media)
            continue
        if kind == "person":
            span.extract_fact(ru.names_extractor)
            parts = span.fact.as_dict if span.fact else {}
            first, last = parts.get("first"), parts.get("last")
            middle = parts.get("middle")
            words = normal.split()
            if len(words) >= 2 and not (first and last):
                first, last = words[0], words[-1]  # the extractor knew only one part
            if last:
                last = _ru_surname_nominative(last, first, ru)
            name = " ".join(p for p in (first, middle, last) if p) or normal
            sidx = analysis.sentence_of(start)
            role, country = _ru_role_before(text, start, sent_starts[sidx] if sent_starts else 0, ru, lex)
            cands.append(
                Candidate(
                    start,
                    end,
                    "person",
                    name,
                    "PER",
                    role=role,
                    country=country,
                    given=first if last else None,
                    surname=last or first or normal,
                )
            )
        elif kind == "place" or normal.casefold() in lex.capital_of or normal.casefold() in lex.country_alias:
            cands.append(_place_candidate(start, end, normal, "LOC", lex))
        elif normal in _RU_GENERIC_ORG:
            continue
        else:
            cands.append(Candidate(start, end, "org", normal, "ORG"))
    _add_rule_mentions(cands, text, lex, english=False)
    for m in _RU_DESCRIPTOR.finditer(text):
        country = lex.country_of_adjective(m.group("nat"))
        if country is None or _overlaps(cands, m.start(), m.end()):
            continue
        role = m.group("role").lower()
        desc = (
            "leader"
            if role.startswith(("лидер", "глав"))
            else "president"
            if role.startswith("президент")
            else "prime minister"
        )
        cands.append(
            Candidate(m.start(), m.end(), "person", m.group(0), "descriptor", country=country, descriptor=desc)
        )
    _ru_roles_to_english(cands)
    _mark_capitals(cands, text, lex)
    analysis.mentions, analysis.entities = coref.resolve(cands, analysis)


_RU_GENERIC_ORG = frozenset({"СМИ", "МИД", "Минобороны", "правительство", "Правительство"})
_RU_MALE_SURNAME_CASE = re.compile(r"^(?P<stem>[А-ЯЁ][а-яё]+(?:ин|ын|ов|ев|ёв))(?:а|у|ым|е|ом)$")


def _ru_surname_nominative(surname: str, given: str | None, ru: nlpmod.RussianNLP) -> str:
    """Nominative of a man's -ин/-ов/-ев surname the dictionary does not know (Хренина → Хренин).

    Only when the given name is a masculine nominative, so that women's
    surnames (Иванова) are left as they are.
    """
    m = _RU_MALE_SURNAME_CASE.match(surname)
    if not m or not given:
        return surname
    parse = ru.morph_vocab.parse(given)
    if parse and "masc" in str(parse[0].tag) and "Name" in str(parse[0].tag):
        return m.group("stem")
    return surname


def _tag_morph_where_needed(ndoc: Any, ru: nlpmod.RussianNLP) -> None:
    """Morphology only for sentences holding a name: it serves name normalisation
    (Путина → Путин) and costs more than the NER itself when run on every sentence."""
    sents = [s for s in ndoc.sents if s.spans]
    if not sents:
        return
    markups = ru.morph_tagger.map([[t.text for t in s.tokens] for s in sents])
    for sent, markup in zip(sents, markups, strict=True):
        for target, source in zip(sent.tokens, markup.tokens, strict=True):
            target.pos = source.pos
            target.feats = source.feats


_RU_ROLE_EN = (
    ("президент", "president"),
    ("премьер", "prime minister"),
    ("министр иностранных дел", "foreign minister"),
    ("министр обороны", "defence minister"),
    ("лидер", "leader"),
    ("глава государства", "president"),
)


def _ru_roles_to_english(cands: list[Candidate]) -> None:
    """Descriptors compare English role words: keep the Russian title, record its English head."""
    for c in cands:
        if c.kind == "person" and c.role:
            low = c.role.lower()
            for ru_word, en in _RU_ROLE_EN:
                if low.startswith(ru_word):
                    c.attrs["role_en"] = en


def _equipment_hits(
    text: str, gazetteer_paths: tuple[str, ...], sentences: Sequence[tuple[int, int]]
) -> list[eq.EquipmentHit]:
    matcher = nlpmod.alias_matcher(gazetteer_paths)
    lex = lexicon()
    stop = frozenset(set(lex.country_alias) | set(lex.demonym) | set(lex.capital_of))
    hits: list[eq.EquipmentHit] = []
    for s, e in sentences or [(0, len(text))]:
        hits.extend(matcher.find(text, s, e))
        hits.extend(eq.link_hit(h, matcher.gazetteer, text) for h in eq.find_quoted(text, s, e, stopwords=stop))
        hits.extend(eq.link_hit(h, matcher.gazetteer, text) for h in eq.find_designations(text, s, e))
    return eq.resolve_overlaps(hits)


def _equipment_candidate(hit: eq.EquipmentHit) -> Candidate:
    cand = Candidate(hit.start, hit.end, "equipment", hit.name, hit.source, entry=hit.entry)
    if hit.entry is None:
        cand.attrs["category"] = "unknown"
    return cand


# --------------------------------------------------------------------------- other languages


def analyse_other(ctx: DocContext, gazetteer_paths: tuple[str, ...] = ()) -> None:
    """No NER model: sentences by punctuation, equipment patterns and outlets only."""
    lex = lexicon()
    analysis = ctx.analysis
    text = analysis.text
    analysis.sentences = simple_sentences(text)
    cands = [_equipment_candidate(h) for h in _equipment_hits(text, gazetteer_paths, analysis.sentences)]
    _add_rule_mentions(cands, text, lex, english=False)
    analysis.mentions, analysis.entities = coref.resolve(cands, analysis)
