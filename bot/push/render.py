"""Messages of subscriptions and pushes: data in, Telegram HTML and buttons out. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from html import escape
from zoneinfo import ZoneInfo

from babel.numbers import format_decimal
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.dates import format_long_date
from bot.i18n import LANGUAGES, t
from bot.render import Reply
from storage.models import Subscriber
from storage.push_runs import RunCounts

CALLBACK_PREFIX = "push"
TIME_CHOICES = ("06:00", "07:00", "08:00", "09:00", "12:00", "18:00", "19:00", "20:00", "21:00")
ZONE_CHOICES = (
    "Europe/Paris",
    "Europe/Brussels",
    "Europe/Zurich",
    "Europe/London",
    "Europe/Kyiv",
    "Europe/Warsaw",
    "America/Montreal",
    "America/New_York",
    "UTC",
)


def number(value: int, lang: str) -> str:
    """1 234 in French (narrow no-break space), 1,234 in English."""
    return str(format_decimal(value, locale=lang))


def figures(lang: str, key: str, **values: int) -> str:
    """The string `key` filled with these counts, each written as `number` writes it."""
    return t(lang, key, **{name: number(value, lang) for name, value in values.items()})


def counted(lang: str, key: str, count: int) -> str:
    """ "3 bloqués", "1 bloqué", "0 bloqué" (French singular below 2), "1 failure"."""
    one = count < 2 if lang == "fr" else count == 1
    return t(lang, f"{key}.{'one' if one else 'other'}", count=number(count, lang))


def duration(seconds: float) -> str:
    """ "12 s", "5 min 33 s", "1 h 02 min"."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def when(at: datetime | None, zone: str, lang: str) -> str:
    """A push instant as the subscriber reads it: "vendredi 25 octobre 2024 à 08:00"."""
    if at is None:
        return t(lang, "push.none")
    local = at.astimezone(ZoneInfo(zone))
    return t(lang, "push.when", date=format_long_date(local.date(), lang), time=f"{local:%H:%M}")


def long_date(day: date, lang: str) -> str:
    return format_long_date(day, lang)


def _callback(*parts: str) -> str:
    return ":".join((CALLBACK_PREFIX, *parts))


def parse_callback(data: str) -> tuple[str, str] | None:
    """("time", "07:00") from "push:time:07:00"; None for data that is not ours."""
    prefix, _, rest = data.partition(":")
    action, _, value = rest.partition(":")
    return (action, value) if prefix == CALLBACK_PREFIX and action else None


def subscribed(lang: str, subscriber: Subscriber) -> Reply:
    key = "push.channel.subscribed" if subscriber.kind == "channel" else "push.subscribed"
    return Reply(
        (
            t(
                lang,
                key,
                title=escape(subscriber.title or str(subscriber.chat_id)),
                time=subscriber.push_time,
                zone=escape(subscriber.timezone),
                when=when(subscriber.next_push_at, subscriber.timezone, lang),
            ),
        )
    )


def zone_done(lang: str, subscriber: Subscriber) -> Reply:
    if not subscriber.active:
        return Reply((t(lang, "push.tz_saved", zone=escape(subscriber.timezone)),))
    moment = when(subscriber.next_push_at, subscriber.timezone, lang)
    return Reply((t(lang, "push.tz_done", zone=escape(subscriber.timezone), when=moment),))


def settings(lang: str, subscriber: Subscriber, alerts: str | None = None) -> Reply:
    """The chat's push settings, with buttons to change each, and then `alerts` (the keyword
    alerts' block, bot.follow.render.settings_block) when there is one."""
    active = subscriber.active
    text = t(
        lang,
        "push.settings",
        state=t(lang, f"push.state.{'on' if active else 'off'}"),
        time=subscriber.push_time,
        zone=escape(subscriber.timezone),
        language=t(lang, f"push.language.{subscriber.language}"),
        when=when(subscriber.next_push_at if active else None, subscriber.timezone, lang),
    )
    choices = [
        InlineKeyboardButton(t(lang, "push.button.time"), callback_data=_callback("menu", "time")),
        InlineKeyboardButton(t(lang, "push.button.zone"), callback_data=_callback("menu", "zone")),
        InlineKeyboardButton(
            t(lang, "push.button.language"), callback_data=_callback("menu", "language")
        ),
    ]
    switch = (
        InlineKeyboardButton(t(lang, "push.button.unsubscribe"), callback_data=_callback("off"))
        if active
        else InlineKeyboardButton(t(lang, "push.button.subscribe"), callback_data=_callback("on"))
    )
    if alerts is not None:
        text = f"{text}\n\n{alerts}"
    return Reply((text,), InlineKeyboardMarkup([choices, [switch]]))


def _rows(buttons: Sequence[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]


def picker(lang: str, what: str) -> Reply:
    """The choices for one setting: "time", "zone" or "language"."""
    if what == "time":
        buttons = [
            InlineKeyboardButton(choice, callback_data=_callback("time", choice))
            for choice in TIME_CHOICES
        ]
        width = 3
    elif what == "zone":
        buttons = [
            InlineKeyboardButton(
                zone.rpartition("/")[2].replace("_", " "), callback_data=_callback("zone", zone)
            )
            for zone in ZONE_CHOICES
        ]
        width = 3
    else:
        what = "language"
        buttons = [
            InlineKeyboardButton(
                t(code, f"push.language.{code}"), callback_data=_callback("lang", code)
            )
            for code in LANGUAGES
        ]
        width = 2
    back = _callback("menu", "main")
    rows = [
        *_rows(buttons, width),
        [InlineKeyboardButton(t(lang, "push.button.back"), callback_data=back)],
    ]
    return Reply((t(lang, f"push.pick.{what}"),), InlineKeyboardMarkup(rows))


def channels(lang: str, listed: Sequence[Subscriber]) -> Reply:
    if not listed:
        return Reply((t(lang, "push.channels.none"),))
    lines = [t(lang, "push.channels.title", count=number(len(listed), lang))]
    for channel in listed:
        state = "on" if channel.active else channel.inactive_reason or "unsubscribed"
        name = channel.title or (f"@{channel.username}" if channel.username else channel.chat_id)
        lines.append(
            t(
                lang,
                "push.channels.line",
                title=escape(str(name)),
                state=t(lang, f"push.channel.state.{state}"),
                time=channel.push_time,
                zone=escape(channel.timezone),
            )
        )
    return Reply(("\n".join(lines),))


def progress(lang: str, counts: RunCounts) -> str:
    """ "Envoi : 1 234 / 10 000 — 3 bloqués"."""
    return t(
        lang,
        "push.publish.progress",
        done=number(counts.done, lang),
        total=number(counts.total, lang),
        blocked=counted(lang, "push.blocked", counts.blocked),
    )


def publish_done(lang: str, counts: RunCounts, seconds: float) -> str:
    return t(
        lang,
        "push.publish.done",
        sent=number(counts.sent, lang),
        total=number(counts.total, lang),
        blocked=counted(lang, "push.blocked", counts.blocked),
        failed=counted(lang, "push.failed", counts.failed),
        duration=duration(seconds),
    )
