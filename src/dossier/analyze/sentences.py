"""Sentence boundaries shared by the language paths.

Why a rule on line breaks on top of the models' splitters: headlines, datelines
and Telegram lines carry no final full stop, and neither spaCy's senter nor
razdel ends a sentence at a bare line break; a headline glued to the first
sentence confuses every later stage (quotes, events, dates).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


def trim_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def sentences_from_doc(doc: Doc, text: str | None = None) -> list[tuple[int, int]]:
    text = doc.text if text is None else text
    out = []
    for sent in doc.sents:
        span = trim_span(text, sent.start_char, sent.end_char)
        if span:
            out.append(span)
    return out


_LINE_SPLIT = re.compile(r"\n\s*\n|\n(?=\s*[A-ZА-ЯЁ0-9\-•—–*>])|(?<=[.!?…:;\"”’»)])\n")
_SIMPLE_SENT = re.compile(r"(?<=[.!?…])[\"”’»)]*\s+(?=[\"“«(]*[A-ZА-ЯЁ0-9])")


def split_lines(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split sentence spans at blank lines and at line breaks that end a line (headlines, posts)."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        pos = start
        for m in _LINE_SPLIT.finditer(text, start, end):
            piece = trim_span(text, pos, m.start())
            if piece:
                out.append(piece)
            pos = m.end()
        piece = trim_span(text, pos, end)
        if piece:
            out.append(piece)
    return out


def simple_sentences(text: str) -> list[tuple[int, int]]:
    """Punctuation-based sentences for languages without a model."""
    spans, pos = [], 0
    for m in _SIMPLE_SENT.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return split_lines(text, spans)
