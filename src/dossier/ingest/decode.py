"""Bytes to text, for the encodings news actually arrives in.

Why not just ``charset_normalizer``: on short Russian texts it confuses
cp1251, KOI8-R and MacCyrillic, and a wrong guess turns every letter into
another valid letter, so nothing downstream notices.  We therefore settle the
easy cases exactly (BOMs, strict UTF-8), then choose among the Cyrillic
legacy encodings by how Russian the result looks, and only then try
Western European cp1252, then charset_normalizer, with Latin-1 as the last
resort (it decodes anything).
"""

from __future__ import annotations

import codecs
import re

from dossier.errors import IngestError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# The most frequent Russian letters: text decoded with the right Cyrillic
# codepage is dominated by them; a wrong codepage yields mostly rare letters
# and mixed case inside words.
_COMMON_RU = set("оеаинтсрвлкмдпуяыОЕАИНТСРВЛКМДПУЯЫ ")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > max(8, len(sample) // 50)


def _russian_score(text: str) -> float:
    letters = [c for c in text[:20000] if c.isalpha()]
    if not letters:
        return 0.0
    cyr = [c for c in letters if "\u0400" <= c <= "\u04ff"]
    if len(cyr) < len(letters) * 0.3:
        return 0.0
    common = sum(1 for c in cyr if c in _COMMON_RU)
    lower = sum(1 for c in cyr if c.islower())
    # Real prose is mostly lower case; KOI8-R read as cp1251 flips the case.
    return common / len(cyr) + lower / len(cyr)


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``.

    Raises :class:`IngestError` for binary content, which no encoding makes
    into text worth storing.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff"), encoding
            except UnicodeDecodeError as exc:
                raise IngestError(source, f"invalid {encoding} after its byte-order mark: {exc}") from exc
    if _looks_binary(data):
        raise IngestError(
            source, "binary content (not text)", hint="give Dossier text, HTML, JSON, feeds, WARC or exports"
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best: tuple[float, str, str] | None = None
    for encoding in ("cp1251", "koi8-r", "mac-cyrillic"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _russian_score(text)
        if score > 1.2 and (best is None or score > best[0]):
            best = (score, text, encoding)
    if best is not None:
        return best[1], best[2]
    # Western European legacy text is by far the commonest remaining case;
    # statistical detectors mislabel short Latin-1 text as Central European.
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    match = from_bytes(data).best()
    if match is not None and match.encoding:
        return str(match), match.encoding
    return data.decode("latin-1"), "latin-1"


def has_control_garbage(text: str) -> bool:
    """True when decoded text is still full of control characters (a binary file in disguise)."""
    sample = text[:8192]
    return len(_CONTROL.findall(sample)) > max(8, len(sample) // 50)
