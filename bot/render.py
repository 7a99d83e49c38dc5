"""Building messages: data in, Telegram HTML (and buttons) out. Pure: no I/O, no clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.dates import format_long_date, format_short_date, war_day
from bot.digest.model import Digest, Item, Story, distinct_sources
from bot.i18n import ADMIN_COMMANDS, COMMANDS, t
from bot.textsplit import split_html
from storage.models import Briefing, Snippet

# A summary longer than this is folded into an expandable quote so the snippets stay in view.
SUMMARY_FOLD_CHARS = 600
# /today lists at most this many other snippets; beyond, a busy day would fill a dozen screens.
TODAY_SNIPPETS = 30
# Stories under "À retenir" when the config does not say (Config.key_stories).
KEY_STORIES = 6

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


def help_text(lang: str, *, admin: bool = False) -> Reply:
    """Every command with its menu line; admins also see theirs, in a section of its own."""

    def lines_for(names: tuple[str, ...]) -> list[str]:
        return [f"/{name} — {escape(t(lang, f'command.{name}'))}" for name in names]

    lines = [t(lang, "help.title"), "", *lines_for(COMMANDS)]
    if admin:
        lines += ["", t(lang, "help.admin_title"), "", *lines_for(ADMIN_COMMANDS)]
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


def _counts(story: Story, lang: str) -> str:
    size, sources = story.size, len(story.sources)
    parts = [
        t(lang, "digest.snippets.one") if size == 1 else t(lang, "digest.snippets.many", count=size)
    ]
    if sources:
        one = sources == 1
        parts.append(
            t(lang, "digest.sources.one") if one else t(lang, "digest.sources.many", count=sources)
        )
    return " · ".join(parts)


def _story(number: int, story: Story, lang: str) -> str:
    medoid = story.medoid
    return (
        f"{number}. <b>{escape(story.label)}</b> · <i>{_counts(story, lang)}</i>\n"
        f"{escape(medoid.text)} — <i>{source_line(medoid, lang)}</i>"
    )


def _item(item: Item, lang: str) -> str:
    """One text of the day, with the other outlets that printed it."""
    shown = item.shown
    named = distinct_sources((shown,))
    also = [source for source in distinct_sources(item.snippets) if source not in named]
    sources = source_line(shown, lang)
    if also:
        sources += " · " + t(lang, "digest.also", sources=escape(", ".join(also)))
    return f"• {escape(shown.text)} — <i>{sources}</i>"


def _digest_blocks(digest: Digest, lang: str, key_stories: int) -> list[str]:
    """The top stories under "À retenir", then every other text once, up to a screenful."""
    if not digest.stories:
        return []
    top = digest.stories[:key_stories]
    blocks = [
        t(lang, "digest.key_stories")
        + "\n\n"
        + "\n\n".join(_story(number, story, lang) for number, story in enumerate(top, 1))
    ]
    rest = [item for story in digest.stories[key_stories:] for item in story.items]
    if rest:
        listed = [_item(item, lang) for item in rest[:TODAY_SNIPPETS]]
        if len(rest) > TODAY_SNIPPETS:
            listed.append(t(lang, "today.more", count=len(rest) - TODAY_SNIPPETS))
        blocks.append(t(lang, "digest.others", count=len(rest)) + "\n" + "\n".join(listed))
    return blocks


def briefing(
    day_briefing: Briefing,
    digest: Digest,
    lang: str,
    *,
    war_start: date,
    requested: date | None = None,
    key_stories: int = KEY_STORIES,
) -> Reply:
    """The day's briefing: the admin's title and summary, then the day's stories.

    With no admin-written title, the top story's label stands as the title. `requested` names
    the day asked for when this one stands in for it.
    """
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
    title = day_briefing.title or (digest.stories[0].label if digest.stories else None)
    if title:
        header += f"\n<b>{escape(title)}</b>"
    blocks.append(header)
    if day_briefing.summary:
        summary = escape(day_briefing.summary.strip())
        long = len(summary) > SUMMARY_FOLD_CHARS
        blocks.append(f"<blockquote{' expandable' if long else ''}>{summary}</blockquote>")
    blocks += _digest_blocks(digest, lang, key_stories)
    return Reply(tuple(split_html("\n\n".join(blocks))))
