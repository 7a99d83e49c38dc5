"""`briefbot run`: poll Telegram until Ctrl-C or SIGTERM."""

from __future__ import annotations

import logging
import sys

from telegram import Update

from bot.app import build_application
from bot.config import Config
from bot.logs import setup_logging

log = logging.getLogger(__name__)


def run_bot(config: Config) -> int:
    if not config.token:
        print(
            "briefbot run: no bot token. Get one from @BotFather, then set it:\n"
            "  export TELEGRAM_BOT_TOKEN='123456:ABC...'   (or `token:` in the --config file)",
            file=sys.stderr,
        )
        return 2
    setup_logging(secrets=[config.token])
    log.info("starting: database %s, API %s", config.db_path, config.api_url)
    # run_polling installs SIGINT/SIGTERM handlers and shuts the application down cleanly.
    build_application(config).run_polling(allowed_updates=Update.ALL_TYPES)
    return 0
