"""Russian path of the entity stage: natasha NER + morphology, then the shared rules.

Why natasha: it is the Russian news NER that installs from PyPI with its
embeddings; its morphology lets us give names in the nominative (Путина →
Путин) so that mentions in any case form meet in one entity and one key.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from dossier.analyze import coref
from dossier.analyze import nlp as nlpmod
from dossier.analyze.coref import Candidate
from dossier.analyze.lexicon import Lexicon, lexicon
from dossier.analyze.rules import (
    add_rule_mentions,
    equipment_candidate,
    equipment_hits,
    mark_capitals,
    media_candidate,
    overlaps,
    place_candidate,
    strip_span,
)
from dossier.analyze.sentences import split_lines

if TYPE_CHECKING:  # pragma: no cover
    from dossier.analyze.pipeline import DocContext

_NATASHA_KIND = {"PER": "person", "ORG": "org", "LOC": "place"}


def _alts(text: str) -> tuple[str, ...]:
    """A word list written as one "|"-separated string (entries may contain spaces)."""
    return tuple(w.strip() for w in text.split("|") if w.strip())


_RU_ROLE_HEADS = _alts(
    "президент|премьер|министр|глав|пресс-секретар|спикер|канцлер|генсек|секретар|посол|посл|командующ|"
    "начальник|генерал|губернатор|мэр|директор|председател|лидер|депутат|сенатор|советник|помощник|"
    "представител|корол|заместител|замглав"
)
_RU_ROLE_MODS = frozenset(
    _alts(
        "иностранных|дел|обороны|внутренних|финансов|юстиции|экономики|энергетики|мид|минобороны|мвд|"
        "государства|правительства|генштаба|генерального|штаба|первый|первого|первому|вице-премьер|"
        "верховный|верховного|главнокомандующий|вс|вооруженных|вооружённых|сил|совета|безопасности|"
        "федерации|думы|госдумы|кремля|пресс-службы"
    )
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
    equipment = equipment_hits(text, gazetteer_paths, analysis.sentences)
    cands: list[Candidate] = [equipment_candidate(h) for h in equipment]
    for span in _ru_span_pieces(ndoc.spans, text, ru):
        kind = _NATASHA_KIND.get(span.type)
        if kind is None:
            continue
        start, end = strip_span(text, span.start, span.stop)
        if end <= start or overlaps(cands, start, end):
            continue
        surface = text[start:end]
        span.normalize(ru.morph_vocab)
        # the normaliser works on the tagger's span, quote marks included ("«Роскосмос»" →
        # "Роскосмос»"); the name keeps none the stripped surface does not have
        normal = (span.normal or surface).strip(" " + _QUOTES) or surface
        media = media_candidate(start, end, surface, span.type, lex) or media_candidate(
            start, end, normal, span.type, lex
        )
        if media is not None and kind in {"org", "person"}:
            cands.append(media)
            continue
        if kind == "person" and _ru_body_not_person(surface, ru):
            kind = "org"
        if kind == "person":
            span.extract_fact(ru.names_extractor)
            parts = span.fact.as_dict if span.fact else {}
            first, last = parts.get("first"), parts.get("last")
            middle = parts.get("middle")
            fixed = _ru_agreeing_case(surface, normal)
            normal = " ".join(fixed.values()) if fixed else normal
            first, middle, last = (fixed.get(p, p) if p else p for p in (first, middle, last))
            words = normal.split()
            if len(words) >= 2 and not (first and last):
                first, last = words[0], words[-1]  # the extractor knew only one part
            if last:
                last = _ru_surname_nominative(last, first, ru)
            name = _ru_name_in_text_order(surface, (first, middle, last)) or normal
            # Parts labelled against the text's order (given name after the surname) are a guess.
            order = name.split()
            uncertain = bool(first in order and last in order and order.index(first) > order.index(last))
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
                    attrs={"parts_uncertain": True} if uncertain else {},
                )
            )
        elif kind == "place" or normal.casefold() in lex.capital_of or normal.casefold() in lex.country_alias:
            normal = _ru_place_nominative(text, start, surface, normal, ru)
            cands.append(place_candidate(start, end, normal, "LOC", lex))
        elif (body := _ru_state_body_of_country(text, start, end, normal, ru, lex)) is not None:
            cands.append(body)
        elif normal in _RU_GENERIC_ORG:
            continue
        else:
            cands.append(Candidate(start, end, "org", _ru_org_nominative(surface, normal, ru), "ORG"))
    _ru_place_forms_agree(cands, text)
    _ru_repeated_names(cands, text)
    add_rule_mentions(cands, text, lex, english=False)
    _ru_foreign_national_bodies(cands, text, ru, lex)
    _ru_bodies_of_places(cands, text, ru)
    _ru_orgs_of_places(cands, text, ru)
    for m in _RU_DESCRIPTOR.finditer(text):
        country = lex.country_of_adjective(m.group("nat"))
        if country is None or overlaps(cands, m.start(), m.end()):
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
    mark_capitals(cands, text, lex)
    analysis.mentions, analysis.entities = coref.resolve(cands, analysis)


_QUOTES = "«»„“”\"'‘’"
_RU_WORD_BEFORE = re.compile(r"([А-Яа-яЁё]+)[ \t]+$")


def _ru_place_forms_agree(cands: list[Candidate], text: str) -> None:
    """One written form of a place, one name in an article: "выборов в *Гагаузии*" (after a
    preposition, put in the nominative, Гагаузия) and "Башкан *Гагаузии*" (no preposition, left as
    written) were two places. A place mention left as written takes the nominative that another
    mention of the same form got."""
    fixed: dict[str, str] = {}
    for c in cands:
        surface = text[c.start : c.end]
        if c.kind == "place" and c.name != surface and " " not in surface:
            fixed.setdefault(surface, c.name)
    if not fixed:
        return
    for c in cands:
        surface = text[c.start : c.end]
        if c.kind == "place" and c.name == surface and surface in fixed:
            c.name = fixed[surface]
            if "canonical" in c.attrs:
                c.attrs["canonical"] = c.name


def _ru_place_nominative(text: str, start: int, surface: str, normal: str, ru: nlpmod.RussianNLP) -> str:
    """The nominative of a one-word place the normaliser left as written: a geographical name the
    dictionary knows in another case ("аэропорту *Среднеколымска*" → Среднеколымск), else, after a
    preposition (which never takes the nominative), the best reading in another case ("под
    *Палланой*" → Паллана).  A place written in the nominative, or indeclinable, stays."""
    if " " in surface or normal != surface or not surface[:1].isupper():
        return normal
    parses = [p for p in ru.morph_vocab.parse(surface) if p.tag.POS == "NOUN"]
    geox = [p for p in parses if "Geox" in p.tag.grammemes]
    pick = geox[0] if geox and geox[0].score >= 0.5 else None
    if pick is None:
        prev = _RU_WORD_BEFORE.search(text, max(0, start - 20), start)
        if prev is None or not any(p.tag.POS == "PREP" for p in ru.morph_vocab.parse(prev.group(1).lower())):
            return normal
        pick = next((p for p in parses if p.tag.case != "nomn" and "Name" not in p.tag.grammemes), None)
        pick = pick or next((p for p in parses if p.tag.case != "nomn"), None)
    if pick is None or "-" in surface:
        return normal
    form = pick.normal_form
    return form[:1].upper() + form[1:] if form and form[:1] == surface[:1].lower() else normal



#: Kinds whose names are looked for again (see ``_ru_repeated_names``).
_RU_REPEATED_KINDS = frozenset({"person", "org"})


def _ru_repeated_names(cands: list[Candidate], text: str) -> None:
    """Where the article writes a name the tagger found, the same letters are that name again.

    The tagger misses names it has no context for, above all at the start of a text or a
    headline ("Путин подпишет закон", "Д.Медведев снял …", "Чавес назначил …"), though it finds
    the same name further on. Every other occurrence of a person's, organisation's or place's
    exact surface (a whole word, capitalised, three letters or more) that no candidate covers
    becomes one more mention with the same reading.
    """
    seen: dict[str, Candidate] = {}
    for c in cands:
        surface = text[c.start : c.end]
        if c.kind in _RU_REPEATED_KINDS and len(surface) >= 3 and surface[:1].isupper():
            seen.setdefault(surface, c)
    # One flag per character a candidate covers: an occurrence is checked against its own letters,
    # not against every candidate (a text repeating one name thousands of times stays linear).
    taken = bytearray(len(text))
    for c in cands:
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    for surface, c in seen.items():
        for m in re.finditer(rf"(?<![\w.\-]){re.escape(surface)}(?![\w\-])", text):
            if any(taken[m.start() : m.end()]):
                continue
            copy = Candidate(
                m.start(), m.end(), c.kind, c.name, c.label, given=c.given, surname=c.surname, attrs=dict(c.attrs)
            )
            cands.append(copy)
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())

#: Where a name the tagger found must end: a line break (a headline, a caption, a list item)
#: or a wiki table's "|"; nothing in a name crosses them.
_RU_NAME_BREAK = re.compile(r"\s*(?:\n|\|)\s*")
#: A name with a gloss in parentheses at its end: "Дэвид Эберсман (David Ebersman)",
#: "Форум стран-экспортеров газа (ФСЭГ)".
#: The tagger may end the span before the closing parenthesis ("Галактион (Табаков").
_RU_GLOSS = re.compile(r"^(?P<name>.*?\S)\s*[(;]\s*(?P<gloss>[^();]*\w[^();]*?)\)?$", re.DOTALL)


def _ru_span_pieces(spans: Any, text: str, ru: nlpmod.RussianNLP) -> Any:
    """The tagger's spans cut where one name ends and another text begins.

    The tagger reads the text as one stream, so a span can run over a line break ("Й.Вайдман⏎⏎
    Вместо Акселя Вебера": the end of a headline and the first words of the paragraph), take in
    a gloss in parentheses ("Дэвид Эберсман (David Ebersman)", "Европейский центробанк (ЕЦБ)"),
    or start with a capitalised common word before a person's name ("Генерала Дорохова",
    "Лозунг Фисуна", "56-летний С.Джобс"). Each line of a span is a piece; a trailing gloss in
    parentheses is a name of its own (the acronym check and coreference then join it to the name
    before it); a person's piece loses leading words that are no part of a name. Spans that
    need no cut are yielded as they are.
    """
    from natasha.doc import DocSpan

    for span in spans:
        surface = text[span.start : span.stop]
        if not (set(surface) & set("\n|();")) and span.type != "PER":
            yield span
            continue
        bounds: list[tuple[int, int]] = []
        pos = span.start
        for m in _RU_NAME_BREAK.finditer(text, span.start, span.stop):
            bounds.append((pos, m.start()))
            pos = m.end()
        bounds.append((pos, span.stop))
        pieces: list[tuple[int, int]] = []
        for s, e in bounds:
            m = _RU_GLOSS.match(text[s:e])
            if m:
                pieces.append((s, s + m.end("name")))
                pieces.append((s + m.start("gloss"), s + m.end("gloss")))
            else:
                pieces.append((s, e))
        out = []
        for n, (s, e) in enumerate(pieces):
            s, e = strip_span(text, s, e)
            while s < e and text[s] in "()":
                s += 1
            while e > s and text[e - 1] in "()":
                e -= 1
            tokens = [t for t in span.tokens if s <= t.start and t.stop <= e]
            if span.type == "PER":
                tokens = _ru_name_tokens(tokens, ru)
            if not tokens or not any(c.isalpha() for c in text[tokens[0].start : tokens[-1].stop]):
                continue
            s, e = tokens[0].start, tokens[-1].stop
            if n and not text[s].isupper():
                continue  # a later line that opens in lower case is prose, not a name
            out.append((s, e, tokens))
        if len(out) == 1 and (out[0][0], out[0][1]) == (span.start, span.stop):
            yield span
            continue
        for s, e, tokens in out:
            yield DocSpan(s, e, span.type, text[s:e], tokens=tokens)


def _ru_name_tokens(tokens: list[Any], ru: nlpmod.RussianNLP) -> list[Any]:
    """A person's tokens without the leading words that are no part of a name.

    Dropped while a name word follows: a number ("56-летний") or punctuation; a preposition,
    conjunction or adverb that opened the paragraph ("Вместо Акселя Вебера"); a title
    (``_RU_ROLE_HEADS``: "Генерала Дорохова", "Президент ..."), which the role check before the
    name then reads; a common noun in the nominative or accusative that governs the name in the
    genitive ("Пресс-агент Гибсона", "Сын В.Жириновского"). A word with a reading as a given
    name, surname or patronymic ("Кит", "Лев"), a word the dictionary does not know and a
    dictionary noun that agrees in case with the name ("Фрица Хендерсона", "Франк Веркотерен":
    foreign given names the dictionary holds as common nouns) stay.
    """
    out = list(tokens)
    while len(out) > 1:
        word = out[0].text
        if any(c.isdigit() for c in word) or not any(c.isalpha() for c in word):
            out.pop(0)
            continue
        # a compound ("Пресс-агент") is known when its last part is
        if len(word) == 1 or not word[:1].isupper() or not ru.morph_vocab.word_is_known(word.lower().split("-")[-1]):
            break
        parses = ru.morph_vocab.parse(word)
        tags = [str(p.tag) for p in parses]
        if any(g in t for t in tags for g in ("Name", "Surn", "Patr")):
            break
        pos = {t.split(",")[0].split(" ")[0] for t in tags}
        lemma = parses[0].normal_form
        if pos <= {"PREP", "CONJ", "ADVB", "INTJ"} or (pos == {"ADJF"} and lemma.endswith("летний")):
            out.pop(0)  # "Вместо …", "Семидесятилетний …"
            continue
        if pos != {"NOUN"}:
            break
        if lemma.startswith(_RU_ROLE_HEADS + _RU_NAME_TITLES) or _ru_governs_genitive(parses[0], out[1:], ru):
            out.pop(0)
            continue
        break
    return out


#: Capitalised nouns for a public body that a place in the genitive after them names
#: ("Прокуратура Свердловской области", "Администрация Тулы", "Полиция Нью-Йорка").
_RU_BODY_NOUNS = frozenset(
    {"прокуратура", "администрация", "правительство", "полиция", "мэрия", "дума", "управление",
     "министерство", "суд", "парламент", "губернаторство", "следственное"}
)
#: The same nouns written in lower case name a body only with the place in the genitive
#: ("посольства США", "в правительстве Киргизии", "прокуратура Бишкека"); the embassy, army
#: and department words are here too, since such a body's name is written in lower case.
#: "ведомство" (an agency, any agency) is not: it only points back at a body named elsewhere
#: ("собеседник в военном ведомстве Беларуси"), so the place stays a place there, and the
#: article keeps its country for stories and for joining its events with other reports.
_RU_BODY_NOUNS_LOWER = _RU_BODY_NOUNS - {"следственное", "управление", "суд"} | {
    "посольство", "консульство", "генконсульство", "сенат", "конгресс", "армия", "войско",
    "департамент", "комитет"}
#: Acronyms of countries (РФ, США, ФРГ, КНДР): no case ending, so any case reading fits.
_RU_ACRONYM = re.compile(r"^[А-ЯЁA-Z]{2,5}$")


#: Titles written before a name that are no role: "Сэр Алекс …", "Принц Мухаммед …".
_RU_NAME_TITLES = _alts(
    "сэр|принц|принцесс|шейх|эмир|султан|митрополит|патриарх|кардинал|архиепископ|епископ|мистер|миссис"
)


def _ru_case(tag: str) -> str:
    return next((c for c in ("nomn", "gent", "datv", "accs", "ablt", "loct") if c in tag), "")


def _ru_governs_genitive(head: Any, rest: list[Any], ru: nlpmod.RussianNLP) -> bool:
    """Whether a noun (its likeliest reading) in the nominative or accusative stands before a name
    whose first full word is likeliest a genitive: "Пресс-агент Гибсона", "Сын В.Жириновского"."""
    if _ru_case(str(head.tag)) not in {"nomn", "accs"}:
        return False
    word = next((t.text for t in rest if len(t.text) > 1 and t.text.isalpha()), None)
    if word is None:
        return False
    return _ru_case(str(ru.morph_vocab.parse(word)[0].tag)) == "gent"


def _ru_genitive(name: str, ru: nlpmod.RussianNLP) -> bool:
    """Whether a place name can stand in the genitive ("России", "Нью-Йорка", "Свердловской
    области", "США"): its last word has a genitive reading, or is an acronym with no case."""
    last = name.split()[-1] if name.split() else ""
    if _RU_ACRONYM.match(last):
        return True
    return any("gent" in str(p.tag) for p in ru.morph_vocab.parse(last))


#: What may stand between an organisation and its place: spaces and up to three lower-case
#: words in the genitive ("Генерального штаба *вооруженных сил* Украины").
_RU_GENITIVE_GAP = re.compile(r"(?:[ \t]+[а-яё]+){0,3}[ \t]+")


def _ru_genitive_word(word: str, ru: nlpmod.RussianNLP) -> bool:
    """A noun or adjective with a genitive reading ("вооруженных", "сил", "здравоохранения");
    never a conjunction, preposition or a one- or two-letter word ("и", "в")."""
    return len(word) > 2 and any(
        "gent" in str(p.tag) and str(p.tag).startswith(("NOUN", "ADJF", "PRTF")) for p in ru.morph_vocab.parse(word)
    )


def _ru_orgs_of_places(cands: list[Candidate], text: str, ru: nlpmod.RussianNLP) -> None:
    """An organisation followed by a place or another organisation in the genitive is part of it.

    The tagger ends a body's name before its country or city and tags that as a place:
    "Следственного комитета | РФ", "Сенате | США", "ЦБ | ФРГ", "МВД | СССР", also across
    lower-case words in the genitive ("Генерального штаба | вооруженных сил | Украины"). The
    body is the body of that place (the US Senate is not the Russian one), so the two become
    one organisation, named with the organisation's name and the rest as written. A chain of
    bodies, each in the genitive of the one before, is one body too ("Главного оперативного
    управления | Генштаба | ВС РФ"): the directorate, not the General Staff, is what the text
    names. Not after an outlet or a well-known international organisation (its own list names
    it), never over a dateline, a place or organisation in another case ("Газпром поставляет
    Украине", "Минфин передал Сбербанку") or lower-case words before an organisation.
    """
    by_start = {c.start: c for c in cands if c.kind in {"place", "org"} and not c.attrs.get("dateline")}
    gone: set[int] = set()
    for c in sorted(cands, key=lambda c: c.start):
        if id(c) in gone or c.kind != "org" or c.attrs.get("type") == "media" or c.attrs.get("known"):
            continue
        cur = c
        while (gap := _RU_GENITIVE_GAP.match(text, cur.end)) is not None:
            nxt = by_start.get(gap.end())
            if nxt is None or id(nxt) in gone or not _ru_genitive(text[nxt.start : nxt.end], ru):
                break
            words = gap.group(0).split()
            if nxt.kind == "place":
                if not all(_ru_genitive_word(w, ru) for w in words):
                    break
            elif words or nxt.attrs.get("type") == "media":
                break
            attrs = dict(cur.attrs)
            country = nxt.name if nxt.attrs.get("type") == "country" else nxt.attrs.get("country")
            if country:
                attrs.setdefault("country", country)
            name = f"{cur.name} {' '.join(text[cur.end : nxt.end].split())}"
            joined = Candidate(cur.start, nxt.end, "org", name, cur.label, attrs=attrs)
            cands[cands.index(cur)] = joined
            cands.remove(nxt)
            gone.add(id(nxt))
            cur = joined


def _ru_bodies_of_places(cands: list[Candidate], text: str, ru: nlpmod.RussianNLP) -> None:
    """A body noun before a place the tagger found names that place's body: one organisation
    over the words, named with the noun in the nominative and the rest as written, so the
    prosecutor's office, not the region, acts and speaks. Capitalised ("*Прокуратура*
    Свердловской области просила …", ``_RU_BODY_NOUNS``), or in lower case with the place in the
    genitive ("сотрудники *посольства* США", ``_RU_BODY_NOUNS_LOWER``); up to three lower-case
    words in the genitive may stand between ("министерству здравоохранения США")."""
    for n, c in enumerate(cands):
        if c.kind != "place" or c.attrs.get("dateline"):
            continue
        words = _ru_words_before(text, c.start, 4)
        for k in range(min(len(words), 4)):
            body, between = words[-1 - k], words[len(words) - k :]
            if overlaps([o for o in cands if o is not c], body.start(), c.end):
                break
            if between and not all(w.group(0).islower() and _ru_genitive_word(w.group(0), ru) for w in between):
                break
            lemma = ru.morph_vocab.parse(body.group(0))[0].normal_form
            if body.group(0)[:1].isupper():
                if lemma not in _RU_BODY_NOUNS | _RU_BODY_NOUNS_LOWER:
                    continue
            elif lemma not in _RU_BODY_NOUNS_LOWER or not _ru_genitive(text[c.start : c.end], ru):
                continue
            head = lemma[:1].upper() + lemma[1:]
            cands[n] = Candidate(body.start(), c.end, "org", f"{head} {text[body.end() : c.end].strip()}", "ORG")
            break


def _ru_words_before(text: str, pos: int, n: int) -> list[re.Match[str]]:
    """Up to ``n`` words right before ``pos``, separated by nothing but spaces (nearest last)."""
    words = list(_RU_WORD.finditer(text, max(0, pos - 25 * n), pos))[-n:]
    out: list[re.Match[str]] = []
    end = pos
    for w in reversed(words):
        if text[w.end() : end].strip(" \t") or w.end() == end:
            break
        out.insert(0, w)
        end = w.start()
    return out


def _ru_org_nominative(surface: str, normal: str, ru: nlpmod.RussianNLP) -> str:
    """An organisation's name with only its head phrase in the nominative.

    The normaliser puts every word in the nominative, which breaks the
    genitive complements that make up most Russian institution names:
    "Министерства иностранных дел" became "Министерство иностранные дела",
    "Банка России" "Банк Россия".  The head noun (the first noun) and the
    adjectives before it agree and take the normalised form; the words after
    it keep their case as written.
    """
    sw, nw = surface.split(), normal.split()
    if len(sw) != len(nw) or len(sw) < 2:
        return normal
    for i, word in enumerate(sw):
        parses = ru.morph_vocab.parse(word)
        if parses and "NOUN" in str(parses[0].tag):
            return " ".join(nw[: i + 1] + sw[i + 1 :])
    return normal


def _ru_body_not_person(surface: str, ru: nlpmod.RussianNLP) -> bool:
    """Whether a one-word name the tagger took for a person is a dictionary word for a body.

    The tagger reads "поручил Совмину" as a person (a capitalised dative after a
    verb of commanding); the dictionary knows "Минфин" as an organisation and
    "Совмин" as an inanimate noun built the Soviet way from syllables of an
    institution's name (сов-, мин-, гос-, рос-, глав-).  A plain inanimate
    noun is not enough: foreign surnames (Хван) are in the dictionary as
    common nouns.  A person's name reading (given name, surname, patronymic)
    keeps the person, and a word the dictionary does not know is left to the tagger.
    """
    if " " in surface.strip() or not ru.morph_vocab.word_is_known(surface.lower()):
        return False
    parses = ru.morph_vocab.parse(surface)
    tags = [str(p.tag) for p in parses]
    if any(g in t for t in tags for g in ("Name", "Surn", "Patr")):
        return False
    if any("Orgn" in t for t in tags):
        return True
    return all("inan" in t and "Geox" not in t for t in tags) and any(
        p.normal.startswith(_RU_SYLLABIC_BODY) and len(p.normal) >= 6 for p in parses
    )


#: Leading syllables of Soviet-style compound names of institutions (Совмин, Минздрав, Госстандарт).
_RU_SYLLABIC_BODY = ("сов", "мин", "гос", "рос", "глав")


#: Names natasha tags as an organisation that name no one body on their own: a bare "МИД" or
#: "Минобороны" is whichever country's ministry the article is about (Russia's in a Moscow
#: report, Ukraine's in a quote from Kyiv), and one store entity for all of them would join
#: different countries' ministries.  "СМИ" is the press at large.
_RU_GENERIC_ORG = frozenset({"СМИ", "МИД", "Минобороны", "правительство", "Правительство"})
#: Of those, the state bodies: with a country's name right after them ("Минобороны России",
#: "МИД РФ", "правительства Белоруссии") they are that country's body.
_RU_STATE_BODY = frozenset({"МИД", "Минобороны", "правительство", "Правительство"})
_RU_NEXT_WORD = re.compile(r"[ \t]+(?P<w>[А-ЯЁA-Z][\w\-]*)")
_RU_PREV_WORD = re.compile(r"(?P<w>[А-ЯЁа-яё]+)[ \t]+$")


def _ru_country_word(word: str, ru: nlpmod.RussianNLP, lex: Lexicon) -> str | None:
    """The country a capitalised Russian word names in any case (России, РФ, Белоруссии), else None."""
    lemma = ru.morph_vocab.parse(word)[0].normal_form
    return lex.country_alias.get(lemma) or lex.country_alias.get(word.casefold())


#: Full names of ministries (nominative, lower case, ё as е) and the short name the press uses
#: for them: "Министерство иностранных дел России", "МИД РФ" and "российский МИД" are one body,
#: so all of them are named by the short form and the country ("МИД России").
_RU_MINISTRY_SHORT = {
    "министерство иностранных дел": "МИД",
    "министерство обороны": "Минобороны",
    "министерство внутренних дел": "МВД",
    "министерство финансов": "Минфин",
    "министерство юстиции": "Минюст",
    "министерство здравоохранения": "Минздрав",
    "министерство экономического развития": "Минэкономразвития",
    "министерство промышленности и торговли": "Минпромторг",
    "министерство энергетики": "Минэнерго",
    "министерство транспорта": "Минтранс",
    "министерство сельского хозяйства": "Минсельхоз",
    "министерство природных ресурсов и экологии": "Минприроды",
    "министерство цифрового развития, связи и массовых коммуникаций": "Минцифры",
    "министерство труда и социальной защиты": "Минтруд",
    "министерство просвещения": "Минпросвещения",
    "министерство культуры": "Минкультуры",
    "министерство по чрезвычайным ситуациям": "МЧС",
}
#: Short names the tagger may return in another case or letter case ("МИДа", "мид").
_RU_SHORT_BODY = {b.casefold(): b for b in (*_RU_STATE_BODY, *_RU_MINISTRY_SHORT.values())}


def _ru_body_short(normal: str) -> str | None:
    """The short name of a state body written in full or short ("Министерство обороны" →
    "Минобороны", "мид" → "МИД", "правительство" → "Правительство"), else ``None``."""
    key = " ".join(normal.casefold().replace("ё", "е").split())
    short = _RU_MINISTRY_SHORT.get(key) or _RU_SHORT_BODY.get(key)
    if short is None:
        return None
    return short[:1].upper() + short[1:]


def _ru_country_genitive(country: str, written: str, ru: nlpmod.RussianNLP, lex: Lexicon) -> str:
    """The country's Russian name in the genitive ("Russia" → "России"), the same whichever way
    the text wrote it ("РФ", "России", "российский"), so its bodies get one name; an acronym
    stays as it is ("США"), and a country with no Russian name keeps the written word."""
    name = lex.country_ru.get(country) or written
    if " " in name or name.isupper():
        return name
    form = ru.morph_vocab.parse(name.lower())[0].inflect({"Gen"})
    out = str(form.word) if form is not None else name
    return out[:1].upper() + out[1:]


def _ru_state_body_of_country(
    text: str, start: int, end: int, normal: str, ru: nlpmod.RussianNLP, lex: Lexicon
) -> Candidate | None:
    """A state body with a country beside it, as that country's body ("Минобороны России").

    The tagger ends the organisation before the country and tags the country as a place; the
    two together are one organisation (factRuEval annotates "МИД РФ" so).  The name is the
    body's short form and the country's genitive, however the text wrote either ("МИДа РФ",
    "Министерства иностранных дел России", "российский МИД" → "МИД России"), so one ministry
    is one entity.  A bare generic body stays skipped (see ``_RU_GENERIC_ORG``); a full name
    with no country keeps its own name.
    """
    head = _ru_body_short(normal) or _ru_body_short(_ru_org_nominative(text[start:end], normal, ru))
    if head is None:
        return None
    m = _RU_NEXT_WORD.match(text, end)
    country = _ru_country_word(m.group("w"), ru, lex) if m is not None else None
    stop, written = (m.end("w"), m.group("w")) if m is not None and country is not None else (end, "")
    if country is None:
        before = _RU_PREV_WORD.search(text, max(0, start - 40), start)
        country = lex.country_of_adjective(before.group("w").lower()) if before is not None else None
    if country is None:
        return None
    name = f"{head} {_ru_country_genitive(country, written, ru, lex)}"
    return Candidate(start, stop, "org", name, "ORG", attrs={"type": "government", "country": country})


def _ru_foreign_national_bodies(cands: list[Candidate], text: str, ru: nlpmod.RussianNLP, lex: Lexicon) -> None:
    """Short names of a known national body that another country's name qualifies are that country's body.

    "ЦБ" and "Центробанк" are the Bank of Russia in Russian news, but "ЦБ Турции" and "турецкий
    Центробанк" are Turkey's central bank: a known body with a country (``organisations.json``
    "country") loses its canonical name when a different country's name follows it or that
    country's adjective stands right before it, and keeps the name as written instead, so it
    is not joined to the Bank of Russia in the article or the store.
    """
    for c in cands:
        own = lex.org_country.get(c.name) if c.attrs.get("known") else None
        if own is None:
            continue
        foreign = None
        after = _RU_NEXT_WORD.match(text, c.end)
        if after is not None:
            foreign = _ru_country_word(after.group("w"), ru, lex)
        before = _RU_PREV_WORD.search(text, max(0, c.start - 40), c.start)
        if foreign is None and before is not None:
            foreign = lex.country_of_adjective(before.group("w").lower())
        if foreign is not None and foreign != own:
            c.name = text[c.start : c.end]
            c.label = "ORG"
            c.attrs.pop("known", None)
            c.attrs["country"] = foreign


_RU_MALE_SURNAME_CASE = re.compile(r"^(?P<stem>[А-ЯЁ][а-яё]+(?:ин|ын|ов|ев|ёв))(?:а|у|ым|е|ом)$")


#: Case endings of a masculine consonant-stem noun, by grammeme: a foreign surname the
#: dictionary does not know declines like one (Фидана, Фидану, Фиданом, о Фидане).
_RU_CONSONANT_STEM_ENDING = {"gent": ("а", "я"), "datv": ("у", "ю"), "ablt": ("ом", "ем"), "loct": ("е",)}


def _ru_surname_nominative(surname: str, given: str | None, ru: nlpmod.RussianNLP) -> str:
    """Nominative of a man's surname the dictionary does not know (Хренина → Хренин, Фиданом → Фидан).

    Only when the given name is a masculine name: women's surnames (Иванова)
    are left as they are.  A surname without the -ин/-ов/-ев suffix loses a
    case ending only when the given name beside it stands in that same
    oblique case (Хаканом Фиданом), the agreement that says the ending is
    inflection and not part of the name.
    """
    if not given:
        return surname
    parses = [p for p in ru.morph_vocab.parse(given) if "Name" in str(p.tag) and "masc" in str(p.tag)]
    if not parses:
        return surname
    if given[-1:] in "ая" and any(
        "Name" in str(p.tag) and "femn" in str(p.tag) and "nomn" in str(p.tag) for p in ru.morph_vocab.parse(given)
    ):
        # "Марина Лебедева": Марина is also the genitive of the man's name Марин, but a given name
        # that reads as a woman's name in the nominative keeps her surname (never "Марина Лебедев")
        return surname
    m = _RU_MALE_SURNAME_CASE.match(surname)
    if m:
        return m.group("stem")
    for parse in parses:
        tag = str(parse.tag)
        for case, endings in _RU_CONSONANT_STEM_ENDING.items():
            if case not in tag or "plur" in tag:
                continue
            for ending in endings:
                stem = surname[: -len(ending)]
                if surname.endswith(ending) and len(stem) >= 3 and stem[-1] not in "аеёиоуыэюяйь":
                    return stem
    return surname


_RU_OBLIQUE_ENDINGS = ("ом", "ем", "а", "я", "у", "ю", "е")


def _ru_agreeing_case(surface: str, normal: str) -> dict[str, str]:
    """Words of a name the normaliser left in an oblique case, put in the nominative by agreement.

    Natasha knows the given name of "Хаканом Фиданом" (→ Хакан) but not the
    foreign surname, which stays "Фиданом", and "Фидан" later in the text
    becomes a second person.  Words of one name stand in one case: when a
    neighbour lost an ending and this word ends in the same ending after a
    consonant, it loses it too.  Returns surface word → fixed word for every
    word (empty when nothing changed).
    """
    sw, nw = surface.split(), normal.split()
    if len(sw) != len(nw) or len(sw) < 2:
        return {}
    lost = {w[len(n) :] for w, n in zip(sw, nw, strict=True) if w != n and w.startswith(n)}
    lost &= set(_RU_OBLIQUE_ENDINGS)
    if not lost:
        return {}
    out: dict[str, str] = {}
    changed = False
    for w, n in zip(sw, nw, strict=True):
        if w == n:
            for ending in sorted(lost, key=len, reverse=True):
                stem = w[: -len(ending)]
                if w.endswith(ending) and len(stem) >= 3 and stem[-1] not in "аеёиоуыэюяйь":
                    n, changed = stem, True
                    break
        out[w] = n
    return out if changed else {}


def _ru_name_in_text_order(surface: str, parts: tuple[str | None, ...]) -> str:
    """The name's parts in the order the text writes them.

    The name extractor labels parts by a Russian pattern; a foreign name
    written surname first (Си Цзиньпин) or a given name it does not know
    (Хакан Фидан) gets its parts swapped, and the entity would be called by
    a name no one uses.  Each part is placed at the surface word it is the
    nominative of (the longest common prefix decides).
    """
    present = [p for p in parts if p]
    if not present:
        return ""
    if parts[0] and len(parts[0].strip(".")) <= 1:
        # initials ("Лукашенко А.Г."): the register's order, not a reading of the name; the
        # extractor's own order (initials first) is how such a name is cited in prose
        return " ".join(present)
    words = surface.split()

    def position(part: str) -> int:
        best, where = 0, len(words)
        for i, word in enumerate(words):
            n = 0
            for a, b in zip(part.casefold(), word.casefold(), strict=False):
                if a != b:
                    break
                n += 1
            if n > best:
                best, where = n, i
        return where

    return " ".join(sorted(present, key=position))


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
