"""The command line as a user meets it: exit codes, JSON Lines, help, safety (issue #2)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from dossier.cli import app

runner = CliRunner()
REPO = Path(__file__).resolve().parent.parent


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Minsk says launcher entered service\n\nThe launcher entered service.", "utf-8"
    )
    (folder / "b.jsonl").write_text(
        json.dumps(
            {
                "text": "Second report [bold]markup[/bold].",
                "title": "[red]T",
                "url": "https://b.example/1",
                "outlet": "B",
            }
        )
        + "\n",
        "utf-8",
    )
    return folder


def test_ingest_exit_codes_and_json_records(sqlite_url: str, tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    code, out, _ = _run("ingest", str(folder), "--db", sqlite_url, "--no-analyze", "--json")
    assert code == 0
    records = _jsonl(out)
    arts = [r for r in records if r["type"] == "article"]
    assert {r["status"] for r in arts} == {"new"} and len(arts) == 2
    for key in ("id", "title", "url", "origin", "outlet", "published", "language", "format", "chars"):
        assert all(key in r for r in arts)
    assert records[-1]["type"] == "summary" and records[-1]["new"] == 2
    (folder / "broken.json").write_text("{", "utf-8")
    code, out, _ = _run("ingest", str(folder), "--db", sqlite_url, "--no-analyze", "--json")
    assert code == 3  # partial: one input rejected, the rest fine
    errors = [r for r in _jsonl(out) if r["type"] == "error"]
    assert errors[0]["source"].endswith("broken.json") and "invalid JSON" in errors[0]["reason"]
    code, _, _ = _run("ingest", str(folder / "broken.json"), "--db", sqlite_url, "--no-analyze")
    assert code == 1  # nothing could be stored


def test_listing_commands_print_json_lines(sqlite_url: str, tmp_path: Path) -> None:
    _run("ingest", str(_corpus(tmp_path)), "--db", sqlite_url, "--no-analyze")
    code, out, _ = _run("articles", "--db", sqlite_url, "--json")
    assert code == 0
    rows = _jsonl(out)
    assert len(rows) == 2 and {
        "id",
        "title",
        "url",
        "origin",
        "outlet",
        "published",
        "language",
        "format",
        "chars",
    } <= set(rows[0])
    code, out, _ = _run("search", "launcher", "--db", sqlite_url, "--json")
    assert code == 0 and _jsonl(out)[0]["title"].startswith("Minsk says")
    code, out, _ = _run("show", str(rows[0]["id"]), "--db", sqlite_url, "--json")
    assert code == 0 and _jsonl(out)[0]["origins"]
    code, out, _ = _run("stats", "--db", sqlite_url, "--json")
    assert code == 0 and _jsonl(out)[0]["articles"] == 2


def test_untrusted_markup_is_printed_verbatim(sqlite_url: str, tmp_path: Path) -> None:
    _run("ingest", str(_corpus(tmp_path)), "--db", sqlite_url, "--no-analyze")
    code, out, _ = _run("articles", "--db", sqlite_url)
    assert code == 0 and "[red]T" in out


def test_errors_are_clear_and_graded(sqlite_url: str) -> None:
    code, _, err = _run("show", "999", "--db", sqlite_url)
    assert code == 2 and "no article with id 999" in err
    code, _, err = _run("show", "999", "--db", sqlite_url, "--json")
    assert json.loads(err)["error"] == "not_found"
    code, _, err = _run("ingest", "x.txt", "--db", sqlite_url, "--published", "yesterday")
    assert code == 2 and "invalid --published" in err
    code, _, err = _run("ingest", "x.txt", "--db", sqlite_url, "--max-size", "lots")
    assert code == 2 and "invalid size" in err


def test_every_command_is_documented() -> None:
    """docs/cli.md must describe every command the CLI offers."""
    doc = (REPO / "docs" / "cli.md").read_text("utf-8")
    names = [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]
    missing = [n for n in names if not re.search(rf"`dossier {n}\b", doc)]
    assert not missing, f"commands missing from docs/cli.md: {missing}"


def test_help_teaches() -> None:
    code, out, _ = _run("ingest", "--help")
    assert code == 0 and "Exit codes" in out and "Telegram" in out
