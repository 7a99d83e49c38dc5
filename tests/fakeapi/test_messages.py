"""A real PTB Bot over HTTP: what Telegram accepts, what it rejects, and with which words."""

from __future__ import annotations

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError

from bot.fakeapi import FakeTelegram

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


def keyboard(*buttons: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d) for t, d in buttons]])


async def test_html_message_with_keyboard_reaches_the_user(tg: FakeTelegram, bot: Bot) -> None:
    anna = tg.user(1001, "Anna", language_code="fr")
    html = "😀 <b>Koursk</b> : l&#x27;armée &amp; les <i>Nord-Coréens</i>"

    sent = await bot.send_message(
        1001, html, parse_mode=ParseMode.HTML, reply_markup=keyboard(("▶", "next:2"))
    )

    reply = await anna.next_message()
    assert reply.message_id == sent.message_id
    assert reply.text == sent.text == "😀 Koursk : l'armée & les Nord-Coréens"
    assert reply.html == html
    assert reply.bold_texts() == ["Koursk"]
    assert reply.entity_texts("italic") == ["Nord-Coréens"]
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [
        ("bold", 3, 6),
        ("italic", 26, 12),
    ]
    assert [[(b.text, b.callback_data) for b in row] for row in reply.buttons] == [
        [("▶", "next:2")]
    ]
    assert not tg.errors


async def test_edits_are_recorded_and_an_identical_edit_is_refused(
    tg: FakeTelegram, bot: Bot
) -> None:
    anna = tg.user(1001, "Anna")
    sent = await bot.send_message(1001, "page 1", reply_markup=keyboard(("▶", "p2")))
    reply = await anna.next_message()

    await bot.edit_message_text(
        "page <b>2</b>",
        1001,
        sent.message_id,
        parse_mode="HTML",
        reply_markup=keyboard(("◀", "p1")),
    )
    edited = await anna.next_edit(reply)

    assert (edited.text, edited.bold_texts(), edited.buttons[0][0].text) == ("page 2", ["2"], "◀")
    assert reply.text == "page 2" and [v.text for v in reply.versions] == ["page 1", "page 2"]
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text(
            "page <b>2</b>",
            1001,
            sent.message_id,
            parse_mode="HTML",
            reply_markup=keyboard(("◀", "p1")),
        )
    assert tg.errors[-1].description == NOT_MODIFIED

    await bot.edit_message_text("page 2", 1001, sent.message_id)
    assert (await anna.next_edit(reply)).buttons == [], (
        "an edit without reply_markup drops the keyboard"
    )


@pytest.mark.parametrize(
    ("text", "description"),
    [
        (
            "<script>alert(1)</script>",
            'Bad Request: can\'t parse entities: Unsupported start tag "script" at byte offset 0',
        ),
        (
            "<b>Koursk",
            "Bad Request: can't parse entities: "
            'Can\'t find end tag corresponding to start tag "b"',
        ),
        ("a" * 4097, "Bad Request: message is too long"),
        ("😀" * 2049, "Bad Request: message is too long"),
        ("  \n ", "Bad Request: message text is empty"),
        ("<b></b>", "Bad Request: message text is empty"),
    ],
)
async def test_text_telegram_refuses(
    tg: FakeTelegram, bot: Bot, text: str, description: str
) -> None:
    tg.user(1001, "Anna")

    with pytest.raises(BadRequest):
        await bot.send_message(1001, text, parse_mode="HTML")

    assert [call.description for call in tg.bad_requests] == [description]
    assert tg.chat(1001).messages == []


async def test_length_is_counted_after_parsing_in_utf16_units(tg: FakeTelegram, bot: Bot) -> None:
    anna = tg.user(1001, "Anna")
    await bot.send_message(1001, "<b>" + "é" * 4096 + "</b>", parse_mode="HTML")
    await bot.send_message(1001, "😀" * 2048)
    assert [len(m.text) for m in anna.messages] == [4096, 2048]


@pytest.mark.parametrize(
    ("button", "description"),
    [
        (InlineKeyboardButton("x", callback_data="x" * 65), "Bad Request: BUTTON_DATA_INVALID"),
        (InlineKeyboardButton("x", callback_data="é" * 33), "Bad Request: BUTTON_DATA_INVALID"),
        (InlineKeyboardButton("", callback_data="x"), "Bad Request: BUTTON_TEXT_INVALID"),
        (
            InlineKeyboardButton("x"),
            "Bad Request: can't parse inline keyboard button: "
            "Text buttons are unallowed in the inline keyboard",
        ),
    ],
)
async def test_bad_buttons_are_refused(
    tg: FakeTelegram, bot: Bot, button: InlineKeyboardButton, description: str
) -> None:
    tg.user(1001, "Anna")
    with pytest.raises(BadRequest):
        await bot.send_message(1001, "menu", reply_markup=InlineKeyboardMarkup([[button]]))
    assert tg.errors[-1].description == description


async def test_callback_data_of_64_bytes_is_fine(tg: FakeTelegram, bot: Bot) -> None:
    tg.user(1001, "Anna")
    await bot.send_message(1001, "menu", reply_markup=keyboard(("ok", "é" * 32)))


async def test_edit_and_delete_of_unknown_messages(tg: FakeTelegram, bot: Bot) -> None:
    anna = tg.user(1001, "Anna")
    sent = await bot.send_message(1001, "x")
    assert await bot.delete_message(1001, sent.message_id)
    assert anna.messages[0].deleted

    with pytest.raises(BadRequest):
        await bot.edit_message_text("y", 1001, sent.message_id)
    with pytest.raises(BadRequest):
        await bot.delete_message(1001, sent.message_id)
    assert [c.description for c in tg.errors] == [
        "Bad Request: message to edit not found",
        "Bad Request: message to delete not found",
    ]


async def test_raw_http_follows_the_bot_api_conventions(tg: FakeTelegram) -> None:
    tg.user(1001, "Anna")
    url = f"{tg.base_url}{tg.token}"
    async with httpx.AsyncClient() as http:
        by_json = await http.post(f"{url}/SENDMESSAGE", json={"chat_id": 1001, "text": "json"})
        by_form = await http.post(f"{url}/sendmessage", data={"chat_id": "1001", "text": "123"})
        by_query = await http.get(f"{url}/getMe")
        unauthorized = await http.post(f"{tg.base_url}123456:wrong/getMe")
        unknown = await http.post(f"{url}/sendTelepathy")

    assert by_json.json()["result"]["text"] == "json"
    assert by_form.json()["result"]["text"] == "123"
    assert by_query.json()["result"]["is_bot"] is True
    assert (unauthorized.status_code, unauthorized.json()) == (
        401,
        {"ok": False, "error_code": 401, "description": "Unauthorized"},
    )
    assert (unknown.status_code, unknown.json()) == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found"},
    )
    assert [c.method for c in tg.calls[:3]] == ["sendMessage", "sendMessage", "getMe"]


async def test_injected_faults_answer_instead_of_telegram(tg: FakeTelegram, bot: Bot) -> None:
    anna = tg.user(1001, "Anna")
    tg.fail_next("sendMessage", 502, "Bad Gateway")

    with pytest.raises(NetworkError):
        await bot.send_message(1001, "lost")
    await bot.send_message(1001, "delivered")

    assert [m.text for m in anna.messages] == ["delivered"]
    assert tg.calls_to("sendMessage")[0].injected and not tg.errors


async def test_reply_markup_edits(tg: FakeTelegram, bot: Bot) -> None:
    anna = tg.user(1001, "Anna")
    sent = await bot.send_message(1001, "menu", reply_markup=keyboard(("a", "1")))
    reply = await anna.next_message()

    await bot.edit_message_reply_markup(1001, sent.message_id, reply_markup=keyboard(("b", "2")))
    edited = await anna.next_edit(reply)
    with pytest.raises(BadRequest):
        await bot.edit_message_reply_markup(
            1001, sent.message_id, reply_markup=keyboard(("b", "2"))
        )

    assert (edited.text, edited.button(callback_data="2").text) == ("menu", "b")
    assert tg.errors[-1].description == NOT_MODIFIED


async def test_a_broken_json_body_is_a_bad_request(tg: FakeTelegram) -> None:
    async with httpx.AsyncClient() as http:
        answer = await http.post(
            f"{tg.base_url}{tg.token}/sendMessage",
            content=b"{not json",
            headers={"Content-Type": "application/json"},
        )
    assert (answer.status_code, answer.json()["description"]) == (
        400,
        "Bad Request: can't parse JSON object",
    )
