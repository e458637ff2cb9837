"""`dossier kb load`: entities linked to Wikidata ids from a dump-format fixture (issue #15)."""

from __future__ import annotations

import bz2
import gzip
import json
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from dossier.cli import app
from dossier.kb.link import Linker, StoreEntity, normalise
from dossier.model import Article, DocAnalysis, Entity, Mention
from dossier.store import Store
from dossier.store import schema as t
from dossier.store.write import save_article

runner = CliRunner()
DUMP = Path(__file__).resolve().parent / "fixtures" / "wikidata" / "dump.json"

ENTITIES = [
    (Entity("Alexander Lukashenko", "person", aliases=("Lukashenko", "Александр Лукашенко")), "en"),
    (Entity("John Smith", "person"), "en"),
    (Entity("Minsk", "place", aliases=("Минск",)), "en"),
    (Entity("Belarus", "place", wikidata="Q184"), "en"),
    (Entity("Oreshnik", "equipment", aliases=("Орешник",)), "ru"),
    (Entity("Maxim Ryzhenkov", "person", aliases=("Максим Рыженков",)), "ru"),
    (Entity("BelTA", "org"), "en"),
    (Entity("Gomel", "place"), "en"),
]


def _store(url: str) -> Store:
    store = Store(url)
    with store.begin() as conn:
        for n, (entity, language) in enumerate(ENTITIES):
            text = f"Report {n} about {entity.name}."
            start = text.index(entity.name)
            analysis = DocAnalysis(
                text=text,
                language=language,
                sentences=[(0, len(text))],
                mentions=[Mention(entity.name, start, start + len(entity.name), entity.kind, entity.name)],
                entities=[entity],
            )
            article = Article(
                text=text, title=f"R{n}", origin=f"r{n}.txt", language=language, published=datetime(2025, 9, n + 1)
            )
            save_article(conn, article, analysis)
    return store


def _links(store: Store) -> dict[str, tuple[str | None, float | None, str | None]]:
    with store.connect() as conn:
        rows = conn.execute(
            select(
                t.entities.c.name, t.entities.c.wikidata, t.entities.c.wikidata_confidence, t.entities.c.wikidata_source
            )
        ).all()
    return {r.name: (r.wikidata, r.wikidata_confidence, r.wikidata_source) for r in rows}


def _load(url: str, path: Path, *extra: str) -> list[dict]:
    result = runner.invoke(app, ["kb", "load", str(path), "--db", url, "--json", *extra])
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_links_by_label_alias_language_and_kind(db_url: str) -> None:
    store = _store(db_url)
    records = _load(db_url, DUMP)
    by_name = {r["name"]: r for r in records if "name" in r}
    links = _links(store)
    # A full-name label in English, with the Russian label agreeing: linked, confidently.
    assert links["Alexander Lukashenko"][0] == "Q90001" and links["Alexander Lukashenko"][1] >= 0.9
    assert links["Alexander Lukashenko"][2] == "kb"
    # Known only by a Russian label, matched through the entity's Russian alias.
    assert links["Maxim Ryzhenkov"][0] == "Q90008" and by_name["Maxim Ryzhenkov"]["language"] == "ru"
    # The city, not the ship of the same name (unknown class) nor the disambiguation page.
    assert links["Minsk"][0] == "Q2280" and by_name["Minsk"]["candidates"] == [
        {"wikidata": "Q90005", "confidence": by_name["Minsk"]["candidates"][0]["confidence"], "label": "Minsk"}
    ]
    # An organisation found by an alias.
    assert links["BelTA"][0] == "Q90009"
    # No class at all: the kind is unknown, linked with a lower confidence.
    assert links["Gomel"][0] == "Q90010" and links["Gomel"][1] < links["Minsk"][1]
    # Two equally good namesakes: no link, both reported.
    assert links["John Smith"][0] is None
    assert by_name["John Smith"]["type"] == "ambiguous"
    assert {c["wikidata"] for c in by_name["John Smith"]["candidates"]} == {"Q90003", "Q90004"}
    # The gazetteer's id is confirmed, not replaced; equipment keeps its null id.
    assert links["Belarus"] == ("Q184", 1.0, "gazetteer") and by_name["Belarus"]["type"] == "confirmed"
    assert links["Oreshnik"][0] is None and "Oreshnik" not in by_name
    # The broken line is named with its number; the rest was read.
    errors = [r for r in records if r["type"] == "error"]
    assert len(errors) == 1 and errors[0]["source"].endswith(":8")
    summary = records[-1]
    assert summary["type"] == "summary" and summary["items_read"] == 13 and summary["bad_lines"] == 1
    assert summary["linked"] == summary["written"] == 5
    # The id becomes a matching key, so the entity keeps it through later merges.
    with store.connect() as conn:
        keys = set(conn.execute(select(t.entity_keys.c.key)).scalars())
    assert "wd:Q90001" in keys


@pytest.mark.parametrize("compress", [gzip.compress, bz2.compress])
def test_compressed_dumps_and_dry_run(sqlite_url: str, tmp_path: Path, compress) -> None:  # type: ignore[no-untyped-def]
    store = _store(sqlite_url)
    packed = tmp_path / "dump.json.x"  # compression is recognised by content, not name
    packed.write_bytes(compress(DUMP.read_bytes()))
    records = _load(sqlite_url, packed, "--dry-run")
    assert records[-1]["linked"] == 5 and records[-1]["written"] == 0 and records[-1]["dry_run"]
    assert _links(store)["Alexander Lukashenko"][0] is None


def test_threshold_and_bad_input(sqlite_url: str, tmp_path: Path) -> None:
    store = _store(sqlite_url)
    records = _load(sqlite_url, DUMP, "--min-confidence", "0.95")
    assert records[-1]["linked"] < 5 and _links(store)["Gomel"][0] is None
    result = runner.invoke(app, ["kb", "load", str(tmp_path / "missing.json"), "--db", sqlite_url])
    assert result.exit_code == 2 and "missing.json" in result.stderr
    result = runner.invoke(app, ["kb", "load", str(DUMP), "--db", sqlite_url, "--min-confidence", "2"])
    assert result.exit_code == 2


def test_a_gazetteer_id_wins_over_a_kb_link(sqlite_url: str) -> None:
    from dossier.store.write import link_entity

    store = _store(sqlite_url)
    _load(sqlite_url, DUMP)
    with store.begin() as conn:
        link_entity(conn, Entity("Gomel", "place", wikidata="Q2407"))
    assert _links(store)["Gomel"] == ("Q2407", 1.0, "gazetteer")


def test_surname_alone_is_weak_evidence() -> None:
    target = StoreEntity(1, "Alexander Lukashenko", "person", aliases=("Lukashenko",), languages=frozenset({"en"}))
    linker = Linker([target])
    linker.feed(
        {"id": "Q2", "labels": {"en": {"value": "Viktor Lukashenko"}}, "aliases": {"en": [{"value": "Lukashenko"}]}}
    )
    assert linker.decide() == []  # below the threshold: a bare surname does not link a full name
    assert normalise("Лукашенко, Александр ЁЖ") == "лукашенко александр еж"
