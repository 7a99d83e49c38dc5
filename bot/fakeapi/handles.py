"""A chat as a test drives it: a user who types, presses buttons and reads the replies."""

from __future__ import annotations

import mimetypes
import re
from typing import Any

from .entities import utf16_len
from .models import JSON, Call, Message, MessageVersion
from .state import ChatState
from .world import PendingQuery, World

_BOT_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![^\s.,;:!?)])")
DEFAULT_TIMEOUT = 5.0


def command_entities(text: str) -> list[JSON]:
    """The bot_command entities Telegram marks in a user's text, offsets in UTF-16."""
    return [
        {
            "type": "bot_command",
            "offset": utf16_len(text[: match.start()]),
            "length": utf16_len(match.group()),
        }
        for match in _BOT_COMMAND.finditer(text)
    ]


class ChatHandle:
    """One chat seen from the Telegram side: what its people do, what the bot sent there.

    For a private chat the handle is also the user (``tg.user(...)``); in groups and
    channels, pass ``from_user=`` to say who acts.
    """

    def __init__(self, world: World, state: ChatState) -> None:
        self.world = world
        self.state = state
        self._read = 0
        self._edits_read: dict[int, int] = {}

    def __repr__(self) -> str:
        name = self.state.title or self.state.first_name or ""
        return f"<{self.state.type} chat {self.id} {name!r}>"

    @property
    def id(self) -> int:
        return self.state.id

    @property
    def messages(self) -> list[Message]:
        """Every message the bot sent here, in order, in its current (edited) state."""
        return list(self.state.bot_messages.values())

    @property
    def last_message(self) -> Message | None:
        return self.messages[-1] if self.messages else None

    def as_user(self) -> JSON:
        """This private chat's user, as a Telegram User object."""
        if self.state.type != "private":
            raise ValueError(f"{self!r} is not a user")
        return self.state.user_dict()

    # What people do

    async def send(
        self, text: str, *, from_user: ChatHandle | None = None, reply_to: int | None = None
    ) -> JSON:
        """Post ``text`` here (``/commands`` get bot_command entities); returns the Message."""
        extra: JSON = {"text": text}
        if entities := command_entities(text):
            extra["entities"] = entities
        if reply_to is not None:
            extra["reply_to_message"] = self._replied(reply_to)
        return self._post(from_user, extra)

    async def send_document(
        self,
        file_name: str,
        data: bytes,
        *,
        caption: str | None = None,
        mime_type: str | None = None,
        from_user: ChatHandle | None = None,
    ) -> JSON:
        """Upload a document here; the bot can fetch it with getFile and download it."""
        mime_type = mime_type or mimetypes.guess_type(file_name)[0]
        stored = self.world.store_file(data, file_name, mime_type)
        extra: JSON = {"document": stored.document()}
        if caption:
            extra["caption"] = caption
        return self._post(from_user, extra)

    async def press(
        self,
        message: Message | int,
        text: str | None = None,
        *,
        callback_data: str | None = None,
        from_user: ChatHandle | None = None,
    ) -> str:
        """Press a callback button of a bot message by its text (or data); returns the query id."""
        found = self._bot_message(message)
        button = found.button(text, callback_data=callback_data)
        if button.callback_data is None:
            raise ValueError(f"button {button.text!r} sends no callback query: {button}")
        query_id = self.world.new_query_id()
        self.world.callback_queries[query_id] = PendingQuery(self.world.clock())
        self.world.push_update(
            "callback_query",
            {
                "id": query_id,
                "from": self._sender(from_user),
                "message": found.to_dict(),
                "chat_instance": str(abs(hash((self.id, self.world.bot_id)))),
                "data": button.callback_data,
            },
        )
        return query_id

    async def inline_query(self, query: str, offset: str = "") -> str:
        """Type ``@bot query`` in any chat; returns the inline query id."""
        query_id = self.world.new_query_id()
        self.world.inline_queries[query_id] = PendingQuery(self.world.clock())
        payload = {"id": query_id, "from": self.as_user(), "query": query, "offset": offset}
        self.world.push_update("inline_query", {**payload, "chat_type": "sender"})
        return query_id

    def block(self) -> None:
        """The user blocks the bot: sends answer 403 until :meth:`unblock`."""
        self.state.blocked = True

    def unblock(self) -> None:
        self.state.blocked = False

    def deactivate(self) -> None:
        """The user deletes their account."""
        self.state.deactivated = True

    def add_member(self, user: ChatHandle, status: str = "member") -> None:
        """Make ``user`` a member (or ``administrator``, ``creator``...) of this group."""
        self.state.members[user.id] = status

    # What the bot did

    async def next_message(self, timeout: float = DEFAULT_TIMEOUT) -> Message:  # noqa: ASYNC109
        """The next message the bot sends here that this handle has not returned yet."""
        index = self._read
        message = await self.world.wait_for(
            lambda: self.messages[index] if len(self.messages) > index else None,
            timeout,
            f"a message from the bot in {self!r}",
        )
        self._read = index + 1
        return message

    async def next_edit(
        self,
        message: Message | int,
        timeout: float = DEFAULT_TIMEOUT,  # noqa: ASYNC109
    ) -> MessageVersion:
        """The next edit of ``message`` not returned yet: the content it was edited to."""
        found = self._bot_message(message, allow_deleted=True)
        index = self._edits_read.get(found.message_id, 0)
        version = await self.world.wait_for(
            lambda: found.edits[index] if len(found.edits) > index else None,
            timeout,
            f"an edit of message {found.message_id} in {self!r}",
        )
        self._edits_read[found.message_id] = index + 1
        return version

    @property
    def errors(self) -> list[Call]:
        """The bot's requests about this chat that Telegram's rules rejected."""
        return [
            call
            for call in self.world.calls
            if not call.ok and not call.injected and call.params.get("chat_id") == self.id
        ]

    # Helpers

    def _replied(self, message_id: int) -> JSON:
        if message_id in self.state.bot_messages:
            return self.state.bot_messages[message_id].to_dict()
        return {"message_id": message_id, "date": self.world.now(), "chat": self.state.to_dict()}

    def _bot_message(self, message: Message | int, allow_deleted: bool = False) -> Message:
        message_id = message if isinstance(message, int) else message.message_id
        found = self.state.bot_messages.get(message_id)
        if found is None or (found.deleted and not allow_deleted):
            raise LookupError(f"the bot has no message {message_id} in {self!r}")
        return found

    def _sender(self, from_user: ChatHandle | None) -> JSON:
        if from_user is not None:
            if self.state.type != "private":
                self.state.members.setdefault(from_user.id, "member")
            return from_user.as_user()
        if self.state.type == "private":
            return self.as_user()
        raise ValueError(f"say who acts in {self!r}: pass from_user=")

    def _post(self, from_user: ChatHandle | None, extra: JSON) -> JSON:
        state = self.state
        message: dict[str, Any] = {
            "message_id": state.new_message_id(),
            "date": self.world.now(),
            "chat": state.to_dict(),
        }
        if state.type == "channel":
            message["sender_chat"] = state.to_dict()
        else:
            message["from"] = self._sender(from_user)
        message.update(extra)
        kind = "channel_post" if state.type == "channel" else "message"
        self.world.push_update(kind, message)
        return message
