"""How many `/search` round trips a second the real bot serves, against a bare PTB echo bot.

    python bench/updates.py [--seconds S] [--concurrency C]

A round trip: a simulated user sends `/search koursk` to the fake Bot API, the application
polls it, handles it and replies, and the user's wait ends when the update is marked handled
(the harness's tracking handler, after every handler group). C users do this in a loop, in
parallel, for S seconds. Ours is the application of `briefbot run` (built by
`build_application`) on a database holding the bundled sample day, plus the shared seed day
when it sits beside the repo. It is measured twice: as shipped, where PTB's AIORateLimiter
holds every bot to Telegram's 30 messages a second, and with that overall limit lifted, which
shows what the code itself costs. The baseline is a bare PTB Application with one
CommandHandler that sends the text back: no database, no rate limiter, no defaults. All poll
the same kind of fake server (no flood limits) in this process, one after the other, through
the same harness, so the ratios hold on any machine. CPU time per round trip (all threads,
the in-process fake server included) is printed too: it is steadier than rates on a busy host.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast
from unittest import mock

from telegram import Update
from telegram.ext import (
    ApplicationBuilder,
    CommandHandler,
    ContextTypes,
    TypeHandler,
)

from bot.config import Config, load_config
from bot.demo import load_sample
from bot.fakeapi import ChatHandle, FakeTelegram, Limits
from bot.harness import POLL_TIMEOUT, TRACKING_GROUP, HandledUpdates, Harness, running_bot
from bot.importers import ImportLimits
from bot.loader import parse_paths, save_parsed
from bot.push.shared_pause import PauseSharingRateLimiter
from storage.db import open_database

GOAL = 0.5
QUERY = "/search koursk"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "briefing-2024-10-24.txt"
FIRST_USER = 5001


@dataclass(frozen=True)
class Measure:
    round_trips: int
    seconds: float
    cpu_seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.round_trips / self.seconds

    @property
    def cpu_per_round_trip(self) -> float:
        return self.cpu_seconds / self.round_trips

    def line(self, name: str) -> str:
        median = statistics.median(self.latencies) * 1000
        slowest = max(self.latencies) * 1000
        cpu = self.cpu_per_round_trip * 1000
        return (
            f"{name:<26} {self.rate:>6,.0f} round trips/s, {cpu:5.2f} ms CPU each "
            f"(latency median {median:.0f} ms, max {slowest:.0f} ms)"
        )


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the text back."""
    if update.effective_chat and update.effective_message and update.effective_message.text:
        await context.bot.send_message(update.effective_chat.id, update.effective_message.text)


@asynccontextmanager
async def running_echo_bot(telegram: FakeTelegram) -> AsyncIterator[Harness]:
    """A bare PTB echo bot, started and tracked the way `running_bot` runs ours."""
    app = (
        ApplicationBuilder()
        .token(telegram.token)
        .base_url(telegram.base_url)
        .base_file_url(telegram.base_file_url)
        .build()
    )
    app.add_handler(CommandHandler("search", echo))
    handled = HandledUpdates()
    app.add_handler(TypeHandler(Update, cast(Any, handled.mark)), group=TRACKING_GROUP)
    await app.initialize()
    try:
        assert app.updater is not None
        await app.updater.start_polling(
            poll_interval=0, timeout=POLL_TIMEOUT, allowed_updates=Update.ALL_TYPES
        )
        await app.start()
        try:
            yield Harness(cast(Any, app), telegram, handled)
        finally:
            await app.updater.stop()
            await app.stop()
    finally:
        await app.shutdown()


async def drive(bot: Harness, concurrency: int, seconds: float, reply_start: str) -> Measure:
    """Users send QUERY in a loop, each waiting for its answer; count the round trips."""
    users = [
        bot.telegram.user(FIRST_USER + n, first_name=f"User{n}", language_code="fr")
        for n in range(concurrency)
    ]
    for user in users:  # warm up: connection pools, SQLite caches, the query id
        turn = await bot.say(user, QUERY)
        assert len(turn.sent) == 1 and turn.sent[0].text.startswith(reply_start), turn
    latencies: list[float] = []
    started, cpu_started = time.perf_counter(), time.process_time()
    deadline = started + seconds

    async def converse(user: ChatHandle) -> None:
        while (sent_at := time.perf_counter()) < deadline:
            await bot.say(user, QUERY)
            latencies.append(time.perf_counter() - sent_at)

    await asyncio.gather(*(converse(user) for user in users))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if bot.telegram.errors:
        raise SystemExit(
            f"Telegram refused {len(bot.telegram.errors)} call(s), e.g. {bot.telegram.errors[0]}"
        )
    return Measure(len(latencies), elapsed, cpu, latencies)


async def fill(config: Config) -> str:
    """Load the sample day, and the seed day when present; say what was loaded."""
    await load_sample(config)
    if not SEED.exists():
        return "sample day"
    parsed = parse_paths([SEED], day=None, tz=config.timezone, limits=ImportLimits())
    db = await open_database(config.db_path)
    try:
        await save_parsed(db, parsed, tz=config.timezone)
    finally:
        await db.close()
    return f"sample day + {SEED.name}"


async def ours(config: Config, concurrency: int, seconds: float) -> Measure:
    """The shipped application, its rate limiter included."""
    async with (
        FakeTelegram(limits=Limits.unlimited()) as telegram,
        running_bot(config, telegram) as bot,
    ):
        return await drive(bot, concurrency, seconds, "🔎 koursk — 1–5")


async def ours_unthrottled(config: Config, concurrency: int, seconds: float) -> Measure:
    """The shipped application, but its rate limiter lets any number of messages a second
    through (per-group limits and retries stay)."""
    unthrottled = functools.partial(PauseSharingRateLimiter, overall_max_rate=0)
    with mock.patch("bot.app.PauseSharingRateLimiter", unthrottled):
        return await ours(config, concurrency, seconds)


async def bare(concurrency: int, seconds: float) -> Measure:
    async with (
        FakeTelegram(limits=Limits.unlimited()) as telegram,
        running_echo_bot(telegram) as bot,
    ):
        return await drive(bot, concurrency, seconds, QUERY)


async def run(seconds: float, concurrency: int) -> int:
    with tempfile.TemporaryDirectory(prefix="briefbot-bench-") as folder:
        config = replace(load_config(None, {}), db_path=Path(folder) / "bench.db")
        content = await fill(config)
        print(f"{concurrency} users in parallel, {seconds:g} s per bot, `{QUERY}` on {content}")
        shipped = await ours(config, concurrency, seconds)
        print(shipped.line("briefbot"))
        unthrottled = await ours_unthrottled(config, concurrency, seconds)
        print(unthrottled.line("briefbot, 30 msg/s lifted"))
    baseline = await bare(concurrency, seconds)
    print(baseline.line("PTB echo bot"))
    for name, measure in (("briefbot", shipped), ("briefbot, 30 msg/s lifted", unthrottled)):
        ratio = measure.rate / baseline.rate
        verdict = "met" if ratio >= GOAL else "MISSED"
        print(f"ratio {name} ÷ echo: {ratio:.2f} (goal ≥ {GOAL}: {verdict})")
    cpu_ratio = baseline.cpu_per_round_trip / unthrottled.cpu_per_round_trip
    print(f"CPU per round trip, echo ÷ briefbot with 30 msg/s lifted: {cpu_ratio:.2f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="measure per bot (10)")
    parser.add_argument("--concurrency", type=int, default=8, help="users in parallel (8)")
    args = parser.parse_args()
    started = time.perf_counter()
    status = asyncio.run(run(args.seconds, args.concurrency))
    print(f"total run {time.perf_counter() - started:.1f} s")
    return status


if __name__ == "__main__":
    sys.exit(main())
