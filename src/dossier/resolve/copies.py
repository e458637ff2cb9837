"""Copies: exact duplicates, near-duplicates, rewrites, forwards and credited items.

Why this layer exists: content farms, aggregators and Telegram forwards turn one
report into dozens of items.  Dossier must count *independent* sources, so every
item that merely repeats another is tied to the item it repeats, and every group
of copies has one *original* (earliest published, then earliest ingested).

How (all incremental, nothing compares all pairs):

* exact duplicates: the SHA-256 of the normalised text (``model.content_hash``);
* near-duplicates and light rewrites: MinHash signatures over word shingles of
  the normalised text (:func:`minhash32`: numpy, the values of datasketch's
  ``affine32`` scheme), bucketed by LSH bands that this module computes itself
  so that the buckets can live in an SQL table
  (``copy_bands(band, bucket, article_id)``).  An added article looks up only its
  own ``bands`` buckets; candidates are then verified by the estimated Jaccard
  resemblance *or* containment (copies that drop sentences or add boilerplate
  have low resemblance but one text is mostly inside the other);
* rewrites that keep the facts but change the wording (synonyms, reordered
  sentences and clauses, dropped lines), which break most 4-word shingles: a
  second MinHash over the set of *content words* (stop words dropped, lightly
  stemmed, numbers kept; :func:`content_hashes`), with its own LSH bands
  stored after the shingle bands.  A pair is a ``rewrite`` when that set
  resemblance is high (independent reports of one event share about a third
  of their content words; rewrites of one text share most) and, when both are
  dated, they appeared within ``rewrite_days`` of each other;
* Telegram forwards: ``Article.extra["forwarded_from"]``;
* explicit credits: wire bylines (``(Reuters) -``, ``AP —``, ``MINSK, 3 May
  (BelTA) -``) and short-item credits (``according to BelTA``, ``citing TASS``,
  ``сообщает ТАСС``, ``передает БелТА``).  A credit names an *outlet*; when an
  item of that outlet is among the near-duplicate matches it becomes the
  original, otherwise the outlet itself is recorded as the source.

Storage goes through :class:`CopyStore`; :class:`MemoryCopyStore` keeps it in
dicts and is what tests and benchmarks use.  The SQL store mirrors its methods
one table each (see ``docs/cross-article.md``).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

import numpy as np

from dossier.model import content_hash, normalise_text
from dossier.resolve.outlets import normalise_outlet

__all__ = [
    "CopyChain",
    "CopyConfig",
    "CopyIndex",
    "CopyItem",
    "CopyLink",
    "CopyStore",
    "MemoryCopyStore",
    "affine32_permutations",
    "content_hashes",
    "find_credit",
    "minhash32",
    "normalise_outlet",
    "shingle_hashes",
]

_WORD_RE = re.compile(r"\w+")
_FAR_FUTURE = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class CopyConfig:
    """Parameters of the copy detector.

    Defaults were tuned on light rewrites of the BBC bench corpus
    (``eval/copies.py``): 4-word shingles keep unrelated articles near zero
    resemblance while one substituted word only breaks four shingles; 126
    permutations in 42 bands of 3 rows make a pair a candidate with probability
    0.68 at resemblance 0.3, 0.94 at 0.4 and 0.99 at 0.5, but only 1e-3 at 0.03
    and 5e-6 at 0.005 (typical for unrelated news), so random candidates stay
    rare even with millions of stored items.  32 bands of 4 rows lost 2.5 % more
    copies at the LSH stage.  Verification accepts estimated resemblance >= 0.4,
    or estimated containment >= 0.6 (with resemblance >= 0.15) for copies that
    drop sentences or add boilerplate.
    """

    shingle: int = 4
    num_perm: int = 126
    bands: int = 42
    seed: int = 1
    jaccard: float = 0.4  # estimated resemblance that makes a near-duplicate
    containment: float = 0.6  # share of the shorter text found in the longer one
    min_shingles: int = 8  # shorter texts only match exactly (too few shingles to estimate)
    # Rewrites: MinHash of the content-word set, 24 bands of 5 rows: a candidate with probability
    # 0.86 at resemblance 0.6, 0.99 at 0.7, but 0.06 at 0.3 and 0.008 at 0.2 (unrelated news).
    rewrite_perm: int = 120  # 0 turns rewrite detection off
    rewrite_bands: int = 24
    rewrite_jaccard: float = 0.6  # estimated content-word resemblance that makes a rewrite
    rewrite_min_words: int = 30  # distinct content words (and shingles) both texts need
    rewrite_days: float = 7.0  # dated rewrites appear within this many days of their source

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands

    @property
    def rewrite_rows(self) -> int:
        return self.rewrite_perm // self.rewrite_bands if self.rewrite_bands else 0

    @property
    def all_bands(self) -> int:
        """Band tables of the store: the shingle bands, then the content-word bands."""
        return self.bands + (self.rewrite_bands if self.rewrite_perm else 0)


@dataclass(frozen=True, slots=True)
class CopyLink:
    """``copy`` repeats ``original`` (earlier published or ingested).

    ``kind`` is ``exact``, ``near``, ``rewrite``, ``forward``, ``credit`` or ``wire``
    (for ``rewrite``, ``jaccard`` is the content-word resemblance).  For
    ``forward``/``credit``/``wire`` links whose source item is not stored,
    ``original`` is ``None`` and ``source`` names the outlet or channel.
    """

    copy: str
    original: str | None
    kind: str
    jaccard: float | None = None
    containment: float | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class CopyChain:
    """A group of items that all repeat one original."""

    original: str
    copies: tuple[str, ...]
    links: tuple[CopyLink, ...]
    source: str  # the independent-source key of the whole group


@dataclass(slots=True)
class CopyItem:
    """What the index keeps per article (one row of ``copy_items``)."""

    article_id: str
    seq: int
    hash: str
    published: datetime | None
    outlet: str | None  # normalised outlet key
    size: int  # number of distinct shingles
    signature: bytes  # num_perm uint32 MinHash values, then rewrite_perm content-word ones (if long enough)
    credited: str | None = None  # outlet named by a forward/credit/wire when its item is unknown
    group: str = ""


class CopyStore(Protocol):
    """Persistence of the copy index.  Every method touches a bounded set of rows."""

    def next_seq(self) -> int: ...
    def put_item(self, item: CopyItem) -> None: ...
    def get_item(self, article_id: str) -> CopyItem | None: ...
    def ids_with_hash(self, text_hash: str) -> list[str]: ...
    def add_bands(self, article_id: str, keys: Sequence[int]) -> None: ...
    def band_members(self, keys: Sequence[int]) -> set[str]: ...
    def add_link(self, link: CopyLink) -> None: ...
    def links_of(self, article_id: str) -> list[CopyLink]: ...
    def group_members(self, group: str) -> list[str]: ...
    def group_original(self, group: str) -> str: ...
    def set_group(self, article_ids: Iterable[str], group: str, original: str) -> None: ...
    def groups(self) -> list[str]: ...


class MemoryCopyStore:
    """In-memory :class:`CopyStore`.

    Band buckets are one dict per band whose value is a single id or a list of
    ids, because at a million items almost every bucket holds one id and a list
    per bucket would triple the memory.
    """

    def __init__(self, bands: int) -> None:
        self._seq = 0
        self._items: dict[str, CopyItem] = {}
        self._hashes: dict[str, list[str]] = {}
        self._bands: list[dict[int, Any]] = [{} for _ in range(bands)]
        self._links: dict[str, list[CopyLink]] = {}
        self._groups: dict[str, list[str]] = {}
        self._originals: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._items)

    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def put_item(self, item: CopyItem) -> None:
        self._items[item.article_id] = item
        self._hashes.setdefault(item.hash, []).append(item.article_id)

    def get_item(self, article_id: str) -> CopyItem | None:
        return self._items.get(article_id)

    def ids_with_hash(self, text_hash: str) -> list[str]:
        return list(self._hashes.get(text_hash, ()))

    def add_bands(self, article_id: str, keys: Sequence[int]) -> None:
        for table, key in zip(self._bands, keys, strict=False):  # items too short for rewrite bands have fewer
            old = table.get(key)
            if old is None:
                table[key] = article_id
            elif isinstance(old, list):
                old.append(article_id)
            else:
                table[key] = [old, article_id]

    def band_members(self, keys: Sequence[int]) -> set[str]:
        out: set[str] = set()
        for table, key in zip(self._bands, keys, strict=False):
            hit = table.get(key)
            if hit is None:
                continue
            if isinstance(hit, list):
                out.update(hit)
            else:
                out.add(hit)
        return out

    def add_link(self, link: CopyLink) -> None:
        self._links.setdefault(link.copy, []).append(link)

    def links_of(self, article_id: str) -> list[CopyLink]:
        return list(self._links.get(article_id, ()))

    def group_members(self, group: str) -> list[str]:
        return list(self._groups.get(group, ()))

    def group_original(self, group: str) -> str:
        return self._originals[group]

    def set_group(self, article_ids: Iterable[str], group: str, original: str) -> None:
        members = self._groups.setdefault(group, [])
        for article_id in article_ids:
            item = self._items[article_id]
            if item.group and item.group != group:
                self._groups.pop(item.group, None)
                self._originals.pop(item.group, None)
            if item.group != group:
                item.group = group
                members.append(article_id)
        self._originals[group] = original

    def groups(self) -> list[str]:
        return list(self._groups)


# ---------------------------------------------------------------------------
# shingles and signatures


def token_hashes(text: str) -> np.ndarray:
    """crc32 of each word of the normalised text (stable across processes, unlike ``hash``)."""
    words = _WORD_RE.findall(normalise_text(text))
    return np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))


_MIX = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5, 0xFF51AFD7ED558CCD] * 4,
    dtype=np.uint64,
)


def window_hashes(tok: np.ndarray, k: int) -> np.ndarray:
    """32-bit hash of every ``k``-token window of ``tok`` (duplicates kept), as uint32."""
    n = len(tok)
    acc = np.zeros(max(n - k + 1, 0), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            acc = (acc ^ tok[j : n - k + 1 + j]) * _MIX[j]
        acc ^= acc >> np.uint64(29)
    return (acc >> np.uint64(32)).astype(np.uint32)


def shingles_from_tokens(tok: np.ndarray, k: int) -> np.ndarray:
    """Distinct 32-bit hashes of the ``k``-token windows of token hashes ``tok``.

    Vectorised so that a 400-word article costs tens of microseconds; texts
    shorter than ``k`` words give one shingle for the whole text.
    """
    n = len(tok)
    if n == 0:
        return np.zeros(0, dtype=np.uint32)
    return np.unique(window_hashes(tok, min(k, n)))


def shingle_hashes(text: str, k: int = 4) -> np.ndarray:
    """Distinct hashes of the ``k``-word shingles of the normalised ``text``."""
    return shingles_from_tokens(token_hashes(text), k)


_THOUSANDS_RE = re.compile(r"(?<=\d)[,\u00a0\u2009\u202f](?=\d{3}\b)")


def content_hashes(text: str) -> np.ndarray:
    """Distinct crc32 hashes of the text's content words (see :func:`dossier.resolve.stories.content_words`).

    Order-free and blind to stop words, so reordered sentences, moved clauses
    and swapped function words leave it unchanged; thousands separators are
    dropped first so that ``2,000`` and ``2000`` are one number.
    """
    from dossier.resolve.stories import content_words

    words = set(content_words(_THOUSANDS_RE.sub("", text)))
    return np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint32, count=len(words))


#: The "empty set" value of a 32-bit MinHash: no hash has been seen in that permutation.
EMPTY32 = np.uint32(0xFFFFFFFF)


def affine32_permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``(a, b)`` of ``num_perm`` affine permutations ``h -> a*h + b mod 2^32`` for ``seed``.

    Why these exact draws: stored signatures and LSH band keys were made with
    datasketch's ``MinHash(num_perm, seed)`` (scheme ``affine32``, datasketch
    2.0), and a store must keep matching new articles against them.  That
    scheme draws ``a`` as an odd number (a uniform 31-bit value times two plus
    one: an odd ``a`` makes the map a bijection, so no two hashes collide) and
    then ``b`` as a uniform 32-bit value, from ``numpy.random.RandomState(seed)``,
    whose stream numpy keeps stable across releases.
    """
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser, a fixed bijection applied once before the permutations.

    It spreads weakly mixed inputs (crc32 of words, window hashes) over the
    whole range so that the affine permutations behave like random ones.
    """
    hv = values.astype(np.uint32)
    with np.errstate(over="ignore"):
        hv = hv ^ (hv >> np.uint32(16))
        hv = hv * np.uint32(0x85EBCA6B)
        hv = hv ^ (hv >> np.uint32(13))
        hv = hv * np.uint32(0xC2B2AE35)
        return hv ^ (hv >> np.uint32(16))


def minhash32(hashes: np.ndarray, a: np.ndarray, b: np.ndarray, *, chunk: int = 1024) -> np.ndarray:
    """uint32 MinHash signature of a set of 32-bit hashes under the permutations ``(a, b)``.

    Equal, value for value, to datasketch's ``MinHash(..., hashfunc=identity)``
    after ``update_batch(hashes)`` in the ``affine32`` scheme (a test checks),
    without importing datasketch, which imports scipy (most of a second, and in
    every ingest worker).  The empty set gives ``0xFFFFFFFF`` everywhere, as
    there.  Hashes are taken ``chunk`` at a time so that a very long text never
    builds a (hashes x permutations) matrix of more than a few MB.
    """
    out = np.full(len(a), EMPTY32, dtype=np.uint32)
    if not len(hashes):
        return out
    mixed = fmix32(np.asarray(hashes))
    with np.errstate(over="ignore"):
        for i in range(0, len(mixed), chunk):
            part = mixed[i : i + chunk, None] * a[None, :] + b[None, :]  # wraps: mod 2^32
            np.minimum(out, part.min(axis=0), out=out)
    return out


# ---------------------------------------------------------------------------
# credits

# A name is up to four capitalised words; a dot may sit inside a word ("U.S") but never ends one,
# so a credit stops at the end of its sentence ("according to BelTA. He said..." gives "BelTA").
_WORD = r"[A-ZА-ЯЁ][\w\-]*(?:\.[\w\-]+)*"
_NAME = r"(" + _WORD + r"(?:\s+(?:" + _WORD + r"|news|новости|агентство)){0,3})"
_WIRE_RES = [
    # "(Reuters) -", "MINSK, 3 May (BelTA) -", "WASHINGTON (AP) —"
    re.compile(r"^[^\n()]{0,60}\(" + _NAME + r"\)\s*[-–—:]"),
    # "AP — ...", "TASS: ..." at the very start
    re.compile(r"^" + _NAME + r"\s*[-–—]\s"),
]
_CREDIT_RES = [
    re.compile(r"\b(?i:according to)\s+(?:(?i:the)\s+)?" + _NAME),
    re.compile(r"\b(?i:citing|via|source:|courtesy of|reported by)\s+(?:(?i:the)\s+)?" + _NAME),
    re.compile(
        r"(?:сообщает|сообщило|сообщил|сообщили|передает|передаёт|пишет|информирует|по данным|"
        r"со ссылкой на|источник:)\s+(?:агентство\s+)?«?" + _NAME,
        re.IGNORECASE,
    ),
]
_NOT_OUTLETS = {"he", "she", "they", "it", "the", "police", "officials", "witnesses", "sources", "reports"}


def find_credit(text: str, short_words: int = 120) -> tuple[str, str] | None:
    """``(kind, outlet)`` when ``text`` says it repeats another outlet, else ``None``.

    Why two kinds: a wire byline (``(Reuters) -`` at the start) makes the whole
    item the wire's copy; an ``according to X`` credit only does so for short
    items (Telegram posts, briefs) or when it sits in the lead/last sentence, since a
    long article that cites TASS once still has its own reporting.
    """
    head = text.lstrip()[:200]
    for rx in _WIRE_RES:
        m = rx.search(head)
        if m and m.group(1).casefold() not in _NOT_OUTLETS:
            return "wire", normalise_outlet(m.group(1)) or m.group(1)
    words = len(text.split())
    if words <= short_words:
        zones = [text]
    else:
        sentences = re.split(r"(?<=[.!?])\s+", text.strip())
        zones = [" ".join(sentences[:2]), sentences[-1]]
    for zone in zones:
        letters = [ch for ch in zone if ch.isalpha()]
        if sum(ch.islower() for ch in letters) < 0.5 * len(letters):
            continue  # all-caps text: capitalisation cannot tell names from words
        for rx in _CREDIT_RES:
            for m in rx.finditer(zone):
                name = m.group(1).strip(" .")
                if name.casefold() in _NOT_OUTLETS or len(name) < 2:
                    continue
                return "credit", normalise_outlet(name) or name
    return None


def _forwarded_from(extra: dict[str, Any] | None) -> str | None:
    if not extra:
        return None
    value = extra.get("forwarded_from")
    if isinstance(value, dict):
        value = value.get("username") or value.get("title") or value.get("name") or value.get("id")
    return normalise_outlet(str(value)) if value else None


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _order(item: CopyItem) -> tuple[datetime, int]:
    return (_utc(item.published) or _FAR_FUTURE, item.seq)


# ---------------------------------------------------------------------------
# the index


class CopyIndex:
    """Incremental copy detector; see the module docstring for the method."""

    def __init__(self, store: CopyStore | None = None, config: CopyConfig | None = None) -> None:
        self.config = config or CopyConfig()
        if self.config.num_perm % self.config.bands:
            raise ValueError("num_perm must be a multiple of bands")
        if self.config.rewrite_perm and self.config.rewrite_perm % self.config.rewrite_bands:
            raise ValueError("rewrite_perm must be a multiple of rewrite_bands")
        self.store: CopyStore = store if store is not None else MemoryCopyStore(self.config.all_bands)
        self._permutations = affine32_permutations(self.config.num_perm, self.config.seed)
        rng = np.random.default_rng(self.config.seed)
        self._band_mix = rng.integers(1, 2**63, size=self.config.rows, dtype=np.uint64) | np.uint64(1)
        self._rewrite_permutations: tuple[np.ndarray, np.ndarray] | None = None
        if self.config.rewrite_perm:
            self._rewrite_permutations = affine32_permutations(self.config.rewrite_perm, self.config.seed + 1)
            self._rewrite_mix = rng.integers(1, 2**63, size=self.config.rewrite_rows, dtype=np.uint64) | np.uint64(1)

    # -- signatures -------------------------------------------------------
    def minhash(self, shingles: np.ndarray) -> np.ndarray:
        """MinHash signature (``num_perm`` uint32) of a set of 32-bit shingle hashes."""
        return minhash32(shingles, *self._permutations)

    def rewrite_signature(self, words: np.ndarray) -> np.ndarray | None:
        """MinHash (uint32) of a content-word hash set, or None when rewrites are off or the text is short."""
        cfg = self.config
        if self._rewrite_permutations is None or len(words) < cfg.rewrite_min_words:
            return None
        return minhash32(words, *self._rewrite_permutations)

    def rewrite_keys(self, signature: np.ndarray) -> list[int]:
        """Bucket keys of the content-word bands (stored after the shingle bands)."""
        cfg = self.config
        rows = signature.astype(np.uint64).reshape(cfg.rewrite_bands, cfg.rewrite_rows)
        with np.errstate(over="ignore"):
            acc = np.zeros(cfg.rewrite_bands, dtype=np.uint64)
            for j in range(cfg.rewrite_rows):
                acc = (acc ^ rows[:, j]) * self._rewrite_mix[j]
            acc ^= acc >> np.uint64(31)
        return (acc >> np.uint64(1)).astype(np.int64).tolist()

    def band_keys(self, hashvalues: np.ndarray) -> list[int]:
        """One 63-bit bucket key per band (fits a signed SQL BIGINT)."""
        return self.band_key_matrix(hashvalues[None, :])[0].tolist()

    def band_key_matrix(self, signatures: np.ndarray) -> np.ndarray:
        """Band keys of many signatures: ``(items, bands)`` int64."""
        rows = signatures.astype(np.uint64).reshape(len(signatures), self.config.bands, self.config.rows)
        with np.errstate(over="ignore"):
            acc = np.zeros(rows.shape[:2], dtype=np.uint64)
            for j in range(self.config.rows):
                acc = (acc ^ rows[:, :, j]) * self._band_mix[j]
            acc ^= acc >> np.uint64(31)
        return (acc >> np.uint64(1)).astype(np.int64)

    def signatures(self, shingles: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        """MinHash signatures of many items at once, equal to :meth:`minhash`.

        ``shingles`` concatenates the items' uint32 shingle hashes and
        ``offsets`` gives where each item starts (items must be non-empty).
        The same arithmetic as :func:`minhash32`, in one vectorised pass over
        all items; used for backfills and benchmarks, where a Python call per
        item would dominate.
        """
        hv = fmix32(shingles)
        a, b = self._permutations
        with np.errstate(over="ignore"):
            out = np.empty((len(offsets), self.config.num_perm), dtype=np.uint32)
            step = 32
            for j in range(0, self.config.num_perm, step):
                phv = hv[:, None] * a[None, j : j + step] + b[None, j : j + step]
                out[:, j : j + step] = np.minimum.reduceat(phv, offsets, axis=0)
        return out

    def bulk_insert(
        self,
        article_ids: Sequence[str],
        signatures: np.ndarray,
        sizes: Sequence[int],
        hashes: Sequence[str],
        published: Sequence[datetime | None] | None = None,
    ) -> None:
        """Store items with their bands *without* looking for copies.

        For backfilling a store from items whose links are already known (or
        are known to have none), and for filling benchmark indexes; new
        articles go through :meth:`add`.
        """
        store = self.store
        keys = self.band_key_matrix(signatures).tolist()
        for n, article_id in enumerate(article_ids):
            sig = signatures[n]
            item = CopyItem(
                article_id=article_id,
                seq=store.next_seq(),
                hash=hashes[n],
                published=_utc(published[n]) if published is not None else None,
                outlet=None,
                size=int(sizes[n]),
                signature=sig.tobytes(),
            )
            store.put_item(item)
            store.add_bands(article_id, keys[n])
            store.set_group([article_id], article_id, article_id)

    # -- adding -----------------------------------------------------------
    def add(
        self,
        article_id: str,
        text: str,
        published: datetime | None = None,
        outlet: str | None = None,
        extra: dict[str, Any] | None = None,
        shingles: np.ndarray | None = None,
    ) -> list[CopyLink]:
        """Index one article and return its links to earlier-stored items.

        Each link is directed from the later item to the earlier one (by
        publication time, then ingestion order).  ``shingles`` lets a caller
        that already has the shingle hashes (benchmarks) skip tokenising.
        """
        cfg = self.config
        store = self.store
        if store.get_item(article_id) is not None:
            return store.links_of(article_id)
        text_hash = content_hash(text)
        sh = shingle_hashes(text, cfg.shingle) if shingles is None else shingles
        sig = self.minhash(sh)
        keys = self.band_keys(sig)
        rsig = self.rewrite_signature(content_hashes(text)) if len(sh) >= cfg.rewrite_min_words else None
        if rsig is not None:
            keys = keys + self.rewrite_keys(rsig)
        item = CopyItem(
            article_id=article_id,
            seq=store.next_seq(),
            hash=text_hash,
            published=_utc(published),
            outlet=normalise_outlet(outlet),
            size=len(sh),
            signature=sig.tobytes() + (rsig.tobytes() if rsig is not None else b""),
        )
        exact = store.ids_with_hash(text_hash)
        candidates = store.band_members(keys) - set(exact) if len(sh) >= cfg.min_shingles else set()
        matches: list[tuple[CopyItem, str, float | None, float | None]] = []
        for other_id in exact:
            other = store.get_item(other_id)
            if other is not None:
                matches.append((other, "exact", 1.0, 1.0))
        for other_id in candidates:
            other = store.get_item(other_id)
            if other is None or other.size < cfg.min_shingles:
                continue
            values = np.frombuffer(other.signature, dtype=np.uint32)
            j = float(np.count_nonzero(values[: cfg.num_perm] == sig)) / cfg.num_perm
            small = min(item.size, other.size)
            inter = j / (1.0 + j) * (item.size + other.size)
            c = min(1.0, inter / small) if small else 0.0
            if j >= cfg.jaccard or (c >= cfg.containment and j >= 0.15):
                matches.append((other, "near", round(j, 3), round(c, 3)))
            elif (
                rsig is not None and len(values) == cfg.num_perm + cfg.rewrite_perm and self._close_in_time(item, other)
            ):
                r = float(np.count_nonzero(values[cfg.num_perm :] == rsig)) / cfg.rewrite_perm
                if r >= cfg.rewrite_jaccard:
                    matches.append((other, "rewrite", round(r, 3), None))

        # forwards and credits name an outlet; a matched item of that outlet is the original
        named: list[tuple[str, str]] = []
        fwd = _forwarded_from(extra)
        if fwd:
            named.append(("forward", fwd))
        credit = find_credit(text)
        if credit and credit[1] != item.outlet:
            named.append(credit)
        links: list[CopyLink] = []
        matched_ids = {m[0].article_id for m in matches}
        for kind, source in named:
            hits = [m[0] for m in matches if m[0].outlet == source]
            if hits:
                src = min(hits, key=_order)
                links.append(CopyLink(article_id, src.article_id, kind, source=source))
            else:
                item.credited = item.credited or source
                links.append(CopyLink(article_id, None, kind, source=source))
        store.put_item(item)
        store.add_bands(article_id, keys)
        for other, kind, j, c in matches:
            if _order(other) <= _order(item):
                link = CopyLink(article_id, other.article_id, kind, j, c)
            else:
                link = CopyLink(other.article_id, article_id, kind, j, c)
            links.append(link)
        for link in links:
            store.add_link(link)
        self._merge(item, matched_ids)
        return links

    def _close_in_time(self, a: CopyItem, b: CopyItem) -> bool:
        """Rewrites follow their source within days; undated items are judged by content alone."""
        pa, pb = _utc(a.published), _utc(b.published)
        if pa is None or pb is None:
            return True
        return abs((pa - pb).total_seconds()) / 86400.0 <= self.config.rewrite_days

    def _merge(self, item: CopyItem, matched: set[str]) -> None:
        """Union the new item's group with the groups of its matches.

        Union by size: the smaller groups are relabelled, so an article is
        relabelled O(log n) times over its life.
        """
        store = self.store
        groups: dict[str, list[str]] = {}
        for other_id in matched:
            other = store.get_item(other_id)
            if other is not None and other.group not in groups:
                groups[other.group] = store.group_members(other.group)
        if not groups:
            store.set_group([item.article_id], item.article_id, item.article_id)
            return
        big = max(groups, key=lambda g: len(groups[g]))
        original = min(
            [item] + [store.get_item(store.group_original(g)) for g in groups],  # type: ignore[misc]
            key=_order,
        )
        moving = [item.article_id] + [a for g, members in groups.items() if g != big for a in members]
        store.set_group(moving, big, original.article_id)

    # -- reading ----------------------------------------------------------
    def original_of(self, article_id: str) -> str:
        """The earliest item of the article's copy group (the article itself if alone)."""
        item = self.store.get_item(article_id)
        if item is None:
            raise KeyError(article_id)
        return self.store.group_original(item.group)

    def independent_source(self, article_id: str) -> str:
        """Key that is equal for all items that repeat one source.

        The group's original decides, so that every member of a copy group
        gets the same key: if it names an outlet it repeats (forward, credit,
        wire) that outlet is the source; else its own outlet; else the original
        item itself.  Same-outlet items thus count once.
        """
        item = self.store.get_item(article_id)
        if item is None:
            raise KeyError(article_id)
        original = self.store.get_item(self.store.group_original(item.group)) or item
        if original.credited:
            return f"outlet:{original.credited}"
        if original.outlet:
            return f"outlet:{original.outlet}"
        return f"item:{original.article_id}"

    def chains(self) -> list[CopyChain]:
        """Every group with more than one item, or with a credited outside source."""
        out: list[CopyChain] = []
        for group in self.store.groups():
            members = self.store.group_members(group)
            original = self.store.group_original(group)
            links = tuple(link for a in members for link in self.store.links_of(a))
            if len(members) < 2 and not links:
                continue
            copies = tuple(sorted(a for a in members if a != original))
            out.append(CopyChain(original, copies, links, self.independent_source(original)))
        return out
