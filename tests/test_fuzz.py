"""Property-based fuzzing: no input makes a reader, the analysis or the output crash (issue #14).

Each property runs a bounded number of examples (the whole file stays under
a minute); ``bench/fuzz.py`` runs the same properties for as long as it is
given.  The properties:

* every reader, forced or sniffed, on any bytes: yields Articles and
  IngestErrors and raises nothing (one bad input never sinks a batch);
* the analysis of any Unicode text: raises nothing, and every record's
  offsets point into the text at what the record says;
* ``clean`` leaves no control character and changes nothing printable.
"""

from __future__ import annotations

import atexit
import json
import re
import shutil
import tempfile
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.errors import IngestError
from dossier.ingest import READERS, Source, read_source
from dossier.model import Article

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


_WORKDIR = Path(tempfile.mkdtemp(prefix="dossier-fuzz-test-"))
atexit.register(shutil.rmtree, _WORKDIR, ignore_errors=True)


def read_bytes(data: bytes, fmt: str | None, name: str = "fuzz.bin") -> list[Article | IngestError]:
    """``read_source`` on ``data`` as a file: what an ingest of that file would see."""
    path = _WORKDIR / name
    path.write_bytes(data)
    items = list(read_source(Source(str(path), path), fmt=fmt))
    for item in items:
        assert isinstance(item, Article | IngestError), type(item)
        if isinstance(item, Article):
            assert isinstance(item.text, str) and item.text.strip()
            assert isinstance(item.title, str)
            for field in ("url", "outlet", "author", "language"):
                assert getattr(item, field) is None or isinstance(getattr(item, field), str), field
            assert item.published is None or isinstance(item.published, datetime)
    return items


# -- inputs shaped like each format, so the fuzzer gets past the first check --------------

_json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["2025-09-27", "1e20", "99999-01-01", "Sat, 27 Sep 2025 10:00:00 +0300", "", "0"]),
    st.sampled_from([1e20, -1e20, 1e300, 10**20, 253402300800]),
)
_json_values = st.recursive(
    _json_scalars, lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4)
)
_article_objects = st.fixed_dictionaries(
    {},
    optional={
        k: _json_values | st.text(max_size=60)
        for k in ("text", "title", "url", "published", "date", "outlet", "language", "author", "messages")
    },
)


def _xml(draw: st.DrawFn) -> bytes:
    title = draw(st.text(max_size=30))
    body = draw(st.text(max_size=80))
    date = draw(st.sampled_from(["Sat, 27 Sep 2025 10:00:00 +0300", "garbage", "", "9999999999"]))
    head = draw(st.sampled_from(["", '<?xml version="1.0"?>', "<!-- x", '<!DOCTYPE r [<!ENTITY a "b">]>']))
    xml = (
        f"{head}<rss><channel><item><title>{title}</title><description>{body}</description>"
        f"<pubDate>{date}</pubDate></item></channel></rss>"
    )
    cut = draw(st.integers(min_value=0, max_value=len(xml)))
    return xml[: len(xml) - cut // 4].encode("utf-8", "surrogatepass")


shaped = st.one_of(
    st.binary(max_size=600),
    st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass")),
    _article_objects.map(lambda o: json.dumps(o).encode()),
    st.lists(_article_objects, max_size=3).map(lambda o: json.dumps(o).encode()),
    st.lists(_article_objects, max_size=4).map(lambda os: "\n".join(json.dumps(o) for o in os).encode()),
    st.composite(_xml)(),
    st.text(max_size=200).map(
        lambda s: f"<html><head><title>{s[:20]}</title></head><body><p>{s}</p></body></html>".encode(
            "utf-8", "surrogatepass"
        )
    ),
)


def _bounded_readers() -> bool:
    import importlib.util

    return importlib.util.find_spec("dossier.ingest.limits") is not None


@pytest.mark.skipif(
    not _bounded_readers(), reason="needs the bounded readers of issue #14 (dossier.ingest.limits, the ingest work)"
)
@pytest.mark.parametrize("fmt", [None, *sorted(READERS)])
@FUZZ
@given(data=shaped)
def test_no_bytes_crash_a_reader(fmt: str | None, data: bytes) -> None:
    read_bytes(data, fmt)


# -- analysis -----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _analyzer():  # type: ignore[no-untyped-def]
    from dossier.analyze import Analyzer

    return Analyzer()


_words = st.sampled_from(
    [
        "Lukashenko",
        "said",
        "Minsk",
        "«",
        "»",
        '"',
        "“",
        "”",
        "—",
        "on",
        "Monday",
        "12",
        "March",
        "2024",
        "S-400",
        "Oreshnik",
        "заявил",
        "Путин",
        "в",
        "году",
        ".",
        ",",
        "\n",
        "\n\n",
        ":",
        "according",
        "to",
        "Reuters",
        "Telegram",
        "channel",
        "'",
        "(",
        ")",
        "the",
        "Treaty",
        "yesterday",
        "вчера",
        "\x1b[2J",
        "\u2028",
    ]
)
texts = st.one_of(
    st.text(max_size=400),
    st.lists(_words | st.text(max_size=6), max_size=80).map(" ".join),
    st.lists(_words, max_size=80).map("".join),
)


@FUZZ
@given(text=texts, language=st.sampled_from(["en", "ru", "de"]))
def test_analysis_of_any_text_keeps_its_offsets(text: str, language: str) -> None:
    if not text.strip():
        return
    analysis = _analyzer().analyze(Article(text=text, language=language, origin="fuzz"))
    n = len(text)
    assert all(0 <= s < e <= n for s, e in analysis.sentences)
    assert analysis.sentences == sorted(analysis.sentences)
    for m in analysis.mentions:
        assert text[m.start : m.end] == m.text
    for t in analysis.times:
        assert text[t.start : t.end] == t.text
    for q in analysis.quotes:
        assert 0 <= q.start <= q.end <= n
    for ev in analysis.events:
        assert 0 <= ev.start <= ev.end <= n
        assert ev.quote_index is None or 0 <= ev.quote_index < len(analysis.quotes)


# -- output -------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text())
def test_clean_leaves_no_control_and_keeps_printable_text(value: str) -> None:
    from dossier.output import clean

    out = clean(value)
    assert not _CONTROL.search(out)
    assert clean(out) == out
    if not _CONTROL.search(value):
        assert out == value
