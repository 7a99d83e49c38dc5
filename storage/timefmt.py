"""How instants and days are written in the database: ISO 8601, always UTC for instants."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def parse_utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def now_text() -> str:
    return utc_text(datetime.now(UTC))


def start_of_day(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=tz)
