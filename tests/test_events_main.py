"""Main-event selection (eventing/mainevent.py): relative clauses, to-infinitives
and bare event nouns rank below the matrix event.  Hand-made documents, no model.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dossier.analyze.eventing.lexicon import tokenize
from dossier.analyze.eventing.mainevent import infinitive, rank, subordinate
from dossier.model import to_record
from test_events_support import make_ctx, run

NAMES = [("Arland", "place", "Arland"), ("Borovia", "place", "Borovia"), ("Kestrel", "person", "Kestrel")]


def _index(tokens: list, word: str) -> int:
    return next(i for i, t in enumerate(tokens) if t.lower == word)


def test_relative_clause_is_subordinate() -> None:
    toks = tokenize("Arland criticised Kestrel, who has attacked the town.", 0, "en")
    assert subordinate(toks, _index(toks, "attacked"), set())
    assert not subordinate(toks, _index(toks, "criticised"), set())


def test_scan_stops_at_another_verbal_trigger() -> None:
    toks = tokenize("Rebels who attacked the town withdrew yesterday.", 0, "en")
    attacked = _index(toks, "attacked")
    assert subordinate(toks, attacked, set())
    assert not subordinate(toks, _index(toks, "withdrew"), {attacked})


def test_infinitive_and_rank_order() -> None:
    toks = tokenize("Protesters blocked roads to demand reforms.", 0, "en")
    blocked, demand = _index(toks, "blocked"), _index(toks, "demand")
    assert infinitive(toks, demand) and not infinitive(toks, blocked)
    assert rank(toks, blocked, False, set()) < rank(toks, demand, False, set())
    # A bare event noun ranks after a finite verb even when it comes first.
    toks = tokenize("After the talks, Arland attacked Borovia.", 0, "en")
    assert rank(toks, _index(toks, "attacked"), False, set()) < rank(toks, _index(toks, "talks"), True, set())


def _plover() -> object:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
    import plover

    return plover


def test_stage_records_main_event_outside_relative_clause() -> None:
    text = "Kestrel, who attacked Borovia, met Arland on Monday."
    ctx = make_ctx(text, NAMES)
    events = run(ctx)
    kinds = {e.kind for e in events}
    assert {"FIGHT", "CONSULT"} <= kinds, events
    main = ctx.scratch["main_events"]
    assert set(main) == {0}
    chosen = next(e for e in events if e.id == main[0])
    assert chosen.kind == "CONSULT"
    assert [e.kind for e in events if e.main] == ["CONSULT"]  # emitted with the event
    plover = _plover()
    records = [{"type": "event", **to_record(e)} for e in events]
    assert plover.main_event(records)["kind"] == "CONSULT"  # type: ignore[attr-defined]


def test_eval_falls_back_to_first_event_without_main() -> None:
    plover = _plover()
    a = {"type": "event", "kind": "FIGHT", "plover": "FIGHT", "start": 5, "main": False}
    b = {"type": "event", "kind": "CONSULT", "plover": "CONSULT", "start": 20, "main": False}
    s = {"type": "event", "kind": "STATEMENT", "plover": None, "start": 0, "main": True}
    assert plover.main_event([b, a, s])["kind"] == "FIGHT"  # type: ignore[attr-defined]
    assert plover.main_event([b | {"main": True}, a])["kind"] == "CONSULT"  # type: ignore[attr-defined]
