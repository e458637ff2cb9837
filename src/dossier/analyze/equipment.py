"""Military equipment: the gazetteer and the language-neutral patterns.

Why a gazetteer plus patterns: the statistical NER models were not trained on
weapon names (en_core_web_sm tags ‘Oreshnik’ as PERSON, natasha as ORG), yet
the systems that matter in our sources are a few hundred well-known names.
A curated list gives them stable ids across languages; the patterns
(designations such as ``Kh-555``, quoted names next to a weapon word) catch
the systems the list does not know yet.

Everything here works on plain text and character offsets, so that the same
code serves English (inside the spaCy component, see :mod:`dossier.analyze.nlp`),
Russian (natasha has no rule layer) and best-effort other languages.

Gazetteer format (JSON; see ``docs/entities.md``)::

    {"entries": [{"id": "oreshnik", "name": "Oreshnik", "category": "ballistic missile",
                  "country": "Russia", "nato": null, "wikidata": null,
                  "aliases": ["Oreshnik"], "ru": ["Орешник"], "ambiguous": []}]}

A JSON-lines file with one entry per line is accepted as well.  User files
(``EntityStage(gazetteer=[...])`` or ``DOSSIER_GAZETTEER=path1:path2``) are
loaded after the packaged one; an entry with an existing ``id`` replaces it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any


def _alts(text: str) -> tuple[str, ...]:
    """A word list written as one "|"-separated string (entries may contain spaces)."""
    return tuple(w.strip() for w in text.split("|") if w.strip())


ENV_VAR = "DOSSIER_GAZETTEER"

_CYR = re.compile(r"[А-Яа-яЁё]")


@dataclass(frozen=True, slots=True)
class EquipmentEntry:
    """One weapon system of the gazetteer."""

    id: str
    name: str
    category: str = "other"
    country: str | None = None
    nato: str | None = None
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    ru: tuple[str, ...] = ()
    ambiguous: frozenset[str] = frozenset()

    @property
    def all_aliases(self) -> tuple[str, ...]:
        names = [self.name, *self.aliases, *self.ru]
        if self.nato and any(ch.isdigit() for ch in self.nato):
            # "SS-26 Stone" is safe; bare reporting names ("Bear", "Hip") are common words
            # and count only when listed in aliases (usually as ambiguous).
            names.append(self.nato)
        seen: dict[str, None] = {}
        for n in names:
            seen.setdefault(n, None)
        return tuple(seen)

    def attrs(self) -> dict[str, Any]:
        out: dict[str, Any] = {"category": self.category, "gazetteer": self.id}
        if self.country:
            out["country"] = self.country
        if self.nato:
            out["nato"] = self.nato
        return out


@dataclass(slots=True)
class Gazetteer:
    """Entries by id plus a case-folded alias index."""

    entries: dict[str, EquipmentEntry] = field(default_factory=dict)
    by_alias: dict[str, str] = field(default_factory=dict)

    def add(self, entry: EquipmentEntry) -> None:
        old = self.entries.get(entry.id)
        if old is not None:
            for alias in old.all_aliases:
                if self.by_alias.get(alias.casefold()) == old.id:
                    del self.by_alias[alias.casefold()]
        self.entries[entry.id] = entry
        for alias in entry.all_aliases:
            self.by_alias[alias.casefold()] = entry.id

    def lookup(self, text: str) -> EquipmentEntry | None:
        """The entry whose alias is ``text`` (case-insensitive, quotes and plural -s tolerated)."""
        key = _strip_quotes(text).casefold()
        eid = self.by_alias.get(key)
        if eid is None and key.endswith("s"):
            eid = self.by_alias.get(key[:-1])
        return self.entries.get(eid) if eid else None

    def is_ambiguous(self, entry: EquipmentEntry, surface: str) -> bool:
        key = _strip_quotes(surface).casefold()
        amb = {a.casefold() for a in entry.ambiguous}
        return key in amb or (key.endswith("s") and key[:-1] in amb)

    def __len__(self) -> int:
        return len(self.entries)


def _strip_quotes(text: str) -> str:
    return text.strip().strip(QUOTE_CHARS + ",.").strip()


def _entry_from_dict(d: dict[str, Any]) -> EquipmentEntry:
    if "id" not in d or "name" not in d:
        raise ValueError(f"gazetteer entry needs 'id' and 'name': {d!r}")
    return EquipmentEntry(
        id=str(d["id"]),
        name=str(d["name"]),
        category=str(d.get("category") or "other"),
        country=d.get("country"),
        nato=d.get("nato"),
        wikidata=d.get("wikidata"),
        aliases=tuple(d.get("aliases") or ()),
        ru=tuple(d.get("ru") or ()),
        ambiguous=frozenset(d.get("ambiguous") or ()),
    )


def read_entries(path: str | Path) -> list[EquipmentEntry]:
    """Entries of one gazetteer file: a JSON object with ``entries``, a JSON list, or JSON lines."""
    text = Path(path).read_text(encoding="utf-8")
    stripped = text.lstrip()
    if stripped.startswith("{") and not _looks_like_jsonl(stripped):
        data = json.loads(text)
        items = data.get("entries", [data]) if isinstance(data, dict) else data
    elif stripped.startswith("["):
        items = json.loads(text)
    else:
        items = [json.loads(line) for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [_entry_from_dict(d) for d in items]


def _looks_like_jsonl(text: str) -> bool:
    first = text.split("\n", 1)[0].strip()
    if not first.endswith("}"):
        return False
    try:
        json.loads(first)
    except ValueError:
        return False
    return "\n" in text.strip()


def _packaged_entries() -> list[EquipmentEntry]:
    ref = resources.files("dossier").joinpath("data/equipment.json")
    with resources.as_file(ref) as p:
        return read_entries(p)


def user_gazetteer_paths(paths: Sequence[str | Path] | None = None) -> tuple[str, ...]:
    """Explicit paths, then those in ``$DOSSIER_GAZETTEER`` (os.pathsep separated)."""
    out = [str(p) for p in paths or ()]
    env = os.environ.get(ENV_VAR, "")
    out.extend(p for p in env.split(os.pathsep) if p.strip())
    return tuple(out)


@lru_cache(maxsize=8)
def load_gazetteer(paths: tuple[str, ...] = ()) -> Gazetteer:
    """The packaged gazetteer extended by the user files ``paths`` (cached per path list)."""
    gaz = Gazetteer()
    for entry in _packaged_entries():
        gaz.add(entry)
    for p in paths:
        for entry in read_entries(p):
            gaz.add(entry)
    return gaz


# --------------------------------------------------------------------------- patterns

QUOTE_CHARS = "‘’'\"“”«»„‚`"
_OPEN_Q = "‘'\"“«„‚"
_CLOSE_Q = "’'\"”»“"

#: Words that make a nearby name or designation a weapon (English and Russian
#: stems, lowercase).  Grouped so that an ambiguous name needs a cue that fits
#: its category: "Moskva" is a cruiser only next to ship words, never because
#: a missile is mentioned in the same sentence.
_CUES_BY_GROUP: dict[str, tuple[str, ...]] = {
    "missile": _alts(
        "missile|rocket|launcher|warhead|icbm|ballistic|cruise|hypersonic|munition|strike|fired|launched|"
        "intercept|glide|bomb|torpedo|ракет|пуск|боеголов|баллистическ|крылат|гиперзвук|бомб|удар|торпед|"
        "перехват|отрк|пзрк|птрк|снаряд|боеприпас"
    ),
    "air defence": _alts(
        "air defence|air defense|air-defence|air-defense|battery|batteries|intercept|missile|пво|зрк|зрс|"
        "зенитн|дивизион|батаре|перехват|ракет"
    ),
    "artillery": _alts(
        "rocket|launcher|mlrs|artillery|howitzer|salvo|рсзо|реактивн|артиллер|гаубиц|залп|сау|снаряд|орудие"
    ),
    "armour": _alts("tank|vehicle|armoured|armored|ifv|apc|infantry fighting|brigade|танк|бронетехник|бмп|бтр"),
    "air": _alts(
        "jet|fighter|aircraft|plane|warplane|bomber|helicopter|pilot|squadron|airbase|air base|sortie|"
        "flew|истребител|самол|бомбардировщик|вертол|летчик|лётчик|авиа"
    ),
    "drone": _alts("drone|uav|loitering|kamikaze|unmanned|беспилотн|бпла|дрон|барражирующ"),
    "ship": _alts(
        "ship|warship|cruiser|carrier|submarine|vessel|flagship|frigate|navy|naval|sank|sunk|fleet|"
        "крейсер|корабл|флагман|подводн|подлодк|фрегат|флот|авианос|затонул"
    ),
}
_GENERIC_CUES: tuple[str, ...] = _alts(
    "weapon|system|complex|military aid|deliver|supplied|deployment|deployed|оружи|комплекс|систем|"
    "вооружени|поставк|развёрт|разверт"
)

_CATEGORY_GROUP: dict[str, str] = {
    "air defence system": "air defence",
    "manpads": "missile",
    "anti-tank missile": "missile",
    "mlrs": "artillery",
    "rocket": "artillery",
    "howitzer": "artillery",
    "self-propelled howitzer": "artillery",
    "self-propelled gun": "artillery",
    "self-propelled anti-aircraft gun": "air defence",
    "tank": "armour",
    "ifv": "armour",
    "armoured personnel carrier": "armour",
    "aircraft": "air",
    "bomber": "air",
    "helicopter": "air",
    "drone": "drone",
    "loitering munition": "drone",
    "ship": "ship",
    "submarine": "ship",
    "aircraft carrier": "ship",
}


def cues_for(category: str) -> tuple[str, ...]:
    """Context words that confirm an ambiguous name of ``category``."""
    group = _CATEGORY_GROUP.get(category.casefold(), "missile")
    cues = _CUES_BY_GROUP[group]
    if group == "ship":
        return cues
    return cues + _GENERIC_CUES


ALL_CUES: tuple[str, ...] = tuple(sorted({c for cs in _CUES_BY_GROUP.values() for c in cs} | set(_GENERIC_CUES)))


@lru_cache(maxsize=64)
def _cue_regex(cues: tuple[str, ...]) -> re.Pattern[str]:
    """Latin cues match as whole words (plural allowed); Cyrillic ones are stems."""
    latin = sorted((c for c in cues if not _CYR.search(c)), key=len, reverse=True)
    cyr = sorted((c for c in cues if _CYR.search(c)), key=len, reverse=True)
    parts = []
    if latin:
        parts.append(r"\b(?:" + "|".join(re.escape(c) for c in latin) + r")(?:s|es)?\b")
    if cyr:
        parts.append(r"\b(?:" + "|".join(re.escape(c) for c in cyr) + r")\w*")
    return re.compile("|".join(parts) or r"(?!x)x", re.IGNORECASE)


def has_cue(text: str, start: int, end: int, cues: tuple[str, ...], window: int = 60) -> bool:
    """True when one of ``cues`` occurs within ``window`` characters of ``text[start:end]``.

    Why characters, not tokens: it works identically for every tokenizer;
    callers pass the sentence (or a clipped segment) so cues rarely leak across.
    """
    rx = _cue_regex(cues)
    return bool(rx.search(text, max(0, start - window), start) or rx.search(text, end, end + window))


# Designations: Kh-555, 9K720, S-350, Su-57M, MiG-31K, Tu-22M3, Х-101, С-400, BM-21, 2S19, F-16s.
_LETTERS = "A-Za-zА-Яа-яЁё"
DESIGNATION_RE = re.compile(
    rf"(?<![\w\-/.])"
    rf"(?P<prefix>[A-ZА-ЯЁ][{_LETTERS}]{{0,4}}|\d[A-ZА-ЯЁ]{{1,2}})"
    rf"(?P<sep>[-‑]?)"
    rf"(?P<num>\d{{1,4}})"
    rf"(?P<suffix>[A-ZА-ЯЁ0-9]{{0,4}}(?:-[A-ZА-ЯЁ0-9]{{1,3}})?)"
    rf"(?P<plural>s)?"
    rf"(?![\w\-])"
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Prefixes that by themselves mark military hardware (Latin and Cyrillic).
STRONG_PREFIXES: frozenset[str] = _words(
    "Kh Х Su Су MiG МиГ МИГ Mig Tu Ту Mi Ми Ka Ка Il Ил BMP БМП BTR БТР BMD БМД BM БМ TOS ТОС RS РС "
    "FAB ФАБ KAB КАБ AGM AIM MGM MIM FIM FGM BGM RGM MQ RQ AH UH KN SS SA SSC Shahed Шахед Geran "
    "Герань Orlan Орлан Mohajer Fateh Hwasong Zala ZALA Iskander Искандер Tor Тор Buk Бук Pantsir "
    "Панцирь Tochka Точка OTR ОТР ZSU ЗСУ ZU ЗУ PzH Leopard Challenger"
)
_DIGIT_PREFIX_RE = re.compile(r"^\d[KMSAКМСА]$")

#: Shapes that look like designations but are not weapons.
_BLOCKED_PREFIXES: frozenset[str] = _words(
    "COVID Covid SARS MERS G H N ISO EN DIN IEC Form Level Windows Win iPhone Galaxy Note Article Art "
    "Section Sec Chapter Page Room Flight Route Gate Terminal Channel Euro Vitamin Office Top Under "
    "MH QR PS Xbox Y Q W Formula Apollo Soyuz Союз Progress Прогресс Falcon Starlink Ст ст Гл ФЗ УК "
    "КоАП ГОСТ STS ЗАЗ ВАЗ Lada"
)


_CIVIL = re.compile(
    r"\b(?:Airbus|Boeing|Embraer|Bombardier|Cessna|ATR|Superjet|Comac|Tesla|BMW|Audi|Nokia|"
    r"Samsung|Canon|Nikon|Sony)\s*$"
)
_AIRLINER = re.compile(r"^(?:A3\d\d|B?7[0-8]7|E1\d\d|CRJ\d+)")


_SPACE = re.compile(
    r"\b(?:spacecraft|space station|orbit\w*|astronaut\w*|cosmonaut\w*|launch vehicle|NASA|Roscosmos|ISS|"
    r"Soyuz|Союз\w*|космическ\w*|космонавт\w*|астронавт\w*|орбит\w*|носител\w*|Роскосмос\w*|МКС|НАСА)\b",
    re.IGNORECASE,
)


def _in_space_context(text: str, start: int, end: int, window: int = 80) -> bool:
    """Spaceflight shares shapes and words with missiles ("Союз ТМА-11", "ракета-носитель «Арес I»")."""
    return bool(_SPACE.search(text, max(0, start - window), min(len(text), end + window)))


def designation_strength(prefix: str, sep: str) -> str | None:
    """``"strong"`` (weapon by itself), ``"weak"`` (needs a cue) or ``None`` (never)."""
    if prefix in _BLOCKED_PREFIXES:
        return None
    if _DIGIT_PREFIX_RE.match(prefix):
        return "strong"
    if prefix in STRONG_PREFIXES and sep:
        return "strong"
    return "weak"


@dataclass(frozen=True, slots=True)
class EquipmentHit:
    """An equipment span found in text, with the gazetteer entry when known."""

    start: int
    end: int
    entry: EquipmentEntry | None
    source: str  # gazetteer | designation | quoted
    name: str  # canonical name (entry name, else the surface without quotes)


def find_designations(text: str, start: int = 0, end: int | None = None) -> list[EquipmentHit]:
    """Designation-shaped weapon names in ``text[start:end]`` with the context they need."""
    end = len(text) if end is None else end
    segment = text[start:end]
    hits: list[EquipmentHit] = []
    for m in DESIGNATION_RE.finditer(segment):
        prefix, sep, num = m.group("prefix"), m.group("sep"), m.group("num")
        strength = designation_strength(prefix, sep)
        if strength is None:
            continue
        if not sep and not _DIGIT_PREFIX_RE.match(prefix) and len(num) < 2:
            continue  # "M1", "A4", "B2": paper sizes, roads, vitamins
        if strength == "weak":
            if len(num) < 2 and not m.group("suffix"):
                continue
            if _CIVIL.search(segment, max(0, m.start() - 16), m.start()) or _AIRLINER.match(m.group(0)):
                continue  # "Airbus A320 aircraft": an airliner, not military equipment
            if not has_cue(segment, m.start(), m.end(), ALL_CUES, window=40):
                continue
        if _in_space_context(segment, m.start(), m.end()):
            continue  # "Союз ТМА-11", "ракета-носитель": spaceflight
        s, e = start + m.start(), start + m.end()
        surface = text[s:e]
        if m.group("plural"):
            surface = surface[:-1]
        hits.append(EquipmentHit(s, e, None, "designation", surface))
    return hits


_EN_HEADS = (
    r"(?:missile|rocket|air[- ]defen[cs]e|defen[cs]e|ballistic|cruise|hypersonic|anti-aircraft|anti-tank|"
    r"multiple[- ]rocket[- ]launch(?:er|ing)|coastal|strategic|tactical|nuclear|intercontinental|"
    r"surface-to-air|attack|reconnaissance|strike|loitering)"
)
_EN_NOUNS = (
    r"(?:systems?|complex(?:es)?|missiles?|rockets?|launchers?|drones?|UAVs?|tanks?|howitzers?|jets?|"
    r"fighters?|bombers?|helicopters?|submarines?|warships?|frigates?|cruisers?|MLRS|SAMs?|munitions?|"
    r"interceptors?|vehicles?|aircraft|planes?)"
)
_RU_HEADS = (
    r"(?:ракетн\w*|зенитн\w*|гиперзвуков\w*|баллистическ\w*|крылат\w*|реактивн\w*|оперативно-тактическ\w*|"
    r"тактическ\w*|стратегическ\w*|межконтинентальн\w*|противокорабельн\w*|береговой|беспилотн\w*|"
    r"ударн\w*|залпов\w*|средней|малой|большой|дальности|огня)"
)
_RU_NOUNS = (
    r"(?:комплекс\w*|систем\w*|ракет\w*|РСЗО|ЗРК|ЗРС|ОТРК|ПЗРК|ПТРК|БПЛА|беспилотник\w*|дрон\w*|танк\w*|"
    r"гаубиц\w*|истребител\w*|бомбардировщик\w*|вертол[её]т\w*|крейсер\w*|фрегат\w*|подлодк\w*|САУ|"
    r"установк\w*|самол[её]т\w*|носител\w*)"
)
_NAME = r"[A-ZА-ЯЁ0-9][\w\-/]*(?:[ \-][A-ZА-ЯЁ0-9][\w\-/]*){0,3}"
_QNAME = rf"[{_OPEN_Q}](?P<name>{_NAME})[,.]?[{_CLOSE_Q}]"
_QNAME2 = rf"(?:\s*(?:,|and|or|и|или)\s*[{_OPEN_Q}](?P<name2>{_NAME})[,.]?[{_CLOSE_Q}])?"

#: ‘X’ [and ‘Y’] (missile) system   /   «Х» (и «Y») ракетный комплекс
QUOTED_BEFORE_RE = re.compile(
    rf"{_QNAME}{_QNAME2}\s+(?:(?:{_EN_HEADS}|{_RU_HEADS})\s+){{0,3}}(?:{_EN_NOUNS}|{_RU_NOUNS})\b"
)
#: (missile) system ‘X’   /   комплекс (средней дальности) «Х»
QUOTED_AFTER_RE = re.compile(rf"\b(?:{_EN_NOUNS}|{_RU_NOUNS})\s+(?:[\w\-]+\s+){{0,2}}{_QNAME}")
#: the X missile system (unquoted, English only; X must not be a known place or nationality)
UNQUOTED_BEFORE_RE = re.compile(
    rf"\b[Tt]he\s+(?P<name>[A-Z][a-z]+(?:-[A-Z0-9][\w]*)?)\s+(?:{_EN_HEADS}\s+){{1,2}}(?:systems?|complex)\b"
)


def find_quoted(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    allow_unquoted: bool = False,
    stopwords: frozenset[str] = frozenset(),
) -> list[EquipmentHit]:
    """Quoted (or, in English, ``the X missile system``) names next to a weapon word."""
    end = len(text) if end is None else end
    segment = text[start:end]
    hits: list[EquipmentHit] = []
    regexes = [QUOTED_BEFORE_RE, QUOTED_AFTER_RE]
    if allow_unquoted:
        regexes.append(UNQUOTED_BEFORE_RE)
    for rx in regexes:
        for m in rx.finditer(segment):
            for group in ("name", "name2"):
                if group not in rx.groupindex or m.group(group) is None:
                    continue
                name = m.group(group)
                if name in stopwords or len(name) < 2 or len(name.split()) > 4:
                    continue
                if _in_space_context(segment, m.start(), m.end()):
                    continue
                s, e = start + m.start(group), start + m.end(group)
                hits.append(EquipmentHit(s, e, None, "quoted", name))
    return hits


# --------------------------------------------------------------------------- alias regexes

_RU_ENDINGS: frozenset[str] = frozenset({""}) | frozenset(
    _alts("а|я|у|ю|ом|ем|ём|ой|ей|е|и|ы|ов|ев|ам|ям|ами|ями|ах|ях|ь|ью|о")
)
_RU_STRIP = "аяоеьйиы"
_WORD_RE = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+")
_GAP_OK = re.compile(r"^[ \-‑/]{1,2}$")


def _token_spec(word: str) -> tuple[str, bool]:
    """(form to compare, inflects): Cyrillic name words of 3+ letters take Russian case endings."""
    if _CYR.search(word) and len(word) >= 3 and word.isalpha() and word[1:].islower():
        low = word.casefold()
        return (low[:-1] if low[-1] in _RU_STRIP else low), True
    return word.casefold(), False


def _word_matches(spec: tuple[str, bool], word: str) -> bool:
    form, inflects = spec
    if not inflects:
        return word == form
    return word.startswith(form) and word[len(form) :] in _RU_ENDINGS


@dataclass(slots=True)
class AliasMatcher:
    """Token-indexed matcher over all aliases, for the languages spaCy does not cover.

    English goes through spaCy's PhraseMatcher instead; this matcher handles
    Russian inflection (``Орешника``, ``Полонеза-М``).  Why an index and not
    one big regex: a regex alternation of hundreds of aliases is tried at
    every character (seconds per article); a dict lookup per word is not.
    """

    gazetteer: Gazetteer
    index: dict[str, list[tuple[str, tuple[tuple[str, bool], ...]]]]

    @classmethod
    def build(cls, gazetteer: Gazetteer, *, cyrillic: bool = True, latin: bool = True) -> AliasMatcher:
        index: dict[str, list[tuple[str, tuple[tuple[str, bool], ...]]]] = {}
        for entry in gazetteer.entries.values():
            for alias in entry.all_aliases:
                is_cyr = bool(_CYR.search(alias))
                if not ((is_cyr and cyrillic) or (not is_cyr and latin)):
                    continue
                specs = tuple(_token_spec(w) for w in _WORD_RE.findall(alias))
                if specs:
                    index.setdefault(specs[0][0], []).append((alias, specs))
        for options in index.values():
            options.sort(key=lambda o: -len(o[1]))
        return cls(gazetteer, index)

    def _candidates(self, word: str) -> list[tuple[str, tuple[tuple[str, bool], ...]]]:
        out = list(self.index.get(word, ()))
        for k in (1, 2, 3):
            if len(word) > k + 2 and word[-k:] in _RU_ENDINGS:
                out.extend(self.index.get(word[:-k], ()))
        if word[-1:] in _RU_STRIP:
            out.extend(self.index.get(word[:-1], ()))
        return sorted(out, key=lambda o: -len(o[1]))

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[EquipmentHit]:
        end = len(text) if end is None else end
        words = [(m.start(), m.end(), m.group(0).casefold()) for m in _WORD_RE.finditer(text, start, end)]
        hits: list[EquipmentHit] = []
        i = 0
        while i < len(words):
            matched = 0
            for alias, specs in self._candidates(words[i][2]):
                n = len(specs)
                if i + n > len(words):
                    continue
                if not all(_word_matches(specs[k], words[i + k][2]) for k in range(n)):
                    continue
                if any(not _GAP_OK.match(text[words[i + k][1] : words[i + k + 1][0]]) for k in range(n - 1)):
                    continue
                s, e = words[i][0], words[i + n - 1][1]
                if (s > 0 and (text[s - 1].isalnum() or text[s - 1] in "-‑")) or (
                    e < len(text) and text[e] in "-‑" and e + 1 < len(text) and text[e + 1].isalnum()
                ):
                    continue  # part of a longer hyphenated name
                if not _case_ok(alias, text[s:e]):
                    continue
                entry = self.gazetteer.lookup(alias)
                if entry is None:
                    continue
                if self.gazetteer.is_ambiguous(entry, alias) and not (
                    has_cue(text[start:end], s - start, e - start, cues_for(entry.category)) or _is_quoted(text, s, e)
                ):
                    continue
                hits.append(EquipmentHit(s, e, entry, "gazetteer", entry.name))
                matched = n
                break
            i += matched or 1
        return hits


def _case_ok(alias: str, surface: str) -> bool:
    """Names are capitalised: ``орешник`` (hazel grove) is not ``Орешник``."""
    if not alias[:1].isupper():
        return True
    return surface[:1].isupper() or surface[:1].isdigit()


def _is_quoted(text: str, start: int, end: int) -> bool:
    before = text[start - 1 : start] if start > 0 else ""
    after = text[end : end + 1]
    return bool(before) and before in _OPEN_Q and bool(after) and after in _CLOSE_Q


def resolve_overlaps(hits: Iterable[EquipmentHit]) -> list[EquipmentHit]:
    """Keep the best of overlapping hits: gazetteer over quoted over designation, then longest."""
    rank = {"gazetteer": 0, "quoted": 1, "designation": 2}
    ordered = sorted(hits, key=lambda h: (rank.get(h.source, 3), -(h.end - h.start), h.start))
    kept: list[EquipmentHit] = []
    for h in ordered:
        if all(h.end <= k.start or h.start >= k.end for k in kept):
            kept.append(h)
    return sorted(kept, key=lambda h: h.start)


def link_hit(hit: EquipmentHit, gazetteer: Gazetteer, text: str) -> EquipmentHit:
    """Attach the gazetteer entry to a pattern hit whose surface is a known alias."""
    if hit.entry is not None:
        return hit
    entry = gazetteer.lookup(text[hit.start : hit.end])
    if entry is None:
        return hit
    return EquipmentHit(hit.start, hit.end, entry, hit.source, entry.name)
