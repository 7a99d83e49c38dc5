"""Time for the push: wall-clock instants for schedules, a monotonic clock for pacing.

Tests hand the bot and the fake Bot API one `ManualClock`, so that a push "at 08:00" or a
30-second `retry_after` takes no real time and both sides agree on when things happened.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, aware, in UTC."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back, for intervals and deadlines."""

    async def sleep_until(self, deadline: float) -> None:
        """Return once `monotonic()` has reached `deadline`."""


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    async def sleep_until(self, deadline: float) -> None:
        await asyncio.sleep(max(0.0, deadline - time.monotonic()))


class ManualClock:
    """A clock that moves only when told to, or when someone sleeps: sleeping jumps ahead."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("the start instant must be aware")
        self._start = start.astimezone(UTC)
        self._elapsed = 0.0

    def now(self) -> datetime:
        return self._start + timedelta(seconds=self._elapsed)

    def monotonic(self) -> float:
        return 1000.0 + self._elapsed

    def advance(self, seconds: float) -> None:
        self._elapsed += max(0.0, seconds)

    def set(self, moment: datetime) -> None:
        """Move forward to `moment` (never back)."""
        self.advance((moment - self.now()).total_seconds())

    async def sleep_until(self, deadline: float) -> None:
        self.advance(deadline - self.monotonic())
        # Let the tasks that were waiting for this moment run, as a real sleep would.
        await asyncio.sleep(0)
