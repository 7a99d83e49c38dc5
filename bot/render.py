"""Building messages: data in, Telegram HTML (and buttons) out. Pure: no I/O, no clock."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.dates import format_long_date, format_short_date, war_day
from bot.i18n import COMMANDS, t
from bot.textsplit import split_html
from storage.models import Briefing, Snippet

# A summary longer than this is folded into an expandable quote so the snippets stay in view.
SUMMARY_FOLD_CHARS = 600
# /today lists at most this many snippets; beyond, a busy day would fill a dozen screens.
TODAY_SNIPPETS = 30

CALLBACK_TODAY = "today"
CALLBACK_SUBSCRIBE = "subscribe"


@dataclass(frozen=True)
class Reply:
    """A message ready to send: its parts in order, the buttons going on the last one."""

    parts: tuple[str, ...]
    keyboard: InlineKeyboardMarkup | None = None


def start(lang: str, first_name: str) -> Reply:
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t(lang, "button.today"), callback_data=CALLBACK_TODAY),
                InlineKeyboardButton(t(lang, "button.subscribe"), callback_data=CALLBACK_SUBSCRIBE),
            ]
        ]
    )
    return Reply((t(lang, "start.text", name=escape(first_name)),), keyboard)


def help_text(lang: str) -> Reply:
    lines = [t(lang, "help.title"), ""]
    lines += [f"/{name} — {escape(t(lang, f'command.{name}'))}" for name in COMMANDS]
    lines += ["", t(lang, "help.footer")]
    return Reply(("\n".join(lines),))


def text(lang: str, key: str, **values: str) -> Reply:
    """A one-line answer from the catalog; values are escaped here, the catalog's HTML kept."""
    return Reply((t(lang, key, **{k: escape(v) for k, v in values.items()}),))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def source_line(snippet: Snippet, lang: str) -> str:
    when = format_short_date(snippet.day, lang)
    if not snippet.source:
        return when
    source = escape(snippet.source)
    if snippet.url:
        source = f'<a href="{escape(snippet.url, quote=True)}">{source}</a>'
    return f"{source} · {when}"


def briefing(
    day_briefing: Briefing,
    snippets: Sequence[Snippet],
    lang: str,
    *,
    war_start: date,
    requested: date | None = None,
) -> Reply:
    """The day's briefing; `requested` names the day asked for when this one stands in for it."""
    blocks = []
    if requested is not None and requested != day_briefing.day:
        blocks.append(
            t(
                lang,
                "today.fallback",
                requested=format_long_date(requested, lang),
                found=format_long_date(day_briefing.day, lang),
            )
        )
    header = t(
        lang,
        "today.header",
        date=_capitalised(format_long_date(day_briefing.day, lang)),
        war_day=war_day(day_briefing.day, war_start),
    )
    if day_briefing.title:
        header += f"\n<b>{escape(day_briefing.title)}</b>"
    blocks.append(header)
    if day_briefing.summary:
        summary = escape(day_briefing.summary.strip())
        long = len(summary) > SUMMARY_FOLD_CHARS
        blocks.append(f"<blockquote{' expandable' if long else ''}>{summary}</blockquote>")
    if snippets:
        listed = [
            f"• {escape(s.text)} — <i>{source_line(s, lang)}</i>" for s in snippets[:TODAY_SNIPPETS]
        ]
        if len(snippets) > TODAY_SNIPPETS:
            listed.append(t(lang, "today.more", count=len(snippets) - TODAY_SNIPPETS))
        blocks.append(t(lang, "today.snippets", count=len(snippets)) + "\n" + "\n".join(listed))
    return Reply(tuple(split_html("\n\n".join(blocks))))
