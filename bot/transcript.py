"""Showing a Telegram conversation in a terminal: who said what, and the buttons under it."""

from __future__ import annotations

import textwrap

from bot.fakeapi.models import Message, MessageVersion

WIDTH = 78
BOLD, PLAIN = "\033[1m", "\033[0m"


def _bold(version: MessageVersion, ansi: bool) -> str:
    """The visible text, with bold entities in ANSI bold when the terminal shows it."""
    if not ansi:
        return version.text
    units = version.text.encode("utf-16-le")
    cuts: list[tuple[int, str]] = []
    for entity in version.entities:
        if entity["type"] == "bold":
            cuts += [(entity["offset"], BOLD), (entity["offset"] + entity["length"], PLAIN)]
    out, position = [], 0
    for offset, code in sorted(cuts):
        out += [units[2 * position : 2 * offset].decode("utf-16-le"), code]
        position = offset
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
    for paragraph in _bold(version, ansi).split("\n"):
        wrapped = textwrap.wrap(paragraph, WIDTH - 4, break_on_hyphens=False) or [""]
        lines += ["    " + line for line in wrapped]
    if version.flat_buttons():
        lines.append("    " + buttons_line(version, numbered))
    return "\n".join(lines)


def user_says(name: str, text: str) -> str:
    return f"👤 {name}: {text}"
