"""The pages: each calls the store's query functions, shapes the result for a template, and links
to the API call that returns the same data."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from dossier.api.deps import MAX_ID, Conn, FilterParams
from dossier.errors import NotFound
from dossier.store import cross_queries, knowledge, queries
from dossier.store.filters import Filters, event_kinds
from dossier.web import charts, text

TEMPLATES = Environment(
    loader=FileSystemLoader(str(__import__("pathlib").Path(__file__).with_name("templates"))),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
TEMPLATES.globals["qs"] = lambda **kw: urlencode({k: v for k, v in kw.items() if v not in (None, "")})

router = APIRouter(include_in_schema=False)

Id = Annotated[int, Query(ge=1, le=MAX_ID)]


def render(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(TEMPLATES.get_template(name).render(**context), status_code=status_code)


def error_page(_request: Request, status: int, code: str, message: str, hint: str | None) -> HTMLResponse:
    """The HTML form of an error answer, for pages (the API answers JSON)."""
    return render("error.html", status, status=status, code=code, message=message, hint=hint, api=None)


def _api(path: str, filters: Filters | None = None, **params: Any) -> str:
    query = {**(filters.active if filters else {}), **{k: v for k, v in params.items() if v not in (None, "")}}
    return path + ("?" + urlencode(query) if query else "")


@router.get("/", response_class=HTMLResponse)
def home(conn: Conn) -> HTMLResponse:
    return render(
        "home.html",
        stats=queries.stats(conn),
        events=knowledge.recent_events(conn, limit=12),
        equipment=knowledge.list_entities(conn, kind="equipment", limit=8),
        people=knowledge.list_entities(conn, kind="person", limit=8),
        stories=cross_queries.list_stories(conn, limit=8),
        api="/api/stats",
    )


@router.get("/docs", response_class=HTMLResponse)
def docs() -> HTMLResponse:
    """Swagger UI from the installed package, started by a static script (no inline code)."""
    return render("docs.html", api="/openapi.json")


@router.get("/search", response_class=HTMLResponse)
def search(
    conn: Conn,
    filters: FilterParams,
    q: Annotated[str, Query(max_length=500)] = "",
    cursor: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> HTMLResponse:
    hits: list[dict[str, Any]] = []
    facets: dict[str, Any] = {}
    if q.strip():
        hits = queries.search(conn, q, limit=21, offset=cursor, filters=filters)
        facets = queries.search_facets(conn, q, filters=filters)
    for h in hits:
        h["snippet_parts"] = text.snippet_parts(h.get("snippet") or "")
    return render(
        "search.html",
        q=q,
        hits=hits[:20],
        more=len(hits) > 20,
        cursor=cursor,
        facets=facets,
        filters=filters,
        kinds=event_kinds(conn),
        api=_api("/api/search", filters, q=q) if q.strip() else "/api/search",
    )


@router.get("/articles", response_class=HTMLResponse)
def articles(conn: Conn, filters: FilterParams, cursor: Annotated[int, Query(ge=0, le=100_000)] = 0) -> HTMLResponse:
    rows = queries.list_articles(conn, limit=51, offset=cursor, filters=filters)
    return render(
        "articles.html",
        rows=rows[:50],
        more=len(rows) > 50,
        cursor=cursor,
        filters=filters,
        api=_api("/api/articles", filters),
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(
    conn: Conn,
    article_id: int,
    hl: Annotated[str | None, Query(max_length=40, pattern=r"^\d{1,9}-\d{1,9}$")] = None,
) -> HTMLResponse:
    if not 1 <= article_id <= MAX_ID:
        raise NotFound(f"no article with id {article_id}")
    record = queries.get_article(conn, article_id)
    found = knowledge.article_extractions(conn, article_id)
    target = tuple(int(x) for x in hl.split("-")) if hl else None
    sentences, records = text.annotate(record["text"], record.get("sentences") or [], found, target)
    return render(
        "article.html",
        a=record,
        sentences=sentences,
        records=records,
        found=found,
        counts={k: len(v) for k, v in found.items()},
        chain=cross_queries.copies_of_article(conn, article_id),
        story=cross_queries.story_of_article(conn, article_id),
        api=f"/api/articles/{article_id}",
    )


@router.get("/entities", response_class=HTMLResponse)
def entities(conn: Conn, filters: FilterParams, cursor: Annotated[int, Query(ge=0, le=100_000)] = 0) -> HTMLResponse:
    rows = knowledge.list_entities(conn, limit=101, offset=cursor, filters=filters)
    return render(
        "entities.html",
        rows=rows[:100],
        more=len(rows) > 100,
        cursor=cursor,
        filters=filters,
        api=_api("/api/entities", filters),
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(conn: Conn, entity_id: int) -> HTMLResponse:
    if not 1 <= entity_id <= MAX_ID:
        raise NotFound(f"no entity with id {entity_id}")
    record = knowledge.get_entity_by_id(conn, entity_id, limit=100)
    for m in record["mention_list"]:
        m["parts"] = text.mark_in_sentence(m["sentence"], m["text"])
    quotes = knowledge.list_quotes(conn, limit=100, speaker_id=entity_id)
    return render(
        "entity.html",
        e=record,
        quotes=quotes,
        cooccurring=knowledge.cooccurring(conn, entity_id, limit=20),
        chart=charts.attention(knowledge.mentions_per_day(conn, entity_id)),
        api=f"/api/entities/{entity_id}",
    )


#: Timeline entries per page on the timeline page.
TIMELINE_STEP = 500


@router.get("/timeline", response_class=HTMLResponse)
def timeline_by_name(conn: Conn, subject: Annotated[str, Query(min_length=1, max_length=300)]) -> Any:
    ids = knowledge.find_entity_ids(conn, subject)
    if not ids:
        raise NotFound(f"no entity called {subject!r}", hint="search for it, or list entities")
    return RedirectResponse(f"/timeline/{ids[0]}", status_code=303)


@router.get("/timeline/{entity_id}", response_class=HTMLResponse)
def timeline(
    conn: Conn, entity_id: int, filters: FilterParams, cursor: Annotated[int, Query(ge=0, le=100_000)] = 0
) -> HTMLResponse:
    if not 1 <= entity_id <= MAX_ID:
        raise NotFound(f"no entity with id {entity_id}")
    # A page of entries (each with its first sources); the pager reads the rest.
    record = knowledge.timeline_by_id(conn, entity_id, filters=filters, limit=TIMELINE_STEP, offset=cursor)
    fields = cross_queries.contested_fields(conn, [e["id"] for e in record["entries"]])
    for e in record["entries"]:
        e["contested"] = fields.get(e["id"], [])
    return render(
        "timeline.html",
        tl=record,
        entity_id=entity_id,
        filters=filters,
        more=record["next_offset"] is not None,
        cursor=cursor,
        step=TIMELINE_STEP,
        chart=charts.timeline(record),
        bands=charts.lifecycle_bands(record["entries"]),
        api=_api(f"/api/timeline/{entity_id}", filters),
    )


@router.get("/events", response_class=HTMLResponse)
def events(conn: Conn, filters: FilterParams, cursor: Annotated[int, Query(ge=0, le=100_000)] = 0) -> HTMLResponse:
    rows = knowledge.list_events(conn, limit=51, offset=cursor, filters=filters)
    return render(
        "events.html",
        rows=rows[:50],
        more=len(rows) > 50,
        cursor=cursor,
        filters=filters,
        kinds=event_kinds(conn),
        api=_api("/api/events", filters),
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, conn: Conn, event_id: int) -> HTMLResponse:
    if not 1 <= event_id <= MAX_ID:
        raise NotFound(f"no event with id {event_id}")
    record = knowledge.get_event(conn, event_id, sources_limit=200)
    flags = cross_queries.contested_events(conn, [event_id]).get(event_id, [])
    return render(
        "event.html",
        ev=record,
        flags=flags,
        entities=knowledge.entity_names(conn, record.get("entity_ids") or []),
        api=f"/api/events/{event_id}",
        writable=request.app.state.settings.writable,
    )


@router.get("/stories", response_class=HTMLResponse)
def stories(conn: Conn, filters: FilterParams, cursor: Annotated[int, Query(ge=0, le=100_000)] = 0) -> HTMLResponse:
    rows = cross_queries.list_stories(conn, limit=51, offset=cursor, filters=filters)
    return render(
        "stories.html",
        rows=rows[:50],
        more=len(rows) > 50,
        cursor=cursor,
        filters=filters,
        api=_api("/api/stories", filters),
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(conn: Conn, story_id: int) -> HTMLResponse:
    if not 1 <= story_id <= MAX_ID:
        raise NotFound(f"no story with id {story_id}")
    record = cross_queries.get_story(conn, story_id)
    originals = [a for a in record["article_list"] if a["copy_of"] is None]
    copies: dict[int, list[dict[str, Any]]] = {}
    for a in record["article_list"]:
        if a["copy_of"] is not None:
            copies.setdefault(a["copy_of"], []).append(a)
    return render("story.html", s=record, originals=originals, copies=copies, api=f"/api/stories/{story_id}")


@router.get("/quotes", response_class=HTMLResponse)
def quotes(
    conn: Conn,
    filters: FilterParams,
    speaker: Annotated[str | None, Query(max_length=300)] = None,
    cursor: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> HTMLResponse:
    rows = knowledge.list_quotes(conn, speaker=speaker or None, limit=101, offset=cursor, filters=filters)
    by_speaker: dict[str, list[dict[str, Any]]] = {}
    for r in rows[:100]:
        by_speaker.setdefault(r["speaker"] or "(unattributed)", []).append(r)
    return render(
        "quotes.html",
        by_speaker=by_speaker,
        speaker=speaker or "",
        more=len(rows) > 100,
        cursor=cursor,
        filters=filters,
        api=_api("/api/quotes", filters, speaker=speaker),
    )


@router.get("/contradictions", response_class=HTMLResponse)
def contradictions(
    conn: Conn, filters: FilterParams, cursor: Annotated[int, Query(ge=0, le=100_000)] = 0
) -> HTMLResponse:
    rows = cross_queries.list_contradictions(conn, limit=51, offset=cursor, filters=filters)
    return render(
        "contradictions.html",
        rows=rows[:50],
        more=len(rows) > 50,
        cursor=cursor,
        filters=filters,
        api=_api("/api/contradictions", filters),
    )
