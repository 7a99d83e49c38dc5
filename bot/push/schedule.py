"""When pushes fall due: pure rules on local times, time zones and daylight saving.

A subscriber chooses a local time ("08:00") in a zone; `next_push_at` is the next instant in
UTC when the zone's clocks show it. It is worked out again from the local time after each
push, never by adding 24 hours, so a daylight-saving change keeps the local time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

# After a long downtime, only this many missed days are recorded as skipped, one row each.
MAX_SKIPPED_DAYS = 7

_TIME = re.compile(r"(\d{1,2})(?:[:hH.](\d{2})?)?")


def parse_push_time(text: str) -> time | None:
    """A time of day as users type it: 08:00, 8:00, 8h, 8h30, 20.00, 7; None if not one."""
    match = _TIME.fullmatch(text.strip())
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


@cache
def _zones_by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in available_timezones()}


def find_zone(name: str) -> ZoneInfo | None:
    """The IANA zone named `name` (any letter case: europe/kyiv), or None."""
    canonical = _zones_by_folded_name().get(name.strip().casefold())
    if canonical is None:
        return None
    try:
        return ZoneInfo(canonical)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def next_push_at(after: datetime, push_time: time, tz: tzinfo) -> datetime:
    """The first instant strictly after `after` when the local clock in `tz` shows `push_time`.

    A time skipped by a spring-forward change is sent at the same instant on the old offset
    (02:30 becomes 03:30); a time repeated in autumn is sent at its first occurrence.
    """
    local_day = after.astimezone(tz).date()
    for offset in range(3):
        at = datetime.combine(local_day + timedelta(days=offset), push_time, tzinfo=tz)
        if at.astimezone(UTC) > after:
            return at.astimezone(UTC)
    raise AssertionError("a local time of day recurs within three days")  # pragma: no cover


def push_day(at: datetime, tz: tzinfo) -> date:
    """The briefing day a push at `at` delivers: the subscriber's local date."""
    return at.astimezone(tz).date()


def is_late(due_at: datetime, now: datetime, grace: timedelta) -> bool:
    return now - due_at > grace


@dataclass(frozen=True)
class CatchUp:
    """What to do about pushes that fell due: send these, record those as skipped."""

    due: tuple[tuple[date, datetime], ...]
    late: tuple[tuple[date, datetime], ...]
    next_at: datetime


def catch_up(
    next_at: datetime, now: datetime, push_time: time, tz: tzinfo, grace: timedelta
) -> CatchUp:
    """Every push due by `now` since `next_at`: within `grace` it is still sent, older ones are
    skipped (the last MAX_SKIPPED_DAYS of them recorded); and when the next one falls."""
    due: list[tuple[date, datetime]] = []
    late: list[tuple[date, datetime]] = []
    at = next_at
    horizon = now - timedelta(days=MAX_SKIPPED_DAYS) - grace
    if at < horizon:
        at = next_push_at(horizon, push_time, tz)
    while at <= now:
        (late if is_late(at, now, grace) else due).append((push_day(at, tz), at))
        at = next_push_at(at, push_time, tz)
    return CatchUp(tuple(due), tuple(late[-MAX_SKIPPED_DAYS:]), at)
