"""A read-only view of one article for the attribution rules.

Why: every rule asks the same questions (which sentence holds this offset,
which mentions lie in this range, what are the tokens of this sentence), so
they are answered once here, with the sentence tokens cached, instead of being
recomputed by each rule.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dossier.analyze.attribution.lexicon import CueForm, Lexicon
from dossier.analyze.attribution.marks import QuotedSpan
from dossier.analyze.attribution.text import Tok, split_sentences, tokenize
from dossier.analyze.timex.intervals import is_calendar_date
from dossier.model import Mention, TimeExpr

#: Mention kinds that can speak.  Places count through metonymy ("Moscow said").
SPEAKER_KINDS = frozenset({"person", "org", "organization", "organisation", "place", "gpe", "media", "group"})


def _tok_start(tok: Tok) -> int:
    return tok.start


def _start(x: Any) -> int:
    return x.start  # type: ignore[no-any-return]


def _end(x: Any) -> int:
    return x.end  # type: ignore[no-any-return]


def _open_at(x: Any) -> int:
    return x.open_at  # type: ignore[no-any-return]


def _close_end(x: Any) -> int:
    return x.close_end  # type: ignore[no-any-return]


class _ByStart:
    """Items with a ``[start, end)`` extent, found by bisection instead of a scan of all.

    Why: the attribution rules ask "which mentions / quoted spans lie here"
    once per token, cue or quote; scanning every item each time made a text
    full of quotes or names cost quadratic time.  :meth:`overlapping` returns
    a superset of the items overlapping ``[start, end)`` (callers keep their
    exact test), in the list's own order.
    """

    __slots__ = ("_longest", "_order", "_starts", "items", "size")

    def __init__(self, items: list[Any], start_of: Callable[[Any], int], end_of: Callable[[Any], int]) -> None:
        self.items, self.size = items, len(items)
        self._order = sorted(range(len(items)), key=lambda i: start_of(items[i]))
        self._starts = [start_of(items[i]) for i in self._order]
        self._longest = max((end_of(x) - start_of(x) for x in items), default=0)

    def overlapping(self, start: int, end: int) -> list[Any]:
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, max(end, start + 1))
        return [self.items[i] for i in sorted(self._order[lo:hi])]


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting cue found in the text."""

    start: int
    end: int
    text: str
    form: CueForm


@dataclass(slots=True)
class DocView:
    """Text, sentences, mentions, times and quoted spans of one article."""

    text: str
    language: str
    lexicon: Lexicon
    sentences: list[tuple[int, int]]
    mentions: list[Mention]
    times: list[TimeExpr]
    entity_ids: dict[str, str]
    spans: list[QuotedSpan] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _tok_cache: dict[int, list[Tok]] = field(default_factory=dict)
    _index: dict[str, _ByStart] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        text: str,
        language: str,
        lexicon: Lexicon,
        sentences: list[tuple[int, int]],
        mentions: list[Mention],
        times: list[TimeExpr],
        entity_ids: dict[str, str],
    ) -> DocView:
        sents = sorted(sentences) if sentences else split_sentences(text)
        if not sents:
            sents = [(0, len(text))]
        sents = join_broken_sentences(text, sents)
        # A dateline ("BRUSSELS —", "ГРОДНО, 14 марта.") names where a report was filed, never who spoke.
        speakers = sorted(
            (m for m in mentions if m.kind in SPEAKER_KINDS and not (m.attrs or {}).get("dateline")),
            key=lambda m: (m.start, -m.end),
        )
        view = cls(text, language, lexicon, sents, speakers, sorted(times, key=lambda t: t.start), entity_ids)
        view._starts = [s for s, _ in sents]
        return view

    # sentences -------------------------------------------------------------------------
    def sentence_index(self, offset: int) -> int:
        i = bisect.bisect_right(self._starts, offset) - 1
        return max(0, min(i, len(self.sentences) - 1))

    def sentence_span(self, offset: int) -> tuple[int, int]:
        return self.sentences[self.sentence_index(offset)]

    def tokens(self, index: int) -> list[Tok]:
        toks = self._tok_cache.get(index)
        if toks is None:
            s, e = self.sentences[index]
            toks = tokenize(self.text, s, e)
            self._tok_cache[index] = toks
        return toks

    def tokens_between(self, start: int, end: int) -> list[Tok]:
        """Tokens lying in ``[start, end)``, possibly over several sentences."""
        out: list[Tok] = []
        first, last = self.sentence_index(start), self.sentence_index(max(start, end - 1))
        for i in range(first, last + 1):
            toks = self.tokens(i)
            # tokens are in text order: bisect to the range (a scan of the whole sentence per
            # call is quadratic on one long sentence with many quotes)
            lo = bisect.bisect_left(toks, start, key=_tok_start)
            hi = bisect.bisect_right(toks, end, key=_tok_start)
            out.extend(t for t in toks[lo:hi] if t.end <= end)
        return out

    # mentions and times ---------------------------------------------------------------
    def _by_start(
        self, name: str, items: list[Any], start_of: Callable[[Any], int], end_of: Callable[[Any], int]
    ) -> _ByStart:
        index = self._index.get(name)
        if index is None or index.items is not items or index.size != len(items):
            index = self._index[name] = _ByStart(items, start_of, end_of)
        return index

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        index = self._by_start("mentions", self.mentions, _start, _end)
        return [m for m in index.overlapping(start, end) if m.start < end and start < m.end]

    def span_opening_at(self, offset: int) -> QuotedSpan | None:
        """The first quoted span whose opening mark is at ``offset``."""
        index = self._by_start("spans", self.spans, _open_at, _close_end)
        return next((s for s in index.overlapping(offset, offset + 1) if s.open_at == offset), None)

    def spans_overlapping(self, start: int, end: int) -> list[QuotedSpan]:
        """Quoted spans (marks included) overlapping ``[start, end)``, in list order."""
        index = self._by_start("spans", self.spans, _open_at, _close_end)
        return [s for s in index.overlapping(start, end) if s.open_at < end and start < s.close_end]

    def spans_within(self, start: int, end: int) -> list[QuotedSpan]:
        """Quoted spans opening at or after ``start`` and closing by ``end``, in list order."""
        index = self._by_start("spans", self.spans, _open_at, _close_end)
        return [s for s in index.overlapping(start, end) if start <= s.open_at and s.close_end <= end]

    def last_person_before(
        self, offset: int, *, kinds: frozenset[str] = frozenset({"person"}), window: int = 6
    ) -> Mention | None:
        """Most recent mention of ``kinds`` before ``offset`` within ``window`` sentences,
        skipping mentions inside quoted speech (a name said by someone is not the speaker)."""
        floor = self.sentences[max(0, self.sentence_index(offset) - window)][0]
        for m in reversed(self.mentions):
            if m.end > offset or m.kind not in kinds:
                continue
            if m.start < floor:
                return None
            if not self.in_speech(m.start, m.end):
                return m
        return None

    def entity_id(self, mention: Mention) -> str | None:
        """The entity id of a mention: the one the entity stage put on it, else by name."""
        found = mention.attrs.get("entity_id") if mention.attrs else None
        return found if isinstance(found, str) else self.entity_ids.get(mention.entity)

    def in_speech(self, start: int, end: int) -> bool:
        index = self._by_start("speech", self.spans, _start, _end)
        return any(s.kind == "speech" and s.start <= start and end <= s.end for s in index.overlapping(start, end))

    def time_near(
        self,
        start: int,
        end: int,
        cue_at: int,
        exclude: tuple[int, int],
        keep: Callable[[TimeExpr], bool] | None = None,
    ) -> TimeExpr | None:
        """The time expression nearest the cue in the attribution clause, outside the content.

        Only calendar dates count ("stated on September 26", "вчера"): a
        duration ("for two hours"), a set ("every week") or a fuzzy reference
        ("recently", ``PAST_REF``) says nothing about *when* it was said.
        ``keep``, when given, must also accept the expression (a language's own
        test that it dates the reporting clause, not a phrase inside it).
        """
        best: TimeExpr | None = None
        for t in self.times:
            if t.end <= start or t.start >= end:
                continue
            if t.timex_type not in {"DATE", "TIME"} or not is_calendar_date(t.value):
                continue
            if t.start < exclude[1] and exclude[0] < t.end:
                continue
            if keep is not None and not keep(t):
                continue
            if best is None or abs(t.start - cue_at) < abs(best.start - cue_at):
                best = t
        return best


def join_broken_sentences(text: str, sents: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences joined back where the splitter broke one inside a line: the first ends with no
    terminal mark and the next opens in lower case or with an editorial bracket ("he honestly
    [does not] know", "…, which (he said) was"). A statement cut there loses its content's end, and
    the speaker of a quote its cue; headlines and list lines end at a line break and stay apart."""
    out: list[tuple[int, int]] = []
    for s, e in sents:
        if out:
            ps, pe = out[-1]
            gap = text[pe:s]
            head = text[pe:e].lstrip()
            tail = text[ps:pe].rstrip()
            if (
                "\n" not in gap
                and "\n" not in text[len(tail) + ps : pe]
                and tail
                and tail[-1] not in ".!?…:;\"'”’»)"
                and head[:1] != ""
                and (head[0].islower() or (head[0] in "[(" and head[1:2].islower()))
            ):
                out[-1] = (ps, e)
                continue
        out.append((s, e))
    return out
