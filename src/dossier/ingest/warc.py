"""WARC and ARC files (web archives), read with warcio: each HTML page captured with status 200 is an article.

The archive is inflated through :func:`~dossier.ingest.bounded.bounded_stream`,
so a gzip bomb stops at ``max_decompressed`` bytes, and each page body is read
up to ``max_record`` bytes (a body compressed with ``Content-Encoding: gzip``
is inflated only that far).  Records that are not articles are named as
skips: redirects and other non-200 responses one by one (a redirect page says
"Found - the document has moved", which is not news), other content types and
non-HTTP records as one count per file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from dossier.errors import IngestError, IngestSkip
from dossier.ingest.bounded import bounded_stream
from dossier.ingest.decode import charset_of, decode_text
from dossier.ingest.html import extract_html
from dossier.ingest.limits import excerpt
from dossier.ingest.readers import Defaults, Reader, ReadItem, parse_date, register_reader, too_many_items

# Redirects and errors named one by one, then counted; records read per allowed page.
_NAMED_SKIPS = 50
_RECORDS_PER_ITEM = 10


def read_warc(data: bytes, defaults: Defaults) -> Iterator[ReadItem]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    limits = defaults.limits
    stream = bounded_stream(
        data, defaults.origin, limit=limits.max_decompressed, max_line=min(limits.max_line, limits.max_record)
    )
    pages = named_skips = 0
    other: Counter[str] = Counter()
    try:
        # Large blocks: warcio grows a long line block by block, so fewer blocks mean fewer copies.
        records = ArchiveIterator(stream, arc2warc=True, block_size=256 * 1024)
        for number, record in enumerate(records, start=1):
            if number > _RECORDS_PER_ITEM * limits.max_items:
                yield IngestError(
                    defaults.origin,
                    f"more than {number - 1:,} records; the rest of the archive was not read",
                    hint="raise --max-items if the archive is genuine",
                )
                break
            if record.rec_type != "response":
                continue  # requests, metadata, warcinfo: the archive's bookkeeping
            url = record.rec_headers.get_header("WARC-Target-URI")
            origin = url or f"{defaults.origin}#{number}"
            if record.http_headers is None:
                other["not HTTP"] += 1
                continue
            status = record.http_headers.get_statuscode() or "?"
            ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            if status != "200" and named_skips >= _NAMED_SKIPS:
                other[f"more HTTP {status}"] += 1
                continue
            if status != "200":
                named_skips += 1
                where = record.http_headers.get_header("Location")
                reason = f"HTTP {status} response, not an article" + (
                    f" (redirect to {excerpt(where, 200)})" if where and status.startswith("3") else ""
                )
                yield IngestSkip(origin, reason)
                continue
            if "html" not in ctype:
                other[ctype.split(";")[0].strip() or "no content type"] += 1
                continue
            pages += 1
            if pages > limits.max_items:
                yield too_many_items(defaults.origin, limits)
                return
            body = record.content_stream().read(limits.max_record + 1)
            if len(body) > limits.max_record:
                yield IngestError(origin, f"page body over {limits.max_record:,} bytes; not read")
                continue
            try:
                decoded = decode_text(body, origin, declared=charset_of(ctype))
            except IngestError as exc:
                yield exc
                continue
            page_defaults = Defaults(
                origin=origin,
                published=defaults.published,
                outlet=defaults.outlet,
                language=defaults.language,
                limits=limits,
            )
            item = extract_html(decoded.text, page_defaults, url=url, fmt="warc", decoded=decoded)
            if not isinstance(item, IngestError):
                captured = parse_date(record.rec_headers.get_header("WARC-Date"))
                if captured is not None:
                    # When the page was archived: an upper bound on its date, not its date.
                    item = item.replace(extra={**item.extra, "warc_date": captured.isoformat()})
            yield item
    except ArchiveLoadFailed as exc:
        raise IngestError(defaults.origin, f"not a readable WARC file: {excerpt(str(exc), 200)}") from None
    counts = ", ".join(f"{n} {kind}" for kind, n in other.most_common(6))
    if not pages:
        raise IngestError(defaults.origin, "the WARC file holds no HTML responses" + (f" ({counts})" if counts else ""))
    if other:
        yield IngestSkip(defaults.origin, f"records that are not HTML pages: {counts}")


def _sniff_warc(head: bytes) -> bool:
    return head.startswith(b"WARC/") or head.startswith(b"\x1f\x8b") or head.startswith(b"filedesc://")


WARC_READER = register_reader(Reader("warc", (".warc", ".warc.gz", ".arc", ".arc.gz"), read_warc, _sniff_warc))
