"""Where the analysing process's CPU goes, part by part, and what the hand-off costs (issue #13).

Usage (from the repository root)::

    python bench/analysis_cpu.py --corpus FILE --limit 200

Reads the first ``--limit`` items of a JSON-lines corpus as ``dossier ingest``
reads them (language identification included), warms the models, then
analyses them in batches of 64 with the default :class:`~dossier.analyze.Analyzer`
and measures CPU time (``time.process_time``, not a profiler: a deterministic
profiler's per-call overhead inflates Python code several-fold against spaCy's
C code) of:

* each stage, and inside the stages the parts that matter: making the spaCy
  docs (tokenizer), spaCy's ``senter``/``ner`` and our two components run one
  after the other over the same docs, the English entity rules
  (``analyse_english_doc``), the event stage's reading/candidate step
  (``prepare``), its dependency parses and its rules (``run``);
* bare spaCy (the full ``en_core_web_sm``, ``nlp.pipe``) on the same texts, the reference;
* the hand-off of a ``--workers 1`` ingest: pickling what crosses to the writer
  process (:meth:`dossier.ingest.job.IngestPipeline._write`'s arguments), the
  bytes per article, and unpickling them (the writer's side).

Prints milliseconds of CPU per article for each part.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from writer_statements import trimmed_corpus

Spent = Counter[str]


def _timed(spent: Spent, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - t

    return wrapper


def read_articles(path: Path) -> tuple[list[Any], float]:
    """The corpus's articles as the ingest reads them, and the CPU seconds that took."""
    from dossier.analyze.language import detect_language
    from dossier.ingest import iter_sources, read_source

    t = time.process_time()
    articles = []
    for source in iter_sources([path]):
        for item in read_source(source):
            if item.language is None:
                item = item.replace(language=detect_language(item.text))
            articles.append(item)
    return articles, time.process_time() - t


def spacy_components(articles: list[Any]) -> dict[str, float]:
    """CPU seconds of each component of the English entity pipeline over the same docs."""
    from dossier.analyze import nlp as nlpmod

    nlp = nlpmod.english()
    spent: dict[str, float] = {}
    t = time.process_time()
    docs = [nlpmod.make_doc(nlp, a.text) for a in articles if a.language == "en"]
    spent["make_doc (tokenizer)"] = time.process_time() - t
    for name, component in nlp.pipeline:
        t = time.process_time()
        pipe = getattr(component, "pipe", None)
        docs = list(pipe(docs, batch_size=64)) if pipe else [component(d) for d in docs]
        spent[name] = time.process_time() - t
    return spent


def bare_spacy(articles: list[Any]) -> float:
    """CPU seconds of bare ``en_core_web_sm`` (full pipeline, ``nlp.pipe``) on the same texts: the reference."""
    from dossier.analyze.nlp import english_bare

    nlp = english_bare()
    texts = [a.text for a in articles]
    list(nlp.pipe(texts[:5]))
    t = time.process_time()
    list(nlp.pipe(texts, batch_size=64))
    return time.process_time() - t


def analyse(articles: list[Any], batch: int) -> tuple[Spent, list[list[Any]]]:
    """Analyse in batches with the parts wrapped in CPU timers; the analyses per batch."""
    import dossier.analyze.entities as entities
    import dossier.analyze.events as events
    from dossier.analyze import Analyzer
    from dossier.analyze.eventing.extract import DocumentExtractor

    spent: Spent = Counter()
    analyzer = Analyzer()
    stages = [(getattr(s, "name", type(s).__name__), s) for s in analyzer.stages]
    analyzer.stages = [_timed(spent, f"stage {name}", s) for name, s in stages]  # type: ignore[misc]
    patches = [
        (entities, "analyse_english_doc", "  entities: English rules (analyse_english_doc)"),
        (events, "parse_sentences", "  events: dependency parses"),
        (DocumentExtractor, "prepare", "  events: reading, candidates (prepare)"),
        (DocumentExtractor, "run", "  events: rules (run)"),
    ]
    saved = [(owner, name, getattr(owner, name)) for owner, name, _label in patches]
    for owner, name, label in patches:
        setattr(owner, name, _timed(spent, label, getattr(owner, name)))
    try:
        analyzer.analyze(articles[0].replace(text="Warm-up. Boris Johnson visited Paris on Monday, officials said."))
        spent.clear()
        out = []
        for i in range(0, len(articles), batch):
            chunk = articles[i : i + batch]
            t = time.process_time()
            out.append([analysis for _a, analysis in analyzer.pipe(chunk)])
            spent["analysis, all stages"] += time.process_time() - t
    finally:
        for owner, name, function in saved:
            setattr(owner, name, function)
    return spent, out


def hand_off(articles: list[Any], analyses: list[list[Any]], batch: int) -> dict[str, float]:
    """Pickle and unpickle what a ``--workers 1`` ingest sends its writer process, batch by batch."""
    import dossier.ingest.job as job

    pipeline = job.IngestPipeline.__new__(job.IngestPipeline)
    pipeline.options = {"resolve": True, "update_metadata": False, "user": None}
    dumps = loads = 0.0
    size = 0
    for k, done in enumerate(analyses):
        chunk = articles[k * batch : (k + 1) * batch]
        item = job.PendingBatch(chunk, chunk, None)
        function, arguments = pipeline._write(item, done)
        t = time.process_time()
        blob = pickle.dumps((function, arguments), protocol=pickle.HIGHEST_PROTOCOL)
        dumps += time.process_time() - t
        t = time.process_time()
        pickle.loads(blob)
        loads += time.process_time() - t
        size += len(blob)
    n = len(articles)
    return {"pickle ms": 1000 * dumps / n, "unpickle ms": 1000 * loads / n, "KiB": size / n / 1024}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True, help="JSON-lines corpus (bbc-news.jsonl)")
    parser.add_argument("--limit", type=int, default=200, help="first N items of the corpus (default 200)")
    parser.add_argument("--batch", type=int, default=64, help="articles per batch (the ingest's 64)")
    parser.add_argument("--tmp", type=Path, default=Path("/tmp/analysis_cpu"), help="folder for the trimmed corpus")
    args = parser.parse_args(argv)
    args.tmp.mkdir(parents=True, exist_ok=True)
    path = trimmed_corpus(args.corpus, args.limit, args.tmp)
    from dossier.analyze import nlp as nlpmod

    nlpmod.english()
    nlpmod.english_parser()
    articles, reading = read_articles(path)
    n = len(articles)
    spent, analyses = analyse(articles, args.batch)
    components = spacy_components(articles)
    reference = bare_spacy(articles)
    handoff = hand_off(articles, analyses, args.batch)
    print(f"{n} articles; CPU ms per article")
    print(f"bare spaCy en_core_web_sm (reference)       {1000 * reference / n:6.1f}")
    print(f"reading + language identification  {1000 * reading / n:6.1f}")
    for name, seconds in sorted(spent.items(), key=lambda kv: (not kv[0].startswith("analysis"), kv[0])):
        print(f"{name:44} {1000 * seconds / n:6.1f}")
    print("English entity pipeline, component by component (same docs, run again):")
    for name, seconds in components.items():
        print(f"  {name:42} {1000 * seconds / n:6.1f}")
    print(
        f"hand-off to the writer: pickle {handoff['pickle ms']:.2f} ms, unpickle {handoff['unpickle ms']:.2f} ms, "
        f"{handoff['KiB']:.1f} KiB per article"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
