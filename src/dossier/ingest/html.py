"""HTML pages: the main text through trafilatura, metadata from the page.

Navigation, sidebars and footers are exactly what must not reach the
analysis: a byline repeated on every page would look like a quote, and a
"related stories" box would pull other stories' entities into this one.

Dates: a date the page *declares* (``article:published_time`` and the other
publication meta tags, JSON-LD ``datePublished``, ``<time pubdate>``) is
taken with its time and UTC offset as written, ``published_source =
"declared"``.  Without one, htmldate's cautious search (the page's own URL,
elements marked as dates) may supply a day, recorded as ``"guessed"``; its
extensive search is never used, because it reads copyright lines and any
URL in the page (``w3.org/2000/01/...``) as publication dates.

Titles: a ``<title>`` that is only the site's name or a URL slug says
nothing about the report; the page's headline (``<h1>``) is used instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from dossier.errors import IngestError
from dossier.ingest.decode import Decoded, declared_in_markup, decode_text
from dossier.ingest.readers import Defaults, Reader, ReadItem, _article, parse_date, register_reader

# Meta names and properties under which pages declare their publication time.
_DATE_META = frozenset(
    {
        "article:published_time",
        "og:article:published_time",
        "og:published_time",
        "datepublished",
        "publishdate",
        "publish-date",
        "publish_date",
        "pubdate",
        "dc.date.issued",
        "dc.date",
        "dcterms.issued",
        "dcterms.created",
        "sailthru.date",
        "parsely-pub-date",
        "article.published",
        "date",
    }
)
_SLUG = re.compile(r"[\w]+(?:[-_][\w]+){2,}(?:\.s?html?|\.php)?/?", re.UNICODE)


def _tree(html: str) -> Any | None:
    import lxml.html

    try:
        return lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001 - lxml raises several types on junk; then there is no metadata to read
        return None


def _json_ld_dates(tree: Any) -> Iterator[str]:
    for script in tree.xpath('//script[@type="application/ld+json"]')[:20]:
        try:
            data = json.loads((script.text or "")[:200_000])
        except (ValueError, RecursionError):
            continue
        stack = [data]
        seen = 0
        while stack and seen < 500:
            node = stack.pop()
            seen += 1
            if isinstance(node, dict):
                value = node.get("datePublished")
                if isinstance(value, str):
                    yield value
                stack.extend(v for v in node.values() if isinstance(v, dict | list))
            elif isinstance(node, list):
                stack.extend(node)


def declared_date(tree: Any) -> datetime | None:
    """The publication time the page declares in its markup, with its offset as written."""
    if tree is None:
        return None
    candidates: list[str] = []
    for meta in tree.xpath("//meta[@content]")[:500]:
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in _DATE_META:
            candidates.append(meta.get("content") or "")
    candidates.extend(_json_ld_dates(tree))
    for node in tree.xpath('//time[@datetime][@pubdate or @itemprop="datePublished"]')[:20]:
        candidates.append(node.get("datetime") or "")
    parsed = [d for d in (parse_date(c) for c in candidates) if d is not None]
    # Prefer a value with a time of day to a bare date for the same declaration.
    timed = [d for d in parsed if (d.hour, d.minute, d.second) != (0, 0, 0) or d.tzinfo is not None]
    return (timed or parsed or [None])[0]


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def uninformative_title(title: str, site: str | None, url: str | None) -> bool:
    """A title that is the site's name, a URL or a URL slug rather than a headline."""
    stripped = title.strip()
    if not stripped:
        return True
    if stripped.lower().startswith(("http://", "https://", "www.")):
        return True
    if _SLUG.fullmatch(stripped) and " " not in stripped:
        return True
    if site and _norm(stripped) == _norm(site):
        return True
    if url:
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url).split("/", 1)[0]
        if host and _norm(stripped) in {_norm(host), _norm(host.rsplit(".", 1)[0])}:
            return True
    return False


def _headline(tree: Any) -> str | None:
    if tree is None:
        return None
    for node in tree.xpath("//h1")[:5]:
        text = " ".join(node.text_content().split())
        if 3 <= len(text) <= 300:
            return text
    return None


def extract_html(
    html: str, defaults: Defaults, *, url: str | None = None, fmt: str = "html", decoded: Decoded | None = None
) -> ReadItem:
    """One Article from an HTML page, or an IngestError saying why not."""
    import trafilatura

    result = trafilatura.bare_extraction(
        html,
        url=url or defaults.url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    doc = result.as_dict() if result is not None and not isinstance(result, dict) else result
    if not doc or not (doc.get("text") or "").strip():
        return IngestError(defaults.origin, "no article text found in the HTML page")
    tree = _tree(html)
    published, source = declared_date(tree), "declared"
    if published is None:
        published, source = parse_date(doc.get("date")), "guessed"
    extra: dict[str, Any] = {k: doc[k] for k in ("description", "categories", "tags") if doc.get(k)}
    page_url = url or doc.get("url") or defaults.url
    title = doc.get("title") or ""
    if uninformative_title(title, doc.get("sitename"), page_url):
        headline = _headline(tree)
        if headline and not uninformative_title(headline, doc.get("sitename"), page_url):
            extra["page_title"] = title
            title = headline
    if decoded is not None and decoded.replaced:
        extra["decode_replaced"] = decoded.replaced
        extra["encoding"] = decoded.encoding
    return _article(
        doc["text"],
        defaults,
        title=title,
        url=page_url,
        outlet=doc.get("sitename"),
        published=published,
        published_source=source if published else None,
        language=doc.get("language"),
        author=doc.get("author"),
        format=fmt,
        extra=extra,
    )


def read_html(data: bytes, defaults: Defaults) -> Iterator[ReadItem]:
    decoded = decode_text(data, defaults.origin, declared=declared_in_markup(data))
    if not decoded.text.strip():
        raise IngestError(defaults.origin, "empty: no text to store")
    item = extract_html(decoded.text, defaults, decoded=decoded)
    if isinstance(item, IngestError):
        raise item
    yield item


def _sniff_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:200].lower()
    return start.startswith(b"<!doctype html") or start.startswith(b"<html")


HTML_READER = register_reader(Reader("html", (".html", ".htm", ".xhtml"), read_html, _sniff_html))
