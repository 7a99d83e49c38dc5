"""The real bot and the fake Bot API sharing one ManualClock: pushes "at 08:00", and
`retry_after` pauses, take no real time, and both sides agree on when things happened."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.config import Config
from bot.context import BriefApplication
from bot.fakeapi import ChatHandle, FakeTelegram, Limits, Message
from bot.harness import Harness, Turn, running_bot
from bot.importers import parse_file
from bot.push.clock import Clock, ManualClock
from bot.push.runtime import PushRuntime, runtime_of
from storage import briefings
from storage.db import open_database
from storage.models import NewBriefing, NewSnippet
from storage.push_runs import PushRun

PARIS = ZoneInfo("Europe/Paris")
ADMIN = 42
SEED_DAY = date(2024, 10, 24)
SMALL_DAY = date(2024, 10, 25)
# 07:00 in Paris on the seed day: an hour before the default push time.
START = datetime(2024, 10, 24, 5, 0, tzinfo=UTC)


@dataclass
class PushBot:
    """The running bot, its push runtime and the clock both sides read."""

    harness: Harness
    telegram: FakeTelegram
    clock: Clock

    @property
    def runtime(self) -> PushRuntime:
        return runtime_of(self.harness.app)

    @property
    def manual(self) -> ManualClock:
        assert isinstance(self.clock, ManualClock)
        return self.clock

    async def say(self, chat: ChatHandle, text: str, *, by: ChatHandle | None = None) -> Turn:
        # A second between a person's messages, as a person types: the chat's limit refills.
        self.manual.advance(1.0)
        return await self.harness.say(chat, text, by=by)

    async def press(self, chat: ChatHandle, message: Message, button: str) -> Turn:
        self.manual.advance(1.0)
        return await self.harness.press(chat, message, button)

    async def push_at(self, moment: datetime) -> PushRun | None:
        """Move the clock to `moment` and run the push job's work, as its tick would."""
        self.manual.set(moment)
        return await self.runtime.run_scheduled()

    async def event(self, update: dict[str, object]) -> None:
        """Wait until the bot has handled a raw update pushed on the fake."""
        await self.harness.handled.wait(f"update:{update['update_id']}")


@asynccontextmanager
async def running_push_bot(
    config: Config, telegram: FakeTelegram, clock: Clock
) -> AsyncIterator[PushBot]:
    """bot.harness.running_bot, with the push runtime on `clock` before anything starts."""

    def on_clock(app: BriefApplication) -> None:
        runtime_of(app).clock = clock

    async with running_bot(config, telegram, prepare=on_clock) as harness:
        yield PushBot(harness, telegram, clock)


async def save_days(db_path: Path, days: Sequence[NewBriefing]) -> None:
    db = await open_database(db_path)
    try:
        await briefings.save_all(db, days, tz=PARIS)
    finally:
        await db.close()


def small_day(day: date = SMALL_DAY, title: str = "Koursk tient") -> NewBriefing:
    """A day whose briefing fits in one message."""
    return NewBriefing(
        day=day,
        title=title,
        summary="Les combats continuent.",
        snippets=(NewSnippet(text=f"{title} : un extrait", source="Le Monde"),),
    )


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "briefbot.db"


@pytest.fixture
def config(db_path: Path) -> Config:
    return Config(db_path=db_path, admins=frozenset({ADMIN}))


@pytest.fixture
def limits() -> Limits:
    """Telegram's limits (30/s, 20/min per group or channel, 1/s per private chat)."""
    return Limits()


@pytest.fixture
async def telegram(clock: ManualClock, limits: Limits) -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(limits=limits, clock=clock.monotonic) as fake:
        yield fake


@pytest.fixture
async def seeded(db_path: Path, seed_file: Path) -> Path:
    await save_days(db_path, parse_file(seed_file, tz=PARIS))
    await save_days(db_path, [small_day()])
    return db_path


@pytest.fixture
async def bot(config: Config, telegram: FakeTelegram, clock: ManualClock) -> AsyncIterator[PushBot]:
    async with running_push_bot(config, telegram, clock) as running:
        yield running
    # What the bot sent passed Telegram's rules (a migrated group's 400 is expected).
    refused = [
        call
        for call in telegram.bad_requests
        if call.method.startswith(("send", "edit"))
        and "migrate_to_chat_id" not in (call.parameters or {})
    ]
    assert not refused, refused
    assert not telegram.violations, telegram.violations


@pytest.fixture
def anna(telegram: FakeTelegram) -> ChatHandle:
    return telegram.user(1001, first_name="Anna", language_code="fr")


@pytest.fixture
def john(telegram: FakeTelegram) -> ChatHandle:
    return telegram.user(1002, first_name="John", language_code="en")


@pytest.fixture
def admin(telegram: FakeTelegram) -> ChatHandle:
    return telegram.user(ADMIN, first_name="Admin", language_code="fr")
