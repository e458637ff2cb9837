"""Plugins through entry points: Dossier's own parts and a distribution from outside the package (issue #15).

The outside plugin is a real (tiny) distribution: a module and a ``.dist-info``
folder with ``entry_points.txt``, put on ``sys.path`` the way pip would install
it, so discovery goes through ``importlib.metadata`` exactly as for an
installed package.
"""

from __future__ import annotations

import json
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.plugins import BUILTIN, EXPORTERS_GROUP, READERS_GROUP, STAGES_GROUP, discover, stage_specs

runner = CliRunner()
REPO = Path(__file__).resolve().parent.parent

PLUGIN = '''
"""A plugin from outside Dossier: a reader, a stage and an exporter."""

from dossier.export import ExportResult
from dossier.ingest import Reader
from dossier.model import Article, Mention


def read_memo(data, defaults):
    """A ".memo" file: "title|text" per line."""
    for n, line in enumerate(data.decode("utf-8").splitlines()):
        if line.strip():
            title, _, text = line.partition("|")
            yield Article(text=text.strip(), title=title.strip(), origin=f"{defaults.origin}#{n}", format="memo")


MEMO_READER = Reader("memo", (".memo",), read_memo)


class WidgetStage:
    """Marks every "Widgetron" as an equipment mention."""

    name = "widgets"

    def __call__(self, batch):
        for ctx in batch:
            start = ctx.article.text.find("Widgetron")
            if start >= 0:
                ctx.analysis.mentions.append(
                    Mention(text="Widgetron", start=start, end=start + 9, kind="equipment", entity="Widgetron")
                )


class CountExporter:
    name = "count"
    description = "how many articles"
    layout = "file"
    suffix = ".txt"

    def export(self, conn, selection, target):
        from sqlalchemy import func, select

        from dossier.store import schema as t

        q = select(func.count()).select_from(t.articles).where(selection.where_article(t.articles.c.id))
        n = conn.execute(q).scalar_one()
        with target.open_text() as fh:
            fh.write(f"{n} articles\\n")
        return ExportResult("count", paths=[target.name], counts={"articles": n})
'''

ENTRY_POINTS = """
[dossier.readers]
memo = dossier_memo_plugin:MEMO_READER

[dossier.stages]
widgets = dossier_memo_plugin:WidgetStage

[dossier.exporters]
count = dossier_memo_plugin:CountExporter
"""


@pytest.fixture
def memo_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    site = tmp_path / "site-packages"
    info = site / "dossier_memo_plugin-0.1.dist-info"
    info.mkdir(parents=True)
    (site / "dossier_memo_plugin.py").write_text(textwrap.dedent(PLUGIN), "utf-8")
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: dossier-memo-plugin\nVersion: 0.1\n", "utf-8")
    (info / "entry_points.txt").write_text(ENTRY_POINTS, "utf-8")
    monkeypatch.syspath_prepend(str(site))
    yield site
    sys.modules.pop("dossier_memo_plugin", None)
    from dossier.ingest import READERS

    READERS.pop("memo", None)


def test_builtins_are_declared_in_pyproject_as_entry_points() -> None:
    declared = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["entry-points"]
    assert {group: dict(entries) for group, entries in declared.items()} == BUILTIN


def test_builtin_stages_are_the_default_pipeline() -> None:
    from dossier.analyze.pipeline import DEFAULT_STAGES

    assert tuple(BUILTIN[STAGES_GROUP].values()) == DEFAULT_STAGES
    assert stage_specs()[: len(DEFAULT_STAGES)] == DEFAULT_STAGES


def test_every_builtin_plugin_loads() -> None:
    from dossier.ingest import Reader

    readers = [p.load() for p in discover(READERS_GROUP) if p.builtin]
    assert all(isinstance(r, Reader) for r in readers)
    for plugin in discover(EXPORTERS_GROUP):
        exporter = plugin.load()()
        assert exporter.name == plugin.name and exporter.layout in ("file", "directory")


def test_a_plugin_cannot_take_a_builtin_name(memo_plugin: Path) -> None:
    (memo_plugin / "dossier_memo_plugin-0.1.dist-info" / "entry_points.txt").write_text(
        "[dossier.readers]\ntext = dossier_memo_plugin:MEMO_READER\n", "utf-8"
    )
    from dossier.plugins import active

    text = [p for p in active(READERS_GROUP) if p.name == "text"]
    assert len(text) == 1 and text[0].builtin
    listed = [p for p in discover(READERS_GROUP) if p.name == "text"]
    assert len(listed) == 2  # shown by `dossier plugins`, but the built-in wins


def test_outside_plugin_end_to_end(memo_plugin: Path, tmp_path: Path) -> None:
    listed = json.loads("[" + ",".join(runner.invoke(app, ["plugins", "--json", "--check"]).stdout.splitlines()) + "]")
    mine = {(p["group"], p["name"]): p for p in listed if p["dist"] == "dossier-memo-plugin"}
    assert set(mine) == {(READERS_GROUP, "memo"), (STAGES_GROUP, "widgets"), (EXPORTERS_GROUP, "count")}
    assert all(p["status"] == "ok" and not p["builtin"] for p in mine.values())
    assert stage_specs()[-1] == "dossier_memo_plugin:WidgetStage"

    inputs = tmp_path / "notes.memo"
    inputs.write_text("First | The first memo.\nSecond | The second memo.\n", "utf-8")
    db = str(tmp_path / "p.db")
    result = runner.invoke(app, ["ingest", str(inputs), "--db", db, "--no-analyze", "--json"])
    assert result.exit_code == 0, result.stderr
    stored = [json.loads(line) for line in result.stdout.splitlines() if '"article"' in line]
    assert [r["title"] for r in stored] == ["First", "Second"] and stored[0]["format"] == "memo"

    out = tmp_path / "count.txt"
    result = runner.invoke(app, ["export", "count", "--db", db, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_text("utf-8") == "2 articles\n"


@pytest.mark.model
def test_outside_stage_runs_in_the_analysis(memo_plugin: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "w.memo"
    inputs.write_text("Widgets | Minsk said the Widgetron arrived in Belarus on Friday.\n", "utf-8")
    db = str(tmp_path / "w.db")
    assert runner.invoke(app, ["ingest", str(inputs), "--db", db]).exit_code == 0
    result = runner.invoke(app, ["entities", "--db", db, "--kind", "equipment", "--json"])
    names = [json.loads(line)["name"] for line in result.stdout.splitlines()]
    assert "Widgetron" in names


def test_broken_plugin_is_named(memo_plugin: Path) -> None:
    (memo_plugin / "dossier_memo_plugin-0.1.dist-info" / "entry_points.txt").write_text(
        "[dossier.exporters]\nbroken = dossier_memo_plugin:NoSuchThing\n", "utf-8"
    )
    result = runner.invoke(app, ["export", "broken", "--db", str(memo_plugin / "x.db")])
    assert result.exit_code == 1
    assert "broken" in result.stderr and "dossier-memo-plugin" in result.stderr and "Traceback" not in result.stderr
