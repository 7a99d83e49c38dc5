"""The digest cache: a day's stories as built, valid while the day's content is unchanged."""

from __future__ import annotations

from datetime import date

from storage.db import Database
from storage.timefmt import now_text


async def get(db: Database, day: date, content_key: str) -> str | None:
    """The stored stories of `day` if they were built from content with this key."""
    async with db.conn.execute(
        "SELECT stories FROM digests WHERE day = ? AND content_key = ?",
        (day.isoformat(), content_key),
    ) as cursor:
        row = await cursor.fetchone()
    return str(row[0]) if row else None


async def put(db: Database, day: date, content_key: str, stories: str) -> None:
    """Store the day's stories, replacing what was built from older content."""
    async with db.transaction() as conn:
        await conn.execute(
            """
            INSERT INTO digests (day, content_key, stories, built_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (day) DO UPDATE SET
                content_key = excluded.content_key,
                stories = excluded.stories,
                built_at = excluded.built_at
            """,
            (day.isoformat(), content_key, stories, now_text()),
        )
