"""The push inside the running bot: its clock, pacer and HTTP client, the job, start and stop.

In-doubt policy (at least once). A delivery is `sending` in the ledger from before its first
request until its outcome is committed (rows are claimed a batch ahead of the workers), and
each part's message id is committed before the next part goes out. A row still `sending` when
the bot starts, or when a run starts (runs never overlap), was in flight at a crash or in a
run cut short: it is put back in the queue, marked in doubt, and its unrecorded parts are sent
again (if still within the grace window). So every active subscriber gets the briefing. Rows
in doubt after a crash: at most 2 x workers (a claimed batch plus one per worker). Duplicates:
only a message that reached Telegram but whose id was not committed, and a worker has at most
one such message at a time, so at most `workers` messages per crash: 4 at 30/s, 32 with paid
broadcasts. Rows in doubt are counted in /stats.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from datetime import date
from typing import Any
from weakref import WeakKeyDictionary

from telegram import Bot

from bot.config import Config
from bot.context import BriefApplication, Context
from bot.follow.delivery import AlertCounts, deliver_alerts
from bot.push.clock import Clock, SystemClock
from bot.push.pacing import FREE, PAID, Pacer, SendLimits
from bot.push.run import Progress, PushContext, deliver, plan_due
from bot.push.sender import Sender
from bot.push.shared_pause import PauseSharingRateLimiter
from bot.push.transport import BotApi
from storage import deliveries, subscribers
from storage.db import Database
from storage.push_runs import PushRun

log = logging.getLogger(__name__)

JOB_NAME = "push"
TICK_SECONDS = 10.0
# On shutdown, deliveries under way get this long to finish before being cut (then in doubt).
STOP_GRACE_SECONDS = 3.0


class PushRuntime:
    def __init__(self, config: Config, clock: Clock | None = None) -> None:
        self.config = config
        self.clock: Clock = clock or SystemClock()
        self.lock = asyncio.Lock()
        # Keyword alerts (bot/follow/delivery.py) run beside the push, through the same pacer.
        self.alert_lock = asyncio.Lock()
        self.requeued = 0
        self._db: Database | None = None
        self._api: BotApi | None = None
        self._bot: Bot | None = None
        self._pacer: Pacer | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._stopping = False

    @property
    def limits(self) -> SendLimits:
        return PAID if self.config.allow_paid_broadcast else FREE

    @property
    def started_pacer(self) -> Pacer | None:
        return self._pacer

    @property
    def pacer(self) -> Pacer:
        if self._pacer is None:
            raise RuntimeError("the push has not started")
        return self._pacer

    @property
    def db(self) -> Database:
        if self._db is None:
            raise RuntimeError("the push has not started")
        return self._db

    async def start(self, db: Database) -> None:
        """Apply the in-doubt policy, then open the push's own Bot API client."""
        self._db = db
        self.requeued = await deliveries.requeue_in_doubt(db)
        if self.requeued:
            log.warning("push: %d deliveries were in flight at the last stop", self.requeued)
        self._pacer = Pacer(self.limits, self.clock)
        if self.config.token:
            self._api = BotApi(
                self.config.token,
                self.config.api_url,
                connections=self.limits.max_in_flight + 2,
                timeout=self.config.push_timeout,
            )
            await self._api.start()
            self._bot = Bot(self.config.token, base_url=self.config.api_url)
            await self._bot.initialize()
            # Catch up at once with what fell due while the bot was down (the job's first
            # tick would come TICK_SECONDS later: PTB's JobQueue cannot run a job at start).
            self.tick()

    async def stop(self) -> None:
        self._stopping = True
        if self._tasks:
            _, late = await asyncio.wait(set(self._tasks), timeout=STOP_GRACE_SECONDS)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)
        if self._api is not None:
            await self._api.close()
            self._api = None
        if self._bot is not None:
            await self._bot.shutdown()
            self._bot = None

    def context(self) -> PushContext:
        if self._api is None or self._bot is None:
            raise RuntimeError("the push has no Bot API client (no token)")
        db = self.db

        async def migrated(old: int, new: int) -> None:
            log.info("push: chat %s became supergroup %s", old, new)
            await subscribers.migrate_chat(db, old, new)

        sender = Sender(
            self._api, self._bot, self.pacer, paid=self.limits is PAID, on_migrated=migrated
        )
        return PushContext(
            db=db,
            sender=sender,
            clock=self.clock,
            config=self.config,
            workers=self.limits.workers,
            stopping=lambda: self._stopping,
        )

    async def run_scheduled(self) -> PushRun | None:
        """Plan what is due now and send it (the job's work; tests call it directly)."""
        async with self.lock:
            await deliveries.requeue_in_doubt(self.db)  # left by a run cut short
            grace = self.config.push_grace
            await plan_due(self.db, self.clock.now(), grace)
            items = await deliveries.pending(self.db)
            return await deliver(self.context(), items, kind="scheduled", grace=grace)

    async def publish(
        self, day: date, started: Callable[[int], Awaitable[None]], progress: Progress
    ) -> PushRun | None:
        """Send `day` now to every active subscriber that has not had it."""
        async with self.lock:
            await deliveries.requeue_in_doubt(self.db)
            total = await deliveries.queue_day(self.db, day, self.clock.now())
            await started(total)
            items = await deliveries.pending(self.db, day)
            return await deliver(
                self.context(), items, kind="publish", grace=None, progress=progress
            )

    async def run_alerts(self) -> AlertCounts:
        """Send the keyword alerts due now (the job's work too; tests call it directly)."""
        async with self.alert_lock:
            return await deliver_alerts(self.context(), self.clock.now())

    def tick(self) -> None:
        """Start a scheduled run unless one (or a /publish) is going; the same for alerts."""
        if self._stopping or self._api is None:
            return
        if not self.lock.locked():
            self.spawn(self.run_scheduled())
        if not self.alert_lock.locked():
            self.spawn(self.run_alerts())

    def spawn(self, work: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run `work` in the background; stop() waits for it a little, then cancels it."""
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and (error := task.exception()) is not None:
            log.error("push: run failed", exc_info=error)


_RUNTIMES: WeakKeyDictionary[object, PushRuntime] = WeakKeyDictionary()


def install(app: BriefApplication) -> PushRuntime:
    """Give the application its push runtime and the job that ticks it."""
    runtime = _RUNTIMES[app] = PushRuntime(app.bot_data.settings)
    if app.job_queue is None:
        raise RuntimeError("the push needs PTB's JobQueue (python-telegram-bot[job-queue])")
    app.job_queue.run_repeating(_tick, interval=TICK_SECONDS, name=JOB_NAME)
    if isinstance(app.bot.rate_limiter, PauseSharingRateLimiter):
        app.bot.rate_limiter.share_with(lambda: runtime.started_pacer)
    return runtime


def runtime_of(app: object) -> PushRuntime:
    return _RUNTIMES[app]


async def _tick(context: Context) -> None:
    runtime_of(context.application).tick()
