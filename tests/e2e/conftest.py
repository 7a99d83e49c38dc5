"""The real application, polling the project's fake Bot API over HTTP, on a real SQLite file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.config import Config
from bot.fakeapi import ChatHandle, FakeTelegram, Limits
from bot.harness import Harness, running_bot
from bot.importers import parse_file
from storage import briefings
from storage.db import open_database

PARIS = ZoneInfo("Europe/Paris")


async def load_into(db_path: Path, *files: Path) -> None:
    db = await open_database(db_path)
    try:
        for path in files:
            await briefings.save_all(db, parse_file(path, tz=PARIS), tz=PARIS)
    finally:
        await db.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "briefbot.db"


@pytest.fixture
def config(db_path: Path) -> Config:
    return Config(db_path=db_path, admins=frozenset({42}))


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(limits=Limits.unlimited()) as fake:
        yield fake


@pytest.fixture
async def seeded(db_path: Path, seed_file: Path) -> Path:
    await load_into(db_path, seed_file)
    return db_path


@pytest.fixture
async def bot(config: Config, telegram: FakeTelegram) -> AsyncIterator[Harness]:
    async with running_bot(config, telegram) as harness:
        yield harness
    # Every message the bot tried to send must have passed Telegram's rules.
    assert not telegram.errors, telegram.errors


@pytest.fixture
def anna(telegram: FakeTelegram) -> ChatHandle:
    return telegram.user(1001, first_name="Anna", language_code="fr")


@pytest.fixture
def john(telegram: FakeTelegram) -> ChatHandle:
    return telegram.user(1002, first_name="John", language_code="en")
