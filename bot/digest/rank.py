"""Ranking stories and choosing what stands for each: its medoid and a short label."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

from bot.digest.model import Story
from bot.digest.neighbours import Matrix
from bot.digest.normalise import ENTITY_PREFIX, Features

LABEL_TERMS = 3


def rank_key(story: Story) -> tuple[int, int, float, int]:
    """Most distinct sources first, then most snippets, then most recent, then first loaded."""
    first_id = min(snippet.id for snippet in story.snippets)
    return (-len(story.sources), -story.size, -story.latest.timestamp(), first_id)


def ranked(stories: Sequence[Story]) -> list[Story]:
    return sorted(stories, key=rank_key)


def centrality(
    matrix: Matrix, groups: Sequence[Sequence[int]], weights: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Each row's summed similarity to the rows of its group, each counted `weights[row]`
    times (as often as it was printed): all groups in two sparse products."""
    rows = np.asarray([row for group in groups for row in group], dtype=np.int64)
    group_of = np.repeat(np.arange(len(groups)), [len(group) for group in groups])
    members = csr_matrix((weights[rows], (group_of, rows)), shape=(len(groups), matrix.shape[0]))
    centres = csr_matrix(members @ matrix)
    scores = np.zeros(matrix.shape[0])
    scores[rows] = np.asarray(matrix[rows].multiply(centres[group_of]).sum(axis=1)).ravel()
    return scores


def _written(term: str, features: Sequence[Features], weights: Sequence[int]) -> Counter[str]:
    """How often the story writes `term` each way (asked only of the few terms it shows)."""
    written: Counter[str] = Counter()
    for item, weight in zip(features, weights, strict=True):
        for found, surface in zip(item.terms, item.surfaces, strict=True):
            if found == term:
                written[surface] += weight
    return written


def _display(term: str, written: Counter[str]) -> str:
    surface = written.most_common(1)[0][0]
    if term.startswith(ENTITY_PREFIX) or surface.isupper():
        return surface
    return surface.lower()


def label(
    features: Sequence[Features],
    weights: Sequence[int],
    idf: dict[str, float],
    terms: int = LABEL_TERMS,
) -> str:
    """A few words naming the story: terms most of its snippets share, rarest in the day first.

    "Corée du Nord · soldats · déploiement": each term as most often written, a name covering
    a word ("Corée du Nord", "nord") shown once.
    """
    score: dict[str, float] = defaultdict(float)
    for item, weight in zip(features, weights, strict=True):
        for term in set(item.terms):
            score[term] += weight * idf.get(term, 0.0)
    chosen: list[str] = []
    shown_words: set[str] = set()
    for term in sorted(score, key=lambda term: (-score[term], term)):
        display = _display(term, _written(term, features, weights))
        words = set(display.casefold().split())
        if words <= shown_words:
            continue
        chosen.append(display)
        shown_words |= words
        if len(chosen) == terms:
            break
    text = " · ".join(chosen)
    return text[:1].upper() + text[1:]
