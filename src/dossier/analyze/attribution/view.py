"""A read-only view of one article for the attribution rules.

Why: every rule asks the same questions (which sentence holds this offset,
which mentions lie in this range, what are the tokens of this sentence), so
they are answered once here, with the sentence tokens cached, instead of being
recomputed by each rule.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from dossier.analyze.attribution.lexicon import CueForm, Lexicon
from dossier.analyze.attribution.marks import QuotedSpan
from dossier.analyze.attribution.text import Tok, split_sentences, tokenize
from dossier.analyze.timex.order import is_calendar_date
from dossier.model import Mention, TimeExpr

#: Mention kinds that can speak.  Places count through metonymy ("Moscow said").
SPEAKER_KINDS = frozenset({"person", "org", "organization", "organisation", "place", "gpe", "media", "group"})


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
            out.extend(t for t in self.tokens(i) if t.start >= start and t.end <= end)
        return out

    # mentions and times ---------------------------------------------------------------
    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.start < end and start < m.end]

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
        return any(s.kind == "speech" and s.start <= start and end <= s.end for s in self.spans)

    def time_near(self, start: int, end: int, cue_at: int, exclude: tuple[int, int]) -> TimeExpr | None:
        """The time expression nearest the cue in the attribution clause, outside the content.

        Only calendar dates count ("stated on September 26", "вчера"): a
        duration ("for two hours"), a set ("every week") or a fuzzy reference
        ("recently", ``PAST_REF``) says nothing about *when* it was said.
        """
        best: TimeExpr | None = None
        for t in self.times:
            if t.end <= start or t.start >= end:
                continue
            if t.timex_type not in {"DATE", "TIME"} or not is_calendar_date(t.value):
                continue
            if t.start < exclude[1] and exclude[0] < t.end:
                continue
            if best is None or abs(t.start - cue_at) < abs(best.start - cue_at):
                best = t
        return best
