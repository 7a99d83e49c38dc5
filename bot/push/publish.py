"""/publish in the background: one progress message, kept up to date while the push runs."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

from bot.i18n import t
from bot.push.render import long_date, progress, publish_done
from bot.push.runtime import PushRuntime
from bot.push.sender import Sender
from storage.push_runs import RunCounts

# The progress message is edited at most this often (it counts against the chat's limit).
PROGRESS_SECONDS = 3.0


class PublishReport:
    """Edits the admin's progress message: at the start, every few seconds, at the end."""

    def __init__(self, runtime: PushRuntime, chat_id: int, message_id: int, lang: str) -> None:
        self.sender: Sender = runtime.context().sender
        self.clock = runtime.clock
        self.chat_id, self.message_id, self.lang = chat_id, message_id, lang
        self._last_edit = self.clock.monotonic()

    async def _edit(self, text: str) -> None:
        # Stamped before the edit, so workers finishing meanwhile do not edit too.
        self._last_edit = self.clock.monotonic()
        await self.sender.edit(self.chat_id, self.message_id, text)

    async def started(self, total: int) -> None:
        await self._edit(progress(self.lang, RunCounts(total=total)))

    async def progress(self, counts: RunCounts) -> None:
        if self.clock.monotonic() - self._last_edit >= PROGRESS_SECONDS:
            await self._edit(progress(self.lang, counts))

    async def finished(self, counts: RunCounts | None, seconds: float, day: date) -> None:
        if counts is None or counts.total == 0:
            await self._edit(t(self.lang, "push.publish.nobody", date=long_date(day, self.lang)))
        else:
            await self._edit(publish_done(self.lang, counts, seconds))


def start_publish(
    runtime: PushRuntime, day: date, chat_id: int, message_id: int, lang: str
) -> asyncio.Task[Any]:
    """Push `day` now, in the background, reporting in message `message_id`."""
    report = PublishReport(runtime, chat_id, message_id, lang)

    async def work() -> None:
        run = await runtime.publish(day, report.started, report.progress)
        if run is None or run.finished_at is None:
            await report.finished(None, 0.0, day)
            return
        seconds = (run.finished_at - run.started_at).total_seconds()
        await report.finished(run.counts, seconds, day)

    return runtime.spawn(work())
