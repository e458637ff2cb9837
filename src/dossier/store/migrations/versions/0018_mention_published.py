"""Publication times on mentions (issue #13): ``mentions.published`` and ``ix_mentions_entity_published``.

Why: an entity's page lists its mentions oldest article first.  Ordering them needed each
mention's article row (its publication time), so a page of 200 mentions of an entity named in
thousands of articles read thousands of article rows, or walked the publication index of the
whole store.  With the article's ``published`` copied onto its mentions and indexed after the
entity id, the page is a range of one index (``dossier.store.knowledge``).

The upgrade fills the column with one set-based ``UPDATE ... FROM`` (SQLite 3.33+, PostgreSQL)
before the index is built, so the index is written once.

Written by hand from ``dossier.store.schema`` and checked against it by
``tests/test_store.py::test_migrations_match_schema``.

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("mentions", sa.Column("published", sa.String(length=40), nullable=True))
    op.execute(
        "UPDATE mentions SET published = articles.published FROM articles "
        "WHERE articles.id = mentions.article_id AND articles.published IS NOT NULL"
    )
    op.create_index("ix_mentions_entity_published", "mentions", ["entity_id", "published", "article_id", "start", "id"])
    if op.get_bind().dialect.name == "postgresql":  # the planner needs the new column's statistics now
        op.execute("ANALYZE mentions")


def downgrade() -> None:
    op.drop_index("ix_mentions_entity_published", table_name="mentions")
    with op.batch_alter_table("mentions") as batch:
        batch.drop_column("published")
