"""Reading chats, their members, and files."""

from __future__ import annotations

from typing import Any

from .. import errors
from ..errors import bad_request
from ..models import JSON
from ..params import Params
from ..state import ChatState, chat_member
from ..world import World
from .registry import method

DOWNLOAD_LIMIT = 20 * 1024 * 1024


@method("getChat")
async def get_chat(world: World, params: Params) -> Any:
    return world.known_chat(params).full_info()


@method("getChatMember")
async def get_chat_member(world: World, params: Params) -> Any:
    chat = world.known_chat(params)
    user_id = params.get_int("user_id")
    if user_id is None:
        raise bad_request("Bad Request: user_id is empty")
    return chat_member(_user(world, user_id), _status(world, chat, user_id))


@method("getChatAdministrators")
async def get_chat_administrators(world: World, params: Params) -> Any:
    chat = world.known_chat(params)
    if chat.type == "private":
        raise bad_request("Bad Request: there are no administrators in the private chat")
    members = [(user_id, status) for user_id, status in chat.members.items()]
    members.append((world.bot_id, chat.bot_status))
    return [
        chat_member(_user(world, user_id), status)
        for user_id, status in members
        if status in ("creator", "administrator")
    ]


@method("getChatMemberCount")
async def get_chat_member_count(world: World, params: Params) -> Any:
    chat = world.known_chat(params)
    if chat.type == "private":
        return 2
    present = [s for s in chat.members.values() if s not in ("left", "kicked")]
    return len(present) + (chat.bot_status not in ("left", "kicked"))


def _status(world: World, chat: ChatState, user_id: int) -> str:
    if user_id == world.bot_id:
        return "member" if chat.type == "private" else chat.bot_status
    if chat.type == "private":
        return "member" if user_id == chat.id else "left"
    return chat.members.get(user_id, "left")


def _user(world: World, user_id: int) -> JSON:
    if user_id == world.bot_id:
        return world.bot_user()
    chat = world.chats.get(user_id)
    if chat is None or chat.type != "private":
        raise bad_request(errors.USER_NOT_FOUND)
    return chat.user_dict()


@method("getFile")
async def get_file(world: World, params: Params) -> Any:
    stored = world.files.get(params.get_str("file_id") or "")
    if stored is None:
        raise bad_request(errors.INVALID_FILE_ID)
    if len(stored.data) > DOWNLOAD_LIMIT:
        raise bad_request(errors.FILE_TOO_BIG)
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.data),
        "file_path": stored.file_path,
    }
