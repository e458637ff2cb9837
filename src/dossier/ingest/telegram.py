"""Telegram Desktop channel exports (``result.json``).

Each message becomes one article.  The export writes a message's text either
as a string or as a list mixing strings and formatted parts
(``{"type": "bold", "text": ...}``); both are flattened to plain text.
Forwards keep ``forwarded_from`` so the cross-article stage can count them as
copies, not as independent confirmations.

Each message is read on its own: one that is nested too deeply, carries a
date of ``1e20`` or anything else unreadable is rejected by its id, and the
messages after it are read as usual.

Times: the export gives ``date`` in the exporting computer's local time,
without a zone, and ``date_unixtime`` in UTC; together they give the local
time *and* its offset, both kept.

Language: short posts ("Air raid alert in Kyiv.") give a language model too
little to go on, so the channel's prevailing language, judged on its longer
posts, is passed on as ``extra["channel_language"]`` for the language
stage to use as a prior.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

from dossier.errors import IngestError
from dossier.ingest.readers import (
    Defaults,
    ReadItem,
    _article,
    check_depth,
    item_failed,
    parse_date,
    too_many_items,
)
from dossier.model import Article

# Posts at least this long are judged on their own and vote for the channel's language.
LONG_POST = 200


def flatten_text(value: Any, max_depth: int = 64) -> str:
    """Plain text of a Telegram ``text`` field (string or list of parts), walked without recursion."""
    parts: list[str] = []
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > max_depth:
            raise ValueError(f"text nested more than {max_depth} levels deep")
        if isinstance(node, str):
            parts.append(node)
        elif isinstance(node, list):
            stack.extend((part, depth + 1) for part in reversed(node))
        elif isinstance(node, dict):
            inner = node.get("text", "")
            stack.append((inner if isinstance(inner, str | list) else str(inner), depth + 1))
    return "".join(parts)


def _title_of(text: str) -> str:
    first = text.strip().split("\n", 1)[0].strip()
    return first if len(first) <= 120 else first[:117].rstrip() + "..."


def message_time(msg: dict[str, Any]) -> datetime | None:
    """The message's local time with its UTC offset when the export gives both forms, else what it gives."""
    utc = parse_date(msg.get("date_unixtime")) if msg.get("date_unixtime") not in (None, "") else None
    local = parse_date(msg.get("date"))
    if utc is None:
        return local
    if local is None or local.tzinfo is not None:
        return local or utc
    # Offsets are whole quarter hours; round away the seconds the two fields may disagree by.
    minutes = round((local - utc.replace(tzinfo=None)).total_seconds() / 900) * 15
    if abs(minutes) > 14 * 60:
        return utc
    return utc.astimezone(timezone(timedelta(minutes=minutes)))


def _prevailing_language(texts: list[str]) -> str | None:
    from dossier.analyze.language import detect_language

    votes = Counter(detect_language(t) for t in texts if len(t) >= LONG_POST)
    votes.pop("und", None)
    if not votes:
        return None
    lang, count = votes.most_common(1)[0]
    return lang if count >= 0.6 * sum(votes.values()) else None


def _message(msg: Any, doc: dict[str, Any], defaults: Defaults, channel: str) -> ReadItem | None:
    if not isinstance(msg, dict):
        return IngestError(defaults.origin, "a message that is not a JSON object")
    msg_id = msg.get("id")
    origin = f"{defaults.origin}#{msg_id if isinstance(msg_id, int | str) else '?'}"
    try:
        check_depth(msg, origin, defaults.limits)
        if msg.get("type") != "message":
            return None  # service messages (pinned, joined...) carry no report
        text = flatten_text(msg.get("text"), defaults.limits.max_depth).strip()
        if not text:
            return None  # a photo or sticker without a caption: nothing to analyse
        published = message_time(msg)
        if published is None and msg.get("date") not in (None, ""):
            return IngestError(origin, "unreadable message date")
        username = doc.get("username")
        url = f"https://t.me/{username}/{msg_id}" if isinstance(username, str) and msg_id is not None else None
        extra = {
            "channel": channel,
            "channel_id": doc.get("id"),
            "message_id": msg_id,
            "forwarded_from": msg.get("forwarded_from"),
            "views": msg.get("views"),
        }
        author = msg.get("author") or msg.get("from")
        return _article(
            text,
            defaults,
            title=_title_of(text),
            url=url,
            origin=origin,
            outlet=channel,
            published=published,
            author=author if isinstance(author, str) else None,
            format="telegram",
            extra={k: v for k, v in extra.items() if v is not None},
        )
    except Exception as exc:  # noqa: BLE001 - one message's fault never sinks the export
        return item_failed(origin, exc)


def read_telegram_export(doc: dict[str, Any], defaults: Defaults) -> Iterator[ReadItem]:
    name = doc.get("name")
    channel = str(name if isinstance(name, str) and name else defaults.outlet or "Telegram channel")
    items: list[ReadItem] = []
    for count, msg in enumerate(doc["messages"], start=1):
        if count > defaults.limits.max_items:
            items.append(too_many_items(defaults.origin, defaults.limits))
            break
        item = _message(msg, doc, defaults, channel)
        if item is not None:
            items.append(item)
    prior = None if defaults.language else _prevailing_language([a.text for a in items if isinstance(a, Article)])
    for item in items:
        if prior and isinstance(item, Article):
            item = item.replace(extra={**item.extra, "channel_language": prior})
        yield item
