"""/summary DATE: the admin's next message becomes the day's summary (or /summary DATE TEXT)."""

from __future__ import annotations

from datetime import date

from telegram import Update

from bot.admin import arguments, service
from bot.admin import render as admin_render
from bot.admin.arguments import Unusable
from bot.admin.state import state_of
from bot.context import Context
from bot.dates import format_long_date
from bot.i18n import t
from handlers.admin_guard import admin_only
from handlers.admin_replies import acting_admin, command_text, confirm_change, refuse, today
from handlers.common import language_of, send


async def _save(update: Update, context: Context, lang: str, day: date, text: str) -> None:
    changed = await service.set_summary(context.bot_data.db, acting_admin(update), day, text)
    done = t(lang, "admin.summary.done", date=format_long_date(day, lang))
    await confirm_change(update, context, lang, done, changed)


@admin_only
async def summary(update: Update, context: Context) -> None:
    """Replace a day's summary: with the text given, or with the admin's next message."""
    lang = await language_of(update, context)
    try:
        wanted = arguments.parse_summary_command(
            arguments.after_command(command_text(update)), today(context)
        )
    except Unusable as problem:
        await refuse(update, context, lang, problem)
        return
    if wanted.text is not None:
        await _save(update, context, lang, wanted.day, wanted.text)
        return
    state_of(context.application).expect_summary(acting_admin(update).id, wanted.day)
    await send(update, context, admin_render.summary_question(lang, wanted.day))


@admin_only
async def summary_text(update: Update, context: Context) -> None:
    """Save the message that answers a pending /summary as the day's summary."""
    lang = await language_of(update, context)
    admin, state = acting_admin(update), state_of(context.application)
    day = state.take_summary(admin.id)
    if day is None:
        return
    try:
        text = arguments.summary_text(command_text(update))
    except Unusable as problem:
        state.expect_summary(admin.id, day)  # still waiting for a usable text
        await refuse(update, context, lang, problem)
        return
    await _save(update, context, lang, day, text)


@admin_only
async def cancel_button(update: Update, context: Context) -> None:
    """Stop waiting for the summary: the next message is searched as usual."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    state_of(context.application).cancel_summary(acting_admin(update).id)
    lang = await language_of(update, context)
    await query.edit_message_text(t(lang, "admin.summary.cancelled"))
