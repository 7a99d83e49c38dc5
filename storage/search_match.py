"""From a parsed query to an FTS5 expression: every form a word may take in a snippet.

A word is looked for as typed, through the names it is a spelling of (gazetteer), in Latin
letters if typed in another script, and by its Snowball stems (French and English, since the
query does not say which snippets it wants). Each form is a quoted FTS5 string, so nothing a
user types is ever read as FTS5 syntax.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from anyascii import anyascii

from storage.normalize import fold_word, query_stems, tokenizer_may_fold_otherwise, words_of
from storage.search_query import Item, Phrase, Query, Word

PREFIX_TERMS = 24

Key = tuple[str, ...]


class Names(Protocol):
    """The gazetteer as search sees it (bot.gazetteer.Gazetteer is one)."""

    longest: int

    def spellings_for(self, key: Key) -> tuple[str, ...]: ...


class Prefixes(Protocol):
    """The index's vocabulary as prefix search sees it (storage.vocabulary.Vocabulary is one)."""

    def with_prefix(self, prefix: str, limit: int) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class Forms:
    """The ways one group of the query may appear in a snippet, folded, by closeness."""

    exact: frozenset[str] = frozenset()  # as typed, or a word the typed prefix starts
    phrases: frozenset[Key] = frozenset()  # quoted words, in this order
    variants: frozenset[str] = frozenset()  # other spellings of a name, transliterations
    variant_phrases: frozenset[Key] = frozenset()
    stems: frozenset[str] = frozenset()
    prefixes: frozenset[str] = frozenset()  # left to FTS5 when no vocabulary is at hand
    spelled: frozenset[str] = field(default=frozenset(), compare=False)  # unfolded, for FTS5

    def __or__(self, other: Forms) -> Forms:
        return Forms(*(getattr(self, n) | getattr(other, n) for n in self.__slots__))

    def all_words(self) -> frozenset[str]:
        return self.exact | self.variants | self.stems

    def fts(self, *, with_stems: bool = True) -> str | None:
        """The FTS5 expression matching any of the forms, or None when there is none."""
        words = self.exact | self.variants | self.spelled | (self.stems if with_stems else set())
        parts = [_quoted((word,)) for word in sorted(words)]
        phrases = self.phrases | self.variant_phrases
        parts.extend(f"text : {_quoted(phrase)}" for phrase in sorted(phrases))
        parts.extend(f"{_quoted((prefix,))} *" for prefix in sorted(self.prefixes))
        return "(" + " OR ".join(parts) + ")" if parts else None


def _quoted(words: Key) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'


def _unfolded(words: Iterable[str]) -> set[str]:
    """The words as typed (case folded) that FTS5 may read otherwise than their folded form.

    Only those need asking for beside the folded form: the tokenizer folds Latin letters itself,
    so "corée" beside "coree" would only make FTS5 walk the same doclist twice.
    """
    return {word.casefold() for word in words if tokenizer_may_fold_otherwise(word)}


def _spelling_forms(spellings: Iterable[str]) -> Forms:
    singles: set[str] = set()
    phrases: set[Key] = set()
    spelled: set[str] = set()
    for spelling in spellings:
        words = words_of(spelling)
        folded = tuple(fold_word(word) for word in words)
        if len(folded) == 1:
            singles.add(folded[0])
            spelled |= _unfolded(words)
        elif folded:
            phrases.add(folded)
            if _unfolded(words):
                phrases.add(tuple(word.casefold() for word in words))
    return Forms(
        variants=frozenset(singles), variant_phrases=frozenset(phrases), spelled=frozenset(spelled)
    )


def _word_forms(word: Word, names: Names | None, vocabulary: Prefixes | None) -> Forms:
    folded = word.folded
    if word.prefix:
        if vocabulary is None:
            return Forms(prefixes=frozenset({folded}))
        return Forms(exact=frozenset(vocabulary.with_prefix(folded, PREFIX_TERMS)))
    forms = Forms(
        exact=frozenset({folded}),
        stems=frozenset(query_stems(folded) - {folded}),
        spelled=frozenset(_unfolded([word.text])),
    )
    if not word.text.isascii():
        forms |= _spelling_forms([anyascii(word.text)])
    if names is not None:
        forms |= _spelling_forms(names.spellings_for((folded,)))
    return forms


def _phrase_forms(phrase: Phrase, names: Names | None) -> Forms:
    folded = phrase.folded
    phrases = {folded}
    if _unfolded(phrase.words):
        phrases.add(tuple(word.casefold() for word in phrase.words))
    forms = Forms(phrases=frozenset(phrases))
    if names is not None:
        forms |= _spelling_forms(names.spellings_for(folded))
    return forms


def item_forms(item: Item, names: Names | None, vocabulary: Prefixes | None) -> Forms:
    if isinstance(item, Word):
        return _word_forms(item, names, vocabulary)
    return _phrase_forms(item, names)


def _join_names(groups: list[tuple[Item, ...]], names: Names) -> list[tuple[Item, ...]]:
    """Consecutive words that spell a name ("corée du nord") become one phrase group."""
    joined: list[tuple[Item, ...]] = []
    index = 0
    while index < len(groups):
        for size in range(min(names.longest, len(groups) - index), 1, -1):
            run = groups[index : index + size]
            if all(len(g) == 1 and isinstance(g[0], Word) and not g[0].prefix for g in run):
                words = tuple(g[0].text for g in run if isinstance(g[0], Word))
                if names.spellings_for(tuple(fold_word(w) for w in words)):
                    joined.append((Phrase(words),))
                    index += size
                    break
        else:
            joined.append(groups[index])
            index += 1
    return joined


@dataclass(frozen=True, slots=True)
class Plan:
    """A query expanded into forms: what to ask FTS5, and how to judge what it returns."""

    groups: tuple[Forms, ...]
    excluded: tuple[Forms, ...] = ()

    def match(self) -> str | None:
        """The FTS5 MATCH expression, or None when the query can match nothing."""
        required = [group.fts() for group in self.groups]
        if not required or None in required:
            return None
        expression = " AND ".join(r for r in required if r)
        for group in self.excluded:
            excluded = group.fts(with_stems=False)
            if excluded:
                expression = f"({expression}) NOT {excluded}"
        return expression

    def most_matches(self, frequency: Callable[[str], int]) -> int | None:
        """At most how many snippets can match, when a group of phrases bounds it (a phrase is
        no commoner than its rarest word); None when no group does.

        A group with single words leaves the bound open, as their stems are indexed beside
        the text and not counted; so does a phrase with a word the counts do not know.
        """
        bounds = []
        for group in self.groups:
            if group.exact or group.variants or group.stems or group.prefixes or group.spelled:
                continue
            keys = group.phrases | group.variant_phrases
            rarest = [min(frequency(word) for word in key) for key in keys]
            if rarest and all(rarest):
                bounds.append(sum(rarest))
        return min(bounds, default=None)

    def longest_walk(self, frequency: Callable[[str], int]) -> int:
        """How many snippets hold the commonest word of a phrase: FTS5 steps through that
        many entries to find where the phrase's words touch."""
        return max(
            (
                frequency(word)
                for group in self.groups
                for key in group.phrases | group.variant_phrases
                for word in key
            ),
            default=0,
        )


def plan(query: Query, names: Names | None = None, vocabulary: Prefixes | None = None) -> Plan:
    """Expand every group of the query into its forms."""
    groups = list(query.groups)
    if names is not None and names.longest > 1:
        groups = _join_names(groups, names)
    expanded = []
    for group in groups:
        forms = Forms()
        for item in group:
            forms |= item_forms(item, names, vocabulary)
        expanded.append(forms)
    excluded = tuple(item_forms(item, names, vocabulary) for item in query.excluded)
    return Plan(tuple(expanded), excluded)
