"""The entity stage: sentences, mentions and entities of every article.

Contract (what later stages may rely on), for every ``ctx`` of the batch:

* ``ctx.analysis.sentences``: ``(start, end)`` character offsets, sorted,
  non-overlapping, trimmed of surrounding whitespace; every non-space
  character of the text lies in exactly one sentence;
* ``ctx.analysis.mentions``: :class:`~dossier.model.Mention` with
  ``text[start:end] == mention.text``; ``attrs["entity_id"]`` names the entity;
* ``ctx.analysis.entities``: :class:`~dossier.model.Entity` with a
  deterministic ``id`` within the article;
* English: ``ctx.doc`` is the spaCy ``Doc`` (tokens, ``doc.sents``, ``doc.ents``
  with ``EQUIPMENT`` spans; no tags or parse: use
  :func:`dossier.analyze.nlp.parse_span` for chosen sentences).
  Russian: ``ctx.scratch["natasha"]`` holds the natasha ``Doc`` (tokens with morphology).

Languages: ``en`` → spaCy ``en_core_web_sm`` (senter + ner) and our rules;
``ru`` → natasha and our rules; anything else → sentences by punctuation and
the language-neutral rules only (gazetteer, designations, quoted names,
outlets), since no NER model of ours fits.

Kinds: person, org, place, equipment, law, event, other.  spaCy labels map
PERSON→person, ORG→org, GPE/LOC/FAC→place, LAW→law, EVENT→event,
PRODUCT/WORK_OF_ART→other (PRODUCT becomes equipment only through the
gazetteer or the patterns); NORP (nationalities) is not emitted as a
mention but sets a person's country ("Belarusian President ..."); numeric
labels (DATE, CARDINAL, MONEY...) are left to the time stage.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dossier.analyze import coref
from dossier.analyze import equipment as eq
from dossier.analyze import nlp as nlpmod
from dossier.analyze.entities_en import analyse_english_doc
from dossier.analyze.entities_ru import analyse_russian
from dossier.analyze.lexicon import lexicon
from dossier.analyze.rules import add_rule_mentions, equipment_candidate, equipment_hits
from dossier.analyze.sentences import simple_sentences, split_lines

if TYPE_CHECKING:  # pragma: no cover
    from dossier.analyze.pipeline import DocContext

__all__ = ["EntityStage", "analyse_english_doc", "analyse_other", "analyse_russian", "split_lines"]


class EntityStage:
    """Finds sentences, mentions and entities; see the module doc for the contract.

    ``gazetteer``: extra equipment files (JSON/JSON lines, format in
    ``docs/entities.md``) loaded after the packaged list and
    ``$DOSSIER_GAZETTEER``.  Models load on first use and are shared by all
    stages of the process.
    """

    name = "entities"

    def __init__(self, gazetteer: Sequence[str | Path] | None = None, batch_size: int = 64) -> None:
        self.gazetteer_paths = eq.user_gazetteer_paths(gazetteer)
        self.batch_size = batch_size

    def __call__(self, batch: list[DocContext]) -> None:
        english = [c for c in batch if c.language == "en"]
        russian = [c for c in batch if c.language == "ru"]
        others = [c for c in batch if c.language not in {"en", "ru"}]
        if english:
            self._english(english)
        for ctx in russian:
            analyse_russian(ctx, self.gazetteer_paths)
        for ctx in others:
            analyse_other(ctx, self.gazetteer_paths)

    def _english(self, ctxs: list[DocContext]) -> None:
        nlp = nlpmod.english(self.gazetteer_paths)
        texts = [nlpmod.make_doc(nlp, c.article.text) for c in ctxs]
        for ctx, doc in zip(ctxs, nlp.pipe(texts, batch_size=self.batch_size), strict=True):
            ctx.doc = doc
            analyse_english_doc(doc, ctx.analysis)


def analyse_other(ctx: DocContext, gazetteer_paths: tuple[str, ...] = ()) -> None:
    """No NER model: sentences by punctuation, equipment patterns and outlets only."""
    lex = lexicon()
    analysis = ctx.analysis
    text = analysis.text
    analysis.sentences = simple_sentences(text)
    cands = [equipment_candidate(h) for h in equipment_hits(text, gazetteer_paths, analysis.sentences)]
    add_rule_mentions(cands, text, lex, english=False)
    analysis.mentions, analysis.entities = coref.resolve(cands, analysis)
