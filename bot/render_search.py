"""Search results as messages and as inline results: matched words in bold. Pure."""

from __future__ import annotations

import html
import re

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
)
from telegram.constants import ParseMode

from bot.dates import format_short_date
from bot.highlight import Wanted, highlight
from bot.i18n import t
from bot.render import Reply, source_line, text
from bot.textsplit import split_html
from storage.models import SearchPage, Snippet
from storage.snippets import COUNT_CAP

SEARCH_FRAGMENT_CHARS = 280
INLINE_DESCRIPTION_CHARS = 160
INLINE_MESSAGE_CHARS = 3500  # a snippet may hold 4000; the source line must fit too
QUERY_LABEL_CHARS = 60
CALLBACK_SEARCH = "s"  # "s:<query id>:<offset>", a few bytes whatever the query
_TAG = re.compile(r"</?b>")


def search_callback(query_id: int, offset: int) -> str:
    return f"{CALLBACK_SEARCH}:{query_id}:{offset}"


def parse_search_callback(data: str) -> tuple[int, int] | None:
    prefix, _, rest = data.partition(":")
    query_id, _, offset = rest.partition(":")
    if prefix != CALLBACK_SEARCH or not query_id.isdigit() or not offset.isdigit():
        return None
    return int(query_id), int(offset)


def _label(query: str) -> str:
    if len(query) > QUERY_LABEL_CHARS:
        return query[: QUERY_LABEL_CHARS - 1].rstrip() + "…"
    return query


def _fragment(hit: Snippet, wanted: Wanted) -> str:
    return highlight(hit.text, wanted, max_chars=SEARCH_FRAGMENT_CHARS, lang=hit.lang)


def _total(page: SearchPage, lang: str) -> str:
    if page.total > COUNT_CAP:
        return t(lang, "search.more_than", count=COUNT_CAP)
    return str(page.total)


def _header(page: SearchPage, query: str, corrected: str | None, lang: str) -> str:
    first, last = page.offset + 1, page.offset + len(page.hits)
    total = _total(page, lang)
    if corrected is None:
        return t(
            lang, "search.header", query=html.escape(query), first=first, last=last, total=total
        )
    header = t(
        lang,
        "search.corrected",
        query=html.escape(_label(corrected)),
        first=first,
        last=last,
        total=total,
    )
    return header + "\n" + t(lang, "search.instead", query=html.escape(query))


def search_results(
    page: SearchPage,
    query: str,
    query_id: int,
    lang: str,
    page_size: int,
    *,
    wanted: Wanted | None = None,
    corrected: str | None = None,
) -> Reply:
    """One page of results, matched words in bold, ◀ ▶ buttons when there are other pages.

    `wanted` says what to bold (the query's words as typed when absent); `corrected` is the
    query searched instead of the one typed, when typos were corrected.
    """
    query = _label(query)
    if not page.hits:
        return text(lang, "search.none", query=query)
    wanted = wanted or Wanted.from_terms(page.terms)
    items = [
        f"{page.offset + number}. {_fragment(hit, wanted)}\n<i>{source_line(hit, lang)}</i>"
        for number, hit in enumerate(page.hits, start=1)
    ]
    buttons = []
    if page.offset > 0:
        previous = search_callback(query_id, max(page.offset - page_size, 0))
        buttons.append(InlineKeyboardButton("◀", callback_data=previous))
    if page.offset + len(page.hits) < min(page.total, COUNT_CAP):
        following = search_callback(query_id, page.offset + page_size)
        buttons.append(InlineKeyboardButton("▶", callback_data=following))
    keyboard = InlineKeyboardMarkup([buttons]) if buttons else None
    header = _header(page, query, corrected, lang)
    return Reply(tuple(split_html("\n\n".join([header, *items]))), keyboard)


def _plain(fragment: str) -> str:
    return html.unescape(_TAG.sub("", fragment))


def _article(hit: Snippet, wanted: Wanted, lang: str) -> InlineQueryResultArticle:
    when = format_short_date(hit.day, lang)
    title = t(lang, "inline.title", source=hit.source, date=when) if hit.source else when
    body = highlight(hit.text, wanted, max_chars=INLINE_MESSAGE_CHARS, lang=hit.lang)
    return InlineQueryResultArticle(
        id=str(hit.id),
        title=title,
        description=_plain(
            highlight(hit.text, wanted, max_chars=INLINE_DESCRIPTION_CHARS, lang=hit.lang)
        ),
        input_message_content=InputTextMessageContent(
            f"{body}\n<i>{source_line(hit, lang)}</i>", parse_mode=ParseMode.HTML
        ),
        url=hit.url,
    )


def inline_results(
    page: SearchPage, lang: str, *, wanted: Wanted | None = None
) -> tuple[list[InlineQueryResultArticle], str]:
    """The articles of one page of inline results, and the offset of the next ("" at the end)."""
    wanted = wanted or Wanted.from_terms(page.terms)
    articles = [_article(hit, wanted, lang) for hit in page.hits]
    following = page.offset + len(page.hits)
    more = bool(page.hits) and following < min(page.total, COUNT_CAP)
    return articles, str(following) if more else ""
