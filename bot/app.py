"""The wiring: one function builds the PTB application with every handler registered."""

from __future__ import annotations

from telegram import BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    filters,
)

from bot.config import Config
from bot.context import CONTEXT_TYPES, BriefApplication, Services
from bot.i18n import COMMANDS, DEFAULT_LANGUAGE, LANGUAGES, t
from bot.render import CALLBACK_SUBSCRIBE, CALLBACK_TODAY
from bot.render_search import CALLBACK_SEARCH
from handlers import errors, fallback, language, search, start, today
from storage.db import open_database


def menu(lang: str) -> list[BotCommand]:
    return [BotCommand(name, t(lang, f"command.{name}")) for name in COMMANDS]


async def post_init(app: BriefApplication) -> None:
    services: Services = app.bot_data
    services.database = await open_database(services.settings.db_path)
    await app.bot.set_my_commands(menu(DEFAULT_LANGUAGE))
    for lang in LANGUAGES:
        await app.bot.set_my_commands(menu(lang), language_code=lang)


async def post_shutdown(app: BriefApplication) -> None:
    services: Services = app.bot_data
    if services.database is not None:
        await services.database.close()
        services.database = None


def build_application(config: Config) -> BriefApplication:
    """The bot, ready to run: Telegram client, defaults, rate limiter and every handler."""
    if not config.token:
        raise ValueError("a bot token is required to build the application")
    app = (
        ApplicationBuilder()
        .token(config.token)
        .base_url(config.api_url)
        .base_file_url(config.resolved_file_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                tzinfo=config.timezone,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .rate_limiter(AIORateLimiter(max_retries=2))
        .context_types(CONTEXT_TYPES)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    app.bot_data.config = config
    app.add_handler(CommandHandler("start", start.start))
    app.add_handler(CommandHandler("help", start.help_command))
    app.add_handler(CommandHandler("today", today.today))
    app.add_handler(CommandHandler("search", search.search))
    app.add_handler(CommandHandler("lang", language.lang))
    app.add_handler(CallbackQueryHandler(today.today_button, pattern=f"^{CALLBACK_TODAY}$"))
    app.add_handler(CallbackQueryHandler(start.subscribe_button, pattern=f"^{CALLBACK_SUBSCRIBE}$"))
    app.add_handler(CallbackQueryHandler(search.search_page, pattern=f"^{CALLBACK_SEARCH}:"))
    app.add_handler(MessageHandler(filters.COMMAND, fallback.unknown_command))
    app.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, search.search_text
        )
    )
    app.add_error_handler(errors.on_error)
    return app
