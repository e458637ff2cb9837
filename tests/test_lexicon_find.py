"""Trigger matching keeps its answers while skipping the tries that cannot match (issue #13, fifth round).

``Lexicon.find`` decides once per distinct word which patterns can start on it, and skips a
pattern whose later words the sentence does not hold.  Both are shortcuts: the matches must be
those of trying every pattern filed under the token's first letters at every token, ties in
the same order.  The reference below is that plain search, written out again.
"""

from __future__ import annotations

import pytest

from dossier.analyze.eventing import lexicon as lx
from dossier.analyze.eventing.lexicon import Lexicon, Match, Token, load_lexicon, tokenize


def reference_find(lex: Lexicon, tokens: list[Token], *, skip_equipment: bool = False) -> list[Match]:
    """Every pattern filed under a token's first three letters tried at that token, then the
    longest-first selection of ``Lexicon.find``."""
    tokens = lex._screen(tokens)
    found: list[Match] = []
    for i, tok in enumerate(tokens):
        seen: set[int] = set()
        for probe in {tok.key[:3], tok.lower[:3]}:
            for p in lex._index.get(probe, ()):
                if id(p) in seen:
                    continue
                seen.add(id(p))
                if skip_equipment and p.kind.startswith("EQUIPMENT_") and not p.fallback:
                    continue
                end = lx._match_parts(p.parts, 0, tokens, i)
                if end is None:
                    continue
                last = end - 1
                if p.passive:
                    if lx._participle(tokens[last]) and not lx._raising(tokens, last):
                        found.append(Match(p, last, last, i))
                    continue
                found.append(Match(p, i, last, i))
    found.sort(
        key=lambda m: (-m.pattern.length, -(m.last - m.first), -lx._stem_length(m.pattern, tokens[m.first]), m.first)
    )
    taken: set[int] = set()
    kept: list[Match] = []
    for m in found:
        if set(range(m.first, m.last + 1)) & taken or (m.pattern.passive and m.anchor in taken):
            continue
        taken.update(lx._matched_positions(m.pattern, tokens, m.anchor))
        kept.append(m)
    kept.sort(key=lambda m: m.first)
    return kept


def _sentence_of(source: str, filler: str, stem_end: str) -> str:
    """A sentence that spells a pattern out: gaps become ``filler`` words, prefix forms get an ending."""
    words = []
    for raw in source.split():
        alt = raw.split("|")[-1]
        if alt in ("~", "~+"):
            words.append(filler)
        elif alt.startswith("="):
            words.append(alt[1:])
        elif alt.endswith("*"):
            words.append(alt[:-1] + stem_end)
        else:
            words.append(alt)
    return " ".join(words)


ENGLISH = [
    "Arland attacked Borovia on Monday, officials said.",
    "The talks were held in Kestrel and troops were massed at the border.",
    "He said he would ask Borovia to send tanks and artillery closer to the border.",
    "It is quite clear that the minister will not quit, he was quoted as saying.",
    "Protesters blocked roads to demand reforms after the deal was signed.",
    "Police Arrest Dozens Of Activists In Kestrel",
]
RUSSIAN = [
    "Министр обороны заявил, что Россия разместит комплексы в Белоруссии.",
    "Переговоры прошли в Минске, сообщает агентство.",
]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_find_equals_trying_every_filed_pattern(language: str) -> None:
    lex = load_lexicon(language)
    texts = list(ENGLISH if language == "en" else RUSSIAN)
    # every pattern spelled out, alone and inside a longer sentence with distractors around it
    for n, p in enumerate(lex.patterns):
        body = _sentence_of(p.source, "Kestrel" if n % 2 else "the", "ами" if language == "ru" else "ing")
        texts.append(body)
        if n % 3 == 0:
            texts.append(f"In a statement, officials said {body}, and then {texts[n % len(texts)]}")
    for text in texts:
        tokens = tokenize(text, 7, language)
        for skip in (False, True):
            assert lex.find(tokens, skip_equipment=skip) == reference_find(lex, tokens, skip_equipment=skip), text


def test_word_memos_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lx, "_WORD_FORMS", {})
    monkeypatch.setattr(lx, "_WORD_FORMS_MAX", 5)
    lex = load_lexicon("en")
    monkeypatch.setattr(lex, "_starting", {})
    text = "Arland attacked Borovia and Kestrel talked with Ostmark about the deal they signed"
    tokens = tokenize(text, 0, "en")
    assert [t.key for t in tokens] == [lx.en_key(t.text) for t in tokens]
    assert len(lx._WORD_FORMS) <= 5
    assert lex.find(tokens) == reference_find(lex, tokens)
    assert len(lex._starting) <= 5
    # the memo answers what en_key answers, on a second pass too
    assert tokenize(text, 0, "en") == tokens


def test_names_regex_finds_what_one_alternation_longest_first_finds() -> None:
    """The organisation and outlet regexes group names by first character (fifth round); the
    matches must be those of the plain alternation of every name, longest first."""
    import re

    from dossier.analyze.lexicon import lexicon, names_regex

    lex = lexicon()
    for names in (list(lex.organisation), sorted(lex.media_strong)):
        flat = re.compile(
            r"(?<![\w\-])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?![\w\-])"
        )
        grouped = names_regex(names)
        # every name alone, inside a word, hyphenated, followed by a longer name's tail, and
        # names that are prefixes of others ("EU" and "EU Commission") side by side
        text = " ".join(f"{n}, x{n} {n}-led ({n}s) {n} Commission" for n in names)
        assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in flat.finditer(text)]
        assert sum(1 for _ in grouped.finditer(text)) >= len(names)
    for nothing in ([], [""]):  # an empty gazetteer finds no name, not an empty match at every gap
        assert names_regex(nothing).search("EU and NATO, said.") is None
    small = names_regex(["EU", "EU Commission", "E", "Europol"])
    assert [m.group(0) for m in small.finditer("EU Commission, E and EU-led Europol EUx EU")] == [
        "EU Commission",
        "E",
        "Europol",
        "EU",
    ]
