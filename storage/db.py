"""Opening the database: one SQLite file, WAL, a write lock, ordered migrations."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import aiosqlite
from aiosqlite import Row

from storage.schema import migrate

BUSY_TIMEOUT_MS = 10_000


@dataclass
class Database:
    """A connection plus the lock that keeps one task's transaction from mixing with another's,
    and, once open_reader has run, a second connection that only reads: with it, one search
    can walk the index on two cores at once (storage/snippets.py)."""

    conn: aiosqlite.Connection
    path: Path
    write_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    reader: aiosqlite.Connection | None = None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """Run the block as one write transaction: all of it is committed, or none of it."""
        async with self.write_lock:
            # IMMEDIATE takes the write lock up front, so a busy file waits (busy_timeout)
            # instead of failing later when a read transaction tries to upgrade.
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                await self.conn.rollback()
                raise
            await self.conn.commit()

    async def write_one(self, sql: str, parameters: Sequence[object] = ()) -> list[Row]:
        """Run one writing statement on its own (atomic by itself); return what it RETURNs."""
        async with self.write_lock:
            return list(await self.conn.execute_fetchall(sql, parameters))

    async def open_reader(self, *pragmas: str) -> None:
        """Open the second, read-only connection (WAL lets it read beside the first), with
        these PRAGMAs on both."""
        if self.reader is None:
            reader = await aiosqlite.connect(self.path, isolation_level=None)
            await reader.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            await reader.execute("PRAGMA query_only = ON")
            self.reader = reader
        for pragma in pragmas:
            await self.conn.execute(f"PRAGMA {pragma}")
            await self.reader.execute(f"PRAGMA {pragma}")

    async def close(self) -> None:
        if self.reader is not None:
            await self.reader.close()
        await self.conn.close()


async def open_database(path: Path | str) -> Database:
    """Open (creating if needed) and upgrade the database file at `path`."""
    conn = await aiosqlite.connect(path, isolation_level=None)
    try:
        await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        await conn.execute("PRAGMA journal_mode = WAL")
        await conn.execute("PRAGMA synchronous = NORMAL")
        await conn.execute("PRAGMA foreign_keys = ON")
        await migrate(conn)
    except BaseException:
        await conn.close()
        raise
    return Database(conn=conn, path=Path(path))
