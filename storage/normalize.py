"""The forms of a snippet's text that storage keys on: its duplicate hash and its search text."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache, lru_cache

import Stemmer
from anyascii import anyascii

from bot.textnorm import STEMMER_LANGUAGES, fold, word_list


def dedup_form(text: str) -> str:
    """The text as compared for duplicates: case, spacing and a trailing ellipsis don't count."""
    # NFKC has already turned "…" into "...". str.split() and str.rstrip() use the same
    # whitespace as the regex \s; they are used because a regex substitution that rewrites
    # every space cost two thirds of a load's per-snippet Python time (bench/load.py).
    folded = unicodedata.normalize("NFKC", text).casefold().rstrip().removesuffix("...")
    return " ".join(folded.split())


def content_hash(text: str) -> str:
    return hashlib.blake2b(dedup_form(text).encode("utf-8"), digest_size=16).hexdigest()


def _bmp_class(keep: Callable[[str], bool]) -> str:
    return "[" + re.escape("".join(c for c in map(chr, range(0x10000)) if keep(c))) + "]"


# bot.textnorm walks text in Python a character at a time; these regexes give the same words
# and folds many times faster (tests/search/test_normalize.py checks they agree). A combining
# mark right after a letter joins it in textnorm but not in _WORD: such rare text (the
# importers NFC-normalise) and text outside the Basic Multilingual Plane take textnorm's path.
_MARK = re.compile(_bmp_class(lambda c: unicodedata.category(c)[0] == "M"))
_COMBINING = re.compile(_bmp_class(lambda c: unicodedata.combining(c) != 0))
_WORD = re.compile(r"[^\W_]+")
_BMP_ONLY = re.compile("[\u0000-\uffff]*")
# Latin letters up to Latin Extended-B: the FTS5 unicode61 tokenizer (remove_diacritics 2)
# folds their case and accents itself, so their folded forms need no extra index entry.
_LATIN_END = 0x250


def words_of(text: str) -> list[str]:
    """bot.textnorm.word_list(text), fast: the words of text as written."""
    if not _BMP_ONLY.fullmatch(text):
        return word_list(text)
    for mark in _MARK.finditer(text):
        # Marks mostly follow emoji (U+FE0F after "▶"), where they join nothing.
        if mark.start() and _WORD.match(text, mark.start() - 1):
            return word_list(text)
    return _WORD.findall(text)


def fold_word(word: str) -> str:
    """bot.textnorm.fold(word), fast."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    if not _BMP_ONLY.fullmatch(decomposed):
        return fold(word)
    return _COMBINING.sub("", decomposed)


@cache
def _stemmer(lang: str) -> Stemmer.Stemmer | None:
    name = STEMMER_LANGUAGES.get(lang)
    return Stemmer.Stemmer(name) if name else None


def stem_words(folded: list[str], lang: str) -> list[str]:
    """The Snowball stems of folded words, folded again (as bot.textnorm.stems, faster)."""
    stemmer = _stemmer(lang)
    if stemmer is None:
        return list(folded)
    return [s if s.isascii() else fold(s) for s in stemmer.stemWords(folded)]


def query_stems(folded: str, languages: Iterable[str] = ("fr", "en")) -> set[str]:
    """The stems a query word may reach, whichever language a snippet is in."""
    return {stem_words([folded], lang)[0] for lang in languages}


def tokenizer_may_fold_otherwise(word: str) -> bool:
    """Whether the index's tokenizer may fold the word differently from bot.textnorm.fold."""
    return not word.isascii() and (
        any(ord(char) >= _LATIN_END for char in word)
        or word.casefold() != word.lower()
        or not unicodedata.is_normalized("NFKC", word)
    )


@lru_cache(maxsize=200_000)
def _forms(word: str, lang: str) -> tuple[str, tuple[str, ...], bool]:
    """A word's folded form, its other forms, and whether the tokenizer may fold it otherwise.

    Cached: a corpus says the same words again and again.
    """
    folded = fold_word(word)
    others = [stem_words([folded], lang)[0]]
    needs_fold = tokenizer_may_fold_otherwise(word)
    if needs_fold:
        others.extend(fold_word(latin) for latin in words_of(anyascii(word)))
    return folded, tuple(f for f in dict.fromkeys(others) if f != folded), needs_fold


def fold_text(text: str) -> str:
    """The text with every word folded as fold_word folds it, and the rest kept: folded whole,
    which costs a fraction of folding word by word.

    Folding whole can differ from folding word by word only where decomposition moves a word
    boundary (a mark standing alone between two letters): rare, and this serves ranking, which
    tolerates it, not matching.
    """
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if not _BMP_ONLY.fullmatch(decomposed):
        return " ".join(fold_word(word) for word in words_of(text))
    return _COMBINING.sub("", decomposed)


def folded_words(text: str) -> list[str]:
    """[fold_word(w) for w in words_of(text)], faster (see fold_text)."""
    return _WORD.findall(fold_text(text))


def search_form(text: str, lang: str = "fr") -> str:
    """What the index holds beside the text itself: the forms a search may reach a word by.

    The text's own words are indexed as written (folded by the tokenizer). This adds, once
    each, the Snowball stem of every word whose stem differs ("soldats" -> "soldat"), the
    folded form where the tokenizer would fold differently ("Straße" -> "strasse"), and a Latin
    transliteration of other scripts ("Бахмут" -> "bakhmut"). Forms already in the text are
    left out, which keeps the index small.
    """
    return search_form_of(words_of(text), lang)


def search_form_of(words: list[str], lang: str = "fr") -> str:
    """search_form(text, lang) of the text's words (words_of(text)), when they are at hand."""
    forms = [_forms(word, lang) for word in dict.fromkeys(words)]
    present = {folded for folded, _, _ in forms}
    extra: dict[str, None] = {}
    for folded, others, needs_fold in forms:
        if needs_fold:
            extra[folded] = None
        extra.update((form, None) for form in others if form not in present)
    return " ".join(extra)
