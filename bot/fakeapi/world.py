"""Everything the fake Telegram knows, and the one place that says "something changed"."""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .errors import (
    BLOCKED,
    CANT_EDIT,
    CHAT_NOT_FOUND,
    DEACTIVATED,
    NOT_STARTED,
    ApiError,
    bad_request,
    forbidden,
    migrated,
    not_a_member,
)
from .limits import Limits, RateLimiter
from .models import JSON, Call, CallbackAnswer, Command, InlineAnswer, Message, StoredFile
from .params import Params
from .state import ChatState, UpdateQueue

T = TypeVar("T")
A = TypeVar("A", CallbackAnswer, InlineAnswer)


@dataclass
class Fault:
    """A failure or delay injected into the next calls of one method."""

    error: ApiError | None = None
    delay: float = 0.0


@dataclass
class PendingQuery(Generic[A]):
    """A callback or inline query waiting for the bot's answer."""

    created: float
    answer: A | None = None


@dataclass
class World:
    """The fake Telegram's state: chats, updates, files, commands and the record of calls."""

    token: str
    limits: Limits
    clock: Callable[[], float] = time.monotonic
    strict_html: bool = True
    bot_username: str = "briefbot_test_bot"
    bot_first_name: str = "Briefbot"
    chats: dict[int, ChatState] = field(default_factory=dict)
    updates: UpdateQueue = field(default_factory=UpdateQueue)
    files: dict[str, StoredFile] = field(default_factory=dict)
    commands: dict[tuple[str, str], list[Command]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    callback_queries: dict[str, PendingQuery[CallbackAnswer]] = field(default_factory=dict)
    inline_queries: dict[str, PendingQuery[InlineAnswer]] = field(default_factory=dict)
    faults: dict[str, deque[Fault]] = field(default_factory=dict)
    webhook_url: str = ""
    closed: bool = False
    _changed: asyncio.Event = field(init=False, default_factory=asyncio.Event)
    _query_ids: int = field(init=False, default=0)
    limiter: RateLimiter = field(init=False)

    def __post_init__(self) -> None:
        self.limiter = RateLimiter(self.limits, self.clock)

    @property
    def bot_id(self) -> int:
        prefix = self.token.split(":", 1)[0]
        return int(prefix) if prefix.isdigit() else 1

    def bot_user(self) -> JSON:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    def notify(self) -> None:
        """Wake every waiter: they re-check what they wait for."""
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_for(
        self,
        predicate: Callable[[], T | None],
        timeout: float | None,  # noqa: ASYNC109
        what: str,
    ) -> T:
        """Return ``predicate()`` once truthy, re-evaluated after every change."""
        try:
            async with asyncio.timeout(timeout):
                while True:
                    changed = self._changed
                    if result := predicate():
                        return result
                    await changed.wait()
        except TimeoutError:
            calls = [call for call in self.calls if call.method != "getUpdates"]
            recent = "\n  ".join(repr(call) for call in calls[-8:]) or "(none)"
            raise TimeoutError(
                f"timed out after {timeout}s waiting for {what}; last calls:\n  {recent}"
            ) from None

    def record(self, call: Call) -> None:
        self.calls.append(call)
        self.notify()

    def push_update(self, kind: str, payload: JSON) -> JSON:
        update = self.updates.push(kind, payload)
        self.notify()
        return update

    def new_query_id(self) -> str:
        self._query_ids += 1
        return f"{self.bot_id}{self._query_ids:08d}"

    # Chats

    def add_chat(self, chat: ChatState) -> ChatState:
        self.chats.setdefault(chat.id, chat)
        return self.chats[chat.id]

    def known_chat(self, params: Params) -> ChatState:
        """The chat named by ``chat_id`` (an id or ``@username``), or 400 chat not found."""
        key = params.chat_id()
        if isinstance(key, int):
            chat = self.chats.get(key)
        else:
            name = key.removeprefix("@").lower()
            chat = next(
                (c for c in self.chats.values() if (c.username or "").lower() == name), None
            )
        if chat is None:
            raise bad_request(CHAT_NOT_FOUND)
        if chat.migrated_to is not None:
            raise migrated(chat.migrated_to)
        return chat

    def writable_chat(self, params: Params) -> ChatState:
        """The chat the bot may post in, or the 400/403 Telegram answers."""
        chat = self.known_chat(params)
        if chat.type == "private":
            if chat.deactivated:
                raise forbidden(DEACTIVATED)
            if chat.blocked:
                raise forbidden(BLOCKED)
            if not chat.started:
                raise forbidden(NOT_STARTED)
        elif chat.bot_status in ("left", "kicked"):
            raise not_a_member(chat.type, kicked=chat.bot_status == "kicked")
        return chat

    # Sending

    def check_flood(self, method: str, chat: ChatState | None) -> None:
        """429 if the bot or the chat is in a penalty window (recorded as a violation)."""
        self.limiter.check_penalty(method, None if chat is None else chat.id)

    def take_send_token(self, chat: ChatState | None, *, paid: bool = False) -> None:
        """Count one message against the limits, or 429; ``paid``: the request carries
        ``allow_paid_broadcast`` (up to 1000/s instead of 30/s)."""
        if chat is None:
            self.limiter.acquire(None, is_group=False, paid=paid)
        else:
            self.limiter.acquire(chat.id, chat.is_group, paid=paid)

    def add_bot_message(self, chat: ChatState, message: Message) -> Message:
        chat.bot_messages[message.message_id] = message
        self.notify()
        return message

    def bot_message(self, chat: ChatState, message_id: int, not_found: str) -> Message:
        """The bot's live message ``message_id``: 400 ``not_found``, or can't be edited when
        the id is somebody else's message."""
        message = chat.bot_messages.get(message_id)
        if message is not None and not message.deleted:
            return message
        if message_id in chat.message_ids:
            raise bad_request(CANT_EDIT)
        raise bad_request(not_found)

    def now(self) -> int:
        """Telegram's message dates: Unix time in seconds."""
        return int(time.time())

    # Files

    def store_file(self, data: bytes, file_name: str | None, mime_type: str | None) -> StoredFile:
        number = len(self.files) + 1
        digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()[:12]
        suffix = "." + file_name.rsplit(".", 1)[1] if file_name and "." in file_name else ""
        stored = StoredFile(
            file_id=f"BQACAgIAAxkBAAI{number:06d}{digest}",
            file_unique_id=f"AgAD{digest[:8]}",
            file_path=f"documents/file_{number}{suffix}",
            data=data,
            file_name=file_name,
            mime_type=mime_type,
        )
        self.files[stored.file_id] = stored
        return stored

    def file_by_path(self, path: str) -> StoredFile | None:
        return next((f for f in self.files.values() if f.file_path == path), None)

    # Faults

    def take_fault(self, method: str) -> Fault | None:
        queue = self.faults.get(method.lower())
        return queue.popleft() if queue else None
