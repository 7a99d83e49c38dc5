"""Writing the ledger as fast as the push sends, without ever running ahead of it.

Deliveries are handed to workers already marked `sending`, a batch at a time (`Claims`), and
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
    before it leaves, `batch` rows per commit; None once all are out or the bot stops."""

    def __init__(
        self,
        writer: LedgerWriter,
        items: Iterator[tuple[Pending, T]],
        batch: int,
        stopping: Callable[[], bool],
    ) -> None:
        self._writer = writer
        self._items = items
        self._batch = batch
        self._stopping = stopping
        self._ready: deque[tuple[Pending, T]] = deque()
        self._lock = asyncio.Lock()

    async def next(self) -> tuple[Pending, T] | None:
        async with self._lock:
            if self._stopping():
                return None
            if not self._ready:
                chunk = list(islice(self._items, self._batch))
                marks = [Change(p.chat_id, p.day, "sending", attempted=True) for p, _ in chunk]
                await self._writer.write(*marks)
                self._ready.extend(chunk)
            return self._ready.popleft() if self._ready else None
