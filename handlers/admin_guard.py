"""Admin-only commands: the caller's id must be in `config.admins`, checked on every call.

    app.add_handler(CommandHandler("stats", admin_only(stats.stats)))

Others get one short refusal; the wrapped handler never runs for them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update

from bot import render
from bot.context import Context
from bot.i18n import t
from handlers.common import language_of, send

Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]


def is_admin(update: Update, context: Context) -> bool:
    user = update.effective_user
    return user is not None and user.id in context.bot_data.settings.admins


def admin_only(handler: Handler) -> Handler:
    """Run `handler` for the bot's admins only; refuse everyone else in one line."""

    @functools.wraps(handler)
    async def guarded(update: Update, context: Context) -> None:
        if is_admin(update, context):
            await handler(update, context)
            return
        lang = await language_of(update, context)
        if update.callback_query is not None:
            await update.callback_query.answer(t(lang, "admin_guard.refused"), show_alert=True)
        else:
            await send(update, context, render.text(lang, "admin_guard.refused"))

    return guarded
