"""What handlers reach through the context: the config and the open database, typed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeAlias

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from bot.config import Config
from storage.db import Database


@dataclass
class Services:
    """The application's shared resources; PTB builds one as `bot_data`, post_init fills it."""

    config: Config | None = None
    database: Database | None = None

    @property
    def db(self) -> Database:
        if self.database is None:
            raise RuntimeError("the database is not open (post_init has not run)")
        return self.database

    @property
    def settings(self) -> Config:
        if self.config is None:
            raise RuntimeError("the application was built without a config")
        return self.config


@dataclass
class UserState:
    """What the bot remembers of a user between updates; PTB keeps one per user, in memory."""

    language: str | None = None
    language_loaded: bool = False  # the stored choice was read once; /lang keeps it current


Context: TypeAlias = CallbackContext[ExtBot[Any], UserState, dict[Any, Any], Services]
CONTEXT_TYPES = ContextTypes(bot_data=Services, user_data=UserState)
# ExtBot[int]: AIORateLimiter's per-request argument is an int (max_retries).
BriefApplication: TypeAlias = Application[
    ExtBot[int], Context, UserState, dict[Any, Any], Services, JobQueue[Any]
]
