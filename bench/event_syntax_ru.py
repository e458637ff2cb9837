"""What the Russian event-role parse costs: event-stage and whole-analysis time, syntax on and off.

    python bench/event_syntax_ru.py [PATHS...] [--test-strings tests] [--repeats 5]

Reads the inputs as ``dossier ingest`` does (default ``samples/corpus``), keeps the Russian
articles, and with ``--test-strings DIR`` adds every Russian string literal of at least 40
characters from the test modules in DIR (the sentences the tests are built on).  Each text
is analysed by the default stages once to warm the models, then ``--repeats`` times with the
event stage's parse on and off, interleaved so that machine load drifts alike for both.
Prints seconds per pass (median), the event stage's share, and how many Russian sentences the
cascade sent to the parser out of how many hold a trigger.  Nothing is scored: the roles
themselves are checked by ``tests/test_event_actors_ru.py``.
"""

from __future__ import annotations

import argparse
import ast
import re
import statistics
import time
from pathlib import Path

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def russian_strings(folder: Path) -> list[str]:
    """Russian string literals (40+ characters, mostly Cyrillic) of the test modules."""
    out: list[str] = []
    for path in sorted(folder.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) >= 40:
                letters = [ch for ch in node.value if ch.isalpha()]
                if letters and sum(bool(_CYRILLIC.match(ch)) for ch in letters) / len(letters) > 0.6:
                    out.append(node.value)
    return list(dict.fromkeys(out))


def main(argv: list[str] | None = None) -> int:
    from dossier.analyze import Analyzer
    from dossier.analyze import events as events_module
    from dossier.ingest import read_all
    from dossier.model import Article

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=["samples/corpus"])
    ap.add_argument("--test-strings", type=Path, help="also the Russian string literals of these test modules")
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args(argv)

    articles = [item for item in read_all(args.paths) if isinstance(item, Article)]
    corpus = [a for a in articles if (a.language or "").startswith("ru")]
    texts = [Article(text=a.text, language="ru", published=a.published) for a in corpus]
    if args.test_strings:
        texts += [Article(text=s, language="ru") for s in russian_strings(args.test_strings)]

    parsed: list[int] = []
    original = events_module.parse_russian

    def counting(sentences, offsets):  # type: ignore[no-untyped-def]
        parsed.append(len(sentences))
        return original(sentences, offsets)

    events_module.parse_russian = counting
    analyzer = Analyzer()
    stage = next(s for s in analyzer.stages if getattr(s, "name", "") == "events")
    list(analyzer.pipe(texts))  # warm: models load here, not in the timed passes
    timings: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    for _ in range(args.repeats):
        for on in (True, False):
            stage.syntax = on  # type: ignore[attr-defined]
            parsed.clear()
            before = analyzer.timings["events"]
            started = time.process_time()
            list(analyzer.pipe(texts))
            timings[on].append((time.process_time() - started, analyzer.timings["events"] - before))
            if on:
                sent_parsed = sum(parsed)
    sentences = sum(len(a.sentences) for _, a in analyzer.pipe(texts))
    print(f"{len(corpus)} Russian articles from {', '.join(args.paths)}, {len(texts) - len(corpus)} test strings,")
    print(f"{sentences} sentences; parsed by the cascade: {sent_parsed}")
    for on in (True, False):
        whole = statistics.median(t for t, _ in timings[on])
        stage_s = statistics.median(e for _, e in timings[on])
        label = "on " if on else "off"
        print(f"syntax {label}: analysis {whole * 1000:7.1f} ms CPU, events stage {stage_s * 1000:6.1f} ms")
    on_whole = statistics.median(t for t, _ in timings[True])
    off_whole = statistics.median(t for t, _ in timings[False])
    print(f"analysis cost of the parse: {100 * (on_whole / off_whole - 1):+.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
