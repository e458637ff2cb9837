"""OPML import and export: the format analysts keep their feed lists in.

OPML files come from other tools and other people, so they are parsed with
defusedxml with DTDs refused outright: an outline never needs one, and a DTD
is where entity bombs and external-entity tricks live.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError, SubElement, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring

from dossier.errors import IngestError


@dataclass(frozen=True, slots=True)
class Outline:
    """One subscription from an OPML file."""

    url: str
    name: str | None
    kind: str  # feed | page | sitemap | auto
    language: str | None
    category: str | None
    every: str | None = None  # Dossier's own attribute, kept on a round trip


def parse_opml(data: bytes, *, origin: str = "OPML") -> list[Outline]:
    """Every outline with an ``xmlUrl`` (a feed) or ``htmlUrl``-only page with ``type="link"``, nested or not."""
    try:
        root = safe_fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise IngestError(origin, f"refused: the OPML declares a DTD or entities ({type(exc).__name__})") from exc
    except ParseError as exc:
        raise IngestError(origin, f"malformed XML: {exc}") from exc
    if root.tag.lower() != "opml":
        raise IngestError(origin, f"not OPML: the root element is <{root.tag}>")
    found: list[Outline] = []

    def walk(node: Element, category: str | None) -> None:
        for child in node.findall("outline"):
            feed_url = (child.get("xmlUrl") or "").strip()
            page_url = (child.get("htmlUrl") or child.get("url") or "").strip()
            name = (child.get("title") or child.get("text") or "").strip() or None
            kind = child.get("dossierKind")
            every = child.get("dossierEvery")
            if feed_url:
                found.append(Outline(feed_url, name, kind or "feed", child.get("language"), category, every))
            elif page_url and (child.get("type") or "").lower() == "link":
                found.append(Outline(page_url, name, kind or "page", child.get("language"), category, every))
            walk(child, name if not feed_url and not page_url else category)

    body = root.find("body")
    if body is None:
        raise IngestError(origin, "not OPML: no <body>")
    walk(body, None)
    return found


def write_opml(sources: list[dict[str, object]], *, title: str = "Dossier sources") -> bytes:
    """An OPML 2.0 document listing the given source records (URL sources only; local paths are not portable)."""
    root = Element("opml", version="2.0")
    head = SubElement(root, "head")
    SubElement(head, "title").text = title
    body = SubElement(root, "body")
    for s in sources:
        url = str(s["url"])
        if "://" not in url:
            continue
        attrs = {"text": str(s.get("name") or url), "title": str(s.get("name") or url)}
        if s.get("kind") == "page":
            attrs.update(type="link", url=url)
        else:
            attrs.update(type="rss", xmlUrl=url)
        if s.get("kind") not in ("feed", "page"):
            attrs["dossierKind"] = str(s.get("kind"))
        if s.get("language"):
            attrs["language"] = str(s["language"])
        if s.get("every"):
            attrs["dossierEvery"] = str(s["every"])
        SubElement(body, "outline", attrs)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode").encode("utf-8") + b"\n"
