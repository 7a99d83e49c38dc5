"""Per-user preferences: the interface language chosen with /lang."""

from __future__ import annotations

from storage.db import Database
from storage.timefmt import now_text


async def get_language(db: Database, user_id: int) -> str | None:
    rows = list(
        await db.conn.execute_fetchall("SELECT language FROM users WHERE user_id = ?", (user_id,))
    )
    return str(rows[0][0]) if rows and rows[0][0] else None


async def set_language(db: Database, user_id: int, language: str) -> None:
    await db.write_one(
        """
        INSERT INTO users (user_id, language, updated_at) VALUES (?, ?, ?)
        ON CONFLICT (user_id) DO UPDATE SET
            language = excluded.language, updated_at = excluded.updated_at
        """,
        (user_id, language, now_text()),
    )
