"""Commands the bot does not know."""

from __future__ import annotations

from telegram import Update

from bot import render
from bot.context import Context
from handlers.common import language_of, send


async def unknown_command(update: Update, context: Context) -> None:
    """Point to /help."""
    await send(update, context, render.text(await language_of(update, context), "unknown"))
