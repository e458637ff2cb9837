"""Scale (issue #13): resumable re-analysis runs and the index ``--since`` needs.

Written by hand from ``dossier.store.schema`` and checked against it by
``tests/test_store.py::test_migrations_match_schema``.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_articles_ingested_at", "articles", ["ingested_at"])
    op.create_table(
        "reanalysis_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("since", sa.String(length=40), nullable=True),
        sa.Column("started_at", sa.String(length=40), nullable=False),
        sa.Column("finished_at", sa.String(length=40), nullable=True),
        sa.Column("last_article_id", sa.Integer(), server_default="0", nullable=False),
        sa.Column("articles", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("reanalysis_runs")
    op.drop_index("ix_articles_ingested_at", table_name="articles")
