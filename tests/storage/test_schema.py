from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from storage import briefings, queries, snippets
from storage.db import open_database
from storage.models import NewBriefing, NewSnippet
from storage.schema import LATEST_VERSION, schema_version
from tests.older_files import opened_after_upgrade


async def test_new_file_is_migrated_from_version_0(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    db = await open_database(path)
    await db.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert {"briefings", "snippets", "snippets_fts", "subscribers", "deliveries"} <= tables


async def test_older_file_is_upgraded_in_place_keeping_its_content(tmp_path: Path) -> None:
    async with opened_after_upgrade(
        tmp_path / "old.db",
        1,
        "INSERT INTO snippets (day, text, search_text, published_at, content_hash, created_at)"
        " VALUES ('2024-10-24', 'Koursk tient', 'Koursk tient', '2024-10-24T00:00:00+00:00',"
        " 'h1', '2024-10-24T00:00:00+00:00')",
    ) as db:
        assert await schema_version(db.conn) == LATEST_VERSION
        page = await snippets.search(db, "koursk")
        assert [hit.text for hit in page.hits] == ["Koursk tient"]
        assert await queries.remember(db, "koursk") == await queries.remember(db, "koursk")


async def test_reopening_an_up_to_date_file_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    db = await open_database(path)
    await briefings.save_all(db, [NewBriefing(day=date(2024, 10, 24), title="T")])
    await db.close()
    db = await open_database(path)
    try:
        found = await briefings.get(db, date(2024, 10, 24))
        assert found is not None and found.title == "T"
    finally:
        await db.close()


async def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    db = await open_database(tmp_path / "fk.db")
    try:
        async with db.conn.execute("PRAGMA foreign_keys") as cursor:
            row = await cursor.fetchone()
        assert row is not None and row[0] == 1
    finally:
        await db.close()


async def test_a_failed_transaction_writes_nothing(tmp_path: Path) -> None:
    db = await open_database(tmp_path / "tx.db")
    try:
        day = date(2024, 10, 24)
        bad = NewBriefing(day=day, snippets=(NewSnippet(text="ok"),))
        try:
            async with db.transaction() as conn:
                await conn.execute(
                    "INSERT INTO briefings (day, created_at, updated_at) VALUES ('x', 'n', 'n')"
                )
                raise RuntimeError("importer found a bad item")
        except RuntimeError:
            pass
        assert await briefings.count(db) == 0
        await briefings.save_all(db, [bad])
        assert await briefings.count(db) == 1
    finally:
        await db.close()


def test_migrations_are_numbered_without_gaps() -> None:
    from storage.schema import MIGRATIONS

    assert sorted(MIGRATIONS) == list(range(1, len(MIGRATIONS) + 1))
