"""Documents an admin sends in a private chat: loaded like `briefbot load` loads a file."""

from __future__ import annotations

from telegram import Update

from bot import render
from bot.admin import render as admin_render
from bot.admin.arguments import Unusable
from bot.admin.documents import display_name
from bot.admin.upload import Document, receive
from bot.context import Context
from handlers.admin_guard import admin_only
from handlers.admin_replies import acting_admin, today
from handlers.common import language_of, send


@admin_only
async def document(update: Update, context: Context) -> None:
    """Load a .yaml, .yml or .txt document and answer with its summary or its error."""
    message = update.effective_message
    if message is None or message.document is None:
        return
    lang = await language_of(update, context)
    sent = message.document
    upload = Document(
        sent.file_id, display_name(sent.file_name), sent.mime_type, sent.file_size, message.caption
    )
    outcome = await receive(
        context.bot,
        context.bot_data.db,
        context.bot_data.settings,
        acting_admin(update),
        upload,
        today=today(context),
        lang=lang,
    )
    if isinstance(outcome, Unusable):
        await send(update, context, render.text(lang, outcome.key, **outcome.values))
    else:
        await send(update, context, admin_render.loaded(lang, upload.name, outcome))
