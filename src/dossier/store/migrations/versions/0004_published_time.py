"""Publication time kept whole: the source's UTC offset and where the date came from (issues #10, #14).

``articles.published`` holds UTC when the source gave a zone; ``published_offset``
(minutes) restores the local time the source wrote, and ``published_source``
says whether the date was declared by the source, guessed from the page, read
from the file name or given on the command line.  Written by hand from
``dossier.store.schema`` and checked against it by
``tests/test_store.py::test_migrations_match_schema``.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("published_offset", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("published_source", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("published_source")
        batch.drop_column("published_offset")
