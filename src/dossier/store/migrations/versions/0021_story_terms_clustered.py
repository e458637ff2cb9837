"""Story centroids kept in their key's order on SQLite: ``story_terms`` becomes ``WITHOUT ROWID`` (issue #13).

Why: the writer reads the centroids of about 21 candidate stories per article (some 460 terms each).
With a rowid table, SQLite found each term in the primary key's index and then fetched its weight
from the table, a second b-tree and, at a million articles, a second cold page per row or two
(0.64-0.73 ms of CPU per story against 0.41-0.44 ms for the index alone, ``docs/scale-history.md``).
Clustered on ``(story_id, term)``, a story's terms and weights lie together in one b-tree: one range
read, and one b-tree to change when a centroid is written instead of two.

PostgreSQL is left as it is: its heap has no such choice, and a covering index would add a third
structure to every centroid write for a read the seventh round already made one statement per chunk.

The table is copied in key order into a new one and renamed; nothing else refers to it.

Revision ID: 0021
Revises: 0020
"""

from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

_COLUMNS = """(
        story_id INTEGER NOT NULL,
        term TEXT NOT NULL,
        weight FLOAT NOT NULL,
        PRIMARY KEY (story_id, term),
        FOREIGN KEY(story_id) REFERENCES stories (id) ON DELETE CASCADE
    )"""


def _rebuild(options: str) -> None:
    """Copy ``story_terms`` into a table created with ``options`` and put it in its place."""
    op.execute(f"CREATE TABLE story_terms_0021 {_COLUMNS} {options}")
    op.execute(
        "INSERT INTO story_terms_0021 (story_id, term, weight) "
        "SELECT story_id, term, weight FROM story_terms ORDER BY story_id, term"
    )
    op.execute("DROP TABLE story_terms")
    op.execute("ALTER TABLE story_terms_0021 RENAME TO story_terms")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild("WITHOUT ROWID")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild("")
