"""Read-side queries: plain functions over a connection returning JSON-ready dicts.

The record shapes returned here are the documented ``--json`` interface
(``docs/records.md``); the CLI and the API print them as they are.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Connection, column, func, literal_column, select, table, text

from dossier.errors import NotFound, UsageError
from dossier.store import schema as t
from dossier.store.filters import NO_FILTERS, Filters, article_conditions, check_event_kind

_first_origin = (
    select(t.origins.c.origin)
    .where(t.origins.c.article_id == t.articles.c.id)
    .order_by(t.origins.c.id)
    .limit(1)
    .scalar_subquery()
)
_origin_count = (
    select(func.count()).select_from(t.origins).where(t.origins.c.article_id == t.articles.c.id).scalar_subquery()
)

ARTICLE_COLUMNS = (
    t.articles.c.id,
    t.articles.c.title,
    t.articles.c.url,
    _first_origin.label("origin"),
    t.articles.c.outlet,
    t.articles.c.published,
    t.articles.c.published_offset,
    t.articles.c.published_source,
    t.articles.c.language,
    t.articles.c.format,
    t.articles.c.chars,
    t.articles.c.revision,
    _origin_count.label("origins"),
)


def local_published(published: str | None, offset: int | None) -> str | None:
    """The stored UTC publication time shown at the source's own UTC offset (the same instant)."""
    if not published or offset is None:
        return published
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return published
    if moment.tzinfo is None:
        return published
    return moment.astimezone(timezone(timedelta(minutes=offset))).isoformat()


def article_record(row: Any) -> dict[str, Any]:
    """The article record every face prints: the publication time at the source's own offset."""
    record = dict(row._mapping)
    if "published_offset" in record:
        record["published"] = local_published(record.get("published"), record.pop("published_offset"))
    return record


def _check_page(limit: int | None, offset: int, *, least: int = 0) -> None:
    if limit is not None and limit < least:
        raise UsageError(f"--limit must be >= {least}, got {limit}")
    if offset < 0:
        raise UsageError(f"--offset must be >= 0, got {offset}")


def list_articles(
    conn: Connection,
    *,
    limit: int | None = 50,
    offset: int = 0,
    outlet: str | None = None,
    language: str | None = None,
    filters: Filters = NO_FILTERS,
) -> list[dict[str, Any]]:
    """Articles, newest publication first (undated last), with their first origin.

    ``filters`` restricts them by publication date, outlet, language, story and subject
    (``dossier.store.filters``); ``outlet`` and ``language`` are shorthands for the same.
    """
    _check_page(limit, offset)
    f = filters.checked()
    if outlet or language:
        f = Filters(**{**f.__dict__, "outlet": outlet or f.outlet, "language": language or f.language})
    q = select(*ARTICLE_COLUMNS).where(*article_conditions(conn, f))
    # NULLS LAST, not "published IS NULL": the same order, read along ix_articles_published
    q = q.order_by(t.articles.c.published.desc().nulls_last(), t.articles.c.id)
    if limit is not None:
        q = q.limit(limit).offset(offset)
    return [article_record(r) for r in conn.execute(q)]


def get_article(conn: Connection, article_id: int) -> dict[str, Any]:
    """One article with its text, every origin and every revision."""
    row = conn.execute(
        select(
            *ARTICLE_COLUMNS,
            t.articles.c.text,
            t.articles.c.author,
            t.articles.c.extra,
            t.articles.c.ingested_at,
            t.articles.c.sentences,
        ).where(t.articles.c.id == article_id)
    ).first()
    if row is None:
        raise NotFound(f"no article with id {article_id}", hint="list ids with `dossier articles`")
    record = article_record(row)
    record["origins"] = [
        article_record(r)
        for r in conn.execute(
            select(
                t.origins.c.origin,
                t.origins.c.url,
                t.origins.c.outlet,
                t.origins.c.format,
                t.origins.c.published,
                t.origins.c.seen_at,
            )
            .where(t.origins.c.article_id == article_id)
            .order_by(t.origins.c.id)
        )
    ]
    record["revisions"] = [
        article_record(r)
        for r in conn.execute(
            select(t.article_revisions.c.revision, t.article_revisions.c.hash, t.article_revisions.c.ingested_at)
            .where(t.article_revisions.c.article_id == article_id)
            .order_by(t.article_revisions.c.revision)
        )
    ]
    return record


_TOKEN = re.compile(r"\w+", re.UNICODE)


def _fts5_phrases(query: str) -> list[str]:
    """Every word of ``query`` quoted, so that user text is never FTS5 syntax."""
    words = _TOKEN.findall(query)
    if not words:
        raise UsageError(f"search query {query!r} has no words to look for")
    return [f'"{w}"' for w in words]


def _fts5_query(query: str) -> str:
    """A safe FTS5 expression: every word quoted (so user text is never FTS syntax), all required."""
    return " ".join(_fts5_phrases(query))


#: How many best hits facets are counted over: a facet costs what a page of hits costs, not the store.
FACET_HITS = 1000

#: How many matching rows the IDF counts of one SQLite search may cover.  Why: FTS5's ``bm25()``
#: counts every row that matches each query word, over the whole store, before it ranks the window
#: (``docs/scale-history.md``): 14-42 ms of CPU for one common word at a million articles, growing with the
#: store.  Words are ranked rarest first while their matches add up to this; the others only select
#: (:func:`_ranked_phrases`).  At 30-50 ns a row (measured at 100,000 articles), about 6-10 ms.
IDF_BUDGET = 200_000

#: How many of the most recently stored matches a search answers from (PostgreSQL ranks them all;
#: SQLite scores the :data:`SCORED_ROWS` newest).  Why: ranking scores every match, so a common word
#: on a million-article store (200k matches) cost 0.4-1.4 s (40-65 ms with the window); the newest
#: matches are what a news analyst searches first, and a narrower query or a date filter reaches
#: older ones.
RANK_WINDOW = 10_000


def _window_floor(conn: Connection, ids: Any, id_col: Any) -> int | None:
    """The smallest id among the :data:`RANK_WINDOW` newest matches, or None when there are fewer.

    Walking matches newest first and stopping at the window costs the window, not the number of
    matches; ranking then runs on the ids at or above it.  SQLite's FTS5 walks its own index
    backwards; PostgreSQL's GIN index yields matches in no order, so there the newest ids are
    probed a range at a time (:func:`_pg_window_floor`).
    """
    if conn.dialect.name == "postgresql":
        return _pg_window_floor(conn, ids, id_col)
    return _nth_newest(conn, ids, id_col, RANK_WINDOW)


def _pg_window_floor(conn: Connection, ids: Any, id_col: Any) -> int | None:
    """:func:`_window_floor` on PostgreSQL, reading about the window's rows whatever the store holds.

    Why: ``ORDER BY id DESC OFFSET`` over a GIN match fetches every matching row from the heap
    before sorting (20,700 rows for "economy growth" at 100,000 articles, ten times that at a
    million).  A range of the newest ids, ANDed with the GIN bitmap, visits only the matches
    inside it: the first range holds ``4 × RANK_WINDOW`` ids, each next one is sized from the
    share of ids that matched so far (a quarter more than needed), until it holds the window or
    reaches the oldest article.  The answer is the same id.
    """
    first, last = conn.execute(select(func.min(t.articles.c.id), func.max(t.articles.c.id))).one()
    if last is None:
        return None
    base = ids.order_by(None)
    span = 4 * RANK_WINDOW
    while True:
        low = max(first, last - span + 1)
        newest = base.where(id_col >= low).order_by(id_col.desc()).limit(RANK_WINDOW).subquery()
        found, least = conn.execute(select(func.count(), func.min(newest.c[0]))).one()
        if found >= RANK_WINDOW:
            return int(least)
        if low <= first:
            return None
        span = max(2 * span, (span * RANK_WINDOW * 5) // (4 * max(found, 1)))


def _search_hits(conn: Connection, query: str, limit: int, offset: int, f: Filters) -> list[Any]:
    """(id, score) of the best matches, filtered by ``f``, best first.

    No snippet here: a snippet computed in the ranking query is computed for every ranked match
    (SQLite's sorter and PostgreSQL's both hold whole result rows), which tripled the cost of a
    common word; :func:`_snippets` makes them for the page only.
    """
    dialect = conn.dialect.name
    conds = article_conditions(conn, f)
    if f.kind:  # on a search, kind is an event kind the article reports
        check_event_kind(conn, f.kind)
        conds.append(
            t.articles.c.id.in_(select(t.events.c.article_id).where(func.upper(t.events.c.kind) == f.kind.upper()))
        )
    if dialect == "sqlite":
        return _sqlite_hits(conn, _fts5_phrases(query), conds, limit, offset)
    if dialect == "postgresql":
        _fts5_query(query)  # same validation of an empty query
        tsq = func.plainto_tsquery("simple", query)
        q = (
            select(
                t.articles.c.id,
                func.ts_rank(literal_column("articles.tsv"), tsq).label("score"),
            )
            .where(literal_column("articles.tsv").op("@@")(tsq), *conds)
            .order_by(literal_column("score").desc(), t.articles.c.id)
        )
        floor = _window_floor(conn, q.with_only_columns(t.articles.c.id), t.articles.c.id)
        if floor is not None:
            q = q.where(t.articles.c.id >= floor)
        return conn.execute(q.limit(limit).offset(offset)).all()
    raise UsageError(f"full-text search is not available on {dialect}")  # pragma: no cover


#: Where a word's matches are counted to estimate how many articles hold it: this many slices of
#: ``SAMPLE_SLICE`` consecutive ids, spread evenly from the oldest article to the newest.
SAMPLE_SLICES = 8
SAMPLE_SLICE = 512


def _phrase_docs(conn: Connection, phrase: str, newest: int) -> int:
    """About how many of the articles (ids up to ``newest``) match ``phrase``: counted in slices of ids.

    Why not count them all: counting a common word's matches costs what ``bm25()``'s own count
    costs (70-100 ns a row through SQL, 30-50 ns inside FTS5, measured at 100,000 articles), which
    is what the budget is to avoid.  FTS5 narrows its cursor to each slice's rowid range, so this
    reads about ``SAMPLE_SLICES × SAMPLE_SLICE`` ids' matches whatever the store holds; evenly
    spread slices follow a word whose use changed over time.  Exact when the slices cover every id.
    """
    span = SAMPLE_SLICES * SAMPLE_SLICE
    if newest <= span:
        bounds = [(1, newest)]
    else:
        step = (newest - SAMPLE_SLICE) // (SAMPLE_SLICES - 1)
        bounds = [(1 + i * step, i * step + SAMPLE_SLICE) for i in range(SAMPLE_SLICES - 1)]
        bounds.append((newest - SAMPLE_SLICE + 1, newest))  # the newest ids: always sampled
    slices = " + ".join(
        f"(SELECT count(*) FROM articles_fts WHERE articles_fts MATCH :p AND rowid BETWEEN {lo} AND {hi})"
        for lo, hi in bounds
    )
    hits = int(conn.execute(text(f"SELECT {slices}"), {"p": phrase}).scalar_one())
    sampled = sum(hi - lo + 1 for lo, hi in bounds)
    return hits if sampled >= newest else round(hits * newest / sampled)


def _ranked_phrases(conn: Connection, phrases: list[str]) -> list[str]:
    """The query's phrases that ``bm25()`` ranks with: the rarest, while their matches fit :data:`IDF_BUDGET`.

    Why: ``bm25()`` counts every match of each of its phrases over the whole store for the phrase's
    IDF, whatever the statement ranks.  A word too common for the budget keeps selecting (the search
    still requires every word) but no longer weighs in the score; at half the store or more
    ``bm25()`` gave it an IDF of 1e-6 anyway, and below that its weight is small beside the rarer
    words'.  How many articles hold each word is estimated from samples of ids
    (:func:`_phrase_docs`); a store with too few articles to exceed the budget (two words and up
    to 100,000 articles) is not sampled.
    """
    newest = conn.execute(select(func.max(t.articles.c.id))).scalar() or 0
    if newest * len(phrases) <= IDF_BUDGET:  # no phrase matches more articles than there are ids
        return phrases
    docs = {p: _phrase_docs(conn, p, newest) for p in dict.fromkeys(phrases)}
    kept: set[str] = set()
    spent = 0
    for phrase in sorted(docs, key=lambda p: (docs[p], p)):
        cost = docs[phrase] * phrases.count(phrase)  # bm25() counts a repeated phrase once per occurrence
        if spent + cost > IDF_BUDGET:
            break
        kept.add(phrase)
        spent += cost
    return [p for p in phrases if p in kept]


def _fts_ids(fts: Any, match: str, expr: str, conds: list[Any], floor: int | None) -> Any:
    """Ids of ``fts`` (the FTS5 table or an alias; ``match`` names its MATCH column) matching ``expr``.

    At or above ``floor`` when given, and restricted to the articles that ``conds`` select.
    """
    param = match.replace(".", "_")
    q = select(fts.c.rowid).select_from(fts).where(text(f"{match} MATCH :{param}").bindparams(**{param: expr}))
    if conds:
        q = q.where(fts.c.rowid.in_(select(t.articles.c.id).where(*conds)))
    if floor is not None:
        q = q.where(fts.c.rowid >= floor)  # FTS5 narrows its own cursor on a rowid range
    return q


#: How many matches of one SQLite search ``bm25()`` scores: the newest this many.  Why: scoring
#: reads each match's word positions and its length (FTS5's docsize row), about 1-2 µs a match at
#: 100,000 articles and 3.5-5 µs at a million (``docs/scale-history.md``, "Search at a million, ninth round"),
#: so the whole window of 10,000 cost 15-50 ms.  The rest of the window follows them, newest first.
SCORED_ROWS = 2_000


def _nth_newest(conn: Connection, ids: Any, id_col: Any, n: int) -> int | None:
    """The id of the ``n``-th newest of ``ids`` (a select of one id column), or None when there are fewer.

    FTS5 walks its matches newest first and the walk stops there: it costs ``n`` matches, not all.
    """
    return conn.execute(ids.order_by(None).order_by(id_col.desc()).limit(1).offset(n - 1)).scalar()


def _sqlite_hits(conn: Connection, phrases: list[str], conds: list[Any], limit: int, offset: int) -> list[Any]:
    """:func:`_search_hits` on SQLite: FTS5's ``bm25()`` over the newest matches, then newest first.

    The :data:`SCORED_ROWS` newest matches (every word, the filters) come first, best ``bm25()``
    first, scored with the phrases :func:`_ranked_phrases` keeps; the rest of the window (the
    :data:`RANK_WINDOW` newest matches) follows newest first, with score 0, and is read only when a
    page reaches it.  When no phrase is kept (every word in more than :data:`IDF_BUDGET` articles),
    see :func:`_unranked_window`.
    """
    fts = table("articles_fts", column("rowid"))
    every = " ".join(phrases)
    matches = _fts_ids(fts, "articles_fts", every, conds, None)
    ranked = _ranked_phrases(conn, phrases)
    if not ranked:
        floor = _nth_newest(conn, matches, fts.c.rowid, RANK_WINDOW)
        return _unranked_window(conn, every, conds, floor, limit, offset)
    scored = min(SCORED_ROWS, RANK_WINDOW)
    scored_floor = _nth_newest(conn, matches, fts.c.rowid, scored)
    hits = _scored_page(conn, phrases, ranked, conds, scored_floor, limit, offset)
    if scored_floor is None or len(hits) == limit:  # every match scored, or the page is full
        return hits
    # exactly `scored` matches lie at or above scored_floor: the page goes on past them, newest first
    floor = _nth_newest(conn, matches, fts.c.rowid, RANK_WINDOW)
    older = _newest_page(conn, every, conds, floor, scored_floor, limit - len(hits), max(0, offset - scored))
    return hits + older


def _scored_page(
    conn: Connection,
    phrases: list[str],
    ranked: list[str],
    conds: list[Any],
    floor: int | None,
    limit: int,
    offset: int,
) -> list[Any]:
    """A page of the matches at or above ``floor``, best ``bm25()`` (over the ``ranked`` phrases) first.

    When every phrase ranks, one FTS5 cursor selects and ranks.  When some are left out, the kept
    ones rank the rows that a second cursor, with every phrase, selects.
    """
    fts = table("articles_fts", column("rowid"))
    every = " ".join(phrases)
    if len(ranked) == len(phrases):
        q = _fts_ids(fts, "articles_fts", every, conds, floor)
    else:
        selecting = _fts_ids(table("articles_fts", column("rowid")).alias("w"), "w.articles_fts", every, conds, floor)
        # '+': the IN stays off FTS5's cursor; probed row by row, bm25() would count its IDF per row
        q = _fts_ids(fts, "articles_fts", " ".join(ranked), [], floor).where(
            literal_column("+articles_fts.rowid").in_(selecting)
        )
    score = literal_column("bm25(articles_fts)").label("score")
    q = q.with_only_columns(fts.c.rowid.label("id"), score).order_by(literal_column("score"))
    return conn.execute(q.limit(limit).offset(offset)).all()


def _newest_page(
    conn: Connection,
    expr: str,
    conds: list[Any],
    floor: int | None,
    below: int | None,
    limit: int,
    offset: int,
    *,
    walk_up: bool = False,
) -> list[Any]:
    """A page of the matches of ``expr`` at or above ``floor`` (and below ``below``), newest first, score 0.

    FTS5 reads its matches newest first and stops at the page: no sort, whatever the window holds.
    ``walk_up`` (for a column filter such as ``title : ...``): FTS5 reads the range oldest first and
    SQLite keeps the newest.  Why: walking down, FTS5 skips the rows that fail a column filter without
    checking the range's floor, so a word seldom in titles walked its whole doclist (50 ms for "said"
    at a million articles, against 0.2-1.2 ms up).
    """
    fts = table("articles_fts", column("rowid"))
    q = _fts_ids(fts, "articles_fts", expr, conds, floor)
    if below is not None:
        q = q.where(fts.c.rowid < below)
    q = q.with_only_columns(fts.c.rowid.label("id"), literal_column("0.0").label("score"))
    newest = literal_column("+articles_fts.rowid").desc() if walk_up else fts.c.rowid.desc()
    return conn.execute(q.order_by(newest).limit(limit).offset(offset)).all()


def _unranked_window(
    conn: Connection, every: str, conds: list[Any], floor: int | None, limit: int, offset: int
) -> list[Any]:
    """The window when no word is rare enough to rank with: titles holding every word first, then newest.

    Why: every word is in more than :data:`IDF_BUDGET` articles, so the window is the newest
    :data:`RANK_WINDOW` of that many matches already; their ``bm25()`` scores (small: common words
    weigh little) would cost counting all of them.  A title that names every word is the cheap
    sign of an article about them.  Two walks newest first, each stopping at the page: the titled
    matches, then (when the page goes past them) the others, ``every NOT title : (every)``; no sort
    of the window.  Score 0 for all.
    """
    titled = _newest_page(conn, f"title : ({every})", conds, floor, None, offset + limit, 0, walk_up=True)
    if len(titled) == offset + limit:
        return titled[offset:]
    # fewer than asked: these are all the titled matches of the window
    others = f"({every}) NOT (title : ({every}))"
    skip = max(0, offset - len(titled))
    return titled[offset:] + _newest_page(conn, others, conds, floor, None, limit - len(titled[offset:]), skip)


def _snippets(conn: Connection, query: str, ids: list[int]) -> dict[int, str]:
    """The matching passage of each of ``ids`` (matches in ``[...]``), made for those rows only.

    SQLite's ``snippet()`` needs the MATCH cursor: the cursor is narrowed to the ids' rowid range,
    which lies inside the ranking window, so this reads at most that window's postings.  The ``+``
    keeps the IN off FTS5's cursor: offered it, SQLite opens the cursor once per id, and each opening
    seeks every word's doclist (0.1-0.3 ms an id at 100,000 articles, against 0.4-2.5 ms for the
    whole range).
    """
    if not ids:
        return {}
    if conn.dialect.name == "sqlite":
        fts = table("articles_fts", column("rowid"))
        q = (
            select(fts.c.rowid, literal_column("snippet(articles_fts, 1, '[', ']', '…', 16)"))
            .select_from(fts)
            .where(
                text("articles_fts MATCH :q").bindparams(q=_fts5_query(query)),
                fts.c.rowid >= min(ids),
                fts.c.rowid <= max(ids),
                literal_column("+articles_fts.rowid").in_(ids),
            )
        )
    else:
        tsq = func.plainto_tsquery("simple", query)
        headline = func.ts_headline("simple", t.articles.c.text, tsq, "StartSel=[,StopSel=],MaxWords=24,MinWords=8")
        q = select(t.articles.c.id, headline).where(t.articles.c.id.in_(ids))
    return {row[0]: row[1] for row in conn.execute(q)}


def search(
    conn: Connection, query: str, *, limit: int = 20, offset: int = 0, filters: Filters = NO_FILTERS
) -> list[dict[str, Any]]:
    """Full-text search over titles and texts, best match first, with a snippet (matches in ``[...]``).

    Answered from the :data:`RANK_WINDOW` most recently stored matches (all of them on most stores).
    On SQLite the :data:`SCORED_ROWS` newest of those are ranked by ``bm25()`` and the rest follow
    newest first with score 0; on PostgreSQL ``ts_rank`` ranks the whole window.
    """
    _check_page(limit, offset, least=1)
    hits = _search_hits(conn, query, limit, offset, filters.checked())
    if not hits:
        return []
    by_id = {
        r.id: article_record(r)
        for r in conn.execute(select(*ARTICLE_COLUMNS).where(t.articles.c.id.in_([h.id for h in hits])))
    }
    snippets = _snippets(conn, query, [h.id for h in hits])
    out = []
    for h in hits:
        record = by_id[h.id]
        record["snippet"] = snippets.get(h.id, "")
        record["score"] = round(abs(float(h.score)), 4)
        out.append(record)
    return out


def search_facets(conn: Connection, query: str, *, filters: Filters = NO_FILTERS) -> dict[str, Any]:
    """Counts by outlet, language, publication month, entity and event kind over the best matches.

    Counted over the :data:`FACET_HITS` best hits (``hits`` says how many were
    counted, ``capped`` whether there may be more), so a common word costs a
    bounded amount of work.
    """
    hits = _search_hits(conn, query, FACET_HITS, 0, filters.checked())
    ids = [h.id for h in hits]
    out: dict[str, Any] = {"hits": len(ids), "capped": len(ids) == FACET_HITS}
    if not ids:
        return {**out, "outlet": [], "language": [], "month": [], "entity": [], "kind": []}
    a = t.articles.c
    month = func.substr(a.published, 1, 7)

    def counted(rows: Any) -> list[dict[str, Any]]:
        return [{"value": v, "count": int(n)} for v, n in rows]

    out["outlet"] = counted(
        conn.execute(
            select(a.outlet, func.count()).where(a.id.in_(ids)).group_by(a.outlet).order_by(func.count().desc())
        )
    )
    out["language"] = counted(
        conn.execute(
            select(a.language, func.count()).where(a.id.in_(ids)).group_by(a.language).order_by(func.count().desc())
        )
    )
    out["month"] = counted(
        conn.execute(select(month, func.count()).where(a.id.in_(ids), a.published.is_not(None)).group_by(month))
    )
    m = t.mentions.c
    articles = func.count(func.distinct(m.article_id))
    out["entity"] = [
        {"value": name, "id": eid, "kind": kind, "count": int(n)}
        for eid, name, kind, n in conn.execute(
            select(t.entities.c.id, t.entities.c.name, t.entities.c.kind, articles)
            .join(t.entities, t.entities.c.id == m.entity_id)
            .where(m.article_id.in_(ids))
            .group_by(t.entities.c.id, t.entities.c.name, t.entities.c.kind)
            .order_by(articles.desc(), t.entities.c.name)
            .limit(20)
        )
    ]
    e = t.events.c
    out["kind"] = counted(
        conn.execute(
            select(e.kind, func.count(func.distinct(e.article_id)))
            .where(e.article_id.in_(ids))
            .group_by(e.kind)
            .order_by(func.count(func.distinct(e.article_id)).desc())
        )
    )
    return out


def stats(conn: Connection) -> dict[str, Any]:
    """Counts an analyst checks after an ingest: articles, origins, languages, extraction records."""

    def count(table: Any) -> int:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

    by_language = {
        (lang or "und"): n
        for lang, n in conn.execute(
            select(t.articles.c.language, func.count()).group_by(t.articles.c.language).order_by(func.count().desc())
        )
    }
    by_format = {
        fmt: n for fmt, n in conn.execute(select(t.articles.c.format, func.count()).group_by(t.articles.c.format))
    }
    span = conn.execute(select(func.min(t.articles.c.published), func.max(t.articles.c.published))).one()
    return {
        "articles": count(t.articles),
        "origins": count(t.origins),
        "revisions": count(t.article_revisions),
        "outlets": int(conn.execute(select(func.count(func.distinct(t.articles.c.outlet)))).scalar_one()),
        "languages": by_language,
        "formats": by_format,
        "first_published": span[0],
        "last_published": span[1],
        "entities": count(t.entities),
        # the sum of the stored per-entity counts: one row per entity read, not one per mention
        "mentions": int(conn.execute(select(func.coalesce(func.sum(t.entities.c.mention_count), 0))).scalar_one()),
        "times": count(t.times),
        "quotes": count(t.quotes),
        "events": count(t.events),
        "rejections": count(t.rejections),
    }
