"""One real-world event, one timeline entry (issue #10): reports that event coreference joined.

A court story says "the court arrested X" and, paragraphs later, "X was detained at the airport".
Coreference ties the two mentions into one cluster, and each one's sources list the other; the
timeline showed them as two entries, each citing both sentences.  Here reports of one cluster (and
one polarity) are one entry, whose sources are the union and whose date is the one most reports give;
reports that coreference did not join stay apart.  The kept pages and kept whole timelines give what a
build gives.  Texts are invented (Harwick, Brindle; Верхнереченск, Пастухов).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.resolve.timeline import build_timeline
from dossier.store import Store, knowledge, timeline_cache, timeline_entries
from dossier.store.filters import NO_FILTERS

runner = CliRunner()


def rec(sentence: str, date: str | None, actors: list[str], **kw: Any) -> dict[str, Any]:
    """An arrest report of article 1 as the store gives it (``cluster_id`` when coreference joined it)."""
    return {
        "id": kw.pop("id", hash(sentence) % 10_000),
        "kind": "COERCE",
        "date": date,
        "date_text": date,
        "reported": "2026-05-14",
        "actors": actors,
        "targets": ["Tom Brindle"],
        "equipment": [],
        "modality": "asserted",
        "article_id": 1,
        "sentence_text": sentence,
        "start": 0,
        "end": 5,
        **kw,
    }


ARRESTED = "A district court in Harwick on Wednesday arrested Tom Brindle."
DETAINED = "Brindle was detained at Harwick airport."
#: How the store marks an undated report of a cluster that took the date its coreferent reports give.
BORROWED = {"date_from": "coreferent report"}


def test_reports_coreference_joined_are_one_entry_citing_both() -> None:
    court = rec(ARRESTED, "2026-05-13", ["court"], modality="reported")
    held = rec(DETAINED, "2026-05-13", [], **BORROWED)
    # Not joined (no cluster): two entries, as before; joined: one.
    assert len(build_timeline([dict(court), dict(held)])) == 2
    [entry] = build_timeline([{**court, "cluster_id": 7}, {**held, "cluster_id": 7}])
    assert [s["sentence"] for s in entry["sources"]] == [ARRESTED, DETAINED]
    assert entry["date"] == "2026-05-13" and entry["actors"] == ["court"] and entry["merged_reports"] == 2
    assert entry["modality"] == "reported" and "cluster_id" not in entry and "_clusters" not in entry
    assert "date_from" not in entry  # the court report gives the date in its own words


def test_reports_of_other_clusters_or_of_the_other_polarity_stay_apart() -> None:
    court = rec(ARRESTED, "2026-05-13", ["court"])
    held = rec(DETAINED, "2026-05-13", [], **BORROWED)
    assert len(build_timeline([{**court, "cluster_id": 7}, {**held, "cluster_id": 8}])) == 2
    # A cluster holds "detained" and "not detained" alike: two claims, two entries.
    denied = {**held, "modality": "negated", "cluster_id": 7}
    entries = build_timeline([{**court, "cluster_id": 7}, denied])
    assert sorted(e["modality"] for e in entries) == ["asserted", "negated"]


def test_the_joined_entry_takes_the_date_most_reports_give() -> None:
    reports = [
        rec("The court arrested Brindle on 13 May.", "2026-05-13", ["court"], cluster_id=3),
        rec("Judges jailed Brindle on 13 May.", "2026-05-13", ["judges"], cluster_id=3),
        rec("Brindle was detained in May.", "2026-05", ["police"], cluster_id=3),
        rec("Brindle was held.", "2026-05-13", [], cluster_id=3, date_from="coreferent report"),
    ]
    [entry] = build_timeline(reports)
    assert entry["date"] == "2026-05-13" and len(entry["sources"]) == 4
    assert "date_from" not in entry  # two reports give the day in their own words
    # A date only borrowed stays marked as borrowed.
    alone = [reports[3], {**reports[2], "date": None, "date_text": None}]
    [entry] = build_timeline(alone)
    assert entry["date"] == "2026-05-13" and entry["date_from"] == "coreferent report"


def test_an_undated_report_goes_to_its_own_cluster_not_to_its_actors_latest_event() -> None:
    """Filed under the court's fine of the day before (the older rule for undated reports), the
    court's undated report would have made the join fuse the fine with the arrest."""
    fined = rec("The court fined Brindle on Tuesday.", "2026-05-12", ["court"], cluster_id=1)
    held = rec("Police detained Brindle on Wednesday.", "2026-05-13", ["police"], cluster_id=2)
    again = rec("The court had Brindle held.", None, ["court"], cluster_id=2)
    entries = build_timeline([fined, held, again])
    assert [(e["date"], len(e["sources"])) for e in entries] == [("2026-05-12", 1), ("2026-05-13", 2)]


def test_a_join_is_transitive_through_reports_merged_by_the_older_rules() -> None:
    """A report of clusters 1 and 2 alike (two identical claims) ties both clusters' entries."""
    a = rec("The court arrested Brindle.", "2026-05-13", ["court"], cluster_id=1)
    b1 = rec("Police detained Brindle.", "2026-05-13", ["police"], cluster_id=1, article_id=2)
    b2 = rec("Police detained Brindle.", "2026-05-13", ["police"], cluster_id=2, article_id=3)
    c = rec("Brindle was held at the airport.", "2026-05-13", [], cluster_id=2, article_id=4, **BORROWED)
    [entry] = build_timeline([a, b1, b2, c])
    assert len(entry["sources"]) == 4
    # Without the shared claim the two clusters stay two entries.
    assert len(build_timeline([a, b1, c])) == 2


# -- as a user runs it: ingest, then `dossier timeline` ------------------------------------

COURT_EN = """Court jails former deputy mayor of Harwick

HARWICK, May 14 - A district court in Harwick on Wednesday arrested former deputy mayor Tom Brindle \
on bribery charges, the court's press office said.

Investigators say Brindle took 200,000 pounds from a developer in exchange for a building permit.

Brindle was detained at Harwick airport as he tried to board a flight to Lisbon.

His lawyer said the defence would appeal.
"""
OTHER_OUTLET = {
    "title": "Ex-official held",
    "text": "A former Harwick deputy mayor, Tom Brindle, was arrested by a district court on Wednesday "
    "over a bribe, the Harwick Chronicle reported. Brindle denies wrongdoing.",
    "outlet": "Harwick Chronicle",
    "url": "https://chronicle.example/brindle",
    "published": "2026-05-14T18:00:00+00:00",
}
COURT_RU = """Суд арестовал бывшего замглавы Верхнереченска

ВЕРХНЕРЕЧЕНСК, 14 мая - Районный суд Верхнереченска в среду арестовал бывшего заместителя главы \
города Игоря Пастухова по делу о мошенничестве, сообщили в суде.

По данным следствия, Пастухов похитил из бюджета восемь миллионов рублей.

Пастухов был задержан на вокзале, когда садился в поезд до Москвы.
"""


@pytest.fixture(scope="module")
def court_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("court")
    (folder / "2026-05-14-en-court.txt").write_text(COURT_EN, "utf-8")
    (folder / "2026-05-14-ru-court.txt").write_text(COURT_RU, "utf-8")
    (folder / "chronicle.jsonl").write_text(json.dumps(OTHER_OUTLET) + "\n", "utf-8")
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'court.db'}"
    result = runner.invoke(app, ["ingest", str(folder), "--db", url])
    assert result.exit_code == 0, result.output
    return url


def _timeline(url: str, subject: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["timeline", subject, "--db", url, "--json"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def _arrests(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in entries if e.get("kind") == "COERCE"]


def test_one_arrest_reported_twice_in_one_article_is_one_entry(court_db: str) -> None:
    [arrest] = _arrests(_timeline(court_db, "Пастухов"))
    sentences = [s["sentence"] for s in arrest["sources"]]
    assert len(sentences) == 2 and "арестовал" in sentences[0] and "задержан" in sentences[1]
    assert arrest["date"] == "2026-05-13"  # "в среду" before Thursday 14 May
    assert (arrest["source_count"], arrest["independent_sources"]) == (2, 1)


def test_one_arrest_in_two_articles_is_one_entry_with_both_sources(court_db: str) -> None:
    [arrest] = _arrests(_timeline(court_db, "Brindle"))
    by_article: dict[int, list[str]] = {}
    for s in arrest["sources"]:
        by_article.setdefault(s["article_id"], []).append(s["sentence"])
    assert sorted(len(v) for v in by_article.values()) == [1, 2]  # the story's two sentences, the other's one
    assert any("detained" in s for v in by_article.values() for s in v)
    assert (arrest["source_count"], arrest["independent_sources"]) == (3, 2)
    assert arrest["date"] == "2026-05-13"


PAGES: list[dict[str, Any]] = [
    {},
    {"limit": 1},
    {"limit": 1, "offset": 1},
    {"newest": True, "limit": 2},
    {"sources_limit": 1},
    {"sources_limit": None},
]


def _built(store: Store, subject: str, **kw: Any) -> dict[str, Any]:
    args = {"limit": knowledge.TIMELINE_PAGE, "offset": 0, "newest": False, "sources_limit": knowledge.SOURCES_SHOWN}
    with store.connect() as conn:
        ids = knowledge.find_entity_ids(conn, subject)
        return knowledge._build_timeline(conn, ids, NO_FILTERS, **{**args, **kw})


def _read(store: Store, subject: str, **kw: Any) -> dict[str, Any]:
    with store.connect() as conn:
        return knowledge.timeline(conn, subject, **kw)


@pytest.mark.parametrize("subject", ["Brindle", "Пастухов"])
def test_kept_pages_and_kept_timelines_give_the_joined_entry(
    court_db: str, subject: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(court_db)
    try:
        with store.begin() as conn:  # start from nothing kept (the CLI reads above kept pages)
            timeline_cache.clear(conn)
            timeline_entries.clear(conn)
        for kw in PAGES:  # kept pages: the first read keeps, the second serves
            first, again = _read(store, subject, **kw), _read(store, subject, **kw)
            assert first == again == _built(store, subject, **kw), kw
        assert len(_arrests(_read(store, subject, limit=None)["entries"])) == 1
        # Kept whole timelines, in blocks of one entry.
        monkeypatch.setattr(timeline_entries, "MIN_EVENTS", 1)
        monkeypatch.setattr(timeline_entries, "BLOCK", 1)
        with store.begin() as conn:
            timeline_cache.clear(conn)
        _read(store, subject)  # builds its page and queues the subject: the catch-up keeps it whole
        with store.connect() as conn:
            assert timeline_entries.catch_up(conn)
        for kw in PAGES:
            args = {"limit": knowledge.TIMELINE_PAGE, "offset": 0, "newest": False, "sources_limit": 10, **kw}
            with store.connect() as conn:
                served = timeline_entries.read_page(conn, knowledge.find_entity_ids(conn, subject), **args)
            if args["sources_limit"] is None:
                assert served is None  # every source: built
                continue
            assert served is not None and served == _built(store, subject, **kw), kw
    finally:
        store.dispose()


def test_a_kept_timeline_rebuilt_by_a_later_batch_joins_the_new_report(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The court story is kept whole; the other outlet's report, ingested later, joins its cluster:
    the batch's rebuild (through the window records earlier builds kept) serves one arrest entry."""
    monkeypatch.setattr(timeline_entries, "MIN_EVENTS", 1)
    monkeypatch.setattr(timeline_entries, "BLOCK", 1)
    first, later = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("later")
    (first / "2026-05-14-en-court.txt").write_text(COURT_EN, "utf-8")
    (later / "chronicle.jsonl").write_text(json.dumps(OTHER_OUTLET) + "\n", "utf-8")
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'court.db'}"
    assert runner.invoke(app, ["ingest", str(first), "--db", url]).exit_code == 0
    store = Store(url)
    try:
        [arrest] = _arrests(_read(store, "Brindle")["entries"])  # kept whole by the ingest (enrolled)
        assert arrest["source_count"] == 2
        assert runner.invoke(app, ["ingest", str(later), "--db", url]).exit_code == 0
        with store.connect() as conn:
            args = {"limit": knowledge.TIMELINE_PAGE, "offset": 0, "newest": False, "sources_limit": 10}
            served = timeline_entries.read_page(conn, knowledge.find_entity_ids(conn, "Brindle"), **args)
        assert served is not None and served == _built(store, "Brindle")
        [arrest] = _arrests(served["entries"])
        assert (arrest["source_count"], arrest["independent_sources"]) == (3, 2)
    finally:
        store.dispose()


def test_two_speakers_statements_in_one_cluster_stay_two_claims() -> None:
    """Coreference keys statements on their story and subject; what two people said is two claims,
    dated or not, while a statement by nobody named still joins its cluster."""
    mayor = rec("Mayor Olsen said on Tuesday the bridge would reopen.", "2026-05-12", ["Olsen"], kind="STATEMENT")
    rival = rec("Councillor Vega said the bridge would stay shut.", None, ["Vega"], kind="STATEMENT")
    again = rec("Olsen repeated that the bridge would reopen.", None, ["Olsen"], kind="STATEMENT")
    unnamed = rec("It was said the bridge would reopen.", None, [], kind="STATEMENT")
    for undated_rival in (rival, {**rival, "date": "2026-05-12"}):
        entries = build_timeline([{**e, "cluster_id": 3} for e in (mayor, undated_rival, again, unnamed)])
        by_speaker = {e["actors"][0] if e["actors"] else "": e for e in entries}
        assert sorted(by_speaker) == ["Olsen", "Vega"]
        assert by_speaker["Olsen"]["merged_reports"] == 3  # the mayor twice and the unnamed report
