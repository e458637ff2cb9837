"""Keys that let the store recognise one entity across articles and languages.

The store merges a new entity into a stored one when they share a key, trying
keys strongest first.  Why keys instead of a similarity score: keys are
cheap to index, explainable ("merged because both are ``wd:Q184``"), and the
two failure modes are easy to control: a key too weak to merge on is marked
as such by its prefix (see below) rather than silently merging two people.

Key prefixes, strongest first:

* ``wd:Q…``: Wikidata id (from the gazetteer or the country list);
* ``equipment:<gazetteer id>``: a system of the equipment gazetteer;
* ``person:<surname> <given skeleton>``: a person with a full name; the
  given name is reduced to its consonant skeleton so that Alexander,
  Aleksandr and Александр agree;
* ``place:``, ``org:``, ``law:``, ``event:``, ``other:``, ``equipment-name:``:
  the normalised (transliterated, spelling-folded) name;
* ``person-surname:<surname>`` is **weak**: the store may use it only when
  exactly one stored person has it (two different Smiths must not merge
  without evidence).  Every person gets it; a surname-only person gets
  nothing stronger.
* ``name:<folded name>`` is **weak** and kind-free: every entity but a
  surname-only person has it, so that "Manchester United" typed a place in
  one article and an org in another is one entity (whose kind the store then
  settles from all its mentions);
* ``acronym:<LETTERS>`` and ``initials:<LETTERS>`` are **weak** and pair up:
  a name written as an acronym carries ``acronym:GM``; a multi-word org,
  place, event or law carries its initials (General Motors →
  ``initials:GM``) only when its own article wrote it so too ("General
  Motors (GM)", or "GM" beside "General Motors": the acronym is among its
  aliases; a last word that is the place the body belongs to may be left out:
  "Центральная избирательная комиссия Молдавии" with "ЦИК" among its aliases carries
  ``initials:CIK``).  The store looks each up under the other
  (:data:`PAIRED_PREFIXES`), so "GM" joins "General Motors" when exactly one
  stored entity has those initials, and "General Motors" never merges with
  "General Mills" on initials alone.  Why the definition: initials alone
  join names that merely share letters across articles ("BT" and Bharti
  Televentures, "GE" and GMC Envoys); an article that writes both forms is
  the evidence that they are one.
* ``bare:<folded word>`` is **weak**: a one-word organisation and a
  surname-only person of one word carry it, so that a company a tagger took
  for a person in some articles ("Yukos said") is one entity with the org
  of that name (whose kind the store then settles from all its mentions).
  It links only when exactly one stored entity has that word as a bare name
  or as a person's surname: a namesake's surname ("Bill Ford") makes it
  ambiguous.  Places are left out: "Jordan" or "Washington" the person is
  not the place.

Transliteration: Russian is romanised with a simple scheme and every Latin
name is then folded (``x→ks``, ``y/j→i``, ``kh→h``, ``w→v``, doubled letters
collapsed, Belarusian ``-enka`` → ``-enko``, ``-sky/-skiy/-skyy`` → ``-ski``)
so that Лукашенко, Lukashenko and Lukashenka share ``lukashenko``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from dossier.model import Entity

__all__ = [
    "WEAK_PREFIXES",
    "acronym_key",
    "bare_rival",
    "entity_keys",
    "fold_name",
    "given_skeleton",
    "initials",
    "paired_key",
    "slug",
    "transliterate",
]

#: Key prefixes the store must not merge on unless exactly one candidate has the key.
WEAK_PREFIXES: tuple[str, ...] = ("name:", "acronym:", "initials:", "person-surname:", "bare:")
#: Weak keys that match the *other* prefix: an acronym finds the initials of a long form and back.
PAIRED_PREFIXES: dict[str, str] = {"acronym:": "initials:", "initials:": "acronym:"}
_ACRONYM_RE = re.compile(r"^(?:[A-ZА-ЯЁ]\.?){2,6}$")
_SKIP_INITIAL = frozenset({"of", "the", "and", "for", "&", "de", "du", "des", "la", "le", "on", "in", "и", "по"})


def initials(name: str) -> str:
    """Initials of a multi-word name ("European Union" → ``EU``); '' for a single word."""
    words = [w for w in re.findall(r"[\w&]+", name) if w.lower() not in _SKIP_INITIAL]
    if len(words) < 2:
        return ""
    return "".join(w[0] for w in words).upper()


def acronym_key(name: str) -> str | None:
    """``acronym:GM`` for a name written as an acronym, ``initials:GM`` for "General Motors", else None."""
    compact = name.strip()
    if _ACRONYM_RE.match(compact):
        return "acronym:" + transliterate(compact.replace(".", "")).upper()
    letters = initials(compact)
    return "initials:" + transliterate(letters).upper() if letters else None


def bare_rival(key: str) -> str | None:
    """For a ``bare:`` key, the surname key of people with that word as surname (its rivals); else None."""
    return "person-surname:" + key[len("bare:") :] if key.startswith("bare:") else None


def _defines_acronym(entity: Entity, letters: str) -> bool:
    """Whether the entity's own article wrote it as the acronym ``letters`` too (among its aliases)."""
    return any(
        _ACRONYM_RE.match(a.strip()) and transliterate(a.strip().replace(".", "")).upper() == letters
        for a in entity.aliases
    )


def paired_key(key: str) -> str:
    """The key a weak key is looked up under (``acronym:GM`` ↔ ``initials:GM``; others: itself)."""
    for prefix, other in PAIRED_PREFIXES.items():
        if key.startswith(prefix):
            return other + key[len(prefix) :]
    return key


_RU_LAT = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
    # Ukrainian and Belarusian letters
    "і": "i",
    "ї": "i",
    "є": "e",
    "ґ": "g",
    "ў": "u",
}


def transliterate(text: str) -> str:
    """Romanise Cyrillic letters (lowercase output); other characters pass through lowercased."""
    out = []
    for ch in text.lower():
        out.append(_RU_LAT.get(ch, ch))
    return "".join(out)


_FOLDS: tuple[tuple[str, str], ...] = (
    ("shch", "sch"),
    ("sch", "sh"),
    ("x", "ks"),
    ("w", "v"),
    ("ph", "f"),
    ("ck", "k"),
    ("kh", "h"),
    ("tz", "ts"),
    ("ya", "ia"),
    ("yu", "iu"),
    ("ye", "e"),
    ("yo", "e"),
    ("ja", "ia"),
    ("ju", "iu"),
    ("je", "e"),
    ("y", "i"),
    ("j", "i"),
    ("ii", "i"),
    ("ij", "i"),
    ("ei", "ei"),
)


@lru_cache(maxsize=65536)
def fold_name(text: str) -> str:
    """Spelling-folded, transliterated, lowercase form of a name (words kept, punctuation dropped)."""
    text = unicodedata.normalize("NFKD", transliterate(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[’'`´]s\b", "", text)
    words = re.findall(r"[a-z0-9]+", text)
    out = []
    for w in words:
        if w.isdigit():
            out.append(w)
            continue
        w = re.sub(r"c(?!h)", "k", w)
        for a, b in _FOLDS:
            w = w.replace(a, b)
        w = re.sub(r"(.)\1+", r"\1", w)
        w = re.sub(r"(?:ski|skii|ska|skaia|skaa)$", lambda m: "ski" if m.group(0).startswith("ski") else "ska", w)
        w = re.sub(r"enka$", "enko", w)
        w = re.sub(r"ou(?=s|sk|$)", "ov", w)
        out.append(w)
    return " ".join(out)


def given_skeleton(given: str) -> str:
    """Consonant skeleton of a given name: Alexander/Aleksandr/Александр → ``lksndr``."""
    folded = fold_name(given).replace(" ", "")
    return re.sub(r"[aeiou]", "", folded) or folded


def slug(text: str) -> str:
    """ASCII id fragment: ``Alexander Lukashenko`` → ``alexander-lukashenko``."""
    t = unicodedata.normalize("NFKD", transliterate(text))
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-") or "x"


_LEADING_THE = re.compile(r"^(?:the)\s+", re.IGNORECASE)


def _person_parts(entity: Entity) -> tuple[str | None, str | None]:
    surname = entity.attrs.get("surname")
    given = entity.attrs.get("given")
    if surname is None:
        words = entity.name.split()
        if not words:
            return None, None
        surname = words[-1]
        given = words[0] if len(words) > 1 else None
    return surname, given


def entity_keys(entity: Entity) -> list[str]:
    """Matching keys of ``entity``, strongest first (see the module doc for the prefixes)."""
    keys: list[str] = []
    if entity.wikidata:
        keys.append(f"wd:{entity.wikidata}")
    kind = entity.kind
    if kind == "person":
        surname, given = _person_parts(entity)
        if surname:
            sur = fold_name(surname).replace(" ", "")
            if given and not entity.attrs.get("surname_only"):
                keys.append(f"person:{sur} {given_skeleton(given)}")
                keys.append(f"name:{fold_name(entity.name)}")
            keys.append(f"person-surname:{sur}")
            if not given and " " not in entity.name.strip():
                keys.append(f"bare:{sur}")
        return _dedupe(keys)
    if kind == "equipment":
        gid = entity.attrs.get("gazetteer")
        if gid:
            keys.append(f"equipment:{gid}")
        keys.append(f"equipment-name:{fold_name(entity.name)}")
        return _dedupe(keys)
    name = _LEADING_THE.sub("", entity.name)
    if kind == "place":
        canonical = entity.attrs.get("canonical")
        if canonical:
            keys.append(f"place:{fold_name(canonical)}")
    keys.append(f"{kind}:{fold_name(name)}")
    keys.append(f"name:{fold_name(name)}")
    if kind in {"org", "place", "event", "law"}:
        acr = acronym_key(name)
        if acr and (acr.startswith("acronym:") or _defines_acronym(entity, acr[len("initials:") :])):
            keys.append(acr)
        stem = " ".join(name.split()[:-1])
        short = initials(stem) if len(name.split()) >= 3 else ""
        if len(short) >= 2 and _defines_acronym(entity, transliterate(short).upper()):
            # "Центральная избирательная комиссия Молдавии" that its article also wrote "ЦИК": the
            # place it belongs to is no letter of the acronym
            keys.append("initials:" + transliterate(short).upper())
    if kind == "org" and " " not in name.strip():
        keys.append(f"bare:{fold_name(name)}")
    return _dedupe(keys)


def _dedupe(keys: list[str]) -> list[str]:
    return list(dict.fromkeys(k for k in keys if not k.endswith(":")))
