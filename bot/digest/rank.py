"""Ranking stories and choosing what stands for each: its medoid and a short label."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from bot.digest.cluster import Matrix
from bot.digest.model import Story
from bot.digest.normalise import ENTITY_PREFIX, Features

LABEL_TERMS = 3


def rank_key(story: Story) -> tuple[int, int, float, int]:
    """Most distinct sources first, then most snippets, then most recent, then first loaded."""
    first_id = min(snippet.id for snippet in story.snippets)
    return (-len(story.sources), -story.size, -story.latest.timestamp(), first_id)


def ranked(stories: Sequence[Story]) -> list[Story]:
    return sorted(stories, key=rank_key)


def centrality(matrix: Matrix, rows: Sequence[int], weights: Sequence[int]) -> list[float]:
    """Each row's summed similarity to the others, each counted as often as it was printed."""
    vectors = matrix[np.asarray(rows, dtype=np.int64)]
    centre = np.asarray(vectors.T @ np.asarray(weights, dtype=np.float64)).ravel()
    scores: npt.NDArray[np.float64] = np.asarray(vectors @ centre).ravel()
    return [float(score) for score in scores]


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
    written: dict[str, Counter[str]] = defaultdict(Counter)
    for item, weight in zip(features, weights, strict=True):
        for term, surface in zip(item.terms, item.surfaces, strict=True):
            written[term][surface] += weight
        for term in set(item.terms):
            score[term] += weight * idf.get(term, 0.0)
    chosen: list[str] = []
    shown_words: set[str] = set()
    for term in sorted(score, key=lambda term: (-score[term], term)):
        display = _display(term, written[term])
        words = set(display.casefold().split())
        if words <= shown_words:
            continue
        chosen.append(display)
        shown_words |= words
        if len(chosen) == terms:
            break
    text = " · ".join(chosen)
    return text[:1].upper() + text[1:]
