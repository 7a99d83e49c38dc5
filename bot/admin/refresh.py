"""Editing in place the briefings already delivered for a day an admin just corrected.

The edits go through the push's own sender and pacer, so they keep to Telegram's limits
(30 messages/s, 1/s per private chat, 20/min per group or channel) together with any push, and
429s pause everything. They run under the push's lock: a push under way finishes first (its
last messages may carry the old text), then every copy, its own included, is edited.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from telegram.error import RetryAfter, TelegramError

from bot.admin.edits import ChatEdits, Refreshed, plan_edits
from bot.admin.service import Admin
from bot.briefing import compose_for
from bot.config import Config
from bot.push.runtime import PushRuntime
from bot.push.sender import Failed, Sender
from bot.render import Reply
from storage import audit, delivered, deliveries
from storage.db import Database
from storage.deliveries import Change


async def _compose(
    config: Config, db: Database, day: date, languages: set[str]
) -> dict[str, Reply | None]:
    # The same rendering as the push's, so an edited copy reads like the one first sent.
    return {
        lang: await compose_for(config, db, day, lang, fallback=False) for lang in sorted(languages)
    }


async def _delete(sender: Sender, chat: ChatEdits, message_id: int) -> bool:
    async with sender.pacer.slot(chat.chat_id, chat.is_group):
        try:
            return await sender.bot.delete_message(chat.chat_id, message_id)
        except RetryAfter as error:
            # As the push's sender does: the public retry_after warns of its coming type change.
            sender.pacer.pause(error._retry_after.total_seconds())
        except TelegramError:
            pass
    return False


async def _apply(sender: Sender, db: Database, day: date, chat: ChatEdits, done: Refreshed) -> None:
    """Edit, send, delete in one chat; stop at its first failure (it is likely to repeat)."""
    for index, (message_id, text) in enumerate(chat.edits):
        outcome = await sender.edit(chat.chat_id, message_id, text)
        if isinstance(outcome, Failed):
            done.failed += len(chat.edits) - index
            return
        # The sender reports "message is not modified" as a success without a message.
        if outcome.message_id:
            done.edited += 1
        else:
            done.unchanged += 1
    ids = list(chat.kept_ids)
    for text in chat.extra_parts:
        sent = await sender.send(chat.chat_id, chat.is_group, text)
        if isinstance(sent, Failed):
            done.failed += 1
            break
        ids.append(sent.message_id)
        done.sent += 1
    for message_id in chat.surplus:
        if await _delete(sender, chat, message_id):
            done.deleted += 1
        else:
            done.failed += 1
            ids.append(message_id)
    if chat.extra_parts or chat.surplus:
        await deliveries.apply(db, [Change(chat.chat_id, day, "sent", message_ids=tuple(ids))])


async def refresh_day(runtime: PushRuntime, day: date, *, now: datetime | None = None) -> Refreshed:
    """Bring every delivered copy of `day` in line with its content now."""
    async with runtime.lock:
        db = runtime.db
        copies = await delivered.delivered(db, day)
        replies = await _compose(runtime.config, db, day, {copy.language for copy in copies})
        plan = plan_edits(copies, replies, now or datetime.now(UTC))
        done = Refreshed(chats=len(copies), too_old=plan.too_old, emptied=plan.emptied)
        sender = runtime.context().sender
        queue = iter(plan.chats)

        async def worker() -> None:
            for chat in queue:
                await _apply(sender, db, day, chat, done)

        workers = min(runtime.limits.max_in_flight, len(plan.chats))
        await asyncio.gather(*(worker() for _ in range(workers)))
    return done


@dataclass(frozen=True)
class Notice:
    """The admin's message that announced the edits, to be completed with their outcome."""

    chat_id: int
    message_id: int
    text: str  # as sent (HTML)


def start_refresh(
    runtime: PushRuntime,
    day: date,
    *,
    admin: Admin,
    notice: Notice,
    outcome: Callable[[Refreshed], str],
) -> asyncio.Task[Any]:
    """Refresh `day` in the background; record it, then edit the notice with `outcome(done)`."""

    async def work() -> None:
        done = await refresh_day(runtime, day)
        await audit.record(runtime.db, admin.action("refresh", str(day), **done.counts()))
        text = f"{notice.text}\n{outcome(done)}"
        await runtime.context().sender.edit(notice.chat_id, notice.message_id, text)

    return runtime.spawn(work())
