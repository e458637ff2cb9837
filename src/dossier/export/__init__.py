"""Exports: the knowledge base in the formats analysts' tools read (``docs/export.md``).

One module per format; each exporter is a small class registered as an entry
point in the ``dossier.exporters`` group, the way a third-party exporter is
(``dossier.plugins``).  Every exporter reads the store through a
:class:`~dossier.export.selection.Selection` (subject, story, dates, outlet,
language) and writes its files while it reads, page by page, so an export of a
large store does not hold it in memory.
"""

from __future__ import annotations

from dossier.export.base import Exporter, ExportResult, Target, run_export
from dossier.export.selection import Selection

__all__ = ["ExportResult", "Exporter", "Selection", "Target", "run_export"]
