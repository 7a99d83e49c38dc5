"""A push run: plan what fell due, build each (day, language) briefing once, send, record.

The ledger is the queue. Planning turns due subscribers into `pending` rows and moves their
`next_push_at` forward in the same transaction; delivering marks a row `sending` before its
first request and records each part's message id as it goes, so a restart knows exactly which
parts of which deliveries may have been in flight (see bot/push/runtime.py for the policy).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.briefing import compose_for
from bot.config import Config
from bot.push.clock import Clock
from bot.push.ledger import Claims, LedgerWriter
from bot.push.schedule import catch_up, is_late
from bot.push.sender import Failed, Sender
from bot.render import Reply
from storage import deliveries, push_runs, subscribers
from storage.db import Database
from storage.deliveries import Change, Pending, Planned
from storage.models import Subscriber
from storage.push_runs import RunCounts

log = logging.getLogger(__name__)

PLAN_CHUNK = 1_000
CHECKPOINT_SECONDS = 5.0
Progress = Callable[[RunCounts], Awaitable[None]]


@dataclass
class PushContext:
    """What a run works with; the runtime builds one per run."""

    db: Database
    sender: Sender
    clock: Clock
    config: Config  # what the briefing is rendered with, as /today renders it
    workers: int
    stopping: Callable[[], bool] = lambda: False


def _zone(subscriber: Subscriber) -> ZoneInfo:
    try:
        return ZoneInfo(subscriber.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


async def plan_due(db: Database, now: datetime, grace: timedelta) -> int:
    """Turn every push due by `now` into ledger rows; how many subscribers were due."""
    count = 0
    while due := await subscribers.due(db, now, PLAN_CHUNK):
        planned: list[Planned] = []
        advances: list[tuple[int, datetime]] = []
        for subscriber in due:
            assert subscriber.next_push_at is not None  # due() selects on it
            plan = catch_up(
                subscriber.next_push_at,
                now,
                time.fromisoformat(subscriber.push_time),
                _zone(subscriber),
                grace,
            )
            planned += [Planned(subscriber.chat_id, day, at) for day, at in plan.due]
            planned += [
                Planned(subscriber.chat_id, day, at, "skipped", "late") for day, at in plan.late
            ]
            advances.append((subscriber.chat_id, plan.next_at))
        await deliveries.plan(db, planned, advances)
        count += len(due)
    return count


@dataclass
class _Work:
    items: list[tuple[Pending, Reply]]
    skipped: list[Change]
    no_content: set[date]


async def _sort(
    ctx: PushContext, items: list[Pending], now: datetime, grace: timedelta | None
) -> _Work:
    """Compose each (day, language) briefing once; set aside what must not be sent.

    A briefing that fails to build leaves its deliveries pending, for the next run to retry,
    without holding up the other days and languages.
    """
    replies: dict[tuple[date, str], Reply | None] = {}
    broken: set[tuple[date, str]] = set()
    work = _Work([], [], set())
    for item in items:
        reason = None
        key = (item.day, item.language)
        if not item.active:
            reason = "inactive"
        elif grace is not None and is_late(item.due_at, now, grace):
            reason = "late"
        elif key not in broken:
            if key not in replies:
                try:
                    replies[key] = await compose_for(
                        ctx.config, ctx.db, item.day, item.language, fallback=False
                    )
                except Exception:
                    log.exception("push: the briefing of %s (%s) failed to build", *key)
                    broken.add(key)
                    continue
            reply = replies[key]
            if reply is None:
                reason = "no content"
                work.no_content.add(item.day)
            else:
                work.items.append((item, reply))
        if reason:
            work.skipped.append(Change(item.chat_id, item.day, "skipped", error=reason))
    return work


async def deliver(
    ctx: PushContext,
    items: list[Pending],
    *,
    kind: str,
    grace: timedelta | None,
    progress: Progress | None = None,
) -> push_runs.PushRun | None:
    """Send the pending deliveries; None when there was nothing to send or to report."""
    now = ctx.clock.now()
    work = await _sort(ctx, items, now, grace)
    if work.skipped:
        await deliveries.apply(ctx.db, work.skipped)
    if not work.items and not work.no_content:
        return None
    days = sorted({item.day for item, _ in work.items} | work.no_content)
    run_id = await push_runs.start(ctx.db, kind, days, now)
    counts = RunCounts(total=len(work.items), skipped=len(work.skipped))
    ledger = LedgerWriter(ctx.db)
    claims = Claims(ledger, iter(work.items), ctx.workers, ctx.stopping)
    checkpoint = [ctx.clock.monotonic()]

    async def worker() -> None:
        while claimed := await claims.next():
            item, reply = claimed
            await _deliver_one(ctx, ledger, item, reply, counts)
            if progress is not None:
                await progress(counts)
            if ctx.clock.monotonic() - checkpoint[0] > CHECKPOINT_SECONDS:
                checkpoint[0] = ctx.clock.monotonic()
                await push_runs.update(ctx.db, run_id, counts, no_content=sorted(work.no_content))

    # A worker failing stops the others: their rows stay `sending`, in doubt for the next run.
    async with asyncio.TaskGroup() as group:
        for _ in range(min(ctx.workers, len(work.items))):
            group.create_task(worker())
    await push_runs.update(
        ctx.db, run_id, counts, no_content=sorted(work.no_content), finished_at=ctx.clock.now()
    )
    return await push_runs.last(ctx.db)


async def _deliver_one(
    ctx: PushContext, ledger: LedgerWriter, item: Pending, reply: Reply, counts: RunCounts
) -> None:
    """Send the parts not yet recorded, in order, recording each before the next."""
    counts.in_doubt += item.in_doubt
    chat_id, ids = item.chat_id, list(item.message_ids)
    last = len(reply.parts) - 1
    for index in range(len(ids), len(reply.parts)):
        keyboard = reply.keyboard if index == last else None
        outcome = await ctx.sender.send(chat_id, item.kind != "user", reply.parts[index], keyboard)
        if isinstance(outcome, Failed):
            reason = outcome.counted(item.kind, counts)
            failed = Change(chat_id, item.day, "failed", error=outcome.error, deactivate=reason)
            await ledger.write(failed)
            return
        chat_id = outcome.chat_id
        ids.append(outcome.message_id)
        counts.messages += 1
        state = "sent" if index == last else "sending"
        await ledger.write(Change(chat_id, item.day, state, message_ids=tuple(ids)))
    if len(item.message_ids) > last:  # every part went out before a restart
        await ledger.write(Change(chat_id, item.day, "sent"))
    counts.sent += 1
