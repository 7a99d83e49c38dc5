"""/search TERMS, plain text in a private chat, and the ◀ ▶ page buttons."""

from __future__ import annotations

from telegram import Update
from telegram.error import BadRequest

from bot import reading, render, render_search
from bot.context import Context
from handlers.common import language_of, send


def _results(result: reading.SearchResult, lang: str, size: int) -> render.Reply:
    return render_search.search_results(
        result.page,
        result.query,
        result.query_id,
        lang,
        size,
        wanted=result.wanted,
        corrected=result.corrected,
    )


async def _answer_search(update: Update, context: Context, query: str) -> None:
    lang = await language_of(update, context)
    if not query.strip():
        await send(update, context, render.text(lang, "search.usage"))
        return
    size = context.bot_data.settings.page_size
    result = await reading.search(context.bot_data.db, query, offset=0, page_size=size)
    await send(update, context, _results(result, lang, size))


async def search(update: Update, context: Context) -> None:
    """Search the snippets for every word after the command."""
    text = update.effective_message.text if update.effective_message else None
    await _answer_search(update, context, (text or "").partition(" ")[2])


async def search_text(update: Update, context: Context) -> None:
    """Search for what the user wrote, as if after /search."""
    text = update.effective_message.text if update.effective_message else None
    await _answer_search(update, context, text or "")


async def search_page(update: Update, context: Context) -> None:
    """Turn the page: edit the results message in place."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    lang = await language_of(update, context)
    parsed = render_search.parse_search_callback(query.data)
    size = context.bot_data.settings.page_size
    result = None
    if parsed is not None:
        query_id, offset = parsed
        result = await reading.search_again(
            context.bot_data.db, query_id, offset=offset, page_size=size
        )
    if result is None:
        await query.answer(render.text(lang, "search.expired").parts[0], show_alert=True)
        return
    await query.answer()
    reply = _results(result, lang, size)
    try:
        await query.edit_message_text(reply.parts[0], reply_markup=reply.keyboard)
    except BadRequest as error:
        # A double tap asks for the page already shown; Telegram refuses the no-op edit.
        if "not modified" not in error.message:
            raise
