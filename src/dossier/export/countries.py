"""Country names to ISO 3166-1 alpha-2 codes, for formats that want codes (STIX, FollowTheMoney).

Babel's CLDR territory names (installed with Dossier) in the two languages of
the corpus, English and Russian, read once; far cheaper than a fuzzy lookup.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    from babel import Locale

    out: dict[str, str] = {}
    for lang in ("en", "ru"):
        for code, name in Locale(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                out.setdefault(name.casefold(), code.upper())
    return out


def country_code(name: str | None) -> str | None:
    """``"Belarus"`` or ``"Беларусь"`` -> ``"BY"``; None for a name that is not a country's."""
    if not name:
        return None
    return _codes().get(name.strip().casefold())
