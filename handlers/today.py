"""/today [DATE] and the "Aujourd'hui" button: the day's briefing."""

from __future__ import annotations

from datetime import date, datetime

from telegram import Update

from bot import render
from bot.briefing import compose_for
from bot.context import Context
from bot.dates import parse_user_date
from handlers.common import language_of, send


async def _send_briefing(update: Update, context: Context, day: date, lang: str) -> None:
    config = context.bot_data.settings
    reply = await compose_for(config, context.bot_data.db, day, lang, fallback=True)
    await send(update, context, reply or render.text(lang, "today.none"))


def _today(context: Context) -> date:
    return datetime.now(context.bot_data.settings.timezone).date()


async def today(update: Update, context: Context) -> None:
    """Send the briefing of today, or of the date given as argument."""
    lang = await language_of(update, context)
    argument = " ".join(context.args or [])
    day = parse_user_date(argument, _today(context)) if argument else _today(context)
    if day is None:
        await send(update, context, render.text(lang, "today.bad_date", text=argument))
        return
    await _send_briefing(update, context, day, lang)


async def today_button(update: Update, context: Context) -> None:
    """Answer the "Aujourd'hui" button with today's briefing."""
    if update.callback_query:
        await update.callback_query.answer()
    await _send_briefing(update, context, _today(context), await language_of(update, context))
