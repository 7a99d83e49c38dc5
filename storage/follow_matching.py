"""Matching a load's new snippets against every follow, inside the load's own transaction.

The content and what it matched commit together: a crash leaves both or neither, and a file
loaded again adds no snippet, hence no match. Only the new snippets are read (by id, past the
last id before the load), and the patterns they may match are found through follow_terms by
the snippets' own words (and the followed pairs and prefixes, read whole): the cost grows
with the load and with the patterns it hits, not with the store (chats following the same
query share its pattern). A pattern is matched from its rows (storage/follow_pattern.py,
Pattern.terms), never rebuilt. What each pattern matched is written once (load_matches); the
bot turns that into one pending alert per chat when it first sees the load (storage/alerts.py).
"""

from __future__ import annotations

import bisect
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

import aiosqlite

from storage.follow_pattern import (
    EXCLUDED,
    PAIR_MARK,
    PREFIX_MARK,
    Term,
    Tokens,
    fold,
    unpack_checks,
)
from storage.gc_pause import gc_paused
from storage.normalize import words_of

# What a load already split each new snippet into, by its content hash: the text's words as
# written (storage.normalize.words_of) and its search text. Matching folds them; it does not
# split the texts again.
Said = dict[str, tuple[list[str], str]]

# Past this many snippets holding a pattern's lookup group, its other groups are checked by
# where they are in the whole batch, not snippet by snippet.
FEW = 8

# The prefixes and pairs followed (storage/follow_pattern.py, PREFIX_MARK and PAIR_MARK).
_MARKED_TERMS = "SELECT DISTINCT term FROM follow_terms WHERE term >= '*' AND term < ','"
# The load's words someone follows: only their snippet ids go to SQLite below. Most of a
# load's postings are common words, which patterns check but are seldom found by.
_FOLLOWED = """
    SELECT value FROM json_each(?)
    WHERE EXISTS (SELECT 1 FROM follow_terms WHERE term = value)
"""
# Most patterns are settled by a hit on one of their lookup rows (`whole`): SQLite matches
# them and writes their rows in one statement, from the snippet ids of each followed term of
# the load ({term: [snippet id, ...]}, JSON), with no Python per pattern. A row lists the id
# lists of the terms that hit, as they are: merging them is left to the alert that reads them
# (a few per chat), which costs less than sorting them all here.
_INSERT_WHOLE = """
    INSERT INTO load_matches (load_id, pattern_id, snippets)
    SELECT ?, t.pattern_id, '[' || group_concat(j.value) || ']'
    FROM json_each(?) AS j CROSS JOIN follow_terms AS t ON t.term = j.key
    WHERE t.whole = 1
    GROUP BY t.pattern_id
"""
# The patterns whose lookup group a hit does not settle (the load's followed terms, a JSON
# list), each with its other groups and exclusions (packed: storage.follow_pattern.pack_checks):
# those are checked on the few snippets where the lookup group is.
_PARTIAL = """
    SELECT t.pattern_id, t.term, t.phrase, t.checks
    FROM json_each(?) AS j CROSS JOIN follow_terms AS t ON t.term = j.value
    WHERE t.whole = 0
    ORDER BY t.pattern_id
"""


@dataclass
class Batch:
    """The new snippets, indexed by word: a pattern is matched against all of them at once,
    with set operations on the ids of the snippets holding each term."""

    tokens: dict[int, Tokens] = field(default_factory=dict)  # snippet id -> its words
    postings: dict[str, list[int]] = field(default_factory=dict)  # word -> snippet ids
    marked: dict[str, list[int]] = field(default_factory=dict)  # followed pair/prefix -> ids
    _sorted: list[str] | None = None  # the words in order, for prefixes
    _found: dict[tuple[str, str], frozenset[int]] = field(default_factory=dict)
    where: dict[Group, frozenset[int]] = field(default_factory=dict)  # Group.where, kept

    @classmethod
    def of(cls, said: Iterable[tuple[int, Sequence[str], str]]) -> Batch:
        """The batch of (snippet id, its text's words as written, its search text)."""
        batch = cls()
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for number, words, search_text in said:
            sequence = tuple(map(fold, words))
            tokens = Tokens(frozenset(sequence).union(search_text.split()), sequence)
            batch.tokens[number] = tokens
            for word in tokens.words:
                postings[word].append(number)
        batch.postings = dict(postings)
        return batch

    @classmethod
    def read(cls, rows: Iterable[Sequence[object]]) -> Batch:
        """The batch of (snippet id, text, search text) rows."""
        return cls.of(
            (int(str(n)), words_of(str(text)), str(forms or "")) for n, text, forms in rows
        )

    def find_marked(self, terms: Iterable[str]) -> dict[str, list[int]]:
        """Which of these followed pairs ("+w1 w2") and prefixes ("*ukr") the batch holds,
        with their snippets in order. One pass over the batch's own pairs and words: its
        cost grows with the load, not with how many are followed."""
        pairs: dict[tuple[str, str], str] = {}
        prefixes: dict[str, str] = {}
        for term in terms:
            if term.startswith(PAIR_MARK):
                first, _, second = term.removeprefix(PAIR_MARK).partition(" ")
                pairs[(first, second)] = term
            else:
                prefixes[term.removeprefix(PREFIX_MARK)] = term
        found: dict[str, list[int]] = {}
        if pairs:
            wanted = frozenset(pairs)
            for number, tokens in self.tokens.items():  # snippets in id order
                for pair in wanted.intersection(pairwise(tokens.sequence)):
                    found.setdefault(pairs[pair], []).append(number)
        if prefixes:
            sizes = sorted({len(prefix) for prefix in prefixes})
            starting: dict[str, set[int]] = {}
            for word, ids in self.postings.items():
                for size in sizes:
                    if size > len(word):
                        break
                    if marked := prefixes.get(word[:size]):
                        starting.setdefault(marked, set()).update(ids)
            found.update((term, sorted(ids)) for term, ids in starting.items())
        self.marked = found
        return found

    def _with_pair(self, first: str, second: str) -> frozenset[int]:
        both = set(self.postings.get(first, ())).intersection(self.postings.get(second, ()))
        return frozenset(n for n in both if self.tokens[n].has_phrase((first, second)))

    def starting(self, prefix: str) -> list[str]:
        """The batch's words that start with `prefix`."""
        if self._sorted is None:
            self._sorted = sorted(self.postings)
        first = bisect.bisect_left(self._sorted, prefix)
        last = bisect.bisect_left(self._sorted, prefix + "\U0010ffff", lo=first)
        return self._sorted[first:last]

    def found(self, term: str, phrase: str = "") -> frozenset[int]:
        """The ids of the snippets holding one row's term (a word, a pair, a marked prefix),
        and its phrase when it has one."""
        known = self._found.get((term, phrase))
        if known is None:
            if term in self.marked:
                known = frozenset(self.marked[term])
            elif term.startswith(PREFIX_MARK):
                prefix = term.removeprefix(PREFIX_MARK)
                known = frozenset(n for word in self.starting(prefix) for n in self.postings[word])
            elif term.startswith(PAIR_MARK):
                first, _, second = term.removeprefix(PAIR_MARK).partition(" ")
                known = self._with_pair(first, second)
            else:
                known = frozenset(self.postings.get(term, ()))
            if phrase:
                words = tuple(phrase.split(" "))
                known = frozenset(n for n in known if self.tokens[n].has_phrase(words))
            self._found[(term, phrase)] = known
        return known


@dataclass(frozen=True, slots=True)
class Group:
    """A pattern's other group (or its exclusions), as a check reads it: its plain words, and
    its other rows (pairs, prefixes, phrases)."""

    words: frozenset[str]
    others: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, terms: Iterable[Term]) -> Group:
        words, others = set(), []
        for term in terms:
            if term.phrase or term.term.startswith((PAIR_MARK, PREFIX_MARK)):
                others.append((term.term, term.phrase))
            else:
                words.add(term.term)
        return cls(frozenset(words), tuple(others))

    def in_snippet(self, batch: Batch, number: int) -> bool:
        return not self.words.isdisjoint(batch.tokens[number].words) or any(
            number in batch.found(term, phrase) for term, phrase in self.others
        )

    def where(self, batch: Batch) -> frozenset[int]:
        """The batch's snippets where the group is (kept: patterns share their checks)."""
        known = batch.where.get(self)
        if known is None:
            found = [batch.found(word) for word in self.words]
            found.extend(batch.found(term, phrase) for term, phrase in self.others)
            known = batch.where[self] = frozenset().union(*found)
        return known


@dataclass(frozen=True, slots=True)
class Check:
    """What a pattern a hit on its lookup group does not settle still needs: its other groups,
    and no exclusion. Compiled once per packed text: many patterns share it ("X guerre")."""

    required: tuple[Group, ...]
    excluded: Group | None
    # The usual case, one more group of plain words ("koursk armée"): tested in one set
    # operation per snippet.
    words: frozenset[str] | None

    @classmethod
    @lru_cache(maxsize=4_096)
    def of(cls, packed: str) -> Check:
        terms: dict[int, list[Term]] = {}
        for term in unpack_checks(packed):
            terms.setdefault(term.group, []).append(term)
        excluded = Group.of(terms.pop(EXCLUDED)) if EXCLUDED in terms else None
        required = tuple(map(Group.of, terms.values()))
        simple = len(required) == 1 and excluded is None and not required[0].others
        return cls(required, excluded, required[0].words if simple else None)

    def keep(self, batch: Batch, found: frozenset[int]) -> list[int]:
        """The snippets of `found` (where the lookup group is) that match, in order."""
        if self.words is not None and len(found) <= FEW:
            words, tokens = self.words, batch.tokens
            return [n for n in sorted(found) if not words.isdisjoint(tokens[n].words)]
        if len(found) > FEW:
            # Many snippets: where each group is in the whole batch costs less.
            for group in self.required:
                found = found & group.where(batch)
            if self.excluded is not None:
                found = found - self.excluded.where(batch)
            return sorted(found)
        # The lookup group is the rarest: each of its few snippets is looked at for the other
        # groups' words, which costs less than gathering where the common words are.
        return [
            n
            for n in sorted(found)
            if all(group.in_snippet(batch, n) for group in self.required)
            and not (self.excluded is not None and self.excluded.in_snippet(batch, n))
        ]


async def _partial(
    conn: aiosqlite.Connection, batch: Batch, keys: str, load_id: int
) -> list[tuple[int, int, str]]:
    """The load_matches rows of the patterns a hit on their lookup group does not settle."""
    matched = []
    pattern, found, packed = 0, frozenset[int](), ""
    # In pattern order: a pattern found by several of its lookup rows is checked once.
    for pattern_id, term, phrase, checks in [
        *await conn.execute_fetchall(_PARTIAL, (keys,)),
        (0, "", "", ""),
    ]:
        if pattern_id != pattern:
            if found and (ids := Check.of(packed).keep(batch, found)):
                matched.append((load_id, pattern, f"[[{','.join(map(str, ids))}]]"))
            pattern, found, packed = pattern_id, frozenset(), checks
        if term:
            found = found | batch.found(term, phrase)
    return matched


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


async def _hits(conn: aiosqlite.Connection, batch: Batch) -> dict[str, list[int]]:
    """The load's followed terms, with their snippets: its words someone follows, and the
    followed prefixes and pairs it holds."""
    marked = batch.find_marked(term for (term,) in await conn.execute_fetchall(_MARKED_TERMS))
    words = await conn.execute_fetchall(_FOLLOWED, (_json(list(batch.postings)),))
    hits = {word: batch.postings[word] for (word,) in words}
    hits.update(marked)
    return hits


async def write_matches(conn: aiosqlite.Connection, batch: Batch, load_id: int) -> int:
    """Write what the batch matched, one load_matches row per pattern; how many rows."""
    hits = await _hits(conn, batch)
    cursor = await conn.execute(_INSERT_WHOLE, (load_id, _json(hits)))
    settled = max(cursor.rowcount, 0)
    matched = await _partial(conn, batch, _json(list(hits)), load_id)
    await conn.executemany(
        "INSERT INTO load_matches (load_id, pattern_id, snippets) VALUES (?, ?, ?)", matched
    )
    return settled + len(matched)


async def last_snippet_id(conn: aiosqlite.Connection) -> int:
    """The id past which a load's snippets will be (SQLite gives new rows max(id) + 1)."""
    async with conn.execute("SELECT coalesce(max(id), 0) FROM snippets") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def record_alerts(
    conn: aiosqlite.Connection,
    after_id: int,
    now: str,
    said: Mapping[str, tuple[list[str], str]] | None = None,
) -> int:
    """Match the snippets stored past `after_id` against every follow and record what each
    pattern matched, in the caller's transaction; how many patterns matched. `said` holds
    the words of the snippets the caller just stored, by content hash (storage/briefings.py);
    the others are read and split here.

    The bot makes the alerts, one per chat, from these rows (storage/alerts.py): a load costs
    one row per matched pattern, however many chats follow it.
    """
    async with conn.execute("SELECT EXISTS (SELECT 1 FROM follow_terms)") as cursor:
        row = await cursor.fetchone()
    if not row or not row[0]:
        return 0
    # Tens of thousands of small objects and no cycles: the collector's passes over them cost
    # a sixth of matching (bench/follow.py). Collection resumes a fraction of a second later.
    with gc_paused():
        return await _record(conn, await _batch(conn, after_id, said or {}), now)


async def _batch(
    conn: aiosqlite.Connection, after_id: int, said: Mapping[str, tuple[list[str], str]]
) -> Batch:
    if not said:
        return Batch.read(
            await conn.execute_fetchall(
                "SELECT id, text, search_text FROM snippets WHERE id > ? ORDER BY id", (after_id,)
            )
        )
    rows = list(
        await conn.execute_fetchall(
            "SELECT id, content_hash FROM snippets WHERE id > ? ORDER BY id", (after_id,)
        )
    )
    known = [(int(n), *said[digest]) for n, digest in rows if digest in said]
    if len(known) < len(rows):  # not the caller's snippets: read them all
        return await _batch(conn, after_id, {})
    return Batch.of(known)


async def _record(conn: aiosqlite.Connection, batch: Batch, now: str) -> int:
    if not batch.tokens:
        return 0
    # The load's row comes first (its id keys the matches); a load that matched nothing
    # leaves no row anywhere.
    cursor = await conn.execute(
        "INSERT INTO alert_loads (at, snippets, last_follow_id)"
        " VALUES (?, ?, (SELECT coalesce(max(id), 0) FROM follows))",
        (now, len(batch.tokens)),
    )
    load_id = int(cursor.lastrowid or 0)
    matched = await write_matches(conn, batch, load_id)
    if not matched:
        await conn.execute("DELETE FROM alert_loads WHERE id = ?", (load_id,))
    return matched
