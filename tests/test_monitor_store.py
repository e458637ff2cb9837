"""Monitoring state in the store (issue #12) on SQLite and PostgreSQL, and the e-mail channel on a local SMTP server."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from sqlalchemy import select

from dossier.ingest.job import POST_INGEST, ingest_items
from dossier.model import Article
from dossier.monitor import alerts as al
from dossier.monitor import channels as ch
from dossier.monitor.fetchstate import StateUpdate, StateView, save_states
from dossier.monitor.opml import parse_opml, write_opml
from dossier.monitor.schedule import format_interval, is_due, next_due, parse_interval
from dossier.monitor.sources import add_source, list_sources, record_poll
from dossier.store import Store
from dossier.store import schema as t

TEXT = (
    "MINSK, September 26, 2025 — Belarus is stationing the Oreshnik missile complex in line with international "
    "law, Foreign Minister Maxim Ryzhenkov said on Friday."
)


def test_intervals_and_due_times() -> None:
    assert parse_interval("15m") == 900 and parse_interval("2h") == 7200 and parse_interval("30") == 1800
    assert format_interval(900) == "15m" and format_interval(86400) == "1d" and format_interval(45) == "45s"
    assert is_due(None, 60)
    assert not is_due("2999-01-01T00:00:00+00:00", 60)
    base = "2025-01-01T00:00:00+00:00"
    assert next_due(base, 600, failures=2).isoformat() == "2025-01-01T00:40:00+00:00"  # backs off when failing
    assert next_due(base, 600, failures=10).isoformat() == "2025-01-01T01:20:00+00:00"  # at most eight times


def test_sources_health_and_fetch_state(store: Store) -> None:
    with store.begin() as conn:
        src = add_source(conn, "http://127.0.0.1:9/feed.xml", name="f", every_s=60)
        for _ in range(3):
            record_poll(conn, src["id"], attempted_at="2025-01-01T00:00:00+00:00", error="HTTP 500")
        save_states(conn, src["id"], [StateUpdate("http://127.0.0.1:9/a", "2025-01-01T00:00:00+00:00", 200, '"e"')])
        save_states(conn, src["id"], [StateUpdate("http://127.0.0.1:9/a", "2025-01-02T00:00:00+00:00", 304)])
        save_states(conn, src["id"], [StateUpdate("http://127.0.0.1:9/b", "2025-01-02T00:00:00+00:00", error="x")])
        save_states(conn, src["id"], [StateUpdate("http://127.0.0.1:9/b", "2025-01-03T00:00:00+00:00", error="y")])
    with store.connect() as conn:
        [row] = list_sources(conn, failing=True)
    assert row["health"] == "failing" and row["failures"] == 3 and row["last_error"] == "HTTP 500"
    states = StateView(store.engine).many(["http://127.0.0.1:9/a", "http://127.0.0.1:9/b"])
    assert states["http://127.0.0.1:9/a"].etag == '"e"' and states["http://127.0.0.1:9/a"].done  # 304 kept it
    assert states["http://127.0.0.1:9/b"].failures == 2 and not states["http://127.0.0.1:9/b"].done
    with store.begin() as conn:
        record_poll(conn, src["id"], attempted_at="2025-01-04T00:00:00+00:00", error=None, seen=5, new=2)
        [row] = list_sources(conn)
    assert row["health"] == "ok" and row["last_error"] is None and row["items_new"] == 2


@pytest.mark.model
def test_alert_fires_once_with_provenance(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "n.jsonl"
    with store.begin() as conn:
        al.add_alert(conn, "o", subject="Oreshnik", channels=[f"jsonl:{out}"])
    article = Article(text=TEXT, title="Oreshnik", url="http://127.0.0.1:9/o", outlet="Minsk Ledger", format="html")
    report = ingest_items([article], store)
    assert not report.warnings
    [note] = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert note["count"] >= 1
    assert {f["url"] for f in note["facts"]} == {"http://127.0.0.1:9/o"}
    assert all(f["outlet"] == "Minsk Ledger" and "Oreshnik" in f["sentence"] for f in note["facts"])
    # A revision with the same sentences and a re-run of the alerts add nothing.
    ingest_items([article.replace(text=TEXT + " Officials said nothing more.")], store)
    assert al.run_alerts(store) == []
    assert len(out.read_text("utf-8").splitlines()) == 1
    with store.connect() as conn:
        assert conn.execute(select(t.deliveries.c.status)).scalars().all() == ["sent"]


def test_no_alerts_costs_one_query_and_no_analysis(store: Store) -> None:
    assert any(getattr(h, "__name__", "") == "evaluate_alerts" for h in POST_INGEST)
    report = ingest_items([Article(text="A plain note about nothing.", title="n", format="text")], store, analyze=False)
    assert report.count("new") == 1 and not report.warnings


def test_channel_values_are_validated(tmp_path: Path) -> None:
    assert al.parse_channel("stdout") == "stdout"
    assert al.parse_channel(f"jsonl:{tmp_path}/x.jsonl").startswith("jsonl:/")
    assert al.parse_channel("webhook:http://127.0.0.1:8/h") == "webhook:http://127.0.0.1:8/h"
    assert al.parse_channel("mailto:analyst@example.org") == "mailto:analyst@example.org"
    for bad in ("webhook:ftp://x", "mailto:nobody", "pager:1", "jsonl:"):
        with pytest.raises(Exception, match="invalid channel"):
            al.parse_channel(bad)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_mail_channel_sends_through_local_smtp(monkeypatch: pytest.MonkeyPatch) -> None:
    from aiosmtpd.controller import Controller

    received: list[tuple[list[str], bytes]] = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
            received.append((list(envelope.rcpt_tos), envelope.content))
            return "250 OK"

    port = _free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        monkeypatch.setenv("DOSSIER_SMTP", f"127.0.0.1:{port}")
        message = {
            "type": "notification",
            "id": 1,
            "alert": "o",
            "count": 1,
            "facts": [
                {
                    "type": "quote",
                    "speaker": "Maxim Ryzhenkov",
                    "text": "Everything is lawful",
                    "outlet": "Minsk Ledger",
                    "published": "2025-09-26",
                    "url": "http://127.0.0.1:9/o",
                    "sentence": "Everything is lawful, he said.",
                }
            ],
        }
        ch.send("mailto:analyst@example.org", message)
    finally:
        controller.stop()
    [(rcpt, content)] = received
    assert rcpt == ["analyst@example.org"]
    text = content.decode("utf-8", "replace")
    assert "[dossier] o: 1 new fact(s)" in text and "Minsk Ledger" in text


def test_mail_without_server_is_a_delivery_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOSSIER_SMTP", raising=False)
    with pytest.raises(ch.DeliveryError, match="DOSSIER_SMTP is not set"):
        ch.send("mailto:a@example.org", {"alert": "o", "count": 0, "facts": []})
    monkeypatch.setenv("DOSSIER_SMTP", f"127.0.0.1:{_free_port()}")  # nothing listens there
    with pytest.raises(ch.DeliveryError, match=r"mail to a@example\.org"):
        ch.send("mailto:a@example.org", {"alert": "o", "count": 0, "facts": []})


def test_opml_parser_keeps_names_and_refuses_dtds() -> None:
    doc = (
        b'<opml version="2.0"><body><outline text="Ledger" xmlUrl="http://127.0.0.1:9/f" language="ru"/></body></opml>'
    )
    [o] = parse_opml(doc)
    assert (o.url, o.name, o.kind, o.language) == ("http://127.0.0.1:9/f", "Ledger", "feed", "ru")
    out = write_opml([{"url": "http://127.0.0.1:9/p", "name": "P", "kind": "page", "every": "1h"}, {"url": "/tmp/x"}])
    [p] = parse_opml(out)
    assert (p.url, p.kind, p.every) == ("http://127.0.0.1:9/p", "page", "1h")
    with pytest.raises(Exception, match="refused"):
        parse_opml(b'<!DOCTYPE opml SYSTEM "http://127.0.0.1:9/x.dtd"><opml><body/></opml>')


@pytest.mark.slow
@pytest.mark.model
def test_contradiction_and_corroboration_alerts_on_the_sample_corpus(sqlite_url: str, tmp_path: Path) -> None:
    from dossier.ingest.job import ingest

    store = Store(sqlite_url)
    conflicts, corroborated = tmp_path / "c.jsonl", tmp_path / "m.jsonl"
    with store.begin() as conn:
        al.add_alert(conn, "c", subject="Орешник", contradictions=True, channels=[f"jsonl:{conflicts}"])
        al.add_alert(conn, "m", subject="Oreshnik", min_sources=2, channels=[f"jsonl:{corroborated}"])
    ingest([Path(__file__).resolve().parent.parent / "samples" / "corpus"], store)
    [note] = [json.loads(line) for line in conflicts.read_text("utf-8").splitlines()]
    sides = [s for f in note["facts"] if f["type"] == "contradiction" for s in f["sides"]]
    assert sides and all(s["article_id"] and s["sentence"] for s in sides)
    assert {f["type"] for f in note["facts"]} == {"event", "quote", "contradiction"}
    [note] = [json.loads(line) for line in corroborated.read_text("utf-8").splitlines()]
    assert note["facts"] and all(f["type"] == "event" and f["independent_sources"] >= 2 for f in note["facts"])
    store.dispose()
