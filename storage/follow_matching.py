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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import aiosqlite

from storage.follow_pattern import EXCLUDED, PAIR_MARK, PREFIX_MARK, Tokens
from storage.gc_pause import gc_paused

# Past this many pairs looked up, indexing every pair of the load costs less than checking
# each pair's snippets.
PAIR_INDEX_AFTER = 200
# The prefixes and pairs followed (storage/follow_pattern.py, PREFIX_MARK and PAIR_MARK).
_MARKED_TERMS = "SELECT DISTINCT term FROM follow_terms WHERE term >= '*' AND term < ','"
# Most patterns are settled by a hit on one of their lookup rows (`whole`): SQLite matches
# them and writes their rows in one statement, from the snippet ids of each term of the load
# ({term: [snippet id, ...]}, JSON), with no Python per pattern. A row lists the id lists of
# the terms that hit, as they are: merging them is left to the alert that reads them (a few
# per chat), which costs less than sorting them all here.
_INSERT_WHOLE = """
    INSERT INTO load_matches (load_id, pattern_id, snippets)
    SELECT ?, t.pattern_id, '[' || group_concat(j.value) || ']'
    FROM json_each(?) AS j CROSS JOIN follow_terms AS t ON t.term = j.key
    WHERE t.whole = 1
    GROUP BY t.pattern_id
"""
_PARTIAL = """
    SELECT t.pattern_id, t.term, t.phrase
    FROM json_each(?) AS j CROSS JOIN follow_terms AS t ON t.term = j.key
    WHERE t.whole = 0
"""
_CHECKS = """
    SELECT pattern_id, grp, term, phrase FROM follow_checks
    WHERE pattern_id IN (SELECT value FROM json_each(?))
"""


@dataclass
class Batch:
    """The new snippets, indexed by word and by pair of words in a row ("w1 w2"): a pattern is
    matched against all of them at once, with set operations on the ids of the snippets
    holding each term."""

    tokens: dict[int, Tokens] = field(default_factory=dict)  # snippet id -> its words
    postings: dict[str, list[int]] = field(default_factory=dict)  # word -> snippet ids
    _pairs: dict[str, list[int]] | None = None  # "w1 w2" -> snippet ids, once worth it
    _pair_lookups: int = 0
    _sorted: list[str] | None = None  # the words in order, for prefixes
    _found: dict[tuple[str, str], frozenset[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, rows: Iterable[Sequence[object]]) -> Batch:
        batch = cls()
        for snippet_id, text, search_text in rows:
            tokens = Tokens.of(str(text), str(search_text or ""))
            number = int(str(snippet_id))
            batch.tokens[number] = tokens
            for word in tokens.words:
                batch.postings.setdefault(word, []).append(number)
        return batch

    def with_pair(self, pair: str) -> list[int]:
        """The ids of the snippets where the two words of `pair` ("w1 w2") come in a row."""
        self._pair_lookups += 1
        if self._pairs is None and self._pair_lookups < PAIR_INDEX_AFTER:
            first, second = pair.split(" ")
            both = set(self.postings.get(first, ())).intersection(self.postings.get(second, ()))
            words = (first, second)
            return sorted(n for n in both if self.tokens[n].has_phrase(words))
        return self.index_pairs().get(pair, [])

    def index_pairs(self) -> dict[str, list[int]]:
        """Every pair of words in a row in the batch, with the ids of its snippets."""
        if self._pairs is None:
            self._pairs = {}
            for number, tokens in self.tokens.items():
                for found in set(map(" ".join, pairwise(tokens.sequence))):
                    self._pairs.setdefault(found, []).append(number)
        return self._pairs

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
            if term.startswith(PREFIX_MARK):
                prefix = term.removeprefix(PREFIX_MARK)
                known = frozenset(n for word in self.starting(prefix) for n in self.postings[word])
            elif term.startswith(PAIR_MARK):
                known = frozenset(self.with_pair(term.removeprefix(PAIR_MARK)))
            else:
                known = frozenset(self.postings.get(term, ()))
            if phrase:
                words = tuple(phrase.split(" "))
                known = frozenset(n for n in known if self.tokens[n].has_phrase(words))
            self._found[(term, phrase)] = known
        return known


async def _partial(
    conn: aiosqlite.Connection, batch: Batch, hits: str
) -> dict[int, frozenset[int]]:
    """The patterns a hit on their lookup group does not settle, with where that group is."""
    found: dict[int, frozenset[int]] = {}
    for pattern_id, term, phrase in await conn.execute_fetchall(_PARTIAL, (hits,)):
        ids = batch.found(term, phrase)
        if ids:
            known = found.get(pattern_id)
            found[pattern_id] = known | ids if known else ids
    return found


async def _checks(
    conn: aiosqlite.Connection, batch: Batch, pattern_ids: list[int]
) -> dict[int, dict[int, list[frozenset[int]]]]:
    """For these patterns, where each row of their other groups and exclusions is found, by
    group number (a group found nowhere is there, with empty sets)."""
    groups: dict[int, dict[int, list[frozenset[int]]]] = {}
    for pattern_id, group, term, phrase in await conn.execute_fetchall(
        _CHECKS, (json.dumps(pattern_ids),)
    ):
        groups.setdefault(pattern_id, {}).setdefault(group, []).append(batch.found(term, phrase))
    return groups


def _checked(found: frozenset[int], groups: dict[int, list[frozenset[int]]]) -> frozenset[int]:
    """The snippets of `found` where every group is, and no exclusion."""
    # The lookup group is the rarest: its few snippets are tested against each row's set,
    # which costs less than merging the sets of common words.
    for group, sets in groups.items():
        if group == EXCLUDED:
            found = frozenset(n for n in found if not any(n in s for s in sets))
        else:
            found = frozenset(n for n in found if any(n in s for s in sets))
        if not found:
            break
    return found


async def _hits(conn: aiosqlite.Connection, batch: Batch) -> str:
    """The load's terms as JSON, {term: [snippet id, ...]}: its words, and the followed
    prefixes and pairs it holds."""
    hits: dict[str, list[int]] = dict(batch.postings)
    marked = list(await conn.execute_fetchall(_MARKED_TERMS))
    if len(marked) >= PAIR_INDEX_AFTER:
        batch.index_pairs()
    for (term,) in marked:
        if term.startswith(PAIR_MARK):  # most of them: the pair's list is already in order
            if listed := batch.with_pair(term.removeprefix(PAIR_MARK)):
                hits[term] = listed
        elif ids := batch.found(term):
            hits[term] = sorted(ids)
    return json.dumps(hits, ensure_ascii=False, separators=(",", ":"))


async def write_matches(conn: aiosqlite.Connection, batch: Batch, load_id: int) -> int:
    """Write what the batch matched, one load_matches row per pattern; how many rows."""
    hits = await _hits(conn, batch)
    cursor = await conn.execute(_INSERT_WHOLE, (load_id, hits))
    settled = max(cursor.rowcount, 0)
    partial = await _partial(conn, batch, hits)
    checks = await _checks(conn, batch, list(partial)) if partial else {}
    matched = []
    for pattern_id, found in partial.items():
        ids = _checked(found, checks.get(pattern_id, {}))
        if ids:
            matched.append((load_id, pattern_id, json.dumps([sorted(ids)])))
    await conn.executemany(
        "INSERT INTO load_matches (load_id, pattern_id, snippets) VALUES (?, ?, ?)", matched
    )
    return settled + len(matched)


async def last_snippet_id(conn: aiosqlite.Connection) -> int:
    """The id past which a load's snippets will be (SQLite gives new rows max(id) + 1)."""
    async with conn.execute("SELECT coalesce(max(id), 0) FROM snippets") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def record_alerts(conn: aiosqlite.Connection, after_id: int, now: str) -> int:
    """Match the snippets stored past `after_id` against every follow and record what each
    pattern matched, in the caller's transaction; how many patterns matched.

    The bot makes the alerts, one per chat, from these rows (storage/alerts.py): a load costs
    one row per matched pattern, however many chats follow it.
    """
    async with conn.execute("SELECT EXISTS (SELECT 1 FROM follow_terms)") as cursor:
        row = await cursor.fetchone()
    if not row or not row[0]:
        return 0
    rows = await conn.execute_fetchall(
        "SELECT id, text, search_text FROM snippets WHERE id > ? ORDER BY id", (after_id,)
    )
    # Tens of thousands of small objects and no cycles: the collector's passes over them cost
    # a sixth of matching (bench/follow.py). Collection resumes a fraction of a second later.
    with gc_paused():
        return await _record(conn, rows, now)


async def _record(conn: aiosqlite.Connection, rows: Iterable[Sequence[object]], now: str) -> int:
    batch = Batch.of(rows)
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
