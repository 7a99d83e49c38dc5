"""Showing a Telegram conversation in a terminal: who said what, and the buttons under it."""

from __future__ import annotations

import textwrap

from bot.fakeapi.models import Message, MessageVersion

WIDTH = 78
RESET = "\033[0m"
# SGR parameters for the entities a terminal can show: bold, italic, underlined links.
STYLES = {"bold": "1", "italic": "3", "underline": "4", "text_link": "4", "url": "4"}


def _styled(version: MessageVersion, ansi: bool) -> str:
    """The visible text, its bold, italic and links in ANSI styles when the terminal shows them."""
    if not ansi:
        return version.text
    units = version.text.encode("utf-16-le")
    spans = [
        (e["offset"], e["offset"] + e["length"], STYLES[e["type"]])
        for e in version.entities
        if e["type"] in STYLES
    ]
    # Styles nest, so at each boundary reset, then turn on every style still open there.
    cuts = sorted({offset for start, end, _ in spans for offset in (start, end)})
    out, position = [], 0
    for cut in cuts:
        out.append(units[2 * position : 2 * cut].decode("utf-16-le"))
        codes = sorted({code for start, end, code in spans if start <= cut < end})
        out.append(RESET + "".join(f"\033[{code}m" for code in codes))
        position = cut
    out.append(units[2 * position :].decode("utf-16-le"))
    return "".join(out)


def buttons_line(version: MessageVersion, numbered: bool) -> str:
    """`[◀] [▶]`, or `[1 ◀] [2 ▶]` where the reader presses buttons by number."""
    labels = [b.text for b in version.flat_buttons()]
    if numbered:
        labels = [f"{n} {label}" for n, label in enumerate(labels, start=1)]
    return " ".join(f"[{label}]" for label in labels)


def bot_says(
    message: Message, *, edited: bool = False, numbered: bool = False, ansi: bool = False
) -> str:
    """The bot's message as a block of indented lines, its buttons last."""
    version = message.current
    head = "🤖 bot (edited its message):" if edited else "🤖 bot:"
    lines = [head]
    for paragraph in _styled(version, ansi).split("\n"):
        wrapped = textwrap.wrap(paragraph, WIDTH - 4, break_on_hyphens=False) or [""]
        lines += ["    " + line for line in wrapped]
    if version.flat_buttons():
        lines.append("    " + buttons_line(version, numbered))
    return "\n".join(lines)


def user_says(name: str, text: str) -> str:
    return f"👤 {name}: {text}"
