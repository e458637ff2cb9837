"""Small word lists the entity stage relies on: countries, capitals, outlets, titles.

Why data files and not code: the lists grow with the sources we read; the
JSON files in ``dossier/data`` can be edited without touching the rules.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any


def _alts(text: str) -> tuple[str, ...]:
    """A word list written as one "|"-separated string (entries may contain spaces)."""
    return tuple(w.strip() for w in text.split("|") if w.strip())


def _read_json(name: str) -> Any:
    ref = resources.files("dossier").joinpath(f"data/{name}")
    return json.loads(ref.read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    wikidata: str | None
    capital: str
    capital_wikidata: str | None


@dataclass(slots=True)
class Lexicon:
    """Lookups built once from ``countries.json`` and ``media.json``."""

    countries: dict[str, Country] = field(default_factory=dict)
    #: "belarusian" -> "Belarus"
    demonym: dict[str, str] = field(default_factory=dict)
    #: any country name/alias (English or Russian, casefolded) -> country name
    country_alias: dict[str, str] = field(default_factory=dict)
    #: capital alias (English or Russian, casefolded) -> country name
    capital_of: dict[str, str] = field(default_factory=dict)
    #: capital alias -> canonical English capital name
    capital_name: dict[str, str] = field(default_factory=dict)
    #: country -> its first Russian name ("Russia" -> "Россия"), to name its bodies alike
    country_ru: dict[str, str] = field(default_factory=dict)
    #: Russian adjective stem -> country ("белорусск" -> "Belarus")
    ru_adj: dict[str, str] = field(default_factory=dict)
    #: region or city alias (casefolded) -> (canonical name, country)
    region: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    #: outlet alias (casefolded) -> canonical outlet name
    media: dict[str, str] = field(default_factory=dict)
    #: aliases safe to find in text even when the NER model missed them
    media_strong: set[str] = field(default_factory=set)
    #: well-known organisation alias (exact case) -> canonical name (``organisations.json``)
    organisation: dict[str, str] = field(default_factory=dict)
    #: acronym -> canonical name, for the organisations whose acronym is too common a word to match alone
    org_acronym: dict[str, str] = field(default_factory=dict)
    #: canonical name of a known national body → its country (Bank of Russia → Russia)
    org_country: dict[str, str] = field(default_factory=dict)

    def place_canonical(self, text: str) -> tuple[str, dict[str, Any]] | None:
        """Canonical English name and attrs of a known country or capital."""
        key = text.casefold()
        if key in self.country_alias:
            c = self.countries[self.country_alias[key]]
            return c.name, {"type": "country", **({"wikidata": c.wikidata} if c.wikidata else {})}
        if key in self.capital_of:
            c = self.countries[self.capital_of[key]]
            attrs: dict[str, Any] = {"type": "capital", "country": c.name}
            if c.capital_wikidata and self.capital_name[key] == c.capital:
                attrs["wikidata"] = c.capital_wikidata
            return self.capital_name[key], attrs
        if key in self.region:
            name, country = self.region[key]
            return name, {"type": "region", **({"country": country} if country else {})}
        return None

    def country_of_adjective(self, word: str) -> str | None:
        """Country for an English demonym ("Belarusian") or Russian adjective ("белорусского")."""
        w = word.casefold().removesuffix("'s").removesuffix("’s")
        if w in self.demonym:
            return self.demonym[w]
        if w in self.country_alias:
            return self.country_alias[w]
        for stem, country in self.ru_adj.items():
            if w.startswith(stem):
                return country
        return None


_WEAK_MEDIA = frozenset(
    _alts(
        "ap|ft|rt|ria|bild|guardian|spiegel|sputnik|zvezda|звезда|спутник|медуза|axios|politico|rbc|rbk|"
        "рбк|риа|meduza|rybar|telegraph|the telegraph|economist|the times|the independent|зеркало|zerkalo|dw|"
        "radio liberty|forbes|the hill|fontanka|фонтанка"
    )
)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    lex = Lexicon()
    data = _read_json("countries.json")
    for d in data["countries"]:
        c = Country(d["name"], d.get("wikidata"), d["capital"], d.get("capital_wikidata"))
        lex.countries[c.name] = c
        for a in [c.name, *d.get("aliases", []), *d.get("ru", [])]:
            lex.country_alias[a.casefold()] = c.name
        if d.get("ru"):
            lex.country_ru[c.name] = d["ru"][0]
        for dem in d.get("demonyms", []):
            lex.demonym[dem.casefold()] = c.name
        for a in [c.capital, *d.get("capital_aliases", []), *d.get("capital_ru", [])]:
            lex.capital_of[a.casefold()] = c.name
            lex.capital_name[a.casefold()] = c.capital
        for stem in d.get("ru_adj", []):
            lex.ru_adj[stem] = c.name
    for d in data.get("regions", []):
        for a in [d["name"], *d.get("aliases", []), *d.get("ru", [])]:
            lex.region[a.casefold()] = (d["name"], d.get("country"))
    for d in _read_json("media.json")["outlets"]:
        for a in [d["name"], *d.get("aliases", []), *d.get("ru", [])]:
            lex.media[a.casefold()] = d["name"]
            if a.casefold() not in _WEAK_MEDIA and len(a) >= 4:
                lex.media_strong.add(a)
    for d in _read_json("organisations.json")["organisations"]:
        for a in [d["name"], *d.get("aliases", []), *d.get("ru", [])]:
            lex.organisation[a] = d["name"]
        if d.get("acronym"):
            lex.org_acronym[d["acronym"]] = d["name"]
        if d.get("country"):
            lex.org_country[d["name"]] = d["country"]
    return lex


@lru_cache(maxsize=1)
def territory_names() -> frozenset[str]:
    """Casefolded names of every country and world region, in English and Russian (CLDR via Babel).

    Why: ``countries.json`` holds the countries we give canonical names and Wikidata ids; the
    entity checks only need to know that "Sri Lanka" or "Шри-Ланка" is a place when a tagger
    calls it a person or an org.
    """
    from babel import Locale

    out: set[str] = set()
    for code in ("en", "ru"):
        for key, name in Locale(code).territories.items():
            if key.isdigit() and name.lower() == "world":
                continue
            out.add(name.casefold())
    return frozenset(out)


@lru_cache(maxsize=1)
def territory_regex() -> re.Pattern[str]:
    """Case-sensitive regex of the English CLDR names of countries and territories (four letters
    or more, no abbreviations or bracketed qualifiers), to find a country the tagger missed."""
    from babel import Locale

    names = [
        name
        for key, name in Locale("en").territories.items()
        if not key.isdigit() and len(name) >= 4 and re.fullmatch(r"[A-Z][\w' -]+", name) and "&" not in name
    ]
    return names_regex(names)


def names_regex(names: Iterable[str]) -> re.Pattern[str]:
    """Case-sensitive regex of whole ``names`` (not inside a word or a hyphenated one), the longest
    name that fits winning where several start at one place.

    The names are grouped by their first character, longest first within each group: at a
    given place only the names that start with its character can match, so the answer is the
    one of a single alternation of all names longest first, but the regex engine rejects a
    place after one character test per group instead of one per name (a third of the time on
    news, with two hundred organisation names).
    """
    groups: dict[str, list[str]] = {}
    for name in sorted(dict.fromkeys(names), key=len, reverse=True):
        if name:
            groups.setdefault(name[0], []).append(name)
    if not groups:
        return re.compile(r"(?!)")  # no names: an empty alternation would match nothing at every place
    alternation = "|".join(
        re.escape(first) + "(?:" + "|".join(re.escape(n[1:]) for n in group) + ")" for first, group in groups.items()
    )
    return re.compile(r"(?<![\w\-])(?:" + alternation + r")(?![\w\-])")


@lru_cache(maxsize=1)
def organisation_regex() -> re.Pattern[str]:
    """Case-sensitive regex of well-known organisation names and acronyms (longest first)."""
    return names_regex(lexicon().organisation)


@lru_cache(maxsize=1)
def media_regex() -> re.Pattern[str]:
    """Case-sensitive regex of outlet names that are safe to find without the NER model."""
    return names_regex(lexicon().media_strong)


# --------------------------------------------------------------------------- titles and roles

#: Head words of a title or role (lowercase).  A role needs at least one.
ROLE_HEADS: frozenset[str] = frozenset(
    _alts(
        "president|president-elect|premier|minister|chancellor|secretary|spokesman|spokeswoman|"
        "spokesperson|ambassador|general|gen.|colonel|col.|lieutenant|lt.|major|maj.|commander|"
        "commander-in-chief|admiral|adm.|marshal|chief|head|leader|king|queen|prince|pope|patriarch|"
        "senator|sen.|representative|rep.|governor|gov.|mayor|director|chairman|chairwoman|chair|speaker|"
        "envoy|adviser|advisor|aide|ayatollah|sheikh|emir|prosecutor|judge|captain|capt.|sergeant|sgt.|"
        "officer|deputy|ombudsman|mp|lawmaker|dictator|autocrat|strongman"
    )
)
#: Words that may sit inside a title ("Foreign Minister", "Chief of the General Staff").
ROLE_MODIFIERS: frozenset[str] = frozenset(
    _alts(
        "foreign|defense|defence|interior|finance|economy|economic|energy|justice|health|education|trade|"
        "culture|emergency|emergencies|first|vice|prime|supreme|state|of|the|staff|security|national|"
        "council|armed|forces|army|navy|naval|air|force|military|intelligence|affairs|acting|general|"
        "executive|press|presidential|parliament|parliamentary|defence-|lower|upper|house|senior|top|"
        "kremlin|pentagon|nato|un|ground|joint|chiefs|deputy|assistant|federal|regional|district|main|"
        "directorate|service|ministry|committee|russian-installed|self-proclaimed"
    )
)
#: Dropped from the start of a role ("former", honorifics).
ROLE_DROP: frozenset[str] = frozenset(_alts("former|ex|late|the|a|an|mr|mr.|mrs|mrs.|ms|ms.|dr|dr.|sir|dame|then|of"))

#: Words of a descriptor that resolve to a head of state or government.
LEADER_WORDS: frozenset[str] = frozenset(
    _alts("leader|president|head of state|strongman|autocrat|dictator|premier|prime minister|chancellor|king")
)
HEAD_OF_STATE_ROLES: frozenset[str] = frozenset(
    {"president", "prime minister", "premier", "chancellor", "king", "queen", "leader", "supreme leader", "emir"}
)

#: Russian role words (lowercase stems) for natasha's PER spans.
RU_ROLE_RE = re.compile(
    r"(?P<role>(?:(?:перв\w+\s+)?(?:заместител\w+|зам\.?)\s+)?"
    r"(?:президент\w*|премьер-министр\w*|премьер\w*|министр\w*(?:\s+(?:иностранных\s+дел|обороны|"
    r"внутренних\s+дел|финансов|юстиции|экономики|энергетики|по\s+чрезвычайным\s+ситуациям))?|"
    r"глав\w+(?:\s+(?:МИД|Минобороны|МВД|государства|правительства|Генштаба|Генерального\s+штаба))?|"
    r"пресс-секретар\w+|спикер\w*|канцлер\w*|генсек\w*|генеральн\w+\s+секретар\w+|посол|посла|послу|"
    r"командующ\w+|начальник\w*(?:\s+Генштаба|\s+Генерального\s+штаба)?|генерал\w*|губернатор\w*|"
    r"мэр\w*|директор\w*|председател\w+|лидер\w*|депутат\w*|сенатор\w*|советник\w*|помощник\w*|"
    r"представител\w+|королев\w*|корол\w+))"
    r"(?P<country>\s+(?:[А-ЯЁ][\w-]+|РФ|США|КНДР))?"
    r"(?:\s+[А-ЯЁ][\w-]+){0,2}?\s*[,—–-]?\s*$"
)
