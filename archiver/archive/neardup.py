"""Near-duplicate detection: compact MinHash sketches of article bodies, LSH band keys.

Pure (no Scrapy); runs in the extraction worker processes. See ``docs/neardup.md`` for the
method, the labelled pair set and the measurements behind every constant here.

* :func:`fingerprint` turns a body into a sketch (``FORMAT_VERSION`` byte + ``NUM_PERM``
  16-bit MinHash values), or ``b""`` when the body is too short to sketch reliably.
* :func:`similarity` estimates the Jaccard similarity of the two bodies' word-shingle sets.
  A pair is a near-duplicate when it is ``>= ARCHIVER_DEDUP_THRESHOLD``
  (default :data:`DEFAULT_THRESHOLD`).
* :func:`lsh_keys` gives the band keys to index; two sketches are candidates iff they share
  a key. Bands are sized so a pair at ``DEFAULT_THRESHOLD - 0.1`` shares a key with
  probability >= 0.99.

Text is normalised (NFKC, lower case, every run of punctuation/whitespace is one separator,
so quote style, dashes, whitespace and line wrapping do not matter), split into words and
shingled into overlapping ``SHINGLE_WORDS``-word windows. Hashing is zlib CRC-32 per word
mixed to 64 bits in numpy, so sketches are identical across processes, machines and
``PYTHONHASHSEED`` values.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from archiver.extract.text import CJK

DEFAULT_THRESHOLD: float = 0.6
"""Measured default for ``ARCHIVER_DEDUP_THRESHOLD`` (docs/neardup.md)."""

FORMAT_VERSION = 1
SHINGLE_WORDS = 3
NUM_PERM = 64
VALUE_BITS = 16
MIN_WORDS = 40
"""Bodies with fewer words get no sketch: one edited sentence moves their similarity too
far for a threshold to mean anything (exact duplicates are caught by the content hash)."""

_U64 = np.uint64
_GOLDEN = _U64(0x9E3779B97F4A7C15)
_MASK64 = (1 << 64) - 1
# ASCII letters/digits and all non-ASCII bytes (UTF-8 letters) are kept; every other ASCII
# byte becomes a separator. Typographic punctuation and spaces from U+0080-U+00BF and the
# General Punctuation block (U+2000-U+206F: curly quotes, dashes, ellipsis, NBSP-likes)
# become separators too, see _UNICODE_PUNCT.
_BYTE_TABLE = bytes(
    i if (48 <= i <= 57 or 65 <= i <= 90 or 97 <= i <= 122 or i >= 128) else 32
    for i in range(256))
_UNICODE_PUNCT = re.compile(rb"\xe2[\x80\x81][\x80-\xbf]|\xc2[\x80-\xbf]")
# Chinese and Japanese have no spaces between words: each character is a word (so the
# shingles are character trigrams), CJK punctuation (U+3000-U+303F) a separator.
_CJK_PUNCT = re.compile("[\u3000-\u303f]")


def _splitmix64(seed: int, count: int) -> list[int]:
    """``count`` deterministic pseudo-random 64-bit ints (independent of numpy's RNGs)."""
    out = []
    for _ in range(count):
        seed = (seed + 0x9E3779B97F4A7C15) & _MASK64
        z = seed
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
        out.append(z ^ (z >> 31))
    return out


def _mix64(x: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser, vectorised (wrapping uint64 arithmetic)."""
    x = x ^ (x >> _U64(33))
    x = x * _U64(0xFF51AFD7ED558CCD)
    x = x ^ (x >> _U64(33))
    x = x * _U64(0xC4CEB9FE1A85EC53)
    return x ^ (x >> _U64(33))


def words(text: str) -> list[bytes]:
    """Normalised words of ``text`` (UTF-8 bytes): NFKC, lower case, punctuation dropped."""
    text = unicodedata.normalize("NFKC", text).lower()
    if CJK.search(text):
        text = _CJK_PUNCT.sub(" ", CJK.sub(r" \g<0> ", text))
    data = text.encode("utf-8", "replace")
    return _UNICODE_PUNCT.sub(b" ", data).translate(_BYTE_TABLE).split()


def shingle_hashes(tokens: list[bytes], k: int = SHINGLE_WORDS) -> np.ndarray:
    """Sorted unique 64-bit hashes of the ``k``-word windows of ``tokens``."""
    w = np.fromiter(map(zlib.crc32, tokens), dtype=np.uint64, count=len(tokens))
    n = len(w) - k + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(k):
            h = h * _GOLDEN + w[i:i + n] + _U64(i + 1)
        h = np.sort(_mix64(h))
    return h[np.concatenate(([True], h[1:] != h[:-1]))]


@dataclass(frozen=True)
class Sketcher:
    """One sketch configuration. The module-level functions use :data:`_DEFAULT`; the
    benchmark builds others to compare shingle sizes, sketch sizes and methods.

    ``method`` is ``"kperm"`` (classic MinHash: ``num_perm`` independent permutations
    ``a*x + b mod 2**32``, minimum of each) or ``"oph"`` (one permutation hashing: the
    minimum per hash bucket, empty buckets filled by rotation densification)."""

    k: int = SHINGLE_WORDS
    num_perm: int = NUM_PERM
    bits: int = VALUE_BITS
    method: str = "kperm"
    min_words: int = MIN_WORDS
    threshold: float = DEFAULT_THRESHOLD
    version: int = FORMAT_VERSION
    _a: np.ndarray = field(init=False, repr=False, compare=False)
    _b: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        seeds = _splitmix64(0x5EED_0F_A2C417E5, 2 * self.num_perm)
        a = np.array([s >> 32 | 1 for s in seeds[:self.num_perm]], dtype=np.uint32)
        b = np.array([s >> 32 for s in seeds[self.num_perm:]], dtype=np.uint32)
        object.__setattr__(self, "_a", a)
        object.__setattr__(self, "_b", b)

    @property
    def dtype(self) -> type:
        return {8: np.uint8, 16: np.uint16, 32: np.uint32}[self.bits]

    def values(self, text: str) -> np.ndarray | None:
        """The ``num_perm`` MinHash values (full 32 bits), or None for short text."""
        tokens = words(text)
        if len(tokens) < self.min_words:
            return None
        h = shingle_hashes(tokens, self.k)
        if self.method == "kperm":
            x = (h >> _U64(32)).astype(np.uint32)
            with np.errstate(over="ignore"):
                return (x[:, None] * self._a + self._b).min(axis=0)
        if self.method == "oph":
            return _oph(h, self.num_perm)
        raise ValueError(self.method)

    def fingerprint(self, text: str) -> bytes:
        v = self.values(text)
        if v is None:
            return b""
        v = v.astype(self.dtype)  # b-bit MinHash keeps the lowest bits of each minimum
        return bytes([self.version]) + v.astype(v.dtype.newbyteorder("<")).tobytes()

    def _array(self, fp: bytes) -> np.ndarray | None:
        if len(fp) != 1 + self.num_perm * self.bits // 8 or fp[0] != self.version:
            return None
        return np.frombuffer(fp, dtype=np.dtype(self.dtype).newbyteorder("<"), offset=1)

    def similarity(self, a: bytes, b: bytes) -> float:
        va, vb = self._array(a), self._array(b)
        if va is None or vb is None:
            return 0.0
        m = float(np.count_nonzero(va == vb)) / self.num_perm
        chance = 2.0 ** -self.bits  # b-bit MinHash: unequal minima collide by chance
        return min(1.0, max(0.0, (m - chance) / (1.0 - chance)))

    @cached_property  # a search over num_perm row counts: once, not per sketch
    def bands(self) -> tuple[int, int]:
        """(bands, rows): the most rows per band such that a pair with similarity
        ``threshold - 0.1`` shares at least one band with probability >= 0.99."""
        return lsh_params(self.num_perm, max(0.05, self.threshold - 0.1))

    def lsh_keys(self, fp: bytes) -> list[int]:
        v = self._array(fp)
        if v is None:
            return []
        nb, r = self.bands
        raw = v.tobytes()
        width = r * self.bits // 8
        keys = []
        for i in range(nb):
            d = hashlib.blake2b(raw[i * width:(i + 1) * width], digest_size=8,
                                salt=i.to_bytes(2, "little") + bytes([self.version])).digest()
            keys.append(int.from_bytes(d, "little", signed=True))
        return keys


def lsh_params(num_perm: int, s: float, target: float = 0.99) -> tuple[int, int]:
    """(bands, rows) with bands*rows <= num_perm and the most rows per band for which
    ``1 - (1 - s**rows)**bands >= target``; fewer rows means more spurious candidates."""
    best = (num_perm, 1)
    for r in range(1, num_perm + 1):
        b = num_perm // r
        if b and 1.0 - (1.0 - s ** r) ** b >= target:
            best = (b, r)
    return best


def candidate_probability(s: float, bands: int, rows: int) -> float:
    """Probability that a pair with similarity ``s`` shares at least one band key."""
    return 1.0 - (1.0 - s ** rows) ** bands


def _oph(h: np.ndarray, n: int) -> np.ndarray:
    """One permutation hashing with rotation densification (Shrivastava & Li, 2014)."""
    lg = int(math.log2(n))
    bins = (h >> _U64(64 - lg)).astype(np.int64)  # h is sorted, so bins ascend, minimum first
    first = np.flatnonzero(np.concatenate(([True], bins[1:] != bins[:-1])))
    full = np.zeros(n, dtype=bool)
    out = np.zeros(n, dtype=np.uint32)
    full[bins[first]] = True
    out[bins[first]] = ((h[first] << _U64(lg)) >> _U64(32)).astype(np.uint32)
    if not full.all():
        idx = np.flatnonzero(full)
        pos = np.arange(n)
        nxt = np.searchsorted(idx, pos) % len(idx)
        dist = (idx[nxt] - pos) % n
        with np.errstate(over="ignore"):
            out = out[idx[nxt]] + (dist.astype(np.uint32) * np.uint32(0x9E3779B9))
    return out


_DEFAULT = Sketcher()


def fingerprint(text: str) -> bytes:
    """Compact sketch of an article body (plain text, paragraphs separated by blank
    lines): ``NUM_PERM * VALUE_BITS / 8 + 1`` bytes, or ``b""`` for fewer than
    ``MIN_WORDS`` words."""
    return _DEFAULT.fingerprint(text)


def lsh_keys(fp: bytes) -> list[int]:
    """LSH band keys of a sketch as signed 64-bit ints (band index mixed in): two sketches
    are candidates iff they share a key. ``[]`` for ``b""``."""
    return _DEFAULT.lsh_keys(fp)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity (0..1) of two sketches' word-shingle sets; compared
    with ``ARCHIVER_DEDUP_THRESHOLD``. 0.0 if either is ``b""``."""
    return _DEFAULT.similarity(a, b)
