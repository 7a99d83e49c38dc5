"""Subscribers: private chats, groups and channels that receive the daily briefing."""

from __future__ import annotations

from collections.abc import Sequence

from storage.briefings import optional_text
from storage.db import Database
from storage.models import Subscriber
from storage.timefmt import now_text, parse_utc, utc_text

_COLUMNS = "chat_id, kind, title, language, timezone, push_time, active, next_push_at"


def _subscriber(row: Sequence[object]) -> Subscriber:
    next_push = optional_text(row[7])
    return Subscriber(
        chat_id=int(str(row[0])),
        kind=str(row[1]),
        title=optional_text(row[2]),
        language=str(row[3]),
        timezone=str(row[4]),
        push_time=str(row[5]),
        active=bool(row[6]),
        next_push_at=parse_utc(next_push) if next_push else None,
    )


async def upsert(db: Database, subscriber: Subscriber) -> None:
    now = now_text()
    next_push = utc_text(subscriber.next_push_at) if subscriber.next_push_at else None
    async with db.transaction() as conn:
        await conn.execute(
            f"""
            INSERT INTO subscribers ({_COLUMNS}, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (chat_id) DO UPDATE SET
                kind = excluded.kind, title = excluded.title, language = excluded.language,
                timezone = excluded.timezone, push_time = excluded.push_time,
                active = excluded.active, next_push_at = excluded.next_push_at,
                updated_at = excluded.updated_at
            """,
            (
                subscriber.chat_id,
                subscriber.kind,
                subscriber.title,
                subscriber.language,
                subscriber.timezone,
                subscriber.push_time,
                int(subscriber.active),
                next_push,
                now,
                now,
            ),
        )


async def get(db: Database, chat_id: int) -> Subscriber | None:
    async with db.conn.execute(
        f"SELECT {_COLUMNS} FROM subscribers WHERE chat_id = ?", (chat_id,)
    ) as cursor:
        row = await cursor.fetchone()
    return _subscriber(row) if row else None


async def set_active(db: Database, chat_id: int, active: bool) -> bool:
    """Turn deliveries to a chat on or off; False when the chat is not a subscriber."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE subscribers SET active = ?, updated_at = ? WHERE chat_id = ?",
            (int(active), now_text(), chat_id),
        )
        return cursor.rowcount > 0


async def migrate_chat(db: Database, old_chat_id: int, new_chat_id: int) -> None:
    """Follow a group that became a supergroup; its ledger moves with it (ON UPDATE CASCADE)."""
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE subscribers SET chat_id = ?, updated_at = ? WHERE chat_id = ?",
            (new_chat_id, now_text(), old_chat_id),
        )
