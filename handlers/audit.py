"""/audit: the admins' last actions; and recording the push's admin commands in the log."""

from __future__ import annotations

from telegram import Update

from bot.admin import arguments
from bot.admin import render as admin_render
from bot.context import Context
from handlers.admin_guard import admin_only, is_admin
from handlers.admin_replies import acting_admin, command_text
from handlers.common import language_of, send
from storage import audit

SHOWN = 20


@admin_only
async def show_audit(update: Update, context: Context) -> None:
    """Show the last 20 admin actions, newest first."""
    lang = await language_of(update, context)
    entries = await audit.recent(context.bot_data.db, SHOWN)
    zone = context.bot_data.settings.timezone
    await send(update, context, admin_render.audit_log(lang, entries, zone))


async def record_command(update: Update, context: Context) -> None:
    """Log an admin command handled elsewhere (/publish, /addchannel...) with its arguments.

    Registered in a later handler group, so it runs once the command itself has been handled.
    """
    text = command_text(update)
    if not is_admin(update, context) or not text.startswith("/"):
        return
    name = text.split(maxsplit=1)[0][1:].partition("@")[0].lower()
    subject = arguments.after_command(text)[:200]
    await audit.record(context.bot_data.db, acting_admin(update).action(name, subject))
