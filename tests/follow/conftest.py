"""Keyword alerts run on the push's fixtures: the real bot, the fake Bot API, one ManualClock."""

from __future__ import annotations

from pathlib import Path

from bot.importers import parse_file
from storage import briefings
from storage.db import open_database
from tests.push.conftest import (
    PARIS,
    admin,
    anna,
    bot,
    clock,
    config,
    db_path,
    john,
    limits,
    telegram,
)

__all__ = ["admin", "anna", "bot", "clock", "config", "db_path", "john", "limits", "telegram"]


async def load_file(db_path: Path, path: Path) -> None:
    """Load a file as `briefbot load` does: its own connection, as another process would."""
    db = await open_database(db_path)
    try:
        await briefings.save_all(db, parse_file(path, tz=PARIS), tz=PARIS)
    finally:
        await db.close()
