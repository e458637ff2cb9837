"""Texts longer than spaCy's limit are analysed in windows, offsets kept (issue #14)."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest

from dossier.analyze import Analyzer
from dossier.analyze.pipeline import DocContext
from dossier.analyze.windows import WINDOW_CHARS, text_windows
from dossier.model import Article, Mention

PARAGRAPH = (
    "Belarusian President Alexander Lukashenko said on Monday that the Oreshnik system would arrive "
    'in Minsk by December 2025. "We are ready," Lukashenko told reporters in Vitebsk on {n} March.\n\n'
)


def _covers(text: str, spans: list[tuple[int, int]], window: int) -> None:
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a == b for (_x, a), (b, _y) in itertools.pairwise(spans))
    assert all(0 < b - a <= window for a, b in spans)


def test_windows_cut_at_paragraphs_then_anything() -> None:
    text = "".join(PARAGRAPH.format(n=i % 28 + 1) for i in range(40))
    spans = text_windows(text, 1000)
    _covers(text, spans, 1000)
    assert all(text[a:b].endswith("\n\n") for a, b in spans[:-1])
    blob = "x" * 2500  # no break at all: hard cuts
    assert text_windows(blob, 1000) == [(0, 1000), (1000, 2000), (2000, 2500)]
    assert text_windows("short", 1000) == [(0, 5)]


class _Recorder:
    """A stage that records the sizes it sees and finds every 'Oreshnik' (no model needed)."""

    name = "recorder"

    def __init__(self) -> None:
        self.sizes: list[int] = []

    def __call__(self, batch: list[DocContext]) -> None:
        for ctx in batch:
            text = ctx.analysis.text
            self.sizes.append(len(text))
            ctx.analysis.sentences = [(0, len(text))]
            at = text.find("Oreshnik")
            while at != -1:
                ctx.analysis.mentions.append(Mention("Oreshnik", at, at + 8, "equipment", "Oreshnik"))
                at = text.find("Oreshnik", at + 1)


def test_a_text_over_spacy_max_length_reaches_every_stage_in_windows() -> None:
    text = "".join(PARAGRAPH.format(n=i % 28 + 1) for i in range(6000))
    assert len(text) > 1_000_000
    recorder = _Recorder()
    analysis = Analyzer(stages=[recorder]).analyze(Article(text=text, language="en", origin="big.txt"))
    assert max(recorder.sizes) <= WINDOW_CHARS and sum(recorder.sizes) == len(text)
    assert len(analysis.mentions) == 6000
    assert all(text[m.start : m.end] == "Oreshnik" for m in analysis.mentions)
    assert analysis.sentences[-1][1] == len(text)


@pytest.mark.slow
def test_windowed_analysis_keeps_offsets_sentences_quotes_and_entities() -> None:
    text = "".join(PARAGRAPH.format(n=i % 28 + 1) for i in range(12))
    article = Article(text=text, language="en", origin="long.txt", published=datetime(2025, 3, 1))
    whole = Analyzer().analyze(article)
    windowed = Analyzer(window_chars=700).analyze(article)
    assert len(text_windows(text, 700)) > 3
    for a in (whole, windowed):
        assert all(text[m.start : m.end] == m.text for m in a.mentions)
        assert all(a.sentences[m.sentence][0] <= m.start < a.sentences[m.sentence][1] for m in a.mentions)
        assert all(text[t.start : t.end] == t.text for t in a.times)
        assert all(a.sentences[q.sentence][0] <= q.start < a.sentences[q.sentence][1] for q in a.quotes)
        assert all(e.quote_index is None or e.quote_index < len(a.quotes) for e in a.events)
    # The same paragraphs give the same records, whether cut or not.
    assert windowed.sentences == whole.sentences
    assert [(m.start, m.end, m.kind) for m in windowed.mentions] == [(m.start, m.end, m.kind) for m in whole.mentions]
    assert [(t.start, t.value) for t in windowed.times] == [(t.start, t.value) for t in whole.times]
    assert [(q.start, q.speaker) for q in windowed.quotes] == [(q.start, q.speaker) for q in whole.quotes]
    # One entity per name across windows, with every alias.
    ids = [e.id for e in windowed.entities]
    assert len(ids) == len(set(ids))
    assert {e.name for e in windowed.entities} == {e.name for e in whole.entities}
