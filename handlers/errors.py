"""The last resort: log what broke, with its context, and apologise to the user."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError

from bot.context import Context
from bot.i18n import pick_language, t

log = logging.getLogger(__name__)


async def on_error(update: object, context: Context) -> None:
    """Log the update and the traceback; tell the user something went wrong."""
    log.error("error while handling update %r", update, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    user = update.effective_user
    # Only Telegram's language here: the database may be what failed.
    lang = pick_language(None, user.language_code if user else None)
    try:
        if update.callback_query:
            await update.callback_query.answer()
        await context.bot.send_message(update.effective_chat.id, t(lang, "error"))
    except TelegramError:
        log.exception("could not send the apology to chat %s", update.effective_chat.id)
