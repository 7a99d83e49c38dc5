"""What the admin handlers share: who acts, today's date, refusals, and confirming a change.

A confirmed change of a day already delivered starts editing the delivered copies in the
background; the confirmation is completed with how many were edited once that is done.
"""

from __future__ import annotations

from datetime import date

from telegram import Update

from bot import render
from bot.admin import render as admin_render
from bot.admin.arguments import Unusable
from bot.admin.refresh import Notice, start_refresh
from bot.admin.service import Admin, Changed
from bot.context import Context
from bot.push.runtime import runtime_of
from handlers.common import send


def acting_admin(update: Update) -> Admin:
    user = update.effective_user
    if user is None:  # admin_only lets no update without a user through
        raise RuntimeError("an admin action without a user")
    name = f"@{user.username}" if user.username else user.full_name
    return Admin(user.id, name)


def today(context: Context) -> date:
    """Today where the bot runs, on the push's clock (tests move it)."""
    now = runtime_of(context.application).clock.now()
    return now.astimezone(context.bot_data.settings.timezone).date()


def command_text(update: Update) -> str:
    message = update.effective_message
    return message.text or "" if message is not None else ""


async def refuse(update: Update, context: Context, lang: str, problem: Unusable) -> None:
    await send(update, context, render.text(lang, problem.key, **problem.values))


def refresh_after(
    update: Update, context: Context, lang: str, changed: Changed, notice: Notice
) -> None:
    """Edit the day's delivered copies in the background, then complete `notice`."""
    if not changed.delivered_to:
        return
    start_refresh(
        runtime_of(context.application),
        changed.day,
        admin=acting_admin(update),
        notice=notice,
        outcome=lambda done: admin_render.refreshed(lang, done),
    )


async def confirm_change(
    update: Update, context: Context, lang: str, text: str, changed: Changed
) -> None:
    """Reply `text` (HTML); when the day was delivered, say its copies are being edited."""
    shown = admin_render.with_progress(lang, text, changed.delivered_to)
    [message] = await send(update, context, render.Reply((shown,)))
    notice = Notice(message.chat_id, message.message_id, text)
    refresh_after(update, context, lang, changed, notice)
