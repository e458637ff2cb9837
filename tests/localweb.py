"""Servers the monitor tests start on 127.0.0.1: a web site whose pages change between rounds, and a webhook receiver.

The site answers what real sites do to a crawler: conditional GETs (304 on a
matching ETag or Last-Modified), 404, 500, slow responses, oversized bodies
(streamed without a Content-Length, so only a streaming client can stop in
time), redirects and a robots.txt.  Every request is logged with its headers
so a test can check what the client sent.  Nothing here talks to any other
address.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Page:
    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    redirect: str | None = None
    stream_bytes: int = 0  # send this many bytes of junk, chunked, without Content-Length


@dataclass
class Site:
    pages: dict[str, Page] = field(default_factory=dict)
    log: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)  # (method, path, headers)
    posts: list[tuple[str, Any]] = field(default_factory=list)  # (path, JSON body) received
    post_status: list[int] = field(default_factory=list)  # statuses to answer POSTs with, in turn; then 200
    base: str = ""

    def url(self, path: str) -> str:
        return self.base + path

    def requests(self, path: str) -> list[dict[str, str]]:
        return [h for _m, p, h in self.log if p == path]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:
            site.log.append(("GET", self.path, {k.lower(): v for k, v in self.headers.items()}))
            page = site.pages.get(self.path)
            if page is None:
                self._send(404, b"not found", "text/plain")
                return
            if page.delay:
                time.sleep(page.delay)
            if page.redirect:
                self.send_response(page.status if 300 <= page.status < 400 else 302)
                self.send_header("Location", page.redirect)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if page.stream_bytes:
                self.send_response(200)
                self.send_header("Content-Type", page.content_type)
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = b"x" * 65536
                sent = 0
                try:
                    while sent < page.stream_bytes:
                        self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                        sent += len(chunk)
                    self.wfile.write(b"0\r\n\r\n")
                except (BrokenPipeError, ConnectionResetError):
                    pass
                return
            validators = {}
            if page.etag:
                validators["ETag"] = page.etag
            if page.last_modified:
                validators["Last-Modified"] = page.last_modified
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            if page.status == 200 and (
                (page.etag and inm == page.etag) or (not inm and page.last_modified and ims == page.last_modified)
            ):
                self.send_response(304)
                for k, v in validators.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self._send(page.status, page.body, page.content_type, validators)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            site.log.append(("POST", self.path, {k.lower(): v for k, v in self.headers.items()}))
            status = site.post_status.pop(0) if site.post_status else 200
            if status == 200:
                site.posts.append((self.path, json.loads(raw)))
            self._send(status, b"{}", "application/json")

        def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

    return Handler


@contextmanager
def serve(site: Site | None = None) -> Iterator[Site]:
    """Run ``site`` on 127.0.0.1 (a free port) for the duration of the block."""
    site = site or Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def rss(title: str, items: list[tuple[str, str, str, str]]) -> bytes:
    """An RSS 2.0 feed; items are (title, link, description, RFC 822 date)."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<description>{d}</description><pubDate>{date}</pubDate></item>"
        for t, link, d, date in items
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>http://127.0.0.1/</link><description>test feed</description><language>en</language>"
        f"{entries}</channel></rss>"
    ).encode()


def article_html(title: str, paragraphs: list[str], *, site_name: str = "Test Wire") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:site_name" content="{site_name}"></head><body>'
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>Copyright Test Wire. All rights reserved.</footer></body></html>"
    ).encode()
