"""HTML pages: the main text through trafilatura, metadata from the page.

Navigation, sidebars and footers are exactly what must not reach the
analysis: a byline repeated on every page would look like a quote, and a
"related stories" box would pull other stories' entities into this one.
"""

from __future__ import annotations

from collections.abc import Iterator

from dossier.errors import IngestError
from dossier.ingest.decode import decode_bytes
from dossier.ingest.readers import Defaults, Reader, ReadItem, _article, parse_date, register_reader


def extract_html(html: str, defaults: Defaults, *, url: str | None = None, fmt: str = "html") -> ReadItem:
    """One Article from an HTML page, or an IngestError saying why not."""
    import trafilatura

    result = trafilatura.bare_extraction(
        html, url=url or defaults.url, with_metadata=True, include_comments=False
    )
    doc = result.as_dict() if result is not None and not isinstance(result, dict) else result
    if not doc or not (doc.get("text") or "").strip():
        return IngestError(defaults.origin, "no article text found in the HTML page")
    published = parse_date(doc.get("date"))
    extra = {k: doc[k] for k in ("description", "categories", "tags") if doc.get(k)}
    return _article(
        doc["text"],
        defaults,
        title=doc.get("title") or "",
        url=url or doc.get("url") or defaults.url,
        outlet=doc.get("sitename"),
        published=published,
        language=doc.get("language"),
        author=doc.get("author"),
        format=fmt,
        extra=extra,
    )


def read_html(data: bytes, defaults: Defaults) -> Iterator[ReadItem]:
    html, _encoding = decode_bytes(data, defaults.origin)
    if not html.strip():
        raise IngestError(defaults.origin, "empty: no text to store")
    item = extract_html(html, defaults)
    if isinstance(item, IngestError):
        raise item
    yield item


def _sniff_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:200].lower()
    return start.startswith(b"<!doctype html") or start.startswith(b"<html")


HTML_READER = register_reader(Reader("html", (".html", ".htm", ".xhtml"), read_html, _sniff_html))
