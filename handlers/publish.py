"""/publish [DATE]: push a day's briefing now to every active subscriber without it."""

from __future__ import annotations

from telegram import Update

from bot import render
from bot.briefing import compose_briefing
from bot.context import Context
from bot.dates import parse_user_date
from bot.push.publish import start_publish
from bot.push.render import long_date
from bot.push.runtime import runtime_of
from handlers.admin_guard import admin_only
from handlers.common import language_of, send


@admin_only
async def publish(update: Update, context: Context) -> None:
    """Start the push in the background and keep one progress message up to date."""
    lang = await language_of(update, context)
    runtime = runtime_of(context.application)
    config = context.bot_data.settings
    today = runtime.clock.now().astimezone(config.timezone).date()
    argument = " ".join(context.args or [])
    day = parse_user_date(argument, today) if argument else today
    if day is None:
        await send(update, context, render.text(lang, "push.publish.bad_date", text=argument))
        return
    db = context.bot_data.db
    if await compose_briefing(db, day, lang, war_start=config.war_start, fallback=False) is None:
        reply = render.text(lang, "push.publish.no_content", date=long_date(day, lang))
        await send(update, context, reply)
        return
    [message] = await send(
        update, context, render.text(lang, "push.publish.preparing", date=long_date(day, lang))
    )
    start_publish(runtime, day, message.chat_id, message.message_id, lang)
