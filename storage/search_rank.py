"""Ordering a window of matches: how closely each matched the query, then BM25, then recency.

FTS5's bm25() counts every match of every phrase before scoring the first row, which costs
time in proportion to how common the words are (hundreds of ms at a million snippets). Search
instead takes the newest matches a window at a time (FTS5 yields them in rowid order at almost
no cost) and scores those here, with the same BM25 formula fed by the vocabulary's counts and
by each snippet's text (storage/search_judge.py). A snippet whose day's title or summary also
matches the query counts that match as more occurrences (storage/search_days.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from storage.normalize import fold_text
from storage.search_days import Backing, Day
from storage.search_judge import STEM, Judge, normalized, saturated
from storage.search_match import Forms, Plan

RECENCY_BOOST = 0.5  # the newest snippet of a window scores up to 1.5 times as high...
HALF_LIFE_DAYS = 7.0  # ...an advantage halved with each week of age
FOLDED_TEXTS = 4_096  # snippets' texts kept folded: a few dozen searches' windows


@dataclass(frozen=True, slots=True)
class Candidate:
    """A matching snippet as ranking sees it: its text folded, its size, its date, its day."""

    id: int
    published_at: datetime
    length: int
    folded: str  # the text, case and accents folded (storage.normalize.fold_text)
    search_text: str  # stems, transliterations (storage.normalize.search_form)
    day: Day | None = None  # the day's title and summary, if it has either

    @classmethod
    def of(
        cls, id: int, published_at: datetime, text: str, search_text: str, day: Day | None = None
    ) -> Candidate:
        return cls(id, published_at, len(text), folded_text(text), search_text, day)

    def forms(self) -> frozenset[str]:
        """The words of search_text: asked for only when the judge finds no word of the text."""
        return frozenset(self.search_text.split())

    def judged(self, judge: Judge) -> tuple[int, int]:
        """How the group matched (EXACT, VARIANT or STEM) and how often; FTS5 has already
        checked that it does, so a match it found where the judge sees none is a stem's."""
        level, frequency = judge.match(self.folded, self.forms, may_miss=False)
        return (level, frequency) if level else (STEM, 1)


# The matches ranked are mostly the newest snippets holding the query's words, and a common
# word's newest matches are the same few hundred snippets whatever the word: folding them
# again for every search cost a quarter of a common word's search. Keyed by the text itself,
# so an edited snippet is folded anew.
@lru_cache(maxsize=FOLDED_TEXTS)
def folded_text(text: str) -> str:
    return fold_text(text)


def rank(candidates: Sequence[Candidate], plan: Plan, idf: Callable[[Forms], float]) -> list[int]:
    """The candidates' ids, best first: closest match, then BM25 blended with recency."""
    if not candidates:
        return []
    judges = [Judge.of(group) for group in plan.groups]
    weights = [idf(group) for group in plan.groups]
    average = sum(c.length for c in candidates) / len(candidates) or 1.0
    newest = max(c.published_at for c in candidates)
    unbacked: Backing = (0.0,) * len(judges)
    days = {candidate.day for candidate in candidates if candidate.day is not None}
    backings = {day: day.backing(judges) for day in days}

    def key(candidate: Candidate) -> tuple[int, float, int]:
        closest, relevance = 0, 0.0
        backing = backings[candidate.day] if candidate.day is not None else unbacked
        for judge, weight, backed in zip(judges, weights, backing, strict=True):
            level, frequency = candidate.judged(judge)
            closest += level
            occurrences = normalized(frequency, candidate.length / average) + backed
            relevance += weight * level * saturated(occurrences)
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
