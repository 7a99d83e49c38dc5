"""How closely a text matches one group of a query, and how often: as typed, as another
spelling, or by stem (EXACT, VARIANT, STEM).

A judge is built once per group and reads each text in one regex scan of the text folded whole
(storage.normalize.fold_text): scanning for a group's few forms costs a fraction of cutting
every text into words. Snippets and a day's title and summary are judged alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from storage.search_match import Forms

EXACT, VARIANT, STEM = 3, 2, 1  # how a group matched: as typed, as another spelling, by stem
K1, B = 1.2, 0.75  # the usual BM25 constants

_END = r"(?![^\W_])"  # a word's end, as words_of cuts words


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(map(re.escape, sorted(words)))


def _at_word_starts(pattern: re.Pattern[str], folded: str) -> list[str]:
    """The pattern's matches that start a word. A look-behind in the pattern would say the
    same, but it keeps re from skipping ahead to the pattern's first letters: 20 times slower.
    A match inside a word ends with it, so it hides no match starting the next one."""
    return [
        match.group()
        for match in pattern.finditer(folded)
        if not (start := match.start()) or not folded[start - 1].isalnum()
    ]


def normalized(frequency: float, length_ratio: float) -> float:
    """Occurrences in a text weighed by its length against the average (BM25's b)."""
    return frequency / (1 - B + B * length_ratio)


def saturated(occurrences: float) -> float:
    """BM25's term-frequency factor (k1): 1 for one occurrence in a text of average length,
    growing ever slower with more."""
    return occurrences * (K1 + 1) / (occurrences + K1)


@dataclass(frozen=True, slots=True)
class Judge:
    """One group's forms, arranged to judge many texts."""

    levels: dict[str, int]  # a word of the text -> how close a match it is
    prefixes: tuple[str, ...]
    # Words that one of those forms or prefixes begins: the words that match, and the words
    # a form may be the stem of. One pattern for both, as compiling it costs more than a
    # hundred scans.
    starts: re.Pattern[str] | None
    # The longest word ("roka" in "le roka"), looked for before the whole phrase: "le" is
    # in nearly every day's summary, the rarer word seldom. Then the phrase, and its level.
    phrases: tuple[tuple[str, re.Pattern[str], int], ...]
    forms: frozenset[str]  # any of these among a text's search forms is a stem match

    @classmethod
    def of(cls, forms: Forms) -> Judge:
        levels = dict.fromkeys(forms.stems, STEM)
        levels.update(dict.fromkeys(forms.variants, VARIANT))
        levels.update(dict.fromkeys(forms.exact, EXACT))
        beginnings = levels.keys() | forms.prefixes
        starts = re.compile(f"(?:{_alternatives(beginnings)})[^\\W_]*") if beginnings else None
        keys = [(key, EXACT) for key in forms.phrases]
        keys += [(key, VARIANT) for key in forms.variant_phrases - forms.phrases]
        phrases = tuple(
            (max(key, key=len), re.compile(r"[\W_]+".join(map(re.escape, key)) + _END), level)
            for key, level in keys
        )
        return cls(levels, tuple(forms.prefixes), starts, phrases, forms.all_words())

    def started_words(self, folded: str, *, may_miss: bool) -> list[str]:
        """The words of the folded text that one of the forms or prefixes begins."""
        if self.starts is None:
            return []
        # Where the text may well hold none (a day's summary, ten times a snippet's length),
        # a look for the bare strings first (C's substring search) mostly saves the scan.
        if may_miss and not any(
            form in folded for forms in (self.levels, self.prefixes) for form in forms
        ):
            return []
        return _at_word_starts(self.starts, folded)

    def match(
        self, folded: str, forms: Callable[[], frozenset[str]], *, may_miss: bool
    ) -> tuple[int, int]:
        """How the group matches the folded text (EXACT, VARIANT, STEM, or 0) and how often.

        Only the text's own words count as exact or variant matches: a form found only among
        the text's search forms (`forms`, asked for only then) is a stem or a transliteration
        of a word written otherwise. `may_miss` is False for a text FTS5 found the group in.
        """
        best, frequency = 0, 0
        for word in self.started_words(folded, may_miss=may_miss):
            level = self.levels.get(word, 0)
            if not level and self.prefixes and word.startswith(self.prefixes):
                level = EXACT
            if level > best:
                best, frequency = level, 1
            elif level and level == best:
                frequency += 1
        for longest, pattern, level in self.phrases:
            found = level >= best and longest in folded
            count = len(_at_word_starts(pattern, folded)) if found else 0
            if count:
                best, frequency = level, (frequency if level == best else 0) + count
        if best or not self.forms:  # a phrase's group has no single forms to stem-match
            return best, frequency
        stems = len(forms() & self.forms)
        return (STEM, stems) if stems else (0, 0)
