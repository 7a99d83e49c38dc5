"""``FakeTelegram``: start the fake Bot API, create chats, act as users, inspect the bot."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from types import TracebackType
from typing import Any

from .errors import ApiError
from .handles import ChatHandle
from .limits import BOT_SCOPE, Limits
from .models import JSON
from .observe import Observer
from .server import BotApiServer
from .state import ChatState, chat_member
from .world import Fault, World


class FakeTelegram(Observer):
    """A Bot API server on 127.0.0.1 that enforces Telegram's rules, and its remote control.

    ``async with FakeTelegram(limits=Limits.unlimited()) as tg:`` then point PTB at
    ``tg.base_url`` / ``tg.base_file_url``.
    """

    def __init__(
        self,
        token: str = "123456:TEST-token",
        *,
        limits: Limits | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        clock: Callable[[], float] = time.monotonic,
        strict_html: bool = True,
        bot_username: str = "briefbot_test_bot",
        bot_first_name: str = "Briefbot",
    ) -> None:
        self.world = World(
            token=token,
            limits=limits or Limits(),
            clock=clock,
            strict_html=strict_html,
            bot_username=bot_username,
            bot_first_name=bot_first_name,
        )
        self.server = BotApiServer(self.world, host, port)
        self._handles: dict[int, ChatHandle] = {}

    async def __aenter__(self) -> FakeTelegram:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    async def start(self) -> None:
        await self.server.start()

    async def stop(self) -> None:
        """Stop serving; pending long polls return at once."""
        await self.server.stop()

    @property
    def token(self) -> str:
        return self.world.token

    @property
    def base_url(self) -> str:
        """PTB's ``base_url``: ``http://127.0.0.1:PORT/bot``."""
        return f"http://{self.server.host}:{self.server.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://{self.server.host}:{self.server.port}/file/bot"

    @property
    def bot_user(self) -> JSON:
        return self.world.bot_user()

    # Chats

    def user(
        self,
        user_id: int,
        first_name: str = "User",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
        started: bool = True,
    ) -> ChatHandle:
        """A user and their private chat with the bot (chat id = user id).

        Every chat constructor returns the existing handle when the chat already exists.
        ``started=False``: the user never opened the bot, sends answer 403.
        """
        return self._chat(
            ChatState(
                user_id,
                "private",
                first_name=first_name,
                last_name=last_name,
                username=username,
                language_code=language_code,
                started=started,
            )
        )

    def group(
        self, chat_id: int, title: str = "Group", *, bot_status: str = "member"
    ) -> ChatHandle:
        return self._chat(ChatState(chat_id, "group", title=title, bot_status=bot_status))

    def supergroup(
        self,
        chat_id: int,
        title: str = "Supergroup",
        *,
        username: str | None = None,
        bot_status: str = "member",
    ) -> ChatHandle:
        state = ChatState(chat_id, "supergroup", title, username, bot_status=bot_status)
        return self._chat(state)

    def channel(
        self,
        chat_id: int,
        title: str = "Channel",
        *,
        username: str | None = None,
        bot_status: str = "administrator",
    ) -> ChatHandle:
        """A channel; the bot is an administrator (it can post) unless told otherwise."""
        state = ChatState(chat_id, "channel", title, username, bot_status=bot_status)
        return self._chat(state)

    def _chat(self, state: ChatState) -> ChatHandle:
        state = self.world.add_chat(state)
        if state.id not in self._handles:
            self._handles[state.id] = ChatHandle(self.world, state)
        return self._handles[state.id]

    # Telegram-side events

    def block(self, chat_id: int) -> None:
        """The user blocks the bot: 403 ``Forbidden: bot was blocked by the user``."""
        self.chat(chat_id).block()

    def unblock(self, chat_id: int) -> None:
        self.chat(chat_id).unblock()

    def migrate(self, chat_id: int, new_chat_id: int, *, announce: bool = True) -> ChatHandle:
        """The group becomes supergroup ``new_chat_id``; the old id answers 400 + migrate_to."""
        old = self.group(chat_id)
        new = self.supergroup(new_chat_id, old.state.title or "Supergroup")
        new.state.bot_status = old.state.bot_status
        new.state.members.update(old.state.members)
        if announce:
            self.world.push_update("message", self._service(old.state, migrate_to_chat_id=new.id))
            self.world.push_update("message", self._service(new.state, migrate_from_chat_id=old.id))
        old.state.migrated_to = new.id
        return new

    def add_my_chat_member(
        self,
        chat: ChatHandle | int,
        *,
        by: ChatHandle,
        status: str = "administrator",
        old_status: str | None = None,
    ) -> JSON:
        """Someone adds the bot to a chat, promotes or removes it: a my_chat_member update."""
        state = (chat if isinstance(chat, ChatHandle) else self.chat(chat)).state
        previous = old_status or ("left" if state.type == "private" else state.bot_status)
        state.bot_status = status
        payload = {
            "chat": state.to_dict(),
            "from": by.as_user(),
            "date": self.world.now(),
            "old_chat_member": chat_member(self.bot_user, previous),
            "new_chat_member": chat_member(self.bot_user, status),
        }
        return self.world.push_update("my_chat_member", payload)

    def push_update(self, update: JSON) -> JSON:
        """Queue any raw update (``update_id`` is added); returns it."""
        queued = self.world.updates.push_raw(update)
        self.world.notify()
        return queued

    def _service(self, state: ChatState, **fields: Any) -> JSON:
        return {
            "message_id": state.new_message_id(),
            "date": self.world.now(),
            "chat": state.to_dict(),
            "from": self.bot_user,
            **fields,
        }

    # Fault injection

    def fail_next(
        self,
        method: str,
        error_code: int = 500,
        description: str = "Internal Server Error",
        *,
        count: int = 1,
        parameters: JSON | None = None,
    ) -> None:
        """Answer the next ``count`` calls of ``method`` with this error, doing nothing."""
        fault = Fault(error=ApiError(error_code, description, parameters))
        self.world.faults.setdefault(method.lower(), deque()).extend([fault] * count)

    def delay_next(self, method: str, seconds: float, *, count: int = 1) -> None:
        """Hold the next ``count`` calls of ``method`` for ``seconds`` before handling them."""
        queue = self.world.faults.setdefault(method.lower(), deque())
        queue.extend([Fault(delay=seconds)] * count)

    def flood(self, seconds: int, chat_id: int | None = None) -> None:
        """The next send (to ``chat_id``, or to any chat) gets 429 ``retry_after=seconds``
        and opens a penalty window, as when Telegram's own limits trip. Works with
        ``Limits.unlimited()`` too."""
        self.world.limiter.throttle_next(BOT_SCOPE if chat_id is None else chat_id, seconds)
