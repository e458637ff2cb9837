"""Within-article entity resolution ("coref-lite"): mentions → entities.

Why not a neural coreference model: we need only names, surnames, titles and
a few descriptors ("the Belarusian leader") to land on the right person, and
this must cost microseconds per article.  The rules:

1. persons with a given name and a surname form clusters (same folded
   surname and compatible given names: "Vladimir"/"V.");
2. a surname-only mention ("Lukashenko", "President Lukashenko") joins the
   cluster with that surname, the nearest preceding one when several share it;
   otherwise it is a surname-only person (weak cross-article key);
3. a descriptor ("the Belarusian leader/president", "Belarus's foreign
   minister") joins the one cluster whose role and country fit; unresolved
   descriptors are dropped (they name nobody we know);
4. everything else clusters by kind and canonical name (equipment by its
   gazetteer id).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from dossier.analyze.equipment import EquipmentEntry
from dossier.analyze.lexicon import HEAD_OF_STATE_ROLES
from dossier.model import DocAnalysis, Entity, Mention
from dossier.resolve.entities import fold_name, slug


@dataclass(slots=True)
class Candidate:
    """A mention before resolution, with what the rules need to know about it."""

    start: int
    end: int
    kind: str
    name: str  # canonical-name candidate (normalised form of the surface)
    label: str = ""  # where it came from (spaCy/natasha label, "gazetteer", "descriptor"...)
    role: str | None = None
    country: str | None = None  # nationality of a person (from the title) or of a descriptor
    given: str | None = None
    surname: str | None = None
    descriptor: str | None = None  # role word of a descriptor ("leader", "foreign minister")
    entry: EquipmentEntry | None = None
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class _Cluster:
    kind: str
    members: list[Candidate] = field(default_factory=list)
    surname: str | None = None  # folded
    given: str | None = None  # folded

    @property
    def first(self) -> int:
        return min(m.start for m in self.members)

    def roles(self) -> set[str]:
        roles = {m.role.casefold() for m in self.members if m.role}
        return roles | {m.attrs["role_en"] for m in self.members if m.attrs.get("role_en")}

    def countries(self) -> set[str]:
        return {m.country for m in self.members if m.country}


def _given_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    a, b = a.rstrip("."), b.rstrip(".")
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _role_fits(descriptor: str, roles: set[str]) -> bool:
    d = descriptor.casefold()
    if d in {"leader", "head of state", "strongman", "autocrat", "dictator"}:
        return bool(roles & HEAD_OF_STATE_ROLES) or any(r.endswith(("president", "leader")) for r in roles)
    return any(d == r or r.endswith(d) or d in r.split() for r in roles)


def _cluster_persons(cands: list[Candidate], text: str = "") -> list[_Cluster]:
    persons = sorted((c for c in cands if c.kind == "person" and not c.descriptor), key=lambda c: c.start)
    clusters: list[_Cluster] = []
    by_surname: dict[str, list[_Cluster]] = {}
    by_other: dict[str, list[_Cluster]] = {}
    # Pass 1: full names.
    for c in persons:
        if not (c.given and c.surname):
            continue
        sur, giv = fold_name(c.surname), fold_name(c.given)
        for cl in by_surname.get(sur, []):
            if _given_compatible(cl.given, giv):
                cl.members.append(c)
                if cl.given and len(cl.given) == 1 and len(giv) > 1:
                    cl.given = giv
                break
        else:
            cl = _Cluster("person", [c], sur, giv)
            clusters.append(cl)
            by_surname.setdefault(sur, []).append(cl)
            if c.attrs.get("parts_uncertain"):
                # The extractor may have taken the given name for the surname (a foreign
                # name): a bare mention of either part may refer back to this person.
                by_other.setdefault(giv, []).append(cl)
    # Pass 2: surname-only mentions join the nearest preceding cluster with that surname.
    for c in persons:
        if c.given and c.surname:
            continue
        sur = fold_name(c.surname or c.name)
        options = by_surname.get(sur) or by_other.get(sur, []) or _inflected(c, text, by_surname)
        if not options:
            cl = _Cluster("person", [c], sur, None)
            clusters.append(cl)
            by_surname[sur] = [cl]
            continue
        preceding = [cl for cl in options if cl.first <= c.start]
        pick = max(preceding, key=lambda cl: cl.first) if preceding else min(options, key=lambda cl: cl.first)
        pick.members.append(c)
    return clusters


def _inflected(c: Candidate, text: str, by_surname: dict[str, list[_Cluster]]) -> list[_Cluster]:
    """Clusters a bare Russian surname in another case may join: another case of a full name's
    surname, or a man's surname in an oblique case.  When both readings name different people
    ("Лапину" is a woman Лапина's accusative and a man Лапин's dative) the form is ambiguous and
    joins neither: a mention left on its own is less wrong than words given to the wrong person."""
    variants = _case_variants(c.surname or c.name, by_surname)
    oblique = _male_oblique(c, text, by_surname)
    if variants and oblique and {id(cl) for cl in variants} != {id(cl) for cl in oblique}:
        return []
    return variants or oblique


#: Russian case endings of a surname (Руденя, Рудени, Руденей; Захарова, Захаровой).
_RU_CASE_ENDINGS = frozenset({"а", "я", "у", "ю", "е", "и", "ы", "ой", "ей", "ом", "ем", "ым", "им", "ую", "ою", "ею"})


def _case_variants(written: str, by_surname: dict[str, list[_Cluster]]) -> list[_Cluster]:
    """Clusters of full names whose Cyrillic surname is another case of ``written`` ("Рудени" of
    "Руденя", "Захаровой" of "Захарова"), which the normaliser leaves in the case the text wrote
    when the dictionary does not know the name.  Both must end in a case ending after a shared
    stem of four letters or more, so a man's "Иванов" and a woman's "Иванова" are never joined."""
    low = written.lower()
    if not re.fullmatch(r"[а-яё\-]{5,}", low):
        return []
    out: list[_Cluster] = []
    for cls in by_surname.values():
        for cl in cls:
            other = next((m.surname.lower() for m in cl.members if m.surname and m.given), "")
            if not other or other == low or abs(len(other) - len(low)) > 1:
                continue
            n = 0
            while n < min(len(other), len(low)) and other[n] == low[n]:
                n += 1
            if n >= 4 and low[n:] in _RU_CASE_ENDINGS and other[n:] in _RU_CASE_ENDINGS:
                out.append(cl)
    return out


#: Oblique endings of a Russian man's surname in -ов/-ев/-ин/-ын (Лапину, Лапиным, о Лапине); "-а"
#: (Лапина) is also a woman's nominative, so it counts only after a word that governs a genitive.
_RU_MALE_OBLIQUE = ("ым", "ом", "у", "е")
_RU_MALE_STEM = re.compile(r"[а-яё\-]{2,}(?:ов|ев|ёв|ин|ын)")
_RU_WORD_BEFORE = re.compile(r"([а-яё]+)[ \t]+$")


def _male_oblique(c: Candidate, text: str, by_surname: dict[str, list[_Cluster]]) -> list[_Cluster]:
    """Clusters of a man named in full whose surname a bare mention writes in an oblique case
    ("Виктор Лапин" … "назначить Лапину", "в отношении Лапина").  The genitive "Лапина" reads the
    same as a woman's name, so it joins only after a lower-case word (a noun or preposition that
    governs it), never opening a clause ("Лапина встретила …")."""
    low = (c.surname or c.name).lower()
    if not text or not re.fullmatch(r"[а-яё\-]{4,}", low):
        return []
    stems = [low[: -len(e)] for e in _RU_MALE_OBLIQUE if low.endswith(e)]
    if low.endswith("а"):
        before = _RU_WORD_BEFORE.search(text, max(0, c.start - 40), c.start)
        if before is not None:
            stems.append(low[:-1])
    stems = [st for st in stems if _RU_MALE_STEM.fullmatch(st)]
    if not stems:
        return []
    out: list[_Cluster] = []
    for cls in by_surname.values():
        for cl in cls:
            full = next((m for m in cl.members if m.surname and m.given), None)
            if full is not None and full.surname.lower() in stems and _masculine_given(full.given or ""):
                out.append(cl)
    return out


def _masculine_given(given: str) -> bool:
    """Whether a Russian given name reads as a man's (pymorphy's Name tag with masc)."""
    try:
        from dossier.analyze.nlp import morph_vocab
    except ImportError:  # pragma: no cover - natasha is a core dependency
        return False
    return any("Name" in str(p.tag) and "masc" in str(p.tag) for p in morph_vocab().parse(given.lower()))


def _attach_descriptors(cands: list[Candidate], clusters: list[_Cluster]) -> None:
    for c in sorted((c for c in cands if c.descriptor), key=lambda c: c.start):
        fits = [
            cl
            for cl in clusters
            if _role_fits(c.descriptor or "", cl.roles()) and (c.country is None or c.country in cl.countries())
        ]
        if not fits:
            continue
        if len(fits) > 1:
            preceding = [cl for cl in fits if cl.first <= c.start]
            if not preceding:
                continue
            fits = [max(preceding, key=lambda cl: max(m.start for m in cl.members if m.start <= c.start))]
        fits[0].members.append(c)


def _other_key(c: Candidate) -> str:
    if c.kind == "equipment" and c.entry is not None:
        return f"equipment\t{c.entry.id}"
    return f"{c.kind}\t{fold_name(c.name)}"


def _canonical_person(cl: _Cluster) -> str:
    full = [m.name for m in cl.members if m.given and m.surname and not m.descriptor]
    if full:
        counts = Counter(full)
        # a written-out given name before initials ("Александр Лукашенко" over "А Г Лукашенко",
        # whose initials count as words), then the longest, the most frequent, the first
        spelled = {m.name for m in cl.members if m.given and len(m.given.strip(".")) > 1}
        return max(counts, key=lambda n: (n in spelled, len(n.split()), counts[n], -full.index(n)))
    names = [m.name for m in cl.members if not m.descriptor]
    return Counter(names).most_common(1)[0][0] if names else cl.members[0].name


def _join_short_org_names(groups: dict[str, _Cluster]) -> None:
    """An organisation named in full once and by its first words after ("Harbor Freight Lines" …
    "Harbor Freight"; "Coastal Rail Corp" … "Coastal Rail") is one organisation in an article:
    a short name of two words or more that opens exactly one longer organisation name joins it,
    which then names the entity; one word only when the rest is a legal form or trade ("Pellham
    Pharmaceuticals Inc").  A short name that opens two different names stays itself."""
    from dossier.analyze.mention_review import company_words

    orgs = {key: key.split("\t", 1)[1].split() for key in groups if key.startswith("org\t")}
    for key, words in orgs.items():
        longer = [k for k, w in orgs.items() if len(w) > len(words) and w[: len(words)] == words and k in groups]
        if len(words) < 2:
            # one word only before a company's legal form or trade ("Pellham" of "Pellham
            # Pharmaceuticals Inc"): "Harvard" of "Harvard Medical School" stays itself
            longer = [k for k in longer if all(w in company_words() for w in orgs[k][1:])]
        if len(longer) != 1 or key not in groups:
            continue
        target = groups[longer[0]]
        full = Counter(m.name for m in target.members).most_common(1)[0][0]
        for m in groups.pop(key).members:
            m.name = full
            target.members.append(m)


def resolve(cands: list[Candidate], analysis: DocAnalysis) -> tuple[list[Mention], list[Entity]]:
    """Group candidates into entities and give every mention its entity's canonical name."""
    from dossier.analyze.mention_review import review

    text = analysis.text
    review(cands, text, analysis.sentences, (analysis.language or "en").split("-")[0].lower())
    clusters = _cluster_persons(cands, text)
    _attach_descriptors(cands, clusters)
    groups: dict[str, _Cluster] = {}
    for c in sorted((c for c in cands if c.kind != "person"), key=lambda c: c.start):
        key = _other_key(c)
        groups.setdefault(key, _Cluster(c.kind)).members.append(c)
    _join_short_org_names(groups)
    all_clusters = [cl for cl in clusters if any(not m.descriptor for m in cl.members)]
    all_clusters += list(groups.values())
    all_clusters.sort(key=lambda cl: cl.first)

    mentions: list[Mention] = []
    entities: list[Entity] = []
    used_ids: set[str] = set()
    for cl in all_clusters:
        members = sorted(cl.members, key=lambda m: m.start)
        named = [m for m in members if not m.descriptor]
        attrs: dict[str, Any] = {}
        wikidata = None
        if cl.kind == "person":
            name = _canonical_person(cl)
            full = next((m for m in named if m.name == name and m.given), None)
            if full is not None:
                attrs["given"], attrs["surname"] = full.given, full.surname
            else:
                attrs["surname"] = named[0].surname or name.split()[-1]
                attrs["surname_only"] = True
            roles = list(dict.fromkeys(m.role for m in members if m.role))
            if roles:
                attrs["roles"] = roles
            countries = list(dict.fromkeys(m.country for m in members if m.country and not m.descriptor))
            if countries:
                attrs["country"] = countries[0]
            base_id = f"person:{slug(name)}"
        elif cl.kind == "equipment" and named[0].entry is not None:
            entry = named[0].entry
            name, wikidata = entry.name, entry.wikidata
            attrs.update(entry.attrs())
            base_id = f"equipment:{entry.id}"
        else:
            name = Counter(m.name for m in named).most_common(1)[0][0]
            for m in named:
                for k, v in m.attrs.items():
                    if k in {"stands_for", "parts_uncertain"}:
                        continue
                    if k == "wikidata":
                        wikidata = wikidata or v
                    else:
                        attrs.setdefault(k, v)
            base_id = f"{cl.kind}:{slug(name)}"
        eid, n = base_id, 2
        while eid in used_ids:
            eid, n = f"{base_id}-{n}", n + 1
        used_ids.add(eid)
        aliases = tuple(dict.fromkeys(text[m.start : m.end] for m in named))
        entities.append(Entity(name=name, kind=cl.kind, aliases=aliases, wikidata=wikidata, id=eid, attrs=attrs))
        for m in members:
            mattrs = {k: v for k, v in m.attrs.items() if k not in {"wikidata", "parts_uncertain"}}
            if m.descriptor:
                mattrs["descriptor"] = True
            if m.country and cl.kind == "person":
                mattrs.setdefault("country", m.country)
            mattrs["entity_id"] = eid
            mentions.append(
                Mention(
                    text=text[m.start : m.end],
                    start=m.start,
                    end=m.end,
                    kind=cl.kind,
                    entity=name,
                    sentence=analysis.sentence_of(m.start),
                    role=m.role,
                    attrs=mattrs,
                )
            )
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions, entities
