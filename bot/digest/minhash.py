"""Word shingles, their MinHash signatures and LSH banding, for a whole day at once in numpy.

The scheme is datasketch's (a signature of NUM_PERM minima of randomly permuted 32-bit shingle
hashes, compared band by band), computed for every text in a few array operations instead of a
Python loop per text: a busy day has tens of thousands of texts. Shingles are hashed from
their words' CRC32, so a text hashes alike whatever day it comes in and in whatever order;
the permutations are multiply-add-shift hashes (Dietzfelbinger), which need no modulo.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

SHINGLE_WORDS = 3
NUM_PERM = 64
# 16 bands of 4 rows: two texts of Jaccard similarity s are proposed with probability
# 1 - (1 - s^4)^16, about 0.65 at s = 0.5 and 0.99 at s = 0.7.
BANDS = 16
ROWS = NUM_PERM // BANDS
# Fixed, so that a day's items are the same from one run to the next.
_SEED = 1
# Shingles permuted per array operation: NUM_PERM x 8 bytes each, 8 MB, in a cache.
_CHUNK = 16_384
# A bucket shared by more texts than this proposes each only with its neighbours in it.
_BUCKET_PEERS = 32

Hashes = npt.NDArray[np.uint64]
Signatures = npt.NDArray[np.uint32]
Pairs = npt.NDArray[np.int64]

_U64 = np.uint64


def _constants() -> tuple[Hashes, Hashes, Hashes]:
    top = np.iinfo(np.uint64).max
    drawn = np.random.default_rng(_SEED).integers(
        0, top, SHINGLE_WORDS + 2 * NUM_PERM, dtype=np.uint64, endpoint=True
    )
    words, perms = drawn[:SHINGLE_WORDS], drawn[SHINGLE_WORDS:]
    # Odd multipliers: multiplying by them modulo 2^64 loses no bit.
    return words | _U64(1), perms[:NUM_PERM] | _U64(1), perms[NUM_PERM:]


_MIX, _A, _B = _constants()


def _fmix64(values: Hashes) -> Hashes:
    # MurmurHash3's finaliser: every input bit reaches every output bit.
    values = values ^ (values >> _U64(33))
    values = values * _U64(0xFF51AFD7ED558CCD)
    values = values ^ (values >> _U64(33))
    values = values * _U64(0xC4CEB9FE1A85EC53)
    return values ^ (values >> _U64(33))


@dataclass(frozen=True)
class Shingles:
    """Every text's runs of SHINGLE_WORDS words as 64-bit hashes, end to end.

    Text k's hashes are `hashes[starts[k]:starts[k + 1]]`; a text shorter than a shingle has
    one, of all its words.
    """

    hashes: Hashes
    starts: npt.NDArray[np.int64]

    def counts(self) -> npt.NDArray[np.int64]:
        """How many shingles each text has."""
        return np.diff(self.starts)

    def of(self, text: int) -> frozenset[int]:
        return frozenset(self.hashes[self.starts[text] : self.starts[text + 1]].tolist())


def shingles(texts: Sequence[Sequence[str]]) -> Shingles:
    """The shingles of each text, given as its words."""
    distinct = {word for words in texts for word in words}
    word_hashes = {word: zlib.crc32(word.encode()) for word in distinct}
    flat = np.fromiter((word_hashes[word] for words in texts for word in words), dtype=np.uint64)
    lengths = np.asarray([len(words) for words in texts], dtype=np.int64)
    word_starts = np.concatenate([[0], np.cumsum(lengths)])
    windows = np.maximum(lengths - (SHINGLE_WORDS - 1), 1)
    starts = np.concatenate([[0], np.cumsum(windows)])
    # The first word of each shingle, as an index into `flat` (padded for short texts).
    text_of = np.repeat(np.arange(len(texts)), windows)
    first = word_starts[text_of] + np.arange(starts[-1]) - starts[text_of]
    padded = np.concatenate([flat, np.zeros(SHINGLE_WORDS, dtype=np.uint64)])
    combined = np.zeros(len(first), dtype=np.uint64)
    for offset in range(SHINGLE_WORDS):
        present = first + offset < word_starts[text_of + 1]
        word = np.where(present, padded[first + offset], _U64(0))
        combined = _fmix64(combined ^ (word * _MIX[offset]))
    return Shingles(combined, starts)


def signatures(found: Shingles, texts: Sequence[int]) -> Signatures:
    """One row of NUM_PERM minima for each of `texts`."""
    chosen = np.asarray(texts, dtype=np.int64)
    sizes = found.counts()[chosen]
    starts = np.concatenate([[0], np.cumsum(sizes)])
    # The chosen texts' hashes end to end: each text's range, as one index array.
    shift = np.repeat(found.starts[chosen] - starts[:-1], sizes)
    flat = found.hashes[np.arange(starts[-1]) + shift]
    # 32-bit keys, so that a * key + b cannot overflow before the shift.
    keys = ((flat ^ (flat >> _U64(32))) & _U64(0xFFFFFFFF))[:, None]
    result = np.empty((len(texts), NUM_PERM), dtype=np.uint32)
    first = 0
    while first < len(texts):
        # Whole texts per chunk, so that each text's minimum is taken in one piece.
        last = int(np.searchsorted(starts, starts[first] + _CHUNK, "right")) - 1
        last = min(max(last, first + 1), len(texts))
        permuted = np.multiply(keys[starts[first] : starts[last]], _A)
        permuted += _B
        permuted >>= _U64(32)
        minima = np.minimum.reduceat(permuted, starts[first:last] - starts[first])
        result[first:last] = minima.astype(np.uint32)
        first = last
    return result


def _band_keys(rows: Signatures, band: int) -> Hashes:
    """One 64-bit key per row for its band: equal bands, equal keys (and rarely others)."""
    part = rows[:, band * ROWS : (band + 1) * ROWS].astype(np.uint64)
    key = np.zeros(len(rows), dtype=np.uint64)
    for column in range(ROWS):
        key = _fmix64(key ^ (part[:, column] * _MIX[column % SHINGLE_WORDS]))
    return key


def candidate_pairs(rows: Signatures) -> Pairs:
    """The pairs (i, j), i < j, of rows equal on at least one band, each pair once.

    (A band key may rarely be shared by unequal bands: the pairs are proposals, checked after.)
    """
    found = []
    for band in range(BANDS):
        keys = _band_keys(rows, band)
        order = np.argsort(keys)
        ordered = keys[order]
        for distance in range(1, _BUCKET_PEERS + 1):
            same = ordered[distance:] == ordered[:-distance]
            if not same.any():
                break
            first, second = order[:-distance][same], order[distance:][same]
            found.append(np.minimum(first, second) * len(rows) + np.maximum(first, second))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.unique(np.concatenate(found).astype(np.int64))
    return np.stack([pairs // len(rows), pairs % len(rows)], axis=1)
