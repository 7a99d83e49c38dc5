"""Keyword alerts run on the push's fixtures: the real bot, the fake Bot API, one ManualClock."""

from __future__ import annotations

import json
from pathlib import Path

from bot.importers import parse_file
from storage import alerts, briefings
from storage.db import Database, open_database
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


async def matched_snippets(db: Database) -> set[int]:
    """The snippets the loads' matches list, once the bot has written them out (its alert run
    does first)."""
    await alerts.queue_new_loads(db)
    rows = await db.conn.execute_fetchall("SELECT snippets FROM load_matches")
    return {n for (lists,) in rows for ids in json.loads(str(lists)) for n in ids}
