"""The ledger as the push writes it: claims kept ahead of the workers but bounded, and a
batch of changes applied at once exactly as one by one."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from pathlib import Path

from bot.push.ledger import Claims, LedgerWriter
from storage import deliveries, subscribers
from storage.db import open_database
from storage.deliveries import Change, Pending, Planned
from storage.models import Subscriber

DAY = date(2024, 10, 24)
DUE = datetime(2024, 10, 24, 6, 0, tzinfo=UTC)


class SlowWriter(LedgerWriter):
    """Records what was claimed; each commit takes a few turns of the event loop."""

    def __init__(self) -> None:
        self.claimed = 0

    async def write(self, *changes: Change) -> None:
        for _ in range(3):
            await asyncio.sleep(0)
        self.claimed += len(changes)


def pending(chat_id: int) -> tuple[Pending, None]:
    return Pending(chat_id, DAY, "user", "fr", True, (), False, DUE), None


async def test_claims_stay_ahead_of_the_workers_by_less_than_a_batch() -> None:
    writer = SlowWriter()
    claims = Claims(writer, iter([pending(i) for i in range(500)]), 32, lambda: False)
    handed: list[int] = []
    waiting: list[int] = []  # claimed, not yet handed to a worker

    async def worker(turns: int) -> None:
        while claimed := await claims.next():
            handed.append(claimed[0].chat_id)
            waiting.append(writer.claimed - len(handed))
            for _ in range(turns):  # workers finish at different paces
                await asyncio.sleep(0)

    await asyncio.gather(*(worker(i % 5) for i in range(32)))

    assert sorted(handed) == list(range(500))
    assert writer.claimed == 500
    assert max(waiting) < 32


async def test_a_batch_of_changes_is_applied_as_one_by_one(tmp_path: Path) -> None:
    db = await open_database(tmp_path / "ledger.db")
    try:
        await subscribers.upsert_many(
            db, [Subscriber(c, "user", None, "fr", "Europe/Paris", "08:00") for c in (1, 2, 3)]
        )
        await deliveries.plan(db, [Planned(c, DAY, DUE) for c in (1, 2, 3)], [])
        await deliveries.apply(db, [Change(c, DAY, "sending", attempted=True) for c in (1, 2, 3)])
        await deliveries.apply(
            db,
            [
                Change(1, DAY, "sent", message_ids=(11, 12)),
                Change(2, DAY, "failed", error="Bad Request: chat not found"),
            ],
        )
        one, two, three = [await deliveries.get(db, c, DAY) for c in (1, 2, 3)]
    finally:
        await db.close()
    assert one is not None and (one.state, one.attempts, one.message_ids) == ("sent", 1, (11, 12))
    assert two is not None and (two.state, two.error) == ("failed", "Bad Request: chat not found")
    assert three is not None and (three.state, three.attempts) == ("sending", 1)
