"""kill -9 in the middle of a push, then a restart: everyone gets the briefing, duplicates are
bounded by the sends that were in flight. The bot runs as `briefbot run`, a real process."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.fakeapi import FakeTelegram, Limits
from bot.push.pacing import PAID
from storage import deliveries, push_runs, subscribers
from storage.db import open_database
from storage.models import Subscriber
from tests.push.conftest import PARIS, save_days, small_day

TOKEN = "987654:CRASH-token"
USERS, CHANNELS, BLOCKED = 300, 12, 6


async def start_bot(environ: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        env=environ,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_kill_9_mid_push_then_restart_delivers_to_everyone(tmp_path: Path) -> None:
    due = datetime.now(UTC) - timedelta(seconds=1)
    day = due.astimezone(PARIS).date()
    db_path = tmp_path / "crash.db"
    await save_days(db_path, [small_day(day, title="Le jour du crash")])
    chat_ids = [10_000 + i for i in range(USERS)] + [-20_000 - i for i in range(CHANNELS)]
    db = await open_database(db_path)
    await subscribers.upsert_many(
        db,
        [
            Subscriber(
                chat_id,
                "user" if chat_id > 0 else "channel",
                None,
                "fr",
                "Europe/Paris",
                f"{due.astimezone(PARIS):%H:%M}",
                next_push_at=due,
            )
            for chat_id in chat_ids
        ],
    )
    await db.close()
    config = tmp_path / "briefbot.yaml"
    config.write_text("allow_paid_broadcast: true\n")

    # Telegram's limits: the push goes past 30/s only because it asks for paid broadcasts.
    async with FakeTelegram(token=TOKEN, limits=Limits()) as telegram:
        chats = [telegram.user(c) if c > 0 else telegram.channel(c, f"Canal {c}") for c in chat_ids]
        blocked = chats[:BLOCKED]
        for chat in blocked:
            telegram.block(chat.id)
        active = chats[BLOCKED:]
        # Every send takes 20 ms at the server: a kill always finds sends in flight.
        telegram.delay_next("sendMessage", 0.02, count=10 * len(chats))
        environ = {
            "PATH": os.environ["PATH"],
            "HOME": str(tmp_path),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": telegram.base_url,
            "BRIEFBOT_DB": str(db_path),
            "BRIEFBOT_CONFIG": str(config),
        }

        def delivered() -> int:
            return sum(1 for c in telegram.calls_to("sendMessage") if c.ok)

        first = await start_bot(environ)
        await telegram.wait_for(lambda: delivered() >= len(chats) // 3, timeout=60, what="a third")
        first.kill()
        await first.wait()
        at_kill = delivered()

        db = await open_database(db_path)
        in_flight = (await deliveries.states(db, day)).get("sending", 0)
        await db.close()

        second = await start_bot(environ)
        await telegram.wait_for(
            lambda: all(chat.messages for chat in active), timeout=60, what="every chat served"
        )
        second.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(second.communicate(), timeout=30)

    assert first.returncode == -signal.SIGKILL
    assert second.returncode == 0, stderr.decode()
    assert len(chats) // 3 <= at_kill < len(active), "the kill must fall in the middle of the push"
    assert in_flight >= 1, "some sends were in flight (state 'sending') at the kill"
    assert all(chat.messages == [] for chat in blocked)
    duplicates = sum(len(chat.messages) - 1 for chat in active)
    # Rows in doubt: at most a batch of claimed rows plus one per worker. Only a message that
    # reached Telegram unrecorded is sent twice, at most one per worker.
    assert in_flight <= 2 * PAID.workers, in_flight
    assert duplicates <= min(in_flight, PAID.workers), (duplicates, in_flight)
    db = await open_database(db_path)
    try:
        assert await deliveries.states(db, day) == {"sent": len(active), "failed": BLOCKED}
        run = await push_runs.last(db)
        assert run is not None and run.counts.in_doubt == in_flight
    finally:
        await db.close()
