"""/lang fr|en: the interface language, kept per user."""

from __future__ import annotations

from telegram import Update

from bot import render
from bot.context import Context
from bot.i18n import LANGUAGES
from handlers.common import language_of, send
from storage import users


async def lang(update: Update, context: Context) -> None:
    """Switch the user's interface language."""
    choice = (context.args or [""])[0].lower()
    if choice not in LANGUAGES or update.effective_user is None:
        await send(update, context, render.text(await language_of(update, context), "lang.usage"))
        return
    await users.set_language(context.bot_data.db, update.effective_user.id, choice)
    if context.user_data is not None:
        context.user_data.language, context.user_data.language_loaded = choice, True
    await send(update, context, render.text(choice, "lang.done"))
