"""Analysts' corrections: edit, delete, merge, split, reject, confirm, note, tag, and undo.

Every extraction system errs; these functions let a person fix what Dossier got wrong and make the fix
stick.  Each operation does two things in the caller's transaction: it changes the knowledge base, and
it appends an entry to the correction log (``corrections`` table: what, old value, new value, who,
when).  The log is append-only; ``undo`` appends an entry that reverts an earlier one.

Why corrections survive re-analysis: re-analysing an article deletes and rewrites its extraction rows,
so a row id cannot carry a verdict.  A correction of an event, quote or time names its record by a
*key* that re-analysis reproduces (article, offsets, trigger: :mod:`~dossier.corrections.keys`), and
:func:`reapply` replays the article's active corrections whenever its records are written again.
Entity corrections live in the entity keys the store links by (a merged entity's keys point to the
survivor), so new mentions follow them without replay; a split is replayed by mention text.

The functions take a SQLAlchemy connection inside a transaction and return the log entries they wrote
as dicts; the CLI, the API and the web pages are thin faces over them.
"""

from dossier.corrections.annotations import annotations_for, note, tag
from dossier.corrections.articles import delete_article, edit_article, update_article_metadata
from dossier.corrections.entities import edit_entity, merge_entities, split_entity
from dossier.corrections.extractions import edit_event, edit_quote, reapply, review
from dossier.corrections.log import current_user, list_log
from dossier.corrections.undo import undo

__all__ = [
    "annotations_for",
    "current_user",
    "delete_article",
    "edit_article",
    "edit_entity",
    "edit_event",
    "edit_quote",
    "list_log",
    "merge_entities",
    "note",
    "reapply",
    "review",
    "split_entity",
    "tag",
    "undo",
    "update_article_metadata",
]
