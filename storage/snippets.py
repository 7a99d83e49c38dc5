"""Snippets: reading a day's snippets and searching them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from storage.briefings import optional_text
from storage.db import Database
from storage.models import SearchPage, Snippet
from storage.search_query import fts_match, query_terms
from storage.timefmt import parse_utc

_COLUMNS = "s.id, s.day, s.text, s.source, s.url, s.published_at, s.lang"


def _snippet(row: Sequence[object]) -> Snippet:
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


async def search(db: Database, query: str, *, limit: int = 5, offset: int = 0) -> SearchPage:
    """The best matches for every word of the query, best first, one page at a time."""
    terms = query_terms(query)
    match = fts_match(terms)
    if match is None:
        return SearchPage(hits=(), total=0, offset=0, terms=terms)
    async with db.conn.execute(
        "SELECT count(*) FROM snippets_fts WHERE snippets_fts MATCH ?", (match,)
    ) as cursor:
        row = await cursor.fetchone()
    total = int(row[0]) if row else 0
    async with db.conn.execute(
        f"""
        SELECT {_COLUMNS} FROM snippets_fts f JOIN snippets s ON s.id = f.rowid
        WHERE snippets_fts MATCH ?
        ORDER BY f.rank, s.published_at DESC
        LIMIT ? OFFSET ?
        """,
        (match, limit, offset),
    ) as cursor:
        hits = tuple(_snippet(row) for row in await cursor.fetchall())
    return SearchPage(hits=hits, total=total, offset=offset, terms=terms)
