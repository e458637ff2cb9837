"""Analysts' corrections over HTTP: the CLI's correction verbs, behind the bearer token.

Every route here is a write (``require_token``: off unless the server has a token) and answers with
the correction-log entries it wrote, exactly as ``dossier ... --json`` prints them.  The user is the
``X-Dossier-User`` header, else ``api``; each call runs in one write transaction.  The log itself is
readable without the token (``GET /api/log``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import Connection

from dossier.api.deps import MAX_ID, Conn
from dossier.api.errors import ERRORS, ErrorBody
from dossier.api.ingest import require_token

_WRITE = {
    **ERRORS,
    401: {"model": ErrorBody, "description": "Missing or wrong bearer token"},
    403: {"model": ErrorBody, "description": "Writes are off (no --token)"},
}
router = APIRouter(prefix="/api", tags=["corrections"], responses=_WRITE)
writes = [Depends(require_token)]

Id = Annotated[int, Path(ge=1, le=MAX_ID)]
User = Annotated[str | None, Header(alias="X-Dossier-User", max_length=120, description="Who corrects (default: api)")]
Short = Annotated[str | None, Field(default=None, max_length=2000)]


class Entries(BaseModel):
    """The correction-log entries a call wrote (``dossier log --json`` records)."""

    entries: list[dict[str, Any]]


def _write(request: Request, user: str | None, work: Callable[[Connection, str], Any]) -> Entries:
    who = (user or "").strip() or "api"
    with request.app.state.store.begin() as conn:
        result = work(conn, who)
    return Entries(entries=result if isinstance(result, list) else [result])


class ArticleEdit(BaseModel):
    published: str | None = Field(default=None, max_length=40)
    outlet: str | None = Field(default=None, max_length=300)
    title: str | None = Field(default=None, max_length=2000)
    language: str | None = Field(default=None, max_length=16)
    url: str | None = Field(default=None, max_length=2000)


class EntityEdit(BaseModel):
    name: str | None = Field(default=None, max_length=300)
    kind: str | None = Field(default=None, max_length=16)
    add_aliases: list[Annotated[str, Field(max_length=300)]] = Field(default_factory=list, max_length=50)
    remove_aliases: list[Annotated[str, Field(max_length=300)]] = Field(default_factory=list, max_length=50)
    wikidata: str | None = Field(default=None, max_length=16)


class Merge(BaseModel):
    keep: Annotated[int, Field(ge=1, le=MAX_ID)]
    others: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(min_length=1, max_length=50)


class Split(BaseModel):
    alias: str = Field(min_length=1, max_length=300)


class Review(BaseModel):
    note: Short = None


class QuoteEdit(BaseModel):
    speaker: str = Field(min_length=1, max_length=300)
    note: Short = None


class EventEdit(BaseModel):
    kind: str | None = Field(default=None, max_length=40)
    date: str | None = Field(default=None, max_length=40, description="TIMEX3 date, or 'none' to clear it")
    note: Short = None


class Annotation(BaseModel):
    target_type: Literal["article", "entity", "event", "quote", "story"]
    target_id: Annotated[int, Field(ge=1, le=MAX_ID)]
    text: str = Field(min_length=1, max_length=10_000)


@router.patch("/articles/{article_id}", dependencies=writes, summary="Correct an article's metadata")
def edit_article(request: Request, article_id: Id, body: ArticleEdit, user: User = None) -> Entries:
    from dossier.corrections import edit_article as run

    return _write(request, user, lambda c, who: run(c, article_id, user=who, **body.model_dump()))


@router.delete("/articles/{article_id}", dependencies=writes, summary="Delete an article and what derives from it")
def delete_article(request: Request, article_id: Id, user: User = None) -> Entries:
    from dossier.corrections import delete_article as run

    return _write(request, user, lambda c, who: run(c, article_id, user=who))


@router.patch("/entities/{entity_id}", dependencies=writes, summary="Correct an entity")
def edit_entity(request: Request, entity_id: Id, body: EntityEdit, user: User = None) -> Entries:
    from dossier.corrections import edit_entity as run

    return _write(
        request,
        user,
        lambda c, who: run(
            c,
            entity_id,
            user=who,
            name=body.name,
            kind=body.kind,
            add_aliases=body.add_aliases,
            remove_aliases=body.remove_aliases,
            wikidata=body.wikidata,
        ),
    )


@router.post("/entities/merge", dependencies=writes, summary="Merge entities into the first")
def merge(request: Request, body: Merge, user: User = None) -> Entries:
    from dossier.corrections import merge_entities

    return _write(request, user, lambda c, who: merge_entities(c, [body.keep, *body.others], user=who))


@router.post("/entities/{entity_id}/split", dependencies=writes, summary="Make an alias its own entity")
def split(request: Request, entity_id: Id, body: Split, user: User = None) -> Entries:
    from dossier.corrections import split_entity

    return _write(request, user, lambda c, who: split_entity(c, entity_id, body.alias, user=who))


def _review_route(kind: str) -> None:
    """``POST /api/{kind}s/{id}/reject`` and ``.../confirm`` for one extraction type."""

    def review(
        request: Request,
        record_id: Id,
        verdict: Literal["reject", "confirm"],
        body: Review | None = None,
        user: User = None,
    ) -> Entries:
        from dossier.corrections import review as run

        state = "rejected" if verdict == "reject" else "confirmed"
        note = body.note if body else None
        return _write(request, user, lambda c, who: run(c, kind, record_id, state, user=who, note=note))

    router.add_api_route(
        f"/{kind}s/{{record_id}}/{{verdict}}",
        review,
        methods=["POST"],
        dependencies=writes,
        summary=f"Reject or confirm a {kind}",
        name=f"review_{kind}",
    )


for _kind in ("event", "quote", "time"):
    _review_route(_kind)


@router.patch("/quotes/{quote_id}", dependencies=writes, summary="Correct who said a quote")
def edit_quote(request: Request, quote_id: Id, body: QuoteEdit, user: User = None) -> Entries:
    from dossier.corrections import edit_quote as run

    return _write(request, user, lambda c, who: run(c, quote_id, user=who, speaker=body.speaker, note=body.note))


@router.patch("/events/{event_id}", dependencies=writes, summary="Correct an event's kind or date")
def edit_event(request: Request, event_id: Id, body: EventEdit, user: User = None) -> Entries:
    from dossier.corrections import edit_event as run

    clear = body.date is not None and body.date.strip().lower() in ("", "none", "null", "undated")
    return _write(
        request,
        user,
        lambda c, who: run(
            c, event_id, user=who, kind=body.kind, date=None if clear else body.date, clear_date=clear, note=body.note
        ),
    )


@router.post("/notes", dependencies=writes, summary="Attach a note")
def add_note(request: Request, body: Annotation, user: User = None) -> Entries:
    from dossier.corrections import note

    return _write(request, user, lambda c, who: note(c, body.target_type, body.target_id, body.text, user=who))


@router.post("/tags", dependencies=writes, summary="Attach a tag")
def add_tag(request: Request, body: Annotation, user: User = None) -> Entries:
    from dossier.corrections import tag

    return _write(request, user, lambda c, who: tag(c, body.target_type, body.target_id, body.text, user=who))


@router.get("/log", summary="The correction log, newest first", responses=ERRORS)
def log(
    conn: Conn,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    target_type: Annotated[str | None, Query(max_length=16)] = None,
    target_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    by: Annotated[str | None, Query(max_length=120)] = None,
) -> Entries:
    from dossier.corrections import list_log

    return Entries(entries=list_log(conn, limit=limit, target_type=target_type, target_id=target_id, user=by))


@router.post("/log/{entry}/undo", dependencies=writes, summary="Revert one correction")
def undo(request: Request, entry: Id, user: User = None) -> Entries:
    from dossier.corrections import undo as run

    return _write(request, user, lambda c, who: run(c, entry, user=who))
