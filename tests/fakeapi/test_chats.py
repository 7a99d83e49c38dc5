"""Chats as Telegram keeps them: blocked, migrated, channels, members, menus and files."""

from __future__ import annotations

import pytest
from telegram import Bot
from telegram.error import BadRequest, ChatMigrated, Forbidden

from bot.fakeapi import FakeTelegram


async def test_blocked_unknown_and_migrated_chats(tg: FakeTelegram, bot: Bot) -> None:
    tg.user(1001, "Anna")
    tg.block(1001)
    tg.group(-42, "Veille")
    tg.migrate(-42, -100_042)

    with pytest.raises(Forbidden):
        await bot.send_message(1001, "bonjour")
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(999, "bonjour")
    with pytest.raises(ChatMigrated) as migrated:
        await bot.send_message(-42, "bonjour")
    await bot.send_message(-100_042, "bonjour")

    assert migrated.value.new_chat_id == -100_042
    assert [(c.error_code, c.description, c.parameters) for c in tg.errors] == [
        (403, "Forbidden: bot was blocked by the user", None),
        (400, "Bad Request: chat not found", None),
        (
            400,
            "Bad Request: group chat was upgraded to a supergroup chat",
            {"migrate_to_chat_id": -100_042},
        ),
    ]


async def test_channel_needs_the_bot_as_a_member(tg: FakeTelegram, bot: Bot) -> None:
    channel = tg.channel(-100_123, "Front news", username="frontnews")
    await bot.send_message("@frontnews", "<b>Briefing</b>", parse_mode="HTML")
    assert (await channel.next_message()).bold_texts() == ["Briefing"]

    tg.add_my_chat_member(channel, by=tg.user(7, "Admin"), status="left")
    with pytest.raises(Forbidden):
        await bot.send_message(-100_123, "encore")
    assert tg.errors[-1].description == "Forbidden: bot is not a member of the channel chat"


async def test_commands_are_stored_per_scope_and_language(tg: FakeTelegram, bot: Bot) -> None:
    anna = tg.user(1001, "Anna", language_code="fr")
    await bot.set_my_commands([("today", "Today's briefing"), ("search", "Search")])
    await bot.set_my_commands([("today", "Le point du jour")], language_code="fr")

    assert tg.commands() == [("today", "Today's briefing"), ("search", "Search")]
    assert [c.description for c in tg.commands(language_code="fr")] == ["Le point du jour"]
    assert tg.commands("all_private_chats") == []
    assert tg.menu_for(anna.id) == [("today", "Le point du jour")]
    assert [c.command for c in await bot.get_my_commands(language_code="fr")] == ["today"]
    with pytest.raises(BadRequest):
        await bot.set_my_commands([("Today", "capital letters")])
    assert tg.errors[-1].description == "Bad Request: BOT_COMMAND_INVALID"


async def test_user_document_can_be_fetched_and_downloaded(tg: FakeTelegram, bot: Bot) -> None:
    anna = tg.user(1001, "Anna")
    sent = await anna.send_document(
        "day.yaml", b"date: 2024-10-24\n", mime_type="application/x-yaml"
    )

    (update,) = await bot.get_updates()
    assert update.message is not None and update.message.document is not None
    file = await bot.get_file(update.message.document.file_id)

    assert update.message.message_id == sent["message_id"]
    assert update.message.document.file_name == "day.yaml"
    assert bytes(await file.download_as_bytearray()) == b"date: 2024-10-24\n"


async def test_bot_document_upload_is_multipart_and_stored(tg: FakeTelegram, bot: Bot) -> None:
    anna = tg.user(1001, "Anna")
    await bot.send_document(
        1001, b"a;b\n", filename="export.csv", caption="<i>Export</i>", parse_mode="HTML"
    )

    message = await anna.next_message()
    assert message.document is not None and message.document["file_name"] == "export.csv"
    assert (message.text, message.entity_texts("italic")) == ("Export", ["Export"])
    file = await bot.get_file(message.document["file_id"])
    assert bytes(await file.download_as_bytearray()) == b"a;b\n"


async def test_chats_and_members_parse_in_ptb(tg: FakeTelegram, bot: Bot) -> None:
    anna = tg.user(1001, "Anna", username="anna_k", language_code="fr")
    channel = tg.channel(-100_123, "Front news", username="frontnews")
    channel.add_member(anna, "creator")

    private = await bot.get_chat(1001)
    admins = await bot.get_chat_administrators("@frontnews")
    me = await bot.get_chat_member(-100_123, bot.id)
    await bot.send_chat_action(1001, "typing")

    assert (private.type, private.first_name, private.username) == ("private", "Anna", "anna_k")
    assert sorted((a.user.id, a.status) for a in admins) == [
        (1001, "creator"),
        (bot.id, "administrator"),
    ]
    assert me.status == "administrator"
    assert (await bot.get_chat_member(1001, 1001)).status == "member"


async def test_webhook_methods_and_pending_count(tg: FakeTelegram, bot: Bot) -> None:
    await tg.user(1001, "Anna").send("salut")
    assert (await bot.get_webhook_info()).pending_update_count == 1
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert tg.pending_updates == []


async def test_a_deleted_account_is_forbidden(tg: FakeTelegram, bot: Bot) -> None:
    tg.user(1001, "Anna").deactivate()
    with pytest.raises(Forbidden):
        await bot.send_message(1001, "bonjour")
    assert tg.errors[-1].description == "Forbidden: user is deactivated"
