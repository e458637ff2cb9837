"""``tag_times``: the public entry point of the temporal tagger.

Why it is separate from the rules: it owns the language dispatch and the
conversion to the shared ``TimeExpr`` record, so the rule modules stay pure
"text in, hits out" and can be tested on their own.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, datetime

from dossier.analyze.timex.common import common_rules
from dossier.analyze.timex.core import DocState, Language, run_rules, split_sentences
from dossier.analyze.timex.english import ENGLISH
from dossier.analyze.timex.russian import RUSSIAN
from dossier.model import TimeExpr

#: Languages with a full rule set; any other language gets only the language-free rules.
LANGUAGES: dict[str, Language] = {"en": ENGLISH, "ru": RUSSIAN}
_NEUTRAL = Language("xx", common_rules(month_first=False), None, re.compile(r"\s*,?\s*"))


#: TIMEX3 ``mod`` of the words an extent starts with.  Why from the extent: every rule that keeps a
#: modifier keeps it at the front ("early next year", "the end of 1990", "more than four hours",
#: "в начале сентября" -> "начале сентября", "около двух лет"), so one table serves all rules and languages.
_MODS = {
    "early": "START", "earlier": "START", "beginning": "START", "start": "START",
    "late": "END", "end": "END", "close": "END",
    "mid": "MID", "middle": "MID",
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX", "nearly": "APPROX",
    "almost": "APPROX", "more than": "MORE_THAN", "over": "MORE_THAN", "less than": "LESS_THAN",
    "under": "LESS_THAN", "fewer than": "LESS_THAN", "at least": "EQUAL_OR_MORE", "up to": "EQUAL_OR_LESS",
    "начале": "START", "начала": "START", "начало": "START", "началу": "START",
    "конце": "END", "конца": "END", "конец": "END", "концу": "END",
    "середине": "MID", "середины": "MID", "середину": "MID",
    "около": "APPROX", "примерно": "APPROX", "порядка": "APPROX", "почти": "APPROX",
    "более": "MORE_THAN", "свыше": "MORE_THAN", "больше": "MORE_THAN", "менее": "LESS_THAN",
    "меньше": "LESS_THAN",
}
_MOD_RE = re.compile(
    r"(?:the\s+)?(?P<w>more\s+than|less\s+than|fewer\s+than|at\s+least|up\s+to|mid(?=-|\s)|[^\W\d_]+)"
    r"(?:[\s-]+of\b)?[\s-]+\S",
    re.IGNORECASE,
)


def leading_mod(text: str, start: int, end: int) -> str | None:
    """The TIMEX3 ``mod`` of the expression ``text[start:end]``, from its first words (see ``_MODS``)."""
    m = _MOD_RE.match(text, start, end)
    mod = _MODS.get(re.sub(r"\s+", " ", m["w"].lower())) if m else None
    if mod is None and _OR_SO.search(text, start, end):
        return "APPROX"  # "a week or so ago"
    return mod


_OR_SO = re.compile(r"\bor\s+so\b", re.IGNORECASE)


def language_rules(language: str) -> Language:
    """Rule set for a language code ("en", "en-GB", "RU"...)."""
    code = (language or "").lower().replace("_", "-").split("-")[0]
    return LANGUAGES.get(code, _NEUTRAL)


def tag_times(
    text: str,
    *,
    language: str,
    anchor: date | None,
    sentences: list[tuple[int, int]] | None = None,
) -> list[TimeExpr]:
    """Find and normalise the temporal expressions of ``text`` (TIMEX3 values).

    ``anchor`` is the publication date: deictic expressions ("yesterday",
    "last week") are resolved against it and only against it -- the wall
    clock is never read, so the output is a pure function of the arguments.
    Without an anchor those stay unresolved (``XXXX-XX-XX`` shapes).
    ``sentences`` (character spans) bound tense detection and give each
    expression its ``sentence`` index; when omitted, a rough internal split is
    used for the former and every ``sentence`` is 0.
    """
    if isinstance(anchor, datetime):
        anchor = anchor.date()
    lang = language_rules(language)
    spans = sentences if sentences else split_sentences(text)
    state = DocState(text=text, anchor=anchor, sentences=list(spans), tense_re=lang.tense_re,
                     lead_tense_re=lang.lead_tense_re, lead_future_veto=lang.lead_future_veto,
                     close_future_re=lang.close_future_re, close_aux_re=lang.close_aux_re,
                     close_past_verb_re=lang.close_past_verb_re,
                     verb_cues_close=lang.verb_cues_close, refine_cues=lang.refine_cues)
    hits = run_rules(text, lang, state)
    starts = [s for s, _ in sentences] if sentences else None
    out: list[TimeExpr] = []
    for h in hits:
        if not h.value:
            continue
        sent = max(0, bisect.bisect_right(starts, h.start) - 1) if starts else 0
        out.append(
            TimeExpr(
                text=text[h.start:h.end],
                start=h.start,
                end=h.end,
                timex_type=h.timex_type,
                value=h.value,
                anchor=h.anchor,
                granularity=h.granularity,
                sentence=sent,
                mod=leading_mod(text, h.start, h.end),
            )
        )
    return out
