"""The shared filter options of the listing commands (``--since --until --subject --story --outlet
--language --kind --modality --min-sources``), turned into one :class:`dossier.store.filters.Filters`.

Same names and meaning as the API's query parameters; exports can reuse them.
"""

from __future__ import annotations

from typing import Annotated

import typer

from dossier.store.filters import Filters

SinceOpt = Annotated[
    str | None, typer.Option("--since", help="From this date (ISO 8601; publication date, or event date for events).")
]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Up to this date, inclusive (ISO 8601).")]
SubjectOpt = Annotated[
    str | None, typer.Option("--subject", help="Only records about this entity (name or alias, any language).")
]
StoryOpt = Annotated[int | None, typer.Option("--story", help="Only this story (see `dossier stories`).")]
OutletOpt = Annotated[str | None, typer.Option("--outlet", help="Only this outlet.")]
LanguageOpt = Annotated[str | None, typer.Option("--language", help="Only this language (en, ru...).")]
ModalityOpt = Annotated[
    str | None, typer.Option("--modality", help="Only events of this modality (asserted, reported, planned...).")
]
MinSourcesOpt = Annotated[
    int | None, typer.Option("--min-sources", help="Only events told by at least this many independent sources.")
]


def make_filters(
    since: str | None = None,
    until: str | None = None,
    subject: str | None = None,
    story: int | None = None,
    outlet: str | None = None,
    language: str | None = None,
    kind: str | None = None,
    modality: str | None = None,
    min_sources: int | None = None,
) -> Filters:
    """The options as a checked :class:`Filters` (a usage error names the bad one)."""
    return Filters(
        since=since,
        until=until,
        subject=subject,
        story=story,
        outlet=outlet,
        language=language,
        kind=kind,
        modality=modality,
        min_sources=min_sources,
    ).checked()
