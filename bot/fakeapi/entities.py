"""MessageEntity conventions: UTF-16 offsets, Telegram's ordering, and its link rules."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .models import JSON

# TDLib orders entities by offset, then longer first, then by this priority.
_PRIORITY = {
    "blockquote": 0,
    "expandable_blockquote": 0,
    "pre": 11,
    "code": 20,
    "text_link": 49,
    "text_mention": 49,
    "bot_command": 50,
    "bold": 90,
    "italic": 91,
    "underline": 92,
    "strikethrough": 93,
    "spoiler": 94,
    "custom_emoji": 99,
}
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_HOST = re.compile(r"[\w-]+(\.[\w-]+)*\.?")
_LINK_SCHEMES = frozenset({"http", "https", "tg", "ton", "tonsite", "ftp"})


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit of Telegram's entity offsets."""
    return len(text) + len(_ASTRAL.findall(text))


def entity_order(entity: JSON) -> tuple[int, int, int]:
    """Sort key giving the order in which Telegram lists entities."""
    return entity["offset"], -entity["length"], _PRIORITY.get(entity["type"], 50)


def link_entity(url: str) -> dict[str, Any] | None:
    """The entity fields for ``<a href=url>``: text_mention, text_link, or None (dropped)."""
    if url.startswith("tg://user?id="):
        user_id = url.removeprefix("tg://user?id=")
        if user_id.isdigit():
            user = {"id": int(user_id), "is_bot": False, "first_name": ""}
            return {"type": "text_mention", "user": user}
    normalized = normalize_url(url)
    return None if normalized is None else {"type": "text_link", "url": normalized}


def normalize_url(url: str) -> str | None:
    """Telegram's normalisation of a link (``telegram.org`` -> ``http://telegram.org/``).

    Returns ``None`` for what Telegram does not accept as a link; it then drops the entity.
    """
    if not url or any(char.isspace() for char in url):
        return None
    if "://" not in url:
        url = "http://" + url
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return None
    host = parts.hostname or ""
    if parts.scheme.lower() not in _LINK_SCHEMES or not _HOST.fullmatch(host):
        return None
    path = parts.path or "/"
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), path, parts.query, parts.fragment)
    )
