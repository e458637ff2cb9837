"""The rule engine shared by the language modules.

A language is a list of :class:`Rule` (a compiled regex plus a handler).  The
engine runs every regex over the text (each scan is one C-level pass, no
Python loop over tokens), keeps the leftmost-longest candidates, then calls
the handlers in text order.  Text order matters: anaphoric expressions
("two weeks later", "the next day") are resolved against the last date
mentioned before them, which the engine tracks in :class:`DocState`.

Handlers return :class:`Hit` objects; the engine finally merges a clock time
with an adjacent date ("3 p.m. Friday") and turns hits into ``TimeExpr``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from dossier.analyze.timex.calendar import (
    PUBLIC_GRANULARITY,
    UNRESOLVED,
    add_months,
    fmt,
    safe_date,
    season_of,
    shift,
)

Tense = str | None  # "past" | "future" | None


@dataclass(slots=True)
class Hit:
    """One normalised expression found by a handler.

    ``ref`` is set on resolved calendar dates, which later anaphoric
    expressions may be anchored on; ``clock`` marks a bare clock time
    ("15:00", "TMO") still waiting for the date it belongs to.
    """

    start: int
    end: int
    timex_type: str
    value: str
    granularity: str
    anchor: str | None
    ref: date | None = None
    ref_gran: str | None = None
    clock: str | None = None
    #: ``(unit, n, granularity)`` of a count written before a date ("two days after March 15"): the
    #: value is re-anchored on that date once it is resolved (see :func:`run_rules`)
    count: tuple[str, float, str] | None = None


Handler = Callable[[re.Match[str], "DocState"], "list[Hit] | Hit | None"]


@dataclass(frozen=True, slots=True)
class Rule:
    """A regex and the handler that normalises its matches.

    ``priority`` breaks ties between candidates of the same span (a date rule
    beats a duration rule on "2024 года").
    """

    name: str
    regex: re.Pattern[str]
    handler: Handler
    priority: int = 0
    #: trigger classes (named groups of ``Language.triggers``) one of which every match contains;
    #: empty means "scan the whole text"
    keys: tuple[str, ...] = ()
    #: how far (characters) a match may extend before / after its trigger
    reach: tuple[int, int] = (60, 40)


@dataclass(frozen=True)
class Language:
    """What the engine needs to know about one language."""

    code: str
    rules: Sequence[Rule]
    #: one regex with groups ``fut`` and ``past`` (and optionally ``neu``, words that are no cue):
    #: the nearest cue sets the tense.
    tense_re: re.Pattern[str] | None
    #: separators allowed between a clock time and the date it belongs to.
    clock_joiner: re.Pattern[str]
    #: lower-case trigger word -> trigger class; rules are keyed on classes (see :func:`run_rules`).
    #: Numbers are classed ``year``, ``decnum`` ("1990s") or ``num`` without a list.
    trigger_words: dict[str, str] = field(default_factory=dict)
    triggers: re.Pattern[str] | None = None
    #: a preposition right before an expression that fixes its side of the publication date, with a
    #: group ``past`` ("since March") or ``fut`` ("by March"); searched up to the expression's start
    lead_tense_re: re.Pattern[str] | None = None
    #: words that, near the expression (50 characters either side, in its sentence), cancel a
    #: forward-looking lead ("By March the firm *had* run out of cash": a deadline in past narrative)
    lead_future_veto: re.Pattern[str] | None = None
    #: a present-tense schedule verb at most a few words before an expression, ending at the expression
    #: ("the suspects appear in court Monday", "the embassy reopens Monday"): news write what is scheduled
    #: in the present, so it is the expression's own (future) verb phrase; searched up to its start.  An
    #: optional group ``v`` marks the verb: only the words after it must be free of other tense cues
    close_future_re: re.Pattern[str] | None = None
    #: tense cues that are auxiliaries (matched at a cue's start: "will", "was", "had"...): a few words
    #: before an expression, with no punctuation between, they are its own verb phrase and decide its
    #: tense before any nearer cue beyond a comma; a participle ("the reduced dividend is payable") or
    #: "expects to" is too often an adjective or a plan about something else to count
    close_aux_re: re.Pattern[str] | None = None
    #: a simple past verb (matched at a cue's start: "visited", "signed", "met") that stands at most two
    #: words before a month or day, with no preposition of aim between ("visited Paris in September",
    #: "arrived on Monday"): the event it names is over, so the date is its own and lies behind.  Wider
    #: gaps are left to the nearest-cue rule ("said the vote is on Dec. 21" reports a coming date)
    close_past_verb_re: re.Pattern[str] | None = None
    #: every tense cue is a finite verb form (Russian: "состоялась", "пройдут"), so one a few words
    #: from the expression, before or after it with no punctuation between, is its own verb: word
    #: order is free ("20 февраля состоялась встреча", "встреча состоялась 20 февраля")
    verb_cues_close: bool = False
    #: a second look at a sentence's cues, ``(text, start, end, cues) -> cues`` (each ``(start, end,
    #: tense)``), for what a regex cannot tell (Russian: a dictionary drops "-ло" nouns such as "дело" read
    #: as past verbs and adds perfective verbs in the non-past, "придут", "откроют", as futures)
    refine_cues: Callable[[str, int, int, list[tuple[int, int, str]]], list[tuple[int, int, str]]] | None = None

    def __post_init__(self) -> None:
        if self.trigger_words and self.triggers is None:
            words = trie_regex(sorted(self.trigger_words))
            object.__setattr__(self, "triggers", re.compile(rf"\d+|\b{words}\b"))


_SENT_SPLIT_RE = re.compile(r"(?<=[.!?…])[\"'»”’)\]]*\s+(?=[\"'«“(\[]?[A-ZА-ЯЁ])|\n\s*\n")


#: words whose dot is part of the word and that a capitalised name usually follows: titles, "vs.", initials
_NO_SENTENCE_END = re.compile(
    r"(?:\b(?:vs|Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Cmdr|Adm|Rev|St|Mt|Ft|Sr|Jr|No)\.|"
    r"(?<![\w.])[A-Z]\.)$"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans, used only when the caller gave none.

    They bound the window in which tense cues are looked for and in which a
    clock time looks for its date; an occasional wrong split costs little.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_SPLIT_RE.finditer(text):
        if _NO_SENTENCE_END.search(text, max(0, m.start() - 6), m.start()):
            continue  # "Roe vs. Wade", "Mr. Bush", "J. Edgar Hoover": the dot ends a word, not the sentence
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


@dataclass(slots=True)
class DocState:
    """Per-text resolution context handed to every handler.

    Holds the anchor (publication date), the sentence spans, a tense cache,
    and the last resolved date seen so far (for anaphoric expressions).
    """

    text: str
    anchor: date | None
    sentences: list[tuple[int, int]]
    tense_re: re.Pattern[str] | None
    lead_tense_re: re.Pattern[str] | None = None
    lead_future_veto: re.Pattern[str] | None = None
    close_future_re: re.Pattern[str] | None = None
    close_aux_re: re.Pattern[str] | None = None
    close_past_verb_re: re.Pattern[str] | None = None
    verb_cues_close: bool = False
    refine_cues: Callable[[str, int, int, list[tuple[int, int, str]]], list[tuple[int, int, str]]] | None = None
    last_ref: date | None = None
    last_ref_gran: str | None = None
    last_by_gran: dict[str, date] = field(default_factory=dict)
    #: where the last reference was mentioned (its start offset)
    last_ref_pos: int = -1
    #: the latest quarter / half named so far: in results news the reported period, which "the period"
    #: means even after a look back ("after a flat second quarter, ... the year-earlier period")
    latest_by_gran: dict[str, date] = field(default_factory=dict)
    #: whether the cue that decided the last :meth:`tense` call stood close to the expression, in its
    #: clause (a leading "since", a close auxiliary or schedule verb; see ``Language.close_aux_re``)
    last_cue_close: bool = False
    _starts: list[int] = field(default_factory=list)
    _tense_cache: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._starts = [s for s, _ in self.sentences]

    @property
    def anchor_iso(self) -> str | None:
        return self.anchor.isoformat() if self.anchor else None

    def sentence_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._starts, pos) - 1)

    def sentence_span(self, pos: int) -> tuple[int, int]:
        if not self.sentences:
            return 0, len(self.text)
        return self.sentences[self.sentence_index(pos)]

    def tense(self, start: int, end: int) -> Tense:
        """Tense of the clause around ``[start, end)``: the nearest cue in its sentence wins.

        A cheap stand-in for a parser: one regex pass per sentence, cached.
        A preposition right before the expression (``Language.lead_tense_re``:
        "since", "by") is nearer than any verb and decides first.
        """
        if self.lead_tense_re is not None and not self.text.startswith(("'s", "’s"), end):
            # "since March" can only look back and "by March" (a deadline) forward, whatever the verb;
            # not before a possessive ("hit by Tuesday's storm": "by" is the agent's)
            lead = self.lead_tense_re.search(self.text, max(0, start - 12), start)
            if lead is not None and lead.group("past"):
                self.last_cue_close = True
                return "past"
            s_lo, s_hi = self.sentence_span(start)
            if lead is not None and not (
                self.lead_future_veto is not None
                and self.lead_future_veto.search(self.text, max(s_lo, start - 50), min(s_hi, end + 50))
            ):
                # "by" is also the agent's ("the accord signed by ..."), so it is no close cue
                self.last_cue_close = False
                return "future"
        self.last_cue_close = False
        if self.tense_re is None:
            return None
        idx = self.sentence_index(start)
        cues = self._tense_cache.get(idx)
        if cues is None:
            s, e = self.sentence_span(start)
            cues = [
                (m.start(), m.end(), "future" if m.group("fut") else "past")
                for m in self.tense_re.finditer(self.text, s, e)
                if not m.groupdict().get("neu")  # a neutral cue only keeps its words from being read as one
            ]
            if self.refine_cues is not None:
                cues = self.refine_cues(self.text, s, e, cues)
            self._tense_cache[idx] = cues
        best: Tense = None
        best_dist = 1 << 30
        # the open end of a span ("was delayed until March", "was extended through May") may lie on
        # either side of the verb's time, so a close verb phrase says nothing about it
        open_end = _OPEN_END.search(self.text, max(0, start - 10), start) is not None
        for pos, cue_end, tense in cues:
            if pos >= start or self.close_aux_re is None or open_end:
                continue
            if (
                self.close_aux_re.match(self.text, pos) is not None
                and _close_cue(self.text, cue_end, start)
                # no cue of another tense between ("was speculation X would use"; "was held in" is fine)
                and all(_cue_tense(g) == tense for g in self.tense_re.finditer(self.text, cue_end, start))
                # nor a word of expectation: "was expected/set/due in March" looks ahead from a past moment
                and _EXPECTATION.search(self.text, pos, start) is None  # also in the cue: "had been set to"
            ):
                # an auxiliary a few words before, in the same clause ("will be held in", "was signed on"):
                # the expression's own verb phrase, which a cue beyond a comma does not overrule
                best = tense  # cues come in text order: the last that qualifies is the nearest
        if best is None and self.close_past_verb_re is not None and not open_end:
            best = self._close_past_verb(cues, start)
        if best is None and self.close_aux_re is not None:
            best = self._fronted(cues, start, end)
        if best is None and self.verb_cues_close and not open_end:
            near = [
                (start - cue_end if pos < start else pos - end, tense)
                for pos, cue_end, tense in cues
                if not (start <= pos < end)
                and (_close_cue(self.text, cue_end, start) if pos < start else _close_cue(self.text, end, pos))
            ]
            if near:
                best = min(near)[1]
        if best is not None:
            self.last_cue_close = True
            return best
        if self.close_future_re is not None and not open_end:
            s_lo, _ = self.sentence_span(start)
            sched = self.close_future_re.search(self.text, max(s_lo, start - 60), start)
            # the words between the verb (or copula) and the expression
            verb = sched.groupdict().get("v") if sched is not None else None
            gap_lo = (sched.end("v") if verb else sched.end()) if sched is not None else start
            if sched is not None and self.tense_re.search(self.text, gap_lo, start) is None:
                # a present schedule verb a few words before ("the suspects appear in court Monday"), with
                # no other cue between ("begin as previously planned Saturday" names how, not when)
                self.last_cue_close = True
                return "future"
        for pos, cue_end, tense in cues:
            if start <= pos < end:
                continue  # a cue inside the expression itself ("last") is not the verb
            # from the cue's end: a long cue ("was scheduled to") is as near as the short one it ends like
            dist = start - cue_end if pos < start else pos - end
            if dist < best_dist:
                best, best_dist = tense, dist
        return best

    def _fronted(self, cues: list[tuple[int, int, str]], start: int, end: int) -> Tense:
        """The tense of the main clause for a date fronted before it ("In January, ..., a bombing killed").

        A date that opens its sentence, after at most a preposition, and is set off by a comma modifies
        the clause that follows; the first tense cue after it is that clause's verb (or a verb inside a
        parenthesis before it, which in news narrates the same time).
        """
        s_lo, _ = self.sentence_span(start)
        if _FRONTED_LEAD.fullmatch(self.text, s_lo, start) is None or not self.text.startswith(",", end):
            return None
        after = [c for c in cues if c[0] >= end]
        if not after or after[0][2] == "neutral":
            return None
        return after[0][2]

    def _close_past_verb(self, cues: list[tuple[int, int, str]], start: int) -> Tense:
        """"past" when the nearest cue before ``start`` is a simple past verb at most two words before it.

        Only the nearest cue counts, so "agreed to pay in March" (the future "agreed to" is nearer)
        and "visited Paris and will return in May" keep their forward reading.
        """
        assert self.close_past_verb_re is not None
        before = [c for c in cues if c[1] <= start]
        if not before:
            return None
        pos, cue_end, tense = before[-1]
        if tense != "past" or self.close_past_verb_re.fullmatch(self.text, pos, cue_end) is None:
            return None
        if _CLOSE_VERB_GAP.fullmatch(self.text, cue_end, start) is None:
            return None
        if _EXPECTATION.search(self.text, pos, start) is not None:
            return None
        if _DETERMINER_BEFORE.search(self.text, max(0, pos - 24), pos) is not None:
            return None
        return "past"

    def reference(self) -> tuple[date | None, str | None, str | None]:
        """(date, granularity, anchor string) for anaphoric expressions.

        The last resolved date in the text when there is one, else the
        publication date.
        """
        if self.last_ref is not None:
            return self.last_ref, self.last_ref_gran, self.last_ref.isoformat()
        if self.anchor is not None:
            return self.anchor, "day", self.anchor.isoformat()
        return None, None, None

    # -- helpers the handlers share ----------------------------------------------------

    def point(self, start: int, end: int, d: date | None, gran: str, *, anchor: str | None,
              typ: str = "DATE", ref: bool = True) -> Hit:
        """A DATE hit for the ``gran`` period containing ``d`` (unresolved when ``d`` is None)."""
        if d is None:
            return Hit(start, end, typ, UNRESOLVED[gran], _public(gran), None)
        return Hit(start, end, typ, fmt(d, gran), _public(gran), anchor,
                   ref=d if ref else None, ref_gran=gran if ref else None)

    def deictic(self, start: int, end: int, unit: str, n: float, gran: str | None = None) -> Hit:
        """Anchor-relative point: ``n`` units from the publication date ("last week": -1 week)."""
        gran = gran or unit
        if self.anchor is None:
            return Hit(start, end, "DATE", UNRESOLVED[gran], _public(gran), None)
        return self.point(start, end, shift(self.anchor, unit, n), gran, anchor=self.anchor_iso)

    def anaphoric(self, start: int, end: int, unit: str, n: float, gran: str | None = None) -> Hit:
        """Point ``n`` units from the last date mentioned (else the publication date).

        The result is never finer than the reference: "two days later" after
        "in 2010" stays "2010".
        """
        gran = gran or unit
        ref, ref_gran, ref_iso = self.reference()
        if ref is None:
            return Hit(start, end, "DATE", UNRESOLVED[gran], _public(gran), None)
        if ref_gran is not None and _ORDER.get(ref_gran, 0) > _ORDER.get(gran, 0):
            gran = ref_gran
        elif ref_gran in ("quarter", "half") and gran == "year":
            gran = ref_gran  # "a year earlier" after "the third quarter": the same quarter
        return self.point(start, end, shift(ref, unit, n), gran, anchor=ref_iso, ref=False)

    def choose_year(self, offset_days: Callable[[int], int | None], start: int, end: int,
                    *, firm: bool = False) -> int | None:
        """Year for a date written without one ("September 26", "the third quarter", "in March").

        ``offset_days(y)`` is how far (in days, signed) the period in year ``y``
        lies from the anchor.  The nearest of the anchor's year and its two
        neighbours wins, except that a date on the wrong side of the anchor for
        the clause's tense (a future date in a past-tense clause) pays
        :data:`TENSE_PENALTY_DAYS`: tense is a hint, not a rule, because our
        tense cues are shallow and news mention upcoming dates in the past
        tense ("said the vote is on Dec. 21").  With ``firm`` (months and days) an
        auxiliary a few words before the expression ("will be held in", "was
        signed on") costs :data:`CLOSE_TENSE_PENALTY_DAYS` instead: it is the
        expression's own verb phrase.  Quarters are not firm: "will report
        third-quarter results" is about a quarter already over.
        """
        a = self.anchor
        if a is None:
            return None
        tense = self.tense(start, end)
        # "since March": the period cannot lie ahead, so the penalty is as large as the choice
        since = tense == "past" and self._since(start)
        best: tuple[int, int] | None = None
        for y in (a.year, a.year - 1, a.year + 1):
            off = offset_days(y)
            if off is None:
                continue
            cost = abs(off)
            if (tense == "past" and off > 0) or (tense == "future" and off < 0):
                cost += RULED_OUT_DAYS if since else (
                    CLOSE_TENSE_PENALTY_DAYS if firm and self.last_cue_close else TENSE_PENALTY_DAYS)
            if best is None or cost < best[0]:
                best = (cost, y)
        return best[1] if best else None

    def _since(self, start: int) -> bool:
        """Whether the lead before ``start`` is the backward-looking one ("since March")."""
        if self.lead_tense_re is None:
            return False
        lead = self.lead_tense_re.search(self.text, max(0, start - 12), start)
        return lead is not None and bool(lead.group("past"))

    def resolve_month_day(self, month: int, day: int | None, start: int, end: int) -> date | None:
        """Date for a month (and day) written without a year; see :meth:`choose_year`."""
        a = self.anchor
        if a is None:
            return None

        def off(y: int) -> int | None:
            if day is None:
                return ((y * 12 + month) - (a.year * 12 + a.month)) * 30
            d = safe_date(y, month, day)
            return None if d is None else (d - a).days

        y = self.choose_year(off, start, end, firm=True)
        if y is None:
            return None
        return safe_date(y, month, day or 1) or safe_date(y, month, 28)

    def resolve_period(self, first_month: int, months: int, start: int, end: int) -> int | None:
        """Year of a quarter, half or season written without one ("the third quarter", "in the summer").

        The period starts on the 1st of ``first_month`` (13 = January of the
        next year, for winter) and lasts ``months``.
        """
        a = self.anchor
        if a is None:
            return None

        def off(y: int) -> int:
            lo = add_months(date(y, 1, 1), first_month - 1)
            hi = add_months(lo, months)
            if lo <= a < hi:
                return 0
            return (lo - a).days if a < lo else -((a - hi).days + 1)

        return self.choose_year(off, start, end)

    def resolve_weekday(self, weekday: int, start: int, end: int, rel: str | None = None) -> date | None:
        """Date of a weekday name: "last"/"next"/"this" first, else the tense, else the nearest."""
        a = self.anchor
        if a is None:
            return None
        diff = weekday - a.weekday()  # -6..6, within the anchor's ISO week
        if rel == "this":
            return a + _days(diff)
        back = -((a.weekday() - weekday) % 7)  # most recent, 0 when today
        fwd = (weekday - a.weekday()) % 7  # next, 0 when today
        if rel == "last":
            return a + _days(back if back != 0 else -7)
        if rel == "next":
            return a + _days(fwd if fwd != 0 else 7)
        tense = self.tense(start, end)
        if tense == "past":
            return a + _days(back)
        if tense == "future":
            return a + _days(fwd)
        return a + _days(back if -back <= fwd + 2 else fwd)

    def month_hit(self, month: int, direction: int | None, start: int, end: int) -> Hit:
        """A month named without a year: "last March" (-1), "next March" (+1), "this March" (0),
        or plain "March" (None: decided by the tense).  Shared by every language; the
        languages differ only in the words that give ``direction``."""
        a = self.anchor
        if a is None:
            return Hit(start, end, "DATE", f"XXXX-{month:02d}", "month", None)
        if direction is not None and direction < 0:
            y = a.year if month < a.month else a.year - 1
        elif direction is not None and direction > 0:
            y = a.year if month > a.month else a.year + 1
        elif direction == 0:
            y = a.year
        else:
            d = self.resolve_month_day(month, None, start, end)
            y = d.year if d else a.year
        return self.point(start, end, date(y, month, 1), "month", anchor=self.anchor_iso)

    def season_hit(self, code: str, direction: int | None, start: int, end: int) -> Hit:
        """A season named without a year (``code`` SP/SU/FA/WI), like :meth:`month_hit`.
        Winter runs December to February and takes the year it starts in."""
        a = self.anchor
        if a is None:
            return Hit(start, end, "DATE", f"XXXX-{code}", "season", None)
        order = ["SP", "SU", "FA", "WI"]
        cur, tgt = order.index(season_of(a)), order.index(code)
        base = a.year - (1 if a.month <= 2 else 0)
        if direction is not None and direction < 0:
            y = base if tgt < cur else base - 1
        elif direction is not None and direction > 0:
            y = base if tgt > cur else base + 1
        elif direction == 0:
            # "this spring" in February is the coming spring of the anchor's year; only winter, which
            # straddles New Year, takes the year it started in ("this winter" in January)
            y = base if code == "WI" else a.year
        else:
            y = self.resolve_period(3 + 3 * tgt, 3, start, end) or base
        # counted from the publication date: no reference for later anaphora ("out of contract in the summer
        # ... an answer within the next month" is not July)
        return season_value(start, end, y, code, self.anchor_iso, ref=False)

    def resolve_year_of(self, month: int, day: int, start: int, end: int) -> int | None:
        """Year for a yearly event (a holiday) whose date is known per year."""
        d = self.resolve_month_day(month, day, start, end)
        return d.year if d else None

    def note(self, hit: Hit) -> None:
        """Remember ``hit`` as the reference for later anaphoric expressions."""
        if hit.ref is not None:
            self.last_ref, self.last_ref_gran = hit.ref, hit.ref_gran
            self.last_ref_pos = hit.start
            if hit.ref_gran:
                self.last_by_gran[hit.ref_gran] = hit.ref
            if hit.ref_gran in ("quarter", "half"):
                self.latest_by_gran[hit.ref_gran] = max(hit.ref, self.latest_by_gran.get(hit.ref_gran, hit.ref))


_SEASON_FIRST_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def season_value(start: int, end: int, year: int, code: str, anchor: str | None, *, ref: bool = True) -> Hit:
    """A season hit that later anaphora can count from ("the fall of 1989 ... a year later" is 1990).

    The reference is the season's first month at month granularity: a season is no finer than a
    month, and "a year later" after it stays a year, not a quarter.  ``ref=False`` for a season
    counted from the publication date.
    """
    if not ref:
        return Hit(start, end, "DATE", f"{year:04d}-{code}", "season", anchor)
    return Hit(start, end, "DATE", f"{year:04d}-{code}", "season", anchor,
               ref=date(year, _SEASON_FIRST_MONTH[code], 1), ref_gran="month")


#: Extra cost, in days, of a date lying on the side of the anchor its clause's tense rules out.
TENSE_PENALTY_DAYS = 120
#: ... when the cue stands close to the expression in its clause ("will take place in November")
CLOSE_TENSE_PENALTY_DAYS = 400
#: ... and of one a leading "since" rules out: more than any distance between the candidate years.
RULED_OUT_DAYS = 1000

_ORDER = {"day": 0, "week": 1, "weekend": 1, "month": 2, "quarter": 3, "half": 4, "year": 5,
          "decade": 6, "century": 7}


_CLOSE_GAP = re.compile(r"\s*(?:[A-Za-zА-Яа-яЁё'’-]+\s+){0,4}")


#: English words, used only with the English ``Language.close_aux_re`` / ``close_future_re`` (other
#: languages leave those unset): expectations that look ahead from a past moment, and the open end of a
#: span, after which a close verb phrase does not fix the side of the publication date
_EXPECTATION = re.compile(
    r"\b(?:expected|anticipated|set|due|forecast|projected|predicted|likely|supposed|intended|timed|targeted"
    r"|earmarked|pencil(?:l)?ed|booked|slated|scheduled|planned|promised|pledged|poised|ready|about)\b",
    re.IGNORECASE,
)
#: what may precede a fronted date at the head of its sentence: a quotation mark, a preposition
_FRONTED_LEAD = re.compile(r"[\"'“‘(]?\s*(?:(?:in|on|at|during|by|late|early|earlier|later|last)\s+)?", re.IGNORECASE)
#: at most two words between a simple past verb and its date, none of them a preposition of aim or a
#: word that opens a new clause ("moved the vote to May", "called elections for March", "said that in May"),
#: nor one that opens the verb's object ("warned of cuts in January": the cuts, not the warning, are dated)
_CLOSE_VERB_GAP = re.compile(
    r"\s+(?:(?!(?:to|for|until|till|through|into|toward|towards|that|which|who|if|whether|and|but|or|by"
    r"|of|about|against|over|on|with)\b)"
    r"[A-Za-z'’.-]+\s+){0,2}(?:(?:on|in|at|during|last|early|late|mid|the)\s+)?",
    re.IGNORECASE,
)
#: what makes a past form no simple past: a determiner ("the proposed merger in March") or a present or
#: bare auxiliary ("the case is heard in May", "to be signed on Friday"): a participle, no event that is over
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|a|an|its|their|his|her|our|this|that|is|are|am|be|been|being|get|gets|getting)"
    r"\s+(?:(?:not|now|still|also|usually|typically|often)\s+)?$",
    re.IGNORECASE,
)
_OPEN_END = re.compile(r"\b(?:until|till|through|to|into)\s+$", re.IGNORECASE)


def _cue_tense(m: re.Match[str]) -> str:
    """The tense a match of ``Language.tense_re`` stands for ("neutral" for a ``neu`` match)."""
    gd = m.groupdict()
    if gd.get("neu"):
        return "neutral"
    return "future" if gd.get("fut") else "past"


def _close_cue(text: str, lo: int, hi: int) -> bool:
    """Whether the text between a tense cue and its expression is at most four words, no punctuation."""
    return hi - lo <= 45 and _CLOSE_GAP.fullmatch(text, lo, hi) is not None


def _days(n: int) -> timedelta:
    return timedelta(days=n)


def _public(gran: str) -> str:
    return PUBLIC_GRANULARITY.get(gran, gran)


def _windows(text: str, lang: Language) -> dict[str, list[tuple[int, int]]]:
    """Trigger hits by class, found in one pass over the lower-cased text."""
    out: dict[str, list[tuple[int, int]]] = {}
    if lang.triggers is None:
        return out
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lower-cased
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    words = lang.trigger_words
    for m in lang.triggers.finditer(low):
        tok = m.group()
        if tok[0].isdigit():
            e = m.end()
            if tok[-1] == "0" and low.startswith(("s", "'s", "’s"), e):
                cls = "decnum"
            elif len(tok) == 4 and 1500 <= int(tok) <= 2099:
                cls = "year"
            else:
                cls = "num"
        else:
            cls = words.get(_SPACES.sub(" ", tok), "word")
        out.setdefault(cls, []).append((m.start(), m.end()))
    return out


_SPACES = re.compile(r"\s+")


def _ranges(hits: list[tuple[int, int]], reach: tuple[int, int], n: int) -> list[tuple[int, int]]:
    """Merged ``[start - left, end + right]`` windows around trigger hits."""
    left, right = reach
    out: list[tuple[int, int]] = []
    for s, e in sorted(hits):
        lo, hi = max(0, s - left), min(n, e + right)
        if out and lo <= out[-1][1]:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def run_rules(text: str, lang: Language, state: DocState) -> list[Hit]:
    """Scan ``text`` with every rule and return the accepted hits in text order.

    Why windows: scanning each rule's regex over the whole text costs about a
    millisecond per rule and article in CPython's ``re``.  Every rule names
    the trigger classes (month names, unit words, four-digit numbers...) one
    of which each of its matches must contain; one pass of a cheap trigger
    regex finds those, and the rule then runs only in merged windows around
    its triggers.  Windows that touch are merged, so a match containing a
    trigger is never cut.

    Candidates are chosen leftmost-longest (priority breaks ties); a handler
    may reject its match (returning ``None``), in which case overlapping
    shorter candidates get their chance.
    """
    n = len(text)
    trig = _windows(text, lang)
    cands: list[tuple[int, int, int, int, re.Match[str], Rule]] = []
    for i, rule in enumerate(lang.rules):
        if rule.keys:
            hits = [h for k in rule.keys for h in trig.get(k, ())]
            if not hits:
                continue
            spans = _ranges(hits, rule.reach, n)
        else:
            spans = [(0, n)]
        for lo, hi in spans:
            for m in rule.regex.finditer(text, lo, hi):
                if m.end() > m.start():
                    cands.append((m.start(), -(m.end() - m.start()), -rule.priority, i, m, rule))
    if not cands:
        return []
    cands.sort(key=lambda c: c[:4])
    hits_out: list[Hit] = []
    covered_to = -1
    for start, neg_len, _p, _i, m, rule in cands:
        if start < covered_to:
            continue
        try:
            out = rule.handler(m, state)
        except (ValueError, OverflowError):
            # Calendar arithmetic left the years 1-9999 (an anchor such as 0001-01-01 or
            # 9999-12-31 from a broken feed, "the summer" a year after it): the expression has
            # no representable value, which is no reason to lose the article's other times.
            continue
        if out is None:
            continue
        found = [out] if isinstance(out, Hit) else out
        if not found:
            continue
        prev = hits_out[-1] if hits_out else None
        if prev is not None and prev.count is not None and found[0].ref is not None and found[0].clock is None:
            gap = text[prev.end:found[0].start]
            if _COUNT_GAP.fullmatch(gap):
                hits_out[-1] = _count_from(prev, found[0], state)
        if prev is not None and len(found) == 1:
            fixed = _ordered_range(text, prev, found[0], state)
            if fixed is not None:
                hits_out[-1], found = fixed[0], [fixed[1]]
        for h in found:
            state.note(h)
        hits_out.extend(found)
        covered_to = start - neg_len
    return _attach_clocks(text, hits_out, state, lang)


#: what may stand between "two days after" and the date it counts from: "after March 15", "after the 15th";
#: Russian leaves "после" out of the count's extent ("спустя два дня | после 15 марта")
_COUNT_GAP = re.compile(r"\s*(?:(?:the|on|of|после)\s+)?", re.IGNORECASE)


#: the two ends of a range: "from Monday until Wednesday", "between Friday and Monday", "с ноября по февраль"
_RANGE_OPEN = re.compile(r"(?:\b(?:from|between)|(?<!\w)(?:с|со))\s+(?:the\s+)?$", re.IGNORECASE)
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|until|till|through|thru|and|по|до)\s+(?:the\s+)?", re.IGNORECASE)
_WRITTEN_YEAR = re.compile(r"\d{4}|['’]\d\d")
#: a dash alone joining two dates, with no space around it, is a range without an opening word:
#: "January–September", "январь–сентябрь", "в январе–сентябре"; a spaced dash is punctuation between clauses
#: ("ВИТЕБСК, 3 декабря — Вчера …": a dateline, then the story)
_RANGE_DASH = re.compile(r"[-–—]")


def _ordered_range(text: str, first: Hit, second: Hit, state: DocState) -> tuple[Hit, Hit] | None:
    """A range whose ends were resolved each on its own and came out backwards ("will run from Monday
    until Wednesday" on a Wednesday: next Monday, today; "ran from November to February" in July:
    the coming November, the last February): the ends of a range are in order, so one end moves by
    the period its name repeats in (a week for a weekday, a year for a month or a day of a month).
    In a past clause the start moves back (the range is over), otherwise the end moves ahead.
    Ends with a written year are left alone."""
    if (first.ref is None or second.ref is None or first.ref_gran != second.ref_gran
            or first.ref_gran not in ("day", "month") or second.ref >= first.ref
            or not (
                _RANGE_DASH.fullmatch(text, first.end, second.start)
                or (_RANGE_GAP.fullmatch(text, first.end, second.start)
                    and _RANGE_OPEN.search(text, max(0, first.start - 12), first.start))
            )
            or _WRITTEN_YEAR.search(text, first.start, first.end)
            or _WRITTEN_YEAR.search(text, second.start, second.end)):
        return None
    unit, n = ("day", 7) if first.ref_gran == "day" and (first.ref - second.ref).days < 7 else ("year", 1)
    try:
        if state.tense(first.start, first.end) == "past":
            new = shift(first.ref, unit, -n)
            return state.point(first.start, first.end, new, first.ref_gran, anchor=first.anchor), second
        new = shift(second.ref, unit, n)
        return first, state.point(second.start, second.end, new, second.ref_gran, anchor=second.anchor)
    except (ValueError, OverflowError):
        return None


def _count_from(count: Hit, date_hit: Hit, state: DocState) -> Hit:
    """``count`` ("three weeks after") re-anchored on the date written right after it ("Jan. 2"):
    the same arithmetic as an anaphoric count, from that date instead of the last one named before."""
    unit, n, gran = count.count  # type: ignore[misc]
    saved = state.last_ref, state.last_ref_gran
    state.last_ref, state.last_ref_gran = date_hit.ref, date_hit.ref_gran
    try:
        return state.anaphoric(count.start, count.end, unit, n, gran)
    except (ValueError, OverflowError):
        return count
    finally:
        state.last_ref, state.last_ref_gran = saved


def _attach_clocks(text: str, hits: list[Hit], state: DocState, lang: Language) -> list[Hit]:
    """Give every bare clock time its date.

    A time written next to a day ("3 p.m. Friday", "Friday at 3 p.m.") is
    merged with it into one TIME expression; otherwise it takes the nearest
    day-level date in its sentence, else the publication date.
    """
    if not any(h.clock for h in hits):
        return hits
    out: list[Hit] = []
    i = 0
    while i < len(hits):
        h = hits[i]
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        if h.clock and nxt is not None and _joinable(text, h, nxt, lang):
            out.append(_merge(h, nxt, h.start, nxt.end))
            i += 2
            continue
        if (
            not h.clock
            and nxt is not None
            and nxt.clock
            and h.granularity == "day"
            and _joinable(text, h, nxt, lang)
        ):
            out.append(_merge(nxt, h, h.start, nxt.end))
            i += 2
            continue
        out.append(h)
        i += 1
    days = _DayIndex([h for h in out if _is_day(h)])
    for j, h in enumerate(out):
        if not h.clock:
            continue
        day = days.nearest(h.start, state)
        if day is not None:
            out[j] = Hit(h.start, h.end, "TIME", f"{day[0]}T{h.clock}", "time", day[1])
            days.add(out[j])  # a dated clock time is a day for the bare ones after it
        else:
            out[j] = Hit(h.start, h.end, "TIME", f"XXXX-XX-XXT{h.clock}", "time", None)
    return out


def _joinable(text: str, a: Hit, b: Hit, lang: Language) -> bool:
    return b.start - a.end <= 8 and (
        (a.clock is not None and _dayish(b) and not b.clock)
        or (b.clock is not None and _dayish(a))
    ) and lang.clock_joiner.fullmatch(text, a.end, b.start) is not None


def _dayish(h: Hit) -> bool:
    """A day, or a day narrowed to a part ("Tuesday evening"), which a clock time next to it makes exact."""
    if h.granularity == "day":
        return True
    return h.granularity == "time" and not h.clock and _PART_SUFFIX.search(h.value) is not None


_PART_SUFFIX = re.compile(r"^\d{4}-\d\d-\d\dT(?:MO|AF|EV|NI)$")


def _merge(clock: Hit, day: Hit, start: int, end: int) -> Hit:
    # the day may already carry a part of day ("Friday night"): the clock time replaces it
    value = day.value.split("T", 1)[0] + "T" + (clock.clock or "")
    return Hit(start, end, "TIME", value, "time", day.anchor, ref=day.ref, ref_gran=day.ref_gran)


def _is_day(h: Hit) -> bool:
    """A dated day (or a time on one) that a bare clock time may take its date from."""
    return not h.clock and h.granularity in ("day", "time") and h.value[:1].isdigit() and len(h.value) >= 10


class _DayIndex:
    """The dated days of a text by position, so each bare clock time finds its day by bisection.

    Why: scanning every hit for every clock time is quadratic, and a live blog,
    a timetable or a hostile line holds thousands of clock times ("noon " run
    40 kB took 20 s).
    """

    def __init__(self, days: list[Hit]) -> None:
        self._days = sorted(days, key=lambda h: h.start)
        self._starts = [h.start for h in self._days]

    def add(self, h: Hit) -> None:
        if _is_day(h):
            i = bisect.bisect_right(self._starts, h.start)
            self._starts.insert(i, h.start)
            self._days.insert(i, h)

    def nearest(self, pos: int, state: DocState) -> tuple[str, str | None] | None:
        """The day a bare clock time at ``pos`` belongs to: the nearest day in its sentence (the
        earlier of two as near), else the last day mentioned before the sentence, else the
        publication date."""
        s, e = state.sentence_span(pos)
        lo, hi = bisect.bisect_left(self._starts, s), bisect.bisect_left(self._starts, e)
        below = bisect.bisect_left(self._starts, pos)  # the days before the clock time: [0, below)
        i = min(max(below, lo), hi)
        before = self._days[i - 1] if i > lo else None
        after = self._days[i] if i < hi else None
        if before is not None and (after is None or abs(pos - before.start) <= abs(after.start - pos)):
            return before.value[:10], before.anchor
        if after is not None:
            return after.value[:10], after.anchor
        k = below - 1 if not lo <= below - 1 < hi else lo - 1  # the last day before, outside the sentence
        if k >= 0:
            last = self._days[k].value[:10]
            return last, last
        if state.anchor is not None:
            return state.anchor.isoformat(), state.anchor_iso
        return None


def trie_regex(words: Sequence[str]) -> str:
    """A regex matching any of ``words``, factored as a prefix trie.

    Why: CPython's ``re`` tries the branches of ``a|b|c`` one after another
    at every position; a trie lets it reject a position after one character
    comparison, which makes word-list alternations several times faster.
    Longer words win over their prefixes ("months" before "month").
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        end = "" in node
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + build(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return f"(?:{body})?"
        return body

    return "(?:" + build(trie) + ")"
