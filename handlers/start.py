"""/start and /help: what the bot does and how to use it."""

from __future__ import annotations

from telegram import Update

from bot import render
from bot.context import Context
from handlers import subscribe
from handlers.admin_guard import is_admin
from handlers.common import language_of, send


async def start(update: Update, context: Context) -> None:
    """Greet the user and offer the main actions as buttons."""
    lang = await language_of(update, context)
    name = update.effective_user.first_name if update.effective_user else ""
    await send(update, context, render.start(lang, name))
    await subscribe.reactivate(update, context)


async def help_command(update: Update, context: Context) -> None:
    """List every command with its one-line description (admins also see theirs)."""
    lang = await language_of(update, context)
    await send(update, context, render.help_text(lang, admin=is_admin(update, context)))
