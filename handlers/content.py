"""/add, /del (with its confirmation), /correct and /snippets: admins edit snippets."""

from __future__ import annotations

from telegram import Update

from bot import render
from bot.admin import arguments, service
from bot.admin import render as admin_render
from bot.admin.arguments import Unusable
from bot.admin.refresh import Notice
from bot.context import Context
from bot.dates import format_long_date
from bot.i18n import t
from handlers.admin_guard import admin_only
from handlers.admin_replies import (
    acting_admin,
    command_text,
    confirm_change,
    refresh_after,
    refuse,
    today,
)
from handlers.common import language_of, send
from storage import snippets
from storage.content_edits import Clash


@admin_only
async def add(update: Update, context: Context) -> None:
    """Add one snippet to today's briefing: /add TEXT [| source | url]."""
    lang = await language_of(update, context)
    try:
        snippet = arguments.parse_add(arguments.after_command(command_text(update)))
    except Unusable as problem:
        await refuse(update, context, lang, problem)
        return
    db, day = context.bot_data.db, today(context)
    added = await service.add_snippet(
        db, acting_admin(update), day, snippet, context.bot_data.settings.timezone
    )
    key = "admin.duplicate" if added.duplicate else "admin.added"
    when = format_long_date(day, lang)
    await send(update, context, render.text(lang, key, id=str(added.snippet_id), date=when))


@admin_only
async def delete(update: Update, context: Context) -> None:
    """Ask for confirmation before deleting a snippet: /del ID."""
    lang = await language_of(update, context)
    try:
        snippet_id = arguments.parse_delete(arguments.after_command(command_text(update)))
    except Unusable as problem:
        await refuse(update, context, lang, problem)
        return
    found = await snippets.get(context.bot_data.db, snippet_id)
    if found is None:
        await send(update, context, render.text(lang, "admin.unknown_id", id=str(snippet_id)))
        return
    await send(update, context, admin_render.delete_question(lang, found))


@admin_only
async def delete_button(update: Update, context: Context) -> None:
    """Delete the snippet (🗑) or keep it (Annuler), in the question's own message."""
    query = update.callback_query
    if query is None or query.data is None or query.message is None:
        return
    await query.answer()
    lang = await language_of(update, context)
    action, value = admin_render.parse_callback(query.data) or ("", "")
    if action == "keep" or not value.isdigit():
        await query.edit_message_text(t(lang, "admin.kept", id=value))
        return
    changed = await service.delete_snippet(context.bot_data.db, acting_admin(update), int(value))
    if changed is None:
        await query.edit_message_text(t(lang, "admin.unknown_id", id=value))
        return
    text = t(lang, "admin.deleted", id=value)
    await query.edit_message_text(admin_render.with_progress(lang, text, changed.delivered_to))
    notice = Notice(query.message.chat.id, query.message.message_id, text)
    refresh_after(update, context, lang, changed, notice)


@admin_only
async def correct(update: Update, context: Context) -> None:
    """Rewrite a snippet's text and the copies already delivered: /correct ID NEW TEXT."""
    lang = await language_of(update, context)
    try:
        wanted = arguments.parse_correct(arguments.after_command(command_text(update)))
    except Unusable as problem:
        await refuse(update, context, lang, problem)
        return
    result = await service.correct_snippet(
        context.bot_data.db,
        acting_admin(update),
        wanted.snippet_id,
        wanted.text,
        context.bot_data.settings.timezone,
    )
    if result is None:
        reply = render.text(lang, "admin.unknown_id", id=str(wanted.snippet_id))
        await send(update, context, reply)
    elif isinstance(result, Clash):
        await send(update, context, render.text(lang, "admin.clash", other=str(result.other_id)))
    else:
        text = t(lang, "admin.corrected", id=wanted.snippet_id)
        await confirm_change(update, context, lang, text, result)


@admin_only
async def list_snippets(update: Update, context: Context) -> None:
    """List a day's snippets with their ids, for /del and /correct: /snippets [DATE]."""
    lang = await language_of(update, context)
    argument = arguments.after_command(command_text(update))
    try:
        day = arguments.parse_day(argument, today(context))
    except Unusable as problem:
        await refuse(update, context, lang, problem)
        return
    found = await snippets.for_day(context.bot_data.db, day)
    await send(update, context, admin_render.snippet_list(lang, day, found))
