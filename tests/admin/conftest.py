"""The real bot over HTTP against the fake Bot API, with an admin (42) and a reader (Anna).

The bot and the fake share one ManualClock, as in tests/push: a push "at 08:00" takes no real
time, and the fake enforces Telegram's real limits, so edits after a push must be paced.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from bot.config import Config
from bot.fakeapi import ChatHandle, FakeTelegram
from bot.harness import Turn
from bot.importers import parse_file
from bot.push.clock import ManualClock
from bot.push.schedule import next_push_at
from storage import subscribers
from storage.db import Database
from storage.models import Subscriber
from tests.push.conftest import (
    ADMIN,
    PARIS,
    SEED_DAY,
    PushBot,
    anna,
    clock,
    config,
    db_path,
    john,
    limits,
    running_push_bot,
    save_days,
    telegram,
)

# The push tests' fixtures, shared: one ManualClock, the fake with Telegram's limits.
__all__ = ["SEED_DAY", "anna", "clock", "config", "db_path", "john", "limits", "telegram"]

AT_8 = datetime(2024, 10, 24, 6, 0, tzinfo=UTC)


class AdminBot(PushBot):
    """The push tests' running bot, plus what admin tests do: upload files, subscribe chats."""

    @property
    def db(self) -> Database:
        return self.runtime.db

    async def upload(
        self, chat: ChatHandle, name: str, data: bytes, caption: str | None = None
    ) -> Turn:
        self.manual.advance(1.0)
        return await self.harness.upload(chat, name, data, caption)

    async def subscribe(self, chats: Sequence[ChatHandle], language: str = "fr") -> None:
        """Subscribe chats at 08:00 Paris, straight in the database (tests/push covers how)."""
        at = next_push_at(self.clock.now(), time(8, 0), PARIS)
        kinds = {"private": "user", "channel": "channel"}
        await subscribers.upsert_many(
            self.db,
            [
                Subscriber(
                    chat_id=chat.id,
                    kind=kinds.get(chat.state.type, "group"),
                    title=chat.state.title,
                    language=language,
                    timezone="Europe/Paris",
                    push_time="08:00",
                    next_push_at=at,
                )
                for chat in chats
            ],
        )


@asynccontextmanager
async def running_admin_bot(
    config: Config, telegram: FakeTelegram, clock: ManualClock
) -> AsyncIterator[AdminBot]:
    """tests/push's running bot, on `clock`, as an AdminBot."""
    async with running_push_bot(config, telegram, clock) as running:
        yield AdminBot(running.harness, telegram, clock)


@pytest.fixture
async def seeded(db_path: Path, seed_file: Path) -> Path:
    await save_days(db_path, parse_file(seed_file, tz=PARIS))
    return db_path


@pytest.fixture
async def bot(
    config: Config, telegram: FakeTelegram, clock: ManualClock, admin: ChatHandle
) -> AsyncIterator[AdminBot]:
    async with running_admin_bot(config, telegram, clock) as running:
        yield running
    # Everything the bot sent passed Telegram's rules, within its limits.
    assert not telegram.bad_requests, telegram.bad_requests
    assert not telegram.violations, telegram.violations


@pytest.fixture
def admin(telegram: FakeTelegram) -> ChatHandle:
    return telegram.user(ADMIN, first_name="Olena", username="olena", language_code="fr")


@pytest.fixture
def seed_bytes(seed_file: Path) -> bytes:
    return seed_file.read_bytes()
