"""Finding the source phrase of a cue and resolving it to a canonical entity.

Why two steps: the text says *who* in many ways ("Ryzhenkov", "he", "the
Belarusian leader", "a source", "Lukashenko's office"); the phrase itself is
kept as the speaker span (it is what a reader would highlight), while the
speaker name is the entity that phrase refers to, found through the entity
stage's mentions, the previous person for a pronoun, or the person whose role
matches a title.  Without a parser the phrase is found by scanning tokens away
from the cue until a preposition, conjunction or punctuation ends it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from dossier.analyze.attribution import russian
from dossier.analyze.attribution.text import (
    CLAUSE_WORDS,
    DETERMINERS,
    NP_STOP,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    PRONOUNS,
    QUOTE_CHARS,
    RELATIVES,
    SKIP_LEFT,
    Tok,
    is_clause_word,
    words,
)
from dossier.analyze.attribution.view import DocView
from dossier.model import Mention

_MAX_NP = 9
_WEEKDAYS = words(
    """monday tuesday wednesday thursday friday saturday sunday on понедельник вторник среду четверг
    пятницу субботу воскресенье"""
)
_ORG_PRONOUNS = frozenset({"it"})
#: Nouns in -ly, which are no adverbs to skip ("attorneys for the family said").
_LY_NOUNS = words("family ally rally assembly supply reply monopoly anomaly bully")
#: Adverbs that may open a phrase found left of a cue ("Вчера Ковалёва заявила"): never part of a speaker.
_LEADING_ADVERBS = SKIP_LEFT - CLAUSE_WORDS - words("could should may might must not never не")
#: Prepositions of a time phrase between a cue and its speaker ("заявила в понедельник Ковалёва").
_TIME_PREPS = words("on in at во в")
# Time words that open a phrase found left of a cue ("In late September Lukashenko said"):
# trimmed off, a speaker is never a date.
_TIME_WORD_RE = re.compile(
    r"(?:january|february|march|april|june|july|august|september|october|november|december|sept?|jan|feb|mar"
    r"|apr|jun|jul|aug|oct|nov|dec|late|early|mid|last|next|year|week|month|\d{1,4}(?:st|nd|rd|th)?"
    r"|январ\w*|феврал\w*|март\w*|апрел\w*|мая|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*"
    r"|декабр\w*|начале|конце|середине|года?)",
    re.IGNORECASE,
)
# Quantifiers that stand for people on their own ("Many said", "Others argued").
_QUANT_HEADS = words(
    """many some most several both others few all none everyone someone somebody nobody anyone one two three four
    five six seven eight nine ten dozen dozens hundreds thousands millions percent majority minority half third
    quarter number array handful couple lot group"""
)
# Suffixes of English nouns for people ("economist", "historian", "lawmakers", "senators").
_HUMAN_SUFFIX_RE = re.compile(r"\w{3,}(?:ist|ists|ian|ians|ers|ors|eer|eers)$")
_PREP_OF = words("of for in at from with on")
_SUBJECT_PRONOUNS = words("he she it they we i он она они мы я")
#: Words after which a pronoun opens a (main or adverbial) clause as its subject ("Though she …").
_CLAUSE_OPENERS = words("and but though although when while as because after before since if so yet then и но а когда")
_OBJECT_WORDS = words("of him her them me us его её ее их")
_POSSESSIVES = words("his her its their our my его её ее их")
_MALE_PRONOUNS = words("he him his himself он его ему него нем нём")
_FEMALE_PRONOUNS = words("she her hers herself она её ее ей ней нее неё")


@dataclass(frozen=True, slots=True)
class Speaker:
    """Where the source is named (``start``/``end``) and who it is (``name``, ``entity_id``)."""

    start: int
    end: int
    name: str | None
    entity_id: str | None = None


def _skippable(tok: Tok, view: DocView) -> bool:
    low = tok.lower
    if low in SKIP_LEFT or low in _WEEKDAYS:
        return True
    if low.endswith("ly") and len(low) > 4 and not tok.is_cap and low not in _LY_NOUNS:
        return True
    return any(t.start <= tok.start and tok.end <= t.end for t in view.times)


def _attached(a: Tok, b: Tok) -> bool:
    return a.end == b.start


def _abbreviation(tok: Tok) -> bool:
    """Whether a point after ``tok`` abbreviates it ("S.E.C.", "U.S.", "Jr.", "Inc.") rather than
    ending a sentence."""
    return tok.is_word and ("." in tok.text or (tok.is_cap and len(tok.text) <= 3))


_POSSESSIVE_DETERMINERS = frozenset({"his", "her", "its", "their", "our", "my", "your"})


def left_phrase(view: DocView, toks: list[Tok], i: int) -> tuple[int, int] | None:
    """Token range ``[k, j]`` of the noun phrase ending just before ``toks[i]`` (the cue).

    Returns ``None`` when punctuation or nothing stands there (then the
    speaker, if any, follows the cue).
    """
    j = i - 1
    while (
        j >= 0
        and toks[j].is_word
        and (
            _skippable(toks[j], view)
            # "Хренин в среду доложил", "Walsh on Monday told": a time phrase between subject and cue
            or (toks[j].lower in _TIME_PREPS and j + 1 < i and toks[j + 1].is_word and _skippable(toks[j + 1], view))
        )
    ):
        j -= 1
    if j < 0:
        return None
    if toks[j].text == ")":  # "Paul D. Ryan (R-Wis.) said"
        k = j
        while k >= 0 and toks[k].text != "(":
            k -= 1
        if k <= 0 or j - k > 8:
            return None
        end = j
        j = k - 1
        if j < 0 or not toks[j].is_word:
            return None
    else:
        end = j
    if toks[j].text == "." and j > 0 and _abbreviation(toks[j - 1]) and _attached(toks[j - 1], toks[j]):
        j -= 1  # "The S.E.C. said", "Donald Trump Jr. said": the point belongs to the name
    if not toks[j].is_word:
        return None
    head = toks[j]
    if not head.is_cap and head.lower not in PRONOUNS and head.lower in NP_STOP:
        return None
    if head.lower in RELATIVES or head.lower in PRONOUNS:
        return j, end
    k = j
    while k >= 0 and end - k < _MAX_NP:
        t = toks[k]
        if t.is_word:
            # a cue word inside a capitalised name is part of it ("The State Department …")
            in_name = t.is_cap and k < end and toks[k + 1].is_cap
            if k < end and t.lower in _POSSESSIVE_DETERMINERS and view.language == "en":
                k -= 1  # "her campaign said", "His ex-wife told": the possessive opens the phrase
                break
            form = view.lexicon.lookup(t.text)
            # a noun homograph right before the head is the noun ("The states argued", "state
            # officials said"): part of the phrase, not a cue of its own
            noun = (
                form is not None
                and form.homograph
                and view.language == "en"
                and (k < end or (k > 0 and toks[k - 1].lower in DETERMINERS and (k == 1 or not toks[k - 2].is_word)))
            )  # as the head only where it opens the clause ("The states argued", not "sued the state alleging")
            if t.lower in NP_STOP or (form and not in_name and not noun) or t.lower in PRONOUNS:
                break
            if t.lower in DETERMINERS:
                k -= 1
                break
        elif not (t.text in ".-" and k > 0 and (_attached(toks[k - 1], t) or _attached(t, toks[k + 1]))):
            break
        k -= 1
    start = k + 1
    while start <= end and not toks[start].is_word:
        start += 1
    if start > end:
        return None
    # "Officials in a neighbouring country said": the head noun stands before the preposition.
    if (
        start >= 2
        and toks[start - 1].lower in _PREP_OF
        and toks[start - 2].is_word
        and _people_noun(view, toks[start - 2])
    ):
        k = start - 2
        while k > 0 and end - k < _MAX_NP + 4:
            t = toks[k - 1]
            if not t.is_word or t.lower in NP_STOP or t.lower in PRONOUNS or view.lexicon.lookup(t.text):
                break
            k -= 1
            if t.lower in DETERMINERS:
                break
        start = k
    if view.language == "ru":
        start = _ru_adjective_phrase(toks, start, end)
    return _trim_time(view, toks, start, end)


def _ru_adjective_phrase(toks: list[Tok], start: int, end: int) -> int:
    """Where a Russian source phrase starts when a preposition stopped the scan inside it: an
    adjective before the preposition governs it ("Несколько *близких к* семье источников",
    "*близкие к* Кремлю источники"), so the phrase goes on over them and the words that qualify
    them (adjectives, numerals, "несколько")."""
    k = start - 1
    if k < 1 or not toks[k].is_word or not toks[k - 1].is_word or russian.parse(toks[k].text) is None:
        return start
    if russian.pos(toks[k].text) != "PREP" or not russian.adjective_like(toks[k - 1].text):
        return start
    k -= 1
    while k > 0 and end - k < _MAX_NP + 4 and toks[k - 1].is_word:
        prev = toks[k - 1]
        got = russian.parse(prev.text)
        if got is None or not (russian.adjective_like(prev.text) or got[0] == "NUMR" or got[1] == "несколько"):
            break
        k -= 1
    return k


def _people_noun(view: DocView, tok: Tok) -> bool:
    """A noun for people or organisations ("officials", "engineers", "источник")."""
    return view.lexicon.is_a(tok.text, "human") or (
        _HUMAN_SUFFIX_RE.fullmatch(tok.lower) is not None and tok.lower.endswith("s")
    )


def _trim_time(view: DocView, toks: list[Tok], start: int, end: int) -> tuple[int, int]:
    """Drop leading date words ("late September Lukashenko" -> "Lukashenko"), keeping one token."""
    while start < end and (
        not toks[start].is_word
        or _TIME_WORD_RE.fullmatch(toks[start].text)
        or toks[start].lower in _LEADING_ADVERBS
        or toks[start].lower in _WEEKDAYS
        or any(t.start <= toks[start].start and toks[start].end <= t.end for t in view.times)
        or (view.language == "ru" and russian.leading_function_word(toks[start].text, toks[start + 1].text))
    ):
        start += 1
    return start, end


def right_phrase(view: DocView, toks: list[Tok], i: int) -> tuple[int, int] | None:
    """Token range of the noun phrase starting at ``toks[i]`` ("said *the minister*")."""
    n = len(toks)
    k = i
    while k < n and toks[k].is_word and toks[k].lower not in PRONOUNS:
        if _skippable(toks[k], view):
            k += 1
        elif toks[k].lower in _TIME_PREPS and k + 1 < n and toks[k + 1].is_word and _skippable(toks[k + 1], view):
            k += 2  # "заявила в понедельник Ковалёва", "said on Monday the minister"
        else:
            break
    if k >= n:
        return None
    if (
        view.language == "ru"
        and i > 0
        and toks[k].lower in ("в", "во")
        and k + 1 < n
        and toks[k + 1].is_word
        and not toks[k + 1].is_cap
        and _people_noun(view, toks[k + 1])
    ):
        k += 1  # "сообщили во вторник *в пресс-службе* корпорации": the body where it was said
    start = k
    last = -1
    while k < n and k - start < _MAX_NP + 4:
        t = toks[k]
        inner = _ru_inside_name(view, toks, start, t) if view.language == "ru" and k > start else None
        if inner is not None:
            # "пресс-секретаря Фонда борьбы с коррупцией (ФБК) Киру Ярмыш": a preposition or a
            # bracket inside a name the entity stage found does not end the phrase
            while k + 1 < n and toks[k + 1].start < inner.end:
                k += 1
            last = k
            k += 1
            continue
        if t.is_word:
            form = view.lexicon.lookup(t.text)
            if (t.lower in NP_STOP and t.lower != "of") or (form and not (form.homograph and k > start)):
                break  # a noun homograph inside the phrase stays: "according to a new report"
            if k > start and t.lower in PRONOUNS:
                break
            last = k
            if (t.lower in PRONOUNS or t.lower in RELATIVES) and not (
                k == start and t.lower in _POSSESSIVES and k + 1 < n and toks[k + 1].is_word
            ):
                break  # "his advisers", "their lawyers": a possessive opens the phrase, it is no pronoun here
        elif t.text in QUOTE_CHARS:
            span = view.span_opening_at(t.start)
            if span is None or span.kind == "speech":
                break
            while k + 1 < n and toks[k + 1].start < span.close_end:
                k += 1
            last = k
        elif not (t.text in ".’'-" and k + 1 < n and (_attached(toks[k - 1], t) or _attached(t, toks[k + 1]))):
            break
        k += 1
    return (start, last) if last >= start else None


def _ru_inside_name(view: DocView, toks: list[Tok], start: int, t: Tok) -> Mention | None:
    """The mention that ``t`` continues, if one began inside the phrase before it."""
    for m in view.mentions_in(t.start, t.end):
        if toks[start].start <= m.start < t.start < m.end:
            return m
    return None


def sentence_subject(view: DocView, toks: list[Tok], before: int) -> tuple[int, int] | None:
    """The subject of a sentence for a participle cue ("X said ..., adding that"): a subject
    pronoun or a name that is not an object ("earned him the attention of Congress") or a
    possessive ("Oz's show proved …"), else the capitalised words opening the sentence."""
    lo = toks[0].start if toks else 0
    pron = next(
        (
            n
            for n, t in enumerate(toks)
            if t.start < before
            and t.lower in _SUBJECT_PRONOUNS
            and (n == 0 or not toks[n - 1].is_word or toks[n - 1].lower in _CLAUSE_OPENERS)
        ),
        None,
    )
    for m in view.mentions_in(lo, before):  # indexed: a scan of every mention per cue is quadratic
        if lo <= m.start and m.end <= before:
            idx = next((n for n, t in enumerate(toks) if t.start >= m.start), None)
            if idx is None or (idx > 0 and _object_word(toks[idx - 1])):
                continue
            if _modifier_mention(view, m, before):
                continue
            if pron is not None and pron < idx:
                # "Though she called Wells Fargo's behavior …": the pronoun is the subject
                return pron, pron
            end = next(n for n, t in enumerate(toks) if t.end >= m.end)
            for nxt in view.mentions_in(toks[end].end, min(before, toks[end].end + 2)):
                # "Charlotte Mayor" + "Jennifer Roberts": names split in two are one subject
                if nxt.kind == "person" and nxt.start > m.start and not view.text[toks[end].end : nxt.start].strip():
                    end = next(n for n, t in enumerate(toks) if t.end >= nxt.end)
            if re.match(r"['’]s\b", view.text[m.end : m.end + 3]):
                # "Ivana Trump's brief said": the possessive names whose; the head noun follows
                mark = end if toks[end].end > m.end else end + 1  # "Olsen's" is one token, "Olsen ’s" two
                k = mark
                while k + 1 < len(toks) and k - mark < 4 and _plain_noun(view, toks[k + 1]):
                    k += 1
                if k == mark or toks[k].start >= before:
                    continue
                return idx, k
            return idx, end
    if pron is not None:
        return pron, pron
    if toks and toks[0].lower in PRONOUNS:
        return 0, 0
    if toks and toks[0].lower in NP_STOP:
        return None  # "On September 27 they …": a phrase of time or place, no subject
    k = 0
    while k < len(toks) and toks[k].is_word and (toks[k].is_cap or toks[k].lower in DETERMINERS) and k < 6:
        k += 1
    if k < len(toks) and toks[k].text == ",":
        return None  # "However, …": an opening adverb, not the subject
    if view.language == "en" and k > 0:
        # "Low-cost airlines have criticised …": lower-case nouns after the capitalised words belong
        # to the subject when a verb of its clause follows them
        j = k
        while j < len(toks) and j - k < 3 and _plain_noun(view, toks[j]) and toks[j].start < before:
            j += 1
        if j > k and j < len(toks) and toks[j].is_word and is_clause_word(toks[j].text, "en"):
            k = j
    return (0, k - 1) if k > 0 and toks[k - 1].start < before else None


#: Title words between an organisation and the person it qualifies ("Unity Party *leader* Erik
#: Holm", "Harbor Freight *chief executive* Maria Delgado").
#: A possessive may open the gap: "*Bolivia*'s environment minister Alan Lisperguer".
_TITLE_GAP_RE = re.compile(r"(?:['’]s)?(?:\s+[a-z][a-z\-]*){1,3}\s+")


def _modifier_mention(view: DocView, m: Mention, before: int) -> bool:
    """Whether a mention only qualifies the subject, so it cannot be the subject itself: a body or
    place right before a person's name, with at most a short lower-case title between
    ("представитель *МИД РФ* Мария Захарова", "тренер «*Зенита*» Сергей Семак", "*Unity Party*
    leader Erik Holm": the affiliation of the title), or in Russian a name with no nominative
    reading ("Губернатор *Тверской области*": a genitive)."""
    if m.kind == "person":
        return False
    for nxt in view.mentions_in(m.end, min(before, m.end + 40)):
        if nxt.kind != "person" or nxt.start < m.end:
            continue
        gap = view.text[m.end : nxt.start]
        if not gap.strip(" \u00a0" + QUOTE_CHARS):
            return True
        if view.language == "en" and _TITLE_GAP_RE.fullmatch(gap) and not _has_clause_word(gap):
            return True
    if view.language != "ru":
        return False
    first = m.text.split()[0].strip(QUOTE_CHARS) if m.text.split() else ""
    return bool(first) and first[:1].isupper() and not russian.can_be_nominative(first)


def _has_clause_word(gap: str) -> bool:
    """A verb or auxiliary among the words of ``gap`` ("NATO *said* Smith …"): no title."""
    return any(is_clause_word(w, "en") for w in gap.split())


def _plain_noun(view: DocView, tok: Tok) -> bool:
    """A lower-case word that may sit in a noun phrase: no verb, preposition, pronoun or cue."""
    return (
        tok.is_word
        and not tok.is_cap
        and tok.lower not in NP_STOP
        and tok.lower not in PRONOUNS
        and not is_clause_word(tok.text, view.language)
        and view.lexicon.lookup(tok.text) is None
    )


def _object_word(tok: Tok) -> bool:
    """A lower-case word after which a name is an object: a preposition, "of", an object pronoun
    or a past-tense verb ("earned him the attention of Congress", "met Putin")."""
    low = tok.lower
    return (
        tok.is_word
        and not tok.is_cap
        and (low in NP_STOP or low in _OBJECT_WORDS or (low.endswith("ed") and low not in DETERMINERS))
    )


def relay_head(view: DocView, phrase: str) -> bool:
    """Whether a source phrase is headed by a body that passes its principal's statements on
    (``relay`` in ``speakers.tsv``: "the presidential press service", "Lukashenko's press office",
    "пресс-служба главы государства").  Such a body is the reporter of what it publishes: the
    principal named inside the phrase ("главы государства", "the president's") did not say it."""
    members = view.lexicon.classes.get("relay", frozenset())
    found = re.findall(r"[\w-]+", phrase.lower().replace("ё", "е"))
    if not found or not members:
        return False
    if view.language == "ru":
        # the head of a Russian noun phrase comes first
        return any(found[0].startswith(m) for m in members)
    parts = [p for w in found for p in w.split("-")]
    cut = next((n for n, w in enumerate(parts) if n > 0 and w in _PREP_OF), len(parts))
    core = parts[:cut]  # "the press office of the president": the head is before "of"
    return core[-1] in members or (len(core) > 1 and "_".join(core[-2:]) in members)


def resolve(view: DocView, toks: list[Tok], rng: tuple[int, int] | None, *, sources: bool = True) -> Speaker | None:
    """The :class:`Speaker` named by tokens ``rng`` of ``toks``; ``None`` when the phrase
    cannot name a speaker (see :func:`phrase_ok`).  ``sources``: documents that inform without
    speaking ("a poll", "the statement") count too — they do as the subject of a reporting cue or
    after "according to", not as the subject of a colon introduction with no cue."""
    if rng is None:
        return None
    a, b = rng
    start, end = toks[a].start, toks[b].end
    if toks[b].text in QUOTE_CHARS:
        end = toks[b].end
    words = [t for t in toks[a : b + 1] if t.is_word]
    if len(words) == 1 and words[0].lower in PRONOUNS | RELATIVES:
        return Speaker(start, end, *_pronoun(view, toks, a, words[0].lower))
    if relay_head(view, view.text[start:end]):
        # "пресс-служба главы государства": the press service is the source phrase, as written; the
        # head of state it serves is not resolved as the one who spoke (see ``Extractor.outlets``)
        named_as = _ru_phrase_name(view, start, end, words) if view.language == "ru" else view.text[start:end]
        return Speaker(start, end, named_as)
    inside = [m for m in view.mentions_in(start, end)]
    if view.language == "ru":
        inside = _ru_not_prepositional(toks, a, b, inside)
    named = next((s for s in view.spans_within(start, end) if s.kind == "name"), None)
    if named is None and not phrase_ok(view, words, inside, sources=sources):
        return None
    best = _head_mention(inside, view.text, end) if inside else None
    if best is not None and view.language == "ru" and _ru_governed_by(view, words, inside, best):
        # "Полиция Нью-Йорка", "Собеседники РБК", "шеф полиции Сан-Диего": the name qualifies the
        # noun heading the phrase, which is the source; a title may still name a known person
        titled = _by_title(view, words, start)
        if titled is not None:
            return Speaker(start, end, titled.entity, view.entity_id(titled))
        return Speaker(start, end, _ru_phrase_name(view, start, end, words))
    if best is not None and best.kind in ("place", "gpe") and view.language == "en":
        where = _WHERE_BEFORE.search(view.text, start, best.start)
        head = view.text[start : where.start()].strip(" ,") if where else ""
        if head and any(w[:1].isupper() for w in head.split()):
            # "Strategy Analytics of Boston estimates", the firm untagged: the phrase before "of"
            # names the speaker, the place only where it is
            return Speaker(start, end, head)
    if best is not None and best.kind in ("place", "gpe") and view.language == "en":
        tail = [t for t in words if t.start >= best.end]
        if tail and tail[0].is_cap and not any(m.start >= best.end for m in inside):
            # "The California Attorney General's office said": the place qualifies a body the
            # tagger did not name, which is the source, not the state
            at = words[1].start if words[0].lower in DETERMINERS and len(words) > 1 else start
            return Speaker(start, end, view.text[at:end])
    if best is not None:
        if best.kind == "person" and len(best.entity.split()) == 1:
            # "Хренина" as an entity of its own: the full name it is an oblique case of
            inner = [t for t in toks[a : b + 1] if t.start >= best.start and t.end <= best.end]
            best = _by_stem(view, inner) or _by_first_name_en(view, inner) or best
        return Speaker(start, end, best.entity, view.entity_id(best))
    if named is not None:
        return Speaker(start, end, view.text[named.start : named.end].strip(" ,."))
    titled = _by_title(view, words, start)
    if titled is not None:
        return Speaker(start, end, titled.entity, view.entity_id(titled))
    same = _by_stem(view, words) or _by_first_name_en(view, words)
    if same is not None:
        return Speaker(start, end, same.entity, view.entity_id(same))
    if view.language == "ru":
        return Speaker(start, end, _ru_phrase_name(view, start, end, words))
    return Speaker(start, end, view.text[start:end])


#: Nouns for a government: "власти США" is the United States speaking (metonymy, as "Moscow said").
_RU_GOVERNMENT = ("власт", "правительств", "руководств")


def _ru_not_prepositional(toks: list[Tok], a: int, b: int, inside: list[Mention]) -> list[Mention]:
    """Mentions of a Russian phrase that are not inside a prepositional phrase ("близкие *к
    Кремлю* источники"): those qualify an adjective and never name the source."""
    out = []
    for m in inside:
        k = next((n for n in range(a, b + 1) if toks[n].start >= m.start), None)
        if k is not None and k > a and toks[k - 1].is_word and russian.pos(toks[k - 1].text) == "PREP":
            continue
        out.append(m)
    return out


def _ru_governed(view: DocView, words: list[Tok], inside: list[Mention], best: Mention) -> bool:
    """Whether the mention a Russian phrase holds only qualifies the noun that heads it: the phrase
    opens with a noun for people or organisations outside any mention, and the mention is a place
    ("Полиция Нью-Йорка") or the noun is a person of an organisation ("Собеседники РБК",
    "представитель Пентагона").  A body named with its kind ("Компания Apple", "власти США") is
    the mention itself."""
    if best.kind == "person" or not words:
        return False
    head = words[0]
    k = 0
    while k + 1 < len(words) and words[k].text.islower() and russian.pos(words[k].text) in ("ADJF", "PRTF"):
        k += 1  # "избирательная комиссия Эстонии": the adjectives qualify the noun that heads the phrase
    if k and words[k].end <= best.start and russian.pos(words[k].text) == "NOUN":
        head = words[k]
    if head.start >= best.start or any(m.start < head.end and head.start < m.end for m in inside):
        return False
    low = head.lower.replace("ё", "е")
    if not view.lexicon.is_a(head.text, "human"):
        return False
    if low.startswith(_RU_GOVERNMENT):
        return False
    if any(
        w.text.islower() and russian.pos(w.text) == "NOUN" for w in words if head.end <= w.start and w.end <= best.start
    ):
        return True  # "пресс-служба полиции РА": the name qualifies the noun before it, not the head
    return best.kind in ("place", "gpe") or russian.animate_noun(head.text)


def _ru_governed_by(view: DocView, words: list[Tok], inside: list[Mention], best: Mention) -> bool:
    """Whether the mention a Russian phrase holds is only a modifier of the noun that heads it: a
    place or body (:func:`_ru_governed`), or a person named in an oblique case after a noun for
    people in the nominative ("Адвокат *Маркива* заявил", "Мать *Майкла Джексона* рассказала":
    the lawyer and the mother speak).  A name in the case of its title ("Глава МИД Сергей Лавров",
    "по словам президента Владимира Путина") is the speaker itself."""
    if best.kind != "person":
        return _ru_governed(view, words, inside, best)
    if not words or words[0].start >= best.start:
        return False
    head = words[0]
    if any(m.start < head.end and head.start < m.end for m in inside):
        return False
    if not view.lexicon.is_a(head.text, "human") or not russian.animate_noun(head.text):
        return False
    if not russian.nominative_noun(head.text):
        return False
    full = best
    if len((best.entity or best.text).split()) == 1:
        # "Маркива" left as an entity of its own: the full name it is an oblique case of
        full = _by_stem(view, [w for w in words if best.start <= w.start and w.end <= best.end]) or best
    canonical = [w.casefold().replace("ё", "е") for w in (full.entity or full.text).split()]
    # oblique: a written word is an inflected form of a word of the name, not that word itself
    written = [w.casefold().replace("ё", "е") for w in best.text.split()]
    return any(w not in canonical and any(c[:4] == w[:4] for c in canonical) for w in written)


def _ru_phrase_name(view: DocView, start: int, end: int, words: list[Tok]) -> str:
    """The name of a Russian source phrase with no entity: as written, its head noun in the
    nominative when the phrase opens with one ("в прокуратуре" → "прокуратура", "по словам
    представителя МВД" → "представитель МВД")."""
    text = view.text[start:end]
    if not words or words[0].start != start:
        return text
    nom = russian.nominative(words[0].text)
    return text if nom is None else nom + view.text[words[0].end : end]


#: Words that follow the noun heading a subject without being its head ("critics *abroad*",
#: "officials *there*", "analysts *alike*", "Democrats *too*").
_AFTER_HEAD = frozenset({
    "abroad", "overseas", "here", "there", "nationwide", "worldwide", "elsewhere", "alike", "too",
    "also", "themselves", "himself", "herself", "itself", "ourselves", "both", "locally",
})  # fmt: skip


def phrase_ok(view: DocView, words: list[Tok], inside: list[Mention], *, sources: bool = False) -> bool:
    """Whether a phrase can name a speaker: a noun phrase whose head is a name (a mention, or a
    capitalised word that is not merely the first word of a sentence), a pronoun or quantifier,
    or a noun for people or organisations ("officials", "a source", "представитель") — never an
    abstract noun ("the government's position", "Подпись к снимку") or a clause ("the system
    had not", "parents still want").
    """
    if not words:
        return False
    lex = view.lexicon

    def named(t: Tok) -> bool:
        return any(m.start < t.end and t.start < m.end for m in inside)

    def noun_ok(word: str) -> bool:
        return lex.is_a(word, "human") or (sources and lex.is_a(word, "source"))

    if view.language == "ru":
        if inside or any(noun_ok(t.text) for t in words):
            return True
        if any(is_clause_word(t.text, "ru") for t in words) or not words[0].is_cap or words[0].lower in NP_STOP:
            return False
        return len(words) > 1 or not _opens_sentence(view, words[0]) or not view.mentions

    cut = next((n for n, t in enumerate(words) if n > 0 and t.lower in _PREP_OF), len(words))
    core = words[:cut]
    while len(core) > 1 and core[-1].lower in _AFTER_HEAD:
        core = core[:-1]  # "Critics abroad said", "officials there said": the noun before heads
    head = core[-1]
    if head.lower in _QUANT_HEADS and cut < len(words) and words[cut].lower == "of":
        core, head = words, words[-1]  # "a majority of voters", "a wide array of artists"
    if any(t.lower in CLAUSE_WORDS and not named(t) for t in core):
        return False
    if named(head):
        return True
    low = head.lower.replace("’", "'")
    if low.endswith("'s"):
        return False  # "Editor's note": a possessive modifies a head that is missing
    last = low.rsplit("-", 1)[-1]  # "ex-wife", "co-founder"
    if noun_ok(head.text) or noun_ok(last) or low in _QUANT_HEADS or _HUMAN_SUFFIX_RE.fullmatch(last):
        return True
    if _title_key(head.text, view) is not None or _title_key(last, view) is not None:
        return True
    if not head.is_cap or low in NP_STOP or low in DETERMINERS or low in SKIP_LEFT or low.endswith("ing"):
        return False
    if len(core) > 1 or (head.text.isupper() and len(head.text) > 1):
        return True
    # A lone capitalised word opening a sentence that looks like a verb ("Keeps saying") is a name
    # only when the text also writes it capitalised inside a sentence or the entity stage named it.
    if not _opens_sentence(view, head) or not low.endswith(("s", "ed")):
        return True
    return not view.mentions or _named_elsewhere(view, head.text)


def _opens_sentence(view: DocView, tok: Tok) -> bool:
    first = view.sentence_span(tok.start)[0]
    return not view.text[first : tok.start].strip(' "“‘«(—–-')


def _named_elsewhere(view: DocView, word: str) -> bool:
    if any(word in (m.entity or "").split() or word in m.text.split() for m in view.mentions):
        return True
    return re.search(r"[\w,] " + re.escape(word) + r"\b", view.text) is not None


def _by_stem(view: DocView, words: list[Tok]) -> Mention | None:
    """A person named in an oblique case or possessive ("по словам Хренина", "Ryzhenkov's"):
    the person mention whose name ends in a word with the same stem."""
    caps = [w for w in words if w.is_cap]
    if len(caps) != 1 or len(caps[0].text) < 4:
        return None
    w = caps[0].lower.replace("’", "'").removesuffix("'s")
    stem = w[: max(4, len(w) - 2)] if view.language == "ru" else w
    for m in reversed(view.mentions):
        if m.kind != "person" or len((m.entity or m.text).split()) < 2:
            continue
        last = (m.entity or m.text).split()[-1].lower()
        if last == w or (view.language == "ru" and last.startswith(stem) and abs(len(last) - len(w)) <= 2):
            return m
    return None


def _by_first_name_en(view: DocView, words: list[Tok]) -> Mention | None:
    """A person named by a first name alone ("Alan", "said Alan") when the text names exactly one
    person in full with that first name ("Alan Greenspan"): that person, not a new one-word entity."""
    caps = [w for w in words if w.is_cap]
    if view.language != "en" or len(caps) != 1 or len(caps[0].text) < 3:
        return None
    first = caps[0].text
    found = {
        m.entity: m
        for m in view.mentions
        if m.kind == "person" and len((m.entity or m.text).split()) >= 2 and (m.entity or m.text).split()[0] == first
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _head_mention(mentions: list[Mention], text: str = "", end: int = 0) -> Mention | None:
    """The mention a phrase is about: the last person, else the last mention that is not a
    modifier of a noun after it.

    "Clinton's campaign manager Robby Mook" is Mook; "the office of President
    Lukashenko" is Lukashenko; "JP Morgan, the US investment bank" is JP Morgan,
    because "US" there only qualifies "investment bank"; "officials from a NATO member" is
    nobody named (the phrase itself), not NATO.
    """
    people = [m for m in mentions if m.kind == "person"]
    if people:
        return people[-1]
    heads = [
        m
        for m in mentions
        if not (text and m.kind in ("place", "org") and (nxt := _MODIFIER_NEXT.match(text, m.end)) and nxt.end() <= end)
    ]
    while len(heads) > 1 and heads[-1].kind in ("place", "gpe") and _WHERE_BEFORE.search(text, 0, heads[-1].start):
        heads.pop()  # "Strategy Analytics of Boston": where the speaker is, not who speaks
    while len(heads) > 1 and _ru_genitive_place(text, heads[-2], heads[-1]):
        heads.pop()  # "Государственный пограничный комитет Белоруссии": the committee speaks
    return heads[-1] if heads else None  # "the US investment bank": the phrase itself, not the US


def _ru_genitive_place(text: str, head: Mention, place: Mention) -> bool:
    """Whether a Russian place name right after an organisation's name is its genitive modifier.

    Russian puts the owner after the owned noun ("МИД Турции", "Банк России",
    "пограничный комитет Белоруссии"), so in a source phrase the body before
    the place is the head, where English would put the place first.
    """
    if not text or head.kind != "org" or place.kind not in ("place", "gpe", "org"):
        return False
    if text[head.end : place.start].strip() or not re.match(r"[А-ЯЁ]", text[place.start : place.end]):
        return False
    first = text[place.start : place.end].split()[0]
    if place.kind == "org":
        # "транспортное управление МВД": an abbreviation right after a body's name is its owner
        return first.isupper() and len(first) <= 6 and len(text[place.start : place.end].split()) == 1
    return russian.maybe_genitive(first)


#: A lower-case word right after a place name: the place modifies that noun ("the US investment bank",
#: "the Gibraltar-based holding company").
_MODIFIER_NEXT = re.compile(r"(?:[ \t]+(?!(?:of|in|at|from|for|on|and|or)\b)|-(?=[a-z]))[a-zа-яё][\w-]*")
#: A preposition of place right before a mention ("of Boston", "in Paris", "based in Seoul").
_WHERE_BEFORE = re.compile(r"\b(?:of|in|at|from)[ \t]+(?:the[ \t]+)?$")


def gender(view: DocView, mention: Mention) -> str | None:
    """The gender ("m", "f" or ``None``) of a person mention: from "Mr."/"Mrs."/"Ms." before it, a
    common first name, or a Russian surname ending (-ова/-ева/-ина/-ая are feminine)."""
    parts = (mention.entity or mention.text).replace(".", " ").split()
    if not parts:
        return None
    before = view.text[max(0, mention.start - 5) : mention.start]
    if re.search(r"\bMr\.?\s*$", before):
        return "m"
    if re.search(r"\bM(?:rs|s)\.?\s*$", before):
        return "f"
    return name_gender(view, parts)


def name_gender(view: DocView, parts: list[str]) -> str | None:
    """The gender a name's words tell (a common first name, a Russian surname ending), else ``None``."""
    if not parts:
        return None
    lex = view.lexicon
    first = parts[0].lower()
    if lex.is_a(first, "male"):
        return "m"
    if lex.is_a(first, "female"):
        return "f"
    if len(parts) >= 2 or re.search("[а-яё]", parts[-1].lower()):
        last = parts[-1].lower()
        if last.endswith(("ова", "ева", "ёва", "ина", "ая", "ova", "eva", "skaya", "kaya")):
            return "f"
        if last.endswith(("ов", "ев", "ёв", "ин", "ский", "цкий", "ov", "ev", "sky", "skiy", "kiy")):
            return "m"
    return None


_OBJECT_BEFORE_RE = re.compile(r"(\w+)\s+(?:(?:[A-ZА-ЯЁ][\w.’'-]*|of|the)\s+)*$")


def _is_object(view: DocView, mention: Mention) -> bool:
    """A person named as the object of a verb ("asked Vladimir Putin", "praised Russian President
    X"), past any title words: a pronoun rarely refers back to it when a subject is at hand.
    In Russian the case says it: a name written in an oblique case ("доложил президенту
    Александру Лукашенко") is not the subject, whatever precedes it."""
    if view.language == "ru" and mention.kind == "person" and mention.entity:
        canonical = {w.casefold().replace("ё", "е") for w in mention.entity.split()}
        written = [w.casefold().replace("ё", "е") for w in mention.text.split()]
        if any(w not in canonical for w in written):
            return True
    m = _OBJECT_BEFORE_RE.search(view.text, max(0, mention.start - 80), mention.start)
    if m is None:
        return False
    w = m.group(1)
    if not w.islower():
        return False
    cue = view.lexicon.lookup(w)
    if cue is not None:
        return cue.lemma in ("ask", "tell", "urge")
    return w.endswith("ed") or w in ("met", "to", "with")


def _mention_start(m: Mention) -> int:
    return m.start


def last_person(view: DocView, at: int, want: str | None, window: int = 6) -> Mention | None:
    """Most recent person before ``at`` outside quoted speech within ``window`` sentences, of gender
    ``want`` when that is known for both; a subject wins over a more recent object."""
    floor = view.sentences[max(0, view.sentence_index(at) - window)][0]
    fallback: Mention | None = None
    # from the last mention starting before ``at`` (bisected: a scan from the end of the text for
    # every pronoun is quadratic on a long text)
    for k in range(bisect.bisect_left(view.mentions, at, key=_mention_start) - 1, -1, -1):
        m = view.mentions[k]
        if m.end > at or m.kind != "person":
            continue
        if m.start < floor:
            break
        if view.in_speech(m.start, m.end):
            continue
        if want is not None and gender(view, m) not in (None, want):
            continue
        if _is_object(view, m):
            fallback = fallback or m
            continue
        return m
    return fallback


def _pronoun(view: DocView, toks: list[Tok], a: int, word: str) -> tuple[str | None, str | None]:
    at = toks[a].start
    mention: Mention | None = None
    if word in RELATIVES:
        # "Trump, who said": the mention just before the comma.
        before = [m for m in view.mentions if m.end <= at and at - m.end <= 4]
        mention = before[-1] if before else None
    elif word in PERSON_PRONOUNS:
        want = "m" if word in _MALE_PRONOUNS else "f" if word in _FEMALE_PRONOUNS else None
        mention = last_person(view, at, want)
    elif word in _ORG_PRONOUNS:
        mention = view.last_person_before(at, kinds=frozenset({"org", "organization", "media"}), window=2)
    elif word in PLURAL_PRONOUNS:
        mention = None  # a group is rarely one entity; leave unresolved
    if mention is None:
        return None, None
    return mention.entity, view.entity_id(mention)


def _title_key(word: str, view: DocView) -> str | None:
    low = word.lower()
    titles = view.lexicon.titles
    if low in titles:
        return low
    if low.endswith("s") and low[:-1] in titles:
        return low[:-1]
    if view.language == "ru":
        for key in titles:
            if len(key) > 4 and low.startswith(key[: max(4, len(key) - 1)]):
                return key
    return None


def _by_title(view: DocView, words: list[Tok], at: int) -> Mention | None:
    """The person whose role (or the words before the name) matches a title phrase.

    "the Belarusian leader" → a person whose role or context says president
    (a synonym of leader) and Belarusian; the most recent best match wins.
    """
    key = None
    for w in words:
        key = _title_key(w.text, view) or key
    if key is None:
        return None
    synonyms = view.lexicon.titles[key] | {key}
    modifiers = {w.lower for w in words if w.lower not in DETERMINERS and _title_key(w.text, view) is None}
    best: tuple[int, int, Mention] | None = None
    for n, m in enumerate(view.mentions):
        if m.kind != "person" or m.start >= at:
            continue
        context = " ".join([(m.role or "").lower(), m.text.lower(), view.text[max(0, m.start - 40) : m.start].lower()])
        if not any(s in context for s in synonyms):
            continue
        score = 2 + sum(1 for mod in modifiers if mod[:5] in context)
        if best is None or (score, n) >= (best[0], best[1]):
            best = (score, n, m)
    return best[2] if best else None
