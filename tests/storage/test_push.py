"""Subscribers, the delivery ledger and push runs, on real SQLite files."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from storage import deliveries, push_runs, subscribers, users
from storage.db import Database
from storage.deliveries import Change, Planned
from storage.models import Subscriber
from storage.push_runs import RunCounts
from tests.older_files import opened_after_upgrade

DAY = date(2024, 10, 24)
AT = datetime(2024, 10, 24, 6, 0, tzinfo=UTC)


def subscriber(chat_id: int, kind: str = "user", **changes: Any) -> Subscriber:
    base = Subscriber(chat_id, kind, None, "fr", "Europe/Paris", "08:00", next_push_at=AT)
    return replace(base, **changes)


async def test_a_version_2_file_is_upgraded_in_place_keeping_subscribers(tmp_path: Path) -> None:
    async with opened_after_upgrade(
        tmp_path / "v2.db",
        2,
        "INSERT INTO subscribers (chat_id, kind, timezone, push_time, active, next_push_at,"
        " created_at, updated_at) VALUES (1, 'user', 'Europe/Paris', '08:00', 1,"
        " '2024-10-24T06:00:00+00:00', 'x', 'x'), (2, 'user', 'Europe/Paris', '08:00', 0,"
        " NULL, 'x', 'x')",
        "INSERT INTO deliveries (chat_id, day, state, updated_at)"
        " VALUES (1, '2024-10-23', 'sent', 'x')",
    ) as db:
        kept = await subscribers.get(db, 1)
        gone = await subscribers.get(db, 2)
        assert kept is not None and kept.active and kept.next_push_at == AT
        assert gone is not None and gone.inactive_reason == "unsubscribed"
        old = await deliveries.get(db, 1, date(2024, 10, 23))
        assert old is not None and (old.state, old.in_doubt, old.due_at) == ("sent", False, None)
        assert await push_runs.last(db) is None


async def test_plan_adds_rows_once_and_moves_the_next_push(db: Database) -> None:
    await subscribers.upsert_many(db, [subscriber(1), subscriber(2)])
    later = datetime(2024, 10, 25, 6, 0, tzinfo=UTC)
    planned = [Planned(1, DAY, AT), Planned(2, DAY, AT, "skipped", "late")]
    await deliveries.plan(db, planned, [(1, later), (2, later)])
    await deliveries.plan(db, [Planned(1, DAY, AT, "skipped", "late")], [])
    assert await deliveries.states(db, DAY) == {"pending": 1, "skipped": 1}
    assert await subscribers.due(db, AT, 10) == []
    [pending] = await deliveries.pending(db)
    assert (pending.chat_id, pending.kind, pending.language, pending.in_doubt) == (
        1,
        "user",
        "fr",
        False,
    )


async def test_pending_speaks_the_users_language(db: Database) -> None:
    await subscribers.upsert_many(db, [subscriber(1), subscriber(-5, "channel")])
    await users.set_language(db, 1, "en")
    await users.set_language(db, -5, "en")  # only a user's own choice counts
    await deliveries.plan(db, [Planned(1, DAY, AT), Planned(-5, DAY, AT)], [])
    languages = {p.chat_id: p.language for p in await deliveries.pending(db)}
    assert languages == {1: "en", -5: "fr"}


async def test_sends_in_flight_at_a_crash_come_back_in_doubt_with_their_parts(
    db: Database,
) -> None:
    await subscribers.upsert_many(db, [subscriber(1), subscriber(2)])
    await deliveries.plan(db, [Planned(1, DAY, AT), Planned(2, DAY, AT)], [])
    await deliveries.apply(
        db,
        [
            Change(1, DAY, "sending", attempted=True),
            Change(1, DAY, "sending", message_ids=(11,)),
            Change(2, DAY, "sending", attempted=True),
            Change(2, DAY, "sent", message_ids=(21, 22)),
        ],
    )
    assert await deliveries.requeue_in_doubt(db) == 1
    [again] = await deliveries.pending(db)
    assert (again.chat_id, again.message_ids, again.in_doubt) == (1, (11,), True)
    row = await deliveries.get(db, 1, DAY)
    assert row is not None and row.attempts == 1


async def test_a_403_change_also_stops_the_subscription(db: Database) -> None:
    await subscribers.upsert_many(db, [subscriber(1)])
    await deliveries.plan(db, [Planned(1, DAY, AT)], [])
    await deliveries.apply(db, [Change(1, DAY, "failed", error="blocked", deactivate="blocked")])
    stopped = await subscribers.get(db, 1)
    assert stopped is not None and (stopped.active, stopped.inactive_reason) == (False, "blocked")
    assert await subscribers.reactivate(db, 1, "unsubscribed", AT) is False
    assert await subscribers.reactivate(db, 1, "blocked", AT) is True


async def test_queue_day_skips_those_who_have_it_and_retries_failures(db: Database) -> None:
    await subscribers.upsert_many(db, [subscriber(i) for i in (1, 2, 3, 4)])
    await subscribers.deactivate(db, 4, subscribers.UNSUBSCRIBED)
    await deliveries.plan(db, [Planned(1, DAY, AT), Planned(2, DAY, AT)], [])
    await deliveries.apply(db, [Change(1, DAY, "sent"), Change(2, DAY, "failed")])
    assert await deliveries.queue_day(db, DAY, AT) == 2
    assert {p.chat_id for p in await deliveries.pending(db, DAY)} == {2, 3}


async def test_a_migrated_group_takes_its_ledger_along(db: Database) -> None:
    await subscribers.upsert_many(db, [subscriber(-7, "group")])
    await deliveries.plan(db, [Planned(-7, DAY, AT)], [])
    await subscribers.migrate_chat(db, -7, -1007)
    assert await deliveries.get(db, -1007, DAY) is not None
    assert await subscribers.get(db, -7) is None


async def test_channels_by_username_and_counts(db: Database) -> None:
    await subscribers.upsert_many(
        db,
        [
            subscriber(1),
            subscriber(2, active=False, inactive_reason="blocked"),
            subscriber(-1, "channel", username="Veille_UA", title="Veille"),
            subscriber(-2, "channel", username="old", active=False, inactive_reason="removed"),
            subscriber(-3, "group"),
        ],
    )
    found = await subscribers.find_by_username(db, "@veille_ua")
    assert found is not None and found.chat_id == -1
    assert [c.chat_id for c in await subscribers.channels(db)] == [-1, -2]
    counts = await subscribers.counts(db)
    assert counts == subscribers.Counts(users=1, groups=1, channels=1, blocked=1, removed=1)
    assert counts.active == 3


async def test_push_runs_record_counts_and_days_without_content(db: Database) -> None:
    run_id = await push_runs.start(db, "scheduled", [DAY, date(2024, 10, 25)], AT)
    counts = RunCounts(total=3, sent=2, blocked=1, messages=4)
    await push_runs.update(db, run_id, counts, no_content=[date(2024, 10, 25)], finished_at=AT)
    run = await push_runs.last(db)
    assert run is not None and run.counts == counts
    assert run.days == (DAY, date(2024, 10, 25)) and run.no_content == (date(2024, 10, 25),)
    assert run.finished_at == AT
