"""The storage schema, in SQLAlchemy Core.

One schema for SQLite and PostgreSQL.  Migrations (``store/migrations``)
create it; ``tests/test_store_migrations.py`` checks that they agree with
these definitions, so the two cannot drift apart silently.

Design notes:

* An article is one piece of *content*.  ``article_hashes`` maps every
  content hash ever seen (current and earlier revisions) to its article, so a
  copy of old text is recognised too; ``origins`` lists every place a copy
  came from.  Counts (mentions per entity, articles per outlet) are computed
  by queries, never stored, so they cannot go stale.
* Dates are ISO 8601 strings: TIMEX3 values such as ``XXXX-09-26`` or
  ``2025-W39`` are not SQL dates, and publication times keep their own zone.
* Extraction records reference their article with ``ON DELETE CASCADE``:
  re-analysing a revised article deletes and rewrites them in one
  transaction.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

metadata = MetaData()

_article_fk = {"ondelete": "CASCADE"}

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("hash", String(64), nullable=False),
    Column("title", Text, nullable=False, server_default=""),
    Column("text", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    # UTC when the source gave a zone (so that listings sort by the instant), else as given;
    # published_offset keeps the source's own UTC offset in minutes, published_source where
    # the date came from (declared | guessed | filename | given).
    Column("published", String(40)),
    Column("published_offset", Integer),
    Column("published_source", String(16)),
    Column("language", String(16)),
    Column("format", String(16), nullable=False),
    Column("author", Text),
    Column("chars", Integer, nullable=False),
    Column("revision", Integer, nullable=False, server_default="1"),
    Column("sentences", JSON),
    Column("extra", JSON),
    Column("ingested_at", String(40), nullable=False),
    Column("corrected", JSON),
    Index("ix_articles_url", "url", unique=True),
    Index("ix_articles_published", "published"),
    Index("ix_articles_outlet", "outlet"),
)

article_hashes = Table(
    "article_hashes",
    metadata,
    Column("hash", String(64), primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", **_article_fk), nullable=False, index=True),
)

article_revisions = Table(
    "article_revisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", **_article_fk), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("title", Text, nullable=False, server_default=""),
    Column("text", Text, nullable=False),
    Column("ingested_at", String(40), nullable=False),
    UniqueConstraint("article_id", "revision", name="uq_revision"),
)

origins = Table(
    "origins",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", **_article_fk), nullable=False),
    Column("origin", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("format", String(16)),
    Column("published", String(40)),
    Column("extra", JSON),
    Column("seen_at", String(40), nullable=False),
    UniqueConstraint("article_id", "origin", name="uq_origin"),
)

rejections = Table(
    "rejections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("seen_at", String(40), nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("wikidata", String(32)),
    # How sure the Wikidata link is, and where it came from: "gazetteer" (curated, 1.0) or "kb"
    # (``dossier kb load``, the linker's score; docs/kb.md).
    Column("wikidata_confidence", Float),
    Column("wikidata_source", String(16)),
    Column("aliases", JSON),
    Column("attrs", JSON),
    Column("corrected", JSON),  # fields a person set (name, kind, wikidata...): the machine never overwrites them
    # How often the entity is named, kept by every write that adds, removes or moves mentions
    # (``store/entity_counts.py``, migration 0015): listings rank by them without counting mentions.
    Column("mention_count", Integer, nullable=False, server_default="0"),
    Column("article_count", Integer, nullable=False, server_default="0"),
    Index("ix_entities_kind_name", "kind", "name"),
    # the entity listing, most widely reported first, read along this index (issue #13)
    Index("ix_entities_counts", "article_count", "mention_count"),
)

# A strong key names one entity; a weak key (a bare surname) may be shared by
# several namesakes, which is why the pair, not the key, is the primary key.
entity_keys = Table(
    "entity_keys",
    metadata,
    Column("key", Text, primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True, index=True),
)

# Case-folded names and aliases of each entity, so that a by-name look-up is an index read
# (``store/entity_names.py``; kept by every write that changes a name or an alias).
entity_names = Table(
    "entity_names",
    metadata,
    Column("name", Text, primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True, index=True),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", **_article_fk), nullable=False, index=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("sentence", Integer, nullable=False),
    Column("role", Text),
    # The article's ``published``, copied onto each of its mentions (issue #13) so that an
    # entity's page is read in publication order along ``ix_mentions_entity_published``: the
    # rows it shows, not every article the entity is named in.  Written with the mentions and
    # by every change of an article's publication time (``corrections.articles.set_metadata``).
    Column("published", String(40)),
    # read side (issue #11): entity ranking, counts and the subject filter from the index alone
    Index("ix_mentions_entity_article", "entity_id", "article_id"),
    # write side (issue #13): settling an entity's kind counts only the kinds in question
    Index("ix_mentions_entity_kind", "entity_id", "kind"),
    # read side (issue #13): an entity's page in its order (published, article, offset)
    Index("ix_mentions_entity_published", "entity_id", "published", "article_id", "start", "id"),
)

times = Table(
    "times",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", **_article_fk), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("timex_type", String(16), nullable=False),
    Column("value", String(64), nullable=False),
    Column("anchor", String(40)),
    Column("granularity", String(16)),
    Column("sentence", Integer, nullable=False),
    Column("review", String(16)),  # analysts' verdict: rejected | confirmed (``dossier.corrections``)
    Column("corrected", JSON),  # fields a person changed: {field: {"machine": old, "by": user, "entry": n}}
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", **_article_fk), nullable=False, index=True),
    Column("speaker", Text),
    Column("speaker_entity_id", Integer, ForeignKey("entities.id", ondelete="SET NULL"), index=True),
    Column("text", Text, nullable=False),
    Column("direct", Boolean, nullable=False),
    Column("cue", Text),
    Column("date", String(64)),
    Column("via", Text),
    Column("sentence", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("review", String(16)),
    Column("corrected", JSON),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", **_article_fk), nullable=False, index=True),
    Column("kind", String(40), nullable=False, index=True),
    Column("trigger", Text),
    Column("date", String(64)),
    Column("date_text", Text),
    Column("reported", String(40)),
    Column("actors", JSON),
    Column("targets", JSON),
    Column("equipment", JSON),
    Column("place", Text),
    Column("modality", String(16), nullable=False),
    Column("attributed_to", Text),
    Column("quote_id", Integer, ForeignKey("quotes.id", ondelete="SET NULL")),
    Column("sentence", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("review", String(16)),
    Column("corrected", JSON),
    # The interval the date denotes, "start/end" in fixed-width ISO, so that listings sort by
    # time in SQL ("2025-W39" before "2025-10-01") and page through an index.
    Column("date_order", String(48)),
    Index("ix_events_date_order", "date_order", "reported", "id"),
)

event_entities = Table(
    "event_entities",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True, index=True),
    Column("role", String(16), primary_key=True),
    # read side (issue #13): a subject's newest events without sorting its whole history
    Index("ix_event_entities_entity_event", "entity_id", "event_id"),
)


# -- cross-article layer (issue #7, ``docs/cross-article.md``) ------------------------
#
# The rows behind ``resolve.copies.CopyStore``, ``resolve.stories.StoryStore`` and
# ``resolve.eventcoref.EventStore`` (``store/crossdoc.py``).  Article ids are the
# integer ``articles.id`` (the resolve modules see them as strings), and every row
# about an article goes with it (ON DELETE CASCADE).  Dates are UTC ISO 8601
# strings, like the rest of the schema.

copy_items = Table(
    "copy_items",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", **_article_fk), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("text_hash", String(64), nullable=False),
    Column("published", String(40)),
    Column("outlet", Text),  # normalise_outlet()
    Column("n_shingles", Integer, nullable=False),
    Column("signature", LargeBinary, nullable=False),  # 126 x uint32 little-endian
    Column("credited", Text),  # outlet named by a forward/credit/wire whose item is unknown
    Column("group_id", Integer, nullable=False),  # an article id: the group's first label
    Index("ix_copy_items_seq", "seq", unique=True),
    Index("ix_copy_items_hash", "text_hash"),
    Index("ix_copy_items_group", "group_id"),
)

# LSH buckets: the primary key is the (band, bucket) look-up index.
copy_bands = Table(
    "copy_bands",
    metadata,
    Column("band", SmallInteger, primary_key=True, autoincrement=False),
    Column("bucket", BigInteger, primary_key=True, autoincrement=False),
    Column("article_id", Integer, ForeignKey("articles.id", **_article_fk), primary_key=True, index=True),
)

copy_groups = Table(
    "copy_groups",
    metadata,
    Column("group_id", Integer, primary_key=True, autoincrement=False),
    Column("original_id", Integer, ForeignKey("articles.id", **_article_fk), nullable=False, index=True),
    Column("size", Integer, nullable=False),
    Index("ix_copy_groups_size", "size"),
)

copy_links = Table(
    "copy_links",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("copy_id", Integer, ForeignKey("articles.id", **_article_fk), nullable=False, index=True),
    Column("original_id", Integer, ForeignKey("articles.id", **_article_fk), index=True),
    Column("kind", String(16), nullable=False),  # exact | near | forward | credit | wire
    Column("jaccard", Float),
    Column("containment", Float),
    Column("source", Text),  # the outlet a forward/credit/wire names
)

# Document frequencies of story terms; the row with term '' holds the document count.
story_df = Table(
    "story_df",
    metadata,
    Column("term", Text, primary_key=True),
    Column("df", Integer, nullable=False),
)

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("n_articles", Integer, nullable=False),
    Column("sqnorm", Float, nullable=False),
    Column("first_published", String(40)),
    Column("last_published", String(40)),
    Index("ix_stories_n_articles", "n_articles"),  # the story listing, largest first
)

# The story centroid, one row per term.
story_terms = Table(
    "story_terms",
    metadata,
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("term", Text, primary_key=True),
    Column("weight", Float, nullable=False),
    sqlite_with_rowid=False,  # a story's terms and weights read as one range of one b-tree (migration 0021)
)

# Inverted index term -> most recent stories; read with ORDER BY last_seen DESC LIMIT cap.
story_postings = Table(
    "story_postings",
    metadata,
    Column("term", Text, primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True, index=True),
    Column("last_seen", Integer, nullable=False),
    Index("ix_story_postings_recent", "term", "last_seen"),
)

story_members = Table(
    "story_members",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", **_article_fk), primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False, index=True),
)

# Cross-article events: a cluster lives in one story and has one kind.
event_clusters = Table(
    "event_clusters",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("words", JSON, nullable=False),  # participant words
    Column("dates", JSON, nullable=False),  # TIMEX3 values
    Index("ix_event_clusters_story_kind", "story_id", "kind"),
)

# Membership: the mention *is* the stored ``events`` row (its provenance: article,
# sentence, offsets, trigger, modality, speaker), so nothing is copied here and a
# re-analysed article's old mentions go with its old events.
event_mentions = Table(
    "event_mentions",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("cluster_id", Integer, ForeignKey("event_clusters.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("article_id", Integer, ForeignKey("articles.id", **_article_fk), nullable=False, index=True),
)

# Contradictions found inside one story, kept so that a listing, a timeline's "contested" marks and
# a story page read them instead of reloading every mention of the story (issue #13).  ``version``
# grows with every change to the story's events (``store/contradiction_cache.py``); ``flags`` is
# NULL until a reader computes it, and a reader stores it only if the version did not move
# meanwhile, so a stale result is never kept.  Independent-source labels and article metadata are
# not stored: they follow the copy chains and corrections, and are read when shown.
story_contradictions = Table(
    "story_contradictions",
    metadata,
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False, server_default="0"),
    Column("flags", JSON(none_as_null=True)),
)

# -- scale (issue #13) ---------------------------------------------------------------

# ``dossier stats`` counts articles by language and by format from this index alone, instead of
# reading every article row (texts included) twice.
Index("ix_articles_language_format", articles.c.language, articles.c.format)

# ``dossier reanalyze --since`` selects articles by ingestion time.
Index("ix_articles_ingested_at", articles.c.ingested_at)

# One row per ``dossier reanalyze`` run: ``last_article_id`` advances in the
# transaction that rewrites each batch, so a killed run resumes after it.
reanalysis_runs = Table(
    "reanalysis_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("since", String(40)),
    Column("started_at", String(40), nullable=False),
    Column("finished_at", String(40)),
    Column("last_article_id", Integer, nullable=False, server_default="0"),
    Column("articles", Integer, nullable=False, server_default="0"),
)

# Timeline pages kept by their first reader (``store/timeline_cache.py``): a much-named subject's
# timeline merges thousands of reports, and reading it again should cost reading one row.  ``page``
# says which page (ids, limit, offset, order, sources shown, record format); ``version`` is the
# ``timelines`` stamp of ``store_versions`` the reader read before building it, and the row is served
# only while that stamp is current.  Only unfiltered pages are kept, a few per subject.
timeline_cache = Table(
    "timeline_cache",
    metadata,
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True, autoincrement=False),
    Column("page", String(200), primary_key=True),
    Column("version", Integer, nullable=False),
    # The sum of the page's subjects' own stamps (``timelines/<entity id>`` in ``store_versions``)
    # when it was built: an ingest batch moves only the stamps of the subjects it touched.
    Column("subject_version", Integer, nullable=False, server_default="0"),
    Column("kept_at", String(40), nullable=False),
    Column("record", JSON, nullable=False),
    Index("ix_timeline_cache_version", "version"),
)

# The source names a kept timeline looked up to name its events' speakers and outlets (folded, or
# ``key:`` and a matching key when no name matched), per subject: an entity a batch creates, or a
# name or key it adds, changes those look-ups, so the batch moves the stamps of the subjects listed
# under them (``store/timeline_cache.py``).
timeline_names = Table(
    "timeline_names",
    metadata,
    Column("name", Text, primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True, index=True),
)

# The whole unfiltered timeline of a much-named subject (``store/timeline_entries.py``), kept in
# blocks of merged entries so that any page of it is an index range of a few rows whatever the
# subject's history.  ``subject`` names the build (format, code version, event window, sources kept,
# subject ids); block -1 holds the record without its entries.  ``version`` / ``subject_version``
# are the stamps of ``timeline_cache``: the same writes make both stale.  The ingest rebuilds the
# kept subjects its batches touch.
timeline_entries = Table(
    "timeline_entries",
    metadata,
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True, autoincrement=False),
    Column("subject", String(200), primary_key=True),
    Column("block", Integer, primary_key=True, autoincrement=False),
    Column("version", Integer, nullable=False),
    Column("subject_version", Integer, nullable=False),
    Column("record", JSON, nullable=False),
)

# Version stamps of kept results that depend on more than one row can say (``store/kept.py``):
# ``timelines`` moves in every write transaction (``Store.begin``), so a kept timeline is never
# older than the rows it was built from.
store_versions = Table(
    "store_versions",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("version", Integer, nullable=False, server_default="0"),
)

# -- analysts' corrections (issue #16, ``docs/corrections.md``) --------------------------------
#
# ``corrections`` is the append-only log: a row is never updated or deleted (an undo is a new row
# naming the entry it reverts in ``undoes``).  ``article_id`` and ``target_key`` are plain columns,
# not foreign keys, so the log outlives what it talks about; ``target_key`` names an extraction
# record by what re-analysis reproduces (its offsets and trigger), not by its row id, which is how a
# rejected event stays rejected after the article is analysed again.

corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", String(40), nullable=False),
    Column("user", Text, nullable=False),
    Column("action", String(24), nullable=False),
    Column("target_type", String(16), nullable=False),
    Column("target_id", Integer),
    Column("target_key", Text),
    Column("article_id", Integer),
    Column("field", String(32)),
    Column("old_value", JSON),
    Column("new_value", JSON),
    Column("note", Text),
    Column("undoes", Integer),
    Index("ix_corrections_article", "article_id"),
    Index("ix_corrections_target", "target_type", "target_key"),
    Index("ix_corrections_undoes", "undoes"),
)

# Content an analyst deleted: ingesting it again says so instead of storing it back.
deleted_content = Table(
    "deleted_content",
    metadata,
    Column("hash", String(64), primary_key=True),
    Column("correction_id", Integer, nullable=False),
)

# Notes and tags on articles, entities, events, quotes and stories.  ``target_key`` is set for
# extraction records so that the annotation follows the record through re-analysis.
annotations = Table(
    "annotations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("target_type", String(16), nullable=False),
    Column("target_id", Integer, nullable=False),
    Column("target_key", Text),
    Column("kind", String(8), nullable=False),  # note | tag
    Column("text", Text, nullable=False),
    Column("user", Text, nullable=False),
    Column("at", String(40), nullable=False),
    Column("correction_id", Integer, nullable=False),
    Index("ix_annotations_target", "target_type", "target_id"),
    Index("ix_annotations_key", "target_type", "target_key"),
)

# -- monitoring (issue #12, ``docs/monitoring.md``) ------------------------------------------
#
# Watched sources with their health, the conditional-GET state of every URL fetched,
# alert definitions, and the notifications they produced with one delivery row per
# channel.  A notification is written with its matches and its pending deliveries in
# one transaction; a delivery is marked sent only after the channel accepted it, so a
# failed or interrupted delivery is retried later instead of lost.

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False),  # http(s) URL, or an absolute file or folder path
    Column("kind", String(16), nullable=False),  # auto | feed | page | sitemap | path
    Column("name", Text),
    Column("outlet", Text),
    Column("language", String(16)),
    Column("every_s", Integer, nullable=False),
    Column("added_at", String(40), nullable=False),
    Column("last_attempt", String(40)),
    Column("last_success", String(40)),
    Column("last_error", Text),
    Column("failures", Integer, nullable=False, server_default="0"),  # consecutive failed rounds
    Column("items_seen", Integer, nullable=False, server_default="0"),
    Column("items_new", Integer, nullable=False, server_default="0"),
    Column("last_new", Integer, nullable=False, server_default="0"),
    Index("ix_sources_url", "url", unique=True),
)

# One row per URL (or file path) ever fetched: the validators for the next conditional
# request, and whether the last attempt worked (a feed item whose page was stored is
# "seen" and not fetched again).
fetch_state = Table(
    "fetch_state",
    metadata,
    Column("url", Text, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="SET NULL"), index=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("status", Integer),
    Column("error", Text),
    Column("failures", Integer, nullable=False, server_default="0"),
    Column("fetched_at", String(40), nullable=False),
    Column("ok_at", String(40)),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("subject", Text),
    Column("kind", String(40)),
    Column("query", Text),
    Column("min_sources", Integer, nullable=False, server_default="1"),
    Column("contradictions", Boolean, nullable=False, server_default=false()),
    Column("channels", JSON, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("checked_at", String(40), nullable=False),  # revisions stored before this were evaluated
    Index("ix_alerts_name", "name", unique=True),
)

notifications = Table(
    "notifications",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("alert_id", Integer, ForeignKey("alerts.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", String(40), nullable=False),
    Column("payload", JSON, nullable=False),
)

# What an alert has already reported: a fact fires once per alert, whatever re-runs follow.
alert_matches = Table(
    "alert_matches",
    metadata,
    Column("alert_id", Integer, ForeignKey("alerts.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(64), primary_key=True),
    Column("notification_id", Integer, ForeignKey("notifications.id", ondelete="CASCADE"), nullable=False, index=True),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("notification_id", Integer, ForeignKey("notifications.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("channel", Text, nullable=False),
    Column("status", String(16), nullable=False),  # pending | sent | failed (gave up)
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("last_error", Text),
    Column("last_attempt", String(40)),
    Column("next_attempt", String(40)),
    Column("sent_at", String(40)),
    UniqueConstraint("notification_id", "channel", name="uq_delivery"),
    Index("ix_deliveries_status", "status"),
)
