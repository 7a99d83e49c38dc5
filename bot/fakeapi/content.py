"""Checks on what a bot sends: formatted text, its length, and inline keyboards."""

from __future__ import annotations

import functools
from typing import Any

from . import errors
from .entities import normalize_url, utf16_len
from .errors import bad_request, cant_parse_entities
from .html import EntityParseError, parse_html
from .models import JSON, MessageVersion

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64
_TRIMMED = " \t\n\r\f\v"
_BUTTON_ACTIONS = frozenset(
    [
        "callback_data",
        "url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "callback_game",
        "pay",
        "login_url",
        "web_app",
        "copy_text",
    ]
)


def parse_text(
    text: str | None,
    parse_mode: str | None,
    entities: Any,
    *,
    strict_html: bool,
    limit: int = TEXT_LIMIT,
    too_long: str = errors.TEXT_TOO_LONG,
    empty: str | None = errors.TEXT_EMPTY,
) -> tuple[str, tuple[JSON, ...]]:
    """The text and entities Telegram would store, or the 400 it would answer.

    Like Telegram: entities are parsed first, leading and trailing whitespace is trimmed,
    then the length is counted in UTF-16 code units. ``empty=None`` allows empty text
    (captions).
    """
    if entities is None:
        # A push sends one text to thousands of chats: parse it once (copies of the entities,
        # so no two messages share a dict). Errors are not cached: they are raised again.
        plain, cached = _parse_cached(text, parse_mode, strict_html, limit, too_long, empty)
        return plain, tuple(dict(entity) for entity in cached)
    return _parse_text(text, parse_mode, entities, strict_html, limit, too_long, empty)


@functools.lru_cache(maxsize=256)
def _parse_cached(
    text: str | None,
    parse_mode: str | None,
    strict_html: bool,
    limit: int,
    too_long: str,
    empty: str | None,
) -> tuple[str, tuple[JSON, ...]]:
    return _parse_text(text, parse_mode, None, strict_html, limit, too_long, empty)


def _parse_text(
    text: str | None,
    parse_mode: str | None,
    entities: Any,
    strict_html: bool,
    limit: int,
    too_long: str,
    empty: str | None,
) -> tuple[str, tuple[JSON, ...]]:
    source = text or ""
    try:
        source.encode("utf-8")
    except UnicodeEncodeError:
        raise bad_request("Bad Request: text must be encoded in UTF-8") from None
    plain, parsed = _apply_parse_mode(source, parse_mode, entities, strict_html)
    plain, parsed = _trim(plain, parsed)
    if not plain and empty is not None:
        raise bad_request(empty)
    if utf16_len(plain) > limit:
        raise bad_request(too_long)
    return plain, tuple(parsed)


def version_from(
    params_text: str | None,
    parse_mode: str | None,
    entities: Any,
    reply_markup: JSON | None,
    *,
    strict_html: bool,
    at: float,
    **limits: Any,
) -> MessageVersion:
    """A checked :class:`MessageVersion` for text a bot wants to send or edit to."""
    text, parsed = parse_text(params_text, parse_mode, entities, strict_html=strict_html, **limits)
    return MessageVersion(text, parsed, reply_markup, params_text or "", parse_mode, at)


def _apply_parse_mode(
    source: str, parse_mode: str | None, entities: Any, strict_html: bool
) -> tuple[str, list[JSON]]:
    mode = (parse_mode or "").lower()
    if not mode:
        return source, _explicit_entities(entities, source)
    if mode == "html":
        try:
            return parse_html(source, strict_ampersand=strict_html)
        except EntityParseError as error:
            raise cant_parse_entities(error.description) from None
    if mode in ("markdown", "markdownv2"):
        raise bad_request(errors.FAKE_ONLY_HTML)
    raise bad_request(errors.UNSUPPORTED_PARSE_MODE)


def _explicit_entities(entities: Any, text: str) -> list[JSON]:
    if entities is None:
        return []
    if not isinstance(entities, list) or not all(isinstance(e, dict) for e in entities):
        raise bad_request("Bad Request: can't parse entities JSON object")
    size = utf16_len(text)
    for entity in entities:
        offset, length = entity.get("offset"), entity.get("length")
        if not isinstance(offset, int) or not isinstance(length, int) or "type" not in entity:
            raise bad_request("Bad Request: can't parse MessageEntity")
        if offset < 0 or length <= 0 or offset + length > size:
            raise cant_parse_entities("entity beyond the end of text")
    return [dict(entity) for entity in entities]


def _trim(text: str, entities: list[JSON]) -> tuple[str, list[JSON]]:
    stripped_left = text.lstrip(_TRIMMED)
    shift = utf16_len(text) - utf16_len(stripped_left)
    plain = stripped_left.rstrip(_TRIMMED)
    size = utf16_len(plain)
    kept: list[JSON] = []
    for entity in entities:
        begin = max(0, entity["offset"] - shift)
        end = min(size, entity["offset"] + entity["length"] - shift)
        if end > begin:
            kept.append({**entity, "offset": begin, "length": end - begin})
    return plain, kept


def check_reply_markup(markup: Any, *, inline_only: bool = False) -> JSON | None:
    """The reply_markup Telegram would keep, or the 400 it answers for a bad one."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request(errors.MARKUP_JSON)
    if "inline_keyboard" not in markup:
        if inline_only:
            raise bad_request("Bad Request: inline keyboard expected")
        return markup
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(errors.INLINE_KEYBOARD_SHAPE)
    return {"inline_keyboard": [[_check_button(button) for button in row] for row in rows]}


def _check_button(button: Any) -> JSON:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request(errors.BUTTON_WITHOUT_TEXT)
    kept = {key: value for key, value in button.items() if value is not None}
    if not kept["text"].strip():
        raise bad_request(errors.BUTTON_TEXT_INVALID)
    if not _BUTTON_ACTIONS & kept.keys():
        raise bad_request(errors.TEXT_BUTTON_IN_INLINE)
    data = kept.get("callback_data")
    if data is not None and not (
        isinstance(data, str) and 1 <= len(data.encode("utf-8")) <= CALLBACK_DATA_LIMIT
    ):
        raise bad_request(errors.BUTTON_DATA_INVALID)
    url = kept.get("url")
    if url is not None:
        normalized = normalize_url(url) if isinstance(url, str) else None
        if normalized is None:
            raise bad_request(errors.BUTTON_URL_INVALID)
        kept["url"] = normalized
    return kept


def check_inline_results(results: Any, strict_html: bool) -> list[JSON]:
    """The results of answerInlineQuery, checked like Telegram checks them."""
    if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
        raise bad_request("Bad Request: can't parse inline query results JSON object")
    if len(results) > 50:
        raise bad_request(errors.RESULTS_TOO_MUCH)
    ids = [str(result.get("id", "")) for result in results]
    if any(not 1 <= len(i.encode("utf-8")) <= 64 for i in ids):
        raise bad_request("Bad Request: RESULT_ID_INVALID")
    if len(set(ids)) != len(ids):
        raise bad_request(errors.RESULT_ID_DUPLICATE)
    for result in results:
        content = result.get("input_message_content")
        if isinstance(content, dict) and "message_text" in content:
            parse_text(
                content["message_text"],
                content.get("parse_mode"),
                content.get("entities"),
                strict_html=strict_html,
                too_long=errors.EDIT_TEXT_TOO_LONG,
                empty="Bad Request: MESSAGE_EMPTY",
            )
        check_reply_markup(result.get("reply_markup"), inline_only=True)
    return results
