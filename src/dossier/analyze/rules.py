"""Rule layers shared by the language paths: outlets, channels, laws, seats of
government, descriptors, capitals standing for governments, equipment hits.

Why rules: these are closed, slowly changing lists and textual conventions
("the Telegram channel ‘X’", "Treaty on …", "Minsk and Moscow have agreed")
that the small statistical models either miss or label inconsistently; a
regex over the text costs microseconds and works for English and Russian alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dossier.analyze import equipment as eq
from dossier.analyze import nlp as nlpmod
from dossier.analyze.coref import Candidate
from dossier.analyze.lexicon import Lexicon, lexicon, media_regex, organisation_regex

#: Names whose "The" is part of the name.
_KEEP_THE = frozenset({"Hague", "Gambia", "Bahamas", "Netherlands", "Philippines"})
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_Q = eq.QUOTE_CHARS


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
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
# Starts only at a word start: a capitalised run could otherwise be retried from each of its
# letters ("AAAA..." or "S-S-S-..." cost quadratic time).
_LAW = re.compile(
    rf"(?<![\w-])(?P<law>(?:{_CAPWORD}\s+){{0,4}}(?:Treaty|Convention|Accords?|Agreements?|Protocol|Memorandum|Charter)"
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


def mark_capitals(cands: list[Candidate], text: str, lex: Lexicon) -> None:
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


def place_candidate(start: int, end: int, surface: str, label: str, lex: Lexicon) -> Candidate:
    known = lex.place_canonical(surface)
    if known:
        name, attrs = known
        return Candidate(start, end, "place", name, label, attrs={"canonical": name, **attrs})
    return Candidate(start, end, "place", surface, label)


def media_candidate(start: int, end: int, surface: str, label: str, lex: Lexicon) -> Candidate | None:
    canonical = lex.media.get(surface.casefold())
    if canonical is None:
        return None
    return Candidate(start, end, "org", canonical, label, attrs={"type": "media"})


def overlaps(cands: list[Candidate], start: int, end: int) -> list[Candidate]:
    return [c for c in cands if c.start < end and start < c.end]


def add_rule_mentions(cands: list[Candidate], text: str, lex: Lexicon, *, english: bool) -> None:
    """Outlets the model missed, Telegram channels, and descriptors of people."""
    for m in _TELEGRAM.finditer(text):
        g = "q" if m.group("q") else "u"
        s, e = m.span(g)
        s, e = strip_span(text, s, e)
        name = text[s:e]
        for c in overlaps(cands, m.start(), e):
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
        over = overlaps(cands, m.start(), m.end())
        if over:
            for c in over:
                if c.kind in {"org", "place", "other"} and (
                    c.start == m.start() or text[c.start : c.end] == m.group(0)
                ):
                    c.kind, c.name = "org", name
                    c.attrs.update(attrs)
            continue
        cands.append(Candidate(m.start(), m.end(), "org", name, "institution", attrs=attrs))
    for m in organisation_regex().finditer(text):
        # NATO, НАТО, the European Union: one canonical org in every language, whatever the model said
        s, e = m.span()
        over = overlaps(cands, s, e)
        if any((c.start < s or c.end > e) and c.kind in {"org", "law", "event", "equipment"} for c in over):
            continue  # inside a longer name the model found ("EU Commission", "NATO Treaty")
        for c in over:
            cands.remove(c)
        cands.append(Candidate(s, e, "org", lex.organisation[m.group(0)], "organisation", attrs={"known": True}))
    for m in media_regex().finditer(text):
        if overlaps(cands, m.start(), m.end()):
            continue
        media = media_candidate(m.start(), m.end(), m.group(0), "media", lex)
        if media is not None:
            cands.append(media)
    for m in _LAW.finditer(text):
        s, e = m.span("law")
        s, e = strip_span(text, s, e)
        if len(text[s:e].split()) < 2:
            continue
        over = overlaps(cands, s, e)
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
            if any(c.kind != "place" or c.start < s for c in overlaps(cands, s, e)):
                continue
            for c in overlaps(cands, s, e):
                cands.remove(c)
            cands.append(
                Candidate(s, e, "person", text[s:e], "descriptor", country=country, descriptor=m.group("role").lower())
            )


def equipment_hits(
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


def equipment_candidate(hit: eq.EquipmentHit) -> Candidate:
    cand = Candidate(hit.start, hit.end, "equipment", hit.name, hit.source, entry=hit.entry)
    if hit.entry is None:
        cand.attrs["category"] = "unknown"
    return cand
