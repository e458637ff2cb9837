"""Indexes for the read side of the web app and API (issue #11).

* ``mentions (entity_id, article_id)``: the entity ranking (mentions and
  distinct articles per entity), an entity's counts, the ``subject`` filter
  (articles that mention an entity) and co-occurrence are read from this
  index alone, without touching the mention rows.
* ``stories (n_articles)``: the story listing, largest first, read along an
  index with a partial sort of ties instead of sorting every story.

Written by hand from ``dossier.store.schema`` and checked against it by
``tests/test_store.py::test_migrations_match_schema``.

Revision ID: 0012
Revises: 0009
"""

from alembic import op

revision = "0012"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_mentions_entity_article", "mentions", ["entity_id", "article_id"])
    op.create_index("ix_stories_n_articles", "stories", ["n_articles"])


def downgrade() -> None:
    op.drop_index("ix_stories_n_articles", table_name="stories")
    op.drop_index("ix_mentions_entity_article", table_name="mentions")
