"""The knowledge commands end to end on the bundled synthetic corpus, with the real models (issues #3-#6)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.ingest import read_all
from dossier.model import Article

pytestmark = pytest.mark.model
runner = CliRunner()
CORPUS = Path(__file__).resolve().parent.parent / "samples" / "corpus"


def _run(*args: str) -> list[dict]:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('k') / 'k.db'}"
    records = _run("ingest", str(CORPUS), "--db", url, "--json")
    assert records[-1]["type"] == "summary" and records[-1]["rejected"] == 0
    entity_records = [r for r in records if r["type"] == "entity"]
    assert entity_records and {"id", "name", "kind", "aliases", "wikidata", "mentions", "articles"} <= set(
        entity_records[0]
    )
    return url


def test_equipment_merged_across_languages(db: str) -> None:
    rows = _run("entities", "--db", db, "--kind", "equipment", "--json")
    by_name = {r["name"]: r for r in rows}
    assert "Oreshnik" in by_name and "Polonez-M" in by_name
    assert any("Орешник" in a for a in by_name["Oreshnik"]["aliases"])
    assert by_name["Oreshnik"]["articles"] >= 10


def test_entity_lookup_in_any_language(db: str) -> None:
    (rec,) = _run("entity", "Лукашенко", "--db", db, "--kind", "person", "--json")
    assert rec["name"] == "Alexander Lukashenko"
    assert rec["articles"] >= 5
    assert all(m["text"] in m["sentence"] for m in rec["mention_list"] if m["sentence"])


def test_quotes_by_speaker(db: str) -> None:
    rows = _run("quotes", "--db", db, "--speaker", "Ryzhenkov", "--json")
    assert rows and all(r["speaker"] for r in rows)
    assert any(r["direct"] for r in rows)


def test_timeline_is_ordered_and_sourced(db: str) -> None:
    rows = _run("timeline", "Oreshnik", "--db", db, "--json")
    kinds = [r["kind"] for r in rows]
    assert "REQUEST" in kinds and "EQUIPMENT_COMBAT_DUTY" in kinds
    dates = [r["sort_date"] for r in rows]
    assert dates == sorted(dates)
    first_request = next(r for r in rows if r["kind"] == "REQUEST" and r["date"] == "2024-12-06")
    assert first_request["sources"]
    assert rows.index(first_request) < kinds.index("EQUIPMENT_COMBAT_DUTY")


def test_analyze_offsets_index_the_stored_text() -> None:
    path = CORPUS / "minsk-ledger_2025-09-26_ryzhenkov.txt"
    (article,) = [a for a in read_all([str(path)]) if isinstance(a, Article)]
    records = _run("analyze", str(path), "--json")
    types = {r["type"] for r in records}
    assert {"mention", "entity", "time", "quote", "event"} <= types
    for r in records:
        assert r["doc"] == str(path)
        if r["type"] in ("mention", "time"):
            assert article.text[r["start"] : r["end"]] == r["text"]
