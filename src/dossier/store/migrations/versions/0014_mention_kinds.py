"""Indexes that keep the writer and the timeline bounded as the store grows (issue #13).

* ``mentions (entity_id, kind)``: settling an entity's kind reads a bounded count.
* ``event_entities (entity_id, event_id)``: a timeline reads a subject's newest events only.

The writer decides each entity's kind from its mentions (``store.write.settle_kinds``).  Counting
every mention of a much-named entity on each write made the writer's cost grow with the store;
with this index the writer counts only the mentions of the kinds in question, and stops counting
the entity's own kind once it is known to be the majority.

Written by hand from ``dossier.store.schema`` and checked against it by
``tests/test_store.py::test_migrations_match_schema``.

Revision ID: 0014
Revises: 0013
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_mentions_entity_kind", "mentions", ["entity_id", "kind"])
    op.create_index("ix_event_entities_entity_event", "event_entities", ["entity_id", "event_id"])


def downgrade() -> None:
    op.drop_index("ix_event_entities_entity_event", table_name="event_entities")
    op.drop_index("ix_mentions_entity_kind", table_name="mentions")
