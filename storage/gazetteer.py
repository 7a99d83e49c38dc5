"""Names admins add to the search gazetteer; bot.gazetteer merges them with the shipped file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storage.db import Database
from storage.timefmt import now_text

KINDS = ("place", "person", "organisation", "other")


@dataclass(frozen=True, slots=True)
class Name:
    """One entity and the ways it is written; `ambiguous` spellings are also everyday words."""

    name: str
    kind: str = "other"
    spellings: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()


async def add(db: Database, names: Sequence[Name]) -> int:
    """Store the names' spellings (one transaction); return how many were not stored yet."""
    created = now_text()
    rows = [
        (name.name, spelling, name.kind, int(spelling in name.ambiguous), created)
        for name in names
        for spelling in dict.fromkeys((name.name, *name.spellings, *name.ambiguous))
    ]
    async with db.transaction() as conn:
        before = conn.total_changes
        await conn.executemany(
            "INSERT INTO gazetteer_names (name, spelling, kind, ambiguous, created_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (name, spelling) DO NOTHING",
            rows,
        )
        return conn.total_changes - before


async def all_names(db: Database) -> list[Name]:
    """Every stored name with its spellings, in the order they were first added."""
    async with db.conn.execute(
        "SELECT name, spelling, kind, ambiguous FROM gazetteer_names ORDER BY rowid"
    ) as cursor:
        rows = await cursor.fetchall()
    grouped: dict[str, tuple[str, list[str], list[str]]] = {}
    for name, spelling, kind, ambiguous in rows:
        _, spellings, unsure = grouped.setdefault(str(name), (str(kind), [], []))
        if spelling != name:
            spellings.append(str(spelling))
        if ambiguous:
            unsure.append(str(spelling))
    return [
        Name(name, kind, tuple(spellings), tuple(unsure))
        for name, (kind, spellings, unsure) in grouped.items()
    ]


async def version(db: Database) -> int:
    """A number that changes whenever names are added, so readers know when to reload."""
    rows = await db.conn.execute_fetchall("SELECT coalesce(max(rowid), 0) FROM gazetteer_names")
    return int(next(iter(rows))[0])
