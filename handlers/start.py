"""/start and /help: what the bot does and how to use it."""

from __future__ import annotations

from telegram import Update

from bot import render
from bot.context import Context
from bot.i18n import t
from handlers.common import language_of, send


async def start(update: Update, context: Context) -> None:
    """Greet the user and offer the main actions as buttons."""
    lang = await language_of(update, context)
    name = update.effective_user.first_name if update.effective_user else ""
    await send(update, context, render.start(lang, name))


async def help_command(update: Update, context: Context) -> None:
    """List every command with its one-line description."""
    await send(update, context, render.help_text(await language_of(update, context)))


async def subscribe_button(update: Update, context: Context) -> None:
    """Say that subscriptions are coming (the push issue brings them)."""
    if update.callback_query:
        lang = await language_of(update, context)
        await update.callback_query.answer(t(lang, "subscribe.soon"), show_alert=True)
