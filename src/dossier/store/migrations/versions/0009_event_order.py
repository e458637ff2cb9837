"""Events carry the interval their date denotes (``date_order``), indexed, so listings sort by time in SQL.

Existing events are filled in from their date.  Checked against ``dossier.store.schema``
by ``tests/test_store.py::test_migrations_match_schema``.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("date_order", sa.String(length=48), nullable=True))
    op.create_index("ix_events_date_order", "events", ["date_order", "reported", "id"])
    from dossier.analyze.timex.intervals import order_text

    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, date FROM events WHERE date IS NOT NULL")).all()
    updates = [{"i": r.id, "o": order_text(r.date)} for r in rows]
    updates = [u for u in updates if u["o"] is not None]
    if updates:
        conn.execute(sa.text("UPDATE events SET date_order = :o WHERE id = :i"), updates)


def downgrade() -> None:
    op.drop_index("ix_events_date_order", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("date_order")
