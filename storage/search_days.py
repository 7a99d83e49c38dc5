"""A day's own headline backing its snippets: the query matched in a briefing's title or summary.

An admin's title and summary say what a day was about. A snippet that matches the query on a
day whose title also matches it is that day's story, not a passing mention, so ranking counts
the day's match as further occurrences of the query in the snippet (storage/search_rank.py):
BM25F's weighted fields, the title weighing most.

The days come with the window of snippets (a snippet has one briefing at most, fetched in the
same query). Each distinct title and summary is folded once and kept: a bot's days number in
the thousands, and re-reading them for every search would cost more than the search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storage.normalize import fold_text, search_form
from storage.search_judge import EXACT, Judge, normalized

# As in BM25F, a day's occurrences join the snippet's before saturation: one occurrence in a
# snippet of average length counts 1; in a title of TITLE_CHARS characters, TITLE_WEIGHT; in
# a summary of SUMMARY_CHARS, SUMMARY_WEIGHT. Longer fields say less per occurrence, as
# snippets do, and another spelling or a stem says less than the form typed, in the
# proportion the snippet's own matches are weighed.
TITLE_WEIGHT, TITLE_CHARS = 2.0, 80
SUMMARY_WEIGHT, SUMMARY_CHARS = 1.5, 1_000
# Distinct titles and summaries kept folded: two per day, for years of days.
KEPT_DAYS = 4_096
_KEPT_TEXTS = 2 * KEPT_DAYS

Backing = tuple[float, ...]  # per group of the plan: what the day's match adds to a snippet's


# Words with letters of scripts other than Latin: they reach a query through transliterations.
_OTHER_SCRIPTS = re.compile("[^\\W_]*[\u0370-\u1fff\u2c00-\ud7ff][^\\W_]*")


@dataclass(frozen=True, slots=True)
class DayText:
    """A title or summary as judges read it."""

    folded: str
    foreign: tuple[str, ...]  # its words in other scripts, as written

    def forms(self, judge: Judge) -> frozenset[str]:
        """The search forms of the text's words that may hold one the judge looks for.

        Computing every word's forms would cost more than the rest of a search. A stem begins
        the word it stems, so only the words a form begins need theirs (but for rare irregular
        stems: "chevaux", "cheval"), and words in other scripts their transliterations.
        """
        words = [*self.foreign, *judge.started_words(self.folded, may_miss=True)]
        return frozenset(search_form(" ".join(words)).split()) if words else frozenset()


@lru_cache(maxsize=_KEPT_TEXTS)
def day_text(text: str) -> DayText:
    return DayText(fold_text(text), tuple(dict.fromkeys(_OTHER_SCRIPTS.findall(text))))


@dataclass(frozen=True, slots=True, eq=False)  # one object per day of a window: by identity
class Day:
    """A briefing's title and summary, as far as search weighs them."""

    title: DayText | None
    summary: DayText | None

    @classmethod
    def of(cls, title: str | None, summary: str | None) -> Day | None:
        if not title and not summary:
            return None
        return cls(day_text(title) if title else None, day_text(summary) if summary else None)

    def backing(self, judges: list[Judge]) -> Backing:
        """What the day's match adds to each group's match in one of its snippets."""
        return tuple(
            max(
                _weight(judge, self.title, TITLE_WEIGHT, TITLE_CHARS),
                _weight(judge, self.summary, SUMMARY_WEIGHT, SUMMARY_CHARS),
            )
            for judge in judges
        )


def _weight(judge: Judge, text: DayText | None, weight: float, typical: int) -> float:
    if text is None:
        return 0.0
    level, frequency = judge.match(text.folded, lambda: text.forms(judge), may_miss=True)
    if not level:
        return 0.0
    return weight * level / EXACT * normalized(frequency, len(text.folded) / typical)
