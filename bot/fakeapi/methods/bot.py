"""The bot's own identity and its command menus."""

from __future__ import annotations

import json
import re
from typing import Any

from .. import errors
from ..errors import bad_request
from ..models import Command
from ..params import Params
from ..world import World
from .registry import method

_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
DEFAULT_SCOPE = {"type": "default"}


def scope_key(scope: Any) -> str:
    """A stable key for a BotCommandScope (ids normalised to int)."""
    if not scope:
        scope = DEFAULT_SCOPE
    if not isinstance(scope, dict) or "type" not in scope:
        raise bad_request("Bad Request: can't parse BotCommandScope JSON object")
    normalised = {
        key: int(value)
        if key in ("chat_id", "user_id") and str(value).lstrip("-").isdigit()
        else value
        for key, value in scope.items()
    }
    return json.dumps(normalised, sort_keys=True)


@method("getMe")
async def get_me(world: World, params: Params) -> Any:
    return {
        **world.bot_user(),
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": True,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


@method("logOut", "close")
async def log_out(world: World, params: Params) -> Any:
    return True


@method("setMyCommands")
async def set_my_commands(world: World, params: Params) -> Any:
    raw = params.get_json("commands")
    if not isinstance(raw, list) or not all(isinstance(c, dict) for c in raw):
        raise bad_request("Bad Request: can't parse commands JSON object")
    if len(raw) > 100:
        raise bad_request("Bad Request: too many commands")
    commands = []
    for entry in raw:
        command, description = entry.get("command"), entry.get("description")
        if not isinstance(command, str) or not _COMMAND.fullmatch(command):
            raise bad_request(errors.BOT_COMMAND_INVALID)
        if not isinstance(description, str) or not description.strip():
            raise bad_request(errors.COMMAND_DESCRIPTION_EMPTY)
        if len(description) > 256:
            raise bad_request("Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        commands.append(Command(command, description))
    key = (scope_key(params.get_json("scope")), params.get_str("language_code") or "")
    world.commands[key] = commands
    world.notify()
    return True


@method("getMyCommands")
async def get_my_commands(world: World, params: Params) -> Any:
    key = (scope_key(params.get_json("scope")), params.get_str("language_code") or "")
    return [command._asdict() for command in world.commands.get(key, [])]


@method("deleteMyCommands")
async def delete_my_commands(world: World, params: Params) -> Any:
    key = (scope_key(params.get_json("scope")), params.get_str("language_code") or "")
    world.commands.pop(key, None)
    world.notify()
    return True
