"""Reporting-cue lexicons, loaded from ``dossier/data/cues``.

Why data files: the verbs that introduce speech differ by language and by
outlet style, and a lexicon that can be extended without touching code is the
cheapest way to cover a new one.  The format is described in
``data/cues/README.md``.  One compiled regex per language finds every cue in a
text in a single pass, which keeps the stage cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

_WORD_RE = re.compile(r"(?<![\w-])\w+(?![\w-])")
KINDS = ("say", "that", "according", "citing", "passive")


@dataclass(frozen=True, slots=True)
class CueForm:
    """One inflected form of a reporting cue and how it may be used."""

    form: str  # lower case, words joined by a single space
    lemma: str
    kind: str
    participle: bool = False  # "saying", "заявив": speaker is the sentence subject
    homograph: bool = False  # also a common noun ("claims"): needs a complement
    relay: bool = False  # "reports", "передаёт": can pass another's statement on (via)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Cue forms of one language with the regex that finds them."""

    language: str
    forms: dict[str, CueForm]
    #: first word of a form -> (regex for the rest of the form, form), longest first
    by_first: dict[str, list[tuple[re.Pattern[str] | None, CueForm]]]
    titles: dict[str, frozenset[str]] = field(default_factory=dict)
    #: word classes from ``speakers.tsv``: "human", "media", "male", "female" -> words
    #: (Russian "human" and "media" words are stems, matched as prefixes)
    classes: dict[str, frozenset[str]] = field(default_factory=dict)

    def is_a(self, word: str, cls: str) -> bool:
        """Whether ``word`` belongs to word class ``cls`` of ``speakers.tsv`` (Russian: by stem)."""
        low = word.lower().replace("ё", "е")
        members = self.classes.get(cls, frozenset())
        if low in members:
            return True
        if self.language == "ru" and cls in ("human", "media", "source"):
            # a three-letter stem takes only a case ending ("суд-ом", "мэр-ия", "люд-ей"), so that
            # "сми" (СМИ) does not make "Смирнова" a media word, nor "мид" "Мидхата"
            return (low[:3] in members and len(low) <= 6) or any(low[:n] in members for n in range(4, len(low) + 1))
        return False

    def lookup(self, surface: str) -> CueForm | None:
        return self.forms.get(" ".join(surface.lower().split()))

    def finditer(self, text: str) -> list[tuple[int, int, CueForm]]:
        """Every cue in ``text`` as ``(start, end, form)``.

        Why not one big alternation regex: it is tried at every character;
        looking words up in a dict by their first word is several times faster.
        """
        out: list[tuple[int, int, CueForm]] = []
        for m in _WORD_RE.finditer(text):
            options = self.by_first.get(m.group().lower())
            if not options:
                continue
            for rest, form in options:
                if rest is None:
                    out.append((m.start(), m.end(), form))
                    break
                tail = rest.match(text, m.end())
                if tail:
                    out.append((m.start(), tail.end(), form))
                    break
        return out


def _data_text(name: str) -> str:
    return resources.files("dossier").joinpath("data", "cues", name).read_text(encoding="utf-8")


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in _data_text(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def parse_cues(text: str) -> dict[str, CueForm]:
    """Parse a cue file's text (``lemma<TAB>kind<TAB>forms``) into forms by surface."""
    forms: dict[str, CueForm] = {}
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or parts[1] not in KINDS:
            raise ValueError(f"cue line {n}: expected lemma<TAB>kind<TAB>forms with kind in {KINDS}: {line!r}")
        lemma, kind, raw_forms = parts
        for raw in raw_forms.split():
            flags = set()
            while raw and raw[-1] in "~^@":
                flags.add(raw[-1])
                raw = raw[:-1]
            surface = raw.replace("_", " ").lower()
            forms[surface] = CueForm(
                surface,
                lemma.replace("_", " "),
                kind,
                participle="^" in flags,
                homograph="~" in flags,
                relay="@" in flags,
            )
    return forms


def _titles() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for row in _rows("titles.tsv"):
        if len(row) == 2:
            out[row[0].lower()] = frozenset(w.replace("_", " ").lower() for w in row[1].split())
    return out


def _classes(lang: str) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for row in _rows("speakers.tsv"):
        if len(row) == 3 and row[1] == lang:
            out.setdefault(row[0], set()).update(w.lower().replace("ё", "е") for w in row[2].split())
    return {k: frozenset(v) for k, v in out.items()}


@cache
def load_lexicon(language: str) -> Lexicon:
    """The lexicon for ``language`` ("en" or "ru"; anything else falls back to English)."""
    lang = "ru" if language.startswith("ru") else "en"
    forms = parse_cues(_data_text(f"{lang}.tsv"))
    by_first: dict[str, list[tuple[re.Pattern[str] | None, CueForm]]] = {}
    # Longest first so that "pointed out" wins over a shorter form with the same first word.
    for surface in sorted(forms, key=len, reverse=True):
        first, *rest = surface.split()
        tail = "".join(r"\s+" + re.escape(w) for w in rest)
        rx = re.compile(tail + r"(?![\w-])", re.IGNORECASE) if rest else None
        by_first.setdefault(first, []).append((rx, forms[surface]))
    return Lexicon(lang, forms, by_first, _titles(), _classes(lang))
