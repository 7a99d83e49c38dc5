"""The delivery ledger: one row per (chat, day), so a push survives a restart."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from storage.briefings import optional_text
from storage.db import Database
from storage.models import Delivery
from storage.timefmt import now_text

STATES = ("pending", "sending", "sent", "failed", "skipped")


def _delivery(row: Sequence[object]) -> Delivery:
    ids = json.loads(str(row[4])) if row[4] else []
    return Delivery(
        chat_id=int(str(row[0])),
        day=date.fromisoformat(str(row[1])),
        state=str(row[2]),
        attempts=int(str(row[3])),
        message_ids=tuple(int(i) for i in ids),
        error=optional_text(row[5]),
    )


async def record(
    db: Database,
    chat_id: int,
    day: date,
    state: str,
    *,
    message_ids: Sequence[int] = (),
    error: str | None = None,
    attempted: bool = False,
) -> None:
    """Write the state of the (chat, day) delivery, counting an attempt when one was made."""
    if state not in STATES:
        raise ValueError(f"unknown delivery state {state!r}")
    async with db.transaction() as conn:
        await conn.execute(
            """
            INSERT INTO deliveries (chat_id, day, state, attempts, message_ids, error, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (chat_id, day) DO UPDATE SET
                state = excluded.state,
                attempts = attempts + excluded.attempts,
                message_ids = coalesce(excluded.message_ids, message_ids),
                error = excluded.error,
                updated_at = excluded.updated_at
            """,
            (
                chat_id,
                day.isoformat(),
                state,
                int(attempted),
                json.dumps(list(message_ids)) if message_ids else None,
                error,
                now_text(),
            ),
        )


async def get(db: Database, chat_id: int, day: date) -> Delivery | None:
    async with db.conn.execute(
        "SELECT chat_id, day, state, attempts, message_ids, error FROM deliveries"
        " WHERE chat_id = ? AND day = ?",
        (chat_id, day.isoformat()),
    ) as cursor:
        row = await cursor.fetchone()
    return _delivery(row) if row else None
