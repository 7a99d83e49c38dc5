"""Channels: may the bot post there, and what a change of its rights means."""

from __future__ import annotations

from telegram import Bot, ChatMember, ChatMemberAdministrator, ChatMemberOwner
from telegram.error import BadRequest, Forbidden

from bot.push.subscriptions import ChatRef


def can_post(member: ChatMember) -> bool:
    """Whether the bot, as this member of a channel, may post messages there."""
    if isinstance(member, ChatMemberOwner):
        return True
    return isinstance(member, ChatMemberAdministrator) and bool(member.can_post_messages)


async def check_channel(bot: Bot, name: str) -> ChatRef | str:
    """The channel `name` (@username or id) if the bot may post there, else why not (a key)."""
    try:
        chat = await bot.get_chat(name)
    except (BadRequest, Forbidden):
        return "push.channel.not_found"
    if chat.type != "channel":
        return "push.channel.not_channel"
    try:
        member = await bot.get_chat_member(chat.id, bot.id)
    except (BadRequest, Forbidden):
        return "push.channel.not_admin"
    return ChatRef.of(chat) if can_post(member) else "push.channel.not_admin"
