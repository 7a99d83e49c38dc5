"""Push runs: what each scheduled push or /publish did, for /stats."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from storage.db import Database
from storage.timefmt import parse_utc, utc_text


@dataclass
class RunCounts:
    """Deliveries by outcome; `in_doubt` counts those sent again after a crash."""

    total: int = 0
    sent: int = 0
    failed: int = 0
    blocked: int = 0
    in_doubt: int = 0
    skipped: int = 0
    messages: int = 0

    @property
    def done(self) -> int:
        return self.sent + self.failed + self.blocked


@dataclass(frozen=True)
class PushRun:
    id: int
    kind: str  # scheduled | publish
    days: tuple[date, ...]
    started_at: datetime
    finished_at: datetime | None
    counts: RunCounts = field(default_factory=RunCounts)
    no_content: tuple[date, ...] = ()


def _days(text: str) -> tuple[date, ...]:
    return tuple(date.fromisoformat(day) for day in text.split(",") if day)


def _text(days: Sequence[date]) -> str:
    return ",".join(sorted({day.isoformat() for day in days}))


async def start(db: Database, kind: str, days: Sequence[date], started_at: datetime) -> int:
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO push_runs (kind, days, started_at) VALUES (?, ?, ?)",
            (kind, _text(days), utc_text(started_at)),
        )
        return int(cursor.lastrowid or 0)


async def update(
    db: Database,
    run_id: int,
    counts: RunCounts,
    *,
    no_content: Sequence[date] = (),
    finished_at: datetime | None = None,
) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            """
            UPDATE push_runs SET total = ?, sent = ?, failed = ?, blocked = ?, in_doubt = ?,
                skipped = ?, messages = ?, no_content = ?, finished_at = ?
            WHERE id = ?
            """,
            (
                counts.total,
                counts.sent,
                counts.failed,
                counts.blocked,
                counts.in_doubt,
                counts.skipped,
                counts.messages,
                _text(no_content),
                utc_text(finished_at) if finished_at else None,
                run_id,
            ),
        )


async def last(db: Database) -> PushRun | None:
    async with db.conn.execute(
        "SELECT id, kind, days, started_at, finished_at, total, sent, failed, blocked,"
        " in_doubt, skipped, messages, no_content FROM push_runs ORDER BY id DESC LIMIT 1"
    ) as cursor:
        row = await cursor.fetchone()
    if row is None:
        return None
    return PushRun(
        id=int(row[0]),
        kind=str(row[1]),
        days=_days(str(row[2])),
        started_at=parse_utc(str(row[3])),
        finished_at=parse_utc(str(row[4])) if row[4] else None,
        counts=RunCounts(*(int(value) for value in row[5:12])),
        no_content=_days(str(row[12])),
    )
