"""The real bot, polling a fake Telegram: the engine of `briefbot demo`, `chat` and e2e tests."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from telegram import Update
from telegram.ext import TypeHandler

from bot.app import build_application
from bot.config import Config
from bot.context import BriefApplication, Context
from bot.fakeapi import FakeTelegram
from bot.fakeapi.handles import ChatHandle
from bot.fakeapi.models import Message

# After every handler group, so "handled" means the bot's answer has been sent.
TRACKING_GROUP = 1_000
# Short long-polls keep shutdown quick; the fake holds each poll open, so no busy loop.
POLL_TIMEOUT = 1
DEFAULT_WAIT = 10.0


def update_key(update: Update) -> str:
    """A name for an update that the sender knows before the bot sees it."""
    if update.callback_query:
        return f"callback:{update.callback_query.id}"
    if update.inline_query:
        return f"inline:{update.inline_query.id}"
    message = update.effective_message
    if message is not None:
        return f"message:{message.chat_id}:{message.message_id}"
    return f"update:{update.update_id}"


@dataclass
class HandledUpdates:
    """Which updates the application has finished with; waiters wake when one is added."""

    keys: set[str] = field(default_factory=set)
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def mark(self, update: Update, _context: Context) -> None:
        async with self.changed:
            self.keys.add(update_key(update))
            self.changed.notify_all()

    async def wait(self, key: str) -> None:
        async with asyncio.timeout(DEFAULT_WAIT), self.changed:
            await self.changed.wait_for(lambda: key in self.keys)


@dataclass
class Turn:
    """What the bot did in a chat in answer to one action: new messages and edited ones."""

    sent: list[Message]
    edited: list[Message]


@dataclass
class Harness:
    app: BriefApplication
    telegram: FakeTelegram
    handled: HandledUpdates

    async def _turn(
        self, chat: ChatHandle, action: Callable[[], Awaitable[Any]], key: Callable[[Any], str]
    ) -> Turn:
        before = {m.message_id: len(m.versions) for m in chat.messages}
        result = await action()
        await self.handled.wait(key(result))
        sent = [m for m in chat.messages if m.message_id not in before]
        edited = [
            m
            for m in chat.messages
            if m.message_id in before and len(m.versions) > before[m.message_id]
        ]
        return Turn(sent, edited)

    async def say(self, chat: ChatHandle, text: str, *, by: ChatHandle | None = None) -> Turn:
        """Send `text` in the chat (in a group: as user `by`) and wait until the bot is done."""
        return await self._turn(
            chat,
            lambda: chat.send(text, from_user=by),
            lambda m: f"message:{chat.id}:{m['message_id']}",
        )

    async def press(self, chat: ChatHandle, message: Message, button: str) -> Turn:
        """Press the button labelled `button` under `message`, and wait for the bot's answer."""
        return await self._turn(
            chat, lambda: chat.press(message, button), lambda query_id: f"callback:{query_id}"
        )

    async def upload(
        self, chat: ChatHandle, file_name: str, data: bytes, caption: str | None = None
    ) -> Turn:
        """Send a document in the chat, and wait for the bot's answer."""
        return await self._turn(
            chat,
            lambda: chat.send_document(file_name, data, caption=caption),
            lambda m: f"message:{chat.id}:{m['message_id']}",
        )


@asynccontextmanager
async def running_bot(
    config: Config,
    telegram: FakeTelegram,
    prepare: Callable[[BriefApplication], None] | None = None,
) -> AsyncIterator[Harness]:
    """Run the bot built from `config`, pointed at `telegram`, polling, until the block ends.

    `prepare` sees the built application before it starts (a test sets the push's clock there).
    """
    config = replace(
        config,
        token=telegram.token,
        api_url=telegram.base_url,
        file_url=telegram.base_file_url,
    )
    app = build_application(config)
    if prepare is not None:
        prepare(app)
    handled = HandledUpdates()
    app.add_handler(TypeHandler(Update, handled.mark), group=TRACKING_GROUP)
    # The same order as Application.run_polling, which cannot be used inside a running loop.
    await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
        assert app.updater is not None
        await app.updater.start_polling(
            poll_interval=0, timeout=POLL_TIMEOUT, allowed_updates=Update.ALL_TYPES
        )
        await app.start()
        try:
            yield Harness(app, telegram, handled)
        finally:
            await app.updater.stop()
            await app.stop()
    finally:
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)
