"""Named entities: who and where a snippet speaks of, found through the caller's name sources.

A source maps a word or a phrase, as written, to a canonical name (or None): the search
gazetteer in production, or `capitalised_name`, a heuristic for when no gazetteer is at hand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from anyascii import anyascii

from bot.digest.stopwords import FUNCTION_WORDS
from bot.gazetteer import Gazetteer, name_key
from bot.textnorm import fold

EntityLookup = Callable[[str], str | None]

# Longest phrase tried: "Corée du Nord", "Volodymyr Zelensky", "mer de Barents".
MAX_PHRASE_WORDS = 3
# Small words allowed inside a name ("Corée du Nord", "Rostov-sur-le-Don" is one word).
_NAME_PARTICLES = frozenset({"de", "du", "des", "la", "le", "d", "of", "the"})


def _any_word(word: str) -> bool:
    return True


@dataclass(frozen=True)
class NameSource:
    """A lookup of names, and which words a name can start with.

    A day has tens of thousands of distinct words and hundreds of thousands of distinct two-
    and three-word phrases, most of them no name: only those whose first word `starts` a
    name are looked up.
    """

    lookup: EntityLookup
    starts: Callable[[str], bool] = _any_word

    def cached(self) -> NameSource:
        """The same source, asking each distinct word or phrase once."""
        return NameSource(cache(self.lookup), cache(self.starts))


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isdigit()


def _is_function_word(word: str, folded: str) -> bool:
    # "un" is not the UN, nor "US" (uppercase) the French "us": only capitals make a name.
    return not word.isupper() and folded in FUNCTION_WORDS


def capitalised_name(phrase: str) -> str | None:
    """A phrase of capitalised words that is not a capitalised function word: "Vladimir Poutine".

    A heuristic stand-in for a gazetteer: it cannot tell that "Pyongyang" and "nord-coréens"
    name the same country, and takes a capitalised word opening a sentence for a name.
    """
    words = phrase.split()
    if not words or not (_is_capitalised(words[0]) and _is_capitalised(words[-1])):
        return None
    if fold(words[0]) in FUNCTION_WORDS or fold(words[-1]) in FUNCTION_WORDS:
        return None
    for word in words[1:-1]:
        if not (_is_capitalised(word) or fold(word) in _NAME_PARTICLES):
            return None
    return fold(phrase)


def _starts_capitalised(word: str) -> bool:
    return _is_capitalised(word) and fold(word) not in FUNCTION_WORDS


CAPITALISED_NAMES = NameSource(capitalised_name, _starts_capitalised)


def _first_words(text: str) -> set[str]:
    # The gazetteer's keys of a text: its folded words, and those of its Latin transliteration.
    keys = [name_key(text)]
    if not text.isascii():
        keys.append(name_key(anyascii(text)))
    return {key[0] for key in keys if key}


def gazetteer_names(gazetteer: Gazetteer) -> NameSource:
    """The gazetteer's names; a word or phrase is looked up when it starts as a spelling does.

    The gazetteer matches a phrase by its folded words, or by those of its transliteration
    (bot.gazetteer): a phrase can only be a name if one of those begins like a spelling's.
    """
    first_words: set[str] = set()
    for name in gazetteer.names():
        entry = gazetteer.entry(name)
        if entry is not None:
            for spelling in (entry.name, *entry.spellings, *entry.ambiguous):
                first_words |= _first_words(spelling)

    def starts(word: str) -> bool:
        key = name_key(word)
        return bool(key) and not _first_words(" ".join(key)).isdisjoint(first_words)

    return NameSource(gazetteer.canonical, starts)


def find_entities(
    tokens: Sequence[str],
    folded: Sequence[str],
    joined: Sequence[bool],
    sources: Sequence[NameSource],
) -> list[tuple[str, int, int]]:
    """The names in a run of tokens as (canonical, start, end) token ranges.

    Each source in turn sees the words no earlier source named, longest phrases first, so a
    gazetteer's "BRICS" wins over a heuristic's "Sommet des Brics". `folded[i]` is token i as
    `fold` gives it; `joined[i]` says token i and token i+1 are separated by spaces only: a
    phrase never spans a comma or a full stop.
    """
    found: list[tuple[str, int, int]] = []
    count = len(tokens)
    taken = [False] * count
    for source in sources:
        starts = [i for i, token in enumerate(tokens) if source.starts(token)]
        for size in range(MAX_PHRASE_WORDS, 1, -1):
            for start in starts:
                end = start + size
                if end > count or any(taken[start:end]) or not all(joined[start : end - 1]):
                    continue
                canonical = source.lookup(" ".join(tokens[start:end]))
                if canonical:
                    found.append((canonical, start, end))
                    taken[start:end] = [True] * size
        for start in starts:
            if taken[start] or _is_function_word(tokens[start], folded[start]):
                continue
            canonical = source.lookup(tokens[start])
            if canonical:
                found.append((canonical, start, start + 1))
                taken[start] = True
    return found
