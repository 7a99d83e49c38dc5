"""Search queries kept server-side, so a button can name any query in a few bytes."""

from __future__ import annotations

from storage.db import Database
from storage.timefmt import now_text


async def remember(db: Database, query: str) -> int:
    """The short id of a query, the same id every time the same query is asked."""
    # DO UPDATE (not DO NOTHING) so that RETURNING yields the id of an existing row too.
    rows = await db.write_one(
        "INSERT INTO search_queries (query, created_at) VALUES (?, ?)"
        " ON CONFLICT (query) DO UPDATE SET query = excluded.query RETURNING id",
        (query, now_text()),
    )
    return int(rows[0][0])


async def recall(db: Database, query_id: int) -> str | None:
    rows = list(
        await db.conn.execute_fetchall("SELECT query FROM search_queries WHERE id = ?", (query_id,))
    )
    return str(rows[0][0]) if rows else None
