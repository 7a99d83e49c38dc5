"""Near-duplicate merge: a story reprinted, retagged or cut short ("...") becomes one item.

MinHash/LSH (bot.digest.minhash) proposes pairs whose word shingles overlap; a shared opening
proposes a cut-short copy, whose shingles are only a part of the full text's. Each proposed pair
is then checked exactly: most of the shorter text's shingles must be in the longer one.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.digest.minhash import Shingles, candidate_pairs, shingles, signatures

# Share of the shorter text's shingles found in the longer one for the two to be one item.
CONTAINMENT = 0.8
# Texts with fewer shingles than this merge only when identical: too short to judge.
MIN_SHINGLES = 4
# A copy cut short keeps the opening: texts sharing their first words are compared too.
OPENING_WORDS = 8
# Compared against at most this many texts of the same opening (a daily column's stock phrase).
OPENING_PEERS = 16


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    """The share of the smaller set found in the larger one."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if not small:
        return 0.0
    return len(small & large) / len(small)


def is_near_duplicate(a: frozenset[int], b: frozenset[int]) -> bool:
    if a == b:
        return True
    return min(len(a), len(b)) >= MIN_SHINGLES and containment(a, b) >= CONTAINMENT


class _Groups:
    """Union-find over text indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def root(self, index: int) -> int:
        while self.parent[index] != index:
            self.parent[index] = self.parent[self.parent[index]]
            index = self.parent[index]
        return index

    def join(self, a: int, b: int) -> None:
        root_a, root_b = self.root(a), self.root(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


def _candidates(found: Shingles, openings: Sequence[str]) -> list[tuple[int, int]]:
    judged = np.flatnonzero(found.counts() >= MIN_SHINGLES).tolist()
    proposed = candidate_pairs(signatures(found, judged)).tolist()
    pairs = [(judged[a], judged[b]) for a, b in proposed]
    by_opening: dict[str, list[int]] = {}
    for index, opening in enumerate(openings):
        if opening:
            peers = by_opening.setdefault(opening, [])
            pairs.extend((index, peer) for peer in peers)
            if len(peers) < OPENING_PEERS:
                peers.append(index)
    return pairs


def duplicate_groups(texts: Sequence[Sequence[str]]) -> list[list[int]]:
    """Indices of the texts (as word sequences) grouped by near-duplicate, in first-seen order."""
    first_of: dict[tuple[str, ...], int] = {}
    groups = _Groups(len(texts))
    for index, words in enumerate(texts):
        key = tuple(words)
        if key in first_of:
            groups.join(index, first_of[key])
        else:
            first_of[key] = index
    distinct = sorted(first_of.values())
    found = shingles([texts[i] for i in distinct])
    openings = [
        " ".join(texts[i][:OPENING_WORDS]) if len(texts[i]) > OPENING_WORDS else ""
        for i in distinct
    ]
    sets: dict[int, frozenset[int]] = {}
    for a, b in _candidates(found, openings):
        ra, rb = groups.root(distinct[a]), groups.root(distinct[b])
        if ra == rb:
            continue
        if a not in sets:
            sets[a] = found.of(a)
        if b not in sets:
            sets[b] = found.of(b)
        if is_near_duplicate(sets[a], sets[b]):
            groups.join(ra, rb)
    members: dict[int, list[int]] = {}
    for index in range(len(texts)):
        members.setdefault(groups.root(index), []).append(index)
    return list(members.values())
