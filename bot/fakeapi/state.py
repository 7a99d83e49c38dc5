"""Chats as Telegram knows them, and the bot's queue of pending updates."""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import JSON, Message

# What Telegram delivers when the bot never chose its allowed_updates (or chose []).
NOT_DELIVERED_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


@dataclass
class ChatState:
    """One chat: a private chat with a user (id = user id), a group, supergroup or channel."""

    id: int
    type: str
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    language_code: str | None = None
    bot_status: str = "member"
    blocked: bool = False
    deactivated: bool = False
    started: bool = True
    migrated_to: int | None = None
    next_message_id: int = 1
    message_ids: set[int] = field(default_factory=set)
    bot_messages: dict[int, Message] = field(default_factory=dict)
    members: dict[int, str] = field(default_factory=dict)

    @property
    def is_group(self) -> bool:
        """Groups, supergroups and channels share Telegram's 20 messages a minute limit."""
        return self.type != "private"

    def to_dict(self) -> JSON:
        """The Chat object as it appears inside messages and updates."""
        data: JSON = {"id": self.id, "type": self.type}
        optional = {
            "title": self.title,
            "username": self.username,
            "first_name": self.first_name,
            "last_name": self.last_name,
        }
        data.update({key: value for key, value in optional.items() if value is not None})
        return data

    def full_info(self) -> JSON:
        """The ChatFullInfo object getChat answers with."""
        gift_types = dict.fromkeys(
            (
                "unlimited_gifts",
                "limited_gifts",
                "unique_gifts",
                "premium_subscription",
                "gifts_from_channels",
            ),
            False,
        )
        return {
            **self.to_dict(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": gift_types,
        }

    def user_dict(self) -> JSON:
        """The User behind a private chat."""
        data: JSON = {"id": self.id, "is_bot": False, "first_name": self.first_name or ""}
        optional = {
            "last_name": self.last_name,
            "username": self.username,
            "language_code": self.language_code,
        }
        data.update({key: value for key, value in optional.items() if value is not None})
        return data

    def new_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        self.message_ids.add(message_id)
        return message_id


def update_type(update: JSON) -> str:
    """The kind of an Update: the one key besides update_id."""
    return next(key for key in update if key != "update_id")


@dataclass
class UpdateQueue:
    """Updates waiting for getUpdates; confirmed ones are forgotten, as by Telegram."""

    pending: list[JSON] = field(default_factory=list)
    next_id: int = 100_001
    allowed: frozenset[str] | None = None
    poll_generation: int = 0
    waiting_polls: int = 0

    def push(self, kind: str, payload: JSON) -> JSON:
        update: JSON = {"update_id": self.next_id, kind: payload}
        self.next_id += 1
        self.pending.append(update)
        return update

    def push_raw(self, update: JSON) -> JSON:
        """Queue a ready-made update, giving it the next update_id unless it has one."""
        update = dict(update)
        update.setdefault("update_id", self.next_id)
        self.next_id = max(self.next_id, int(update["update_id"])) + 1
        self.pending.append(update)
        return update

    def confirm(self, offset: int) -> None:
        """Forget updates below ``offset``; a negative offset keeps only the last -offset."""
        if offset < 0:
            self.pending = self.pending[offset:]
        elif offset:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]

    def set_allowed(self, allowed: list[str] | None) -> None:
        """Remember allowed_updates like Telegram does: until the next call that sets it."""
        if allowed is not None:
            self.allowed = frozenset(allowed) or None

    def deliverable(self, limit: int) -> list[JSON]:
        """Drop updates of types the bot does not take, return the first ``limit`` others."""
        self.pending = [u for u in self.pending if self._wanted(update_type(u))]
        return self.pending[:limit]

    def _wanted(self, kind: str) -> bool:
        if self.allowed is None:
            return kind not in NOT_DELIVERED_BY_DEFAULT
        return kind in self.allowed


_ADMIN_RIGHTS = [
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_post_messages",
    "can_edit_messages",
    "can_pin_messages",
]


def chat_member(user: JSON, status: str) -> JSON:
    """A ChatMember object: ``creator``, ``administrator``, ``member``, ``left``, ``kicked``."""
    member: JSON = {"status": status, "user": user}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(dict.fromkeys(_ADMIN_RIGHTS, True), can_be_edited=False, is_anonymous=False)
    elif status == "kicked":
        member["until_date"] = 0
    return member
