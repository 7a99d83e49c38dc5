"""/stats: subscribers, the last push, content stored, database size and uptime (admins only)."""

from __future__ import annotations

from telegram import Update

from bot.admin import render as admin_render
from bot.admin.state import state_of
from bot.context import Context
from bot.push.stats import stats_blocks
from bot.render import Reply
from handlers.admin_guard import admin_only
from handlers.common import language_of, send
from storage import push_runs, subscribers
from storage.footprint import footprint


@admin_only
async def stats(update: Update, context: Context) -> None:
    """Show subscribers by kind and state, what is stored, and the last push's outcome."""
    lang = await language_of(update, context)
    db = context.bot_data.db
    counts = await subscribers.counts(db)
    last = await push_runs.last(db)
    zone = context.bot_data.settings.timezone
    blocks = stats_blocks(lang, counts, last, zone)
    uptime = state_of(context.application).uptime
    # Between the subscribers and the last push: the push's figures stay last, as they were.
    blocks[2:2] = admin_render.stats_blocks(lang, await footprint(db), uptime)
    await send(update, context, Reply(("\n\n".join(blocks),)))
