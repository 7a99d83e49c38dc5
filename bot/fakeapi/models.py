"""What the fake records: the bot's messages with their edits, API calls, answers, files."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any, NamedTuple

JSON = dict[str, Any]


@dataclass(frozen=True)
class Button:
    """One inline keyboard button; ``extra`` holds any other field (switch_inline_query...)."""

    text: str
    callback_data: str | None = None
    url: str | None = None
    extra: JSON = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: JSON) -> Button:
        rest = {k: v for k, v in data.items() if k not in ("text", "callback_data", "url")}
        return cls(data["text"], data.get("callback_data"), data.get("url"), rest)


@dataclass(frozen=True)
class MessageVersion:
    """A message's content at one moment: as sent, or after an edit."""

    text: str
    entities: tuple[JSON, ...] = ()
    reply_markup: JSON | None = None
    source: str = ""
    parse_mode: str | None = None
    at: float = 0.0

    @property
    def html(self) -> str:
        """The markup the bot sent with parse_mode HTML, else the text HTML-escaped."""
        if self.parse_mode and self.parse_mode.upper() == "HTML":
            return self.source
        return html.escape(self.text, quote=False)

    @property
    def buttons(self) -> list[list[Button]]:
        """The inline keyboard, as rows of buttons (empty without one)."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [[Button.from_dict(button) for button in row] for row in rows]

    def flat_buttons(self) -> list[Button]:
        return [button for row in self.buttons for button in row]

    def button(self, text: str | None = None, *, callback_data: str | None = None) -> Button:
        """The button with this exact text (or callback_data); LookupError lists the others."""
        for button in self.flat_buttons():
            if (text is None or button.text == text) and (
                callback_data is None or button.callback_data == callback_data
            ):
                return button
        shown = [(b.text, b.callback_data or b.url) for b in self.flat_buttons()]
        raise LookupError(f"no button {text or callback_data!r} in {shown}")

    def entity_texts(self, entity_type: str) -> list[str]:
        """The text under each entity of ``entity_type``, in order."""
        units = self.text.encode("utf-16-le")
        return [
            units[2 * e["offset"] : 2 * (e["offset"] + e["length"])].decode("utf-16-le")
            for e in self.entities
            if e["type"] == entity_type
        ]

    def bold_texts(self) -> list[str]:
        """The text of every bold entity: what the user sees in bold."""
        return self.entity_texts("bold")


@dataclass
class Message:
    """A message the bot sent, kept up to date: edits append versions, delete marks it."""

    message_id: int
    chat: JSON
    date: int
    versions: list[MessageVersion]
    sender: JSON | None = None
    document: JSON | None = None
    reply_to_message_id: int | None = None
    deleted: bool = False
    edit_date: int | None = None

    @property
    def chat_id(self) -> int:
        return int(self.chat["id"])

    @property
    def current(self) -> MessageVersion:
        return self.versions[-1]

    @property
    def edits(self) -> list[MessageVersion]:
        """Every edit, oldest first (the original is ``versions[0]``)."""
        return self.versions[1:]

    @property
    def text(self) -> str:
        return self.current.text

    @property
    def html(self) -> str:
        return self.current.html

    @property
    def entities(self) -> tuple[JSON, ...]:
        return self.current.entities

    @property
    def reply_markup(self) -> JSON | None:
        return self.current.reply_markup

    @property
    def buttons(self) -> list[list[Button]]:
        return self.current.buttons

    def button(self, text: str | None = None, *, callback_data: str | None = None) -> Button:
        return self.current.button(text, callback_data=callback_data)

    def entity_texts(self, entity_type: str) -> list[str]:
        return self.current.entity_texts(entity_type)

    def bold_texts(self) -> list[str]:
        return self.current.bold_texts()

    def to_dict(self) -> JSON:
        """The Message object as the Bot API returns it."""
        data: JSON = {"message_id": self.message_id, "date": self.date, "chat": self.chat}
        if self.chat["type"] == "channel":
            data["sender_chat"] = self.chat
        elif self.sender is not None:
            data["from"] = self.sender
        if self.edit_date is not None:
            data["edit_date"] = self.edit_date
        key = "caption" if self.document is not None else "text"
        if self.document is not None:
            data["document"] = self.document
        if self.text:
            data[key] = self.text
        if self.entities:
            data["caption_entities" if key == "caption" else "entities"] = list(self.entities)
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            data["reply_markup"] = self.reply_markup
        return data


@dataclass(frozen=True, repr=False)
class Call:
    """One request to the fake and its answer (its repr is one readable line)."""

    method: str
    params: JSON
    ok: bool
    result: Any = None
    error_code: int | None = None
    description: str | None = None
    parameters: JSON | None = None
    at: float = 0.0
    injected: bool = False

    def __repr__(self) -> str:
        outcome = "ok" if self.ok else f"{self.error_code} {self.description}"
        return f"<{self.method}({_short(self.params)}) -> {outcome}>"


def _short(params: JSON) -> str:
    parts = [f"{key}={value!r}"[:60] for key, value in params.items()]
    return ", ".join(parts)


@dataclass(frozen=True)
class CallbackAnswer:
    """What the bot said with answerCallbackQuery."""

    query_id: str
    text: str | None = None
    show_alert: bool = False
    url: str | None = None
    cache_time: int = 0


@dataclass(frozen=True)
class InlineAnswer:
    """What the bot said with answerInlineQuery."""

    query_id: str
    results: list[JSON]
    next_offset: str = ""
    cache_time: int = 300
    is_personal: bool = False
    button: JSON | None = None


class Command(NamedTuple):
    """One entry of the bot's command menu."""

    command: str
    description: str


@dataclass(frozen=True)
class StoredFile:
    """A file known to the fake: uploaded by a user or sent by the bot."""

    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes
    file_name: str | None = None
    mime_type: str | None = None

    def document(self) -> JSON:
        doc: JSON = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
        }
        if self.file_name:
            doc["file_name"] = self.file_name
        if self.mime_type:
            doc["mime_type"] = self.mime_type
        return doc
