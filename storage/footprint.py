"""How much the store holds: content counts and the database's size on disk, for /stats."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storage import briefings, snippets
from storage.db import Database


@dataclass(frozen=True, slots=True)
class Footprint:
    snippets: int
    briefings: int
    database_bytes: int  # the file and its write-ahead log


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


async def footprint(db: Database) -> Footprint:
    wal = db.path.with_name(db.path.name + "-wal")
    return Footprint(
        snippets=await snippets.count(db),
        briefings=await briefings.count(db),
        database_bytes=_size(db.path) + _size(wal),
    )
