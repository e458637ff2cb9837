"""The ``quotes`` analysis stage: fills ``ctx.analysis.quotes``.

Why it reads only text, sentences, mentions and times: Russian articles reach
it without a spaCy ``Doc``, and English ones without a parser, so the same
cheap rules serve both languages (about a millisecond per article; see
``docs/quotes.md``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.analyze.attribution.extract import extract
from dossier.analyze.attribution.lexicon import load_lexicon

if TYPE_CHECKING:
    from dossier.analyze.pipeline import DocContext


class QuoteStage:
    """Direct quotes and reported speech with speaker, cue, date and source chain.

    Reads ``analysis.sentences``, ``analysis.mentions``, ``analysis.entities``
    and ``analysis.times`` when earlier stages set them (and works, with
    unresolved speakers, when they did not); writes ``analysis.quotes``.
    """

    name = "quotes"

    def __call__(self, batch: list[DocContext]) -> None:
        for ctx in batch:
            analysis = ctx.analysis
            ids = {e.name: e.id for e in analysis.entities if e.id}
            analysis.quotes = extract(
                analysis.text,
                analysis.language or "en",
                load_lexicon(analysis.language or "en"),
                sentences=analysis.sentences,
                mentions=analysis.mentions,
                times=analysis.times,
                entity_ids=ids,
                sentence_of=analysis.sentence_of if analysis.sentences else None,
            )
