"""Search results as messages: matched words in bold, ◀ ▶ buttons. Pure, like bot.render."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.highlight import highlight
from bot.i18n import t
from bot.render import Reply, source_line, text
from bot.textsplit import split_html
from storage.models import SearchPage, Snippet

SEARCH_FRAGMENT_CHARS = 280
QUERY_LABEL_CHARS = 60
CALLBACK_SEARCH = "s"  # "s:<query id>:<offset>", a few bytes whatever the query


def search_callback(query_id: int, offset: int) -> str:
    return f"{CALLBACK_SEARCH}:{query_id}:{offset}"


def parse_search_callback(data: str) -> tuple[int, int] | None:
    prefix, _, rest = data.partition(":")
    query_id, _, offset = rest.partition(":")
    if prefix != CALLBACK_SEARCH or not query_id.isdigit() or not offset.isdigit():
        return None
    return int(query_id), int(offset)


def _fragment(hit: Snippet, terms: Sequence[str]) -> str:
    return highlight(hit.text, terms, max_chars=SEARCH_FRAGMENT_CHARS)


def search_results(page: SearchPage, query: str, query_id: int, lang: str, page_size: int) -> Reply:
    """One page of results, matched words in bold, ◀ ▶ buttons when there are other pages."""
    if len(query) > QUERY_LABEL_CHARS:
        query = query[: QUERY_LABEL_CHARS - 1].rstrip() + "…"
    if not page.hits:
        return text(lang, "search.none", query=query)
    header = t(
        lang,
        "search.header",
        query=escape(query),
        first=page.offset + 1,
        last=page.offset + len(page.hits),
        total=page.total,
    )
    items = [
        f"{page.offset + number}. {_fragment(hit, page.terms)}\n<i>{source_line(hit, lang)}</i>"
        for number, hit in enumerate(page.hits, start=1)
    ]
    buttons = []
    if page.offset > 0:
        previous = search_callback(query_id, max(page.offset - page_size, 0))
        buttons.append(InlineKeyboardButton("◀", callback_data=previous))
    if page.offset + len(page.hits) < page.total:
        following = search_callback(query_id, page.offset + page_size)
        buttons.append(InlineKeyboardButton("▶", callback_data=following))
    keyboard = InlineKeyboardMarkup([buttons]) if buttons else None
    return Reply(tuple(split_html("\n\n".join([header, *items]))), keyboard)
