"""`dossier stories/story/copies/contradictions` and independent sources, as a user runs them (issue #7)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from test_copies import ORIGINAL, REWRITE, UNRELATED
from test_corroboration import POST

runner = CliRunner()
CORPUS = Path(__file__).resolve().parent.parent / "samples" / "corpus"


def _run(*args: str) -> list[dict]:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def _inputs(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a.txt").write_text("Battalion arrives at the border\n\n" + ORIGINAL, "utf-8")
    items = [
        {
            "title": "[bold]Rewrite",
            "text": REWRITE,
            "outlet": "Farm one",
            "url": "https://farm.example/1",
            "published": "2025-05-07T10:00:00+00:00",
        },
        {
            "title": "Polonez",
            "text": POST,
            "outlet": "modmilby",
            "url": "https://t.me/modmilby/1",
            "published": "2025-05-06T09:00:00+00:00",
        },
        {
            "title": "Fwd",
            "text": POST + " Subscribe to Channel one.",
            "outlet": "Channel one",
            "url": "https://t.me/one/7",
            "published": "2025-05-06T10:00:00+00:00",
            "forwarded_from": "modmilby",
        },
        {
            "title": "Library budget",
            "text": UNRELATED,
            "outlet": "City news",
            "url": "https://city.example/2",
            "published": "2025-05-06T12:00:00+00:00",
        },
    ]
    (folder / "b.jsonl").write_text("\n".join(json.dumps(i) for i in items) + "\n", "utf-8")
    return folder


def test_stories_copies_without_analysis(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    folder = _inputs(tmp_path / "in")
    _run("ingest", str(folder), "--db", db, "--no-analyze", "--published", "2025-05-06")
    chains = _run("copies", "--db", db, "--json")
    by_original = {c["original"]["title"]: c for c in chains}
    battalion = by_original["Battalion arrives at the border"]
    assert [(c["title"], c["kind"]) for c in battalion["copies"]] == [("[bold]Rewrite", "near")]
    assert battalion["copies"][0]["similarity"] > 0.4
    # The forward repeats its source's text (the same text would be one article with two origins).
    (fwd,) = by_original["Polonez"]["copies"]
    assert fwd["title"] == "Fwd" and fwd["kind"] == "forward+near" and fwd["source"] == "modmilby"
    assert by_original["Polonez"]["source"] == "outlet:modmilby"

    stories = _run("stories", "--db", db, "--json")
    assert {"id", "title", "articles", "article_ids", "first_reported", "last_reported"} <= set(stories[0])
    assert sum(s["articles"] for s in stories) == 5
    library = next(s for s in stories if s["title"] == "Library budget")
    assert library["articles"] == 1
    (story,) = _run("story", str(stories[0]["id"]), "--db", db, "--json")
    assert story["article_list"] and {"id", "outlet", "published", "copy_of"} <= set(story["article_list"][0])
    assert story["events"] == []  # no analysis, no events
    assert _run("contradictions", "--db", db, "--json") == []
    # Tables print untrusted titles verbatim.
    result = runner.invoke(app, ["copies", "--db", db])
    assert result.exit_code == 0 and "[bold]Rewrite" in result.stdout
    # A re-run stores nothing new and resolves nothing twice.
    _run("ingest", str(folder), "--db", db, "--no-analyze", "--published", "2025-05-06")
    assert _run("copies", "--db", db, "--json") == chains
    assert _run("stories", "--db", db, "--json") == stories


def test_unknown_story_is_a_clear_error(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    result = runner.invoke(app, ["story", "99", "--db", db, "--json"])
    assert result.exit_code == 2 and json.loads(result.stderr)["error"] == "not_found"


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('x') / 'corpus.db'}"
    _run("ingest", str(CORPUS), "--db", url)
    return url


@pytest.mark.model
def test_corpus_stories_copies_and_contradictions(corpus_db: str) -> None:
    db = corpus_db
    stories = _run("stories", "--db", db, "--json")
    titles = {a["id"]: a["title"] for a in _run("articles", "--db", db, "--json", "--limit", "100")}
    flood = {i for i, title in titles.items() if "Pripyat" in title or "Припят" in title}
    assert len(flood) == 2
    for s in stories:
        ids = set(s["article_ids"])
        assert ids <= flood or not ids & flood, f"the flood shares a story with other news: {s}"
    # the English and the Russian report of the flood ("Gomel region", "Гомельской области") are one story
    assert any(set(s["article_ids"]) == flood for s in stories)

    chains = _run("copies", "--db", db, "--json")
    ryzhenkov = next(c for c in chains if "Ryzhenkov" in c["original"]["title"])
    kinds = {c["outlet"]: c["kind"] for c in ryzhenkov["copies"]}
    assert "near" in kinds["Vistula Evening Post"]  # the near-copy
    assert "forward" in kinds["Polesie Watch | Наблюдатель Полесья"]  # the Telegram forward

    flags = _run("contradictions", "--db", db, "--json")
    dates = [f for f in flags if f["field"] == "date" and f["kind"] == "EQUIPMENT_COMBAT_DUTY"]
    assert any({"2025-12-12", "2025-12-17"} <= {s["value"] for s in f["sides"]} for f in dates)
    for f in flags:
        for side in f["sides"]:
            assert side["article_id"] and side["sentence"] is not None and "outlet" in side

    timeline = _run("timeline", "Oreshnik", "--db", db, "--json")
    assert all("independent_sources" in e and e["sources"] for e in timeline)
    forwarded = [
        e
        for e in timeline
        if any(s["outlet"] == "Polesie Watch | Наблюдатель Полесья" for s in e["sources"])
        and e["independent_sources"] < len({s["article_id"] for s in e["sources"]})
    ]
    assert forwarded, "a forwarded claim must count its copies once"
    # The October denial ("is not en route") is its own claim: it does not borrow the date of the
    # September reports it contradicts, and it stands at its report's date, marked undated.
    denials = [e for e in timeline if e["kind"] == "EQUIPMENT_IN_TRANSIT" and e["modality"] == "negated"]
    assert denials and all(e["date"] is None and e["undated"] for e in denials)
    assert not any(e["kind"] == "REQUEST" and e["modality"] == "negated" for e in timeline)  # "requests for comment"
    events = _run("events", "--db", db, "--json", "--limit", "1000")
    assert all(e["independent_sources"] <= len(e["sources"]) for e in events)

    story_id = next(s["id"] for s in stories if ryzhenkov["original"]["article_id"] in s["article_ids"])
    (story,) = _run("story", str(story_id), "--db", db, "--json")
    assert story["events"] and story["independent_sources"] < story["articles"]
