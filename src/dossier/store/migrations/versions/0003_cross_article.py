"""Cross-article layer: copies, stories, cross-article events (issue #7).

The tables behind ``dossier.store.crossdoc`` (see ``docs/cross-article.md``).
Written by hand from ``dossier.store.schema`` and checked against it by
``tests/test_store.py::test_migrations_match_schema``.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_CASCADE = {"ondelete": "CASCADE"}


def upgrade() -> None:
    op.create_table(
        "copy_items",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("published", sa.String(length=40), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("n_shingles", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("credited", sa.Text(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], **_CASCADE),
        sa.PrimaryKeyConstraint("article_id"),
    )
    op.create_index("ix_copy_items_seq", "copy_items", ["seq"], unique=True)
    op.create_index("ix_copy_items_hash", "copy_items", ["text_hash"])
    op.create_index("ix_copy_items_group", "copy_items", ["group_id"])

    op.create_table(
        "copy_bands",
        sa.Column("band", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column("bucket", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], **_CASCADE),
        sa.PrimaryKeyConstraint("band", "bucket", "article_id"),
    )
    op.create_index("ix_copy_bands_article_id", "copy_bands", ["article_id"])

    op.create_table(
        "copy_groups",
        sa.Column("group_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("original_id", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["original_id"], ["articles.id"], **_CASCADE),
        sa.PrimaryKeyConstraint("group_id"),
    )
    op.create_index("ix_copy_groups_original_id", "copy_groups", ["original_id"])
    op.create_index("ix_copy_groups_size", "copy_groups", ["size"])

    op.create_table(
        "copy_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("copy_id", sa.Integer(), nullable=False),
        sa.Column("original_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("jaccard", sa.Float(), nullable=True),
        sa.Column("containment", sa.Float(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["copy_id"], ["articles.id"], **_CASCADE),
        sa.ForeignKeyConstraint(["original_id"], ["articles.id"], **_CASCADE),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_copy_links_copy_id", "copy_links", ["copy_id"])
    op.create_index("ix_copy_links_original_id", "copy_links", ["original_id"])

    op.create_table(
        "story_df",
        sa.Column("term", sa.Text(), nullable=False),
        sa.Column("df", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("term"),
    )

    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.Column("sqnorm", sa.Float(), nullable=False),
        sa.Column("first_published", sa.String(length=40), nullable=True),
        sa.Column("last_published", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )

    op.create_table(
        "story_terms",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("term", sa.Text(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], **_CASCADE),
        sa.PrimaryKeyConstraint("story_id", "term"),
    )

    op.create_table(
        "story_postings",
        sa.Column("term", sa.Text(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("last_seen", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], **_CASCADE),
        sa.PrimaryKeyConstraint("term", "story_id"),
    )
    op.create_index("ix_story_postings_recent", "story_postings", ["term", "last_seen"])
    op.create_index("ix_story_postings_story_id", "story_postings", ["story_id"])

    op.create_table(
        "story_members",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], **_CASCADE),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], **_CASCADE),
        sa.PrimaryKeyConstraint("article_id"),
    )
    op.create_index("ix_story_members_story_id", "story_members", ["story_id"])

    op.create_table(
        "event_clusters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("words", sa.JSON(), nullable=False),
        sa.Column("dates", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"], **_CASCADE),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_event_clusters_story_kind", "event_clusters", ["story_id", "kind"])

    op.create_table(
        "event_mentions",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], **_CASCADE),
        sa.ForeignKeyConstraint(["cluster_id"], ["event_clusters.id"], **_CASCADE),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], **_CASCADE),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_index("ix_event_mentions_cluster_id", "event_mentions", ["cluster_id"])
    op.create_index("ix_event_mentions_article_id", "event_mentions", ["article_id"])


def downgrade() -> None:
    for table in (
        "event_mentions",
        "event_clusters",
        "story_members",
        "story_postings",
        "story_terms",
        "stories",
        "story_df",
        "copy_links",
        "copy_groups",
        "copy_bands",
        "copy_items",
    ):
        op.drop_table(table)
