"""The admin audit log: who did what, when, with what result; /audit reads the latest."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import aiosqlite

from storage.briefings import optional_text
from storage.db import Database
from storage.timefmt import now_text, parse_utc

OUTCOMES = ("ok", "failed")
_COLUMNS = "id, at, admin_id, admin_name, action, subject, counts, outcome, detail"


@dataclass(frozen=True, slots=True)
class Action:
    """One admin action as it is recorded; `counts` are whole numbers such as {"added": 16}."""

    admin_id: int
    admin_name: str | None
    action: str
    subject: str = ""
    counts: Mapping[str, int] = field(default_factory=dict)
    outcome: str = "ok"
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    id: int
    at: datetime  # UTC
    action: Action


def _values(action: Action) -> tuple[object, ...]:
    if action.outcome not in OUTCOMES:
        raise ValueError(f"unknown audit outcome {action.outcome!r}")
    return (
        now_text(),
        action.admin_id,
        action.admin_name,
        action.action,
        action.subject,
        json.dumps(dict(action.counts), sort_keys=True),
        action.outcome,
        action.detail,
    )


_INSERT = (
    "INSERT INTO admin_audit (at, admin_id, admin_name, action, subject, counts, outcome, detail)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


async def record_in(conn: aiosqlite.Connection, action: Action) -> None:
    """Record `action` inside the caller's transaction, so it commits with the change itself."""
    await conn.execute(_INSERT, _values(action))


async def record(db: Database, action: Action) -> None:
    """Record `action` on its own."""
    await db.write_one(_INSERT, _values(action))


def _entry(row: Sequence[object]) -> Entry:
    counts = json.loads(str(row[6]))
    return Entry(
        id=int(str(row[0])),
        at=parse_utc(str(row[1])),
        action=Action(
            admin_id=int(str(row[2])),
            admin_name=optional_text(row[3]),
            action=str(row[4]),
            subject=str(row[5]),
            counts={str(k): int(v) for k, v in counts.items()},
            outcome=str(row[7]),
            detail=optional_text(row[8]),
        ),
    )


async def recent(db: Database, limit: int = 20) -> list[Entry]:
    """The latest `limit` entries, newest first."""
    async with db.conn.execute(
        f"SELECT {_COLUMNS} FROM admin_audit ORDER BY id DESC LIMIT ?", (limit,)
    ) as cursor:
        return [_entry(row) for row in await cursor.fetchall()]
