"""One exception hierarchy.  Each boundary (CLI, API, worker) translates it once.

Every error carries a stable machine-readable ``code`` and an ``exit_code``
for the CLI, so callers never have to parse messages.
"""

from __future__ import annotations


class DossierError(Exception):
    """Base of every error Dossier raises on purpose."""

    code = "error"
    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def to_record(self) -> dict[str, str | None]:
        return {"error": self.code, "message": self.message, "hint": self.hint}


class UsageError(DossierError):
    """The user asked for something invalid (bad option value, unknown id)."""

    code = "usage"
    exit_code = 2


class NotFound(UsageError):
    code = "not_found"


class IngestError(DossierError):
    """One input could not be read; carries the input's name and the reason."""

    code = "ingest"

    def __init__(self, source: str, reason: str, *, hint: str | None = None) -> None:
        super().__init__(f"{source}: {reason}", hint=hint)
        self.source = source
        self.reason = reason


class StoreError(DossierError):
    code = "store"


class AnalysisError(DossierError):
    code = "analysis"


class IngestSkip(IngestError):
    """An input left out on purpose (a licence file, a link, a redirect): named, but not a failure.

    A subclass of :class:`IngestError` so that code which knows only
    rejections still reports it rather than mistaking it for an article.
    """

    code = "skipped"


class ExportError(DossierError):
    """An export could not be written; names the format and the reason."""

    code = "export"


class PluginError(DossierError):
    """A plugin (reader, stage or exporter entry point) could not be loaded; names it, its distribution, why."""

    code = "plugin"
