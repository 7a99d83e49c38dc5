"""Messages of keyword alerts: the list of follows with its buttons, and the alert. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.follow.quiet import QuietHours
from bot.highlight import Wanted, highlight
from bot.i18n import t
from bot.push.render import figures
from bot.render import Reply, source_line
from bot.textsplit import TELEGRAM_TEXT_LIMIT, visible_len
from storage.alerts import Counts, Hit
from storage.follows import Added, AlreadyFollowed, Follow, LimitReached

CALLBACK_FOLLOW = "fw"  # "fw:rm:<follow id>"
ALERT_FRAGMENT_CHARS = 280
QUERY_LABEL_CHARS = 40
TITLE_QUERIES = 3  # an alert's title names this many followed queries, then "…"
BUTTON_ROW = 4


def unfollow_callback(follow_id: int) -> str:
    return f"{CALLBACK_FOLLOW}:rm:{follow_id}"


def parse_unfollow_callback(data: str) -> int | None:
    prefix, _, rest = data.partition(":")
    action, _, follow_id = rest.partition(":")
    if prefix != CALLBACK_FOLLOW or action != "rm" or not follow_id.isdigit():
        return None
    return int(follow_id)


def label(query: str) -> str:
    """The query as a title shows it: short, HTML-escaped."""
    if len(query) > QUERY_LABEL_CHARS:
        query = query[: QUERY_LABEL_CHARS - 1].rstrip() + "…"
    return escape(query, quote=False)


def following(
    lang: str,
    follows: Sequence[Follow],
    limit: int,
    quiet: QuietHours | None,
    zone: str,
    channel: str | None = None,
) -> Reply:
    """The chat's follows, numbered for /unfollow N, with a ✖ button for each."""
    if not follows:
        return Reply((t(lang, "follow.list.none"),))
    count = len(follows)
    if channel is None:
        title = t(lang, "follow.list.title", count=count, limit=limit)
    else:
        title = t(
            lang, "follow.list.title.channel", title=escape(channel), count=count, limit=limit
        )
    lines = [title, ""]
    lines += [f"{n}. {escape(f.query, quote=False)}" for n, f in enumerate(follows, start=1)]
    lines.append("")
    if quiet is None:
        lines.append(t(lang, "follow.list.no_quiet"))
    else:
        lines.append(t(lang, "follow.list.quiet", hours=str(quiet), zone=escape(zone)))
    lines.append(t(lang, "follow.list.footer"))
    buttons = [
        InlineKeyboardButton(f"✖ {number}", callback_data=unfollow_callback(f.id))
        for number, f in enumerate(follows, start=1)
    ]
    rows = [buttons[i : i + BUTTON_ROW] for i in range(0, len(buttons), BUTTON_ROW)]
    return Reply(("\n".join(lines),), InlineKeyboardMarkup(rows))


def _title(lang: str, hits: Sequence[Hit]) -> str:
    queries = list(dict.fromkeys(query for hit in hits for query in hit.queries))
    named = [f"« {label(q)} »" if lang == "fr" else f"“{label(q)}”" for q in queries]
    shown = ", ".join(named[:TITLE_QUERIES]) + (", …" if len(named) > TITLE_QUERIES else "")
    return t(lang, "follow.alert.title", queries=shown)


def _item(number: int, hit: Hit, wanted: Wanted, lang: str) -> str:
    fragment = highlight(
        hit.snippet.text, wanted, max_chars=ALERT_FRAGMENT_CHARS, lang=hit.snippet.lang
    )
    return f"{number}. {fragment}\n<i>{source_line(hit.snippet, lang)}</i>"


def _more(lang: str, count: int) -> str:
    key = "follow.alert.more.one" if count == 1 else "follow.alert.more.other"
    return t(lang, key, count=count)


def alert(
    lang: str,
    hits: Sequence[Hit],
    matched: int,
    wanted: Mapping[str, Wanted],
    *,
    footer: bool = True,
) -> str:
    """One message for one load: the new snippets the chat's follows matched, the matched
    words in bold (`wanted` by query), within Telegram's limit; the rest are counted.

    `footer` points to /following: not in a channel, whose readers cannot manage its follows.
    """
    items = []
    for number, hit in enumerate(hits, start=1):
        words = Wanted()
        for query in hit.queries:
            w = wanted[query]
            words = Wanted(
                words.words | w.words,
                words.phrases | w.phrases,
                words.prefixes | w.prefixes,
                words.stems | w.stems,
            )
        items.append(_item(number, hit, words, lang))
    while True:
        more = max(matched - len(items), 0)
        blocks = [_title(lang, hits), *items]
        if more:
            blocks.append(_more(lang, more))
        if footer:
            blocks.append(f"<i>{t(lang, 'follow.alert.footer')}</i>")
        message = "\n\n".join(blocks)
        if visible_len(message) <= TELEGRAM_TEXT_LIMIT or len(items) <= 1:
            return message
        items.pop()


def followed(lang: str, result: object, query: str, channel: str | None, limit: int) -> Reply:
    """The answer to /follow, whatever became of it."""
    if isinstance(result, Added):
        shown = escape(result.follow.query)
        if channel is not None:
            return Reply(
                (
                    t(
                        lang,
                        "follow.added.channel",
                        title=escape(channel),
                        query=shown,
                        count=result.count,
                        limit=limit,
                    ),
                )
            )
        return Reply((t(lang, "follow.added", query=shown, count=result.count, limit=limit),))
    if isinstance(result, AlreadyFollowed):
        return Reply((t(lang, "follow.already", query=escape(result.follow.query)),))
    if isinstance(result, LimitReached):
        return Reply((t(lang, "follow.limit", limit=result.limit),))
    return Reply((t(lang, "follow.nothing", query=escape(query)),))


def settings_block(lang: str, count: int, quiet: QuietHours | None, zone: str) -> str | None:
    """The alerts' part of /settings: how many searches the chat follows and its quiet hours;
    None for a chat that follows nothing and set no quiet hours."""
    if not count and quiet is None:
        return None
    hours = t(lang, "follow.quiet.none") if quiet is None else f"{quiet} ({escape(zone)})"
    return t(lang, "follow.settings", count=count, hours=hours)


def stats_block(lang: str, counts: Counts) -> str:
    """The alerts' part of /stats: follows, and alerts by state."""
    return figures(lang, "follow.stats", **asdict(counts))
