"""Headers and limits every answer gets: a strict Content-Security-Policy and bounded request bodies.

Scripts run only from this server's own files (``script-src 'self'``, no
inline script, no ``eval``); nothing is loaded from elsewhere.  Inline
*styles* are allowed because Plotly and Swagger UI set element styles at run
time; they cannot run code.
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class _TooLarge(HTTPException):
    """Raised while a body is read: the app's error handler answers 413 in the one error shape."""

    def __init__(self, cap: int) -> None:
        super().__init__(413, f"request body larger than {cap} bytes")


class Guard:
    """ASGI middleware: security headers on every answer, and a cap on every request body.

    The cap holds for a declared ``Content-Length`` and for a chunked body
    alike (counted as it is received): an upload route gets
    ``upload_bytes``, every other route ``request_bytes``.
    """

    def __init__(self, app: ASGIApp, *, request_bytes: int, upload_bytes: int, upload_prefix: str) -> None:
        self.app, self.request_bytes, self.upload_bytes, self.upload_prefix = (
            app,
            request_bytes,
            upload_bytes,
            upload_prefix,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # multipart framing adds a little to the files themselves
        cap = self.upload_bytes + 64 * 1024 if scope["path"].startswith(self.upload_prefix) else self.request_bytes
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > cap):
            await _too_large(send, cap)
            return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    raise _TooLarge(cap)
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [h for h in message.get("headers", []) if h[0].lower() not in {k for k, _ in HEADERS}]
                message = {**message, "headers": headers + HEADERS}
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _TooLarge:
            if not started:
                await _too_large(send, cap)


async def _too_large(send: Send, cap: int) -> None:
    import json

    body: dict[str, Any] = {"error": "too_large", "message": f"request body larger than {cap} bytes", "hint": None}
    data = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode()), *HEADERS],
        }
    )
    await send({"type": "http.response.body", "body": data})
