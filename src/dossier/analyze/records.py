"""The records ``dossier analyze`` prints: one dict per extracted item, tagged with ``type`` and ``doc``.

``sentence`` is the text of the sentence holding the item (what an analyst
reads to judge it) and ``sentence_index`` its position, so every record can
be traced back without the article at hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dossier.model import Article, DocAnalysis, to_record


def analysis_records(article: Article, analysis: DocAnalysis) -> Iterator[dict[str, Any]]:
    doc = article.doc_key

    def with_sentence(record: dict[str, Any], index: int) -> dict[str, Any]:
        record["sentence_index"] = index
        record["sentence"] = analysis.sentence_text(index) if analysis.sentences else None
        return record

    for m in analysis.mentions:
        r = to_record(m)
        yield {"type": "mention", "doc": doc, **with_sentence(r, m.sentence)}
    for e in analysis.entities:
        yield {"type": "entity", "doc": doc, **to_record(e)}
    for x in analysis.times:
        yield {"type": "time", "doc": doc, **with_sentence(to_record(x), x.sentence)}
    for q in analysis.quotes:
        yield {"type": "quote", "doc": doc, **with_sentence(to_record(q), q.sentence)}
    for ev in analysis.events:
        yield {"type": "event", "doc": doc, **with_sentence(to_record(ev), ev.sentence)}
