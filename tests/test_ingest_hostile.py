"""Hostile input: every attack of issue #14 costs one item or one file, never the batch, and says why.

Each test builds its attack file in tmp_path.
"""

from __future__ import annotations

import dataclasses
import gzip
import io
import json
import os
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from dossier.errors import IngestError, IngestSkip
from dossier.ingest import DEFAULT_LIMITS, iter_sources, read_all, read_source
from dossier.ingest.job import EXIT_PARTIAL, ingest
from dossier.model import Article
from dossier.store import Store
from dossier.store import schema as t


def _read(*paths: Path | str, **kw: object) -> tuple[list[Article], list[IngestError], list[IngestSkip]]:
    items = list(read_all([str(p) for p in paths], **kw))  # type: ignore[arg-type]
    arts = [i for i in items if isinstance(i, Article)]
    skips = [i for i in items if isinstance(i, IngestSkip)]
    errs = [i for i in items if isinstance(i, IngestError) and not isinstance(i, IngestSkip)]
    return arts, errs, skips


def _warc_record(url: str, body: bytes, status: str = "200 OK", ctype: str = "text/html; charset=utf-8",
                 extra_headers: list[tuple[str, str]] | None = None, gzip_it: bool = True) -> bytes:  # fmt: skip
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip_it)
    headers = StatusAndHeaders(status, [("Content-Type", ctype), *(extra_headers or [])], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    writer.write_record(record)
    return buf.getvalue()


PAGE = (
    b"<html><head><title>Bridge reopened</title></head><body><article><h1>Bridge reopened</h1>"
    b"<p>The bridge over the river reopened on Monday after a year of repairs, the city council said.</p>"
    b"<p>Traffic is expected to return to normal within a week, officials told reporters.</p>"
    b"</article></body></html>"
)


# -- decompression bombs -------------------------------------------------------------


@pytest.mark.parametrize("filler", [b"\x00", b"\n", b"A"])
def test_gzip_bomb_stops_at_the_decompression_limit(tmp_path: Path, filler: bytes) -> None:
    bomb = tmp_path / "bomb.warc.gz"
    bomb.write_bytes(gzip.compress(filler * (64 * 1024 * 1024), 9))  # ~64 KB on disk, 64 MB inflated
    limits = dataclasses.replace(DEFAULT_LIMITS, max_decompressed=4 * 1024 * 1024, max_line=1024 * 1024)
    started = time.monotonic()
    arts, errs, _ = _read(bomb, limits=limits)
    assert time.monotonic() - started < 20
    assert not arts
    (err,) = errs
    assert err.source == str(bomb)
    assert "reading stopped" in err.reason or "not a readable WARC" in err.reason or "no HTML" in err.reason
    assert len(err.reason) <= DEFAULT_LIMITS.max_reason


def test_bomb_after_a_good_page_keeps_the_page(tmp_path: Path) -> None:
    f = tmp_path / "mixed.warc.gz"
    f.write_bytes(_warc_record("https://city.example/bridge", PAGE) + gzip.compress(b"\x00" * (32 * 1024 * 1024)))
    limits = dataclasses.replace(DEFAULT_LIMITS, max_decompressed=2 * 1024 * 1024)
    arts, errs, _ = _read(f, limits=limits)
    assert [a.url for a in arts] == ["https://city.example/bridge"]
    assert len(errs) == 1 and len(errs[0].reason) <= DEFAULT_LIMITS.max_reason


def test_bomb_rejection_is_short_in_the_store(tmp_path: Path) -> None:
    """A long junk line must not come back as a 68 MB message or a 268 MB rejection row."""
    f = tmp_path / "junk.warc.gz"
    f.write_bytes(gzip.compress(b"GARBAGE " * (2 * 1024 * 1024)))
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    report = ingest([f], store, analyze=False)
    assert report.rejected and all(len(e.reason) <= DEFAULT_LIMITS.max_reason for e in report.rejected)
    with store.connect() as conn:
        reasons = [r for (r,) in conn.execute(select(t.rejections.c.reason))]
    assert reasons and max(len(r) for r in reasons) <= DEFAULT_LIMITS.max_reason
    store.dispose()


# -- one item's fault costs that item --------------------------------------------------


def test_json_junk_fields_reject_or_coerce_one_item_each(tmp_path: Path, store: Store) -> None:
    """On SQLite and PostgreSQL (which refuses NUL in text)."""
    items = [
        {"text": "Huge date.", "published": 1e20},
        {"text": "Infinite date.", "published": "1e400"},
        {"text": "Two authors.", "author": ["A. Writer", "B. Writer"]},
        {"text": "One url in a list.", "url": ["https://one.example/a"]},
        {"text": "Two urls.", "url": ["https://one.example/b", "https://two.example/b"]},
        {"text": "Outlet object.", "outlet": {"name": "Daily Example", "id": 7}},
        {"text": "Outlet without name.", "outlet": {"id": 7}},
        {"text": "Fine.", "published": "2025-11-20T08:15:00+01:00"},
        {"text": "NUL \u0000 and a lone surrogate \ud800 inside.", "title": "T\u0000"},
    ]
    f = tmp_path / "items.json"
    f.write_text(json.dumps(items), encoding="utf-8")
    report = ingest([f], store, analyze=False)
    stored = {a.text: a for a, _r in report.saved}
    rejected = {e.source.rsplit("#", 1)[1]: e.reason for e in report.rejected}
    assert set(rejected) == {"1", "2", "5", "7"}
    assert "published" in rejected["1"] and "list of 2" in rejected["5"] and "object" in rejected["7"]
    assert stored["Two authors."].author == "A. Writer, B. Writer"
    assert stored["One url in a list."].url == "https://one.example/a"
    assert stored["Outlet object."].outlet == "Daily Example"
    assert "\x00" not in "".join(stored) and "\ufffd" in next(s for s in stored if s.startswith("NUL"))
    assert report.exit_code == EXIT_PARTIAL


def test_telegram_bad_dates_and_deep_messages_cost_only_themselves(tmp_path: Path) -> None:
    export = {
        "name": "Chan",
        "messages": [
            {"id": 1, "type": "message", "date": "2025-11-20T08:15:00", "text": "First post."},
            {"id": 2, "type": "message", "date": 1e20, "text": "Bad date."},
            {"id": 3, "type": "message", "date": "2025-11-20T09:00:00", "date_unixtime": "1" * 40, "text": "Odd."},
            {"id": 4, "type": "message", "date": "2025-11-20T09:00:00", "text": "__DEEP__"},
            {"id": 5, "type": "message", "date": "2025-11-20T10:00:00", "text": [[[[[[[[[[["shallow"]]]]]]]]]]]},
            {"id": 6, "type": "message", "date": "2025-11-20T11:00:00", "text": "Last post."},
        ],
    }
    f = tmp_path / "result.json"
    # Too deep for Python's own parser: the export would be lost whole without the cut.
    f.write_text(json.dumps(export).replace('"__DEEP__"', "[" * 5000 + '"x"' + "]" * 5000), encoding="utf-8")
    arts, errs, _ = _read(f)
    assert [a.origin.rsplit("#", 1)[1] for a in arts] == ["1", "3", "5", "6"]
    assert {e.source.rsplit("#", 1)[1]: e.reason for e in errs}.keys() == {"2", "4"}
    assert any("nested" in e.reason for e in errs)


def test_deep_item_in_a_json_list_and_jsonl_is_rejected_alone(tmp_path: Path) -> None:
    deep = "[" * 3000 + "1" + "]" * 3000
    f = tmp_path / "list.json"
    f.write_text(f'[{{"text": "A."}}, {{"text": "B.", "x": {deep}}}, {{"text": "C."}}]', encoding="utf-8")
    g = tmp_path / "lines.jsonl"
    g.write_text(f'{{"text": "D."}}\n{{"text": "E.", "x": {deep}}}\n{{"text": "F."}}\n', encoding="utf-8")
    arts, errs, _ = _read(f, g)
    assert [a.text for a in arts] == ["A.", "C.", "D.", "F."]
    assert [e.source for e in errs] == [f"{f}#2", f"{g}#2"]


def test_items_and_line_limits(tmp_path: Path) -> None:
    f = tmp_path / "many.jsonl"
    f.write_text("".join(json.dumps({"text": f"Item {i}."}) + "\n" for i in range(10)), encoding="utf-8")
    g = tmp_path / "long.jsonl"
    g.write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "Short."}) + "\n", encoding="utf-8")
    limits = dataclasses.replace(DEFAULT_LIMITS, max_items=3, max_line=1000)
    arts, errs, _ = _read(f, g, limits=limits)
    assert [a.text for a in arts] == ["Item 0.", "Item 1.", "Item 2.", "Short."]
    assert "more than 3 items" in errs[0].reason and "line of" in errs[1].reason


def test_a_file_of_junk_items_is_given_up_after_the_rejection_limit(tmp_path: Path) -> None:
    f = tmp_path / "junk.json"
    f.write_text(json.dumps([{"text": "Good."}] + [7] * 5000), encoding="utf-8")
    limits = dataclasses.replace(DEFAULT_LIMITS, max_rejections=10)
    arts, errs, _ = _read(f, limits=limits)
    assert [a.text for a in arts] == ["Good."]
    assert len(errs) == 11 and "more than 10 rejected items" in errs[-1].reason


def test_invalid_utf8_file_names_do_not_sink_the_batch(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        (folder / f"ok{i}.txt").write_text(f"Title {i}\n\nBody number {i}.", encoding="utf-8")
    bad = os.fsdecode(b"bad\xff\xfe.txt")
    try:
        (folder / bad).write_text("Title\n\nBody with a bad name.", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    report = ingest([folder], store, analyze=False)
    assert report.summary()["new"] == 5 and not report.rejected
    origins = [a.origin for a, _r in report.saved]
    assert any("\\xff\\xfe" in o for o in origins)
    for origin in origins:
        origin.encode("utf-8")  # printable and storable
    store.dispose()


# -- XML ------------------------------------------------------------------------------

BOMB_CORE = (
    '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    "<rss><channel><title>&c;</title><item><title>x</title><description>&c;</description></item></channel></rss>"
)


@pytest.mark.parametrize(
    "content",
    [
        ("<?xml version='1.0'?>\n<!-- broken comment -- -->" + BOMB_CORE).encode(),
        ("<?xml version='1.0'?><junk<<" + BOMB_CORE).encode(),
        ("<?xml version='1.0' encoding='utf-16'?>" + BOMB_CORE).encode("utf-16"),
        b"<?xml version='1.0'?><!DOCTYPE rss SYSTEM 'x.dtd' [ ]><rss><channel><item><description>t</description>"
        b"</item></channel></rss>",
    ],
)
def test_xml_entities_and_internal_dtds_are_refused_whatever_surrounds_them(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "feed.xml"
    f.write_bytes(content)
    arts, errs, _ = _read(f)
    assert not arts
    (err,) = errs
    assert err.reason.startswith("refused")


def test_external_doctype_of_rss_091_is_dropped_not_fetched(tmp_path: Path) -> None:
    f = tmp_path / "old.rss"
    f.write_bytes(
        b'<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://127.0.0.1:9/rss-0.91.dtd">\n<rss version="0.91"><channel><title>Old</title>'
        b"<item><title>T</title><link>https://old.example/1</link><description>An old feed item.</description>"
        b"</item></channel></rss>"
    )
    arts, errs, _ = _read(f)
    assert not errs and [a.text for a in arts] == ["An old feed item."]


# -- folders, links and skips -----------------------------------------------------------


def test_symlinks_are_not_followed_unless_asked_and_loops_end(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret\n\nOutside the corpus.", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A\n\nInside.", encoding="utf-8")
    (corpus / "link.txt").symlink_to(outside / "secret.txt")
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)
    arts, errs, skips = _read(corpus)
    assert [a.text for a in arts] == ["Inside."] and not errs
    assert {Path(s.source).name for s in skips} == {"link.txt", "loop"}
    assert all("symbolic link" in s.reason for s in skips)
    arts, errs, skips = _read(corpus, follow_links=True)
    assert sorted(a.text for a in arts) == ["Inside.", "Outside the corpus."]
    assert any("loop" in s.reason for s in skips)


def test_corpus_files_are_skipped_by_whole_name_only(tmp_path: Path) -> None:
    (tmp_path / "LICENSE").write_text("MIT", encoding="utf-8")
    (tmp_path / "changelog.md").write_text("v1", encoding="utf-8")
    (tmp_path / "license-plate-fraud.txt").write_text("Plates\n\nA report on forged plates.", encoding="utf-8")
    (tmp_path / "readme-then-vote.txt").write_text("Vote\n\nA report on voting.", encoding="utf-8")
    arts, errs, skips = _read(tmp_path)
    assert sorted(a.title for a in arts) == ["Plates", "Vote"] and not errs
    assert sorted(Path(s.source).name for s in skips) == ["LICENSE", "changelog.md"]


def test_a_file_that_vanishes_is_reported(tmp_path: Path) -> None:
    f = tmp_path / "gone.txt"
    f.write_text("T\n\nBody.", encoding="utf-8")
    (source,) = list(iter_sources([tmp_path]))
    f.unlink()
    (err,) = list(read_source(source))  # type: ignore[arg-type]
    assert isinstance(err, IngestError) and "vanished" in err.reason


# -- WARC records that are not articles ---------------------------------------------------


def test_warc_redirects_errors_and_images_are_named_skips(tmp_path: Path) -> None:
    moved = b"<html><body><h1>Found</h1><p>The document has moved <a href='/new'>here</a>.</p></body></html>"
    data = (
        _warc_record("https://city.example/old", moved, "302 Found", extra_headers=[("Location", "/new")])
        + _warc_record("https://city.example/missing", b"<html><body>Not found</body></html>", "404 Not Found")
        + _warc_record("https://city.example/logo.png", b"\x89PNG....", ctype="image/png")
        + _warc_record("https://city.example/bridge", PAGE)
    )
    f = tmp_path / "crawl.warc.gz"
    f.write_bytes(data)
    arts, errs, skips = _read(f)
    assert [a.url for a in arts] == ["https://city.example/bridge"] and not errs
    reasons = {s.source: s.reason for s in skips}
    assert "302" in reasons["https://city.example/old"] and "/new" in reasons["https://city.example/old"]
    assert "404" in reasons["https://city.example/missing"]
    assert "image/png" in reasons[str(f)]


def test_uncompressed_warc_and_arc_are_read(tmp_path: Path) -> None:
    warc = tmp_path / "plain.warc"
    warc.write_bytes(_warc_record("https://city.example/bridge", PAGE, gzip_it=False))
    http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + PAGE
    version = b"1 0 Dossier\nURL IP-address Archive-date Content-type Archive-length\n"
    arc_bytes = (
        b"filedesc://plain.arc 0.0.0.0 20251120081500 text/plain %d\n" % len(version)
        + version
        + b"\n"
        + b"https://city.example/arc 127.0.0.1 20251120081500 text/html %d\n" % len(http)
        + http
        + b"\n"
    )
    arc = tmp_path / "plain.arc"
    arc.write_bytes(arc_bytes)
    arc_gz = tmp_path / "plain2.arc.gz"
    arc_gz.write_bytes(gzip.compress(arc_bytes))
    arts, errs, _ = _read(warc, arc, arc_gz)
    assert not errs
    assert [a.url for a in arts] == [
        "https://city.example/bridge",
        "https://city.example/arc",
        "https://city.example/arc",
    ]


# -- feeds in legacy encodings ------------------------------------------------------------

FEED_TEXTS = {
    "euc-kr": ("서울 시청", "경찰은 오늘 서울에서 열린 회의에서 새로운 정책을 발표했다고 밝혔습니다."),
    "big5": ("北京會議", "政府今天在北京召開會議，宣布新的經濟政策，並表示將在下週採取進一步措施。"),
    "gb2312": ("北京会议", "政府今天在北京召开会议，宣布新的经济政策，并表示将在下周采取进一步措施。"),
    "koi8-r": ("Новости Минска", "Власти Минска сообщили, что ремонт моста завершат до конца года."),
}


@pytest.mark.parametrize("encoding", sorted(FEED_TEXTS))
def test_feeds_without_declared_encoding_are_decoded(tmp_path: Path, encoding: str) -> None:
    title, body = FEED_TEXTS[encoding]
    xml = (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>{title}</title>"
        f"<item><title>{title}</title><link>https://feed.example/1</link><description>{body}</description></item>"
        "</channel></rss>"
    )
    f = tmp_path / "feed.xml"
    f.write_bytes(xml.encode(encoding))
    (art,), errs, _ = _read(f)
    assert not errs and art.text == body and art.title == title


def test_tagless_feed_descriptions_are_unescaped(tmp_path: Path) -> None:
    f = tmp_path / "feed.rss"
    f.write_bytes(
        b"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>AT&amp;T News</title>"
        b"<item><title>Q&amp;A</title><description>Smith &amp;amp; Sons said &amp;quot;no&amp;quot;.</description>"
        b"</item></channel></rss>"
    )
    (art,), errs, _ = _read(f)
    assert not errs
    assert art.text == 'Smith & Sons said "no".' and art.title == "Q&A" and art.outlet == "AT&T News"


# -- the command line -----------------------------------------------------------------------


def test_cli_names_skips_and_follows_links_only_when_asked(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dossier.cli import app

    outside = tmp_path / "outside.txt"
    outside.write_text("Outside\n\nA report from outside the folder.", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Inside\n\nA report inside the folder.", encoding="utf-8")
    (corpus / "link.txt").symlink_to(outside)
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--no-analyze", "--json"])
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert result.exit_code == 0
    assert [r["source"] for r in records if r["type"] == "skipped"] == [str(corpus / "link.txt")]
    assert records[-1]["skipped"] == 1 and records[-1]["new"] == 1
    result = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--no-analyze", "--json", "--follow-links"])
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert records[-1]["new"] == 1 and records[-1]["duplicates"] == 1 and records[-1]["skipped"] == 0


def test_cli_max_items_option(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dossier.cli import app

    f = tmp_path / "many.jsonl"
    f.write_text("".join(json.dumps({"text": f"Item number {i}."}) + "\n" for i in range(5)), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    result = CliRunner().invoke(app, ["ingest", str(f), "--db", db, "--no-analyze", "--json", "--max-items", "2"])
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert result.exit_code == 3
    assert records[-1]["new"] == 2 and records[-1]["rejected"] == 1


def test_many_redirects_are_counted_after_the_first_ones(tmp_path: Path) -> None:
    moved = b"<html><body>Moved</body></html>"
    data = b"".join(
        _warc_record(f"https://city.example/r{i}", moved, "301 Moved Permanently", gzip_it=False) for i in range(60)
    )
    f = tmp_path / "redirects.warc"
    f.write_bytes(data + _warc_record("https://city.example/bridge", PAGE, gzip_it=False))
    arts, errs, skips = _read(f)
    assert len(arts) == 1 and not errs
    assert len(skips) == 51 and "10 more HTTP 301" in skips[-1].reason
