"""Snippets: reading a day's snippets and searching them."""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from collections.abc import Sequence
from datetime import date

from storage.briefings import optional_text
from storage.db import Database
from storage.models import SearchPage, Snippet
from storage.search_days import Day
from storage.search_match import Names, Plan, plan
from storage.search_query import Query, parse
from storage.search_rank import Candidate, inverse_frequency, rank
from storage.timefmt import parse_utc
from storage.vocabulary import Vocabulary, vocabulary

_COLUMNS = "s.id, s.day, s.text, s.source, s.url, s.published_at, s.lang"
# Matches are ranked a window at a time, newest window first (storage/search_rank.py).
WINDOW = 50
# Counting stops here: a page says "more than 200" rather than walk every match.
COUNT_CAP = 200

log = logging.getLogger(__name__)
Row = Sequence[object]


def _snippet(row: Row) -> Snippet:
    return Snippet(
        id=int(str(row[0])),
        day=date.fromisoformat(str(row[1])),
        text=str(row[2]),
        source=optional_text(row[3]),
        url=optional_text(row[4]),
        published_at=parse_utc(str(row[5])),
        lang=str(row[6]),
    )


async def for_day(db: Database, day: date) -> list[Snippet]:
    """The day's snippets in the order they were published (and loaded)."""
    async with db.conn.execute(
        f"SELECT {_COLUMNS} FROM snippets s WHERE s.day = ? ORDER BY s.published_at, s.id",
        (day.isoformat(),),
    ) as cursor:
        return [_snippet(row) for row in await cursor.fetchall()]


async def get(db: Database, snippet_id: int) -> Snippet | None:
    async with db.conn.execute(
        f"SELECT {_COLUMNS} FROM snippets s WHERE s.id = ?", (snippet_id,)
    ) as cursor:
        row = await cursor.fetchone()
    return _snippet(row) if row else None


async def count(db: Database) -> int:
    async with db.conn.execute("SELECT count(*) FROM snippets") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def _count_matches(db: Database, match: str) -> int:
    """How many snippets match, counted up to COUNT_CAP + 1."""
    rows = await db.conn.execute_fetchall(
        "SELECT count(*) FROM (SELECT 1 FROM snippets_fts WHERE snippets_fts MATCH ? LIMIT ?)",
        (match, COUNT_CAP + 1),
    )
    return int(next(iter(rows))[0])


# Search ranks the last SCAN matches loaded, in windows by publication time, newest first:
# FTS5 yields matches in rowid (loading) order at almost no cost, and a day loaded late would
# otherwise come before newer news. Pages stop at COUNT_CAP, so no window lies beyond SCAN.
SCAN = (COUNT_CAP // WINDOW + 1) * WINDOW
# Below this many possible matches (storage.search_match.Plan.most_matches), the matches are
# walked oldest first, all of them: for a phrase whose words seldom touch, FTS5 walks every
# snippet holding them whichever way it goes, and forwards costs it half to two thirds of
# backwards.
ASCENDING_SCAN = 5_000
# Above it, a phrase may still match only a few hundred times ("kazan le": "le" in half the
# snippets, "kazan" in 19 000), and walking backwards to its SCAN newest matches walks half the
# common word's doclist or more, at up to twice the cost. So only the newest 1/FIRST_SLICE of
# the snippets is walked backwards (a frequent phrase has its SCAN matches there); older ones
# are walked forwards in slices, each as wide as the rate found so far says the missing
# matches need (older_slice), unless the newest slice held 1/CLOSE_BY of them or more: the
# rest then lies close, and walking on backwards in the statement that reads the page costs
# less than more statements.
FIRST_SLICE = 16
CLOSE_BY = 4

# Past this many entries of a phrase's commonest word to step through in a walk (estimated
# from the vocabulary), the walk is split in two halves of the ids, walked at once on the
# database's two connections (Database.open_reader), two cores. At ~5 ns an entry a walk of
# 20 000 is ~0.1 ms, but a phrase of two common words costs several times that per entry
# (both doclists, and the positions wherever they meet: "ukrainien un", 3.3 ms for 73 000):
# paired with one walk on 500 "any bigram" queries at a million snippets, p99 9.7 -> 7.8 and
# 9.7 -> 9.6 ms splitting past 20 000 entries, 13.1 -> 10.4 and 11.7 -> 9.9 past 100 000 (the
# VM's speed varies by a third between runs); p50 +0.1-0.3 ms, the extra round trip.
SPLIT_WALK = 20_000
# Above any snippet id.
_NO_END = 2**63 - 1

# One statement, so one round trip to the database thread (under load, each hop costs more
# than the query): the last matches loaded, counted, and the rows of the windows a page needs,
# each with its day's title and summary.
_WINDOWS = f"""
    WITH hits AS MATERIALIZED ({{hits}}),
    latest AS MATERIALIZED (
        SELECT s.id, s.published_at
        FROM (SELECT id FROM hits ORDER BY id DESC LIMIT ?) AS h JOIN snippets s ON s.id = h.id
    )
    SELECT (SELECT count(*) FROM hits), {_COLUMNS}, s.search_text, b.title, b.summary
    FROM (
        SELECT id FROM latest ORDER BY published_at DESC, id DESC LIMIT ? OFFSET ?
    ) AS w
    JOIN snippets s ON s.id = w.id
    LEFT JOIN briefings b ON b.day = s.day
    ORDER BY s.published_at DESC, s.id DESC
"""
_HITS = """
    SELECT rowid AS id FROM snippets_fts WHERE snippets_fts MATCH ? AND rowid > ?
    ORDER BY rowid {order} LIMIT ?
"""
_NEWEST = _HITS.format(order="DESC")
_LAST_LOADED = _WINDOWS.format(hits=_NEWEST)
_ALL_OLDEST_FIRST = _WINDOWS.format(hits=_HITS.format(order="ASC"))
_SLICE = "SELECT rowid FROM snippets_fts WHERE snippets_fts MATCH ? AND rowid > ? AND rowid <= ?"
_FOUND = _WINDOWS.format(hits="SELECT value AS id FROM json_each(?)")
# The matches found, and all the older ones, walked forwards.
_FOUND_THEN_ALL_OLDER = _WINDOWS.format(
    hits="""
        SELECT value AS id FROM json_each(?) UNION ALL
        SELECT rowid AS id FROM snippets_fts WHERE snippets_fts MATCH ? AND rowid <= ?"""
)
# The matches found, and the newest older ones walked backwards to make up `scan`.
_FOUND_THEN_OLDER = _WINDOWS.format(
    hits="""
        SELECT value AS id FROM json_each(?) UNION ALL SELECT id FROM (
            SELECT rowid AS id FROM snippets_fts WHERE snippets_fts MATCH ? AND rowid <= ?
            ORDER BY rowid DESC LIMIT ?
        )"""
)


def older_slice(found: int, scan: int, top: int, walked_to: int) -> int:
    """Where the next slice of older snippets starts (it ends at `walked_to`), from the rate of
    the `found` matches among the ids above (up to `top`): short of the missing ones of `scan`
    while that rate is a guess from few matches (the next slice, judged on more, is cheaper
    than walking too far), then past them by two standard deviations; -1 (all the rest) when
    none were found or little would be left."""
    if not found:
        return -1
    missing = scan - found
    expected = missing * (1 - found**-0.5) + 2 * missing**0.5
    width = expected * (top - walked_to) / found
    start = int(walked_to - width)
    # What a slice would leave below costs less to walk now than in one more statement.
    return -1 if start < width / 4 else start


async def _newest_first(
    db: Database, match: str, scan: int, page: tuple[int, int], words: Vocabulary, walk: int
) -> list[Row]:
    """The windows' rows (_WINDOWS), for a phrase that may match seldom: the newest snippets
    walked backwards, then older ones forwards a slice at a time, until `scan` matches are
    found (FIRST_SLICE). `walk`: the entries of its commonest word, for the whole index."""
    top = words.last_id
    start = max(top - max(words.documents // FIRST_SLICE, 1), -1)
    # Backwards, with no upper end: a frequent phrase stops at its `scan` newest matches, and
    # snippets loaded since the vocabulary was read count.
    found = [int(row[0]) for row in await db.conn.execute_fetchall(_NEWEST, (match, start, scan))]
    if scan > len(found) >= scan / CLOSE_BY:  # the rest lies close: walk back to it
        params = (json.dumps(found), match, start, scan - len(found), scan, *page)
        return list(await db.conn.execute_fetchall(_FOUND_THEN_OLDER, params))
    while len(found) < scan and start > -1:
        start, end = older_slice(len(found), scan, top, start), start
        entries = walk * (end - start) // max(top, 1)
        if start == -1 and (db.reader is None or entries <= SPLIT_WALK):
            # All the rest: in the statement that reads the page, one trip fewer.
            rest = (json.dumps(found), match, end, scan, *page)
            return list(await db.conn.execute_fetchall(_FOUND_THEN_ALL_OLDER, rest))
        found.extend(await _walk(db, match, (start, end), top, entries))
    return list(await db.conn.execute_fetchall(_FOUND, (json.dumps(found), scan, *page)))


async def _walk(
    db: Database, match: str, span: tuple[int, int], top: int, entries: int
) -> list[int]:
    """The ids of the matches in the span of ids (start, end], oldest first (`top`: the last
    id the vocabulary knows). A walk stepping through more than SPLIT_WALK entries (`entries`,
    estimated) is split in two halves walked at once: the older on the reader, the newer on
    the main connection. SQLite leaves the GIL while it walks: the halves share two cores."""
    start, end = span
    if db.reader is None or entries <= SPLIT_WALK:
        rows = await db.conn.execute_fetchall(_SLICE, (match, start, end))
        return [int(row[0]) for row in rows]
    middle = start + (min(end, top) - start) // 2
    older, newer = await asyncio.gather(
        db.reader.execute_fetchall(_SLICE, (match, start, middle)),
        db.conn.execute_fetchall(_SLICE, (match, middle, end)),
    )
    return [int(row[0]) for part in (older, newer) for row in part]


async def _windows(
    db: Database, expanded: Plan, match: str, first: int, last: int, words: Vocabulary
) -> tuple[list[list[tuple[Candidate, Row]]], int]:
    """Windows first..last of the matches, newest first, and how many matches there are, up to
    COUNT_CAP + 1 ("more than COUNT_CAP")."""
    scan = max(SCAN, (last + 1) * WINDOW)
    page = ((last - first + 1) * WINDOW, first * WINDOW)
    bound = expanded.most_matches(words.df)
    rows: list[Row]
    walk = expanded.longest_walk(words.df)
    if bound is not None and bound > ASCENDING_SCAN:
        rows = await _newest_first(db, match, scan, page, words, walk)
    elif bound is not None and db.reader and walk > SPLIT_WALK:
        found = await _walk(db, match, (-1, _NO_END), words.last_id, walk)
        rows = list(await db.conn.execute_fetchall(_FOUND, (json.dumps(found), scan, *page)))
    else:
        sql, walk = (_LAST_LOADED, scan) if bound is None else (_ALL_OLDEST_FIRST, -1)
        rows = list(await db.conn.execute_fetchall(sql, (match, -1, walk, scan, *page)))
    windows: list[list[tuple[Candidate, Row]]] = [[] for _ in range(first, last + 1)]
    days: dict[object, Day | None] = {}
    for index, row in enumerate(rows):
        if row[2] not in days:
            days[row[2]] = Day.of(optional_text(row[9]), optional_text(row[10]))
        candidate = Candidate.of(
            int(str(row[1])), parse_utc(str(row[6])), str(row[3]), str(row[8] or ""), days[row[2]]
        )
        windows[index // WINDOW].append((candidate, row[1:]))
    if rows:
        return windows, min(int(str(rows[0][0])), COUNT_CAP + 1)
    return windows, 0 if first == 0 else await _count_matches(db, match)


async def _ranked(
    db: Database, expanded: Plan, match: str, offset: int, limit: int, words: Vocabulary
) -> tuple[list[Snippet], int]:
    """One page of snippets, best first, and the number of matches."""
    idf = inverse_frequency(words.documents, words.df)
    first, last = offset // WINDOW, (offset + limit - 1) // WINDOW
    windows, total = await _windows(db, expanded, match, first, last, words)
    hits: list[Snippet] = []
    for number, window in enumerate(windows, start=first):
        rows = {candidate.id: row for candidate, row in window}
        ranked = rank([candidate for candidate, _ in window], expanded, idf)
        start = max(offset - number * WINDOW, 0)
        hits.extend(_snippet(rows[i]) for i in ranked[start : start + limit - len(hits)])
    return hits, total


async def search(
    db: Database,
    query: str | Query,
    *,
    limit: int = 5,
    offset: int = 0,
    names: Names | None = None,
) -> SearchPage:
    """The best matches for the query (storage/search_query.py), one page at a time.

    `names` is the gazetteer whose spellings a word also stands for. The total is exact up to
    COUNT_CAP; past it, it is COUNT_CAP + 1, which means "more than COUNT_CAP".
    """
    parsed = parse(query) if isinstance(query, str) else query
    words = await vocabulary(db)
    return await search_planned(
        db, plan(parsed, names, words), parsed.terms(), words, limit=limit, offset=offset
    )


async def search_planned(
    db: Database,
    expanded: Plan,
    terms: tuple[str, ...],
    words: Vocabulary,
    *,
    limit: int,
    offset: int,
) -> SearchPage:
    """search() for a query already expanded (bot.search keeps the plan to bold the hits)."""
    offset = max(0, min(offset, COUNT_CAP))
    empty = SearchPage(hits=(), total=0, offset=offset, terms=terms)
    match = expanded.match()
    if match is None or limit <= 0:
        return empty
    try:
        hits, total = await _ranked(db, expanded, match, offset, limit, words)
    except sqlite3.Error as error:
        # Built from quoted words only, the expression should always parse; if FTS5 still
        # refuses it, the user gets "no results", not an error.
        log.warning("search failed for %s: %s", match, error)
        return empty
    total = max(total, offset + len(hits))
    return SearchPage(hits=tuple(hits), total=total, offset=offset, terms=terms)
