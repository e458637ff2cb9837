"""Events of one document: triggers → candidates → events with roles.

The steps, per sentence (see ``docs/events.md`` for the reasons):

1. match the trigger lexicon over the sentence's tokens;
2. decide verbal vs nominal use; a nominal trigger ("the deployment") is
   only an event after a light verb ("launched an attack"), before an
   eventive verb ("talks began") or in a dated sentence; otherwise it is a
   *weak* candidate, kept in ``ctx.scratch`` but not recorded;
3. equipment kinds need equipment (a mention, or a generic head noun such as
   "the complex" that refers back to the last named system); without one
   they take their fallback kind (``deliver`` aid → ``AID``) or are dropped;
4. a trigger governed by a request/promise/refusal ("asked to station") is
   the content of that event, not an event of its own;
5. a statement verb with other events in the sentence is their attribution
   ("X said troops attacked") and is also recorded as a STATEMENT of its own
   (never the sentence's main event while another is there);
6. roles, modality, date, attribution; duplicates of one kind merge;
7. a headline reports its event nouns; after the whole text, weak candidates
   of a kind the text reports, or comes back to in two sentences, are
   recorded as mentions of that event (``_promote_anaphoric``).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dossier.analyze.attribution.lexicon import load_lexicon as attribution_lexicon
from dossier.analyze.eventing.dates import date_value, pick_time, relative_date, resolve_year
from dossier.analyze.eventing.lexicon import (
    Match,
    Pattern,
    Token,
    calendar_word,
    en_key,
    in_words,
    irregular_forms,
    load_lexicon,
    tokenize,
    word_list,
)
from dossier.analyze.eventing.mainevent import rank, subordinate
from dossier.analyze.eventing.modality import ModalityFinder
from dossier.analyze.eventing.roles import (
    ACTOR_KINDS,
    DETERMINERS,
    PREPOSITIONS,
    RoleFinder,
    nominal_use,
    noun_modifier,
)
from dossier.analyze.eventing.senses import COMBAT_KINDS, SenseRules, _in_class, sense_classes, sports_report
from dossier.analyze.eventing.subjects import holder_phrase, plain_subject, possessor_phrase, verb_ending_name
from dossier.analyze.eventing.syntax import RoleParse, SentenceSyntax, SyntaxRoles
from dossier.analyze.eventing.syntax_ru import RussianSentenceSyntax
from dossier.analyze.timex.intervals import interval
from dossier.model import STATEMENT, DocAnalysis, Event, Mention, Quote, TimeExpr

#: News occurrences outside PLOVER (``triggers_*.tsv``, "Occurrences"): one that is not a bare
#: noun is reported even with no named participant ("she died on Tuesday", "a fire broke out").
OCCURRENCE_KINDS = frozenset(
    {"DIE", "HEALTH", "APPOINT", "DISMISS", "CONTEST", "DISASTER", "CRIME", "ESCAPE", "LEGAL", "DEAL", "RELEASE"}
)
#: Kinds whose complement ("to station", "that X withdraw") is their content.
COMPLEMENT_KINDS = {"REQUEST", "DEMAND", "AGREE", "REJECT", "THREATEN", "SUPPORT", "DISAPPROVE"}
_COMPLEMENTIZERS = {"to", "that", "for", "чтобы", "о", "об", "с"}
_MONTH_WORDS = {"March", "May"}
#: Verbs of letting: what they let happen ("allow inspectors *to return*") is the content of
#: the permission (CAMEO 086, access; refused, 1245), not an event of its own.
_PERMISSIVE = frozenset(en_key(w) for w in ("allow", "permit", "let"))
#: Kinds of act that, done "to protest", are the protest itself (refusing work, occupying a building).
_PROTEST_MEANS = frozenset({"REJECT", "COERCE"})
#: Verbs of insisting and urging whose subjunctive complement is a demand ("insisted that X return").
_MANDATIVE = frozenset(en_key(w) for w in ("insist", "demand", "urge", "ask", "request", "propose", "recommend"))
#: Words after a subject that are no bare verb form: modals, auxiliaries, adverbs, conjunctions.
_NOT_BARE = frozenset(
    {"will", "would", "must", "should", "can", "could", "may", "might", "shall", "did", "do", "had", "have",
     "was", "were", "is", "are", "be", "not", "never", "also", "and", "or", "but", "to", "in", "on", "at",
     "of", "for", "with", "by", "from", "who", "which", "that", "then", "now", "still", "only"}
)  # fmt: skip
_PROTEST_KEY = en_key("protest")
#: Kinds whose content turns a stated intent into a threat ("prepared to *use force*").
_HOSTILE = frozenset({"FIGHT", "ASSAULT", "COERCE", "SANCTION", "THREATEN"})
#: AGREE words of an accord between sides rather than one side's intent.
_ACCORD = frozenset(en_key(w) for w in ("agree", "agreement", "accept", "reach", "sign", "settle", "consent"))
_NEAR = 8
#: Auxiliaries and common verbs that end an English noun phrase ("the deployment *has* ...").
_VERBISH = frozenset({
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "could", "can", "may",
    "might", "must", "should", "did", "does", "do", "came", "comes", "said", "says", "remains", "remain",
    "that", "which", "who", "while", "as", "because",
})  # fmt: skip
#: Words a scan back for the subject of a motion verb does not cross.
_MOVER_STOPS = frozenset({"said", "says", "declared", "announced", "after", "before", "when", "while", "and",
                          "заявил", "сообщил", "что", "после", "когда", "и"})  # fmt: skip
_MOD_SUFFIXES = ("ly", "ed", "al", "ic", "ive", "ous", "ful", "stern", "thern", "ian", "ish", "ese", "ary", "est",
                 "ble", "ing", "-scale")  # fmt: skip
_PARTICLES = frozenset({"out", "up", "off", "down", "forth"})
#: Kinds whose passive subject stays on the actor side: what moves or is given ("troops were
#: deployed", "aid was sent": a coder names the force or the giver) and the yielding of
#: RETREAT, whose verbs are mostly done by the side that yields ("guerrillas have been
#: demobilised", "troops were withdrawn").
_MOVED_KINDS = frozenset({"MOBILIZE", "AID", "RETREAT"})
#: Keys of the verbs of taking place, beginning, going on and ending ("talks *began*").
_EVENTIVE_KEYS = frozenset({"begin", "start", "continu", "resum", "end", "happen", "occur"})
#: Auxiliaries after which an event noun's next verb is its predicate ("the offer *will* be rejected").
_MODALS = frozenset({"will", "would", "can", "could", "may", "might", "must", "should", "has", "have", "had"})
#: Forms of "be" (and the passive "get") that introduce a passive participle.
_PASSIVE_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "got"})
#: Common modifiers of an event noun that no suffix gives away ("a new attack", "fresh talks").
_NOUN_MODS = frozenset({
    "new", "fresh", "further", "more", "major", "large", "heavy", "joint", "direct", "own", "first", "second",
    "latest", "recent", "strong", "full", "massive", "deadly", "fierce", "brutal", "big", "rare", "two", "three",
    "several", "many", "some", "no", "any", "all", "high-level", "top-level", "peace", "border", "air", "ground",
})  # fmt: skip
#: Nouns that count or measure the event noun after "of" ("began a new *round of* talks",
#: "launched a *series of* attacks", "staged a *wave of* strikes"): the light verb governs the
#: event through them.  English only; Russian puts the event noun in the genitive after them
#: the same way, but its light verbs are found after the noun too.
_PARTITIVES = frozenset({
    "round", "rounds", "series", "wave", "waves", "spate", "string", "flurry", "volley", "bout", "cycle",
    "day", "days", "night", "nights", "week", "weeks", "hours", "campaign", "number", "lot",
    "kind", "type", "form", "act", "acts",
})  # fmt: skip
_HARD_BREAKS = {";", ":", "—", ".", "!", "?"}
#: Complementizers that open a reported clause.
_REPORTED_OPENERS = frozenset({"that", "что", "чтобы"})
#: The most words a closing attribution's speaker phrase runs to ("said X, a spokesman for Y in Z").
_TRAIL_MAX = 20
#: What ends the reported clause before a closing attribution ("...," said X; «...», — заявил X).
_TRAIL_BREAKS = frozenset({",", ";"})
_DASHES = frozenset({"—", "–", "-"})
#: Words that show a clause after a verb of saying: it reports what follows, it does not close.
_CLAUSE_WORDS = frozenset({
    "is", "are", "was", "were", "be", "been", "will", "would", "can", "could", "may", "might", "must", "should",
    "has", "have", "had", "do", "does", "did", "he", "she", "it", "they", "we", "i", "this", "there",
    "он", "она", "они", "мы", "это", "будет", "будут",
})  # fmt: skip
_TIME_ADVERBS = frozenset({"yesterday", "today", "tonight", "earlier", "later", "recently", "previously",
                           "again", "also", "too", "вчера", "сегодня", "ранее", "накануне", "также"})  # fmt: skip
_RELATIVES = frozenset({"who", "whose", "which", "который", "которая", "которые", "которого"})
#: Verbs of saying whose object is the one told ("told *Reuters*"): never followed by their speaker.
_ADDRESSEE_VERBS = frozenset({"told", "tell", "tells", "informed", "assured", "reminded"})
_TRAIL_SUBORDINATORS = frozenset({"as", "like", "unlike", "contrary", "как", "чем", "вопреки"})
_QUOTE_MARKS = frozenset({"”", "»", '"', "“", "’", "'"})
_CLOSING_PUNCT = frozenset({",", ".", "!", "?", "…"})
_CLAUSE_BREAKS = {",", ";", ":", "—", "(", ")"}
#: The most tokens a clause reaches on either side of its trigger.
_CLAUSE_REACH = 100
_POST_EVENTIVE = frozenset({"began", "begin", "start", "started", "continue", "continued", "resume", "resumed",
                  "ended", "end", "took", "happened", "occurred", "erupted", "broke", "completed", "opened", "opens",
                  "concluded",
                  "erupt*", "broken", "held", "raged", "rages", "raging", "flared", "flares", "intensified",
                  "intensifies", "escalated", "escalates", "spread", "spreads", "went", "underway", "unfolded",
                  "confirmed",  # "the abduction of three aid workers was confirmed by the UN"
                  "подтвердил*", "подтвержда*", "состоит*", "состоится", "состоятся", "произошл*", "случил*",
                  "начал*", "продолж*", "состоял*", "прошл*", "прошел*", "заверш*", "вспыхнул*", "разгорел*",
                  "усилил*", "идут", "шли", "велись", "ведутся"})  # fmt: skip

#: Verbs whose subject is an act of violence that had this result ("a clash *left* a boat
#: damaged", "the bombing *killed* 14"): the act took place, so its noun reports it.
_RESULT = frozenset({"left", "leaves", "leaving", "killed", "kills", "wounded", "injured", "damaged", "destroyed",
                     "унесл*", "унес", "унесший", "оставил*"})  # fmt: skip
#: Verbs of effect whose subject is a work stoppage or an incident that took place ("the strike
#: *shut* the port", "a rockfall *trapped* four miners", "Забастовка *парализовала* порт",
#: "заморозки *повредили* урожай"; a strike that *enters* its second week goes on): its noun
#: reports it, with or without a named participant (issue 10, h-events5).
_EFFECT = frozenset({"shut", "shuts", "closed", "closes", "kept", "keeps", "halted", "halts", "paralysed",
                     "paralyzed", "paralyses", "paralyzes", "disrupted", "disrupts", "stopped", "stops", "grounded",
                     "crippled", "cripples", "enters", "entered", "entering", "trapped", "traps", "buried",
                     "damaged", "destroyed", "flooded", "cut", "blocked", "forced", "stranded", "swept",
                     "парализовал*", "парализует", "остановил*", "останавлива*", "закрыл*", "сорвал*", "вступил*",
                     "вступает", "нарушил*", "заблокировал*", "повредил*", "уничтожил*", "затопил*", "отрезал*",
                     "погубил*", "продолжает*", "продолжил*"})  # fmt: skip
#: Kinds whose noun a verb of effect after it reports (FIGHT: "strike", read as a work stoppage
#: by the sense rules when what it did was to stop work).
_EFFECT_KINDS = frozenset({"PROTEST", "DISASTER", "FIGHT"})
#: Russian auxiliaries and predicates of intent before an infinitive ("что *не будет* выводить").
_RU_AUX = frozenset({"будет", "будут", "бы", "может", "могут", "намерен", "намерена", "намерено", "намерены", "готов",
                     "готова", "готово", "готовы", "планирует", "планируют", "собирается", "собираются", "начнет",
                     "начнут", "продолжит", "продолжат", "станет", "станут"})  # fmt: skip
_RU_ADJ_ENDINGS = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым", "им",
                   "ых", "их", "ую", "юю", "ою", "ею")  # fmt: skip
_QUANTITY_SKIP = frozenset({"more", "also", "again", "have", "had"})
_QUANTITIES = frozenset({"thousands", "hundreds", "dozens", "тысячи", "сотни", "десятки"})
_AUXILIARIES = frozenset({"was", "were", "is", "are", "has", "have", "had", "will", "would", "been"})
_HARM_KINDS = frozenset({"FIGHT", "ASSAULT"})
_INDEF = frozenset({"a", "an"})
#: Russian words that may stand before a verb whose subject is left unsaid ("*В Минске*
#: задержали ...", "*Вчера* выслали ..."): time adverbs and particles.
_RU_ADVERBS = frozenset({"вчера", "сегодня", "ночью", "утром", "вечером", "днем", "также", "ранее", "затем",
                         "накануне", "позже", "недавно", "уже", "вновь", "снова", "впервые", "тоже", "еще",
                         "теперь", "сейчас", "срочно", "официально", "не", "а", "и", "но"})  # fmt: skip

_BACKREF_EN = re.compile(
    r"^\W*(?:(?:the|this|that)\s+(?:announcement|statement|report|claim|information|news|disclosure|decision)"
    r"\b.{0,60}?\b(?:made|announced|issued|reported|delivered|released|given)\s+by\b"
    r"|(?:this|that|it)\s+was\s+(?:announced|reported|stated|confirmed|said|disclosed)\s+by\b)",
    re.IGNORECASE,
)
_BACKREF_RU = re.compile(r"^\W*(?:об этом|это|о том)\b", re.IGNORECASE)
_CHANNEL_NAME = re.compile(
    r"(?:channel|outlet|newspaper|agency|account|канал\w*|издани\w*|агентств\w*)\s+[‘'\"«“]([^’'\"»”]{2,60})[’'\"»”]",
    re.IGNORECASE,
)
#: A news dateline at the start of a text: an all-caps place (or places:
#: "KYIV/MOSCOW"), a comma, a date, maybe the outlet in brackets, a dash.
#: "MINSK, December 6, 2024 (Minsk Ledger) —", "BRUSSELS, Dec 18 (Reuters) -",
#: "МИНСК, 6 декабря —", "SANTOS, Brazil, March 4 (Wire) -" (a country after the city).  Its
#: place names are not actors or targets.
_MONTHS = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    r"|(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*"
)
_DATELINE = re.compile(
    r"^\s*[A-ZА-ЯЁ][A-ZА-ЯЁ.'’ -]*[A-ZА-ЯЁ.](?:\s*/\s*[A-ZА-ЯЁ][A-ZА-ЯЁ.'’ -]*)*"
    r"(?:\s*\([^()\n]{1,40}\))?"
    # the country or state after the city, in mixed case: "SANTOS, Brazil, March 4"
    r"(?:,\s*[A-ZА-ЯЁ][\w.'’-]*(?:[ \t]+[A-ZА-ЯЁ][\w.'’-]*){0,3}(?=,)){0,2},\s*"
    rf"(?:(?:{_MONTHS})\s+\d{{1,2}}|\d{{1,2}}\s+(?:{_MONTHS}))(?:,?\s*\d{{4}})?(?:\s*г(?:ода|\.)?)?"
    r"(?:\s*\([^()\n]{1,60}\))?\s*(?:—|–|--|-)\s*",
    re.IGNORECASE,
)
_PRONOUN_SUBJECTS = frozenset({"he", "she", "they", "it", "we", "i"})
#: A relative clause set off by commas (", who had led the college since 2021,", ", который ...,").
_RELATIVE_ASIDE = re.compile(
    r",\s*(?:who|whom|whose|which|котор(?:ый|ая|ое|ые|ого|ой|ому|ым|ых|ую))\b[^,;:.!?]{1,120},", re.IGNORECASE
)
#: Capitalised heads of a title or body that a capitalised event word before them only qualifies
#: ("*Finance* Minister", "*Trade* Secretary", "*Aid* Commissioner", "*Defence* Ministry").
_TITLE_HEADS = frozenset(
    {"minister", "secretary", "commissioner", "ministry", "department", "committee", "chief", "director",
     "officer", "spokesman", "spokeswoman", "spokesperson", "agency", "office", "министр", "министерство"}
)  # fmt: skip
#: Present and present-perfect auxiliaries before a trigger: a state at the time of the report.
#: What may stand between a name and the speaker it qualifies: closing quotes, a possessive, a
#: few title words and the comma of an apposition ("«Зенита» Сергей Семак", "X's chief executive, Y").
#: The spaces after the comma only follow a comma: ``[\w\s-]*,?\s*`` let two runs share one run of
#: spaces, quadratic on a long blank gap (0.15 s at 8,000 spaces, ~20 s at 100 kB).
_TITLE_GAP = re.compile(r"[»“”\"']?(?:['’]s)?[\w\s-]*(?:,\s*)?")
_PRESENT_BE = frozenset({"is", "are", "am", "isn't", "aren't", "remains", "remain", "has", "have", "hasn't", "haven't"})
_RU_PRONOUNS = frozenset({"он", "она", "они", "мы"})
#: A longer "sentence" (a list run together, a hostile text) is left to the rules: its parse
#: would cost the most and be the least reliable.
_PARSE_MAX_TOKENS = 150
_SENT_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=[\"'‘“«(]?[A-ZА-ЯЁ0-9])|\n\s*\n")


@dataclass(slots=True)
class Candidate:
    """A trigger on its way to becoming an event."""

    match: Match
    kind: str
    nominal: bool
    start: int
    end: int
    equipment: list[str] = field(default_factory=list)
    weak: bool = False
    embedded: bool = False
    phrase_target: bool = False  # the target is a plain noun phrase, not a mention
    #: a statement recorded beside the events it attributes: it bounds none of their roles
    attribution: bool = False
    #: first token of the reported clause when the trigger is in a verb of saying's complement:
    #: the words before it (the attribution phrase) hold none of its roles
    reported_from: int = 0
    #: a protest that another act of the clause was done for ("shunned work *to protest*")
    protest_purpose: bool = False
    #: written in the passive ("the journalist was detained", "air strikes were carried out"):
    #: the event is reported even when no participant is named
    passive: bool = False
    #: the toll of a natural hazard ("an earthquake struck, *killing* 12"): no one acted
    natural: bool = False
    #: an event noun that a verb says took place ("В Джакарте *прошли* переговоры", "a clash
    #: *left* a boat damaged"): reported whether or not a participant is named, as a passive is
    occurred: bool = False
    #: an event noun heading the sentence's subject, reported by :meth:`_subject_event`: with no
    #: named participant, its holder phrase ("The minister's", "of the health chief") is the actor
    subject_noun: bool = False

    @property
    def first(self) -> int:
        return self.match.first

    @property
    def last(self) -> int:
        return self.match.last


@dataclass(frozen=True, slots=True)
class Trailing:
    """A closing attribution: its verb, its speakers (canonical names or a group phrase) and
    whether they are news outlets that only pass the report on."""

    candidate: Candidate
    speakers: tuple[str, ...]
    outlet: bool
    addressees: tuple[str, ...] = ()


@dataclass(slots=True)
class DocState:
    """What the extractor carries from one sentence to the next."""

    reported: date | None
    outlet: str | None
    last_equipment: str | None = None
    last_date: str | None = None
    #: equipment named so far -> mentions, in order of last mention
    equipment_counts: dict[str, int] = field(default_factory=dict)


def _equipment_country(name: str) -> str | None:
    """The country that makes a system, by the gazetteer (packaged and the user's files), or None."""
    from dossier.analyze.equipment import load_gazetteer, user_gazetteer_paths

    entry = load_gazetteer(user_gazetteer_paths()).lookup(name)
    return entry.country if entry else None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans when no earlier stage gave them (keeps the stage usable alone)."""
    spans, start = [], 0
    for m in _SENT_SPLIT.finditer(text):
        if text[start : m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


#: Short words a title-case headline leaves in lower case ("Killed in Fall", "Fire at the Plant").
_TITLE_SMALL = frozenset({
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "from",
    "with", "as", "into", "over", "after", "vs", "via", "per",
})  # fmt: skip


def _verb_form_of_noun(pattern: Pattern, tok: Token) -> bool:
    """Whether a noun pattern matched a past-tense or participle form ("fired" for "fire").

    English patterns match by a stem key that merges a noun with the verb spelt the same;
    a noun-only pattern should not take the ``-ed`` form unless it spells one itself.
    """
    if not tok.lower.endswith("ed"):
        return False
    first = pattern.source.split()[0].lower()
    return not any(alt.endswith("ed") for alt in first.split("|"))


def _ru_infinitive(word: str) -> bool:
    """Whether a Russian word has an infinitive's ending ("выводить", "начаться"), not a noun's."""
    return len(word) >= 6 and word.endswith(("ить", "ать", "ять", "еть", "уть", "ыть", "оть", "ться", "чь"))


def title_case(tokens: list[Token]) -> bool:
    """Whether a sentence is a headline in title case ("Climber Killed In Fall On Mount Cook").

    There a capital letter says nothing about names, so a capitalised trigger word is not
    taken for part of a name.  At least four words, nearly all of them capitalised.
    """
    words = [t.text for t in tokens if t.text[:1].isalpha() and t.lower not in _TITLE_SMALL]
    if len(words) < 4:
        return False
    caps = sum(1 for w in words if w[:1].isupper())
    return caps >= len(words) - 1 and caps / len(words) >= 0.8


def _ru_short_passive(word: str) -> bool:
    """Whether a Russian word can only be a short passive participle ("задержан", "арестованы")."""
    from dossier.analyze.nlp import morph_vocab

    parses = morph_vocab().parse(word.lower())
    return bool(parses) and all(p.tag.POS == "PRTS" for p in parses[:2])


def dateline_end(text: str) -> int:
    """Offset where a leading news dateline ends (0 when there is none)."""
    m = _DATELINE.match(text[:200])
    if not m:
        return 0
    head = text[: m.start() + len(m.group().split(",")[0])]
    # The place must be written in capitals ("MINSK", not "Minsk, the capital...").
    letters = [ch for ch in head if ch.isalpha()]
    return m.end() if letters and all(ch.isupper() for ch in letters) else 0


def untimed(mentions: Sequence[Mention], times: Sequence[TimeExpr], text: str) -> list[Mention]:
    """Mentions with the words of a time expression taken out ("On *Easter Sunday* Coptic
    Christians" is "Coptic Christians"; "*Tuesday* Smith" is "Smith").

    Why: a name tagger that runs a capitalised time word into the name after it gives the
    event an actor that is partly a date (and a mention that opens with the date sits "inside"
    the preposition before it).  The time stage's spans say which words are time words, so no
    word list is needed here.  A mention wholly inside a time expression names no one for the
    roles and is left out; the rest of a cut mention names what its own words say (its
    canonical entity was made from the longer span).
    """
    if not times:
        return list(mentions)
    out: list[Mention] = []
    for m in mentions:
        start, end = m.start, m.end
        for t in times:
            if t.start <= start < t.end:
                start = t.end  # the time words open the mention
            elif start < t.start < end and t.end >= end:
                end = t.start  # ... or close it ("Smith Tuesday")
        if (start, end) == (m.start, m.end):
            out.append(m)  # no time word in it (its own brackets and quotes stay as they are)
            continue
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not text[end - 1].isalnum():
            end -= 1
        if end - start >= 2 and text[start].isupper():
            rest = text[start:end]
            attrs = {k: v for k, v in (m.attrs or {}).items() if k != "entity_id"}
            out.append(dataclasses.replace(m, text=rest, start=start, end=end, entity=rest, attrs=attrs))
    return out


_NAME_KINDS = frozenset({"person", "org", "place"})
_LOWER_TAIL = re.compile(r"\s+([a-z]+)\s*$")


def untailed(mentions: Sequence[Mention], text: str) -> list[Mention]:
    """English name mentions with trailing all-lowercase words taken off ("the *Organisation of
    the Islamic Conference called* on India" is the Organisation, and "called" its verb).

    Why: an English name does not end in a lowercase word (its inner "of", "the", "bin" are
    followed by a capitalised one), but a name tagger sometimes runs a name into the verb after
    it.  The verb was then "inside a name" and no event was read from the sentence at all.  Only
    names of persons, organisations and places are cut; an equipment mention may end in a common
    noun ("S-400 missile system"), and a descriptor ends in its role word by design ("the Russian
    *leader*", which coreference resolved to the person: cut, it would name "Russian").
    """
    out: list[Mention] = []
    for m in mentions:
        end = m.end
        if m.kind in _NAME_KINDS and not (m.attrs or {}).get("descriptor"):
            while (tail := _LOWER_TAIL.search(text, m.start, end)) is not None and tail.start() > m.start:
                end = tail.start()
        if end == m.end:
            out.append(m)
            continue
        rest = text[m.start : end]
        # A name may open in lower case ("eBay", "al-Qaeda"); what is left with no capital at all is no name.
        if len(rest) >= 2 and any(c.isupper() for c in rest):
            attrs = {k: v for k, v in (m.attrs or {}).items() if k != "entity_id"}
            out.append(dataclasses.replace(m, text=rest, end=end, entity=rest, attrs=attrs))
    return out


#: Numerals and quantity words that open a counted noun phrase ("five jailed dissidents").
_COUNT_WORDS = frozenset({
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
    "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand", "thousands", "million",
    "millions", "dozen", "dozens", "several", "many", "few", "some",
})  # fmt: skip


def counted_participle(tokens: list[Token], i: int, language: str, people: frozenset[str]) -> bool:
    """Whether the -ed form at ``i`` modifies a noun for people after a numeral or quantity
    word ("five *jailed* dissidents", "300 *detained* protesters", "two *kidnapped* aid
    workers").

    Why: such a participle describes the people counted, whose state was reported before; the
    sentence's news is elsewhere ("five jailed dissidents have been refusing food").  A verb
    after a counted subject is finite and is followed by anything but a noun for people
    ("thousands *marched* peacefully", "dozens *arrested* in ..."), which keeps it an event.
    """
    if language != "en" or i == 0 or not tokens[i].lower.endswith("ed"):
        return False
    prev = tokens[i - 1].lower.replace(",", "")
    if not (prev.isdigit() or prev in _COUNT_WORDS):
        return False
    # the people noun right after it, or after one modifier ("aid workers", "opposition activists")
    return any(in_words(t.lower, people) for t in tokens[i + 1 : i + 3] if t.text.isalpha() and t.text.islower())


def counted_plural(tokens: list[Token], i: int, language: str) -> bool:
    """Whether the -s form at ``i`` is a plural noun counted by the numeral or quantity word right
    before it ("2 million *pounds*", "three *rounds*").

    Why: a verb pattern matches its third-person form, but a number is never the subject of one, so
    after a count the word is the thing counted (a currency, a unit), not the act ("the bank was fined
    2 million pounds" is no bombardment).  The word's noun patterns, if any, still apply.
    """
    if language != "en" or i == 0 or not tokens[i].lower.endswith("s"):
        return False
    prev = tokens[i - 1].lower.replace(",", "").replace(".", "")
    return prev.isdigit() or prev in _COUNT_WORDS or prev in {"billion", "billions", "trillion"}


#: Words that put a noun inside another phrase rather than at the head of the subject.
_LEAD_STOPS = frozenset({"of", "in", "on", "for", "with", "by", "from", "to", "at", "after", "before", "since",
                         "during", "despite", "over", "about", "and", "or", "but", "that", "which"})  # fmt: skip
#: Endings of a possessor word ("the *minister's* call", "the *unions'* threat").
_POSSESSIVE = ("'s", "’s", "s'", "s’")
#: Prepositions that make the object of "ordered ... to" a phrase of its own (see ``_directive_to``).
_DIRECTIVE_STOPS = frozenset({"of", "for", "from", "with", "at", "in", "on", "by", "into", "out"})


def _by_sentence(items: list, sentences: list[tuple[int, int]]) -> list[list]:  # type: ignore[type-arg]
    """``items`` (with ``start``) grouped by the sentence holding their start, order kept.

    One bisection per item: filtering every item for every sentence cost
    sentences times items, quadratic on a long text.
    """
    starts = [s for s, _e in sentences]
    out: list[list] = [[] for _ in sentences]  # type: ignore[type-arg]
    for x in items:
        i = bisect.bisect_right(starts, x.start) - 1
        if i >= 0 and x.start < sentences[i][1]:
            out[i].append(x)
    return out


@dataclass(slots=True)
class SentenceContext:
    """Everything the rules need about one sentence."""

    index: int
    start: int
    end: int
    text: str
    tokens: list[Token]
    mentions: list[Mention]
    times: list[TimeExpr]
    quote_of: list[int | None]


class DocumentExtractor:
    """Turns one analysed document into events (and weak candidates)."""

    def __init__(self, analysis: DocAnalysis, reported: date | None, outlet: str | None) -> None:
        self.analysis = analysis
        self.language = "ru" if analysis.language == "ru" else "en"
        self.lexicon = load_lexicon(self.language)
        self.state = DocState(reported=reported, outlet=outlet)
        self.light = word_list(f"light_verbs_{self.language}.txt")
        self.light_keys = {en_key(w) for w in self.light} if self.language == "en" else set()
        self.generic_equipment = word_list(f"generic_equipment_{self.language}.txt")
        self.generic = word_list(f"generic_actors_{self.language}.txt")
        self._prepositions = PREPOSITIONS[self.language]
        self.dateline = 0
        self._datelines: list[tuple[int, int]] = []
        self._shut_cache: tuple[SentenceContext, dict[int, list[tuple[int, int]]]] | None = None
        self._senses_cache: SenseRules | None = None
        #: sentence index -> id of its main event (see ``eventing.mainevent``)
        self.main: dict[int, str] = {}
        self._contexts: list[SentenceContext] | None = None
        #: triggers found by :meth:`prepare`, so that :meth:`run` does not look twice
        self._cands: dict[int, list[Candidate]] = {}
        self._parses: dict[int, Any] = {}  # spaCy Doc (English) or RuToken list (Russian)
        self._parse_start: dict[int, int] = {}
        self._sports: bool | None = None
        #: weak nouns with an indefinite article ("a path to *an agreement*"): a new, unspecific
        #: thing, never a mention of an event the text reports elsewhere (``_promote_anaphoric``)
        self._indefinite: set[int] = set()

    # -- helpers ---------------------------------------------------------
    def _word_in(self, tok: Token, words: frozenset[str], keys: set[str] | None = None) -> bool:
        if keys is not None and tok.key in keys:
            return True
        return in_words(tok.lower, words)

    def _clause(self, tokens: list[Token], first: int, last: int) -> tuple[int, int]:
        # At most _CLAUSE_REACH tokens each way: a sentence without clause breaks (a hostile
        # text, a list run together) would otherwise cost its length for every trigger.
        lo, floor = first, max(0, first - _CLAUSE_REACH)
        while lo > floor and tokens[lo - 1].text not in _CLAUSE_BREAKS:
            lo -= 1
        hi, ceiling = last + 1, min(len(tokens), last + 1 + _CLAUSE_REACH)
        while hi < ceiling and tokens[hi].text not in _CLAUSE_BREAKS:
            hi += 1
        return lo, hi

    def _quote_of(self, tokens: list[Token]) -> list[int | None]:
        """The index of the first quote holding each token (None outside quotes).

        Each quote marks its tokens found by bisection, so the cost is the
        tokens inside quotes, not tokens times quotes.
        """
        out: list[int | None] = [None] * len(tokens)
        starts = [t.start for t in tokens]
        for k, q in enumerate(self.analysis.quotes):
            for i in range(bisect.bisect_left(starts, q.start), bisect.bisect_left(starts, q.end)):
                if out[i] is None:
                    out[i] = k
        return out

    # -- main ------------------------------------------------------------
    def prepare(self) -> list[tuple[int, int, int]]:
        """Read the sentences and their triggers; return ``(index, start, end)`` of those
        worth a dependency parse (see :mod:`~dossier.analyze.eventing.syntax`).

        A sentence is worth one when it holds a trigger whose roles the parse may settle
        (:meth:`_needs_parse`) and names the rules could confuse (:meth:`_roles_in_doubt`):
        elsewhere the parse would only confirm them, at a cost.  The stage parses what every
        document of a batch asks for in one call per language (spaCy for English, natasha's
        syntax model for Russian), then calls :meth:`run`.
        """
        if self._contexts is None:
            self._contexts = self._read()
        out = []
        for sc in self._contexts:
            cands = self._candidates(sc)
            self._cands[sc.index] = cands
            needed = [c for c in cands if self._needs_parse(sc, c)]
            if needed and len(sc.tokens) <= _PARSE_MAX_TOKENS and self._roles_in_doubt(sc, needed[-1].first, cands):
                # a dateline is no part of the sentence's grammar: parse what follows it
                start = max(sc.start, self._line_end(sc))
                self._parse_start[sc.index] = start
                out.append((sc.index, start, sc.end))
        return out

    def _needs_parse(self, sc: SentenceContext, c: Candidate) -> bool:
        """Whether a trigger is one whose roles the parse may settle: an event that will be
        recorded, not a verb of saying (its speaker opens or closes the sentence, which the
        rules read well) and not a bare event noun (background, recorded without roles of its own
        choosing).  Nearly half the parse cost went to those two."""
        if c.kind == STATEMENT:
            return False
        if not c.nominal:
            return True
        return self._light_near(sc.tokens, c) or self._eventive_after(sc.tokens, c.last)

    @staticmethod
    def _roles_in_doubt(sc: SentenceContext, last: int, cands: Sequence[Candidate] = ()) -> bool:
        """Whether the positional rules could pick the wrong name: the sentence names two
        actors or more, or two systems, or has a pronoun before its last trigger ``last`` (a
        reported clause's subject), or its one name is followed by a dash, a bracket or a comma
        (a dateline the text pattern missed: "MINSK (Reuters) -"), or it stands before a verb
        of saying whose complement holds the trigger: the name may head the attribution
        phrase (the speaker) or only modify it ("Officials in a neighbouring *NATO* country
        told reporters that the system had not arrived"), and only the speaker may stand in
        for a reported event's missing subject.  One name and nothing else leaves them
        nothing to confuse."""
        actors = [m for m in sc.mentions if m.kind in ACTOR_KINDS]
        if len(actors) >= 2 or len({m.entity for m in sc.mentions if m.kind == "equipment"}) >= 2:
            return True
        if not actors:
            return False
        saying = next((c for c in cands if c.kind == STATEMENT and not c.nominal and c.first < last), None)
        if saying is not None and actors[0].start < saying.start:
            return True
        if any(t.lower in _PRONOUN_SUBJECTS or t.lower in _RU_PRONOUNS for t in sc.tokens[:last]):
            return True
        after = next((t for t in sc.tokens if t.start >= actors[0].end), None)
        return after is not None and after.text in {"—", "–", "-", "(", ",", ":"}

    def _line_end(self, sc: SentenceContext) -> int:
        """Where a dateline opening this sentence ends (0 when there is none)."""
        return max((e for s, e in self._datelines if s <= sc.start < e or s == sc.start), default=0)

    def run(self, parses: dict[int, Any] | None = None) -> tuple[list[Event], list[Event]]:
        """Events and weak candidates of the document; ``parses`` maps sentence indices to
        their dependency parse (the sentences :meth:`prepare` asked for)."""
        if self._contexts is None:
            self._contexts = self._read()
        self._parses = parses or {}
        contexts = self._contexts
        events: list[Event] = []
        weak: list[Event] = []
        for i, sc in enumerate(contexts):
            backref = self._backref_speaker(contexts[i + 1]) if i + 1 < len(contexts) else None
            own_backref = self._backref_speaker(sc) is not None
            strong, soft = self._sentence(sc, backref, own_backref)
            events.extend(strong)
            weak.extend(soft)
            eq = [m.entity for m in sc.mentions if m.kind == "equipment"]
            if eq:
                self.state.last_equipment = eq[-1]
            for name in eq:
                self.state.equipment_counts[name] = self.state.equipment_counts.pop(name, 0) + 1
        return self._promote_anaphoric(events, weak)

    def _read(self) -> list[SentenceContext]:
        a = self.analysis
        sentences = a.sentences or split_sentences(a.text)
        # A dateline opens the text or, after a headline or a digest item, a paragraph.
        datelines = [(0, dateline_end(a.text))]
        for s, _e in sentences:
            if s > 0 and a.text[:s].rstrip(" \t").endswith("\n"):
                end = dateline_end(a.text[s:])
                if end:
                    datelines.append((s, s + end))
        datelines = [(s, e) for s, e in datelines if e > s]
        self.dateline = datelines[0][1] if datelines and datelines[0][0] == 0 else 0
        self._datelines = datelines
        mentions = [m for m in a.mentions if not any(s <= m.start < e for s, e in datelines)]
        mentions = untimed(mentions, a.times, a.text)
        if self.language == "en":
            mentions = untailed(mentions, a.text)
        contexts = []
        sentence_tokens = [tokenize(a.text[s:e], s, self.language) for s, e in sentences]
        quote_of = self._quote_of([t for tokens in sentence_tokens for t in tokens]) if a.quotes else []
        mentions_of, times_of = _by_sentence(mentions, sentences), _by_sentence(a.times, sentences)
        done = 0
        for i, (s, e) in enumerate(sentences):
            tokens = sentence_tokens[i]
            contexts.append(
                SentenceContext(
                    i,
                    s,
                    e,
                    a.text[s:e],
                    tokens,
                    mentions_of[i],
                    times_of[i],
                    quote_of[done : done + len(tokens)] if a.quotes else [None] * len(tokens),
                )
            )
            done += len(tokens)
        return contexts

    def _promote_anaphoric(self, events: list[Event], weak: list[Event]) -> tuple[list[Event], list[Event]]:
        """Weak candidates of a kind the document reports elsewhere are mentions of that event.

        A bare event noun is background on its own ("the deployment"), but once the text has
        reported an event of its kind ("a gunman shot two guards ... the shooting"), the noun
        (or a participant-less verb) refers to it, in a headline before the report or in a
        later sentence.  So does a kind the text comes back to in two sentences or more ("the
        fire was reported at 3 a.m. ... the fire destroyed ..."): the document is about it.
        Recording them lets cross-article coreference see every mention; each keeps its own
        modality.  One event per kind and equipment per sentence still holds.
        """
        # a negated or denied event took place nowhere: no later noun refers back to it ("failed to
        # agree ... a path to an agreement" is no mention of an agreement)
        kinds = {ev.kind for ev in events if ev.modality not in ("negated", "denied")}
        repeated = Counter(kind for kind, _sentence in {(w.kind, w.sentence) for w in weak})
        kinds |= {kind for kind, n in repeated.items() if n >= 2}
        taken = {(ev.sentence, ev.kind, ev.equipment) for ev in events}
        promoted: list[Event] = []
        rest: list[Event] = []
        for ev in weak:
            key = (ev.sentence, ev.kind, ev.equipment)
            if ev.kind in kinds and key not in taken and id(ev) not in self._indefinite:
                taken.add(key)
                promoted.append(ev)
            else:
                rest.append(ev)
        if not promoted:
            return events, weak
        return sorted(events + promoted, key=lambda ev: ev.start), rest

    def _backref_speaker(self, sc: SentenceContext) -> str | None:
        """Speaker named by a sentence that attributes the one before it
        ("The announcement, made by the Defense Minister..." / "Об этом
        сообщил министр")."""
        if self.language == "en":
            m = _BACKREF_EN.match(sc.text)
            if not m:
                return None
            after = [x for x in sc.mentions if x.start >= sc.start + m.end() and x.kind in ("person", "org")]
            return after[0].entity if after else None
        if not _BACKREF_RU.match(sc.text):
            return None
        if not any(c.kind == STATEMENT for c in (self._candidates(sc))):
            return None
        people = [x for x in sc.mentions if x.kind in ("person", "org")]
        return people[0].entity if people else None

    def _sports_report(self) -> bool:
        """Whether the document is a sports report (decided once, on its whole text)."""
        if self._sports is None:
            self._sports = sports_report(self.analysis.text, self.language)
        return self._sports

    def _candidates(self, sc: SentenceContext) -> list[Candidate]:
        tokens = sc.tokens
        out: list[Candidate] = []
        senses: SenseRules | None = None
        headline = title_case(tokens)
        # Without an equipment mention in the sentence, nor a generic head ("the system") with a
        # system named earlier to refer back to, an equipment-only pattern can never keep its
        # kind (see ``_equipment_for``): its words are left to the other patterns.
        unarmed = (
            not self._carries(tokens)
            and not any(m.kind == "equipment" for m in sc.mentions)
            and not (
                any(m.kind == "equipment" and m.start < sc.start for m in self.analysis.mentions)
                and any(self._word_in(t, self.generic_equipment) for t in tokens)
            )
        )
        for m in self.lexicon.find(tokens, skip_equipment=unarmed):
            if m.last > m.first and self._modifier_object(tokens, m.last):
                # "released four *aid* workers": the object word of the line modifies a noun for
                # people, who are the verb's real object; the verb's own one-word reading decides
                # ("released": RETREAT), and with none the line stands ("sent aid workers": AID)
                m = self._verb_alone(tokens, m.first, unarmed) or m
            p = m.pattern
            if p.kind == "NONE" or tokens[m.first].text in _MONTH_WORDS or tokens[m.last].text in _MONTH_WORDS:
                continue
            if self._inside_name(sc, m.first, tokens, headline):
                continue  # "United States", "State Department", "Strike Force"
            if p.pos == "N" and _verb_form_of_noun(p, tokens[m.first]):
                continue  # "fired the coach" is not the noun "fire"
            nominal = p.pos == "N" or (p.pos in "BV" and nominal_use(tokens, m.first, self.language))
            if nominal and self.language == "ru" and _ru_infinitive(tokens[m.first].lower):
                nominal = False  # a noun stem read on a verb: "не будет *выводить* войска" (вывод* войск*)
            after_determiner = m.first > 0 and tokens[m.first - 1].lower in DETERMINERS
            if p.pos == "V" and after_determiner and tokens[m.first].lower.endswith("ed"):
                continue  # a participle right after a determiner is an adjective: "the advanced missile complex"
            if p.pos == "V" and m.first == m.last and counted_participle(tokens, m.first, self.language, self.generic):
                continue  # "five *jailed* dissidents": the participle describes the people counted
            if p.pos == "V" and m.first == m.last and counted_plural(tokens, m.first, self.language):
                continue  # "fined 2 million *pounds*": a counted plural is a noun, never a verb
            if p.kind in ("DEMAND", "REQUEST") and self._naming_call(tokens, m.first, m.last):
                continue  # "called the ruling 'a victory for every voter'": naming, no call for anything
            if p.kind == "DEMAND" and tokens[m.last].lower == "to" and not self._directive_to(tokens, m.first, m.last):
                if self._troops_sent(tokens, m.first, m.last):
                    # "ordered two battalions to the frontier": armed forces sent to a place
                    out.append(Candidate(m, "MOBILIZE", False, tokens[m.first].start, tokens[m.last].end))
                continue  # "ordered the evacuation of residents to ...", "ordered troops to attack"
            if m.first == m.last and noun_modifier(tokens, m.first, self.language):
                continue  # "the murder weapon", "a free market": the event word names a thing
            if p.kind in COMBAT_KINDS and self._sports_report():
                senses = senses or SenseRules(tokens, self.language)
                if senses.game_language(p.kind):
                    continue  # "his strike put Charlton ahead", "Moya stormed into a 4-0 lead"
            out.append(Candidate(m, p.kind, nominal, tokens[m.first].start, tokens[m.last].end))
        return [c for c in out if not self._verb_of_noun(c, out, tokens)]

    @staticmethod
    def _naming_call(tokens: list[Token], first: int, last: int) -> bool:
        """Whether "call ... for" spans an object and a predicate noun ("called the ruling *a
        victory* for", "called it *“a win* for"): "call X Y" names X, and the "for" belongs to Y.
        An indefinite article or a quote mark inside the gap marks the predicate noun."""
        if tokens[first].key != en_key("call") or last - first < 2:
            return False
        return any(t.lower in ("a", "an") or t.text in _QUOTE_MARKS for t in tokens[first + 1 : last])

    def _modifier_object(self, tokens: list[Token], last: int) -> bool:
        """Whether the last word of a verb + object match is a modifier of the lower-case noun for
        people right after it ("four *aid* workers", "the *strike* leaders"), in English: the
        noun phrase must open before it with a number, quantity word or determiner, so that the
        word sits inside the phrase (a bare "mobilized pressure groups" is left to the line)."""
        if self.language != "en" or last + 1 >= len(tokens) or tokens[last].text[:1].isupper():
            return False
        opener = tokens[last - 1].lower.replace(",", "")
        if not (opener.isdigit() or opener in _COUNT_WORDS or opener in DETERMINERS):
            return False
        nxt = tokens[last + 1]
        return (
            nxt.text.isalpha()
            and nxt.text.islower()
            and self._word_in(nxt, self.generic)
            and not self._word_in(tokens[last], self.generic)
        )

    def _verb_alone(self, tokens: list[Token], first: int, unarmed: bool) -> Match | None:
        """The lexicon's reading of the single word at ``first`` (its one-word line), placed there."""
        for a in self.lexicon.find(tokens[first : first + 1], skip_equipment=unarmed):
            if a.pattern.kind != "NONE" and a.pattern.length == 1:
                return Match(a.pattern, first, first, first)
        return None

    @staticmethod
    def _directive_to(tokens: list[Token], first: int, last: int) -> bool:
        """Whether an open directive frame ("*ordered* X *to* <verb>", a line ending in "to")
        holds a demand: X is a plain noun phrase (no preposition inside it: "ordered the
        evacuation *of* residents to safer areas" moves people somewhere), a verb follows "to"
        (lower-case, no determiner: not "to the border"), and X is no armed force ("ordered
        troops to attack": the order is carried out by the commander's own forces, whose act is
        the event)."""
        nxt = tokens[last + 1] if last + 1 < len(tokens) else None
        if nxt is None or not (nxt.text.isalpha() and nxt.text.islower()) or nxt.lower in DETERMINERS:
            return False
        gap = tokens[first + 1 : last]
        if any(t.lower in _DIRECTIVE_STOPS or not t.text[:1].isalnum() for t in gap):
            return False
        classes = sense_classes("en")
        return not any(_in_class(classes, "military", t.lower) for t in gap)

    @staticmethod
    def _troops_sent(tokens: list[Token], first: int, last: int) -> bool:
        """Whether a directive frame ("ordered X to") sends armed forces to a place: X holds a
        word of the armed forces class and "to" is followed by a determiner or a capitalised
        name ("ordered troops *to the* border", "ordered two battalions *to Kessa*"), not a verb
        ("ordered troops to attack": the attack is the event)."""
        nxt = tokens[last + 1] if last + 1 < len(tokens) else None
        if nxt is None or not (nxt.lower in DETERMINERS or nxt.text[:1].isupper()):
            return False
        classes = sense_classes("en")
        return any(_in_class(classes, "military", t.lower) for t in tokens[first + 1 : last])

    def _carries(self, tokens: list[Token]) -> bool:
        """Whether the sentence names relief goods or armed forces, the cargo that gives a
        carrying verb its kind (:meth:`_cargo_kind`): its equipment patterns are then worth
        matching."""
        classes = sense_classes(self.language)
        return any(_in_class(classes, "relief", t.lower) or _in_class(classes, "military", t.lower) for t in tokens)

    def _cargo_kind(self, tokens: list[Token], c: Candidate) -> str | None:
        """The kind a verb of carrying or delivering takes from what it carries when it carries
        no weapon system: AID for relief goods in its clause ("flew vaccines to the province",
        "Минздрав направил врачей"), MOBILIZE for armed forces moved ("sent two battalions to
        ..."); None when the clause names neither (the line's own fallback, if any, decides).

        Why the argument and not more verb + object lines: the verbs of transport are many
        (fly, airlift, truck, ship, ferry, направить, перебросить) and so are the goods; the
        pair, not either word, says what was done."""
        if not c.kind.startswith(("EQUIPMENT_IN_TRANSIT", "EQUIPMENT_DELIVERED")):
            return None
        if self.language == "en" and tokens[c.first].lower.endswith("ing"):
            return None  # an adjunct ("a pilot, *flying* fighter planes to ..."): a description
        lo, hi = self._clause(tokens, c.first, c.last)
        classes = sense_classes(self.language)
        words = [t.lower for t in tokens[lo:hi]]
        if any(_in_class(classes, "relief", w) for w in words):
            return "AID"
        moved = words[c.first + 1 - lo :]
        if c.kind == "EQUIPMENT_IN_TRANSIT" and any(_in_class(classes, "military", w) for w in moved):
            # forces sent "to help", "to rebuild", "помочь": military aid (CAMEO 07), not a build-up
            after = words[c.last + 1 - lo :]
            helping = any(
                _in_class(classes, "relief_purpose", w) and (k == 0 or after[k - 1] in ("to", "чтобы"))
                for k, w in enumerate(after)
            )
            return "AID" if helping else "MOBILIZE"
        return None

    def _verb_of_noun(self, c: Candidate, cands: list[Candidate], tokens: list[Token]) -> bool:
        """Whether an occurrence verb only says that the event word just before it took place
        ("fighting *erupted*", "protests *erupted*"): it is that word's eventive verb, not an
        event of its own (a volcano erupts; fighting does not)."""
        if c.kind not in OCCURRENCE_KINDS or c.nominal or not self._eventive_after(tokens, c.first - 1):
            return False
        return any(0 < c.first - o.last <= 4 and o.kind != c.kind for o in cands)

    @staticmethod
    def _inside_name(sc: SentenceContext, i: int, tokens: list[Token], headline: bool = False) -> bool:
        tok = tokens[i]
        if any(m.start <= tok.start < m.end for m in sc.mentions):
            # a finite verb the recogniser swept into the name it follows ("[Министерство
            # выслало]" as an org) ends the name: it is the name's verb, not a word of it
            return not verb_ending_name(sc.mentions, tok)

        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.text[:1].isupper() and nxt is not None and nxt.text[:1].isupper() and nxt.lower in _TITLE_HEADS:
            return True  # "*Finance* Minister Carlos dos Santos said": a word of a title, even first
        if headline or i == 0 or not tok.text[:1].isupper() or tok.text.isupper():
            return False
        return tokens[i - 1].text not in {"‘", "'", '"', "“", "«", ":", "(", "—", "-"}

    def _salient_equipment(self, country: str | None = None) -> str | None:
        """The system a generic head ("the complex", "the Russian system") refers back to: the one
        the text has named most so far (the last named on a tie), not merely the last named.

        ``country`` is the country a demonym on the head names ("the *Russian* system"): only the
        systems of that country are then candidates, when the text has named any (an article on
        Russia's Oreshnik and Belarus's Polonez-M that says "the Russian system" means the first,
        however often it named the second)."""
        counts = self.state.equipment_counts
        if not counts:
            return self.state.last_equipment
        if country:
            own = {e: n for e, n in counts.items() if _equipment_country(e) == country}
            counts = own or counts
        top = max(counts.values())
        return next(e for e in reversed(list(counts)) if counts[e] == top)

    def _head_country(self, tokens: list[Token], lo: int, hi: int) -> str | None:
        """The country of a demonym right before a generic equipment head in ``tokens[lo:hi]``
        ("the *Russian* system", "белорусский комплекс"), or None."""
        from dossier.analyze.lexicon import lexicon

        for j in range(max(lo, 1), hi):
            if self._word_in(tokens[j], self.generic_equipment):
                return lexicon().country_of_adjective(tokens[j - 1].text)
        return None

    def _equipment_for(self, sc: SentenceContext, c: Candidate, roles: RoleFinder) -> list[str]:
        clause = self._clause(sc.tokens, c.first, c.last)
        own = roles.clause_equipment(c.start, c.end, c.nominal)
        if own:
            # The trigger's own clause by the parse ("asked for X while Y was shown": X), within
            # its stretch between commas ("Alongside the X deployment, Belarus introduced Y": Y).
            both = [e for e in own if e in roles.equipment(clause, fallback=False)]
            if both:
                return both
        eq = roles.equipment(clause)
        if not c.kind.startswith("EQUIPMENT_"):
            return eq
        # An equipment event needs its equipment close by: in its clause,
        # or within a few words across a comma.
        near = roles.equipment((max(0, c.first - _NEAR), c.last + 1 + _NEAR), fallback=False)
        inside = roles.equipment(clause, fallback=False)
        if inside or near:
            return inside or near
        before = [m.entity for m in sc.mentions if m.kind == "equipment" and m.start < c.start]
        lo, hi = clause
        antecedent = before[-1] if before else self._salient_equipment(self._head_country(sc.tokens, lo, hi))
        if antecedent and any(self._word_in(t, self.generic_equipment) for t in sc.tokens[lo:hi]):
            return [antecedent]
        return []

    def _sentence(self, sc: SentenceContext, backref: str | None, own_backref: bool) -> tuple[list[Event], list[Event]]:
        cands = self._cands.pop(sc.index, None)
        if cands is None:
            cands = self._candidates(sc)
        if not cands:
            return [], []
        tokens = sc.tokens
        line_end = self._line_end(sc)
        floor = sum(1 for t in tokens if t.end <= line_end)
        parsed = self._parses.get(sc.index)
        syntax: RoleParse | None = None
        times = tuple((t.start, t.end) for t in sc.times)
        if parsed is not None:
            ordered = sorted(sc.mentions, key=lambda m: m.start)
            start = self._parse_start.get(sc.index, sc.start)
            if self.language == "ru":
                syntax = RussianSentenceSyntax(parsed, ordered, floor=line_end, light=self.light, generic=self.generic)
            else:
                syntax = SentenceSyntax(
                    parsed,
                    start,
                    ordered,
                    floor=line_end,
                    light_keys=frozenset(self.light_keys),
                    generic=self.generic,
                    times=times,
                )
        roles = RoleFinder(tokens, sc.mentions, self.language, floor=floor, syntax=syntax, times=times)
        modal = ModalityFinder(tokens, self.language, sc.quote_of)
        dated = any(date_value(t.value) for t in sc.times)
        headline = self._headline(sc)
        trigger_tokens = {i for c in cands for i in range(c.first, c.last + 1)}

        kept: list[Candidate] = []
        senses = SenseRules(tokens, self.language)
        for c in cands:
            c.equipment = self._equipment_for(sc, c, roles)
            if c.kind.startswith("EQUIPMENT_") and not c.equipment:
                cargo = self._cargo_kind(tokens, c)
                if not (cargo or c.match.pattern.fallback):
                    continue
                c.kind = cargo or c.match.pattern.fallback
                # goods or forces carried say the act was done, named doer or not ("A plane
                # carrying medical supplies landed in X"), as a passive does
                c.occurred = c.occurred or cargo is not None
            if senses.motion(c.first):
                self._by_mover(sc, c, roles)
                if not c.kind:
                    continue
            if modal.capability(c.first, trigger_tokens - set(range(c.first, c.last + 1))):
                continue  # an ability of a weapon, not an event
            if senses.figurative_collapse(c.kind, c.first):
                continue  # "talks collapsed": no disaster
            if senses.natural_toll(c.kind, c.first):
                # the toll of an earthquake or a flood: deaths (DIE) or the disaster's damage, done
                # by no one, so no actor is looked for
                # (a wound or an injury is no death: the disaster's toll, not a DIE)
                c.kind = "DIE" if senses.harm(c.first) and not senses.wounding(c.first) else "DISASTER"
                c.natural = True
            if c.kind != STATEMENT and modal.questioned(c.first):
                continue  # asked about ("did not say when it would arrive"), not reported
            if c.nominal:
                light = self._light_near(tokens, c)
                eventive = self._eventive_after(tokens, c.last) or self._eventive_before(tokens, c.first)
                result = c.kind in _HARM_KINDS and self._result_after(tokens, c.last)
                effect = c.kind in _EFFECT_KINDS and self._result_after(tokens, c.last, _EFFECT)
                # Reported with no participant: in Russian after any verb of occurring; in English
                # after a verb of result or of confirming ("talks began" still needs its parties,
                # and "a bidding battle may now begin" has none)
                c.occurred = effect or (
                    not light
                    and (result or (eventive and (self.language == "ru" or self._confirmed_after(tokens, c.last))))
                )
                c.weak = not (headline or light or eventive or result or effect)
                c.passive = not c.weak and self._light_passive_after(tokens, c.last)
                if c.passive and any(o.first == self._light_participle(tokens, c.last) for o in cands):
                    # "reinforcements were sent": the participle is a trigger of its own (the passive
                    # of "send ~ reinforcements"), which reports the event; the noun stays as it was
                    c.passive = False
                    after = self._eventive_after(tokens, c.last, passive=False)
                    c.weak = not (headline or self._light_near(tokens, c) or after)
            else:
                c.passive = self._verbal_passive(tokens, c.first)
            kept.append(c)
        if dated and not any(not c.nominal for c in kept):
            # A dated sentence whose only triggers are nouns ("On May 3, the
            # delivery of ...") reports those events.
            for c in kept:
                lo, hi = self._clause(tokens, c.first, c.last)
                if any(tokens[lo].start <= t.start < tokens[hi - 1].end for t in sc.times if date_value(t.value)):
                    c.weak = False
        for c in kept:
            if c.kind == STATEMENT and self._mandative(sc, c):
                c.kind = "DEMAND"
            elif c.kind == "AGREE" and not c.nominal and self._yields_to_demand(tokens, c, kept):
                c.kind = "CONCEDE"
        self._mark_protest_purpose(kept, tokens)
        self._mark_embedded(kept, tokens)
        if not any(not c.nominal and not c.embedded for c in kept):
            # A sentence whose only triggers are nouns (or the content they govern: "call for the
            # army *to return*") and whose subject is an event noun with its own participant ("The
            # minister's call for ... was ignored", "The assassination of the governor by ... has
            # shocked") reports that event: the rest of the sentence is its consequence.
            for c in kept:
                if not c.embedded and self._subject_event(sc, c):
                    c.weak = False
                    c.subject_noun = True

        live = [c for c in kept if not c.embedded]
        trail = self._trailing_attribution(sc, roles, live)
        if trail is not None and (trail.outlet or trail.candidate.kind != STATEMENT):
            # an outlet passes the report on ("..., передает БелТА"): no statement of its own, and
            # a relay verb read as another kind ("передает" as a delivery) is no event either
            live = [c for c in live if c is not trail.candidate]
        statements = [c for c in live if c.kind == STATEMENT]
        main = [c for c in live if c.kind != STATEMENT and not c.weak]
        if own_backref:
            statements = []  # the sentence only attributes the previous one
            live = [c for c in live if c.kind != STATEMENT]
        speaker = None
        speaker_from = 0  # a statement attributes the events of its complement, after its verb
        # the verb of saying whose complement reports the later triggers (even bare nouns)
        saying = next((s for s in statements if not s.weak and not s.nominal), None)
        if trail is not None:
            # A closing attribution ("..., said Kovalenko.", "..., Kovalenko said.", "..., сообщает
            # ТАСС.") reports the clause before it: that clause's events are attributed to its
            # speaker, who stands in for none of their roles (the clause has its own subject).
            speaker = trail.speakers[0] if trail.speakers else None
            speaker_from = len(tokens)
            trail.candidate.attribution = True
        elif main and statements:
            st = next((s for s in statements if not s.weak), statements[0])
            speaker = self._speaker(sc, roles, st)
            speaker_from = st.first
            # The statement is the attribution of the events it reports *and* an event of its own
            # (who said it, when): coreference across articles follows statements too.
            st.attribution = True
            live = [c for c in live if c.kind != STATEMENT or c is st]
        elif not main:
            # Only statements (or weak nominals): keep the first strong statement.
            strong_st = [s for s in statements if not s.weak]
            live = [c for c in live if c.kind != STATEMENT] + strong_st[:1]
            live.sort(key=lambda c: c.first)
        source = self._source(sc, modal)

        # an occurrence (elections held, a death) codes as nothing: the obligation a verb of saying
        # reports about it ("the government must hold elections") is then what the sentence codes
        coded_main = [c for c in main if c.kind not in OCCURRENCE_KINDS]
        built: list[tuple[Candidate, Event]] = []
        for n, c in enumerate(live):
            own_speaker = speaker if c.first > speaker_from or c.kind == STATEMENT else None
            if trail is not None:
                own_speaker = speaker if c.first < trail.candidate.first else None
            object_noun = c.nominal and self._light_before(tokens, c.first)  # "announced a strike"
            if saying is not None and c.kind != STATEMENT and c.first > saying.last and not object_noun:
                c.reported_from = self._reported_start(tokens, saying, c)
            ev = self._build(sc, c, live, n, roles, modal, own_speaker, source, backref, stand_in=trail is None)
            if trail is not None and c is trail.candidate:
                ev = dataclasses.replace(ev, actors=trail.speakers, targets=trail.addressees)  # who said it to whom
            if ev.targets and self._drawn_reaction(tokens, c):
                ev = dataclasses.replace(ev, actors=ev.targets[:1], targets=ev.actors + ev.targets[1:])
            if c.kind == STATEMENT and ev.quote_index is not None:
                ev = dataclasses.replace(
                    ev, actors=self._statement_actors(sc, ev.actors, self.analysis.quotes[ev.quote_index])
                )
            if c.kind == STATEMENT and not coded_main and c is saying and self._obligation(tokens, c, modal):
                # "X insisted that Israel must stop building settlements": with no event word in the
                # complement, what X stated is an obligation put on another, a demand
                ev = dataclasses.replace(ev, kind="DEMAND", id=ev.id.removesuffix(STATEMENT.lower()) + "demand")
            built.append((c, ev))
        # A statement nobody is said to have made is not worth recording, nor
        # is an event with no participant at all (equipment events aside).
        built = [(c, ev) for c, ev in built if c.kind != STATEMENT or ev.actors]
        built = [(c, self._with_plain_subject(tokens, c, ev, trigger_tokens)) for c, ev in built]
        for c, ev in built:
            participle = self.language == "en" and sc.tokens[c.first].lower.endswith("ing")
            if c.kind in OCCURRENCE_KINDS and not c.weak and not participle:
                continue  # verbal, or a noun after a light or eventive verb ("a fire broke out")
            if c.match.pattern.passive and not c.weak and not roles.by_agent(c.last, len(sc.tokens)):
                continue  # an agentless passive of a verb and its object ("a curfew was imposed")
            if c.kind in ("FIGHT", "ASSAULT") and not c.nominal and self._weapon_subject(tokens, c.first):
                continue  # "fighter jets bombed the airfield": the weapons stand for the force using them
            if c.match.pattern.pos == "S" and not c.weak:
                continue  # a subject + verb line names its own participant ("drones struck", "missiles hit")
            if c.passive and not c.weak and c.kind != "CONSULT":
                # "the businessman was kidnapped", "air strikes were carried out": a passive says
                # that the act was done, to someone or something, whether or not it names the doer
                # (not a meeting: "the target will be met" is no consultation)
                continue
            if c.occurred and not c.weak and c.kind not in OCCURRENCE_KINDS:
                continue  # "В Джакарте прошли переговоры": the verb says the event took place
            if not c.nominal and not c.weak and self._quantity_subject(tokens, c.first):
                continue  # "Thousands rallied in Colombo": a crowd counted, named by no noun, acted
            if not c.nominal and not c.weak and self._indefinite_personal(tokens, c.first):
                continue  # "Из страны выслали двух корреспондентов": reported with its doer unsaid
            # a phrase target counts for a subject event noun: "Resignation *of the health chief*"
            phrase_only = c.phrase_target and c.nominal and not c.subject_noun
            if not (ev.actors or (ev.targets and not phrase_only) or ev.equipment):
                c.weak = True
        strong = self._dedupe([ev for c, ev in built if not c.weak])
        weak = [ev for c, ev in built if c.weak]
        self._indefinite |= {
            id(ev) for c, ev in built if c.weak and c.nominal and c.first > 0 and tokens[c.first - 1].lower in _INDEF
        }
        self._choose_main(sc, built, strong, weak)
        for ev in strong:
            if ev.date and resolve_year(ev.date, self.state.reported):
                self.state.last_date = ev.date
        return strong, weak

    def _with_plain_subject(self, tokens: list[Token], c: Candidate, ev: Event, triggers: set[int]) -> Event:
        """``ev`` with the plain noun phrase before its verb as actor ("*The coast guard*
        detained a tanker"), when the verb found no participant at all (see
        :mod:`dossier.analyze.eventing.subjects`); otherwise ``ev`` as it is."""
        if c.weak or c.kind == STATEMENT or ev.actors or ev.targets or ev.equipment:
            return ev
        if c.nominal:
            if not c.subject_noun:
                return ev
            subject = possessor_phrase(tokens, c.first) or holder_phrase(tokens, c.last, self.language)
        else:
            subject = plain_subject(tokens, c.first, self.language, c.last)
            # an event or a hazard as the subject ("A lightning *strike* set the store on fire",
            # "the storm destroyed") is what happened, not someone who acted
            if subject and self._eventful_subject(tokens, c.first, subject, triggers):
                subject = None
        return dataclasses.replace(ev, actors=(subject,)) if subject else ev

    def _eventful_subject(self, tokens: list[Token], first: int, subject: str, triggers: set[int]) -> bool:
        """Whether the head of the plain subject before the verb at ``first`` (its last word) is
        a trigger word or a natural hazard: an event ("A lightning *strike* set ..."), not a
        participant; a trigger word that only modifies the head stays ("*Relief* planes")."""
        head = subject.split()[-1]
        j = next((k for k in range(first - 1, max(-1, first - 8), -1) if tokens[k].text == head), None)
        if j is None:
            return False
        return j in triggers or _in_class(sense_classes(self.language), "hazard", tokens[j].lower)

    def _yields_to_demand(self, tokens: list[Token], c: Candidate, cands: list[Candidate]) -> bool:
        """Whether an agreeing verb takes another party's demand as its object ("agreed to meet
        the strikers' demands", "accepted the union's demands", "согласилось выполнить
        требования рабочих"): acceding to demands is yielding (PLOVER CONCEDE, CAMEO 08), not an
        offer.  The demand noun follows within five words of the same clause."""
        _lo, hi = self._clause(tokens, c.first, c.last)
        return any(
            o.nominal and o.kind in ("DEMAND", "REQUEST") and 0 < o.first - c.last <= 5 and o.first < hi for o in cands
        )

    def _obligation(self, tokens: list[Token], saying: Candidate, modal: ModalityFinder) -> bool:
        """Whether the clause a verb of saying reports puts an obligation on a subject of its
        own: "must", "should", "have to" after a subject and before a verb ("that Israel *must*
        stop", "the world must not forget"), within the same stretch of the sentence; not on a
        pronoun, which mostly stands for the speaker ("said he must leave")."""
        if self.language != "en":
            return False
        start = self._reported_start(tokens, saying, saying)
        for i in modal.cues.get("required", ()):
            if i <= start or any(t.text in _HARD_BREAKS or t.text in _QUOTE_MARKS for t in tokens[saying.last + 1 : i]):
                continue
            before = {t.lower for t in tokens[max(start, i - 2) : i]}
            if before & _PRONOUN_SUBJECTS:
                continue  # "said he must leave": the speaker's own duty, asked of nobody
            if before & {"will", "would", "'ll", "may", "might"}:
                continue  # "will have to shed jobs": a necessity foreseen, not demanded
            j = i + (2 if tokens[i].lower in {"have", "has", "ought"} else 1)
            if j < len(tokens) and tokens[j].lower == "not":
                j += 1
            if j < len(tokens) and tokens[j].text.isalpha() and tokens[j].text.islower():
                return True
        return False

    @staticmethod
    def _reported_start(tokens: list[Token], saying: Candidate, c: Candidate) -> int:
        """First token of the clause a verb of saying reports: after its complementizer when one
        comes before the trigger ("доложил *президенту Лукашенко* о том, что комплекс ...", "told
        *President X* on Wednesday that ..."): the addressee is no part of what was reported."""
        for j in range(saying.last + 1, c.first):
            if tokens[j].lower in _REPORTED_OPENERS:
                return j + 1
            if tokens[j].text in _HARD_BREAKS:
                break
        return saying.last + 1

    def _subject_event(self, sc: SentenceContext, c: Candidate) -> bool:
        """Whether the event noun of ``c`` heads the sentence's subject and names a participant.

        The noun opens the sentence, after at most a determiner and a possessor ("The", "The
        minister's", "Zimbabwe's"), with no comma before it; a participant is the possessor, or a
        name or group word after "of", "by" or "from" (a Russian genitive right after the noun)
        within its phrase.  Background nouns in analysis prose mostly sit inside a clause
        ("since the suspension ...") and are left as they are."""
        if not c.nominal or c.kind == STATEMENT:
            return False
        tokens = sc.tokens
        lead = tokens[:c.first]
        if len(lead) > 4 or any(not t.text[:1].isalnum() or t.lower in _LEAD_STOPS for t in lead):
            return False  # "The implications *of* the deployment ...": the noun is inside another phrase
        possessor = any(t.lower.endswith(_POSSESSIVE) for t in lead)
        if lead and not possessor and lead[0].lower not in ("the", "a", "an"):
            return False
        if possessor or holder_phrase(tokens, c.last, self.language) is not None:
            return True  # "The minister's call", "Resignation of the health chief", "Отставка министра"
        ments = [m for m in sc.mentions if m.start >= tokens[c.last].end]
        linked = self.language == "ru"  # the genitive follows the noun: "Отставка *главы* избиркома"
        for j in range(c.last + 1, min(len(tokens), c.last + 8)):
            t = tokens[j]
            if t.text in _HARD_BREAKS or t.text == ",":
                return False
            linked = linked or t.lower in ("of", "by", "from")
            if linked and (any(m.start == t.start for m in ments) or self._word_in(t, self.generic)):
                return True
        return False

    @staticmethod
    def _headline(sc: SentenceContext) -> bool:
        """Whether the sentence is a headline: news headlines report events in nouns
        ("Overnight Fire Destroys Historic Building", "Arrest in Bank Robbery").

        A headline is written in title case, or is the text's first line with no final
        full stop and at most 20 words.
        """
        if title_case(sc.tokens):
            return True
        words = sum(1 for t in sc.tokens if t.text[:1].isalnum())
        return sc.index == 0 and 0 < words <= 20 and not sc.text.rstrip().endswith((".", "!", "?", "…", '"', "”"))

    def _choose_main(
        self, sc: SentenceContext, built: list[tuple[Candidate, Event]], strong: list[Event], weak: list[Event]
    ) -> None:
        """Record the sentence's main event: best ranked strong event, else weak."""
        pool = [(c, ev) for c, ev in built if any(ev is x for x in strong)] or [
            (c, ev) for c, ev in built if c.weak and any(ev is x for x in weak)
        ]
        if not pool:
            return
        tokens = sc.tokens
        verbal = {i for c, _ in built if not c.nominal for i in range(c.first, c.last + 1)}

        def key(item: tuple[Candidate, Event]) -> tuple:
            c, _ = item
            bare = c.nominal and not c.passive and not self._light_before(tokens, c.first)
            return (c.kind == STATEMENT, *rank(tokens, c.first, bare, verbal, self.language))

        best = min(pool, key=key)[1]
        purpose = [ev for c, ev in pool if c.protest_purpose]
        if purpose:
            best = purpose[0]  # the act was the means; the protest is what a coder types
        if best.id:
            self.main[sc.index] = best.id

    def _mandative(self, sc: SentenceContext, c: Candidate) -> bool:
        """Whether a verb of insisting or urging reports a subjunctive: "Tokyo insisted that
        *Moscow return* the islands", "urged that Syria withdraw".  A named subject followed by
        the verb's bare form (no -s, -ed, modal or auxiliary: "that Moscow *returns*", "that
        Iran *had*" are statements of fact) is what the speaker demands of another (PLOVER
        DEMAND), whatever the verb; only a named subject is read, so "insisted that the talks
        continue" stays a statement."""
        tokens = sc.tokens
        if self.language != "en" or tokens[c.first].key not in _MANDATIVE:
            return False
        j = c.last + 1 if tokens[c.last].lower == "that" else c.last + 2
        if j - 1 >= len(tokens) or tokens[j - 1].lower != "that" or j >= len(tokens):
            return False
        if tokens[j].lower == "the" and j + 1 < len(tokens):
            j += 1
        name = next((m for m in sc.mentions if m.start == tokens[j].start and m.kind in ACTOR_KINDS), None)
        if name is None:
            return False
        k = next((n for n in range(j, len(tokens)) if tokens[n].start >= name.end), None)
        if k is None:
            return False
        verb = tokens[k].text
        return (
            verb.isalpha()
            and verb.islower()
            and not verb.endswith(("s", "ed", "ing", "ly"))
            and verb not in _NOT_BARE
            and verb not in irregular_forms()
        )

    def _mark_protest_purpose(self, cands: list[Candidate], tokens: list[Token]) -> None:
        """A refusal or an occupation done "to protest" / "in protest" is the protest itself
        ("shunned work on Monday *to protest* at ...", "occupied the embassy *to protest*
        against ..."; CAMEO 14: strikes, boycotts, sit-ins), whatever verb reports the act.

        The "protest" word after such an act is a purpose clause, not the act's content (a
        REJECT verb would otherwise take it as what was refused), and it is the sentence's
        event: PROTEST, also where the lexicon reads "protest against" as a complaint.
        """
        if self.language != "en":
            return
        for c in cands:
            if c.first == 0 or tokens[c.first].key != _PROTEST_KEY or tokens[c.first - 1].lower not in {"to", "in"}:
                continue
            for act in cands:
                if act.kind not in _PROTEST_MEANS or act.last >= c.first or c.first - act.last > 12:
                    continue
                if any(t.text in _HARD_BREAKS or t.text == "," for t in tokens[act.last + 1 : c.first]):
                    continue
                c.kind = "PROTEST"
                c.protest_purpose = True
                c.weak = False
                break

    def _light_near(self, tokens: list[Token], c: Candidate) -> bool:
        """A light verb governing the event noun of ``c``: before it, or in Russian, whose word
        order is free, right after it with only a name or an adverb between ("с такой *просьбой*
        Лукашенко *обратился* к Путину")."""
        return self._light_before(tokens, c.first) or self._light_after(tokens, c) is not None

    def _light_after(self, tokens: list[Token], c: Candidate) -> int | None:
        """Index of a Russian light verb right after the event noun of ``c`` (see :meth:`_light_near`)."""
        if self.language != "ru" or not c.nominal:
            return None
        for j in range(c.last + 1, min(len(tokens), c.last + 5)):
            if tokens[j].text in _CLAUSE_BREAKS:
                return None
            if self._word_in(tokens[j], self.light):
                return j
        return None

    def _light_before(self, tokens: list[Token], first: int) -> bool:
        """Whether a light verb governs the event noun at ``first`` ("launched a new attack",
        "engaged in fighting"): within four words, with only the noun's modifiers or a
        preposition between; a partitive ("a new round of talks", "a series of attacks")
        stretches the reach.  Another noun between is the light verb's own object ("expressed
        *concern* about the deployment": the concern is expressed, the deployment is its topic)."""
        reach = 4
        j = first - 1
        while j >= max(0, first - reach):
            t = tokens[j]
            if self._word_in(t, self.light, self.light_keys):
                return True
            if self.language == "en" and t.lower in _PARTITIVES and tokens[j + 1].lower == "of":
                reach = 7  # "a new round of": the words of the partitive do not count against the reach
            elif self.language == "ru" and not self._ru_light_gap(tokens, j):
                return False  # "оказала *помощь* пострадавшим от землетрясения": помощь is the object
            elif not (self._light_gap(t) or self._noun_modifier(tokens, j, first)):
                return False
            j -= 1
        return False

    def _ru_light_gap(self, tokens: list[Token], j: int) -> bool:
        """Whether the Russian word at ``j`` may stand between a light verb and its event noun:
        a preposition or particle, a word agreeing like an adjective, participle or ordinal
        ("провели *совместные* учения"), a number, or the noun of a prepositional phrase ("провели
        *в понедельник* переговоры").  Another bare noun is the light verb's own object."""
        t = tokens[j]
        if t.text in _CLAUSE_BREAKS:
            return False
        if t.lower in self._prepositions or t.lower in _PARTICLES or not t.text[:1].isalpha():
            return True
        if t.lower.endswith(_RU_ADJ_ENDINGS):
            return True
        return j > 0 and tokens[j - 1].lower in self._prepositions

    def _noun_modifier(self, tokens: list[Token], j: int, first: int) -> bool:
        """Whether the word at ``j`` modifies the event noun right after it after a determiner
        ("ordered *a snap* mobilisation", "made *a surprise* visit", "began *a hunger* strike"):
        a modifier no suffix gives away.  Only the word next to the noun and only after a
        determiner, so a light verb's own object stays a barrier ("expressed *concern* about
        the deployment")."""
        if self.language != "en" or j != first - 1 or j == 0:
            return False
        t = tokens[j]
        # a bare noun right after the light verb compounds with the event noun too ("resumed
        # *food* deliveries", "held *border* talks"): with no determiner between, it cannot be
        # the light verb's own object phrase, which would end before the event noun
        before = tokens[j - 1]
        opened = before.lower in DETERMINERS or self._word_in(before, self.light, self.light_keys)
        return t.text.isalpha() and t.text.islower() and opened

    def _by_mover(self, sc: SentenceContext, c: Candidate, roles: RoleFinder) -> None:
        """A verb of motion takes its kind from what moves, its subject: a weapon system that
        travels is in transit ("the Oreshnik was already travelling to Belarus"), a person who
        arrives visits ("Putin arrived in Minsk, where the Oreshnik was shown").  Sets
        ``c.kind`` to "" when an equipment-only motion has a person moving and no fallback."""
        mover, name = self._mover(sc, c, roles)
        if mover == "equipment" and not c.kind.startswith("EQUIPMENT_") and name:
            c.kind, c.equipment = "EQUIPMENT_IN_TRANSIT", [name]
        elif mover == "agent" and c.kind.startswith("EQUIPMENT_"):
            c.kind = c.match.pattern.fallback or ""

    def _mover(self, sc: SentenceContext, c: Candidate, roles: RoleFinder) -> tuple[str | None, str | None]:
        """(``"equipment"`` | ``"agent"`` | None, equipment name) for the subject of a motion
        verb: the parse's subject where there is one, else the nearest noun phrase before the
        verb in its clause (past auxiliaries and adverbs, not past a complementizer)."""
        sx = roles.parsed(c.start, c.end, c.nominal)
        if sx is not None and not sx.doubtful and sx.actors:
            moving = self._equipment_head(sc, c, sx.subject_head)
            return ("equipment", moving) if moving else ("agent", None)
        tokens = sc.tokens
        lo = self._clause(tokens, c.first, c.last)[0]
        for j in range(c.first - 1, lo - 1, -1):
            t = tokens[j]
            if t.lower in _COMPLEMENTIZERS or t.lower in _MOVER_STOPS:
                break
            m = next((m for m in sc.mentions if m.start <= t.start < m.end), None)
            if m is not None and m.kind == "equipment":
                return "equipment", m.entity
            if m is not None and m.kind in ACTOR_KINDS:
                return "agent", None
            if t.lower in _PRONOUN_SUBJECTS - {"it"}:
                return "agent", None
            if self._word_in(t, self.generic_equipment):
                return "equipment", (c.equipment or [self._salient_equipment()])[0]
        return None, None

    def _equipment_head(self, sc: SentenceContext, c: Candidate, head: tuple[int, int] | None) -> str | None:
        """The system named by a subject whose head word is equipment, else None: in "Russia's
        Oreshnik missile complex was heading to Belarus" the parse names Russia (the owner),
        but the head "complex" is what moves."""
        if head is None:
            return None
        m = next((m for m in sc.mentions if m.start <= head[0] < m.end), None)
        if m is not None:
            return m.entity if m.kind == "equipment" else None
        word = next((t for t in sc.tokens if t.start == head[0]), None)
        if word is None or not self._word_in(word, self.generic_equipment):
            return None
        return (c.equipment or [self._salient_equipment()])[0]

    def _noun_phrase_end(self, tokens: list[Token], last: int) -> int:
        """Where the noun phrase of an event noun ending at ``last`` ends: its objects follow
        as prepositional phrases ("the deployment *to* X", "an attack *on* the city of X"),
        up to the next verb ("Russia's deployment of troops angered *Poland*": Poland is
        the object of "angered").  Nothing after the noun but a preposition: no object."""
        j = last + 1
        if j >= len(tokens) or tokens[j].lower not in self._prepositions:
            return j
        while j < len(tokens) and tokens[j].text not in _CLAUSE_BREAKS:
            t = tokens[j]
            if t.lower in _VERBISH or (
                self.language == "en" and t.lower.endswith("ed") and tokens[j - 1].lower not in DETERMINERS
            ):
                break
            j += 1
        return j

    def _light_gap(self, t: Token) -> bool:
        """A word that may stand between a light verb and its event noun."""
        if t.lower in DETERMINERS or t.lower in self._prepositions or t.lower in _PARTICLES:
            return True
        if self.language == "ru" or not t.text.isalpha():
            return t.text not in _CLAUSE_BREAKS
        w = t.lower
        return t.text[:1].isupper() or w.endswith(_MOD_SUFFIXES) or w in _NOUN_MODS

    def _eventive_after(self, tokens: list[Token], last: int, passive: bool = True) -> bool:
        return (
            any(self._eventive(t) for t in tokens[last + 1 : last + 5])
            or (passive and self._light_passive_after(tokens, last))
            or self._eventive_after_phrase(tokens, last)
        )

    def _eventive(self, t: Token) -> bool:
        """A verb that says an event took place, began, went on or ended ("talks *began*")."""
        return self._word_in(t, _POST_EVENTIVE) or t.key in _EVENTIVE_KEYS

    def _eventive_after_phrase(self, tokens: list[Token], last: int) -> bool:
        """Whether the verb right after the event noun's own phrase says it took place or went on
        ("the shelling of the city by government artillery *continued*", "an inquiry into the
        collapse *has begun*"): the objects of the noun may lie between (see
        :meth:`_noun_phrase_end`), an auxiliary may stand before the verb."""
        if self.language == "ru":
            # a Russian noun's phrase is its genitives and prepositional phrases up to the verb:
            # the first eventive word before the clause ends ("Похищение трёх сотрудников миссии в
            # Южном Судане *подтвердили* в ООН")
            for t in tokens[last + 5 : last + 12]:
                if t.text in _CLAUSE_BREAKS or t.text == ",":
                    return False
                if self._eventive(t):
                    return True
            return False
        if self.language != "en":
            return False
        j = self._noun_phrase_end(tokens, last)
        if j <= last + 4:
            return False  # the nearby window above already looked there
        while j < len(tokens) and tokens[j].lower in {"has", "have", "had", "was", "were", "is", "are", "been"}:
            j += 1
        return j < len(tokens) and self._eventive(tokens[j])

    @staticmethod
    def _confirmed_after(tokens: list[Token], last: int) -> bool:
        """Whether "confirmed" follows the event noun in its clause ("the abduction of three aid
        workers was *confirmed*")."""
        for t in tokens[last + 1 : last + 12]:
            if t.text in _CLAUSE_BREAKS:
                return False
            if t.lower == "confirmed":
                return True
        return False

    def _eventive_before(self, tokens: list[Token], first: int) -> bool:
        """Russian puts the verb of occurring before its subject ("В Джакарте *прошли*
        переговоры", "*вспыхнули* тяжёлые бои"): an eventive verb at most three words before the
        event noun, in its clause, reports it."""
        if self.language != "ru":
            return False
        for j in range(first - 1, max(-1, first - 4), -1):
            t = tokens[j]
            if t.text in _CLAUSE_BREAKS or t.text == ",":
                return False
            if self._eventive(t):
                return True
        return False

    def _result_after(self, tokens: list[Token], last: int, verbs: frozenset[str] = _RESULT) -> bool:
        """Whether the act of violence ending at ``last`` is the subject of a verb of result ("a
        naval clash between the two coast guards *left* one boat damaged", "the bombing *killed*
        14"), right after it or after its own phrase, in its clause."""
        for t in tokens[last + 1 : last + 10]:
            if t.text in _CLAUSE_BREAKS or t.text == ",":
                return False
            if self._word_in(t, verbs):
                return True
        return False

    @staticmethod
    def _quantity_subject(tokens: list[Token], first: int) -> bool:
        """Whether a bare quantity is the verb's subject ("*Thousands* rallied", "*Hundreds* more
        marched"): a crowd that acted, though it is no actor to name (a quantity never is)."""
        j = first - 1
        while j >= 0 and (tokens[j].lower in _QUANTITY_SKIP or tokens[j].lower.endswith("ly")):
            j -= 1
        return j >= 0 and tokens[j].lower in _QUANTITIES and (j == 0 or not tokens[j - 1].text[:1].isalnum())

    def _indefinite_personal(self, tokens: list[Token], first: int) -> bool:
        """A Russian verb in the plural with no subject before it in its clause ("Из страны
        *выслали* двух корреспондентов", "В Минске *задержали* ..."): the indefinite-personal
        sentence, Russian's agentless passive, which reports the act without naming the doer.
        Before the verb only prepositional phrases, time adverbs and particles may stand."""
        if self.language != "ru":
            return False
        w = tokens[first].lower
        if not (w.endswith("ли") or w.endswith(("ют", "ут", "ят", "ат"))) or len(w) < 5:
            return False
        j = first - 1
        while j >= 0 and tokens[j].text not in _CLAUSE_BREAKS and tokens[j].text != ",":
            j -= 1
        pp_left = 0
        for t in tokens[j + 1 : first]:
            if t.lower in self._prepositions:
                pp_left = 3  # the preposition's noun, its adjectives or a genitive
            elif pp_left > 0 and t.text[:1].isalnum():
                pp_left -= 1
            elif not (t.lower in _RU_ADVERBS or t.text[:1].isdigit() or not t.text[:1].isalnum()):
                return False  # a word that may be the subject
        return True

    def _weapon_subject(self, tokens: list[Token], first: int) -> bool:
        """Whether a weapon word (``generic_equipment_<lang>.txt``: jets, drones, missiles,
        tanks) stands right before the verb at ``first``, past auxiliaries and adverbs: an
        attack by weapons ("fighter jets bombed", "drones have struck") is an event even when
        the force that used them is not named."""
        j = first - 1
        skip = _PASSIVE_BE | _MODALS
        while j >= 0 and (tokens[j].lower in skip or tokens[j].lower.endswith("ly")):
            j -= 1
        return j >= 0 and self._word_in(tokens[j], self.generic_equipment)

    def _verbal_passive(self, tokens: list[Token], first: int) -> bool:
        """Whether the verbal trigger at ``first`` is a participle right after a form of "be"
        (past adverbs and "not"): "was kidnapped", "are being investigated", "were not released".
        "has/had" + participle is an active perfect, not a passive."""
        if self.language != "en":
            return False
        if tokens[first].lower.endswith("ing"):
            return False  # "were marching": progressive, not passive
        # After "be" a verb is its participle, also where it is spelt like the base ("were put
        # on alert", "was hit", "was cut off")
        j = first - 1
        while j >= 0 and (tokens[j].lower.endswith("ly") or tokens[j].lower in {"not", "also", "reportedly"}):
            j -= 1
        return j >= 0 and tokens[j].lower in _PASSIVE_BE

    def _light_passive_after(self, tokens: list[Token], last: int) -> bool:
        """Whether the event noun ending at ``last`` is the subject of a light verb in the passive
        ("air strikes *were carried out*", "talks between the two sides *were held*", "an
        agreement to share the water *was reached*"): the passive of "carried out an air strike",
        so the noun reports the event.  The first form of "be" after the noun in its clause
        (within ten words) must be followed, past adverbs, by a light verb's participle."""
        return self._light_participle(tokens, last) is not None

    def _light_participle(self, tokens: list[Token], last: int) -> int | None:
        """Index of the passive light verb whose subject is the event noun ending at ``last``
        (see :meth:`_light_passive_after`), else None."""
        if self.language != "en":
            return None
        for j in range(last + 1, min(len(tokens), last + 11)):
            t = tokens[j]
            if t.text in _CLAUSE_BREAKS or t.text == ",":
                return None
            if t.lower in _PASSIVE_BE:
                k = j + 1
                while k < len(tokens) and (tokens[k].lower in _PASSIVE_BE or tokens[k].lower.endswith("ly")):
                    k += 1
                if (
                    k < len(tokens)
                    and (tokens[k].lower.endswith(("ed", "en")) or tokens[k].key != tokens[k].lower)
                    and self._word_in(tokens[k], self.light, self.light_keys)
                ):
                    return k
                return None
        return None

    def _mark_embedded(self, cands: list[Candidate], tokens: list[Token]) -> None:
        for i, head in enumerate(cands):
            permissive = self.language == "en" and tokens[head.first].key in _PERMISSIVE
            if (head.kind not in COMPLEMENT_KINDS and not permissive) or head.embedded:
                continue
            content = True  # the first event embedded is what is promised, offered or refused
            relative = subordinate(tokens, head.first, set(), self.language)
            for dep in cands[i + 1 :]:
                gap = tokens[head.last + 1 : dep.first]
                if len(gap) > 10 or any(t.text in _HARD_BREAKS for t in gap):
                    break
                if relative and any(t.text == "," for t in gap):
                    break  # "The president, who has been criticised for X, *met* ...": the relative clause ended
                if (
                    dep.kind == STATEMENT
                    and any(t.text == "," for t in gap)
                    and not self._participle(tokens[dep.first])
                ):
                    continue  # "agreed to release them, *said* X": the attribution, not the content
                if dep.protest_purpose:
                    continue  # "shunned work to protest": the purpose, not what was shunned
                infinitive = self.language == "ru" and tokens[dep.first].lower.endswith(("ть", "ти", "ться"))
                if head.nominal and any(t.lower in _PASSIVE_BE or t.lower in _MODALS for t in gap[:1]):
                    break  # "the offer *was* rejected": the noun is the subject of the verb, not its head
                # a past form after the head's object is the next clause's verb, not the head's
                # content ("militants who had threatened the election *kidnapped* two officials")
                finite = (
                    not dep.nominal
                    and self.language == "en"
                    and tokens[dep.first].lower.endswith("ed")
                    and not (dep.last + 1 < len(tokens) and tokens[dep.last + 1].lower == "by")
                )  # (a participle before "by" modifies the noun: "the plan *proposed* by X")
                modified = self._modifiers_only(gap)
                words = {t.lower for t in gap}
                to_only = "to" in words and not words & (_COMPLEMENTIZERS - {"to"})
                if finite and gap and gap[-1].lower != "to" and to_only:
                    continue  # "threatened to *disrupt* the election kidnapped": the infinitive is the content
                if infinitive or any(t.lower in _COMPLEMENTIZERS for t in gap) or modified:
                    dep.embedded = True
                    if not head.equipment and dep.equipment:
                        head.equipment = dep.equipment
                    if (
                        content
                        and head.kind == "AGREE"
                        and dep.kind in _HOSTILE
                        and self._intent_word(tokens[head.first])
                    ):
                        # "was prepared to use force", "vowed to attack": an intent to harm (CAMEO 13)
                        head.kind = "THREATEN"
                    content = False

    def _speaker_for_pronoun(self, sc: SentenceContext, quoted: Quote, pronoun: Token) -> bool:
        """Whether the quote's speaker can be what its pronoun subject stands for: a speaker
        named before the quote, no outlet and no bare quantity ("Many believe ..."), a person
        for "he"/"she"/"I" and no person for "they"/"it" ("he said *they* would insist" is
        about others); "we" speaks for a person's side as well as for a group."""
        words = (quoted.speaker or "").split()
        if not words or quoted.speaker_start is None or quoted.speaker_start >= quoted.start:
            return False
        if words[0].lower() in _COUNT_WORDS | {"most", "all", "others", "one"}:
            return False
        if self._outlet(sc, quoted.speaker):
            return False
        end = quoted.speaker_end or quoted.speaker_start + len(quoted.speaker)
        person = any(m.kind == "person" and m.start < end and quoted.speaker_start < m.end for m in sc.mentions)
        written = self.analysis.text[quoted.speaker_start : end].strip().lower()
        person = person or written in {"he", "she", "i"} or quoted.speaker.lower() in {"he", "she", "i"}
        return pronoun.lower == "we" or person == (pronoun.lower in {"he", "she", "i"})

    @staticmethod
    def _pronoun_subject(tokens: list[Token], quote_of: list[int | None], q: int, first: int) -> bool:
        """Whether the words of quote ``q`` before the trigger at ``first`` open with a pronoun
        subject and hold no other noun ("that *they* were ready to ...")."""
        inside = [i for i in range(first) if quote_of[i] == q]
        return bool(inside) and tokens[inside[0]].lower in _PRONOUN_SUBJECTS and len(inside) <= 4

    def _intent_word(self, tok: Token) -> bool:
        """An AGREE trigger that states one side's own intent (promise, vow, be ready, offer),
        not an accord between sides ("agreed to impose sanctions" is an agreement)."""
        return self.language == "en" and tok.key not in _ACCORD

    def _modifiers_only(self, gap: list[Token]) -> bool:
        """Whether the words between a governing verb and an event noun only modify the noun
        ("threatened *new* attacks", "demanded *an immediate* ceasefire"): then the noun is
        the verb's object, the content of the threat or demand, not an event of its own."""
        return len(gap) <= 3 and all(
            t.text.isalpha() and t.text.islower() and t.lower not in self._prepositions for t in gap
        )

    def _trailing_attribution(self, sc: SentenceContext, roles: RoleFinder, cands: list[Candidate]) -> Trailing | None:
        """A verb of saying that closes the sentence after the clause it reports, with only its
        speaker after it: "..., said Kovalenko, the foreign minister.", "..., the ministry
        said.", "«...», — заявил Петров.", "..., передает БелТА.".

        Its speaker is the name (or the group) in its own comma stretch, or the name right
        before a stretch that is only that name's apposition ("..., Kovalenko, the foreign
        minister, said").  Never the first name of the sentence: that one belongs to the
        reported clause.  A relay verb ("передает", "reports") counts too, whatever kind the
        trigger lexicon gave it, and an outlet speaker ("БелТА", "Reuters") only passes the report on.
        """
        tokens = sc.tokens
        verbs = [
            c
            for c in cands
            if not c.nominal
            and (c.kind == STATEMENT or self._relay(tokens[c.first]))
            and not self._participle(tokens[c.first])
        ]
        if not verbs:
            return None
        c = verbs[-1]
        if any(o.first > c.last and not o.weak for o in cands):
            return None  # the verb reports what follows it
        lo = self._stretch_start(tokens, c.first)
        if sum(1 for t in tokens[:lo] if t.text[:1].isalnum()) < 3:
            return None  # nothing reported before it: the verb opens its own sentence
        if tokens[lo].lower in _TRAIL_SUBORDINATORS:
            return None  # "..., а не 17 декабря, *как* сообщили СМИ": it attributes only its own aside
        rest = tokens[c.last + 1 :]
        relative = next((i for i, t in enumerate(rest) if t.lower in _RELATIVES), len(rest))
        rest = rest[:relative]  # "..., said Mr Fitzpatrick, who added that ...": about the speaker
        if len(rest) > _TRAIL_MAX:
            return None
        if any(t.lower in _REPORTED_OPENERS or t.lower in _CLAUSE_WORDS or t.text == ":" for t in rest):
            return None  # "said it is to relocate", "has said a list is being drawn up": a clause follows
        if sc.quote_of[c.first] is not None:
            return None  # inside a quotation: the quoted speaker's words
        addressee_verb = tokens[c.first].lower in _ADDRESSEE_VERBS
        words = [t for t in rest if t.text[:1].isalnum()]
        if c.first > lo and words and not addressee_verb and not self._adjunct_start(sc, words[0]):
            return None  # "X have all announced *substantial investments*": the verb's own object
        speakers = self._stretch_speakers(sc, roles, lo, c)
        if not speakers and not any(t.lower in _PRONOUN_SUBJECTS or t.lower in _RU_PRONOUNS for t in tokens[lo:]):
            return None  # no speaker read in the stretch: the general rules decide
        outlet = bool(speakers) and all(self._outlet(sc, name) for name in speakers)
        addressees: tuple[str, ...] = ()
        if c.first > lo or addressee_verb:  # "..., Lukashenko told *Putin*": the one told
            hi = next((j for j in range(c.last + 1, len(tokens)) if tokens[j].text in _TRAIL_BREAKS), len(tokens))
            found = roles.target(c.last, hi, set())
            addressees = tuple(n for n in roles.names(found) if n not in speakers)
        return Trailing(c, speakers, outlet, addressees)

    def _stretch_speakers(self, sc: SentenceContext, roles: RoleFinder, lo: int, c: Candidate) -> tuple[str, ...]:
        """The speaker of a closing attribution whose verb's comma stretch starts at ``lo``: a name
        there ("..., Kovalenko said", "..., said John Smith, a spokesman for X") or a group ("...,
        police said", "..., said the ministry"); when the stretch is the verb alone, a name before
        it, with or without its apposition ("..., Kovalenko, the foreign minister, said")."""
        tokens = sc.tokens
        ks: list[int] = []
        common: str | None = None
        opener = tokens[lo].lower if lo < c.first else ""
        if opener in DETERMINERS or opener in self._prepositions:
            # "..., Lamberty, *a Lufthansa spokesman* told the BBC": the stretch describes a name
            named = self._described_name(roles, tokens, lo)
            if named:
                return named
        if c.first > lo:  # "..., Kovalenko told reporters": the subject, before the verb
            ks, common = roles.stretch_speaker(lo, c.first)
        elif tokens[c.first].lower not in _ADDRESSEE_VERBS:  # "..., said Kovalenko": inverted, after it
            ks, common = roles.stretch_speaker(c.last + 1, self._speaker_phrase_end(tokens, c.last + 1))
            if (
                not ks
                and self.language == "ru"
                and c.last + 2 < len(tokens)
                and tokens[c.last + 1].lower in {"в", "во"}
            ):
                # "..., заявили в Кремле": an impersonal plural says the institution spoke
                inside = [k for k in roles.mentions_from(c.last + 2) if roles.mentions[k].kind in {"org", "place"}]
                ks = inside[:1]
        if ks:
            return roles.names(ks)
        # The stretch is the verb alone, or an apposition ("..., Koen, *a senior economist with the
        # OECD*, told the BBC", "..., Wheatley, *from Goldman Sachs*, told Reuters"): the speaker
        # is the name it describes, one or two stretches back.
        if c.first == lo:
            named = self._described_name(roles, tokens, lo)
            if named:
                return named
        if common and not any(ch in common for ch in '"“”«»'):
            return (common,)
        return ()

    def _speaker_phrase_end(self, tokens: list[Token], start: int) -> int:
        """Where an inverted speaker's phrase ends: at the first preposition after its head word
        ("said Ian Hunter *at* Goodbody", "сообщают СМИ *со* ссылкой на его жену Галину"), since
        a name after it only says whose or where the speaker is; a preposition before any head
        opens an adverbial ("сказал *в* этой беседе Андрей") and ends nothing."""
        seen = False
        for i in range(start, len(tokens)):
            t = tokens[i]
            if t.lower in self._prepositions:
                if seen:
                    return i
            elif t.text[:1].isalnum():
                seen = True
        return len(tokens)

    def _described_name(self, roles: RoleFinder, tokens: list[Token], lo: int) -> tuple[str, ...]:
        """The name one or two comma stretches before ``lo`` that the stretches between describe
        ("..., Koen, *a senior economist with the OECD*, told", "..., Wheatley, *from Goldman
        Sachs*, told", "..., Kovalenko, *the foreign minister*, said"): a stretch holding only
        names, with only appositions (opening with a determiner, a preposition or a number)
        between it and the verb."""
        end = lo - 1
        for _ in range(3):
            if end < 1 or tokens[end].text != ",":
                return ()
            start = self._stretch_start(tokens, end)
            ks, _common = roles.stretch_speaker(start, end)
            if ks and self._only_names(roles, start, end, ks):
                return roles.names(ks)
            first = tokens[start].lower if start < end else ""
            if not (first in DETERMINERS or first in self._prepositions or first.isdigit()):
                return ()
            end = start - 1
        return ()

    @staticmethod
    def _stretch_start(tokens: list[Token], hi: int) -> int:
        """Start of the comma stretch ending at ``hi``: after a comma, or after the closing quote
        mark of a quotation (one right after its punctuation: '..., "' or '...." '), past a dash
        that follows either («...», — заявил X)."""
        lo = hi
        while lo > 0:
            t = tokens[lo - 1].text
            if t in _TRAIL_BREAKS or (t in _QUOTE_MARKS and lo >= 2 and tokens[lo - 2].text in _CLOSING_PUNCT):
                break
            lo -= 1
        while lo < hi and tokens[lo].text in _DASHES:
            lo += 1
        return lo

    @staticmethod
    def _only_names(roles: RoleFinder, lo: int, hi: int, ks: list[int]) -> bool:
        """Whether tokens ``[lo, hi)`` hold nothing but the mentions ``ks`` (and determiners)."""
        spans = [(roles.mentions[k].start, roles.mentions[k].end) for k in ks]
        return all(
            any(a <= t.start < b for a, b in spans) or t.lower in DETERMINERS or t.lower in {"and", "и"}
            for t in roles.tokens[lo:hi]
        )

    def _adjunct_start(self, sc: SentenceContext, tok: Token) -> bool:
        """Whether a word after a closing verb of saying opens an adjunct ("said *on* Tuesday",
        "said *in* a statement", "said *yesterday*", "заявил *в* среду"), not an object."""
        if tok.lower in self._prepositions or tok.lower.endswith("ly") or tok.lower in _TIME_ADVERBS:
            return True
        return any(t.start <= tok.start < t.end for t in sc.times)

    def _participle(self, tok: Token) -> bool:
        """A participle of saying ("saying", "заявив"): its speaker is the clause's subject and
        what follows it is what was said."""
        form = attribution_lexicon(self.language).lookup(tok.lower)
        return (form is not None and form.participle) or (self.language == "en" and tok.lower.endswith("ing"))

    def _relay(self, tok: Token) -> bool:
        """Whether a word is a verb that passes a report on ("передает", "reports")."""
        form = attribution_lexicon(self.language).lookup(tok.lower)
        return form is not None and form.relay

    def _media_named(self, sc: SentenceContext, name: str) -> bool:
        """Whether a name is an outlet or a channel by our lists (a ``media`` mention) or the text's
        own outlet; not merely a name ending in a media word ("the Arland Monitoring Agency" acts)."""
        if self.state.outlet and name.casefold() == self.state.outlet.casefold():
            return True
        return any(m.entity == name and (m.attrs or {}).get("type") == "media" for m in sc.mentions)

    def _outlet(self, sc: SentenceContext, name: str) -> bool:
        """Whether a speaker is a news outlet (a media mention, the text's own outlet, or a
        media word closing its name: "the Minsk *Ledger*")."""
        if self.state.outlet and name.casefold() == self.state.outlet.casefold():
            return True
        if any(m.entity == name and (m.attrs or {}).get("type") == "media" for m in sc.mentions):
            return True
        words = re.findall(r"[\w-]+", name)
        return bool(words) and attribution_lexicon(self.language).is_a(words[-1], "media")

    def _speaker(self, sc: SentenceContext, roles: RoleFinder, st: Candidate) -> str | None:
        sx = roles.parsed(st.start, st.end, st.nominal)
        if sx is not None and not sx.doubtful and sx.actors:
            return roles.names(list(sx.actors))[0]  # the subject of the verb of saying
        if sx is not None and not sx.doubtful and sx.actors is not None and sx.subject_span:
            # The subject names no one ("Officials in a neighbouring NATO country told ..."):
            # a name in its modifiers is no speaker; the group is, when it names one.
            phrases = self._subject_phrases(roles, sx.subject_phrases)
            return phrases[0] if phrases else None
        ks, common = roles.actor(0, st.first, quote=sc.quote_of[st.first], quote_of=self._mention_quotes(sc))
        if ks:
            return roles.names(ks)[0]
        if self.language == "ru" and self._indefinite_personal(sc.tokens, st.first):
            # "В МИД заявили, что ...", "В Кремле сообщили ...": the statement of an institution
            # named in the place phrase before the subjectless verb; it speaks for its clause
            place = self._institution_before(sc, st.first)
            if place is not None:
                return place
        after = roles.target(st.last, len(sc.tokens), set())  # "..., said Lukashenko"
        if after and st.last + 4 > roles.tok_of[after[0]]:
            between = sc.tokens[st.last + 1 : roles.tok_of[after[0]]]
            if not any(t.lower in _COMPLEMENTIZERS for t in between):  # "said that X ...": X is no speaker
                return roles.names(after)[0]
        return common

    def _drawn_reaction(self, tokens: list[Token], c: Candidate) -> bool:
        """Whether the trigger is a reaction the subject drew from others ("the raid *drew
        condemnation from* the African Union", "приговор *вызвал критику* правозащитников",
        "вызвал осуждение *со стороны* ООН"): the one after "from" (the genitive, "со стороны")
        reacted, so it is the actor, and the subject is what was reacted to."""
        if self.language == "en":
            after = [t.lower for t in tokens[c.last + 1 : c.last + 3]]
            drew = {"draw", "draws", "drew", "drawn", "drawing"}
            # the verb is the trigger ("drew condemnation") or stands before its noun ("drew praise")
            verb = tokens[c.first].lower in drew or any(t.lower in drew for t in tokens[max(0, c.first - 2) : c.first])
            return verb and "from" in after
        before = tokens[max(0, c.first - 3) : c.first]  # "вызвало *резкую* критику": adjectives between
        return any(
            t.lower.startswith(("вызвал", "вызыва", "вызовет")) and all(u.text[:1].isalpha() for u in before[k:])
            for k, t in enumerate(before)
        )

    @staticmethod
    def _institution_before(sc: SentenceContext, first: int) -> str | None:
        """The organisation named right after "в"/"во"/"на" before the Russian verb at ``first``
        ("*В МИД* заявили"): the institution that spoke, its staff left unnamed."""
        verb_start = sc.tokens[first].start
        for m in sorted(sc.mentions, key=lambda m: m.start):
            if m.end > verb_start or m.kind not in ACTOR_KINDS - {"person"}:
                continue
            k = next((i for i, t in enumerate(sc.tokens) if t.start == m.start), None)
            if k is not None and k > 0 and sc.tokens[k - 1].lower in ("в", "во", "на"):
                between = [t for t in sc.tokens if m.end <= t.start < verb_start]
                if len(between) <= 3 and not any(t.text in _CLAUSE_BREAKS for t in between):
                    return m.entity
        # an abbreviation the name stage does not tag ("В *МИД* заявили", "в *МЧС* сообщили")
        for k in range(1, first):
            tok = sc.tokens[k]
            abbreviation = tok.text.isupper() and len(tok.text) >= 2 and first - k <= 3
            if (
                sc.tokens[k - 1].lower in ("в", "во")
                and abbreviation
                and not any(t.text in _CLAUSE_BREAKS for t in sc.tokens[k:first])
            ):
                return tok.text
        return None

    def _speaker_stands_in(
        self,
        sc: SentenceContext,
        c: Candidate,
        speaker: str | None,
        sx: SyntaxRoles | None,
        *,
        pronoun_only: bool = False,
    ) -> bool:
        """Whether the speaker may fill the empty actor slot of a reported event: a verbal
        trigger (or a light-verb noun) whose subject is a pronoun referring back to the speaker
        ("Rebels said *they* would ..."), or whose subject is missing and the speaker is named
        ("X announced that the complex was en route": X).  A group that only told reporters
        ("officials said the system had not arrived") is the source, not the actor."""
        if speaker is None or c.kind == STATEMENT:
            return False
        if c.nominal and not self._light_near(sc.tokens, c):
            return False
        # "it" is an organisation speaker ("The army said it would use force"), but the system
        # itself in an equipment event ("said it would arrive") and never a person.
        it_is_speaker = not c.kind.startswith("EQUIPMENT_") and not any(
            m.entity == speaker and m.kind == "person" for m in sc.mentions
        )
        pronouns = _PRONOUN_SUBJECTS if it_is_speaker else _PRONOUN_SUBJECTS - {"it"}
        if (sx is not None and sx.pronoun_subject) or any(
            t.lower in pronouns for t in sc.tokens[max(0, c.first - 4) : c.first]
        ):
            return True
        if pronoun_only:
            return False  # before a closing attribution only a pronoun ("*We* will not back down," said X) is X
        if self.language == "ru" and not c.nominal and self._dropped_subject(sc.tokens, c.first):
            return True  # "Профсоюз заявил, что *отменит* забастовку": Russian drops the speaker's pronoun
        return any(m.entity == speaker and m.kind in ACTOR_KINDS for m in sc.mentions)

    @staticmethod
    def _dropped_subject(tokens: list[Token], first: int) -> bool:
        """Whether the Russian verb at ``first`` opens its "что" clause, with at most a negation or
        an adverb between: its subject is left out because it is the speaker's."""
        j = first - 1
        while j >= 0 and first - j <= 4 and (tokens[j].lower in _RU_ADVERBS or tokens[j].lower in _RU_AUX):
            j -= 1
        return j >= 0 and tokens[j].lower == "что"

    def _mention_quotes(self, sc: SentenceContext) -> list[int | None]:
        return [
            next((k for k, q in enumerate(self.analysis.quotes) if q.start <= m.start < q.end), None)
            for m in sorted(sc.mentions, key=lambda m: m.start)
        ]

    def _source(self, sc: SentenceContext, modal: ModalityFinder) -> str | None:
        """Source named in the sentence ("according to X", "shared by the
        Telegram channel 'Y'")."""
        cues = modal.cues.get("source")
        if not cues:
            return None
        at = sc.tokens[cues[0]].start
        m = _CHANNEL_NAME.search(sc.text, at - sc.start)
        if m:
            s, e = sc.start + m.start(1), sc.start + m.end(1)
            over = [x for x in sc.mentions if x.start <= s and x.end >= e]
            return over[0].entity if over else m.group(1).strip()
        after = [x for x in sc.mentions if x.start >= at and x.kind in ("person", "org")]
        return after[0].entity if after else None

    def _build(
        self,
        sc: SentenceContext,
        c: Candidate,
        live: list[Candidate],
        n: int,
        roles: RoleFinder,
        modal: ModalityFinder,
        speaker: str | None,
        source: str | None,
        backref: str | None,
        *,
        stand_in: bool = True,
    ) -> Event:
        tokens = sc.tokens
        q = sc.quote_of[c.first]
        mq = self._mention_quotes(sc)
        prev_st = [o for o in live[:n] if o.kind == STATEMENT and not o.attribution] if c.kind != STATEMENT else []
        lo = prev_st[-1].last + 1 if prev_st else 0
        if q is not None:
            lo = max(lo, next(i for i, x in enumerate(sc.quote_of) if x == q))
        nxt = [o.first for o in live[n + 1 :] if not o.weak and o.kind != STATEMENT]
        hi = nxt[0] if nxt else len(tokens)

        lo = max(lo, c.reported_from)
        ks, common = roles.actor(lo, c.first, quote=q, quote_of=mq)
        light = self._light_after(tokens, c) if not ks and not self._light_before(tokens, c.first) else None
        if light is not None:
            # "с такой просьбой *Лукашенко* обратился": the light verb's subject stands before it
            ks = roles.stretch_speaker(c.last + 1, light)[0] or ks
        # The speaker stands in for a missing subject only when named and only for a verb
        # ("X announced that the complex was en route": X); a bare event noun has no subject
        # to stand in for ("X explained that the deployment was lawful": X deployed nothing).
        stands_in = self._speaker_stands_in(
            sc, c, speaker, roles.parsed(c.start, c.end, c.nominal), pronoun_only=not stand_in
        )
        if not ks and not common and lo > 0 and stands_in:
            common = speaker
        elif not ks and not common and lo > 0 and q is None and not c.reported_from:
            # Before a quote lies its attribution phrase ("Officials in a NATO country told
            # reporters that ..."): the source, never the actor of what the quote reports.
            ks, common = roles.actor(0, c.first, quote=q, quote_of=mq)
        # A bare event noun ("the deployment") has no subject: its actor is a name inside its
        # own noun phrase ("Russia's deployment", "the NATO deployment"), never the subject of
        # the verb it is an argument of ("NATO officials expressed concern about the deployment").
        # English only: a Russian noun's own participants follow it in the genitive or
        # instrumental ("размещение комплекса Россией"), which the rules do not read.
        bare = self.language == "en" and c.nominal and c.kind != STATEMENT and not self._light_before(tokens, c.first)
        if bare:
            ks = [k for k in ks if roles.premodifies(k, c.first)]
            if common and not any(t.text == common.split()[-1] for t in tokens[max(0, c.first - 3) : c.first]):
                common = None
        # The parse, where it can tell, says who the subject is (see eventing/syntax.py);
        # where it cannot (roles.doubtful), the positional rules above stand.
        sx = roles.parsed(c.start, c.end, c.nominal)
        syntactic = sx is not None and not sx.doubtful
        if sx is not None and syntactic and sx.actors is not None:
            ks = list(sx.actors)
            phrases = self._subject_phrases(roles, sx.subject_phrases) if not ks else ()
            subject = self.analysis.text[sx.subject_span[0] : sx.subject_span[1]] if sx.subject_span else ""
            if not ks and not phrases and common and common in subject:
                phrases = (common,)  # the rules' common-noun actor, inside the subject ("Hundreds of ...")
            if phrases:
                common = phrases[0]
            elif not (stands_in and common == speaker and not sx.subject_span):
                common = None  # (a clause the parse finds no subject in keeps the speaker standing in)
        else:
            phrases = ()
        actors = roles.names(ks) if ks else (phrases or ((common,) if common else ()))
        if not actors and q is not None and not c.nominal and self._pronoun_subject(tokens, sc.quote_of, q, c.first):
            # "Rebel leaders indicated on Sunday that *they* were ready to lay down their arms":
            # the quote stage found the speaker (any verb of its reporting cues, not only the
            # lexicon's verbs of saying), and a pronoun subject of what was reported is the speaker
            quoted = self.analysis.quotes[q]
            if self._speaker_for_pronoun(sc, quoted, tokens[next(i for i, x in enumerate(sc.quote_of) if x == q)]):
                actors = (self._quote_speaker(sc, quoted) or quoted.speaker,)
        clause_hi = min(hi, self._clause(tokens, c.first, c.last)[1])
        if bare:
            clause_hi = min(clause_hi, self._noun_phrase_end(tokens, c.last))
        equipment_kind = c.kind.startswith("EQUIPMENT_")
        plain = not equipment_kind and c.kind != STATEMENT
        if sx is not None and sx.targets and plain:
            targets = tuple(t for t in roles.names(list(sx.targets)) if t not in actors)  # the objects
        elif sx is not None and syntactic and sx.object_phrases and plain:
            targets = tuple(p for p in sx.object_phrases if p not in actors)  # the object, written as a phrase
            c.phrase_target = True
        else:
            # From the first trigger word: "approached X with a request" targets X.
            found = roles.target(c.first, clause_hi, set(ks), recipient_only=equipment_kind, quote=q, quote_of=mq)
            targets = roles.names([k for k in found if roles.in_clause(k, c.start, c.end, c.nominal)])
        if not targets and not equipment_kind and c.kind != STATEMENT:
            phrase = roles.target_phrase(c.last, clause_hi, tuple(actors))
            targets = (phrase,) if phrase else ()
            c.phrase_target = bool(phrase)
        swapped = False  # an agentless passive whose subject became the target
        if not syntactic and roles.is_passive(c.first):
            agent = roles.by_agent(c.last, hi)
            # a group noun after "by" only in a true passive ("has ordered patrols by police" is active)
            group = None if agent or not self._verbal_passive(tokens, c.first) else roles.by_group(c.last, hi)
            if agent:
                targets, actors = actors, roles.names(agent)
            elif group:
                targets, actors = actors, (group,)
            elif plain and not c.nominal and c.kind not in _MOVED_KINDS and self._verbal_passive(tokens, c.first):
                # "the protesters were rounded up", "the mayor was arrested": with no "by" agent the
                # subject of a passive is what the act was done to, not who did it
                targets, actors = tuple(dict.fromkeys((*actors, *targets))), ()
                swapped = True
        if self.language == "ru" and plain and not c.nominal and actors and _ru_short_passive(tokens[c.first].text):
            # "Бубнов был *задержан*", "мэр *арестован*": the subject of a short passive participle is
            # who the act was done to; the doer, when named, stands in the instrumental and is no subject
            targets, actors = tuple(dict.fromkeys((*actors, *targets))), ()
            swapped = True
        if not actors and plain and c.nominal and self.language == "en":
            # "the blockade of the port *by rebel militias*": a "by" phrase inside the event noun's
            # own phrase names its doer, as in a passive
            np_end = self._noun_phrase_end(tokens, c.last)
            agent = roles.by_agent(c.last, np_end)
            group = None if agent else roles.by_group(c.last, np_end)
            actors = roles.names(agent) if agent else ((group,) if group else actors)
        if not actors and plain and self.language == "en" and not swapped:
            # "fighting raged between Azerbaijani forces and Armenian troops", "talks between the
            # two envoys and the rebels": both sides of a reciprocal event are its actors
            actors = self._between_parties(roles, tokens, c.last, clause_hi)
        if not actors and stands_in:
            actors = (speaker,)
        if c.kind == STATEMENT and not ks and not common:
            sp = self._speaker(sc, roles, c)
            actors = (sp,) if sp else ()
        destination = c.kind.startswith("EQUIPMENT_") or c.kind in {"MOBILIZE", "REQUEST", "CONSULT"}
        place = roles.place(c.first, c.last, destination)

        barriers = {i for o in live if o is not c and not o.attribution for i in range(o.first, o.last + 1)}
        modality = modal.modality(c.first, c.last, c.kind, barriers) or "asserted"
        d, d_text = self._date(sc, c)
        if modality == "asserted" and d is None and self._future_ref(sc, c):
            modality = "planned"
        if modality == "asserted" and d and self.state.reported:
            full = resolve_year(d, self.state.reported)
            if full and full > self.state.reported and not d.startswith("XXXX"):
                modality = "planned"

        attributed, quote_index, reported_mod = self._attribution(sc, c, q, speaker, source, backref)
        outlets = [a for a in actors if a and c.kind != STATEMENT and self._media_named(sc, a)]
        if outlets:
            # "Телеграм-канал «Пул Первого» опубликовал фотографию макета «Орешника»", "Reuters
            # showed footage of the strike": an outlet or a channel that publishes what happened
            # reports the event, it does not act in it; it is the event's source (a quote's own
            # speaker, when there is one, stays the source).
            actors = tuple(a for a in actors if a not in outlets)
            if q is None:
                attributed, reported_mod = outlets[0], True
        if modality == "asserted" and reported_mod:
            modality = "reported"
        if c.natural:
            actors = ()
        targets = tuple(t for t in targets if t and t not in actors)
        kind = self._senses(tokens).kind(c.kind, c.first, tuple(actors), targets, last=c.last)
        return Event(
            kind=kind,
            start=c.start,
            end=c.end,
            sentence=sc.index,
            trigger=self.analysis.text[c.start : c.end],
            date=d,
            date_text=d_text,
            reported=self.state.reported.isoformat() if self.state.reported else None,
            actors=tuple(a for a in actors if a),
            targets=targets,
            equipment=tuple(c.equipment),
            place=place,
            modality=modality,
            attributed_to=attributed,
            quote_index=quote_index,
            id=f"ev-{sc.index}-{c.start}-{kind.lower()}",
        )

    def _between_parties(self, roles: RoleFinder, tokens: list[Token], last: int, hi: int) -> tuple[str, ...]:
        """The two sides named by "between A and B" after an event word, when each names an
        actor (a capitalised name or a group noun: "government troops", "Armenian forces"),
        not a span of time or space ("between 1990 and 1995", "between the river and the sea").
        """
        j = next((k for k in range(last + 1, hi) if tokens[k].lower == "between"), None)
        if j is None:
            return ()
        sides: list[str] = []
        start = j + 1
        for k in range(j + 1, hi + 1):
            at_end = (
                k == hi
                or tokens[k].text in _CLAUSE_BREAKS
                or tokens[k].text in _HARD_BREAKS
                or tokens[k].lower in self._prepositions
                # the clause's verb ends the second side ("between smugglers and border guards
                # *left* three people wounded")
                or tokens[k].lower in _AUXILIARIES
                or self._eventive(tokens[k])
                or self._word_in(tokens[k], _RESULT)
            )
            if k < hi and tokens[k].lower == "and" and not sides:
                sides.append(self._party(roles, tokens[start:k]))
                start = k + 1
            elif at_end:
                if sides:
                    sides.append(self._party(roles, tokens[start:k]))
                break
        return tuple(sides) if len(sides) == 2 and all(sides) else ()

    def _party(self, roles: RoleFinder, words: list[Token]) -> str:
        """The words of one side of "between A and B" without a leading determiner, or "" when
        they name no actor."""
        while words and words[0].lower in DETERMINERS:
            words = words[1:]
        if not words or len(words) > 6:
            return ""
        named = any(t.text[:1].isupper() and not calendar_word(t.text) for t in words) or any(
            roles.is_group(t.lower) for t in words
        )
        if any(calendar_word(t.text) or t.text[:1].isdigit() for t in words):
            return ""  # "between July and September", "between 1990 and 1995": a span of time
        return self.analysis.text[words[0].start : words[-1].end] if named else ""

    def _subject_phrases(self, roles: RoleFinder, phrases: tuple[str, ...]) -> tuple[str, ...]:
        """A subject with no name is an actor when it names a group that acts ("police",
        "Iraqi Kurds", "Thousands"), not when it is a thing ("the missile complex", "this move",
        "the Russian system")."""
        out = []
        for phrase in phrases:
            words = phrase.split()
            head = words[-1]
            if self._word_in(Token(head, 0, 0, head.lower(), head.lower()), self.generic_equipment):
                continue
            if in_words(head.lower(), roles.generic) or any(w[:1].isupper() for w in words):
                out.append(phrase)
        return tuple(out)

    def _date(self, sc: SentenceContext, c: Candidate) -> tuple[str | None, str | None]:
        times = self._statement_times(sc, c) if c.kind == STATEMENT else self._content_times(sc, c)
        times = self._own_times(sc, c, times)
        rel = relative_date(sc.text, sc.start, c.start, times, self.state.last_date, self.state.reported)
        if rel:
            return rel
        t = pick_time(times, c.start, c.end)
        if t is None:
            return None, None
        value = date_value(t.value)
        if value and self._present_state_apart(sc, c, t, value):
            return None, None
        return (value, t.text) if value else (None, None)

    def _senses(self, tokens: list[Token]) -> SenseRules:
        """The sense rules of the sentence ``tokens`` holds, one for all its events: what they
        find about the whole sentence is then worked out once (see ``SenseRules._sentence_has``)."""
        if self._senses_cache is None or self._senses_cache.tokens is not tokens:
            self._senses_cache = SenseRules(tokens, self.language)
        return self._senses_cache

    def _own_times(self, sc: SentenceContext, c: Candidate, times: list[TimeExpr]) -> list[TimeExpr]:
        """The time expressions not shut away from the trigger: not inside a relative clause set off
        by commas that does not hold the trigger ("Marsh, *who had led the college since 2021*,
        said she was stepping down": 2021 dates the leading, not the saying or the stepping down),
        nor inside what someone said when the trigger stands outside it ("thanked Marsh and said
        the rules would be reviewed *by the end of the year*")."""
        if not times or not self.analysis.text:
            return times
        around = self._shutting(sc)
        return [t for t in times if all(s <= c.start < e for s, e in around.get(t.start, ()))]

    def _shutting(self, sc: SentenceContext) -> dict[int, list[tuple[int, int]]]:
        """For each time expression's start in ``sc``, the relative asides and quotes that hold it
        (:meth:`_own_times`), worked out once per sentence.  Why: a sentence is asked once for each
        of its triggers, and scanning every aside and quote for every time again made a long
        sentence of triggers, asides and dates cubic."""
        if self._shut_cache is not None and self._shut_cache[0] is sc:
            return self._shut_cache[1]
        shut = [(sc.start + m.start(), sc.start + m.end()) for m in _RELATIVE_ASIDE.finditer(sc.text)]
        shut += [(q.start, q.end) for q in self.analysis.quotes if sc.start <= q.start < sc.end]
        around: dict[int, list[tuple[int, int]]] = {}
        if shut:
            for t in sc.times:
                held = [(s, e) for s, e in shut if s <= t.start < e]
                if held:
                    around[t.start] = held
        self._shut_cache = (sc, around)
        return around

    def _statement_times(self, sc: SentenceContext, c: Candidate) -> list[TimeExpr]:
        """The time expressions that may date a statement: not those inside what was said ("заявил,
        что бюджет *на следующий год* будет сбалансирован", "said work would start *in May*"),
        which date the reported matter, not the day the words were spoken."""
        k = self._statement_quote(sc, c)
        if k is None:
            return sc.times
        q = self.analysis.quotes[k]
        if q.start <= c.start < q.end:
            return sc.times
        return [t for t in sc.times if not (q.start <= t.start < q.end)]

    def _content_times(self, sc: SentenceContext, c: Candidate) -> list[TimeExpr]:
        """The time expressions that may date an event told inside what someone said: those inside
        the statement when it holds any ("said on Monday they would hold a protest *on Saturday*":
        Monday dates the saying, Saturday the protest). The mirror of :meth:`_statement_times`."""
        q = next((q for q in self.analysis.quotes if sc.start <= q.start < sc.end and q.start <= c.start < q.end), None)
        if q is None:
            return sc.times
        inside = [t for t in sc.times if q.start <= t.start < q.end]
        return inside or sc.times

    def _present_state_apart(self, sc: SentenceContext, c: Candidate, t: TimeExpr, value: str) -> bool:
        """Whether a past time expression lies outside the comma stretch of a trigger in the
        present tense ("Contrary to statements from Minsk *last week*, the complex *is not* en
        route"): the expression dates another phrase, and the present state is the report's own
        day, so the event takes no date of its own (the timeline shows it at its report)."""
        if self.language != "en" or self.state.reported is None:
            return False
        span = interval(value)
        if span is None or span[1].date() > self.state.reported:
            return False  # not wholly before the report (or unknown): it may date the state
        tokens = sc.tokens
        lo, hi = self._clause(tokens, c.first, c.last)
        if tokens[lo].start <= t.start < tokens[hi - 1].end:
            return False
        before = [tk.lower for tk in tokens[max(lo, c.first - 3) : c.first]]
        return any(w in _PRESENT_BE for w in before)

    def _future_ref(self, sc: SentenceContext, c: Candidate) -> bool:
        t = pick_time(sc.times, c.start, c.end)
        return t is not None and t.value == "FUTURE_REF"

    def _attribution(
        self,
        sc: SentenceContext,
        c: Candidate,
        q: int | None,
        speaker: str | None,
        source: str | None,
        backref: str | None,
    ) -> tuple[str | None, int | None, bool]:
        """``(attributed_to, quote_index, reported?)`` for a candidate."""
        outlet = self.state.outlet
        if c.kind == STATEMENT:
            # Who made the statement is its quote's speaker; an outside source ("according to
            # BelTA") is who reports it.  Only without either does the outlet stand for it.
            k = self._statement_quote(sc, c)
            said_by = self._quote_speaker(sc, self.analysis.quotes[k]) if k is not None else None
            return source or said_by or outlet, k, bool(source)
        if q is not None:
            quote: Quote = self.analysis.quotes[q]
            # a quotation with no speaker of its own: the closing attribution's ("..., передает БелТА")
            return quote.speaker or speaker or outlet, q, True
        if source:
            return source, None, True
        if speaker:
            return speaker, self._speaker_quote(sc, speaker), True
        if backref:
            return backref, None, True
        return outlet, None, False

    @staticmethod
    def _quote_speaker(sc: SentenceContext, quote: Quote) -> str | None:
        """The quote's speaker as its entity's canonical name when a mention covers it ("Хренин"
        is *Victor Khrenin*), so that reports in two languages name one speaker alike.  Of the
        names in a source phrase ("Harbor Freight chief executive Maria Delgado") the one the quote
        stage resolved the speaker to wins, else a person: the company is only the title's."""
        if quote.speaker_start is not None:
            end = quote.speaker_end or 0
            inside = [
                m for m in sc.mentions if m.start <= quote.speaker_start < m.end or quote.speaker_start <= m.start < end
            ]
            pick = next((m for m in inside if m.entity == quote.speaker), None)
            pick = pick or next((m for m in inside if m.kind == "person"), None)
            if pick is None and quote.speaker_id is None and quote.speaker:
                return quote.speaker  # "California Attorney General's office": a body, not the state in it
            pick = pick or (inside[0] if inside else None)
            if pick is not None:
                return pick.entity
        return quote.speaker

    def _in_title(self, start: int, end: int, lo: int, hi: int) -> bool:
        """Whether a name at ``[start, end)`` is part of a speaker's phrase ``[lo, hi)`` or of the
        title right before it ("Harbor Freight chief executive | Maria Delgado": up to four
        words, no punctuation between)."""
        if lo <= start < hi:
            return True
        gap = self.analysis.text[end:lo]
        # "«Зенита» Сергей Семак", "Coastal Rail's chief executive, Thomas Whitfield"
        return end <= lo and _TITLE_GAP.fullmatch(gap) is not None and len(gap.split()) <= 4

    def _statement_actors(self, sc: SentenceContext, actors: tuple[str | None, ...], quote: Quote) -> tuple[str, ...]:
        """The actors of a statement checked against its quote: a name from inside what was said
        ("В МИД подчеркнули, что *Москва* не планирует …") or a name that only qualifies the
        speaker's title ("*U.S.* District Judge Elena Marquez wrote") is not who made the
        statement; the quote's speaker is."""
        said_by = self._quote_speaker(sc, quote)
        text = self.analysis.text
        lo, hi = quote.speaker_start, quote.speaker_end
        person = said_by is not None and any(m.entity == said_by and m.kind == "person" for m in sc.mentions)
        # a source phrase the quote stage kept as written ("California Attorney General's office")
        person = person or (said_by is not None and quote.speaker_id is None and said_by == quote.speaker)
        out: list[str] = []
        titles: list[str] = []  # names dropped only as the title's: kept when no speaker is known
        for a in actors:
            if not a:
                continue
            spots = [(m.start, m.end) for m in sc.mentions if m.entity == a]
            if not spots:  # a common noun ("Жители"): where the sentence writes it
                at = text.find(a, sc.start, sc.end)
                spots = [(at, at + len(a))] if at >= 0 else []
            in_content = bool(spots) and all(quote.start <= s < quote.end for s, _ in spots)
            in_title = (
                person and a != said_by and lo is not None and bool(spots)
                and all(self._in_title(s, e, lo, hi or lo) for s, e in spots)
            )
            if in_title and not in_content:
                titles.append(a)
            if in_content or in_title:
                continue
            if (
                said_by is not None and quote.speaker_id is not None and a != said_by and lo is not None
                and bool(spots) and all(lo <= s and e <= (hi or lo) for s, e in spots)
            ):
                a = said_by  # "the company" of "…, the company said", which the quote stage resolved
            out.append(a)
        if not out and (said_by or quote.via):
            out.append(said_by or quote.via or "")  # a press service that published it, failing a speaker
        return tuple(dict.fromkeys(out or titles))

    def _statement_quote(self, sc: SentenceContext, c: Candidate) -> int | None:
        """The quote a statement trigger introduces (its cue, or a quote of
        the same sentence)."""
        best = None
        for k, q in enumerate(self.analysis.quotes):
            if q.start >= sc.end or q.end <= sc.start:
                continue
            if q.speaker_start is not None and abs(q.speaker_start - c.start) < 80:
                return k
            best = k if best is None else best
        return best

    def _speaker_quote(self, sc: SentenceContext, speaker: str) -> int | None:
        for k, q in enumerate(self.analysis.quotes):
            if sc.start <= q.start < sc.end and q.speaker == speaker:
                return k
        return None

    @staticmethod
    def _dedupe(events: list[Event]) -> list[Event]:
        """One event per kind and equipment in a sentence: the one with the
        most roles filled (ties: the first)."""
        best: dict[tuple[str, tuple[str, ...]], Event] = {}
        order: list[tuple[str, tuple[str, ...]]] = []
        for ev in events:
            key = (ev.kind, ev.equipment)
            score = len(ev.actors) + len(ev.targets) + bool(ev.place) + bool(ev.date)
            if key not in best:
                best[key] = ev
                order.append(key)
            else:
                old = best[key]
                if score > len(old.actors) + len(old.targets) + bool(old.place) + bool(old.date):
                    best[key] = ev
        return [best[k] for k in order]
