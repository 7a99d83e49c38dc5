"""Channels: subscribed when the bot may post there, and the admin's /channels,
/addchannel @name and /removechannel @name."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden

from bot import render
from bot.context import Context
from bot.i18n import DEFAULT_LANGUAGE
from bot.push import render as push_render
from bot.push import subscriptions
from bot.push.channels import can_post, check_channel
from bot.push.runtime import runtime_of
from bot.push.subscriptions import ChatRef
from handlers.admin_guard import admin_only, is_admin
from handlers.common import language_of, send
from storage import subscribers

log = logging.getLogger(__name__)


async def my_chat_member(update: Update, context: Context) -> None:
    """Subscribe a channel when the bot may post there; stop when it no longer may."""
    change = update.my_chat_member
    if change is None:
        return
    chat, db = ChatRef.of(change.chat), context.bot_data.db
    if chat.kind != "channel":
        # A user who blocks the bot, or a group that removes it: stop before the next push.
        if change.new_chat_member.status in ("left", "kicked"):
            reason = subscribers.BLOCKED if chat.kind == "user" else subscribers.REMOVED
            await subscribers.deactivate(db, chat.chat_id, reason)
        return
    if not can_post(change.new_chat_member):
        await subscriptions.remove_channel(db, chat.chat_id)
        return
    if can_post(change.old_chat_member):
        return
    lang = await language_of(update, context)
    config = context.bot_data.settings
    if not (is_admin(update, context) or config.open_channel_subscriptions):
        reply = render.text(lang, "push.channel.refused", title=chat.title or str(chat.chat_id))
    else:
        subscriber = await subscriptions.subscribe(
            db,
            chat,
            language=DEFAULT_LANGUAGE,
            config=config,
            now=runtime_of(context.application).clock.now(),
            added_by=change.from_user.id,
        )
        reply = push_render.subscribed(lang, subscriber)
    try:
        await context.bot.send_message(change.from_user.id, reply.parts[0])
    except Forbidden:
        log.info("channel %s: user %s never started the bot", chat.chat_id, change.from_user.id)


@admin_only
async def channels(update: Update, context: Context) -> None:
    """List the channels with their state."""
    lang = await language_of(update, context)
    listed = await subscribers.channels(context.bot_data.db)
    await send(update, context, push_render.channels(lang, listed))


@admin_only
async def add_channel(update: Update, context: Context) -> None:
    """Subscribe a channel by name, once the bot is an admin there allowed to post."""
    lang = await language_of(update, context)
    if not context.args:
        await send(update, context, render.text(lang, "push.channel.usage", command="/addchannel"))
        return
    name = context.args[0]
    found = await check_channel(context.bot, name)
    if isinstance(found, str):
        await send(update, context, render.text(lang, found, name=name))
        return
    user = update.effective_user
    subscriber = await subscriptions.subscribe(
        context.bot_data.db,
        found,
        language=DEFAULT_LANGUAGE,
        config=context.bot_data.settings,
        now=runtime_of(context.application).clock.now(),
        added_by=user.id if user else None,
    )
    await send(update, context, push_render.subscribed(lang, subscriber))


@admin_only
async def remove_channel(update: Update, context: Context) -> None:
    """Unsubscribe a channel by name."""
    lang = await language_of(update, context)
    if not context.args:
        command = "/removechannel"
        await send(update, context, render.text(lang, "push.channel.usage", command=command))
        return
    name = context.args[0]
    db = context.bot_data.db
    known = await subscribers.find_by_username(db, name)
    if known is None and name.lstrip("-").isdigit():
        known = await subscribers.get(db, int(name))
    if known is None or known.kind != "channel":
        await send(update, context, render.text(lang, "push.channel.unknown", name=name))
        return
    await subscriptions.remove_channel(db, known.chat_id)
    title = known.title or name
    await send(update, context, render.text(lang, "push.channel.removed", title=title))
