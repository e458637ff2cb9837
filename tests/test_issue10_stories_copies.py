"""Issue 10: stories follow developments across languages; copies show exact duplicates."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from dossier.resolve.stories import StoryIndex

FILLER = [
    ("Flood waters cut off three villages near the river after heavy rain.", ["Kestrel River"], "2025-04-14"),
    ("The central bank left its main interest rate unchanged at 4.75%.", ["Central Bank"], "2025-05-02"),
    ("A football club appointed a new coach after a run of defeats.", ["Borovia United"], "2025-05-10"),
]


def test_report_in_another_language_joins_the_story_and_a_late_one_does_not() -> None:
    index = StoryIndex()
    for n, (text, ents, day) in enumerate(FILLER):
        index.add(f"f{n}", text, datetime.fromisoformat(day).replace(tzinfo=UTC), ents, [day])
    en = index.add(
        "en",
        "Arland says the Falcon-9M complex is now on combat duty, the defence minister told the president.",
        datetime(2025, 12, 17, tzinfo=UTC),
        ["Arland", "Falcon-9M", "Ivan Petrov"],
        ["2025-12-17"],
    )
    ru = index.add(
        "ru",
        "Комплекс заступил на боевое дежурство, доложил министр обороны главе государства.",
        datetime(2025, 12, 18, tzinfo=UTC),
        ["Arland", "Falcon-9M", "Ivan Petrov"],
        ["2025-12-17"],
    )
    assert ru == en
    later = index.add(
        "later",
        "Arland held a parade in the capital with tanks and the Falcon-9M complex.",
        datetime(2026, 5, 9, tzinfo=UTC),
        ["Arland", "Falcon-9M"],
        ["2026-05-09"],
    )
    assert later != en  # five months later, another development


def _wide_english_story(index: StoryIndex) -> str:
    """An English story whose reports name many people and places a short Russian report will not."""
    for n, (text, ents, day) in enumerate(FILLER):
        index.add(f"f{n}", text, datetime.fromisoformat(day).replace(tzinfo=UTC), ents, [day])
    first = index.add(
        "en1",
        "Arland says the Falcon-9M complex is on combat duty, the defence minister told the president on"
        " Wednesday. The announcement follows months of preparation at the Harrow Pass base, where engineers"
        " installed launchers and crews trained through the autumn, according to the Kestrel Gazette.",
        datetime(2025, 12, 17, tzinfo=UTC),
        ["Arland", "Falcon-9M", "Ivan Petrov", "Anna Sidorova", "Kestrel Gazette", "Harrow Pass", "Marek Vol"],
        ["2025-12-17", "2025-09-25", "2025-11-02"],
    )
    second = index.add(
        "en2",
        "Officials in Borovia voiced concern a day after Arland put the Falcon-9M on combat duty. Lena Marsh,"
        " a spokeswoman for the Northern Alliance, said members would discuss the deployment at a meeting"
        " next month, while analysts questioned the timing of the announcement.",
        datetime(2025, 12, 18, tzinfo=UTC),
        ["Arland", "Falcon-9M", "Borovia", "Lena Marsh", "Northern Alliance", "Tess Orlin", "Ivan Petrov"],
        ["2025-12-17", "2025-12-18", "2026-01"],
    )
    assert first == second
    return first


def test_a_short_report_in_another_language_joins_a_wide_story_on_its_day_and_names() -> None:
    # Cosine over names and dates is low against a story that names many more; the report's own
    # names and day are what decide.
    index = StoryIndex()
    en = _wide_english_story(index)
    ru = index.add(
        "ru",
        "Министр доложил главе государства, что комплекс заступил на боевое дежурство, сообщает агентство.",
        datetime(2025, 12, 19, tzinfo=UTC),
        ["Arland", "Falcon-9M", "Ivan Petrov", "Arland", "Falcon-9M", "Vera Lind"],
        ["2025-12-17"],
    )
    assert ru == en


def test_same_names_on_another_day_or_without_a_date_start_their_own_story() -> None:
    index = StoryIndex()
    en = _wide_english_story(index)
    later = index.add(
        "ru-later",
        "Министр осмотрел комплекс на учениях.",
        datetime(2026, 2, 3, tzinfo=UTC),
        ["Arland", "Falcon-9M", "Ivan Petrov"],
        ["2026-02-03"],
    )
    undated = index.add(
        "ru-undated", "Министр осмотрел комплекс.", None, ["Arland", "Falcon-9M", "Ivan Petrov"], ["2025-12-17"]
    )
    other_day = index.add(
        "ru-other",
        "Министр осмотрел комплекс на полигоне.",
        datetime(2025, 12, 20, tzinfo=UTC),
        ["Arland", "Falcon-9M", "Ivan Petrov"],
        ["2025-12-20"],
    )
    assert en not in {later, undated, other_day}


def test_copies_lists_an_exact_duplicate_as_one_article_with_its_origins(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dossier.cli import app

    text = "Arland moved a battalion to the border on Monday, officials in Kestrel said.\n"
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("first.txt", "second.txt"):
        (inputs / name).write_text("Battalion at the border\n\n" + text, "utf-8")
    (inputs / "other.txt").write_text("Flood\n\nThe Kestrel river flooded three villages.\n", "utf-8")
    db = f"sqlite:///{tmp_path / 'd.db'}"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(inputs), "--db", db, "--no-analyze"])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["copies", "--db", db, "--json"])
    assert result.exit_code == 0, result.stderr
    chains = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    exact = [c for c in chains if c.get("exact_duplicate")]
    assert len(exact) == 1 and exact[0]["articles"] == 1
    assert sorted(Path(o["origin"]).name for o in exact[0]["original"]["origins"]) == ["first.txt", "second.txt"]
    shown = runner.invoke(app, ["copies", "--db", db])
    assert "exact duplicate: one article, 2 origins" in shown.stdout


# A port authority notice and a news site's rewording of it: sentences reordered, clauses moved,
# words replaced, every fact (dates, tonnage, berths, names) kept.
ORIGINAL = (
    "The port authority of Kestrel said on Thursday that the new container terminal would open on "
    "12 June after dredging of the northern channel was completed ahead of schedule. The terminal has "
    "four berths and can handle ships of up to 14,000 containers, according to the authority. Harbour "
    "master Ilse Brandt said pilots had finished trials with two large vessels last week and that night "
    "arrivals would be allowed from July. Fishermen complained that the works had closed the old slipway "
    "for three months, and the council promised a temporary ramp near the lighthouse."
)
PARAPHRASE = (
    "Pilots completed trials with two large vessels last week, harbour master Ilse Brandt indicated, "
    "and night arrivals will be permitted from July. Kestrel's port authority announced on Thursday "
    "that its new container terminal is to open on 12 June, since dredging of the northern channel was "
    "completed ahead of schedule. According to the authority, ships carrying up to 14,000 containers "
    "can be handled at the terminal's four berths. The old slipway was shut for three months by the "
    "works, fishermen complained, and a temporary ramp near the lighthouse was promised by the council."
)


def test_copies_lists_a_reworded_report_as_a_rewrite(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dossier.cli import app

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "ministry.txt").write_text("Air defence battalion at the border\n\n" + ORIGINAL + "\n", "utf-8")
    (inputs / "farm.txt").write_text("Missiles reach the frontier\n\n" + PARAPHRASE + "\n", "utf-8")
    db = f"sqlite:///{tmp_path / 'd.db'}"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(inputs), "--db", db, "--no-analyze"])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["copies", "--db", db, "--json"])
    assert result.exit_code == 0, result.stderr
    chains = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(chains) == 1 and chains[0]["articles"] == 2
    assert [c["kind"] for c in chains[0]["copies"]] == ["rewrite"]
    shown = runner.invoke(app, ["copies", "--db", db])
    assert "rewrite" in shown.stdout
