"""Per-user preferences: the interface language chosen with /lang."""

from __future__ import annotations

from storage.db import Database
from storage.timefmt import now_text


async def get_language(db: Database, user_id: int) -> str | None:
    async with db.conn.execute("SELECT language FROM users WHERE user_id = ?", (user_id,)) as cur:
        row = await cur.fetchone()
    return str(row[0]) if row and row[0] else None


async def set_language(db: Database, user_id: int, language: str) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            """
            INSERT INTO users (user_id, language, updated_at) VALUES (?, ?, ?)
            ON CONFLICT (user_id) DO UPDATE SET
                language = excluded.language, updated_at = excluded.updated_at
            """,
            (user_id, language, now_text()),
        )
