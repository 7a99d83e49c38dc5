"""Briefings: saving a day's content in one transaction, and reading days back."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import UTC, date, tzinfo

import aiosqlite

from storage.db import Database
from storage.follow_matching import Upcoming, Words, last_snippet_id
from storage.models import Briefing, NewBriefing, NewSnippet, SaveResult
from storage.normalize import content_hash, search_form_of, words_of
from storage.timefmt import now_text, start_of_day, utc_text

# Rows written per executemany call: big enough to amortise the call, small enough that a
# progress bar moves smoothly through a large file.
CHUNK = 5_000

# A chunk of rows in one statement, from one JSON list: SQLite writes them all in one step,
# without the interpreter, where executemany takes the GIL back for every row. 1 000 rows
# (bench/load.py's): 51 ms with executemany, 22 ms this way, JSON included. Rows go in in
# the list's order, which gives the new ones their ids in that order (storage.follow_matching
# .Upcoming counts on it). "WHERE true" tells the parser ON CONFLICT belongs to the INSERT.
_INSERT_SNIPPETS = """
    INSERT INTO snippets
        (day, text, search_text, source, url, published_at, lang, content_hash, created_at)
    SELECT
        json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'),
        json_extract(value, '$[3]'), json_extract(value, '$[4]'), json_extract(value, '$[5]'),
        json_extract(value, '$[6]'), json_extract(value, '$[7]'), json_extract(value, '$[8]')
    FROM json_each(?) WHERE true
    ORDER BY key
    ON CONFLICT (content_hash) DO NOTHING
"""
# Where a row's content hash is (snippet_row's order).
_HASH = 7


def snippet_row(day: date, snippet: NewSnippet, tz: tzinfo, created: str) -> tuple[object, ...]:
    return _row(day.isoformat(), utc_text(start_of_day(day, tz)), snippet, created, {})


def _row(
    day: str, day_start: str, snippet: NewSnippet, created: str, said: Words
) -> tuple[object, ...]:
    # The day's texts are computed once per briefing, not once per snippet: a load runs this
    # for every snippet, and its Python time adds straight onto SQLite's.
    published = day_start if snippet.published_at is None else utc_text(snippet.published_at)
    words = words_of(snippet.text)
    search_text = search_form_of(words, snippet.lang)
    digest = content_hash(snippet.text)
    # The words are split once: the follows are matched on them (storage/follow_matching.py).
    said[digest] = (words, search_text)
    return (
        day,
        snippet.text,
        search_text,
        snippet.source,
        snippet.url,
        published,
        snippet.lang,
        digest,
        created,
    )


def insert_rows(conn: aiosqlite.Connection, rows: list[tuple[object, ...]]) -> Awaitable[int]:
    """Insert the rows (snippet_row's); how many were new (duplicates are skipped).

    The rows become JSON here, at the call: awaiting the result only waits for SQLite, so
    matching running beside it (storage.follow_matching.Upcoming) has the interpreter to
    itself."""
    return _insert_json(conn, json.dumps(rows, ensure_ascii=False))


async def _insert_json(conn: aiosqlite.Connection, rows: str) -> int:
    cursor = await conn.execute(_INSERT_SNIPPETS, (rows,))
    # rowcount counts the rows the statement inserted: not the conflicts (duplicates), not
    # the trigger's writes to the FTS index.
    return max(cursor.rowcount, 0)


async def _save_one(
    conn: aiosqlite.Connection,
    briefing: NewBriefing,
    tz: tzinfo,
    created: str,
    on_progress: Callable[[int], None] | None,
    said: Words,
    upcoming: Upcoming | None,
    last: bool,
) -> SaveResult:
    """Save one day (its briefing and its snippets, a chunk at a time); `upcoming` learns the
    snippets' ids ahead, and follows are matched while the `last` day's last chunk is written."""
    day = briefing.day.isoformat()
    # A later file may add snippets to a day without repeating its title: keep what is there.
    await conn.execute(
        """
        INSERT INTO briefings (day, title, summary, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (day) DO UPDATE SET
            title = coalesce(excluded.title, title),
            summary = coalesce(excluded.summary, summary),
            updated_at = excluded.updated_at
        """,
        (day, briefing.title, briefing.summary, created, created),
    )
    day_start = utc_text(start_of_day(briefing.day, tz))
    added = 0
    total = len(briefing.snippets)
    for start in range(0, total, CHUNK):
        chunk = briefing.snippets[start : start + CHUNK]
        rows = [_row(day, day_start, s, created, said) for s in chunk]
        if upcoming is None:
            added += await insert_rows(conn, rows)
        else:
            await upcoming.expect((str(row[_HASH]) for row in rows), said)
            write = insert_rows(conn, rows)
            ending = last and start + CHUNK >= total
            added += await (upcoming.match_while(write) if ending else write)
        if on_progress is not None:
            on_progress(len(rows))
    return SaveResult(day=briefing.day, added=added, duplicates=total - added)


async def save_all(
    db: Database,
    briefings: Iterable[NewBriefing],
    tz: tzinfo = UTC,
    on_progress: Callable[[int], None] | None = None,
) -> list[SaveResult]:
    """Save several briefings (one file's worth) atomically; duplicates are skipped and counted.

    The new snippets are matched against the follows in the same transaction, so their alerts
    are queued exactly when the content commits (storage/follow_matching.py).
    """
    created = now_text()
    async with db.transaction() as conn:
        upcoming = await Upcoming.of(db, await last_snippet_id(conn), created)
        days = list(briefings)
        said: Words = {}
        results = [
            await _save_one(conn, b, tz, created, on_progress, said, upcoming, n == len(days))
            for n, b in enumerate(days, start=1)
        ]
        if upcoming is not None:
            await upcoming.settle(said)
        return results


def optional_text(value: object) -> str | None:
    return None if value is None else str(value)


def _briefing(row: Sequence[object]) -> Briefing:
    return Briefing(
        day=date.fromisoformat(str(row[0])),
        title=optional_text(row[1]),
        summary=optional_text(row[2]),
    )


async def get(db: Database, day: date) -> Briefing | None:
    async with db.conn.execute(
        "SELECT day, title, summary FROM briefings WHERE day = ?", (day.isoformat(),)
    ) as cursor:
        row = await cursor.fetchone()
    return _briefing(row) if row else None


async def latest(db: Database, on_or_before: date | None = None) -> Briefing | None:
    """The most recent day that has content, optionally no later than a given day."""
    limit = (on_or_before or date.max).isoformat()
    async with db.conn.execute(
        "SELECT day, title, summary FROM briefings WHERE day <= ? ORDER BY day DESC LIMIT 1",
        (limit,),
    ) as cursor:
        row = await cursor.fetchone()
    return _briefing(row) if row else None


async def count(db: Database) -> int:
    async with db.conn.execute("SELECT count(*) FROM briefings") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0
