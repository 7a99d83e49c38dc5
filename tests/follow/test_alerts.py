"""Keyword alerts end to end: /follow, a load from another process, the alert the user reads."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from bot.config import Config
from bot.fakeapi import ChatHandle, FakeTelegram
from bot.follow.render import CALLBACK_FOLLOW
from bot.push.clock import ManualClock
from storage import alerts, follows, subscribers
from storage.db import open_database
from storage.models import Subscriber
from tests.follow.conftest import load_file
from tests.push.conftest import PushBot, running_push_bot, save_days, small_day

KOURSK_SNIPPET = "L'Ukraine affirme que des soldats nord-coréens ont été déployés"


def alerts_of(chat: ChatHandle) -> list[str]:
    return [m.text for m in chat.messages if m.text.startswith("🔔 Nouveau")]


async def test_following_kursk_brings_one_alert_with_koursk_in_bold(
    db_path: Path, bot: PushBot, anna: ChatHandle, seed_file: Path
) -> None:
    [answer] = (await bot.say(anna, "/follow kursk")).sent
    assert "« kursk »" in answer.text and "1 sur 20" in answer.text

    await load_file(db_path, seed_file)
    counts = await bot.runtime.run_alerts()

    [alert] = anna.messages[1:]
    assert counts.sent == 1
    assert alert.text.startswith("🔔 Nouveau pour « kursk »")
    assert KOURSK_SNIPPET in alert.text
    assert "Koursk" in alert.bold_texts()
    assert "jeu. 24 oct." in alert.text or "24 oct" in alert.text  # the source line's date


async def test_loading_the_same_file_again_sends_nothing_more(
    db_path: Path, bot: PushBot, anna: ChatHandle, seed_file: Path
) -> None:
    await bot.say(anna, "/follow kursk")
    await load_file(db_path, seed_file)
    await bot.runtime.run_alerts()

    await load_file(db_path, seed_file)
    await bot.runtime.run_alerts()

    assert len(alerts_of(anna)) == 1


async def test_several_follows_matching_one_load_make_one_message(
    db_path: Path, bot: PushBot, anna: ChatHandle, seed_file: Path
) -> None:
    for query in ("kursk", "pyongyang", "guterres"):
        await bot.say(anna, f"/follow {query}")

    await load_file(db_path, seed_file)
    await bot.runtime.run_alerts()

    [alert] = alerts_of(anna)
    title = alert.splitlines()[0]
    assert all(f"« {query} »" in title for query in ("kursk", "pyongyang", "guterres"))
    assert "Guterres" in anna.messages[-1].bold_texts()


async def test_quiet_hours_hold_the_alert_until_they_end(
    db_path: Path, bot: PushBot, anna: ChatHandle, seed_file: Path
) -> None:
    await bot.say(anna, "/follow kursk")
    [answer] = (await bot.say(anna, "/quiet 22:00-07:30")).sent
    assert "22:00–07:30 (Europe/Paris)" in answer.text
    bot.manual.set(datetime(2024, 10, 24, 21, 0, tzinfo=UTC))  # 23:00 in Paris

    await load_file(db_path, seed_file)
    counts = await bot.runtime.run_alerts()
    bot.manual.set(datetime(2024, 10, 25, 5, 29, tzinfo=UTC))  # 07:29 in Paris
    await bot.runtime.run_alerts()

    assert counts.held == 1 and alerts_of(anna) == []
    bot.manual.set(datetime(2024, 10, 25, 5, 30, tzinfo=UTC))  # 07:30 in Paris
    await bot.runtime.run_alerts()
    assert len(alerts_of(anna)) == 1


async def test_quiet_off_releases_a_held_alert(
    db_path: Path, bot: PushBot, anna: ChatHandle, seed_file: Path
) -> None:
    await bot.say(anna, "/follow kursk")
    await bot.say(anna, "/quiet 06:00-09:00")  # the clock says 07:00 in Paris
    await load_file(db_path, seed_file)
    await bot.runtime.run_alerts()
    assert alerts_of(anna) == []

    await bot.say(anna, "/quiet off")
    await bot.runtime.run_alerts()

    assert len(alerts_of(anna)) == 1


async def test_a_user_who_blocked_the_bot_gets_nothing_more(
    db_path: Path, bot: PushBot, anna: ChatHandle, telegram: FakeTelegram, seed_file: Path
) -> None:
    await bot.say(anna, "/follow kursk")
    telegram.block(anna.id)

    await load_file(db_path, seed_file)
    counts = await bot.runtime.run_alerts()
    await save_days(db_path, [small_day()])  # "Koursk tient : un extrait"
    await bot.runtime.run_alerts()

    assert counts.blocked == 1
    assert len(anna.errors) == 1  # one 403, and no request after it
    follower = await follows.follower(bot.runtime.db, anna.id)
    assert follower is not None and not follower.active

    telegram.unblock(anna.id)
    await bot.say(anna, "/start")
    await save_days(db_path, [small_day(date(2024, 10, 26), title="Koursk encore")])
    await bot.runtime.run_alerts()
    assert "Koursk encore : un extrait" in alerts_of(anna)[-1]


async def test_a_sent_alert_is_not_sent_again_after_a_restart(
    db_path: Path,
    config: Config,
    telegram: FakeTelegram,
    clock: ManualClock,
    anna: ChatHandle,
    seed_file: Path,
) -> None:
    async with running_push_bot(config, telegram, clock) as first:
        await first.say(anna, "/follow kursk")
        await load_file(db_path, seed_file)
        await first.runtime.run_alerts()

    async with running_push_bot(config, telegram, clock) as second:
        await second.runtime.run_alerts()

    assert len(alerts_of(anna)) == 1


async def test_an_alert_in_flight_at_a_crash_goes_out_after_the_restart(
    db_path: Path, bot: PushBot, anna: ChatHandle, seed_file: Path
) -> None:
    await bot.say(anna, "/follow kursk")
    await load_file(db_path, seed_file)
    db = await open_database(db_path)
    try:  # as if the bot died after queuing the alert and marking it `sending`
        assert await alerts.queue_new_loads(db) == 1
        await alerts.apply(db, [alerts.Change(anna.id, 1, "sending", attempted=True)])
    finally:
        await db.close()

    await bot.runtime.run_alerts()

    assert len(alerts_of(anna)) == 1
    stored = await alerts.get(bot.runtime.db, anna.id, 1)
    assert stored is not None and (stored.state, stored.in_doubt) == ("sent", True)


async def test_an_admin_makes_a_channel_follow_a_query(
    db_path: Path,
    bot: PushBot,
    admin: ChatHandle,
    anna: ChatHandle,
    telegram: FakeTelegram,
    seed_file: Path,
) -> None:
    channel = telegram.channel(-1001, "Veille Ukraine", username="veille_ua")
    subscribed = Subscriber(
        channel.id, "channel", "Veille Ukraine", "fr", "Europe/Paris", "08:00", username="veille_ua"
    )
    await subscribers.upsert(bot.runtime.db, subscribed)

    [refused] = (await bot.say(anna, "/follow @veille_ua kursk")).sent
    [unknown] = (await bot.say(admin, "/follow @inconnu kursk")).sent
    [done] = (await bot.say(admin, "/follow @veille_ua kursk")).sent
    await load_file(db_path, seed_file)
    await bot.runtime.run_alerts()

    assert refused.text == (
        "Seuls les administrateurs du bot gèrent les recherches suivies par un canal."
    )
    assert "Je ne connais pas le canal « @inconnu »" in unknown.text
    assert "Le canal Veille Ukraine sera alerté" in done.text
    [alert] = channel.messages
    assert alert.text.startswith("🔔 Nouveau pour « kursk »\n") and "Koursk" in alert.bold_texts()
    assert "/following" not in alert.text  # a channel's readers cannot manage its follows
    assert alerts_of(admin) == [] and alerts_of(anna) == []


async def test_following_lists_the_follows_and_a_button_drops_one(
    bot: PushBot, anna: ChatHandle
) -> None:
    await bot.say(anna, "/follow kursk")
    await bot.say(anna, '/follow "corée du nord"')
    [listing] = (await bot.say(anna, "/following")).sent
    assert '1. kursk\n2. "corée du nord"' in listing.text

    await bot.press(anna, listing, "✖ 1")

    assert listing.text.count("\n1. ") == 1 and "kursk" not in listing.text
    assert [b.text for b in listing.current.flat_buttons()] == ["✖ 1"]
    assert [b.callback_data[:3] for b in listing.current.flat_buttons()] == [f"{CALLBACK_FOLLOW}:"]


async def test_bad_input_gets_a_clear_answer(bot: PushBot, anna: ChatHandle) -> None:
    config_limit = bot.harness.app.bot_data.settings.max_follows
    [usage] = (await bot.say(anna, "/follow")).sent
    [nothing] = (await bot.say(anna, "/follow -koursk")).sent
    [unknown] = (await bot.say(anna, "/unfollow 99")).sent
    [quiet] = (await bot.say(anna, "/quiet demain")).sent

    assert usage.text.startswith("Indiquez les mots à suivre")
    assert "ne contient aucun mot à chercher" in nothing.text
    assert unknown.text == (
        "Il n'y a pas de recherche n° 99 : vous en suivez 0. /following les liste."
    )
    assert quiet.text.startswith("Je ne comprends pas « demain »")
    assert config_limit == 20


async def test_the_limit_is_stated_when_reached(
    config: Config, telegram: FakeTelegram, clock: ManualClock, anna: ChatHandle
) -> None:
    from dataclasses import replace

    async with running_push_bot(replace(config, max_follows=2), telegram, clock) as bot:
        await bot.say(anna, "/follow kursk")
        [again] = (await bot.say(anna, "/follow Kursk")).sent
        await bot.say(anna, "/follow kharkiv")
        [refused] = (await bot.say(anna, "/follow odessa")).sent
        [dropped] = (await bot.say(anna, "/unfollow 1")).sent
        [accepted] = (await bot.say(anna, "/follow odessa")).sent

    assert "Vous suivez déjà « <b>kursk</b> »" in again.html
    assert refused.text.startswith("Vous suivez déjà 2 recherches, le maximum.")
    assert dropped.text == "🔕 Vous ne suivez plus « kursk »."
    assert "2 sur 2" in accepted.text


async def test_stats_show_the_follows_and_the_alerts_by_state(
    db_path: Path,
    bot: PushBot,
    admin: ChatHandle,
    anna: ChatHandle,
    john: ChatHandle,
    seed_file: Path,
) -> None:
    await bot.say(anna, "/follow kursk")
    await bot.say(anna, "/follow pyongyang")
    await bot.say(john, "/follow kursk")
    await bot.say(john, "/quiet 06:00-09:00")  # the clock says 07:00 in Paris
    await load_file(db_path, seed_file)
    await bot.runtime.run_alerts()

    [stats] = (await bot.say(admin, "/stats")).sent

    found = await alerts.counts(bot.runtime.db, bot.manual.now())
    assert (found.follows, found.chats, found.sent, found.held) == (3, 2, 1, 1)
    assert (
        "Alertes : 3 suivis dans 2 conversations\n"
        "À envoyer : 0 · retenues (heures calmes) : 1\n"
        "Envoyées : 1 · échecs : 0 · ignorées : 0"
    ) in stats.text


async def test_settings_show_the_follows_and_quiet_hours(
    bot: PushBot, anna: ChatHandle, john: ChatHandle
) -> None:
    await bot.say(anna, "/follow kursk")
    await bot.say(anna, "/quiet 22:00-07:30")

    [settings] = (await bot.say(anna, "/settings")).sent
    [plain] = (await bot.say(john, "/settings")).sent

    assert settings.text.endswith(
        "\n\nAlertes\nRecherches suivies : 1 (/following)\n"
        "Heures calmes : 22:00–07:30 (Europe/Paris) (/quiet)"
    )
    # John (English) follows nothing: his settings end as they always did.
    assert plain.text.endswith("Language: English\nNext one: —")
