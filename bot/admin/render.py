"""Messages of the admin tools: data in, Telegram HTML (and buttons) out. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape
from zoneinfo import ZoneInfo

from babel.numbers import format_decimal
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.admin.edits import Refreshed
from bot.dates import format_long_date
from bot.i18n import CATALOGS, DEFAULT_LANGUAGE, t
from bot.loader import FileReport
from bot.render import Reply
from bot.textsplit import split_html
from storage.audit import Entry
from storage.footprint import Footprint
from storage.models import Snippet

CALLBACK_PREFIX = "admin"
# A listed snippet shows this much of its text: enough to recognise it.
LISTED_CHARS = 90
# An importer's error may quote a long value; the reply must stay one message.
ERROR_CHARS = 1_000
REFRESH_COUNTS = ("edited", "unchanged", "too_old", "emptied", "sent", "deleted", "failed")


def number(value: int, lang: str) -> str:
    return str(format_decimal(value, locale=lang))


def counted(lang: str, key: str, count: int) -> str:
    """ "0 doublon", "2 doublons", "1 duplicate", "0 duplicates": French is singular below 2."""
    one = count < 2 if lang == "fr" else count == 1
    return t(lang, f"admin.n.{key}.{'one' if one else 'other'}", count=number(count, lang))


def size(value: int, lang: str) -> str:
    """ "1,2 Mo", "1.2 MB", "340 ko", "12 octets"."""
    units = ("octets", "ko", "Mo") if lang == "fr" else ("bytes", "kB", "MB")
    if value < 1_000:
        return f"{value} {units[0]}"
    if value < 1_000_000:
        return f"{format_decimal(round(value / 1_000), locale=lang)} {units[1]}"
    return f"{format_decimal(round(value / 1_000_000, 1), locale=lang)} {units[2]}"


def uptime(seconds: float, lang: str) -> str:
    """ "3 j 04 h" / "3 d 04 h", "2 h 05 min", "12 min"."""
    minutes = int(seconds // 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return f"{days} {'j' if lang == 'fr' else 'd'} {hours:02d} h"
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


def callback(action: str, value: str = "") -> str:
    return f"{CALLBACK_PREFIX}:{action}:{value}"


def parse_callback(data: str) -> tuple[str, str] | None:
    """("del", "12") from "admin:del:12"; None for data that is not ours."""
    prefix, _, rest = data.partition(":")
    action, _, value = rest.partition(":")
    return (action, value) if prefix == CALLBACK_PREFIX and action else None


def loaded(lang: str, name: str, report: FileReport) -> Reply:
    """The summary `briefbot load` prints, in the admin's language, or the file's error."""
    if report.error is not None:
        error = report.error[:ERROR_CHARS]
        return Reply((t(lang, "admin.upload.failed", error=escape(error)),))
    lines = [t(lang, "admin.upload.loaded", name=escape(name))]
    if report.names is not None:
        names, spellings = report.names
        lines.append(
            t(
                lang,
                "admin.upload.gazetteer",
                names=counted(lang, "names", names),
                spellings=counted(lang, "spellings", spellings),
            )
        )
    for result in report.results:
        lines.append(
            t(
                lang,
                "admin.upload.day",
                day=result.day.isoformat(),
                added=counted(lang, "added", result.added),
                duplicates=counted(lang, "duplicates", result.duplicates),
            )
        )
    if report.names is None and not report.results:
        lines.append(t(lang, "admin.upload.empty"))
    return Reply(("\n".join(lines),))


def delete_question(lang: str, snippet: Snippet) -> Reply:
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, "admin.del.yes"), callback_data=callback("del", str(snippet.id))
                ),
                InlineKeyboardButton(
                    t(lang, "admin.del.no"), callback_data=callback("keep", str(snippet.id))
                ),
            ]
        ]
    )
    text = t(
        lang,
        "admin.del.confirm",
        id=snippet.id,
        date=format_long_date(snippet.day, lang),
        text=escape(snippet.text),
    )
    return Reply((text,), keyboard)


def summary_question(lang: str, day: date) -> Reply:
    cancel = InlineKeyboardButton(t(lang, "admin.summary.cancel"), callback_data=callback("cancel"))
    text = t(lang, "admin.summary.ask", date=format_long_date(day, lang))
    return Reply((text,), InlineKeyboardMarkup([[cancel]]))


def refreshing(lang: str, delivered_to: int) -> str:
    """ "Mise à jour du briefing déjà envoyé (3 discussions)…" """
    return t(lang, "admin.refreshing", chats=counted(lang, "chats", delivered_to))


def with_progress(lang: str, text: str, delivered_to: int) -> str:
    """A correction's confirmation; when copies were delivered, it says they are being edited."""
    return f"{text}\n{refreshing(lang, delivered_to)}" if delivered_to else text


def refreshed(lang: str, done: Refreshed) -> str:
    """ "Briefings déjà envoyés : 3 messages modifiés, 1 trop ancien …, 0 échec." """
    shown = [key for key in REFRESH_COUNTS if getattr(done, key) or key in ("edited", "failed")]
    counts = ", ".join(counted(lang, key, getattr(done, key)) for key in shown)
    return t(lang, "admin.refreshed", counts=counts)


def snippet_list(lang: str, day: date, snippets: Sequence[Snippet]) -> Reply:
    when = format_long_date(day, lang)
    if not snippets:
        return Reply((t(lang, "admin.snippets.none", date=when),))
    lines = [t(lang, "admin.snippets.title", date=when, count=number(len(snippets), lang))]
    for snippet in snippets:
        text = snippet.text if len(snippet.text) <= LISTED_CHARS else snippet.text[:LISTED_CHARS]
        ellipsis = "…" if len(snippet.text) > LISTED_CHARS else ""
        lines.append(f"<code>#{snippet.id}</code> {escape(text)}{ellipsis}")
    return Reply(tuple(split_html("\n".join(lines))))


def _audit_counts(lang: str, counts: dict[str, int]) -> str:
    shown = []
    for key, value in counts.items():
        label = t(lang, f"admin.count.{key}") if f"admin.count.{key}" in _catalog(lang) else key
        shown.append(f"{escape(label)} {number(value, lang)}")
    return ", ".join(shown)


def _catalog(lang: str) -> dict[str, str]:
    return CATALOGS.get(lang, CATALOGS[DEFAULT_LANGUAGE])


def audit_log(lang: str, entries: Sequence[Entry], zone: ZoneInfo) -> Reply:
    if not entries:
        return Reply((t(lang, "admin.audit.none"),))
    lines = [t(lang, "admin.audit.title", count=len(entries))]
    for entry in entries:
        action = entry.action
        key = f"admin.action.{action.action}"
        name = t(lang, key) if key in _catalog(lang) else f"/{action.action}"
        who = escape(action.admin_name or "") + f" ({action.admin_id})"
        line = f"<code>{entry.at.astimezone(zone):%d/%m %H:%M}</code> {who} · {escape(name)}"
        if action.subject:
            line += f" {escape(action.subject)}"
        if action.counts:
            line += f" · {_audit_counts(lang, dict(action.counts))}"
        if action.outcome == "failed":
            line += f" · ❌ {escape(action.detail or '')}"
        lines.append(line)
    return Reply(tuple(split_html("\n".join(lines))))


def stats_blocks(lang: str, found: Footprint, up_seconds: float) -> list[str]:
    """The admin tools' part of /stats: content stored, database size, uptime."""
    content = t(
        lang,
        "admin.stats.content",
        snippets=number(found.snippets, lang),
        briefings=number(found.briefings, lang),
    )
    system = t(
        lang,
        "admin.stats.system",
        size=size(found.database_bytes, lang),
        uptime=uptime(up_seconds, lang),
    )
    return [f"{content}\n{system}"]
