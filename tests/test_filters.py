"""The shared filters (store/filters.py) on both databases, through the store functions and the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from _webstore import CORPUS
from dossier.cli import app
from dossier.errors import UsageError
from dossier.store import Store, crossdoc, knowledge, queries
from dossier.store.filters import Filters, event_date_expr, lexicon_event_kinds

pytestmark = pytest.mark.model


@pytest.fixture
def conn(db_url: str) -> Iterator[object]:
    from dossier.ingest.job import ingest

    store = Store(db_url)
    ingest([CORPUS], store)
    with store.connect() as c:
        yield c
    store.dispose()


def test_filters_mean_the_same_on_both_databases(conn: object) -> None:
    everything = queries.list_articles(conn, limit=None)
    ru = queries.list_articles(conn, limit=None, filters=Filters(language="ru"))
    assert ru and {a["language"] for a in ru} == {"ru"} and len(ru) < len(everything)
    window = queries.list_articles(conn, limit=None, filters=Filters(since="2025-09-26", until="2025-09-27"))
    assert window and all("2025-09-26" <= a["published"][:10] <= "2025-09-27" for a in window)
    about = queries.list_articles(conn, limit=None, filters=Filters(subject="Орешник"))
    assert about and len(about) < len(everything)
    story = crossdoc.list_stories(conn, limit=1)[0]
    in_story = queries.list_articles(conn, limit=None, filters=Filters(story=story["id"]))
    assert sorted(a["id"] for a in in_story) == sorted(story["article_ids"])
    outlet = next(h["outlet"] for h in queries.search(conn, "Oreshnik", limit=50) if h["outlet"])
    hits = queries.search(conn, "Oreshnik", limit=50, filters=Filters(outlet=outlet))
    assert hits and {h["outlet"] for h in hits} == {outlet}
    assert queries.search(conn, "Oreshnik", filters=Filters(kind="REQUEST"))
    facets = queries.search_facets(conn, "Oreshnik")
    assert facets["hits"] and facets["month"] and facets["entity"][0]["count"] >= 1


def test_event_filters(conn: object) -> None:
    events = knowledge.list_events(conn, limit=None)
    late = knowledge.list_events(conn, limit=None, filters=Filters(since="2025-12"))
    assert late and len(late) < len(events)
    assert all((e["date"] if e["date"] and e["date"][0].isdigit() else e["reported"]) >= "2025-12" for e in late)
    planned = knowledge.list_events(conn, limit=None, filters=Filters(modality="planned"))
    assert planned and {e["modality"] for e in planned} == {"planned"}
    two = knowledge.list_events(conn, limit=None, filters=Filters(min_sources=2))
    assert two and all(e["independent_sources"] >= 2 for e in two)
    page = knowledge.list_events(conn, limit=3, offset=2, filters=Filters(min_sources=2))
    assert [e["id"] for e in page] == [e["id"] for e in two[2:5]]
    with pytest.raises(UsageError) as err:
        knowledge.list_events(conn, filters=Filters(kind="PICNIC"))
    assert "REQUEST" in (err.value.hint or "")
    timeline = knowledge.timeline(conn, "Oreshnik", filters=Filters(until="2025-09-30"))
    assert timeline["entries"] and all(e["sort_date"] <= "2025-09-30~" for e in timeline["entries"])
    oid = knowledge.find_entity_ids(conn, "Oreshnik")[0]
    assert knowledge.cooccurring(conn, oid) and knowledge.mentions_per_day(conn, oid)
    assert crossdoc.list_contradictions(conn, limit=2) == crossdoc.list_contradictions(conn)[:2]
    quotes = knowledge.list_quotes(conn, limit=None, filters=Filters(subject="Oreshnik"))
    assert quotes and len(quotes) < len(knowledge.list_quotes(conn, limit=None))
    assert str(event_date_expr())  # compiles


def test_filters_reject_bad_values() -> None:
    for bad in (Filters(since="27.09.2025"), Filters(modality="rumour"), Filters(min_sources=0), Filters(story=0)):
        with pytest.raises(UsageError):
            bad.checked()
    assert "REQUEST" in lexicon_event_kinds() and "NONE" not in lexicon_event_kinds()


def test_cli_filter_options(tmp_path: object) -> None:
    db = str(tmp_path / "cli.db")  # type: ignore[operator]
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(CORPUS), "--db", db]).exit_code == 0
    out = runner.invoke(app, ["articles", "--db", db, "--language", "ru", "--since", "2025-09", "--json"])
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows and all(r["language"] == "ru" and r["published"] >= "2025-09" for r in rows)
    out = runner.invoke(app, ["events", "--db", db, "--subject", "Oreshnik", "--min-sources", "2", "--json"])
    assert out.exit_code == 0 and all(json.loads(x)["independent_sources"] >= 2 for x in out.stdout.splitlines())
    bad = runner.invoke(app, ["events", "--db", db, "--kind", "PICNIC"])
    assert bad.exit_code == 2 and "EQUIPMENT_DELIVERED" in bad.output
    bad = runner.invoke(app, ["articles", "--db", db, "--since", "yesterday"])
    assert bad.exit_code == 2 and "since" in bad.output
