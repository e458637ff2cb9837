"""The REST API and the pages through FastAPI's test client, over the analysed demo corpus."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from _webstore import XSS, build_demo, build_xss
from dossier.api import Settings, create_app
from dossier.api.ingest import safe_name
from dossier.store import Store, crossdoc, knowledge, queries
from dossier.store.filters import Filters

pytestmark = pytest.mark.model

ERROR_KEYS = {"error", "message", "hint"}


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_demo(tmp_path_factory.mktemp("web") / "demo.db")


@pytest.fixture(scope="module")
def client(demo_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(Store(demo_url), Settings()), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def conn(demo_url: str) -> Iterator[object]:
    store = Store(demo_url)
    with store.connect() as c:
        yield c
    store.dispose()


def _oreshnik(conn: object) -> int:
    return knowledge.find_entity_ids(conn, "Oreshnik")[0]


def test_listing_records_are_the_cli_records(client: TestClient, conn: object) -> None:
    """One schema: what the API lists is exactly what the CLI's functions return (``--json``)."""
    pairs = {
        "/api/articles?limit=500": queries.list_articles(conn, limit=500),
        "/api/events?limit=500": knowledge.list_events(conn, limit=500),
        "/api/quotes?limit=500": knowledge.list_quotes(conn, limit=500),
        "/api/stories?limit=500": crossdoc.list_stories(conn, limit=500),
        "/api/contradictions?limit=500": crossdoc.list_contradictions(conn),
    }
    for url, expected in pairs.items():
        body = client.get(url).json()
        assert body["items"] == expected, url
        assert body["next"] is None
    assert client.get("/api/stats").json() == queries.stats(conn)


def test_cursor_pages_cover_the_listing_once(client: TestClient, conn: object) -> None:
    seen, cursor, pages = [], None, 0
    while True:
        body = client.get("/api/articles", params={"limit": 5, **({"cursor": cursor} if cursor else {})}).json()
        seen += [a["id"] for a in body["items"]]
        pages += 1
        cursor = body["next"]
        if cursor is None:
            break
    assert seen == [a["id"] for a in queries.list_articles(conn, limit=None)]
    assert pages == -(-len(seen) // 5)


def test_filters_restrict_listings(client: TestClient) -> None:
    ru = client.get("/api/articles", params={"language": "ru"}).json()
    assert ru["items"] and {a["language"] for a in ru["items"]} == {"ru"}
    assert ru["filters"] == {"language": "ru"}
    late = client.get("/api/articles", params={"since": "2025-12-01"}).json()["items"]
    assert late and all(a["published"] >= "2025-12-01" for a in late)
    planned = client.get("/api/events", params={"modality": "planned"}).json()["items"]
    assert planned and {e["modality"] for e in planned} == {"planned"}
    wide = client.get("/api/events", params={"min_sources": 2, "limit": 500}).json()["items"]
    assert wide and all(e["independent_sources"] >= 2 for e in wide)
    about = client.get("/api/events", params={"subject": "Орешник", "kind": "request", "limit": 500}).json()["items"]
    assert about and all(e["kind"] == "REQUEST" and "Oreshnik" in e["equipment"] for e in about)
    hits = client.get("/api/search", params={"q": "Oreshnik", "language": "ru"}).json()["items"]
    assert hits and {h["language"] for h in hits} == {"ru"}


def test_unknown_ids_are_404_in_one_shape(client: TestClient) -> None:
    for url in ("/api/articles/99999", "/api/entities/99999", "/api/events/99999", "/api/stories/99999", "/api/nope"):
        r = client.get(url)
        assert r.status_code == 404, url
        assert set(r.json()) == ERROR_KEYS and r.json()["error"] == "not_found"


def test_bad_parameters_are_422_with_a_stable_code(client: TestClient) -> None:
    cases = {
        "/api/articles?since=yesterday": "usage",
        "/api/articles?cursor=%%%": "usage",
        "/api/articles?limit=0": "invalid",
        "/api/articles?limit=abc": "invalid",
        "/api/articles/123456789012345678901234567890": "invalid",
        "/api/events?modality=maybe": "invalid",
        "/api/search?q=": "invalid",
        "/api/search?q=%21%21": "usage",
    }
    for url, code in cases.items():
        r = client.get(url)
        assert r.status_code == 422, url
        assert set(r.json()) == ERROR_KEYS and r.json()["error"] == code, (url, r.json())
    r = client.get("/api/events", params={"kind": "LAUNCH_PARTY"})
    assert r.status_code == 422 and "REQUEST" in r.json()["hint"]


def test_timeline_marks_sources_lifecycle_and_contested(client: TestClient, conn: object) -> None:
    body = client.get("/api/timeline", params={"subject": "Орешник"}).json()
    assert body["subject"] == "Oreshnik" and body["status"]
    entries = body["entries"]
    assert entries and all("contested" in e and e["independent_sources"] >= 1 for e in entries)
    assert any(e["lifecycle"] for e in entries)
    assert client.get(f"/api/timeline/{_oreshnik(conn)}").json()["entries"] == entries


def test_entity_article_and_event_details(client: TestClient, conn: object) -> None:
    oid = _oreshnik(conn)
    e = client.get(f"/api/entities/{oid}").json()
    assert e["name"] == "Oreshnik" and "Орешник" in e["aliases"] and e["mention_list"]
    days = client.get(f"/api/entities/{oid}/attention").json()
    assert sum(d["mentions"] for d in days) <= e["mentions"] and days == sorted(days, key=lambda d: d["day"])
    assert client.get(f"/api/entities/{oid}/cooccurring").json()
    article_id = e["mention_list"][0]["article_id"]
    found = client.get(f"/api/articles/{article_id}/extractions").json()
    assert set(found) == {"mentions", "times", "quotes", "events"}
    text = client.get(f"/api/articles/{article_id}").json()["text"]
    assert all(text[m["start"] : m["end"]] == m["text"] for m in found["mentions"])
    event = knowledge.list_events(conn, limit=1)[0]
    got = client.get(f"/api/events/{event['id']}").json()
    assert got["sources"] and got["sentence"] == event["sentence"]


def test_writes_are_off_without_a_token(client: TestClient) -> None:
    r = client.post("/api/ingest", files={"files": ("a.txt", b"Title\n\nSome text.")})
    assert r.status_code == 403 and r.json()["error"] == "forbidden"


def test_writes_need_the_bearer_token_and_bounded_uploads(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    app = create_app(store, Settings(token="s3cret-token", max_upload_bytes=2000))
    with TestClient(app, raise_server_exceptions=False) as c:
        files = {"files": ("../../etc/report.txt", b"Uploaded title\n\nMinsk said something today.")}
        assert c.post("/api/ingest", files=files).status_code == 401
        wrong = c.post("/api/ingest", files=files, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and wrong.json()["error"] == "unauthorized"
        ok = c.post("/api/ingest?analyze=false", files=files, headers={"Authorization": "Bearer s3cret-token"})
        assert ok.status_code == 200, ok.text
        assert ok.json()["summary"]["new"] == 1
        assert c.get("/api/articles").json()["items"][0]["title"] == "Uploaded title"
        big = {"files": ("big.txt", b"x" * 5000)}
        r = c.post("/api/ingest", files=big, headers={"Authorization": "Bearer s3cret-token"})
        assert r.status_code == 413 and r.json()["error"] == "too_large"
        r = c.post("/api/articles", content=b"x" * (2 * 1024 * 1024))
        assert r.status_code in (405, 413) and set(r.json()) == ERROR_KEYS


def test_upload_names_never_leave_the_upload_folder() -> None:
    for name in ("../../etc/passwd", "/etc/shadow", "..\\..\\win.ini", "", None, "..", "a/b/../c.txt"):
        safe = safe_name(name, 3)
        assert "/" not in safe and "\\" not in safe and not safe.startswith(".")


def test_pages_render_and_link_to_their_api_call(client: TestClient, conn: object) -> None:
    oid = _oreshnik(conn)
    for url, api in (
        ("/", "/api/stats"),
        ("/search?q=Oreshnik", "/api/search?q=Oreshnik"),
        ("/articles", "/api/articles"),
        ("/articles/1", "/api/articles/1"),
        (f"/entities/{oid}", f"/api/entities/{oid}"),
        (f"/timeline/{oid}", f"/api/timeline/{oid}"),
        ("/events", "/api/events"),
        ("/stories/1", "/api/stories/1"),
        ("/quotes", "/api/quotes"),
        ("/contradictions", "/api/contradictions"),
    ):
        r = client.get(url)
        assert r.status_code == 200, url
        assert f'href="{api}"' in r.text, url
        assert "content-security-policy" in r.headers and "script-src 'self'" in r.headers["content-security-policy"]
        # offline: no script, style or image from another host
        assert not re.search(r'(src|href)="(https?:)?//', r.text), url
    assert client.get("/articles/99999").status_code == 404


def test_assets_come_from_installed_packages(client: TestClient) -> None:
    plotly = client.get("/vendor/plotly.min.js")
    assert plotly.status_code == 200 and len(plotly.content) > 1_000_000
    docs = client.get("/docs")
    assert docs.status_code == 200 and "<script>" not in docs.text  # no inline script
    assert "/vendor/swagger/swagger-ui-bundle.js" in docs.text
    assert client.get("/vendor/swagger/swagger-ui-bundle.js").status_code == 200
    schema = client.get("/openapi.json").json()
    assert {"/api/articles", "/api/timeline", "/api/events", "/api/search"} <= set(schema["paths"])


def test_untrusted_text_is_escaped_in_pages(tmp_path: Path) -> None:
    url = build_xss(tmp_path)
    with TestClient(create_app(Store(url), Settings()), raise_server_exceptions=False) as c:
        pages = ["/", "/articles", "/search?q=Oreshnik", "/entities", "/events", "/quotes", "/stories"]
        pages += [f"/articles/{i}" for i in range(1, len(XSS) + 1)]
        pages += [f"/entities/{e['id']}" for e in c.get("/api/entities?limit=20").json()["items"]]
        pages += [f"/timeline/{e['id']}" for e in c.get("/api/entities?limit=5").json()["items"]]
        for page in pages:
            r = c.get(page)
            assert r.status_code == 200, page
            body = r.text
            assert "<script>window.__xss" not in body, page
            assert not re.search(r"<[a-zA-Z][^<>]*\son[a-z]+\s*=", body), page  # no event-handler attribute
            assert not re.search(r"<(img|iframe|svg|math)\b", body), page
            assert "javascript:" not in re.sub(r"&[a-z#0-9]+;", "", " ".join(re.findall(r'href="([^"]*)"', body)))


def test_filters_checked_once() -> None:
    with pytest.raises(Exception, match="invalid until"):
        Filters(until="12/01/2025").checked()
    with pytest.raises(Exception, match="unknown modality"):
        Filters(modality="rumoured").checked()
    assert Filters(since=" 2025-09 ", outlet="").checked().active == {"since": "2025-09"}


def test_dossier_serve_starts_on_localhost_and_answers(tmp_path: Path) -> None:
    """The command itself: binds 127.0.0.1, serves the API over the named store, read-only."""
    import os
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    from _webstore import free_port

    port = free_port()
    env = {**os.environ, "DOSSIER_TOKEN": ""}
    cmd = [sys.executable, "-m", "dossier", "serve", "--db", str(tmp_path / "s.db"), "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline, body = time.monotonic() + 60, None
        while time.monotonic() < deadline and body is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=10) as r:
                    body = r.read()
            except OSError:  # not listening yet, or slow to answer its first request on a busy machine
                time.sleep(0.3)
        assert body is not None and b'"articles":0' in body
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/ingest", data=b"", method="POST")
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req, timeout=5)
        assert err.value.code == 403
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_dossier_serve_rejects_bad_options(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dossier.cli import app

    runner = CliRunner()
    assert runner.invoke(app, ["serve", "--db", str(tmp_path / "x.db"), "--port", "0"]).exit_code == 2
    assert runner.invoke(app, ["serve", "--db", str(tmp_path / "x.db"), "--token", "short"]).exit_code == 2
