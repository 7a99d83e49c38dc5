"""Typo correction against the index's own words, with Meilisearch's allowance.

A word of 5 to 8 letters may hold one typo, a longer one two; shorter words are taken as
typed. A typo is an insertion, deletion, substitution or swap of two neighbouring letters
(optimal string alignment distance). The first letter is trusted, as people rarely mistype
it, which also keeps each comparison to the words sharing that letter.
"""

from __future__ import annotations

from typing import Protocol

from rapidfuzz import process
from rapidfuzz.distance import OSA

from storage.normalize import fold_word
from storage.search_query import Query

MIN_ONE_TYPO = 5
MIN_TWO_TYPOS = 9


class Words(Protocol):
    def df(self, word: str) -> int: ...
    def resembling(self, word: str, spread: int) -> list[str]: ...


class Names(Protocol):
    def spellings_for(self, key: tuple[str, ...]) -> tuple[str, ...]: ...


def allowed_typos(word: str) -> int:
    if len(word) >= MIN_TWO_TYPOS:
        return 2
    return 1 if len(word) >= MIN_ONE_TYPO else 0


def correction(word: str, vocabulary: Words) -> str | None:
    """The index word closest to `word` within its typo allowance (the commonest on a tie)."""
    folded = fold_word(word)
    typos = allowed_typos(folded)
    if not typos or vocabulary.df(folded):
        return None
    found = process.extract(
        folded,
        vocabulary.resembling(folded, typos),
        scorer=OSA.distance,
        score_cutoff=typos,
        limit=None,
    )
    if not found:
        return None
    best, _, _ = min(found, key=lambda hit: (hit[1], -vocabulary.df(hit[0]), hit[0]))
    return str(best)


def corrections(query: Query, vocabulary: Words, names: Names | None = None) -> dict[str, str]:
    """Corrections for the query's unknown words, by the word as typed."""
    fixed: dict[str, str] = {}
    for word in query.words():
        if names is not None and names.spellings_for((word.folded,)):
            continue
        better = correction(word.text, vocabulary)
        if better is not None:
            fixed[word.text] = better
    return fixed
