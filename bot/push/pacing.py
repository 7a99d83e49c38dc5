"""Pacing pushes to Telegram's limits, and stopping every request during a 429's penalty.

Before each request the sender asks for a slot. A slot is granted only when, at that very
moment (no await between the checks and the grant):

- no `retry_after` pause is running. A pause ends at the instant the 429 was read plus
  `retry_after`; later 429s can only push that instant back, and nothing else moves it, so
  a request finishing cannot end a pause early (the flaw of PTB 22.8's AIORateLimiter);
- the bot-wide pace allows it (one request every 1/rate seconds on average);
- the chat's own bucket has a token (about 1/s in a private chat, 20/min in a group or
  channel, with a burst of a few so a briefing's parts go out together);
- fewer requests are in flight than twice what the pace needs to hide the network latency:
  ceil(2 x latency x rate), at least 1, at most `max_in_flight`. Latency x rate is what is
  in flight on average; the cap holds at every instant, so without the headroom each answer
  slower than the average cost throughput (0.89-0.98 of the paid rate on two busy cores,
  0.99-1.0 with it). A request already on the wire when a 429 comes back may reach Telegram
  inside the penalty window, so at most that number minus one can; against a server that
  answers within 1 / (2 x rate) (16 ms at 30/s) it is 0: no request inside a penalty window.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.push.clock import Clock

# Telegram's retry_after is in whole seconds; a little more keeps clear of clock skew.
PAUSE_MARGIN = 0.1
LATENCY_WEIGHT = 0.2
LATENCY_HEADROOM = 2.0
_PRUNE_ABOVE = 4096


@dataclass(frozen=True)
class SendLimits:
    per_second: float
    private_per_second: float = 1.0
    private_burst: int = 3
    group_per_minute: float = 20.0
    group_burst: int = 3
    max_in_flight: int = 4
    # Deliveries under way at once; each has at most one message sent but not yet recorded,
    # so this also bounds the duplicates after a crash.
    workers: int = 4
    # How late a request may start and still keep the pace's schedule: after an event-loop
    # hiccup shorter than this, the requests it delayed go out at once (a burst of at most
    # slack x rate), so hiccups cost no throughput; beyond it, the lost time is not made up.
    slack: float = 0.05


FREE = SendLimits(per_second=30.0, max_in_flight=4, workers=4)
PAID = SendLimits(per_second=1000.0, max_in_flight=16, workers=32)


@dataclass
class _Bucket:
    per_second: float
    capacity: float
    tokens: float
    updated: float

    def refill(self, now: float) -> None:
        gained = max(0.0, now - self.updated) * self.per_second
        self.tokens = min(self.capacity, self.tokens + gained)
        self.updated = now

    def ready_at(self, now: float) -> float:
        self.refill(now)
        return now if self.tokens >= 1.0 else now + (1.0 - self.tokens) / self.per_second


class Pacer:
    """Grants request slots within the limits; shared by every push of one bot."""

    def __init__(self, limits: SendLimits, clock: Clock) -> None:
        self.limits = limits
        self.clock = clock
        self.paused_until = 0.0
        self._interval = 1.0 / limits.per_second
        self._next_slot = 0.0
        self._in_flight = 0
        self._latency = 0.0
        # Requests queue here, first come first served, for the bot-wide conditions: only the
        # head of the queue sleeps until the next slot or waits for a request to finish, so a
        # slot wakes one task, not every waiting one (at 1000/s with dozens of workers, those
        # wake-ups cost more than the requests).
        self._gate = asyncio.Lock()
        self._released: asyncio.Future[None] | None = None
        self._buckets: dict[int, _Bucket] = {}

    def pause(self, retry_after: float) -> None:
        """A 429 said to wait: no slot is granted for `retry_after` seconds from now."""
        until = self.clock.monotonic() + retry_after + PAUSE_MARGIN
        self.paused_until = max(self.paused_until, until)

    async def wait_out_pause(self) -> None:
        """Return once no pause is running (a reply about to go out calls this)."""
        while (until := self.paused_until) > self.clock.monotonic():
            await self.clock.sleep_until(until)

    def allowed_in_flight(self) -> int:
        needed = math.ceil(LATENCY_HEADROOM * self._latency * self.limits.per_second)
        return max(1, min(self.limits.max_in_flight, needed))

    @asynccontextmanager
    async def slot(self, chat_id: int, is_group: bool) -> AsyncIterator[None]:
        """Hold a slot for one request to `chat_id`; a 429 must call `pause` inside the block."""
        await self._acquire(chat_id, is_group)
        started = self.clock.monotonic()
        try:
            yield
        finally:
            latency = self.clock.monotonic() - started
            self._latency += LATENCY_WEIGHT * (latency - self._latency)
            self._in_flight -= 1
            if self._released is not None and not self._released.done():
                self._released.set_result(None)

    async def _acquire(self, chat_id: int, is_group: bool) -> None:
        bucket = self._bucket(chat_id, is_group)
        while True:
            # The chat's own limit is waited for outside the queue: a chat waiting for its
            # bucket (the 4th part of a briefing...) must not hold up the other chats.
            now = self.clock.monotonic()
            if (ready := bucket.ready_at(now)) > now:
                await self.clock.sleep_until(ready)
                continue
            async with self._gate:
                now = await self._bot_slot_free()
                if bucket.ready_at(now) > now:
                    continue  # another request to this chat took its token meanwhile
                # Every condition holds now, checked without yielding: take the slot.
                self._in_flight += 1
                bucket.tokens -= 1.0
                # Late by less than the slack: keep the schedule; later (idle): start it again.
                on_time = now - self._next_slot <= self.limits.slack
                self._next_slot = (self._next_slot if on_time else now) + self._interval
                return

    async def _bot_slot_free(self) -> float:
        """Wait until no pause runs, the pace allows a request and the in-flight cap has
        room; return the moment all three held (nothing awaited since)."""
        while True:
            now = self.clock.monotonic()
            ready = max(self.paused_until, self._next_slot)
            if ready > now:
                await self.clock.sleep_until(ready)
                continue
            if self._in_flight >= self.allowed_in_flight():
                self._released = asyncio.get_running_loop().create_future()
                await self._released
                continue
            return now

    def _bucket(self, chat_id: int, is_group: bool) -> _Bucket:
        bucket = self._buckets.get(chat_id)
        if bucket is None:
            if len(self._buckets) > _PRUNE_ABOVE:
                self._prune()
            limits = self.limits
            rate = limits.group_per_minute / 60 if is_group else limits.private_per_second
            burst = limits.group_burst if is_group else limits.private_burst
            now = self.clock.monotonic()
            bucket = self._buckets[chat_id] = _Bucket(rate, burst, burst, now)
        return bucket

    def _prune(self) -> None:
        """Forget chats whose bucket is full again: they would start full anyway."""
        now = self.clock.monotonic()
        for chat_id, bucket in list(self._buckets.items()):
            bucket.refill(now)
            if bucket.tokens >= bucket.capacity:
                del self._buckets[chat_id]
