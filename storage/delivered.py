"""Reading the delivery ledger (storage/deliveries.py) for the messages a day was sent as.

A correction edits those messages in place: it needs each chat's message ids, the language the
briefing was rendered in (chosen as storage.deliveries.pending chooses it), and when the row
was last written (the parts were sent by then), since Telegram only lets old messages be.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from storage.db import Database
from storage.timefmt import parse_utc


@dataclass(frozen=True, slots=True)
class DeliveredDay:
    """One chat's copy of a day's briefing: its messages, in order."""

    chat_id: int
    kind: str  # user | group | channel
    language: str
    message_ids: tuple[int, ...]
    sent_at: datetime  # UTC: when the ledger recorded the last part


# The copies a correction touches: fully sent, to chats still subscribed.
_SENT_COPIES = """
    FROM deliveries d JOIN subscribers s ON s.chat_id = d.chat_id
    WHERE d.day = ? AND d.state = 'sent' AND s.active = 1 AND d.message_ids IS NOT NULL
"""


async def delivered(db: Database, day: date) -> list[DeliveredDay]:
    """Every active chat that received `day` in full, by chat id."""
    async with db.conn.execute(
        "SELECT d.chat_id, s.kind, coalesce((SELECT u.language FROM users u"
        " WHERE s.kind = 'user' AND u.user_id = d.chat_id), s.language),"
        f" d.message_ids, d.updated_at {_SENT_COPIES} ORDER BY d.chat_id",
        (day.isoformat(),),
    ) as cursor:
        rows = await cursor.fetchall()
    found = []
    for chat_id, kind, language, ids, sent_at in rows:
        message_ids = tuple(int(i) for i in json.loads(str(ids)))
        if message_ids:
            found.append(
                DeliveredDay(
                    int(chat_id), str(kind), str(language), message_ids, parse_utc(sent_at)
                )
            )
    return found


async def count(db: Database, day: date) -> int:
    """How many active chats received `day` (what a correction of that day will touch)."""
    async with db.conn.execute(
        f"SELECT count(*) {_SENT_COPIES}",
        (day.isoformat(),),
    ) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0
