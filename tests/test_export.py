"""Exports read back with each format's own library (issue #15).

The model-marked tests export the store built from samples/corpus; the others
use a small store ingested without analysis (fast, and on PostgreSQL too).
"""

from __future__ import annotations

import asyncio
import csv
import json
import sqlite3
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.export.selection import Selection, overlaps
from dossier.export.tables import TABLES
from dossier.export.timelinejs import slide_text, start_date

runner = CliRunner()
REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "samples" / "corpus"


def _ok(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "dossier.db"
    _ok("ingest", str(CORPUS), "--db", str(path))
    return path


# -- without a database ----------------------------------------------------------------


def test_dates_overlap_as_iso_prefixes() -> None:
    assert overlaps("2025-09", "2025-09-15", None)  # the month overlaps the bound's day
    assert not overlaps("2025-08-31", "2025-09", None)
    assert overlaps("2025-12-17", "2025", "2025")
    assert not overlaps("2026-01-01", None, "2025-12")
    assert overlaps("XXXX-09-26", "2030", None)  # year unknown: cannot be placed, kept
    assert overlaps(None, "2030", None)


def test_bad_dates_are_named() -> None:
    from dossier.errors import UsageError

    with pytest.raises(UsageError, match="--since"):
        Selection(since="last week")
    with pytest.raises(UsageError, match="after"):
        Selection(since="2025-10", until="2025-09")


def test_timelinejs_slides_escape_article_text() -> None:
    entry = {
        "kind": "REQUEST",
        "modality": "reported",
        "attributed_to": "<b>X</b>",
        "sentence": 'He said <script>alert("x")</script>.',
        "sources": [{"article_id": 1, "outlet": "O", "url": "javascript:alert(1)", "sentence": "<img src=x>"}],
    }
    html = slide_text(entry)
    assert "<script>" not in html and "&lt;script&gt;" in html and "<img" not in html
    assert "javascript:" not in html  # only http(s) URLs become links
    assert start_date({"date": "2025-09", "sort_date": "2025-09-01"}) == {"year": "2025", "month": "9"}
    week = start_date({"date": "2025-W39", "sort_date": "2025-09-22"})
    assert week == {"year": "2025", "month": "9", "day": "22", "display_date": "2025-W39"}
    assert start_date({"date": None, "undated": True, "sort_date": "2025-09-22"}) is None


def test_every_table_column_is_documented() -> None:
    doc = (REPO / "docs" / "export.md").read_text("utf-8")
    for table in TABLES:
        assert f"### `{table.name}`" in doc, table.name
        section = doc.split(f"### `{table.name}`", 1)[1].split("###", 1)[0]
        missing = [c.name for c in table.columns if f"`{c.name}`" not in section]
        assert not missing, f"{table.name}: columns missing from docs/export.md: {missing}"


def test_unknown_format_lists_the_known_ones(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "xlsx", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert "unknown export format" in result.stderr and "parquet" in result.stderr


# -- a small store, on SQLite and PostgreSQL ------------------------------------------------


def _small_inputs(folder: Path) -> Path:
    folder.mkdir()
    items = [
        {"title": "Early", "text": "A report from 2024.", "outlet": "A", "published": "2024-05-01T10:00:00"},
        {"title": "Later", "text": "A report from 2025.", "outlet": "B", "published": "2025-09-26T10:00:00"},
        {"title": "Latest", "text": "Another from 2025.", "outlet": "A", "published": "2025-12-01T10:00:00"},
    ]
    (folder / "items.jsonl").write_text("\n".join(json.dumps(i) for i in items), "utf-8")
    return folder


def test_csv_export_and_filters_on_each_database(db_url: str, tmp_path: Path) -> None:
    _ok("ingest", str(_small_inputs(tmp_path / "in")), "--db", db_url, "--no-analyze")
    out = tmp_path / "all"
    summary = _jsonl(_ok("export", "csv", "--db", db_url, "-o", str(out), "--json"))[0]
    assert summary["counts"]["articles"] == 3
    for table in TABLES:
        with (out / f"{table.name}.csv").open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            assert reader.fieldnames == table.names
            rows = list(reader)
        assert len(rows) == summary["counts"][table.name]
    some = tmp_path / "some"
    _ok("export", "csv", "--db", db_url, "-o", str(some), "--since", "2025", "--outlet", "A")
    with (some / "articles.csv").open(encoding="utf-8", newline="") as fh:
        assert [r["title"] for r in csv.DictReader(fh)] == ["Latest"]
    with (some / "origins.csv").open(encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == 1
    records = _jsonl(_ok("export", "jsonl", "--db", db_url, "-o", "-", "--until", "2024-12"))
    assert [r["title"] for r in records if r["type"] == "article"] == ["Early"]
    # Every other format runs on this database too (the SQL is shared by SQLite and PostgreSQL).
    for fmt in ("parquet", "timelinejs", "graphml", "gexf", "stix", "ftm"):
        summary = _jsonl(_ok("export", fmt, "--db", db_url, "-o", str(tmp_path / f"out-{fmt}"), "--json"))[0]
        assert summary["format"] == fmt and (summary["paths"] or summary["notes"]), fmt


def test_keyset_paging_reads_every_row(sqlite_url: str, tmp_path: Path) -> None:
    from sqlalchemy import select

    from dossier.export.base import pages
    from dossier.store import Store
    from dossier.store import schema as t

    folder = tmp_path / "many"
    folder.mkdir()
    (folder / "items.jsonl").write_text(
        "\n".join(json.dumps({"text": f"Item number {i}.", "url": f"https://x.example/{i}"}) for i in range(25)),
        "utf-8",
    )
    _ok("ingest", str(folder), "--db", sqlite_url, "--no-analyze")
    with Store(sqlite_url).connect() as conn:
        got = [len(p) for p in pages(conn, select(t.articles.c.id), t.articles.c.id, size=10)]
    assert got == [10, 10, 5]


def test_datasette_refuses_filters_and_other_databases(tmp_path: Path) -> None:
    db = tmp_path / "d.db"
    _ok("ingest", str(_small_inputs(tmp_path / "in")), "--db", str(db), "--no-analyze")
    result = runner.invoke(app, ["export", "datasette", "--db", str(db), "--since", "2025"])
    assert result.exit_code == 2 and "whole store" in result.stderr


# -- the corpus store, read back with each library ------------------------------------------


@pytest.mark.model
def test_exports_import_no_nlp(corpus_db: Path, tmp_path: Path) -> None:
    """Exports only read the store: they must start without loading spaCy or natasha."""
    import subprocess

    code = (
        "import sys\n"
        "from dossier.cli import app\n"
        "for fmt in ('jsonl', 'stix', 'ftm', 'graphml', 'timelinejs', 'datasette'):\n"
        f"    try: app(['export', fmt, '--db', {str(corpus_db)!r}, '-o', {str(tmp_path)!r} + '/' + fmt])\n"
        "    except SystemExit as exc: assert exc.code == 0, (fmt, exc.code)\n"
        "print(sorted(m for m in ('spacy', 'natasha', 'thinc') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.model
def test_csv_tables_read_back(corpus_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    _ok("export", "csv", "--db", str(corpus_db), "-o", str(out))
    tables = {}
    for table in TABLES:
        with (out / f"{table.name}.csv").open(encoding="utf-8", newline="") as fh:
            tables[table.name] = list(csv.DictReader(fh))
    con = sqlite3.connect(corpus_db)
    for name in ("articles", "origins", "mentions", "times", "quotes"):
        assert len(tables[name]) == con.execute(f"select count(*) from {name}").fetchone()[0], name
    article_ids = {r["id"] for r in tables["articles"]}
    assert {r["article_id"] for r in tables["events"]} <= article_ids
    for m in tables["mentions"]:
        assert m["text"] in m["sentence"] or not m["sentence"]
    assert tables["contradictions"] and tables["copies"] and tables["stories"]
    actors = json.loads(tables["events"][0]["actors"])
    assert isinstance(actors, list)


@pytest.mark.model
def test_parquet_tables_read_back_with_pyarrow(corpus_db: Path, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "pq"
    summary = _jsonl(_ok("export", "parquet", "--db", str(corpus_db), "-o", str(out), "--json"))[0]
    for table in TABLES:
        read = pq.read_table(out / f"{table.name}.parquet")
        assert read.column_names == table.names
        assert read.num_rows == summary["counts"][table.name]
    events = pq.read_table(out / "events.parquet")
    assert events.schema.field("actors").type == pa.list_(pa.string())
    assert events.schema.field("entity_ids").type == pa.list_(pa.int64())
    assert b"description" in events.schema.field("kind").metadata


@pytest.mark.model
def test_jsonl_records_are_the_cli_records(corpus_db: Path, tmp_path: Path) -> None:
    db = str(corpus_db)
    records = _jsonl(_ok("export", "jsonl", "--db", db, "-o", "-"))
    by_type: dict[str, list[dict]] = {}
    for r in records:
        by_type.setdefault(r.pop("type"), []).append(r)
    key = lambda r: json.dumps(r, sort_keys=True)  # noqa: E731 - a sort key
    # An export holds every source of an event; the listing shows the first 10 unless asked for all.
    cli_events = _jsonl(_ok("events", "--db", db, "--json", "--all-sources"))
    assert sorted(map(key, by_type["event"])) == sorted(map(key, cli_events))
    assert any(len(e["sources"]) > 10 for e in cli_events)  # the corpus has such an event: the cap matters
    assert sorted(map(key, by_type["quote"])) == sorted(map(key, _jsonl(_ok("quotes", "--db", db, "--json"))))
    cli_articles = _jsonl(_ok("articles", "--db", db, "--json", "--limit", "1000"))
    assert sorted(map(key, by_type["article"])) == sorted(map(key, cli_articles))
    cli_entities = {key(r) for r in _jsonl(_ok("entities", "--db", db, "--json", "--limit", "1000"))}
    assert cli_entities <= set(map(key, by_type["entity"]))
    assert len(by_type["contradiction"]) == len(_jsonl(_ok("contradictions", "--db", db, "--json")))


@pytest.mark.model
def test_subject_and_date_filters(corpus_db: Path) -> None:
    records = _jsonl(
        _ok("export", "jsonl", "--db", str(corpus_db), "-o", "-", "--subject", "Орешник", "--since", "2025")
    )
    articles = [r for r in records if r["type"] == "article"]
    assert articles and all(r["published"] >= "2025" for r in articles)
    ids = {r["id"] for r in articles}
    events = [r for r in records if r["type"] == "event"]
    assert events and all(e["article_id"] in ids for e in events)
    assert all(overlaps(e["date"], "2025", None) for e in events)
    timeline = [r for r in records if r["type"] == "timeline"]
    assert timeline and {r["subject"] for r in timeline} == {"Oreshnik"}
    assert any(r["kind"] == "EQUIPMENT_COMBAT_DUTY" for r in timeline)
    result = runner.invoke(app, ["export", "jsonl", "--db", str(corpus_db), "-o", "-", "--subject", "Nobody Atall"])
    assert result.exit_code == 2 and "Nobody Atall" in result.stderr


@pytest.mark.model
def test_timelinejs_per_subject(corpus_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "tl"
    _ok("export", "timelinejs", "--db", str(corpus_db), "-o", str(out), "--subject", "Oreshnik")
    doc = json.loads((out / "oreshnik.json").read_text("utf-8"))
    assert doc["title"]["text"]["headline"].startswith("Oreshnik")
    assert doc["events"] and doc["undated"]
    for slide in doc["events"]:
        assert slide["start_date"]["year"].isdigit()
        assert slide["text"]["headline"] and "<blockquote>" in slide["text"]["text"]
    years = [(int(s["start_date"]["year"]), int(s["start_date"].get("month", 0))) for s in doc["events"]]
    assert years == sorted(years)
    assert any(s["group"] == "EQUIPMENT_COMBAT_DUTY" for s in doc["events"])


@pytest.mark.model
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_entity_network_opens_in_networkx(corpus_db: Path, tmp_path: Path, fmt: str) -> None:
    import networkx as nx

    path = tmp_path / f"net.{fmt}"
    _ok("export", fmt, "--db", str(corpus_db), "-o", str(path))
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    labels = {n: d.get("label") for n, d in graph.nodes(data=True)}
    by_label = {v: k for k, v in labels.items()}
    assert "Oreshnik" in by_label and "Alexander Lukashenko" in by_label
    edge = graph.edges[by_label["Oreshnik"], by_label["Alexander Lukashenko"]]
    assert int(edge["weight"]) == int(edge["events"]) + int(edge["quotes"]) > 0
    assert edge["first_seen"] <= edge["last_seen"]
    assert "REQUEST" in edge["kinds"]
    assert graph.nodes[by_label["Oreshnik"]]["kind"] == "equipment"


@pytest.mark.model
def test_stix_bundle_parses_back(corpus_db: Path, tmp_path: Path) -> None:
    import stix2

    # A denial becomes an opinion: mark one event as denied in a copy of the store.
    db = tmp_path / "denied.db"
    con = sqlite3.connect(db)
    with sqlite3.connect(corpus_db) as source:
        source.backup(con)  # the store is in WAL mode: copy through SQLite, not the file
    denied_id = con.execute("select id from events where kind like 'EQUIPMENT%' order by id limit 1").fetchone()[0]
    con.execute("update events set modality = 'denied', attributed_to = 'Ministry' where id = ?", (denied_id,))
    con.commit()
    n_articles = con.execute("select count(*) from articles").fetchone()[0]
    con.close()
    path = tmp_path / "b.json"
    _ok("export", "stix", "--db", str(db), "-o", str(path))
    bundle = stix2.parse(path.read_text("utf-8"), allow_custom=True)
    objects = {o.id: o for o in bundle.objects}
    kinds = [o.type for o in bundle.objects]
    assert kinds.count("report") == n_articles
    assert {"identity", "location", "note", "opinion"} <= set(kinds)
    for o in bundle.objects:
        for ref in getattr(o, "object_refs", []):
            assert ref in objects, ref
    notes = [o for o in bundle.objects if o.type == "note"]
    quote = next(n for n in notes if n.x_dossier_record == "quote" and "Ryzhenkov" in n.abstract)
    assert quote.content in quote.x_dossier_sentence or quote.x_dossier_sentence
    assert quote.external_references[0].description.startswith("article ")
    opinion = next(o for o in bundle.objects if o.type == "opinion")
    assert opinion.opinion == "strongly-disagree" and opinion.authors == ["Ministry"]
    assert objects[opinion.object_refs[0]].x_dossier_modality == "denied"
    people = {o.name for o in bundle.objects if o.type == "identity" and o.identity_class == "individual"}
    assert "Alexander Lukashenko" in people
    again = tmp_path / "again.json"
    _ok("export", "stix", "--db", str(db), "-o", str(again))
    ids = lambda p: sorted(o["id"] for o in json.loads(p.read_text("utf-8"))["objects"])  # noqa: E731
    assert ids(path) == ids(again)  # content-derived ids: re-exports merge, not duplicate


@pytest.mark.model
def test_ftm_entities_validate_against_the_model(corpus_db: Path, tmp_path: Path) -> None:
    from followthemoney import model

    path = tmp_path / "e.ftm.json"
    _ok("export", "ftm", "--db", str(corpus_db), "-o", str(path))
    entities = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    ids = {e["id"] for e in entities}
    schemata = set()
    for data in entities:
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.schema.validate(data) is None, data
        schemata.add(proxy.schema.name)
        for prop, values in proxy.properties.items():
            if proxy.schema.get(prop).type.name == "entity":
                assert set(values) <= ids, (data["id"], prop)
    assert {"Person", "Organization", "Article", "Event", "Mention", "Note"} <= schemata
    luka = next(e for e in entities if e["schema"] == "Person" and "Alexander Lukashenko" in e["properties"]["name"])
    assert "Лукашенко" in " ".join(luka["properties"].get("alias", []))


@pytest.mark.model
def test_datasette_browses_the_store(corpus_db: Path, tmp_path: Path) -> None:
    import yaml
    from datasette.app import Datasette

    meta_path = tmp_path / "metadata.yml"
    _ok("export", "datasette", "--db", str(corpus_db), "-o", str(meta_path))
    metadata = yaml.safe_load(meta_path.read_text("utf-8"))
    database = metadata["databases"]["dossier"]
    assert database["tables"]["copy_bands"] == {"hidden": True}

    async def browse() -> dict[str, object]:
        ds = Datasette([str(corpus_db)], metadata=metadata)
        await ds.invoke_startup()
        out: dict[str, object] = {}
        for name, path in {
            "search": "/dossier/articles.json?_search=Oreshnik&_shape=objects",
            "events": "/dossier/events.json?_shape=objects",
            "timeline": "/dossier/timeline.json?subject=Oreshnik&_shape=array",
            "quotes": "/dossier/quotes_by_speaker.json?speaker=Ryzhenkov&_shape=array",
            "page": "/dossier/entities",
        }.items():
            response = await ds.client.get(path)
            assert response.status_code == 200, (path, response.text[:300])
            out[name] = response.text if name == "page" else response.json()
        return out

    got = asyncio.run(browse())
    rows = got["search"]["rows"]
    assert rows and all("oreshnik" in (r["title"] + " " + r["text"]).casefold() for r in rows)
    assert {"kind", "modality"} <= set(got["events"]["facet_results"])
    timeline = got["timeline"]
    assert timeline and all(r["source_sentence"] for r in timeline)
    assert any(r["kind"] == "EQUIPMENT_COMBAT_DUTY" for r in timeline)
    assert got["quotes"] and all("Ryzhenkov" in r["speaker"] for r in got["quotes"])
    assert "Entities" in got["page"]


@pytest.mark.model
def test_kind_and_modality_choose_events_and_rejected_ones_stay_out(corpus_db: Path, tmp_path: Path) -> None:
    db = str(corpus_db)
    events = _jsonl(_ok("export", "jsonl", "--db", db, "--kind", "REQUEST", "-o", "-"))
    kinds = {r["kind"] for r in events if r["type"] == "event"}
    assert kinds == {"REQUEST"}
    negated = _jsonl(_ok("export", "jsonl", "--db", db, "--modality", "negated", "-o", "-"))
    assert {r["modality"] for r in negated if r["type"] == "event"} == {"negated"}
    result = runner.invoke(app, ["export", "jsonl", "--db", db, "--kind", "TELEPORT", "-o", "-"])
    assert result.exit_code == 2 and "REQUEST" in result.stderr  # the valid kinds are listed
    copy = tmp_path / "copy.db"
    with sqlite3.connect(corpus_db) as source, sqlite3.connect(copy) as target:
        source.backup(target)  # the WAL included, which a plain file copy would miss
    first = next(r for r in events if r["type"] == "event")
    _ok("reject", "event", str(first["id"]), "--db", str(copy))
    after = _jsonl(_ok("export", "jsonl", "--db", str(copy), "--kind", "REQUEST", "-o", "-"))
    assert first["id"] not in {r["id"] for r in after if r["type"] == "event"}
