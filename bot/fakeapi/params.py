"""Request parameters as the Bot API reads them, from any of its four encodings.

Telegram takes parameters from the query string, ``application/x-www-form-urlencoded``,
``application/json`` or ``multipart/form-data``. In the form encodings every value is a
string and structured fields are JSON text: PTB 22 (``RequestData.json_parameters``) sends
strings as they are and ``json.dumps`` everything else, so ``chat_id`` arrives as ``"42"``
and ``reply_markup`` as ``'{"inline_keyboard": ...}'``. The values are normalised on
reading, so recorded calls show ``chat_id=42`` and ``reply_markup`` as a dict whatever the
encoding; fields that are always text (``text``, ``caption``, ``callback_data``...) are never
touched, so a message ``"123"`` stays a string.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, web

from .errors import CHAT_ID_EMPTY, ApiError, bad_request
from .models import JSON

JSON_FIELDS = frozenset(
    [
        "reply_markup",
        "entities",
        "caption_entities",
        "results",
        "commands",
        "scope",
        "allowed_updates",
        "link_preview_options",
        "reply_parameters",
        "button",
        "media",
        "permissions",
    ]
)
INT_FIELDS = frozenset(
    [
        "message_id",
        "offset",
        "limit",
        "timeout",
        "cache_time",
        "user_id",
        "from_chat_id",
        "reply_to_message_id",
        "message_thread_id",
    ]
)
BOOL_FIELDS = frozenset(
    [
        "show_alert",
        "is_personal",
        "disable_notification",
        "protect_content",
        "drop_pending_updates",
        "disable_web_page_preview",
        "allow_sending_without_reply",
        "disable_content_type_detection",
        "allow_paid_broadcast",
    ]
)


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request."""

    filename: str
    content_type: str | None
    data: bytes

    def __repr__(self) -> str:
        return f"<file {self.filename} {len(self.data)} bytes>"


@dataclass
class Params:
    """One request's parameters, with typed reads that fail the way Telegram does."""

    values: JSON = field(default_factory=dict)

    def has(self, name: str) -> bool:
        return self.values.get(name) not in (None, "")

    def get_str(self, name: str, default: str | None = None) -> str | None:
        value = self.values.get(name)
        if value is None:
            return default
        return value if isinstance(value, str) else json.dumps(value)

    def get_int(self, name: str, default: int | None = None) -> int | None:
        value = self.values.get(name)
        if value is None or value == "":
            return default
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f'Bad Request: field "{name}" must be of type Integer') from None

    def get_bool(self, name: str) -> bool:
        value = self.values.get(name)
        return value is True or value in ("true", "True", "1", 1)

    def get_json(self, name: str) -> Any:
        value = self.values.get(name)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(f"Bad Request: can't parse {name} JSON object") from None
        return value

    def get_file(self, name: str) -> UploadedFile | None:
        value = self.values.get(name)
        return value if isinstance(value, UploadedFile) else None

    def chat_id(self) -> int | str:
        """The ``chat_id``: an integer, or an ``@username`` string."""
        value = self.values.get("chat_id")
        if value is None or value == "":
            raise ApiError(400, CHAT_ID_EMPTY)
        if isinstance(value, int):
            return value
        return int(value) if _is_int(str(value)) else str(value)


async def read_params(request: web.Request) -> Params:
    """Collect and normalise the parameters of a Bot API request, whatever its encoding."""
    values: JSON = dict(request.query)
    if request.can_read_body:
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise bad_request("Bad Request: can't parse JSON object") from None
            if isinstance(body, dict):
                values.update(body)
        elif request.content_type == "multipart/form-data":
            values.update(await _read_multipart(request))
        else:
            values.update((await request.post()).items())
    return Params({key: _normalise(key, value) for key, value in values.items()})


async def _read_multipart(request: web.Request) -> JSON:
    values: JSON = {}
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader) or part.name is None:
            continue
        if part.filename:
            content_type = part.headers.get("Content-Type")
            data = bytes(await part.read())
            values[part.name] = UploadedFile(part.filename, content_type, data)
        else:
            values[part.name] = await part.text()
    return values


def _normalise(key: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if key in JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError:
            return value
    if (key in INT_FIELDS or key == "chat_id") and _is_int(value):
        return int(value)
    if key in BOOL_FIELDS and value in ("true", "false"):
        return value == "true"
    return value


def _is_int(value: str) -> bool:
    return value.lstrip("-").isdigit()
