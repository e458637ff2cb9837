"""Language identification.

Why a script check before the statistical model: news in Russian and English
is told apart reliably by its alphabet, which is instant and never wrong on
long text; py3langid handles everything else.

Why a prior for short texts: on a dozen words the n-gram model is close to
guessing ("Sirens in Odesa again" comes out as Nigerian Pidgin, "Lukashenko
meets Putin" as Hausa), while the place the text comes from is strong
evidence: a Telegram channel whose long posts are English writes its short
ones in English too.  So a short text takes the prior (the channel's
prevailing language) when its alphabet agrees, unless the model is sure
otherwise; without a prior, an unsure verdict on a short text falls back to
the widely used languages of that alphabet.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_UKRAINIAN = re.compile(r"[їєґЇЄҐ]")
_NOT_WORDS = re.compile(r"(?:https?://|www\.)\S+|@\w+")

CYRILLIC_LANGS = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "tg", "mn"})
# Languages of the Latin alphabet common enough in news to be a short text's likely answer.
MAJOR_LATIN = ("en", "fr", "de", "es", "it", "pt", "nl", "pl", "tr", "sv", "da", "no", "fi", "cs", "ro", "hu", "id")

SHORT_TEXT = 200  # letters; below this a prior outweighs an unsure model
SURE = 0.8  # normalised probability at which the model overrides a prior


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # loading its model costs ~0.3 s

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _rank(sample: str) -> list[tuple[str, float]]:
    return [(str(lang), float(p)) for lang, p in _identifier().rank(sample)[:10]]


def _cyrillic_verdict(sample: str, lang: str) -> str:
    # Short Cyrillic snippets fool the n-gram model (Russian headlines come
    # out as Bulgarian); trust it only when the letters that Russian lacks agree.
    if lang == "uk" and _UKRAINIAN.search(sample):
        return "uk"
    if lang == "be" and "ў" in sample.lower():
        return "be"
    if lang in {"bg", "sr", "mk", "kk"} and len(sample) > 400:
        return lang
    return "ru"


def detect_language(text: str, prior: str | None = None) -> str:
    """ISO 639-1 code of ``text``'s language, or ``"und"`` when there is no text to judge.

    ``prior`` is the language the text's context makes likely (a Telegram
    channel's prevailing language); it decides short texts of its alphabet
    unless the model is sure of another language.
    """
    # Links and @handles are not words of any language; they only mislead the model.
    sample = _NOT_WORDS.sub(" ", text[:4000])
    cyr = len(_CYRILLIC.findall(sample))
    lat = len(_LATIN.findall(sample))
    if cyr + lat == 0:
        return "und"
    short = cyr + lat < SHORT_TEXT
    # A thousand characters decide the language as well as the whole text, at a fraction of the cost.
    ranked = _rank(sample[:1000])
    lang, confidence = ranked[0]
    if cyr > 2 * lat:
        model_sure = lang != prior and confidence >= SURE
        if short and prior in CYRILLIC_LANGS and not model_sure and (prior == "uk" or not _UKRAINIAN.search(sample)):
            return prior
        return _cyrillic_verdict(sample, lang)
    if lat > 2 * cyr:
        if lang in CYRILLIC_LANGS:
            return "en"
        if short:
            if prior and prior not in CYRILLIC_LANGS and not (lang != prior and confidence >= SURE):
                return prior
            if len(sample.strip()) < 40 and lang != "en":
                # A few Latin words are too little evidence to call anything but the
                # corpus's dominant language.
                return "en"
            if confidence < 0.5 or lang not in MAJOR_LATIN:
                top = [code for code, _p in ranked[:5]]
                if "en" in top:
                    return "en"
                return next((code for code in top if code in MAJOR_LATIN), "en")
    return lang
