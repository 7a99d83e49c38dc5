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

import asyncio
import bisect
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

import aiosqlite

from storage.follow_pattern import (
    EXCLUDED,
    PAIR_MARK,
    PREFIX_MARK,
    Tokens,
    fold,
    unpack_checks,
)
from storage.gc_pause import gc_paused, quick_handoffs
from storage.normalize import words_of

# What a load already split each new snippet into, by its content hash: the text's words as
# written (storage.normalize.words_of) and its search text. Matching folds them; it does not
# split the texts again.
Words = dict[str, tuple[list[str], str]]
# A new snippet as matching reads it: its id, its text's words as written, its search text.
Said = tuple[int, list[str], str]

# The statements below return one row, or none: SQLite computes them in one step, without the
# interpreter (the GIL is released), while Python does another part of the work in a thread
# (write_matches). A statement returning a row per result would need the GIL back at every
# row, and wait for it.
#
# What the load's words (a JSON list) reach, as JSON lists:
# - the prefixes and pairs followed (storage/follow_pattern.py, PREFIX_MARK and PAIR_MARK),
#   all of them: the load looks each up among its own;
# - the load's words someone follows: only their snippet ids go to SQLite afterwards (most of
#   a load's postings are common words, which patterns check but are seldom found by);
# - the patterns a hit does not settle, with their lookup rows hit by a word or a followed
#   pair ([pattern id, [[term, phrase], ...], packed checks]: storage.follow_pattern.pack_checks,
#   the same on every lookup row of a pattern): those are checked where the lookup group is.
_LOOKUP = """
    SELECT
        (SELECT json_group_array(term) FROM (
            SELECT DISTINCT term FROM follow_terms WHERE term >= '*' AND term < ','
        )),
        (SELECT json_group_array(value) FROM json_each(:words)
         WHERE EXISTS (SELECT 1 FROM follow_terms WHERE term = value)),
        (SELECT json_group_array(json_array(pattern_id, json(terms), checks)) FROM (
            SELECT t.pattern_id, json_group_array(json_array(t.term, t.phrase)) AS terms,
                   t.checks
            FROM (
                SELECT t.* FROM json_each(:words) AS j
                CROSS JOIN follow_terms AS t ON t.term = j.value WHERE t.whole = 0
                UNION ALL
                SELECT * FROM follow_terms WHERE term >= '*' AND term < ',' AND whole = 0
            ) AS t
            GROUP BY t.pattern_id
        ))
"""
# Most patterns are settled by a hit on one of their lookup rows (`whole`): SQLite matches
# them and writes their rows, from the snippet ids of each followed term of the load
# ({term: [snippet id, ...]}, JSON), with no Python per pattern. A row lists the id lists of
# the terms that hit, as they are: merging them is left to the alert that reads them (a few
# per chat), which costs less than sorting them all here. The load's words go first, then its
# followed pairs and prefixes: a pattern hit by both has its second list added to its row.
_INSERT_WHOLE = """
    INSERT INTO load_matches (load_id, pattern_id, snippets)
    SELECT ?, t.pattern_id, '[' || group_concat(j.value) || ']'
    FROM json_each(?) AS j CROSS JOIN follow_terms AS t ON t.term = j.key
    WHERE t.whole = 1
    GROUP BY t.pattern_id
    ON CONFLICT (load_id, pattern_id) DO UPDATE
    SET snippets = substr(snippets, 1, length(snippets) - 1) || ',' || substr(excluded.snippets, 2)
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

    @classmethod
    def of(cls, said: Iterable[Said]) -> Batch:
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

    def find_marked(self, terms: Iterable[str] | str) -> dict[str, list[int]]:
        """Which of these followed pairs ("+w1 w2") and prefixes ("*ukr") the batch holds,
        with their snippets in order (`terms` may be a JSON list). One pass over the batch's
        own pairs and words: its cost grows with the load, not with how many are followed."""
        if isinstance(terms, str):
            terms = json.loads(terms)
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
    """A pattern's other group (or its exclusions): a word, pair, prefix or phrase of it is
    enough (rows (term, phrase), as Batch.found reads them)."""

    rows: tuple[tuple[str, str], ...]

    def where(self, batch: Batch) -> frozenset[int]:
        """The batch's snippets where the group is."""
        return frozenset().union(*(batch.found(term, phrase) for term, phrase in self.rows))


@dataclass(frozen=True, slots=True)
class Check:
    """What a pattern a hit on its lookup group does not settle still needs: its other groups,
    and no exclusion."""

    required: tuple[Group, ...]
    excluded: Group

    def where(self, batch: Batch) -> tuple[tuple[frozenset[int], ...], frozenset[int]]:
        """Where each required group is in the batch, and where the exclusions are."""
        return tuple(group.where(batch) for group in self.required), self.excluded.where(batch)


@lru_cache(maxsize=4_096)
def _check(packed: str) -> Check:
    """The check of a packed text (storage.follow_pattern.pack_checks). Cached: many patterns
    share it ("X guerre")."""
    groups: dict[int, list[tuple[str, str]]] = {}
    for term in unpack_checks(packed):
        groups.setdefault(term.group, []).append((term.term, term.phrase))
    excluded = Group(tuple(groups.pop(EXCLUDED, ())))
    return Check(tuple(Group(tuple(rows)) for rows in groups.values()), excluded)


def _partial(batch: Batch, rows: str, load_id: int) -> list[tuple[int, int, str]]:
    """The load_matches rows of the patterns a hit on their lookup group does not settle, from
    their lookup rows that hit ([[pattern id, [[term, phrase], ...], packed checks], ...],
    JSON)."""
    postings = batch.postings
    # Where each check's groups are in the batch, found once per check: the patterns sharing
    # it (most of them) then cost a set operation or two each.
    places: dict[str, tuple[tuple[frozenset[int], ...], frozenset[int]]] = {}
    matched = []
    for pattern_id, terms, packed in json.loads(rows):
        if len(terms) == 1:
            [(term, phrase)] = terms
            # Mostly a word: its snippets as they are (Batch.found covers the rest).
            ids: Iterable[int] | None = None if phrase else postings.get(term)
            if ids is None:
                ids = batch.found(term, phrase)
        else:
            ids = frozenset().union(*(batch.found(term, phrase) for term, phrase in terms))
        if not ids:
            continue
        if (where := places.get(packed)) is None:
            where = places[packed] = _check(packed).where(batch)
        required, excluded = where
        kept = required[0].intersection(ids) if required else frozenset(ids)
        for group in required[1:]:
            kept &= group
        if kept := kept - excluded:
            matched.append((load_id, pattern_id, f"[[{','.join(map(str, sorted(kept)))}]]"))
    return matched


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


async def _row(conn: aiosqlite.Connection, sql: str, *parameters: object) -> list[str]:
    """The one row a statement above returns."""
    async with conn.execute(sql, parameters) as cursor:
        row = await cursor.fetchone()
    return [str(value) for value in row] if row else []


def _words(said: list[Said]) -> str:
    """The new snippets' words, folded, and their search forms: a JSON list."""
    words = {fold(word) for word in set().union(*(words for _, words, _ in said))}
    words.update(" ".join(forms for _, _, forms in said).split())
    return _json(list(words))


async def write_matches(conn: aiosqlite.Connection, said: list[Said], load_id: int) -> int:
    """Match the new snippets against every follow and write what each pattern matched, one
    load_matches row per pattern; how many rows.

    Each step's statement runs in SQLite while Python does a part of the work that does not
    need its answer, in a thread: the load waits for the longer of the two, not for both.
    """
    (marked, followed, partial), batch = await asyncio.gather(
        _row(conn, _LOOKUP, _words(said)), asyncio.to_thread(Batch.of, said)
    )
    words = {word: batch.postings[word] for word in json.loads(followed)}
    _, found = await asyncio.gather(
        conn.execute(_INSERT_WHOLE, (load_id, _json(words))),
        asyncio.to_thread(batch.find_marked, marked),
    )
    _, matched = await asyncio.gather(
        conn.execute(_INSERT_WHOLE, (load_id, _json(found))),
        asyncio.to_thread(_partial, batch, partial, load_id),
    )
    await conn.executemany(
        "INSERT INTO load_matches (load_id, pattern_id, snippets) VALUES (?, ?, ?)", matched
    )
    async with conn.execute(
        "SELECT count(*) FROM load_matches WHERE load_id = ?", (load_id,)
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def last_snippet_id(conn: aiosqlite.Connection) -> int:
    """The id past which a load's snippets will be (SQLite gives new rows max(id) + 1)."""
    async with conn.execute("SELECT coalesce(max(id), 0) FROM snippets") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def record_alerts(
    conn: aiosqlite.Connection,
    after_id: int,
    now: str,
    said: Words | None = None,
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
    with gc_paused(), quick_handoffs():
        return await _record(conn, await _said(conn, after_id, said or {}), now)


async def _said(conn: aiosqlite.Connection, after_id: int, said: Words) -> list[Said]:
    """The snippets past `after_id`: (id, the text's words as written, its search text)."""
    if said:
        rows = list(
            await conn.execute_fetchall(
                "SELECT id, content_hash FROM snippets WHERE id > ? ORDER BY id", (after_id,)
            )
        )
        known = [(int(n), *said[digest]) for n, digest in rows if digest in said]
        if len(known) == len(rows):
            return known
    texts = await conn.execute_fetchall(
        "SELECT id, text, search_text FROM snippets WHERE id > ? ORDER BY id", (after_id,)
    )
    return [(int(n), words_of(str(text)), str(forms or "")) for n, text, forms in texts]


async def _record(conn: aiosqlite.Connection, said: list[Said], now: str) -> int:
    if not said:
        return 0
    # The load's row comes first (its id keys the matches); a load that matched nothing
    # leaves no row anywhere.
    cursor = await conn.execute(
        "INSERT INTO alert_loads (at, snippets, last_follow_id)"
        " VALUES (?, ?, (SELECT coalesce(max(id), 0) FROM follows))",
        (now, len(said)),
    )
    load_id = int(cursor.lastrowid or 0)
    matched = await write_matches(conn, said, load_id)
    if not matched:
        await conn.execute("DELETE FROM alert_loads WHERE id = ?", (load_id,))
    return matched
