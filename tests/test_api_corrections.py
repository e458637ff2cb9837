"""Analysts' corrections through the REST API (issue #16): behind the token, logged, undoable."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from _webstore import build_demo
from dossier.api import Settings, create_app
from dossier.store import Store

pytestmark = pytest.mark.model
TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}", "X-Dossier-User": "ana"}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path)
    return path


@pytest.fixture
def demo_url(demo_db: Path, tmp_path: Path) -> str:
    """A private copy of the analysed demo store: each test corrects its own."""
    copy = tmp_path / "demo.db"
    with sqlite3.connect(demo_db) as source, sqlite3.connect(copy) as target:
        source.backup(target)  # the WAL included, which a plain file copy would miss
    return f"sqlite:///{copy}"


@pytest.fixture
def client(demo_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(Store(demo_url), Settings(token=TOKEN)), raise_server_exceptions=False) as c:
        yield c


def _event(client: TestClient, kind: str) -> dict:
    items = client.get("/api/events", params={"kind": kind, "limit": 50}).json()["items"]
    return next(e for e in items if e["date"])


def test_writes_need_the_token(demo_url: str, client: TestClient) -> None:
    ev = _event(client, "EQUIPMENT_COMBAT_DUTY")
    anonymous = client.post(f"/api/events/{ev['id']}/reject")
    assert anonymous.status_code == 401 and anonymous.json()["error"] == "unauthorized"
    with TestClient(create_app(Store(demo_url), Settings())) as readonly:
        off = readonly.post(f"/api/events/{ev['id']}/reject", headers=AUTH)
        assert off.status_code == 403 and off.json()["error"] == "forbidden"
        assert readonly.get("/api/log").status_code == 200


def test_reject_edit_undo_through_the_api(client: TestClient) -> None:
    ev = _event(client, "EQUIPMENT_COMBAT_DUTY")
    done = client.post(f"/api/events/{ev['id']}/reject", json={"note": "duplicate report"}, headers=AUTH)
    assert done.status_code == 200
    (entry,) = done.json()["entries"]
    assert (entry["action"], entry["user"], entry["note"]) == ("reject", "ana", "duplicate report")
    ids = {e["id"] for e in client.get("/api/events", params={"limit": 500}).json()["items"]}
    assert ev["id"] not in ids
    undone = client.post(f"/api/log/{entry['entry']}/undo", headers=AUTH).json()["entries"][0]
    assert undone["undoes"] == entry["entry"]
    assert ev["id"] in {e["id"] for e in client.get("/api/events", params={"limit": 500}).json()["items"]}

    edited = client.patch(f"/api/events/{ev['id']}", json={"date": "2025-12-16"}, headers=AUTH)
    assert edited.status_code == 200 and edited.json()["entries"][0]["new"] == "2025-12-16"
    record = client.get(f"/api/events/{ev['id']}").json()
    assert record["date"] == "2025-12-16" and record["corrected"]["date"]["by"] == "ana"
    log = client.get("/api/log").json()["entries"]
    assert [e["action"] for e in log] == ["edit", "undo", "reject"]


def test_bad_corrections_get_the_error_shape(client: TestClient) -> None:
    ev = _event(client, "EQUIPMENT_COMBAT_DUTY")
    bad = client.patch(f"/api/events/{ev['id']}", json={"date": "soon"}, headers=AUTH)
    assert bad.status_code == 422 and set(bad.json()) == {"error", "message", "hint"}
    missing = client.post("/api/events/999999/confirm", headers=AUTH)
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    wrong = client.post("/api/entities/merge", json={"keep": 1, "others": []}, headers=AUTH)
    assert wrong.status_code == 422


def test_merge_and_note_through_the_api(client: TestClient) -> None:
    places = client.get("/api/entities", params={"kind": "place", "limit": 10}).json()["items"]
    keep, other = places[0], places[1]
    merged = client.post("/api/entities/merge", json={"keep": keep["id"], "others": [other["id"]]}, headers=AUTH)
    assert merged.status_code == 200
    assert client.get(f"/api/entities/{other['id']}").status_code == 404
    noted = client.post(
        "/api/notes", json={"target_type": "entity", "target_id": keep["id"], "text": "checked"}, headers=AUTH
    )
    assert noted.status_code == 200 and noted.json()["entries"][0]["action"] == "note"


def test_event_page_offers_corrections_only_with_a_token(demo_url: str, client: TestClient) -> None:
    ev = _event(client, "EQUIPMENT_COMBAT_DUTY")
    page = client.get(f"/events/{ev['id']}").text
    assert 'data-testid="review"' in page and "/static/corrections.js" in page and "<script>" not in page
    with TestClient(create_app(Store(demo_url), Settings())) as readonly:
        assert 'data-testid="review"' not in readonly.get(f"/events/{ev['id']}").text
    client.patch(f"/api/events/{ev['id']}", json={"date": "2025-12-16"}, headers=AUTH)
    after = client.get(f"/events/{ev['id']}").text
    assert "date set by ana" in after and "the machine said" in after
    assert client.get("/static/corrections.js").status_code == 200
