"""Files written by an older briefbot, for the tests that open them with this one."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from storage.db import Database, open_database
from storage.schema import migrate

Write = str | tuple[str, tuple[object, ...]]


@asynccontextmanager
async def opened_after_upgrade(path: Path, version: int, *writes: Write) -> AsyncIterator[Database]:
    """The file at `path` made at schema `version`, holding what `writes` put in it (SQL, or SQL
    and its parameters), then opened as the bot opens it, which runs the later migrations;
    closed after."""
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        assert await migrate(conn, target=version) == version
        for write in writes:
            sql, parameters = (write, ()) if isinstance(write, str) else write
            await conn.execute(sql, parameters)
    db = await open_database(path)
    try:
        yield db
    finally:
        await db.close()
