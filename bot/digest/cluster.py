"""Story clustering: TF-IDF vectors of the items, grouped by average-linkage agglomeration.

Average linkage joins two groups when their items are similar on average, so one shared name
("Vladimir Poutine") does not chain two stories together as single linkage would. Two items
can only end in one story if they sit in one component of the graph of pairs at least as
similar as the threshold (an average reaches the threshold only if some pair does), so the
exact agglomeration runs per component: the day's size costs a sparse product, not n².
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy.cluster.hierarchy import linkage  # type: ignore[import-untyped]
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
from scipy.sparse.csgraph import connected_components  # type: ignore[import-untyped]
from scipy.spatial.distance import squareform  # type: ignore[import-untyped]

from bot.digest.neighbours import Matrix, nearest, similar_pairs
from bot.digest.normalise import ENTITY_PREFIX, Features

# Tuned on the labelled days in tests/digest/days (tests/digest/test_quality.py): every
# day scores F1 >= 0.85 for thresholds 0.25-0.35 with these weights; 0.3 sits in the middle.
THRESHOLD = 0.3
ENTITY_WEIGHT = 1.5
# Square-rooted IDF: on a day of thirty snippets a big story's own words are frequent, and a
# full IDF would rank them below any rare word two unrelated snippets happen to share.
IDF_POWER = 0.5
# Short texts share few words even when they tell one story, so each item borrows the words
# of its closest neighbours (at most EXPAND_NEIGHBOURS, at least EXPAND_FLOOR similar) with
# weight EXPAND_WEIGHT x similarity before clustering: pseudo-relevance feedback.
EXPAND_NEIGHBOURS = 5
EXPAND_FLOOR = 0.1
EXPAND_WEIGHT = 3.0
# A component bigger than this (names shared across stories can chain them) is cut at rising
# thresholds before the exact, quadratic agglomeration.
MAX_COMPONENT = 3000


def bag(features: Features) -> tuple[str, ...]:
    """The terms an item is compared on."""
    return features.terms


def tfidf(bags: Sequence[Sequence[str]]) -> tuple[Matrix, list[str], npt.NDArray[np.float64]]:
    """Rows of L2-normalised TF-IDF weights (sublinear tf), the vocabulary and its IDF."""
    vocabulary: dict[str, int] = {}
    columns = np.fromiter(
        (vocabulary.setdefault(term, len(vocabulary)) for bag in bags for term in bag),
        dtype=np.int64,
    )
    rows = np.repeat(np.arange(len(bags)), [len(bag) for bag in bags])
    shape = (len(bags), len(vocabulary))
    # Building from coordinates adds up a term's repeats in a row: its count.
    matrix = csr_matrix((np.ones(len(columns)), (rows, columns)), shape=shape, dtype=np.float64)
    matrix.data = 1.0 + np.log(matrix.data)
    weights = np.asarray(
        [ENTITY_WEIGHT if t.startswith(ENTITY_PREFIX) else 1.0 for t in vocabulary]
    )
    df = np.bincount(matrix.indices, minlength=len(vocabulary))
    idf = (np.log((1.0 + len(bags)) / (1.0 + df)) + 1.0) ** IDF_POWER
    matrix = matrix.multiply(weights * idf)
    return normalised(csr_matrix(matrix)), list(vocabulary), idf


def normalised(matrix: Matrix) -> Matrix:
    """The rows scaled to unit length (empty rows stay empty)."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return csr_matrix(matrix.multiply(1.0 / norms[:, None]))


def expand(
    matrix: Matrix,
    neighbours: int = EXPAND_NEIGHBOURS,
    floor: float = EXPAND_FLOOR,
    weight: float = EXPAND_WEIGHT,
) -> Matrix:
    """Each row plus its nearest rows' terms, weighted by similarity, renormalised."""
    size = matrix.shape[0]
    rows, cols, sims = nearest(matrix, floor, neighbours)
    near = csr_matrix((sims, (rows, cols)), shape=(size, size))
    return normalised(csr_matrix(matrix + weight * (near @ matrix)))


def _agglomerate(vectors: Matrix, threshold: float) -> list[int]:
    """Average-linkage labels of `vectors` (the rows of one component), cut at `threshold`."""
    similarity = np.clip((vectors @ vectors.T).toarray(), 0.0, 1.0)
    distance = 1.0 - similarity
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    # Average linkage merges at rising heights: the clusters under the cut are the trees of
    # the merges made at most that high (scipy's fcluster, without its per-call validation).
    size = vectors.shape[0]
    parent = list(range(2 * size - 1))
    for step, (left, right, height, _) in enumerate(tree.tolist()):
        if height <= 1.0 - threshold:
            parent[int(left)] = parent[int(right)] = size + step
    labels = []
    for leaf in range(size):
        node = leaf
        while parent[node] != node:
            node = parent[node]
        labels.append(node)
    return labels


def _bounded(
    matrix: Matrix,
    members: list[int],
    rows: npt.NDArray[np.int64],
    cols: npt.NDArray[np.int64],
    sims: npt.NDArray[np.float64],
    threshold: float,
) -> list[list[int]]:
    """A component as is, or split along its strongest links when too big to agglomerate."""
    if len(members) <= MAX_COMPONENT:
        return [members]
    inside = np.isin(rows, members) & np.isin(cols, members)
    raised = threshold + 0.1
    if raised >= 1.0:
        return [members]
    strong = inside & (sims >= raised)
    size = matrix.shape[0]
    graph = csr_matrix((np.ones(int(strong.sum())), (rows[strong], cols[strong])), (size, size))
    _, component = connected_components(graph, directed=False)
    split: dict[int, list[int]] = {}
    for row in members:
        split.setdefault(int(component[row]), []).append(row)
    return [
        piece
        for part in split.values()
        for piece in _bounded(matrix, part, rows, cols, sims, raised)
    ]


def clusters(matrix: Matrix, threshold: float = THRESHOLD) -> list[list[int]]:
    """The rows grouped into stories; each group in row order, groups by their first row."""
    size = matrix.shape[0]
    rows, cols, sims = similar_pairs(matrix, threshold)
    graph = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(size, size))
    count, component = connected_components(graph, directed=False)
    by_component: list[list[int]] = [[] for _ in range(count)]
    for row, label in enumerate(component):
        by_component[label].append(row)
    pieces = [
        piece
        for members in by_component
        for piece in _bounded(matrix, members, rows, cols, sims, threshold)
    ]
    groups = [members for members in pieces if len(members) <= 2]
    big = [members for members in pieces if len(members) > 2]
    # One gather of every row to agglomerate; each component is then a slice of it.
    gathered = matrix[np.asarray([row for members in big for row in members], dtype=np.int64)]
    start = 0
    for members in big:
        labels = _agglomerate(gathered[start : start + len(members)], threshold)
        start += len(members)
        split: dict[int, list[int]] = {}
        for row, label in zip(members, labels, strict=True):
            split.setdefault(label, []).append(row)
        groups.extend(split.values())
    return sorted(groups, key=lambda group: group[0])
