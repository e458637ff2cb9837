"""A source's new articles: what one poll of a feed, page, sitemap or folder yields.

A harvest is built without touching the store's articles: it holds the read
items (articles and the reasons for what could not be read) and the fetch
state to remember once they are stored (see :mod:`~dossier.monitor.fetchstate`
for why that order matters).

Feeds: each new item's linked page is fetched and its main text extracted by
trafilatura (the same extraction as ``ingest`` uses for HTML); the feed
supplies what pages often get wrong or leave out (date, title, tags).  When
the page cannot be fetched or has no article text, the item's own text from
the feed is stored instead, and the page is tried again next poll (a later
success becomes a revision of the same URL).  An item is new when its link
was never stored; items without a link are left to the content-hash
idempotency of the ingest.  The feed's validators are saved only once every
new item has been dealt with for good, so a deferred or failed item is never
hidden behind a 304.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring

from dossier.errors import IngestError
from dossier.ingest import Defaults, ReadItem, iter_sources, read_source, reader_for
from dossier.ingest.decode import decode_bytes
from dossier.ingest.feeds import read_feed
from dossier.ingest.html import extract_html
from dossier.model import Article
from dossier.monitor.fetching import Fetched, Fetcher, is_url
from dossier.monitor.fetchstate import StateUpdate, StateView
from dossier.monitor.sources import WatchedSource

#: Pages fetched per source per poll; the rest wait for the next poll (a new feed with 500 items
#: must not become 500 requests at once).
DEFAULT_MAX_ITEMS = 50
MAX_CHILD_SITEMAPS = 20


@dataclass(slots=True)
class Harvest:
    """One source's poll: items to ingest, state to save after them, and the outcome for its health."""

    source: WatchedSource
    items: list[ReadItem] = field(default_factory=list)
    states: list[StateUpdate] = field(default_factory=list)
    error: str | None = None
    seen: int = 0
    kind: str | None = None  # the kind found on the first fetch of an ``auto`` source
    not_modified: bool = False


# -- documents ------------------------------------------------------------------------------


def sniff_kind(body: bytes, content_type: str = "") -> str:
    """feed, sitemap or page, from the first bytes (and the declared type as a tie-breaker)."""
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048].lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if any(x in content_type for x in ("rss", "atom")):
        return "feed"
    return "page"


def _is_html(fetched: Fetched) -> bool:
    if "html" in fetched.content_type:
        return True
    head = fetched.body.lstrip(b"\xef\xbb\xbf \t\r\n")[:200].lower()
    return head.startswith((b"<!doctype html", b"<html"))


def document_items(fetched: Fetched, defaults: Defaults) -> list[ReadItem]:
    """The articles in one fetched document: an HTML page through trafilatura, anything else by its reader."""
    origin = defaults.origin
    try:
        if not fetched.body.strip():
            return [IngestError(origin, "empty response: no text to store")]
        if _is_html(fetched):
            html, _encoding = decode_bytes(fetched.body, origin)
            return [extract_html(html, defaults, url=defaults.url or fetched.url)]
        name = PurePosixPath(urlsplit(fetched.final_url).path).name
        reader = reader_for(name, fetched.body[:4096])
        if reader is None:
            return [IngestError(origin, f"unknown format (Content-Type {fetched.content_type or 'not given'})")]
        return list(reader.read(fetched.body, defaults))
    except IngestError as exc:
        return [exc]
    except (ValueError, LookupError, RecursionError) as exc:
        return [IngestError(origin, f"could not be read: {type(exc).__name__}: {exc}")]


def _defaults(source: WatchedSource, origin: str, url: str | None = None) -> Defaults:
    return Defaults(origin=origin, url=url, outlet=source.outlet, language=source.language)


def _state(url: str, now: str, fetched: Fetched, *, keep_validators: bool = True) -> StateUpdate:
    return StateUpdate(
        url=url,
        fetched_at=now,
        status=fetched.status,
        etag=fetched.etag if keep_validators else None,
        last_modified=fetched.last_modified if keep_validators else None,
        error=fetched.error,
    )


# -- per kind -------------------------------------------------------------------------------


async def harvest_url(
    fetcher: Fetcher,
    source: WatchedSource,
    states: StateView,
    *,
    now: str,
    max_items: int = DEFAULT_MAX_ITEMS,
) -> Harvest:
    """Poll one URL source: a conditional GET, then what its kind calls for."""
    harvest = Harvest(source)
    known = states.get(source.url)
    fetched = await fetcher.get(
        source.url,
        etag=known.etag if known else None,
        last_modified=known.last_modified if known else None,
    )
    if fetched.not_modified:
        harvest.not_modified = True
        harvest.states.append(_state(source.url, now, fetched))
        return harvest
    if not fetched.ok:
        harvest.error = fetched.error or f"HTTP {fetched.status}"
        harvest.states.append(_state(source.url, now, fetched))
        return harvest
    kind = source.kind
    if kind == "auto":
        kind = harvest.kind = sniff_kind(fetched.body, fetched.content_type)
    if kind == "feed":
        await _feed(fetcher, source, fetched, states, harvest, now=now, max_items=max_items)
    elif kind == "sitemap":
        await _sitemap(fetcher, source, fetched, states, harvest, now=now, max_items=max_items)
    else:
        harvest.seen = 1
        items = document_items(fetched, _defaults(source, source.url, url=source.url))
        if source.outlet:
            items = [i.replace(outlet=source.outlet) if isinstance(i, Article) else i for i in items]
        harvest.items.extend(items)
        if not any(isinstance(i, Article) for i in items):
            harvest.error = "; ".join(i.reason for i in items if isinstance(i, IngestError)) or "nothing to store"
        harvest.states.append(_state(source.url, now, fetched))
    return harvest


async def _fetch_pages(fetcher: Fetcher, urls: list[str]) -> dict[str, Fetched]:
    results = await asyncio.gather(*(fetcher.get(u) for u in urls))
    return dict(zip(urls, results, strict=True))


def _page_article(fetched: Fetched, entry: Article, source: WatchedSource, link: str) -> ReadItem:
    """A feed item's page as an article, the feed filling what the page lacks (and its date winning)."""
    defaults = Defaults(
        origin=link,
        url=link,
        outlet=source.outlet or entry.outlet,
        language=source.language or entry.language,
        published=entry.published,
    )
    items = document_items(fetched, defaults)
    article = next((i for i in items if isinstance(i, Article)), None)
    if article is None:
        return items[0] if items else IngestError(link, "no article text found")
    extra = {**entry.extra, **article.extra, "feed": source.url}
    if fetched.final_url != link:
        extra["final_url"] = fetched.final_url
    return article.replace(
        url=link,
        origin=link,
        title=article.title or entry.title,
        published=entry.published or article.published,
        outlet=source.outlet or article.outlet or entry.outlet,
        author=article.author or entry.author,
        extra=extra,
    )


async def _feed(
    fetcher: Fetcher,
    source: WatchedSource,
    fetched: Fetched,
    states: StateView,
    harvest: Harvest,
    *,
    now: str,
    max_items: int,
) -> None:
    try:
        entries = list(read_feed(fetched.body, _defaults(source, source.url)))
    except IngestError as exc:
        harvest.error = exc.reason
        harvest.states.append(_state(source.url, now, fetched, keep_validators=False))
        return
    harvest.seen = len(entries)
    articles = [e for e in entries if isinstance(e, Article)]
    harvest.items.extend(e for e in entries if isinstance(e, IngestError))
    links = [a.url for a in articles if a.url and is_url(a.url)]
    known = states.many(links)
    wanted: list[str] = []
    settled = True
    for entry in articles:
        link = entry.url if entry.url and is_url(entry.url) else None
        if link is None:
            key = entry.extra.get("feed_id") or entry.hash[:16]
            harvest.items.append(entry.replace(origin=f"{source.url}#{key}", extra={**entry.extra, "feed": source.url}))
        elif (link in known and known[link].done) or link in wanted:
            continue
        elif len(wanted) >= max_items:
            settled = False  # left for the next poll
        else:
            wanted.append(link)
    by_link = {a.url: a for a in articles if a.url in wanted}
    for link, page in (await _fetch_pages(fetcher, wanted)).items():
        entry = by_link[link]
        item = _page_article(page, entry, source, link) if page.ok else None
        if isinstance(item, Article):
            harvest.items.append(item)
            harvest.states.append(_state(link, now, page))
            continue
        # The page failed or held no article: keep the feed's own text now, try the page next poll.
        reason = page.error if not page.ok else (item.reason if isinstance(item, IngestError) else "no text")
        harvest.items.append(
            entry.replace(origin=link, extra={**entry.extra, "feed": source.url, "page_error": reason})
        )
        harvest.states.append(StateUpdate(link, now, status=page.status, error=reason or "failed"))
        if known.get(link) is None or known[link].failures + 1 < 3:
            settled = False
    harvest.states.append(_state(source.url, now, fetched, keep_validators=settled))


def _sitemap_locs(body: bytes, origin: str) -> tuple[list[str], list[str]]:
    """(page URLs, child sitemap URLs) of a sitemap or sitemap index."""
    try:
        root = safe_fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise IngestError(origin, f"refused: the sitemap declares a DTD or entities ({type(exc).__name__})") from exc
    except ParseError as exc:
        raise IngestError(origin, f"malformed sitemap XML: {exc}") from exc
    tag = root.tag.rsplit("}", 1)[-1]
    locs = [(el.text or "").strip() for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "loc"]
    locs = [u for u in locs if is_url(u)]
    if tag == "sitemapindex":
        return [], locs
    if tag != "urlset":
        raise IngestError(origin, f"not a sitemap: the root element is <{tag}>")
    return locs, []


async def _sitemap(
    fetcher: Fetcher,
    source: WatchedSource,
    fetched: Fetched,
    states: StateView,
    harvest: Harvest,
    *,
    now: str,
    max_items: int,
) -> None:
    try:
        pages, children = _sitemap_locs(fetched.body, source.url)
        for child in await asyncio.gather(*(fetcher.get(u) for u in children[:MAX_CHILD_SITEMAPS])):
            if child.ok:
                pages.extend(_sitemap_locs(child.body, child.url)[0])
            else:
                harvest.items.append(IngestError(child.url, child.error or "could not be fetched"))
    except IngestError as exc:
        harvest.error = exc.reason
        harvest.states.append(_state(source.url, now, fetched, keep_validators=False))
        return
    pages = list(dict.fromkeys(pages))
    harvest.seen = len(pages)
    known = states.many(pages)
    new = [u for u in pages if not (u in known and known[u].done)]
    settled = len(new) <= max_items
    for url, page in (await _fetch_pages(fetcher, new[:max_items])).items():
        if not page.ok:
            harvest.items.append(IngestError(url, page.error or f"HTTP {page.status}"))
            harvest.states.append(_state(url, now, page))
            settled = False
            continue
        items = document_items(page, _defaults(source, url, url=url))
        harvest.items.extend(items)
        failed = not any(isinstance(i, Article) for i in items)
        reason = "; ".join(i.reason for i in items if isinstance(i, IngestError)) if failed else None
        harvest.states.append(StateUpdate(url, now, status=page.status, error=reason))
    harvest.states.append(_state(source.url, now, fetched, keep_validators=settled))


def harvest_path(source: WatchedSource, states: StateView, *, now: str) -> Harvest:
    """Poll a local file or folder: every file whose size or modification time changed since the last poll."""
    harvest = Harvest(source)
    files = []
    for found in iter_sources([source.url]):
        if isinstance(found, IngestError):
            harvest.error = found.reason
            return harvest
        files.append(found)
    harvest.seen = len(files)
    known = states.many(f.name for f in files)
    for found in files:
        assert found.path is not None  # iter_sources gives paths for everything but stdin
        try:
            stat = found.path.stat()
        except OSError as exc:
            harvest.items.append(IngestError(found.name, f"cannot be read: {exc}"))
            continue
        stamp = f"{stat.st_size}:{stat.st_mtime_ns}"
        state = known.get(found.name)
        if state is not None and state.etag == stamp and state.ok_at:
            continue
        harvest.items.extend(read_source(found, defaults=_defaults(source, found.name)))
        harvest.states.append(StateUpdate(found.name, now, status=200, etag=stamp))
    return harvest
