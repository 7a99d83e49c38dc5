-- Content, subscribers and the delivery ledger.
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
