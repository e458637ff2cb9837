"""Wikidata links with their confidence and origin (issue #15, ``dossier kb load``).

``wikidata_confidence`` says how sure a link is (1.0 for an id the curated
gazetteer gives, the linker's score for one found in a Wikidata dump);
``wikidata_source`` says where it came from (``gazetteer`` or ``kb``), so a
later ``kb load`` may revise its own links but never a curated one.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("entities", sa.Column("wikidata_confidence", sa.Float(), nullable=True))
    op.add_column("entities", sa.Column("wikidata_source", sa.String(length=16), nullable=True))
    op.execute(
        "UPDATE entities SET wikidata_confidence = 1.0, wikidata_source = 'gazetteer' WHERE wikidata IS NOT NULL"
    )


def downgrade() -> None:
    with op.batch_alter_table("entities") as batch:
        batch.drop_column("wikidata_source")
        batch.drop_column("wikidata_confidence")
