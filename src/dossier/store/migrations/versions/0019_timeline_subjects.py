"""Kept timeline pages invalidated per subject by the ingest (issue #13): ``timeline_cache.subject_version``
and ``timeline_names``.

Why: every write transaction moved one store-wide stamp, so after any ingest batch the first read
of every timeline built it again.  An ingest batch of new articles now moves only the stamps of
the subjects it touched (``store_versions`` rows ``timelines/<entity id>``, created on first
use); a kept page records the sum of its subjects' stamps beside the store-wide one, and
``timeline_names`` lists the source names each subject's pages looked up
(``dossier.store.timeline_cache``).  Pages kept before this revision carry 0, the sum of stamps
that do not exist yet, and stay valid until a write touches them.

Written by hand from ``dossier.store.schema`` and checked against it by
``tests/test_store.py::test_migrations_match_schema``.

Revision ID: 0019
Revises: 0018
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("timeline_cache", sa.Column("subject_version", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "timeline_names",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("name", "entity_id"),
    )
    op.create_index(op.f("ix_timeline_names_entity_id"), "timeline_names", ["entity_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_timeline_names_entity_id"), table_name="timeline_names")
    op.drop_table("timeline_names")
    with op.batch_alter_table("timeline_cache") as batch:
        batch.drop_column("subject_version")
