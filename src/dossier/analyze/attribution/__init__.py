"""Quotes and attribution: who said what, when, and through whom.

``QuoteStage`` is the pipeline stage; ``extract`` the function under it, usable
on plain text.  The rules are described in ``docs/quotes.md``.
"""

from dossier.analyze.attribution.extract import extract
from dossier.analyze.attribution.lexicon import load_lexicon
from dossier.analyze.attribution.stage import QuoteStage

__all__ = ["QuoteStage", "extract", "load_lexicon"]
