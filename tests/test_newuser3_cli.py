"""The third new-user review through the command line (issue #10): an analyst ingests an HTML
page with a zoned publication time and a Russian JSON item, then reads `entities`, `entity`,
`quotes` and `events`. The texts are written for this test."""

from __future__ import annotations

import json

import pytest

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Norvanta to close zinc smelter</title>
<meta property="og:site_name" content="Fjord Metals Review">
<meta property="article:published_time" content="2026-05-06T08:30:00+02:00">
</head><body><article>
<h1>Norvanta to close zinc smelter</h1>
<p>OSLO, May 6 — Norvanta will close its zinc smelter near Odda next year after power prices doubled,
the company said on Tuesday.</p>
<p>Labour Minister Tonje Brenna-Aas said the state would help the 400 workers find new jobs.
Brenna-Aas added that talks with the union would start in June.</p>
<p>The plant supplied zinc to carmakers in Germany for four decades.</p>
</article></body></html>
"""

ITEM = {
    "title": "На трассе М-5 восстановлено движение",
    "published": "2026-05-06T12:00:00+05:00",
    "outlet": "Урал Сегодня",
    "language": "ru",
    "text": (
        "Движение на трассе М-5 под Челябинском полностью восстановлено, сообщили в МЧС.\n\n"
        "Водитель грузовика Ольга Кравченко заявила, что дорогу не расчищали всю ночь."
    ),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    from typer.testing import CliRunner

    from dossier.cli import app

    root = tmp_path_factory.mktemp("nu3")
    inputs = root / "in"
    inputs.mkdir()
    (inputs / "smelter.html").write_text(PAGE, "utf-8")
    (inputs / "road.json").write_text(json.dumps(ITEM, ensure_ascii=False), "utf-8")
    db = f"sqlite:///{root / 'd.db'}"
    result = CliRunner().invoke(app, ["ingest", str(inputs), "--db", db, "--workers", "0"])
    assert result.exit_code == 0, result.output
    return db


def _lines(args: list[str]) -> list[dict]:
    from typer.testing import CliRunner

    from dossier.cli import app

    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_entities_list_the_company_and_no_calendar_day_or_fragment(store: str) -> None:
    kinds = {e["name"]: e["kind"] for e in _lines(["entities", "--db", store, "--json"])}
    assert kinds.get("Norvanta") == "org"
    assert kinds.get("Tonje Brenna-Aas") == "person"
    assert not any(name.startswith("May 6") or name == "Brenna" for name in kinds)
    assert kinds.get("Ольга Кравченко") == "person"


def test_quotes_name_the_company_the_minister_and_the_ministry(store: str) -> None:
    speakers = {q["speaker"] for q in _lines(["quotes", "--db", store, "--json"])}
    assert {"Norvanta", "Tonje Brenna-Aas", "МЧС", "Ольга Кравченко"} <= speakers
    assert "the company" not in speakers and "Brenna" not in speakers


def test_entity_command_shows_the_company_with_its_article(store: str) -> None:
    from typer.testing import CliRunner

    from dossier.cli import app

    shown = CliRunner().invoke(app, ["entity", "Norvanta", "--db", store])
    assert shown.exit_code == 0, shown.output
    assert "kind: org" in shown.stdout
    assert "Norvanta to close zinc smelter" in shown.stdout


def test_statement_events_carry_the_resolved_company(store: str) -> None:
    events = _lines(["events", "--db", store, "--json", "--kind", "STATEMENT"])
    actors = {a for e in events for a in e["actors"]}
    assert "Norvanta" in actors and "the company" not in actors


def test_a_missing_entity_is_an_error_line_not_a_traceback(store: str) -> None:
    from typer.testing import CliRunner

    from dossier.cli import app

    result = CliRunner().invoke(app, ["entity", "Glenmorrow", "--db", store])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "no entity called 'Glenmorrow'" in result.output


def test_published_keeps_the_page_offset(store: str) -> None:
    rows = _lines(["articles", "--db", store, "--json"])
    page = next(r for r in rows if r["title"] == "Norvanta to close zinc smelter")
    assert page["published"].startswith("2026-05-06T08:30:00+02:00")
