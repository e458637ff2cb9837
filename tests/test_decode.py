"""Decoding the encodings Russian and English news still arrive in (issue #2)."""

from __future__ import annotations

import codecs

import pytest

from dossier.errors import IngestError
from dossier.ingest.decode import decode_bytes

RU = "Министр иностранных дел заявил, что размещение комплекса соответствует нормам права."
EN = "The foreign minister said the deployment complies with international law."


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251", "koi8-r"])
def test_russian_legacy_encodings_decode_exactly(encoding: str) -> None:
    text, used = decode_bytes(RU.encode(encoding), "x.txt")
    assert text == RU
    assert used == encoding


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF8, "utf-8")],
)
def test_byte_order_marks_are_honoured(bom: bytes, codec: str) -> None:
    text, _ = decode_bytes(bom + RU.encode(codec), "x.txt")
    assert text == RU


def test_latin1_is_not_mistaken_for_central_european() -> None:
    sample = "Café au lait à Genève, déjà vu; naïve façade."
    text, _ = decode_bytes(sample.encode("latin-1"), "x.txt")
    assert text == sample


def test_binary_is_refused_with_reason() -> None:
    with pytest.raises(IngestError, match="binary"):
        decode_bytes(b"\x00\x01\x02PK\x03\x04" * 50, "blob.bin")


def test_plain_ascii_roundtrips() -> None:
    assert decode_bytes(EN.encode("ascii"), "x")[0] == EN
