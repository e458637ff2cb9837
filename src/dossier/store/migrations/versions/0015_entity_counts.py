"""Stored mention and article counts per entity (issue #13).

``entities.mention_count`` and ``entities.article_count`` hold how often an entity is named and in
how many articles, kept by every write that adds, removes or moves mentions
(``dossier.store.entity_counts``).  Why: the entity listing ranked every entity by counting every
mention in the store, and an entity's page counted all of that entity's mentions (over a million
for a country in a million-article store) on each read.  ``ix_entities_counts`` lets the listing
read its page along an index.

The upgrade fills both columns from ``mentions`` with one grouped statement (read along
``ix_mentions_entity_article``, which covers it).

Written by hand from ``dossier.store.schema`` and checked against it by
``tests/test_store.py::test_migrations_match_schema``.

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("entities", sa.Column("mention_count", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("entities", sa.Column("article_count", sa.Integer(), nullable=False, server_default="0"))
    op.execute(
        "UPDATE entities SET mention_count = c.n, article_count = c.a "
        "FROM (SELECT entity_id, count(*) AS n, count(DISTINCT article_id) AS a "
        "FROM mentions GROUP BY entity_id) AS c WHERE c.entity_id = entities.id"
    )
    op.create_index("ix_entities_counts", "entities", ["article_count", "mention_count"])


def downgrade() -> None:
    op.drop_index("ix_entities_counts", table_name="entities")
    with op.batch_alter_table("entities") as batch:
        batch.drop_column("article_count")
        batch.drop_column("mention_count")
