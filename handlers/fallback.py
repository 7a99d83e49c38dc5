"""Commands the bot does not know."""

from __future__ import annotations

from telegram import Update

from bot import render
from bot.context import Context
from handlers.common import language_of, send


def addressed_to_another_bot(text: str, username: str | None) -> bool:
    """Whether `/command@name` names some other bot (a group may hold several)."""
    command = text.split(maxsplit=1)[0] if text.strip() else ""
    _, at, target = command.partition("@")
    return bool(at) and target.lower() != (username or "").lower()


async def unknown_command(update: Update, context: Context) -> None:
    """Point to /help, unless the command was meant for another bot."""
    message = update.effective_message
    if message is None or addressed_to_another_bot(message.text or "", context.bot.username):
        return
    await send(update, context, render.text(await language_of(update, context), "unknown"))
