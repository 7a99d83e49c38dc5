"""The wiring: one function builds the PTB application with every handler registered."""

from __future__ import annotations

from telegram import BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.admin import menus as admin_menus
from bot.admin import state as admin_state
from bot.admin.render import CALLBACK_PREFIX as CALLBACK_ADMIN
from bot.config import Config
from bot.context import CONTEXT_TYPES, BriefApplication, Services
from bot.follow.render import CALLBACK_FOLLOW
from bot.i18n import COMMANDS, DEFAULT_LANGUAGE, LANGUAGES, t
from bot.push import runtime as push
from bot.push.render import CALLBACK_PREFIX as CALLBACK_PUSH
from bot.push.shared_pause import PauseSharingRateLimiter
from bot.render import CALLBACK_SUBSCRIBE, CALLBACK_TODAY
from bot.render_search import CALLBACK_SEARCH
from bot.search import service as search_service
from handlers import (
    audit,
    channels,
    content,
    documents,
    errors,
    fallback,
    follow,
    inline,
    language,
    publish,
    search,
    start,
    stats,
    subscribe,
    summary,
    today,
)
from storage.db import open_database

# The push's admin commands are recorded in the audit log once they have run.
AUDITED_COMMANDS = ("publish", "addchannel", "removechannel")
AUDIT_GROUP = 1


def menu(lang: str) -> list[BotCommand]:
    return [BotCommand(name, t(lang, f"command.{name}")) for name in COMMANDS]


async def post_init(app: BriefApplication) -> None:
    services: Services = app.bot_data
    services.database = await open_database(services.settings.db_path)
    await search_service.prepare(services.database)
    await push.runtime_of(app).start(services.database)
    await app.bot.set_my_commands(menu(DEFAULT_LANGUAGE))
    for lang in LANGUAGES:
        await app.bot.set_my_commands(menu(lang), language_code=lang)
    await admin_menus.set_admin_menus(app.bot, services.settings.admins)


async def post_shutdown(app: BriefApplication) -> None:
    services: Services = app.bot_data
    await push.runtime_of(app).stop()
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
        .rate_limiter(PauseSharingRateLimiter(max_retries=2))
        .context_types(CONTEXT_TYPES)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    app.bot_data.config = config
    push.install(app)
    awaiting_summary = admin_state.AwaitingSummary(admin_state.install(app))
    app.add_handler(CommandHandler("start", start.start))
    app.add_handler(CommandHandler("help", start.help_command))
    app.add_handler(CommandHandler("today", today.today))
    app.add_handler(CommandHandler("search", search.search))
    app.add_handler(CommandHandler("lang", language.lang))
    app.add_handler(CommandHandler("follow", follow.follow))
    app.add_handler(CommandHandler("following", follow.following))
    app.add_handler(CommandHandler("unfollow", follow.unfollow))
    app.add_handler(CommandHandler("quiet", follow.quiet))
    app.add_handler(CommandHandler("subscribe", subscribe.subscribe))
    app.add_handler(CommandHandler("unsubscribe", subscribe.unsubscribe))
    app.add_handler(CommandHandler("settings", subscribe.settings))
    app.add_handler(CommandHandler("tz", subscribe.timezone))
    app.add_handler(CommandHandler("channels", channels.channels))
    app.add_handler(CommandHandler("addchannel", channels.add_channel))
    app.add_handler(CommandHandler("removechannel", channels.remove_channel))
    app.add_handler(CommandHandler("publish", publish.publish))
    app.add_handler(CommandHandler("stats", stats.stats))
    app.add_handler(CommandHandler("add", content.add))
    app.add_handler(CommandHandler("del", content.delete))
    app.add_handler(CommandHandler("correct", content.correct))
    app.add_handler(CommandHandler("snippets", content.list_snippets))
    app.add_handler(CommandHandler("summary", summary.summary))
    app.add_handler(CommandHandler("audit", audit.show_audit))
    app.add_handler(
        CallbackQueryHandler(content.delete_button, pattern=f"^{CALLBACK_ADMIN}:(del|keep):")
    )
    app.add_handler(
        CallbackQueryHandler(summary.cancel_button, pattern=f"^{CALLBACK_ADMIN}:cancel:")
    )
    private = filters.ChatType.PRIVATE
    app.add_handler(MessageHandler(private & filters.Document.ALL, documents.document))
    app.add_handler(
        MessageHandler(
            private & filters.TEXT & ~filters.COMMAND & awaiting_summary, summary.summary_text
        )
    )
    app.add_handler(CommandHandler(AUDITED_COMMANDS, audit.record_command), group=AUDIT_GROUP)
    app.add_handler(CallbackQueryHandler(subscribe.settings_button, pattern=f"^{CALLBACK_PUSH}:"))
    app.add_handler(CallbackQueryHandler(follow.unfollow_button, pattern=f"^{CALLBACK_FOLLOW}:"))
    app.add_handler(ChatMemberHandler(channels.my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(CallbackQueryHandler(today.today_button, pattern=f"^{CALLBACK_TODAY}$"))
    app.add_handler(
        CallbackQueryHandler(subscribe.subscribe_button, pattern=f"^{CALLBACK_SUBSCRIBE}$")
    )
    app.add_handler(CallbackQueryHandler(search.search_page, pattern=f"^{CALLBACK_SEARCH}:"))
    app.add_handler(InlineQueryHandler(inline.inline_search))
    app.add_handler(MessageHandler(filters.COMMAND, fallback.unknown_command))
    app.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, search.search_text
        )
    )
    app.add_error_handler(errors.on_error)
    return app
