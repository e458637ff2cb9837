"""``dossier reanalyze`` prints an analysis error as one plain line: the error may quote the
article (untrusted text), so its control sequences never reach the terminal."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest

from dossier.ingest import Defaults
from dossier.ingest.job import ingest
from dossier.store import Store


class _FailsQuoting:
    """An executor whose analyses fail with an error that quotes hostile text."""

    workers = 1

    def submit(self, articles: list) -> Any:
        future: Future = Future()
        future.set_result([(None, "bad token '\x1b]0;owned\x07\x1b[2J'\nsecond line") for _a in articles])
        return future

    def close(self) -> None:
        pass


def test_reanalyze_warning_is_one_clean_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    import dossier.ingest.reanalysis as reanalysis
    from dossier.cli import app

    (tmp_path / "note.txt").write_text("Harbour note\n\nThe ferry left the quay at noon on Friday.\n")
    url = f"sqlite:///{tmp_path / 'w.db'}"
    ingest([tmp_path], Store(url), analyze=False, defaults=Defaults(origin="", published=None))
    monkeypatch.setattr(reanalysis, "open_analysis", lambda store, workers, scheduler: (_FailsQuoting(), False))
    result = CliRunner().invoke(app, ["reanalyze", "--db", url, "--workers", "0"])
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "analysis failed (bad token" in warnings[0] and "second line" in warnings[0]
