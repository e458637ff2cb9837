"""Patterns added for speakers' titles stay linear on hostile input: a 100 kB run of blanks between
a name and a speaker phrase must not cost seconds (two repeats sharing one run of spaces did)."""

from __future__ import annotations

import time

import pytest

from dossier.analyze.attribution.speakers import _TITLE_GAP_RE
from dossier.analyze.eventing.extract import _TITLE_GAP


@pytest.mark.parametrize("gap", [" " * 100_000 + "!", "\t \n" * 33_000 + ".", "word " * 20_000 + ";"])
def test_title_gaps_are_linear_on_long_blank_runs(gap: str) -> None:
    started = time.perf_counter()
    assert _TITLE_GAP.fullmatch(gap) is None
    assert _TITLE_GAP_RE.fullmatch(gap) is None
    assert time.perf_counter() - started < 0.2


@pytest.mark.parametrize(
    ("gap", "fits"),
    [("» ", True), ("'s chief executive, ", True), (" chief executive ", True), (", ", True), (" said: ", False)],
)
def test_title_gap_still_reads_titles_and_appositions(gap: str, fits: bool) -> None:
    assert (_TITLE_GAP.fullmatch(gap) is not None) is fits


def test_line_breaks_are_found_in_linear_time_on_long_blank_runs() -> None:
    from dossier.analyze.nlp import _NEWLINES

    text = "Coastal Rail" + " " * 100_000 + "said.\n\nNext line" + " \t" * 30_000 + "\n end"
    started = time.perf_counter()
    spans = [m.span() for m in _NEWLINES.finditer(text)]
    assert time.perf_counter() - started < 0.2
    assert len(spans) == 2 and text[spans[0][0] : spans[0][1]] == "\n\n"
