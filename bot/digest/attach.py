"""Placing the items clustering left alone, by the people and places they name.

A short text may share no word with its story: "L'événement diplomatique fut une belle
opération de communication pour Vladimir Poutine" is about the BRICS summit, whose other
snippets speak of "sommet", "Kazan", "Brics". Clustering has compared its words with every
other item's and found none close enough; what is left to tell its story is who and where it
names. So each item alone joins the story whose items name the same people and places most,
on average, when that average reaches ATTACH_FLOOR:

- names only, the war's leaders included: they cannot make a story (they are in too many), but
  they still say who an item is about; the two countries and their capitals are not names here;
- a name weighs its per-day inverse document frequency, log((1 + n) / (1 + df)): one in every
  item of the day weighs nothing, however common the bot's subject makes it;
- the average over the story's items, as the clustering's average linkage: a name given by
  half of a small story's items counts for more than one given by two of a big story's eight.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

from bot.digest.cluster import normalised
from bot.digest.neighbours import Matrix

# The least average name similarity between an item and a story for the item to join it. On
# the labelled days a lone item's best story scores 0 or, for the BRICS editorial, 0.27 (and
# 0.16 for the North Korea story it is not about): any floor from 0.01 to 0.25 gives the same.
ATTACH_FLOOR = 0.1


def names_matrix(names: Sequence[Sequence[str]]) -> Matrix:
    """One L2-normalised row per item: each name it gives, weighted by its per-day IDF."""
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    columns: list[int] = []
    for row, given in enumerate(names):
        for name in set(given):
            rows.append(row)
            columns.append(vocabulary.setdefault(name, len(vocabulary)))
    shape = (len(names), len(vocabulary))
    matrix = csr_matrix((np.ones(len(rows)), (rows, columns)), shape=shape, dtype=np.float64)
    df = np.bincount(np.asarray(columns, dtype=np.int64), minlength=len(vocabulary))
    idf = np.log((1.0 + len(names)) / (1.0 + df))
    return normalised(csr_matrix(matrix.multiply(idf)))


def attach_lone(
    groups: Sequence[Sequence[int]], names: Matrix, floor: float = ATTACH_FLOOR
) -> list[list[int]]:
    """The groups with each one-item group moved into the story its names match best.

    Only stories of two items or more receive: two lone items are not a story by names alone.
    Groups keep row order, and are sorted by their first row.
    """
    stories = [list(group) for group in groups if len(group) > 1]
    lone = [group[0] for group in groups if len(group) == 1]
    if not stories or not lone:
        return sorted((list(group) for group in groups), key=lambda group: group[0])
    rows = np.asarray([row for story in stories for row in story], dtype=np.int64)
    story_of = np.repeat(np.arange(len(stories)), [len(story) for story in stories])
    weights = np.repeat([1.0 / len(story) for story in stories], [len(s) for s in stories])
    mean = csr_matrix((weights, (story_of, rows)), shape=(len(stories), names.shape[0]))
    # The mean of an item's similarities to a story's items is its similarity to their mean.
    # Sparse: a busy day may leave thousands of items alone beside thousands of stories.
    scores = csr_matrix(names[np.asarray(lone, dtype=np.int64)] @ (mean @ names).T)
    scores.sort_indices()  # so that a tie goes to the first story
    best = np.asarray(scores.argmax(axis=1)).ravel()
    top = scores.max(axis=1).toarray().ravel()
    left: list[list[int]] = []
    for row, story, score in zip(lone, best.tolist(), top.tolist(), strict=True):
        if score >= floor:
            stories[story].append(row)
        else:
            left.append([row])
    return sorted([sorted(story) for story in stories] + left, key=lambda group: group[0])
