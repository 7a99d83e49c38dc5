"""Sending, editing and deleting messages: the methods that count against flood limits."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from .. import errors
from ..content import CAPTION_LIMIT, check_reply_markup, version_from
from ..errors import bad_request
from ..models import Message, MessageVersion
from ..params import Params
from ..state import ChatState
from ..world import World
from .registry import method

CHAT_ACTIONS = frozenset(
    [
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    ]
)


@method("sendMessage")
async def send_message(world: World, params: Params) -> Any:
    chat = world.writable_chat(params)
    world.check_flood("sendMessage", chat)
    version = version_from(
        params.get_str("text"),
        params.get_str("parse_mode"),
        params.get_json("entities"),
        check_reply_markup(params.get_json("reply_markup")),
        strict_html=world.strict_html,
        at=world.clock(),
    )
    return _send(world, chat, params, version, document=None)


@method("sendDocument")
async def send_document(world: World, params: Params) -> Any:
    chat = world.writable_chat(params)
    world.check_flood("sendDocument", chat)
    upload = params.get_file("document")
    if upload is not None:
        stored = world.store_file(upload.data, upload.filename, upload.content_type)
    else:
        stored_or_none = world.files.get(params.get_str("document") or "")
        if stored_or_none is None:
            raise bad_request(errors.WRONG_FILE)
        stored = stored_or_none
    version = version_from(
        params.get_str("caption"),
        params.get_str("parse_mode"),
        params.get_json("caption_entities"),
        check_reply_markup(params.get_json("reply_markup")),
        strict_html=world.strict_html,
        at=world.clock(),
        limit=CAPTION_LIMIT,
        too_long=errors.CAPTION_TOO_LONG,
        empty=None,
    )
    return _send(world, chat, params, version, document=stored.document())


def _send(
    world: World,
    chat: ChatState,
    params: Params,
    version: MessageVersion,
    document: dict[str, Any] | None,
) -> Any:
    reply_to = _reply_to(chat, params)
    world.take_send_token(chat, paid=params.get_bool("allow_paid_broadcast"))
    message = Message(
        message_id=chat.new_message_id(),
        chat=chat.to_dict(),
        date=world.now(),
        versions=[version],
        sender=world.bot_user(),
        document=document,
        reply_to_message_id=reply_to,
    )
    return world.add_bot_message(chat, message).to_dict()


def _reply_to(chat: ChatState, params: Params) -> int | None:
    reply = params.get_json("reply_parameters")
    if isinstance(reply, dict):
        message_id, lenient = (
            reply.get("message_id"),
            bool(reply.get("allow_sending_without_reply")),
        )
    else:
        message_id = params.get_int("reply_to_message_id")
        lenient = params.get_bool("allow_sending_without_reply")
    if message_id is None or int(message_id) in chat.message_ids:
        return None if message_id is None else int(message_id)
    if lenient:
        return None
    raise bad_request(errors.REPLY_NOT_FOUND)


@method("editMessageText")
async def edit_message_text(world: World, params: Params) -> Any:
    markup = check_reply_markup(params.get_json("reply_markup"), inline_only=True)
    version = version_from(
        params.get_str("text"),
        params.get_str("parse_mode"),
        params.get_json("entities"),
        markup,
        strict_html=world.strict_html,
        at=world.clock(),
        too_long=errors.EDIT_TEXT_TOO_LONG,
    )
    return _edit(world, params, "editMessageText", lambda _: version)


@method("editMessageReplyMarkup")
async def edit_message_reply_markup(world: World, params: Params) -> Any:
    markup = check_reply_markup(params.get_json("reply_markup"), inline_only=True)
    at = world.clock()
    return _edit(
        world,
        params,
        "editMessageReplyMarkup",
        lambda current: dataclasses.replace(current, reply_markup=markup, at=at),
    )


def _edit(
    world: World,
    params: Params,
    name: str,
    new_version: Callable[[MessageVersion], MessageVersion],
) -> Any:
    if params.has("inline_message_id"):
        world.check_flood(name, None)
        world.take_send_token(None)
        return True
    chat = world.writable_chat(params)
    world.check_flood(name, chat)
    message_id = params.get_int("message_id")
    if message_id is None:
        raise bad_request("Bad Request: message identifier is not specified")
    message = world.bot_message(chat, message_id, errors.EDIT_NOT_FOUND)
    if name == "editMessageText" and message.document is not None:
        raise bad_request("Bad Request: there is no text in the message to edit")
    version = new_version(message.current)
    current = message.current
    if (version.text, version.entities, version.reply_markup) == (
        current.text,
        current.entities,
        current.reply_markup,
    ):
        raise bad_request(errors.NOT_MODIFIED)
    world.take_send_token(chat)
    message.versions.append(version)
    message.edit_date = world.now()
    world.notify()
    return message.to_dict()


@method("deleteMessage")
async def delete_message(world: World, params: Params) -> Any:
    chat = world.known_chat(params)
    message_id = params.get_int("message_id")
    if message_id is None:
        raise bad_request("Bad Request: message identifier is not specified")
    if message_id not in chat.message_ids:
        raise bad_request(errors.DELETE_NOT_FOUND)
    chat.message_ids.discard(message_id)
    if message_id in chat.bot_messages:
        chat.bot_messages[message_id].deleted = True
    world.notify()
    return True


@method("sendChatAction")
async def send_chat_action(world: World, params: Params) -> Any:
    world.writable_chat(params)
    if params.get_str("action") not in CHAT_ACTIONS:
        raise bad_request("Bad Request: wrong parameter action in request")
    return True
