"""Writing the ledger as fast as the push sends, without ever running ahead of it.

Deliveries are handed to workers already marked `sending`, claimed in batches (`Claims`), and
each worker waits for a part's outcome to be committed before its next request. So at any
moment a worker has at most one message that reached Telegram without being recorded: that
is what bounds the duplicates after a crash, to the number of workers. Writes that arrive
while a commit runs are committed together in the next one (group commit), so a push at
1000 messages/s makes a few hundred commits a second, not thousands.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import Generic, TypeVar

from storage import deliveries
from storage.db import Database
from storage.deliveries import Change, Pending

T = TypeVar("T")


class LedgerWriter:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._waiting: list[tuple[Sequence[Change], asyncio.Future[None]]] = []
        self._committing = False

    async def write(self, *changes: Change) -> None:
        """Return once `changes` are committed (raise if their commit failed)."""
        future = asyncio.get_running_loop().create_future()
        self._waiting.append((changes, future))
        if not self._committing:
            await self._commit_all()
        await future

    async def _commit_all(self) -> None:
        self._committing = True
        batch: list[tuple[Sequence[Change], asyncio.Future[None]]] = []
        try:
            while self._waiting:
                batch, self._waiting = self._waiting, []
                await deliveries.apply(self.db, [c for changes, _ in batch for c in changes])
                for _, future in batch:
                    future.set_result(None)
                batch = []
        except BaseException as error:
            failure = error if isinstance(error, Exception) else RuntimeError("interrupted")
            for _, future in batch + self._waiting:
                if not future.done():
                    future.set_exception(failure)
            self._waiting = []
            raise
        finally:
            self._committing = False


class Claims(Generic[T]):
    """Hands out deliveries one at a time, each marked `sending` (with an attempt counted)
    before it leaves; None once all are out or the bot stops.

    Rows are claimed half a `batch` per commit, the next half as soon as fewer than that
    are waiting, by the worker that notices, so the other workers never stall on a claim's
    commit (at 1000 messages/s, waiting for one after every batch cost a fifth of the rate).
    Fewer than `batch` rows are claimed and not yet handed out, as when whole batches were
    claimed once the last was out."""

    def __init__(
        self,
        writer: LedgerWriter,
        items: Iterator[tuple[Pending, T]],
        batch: int,
        stopping: Callable[[], bool],
    ) -> None:
        self._writer = writer
        self._items = items
        self._chunk = max(1, batch // 2)
        self._stopping = stopping
        self._ready: deque[tuple[Pending, T]] = deque()
        self._exhausted = False
        self._claiming: asyncio.Event | None = None  # set when the claim under way is done

    async def next(self) -> tuple[Pending, T] | None:
        while not self._stopping():
            if self._ready:
                item = self._ready.popleft()
                if len(self._ready) < self._chunk and self._claiming is None:
                    await self._claim()
                return item
            if self._exhausted:
                return None
            if self._claiming is not None:
                await self._claiming.wait()
            else:
                await self._claim()
        return None

    async def _claim(self) -> None:
        """Claim the next rows; one claim at a time (`_claiming` is set without awaiting)."""
        if self._exhausted:
            return
        done = self._claiming = asyncio.Event()
        try:
            chunk = list(islice(self._items, self._chunk))
            if not chunk:
                self._exhausted = True
                return
            marks = [Change(p.chat_id, p.day, "sending", attempted=True) for p, _ in chunk]
            await self._writer.write(*marks)
            self._ready.extend(chunk)
        finally:
            self._claiming = None
            done.set()
