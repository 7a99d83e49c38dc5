"""The daily push, end to end: at the set time, in order, through Telegram's errors."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.briefing import compose_briefing
from bot.config import Config
from bot.fakeapi import ChatHandle, FakeTelegram, Limits
from bot.importers import parse_file
from bot.push.clock import ManualClock, SystemClock
from bot.push.schedule import next_push_at
from storage import deliveries, subscribers
from storage.db import open_database
from storage.models import Subscriber
from tests.push.conftest import (
    PARIS,
    SEED_DAY,
    SMALL_DAY,
    PushBot,
    running_push_bot,
    save_days,
    small_day,
)

AT_8 = datetime(2024, 10, 24, 6, 0, tzinfo=UTC)  # 08:00 in Paris on the seed day
WAR_START = Config().war_start


async def subscribe_all(
    bot: PushBot,
    chats: Sequence[ChatHandle],
    *,
    push_time: str = "08:00",
    language: str = "fr",
    zone: str = "Europe/Paris",
) -> None:
    """Subscribe chats straight in the database (the commands have their own tests)."""
    now = bot.clock.now()
    at = next_push_at(now, time.fromisoformat(push_time), ZoneInfo(zone))
    kinds = {"private": "user", "channel": "channel"}
    await subscribers.upsert_many(
        bot.runtime.db,
        [
            Subscriber(
                chat_id=chat.id,
                kind=kinds.get(chat.state.type, "group"),
                title=chat.state.title,
                language=language,
                timezone=zone,
                push_time=push_time,
                next_push_at=at,
            )
            for chat in chats
        ],
    )


async def briefing_parts(bot: PushBot, day: date, lang: str = "fr") -> tuple[str, ...]:
    """The day's briefing as the push composes it (HTML parts)."""
    reply = await compose_briefing(bot.runtime.db, day, lang, war_start=WAR_START, fallback=False)
    assert reply is not None
    return reply.parts


def visible(html_part: str) -> str:
    """A part's text as a reader sees it (what the fake stores)."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_part)).strip()


def texts(chat: ChatHandle) -> list[str]:
    return [message.text for message in chat.messages]


async def test_the_briefing_goes_out_at_the_set_time_in_order_once(
    seeded: Path, bot: PushBot, anna: ChatHandle, telegram: FakeTelegram
) -> None:
    await bot.say(anna, "/subscribe 08:00")
    assert await bot.push_at(datetime(2024, 10, 24, 5, 59, tzinfo=UTC)) is None
    assert len(anna.messages) == 1

    run = await bot.push_at(AT_8)

    expected = await briefing_parts(bot, SEED_DAY)
    pushed = anna.messages[1:]
    assert len(expected) > 1, "the seed day's briefing is long: it goes out in parts"
    assert [m.text for m in pushed] == [visible(part) for part in expected]  # in order
    assert pushed[0].text.startswith("📰 Jeudi 24 octobre 2024 · jour 974")
    assert run is not None and (run.counts.sent, run.counts.messages) == (1, len(expected))
    ledger = await deliveries.get(bot.runtime.db, anna.id, SEED_DAY)
    assert ledger is not None and ledger.state == "sent"
    assert ledger.message_ids == tuple(m.message_id for m in pushed)
    stored = await subscribers.get(bot.runtime.db, anna.id)
    assert stored is not None and stored.next_push_at == datetime(2024, 10, 25, 6, 0, tzinfo=UTC)
    assert await bot.runtime.run_scheduled() is None
    assert len(anna.messages) == 1 + len(expected)


async def test_each_language_once_and_channels_get_the_same_text(
    seeded: Path, bot: PushBot, anna: ChatHandle, john: ChatHandle, telegram: FakeTelegram
) -> None:
    channel = telegram.channel(-1001, "Veille Ukraine", username="veille_ua")
    await subscribe_all(bot, [anna, channel])
    await subscribe_all(bot, [john], language="en")

    await bot.push_at(AT_8)

    assert texts(channel) == texts(anna)[-2:]
    assert texts(john)[0].startswith("📰 Thursday 24 October 2024 · day 974")


async def test_no_content_sends_nothing_and_stats_say_so(
    bot: PushBot, anna: ChatHandle, admin: ChatHandle
) -> None:
    bot.manual.set(datetime(2024, 10, 26, 5, 0, tzinfo=UTC))  # Saturday, before the DST change
    await subscribe_all(bot, [anna])

    run = await bot.push_at(datetime(2024, 10, 26, 6, 0, tzinfo=UTC))

    assert anna.messages == []
    assert run is not None and run.no_content == (date(2024, 10, 26),)
    # Sunday 27 October: clocks go back, 08:00 in Paris is now 07:00 UTC.
    stored = await subscribers.get(bot.runtime.db, anna.id)
    assert stored is not None and stored.next_push_at == datetime(2024, 10, 27, 7, 0, tzinfo=UTC)
    [stats] = (await bot.say(admin, "/stats")).sent
    assert "⚠️ Pas de contenu pour le samedi 26 octobre 2024 : rien n'a été envoyé." in stats.text


async def test_a_blocked_user_is_deactivated_at_once_and_start_brings_them_back(
    seeded: Path, bot: PushBot, anna: ChatHandle, john: ChatHandle, admin: ChatHandle
) -> None:
    await subscribe_all(bot, [anna, john])
    bot.telegram.block(anna.id)

    run = await bot.push_at(AT_8)

    assert run is not None and (run.counts.sent, run.counts.blocked) == (1, 1)
    stored = await subscribers.get(bot.runtime.db, anna.id)
    assert stored is not None and (stored.active, stored.inactive_reason) == (False, "blocked")
    assert len(anna.errors) == 1  # one 403, never retried
    [stats] = (await bot.say(admin, "/stats")).sent
    assert "Bloqués : 1" in stats.text and "1 envoyés, 0 échecs, 1 bloqués" in stats.text

    bot.telegram.unblock(anna.id)
    await bot.say(anna, "/start")
    stored = await subscribers.get(bot.runtime.db, anna.id)
    assert stored is not None and stored.active
    await bot.push_at(datetime(2024, 10, 25, 6, 0, tzinfo=UTC))
    assert texts(anna)[-1].startswith("📰 Vendredi 25 octobre 2024")


async def test_a_migrated_group_is_followed_and_sent_to(
    seeded: Path, bot: PushBot, telegram: FakeTelegram
) -> None:
    group = telegram.group(-600, "Veille")
    await subscribe_all(bot, [group])
    supergroup = telegram.migrate(-600, -100600, announce=False)

    await bot.push_at(AT_8)

    assert texts(supergroup)[0].startswith("📰 Jeudi 24 octobre 2024")
    assert await subscribers.get(bot.runtime.db, -600) is None
    moved = await deliveries.get(bot.runtime.db, -100600, SEED_DAY)
    assert moved is not None and moved.state == "sent"


async def test_a_429_pauses_every_send_for_retry_after(
    seeded: Path, bot: PushBot, telegram: FakeTelegram
) -> None:
    users = [telegram.user(2000 + i) for i in range(12)]
    await subscribe_all(bot, users)
    telegram.flood(30)  # the next send: 429 retry_after=30, and a 30 s penalty for the bot
    calls = len(telegram.calls)

    await bot.push_at(AT_8)

    sends = [c for c in telegram.calls[calls:] if c.method == "sendMessage"]
    [throttled] = [c for c in sends if c.error_code == 429]
    after = [c for c in sends if c.at > throttled.at]
    assert after and min(c.at for c in after) >= throttled.at + 30
    assert telegram.violations == []
    parts = len(await briefing_parts(bot, SEED_DAY))
    assert all(len(user.messages) == parts for user in users)


async def test_5xx_and_timeouts_are_retried_with_backoff(
    db_path: Path, telegram: FakeTelegram, clock: ManualClock, anna: ChatHandle
) -> None:
    await save_days(db_path, [small_day(SEED_DAY), small_day(SMALL_DAY)])
    config = Config(db_path=db_path, push_timeout=0.3)
    async with running_push_bot(config, telegram, clock) as bot:
        await subscribe_all(bot, [anna])
        telegram.fail_next("sendMessage", 502, "Bad Gateway", count=2)
        await bot.push_at(AT_8)
        telegram.delay_next("sendMessage", 3.0)  # longer than push_timeout: the client gives up
        await bot.push_at(datetime(2024, 10, 25, 6, 0, tzinfo=UTC))
    assert [m.text.splitlines()[0] for m in anna.messages] == [
        "📰 Jeudi 24 octobre 2024 · jour 974",
        "📰 Vendredi 25 octobre 2024 · jour 975",
    ]
    sends = telegram.calls_to("sendMessage")
    assert [c.error_code for c in sends[:3]] == [502, 502, None]
    assert sends[1].at - sends[0].at >= 1 and sends[2].at - sends[1].at >= 2  # backoff
    # The timed-out request never reached the chat: the server dropped it with the connection.
    assert len(sends) == 4
    assert not telegram.violations


async def test_a_bad_request_fails_without_retry(
    seeded: Path, bot: PushBot, anna: ChatHandle, telegram: FakeTelegram
) -> None:
    await subscribe_all(bot, [anna])
    telegram.fail_next("sendMessage", 400, "Bad Request: chat not found")

    run = await bot.push_at(AT_8)

    assert run is not None and run.counts.failed == 1
    assert len(telegram.calls_to("sendMessage")) == 1
    ledger = await deliveries.get(bot.runtime.db, anna.id, SEED_DAY)
    assert ledger is not None and (ledger.state, ledger.error) == (
        "failed",
        "Bad Request: chat not found",
    )


async def test_catch_up_at_start_up_within_the_grace_window(
    db_path: Path, config: Config, telegram: FakeTelegram, clock: ManualClock, seed_file: Path
) -> None:
    await save_days(db_path, [*parse_file(seed_file, tz=PARIS), small_day(date(2024, 10, 23))])
    anna, john = telegram.user(1001), telegram.user(1002)
    db = await open_database(db_path)
    late = Subscriber(1002, "user", None, "fr", "Europe/Paris", "23:00")
    await subscribers.upsert_many(
        db,
        [
            # Due 2 h before start-up (05:00 in Paris): within the 6 h window, still sent.
            Subscriber(
                1001, "user", None, "fr", "Europe/Paris", "05:00", next_push_at=AT_8.replace(hour=3)
            ),
            # Due 8 h before (23:00 the day before): too late, recorded as skipped.
            replace(late, next_push_at=datetime(2024, 10, 23, 21, 0, tzinfo=UTC)),
        ],
    )
    await db.close()

    async with running_push_bot(config, telegram, clock) as bot:
        first = await anna.next_message()
        assert first.text.startswith("📰 Jeudi 24 octobre 2024")
        await bot.runtime.run_scheduled()
        skipped = await deliveries.get(bot.runtime.db, 1002, date(2024, 10, 23))
        stored = await subscribers.get(bot.runtime.db, 1002)
    assert john.messages == []
    assert skipped is not None and (skipped.state, skipped.error) == ("skipped", "late")
    assert stored is not None and stored.next_push_at == datetime(2024, 10, 24, 21, 0, tzinfo=UTC)


async def test_sends_stay_within_telegram_limits(
    seeded: Path, bot: PushBot, telegram: FakeTelegram
) -> None:
    users = [telegram.user(3000 + i) for i in range(40)]
    channels = [telegram.channel(-3000 - i, f"Canal {i}") for i in range(3)]
    await subscribe_all(bot, [*users, *channels])
    bot.manual.set(AT_8)

    await bot.runtime.run_scheduled()

    sends = [c for c in telegram.calls_to("sendMessage") if c.ok]
    assert len(sends) == len(await briefing_parts(bot, SEED_DAY)) * 43
    assert not telegram.throttled
    assert not any("allow_paid_broadcast" in c.params for c in sends)
    window = [c.at for c in sends]
    assert (len(window) - 1) / (window[-1] - window[0]) <= 30.5


async def test_replies_share_the_push_pause_both_ways(
    seeded: Path, bot: PushBot, telegram: FakeTelegram, anna: ChatHandle
) -> None:
    bot.runtime.pacer.pause(20)  # the push just met a 429 with retry_after=20
    paused_until = bot.runtime.pacer.paused_until
    turn = await bot.harness.say(anna, "/help")
    [reply] = [c for c in telegram.calls_to("sendMessage") if c.params["chat_id"] == anna.id]
    assert turn.sent and reply.at >= paused_until

    telegram.flood(1, chat_id=anna.id)  # now a reply meets a 429 (PTB's limiter retries it)
    flooded_at = bot.clock.monotonic()
    await bot.harness.say(anna, "/help")
    assert bot.runtime.pacer.paused_until >= flooded_at + 1
    assert telegram.violations == []


async def test_in_real_time_a_429_leaves_no_request_in_the_penalty_window(db_path: Path) -> None:
    """The pacer against the fake on the wall clock, as in production: one request in flight
    at 30/s, so the 429's answer is read before any other request leaves."""
    due = datetime.now(UTC) - timedelta(seconds=1)
    await save_days(db_path, [small_day(due.astimezone(PARIS).date())])
    async with FakeTelegram(limits=Limits()) as telegram:
        users = [telegram.user(6000 + i) for i in range(30)]
        bot_config = Config(db_path=db_path)
        db = await open_database(db_path)
        await subscribers.upsert_many(
            db,
            [
                Subscriber(u.id, "user", None, "fr", "Europe/Paris", "08:00", next_push_at=due)
                for u in users
            ],
        )
        await db.close()
        telegram.flood(1)
        async with running_push_bot(bot_config, telegram, SystemClock()) as bot:
            await bot.runtime.run_scheduled()
        assert all(len(u.messages) == 1 for u in users)
        sends = telegram.calls_to("sendMessage")
        [throttled] = [c for c in sends if c.error_code == 429]
        assert min(c.at for c in sends if c.at > throttled.at) >= throttled.at + 1
        assert telegram.violations == []
