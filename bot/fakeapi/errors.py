"""Telegram's error answers, with the exact descriptions the Bot API sends.

Texts come from Telegram's own answers as reported in public bug trackers and from TDLib.
The few marked ``fake`` have no Telegram counterpart: they name a limit of this fake.
"""

from __future__ import annotations

from typing import Any

CHAT_NOT_FOUND = "Bad Request: chat not found"
CHAT_ID_EMPTY = "Bad Request: chat_id is empty"
TEXT_EMPTY = "Bad Request: message text is empty"
TEXT_TOO_LONG = "Bad Request: message is too long"
EDIT_TEXT_TOO_LONG = "Bad Request: MESSAGE_TOO_LONG"
CAPTION_TOO_LONG = "Bad Request: message caption is too long"
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
EDIT_NOT_FOUND = "Bad Request: message to edit not found"
CANT_EDIT = "Bad Request: message can't be edited"
DELETE_NOT_FOUND = "Bad Request: message to delete not found"
REPLY_NOT_FOUND = "Bad Request: message to be replied not found"
BUTTON_DATA_INVALID = "Bad Request: BUTTON_DATA_INVALID"
BUTTON_TEXT_INVALID = "Bad Request: BUTTON_TEXT_INVALID"
BUTTON_URL_INVALID = "Bad Request: BUTTON_URL_INVALID"
TEXT_BUTTON_IN_INLINE = (
    "Bad Request: can't parse inline keyboard button: "
    "Text buttons are unallowed in the inline keyboard"
)
BUTTON_WITHOUT_TEXT = "Bad Request: can't parse inline keyboard button: Can't find field \"text\""
INLINE_KEYBOARD_SHAPE = (
    'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays'
)
MARKUP_JSON = "Bad Request: can't parse reply keyboard markup JSON object"
QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
CALLBACK_TEXT_TOO_LONG = "Bad Request: MESSAGE_TOO_LONG"
RESULTS_TOO_MUCH = "Bad Request: RESULTS_TOO_MUCH"
RESULT_ID_DUPLICATE = "Bad Request: RESULT_ID_DUPLICATE"
INVALID_FILE_ID = "Bad Request: invalid file_id"
WRONG_FILE = "Bad Request: wrong file identifier/HTTP URL specified"
FILE_TOO_BIG = "Bad Request: file is too big"
BOT_COMMAND_INVALID = "Bad Request: BOT_COMMAND_INVALID"
COMMAND_DESCRIPTION_EMPTY = "Bad Request: command description must be non-empty"
USER_NOT_FOUND = "Bad Request: user not found"
UNSUPPORTED_PARSE_MODE = "Bad Request: unsupported parse_mode"
FAKE_ONLY_HTML = "Bad Request: unsupported parse_mode (fake: only HTML is implemented)"
MIGRATED = "Bad Request: group chat was upgraded to a supergroup chat"
BLOCKED = "Forbidden: bot was blocked by the user"
DEACTIVATED = "Forbidden: user is deactivated"
NOT_STARTED = "Forbidden: bot can't initiate conversation with a user"
CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


class ApiError(Exception):
    """A Bot API error answer: ``{"ok": false, "error_code", "description", "parameters"}``."""

    def __init__(
        self, error_code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict[str, Any]:
        """The JSON body Telegram answers with."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(description: str) -> ApiError:
    """A 400 answer; ``description`` already starts with ``Bad Request:``."""
    return ApiError(400, description)


def forbidden(description: str) -> ApiError:
    """A 403 answer; ``description`` already starts with ``Forbidden:``."""
    return ApiError(403, description)


def cant_parse_entities(description: str) -> ApiError:
    """The 400 Telegram answers for text its parse mode rejects."""
    return ApiError(400, f"Bad Request: can't parse entities: {description}")


def too_many_requests(retry_after: int) -> ApiError:
    """A 429 with ``parameters.retry_after`` (whole seconds, at least 1)."""
    return ApiError(
        429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
    )


def migrated(new_chat_id: int) -> ApiError:
    """The 400 for a group that became a supergroup, with the new id."""
    return ApiError(400, MIGRATED, {"migrate_to_chat_id": new_chat_id})


def not_a_member(chat_type: str, kicked: bool) -> ApiError:
    """The 403 for a group, supergroup or channel the bot is not in."""
    verb = "was kicked from" if kicked else "is not a member of"
    return ApiError(403, f"Forbidden: bot {verb} the {chat_type} chat")
