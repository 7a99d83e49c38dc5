"""Updates flow to a real PTB Bot and Application: long polling, buttons, inline queries, floods."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.error import BadRequest, Conflict, RetryAfter, TimedOut
from telegram.ext import (
    ApplicationBuilder,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
)

from bot.fakeapi import FakeTelegram, Limits


@asynccontextmanager
async def polling(tg: FakeTelegram, *handlers: BaseHandler[Any, Any, Any]) -> AsyncIterator[None]:
    """Run a PTB Application against the fake the way ``run_polling`` would, then stop it."""
    builder = ApplicationBuilder().token(tg.token).base_url(tg.base_url)
    app = builder.base_file_url(tg.base_file_url).build()
    app.add_handlers(handlers)
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    await update.message.reply_text(" ".join(context.args or []))


async def test_a_poll_returns_as_soon_as_the_user_sends(tg: FakeTelegram, bot: Bot) -> None:
    anna = tg.user(1001, "Anna")
    poll = asyncio.create_task(bot.get_updates(timeout=2))
    await tg.wait_for(lambda: tg.polling)

    started = time.monotonic()
    await anna.send("/search koursk")
    (update,) = await poll

    assert time.monotonic() - started < 1.0
    assert update.message is not None and update.message.text == "/search koursk"
    assert [(e.type, e.offset, e.length) for e in update.message.entities] == [
        ("bot_command", 0, 7)
    ]


async def test_a_second_poller_ends_the_first_with_a_conflict(tg: FakeTelegram, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=2))
    await tg.wait_for(lambda: tg.polling)
    async with Bot(tg.token, base_url=tg.base_url) as second_instance:
        assert await second_instance.get_updates(timeout=0) == ()

    with pytest.raises(Conflict):
        await first
    assert tg.errors[-1].description == (
        "Conflict: terminated by other getUpdates request; "
        "make sure that only one bot instance is running"
    )


async def test_an_empty_poll_is_held_for_its_timeout(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert time.monotonic() - started >= 0.95


async def test_offset_confirms_limit_pages_and_allowed_updates_filter(
    tg: FakeTelegram, bot: Bot
) -> None:
    anna = tg.user(1001, "Anna")
    for text in ("un", "deux", "trois"):
        await anna.send(text)
    tg.add_my_chat_member(anna, by=anna, status="kicked")

    first = await bot.get_updates(limit=2)
    rest = await bot.get_updates(offset=first[-1].update_id + 1, allowed_updates=["message"])

    assert [u.message.text for u in first + rest if u.message] == ["un", "deux", "trois"]
    assert len(rest) == 1, "my_chat_member is not among the allowed updates"
    await bot.get_updates(offset=rest[-1].update_id + 1)
    assert tg.pending_updates == []


async def test_application_answers_a_command(tg: FakeTelegram) -> None:
    anna = tg.user(1001, "Anna", language_code="fr")
    async with polling(tg, CommandHandler("echo", echo)):
        await anna.send("/echo bonjour Koursk")
        reply = await anna.next_message()

    assert reply.text == "bonjour Koursk"
    assert not tg.errors


async def test_pressing_a_button_edits_and_answers(tg: FakeTelegram) -> None:
    anna = tg.user(1001, "Anna")
    pages = InlineKeyboardMarkup([[InlineKeyboardButton("▶", callback_data="page:2")]])

    async def show(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text("page 1", reply_markup=pages)

    async def turn(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and query.data is not None
        await query.answer(f"→ {query.data}")
        await query.edit_message_text(f"page {query.data.split(':')[1]}")

    async with polling(tg, CommandHandler("pages", show), CallbackQueryHandler(turn)):
        await anna.send("/pages")
        reply = await anna.next_message()
        query_id = await anna.press(reply, "▶")
        answer = await tg.wait_callback_answer(query_id)
        edited = await anna.next_edit(reply)

    assert answer.text == "→ page:2"
    assert (edited.text, edited.buttons) == ("page 2", [])
    assert not tg.errors


async def test_a_query_answers_once(tg: FakeTelegram, bot: Bot) -> None:
    anna = tg.user(1001, "Anna")
    sent = await bot.send_message(
        1001,
        "menu",
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="ok")]]),
    )
    query_id = await anna.press(sent.message_id, callback_data="ok")

    assert await bot.answer_callback_query(query_id)
    with pytest.raises(BadRequest):
        await bot.answer_callback_query(query_id)
    assert (
        tg.errors[-1].description
        == "Bad Request: query is too old and response timeout expired or query ID is invalid"
    )


async def test_inline_query_answer_is_recorded(tg: FakeTelegram) -> None:
    anna = tg.user(1001, "Anna")

    async def search(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.inline_query
        assert query is not None
        results = [
            InlineQueryResultArticle(
                str(i),
                f"{query.query} {i}",
                InputTextMessageContent(f"<b>{i}</b>", parse_mode="HTML"),
            )
            for i in range(3)
        ]
        await query.answer(results, next_offset="3")

    async with polling(tg, InlineQueryHandler(search)):
        query_id = await anna.inline_query("koursk")
        answer = await tg.wait_inline_answer(query_id)

    assert [r["title"] for r in answer.results] == ["koursk 0", "koursk 1", "koursk 2"]
    assert answer.next_offset == "3"


async def test_more_than_fifty_inline_results_are_refused(tg: FakeTelegram, bot: Bot) -> None:
    query_id = await tg.user(1001, "Anna").inline_query("tout")
    results = [
        InlineQueryResultArticle(str(i), "t", InputTextMessageContent("x")) for i in range(51)
    ]
    with pytest.raises(BadRequest):
        await bot.answer_inline_query(query_id, results)
    assert tg.errors[-1].description == "Bad Request: RESULTS_TOO_MUCH"


async def test_my_chat_member_reaches_the_bot(tg: FakeTelegram, bot: Bot) -> None:
    admin = tg.user(7, "Admin")
    channel = tg.channel(-100_123, "Front news", bot_status="left")
    tg.add_my_chat_member(channel, by=admin, status="administrator")

    (update,) = await bot.get_updates(allowed_updates=Update.ALL_TYPES)

    member = update.my_chat_member
    assert member is not None and member.chat.id == -100_123 and member.from_user.id == 7
    assert (member.old_chat_member.status, member.new_chat_member.status) == (
        "left",
        "administrator",
    )


async def test_flooding_a_chat_gets_429_and_violations_are_counted() -> None:
    async with FakeTelegram(limits=Limits()) as tg:
        tg.user(1001, "Anna")
        async with Bot(tg.token, base_url=tg.base_url) as bot:
            for i in range(5):
                await bot.send_message(1001, f"burst {i}")
            with pytest.raises(RetryAfter):
                await bot.send_message(1001, "too soon")
            with pytest.raises(RetryAfter):
                await bot.send_message(1001, "ignored retry_after")

    assert [c.parameters for c in tg.throttled] == [{"retry_after": 1}] * 2
    assert [(v.method, v.chat_id, v.retry_after) for v in tg.violations] == [
        ("sendMessage", 1001, 1)
    ]


async def test_a_forced_flood_is_a_429_and_only_later_sends_are_violations(
    tg: FakeTelegram, bot: Bot
) -> None:
    anna = tg.user(1001, "Anna")
    tg.flood(30, chat_id=1001)

    with pytest.raises(RetryAfter):
        await bot.send_message(1001, "first: told to wait")
    assert tg.violations == []
    with pytest.raises(RetryAfter):
        await bot.send_message(1001, "second: did not wait")

    assert [v.chat_id for v in tg.violations] == [1001]
    assert [c.params["text"] for c in anna.errors] == [
        "first: told to wait",
        "second: did not wait",
    ]


async def test_a_callback_query_expires_on_the_fakes_clock() -> None:
    now = [0.0]
    async with FakeTelegram(clock=lambda: now[0]) as tg:
        anna = tg.user(1001, "Anna")
        async with Bot(tg.token, base_url=tg.base_url) as bot:
            markup = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="ok")]])
            sent = await bot.send_message(1001, "menu", reply_markup=markup)
            query_id = await anna.press(sent.message_id, "ok")
            now[0] += 16.0
            with pytest.raises(BadRequest, match="Query is too old"):
                await bot.answer_callback_query(query_id)


async def test_a_delayed_answer_times_the_client_out(tg: FakeTelegram, bot: Bot) -> None:
    tg.delay_next("getMe", 5.0)
    with pytest.raises(TimedOut):
        await bot.get_me(read_timeout=0.2)
    assert (await bot.get_me()).is_bot


async def test_watch_streams_calls_and_wait_confirmed_sees_the_bot_catch_up(
    tg: FakeTelegram, bot: Bot
) -> None:
    anna = tg.user(1001, "Anna")
    stream = tg.watch()
    await anna.send("salut")
    await bot.send_message(1001, "bonjour")
    (update,) = await bot.get_updates()
    confirming = asyncio.create_task(bot.get_updates(offset=update.update_id + 1))

    await tg.wait_confirmed()
    assert [(await anext(stream)).method for _ in range(2)] == ["sendMessage", "getUpdates"]
    assert anna.last_message is not None and anna.last_message.text == "bonjour"
    assert await confirming == ()
