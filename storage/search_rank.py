"""Ordering a window of matches: how closely each matched the query, then BM25, then recency.

FTS5's bm25() counts every match of every phrase before scoring the first row, which costs
time in proportion to how common the words are (hundreds of ms at a million snippets). Search
instead takes the newest matches a window at a time (FTS5 yields them in rowid order at almost
no cost) and scores those here, with the same BM25 formula fed by the vocabulary's counts and
by the matched words FTS5 marks with highlight().
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from storage.normalize import fold_word, words_of
from storage.search_match import Forms, Plan

OPEN, CLOSE = "\x01", "\x02"  # highlight() marks; the importers keep control characters out
EXACT, VARIANT, STEM = 3, 2, 1  # how a group matched: as typed, as another spelling, by stem
K1, B = 1.2, 0.75  # the usual BM25 constants
RECENCY_BOOST = 0.5  # the newest snippet of a window scores up to 1.5 times as high...
HALF_LIFE_DAYS = 7.0  # ...an advantage halved with each week of age


@dataclass(frozen=True, slots=True)
class Candidate:
    """A matching snippet as ranking sees it: its words FTS5 marked, its size and its date."""

    id: int
    published_at: datetime
    length: int
    marked: Counter[str]  # folded words marked in the text
    marked_forms: Counter[str]  # marked in search_text: stems, transliterations


def marked_words(highlighted: str) -> Counter[str]:
    """The folded words between the highlight marks."""
    found: Counter[str] = Counter()
    for piece in highlighted.split(OPEN)[1:]:
        marked = piece.partition(CLOSE)[0]
        if marked.isalnum():  # one word, as FTS5 marks them but for phrases
            found[fold_word(marked)] += 1
        else:
            found.update(fold_word(word) for word in words_of(marked))
    return found


@dataclass(frozen=True, slots=True)
class _Judge:
    """A group's forms arranged for judging many candidates: a lookup per marked word."""

    levels: dict[str, int]  # a word of the text -> how close a match it is
    phrases: tuple[tuple[tuple[str, ...], int], ...]
    prefixes: tuple[str, ...]
    forms: frozenset[str]  # any of these in search_text is a stem or transliteration match

    @classmethod
    def of(cls, forms: Forms) -> _Judge:
        levels = dict.fromkeys(forms.stems, STEM)
        levels.update(dict.fromkeys(forms.variants, VARIANT))
        levels.update(dict.fromkeys(forms.exact, EXACT))
        phrases = tuple(
            [(key, EXACT) for key in forms.phrases]
            + [(key, VARIANT) for key in forms.variant_phrases - forms.phrases]
        )
        return cls(levels, phrases, tuple(forms.prefixes), forms.all_words())

    def __call__(self, candidate: Candidate) -> tuple[int, int]:
        """How the group matched the candidate (EXACT, VARIANT or STEM) and how often.

        Only the text's own words count as exact or variant matches: a form matched in
        search_text alone is a stem or a transliteration of a word written otherwise.
        """
        text = candidate.marked
        best, frequency = 0, 0
        for word, count in text.items():
            level = self.levels.get(word, 0)
            if self.prefixes and word.startswith(self.prefixes):
                level = EXACT
            if level > best:
                best, frequency = level, count
            elif level and level == best:
                frequency += count
        for key, level in self.phrases:
            if level >= best and all(word in text for word in key):
                count = min(text[word] for word in key)
                best, frequency = level, (frequency if level == best else 0) + count
        if best:
            return best, frequency
        other = sum(count for word, count in candidate.marked_forms.items() if word in self.forms)
        return STEM, max(other, 1)


def _saturated(frequency: int, length_ratio: float) -> float:
    return frequency * (K1 + 1) / (frequency + K1 * (1 - B + B * length_ratio))


def rank(candidates: Sequence[Candidate], plan: Plan, idf: Callable[[Forms], float]) -> list[int]:
    """The candidates' ids, best first: closest match, then BM25 blended with recency."""
    if not candidates:
        return []
    judges = [(_Judge.of(group), idf(group)) for group in plan.groups]
    average = sum(c.length for c in candidates) / len(candidates) or 1.0
    newest = max(c.published_at for c in candidates)

    def key(candidate: Candidate) -> tuple[int, float, int]:
        closest, relevance = 0, 0.0
        for judge, weight in judges:
            level, frequency = judge(candidate)
            closest += level
            relevance += weight * level * _saturated(frequency, candidate.length / average)
        age_days = (newest - candidate.published_at).total_seconds() / 86_400
        recency = 1 + RECENCY_BOOST * 0.5 ** (age_days / HALF_LIFE_DAYS)
        return -closest, -relevance * recency, -candidate.id

    return [candidate.id for candidate in sorted(candidates, key=key)]


def inverse_frequency(documents: int, frequency: Callable[[str], int]) -> Callable[[Forms], float]:
    """BM25's idf of a group, from the count of its most common exact or variant form."""

    def idf(forms: Forms) -> float:
        count = max((frequency(word) for word in forms.exact | forms.variants), default=1)
        return math.log(1 + (documents - count + 0.5) / (count + 0.5))

    return idf
