"""Names in an all-capitals headline are kept only when the body writes them too; checking that
scans the text once per name, not once per mention, and finds the headline lines without a slice
of the text per line (both were quadratic on a long headline or many of them).  The texts are
invented for these tests."""

from __future__ import annotations

import re
import time

from dossier.analyze import mention_review as mr
from dossier.analyze.coref import Candidate
from dossier.analyze.lexicon import lexicon


def _cands(text: str, pattern: str, kind: str) -> list[Candidate]:
    return [Candidate(m.start(), m.end(), kind, m.group(), "X") for m in re.finditer(pattern, text)]


def test_headline_name_is_kept_only_when_the_body_writes_it() -> None:
    text = "VANTOR HOLDINGS BUYS KELDRAN PORTWORKS\n\nVantor Holdings said the purchase closed on Friday."
    cands = _cands(text, r"VANTOR HOLDINGS|KELDRAN PORTWORKS", "org")
    mr._headline_caps(cands, text, lexicon())
    assert [text[c.start : c.end] for c in cands] == ["VANTOR HOLDINGS"]


def test_a_long_headline_repeating_a_name_is_checked_quickly() -> None:
    text = "MARGOLIS " * 3000 + "\n\nMargolis spoke to reporters.\n\n" + "TALLINGER WARNS OVER HARBOUR FEES\n\n" * 2000
    cands = _cands(text, r"MARGOLIS|TALLINGER", "person")
    started = time.process_time()
    mr._headline_caps(cands, text, lexicon())
    elapsed = time.process_time() - started
    names = {text[c.start : c.end] for c in cands}
    assert names == {"MARGOLIS"} and len(cands) == 3000  # the body writes Margolis, never Tallinger
    assert elapsed < 2.0
