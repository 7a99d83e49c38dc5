"""Matching a load's new snippets against every follow, inside the load's own transaction.

The content and what it matched commit together: a crash leaves both or neither, and a file
loaded again adds no snippet, hence no match. Only the new snippets are matched: a file's load
knows them, and their ids, before it writes them (Upcoming), and matches them while SQLite
writes them; an admin's /add reads them back by id (record_alerts). The patterns they may
match are found through follow_terms by the snippets' own words (and the followed pairs and
prefixes, read whole): the cost grows with the load and with the patterns it hits, not with
the store (chats following the same query share its pattern). A pattern is matched from its
rows (storage/follow_pattern.py, Pattern.terms), never rebuilt. What each pattern matched is
written once, as one value on the load's row (alert_loads.matched); the bot writes it out as
load_matches rows and one pending alert per chat when it first sees the load
(storage/alerts.py).
"""

from __future__ import annotations

import asyncio
import bisect
import json
import logging
from collections import defaultdict
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from itertools import pairwise
from operator import or_
from typing import Any

import aiosqlite

from storage.db import Database
from storage.follow_pattern import (
    EXCLUDED,
    PAIR_MARK,
    PREFIX_MARK,
    fold,
    has_phrase,
    unpack_checks,
)
from storage.gc_pause import gc_paused, quick_handoffs
from storage.normalize import words_of

log = logging.getLogger(__name__)

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
# What every load needs, whatever its words (a load reads it while it builds its rows), as JSON
# lists:
# - the prefixes and pairs followed (storage/follow_pattern.py, PREFIX_MARK and PAIR_MARK),
#   all of them: the load looks each up among its own;
# - their lookup rows that a hit does not settle (see _LOOKUP), usually none.
_MARKS = """
    SELECT
        (SELECT json_group_array(term) FROM (
            SELECT DISTINCT term FROM follow_terms WHERE term >= '*' AND term < ','
        )),
        (SELECT json_group_array(json_array(pattern_id, term, phrase, checks))
         FROM follow_terms WHERE term >= '*' AND term < ',' AND whole = 0)
"""
# What the load's words (a JSON list) reach, as JSON lists:
# - the load's words someone follows: only their snippet ids go to SQLite afterwards (most of
#   a load's postings are common words, which patterns check but are seldom found by);
# - the lookup rows of the patterns a hit does not settle, hit by a word ([pattern id, term,
#   phrase, packed checks]: storage.follow_pattern.pack_checks, the same on every lookup row
#   of a pattern): those are checked where the lookup group is. They are grouped by pattern in
#   Python: grouping them here cost SQLite more than twice as long.
_LOOKUP = """
    SELECT
        (SELECT json_group_array(value) FROM json_each(:words)
         WHERE EXISTS (SELECT 1 FROM follow_terms WHERE term = value)),
        (SELECT json_group_array(json_array(t.pattern_id, t.term, t.phrase, t.checks))
         FROM json_each(:words) AS j
         CROSS JOIN follow_terms AS t ON t.term = j.value WHERE t.whole = 0)
"""
# Most patterns are settled by a hit on one of their lookup rows (`whole`): SQLite matches
# them from the snippet ids of each followed term of the load, words, pairs and prefixes
# ({term: [snippet id, ...]}, JSON), with no Python per pattern, and writes what each matched
# as the text of a JSON list ([[pattern id, [[snippet id, ...], ...]], ...]: the id lists of
# the terms that hit it, as they are; merging them is left to the alert that reads them, a
# few per chat), and how many there are. It runs on the second connection, beside Python
# checking the other patterns.
_SETTLED = """
    SELECT coalesce('[' || group_concat(matched) || ']', '[]'), count(*) FROM (
        SELECT '[' || t.pattern_id || ',[' || group_concat(j.value) || ']]' AS matched
        FROM json_each(?) AS j CROSS JOIN follow_terms AS t ON t.term = j.key
        WHERE t.whole = 1
        GROUP BY t.pattern_id
    )
"""
# What the load matched, settled and checked patterns (storage/migrations/0009_*.sql): the
# bot writes it out as load_matches rows (storage/alerts.py). A row per pattern here cost the
# load more than matching them.
_KEEP = "UPDATE alert_loads SET matched = ? WHERE id = ?"


@dataclass(frozen=True, slots=True)
class Marks:
    """The followed pairs and prefixes, ready to look up (Batch.find_marked)."""

    pairs: dict[tuple[str, str], str]  # (first word, second word) -> "+first second"
    wanted: frozenset[tuple[str, str]]
    prefixes: dict[str, str]  # "ukr" -> "*ukr"
    sizes: tuple[int, ...]  # their lengths, in order


@lru_cache(maxsize=2)
def _marks(terms: str | tuple[str, ...]) -> Marks:
    """The Marks of the marked terms (a JSON list, or a tuple). Cached: they are the same from
    one load to the next until someone follows or drops a pair or a prefix, and reading 8 000
    of them costs a running bot 2.5 ms a load (100 000 follows, bench/follow.py)."""
    pairs: dict[tuple[str, str], str] = {}
    prefixes: dict[str, str] = {}
    for term in json.loads(terms) if isinstance(terms, str) else terms:
        if term.startswith(PAIR_MARK):
            first, _, second = term.removeprefix(PAIR_MARK).partition(" ")
            pairs[(first, second)] = term
        else:
            prefixes[term.removeprefix(PREFIX_MARK)] = term
    sizes = tuple(sorted({len(prefix) for prefix in prefixes}))
    return Marks(pairs, frozenset(pairs), prefixes, sizes)


@dataclass
class Batch:
    """The new snippets, indexed by word: a pattern is matched against all of them at once.

    Where a term is in the batch is a mask, an int with a bit per snippet (its place in the
    batch): a pattern's groups meet in one `&` each, in C, whatever their size. At 100 000
    follows, frozensets of ids took a third longer to check the patterns (bench/follow.py).
    """

    # snippet id -> its text's words in order, folded (a phrase is looked for in them)
    tokens: dict[int, tuple[str, ...]] = field(default_factory=dict)
    postings: dict[str, list[int]] = field(default_factory=dict)  # word -> snippet ids
    marked: dict[str, list[int]] = field(default_factory=dict)  # followed pair/prefix -> ids
    numbers: list[int] = field(default_factory=list)  # snippet ids, in batch order
    bits: dict[int, int] = field(default_factory=dict)  # snippet id -> its bit
    _sorted: list[str] | None = None  # the words in order, for prefixes
    _found: dict[tuple[str, str], int] = field(default_factory=dict)

    @classmethod
    def of(cls, said: Iterable[Said]) -> Batch:
        """The batch of (snippet id, its text's words as written, its search text)."""
        batch = cls()
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for number, words, search_text in said:
            batch.tokens[number] = sequence = tuple(map(fold, words))
            # Each word once, with the search forms: a frozen Tokens per snippet cost a third
            # of indexing the batch (bench/follow.py).
            for word in {*sequence, *search_text.split()}:
                postings[word].append(number)
        batch.postings = dict(postings)
        batch.numbers = list(batch.tokens)
        batch.bits = {number: 1 << place for place, number in enumerate(batch.numbers)}
        return batch

    def mask(self, ids: Iterable[int]) -> int:
        """The mask of these snippets."""
        return reduce(or_, map(self.bits.__getitem__, ids), 0)

    def ids(self, mask: int) -> list[int]:
        """The snippets of a mask, in batch order (their ids' order)."""
        numbers = self.numbers
        found = []
        while mask:
            low = mask & -mask
            found.append(numbers[low.bit_length() - 1])
            mask ^= low
        return found

    def find_marked(self, terms: Iterable[str] | str) -> dict[str, list[int]]:
        """Which of these followed pairs ("+w1 w2") and prefixes ("*ukr") the batch holds,
        with their snippets in order (`terms` may be a JSON list). One pass over the batch's
        own pairs and words: its cost grows with the load, not with how many are followed."""
        marks = _marks(terms if isinstance(terms, str) else tuple(terms))
        found: dict[str, list[int]] = {}
        if marks.pairs:
            wanted, pairs = marks.wanted, marks.pairs
            for number, tokens in self.tokens.items():  # snippets in id order
                for pair in wanted.intersection(pairwise(tokens)):
                    found.setdefault(pairs[pair], []).append(number)
        if prefixes := marks.prefixes:
            starting: dict[str, set[int]] = {}
            for word, ids in self.postings.items():
                for size in marks.sizes:
                    if size > len(word):
                        break
                    if marked := prefixes.get(word[:size]):
                        starting.setdefault(marked, set()).update(ids)
            found.update((term, sorted(ids)) for term, ids in starting.items())
        self.marked = found
        return found

    def _with_pair(self, first: str, second: str) -> int:
        both = set(self.postings.get(first, ())).intersection(self.postings.get(second, ()))
        return self.mask(n for n in both if has_phrase(self.tokens[n], (first, second)))

    def starting(self, prefix: str) -> list[str]:
        """The batch's words that start with `prefix`."""
        if self._sorted is None:
            self._sorted = sorted(self.postings)
        first = bisect.bisect_left(self._sorted, prefix)
        last = bisect.bisect_left(self._sorted, prefix + "\U0010ffff", lo=first)
        return self._sorted[first:last]

    def found(self, term: str, phrase: str = "") -> int:
        """The mask of the snippets holding one row's term (a word, a pair, a marked prefix),
        and its phrase when it has one."""
        known = self._found.get((term, phrase))
        if known is None:
            if term in self.marked:
                known = self.mask(self.marked[term])
            elif term.startswith(PREFIX_MARK):
                prefix = term.removeprefix(PREFIX_MARK)
                known = self.mask(n for word in self.starting(prefix) for n in self.postings[word])
            elif term.startswith(PAIR_MARK):
                first, _, second = term.removeprefix(PAIR_MARK).partition(" ")
                known = self._with_pair(first, second)
            else:
                known = self.mask(self.postings.get(term, ()))
            if phrase and known:
                words = tuple(phrase.split(" "))
                known = self.mask(n for n in self.ids(known) if has_phrase(self.tokens[n], words))
            self._found[(term, phrase)] = known
        return known


@dataclass(frozen=True, slots=True)
class Group:
    """A pattern's other group (or its exclusions): a word, pair, prefix or phrase of it is
    enough (rows (term, phrase), as Batch.found reads them)."""

    rows: tuple[tuple[str, str], ...]

    def where(self, batch: Batch) -> int:
        """The mask of the batch's snippets where the group is."""
        return reduce(or_, (batch.found(term, phrase) for term, phrase in self.rows), 0)


@dataclass(frozen=True, slots=True)
class Check:
    """What a pattern a hit on its lookup group does not settle still needs: its other groups,
    and no exclusion."""

    required: tuple[Group, ...]
    excluded: Group

    def where(self, batch: Batch) -> tuple[tuple[int, ...], int]:
        """Where each required group is in the batch, and where the exclusions are (masks)."""
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


def _partial(batch: Batch, hits: Iterable[str]) -> tuple[str, int]:
    """What the patterns a hit on their lookup group does not settle matched, from their lookup
    rows that hit (JSON lists of [pattern id, term, phrase, packed checks]): a JSON list of
    [pattern id, [[snippet id, ...]]] (as _SETTLED's), and how many patterns it holds."""
    patterns: dict[int, tuple[str, list[tuple[str, str]]]] = {}
    for rows in hits:
        for pattern_id, term, phrase, packed in json.loads(rows):
            if (known := patterns.get(pattern_id)) is None:
                patterns[pattern_id] = (packed, [(term, phrase)])
            else:
                known[1].append((term, phrase))
    # Where each check's groups are in the batch, found once per check: the patterns sharing
    # it (most of them) then cost an `&` or two each.
    places: dict[str, tuple[tuple[int, ...], int]] = {}
    # Where each lookup group of several terms is (a word's forms): patterns share them ("X
    # guerre", "X armée"; at 100 000 follows, 3 344 of these patterns, 483 lookup groups).
    reached: dict[frozenset[tuple[str, str]], int] = {}
    matched: list[tuple[int, list[list[int]]]] = []
    found = batch.found
    for pattern_id, (packed, terms) in patterns.items():
        if len(terms) == 1:
            kept = found(*terms[0])
        elif (union := reached.get(forms := frozenset(terms))) is None:
            kept = reached[forms] = reduce(or_, (found(*form) for form in forms), 0)
        else:
            kept = union
        if not kept:
            continue
        if (where := places.get(packed)) is None:
            where = places[packed] = _check(packed).where(batch)
        required, excluded = where
        for group in required:
            kept &= group
        if kept := kept & ~excluded:
            matched.append((pattern_id, [batch.ids(kept)]))
    return _json(matched), len(matched)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


async def _row(conn: aiosqlite.Connection, sql: str, *parameters: object) -> list[str]:
    """The one row a statement above returns, in one trip to the database's thread (a
    cursor's fetch would wait behind whatever was queued meanwhile)."""
    rows = list(await conn.execute_fetchall(sql, parameters))
    return [str(value) for value in rows[0]] if rows else []


async def write_matches(
    conn: aiosqlite.Connection,
    said: list[Said],
    load_id: int,
    beside: Awaitable[int] | None = None,
    marks: Awaitable[list[str]] | None = None,
    reader: aiosqlite.Connection | None = None,
) -> tuple[int, int]:
    """Match the new snippets against every follow and write what each pattern matched on the
    load's row (_KEEP); how many patterns matched, and what `beside` returned (0 without it).

    Each step's statement runs in SQLite while Python does a part of the work that does not
    need its answer, in a thread: the load waits for the longer of the two, not for both.
    `beside`, a statement of the caller's (the load's last insert), goes to SQLite first: the
    Python steps up to the patterns a hit does not settle need no statement of their own.
    `marks`: _MARKS's row, when the caller read it ahead. `reader`: a second connection to
    the database, on which the lookup by words runs at the same time as `beside`.
    """
    # Tasks take their first step in the order they were made: `beside` is queued first.
    along = asyncio.ensure_future(_zero() if beside is None else beside)
    marks = marks or _row(conn, _MARKS)
    batch = await asyncio.to_thread(Batch.of, said)
    # The batch's words, folded, and their search forms. The follows are committed before the
    # load's transaction began (it holds the write lock): a reader sees the same ones.
    words = _json(list(batch.postings))
    lookup = asyncio.ensure_future(_row(reader or conn, _LOOKUP, words))
    marked, marked_hits = await marks
    # The pairs and prefixes found are most of the load's followed terms: their ids are
    # written out while the lookup still runs.
    found_ids = await asyncio.to_thread(_find_marked, batch, marked)
    followed, hits = await lookup
    # The followed words and the followed pairs and prefixes (their keys never meet): SQLite
    # finds the patterns they settle while Python checks the others.
    words_ids = {word: batch.postings[word] for word in json.loads(followed)}
    terms = _joined(_json(words_ids), found_ids)
    settling = asyncio.ensure_future(_row(reader or conn, _SETTLED, terms))
    matched, checked = await asyncio.to_thread(_partial, batch, (hits, marked_hits))
    settled, count = await settling
    await conn.execute(_KEEP, (_joined(settled, matched), load_id))
    return int(count) + checked, await along


def _find_marked(batch: Batch, marked: str) -> str:
    """The snippet ids of the followed pairs and prefixes the batch holds (Batch.find_marked),
    as a JSON object."""
    return _json(batch.find_marked(marked))


def _joined(first: str, second: str) -> str:
    """One JSON list of two lists, or one object of two objects whose keys never meet."""
    inner = [part[1:-1] for part in (first, second) if len(part) > 2]
    return first[0] + ",".join(inner) + first[-1]


async def _zero() -> int:
    return 0


def _retrieved(future: asyncio.Future[Any]) -> None:
    if not future.cancelled():
        future.exception()


async def last_snippet_id(conn: aiosqlite.Connection) -> int:
    """The id past which a load's snippets will be (SQLite gives new rows max(id) + 1)."""
    async with conn.execute("SELECT coalesce(max(id), 0) FROM snippets") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def _anyone_follows(conn: aiosqlite.Connection) -> bool:
    async with conn.execute("SELECT EXISTS (SELECT 1 FROM follow_terms)") as cursor:
        row = await cursor.fetchone()
    return bool(row and row[0])


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

    The bot makes the alerts, one per chat, from what each pattern matched (storage/alerts.py):
    a load costs an entry per matched pattern, however many chats follow it.
    """
    if not await _anyone_follows(conn):
        return 0
    # Tens of thousands of small objects and no cycles: the collector's passes over them cost
    # a sixth of matching (bench/follow.py). Collection resumes a fraction of a second later.
    with gc_paused(), quick_handoffs():
        said_now = await _said(conn, after_id, said or {})
        if not said_now:
            return 0
        load_id = await _new_load(conn, now, len(said_now))
        matched, _ = await write_matches(conn, said_now, load_id)
        return await _settle(conn, load_id, matched)


# Which of the load's content hashes (a JSON list) are stored already.
_STORED = """
    SELECT json_group_array(value) FROM json_each(?)
    WHERE EXISTS (SELECT 1 FROM snippets WHERE content_hash = value)
"""
# The content hashes of the snippets past an id, in id order.
_HASHES_PAST = """
    SELECT json_group_array(content_hash) FROM (
        SELECT content_hash FROM snippets WHERE id > ? ORDER BY id
    )
"""


@dataclass
class Upcoming:
    """The snippets a load is about to store, with the ids SQLite will give them: the next
    after the largest (an INTEGER PRIMARY KEY without AUTOINCREMENT), one by one, skipping
    the ones already stored (ON CONFLICT DO NOTHING takes no id). Knowing them, the load
    matches its snippets against the follows while SQLite writes the last of them
    (storage.briefings.save_all): Python and SQLite work at once, on two cores.

    The ids are checked once written (settle); were they ever different, what was matched is
    dropped and matched again from the snippets as stored.
    """

    db: Database
    after_id: int
    now: str
    # _MARKS's row, and the database's second connection (Database.open_reader), both made
    # ready while the load builds its rows.
    marks: asyncio.Future[list[str]]
    reading: asyncio.Future[None]
    digests: list[str] = field(default_factory=list)
    said: list[Said] = field(default_factory=list)
    load_id: int | None = None
    matched: int = 0
    as_expected: bool = False  # the ids written were the ones expected (_checked)

    @classmethod
    async def of(cls, db: Database, after_id: int, now: str) -> Upcoming | None:
        """The load's upcoming snippets (in the transaction open on db.conn), none yet, or
        None when nobody follows anything."""
        if not await _anyone_follows(db.conn):
            return None
        marks = asyncio.ensure_future(_row(db.conn, _MARKS))
        reading = asyncio.ensure_future(db.open_reader())
        for ahead in (marks, reading):
            # A load that fails before settle() raises its own error: theirs is not news.
            ahead.add_done_callback(_retrieved)
        return cls(db, after_id, now, marks, reading)

    @property
    def conn(self) -> aiosqlite.Connection:
        return self.db.conn

    async def expect(self, digests: Iterable[str], words: Words) -> None:
        """Note the snippets about to be written, by content hash (`words` holds what each
        was split into, storage/briefings.py): those new to the store get the next ids."""
        # A chunk is expected before it is written and after the one before it is: a hash
        # seen earlier in the load is stored by now.
        fresh = list(dict.fromkeys(digests))
        [stored] = await _row(self.conn, _STORED, _json(fresh))
        known = frozenset(json.loads(stored))
        for digest in fresh:
            if digest not in known:
                self.said.append((self.after_id + 1 + len(self.digests), *words[digest]))
                self.digests.append(digest)

    async def match_while(self, write: Awaitable[int]) -> int:
        """Run `write` (the load's last insert: how many rows it added) while every new
        snippet expected so far is matched; what `write` returned."""
        if not self.said or self.load_id is not None:
            return await write
        with gc_paused(), quick_handoffs():
            self.load_id = await _new_load(self.conn, self.now, len(self.said))
            await self.reading
            self.matched, added = await write_matches(
                self.conn,
                self.said,
                self.load_id,
                self._checked(write),
                self.marks,
                self.db.reader,
            )
        return added

    async def _checked(self, write: Awaitable[int]) -> int:
        """`write`, then whether the snippets past after_id are the ones expected, in order:
        checked while Python still matches."""
        added = await write
        [stored] = await _row(self.conn, _HASHES_PAST, self.after_id)
        self.as_expected = json.loads(stored) == self.digests
        return added

    async def settle(self, words: Words) -> int:
        """Once the load's snippets are written: match them if match_while did not, or again
        if their ids are not the ones expected; how many patterns matched."""
        await asyncio.gather(self.marks, self.reading)
        if not self.said:
            return 0
        if self.load_id is None:
            return await record_alerts(self.conn, self.after_id, self.now, words)
        if not self.as_expected:
            log.warning("a load's snippet ids were not the ones expected: matching again")
            await self.conn.execute("DELETE FROM alert_loads WHERE id = ?", (self.load_id,))
            return await record_alerts(self.conn, self.after_id, self.now, words)
        return await _settle(self.conn, self.load_id, self.matched)


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


async def _new_load(conn: aiosqlite.Connection, now: str, snippets: int) -> int:
    """The load's row (its id keys the matches)."""
    cursor = await conn.execute(
        "INSERT INTO alert_loads (at, snippets, last_follow_id)"
        " VALUES (?, ?, (SELECT coalesce(max(id), 0) FROM follows))",
        (now, snippets),
    )
    return int(cursor.lastrowid or 0)


async def _settle(conn: aiosqlite.Connection, load_id: int, matched: int) -> int:
    """How many patterns the load matched; a load that matched nothing leaves no row."""
    if not matched:
        await conn.execute("DELETE FROM alert_loads WHERE id = ?", (load_id,))
    return matched
