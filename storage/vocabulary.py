"""The index's own words and how many snippets hold each, kept in memory per database file.

Typo correction needs every word to compare against, prefix search the words a prefix
starts, ranking how rare a word is. Reading them from the fts5vocab table walks the whole
index (about 3 s at a million snippets), so it is done once; snippets added later are read
word by word as they come, which costs what they cost to load.
"""

from __future__ import annotations

import bisect
import heapq
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from storage.db import Database
from storage.normalize import fold_word, words_of

# Past this many new snippets, one walk of the index beats reading them one by one.
INCREMENTAL_LIMIT = 20_000
PREFIX_CACHE = 4_096


@dataclass
class Vocabulary:
    """Words (folded) and the number of snippets that hold each."""

    counts: Counter[str] = field(default_factory=Counter)
    documents: int = 0
    last_id: int = 0
    loaded_at: float = 0.0
    _sorted: list[str] | None = None
    _by_shape: dict[tuple[str, int], list[str]] | None = None
    _prefixed: dict[tuple[str, int], list[str]] = field(default_factory=dict)

    def df(self, word: str) -> int:
        return self.counts.get(word, 0)

    def add(self, words: set[str]) -> None:
        new = [word for word in words if word not in self.counts]
        self.counts.update(words)
        self.documents += 1
        # Counts change the order of prefix expansions; only new words change the lists,
        # and they go in place: rebuilding either costs tens of ms at a million snippets.
        self._prefixed.clear()
        for word in new:
            if self._sorted is not None:
                bisect.insort(self._sorted, word)
            if self._by_shape is not None and word:
                self._by_shape.setdefault((word[0], len(word)), []).append(word)

    def sorted_words(self) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(self.counts)
        return self._sorted

    def with_prefix(self, prefix: str, limit: int) -> list[str]:
        """The `limit` most frequent words starting with `prefix`."""
        if not prefix:
            return []
        known = self._prefixed.get((prefix, limit))
        if known is None:
            words = self.sorted_words()
            start = bisect.bisect_left(words, prefix)
            end = bisect.bisect_left(words, prefix + "\U0010ffff", lo=start)
            known = heapq.nlargest(limit, words[start:end], key=self.counts.__getitem__)
            if len(self._prefixed) >= PREFIX_CACHE:
                self._prefixed.clear()
            self._prefixed[prefix, limit] = known
        return known

    def resembling(self, word: str, spread: int) -> list[str]:
        """The words with the same first letter as `word` and a length within `spread` of its
        own: the only ones typo correction compares it with."""
        if self._by_shape is None:
            shapes: dict[tuple[str, int], list[str]] = {}
            for known in self.counts:
                shapes.setdefault((known[0], len(known)), []).append(known)
            self._by_shape = shapes
        if not word:
            return []
        found: list[str] = []
        for length in range(len(word) - spread, len(word) + spread + 1):
            found.extend(self._by_shape.get((word[0], length), ()))
        return found


_CACHE: dict[str, Vocabulary] = {}


async def _last_id(db: Database) -> int:
    rows = await db.conn.execute_fetchall("SELECT coalesce(max(id), 0) FROM snippets")
    return int(next(iter(rows))[0])


async def _read_index(db: Database, last_id: int) -> Vocabulary:
    async with db.conn.execute("SELECT term, doc FROM snippets_vocab WHERE col = 'text'") as cursor:
        counts = Counter({str(term): int(doc) for term, doc in await cursor.fetchall()})
    async with db.conn.execute("SELECT count(*) FROM snippets WHERE id <= ?", (last_id,)) as cur:
        row = await cur.fetchone()
    return Vocabulary(counts, int(row[0]) if row else 0, last_id, time.monotonic())


async def _read_new(db: Database, vocabulary: Vocabulary, last_id: int) -> None:
    async with db.conn.execute(
        "SELECT text FROM snippets WHERE id > ? AND id <= ?", (vocabulary.last_id, last_id)
    ) as cursor:
        async for (text,) in cursor:
            vocabulary.add({fold_word(word) for word in words_of(str(text))})
    vocabulary.last_id = last_id


@lru_cache(maxsize=64)
def cache_key(path: Path) -> str:
    """The file's own path, however the caller spelled it: a key for caches per database."""
    return str(path.resolve())


def last_read(db: Database) -> Vocabulary | None:
    """The vocabulary as last read for the database, however old (its last_id says how old)."""
    return _CACHE.get(cache_key(db.path))


async def vocabulary(db: Database, last_id: int | None = None) -> Vocabulary:
    """The vocabulary of the database's index, brought up to date with new snippets.

    `last_id` is the highest snippet id, when the caller has just read it
    (storage.search_index.versions); otherwise it is read here.
    """
    key = cache_key(db.path)
    if last_id is None:
        last_id = await _last_id(db)
    known = _CACHE.get(key)
    if known is not None and known.last_id == last_id:
        return known
    if known is not None and 0 < last_id - known.last_id <= INCREMENTAL_LIMIT:
        await _read_new(db, known, last_id)
        return known
    fresh = await _read_index(db, last_id)
    _CACHE[key] = fresh
    return fresh
