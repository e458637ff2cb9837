"""No rule of time, quotes, events or entities takes more than linear time on hostile text (issue #14).

A stranger's file can be one endless line of quote marks, digits or one
letter.  A regex that retries a long run from each of its characters, or a
rule that scans every quote for each quote, turns that into hours.  These
tests feed such inputs to every analysis stage (English through a blank
spaCy pipeline with our rule components: the statistical model is not the
point, and its own speed is spaCy's), and a 5 MB single line to the
text-level rule layers, each under a time bound generous enough for a slow,
shared machine: the quadratic versions took minutes to hours on them.
"""

from __future__ import annotations

import time
from functools import lru_cache

import pytest

from dossier.analyze import Analyzer
from dossier.analyze import nlp as nlpmod
from dossier.model import Article

N = 100_000
#: Seconds one 100,000-character input may take through all stages (linear code: a few).
BOUND_S = 90.0
#: Seconds one text-level rule layer may take on a 5 MB line (linear code: well under a minute;
#: the quadratic versions would take hours).
LINE_BOUND_S = 300.0
#: The inputs the rules-only path ("de": no model) is also given.
RULES_ONLY = ("capital", "double quotes", "guillemets", "spaced digits", "decimals", "said", "quote and cue", "dates")


def hostile_inputs(n: int) -> dict[str, str]:
    """Long runs of one character or one short pattern, each of about ``n`` characters."""
    patterns = {
        "letter": "a",
        "capital": "A",
        "cyrillic": "Я",
        "words": "Aa ",
        "double quotes": '"',
        "single quotes": "'",
        "guillemets": "«»",
        "curly quotes": "“",
        "quoted words": '"a ',
        "digits": "1",
        "spaced digits": "1 ",
        "decimals": "1.",
        "clock": "12:",
        "dashes": "-",
        "newlines": "\n",
        "dots": ".",
        "said": "said ",
        "заявил": "заявил ",
        "quote and cue": '"x," said ',
        "dates": "12 March 2024 ",
        "russian dates": "12 марта 2024 года ",
        "designations": "S-",
        "equipment": "S-400 Iskander-M ",
        "parentheses": "(",
        "channel": "Telegram channel «",
    }
    return {name: p * (n // len(p)) for name, p in patterns.items()}


@lru_cache(maxsize=4)
def _blank_english(gazetteer_paths: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    import spacy

    nlpmod._register_components()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("dossier_lines")
    nlp.add_pipe("dossier_equipment", config={"gazetteer_paths": list(gazetteer_paths)})
    return nlp


@pytest.fixture
def analyzer(monkeypatch: pytest.MonkeyPatch) -> Analyzer:
    monkeypatch.setattr(nlpmod, "english", _blank_english)
    return Analyzer()


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "de"])
def test_every_stage_is_linear_on_hostile_runs(analyzer: Analyzer, language: str) -> None:
    slow = {}
    for name, text in hostile_inputs(N).items():
        if language != "en" and name not in RULES_ONLY:
            continue
        started = time.perf_counter()
        analysis = analyzer.analyze(Article(text=text, language=language, origin=name))
        took = time.perf_counter() - started
        assert all(text[m.start : m.end] == m.text for m in analysis.mentions)
        if took > BOUND_S:
            slow[name] = round(took, 1)
    assert not slow, f"over {BOUND_S}s on {N:,} characters: {slow}"


@pytest.mark.slow
def test_russian_stages_are_linear_on_hostile_runs() -> None:
    analyzer = Analyzer()
    slow = {}
    for name in ("cyrillic", "guillemets", "заявил", "russian dates", "digits", "quote and cue"):
        text = hostile_inputs(N // 2)[name]
        started = time.perf_counter()
        analyzer.analyze(Article(text=text, language="ru", origin=name))
        took = time.perf_counter() - started
        if took > BOUND_S:
            slow[name] = round(took, 1)
    assert not slow, f"over {BOUND_S}s on {N // 2:,} characters: {slow}"


@pytest.mark.slow
def test_text_level_rules_are_linear_on_a_5mb_single_line() -> None:
    from dossier.analyze import equipment as eq
    from dossier.analyze.attribution.marks import quoted_spans
    from dossier.analyze.attribution.text import split_sentences
    from dossier.analyze.coref import Candidate
    from dossier.analyze.lexicon import lexicon
    from dossier.analyze.rules import add_rule_mentions, equipment_hits
    from dossier.analyze.sentences import simple_sentences
    from dossier.analyze.timex import tag_times
    from dossier.analyze.windows import text_windows

    block = "".join(p[:2000] for p in (p * 2000 for p in hostile_inputs(40).values())).replace("\n", " ")
    line = (block * (5_000_000 // len(block) + 1))[:5_000_000]
    assert "\n" not in line and len(line) == 5_000_000
    whole = [(0, len(line))]
    steps = {
        "time en": lambda: tag_times(line, language="en", anchor=None, sentences=None),
        "time ru": lambda: tag_times(line, language="ru", anchor=None, sentences=None),
        "quote marks en": lambda: quoted_spans(line, "en"),
        "quote marks ru": lambda: quoted_spans(line, "ru"),
        "sentences": lambda: simple_sentences(line),
        "fallback sentences": lambda: split_sentences(line),
        "equipment": lambda: equipment_hits(line, (), whole),
        "designations": lambda: eq.find_designations(line),
        "rule mentions": lambda: add_rule_mentions(list[Candidate](), line, lexicon(), english=True),
        "windows": lambda: text_windows(line),
        "spacy tokens": lambda: nlpmod.make_doc(_blank_english(), line),
    }
    slow = {}
    for name, step in steps.items():
        started = time.perf_counter()
        step()
        took = time.perf_counter() - started
        if took > LINE_BOUND_S:
            slow[name] = round(took, 1)
    assert not slow, f"over {LINE_BOUND_S}s on a 5 MB line: {slow}"
