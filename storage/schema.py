"""The schema as ordered migrations; `PRAGMA user_version` says how many have run.

Each migration is a file `storage/migrations/NNNN_what.sql`, run in number order. A released
migration is never edited, since databases in the field already ran it: add a new file.
"""

from __future__ import annotations

import re
from importlib import resources

import aiosqlite

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def load_migrations() -> dict[int, str]:
    """The migration scripts by number (tests/storage checks the numbers have no gaps)."""
    folder = resources.files("storage") / "migrations"
    return {
        int(match[1]): entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if (match := _NAME.match(entry.name))
    }


MIGRATIONS = load_migrations()
LATEST_VERSION = max(MIGRATIONS)


async def schema_version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def migrate(conn: aiosqlite.Connection, target: int = LATEST_VERSION) -> int:
    """Run the migrations a file lacks, each in its own transaction; return the new version."""
    version = await schema_version(conn)
    if version > LATEST_VERSION:
        raise RuntimeError(
            f"database schema version {version} is newer than this briefbot ({LATEST_VERSION})"
        )
    for number in sorted(n for n in MIGRATIONS if version < n <= target):
        # The version bump commits with the migration, so a crash leaves either or neither.
        await conn.executescript(
            f"BEGIN IMMEDIATE;\n{MIGRATIONS[number]}\nPRAGMA user_version = {number};\nCOMMIT;"
        )
    return await schema_version(conn)
