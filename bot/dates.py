"""Dates as users read and type them: Babel formats, war-day count, lenient parsing."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from babel import Locale, UnknownLocaleError
from babel.dates import format_date

INVASION_DAY = date(2022, 2, 24)
DEFAULT_LANG = "fr"
# Patterns rather than Babel's "full"/"medium" so English reads "Thursday 24 October 2024",
# not the US "Thursday, October 24, 2024", and every language keeps day-month-year order.
LONG_PATTERN = "EEEE d MMMM y"
SHORT_PATTERN = "d MMM y"

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4})", re.ASCII)
_DAY_MONTH = re.compile(r"(\d{1,2})/(\d{1,2})", re.ASCII)
_DAYS_AGO = {
    "aujourd'hui": 0,
    "today": 0,
    "hier": 1,
    "yesterday": 1,
    "avant-hier": 2,
}


def _locale(lang: str) -> Locale:
    """The Babel locale for a Telegram language code such as "fr" or "en-US", else French."""
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse(DEFAULT_LANG)


def format_long_date(day: date, lang: str) -> str:
    """The day in full words: "jeudi 24 octobre 2024", "Thursday 24 October 2024"."""
    return format_date(day, LONG_PATTERN, locale=_locale(lang))


def format_short_date(day: date, lang: str) -> str:
    """The day with an abbreviated month: "24 oct. 2024", "24 Oct 2024"."""
    return format_date(day, SHORT_PATTERN, locale=_locale(lang))


def war_day(day: date, start: date = INVASION_DAY) -> int:
    """The day's number in the war, the start day being day 1 (zero or less before it)."""
    return (day - start).days + 1


def _fold(text: str) -> str:
    """The text as compared with keywords: trimmed, caseless, accentless, one apostrophe."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.replace("\u2019", "'").replace("\u02bc", "'")


def _recent_day_month(day: int, month: int, today: date) -> date | None:
    """The day and month this year, or last year when this year's is invalid or still ahead."""
    for year in (today.year, today.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate
    return None


def _parse(text: str, today: date) -> date | None:
    folded = _fold(text)
    if folded in _DAYS_AGO:
        return today - timedelta(days=_DAYS_AGO[folded])
    if match := _ISO.fullmatch(folded):
        year, month, day = (int(group) for group in match.groups())
        return date(year, month, day)
    if match := _DAY_MONTH_YEAR.fullmatch(folded):
        return date(int(match[4]), int(match[3]), int(match[1]))
    if match := _DAY_MONTH.fullmatch(folded):
        return _recent_day_month(int(match[1]), int(match[2]), today)
    return None


def parse_user_date(text: str, today: date) -> date | None:
    """The date a user typed ("24/10", "2024-10-24", "hier"...), or None if it is not one."""
    try:
        return _parse(text, today)
    except (ValueError, OverflowError):
        # Impossible dates (31/02, year 0) and days before date.min are "not a date", not errors.
        return None
