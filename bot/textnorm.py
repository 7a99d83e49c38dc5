"""Words as search, highlighting and story clustering see them: folded, split, stemmed."""

from __future__ import annotations

import unicodedata
from functools import cache

import Stemmer

Span = tuple[int, int]

# Snowball stemmers by the snippet's language; others are left unstemmed.
STEMMER_LANGUAGES = {"fr": "french", "en": "english", "de": "german", "es": "spanish"}


def fold(text: str) -> str:
    """The form words are compared in: caseless, accentless, compatibility forms unified."""
    # Casefold first: it can itself produce combining marks ("İ" -> "i̇") that must go too.
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _is_word_start(char: str) -> bool:
    return unicodedata.category(char)[0] in "LN"


def _is_word_part(char: str) -> bool:
    # Marks belong to the word they follow, so decomposed "Core\u0301ens" stays one word.
    return unicodedata.category(char)[0] in "LNM"


def words(text: str) -> list[Span]:
    """The (start, end) spans of the words in text: runs of letters and digits."""
    spans: list[Span] = []
    start: int | None = None
    for index, char in enumerate(text):
        if start is None:
            if _is_word_start(char):
                start = index
        elif not _is_word_part(char):
            spans.append((start, index))
            start = index if _is_word_start(char) else None
    if start is not None:
        spans.append((start, len(text)))
    return spans


def word_list(text: str) -> list[str]:
    """The words of text, in order, as they are written."""
    return [text[start:end] for start, end in words(text)]


@cache
def _stemmer(lang: str) -> Stemmer.Stemmer | None:
    name = STEMMER_LANGUAGES.get(lang)
    return Stemmer.Stemmer(name) if name else None


def stems(tokens: list[str], lang: str) -> list[str]:
    """The folded Snowball stems of words (PyStemmer, C speed): "Soldats" -> "soldat"."""
    stemmer = _stemmer(lang)
    lowered = [token.casefold() for token in tokens]
    if stemmer is not None:
        lowered = stemmer.stemWords(lowered)
    return [fold(token) for token in lowered]
