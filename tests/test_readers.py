"""Every reader on inputs written here, and every kind of bad input (issue #2)."""

from __future__ import annotations

import gzip
import io
import json
from datetime import datetime
from pathlib import Path

import pytest

from dossier.errors import IngestError, IngestSkip
from dossier.ingest import Defaults, read_all
from dossier.model import Article


def _read(*paths: Path | str, **kw: object) -> tuple[list[Article], list[IngestError]]:
    items = list(read_all([str(p) for p in paths], **kw))  # type: ignore[arg-type]
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, IngestError)]


def test_text_first_line_is_title_and_defaults_fill_metadata(tmp_path: Path) -> None:
    f = tmp_path / "report.txt"
    f.write_text("Minsk confirms delivery\n\nThe ministry said the system arrived.\n", encoding="utf-8")
    arts, errs = _read(f, defaults=Defaults(origin="", published=datetime(2025, 9, 27), outlet="Test Wire"))
    assert not errs
    (a,) = arts
    assert a.title == "Minsk confirms delivery"
    assert a.text == "The ministry said the system arrived."
    assert a.outlet == "Test Wire" and a.published == datetime(2025, 9, 27)
    assert a.origin == str(f) and a.format == "text"


def test_text_date_from_file_name_when_none_given(tmp_path: Path) -> None:
    f = tmp_path / "ledger_2025-09-26_statement.txt"
    f.write_text("Title\n\nBody text here.", encoding="utf-8")
    (a,), _ = _read(f)
    assert a.published == datetime(2025, 9, 26)
    assert a.extra["published_from"] == "file name"


def test_jsonl_keeps_unknown_fields_and_reports_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "items.jsonl"
    good = {
        "text": "Body one.",
        "title": "One",
        "url": "https://a.example/1",
        "published": "2025-09-26T10:00:00+03:00",
        "outlet": "A",
        "language": "en",
        "author": "X",
        "tags": ["t1"],
    }
    f.write_text(json.dumps(good) + "\n{broken\n" + json.dumps({"title": "no text"}) + "\n", encoding="utf-8")
    arts, errs = _read(f)
    assert len(arts) == 1 and arts[0].extra == {"tags": ["t1"]}
    assert arts[0].published is not None and arts[0].published.utcoffset() is not None
    assert [e.source for e in errs] == [f"{f}#2", f"{f}#3"]
    assert "invalid JSON" in errs[0].reason and "text" in errs[1].reason


def test_json_object_and_list(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"text": "Single."}), encoding="utf-8")
    (tmp_path / "many.json").write_text(json.dumps([{"text": "A."}, {"text": "B."}]), encoding="utf-8")
    arts, errs = _read(tmp_path)
    assert not errs
    assert sorted(a.text for a in arts) == ["A.", "B.", "Single."]


def test_telegram_export_flattens_text_and_keeps_forwards(tmp_path: Path) -> None:
    export = {
        "name": "Test Channel",
        "type": "public_channel",
        "id": 42,
        "messages": [
            {"id": 1, "type": "service", "date": "2025-01-01T00:00:00", "action": "create_channel"},
            {"id": 2, "type": "message", "date": "2025-09-25T18:04:11", "text": "Plain post.", "views": 10},
            {
                "id": 3,
                "type": "message",
                "date": "2025-09-26T09:00:00",
                "forwarded_from": "Other Channel",
                "text": [
                    "Bold ",
                    {"type": "bold", "text": "part"},
                    " and link ",
                    {"type": "link", "text": "x.example"},
                ],
            },
            {
                "id": 4,
                "type": "message",
                "date": "2025-09-26T10:00:00",
                "text": "",
                "photo": "(File not included)",
            },
        ],
    }
    f = tmp_path / "result.json"
    f.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    arts, errs = _read(f)
    assert not errs
    assert [a.origin for a in arts] == [f"{f}#2", f"{f}#3"]
    assert arts[1].text == "Bold part and link x.example"
    assert arts[1].extra["forwarded_from"] == "Other Channel"
    assert arts[0].extra["views"] == 10 and arts[0].outlet == "Test Channel"
    assert arts[0].published == datetime(2025, 9, 25, 18, 4, 11)
    assert all(a.format == "telegram" for a in arts)


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Feed Outlet</title><link>https://feed.example</link><language>en</language>
<item><title>First</title><link>https://feed.example/1</link><pubDate>Thu, 25 Sep 2025 17:20:00 +0300</pubDate>
<content:encoded><![CDATA[<p>Paragraph one.</p><p>Paragraph two.</p>]]></content:encoded></item>
<item><title>Second</title><link>https://feed.example/2</link><description>Short text.</description></item>
</channel></rss>"""


def test_rss_feed_items_become_articles(tmp_path: Path) -> None:
    f = tmp_path / "feed.xml"
    f.write_text(RSS, encoding="utf-8")
    arts, errs = _read(f)
    assert not errs
    assert [a.url for a in arts] == ["https://feed.example/1", "https://feed.example/2"]
    assert "Paragraph one." in arts[0].text and "Paragraph two." in arts[0].text and "<p>" not in arts[0].text
    assert arts[0].outlet == "Feed Outlet" and arts[0].published is not None
    # The same instant, with the offset the feed wrote kept (issue #10).
    assert arts[0].published.isoformat() == "2025-09-25T17:20:00+03:00"


HTML = """<!DOCTYPE html><html lang="en"><head><title>Page title | Site</title>
<meta property="og:title" content="System enters service">
<meta property="og:site_name" content="Invented Herald">
<meta property="article:published_time" content="2025-12-17T10:00:00+01:00">
<meta name="author" content="Jane Writer"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>System enters service</h1>
<p>The defence ministry said on Wednesday that the upgraded launcher had entered service with the army.</p>
<p>Officials described the step as part of a wider modernisation programme announced last year.</p>
<p>Neighbouring governments said they were following the developments closely and asked for transparency.</p>
</article><footer>Copyright Invented Herald. All rights reserved. Subscribe to our newsletter.</footer></body></html>"""


def test_html_main_text_without_boilerplate(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(HTML, encoding="utf-8")
    (a,), errs = _read(f)
    assert not errs
    assert "entered service" in a.text
    assert "Subscribe" not in a.text and "Sport" not in a.text
    assert a.outlet == "Invented Herald"
    assert a.published is not None and a.published.date().isoformat() == "2025-12-17"


def _warc_bytes() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        "https://herald.example/story", "response", payload=io.BytesIO(HTML.encode()), http_headers=headers
    )
    writer.write_record(record)
    return buf.getvalue()


def test_warc_html_responses(tmp_path: Path) -> None:
    f = tmp_path / "crawl.warc.gz"
    f.write_bytes(_warc_bytes())
    (a,), errs = _read(f)
    assert not errs
    assert a.url == "https://herald.example/story" and a.format == "warc"
    assert "entered service" in a.text


def test_not_a_warc(tmp_path: Path) -> None:
    f = tmp_path / "junk.warc.gz"
    f.write_bytes(gzip.compress(b"hello world, not a warc"))
    arts, (err,) = _read(f)
    assert not arts and err.source == str(f)


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>x</title><description>&lol3;</description></item>
</channel></rss>"""


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n  ", "empty"),
        ("binary.txt", bytes(range(256)) * 8, "binary"),
        ("invalid.json", b'{"text": "unterminated', "invalid JSON"),
        ("malformed.xml", b"<?xml version='1.0'?><rss><channel><item><title>x</item></rss>", "malformed XML"),
        ("bomb.xml", BOMB.encode(), "entit"),
        ("unknown.xyz", b"some content", "unknown format"),
    ],
)
def test_bad_inputs_are_named_with_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    f = tmp_path / name
    f.write_bytes(content)
    arts, errs = _read(f)
    assert not arts
    (err,) = errs
    assert err.source == str(f)
    assert reason in err.reason


def test_size_limit(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_text("Title\n\n" + "word " * 1000, encoding="utf-8")
    arts, (err,) = _read(f, max_bytes=1000)
    assert not arts and "too large" in err.reason


def test_missing_path_reported(tmp_path: Path) -> None:
    arts, (err,) = _read(tmp_path / "nope.txt")
    assert not arts and "no such file" in err.reason


def test_directory_walk_skips_readme_and_hidden(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("About this corpus", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("T\n\nHidden", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "a.txt").write_text("T\n\nVisible body.", encoding="utf-8")
    arts, errs = _read(tmp_path)
    assert [a.text for a in arts] == ["Visible body."]
    # Left out on purpose, and said so (issue #14): skips, not rejections.
    assert all(isinstance(e, IngestSkip) for e in errs)
    reasons = {Path(e.source).name: e.reason for e in errs}
    assert "hidden" in reasons[tmp_path.name] and ".hidden.txt" in reasons[tmp_path.name]
    assert "readme" in reasons["README.md"]


def test_text_without_a_headline_keeps_its_lead_paragraph(tmp_path: Path) -> None:
    """A file that opens with a long sentence running into more text has no title line (issue #2)."""
    lead = "In a significant move, the ministry said on Wednesday that the complex had been put on combat duty."
    f = tmp_path / "lead.txt"
    f.write_text(lead + " It gave no details.\nThe announcement followed a report to the president.\n", "utf-8")
    (a,), _ = _read(f)
    assert a.title == "" and a.text.startswith("In a significant move")
    g = tmp_path / "headline.txt"
    g.write_text("Minister reports combat duty\nThe ministry said the complex is on duty.\n", "utf-8")
    (b,), _ = _read(g)
    assert b.title == "Minister reports combat duty"


@pytest.mark.parametrize(
    "headline",
    [
        "EU — Ukraine summit ends without a deal",
        "US – China trade talks resume in Geneva",
        "NATO -- Russia council meets again",
    ],
)
def test_text_headline_with_capitals_and_a_dash_stays_the_title(tmp_path: Path, headline: str) -> None:
    # A dateline is told from such a headline by the lead sentence after it: no full stop, no lead.
    f = tmp_path / "item.txt"
    f.write_text(f"{headline}\n\nThe talks ended on Monday. Both sides said they would meet again.\n", "utf-8")
    (a,), _ = _read(f)
    assert a.title == headline
    assert a.text.startswith("The talks ended")


@pytest.mark.parametrize(
    "lead",
    [
        "BRUSSELS — The EU agreed on Monday to extend sanctions.",
        "NEW YORK (Reuters) - Stocks fell on Monday.",
    ],
)
def test_text_dash_dateline_lead_is_body(tmp_path: Path, lead: str) -> None:
    f = tmp_path / "item.txt"
    f.write_text(f"{lead}\n\nA second paragraph of the same story.\n", "utf-8")
    (a,), _ = _read(f)
    assert a.title == ""
    assert a.text.startswith(lead)


def test_text_megabyte_first_line_is_read_without_the_title_patterns(tmp_path: Path, monkeypatch) -> None:
    # The title patterns once re-read a long run of letters from each of its letters (minutes on a
    # megabyte line). A line too long to be a title is ruled out before any pattern runs; the
    # patterns are replaced by ones that fail the test when used, so no timing is needed.
    from dossier.ingest import readers

    class Forbidden:
        def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
            raise AssertionError(f"title pattern used on an over-long line ({name})")

    monkeypatch.setattr(readers, "_INNER_SENTENCE_BREAK", Forbidden())
    monkeypatch.setattr(readers, "_LEAD_DATELINE", Forbidden())
    f = tmp_path / "item.txt"
    f.write_text("x" * 300_000 + ".\n\nMore text.\n", "utf-8")
    (a,), _ = _read(f)
    assert a.title == "" and a.text.startswith("xxx")


@pytest.mark.parametrize("headline", ["UK, 3 EU states sign migration pact", "Gaza, 2 years on: what is left"])
def test_text_headline_with_a_comma_and_a_figure_stays_the_title(tmp_path: Path, headline: str) -> None:
    # The dated dateline form ("МОСКВА, 3 декабря", "WASHINGTON, Dec. 3") needs a month by its day.
    f = tmp_path / "item.txt"
    f.write_text(f"{headline}\n\nThe ministers met on Monday. They signed the text.\n", "utf-8")
    (a,), _ = _read(f)
    assert a.title == headline


@pytest.mark.parametrize(
    "lead", ["МОСКВА, 3 декабря. /ТАСС/. Министр прибыл в Минск.", "WASHINGTON, Dec. 3 - Stocks fell"]
)
def test_text_dated_dateline_lead_is_body(tmp_path: Path, lead: str) -> None:
    f = tmp_path / "item.txt"
    f.write_text(f"{lead}\n\nA second paragraph of the same story.\n", "utf-8")
    (a,), _ = _read(f)
    assert a.title == ""
    assert a.text.startswith(lead)
