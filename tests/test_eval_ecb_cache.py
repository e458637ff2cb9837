"""eval/ecbplus.py --cache: analyses cached under one version of the analysis stages are not reused by another.

The cache was keyed by document name and text only, so a run after a change to
an analysis stage scored the old stage's analyses unless someone remembered to
delete the file.  The key now carries a hash of the stages' files.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))

import ecbplus


class _CountingAnalyzer:
    runs = 0

    def pipe(self, articles: list[Any]) -> list[tuple[Any, str]]:
        _CountingAnalyzer.runs += 1
        return [(a, f"analysis {_CountingAnalyzer.runs}") for a in articles]


def test_a_changed_stage_is_analysed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dossier.analyze.pipeline as pipeline

    monkeypatch.setattr(pipeline, "Analyzer", _CountingAnalyzer)
    doc = ecbplus.Doc(name="1_1ecb.xml", topic=1, sub="ecb", text="A storm hit the coast.", sentences=[], events=[])
    cache = tmp_path / "analyses.pkl"
    monkeypatch.setattr(ecbplus, "_analysis_fingerprint", lambda: "stage-v1")
    assert ecbplus._analyses([doc], cache) == {doc.name: "analysis 1"}
    assert ecbplus._analyses([doc], cache) == {doc.name: "analysis 1"}  # reused
    monkeypatch.setattr(ecbplus, "_analysis_fingerprint", lambda: "stage-v2")
    assert ecbplus._analyses([doc], cache) == {doc.name: "analysis 2"}


def test_the_fingerprint_is_stable_and_short() -> None:
    assert ecbplus._analysis_fingerprint() == ecbplus._analysis_fingerprint()
    assert len(ecbplus._analysis_fingerprint()) == 16
