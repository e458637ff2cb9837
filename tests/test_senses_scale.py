"""The sense rules ask whether a word class stands anywhere in a sentence once per class, not once
per trigger: a long sentence of many attacks scanned itself again for each (quadratic).  The
sentence is invented for this test."""

from __future__ import annotations

from datetime import datetime

from dossier.analyze.eventing import senses
from dossier.analyze.pipeline import Analyzer
from dossier.model import Article


def test_whole_sentence_classes_are_looked_up_once(monkeypatch) -> None:
    analyzer = Analyzer()
    text = (
        "Gunmen attacked the depot, shelled the market, bombed the ferry, raided the clinic, "
        "stormed the school and ambushed the convoy near the border on Sunday."
    )
    whole: list[str] = []
    real = senses.SenseRules._any

    def counting(self, cls: str, words: list[str]) -> bool:
        if len(words) == len(self.tokens):
            whole.append(cls)
        return real(self, cls, words)

    monkeypatch.setattr(senses.SenseRules, "_any", counting)
    events = analyzer.analyze(Article(text=text, language="en", published=datetime(2026, 5, 4), origin="t")).events
    harm = [e for e in events if e.kind in ("ASSAULT", "FIGHT")]
    assert len(harm) >= 2, events
    assert len(whole) == len(set(whole))  # each class at most once for the sentence
