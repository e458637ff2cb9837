"""Former home of the cross-article layer, kept so that existing imports keep working.

The layer is split by concern (issue #13, REVIEW.md):

* SQL adapters of the resolve modules' storage protocols:
  :mod:`dossier.store.copy_store` (``SqlCopyStore``),
  :mod:`dossier.store.story_store` (``SqlStoryStore``),
  :mod:`dossier.store.event_store` (``SqlEventStore``);
* the pass the ingest job runs: :mod:`dossier.resolve.crossarticle` (``CrossArticle``);
* read-side reports: :mod:`dossier.store.cross_queries`.
"""

from __future__ import annotations

from dossier.resolve.crossarticle import CrossArticle
from dossier.store.copy_store import SqlCopyStore
from dossier.store.cross_queries import (
    SourceResolver,
    event_sources,
    get_story,
    list_contradictions,
    list_copies,
    list_stories,
)
from dossier.store.event_store import SqlEventStore
from dossier.store.story_store import SqlStoryStore

__all__ = [
    "CrossArticle",
    "SourceResolver",
    "SqlCopyStore",
    "SqlEventStore",
    "SqlStoryStore",
    "event_sources",
    "get_story",
    "list_contradictions",
    "list_copies",
    "list_stories",
]
