"""Contradictions kept per story (issue #13): ``story_contradictions``; stats from an index.

* ``story_contradictions``: what the contradiction finder finds inside each
  story, kept until the story's events change (``store/contradiction_cache.py``).
* ``articles (language, format)``: ``dossier stats`` counts by language and by
  format from the index instead of reading every article row twice.

Back-fill: the index is built from the stored rows; contradictions need no
row-by-row back-fill: a story without a row (every story of an
existing store) is computed the first time a reader asks for it and kept
from then on, so the migration costs the same on any store and the first
read of each story costs what reads cost before.

Written by hand from ``dossier.store.schema`` and checked against it by
``tests/test_store.py::test_migrations_match_schema``.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_contradictions",
        sa.Column("story_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("flags", sa.JSON(none_as_null=True), nullable=True),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("story_id"),
    )
    op.create_index("ix_articles_language_format", "articles", ["language", "format"])


def downgrade() -> None:
    op.drop_index("ix_articles_language_format", table_name="articles")
    op.drop_table("story_contradictions")
