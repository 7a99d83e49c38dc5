"""Telegram's ``parse_mode=HTML``, parsed the way the Bot API parses it.

A hand-written state machine, not :mod:`html.parser`: Telegram's parser (TDLib's
``parse_html``) has its own rules and a faithful fake must reproduce them, errors included.
``&lt`` needs no semicolon and only ``lt gt amp quot`` and numeric references are decoded; a
tag name runs to the first space or ``>`` (``a < b`` fails with ``Unsupported start tag ""``);
``</>`` closes whatever is open; attribute values may be unquoted; unknown attributes are
ignored; a bare ``>`` is text; errors cite UTF-8 byte offsets, entities count UTF-16 units.
``html.parser`` recovers from all of these errors by design, so making it strict would mean
rewriting its tokenizer anyway. Error texts are TDLib's, checked against its test cases.

One deliberate difference, on by default (``strict_ampersand``): a ``&`` that starts no entity
is an error. Telegram shows it as text, which always means the bot forgot to escape something.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .entities import entity_order, link_entity, utf16_len

_SIMPLE_TYPES = {
    **dict.fromkeys(("b", "strong"), "bold"),
    **dict.fromkeys(("i", "em"), "italic"),
    **dict.fromkeys(("u", "ins"), "underline"),
    **dict.fromkeys(("s", "strike", "del"), "strikethrough"),
    **dict.fromkeys(("tg-spoiler", "span"), "spoiler"),
}
SUPPORTED_TAGS = frozenset(_SIMPLE_TYPES) | {"a", "tg-emoji", "pre", "code", "blockquote"}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPACES = " \t\n\r\f\v"


class EntityParseError(ValueError):
    """Text that Telegram would reject with ``Bad Request: can't parse entities: ...``."""

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


def parse_html(text: str, *, strict_ampersand: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Return the plain text and the MessageEntity dicts that Telegram makes of ``text``."""
    return _HtmlParser(text, strict_ampersand).run()


@dataclass
class _OpenTag:
    name: str
    argument: str
    utf16_offset: int
    chunk: int
    expandable: bool = False


_MARKUP = re.compile(r"[<&]")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class _HtmlParser:
    source: str
    strict_ampersand: bool
    pos: int = 0
    out: list[str] = field(default_factory=list)
    utf16: int = 0
    stack: list[_OpenTag] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)

    def run(self) -> tuple[str, list[dict[str, Any]]]:
        while self.pos < len(self.source):
            char = self.source[self.pos]
            if char == "&":
                self._ampersand()
            elif char == "<":
                begin, self.pos = self.pos, self.pos + 1
                (self._end_tag if self._char(self.pos) == "/" else self._start_tag)(begin)
            else:
                # Plain text runs to the next markup character: emit it in one slice.
                match = _MARKUP.search(self.source, self.pos)
                end = match.start() if match else len(self.source)
                self._emit(self.source[self.pos : end])
                self.pos = end
        if self.stack:
            raise EntityParseError(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"'
            )
        plain = "".join(self.out)
        if _SURROGATE.search(plain):
            raise EntityParseError(
                "Text contains invalid Unicode characters after decoding HTML entities, "
                "check for unmatched surrogate code units"
            )
        for entity in self.entities:
            if entity["type"] == "code":
                entity.pop("language", None)
        self.entities.sort(key=entity_order)
        return plain, self.entities

    def _byte_offset(self, pos: int) -> int:
        return len(self.source[:pos].encode("utf-8", "surrogatepass"))

    def _char(self, pos: int) -> str:
        return self.source[pos] if pos < len(self.source) else ""

    def _emit(self, chars: str) -> None:
        self.out.append(chars)
        self.utf16 += utf16_len(chars)

    def _ampersand(self) -> None:
        decoded, end = decode_entity(self.source, self.pos)
        if decoded:
            self._emit(decoded)
            self.pos = end
            return
        if self.strict_ampersand:
            raise EntityParseError(
                f'Unescaped "&" at byte offset {self._byte_offset(self.pos)} '
                "(strict fake: Telegram would keep it as text)"
            )
        self._emit("&")
        self.pos += 1

    def _skip_spaces(self) -> None:
        while self._char(self.pos) and self._char(self.pos) in _SPACES:
            self.pos += 1

    def _skip_until(self, stops: str) -> None:
        while self._char(self.pos) and self._char(self.pos) not in stops:
            self.pos += 1

    def _start_tag(self, begin: int) -> None:
        at = self._byte_offset(begin)
        self._skip_until(_SPACES + ">")
        if not self._char(self.pos):
            raise EntityParseError(f"Unclosed start tag at byte offset {at}")
        name = self.source[begin + 1 : self.pos].lower()
        if name not in SUPPORTED_TAGS:
            raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {at}')
        tag = _OpenTag(name, "", self.utf16, len(self.out))
        while self._char(self.pos) != ">":
            self._attribute(tag, at)
        self.pos += 1
        if name == "span" and tag.argument != "spoiler":
            raise EntityParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {at}')
        self.stack.append(tag)

    def _attribute(self, tag: _OpenTag, at: int) -> None:
        self._skip_spaces()
        if not self._char(self.pos):
            raise EntityParseError(f"Unclosed start tag at byte offset {at}")
        if self._char(self.pos) == ">":
            return
        name_begin = self.pos
        self._skip_until(_SPACES + "=>")
        name = self.source[name_begin : self.pos]
        if not name:
            raise EntityParseError(
                f'Empty attribute name in the tag "{tag.name}" at byte offset {at}'
            )
        self._skip_spaces()
        if self._char(self.pos) != "=":
            if not self._char(self.pos):
                raise EntityParseError(f"Unclosed start tag at byte offset {at}")
            tag.expandable |= tag.name == "blockquote" and name == "expandable"
            return
        self.pos += 1
        self._skip_spaces()
        if not self._char(self.pos):
            raise EntityParseError(f'Unclosed start tag "{tag.name}" at byte offset {at}')
        value = self._attribute_value(at)
        self._apply_attribute(tag, name, value)

    def _attribute_value(self, at: int) -> str:
        quote = self._char(self.pos)
        if quote not in "'\"":
            token_begin = self.pos
            while (char := self._char(self.pos)) and (
                (char.isascii() and char.isalnum()) or char in ".-"
            ):
                self.pos += 1
            if self._char(self.pos) not in tuple(_SPACES + ">"):
                raise EntityParseError(
                    f"Unexpected end of name token at byte offset {self._byte_offset(token_begin)}"
                )
            return self.source[token_begin : self.pos].lower()
        self.pos += 1
        chars: list[str] = []
        while (char := self._char(self.pos)) and char != quote:
            decoded, end = decode_entity(self.source, self.pos) if char == "&" else ("", 0)
            if decoded:
                chars.append(decoded)
                self.pos = end
            else:
                chars.append(char)
                self.pos += 1
        if not self._char(self.pos):
            raise EntityParseError(f"Unclosed start tag at byte offset {at}")
        self.pos += 1
        return "".join(chars)

    @staticmethod
    def _apply_attribute(tag: _OpenTag, name: str, value: str) -> None:
        if tag.name == "a" and name == "href":
            tag.argument = value
        elif tag.name == "code" and name == "class" and value.startswith("language-"):
            tag.argument = value.removeprefix("language-")
        elif tag.name == "span" and name == "class" and value.startswith("tg-"):
            tag.argument = value.removeprefix("tg-")
        elif tag.name == "tg-emoji" and name == "emoji-id":
            tag.argument = value
        elif tag.name == "blockquote" and name == "expandable":
            tag.expandable = True

    def _end_tag(self, begin: int) -> None:
        at = self._byte_offset(begin)
        if not self.stack:
            raise EntityParseError(f"Unexpected end tag at byte offset {at}")
        self.pos += 1
        self._skip_until(_SPACES + ">")
        end_name = self.source[begin + 2 : self.pos]
        self._skip_spaces()
        if self._char(self.pos) != ">":
            raise EntityParseError(f"Unclosed end tag at byte offset {at}")
        self.pos += 1
        tag = self.stack.pop()
        if end_name and end_name.lower() != tag.name:
            raise EntityParseError(
                f'Unmatched end tag at byte offset {at}, expected "</{tag.name}>", '
                f'found "</{end_name}>"'
            )
        if self.utf16 > tag.utf16_offset:
            self._close(tag, "".join(self.out[tag.chunk :]))

    def _close(self, tag: _OpenTag, inner_text: str) -> None:
        offset, length = tag.utf16_offset, self.utf16 - tag.utf16_offset
        entity: dict[str, Any] = {"offset": offset, "length": length}
        if tag.name in _SIMPLE_TYPES:
            entity["type"] = _SIMPLE_TYPES[tag.name]
        elif tag.name == "blockquote":
            entity["type"] = "expandable_blockquote" if tag.expandable else "blockquote"
        elif tag.name == "tg-emoji":
            if not tag.argument.isdigit() or int(tag.argument) == 0:
                raise EntityParseError("Invalid custom emoji identifier specified")
            entity.update(type="custom_emoji", custom_emoji_id=tag.argument)
        elif tag.name == "a":
            link = link_entity(tag.argument or inner_text)
            if link is None:
                return
            entity.update(link)
        elif not self._merge_pre_and_code(tag, offset, length):
            entity["type"] = tag.name
            if tag.name == "code" and tag.argument:
                entity["language"] = tag.argument
        else:
            return
        self.entities.append(entity)

    def _merge_pre_and_code(self, tag: _OpenTag, offset: int, length: int) -> bool:
        """``<pre><code class="language-x">`` (either nesting) is one pre with a language."""
        previous = self.entities[-1] if self.entities else None
        if previous is None or (previous["offset"], previous["length"]) != (offset, length):
            return False
        if tag.name == "pre" and previous["type"] == "code" and previous.get("language"):
            previous["type"] = "pre"
            return True
        if tag.name == "code" and previous["type"] == "pre" and tag.argument:
            previous["language"] = tag.argument
            return True
        return False


def decode_entity(text: str, pos: int) -> tuple[str, int]:
    """Decode the character reference at ``text[pos] == "&"`` as TDLib does.

    Returns the decoded character and the position after the reference (the ``;`` is
    optional), or ``("", pos)`` when Telegram would keep the ``&`` as text.
    """
    end = pos + 1
    if text[end : end + 1] == "#":
        end += 1
        hexadecimal = text[end : end + 1] == "x"
        end += hexadecimal
        digits_begin = end
        allowed = "0123456789abcdefABCDEF" if hexadecimal else "0123456789"
        while end < len(text) and text[end] in allowed:
            end += 1
        digits = text[digits_begin:end]
        code = int(digits, 16 if hexadecimal else 10) if digits else 0
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return "", pos
        decoded = chr(code)
    else:
        while end < len(text) and text[end].isascii() and text[end].isalpha():
            end += 1
        decoded = _NAMED_ENTITIES.get(text[pos + 1 : end], "")
        if not decoded:
            return "", pos
    return decoded, end + 1 if text[end : end + 1] == ";" else end
