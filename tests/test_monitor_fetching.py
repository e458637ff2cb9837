"""The polite HTTP client (issue #12), against a server the test starts on 127.0.0.1."""

from __future__ import annotations

import asyncio
import time

from dossier.monitor.fetching import Fetched, Fetcher, FetchPolicy
from localweb import Page, serve

FAST = FetchPolicy(delay=0.0, retries=0, timeout=5.0, backoff=0.01)


def _get(policy: FetchPolicy, url: str, **kw: str) -> Fetched:
    async def go() -> Fetched:
        async with Fetcher(policy) as fetcher:
            return await fetcher.get(url, **kw)

    return asyncio.run(go())


def test_conditional_get_returns_304_and_sends_validators() -> None:
    with serve() as site:
        site.pages["/feed"] = Page(b"<rss/>", etag='"v1"', last_modified="Mon, 01 Dec 2025 10:00:00 GMT")
        first = _get(FAST, site.url("/feed"))
        assert first.ok and first.etag == '"v1"' and first.body == b"<rss/>"
        again = _get(FAST, site.url("/feed"), etag=first.etag, last_modified=first.last_modified)
        assert again.not_modified and again.body == b""
        sent = site.requests("/feed")[-1]
        assert sent["if-none-match"] == '"v1"' and sent["if-modified-since"] == first.last_modified
        assert sent["user-agent"].startswith("Dossier/")


def test_errors_are_values_with_reasons_and_5xx_is_retried() -> None:
    with serve() as site:
        site.pages["/gone"] = Page(b"", status=404)
        site.pages["/down"] = Page(b"oops", status=500)
        missing = _get(FAST, site.url("/gone"))
        assert not missing.ok and missing.error == "HTTP 404 Not Found" and missing.attempts == 1
        policy = FetchPolicy(delay=0.0, retries=2, backoff=0.01)
        down = _get(policy, site.url("/down"))
        assert down.error and "500" in down.error and down.attempts == 3
        assert len(site.requests("/down")) == 3  # retried, 404 was not


def test_slow_response_times_out() -> None:
    with serve() as site:
        site.pages["/slow"] = Page(b"late", delay=1.5)
        got = _get(FetchPolicy(delay=0.0, retries=0, timeout=0.3), site.url("/slow"))
        assert got.error and "timed out" in got.error


def test_oversized_body_is_stopped_while_streaming() -> None:
    with serve() as site:
        site.pages["/huge"] = Page(b"", stream_bytes=50 * 1024 * 1024)
        site.pages["/declared"] = Page(b"y" * 5000)
        policy = FetchPolicy(delay=0.0, retries=0, max_bytes=256 * 1024)
        started = time.monotonic()
        huge = _get(policy, site.url("/huge"))
        assert huge.error and "too large" in huge.error and "transfer stopped" in huge.error
        assert len(huge.body) == 0 and time.monotonic() - started < 5
        declared = _get(FetchPolicy(delay=0.0, retries=0, max_bytes=1000), site.url("/declared"))
        assert declared.error and "5,000 bytes declared" in declared.error


def test_redirects_are_followed_and_loops_stopped() -> None:
    with serve() as site:
        site.pages["/old"] = Page(b"", status=301, redirect="/new")
        site.pages["/new"] = Page(b"<html>moved</html>")
        site.pages["/loop"] = Page(b"", redirect="/loop")
        got = _get(FAST, site.url("/old"))
        assert got.ok and got.final_url.endswith("/new") and got.body == b"<html>moved</html>"
        loop = _get(FAST, site.url("/loop"))
        assert loop.error and "redirects" in loop.error


def test_robots_txt_is_respected_unless_told_otherwise() -> None:
    with serve() as site:
        site.pages["/robots.txt"] = Page(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        site.pages["/private/page"] = Page(b"<html>secret</html>")
        site.pages["/public"] = Page(b"<html>hello</html>")
        assert _get(FAST, site.url("/public")).ok
        blocked = _get(FAST, site.url("/private/page"))
        assert blocked.error and "robots.txt" in blocked.error
        assert not site.requests("/private/page")
        assert _get(FetchPolicy(delay=0.0, retries=0, robots=False), site.url("/private/page")).ok


def test_robots_txt_server_error_disallows_the_host() -> None:
    with serve() as site:
        site.pages["/robots.txt"] = Page(b"", status=503)
        site.pages["/page"] = Page(b"<html>x</html>")
        got = _get(FAST, site.url("/page"))
        assert got.error and "robots.txt" in got.error and not site.requests("/page")


def test_per_host_delay_spaces_requests() -> None:
    with serve() as site:
        for i in range(3):
            site.pages[f"/p{i}"] = Page(b"<html>x</html>")

        async def go() -> list[Fetched]:
            async with Fetcher(FetchPolicy(delay=0.2, retries=0, robots=False)) as fetcher:
                return list(await asyncio.gather(*(fetcher.get(site.url(f"/p{i}")) for i in range(3))))

        started = time.monotonic()
        results = asyncio.run(go())
        assert all(r.ok for r in results)
        assert time.monotonic() - started >= 0.4  # three starts, 0.2 s apart


def test_only_http_urls() -> None:
    assert _get(FAST, "file:///etc/passwd").error == "not an http(s) URL"
