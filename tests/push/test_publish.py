"""/publish [DATE] with its progress message, and /stats."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.fakeapi import ChatHandle, FakeTelegram
from bot.push.render import progress
from bot.push.stats import stats
from storage import deliveries, subscribers
from storage.deliveries import Change, Planned
from storage.push_runs import PushRun, RunCounts
from storage.subscribers import Counts
from tests.push.conftest import SEED_DAY, PushBot
from tests.push.test_delivery import briefing_parts, subscribe_all


async def finished(telegram: FakeTelegram, chat: ChatHandle, message_id: int) -> str:
    """The progress message's text once the push is over."""
    message = chat.state.bot_messages[message_id]
    await telegram.wait_for(lambda: message.text.startswith(("✅", "Tous")), what="the end")
    return message.text


async def test_publish_sends_to_everyone_without_the_day_and_reports_in_one_message(
    seeded: Path, bot: PushBot, telegram: FakeTelegram, admin: ChatHandle
) -> None:
    users = [telegram.user(4000 + i) for i in range(5)]
    await subscribe_all(bot, users, push_time="20:00")
    telegram.block(users[2].id)
    already = users[4]
    await deliveries.plan(bot.runtime.db, [Planned(already.id, SEED_DAY, bot.clock.now())], [])
    await deliveries.apply(bot.runtime.db, [Change(already.id, SEED_DAY, "sent")])

    turn = await bot.say(admin, "/publish 24/10/2024")

    [report] = turn.sent
    assert report.text == "Envoi du briefing du jeudi 24 octobre 2024 : préparation…"
    text = await finished(telegram, admin, report.message_id)
    assert text.startswith("✅ Envoyé : 3 / 4 — 1 bloqué, 0 échec · ")
    parts = len(await briefing_parts(bot, SEED_DAY))
    assert [len(u.messages) for u in users] == [parts, parts, 0, parts, 0]
    assert "Envoi : 0 / 4 — 0 bloqué" in [v.text for v in report.versions]
    assert len(admin.messages) == 1  # one message, edited

    turn = await bot.say(admin, "/publish 2024-10-24")
    text = await finished(telegram, admin, turn.sent[0].message_id)
    assert text == "Tous les abonnés ont déjà reçu le briefing du jeudi 24 octobre 2024."


async def test_publish_without_content_or_with_a_bad_date(
    seeded: Path, bot: PushBot, admin: ChatHandle
) -> None:
    turn = await bot.say(admin, "/publish 26/10/2024")
    assert turn.sent[0].text == ("Rien à envoyer : pas de briefing pour le samedi 26 octobre 2024.")
    turn = await bot.say(admin, "/publish 31/02")
    assert turn.sent[0].text == "Je ne comprends pas la date « 31/02 ». Exemple : /publish 24/10"


async def test_stats_count_subscribers_and_describe_the_last_push(
    seeded: Path, bot: PushBot, telegram: FakeTelegram, admin: ChatHandle, anna: ChatHandle
) -> None:
    channel = telegram.channel(-1001, "Veille")
    await subscribe_all(bot, [anna, channel])
    turn = await bot.say(admin, "/stats")
    assert turn.sent[0].text.splitlines()[:4] == [
        "Statistiques",
        "",
        "Abonnés actifs : 2 (1 personnes, 0 groupes, 1 canaux)",
        "Bloqués : 0 · désabonnés : 0 · canaux retirés : 0",
    ]
    assert turn.sent[0].text.endswith("Aucun envoi pour l'instant.")
    await bot.push_at(datetime(2024, 10, 24, 6, 0, tzinfo=UTC))
    turn = await bot.say(admin, "/stats")
    assert turn.sent[0].text.splitlines()[-2:] == [
        "Dernier envoi (quotidien, jeudi 24 octobre 2024) : 24/10 08:00",
        "2 envoyés, 0 échecs, 0 bloqués, 0 en doute, 0 ignorés · 0 s",
    ]
    assert await subscribers.counts(bot.runtime.db) == Counts(users=1, channels=1)


def test_progress_reads_like_the_issue() -> None:
    counts = RunCounts(total=10_000, sent=1_231, blocked=3)
    assert progress("fr", counts) == "Envoi : 1\u202f234 / 10\u202f000 — 3 bloqués"
    assert progress("en", counts) == "Sending: 1,234 / 10,000 — 3 blocked"


def test_stats_in_english_with_a_run_still_going() -> None:
    run = PushRun(
        id=1,
        kind="publish",
        days=(date(2024, 10, 24),),
        started_at=datetime(2024, 10, 24, 6, 0, tzinfo=UTC),
        finished_at=None,
        counts=RunCounts(total=10, sent=4, in_doubt=2),
    )
    text = stats("en", Counts(users=10), run, ZoneInfo("Europe/Paris")).parts[0]
    assert text.splitlines()[-2:] == [
        "Last push (/publish, Thursday 24 October 2024): 24/10 08:00",
        "4 sent, 0 failed, 0 blocked, 2 in doubt, 0 skipped · running",
    ]
