"""Indexed folded names and aliases of entities (issue #13): ``entity_names``.

Why: resolving a name (``dossier entity NAME``, ``dossier timeline NAME``, a filter by
subject) matched it against ``entities.name`` and the JSON ``aliases`` with ``lower()`` and
``ILIKE '%name%'``, which no index serves: every by-name read scanned the entities table.
``entity_names`` holds each entity's case-folded name and aliases under a primary key that
starts with the folded text (``dossier.store.entity_names``).

The upgrade fills it from every entity in Python (``str.casefold`` has no SQL equivalent on
SQLite), one pass over the entities table.

Written by hand from ``dossier.store.schema`` and checked against it by
``tests/test_store.py::test_migrations_match_schema``.

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entity_names",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("name", "entity_id"),
    )
    op.create_index(op.f("ix_entity_names_entity_id"), "entity_names", ["entity_id"], unique=False)
    from dossier.store.entity_names import rebuild

    bind = op.get_bind()
    rebuild(bind)
    if bind.dialect.name == "postgresql":  # statistics now: until autovacuum runs, the planner would scan entities
        op.execute("ANALYZE entity_names")


def downgrade() -> None:
    op.drop_index(op.f("ix_entity_names_entity_id"), table_name="entity_names")
    op.drop_table("entity_names")
