"""/subscribe, /unsubscribe, /settings with its buttons, /tz: a chat's daily briefing."""

from __future__ import annotations

from datetime import datetime

from telegram import Update
from telegram.constants import ChatMemberStatus
from telegram.error import BadRequest

from bot import render
from bot.context import Context
from bot.follow import render as follow_render
from bot.follow import service as follow_service
from bot.i18n import LANGUAGES, t
from bot.push import render as push_render
from bot.push import subscriptions
from bot.push.runtime import runtime_of
from bot.push.schedule import find_zone, parse_push_time
from bot.push.subscriptions import ChatRef
from handlers.admin_guard import is_admin
from handlers.common import language_of, send
from storage import follows
from storage.models import Subscriber

_MANAGERS = (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)


def _now(context: Context) -> datetime:
    return runtime_of(context.application).clock.now()


def _chat(update: Update) -> ChatRef:
    assert update.effective_chat is not None  # commands and buttons always come from a chat
    return ChatRef.of(update.effective_chat)


async def _may_manage(update: Update, context: Context, lang: str) -> bool:
    """In a private chat, anyone; in a group, its administrators (and the bot's admins)."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return False
    if chat.type == "private" or is_admin(update, context):
        return True
    member = await context.bot.get_chat_member(chat.id, user.id)
    if member.status in _MANAGERS:
        return True
    if update.callback_query is not None:
        await update.callback_query.answer(t(lang, "push.group_admins_only"), show_alert=True)
    else:
        await send(update, context, render.text(lang, "push.group_admins_only"))
    return False


async def subscribe(update: Update, context: Context) -> None:
    """Subscribe this chat, at the time given (/subscribe 07:30) or at the default time."""
    lang = await language_of(update, context)
    argument = " ".join(context.args or [])
    push_time = parse_push_time(argument) if argument else None
    if argument and push_time is None:
        await send(update, context, render.text(lang, "push.bad_time", text=argument))
        return
    if not await _may_manage(update, context, lang):
        return
    user = update.effective_user
    subscriber = await subscriptions.subscribe(
        context.bot_data.db,
        _chat(update),
        language=lang,
        config=context.bot_data.settings,
        now=_now(context),
        push_time=push_time,
        added_by=user.id if user else None,
    )
    await send(update, context, push_render.subscribed(lang, subscriber))


async def subscribe_button(update: Update, context: Context) -> None:
    """Answer the "S'abonner" button under /start: subscribe at the default time."""
    if update.callback_query:
        await update.callback_query.answer()
    await subscribe(update, context)


async def unsubscribe(update: Update, context: Context) -> None:
    """Stop the daily briefing in this chat."""
    lang = await language_of(update, context)
    if not await _may_manage(update, context, lang):
        return
    stopped = await subscriptions.unsubscribe(context.bot_data.db, _chat(update).chat_id)
    key = "push.unsubscribed" if stopped else "push.not_subscribed"
    await send(update, context, render.text(lang, key))


async def settings(update: Update, context: Context) -> None:
    """Show the time, zone and language of the daily briefing, with buttons to change them."""
    lang = await language_of(update, context)
    subscriber = await subscriptions.current(
        context.bot_data.db, _chat(update), language=lang, config=context.bot_data.settings
    )
    alerts = await _alerts(context, lang, subscriber)
    await send(update, context, push_render.settings(lang, subscriber, alerts))


async def _alerts(context: Context, lang: str, subscriber: Subscriber) -> str | None:
    """The keyword alerts' block of /settings (their quiet hours read in the chat's zone)."""
    db = context.bot_data.db
    listed = await follows.for_chat(db, subscriber.chat_id)
    quiet = await follow_service.quiet_hours(db, subscriber.chat_id)
    return follow_render.settings_block(lang, len(listed), quiet, subscriber.timezone)


async def timezone(update: Update, context: Context) -> None:
    """Set the time zone of the daily briefing: /tz Europe/Kyiv."""
    lang = await language_of(update, context)
    db, config = context.bot_data.db, context.bot_data.settings
    argument = " ".join(context.args or [])
    if not argument:
        known = await subscriptions.current(db, _chat(update), language=lang, config=config)
        await send(update, context, render.text(lang, "push.tz_usage", zone=known.timezone))
        return
    zone = find_zone(argument)
    if zone is None:
        await send(update, context, render.text(lang, "push.tz_unknown", text=argument))
        return
    if not await _may_manage(update, context, lang):
        return
    changed = await subscriptions.set_zone(
        db, _chat(update), zone, language=lang, config=config, now=_now(context)
    )
    await send(update, context, push_render.zone_done(lang, changed))


async def settings_button(update: Update, context: Context) -> None:
    """Apply a settings button, then show the settings (or the picker) in the same message."""
    query = update.callback_query
    parsed = push_render.parse_callback(query.data or "") if query else None
    if query is None or parsed is None:
        return
    action, value = parsed
    lang = await language_of(update, context)
    if action == "menu":
        await query.answer()
        await _show(update, context, lang, value)
        return
    if not await _may_manage(update, context, lang):
        return
    lang = await _apply(update, context, lang, action, value)
    await query.answer(t(lang, "push.saved"))
    await _show(update, context, lang, "main")


async def _apply(update: Update, context: Context, lang: str, action: str, value: str) -> str:
    """Change one setting; returns the language to answer in (a new one, if it changed)."""
    db, config = context.bot_data.db, context.bot_data.settings
    chat, now = _chat(update), _now(context)
    push_time = parse_push_time(value)
    zone = find_zone(value)
    if action == "time" and push_time is not None:
        if await subscriptions.set_time(db, chat.chat_id, push_time, now) is None:
            await subscriptions.subscribe(
                db, chat, language=lang, config=config, now=now, push_time=push_time
            )
    elif action == "zone" and zone is not None:
        await subscriptions.set_zone(db, chat, zone, language=lang, config=config, now=now)
    elif action == "lang" and value in LANGUAGES:
        user = update.effective_user
        await subscriptions.set_language(db, chat, user.id if user else None, value)
        if chat.kind == "user" and context.user_data is not None:
            context.user_data.language, context.user_data.language_loaded = value, True
        return value
    elif action == "on":
        user = update.effective_user
        added_by = user.id if user else None
        await subscriptions.subscribe(
            db, chat, language=lang, config=config, now=now, added_by=added_by
        )
    elif action == "off":
        await subscriptions.unsubscribe(db, chat.chat_id)
    return lang


async def _show(update: Update, context: Context, lang: str, view: str) -> None:
    query = update.callback_query
    assert query is not None
    if view == "main":
        subscriber = await subscriptions.current(
            context.bot_data.db, _chat(update), language=lang, config=context.bot_data.settings
        )
        reply = push_render.settings(lang, subscriber, await _alerts(context, lang, subscriber))
    else:
        reply = push_render.picker(lang, view)
    try:
        await query.edit_message_text(reply.parts[0], reply_markup=reply.keyboard)
    except BadRequest as error:
        if "not modified" not in error.message:
            raise


async def reactivate(update: Update, context: Context) -> None:
    """A user who blocked the bot and comes back with /start gets the pushes (and alerts) again."""
    chat = update.effective_chat
    if chat is not None and chat.type == "private":
        await subscriptions.reactivate(context.bot_data.db, chat.id, _now(context))
        await follows.reactivate(context.bot_data.db, chat.id)
