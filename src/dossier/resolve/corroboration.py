"""Corroboration: how many *independent* sources back a merged event or claim.

Why: volume is not evidence.  Forty reposts of one TASS item are one source;
five articles of one outlet are one source.  Each article is mapped to an
independent-source key by the copy layer (``CopyIndex.independent_source``: the
outlet of its copy group's original, or the outlet it forwards/credits), and the
keys are counted once each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from dossier.resolve.eventcoref import EventCluster

__all__ = ["Corroboration", "SourceRef", "corroborate", "corroborate_articles", "corroborate_events"]


class SourceResolver(Protocol):
    def independent_source(self, article_id: str) -> str: ...


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One article backing the subject and the independent source it stands for."""

    article_id: str
    independent: str
    original: str | None = None  # the copy group's original, when the article repeats another


@dataclass(frozen=True, slots=True)
class Corroboration:
    subject: str
    sources: tuple[SourceRef, ...]
    n_articles: int
    n_independent: int
    independent: tuple[str, ...]

    def to_record(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "n_articles": self.n_articles,
            "n_independent": self.n_independent,
            "independent": list(self.independent),
            "sources": [
                {"article_id": s.article_id, "independent": s.independent, "original": s.original} for s in self.sources
            ],
        }


def _resolver(copies: SourceResolver | Callable[[str], str] | None) -> Callable[[str], str]:
    if copies is None:
        return lambda a: f"item:{a}"
    fn = copies.independent_source if hasattr(copies, "independent_source") else copies
    assert callable(fn)

    def resolve(article_id: str) -> str:
        try:
            return str(fn(article_id))
        except KeyError:  # not in the copy index: counts as its own source
            return f"item:{article_id}"

    return resolve


def corroborate_articles(
    subject: str,
    article_ids: Iterable[str],
    copies: SourceResolver | Callable[[str], str] | None = None,
) -> Corroboration:
    """Sources of any subject given the articles that report it."""
    resolve = _resolver(copies)
    original_of = getattr(copies, "original_of", None)
    refs: list[SourceRef] = []
    seen_articles: set[str] = set()
    keys: dict[str, None] = {}
    for article_id in article_ids:
        if article_id in seen_articles:
            continue
        seen_articles.add(article_id)
        key = resolve(article_id)
        original = None
        if callable(original_of):
            try:
                original = original_of(article_id)
            except KeyError:
                original = None
            if original == article_id:
                original = None
        refs.append(SourceRef(article_id, key, original))
        keys.setdefault(key, None)
    return Corroboration(subject, tuple(refs), len(refs), len(keys), tuple(keys))


def corroborate(cluster: EventCluster, copies: SourceResolver | Callable[[str], str] | None = None) -> Corroboration:
    """Sources of one cross-article event."""
    return corroborate_articles(cluster.cluster_id, cluster.article_ids, copies)


def corroborate_events(
    clusters: Iterable[EventCluster], copies: SourceResolver | Callable[[str], str] | None = None
) -> list[Corroboration]:
    return [corroborate(c, copies) for c in clusters]
