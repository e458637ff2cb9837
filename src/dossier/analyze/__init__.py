"""Per-document extraction: language, NLP pipelines, entities, time, quotes, events."""

from dossier.analyze.pipeline import DEFAULT_STAGES, Analyzer, DocContext, Stage

__all__ = ["DEFAULT_STAGES", "Analyzer", "DocContext", "Stage"]
