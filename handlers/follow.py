"""/follow, /following, /unfollow and /quiet: keyword alerts, for a chat or (admins) a channel.

A first argument `@channel` acts for that channel: the caller must be one of the bot's admins
(checked on every call) and the channel one the bot is subscribed to.
"""

from __future__ import annotations

from telegram import Update
from telegram.error import BadRequest

from bot import render
from bot.context import Context
from bot.follow import render as follow_render
from bot.follow import service
from bot.follow.quiet import OFF_WORDS, parse_quiet_hours
from bot.follow.service import Target
from bot.i18n import t
from handlers.admin_guard import is_admin
from handlers.common import language_of, send
from storage import follows, subscribers


async def _target(update: Update, context: Context, lang: str) -> tuple[Target | None, list[str]]:
    """Whose follows the command is about, and the arguments left; None once refused."""
    args, chat = list(context.args or []), update.effective_chat
    assert chat is not None  # commands always come from a chat
    if not args or not args[0].startswith("@"):
        kind = {"private": "user", "channel": "channel"}.get(chat.type, "group")
        return Target(chat.id, kind), args
    if not is_admin(update, context):
        await send(update, context, render.text(lang, "follow.channel.admins_only"))
        return None, []
    channel = await service.known_channel(context.bot_data.db, args[0])
    if channel is None:
        await send(update, context, render.text(lang, "follow.channel.unknown", name=args[0]))
        return None, []
    return Target(channel.chat_id, "channel", channel.title or args[0]), args[1:]


async def _zone(context: Context, chat_id: int) -> str:
    known = await subscribers.get(context.bot_data.db, chat_id)
    return known.timezone if known else str(context.bot_data.settings.timezone)


async def _listing(context: Context, lang: str, target: Target) -> render.Reply:
    db = context.bot_data.db
    listed = await follows.for_chat(db, target.chat_id)
    quiet = await service.quiet_hours(db, target.chat_id)
    limit = context.bot_data.settings.max_follows
    zone = await _zone(context, target.chat_id)
    return follow_render.following(lang, listed, limit, quiet, zone, target.title)


async def follow(update: Update, context: Context) -> None:
    """Get an alert when new snippets match a query: /follow koursk."""
    lang = await language_of(update, context)
    target, words = await _target(update, context, lang)
    if target is None:
        return
    if not words:
        await send(update, context, render.text(lang, "follow.usage"))
        return
    query, limit = " ".join(words), context.bot_data.settings.max_follows
    user = update.effective_user.id if update.effective_user else None
    result = await service.follow(
        context.bot_data.db, target, query, language=lang, limit=limit, by=user
    )
    await send(update, context, follow_render.followed(lang, result, query, target.title, limit))


async def following(update: Update, context: Context) -> None:
    """List the followed queries, with a button to drop each."""
    lang = await language_of(update, context)
    target, _ = await _target(update, context, lang)
    if target is not None:
        await send(update, context, await _listing(context, lang, target))


async def unfollow(update: Update, context: Context) -> None:
    """Stop following the N-th query of /following: /unfollow 2."""
    lang = await language_of(update, context)
    target, args = await _target(update, context, lang)
    if target is None:
        return
    if len(args) != 1 or not args[0].isdigit():
        await send(update, context, render.text(lang, "follow.unfollow.usage"))
        return
    dropped = await service.unfollow_number(context.bot_data.db, target.chat_id, int(args[0]))
    if isinstance(dropped, int):
        reply = render.text(lang, "follow.unfollow.unknown", number=args[0], count=str(dropped))
    else:
        reply = render.text(lang, "follow.unfollow.done", query=dropped.query)
    await send(update, context, reply)


async def unfollow_button(update: Update, context: Context) -> None:
    """Drop the follow under the ✖ pressed, then show the list again in the same message."""
    query = update.callback_query
    follow_id = follow_render.parse_unfollow_callback(query.data or "") if query else None
    if query is None or follow_id is None or update.effective_chat is None:
        return
    lang, db = await language_of(update, context), context.bot_data.db
    chosen = await follows.get(db, follow_id)
    mine = chosen is not None and chosen.chat_id == update.effective_chat.id
    if chosen is None or not (mine or is_admin(update, context)):
        await query.answer(t(lang, "follow.unfollow.gone"))
        return
    await follows.remove(db, chosen)
    await query.answer(t(lang, "follow.unfollow.done", query=chosen.query).replace("<b>", ""))
    channel = None if mine else await subscribers.get(db, chosen.chat_id)
    title = channel.title if channel else None
    target = Target(chosen.chat_id, "channel" if channel else "user", title)
    listing = await _listing(context, lang, target)
    try:
        await query.edit_message_text(listing.parts[0], reply_markup=listing.keyboard)
    except BadRequest as error:
        if "not modified" not in error.message:
            raise


async def quiet(update: Update, context: Context) -> None:
    """Set the hours when alerts wait: /quiet 22:00-07:00, /quiet off."""
    lang = await language_of(update, context)
    target, args = await _target(update, context, lang)
    if target is None:
        return
    argument, db = " ".join(args), context.bot_data.db
    hours = parse_quiet_hours(argument) if argument else None
    zone = await _zone(context, target.chat_id)
    if argument.casefold() in OFF_WORDS:
        await follows.set_quiet(db, target.chat_id, target.kind, lang, None)
        reply = render.text(lang, "follow.quiet.off")
    elif hours is not None:
        await follows.set_quiet(db, target.chat_id, target.kind, lang, hours.stored())
        reply = render.text(lang, "follow.quiet.set", hours=str(hours), zone=zone)
    elif argument:
        reply = render.text(lang, "follow.quiet.bad", text=argument)
    else:
        reply = await _quiet_usage(context, lang, target)
    await send(update, context, reply)


async def _quiet_usage(context: Context, lang: str, target: Target) -> render.Reply:
    hours = await service.quiet_hours(context.bot_data.db, target.chat_id)
    current = str(hours) if hours else t(lang, "follow.quiet.none")
    return render.text(lang, "follow.quiet.usage", current=current)
