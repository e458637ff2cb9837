"""The post-ingest hook that evaluates alerts: registered on :mod:`dossier.ingest.job` like a user's hook.

It is imported by the ingest job itself, so it must stay cheap to import and
cheap to run when no alert exists (one indexed query).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.ingest.job import register_post_ingest

if TYPE_CHECKING:
    from dossier.ingest.job import IngestReport
    from dossier.store import Store


def evaluate_alerts(store: Store, report: IngestReport) -> None:
    """Notify each alert of the facts the ingest just stored, and retry deliveries that failed before."""
    from dossier.monitor.alerts import run_alerts

    for line in run_alerts(store):
        report.warnings.append(line)


register_post_ingest(evaluate_alerts)
