"""Sense rules: the PLOVER category of a trigger shared by two categories.

A lexicon gives one kind per trigger; a few verbs need the sentence to pick
between PLOVER categories whose definitions differ by *who* acts against
*whom* with *what*, not by the verb:

* **harm verbs** (kill, wound, injure) are ASSAULT by default; when the actor
  is an organised armed force (army, troops, aircraft...) or the sentence
  describes conventional combat (artillery, missiles, clashes), and nothing
  is unconventional (bombs, abduction, suicide attacks), the killing is the
  result of conventional force: FIGHT (the gold records code killings by
  armed forces as FIGHT whoever the victims are);
* **attack verbs** (attack, open fire, shoot, raid) are FIGHT by default;
  unconventional means in the sentence, an irregular attacker (gunmen,
  terrorists, a mob), or civilian targets (villagers, a bus, a market) of an
  actor that is not an armed force make them ASSAULT;
* **protesters' violence**: a rioter, protester or demonstrator who burns, smashes or storms
  (an ASSAULT or COERCE trigger other than a harm verb) protests violently (CAMEO 145): PROTEST;
* **peacekeeping**: troops deployed (MOBILIZE) in a sentence about a peacekeeping force
  provide protection (CAMEO 074): AID;
* **walk out** is SANCTION (leaving talks) by default and PROTEST (a strike) in a labour
  context, unless it is a walkout "of" something (talks, a meeting).
* **strike** is FIGHT by default and PROTEST (a work stoppage) in a labour
  context (union, workers, teachers, wages) or when what it did was to stop something ("the
  strike *shut* the port", "*entered* its second week": ``stoppage``), without combat words;
* **motion verbs** (travel, arrive, head): what moves is the subject, a weapon
  system in transit or a visitor (see ``DocumentExtractor._mover``);
* **combat words in a sports report** (strike, shot, storm, battle, fight back) are the game's
  language: in a document with several sport words (or match scores), a FIGHT, ASSAULT or CRIME
  trigger is no event unless its own sentence speaks of real violence (police, fans, a knife).

The word classes are data (``senses_<lang>.tsv``).
"""

from __future__ import annotations

import re
from functools import cache

from dossier.analyze.eventing.lexicon import Token, _data_lines, en_key


@cache
def sense_classes(language: str) -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    """``class -> (exact words, prefixes)``; trigger classes hold stem keys."""
    lang = "ru" if language == "ru" else "en"
    raw: dict[str, list[str]] = {}
    for row in _data_lines(f"senses_{lang}.tsv"):
        raw.setdefault(row[0], []).append(row[1].lower())
    out: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {}
    for cls, words in raw.items():
        if cls.endswith("_trigger") and lang == "en":
            words = [en_key(w) for w in words]
        exact = frozenset(w for w in words if not w.endswith("*"))
        prefixes = tuple(w[:-1] for w in words if w.endswith("*"))
        out[cls] = (exact, prefixes)
    return out


#: A match score ("4-0", "16-9", "7-6"): two small numbers joined by a dash.
_SCORE = re.compile(r"(?<![\d.,/-])\d{1,2}-\d{1,2}(?![\d.,/%-])")
_WORD = re.compile(r"\w+(?:-\w+)*")
#: Distinct sport words (a score counts as one) that make a document a sports report.
SPORT_REPORT_CUES = 3
#: Kinds whose triggers are figurative in a sports report.
COMBAT_KINDS = frozenset({"FIGHT", "ASSAULT", "CRIME"})
#: Forms of "be" before a participle: the words before them are the passive's subject.
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})


def _in_class(classes: dict[str, tuple[frozenset[str], tuple[str, ...]]], cls: str, word: str) -> bool:
    exact, prefixes = classes.get(cls, (frozenset(), ()))
    return word in exact or word.startswith(prefixes)


def sports_report(text: str, language: str) -> bool:
    """Whether a document is a sports report: it uses at least :data:`SPORT_REPORT_CUES`
    different sport words, a match score counting as one."""
    classes = sense_classes("ru" if language == "ru" else "en")
    seen: set[str] = set()
    if _SCORE.search(text):
        seen.add("<score>")
    for m in _WORD.finditer(text.lower()):
        w = m.group()
        if w not in seen and _in_class(classes, "sport", w):
            seen.add(w)
            if len(seen) >= SPORT_REPORT_CUES:
                return True
    return False


class SenseRules:
    """Applies the sense rules to the events of one sentence."""

    def __init__(self, tokens: list[Token], language: str) -> None:
        self.language = "ru" if language == "ru" else "en"
        self.classes = sense_classes(self.language)
        self.tokens = tokens
        self._words: list[str] | None = None
        self._in_sentence: dict[str, bool] = {}

    def _sentence_words(self) -> list[str]:
        if self._words is None:
            self._words = [t.lower for t in self.tokens]
        return self._words

    def _sentence_has(self, cls: str) -> bool:
        """Whether a word of class ``cls`` stands anywhere in the sentence, worked out once per class.

        Why: :meth:`kind` asks for each trigger, and a long sentence of many triggers spent most
        of its time scanning itself again (quadratic)."""
        if cls not in self._in_sentence:
            self._in_sentence[cls] = self._any(cls, self._sentence_words())
        return self._in_sentence[cls]

    def _is(self, cls: str, word: str) -> bool:
        exact, prefixes = self.classes.get(cls, (frozenset(), ()))
        return word in exact or any(word.startswith(p) for p in prefixes)

    def _any(self, cls: str, words: list[str]) -> bool:
        return any(self._is(cls, w) for w in words)

    def _trigger_is(self, cls: str, tok: Token) -> bool:
        exact, prefixes = self.classes.get(cls, (frozenset(), ()))
        key = tok.key if self.language == "en" else tok.lower
        return key in exact or any(tok.lower.startswith(p) for p in prefixes)

    def game_language(self, kind: str) -> bool:
        """Whether a combat trigger of a sports report's sentence is the game's language: no word
        of real violence in the sentence (see :func:`sports_report`)."""
        return kind in COMBAT_KINDS and not self._any("violence", [t.lower for t in self.tokens])

    def natural_toll(self, kind: str, first: int, window: int = 8) -> bool:
        """Whether a harm or damage trigger at ``first`` counts the toll of a natural hazard named
        just before it ("an earthquake struck southern Peru, *killing* 12 and *damaging* homes",
        "floods *killed* 40"): the hazard did it, so it is no ASSAULT, FIGHT or COERCE by anyone
        (the extractor records deaths as DIE and damage as part of the DISASTER, with no actor).
        Not when an armed or irregular actor stands between (troops, gunmen)."""
        if kind not in COMBAT_KINDS | {"COERCE"}:
            return False
        # a participle clause hangs on the hazard's own clause however long it runs ("…, killing
        # at least 12 people and damaging hundreds of homes")
        reach = window * 3 if self.tokens[first].lower.endswith("ing") else window
        before = [t.lower for t in self.tokens[max(0, first - reach) : first]]
        if not self._any("hazard", before):
            return False
        return not (self._any("military", before) or self._any("irregular", before))

    def figurative_collapse(self, kind: str, first: int, window: int = 8) -> bool:
        """Whether a DISASTER "collapse" at ``first`` is figurative: talks, a deal or a coalition
        collapse just before it ("talks with the operators over pay *collapsed*") and no structure
        that can fall down (a mine, a roof, a bridge) is named beside them."""
        if kind != "DISASTER" or not self.tokens[first].lower.startswith("collaps"):
            return False
        lo = max(0, first - window)
        near = self.tokens[lo : first + 3]
        # a structure word capitalised inside the sentence is part of a name ("shares collapsed on
        # *Wall* Street", "the *White House*"): it names no structure that fell
        built = [t.lower for k, t in enumerate(near, lo) if k == 0 or not t.text[:1].isupper()]
        return self._any("abstract", [t.lower for t in near]) and not self._any("structure", built)

    def harm(self, first: int) -> bool:
        """Whether the trigger at ``first`` is a verb of killing or wounding (``harm_trigger``)."""
        return self._trigger_is("harm_trigger", self.tokens[first])

    def wounding(self, first: int) -> bool:
        """Whether the harm trigger at ``first`` wounds rather than kills ("injuring nine", "ранены")."""
        return self.tokens[first].lower.startswith(("wound", "injur", "ранен", "ранил", "пострада"))

    def motion(self, first: int) -> bool:
        """Whether the trigger at ``first`` is a verb of motion (its subject is what moves)."""
        return self._trigger_is("motion_trigger", self.tokens[first])

    def kind(
        self, kind: str, first: int, actors: tuple[str, ...], targets: tuple[str, ...], last: int | None = None
    ) -> str:
        """The kind after the sense rules (``kind`` when none applies).  ``last``: the trigger's
        last word, so that a sense word inside a light-verb trigger counts ("launched a hunger
        *strike*")."""
        if kind not in ("ASSAULT", "FIGHT", "COERCE", "MOBILIZE", "SANCTION"):
            return kind
        trig = self.tokens[first]
        words = self._sentence_words()
        if kind == "SANCTION":
            # Workers who walk out stop work (a strike, CAMEO 143); a delegation that walks out of
            # talks breaks them off (166).  The labour words of the sentence tell them apart.
            left_talks = words[first + 2 : first + 3] == ["of"]  # "walked out of the talks"
            if self._trigger_is("walkout_trigger", trig) and self._sentence_has("labour") and not left_talks:
                return "PROTEST"
            return kind
        if kind == "MOBILIZE":
            # Troops sent as (part of) a peacekeeping force protect others: CAMEO 074, AID.
            return "AID" if self._sentence_has("peacekeeping") else kind
        if kind in ("ASSAULT", "COERCE") and not self._trigger_is("harm_trigger", trig):
            # Rioters or protesters burning, smashing or storming things protest violently
            # (CAMEO 145): the damage is their protest, not an assault or a coercive measure.
            passive = first > 0 and words[first - 1] in _BE  # "protesters were rounded up": done to them
            before = [] if passive else words[max(0, first - 2) : first]
            subject = [w.lower() for a in actors for w in a.split()] or before
            if self._any("protester", subject):
                return "PROTEST"
        # The actor's own words, the subject words right before the trigger
        # ("Arland army troops killed") and a passive agent ("killed by troops").
        actor_words = [w.lower() for a in actors for w in a.split()]
        actor_words += words[max(0, first - 2) : first] if not actors else []
        if "by" in words[first + 1 : first + 4]:
            at = words.index("by", first + 1)
            actor_words += words[at + 1 : at + 5]
        if kind == "COERCE":
            # a seizure by gunmen, kidnappers or pirates is an abduction or a hijacking (PLOVER
            # ASSAULT), not an authority's confiscation ("Hijackers seized a plane")
            if self._trigger_is("seize_trigger", trig) and self._any("irregular", actor_words):
                return "ASSAULT"
            return kind
        target_words = [w.lower() for a in targets for w in a.split()]
        civilian_target = self._any("civilian", target_words)
        unconventional = self._sentence_has("unconventional")
        armed_actor = self._any("military", actor_words)
        if kind == "ASSAULT" and self._trigger_is("harm_trigger", trig):
            if not unconventional and (armed_actor or self._sentence_has("conventional")):
                return "FIGHT"
            return kind
        span = self.tokens[first : (first if last is None else last) + 1]
        if kind == "FIGHT" and any(self._trigger_is("strike_trigger", t) for t in span):
            stopped = self._any("stoppage", words[(first if last is None else last) + 1 :])
            labour = self._sentence_has("labour") or stopped  # "the strike *shut* the port": it stopped work
            if labour and not self._sentence_has("conventional") and not armed_actor:
                return "PROTEST"
            return kind
        if kind == "FIGHT" and self._trigger_is("attack_trigger", trig):
            if unconventional or self._any("irregular", actor_words):
                return "ASSAULT"
            if civilian_target and not armed_actor:
                return "ASSAULT"
        return kind
