"""The pacer: rate, per-chat buckets, in-flight cap, and pauses nothing can cut short."""

from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, datetime

from bot.push.clock import ManualClock
from bot.push.pacing import FREE, Pacer, SendLimits


def new_pacer(limits: SendLimits = FREE) -> tuple[Pacer, ManualClock]:
    clock = ManualClock(datetime(2024, 10, 24, 6, 0, tzinfo=UTC))
    return Pacer(limits, clock), clock


async def grant_times(
    pacer: Pacer, clock: ManualClock, chats: list[int], group: bool = False
) -> list[float]:
    times = []
    for chat in chats:
        async with pacer.slot(chat, group):
            times.append(clock.monotonic())
    return times


async def test_slots_follow_the_bot_wide_rate() -> None:
    pacer, clock = new_pacer()
    times = await grant_times(pacer, clock, list(range(61)))
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 1 / 30 - FREE.slack - 1e-9
    assert abs((times[-1] - times[0]) - 60 / 30) < 0.01


async def test_a_private_chat_gets_a_short_burst_then_one_a_second() -> None:
    pacer, clock = new_pacer()
    times = await grant_times(pacer, clock, [7] * 5)
    assert times[2] - times[0] < 0.1  # a three-part briefing goes out together
    assert times[3] - times[0] >= 0.9 and times[4] - times[3] >= 0.99


async def test_a_channel_gets_twenty_a_minute() -> None:
    pacer, clock = new_pacer()
    times = await grant_times(pacer, clock, [-100] * 5, group=True)
    assert times[3] - times[2] >= 2.9 and times[4] - times[3] >= 2.99


async def test_without_latency_one_request_at_a_time() -> None:
    pacer, _ = new_pacer()
    assert pacer.allowed_in_flight() == 1


async def test_in_flight_grows_with_latency_up_to_the_cap() -> None:
    pacer, clock = new_pacer(SendLimits(per_second=1000.0, max_in_flight=16))
    for chat in range(30):
        async with pacer.slot(chat, False):
            clock.advance(0.004)  # 4 ms per request: 4 in flight sustain 1000/s on average
    assert pacer.allowed_in_flight() == 8  # twice that absorbs the slower answers
    for chat in range(30):
        async with pacer.slot(100 + chat, False):
            clock.advance(1.0)
    assert pacer.allowed_in_flight() == 16


async def test_a_request_finishing_cannot_end_a_pause_early() -> None:
    """PTB 22.8's AIORateLimiter lifts its 429 pause whenever any request finishes."""
    pacer, clock = new_pacer(SendLimits(per_second=1000.0, max_in_flight=4))
    for chat in range(20):
        async with pacer.slot(chat, False):
            clock.advance(0.004)
    holding, finish = asyncio.Event(), asyncio.Event()

    async def slow_request() -> None:
        async with pacer.slot(500, False):
            holding.set()
            await finish.wait()

    other = asyncio.create_task(slow_request())
    await holding.wait()
    async with pacer.slot(501, False):
        pacer.pause(5)  # this request got 429 retry_after=5
        paused_at = clock.monotonic()
    finish.set()
    await other  # the slow request finishes during the pause
    async with pacer.slot(502, False):
        granted = clock.monotonic()
    assert granted >= paused_at + 5


async def test_a_later_429_extends_the_pause_and_a_shorter_one_does_not_shorten_it() -> None:
    pacer, clock = new_pacer()
    pacer.pause(10)
    start = clock.monotonic()
    pacer.pause(2)
    [granted] = await grant_times(pacer, clock, [1])
    assert granted >= start + 10
