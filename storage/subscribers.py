"""Subscribers: private chats, groups and channels that receive the daily briefing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from storage.briefings import optional_text
from storage.db import Database
from storage.models import Subscriber
from storage.timefmt import now_text, parse_utc, utc_text

_COLUMNS = (
    "chat_id, kind, title, language, timezone, push_time, active, next_push_at,"
    " username, inactive_reason, added_by"
)
# Why a chat no longer receives the push: its own choice, a 403, the bot lost its post right.
UNSUBSCRIBED, BLOCKED, REMOVED = "unsubscribed", "blocked", "removed"


@dataclass(frozen=True, slots=True)
class Counts:
    """Subscribers by kind and state, for /stats."""

    users: int = 0
    groups: int = 0
    channels: int = 0
    blocked: int = 0
    unsubscribed: int = 0
    removed: int = 0

    @property
    def active(self) -> int:
        return self.users + self.groups + self.channels


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
        username=optional_text(row[8]),
        inactive_reason=optional_text(row[9]),
        added_by=int(str(row[10])) if row[10] is not None else None,
    )


def _row(subscriber: Subscriber, now: str) -> tuple[object, ...]:
    next_push = utc_text(subscriber.next_push_at) if subscriber.next_push_at else None
    return (
        subscriber.chat_id,
        subscriber.kind,
        subscriber.title,
        subscriber.language,
        subscriber.timezone,
        subscriber.push_time,
        int(subscriber.active),
        next_push,
        subscriber.username,
        None if subscriber.active else subscriber.inactive_reason or UNSUBSCRIBED,
        subscriber.added_by,
        now,
        now,
    )


_UPSERT = f"""
    INSERT INTO subscribers ({_COLUMNS}, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (chat_id) DO UPDATE SET
        kind = excluded.kind, title = excluded.title, language = excluded.language,
        timezone = excluded.timezone, push_time = excluded.push_time,
        active = excluded.active, next_push_at = excluded.next_push_at,
        username = excluded.username, inactive_reason = excluded.inactive_reason,
        added_by = coalesce(excluded.added_by, added_by), updated_at = excluded.updated_at
"""


async def upsert(db: Database, subscriber: Subscriber) -> None:
    """Write the subscriber whole: a new chat, or new settings for a known one."""
    await upsert_many(db, [subscriber])


async def upsert_many(db: Database, subscribers: Sequence[Subscriber]) -> None:
    now = now_text()
    async with db.transaction() as conn:
        await conn.executemany(_UPSERT, [_row(s, now) for s in subscribers])


async def get(db: Database, chat_id: int) -> Subscriber | None:
    async with db.conn.execute(
        f"SELECT {_COLUMNS} FROM subscribers WHERE chat_id = ?", (chat_id,)
    ) as cursor:
        row = await cursor.fetchone()
    return _subscriber(row) if row else None


async def find_by_username(db: Database, username: str) -> Subscriber | None:
    async with db.conn.execute(
        f"SELECT {_COLUMNS} FROM subscribers WHERE username = ? COLLATE NOCASE",
        (username.removeprefix("@"),),
    ) as cursor:
        row = await cursor.fetchone()
    return _subscriber(row) if row else None


async def channels(db: Database) -> list[Subscriber]:
    """Every channel ever subscribed, active ones first, by title."""
    async with db.conn.execute(
        f"SELECT {_COLUMNS} FROM subscribers WHERE kind = 'channel'"
        " ORDER BY active DESC, coalesce(title, username, '') COLLATE NOCASE, chat_id"
    ) as cursor:
        rows = await cursor.fetchall()
    return [_subscriber(row) for row in rows]


async def deactivate(db: Database, chat_id: int, reason: str) -> bool:
    """Stop deliveries to the chat, saying why; False when it was not an active subscriber."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE subscribers SET active = 0, inactive_reason = ?, updated_at = ?"
            " WHERE chat_id = ? AND active = 1",
            (reason, now_text(), chat_id),
        )
        return cursor.rowcount > 0


async def reactivate(db: Database, chat_id: int, reason: str, next_push_at: datetime) -> bool:
    """Resume deliveries to a chat stopped for `reason` (a user who blocked the bot came back)."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE subscribers SET active = 1, inactive_reason = NULL, next_push_at = ?,"
            " updated_at = ? WHERE chat_id = ? AND active = 0 AND inactive_reason = ?",
            (utc_text(next_push_at), now_text(), chat_id, reason),
        )
        return cursor.rowcount > 0


async def set_language(db: Database, chat_id: int, language: str) -> bool:
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE subscribers SET language = ?, updated_at = ? WHERE chat_id = ?",
            (language, now_text(), chat_id),
        )
        return cursor.rowcount > 0


async def migrate_chat(db: Database, old_chat_id: int, new_chat_id: int) -> None:
    """Follow a group that became a supergroup; its ledger moves with it (ON UPDATE CASCADE)."""
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE OR IGNORE subscribers SET chat_id = ?, updated_at = ? WHERE chat_id = ?",
            (new_chat_id, now_text(), old_chat_id),
        )


async def counts(db: Database) -> Counts:
    async with db.conn.execute(
        "SELECT kind, active, inactive_reason, count(*) FROM subscribers"
        " GROUP BY kind, active, inactive_reason"
    ) as cursor:
        rows = await cursor.fetchall()
    tally: dict[str, int] = {}
    for kind, active, reason, number in rows:
        key = f"{kind}s" if active else str(reason or UNSUBSCRIBED)
        tally[key] = tally.get(key, 0) + int(number)
    return Counts(**{k: v for k, v in tally.items() if k in Counts.__dataclass_fields__})


async def due(db: Database, now: datetime, limit: int) -> list[Subscriber]:
    """Active subscribers whose next push is at or before `now`, earliest first."""
    async with db.conn.execute(
        f"SELECT {_COLUMNS} FROM subscribers WHERE active = 1 AND next_push_at <= ?"
        " ORDER BY next_push_at, chat_id LIMIT ?",
        (utc_text(now), limit),
    ) as cursor:
        rows = await cursor.fetchall()
    return [_subscriber(row) for row in rows]
