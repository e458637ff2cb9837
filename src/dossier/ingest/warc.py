"""WARC files (web archives), read with warcio: each HTML response is an article."""

from __future__ import annotations

import io
from collections.abc import Iterator

from dossier.errors import IngestError
from dossier.ingest.decode import decode_bytes
from dossier.ingest.html import extract_html
from dossier.ingest.readers import Defaults, Reader, ReadItem, parse_date, register_reader


def read_warc(data: bytes, defaults: Defaults) -> Iterator[ReadItem]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            if "html" not in ctype:
                continue
            found += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            origin = url or f"{defaults.origin}#{found}"
            body = record.content_stream().read()
            try:
                html, _ = decode_bytes(body, origin)
            except IngestError as exc:
                yield exc
                continue
            item = extract_html(
                html,
                Defaults(
                    origin=origin,
                    published=defaults.published,
                    outlet=defaults.outlet,
                    language=defaults.language,
                ),
                url=url,
                fmt="warc",
            )
            if not isinstance(item, IngestError) and item.published is None:
                # The capture date is when the page was archived, a fair upper bound.
                captured = parse_date(record.rec_headers.get_header("WARC-Date"))
                item = item.replace(
                    extra={**item.extra, "warc_date": captured.isoformat() if captured else None}
                )
            yield item
    except ArchiveLoadFailed as exc:
        raise IngestError(defaults.origin, f"not a readable WARC file: {exc}") from exc
    if not found:
        raise IngestError(defaults.origin, "the WARC file holds no HTML responses")


def _sniff_warc(head: bytes) -> bool:
    return head.startswith(b"WARC/") or head.startswith(b"\x1f\x8b")


WARC_READER = register_reader(Reader("warc", (".warc", ".warc.gz", ".arc.gz"), read_warc, _sniff_warc))
