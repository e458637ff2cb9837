"""One reader per source format, each turning bytes into Article records.

Readers are registered in :data:`READERS` by name, the same way a user's own
reader is added (:func:`register_reader`), so the extension point is real.  A
reader receives the raw bytes (the caller enforces the size limit) and yields
Articles; it raises :class:`~dossier.errors.IngestError` with a reason a
person can act on when the input is unusable.  Multi-item readers report a
bad item by yielding an ``IngestError`` instead of an Article, so one bad
message in a Telegram export does not lose the other thousand.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import PurePath
from typing import Any

from dossier.errors import IngestError
from dossier.ingest.decode import decode_bytes, has_control_garbage
from dossier.model import Article

ReadItem = Article | IngestError
ReaderFn = Callable[[bytes, "Defaults"], Iterator[ReadItem]]


@dataclass(frozen=True, slots=True)
class Defaults:
    """Metadata given on the command line for inputs that carry none."""

    origin: str
    published: datetime | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Reader:
    name: str
    extensions: tuple[str, ...]
    read: ReaderFn
    sniff: Callable[[bytes], bool] | None = None


READERS: dict[str, Reader] = {}


def register_reader(reader: Reader) -> Reader:
    """Add (or replace) a reader; later registrations win on shared extensions."""
    READERS[reader.name] = reader
    return reader


def reader_for(name: str, head: bytes) -> Reader | None:
    """Pick the reader for a file by its name, else by sniffing its first bytes."""
    lower = name.lower()
    by_ext = [r for r in READERS.values() for ext in r.extensions if lower.endswith(ext)]
    if by_ext:
        # The longest matching extension wins: ".warc.gz" before ".gz".
        return max(by_ext, key=lambda r: max(len(e) for e in r.extensions if lower.endswith(e)))
    for reader in READERS.values():
        if reader.sniff is not None and reader.sniff(head):
            return reader
    return None


# -- helpers -----------------------------------------------------------------


def parse_date(value: Any) -> datetime | None:
    """Parse the date formats sources use (ISO 8601, RFC 822, Unix time); None if unusable.

    Naive datetimes are kept naive: a report's local date matters more than
    a guessed time zone.
    """
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, tz=UTC)
    if isinstance(value, datetime):
        return value
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    if text.isdigit():
        return datetime.fromtimestamp(int(text), tz=UTC)
    return None


def _text_of(data: bytes, source: str) -> str:
    text, _encoding = decode_bytes(data, source)
    if has_control_garbage(text):
        raise IngestError(source, "binary content (not text)")
    if not text.strip():
        raise IngestError(source, "empty: no text to store")
    return text


def _article(text: str, defaults: Defaults, **fields: Any) -> Article:
    """Build an Article, filling gaps from the command-line defaults."""
    published = fields.pop("published", None) or defaults.published
    return Article(
        text=text.strip(),
        title=(fields.pop("title", None) or "").strip(),
        url=fields.pop("url", None) or defaults.url,
        origin=fields.pop("origin", None) or defaults.origin,
        outlet=fields.pop("outlet", None) or defaults.outlet,
        published=published,
        language=fields.pop("language", None) or defaults.language,
        format=fields.pop("format"),
        author=fields.pop("author", None),
        extra=fields.pop("extra", None) or {},
    )


# -- plain text ---------------------------------------------------------------


_FILENAME_DATE = re.compile(r"(?<!\d)(20\d\d|19\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)")


def date_from_name(name: str) -> datetime | None:
    """A publication date written into a file name (``2025-09-26_report.txt``), as archives often do."""
    match = _FILENAME_DATE.search(PurePath(name).name)
    if not match:
        return None
    try:
        return datetime(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _looks_like_title(first: str, second: str) -> bool:
    """Whether a text file's first line is a headline rather than the first paragraph.

    A headline is short; a long line that ends a sentence and runs straight
    into more text is the lead paragraph of a file that has no title, and
    taking it as the title would hide it from the analysis.
    """
    return len(first) <= 150 and (not second.strip() or not first.endswith((".", "…")))


def read_text(data: bytes, defaults: Defaults) -> Iterator[ReadItem]:
    """Plain text: the first non-empty line is the title, the rest the body.

    A text file carries no metadata, so when no ``--published`` is given the
    date is taken from the file name if it holds one (recorded in ``extra``).
    """
    text = _text_of(data, defaults.origin).replace("\r\n", "\n").replace("\r", "\n")
    lines = text.strip().split("\n")
    title, body = lines[0].strip(), "\n".join(lines[1:]).strip()
    if not body or not _looks_like_title(title, lines[1] if len(lines) > 1 else ""):
        # A one-line file, or a file that starts straight with its first paragraph, is all body.
        title, body = "", text.strip()
    extra: dict[str, Any] = {}
    published = defaults.published
    if published is None:
        published = date_from_name(defaults.origin)
        if published is not None:
            extra["published_from"] = "file name"
    yield _article(body, defaults, title=title, format="text", published=published, extra=extra)


# -- JSON and JSON Lines ------------------------------------------------------

_KNOWN_FIELDS = ("text", "title", "url", "published", "outlet", "language", "author")


def _from_json_object(obj: Any, defaults: Defaults, origin: str, fmt: str) -> ReadItem:
    if not isinstance(obj, dict):
        return IngestError(origin, f"expected a JSON object, found {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return IngestError(
            origin, "no non-empty 'text' field", hint=f"an item needs 'text'; known: {_KNOWN_FIELDS}"
        )
    published = parse_date(obj.get("published"))
    if obj.get("published") and published is None:
        return IngestError(origin, f"unreadable 'published' date {obj.get('published')!r}")
    extra = {k: v for k, v in obj.items() if k not in _KNOWN_FIELDS}
    return _article(
        text,
        defaults,
        title=str(obj.get("title") or ""),
        url=obj.get("url"),
        origin=origin,
        outlet=obj.get("outlet"),
        published=published,
        language=obj.get("language"),
        author=obj.get("author"),
        format=fmt,
        extra=extra,
    )


def read_json(data: bytes, defaults: Defaults) -> Iterator[ReadItem]:
    """A JSON object, a list of objects, or a Telegram Desktop channel export."""
    text = _text_of(data, defaults.origin)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(
            defaults.origin, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from exc
    if isinstance(doc, dict) and isinstance(doc.get("messages"), list):
        from dossier.ingest.telegram import read_telegram_export

        yield from read_telegram_export(doc, defaults)
        return
    if isinstance(doc, list):
        for i, obj in enumerate(doc):
            yield _from_json_object(obj, defaults, f"{defaults.origin}#{i + 1}", "json")
        return
    yield _from_json_object(doc, defaults, defaults.origin, "json")


def read_jsonl(data: bytes, defaults: Defaults) -> Iterator[ReadItem]:
    """JSON Lines: one article object per line; a bad line is reported, the rest kept."""
    text = _text_of(data, defaults.origin)
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        origin = f"{defaults.origin}#{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(origin, f"invalid JSON on line {lineno}: {exc.msg}")
            continue
        yield _from_json_object(obj, defaults, origin, "jsonl")


def _sniff_json(head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def _sniff_text(head: bytes) -> bool:
    return False  # plain text is chosen by extension only; anything can look like text


TEXT_READER = register_reader(Reader("text", (".txt", ".text", ".md"), read_text, _sniff_text))
JSON_READER = register_reader(Reader("json", (".json",), read_json, _sniff_json))
JSONL_READER = register_reader(Reader("jsonl", (".jsonl", ".ndjson"), read_jsonl))

# The readers with heavier dependencies live in their own modules; importing
# them here registers them.
from dossier.ingest import feeds, html, warc  # noqa: E402, F401
