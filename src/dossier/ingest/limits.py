"""The bounds every reader works within, and the short reasons it gives.

Dossier reads files written by strangers, some of them adversaries.  Each
bound below stops one way a small file can cost a great deal: a gzip member
that inflates to gigabytes, a JSON array of a million empty objects, a
message nested ten thousand levels deep, one line of fifty megabytes.  A
bound that is hit rejects the item (or the rest of the file) with a reason
that names the bound and how to raise it; nothing past a bound is read.

The defaults are generous for real news (a 50 MB WARC of HTML inflates to a
few hundred megabytes; a Telegram export of a busy channel holds tens of
thousands of messages) and are documented in ``docs/ingest.md``.  Callers
change them with :func:`dataclasses.replace` or the CLI's ``--max-*``
options.
"""

from __future__ import annotations

import reprlib
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Bounds on what one input may make Dossier read, keep or print.

    Every field is a count of bytes or characters except ``max_items``
    (articles per file) and ``max_depth`` (levels of JSON nesting).
    """

    max_bytes: int = 50 * MB
    """Size of one input file on disk (or read from stdin)."""

    max_decompressed: int = 512 * MB
    """Bytes one compressed input (``.warc.gz``, ``.arc.gz``) may inflate to; reading stops there."""

    max_record: int = 20 * MB
    """Bytes of one WARC record's body (one archived page)."""

    max_items: int = 100_000
    """Articles (JSON items, JSONL lines, Telegram messages, feed entries, WARC pages) per file."""

    max_depth: int = 64
    """Levels of JSON nesting in one item; a deeper item is rejected, its neighbours kept."""

    max_line: int = 10 * MB
    """Characters of one JSON Lines line."""

    max_text: int = 10 * MB
    """Characters of one article's text."""

    max_field: int = 10_000
    """Characters of one metadata field (title, url, author, outlet, language)."""

    max_rejections: int = 1_000
    """Rejected items in one file before the rest of it is given up (a list of junk is one problem, not a million)."""

    max_reason: int = 300
    """Characters of a rejection reason: excerpts of the input are cut to fit, never the payload."""


DEFAULT_LIMITS = ReadLimits()


def excerpt(value: object, width: int = 60) -> str:
    """A short, printable quotation of untrusted input for a rejection reason.

    Control characters come out escaped; a 68 MB value (or a list of a
    million items, or one nested a thousand deep) is never rendered whole,
    only its first ``width`` characters' worth.
    """
    if isinstance(value, str):
        shown = repr(value[: width + 1])[1:-1]
    else:
        brief = reprlib.Repr()
        brief.maxstring, brief.maxother, brief.maxlevel = width, width, 3
        brief.maxlist = brief.maxtuple = brief.maxdict = 5
        shown = brief.repr(value)
    return shown if len(shown) <= width else shown[: width - 1] + "…"


def clamp(reason: str, width: int = DEFAULT_LIMITS.max_reason) -> str:
    """Cut a reason to ``width`` characters, saying how much was left out."""
    if len(reason) <= width:
        return reason
    return reason[: width - 1] + "…"
