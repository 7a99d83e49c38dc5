"""A snippet's text reduced to what it is about: cleaned, split, stemmed, names picked out."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from bot.digest.entities import NameSource, find_entities
from bot.digest.stopwords import STOP_WORDS, WAR_LEADERS, WAR_SUBJECT
from bot.textnorm import fold, stems

# Entity features are prefixed so that a name never collides with a word's stem.
ENTITY_PREFIX = "@"

_LEADING_TAG = re.compile(r"^\s*[\[(][^\])]{1,40}[\])]")
# "POINT SUR LA SITUATION - ", "ÉDITORIAL. ", "DIRECT | ": a rubric in capitals, then a mark.
_RUBRIC = re.compile(r"^\s*([^\W\d_][^\W\d_'’ ]*(?:[ '’][^\W\d_]+){0,5})\s*[-–—:.|]\s+")
# "(AFP)", "(avec AFP)", "[Reuters]" closing the text: an outlet's tag, not the story.
_TRAILING_TAG = re.compile(r"\s*[(\[][^()\[\]\d]{2,30}[)\]]\s*$")
_TRAILING_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*$")
_ELLIPSES = ("...", "…")
# The tag first ("... (AFP)"), then the ellipsis it followed, then one before that.
_ENDINGS = (
    (_TRAILING_TAG, (")", "]")),
    (_TRAILING_ELLIPSIS, _ELLIPSES),
    (_TRAILING_ELLIPSIS, _ELLIPSES),
)
# bot.textnorm.words as one regex, for speed: a word opens on a letter or a digit and goes on
# over letters, digits and the combining marks of the Latin and Cyrillic scripts. The
# hyphens of a compound ("nord-coréens", "Kim Jong-un") keep it one token.
_MARKS = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD = f"[^\\W_]+(?:[{_MARKS}]+[^\\W_]*)*"
_TOKEN_SPLIT = re.compile(f"({_WORD}(?:[-‐‑]{_WORD})*)")


@dataclass(frozen=True, slots=True)
class Features:
    """What the pipeline compares: `words` for duplicates, `terms` for what the text is about."""

    words: tuple[str, ...]  # folded words of the cleaned text, stop words kept
    terms: tuple[str, ...]  # stems without stop words, then entity features (ENTITY_PREFIX)
    surfaces: tuple[str, ...]  # how each term was written, for labels
    names: tuple[str, ...]  # entity features, the war's leaders included, not its countries


def clean(text: str) -> str:
    """The text without what outlets add around a story: rubric, tags, a trailing ellipsis."""
    text = unicodedata.normalize("NFKC", text)
    if text.lstrip().startswith(("[", "(")):
        text = _LEADING_TAG.sub("", text)
    rubric = _RUBRIC.match(text)
    if rubric and rubric[1].isupper() and len(rubric[1]) > 3:
        text = text[rubric.end() :]
    # The end patterns are tried only on texts that end as they need: a regex anchored at
    # the end is otherwise tried from every position.
    for pattern, ends in _ENDINGS:
        if text.rstrip().endswith(ends):
            text = pattern.sub("", text)
    start = 0
    while start < len(text) and not (text[start].isalnum() or text[start] in "«\"“'"):
        start += 1
    return text[start:].strip()


def tokens(text: str) -> tuple[list[str], list[bool]]:
    """The words of text, hyphenated compounds kept whole ("nord-coréens"), and whether each
    is followed by the next with only spaces between (so names never span punctuation)."""
    # Split on a captured pattern: gap, word, gap, word, ..., gap.
    parts = _TOKEN_SPLIT.split(text)
    return parts[1::2], [gap.isspace() for gap in parts[2:-1:2]] + [False]


class Lexicon:
    """The day's words, each folded, stemmed and looked up once: a day repeats its words."""

    def __init__(self, sources: Sequence[NameSource]) -> None:
        self.sources = [source.cached() for source in sources]
        self.fold = cache(fold)
        self.term = cache(_term)


def _term(word: str, lang: str) -> str | None:
    """The stem a word is compared on, or None for a stop word, a number, a lone letter."""
    key = fold(word)
    if key in STOP_WORDS or key.isdigit() or len(key) < 2:
        return None
    return "-".join(stems(word.split("-"), lang))


def features(text: str, lang: str, lexicon: Lexicon) -> Features:
    """The features of one snippet's text."""
    written, joined = tokens(clean(text))
    folded = tuple(map(lexicon.fold, written))
    terms: list[str] = []
    surfaces: list[str] = []
    names: list[str] = []
    named = [False] * len(written)
    for canonical, start, end in find_entities(written, folded, joined, lexicon.sources):
        # A name counts once, as itself: "Vladimir Poutine" is not also "vladim" and "poutin".
        named[start:end] = [True] * (end - start)
        key = lexicon.fold(canonical)
        if key in WAR_SUBJECT:
            continue
        names.append(ENTITY_PREFIX + key)
        if key in WAR_LEADERS:
            continue
        terms.append(ENTITY_PREFIX + key)
        surfaces.append(canonical if canonical != key else " ".join(written[start:end]))
    for word, in_name in zip(written, named, strict=True):
        term = None if in_name else lexicon.term(word, lang)
        if term:
            terms.append(term)
            surfaces.append(word)
    return Features(words=folded, terms=tuple(terms), surfaces=tuple(surfaces), names=tuple(names))
