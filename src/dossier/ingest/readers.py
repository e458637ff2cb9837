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
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import PurePath
from typing import Any

from dossier.errors import IngestError
from dossier.ingest.decode import Decoded, decode_text, has_control_garbage
from dossier.ingest.limits import DEFAULT_LIMITS, ReadLimits, excerpt
from dossier.model import Article

ReadItem = Article | IngestError
ReaderFn = Callable[[bytes, "Defaults"], Iterator[ReadItem]]


@dataclass(frozen=True, slots=True)
class Defaults:
    """Metadata given on the command line for inputs that carry none, and the bounds to read within."""

    origin: str
    published: datetime | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    limits: ReadLimits = field(default=DEFAULT_LIMITS)


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

# Unix times outside these years are junk (1e20, negative overflows), not dates.
_MIN_TS = datetime(1900, 1, 1, tzinfo=UTC).timestamp()
_MAX_TS = datetime(2200, 1, 1, tzinfo=UTC).timestamp()


def _from_timestamp(value: float) -> datetime | None:
    if not math.isfinite(value) or not _MIN_TS <= value < _MAX_TS:
        return None
    return datetime.fromtimestamp(value, tz=UTC)


def parse_date(value: Any) -> datetime | None:
    """Parse the date formats sources use (ISO 8601, RFC 822, Unix time); None if unusable.

    Naive datetimes are kept naive: a report's local date matters more than
    a guessed time zone.  An offset the source gives is kept as given
    (``08:15+01:00`` stays 08:15 at +01:00); the store adds the UTC form.
    Never raises: a date is metadata, and junk in it (``1e20``, a list)
    must cost at most that one item.
    """
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, int | float):
        return _from_timestamp(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 64:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed if 1900 <= parsed.year < 2200 else None
    except ValueError:
        pass
    try:
        parsed = parsedate_to_datetime(text)
        return parsed if 1900 <= parsed.year < 2200 else None
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    if text.isdigit() and len(text) <= 12:
        return _from_timestamp(float(text))
    return None


_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_str(value: str) -> str:
    """Text safe to store: no NUL (PostgreSQL refuses it) and no lone surrogates (no encoder takes them).

    Both reach Dossier through JSON escapes (``\\u0000``, ``\\ud800``) and
    through file names read with ``surrogateescape``.
    """
    if "\x00" in value:
        value = value.replace("\x00", "")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = _SURROGATES.sub("\ufffd", value)
    return value


def clean_value(value: Any) -> Any:
    """:func:`clean_str` applied to every string inside a JSON-like value."""
    if isinstance(value, str):
        return clean_str(value)
    if isinstance(value, dict):
        return {clean_str(str(k)): clean_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_value(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None  # NaN and Infinity are not JSON; the store would refuse them
    return value


def safe_name(name: str) -> str:
    """A file name that prints and stores: undecodable bytes shown as ``\\xNN``.

    ``os`` hands Dossier names with invalid UTF-8 as surrogate escapes,
    which no terminal, SQLite or PostgreSQL accepts.
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "surrogateescape")
        return raw.decode("utf-8", "backslashreplace")


def nesting_depth(value: Any, limit: int) -> int:
    """Levels of lists and objects in ``value``, counted without recursion and stopping past ``limit``."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            if node == TOO_DEEP:
                return limit + 1
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest


# What :func:`load_json` puts where a value nested too deeply to parse was cut out.
TOO_DEEP = "\x00dossier: nested too deeply\x00"
_JSON_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def _cut_deep_values(text: str, max_depth: int) -> str:
    """Replace every JSON value nested deeper than ``max_depth`` by a marker string.

    Only used when the standard parser gave up (Python's recursion limit): it
    lets the items around one hostile item be read, each in its own right.
    """
    out: list[str] = []
    depth = 0
    cut_from = -1
    last = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth == max_depth + 1 and cut_from < 0:
                cut_from = match.start()
        elif token in "]}":
            depth -= 1
            if depth == max_depth and cut_from >= 0:
                out.append(text[last:cut_from])
                out.append(json.dumps(TOO_DEEP))
                last = match.end()
                cut_from = -1
    if cut_from >= 0:
        return text  # unbalanced: let the parser say where
    out.append(text[last:])
    return "".join(out)


def load_json(text: str, origin: str, limits: ReadLimits) -> Any:
    """Parse JSON; values nested past the limit become :data:`TOO_DEEP` instead of sinking the file."""
    try:
        return json.loads(text)
    except RecursionError:
        try:
            return json.loads(_cut_deep_values(text, limits.max_depth))
        except RecursionError:
            raise IngestError(origin, "JSON nested too deeply to read") from None
        except json.JSONDecodeError as exc:
            raise IngestError(origin, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except json.JSONDecodeError as exc:
        raise IngestError(origin, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None


def check_depth(value: Any, origin: str, limits: ReadLimits) -> None:
    """Reject one item nested deeper than the limit (its neighbours are read on)."""
    if nesting_depth(value, limits.max_depth) > limits.max_depth:
        raise IngestError(
            origin,
            f"nested more than {limits.max_depth} levels deep",
            hint="a real item is a few levels deep; raise --max-depth if this one is genuine",
        )


def item_failed(origin: str, exc: BaseException) -> IngestError:
    """The rejection for an item whose reading raised something unforeseen: that item only."""
    if isinstance(exc, IngestError):
        return exc
    return IngestError(origin, f"could not be read: {type(exc).__name__}: {excerpt(str(exc), 120)}")


def too_many_items(origin: str, limits: ReadLimits) -> IngestError:
    return IngestError(
        origin,
        f"more than {limits.max_items:,} items; the rest of the file was not read",
        hint="raise --max-items if the file is genuine",
    )


def _text_of(data: bytes, source: str) -> str:
    return _decoded_text(data, source).text


def _decoded_text(data: bytes, source: str) -> Decoded:
    decoded = decode_text(data, source)
    text = decoded.text
    if has_control_garbage(text):
        raise IngestError(source, "binary content (not text)")
    if not text.strip():
        raise IngestError(source, "empty: no text to store")
    return decoded


_METADATA = ("title", "url", "outlet", "language", "author")


def _article(text: str, defaults: Defaults, **fields: Any) -> Article:
    """Build an Article, filling gaps from the command-line defaults.

    Raises :class:`IngestError` (for this item only) when a field is over its
    size limit; cleans every string so the store can take it.
    """
    limits = defaults.limits
    origin = fields.pop("origin", None) or defaults.origin
    if len(text) > limits.max_text:
        raise IngestError(
            origin,
            f"text of {len(text):,} characters, over the limit of {limits.max_text:,}",
            hint="raise --max-text if the item is genuine",
        )
    for name in _METADATA:
        value = fields.get(name)
        if isinstance(value, str) and len(value) > limits.max_field:
            raise IngestError(origin, f"'{name}' of {len(value):,} characters, over the limit of {limits.max_field:,}")
    published = fields.pop("published", None)
    source = fields.pop("published_source", None) or ("declared" if published else None)
    if published is None and defaults.published is not None:
        published, source = defaults.published, "given"

    def meta(name: str, default: str | None = None) -> str | None:
        value = fields.pop(name, None) or default
        return clean_str(value.strip()) or None if isinstance(value, str) else None

    return Article(
        text=clean_str(text.strip()),
        title=meta("title") or "",
        url=meta("url", defaults.url),
        origin=clean_str(origin),
        outlet=meta("outlet", defaults.outlet),
        published=published,
        language=meta("language", defaults.language),
        format=fields.pop("format"),
        author=meta("author"),
        extra=clean_value(fields.pop("extra", None) or {}),
        published_source=source if published else None,
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
    if len(first) > 150:
        return False  # decided before the patterns below, which need not read a megabyte line
    dateline = _LEAD_DATELINE.match(first)
    if dateline and not dateline.group("dated") and not _SENTENCE_END.search(first):
        # A capitalised word and a dash open headlines too ("EU — Ukraine summit ends without
        # a deal", "US – China talks resume"): without a date, the line must also end like a
        # sentence to be a lead paragraph ("BRUSSELS — The EU agreed on Monday to ...").
        dateline = None
    if dateline or (first.endswith((".", "!", "?")) and _INNER_SENTENCE_BREAK.search(first)):
        # A dateline ("МОСКВА, 3 декабря. /ТАСС/.", "BRUSSELS —") opens a story's body,
        # and a headline is one sentence: a line holding two is a paragraph.
        return False
    return not second.strip() or not first.endswith((".", "…"))


#: A wire dateline opening a line: a place in capitals, then a comma and a date (``dated``), or
#: a dash, with the agency in brackets before it or not ("NEW YORK (Reuters) - ").
#: Month names that follow or precede the day in a dateline ("МОСКВА, 3 декабря", "WASHINGTON,
#: Dec. 3", "BRUSSELS, December 18"): a comma and a bare figure also open headlines ("UK, 3 EU
#: states sign pact"), so the dated form needs a month beside its day.
_DATELINE_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]"
    r"|июл[яь]|августа?|сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь])"
)
_LEAD_DATELINE = re.compile(
    r"^[A-ZА-ЯЁ][A-ZА-ЯЁ’'\-]+(?:[ ][A-ZА-ЯЁ][A-ZА-ЯЁ’'\-]+){0,3}\.?\s*"
    rf"(?:(?P<dated>,\s*(?:\d{{1,2}}\s+{_DATELINE_MONTH}\b|{_DATELINE_MONTH}\.?\s+\d))"
    r"|(?:\([^()\n]{1,40}\)\s*)?(?:—|–|--|-(?=\s)))"
)
#: The end of a sentence closing a line, a closing quote or bracket after it or not.
_SENTENCE_END = re.compile(r"[.!?…][\"'»”)\]]*\s*$")
#: A sentence end inside a line: a word of three letters or more (not an initial or a short
#: abbreviation), a figure's sign or a bracket, a full stop, and a capitalised word after it.
#: (Three letters, not "three or more": the same lines match, and a long letter run is not
#: re-read from each of its letters.)
_INNER_SENTENCE_BREAK = re.compile(r"(?:[^\W\d_]{3}|[%)»\"])[.!?]\s+[«\"]?[A-ZА-ЯЁ][a-zа-яё]")


_NAME_WORD = r"[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?"
#: A byline paragraph: "By Anna Smith", "Автор: Алесь Кривец", or a bare name of two or three words.
_BYLINE = re.compile(
    rf"(?:(?:by|от|автор|текст)\s*:?\s+(?P<named>{_NAME_WORD}(?:\s+(?:and|и|,)?\s*{_NAME_WORD}){{1,6}})"
    rf"|(?P<bare>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}))",
    re.IGNORECASE,
)


def byline(paragraph: str) -> str | None:
    """The author named by a byline paragraph under a text file's title, or ``None``.

    Plain-text articles often put the author on a line of their own between the
    headline and the body.  Left in the body, the name is analysed as if the
    article were about that person, and a report then looks like a different
    story from other reports of the same development.  A bare name counts only
    when every word is written Capitalised (a headline-like phrase in capitals
    or with lower-case words is not a name).
    """
    line = paragraph.strip()
    if len(line) > 80 or "\n" in line:
        return None
    match = _BYLINE.fullmatch(line)
    if not match:
        return None
    if match.group("named"):
        return match.group("named").strip(" ,")
    words = line.split()
    if all(w[:1].isupper() and (len(w) == 1 or not w[1:].replace("-", "").isupper()) for w in words):
        return line
    return None


def read_text(data: bytes, defaults: Defaults) -> Iterator[ReadItem]:
    """Plain text: the first non-empty line is the title, the rest the body.

    A text file carries no metadata, so when no ``--published`` is given the
    date is taken from the file name if it holds one (``published_source``
    says so), and a byline paragraph under the title becomes the author
    (:func:`byline`).
    """
    decoded = _decoded_text(data, defaults.origin)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.strip().split("\n")
    title, body = lines[0].strip(), "\n".join(lines[1:]).strip()
    if not body or not _looks_like_title(title, lines[1] if len(lines) > 1 else ""):
        # A one-line file, or a file that starts straight with its first paragraph, is all body.
        title, body = "", text.strip()
    if len(title) > defaults.limits.max_field:
        title, body = "", text.strip()
    author = None
    if title:
        head, _sep, rest = body.partition("\n\n")
        author = byline(head) if rest.strip() else None
        if author:
            body = rest.strip()
    extra: dict[str, Any] = {}
    if decoded.replaced:
        extra.update(decode_replaced=decoded.replaced, encoding=decoded.encoding)
    published, source = None, None
    if defaults.published is None:
        published = date_from_name(defaults.origin)
        if published is not None:
            source = "filename"
            extra["published_from"] = "file name"
    yield _article(
        body,
        defaults,
        title=title,
        author=author,
        format="text",
        published=published,
        published_source=source,
        extra=extra,
    )


# -- JSON and JSON Lines ------------------------------------------------------

_KNOWN_FIELDS = ("text", "title", "url", "published", "outlet", "language", "author")


def _coerce_field(obj: dict[str, Any], key: str, origin: str) -> str | None:
    """One metadata field as a string, or an IngestError for this item saying what it was instead.

    Sources put lists and objects where a string belongs (several authors, an
    outlet record); the sensible reading is taken where there is one.
    """
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise IngestError(origin, f"'{key}' is a boolean, not text")
    if isinstance(value, int | float):
        if key == "url":
            raise IngestError(origin, f"'url' is a number, not an address: {excerpt(value)}")
        return str(value)
    if isinstance(value, list):
        strings = [v.strip() for v in value if isinstance(v, str) and v.strip()]
        if len(strings) != len(value):
            raise IngestError(origin, f"'{key}' is a list holding non-text values: {excerpt(value)}")
        if key == "author":
            return ", ".join(strings)  # several authors: one byline
        if len(strings) == 1:
            return strings[0]
        if not strings:
            return None
        raise IngestError(origin, f"'{key}' is a list of {len(strings)} values; give one: {excerpt(value)}")
    if isinstance(value, dict):
        for name in ("name", "title", "href", "url"):
            if isinstance(value.get(name), str):
                return str(value[name])
        raise IngestError(origin, f"'{key}' is an object without a name: {excerpt(value)}")
    raise IngestError(origin, f"'{key}' has an unusable type {type(value).__name__}")


def _from_json_object(obj: Any, defaults: Defaults, origin: str, fmt: str) -> ReadItem:
    if not isinstance(obj, dict):
        return IngestError(origin, f"expected a JSON object, found {type(obj).__name__}")
    try:
        check_depth(obj, origin, defaults.limits)
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            return IngestError(
                origin, "no non-empty 'text' field", hint=f"an item needs 'text'; known: {', '.join(_KNOWN_FIELDS)}"
            )
        raw_date = obj.get("published")
        published = parse_date(raw_date)
        if raw_date not in (None, "") and published is None:
            return IngestError(origin, f"unreadable 'published' date {excerpt(raw_date)}")
        fields = {key: _coerce_field(obj, key, origin) for key in ("title", "url", "outlet", "language", "author")}
        extra = {k: v for k, v in obj.items() if k not in _KNOWN_FIELDS}
        return _article(text, defaults, origin=origin, published=published, format=fmt, extra=extra, **fields)
    except Exception as exc:  # noqa: BLE001 - one item's fault never sinks the file
        return item_failed(origin, exc)


def read_json(data: bytes, defaults: Defaults) -> Iterator[ReadItem]:
    """A JSON object, a list of objects, or a Telegram Desktop channel export."""
    text = _text_of(data, defaults.origin)
    doc = load_json(text, defaults.origin, defaults.limits)
    if isinstance(doc, dict) and isinstance(doc.get("messages"), list):
        from dossier.ingest.telegram import read_telegram_export

        yield from read_telegram_export(doc, defaults)
        return
    if isinstance(doc, list):
        for i, obj in enumerate(doc):
            if i >= defaults.limits.max_items:
                yield too_many_items(defaults.origin, defaults.limits)
                return
            yield _from_json_object(obj, defaults, f"{defaults.origin}#{i + 1}", "json")
        return
    yield _from_json_object(doc, defaults, defaults.origin, "json")


def read_jsonl(data: bytes, defaults: Defaults) -> Iterator[ReadItem]:
    """JSON Lines: one article object per line; a bad line is reported, the rest kept."""
    limits = defaults.limits
    text = _text_of(data, defaults.origin)
    count = 0
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        origin = f"{defaults.origin}#{lineno}"
        count += 1
        if count > limits.max_items:
            yield too_many_items(defaults.origin, limits)
            return
        if len(line) > limits.max_line:
            yield IngestError(origin, f"line of {len(line):,} characters, over the limit of {limits.max_line:,}")
            continue
        try:
            obj = load_json(line, origin, limits)
        except IngestError as exc:
            yield IngestError(origin, exc.reason.replace("invalid JSON", f"invalid JSON on line {lineno}", 1))
            continue
        yield _from_json_object(obj, defaults, origin, fmt="jsonl")


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
