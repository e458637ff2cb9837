"""Telegram Desktop channel exports (``result.json``).

Each message becomes one article.  The export writes a message's text either
as a string or as a list mixing strings and formatted parts
(``{"type": "bold", "text": ...}``); both are flattened to plain text.
Forwards keep ``forwarded_from`` so the cross-article stage can count them as
copies, not as independent confirmations.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dossier.errors import IngestError
from dossier.ingest.readers import Defaults, ReadItem, _article, parse_date


def flatten_text(value: Any) -> str:
    """Plain text of a Telegram ``text`` field (string or list of parts)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(flatten_text(part) for part in value)
    if isinstance(value, dict):
        return str(value.get("text", ""))
    return ""


def _title_of(text: str) -> str:
    first = text.strip().split("\n", 1)[0].strip()
    return first if len(first) <= 120 else first[:117].rstrip() + "..."


def read_telegram_export(doc: dict[str, Any], defaults: Defaults) -> Iterator[ReadItem]:
    channel = str(doc.get("name") or defaults.outlet or "Telegram channel")
    username = doc.get("username")
    for msg in doc["messages"]:
        if not isinstance(msg, dict):
            yield IngestError(defaults.origin, "a message that is not a JSON object")
            continue
        msg_id = msg.get("id")
        origin = f"{defaults.origin}#{msg_id}"
        if msg.get("type") != "message":
            continue  # service messages (pinned, joined...) carry no report
        text = flatten_text(msg.get("text")).strip()
        if not text:
            continue  # a photo or sticker without a caption: nothing to analyse
        published = parse_date(msg.get("date_unixtime")) if msg.get("date_unixtime") else None
        published = parse_date(msg.get("date")) or published
        url = f"https://t.me/{username}/{msg_id}" if username and msg_id is not None else None
        extra = {
            "channel": channel,
            "channel_id": doc.get("id"),
            "message_id": msg_id,
            "forwarded_from": msg.get("forwarded_from"),
            "views": msg.get("views"),
        }
        yield _article(
            text,
            defaults,
            title=_title_of(text),
            url=url,
            origin=origin,
            outlet=channel,
            published=published,
            author=msg.get("author") or msg.get("from"),
            format="telegram",
            extra={k: v for k, v in extra.items() if v is not None},
        )
