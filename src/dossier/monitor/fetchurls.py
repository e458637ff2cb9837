"""``dossier fetch``: fetch pages (or feeds, or any document the readers know) by URL once and ingest them.

Same politeness as a watch round (robots.txt, per-host limits, retries, size
limit), but unconditional: asking for a URL by hand means "get it now".  The
fetch state is still recorded, so a later watch of a feed linking the same
page does not fetch it again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from dossier.errors import IngestError
from dossier.ingest import Defaults, ReadItem
from dossier.ingest.job import IngestReport, ingest_items
from dossier.model import Article
from dossier.monitor.fetching import Fetched, Fetcher, FetchPolicy
from dossier.monitor.fetchstate import StateUpdate, save_states
from dossier.monitor.harvest import document_items
from dossier.store import Store
from dossier.store.write import SaveResult, now_iso


async def _fetch_all(urls: list[str], policy: FetchPolicy) -> list[Fetched]:
    async with Fetcher(policy) as fetcher:
        return list(await asyncio.gather(*(fetcher.get(u) for u in urls)))


def fetch_urls(
    urls: list[str],
    store: Store,
    *,
    policy: FetchPolicy | None = None,
    outlet: str | None = None,
    language: str | None = None,
    analyze: bool = True,
    on_saved: Callable[[Article, SaveResult], None] | None = None,
    on_rejected: Callable[[IngestError], None] | None = None,
) -> IngestReport:
    """Fetch every URL, ingest what they hold, remember their validators; alerts run after the ingest."""
    now = now_iso()
    fetched = asyncio.run(_fetch_all(list(dict.fromkeys(urls)), policy or FetchPolicy()))
    items: list[ReadItem] = []
    states: list[StateUpdate] = []
    for got in fetched:
        if got.ok:
            found = document_items(got, Defaults(origin=got.url, url=got.url, outlet=outlet, language=language))
            if outlet:
                found = [i.replace(outlet=outlet) if isinstance(i, Article) else i for i in found]
            items.extend(found)
        else:
            items.append(IngestError(got.url, got.error or f"HTTP {got.status}"))
        states.append(
            StateUpdate(
                got.url, now, status=got.status, etag=got.etag, last_modified=got.last_modified, error=got.error
            )
        )
    report = ingest_items(items, store, analyze=analyze, on_saved=on_saved, on_rejected=on_rejected)
    with store.begin(timelines=False) as conn:  # fetch states: nothing a timeline reads
        save_states(conn, None, states)
    return report
