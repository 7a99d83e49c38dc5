"""`briefbot demo`: the real bot, offline, in a short scripted conversation printed as it goes."""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from importlib import resources
from pathlib import Path

from bot.config import Config
from bot.fakeapi import FakeTelegram, Limits
from bot.harness import Harness, Turn, running_bot
from bot.importers import parse_file
from bot.transcript import bot_says, user_says
from storage import briefings
from storage.db import open_database

SAMPLE = "sample-briefing.yaml"
DEMO_USER, DEMO_NAME = 1001, "Camille"


def sample_path() -> Path:
    return Path(str(resources.files("bot") / "data" / SAMPLE))


async def load_sample(config: Config) -> None:
    """Put the bundled sample briefing in the configured database."""
    db = await open_database(config.db_path)
    try:
        content = parse_file(sample_path(), tz=config.timezone)
        await briefings.save_all(db, content, tz=config.timezone)
    finally:
        await db.close()


def show(turn: Turn, ansi: bool) -> None:
    for message in turn.sent:
        print(bot_says(message, ansi=ansi))
    for message in turn.edited:
        print(bot_says(message, edited=True, ansi=ansi))
    print()


async def play(bot: Harness, ansi: bool) -> None:
    user = bot.telegram.user(DEMO_USER, first_name=DEMO_NAME, language_code="fr")
    for command in ("/start", "/today"):
        print(user_says(DEMO_NAME, command))
        show(await bot.say(user, command), ansi)
    print(user_says(DEMO_NAME, "/search koursk"))
    results = await bot.say(user, "/search koursk")
    show(results, ansi)
    print(user_says(DEMO_NAME, "(presses ▶)"))
    show(await bot.press(user, results.sent[-1], "▶"), ansi)
    print(user_says(DEMO_NAME, "/help"))
    show(await bot.say(user, "/help"), ansi)


async def run_demo(config: Config) -> int:
    ansi = sys.stdout.isatty()
    with tempfile.TemporaryDirectory(prefix="briefbot-demo-") as folder:
        config = replace(config, db_path=Path(folder) / "demo.db")
        await load_sample(config)
        print(f"briefbot demo — the real bot, a fake Telegram on 127.0.0.1, sample day {SAMPLE}\n")
        async with (
            FakeTelegram(limits=Limits.unlimited()) as telegram,
            running_bot(config, telegram) as bot,
        ):
            await play(bot, ansi)
        if telegram.errors:
            print(f"Telegram would have refused {len(telegram.errors)} call(s):", file=sys.stderr)
            for call in telegram.errors:
                print(f"  {call}", file=sys.stderr)
            return 1
    return 0
