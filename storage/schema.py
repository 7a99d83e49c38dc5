"""The schema as ordered migrations; `PRAGMA user_version` says how many have run."""

from __future__ import annotations

import aiosqlite

# Append only: a released migration is never edited, since files in the field already ran it.
MIGRATIONS: tuple[str, ...] = (
    # 1: content, subscribers and the delivery ledger.
    """
    CREATE TABLE briefings (
        day TEXT PRIMARY KEY,
        title TEXT,
        summary TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE snippets (
        id INTEGER PRIMARY KEY,
        day TEXT NOT NULL,
        text TEXT NOT NULL,
        search_text TEXT NOT NULL,
        source TEXT,
        url TEXT,
        published_at TEXT NOT NULL,
        lang TEXT NOT NULL DEFAULT 'fr',
        content_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    CREATE INDEX snippets_by_day ON snippets (day, published_at);
    CREATE VIRTUAL TABLE snippets_fts USING fts5 (
        search_text,
        content = 'snippets',
        content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER snippets_fts_insert AFTER INSERT ON snippets BEGIN
        INSERT INTO snippets_fts (rowid, search_text) VALUES (new.id, new.search_text);
    END;
    CREATE TRIGGER snippets_fts_delete AFTER DELETE ON snippets BEGIN
        INSERT INTO snippets_fts (snippets_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END;
    CREATE TRIGGER snippets_fts_update AFTER UPDATE OF search_text ON snippets BEGIN
        INSERT INTO snippets_fts (snippets_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO snippets_fts (rowid, search_text) VALUES (new.id, new.search_text);
    END;
    CREATE TABLE subscribers (
        chat_id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('user', 'group', 'channel')),
        title TEXT,
        language TEXT NOT NULL DEFAULT 'fr',
        timezone TEXT NOT NULL,
        push_time TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        next_push_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX subscribers_due ON subscribers (active, next_push_at);
    CREATE TABLE deliveries (
        chat_id INTEGER NOT NULL
            REFERENCES subscribers (chat_id) ON DELETE CASCADE ON UPDATE CASCADE,
        day TEXT NOT NULL,
        state TEXT NOT NULL
            CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
        attempts INTEGER NOT NULL DEFAULT 0,
        message_ids TEXT,
        error TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (chat_id, day)
    );
    """,
    # 2: per-user interface language, and long search queries kept server-side so that
    # callback_data stays within Telegram's 64 bytes.
    """
    CREATE TABLE users (
        user_id INTEGER PRIMARY KEY,
        language TEXT,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE search_queries (
        id INTEGER PRIMARY KEY,
        query TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    """,
)

LATEST_VERSION = len(MIGRATIONS)


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
    for number in range(version + 1, target + 1):
        # The version bump commits with the migration, so a crash leaves either or neither.
        await conn.executescript(
            f"BEGIN IMMEDIATE;\n{MIGRATIONS[number - 1]}\nPRAGMA user_version = {number};\nCOMMIT;"
        )
    return await schema_version(conn)
