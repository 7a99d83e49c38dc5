"""Planning a correction's edits of already delivered briefings. Pure.

Each chat that received the day gets its messages edited, part for part, to the day's briefing
rendered again in the chat's language. Telegram refuses to touch messages older than 48 hours,
so a chat served before that is left as it is, and counted. When the new rendering has more
parts than were sent, the extra parts are sent after the last message; when it has fewer, the
messages left over are deleted, so no reader sees a stale copy of a part.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.render import Reply
from storage.delivered import DeliveredDay

EDIT_WINDOW = timedelta(hours=48)


@dataclass(frozen=True)
class ChatEdits:
    """What to do in one chat, in this order: edit, then send the extra parts, then delete."""

    chat_id: int
    is_group: bool
    edits: tuple[tuple[int, str], ...]  # (message id, its new text)
    extra_parts: tuple[str, ...] = ()
    surplus: tuple[int, ...] = ()  # message ids to delete

    @property
    def kept_ids(self) -> tuple[int, ...]:
        """The delivered messages that still hold a part (the extra parts' ids come after)."""
        return tuple(message_id for message_id, _ in self.edits)


@dataclass(frozen=True)
class EditPlan:
    chats: tuple[ChatEdits, ...]
    too_old: int = 0  # messages sent more than EDIT_WINDOW ago, left as they are
    emptied: int = 0  # messages of a day that has nothing left to show, left as they are

    @property
    def messages(self) -> int:
        """How many delivered messages the plan edits."""
        return sum(len(chat.edits) for chat in self.chats)


def editable(sent_at: datetime, now: datetime, window: timedelta = EDIT_WINDOW) -> bool:
    """Whether Telegram still lets the bot edit a message sent at `sent_at`."""
    return now - sent_at < window


def chat_edits(copy: DeliveredDay, reply: Reply) -> ChatEdits:
    ids, parts = copy.message_ids, reply.parts
    paired = min(len(ids), len(parts))
    return ChatEdits(
        chat_id=copy.chat_id,
        is_group=copy.kind != "user",
        edits=tuple(zip(ids[:paired], parts[:paired], strict=True)),
        extra_parts=tuple(parts[paired:]),
        surplus=tuple(ids[paired:]),
    )


def plan_edits(
    delivered: Sequence[DeliveredDay],
    replies: Mapping[str, Reply | None],
    now: datetime,
    window: timedelta = EDIT_WINDOW,
) -> EditPlan:
    """The edits that bring every delivered copy in line with `replies` (one per language)."""
    chats: list[ChatEdits] = []
    too_old = emptied = 0
    for copy in delivered:
        reply = replies.get(copy.language)
        if not editable(copy.sent_at, now, window):
            too_old += len(copy.message_ids)
        elif reply is None or not reply.parts:
            emptied += len(copy.message_ids)
        else:
            chats.append(chat_edits(copy, reply))
    return EditPlan(tuple(chats), too_old, emptied)


@dataclass
class Refreshed:
    """What the edits did, counted in messages."""

    chats: int = 0
    edited: int = 0
    unchanged: int = 0  # Telegram already showed that text: the correction was elsewhere
    too_old: int = 0
    emptied: int = 0
    failed: int = 0
    sent: int = 0  # extra parts, when the briefing grew longer
    deleted: int = 0  # parts no longer needed, when it grew shorter

    def counts(self) -> dict[str, int]:
        return {name: value for name, value in vars(self).items() if value}
