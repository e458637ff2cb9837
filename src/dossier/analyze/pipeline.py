"""Per-document analysis: one interface over language-specific pipelines.

The analysis of an article is a pure function of its text and metadata.  It
runs as an ordered list of *stages*; each stage receives a batch of
:class:`DocContext` and adds its records to ``ctx.analysis``.  Batching lets
the NLP stage use ``nlp.pipe`` and lets every stage amortise its set-up.

Stages are registered by dotted name in :data:`DEFAULT_STAGES`, the same way a
user's own stage would be (``Analyzer(stages=[...])``), so the extension point
is real and exercised by Dossier's own parts.  Installed stage plugins (entry
point group ``dossier.stages``, ``docs/plugins.md``) run after the built-ins
when no stage list is given.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from dossier.analyze.windows import WINDOW_CHARS, merge_windows, text_windows
from dossier.errors import AnalysisError
from dossier.model import Article, DocAnalysis

log = logging.getLogger(__name__)

#: The built-in stages, in order.  Each entry is ``module:attribute`` naming a
#: factory (class or function) that takes keyword options and returns a Stage.
DEFAULT_STAGES: tuple[str, ...] = (
    "dossier.analyze.entities:EntityStage",
    "dossier.analyze.time:TimeStage",
    "dossier.analyze.quotes:QuoteStage",
    "dossier.analyze.events:EventStage",
)


@dataclass(slots=True)
class DocContext:
    """What a stage sees of one article while the batch is analysed.

    ``doc`` holds the spaCy ``Doc`` when the article went through a spaCy
    pipeline (English), else ``None``; ``scratch`` lets a stage leave data for
    a later stage (e.g. Russian tokens) without widening the records.
    """

    article: Article
    analysis: DocAnalysis
    anchor: date | None = None
    doc: Any = None
    scratch: dict[str, Any] = field(default_factory=dict)

    @property
    def language(self) -> str:
        return self.analysis.language


class Stage(Protocol):
    """A per-document analysis step, applied to a batch of documents."""

    name: str

    def __call__(self, batch: list[DocContext]) -> None: ...


def load_stage(spec: str, **options: Any) -> Stage:
    """Import ``module:attribute`` and build the stage it names."""
    module_name, _, attr = spec.partition(":")
    try:
        factory = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise AnalysisError(f"cannot load analysis stage {spec!r}: {exc}") from exc
    return factory(**options)


ErrorHandler = Callable[[Article, Exception], None]


def _raise(article: Article, exc: Exception) -> None:
    raise exc


class Analyzer:
    """Runs the stages over articles, in batches, isolating failures per batch.

    ``on_error`` receives each article whose batch failed; the default
    re-raises (what tests want), the CLI passes a handler that records the
    article and goes on.
    """

    def __init__(
        self,
        stages: Sequence[str | Stage] | None = None,
        *,
        batch_size: int = 32,
        on_error: ErrorHandler = _raise,
        window_chars: int = WINDOW_CHARS,
    ) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        if stages is None:
            from dossier.plugins import stage_specs

            stages = stage_specs()
        self.stages: list[Stage] = [load_stage(s) if isinstance(s, str) else s for s in stages]
        self.batch_size = batch_size
        self.on_error = on_error
        #: Longer articles are analysed in windows of at most this many characters.
        self.window_chars = window_chars
        #: Seconds spent in each stage so far: the benchmark reads this to show where time goes.
        self.timings: dict[str, float] = {getattr(s, "name", type(s).__name__): 0.0 for s in self.stages}

    def analyze(self, article: Article) -> DocAnalysis:
        """Analyse one article (convenience over :meth:`pipe`)."""
        return next(self.pipe([article]))[1]

    def pipe(self, articles: Iterable[Article]) -> Iterator[tuple[Article, DocAnalysis]]:
        """Yield ``(article, analysis)`` for each article, in input order.

        An article longer than :data:`dossier.analyze.windows.WINDOW_CHARS` is
        analysed in windows joined back into one analysis (see that module;
        ``window_chars`` sets the size).
        """
        batch: list[Article] = []
        for article in articles:
            if len(article.text) > self.window_chars:
                yield from self._run(batch)
                batch = []
                yield from self._run_windows(article)
                continue
            batch.append(article)
            if len(batch) >= self.batch_size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _run_windows(self, article: Article) -> Iterator[tuple[Article, DocAnalysis]]:
        language = make_context(article).language
        spans = text_windows(article.text, self.window_chars)
        pieces = [article.replace(text=article.text[a:b], language=language) for a, b in spans]
        failures: list[Exception] = []
        analyses: list[DocAnalysis] = []
        for i in range(0, len(pieces), self.batch_size):
            chunk = pieces[i : i + self.batch_size]
            analyses.extend(a for _p, a in self._run(chunk, on_error=lambda _p, exc: failures.append(exc)))
        if failures:
            self.on_error(article, failures[0])
            return
        offsets = [a for a, _b in spans]
        yield article, merge_windows(article.text, language, list(zip(offsets, analyses, strict=True)))

    def _run(
        self, articles: list[Article], on_error: ErrorHandler | None = None
    ) -> Iterator[tuple[Article, DocAnalysis]]:
        if not articles:
            return
        from dossier.analyze.nlp import freeze_new_models

        on_error = on_error or self.on_error
        ctxs = [make_context(a) for a in articles]
        try:
            for stage in self.stages:
                started = time.perf_counter()
                stage(ctxs)
                name = getattr(stage, "name", type(stage).__name__)
                self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started
        except Exception as exc:  # noqa: BLE001 - isolate, then retry one by one
            freeze_new_models()
            if len(ctxs) == 1:
                on_error(articles[0], exc)
                return
            # One bad article must not sink its neighbours: redo the batch singly.
            for article in articles:
                yield from self._run([article], on_error)
            return
        freeze_new_models()  # the first batch loads the models: keep them out of later collections
        for ctx in ctxs:
            yield ctx.article, ctx.analysis


def make_context(article: Article) -> DocContext:
    from dossier.analyze.language import detect_language

    language = article.language or detect_language(article.text, prior=article.extra.get("channel_language"))
    anchor = article.published.date() if article.published else None
    return DocContext(article=article, analysis=DocAnalysis(text=article.text, language=language), anchor=anchor)
