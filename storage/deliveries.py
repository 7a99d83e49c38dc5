"""The delivery ledger: one row per (chat, day), so a push survives a restart.

A row is `pending` once the day is due for the chat, `sending` from just before its first
request until its outcome is written, then `sent`, `failed` or `skipped`. Rows still `sending`
when the bot starts were in flight at a crash: they are "in doubt" and go back to `pending`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from storage.briefings import optional_text
from storage.db import Database
from storage.models import Delivery
from storage.timefmt import now_text, parse_utc, utc_text

STATES = ("pending", "sending", "sent", "failed", "skipped")


@dataclass(frozen=True, slots=True)
class Planned:
    """A day that fell due for a chat: to send (`pending`) or too late (`skipped`)."""

    chat_id: int
    day: date
    due_at: datetime
    state: str = "pending"
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Pending:
    """A delivery to make, with what the sender needs to know about its chat."""

    chat_id: int
    day: date
    kind: str
    language: str
    active: bool
    message_ids: tuple[int, ...]  # parts already sent before a restart
    in_doubt: bool
    due_at: datetime


@dataclass(frozen=True, slots=True)
class Change:
    """A new state for one ledger row; `deactivate` also stops the chat's subscription."""

    chat_id: int
    day: date
    state: str
    message_ids: tuple[int, ...] | None = None
    error: str | None = None
    attempted: bool = False
    deactivate: str | None = None


def _ids(value: object) -> tuple[int, ...]:
    return tuple(int(i) for i in json.loads(str(value))) if value else ()


def _delivery(row: Sequence[object]) -> Delivery:
    due = optional_text(row[7])
    return Delivery(
        chat_id=int(str(row[0])),
        day=date.fromisoformat(str(row[1])),
        state=str(row[2]),
        attempts=int(str(row[3])),
        message_ids=_ids(row[4]),
        error=optional_text(row[5]),
        in_doubt=bool(row[6]),
        due_at=parse_utc(due) if due else None,
    )


async def plan(
    db: Database, planned: Sequence[Planned], advances: Sequence[tuple[int, datetime]]
) -> None:
    """Add the due rows (a day already in the ledger keeps its row) and move each chat's
    next push forward, in one transaction: a crash leaves both or neither."""
    now = now_text()
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO deliveries (chat_id, day, state, error, due_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id, day) DO NOTHING",
            [
                (p.chat_id, p.day.isoformat(), p.state, p.error, utc_text(p.due_at), now)
                for p in planned
            ],
        )
        await conn.executemany(
            "UPDATE subscribers SET next_push_at = ?, updated_at = ? WHERE chat_id = ?",
            [(utc_text(at), now, chat_id) for chat_id, at in advances],
        )


async def queue_day(db: Database, day: date, due_at: datetime) -> int:
    """Make `day` pending for every active subscriber that has not received it; how many are."""
    now = now_text()
    async with db.transaction() as conn:
        await conn.execute(
            """
            INSERT INTO deliveries (chat_id, day, state, error, due_at, updated_at)
            SELECT chat_id, ?, 'pending', NULL, ?, ? FROM subscribers WHERE active = 1
            ON CONFLICT (chat_id, day) DO UPDATE SET
                state = 'pending', error = NULL, due_at = excluded.due_at,
                updated_at = excluded.updated_at
            WHERE state IN ('failed', 'skipped')
            """,
            (day.isoformat(), utc_text(due_at), now),
        )
        async with conn.execute(
            "SELECT count(*) FROM deliveries d JOIN subscribers s USING (chat_id)"
            " WHERE d.day = ? AND d.state IN ('pending', 'sending') AND s.active = 1",
            (day.isoformat(),),
        ) as cursor:
            row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def pending(db: Database, day: date | None = None) -> list[Pending]:
    """The pending deliveries, earliest due first; a user's /lang choice sets the language."""
    where = "d.state = 'pending'" + (" AND d.day = ?" if day else "")
    async with db.conn.execute(
        f"""
        SELECT d.chat_id, d.day, s.kind, coalesce(u.language, s.language), s.active,
               d.message_ids, d.in_doubt, d.due_at
        FROM deliveries d JOIN subscribers s ON s.chat_id = d.chat_id
        LEFT JOIN users u ON s.kind = 'user' AND u.user_id = d.chat_id
        WHERE {where} ORDER BY d.due_at, d.chat_id
        """,
        (day.isoformat(),) if day else (),
    ) as cursor:
        rows = await cursor.fetchall()
    return [
        Pending(
            chat_id=int(row[0]),
            day=date.fromisoformat(str(row[1])),
            kind=str(row[2]),
            language=str(row[3]),
            active=bool(row[4]),
            message_ids=_ids(row[5]),
            in_doubt=bool(row[6]),
            due_at=parse_utc(str(row[7])),
        )
        for row in rows
    ]


# The whole batch as one JSON parameter and one statement: atomic on its own, and a single
# trip to aiosqlite's thread instead of BEGIN, executemany and COMMIT (the push writes the
# ledger hundreds of times a second, and each trip hands the GIL to that thread and back).
_APPLY_BATCH = """
UPDATE deliveries SET state = b.state, attempts = attempts + b.attempted,
    message_ids = coalesce(b.ids, message_ids), error = b.error, updated_at = ?
FROM (
    SELECT value ->> 0 AS chat_id, value ->> 1 AS day, value ->> 2 AS state,
           value ->> 3 AS attempted, value ->> 4 AS ids, value ->> 5 AS error
    FROM json_each(?)
) AS b
WHERE deliveries.chat_id = b.chat_id AND deliveries.day = b.day
"""


async def apply(db: Database, changes: Sequence[Change]) -> None:
    """Write several rows' new states at once, atomically (the sender batches its writes)."""
    for change in changes:
        if change.state not in STATES:
            raise ValueError(f"unknown delivery state {change.state!r}")
    if not changes:
        return
    now = now_text()
    rows = {(c.chat_id, c.day) for c in changes}
    if len(rows) == len(changes) and not any(c.deactivate for c in changes):
        batch = [
            [
                c.chat_id,
                c.day.isoformat(),
                c.state,
                int(c.attempted),
                None if c.message_ids is None else json.dumps(list(c.message_ids)),
                c.error,
            ]
            for c in changes
        ]
        await db.write_one(_APPLY_BATCH, (now, json.dumps(batch)))
        return
    # A row changed twice must change in order, and a subscription may stop with it.
    async with db.transaction() as conn:
        await conn.executemany(
            """
            UPDATE deliveries SET state = ?, attempts = attempts + ?,
                message_ids = coalesce(?, message_ids), error = ?, updated_at = ?
            WHERE chat_id = ? AND day = ?
            """,
            [
                (
                    c.state,
                    int(c.attempted),
                    None if c.message_ids is None else json.dumps(list(c.message_ids)),
                    c.error,
                    now,
                    c.chat_id,
                    c.day.isoformat(),
                )
                for c in changes
            ],
        )
        stopped = [(c.deactivate, now, c.chat_id) for c in changes if c.deactivate]
        if stopped:
            await conn.executemany(
                "UPDATE subscribers SET active = 0, inactive_reason = ?, updated_at = ?"
                " WHERE chat_id = ? AND active = 1",
                stopped,
            )


async def requeue_in_doubt(db: Database) -> int:
    """Put back in the queue the sends in flight when the bot stopped; how many there were."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE deliveries SET state = 'pending', in_doubt = 1, updated_at = ?"
            " WHERE state = 'sending'",
            (now_text(),),
        )
        return cursor.rowcount


async def get(db: Database, chat_id: int, day: date) -> Delivery | None:
    async with db.conn.execute(
        "SELECT chat_id, day, state, attempts, message_ids, error, in_doubt, due_at"
        " FROM deliveries WHERE chat_id = ? AND day = ?",
        (chat_id, day.isoformat()),
    ) as cursor:
        row = await cursor.fetchone()
    return _delivery(row) if row else None


async def states(db: Database, day: date) -> dict[str, int]:
    """How many of the day's deliveries are in each state."""
    async with db.conn.execute(
        "SELECT state, count(*) FROM deliveries WHERE day = ? GROUP BY state", (day.isoformat(),)
    ) as cursor:
        rows = await cursor.fetchall()
    return {str(state): int(number) for state, number in rows}
