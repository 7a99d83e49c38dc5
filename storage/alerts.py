"""The alert ledger: one row per (chat, load), so an alert survives a restart and goes out once.

A load records what each followed pattern matched (storage/follow_matching.py, committed with
the content); the bot's alert run turns each load it has not seen yet into one row per chat
whose follows matched (queue_new_loads). States as in the delivery ledger
(storage/deliveries.py): `pending` from then, `sending` from just before its request until its
outcome is written, then `sent`, `failed` or `skipped`. Rows still `sending` when a run starts
were in flight at a crash or in a run cut short: they go back to `pending`, marked in doubt. A
row held for quiet hours stays `pending` with a `due_at` (NULL otherwise: due as soon as the
bot sees it).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from storage.briefings import optional_text
from storage.db import Database
from storage.models import Snippet
from storage.snippets import get as get_snippet
from storage.timefmt import now_text, parse_utc, utc_text

STATES = ("pending", "sending", "sent", "failed", "skipped")
# An alert lists this many snippets at most (the first loaded); it says how many more there are.
MAX_LISTED = 8


@dataclass(frozen=True, slots=True)
class Counts:
    """Keyword alerts as /stats shows them."""

    follows: int  # follows in force
    chats: int  # chats following at least one query
    waiting: int  # alerts to send as soon as the bot can
    held: int  # alerts quiet hours hold
    sent: int
    failed: int
    skipped: int  # their chat had stopped the bot, or nothing left to list


async def counts(db: Database, now: datetime) -> Counts:
    """How many follows and chats following there are, and the alerts by state."""
    [row] = await db.conn.execute_fetchall(
        """
        SELECT
            (SELECT count(*) FROM follows),
            (SELECT count(DISTINCT chat_id) FROM follows),
            count(*) FILTER (WHERE state IN ('pending', 'sending')
                             AND (due_at IS NULL OR due_at <= :now)),
            count(*) FILTER (WHERE state = 'pending' AND due_at > :now),
            count(*) FILTER (WHERE state = 'sent'),
            count(*) FILTER (WHERE state = 'failed'),
            count(*) FILTER (WHERE state = 'skipped')
        FROM alerts
        """,
        {"now": utc_text(now)},
    )
    return Counts(*(int(value) for value in row))


@dataclass(frozen=True, slots=True)
class DueAlert:
    """A pending alert, with what delivering it needs to know about its chat."""

    chat_id: int
    load_id: int
    kind: str
    language: str
    timezone: str | None  # the chat's /tz, if it ever set one
    quiet: tuple[str, str] | None
    active: bool
    in_doubt: bool


@dataclass(frozen=True, slots=True)
class Change:
    """A new state for one alert; `deactivate` (a 403) also stops the chat's alerts and push."""

    chat_id: int
    load_id: int
    state: str
    message_id: int | None = None
    error: str | None = None
    attempted: bool = False
    deactivate: str | None = None


@dataclass(frozen=True, slots=True)
class Alert:
    chat_id: int
    load_id: int
    state: str
    attempts: int
    due_at: datetime | None  # set when quiet hours hold the alert
    in_doubt: bool
    message_id: int | None
    error: str | None


@dataclass(frozen=True, slots=True)
class Hit:
    """A snippet an alert lists, and the followed queries it matched."""

    snippet: Snippet
    queries: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Listing:
    hits: tuple[Hit, ...]
    matched: int  # the load's snippets the chat's follows match, listed or not


# What a load matched, kept on its row (storage/follow_matching.py), written out as one
# load_matches row per pattern.
_WRITE_OUT = """
    INSERT INTO load_matches (load_id, pattern_id, snippets)
    SELECT l.id, m.value ->> 0, m.value -> 1
    FROM alert_loads AS l, json_each(l.matched) AS m WHERE l.alerted = 0
"""


async def queue_new_loads(db: Database) -> int:
    """Queue one pending alert per chat for each load not queued yet; how many were queued.

    No load is lost or alerted twice: its matches committed with its content, and its rows
    here are written in one transaction with the mark that says they were (a crash leaves
    both or neither, and INSERT OR IGNORE makes a second pass over a load add nothing).
    The chats are those following, at the load, a pattern it matched (last_follow_id; ids are
    never reused) and still following it now: a dropped follow would list nothing.
    """
    async with db.conn.execute(
        "SELECT EXISTS (SELECT 1 FROM alert_loads WHERE alerted = 0)"
    ) as cursor:
        row = await cursor.fetchone()
    if not row or not row[0]:
        return 0  # the usual tick: no write transaction
    async with db.transaction() as conn:
        await conn.execute(_WRITE_OUT)
        cursor = await conn.execute(
            """
            INSERT OR IGNORE INTO alerts (chat_id, load_id, state, updated_at)
            SELECT DISTINCT f.chat_id, l.id, 'pending', ? FROM alert_loads l
            JOIN load_matches m ON m.load_id = l.id
            JOIN follows f ON f.pattern_id = m.pattern_id AND f.id <= l.last_follow_id
            WHERE l.alerted = 0
            """,
            (now_text(),),
        )
        await conn.execute("UPDATE alert_loads SET alerted = 1, matched = '[]' WHERE alerted = 0")
        return cursor.rowcount


async def requeue_in_doubt(db: Database) -> int:
    """Put back in the queue the alerts in flight when the last run stopped; how many."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE alerts SET state = 'pending', in_doubt = 1, updated_at = ?"
            " WHERE state = 'sending'",
            (now_text(),),
        )
        return cursor.rowcount


async def due(db: Database, now: datetime, limit: int) -> list[DueAlert]:
    """Pending alerts due by `now`, oldest first; a user's /lang choice sets the language."""
    rows = await db.conn.execute_fetchall(
        """
        SELECT a.chat_id, a.load_id, f.kind, coalesce(u.language, s.language, f.language),
               s.timezone, f.quiet_from, f.quiet_until, coalesce(f.active, 0), a.in_doubt
        FROM alerts a
        LEFT JOIN followers f ON f.chat_id = a.chat_id
        LEFT JOIN subscribers s ON s.chat_id = a.chat_id
        LEFT JOIN users u ON f.kind = 'user' AND u.user_id = a.chat_id
        WHERE a.state = 'pending' AND (a.due_at IS NULL OR a.due_at <= ?)
        ORDER BY a.load_id, a.chat_id LIMIT ?
        """,
        (utc_text(now), limit),
    )
    return [
        DueAlert(
            chat_id=int(row[0]),
            load_id=int(row[1]),
            kind=str(row[2] or "user"),
            language=str(row[3] or "fr"),
            timezone=optional_text(row[4]),
            quiet=(str(row[5]), str(row[6])) if row[5] and row[6] else None,
            active=bool(row[7]),
            in_doubt=bool(row[8]),
        )
        for row in rows
    ]


async def hold(db: Database, held: Sequence[tuple[int, int, datetime]]) -> None:
    """Keep these alerts pending until their quiet hours end: (chat, load, until)."""
    now = now_text()
    async with db.transaction() as conn:
        await conn.executemany(
            "UPDATE alerts SET due_at = ?, updated_at = ? WHERE chat_id = ? AND load_id = ?",
            [(utc_text(until), now, chat_id, load_id) for chat_id, load_id, until in held],
        )


async def apply(db: Database, changes: Sequence[Change]) -> None:
    """Write alerts' new states in one transaction."""
    for change in changes:
        if change.state not in STATES:
            raise ValueError(f"unknown alert state {change.state!r}")
    now = now_text()
    async with db.transaction() as conn:
        await conn.executemany(
            "UPDATE alerts SET state = ?, attempts = attempts + ?,"
            " message_id = coalesce(?, message_id), error = ?, updated_at = ?"
            " WHERE chat_id = ? AND load_id = ?",
            [
                (c.state, int(c.attempted), c.message_id, c.error, now, c.chat_id, c.load_id)
                for c in changes
            ],
        )
        stopped = [(c.deactivate, now, c.chat_id) for c in changes if c.deactivate]
        # The chat blocked the bot: neither alerts nor the daily push should try again.
        for table in ("followers", "subscribers"):
            await conn.executemany(
                f"UPDATE {table} SET active = 0, inactive_reason = ?, updated_at = ?"
                " WHERE chat_id = ? AND active = 1",
                stopped,
            )


async def listing(db: Database, chat_id: int, load_id: int) -> Listing:
    """What the alert shows: the first MAX_LISTED snippets the chat's follows matched in the
    load, in load order, each with the followed queries it matched, and how many there were.
    Follows dropped since, and snippets deleted since, are left out."""
    rows = await db.conn.execute_fetchall(
        """
        SELECT f.query, m.snippets FROM alert_loads l
        JOIN load_matches m ON m.load_id = l.id
        JOIN follows f ON f.pattern_id = m.pattern_id AND f.chat_id = ? AND f.id <= l.last_follow_id
        WHERE l.id = ? ORDER BY f.id
        """,
        (chat_id, load_id),
    )
    queries: dict[int, list[str]] = {}
    for query, snippet_ids in rows:
        # The ids of each term the pattern was found by (storage/follow_matching.py): a
        # snippet may be in several of them.
        for snippet_id in {n for ids in json.loads(str(snippet_ids)) for n in ids}:
            queries.setdefault(int(snippet_id), []).append(str(query))
    hits = []
    for snippet_id in sorted(queries)[:MAX_LISTED]:
        snippet = await get_snippet(db, snippet_id)
        if snippet is not None:
            hits.append(Hit(snippet, tuple(queries[snippet_id])))
    return Listing(tuple(hits), len(queries))


async def get(db: Database, chat_id: int, load_id: int) -> Alert | None:
    rows = await db.conn.execute_fetchall(
        "SELECT chat_id, load_id, state, attempts, due_at, in_doubt, message_id, error"
        " FROM alerts WHERE chat_id = ? AND load_id = ?",
        (chat_id, load_id),
    )
    return next((_alert(row) for row in rows), None)


async def for_chat(db: Database, chat_id: int) -> list[Alert]:
    """The chat's alerts, oldest load first."""
    rows = await db.conn.execute_fetchall(
        "SELECT chat_id, load_id, state, attempts, due_at, in_doubt, message_id, error"
        " FROM alerts WHERE chat_id = ? ORDER BY load_id",
        (chat_id,),
    )
    return [_alert(row) for row in rows]


def _alert(row: Sequence[object]) -> Alert:
    return Alert(
        chat_id=int(str(row[0])),
        load_id=int(str(row[1])),
        state=str(row[2]),
        attempts=int(str(row[3])),
        due_at=None if row[4] is None else parse_utc(str(row[4])),
        in_doubt=bool(row[5]),
        message_id=None if row[6] is None else int(str(row[6])),
        error=optional_text(row[7]),
    )
