"""Channels: subscribed when the bot may post there, admin commands to list, add, remove."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bot.config import Config
from bot.fakeapi import ChatHandle, FakeTelegram
from bot.push.clock import ManualClock
from storage import subscribers
from tests.push.conftest import PushBot, running_push_bot


async def test_an_admin_making_the_bot_a_channel_admin_subscribes_it(
    bot: PushBot, telegram: FakeTelegram, admin: ChatHandle
) -> None:
    channel = telegram.channel(-1001, "Veille Ukraine", username="veille_ua", bot_status="left")

    await bot.event(telegram.add_my_chat_member(channel, by=admin, status="administrator"))

    stored = await subscribers.get(bot.runtime.db, channel.id)
    assert stored is not None and stored.active and stored.kind == "channel"
    assert (stored.username, stored.added_by) == ("veille_ua", admin.id)
    assert [m.text for m in admin.messages] == [
        "📣 Le canal Veille Ukraine est abonné : il recevra le briefing chaque jour à 08:00 "
        "(Europe/Paris).\nProchain envoi : jeudi 24 octobre 2024 à 08:00."
    ]

    await bot.event(telegram.add_my_chat_member(channel, by=admin, status="member"))
    stored = await subscribers.get(bot.runtime.db, channel.id)
    assert stored is not None and (stored.active, stored.inactive_reason) == (False, "removed")


async def test_a_non_admin_cannot_subscribe_a_channel(
    bot: PushBot, telegram: FakeTelegram, anna: ChatHandle
) -> None:
    channel = telegram.channel(-1002, "Chez Anna", bot_status="left")

    await bot.event(telegram.add_my_chat_member(channel, by=anna, status="administrator"))

    assert await subscribers.get(bot.runtime.db, channel.id) is None
    assert anna.messages[0].text.startswith("📣 Le canal Chez Anna n'est pas abonné")


async def test_open_channel_subscriptions_let_anyone_subscribe_a_channel(
    config: Config, telegram: FakeTelegram, clock: ManualClock, anna: ChatHandle
) -> None:
    channel = telegram.channel(-1003, "Chez Anna", bot_status="left")
    async with running_push_bot(
        replace(config, open_channel_subscriptions=True), telegram, clock
    ) as bot:
        await bot.event(telegram.add_my_chat_member(channel, by=anna, status="administrator"))
        stored = await subscribers.get(bot.runtime.db, channel.id)
        assert stored is not None and stored.active
        await bot.event(telegram.add_my_chat_member(channel, by=anna, status="left"))
        stored = await subscribers.get(bot.runtime.db, channel.id)
        assert stored is not None and not stored.active


async def test_addchannel_checks_the_bots_rights(
    bot: PushBot, telegram: FakeTelegram, admin: ChatHandle
) -> None:
    telegram.channel(-1004, "Veille", username="veille_ua")
    telegram.channel(-1005, "Muet", username="muet", bot_status="member")
    telegram.supergroup(-1006, "Discussion", username="discussion")

    replies = [
        (await bot.say(admin, command)).sent[0].text
        for command in (
            "/addchannel",
            "/addchannel @inconnu",
            "/addchannel @discussion",
            "/addchannel @muet",
            "/addchannel @veille_ua",
        )
    ]

    assert replies[:4] == [
        "Indiquez le canal : /addchannel @nom",
        "Je ne trouve pas le canal @inconnu.",
        "@discussion n'est pas un canal.",
        "Je ne peux pas publier dans @muet : faites-moi administrateur avec le droit de "
        "publier des messages, puis réessayez.",
    ]
    assert replies[4].startswith("📣 Le canal Veille est abonné")
    assert [c.method for c in telegram.calls if c.method.startswith("getChat")][-2:] == [
        "getChat",
        "getChatMember",
    ]


async def test_channels_lists_and_removechannel_unsubscribes(
    bot: PushBot, telegram: FakeTelegram, admin: ChatHandle
) -> None:
    telegram.channel(-1004, "Veille", username="veille_ua")
    telegram.channel(-1007, "Archives", username="archives")
    await bot.say(admin, "/addchannel @veille_ua")
    await bot.say(admin, "/addchannel @archives")

    turn = await bot.say(admin, "/removechannel @Archives")
    assert turn.sent[0].text == "Le canal Archives est désabonné."
    turn = await bot.say(admin, "/removechannel @nulle_part")
    assert turn.sent[0].text == "@nulle_part n'est pas un canal abonné."

    turn = await bot.say(admin, "/channels")
    assert turn.sent[0].text.splitlines() == [
        "Canaux (2)",
        "• Veille — actif, 08:00 (Europe/Paris)",
        "• Archives — retiré, 08:00 (Europe/Paris)",
    ]


async def test_admin_commands_refuse_everyone_else(
    bot: PushBot, anna: ChatHandle, seeded: Path
) -> None:
    for command in ("/channels", "/addchannel @x", "/removechannel @x", "/publish", "/stats"):
        turn = await bot.say(anna, command)
        assert [m.text for m in turn.sent] == [
            "Cette commande est réservée aux administrateurs du bot."
        ], command
