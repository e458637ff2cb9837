"""RSS and Atom feed files, read with feedparser.

Feeds are XML from strangers.  Before any parser sees a feed,
:func:`check_xml` refuses entity declarations and DTDs with an internal
subset wherever they appear in the file (a broken comment in front of a
bomb does not hide it), in any of the encodings XML may come in.  A bare
external DOCTYPE (``<!DOCTYPE rss PUBLIC "-//Netscape ..." "...dtd">``, as
old RSS 0.91 feeds carry) is removed instead: it declares nothing, and
nothing is ever fetched.  The file is then parsed by defusedxml, which
forbids DTDs and entities outright; a feed that is not well-formed is still
given to feedparser, which is lenient by design, and is rejected only when
nothing can be recovered from it.

Encodings: a feed that declares none and is not UTF-8 (KOI8-R, EUC-KR, Big5,
GB2312 are common) is decoded by :mod:`dossier.ingest.decode` and handed on
as UTF-8, since feedparser would otherwise take it for Windows-1252.

Times: an item's date is read from the text the feed gives, keeping its
UTC offset (feedparser's own parse converts everything to UTC).
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring

from dossier.errors import IngestError
from dossier.ingest.decode import declared_in_markup, decode_text
from dossier.ingest.readers import (
    Defaults,
    Reader,
    ReadItem,
    _article,
    item_failed,
    parse_date,
    register_reader,
    too_many_items,
)
from dossier.model import Article

_ENTITY_DECL = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!\s*DOCTYPE\b[^>\[]*(\[)?[^>]*>", re.IGNORECASE)
_UTF16_OR_32 = (b"\xff\xfe", b"\xfe\xff", b"\x00<", b"<\x00")


def _ascii_view(data: bytes) -> bytes:
    """The file with the NUL bytes of UTF-16/32 removed, so markup is found in any of XML's encodings."""
    return data.replace(b"\x00", b"") if data.startswith(_UTF16_OR_32) or b"\x00" in data[:64] else data


def check_xml(data: bytes, source: str) -> tuple[bytes, str | None]:
    """Refuse dangerous XML; return the bytes to parse (external DOCTYPE removed) and any well-formedness error."""
    view = _ascii_view(data)
    if _ENTITY_DECL.search(view):
        raise IngestError(
            source,
            "refused: the XML declares entities, as entity-expansion bombs do",
            hint="feeds never need entity declarations; remove the DOCTYPE",
        )
    doctype = _DOCTYPE.search(view)
    if doctype is not None:
        if doctype.group(1) or b"[" in doctype.group(0):
            raise IngestError(
                source, "refused: the XML carries a DTD with an internal subset (declarations feeds never need)"
            )
        if view is data:
            data = data[: doctype.start()] + data[doctype.end() :]
        else:
            raise IngestError(source, "refused: a DOCTYPE in a UTF-16 or UTF-32 feed")
    try:
        safe_fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise IngestError(source, f"refused: the XML declares a DTD or entities ({type(exc).__name__})") from exc
    except ParseError as exc:
        return data, f"malformed XML: {str(exc)[:120]}"
    return data, None


def _as_utf8(data: bytes, source: str) -> bytes:
    """Feed bytes feedparser will read right: undeclared legacy encodings re-encoded as UTF-8."""
    if declared_in_markup(data) or data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return data
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    decoded = decode_text(data, source)
    return decoded.text.encode("utf-8")


def _html_to_text(html: str) -> str:
    if "<" not in html:
        # Tag-less descriptions still carry character references (&amp; &quot; &#8212;).
        return html_lib.unescape(html)
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001 - lxml raises several types on junk; the raw text is then the best we have
        return html_lib.unescape(html)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for p in root.iter("p", "div", "li", "h1", "h2", "h3"):
        p.tail = "\n\n" + (p.tail or "")
    return root.text_content().strip()


def _entry_date(entry: Any) -> datetime | None:
    """The item's date as the feed writes it (offset kept), else feedparser's UTC reading."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if isinstance(raw, str):
            parsed = parse_date(raw)
            if parsed is not None:
                return parsed
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return datetime(*parsed[:6], tzinfo=UTC)
            except (TypeError, ValueError, OverflowError):
                continue
    return None


def _entry(
    entry: Any, feed: Any, defaults: Defaults, origin: str, outlet: str | None, xml_error: str | None
) -> ReadItem:
    try:
        content = entry.get("content")
        html = content[0].get("value", "") if content else entry.get("summary", "")
        text = _html_to_text(html or "")
        if not text.strip():
            return IngestError(origin, "feed item without text" + (f" ({xml_error})" if xml_error else ""))
        extra: dict[str, Any] = {"feed_id": entry.get("id")} if entry.get("id") else {}
        if entry.get("tags"):
            extra["tags"] = [t.get("term") for t in entry.tags if t.get("term")]
        language = feed.feed.get("language")
        return _article(
            text,
            defaults,
            title=html_lib.unescape(entry.get("title", "") or ""),
            url=entry.get("link"),
            origin=origin,
            outlet=outlet,
            published=_entry_date(entry),
            language=language[:2] if isinstance(language, str) and language[:2].isalpha() else None,
            author=entry.get("author") if isinstance(entry.get("author"), str) else None,
            format="feed",
            extra=extra,
        )
    except Exception as exc:  # noqa: BLE001 - one entry's fault never sinks the feed
        return item_failed(origin, exc)


def read_feed(data: bytes, defaults: Defaults) -> Iterator[ReadItem]:
    import feedparser

    data, xml_error = check_xml(data, defaults.origin)
    feed = feedparser.parse(_as_utf8(data, defaults.origin))
    if not feed.entries:
        reason = xml_error or "no feed items found (is this an RSS or Atom feed?)"
        raise IngestError(defaults.origin, reason)
    title = feed.feed.get("title")
    outlet = html_lib.unescape(title) if isinstance(title, str) and title else defaults.outlet
    items: list[ReadItem] = []
    for i, entry in enumerate(feed.entries, start=1):
        if i > defaults.limits.max_items:
            items.append(too_many_items(defaults.origin, defaults.limits))
            break
        items.append(_entry(entry, feed, defaults, f"{defaults.origin}#{i}", outlet, xml_error))
    if xml_error and not any(isinstance(item, Article) for item in items):
        # Nothing usable was recovered: the XML error is the reason, said once for the file.
        raise IngestError(defaults.origin, xml_error)
    yield from items


def _sniff_feed(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:400].lower()
    return start.startswith(b"<?xml") or b"<rss" in start or b"<feed" in start


FEED_READER = register_reader(Reader("feed", (".rss", ".atom", ".xml"), read_feed, _sniff_feed))
