"""``dossier export graphml`` / ``gexf``: the network of entities that appear together, for Gephi.

Two entities are linked when they take part in the same event (actor, target,
equipment, place) or when one is quoted speaking about the other (the speaker
and every entity mentioned inside the quote).  Edges carry ``weight`` (events
plus quotes), ``events``, ``quotes``, the event ``kinds`` and the
``first_seen``/``last_seen`` dates (the event's own date when it has a year,
else the report's); nodes carry ``label``, ``kind``, ``wikidata``,
``mentions`` and the same counts and dates.  Written with networkx, whose
GraphML and GEXF writers Gephi reads.

The graph itself lives in memory (it is the size of the entity network, not
of the corpus); events and quotes are read page by page to build it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations
from typing import Any

from sqlalchemy import Connection, select

from dossier.export.base import ExportResult, Target, pages
from dossier.export.selection import Resolved
from dossier.store import schema as t

_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _when(value: str | None) -> str | None:
    """The calendar part (year, month or day) of a TIMEX3 value with a known year, else None.

    ``2025-W39`` gives ``2025``: week and season values would not sort among calendar dates.
    """
    match = _CALENDAR.match(value or "")
    return match.group(0) if match else None


class _Span:
    """Counts and first/last dates of a node or an edge."""

    __slots__ = ("events", "first", "kinds", "last", "quotes")

    def __init__(self) -> None:
        self.events = 0
        self.quotes = 0
        self.kinds: set[str] = set()
        self.first: str | None = None
        self.last: str | None = None

    def see(self, when: str | None) -> None:
        if when is None:
            return
        if self.first is None or when < self.first:
            self.first = when
        if self.last is None or when > self.last:
            self.last = when

    def attrs(self) -> dict[str, Any]:
        return {
            "events": self.events,
            "quotes": self.quotes,
            "weight": self.events + self.quotes,
            "kinds": ";".join(sorted(self.kinds)),
            "first_seen": self.first or "",
            "last_seen": self.last or "",
        }


def build_graph(conn: Connection, sel: Resolved) -> Any:
    """The co-occurrence network of the selected events and quotes, as a networkx Graph."""
    import networkx as nx

    nodes: dict[int, _Span] = defaultdict(_Span)
    edges: dict[tuple[int, int], _Span] = defaultdict(_Span)

    def link(members: set[int], when: str | None, *, kind: str | None, quote: bool) -> None:
        for entity in members:
            span = nodes[entity]
            span.see(when)
            if quote:
                span.quotes += 1
            else:
                span.events += 1
                if kind:
                    span.kinds.add(kind)
        for a, b in combinations(sorted(members), 2):
            span = edges[(a, b)]
            span.see(when)
            if quote:
                span.quotes += 1
            else:
                span.events += 1
                if kind:
                    span.kinds.add(kind)

    ev = t.events.c
    q = select(ev.id, ev.kind, ev.date, ev.reported, ev.modality, ev.review).where(sel.where_article(ev.article_id))
    for page in pages(conn, q, ev.id):
        members: dict[int, set[int]] = defaultdict(set)
        for event_id, entity_id in conn.execute(
            select(t.event_entities.c.event_id, t.event_entities.c.entity_id).where(
                t.event_entities.c.event_id.in_([r.id for r in page])
            )
        ):
            members[event_id].add(entity_id)
        for r in page:
            if sel.keeps_event(r) and members.get(r.id):
                link(members[r.id], _when(r.date) or _when(r.reported), kind=r.kind, quote=False)

    qc = t.quotes.c
    q = (
        select(qc.id, qc.article_id, qc.speaker_entity_id, qc.start, qc.end, qc.date, t.articles.c.published)
        .join(t.articles, t.articles.c.id == qc.article_id)
        .where(qc.speaker_entity_id.is_not(None), sel.where_article(qc.article_id))
    )
    for page in pages(conn, q, qc.id):
        spans: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        for article_id, entity_id, start, end in conn.execute(
            select(t.mentions.c.article_id, t.mentions.c.entity_id, t.mentions.c.start, t.mentions.c.end).where(
                t.mentions.c.article_id.in_({r.article_id for r in page})
            )
        ):
            spans[article_id].append((entity_id, start, end))
        for r in page:
            inside = {e for e, s, end in spans.get(r.article_id, []) if s >= r.start and end <= r.end}
            inside.discard(r.speaker_entity_id)
            if inside:
                link({r.speaker_entity_id, *inside}, _when(r.date) or _when(r.published), kind=None, quote=True)

    graph = nx.Graph(name="Dossier entity network: " + sel.selection.describe())
    if nodes:
        counts = dict(
            conn.execute(
                select(t.entities.c.id, t.entities.c.mention_count).where(t.entities.c.id.in_(list(nodes)))
            ).all()
        )
        for r in conn.execute(
            select(t.entities.c.id, t.entities.c.name, t.entities.c.kind, t.entities.c.wikidata).where(
                t.entities.c.id.in_(list(nodes))
            )
        ):
            graph.add_node(
                f"e{r.id}",
                label=r.name,
                kind=r.kind,
                wikidata=r.wikidata or "",
                mentions=int(counts.get(r.id, 0)),
                **nodes[r.id].attrs(),
            )
    for (a, b), span in edges.items():
        graph.add_edge(f"e{a}", f"e{b}", **span.attrs())
    return graph


class _GraphExporter:
    name = ""
    description = ""
    layout = "file"
    suffix = ""

    def write(self, graph: Any, fh: Any) -> None:
        raise NotImplementedError

    def export(self, conn: Connection, selection: Resolved, target: Target) -> ExportResult:
        graph = build_graph(conn, selection)
        with target.open_binary() as fh:
            self.write(graph, fh)
        return ExportResult(
            self.name,
            paths=[target.name],
            counts={"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()},
        )


class GraphMLExporter(_GraphExporter):
    name = "graphml"
    description = "entity co-occurrence network (events, quotes) as GraphML, for Gephi or networkx"
    suffix = ".graphml"

    def write(self, graph: Any, fh: Any) -> None:
        import networkx as nx

        nx.write_graphml(graph, fh)


class GexfExporter(_GraphExporter):
    name = "gexf"
    description = "entity co-occurrence network (events, quotes) as GEXF 1.2, for Gephi"
    suffix = ".gexf"

    def write(self, graph: Any, fh: Any) -> None:
        import networkx as nx

        nx.write_gexf(graph, fh)
