"""What a user typed, as a query: words AND-ed, "phrases", -exclusions, prefix*, a OR b.

Every other character is literal: it only separates words, as in the snippets themselves.
Parsing is total — any string gives a Query (perhaps an empty one), never an error — and the
FTS5 expression is later built from the words, never from the raw text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from storage.normalize import fold_word, words_of

MAX_QUERY_CHARS = 500
MAX_GROUPS = 16
MAX_ALTERNATIVES = 8
MAX_WORD_CHARS = 64
OR = "OR"
CONNECTIVES = frozenset({"AND", "ET"})
# French elisions: "L'Ukraine" means "Ukraine", so the article is dropped, not required.
_ELISION = re.compile(r"(?i)^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’ʼ]")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CHUNK = re.compile(r'-?"[^"]*"?|[^\s"]+')


@dataclass(frozen=True, slots=True)
class Word:
    """One word as typed; `prefix` when it ended in `*` (matches every word it starts)."""

    text: str
    prefix: bool = False

    @property
    def folded(self) -> str:
        return fold_word(self.text)

    def __str__(self) -> str:
        return self.text + ("*" if self.prefix else "")


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words that must follow one another, as in "paix juste"."""

    words: tuple[str, ...]

    @property
    def folded(self) -> tuple[str, ...]:
        return tuple(fold_word(word) for word in self.words)

    def __str__(self) -> str:
        return '"' + " ".join(self.words) + '"'


Item = Word | Phrase


@dataclass(frozen=True, slots=True)
class Query:
    """Every group must match a snippet, through any one of its items; no excluded item may."""

    groups: tuple[tuple[Item, ...], ...] = ()
    excluded: tuple[Item, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups)

    def __str__(self) -> str:
        parts = [" OR ".join(str(item) for item in group) for group in self.groups]
        parts.extend(f"-{item}" for item in self.excluded)
        return " ".join(parts)

    def terms(self) -> tuple[str, ...]:
        """The query's words for highlighting: "word", "prefix*" or "a phrase", folded once."""
        found: dict[str, None] = {}
        for group in self.groups:
            for item in group:
                if isinstance(item, Word):
                    found[item.text.casefold() + ("*" if item.prefix else "")] = None
                else:
                    found[" ".join(word.casefold() for word in item.words)] = None
        return tuple(found)

    def words(self) -> list[Word]:
        """The plain words of the groups (no prefixes, no phrases): what a typo may hide in."""
        return [i for group in self.groups for i in group if isinstance(i, Word) and not i.prefix]

    def replace(self, corrections: dict[str, str]) -> Query:
        """The same query with some plain words replaced (typo corrections)."""

        def fix(item: Item) -> Item:
            if isinstance(item, Word) and not item.prefix and item.text in corrections:
                return Word(corrections[item.text])
            return item

        groups = tuple(tuple(fix(item) for item in group) for group in self.groups)
        return Query(groups, self.excluded)


def _items(chunk: str) -> list[Item]:
    """The items of one whitespace-free chunk: "nord-coréens" is two words, "ukr*" a prefix."""
    if chunk.startswith('"'):
        words = tuple(w[:MAX_WORD_CHARS] for w in words_of(chunk))
        if len(words) > 1:
            return [Phrase(words)]
        return [Word(words[0])] if words else []
    chunk = _ELISION.sub("", chunk)
    parts = [w[:MAX_WORD_CHARS] for w in words_of(chunk)]
    if not parts:
        return []
    items: list[Item] = [Word(word) for word in parts]
    if chunk.endswith("*") and chunk.rstrip("*").endswith(parts[-1]):
        items[-1] = Word(parts[-1], prefix=True)
    return items


def parse(text: str) -> Query:
    """The query a user means by `text`; never raises, whatever the text holds."""
    text = unicodedata.normalize("NFKC", _CONTROLS.sub(" ", text[: MAX_QUERY_CHARS * 2]))
    text = text[:MAX_QUERY_CHARS]
    groups: list[list[Item]] = []
    excluded: list[Item] = []
    operators: list[Item] = []
    join_next = False
    for match in _CHUNK.finditer(text):
        chunk = match.group()
        if chunk == OR or (chunk in CONNECTIVES and groups):
            join_next = chunk == OR and bool(groups)
            operators.append(Word(chunk))
            continue
        if chunk.startswith("-") and len(chunk) > 1:
            excluded.extend(_items(chunk[1:]))
            join_next = False
            continue
        for position, item in enumerate(_items(chunk)):
            if join_next and position == 0 and len(groups[-1]) < MAX_ALTERNATIVES:
                groups[-1].append(item)
            else:
                groups.append([item])
        join_next = False
    if not groups and not excluded:
        # "OR" or "AND" alone are words to look for, not operators.
        groups = [[word] for word in operators]
    groups = [g for g in groups if g][:MAX_GROUPS]
    return Query(tuple(tuple(g) for g in groups), tuple(excluded[:MAX_GROUPS]))
