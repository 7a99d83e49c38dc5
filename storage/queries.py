"""Search queries kept server-side, so a button can name any query in a few bytes."""

from __future__ import annotations

from storage.db import Database
from storage.timefmt import now_text


async def remember(db: Database, query: str) -> int:
    """The short id of a query, the same id every time the same query is asked."""
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO search_queries (query, created_at) VALUES (?, ?)"
            " ON CONFLICT (query) DO NOTHING",
            (query, now_text()),
        )
        async with conn.execute("SELECT id FROM search_queries WHERE query = ?", (query,)) as cur:
            row = await cur.fetchone()
    assert row is not None
    return int(row[0])


async def recall(db: Database, query_id: int) -> str | None:
    async with db.conn.execute("SELECT query FROM search_queries WHERE id = ?", (query_id,)) as cur:
        row = await cur.fetchone()
    return str(row[0]) if row else None
