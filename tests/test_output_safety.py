"""Hostile text never reaches the terminal raw; errors stay one line for programs (issue #14)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from rich.text import Text
from typer.testing import CliRunner

from dossier.cli import app
from dossier.output import SafeConsole, clean

runner = CliRunner()

CLEAR = "\x1b[2J\x1b[H"
RED = "\x1b[31;1m"
RESET = "\x1b[0m"
OSC_TITLE = "\x1b]0;pwned\x07"
OSC_LINK = "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"
C1 = "\x9b31m\x85\x90"
HOSTILE = f"{CLEAR}Headline {RED}in red{RESET}{OSC_TITLE} {OSC_LINK} {C1}\r\x08\x00end"
#: What a terminal must never receive from stored text: C0 (but newline and tab), DEL, C1.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _hostile_corpus(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.jsonl"
    item = {
        "title": "T " + HOSTILE,
        "text": "Body " + HOSTILE + "\nsecond line\twith tab.",
        "outlet": "Outlet " + HOSTILE,
        "url": "https://a.example/1",
        "author": "Auth" + OSC_TITLE,
    }
    path.write_text(json.dumps(item) + "\n", "utf-8")
    return path


def test_clean_removes_whole_sequences_and_keeps_newline_and_tab() -> None:
    assert clean("a\x1b[2Jb") == "ab"
    assert clean(f"x{RED}y{RESET}z") == "xyz"
    assert clean(f"t{OSC_TITLE}u") == "tu"
    assert clean(f"<{OSC_LINK}>") == "<click>"
    assert clean("a\x9bb\x85c\x00d\re") == "abcde"
    assert clean("line\n\tindented") == "line\n\tindented"
    assert clean("Привет «мир» — ok") == "Привет «мир» — ok"


def test_listing_and_show_strip_controls_but_json_stays_exact(sqlite_url: str, tmp_path: Path) -> None:
    code, _, err = _run("ingest", str(_hostile_corpus(tmp_path)), "--db", sqlite_url, "--no-analyze")
    assert code == 0, err
    for args in (["articles"], ["show", "1"], ["search", "Headline"]):
        code, out, err = _run(*args, "--db", sqlite_url)
        assert code == 0, err
        assert not CONTROL.search(out), (args, out)
        assert not CONTROL.search(err), (args, err)
        assert "pwned" not in out and "evil.example" not in out
    _, out, _ = _run("show", "1", "--db", sqlite_url)
    assert "Headline" in out and "second line" in out and "end" in out
    code, out, _ = _run("articles", "--db", sqlite_url, "--json")
    record = json.loads(out.splitlines()[0])
    # exact but for NUL, which the ingest drops (PostgreSQL cannot store it), escaped by JSON itself
    assert record["title"] == "T " + HOSTILE.replace("\x00", "")
    assert not CONTROL.search(out)  # escaped: JSON escapes C0, Dossier escapes DEL and C1
    assert len(out.splitlines()) == 1  # NEL (U+0085) would end a line for str.splitlines
    code, out, _ = _run("show", "1", "--db", sqlite_url, "--json")
    assert json.loads(out)["outlet"] == "Outlet " + HOSTILE.replace("\x00", "")


def test_terminal_output_keeps_our_styles_only() -> None:
    buf = io.StringIO()
    console = SafeConsole(file=buf, force_terminal=True, color_system="standard", width=120)
    console.print(Text("title: " + HOSTILE, style="bold red"))
    out = buf.getvalue()
    assert "\x1b[2J" not in out and "\x1b]" not in out and "pwned" not in out
    assert not re.search(r"[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f]", out)  # only ESC may remain...
    assert all(m.group(0).endswith("m") for m in re.finditer(r"\x1b\[[0-9;]*[A-Za-z]", out))  # ...as SGR styling
    assert "\x1b[1;31m" in out or "\x1b[31;1m" in out or "\x1b[1m" in out


def test_rejections_and_errors_are_one_line_when_piped(sqlite_url: str, tmp_path: Path) -> None:
    deep = tmp_path / ("a-rather-long-folder-name-" * 4) / "missing-report-with-a-long-name.txt"
    code, _, err = _run("ingest", str(deep), "--db", sqlite_url)
    assert code == 1
    lines = [line for line in err.splitlines() if line.strip()]
    rejected = [line for line in lines if line.startswith("rejected")]
    assert len(rejected) == 1 and str(deep.name) in rejected[0] and len(rejected[0]) > 80


def test_ingest_json_reports_rejections_and_warnings_as_records(sqlite_url: str, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Title\n\nSome text.", "utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    code, out, _ = _run("ingest", str(good), str(bad), "--db", sqlite_url, "--no-analyze", "--json")
    assert code == 3
    records = [json.loads(line) for line in out.splitlines()]
    errors = [r for r in records if r["type"] == "error"]
    assert len(errors) == 1 and errors[0]["source"].endswith("bad.json") and errors[0]["reason"]
    assert records[-1]["type"] == "summary" and records[-1]["rejected"] == 1


def test_analyze_json_reports_rejections_as_records(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    code, out, _ = _run("analyze", str(bad), "--json")
    assert code == 1
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["type"] == "error" and record["source"].endswith("bad.json")


def test_unexpected_exception_is_a_one_line_error_not_a_traceback(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier.store import queries

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("boom\nsecond line of detail")

    monkeypatch.setattr(queries, "list_articles", boom)
    code, _, err = _run("articles", "--db", sqlite_url)
    assert code == 1
    assert "internal error: RuntimeError: boom" in err and "Traceback" not in err
    assert "second line" not in err
    code, _, err = _run("articles", "--db", sqlite_url, "--json")
    assert json.loads(err)["message"].startswith("internal error")


def test_usage_errors_are_plain_lines_when_stderr_is_not_a_terminal() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "dossier", "show", "not-a-number"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "not-a-number" not in result.stdout
    assert "╭" not in result.stderr and "│" not in result.stderr


def test_the_timeline_window_notice_prints_a_subject_name_literally(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The notice names the subject, whose name comes from the reports: markup in it is text."""
    from dossier.model import Article, DocAnalysis, Entity, Event, Mention
    from dossier.store import Store, knowledge
    from dossier.store.write import save_article

    name = "Depot [bold]7[/bold]"
    text = f"{name} was delivered to the brigade."
    analysis = DocAnalysis(
        text=text,
        language="en",
        sentences=[(0, len(text))],
        mentions=[Mention(name, 0, len(name), "equipment", name)],
        entities=[Entity(name=name, kind="equipment")],
        events=[Event(kind="EQUIPMENT_DELIVERED", start=0, end=len(text), trigger="delivered", equipment=(name,))],
    )
    with Store(sqlite_url).begin() as conn:
        save_article(conn, Article(text=text, origin="t#1"), analysis)
    monkeypatch.setattr(knowledge, "TIMELINE_EVENTS", 0)  # every timeline is past its window
    code, _out, err = _run("timeline", name, "--db", sqlite_url)
    assert code == 0
    assert "events about Depot [bold]7[/bold]:" in err


def test_bidirectional_overrides_never_reach_the_terminal_and_json_escapes_them() -> None:
    # a right-to-left override would show "said the minister" reversed after it: what the
    # analyst reads must be what is stored, in logical order
    from dossier.output import dumps

    hostile = "Minister: \u202etuo sknat\u202c and \u2067isolate\u2069 text"
    assert clean(hostile) == "Minister: tuo sknat and isolate text"
    line = dumps({"text": hostile})
    assert "\u202e" not in line and "\\u202e" in line
    assert json.loads(line)["text"] == hostile
