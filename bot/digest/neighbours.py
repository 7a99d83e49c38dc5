"""Which items are alike: every pair above a similarity, or each item's nearest few.

A day's items are compared through a sparse product, a block of rows at a time, so memory
follows the pairs compared and not the day's size squared. Only rows sharing a term of at most
CANDIDATE_MAX_DF rows are compared: going through a term that more rows share would cost its
document frequency squared ("soldats" on a 50 000-snippet day would make every item a
candidate of every other). The pairs compared are then scored on all their terms, so a
similarity does not depend on how busy the day is.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

# Days under this many items compare every pair that shares a term.
CANDIDATE_MAX_DF = 200
PAIR_BLOCK = 2000

# scipy.sparse.csr_matrix; scipy ships no type information.
Matrix: TypeAlias = Any
Indices = npt.NDArray[np.int64]
Pairs: TypeAlias = tuple[Indices, Indices, npt.NDArray[np.float64]]


def _scored(matrix: Matrix, threshold: float, *, both_ways: bool) -> Iterator[Pairs]:
    """Per block of rows: its pairs (row, col) at least `threshold` similar, each row's in
    column order; col > row only, unless `both_ways`."""
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    frequent = df > CANDIDATE_MAX_DF
    rare = csr_matrix(matrix[:, np.flatnonzero(~frequent)])
    common = csr_matrix(matrix[:, np.flatnonzero(frequent)])
    # Cauchy-Schwarz: what the frequent terms can add to a pair's similarity at most.
    common_norms = np.sqrt(np.asarray(common.multiply(common).sum(axis=1)).ravel())
    rare_t = rare.T.tocsr()
    for first in range(0, rare.shape[0], PAIR_BLOCK):
        product = rare[first : first + PAIR_BLOCK] @ rare_t
        product.sort_indices()
        block = product.tocoo()
        rows = block.row.astype(np.int64) + first
        cols = block.col.astype(np.int64)
        sims = block.data.astype(np.float64)
        wanted = rows != cols if both_ways else rows < cols
        maybe = wanted & (sims + common_norms[rows] * common_norms[cols] >= threshold)
        rows, cols, sims = rows[maybe], cols[maybe], sims[maybe]
        if common.nnz:
            sims += np.asarray(common[rows].multiply(common[cols]).sum(axis=1)).ravel()
        keep = sims >= threshold
        yield rows[keep], cols[keep], sims[keep]


def _joined(blocks: list[Pairs]) -> Pairs:
    if not blocks:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float64)
    rows, cols, sims = zip(*blocks, strict=True)
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(sims)


def similar_pairs(matrix: Matrix, threshold: float) -> Pairs:
    """The pairs (i < j) of rows at least `threshold` similar, with their similarity."""
    return _joined(list(_scored(matrix, threshold, both_ways=False)))


def nearest(matrix: Matrix, floor: float, count: int) -> Pairs:
    """Each row's `count` most similar other rows at least `floor` similar: (row, other, sim)."""
    kept = []
    for rows, cols, sims in _scored(matrix, floor, both_ways=True):
        # By row, most similar first: similarities are in (0, 1], so one sort on row + 1 - sim
        # orders both at once (a stable sort keeps ties in column order, run after run).
        order = np.argsort(rows + (1.0 - sims), kind="stable")
        rows, cols, sims = rows[order], cols[order], sims[order]
        rank = np.arange(len(rows)) - np.searchsorted(rows, rows)
        top = rank < count
        kept.append((rows[top], cols[top], sims[top]))
    return _joined(kept)
