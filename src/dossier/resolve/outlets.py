"""The key under which outlets and channels are compared (``БелТА`` = ``belta.by`` = ``BelTA``).

Why its own module: read commands (``dossier events``, ``timeline``) name the
independent sources of an event by this key, and :mod:`dossier.resolve.copies`,
where credits are detected, imports numpy for its MinHash signatures; a read
must not pay for numpy to normalise an outlet name (issue #13, start-up).
:mod:`dossier.resolve.copies` re-exports :func:`normalise_outlet`.
"""

from __future__ import annotations

import re

from dossier.model import normalise_text

__all__ = ["OUTLET_ALIASES", "normalise_outlet"]

#: Spellings of one outlet (normalised, without the web address) -> its key.
OUTLET_ALIASES = {
    "белта": "belta",
    "belta.by": "belta",
    "тасс": "tass",
    "tass.ru": "tass",
    "риа новости": "ria novosti",
    "ria": "ria novosti",
    "риа": "ria novosti",
    "интерфакс": "interfax",
    "associated press": "ap",
    "the associated press": "ap",
    "agence france-presse": "afp",
    "agence france presse": "afp",
    "рейтер": "reuters",
    "reuters.com": "reuters",
}


def normalise_outlet(name: str | None) -> str | None:
    """Key under which an outlet or channel is compared (``БелТА`` = ``belta.by`` = ``BelTA``)."""
    if not name:
        return None
    key = normalise_text(str(name)).strip(" @«»\"'.,:;")
    key = re.sub(r"^(?:https?://)?(?:www\.|t\.me/)?", "", key)
    key = OUTLET_ALIASES.get(key, key)
    key = re.sub(r"\.(?:com|ru|by|org|net|co\.uk|ua)$", "", key)
    return OUTLET_ALIASES.get(key, key) or None
