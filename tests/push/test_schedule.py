"""When pushes fall due: local times, zones, daylight saving, catch-up. Pure functions."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.push.schedule import MAX_SKIPPED_DAYS, catch_up, find_zone, next_push_at, parse_push_time

PARIS = ZoneInfo("Europe/Paris")
KYIV = ZoneInfo("Europe/Kyiv")
NEW_YORK = ZoneInfo("America/New_York")
EIGHT = time(8, 0)
GRACE = timedelta(hours=6)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("after", "zone", "expected"),
    [
        (utc(2024, 10, 24, 5, 0), PARIS, utc(2024, 10, 24, 6, 0)),  # later today, CEST
        (utc(2024, 10, 24, 6, 0), PARIS, utc(2024, 10, 25, 6, 0)),  # strictly after
        (utc(2024, 10, 24, 5, 0), KYIV, utc(2024, 10, 25, 5, 0)),  # 08:00 already in Kyiv
        (utc(2024, 10, 24, 23, 30), NEW_YORK, utc(2024, 10, 25, 12, 0)),  # evening before, EDT
        (utc(2024, 12, 31, 23, 30), PARIS, utc(2025, 1, 1, 7, 0)),  # new year, CET
    ],
)
def test_next_push_is_the_next_local_occurrence(
    after: datetime, zone: ZoneInfo, expected: datetime
) -> None:
    assert next_push_at(after, EIGHT, zone) == expected


def test_autumn_dst_change_keeps_the_local_time() -> None:
    saturday = next_push_at(utc(2024, 10, 26, 0, 0), EIGHT, PARIS)
    sunday = next_push_at(saturday, EIGHT, PARIS)
    assert (saturday, sunday) == (utc(2024, 10, 26, 6, 0), utc(2024, 10, 27, 7, 0))
    assert sunday - saturday == timedelta(hours=25)
    assert sunday.astimezone(PARIS).time() == EIGHT


def test_spring_dst_change_keeps_the_local_time() -> None:
    saturday = next_push_at(utc(2024, 3, 30, 0, 0), EIGHT, PARIS)
    sunday = next_push_at(saturday, EIGHT, PARIS)
    assert sunday - saturday == timedelta(hours=23)
    assert sunday.astimezone(PARIS).time() == EIGHT


def test_a_time_skipped_by_spring_forward_goes_out_an_hour_later() -> None:
    at = next_push_at(utc(2024, 3, 30, 12, 0), time(2, 30), PARIS)
    assert at == utc(2024, 3, 31, 1, 30)
    assert at.astimezone(PARIS).strftime("%d %H:%M") == "31 03:30"


def test_a_time_repeated_in_autumn_goes_out_once_at_its_first_occurrence() -> None:
    first = next_push_at(utc(2024, 10, 26, 12, 0), time(2, 30), PARIS)
    assert first == utc(2024, 10, 27, 0, 30)  # 02:30 CEST
    assert next_push_at(first, time(2, 30), PARIS) == utc(2024, 10, 28, 1, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("08:00", time(8, 0)),
        ("8:05", time(8, 5)),
        ("7h", time(7, 0)),
        ("7h30", time(7, 30)),
        ("20.15", time(20, 15)),
        (" 6 ", time(6, 0)),
        ("24:00", None),
        ("8:60", None),
        ("huit", None),
        ("", None),
    ],
)
def test_push_times_as_users_type_them(text: str, expected: time | None) -> None:
    assert parse_push_time(text) == expected


def test_zones_are_validated_and_found_in_any_case() -> None:
    assert find_zone("europe/kyiv") == KYIV
    assert find_zone("UTC") == ZoneInfo("UTC")
    assert find_zone("Mars/Olympus") is None
    assert find_zone("../../etc/passwd") is None
    assert find_zone("") is None


def test_catch_up_sends_within_the_grace_window() -> None:
    plan = catch_up(utc(2024, 10, 24, 6, 0), utc(2024, 10, 24, 9, 0), EIGHT, PARIS, GRACE)
    assert plan.due == ((date(2024, 10, 24), utc(2024, 10, 24, 6, 0)),)
    assert plan.late == ()
    assert plan.next_at == utc(2024, 10, 25, 6, 0)


def test_catch_up_skips_what_is_older_than_the_grace_window() -> None:
    plan = catch_up(utc(2024, 10, 21, 6, 0), utc(2024, 10, 24, 13, 0), EIGHT, PARIS, GRACE)
    assert [day.day for day, _ in plan.late] == [21, 22, 23, 24]
    assert plan.due == ()
    assert plan.next_at == utc(2024, 10, 25, 6, 0)


def test_a_long_downtime_records_a_bounded_number_of_skipped_days() -> None:
    plan = catch_up(utc(2023, 1, 1, 7, 0), utc(2024, 10, 24, 6, 30), EIGHT, PARIS, GRACE)
    assert len(plan.late) == MAX_SKIPPED_DAYS
    assert plan.late[-1][0] == date(2024, 10, 23)
    assert plan.due == ((date(2024, 10, 24), utc(2024, 10, 24, 6, 0)),)


def test_nothing_due_yet() -> None:
    plan = catch_up(utc(2024, 10, 24, 6, 0), utc(2024, 10, 24, 5, 0), EIGHT, PARIS, GRACE)
    assert (plan.due, plan.late, plan.next_at) == ((), (), utc(2024, 10, 24, 6, 0))
