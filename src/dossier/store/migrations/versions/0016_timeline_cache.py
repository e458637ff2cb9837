"""Timeline pages kept by their first reader (issue #13): ``timeline_cache`` and ``store_versions``.

* ``timeline_cache``: unfiltered timeline pages, a few per subject, each with the ``timelines``
  stamp it was built at (``store/timeline_cache.py``).
* ``store_versions``: named stamps that the writer moves; ``timelines`` starts at 0.

No back-fill: the cache starts empty, and the first read of each timeline costs what a read
cost before, so the migration costs the same on any store.

Written by hand from ``dossier.store.schema`` and checked against it by
``tests/test_store.py::test_migrations_match_schema``.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "timeline_cache",
        sa.Column("entity_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("page", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kept_at", sa.String(length=40), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("entity_id", "page"),
    )
    op.create_index("ix_timeline_cache_version", "timeline_cache", ["version"])
    versions = op.create_table(
        "store_versions",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.bulk_insert(versions, [{"name": "timelines", "version": 0}])


def downgrade() -> None:
    op.drop_table("store_versions")
    op.drop_index("ix_timeline_cache_version", table_name="timeline_cache")
    op.drop_table("timeline_cache")
