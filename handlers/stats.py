"""/stats: subscribers, content stored, database size and uptime, keyword alerts, the last push
(admins only)."""

from __future__ import annotations

from telegram import Update

from bot.admin import render as admin_render
from bot.admin.state import state_of
from bot.context import Context
from bot.follow.render import stats_block as alerts_block
from bot.push.runtime import runtime_of
from bot.push.stats import stats_blocks
from bot.render import Reply
from handlers.admin_guard import admin_only
from handlers.common import language_of, send
from storage import alerts, push_runs, subscribers
from storage.footprint import footprint


@admin_only
async def stats(update: Update, context: Context) -> None:
    """Show subscribers by kind and state, what is stored, the alerts, and the last push."""
    lang = await language_of(update, context)
    db = context.bot_data.db
    counts = await subscribers.counts(db)
    last = await push_runs.last(db)
    zone = context.bot_data.settings.timezone
    blocks = stats_blocks(lang, counts, last, zone)
    uptime = state_of(context.application).uptime
    # Between the subscribers and the last push: the push's figures stay last, as they were.
    blocks[2:2] = admin_render.stats_blocks(lang, await footprint(db), uptime)
    now = runtime_of(context.application).clock.now()
    blocks[-1:-1] = [alerts_block(lang, await alerts.counts(db, now))]
    await send(update, context, Reply(("\n\n".join(blocks),)))
