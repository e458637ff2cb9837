"""Analysts' corrections: the append-only log, deleted content, notes and tags, review marks (issue #16).

Written by hand from ``dossier.store.schema`` and checked against it by
``tests/test_store.py::test_migrations_match_schema``.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("events", "quotes", "times"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("review", sa.String(length=16), nullable=True))
            batch.add_column(sa.Column("corrected", sa.JSON(), nullable=True))
    for table in ("entities", "articles"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("corrected", sa.JSON(), nullable=True))

    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("user", sa.Text(), nullable=False),
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("target_type", sa.String(length=16), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("target_key", sa.Text(), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=32), nullable=True),
        sa.Column("old_value", sa.JSON(), nullable=True),
        sa.Column("new_value", sa.JSON(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("undoes", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_corrections_article", "corrections", ["article_id"])
    op.create_index("ix_corrections_target", "corrections", ["target_type", "target_key"])
    op.create_index("ix_corrections_undoes", "corrections", ["undoes"])

    op.create_table(
        "deleted_content",
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("correction_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("hash"),
    )

    op.create_table(
        "annotations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target_type", sa.String(length=16), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("target_key", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("user", sa.Text(), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("correction_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_annotations_target", "annotations", ["target_type", "target_id"])
    op.create_index("ix_annotations_key", "annotations", ["target_type", "target_key"])


def downgrade() -> None:
    op.drop_table("annotations")
    op.drop_table("deleted_content")
    op.drop_table("corrections")
    for table in ("entities", "articles"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("corrected")
    for table in ("events", "quotes", "times"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("corrected")
            batch.drop_column("review")
