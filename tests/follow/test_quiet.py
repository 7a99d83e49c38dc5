"""Quiet hours: when a held alert may go out, in the follower's own zone, across DST."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from bot.follow.quiet import QuietHours, next_allowed, parse_quiet_hours

PARIS = ZoneInfo("Europe/Paris")
NIGHT = QuietHours(time(22, 0), time(7, 0))


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS).astimezone(UTC)


def test_quiet_hours_are_read_as_people_type_them() -> None:
    assert parse_quiet_hours("22:00-07:00") == NIGHT
    assert parse_quiet_hours("22h - 7h") == NIGHT
    assert parse_quiet_hours("22h à 7h") == NIGHT
    assert parse_quiet_hours("13:00–14:30") == QuietHours(time(13, 0), time(14, 30))
    for bad in ("", "22:00", "25:00-07:00", "07:00-07:00", "tonight"):
        assert parse_quiet_hours(bad) is None, bad


def test_outside_quiet_hours_an_alert_goes_out_at_once() -> None:
    now = paris(2024, 10, 24, 12, 0)
    assert next_allowed(now, NIGHT, PARIS) == now
    assert next_allowed(now, None, PARIS) == now
    assert next_allowed(paris(2024, 10, 24, 7, 0), NIGHT, PARIS) == paris(2024, 10, 24, 7, 0)


def test_an_alert_in_the_evening_waits_until_the_next_morning() -> None:
    assert next_allowed(paris(2024, 10, 24, 23, 15), NIGHT, PARIS) == paris(2024, 10, 25, 7, 0)
    assert next_allowed(paris(2024, 10, 24, 22, 0), NIGHT, PARIS) == paris(2024, 10, 25, 7, 0)


def test_an_alert_after_midnight_waits_until_the_same_morning() -> None:
    assert next_allowed(paris(2024, 10, 25, 3, 0), NIGHT, PARIS) == paris(2024, 10, 25, 7, 0)


def test_quiet_hours_within_a_day() -> None:
    lunch = QuietHours(time(12, 0), time(14, 0))
    assert next_allowed(paris(2024, 10, 24, 13, 0), lunch, PARIS) == paris(2024, 10, 24, 14, 0)
    assert next_allowed(paris(2024, 10, 24, 23, 0), lunch, PARIS) == paris(2024, 10, 24, 23, 0)


def test_the_end_keeps_its_local_time_across_daylight_saving_changes() -> None:
    # Night of 26-27 October 2024: Paris goes from UTC+2 to UTC+1.
    held = next_allowed(datetime(2024, 10, 26, 21, 0, tzinfo=UTC), NIGHT, PARIS)
    assert held == datetime(2024, 10, 27, 6, 0, tzinfo=UTC)  # 07:00 in winter time
    # Night of 30-31 March 2024: Paris goes from UTC+1 to UTC+2.
    held = next_allowed(datetime(2024, 3, 30, 22, 0, tzinfo=UTC), NIGHT, PARIS)
    assert held == datetime(2024, 3, 31, 5, 0, tzinfo=UTC)  # 07:00 in summer time


def test_an_end_skipped_by_spring_forward_is_taken_on_the_old_offset() -> None:
    early = QuietHours(time(1, 0), time(2, 30))
    held = next_allowed(datetime(2024, 3, 31, 0, 30, tzinfo=UTC), early, PARIS)  # 01:30 local
    assert held == datetime(2024, 3, 31, 1, 30, tzinfo=UTC)  # 03:30 summer time


def test_the_zone_is_the_followers() -> None:
    kyiv = ZoneInfo("Europe/Kyiv")
    now = datetime(2024, 10, 24, 20, 30, tzinfo=UTC)  # 22:30 in Paris, 23:30 in Kyiv
    assert next_allowed(now, NIGHT, kyiv) == datetime(2024, 10, 25, 4, 0, tzinfo=UTC)
    assert next_allowed(now, QuietHours(time(23, 0), time(7, 0)), PARIS) == now
