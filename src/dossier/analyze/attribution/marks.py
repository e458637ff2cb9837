"""Pairing quotation marks into quoted spans, and telling speech from names.

Why a pairing pass rather than one regex per style: news mixes styles in one
article (“…” around speech, ‘…’ inside it, ‘…’ again around a missile's
name), nests them, lets a quote run over paragraphs and sometimes leaves a
mark unclosed.  A single left-to-right pass with a stack handles all of these
in linear time, and never lets an unclosed mark reach past its paragraph.

Role of each mark is decided by *flanking*: a mark with space (or an opening
bracket) before it and a letter after it opens; one with a letter before and
space or punctuation after it closes.  That rule covers straight quotes, the
German/Russian „…“ and an apostrophe inside a word (Russia’s), which is
neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.analyze.attribution.text import DASHES, QUOTE_CHARS, count_words, is_clause_word, tokenize

_FAMILY = {
    '"': "double",
    "“": "double",
    "”": "double",
    "„": "double",
    "‟": "double",
    "'": "single",
    "‘": "single",
    "’": "single",
    "‚": "single",
    "‛": "single",
    "«": "guillemet",
    "»": "guillemet",
    "‹": "single-guillemet",
    "›": "single-guillemet",
    "''": "double",
    "``": "double",  # typewriter style: two apostrophes or backticks
}
_OPEN_ONLY = frozenset("«‹„‚")
_CLOSE_ONLY = frozenset("»›")
_OPEN_CONTEXT = frozenset("([{/" + DASHES + "-" + QUOTE_CHARS)
_CLOSE_CONTEXT = frozenset(".,;:!?)]}…/" + DASHES + "-" + QUOTE_CHARS)
_EVENT_RE = re.compile(r"''|``|[" + re.escape(QUOTE_CHARS) + r"]|\n+")
_ELISION_RE = re.compile(r"\d0s|em\b|tis\b|n\b", re.IGNORECASE)

#: Quoted spans of this many words or more are speech even without a verb.
SPEECH_MIN_WORDS = 8
#: Spans of at most this many words without a verb may be names ("Oreshnik").
NAME_MAX_WORDS = 6


@dataclass(slots=True)
class QuotedSpan:
    """A top-level quoted span.

    ``start``/``end`` delimit the content (marks excluded); ``open_at`` is the
    offset of the opening mark (or dash) and ``close_end`` the offset just past
    the closing mark (``end`` when the quote was left open).  ``kind`` is
    ``speech`` (a clause), ``fragment`` (a short lower-case phrase: scare quote
    or partial quote), ``name`` (a short capitalised title such as a missile's
    name) or ``dash`` (Russian dialogue introduced by a dash, speech only when
    attributed).
    """

    open_at: int
    start: int
    end: int
    close_end: int
    closed: bool = True
    paragraphs: int = 1
    kind: str = "speech"
    #: a name used as the title of a thing (``учения «Союзная решимость»``): never a quote
    title: bool = False


@dataclass(slots=True)
class _Open:
    family: str
    at: int
    paragraph_start: int
    paragraphs: int = 1
    width: int = 1


def _mark_at(text: str, i: int) -> str:
    two = text[i : i + 2]
    return two if two in ("''", "``") else text[i]


def _role(text: str, i: int) -> str | None:
    """``open``, ``close`` or ``None`` (not a quote mark here, e.g. an apostrophe)."""
    ch = _mark_at(text, i)
    if ch == "``":
        return "open"
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + len(ch)] if i + len(ch) < len(text) else " "
    if _FAMILY[ch] == "single" and prev.isalnum() and nxt.isalnum():
        return None  # Russia’s, don't
    if ch in "‘'’" and (prev.isspace() or i == 0) and _ELISION_RE.match(text, i + 1):
        return None  # ’90s, 'em
    if ch in _OPEN_ONLY:
        return "open"
    if ch in _CLOSE_ONLY:
        return "close"
    left = (prev.isspace() or prev in _OPEN_CONTEXT) and not nxt.isspace()
    right = not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_CONTEXT)
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    if left and right:  # between two marks or punctuation: ‘“ or ’”: use the glyph's usual side
        return "open" if ch in "“‘" else "close" if ch in "”’" else None
    return None


def _next_paragraph(text: str, at: int) -> tuple[int, int]:
    s = at
    while s < len(text) and text[s].isspace():
        s += 1
    e = text.find("\n", s)
    return s, (len(text) if e < 0 else e)


def _first_family_role(text: str, start: int, end: int, family: str) -> tuple[int, str | None]:
    for m in _EVENT_RE.finditer(text, start, end):
        ch = m.group()
        if ch[0] != "\n" and _FAMILY[ch] == family:
            role = _role(text, m.start())
            if role:
                return m.start(), role
    return -1, None


def _opened_as_speech(text: str, op: _Open) -> bool:
    """An unclosed mark still counts when it opens its paragraph or follows ':' or a dash."""
    before = text[op.paragraph_start : op.at].rstrip()
    return op.paragraphs > 1 or not before or before[-1] in ":" + DASHES


def pair_marks(text: str) -> list[QuotedSpan]:
    """All quoted spans of ``text`` (top-level and nested), in order of opening."""
    spans: list[QuotedSpan] = []
    stack: list[_Open] = []
    skip: set[int] = set()
    par_start = 0
    for m in _EVENT_RE.finditer(text):
        i = m.start()
        ch = m.group()
        if ch[0] == "\n":
            nxt_start, nxt_end = _next_paragraph(text, m.end())
            kept: list[_Open] = []
            for op in stack:
                lead = _mark_at(text, nxt_start) if nxt_start < len(text) else ""
                if lead and _FAMILY.get(lead) == op.family and _role(text, nxt_start) == "open" and not kept:
                    # Multi-paragraph quote: the next paragraph re-opens without closing this one.
                    skip.add(nxt_start)
                    op.paragraphs += 1
                    kept.append(op)
                    continue
                _, role = _first_family_role(text, nxt_start, nxt_end, op.family)
                if role == "close" and not kept:
                    op.paragraphs += 1  # a paragraph break inside a quote (broken markup)
                    kept.append(op)
                    continue
                if _opened_as_speech(text, op) and not kept:
                    spans.append(
                        QuotedSpan(
                            op.at,
                            op.at + op.width,
                            _rstrip(text, i),
                            _rstrip(text, i),
                            closed=False,
                            paragraphs=op.paragraphs,
                        )
                    )
            stack = kept
            par_start = m.end()
            continue
        if i in skip:
            continue
        role = _role(text, i)
        family = _FAMILY[ch]
        if role == "open":
            stack.append(_Open(family, i, par_start, width=len(ch)))
        elif role == "close":
            for k in range(len(stack) - 1, -1, -1):
                if stack[k].family == family:
                    op = stack[k]
                    del stack[k:]
                    spans.append(QuotedSpan(op.at, op.at + op.width, i, i + len(ch), paragraphs=op.paragraphs))
                    break
    for op in stack[:1]:
        if _opened_as_speech(text, op):
            end = _rstrip(text, len(text))
            spans.append(QuotedSpan(op.at, op.at + op.width, end, end, closed=False, paragraphs=op.paragraphs))
    spans.sort(key=lambda s: (s.open_at, -s.close_end))
    return spans


def _rstrip(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def top_level(spans: list[QuotedSpan]) -> list[QuotedSpan]:
    """Spans not enclosed by another span."""
    out: list[QuotedSpan] = []
    for s in spans:
        if out and s.open_at < out[-1].close_end:
            continue
        out.append(s)
    return out


_DASH_SPEECH_RE = re.compile(r"[ \t]*[—–][ \t]+")
_DASH_BREAK_RE = re.compile(r"(?<=[,!?.…])[ \t]+[—–][ \t]+")


def dash_speech(text: str) -> list[QuotedSpan]:
    """Dialogue lines (``— Мы готовы, — заявил он. — Всё решено.``) as ``dash`` spans.

    Only paragraphs that start with a dash are considered; the author's words
    sit between ``, —`` and the next ``. —``.  Whether a segment is speech is
    decided later, by whether the author's words hold a reporting cue.
    """
    out: list[QuotedSpan] = []
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        m = _DASH_SPEECH_RE.match(text, pos, end)
        if m:
            seg_start = m.end()
            open_at = m.start() + len(m.group()) - len(m.group().lstrip(" \t"))
            breaks = list(_DASH_BREAK_RE.finditer(text, seg_start, end))
            # Alternate: speech, author, speech...
            bounds = [seg_start] + [x for b in breaks for x in (b.start(), b.end())] + [end]
            for k in range(0, len(bounds) - 1, 4):
                s, e = bounds[k], bounds[k + 1]
                content_end = e - 1 if text[e - 1] in ",." and e - 1 > s else e
                out.append(QuotedSpan(open_at if k == 0 else s - 2, s, _rstrip(text, content_end), e, kind="dash"))
        pos = end + 1
    return out


def classify(text: str, span: QuotedSpan, language: str) -> str:
    """``speech``, ``fragment`` or ``name`` for a quoted span (see :class:`QuotedSpan`).

    The general rule: a clause (a verb, a pronoun subject, terminal
    punctuation with several words, or simply many words) is speech; a short
    span without one is a name when capitalised and a fragment otherwise.
    """
    content = text[span.start : span.end]
    words = [t.text for t in tokenize(content) if t.is_word]
    n = len(words)
    if n == 0:
        return "name"
    if n >= SPEECH_MIN_WORDS or span.paragraphs > 1:
        return "speech"
    stripped = content.rstrip(" ,")
    terminal = stripped[-1:] in ".!?…" and n >= 3 and not stripped.endswith(("Jr.", "Inc.", "Co."))
    verb = any(is_clause_word(w, language) for w in words)
    if (verb and n >= 2) or terminal:
        return "speech"
    if words[0][0].isupper() or words[0][0].isdigit():
        return "name" if n <= NAME_MAX_WORDS else "fragment"
    return "fragment"


def quoted_spans(text: str, language: str) -> list[QuotedSpan]:
    """Top-level quoted spans of ``text`` with their ``kind`` set."""
    spans = top_level(pair_marks(text))
    for s in spans:
        s.kind = classify(text, s, language)
    if language == "ru":
        from dossier.analyze.attribution.russian import mark_titles

        mark_titles(text, spans)
    taken = [(s.open_at, s.close_end) for s in spans]
    for d in dash_speech(text):
        if not any(a < d.close_end and d.open_at < b for a, b in taken):
            spans.append(d)
    spans.sort(key=lambda s: s.open_at)
    return spans


__all__ = ["QuotedSpan", "classify", "count_words", "dash_speech", "pair_marks", "quoted_spans", "top_level"]
