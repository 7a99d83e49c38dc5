"""Snippets: reading a day's snippets and searching them."""

from __future__ import annotations

import logging
import sqlite3
from collections import Counter
from collections.abc import Sequence
from datetime import date

from storage.briefings import optional_text
from storage.db import Database
from storage.models import SearchPage, Snippet
from storage.search_match import Names, Plan, plan
from storage.search_query import Query, parse
from storage.search_rank import Candidate, inverse_frequency, marked_words, rank
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


async def _window(db: Database, match: str, number: int) -> list[tuple[Candidate, Row]]:
    """The number-th window of matches, newest first, with the words FTS5 matched marked."""
    # One round trip to the database thread fetches the window and its snippets: under load,
    # each hop costs more than the query itself.
    rows = await db.conn.execute_fetchall(
        f"""
        SELECT {_COLUMNS}, length(s.text),
            highlight(snippets_fts, 0, char(1), char(2)),
            highlight(snippets_fts, 1, char(1), char(2))
        FROM snippets_fts f JOIN snippets s ON s.id = f.rowid
        WHERE snippets_fts MATCH ?
        ORDER BY f.rowid DESC LIMIT ? OFFSET ?
        """,
        (match, WINDOW, number * WINDOW),
    )
    return [
        (
            Candidate(
                id=int(row[0]),
                published_at=parse_utc(str(row[5])),
                length=int(row[7]),
                marked=marked_words(str(row[8])),
                marked_forms=marked_words(str(row[9])) if row[9] else Counter(),
            ),
            row,
        )
        for row in rows
    ]


async def _ranked(
    db: Database, expanded: Plan, match: str, offset: int, limit: int, words: Vocabulary
) -> tuple[list[Snippet], int | None]:
    """One page of snippets, best first; the total too when a window held the last match."""
    idf = inverse_frequency(words.documents, words.df)
    hits: list[Snippet] = []
    total = None
    for number in range(offset // WINDOW, (offset + limit - 1) // WINDOW + 1):
        window = await _window(db, match, number)
        rows = {candidate.id: row for candidate, row in window}
        ranked = rank([candidate for candidate, _ in window], expanded, idf)
        start = max(offset - number * WINDOW, 0)
        hits.extend(_snippet(rows[i]) for i in ranked[start : start + limit - len(hits)])
        if len(window) < WINDOW:
            total = number * WINDOW + len(window)
            break
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
        if total is None:
            total = await _count_matches(db, match)
    except sqlite3.Error as error:
        # Built from quoted words only, the expression should always parse; if FTS5 still
        # refuses it, the user gets "no results", not an error.
        log.warning("search failed for %s: %s", match, error)
        return empty
    total = max(total, offset + len(hits))
    return SearchPage(hits=tuple(hits), total=total, offset=offset, terms=terms)
