"""Delivering notifications: JSON Lines files, stdout, webhooks (HTTP POST of JSON) and e-mail (SMTP).

Every channel of every notification has a ``deliveries`` row.  It is marked
``sent`` only after the channel accepted the message, in its own
transaction, so a crash can at worst send a message twice, never lose it.
A failed delivery stays ``pending`` with its error and a ``next_attempt``
further away each time (one minute, doubling, at most six hours); it is
retried after the next ingest or watch round, or by ``dossier alerts
deliver``.  After :data:`MAX_ATTEMPTS` it is marked ``failed`` and shown by
``dossier alerts list``.

E-mail goes through the SMTP server that ``DOSSIER_SMTP`` names:
``host[:port]`` or ``smtp://[user:password@]host[:port]`` (``smtps://`` for
TLS from the start, ``smtp+starttls://`` to upgrade); the sender is
``DOSSIER_SMTP_FROM`` (default ``dossier@localhost``).
"""

from __future__ import annotations

import os
import smtplib
import sys
import time
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import httpx
from sqlalchemy import select, update

from dossier.errors import DossierError
from dossier.monitor.fetching import USER_AGENT, tls_context
from dossier.output import dumps
from dossier.store import Store
from dossier.store import schema as t
from dossier.store.write import now_iso

MAX_ATTEMPTS = 50
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=6)
WEBHOOK_TRIES = 3
WEBHOOK_TIMEOUT_S = 10.0


class DeliveryError(DossierError):
    """A channel did not accept a notification; it will be retried."""

    code = "delivery"


def message_of(notification_id: int, payload: dict[str, Any]) -> dict[str, Any]:
    """The JSON every channel sends: the notification id, the alert, its criteria and the facts."""
    return {"type": "notification", "id": notification_id, **payload}


def render_text(message: dict[str, Any]) -> str:
    """A plain-text rendering for e-mail: each fact with its sentence and where it was published."""
    lines = [f"Dossier alert {message['alert']!r}: {message['count']} new fact(s)", ""]
    for fact in message.get("facts", []):
        if fact["type"] == "event":
            who = ", ".join(fact.get("actors") or []) or "-"
            what = ", ".join(fact.get("equipment") or [])
            lines.append(
                f"* {fact['kind']} ({fact.get('modality')}) {fact.get('date') or 'undated'}: {who} {what}".rstrip()
            )
        elif fact["type"] == "quote":
            lines.append(f"* {fact.get('speaker') or 'unattributed'}: “{fact['text']}”")
        else:
            values = " vs ".join(str(s["value"]) for s in fact["sides"])
            lines.append(f"* contradiction on {fact['kind']} {fact['field']}: {values}")
        for side in fact.get("sides") or [fact]:
            where = side.get("url") or f"article {side.get('article_id')}"
            lines.append(f"    {side.get('outlet') or 'unknown outlet'}, {side.get('published') or 'undated'}, {where}")
            if side.get("sentence"):
                lines.append(f"    > {' '.join(str(side['sentence']).split())}")
        lines.append("")
    return "\n".join(lines)


# -- channels -------------------------------------------------------------------------------


def _jsonl(path: str, message: dict[str, Any]) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a", encoding="utf-8") as fh:
        fh.write(dumps(message) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def _webhook(url: str, message: dict[str, Any]) -> None:
    problem = ""
    with httpx.Client(
        timeout=WEBHOOK_TIMEOUT_S, headers={"User-Agent": USER_AGENT}, verify=tls_context(), trust_env=False
    ) as client:
        for attempt in range(WEBHOOK_TRIES):
            if attempt:
                time.sleep(0.5 * 2 ** (attempt - 1))
            try:
                response = client.post(url, json=message)
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__}: {exc}"
                continue
            if 200 <= response.status_code < 300:
                return
            problem = f"HTTP {response.status_code}"
            if response.status_code < 500 and response.status_code != 429:
                break  # the receiver refuses this message; retrying now will not change its mind
    raise DeliveryError(f"webhook {url}: {problem}")


def smtp_settings() -> tuple[str, str, int, str | None, str | None]:
    """(mode, host, port, user, password) from ``DOSSIER_SMTP``; mode is smtp, smtps or starttls."""
    raw = os.environ.get("DOSSIER_SMTP", "").strip()
    if not raw:
        raise DeliveryError("DOSSIER_SMTP is not set", hint="e.g. DOSSIER_SMTP=smtp://mail.example.org:587")
    parts = urlsplit(raw if "://" in raw else f"smtp://{raw}")
    mode = {"smtp": "smtp", "smtps": "smtps", "smtp+starttls": "starttls"}.get(parts.scheme)
    if mode is None or not parts.hostname:
        raise DeliveryError(f"DOSSIER_SMTP {raw!r} is not host[:port] or smtp[s]://[user:password@]host[:port]")
    port = parts.port or (465 if mode == "smtps" else 25)
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password else None
    return mode, parts.hostname, port, user, password


def _mail(address: str, message: dict[str, Any]) -> None:
    mode, host, port, user, password = smtp_settings()
    mail = EmailMessage()
    mail["From"] = os.environ.get("DOSSIER_SMTP_FROM", "dossier@localhost")
    mail["To"] = address
    mail["Subject"] = f"[dossier] {message['alert']}: {message['count']} new fact(s)"
    mail.set_content(render_text(message))
    mail.add_attachment(
        dumps(message).encode("utf-8"), maintype="application", subtype="json", filename="notification.json"
    )
    try:
        smtp_class = smtplib.SMTP_SSL if mode == "smtps" else smtplib.SMTP
        with smtp_class(host, port, timeout=WEBHOOK_TIMEOUT_S) as smtp:
            if mode == "starttls":
                smtp.starttls()
            if user:
                smtp.login(user, password or "")
            smtp.send_message(mail)
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(f"mail to {address} via {host}:{port}: {type(exc).__name__}: {exc}") from exc


def send(channel: str, message: dict[str, Any]) -> None:
    """Hand one message to one channel; raises :class:`DeliveryError` when it is not accepted."""
    kind, _, target = channel.partition(":")
    try:
        if channel == "stdout":
            sys.stdout.write(dumps(message) + "\n")
            sys.stdout.flush()
        elif kind == "jsonl":
            _jsonl(target, message)
        elif kind == "webhook":
            _webhook(target, message)
        elif kind == "mailto":
            _mail(target, message)
        else:
            raise DeliveryError(f"unknown channel {channel!r}")
    except OSError as exc:
        raise DeliveryError(f"{channel}: {exc}") from exc


# -- delivery -------------------------------------------------------------------------------


def _retry_at(attempts: int) -> str:
    wait = min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)
    return (datetime.now(UTC) + wait).replace(microsecond=0).isoformat()


def deliver_pending(store: Store, *, force: bool = False) -> list[str]:
    """Send every pending delivery that is due (all pending ones with ``force``); return warnings for failures."""
    d, n = t.deliveries.c, t.notifications.c
    now = now_iso()
    q = (
        select(d.id, d.channel, d.attempts, n.id.label("notification_id"), n.payload)
        .join(t.notifications, n.id == d.notification_id)
        .where(d.status == "pending")
        .order_by(d.id)
    )
    if not force:
        q = q.where(d.next_attempt.is_(None) | (d.next_attempt <= now))
    with store.connect() as conn:
        due = conn.execute(q).all()
    warnings = []
    for row in due:
        attempts = row.attempts + 1
        try:
            send(row.channel, message_of(row.notification_id, row.payload))
        except DeliveryError as exc:
            gave_up = attempts >= MAX_ATTEMPTS
            values = {
                "attempts": attempts,
                "last_error": exc.message[:2000],
                "last_attempt": now_iso(),
                "next_attempt": None if gave_up else _retry_at(attempts),
                "status": "failed" if gave_up else "pending",
            }
            warnings.append(
                f"notification {row.notification_id} to {row.channel} failed (attempt {attempts}): {exc.message}"
                + ("; giving up" if gave_up else "; will retry")
            )
        else:
            stamp = now_iso()
            values = {
                "attempts": attempts,
                "last_error": None,
                "last_attempt": stamp,
                "sent_at": stamp,
                "status": "sent",
            }
        with store.begin(timelines=False) as conn:  # a delivery's status: nothing a timeline reads
            conn.execute(update(t.deliveries).where(d.id == row.id).values(**values))
    return warnings


def list_notifications(store: Store, *, alert: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Recent notifications, newest first, with each channel's delivery status."""
    n, d, a = t.notifications.c, t.deliveries.c, t.alerts.c
    q = (
        select(n.id, n.created_at, n.payload, a.name)
        .join(t.alerts, a.id == n.alert_id)
        .order_by(n.id.desc())
        .limit(limit)
    )
    if alert:
        q = q.where(a.name == alert)
    with store.connect() as conn:
        rows = conn.execute(q).all()
        status: dict[int, list[dict[str, Any]]] = {}
        ids = [r.id for r in rows]
        if ids:
            for r in conn.execute(select(t.deliveries).where(d.notification_id.in_(ids)).order_by(d.id)):
                status.setdefault(r.notification_id, []).append(
                    {
                        "channel": r.channel,
                        "status": r.status,
                        "attempts": r.attempts,
                        "last_error": r.last_error,
                        "sent_at": r.sent_at,
                    }
                )
    return [
        {
            "id": r.id,
            "alert": r.name,
            "created_at": r.created_at,
            "count": r.payload.get("count"),
            "deliveries": status.get(r.id, []),
            "facts": r.payload.get("facts", []),
        }
        for r in rows
    ]
