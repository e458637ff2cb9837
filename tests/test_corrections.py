"""Analysts' corrections (issue #16): each operation, its log entry, its undo, and that it sticks.

"Sticks" means: the correction survives re-ingesting the content, ingesting a revision of it (its
records are rewritten) and re-analysing it.  Runs on SQLite and PostgreSQL with the real models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from dossier import corrections as corr
from dossier.cli import app
from dossier.corrections.reanalysis import reanalyze_article
from dossier.errors import UsageError
from dossier.ingest.job import ingest
from dossier.store import Store, knowledge
from dossier.store import schema as t

pytestmark = pytest.mark.model

REQUEST = (
    "MINSK, December 6, 2024 — Belarusian President Alexander Lukashenko on Friday asked Russian "
    "President Vladimir Putin to station the Oreshnik missile system in Belarus. "
    "Lukashenko made the request during talks with Putin in Minsk."
)
TRANSIT = (
    "Belarusian President Alexander Lukashenko said on September 25, 2025 that the Oreshnik complex was "
    "already on its way to Belarus. Foreign Minister Maxim Ryzhenkov said on September 26 that the "
    "deployment would proceed as planned."
)


def _item(path: Path, text: str, *, url: str, published: str, outlet: str = "Minsk Ledger") -> Path:
    path.write_text(
        json.dumps({"url": url, "title": text[:40], "text": text, "published": published, "outlet": outlet}),
        "utf-8",
    )
    return path


@pytest.fixture
def seeded(store: Store, tmp_path: Path) -> Store:
    _item(tmp_path / "a.json", REQUEST, url="https://example.test/a", published="2024-12-06")
    _item(tmp_path / "b.json", TRANSIT, url="https://example.test/b", published="2025-09-26", outlet="Baltic Wire")
    report = ingest([tmp_path / "a.json", tmp_path / "b.json"], store)
    assert report.summary()["new"] == 2
    return store


def _events(store: Store, **kw: Any) -> list[dict[str, Any]]:
    with store.connect() as conn:
        return knowledge.list_events(conn, **kw)


def _article_id(store: Store, url: str) -> int:
    with store.connect() as conn:
        return conn.execute(select(t.articles.c.id).where(t.articles.c.url == url)).scalar_one()


def _request_event(store: Store) -> dict[str, Any]:
    return next(e for e in _events(store) if e["kind"] == "REQUEST")


def test_reject_event_is_logged_hidden_sticks_and_undoes(seeded: Store, tmp_path: Path) -> None:
    event = _request_event(seeded)
    with seeded.begin() as conn:
        entry = corr.review(conn, "event", event["id"], "rejected", user="ana", note="not a request")
    assert entry["action"] == "reject" and entry["old"] is None and entry["new"] == "rejected"
    assert all(e["id"] != event["id"] for e in _events(seeded))
    with seeded.connect() as conn:
        clustered = conn.execute(select(t.event_mentions.c.event_id)).scalars().all()
        assert event["id"] not in clustered
        (logged,) = corr.list_log(conn)
        assert (logged["user"], logged["note"], logged["target_id"]) == ("ana", "not a request", event["id"])

    # A revision of the article rewrites its records: the rejection is replayed on the new row.
    _item(
        tmp_path / "a2.json",
        REQUEST + " The Kremlin declined to comment.",
        url="https://example.test/a",
        published="2024-12-06",
    )
    assert ingest([tmp_path / "a2.json"], seeded).summary()["revised"] == 1
    assert not [e for e in _events(seeded) if e["kind"] == "REQUEST" and e["start"] == event["start"]]
    # So does a re-analysis.
    with seeded.begin() as conn:
        reanalyze_article(conn, event["article_id"])
    assert not [e for e in _events(seeded) if e["kind"] == "REQUEST" and e["start"] == event["start"]]

    with seeded.begin() as conn:
        undone = corr.undo(conn, entry["entry"], user="bo")
    assert undone["undoes"] == entry["entry"] and undone["user"] == "bo"
    back = [e for e in _events(seeded) if e["kind"] == "REQUEST" and e["start"] == event["start"]]
    assert back and back[0]["review"] is None
    with seeded.connect() as conn:
        assert back[0]["id"] in conn.execute(select(t.event_mentions.c.event_id)).scalars().all()
        log = corr.list_log(conn)
    assert [r["action"] for r in log] == ["undo", "reject"] and log[1]["undone_by"] == undone["entry"]
    with seeded.begin() as conn, pytest.raises(UsageError, match="already undone"):
        corr.undo(conn, entry["entry"], user="bo")
    with seeded.begin() as conn, pytest.raises(UsageError, match="itself an undo"):
        corr.undo(conn, undone["entry"], user="bo")


def test_edit_event_date_drives_the_timeline_and_survives_reanalysis(seeded: Store) -> None:
    event = _request_event(seeded)
    with seeded.begin() as conn:
        (entry,) = corr.edit_event(conn, event["id"], user="ana", date="2024-12-05")
    assert (entry["old"], entry["new"]) == ("2024-12-06", "2024-12-05")
    with seeded.connect() as conn:
        line = knowledge.timeline(conn, "Oreshnik")
    dated = [e for e in line["entries"] if e["kind"] == "REQUEST"]
    assert dated[0]["date"] == "2024-12-05"
    assert (
        dated[0]["corrections"][0] | {"by": "ana", "machine": "2024-12-06", "field": "date"}
        == dated[0]["corrections"][0]
    )
    with seeded.begin() as conn:
        reanalyze_article(conn, event["article_id"])
    again = next(e for e in _events(seeded) if e["kind"] == "REQUEST" and e["start"] == event["start"])
    assert again["date"] == "2024-12-05" and again["corrected"]["date"]["by"] == "ana"
    with seeded.begin() as conn:
        with pytest.raises(UsageError, match="invalid event date"):
            corr.edit_event(conn, again["id"], user="ana", date="next Tuesday")
        with pytest.raises(UsageError, match="unknown event kind"):
            corr.edit_event(conn, again["id"], user="ana", kind="TELEPORT")
        corr.undo(conn, entry["entry"], user="ana")
    restored = next(e for e in _events(seeded) if e["kind"] == "REQUEST" and e["start"] == event["start"])
    assert restored["date"] == "2024-12-06" and not restored["corrected"]


def test_undo_refuses_to_skip_a_later_correction_of_the_same_field(seeded: Store) -> None:
    event = _request_event(seeded)
    with seeded.begin() as conn:
        (first,) = corr.edit_event(conn, event["id"], user="ana", kind="DEMAND")
        (second,) = corr.edit_event(conn, event["id"], user="ana", kind="AGREE")
        with pytest.raises(UsageError, match=f"undo entry {second['entry']} first"):
            corr.undo(conn, first["entry"], user="ana")
        corr.undo(conn, second["entry"], user="ana")
        corr.undo(conn, first["entry"], user="ana")
    assert _request_event(seeded)["id"] == event["id"]


def test_merge_moves_everything_sticks_and_undoes(seeded: Store) -> None:
    with seeded.connect() as conn:
        minsk = knowledge.get_entity(conn, "Minsk")["id"]
        belarus = knowledge.get_entity(conn, "Belarus")["id"]
        before = conn.execute(select(func.count()).where(t.mentions.c.entity_id == belarus)).scalar_one()
    with seeded.begin() as conn:
        (entry,) = corr.merge_entities(conn, [str(minsk), "Belarus"], user="ana")
    with seeded.connect() as conn:
        assert conn.execute(select(t.entities.c.id).where(t.entities.c.id == belarus)).first() is None
        merged = knowledge.get_entity(conn, "Minsk")
        assert "Belarus" in merged["aliases"] and merged["corrected"]["merged"][0]["id"] == belarus
    # Re-analysis links mentions of "Belarus" to the kept entity through the moved keys.
    aid = _article_id(seeded, "https://example.test/b")
    with seeded.begin() as conn:
        reanalyze_article(conn, aid)
        texts = conn.execute(
            select(t.mentions.c.text).where(t.mentions.c.article_id == aid, t.mentions.c.entity_id == minsk)
        ).scalars()
        assert "Belarus" in set(texts)
        corr.undo(conn, entry["entry"], user="ana")
    with seeded.connect() as conn:
        back = knowledge.get_entity(conn, "Belarus")
        assert back["id"] == belarus and back["mentions"] >= 1
        assert "Belarus" not in knowledge.get_entity(conn, "Minsk")["aliases"]
        assert before >= 1


def test_split_alias_becomes_its_own_entity_and_stays_split(seeded: Store) -> None:
    with seeded.connect() as conn:
        luka = knowledge.get_entity(conn, "Alexander Lukashenko", kind="person")
    assert "Lukashenko" in luka["aliases"]
    with seeded.begin() as conn:
        entry = corr.split_entity(conn, luka["id"], "Lukashenko", user="ana")
        new_id = entry["new"]["entity"]
        assert conn.execute(select(func.count()).where(t.mentions.c.entity_id == new_id)).scalar_one() >= 1
        reanalyze_article(conn, _article_id(seeded, "https://example.test/a"))
        bare = conn.execute(select(t.mentions.c.entity_id).where(t.mentions.c.text == "Lukashenko")).scalars().all()
        assert bare and set(bare) == {new_id}
        with pytest.raises(UsageError, match="has no alias"):
            corr.split_entity(conn, luka["id"], "Lukashenka Sr", user="ana")
        corr.undo(conn, entry["entry"], user="ana")
        assert conn.execute(select(t.entities.c.id).where(t.entities.c.id == new_id)).first() is None
        assert set(conn.execute(select(t.mentions.c.entity_id).where(t.mentions.c.text == "Lukashenko")).scalars()) == {
            luka["id"]
        }


def test_edit_entity_kind_alias_wikidata_and_undo(seeded: Store) -> None:
    with seeded.begin() as conn:
        ent = knowledge.get_entity(conn, "Vladimir Putin")
        entries = corr.edit_entity(
            conn, ent["id"], user="ana", kind="org", add_aliases=["V. V. Putin"], wikidata="q7747"
        )
        assert {e["field"] for e in entries} == {"kind", "aliases", "wikidata"}
        row = knowledge.get_entity(conn, "V. V. Putin")
        assert (row["id"], row["kind"], row["wikidata"]) == (ent["id"], "org", "Q7747")
        assert row["corrected"]["kind"]["machine"] == "person"
        with pytest.raises(UsageError, match="invalid Wikidata id"):
            corr.edit_entity(conn, ent["id"], user="ana", wikidata="7747")
        with pytest.raises(UsageError, match="unknown entity kind"):
            corr.edit_entity(conn, ent["id"], user="ana", kind="robot")
        for e in reversed(entries):
            corr.undo(conn, e["entry"], user="ana")
        row = knowledge.get_entity(conn, "Vladimir Putin")
        assert (row["kind"], row["wikidata"]) == ("person", None) and "V. V. Putin" not in row["aliases"]
        assert not row["corrected"]


def test_edit_quote_speaker(seeded: Store) -> None:
    with seeded.begin() as conn:
        quotes = knowledge.list_quotes(conn)
        assert quotes
        q = quotes[0]
        entry = corr.edit_quote(conn, q["id"], user="ana", speaker="Vladimir Putin")
        (after,) = [x for x in knowledge.list_quotes(conn) if x["id"] == q["id"]]
        assert after["speaker"] == "Vladimir Putin" and after["corrected"]["speaker"]["by"] == "ana"
        corr.undo(conn, entry["entry"], user="ana")
        (back,) = [x for x in knowledge.list_quotes(conn) if x["id"] == q["id"]]
        assert back["speaker"] == q["speaker"]


def test_edit_article_metadata_updates_what_derives_from_it(seeded: Store) -> None:
    aid = _article_id(seeded, "https://example.test/a")
    with seeded.begin() as conn:
        entries = corr.edit_article(conn, aid, user="ana", outlet="BelTA", published="2024-12-07T10:00:00+03:00")
        assert {e["field"] for e in entries} == {"outlet", "published"}
        row = conn.execute(select(t.articles).where(t.articles.c.id == aid)).one()
        # Stored as the ingest stores dates: UTC, with the source's offset beside it.
        assert row.outlet == "BelTA" and row.published.startswith("2024-12-07T07:00") and row.published_offset == 180
        reported = set(conn.execute(select(t.events.c.reported).where(t.events.c.article_id == aid)).scalars())
        assert reported == {"2024-12-07T10:00:00+03:00"}
        with pytest.raises(UsageError, match="invalid --published"):
            corr.edit_article(conn, aid, user="ana", published="last Friday")
        with pytest.raises(UsageError, match="already has the URL"):
            corr.edit_article(conn, aid, user="ana", url="https://example.test/b")
        for e in reversed(entries):
            corr.undo(conn, e["entry"], user="ana")
        row = conn.execute(select(t.articles).where(t.articles.c.id == aid)).one()
        assert row.outlet == "Minsk Ledger" and row.published.startswith("2024-12-06") and not row.corrected


def test_delete_article_removes_everything_and_is_not_stored_back(seeded: Store, tmp_path: Path) -> None:
    aid = _article_id(seeded, "https://example.test/a")
    with seeded.begin() as conn:
        entry = corr.delete_article(conn, aid, user="ana")
        for table in (t.articles, t.events, t.mentions, t.copy_items, t.story_members, t.event_mentions):
            column = table.c.id if table is t.articles else table.c.article_id
            assert conn.execute(select(func.count()).where(column == aid)).scalar_one() == 0
        assert conn.execute(select(func.count()).select_from(t.event_clusters)).scalar_one() >= 0
        empty = conn.execute(
            select(func.count())
            .select_from(t.event_clusters)
            .where(
                ~select(t.event_mentions.c.cluster_id)
                .where(t.event_mentions.c.cluster_id == t.event_clusters.c.id)
                .exists()
            )
        ).scalar_one()
        assert empty == 0
    report = ingest([tmp_path / "a.json"], seeded)
    assert report.summary()["deleted"] == 1 and report.summary()["new"] == 0
    with seeded.begin() as conn:
        corr.undo(conn, entry["entry"], user="ana")
    assert ingest([tmp_path / "a.json"], seeded).summary()["new"] == 1


def test_ingest_update_applies_metadata_and_plain_ingest_says_it_did_not(seeded: Store, tmp_path: Path) -> None:
    _item(tmp_path / "a3.json", REQUEST, url="https://example.test/a", published="2024-12-06", outlet="BelTA")
    plain = ingest([tmp_path / "a3.json"], seeded)
    assert plain.summary()["duplicates"] == 1
    assert any("--update" in w and "BelTA" in w for w in plain.warnings)
    updated = ingest([tmp_path / "a3.json"], seeded, update_metadata=True, user="ana")
    assert updated.summary()["updated"] == 1
    aid = _article_id(seeded, "https://example.test/a")
    with seeded.connect() as conn:
        assert conn.execute(select(t.articles.c.outlet).where(t.articles.c.id == aid)).scalar_one() == "BelTA"
        (entry,) = corr.list_log(conn)
    assert (entry["action"], entry["field"], entry["old"], entry["new"]) == (
        "update",
        "outlet",
        "Minsk Ledger",
        "BelTA",
    )


def test_notes_and_tags_follow_an_event_through_reanalysis(seeded: Store) -> None:
    event = _request_event(seeded)
    with seeded.begin() as conn:
        n = corr.note(conn, "event", event["id"], "confirmed by a second channel", user="ana")
        corr.tag(conn, "event", event["id"], "key-event", user="ana")
        with pytest.raises(UsageError, match="already tagged"):
            corr.tag(conn, "event", event["id"], "key-event", user="ana")
        with pytest.raises(UsageError, match="invalid tag"):
            corr.tag(conn, "event", event["id"], "two words", user="ana")
        reanalyze_article(conn, event["article_id"])
        new_id = next(e["id"] for e in knowledge.list_events(conn) if e["kind"] == "REQUEST")
        notes = corr.annotations_for(conn, "event", [new_id])[new_id]
        assert notes["tags"] == ["key-event"] and notes["notes"][0]["text"] == "confirmed by a second channel"
        corr.undo(conn, n["entry"], user="ana")
        assert corr.annotations_for(conn, "event", [new_id])[new_id]["notes"] == []


def test_user_comes_from_option_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_USER", "envuser")
    assert corr.current_user("cli") == "cli"
    assert corr.current_user(None) == "envuser"
    monkeypatch.delenv("DOSSIER_USER")
    assert corr.current_user(None)  # the OS user, never empty


runner = CliRunner()


def _cli(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def test_seed_story_as_an_analyst_uses_it(tmp_path: Path) -> None:
    """Reject one event, merge two spellings of a name, correct a date; the timeline shows it all."""
    db = f"sqlite:///{tmp_path / 's.db'}"
    corpus = Path(__file__).resolve().parent.parent / "samples" / "corpus"
    _cli("ingest", str(corpus), "--db", db)
    events = [json.loads(x) for x in _cli("events", "--db", db, "--json").stdout.splitlines()]
    combat = next(e for e in events if e["kind"] == "EQUIPMENT_COMBAT_DUTY" and e["date"])
    contrary = next(e for e in events if "Contrary" in e["actors"] or e["kind"] == "DISAPPROVE")
    entities = [json.loads(x) for x in _cli("entities", "--db", db, "--json").stdout.splitlines()]
    # Two spellings the machine kept apart, if any; else any two places (the mechanism is the point).
    places = [e for e in entities if e["kind"] == "place"]
    khrenin = [e for e in entities if "Хренин" in e["name"] or e["name"] == "Victor Khrenin"]
    keep, other = (khrenin[:2] if len(khrenin) >= 2 else places[:2])

    _cli("reject", "event", str(contrary["id"]), "--db", db, "--user", "ana", "--note", "not an actor")
    _cli("merge", str(keep["id"]), str(other["id"]), "--db", db, "--user", "ana")
    _cli("edit", "event", str(combat["id"]), "--date", "2025-12-16", "--db", db, "--user", "ana")

    merged = [json.loads(x) for x in _cli("entities", "--db", db, "--json").stdout.splitlines()]
    assert other["id"] not in {e["id"] for e in merged}
    shown = _cli("timeline", "Oreshnik", "--db", db).stdout
    assert "date corrected by ana" in shown and "2025-12-16" in shown
    entries = [json.loads(x) for x in _cli("timeline", "Oreshnik", "--db", db, "--json").stdout.splitlines()]
    assert all(str(contrary["id"]) != str(e["id"]) for e in entries)
    log = [json.loads(x) for x in _cli("log", "--db", db, "--json").stdout.splitlines()]
    assert [r["action"] for r in log] == ["edit", "merge", "reject"] and {r["user"] for r in log} == {"ana"}
    # Re-ingesting the corpus changes none of it.
    _cli("ingest", str(corpus), "--db", db)
    assert "date corrected by ana" in _cli("timeline", "Oreshnik", "--db", db).stdout
    _cli("undo", str(log[0]["entry"]), "--db", db, "--user", "ana")
    assert "date corrected by ana" not in _cli("timeline", "Oreshnik", "--db", db).stdout


def test_cli_errors_are_clear(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'e.db'}"
    result = runner.invoke(app, ["reject", "event", "999", "--db", db])
    assert result.exit_code == 2 and "no event with id 999" in result.stderr and "dossier events" in result.stderr
    result = runner.invoke(app, ["undo", "5", "--db", db])
    assert result.exit_code == 2 and "no log entry 5" in result.stderr
    result = runner.invoke(app, ["edit", "article", "1", "--db", db])
    assert result.exit_code == 2 and "nothing to change" in result.stderr


def test_an_analysts_kind_outlives_the_majority_vote(seeded: Store) -> None:
    with seeded.begin() as conn:
        minsk = knowledge.get_entity(conn, "Minsk")
        corr.edit_entity(conn, minsk["id"], user="ana", kind="org")
        reanalyze_article(conn, _article_id(seeded, "https://example.test/a"))
        again = knowledge.get_entity(conn, "Minsk")
    assert (again["id"], again["kind"]) == (minsk["id"], "org")
