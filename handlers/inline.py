"""Inline mode: `@bot koursk` in any chat lists matching snippets to share there."""

from __future__ import annotations

from telegram import Update

from bot import reading, render_search
from bot.context import Context
from handlers.common import language_of

INLINE_PAGE = 50  # Telegram's most results per answer
CACHE_SECONDS = 300


async def inline_search(update: Update, context: Context) -> None:
    """Answer an inline query with a page of articles, and the offset of the next page."""
    query = update.inline_query
    if query is None:
        return
    lang = await language_of(update, context)
    offset = int(query.offset) if query.offset.isdigit() else 0
    if not query.query.strip():
        await query.answer([], cache_time=CACHE_SECONDS)
        return
    result = await reading.search(
        context.bot_data.db, query.query, offset=offset, page_size=INLINE_PAGE, remember=False
    )
    articles, next_offset = render_search.inline_results(result.page, lang, wanted=result.wanted)
    # PTB 22.8's ExtBot, given Defaults, sends an empty next_offset as "[]", which Telegram
    # would hand back as the next offset; left out, it means what "" means: no more results.
    await query.answer(articles, next_offset=next_offset or None, cache_time=CACHE_SECONDS)
