"""Direct and reported speech of one article, with speakers, cues, dates and source chains.

The order of the passes matters and is why this is one module:

1. quoted spans are paired and classified (speech / fragment / name);
2. reporting cues are found with the lexicon (cues inside quoted speech are
   the speaker's own words and are ignored);
3. each quoted span looks for a cue right after it (``“…,” X said``) or
   right before it (``X said: “…”``, ``X stated that ‘…’``);
4. the remaining cues make indirect speech, their content being the clause
   after the cue or the part of the sentence before it;
5. secondary cues in the same sentence become the ``via`` of a statement
   (``according to BelTA``) or, for ``citing X``, make X the speaker;
6. speech quotes still without a speaker inherit the previous quote's when
   they follow it in the same or the next paragraph (news convention).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from dossier.analyze.attribution import russian
from dossier.analyze.attribution.lexicon import Lexicon
from dossier.analyze.attribution.marks import SPEECH_MIN_WORDS, QuotedSpan, quoted_spans
from dossier.analyze.attribution.speakers import (
    Speaker,
    left_phrase,
    name_gender,
    phrase_ok,
    relay_head,
    resolve,
    right_phrase,
    sentence_subject,
)
from dossier.analyze.attribution.text import (
    DASHES,
    DETERMINERS,
    NP_STOP,
    PRONOUNS,
    QUOTE_CHARS,
    RELATIVES,
    Tok,
    count_words,
    is_clause_word,
    paragraph_bounds,
    tokenize,
    words,
)
from dossier.analyze.attribution.view import Cue, DocView
from dossier.model import Mention, Quote, TimeExpr

_CONTENT_MARKERS = frozenset({"that", "что", ":", "чтобы"} | set(QUOTE_CHARS))
_SUBJECT_PRONOUNS = words("he she they it we i you who он она они мы я вы")
_AUX = words("has have had will would did does do to also has been is are was were")
#: Finite auxiliaries: "that" right before one is a pronoun subject, not a complementiser.
_AUX_VERBS = words("is was are were has had have will would can could should may might must does did")
_PASSIVE_AUX = words("was were is are been be being")
_AS = frozenset({"as", "как"})
#: Determiners before which a past participle is an adjective ("the alleged shooter").
_ADJ_DETERMINERS = words("the a an this these those its their his her our my your")
#: A negation or refusal right before a cue, past auxiliaries and a few adverbs.
_NEGATED_EN = re.compile(
    r"(?:\bnot|n't|\bnever|\bwithout|\b(?:declined|declines|decline|declining|refused|refuses|refuse|refusing"
    r"|failed|fails|unable|reluctant)\s+to)\s+(?:(?:immediately|yet|publicly|officially|directly|specifically"
    r"|explicitly|even|ever|also|be|been|have|has|had|to)\s+)*$",
    re.IGNORECASE,
)
#: Words before which a cue's noun homograph is the noun ("on reports that", "the claims that").
_NOUN_LEADERS = words(
    "on of about amid despite over following after against with from for in into the a an his her its their "
    "our these those such recent new earlier latest previous media press unconfirmed"
)
_NEGATED_RU = re.compile(r"(?<![\w-])(?:не|ни)\s+$", re.IGNORECASE)
_ABOUT_THIS = re.compile(r"^\s*(?:об\s+этом|о\s+том|this\s+was|that\s+was|this\s+is)\b", re.IGNORECASE)
_MIN_WORDS = 3
#: Subject pronouns that open a reported clause of their own ("saying *it* was reckless").
_SUBJECT_OPENERS = frozenset({"he", "she", "it", "they", "we", "i", "you"})
#: How many words after a bare ``say`` cue may come before the verb of its content ("say the
#: program, run by the Department of Homeland Security, has brought …").
_CLAUSE_REACH = 16
#: How far (tokens) after a cue a "that" may open the content ("told reporters on Friday that").
_THAT_REACH = 12
#: How far before an opening quote mark its cue and speaker are looked for (characters): bounds
#: the work per quote on a text that is one endless sentence.
_LOOKBACK = 1000


@dataclass(slots=True)
class Found:
    """A statement being assembled."""

    start: int
    end: int
    direct: bool
    cue: Cue | None = None
    cue_text: str | None = None
    speaker: Speaker | None = None
    via: str | None = None
    #: where an outlet that relays the statement is named, when it is the only source named here
    via_span: tuple[int, int] | None = None
    region: tuple[int, int] = (0, 0)  # where the attribution clause lies (for dates)
    span: QuotedSpan | None = None
    used: set[int] = field(default_factory=set)


def find_cues(view: DocView) -> list[Cue]:
    """Reporting cues outside quoted speech and names, with noun homographs filtered."""
    out: list[Cue] = []
    blocked = sorted((s.start, s.end) for s in view.spans if s.kind in ("speech", "name"))
    starts = [b[0] for b in blocked]
    for start, end, form in view.lexicon.finditer(view.text):
        k = bisect.bisect_right(starts, start) - 1
        if k >= 0 and end <= blocked[k][1]:
            continue
        if form.homograph and not _homograph_ok(view, start, end):
            continue
        if form.form.endswith("ed") and " " not in form.form and _after_determiner(view.text, start):
            continue  # "the alleged shooter", "an announced plan": an adjective, no cue
        if _negated(view, start):
            continue  # "did not immediately comment", "declined to say when", "не уточнил": nothing said
        if _inside_name(view, start, end):
            continue  # "the Pacific Tsunami Warning Center said": "Warning" is part of a name
        out.append(Cue(start, end, view.text[start:end], form))
    return out


def _negated(view: DocView, start: int) -> bool:
    """Whether the cue at ``start`` is negated or refused ("has not commented on reports that …",
    "declined to say when …", "left without saying where …", "Песков не уточнил, когда …"): a
    report that someone did not say something is no statement of theirs."""
    before = view.text[max(0, start - 60) : start]
    rx = _NEGATED_RU if view.language == "ru" else _NEGATED_EN
    return rx.search(before) is not None


def _inside_name(view: DocView, start: int, end: int) -> bool:
    """Whether a capitalised cue word lies inside a longer name the entity stage found ("Tsunami
    *Warning* Center", "Baltic *Report*"): a word of that name, never a verb of saying."""
    if not view.text[start : start + 1].isupper():
        return False
    width = end - start
    return any(m.start <= start and end <= m.end and m.end - m.start > width for m in view.mentions_in(start, end))


def _after_determiner(text: str, start: int) -> bool:
    before = re.search(r"(\w+)\s+$", text[max(0, start - 20) : start])
    return bool(before and before.group(1).lower() in _ADJ_DETERMINERS)


def _homograph_ok(view: DocView, start: int, end: int) -> bool:
    lead = re.search(r"(\w+)\s+$", view.text[max(0, start - 20) : start])
    if lead and lead.group(1).lower() in _NOUN_LEADERS:
        return False  # "commented on reports that …", "the claims that …": the noun, not the verb
    if re.search(r"\w['’]s?\s+$", view.text[max(0, start - 20) : start]) and view.text[end:].lstrip()[:1] == ":":
        return False  # "Editor’s note: …": a heading of the writer's (but "Trump’s claim that …" reports)
    if view.text[end : end + 2] in ("'s", "’s"):
        return False  # "the city state's output": a possessive noun, its mark no quote
    after = view.text[end : end + 12].lstrip()
    nxt = re.match(r"\w+|\S", after)
    if nxt and nxt.group().lower() in _CONTENT_MARKERS:
        return True
    before = re.search(r"(\w+)\W*$", view.text[max(0, start - 20) : start])
    return bool(before and before.group(1).lower() in _SUBJECT_PRONOUNS | _AUX)


def _tok_end(tok: Tok) -> int:
    return tok.end


def _cue_index(toks: list[Tok], cue: Cue) -> tuple[int, int]:
    first = bisect.bisect_right(toks, cue.start, key=_tok_end)  # the first token ending past the cue's start
    if first >= len(toks):
        raise StopIteration  # as the scan it replaces did: the cue is not in these tokens
    last = first
    while last + 1 < len(toks) and toks[last + 1].start < cue.end:
        last += 1
    return first, last


class Extractor:
    """Runs the passes over one :class:`DocView`."""

    def __init__(self, view: DocView) -> None:
        self.view = view
        self.text = view.text
        self.cues = find_cues(view)
        self._cue_starts = [c.start for c in self.cues]
        self._cues_sorted = all(a <= b for a, b in zip(self._cue_starts, self._cue_starts[1:], strict=False))
        self.used: set[int] = set()  # cue starts already used
        #: verbs of characterisation already given a speaker ("called him “a fraud” and “a liar”")
        self._characterizers: dict[int, Speaker | None] = {}
        self._person_names = {m.entity for m in view.mentions if m.kind == "person" and m.entity}
        self.found: list[Found] = []

    # helpers ----------------------------------------------------------------------------
    def _cues_starting(self, start: int, end: int) -> list[Cue]:
        """The cues starting in ``[start, end)``, in order (by bisection: scanning every cue for
        each quote or cue was quadratic on a text made of quotes and cues)."""
        if not self._cues_sorted:
            return [c for c in self.cues if start <= c.start < end]
        lo, hi = bisect.bisect_left(self._cue_starts, start), bisect.bisect_left(self._cue_starts, end)
        return self.cues[lo:hi]

    def _cues_within(self, start: int, end: int) -> list[Cue]:
        """The cues lying wholly in ``[start, end)``, in order."""
        return [c for c in self._cues_starting(start, end) if c.end <= end]

    def _sent_tokens(self, offset: int) -> tuple[int, list[Tok]]:
        idx = self.view.sentence_index(offset)
        return idx, self.view.tokens(idx)

    def _speaker_for(self, cue: Cue, toks: list[Tok], *, prefer_right: bool = False) -> Speaker | None:
        """Subject of the cue: before it, or after it in inversion ("said Ryzhenkov")."""
        view = self.view
        i, last = _cue_index(toks, cue)
        if cue.form.kind in ("according", "citing"):
            inner = next((k for k in range(i, last + 1) if toks[k].lower in PRONOUNS), None)
            if inner is not None:  # "по его словам": the pronoun is inside the cue
                return resolve(view, toks, (inner, inner))
            return resolve(view, toks, right_phrase(view, toks, last + 1))
        prev = self._prev_word(toks, i)
        if prev is not None and toks[prev].lower in _AS:
            return self._agent(toks, last) or resolve(view, toks, right_phrase(view, toks, last + 1))
        if cue.form.participle and (prev is None or not toks[prev].is_word or prev < i - 1):
            # "Dean, a medical doctor, then appeared … saying": the subject with its appositive
            return self._with_appositive(resolve(view, toks, sentence_subject(view, toks, cue.start)), toks, cue.start)
        lp = None if prefer_right else left_phrase(view, toks, i)
        if lp is not None:
            passive = any(toks[k].lower in _PASSIVE_AUX for k in range(lp[1] + 1, i))
            if passive and cue.form.kind != "passive":
                if self._as_saying(toks, last) and toks[lp[0]].lower != "it":
                    return resolve(view, toks, lp)  # "X has been reported as saying": X speaks
                return self._agent(toks, last)
            words = [t.lower for t in toks[lp[0] : lp[1] + 1]]
            if words == ["it"] and passive:
                return None
            sp = resolve(view, toks, lp)
            return self._joint(sp, toks, lp) if sp is not None else self._conjoined(toks, lp)
        coord = prev
        while coord is not None and coord > 0 and toks[coord].is_word and toks[coord].lower.endswith("ly"):
            coord -= 1  # "… and repeatedly says"
        if coord is not None and toks[coord].lower in _COORD:
            # "Authorities announced an arrest and said …": the subject of the first verb speaks.
            subj = resolve(view, toks, sentence_subject(view, toks, toks[coord].start))
            return self._with_appositive(subj, toks, toks[coord].start)
        if (
            view.language == "ru" and cue.text.lower().endswith("ли") and last + 2 < len(toks)
            and toks[last + 1].lower in ("в", "во")
        ):
            # "…, сообщили в МЧС": an impersonal plural with "в" and a body names that body as the
            # source (its people said it), not a place where something was said
            body = right_phrase(view, toks, last + 2)
            inside = resolve(view, toks, body) if body is not None else None
            if inside is not None and any(
                m.kind == "org" and m.start < inside.end and inside.start < m.end
                for m in view.mentions_in(inside.start, inside.end)
            ):
                return inside
        rp = right_phrase(view, toks, last + 1)
        if rp is not None and toks[rp[0]].lower in ("that", "что"):
            rp = None
        if rp is not None and rp[1] + 1 < len(toks):
            nxt = toks[rp[1] + 1]
            if nxt.lower == "to" or (nxt.is_word and is_clause_word(nxt.text, view.language)):
                rp = None  # "said the candidate tended to …", "asked Putin to …": not a speaker
        if cue.form.participle or cue.form.lemma == "tell":
            rp = None  # "before asking her", "told reporters": the phrase after is the addressee
        right = resolve(view, toks, rp)
        if right is not None and right.start > cue.start:
            right = self._with_appositive(right, toks, toks[-1].end, closed=False)  # "said X, a professor at Y"
        if right is None and cue.form.participle:
            return resolve(view, toks, sentence_subject(view, toks, cue.start))
        if right is None and not prefer_right:
            appositive = self._appositive_subject(toks, i)
            if appositive is not None:
                sp = self._with_appositive(resolve(view, toks, appositive), toks, cue.start)
                return self._titled(sp, toks, appositive)
        return right

    def _joint(self, sp: Speaker, toks: list[Tok], rng: tuple[int, int]) -> Speaker:
        """ "Mr. Grassley and Mr. Leahy said", "Federal and state officials said": the phrase next
        to the cue is the second of two that open the clause together, so both speak. The source
        is the whole phrase as written, with no entity: crediting the second name alone would
        give one person words said jointly."""
        k = rng[0] - 1
        if k <= 0 or toks[k].lower not in ("and", "и"):
            return sp
        first = left_phrase(self.view, toks, k)
        if first is None or first[1] != k - 1:
            return sp
        opens = self._opens_clause(toks, first[0]) or toks[first[0] - 1].text in ",;:" + DASHES
        if not opens or resolve(self.view, toks, first) is None:
            return sp
        words_ = [t for t in toks[first[0] : first[1] + 1] if t.is_word]
        caps = [n for n, t in enumerate(words_) if t.is_cap]
        if caps and any(
            not t.is_cap and t.lower not in _NAME_GLUE and caps[0] < n < caps[-1] for n, t in enumerate(words_)
        ):
            return sp  # "Rosneft now owns Yugansk and Russia said": a clause, not a phrase of names
        start, end = toks[first[0]].start, sp.end
        return Speaker(start, end, self.text[start:end], None)

    def _conjoined(self, toks: list[Tok], rng: tuple[int, int]) -> Speaker | None:
        """ "Experts on North Korea and nuclear nonproliferation said": the phrase next to the cue is
        the second of two conjoined ones and names no speaker itself; the first one does."""
        k = rng[0] - 1
        if k <= 0 or toks[k].lower not in ("and", "or", "и", "или"):
            return None
        first = left_phrase(self.view, toks, k)
        sp = resolve(self.view, toks, first) if first is not None else None
        if sp is None or first is None or toks[first[0]].lower in PRONOUNS:
            return None
        return Speaker(sp.start, toks[rng[1]].end, sp.name, sp.entity_id)

    def _with_appositive(
        self, sp: Speaker | None, toks: list[Tok], limit: int, *, closed: bool = True
    ) -> Speaker | None:
        """The source phrase widened over the appositive right after it ("Megan Hester, senior
        associate at the Annenberg Institute, said"; "said Victor Cha, a Korea scholar at the
        Center"): the first one only, up to the next comma or dash (``closed``: one must come
        before ``limit``, else the end of the sentence will do), holding no verb outside a
        relative clause ("a historian who attended the session")."""
        if sp is None:
            return None
        k = next((n for n, t in enumerate(toks) if t.start >= sp.end), None)
        if k is None or toks[k].text not in ",-" + DASHES or k + 1 >= len(toks) or not self._np_start(toks[k + 1]):
            return sp
        j = k + 1
        relative = False
        while j < len(toks) and toks[j].start < limit and toks[j].text not in ",-" + DASHES + ".;:!?()[]":
            relative = relative or toks[j].lower in RELATIVES
            if not relative and toks[j].is_word and is_clause_word(toks[j].text, self.view.language):
                return sp
            if toks[j].text in QUOTE_CHARS:
                return sp
            j += 1
        if j == k + 1 or (closed and (j >= len(toks) or toks[j].start >= limit or toks[j].text not in ",-" + DASHES)):
            return sp
        return Speaker(sp.start, toks[j - 1].end, sp.name, sp.entity_id)

    def _np_start(self, tok: Tok) -> bool:
        """Whether ``tok`` can open an appositive: a noun phrase ("a professor", "president of")
        or a relative clause ("who runs …"), not a participle ("adding that", "отвечая на вопрос")."""
        low = tok.lower
        if not tok.is_word or self.view.lexicon.lookup(tok.text) is not None:
            return False
        if low in RELATIVES or low in DETERMINERS or tok.is_cap:
            return True
        if low in NP_STOP:
            return False  # "Brexit, for example": no appositive
        if self.view.language == "ru":
            return not low.endswith(("я", "в", "вши", "вшись"))
        return not low.endswith("ing")

    def _appositive_subject(self, toks: list[Tok], i: int) -> tuple[int, int] | None:
        """The subject opening the sentence when an appositive stands between it and the cue at
        ``toks[i]``: "Douglas Brinkley, a historian who attended the session, recalled",
        "Kall -- co-editor of a book on the debates -- said" (no finite verb in the appositive,
        relative clauses aside)."""
        view = self.view
        prev = i - 1
        if prev <= 0 or toks[prev].text not in ",-" + DASHES:
            return None
        head = _RELATIVE_RE.sub("", self.text[toks[0].start : toks[prev].start])
        if _has_clause(head, view.language):
            return None
        subj = sentence_subject(view, toks, toks[i].start)
        named = self._name_in_apposition(toks, subj, toks[i].start) if subj is not None else None
        if named is not None and named[1] + 1 == prev:
            return named  # "Pellham's head of quality, Dr. Susan Okafor, said": the name speaks
        if subj is not None and subj[1] + 1 == prev and self._lead_of_name(toks, subj) is not None:
            return subj  # "Another critic, Laurence H. Tribe, likened …": the name speaks
        if view.language == "ru" and subj is not None and _ru_asides_only(toks, subj, prev):
            return subj  # "Глава МИД Мария Захарова, выступая на брифинге, назвала …"
        if subj is None or not self._opens_clause(toks, subj[0]) or subj[1] + 1 >= prev:
            return None
        return subj if toks[subj[1] + 1].text in ",-" + DASHES else None

    def _name_in_apposition(self, toks: list[Tok], subj: tuple[int, int], limit: int) -> tuple[int, int] | None:
        """The person named between commas right after a subject that describes them ("Coastal
        Rail's chief executive, Thomas Whitfield, said"; "Наставник команды, Иван Петров, заявил"):
        the name is the speaker, the phrase before it only their title. ``None`` otherwise."""
        c = subj[1] + 1
        if c + 1 >= len(toks) or toks[c].text != ",":
            return None
        if not any(t.is_word and not t.is_cap for t in toks[subj[0] : c]):
            return None  # "Ortega, Blum, said": two names, neither the other's title
        reach = toks[min(len(toks) - 1, c + 3)].end  # past a title: "Dr. Susan Okafor", "Sen. X"
        for m in self.view.mentions_in(toks[c + 1].start, reach):
            if m.kind != "person" or m.start < toks[c + 1].start:
                continue
            lead = [t for t in toks[c + 1 :] if t.end <= m.start]
            if not all(t.is_cap or t.text == "." for t in lead):
                continue
            end = next((n for n in range(c + 1, len(toks)) if toks[n].end >= m.end), None)
            if end is not None and end + 1 < len(toks) and toks[end + 1].text == "," and toks[end + 1].end <= limit:
                return c + 1 + len(lead), end
        return None

    def _titled(self, sp: Speaker | None, toks: list[Tok], subj: tuple[int, int]) -> Speaker | None:
        """The source span widened back over the title phrase that opens the sentence before the
        name (:meth:`_lead_of_name`), the speaker still the name's entity."""
        lead = self._lead_of_name(toks, subj) if sp is not None else None
        if sp is None or lead is None or toks[lead].start >= sp.start:
            return sp
        return Speaker(toks[lead].start, sp.end, sp.name, sp.entity_id)

    def _lead_of_name(self, toks: list[Tok], subj: tuple[int, int]) -> int | None:
        """Index of a noun phrase for people that opens the sentence before the name ``subj``
        with a comma between ("Another critic, Laurence H. Tribe, likened", "The director of the
        film, Vinod Pande, said"): the name is the speaker and the phrase its title, part of
        the source as written. ``None`` when the sentence does not open so."""
        comma = next((n for n, t in enumerate(toks) if t.text == ","), None)
        if comma is None or not comma < subj[0] <= comma + 3:
            return None
        if not all(t.is_cap for t in toks[comma + 1 : subj[0] + 1]):
            return None
        lead = left_phrase(self.view, toks, comma)
        if lead is not None and lead[0] == 1 and toks[0].lower in _ADJ_DETERMINERS:
            lead = (0, lead[1])
        if lead is None or not self._opens_clause(toks, lead[0]):
            return None
        words_ = toks[lead[0] : lead[1] + 1]
        if any(t.is_cap for t in words_[1:]):
            return None  # a name opening the sentence ("Smith, Jones, said") is no title
        if not phrase_ok(self.view, words_, self.view.mentions_in(words_[0].start, words_[-1].end)):
            return None
        return lead[0]

    def _agent(self, toks: list[Tok], last: int) -> Speaker | None:
        """The ``by`` agent of a passive cue ("revealed in a photograph shared by X")."""
        for k in range(last + 1, min(len(toks), last + 12)):
            if toks[k].lower in ("by", "от"):
                return resolve(self.view, toks, right_phrase(self.view, toks, k + 1))
            if toks[k].text in ".;:!?":
                break
        return None

    @staticmethod
    def _prev_word(toks: list[Tok], i: int) -> int | None:
        j = i - 1
        while j >= 0 and toks[j].is_word and toks[j].lower in _AUX - {"to"}:
            j -= 1
        return j if j >= 0 else None

    # pass 3: direct quotes ---------------------------------------------------------------
    def direct(self) -> None:
        for span in self.view.spans:
            if span.kind == "name" and self._named_thing(span):
                continue  # "учения «Запад-2025»", "the operation, dubbed “Spider's Web”": a name, no quote
            if span.kind in ("speech", "dash") or span.kind in ("fragment", "name"):
                inside = self.view.language == "en" and self._inside_clause_en(span)
                got = (None if inside else self._post(span)) or self._pre(span)
                if got is None and inside:
                    continue  # words quoted inside a clause: part of that clause, no statement of their own
                if got is None and (span.kind == "speech" or (span.kind == "dash" and self._dash_follow(span))):
                    got = Found(span.start, span.end, True, span=span, region=(span.open_at, span.close_end))
                if got is not None:
                    self.found.append(got)

    def _named_thing(self, span: QuotedSpan) -> bool:
        """Whether a quoted name is used inside its clause (after a word such as "exercise",
        "учений", "dubbed"), which makes it the name of a thing, not someone's words: a quote
        opens its clause (sentence start, a colon or a dash before it)."""
        if span.title:
            return True  # a Russian title (``russian.mark_titles``)
        s_start = self.view.sentences[self.view.sentence_index(span.open_at)][0]
        before = self.text[s_start : span.open_at].rstrip()
        if not before:
            return False
        prev = before[-1]
        return prev.isalnum() or (prev == "," and bool(_NAMING_WORD.search(before)))

    def _inside_clause_en(self, span: QuotedSpan) -> bool:
        """Whether quoted words stand inside a clause of the writer's (a word of the same sentence
        right before the mark, and that word no cue and no "that"): scare quotes and partial quotes
        ("the engine \"exploded\"", "The \"myth that ageing is a barrier\" needs to be
        \"exploded\", the minister said", "conceded that Rochus \"played too well,\" and added").
        They are no statement of their own: a cue after them attributes the whole clause (found as
        reported speech, the quoted words inside), and with no cue nobody said them."""
        s_start = self.view.sentence_span(span.open_at)[0]
        before = self.text[s_start : span.open_at].rstrip()
        if not before or not before[-1].isalnum():
            return False
        word = re.search(r"(\w+)$", before)
        w = word.group(1) if word else ""
        long = count_words(self.text[span.start : span.end]) >= SPEECH_MIN_WORDS
        if span.kind == "speech" and (w.lower() in _CLAUSE_CONJ_EN or long):
            # "because “we lost two donors,” she said": the quote opens a clause of its own; a long
            # quote inside a clause is still someone's words
            return False
        return w.lower() not in ("that", "said", "says") and self.view.lexicon.lookup(w) is None

    def _comma_before_source_en(self, s_start: int, cut: int, default: int) -> int:
        """ "…, the work and pensions minister has said.": the source phrase found next to the cue
        ("pensions minister", "family" for "his family") may be only the end of a longer one cut at
        "and", "of" or a determiner; when a comma
        stands at most five words before it with no verb, relative word or conjunction in between,
        the content ends at that comma."""
        comma = self.text.rfind(",", s_start, cut)
        if comma < 0:
            return default
        gap = self.text[comma + 1 : cut]
        if count_words(gap) > 5 or _has_clause(gap, "en") or any(c in gap for c in QUOTE_CHARS):
            return default
        gap_words = gap.lower().split()
        if not gap_words or (gap_words[-1] not in ("and", "of", "&") and not all(w in DETERMINERS for w in gap_words)):
            return default  # the phrase was cut at a joining word, or it is a phrase of its own ("a charge")
        if any(w in RELATIVES or (w in NP_STOP and w not in ("and", "of")) for w in gap_words):
            return default  # "…, which it says", "…, but it has been expected": a clause, not a longer source
        return comma + 1

    def _dash_follow(self, span: QuotedSpan) -> bool:
        """A dash segment after the author's words (``— …, — заявил он. — …``) continues the speech."""
        p_start, _ = paragraph_bounds(self.text, span.start)
        return self.text[p_start : span.open_at].strip()[:1] in DASHES

    def _post(self, span: QuotedSpan) -> Found | None:
        """``“…,” X said`` / ``«…», — заявил X`` / ``“…!” said X``."""
        text = self.text
        _, p_end = paragraph_bounds(text, span.close_end)
        after = text[span.close_end : min(p_end, span.close_end + 160)]
        m = re.match(r"[\s,]*[" + DASHES + r"-]?\s*", after)
        lead = after[: m.end()] if m else ""
        content = text[span.start : span.end].rstrip()
        soft = (bool(content) and content[-1] in ",!?…") or "," in lead or any(d in lead for d in DASHES)
        cue = next(iter(self._cues_starting(span.close_end, span.close_end + len(after))), None)
        if cue is None or cue.start in self.used:
            return None
        between = text[span.close_end + len(lead) : cue.start]
        # "Mr. Obama said", "Sen. Claire McCaskill (D-Mo.) said": abbreviation points end no sentence
        plain = _APOSTROPHE_RE.sub("", _ABBREV_RE.sub("", between))  # "Obama's former strategist said"
        # "Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said": a name
        # with appositives (no finite verb in them) may be longer
        long = len(between.split()) > 6
        appositive = (
            long and soft and "," in between and not _has_clause(_RELATIVE_RE.sub("", between), self.view.language)
        )
        if re.search(r"[.!?;:" + re.escape(QUOTE_CHARS) + "]", plain) or (long and not appositive):
            return None
        if cue.form.kind in ("according", "passive") and between.strip():
            return None
        if any(w.lower() in _NEW_CLAUSE for w in between.split()):
            return None  # "“…,” but stopped short of calling …": a new clause, not this quote's attribution
        idx, toks = self._sent_tokens(cue.start)
        if not soft:
            # "“We will win.” Smith said." only when the attribution is the whole next sentence.
            tail = text[cue.end : self.view.sentences[idx][1]]
            if len(tail.split()) > 4 or (
                between.strip()
                and between.strip()[0].isupper() is False
                and between.strip().split()[0].lower() not in PRONOUNS
            ):
                return None
        if span.kind in ("name", "fragment") and not soft:
            return None
        speaker = self._speaker_for(cue, toks, prefer_right=not between.strip())
        if appositive:
            named_at = span.close_end + len(lead)
            comma = next((k for k, t in enumerate(toks) if t.start >= named_at and t.text == ","), None)
            lead_np = left_phrase(self.view, toks, comma) if comma else None
            named = self._name_in_apposition(toks, lead_np, cue.start) if lead_np else None
            if named is not None:
                # "“…,” Pellham's head of quality, Dr. Susan Okafor, said": the name speaks
                speaker = resolve(self.view, toks, named)
            else:
                first = resolve(self.view, toks, lead_np) if lead_np else None
                speaker = self._with_appositive(first, toks, cue.start)
        self.used.add(cue.start)
        end = self.view.sentences[idx][1]
        return Found(
            span.start, span.end, True, cue=cue, speaker=speaker, span=span, region=(span.close_end, max(end, cue.end))
        )

    def _pre(self, span: QuotedSpan) -> Found | None:
        """``X said: “…”`` / ``X said, “…”`` / ``X stated that ‘…’`` / ``Лукашенко: «…»``."""
        text = self.text
        p_start, _ = paragraph_bounds(text, span.open_at)
        s_start, _ = self.view.sentence_span(span.open_at)
        lo = max(p_start, s_start if s_start < span.open_at else p_start, span.open_at - _LOOKBACK)
        across = not text[p_start : span.open_at].strip() and text[:p_start].rstrip().endswith(":")
        if across:
            # "He said:" closing the paragraph before the one the quote opens (a cue is needed there:
            # a bare "Partial transcript:" names no speaker)
            prev_end = len(text[:p_start].rstrip())
            lo = max(self.view.sentence_span(prev_end - 1)[0], span.open_at - _LOOKBACK)
        before = text[lo : span.open_at]
        stripped = before.rstrip()
        if not stripped:
            return None
        last = stripped[-1]
        near = self._cues_within(lo, span.open_at)
        if near and near[-1].form.lemma in _CHARACTERIZE:
            return self._characterized(near[-1], lo, span)
        cues = [c for c in near if c.start not in self.used]
        if not cues and (last != ":" or across):
            return None  # nothing below can attribute it (and the tokens cost the most)
        toks = [t for t in self.view.tokens_between(lo, span.open_at)]
        if not toks:
            return None
        tail_words = len(text[cues[-1].end : span.open_at].split()) if cues else 99
        short = span.kind in ("name", "fragment")
        if last == ":" or (last in ",—–" and not short) or stripped.lower().endswith((" that", " что", ", что")):
            if cues and tail_words <= (_THAT_REACH if not short else 2):
                cue = cues[-1]
                if short and last != ":":
                    return None
                speaker = self._speaker_for(cue, toks)
                self.used.add(cue.start)
                return Found(span.start, span.end, True, cue=cue, speaker=speaker, span=span, region=(lo, span.open_at))
            if last == ":" and len(toks) <= 12 and span.kind != "name":
                # Headline style "Лукашенко: «…»": the phrase before the colon speaks; in a clause
                # ("Ryzhenkov put the position plainly: “…”") its subject does.
                colon = len(toks) - 1
                while colon >= 0 and toks[colon].text != ":":
                    colon -= 1
                rng = left_phrase(self.view, toks, colon) if colon > 0 else None
                if rng is not None and rng[0] > 0:
                    rng = self._clause_subject(toks, colon)
                if rng is not None:
                    f = Found(
                        span.start,
                        span.end,
                        True,
                        cue_text=":",
                        span=span,
                        region=(lo, span.open_at),
                        speaker=resolve(self.view, toks, rng, sources=False),
                    )
                    return f
        elif cues and tail_words == 0 and not short:
            cue = cues[-1]
            speaker = self._speaker_for(cue, toks)
            self.used.add(cue.start)
            return Found(span.start, span.end, True, cue=cue, speaker=speaker, span=span, region=(lo, span.open_at))
        return None

    def _characterized(self, cue: Cue, lo: int, span: QuotedSpan) -> Found | None:
        """``X called the plan “a disgrace”``, ``condemned the test as "provocative"``, ``what she
        called a “rant”``: the quoted words a few words after a verb of characterisation are the
        subject's own. A quoted name there names a thing (``called the operation “Spider's Web”``),
        and the verb takes no reported clause of its own."""
        if span.kind == "name":
            return None
        gap = self.text[cue.end : span.open_at]
        if count_words(gap) > _CHARACTERIZE_REACH or re.search(r"[.;:!?]", _ABBREV_RE.sub("", gap)):
            return None
        speaker = self._characterizers.get(cue.start)
        if cue.start not in self._characterizers:
            speaker = self._characterizers[cue.start] = self._speaker_for(cue, self.view.tokens_between(lo, cue.end))
            self.used.add(cue.start)
        return Found(span.start, span.end, True, cue=cue, speaker=speaker, span=span, region=(lo, span.open_at))

    def _clause_subject(self, toks: list[Tok], end: int) -> tuple[int, int] | None:
        """The subject opening ``toks[:end]``: a speaker mention there (past title words), else the
        leading run of capitalised words, else a determiner and up to four words ending in a noun
        for people ("The spokesman"); the phrase is checked again when it is resolved."""
        view = self.view
        if end <= 0:
            return None
        for m in view.mentions:
            if m.start >= toks[end - 1].end:
                break
            if m.start < toks[0].start:
                continue
            a = next(n for n, t in enumerate(toks) if t.end > m.start)
            if all(t.is_word and (t.is_cap or t.lower in DETERMINERS) for t in toks[:a]):
                b = a
                while b + 1 < end and toks[b + 1].start < m.end:
                    b += 1
                if view.language == "ru":
                    b = self._ru_named_after(toks, b, end)
                return (0 if a and toks[0].lower in DETERMINERS else a), b
            break
        k = 1 if toks[0].lower in DETERMINERS else 0
        j = k
        while j < end and toks[j].is_word and toks[j].is_cap and toks[j].lower not in NP_STOP:
            j += 1
        if j > k:
            return 0, j - 1
        for n in range(k, min(end, k + 4)):
            if not toks[n].is_word or toks[n].lower in NP_STOP:
                break
            if view.lexicon.is_a(toks[n].text, "human"):
                return 0, n
        return None

    def _ru_named_after(self, toks: list[Tok], b: int, end: int) -> int:
        """The end of a Russian subject that goes on past its first mention to the person it
        qualifies: "Глава *Минздрава* Мэтт Хэнкок" (a noun, its genitive, then the name) is
        Hancock, so the phrase runs to the end of a person mention that follows right after."""
        if b + 1 >= end:
            return b
        nxt = toks[b + 1]
        for m in self.view.mentions_in(nxt.start, nxt.end):
            if m.kind == "person" and m.start == nxt.start:
                while b + 1 < end and toks[b + 1].start < m.end:
                    b += 1
                break
        return b

    # pass 4: indirect speech ----------------------------------------------------------------
    def indirect(self) -> None:
        taken = [(f.span.open_at, f.span.close_end) for f in self.found if f.span is not None]
        for cue in self.cues:
            if cue.start in self.used or cue.form.kind == "citing" or cue.form.lemma in _CHARACTERIZE:
                continue  # a verb of characterisation only attributes the quoted words after it
            if any(a <= cue.start < b for a, b in taken):
                continue
            if any(f.start <= cue.start < f.end for f in self.found):
                continue  # a cue inside reported content is the speaker's, not the writer's
            if self._relays_found(cue):
                continue  # "…, the press service said": the via of the statement before it (``chains``)
            if cue.form.lemma in _QUOTE_ONLY_LEMMAS and not self.text[cue.end :].lstrip().startswith(":"):
                continue  # "He continued: …" reports; "continued its policy that …" does not
            got = self._indirect(cue)
            if got is not None and self.view.language == "en" and self._fragment_en(got):
                got = None
            if got is not None and self._absorb(got):
                self.used.add(cue.start)

    def _addressee_end_en(self, toks: list[Tok], k: int) -> int:
        """Where the content starts after ``told`` and its addressee: "told *Labour members* the
        Tories offered …", "told *a meeting of the Metropolitan Police Authority* it would be …",
        "told *the BBC* Mr Howard had …", "had been told he could …" (no addressee). The addressee
        is one noun phrase; a subject pronoun, a new determiner (not after "of"), a title opening
        a name, or a mention starting right after another name starts the reported clause."""
        n = len(toks)
        j = k
        if j < n and toks[j].lower in _SUBJECT_PRONOUNS_EN:
            return j
        if j < n and (toks[j].lower in NP_STOP or toks[j].lower == "of"):
            return k  # "told of his shock": no addressee, and no reported clause either
        if j < n and toks[j].lower in DETERMINERS:
            j += 1
        body = j
        while j < n and j - k < 10:
            t = toks[j]
            low = t.lower
            if low in RELATIVES:
                return n  # "tells the story of two boys who are …": a relative clause, nothing reported
            if not t.is_word or low in _SUBJECT_PRONOUNS_EN or is_clause_word(t.text, "en"):
                break
            after_of = j > 0 and toks[j - 1].lower == "of"
            if j > body and not after_of:
                if (low in DETERMINERS and t.text[0].islower()) or low in _NAME_TITLES_EN:
                    break  # "told the BBC News website the party …", "told the BBC Mr Howard …"
                prev_low = toks[j - 1].lower
                if t.is_cap and toks[j - 1].text[0].islower() and prev_low not in DETERMINERS | NP_STOP:
                    break  # "told Labour members Mr Howard …" / a name after lower-case words
                if (
                    t.is_cap
                    and toks[j - 1].lower not in _NAME_TITLES_EN
                    and any(m.start == t.start and m.kind == "person" for m in self.view.mentions_in(t.start, t.end))
                ):
                    break  # a person named right after the addressee speaks in the clause
            j += 1
        return j

    def _source_closes_en(self, toks: list[Tok], last: int) -> bool:
        """ "…, said BRC director general Kevin Hawkins.": a speaker phrase right after the cue that
        runs to the end of the sentence is the source of what comes before the comma, never an
        appositive subject's content (the verb of "Consumers remain cautious" is not one the
        closed word lists know)."""
        if self.view.language != "en":
            return False
        rp = right_phrase(self.view, toks, last + 1)
        if rp is None or rp[0] != last + 1 or resolve(self.view, toks, rp) is None:
            return False
        return all(not t.is_word for t in toks[rp[1] + 1 :])

    def _names_only_en(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is only a name with its appositive ("JP Morgan, the US
        investment bank,"): the subject of the cue after it, not what was said."""
        part = self.text[start:end].strip(" ,")
        if _has_clause(part, "en") or "," not in part:
            return False
        head = part.split(",")[0]
        return any(m.start >= start and m.end <= start + len(head) + 2 for m in self.view.mentions_in(start, end))

    def asides(self) -> None:
        """Reported content that closes with the writer's non-restrictive relative clause ("said the
        EPA overstepped its authority, which the Supreme Court has put on hold"): the aside
        explains the matter to the reader and is nobody's words, so the content ends before it.
        Only a relative clause that runs to the end of the content is cut (English; a quote inside
        it, or a clause cut before enough words, leaves the content whole)."""
        if self.view.language != "en":
            return
        for f in self.found:
            if f.direct or f.span is not None:
                continue
            seg = self.text[f.start : f.end]
            m = _ASIDE_RE.search(seg)
            if m is None or "," in seg[m.end() :] or any(c in seg[m.start() :] for c in QUOTE_CHARS):
                continue
            nxt = re.match(r"\s*([\w']+)", seg[m.end() :])
            w = nxt.group(1) if nxt else ""
            if not (w.lower() in DETERMINERS or w.lower() in _SUBJECT_PRONOUNS_EN or is_clause_word(w, "en")):
                continue  # "and if so, which judge it should be": a question word, not an aside
            if count_words(seg[: m.start()]) >= _MIN_WORDS + 1:
                f.end = _trim_end(self.text, f.start, f.start + m.start())

    def _adverbial_en(self, start: int, end: int) -> bool:
        """Whether the words before an attribution are a phrase that sets the scene of the sentence
        rather than what was said: one that opens with a preposition or an ``-ing`` form and holds
        no finite verb ("In a Wall Street Journal essay last week, Ivanka Trump acknowledged …",
        "Campaigning against Mitt Romney in 2012, he barely mentioned …")."""
        toks = [t for t in tokenize(self.text, start, end) if t.is_word]
        if not toks:
            return False
        first = toks[0].lower
        if first not in _SCENE_PREPS_EN and not (first.endswith("ing") and len(first) > 5):
            return False
        return not _has_clause(self.text[start:end], "en")

    def _fragment_en(self, got: Found) -> bool:
        """Whether reported content is a fragment rather than a clause: it opens with a finite verb
        whose subject stands outside it ("a situation which critics say is more transparent",
        "enterprises which he says were sold cheaply") or with "of" ("an agenda to that of the
        summit"). A reported clause opens with its subject; such spans are no one's words."""
        first = re.match(r"\s*([\w']+)", self.text[got.start : got.end])
        if first is None or first.group(1) not in _FRAGMENT_OPENERS_EN:
            return False
        return first.group(1) == "of" or got.cue is None or got.direct

    def _absorb(self, got: Found) -> bool:
        """Add ``got``; a speech quote it starts with becomes direct, quotes inside merge in."""
        for f in list(self.found):
            if f.span is None or f.cue is not None or f.cue_text is not None:
                if (
                    f.cue is not None
                    and f.speaker is None
                    and got.start <= f.cue.start < f.start
                    and f.end <= got.end
                    and self.text[got.start : f.cue.start].strip()
                ):
                    # "X said, a majority have come to believe “…”": a report with no source of
                    # its own nested in this one, which keeps it whole
                    continue
                if f.cue is not None and got.start <= f.cue.start < got.end:
                    # would swallow another statement's attribution: keep the clause before it
                    cut = self._clause_before(got.start, self._attribution_start(f, got.start))
                    if cut is None or f.start <= got.start:
                        return False
                    got.end = cut
                    continue
                if f.start < got.end and got.start < f.end:
                    # Overlaps an attributed statement: keep the part before it.
                    cut = f.span.open_at if f.span is not None else f.start
                    if f.start > got.start and count_words(self.text[got.start : cut]) >= _MIN_WORDS:
                        got.end = _trim_end(self.text, got.start, cut)
                    else:
                        return False
                continue
            if got.start <= f.span.open_at and f.span.close_end <= got.end + 1:
                lead = self.text[got.start : f.span.open_at]
                if count_words(lead) <= 1 and not self._subject_lead(lead):
                    # "stated that ‘…’": the quote is the content
                    f.cue, f.speaker, f.region = got.cue, got.speaker, got.region
                    return True
                self.found.remove(f)
            elif f.span.open_at < got.end <= f.span.close_end and f.start > got.start:
                # content runs into a quote that continues the sentence: stop before it
                got.end = _trim_end(self.text, got.start, f.span.open_at)
        if count_words(self.text[got.start : got.end]) >= _MIN_WORDS - (self.view.language == "ru"):
            self.found.append(got)
            return True
        return False

    @staticmethod
    def _subject_lead(lead: str) -> bool:
        """Whether the one word of reported content before a quote is the subject of the quoted
        words (``saying he “has offended …”``, ``said Trump “would win”``, ``заявил, что он «…»``):
        the clause, its subject included, is then the content; without it the quoted words lose
        whom they are about."""
        word = lead.strip().strip(",")
        return bool(word) and (word.lower() in _SUBJECT_PRONOUNS or word[:1].isupper())

    @staticmethod
    def _attribution_start(f: Found, after: int) -> int:
        """Where statement ``f`` begins in the text past ``after``, its attribution included: the
        opening mark of a quote whose cue follows it (``“…,” she said``), else the earliest of cue,
        source and content (a source named before ``after`` — the subject both share in "X said A
        but said “B”" — does not count)."""
        assert f.cue is not None
        if f.span is not None and f.cue.start >= f.span.close_end:
            return f.span.open_at
        at = min(f.cue.start, f.span.open_at if f.span is not None else f.start)
        return min(at, f.speaker.start) if f.speaker is not None and f.speaker.start >= after else at

    def _clause_before(self, start: int, cut: int) -> int | None:
        """The end of reported content that must stop before ``cut`` (another statement's
        attribution): a quote or clause boundary (", and", ", but", ";", a dash) when one leaves
        enough words, else the last comma; ``None`` when there is none or too little is left."""
        text = self.text
        if text[start:cut].rstrip()[-1:] in QUOTE_CHARS or text[cut : cut + 1] in QUOTE_CHARS:
            end = _trim_end(text, start, cut)
        else:
            seg = text[start:cut]
            tail = re.search(r"[\s,]+(?:and|but|и|а|но)\s*$", seg)
            if tail is not None:
                seg = seg[: tail.start()]  # "… should be released but said “…”": the second verb's own
            m = next((m for m in _CLAUSE_BREAK_RE.finditer(seg) if count_words(seg[: m.start()]) >= _MIN_WORDS), None)
            comma = seg.rfind(",")
            at = m.start() if m else comma if comma >= 0 and count_words(seg[:comma]) >= _MIN_WORDS else -1
            if at < 0 and tail is not None:
                at = len(seg)
            if at < 0:
                return None  # no clause boundary: cutting there would leave half a phrase ("had a history of")
            end = _trim_end(text, start, start + at)
        kept = text[start:end]
        # what is left must still be a clause ("The victims and" is not)
        return end if count_words(kept) >= _MIN_WORDS and _has_clause(kept, self.view.language) else None

    def _indirect(self, cue: Cue) -> Found | None:
        view, text = self.view, self.text
        idx, toks = self._sent_tokens(cue.start)
        s_start, s_end = view.sentences[idx]
        i, last = _cue_index(toks, cue)
        relays = self._relay_cut(toks, last)
        clause_end = relays if relays is not None else s_end
        clause_end = self._next_attribution(toks, last, clause_end)
        prev = self._prev_word(toks, i)
        speaker = self._speaker_for(cue, toks)
        region = (s_start, s_end)
        if _ABOUT_THIS.match(text[s_start : cue.start]) and idx > 0:
            # "Об этом сообщил X." / "This was announced by X.": the previous sentence is the content.
            ps, pe = view.sentences[idx - 1]
            speaker = self._agent(toks, last) or resolve(view, toks, right_phrase(view, toks, last + 1))
            # a quote of that sentence; or a reported statement with its own source when an outlet or a
            # press service passes it on ("X доложил, что A. Об этом сообщает пресс-служба")
            relay = speaker is not None and self._outlet(speaker)
            quoted = [f for f in self.found if ps <= f.start < pe and (f.direct or (relay and f.speaker is not None))]
            if quoted:
                # «…», — сказал X. Об этом сообщает ТАСС.: the quote keeps its speaker; the one who
                # reports it passes it on (via), or speaks it when nobody else was named.
                for f in quoted:
                    if f.speaker is None and speaker is not None and not self._is_media(speaker):
                        f.speaker, f.cue = speaker, cue
                    elif speaker is not None and f.via is None:
                        f.via = speaker.name
                self.used.add(cue.start)
                return None
            return Found(ps, _trim_end(text, ps, pe), False, cue=cue, speaker=speaker, region=region)
        if self._request(toks, last, cue) or (view.language == "ru" and self._ru_object(toks, last)):
            return None
        if self._passive_theme(toks, i, cue):
            return None
        kind = cue.form.kind
        # "Sen. X (R-S.C.) told …": a closing bracket ends the subject phrase, it marks no inversion
        inversion = not cue.form.participle and (
            prev is None or (not toks[prev].is_word and toks[prev].text != ")") or toks[prev].lower in _AS
        )
        if kind == "according" or (inversion and prev is not None and toks[prev].lower in _AS):
            rp = right_phrase(view, toks, last + 1)
            np_end = toks[rp[1]].end if rp else cue.end
            before_words = count_words(
                text[s_start : (toks[prev].start if prev is not None and toks[prev].lower in _AS else cue.start)]
            )
            if before_words <= 1:
                comma = text.find(",", np_end, clause_end)
                if comma < 0:
                    return None
                return Found(comma + 1, clause_end, False, cue=cue, speaker=speaker, region=region)
            cut = toks[prev].start if prev is not None and toks[prev].lower in _AS else cue.start
            if view.language == "ru" and self._ru_aside_in_subject(s_start, cut, np_end, clause_end):
                # "Жители города, как сообщила газета, давно жалуются …": the aside splits the
                # reported clause between its subject and its verb, so the claim is the whole clause
                whole = _trim_end(text, s_start, clause_end)
                return Found(s_start, whole, False, cue=cue, speaker=speaker, region=region)
            return Found(s_start, cut, False, cue=cue, speaker=speaker, region=region)
        # content after the cue
        after = self._content_after(toks, last, clause_end, cue) or self._block_after(toks, last)
        if after is None and not inversion and cue.form.lemma == "say" and self._named_person(speaker):
            # "Gov. Mike Pence said his running mate's tweet to invite … was only …": a named
            # person says something, so the words after "said" are what, however long the subject
            after = self._content_after(toks, last, clause_end, cue, bare=True)
        if inversion and prev is not None and toks[prev].text in ",-" + DASHES:
            # Appositive subject: "X, a spokesman for Y, said the union …": the part before the
            # comma names the speaker (no finite verb in it) and the content follows the cue.
            head = re.split(r",\s+(?:who|which|where|котор\w+|где)\s", text[s_start : toks[prev].start])[0]
            if view.language == "en":
                # "Her lawsuit, filed in the US District Court, said …": a reduced relative clause
                # (a past participle with its preposition) is part of the subject, not a verb of its own
                head = _REDUCED_RELATIVE_EN.sub(" ", head)
            if not _has_clause(head, view.language) and not self._source_closes_en(toks, last):
                subj = sentence_subject(view, toks, cue.start)
                loose = subj is None or not self._opens_clause(toks, subj[0])
                if subj is not None and subj[0] == subj[1] and toks[subj[0]].lower in _ADJ_DETERMINERS:
                    loose = True  # "Her" of "Her lawsuit": a possessive, not the subject
                if view.language == "en" and loose:
                    # "Her lawsuit, filed in the US District Court, said …": the phrase before the
                    # first comma is the subject, not a name inside the appositive
                    comma = next((n for n, t in enumerate(toks) if t.text == ","), None)
                    lead = left_phrase(view, toks, comma) if comma else None
                    if lead is not None and lead[0] == 1 and toks[0].lower in _ADJ_DETERMINERS:
                        lead = (0, lead[1])  # "Her lawsuit"
                    named_next = (
                        subj is not None
                        and comma is not None
                        and comma < subj[0] <= comma + 3
                        and all(t.is_cap for t in toks[comma + 1 : subj[0]])  # "…, Lord Woolf, …"
                    )
                    if lead is not None and self._opens_clause(toks, lead[0]) and not named_next:
                        subj = lead  # ("The director of the film, Vinod Pande, said": the name speaks)
                if subj is not None:
                    subj = self._name_in_apposition(toks, subj, cue.start) or subj
                sp = self._with_appositive(resolve(view, toks, subj), toks, cue.start) if subj else None
                if subj is not None:
                    sp = self._titled(sp, toks, subj)
                if after is None and sp is not None and subj is not None and self._opens_clause(toks, subj[0]):
                    # the subject is settled, so what follows the cue is what was said, even
                    # without a finite verb in its first words ("…, said parents still want …")
                    after = self._content_after(toks, last, clause_end, cue, bare=True)
                if after is not None:
                    return Found(after[0], after[1], False, cue=cue, speaker=sp or speaker, region=region)
        if inversion or after is None:
            # "…, X said." / "…, said X." / "…, X said, …": content around the attribution
            lp = None if inversion else left_phrase(view, toks, i)
            cut = toks[lp[0]].start if lp is not None else cue.start
            left_ok = cut > s_start and text[s_start:cut].rstrip()[-1:] in ",—–:"
            dateline = _DATELINE_RE.match(text, s_start, cut) if left_ok else None
            if dateline is not None and dateline.end() == cut:
                # "VIENNA, Oct 2 — Foreign Minister X said the talks failed": the dash closes a
                # dateline (where the report was filed), not words someone said before it
                left_ok = False
                if after is None and not inversion:
                    after = self._content_after(toks, last, clause_end, cue, bare=True)
            quoted_end = False  # the content closes with quoted words and their comma: no content follows
            if not left_ok and view.language == "en" and cut > s_start:
                # 'Not paying taxes "makes me smart," Trump said': the comma inside the closing mark
                left_ok = quoted_end = text[s_start:cut].rstrip().rstrip(QUOTE_CHARS)[-1:] == ","
            if not left_ok and not inversion and lp is not None and view.language == "en":
                wider = self._comma_before_source_en(s_start, cut, cut)
                left_ok = text[s_start:wider].rstrip()[-1:] == ","
                if left_ok and speaker is not None and speaker.start == cut and speaker.entity_id is None:
                    # the source phrase is the whole stretch after the comma ("the work and pensions
                    # minister"), not the end the phrase scan stopped at
                    at = wider + len(text[wider:cut]) - len(text[wider:cut].lstrip())
                    named = speaker.name if speaker.name != text[speaker.start : speaker.end] else None
                    speaker = Speaker(at, speaker.end, named or text[at : speaker.end], None)
                cut = wider
            nxt = self._after_speaker(toks, last, inversion)
            if nxt is not None and left_ok:
                nxt = self._past_circumstance(toks, nxt, clause_end)
            if nxt is not None and toks[nxt].text == "," and toks[nxt].end < clause_end:
                # parenthetical "Too often, Mr. Clarke said, the debate …": keep the longer side
                right = (toks[nxt].end, clause_end)
                left_words = count_words(text[s_start:cut]) if left_ok else 0
                if left_ok and nxt + 1 < len(toks) and toks[nxt + 1].lower in _COORD_OPEN:
                    # "A, the agency said in a June report, and B": the attribution closes the first
                    # conjunct; what follows the conjunction continues the writer's sentence
                    return Found(s_start, cut, False, cue=cue, speaker=speaker, region=region)
                # (in English never a relative clause about the source: "…, suggests the research,
                # who will spend …" describes the people, it is nobody's words)
                relative = (
                    view.language == "en"
                    and nxt + 1 < len(toks)
                    and (toks[nxt + 1].lower in RELATIVES or toks[nxt + 1].lower.endswith("ing"))
                )  # "…, he said, claiming …": the participle's own report, not this one's content
                if count_words(text[right[0] : right[1]]) > left_words and not relative:
                    return Found(right[0], right[1], False, cue=cue, speaker=speaker, region=region)
                quoted_end = quoted_end or relative  # what follows the comma is not this cue's content
            if left_ok and view.language == "en" and self._names_only_en(s_start, cut):
                left_ok = False  # "JP Morgan, the US investment bank, said profits rose": no content there
            if left_ok and view.language == "en" and not quoted_end and self._adverbial_en(s_start, cut):
                # "In a newspaper essay last week, she acknowledged their uphill battle": a setting,
                # not words; what she acknowledged is the object after the cue
                left_ok = False
                if after is None and not inversion and last + 1 < len(toks):
                    obj = toks[last + 1]
                    end = _trim_end(text, obj.start, clause_end)
                    if obj.is_word and obj.lower not in NP_STOP and count_words(text[obj.start : end]) >= 2:
                        return Found(obj.start, end, False, cue=cue, speaker=speaker, region=region)
            if left_ok and (inversion or quoted_end or count_words(text[cue.end : clause_end]) <= 8):
                return Found(s_start, cut, False, cue=cue, speaker=speaker, region=region)
        if after is None:
            return None
        return Found(after[0], after[1], False, cue=cue, speaker=speaker, region=region)

    def _ru_aside_in_subject(self, s_start: int, cut: int, np_end: int, clause_end: int) -> bool:
        """Whether a Russian "как сообщил X" aside stands between a verbless opening (the subject of
        the reported clause) and a rest that holds its verb, each side set off by a comma."""
        text = self.text
        before = text[s_start:cut].rstrip()
        comma = text.find(",", np_end, clause_end)
        if not before.endswith(",") or comma < 0 or text[np_end:comma].strip():
            return False
        rest = text[comma + 1 : clause_end]
        return not _has_clause(before, "ru") and _has_clause(rest, "ru") and count_words(rest) >= 2

    def _next_attribution(self, toks: list[Tok], last: int, clause_end: int) -> int:
        """Where a coordinated clause with its own source and cue starts after the cue at ``last``
        ("X agreed that A, but he said that B", "X said A — and Y noted B", "…; officials said …"):
        the content of the first cue ends there, so that the second statement keeps its speaker."""
        view = self.view
        # the next few cues only: a text of endless cues ("said said said …") must stay linear
        for c in self._cues_starting(toks[last].end, clause_end)[:_NEXT_CUES]:
            if c.form.participle or c.form.kind not in ("say", "that"):
                continue
            i, _ = _cue_index(toks, c)
            if i - 1 > last + 1 and toks[i - 1].lower in _COORD and toks[i - 2].is_word:
                # "X conceded defeat but said B", "X denied A and said B": a second verb of the same
                # subject opens a statement of its own, which the first cue's content stops before
                return min(clause_end, toks[i - 1].start)
            lp = left_phrase(view, toks, i)
            if lp is None:
                continue
            k = lp[0] - 1
            cut_at = None
            if k > last and toks[k].lower in _COORD:
                k -= 1
                if k > last + 1 and toks[k].text in QUOTE_CHARS and toks[k - 1].text == ",":
                    cut_at = toks[k].end  # "… a gun,” but he said": the comma stands inside the closing mark
                    k -= 1
                if k <= last or toks[k].text not in ",;" + DASHES:
                    continue
            elif not (k > last and toks[k].text in ";" + DASHES):
                continue
            if resolve(view, toks, lp) is None:
                continue
            return min(clause_end, cut_at if cut_at is not None else toks[k].start)
        return clause_end

    def _request(self, toks: list[Tok], last: int, cue: Cue) -> bool:
        """Whether the cue is a request ("asked Putin to station the system", "told them to leave"):
        an event, not a statement, and its object is not a speaker."""
        if cue.form.lemma not in _REQUEST_LEMMAS:
            return False
        rp = right_phrase(self.view, toks, last + 1)
        k = rp[1] + 1 if rp is not None else last + 1
        if k < len(toks) and toks[k].lower == "not":
            k += 1  # "who asked not to be named", "told them not to leave": a request all the same
        return k + 1 < len(toks) and toks[k].lower == "to" and toks[k + 1].is_word and not toks[k + 1].is_cap

    def _passive_theme(self, toks: list[Tok], i: int, cue: Cue) -> bool:
        """Whether the cue at ``toks[i]`` is a passive whose subject is the thing reported ("no
        timetable was mentioned", "the plan was announced last week", "the figures were reported"):
        an event about a document or a topic, not a frame around someone's words.  The expletive
        "it" ("it was announced that …", "…, it was reported") stays a frame, and so does a
        passive whose subject is the one addressed ("she was told that …")."""
        if self.view.language != "en" or cue.form.kind == "passive" or cue.form.participle:
            return False
        if cue.form.lemma in _ADDRESSEE_LEMMAS:
            return False
        lp = left_phrase(self.view, toks, i)
        if lp is None or not any(toks[k].lower in _PASSIVE_AUX for k in range(lp[1] + 1, i)):
            return False
        _, last = _cue_index(toks, cue)
        if self._as_saying(toks, last) or any(t.lower in _CONTENT_MARKERS for t in toks[last + 1 : last + 4]):
            return False  # "X has been reported as saying", "It has long been reported that …"
        return [t.lower for t in toks[lp[0] : lp[1] + 1] if t.is_word] not in (["it"], [])

    @staticmethod
    def _as_saying(toks: list[Tok], last: int) -> bool:
        """Whether a passive cue goes on "as saying" / "to have said" ("Prince Saud has been
        reported as saying", "the minister was said to have told …"): its subject is the speaker."""
        nxt = [t.lower for t in toks[last + 1 : last + 4]]
        return nxt[:2] in (["as", "saying"], ["as", "telling"], ["as", "having"]) or nxt[:3] in (
            ["to", "have", "said"],
            ["to", "have", "told"],
        )

    def _ru_object(self, toks: list[Tok], last: int) -> bool:
        """Whether a Russian cue takes a thing as its object ("пишет *музыку* к ленте", "передает
        *привет*"): a lower-case inanimate noun in the accusative right after it, no outlet or
        person ("пишет издание" stays a report), makes it a verb of doing, not of saying."""
        k = last + 1
        if k >= len(toks) or not toks[k].is_word or not toks[k].text.islower():
            return False
        word = toks[k].text
        lex = self.view.lexicon
        if lex.is_a(word, "human") or lex.is_a(word, "media") or lex.is_a(word, "source"):
            return False
        if any(t.lower in ("что", ":") for t in toks[k + 1 : k + 1 + _THAT_REACH]):
            return False  # "сообщил подробности: …", "передал информацию о том, что …": content follows
        return russian.accusative_thing(word)

    def _past_circumstance(self, toks: list[Tok], k: int, clause_end: int) -> int:
        """Past a short phrase of circumstance after a parenthetical attribution ("…, the agency said
        in a June report, …", "…, he said on Monday, …", "…, сообщил он в понедельник, …"): index of
        the comma that closes it, else ``k`` unchanged. At most six words with no cue or verb."""
        if k >= len(toks) or toks[k].lower not in _CIRCUMSTANCE_PREPS:
            return k
        j = k + 1
        while j < len(toks) and toks[j].end <= clause_end and j - k <= 6:
            if toks[j].text == ",":
                gap = self.text[toks[k].start : toks[j].start]
                if _has_clause(gap, self.view.language) or self._cues_within(toks[k].start, toks[j].start):
                    return k
                return j
            if not toks[j].is_word and toks[j].text not in "-'’":
                return k
            j += 1
        return k

    def _is_media(self, speaker: Speaker) -> bool:
        """Whether a source is an outlet ("БелТА", "агентство Reuters", "the Minsk Ledger")."""
        phrase = self.text[speaker.start : speaker.end]
        return any(self.view.lexicon.is_a(w, "media") for w in re.findall(r"[\w-]+", phrase))

    def _after_speaker(self, toks: list[Tok], last: int, inversion: bool) -> int | None:
        """Index of the token after the cue, past the speaker in inversion ("said Mr. Clarke")."""
        k = last + 1
        if inversion:
            rp = right_phrase(self.view, toks, k)
            if rp is not None:
                k = rp[1] + 1
        while k < len(toks) and toks[k].lower in _WEEKDAYS:
            k += 1
        return k if k < len(toks) else None

    def _block_after(self, toks: list[Tok], last: int) -> tuple[int, int] | None:
        """ "The governor added:" closing its paragraph, the words quoted as the next paragraph with
        their quote marks lost (a block quote in the page): that paragraph is the content."""
        text = self.text
        k = last + 1
        if k != len(toks) - 1 or toks[k].text != ":":
            return None
        _, p_end = paragraph_bounds(text, toks[k].end)
        if text[toks[k].end : p_end].strip() or p_end >= len(text):
            return None
        start = p_end
        while start < len(text) and text[start].isspace():
            start += 1  # past the blank lines to the next paragraph
        end = paragraph_bounds(text, start)[1]
        if start >= end or text[start] in QUOTE_CHARS + DASHES or count_words(text[start:end]) < _MIN_WORDS:
            return None
        return start, _trim_end(text, start, end)

    @staticmethod
    def _opens_clause(toks: list[Tok], k: int) -> bool:
        """Whether ``toks[k]`` opens its sentence, past a leading conjunction ("But Megan Hester, …")."""
        return all(t.lower in _COORD for t in toks[:k])

    def _content_after(
        self, toks: list[Tok], last: int, clause_end: int, cue: Cue, *, bare: bool = False
    ) -> tuple[int, int] | None:
        """The reported content after the cue: after "that"/":" nearby, else the clause right after
        a ``say`` cue; ``bare``: the speaker is known to stand before the cue, so the words after it
        are taken as the content without looking for a finite verb among them."""
        text = self.text
        n = len(toks)
        for k in range(last + 1, min(n, last + 1 + _THAT_REACH)):
            t = toks[k]
            if t.lower in ("that", "что", ":", "чтобы") and t.start < clause_end:
                start = toks[k + 1].start if k + 1 < n else t.end
                if t.lower == "that" and k + 1 < n and toks[k + 1].lower in _AUX_VERBS:
                    start = t.start  # "said that was not her view": "that" is the subject here
                elif (inner := self._nested_report(toks, last + 1, k)) is not None:
                    start = toks[inner].start  # "said he thought that …": his thought is what he said
                elif toks[k - 1].lower in ("but", "and", "но", "а", "и") and k - 1 > last + 2:
                    # "said inflation had eased in August *but that* tariffs weighed": the "that" opens
                    # a second content of the same verb; the first starts right after the cue
                    start = toks[last + 1].start
                end = _trim_end(text, start, clause_end) if start < clause_end else start
                if count_words(text[start:end]):
                    return start, end
                # "said the test could change that.": a pronoun closing the clause, not "that" + content
                break
            if t.text in ".;!?" or t.text in QUOTE_CHARS:
                break
        if cue.form.kind != "say" or (cue.form.participle and cue.form.lemma not in ("say", "add")):
            return None
        k = last + 1
        if k < n and toks[k].text == ",":
            return None  # "said, adding" or "said, “…”": not a bare clause
        if cue.form.lemma in ("tell",) and k < n and self.view.language == "en":
            k = self._addressee_end_en(toks, k)
        elif cue.form.lemma in ("tell",) and k < n:  # skip the addressee: "told reporters"
            k += 1
            while k < n and toks[k].is_word and toks[k].is_cap and toks[k].lower not in PRONOUNS:
                k += 1
        while k < n and toks[k].lower in _WEEKDAYS:
            k += 1
        while (
            k < n
            and toks[k].is_word
            and toks[k].lower in ("on", "in", "at", "during", "last", "this")
            and (
                any(t.start <= toks[min(k + 1, n - 1)].start < t.end for t in self.view.times)
                or toks[min(k + 1, n - 1)].is_cap
            )
        ):
            k += 2
        if k >= n or toks[k].start >= clause_end:
            return None
        if not _clause_start(toks[k]) and (toks[k].lower in NP_STOP or not toks[k].is_word):
            return None
        start = toks[k].start
        if bare:
            if toks[k].lower in NP_STOP or not toks[k].is_word:
                return None
        elif not _has_clause(" ".join(_first_words(toks, k, clause_end, _CLAUSE_REACH)), self.view.language):
            return None  # "added layers of complexity": an object, not a reported clause
        # A bare clause needs a word more than content elsewhere ("said three new things" is an
        # object); one opening with a subject pronoun is a clause already ("saying it was reckless").
        need = _MIN_WORDS if toks[k].lower in _SUBJECT_OPENERS else _MIN_WORDS + 1
        if count_words(text[start:clause_end]) < need:
            return None
        return start, _trim_end(text, start, clause_end)

    def _nested_report(self, toks: list[Tok], a: int, k: int) -> int | None:
        """Index of the subject pronoun when ``toks[a:k]``, between a cue and the "that" after it,
        ends with a pronoun and a verb of its own ("said he thought that", "told reporters she
        believed that", "said it was clear that"): the "that" clause belongs to that inner verb, and the
        outer cue reports both, from the pronoun on. ``None`` otherwise."""
        gap = toks[a:k]
        pron = next((n for n, t in enumerate(gap) if t.lower in _SUBJECT_PRONOUNS), None)
        if pron is None or len(gap) - pron > 3:
            return None
        lang = self.view.language
        if not any(self.view.lexicon.lookup(t.text) or is_clause_word(t.text, lang) for t in gap[pron + 1 :]):
            return None  # "said he thought that", "said it was clear that"; not "told him that"
        return a + pron

    def _relay_cut(self, toks: list[Tok], last: int) -> int | None:
        """Where a trailing ``, according to X`` / ``, передаёт X`` starts, if the sentence has one."""
        text = self.text
        for c in self._cues_starting(toks[last].end + 1, min(toks[-1].end, toks[last].end + _LOOKBACK)):
            if c.form.kind in ("according", "citing") or c.form.relay:
                if re.search(r"\b(?:that|что)\b", text[c.end : min(toks[-1].end, c.end + _LOOKBACK)]):
                    continue  # "reported, citing officials, that …": the content follows
                j = c.start  # the end of the text before the cue, spaces stripped
                while j > 0 and text[j - 1].isspace():
                    j -= 1
                if j > 0 and text[j - 1] in "," + DASHES:
                    return j - 1
            else:
                relayed = self._trailing_relay(c)
                if relayed is not None:
                    return relayed[0]
        return None

    def _relays_found(self, cue: Cue) -> bool:
        """Whether ``cue`` is a trailing relay (:meth:`_trailing_relay`) of a statement already
        found before its comma in the same sentence, with a cue of its own."""
        relayed = self._trailing_relay(cue)
        if relayed is None:
            return False
        s_start, _ = self.view.sentence_span(cue.start)
        return any(f.cue is not None and s_start <= f.cue.start < cue.start and f.end <= relayed[0] for f in self.found)

    def _trailing_relay(self, c: Cue) -> tuple[int, Speaker] | None:
        """``(comma, source)`` when cue ``c`` closes its sentence after a comma with a relaying body
        or an outlet as its source ("…, the presidential press service said.", "…, сообщила
        пресс-служба Кремля.", "…, the Gazette reported."): whatever statement the sentence holds
        before the comma ("Walsh told Berg that the radar works") was passed on by that source,
        which is then its ``via``; the content ends at the comma."""
        if c.form.kind not in ("say", "that") or c.form.participle:
            return None
        view = self.view
        _, toks = self._sent_tokens(c.start)
        try:
            i, last = _cue_index(toks, c)
        except StopIteration:
            return None
        lp = left_phrase(view, toks, i)
        if lp is not None and lp[0] > 0 and toks[lp[0] - 1].text == ",":
            rng, tail = lp, last + 1  # "…, the press service said."
        elif i > 0 and toks[i - 1].text == ",":
            rp = right_phrase(view, toks, last + 1)  # "…, сообщила пресс-служба Кремля."
            if rp is None:
                return None
            rng, tail = rp, rp[1] + 1
        else:
            return None
        rest = [t for t in toks[tail:] if t.is_word]
        if len(rest) > 4 or any(t.lower in _CONTENT_MARKERS for t in toks[tail:]):
            return None  # "…, the agency said on its website" may close it; "said that …" opens content
        sp = resolve(view, toks, rng)
        if sp is None or not self._outlet(sp):
            return None
        comma = toks[rng[0] - 1] if rng is lp else toks[i - 1]
        return comma.start, sp

    # pass 5: source chains --------------------------------------------------------------------
    def chains(self) -> None:
        for f in self.found:
            if f.cue is None and f.cue_text is None:
                continue
            lo, hi = f.region
            idx = self.view.sentence_index(f.cue.start if f.cue else lo)
            s_start, s_end = self.view.sentences[idx]
            lo, hi = max(min(lo, s_start), f.start - _LOOKBACK), min(max(hi, s_end), f.end + _LOOKBACK)
            for c in self._cues_starting(lo, hi):
                if c.start in self.used or f.start <= c.start < f.end:
                    continue
                trailing = None
                if c.form.kind not in ("according", "citing") and not c.form.relay:
                    trailing = self._trailing_relay(c)
                    if trailing is None or trailing[0] < f.end:
                        continue
                toks = self.view.tokens(self.view.sentence_index(c.start))
                if trailing is not None:
                    other = trailing[1]
                else:
                    other = self._speaker_for(c, toks, prefer_right=c.form.kind != "say")
                if other is None:
                    continue
                self.used.add(c.start)
                if c.form.kind == "citing":
                    f.via = f.speaker.name if f.speaker else None
                    f.speaker = other
                else:
                    f.via = other.name
                break

    # pass 5b: outlets report, they do not speak ---------------------------------------------------
    def outlets(self) -> None:
        """An outlet named as the source ("…, сообщает БелТА", "Reuters reported that …") passed the
        statement on: it becomes the ``via`` and the statement keeps only a speaker named elsewhere
        (none here), so a news agency is never listed as the one who said something."""
        for f in self.found:
            if f.cue is not None and f.cue.form.lemma in _CITE_LEMMAS and self._cited(f):
                continue
            sp = f.speaker
            if sp is not None and self._writes(f, sp):
                pass  # "пишет Metro": an unknown name that writes is an outlet
            elif sp is None or not self._outlet(sp):
                if sp is not None and self.view.language == "ru" and f.via is None:
                    f.via = self._ru_outlet_named(sp)  # "Собеседники РБК сообщили": RBC relays
                continue
            if f.cue is not None and f.cue.form.kind in ("citing", "passive"):
                continue  # "citing BelTA": already a via; "revealed in a photo shared by X": X is the origin
            f.via = f.via or sp.name
            f.via_span = (sp.start, sp.end)
            f.speaker = None
            self._inner_reporter(f)

    def _inner_reporter(self, f: Found) -> None:
        """A relayed statement whose content opens with its own report ("According to the press
        service, Wren told Hovde that the bridge was safe"; "По данным пресс-службы, министр Зорин
        доложил, что …"): the one who reports inside the content is the speaker, and what they
        reported the content; the relay stays the via.  Nothing changes when the content opens
        otherwise, or its report has no clause of content ("доложил о запуске линии")."""
        if f.direct:
            return
        view = self.view
        cue = next(
            (
                c
                for c in self._cues_within(f.start, f.end)
                if c.form.kind in ("say", "that") and not c.form.participle and c.form.lemma not in _CHARACTERIZE
            ),
            None,
        )
        if cue is None:
            return
        _, toks = self._sent_tokens(cue.start)
        i, last = _cue_index(toks, cue)
        lp = left_phrase(view, toks, i)
        if lp is None or count_words(self.text[f.start : toks[lp[0]].start]) or toks[lp[0]].start < f.start:
            return  # the content must open with the reporter
        if any(toks[k].lower in _PASSIVE_AUX for k in range(lp[1] + 1, i)):
            return
        sp = resolve(view, toks, lp)
        content = self._content_after(toks, last, f.end, cue)
        if sp is None or content is None or self._outlet(sp):
            return
        if not re.search(r"(?i)(?<!\w)(?:that|что)(?!\w)|:", self.text[cue.end : content[0]]):
            return  # "The Times wrote that Trump had claimed a loss of …": a verb with an object, no report
        f.start, f.end = content
        f.speaker, f.cue = sp, cue
        self.used.add(cue.start)

    def _writes(self, f: Found, sp: Speaker) -> bool:
        """Whether the source of a present-tense "пишет"/"пишут" (a relay form of "написать") is a
        name that is no person ("пишет Metro", "«Коммерсантъ» пишет"): in news copy that is a
        publication, whether or not the outlet list knows it."""
        if f.cue is None or f.cue.form.lemma != "написать" or not f.cue.form.relay:
            return False
        phrase = self.text[sp.start : sp.end].strip()
        if not phrase[:1].isupper() and phrase[:1] not in QUOTE_CHARS:
            return False
        if re.search(r"(?i)telegram|телеграм", phrase):
            return False  # a Telegram channel is its owner's voice (see ``_outlet``)
        inside = self.view.mentions_in(sp.start, sp.end)
        if any(m.kind == "person" or m.attrs.get("channel") == "telegram" for m in inside):
            return False
        return not self.view.lexicon.is_a(phrase.split()[0], "human")

    def _ru_person_of_outlet(self, speaker: Speaker) -> bool:
        """Whether a Russian source phrase opens with a person noun that an outlet only qualifies
        ("Собеседники РБК", "источники агентства"): those people speak, the outlet relays."""
        first = re.match(r"[\w-]+", self.text[speaker.start : speaker.end])
        if first is None or self.view.lexicon.is_a(first.group(), "media"):
            return False
        at = speaker.start + first.start()
        if any(m.start <= at < m.end for m in self.view.mentions_in(at, at + 1)):
            return False
        return self.view.lexicon.is_a(first.group(), "human") and russian.animate_noun(first.group())

    def _ru_outlet_named(self, speaker: Speaker) -> str | None:
        """The outlet a Russian source phrase names as a modifier ("Собеседники *РБК*"), if any."""
        if not self._ru_person_of_outlet(speaker):
            return None
        for m in self.view.mentions_in(speaker.start, speaker.end):
            if m.attrs.get("type") == "media" and m.attrs.get("channel") != "telegram":
                return m.entity
        return None

    def _cited(self, f: Found) -> bool:
        """«…», — цитирует министра агентство БелТА: the one quoted (the object right after the
        cue) is the speaker, the outlet that quotes them is the via.  ``False`` when no outlet follows
        the object ("Газета Global Times цитирует …": the outlet before the cue is then handled as
        any other source)."""
        assert f.cue is not None
        view = self.view
        _, toks = self._sent_tokens(f.cue.start)
        _, last = _cue_index(toks, f.cue)
        k = last + 1
        outlet_at = None
        while k < len(toks) and toks[k].is_word:
            inside = view.mentions_in(toks[k].start, toks[k].end)
            if any(m.attrs.get("type") == "media" for m in inside) or view.lexicon.is_a(toks[k].text, "media"):
                outlet_at = k
                break
            k += 1
        if outlet_at is None or outlet_at == last + 1:
            return False  # no object before the outlet: "цитирует ТАСС" keeps the usual reading
        quoted = resolve(view, toks, (last + 1, outlet_at - 1))
        rest = toks[outlet_at]
        media = next((m for m in view.mentions_in(rest.start, toks[-1].end) if m.attrs.get("type") == "media"), None)
        f.via = media.entity if media else self.text[rest.start : toks[-1].end].strip(" .")
        f.speaker = quoted
        return True

    def _outlet(self, speaker: Speaker) -> bool:
        """Whether the source phrase names an outlet: a ``media`` mention, or a media word in it."""
        phrase = self.text[speaker.start : speaker.end]
        if relay_head(self.view, phrase):
            return True  # "Lukashenko's press service": it publishes, its principal did not speak
        inside = self.view.mentions_in(speaker.start, speaker.end)
        if any(m.attrs.get("channel") == "telegram" for m in inside):
            return False  # a Telegram channel is often its owner's own voice, not a newsroom
        if self.view.language == "ru" and self._ru_person_of_outlet(speaker):
            return False  # "Собеседники РБК": people the outlet spoke to
        if any(m.attrs.get("type") == "media" for m in inside):
            return True
        lexicon = self.view.lexicon
        if any(m.kind == "person" and not all(lexicon.is_a(w, "media") for w in m.text.split()) for m in inside):
            return False  # "the agency's director Ivanov": a person of an outlet speaks
        if re.search(r"(?i)telegram|телеграм|(?<![\w-])канал|пресс-секретар|press[- ]secretar", phrase):
            return False  # a channel is often its owner's own voice; a press secretary speaks
        if self.view.language == "en":
            head = re.findall(r"[\w']+", re.split(r"(?i)\s(?:of|for|at|from|with)\s", phrase)[0])
            word = head[-1] if head else ""
            singular = re.sub(r"ies$", "y", word) if word.lower().endswith("ies") else word.removesuffix("s")
            # "the news agency", "the wire service": an institution noun after a media word is
            # the outlet itself (English "agency" alone is mostly a government agency)
            compound = len(head) >= 2 and singular.lower() in _INSTITUTION_NOUNS_EN and lexicon.is_a(head[-2], "media")
            if (
                word
                and lexicon.is_a(word, "human")
                and not (lexicon.is_a(word, "media") or lexicon.is_a(singular, "media") or compound)
            ):
                return False  # "a spokesman for the agency", "the newspaper's editor": people speak
        return self._is_media(speaker)

    # pass 5c: a pronoun after an unnamed source ----------------------------------------------------
    def antecedents(self) -> None:
        """ "Об этом рассказал собеседник … По его словам, …": the pronoun's nearest fitting
        antecedent is the unnamed source that spoke just before, not an earlier named person.

        A pronoun that resolved to a person whose last mention comes before the source phrase of
        the statement just before it (within two sentences) is that source: a phrase with no
        entity ("собеседник", "a senior official"; masculine pronouns only) or a person of the
        pronoun's gender named there without a mention of the entity stage."""
        view, text = self.view, self.text
        ordered = sorted(self.found, key=lambda x: x.start)
        named: dict[str | None, list[int]] = {}
        for m in view.mentions:  # in text order: bisected below, one pass per pronoun would be quadratic
            named.setdefault(m.entity, []).append(m.end)
        for n, f in enumerate(ordered):
            sp = f.speaker
            word = text[sp.start : sp.end].strip().lower() if sp is not None else ""
            if sp is None or word not in _MASCULINE_PRONOUNS | _FEMININE_PRONOUNS:
                continue
            want = "m" if word in _MASCULINE_PRONOUNS else "f"
            at = view.sentence_index(sp.start)
            ends = named.get(sp.name, [])
            k = bisect.bisect_right(ends, sp.start)
            named_at = ends[k - 1] - 1 if k else -1  # where the last mention before the pronoun ends
            for g in reversed(ordered[:n]):
                if view.sentence_index(g.start) < at - 3:
                    break  # statements further back are no antecedents
                gs = g.speaker
                if gs is None or gs.start >= sp.start or view.sentence_index(gs.start) < at - 2:
                    continue
                phrase = text[gs.start : gs.end].strip().lower()
                if phrase in PRONOUNS or gs.start <= named_at or gs.name in (None, sp.name):
                    break
                if gs.entity_id is None and want == "m" and not self._named_person(gs):
                    f.speaker = Speaker(sp.start, sp.end, gs.name, None)  # "собеседник", "a senior official"
                elif self._named_person(gs) and name_gender(view, (gs.name or "").split()) == want:
                    # a person the entity stage missed there but a statement named ("Trump responded …")
                    f.speaker = Speaker(sp.start, sp.end, gs.name, gs.entity_id)
                break

    def trade_sources(self) -> None:
        """ "Glencore will cut output …, the company said": a source named only by its trade
        ("the company", "the carmaker", "the governing body") is the organisation its statement
        opens with, else the organisation last named before it within two sentences. Left as the
        bare phrase, the lead statement of a company story had no one behind it (English)."""
        if self.view.language != "en":
            return
        view, text = self.view, self.text
        for f in self.found:
            sp = f.speaker
            if sp is None or sp.entity_id is not None:
                continue
            if _TRADE_SOURCE.fullmatch(text[sp.start : sp.end].strip()) is None:
                continue
            start = f.start
            dateline = _DATELINE_RE.match(text, start, f.end)
            if dateline is not None:
                start = dateline.end()
            orgs = [m for m in view.mentions_in(start, min(f.end, start + 80)) if m.kind == "org"]
            opening = next((m for m in orgs if text[start : m.start].strip(" \"“'‘") in ("", "The")), None)
            if opening is None and sp.start < f.start:
                # "… . The company said it …": the organisation named last before the source
                floor = view.sentences[max(0, view.sentence_index(sp.start) - 2)][0]
                before = [
                    m for m in view.mentions_in(floor, sp.start)
                    if m.kind == "org" and m.end <= sp.start and not view.in_speech(m.start, m.end)
                ]
                opening = before[-1] if before else None
            if opening is None or (opening.attrs or {}).get("type") == "media":
                continue  # an outlet is the reporter, never the company
            f.speaker = Speaker(sp.start, sp.end, opening.entity, view.entity_id(opening))

    def _named_person(self, sp: Speaker | None) -> bool:
        """Whether a source phrase names a person: its entity is one the entity stage found as a person."""
        return sp is not None and sp.name in self._person_names

    # pass 5d: credits and labels ------------------------------------------------------------------
    def credits(self) -> None:
        """A quote credited after a dash at the end of its line (``“…” ― Sonya Herridge``): the name
        is the speaker, as in an epigraph or a list of readers' reactions."""
        text = self.text
        by_span = {id(f.span): f for f in self.found if f.span is not None}
        for span in self.view.spans:
            if span.kind not in ("speech", "fragment", "name") or not span.closed:
                continue
            f = by_span.get(id(span))
            if f is not None and f.speaker is not None:
                continue
            m = _CREDIT_RE.match(text, span.close_end)
            if m is None:
                continue
            s, e = m.span("name")
            sp = self._named(s, e) or self._credit_name(s, e)
            if sp is None:
                continue
            if f is None:
                f = Found(span.start, span.end, True, span=span, region=(span.open_at, e))
                self.found.append(f)
            f.speaker, f.cue_text = sp, m.group("dash")

    def _credit_name(self, start: int, end: int) -> Speaker | None:
        """A credit the entity stage did not tag (``― Jacklyn Ashley``): two to four capitalised
        words closing the line after a dash are a person's name, kept as written; one word, a
        word of a body or an outlet, or a word in capitals (``― AP``, ``— Reuters``) is not."""
        name = self.text[start:end].strip().rstrip(".")
        parts = name.split()
        if not 2 <= len(parts) <= 4 or any(not p[:1].isupper() or p.isupper() for p in parts):
            return None
        lexicon = self.view.lexicon
        if any(lexicon.is_a(p, "media") or lexicon.is_a(p, "human") or lexicon.lookup(p) for p in parts):
            return None
        return Speaker(start, start + len(name), name, None)

    def labels(self) -> None:
        """A line that opens with a name and a colon states what that source said: a transcript
        (``WALLACE: Let's start…``, a label that opens two lines or more) or a headline in the news
        convention (``Pence: Flowers Won't Be at Debate``, ``Лукашенко: …``, the label a name)."""
        text = self.text
        counts: dict[str, int] = {}
        lines = list(_LABEL_RE.finditer(text))
        for m in lines:
            counts[m.group("label")] = counts.get(m.group("label"), 0) + 1
        for m in lines:
            s, e = m.span("label")
            c0, c1 = m.start("rest"), _trim_end(text, m.start("rest"), m.end("rest"))
            if c1 <= c0 or count_words(text[c0:c1]) < _MIN_WORDS:
                continue
            label = m.group("label")
            sp = self._named(s, e) or self._surname(s, e)
            transcript = label.isupper() and counts[label] >= 2 and label.lower() not in _NOT_LABELS
            if sp is None and not transcript:
                continue
            if sp is None:
                sp = Speaker(s, e, label.title(), None)
            over = [f for f in self.found if f.start < c1 and c0 < f.end]
            if over:
                # a quote that opens the line with the label inside it ("WALLACE: …) is the label's
                f = over[0]
                if len(over) == 1 and f.speaker is None and m.start() <= f.start <= c0:
                    f.start, f.speaker, f.cue_text, f.region = c0, sp, ":", (s, e)
                elif len(over) == 1 and f.speaker is None and f.cue is None and c0 <= f.start and f.end <= c1:
                    # "Sanders: Clinton needs to ‘get away from …’ with Trump": the label's words
                    f.speaker, f.cue_text, f.region = sp, ":", (s, e)
                elif len(over) == 1 and f.cue_text == ":" and f.start < m.start() and f.end > c0:
                    # one quote mark left open over a whole transcript ("PENCE: … / "WALLACE: …):
                    # each labelled line starts the next speaker's turn
                    end, f.end = f.end, _trim_end(text, f.start, m.start())
                    self.found.append(Found(c0, end, True, cue_text=":", speaker=sp, region=(s, e)))
                continue
            self.found.append(Found(c0, c1, transcript, cue_text=":", speaker=sp, region=(s, e)))

    def _surname(self, start: int, end: int) -> Speaker | None:
        """A one-word label that is the surname of a person the text names in full ("Pence: Flowers
        Won't Be at Debate" over an article about Mike Pence), though the entity stage did not tag
        the headline itself."""
        word = self.text[start:end]
        if " " in word or not word[:1].isupper() or word.isupper() or word.lower() in _NOT_LABELS:
            return None
        for m in self.view.mentions:
            names = (m.entity or m.text).split()
            if m.kind == "person" and len(names) >= 2 and names[-1] == word:
                return Speaker(start, end, m.entity, self.view.entity_id(m))
        return None

    def _named(self, start: int, end: int) -> Speaker | None:
        """A speaker for a name written exactly at ``[start, end)``: a person or org mention."""
        for m in self.view.mentions_in(start, end):
            if (
                m.kind in ("person", "org")
                and m.start >= start
                and m.end <= end
                and m.end - m.start >= (end - start) // 2
            ):
                return Speaker(start, end, m.entity, self.view.entity_id(m))
        return None

    # pass 6: continuation ---------------------------------------------------------------------
    def continuation(self) -> None:
        prev: Found | None = None
        for f in sorted(self.found, key=lambda x: x.start):
            if f.span is not None and f.cue is None and f.cue_text is None and prev is not None:
                p_start, _ = paragraph_bounds(self.text, prev.end)
                f_par, _ = paragraph_bounds(self.text, f.start)
                after_attr = max(prev.end, prev.speaker.end if prev.speaker else 0, prev.cue.end if prev.cue else 0)
                gap = self.text[prev.end : f.span.open_at]
                if (
                    prev.speaker is not None
                    and gap.count("\n") <= 2
                    and len(gap) < 400
                    and f_par >= p_start
                    and not self._named_between(after_attr, f.span.open_at, prev.speaker.name)
                ):
                    f.speaker = Speaker(prev.speaker.start, prev.speaker.end, prev.speaker.name, prev.speaker.entity_id)
                    f.cue = prev.cue
            if f.speaker is not None:
                prev = f

    def _named_between(self, start: int, end: int, speaker: str | None = None) -> bool:
        """Whether another person who could speak next is named in ``[start, end)``: a person
        named as an object ("in an interview with CNN's Wolf Blitzer", "after meeting with Putin",
        "told Stumpf") or as a modifier ("Clinton's proposals") hands the floor to nobody."""
        return any(
            m.kind == "person" and m.entity != speaker and not self._object_mention(m)
            for m in self.view.mentions_in(start, end)
        )

    def _object_mention(self, m: Mention) -> bool:
        text = self.text
        if re.match(r"['’]s\b", text[m.end : m.end + 3]):
            return True
        before = _WORD_BEFORE_RE.search(text, max(0, m.start - 80), m.start)
        if before is None or not before.group(1).islower():
            return False
        w = before.group(1)
        cue = self.view.lexicon.lookup(w)
        if cue is not None:
            return cue.lemma in _REQUEST_LEMMAS
        return w in _OBJECT_PREPS or w.endswith(("ed", "ing"))

    # dates (English) --------------------------------------------------------------------------
    def _dates_report_en(self, t: TimeExpr, f: Found) -> bool:
        """Whether time expression ``t`` dates the reporting clause of ``f`` ("said on 5 May", "In
        September, the company had said"), not a phrase that merely stands near the cue: quoted
        words, the speaker's own phrase and appositive ("Mr Donofrio, Industry Week's 2003 Technology
        Leader"), a relative clause about the speaker ("Arnold, who presented shows in the 1980s,
        said"), a date modifying a noun ("the 2004 US election", "his Christmas message"), or another
        clause of the sentence ("In 2001 the firm set up a fund, but it later admitted", "said he did
        not know the date, but it is expected to be 5 May")."""
        assert f.cue is not None
        text, cue = self.text, f.cue
        if any(
            s.start < t.end and t.start < s.end for s in self.view.spans_overlapping(t.start, t.end) if s.kind != "dash"
        ):
            return False
        sp = f.speaker
        if sp is not None and sp.start <= t.start and t.end <= sp.end:
            return False
        s_start = self.view.sentence_span(t.start)[0]
        seg_start = max((text.rfind(c, s_start, t.start) for c in ",;(" + DASHES), default=-1) + 1
        seg_start = max(seg_start, text.rfind(" - ", s_start, t.start) + 3)  # "The band - whose LP was …"
        if _RELATIVE_OPEN_RE.match(text, max(seg_start, s_start)):
            return False
        prev = _WORD_BEFORE_TIME_RE.search(text, max(s_start, t.start - 30), t.start)
        nxt = re.match(r"\s+(\w+)", text[t.end : t.end + 30])
        modifier = prev is not None and (prev.group(1).lower() in _ADJ_DETERMINERS or bool(prev.group(2)))
        if modifier and nxt is not None and nxt.group(1).lower() not in NP_STOP:
            return False  # "the 2004 US presidential election", "the Bank's December survey"
        lo, hi = (t.end, cue.start) if t.end <= cue.start else (cue.end, t.start)
        between = text[lo:hi]
        if sp is not None and lo <= sp.start and sp.end <= hi:
            between = text[lo : sp.start] + " " + text[sp.end : hi]
        if _OTHER_CLAUSE_RE.search(between):
            return False
        if t.start >= cue.end:
            # after the cue only the cue's own complements: "said on Friday", "told BBC News last week";
            # "said it was cutting first-quarter output", "expects to start by the end of April" date
            # the content, not the saying
            return not _has_clause(between, "en") and not re.search(r"\bto\s+[a-z]", between)
        return True

    # output -----------------------------------------------------------------------------------
    def quotes(self, sentence_of: Callable[[int], int]) -> list[Quote]:
        out: list[Quote] = []
        for f in sorted(self.found, key=lambda x: x.start):
            start, end = _strip(self.text, f.start, f.end)
            dateline = _DATELINE_RE.match(self.text, start, end)
            if dateline and not f.direct and count_words(self.text[dateline.end() : end]) >= _MIN_WORDS:
                start = dateline.end()  # "MINSK, September 26, 2025 (Minsk Ledger) — " is no one's words
            # Reported content loses its clause punctuation; a direct quote keeps its own
            # sentence end (".", "!", "?") but not the comma that American style puts inside.
            end = _trim_end(self.text, start, end) if not f.direct else _strip(self.text, start, end, ",;:")[1]
            if end <= start:
                continue
            sp = f.speaker
            date = None
            if f.cue is not None:
                keep = (lambda t, f=f: self._dates_report_en(t, f)) if self.view.language == "en" else None
                t = self.view.time_near(*f.region, f.cue.start, (start, end), keep)
                date = t.value if t else None
            out.append(
                Quote(
                    text=self.text[start:end],
                    start=start,
                    end=end,
                    direct=f.direct,
                    speaker=sp.name if sp else None,
                    speaker_id=sp.entity_id if sp else None,
                    # the source phrase of this attribution: the speaker's, else the relaying outlet's
                    speaker_start=sp.start if sp else (f.via_span[0] if f.via_span else None),
                    speaker_end=sp.end if sp else (f.via_span[1] if f.via_span else None),
                    cue=f.cue.text if f.cue else f.cue_text,
                    date=date,
                    sentence=sentence_of(start),
                    via=f.via,
                )
            )
        return out


#: A source named only by its trade or its function, to be resolved to the organisation meant.
_TRADE_SOURCE = re.compile(
    r"(?i)the\s+(?:company|firm|miner|mining\s+group|carmaker|automaker|group|airline|lender|retailer|producer|"
    r"insurer|operator|manufacturer|governing\s+body|body|regulator)"
)
# A leading dateline: a place in capitals, an optional date, an optional (outlet), a dash.
_DATELINE_RE = re.compile(
    r"[A-ZА-ЯЁ]{2,}(?:[ .’'-]+[A-ZА-ЯЁ]{2,})*\.?(?:,[^\n—–()]{1,40}?)?(?:\s*\([^()\n]{1,60}\))?\s*(?:—|–|--|-)\s+"
)
_COORD = words("and but и а но")
#: A past participle with a preposition after a comma or "and" ("filed in", "serialised in"): a reduced relative.
_REDUCED_RELATIVE_EN = re.compile(r"(?:,|\band)\s+[a-z]+ed\s+(?:in|by|on|at|for|from|with|to|under)\b[^,]*")
#: Subject pronouns that open a reported clause after "told" ("told reporters he would …").
_SUBJECT_PRONOUNS_EN = words("he she it they we i you there")
#: Titles that open a name: after an addressee they start the reported clause's subject.
_NAME_TITLES_EN = words("mr mrs ms dr sir lord lady prof president prime")
#: First words of a span that cannot open a reported clause (lower case: a finite verb or "of").
_FRAGMENT_OPENERS_EN = words(
    "of is are was were has have had will would can could may might must should shall does did do"
)
#: Conjunctions after which quoted speech opens its own clause.
_CLAUSE_CONJ_EN = words("and but or so yet because while although though as if when whereas unless since then")
#: A comma stretch that is a relative clause ("Moya, who missed out in 2000, said"): its dates are the speaker's.
_RELATIVE_OPEN_RE = re.compile(r"\s*(?:who|whom|whose|which)\b", re.IGNORECASE)
#: The word before a time expression: a determiner, or a possessive ("Industry Week's 2003 …").
_WORD_BEFORE_TIME_RE = re.compile(r"(\w+)(['’]s)?\s+$")
#: A clause boundary between a time expression and the cue: the time belongs to another clause.
_OTHER_CLAUSE_RE = re.compile(
    r"[;:]|,\s*and\b|\b(?:but|if|unless|because|although|though|while|whereas|whether|after|before|since)\b",
    re.IGNORECASE,
)
#: Conjunctions that open a new clause between a quote and a later cue.
_NEW_CLAUSE = words("but while although though because whereas но хотя потому")
#: A relative clause inside an appositive ("a historian who attended the session").
_RELATIVE_RE = re.compile(r"\b(?:who|whom|whose|which|который|которая|которое|которые)\b[^,—–―]*", re.IGNORECASE)
#: How many later cues of the same sentence may start a coordinated attribution.
_NEXT_CUES = 4
#: Where a coordinated clause starts inside reported content.
_CLAUSE_BREAK_RE = re.compile(r",\s+(?:and|but|while|и|а|но)\s|;\s|\s[—–]\s")
#: Cues whose object is the one quoted and whose subject is the outlet that quotes them.
_CITE_LEMMAS = frozenset({"процитировать"})
#: Abbreviation points inside a name: titles, initials, party-state tags ("(D-Mo.)").
_ABBREV_RE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Maj|St|Jr|Sr|Prof|Rev|Hon|Pres|[A-Z])\."
    r"|\([A-Z]-[A-Z][a-zA-Z]*\.?\)"
)
#: An apostrophe inside a word ("Obama's", "Clinton’s"): no quote mark.
_APOSTROPHE_RE = re.compile(r"(?<=\w)['’](?=\w)")
#: "“…” ― Name" at the end of a line: the quote's credit.
_CREDIT_RE = re.compile(
    r"[ \t\u00a0]*(?P<dash>[―—–])[ \t\u00a0]*(?P<name>[A-ZА-ЯЁ][\w.’'\-]*(?:[ \t][A-ZА-ЯЁ][\w.’'\-]*){0,4}?)"
    r"[ \t\u00a0]*\.?[ \t\u00a0]*(?=\n|$)"
)
#: A line opening with a label and a colon ("WALLACE: …", "Pence: …", "Лукашенко: …").
_LABEL_RE = re.compile(
    r"(?m)^[ \t]*[\"“«]?(?P<label>[A-ZА-ЯЁ][\w.’'\-]*(?:[ \t][A-ZА-ЯЁ][\w.’'\-]*){0,2}):[ \t]+(?P<rest>\S[^\n]*)$"
)
#: Capitalised labels that introduce no speaker.
_NOT_LABELS = words(
    "update note editor photo video watch read breaking exclusive analysis opinion correction q a question "
    "answer source sources caption crosstalk вопрос ответ фото видео источник"
)
_MASCULINE_PRONOUNS = words("он его him he his")
_FEMININE_PRONOUNS = words("она её ее she her")
#: Words that introduce a name after a comma ("the operation, dubbed “X”", "учения, названные «Х»").
_NAMING_WORD = re.compile(
    r"(?:\b(?:dubbed|called|named|codenamed|code-named|titled|entitled|known as)|"
    r"(?:названн\w*|именуем\w*|под названием|под кодовым названием))\s*,?$",
    re.IGNORECASE,
)
#: The word before a name, past title words, initials, "the" and possessives ("with CNN's Wolf Blitzer").
_WORD_BEFORE_RE = re.compile(r"(\w+)\s+(?:(?:[A-ZА-ЯЁ][\w.’'-]*|the)\s+)*$")
#: Prepositions after which a name is an object, not the next speaker ("by" is left out: an agent speaks).
_OBJECT_PREPS = words("of with about for from at on in into against to than like including over toward towards")
#: Verbs of characterisation: they attribute the quoted words a few words after them, nothing else.
_CHARACTERIZE = frozenset(
    {"call", "describe", "label", "brand", "condemn", "denounce", "accuse", "liken", "characterize", "deride"}
    | {"dismiss", "praise", "slam", "blast", "назвать", "охарактеризовать", "осудить", "обвинить"}
)
#: How many words may stand between such a verb and the quote ("called Wells Fargo's behavior “…”").
_CHARACTERIZE_REACH = 8
_REQUEST_LEMMAS = frozenset({"ask", "tell", "urge", "warn", "remind"})
#: Cues whose passive subject is the one addressed ("she was told that …"), not the thing reported.
_ADDRESSEE_LEMMAS = _REQUEST_LEMMAS | {"reply", "answer", "promise", "assure", "inform", "advise"}
_WEEKDAYS = words("monday tuesday wednesday thursday friday saturday sunday today yesterday")
#: verbs that report only next to the words they introduce ("he continued, “…”", "Moyes continued:
#: …"), never with a clause of their own ("continued its policy that …")
_QUOTE_ONLY_LEMMAS = frozenset({"continue"})
_ASIDE_RE = re.compile(r",\s+which\s")
#: lower-case words that may stand inside one name ("the Red Cross", "Bank of England")
_NAME_GLUE = words("of the for de and on in du la von van der al")
_SCENE_PREPS_EN = words("in on at during after before since despite amid among following under with without")
_COORD_OPEN = words("and but or и а но или")
_CIRCUMSTANCE_PREPS = words("in on at during after before в во на после до при")
_INSTITUTION_NOUNS_EN = words("agency service organisation organization group network")
_CLAUSE_OPENERS = words("there here it this that these those")


def _clause_start(tok: Tok) -> bool:
    """Whether a bare clause (no "that") can begin with ``tok``: a determiner,
    pronoun, name or number ("said *the* plan…", "said *he*…"), not a bare noun
    ("added layers of complexity")."""
    low = tok.lower
    if not tok.is_word:
        return tok.text in QUOTE_CHARS
    return tok.is_cap or tok.text[0].isdigit() or low in DETERMINERS or low in PRONOUNS or low in _CLAUSE_OPENERS


def _first_words(toks: list[Tok], k: int, end: int, n: int) -> list[str]:
    """The first ``n`` words from ``toks[k]`` that lie before ``end`` (punctuation not counted)."""
    out: list[str] = []
    for t in toks[k:]:
        if t.start >= end or len(out) >= n:
            break
        if t.is_word:
            out.append(t.text)
    return out


#: Words that open a Russian aside between a subject and its verb: a relative clause.
_RU_ASIDE_WORDS = words("который которая которое которые которого которой которым где когда")
#: Parts of speech that open a Russian aside: a gerund ("выступая на брифинге"), a participle
#: ("находящийся в отпуске"), a preposition ("по его словам", "в свою очередь").
_RU_ASIDE_POS = frozenset({"GRND", "PRTF", "PREP"})


def _ru_asides_only(toks: list[Tok], subj: tuple[int, int], comma: int) -> bool:
    """Whether, in a Russian sentence, the subject ``subj`` stands before the first comma and every
    comma-delimited stretch from there to the cue's ``comma`` is an aside (a gerund, participle,
    prepositional or relative phrase): "Мария Захарова, выступая на брифинге, назвала …".  The
    subject of the verb is then the one before the asides, however many of them there are."""
    commas = [n for n in range(len(toks)) if toks[n].text == "," and n <= comma]
    if not commas or commas[0] <= subj[1] or any(c < subj[0] for c in commas):
        return False
    for c in commas[:-1] if commas[-1] == comma else commas:
        nxt = toks[c + 1] if c + 1 < len(toks) else None
        if nxt is None or not nxt.is_word:
            return False
        if nxt.lower not in _RU_ASIDE_WORDS and russian.pos(nxt.text) not in _RU_ASIDE_POS:
            return False
    return commas[-1] == comma


def _has_clause(text: str, language: str) -> bool:
    return any(is_clause_word(t.text, language) for t in tokenize(text) if t.is_word)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:" + DASHES):
        end -= 1
    return end


def _strip(text: str, start: int, end: int, extra: str = "") -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in extra):
        end -= 1
    return start, end


def extract(
    text: str,
    language: str,
    lexicon: Lexicon,
    *,
    sentences: list[tuple[int, int]] | None = None,
    mentions: list[Mention] | None = None,
    times: list[TimeExpr] | None = None,
    entity_ids: dict[str, str] | None = None,
    sentence_of: Callable[[int], int] | None = None,
) -> list[Quote]:
    """All statements of ``text`` as :class:`~dossier.model.Quote` records."""
    view = DocView.build(text, language, lexicon, sentences or [], mentions or [], times or [], entity_ids or {})
    view.spans = quoted_spans(text, lexicon.language)
    ex = Extractor(view)
    ex.direct()
    ex.chains()  # first, so that "…,” X told reporters, according to BelTA" keeps BelTA as via
    ex.indirect()
    ex.chains()
    ex.asides()
    ex.credits()
    ex.labels()
    ex.outlets()
    ex.antecedents()
    ex.trade_sources()
    ex.continuation()
    return ex.quotes(sentence_of or view.sentence_index)
