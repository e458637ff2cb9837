"""Tables for people: a column that no row fills is left out (and named), so narrow terminals keep
the long text readable."""

from __future__ import annotations

import pytest

from dossier import output


def test_a_column_empty_in_every_row_is_left_out_and_named(monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(output, "console", output.SafeConsole(width=80, force_terminal=False))
    monkeypatch.setattr(output, "err_console", output.SafeConsole(width=80, force_terminal=False, stderr=True))
    rows = [
        {"speaker": "Maxim Ryzhenkov", "text": "word " * 40, "via": None, "outlet": "", "tags": []},
        {"speaker": "Analysts", "text": "short", "via": None, "outlet": "", "tags": []},
    ]
    output.print_table(rows, ["speaker", ("text", 70), "via", "outlet", "tags"])
    out, err = capsys.readouterr()
    header = out.splitlines()[1]
    assert "speaker" in header and "text" in header
    assert "via" not in header and "outlet" not in header
    assert "not shown: via, outlet, tags" in err
    # The text column gets the width the left-out columns would have taken: several words a line.
    assert any(line.count("word") >= 4 for line in out.splitlines())


def test_a_column_filled_in_one_row_stays(monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(output, "console", output.SafeConsole(width=80, force_terminal=False))
    monkeypatch.setattr(output, "err_console", output.SafeConsole(width=80, force_terminal=False, stderr=True))
    output.print_table([{"a": "x", "via": None}, {"a": "y", "via": "TASS"}], ["a", "via"])
    out, err = capsys.readouterr()
    assert "via" in out.splitlines()[1] and "TASS" in out and "not shown" not in err
