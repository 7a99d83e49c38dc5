"""The admins' command menu: every command plus the admin ones, set for each admin's chat.

Telegram shows a chat-scoped menu before the default one, so admins see their tools and
nobody else does. An admin who never opened the bot has no chat yet: Telegram refuses the
scope, which is logged and skipped (the menu appears after the next restart).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.i18n import ADMIN_COMMANDS, COMMANDS, DEFAULT_LANGUAGE, LANGUAGES, t

log = logging.getLogger(__name__)


def admin_menu(lang: str) -> list[BotCommand]:
    return [BotCommand(name, t(lang, f"command.{name}")) for name in COMMANDS + ADMIN_COMMANDS]


async def set_admin_menus(bot: Bot, admins: Iterable[int]) -> int:
    """Set the admin menu in each admin's chat, in every language; how many admins got it."""
    done = 0
    for admin in sorted(admins):
        scope = BotCommandScopeChat(admin)
        try:
            await bot.set_my_commands(admin_menu(DEFAULT_LANGUAGE), scope=scope)
            for lang in LANGUAGES:
                await bot.set_my_commands(admin_menu(lang), scope=scope, language_code=lang)
        except TelegramError as error:
            log.warning("no admin menu for %s: %s", admin, error.message)
            continue
        done += 1
    return done
