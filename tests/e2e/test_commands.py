"""/start, /help, /lang, unknown commands, the command menu, and what happens on errors."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path

import pytest

from bot.fakeapi import ChatHandle, FakeTelegram
from bot.harness import Harness
from bot.i18n import COMMANDS, t


async def test_start_greets_and_offers_buttons(bot: Harness, anna: ChatHandle) -> None:
    [welcome] = (await bot.say(anna, "/start")).sent
    assert welcome.text.startswith("👋 Bonjour Anna !")
    assert "/search koursk" in welcome.text
    assert [b.text for b in welcome.current.flat_buttons()] == ["📰 Aujourd'hui", "🔔 S'abonner"]


async def test_start_in_english_for_english_clients(bot: Harness, john: ChatHandle) -> None:
    [welcome] = (await bot.say(john, "/start")).sent
    assert welcome.text.startswith("👋 Hello John!")
    assert [b.text for b in welcome.current.flat_buttons()] == ["📰 Today", "🔔 Subscribe"]


async def test_a_hostile_first_name_is_escaped(bot: Harness, telegram: FakeTelegram) -> None:
    mallory = telegram.user(1666, first_name="<b>Mal & lory", language_code="fr")
    [welcome] = (await bot.say(mallory, "/start")).sent
    assert welcome.text.startswith("👋 Bonjour <b>Mal & lory !")


async def test_subscribe_button_subscribes(bot: Harness, anna: ChatHandle) -> None:
    [welcome] = (await bot.say(anna, "/start")).sent
    [confirmation] = (await bot.press(anna, welcome, "🔔 S'abonner")).sent
    assert confirmation.text.startswith("🔔 C'est noté : vous recevrez le briefing chaque jour")


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_help_lists_every_command_with_the_menu_text(
    bot: Harness, telegram: FakeTelegram, lang: str
) -> None:
    user = telegram.user(2000, first_name="U", language_code=lang)
    [reply] = (await bot.say(user, "/help")).sent
    for name in COMMANDS:
        assert f"/{name} — {t(lang, f'command.{name}')}" in reply.text


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_command_menu_is_set_in_each_language(
    bot: Harness, telegram: FakeTelegram, lang: str
) -> None:
    menu = telegram.commands(language_code=lang)
    assert [(c.command, c.description) for c in menu] == [
        (name, t(lang, f"command.{name}")) for name in COMMANDS
    ]
    assert [c.command for c in telegram.commands()] == list(COMMANDS)


async def test_lang_switches_and_is_remembered(bot: Harness, anna: ChatHandle) -> None:
    assert [m.text for m in (await bot.say(anna, "/lang en")).sent] == [
        "Done: I'll speak English with you."
    ]
    [reply] = (await bot.say(anna, "/help")).sent
    assert reply.text.startswith("Commands")
    await bot.say(anna, "/lang fr")
    [reply] = (await bot.say(anna, "/help")).sent
    assert reply.text.startswith("Commandes")


async def test_lang_without_a_known_language_gives_usage(bot: Harness, anna: ChatHandle) -> None:
    for command in ("/lang", "/lang de"):
        [reply] = (await bot.say(anna, command)).sent
        assert reply.text == "Choisissez la langue : /lang fr ou /lang en"


async def test_unknown_command_points_to_help(bot: Harness, anna: ChatHandle) -> None:
    [reply] = (await bot.say(anna, "/meteo paris")).sent
    assert reply.text == "Je ne connais pas cette commande. /help liste ce que je sais faire."


async def test_an_internal_error_is_logged_and_the_user_gets_an_apology(
    seeded: Path, bot: Harness, anna: ChatHandle, caplog: pytest.LogCaptureFixture
) -> None:
    def break_the_store() -> None:
        with sqlite3.connect(seeded) as conn:
            conn.execute("DROP TABLE search_queries")

    # The store breaks under the running bot. From a thread: a blocking call on the event loop
    # would wait for the write lock that the bot's start-up push run holds on that same loop.
    await asyncio.to_thread(break_the_store)
    with caplog.at_level(logging.ERROR):
        turn = await bot.say(anna, "/search koursk")
    assert [m.text for m in turn.sent] == [
        "Désolé, quelque chose s'est mal passé de mon côté. Réessayez dans un instant."
    ]
    [record] = [r for r in caplog.records if r.name == "handlers.errors"]
    assert "error while handling update" in record.getMessage()
    assert "/search koursk" in record.getMessage()
    assert record.exc_info is not None and "search_queries" in str(record.exc_info[1])
    assert bot.telegram.token not in caplog.text


async def test_commands_addressed_to_the_bot_in_a_group_work(
    seeded: Path, bot: Harness, anna: ChatHandle, telegram: FakeTelegram
) -> None:
    group = telegram.supergroup(-1002, "Veille")
    username = telegram.bot_user["username"]
    [reply] = (await bot.say(group, f"/help@{username}", by=anna)).sent
    assert reply.text.startswith("Commandes")


async def test_commands_for_another_bot_in_a_group_are_left_alone(
    bot: Harness, anna: ChatHandle, telegram: FakeTelegram
) -> None:
    group = telegram.supergroup(-1003, "Veille")
    assert (await bot.say(group, "/start@other_bot", by=anna)).sent == []
    assert (await bot.say(group, "/meteo@other_bot", by=anna)).sent == []
    username = telegram.bot_user["username"]
    [reply] = (await bot.say(group, f"/meteo@{username}", by=anna)).sent
    assert reply.text.startswith("Je ne connais pas cette commande.")


async def test_admins_see_their_commands_in_help(
    bot: Harness, anna: ChatHandle, telegram: FakeTelegram
) -> None:
    admin = telegram.user(42, first_name="Admin", language_code="fr")  # config.admins holds 42
    [for_admin] = (await bot.say(admin, "/help")).sent
    [for_reader] = (await bot.say(anna, "/help")).sent
    assert "Commandes d'administration" in for_admin.text
    assert "Commandes d'administration" not in for_reader.text
