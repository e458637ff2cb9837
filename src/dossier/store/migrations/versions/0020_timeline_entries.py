"""Whole timelines of much-named subjects kept in blocks of entries (issue #13): ``timeline_entries``.

Why: a first read of a much-named subject merged its window of up to 5,000 events and counted every
report of its page's clusters, hundreds of milliseconds at 100,000 articles.  The whole merged
timeline is now kept in blocks of entries, stale by the same stamps as the kept pages and rebuilt
by the ingest for the subjects its batches touch, so that a page is a range of a few rows
(``dossier.store.timeline_entries``).

Written by hand from ``dossier.store.schema`` and checked against it by
``tests/test_store.py::test_migrations_match_schema``.

Revision ID: 0020
Revises: 0019
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "timeline_entries",
        sa.Column("entity_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("block", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("subject_version", sa.Integer(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("entity_id", "subject", "block"),
    )


def downgrade() -> None:
    op.drop_table("timeline_entries")
