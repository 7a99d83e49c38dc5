-- Per-user interface language, and long search queries kept server-side so that
-- callback_data stays within Telegram's 64 bytes.
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
