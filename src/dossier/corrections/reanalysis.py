"""Re-analysing one stored article after its date or language was corrected.

Relative dates ("yesterday", "last week") are anchored on the publication date and the language picks
the models, so a corrected date or language changes what the analysis finds.  This rewrites the
article's extraction records from its stored text (the analysts' corrections of those records are
replayed by ``save_analysis``) and puts its events back into their cross-article clusters.  It loads
the NLP models, which is why the edit command lets a user skip it (``--no-reanalyze``).
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from dossier.corrections.articles import get_article
from dossier.corrections.extractions import recluster, uncluster
from dossier.model import Article
from dossier.store import schema as t


def stored_article(conn: Connection, article_id: int) -> Article:
    """The stored article as the analysis stage takes it."""
    from dossier.ingest.reanalysis import article_from_row

    return article_from_row(get_article(conn, article_id))


def reanalyze_article(conn: Connection, article_id: int) -> None:
    """Rewrite one article's extraction records from its text and metadata as they stand now.

    The same rewrite as ``dossier reanalyze`` (:func:`dossier.ingest.reanalysis.replace_derived_records`),
    for one article, followed by putting its events back into their cross-article clusters.
    """
    from dossier.analyze import Analyzer
    from dossier.ingest.reanalysis import replace_derived_records

    article = stored_article(conn, article_id)
    analysis = Analyzer().analyze(article)
    uncluster(conn, [r.id for r in conn.execute(select(t.events.c.id).where(t.events.c.article_id == article_id))])
    replace_derived_records(conn, article_id, analysis)
    recluster(conn, article_id)
