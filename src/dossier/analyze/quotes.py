"""Quotes and attribution stage (registered as ``dossier.analyze.quotes:QuoteStage``).

The implementation lives in :mod:`dossier.analyze.attribution`; this module
keeps the dotted name of the default stage list stable.
"""

from __future__ import annotations

from dossier.analyze.attribution import QuoteStage, extract

__all__ = ["QuoteStage", "extract"]
