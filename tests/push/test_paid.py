"""Paid broadcasts, end to end: with `allow_paid_broadcast` the push goes past Telegram's
30 messages/s, and the very same requests without the flag meet a 429."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.config import Config
from bot.fakeapi import FakeTelegram
from bot.push.clock import ManualClock
from bot.push.transport import ApiError, BotApi
from storage import subscribers
from storage.db import open_database
from storage.models import Subscriber
from tests.push.conftest import SEED_DAY, running_push_bot, save_days, small_day

AT_8 = datetime(2024, 10, 24, 6, 0, tzinfo=UTC)  # 08:00 in Paris on the seed day
READERS = 60


async def subscribe(db_path: Path, chat_ids: list[int]) -> None:
    db = await open_database(db_path)
    try:
        rows = [
            Subscriber(c, "user", None, "fr", "Europe/Paris", "08:00", next_push_at=AT_8)
            for c in chat_ids
        ]
        await subscribers.upsert_many(db, rows)
    finally:
        await db.close()


async def resend(
    telegram: FakeTelegram, clock: ManualClock, sends: list[dict[str, object]], offsets: list[float]
) -> list[int]:
    """Send `sends` again through the push's client, each at its offset from the first on
    the shared clock; the HTTP status of each (200, or the error's)."""
    api = BotApi(telegram.token, telegram.base_url, connections=2, timeout=5.0)
    await api.start()
    statuses = []
    try:
        start = clock.monotonic()
        for params, offset in zip(sends, offsets, strict=True):
            clock.advance(start + offset - clock.monotonic())
            try:
                await api.call("sendMessage", params)
                statuses.append(200)
            except ApiError as error:
                assert error.status != 429 or error.retry_after is not None
                statuses.append(error.status)
    finally:
        await api.close()
    return statuses


async def test_a_paid_push_exceeds_30_a_second_and_unpaid_the_same_rate_gets_429(
    db_path: Path, telegram: FakeTelegram, clock: ManualClock
) -> None:
    await save_days(db_path, [small_day(SEED_DAY)])
    readers = [telegram.user(7000 + i) for i in range(READERS)]
    await subscribe(db_path, [reader.id for reader in readers])
    config = Config(db_path=db_path, allow_paid_broadcast=True)

    async with running_push_bot(config, telegram, clock) as bot:
        bot.manual.set(AT_8)
        await bot.runtime.run_scheduled()

    sends = [call for call in telegram.calls_to("sendMessage") if call.ok]
    assert all(len(reader.messages) == 1 for reader in readers)
    assert len(sends) == READERS and not telegram.throttled and not telegram.violations
    assert all(call.params.get("allow_paid_broadcast") is True for call in sends)
    offsets = [call.at - sends[0].at for call in sends]
    assert offsets[-1] < 1.0, "60 messages within one second: twice the free limit"

    clock.advance(5.0)  # every bucket full again
    unpaid = [
        {key: value for key, value in call.params.items() if key != "allow_paid_broadcast"}
        for call in sends
    ]
    statuses = await resend(telegram, clock, unpaid, offsets)
    assert statuses[:30] == [200] * 30
    assert 429 in statuses, statuses
