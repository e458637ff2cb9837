"""Bytes to text, for the encodings news actually arrives in.

The order of evidence, strongest first:

1. a byte-order mark;
2. strict UTF-8 (valid UTF-8 is almost never an accident);
3. a declared charset (HTTP header, HTML meta, XML prolog) that decodes the
   bytes, except a Western declaration over text that is plainly Russian;
4. *mostly* UTF-8: text whose multi-byte sequences are valid but for a few
   broken bytes (a truncated download, one bad byte) stays UTF-8, the bad
   bytes replaced by U+FFFD and counted so the caller can warn; a declared
   UTF-8 is honoured the same way;
5. the legacy Cyrillic code pages (cp1251, KOI8-R, MacCyrillic, cp866),
   chosen by how Russian each reading looks (:func:`cyrillic_score`), with
   charset-normalizer's verdict as the tie-breaker;
6. East Asian multi-byte encodings as charset-normalizer names them;
7. Western European cp1252, then charset-normalizer, then Latin-1.

Why not charset-normalizer alone: on short Russian texts it confuses the
Cyrillic code pages, and a wrong guess turns every letter into another
valid letter, so nothing downstream notices; and it calls short Latin-1
text Central European.
"""

from __future__ import annotations

import codecs
import math
import re
from dataclasses import dataclass

from dossier.errors import IngestError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

CYRILLIC_CODEPAGES = ("cp1251", "koi8-r", "mac-cyrillic", "cp866")
_EAST_ASIAN = re.compile(r"big5|gb|euc|cp9[345]\d|shift|sjis|iso2022|hz|johab|uhc|ks_c", re.IGNORECASE)
_WESTERN = {"latin-1", "iso8859-1", "cp1252", "ascii"}

# Relative frequency (per cent) of letters in Russian prose; the other
# Cyrillic letters of Ukrainian and Belarusian get a modest share, and every
# other Cyrillic letter (what a wrong code page produces: ђ, ѓ, ќ, ў in
# Russian words) a tiny one.
_RU_FREQ = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47, "р": 4.73,
    "в": 4.54, "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81, "у": 2.62, "я": 2.01,
    "ы": 1.90, "ь": 1.74, "г": 1.70, "з": 1.65, "б": 1.59, "ч": 1.44, "й": 1.21, "х": 0.97,
    "ж": 0.94, "ш": 0.73, "ю": 0.64, "ц": 0.48, "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04,
    "ё": 0.04, "і": 0.8, "ї": 0.2, "є": 0.2, "ґ": 0.05, "ў": 0.1,
}  # fmt: skip
_LOG_FREQ = {letter: math.log(share / 100) for letter, share in _RU_FREQ.items()}
_LOG_RARE = math.log(0.0005 / 100)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_WEDGED = re.compile(r"[\u0400-\u04ff][^\s\w\-'’.,;:!?()\"«»„“”]+[\u0400-\u04ff]")
_GLUED = re.compile(r"(?:^|(?<=\s))[^\w\s«„“\"'(\[]+[\u0400-\u04ff]", re.MULTILINE)
_ODD_SYMBOL = re.compile(r"[^\w\s!-/:-@\[-`{-~«»—–…“”„‘’№°·\u00a0]", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DECLARED_META = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]{1,40})""", re.IGNORECASE)
_XML_PROLOG = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_:.\-]{1,40})["']""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with how it was decoded.

    ``replaced`` counts bytes that could not be decoded and became U+FFFD;
    ``method`` says which evidence decided (bom, utf-8, declared,
    mostly-utf-8, detected, fallback).
    """

    text: str
    encoding: str
    replaced: int = 0
    method: str = "utf-8"


def charset_of(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type value, if any."""
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.\-]{1,40})", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def declared_in_markup(data: bytes) -> str | None:
    """The charset an HTML page (meta tag) or XML file (prolog) declares in its first bytes."""
    head = data[:4096]
    match = _XML_PROLOG.match(head) or _DECLARED_META.search(head)
    return match.group(1).decode("ascii") if match else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > max(8, len(sample) // 50)


def cyrillic_score(text: str) -> float:
    """How much ``text`` reads like Russian (or a sister language) written in Cyrillic; higher is better.

    Three kinds of evidence, each of which a wrong code page spoils:
    letter frequencies (a wrong page yields rare letters); case patterns
    inside words (``пРИВЕТ`` is what KOI8-R read as cp1251 looks like, and
    MacCyrillic read for cp1251 turns capitals into ``ј``/``Ђ`` and ``я``
    into ``€``); and the share of lower case (prose is mostly lower case).
    Returns -inf when the text is not mostly Cyrillic.
    """
    sample = text[:50_000]
    words = _WORD.findall(sample)
    letters = "".join(words)
    cyr = [c for c in letters if "\u0400" <= c <= "\u04ff"]
    if len(cyr) < max(3, len(letters) * 0.3):
        return -math.inf
    loglik = sum(_LOG_FREQ.get(c.lower(), _LOG_RARE) for c in cyr) / len(cyr)
    lower = sum(1 for c in cyr if c.islower()) / len(cyr)
    cyr_words = [w for w in words if any("\u0400" <= c <= "\u04ff" for c in w)]
    odd_case = sum(1 for w in cyr_words if not (w.islower() or w.isupper() or w.istitle())) / len(cyr_words)
    # Symbols wedged between Cyrillic letters ("прим€р", "Ђслово") are a wrong code page, not prose.
    # A symbol glued to the front of a word ("†ители", "–ена") is a capital letter a wrong page lost.
    wedged = (len(_WEDGED.findall(sample)) + len(_GLUED.findall(sample))) / len(cyr_words)
    # Symbols prose rarely uses (€, ¤, †, box-drawing) are what a wrong page makes of letters.
    odd_symbols = len(_ODD_SYMBOL.findall(sample)) / len(cyr)
    return loglik + 0.5 * lower - 4.0 * odd_case - 8.0 * wedged - 8.0 * odd_symbols


def _normalizer_verdict(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    match = from_bytes(data[:262_144]).best()
    return _codec(match.encoding) if match is not None else None


def _best_cyrillic(data: bytes) -> tuple[str, str] | None:
    scored: list[tuple[float, str, str]] = []
    for encoding in CYRILLIC_CODEPAGES:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = cyrillic_score(text)
        # A mostly Cyrillic reading whose letters are plausible at all; a few letters
        # prove little either way, so a short text needs less.
        letters = sum(1 for c in text[:2000] if "\u0400" <= c <= "\u04ff")
        if score > (-4.5 if letters >= 20 else -8.0):
            scored.append((score, encoding, text))
    if not scored:
        return None
    scored.sort(reverse=True)
    if len(scored) > 1 and scored[0][0] - scored[1][0] < 0.15:
        # Too close to call on the letters alone: let charset-normalizer decide between the leaders.
        verdict = _normalizer_verdict(data)
        for _score, encoding, text in scored[:2]:
            if verdict == _codec(encoding):
                return text, encoding
    return scored[0][2], scored[0][1]


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 with a few broken bytes: the text and the count of replaced bytes; None if it is not UTF-8."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - bad
    if bad and multibyte >= 10 * bad:
        return text, bad
    return None


def decode_text(data: bytes, source: str, *, declared: str | None = None) -> Decoded:
    """Decode ``data`` following the order of evidence in the module docstring.

    Raises :class:`IngestError` for binary content, which no encoding makes
    into text worth storing.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding).lstrip("\ufeff"), encoding, method="bom")
            except UnicodeDecodeError as exc:
                raise IngestError(source, f"invalid {encoding} after its byte-order mark: {exc.reason}") from exc
    if _looks_binary(data):
        raise IngestError(
            source, "binary content (not text)", hint="give Dossier text, HTML, JSON, feeds, WARC or exports"
        )
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    codec = _codec(declared)
    if codec == "utf-8":
        text = data.decode("utf-8", "replace")
        return Decoded(text, "utf-8", text.count("\ufffd"), "declared")
    if codec is not None and not codec.startswith("utf-"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            text = ""
        if text and not (codec in _WESTERN and _best_cyrillic(data) is not None):
            return Decoded(text, codec, method="declared")
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return Decoded(mostly[0], "utf-8", mostly[1], "mostly-utf-8")
    cyrillic = _best_cyrillic(data)
    if cyrillic is not None:
        return Decoded(cyrillic[0], cyrillic[1], method="detected")
    verdict = _normalizer_verdict(data)
    if verdict and _EAST_ASIAN.search(verdict):
        text = data.decode(verdict, "replace")
        return Decoded(text, verdict, text.count("\ufffd"), "detected")
    # Western European legacy text is by far the commonest remaining case;
    # statistical detectors mislabel short Latin-1 text as Central European.
    try:
        return Decoded(data.decode("cp1252"), "cp1252", method="fallback")
    except UnicodeDecodeError:
        pass
    if verdict:
        text = data.decode(verdict, "replace")
        return Decoded(text, verdict, text.count("\ufffd"), "detected")
    return Decoded(data.decode("latin-1"), "latin-1", method="fallback")


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; see :func:`decode_text`."""
    decoded = decode_text(data, source, declared=declared)
    return decoded.text, decoded.encoding


def has_control_garbage(text: str) -> bool:
    """True when decoded text is still full of control characters (a binary file in disguise)."""
    sample = text[:8192]
    return len(_CONTROL.findall(sample)) > max(8, len(sample) // 50)
