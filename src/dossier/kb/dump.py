"""Reading a Wikidata JSON dump as a stream, one entity at a time.

The official dump (``latest-all.json.gz``/``.bz2``) is one JSON array with
one entity per line::

    [
    {"type":"item","id":"Q42",...},
    {"type":"item","id":"Q64",...}
    ]

A subset a user cut from it keeps that shape, or is plain JSON Lines; both
read the same way.  Lines are parsed one by one, so the file's size does not
matter; a line that is not a JSON object is reported with its number and the
reason and the rest is read (a dump truncated by a failed download still
gives what it has).  Compression is recognised by the file's first bytes, not
its name.
"""

from __future__ import annotations

import bz2
import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from dossier.errors import UsageError

try:  # orjson parses dump lines several times faster; plain json is the fallback
    import orjson

    _loads: Any = orjson.loads
except ImportError:  # pragma: no cover - orjson is in requirements.lock
    _loads = json.loads


@dataclass(frozen=True, slots=True)
class BadLine:
    line: int
    reason: str


def _open(path: Path) -> IO[bytes]:
    if not path.is_file():
        raise UsageError(f"no such file: {path}", hint="give a Wikidata JSON dump (.json, .json.gz or .json.bz2)")
    with path.open("rb") as fh:
        magic = fh.read(3)
    if magic[:2] == b"\x1f\x8b":
        return gzip.open(path, "rb")
    if magic == b"BZh":
        return bz2.open(path, "rb")
    return path.open("rb")


def iter_entities(path: Path) -> Iterator[dict[str, Any] | BadLine]:
    """Each entity of the dump as a dict, or a :class:`BadLine` naming a line that could not be read."""
    with _open(path) as fh:
        for number, raw in enumerate(fh, start=1):
            line = raw.strip()
            if line.endswith(b","):
                line = line[:-1].rstrip()
            if not line or line in (b"[", b"]"):
                continue
            try:
                entity = _loads(line)
            except (ValueError, UnicodeDecodeError) as exc:
                yield BadLine(number, f"not JSON ({str(exc)[:80]})")
                continue
            except OSError as exc:  # pragma: no cover - a corrupt compressed stream
                yield BadLine(number, f"unreadable ({exc})")
                return
            if not isinstance(entity, dict) or "id" not in entity:
                yield BadLine(number, "not a Wikidata entity (a JSON object with an id)")
                continue
            yield entity


def names_of(entity: dict[str, Any]) -> Iterator[tuple[str, str, bool]]:
    """``(text, language, is_label)`` for every label and alias of an entity."""
    for lang, label in (entity.get("labels") or {}).items():
        value = label.get("value") if isinstance(label, dict) else None
        if value:
            yield value, lang, True
    for lang, aliases in (entity.get("aliases") or {}).items():
        for alias in aliases if isinstance(aliases, list) else []:
            value = alias.get("value") if isinstance(alias, dict) else None
            if value:
                yield value, lang, False


def classes_of(entity: dict[str, Any]) -> list[str]:
    """The item ids of its P31 (instance of) statements."""
    out = []
    for claim in (entity.get("claims") or {}).get("P31", []) or []:
        try:
            value = claim["mainsnak"]["datavalue"]["value"]
        except (KeyError, TypeError):
            continue
        if isinstance(value, dict) and value.get("id"):
            out.append(str(value["id"]))
    return out
