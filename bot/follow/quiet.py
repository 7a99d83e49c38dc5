"""Quiet hours: when a chat wants no alert, as pure rules on local times and time zones.

Quiet hours are two local times, "22:00-07:00"; they may run past midnight. An alert that falls
due inside them waits until they end, in the chat's own zone, worked out from the local end
time each day (never by adding hours), so a daylight-saving change keeps the local time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo

from bot.push.schedule import parse_push_time

_RANGE = re.compile(r"\s*([^\s\-–—àa]+)\s*(?:-|–|—|à|a)\s*(\S+)\s*")
OFF_WORDS = frozenset({"off", "non", "aucune", "none", "stop"})


@dataclass(frozen=True)
class QuietHours:
    start: time
    end: time

    def __str__(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"

    def stored(self) -> tuple[str, str]:
        return f"{self.start:%H:%M}", f"{self.end:%H:%M}"

    @classmethod
    def from_stored(cls, stored: tuple[str, str] | None) -> QuietHours | None:
        if stored is None:
            return None
        return cls(time.fromisoformat(stored[0]), time.fromisoformat(stored[1]))

    def covers(self, moment: time) -> bool:
        """Whether a local time of day falls inside the quiet hours (end excluded)."""
        if self.start <= self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


def parse_quiet_hours(text: str) -> QuietHours | None:
    """ "22:00-07:00", "22h-7h", "22h à 7h"; None when it is not two different times."""
    match = _RANGE.fullmatch(text)
    if not match:
        return None
    start, end = parse_push_time(match[1]), parse_push_time(match[2])
    if start is None or end is None or start == end:
        return None
    return QuietHours(start, end)


def next_allowed(now: datetime, quiet: QuietHours | None, tz: tzinfo) -> datetime:
    """The first instant from `now` (UTC) when an alert may go out to a chat in `tz`.

    Outside quiet hours that is `now`. Inside, it is when the local clock next shows their end;
    an end skipped by a spring-forward change is taken on the old offset (02:30 becomes 03:30).
    """
    local = now.astimezone(tz)
    if quiet is None or not quiet.covers(local.time().replace(tzinfo=None)):
        return now
    for offset in range(3):
        end = datetime.combine(local.date() + timedelta(days=offset), quiet.end, tzinfo=tz)
        if end.astimezone(UTC) > now:
            return end.astimezone(UTC)
    raise AssertionError("a local time of day recurs within three days")  # pragma: no cover
