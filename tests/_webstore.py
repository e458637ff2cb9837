"""Stores and a live server for the API and browser tests (imported by those test modules)."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "samples" / "corpus"

#: Markup that would run code if a page built HTML from stored text; each sets window.__xss or opens a
#: dialog when it runs.
XSS = [
    "<script>window.__xss=1;alert(1)</script>",
    '<img src=x onerror="window.__xss=2;alert(2)">',
    '<svg onload="window.__xss=3;alert(3)"><script>window.__xss=3</script></svg>',
    '<a href="javascript:window.__xss=4;alert(4)">click me</a>',
    '"><script>window.__xss=5</script><"',
    "'; window.__xss=6; '",
    "</script><script>window.__xss=7;alert(7)</script>",
    '<iframe src="javascript:window.__xss=8"></iframe>',
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=9>",
    "<b onmouseover=window.__xss=10>broken <i markup",
    '<svg><a xlink:href="javascript:window.__xss=11"><text x="20" y="20">svg link</text></a></svg>',
    "{{7*7}} ${7*7} <!-- comment --> &lt;script&gt;",
]


def build_demo(db: Path) -> str:
    """The demo corpus (samples/corpus), analysed, in an SQLite store; returns its URL."""
    from dossier.ingest.job import ingest
    from dossier.store import Store

    url = f"sqlite:///{db}"
    store = Store(url)
    ingest([CORPUS], store)
    store.dispose()
    return url


def build_xss(folder: Path) -> str:
    """A store whose titles, texts, outlets and entity names carry the XSS corpus."""
    from sqlalchemy import select, update

    from dossier.ingest.job import ingest
    from dossier.store import Store
    from dossier.store import schema as t

    items = []
    for i, payload in enumerate(XSS):
        items.append(
            {
                "title": f"Oreshnik {payload}",
                "text": f"MINSK, September {i + 1}, 2025 — President Alexander Lukashenko said {payload} that the "
                f'Oreshnik missile complex was deployed in Belarus. "We will not hide it {payload}," he said.',
                "outlet": f"Outlet {payload}",
                "url": f"https://example.org/{i}",
                "published": f"2025-09-{i + 1:02d}T10:00:00",
            }
        )
    source = folder / "xss.jsonl"
    source.write_text("\n".join(json.dumps(x) for x in items), encoding="utf-8")
    url = f"sqlite:///{folder / 'xss.db'}"
    store = Store(url)
    ingest([source], store)
    with store.begin() as conn:
        ids = [r.id for r in conn.execute(select(t.entities.c.id).order_by(t.entities.c.id))]
        for entity_id, payload in zip(ids, XSS, strict=False):
            conn.execute(
                update(t.entities)
                .where(t.entities.c.id == entity_id)
                .values(name=f"Name {payload}", aliases=[f"Alias {payload}"])
            )
    store.dispose()
    return url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(url: str, **settings: Any) -> Iterator[str]:
    """``dossier serve`` in a thread on 127.0.0.1; yields its base URL."""
    import uvicorn

    from dossier.api import Settings, create_app
    from dossier.store import Store

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(Store(url), Settings(**settings)), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
