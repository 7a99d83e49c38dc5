"""Subscribing chats and changing their settings: each change recomputes `next_push_at`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time
from zoneinfo import ZoneInfo

from telegram import Chat, ChatFullInfo

from bot.config import Config
from bot.push.schedule import next_push_at
from storage import subscribers, users
from storage.db import Database
from storage.models import Subscriber


@dataclass(frozen=True)
class ChatRef:
    """The chat a subscription is for, as Telegram described it."""

    chat_id: int
    kind: str  # user | group | channel
    title: str | None = None
    username: str | None = None

    @classmethod
    def of(cls, chat: Chat | ChatFullInfo) -> ChatRef:
        kind = {"private": "user", "channel": "channel"}.get(chat.type, "group")
        title = chat.title or chat.full_name or None
        return cls(chat.id, kind, title, chat.username)


def _rescheduled(subscriber: Subscriber, now: datetime) -> Subscriber:
    at = next_push_at(now, time.fromisoformat(subscriber.push_time), ZoneInfo(subscriber.timezone))
    return replace(subscriber, next_push_at=at)


async def subscribe(
    db: Database,
    chat: ChatRef,
    *,
    language: str,
    config: Config,
    now: datetime,
    push_time: time | None = None,
    added_by: int | None = None,
) -> Subscriber:
    """Start (or resume) daily pushes to `chat`, keeping its time and zone unless told."""
    known = await subscribers.get(db, chat.chat_id)
    chosen = push_time or (time.fromisoformat(known.push_time) if known else config.push_time)
    subscriber = Subscriber(
        chat_id=chat.chat_id,
        kind=chat.kind,
        title=chat.title,
        language=language,
        timezone=known.timezone if known else str(config.timezone),
        push_time=f"{chosen:%H:%M}",
        username=chat.username,
        added_by=added_by,
    )
    subscriber = _rescheduled(subscriber, now)
    await subscribers.upsert(db, subscriber)
    return subscriber


async def unsubscribe(db: Database, chat_id: int) -> bool:
    return await subscribers.deactivate(db, chat_id, subscribers.UNSUBSCRIBED)


async def remove_channel(db: Database, chat_id: int) -> bool:
    """The bot can no longer post in the channel (removed, demoted, or by an admin)."""
    return await subscribers.deactivate(db, chat_id, subscribers.REMOVED)


async def current(db: Database, chat: ChatRef, *, language: str, config: Config) -> Subscriber:
    """The chat's settings, or the defaults it would get by subscribing (not saved)."""
    known = await subscribers.get(db, chat.chat_id)
    if known is not None:
        return known
    return Subscriber(
        chat_id=chat.chat_id,
        kind=chat.kind,
        title=chat.title,
        language=language,
        timezone=str(config.timezone),
        push_time=f"{config.push_time:%H:%M}",
        active=False,
        username=chat.username,
    )


async def set_time(db: Database, chat_id: int, push_time: time, now: datetime) -> Subscriber | None:
    known = await subscribers.get(db, chat_id)
    if known is None:
        return None
    changed = _rescheduled(replace(known, push_time=f"{push_time:%H:%M}"), now)
    await subscribers.upsert(db, changed)
    return changed


async def set_zone(
    db: Database, chat: ChatRef, zone: ZoneInfo, *, language: str, config: Config, now: datetime
) -> Subscriber:
    """Change the zone; a chat not subscribed keeps it for when it subscribes."""
    known = await current(db, chat, language=language, config=config)
    changed = _rescheduled(replace(known, timezone=str(zone)), now)
    await subscribers.upsert(db, changed)
    return changed


async def set_language(db: Database, chat: ChatRef, user_id: int | None, language: str) -> None:
    """The language of the pushes, and in a private chat of the whole interface (as /lang)."""
    await subscribers.set_language(db, chat.chat_id, language)
    if chat.kind == "user" and user_id is not None:
        await users.set_language(db, user_id, language)


async def reactivate(db: Database, chat_id: int, now: datetime) -> Subscriber | None:
    """A user who had blocked the bot is back (/start): resume their pushes from now on."""
    known = await subscribers.get(db, chat_id)
    if known is None or known.active or known.inactive_reason != subscribers.BLOCKED:
        return None
    resumed = _rescheduled(replace(known, active=True, inactive_reason=None), now)
    assert resumed.next_push_at is not None
    if not await subscribers.reactivate(db, chat_id, subscribers.BLOCKED, resumed.next_push_at):
        return None
    return resumed
