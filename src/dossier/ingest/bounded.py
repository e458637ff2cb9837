"""Streams that stop reading at a limit, for compressed input from strangers.

A gzip member of a few kilobytes can inflate to gigabytes, and a run of
gigabytes without a newline makes line-oriented parsers (warcio's header
reader among them) build one enormous line.  :class:`BoundedGunzip`
inflates lazily, a block at a time, and raises :class:`LimitExceeded` as
soon as the output passes ``limit`` bytes or a line passes ``max_line``
bytes, so memory and time stay proportional to the limits, never to what
the input claims to hold.
"""

from __future__ import annotations

import io
import zlib

from dossier.errors import IngestError

GZIP_MAGIC = b"\x1f\x8b"
_IN_BLOCK = 64 * 1024


class LimitExceeded(IngestError):
    """A read stopped at one of the :class:`~dossier.ingest.limits.ReadLimits`."""


class BoundedGunzip(io.RawIOBase):
    """Decompress (possibly multi-member) gzip data on demand, within a size and a line limit."""

    def __init__(self, data: bytes, origin: str, *, limit: int, max_line: int, compressed: bool = True) -> None:
        super().__init__()
        self._data = memoryview(data)
        self._pos = 0
        self._origin = origin
        self._limit = limit
        self._max_line = max_line
        self._compressed = compressed
        self._inflater = zlib.decompressobj(31)
        self._pending = b""  # input handed to the inflater but not yet consumed
        self._out = 0
        self._line = 0  # bytes since the last newline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        chunk = self._next(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def _next(self, size: int) -> bytes:
        chunk = self._raw(size) if not self._compressed else self._inflate(size)
        self._account(chunk)
        return chunk

    def _raw(self, size: int) -> bytes:
        chunk = bytes(self._data[self._pos : self._pos + size])
        self._pos += len(chunk)
        return chunk

    def _inflate(self, size: int) -> bytes:
        while True:
            if not self._pending:
                if self._pos >= len(self._data):
                    return b""  # end of input (a truncated member ends here too; the parser says so)
                self._pending = bytes(self._data[self._pos : self._pos + _IN_BLOCK])
                self._pos += len(self._pending)
            try:
                out = self._inflater.decompress(self._pending, size)
            except zlib.error as exc:
                raise IngestError(self._origin, f"corrupt gzip data after {self._out:,} bytes ({exc})") from None
            if self._inflater.eof:
                rest = self._inflater.unused_data
                if not rest.strip(b"\x00") and self._pos >= len(self._data):
                    self._pending = b""
                else:
                    self._inflater = zlib.decompressobj(31)  # the next member
                    self._pending = rest
            else:
                self._pending = self._inflater.unconsumed_tail
            if out:
                return out

    def _account(self, chunk: bytes) -> None:
        self._out += len(chunk)
        if self._out > self._limit:
            raise LimitExceeded(
                self._origin,
                f"decompresses to over {self._limit:,} bytes; reading stopped there",
                hint="raise --max-decompressed if the archive is genuine",
            )
        newline = chunk.rfind(b"\n")
        self._line = len(chunk) - newline - 1 if newline >= 0 else self._line + len(chunk)
        if self._line > self._max_line:
            raise LimitExceeded(self._origin, f"a line of over {self._max_line:,} bytes; reading stopped there")


def bounded_stream(data: bytes, origin: str, *, limit: int, max_line: int) -> io.BufferedReader:
    """A buffered reader over ``data``, inflated when it is gzip, that stops at the limits."""
    raw = BoundedGunzip(data, origin, limit=limit, max_line=max_line, compressed=data.startswith(GZIP_MAGIC))
    return io.BufferedReader(raw, buffer_size=_IN_BLOCK)
