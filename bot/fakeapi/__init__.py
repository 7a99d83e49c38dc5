"""A fake Telegram Bot API server that enforces Telegram's rules, for tests, demo and chat.

async with FakeTelegram(limits=Limits.unlimited()) as tg:
    app = ApplicationBuilder().token(tg.token).base_url(tg.base_url)...
    user = tg.user(1001, first_name="Anna", language_code="fr")
    await user.send("/search koursk")
    reply = await user.next_message()
"""

from .driver import FakeTelegram
from .entities import utf16_len
from .errors import ApiError
from .handles import ChatHandle, command_entities
from .html import EntityParseError, parse_html
from .limits import Limits, Rate, Violation
from .models import (
    Button,
    Call,
    CallbackAnswer,
    Command,
    InlineAnswer,
    Message,
    MessageVersion,
    StoredFile,
)

__all__ = [
    "ApiError",
    "Button",
    "Call",
    "CallbackAnswer",
    "ChatHandle",
    "Command",
    "EntityParseError",
    "FakeTelegram",
    "InlineAnswer",
    "Limits",
    "Message",
    "MessageVersion",
    "Rate",
    "StoredFile",
    "Violation",
    "command_entities",
    "parse_html",
    "utf16_len",
]
