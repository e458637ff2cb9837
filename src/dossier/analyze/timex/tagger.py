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
    state = DocState(text=text, anchor=anchor, sentences=list(spans), tense_re=lang.tense_re)
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
            )
        )
    return out
