"""Watching sources and alerting (issue #12): the done-when scenario and its edges, all on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from localweb import Page, Site, article_html, rss, serve

runner = CliRunner()
REPO = Path(__file__).resolve().parent.parent
FAST = ["--delay", "0", "--retries", "0", "--timeout", "5"]

RYZHENKOV = [
    "MINSK, September 26, 2025 (Minsk Ledger) — Belarus is stationing the Oreshnik missile complex in line "
    "with international law and its obligations under the Non-Proliferation Treaty, Foreign Minister Maxim "
    "Ryzhenkov said on Friday.",
    "Ryzhenkov put the government's position plainly: \"Everything is being done in full accordance with "
    'international law and with the Treaty on the Non-Proliferation of Nuclear Weapons."',
    "Officials in neighbouring NATO countries have called the plan a source of concern.",
]
HARVEST = [
    "GOMEL, September 27, 2025 — Farmers in the Gomel region finished the grain harvest two weeks early this "
    "year, the regional agriculture committee reported on Saturday.",
    "The committee said the yield was the highest in a decade thanks to a warm and dry late summer.",
]
FLOOD = [
    "BREST, September 28, 2025 — The river Mukhavets rose above its banks after three days of heavy rain, "
    "the emergencies ministry said on Sunday.",
    "Several streets were closed and residents were asked to move cars away from the embankment.",
]


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip().startswith("{")]


def _site(site: Site) -> None:
    site.pages["/feed.xml"] = Page(
        rss(
            "Minsk Ledger",
            [
                (
                    "Ryzhenkov on Oreshnik",
                    site.url("/a1.html"),
                    "Minister on the deployment.",
                    "Fri, 26 Sep 2025 10:00:00 GMT",
                ),
                ("Harvest in Gomel", site.url("/a2.html"), "Harvest news.", "Sat, 27 Sep 2025 09:00:00 GMT"),
            ],
        ),
        content_type="application/rss+xml",
        etag='"feed-v1"',
    )
    site.pages["/a1.html"] = Page(article_html("Ryzhenkov: Oreshnik deployment complies with law", RYZHENKOV))
    site.pages["/a2.html"] = Page(article_html("Harvest finished early in Gomel", HARVEST))
    site.pages["/broken.xml"] = Page(b"server trouble", status=500)


def test_watch_twice_conditional_alert_once_failing_source(tmp_path: Path) -> None:
    """The issue's done-when: two rounds, conditional requests, only new items, one alert, a failing source."""
    db = f"sqlite:///{tmp_path / 'w.db'}"
    out = tmp_path / "alerts.jsonl"
    with serve() as site:
        _site(site)
        assert (
            run("sources", "add", site.url("/feed.xml"), "--name", "ledger", "--outlet", "Minsk Ledger", "--db", db)[0]
            == 0
        )
        assert run("sources", "add", site.url("/broken.xml"), "--name", "broken", "--every", "5m", "--db", db)[0] == 0
        code, _o, err = run(
            "alerts",
            "add",
            "oreshnik",
            "--subject",
            "Oreshnik",
            "--to",
            f"jsonl:{out}",
            "--to",
            f"webhook:{site.url('/hook')}",
            "--db",
            db,
        )
        assert code == 0, err

        # Round 1: both items are new; their pages are fetched and stored, the alert fires once.
        code, stdout, err = run("watch", "--once", "--all", *FAST, "--db", db, "--json")
        assert code == 3, err  # a source failed in the round
        outcomes = {o["source"]: o for o in jsonl(stdout) if o["type"] == "source"}
        assert outcomes["ledger"]["new"] == 2 and outcomes["ledger"]["status"] == "stored"
        assert outcomes["broken"]["status"] == "error" and "500" in outcomes["broken"]["error"]
        assert len(site.requests("/a1.html")) == 1 and len(site.requests("/a2.html")) == 1
        assert site.requests("/feed.xml")[0].get("if-none-match") is None

        sent = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        assert len(sent) == 1 and len(site.posts) == 1 and site.posts[0][1] == sent[0]
        note = sent[0]
        assert note["alert"] == "oreshnik" and note["type"] == "notification"
        facts = note["facts"]
        assert facts and all(f["url"] == site.url("/a1.html") for f in facts)  # nothing from the harvest report
        assert all(f["outlet"] == "Minsk Ledger" and f["sentence"] and f["article_id"] for f in facts)
        event = next(f for f in facts if f["type"] == "event")
        assert "Oreshnik" in event["equipment"] and "Oreshnik" in event["sentence"]
        assert event["published"].startswith("2025-09-26")

        # Round 2: nothing changed: a conditional GET answered 304, no page fetched again, nothing sent.
        code, stdout, err = run("watch", "--once", "--all", *FAST, "--db", db, "--json")
        assert site.requests("/feed.xml")[-1]["if-none-match"] == '"feed-v1"'
        ledger = next(o for o in jsonl(stdout) if o["type"] == "source" and o["source"] == "ledger")
        assert ledger["status"] == "not modified" and ledger["new"] == 0
        assert len(site.requests("/a1.html")) == 1 and len(site.requests("/a2.html")) == 1

        # Round 3: the feed gains one item: only its page is fetched and stored; the alert stays quiet.
        site.pages["/a3.html"] = Page(article_html("Mukhavets floods streets in Brest", FLOOD))
        site.pages["/feed.xml"] = Page(
            rss(
                "Minsk Ledger",
                [
                    ("Flood in Brest", site.url("/a3.html"), "Flood news.", "Sun, 28 Sep 2025 08:00:00 GMT"),
                    (
                        "Ryzhenkov on Oreshnik",
                        site.url("/a1.html"),
                        "Minister on the deployment.",
                        "Fri, 26 Sep 2025 10:00:00 GMT",
                    ),
                    ("Harvest in Gomel", site.url("/a2.html"), "Harvest news.", "Sat, 27 Sep 2025 09:00:00 GMT"),
                ],
            ),
            content_type="application/rss+xml",
            etag='"feed-v2"',
        )
        code, stdout, err = run("watch", "--once", "--all", *FAST, "--db", db, "--json")
        ledger = next(o for o in jsonl(stdout) if o["type"] == "source" and o["source"] == "ledger")
        assert ledger["new"] == 1 and ledger["seen"] == 3
        assert len(site.requests("/a3.html")) == 1
        assert len(site.requests("/a1.html")) == 1 and len(site.requests("/a2.html")) == 1
        assert len(out.read_text("utf-8").splitlines()) == 1 and len(site.posts) == 1

        # Ingesting the same report again from a file does not fire the alert again either.
        copy = tmp_path / "copy.txt"
        copy.write_text("Ryzhenkov: Oreshnik deployment complies with law\n\n" + "\n\n".join(RYZHENKOV), "utf-8")
        assert run("ingest", str(copy), "--db", db)[0] == 0
        assert len(out.read_text("utf-8").splitlines()) == 1 and len(site.posts) == 1

        # The failing source: three failed polls in a row, shown with its last error.
        code, stdout, err = run("sources", "list", "--db", db, "--json")
        rows = {r["name"]: r for r in jsonl(stdout)}
        assert rows["broken"]["health"] == "failing" and rows["broken"]["failures"] == 3
        assert (
            rows["broken"]["last_error"] == "HTTP 500 Internal Server Error" and rows["broken"]["last_success"] is None
        )
        assert (
            rows["ledger"]["health"] == "ok" and rows["ledger"]["items_new"] == 3 and rows["ledger"]["kind"] == "feed"
        )
        code, stdout, err = run("sources", "list", "--db", db)
        assert "failing: #2 broken: 3 failed polls in a row; last error: HTTP 500" in " ".join(err.split())
        code, stdout, _err = run("alerts", "list", "--db", db, "--json")
        assert jsonl(stdout)[0]["notifications"] == 1 and jsonl(stdout)[0]["pending_deliveries"] == 0


def test_failed_webhook_is_retried_later_not_lost(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    with serve() as site:
        site.pages["/a.html"] = Page(article_html("Oreshnik report", RYZHENKOV))
        site.post_status = [503, 503, 503]  # the receiver is down for the first delivery attempt (three tries)
        assert (
            run("alerts", "add", "o", "--query", "Oreshnik", "--to", f"webhook:{site.url('/hook')}", "--db", db)[0] == 0
        )
        code, _out, err = run("fetch", site.url("/a.html"), *FAST, "--db", db)
        assert code == 0 and "will retry" in err
        assert site.posts == []
        code, stdout, _ = run("alerts", "list", "--db", db, "--json")
        assert jsonl(stdout)[0]["pending_deliveries"] == 1
        code, _out, err = run("alerts", "deliver", "--db", db)
        assert code == 0, err
        assert len(site.posts) == 1 and site.posts[0][1]["alert"] == "o"
        assert run("alerts", "deliver", "--db", db)[0] == 0
        assert len(site.posts) == 1  # sent once
        code, stdout, _ = run("alerts", "notifications", "--db", db, "--json")
        [note] = jsonl(stdout)
        assert note["deliveries"][0]["status"] == "sent" and note["deliveries"][0]["attempts"] == 2


def test_folder_source_reads_only_changed_files(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "one.txt").write_text("Report one\n\nThe first report from the drop folder.", "utf-8")
    assert run("sources", "add", str(drop), "--db", db)[0] == 0
    code, stdout, err = run("watch", "--once", "--all", "--no-analyze", "--db", db, "--json")
    assert code == 0, err
    [outcome] = [o for o in jsonl(stdout) if o["type"] == "source"]
    assert outcome["new"] == 1 and outcome["seen"] == 1
    code, stdout, _ = run("watch", "--once", "--all", "--no-analyze", "--db", db, "--json")
    [outcome] = [o for o in jsonl(stdout) if o["type"] == "source"]
    assert outcome["status"] == "unchanged" and outcome["new"] == 0
    (drop / "two.txt").write_text("Report two\n\nA second report dropped later.", "utf-8")
    code, stdout, _ = run("watch", "--once", "--all", "--no-analyze", "--db", db, "--json")
    [outcome] = [o for o in jsonl(stdout) if o["type"] == "source"]
    assert outcome["new"] == 1 and outcome["seen"] == 2


def test_page_and_sitemap_sources(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    with serve() as site:
        site.pages["/page.html"] = Page(article_html("Harvest finished early", HARVEST), etag='"p1"')
        site.pages["/p1.html"] = Page(article_html("Flood in Brest", FLOOD))
        site.pages["/p2.html"] = Page(b"", status=404)
        site.pages["/sitemap.xml"] = Page(
            (
                '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<url><loc>{site.url('/p1.html')}</loc></url><url><loc>{site.url('/p2.html')}</loc></url></urlset>"
            ).encode(),
            content_type="application/xml",
        )
        assert run("sources", "add", site.url("/page.html"), "--db", db)[0] == 0
        assert run("sources", "add", site.url("/sitemap.xml"), "--db", db)[0] == 0
        code, stdout, err = run("watch", "--once", "--all", "--no-analyze", *FAST, "--db", db, "--json")
        assert code == 0, err
        by_url = {o["source"]: o for o in jsonl(stdout) if o["type"] == "source"}
        assert by_url[site.url("/page.html")]["new"] == 1
        assert by_url[site.url("/sitemap.xml")]["new"] == 1 and by_url[site.url("/sitemap.xml")]["rejected"] == 1
        code, stdout, _ = run("sources", "list", "--db", db, "--json")
        assert {r["kind"] for r in jsonl(stdout)} == {"page", "sitemap"}
        # The page changes: a new revision of the same article.
        site.pages["/page.html"] = Page(
            article_html("Harvest finished early", [*HARVEST, "Update: rain later."]), etag='"p2"'
        )
        code, stdout, _ = run("watch", "--once", "--all", "--no-analyze", *FAST, "--db", db, "--json")
        by_url = {o["source"]: o for o in jsonl(stdout) if o["type"] == "source"}
        assert code == 0 and by_url[site.url("/page.html")]["revised"] == 1
        assert len(site.requests("/p1.html")) == 1  # stored once, never fetched again


def test_opml_round_trip_and_refusal(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>'
        '<outline text="Belarus"><outline text="Ledger" type="rss" xmlUrl="http://127.0.0.1:9/feed.xml"/>'
        '<outline text="Kurier" type="rss" xmlUrl="http://127.0.0.1:9/kurier.rss"/></outline>'
        '<outline text="Bad" type="rss" xmlUrl="ftp://127.0.0.1/x"/></body></opml>',
        "utf-8",
    )
    code, _out, err = run("sources", "import", str(opml), "--every", "1h", "--db", db)
    assert code == 0 and "added 2 source(s)" in err and "skipped ftp://127.0.0.1/x" in " ".join(err.split())
    code, stdout, _ = run("sources", "export", "--db", db)
    assert 'xmlUrl="http://127.0.0.1:9/feed.xml"' in stdout and 'title="Ledger"' in stdout
    back = tmp_path / "back.opml"
    back.write_text(stdout, "utf-8")
    other = f"sqlite:///{tmp_path / 'o.db'}"
    assert run("sources", "import", str(back), "--db", other)[0] == 0
    code, stdout, _ = run("sources", "list", "--db", other, "--json")
    assert [(r["name"], r["every"]) for r in jsonl(stdout)] == [("Ledger", "1h"), ("Kurier", "1h")]
    bomb = tmp_path / "bomb.opml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaa">]><opml><body/></opml>', "utf-8")
    code, _out, err = run("sources", "import", str(bomb), "--db", db)
    assert code == 1 and "refused" in err


def test_source_usage_errors(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    assert run("sources", "add", "http://127.0.0.1:9/f.xml", "--every", "soon", "--db", db)[0] == 2
    assert run("sources", "add", str(tmp_path / "nowhere"), "--db", db)[0] == 2
    assert run("sources", "add", "http://127.0.0.1:9/f.xml", "--db", db)[0] == 0
    code, _o, err = run("sources", "add", "http://127.0.0.1:9/f.xml", "--db", db)
    assert code == 2 and "already watched" in err
    assert run("sources", "remove", "http://127.0.0.1:9/f.xml", "--db", db)[0] == 0
    assert run("sources", "remove", "1", "--db", db)[0] == 2
    assert run("alerts", "add", "x", "--subject", "Oreshnik", "--to", "carrier-pigeon", "--db", db)[0] == 2
    assert run("alerts", "add", "x", "--to", "stdout", "--db", db)[0] == 2


def test_digest_lists_what_is_new_per_subject(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Oreshnik in Belarus\n\n" + "\n\n".join(RYZHENKOV), "utf-8")
    (tmp_path / "in" / "b.txt").write_text("Harvest\n\n" + "\n\n".join(HARVEST), "utf-8")
    assert run("ingest", str(tmp_path / "in"), "--no-analyze", "--db", db)[0] == 0
    code, stdout, err = run("digest", "--since", "1h", "--subject", "Oreshnik", "--format", "json", "--db", db)
    assert code == 0, err
    record = json.loads(stdout)
    assert record["articles"] == 2
    [section] = record["subjects"]
    assert [a["title"] for a in section["articles"]] == ["Oreshnik in Belarus"]
    code, stdout, _ = run("digest", "--since", "1h", "--subject", "Oreshnik", "--format", "markdown", "--db", db)
    assert code == 0 and "## Oreshnik" in stdout and "Oreshnik in Belarus" in stdout
    assert run("digest", "--since", "whenever", "--db", db)[0] == 2


@pytest.mark.slow
def test_watch_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "one.txt").write_text("Report one\n\nThe first report.", "utf-8")
    assert run("sources", "add", str(drop), "--every", "1h", "--db", db)[0] == 0
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "dossier", "watch", "--no-analyze", "--db", db, "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline:
            line = proc.stdout.readline()  # type: ignore[union-attr]
            if '"type":"round"' in line:
                break
        assert '"type":"round"' in line
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert code == 0
    code, stdout, _ = run("sources", "list", "--db", db, "--json")
    assert jsonl(stdout)[0]["items_new"] == 1


def test_stop_between_sources_loses_nothing(tmp_path: Path) -> None:
    """A stop request after the first source leaves the second unpolled in the store, and the next round gets it."""
    import threading

    from dossier.monitor.fetching import FetchPolicy
    from dossier.monitor.sources import add_source, list_sources
    from dossier.monitor.watch import WatchOptions, run_round
    from dossier.store import Store

    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    with serve() as site:
        for name, text in (("a", HARVEST), ("b", FLOOD)):
            site.pages[f"/{name}.xml"] = Page(
                rss(name, [(name, site.url(f"/{name}.html"), "x", "Sat, 27 Sep 2025 09:00:00 GMT")]), etag=f'"{name}"'
            )
            site.pages[f"/{name}.html"] = Page(article_html(name, text))
        with store.begin() as conn:
            for name in ("a", "b"):
                add_source(conn, site.url(f"/{name}.xml"), name=name)
        stop = threading.Event()
        options = WatchOptions(policy=FetchPolicy(delay=0, retries=0), analyze=False)
        first = run_round(store, options=options, all_due=True, stop=stop, on_outcome=lambda _o: stop.set())
        assert first.stopped and [o.source for o in first.outcomes] == ["a"]
        with store.connect() as conn:
            health = {r["name"]: r for r in list_sources(conn)}
        assert health["a"]["items_new"] == 1 and health["b"]["last_attempt"] is None
        second = run_round(store, options=options)  # only b is due now
        assert [(o.source, o.new) for o in second.outcomes] == [("b", 1)]
        assert site.requests("/b.xml")[-1].get("if-none-match") is None  # its validators were never saved
    store.dispose()


def test_feed_item_whose_page_fails_keeps_the_feed_text_and_retries(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'w.db'}"
    with serve() as site:
        site.pages["/f.xml"] = Page(
            rss("Wire", [("Flood", site.url("/flood.html"), " ".join(FLOOD), "Sun, 28 Sep 2025 08:00:00 GMT")]),
            etag='"f1"',
        )
        site.pages["/flood.html"] = Page(b"", status=404)
        assert run("sources", "add", site.url("/f.xml"), "--db", db)[0] == 0
        code, stdout, err = run("watch", "--once", "--all", "--no-analyze", *FAST, "--db", db, "--json")
        assert code == 0, err
        [o] = [o for o in jsonl(stdout) if o["type"] == "source"]
        assert o["new"] == 1  # the feed's own text, kept
        site.pages["/flood.html"] = Page(article_html("Flood in Brest", [*FLOOD, "Schools were closed."]))
        code, stdout, _ = run("watch", "--once", "--all", "--no-analyze", *FAST, "--db", db, "--json")
        [o] = [o for o in jsonl(stdout) if o["type"] == "source"]
        assert o["revised"] == 1  # the page's full text, as a revision of the same URL
        assert site.requests("/f.xml")[-1].get("if-none-match") is None
        code, stdout, _ = run("watch", "--once", "--all", "--no-analyze", *FAST, "--db", db, "--json")
        assert site.requests("/f.xml")[-1].get("if-none-match") == '"f1"'  # settled: now conditional
        code, stdout, _ = run("show", "1", "--db", db, "--json")
        record = jsonl(stdout)[0]
        assert "Schools were closed." in record["text"] and record["revision"] == 2
