"""RSS and Atom feed files, read with feedparser.

Feeds are XML from strangers, so each file is first parsed by defusedxml,
which refuses entity declarations: that stops entity-expansion bombs before
feedparser (or expat underneath it) ever sees them.  A feed that is not
well-formed is still given to feedparser, which is lenient by design; it is
rejected only when nothing can be recovered from it, with the XML error as
the reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring

from dossier.errors import IngestError
from dossier.ingest.readers import Defaults, Reader, ReadItem, _article, register_reader
from dossier.model import Article


def check_xml(data: bytes, source: str) -> str | None:
    """Raise for dangerous XML; return the well-formedness error (or None)."""
    try:
        safe_fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise IngestError(
            source,
            f"refused: the XML declares entities ({type(exc).__name__}), as entity-expansion bombs do",
            hint="feeds never need entity declarations; remove the DOCTYPE",
        ) from exc
    except ParseError as exc:
        return f"malformed XML: {exc}"
    return None


def _html_to_text(html: str) -> str:
    if "<" not in html:
        return html
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001 - lxml raises several types on junk; the raw text is then the best we have
        return html
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for p in root.iter("p", "div", "li", "h1", "h2", "h3"):
        p.tail = "\n\n" + (p.tail or "")
    return root.text_content().strip()


def _entry_date(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime(*parsed[:6], tzinfo=UTC)
    return None


def read_feed(data: bytes, defaults: Defaults) -> Iterator[ReadItem]:
    import feedparser

    xml_error = check_xml(data, defaults.origin)
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = xml_error or "no feed items found (is this an RSS or Atom feed?)"
        raise IngestError(defaults.origin, reason)
    outlet = feed.feed.get("title") or defaults.outlet
    items: list[ReadItem] = []
    for i, entry in enumerate(feed.entries, start=1):
        origin = f"{defaults.origin}#{i}"
        content = entry.get("content")
        html = content[0].get("value", "") if content else entry.get("summary", "")
        text = _html_to_text(html or "")
        if not text.strip():
            items.append(
                IngestError(origin, "feed item without text" + (f" ({xml_error})" if xml_error else ""))
            )
            continue
        extra = {"feed_id": entry.get("id")} if entry.get("id") else {}
        if entry.get("tags"):
            extra["tags"] = [t.get("term") for t in entry.tags if t.get("term")]
        items.append(
            _article(
                text,
                defaults,
                title=entry.get("title", ""),
                url=entry.get("link"),
                origin=origin,
                outlet=outlet,
                published=_entry_date(entry),
                language=(feed.feed.get("language") or "")[:2] or None,
                author=entry.get("author"),
                format="feed",
                extra=extra,
            )
        )
    if xml_error and not any(isinstance(item, Article) for item in items):
        # Nothing usable was recovered: the XML error is the reason, said once for the file.
        raise IngestError(defaults.origin, xml_error)
    yield from items


def _sniff_feed(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:400].lower()
    return start.startswith(b"<?xml") or b"<rss" in start or b"<feed" in start


FEED_READER = register_reader(Reader("feed", (".rss", ".atom", ".xml"), read_feed, _sniff_feed))
