"""Sending one request of a push: paced, retried when that is safe, classified when not.

- 429: pause all sending for `retry_after` (the pacer makes that hold), then try again;
- 400 with migrate_to_chat_id: store the supergroup's id, then send there;
- 403: the chat blocked or removed the bot: `Failed(blocked=True)`, not retried;
- other 4xx: `Failed`, not retried (the same request would fail the same way);
- timeouts, network errors and 5xx: retried with exponential backoff, a few times.

A timed-out request may have reached Telegram: retrying it is the "at least once" choice,
the same one the ledger makes for sends in flight at a crash.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from telegram import Bot, InlineKeyboardMarkup

from bot.push.pacing import Pacer
from bot.push.transport import ApiError, BotApi
from storage import subscribers

MAX_NETWORK_RETRIES = 4
MAX_FLOOD_RETRIES = 8
BACKOFF_FIRST = 1.0
BACKOFF_MAX = 30.0
NO_PREVIEW = {"is_disabled": True}


@dataclass(frozen=True)
class Sent:
    message_id: int
    chat_id: int  # a migrated group's new id


class Tally(Protocol):
    """A run's counts of failed sends (the push's and the alerts')."""

    blocked: int
    failed: int


@dataclass(frozen=True)
class Failed:
    error: str
    blocked: bool = False

    def deactivation(self, kind: str) -> str | None:
        """Why the chat gets nothing more: a user blocked the bot, or the bot left a group
        or channel (403); None when the failure leaves the chat active."""
        if not self.blocked:
            return None
        return subscribers.BLOCKED if kind == "user" else subscribers.REMOVED

    def counted(self, kind: str, counts: Tally) -> str | None:
        """deactivation(kind), with the failure counted in `counts`: as blocked when it
        deactivates the chat, as failed when not."""
        reason = self.deactivation(kind)
        if reason:
            counts.blocked += 1
        else:
            counts.failed += 1
        return reason


Outcome = Sent | Failed
Migrated = Callable[[int, int], Awaitable[None]]


def backoff(failures: int) -> float:
    """Seconds to wait after the n-th failure in a row: 1, 2, 4, 8... up to BACKOFF_MAX."""
    return float(min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** (failures - 1)))


class Sender:
    """Sends through `api`; `bot` is PTB's client for the rarer calls of other features
    (deleting a message...), which they make inside `pacer.slot` to share the limits."""

    def __init__(
        self, api: BotApi, bot: Bot, pacer: Pacer, *, paid: bool, on_migrated: Migrated
    ) -> None:
        self.api = api
        self.bot = bot
        self.pacer = pacer
        self.paid = paid
        self.on_migrated = on_migrated

    async def send(
        self, chat_id: int, is_group: bool, text: str, keyboard: InlineKeyboardMarkup | None = None
    ) -> Outcome:
        params: dict[str, Any] = {
            "text": text,
            "parse_mode": "HTML",
            "link_preview_options": NO_PREVIEW,
        }
        if keyboard is not None:
            params["reply_markup"] = keyboard.to_dict()
        if self.paid:
            params["allow_paid_broadcast"] = True
        return await self._call("sendMessage", chat_id, is_group, params)

    async def edit(self, chat_id: int, message_id: int, text: str) -> Outcome:
        """Edit a message's text; one already showing `text` is `Sent(message_id=0)`."""
        params = {"message_id": message_id, "text": text, "parse_mode": "HTML"}
        outcome = await self._call("editMessageText", chat_id, chat_id < 0, params)
        if isinstance(outcome, Failed) and "not modified" in outcome.error:
            return Sent(0, chat_id)
        return outcome

    async def _call(
        self, method: str, chat_id: int, is_group: bool, params: dict[str, Any]
    ) -> Outcome:
        network_failures = floods = 0
        while True:
            retry_at = None
            async with self.pacer.slot(chat_id, is_group):
                try:
                    result = await self.api.call(method, {"chat_id": chat_id, **params})
                except ApiError as error:
                    if error.retry_after is not None:
                        # Inside the slot: no other request can start before the pause is set.
                        self.pacer.pause(error.retry_after)
                        floods += 1
                        if floods > MAX_FLOOD_RETRIES:
                            return Failed(error.description)
                        continue
                    if error.migrate_to is not None:
                        await self.on_migrated(chat_id, error.migrate_to)
                        chat_id = error.migrate_to
                        continue
                    if error.status == 403:
                        return Failed(error.description, blocked=True)
                    if 400 <= error.status < 500:
                        return Failed(error.description)
                    network_failures += 1  # no answer, or a 5xx
                    if network_failures > MAX_NETWORK_RETRIES:
                        return Failed(error.description)
                    retry_at = self.pacer.clock.monotonic() + backoff(network_failures)
                else:
                    message_id = result.get("message_id", 0) if isinstance(result, dict) else 0
                    return Sent(int(message_id), chat_id)
            await self.pacer.clock.sleep_until(retry_at)
