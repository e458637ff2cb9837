"""Fetching from the web as a good citizen: httpx with robots.txt, per-host limits, retries and a size limit.

What a site owner can expect from Dossier:

* a User-Agent that says what it is and where to read about it;
* robots.txt obeyed by default (RFC 9309 reading: a missing robots.txt or
  another 4xx allows everything; a 5xx or an unreachable one disallows the
  host for this round), with its ``Crawl-delay`` honoured;
* at most :attr:`FetchPolicy.per_host` requests at a time to one host and
  :attr:`FetchPolicy.delay` seconds between their starts;
* conditional requests (``If-None-Match``/``If-Modified-Since``) from the
  validators stored for every URL, so an unchanged feed costs a 304;
* retries only for what can heal (timeouts, connection errors, 429 and 5xx),
  with exponential backoff that respects ``Retry-After``;
* a hard limit on every response: the body is streamed and the transfer
  stopped as soon as it passes :attr:`FetchPolicy.max_bytes`.

Failures are values (:class:`Fetched` with ``error``), never exceptions, so
one dead site never stops a round; the caller records the reason.
"""

from __future__ import annotations

import asyncio
import ssl
import threading
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import httpx

from dossier import __version__

USER_AGENT = (
    f"Dossier/{__version__} (news monitor; +https://github.com/dossier-osint/dossier/blob/main/docs/monitoring.md)"
)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER_S = 60.0


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How politely and how patiently to fetch; every default is safe for someone else's server."""

    user_agent: str = USER_AGENT
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    max_bytes: int = 10 * 1024 * 1024
    delay: float = 1.0  # seconds between request starts on one host
    per_host: int = 2  # concurrent requests to one host
    robots: bool = True
    max_redirects: int = 5


@dataclass(slots=True)
class Fetched:
    """The outcome of one GET: a body, a 304, or an error with its reason."""

    url: str
    final_url: str
    status: int | None = None
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    attempts: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.error is None and self.status == 304


@dataclass(slots=True)
class _HostGate:
    """Per-host concurrency and spacing; lives inside one event loop."""

    semaphore: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class Fetcher:
    """An async HTTP client bound to one event loop; robots.txt and spacing memory can outlive it.

    ``robots`` and ``next_start`` are plain dicts so a long-running watch can
    pass them from one round (one event loop) to the next.
    """

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        robots: dict[str, RobotFileParser | None] | None = None,
        next_start: dict[str, float] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self.stop = stop  # once set, requests not yet started end at once (a watch being stopped)
        self.robots = robots if robots is not None else {}
        self.next_start = next_start if next_start is not None else {}
        self._gates: dict[str, _HostGate] = {}
        self._robot_locks: dict[str, asyncio.Lock] = {}
        self._client = httpx.AsyncClient(
            headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(self.policy.timeout),
            follow_redirects=True,
            max_redirects=self.policy.max_redirects,
            transport=transport,
            verify=tls_context(),
            trust_env=False,
        )
        self.requests = 0

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    # -- politeness ----------------------------------------------------------------

    def _gate(self, host: str) -> _HostGate:
        gate = self._gates.get(host)
        if gate is None:
            gate = self._gates[host] = _HostGate(asyncio.Semaphore(max(1, self.policy.per_host)))
        return gate

    def _delay_for(self, host: str) -> float:
        parser = self.robots.get(host)
        crawl_delay = None
        if parser is not None:
            value = parser.crawl_delay(self.policy.user_agent)
            crawl_delay = float(value) if value is not None else None
        return max(self.policy.delay, crawl_delay or 0.0)

    async def _wait_turn(self, host: str) -> None:
        gate = self._gate(host)
        async with gate.lock:
            now = time.monotonic()
            start = max(now, self.next_start.get(host, 0.0))
            self.next_start[host] = start + self._delay_for(host)
        if start > now:
            await asyncio.sleep(start - now)

    async def allowed(self, url: str) -> bool:
        """Whether robots.txt lets Dossier fetch ``url`` (always True with robots disabled)."""
        if not self.policy.robots:
            return True
        parts = urlsplit(url)
        host = parts.netloc.lower()
        if host not in self.robots:
            lock = self._robot_locks.setdefault(host, asyncio.Lock())
            async with lock:
                if host not in self.robots:
                    self.robots[host] = await self._read_robots(parts.scheme, parts.netloc)
        parser = self.robots[host]
        if parser is None:
            return False
        return parser.can_fetch(self.policy.user_agent, url)

    async def _read_robots(self, scheme: str, netloc: str) -> RobotFileParser | None:
        """The parsed robots.txt; an empty (allow-all) one for 4xx; None (disallow) when unreachable or 5xx."""
        robots_url = urlunsplit((scheme, netloc, "/robots.txt", "", ""))
        got = await self._get(robots_url, {}, max_bytes=512 * 1024)
        parser = RobotFileParser(robots_url)
        if got.ok:
            parser.parse(got.body.decode("utf-8", errors="replace").splitlines())
            return parser
        if got.status is not None and 400 <= got.status < 500:
            parser.parse([])
            return parser
        return None

    # -- fetching ------------------------------------------------------------------

    async def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url`` (conditionally when validators are given), politely; never raises for network trouble."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return Fetched(url, url, error="not an http(s) URL")
        if not await self.allowed(url):
            return Fetched(url, url, error="disallowed by robots.txt (or robots.txt unreachable)")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return await self._get(url, headers, max_bytes=self.policy.max_bytes)

    async def _get(self, url: str, headers: dict[str, str], *, max_bytes: int) -> Fetched:
        host = urlsplit(url).netloc.lower()
        result = Fetched(url, url)
        for attempt in range(self.policy.retries + 1):
            if self.stop is not None and self.stop.is_set():
                return Fetched(url, url, error="stopped before fetching", attempts=attempt)
            result = Fetched(url, url, attempts=attempt + 1)
            async with self._gate(host).semaphore:
                await self._wait_turn(host)
                retry_after = await self._attempt(url, headers, max_bytes, result)
            if retry_after is None or attempt == self.policy.retries:
                break
            await asyncio.sleep(min(max(retry_after, self.policy.backoff * 2**attempt), MAX_RETRY_AFTER_S))
        return result

    async def _attempt(self, url: str, headers: dict[str, str], max_bytes: int, result: Fetched) -> float | None:
        """One request into ``result``; returns a wait in seconds when a retry may help, else None."""
        self.requests += 1
        try:
            async with self._client.stream("GET", url, headers=headers) as response:
                result.status = response.status_code
                result.final_url = str(response.url)
                result.content_type = response.headers.get("content-type", "")
                result.etag = response.headers.get("etag")
                result.last_modified = response.headers.get("last-modified")
                if response.status_code == 304:
                    return None
                if response.status_code >= 400:
                    result.error = f"HTTP {response.status_code} {response.reason_phrase}".strip()
                    if response.status_code in RETRY_STATUSES:
                        return _retry_after(response.headers.get("retry-after"))
                    return None
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    result.error = f"too large: {int(declared):,} bytes declared, over the limit of {max_bytes:,}"
                    return None
                body = bytearray()
                async for chunk in response.aiter_bytes():
                    body.extend(chunk)
                    if len(body) > max_bytes:
                        result.error = f"too large: over the limit of {max_bytes:,} bytes (transfer stopped)"
                        return None
                result.body = bytes(body)
                return None
        except httpx.TooManyRedirects:
            result.error = f"too many redirects (more than {self.policy.max_redirects})"
        except httpx.TimeoutException:
            result.error = f"timed out after {self.policy.timeout:g}s"
            return 0.0
        except httpx.HTTPError as exc:
            result.error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            return 0.0 if isinstance(exc, httpx.TransportError) else None
        return None


@lru_cache(maxsize=1)
def tls_context() -> ssl.SSLContext:
    """One verifying TLS context for every client: loading the CA bundle costs a tenth of a second each time."""
    return httpx.create_ssl_context()


def _retry_after(value: str | None) -> float:
    """Seconds a ``Retry-After`` header asks for (0 when absent or unreadable)."""
    if not value:
        return 0.0
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return 0.0
    return max(0.0, moment.timestamp() - time.time())


def is_url(location: str) -> bool:
    return urlsplit(location).scheme in ("http", "https")
