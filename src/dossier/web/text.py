"""Cutting untrusted text into parts a template renders (and escapes); no HTML is built here.

An article is shown sentence by sentence; each sentence is a list of parts,
each part a piece of text with the extraction records that cover it
(mentions, times, quotes, events, and the span a link asked to highlight).
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise
from typing import Any

_PREFIX = {"mentions": "m", "times": "t", "quotes": "q", "events": "e"}
_TYPE = {"mentions": "mention", "times": "time", "quotes": "quote", "events": "event"}


def annotate(
    body: str,
    sentences: list[list[int]],
    found: dict[str, list[dict[str, Any]]],
    target: tuple[int, int] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """``(sentences, records)``: the text as sentences of annotated parts, and the records by key.

    Each part is ``{"text", "types", "refs", "target"}``; ``types`` are the classes of the
    extractions covering it (``mention-person``, ``time``, ``quote``,
    ``event``, ``target``), ``refs`` index ``records``.
    """
    n = len(body)
    spans: list[tuple[int, int, str, str]] = []  # start, end, class, key
    records: dict[str, dict[str, Any]] = {}
    for group, items in found.items():
        for item in items:
            start, end = max(0, int(item.get("start") or 0)), min(n, int(item.get("end") or 0))
            if end <= start:
                continue
            key = f"{_PREFIX[group]}{item['id']}"
            cls = _TYPE[group] + (f" mention-{item['kind']}" if group == "mentions" else "")
            spans.append((start, end, cls, key))
            records[key] = {"type": _TYPE[group], **{k: v for k, v in item.items() if k != "sentence"}}
    if target and 0 <= target[0] < target[1] <= n:
        spans.append((target[0], target[1], "target", ""))
    bounds = {0, n}
    for s, e, _c, _k in spans:
        bounds.update((s, e))
    starts = sorted(s for s, _e in sentences) or [0]
    bounds.update(s for s in starts if 0 <= s <= n)
    cuts = sorted(bounds)
    out: list[dict[str, Any]] = []
    for lo, hi in pairwise(cuts):
        index = max(0, bisect_right(starts, lo) - 1)
        covering = [(c, k) for s, e, c, k in spans if s <= lo and e >= hi]
        part = {
            "text": body[lo:hi],
            "types": " ".join(sorted({w for c, _k in covering for w in c.split()})),
            "refs": " ".join(k for _c, k in covering if k),
            "target": any(c == "target" for c, _k in covering) and lo == (target or (None,))[0],
        }
        if not out or out[-1]["index"] != index:
            out.append({"index": index, "parts": []})
        out[-1]["parts"].append(part)
    return out, records


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet (matches between ``[`` and ``]``) as ``(text, is_match)`` parts."""
    parts: list[tuple[str, bool]] = []
    rest = snippet
    while rest:
        i = rest.find("[")
        j = rest.find("]", i + 1) if i >= 0 else -1
        if i < 0 or j < 0:
            parts.append((rest, False))
            break
        if i:
            parts.append((rest[:i], False))
        parts.append((rest[i + 1 : j], True))
        rest = rest[j + 1 :]
    return parts


def mark_in_sentence(sentence: str, words: str) -> list[tuple[str, bool]]:
    """The sentence with the first occurrence of ``words`` marked (the mention in its sentence)."""
    i = sentence.find(words) if words else -1
    if i < 0:
        return [(sentence, False)]
    return [(sentence[:i], False), (words, True), (sentence[i + len(words) :], False)]
