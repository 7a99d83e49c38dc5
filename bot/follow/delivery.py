"""Delivering pending alerts through the push's Sender: the same pacer, 429 pauses and 403s.

A load only records what each followed pattern matched; a run first queues the alerts of the
loads it has not seen yet, one per chat (storage/alerts.py, queue_new_loads). Each alert is
one message. It is marked `sending` (committed) before its request and `sent` with its
message id after, so after a crash only an alert in flight can go out twice (the push's
at-least-once policy, bot/push/runtime.py). An alert due inside the chat's quiet hours stays
pending until they end; one for a chat that blocked the bot is skipped, never sent.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.follow.quiet import QuietHours, next_allowed
from bot.follow.render import alert
from bot.highlight import Wanted
from bot.push.run import PushContext
from bot.push.sender import Failed
from bot.search.service import names
from storage import alerts
from storage.alerts import Change, DueAlert
from storage.search_match import Names, plan
from storage.search_query import parse

log = logging.getLogger(__name__)

# Alerts read per run; a tick every few seconds drains a longer queue batch by batch.
ALERT_BATCH = 500


@dataclass
class AlertCounts:
    sent: int = 0
    held: int = 0
    skipped: int = 0
    failed: int = 0
    blocked: int = 0


def _zone(name: str | None, default: tzinfo) -> tzinfo:
    try:
        return ZoneInfo(name) if name else default
    except (ZoneInfoNotFoundError, ValueError):
        return default


def wanted_for(query: str, gazetteer: Names | None) -> Wanted:
    """What to bold for a followed query: what /search bolds for it."""
    return Wanted.from_forms(plan(parse(query), gazetteer).groups)


async def _compose(ctx: PushContext, item: DueAlert, gazetteer: Names) -> str | None:
    listing = await alerts.listing(ctx.db, item.chat_id, item.load_id)
    if not listing.hits:
        return None  # the follows were dropped, or the snippets deleted, since the load
    queries = {query for hit in listing.hits for query in hit.queries}
    wanted = {query: wanted_for(query, gazetteer) for query in queries}
    footer = item.kind != "channel"
    return alert(item.language, listing.hits, listing.matched, wanted, footer=footer)


async def _send_one(ctx: PushContext, item: DueAlert, text: str, counts: AlertCounts) -> None:
    key = (item.chat_id, item.load_id)
    await alerts.apply(ctx.db, [Change(*key, "sending", attempted=True)])
    outcome = await ctx.sender.send(item.chat_id, item.kind != "user", text)
    if isinstance(outcome, Failed):
        reason = outcome.counted(item.kind, counts)
        await alerts.apply(ctx.db, [Change(*key, "failed", error=outcome.error, deactivate=reason)])
        return
    counts.sent += 1
    await alerts.apply(ctx.db, [Change(*key, "sent", message_id=outcome.message_id)])


async def deliver_alerts(ctx: PushContext, now: datetime) -> AlertCounts:
    """Queue the alerts of new loads, then send those due by `now`, hold those inside quiet
    hours, skip blocked chats."""
    await alerts.queue_new_loads(ctx.db)
    await alerts.requeue_in_doubt(ctx.db)  # left by a run cut short (runs never overlap)
    counts = AlertCounts()
    due = await alerts.due(ctx.db, now, ALERT_BATCH)
    held, skipped, ready = [], [], []
    for item in due:
        zone = _zone(item.timezone, ctx.config.timezone)
        until = next_allowed(now, QuietHours.from_stored(item.quiet), zone)
        if not item.active:
            skipped.append(Change(item.chat_id, item.load_id, "skipped", error="inactive"))
        elif until > now:
            held.append((item.chat_id, item.load_id, until))
        else:
            ready.append(item)
    if held:
        await alerts.hold(ctx.db, held)
    gazetteer = await names(ctx.db)
    queue = iter(ready)

    async def worker() -> None:
        for item in queue:
            if ctx.stopping():
                return
            text = await _compose(ctx, item, gazetteer)
            if text is None:
                skipped.append(Change(item.chat_id, item.load_id, "skipped", error="no hits"))
                continue
            await _send_one(ctx, item, text, counts)

    async with asyncio.TaskGroup() as group:
        for _ in range(min(ctx.workers, len(ready))):
            group.create_task(worker())
    if skipped:
        await alerts.apply(ctx.db, skipped)
    counts.held, counts.skipped = len(held), len(skipped)
    if due:
        log.info("alerts: %s", counts)
    return counts
